"""How the wording of two claims differs: antonym swaps, one-sided negation, spelling
that folds to the same words, and the word spans to highlight.

The compare stage uses these to sharpen or veto the NLI model's verdict.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from checker import names as names_mod
from checker.lexicon import ANTONYMS, NEGATORS, SPELLING_VARIANTS
from checker.words import STOPWORDS

_TOKEN = re.compile(r"\w[\w’'.,-]*\w|\w")


@dataclass(frozen=True)
class Contrast:
    """Wording that flips meaning between two similar claims."""

    description: str
    aligned: bool  # the contrasting words stand in the same place in both claims
    negation: bool = False  # a negation on one side, rather than an antonym pair


_ISE = re.compile(r"(?<=\w{3})is(e|ed|es|ing|ation|ations)\b")


def normal_words(text: str) -> list[str]:
    """Content words with spelling, alias, quote and number-format differences folded away.

    Claims with equal normal words cannot contradict each other:

    >>> normal_words("Turkiye praised the move.") == normal_words("Turkey praised the move.")
    True
    """
    text = text.replace("’", "'").replace("“", '"').replace("”", '"').replace("—", " ").replace("–", " ")
    words = []
    for token in _TOKEN.findall(text):
        word = names_mod.fold(token) if token[:1].isupper() else token.lower()
        word = SPELLING_VARIANTS.get(word, word)
        word = _ISE.sub(lambda m: "iz" + m.group(1), word)
        word = word.replace(",", "") if word[:1].isdigit() else word
        if word not in STOPWORDS:
            words.append(word)
    return sorted(words)


_NEGATION_IDIOM = re.compile(
    r"\b(?:not|never) (?:been )?(?:seen|recorded|witnessed|heard|known) (?:since|before)\b|\bnot since\b"
    r"|\bnever before\b|\bnot only\b|\bnot least\b|\bno (?:fewer|more|less) than\b"
)


# Phrases that deny what follows: "just short of the national record".
_NEGATING_PHRASE = re.compile(r"\b(?:short of|unable to|no longer)\b")
_ANTONYM_PAIRS = frozenset(ANTONYMS) | frozenset((y, x) for x, y in ANTONYMS)
# In a fixed order: the first pair found is the one reported, the same in every run
# (a set's order changes with the process's string hashing).
_ANTONYM_ORDER = tuple(sorted(_ANTONYM_PAIRS))


def _qualified(text: str, word: str) -> tuple[str, str]:
    """The content words nearest before and after ``word`` (skipping "of", "the", "was",
    figures): its subject and what it qualifies ("the Orsk dam held", "north of Brazil")."""
    m = re.search(rf"((?:\S+\s+){{0,3}})\b{re.escape(word)}\b((?:\s+\S+){{0,3}})", text)
    if not m:
        return "", ""

    def first(words: list[str]) -> str:
        for w in words:
            w = w.strip(".,;:'’")
            if w and w not in STOPWORDS and not w[0].isdigit():
                return w.rstrip("s")
        return ""

    return first(m.group(1).split()[::-1]), first(m.group(2).split())


def lexical_contrast(a: str, b: str) -> Contrast | None:
    """An antonym swap, or a negation on one side only."""
    ta = [w.lower() for w in _TOKEN.findall(a)]
    tb = [w.lower() for w in _TOKEN.findall(b)]
    pairs = _ANTONYM_PAIRS
    matcher = difflib.SequenceMatcher(a=ta, b=tb, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "replace" and any((x, y) in pairs for x in ta[i1:i2] for y in tb[j1:j2]):
            x, y = next((x, y) for x in ta[i1:i2] for y in tb[j1:j2] if (x, y) in pairs)
            return Contrast(f"'{x}' vs '{y}'", aligned=True)
    la, lb = " ".join(ta), " ".join(tb)
    # Idioms with a negation word that negate nothing: "a level not seen since 1911".
    ta = _NEGATION_IDIOM.sub(" ", la).split()
    tb = _NEGATION_IDIOM.sub(" ", lb).split()
    for x, y in _ANTONYM_ORDER:
        if x not in la or y not in lb:
            continue  # the cheap test first: a word boundary match needs the substring
        if (
            re.search(rf"\b{x}\b", la)
            and re.search(rf"\b{y}\b", lb)
            and not re.search(rf"\b{y}\b", la)
            and not re.search(rf"\b{x}\b", lb)
        ):
            # "in the north of Brazil" / "across southern Brazil": both words qualify the
            # same thing, so they stand in the same place however the sentences differ.
            around_a, around_b = _qualified(la, x), _qualified(lb, y)
            anchored = any(wa and wa == wb for wa, wb in zip(around_a, around_b, strict=True))
            return Contrast(f"'{x}' vs '{y}'", aligned=anchored)
    neg_a = set(ta) & NEGATORS | ({"n't"} if "n't" in la else set()) | set(_NEGATING_PHRASE.findall(la))
    neg_b = set(tb) & NEGATORS | ({"n't"} if "n't" in lb else set()) | set(_NEGATING_PHRASE.findall(lb))
    if bool(neg_a) != bool(neg_b):
        word = sorted(neg_a or neg_b)[0]
        negated, other = (la, tb) if neg_a else (lb, ta)
        # "was not injured" / "was injured": the negated word itself stands in the other claim.
        after = _qualified(negated.replace("n't", " n't"), word)[1]
        aligned = bool(after) and after in {w.rstrip("s") for w in other}
        return Contrast(f"'{word}' on one side only", aligned=aligned, negation=True)
    return None


def diff_spans(a: str, b: str) -> tuple[tuple[tuple[int, int], ...], tuple[tuple[int, int], ...]]:
    """Word spans that differ between two claims, for highlighting."""
    ta, tb = list(_TOKEN.finditer(a)), list(_TOKEN.finditer(b))
    matcher = difflib.SequenceMatcher(
        a=[t.group(0).lower() for t in ta], b=[t.group(0).lower() for t in tb], autojunk=False
    )
    spans_a: list[tuple[int, int]] = []
    spans_b: list[tuple[int, int]] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        if i2 > i1:
            spans_a.append((ta[i1].start(), ta[i2 - 1].end()))
        if j2 > j1:
            spans_b.append((tb[j1].start(), tb[j2 - 1].end()))
    return tuple(spans_a), tuple(spans_b)
