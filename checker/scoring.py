"""The scorer: one fitted model turns a candidate's features into the probability that an
editor must act, and fitted thresholds turn probabilities into findings and severities.

The parameters live in ``models/scorer.json``, written by ``scripts/fit_scorer.py``
from the labelled story corpus (train split; thresholds from the validation split).
One logistic regression per check: small, calibrated, and readable (each weight says
how much a named feature counts). Inference is plain arithmetic, no scikit-learn.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from checker.checks.base import MIN_CLAUSE_WORDS, Candidate
from checker.errors import ModelError
from checker.types import Severity

POOLED = "*"  # the model of every check too small to have its own
DEFAULT_SCORER = Path(__file__).resolve().parent.parent / "models" / "scorer.json"


@dataclass(frozen=True)
class Thresholds:
    report: float = 0.5  # candidates below this are not findings
    medium: float = 0.6
    high: float = 0.8
    # A finding about one figure, date or name shows the clause that holds it, widened
    # to at least this many words (999: the whole claim).
    clause_words: int = MIN_CLAUSE_WORDS

    def severity(self, score: float) -> Severity:
        if score >= self.high:
            return Severity.HIGH
        if score >= self.medium:
            return Severity.MEDIUM
        return Severity.LOW


class Scorer(Protocol):
    name: str
    thresholds: Thresholds

    def score(self, candidate: Candidate) -> float: ...


class RuleScorer:
    """The hand-set scores of the earlier design: the baseline the fitted scorer must beat."""

    name = "rules"

    def __init__(self, clause_words: int | None = None) -> None:
        self.thresholds = Thresholds() if clause_words is None else Thresholds(clause_words=clause_words)

    def score(self, candidate: Candidate) -> float:
        return round(max(0.0, min(1.0, candidate.rule_score)), 3)


@dataclass(frozen=True)
class LogisticModel:
    """w · standardised(x) + b through a sigmoid."""

    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float

    def probability(self, values: Mapping[str, float]) -> float:
        z = self.intercept
        for name, mu, sd, w in zip(self.features, self.mean, self.scale, self.coef, strict=True):
            z += w * (transform(name, values) - mu) / sd
        return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, z))))


def transform(name: str, values: Mapping[str, float]) -> float:
    """A feature's value; ``a*b`` names the product of two features (an interaction)."""
    if "*" in name:
        left, right = name.split("*", 1)
        return values.get(left, 0.0) * values.get(right, 0.0)
    return values.get(name, 0.0)


class FittedScorer:
    """Per-check logistic models read from a JSON file; checks without one keep their rule score."""

    def __init__(self, path: Path | str = DEFAULT_SCORER) -> None:
        path = Path(path)
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            self.models = {
                check: LogisticModel(
                    tuple(m["features"]),
                    tuple(m["mean"]),
                    tuple(m["scale"]),
                    tuple(m["coef"]),
                    float(m["intercept"]),
                )
                for check, m in raw["models"].items()
            }
            t = raw["thresholds"]
            self.thresholds = Thresholds(
                float(t["report"]),
                float(t["medium"]),
                float(t["high"]),
                int(t.get("clause_words", MIN_CLAUSE_WORDS)),
            )
        except OSError as exc:
            raise ModelError(f"cannot read the scorer {path}: {exc.strerror or exc}") from exc
        except (ValueError, KeyError, TypeError) as exc:
            raise ModelError(f"{path} is not a scorer file ({exc})") from exc
        self.name = f"fitted:{path.name}"

    def score(self, candidate: Candidate) -> float:
        # Checks with too few labelled examples of their own share one pooled model ("*").
        model = self.models.get(candidate.check) or self.models.get(POOLED)
        if model is None:
            return round(max(0.0, min(1.0, candidate.rule_score)), 3)
        return round(model.probability(candidate.features), 3)


def load_scorer(name: str | None = None) -> Scorer:
    """``None`` or "fitted": the shipped scorer; "rules": the hand-set baseline; else a JSON path.

    ``None`` reads the ``CHECKER_SCORER`` environment variable first.
    """
    name = name or os.environ.get("CHECKER_SCORER") or None
    if name in (None, "fitted"):
        return FittedScorer(DEFAULT_SCORER) if DEFAULT_SCORER.is_file() else RuleScorer()
    if name == "rules":
        return RuleScorer()
    return FittedScorer(name)
