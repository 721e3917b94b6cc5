"""Rows for the token-level tone head (train_tokens.py), with their splits fixed by SEED before any
training: every source's held-out part is decided here, from the data alone.

A row: {"text", "source", "split" (train/dev/test), "kind", "y": five labels for insult, profanity,
hate, threat, toxic (1, 0, or -1 = unknown), "spans": [[start, end, category index], ...] or None}.
Spans are character ranges of offending words (toxic_spans offsets, HateXplain rationales);
category 4 ("toxic") when the source gives no category.

Splits (seeded, SEED = 19):
- HateXplain: 20% of posts held out as test; 8% of the rest dev.
- SBIC: its test split is test; its dev split is ours to train on (90%) and tune on (10%).
- HatemojiBuild: its own train / validation (dev) / test splits.
- Jigsaw templates: whole templates held out: of the six template names, two are test, one dev.
- Toxic Spans: tsd_train (train), tsd_trial (dev), tsd_test (test).
- Davidson, ParaDetox, ToxiGen: train only (seeded samples); they have no test role here.
- Tenor's own sentences (data/tone): train.jsonl + extra-train.jsonl train; dev.jsonl + extra-dev.jsonl
  + docs-dev.jsonl dev; test.jsonl test.
- Documentation written by others (train and dev, split by file): the Swift packages' Markdown under
  .build/checkouts, pyenv's Markdown and reStructuredText (docs_sentences below); Debian's /usr/share/doc
  (docs_corpus.py) and PyPI source distributions (pypi_docs_corpus.py) are the test corpora, never read here.
- Made from the rows above, train only, each with its own generator so that no other row moves:
  `buried` (a hostile clause inside a documentation sentence, and its benign twin) and `negated` (Tenor's
  own hostile training sentences with the claim negated, benign).
"""
import ast
import csv
import glob
import html
import json
import os
import random
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cues import cue_features  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DATASETS = os.path.join(os.path.dirname(ROOT), "shared", "datasets")
if not os.path.isdir(DATASETS):
    DATASETS = "/work/shared/datasets"
CATEGORIES = ["insult", "profanity", "hate", "threat", "toxic"]
SEED = 19
U = -1

# Training sample sizes: bounded so that encoding + training fit in the CPU budget (see REPORT).
# Raised in the eleventh session (more of each source's training part; held-out rows are unchanged, as
# every sample shuffles the whole list first, so the rng's sequence does not depend on these sizes).
SIZES = {"toxic_spans": 5000, "hatexplain": 9000, "sbic": 5000, "hatemoji": 4800, "jigsaw": 3000,
         "paradetox": 2500, "davidson": 3000, "docs": 5000, "buried": 3000, "negated": 800,
         "hatexplain_dev": 800, "sbic_dev": 500, "jigsaw_dev": 800, "jigsaw_test": 2000, "sbic_test": 2500}


def y(insult=U, profanity=None, hate=U, threat=U, toxic=U, text=""):
    if profanity is None:
        profanity = 1 if cue_features(text)[4] else 0  # profane word after undoing obfuscation
    return [insult, profanity, hate, threat, toxic]


def clean_tweet(text):
    text = html.unescape(text)
    text = re.sub(r"\bRT\b", " ", text)
    text = re.sub(r"@\w+:?", " ", text)
    text = re.sub(r"https?://\S+", " ", text)
    return re.sub(r"\s+", " ", text).strip(" !:")


def row(text, source, split, labels, kind="", spans=None):
    return {"text": text, "source": source, "split": split, "kind": kind, "y": labels, "spans": spans}


def sample(rows, n, rng):
    rows = list(rows)
    rng.shuffle(rows)
    return rows[:n]


def contiguous_runs(offsets):
    runs, start, prev = [], None, None
    for o in sorted(set(offsets)):
        if start is None:
            start = prev = o
        elif o == prev + 1:
            prev = o
        else:
            runs.append([start, prev + 1]); start = prev = o
    if start is not None:
        runs.append([start, prev + 1])
    return runs


def toxic_spans(rng):
    d = os.path.join(DATASETS, "toxic_spans")
    # Span categories from the per-annotator rows: comment text -> annotator spans with a type.
    def category(kind):
        kind = kind.strip().lower()
        for prefix, index in (("insu", 0), ("profan", 1), ("identity", 2), ("threat", 3)):
            if kind.startswith(prefix):
                return index
        return 4
    text_of = {r["comment_id"]: r["comment_text"] for r in csv.DictReader(open(os.path.join(d, "comments.csv")))}
    comment_of = {r["annotation"]: r["comment_id"] for r in csv.DictReader(open(os.path.join(d, "annotations.csv")))}
    typed = {}
    for r in csv.DictReader(open(os.path.join(d, "spans.csv"))):
        cid = comment_of.get(r["annotation"])
        if cid is None:
            continue
        typed.setdefault(text_of.get(cid, ""), []).append((int(r["start"]), int(r["end"]), category(r["type"])))
    out = []
    for name, split in (("tsd_train.csv", "train"), ("tsd_trial.csv", "dev"), ("tsd_test.csv", "test")):
        rows = list(csv.DictReader(open(os.path.join(d, name))))
        if split == "train":
            rows = sample(rows, SIZES["toxic_spans"], rng)
        for r in rows:
            text = r["text"]
            offsets = ast.literal_eval(r["spans"])
            spans = []
            for s, e in contiguous_runs(offsets):
                # The category most annotators gave to spans overlapping this gold span.
                votes = [c for (a, b, c) in typed.get(text, []) if a < e and b > s]
                category = max(set(votes), key=votes.count) if votes else 4
                spans.append([s, e, category])
            toxic = 1 if spans else U  # a post with no gold span is toxic for some annotators, not all
            out.append(row(text, "toxic_spans", split, y(toxic=toxic, text=text), "toxic" if spans else "", spans))
    return out


def hatexplain(rng):
    rows = list(csv.DictReader(open(os.path.join(DATASETS, "hatexplain", "hatexplain_preprocessed.csv"))))
    rng.shuffle(rows)
    n_test = len(rows) // 5
    test, rest = rows[:n_test], rows[n_test:]
    n_dev = int(len(rest) * 0.08)
    dev, train = rest[:n_dev], rest[n_dev:]
    out = []
    for split, part in (("test", test), ("dev", dev[:SIZES["hatexplain_dev"]]), ("train", train[:SIZES["hatexplain"]])):
        for r in part:
            text, label = r["text"], int(r["label"])
            spans = None
            if label > 0 and r["rationale_pos"].strip():
                category = 2 if label == 2 else 4
                rationale = r["rationale_pos"].strip()
                at = text.find(rationale)
                if at >= 0:
                    spans = [[at, at + len(rationale), category]]
                else:
                    words = set(rationale.split())
                    spans = [[m.start(), m.end(), category] for m in re.finditer(r"\S+", text) if m.group() in words and len(m.group()) > 3]
            kind = ["normal", "offensive", "hate"][label]
            labels = y(hate=1 if label == 2 else 0, toxic=1 if label else 0, text=text,
                       insult=0 if label == 0 else U, threat=0 if label == 0 else U)
            out.append(row(text, "hatexplain", split, labels, kind, spans))
    return out


def sbic(rng):
    out = []
    d = os.path.join(DATASETS, "sbic")
    for name, split in (("SBIC.v2.agg.dev.csv", "train"), ("SBIC.v2.agg.tst.csv", "test")):
        rows = [r for r in csv.DictReader(open(os.path.join(d, name))) if r["post"].strip()]
        rng.shuffle(rows)
        if split == "test":
            parts = [("test", rows[:SIZES["sbic_test"]])]
        else:
            n_dev = len(rows) // 10
            parts = [("dev", rows[:n_dev][:SIZES["sbic_dev"]]), ("train", rows[n_dev:][:SIZES["sbic"]])]
        for split_name, part in parts:
            for r in part:
                text = clean_tweet(r["post"])
                offensive = float(r["offensiveYN"] or 0) >= 0.5
                group = r["targetMinority"].strip() not in ("", "[]")
                labels = y(toxic=1 if offensive else 0, hate=(U if group else 0) if offensive else 0,
                           insult=U if offensive else 0, threat=U if offensive else 0, text=text)
                out.append(row(text, "sbic", split_name, labels, "offensive" if offensive else "normal"))
    return out


def hatemoji(rng):
    out = []
    d = os.path.join(DATASETS, "hatemoji_build")
    for name, split in (("train.csv", "train"), ("validation.csv", "dev"), ("test.csv", "test")):
        rows = list(csv.DictReader(open(os.path.join(d, name))))
        if split == "train":
            rows = sample(rows, SIZES["hatemoji"], rng)
        for r in rows:
            hate = int(r["label_gold"])
            text = r["text"]
            out.append(row(text, "hatemoji", split, y(hate=hate, toxic=hate if hate else 0, insult=U if hate else 0,
                                                       threat=U if hate else 0, text=text), "hate" if hate else "normal"))
    return out


def jigsaw(rng):
    rows = list(csv.DictReader(open(os.path.join(DATASETS, "jigsaw_templates", "bias_madlibs_77k.csv"))))
    names = sorted({r["Template"] for r in rows})
    rng.shuffle(names)
    role = {names[0]: "test", names[1]: "test", names[2]: "dev"}
    out = []
    by_split = {"train": [], "dev": [], "test": []}
    for r in rows:
        by_split[role.get(r["Template"], "train")].append(r)
    for split, n in (("train", SIZES["jigsaw"]), ("dev", SIZES["jigsaw_dev"]), ("test", SIZES["jigsaw_test"])):
        for r in sample(by_split[split], n, rng):
            bad = r["Label"] == "BAD"
            text = r["Text"]
            out.append(row(text, "jigsaw", split, y(toxic=1 if bad else 0, insult=U if bad else 0, hate=U if bad else 0,
                                                     threat=U if bad else 0, text=text),
                           ("toxic/" if bad else "nontoxic/") + r["Template"]))
    return out


def davidson(rng):
    rows = sample(csv.DictReader(open(os.path.join(DATASETS, "davidson_labeled_data.csv"))), SIZES["davidson"], rng)
    out = []
    for r in rows:
        text = clean_tweet(r["tweet"])
        c = int(r["class"])
        if not text:
            continue
        out.append(row(text, "davidson", "train", y(hate=1 if c == 0 else (U if c == 1 else 0), toxic=1 if c < 2 else 0,
                                                     insult=U if c < 2 else 0, threat=U if c < 2 else 0, text=text)))
    return out


def paradetox(rng):
    rows = sample(csv.DictReader(open(os.path.join(DATASETS, "paradetox_train.tsv")), delimiter="\t"), SIZES["paradetox"], rng)
    out = []
    for r in rows:
        out.append(row(r["toxic"], "paradetox", "train", y(toxic=1, text=r["toxic"]), "toxic"))
        if r["neutral1"].strip():
            n = r["neutral1"]
            out.append(row(n, "paradetox", "train", y(0, None, 0, 0, 0, text=n), "neutral"))
    return out


def toxigen(rng):
    out = []
    for r in csv.DictReader(open(os.path.join(DATASETS, "toxigen_demonstrations.tsv")), delimiter="\t"):
        text = r["text"].strip().lstrip("- ").strip()
        hate = r["label"] == "hate"
        out.append(row(text, "toxigen", "train", y(hate=1 if hate else 0, toxic=1 if hate else 0, insult=U if hate else 0,
                                                    threat=U if hate else 0, text=text), r["label"]))
    return out


def own():
    out = []
    d = os.path.join(ROOT, "data", "tone")
    for name, split in (("train.jsonl", "train"), ("extra-train.jsonl", "train"), ("dev.jsonl", "dev"),
                        ("extra-dev.jsonl", "dev"), ("docs-dev.jsonl", "dev"), ("test.jsonl", "test")):
        for line in open(os.path.join(d, name)):
            r = json.loads(line)
            labels = r.get("labels") or {}
            lab = [int(labels.get(c, 0)) for c in CATEGORIES[:4]]
            lab.append(1 if any(lab[i] for i in (0, 2, 3)) else 0)
            out.append(row(r["text"], "own", split, lab, r.get("kind", "docs")))
    return out


def markdown_sentences(text):
    """Prose sentences of a Markdown file, roughly as Prose finds them: no code, tables, HTML or links' URLs."""
    text = re.sub(r"```.*?```", " ", text, flags=re.S)
    text = re.sub(r"<!--.*?-->", " ", text, flags=re.S)
    out = []
    for block in re.split(r"\n\s*\n", text):
        lines = [l for l in block.splitlines() if not l.startswith(("    ", "\t", "|", "<"))]
        block = " ".join(l.strip().lstrip("#>*-+ ").strip() for l in lines)
        block = re.sub(r"`[^`]*`", "code", block)
        block = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", block)
        block = re.sub(r"https?://\S+", "", block)
        for s in re.split(r"(?<=[.!?])\s+(?=[A-Z])", block):
            s = s.strip()
            if len(s.split()) >= 3:
                out.append(s)
    return out


def docs_sentences(rng):
    """Benign sentences from documentation that nobody here wrote and that is not the test corpus
    (Debian's /usr/share/doc): the Markdown of the Swift packages Tenor builds with (.build/checkouts,
    pinned by Package.resolved, so every machine that has built Tenor has the same files), pyenv's and
    the Python packages' Markdown and reStructuredText (awscli's thousands of near-identical examples
    aside), rustup's docs where installed. Files are split 70/30 train/dev; at most 40 sentences per file,
    so no package's docs dominate."""
    files = sorted(set(glob.glob(os.path.expanduser("~/.pyenv/**/*.md"), recursive=True)
                       + [f for f in glob.glob(os.path.expanduser("~/.pyenv/**/*.rst"), recursive=True) if "/awscli/" not in f]
                       + glob.glob(os.path.join(ROOT, ".build", "checkouts", "**", "*.md"), recursive=True)
                       + glob.glob(os.path.expanduser("~/.rustup/toolchains/stable-*/share/doc/**/*.md"), recursive=True)))
    rng.shuffle(files)
    out = []
    for i, path in enumerate(files):
        split = "train" if i % 10 < 7 else "dev"
        try:
            text = open(path, encoding="utf-8", errors="replace").read()
        except OSError:
            continue
        if path.endswith(".rst"):
            # Directives, roles and underlines aside, reStructuredText reads like Markdown here.
            text = re.sub(r"^\.\. .*$", "", text, flags=re.M)
            text = re.sub(r"^[=\-~^*+#]{3,}\s*$", "", text, flags=re.M)
            text = re.sub(r":\w+:`([^`]*)`", r"\1", text).replace("``", "`")
        for s in markdown_sentences(text)[:40]:
            out.append(row(s, "docs", split, [0, 0, 0, 0, 0], "docs"))
    train = sample([r for r in out if r["split"] == "train"], SIZES["docs"], rng)
    dev = sample([r for r in out if r["split"] == "dev"], SIZES["docs"] // 2, rng)
    return train + dev


HOSTILE_CATEGORY = {"insult": 0, "hate": 2, "threat": 3}
CONNECTORS = [", and {t}", ", but {t}", "; {t}", " — {t} —", ", so {t}", ", although {t}", ". Honestly, {t}"]


def buried(rows):
    """Training rows against dilution: a hostile clause (Tenor's own training insults, hate and threats,
    ParaDetox's toxic sentences) inside or after a benign documentation sentence, its words as the span,
    each with a benign twin (the same carrier with a neutral clause: ParaDetox's rewrite, or one of
    Tenor's own benign training sentences). Train split only; a generator of its own (SEED + 1), so the
    other sources' rows do not move."""
    rng = random.Random(SEED + 1)
    carriers = [r["text"] for r in rows if r["source"] == "docs" and r["split"] == "train" and 8 <= len(r["text"].split()) <= 30]
    hostile, benign = [], []
    for r in rows:
        if r["split"] != "train" or len(r["text"].split()) > 16:
            continue
        if r["source"] == "own" and r["kind"] in HOSTILE_CATEGORY:
            hostile.append((r["text"], HOSTILE_CATEGORY[r["kind"]], r["y"]))
        elif r["source"] == "own" and r["kind"] in ("negation", "counter", "technical", "dislike", "identity"):
            benign.append(r["text"])
        elif r["source"] == "paradetox" and r["kind"] == "toxic":
            hostile.append((r["text"], 4, r["y"]))
        elif r["source"] == "paradetox" and r["kind"] == "neutral":
            benign.append(r["text"])
    if not carriers or not hostile or not benign:
        return []
    out = []
    for _ in range(SIZES["buried"] // 2):
        carrier = rng.choice(carriers).rstrip(" .!?:;")
        text, category, labels = rng.choice(hostile)
        twin = rng.choice(benign)
        connector = rng.choice(CONNECTORS)
        for clause, is_hostile in ((text, True), (twin, False)):
            clause = clause.strip().rstrip(".!?")
            if clause[:2].istitle() and not clause.startswith(("I ", "I'")) and not connector.startswith(". "):
                clause = clause[0].lower() + clause[1:]
            if rng.random() < 0.3:
                # The clause first, then the carrier.
                head = clause[0].upper() + clause[1:]
                combined = f"{head}, and {carrier[0].lower() + carrier[1:]}."
                at = 0
            else:
                combined = carrier + connector.format(t=clause) + "."
                at = combined.index(clause, len(carrier))
            if is_hostile:
                out.append(row(combined, "buried", "train", list(labels), "buried",
                               [[at, at + len(clause), category]]))
            else:
                out.append(row(combined, "buried", "train", y(0, None, 0, 0, 0, text=combined), "buried-benign"))
    return out


PREDICATE = re.compile(r"^(.*?\b(?:is|are|was|were|am)|.*?(?:'re|’re|'m|’m))\s+(?!not\b|no\b|never\b)(\S.*)$", re.I)
INTENT = re.compile(r"^(.*?\b(?:will|would|'ll|’ll|am going to|'m going to|’m going to|are going to|is going to))\s+"
                    r"(?!not\b|never\b)(\S.*)$", re.I)


def negated(rows):
    """Benign twins of Tenor's own hostile training sentences with the claim negated ("X are not …",
    "I will never …"): the words that carry an insult, hate or a threat are all still there, and the
    sentence says the opposite. Generalisations starting with "all"/"every" are skipped ("All X are not
    Y" is ambiguous). Train split only."""
    rng = random.Random(SEED + 2)
    out = []
    for r in rows:
        if r["source"] != "own" or r["split"] != "train" or r["kind"] not in HOSTILE_CATEGORY:
            continue
        text = r["text"]
        if text.lower().startswith(("all ", "every")):
            continue
        m = (INTENT if r["kind"] == "threat" else PREDICATE).match(text)
        # The negated predicate must be the sentence's first clause, and not already a negative word.
        if not m:
            continue
        before, after = m.group(1), m.group(2).lower()
        if (any(c in before for c in ",;:") or " and " in before or " or " in before or "if " in before.lower()
                or after.startswith(("nothing", "no ", "none", "nobody"))):
            continue
        contracted = m.group(1).endswith(("'re", "’re", "'m", "’m"))
        word = "never" if r["kind"] == "threat" or (not contracted and rng.random() < 0.3) else "not"
        twin = f"{m.group(1)} {word} {m.group(2)}"
        out.append(row(twin, "negated", "train", y(0, None, 0, 0, 0, text=twin), "negation"))
    rng.shuffle(out)
    return out[:SIZES["negated"]]


def build():
    rng = random.Random(SEED)
    rows = []
    for source in (toxic_spans, hatexplain, sbic, hatemoji, jigsaw, davidson, paradetox, toxigen):
        rows.extend(source(rng))
    rows.extend(own())
    rows.extend(docs_sentences(rng))
    rows.extend(buried(rows))
    rows.extend(negated(rows))
    return rows


if __name__ == "__main__":
    from collections import Counter
    rows = build()
    print(Counter((r["source"], r["split"]) for r in rows))
