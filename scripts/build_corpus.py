"""Merge the written story and NLI-pair batches into the project's corpus files.

Usage: python scripts/build_corpus.py STORIES_DIR PAIRS_DIR
       python scripts/build_corpus.py --train-only STORIES_DIR OUT.json
       python scripts/build_corpus.py --fresh-test STORIES_DIR OUT.json

- Stories (every ``*.json`` under STORIES_DIR, checked by scripts/validate_stories.py)
  are split by a hash of their id into train (60%), validation (20%) and test (20%):
  ``eval/corpus/{train,validation,test}.json``. The split never changes when stories
  are added, so the test split stays unseen.
- NLI pairs (every ``*.jsonl`` under PAIRS_DIR, checked by scripts/validate_pairs.py)
  are split by a hash of their topic: 10% of topics are held out.
  ``eval/nli/news_train.jsonl.gz`` and ``eval/nli/news_heldout.jsonl.gz``.
- The sentences holding each planted pair of the story train split become labelled
  pairs too (contradiction; entailment or neutral for look-alikes):
  ``eval/nli/news_stories_train.jsonl.gz``.
Stories or pairs that fail validation are left out and listed.

``--train-only`` merges stories written after the test split was scored into one file
of training stories (``eval/corpus/train_more.json``): none of them joins validation or
test, which stay as they were when they were scored. ``--fresh-test`` merges stories written
after a round's checker was final into a test set of their own
(``eval/corpus/fresh_test.json``), scored once and never fitted on.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
from validate_stories import LOOKALIKE_KINDS  # noqa: E402


def bucket(key: str) -> int:
    return int(hashlib.sha1(key.encode()).hexdigest()[:8], 16) % 100


def story_split(story_id: str) -> str:
    b = bucket("story:" + story_id)
    return "train" if b < 60 else "validation" if b < 80 else "test"


def valid_files(paths: list[Path], validator: str) -> list[Path]:
    good = []
    for path in paths:
        run = subprocess.run(
            [sys.executable, str(ROOT / "scripts" / validator), str(path)], capture_output=True, text=True
        )
        if run.returncode == 0:
            good.append(path)
        else:
            print(f"left out {path}: {run.stdout.strip().splitlines()[-1]}")
    return good


# Look-alikes that say the same thing in other words entail each other; the others
# (another fact, an attributed claim, an update) leave each other open.
ENTAILING_LOOKALIKES = LOOKALIKE_KINDS - {"different_fact", "attributed", "update"}


def story_pairs(stories: list[dict]) -> list[str]:
    """The sentences holding each planted pair of the train split, as labelled NLI pairs."""
    from checker.claims import extract_claims
    from checker.sources import load_text

    rows = []
    for story in stories:
        sentences = []
        for s in story["sources"]:
            source = load_text(s["text"], path=s["name"])
            sentences += [c.sentence for c in extract_claims(source, 0)[1]]
        planted = [(qa, qb, kind, "contradiction") for qa, qb, kind in story["contradict"]]
        planted += [
            (qa, qb, kind, "entailment" if kind in ENTAILING_LOOKALIKES else "neutral")
            for qa, qb, kind in story["consistent"]
        ]
        for n, (qa, qb, kind, label) in enumerate(planted):
            premise = next((x for x in sentences if qa in x), None)
            hypothesis = next((x for x in sentences if qb in x), None)
            if premise and hypothesis and premise != hypothesis:
                record = {
                    "id": f"{story['id']}-{n}",
                    "topic": story["id"],
                    "premise": premise,
                    "hypothesis": hypothesis,
                    "label": label,
                    "kind": kind,
                    "source": "story_corpus",
                }
                rows.append(json.dumps(record, ensure_ascii=False))
    return rows


def merge_only(stories_dir: Path, out: Path, what: str) -> int:
    """Validated stories of one use (training or a fresh test set) in one file, by id."""
    stories: dict[str, dict] = {}
    for path in valid_files(sorted(stories_dir.rglob("*.json")), "validate_stories.py"):
        for story in json.loads(path.read_text(encoding="utf-8")):
            story.pop("checks", None)
            stories.setdefault(story["id"], story)
    items = [stories[k] for k in sorted(stories)]
    out.write_text(json.dumps(items, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{out}: {len(items)} {what} stories")
    return 0


def main(stories_dir: Path, pairs_dir: Path) -> int:
    stories: dict[str, list[dict]] = {"train": [], "validation": [], "test": []}
    seen: set[str] = set()
    for path in valid_files(sorted(stories_dir.rglob("*.json")), "validate_stories.py"):
        for story in json.loads(path.read_text(encoding="utf-8")):
            if story["id"] in seen:
                continue
            seen.add(story["id"])
            story.pop("checks", None)
            stories[story_split(story["id"])].append(story)
    out = ROOT / "eval" / "corpus"
    out.mkdir(parents=True, exist_ok=True)
    for split, items in stories.items():
        items.sort(key=lambda s: s["id"])
        (out / f"{split}.json").write_text(
            json.dumps(items, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        print(f"{split}: {len(items)} stories")
    pairs: dict[str, list[str]] = {"train": [], "heldout": []}
    seen_pairs: set[tuple[str, str]] = set()
    for path in valid_files(sorted(pairs_dir.rglob("*.jsonl")), "validate_pairs.py"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            row = json.loads(line)
            key = (row["premise"], row["hypothesis"])
            if key in seen_pairs:
                continue
            seen_pairs.add(key)
            record = {k: row[k] for k in ("id", "topic", "premise", "hypothesis", "label", "kind")}
            record["source"] = "news_written"
            side = "heldout" if bucket("topic:" + row["topic"]) < 10 else "train"
            pairs[side].append(json.dumps(record, ensure_ascii=False))
    nli = ROOT / "eval" / "nli"
    nli.mkdir(parents=True, exist_ok=True)
    pairs["stories_train"] = story_pairs(stories["train"])
    for side, rows in pairs.items():
        # mtime 0: the same pairs give the same bytes (no churn in git).
        data = ("\n".join(sorted(rows)) + "\n").encode("utf-8")
        with open(nli / f"news_{side}.jsonl.gz", "wb") as raw:
            with gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as handle:
                handle.write(data)
        print(f"news pairs {side}: {len(rows)}")
    return 0


if __name__ == "__main__":
    if sys.argv[1] in ("--train-only", "--fresh-test"):
        what = "training" if sys.argv[1] == "--train-only" else "fresh test"
        sys.exit(merge_only(Path(sys.argv[2]), Path(sys.argv[3]), what))
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2])))
