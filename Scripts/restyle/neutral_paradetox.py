#!/usr/bin/env python3
"""Issue 17's neutral check: ParaDetox rows that no prompt or check was tuned on (the 200 line numbers in
data/restyle/test/neutral_paradetox_rows.txt), rewritten with `--style neutral`. Reports the share of rewrites
the Tone classifier reads as non-offensive (no category at 0.5 or above, as `tenor check` would flag) and the
mean meaning cosine (all-MiniLM-L6-v2) to the toxic source, beside the same figures for the first human
reference.

    python3 Scripts/restyle/neutral_paradetox.py [--tenor .build/release/tenor] [--limit N] [--threads N] [--out FILE]"""
import argparse, csv, json, pathlib, re, subprocess, sys, tempfile

ROOT = pathlib.Path(__file__).resolve().parents[2]


def dataset_rows():
    for candidate in [ROOT.parent / "shared/datasets/paradetox_train.tsv", pathlib.Path("/work/shared/datasets/paradetox_train.tsv")]:
        if candidate.exists():
            return list(csv.reader(candidate.open(encoding="utf-8"), delimiter="\t", quoting=csv.QUOTE_NONE))
    sys.exit("paradetox_train.tsv not found in ../shared/datasets")


def embed(tenor, texts):
    proc = subprocess.run([tenor, "embed", "--json", "--file", "-"], input="\n".join(texts) + "\n",
                          capture_output=True, text=True, check=True)
    return json.loads(proc.stdout)["vectors"]


def cosine(a, b):
    dot = sum(x * y for x, y in zip(a, b))
    na = sum(x * x for x in a) ** 0.5; nb = sum(y * y for y in b) ** 0.5
    return dot / (na * nb) if na and nb else 0.0


def offensive(tenor, texts):
    """Per text: does any of its sentences reach 0.5 in any tone category? `tenor tone FILE` prints one line per
    sentence, "START-END<tab>insult P profanity P hate P threat P<tab>sentence", offsets into the file."""
    paragraphs = [t.replace("\n", " ") for t in texts]
    with tempfile.NamedTemporaryFile("w", suffix=".md", delete=False, encoding="utf-8") as f:
        f.write("\n\n".join(paragraphs) + "\n")
        path = f.name
    content = pathlib.Path(path).read_text(encoding="utf-8")
    starts, offset = [], 0
    for p in paragraphs:
        starts.append(offset); offset += len(p) + 2
    utf8 = content.encode("utf-8")
    proc = subprocess.run([tenor, "tone", path], capture_output=True, text=True, check=True)
    flagged = [False] * len(texts)
    for line in proc.stdout.splitlines():
        m = re.match(r"(\d+)-(\d+)\t([^\t]*)\t", line)
        if not m: continue
        # Offsets may count bytes or characters: both map to the same paragraph for these rows.
        start = int(m.group(1))
        char_start = len(utf8[:start].decode("utf-8", errors="ignore")) if start <= len(utf8) else start
        index = max(i for i, s in enumerate(starts) if s <= char_start)
        values = [float(v) for v in re.findall(r"[a-z]+ ([0-9.]+)", m.group(3))]
        if values and max(values) >= 0.5:
            flagged[index] = True
    return flagged


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--tenor", default=str(ROOT / ".build/release/tenor"))
    parser.add_argument("--limit", type=int)
    parser.add_argument("--out", default="/tmp/restyle-neutral-paradetox.jsonl")
    parser.add_argument("--threads", type=int, help="decoder threads for tenor rewrite")
    args = parser.parse_args()
    rows = dataset_rows()
    numbers = [int(n) for n in (ROOT / "data/restyle/test/neutral_paradetox_rows.txt").read_text().split()]
    numbers = numbers[: args.limit] if args.limit else numbers
    sources = [rows[n - 1][0].strip() for n in numbers]
    references = [rows[n - 1][1].strip() for n in numbers]
    threads = ["--threads", str(args.threads)] if args.threads else []
    proc = subprocess.run([args.tenor, "rewrite", "--style", "neutral", "--lines", "--json"] + threads,
                          input="\n".join(s.replace("\n", " ") for s in sources) + "\n", capture_output=True, text=True)
    outputs = [json.loads(l)["text"] for l in proc.stdout.splitlines() if l.strip()]
    assert len(outputs) == len(sources), proc.stderr[-2000:]
    # The rewrites took minutes: keep them before scoring, so a failure below does not lose them.
    with open(args.out + ".rewrites", "w", encoding="utf-8") as f:
        for number, output in zip(numbers, outputs):
            f.write(json.dumps({"row": number, "text": output}, ensure_ascii=False) + "\n")
    vectors = embed(args.tenor, sources + outputs + references)
    n = len(sources)
    meaning_out = [cosine(vectors[i], vectors[n + i]) for i in range(n)]
    meaning_ref = [cosine(vectors[i], vectors[2 * n + i]) for i in range(n)]
    flagged_out = offensive(args.tenor, outputs)
    flagged_ref = offensive(args.tenor, references)
    with open(args.out, "w", encoding="utf-8") as f:
        for i in range(n):
            f.write(json.dumps({"row": numbers[i], "source": sources[i], "text": outputs[i], "reference": references[i],
                                "meaning": meaning_out[i], "offensive": flagged_out[i]}, ensure_ascii=False) + "\n")
    print(f"rows {n}; unchanged {sum(o == s for o, s in zip(outputs, sources))}")
    print(f"tenor neutral: non-offensive {100 * (1 - sum(flagged_out) / n):.1f}%, mean meaning {sum(meaning_out) / n:.3f}")
    print(f"human reference: non-offensive {100 * (1 - sum(flagged_ref) / n):.1f}%, mean meaning {sum(meaning_ref) / n:.3f}")


if __name__ == "__main__":
    main()
