"""Score story sets in one process: recall per kind, false alarms, unplanned findings,
and how trustworthy each score band is (the reliability table).

Usage: python scripts/story_report.py [STORIES.json ...] [--scorer fitted|rules|FILE]
                                      [--model NLI_MODEL] [--json] [-v]

Uses the matching rules of ../shared/eval/score_stories.py (a finding "flags" a
planted pair when its two claims cover the two quotes) but loads the models once.
Defaults to the development stories and the corpus validation split; the test split
(eval/corpus/test.json) is named explicitly, once, at the end of a round.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from checker.scoring import load_scorer
from checker.training.stories import (
    BANDS,
    ROOT,
    SHARED_EVAL,
    all_candidates,
    cached_models,
    coverage,
    load_stories,
    measure,
)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("stories", nargs="*", type=Path)
    parser.add_argument("--scorer", default=None, help="fitted (default), rules, or a scorer JSON file")
    parser.add_argument("--model", default=None, help="NLI model (default: the shipped one)")
    parser.add_argument("--backend", default="onnx", choices=("onnx", "torch"), help="NLI runtime (as check)")
    parser.add_argument("--cache", type=Path, default=ROOT / "runs" / "candidates")
    parser.add_argument("--json", action="store_true", help="one JSON object per set")
    parser.add_argument("-v", "--verbose", action="store_true", help="list misses and other findings")
    args = parser.parse_args()
    paths = args.stories or [SHARED_EVAL / "dev_stories.json", ROOT / "eval" / "corpus" / "validation.json"]
    scorer = load_scorer(args.scorer)
    nli, embedder = cached_models(args.model, args.backend)
    for path in paths:
        items = all_candidates(load_stories(path), nli, embedder, args.cache)
        score = measure(items, scorer, verbose=args.verbose)
        ceiling = coverage(items)
        result = {
            "set": str(path),
            "scorer": scorer.name,
            **score.summary(),
            "recall_per_kind": {k: f"{c}/{t}" for k, (c, t) in sorted(score.per_kind.items())},
            "candidate_coverage": round(
                sum(c for c, _ in ceiling.values()) / max(1, sum(t for _, t in ceiling.values())), 3
            ),
            "bands": {name: score.bands.get(name, {}) for _, name in BANDS},
        }
        if args.json:
            print(json.dumps(result))
            continue
        print(f"{path}: {json.dumps(score.summary())}")
        print(f"  candidate coverage (recall ceiling): {result['candidate_coverage']}")
        print("  recall per kind: " + ", ".join(f"{k} {v}" for k, v in result["recall_per_kind"].items()))
        print("  score band        contradiction  look-alike  unplanned  share real")
        for _, name in BANDS:
            b = score.bands.get(name, {})
            total = sum(b.values())
            share = f"{b.get('contradiction', 0) / total:.2f}" if total else "-"
            print(
                f"  {name:17s} {b.get('contradiction', 0):13d} {b.get('look-alike', 0):11d} "
                f"{b.get('unplanned', 0):10d}  {share}"
            )
        for line in score.misses:
            print("   ", line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
