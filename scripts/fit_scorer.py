"""Fit the finding scorer on the story corpus and write ``models/scorer.json``.

Usage: python scripts/fit_scorer.py [--corpus eval/corpus] [--out models/scorer.json]
                                    [--model NLI_MODEL] [--cache runs/candidates]

1. Runs the pipeline up to candidates on every story of the train and validation
   splits and of the earlier story sets (``--extra-train``, fitted on with the train
   split); cached per story, NLI model and code version under ``--cache``.
2. Labels each candidate with the story scorer's matching rules: 1 when, reported,
   it would flag a planted contradiction; 0 otherwise (look-alikes and everything
   unplanned count against the checker).
3. Fits one logistic regression per check on the train split (regularisation chosen
   by validation log-loss); checks with too few positives keep their rule score.
4. Chooses the report threshold on the validation split: the lowest that keeps the
   look-alike false-alarm rate <= 0.05 and unplanned findings <= 0.5 per story (or
   the best trade-off when none does), and the high-severity threshold where at
   least 90% of findings are real.
The test split is not read.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

import numpy as np

from checker.scoring import POOLED, FittedScorer, RuleScorer, Thresholds, transform
from checker.training.stories import ROOT, all_candidates, cached_models, load_stories, measure

# Products of features that the logistic models may weigh (evidence that counts only
# together: a contradiction verdict from a model matters more between close claims).
INTERACTIONS = (
    "nli_contradiction_min*similarity",
    "nli_contradiction_mean*contrast",
    "contrast_aligned*similarity",
    "nli_contradiction_mean*figures_agree",
    "relevance*similarity",
    "relevance*stated_elsewhere",
    "nli_contradiction_mean*same_article",
    "similarity*same_article",
    # Contradictions only the model sees (polarity, status, quantifiers) are weighed apart
    # from the many where it reacts to a figure that differs.
    "nli_contradiction_min*nli_only",
    "nli_contradiction_mean*nli_only",
    "nli_neutral_mean*nli_only",
    "nli_entailment_max*nli_only",
    "similarity*nli_only",
    "best_match*nli_only",
    "contrast*nli_only",
    "one_negated*nli_only",
)
MIN_POSITIVES = 12  # fewer and a check keeps its hand-set rule score
MAX_FALSE_ALARM_RATE = 0.05
MAX_UNPLANNED_PER_STORY = 0.5
HIGH_PRECISION = 0.9
MIN_HIGH_SUPPORT = 20  # findings above a high threshold, for its precision to mean anything


def _design(items, checks: set[str], features: list[str] | None = None):  # type: ignore[no-untyped-def]
    """Feature names, matrix and labels of the candidates of some checks."""
    rows, labels, names = [], [], set()
    for item in items:
        for c, y in zip(item.candidates, item.labels, strict=True):
            if c.check in checks:
                rows.append(c.features)
                labels.append(y)
                names.update(c.features)
    if features is None:
        features = sorted(names) + [i for i in INTERACTIONS if set(i.split("*")) <= names]
    x = np.array([[transform(f, r) for f in features] for r in rows], dtype=np.float64)
    return features, x.reshape(len(rows), len(features)), np.array(labels)


def fit(train, valid) -> dict[str, dict]:  # type: ignore[no-untyped-def]
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import log_loss

    checks = sorted({c.check for item in train for c in item.candidates})
    positives_of = {
        check: sum(
            y for item in train for c, y in zip(item.candidates, item.labels, strict=True) if c.check == check
        )
        for check in checks
    }
    small = {check for check in checks if positives_of[check] < MIN_POSITIVES}
    groups: list[tuple[str, set[str], list[str] | None]] = [(c, {c}, None) for c in checks if c not in small]
    if small:
        # Too few examples each: one pooled model over what they share.
        groups.append(
            (POOLED, small, ["rule_score", "named_elsewhere", "has_partner", "same_article", "similarity"])
        )
    models: dict[str, dict] = {}
    for check, members, pooled_features in groups:
        features, x, y = _design(train, members, pooled_features)
        positives = int(y.sum())
        if positives == 0 or positives == len(y):
            print(f"  {check}: {len(y)} candidates, {positives} positive: keeps its rule score")
            continue
        mean = x.mean(axis=0)
        scale = x.std(axis=0)
        scale[scale < 1e-9] = 1.0
        _, xv, yv = _design(valid, members, features)
        best = None
        for c in (0.03, 0.1, 0.3, 1.0, 3.0):
            model = LogisticRegression(C=c, max_iter=5000)
            model.fit((x - mean) / scale, y)
            if len(xv) and 0 < yv.sum() < len(yv):
                loss = log_loss(yv, model.predict_proba((xv - mean) / scale)[:, 1], labels=[0, 1])
            else:  # no validation positives for this check: judge by the train fit
                loss = log_loss(y, model.predict_proba((x - mean) / scale)[:, 1], labels=[0, 1])
            if best is None or loss < best[0]:
                best = (loss, c, model)
        assert best is not None
        loss, c, model = best
        models[check] = {
            "features": features,
            "mean": [round(float(v), 6) for v in mean],
            "scale": [round(float(v), 6) for v in scale],
            "coef": [round(float(v), 6) for v in model.coef_[0]],
            "intercept": round(float(model.intercept_[0]), 6),
            "checks": sorted(members),
            "train_candidates": len(y),
            "train_positives": positives,
            "C": c,
            "valid_log_loss": round(loss, 4),
        }
        top = sorted(zip(features, model.coef_[0], strict=True), key=lambda t: -abs(t[1]))[:6]
        print(
            f"  {check}: {len(y)} candidates, {positives} positive, C={c}, valid log-loss {loss:.3f}; "
            + ", ".join(f"{f} {w:+.2f}" for f, w in top)
        )
    return models


def choose_thresholds(valid, models: dict, out: Path, clause_words: int) -> dict[str, float]:  # type: ignore[no-untyped-def]
    first = {"report": 0.5, "medium": 0.6, "high": 0.8, "clause_words": clause_words}
    out.write_text(json.dumps({"models": models, "thresholds": first}))
    scorer = FittedScorer(out)
    rows = []
    for t in np.arange(0.15, 0.95, 0.025):
        s = measure(valid, scorer, float(t))
        rows.append((float(t), s))
    feasible = [
        (t, s)
        for t, s in rows
        if s.false_alarm_rate <= MAX_FALSE_ALARM_RATE and s.unplanned_per_story <= MAX_UNPLANNED_PER_STORY
    ]
    if feasible:
        report, _ = max(feasible, key=lambda r: (r[1].recall, -r[0]))
    else:
        report, _ = max(
            rows, key=lambda r: r[1].recall - r[1].false_alarm_rate - r[1].unplanned_per_story / 4
        )
    print("  threshold  recall  false-alarm  unplanned/story")
    for t, s in rows:
        mark = " <" if math.isclose(t, report) else ""
        print(f"  {t:9.3f}  {s.recall:6.3f}  {s.false_alarm_rate:11.3f}  {s.unplanned_per_story:15.3f}{mark}")
    # High: the lowest threshold above which at least 90% of validation findings (and at
    # least 20 of them) are real; 0.8 when there is none.
    at_report = measure(valid, scorer, report)
    high = 0.8
    for t in np.arange(report, 0.99, 0.025):
        s = measure(valid, scorer, float(t))
        real = sum(b["contradiction"] for b in s.bands.values())
        total = sum(sum(b.values()) for b in s.bands.values())
        if total >= MIN_HIGH_SUPPORT and real / total >= HIGH_PRECISION:
            high = max(float(t), report)
            break
    medium = (report + high) / 2
    print(
        f"  chosen: report {report:.3f}, medium {medium:.3f}, high {high:.3f}; recall {at_report.recall:.3f}"
    )
    return {
        "report": round(report, 3),
        "medium": round(medium, 3),
        "high": round(high, 3),
        "clause_words": clause_words,
    }


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", type=Path, default=ROOT / "eval" / "corpus")
    parser.add_argument("--out", type=Path, default=ROOT / "models" / "scorer.json")
    parser.add_argument("--model", default=None, help="NLI model (default: the shipped one)")
    parser.add_argument("--backend", default="onnx", choices=("onnx", "torch"), help="NLI runtime (as check)")
    parser.add_argument("--cache", type=Path, default=ROOT / "runs" / "candidates")
    parser.add_argument(
        "--extra-train",
        type=Path,
        nargs="*",
        default=[ROOT / "eval" / "corpus" / "train_more.json"]
        + [ROOT / "eval" / f"{name}.json" for name in ("stories", "holdout_stories", "blind_stories")],
        help="more story sets to fit on (default: the training-only stories and the earlier sets)",
    )
    parser.add_argument(
        "--clause-words",
        type=int,
        default=Thresholds().clause_words,
        help="a figure, date or name finding shows at least this many words around it (999: the claim)",
    )
    args = parser.parse_args()
    train = load_stories(args.corpus / "train.json")
    for path in args.extra_train:
        train += load_stories(path)
    valid = load_stories(args.corpus / "validation.json")
    nli, embedder = cached_models(args.model, args.backend)
    print(f"candidates for {len(train)} train and {len(valid)} validation stories ...", flush=True)
    train_items = all_candidates(train, nli, embedder, args.cache, args.clause_words)
    valid_items = all_candidates(valid, nli, embedder, args.cache, args.clause_words)
    n = sum(len(i.candidates) for i in train_items)
    pos = sum(sum(i.labels) for i in train_items)
    print(f"train: {n} candidates, {pos} positive")
    models = fit(train_items, valid_items)
    thresholds = choose_thresholds(valid_items, models, args.out, args.clause_words)
    baseline = measure(valid_items, RuleScorer(clause_words=args.clause_words))
    payload = {
        "about": "Per-check logistic regressions over candidate features; see scripts/fit_scorer.py.",
        "nli_model": getattr(nli, "identity", nli.name),  # the weights and the backend
        "train_stories": len(train),
        "validation_stories": len(valid),
        "thresholds": thresholds,
        "models": models,
    }
    args.out.write_text(json.dumps(payload, indent=1) + "\n", encoding="utf-8")
    fitted = measure(valid_items, FittedScorer(args.out))
    print("validation, hand-set rules:", json.dumps(baseline.summary()))
    print("validation, fitted scorer: ", json.dumps(fitted.summary()))
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
