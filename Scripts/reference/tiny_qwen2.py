#!/usr/bin/env python3
"""Writes a tiny random Qwen2 GGUF (our own random weights, ~300 KB) and llama.cpp's logits for it.

It checks the paths SmolLM2 does not use: Q/K/V biases, NeoX rope, a separate output matrix, grouped KV
heads with another ratio, and F16 / Q8_0 / Q4_0 / Q5_0 / Q5_1 weights. The tokenizer metadata is a minimal
byte-level vocabulary so that llama.cpp loads the file; the tests feed token ids directly.

Outputs Tests/ModelsTests/Fixtures/llama/tiny_qwen2.gguf and tiny_qwen2.json
(tokens, logits after every token as float32 base64, a greedy continuation of 16 tokens and llama.cpp's
top-2 margin at each greedy step).
Usage: python3 Scripts/reference/tiny_qwen2.py [--numpy]
"""
import argparse
import base64
import json
import os
import sys

import numpy as np
import gguf
from gguf import GGMLQuantizationType as T

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "../../Tests/ModelsTests/Fixtures/llama")
DIM, HEADS, KV_HEADS, FF, LAYERS, VOCAB, CONTEXT = 128, 4, 2, 256, 2, 320, 128
GREEDY = 16


def byte_tokens():
    # GPT-2's byte-to-unicode alphabet: printable bytes map to themselves, the rest to U+0100 upwards.
    printable = list(range(ord("!"), ord("~") + 1)) + list(range(0xA1, 0xAD)) + list(range(0xAE, 0x100))
    mapping, extra = {}, 0
    for b in range(256):
        if b in printable:
            mapping[b] = chr(b)
        else:
            mapping[b] = chr(256 + extra)
            extra += 1
    return [mapping[b] for b in range(256)]


def write_model(path):
    rng = np.random.default_rng(7)
    head_dim = DIM // HEADS

    def normal(*shape, scale):
        return (rng.standard_normal(shape) * scale).astype(np.float32)

    writer = gguf.GGUFWriter(path, "qwen2")
    writer.add_name("tiny random qwen2 (tenor test)")
    writer.add_block_count(LAYERS)
    writer.add_context_length(CONTEXT)
    writer.add_embedding_length(DIM)
    writer.add_feed_forward_length(FF)
    writer.add_head_count(HEADS)
    writer.add_head_count_kv(KV_HEADS)
    writer.add_rope_freq_base(10000.0)
    writer.add_layer_norm_rms_eps(1e-6)
    writer.add_file_type(1)
    tokens = byte_tokens() + [f"<|tok{i}|>" for i in range(VOCAB - 256 - 2)] + ["<|endoftext|>", "<|im_end|>"]
    writer.add_tokenizer_model("gpt2")
    writer.add_tokenizer_pre("qwen2")
    writer.add_token_list(tokens)
    writer.add_token_types([1] * 256 + [1] * (VOCAB - 256 - 2) + [3, 3])
    writer.add_token_merges(["Ġ t", "Ġ a"])
    writer.add_eos_token_id(VOCAB - 1)
    writer.add_bos_token_id(VOCAB - 2)
    writer.add_add_bos_token(False)

    def add(name, array, qtype=T.F32):
        if qtype == T.F32:
            writer.add_tensor(name, array)
        elif qtype == T.F16:
            writer.add_tensor(name, array.astype(np.float16))
        else:
            writer.add_tensor(name, gguf.quants.quantize(array, qtype), raw_dtype=qtype)

    add("token_embd.weight", normal(VOCAB, DIM, scale=1.0), T.Q8_0)
    for l in range(LAYERS):
        p = f"blk.{l}."
        add(p + "attn_norm.weight", 1 + normal(DIM, scale=0.1))
        add(p + "attn_q.weight", normal(DIM, DIM, scale=0.15), T.F16)
        add(p + "attn_k.weight", normal(KV_HEADS * head_dim, DIM, scale=0.15), T.Q8_0)
        add(p + "attn_v.weight", normal(KV_HEADS * head_dim, DIM, scale=0.1), T.Q4_0)
        add(p + "attn_q.bias", normal(DIM, scale=0.5))
        add(p + "attn_k.bias", normal(KV_HEADS * head_dim, scale=0.5))
        add(p + "attn_v.bias", normal(KV_HEADS * head_dim, scale=0.1))
        add(p + "attn_output.weight", normal(DIM, DIM, scale=0.05), T.Q5_0)
        add(p + "ffn_norm.weight", 1 + normal(DIM, scale=0.1))
        add(p + "ffn_gate.weight", normal(FF, DIM, scale=0.1), T.Q8_0)
        add(p + "ffn_up.weight", normal(FF, DIM, scale=0.1), T.Q8_0)
        add(p + "ffn_down.weight", normal(DIM, FF, scale=0.05), T.Q5_1)
    add("output_norm.weight", 1 + normal(DIM, scale=0.1))
    add("output.weight", normal(VOCAB, DIM, scale=0.1), T.Q8_0)
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--numpy", action="store_true")
    args = parser.parse_args()
    os.makedirs(FIXTURES, exist_ok=True)
    model = os.path.join(FIXTURES, "tiny_qwen2.gguf")
    write_model(model)
    tokens = [int(t) for t in np.random.default_rng(3).integers(0, VOCAB - 2, 40)]

    import llama_cpp
    # f32 KV cache and no flash attention, as tenor computes attention (see llama_reference.py).
    llm = llama_cpp.Llama(model_path=model, n_ctx=CONTEXT, n_batch=CONTEXT, n_threads=2, logits_all=True,
                          type_k=0, type_v=0, flash_attn=False, verbose=False)
    llm.eval(tokens)
    logits = np.array(llm.scores[: len(tokens)], dtype=np.float32)
    greedy, greedy_margin, step = [], [], logits[-1]
    for _ in range(GREEDY):
        greedy.append(int(np.argmax(step)))
        top = np.sort(step)[-2:]
        greedy_margin.append(float(top[1] - top[0]))  # near-ties may go either way
        llm.eval([greedy[-1]])
        step = np.array(llm.scores[llm.n_tokens - 1], dtype=np.float32)
    if args.numpy:
        sys.path.insert(0, HERE)
        from llama_reference import numpy_logits, nmse
        reference = numpy_logits(model, tokens)
        print("numpy vs llama.cpp: max NMSE %.2e, argmax agree %.3f" % (
            max(nmse(reference[i], logits[i]) for i in range(len(tokens))),
            np.mean(reference.argmax(1) == logits.argmax(1))), file=sys.stderr)
    with open(os.path.join(FIXTURES, "tiny_qwen2.json"), "w") as f:
        json.dump(dict(generator="Scripts/reference/tiny_qwen2.py", llama_cpp_python=llama_cpp.__version__,
                       tokens=tokens, vocabulary_size=VOCAB,
                       logits_f32=base64.b64encode(logits.astype("<f4").tobytes()).decode("ascii"),
                       greedy=greedy, greedy_margin=greedy_margin), f)
    print(f"wrote {model} ({os.path.getsize(model)} bytes)", file=sys.stderr)


if __name__ == "__main__":
    main()
