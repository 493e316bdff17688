"""What every check shares: the candidate it emits, the pair it reads, the story context.

A check never decides alone whether an editor must act. It turns an aligned pair (or
the whole story, for checks within one article) into candidates with named features;
``checker.scoring`` turns features into a calibrated probability. Only logical
impossibilities (two figures whose units cannot be converted) stay as filters.

Each candidate also carries ``rule_score``: the hand-set score of the earlier design,
0 where its hand-set vetoes would have dropped the candidate. It is the baseline the
fitted scorer is measured against, and one of the scorer's features.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType

from checker import dates as dates_mod
from checker import names as names_mod
from checker import quantities as qty
from checker.facts import ClaimFacts, FactSet
from checker.nli import NLIScores
from checker.types import Claim, FindingKind, Severity, Source
from checker.wording import Contrast
from checker.words import content_words, figure_kind


@dataclass(frozen=True)
class Candidate:
    """A possible finding: two claims (or one), what differs, and the evidence as features."""

    check: str  # the module that made it; the scorer keeps one model per check
    kind: FindingKind
    claim_a: Claim
    claim_b: Claim | None
    explanation: str
    highlight_a: tuple[tuple[int, int], ...]
    highlight_b: tuple[tuple[int, int], ...]
    features: Mapping[str, float]
    rule_score: float
    evidence: Mapping[str, float | str] = field(default_factory=dict)
    max_severity: Severity = Severity.HIGH  # a misspelling is never more than low
    # About one mention per side (a figure, a date, a name): reported on the clauses
    # that hold the highlights rather than on the whole sentences.
    about_mentions: bool = False

    def reported(self, min_words: int | None = None) -> Candidate:
        """The candidate as a finding shows it: mention candidates cut to their clauses."""
        if not self.about_mentions:
            return self
        words = MIN_CLAUSE_WORDS if min_words is None else min_words
        a, span_a = narrow_to_clause(self.claim_a, self.highlight_a, words)
        b, span_b = self.claim_b, self.highlight_b
        if b is not None:
            b, span_b = narrow_to_clause(b, span_b, words)
        return replace(
            self, claim_a=a, claim_b=b, highlight_a=span_a, highlight_b=span_b, about_mentions=False
        )


@dataclass(frozen=True)
class Pair:
    """An aligned claim pair as the checks see it."""

    a: ClaimFacts
    b: ClaimFacts
    similarity: float  # embedding cosine
    affinity: float  # alignment score (embedding, words, anchors)
    mutual: bool  # each is the other's best match in the other's article
    rank: int = 0  # the better of the two partners' ranks in each other's article
    forward: NLIScores | None = None  # premise a, hypothesis b
    backward: NLIScores | None = None
    contrast: Contrast | None = None  # wording that flips meaning (antonym, one-sided negation)

    @property
    def across(self) -> bool:
        return self.a.source_index != self.b.source_index

    @functools.cached_property
    def shared_features(self) -> Mapping[str, float]:
        """Computed once per pair, however many checks and candidates read it."""
        return MappingProxyType(_pair_features(self))

    @functools.cached_property
    def figure_verdicts(self) -> tuple[bool, list[tuple[int, int]]]:
        """Whether some figures agree, and the conflicting ones (``unmatched_conflicts``),
        shared by the figure check and the NLI check."""
        return unmatched_conflicts(self.a.quantities, self.b.quantities, qty.compatible)


def pair_features(pair: Pair) -> Mapping[str, float]:
    """Features every pair candidate shares: how alike the claims are and what NLI says
    (read-only; a check copies them into its own candidate's features)."""
    return pair.shared_features


def _pair_features(pair: Pair) -> dict[str, float]:
    a, b = pair.a.claim, pair.b.claim
    feats = {
        "similarity": pair.similarity,
        "affinity": pair.affinity,
        "mutual": float(pair.mutual),
        "rank": float(min(pair.rank, 5)),
        "best_match": float(pair.rank == 0),
        "same_article": float(not pair.across),
        "attributed": float(bool(a.attribution)) + float(bool(b.attribution)),
        "word_overlap": _overlap(pair.a.words, pair.b.words),
        "length_ratio": min(len(a.core), len(b.core)) / max(1, len(a.core), len(b.core)),
        "contrast": float(pair.contrast is not None),
        "contrast_aligned": float(bool(pair.contrast and pair.contrast.aligned)),
        "contrast_negation": float(bool(pair.contrast and pair.contrast.negation)),
        "one_negated": float(pair.a.negated != pair.b.negated),
    }
    if not pair.across:
        # Sentences apart within one article, on a log scale.
        feats["distance"] = math.log1p(abs(a.start - b.start) / 200)
    if pair.forward is not None and pair.backward is not None:
        f, w = pair.forward, pair.backward
        feats.update(
            has_nli=1.0,
            nli_contradiction_max=max(f.contradiction, w.contradiction),
            nli_contradiction_min=min(f.contradiction, w.contradiction),
            nli_contradiction_mean=(f.contradiction + w.contradiction) / 2,
            nli_entailment_max=max(f.entailment, w.entailment),
            nli_neutral_mean=(f.neutral + w.neutral) / 2,
        )
    return feats


def _overlap(x: frozenset[str], y: frozenset[str]) -> float:
    return len(x & y) / max(1, min(len(x), len(y)))


# --- mention helpers --------------------------------------------------------------------
def window_words(text: str, start: int, end: int, ignore: set[str], width: int = 40) -> set[str]:
    """Content words near a figure: what happened to what it counts ("killed", "injured").

    The counted noun itself is left out (``ignore``): "seven people were killed" and
    "40 people were injured" share "people" but not the fact.
    """
    left = text[max(0, start - width) : start]
    right = text[end : end + width]
    words = {w for w in content_words(left + " " + right) if not w[0].isdigit()}
    return {w for w in words if w.rstrip("s") not in ignore}


def context_overlap(
    pair: Pair, span_a: tuple[int, int], span_b: tuple[int, int], nouns: tuple[str, ...] = ()
) -> float:
    """0..1: shared words around two mentions, relative to the fewer."""
    ignore = {n.rstrip("s") for n in nouns if n}
    near_a = window_words(pair.a.claim.text, *span_a, ignore)
    near_b = window_words(pair.b.claim.text, *span_b, ignore)
    return len(near_a & near_b) / max(1, min(len(near_a), len(near_b)))


def relevance(context: float, similarity: float, mutual: bool) -> float:
    """The hand-set blend of wording near two mentions and claim similarity (baseline)."""
    semantic = (similarity - 0.35) / 0.4
    combined = 0.55 * max(context, semantic) + 0.45 * min(context, semantic) + (0.1 if mutual else 0.0)
    return max(0.0, min(1.0, combined))


def _matches(xs, ys, compatible):  # type: ignore[no-untyped-def]
    """Every (i, j) verdict, and the mentions on each side that match one on the other."""
    verdicts = {(i, j): compatible(x, y) for i, x in enumerate(xs) for j, y in enumerate(ys)}
    matched_x = {i for (i, _), v in verdicts.items() if v}
    matched_y = {j for (_, j), v in verdicts.items() if v}
    return verdicts, matched_x, matched_y


def unmatched_conflicts(xs, ys, compatible):  # type: ignore[no-untyped-def]
    """Whether any mentions agree, and the conflicting (i, j) among those that match nothing.

    A mention that matches some mention on the other side is accounted for: in "after
    one day of fighting ... for three decades" the day is not compared with the decades.
    """
    verdicts, matched_x, matched_y = _matches(xs, ys, compatible)
    conflicts = [
        (i, j) for (i, j), v in verdicts.items() if v is False and i not in matched_x and j not in matched_y
    ]
    return bool(matched_x), conflicts


def _all_matched(xs, ys, compatible) -> bool:  # type: ignore[no-untyped-def]
    _, matched_x, matched_y = _matches(xs, ys, compatible)
    return len(matched_x) == len(xs) and len(matched_y) == len(ys)


_WORDS = re.compile(r"[^\W_]+")


def _without_mentions(facts: ClaimFacts) -> list[str]:
    """The claim's words with its figures and dates taken out."""
    text = facts.claim.text
    for m in sorted([*facts.quantities, *facts.dates], key=lambda m: -m.start):
        text = text[: m.start] + " " + text[m.end :]
    return _WORDS.findall(text.lower())


def restated(a: ClaimFacts, b: ClaimFacts) -> bool:
    """One sentence told twice with its figures or dates written another way ("on Tuesday"
    / "on 20 May" for one day): every mention matches one on the other side and the words
    around them are the same, so the claims cannot contradict each other, whatever the
    model would read into the changed words."""
    if not (a.quantities or a.dates) or _without_mentions(a) != _without_mentions(b):
        return False
    return _all_matched(a.dates, b.dates, dates_mod.compatible) and _all_matched(
        a.quantities, b.quantities, qty.compatible
    )


def quoted(surface: str, meaning: str) -> str:
    """ "'Three' (3)": the words as written, and what the checker read them as."""
    return f"'{surface}'" if surface.strip().lower() == meaning.lower() else f"'{surface}' ({meaning})"


def in_claim(claim: Claim, span: tuple[int, int]) -> tuple[tuple[int, int], ...]:
    """Map a span in ``claim.core`` onto ``claim.text`` (the core is a prefix or suffix of it)."""
    core_text = claim.core[span[0] : span[1]]
    at = claim.text.find(core_text)
    return ((at, at + len(core_text)),) if at >= 0 else ()


_CLAUSE_BREAK = re.compile(r"[,;:]\s+|\s+[–—-]\s+|\s*[()]\s*")
# A clause shorter than this takes in its neighbours, so the editor still reads what the
# figure is about (and the reported span holds the phrase that states it).
MIN_CLAUSE_WORDS = 12  # the default; models/scorer.json carries the value chosen on the validation split


def narrow_to_clause(
    claim: Claim, spans: tuple[tuple[int, int], ...], min_words: int = MIN_CLAUSE_WORDS
) -> tuple[Claim, tuple[tuple[int, int], ...]]:
    """The claim cut down to the clause(s) holding ``spans``, and the spans shifted to match.

    Findings about one mention (a figure, a date, a name) point at the clause that
    holds it. Clauses shorter than ``min_words`` take in their neighbours.

    >>> text = "With all precincts counted, 58% of ballots backed the recall, officials said."
    >>> narrow_to_clause(Claim("0:1", 0, text, 10, 87, text), ((28, 31),), 5)[0].text
    '58% of ballots backed the recall'
    """
    if not spans:
        return claim, spans
    text = claim.text
    bounds = [0]
    for m in _CLAUSE_BREAK.finditer(text):
        if bounds[-1] < m.start():
            bounds += [m.start(), m.end()]
        else:
            bounds[-1] = m.end()
    bounds.append(len(text))
    pieces = [(bounds[i], bounds[i + 1]) for i in range(0, len(bounds) - 1, 2) if bounds[i] < bounds[i + 1]]
    lo = min(s for s, _ in spans)
    hi = max(e for _, e in spans)
    first = next((i for i, (_, e) in enumerate(pieces) if e > lo), 0)
    last = next((i for i, (_, e) in enumerate(pieces) if e >= hi), len(pieces) - 1)
    if first > last or not pieces:
        return claim, spans

    def words(i: int, j: int) -> int:
        return len(text[pieces[i][0] : pieces[j][1]].split())

    while words(first, last) < min_words and (first > 0 or last < len(pieces) - 1):
        if first > 0:
            first -= 1
        else:
            last += 1
    start, end = pieces[first][0], pieces[last][1]
    while end > start and text[end - 1] in ".!?\"'” ":
        end -= 1
    if (start, end) == (0, len(text)):
        return claim, spans
    if claim.end - claim.start != len(text):
        # Not a verbatim slice of the file (HTML): the span stays on the whole paragraph.
        return replace(claim, text=text[start:end]), tuple((s - start, e - start) for s, e in spans)
    narrowed = replace(claim, text=text[start:end], start=claim.start + start, end=claim.start + end)
    return narrowed, tuple((s - start, e - start) for s, e in spans)


def mention_candidate(
    check: str,
    kind: FindingKind,
    a: Claim,
    b: Claim | None,
    explanation: str,
    span_a: tuple[tuple[int, int], ...],
    span_b: tuple[tuple[int, int], ...],
    features: Mapping[str, float],
    rule_score: float,
    evidence: Mapping[str, float | str] | None = None,
    max_severity: Severity = Severity.HIGH,
) -> Candidate:
    """A candidate about one mention on each side (reported on the clauses that hold them)."""
    return Candidate(
        check,
        kind,
        a,
        b,
        explanation,
        span_a,
        span_b,
        dict(features),
        rule_score,
        dict(evidence or {}),
        max_severity,
        about_mentions=True,
    )


def conflict_candidate(
    check: str,
    kind: FindingKind,
    what: str,
    pair: Pair,
    story: Story,
    sides: tuple[tuple[str, str, int, int], tuple[str, str, int, int]],
    features: Mapping[str, float],
    rule_score: float,
    relevance: float,
) -> Candidate:
    """Two mentions that cannot both hold ("The figures differ: 'four' in a.txt vs 'six' in
    b.txt."); ``sides`` gives each mention's text as written, its reading and its span."""
    (text_a, read_a, start_a, end_a), (text_b, read_b, start_b, end_b) = sides
    a, b = pair.a.claim, pair.b.claim
    return mention_candidate(
        check,
        kind,
        a,
        b,
        f"The {what} differ: {quoted(text_a, read_a)} in {story.where(a)} vs {quoted(text_b, read_b)} in "
        f"{story.where(b)}.",
        ((start_a, end_a),),
        ((start_b, end_b),),
        features,
        rule_score,
        {"relevance": round(relevance, 3), "similarity": round(pair.similarity, 3)},
    )


# --- the story ----------------------------------------------------------------------------
class Story:
    """What the checks know about all the articles at once: who names what, which figures
    and dates each article gives. Built once per check run."""

    def __init__(self, factset: FactSet, sources: Sequence[Source]) -> None:
        self.facts = factset.facts
        self.known_names = factset.known_names
        self.sources = sources
        # Per article: the name words it uses, and every well-formed figure and every date
        # mention ("this week" too), keyed by offset in the file (claims may share a span).
        self.names: dict[int, set[str]] = {}
        self.figures: dict[int, dict[int, qty.Quantity]] = {}
        self.dates: dict[int, dict[int, dates_mod.DateMention]] = {}
        for f in self.facts:
            source, at = f.source_index, f.claim.start
            names = self.names.setdefault(source, set())
            for mention in f.names:
                names.update(names_mod.name_tokens(mention.text))
            figures = self.figures.setdefault(source, {})
            figures.update((at + q.start, q) for q in f.quantities if not q.malformed)
            self.dates.setdefault(source, {}).update((at + d.start, d) for d in f.dates)
        self._unaccounted_cache: dict[tuple[int, int, str], int] = {}

    def where(self, claim: Claim) -> str:
        return Path(self.sources[claim.source_index].path).name

    def known_to(self, claim: Claim, tokens: set[str]) -> bool:
        """Whether the claim's article mentions these name words anywhere ("Baku" for "Azerbaijan")."""
        return bool(tokens & self.names.get(claim.source_index, set()))

    def stated_in(self, q: qty.Quantity, source_index: int) -> bool:
        """Whether an article states this figure somewhere (then it is accounted for there).

        Small bare counts ("two") are too common to count as the same figure.
        """
        return any(
            qty.compatible(q, other)
            and (q.dimension != "count" or q.value >= 20 or bool(q.noun and other.noun))
            for other in self.figures.get(source_index, {}).values()
        )

    def unaccounted_days(self, source_index: int, other_index: int) -> int:
        """How many single days one article gives that the other mentions nowhere."""
        key = (source_index, other_index, "day")
        if key not in self._unaccounted_cache:
            others = list(self.dates.get(other_index, {}).values())
            self._unaccounted_cache[key] = sum(
                1
                for d in self.dates.get(source_index, {}).values()
                if d.date is not None and not any(dates_mod.compatible(d, o) for o in others)
            )
        return self._unaccounted_cache[key]

    def unaccounted(self, source_index: int, other_index: int, kind: str) -> int:
        """How many figures of this kind one article gives that the other states nowhere."""
        key = (source_index, other_index, kind)
        if key not in self._unaccounted_cache:
            self._unaccounted_cache[key] = sum(
                1
                for q in self.figures.get(source_index, {}).values()
                if figure_kind(q) == kind and not self.stated_in(q, other_index)
            )
        return self._unaccounted_cache[key]
