"""Shared result types of the pipeline stages (frozen dataclasses, no behaviour)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import Enum


class SourceFormat(str, Enum):
    TEXT = "text"
    MARKDOWN = "markdown"
    HTML = "html"


@dataclass(frozen=True)
class Block:
    """A paragraph or line of article text.

    ``start``/``end`` is the block's span in the source's decoded text. When ``exact``
    is true, ``text == source.text[start:end]`` and offsets inside the block map
    one-to-one onto the file; HTML blocks (tags, entities removed) are not exact.
    """

    text: str
    start: int
    end: int
    exact: bool = True


@dataclass(frozen=True)
class Source:
    """One article: the decoded file and the article blocks found in it."""

    path: str  # as given on the command line, or "<stdin>" / a caller's label
    text: str  # the whole decoded file, the reference for every offset
    format: SourceFormat
    blocks: tuple[Block, ...]
    title: str | None = None
    published: dt.date | None = None
    url: str | None = None
    outlet: str | None = None


@dataclass(frozen=True)
class Sentence:
    """A sentence and its [start, end) character span in the source's decoded text."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Claim:
    """An atomic statement: a sentence or a safe piece of one, with its span in its file."""

    id: str  # "<source index>:<claim index>", stable within one run
    source_index: int
    text: str
    start: int
    end: int
    sentence: str  # the full sentence the claim came from (context for people)
    core: str = ""  # the text without its attribution: what the models compare
    attribution: str | None = None  # "Pashinyan said", "officials said"
    line: int = 1  # 1-based line of ``start`` in the file


class Severity(str, Enum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"

    @property
    def rank(self) -> int:
        return {"low": 1, "medium": 2, "high": 3}[self.value]


class FindingKind(str, Enum):
    CONTRADICTION = "contradiction"  # NLI, both directions
    QUANTITY = "quantity"  # numbers that cannot both be true
    MALFORMED_NUMBER = "malformed_number"  # "100,00"
    DATE = "date"
    NAME = "name"  # different entities in the same role
    NAME_SPELLING = "name_spelling"  # near-miss spelling of one name
    ROLES = "roles"  # the same names in swapped roles ("A sued B" / "B sued A")


@dataclass(frozen=True)
class Finding:
    """A disagreement between two claims (or a defect within one, when ``claim_b`` is None)."""

    id: str
    kind: FindingKind
    severity: Severity
    score: float  # 0..1, how sure we are that an editor must act
    claim_a: Claim
    claim_b: Claim | None
    explanation: str
    highlight_a: tuple[tuple[int, int], ...] = ()  # spans relative to claim text
    highlight_b: tuple[tuple[int, int], ...] = ()
    evidence: dict[str, float | str] = field(default_factory=dict)


@dataclass(frozen=True)
class SourceSummary:
    path: str
    title: str | None
    published: dt.date | None
    sentences: int
    claims: int


@dataclass(frozen=True)
class Report:
    """What a check returns: the sources read, the findings (most important first), stats."""

    version: str
    sources: tuple[SourceSummary, ...]
    findings: tuple[Finding, ...]
    stats: dict[str, float | int | str]
    source_texts: tuple[str, ...] = ()  # decoded text per source, for line numbers and HTML
