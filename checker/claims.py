"""Claims: sentences cut into atomic statements where that is safe, spans kept.

A claim is a contiguous span of its file, so an editor can jump to it. Splitting is
conservative: only clauses joined by "; ", ", and", ", but" or ", while", where each
side reads as a clause of its own (a subject-like word and a verb-like word). An
attribution such as "officials said" is recorded, and left out of the text the
models compare.
"""

from __future__ import annotations

import bisect
import re

from checker.segment import split_sentences
from checker.types import Block, Claim, Sentence, Source

_CLAUSE_BREAK = re.compile(r"(?:;\s+|,\s+(?:and|but|while|whereas)\s+)")
_VERBISH = re.compile(
    r"\b(?:is|are|was|were|be|been|has|have|had|will|would|can|could|said|says|did|does|do"
    r"|\w+ed|\w+s)\b"
)
# ", the health office said." / ", according to police." / ", said the minister."
_ATTRIBUTION_TAIL = re.compile(
    r",\s*(?:according to\s+[^,.;]{2,60}|(?:said|says|added)\s+[^,.;]{2,60}"
    r"|(?:(?!\b(?:been|be|was|were|is|are)\b)[^,.;]){2,60}"  # not "have been reported"
    r"\s+(?:said|says|told reporters|added|confirmed|announced))"
    r"\s*[.!?]?[\"”’]?\s*$",
    re.IGNORECASE,
)
# "Police said (that) ..." / "According to the company, ..."
_ATTRIBUTION_HEAD = re.compile(
    r"^(?:According to\s+[^,]{2,60},\s*"
    r"|[A-Z][\w.’'-]*(?:\s+[\w.’'-]+){0,5}\s+(?:said|says|told \w+|announced|reported)"
    r"(?:\s+on\s+\w+)?\s+(?:that\s+)?)",
)
MIN_CLAIM_WORDS = 3


def _line_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in re.finditer(r"\n", text)]


def _line_of(starts: list[int], offset: int) -> int:
    return bisect.bisect_right(starts, offset)


def _is_clause(text: str) -> bool:
    words = text.split()
    return len(words) >= 4 and bool(_VERBISH.search(text))


def _pieces(sentence: str) -> list[tuple[int, int]]:
    """Spans of the clauses of ``sentence`` (relative to it); the whole one if unsafe."""
    cuts = [(m.start(), m.end()) for m in _CLAUSE_BREAK.finditer(sentence)]
    if not cuts:
        return [(0, len(sentence))]
    spans, start = [], 0
    for cut_start, cut_end in cuts:
        spans.append((start, cut_start))
        start = cut_end
    spans.append((start, len(sentence)))
    if all(_is_clause(sentence[a:b]) for a, b in spans):
        return spans
    return [(0, len(sentence))]


def split_attribution(text: str) -> tuple[str, str | None]:
    """Return (claim without attribution, attribution or None).

    >>> split_attribution("Two people died in the floods, the health office said.")
    ('Two people died in the floods.', 'the health office said')
    """
    tail = _ATTRIBUTION_TAIL.search(text)
    if tail and tail.start() > 15:
        core = text[: tail.start()].rstrip(" ,") + "."
        return core, tail.group(0).strip(' ,.!?"”’')
    head = _ATTRIBUTION_HEAD.match(text)
    if head and len(text) - head.end() > 15:
        rest = text[head.end() :]
        return rest[0].upper() + rest[1:], head.group(0).strip(" ,")
    return text, None


def _sentences_of(source: Source, block: Block) -> list[Sentence]:
    found = split_sentences(block.text, offset=block.start)
    if block.exact:
        return found
    # The block text is not a verbatim slice (HTML): find each sentence in the raw
    # file, else fall back to the block's own span.
    mapped, cursor = [], block.start
    for s in found:
        at = source.text.find(s.text, cursor, block.end + len(s.text))
        if at >= 0:
            mapped.append(Sentence(s.text, at, at + len(s.text)))
            cursor = at + len(s.text)
        else:
            mapped.append(Sentence(s.text, block.start, block.end))
    return mapped


def extract_claims(source: Source, source_index: int) -> tuple[list[Sentence], list[Claim]]:
    """Split a source into sentences and claims.

    >>> from checker.sources import load_text
    >>> _, claims = extract_claims(load_text("Heavy rain lashed the coast; the river rose two metres."), 0)
    >>> [c.text for c in claims]
    ['Heavy rain lashed the coast', 'the river rose two metres.']
    """
    starts = _line_starts(source.text)
    sentences: list[Sentence] = []
    claims: list[Claim] = []
    for block in source.blocks:
        for sentence in _sentences_of(source, block):
            sentences.append(sentence)
            exact = source.text[sentence.start : sentence.end] == sentence.text
            for a, b in _pieces(sentence.text):
                piece = sentence.text[a:b].strip()
                if len(piece.split()) < MIN_CLAIM_WORDS:
                    continue
                lead = sentence.text.find(piece, a)
                start = sentence.start + lead if exact else sentence.start
                end = start + len(piece) if exact else sentence.end
                core, attribution = split_attribution(piece)
                claims.append(
                    Claim(
                        id=f"{source_index}:{len(claims)}",
                        source_index=source_index,
                        text=piece,
                        core=core,
                        start=start,
                        end=end,
                        sentence=sentence.text,
                        attribution=attribution,
                        line=_line_of(starts, start),
                    )
                )
    return sentences, claims
