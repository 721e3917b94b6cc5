#!/usr/bin/env python3
"""Reference logits and greedy continuations for the Llama decoder tests.

The reference is an independent numpy forward pass in float64 over the GGUF tensors dequantized by gguf-py
(the exact function of the dequantized weights). llama.cpp (llama-cpp-python, logits_all, f32 KV cache) runs
the same prompts for the token ids and for comparison: it quantizes activations to Q8_0/Q8_1 before every
quantized product, and on SmolLM2-135M that rounding moves the logits by NMSE up to ~1.6e-2 from the exact
function (as its own switch to an f16 KV cache does), so it cannot serve as a 1e-3 target.

Writes Tests/ModelsTests/Fixtures/llama/<name>.json with, per prompt:
  tokens               the prompt's token ids (llama.cpp's tokenizer; the Swift test feeds these ids)
  argmax               the reference's argmax after every prompt token, and argmax_margin (top-1 minus top-2)
  subset_logits_f16    reference logits after every prompt token, for a fixed subset of the vocabulary
                       (the 256 most likely tokens overall plus 768 random ids), float16 little-endian, base64
  full_positions       a few positions whose whole logit vector is stored ...
  full_logits_f16      ... float16, base64
  greedy               32 tokens the reference picks greedily (argmax) after the prompt, and greedy_margin
  llama_cpp_argmax, llama_cpp_greedy, llama_cpp_greedy_margin   the same from llama.cpp
  llama_cpp_nmse       llama.cpp's NMSE against the reference at every position
  f16_cache_nmse       how far llama.cpp moves when only its KV cache goes from f32 to f16 (its default)
The subset keeps the fixture small (< 2 MB) while NMSE over it still estimates NMSE over the vocabulary.

Usage: python3 Scripts/reference/llama_reference.py [--model PATH] [--out PATH] [--greedy-tokens N]
  SmolLM2-135M Q4_1 (the default):    -> Tests/ModelsTests/Fixtures/llama/smollm2_q4_1.json
  Qwen2.5-Coder-1.5B-Instruct Q4_K_M: --model .../qwen2.5-coder-1.5b-instruct-q4_k_m.gguf --greedy-tokens 0
                                       --out Tests/ModelsTests/Fixtures/llama/qwen25_coder_1_5b_q4_k_m.json
Weights are held dequantized in float32 (what the dequantizers produce; 6 GB for the 1.5B model) and widened
to float64 one matrix at a time, so every product is still computed in float64. --greedy-tokens 0 leaves the
greedy continuations out (empty lists), which on a 1.5B model would take an hour in numpy.
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
GREEDY_TOKENS = 32  # --greedy-tokens
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


def llama_cpp_reference(model_path, greedy_tokens):
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
        for _ in range(greedy_tokens):
            greedy.append(int(np.argmax(step_logits)))
            greedy_margin.append(top2_margin(step_logits))
            llm.eval([greedy[-1]])
            step_logits = np.array(llm.scores[llm.n_tokens - 1], dtype=np.float32)
        results.append(dict(name=name, text=text, add_bos=add_bos, tokens=[int(t) for t in tokens],
                            logits=logits, greedy=greedy, greedy_margin=greedy_margin))
        print(f"{name}: {len(tokens)} tokens, greedy -> {llm.detokenize(greedy)!r}", file=sys.stderr)
    return results, llama_cpp.__version__


# ---- the reference: an independent numpy forward pass over the dequantized GGUF tensors ----

class NumpyLlama:
    """The dequantized model (gguf-py's dequantizers, independent of tenor's) evaluated in float64: the
    exact function that a decoder with f32 activations approximates. llama.cpp quantizes activations to
    Q8_0/Q8_1 before every quantized matrix product, and on SmolLM2-135M that rounding alone moves the
    logits by NMSE 1e-3 to 1e-2 (as does its f16 KV cache), so it is compared here, not used as the target."""

    def __init__(self, model_path):
        import gguf

        reader = gguf.GGUFReader(model_path)
        fields = {k: f.contents() for k, f in reader.fields.items() if not k.startswith("tokenizer.")}
        self.arch = arch = fields["general.architecture"]
        self.n_layers = fields[f"{arch}.block_count"]
        self.heads = fields[f"{arch}.attention.head_count"]
        self.kv_heads = fields.get(f"{arch}.attention.head_count_kv", self.heads)
        self.eps = fields[f"{arch}.attention.layer_norm_rms_epsilon"]
        self.theta = fields.get(f"{arch}.rope.freq_base", 10000.0)
        self.w = {}
        for t in reader.tensors:
            values = gguf.quants.dequantize(t.data, t.tensor_type)
            # float32 is what the dequantizers produce; widened to float64 where used (exactly).
            values = np.asarray(values, dtype=np.float32)
            self.w[t.name] = values.reshape([int(d) for d in reversed(t.shape)])
        self.embed = self.w["token_embd.weight"]
        self.output = self.w.get("output.weight", self.embed)
        self.head_dim = self.embed.shape[1] // self.heads

    def logits(self, tokens, cache=None, last_only=False):
        """Logits after each of `tokens`. With `cache` (a list, filled on the first call), `tokens` continue the
        sequence whose keys and values it holds."""
        w, n, head_dim, heads, kv_heads = self.w, len(tokens), self.head_dim, self.heads, self.kv_heads
        f64 = np.float64
        if cache is None:
            cache = []
        start = cache[0][0].shape[0] if cache else 0

        def rms(x, weight):
            return x / np.sqrt(np.mean(x * x, axis=-1, keepdims=True) + self.eps) * weight.astype(f64)

        def rope(x):  # x: [n, h, d]; pairs (2i, 2i+1) for llama GGUFs, (i, i+d/2) for qwen2
            pos = np.arange(start, start + n, dtype=f64)[:, None]
            freqs = self.theta ** (-np.arange(0, head_dim, 2, dtype=f64) / head_dim)
            angle = pos * freqs[None, :]
            cos, sin = np.cos(angle)[:, None, :], np.sin(angle)[:, None, :]
            if self.arch == "qwen2":
                a, b = x[..., : head_dim // 2], x[..., head_dim // 2:]
                return np.concatenate([a * cos - b * sin, a * sin + b * cos], axis=-1)
            a, b = x[..., 0::2], x[..., 1::2]
            out = np.empty_like(x)
            out[..., 0::2] = a * cos - b * sin
            out[..., 1::2] = a * sin + b * cos
            return out

        x = self.embed[tokens].astype(f64)
        # Query i (position start + i) sees keys 0 ... start + i.
        mask = np.triu(np.full((n, start + n), -np.inf), start + 1)
        for l in range(self.n_layers):
            p = f"blk.{l}."
            h = rms(x, w[p + "attn_norm.weight"])
            def mm(a, name):  # a (float64) times the float32 matrix widened to float64
                return a @ w[name].astype(f64).T
            q, k, v = mm(h, p + "attn_q.weight"), mm(h, p + "attn_k.weight"), mm(h, p + "attn_v.weight")
            if self.arch == "qwen2":
                q, k, v = q + w[p + "attn_q.bias"], k + w[p + "attn_k.bias"], v + w[p + "attn_v.bias"]  # widened
            q = rope(q.reshape(n, heads, head_dim))
            k = rope(k.reshape(n, kv_heads, head_dim))
            v = v.reshape(n, kv_heads, head_dim)
            if len(cache) <= l:
                cache.append((k, v))
            else:
                cache[l] = (np.concatenate([cache[l][0], k]), np.concatenate([cache[l][1], v]))
            k, v = cache[l]
            group = heads // kv_heads
            k, v = np.repeat(k, group, axis=1), np.repeat(v, group, axis=1)
            scores = np.einsum("qhd,khd->hqk", q, k) / np.sqrt(head_dim) + mask
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            scores /= scores.sum(-1, keepdims=True)
            attn = np.einsum("hqk,khd->qhd", scores, v).reshape(n, heads * head_dim)
            x = x + mm(attn, p + "attn_output.weight")
            h = rms(x, w[p + "ffn_norm.weight"])
            g, u = mm(h, p + "ffn_gate.weight"), mm(h, p + "ffn_up.weight")
            x = x + mm((g / (1 + np.exp(-g))) * u, p + "ffn_down.weight")
        if last_only:
            x = x[-1:]
        h = rms(x, w["output_norm.weight"])
        # The vocabulary projection in row chunks, so only a slice of it is widened to float64 at a time.
        rows = self.output.shape[0]
        out = np.empty((h.shape[0], rows), dtype=np.float32)
        for r in range(0, rows, 16384):
            out[:, r:r + 16384] = h @ self.output[r:r + 16384].astype(f64).T
        return out

    def greedy(self, tokens, count):
        """`count` tokens chosen by argmax, one at a time through the KV cache, and their top-2 margins."""
        chosen, margins, cache = [], [], []
        row = self.logits(tokens, cache, last_only=True)[0]
        for _ in range(count):
            chosen.append(int(np.argmax(row)))
            margins.append(top2_margin(row))
            row = self.logits([chosen[-1]], cache)[0]
        return chosen, margins


def nmse(a, b):
    return float(np.sum((a - b) ** 2) / np.sum(b ** 2))


def main():
    models = os.environ.get("TENOR_MODELS_DIR", os.path.expanduser("~/.local/share/tenor/models"))
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", default=os.path.join(models, "smollm2/SmolLM2-135M-Instruct.Q4_1.gguf"))
    parser.add_argument("--out", default=os.path.join(os.path.dirname(__file__),
                                                      "../../Tests/ModelsTests/Fixtures/llama/smollm2_q4_1.json"))
    parser.add_argument("--greedy-tokens", type=int, default=GREEDY_TOKENS)
    args = parser.parse_args()

    results, version = llama_cpp_reference(args.model, args.greedy_tokens)
    f16_logits = f16_cache_nmse(args.model)
    reference = NumpyLlama(args.model)
    # Self-check of the cached path the greedy continuations use: the last token through the cache.
    tokens, cache = results[0]["tokens"], []
    reference.logits(tokens[:-1], cache)
    stepped = reference.logits(tokens[-1:], cache)[0]
    print(f"numpy cached step vs whole sequence: NMSE {nmse(stepped, reference.logits(tokens)[-1]):.1e}",
          file=sys.stderr)
    for r in results:
        r["numpy"] = reference.logits(r["tokens"])
        r["numpy_greedy"], r["numpy_greedy_margin"] = reference.greedy(r["tokens"], args.greedy_tokens)
        print(f"{r['name']}: numpy greedy {'==' if r['numpy_greedy'] == r['greedy'] else '!='} llama.cpp greedy",
              file=sys.stderr)
    vocab = results[0]["numpy"].shape[1]

    rng = np.random.default_rng(20261127)
    everything = np.concatenate([r["numpy"] for r in results])
    top = np.argsort(-everything.max(axis=0))[:TOP_SUBSET]
    rest = np.setdiff1d(np.arange(vocab), top)
    subset = np.sort(np.concatenate([top, rng.choice(rest, RANDOM_SUBSET, replace=False)]))

    prompts = []
    for r, f16 in zip(results, f16_logits):
        logits, llama = r["numpy"], r["logits"]
        n = len(r["tokens"])
        full_positions = sorted({0, n - 1})[:FULL_POSITIONS]
        llama_nmse = [nmse(llama[i], logits[i]) for i in range(n)]
        prompts.append(dict(
            name=r["name"], text=r["text"], add_bos=r["add_bos"], tokens=r["tokens"],
            argmax=[int(i) for i in logits.argmax(axis=1)],
            argmax_margin=[top2_margin(row) for row in logits],
            subset_logits_f16=f16_b64(logits[:, subset]),
            full_positions=full_positions,
            full_logits_f16=f16_b64(logits[full_positions]),
            greedy=r["numpy_greedy"], greedy_margin=r["numpy_greedy_margin"],
            llama_cpp_argmax=[int(i) for i in llama.argmax(axis=1)],
            llama_cpp_nmse=llama_nmse,
            llama_cpp_greedy=r["greedy"], llama_cpp_greedy_margin=r["greedy_margin"],
            f16_cache_nmse=[nmse(f16[i], llama[i]) for i in range(n)]))
        agree = np.mean(llama.argmax(1) == logits.argmax(1))
        print(f"llama.cpp vs numpy, {r['name']}: max NMSE {max(llama_nmse):.2e}, median {np.median(llama_nmse):.2e}, "
              f"argmax agree {agree:.3f}", file=sys.stderr)

    fixture = dict(
        generator="Scripts/reference/llama_reference.py", reference="numpy float64 over gguf-py's dequantized tensors",
        llama_cpp_python=version, model=os.path.basename(args.model), model_bytes=os.path.getsize(args.model),
        vocabulary_size=int(vocab), subset_ids=[int(i) for i in subset], prompts=prompts)
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w") as f:
        json.dump(fixture, f, separators=(",", ":"))
    print(f"wrote {args.out} ({os.path.getsize(args.out)} bytes)", file=sys.stderr)


if __name__ == "__main__":
    main()
