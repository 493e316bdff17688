"""Score story sets in one process and show how trustworthy each score band is.

Usage: python scripts/story_report.py [STORIES.json ...] [-v]

Uses the matching rules of ../shared/eval/score_stories.py (a finding "flags" a
planted pair when its two claims cover the two quotes), but loads the models once
instead of once per story. Besides recall and the false-alarm rate it prints, per
score band, how many findings matched a planted contradiction, a planted look-alike,
or nothing planted: the evidence behind the severity thresholds.
Defaults to the development stories and every story set in eval/.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from checker.align import MiniLMEmbedder
from checker.nli import NLIModel
from checker.pipeline import check_sources
from checker.report import to_dict
from checker.sources import load_text

ROOT = Path(__file__).resolve().parents[1]
SHARED_EVAL = ROOT.parent / "shared" / "eval"
BANDS = ((0.8, 1.01, "high (>= 0.8)"), (0.6, 0.8, "medium (0.6-0.8)"), (0.0, 0.6, "low (< 0.6)"))


def _story_sources(story: dict, base: Path) -> tuple[list, dict[str, str]]:
    sources, files = [], {}
    for s in story["sources"]:
        body = (base / s["file"]).read_text(encoding="utf-8") if "file" in s else s["text"] + "\n"
        front = s.get("published") and "file" not in s and not s["name"].endswith((".html", ".htm"))
        content = (f"---\npublished: {s['published']}\n---\n" if front else "") + body
        files[s["name"]] = content
        sources.append(load_text(content, path=s["name"]))
    return sources, files


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("stories", nargs="*", type=Path)
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    sys.path.insert(0, str(SHARED_EVAL))
    import score_stories as ss  # the official matching rules

    paths = args.stories or [SHARED_EVAL / "dev_stories.json", *sorted((ROOT / "eval").glob("*stories.json"))]
    scorer, embedder = NLIModel(), MiniLMEmbedder()
    for path in paths:
        hit = total = false_alarms = looks = 0
        bands = {name: {"contradiction": 0, "look-alike": 0, "unplanned": 0} for *_, name in BANDS}
        for story in json.loads(path.read_text(encoding="utf-8")):
            sources, files = _story_sources(story, path.parent)
            findings = to_dict(check_sources(sources, scorer=scorer, embedder=embedder))["findings"]

            def matches(f: dict, qa: str, qb: str, files: dict[str, str] = files) -> bool:
                a, b = f["claim_a"], f["claim_b"]
                return (ss.covers(a, qa, files) and ss.covers(b, qb, files)) or (
                    ss.covers(a, qb, files) and ss.covers(b, qa, files)
                )

            for qa, qb, category in story["contradict"]:
                caught = any(matches(f, qa, qb) for f in findings)
                hit += caught
                total += 1
                if args.verbose and not caught:
                    print(f"  MISS {story['id']} [{category}] {qa!r} / {qb!r}")
            for qa, qb, category in story["consistent"]:
                flagged = any(matches(f, qa, qb) for f in findings)
                false_alarms += flagged
                looks += 1
                if args.verbose and flagged:
                    print(f"  FALSE ALARM {story['id']} [{category}] {qa!r} / {qb!r}")
            for f in findings:
                label = "unplanned"
                if any(matches(f, qa, qb) for qa, qb, _ in story["contradict"]):
                    label = "contradiction"
                elif any(matches(f, qa, qb) for qa, qb, _ in story["consistent"]):
                    label = "look-alike"
                band = next(name for low, high, name in BANDS if low <= f["score"] < high)
                bands[band][label] += 1
                if args.verbose and label == "unplanned":
                    print(f"  other {story['id']} {f['kind']} {f['score']}: {f['explanation'][:90]}")
        print(
            json.dumps(
                {
                    "stories": str(
                        path.relative_to(ROOT.parent) if path.is_relative_to(ROOT.parent) else path
                    ),
                    "recall": round(hit / max(total, 1), 3),
                    "caught": f"{hit}/{total}",
                    "false_alarm_rate": round(false_alarms / max(looks, 1), 3),
                    "false_alarms": f"{false_alarms}/{looks}",
                    "findings_by_score_band": bands,
                }
            )
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
