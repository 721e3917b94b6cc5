#!/usr/bin/env python3
"""Evaluates `tenor rewrite` on the sets in data/restyle/ (time-boxed; the machine is shared).

    python3 Scripts/restyle/evaluate.py [--set dev|test|...|test8] [--tenor .build/release/tenor] [--styles formal,plain]
                                        [--limit N] [-- extra tenor rewrite options]

`--set dev` (default) is for tuning prompts, rules and ranking. Every other set (test, val, val2, test2 ... test12)
was written by a helper who saw no other set and has been scored at least once; which are spent and which was
scored only once is listed in docs/RESTYLE.md ("The sets, kept apart"). A new final measurement needs a new set.
Neutral rows (ParaDetox) exist for dev and test only. The driver is Python; the rewriting runs in Swift, in process.

For each style: share of sentences whose rewrite reached the style (the style's own scorer) with
meaning >= 0.6, median meaning, and protected-token preservation checked here independently of the
Swift masking code. For `neutral`, 200 ParaDetox rows (data/restyle/SET/neutral_paradetox_rows.txt) with
the same figures for the first human reference. Prints a Markdown table and writes JSON lines to
/tmp/restyle-eval-SET-STYLE.jsonl (each row names the origin of every chosen candidate)."""
import argparse, concurrent.futures, csv, json, pathlib, re, statistics, subprocess, sys, time

ROOT = pathlib.Path(__file__).resolve().parents[2]
DATA = ROOT / "data/restyle"

# Independent of ProtectedText.swift: every token that must survive a rewrite unchanged.
PROTECTED = re.compile("|".join([
    r"`[^`]+`", r"!?\[[^\]]*\]\([^)]*\)", r"https?://[^\s)>]+[^\s)>.,;:!?]", r"\*\*[^*]+\*\*", r"\*[^*\s][^*]*\*",
    r"\b\d{4}-\d{2}-\d{2}\b", r"\bv?\d+(?:\.\d+)+\b", r"\d+(?:[.,:]\d+)*%?",
]))


def protected_tokens(text):
    return sorted(m.group(0) for m in PROTECTED.finditer(text))


def run(tenor, style, lines, timeout, extra, jobs=1):
    """Rewrites `lines` in `jobs` processes at once (contiguous chunks, results in input order)."""
    def chunk(part):
        if not part:
            return []
        proc = subprocess.run(["nice", "-n", "10", tenor, "rewrite", "--style", style, "--lines", "-"] + extra,
                              input="\n".join(part) + "\n", capture_output=True, text=True, timeout=timeout)
        if proc.returncode != 0:
            sys.exit(f"tenor rewrite --style {style} failed: {proc.stderr[-2000:]}")
        return [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]
    size = -(-len(lines) // jobs)
    with concurrent.futures.ThreadPoolExecutor(jobs) as pool:
        parts = list(pool.map(chunk, [lines[i:i + size] for i in range(0, len(lines), size)]))
    return [r for part in parts for r in part]


def neutral_lines(limit, data):
    dataset = ROOT.parent / "shared/datasets/paradetox_train.tsv"
    if not dataset.exists():
        dataset = pathlib.Path("/work/shared/datasets/paradetox_train.tsv")
    rows = list(csv.reader(dataset.open(encoding="utf-8"), delimiter="\t", quoting=csv.QUOTE_NONE))
    numbers = [int(n) for n in (data / "neutral_paradetox_rows.txt").read_text().split()][:limit]
    return [rows[n - 1][0].strip().replace("\t", " ") + "\t" + rows[n - 1][1].strip() for n in numbers]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--tenor", default=str(ROOT / ".build/release/tenor"))
    parser.add_argument("--styles", default="formal,casual,polite,concise,plain,neutral")
    parser.add_argument("--limit", type=int, default=200)
    parser.add_argument("--timeout", type=int, default=900, help="seconds per style")
    parser.add_argument("--candidates", type=int, default=3)
    parser.add_argument("--set", default="dev", choices=["dev", "test", "val", "val2", "test2", "test3", "test4", "test5", "test6", "test7", "test8", "test9", "test10", "test11", "test12"])
    parser.add_argument("--jobs", type=int, default=1, help="tenor processes per style, run at once")
    parser.add_argument("extra", nargs="*", help="more tenor rewrite options (after --)")
    args = parser.parse_args()
    data = DATA / args.set
    print("| style | n | achieved (scorer, meaning ≥ 0.6) | median meaning | mean meaning | protected kept | median ms |")
    print("|---|---|---|---|---|---|---|")
    for style in args.styles.split(","):
        if style == "neutral" and not (data / "neutral_paradetox_rows.txt").exists():
            print(f"<!-- neutral: no ParaDetox rows in {data.name}/, skipped -->")
            continue
        lines = neutral_lines(args.limit, data) if style == "neutral" else \
            [l for l in (data / f"{style}.txt").read_text().splitlines() if l.strip()][:args.limit]
        started = time.time()
        extra = ["--candidates", str(args.candidates)] + args.extra
        results = run(args.tenor, style, lines, args.timeout, extra, args.jobs)
        pathlib.Path(f"/tmp/restyle-eval-{args.set}-{style}.jsonl").write_text("\n".join(json.dumps(r) for r in results) + "\n")
        meanings = [r["meaning"] for r in results]
        achieved = sum(1 for r in results if r["achieved"]) / len(results)
        kept = sum(1 for r in results if protected_tokens(r["source"]) == protected_tokens(r["text"])) / len(results)
        ms = statistics.median(r["elapsed_ms"] for r in results)
        print(f"| {style} | {len(results)} | {achieved:.0%} | {statistics.median(meanings):.2f} | "
              f"{statistics.mean(meanings):.2f} | {kept:.0%} | {ms:.0f} |")
        references = [r for r in results if "reference" in r]
        if references:
            ra = sum(1 for r in references if r["reference_achieved"]) / len(references)
            rm = statistics.mean(r["reference_meaning"] for r in references)
            print(f"| {style} (human reference) | {len(references)} | {ra:.0%} | "
                  f"{statistics.median(r['reference_meaning'] for r in references):.2f} | {rm:.2f} | – | – |")
        print(f"<!-- {style}: {time.time() - started:.1f} s -->", file=sys.stderr)


if __name__ == "__main__":
    main()
