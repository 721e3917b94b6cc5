#!/usr/bin/env python3
"""Reference logits and greedy continuations for the Llama decoder tests, from llama.cpp.

Runs llama.cpp (llama-cpp-python, logits_all) on a few prompts and writes
Tests/ModelsTests/Fixtures/llama/<name>.json with, per prompt:
  tokens               the prompt's token ids (llama.cpp's tokenizer; the Swift test feeds these ids)
  argmax               llama.cpp's argmax after every prompt token
  subset_logits_f16    logits after every prompt token, for a fixed subset of the vocabulary
                       (the 256 most likely tokens overall plus 768 random ids), float16 little-endian, base64
  full_positions       a few positions whose whole logit vector is stored ...
  full_logits_f16      ... float16, base64
  argmax_margin        llama.cpp's top-1 minus top-2 logit at every position (near-ties may go either way)
  f16_cache_nmse       NMSE between llama.cpp with its default f16 KV cache and with the f32 cache used here:
                       how much a mere rounding change moves this model's logits at each position
  greedy               32 tokens llama.cpp picks greedily (argmax) after the prompt, and greedy_margin
The subset keeps the fixture small (< 2 MB) while NMSE over it still estimates NMSE over the vocabulary.

With --numpy it also runs an independent numpy forward pass over tensors dequantized by gguf-py and
prints its NMSE against llama.cpp (a second opinion on the reference; not stored).

Usage: python3 Scripts/reference/llama_reference.py [--model PATH] [--numpy]
"""
import argparse
import base64
import json
import os
import sys

import numpy as np

PROMPTS = [
    # (name, text, add_bos, parse special tokens)
    ("plain", "The quick brown fox jumps over the lazy dog. Once upon a time, in a small village,", False, False),
    ("chat", "<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n<|im_start|>user\n"
             "Rewrite this sentence more concisely: The meeting that we had scheduled for tomorrow "
             "has been moved to a later date.<|im_end|>\n<|im_start|>assistant\n", False, True),
    # Longer than one prefill batch (64), so chunked prefill is exercised.
    ("long", "Writing clearly is hard. " * 3 + "Good prose uses short sentences, concrete nouns and active verbs. "
             "It avoids jargon, hedging and needless words. When you revise a draft, read it aloud, cut every "
             "word that does no work, and ask whether a reader who knows nothing of the subject would follow "
             "each step of the argument. Then", True, False),
]
GREEDY_TOKENS = 32
TOP_SUBSET = 256
RANDOM_SUBSET = 768
FULL_POSITIONS = 2  # per prompt: the first and the last position


def f16_b64(array):
    return base64.b64encode(np.asarray(array, dtype="<f2").tobytes()).decode("ascii")


def top2_margin(logits):
    """How far llama.cpp's choice is ahead of the runner-up (a near-tie may go either way)."""
    top = np.sort(logits)[-2:]
    return float(top[1] - top[0])


def f16_cache_nmse(model_path):
    """Per position, how far llama.cpp's logits move when only its KV cache changes from f32 to f16
    (its default): a measure of how sensitive the model is at that position to rounding."""
    import llama_cpp

    llm = llama_cpp.Llama(model_path=model_path, n_ctx=512, n_batch=512, n_threads=2, logits_all=True,
                          flash_attn=False, verbose=False)
    moved = []
    for name, text, add_bos, special in PROMPTS:
        tokens = llm.tokenize(text.encode("utf-8"), add_bos=add_bos, special=special)
        llm.reset()
        llm.eval(tokens)
        moved.append(np.array(llm.scores[: len(tokens)], dtype=np.float32))
    return moved


def llama_cpp_reference(model_path):
    import llama_cpp

    # An f32 KV cache (type 0) and no flash attention, as tenor computes attention: llama.cpp's default f16
    # cache alone moves SmolLM2's logits by NMSE up to ~1.5e-2 at some positions, more than the tolerance.
    llm = llama_cpp.Llama(model_path=model_path, n_ctx=512, n_batch=512, n_threads=2,
                          logits_all=True, type_k=0, type_v=0, flash_attn=False, verbose=False)
    results = []
    for name, text, add_bos, special in PROMPTS:
        tokens = llm.tokenize(text.encode("utf-8"), add_bos=add_bos, special=special)
        llm.reset()
        llm.eval(tokens)
        logits = np.array(llm.scores[: len(tokens)], dtype=np.float32)
        # Greedy continuation, one token at a time, argmax of llama.cpp's own logits.
        greedy, greedy_margin = [], []
        step_logits = logits[-1]
        for _ in range(GREEDY_TOKENS):
            greedy.append(int(np.argmax(step_logits)))
            greedy_margin.append(top2_margin(step_logits))
            llm.eval([greedy[-1]])
            step_logits = np.array(llm.scores[llm.n_tokens - 1], dtype=np.float32)
        results.append(dict(name=name, text=text, add_bos=add_bos, tokens=[int(t) for t in tokens],
                            logits=logits, greedy=greedy, greedy_margin=greedy_margin))
        print(f"{name}: {len(tokens)} tokens, greedy -> {llm.detokenize(greedy)!r}", file=sys.stderr)
    return results, llama_cpp.__version__


# ---- independent numpy forward pass (second opinion) ----

def numpy_logits(model_path, tokens):
    import gguf

    reader = gguf.GGUFReader(model_path)
    fields = {k: f.contents() for k, f in reader.fields.items() if not k.startswith("tokenizer.")}
    arch = fields["general.architecture"]
    n_layers = fields[f"{arch}.block_count"]
    heads = fields[f"{arch}.attention.head_count"]
    kv_heads = fields.get(f"{arch}.attention.head_count_kv", heads)
    eps = fields[f"{arch}.attention.layer_norm_rms_epsilon"]
    theta = fields.get(f"{arch}.rope.freq_base", 10000.0)
    tensors = {t.name: t for t in reader.tensors}

    def weight(name):
        t = tensors[name]
        values = gguf.quants.dequantize(t.data, t.tensor_type)
        return np.asarray(values, dtype=np.float32).reshape([int(d) for d in reversed(t.shape)])

    embed = weight("token_embd.weight")
    output = weight("output.weight") if "output.weight" in tensors else embed
    dim = embed.shape[1]
    head_dim = dim // heads
    n = len(tokens)

    def rms(x, w):
        return x / np.sqrt(np.mean(x * x, axis=-1, keepdims=True) + eps) * w

    def rope(x):  # x: [n, h, d]; pairs (2i, 2i+1) for llama GGUFs, (i, i+d/2) for qwen2
        pos = np.arange(n, dtype=np.float64)[:, None]
        freqs = theta ** (-np.arange(0, head_dim, 2, dtype=np.float64) / head_dim)
        angle = pos * freqs[None, :]
        cos, sin = np.cos(angle)[:, None, :].astype(np.float32), np.sin(angle)[:, None, :].astype(np.float32)
        if arch == "qwen2":
            a, b = x[..., : head_dim // 2], x[..., head_dim // 2:]
            return np.concatenate([a * cos - b * sin, a * sin + b * cos], axis=-1)
        a, b = x[..., 0::2], x[..., 1::2]
        out = np.empty_like(x)
        out[..., 0::2] = a * cos - b * sin
        out[..., 1::2] = a * sin + b * cos
        return out

    x = embed[tokens]
    mask = np.triu(np.full((n, n), -np.inf, dtype=np.float32), 1)
    for l in range(n_layers):
        p = f"blk.{l}."
        h = rms(x, weight(p + "attn_norm.weight"))
        q = h @ weight(p + "attn_q.weight").T
        k = h @ weight(p + "attn_k.weight").T
        v = h @ weight(p + "attn_v.weight").T
        if arch == "qwen2":
            q, k, v = q + weight(p + "attn_q.bias"), k + weight(p + "attn_k.bias"), v + weight(p + "attn_v.bias")
        q = rope(q.reshape(n, heads, head_dim))
        k = rope(k.reshape(n, kv_heads, head_dim))
        v = v.reshape(n, kv_heads, head_dim)
        group = heads // kv_heads
        k, v = np.repeat(k, group, axis=1), np.repeat(v, group, axis=1)
        scores = np.einsum("qhd,khd->hqk", q, k) / np.sqrt(head_dim) + mask
        scores = np.exp(scores - scores.max(-1, keepdims=True))
        scores /= scores.sum(-1, keepdims=True)
        attn = np.einsum("hqk,khd->qhd", scores, v).reshape(n, heads * head_dim)
        x = x + attn @ weight(p + "attn_output.weight").T
        h = rms(x, weight(p + "ffn_norm.weight"))
        g = h @ weight(p + "ffn_gate.weight").T
        u = h @ weight(p + "ffn_up.weight").T
        x = x + ((g / (1 + np.exp(-g))) * u) @ weight(p + "ffn_down.weight").T
    return rms(x, weight("output_norm.weight")) @ output.T


def nmse(a, b):
    return float(np.sum((a - b) ** 2) / np.sum(b ** 2))


def main():
    models = os.environ.get("TENOR_MODELS_DIR", os.path.expanduser("~/.local/share/tenor/models"))
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", default=os.path.join(models, "smollm2/SmolLM2-135M-Instruct.Q4_1.gguf"))
    parser.add_argument("--out", default=os.path.join(os.path.dirname(__file__),
                                                      "../../Tests/ModelsTests/Fixtures/llama/smollm2_q4_1.json"))
    parser.add_argument("--numpy", action="store_true", help="also compare an independent numpy forward pass")
    args = parser.parse_args()

    results, version = llama_cpp_reference(args.model)
    vocab = results[0]["logits"].shape[1]

    rng = np.random.default_rng(20261127)
    everything = np.concatenate([r["logits"] for r in results])
    top = np.argsort(-everything.max(axis=0))[:TOP_SUBSET]
    rest = np.setdiff1d(np.arange(vocab), top)
    subset = np.sort(np.concatenate([top, rng.choice(rest, RANDOM_SUBSET, replace=False)]))

    f16_logits = f16_cache_nmse(args.model)
    prompts = []
    for r, f16 in zip(results, f16_logits):
        logits = r["logits"]
        n = len(r["tokens"])
        full_positions = sorted({0, n - 1})[:FULL_POSITIONS]
        prompts.append(dict(
            name=r["name"], text=r["text"], add_bos=r["add_bos"], tokens=r["tokens"],
            argmax=[int(i) for i in logits.argmax(axis=1)],
            argmax_margin=[top2_margin(row) for row in logits],
            f16_cache_nmse=[nmse(f16[i], logits[i]) for i in range(n)],
            subset_logits_f16=f16_b64(logits[:, subset]),
            full_positions=full_positions,
            full_logits_f16=f16_b64(logits[full_positions]),
            greedy=r["greedy"], greedy_margin=r["greedy_margin"]))
        if args.numpy:
            reference = numpy_logits(args.model, r["tokens"])
            per_position = [nmse(reference[i], logits[i]) for i in range(n)]
            agree = np.mean(reference.argmax(1) == logits.argmax(1))
            print(f"numpy vs llama.cpp, {r['name']}: max NMSE {max(per_position):.2e}, argmax agree {agree:.3f}",
                  file=sys.stderr)

    fixture = dict(
        generator="Scripts/reference/llama_reference.py", llama_cpp_python=version,
        model=os.path.basename(args.model), model_bytes=os.path.getsize(args.model),
        vocabulary_size=int(vocab), subset_ids=[int(i) for i in subset], prompts=prompts)
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w") as f:
        json.dump(fixture, f, separators=(",", ":"))
    print(f"wrote {args.out} ({os.path.getsize(args.out)} bytes)", file=sys.stderr)


if __name__ == "__main__":
    main()
