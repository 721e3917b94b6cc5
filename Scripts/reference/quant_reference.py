#!/usr/bin/env python3
"""Writes dequantization fixtures for TensorMathTests, using gguf-py (ggml's Python reference) as the oracle.

For each format: random blocks (random quant bytes, finite half scales) -> <NAME>.blocks, and gguf-py's
dequantization of them -> <NAME>.f32 (little-endian float32). Also half/bfloat16 conversion fixtures.
Run once:  pip install gguf numpy && python3 Scripts/reference/quant_reference.py
"""
import os
import numpy as np
from gguf import GGMLQuantizationType as T, GGML_QUANT_SIZES
from gguf.quants import dequantize, quantize

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "Tests", "TensorMathTests", "Fixtures")
rng = np.random.default_rng(20261127)

# Byte offsets of the half-precision scale fields in each block (see Sources/CTensorKernels/blocks.h).
HALF_FIELDS = {
    T.Q4_0: [0], T.Q4_1: [0, 2], T.Q5_0: [0], T.Q5_1: [0, 2], T.Q8_0: [0],
    T.Q4_K: [0, 2], T.Q5_K: [0, 2], T.Q6_K: [208],
}


def random_half(count):
    """Finite halves with magnitudes from 2^-20 (subnormal) to 4, either sign."""
    magnitude = np.exp2(rng.uniform(-20, 2, size=count)).astype(np.float16)
    return np.where(rng.random(count) < 0.5, -magnitude, magnitude).astype(np.float16)


def write(name, blocks: np.ndarray, values: np.ndarray):
    blocks.astype(np.uint8).tofile(os.path.join(OUT, f"{name}.blocks"))
    values.astype("<f4").tofile(os.path.join(OUT, f"{name}.f32"))


def quant_fixture(qtype, n_blocks):
    block_size, type_size = GGML_QUANT_SIZES[qtype]
    raw = rng.integers(0, 256, size=(n_blocks, type_size), dtype=np.uint8)
    for offset in HALF_FIELDS[qtype]:
        raw[:, offset:offset + 2] = random_half(n_blocks).view(np.uint8).reshape(n_blocks, 2)
    values = dequantize(raw.reshape(-1), qtype)
    assert values.size == n_blocks * block_size
    write(qtype.name, raw, values.reshape(-1))


def main():
    os.makedirs(OUT, exist_ok=True)
    for qtype in HALF_FIELDS:
        quant_fixture(qtype, 4 if GGML_QUANT_SIZES[qtype][0] == 256 else 16)

    # Every 16-bit pattern would be 128 KB per type; 4096 random ones plus the special values suffice.
    special = np.array([0x0000, 0x8000, 0x0001, 0x03ff, 0x0400, 0x7bff, 0x7c00, 0xfc00, 0x7e00, 0x3c00], np.uint16)
    for qtype in (T.F16, T.BF16):
        bits = np.concatenate([special, rng.integers(0, 1 << 16, size=4086, dtype=np.uint16)])
        if qtype == T.BF16:  # ggml quiets NaNs only when converting from f32; keep raw patterns finite or inf
            bits = bits[((bits & 0x7f80) != 0x7f80) | ((bits & 0x7f) == 0)]
        values = dequantize(bits.view(np.uint8), qtype)
        write(qtype.name, bits.view(np.uint8), values)

    # f32 -> f16 (numpy rounds to nearest even) and f32 -> bf16 (gguf-py mirrors ggml_compute_fp32_to_bf16).
    edge = np.array([65504, 65519.996, 65520, 65536, 1e-8, 2.0**-24, 2.0**-25, 1.5 * 2.0**-24, 2.0**-14,
                     (1 - 2.0**-11) * 2.0**-14, 1 + 2.0**-11, 1 + 3 * 2.0**-11, -0.0, np.inf, -np.inf,
                     3.4e38, 1e-45], np.float32)
    floats = np.concatenate([edge, (rng.standard_normal(2000) * np.exp2(rng.uniform(-30, 20, 2000))).astype(np.float32)])
    floats.astype("<f4").tofile(os.path.join(OUT, "half_inputs.f32"))
    with np.errstate(over="ignore"):
        floats.astype(np.float16).view("<u2").tofile(os.path.join(OUT, "half_inputs.f16"))
    quantize(floats, T.BF16).view("<u2").tofile(os.path.join(OUT, "half_inputs.bf16"))


if __name__ == "__main__":
    main()
