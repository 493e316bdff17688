"""The compare stage: aligned pairs -> candidates (the checks) -> findings (the scorer).

1. The NLI model scores each aligned pair worth its time, in both directions.
2. Every check in ``checker.checks`` turns pairs (or the whole story) into candidates
   with named features.
3. The scorer gives each candidate a probability that an editor must act; those above
   the report threshold become findings.
4. Each figure or date is set against one mention per other article, and each claim
   pair keeps its strongest finding (with an NLI finding beside a figure only when the
   wording flips too).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, replace

from checker.align import CandidatePair
from checker.checks import PAIR_CHECKS, STORY_CHECKS, Candidate, Pair, Story
from checker.checks.base import restated
from checker.errors import InputError
from checker.facts import ClaimFacts, FactSet
from checker.nli import PairScorer
from checker.scoring import Scorer
from checker.types import Finding, FindingKind, Source
from checker.wording import lexical_contrast


@dataclass(frozen=True)
class CompareConfig:
    # Pairs less alike than this are about different things; the NLI model is not asked.
    # Chosen on the validation stories with the scorer refitted at each value: 0.2, 0.3,
    # 0.35 and 0.4 give recall 0.426, 0.436, 0.431 and 0.401 at look-alike false alarms
    # 0.020, 0.024, 0.020 and 0.020; 0.35 asks the model about 70% fewer pairs than 0.2 on
    # those stories (25% fewer on the seeds, two near-copies whose pairs are all alike).
    nli_min_affinity: float = 0.35
    # The watchdog: a run that takes longer stops with a one-line error naming the file,
    # instead of hanging without a word. A pair takes milliseconds; a story seconds.
    time_budget: float = 600.0  # seconds for the whole compare stage
    pair_budget: float = 10.0  # seconds for the checks of one claim pair


def collect_candidates(
    factset: FactSet,
    sources: Sequence[Source],
    pairs: Sequence[CandidatePair],
    nli: PairScorer | None,
    config: CompareConfig | None = None,
) -> list[Candidate]:
    """Every candidate of every check, unscored."""
    config = config or CompareConfig()
    deadline = time.perf_counter() + config.time_budget
    facts = factset.facts
    story = Story(factset, sources)
    # Claims equal once spelling, aliases and formats are folded ("Turkiye"/"Turkey"), or
    # once their matching figures and dates are set aside ("on Tuesday" / "on 20 May"),
    # cannot contradict each other: they are not worth a model call.
    asked = [
        p
        for p in pairs
        if p.affinity >= config.nli_min_affinity
        and facts[p.a].normal != facts[p.b].normal
        and not restated(facts[p.a], facts[p.b])
    ]
    texts: list[tuple[str, str]] = []
    for p in asked:
        ca, cb = facts[p.a].claim.core, facts[p.b].claim.core
        texts += [(ca, cb), (cb, ca)]
    scores = nli.score(texts) if nli is not None and texts else []
    by_pair = {(p.a, p.b): (scores[2 * i], scores[2 * i + 1]) for i, p in enumerate(asked)} if scores else {}
    candidates: list[Candidate] = []
    for check in STORY_CHECKS:
        candidates.extend(check(story))
    for p in pairs:
        forward, backward = by_pair.get((p.a, p.b), (None, None))
        a, b = facts[p.a], facts[p.b]
        if _place(a, sources) > _place(b, sources):
            # One orientation per pair whatever order the articles came in: some checks
            # read a pair one way round ("A" in the first, "B" in the second).
            a, b, forward, backward = b, a, backward, forward
        started = time.perf_counter()
        if started > deadline:
            raise InputError(
                f"{sources[a.source_index].path}: comparing took longer than the time budget "
                f"({config.time_budget:.0f} s); check fewer or shorter articles"
            )
        contrast = lexical_contrast(a.claim.core, b.claim.core)
        pair = Pair(a, b, p.similarity, p.affinity, p.mutual, p.rank, forward, backward, contrast)
        found: list[Candidate] = []
        for check in PAIR_CHECKS:
            found.extend(check(pair, story))
        if time.perf_counter() - started > config.pair_budget:
            raise InputError(
                f"{sources[a.source_index].path}:{a.claim.line}: one claim pair took longer than "
                f"{config.pair_budget:.0f} s to compare (a sentence too long or too dense to check)"
            )
        structured = [c for c in found if c.kind is not FindingKind.CONTRADICTION]
        strongest = max((c.rule_score for c in structured), default=0.0)
        for c in found:
            if c.kind is FindingKind.CONTRADICTION:
                # The model often reacts to a figure already reported on the same pair.
                c = replace(
                    c,
                    features={
                        **c.features,
                        "structured": float(len(structured)),
                        "structured_rule": strongest,
                        # The model alone (no figure, date or name differs): its own
                        # weights in the scorer, through the products below.
                        "nli_only": float(not structured),
                    },
                )
            candidates.append(c)
    return candidates


def findings_from(
    candidates: Sequence[Candidate], scorer: Scorer, min_score: float | None = None
) -> list[Finding]:
    """Score candidates and keep the findings, most important first."""
    floor = scorer.thresholds.report if min_score is None else min_score
    scored = [(scorer.score(c), c) for c in candidates]
    words = scorer.thresholds.clause_words
    kept = [(s, c.reported(words)) for s, c in scored if s >= floor]
    kept = _one_finding_per_pair(kept)
    kept = _one_fact_per_mention(kept)
    kept = _dedupe(kept)
    shown = []
    for score, c in kept:
        severity = scorer.thresholds.severity(score)
        shown.append((min(severity, c.max_severity, key=lambda s: s.rank), score, c))
    shown.sort(key=lambda t: (-t[0].rank, -t[1], t[2].claim_a.id))
    return [
        Finding(
            id=f"F{n}",
            kind=c.kind,
            severity=severity,
            score=score,
            claim_a=c.claim_a,
            claim_b=c.claim_b,
            explanation=c.explanation,
            highlight_a=c.highlight_a,
            highlight_b=c.highlight_b,
            evidence={**c.evidence, "check": c.check},
        )
        for n, (severity, score, c) in enumerate(shown, 1)
    ]


def _place(facts: ClaimFacts, sources: Sequence[Source]) -> tuple[str, int]:
    return (sources[facts.source_index].path, facts.claim.start)


def compare(
    factset: FactSet,
    sources: Sequence[Source],
    pairs: Sequence[CandidatePair],
    nli: PairScorer | None,
    scorer: Scorer,
    min_score: float | None = None,
    config: CompareConfig | None = None,
) -> list[Finding]:
    """Findings for a set of claims and their aligned pairs."""
    return findings_from(collect_candidates(factset, sources, pairs, nli, config), scorer, min_score)


Scored = tuple[float, Candidate]


def _pair_key(c: Candidate) -> tuple[str, str]:
    other = c.claim_b.id if c.claim_b is not None else ""
    return (min(c.claim_a.id, other), max(c.claim_a.id, other))


def _one_finding_per_pair(kept: list[Scored]) -> list[Scored]:
    """A figure or date finding points at its clause, so an NLI finding on the same two
    sentences is a second place to look only when the wording flips ("resigned" / "was
    fired"); otherwise the model is most likely reacting to the figure."""
    structured_on: dict[tuple[str, str], list[Candidate]] = {}
    for _, c in kept:
        if c.kind is not FindingKind.CONTRADICTION:
            structured_on.setdefault(_pair_key(c), []).append(c)
    out = []
    for s, c in kept:
        others = structured_on.get(_pair_key(c), [])
        if c.kind is FindingKind.CONTRADICTION and others:
            narrowed = all(
                len(o.claim_a.text) + len(o.claim_b.text if o.claim_b else "")
                < len(c.claim_a.text) + len(c.claim_b.text if c.claim_b else "")
                for o in others
            )
            if not (narrowed and c.features.get("contrast")):
                continue
        out.append((s, c))
    return out


def _one_fact_per_mention(kept: list[Scored]) -> list[Scored]:
    """Set each figure or date against one mention per other article: the likeliest.

    "A two-year pay deal" conflicts with "the three-year deal", not also with "four
    months of strikes" in the same article.
    """
    used: set[tuple[int, int, int]] = set()
    out: list[Scored] = []
    for s, c in sorted(kept, key=lambda t: -t[0]):
        if c.kind not in (FindingKind.QUANTITY, FindingKind.DATE) or c.claim_b is None:
            out.append((s, c))
            continue
        a, b = c.claim_a, c.claim_b
        marks = {
            (a.source_index, a.start + c.highlight_a[0][0], b.source_index),
            (b.source_index, b.start + c.highlight_b[0][0], a.source_index),
        }
        if marks & used:
            continue
        used |= marks
        out.append((s, c))
    return out


def _dedupe(kept: list[Scored]) -> list[Scored]:
    """One finding per unordered pair of claim spans: the highest scored."""
    best: dict[tuple[tuple[str, int, int], ...], Scored] = {}
    for s, c in kept:
        sides = [(c.claim_a.id, c.claim_a.start, c.claim_a.end)]
        if c.claim_b is not None:
            sides.append((c.claim_b.id, c.claim_b.start, c.claim_b.end))
        key = tuple(sorted(sides))
        if key not in best or s > best[key][0]:
            best[key] = (s, c)
    return sorted(best.values(), key=lambda t: -t[0])


__all__ = ["CompareConfig", "collect_candidates", "compare", "findings_from"]
