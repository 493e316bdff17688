"""Ranks written as words: "the third minister to resign", "finished second", "the
country's largest insurer" (rank 1) and "the second-largest" (rank 2 of that measure).

Facts of one claim, read once (``checker.facts``); the ``ordinals`` check compares them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ORDINAL_WORDS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
}
# Superlatives that rank things (not "latest" or "best-known", which rank nothing here).
_SUPERLATIVES = (
    "largest|biggest|highest|lowest|smallest|worst|best|deadliest|busiest|oldest|youngest|"
    "longest|shortest|fastest|slowest|heaviest|wettest|driest|hottest|coldest|strongest|"
    "weakest|richest|poorest|tallest|deepest|costliest|most expensive|most successful"
)
_ORDINAL = r"(?P<ord>first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d{1,3}(?:st|nd|rd|th))"
_PATTERN = re.compile(
    rf"\b(?:{_ORDINAL}(?:[- ](?P<sup_after>{_SUPERLATIVES}))?|(?P<sup>{_SUPERLATIVES}))\b",
    re.IGNORECASE,
)
# Words between a rank and the thing it ranks that do not name the thing.
_SKIP = frozenset("consecutive straight successive successively running ever of the".split())
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")


@dataclass(frozen=True)
class Ordinal:
    text: str  # as written: "second-largest"
    rank: int
    measure: str  # the superlative it ranks by ("largest"), or "" for a plain ordinal
    head: str  # the next word that names what is ranked ("minister"), or ""
    start: int
    end: int


def extract_ordinals(text: str) -> tuple[Ordinal, ...]:
    """The ranks a claim states.

    >>> [(o.rank, o.measure, o.head) for o in extract_ordinals("She is the third minister to resign.")]
    [(3, '', 'minister')]
    >>> [(o.rank, o.measure) for o in extract_ordinals("the second-largest insurer and the largest bank")]
    [(2, 'largest'), (1, 'largest')]
    """
    found = []
    for m in _PATTERN.finditer(text):
        word = (m.group("ord") or "").lower()
        if word == "second" and re.match(r"\s*(?:half|hand|time|s\b)", text[m.end() :], re.IGNORECASE):
            continue  # "second half", "second-hand", "seconds": not a rank among peers
        rank = _ORDINAL_WORDS.get(word) or (int(word[:-2]) if word[:-2].isdigit() else 1)
        measure = " ".join((m.group("sup_after") or m.group("sup") or "").lower().split())
        head = ""
        for w in _WORD.findall(text[m.end() : m.end() + 40]):
            if w.lower() not in _SKIP:
                head = w.lower().rstrip("s")
                break
        found.append(Ordinal(m.group(), rank, measure, head, m.start(), m.end()))
    return tuple(found)
