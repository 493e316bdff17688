"""The finding scorer: the shipped parameters are well formed, the arithmetic is right,
bad files are clear errors."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from checker.checks import Candidate
from checker.errors import ModelError
from checker.scoring import DEFAULT_SCORER, POOLED, FittedScorer, LogisticModel, RuleScorer, load_scorer
from checker.types import Claim, FindingKind


def _candidate(check: str, **features: float) -> Candidate:
    claim = Claim("0:0", 0, "Six cars fell.", 0, 14, "Six cars fell.")
    features.setdefault("rule_score", 0.7)
    return Candidate(check, FindingKind.QUANTITY, claim, claim, "x", (), (), features, 0.7)


def test_the_shipped_scorer_is_well_formed() -> None:
    scorer = FittedScorer(DEFAULT_SCORER)
    t = scorer.thresholds
    assert 0 < t.report <= t.medium <= t.high <= 1 and t.clause_words >= 1
    assert {"figures", "meaning"} <= set(scorer.models)
    for model in scorer.models.values():
        assert len(model.features) == len(model.mean) == len(model.scale) == len(model.coef)
        assert all(s > 0 for s in model.scale)


def test_the_shipped_scorer_orders_obvious_cases() -> None:
    scorer = FittedScorer(DEFAULT_SCORER)
    strong = _candidate(
        "meaning",
        similarity=0.9,
        affinity=0.85,
        mutual=1.0,
        best_match=1.0,
        has_nli=1.0,
        nli_contradiction_max=0.98,
        nli_contradiction_min=0.95,
        nli_contradiction_mean=0.965,
        nli_entailment_max=0.01,
        nli_neutral_mean=0.02,
        contrast=1.0,
        contrast_aligned=1.0,
        rule_score=0.95,
    )
    weak = _candidate(
        "meaning",
        similarity=0.3,
        affinity=0.25,
        rank=4.0,
        has_nli=1.0,
        nli_contradiction_max=0.05,
        nli_contradiction_min=0.01,
        nli_contradiction_mean=0.03,
        nli_entailment_max=0.2,
        nli_neutral_mean=0.8,
    )
    assert scorer.score(strong) > scorer.thresholds.report > scorer.score(weak)


def test_logistic_arithmetic_and_interactions() -> None:
    model = LogisticModel(("a", "a*b"), (0.0, 0.0), (1.0, 2.0), (1.0, 4.0), -1.0)
    z = -1.0 + 1.0 * 0.5 + 4.0 * (0.5 * 3.0) / 2.0
    assert model.probability({"a": 0.5, "b": 3.0}) == pytest.approx(1 / (1 + math.exp(-z)))


def test_a_check_without_a_model_uses_the_pooled_one(tmp_path: Path) -> None:
    path = tmp_path / "scorer.json"
    pooled = {"features": ["rule_score"], "mean": [0.0], "scale": [1.0], "coef": [10.0], "intercept": -5.0}
    path.write_text(
        json.dumps({"thresholds": {"report": 0.5, "medium": 0.6, "high": 0.8}, "models": {POOLED: pooled}})
    )
    assert FittedScorer(path).score(_candidate("ages")) == pytest.approx(1 / (1 + math.exp(-2.0)), abs=1e-3)


def test_rules_and_bad_files(tmp_path: Path) -> None:
    assert isinstance(load_scorer("rules"), RuleScorer)
    assert RuleScorer().score(_candidate("figures")) == 0.7
    with pytest.raises(ModelError, match="cannot read"):
        FittedScorer(tmp_path / "missing.json")
    (tmp_path / "bad.json").write_text("{}")
    with pytest.raises(ModelError, match="not a scorer file"):
        FittedScorer(tmp_path / "bad.json")
