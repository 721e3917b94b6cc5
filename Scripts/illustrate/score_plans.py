#!/usr/bin/env python3
"""Scores scene plans against expected ones.

usage: score_plans.py PLANS_JSONL [--expected data/illustrate/plan-dev.jsonl] [--verbose]

PLANS_JSONL holds one line per description, as Scripts/illustrate/plan_dev.sh writes them:
{"id": "dev01", "parser": "model", "seconds": 1.9, "plan": {...ScenePlan JSON...}}
(a bare plan per line is also accepted; it is then matched to the expected rows by line order).

A row passes when the predicted subjects and the expected ones can be paired one to one — a predicted
name matches an expected one when, lower-cased and singularized, it equals the expected name or one of
its alternatives, or their head nouns (last words) are equal — and every paired count is equal.
Prints the pass rate, the setting/time/weather agreement, and with --verbose every failing row.
"""
import argparse
import json
import sys


IRREGULAR = {"mice": "mouse", "geese": "goose", "children": "child", "people": "person", "men": "man",
             "women": "woman", "feet": "foot", "teeth": "tooth", "leaves": "leaf", "knives": "knife",
             "wolves": "wolf", "shelves": "shelf", "buses": "bus", "cookies": "cookie"}
UNCHANGED = {"sheep", "fish", "deer", "moose", "grass", "glass", "bus", "octopus", "cactus", "dress", "chess", "cross"}


def singular(word):
    if word in UNCHANGED:
        return word
    if word in IRREGULAR:
        return IRREGULAR[word]
    if len(word) <= 3:
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    for suffix in ("sses", "ches", "shes", "xes", "zzes", "oes"):
        if word.endswith(suffix):
            return word[:-2]
    if word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("s"):
        return word[:-1]
    return word


def normal(name):
    words = name.lower().replace("-", " ").split()
    if not words:
        return ""
    words[-1] = singular(words[-1])
    return " ".join(words)


def matches(predicted, expected):
    p = normal(predicted)
    names = [normal(expected["name"])] + [normal(a) for a in expected.get("alternatives", [])]
    if p in names:
        return True
    head = p.split()[-1] if p else ""
    return any(n and n.split()[-1] == head for n in names)


def pair(predicted, expected):
    """Whether a one-to-one pairing exists with equal counts (small sets: backtracking)."""
    if len(predicted) != len(expected):
        return False

    def go(i, used):
        if i == len(expected):
            return True
        for j, p in enumerate(predicted):
            if j in used:
                continue
            if matches(p.get("name", ""), expected[i]) and p.get("count") == expected[i].get("count", 1):
                if go(i + 1, used | {j}):
                    return True
        return False

    return go(0, frozenset())


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("plans")
    parser.add_argument("--expected", default="data/illustrate/plan-dev.jsonl")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    expected = [json.loads(line) for line in open(args.expected) if line.strip()]
    by_id = {row["id"]: row for row in expected}
    rows = [json.loads(line) for line in open(args.plans) if line.strip()]
    scene = {"setting": 0, "time": 0, "weather": 0}
    passed = 0
    seconds = []
    failures = []
    for index, row in enumerate(rows):
        if "plan" in row:
            plan, want = row["plan"], by_id.get(row.get("id"))
            if row.get("seconds") is not None:
                seconds.append(row["seconds"])
        else:
            plan, want = row, expected[index] if index < len(expected) else None
        if want is None:
            print(f"no expected plan for row {index + 1}", file=sys.stderr)
            continue
        ok = pair(plan.get("subjects", []), want["subjects"])
        passed += ok
        for key in scene:
            scene[key] += plan.get(key) == want.get(key)
        if not ok:
            failures.append((want["id"], want["description"], [(s.get("name"), s.get("count")) for s in plan.get("subjects", [])],
                             [(s["name"], s["count"]) for s in want["subjects"]]))
    total = len(rows)
    print(f"subjects and counts right: {passed}/{total} ({100 * passed / max(total, 1):.1f}%)")
    print("setting {setting}/{n}, time {time}/{n}, weather {weather}/{n}".format(n=total, **scene))
    if seconds:
        seconds.sort()
        print(f"seconds per plan: mean {sum(seconds) / len(seconds):.2f}, median {seconds[len(seconds) // 2]:.2f}, max {seconds[-1]:.2f}")
    if args.verbose:
        for id_, description, got, want in failures:
            print(f"FAIL {id_}: {description}\n  got  {got}\n  want {want}")


if __name__ == "__main__":
    main()
