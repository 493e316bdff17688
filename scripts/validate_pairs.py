#!/usr/bin/env python3
"""Validate a JSONL file of labelled news sentence pairs.

Usage: python3 validate_pairs.py FILE.jsonl [FILE.jsonl ...]
Each line: {"id": str, "topic": str, "premise": str, "hypothesis": str,
            "label": "entailment"|"neutral"|"contradiction", "kind": str}
Exits 1 and lists problems; prints label counts, kinds and topics per file.
"""

from __future__ import annotations

import collections
import json
import re
import sys

LABELS = {"entailment", "neutral", "contradiction"}
KINDS = {
    "contradiction": {
        "count",
        "money",
        "percentage",
        "measurement",
        "date",
        "time",
        "place",
        "who",
        "outcome",
        "polarity",
        "antonym",
        "quantifier",
        "ordinal",
        "sequence",
        "status",
        "cause",
        "age",
        "title",
        "object_type",
        "roles_swapped",
    },
    "entailment": {
        "paraphrase",
        "unit_conversion",
        "number_words",
        "approximation",
        "alias",
        "clause_dropped",
        "generalisation",
        "reordered",
    },
    "neutral": {"added_detail", "other_fact", "attributed", "subset", "other_group", "speculation"},
}


def main(paths: list[str]) -> int:
    bad = 0
    seen: set[tuple[str, str]] = set()
    ids: set[str] = set()
    for path in paths:
        problems: list[str] = []
        labels: collections.Counter[str] = collections.Counter()
        kinds: collections.Counter[str] = collections.Counter()
        topics: set[str] = set()
        n = 0
        for line_no, line in enumerate(open(path, encoding="utf-8"), 1):
            if not line.strip():
                continue
            n += 1
            where = f"{path}:{line_no}"
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                problems.append(f"{where}: not JSON ({exc})")
                continue
            missing = {"id", "topic", "premise", "hypothesis", "label", "kind"} - set(row)
            if missing:
                problems.append(f"{where}: missing {sorted(missing)}")
                continue
            if row["id"] in ids:
                problems.append(f"{where}: duplicate id {row['id']}")
            ids.add(row["id"])
            lab = row["label"]
            if lab not in LABELS:
                problems.append(f"{where}: label {lab!r}")
                continue
            if row["kind"] not in KINDS[lab]:
                problems.append(f"{where}: kind {row['kind']!r} not allowed for {lab} ({sorted(KINDS[lab])})")
            pr, hy = row["premise"].strip(), row["hypothesis"].strip()
            for name, s in (("premise", pr), ("hypothesis", hy)):
                words = len(s.split())
                if not 6 <= words <= 60:
                    problems.append(f"{where}: {name} has {words} words (6-60)")
                if not re.search(r"[.!?\"'\u201d]$", s):
                    problems.append(f"{where}: {name} must end as a sentence")
            if pr == hy:
                problems.append(f"{where}: premise equals hypothesis")
            if (pr, hy) in seen:
                problems.append(f"{where}: duplicate pair")
            seen.add((pr, hy))
            labels[lab] += 1
            kinds[f"{lab}/{row['kind']}"] += 1
            topics.add(row["topic"])
        for p in problems[:200]:
            print(p)
        share = {k: round(v / max(n, 1), 3) for k, v in labels.items()}
        print(
            f"{path}: {n} pairs, {len(topics)} topics, labels {dict(labels)} {share}, "
            f"{len(problems)} problems"
        )
        print("  kinds: " + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())))
        if n and max(labels.values()) / n > 0.40:
            print("  problem: labels are unbalanced (each label should be about a third)")
            bad += 1
        bad += bool(problems)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
