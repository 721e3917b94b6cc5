#!/usr/bin/env python3
"""Writes the small seed corpora in Fuzz/Seeds/ (a few KB each). Run once; the output is committed.

Uses gguf-py and onnx (pip install gguf onnx) so the seeds are valid files written by the reference
implementations, which the fuzzer then mutates."""
import json, os, struct, sys
import numpy as np
import gguf
import onnx
from onnx import helper, TensorProto, numpy_helper

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Seeds")

def write(target, name, data):
    os.makedirs(os.path.join(ROOT, target), exist_ok=True)
    with open(os.path.join(ROOT, target, name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())

def gguf_bytes(build):
    path = "/tmp/tenor-seed.gguf"
    w = gguf.GGUFWriter(path, "llama")
    build(w)
    w.write_header_to_file(); w.write_kv_data_to_file(); w.write_tensors_to_file(); w.close()
    return open(path, "rb").read()

def frame(obj):
    body = json.dumps(obj).encode() if not isinstance(obj, bytes) else obj
    return b"Content-Length: %d\r\n\r\n" % len(body) + body

# --- wire: first byte picks the size limit and chunk size
init = {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}
open_doc = {"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "file:///a.md", "languageId": "markdown", "version": 1, "text": "Hello the the world."}}}
change = {"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": "file:///a.md", "version": 2}, "contentChanges": [{"range": {"start": {"line": 0, "character": 6}, "end": {"line": 0, "character": 9}}, "text": "é😀"}]}}
write("FuzzWire", "session", b"\x80" + frame(init) + frame(open_doc) + frame(change) + frame({"jsonrpc": "2.0", "id": "s", "method": "shutdown"}))
write("FuzzWire", "batch-and-errors", b"\x10" + frame(b'[{"jsonrpc":"2.0","id":3,"method":"x"}]') + frame(b'{"id": 7, "method": ') + b"Content-Type: x\r\n\r\n" + frame({"id": 1, "result": None}))
write("FuzzWire", "oversized", b"\x01" + b"Content-Length: 99999\r\n\r\n" + b'{"jsonrpc":"2.0","id":9,"method":"m"}')
write("FuzzWire", "invalid-utf8", b"\xff" + frame(b'{"jsonrpc":"2.0","id":2,"method":"m","params":{"t":"\xff\xfe\xc3"}}'))

# --- GGUF: a llama-style file with a few tensor types and metadata of every kind
def model(w):
    w.add_uint32("general.alignment", 32)
    w.add_context_length(64); w.add_embedding_length(8); w.add_block_count(1)
    w.add_float32("llama.attention.layer_norm_rms_epsilon", 1e-5)
    w.add_array("test.ints", [1, 2, 3]); w.add_array("test.strings", ["a", "b"]); w.add_bool("test.bool", True)
    w.add_tensor("token_embd.weight", np.arange(16, dtype=np.float32).reshape(2, 8))
    w.add_tensor("output_norm.weight", np.ones(8, dtype=np.float16))
    q = np.zeros(20 * 2, dtype=np.uint8)  # two Q4_1 blocks of 32 values (20 bytes each)
    w.add_tensor("blk.0.attn_q.weight", q.reshape(1, 40), raw_dtype=gguf.GGMLQuantizationType.Q4_1)
write("FuzzGGUF", "tiny-llama.gguf", gguf_bytes(model))
write("FuzzGGUF", "header-only.gguf", b"GGUF" + struct.pack("<IQQ", 3, 0, 0))

# --- BPE: u16 text length, text, then a GGUF with tokenizer metadata
def bpe_vocab():
    # The GPT-2 byte alphabet for ASCII letters and space ('Ġ'), plus a few merges and specials.
    tokens = [chr(c) for c in range(ord("a"), ord("z") + 1)] + ["Ġ", "Ġt", "he", "Ġthe", "<|im_start|>", "<|im_end|>", "<|endoftext|>"]
    types = [1] * (len(tokens) - 3) + [3, 3, 3]
    merges = ["Ġ t", "h e", "Ġt he"]
    return tokens, types, merges
def bpe(pre):
    def build(w):
        tokens, types, merges = bpe_vocab()
        w.add_string("tokenizer.ggml.model", "gpt2"); w.add_string("tokenizer.ggml.pre", pre)
        w.add_token_list(tokens); w.add_token_types(types); w.add_token_merges(merges)
        w.add_bos_token_id(len(tokens) - 3); w.add_eos_token_id(len(tokens) - 2)
    return build
def spm(w):
    tokens = ["<unk>", "<s>", "</s>", "▁", "▁the", "t", "h", "e", "<0x41>", "<0xC3>", "<0xA9>"]
    w.add_string("tokenizer.ggml.model", "llama")
    w.add_token_list(tokens); w.add_token_scores([0.0, 0.0, 0.0, -1.0, -0.5, -2.0, -2.0, -2.0, -3.0, -3.0, -3.0])
    w.add_token_types([2, 3, 3, 1, 1, 1, 1, 1, 6, 6, 6])
    w.add_bos_token_id(1); w.add_eos_token_id(2); w.add_unk_token_id(0)
def with_text(text, body):
    t = text.encode()
    return struct.pack("<H", len(t)) + t + body
write("FuzzBPE", "smollm-pre.bin", with_text("the theme, 42 <|im_start|>é", gguf_bytes(bpe("smollm"))))
write("FuzzBPE", "default-pre.bin", with_text("Hello  the\n\nthe 😀", gguf_bytes(bpe("default"))))
write("FuzzBPE", "sentencepiece.bin", with_text("the Aé the", gguf_bytes(spm)))

# --- WordPiece: a tokenizer.json shaped like all-MiniLM-L6-v2's, with a tiny vocabulary
vocab = {t: i for i, t in enumerate(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "the", "cat", "##s", "sat", ",", ".", "un", "##able", "é"])}
tok = {
    "version": "1.0",
    "truncation": {"direction": "Right", "max_length": 128, "strategy": "LongestFirst", "stride": 0},
    "padding": {"strategy": "BatchLongest", "direction": "Right", "pad_to_multiple_of": None, "pad_id": 0, "pad_type_id": 0, "pad_token": "[PAD]"},
    "added_tokens": [{"id": i, "content": c, "single_word": False, "lstrip": False, "rstrip": False, "normalized": False, "special": True}
                     for c, i in vocab.items() if c.startswith("[")],
    "normalizer": {"type": "BertNormalizer", "clean_text": True, "handle_chinese_chars": True, "strip_accents": None, "lowercase": True},
    "pre_tokenizer": {"type": "BertPreTokenizer"},
    "post_processor": {"type": "TemplateProcessing",
        "single": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}}, {"SpecialToken": {"id": "[SEP]", "type_id": 0}}],
        "pair": [], "special_tokens": {"[CLS]": {"id": "[CLS]", "ids": [2], "tokens": ["[CLS]"]}, "[SEP]": {"id": "[SEP]", "ids": [3], "tokens": ["[SEP]"]}}},
    "decoder": {"type": "WordPiece", "prefix": "##", "cleanup": True},
    "model": {"type": "WordPiece", "unk_token": "[UNK]", "continuing_subword_prefix": "##", "max_input_chars_per_word": 100, "vocab": vocab},
}
write("FuzzWordPiece", "minilm-shaped.bin", with_text("The cats sat, unable [MASK] é 世界.", json.dumps(tok).encode()))

# --- safetensors
def safetensors(tensors, metadata=None):
    header, data = {}, b""
    for name, arr in tensors.items():
        raw = arr.tobytes()
        dtype = {"float32": "F32", "float16": "F16", "int64": "I64", "uint8": "U8"}[str(arr.dtype)]
        header[name] = {"dtype": dtype, "shape": list(arr.shape), "data_offsets": [len(data), len(data) + len(raw)]}
        data += raw
    if metadata: header["__metadata__"] = metadata
    h = json.dumps(header).encode()
    return struct.pack("<Q", len(h)) + h + data
write("FuzzSafetensors", "small.safetensors", safetensors({"w": np.arange(6, dtype=np.float32).reshape(2, 3), "b": np.ones(3, dtype=np.float16), "ids": np.arange(2, dtype=np.int64)}, {"format": "pt"}))
bf = {"x": {"dtype": "BF16", "shape": [2], "data_offsets": [0, 4]}, "e": {"dtype": "F32", "shape": [0, 5], "data_offsets": [4, 4]}}
h = json.dumps(bf).encode()
write("FuzzSafetensors", "bf16-empty.safetensors", struct.pack("<Q", len(h)) + h + b"\x80\x3f\x00\x40")

# --- ONNX: a tiny conv net with initializers in raw and typed fields, and a Constant node
w = numpy_helper.from_array(np.ones((2, 1, 3, 3), dtype=np.float32), "w")
b = helper.make_tensor("b", TensorProto.FLOAT, [2], [0.5, -0.5])
shape = helper.make_tensor("shape", TensorProto.INT64, [2], [1, -1])
const = helper.make_node("Constant", [], ["scale"], value=helper.make_tensor("s", TensorProto.FLOAT, [1], [2.0]))
conv = helper.make_node("Conv", ["x", "w", "b"], ["y"], pads=[1, 1, 1, 1])
mul = helper.make_node("Mul", ["y", "scale"], ["z"])
reshape = helper.make_node("Reshape", ["z", "shape"], ["out"])
graph = helper.make_graph([const, conv, mul, reshape], "tiny",
    [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 1, 4, 4])],
    [helper.make_tensor_value_info("out", TensorProto.FLOAT, [1, 32])], [w, b, shape])
m = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
write("FuzzONNX", "tiny-conv.onnx", m.SerializeToString())
q = numpy_helper.from_array(np.arange(8, dtype=np.uint8), "q")
g2 = helper.make_graph([helper.make_node("Identity", ["q"], ["o"])], "q", [], [helper.make_tensor_value_info("o", TensorProto.UINT8, [8])], [q])
write("FuzzONNX", "uint8.onnx", helper.make_model(g2, opset_imports=[helper.make_opsetid("", 13)]).SerializeToString())

# --- Prose: Markdown with every construct the segmenter handles, and plain text
md = """---
title: Seed
---
# Heading with `code` and a [link](https://example.com)

A sentence with *emphasis*, **strong** and ~~strike~~. Dr. Smith arrived at 3.14 p.m. Then he left!
<!-- tenor-disable-next-line repeated-word -->
The the repeated word is allowed here.

> A quote. With two sentences.

- item one
- [ ] task two
  1. nested

| a | b |
|---|---|
| cell one | cell two |

```swift
let code = "not prose"
```

Footnote[^1] and https://bare.example.org/url. 世界和平。😀 e\u0301

[^1]: The note.
[ref]: https://example.com "Title"
<!-- tenor-disable repeated-word -->
Off off.
<!-- tenor-enable -->
"""
write("FuzzProse", "constructs.md", md)
write("FuzzProse", "crlf.txt", "Plain text.\r\nSecond line; no Markdown *here*.\rOld Mac line.\n\n\nNew paragraph...")
print("seeds written to", os.path.normpath(ROOT))
