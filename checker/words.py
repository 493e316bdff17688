"""Word-level helpers shared by the facts, alignment and wording stages."""

from __future__ import annotations

import re

from checker import quantities

_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+|\d[\d,.]*")
STOPWORDS = frozenset(
    """a an the and or but of to in on at for from by with as is are was were be been has have had
    will would it its this that these those their his her they he she we our not no after before
    over under into than then there which who whom what when where while said says also about
    some more most other just up down out off only very can could may might did do does""".split()
)


# Dimensions whose unit alone says what is measured (a speed is a speed).
MEASURED = frozenset({"area", "length", "mass", "speed", "temperature", "percent", "money"})


def content_words(text: str) -> set[str]:
    """Lower-cased words that carry meaning (stopwords dropped)."""
    return {w.lower().strip(".,") for w in _WORD.findall(text) if w.lower() not in STOPWORDS}


FIGURE_KINDS = frozenset({"duration", "age", "time_of_day"})


def figure_kind(q: quantities.Quantity) -> str:
    """What a figure measures, for matching figures of one kind: "count:vote", "duration".

    Empty for a bare count ("two") or a year, which say too little on their own.
    """
    if q.dimension in MEASURED:
        return f"measure:{q.dimension}:{q.unit}"
    if q.dimension in FIGURE_KINDS:
        return q.dimension
    if q.noun:
        return f"count:{quantities.noun_group(q.noun)}"
    return ""
