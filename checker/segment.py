"""Sentence splitting: NLTK Punkt with the project's own abbreviation list, no downloads.

Spans are character offsets into the text given, so callers can map sentences back
onto the original file.
"""

from __future__ import annotations

import importlib.util
import re
import sys
import types
from functools import lru_cache
from typing import TYPE_CHECKING

from checker.types import Sentence

if TYPE_CHECKING:
    from nltk.tokenize.punkt import PunktSentenceTokenizer

# Lower-case, without the final period, as Punkt stores them.
ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof sr jr st gen col lt maj capt cmdr adm sgt rep sen gov pres supt insp
    rev hon messrs mt ft ave blvd rd no nos vol vs etc approx est dept univ corp inc ltd co
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thurs fri sat sun
    u.s u.k u.n e.u u.s.a a.m p.m e.g i.e al fig cf ca
    """.split()
)
# Words that start sentences far more often than they follow an abbreviation: after
# "9:30 p.m." or "Acme Ltd." one of these, capitalised, begins a new sentence.
SENTENCE_STARTERS = frozenset(
    """
    the a an it its he she they we i this that these those there his her their our
    but and however meanwhile earlier later nobody no one some many most all both
    in on at after before during when while if as since until by for from with
    police officials authorities witnesses residents investigators
    """.split()
)
# "crisis.Armenian": a sentence end glued to the next capitalised word, which Punkt
# cannot see because there is no space after the period.
_GLUED = re.compile(r"(?<=[a-z\d\)\"”’]{2}[.!?])(?=[A-Z\"“‘][a-z])")
_PARAGRAPH = re.compile(r"\n\s*\n|\n(?=\s*[-*•#>])|\n")


def _import_punkt() -> types.ModuleType:
    """``nltk.tokenize.punkt`` without ``nltk/__init__``, which imports scipy.stats and most
    of NLTK (0.9 s of a 1.8 s warm run, measured with ``python -X importtime``; Punkt
    itself needs 0.1 s). The package is stood in for by an empty module with NLTK's
    path while Punkt loads; then it and the submodules loaded under it leave
    ``sys.modules`` (Punkt keeps its own references), so a later ``import nltk`` loads
    the real package from scratch."""
    if "nltk" in sys.modules:
        from nltk.tokenize import punkt

        return punkt
    spec = importlib.util.find_spec("nltk")
    if spec is None or not spec.submodule_search_locations:
        from nltk.tokenize import punkt  # raises the usual ImportError

        return punkt
    stand_in = types.ModuleType("nltk")
    stand_in.__path__ = list(spec.submodule_search_locations)
    stand_in.__spec__ = spec
    sys.modules["nltk"] = stand_in
    try:
        from nltk.tokenize import punkt
    finally:
        for name in [n for n in sys.modules if n == "nltk" or n.startswith("nltk.")]:
            del sys.modules[name]
    return punkt


@lru_cache(maxsize=1)
def _tokenizer() -> PunktSentenceTokenizer:
    punkt = _import_punkt()
    params = punkt.PunktParameters()
    params.abbrev_types = set(ABBREVIATIONS)
    params.sent_starters = set(SENTENCE_STARTERS)
    return punkt.PunktSentenceTokenizer(params)


def _blocks(text: str) -> list[tuple[int, int]]:
    """Line-separated blocks: headlines and paragraphs never share a sentence."""
    spans, start = [], 0
    for m in _PARAGRAPH.finditer(text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return spans


def split_sentences(text: str, offset: int = 0) -> list[Sentence]:
    """Split ``text`` into sentences with spans shifted by ``offset``.

    >>> [s.text for s in split_sentences("It fell.Then it rose. Mr. Li left at 9 p.m. The end.")]
    ['It fell.', 'Then it rose.', 'Mr. Li left at 9 p.m.', 'The end.']
    """
    sentences: list[Sentence] = []
    for block_start, block_end in _blocks(text):
        block = text[block_start:block_end]
        if not block.strip():
            continue
        for s_start, s_end in _tokenizer().span_tokenize(block):
            pieces = [s_start, *(s_start + m.start() for m in _GLUED.finditer(block[s_start:s_end])), s_end]
            for a, b in zip(pieces, pieces[1:], strict=False):
                chunk = block[a:b]
                lead = len(chunk) - len(chunk.lstrip())
                trail = len(chunk.rstrip())
                if trail <= lead:
                    continue
                start = offset + block_start + a + lead
                end = offset + block_start + a + trail
                sentences.append(Sentence(text=chunk[lead:trail], start=start, end=end))
    return sentences
