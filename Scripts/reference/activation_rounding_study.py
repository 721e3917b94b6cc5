#!/usr/bin/env python3
"""How far rounding the activations of every matrix product moves Qwen2.5-Coder-1.5B's logits (issue #18).

The K-quant kernels may take the activations as 16-bit integers per 256 elements (Q16_K, today's default) or as
8-bit integers with one scale per 256 (Q8_K, llama.cpp's choice) or per 32 elements (Q8_0's layout). This runs
the numpy float64 forward pass of llama_reference.py over the dequantized GGUF tensors with each activation row
rounded that way before every quantized product (q/k/v, output, gate/up, down and the vocabulary projection),
and prints, per prompt, the max and median NMSE against the exact pass and the argmax agreement — the bounds the
issue sets are NMSE ≤ 1e-3 at every position and argmax equal at ≥ 99 %.

A measurement, not a fixture; slow (a few minutes per variant on two cores, 6 GB of float32 weights).
Usage: python3 Scripts/reference/activation_rounding_study.py [--model PATH] [--variants q8_32,q16_256,...]
Token ids come from the committed fixture, so llama.cpp is not needed.
"""
import argparse
import json
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(__file__))
import llama_reference  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURE = os.path.join(HERE, "../../Tests/ModelsTests/Fixtures/llama/qwen25_coder_1_5b_q4_k_m.json")


def peak_ratio(a):
    """max|x| / rms(x) per row: large where a row carries an outlier activation (Qwen2's first token)."""
    return np.abs(a).max(axis=-1) / np.sqrt(np.mean(a * a, axis=-1) + 1e-30)


def mixed(a, limit, stats, block=32):
    """Q8 per `block` for rows whose peak ratio is at most `limit`, Q16 per 256 for the others."""
    ratio = peak_ratio(a)
    wide = ratio > limit
    stats[0] += int(wide.sum())
    stats[1] += len(ratio)
    return np.where(wide[:, None], rounded(a, 256, 32767), rounded(a, block, 127))


def rounded(a, block, levels):
    """Each row of `a` in blocks of `block` elements as integers in [-levels, levels] times amax/levels (ties to
    even, as lrintf and ggml's x86 quantizers round)."""
    shape = a.shape
    b = a.reshape(-1, shape[-1] // block, block)
    amax = np.abs(b).max(axis=-1, keepdims=True)
    d = amax / levels
    with np.errstate(divide="ignore", invalid="ignore"):
        q = np.where(d > 0, np.rint(b / np.where(d > 0, d, 1)), 0)
    return (np.clip(q, -levels, levels) * d).reshape(shape)


VARIANTS = {
    "exact": None,
    "q16_256": (256, 32767),
    "q8_256": (256, 127),
    "q8_64": (64, 127),
    "q8_32": (32, 127),
    "q8_16": (16, 127),
}
for _limit in (10, 20, 30, 50, 100):
    VARIANTS[f"mixed{_limit}"] = ("mixed", _limit, 32)
    VARIANTS[f"mixed{_limit}_16"] = ("mixed", _limit, 16)


class RoundedLlama(llama_reference.NumpyLlama):
    """The reference pass with activations rounded before each product (the vocabulary projection included)."""

    def __init__(self, path):
        super().__init__(path)
        self.rounding = None
        self.ratios, self.wide = [], [0, 0]
        self.exact_weights = self.w
        # Every matrix product of NumpyLlama.logits goes through `a @ W.T` with W a float32 array: wrap the
        # weights so that the product rounds its left operand first.
        self.w = {k: (Rounds(self, v) if v.ndim == 2 and k != "token_embd.weight" else v) for k, v in self.w.items()}
        self.output = Rounds(self, self.output)


class Rounds:
    """A float32 matrix whose `.astype(f64).T` product with an activation rounds the activation first."""

    def __init__(self, owner, matrix):
        self.owner, self.matrix = owner, matrix
        self.shape = matrix.shape

    def __getitem__(self, key):
        return Rounds(self.owner, self.matrix[key])

    def astype(self, dtype):
        return Transposable(self.owner, self.matrix.astype(dtype))


class Transposable:
    def __init__(self, owner, matrix):
        self.owner, self.matrix = owner, matrix

    @property
    def T(self):
        return Product(self.owner, self.matrix.T)


class Product:
    __array_ufunc__ = None  # `a @ product` comes here instead of numpy converting the object

    def __init__(self, owner, matrix_t):
        self.owner, self.matrix_t = owner, matrix_t

    def __rmatmul__(self, a):
        rounding = self.owner.rounding
        self.owner.ratios.append(peak_ratio(a))
        if rounding is not None and rounding[0] == "mixed":
            a = mixed(a, rounding[1], self.owner.wide, rounding[2])
        elif rounding is not None:
            a = rounded(a, *rounding)
        return a @ self.matrix_t


def main():
    models = os.environ.get("TENOR_MODELS_DIR", os.path.expanduser("~/.local/share/tenor/models"))
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", default=os.path.join(models, "qwen2.5-coder-1.5b/qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"))
    parser.add_argument("--variants", default="q16_256,q8_256,q8_32")
    args = parser.parse_args()
    with open(FIXTURE) as f:
        prompts = [(p["name"], p["tokens"]) for p in json.load(f)["prompts"]]
    model = RoundedLlama(args.model)
    exact = {name: model.logits(tokens) for name, tokens in prompts}
    ratios = np.concatenate(model.ratios)
    print("peak ratio over all product inputs: percentiles 50/90/99/99.9/max "
          + " ".join(f"{np.percentile(ratios, p):.1f}" for p in (50, 90, 99, 99.9)) + f" {ratios.max():.1f}", flush=True)
    for variant in args.variants.split(","):
        model.rounding = VARIANTS[variant]
        model.wide = [0, 0]
        worst, above, agree, total = 0.0, 0, 0, 0
        parts = []
        for name, tokens in prompts:
            logits = model.logits(tokens)
            errors = [llama_reference.nmse(logits[i], exact[name][i]) for i in range(len(tokens))]
            same = int(np.sum(logits.argmax(1) == exact[name].argmax(1)))
            worst, above = max(worst, max(errors)), above + sum(e > 1e-3 for e in errors)
            agree, total = agree + same, total + len(tokens)
            flips = [i for i in range(len(tokens)) if logits[i].argmax() != exact[name][i].argmax()]
            parts.append(f"{name} argmax differs at {flips}, over 1e-3 at {[i for i, e in enumerate(errors) if e > 1e-3]} max {max(errors):.1e} median {np.median(errors):.1e} (worst at {int(np.argmax(errors))})")
        wide = f" (rows in Q16: {model.wide[0]}/{model.wide[1]})" if model.wide[1] else ""
        print(f"{variant}{wide}: max NMSE {worst:.2e}, positions over 1e-3: {above}/{total}, argmax same {agree}/{total}; "
              + "; ".join(parts), flush=True)


if __name__ == "__main__":
    main()
