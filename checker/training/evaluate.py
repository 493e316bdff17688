"""``checker eval-nli``: accuracy, per-label precision/recall/F1 and a confusion matrix."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from checker.errors import DataError
from checker.nli import PairScorer
from checker.training.data import LABELS, NOT_ENTAILMENT, read_jsonl


def evaluate_nli(path: Path, scorer: PairScorer, limit: int | None = None) -> dict[str, Any]:
    """Score a JSONL file of labelled pairs.

    2-way ``not_entailment`` gold labels count as correct when the model predicts
    neutral or contradiction; they appear as their own row in the confusion matrix.
    """
    if not path.is_file():
        raise DataError(f"{path}: no such file")
    examples = list(read_jsonl(path))
    if limit is not None:
        examples = examples[:limit]
    if not examples:
        raise DataError(f"{path}: no examples")
    started = time.perf_counter()
    scores = scorer.score([(e.premise, e.hypothesis) for e in examples])
    elapsed = time.perf_counter() - started
    predicted = [s.label for s in scores]
    gold = [e.label for e in examples]

    def correct(g: str, p: str) -> bool:
        return g == p or (g == NOT_ENTAILMENT and p != "entailment")

    pairs = list(zip(gold, predicted, strict=True))
    confusion: dict[str, dict[str, int]] = {}
    for g, p in pairs:
        row = confusion.setdefault(g, dict.fromkeys(LABELS, 0))
        row[p] += 1
    per_label: dict[str, dict[str, float | int]] = {}
    for label in LABELS:
        tp = sum(1 for g, p in pairs if g == label and p == label)
        # 2-way gold labels cannot say whether neutral/contradiction was right: left out.
        predicted_n = sum(1 for g, p in pairs if p == label and g != NOT_ENTAILMENT)
        support = sum(1 for g in gold if g == label)
        precision = tp / predicted_n if predicted_n else 0.0
        recall = tp / support if support else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_label[label] = {
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1": round(f1, 4),
            "support": support,
        }
    accuracy = sum(correct(g, p) for g, p in pairs) / len(examples)
    return {
        "model": scorer.name,
        "file": str(path),
        "examples": len(examples),
        "accuracy": round(accuracy, 4),
        "per_label": per_label,
        "confusion": confusion,
        "pairs_per_second": round(len(examples) / max(elapsed, 1e-9), 1),
    }
