"""Facts: everything the later stages need to know about one claim, extracted once.

Figures (value range, unit, what they count), dates resolved against the article's
publication date, names, content words, folded words and the alignment anchors. The
alignment stage and every check read these instead of parsing the claim again.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from checker import dates as dates_mod
from checker import names as names_mod
from checker import ordinals as ordinals_mod
from checker import quantities as qty
from checker.lexicon import NEGATORS
from checker.types import Claim, Source
from checker.wording import normal_words
from checker.words import content_words, figure_kind

_NUMBER = re.compile(r"\d[\d,.]*")
_MID_SENTENCE_NAME = re.compile(r"(?<!^)(?<![.!?] )\b[A-Z][a-z]{2,}")
_NEGATION = re.compile(r"\b(?:" + "|".join(sorted(NEGATORS)) + r")\b|n't\b", re.I)


@dataclass(frozen=True)
class ClaimFacts:
    """The facts of one claim. Offsets are relative to ``claim.text`` (names: ``claim.core``)."""

    claim: Claim
    quantities: tuple[qty.Quantity, ...]
    dates: tuple[dates_mod.DateMention, ...]
    names: tuple[names_mod.NameMention, ...]
    words: frozenset[str]  # content words of the core (attribution left out)
    text_words: frozenset[str]  # content words of the whole claim, for alignment
    normal: tuple[str, ...]  # folded words: equal tuples cannot contradict each other
    anchors: frozenset[str]  # numbers, names and figure kinds shared ones suggest one fact
    negated: bool  # a negation word in the core
    ordinals: tuple[ordinals_mod.Ordinal, ...] = ()  # ranks: "third", "second-largest" (core)

    @property
    def source_index(self) -> int:
        return self.claim.source_index


@dataclass(frozen=True)
class FactSet:
    """The facts of every claim of one check, and the names seen mid-sentence anywhere."""

    facts: tuple[ClaimFacts, ...]
    known_names: frozenset[str]


RELATIVE_DATE = "when:relative"  # "last month", "two years ago": worth setting against each other


def anchors(
    text: str, quantities: Sequence[qty.Quantity], dates: Sequence[dates_mod.DateMention] = ()
) -> frozenset[str]:
    """Numbers, names and what figures measure: shared ones suggest one fact.

    "40% contained" and "contained 14% of the blaze" share no number, but both give
    a percentage; "the crowd at 15,000" and "5,000 people" both count people.
    """
    found = {n.rstrip(".,").replace(",", "") for n in _NUMBER.findall(text)}
    found |= {m.lower() for m in _MID_SENTENCE_NAME.findall(text)}
    found |= {figure_kind(q) for q in quantities} - {""}
    if any(
        d.kind == "relative"
        and "ago" not in d.text
        and d.text.split()[0].lower() in ("last", "this", "next", "past")
        for d in dates
    ):
        found.add(RELATIVE_DATE)
    return frozenset(found)


def claim_facts(claim: Claim, published: object, known_names: frozenset[str]) -> ClaimFacts:
    """The facts of one claim (``published``: the article's date or None)."""
    quantities = tuple(qty.extract_quantities(claim.text))
    dates = tuple(dates_mod.extract_dates(claim.text, published))  # type: ignore[arg-type]
    return ClaimFacts(
        claim=claim,
        quantities=quantities,
        dates=dates,
        names=tuple(names_mod.extract_names(claim.core, known_names)),
        words=frozenset(content_words(claim.core)),
        text_words=frozenset(content_words(claim.text)),
        normal=tuple(normal_words(claim.core)),
        anchors=anchors(claim.text, quantities, dates),
        negated=bool(_NEGATION.search(claim.core)),
        ordinals=ordinals_mod.extract_ordinals(claim.core),
    )


def extract_facts(claims: Sequence[Claim], sources: Sequence[Source]) -> FactSet:
    """The facts of every claim.

    >>> from checker.sources import load_text
    >>> from checker.claims import extract_claims
    >>> src = load_text("Four cars fell into the Arno on 3 March 2025.", path="a.txt")
    >>> facts = extract_facts(extract_claims(src, 0)[1], [src]).facts[0]
    >>> [q.value for q in facts.quantities], [d.text for d in facts.dates]
    ([4.0], ['3 March 2025'])
    """
    known = frozenset(names_mod.mid_sentence_names(c.core for c in claims))
    facts = tuple(claim_facts(c, sources[c.source_index].published, known) for c in claims)
    return FactSet(facts=facts, known_names=known)
