"""``checker bench``: speed and memory on this machine, as one JSON object.

Every figure of the README's speed table comes from here:

- ``help_seconds``: ``checker --help``, process start to exit (best of 3).
- ``seeds_seconds``: ``checker check`` on the two seed articles, process start to exit,
  cache off (best of 2; the ONNX files are built once before any timing);
  ``seeds_warm_seconds``: the same run with the cache on, after a run that filled it.
- ``nli_pairs_per_second``: the shipped NLI model on the first 512 news held-out pairs
  (``eval/nli/news_heldout.jsonl.gz``), both directions as the pipeline asks, batch 32,
  per backend.
- ``articles``: ``checker check --no-cache`` on 10, 30 and 100 articles of the story
  corpus (whole stories, in file order), process start to exit: claims, claim pairs
  scored, seconds.
- ``ci``: ``checker ci`` with one new article against a corpus of 50, process start to
  exit: the first run (store built) and a second run (store warm).
- ``peak_rss_mb``: the largest resident set of any of those checker processes.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
CORPUS = ROOT / "eval" / "corpus"
HELDOUT = ROOT / "eval" / "nli" / "news_heldout.jsonl.gz"


def _run(args: list[str], env: dict[str, str]) -> float:
    """Seconds from process start to exit of a checker command (exit 0 or 1)."""
    return _timed(args, env)[0]


def _timed(args: list[str], env: dict[str, str]) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    if done.returncode not in (0, 1):
        raise RuntimeError(f"{' '.join(args)} exited {done.returncode}: {done.stderr.strip()[-300:]}")
    return round(elapsed, 2), done.stdout


def _articles(count: int, folder: Path) -> list[str]:
    """``count`` articles of whole stories from the validation and test splits."""
    paths: list[str] = []
    for split in ("validation", "test"):
        for story in json.loads((CORPUS / f"{split}.json").read_text(encoding="utf-8")):
            for source in story["sources"]:
                if len(paths) == count:
                    return paths
                path = folder / f"{story['id']}-{source['name']}"
                text = source["text"]
                if path.suffix in (".txt", ".md") and not text.startswith("---"):
                    text = f"---\npublished: {source['published']}\n---\n{text}"
                path.write_text(text, encoding="utf-8")
                paths.append(str(path))
    return paths


def _nli_speed(pairs: list[tuple[str, str]]) -> dict[str, float]:
    """Pairs per second of each backend on the same pairs, batch 32, after a warm-up."""
    from checker.nli import NLIModel
    from checker.onnx_models import OnnxNLIModel

    speeds = {}
    for name, model in (("torch", NLIModel(batch_size=32)), ("onnx", OnnxNLIModel(batch_size=32))):
        model.score(pairs[:32])  # load and warm up
        started = time.perf_counter()
        model.score(pairs)
        speeds[name] = round(len(pairs) / (time.perf_counter() - started), 1)
    return speeds


def _check_json(exe: str, paths: list[str], env: dict[str, str]) -> tuple[float, dict[str, Any]]:
    """Process start to exit of ``checker check PATHS --no-cache``, and its report's stats."""
    seconds, stdout = _timed([exe, "check", *paths, "--no-cache", "-f", "json"], env)
    return seconds, json.loads(stdout)["stats"]


def run_bench(sizes: tuple[int, ...] = (10, 30, 100)) -> dict[str, Any]:
    from checker.training.data import read_jsonl

    exe = shutil.which("checker") or sys.argv[0]
    out: dict[str, Any] = {"machine": f"{os.cpu_count()} cores", "python": sys.version.split()[0]}
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        env = {**os.environ, "HF_HUB_OFFLINE": "1", "CHECKER_CACHE_DIR": str(tmp / "cache")}
        seeds = [str(p) for p in sorted(SEEDS.glob("*.txt"))]
        _run([exe, "check", *seeds, "--no-cache", "-f", "json"], env)  # builds the ONNX files once
        out["help_seconds"] = min(_run([exe, "--help"], env) for _ in range(3))
        out["seeds_seconds"] = min(_check_json(exe, seeds, env)[0] for _ in range(2))
        _run([exe, "check", *seeds, "-f", "json"], env)  # fills the cache
        out["seeds_warm_seconds"] = _run([exe, "check", *seeds, "-f", "json"], env)

        runs = []
        for n in sizes:
            folder = tmp / f"articles-{n}"
            folder.mkdir()
            paths = _articles(n, folder)
            seconds, stats = _check_json(exe, paths, env)
            runs.append(
                {
                    "n": len(paths),
                    "claims": stats["claims"],
                    "pairs_scored": stats["candidate_pairs"],
                    "seconds": seconds,
                }
            )
        out["articles"] = runs

        corpus = tmp / "newsroom" / "archive"
        corpus.mkdir(parents=True)
        archive = _articles(51, corpus)
        new = Path(archive[0]).rename(tmp / "newsroom" / Path(archive[0]).name)
        ci = [
            exe,
            "ci",
            str(new),
            "--corpus",
            str(corpus),
            "--store",
            str(tmp / "store.sqlite"),
            "-f",
            "json",
        ]
        out["ci"] = {
            "corpus_articles": len(archive) - 1,
            "first_run_seconds": _run(ci, env),
            "warm_run_seconds": _run(ci, env),
        }
        # Every figure above is a separate checker process: the largest of them.
        out["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)

        examples = list(read_jsonl(HELDOUT))[:256]
        pairs = [(e.premise, e.hypothesis) for e in examples] + [(e.hypothesis, e.premise) for e in examples]
        out["nli_pairs_per_second"] = _nli_speed(pairs)
        speeds = out["nli_pairs_per_second"]
        out["nli_onnx_speedup"] = round(speeds["onnx"] / speeds["torch"], 2)
    return out
