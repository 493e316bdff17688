"""Describe the written news NLI pairs and test them for giveaways.

Usage: python scripts/news_pairs_report.py [--relabels FILE]

Prints label and kind counts per split, and the accuracy of a hypothesis-only
classifier (TF-IDF words and word pairs, logistic regression) trained on the train
split and tested on the held-out topics: near 1/3 means the hypothesis alone does
not give the label away. With ``--relabels`` (JSONL of id and label from a second
annotator who did not see the first labels) it prints their agreement and Cohen's
kappa.
"""

from __future__ import annotations

import argparse
import collections
import gzip
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NLI = ROOT / "eval" / "nli"


def read(path: Path) -> list[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--relabels", type=Path, default=None)
    parser.add_argument(
        "--write-heldout",
        type=Path,
        default=None,
        metavar="DIR",
        help="write news_heldout.jsonl and news_heldout_hard.jsonl (pairs a hypothesis-only model misses)",
    )
    args = parser.parse_args()
    train, heldout = read(NLI / "news_train.jsonl.gz"), read(NLI / "news_heldout.jsonl.gz")
    out: dict[str, object] = {}
    for name, rows in (("train", train), ("heldout", heldout)):
        out[name] = {
            "pairs": len(rows),
            "topics": len({r["topic"] for r in rows}),
            "labels": dict(collections.Counter(r["label"] for r in rows)),
        }
    out["kinds"] = dict(
        sorted(collections.Counter(f"{r['label']}/{r['kind']}" for r in train + heldout).items())
    )
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
    x = vectorizer.fit_transform([r["hypothesis"] for r in train])
    model = LogisticRegression(max_iter=2000, C=1.0).fit(x, [r["label"] for r in train])
    predicted = model.predict(vectorizer.transform([r["hypothesis"] for r in heldout]))
    accuracy = sum(p == r["label"] for p, r in zip(predicted, heldout, strict=True)) / max(1, len(heldout))
    out["hypothesis_only_accuracy_heldout"] = round(accuracy, 3)
    if args.write_heldout:
        args.write_heldout.mkdir(parents=True, exist_ok=True)
        hard = [r for p, r in zip(predicted, heldout, strict=True) if p != r["label"]]
        for name, rows in (("news_heldout.jsonl", heldout), ("news_heldout_hard.jsonl", hard)):
            text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
            (args.write_heldout / name).write_text(text, encoding="utf-8")
        out["heldout_hard_pairs"] = len(hard)
    if args.relabels:
        gold = {r["id"]: r["label"] for r in train + heldout}
        second = [
            json.loads(line)
            for line in args.relabels.read_text(encoding="utf-8").splitlines()
            if line.strip()
        ]
        pairs = [(gold[r["id"]], r["label"]) for r in second if r["id"] in gold]
        agree = sum(a == b for a, b in pairs) / max(1, len(pairs))
        labels = sorted({a for a, _ in pairs} | {b for _, b in pairs})
        chance = sum(
            (sum(a == lab for a, _ in pairs) / len(pairs)) * (sum(b == lab for _, b in pairs) / len(pairs))
            for lab in labels
        )
        out["second_annotator"] = {
            "pairs": len(pairs),
            "agreement": round(agree, 3),
            "cohen_kappa": round((agree - chance) / (1 - chance), 3) if chance < 1 else 1.0,
            "confusion": dict(collections.Counter(f"{a}->{b}" for a, b in pairs if a != b)),
        }
    print(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
