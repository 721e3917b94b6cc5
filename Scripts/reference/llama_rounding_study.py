#!/usr/bin/env python3
"""Where llama.cpp's logits and an exact forward pass part ways on SmolLM2-135M Q4_1 (docs/PERFORMANCE.md).

Runs a numpy forward pass over the GGUF tensors (float32) with ggml's rounding steps switched on one at a time:
Q8_0/Q8_1 activation quantization (tenor's old rounding: quants from the half-rounded scale; or ggml's x86 one:
id = 127/amax in f32, round half to even, Q8_1's s = f16(d·Σq) with the unrounded d), ggml's RoPE angles
(theta_i by repeated f32 multiplication), ggml's RMSNorm (double sum, x·(1/sqrt)), an f16 KV cache. Prints,
per prompt, max and median NMSE and positions above 1e-3 against llama.cpp (f32 KV cache) and between variants.
A measurement, not a fixture; slow (minutes).

Usage: python3 Scripts/reference/llama_rounding_study.py [--model PATH]
"""
import argparse
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(__file__))
import llama_reference  # noqa: E402

f32 = np.float32


class Weights:
    """Q4_1 rows as (q·d, m per block) and Q8_0 rows as q·d, from the raw GGUF bytes."""

    def __init__(self, path):
        import gguf

        self.reader = gguf.GGUFReader(path)
        self.tensors = {t.name: t for t in self.reader.tensors}
        self.cache = {}

    def field(self, key):
        return self.reader.fields[key].contents()

    def vector(self, name):
        return np.asarray(self.tensors[name].data, dtype=f32)

    def _blocks(self, name, block_bytes):
        t = self.tensors[name]
        rows, cols = [int(d) for d in reversed(t.shape)]
        return np.asarray(t.data).reshape(rows, cols // 32, block_bytes), rows, cols

    def q4_1(self, name):
        if name not in self.cache:
            b, rows, cols = self._blocks(name, 20)
            d = b[..., 0:2].copy().view(np.float16)[..., 0].astype(f32)
            m = b[..., 2:4].copy().view(np.float16)[..., 0].astype(f32)
            q = np.concatenate([b[..., 4:] & 15, b[..., 4:] >> 4], axis=-1).astype(f32)
            self.cache[name] = ((q * d[..., None]).reshape(rows, cols), m)
        return self.cache[name]

    def q8_0(self, name):
        if name not in self.cache:
            b, rows, cols = self._blocks(name, 34)
            d = b[..., 0:2].copy().view(np.float16)[..., 0].astype(f32)
            q = b[..., 2:].copy().view(np.int8).astype(f32)
            self.cache[name] = (q * d[..., None]).reshape(rows, cols)
        return self.cache[name]


def quantize_activations(x, rounding):
    """Rows of x as Q8 blocks: (dequantized values, Q8_1's s per block)."""
    n, cols = x.shape
    blocks = x.reshape(n, cols // 32, 32)
    amax = np.abs(blocks).max(-1)
    d = (amax / f32(127)).astype(f32)
    d16 = d.astype(np.float16).astype(f32)
    with np.errstate(divide="ignore"):
        if rounding == "ggml":
            inverse = np.where(amax != 0, f32(127) / amax, f32(0)).astype(f32)
        else:
            inverse = np.where(d16 != 0, f32(1) / d16, f32(0)).astype(f32)
    q = np.clip(np.rint((blocks * inverse[..., None]).astype(f32)), -127, 127)
    s = ((d if rounding == "ggml" else d16) * q.sum(-1)).astype(f32).astype(np.float16).astype(f32)
    return (q * d16[..., None]).reshape(n, cols).astype(f32), s


def forward(weights, tokens, activations=None, rope="exact", norm="exact", kv16=False):
    eps = f32(weights.field("llama.attention.layer_norm_rms_epsilon"))
    theta = weights.field("llama.rope.freq_base")
    layers = weights.field("llama.block_count")
    heads, kv_heads = weights.field("llama.attention.head_count"), weights.field("llama.attention.head_count_kv")
    n = len(tokens)
    embed = weights.q8_0("token_embd.weight")
    head_dim = embed.shape[1] // heads
    x = embed[tokens].astype(f32)

    def rms(x, w):
        if norm == "ggml":
            mean = (np.sum(x.astype(np.float64) ** 2, -1, keepdims=True) / x.shape[-1]).astype(f32)
            return ((x * (f32(1) / np.sqrt(mean + eps)).astype(f32)).astype(f32) * w).astype(f32)
        return (x / np.sqrt(np.mean(x * x, -1, keepdims=True) + eps) * w).astype(f32)

    def q4_1(name, h):
        qd, m = weights.q4_1(name)
        if activations is None:
            return (h @ (qd.reshape(qd.shape[0], -1, 32) + m[..., None]).reshape(qd.shape).T).astype(f32)
        hq, s = quantize_activations(h, activations)
        return (hq @ qd.T + s @ m.T).astype(f32)

    def q8_0(name, h):
        w = weights.q8_0(name)
        if activations is not None:
            h = quantize_activations(h, activations)[0]
        return (h @ w.T).astype(f32)

    positions = np.arange(n)
    if rope == "ggml":
        step = np.power(f32(theta), f32(-2.0) / f32(head_dim), dtype=f32)
        angles = np.zeros((n, head_dim // 2), f32)
        angle = positions.astype(f32)
        for i in range(head_dim // 2):
            angles[:, i] = angle
            angle = (angle * step).astype(f32)
    else:
        angles = positions[:, None] * float(theta) ** (-np.arange(0, head_dim, 2, dtype=np.float64) / head_dim)
    cos, sin = np.cos(angles).astype(f32)[:, None, :], np.sin(angles).astype(f32)[:, None, :]

    def rotate(v):
        a, b = v[..., 0::2], v[..., 1::2]
        out = np.empty_like(v)
        out[..., 0::2], out[..., 1::2] = a * cos - b * sin, a * sin + b * cos
        return out

    mask = np.triu(np.full((n, n), -np.inf, f32), 1)
    group = heads // kv_heads
    for l in range(layers):
        p = f"blk.{l}."
        h = rms(x, weights.vector(p + "attn_norm.weight"))
        q = rotate(q4_1(p + "attn_q.weight", h).reshape(n, heads, head_dim))
        k = rotate(q4_1(p + "attn_k.weight", h).reshape(n, kv_heads, head_dim))
        v = q4_1(p + "attn_v.weight", h).reshape(n, kv_heads, head_dim)
        if kv16:
            k, v = k.astype(np.float16).astype(f32), v.astype(np.float16).astype(f32)
        k, v = np.repeat(k, group, 1), np.repeat(v, group, 1)
        scores = np.einsum("qhd,khd->hqk", q, k).astype(f32) * f32(1 / np.sqrt(head_dim)) + mask
        scores = np.exp(scores - scores.max(-1, keepdims=True))
        scores = (scores / scores.sum(-1, keepdims=True)).astype(f32)
        attention = np.einsum("hqk,khd->qhd", scores, v).reshape(n, heads * head_dim).astype(f32)
        x = (x + q4_1(p + "attn_output.weight", attention)).astype(f32)
        h = rms(x, weights.vector(p + "ffn_norm.weight"))
        g, u = q4_1(p + "ffn_gate.weight", h), q4_1(p + "ffn_up.weight", h)
        x = (x + q4_1(p + "ffn_down.weight", (g / (1 + np.exp(-g)) * u).astype(f32))).astype(f32)
    return q8_0("token_embd.weight", rms(x, weights.vector("output_norm.weight")))


def summary(label, names, a, b):
    parts, same, total = [], 0, 0
    for name, x, y in zip(names, a, b):
        e = [llama_reference.nmse(x[i], y[i]) for i in range(len(x))]
        same += int(np.sum(x.argmax(1) == y.argmax(1)))
        total += len(x)
        parts.append(f"{name}: max {max(e):.1e} median {np.median(e):.1e} >1e-3 at {sum(v > 1e-3 for v in e)}/{len(e)}")
    print(f"{label:58s} | " + " | ".join(parts) + f" | argmax same {same}/{total}", flush=True)


def main():
    models = os.environ.get("TENOR_MODELS_DIR", os.path.expanduser("~/.local/share/tenor/models"))
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", default=os.path.join(models, "smollm2/SmolLM2-135M-Instruct.Q4_1.gguf"))
    args = parser.parse_args()
    results, _ = llama_reference.llama_cpp_reference(args.model)
    f16_cache = llama_reference.f16_cache_nmse(args.model)
    names = [r["name"] for r in results]
    llama = [r["logits"] for r in results]
    weights = Weights(args.model)
    variants = {
        "f32": dict(),
        "f32, f16 KV cache": dict(kv16=True),
        "Q8, tenor's old rounding": dict(activations="tenor"),
        "Q8, ggml's rounding": dict(activations="ggml"),
        "Q8, ggml's rounding + RoPE": dict(activations="ggml", rope="ggml"),
        "Q8, ggml's rounding + RoPE + RMSNorm": dict(activations="ggml", rope="ggml", norm="ggml"),
    }
    out = {label: [forward(weights, r["tokens"], **kw) for r in results] for label, kw in variants.items()}
    summary("llama.cpp f16 KV cache vs llama.cpp", names, f16_cache, llama)
    for label in variants:
        summary(f"{label} vs llama.cpp", names, out[label], llama)
    summary("f32, f16 KV cache vs f32", names, out["f32, f16 KV cache"], out["f32"])
    summary("Q8, ggml's rounding vs f32", names, out["Q8, ggml's rounding"], out["f32"])
    summary("Q8, ggml's rounding + RoPE vs Q8, ggml's rounding", names, out["Q8, ggml's rounding + RoPE"],
            out["Q8, ggml's rounding"])


if __name__ == "__main__":
    main()
