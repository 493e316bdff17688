"""Scoring: turn candidate claim pairs into findings.

Each signal has its own check and finding kind: the NLI model (both directions),
quantities, dates, names and roles, plus one-claim defects (malformed numbers).
Structured checks speak where NLI models are weak (numbers, units, dates) and also
veto the NLI model where they show the claims agree ("12,000 hectares" and "120
square kilometres").

Scores are on one 0..1 scale: how sure we are that an editor has to act. A
structured conflict starts at 0.5 and rises with the evidence that both claims
report the same fact (embedding similarity, shared words around the figures, the
NLI model's view). See ``ScoreConfig`` for the constants.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TypeVar

from checker import dates as dates_mod
from checker import names as names_mod
from checker import quantities as qty
from checker.align import MEASURED, CandidatePair, content_words, figure_kind
from checker.lexicon import OUTCOMES
from checker.nli import NLIScores, PairScorer
from checker.types import Claim, Finding, FindingKind, Severity, Source
from checker.wording import diff_spans, lexical_contrast, normal_words

T = TypeVar("T")


@dataclass(frozen=True)
class ScoreConfig:
    nli_min_affinity: float = 0.38  # pairs below this are too unrelated for NLI to judge
    nli_contradiction: float = 0.55  # mean contradiction probability that makes a finding
    nli_max_entailment: float = 0.35
    nli_min_each: float = 0.3  # each direction's contradiction, unless an antonym flips the wording
    high: float = 0.8
    medium: float = 0.6
    min_relevance: float = 0.35  # how surely two figures/dates describe one fact
    # One article often gives several figures of a kind about one subject ("took
    # 230,000 euros", "was fined 1.5 million euros"): a self-contradiction needs more.
    min_relevance_within: float = 0.75


@dataclass
class _Analysis:
    """Everything known about one claim, computed once."""

    claim: Claim
    quantities: list[qty.Quantity] = field(default_factory=list)
    dates: list[dates_mod.DateMention] = field(default_factory=list)
    words: set[str] = field(default_factory=set)
    names: list[names_mod.NameMention] = field(default_factory=list)
    normal: list[str] = field(default_factory=list)  # see normal_words


def severity_for(score: float, config: ScoreConfig) -> Severity:
    if score >= config.high:
        return Severity.HIGH
    if score >= config.medium:
        return Severity.MEDIUM
    return Severity.LOW


def _window_words(text: str, start: int, end: int, ignore: set[str], width: int = 40) -> set[str]:
    """Content words near a figure: what happened to what it counts ("killed", "injured").

    The counted noun itself is left out (``ignore``): "seven people were killed" and
    "40 people were injured" share "people" but not the fact.
    """
    left = text[max(0, start - width) : start]
    right = text[end : end + width]
    words = {w for w in content_words(left + " " + right) if not w[0].isdigit()}
    return {w for w in words if w.rstrip("s") not in ignore}


_EXPECTATION = re.compile(
    r"\b(?:expected|expects?|expecting|forecasts?|predicted|projected|estimates?|target(?:ed|ing)?|hoped|"
    r"aims?|budgeted|pre-sale)\b[^.;]*$",
    re.I,
)


def _expected(text: str, start: int) -> bool:
    """Whether a figure is a forecast or target rather than what happened."""
    return bool(_EXPECTATION.search(text, max(0, start - 45), start))


_NAMED_AGE = re.compile(r"\b[A-Z][\w'’-]+,\s*$|\b[A-Z][\w'’-]+\s*\($")  # "Viktor Lang, 61"
_BACK_REFERENCE = re.compile(r"\s*(?:The|the)\s+")  # "The 64-year-old showed no emotion"
# Minutes after midnight each part of a day covers (night wraps round).
_PARTS_OF_DAY = {
    "morning": (300, 720),
    "afternoon": (720, 1080),
    "evening": (1020, 1380),
    "night": (1140, 360),
}
M = TypeVar("M")


def _one_partner_each(
    found: list[tuple[float, M, M]], key: Callable[[tuple[float, M, M]], float]
) -> list[tuple[float, M, M]]:
    """The best conflicts such that each mention is set against one other at most."""
    used: set[int] = set()
    chosen = []
    for item in sorted(found, key=key, reverse=True):
        if id(item[1]) in used or id(item[2]) in used:
            continue
        used |= {id(item[1]), id(item[2])}
        chosen.append(item)
    return chosen


def _days_apart(a: dates_mod.DateMention, b: dates_mod.DateMention) -> float:
    if a.earliest and a.latest and b.earliest and b.latest:
        return max(0, (max(a.earliest, b.earliest) - min(a.latest, b.latest)).days)
    return 0.0


def _outcomes(text: str, start: int, end: int) -> set[str]:
    """What happened to the counted people, from the words near a figure ("killed": death)."""
    return {OUTCOMES[w] for w in _window_words(text, start, end, set()) if w in OUTCOMES}


def _relevance(
    a: _Analysis,
    b: _Analysis,
    similarity: float,
    span_a: tuple[int, int],
    span_b: tuple[int, int],
    nouns: tuple[str, ...] = (),
    mutual: bool = False,
) -> float:
    """0..1: how surely two mentions in two claims describe one fact.

    ``mutual``: each claim is the other's best match in the other's article, which is
    evidence of one fact beyond what the wording near the mentions shows.
    """
    ignore = {n.rstrip("s") for n in nouns if n}
    near_a = _window_words(a.claim.text, *span_a, ignore)
    near_b = _window_words(b.claim.text, *span_b, ignore)
    context = len(near_a & near_b) / max(1, min(len(near_a), len(near_b)))
    semantic = (similarity - 0.35) / 0.4
    combined = 0.55 * max(context, semantic) + 0.45 * min(context, semantic) + (0.1 if mutual else 0.0)
    return max(0.0, min(1.0, combined))


def _in_claim(claim: Claim, span: tuple[int, int]) -> tuple[tuple[int, int], ...]:
    """Map a span in ``claim.core`` onto ``claim.text`` (the core is a prefix or suffix of it)."""
    core_text = claim.core[span[0] : span[1]]
    at = claim.text.find(core_text)
    return ((at, at + len(core_text)),) if at >= 0 else ()


# Findings about one mention (a figure, a date, a name) point at the clause that holds it:
# "58% of ballots backed the recall", not the whole sentence around it.
_MENTION_KINDS = frozenset(
    {
        FindingKind.QUANTITY,
        FindingKind.DATE,
        FindingKind.MALFORMED_NUMBER,
        FindingKind.NAME,
        FindingKind.NAME_SPELLING,
    }
)
_CLAUSE_BREAK = re.compile(r"[,;:]\s+|\s+[–—-]\s+|\s*[()]\s*")
_MIN_CLAUSE_WORDS = 5


def narrow_to_clause(
    claim: Claim, spans: tuple[tuple[int, int], ...]
) -> tuple[Claim, tuple[tuple[int, int], ...]]:
    """The claim cut down to the clause(s) holding ``spans``, and the spans shifted to match.

    Clauses shorter than five words take in their neighbours, so the editor still
    reads what the figure is about.

    >>> text = "With all precincts counted, 58% of ballots backed the recall, officials said."
    >>> narrow_to_clause(Claim("0:1", 0, text, 10, 87, text), ((28, 31),))[0].text
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

    while words(first, last) < _MIN_CLAUSE_WORDS and (first > 0 or last < len(pieces) - 1):
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


def _unmatched_conflicts(
    xs: Sequence[T], ys: Sequence[T], compatible: Callable[[T, T], bool | None]
) -> tuple[bool, list[tuple[int, int]]]:
    """Whether any mentions agree, and the conflicting (i, j) among those that match nothing.

    A mention that matches some mention on the other side is accounted for: in "after
    one day of fighting ... for three decades" the day is not compared with the decades.
    """
    verdicts = {(i, j): compatible(x, y) for i, x in enumerate(xs) for j, y in enumerate(ys)}
    matched_x = {i for (i, _), v in verdicts.items() if v}
    matched_y = {j for (_, j), v in verdicts.items() if v}
    conflicts = [
        (i, j) for (i, j), v in verdicts.items() if v is False and i not in matched_x and j not in matched_y
    ]
    return bool(matched_x), conflicts


def _quoted(surface: str, meaning: str) -> str:
    """ "'Three' (3)": the words as written, and what the checker read them as."""
    return f"'{surface}'" if surface.strip().lower() == meaning.lower() else f"'{surface}' ({meaning})"


class Comparer:
    """Runs every check over a set of claims and candidate pairs."""

    def __init__(
        self,
        claims: Sequence[Claim],
        sources: Sequence[Source],
        scorer: PairScorer | None,
        config: ScoreConfig | None = None,
    ) -> None:
        self.claims = claims
        self.sources = sources
        self.scorer = scorer
        self.config = config or ScoreConfig()
        self.known_names = names_mod.mid_sentence_names(c.core for c in claims)
        self.analyses = [self._analyse(c) for c in claims]
        # Per article: the name words it uses, and every well-formed figure and every date
        # mention ("this week" too), keyed by offset in the file (claims may share a span).
        self.source_names: dict[int, set[str]] = {}
        self.source_figures: dict[int, dict[int, qty.Quantity]] = {}
        self.source_dates: dict[int, dict[int, dates_mod.DateMention]] = {}
        for an in self.analyses:
            source, at = an.claim.source_index, an.claim.start
            names = self.source_names.setdefault(source, set())
            for mention in an.names:
                names.update(names_mod.name_tokens(mention.text))
            figures = self.source_figures.setdefault(source, {})
            figures.update((at + q.start, q) for q in an.quantities if not q.malformed)
            self.source_dates.setdefault(source, {}).update((at + d.start, d) for d in an.dates)
        # (article, other article, kind of figure or "day") -> how many it gives that the
        # other lacks; asked for every conflicting pair, so computed once.
        self._unaccounted_cache: dict[tuple[int, int, str], int] = {}
        self._counter = 0

    def _where(self, claim: Claim) -> str:
        return Path(self.sources[claim.source_index].path).name

    def _known_to(self, claim: Claim, tokens: set[str]) -> bool:
        """Whether the claim's source mentions these name words anywhere ("Baku" for "Azerbaijan")."""
        return bool(tokens & self.source_names.get(claim.source_index, set()))

    def _stated_in(self, q: qty.Quantity, source_index: int) -> bool:
        """Whether an article states this figure somewhere (then it is accounted for there).

        Small bare counts ("two") are too common to count as the same figure.
        """
        return any(
            qty.compatible(q, other)
            and (q.dimension != "count" or q.value >= 20 or bool(q.noun and other.noun))
            for other in self.source_figures.get(source_index, {}).values()
        )

    def _unaccounted_days(self, source_index: int, other_index: int) -> int:
        """How many single days one article gives that the other mentions nowhere."""
        key = (source_index, other_index, "day")
        if key not in self._unaccounted_cache:
            others = list(self.source_dates.get(other_index, {}).values())
            self._unaccounted_cache[key] = sum(
                1
                for d in self.source_dates.get(source_index, {}).values()
                if d.date is not None and not any(dates_mod.compatible(d, o) for o in others)
            )
        return self._unaccounted_cache[key]

    def _unaccounted(self, source_index: int, other_index: int, kind: str) -> int:
        """How many figures of this kind one article gives that the other states nowhere."""
        key = (source_index, other_index, kind)
        if key not in self._unaccounted_cache:
            self._unaccounted_cache[key] = sum(
                1
                for q in self.source_figures.get(source_index, {}).values()
                if figure_kind(q) == kind and not self._stated_in(q, other_index)
            )
        return self._unaccounted_cache[key]

    def _analyse(self, claim: Claim) -> _Analysis:
        published = self.sources[claim.source_index].published
        return _Analysis(
            claim=claim,
            quantities=qty.extract_quantities(claim.text),
            dates=dates_mod.extract_dates(claim.text, published),
            words=content_words(claim.core),
            names=names_mod.extract_names(claim.core, self.known_names),
            normal=normal_words(claim.core),
        )

    def _finding(
        self,
        kind: FindingKind,
        score: float,
        a: Claim,
        b: Claim | None,
        explanation: str,
        highlight_a: tuple[tuple[int, int], ...] = (),
        highlight_b: tuple[tuple[int, int], ...] = (),
        evidence: dict[str, float | str] | None = None,
        severity: Severity | None = None,
    ) -> Finding:
        self._counter += 1
        score = round(max(0.0, min(1.0, score)), 3)
        if kind in _MENTION_KINDS:
            a, highlight_a = narrow_to_clause(a, highlight_a)
            if b is not None:
                b, highlight_b = narrow_to_clause(b, highlight_b)
        return Finding(
            id=f"F{self._counter}",
            kind=kind,
            severity=severity or severity_for(score, self.config),
            score=score,
            claim_a=a,
            claim_b=b,
            explanation=explanation,
            highlight_a=highlight_a,
            highlight_b=highlight_b,
            evidence=evidence or {},
        )

    # --- one-claim defects -------------------------------------------------------------
    def malformed_numbers(self) -> list[Finding]:
        findings = []
        for an in self.analyses:
            for q in an.quantities:
                if not q.malformed:
                    continue
                partner, partner_q = self._partner_for(an, q)
                bad = q.text
                if partner is not None and partner_q is not None:
                    explanation = (
                        f"'{bad}' is not a well-formed number; "
                        f"{self.sources[partner.claim.source_index].path} says '{partner_q.text}'."
                    )
                    findings.append(
                        self._finding(
                            FindingKind.MALFORMED_NUMBER,
                            0.97,
                            an.claim,
                            partner.claim,
                            explanation,
                            ((q.start, q.end),),
                            ((partner_q.start, partner_q.end),),
                            {"value": q.value, "suggestion": q.suggestion or q.value},
                        )
                    )
                else:
                    guess = f" (perhaps {q.suggestion:,.0f})" if q.suggestion else ""
                    findings.append(
                        self._finding(
                            FindingKind.MALFORMED_NUMBER,
                            0.75,
                            an.claim,
                            None,
                            f"'{bad}' is not a well-formed number{guess}; no other claim states it.",
                            ((q.start, q.end),),
                        )
                    )
        return findings

    def age_changes(self) -> list[Finding]:
        """An article that gives one person's age and later calls them "the N-year-old" with
        another N: the back-reference cannot mean anyone else when only one age is named.
        """
        findings = []
        by_source: dict[int, list[tuple[_Analysis, qty.Quantity, bool]]] = {}
        for an in self.analyses:
            for q in an.quantities:
                if q.dimension != "age":
                    continue
                before = an.claim.text[: q.start]
                named = bool(_NAMED_AGE.search(before))
                if named or _BACK_REFERENCE.fullmatch(before):
                    by_source.setdefault(an.claim.source_index, []).append((an, q, named))
        for mentions in by_source.values():
            named = [(an, q) for an, q, is_named in mentions if is_named]
            if len({q.value for _, q in named}) != 1:
                continue  # no age, or ages of several people: the back-reference is ambiguous
            first, age = named[0]
            for an, q, is_named in mentions:
                if is_named or q.value == age.value or an.claim.start < first.claim.start:
                    continue
                findings.append(
                    self._finding(
                        FindingKind.QUANTITY,
                        0.78,
                        first.claim,
                        an.claim,
                        f"The ages differ within {self._where(an.claim)}: "
                        f"{_quoted(age.text, qty.describe(age))} and later "
                        f"{_quoted(q.text, qty.describe(q))}, which can only refer back to the same person.",
                        ((age.start, age.end),),
                        ((q.start, q.end),),
                    )
                )
        return findings

    def role_holders(self) -> list[Finding]:
        """Two articles that give one role to different names ("operated by X" / "the
        operator, Y"), where neither article mentions the other's name at all."""
        mentions = [(an.claim, m) for an in self.analyses for m in names_mod.role_mentions(an.claim.text)]
        findings = []
        for i, (ca, ma) in enumerate(mentions):
            for cb, mb in mentions[i + 1 :]:
                if ca.source_index == cb.source_index or ma.role != mb.role:
                    continue
                if names_mod.same_name(ma.name, mb.name) or names_mod.contains_name(ma.name, mb.name):
                    continue
                only_a = names_mod.name_tokens(ma.name) - names_mod.name_tokens(mb.name)
                only_b = names_mod.name_tokens(mb.name) - names_mod.name_tokens(ma.name)
                known = self.source_names.get
                if only_b <= known(ca.source_index, set()) or only_a <= known(cb.source_index, set()):
                    continue  # one article names both: two holders, two facts
                findings.append(
                    self._finding(
                        FindingKind.NAME,
                        0.72,
                        ca,
                        cb,
                        f"Different names for one role ({ma.role}): '{ma.name}' in {self._where(ca)} "
                        f"vs '{mb.name}' in {self._where(cb)}.",
                        ((ma.start, ma.end),),
                        ((mb.start, mb.end),),
                    )
                )
        return findings

    def _partner_for(self, an: _Analysis, q: qty.Quantity) -> tuple[_Analysis | None, qty.Quantity | None]:
        """The claim elsewhere that states the well-formed figure for the same thing."""
        best: tuple[float, _Analysis | None, qty.Quantity | None] = (0.0, None, None)
        for other in self.analyses:
            if other is an:
                continue
            for oq in other.quantities:
                if oq.malformed or oq.dimension != q.dimension:
                    continue
                if q.suggestion is None or abs(oq.value - q.suggestion) > 0.02 * q.suggestion:
                    continue
                overlap = len(an.words & other.words) / max(1, len(an.words | other.words))
                if overlap > best[0]:
                    best = (overlap, other, oq)
        return best[1], best[2]

    # --- pair checks -------------------------------------------------------------------
    def quantity_conflicts(
        self, a: _Analysis, b: _Analysis, similarity: float, nli: NLIScores | None
    ) -> tuple[list[Finding], bool]:
        """Findings for figures that cannot both hold; also whether some figures agree."""
        found: list[tuple[float, qty.Quantity, qty.Quantity]] = []
        agree, conflicts = _unmatched_conflicts(a.quantities, b.quantities, qty.compatible)
        for i, j in conflicts:
            qa, qb = a.quantities[i], b.quantities[j]
            if qa.malformed or qb.malformed:
                continue  # reported as malformed numbers
            across = a.claim.source_index != b.claim.source_index
            if across and (
                self._stated_in(qa, b.claim.source_index) or self._stated_in(qb, a.claim.source_index)
            ):
                continue  # each article states the other's figure elsewhere: two facts, not one
            if qa.dimension in ("count", "money") and max(qa.value, qb.value) >= 100 * max(
                1e-9, min(qa.value, qb.value)
            ):
                continue  # "9.5 million passengers" vs "2,100 people": two facts, not a slip
            if _expected(a.claim.text, qa.start) != _expected(b.claim.text, qb.start):
                continue  # "expected to fetch $30 million" vs "fetched $58.5 million"
            outcome_a = _outcomes(a.claim.text, qa.start, qa.end)
            outcome_b = _outcomes(b.claim.text, qb.start, qb.end)
            if outcome_a and outcome_b and not outcome_a & outcome_b:
                continue  # killed vs injured: two facts
            relevance = _relevance(
                a, b, similarity, (qa.start, qa.end), (qb.start, qb.end), (qa.noun, qb.noun, "people")
            )
            if qa.noun and qty.noun_group(qa.noun) == qty.noun_group(qb.noun):
                relevance = min(1.0, relevance + 0.2)
            elif qa.dimension in MEASURED and qa.unit == qb.unit:
                relevance = min(1.0, relevance + 0.15)
            kind = figure_kind(qa)
            if (
                across
                and similarity >= 0.25  # below that the two claims are about different things
                and outcome_a == outcome_b
                and kind
                and kind == figure_kind(qb)
                and self._unaccounted(a.claim.source_index, b.claim.source_index, kind) == 1
                and self._unaccounted(b.claim.source_index, a.claim.source_index, kind) == 1
            ):
                # The one figure of its kind that each article gives and the other lacks:
                # most likely two versions of one fact ("offered 5%" / "only 3 percent").
                relevance = min(1.0, relevance + 0.2)
            if relevance < (self.config.min_relevance if across else self.config.min_relevance_within):
                continue
            found.append((relevance, qa, qb))
        findings = []
        for relevance, qa, qb in _one_partner_each(found, key=lambda t: t[0]):
            score = 0.5 + 0.4 * relevance + (0.1 * nli.contradiction if nli else 0.05)
            findings.append(
                self._mention_finding(FindingKind.QUANTITY, a, b, qa, qb, score, relevance, similarity)
            )
        return findings, agree

    def date_conflicts(
        self, a: _Analysis, b: _Analysis, similarity: float, nli: NLIScores | None, mutual: bool = False
    ) -> tuple[list[Finding], bool]:
        found: list[tuple[float, dates_mod.DateMention, dates_mod.DateMention]] = []
        agree, conflicts = _unmatched_conflicts(a.dates, b.dates, dates_mod.compatible)
        for i, j in conflicts:
            da, db = a.dates[i], b.dates[j]
            relevance = _relevance(a, b, similarity, (da.start, da.end), (db.start, db.end), mutual=mutual)
            sa, sb = a.claim.source_index, b.claim.source_index
            if (
                sa != sb
                and da.date is not None
                and db.date is not None
                and self._unaccounted_days(sa, sb) == 1
                and self._unaccounted_days(sb, sa) == 1
            ):
                # The one day each article gives that the other lacks: likely one event
                # dated two ways ("will walk out on Monday" / "a strike starting on 17 September").
                relevance = min(1.0, relevance + 0.15)
            if relevance >= self.config.min_relevance + 0.1:
                found.append((relevance, da, db))
        findings = []
        # Of several conflicting dates, the nearest in time is the likely other telling:
        # "on Tuesday" (3 March) is set against "on 4 March", not "by May 31".
        nearest_first = _one_partner_each(
            found, key=lambda t: t[0] - 0.2 * min(1.0, _days_apart(t[1], t[2]) / 60)
        )
        for relevance, da, db in nearest_first:
            score = 0.45 + 0.4 * relevance + (0.1 * nli.contradiction if nli else 0.05)
            findings.append(
                self._mention_finding(FindingKind.DATE, a, b, da, db, score, relevance, similarity)
            )
        return findings, agree

    def _mention_finding(
        self,
        kind: FindingKind,
        a: _Analysis,
        b: _Analysis,
        ma: qty.Quantity | dates_mod.DateMention,
        mb: qty.Quantity | dates_mod.DateMention,
        score: float,
        relevance: float,
        similarity: float,
    ) -> Finding:
        """A finding that two figures (or two dates) cannot both hold."""
        if isinstance(ma, qty.Quantity) and isinstance(mb, qty.Quantity):
            what, said_a, said_b = "figures", qty.describe(ma), qty.describe(mb)
        else:
            what, said_a, said_b = "dates", dates_mod.describe(ma), dates_mod.describe(mb)  # type: ignore[arg-type]
        return self._finding(
            kind,
            score,
            a.claim,
            b.claim,
            f"The {what} differ: {_quoted(ma.text, said_a)} in {self._where(a.claim)} "
            f"vs {_quoted(mb.text, said_b)} in {self._where(b.claim)}.",
            ((ma.start, ma.end),),
            ((mb.start, mb.end),),
            {"relevance": round(relevance, 3), "similarity": round(similarity, 3)},
        )

    def part_of_day_conflicts(self, a: _Analysis, b: _Analysis, similarity: float) -> list[Finding]:
        """A clock time against a part of the same day: "at 4:10 a.m. on Monday" / "on Monday
        afternoon"."""
        findings = []
        for x, y in ((a, b), (b, a)):
            for q in x.quantities:
                if q.dimension != "time_of_day":
                    continue
                for d in y.dates:
                    part = d.text.split()[-1].lower()
                    if part not in _PARTS_OF_DAY or not any(dates_mod.compatible(d, own) for own in x.dates):
                        continue  # no part of day, or not said to be the same day
                    low, high = _PARTS_OF_DAY[part]
                    inside = [(m % 1440) for m in (q.low, q.high)]
                    fits = any((low <= m < high) if low < high else (m >= low or m < high) for m in inside)
                    if fits or similarity < 0.4:
                        continue
                    findings.append(
                        self._finding(
                            FindingKind.DATE,
                            0.55 + 0.4 * min(1.0, (similarity - 0.4) / 0.4),
                            x.claim,
                            y.claim,
                            f"The times differ: '{q.text}' in {self._where(x.claim)} is not in the "
                            f"{part} of '{d.text}' in {self._where(y.claim)}.",
                            ((q.start, q.end),),
                            ((d.start, d.end),),
                            {"similarity": round(similarity, 3)},
                        )
                    )
        return findings

    def name_conflicts(self, a: _Analysis, b: _Analysis, similarity: float) -> list[Finding]:
        findings = []
        for diff in names_mod.name_differences(a.claim.core, b.claim.core, self.known_names):
            if diff.misspelling:
                continue  # spelling is checked across the whole corpus, once per name
            only_b = names_mod.name_tokens(diff.b.text) - names_mod.name_tokens(diff.a.text)
            only_a = names_mod.name_tokens(diff.a.text) - names_mod.name_tokens(diff.b.text)
            if similarity < 0.55 or self._known_to(a.claim, only_b) or self._known_to(b.claim, only_a):
                continue  # an article that names both elsewhere uses them for different things
            score = 0.45 + 0.5 * min(1.0, (similarity - 0.55) / 0.3)
            findings.append(
                self._finding(
                    FindingKind.NAME,
                    score,
                    a.claim,
                    b.claim,
                    f"Different names in the same place: '{diff.a.text}' vs '{diff.b.text}'.",
                    _in_claim(a.claim, (diff.a.start, diff.a.end)),
                    _in_claim(b.claim, (diff.b.start, diff.b.end)),
                    {"similarity": round(similarity, 3)},
                )
            )
        swap = names_mod.role_swap(a.claim.core, b.claim.core, self.known_names)
        if swap and similarity >= 0.5:
            findings.append(
                self._finding(
                    FindingKind.ROLES,
                    0.6 + 0.35 * min(1.0, (similarity - 0.5) / 0.3),
                    a.claim,
                    b.claim,
                    f"The roles are swapped: who {swap.verb} whom differs between "
                    f"'{swap.first}' and '{swap.second}'.",
                    evidence={"similarity": round(similarity, 3)},
                )
            )
        return findings

    def spelling_variants(self) -> list[Finding]:
        """Near-miss spellings of one name anywhere in the input ("Karabkah"/"Karabakh")."""
        first_seen: dict[str, tuple[_Analysis, names_mod.NameMention]] = {}
        counts: dict[str, int] = {}
        for an in self.analyses:
            for mention in an.names:
                for token in mention.text.split():
                    key = names_mod.fold(token)
                    counts[key] = counts.get(key, 0) + 1
                    first_seen.setdefault(
                        key,
                        (
                            an,
                            names_mod.NameMention(
                                token,
                                mention.start + mention.text.find(token),
                                mention.start + mention.text.find(token) + len(token),
                            ),
                        ),
                    )
        findings = []
        keys = sorted(first_seen)
        reported: set[str] = set()
        for i, x in enumerate(keys):
            for y in keys[i + 1 :]:
                if x.startswith(y) or y.startswith(x) or not names_mod.is_misspelling(x, y):
                    continue  # "Armenia"/"Armenian" is a demonym, not a typo
                rare, common = (x, y) if counts[x] <= counts[y] else (y, x)
                if rare in reported:
                    continue
                reported.add(rare)
                (an_r, m_r), (an_c, m_c) = first_seen[rare], first_seen[common]
                # Confident that the spellings differ, but a typo is a minor matter.
                findings.append(
                    self._finding(
                        FindingKind.NAME_SPELLING,
                        0.7,
                        an_r.claim,
                        an_c.claim,
                        f"'{m_r.text}' looks like a misspelling of '{m_c.text}' "
                        f"(used {counts[common]} time{'s' if counts[common] > 1 else ''}).",
                        _in_claim(an_r.claim, (m_r.start, m_r.end)),
                        _in_claim(an_c.claim, (m_c.start, m_c.end)),
                        severity=Severity.LOW,
                    )
                )
        return findings

    def nli_conflict(
        self,
        a: _Analysis,
        b: _Analysis,
        similarity: float,
        forward: NLIScores,
        backward: NLIScores,
        vetoed: bool,
    ) -> Finding | None:
        """The NLI verdict, sharpened by wording that flips meaning and by agreeing figures."""
        contradiction = NLIScores.mean(forward, backward).contradiction
        weaker = min(forward.contradiction, backward.contradiction)
        entailment = max(forward.entailment, backward.entailment)
        contrast = lexical_contrast(a.claim.core, b.claim.core)
        max_entailment = self.config.nli_max_entailment
        if contrast and contrast.aligned and similarity >= 0.55:
            # "filed in federal court" / "filed in state court": one word flipped in place.
            contradiction = max(min(1.0, contradiction + 0.25), 0.6 + 0.5 * (similarity - 0.55))
            max_entailment = 1.0
        elif (
            contrast
            and similarity >= (0.6 if contrast.negation else 0.5)
            and (weaker >= 0.2 or similarity >= 0.7)
        ):
            # Wording that flips meaning outweighs a weak entailment, when both directions
            # lean that way: one direction alone is often a premise that says more.
            contradiction = min(1.0, contradiction + 0.2)
            max_entailment += 0.1
            if similarity >= (0.8 if contrast.negation else 0.75):
                # Near-duplicates overlap so much that the model sees entailment in them;
                # with one flipped word that overlap is what makes them contradict.
                max_entailment = 1.0
        if vetoed and not contrast:
            contradiction *= 0.6  # the figures or dates agree: what differs is wording
        elif vetoed and contrast and not contrast.negation:
            # The same figure with opposite words ("raises spending by 8%" / "cut by 8%").
            contradiction = max(contradiction, 0.5 + 0.5 * max(0.0, similarity - 0.5))
        if contradiction < self.config.nli_contradiction or entailment > max_entailment:
            return None
        if weaker < self.config.nli_min_each and (
            contrast is None or (contrast.negation and not contrast.aligned)
        ):
            # One direction alone, with at most a negation word somewhere ("Baku has denied
            # ..."): often a premise that says more, not a conflict.
            return None
        spans_a, spans_b = diff_spans(a.claim.text, b.claim.text)
        detail = f"; the wording differs in {contrast.description}" if contrast else ""
        return self._finding(
            FindingKind.CONTRADICTION,
            contradiction,
            a.claim,
            b.claim,
            f"The claims contradict each other (NLI: {forward.contradiction:.2f} one way, "
            f"{backward.contradiction:.2f} the other){detail}.",
            spans_a,
            spans_b,
            {
                "nli_contradiction_ab": round(forward.contradiction, 3),
                "nli_contradiction_ba": round(backward.contradiction, 3),
                "nli_entailment": round(entailment, 3),
            },
        )

    def run(self, pairs: Sequence[CandidatePair]) -> list[Finding]:
        """All findings, one per claim pair (the strongest signal wins), best first."""
        # Claims equal once spelling, aliases and formats are folded ("Turkiye"/"Turkey")
        # cannot contradict each other: they are not worth a model call.
        nli_pairs = (
            [
                p
                for p in pairs
                if p.affinity >= self.config.nli_min_affinity
                and self.analyses[p.a].normal != self.analyses[p.b].normal
            ]
            if self.scorer
            else []
        )
        texts = []
        for p in nli_pairs:
            ca, cb = self.claims[p.a].core, self.claims[p.b].core
            texts += [(ca, cb), (cb, ca)]
        scores = self.scorer.score(texts) if self.scorer and texts else []
        nli_by_pair = {(p.a, p.b): (scores[2 * i], scores[2 * i + 1]) for i, p in enumerate(nli_pairs)}
        findings: list[Finding] = (
            self.malformed_numbers() + self.spelling_variants() + self.age_changes() + self.role_holders()
        )
        for p in pairs:
            a, b = self.analyses[p.a], self.analyses[p.b]
            both = nli_by_pair.get((p.a, p.b))
            mean = NLIScores.mean(*both) if both else None
            pair_findings, q_agree = self.quantity_conflicts(a, b, p.similarity, mean)
            date_findings, d_agree = self.date_conflicts(a, b, p.similarity, mean, p.mutual)
            pair_findings += date_findings + self.name_conflicts(a, b, p.similarity)
            pair_findings += self.part_of_day_conflicts(a, b, p.similarity)
            if both:
                nli_finding = self.nli_conflict(
                    a, b, p.similarity, both[0], both[1], vetoed=q_agree or d_agree
                )
                if nli_finding:
                    pair_findings.append(nli_finding)
            # A figure or date finding points at its clause, so a contradiction elsewhere in
            # the same two sentences (found by the NLI model) is a second place to look at.
            structured = [f for f in pair_findings if f.kind is not FindingKind.CONTRADICTION]
            findings.extend(structured)
            if (
                len(structured) < len(pair_findings)
                and _narrowed(structured, a.claim, b.claim)
                and lexical_contrast(a.claim.core, b.claim.core) is not None
            ):
                # Only with wording that flips ("resigned" / "was fired"): without it, the
                # model is most likely reacting to the figure already reported.
                findings.extend(f for f in pair_findings if f.kind is FindingKind.CONTRADICTION)
            elif not structured and pair_findings:
                findings.append(pair_findings[0])
        return _dedupe(_one_fact_per_mention(findings))


def _one_fact_per_mention(findings: list[Finding]) -> list[Finding]:
    """Set each figure or date against one mention per other article: the likeliest.

    "A two-year pay deal" conflicts with "the three-year deal", not also with "four
    months of strikes" in the same article.
    """
    used: set[tuple[int, int, int]] = set()
    kept: list[Finding] = []
    for f in sorted(findings, key=lambda f: -f.score):
        if f.kind not in (FindingKind.QUANTITY, FindingKind.DATE) or f.claim_b is None:
            kept.append(f)
            continue
        a, b = f.claim_a, f.claim_b
        marks = {
            (a.source_index, a.start + f.highlight_a[0][0], b.source_index),
            (b.source_index, b.start + f.highlight_b[0][0], a.source_index),
        }
        if marks & used:
            continue
        used |= marks
        kept.append(f)
    return kept


def _narrowed(findings: list[Finding], a: Claim, b: Claim) -> bool:
    """Whether each finding points at less than the whole of the two claims."""
    whole = len(a.text) + len(b.text)
    return bool(findings) and all(
        len(f.claim_a.text) + len(f.claim_b.text if f.claim_b else "") < whole for f in findings
    )


def _dedupe(findings: list[Finding]) -> list[Finding]:
    """One finding per unordered pair of claim spans, ordered by severity then score."""
    best: dict[tuple[tuple[str, int, int], ...], Finding] = {}
    for f in findings:
        sides = [(f.claim_a.id, f.claim_a.start, f.claim_a.end)]
        if f.claim_b is not None:
            sides.append((f.claim_b.id, f.claim_b.start, f.claim_b.end))
        key = tuple(sorted(sides))
        if key not in best or f.score > best[key].score:  # type: ignore[index]
            best[key] = f  # type: ignore[index]
    ordered = sorted(best.values(), key=lambda f: (-f.severity.rank, -f.score, f.claim_a.id))
    return ordered
