"""Claims whose meaning contradicts: the NLI model in both directions, with the wording
that flips meaning ("conceded defeat" / "refused to concede") as further evidence."""

from __future__ import annotations

from checker import dates as dates_mod
from checker.checks.base import Candidate, Pair, Story, pair_features, unmatched_conflicts
from checker.types import FindingKind
from checker.wording import diff_spans

NAME = "meaning"


def _rule_score(pair: Pair, vetoed: bool) -> float:
    """The hand-set verdict of the earlier design (the baseline), 0 where it stayed quiet."""
    assert pair.forward is not None and pair.backward is not None
    forward, backward, similarity, contrast = pair.forward, pair.backward, pair.similarity, pair.contrast
    contradiction = (forward.contradiction + backward.contradiction) / 2
    weaker = min(forward.contradiction, backward.contradiction)
    entailment = max(forward.entailment, backward.entailment)
    max_entailment = 0.35
    if contrast and contrast.aligned and similarity >= 0.55:
        contradiction = max(min(1.0, contradiction + 0.25), 0.6 + 0.5 * (similarity - 0.55))
        max_entailment = 1.0
    elif (
        contrast
        and similarity >= (0.6 if contrast.negation else 0.5)
        and (weaker >= 0.2 or similarity >= 0.7)
    ):
        contradiction = min(1.0, contradiction + 0.2)
        max_entailment += 0.1
        if similarity >= (0.8 if contrast.negation else 0.75):
            max_entailment = 1.0
    if vetoed and not contrast:
        contradiction *= 0.6
    elif vetoed and contrast and not contrast.negation:
        contradiction = max(contradiction, 0.5 + 0.5 * max(0.0, similarity - 0.5))
    if contradiction < 0.55 or entailment > max_entailment:
        return 0.0
    if weaker < 0.3 and (contrast is None or (contrast.negation and not contrast.aligned)):
        return 0.0
    return min(1.0, contradiction)


def check_pair(pair: Pair, story: Story) -> list[Candidate]:
    if pair.forward is None or pair.backward is None:
        return []
    a, b = pair.a, pair.b
    figures_agree = pair.figure_verdicts[0]
    dates_agree = unmatched_conflicts(a.dates, b.dates, dates_mod.compatible)[0]
    rule = _rule_score(pair, figures_agree or dates_agree)
    features = {
        **pair_features(pair),
        "figures_agree": float(figures_agree),
        "dates_agree": float(dates_agree),
        "rule_score": rule,
    }
    spans_a, spans_b = diff_spans(a.claim.text, b.claim.text)
    detail = f"; the wording differs in {pair.contrast.description}" if pair.contrast else ""
    return [
        Candidate(
            NAME,
            FindingKind.CONTRADICTION,
            a.claim,
            b.claim,
            f"The claims contradict each other (NLI: {pair.forward.contradiction:.2f} one way, "
            f"{pair.backward.contradiction:.2f} the other){detail}.",
            spans_a,
            spans_b,
            features,
            rule,
            {
                "nli_contradiction_ab": round(pair.forward.contradiction, 3),
                "nli_contradiction_ba": round(pair.backward.contradiction, 3),
                "nli_entailment": round(max(pair.forward.entailment, pair.backward.entailment), 3),
            },
        )
    ]
