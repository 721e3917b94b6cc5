#!/usr/bin/env python3
"""Fits the five weights of Tenor's lexical formality scorer (Sources/Restyle/FormalityScorer.swift) and checks
them on pairs nobody fitted on.

    python3 Scripts/restyle/fit_formality.py            # prints the report and the weights
    python3 Scripts/restyle/fit_formality.py --write    # also writes Tests/RestyleTests/Fixtures/formality_scores.json

The features are the Swift scorer's, re-implemented here (word lists read from the Swift file): average word
length, formal and informal cue weight per word, and whether no informal cue is present. Only the weights of
    z = b0 + b1·(average length − 4.3) + b2·formal/words + b3·informal/words + b4·[no informal cue]
are fitted (logistic regression), on data/restyle/formality_pairs/ (48 informal → formal and 48 formal → casual
pairs). The held-out check is data/restyle/formality_holdout/ (50 + 50 pairs by another writer, on other topics);
both sets were written by helpers who saw neither the scorer nor any evaluation set. What matters for Restyle is
whether a good rewrite reaches the style (formal ≥ 0.6, casual ≤ 0.4) while a copy of its source does not.
The fixture holds the held-out sentences with the Python score, so the Swift test checks the port exactly.
"""
import json
import math
import pathlib
import re
import sys

import numpy as np

ROOT = pathlib.Path(__file__).resolve().parents[2]
SWIFT = (ROOT / "Sources/Restyle/FormalityScorer.swift").read_text(encoding="utf-8")
HAND_WEIGHTS = (-0.6, 0.6, 5.0, -6.0, 0.6)


def word_list(name):
    block = SWIFT[SWIFT.index(f"static let {name}"):]
    return set(re.findall(r'"([^"]+)"', block[:block.index("]")]))


INFORMAL, FORMAL = word_list("informalWords"), word_list("formalWords")
SUFFIXES = re.findall(r'"([a-z]+)"', SWIFT[SWIFT.index("static let latinateSuffixes"):].split("\n")[0])


def words_of(text):
    """TextFeatures.words: runs of letters, digits, apostrophes and braces; outer apostrophes trimmed."""
    words, current = [], ""
    for ch in text:
        if ch.isalpha() or ch.isdigit() or ch in "'’{}":
            current += "'" if ch == "’" else ch
        elif current:
            words.append(current)
            current = ""
    if current:
        words.append(current)
    return [w.strip("'") for w in words if w.strip("'")]


def features(text):
    words = words_of(text)
    lowered = [w.lower() for w in words]
    if not lowered:
        return None
    informal = formal = 0.0
    for w in lowered:
        if "'" in w:
            informal += 1
        if w in INFORMAL:
            informal += 1.5
        if w in FORMAL:
            formal += 1.5
        if len(w) >= 9 and w.isalpha():
            formal += 0.5
        if any(len(w) >= 7 and w.endswith(s) for s in SUFFIXES):
            formal += 0.5
    informal += text.count("!") * 1.5
    if "..." in text or "??" in text:
        informal += 1
    if "i" in words:
        informal += 1.5
    trimmed = text.strip()
    if trimmed and trimmed[0].isalpha() and trimmed[0].islower():
        informal += 1.5
    if trimmed and trimmed[-1] not in ".?!:;\"')":
        informal += 0.5
    count = len(lowered)
    average = sum(len(w) for w in lowered) / count
    return [average - 4.3, formal / count, informal / count, 1.0 if informal == 0 else 0.0]


def score(text, weights):
    f = features(text)
    if f is None:
        return 0.5
    z = weights[0] + sum(w * x for w, x in zip(weights[1:], f))
    return 1 / (1 + math.exp(-z))


def pairs(path):
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            source, rewrite = line.split("\t")
            rows.append((source.strip(), rewrite.strip()))
    return rows


def labelled(folder):
    """(text, formal?, pair id, kind) for both sides of every pair."""
    rows = []
    for i, (s, r) in enumerate(pairs(folder / "formal.tsv")):
        rows += [(s, 0, f"f{i}", "informal source"), (r, 1, f"f{i}", "formal rewrite")]
    for i, (s, r) in enumerate(pairs(folder / "casual.tsv")):
        rows += [(s, 1, f"c{i}", "formal source"), (r, 0, f"c{i}", "casual rewrite")]
    return rows


def fit(rows, l2=1e-3):
    """Newton's method on the L2-regularised logistic loss."""
    a = np.array([[1.0] + features(t) for t, *_ in rows])
    y = np.array([label for _, label, *_ in rows], dtype=float)
    w = np.zeros(a.shape[1])
    for _ in range(100):
        p = 1 / (1 + np.exp(-a @ w))
        hessian = a.T @ (a * (p * (1 - p))[:, None]) / len(y) + l2 * np.eye(len(w))
        w -= np.linalg.solve(hessian, a.T @ (p - y) / len(y) + l2 * w)
    return tuple(round(float(x), 2) for x in w)


def report(rows, scores, name):
    def share(kind, test):
        values = [test(s) for (_, _, _, k), s in zip(rows, scores) if k == kind]
        return sum(values) / len(values)
    accuracy = sum((s >= 0.5) == bool(label) for (_, label, _, _), s in zip(rows, scores)) / len(rows)
    print(f"| {name} | {accuracy:.0%} | {share('formal rewrite', lambda s: s >= 0.6):.0%} | "
          f"{share('casual rewrite', lambda s: s <= 0.4):.0%} | {share('informal source', lambda s: s >= 0.6):.0%} | "
          f"{share('formal source', lambda s: s <= 0.4):.0%} |")


def main():
    fitting = labelled(ROOT / "data/restyle/formality_pairs")
    held_out = labelled(ROOT / "data/restyle/formality_holdout")
    weights = fit(fitting)
    # Cross-validation on the fitting pairs: 8 folds of whole pairs.
    ids = sorted({pid for _, _, pid, _ in fitting})
    rng = np.random.default_rng(0)
    rng.shuffle(ids)
    cv_scores = [0.0] * len(fitting)
    for fold in np.array_split(np.array(ids), 8):
        fold = set(fold)
        fold_weights = fit([r for r in fitting if r[2] not in fold])
        for i, r in enumerate(fitting):
            if r[2] in fold:
                cv_scores[i] = score(r[0], fold_weights)
    print("| weights, set | accuracy at 0.5 | formal rewrites ≥ 0.6 | casual rewrites ≤ 0.4 | "
          "informal sources ≥ 0.6 | formal sources ≤ 0.4 |")
    print("|---|---|---|---|---|---|")
    report(fitting, [score(t, HAND_WEIGHTS) for t, *_ in fitting], "hand-set, fitting pairs")
    report(fitting, cv_scores, "fitted, fitting pairs (8-fold cross-validation)")
    report(held_out, [score(t, HAND_WEIGHTS) for t, *_ in held_out], "hand-set, **held-out pairs**")
    report(held_out, [score(t, weights) for t, *_ in held_out], "fitted, **held-out pairs**")
    validation = [line.split("\t") for line in
                  (ROOT / "data/restyle/formality_validation.tsv").read_text(encoding="utf-8").splitlines()[1:]]
    for name, w in [("hand-set", HAND_WEIGHTS), ("fitted", weights)]:
        correct = sum((score(t, w) >= 0.5) == (label == "1") for label, t in validation)
        print(f"formality_validation.tsv, {name}: {correct}/{len(validation)} at 0.5")
    print("weights:", weights)
    if "--write" in sys.argv:
        fixture = {"weights": list(weights),
                   "scores": [{"text": t, "score": score(t, weights)} for t, *_ in held_out]}
        out = ROOT / "Tests/RestyleTests/Fixtures/formality_scores.json"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(fixture, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print("wrote", out.relative_to(ROOT))


if __name__ == "__main__":
    main()
