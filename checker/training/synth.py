"""Synthetic NLI pairs for the news-style contradictions that public sets rarely show.

Every transform takes one premise sentence and returns a (hypothesis, label) pair or
None when it does not apply. Contradictions come from edits that change one fact
(a number, a date, polarity, an antonym, a name, who did what to whom); entailments
come from edits that keep the facts (dropping a clause, moving an adverbial,
spelling variants, number words, date formats).
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterable

from checker.lexicon import ANTONYMS, NUMBER_WORDS
from checker.training.data import NLIExample

Transform = Callable[[str, random.Random], "tuple[str, str] | None"]

_NUMBER = re.compile(r"(?<![\w.,:])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![\w,]*\d)(?![A-Za-z:])")
_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_AUX_NEGATABLE = re.compile(
    r"\b(is|was|are|were|has|have|had|will|can|could|would|should|did|does|do)\b(?! not\b|n't)"
)
_NEGATION = re.compile(
    r"\b(is|was|are|were|has|have|had|will|can|could|would|should|did|does|do)"
    r"(?: not|n't)\b"
)
_SPELLING = [
    ("izing", "ising"),
    ("ization", "isation"),
    ("ized", "ised"),
    ("color", "colour"),
    ("labor", "labour"),
    ("neighbor", "neighbour"),
    ("favor", "favour"),
    ("toward ", "towards "),
    ("center", "centre"),
    ("defense", "defence"),
]
_ALIASES = [
    ("Turkey", "Turkiye"),
    ("United States", "US"),
    ("United Kingdom", "UK"),
    ("chief executive", "CEO"),
    ("per cent", "percent"),
    ("kilometres", "km"),
]
_APPROX = ["some", "about", "around", "roughly", "nearly", "almost"]
_NAME = re.compile(r"(?<=[a-z,] )([A-Z][a-z]+(?: [A-Z][a-z]+){0,2})")
_SVO = re.compile(
    r"^(?P<a>(?:The )?[A-Z][\w.]*(?: [A-Z][\w.]*){0,3}) (?P<v>[a-z]\w*ed|beat|won against|sued|hit|met)"
    r" (?P<b>(?:the )?[A-Z][\w.]*(?: [A-Z][\w.]*){0,3})\b"
)


def _swap_word(text: str, old: str, new: str) -> str | None:
    pattern = re.compile(rf"\b{re.escape(old)}\b")
    if not pattern.search(text):
        return None
    return pattern.sub(new, text, count=1)


def change_number(text: str, rng: random.Random) -> tuple[str, str] | None:
    matches = list(_NUMBER.finditer(text))
    if not matches:
        return None
    m = rng.choice(matches)
    raw = m.group(1)
    value = float(raw.replace(",", ""))
    if 1900 <= value <= 2100 and "," not in raw:
        new_value = value + rng.choice([-3, -2, -1, 1, 2, 3])
    else:
        factor = rng.choice([10, 0.1, 2, 0.5, 1.5, 3])
        new_value = value * factor if value * factor >= 1 else value + rng.randint(1, 9)
        if round(new_value) == value:
            new_value = value + rng.randint(1, 9)
    new = f"{int(round(new_value)):,}" if "," in raw else str(int(round(new_value)))
    if "." in raw:
        new = f"{new_value:.1f}"
    return text[: m.start()] + new + text[m.end() :], "contradiction"


def approximate_number(text: str, rng: random.Random) -> tuple[str, str] | None:
    """ "12,000 people" -> "some 12,000 people": a hedge keeps the claim true."""
    m = _NUMBER.search(text)
    if (
        not m
        or re.search(r"\b(some|about|around|more than|less than|in|by|of|[A-Z][a-z]+)\s*$", text[: m.start()])
        or re.fullmatch(r"(19|20)\d\d", m.group(1))
    ):
        return None
    return text[: m.start()] + rng.choice(_APPROX) + " " + text[m.start() :], "entailment"


def flip_bound(text: str, rng: random.Random) -> tuple[str, str] | None:
    """Opposite bounds, or a bound that excludes the stated figure, cannot both hold."""
    m = re.search(r"\b(more than|at least|over|fewer than|less than|at most|under) (\d[\d,]*)", text)
    flips = {
        "more than": "fewer than",
        "at least": "fewer than",
        "over": "under",
        "fewer than": "more than",
        "less than": "more than",
        "at most": "more than",
        "under": "over",
    }
    if m:
        return text[: m.start()] + flips[m.group(1)] + text[m.start() + len(m.group(1)) :], "contradiction"
    m = _NUMBER.search(text)
    if not m or "." in m.group(1):
        return None
    value = int(m.group(1).replace(",", ""))
    if value < 2 or 1900 <= value <= 2100 or text[max(0, m.start() - 1)] in "$€£":
        return None
    bound = f"more than {value * 3:,}" if rng.random() < 0.5 else f"fewer than {max(1, value // 3):,}"
    return text[: m.start()] + bound + text[m.end() :], "contradiction"


def number_words(text: str, rng: random.Random) -> tuple[str, str] | None:
    for word, value in NUMBER_WORDS.items():
        if value < 2:
            continue  # "one" is as often a pronoun as a number
        swapped = _swap_word(text, word, str(value)) or _swap_word(text, word.capitalize(), str(value))
        if swapped:
            return swapped, "entailment"
    return None


def change_date(text: str, rng: random.Random) -> tuple[str, str] | None:
    for names in (_MONTHS, _WEEKDAYS):
        present = [n for n in names if re.search(rf"\b{n}\b", text)]
        if present:
            old = rng.choice(present)
            new = rng.choice([n for n in names if n != old])
            return _swap_word(text, old, new) or "", "contradiction"
    return None


def reformat_date(text: str, rng: random.Random) -> tuple[str, str] | None:
    month = "|".join(_MONTHS)
    m = re.search(rf"\b({month}) (\d{{1,2}})\b", text)
    if m:
        return text[: m.start()] + f"{m.group(2)} {m.group(1)}" + text[m.end() :], "entailment"
    m = re.search(rf"\b(\d{{1,2}}) ({month})\b", text)
    if m:
        return text[: m.start()] + f"{m.group(2)} {m.group(1)}" + text[m.end() :], "entailment"
    return None


def negate(text: str, rng: random.Random) -> tuple[str, str] | None:
    m = _NEGATION.search(text)
    if m:  # remove an existing negation
        return text[: m.start()] + m.group(1) + text[m.end() :], "contradiction"
    m = _AUX_NEGATABLE.search(text)
    if not m:
        return None
    word = "never" if m.group(1) in {"has", "have", "had"} and rng.random() < 0.5 else "not"
    return text[: m.end()] + f" {word}" + text[m.end() :], "contradiction"


def swap_antonym(text: str, rng: random.Random) -> tuple[str, str] | None:
    pairs = list(ANTONYMS)
    rng.shuffle(pairs)
    for a, b in pairs:
        for old, new in ((a, b), (b, a)):
            swapped = _swap_word(text, old, new)
            if swapped:
                return swapped, "contradiction"
    return None


def swap_entity(text: str, rng: random.Random, pool: list[str]) -> tuple[str, str] | None:
    names = [m.group(1) for m in _NAME.finditer(text) if m.group(1) not in _MONTHS + _WEEKDAYS]
    if not names or not pool:
        return None
    old = rng.choice(names)
    candidates = [
        p
        for p in rng.sample(pool, min(20, len(pool)))
        if p != old and p.count(" ") == old.count(" ") and p not in text
    ]
    if not candidates:
        return None
    return _swap_word(text, old, candidates[0]) or "", "contradiction"


def swap_roles(text: str, rng: random.Random) -> tuple[str, str] | None:
    m = _SVO.match(text)
    if not m or m.group("a").lower().strip("the ") == m.group("b").lower().strip("the "):
        return None
    a, b = m.group("a"), m.group("b")
    swapped = f"{b[0].upper()}{b[1:]} {m.group('v')} {a[0].lower() + a[1:] if a.startswith('The ') else a}"
    return swapped + text[m.end() :], "contradiction"


def drop_clause(text: str, rng: random.Random) -> tuple[str, str] | None:
    """Dropping a non-restrictive clause keeps what remains true."""
    m = re.search(r", (which|who|where|while|after|as|although) [^,]+(,|(?=\.$))", text)
    if m:
        return (text[: m.start()] + text[m.end() :]).replace(" ,", ",").strip(), "entailment"
    m = re.search(r" (—|-) [^—-]+ (—|-) ", text)
    if m:
        return text[: m.start()] + " " + text[m.end() :], "entailment"
    parts = re.split(r", and |; ", text)
    if len(parts) > 1:
        kept = rng.choice(parts).strip().rstrip(".")
        if len(kept.split()) < 4:
            return None
        return kept[0].upper() + kept[1:] + ".", "entailment"
    return None


def move_adverbial(text: str, rng: random.Random) -> tuple[str, str] | None:
    m = re.match(r"^(On|In|Last|Earlier|Since|After) ([^,]{3,40}), (.+?)([.!?])?$", text)
    if not m:
        return None
    body = m.group(3)
    return f"{body[0].upper()}{body[1:]} {m.group(1).lower()} {m.group(2)}{m.group(4) or '.'}", "entailment"


def respell(text: str, rng: random.Random) -> tuple[str, str] | None:
    for a, b in _SPELLING + _ALIASES:
        for old, new in ((a, b), (b, a)):
            if old in text:
                return text.replace(old, new, 1), "entailment"
    return None


TRANSFORMS: dict[str, Transform] = {
    "number": change_number,
    "approximator": approximate_number,
    "bound": flip_bound,
    "number_words": number_words,
    "date": change_date,
    "date_format": reformat_date,
    "negation": negate,
    "antonym": swap_antonym,
    "roles": swap_roles,
    "drop_clause": drop_clause,
    "reorder": move_adverbial,
    "spelling": respell,
}


def name_pool(premises: Iterable[str]) -> list[str]:
    """Capitalised names seen mid-sentence: candidates for same-type entity swaps."""
    seen: dict[str, None] = {}
    for text in premises:
        for m in _NAME.finditer(text):
            if m.group(1) not in _MONTHS + _WEEKDAYS:
                seen.setdefault(m.group(1), None)
    return list(seen)


# How many pairs each transform contributes per 1,000 premises: negation applies to
# almost every sentence, so without quotas it would crowd out the rarer news edits.
QUOTAS: dict[str, int] = {
    "number": 150,
    "approximator": 50,
    "bound": 50,
    "number_words": 30,
    "date": 60,
    "date_format": 20,
    "negation": 130,
    "antonym": 110,
    "entity": 110,
    "roles": 30,
    "drop_clause": 90,
    "reorder": 25,
    "spelling": 25,
}


def generate(premises: list[str], per_premise: int, seed: int) -> list[NLIExample]:
    """Apply transforms to premises under per-transform quotas.

    Each premise is used at most ``per_premise`` times. Dropping a clause also yields
    the reverse pair (short premise, long hypothesis) as neutral, so the model learns
    that added detail is not entailed.
    """
    rng = random.Random(seed)
    pool = name_pool(premises)
    usable = [p.strip() for p in premises if 20 <= len(p.strip()) <= 400]
    uses = dict.fromkeys(usable, 0)
    out: list[NLIExample] = []
    for name, per_thousand in QUOTAS.items():
        quota = max(1, len(usable) * per_thousand // 1000)
        order = list(usable)
        rng.shuffle(order)
        made = 0
        for premise in order:
            if made >= quota:
                break
            if uses[premise] >= per_premise:
                continue
            result = swap_entity(premise, rng, pool) if name == "entity" else TRANSFORMS[name](premise, rng)
            if not result or not result[0] or result[0] == premise:
                continue
            hypothesis, label = result
            out.append(NLIExample(premise, hypothesis, label, f"synthetic-{name}"))
            if name == "drop_clause" and rng.random() < 0.5:
                out.append(NLIExample(hypothesis, premise, "neutral", "synthetic-added-detail"))
            uses[premise] += 1
            made += 1
    return out
