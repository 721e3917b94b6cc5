#!/usr/bin/env python3
"""Build a corpus of real-world Markdown documentation from PyPI sdists.

Purpose
-------
This is a *test corpus* for measuring false positives of the tone rules
(``tone.*`` diagnostics) on real documentation that nobody on our team wrote.
It is never used for training and never used to pick thresholds; it only
tells us how often the tone checker fires on ordinary, published docs.

The corpus is taken from the source distributions (.tar.gz / .zip) of a
fixed list of well-known Python packages with pinned versions (see
``PACKAGES``).  Packages installed in the local Python environment are
deliberately left out, because the local environment's docs are used
elsewhere.  Every ``*.md`` / ``*.markdown`` file in each archive is taken,
except files under ``tests/`` or ``test/`` folders and files over 1 MB.
Packages are visited in a seeded shuffle (seed 19), so the corpus is
deterministic; files are added until the corpus holds at least ``--words``
words (whitespace-separated tokens).

Use
---
1. Build the corpus (downloads are cached in --cache, default
   /tmp/tone-pypi-cache, so reruns do not download again)::

       python3 Scripts/train-tone/pypi_docs_corpus.py --out /tmp/tone-pypi-docs

2. Run the checker over it::

       tenor check --format json /tmp/tone-pypi-docs > report.json

3. Summarise the tone diagnostics (count, rate per 100,000 words, and one
   line per diagnostic with the source line)::

       python3 Scripts/train-tone/pypi_docs_corpus.py --out /tmp/tone-pypi-docs \\
           --report report.json

Standard library only; needs ``pip`` (run as ``python3 -m pip``) and network
access to PyPI for the first build.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import subprocess
import sys
import tarfile
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from docs_corpus import summarise  # noqa: E402

# (distribution name, pinned version).  Each was checked to have an sdist on
# PyPI that downloads with pip and contains Markdown.  Mix: docs tools,
# web frameworks, CLI tools, data tools, packaging/release tools, testing,
# API SDKs.
PACKAGES: list[tuple[str, str]] = [
    # documentation / Markdown tooling
    ("markdown", "3.11.4"),
    ("markdown-it-py", "4.3.0"),
    ("mdit-py-plugins", "0.7.0"),
    ("pymdown-extensions", "13.1.2"),
    ("mkdocstrings", "1.0.8"),
    ("griffe", "2.4.1"),
    # web frameworks and servers
    ("fastapi", "0.165.0"),
    ("starlette", "1.10.0"),
    ("uvicorn", "0.55.0"),
    ("litestar", "2.25.0"),
    ("falcon", "4.4.0"),
    ("sqlmodel", "0.0.50"),
    ("python-multipart", "0.0.34"),
    # CLI tools and terminal libraries
    ("httpie", "3.2.4"),
    ("typer", "0.29.3"),
    ("rich", "15.0.0"),
    ("sh", "2.4.0"),
    ("llm", "0.36"),
    ("cookiecutter", "2.7.1"),
    ("copier", "9.19.1"),
    # code quality / type checking / testing
    ("black", "26.10.1"),
    ("isort", "9.0.2"),
    ("mypy", "2.4.1"),
    ("nox", "2026.10.20"),
    ("pytest-cov", "7.1.0"),
    # packaging and release tooling
    ("hatch", "1.18.2"),
    ("pdm", "2.29.4"),
    ("setuptools-scm", "10.3.4"),
    ("bump-my-version", "1.8.1"),
    ("towncrier", "26.9.0"),
    # data, configuration, serialisation, logging, workflows
    ("xarray", "2026.9.0"),
    ("cattrs", "26.2.1"),
    ("dataclasses-json", "0.6.7"),
    ("dynaconf", "3.3.5"),
    ("environs", "15.2.0"),
    ("structlog", "26.1.0"),
    ("loguru", "0.8.0"),
    ("prefect", "3.9.1"),
    ("nbconvert", "7.17.2"),
    # API SDKs
    ("openai", "3.63.0"),
    ("anthropic", "2.17.0"),
]

SEED = 19
MAX_FILE_BYTES = 1 << 20  # 1 MB
MD_SUFFIXES = (".md", ".markdown")
SKIP_DIRS = {"tests", "test"}
MARKER = ".pypi_docs_corpus"


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name).lower()


def find_cached(cache: str, name: str, version: str) -> str | None:
    """Return the cached sdist path for name==version, if any."""
    if not os.path.isdir(cache):
        return None
    for fn in sorted(os.listdir(cache)):
        low = fn.lower()
        for ext in (".tar.gz", ".zip"):
            if low.endswith(ext):
                stem = fn[: -len(ext)]
                if "-" not in stem:
                    continue
                n, v = stem.rsplit("-", 1)
                if _norm(n) == _norm(name) and v == version:
                    return os.path.join(cache, fn)
    return None


def download(cache: str, name: str, version: str) -> str | None:
    """Download the sdist of name==version into cache (once); return its path."""
    hit = find_cached(cache, name, version)
    if hit:
        return hit
    os.makedirs(cache, exist_ok=True)
    cmd = [sys.executable, "-m", "pip", "download", "--no-deps",
           "--no-binary", name, "--disable-pip-version-check",
           "-d", cache, f"{name}=={version}"]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=900)
    except (OSError, subprocess.TimeoutExpired) as exc:
        print(f"download failed: {name}=={version}: {exc}", file=sys.stderr)
        return None
    hit = find_cached(cache, name, version)
    if proc.returncode != 0 or not hit:
        tail = (proc.stderr or proc.stdout or "").strip().splitlines()[-3:]
        print(f"download failed: {name}=={version} (rc={proc.returncode}): "
              + " | ".join(tail), file=sys.stderr)
        return None
    return hit


def _wanted(path: str, size: int) -> bool:
    if not path.lower().endswith(MD_SUFFIXES) or size > MAX_FILE_BYTES:
        return False
    parts = [p for p in path.split("/") if p]
    return not any(p.lower() in SKIP_DIRS for p in parts[:-1])


def markdown_members(archive: str):
    """Yield (path inside the project, bytes) for each wanted Markdown file.

    The top-level ``name-version/`` folder of the sdist is stripped.
    Sorted by path so the order is deterministic.
    """
    items: dict[str, bytes] = {}
    if archive.lower().endswith(".zip"):
        with zipfile.ZipFile(archive) as zf:
            for info in zf.infolist():
                if info.is_dir():
                    continue
                path = info.filename.replace("\\", "/")
                rel = path.split("/", 1)[1] if "/" in path else path
                if rel and rel not in items and _wanted(rel, info.file_size):
                    items[rel] = zf.read(info)
    else:
        with tarfile.open(archive) as tf:
            for m in tf:
                if not m.isfile():
                    continue
                path = m.name.replace("\\", "/").lstrip("./")
                rel = path.split("/", 1)[1] if "/" in path else path
                if rel and rel not in items and _wanted(rel, m.size):
                    fh = tf.extractfile(m)
                    if fh is not None:
                        items[rel] = fh.read()
    for rel in sorted(items):
        yield rel, items[rel]


def count_words(data: bytes) -> int:
    return len(data.decode("utf-8", errors="replace").split())


def prepare_out(out: str) -> None:
    """Create --out, or empty a folder this script made before."""
    if os.path.isdir(out) and os.listdir(out):
        if not os.path.exists(os.path.join(out, MARKER)):
            sys.exit(f"error: {out} is not empty and was not made by this "
                     f"script (no {MARKER}); choose another --out")
        for fn in os.listdir(out):
            p = os.path.join(out, fn)
            if os.path.isfile(p) and (fn == MARKER or fn.lower().endswith(MD_SUFFIXES)):
                os.remove(p)
    os.makedirs(out, exist_ok=True)


def build(out: str, cache: str, target_words: int) -> int:
    prepare_out(out)
    order = list(PACKAGES)
    random.Random(SEED).shuffle(order)
    files = words = 0
    used: list[str] = []
    for name, version in order:
        if words >= target_words:
            break
        archive = download(cache, name, version)
        if archive is None:
            continue
        added = 0
        for rel, data in markdown_members(archive):
            if words >= target_words:
                break
            flat = f"{name}__{rel.replace('/', '__')}"
            with open(os.path.join(out, flat), "wb") as fh:
                fh.write(data)
            files += 1
            added += 1
            words += count_words(data)
        if added:
            used.append(f"{name}=={version}")
        else:
            print(f"no markdown: {name}=={version}", file=sys.stderr)
    with open(os.path.join(out, MARKER), "w", encoding="utf-8") as fh:
        fh.write("\n".join(used) + "\n")
    print("packages: " + ", ".join(used))
    print(f"corpus {out}: {files} files, {words} words, {len(used)} packages")
    if words < target_words:
        print(f"warning: only {words} words, fewer than --words {target_words}",
              file=sys.stderr)
        return 1
    return 0


# ---------------------------------------------------------------- report mode

def corpus_words(out: str) -> int:
    total = 0
    if os.path.isdir(out):
        for fn in os.listdir(out):
            if fn.lower().endswith(MD_SUFFIXES):
                with open(os.path.join(out, fn), "rb") as fh:
                    total += count_words(fh.read())
    return total


def report(report_path: str, out: str) -> int:
    """The summary docs_corpus.py prints for the Debian corpus, over this one."""
    files = [fn for fn in os.listdir(out) if fn.lower().endswith(MD_SUFFIXES)] if os.path.isdir(out) else []
    summarise(report_path, corpus_words(out), len(files))
    return 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(
        description="Build (or summarise tone diagnostics on) a Markdown test "
                    "corpus from PyPI sdists; for false-positive measurement only.")
    ap.add_argument("--out", default="/tmp/tone-pypi-docs",
                    help="corpus folder (default /tmp/tone-pypi-docs)")
    ap.add_argument("--cache", default="/tmp/tone-pypi-cache",
                    help="download cache (default /tmp/tone-pypi-cache)")
    ap.add_argument("--words", type=int, default=150000,
                    help="stop adding files once the corpus has this many words")
    ap.add_argument("--report", metavar="REPORT_JSON",
                    help="summarise `tenor check --format json` output instead "
                         "of building")
    args = ap.parse_args(argv)
    if args.report:
        return report(args.report, args.out)
    return build(args.out, args.cache, args.words)


if __name__ == "__main__":
    sys.exit(main())
