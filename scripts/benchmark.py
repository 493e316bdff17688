"""Speed and memory of a check, end to end, on inputs of growing size.

Usage: python scripts/benchmark.py [--repeat N]

Inputs: the bundled examples, the two seed articles, and a "newsroom day" made of
every story in eval/stories.json plus the seeds as separate files (about 40
articles). Prints one JSON line per input: claims, candidate pairs, seconds
(model loading excluded: it happens once per process), claims per second and peak
resident memory of the process.
"""

from __future__ import annotations

import argparse
import json
import resource
import tempfile
import time
from pathlib import Path

from checker.align import MiniLMEmbedder
from checker.nli import NLIModel
from checker.pipeline import CheckOptions, check

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"


def _newsroom_day(folder: Path) -> list[str]:
    paths = []
    for story in json.loads((ROOT / "eval" / "stories.json").read_text(encoding="utf-8")):
        for source in story["sources"]:
            path = folder / f"{story['id']}-{source['name']}"
            path.write_text(
                f"---\npublished: {source['published']}\n---\n{source['text']}\n", encoding="utf-8"
            )
            paths.append(str(path))
    return paths + [str(p) for p in sorted(SEEDS.glob("*.txt"))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=2, help="runs per input; the fastest counts")
    args = parser.parse_args()
    scorer, embedder = NLIModel(), MiniLMEmbedder()
    check(
        ["-"],
        stdin_text="Warm-up: the models load once. Six cars fell. Four cars fell.",
        scorer=scorer,
        embedder=embedder,
    )
    with tempfile.TemporaryDirectory() as tmp:
        inputs = {
            "examples (3 articles)": [str(ROOT / "examples")],
            "seeds (2 articles)": [str(p) for p in sorted(SEEDS.glob("*.txt"))],
            "newsroom day (all stories + seeds)": _newsroom_day(Path(tmp)),
        }
        for name, paths in inputs.items():
            best = None
            for _ in range(args.repeat):
                started = time.perf_counter()
                report = check(paths, CheckOptions(), scorer=scorer, embedder=embedder)
                elapsed = time.perf_counter() - started
                best = elapsed if best is None else min(best, elapsed)
            claims = int(report.stats["claims"])
            print(
                json.dumps(
                    {
                        "input": name,
                        "articles": len(report.sources),
                        "claims": claims,
                        "candidate_pairs": report.stats["candidate_pairs"],
                        "findings": len(report.findings),
                        "seconds": round(best or 0.0, 2),
                        "claims_per_second": round(claims / (best or 1e-9), 1),
                        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
                    }
                )
            )


if __name__ == "__main__":
    main()
