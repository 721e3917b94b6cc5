"""Clauses of a sentence, as Sources/Tone/ToneTokens.swift finds them: whitespace words; a clause ends
after a word ending in , ; : (closing quotes and brackets aside) or a lone dash, and a new one starts
at a coordinating or subordinating conjunction; clauses of fewer than three words join the next one
(the last joins the previous)."""
import re

import numpy as np

from cues import cue_features

CONJUNCTIONS = {"and", "but", "so", "because", "although", "though", "while", "whereas", "yet", "or", "unless"}
CLOSERS = "\"'”’)]»"
DASHES = {"-", "–", "—", "--"}
PUNCT = "\"'“”‘’.,!?;:()[]{}*_…-–—«»"


def word_clauses(text):
    words = [(m.start(), m.end(), m.group()) for m in re.finditer(r"\S+", text)]
    ids, clause = [], 0
    for i, (_, _, w) in enumerate(words):
        core = w.strip(PUNCT).lower()
        if i > 0 and core in CONJUNCTIONS and ids and ids[-1] == clause:
            clause += 1
        ids.append(clause)
        stripped = w.rstrip(CLOSERS)
        if w in DASHES or (stripped and stripped[-1] in ",;:"):
            clause += 1
    # Merge clauses shorter than three words into the next (the last into the previous).
    while True:
        labels = sorted(set(ids))
        if len(labels) <= 1:
            break
        sizes = {c: ids.count(c) for c in labels}
        short = [c for c in labels if sizes[c] < 3]
        if not short:
            break
        c = short[0]
        position = labels.index(c)
        target = labels[position + 1] if position + 1 < len(labels) else labels[position - 1]
        ids = [target if v == c else v for v in ids]
    # Renumber 0, 1, 2 … in order.
    order = {c: k for k, c in enumerate(dict.fromkeys(ids))}
    return words, [order[c] for c in ids]


def token_clauses(text, offsets):
    """Per token (character offsets), its clause index; per clause, its 5 cue features."""
    words, ids = word_clauses(text)
    count = max(ids) + 1 if ids else 1
    cues = []
    for c in range(count):
        members = [w for w, k in zip(words, ids) if k == c]
        cues.append(cue_features(text[members[0][0]:members[-1][1]])[:5] if members else [0] * 5)
    token = np.zeros(len(offsets), dtype=np.int64)
    w = 0
    for t, (a, b) in enumerate(offsets):
        while w + 1 < len(words) and words[w][1] <= a:
            w += 1
        token[t] = ids[w] if ids else 0
    return token, np.array(cues, dtype=np.float32)
