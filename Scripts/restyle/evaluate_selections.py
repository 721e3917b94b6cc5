#!/usr/bin/env python3
"""Rewrites the selection sets (data/restyle/sel-dev, sel-test: paragraphs and sentences per style) with
`tenor rewrite --lines --json` and checks, independently of the Swift code, what a user checks first:
protected tokens kept and Markdown block structure identical. Quality itself is judged blind by a reader
(see docs/RESTYLE.md); this script only produces the rewrites and the mechanical checks.

    python3 Scripts/restyle/evaluate_selections.py --set sel-dev [--styles formal,plain] [--limit N]
        [--kind paragraph|sentence] [--sample N --seed S] [--skip N:SEED ...] [--tenor .build/release/tenor] [--out DIR]
        [-- extra tenor rewrite options]

Writes DIR/SET-STYLE.jsonl (id, kind, source, text, units, elapsed_ms) and prints a table. With --old BINARY
the same rows are rewritten by another tenor build (one process per row, plain `tenor rewrite`), for a
side-by-side blind judgement."""
import argparse, json, pathlib, random, re, statistics, subprocess, sys, time

ROOT = pathlib.Path(__file__).resolve().parents[2]
DATA = ROOT / "data/restyle"

# Independent of the Swift masking code: every token that must survive a rewrite unchanged.
PROTECTED = re.compile("|".join([
    r"`[^`]+`", r"!?\[[^\]]*\]\([^)]*\)", r"https?://[^\s)>]+[^\s)>.,;:!?]", r"\*\*[^*]+\*\*",
    r"\b\d{4}-\d{2}-\d{2}\b", r"\bv?\d+(?:\.\d+)+\b", r"\d+(?:[.,:]\d+)*%?",
]))
MONTHS = {"Jan": "January", "Feb": "February", "Mar": "March", "Apr": "April", "Jun": "June", "Jul": "July",
          "Aug": "August", "Sep": "September", "Sept": "September", "Oct": "October", "Nov": "November", "Dec": "December"}


def protected_tokens(text):
    return sorted(m.group(0) for m in PROTECTED.finditer(text))


def block_shape(text):
    """The Markdown block structure: per line, its kind (blank, heading level, list marker, quote, fence,
    table, HTML, code) — prose lines collapse, since a rewrite may wrap a paragraph differently."""
    shape, fence = [], False
    for line in text.split("\n"):
        s = line.strip()
        if s.startswith("```") or s.startswith("~~~"):
            fence = not fence; shape.append("fence"); continue
        if fence: shape.append("code:" + line); continue
        if not s: kind = "blank"
        elif re.match(r"#{1,6}\s", s): kind = "h" + str(len(s) - len(s.lstrip("#")))
        elif re.match(r"([-*+]|\d+[.)])\s", s): kind = "item:" + re.match(r"\s*([-*+]|\d+[.)])", line).group(1)
        elif s.startswith(">"): kind = "quote"
        elif s.startswith("|"): kind = "table:" + line
        elif s.startswith("<"): kind = "html:" + line
        else: kind = "text"
        if kind == "text" and shape and shape[-1] == "text": continue
        shape.append(kind)
    return shape


def seeded_sample(items, style, sample, seed):
    """The same seeded sample of each kind, in file order."""
    rng = random.Random(f"{seed}-{style}")
    chosen = set()
    for k in ("paragraph", "sentence"):
        ids = [r["id"] for r in items if r["kind"] == k]
        chosen.update(rng.sample(ids, min(sample, len(ids))))
    return [r for r in items if r["id"] in chosen]


def rows(set_name, style, kind, limit, sample, seed, take=None, skip=None):
    path = DATA / set_name / f"{style}.jsonl"
    items = [json.loads(l) for l in path.read_text(encoding="utf-8").splitlines() if l.strip()]
    # Rows earlier measurements used ("N:SEED", their --sample and --seed), never drawn again; in order, as each
    # earlier sample was drawn from the rows left after the ones before it.
    for earlier in skip or []:
        count, skip_seed = earlier.split(":")
        used = {r["id"] for r in seeded_sample(items, style, int(count), skip_seed)}
        items = [r for r in items if r["id"] not in used]
    if kind: items = [r for r in items if r["kind"] == kind]
    if sample:
        items = seeded_sample(items, style, sample, seed)
    if take:  # the first `take` of each kind in that sample (a smaller run on the same rows)
        items = [r for r in items if sum(q["kind"] == r["kind"] for q in items[: items.index(r)]) < take]
    return items[:limit] if limit else items


def rewrite_new(tenor, style, items, extra):
    lines = "\n".join(r["text"].replace("\n", "\\n") for r in items) + "\n"
    proc = subprocess.run(["nice", "-n", "0", tenor, "rewrite", "--style", style, "--lines", "--json"] + extra,
                          input=lines, capture_output=True, text=True)
    if proc.returncode not in (0, 1):
        sys.exit(f"tenor rewrite failed: {proc.stderr[-2000:]}")
    out = [json.loads(l) for l in proc.stdout.splitlines() if l.strip()]
    assert len(out) == len(items), (len(out), len(items), proc.stderr[-2000:])
    return out


def rewrite_old(tenor, style, items):
    out = []
    for r in items:
        start = time.time()
        proc = subprocess.run(["nice", "-n", "5", tenor, "rewrite", "--style", style, r["text"]],
                              capture_output=True, text=True)
        text = proc.stdout[:-1] if proc.stdout.endswith("\n") and not r["text"].endswith("\n") else proc.stdout
        out.append({"text": text if proc.returncode in (0, 1) else r["text"], "elapsed_ms": 1000 * (time.time() - start)})
    return out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--set", default="sel-dev")
    parser.add_argument("--styles", default="formal,casual,polite,concise,neutral,plain")
    parser.add_argument("--kind")
    parser.add_argument("--limit", type=int)
    parser.add_argument("--sample", type=int, help="a seeded sample of N paragraphs and N sentences per style")
    parser.add_argument("--seed", default="7")
    parser.add_argument("--take", type=int, help="of that sample, the first N of each kind")
    parser.add_argument("--skip", action="append", help="N:SEED — leave out the rows of an earlier --sample N --seed SEED; "
                        "repeat it for several earlier measurements, in the order they were made")
    parser.add_argument("--tenor", default=str(ROOT / ".build/release/tenor"))
    parser.add_argument("--old", help="another tenor binary to run on the same rows")
    parser.add_argument("--out", default="/tmp/restyle-sel")
    parser.add_argument("extra", nargs="*")
    args = parser.parse_args()
    out_dir = pathlib.Path(args.out); out_dir.mkdir(parents=True, exist_ok=True)
    print("| style | rows | changed | protected kept | structure kept | median s/row |")
    print("|---|---|---|---|---|---|")
    for style in args.styles.split(","):
        items = rows(args.set, style, args.kind, args.limit, args.sample, args.seed, args.take, args.skip)
        results = rewrite_old(args.old, style, items) if args.old else rewrite_new(args.tenor, style, items, args.extra)
        name = f"{args.set}-{style}" + ("-old" if args.old else "")
        kept = structure = changed = 0
        with open(out_dir / f"{name}.jsonl", "w", encoding="utf-8") as f:
            for item, result in zip(items, results):
                text = result["text"]
                spelled = text
                for short, long in MONTHS.items():
                    spelled = re.sub(r"\b" + short + r"\b\.?", long, spelled)
                source_spelled = item["text"]
                for short, long in MONTHS.items():
                    source_spelled = re.sub(r"\b" + short + r"\b\.?", long, source_spelled)
                ok_tokens = protected_tokens(spelled) == protected_tokens(source_spelled)
                ok_shape = block_shape(text) == block_shape(item["text"])
                kept += ok_tokens; structure += ok_shape; changed += text != item["text"]
                f.write(json.dumps({"id": item["id"], "kind": item["kind"], "source": item["text"], "text": text,
                                    "protected_kept": ok_tokens, "structure_kept": ok_shape,
                                    "units": result.get("units"), "elapsed_ms": result.get("elapsed_ms")},
                                   ensure_ascii=False) + "\n")
        n = len(items)
        median = statistics.median(r.get("elapsed_ms", 0) for r in results) / 1000 if results else 0
        print(f"| {style} | {n} | {changed}/{n} | {kept}/{n} | {structure}/{n} | {median:.1f} |", flush=True)


if __name__ == "__main__":
    main()
