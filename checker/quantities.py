"""Figures in news text: find them, normalise them, and tell whether two can both hold.

``extract_quantities`` finds counts, money, measurements, percentages, durations,
ages, times of day and years, each with the range its approximator implies ("more
than 100,000" is 100,000..inf) in a canonical unit (12,000 hectares is 120 km2).
``compatible`` compares two of them; ``describe`` renders one for explanations.

>>> q = extract_quantities("more than 100,00 people")[0]
>>> (q.value, q.suggestion, q.malformed, q.noun)
(10000.0, 100000.0, True, 'people')
>>> compatible(extract_quantities("some 120 square kilometres")[0],
...            extract_quantities("burned 12,000 hectares")[0])
True
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

INF = math.inf


@dataclass(frozen=True)
class Quantity:
    """One figure; ``start``/``end`` cover the approximator, the number and its unit."""

    text: str
    start: int
    end: int
    value: float  # in the canonical unit
    low: float  # range implied by the approximator (and by both readings of a malformed number)
    high: float
    unit: str  # canonical unit, "" for bare counts and years
    dimension: str
    approximator: str = ""
    noun: str = ""  # what is counted, singularised ("car", "people", "renovation")
    malformed: bool = False  # "100,00", "1,0000"
    suggestion: float | None = None  # the likely intended value of a malformed number


# --- number words ----------------------------------------------------------------------
_SMALL = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen".split()
    )
}
_TENS = {
    w: 10 * i for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), start=2)
}
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_SHORT_SCALES = {"k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "b": 1e9, "bn": 1e9, "bln": 1e9, "tn": 1e12}


def _by_length(words: Iterable[str]) -> str:
    """Regex alternation, longest first, so "seventeen" is tried before "seven"."""
    return "|".join(sorted(words, key=len, reverse=True))


_ATOM = (
    rf"(?:(?:{_by_length(_TENS)})(?:-(?:{_by_length(list(_SMALL)[1:10])}))?"
    rf"|{_by_length(_SMALL)}|dozen|half|hundred|{_by_length(_SCALES)})\b"
)
_WORDS = (
    rf"(?:\ban?\s+(?=(?:dozen|hundred|{_by_length(_SCALES)})\b))?\b{_ATOM}"
    rf"(?:(?:\s*-\s*|\s+(?:and\s+)?(?:an?\s+)?){_ATOM})*"
)
_TIME = (
    r"(?<![\d:.,])(?P<h>\d{1,2})(?:[:.](?P<mi>\d{2}))?\s*(?P<ap>[ap])\.?\s?m\b\.?"
    r"|(?<![\d:.,])(?P<h24>\d{1,2}):(?P<mi24>\d{2})(?![\d:])"
)
_CORE = re.compile(rf"(?P<time>{_TIME})|(?P<num>\d+(?:,\d+)*(?:\.\d+)?)|(?P<words>{_WORDS})", re.I)

# --- units: (pattern, dimension, canonical unit, factor); first match wins --------------
_UNITS: list[tuple[str, str, str, float]] = [
    (r"years?(?:-|\s)olds?", "age", "year", 1),
    (r"square\s+kilomet(?:re|er)s?|sq\.?\s?km|km²|km2|square\s+km", "area", "km2", 1),
    (r"square\s+miles?|sq\.?\s?mi(?:les?)?", "area", "km2", 2.589988),
    (r"square\s+met(?:re|er)s?|sq\.?\s?m|m²", "area", "km2", 1e-6),
    (r"hectares?|ha", "area", "km2", 0.01),
    (r"acres?", "area", "km2", 0.004046856),
    (r"km/h|kmh|kph|kilomet(?:re|er)s?\s+(?:per|an)\s+hour", "speed", "km/h", 1),
    (r"mph|miles?\s+(?:per|an)\s+hour", "speed", "km/h", 1.609344),
    (r"knots?", "speed", "km/h", 1.852),
    (r"m/s|met(?:re|er)s?\s+per\s+second", "speed", "km/h", 3.6),
    (r"kilomet(?:re|er)s?|km", "length", "m", 1000),
    (r"centimet(?:re|er)s?|cm", "length", "m", 0.01),
    (r"millimet(?:re|er)s?|mm", "length", "m", 0.001),
    (r"met(?:re|er)s?", "length", "m", 1),
    (r"m", "length", "m", 1),
    (r"nautical\s+miles?|nmi", "length", "m", 1852),
    (r"miles?", "length", "m", 1609.344),
    (r"feet|foot|ft", "length", "m", 0.3048),
    (r"inch(?:es)?", "length", "m", 0.0254),
    (r"yards?", "length", "m", 0.9144),
    (r"(?:metric\s+)?tonnes?|(?:metric\s+)?tons?", "mass", "kg", 1000),
    (r"kilo(?:gram(?:me)?)?s?|kgs?", "mass", "kg", 1),
    (r"lbs?", "mass", "kg", 0.45359237),
    (r"degrees?\s+(?:celsius|centigrade)|°\s?c|ºc", "temperature", "C", 1),
    (r"degrees?\s+fahrenheit|°\s?f|ºf", "temperature", "F", 1),
    (r"(?-i:C)", "temperature", "C", 1),
    (r"(?-i:F)", "temperature", "F", 1),
    (r"degrees?", "temperature", "C", 1),
    (r"%|per\s?cent|pct", "percent", "%", 1),
    (r"percentage\s+points?|ppts?|pp", "percent", "percentage_point", 1),
    (r"decades?", "duration", "year", 10),
    (r"years?|yrs?", "duration", "year", 1),
    (r"months?", "duration", "month", 1),
    (r"weeks?", "duration", "week", 1),
    (r"days?", "duration", "day", 1),
    (r"hours?|hrs?", "duration", "hour", 1),
    (r"minutes?|mins?", "duration", "minute", 1),
    (r"(?:us\s+)?dollars?|usd", "money", "USD", 1),
    (r"euros?|eur", "money", "EUR", 1),
    (r"pounds?(?:\s+sterling)?|sterling|gbp|quid", "money", "GBP", 1),
    (r"yen|jpy", "money", "JPY", 1),
    (r"yuan|renminbi|cny", "money", "CNY", 1),
]
# A bare C or F ("42.6C") is a unit only when glued to the number.
_GLUED_ONLY = {"(?-i:C)", "(?-i:F)"}
_UNIT_RES = [
    (re.compile(("" if p in _GLUED_ONLY else r"(?:-|\s?)") + rf"(?:{p})(?![\w/²])", re.I), d, u, f)
    for p, d, u, f in _UNITS
]
_CURRENCY_PREFIX = re.compile(r"(US\$|A\$|C\$|HK\$|NZ\$|\$|€|£|¥|USD|EUR|GBP)\s?$")
_CURRENCY_CODES = {
    "US$": "USD",
    "$": "USD",
    "A$": "AUD",
    "C$": "CAD",
    "HK$": "HKD",
    "NZ$": "NZD",
    "€": "EUR",
    "£": "GBP",
    "¥": "JPY",
    "USD": "USD",
    "EUR": "EUR",
    "GBP": "GBP",
}
_CURRENCY_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥"}
_MONEY_AFTER = re.compile(r"\s+(?:(?:us\s+)?dollars?|euros?|pounds?|usd|eur|gbp)\b", re.I)
_SCALE_AFTER = re.compile(rf"\s?(?:({_by_length(_SCALES)})|(bn|mn|mln|bln|tn))\b|(k|m|b)\b", re.I)
_DURATION_DAYS = {"year": 365.25, "month": 30.44, "week": 7, "day": 1, "hour": 1 / 24, "minute": 1 / 1440}

# --- approximators: phrase -> kind ------------------------------------------------------
_APPROX = {
    "about": "about",
    "around": "about",
    "some": "about",
    "roughly": "about",
    "approximately": "about",
    "approx.": "about",
    "close to": "about",
    "an estimated": "about",
    "estimated": "about",
    "circa": "about",
    "c.": "about",
    "nearly": "almost",
    "almost": "almost",
    "just short of": "almost",
    "just under": "almost",
    "not quite": "almost",
    "just over": "just over",
    "more than": "over",
    "over": "over",
    "above": "over",
    "in excess of": "over",
    "upwards of": "over",
    "exceeding": "over",
    "at least": "at least",
    "no fewer than": "at least",
    "no less than": "at least",
    "a minimum of": "at least",
    "less than": "under",
    "fewer than": "under",
    "under": "under",
    "below": "under",
    "up to": "up to",
    "at most": "up to",
    "as many as": "up to",
    "as much as": "up to",
    "no more than": "up to",
    "a maximum of": "up to",
}
# Times of day take offsets in minutes, not percentages.
_TIME_APPROX = {
    "about": (-15, 15),
    "around": (-15, 15),
    "approximately": (-15, 15),
    "shortly after": (0, 30),
    "just after": (0, 15),
    "soon after": (0, 30),
    "shortly before": (-30, 0),
    "just before": (-15, 0),
    "after": (0, 240),
    "before": (-240, 0),
    "by": (-240, 0),
    "until": (-240, 0),
}
_APPROX_BEFORE = re.compile(rf"(?<![\w.])({_by_length(map(re.escape, _APPROX))})\s+$", re.I)
_TIME_APPROX_BEFORE = re.compile(rf"(?<![\w.])({_by_length(_TIME_APPROX)})\s+$", re.I)
_APPROX_AFTER = re.compile(r"\s+or\s+(more|so|fewer|less)\b|\s?\+(?!\d)|-(plus|odd)\b", re.I)
# "5 or more", "100-plus", "40-odd": named by the prefix phrase that means the same.
_APPROX_AFTER_AS = {
    "more": "at least",
    "so": "about",
    "fewer": "up to",
    "less": "up to",
    "plus": "more than",
    "odd": "about",
    "": "more than",
}

# --- context ----------------------------------------------------------------------------
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_DATE_BEFORE = re.compile(
    rf"\b{_MONTH}\.?\s+$|\b{_MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+$"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}\.?,?\s+$"
)
_DATE_AFTER = re.compile(
    rf"\s+(?:of\s+)?{_MONTH}\b"
    rf"|\s*(?:and|&|to|or|-|–)\s*\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\b"  # "21 and 22 February"
)
_LABEL_BEFORE = re.compile(r"\b([A-Z][A-Za-z]*)\.?\s+$")  # "Boeing 737", "Flight 370", "No. 10"
# "Karl Dunn, 58, said", "Dunn (58)", "aged 58".
_AGE_BEFORE = re.compile(r"(?:\b[A-Z][\w'’.-]*,\s*|\b[A-Z][\w'’.-]*\s*\(|(?i:\baged?)\s+)$")
_AGE_AFTER = re.compile(r"\s*(?:[,);]|\.(?:\s|$))")
_COLLECTIVE_BEFORE = re.compile(
    r"\b(crowd|turnout|attendance|audience|workforce|population|death toll)\b[^.;:!?]{0,40}?"
    r"\b(?:at|of|to|was|is|were|reached|numbered|topped|hit|exceeded)\s+$",
    re.I,
)
_YEAR_CUE = re.compile(
    r"\b(?:in|since|by|from|until|till|before|after|during|between|and|year|"
    r"early|late|mid|of|the|summer|winter|spring|autumn|fall)[\s-]+$",
    re.I,
)
_PRONOUN_ONE_BEFORE = re.compile(r"\b(?:no|the|this|that|every|each|any|which|only)\s+$", re.I)
_PRONOUN_ONE_AFTER = re.compile(r"\s+(?:of|another|by)\b", re.I)
_NEXT_WORD = re.compile(r"[\s-]+([A-Za-z][A-Za-z'’]*)")
_STOP = frozenset(
    """
    a an the of in on at to for from by with and or but nor than that which who whom whose were
    was is are be been being had has have as per into onto over under after before during since
    while when where it its their his her our your this these those more less each every said
    says say according out up down off about across against among between through will would
    could should can may might must did do does not no so also only just still all both such
    other another last next ago early later earlier yet already even again there here then they
    we he she you i us them him plus minus versus thus always perhaps unless whereas besides
    towards toward via if because what how why or percent per-cent
""".split()
)
_IRREGULAR_PLURALS = {
    "people": "people",
    "men": "man",
    "women": "woman",
    "children": "child",
    "police": "police",
    "staff": "staff",
    "crew": "crew",
    "personnel": "personnel",
    "cattle": "cattle",
    "sheep": "sheep",
    "fish": "fish",
    "aircraft": "aircraft",
    "livestock": "livestock",
    "lives": "life",
    "persons": "person",
}
_NOUN_GROUPS = {
    **dict.fromkeys(
        (
            "people",
            "person",
            "resident",
            "civilian",
            "passenger",
            "villager",
            "individual",
            "refugee",
            "crowd",
            "inhabitant",
            "turnout",
            "attendance",
            "audience",
            "protester",
            "demonstrator",
            "spectator",
            "attendee",
            "traveller",
            "traveler",
            "commuter",
            "visitor",
            "tourist",
            "fan",
        ),
        "people",
    ),
    **dict.fromkeys(("worker", "employee", "staff", "job"), "worker"),
    **dict.fromkeys(("ship", "vessel", "boat"), "vessel"),
    **dict.fromkeys(("plane", "aircraft", "jet", "airliner"), "aircraft"),
    **dict.fromkeys(("house", "home", "dwelling"), "home"),
    **dict.fromkeys(("vote", "ballot"), "vote"),
    **dict.fromkeys(("troop", "soldier"), "troop"),
    **dict.fromkeys(("car", "vehicle", "automobile"), "vehicle"),
    **dict.fromkeys(("centre", "center"), "centre"),
    **dict.fromkeys(("death", "fatality"), "death"),
}
# Counts of different things are not comparable; durations are, whatever they qualify
# ("a three-year deal" / "a two-year pay deal"), since their noun is often an adjective.
_NOUN_DIMENSIONS = {"count"}


def _parse_words(s: str) -> tuple[float, int] | None:
    """Value of a number-word phrase and how many characters of it make sense."""
    tokens = list(re.finditer(r"[a-z]+", s.lower()))
    total, current, last, end, atoms = 0.0, 0.0, "", 0, []
    for i, m in enumerate(tokens):
        w = m.group()
        nxt = tokens[i + 1].group() if i + 1 < len(tokens) else ""
        if w in ("a", "an"):
            continue  # "a dozen", "half a million"
        if w == "and":
            if last in ("hundred", "scale") or nxt in ("a", "half"):
                continue
            break
        if w in _SMALL:
            if last == "small" or (last == "tens" and _SMALL[w] >= 10):
                break
            current += _SMALL[w]
            last = "small"
        elif w in _TENS:
            if last in ("small", "tens"):
                break
            current += _TENS[w]
            last = "tens"
        elif w == "half":
            current += 0.5
            last = "half"
        elif w in ("dozen", "hundred"):
            current = (current or 1) * (12 if w == "dozen" else 100)
            last = "hundred"
        else:  # thousand, million, ...
            total += (current or 1) * _SCALES[w]
            current, last = 0.0, "scale"
        atoms.append(w)
        end = m.end()
    if not atoms or atoms == ["half"]:
        return None
    return total + current, end


def _parse_digits(s: str) -> tuple[float, bool, float | None]:
    """(value, malformed, suggestion) for "12,000", "4,5" (decimal comma), "100,00"."""
    if "," not in s:
        return float(s), False, None
    whole, _, frac = s.partition(".")
    groups = whole.split(",")
    rest = groups[1:]
    tail = "." + frac if frac else ""
    if 1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in rest):
        return float("".join(groups) + tail), False, None
    if len(rest) >= 2 and len(groups[0]) <= 2 and len(rest[-1]) == 3 and all(len(g) == 2 for g in rest[:-1]):
        return float("".join(groups) + tail), False, None  # Indian grouping: 1,00,000
    if len(groups) == 2 and not frac and len(groups[0]) <= 2 and len(groups[1]) <= 2 and groups[1].strip("0"):
        return float(f"{groups[0]}.{groups[1]}"), False, None  # decimal comma "4,5"; "12,00" is no decimal
    value = float("".join(groups) + tail)
    if len(groups[0]) > 3:
        return value, True, None
    # Assume the writer dropped (or added) zeros: "100,00" -> 100,000; "1,0000" -> 1,000.
    fixed = [groups[0]]
    for g in rest:
        if len(g) < 3:
            fixed.append(g + "0" * (3 - len(g)))
        elif g[3:].strip("0"):
            return value, True, None
        else:
            fixed.append(g[:3])
    return value, True, float("".join(fixed) + tail)


def _singular(word: str) -> str:
    if word in _IRREGULAR_PLURALS:
        return _IRREGULAR_PLURALS[word]
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes", "zzes")):
        return word[:-2]
    return word[:-1] if word.endswith("s") else word


def _is_plural(word: str) -> bool:
    if word in _IRREGULAR_PLURALS:
        return True
    return len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is", "ous"))


def _noun_after(text: str, pos: int, adjectival: bool) -> str:
    """What a number counts: the first plural-looking word among the next three.

    "300 similar bridges" -> "bridge"; "three-year renovation" (adjectival) -> "renovation".
    """
    words: list[str] = []
    while len(words) < 3:
        m = _NEXT_WORD.match(text, pos)
        if not m:
            break
        words.append(m.group(1).lower())
        pos = m.end()
    for i, w in enumerate(words):
        if w in _STOP:
            break
        if _is_plural(w):
            return _singular(w)
        if i == 0 and adjectival:
            # "a two-year pay deal": the head is the last of the words before a stop word
            following = words[1] if len(words) > 1 else ""
            return following if following and following not in _STOP and not _is_plural(following) else w
    return ""


def _precision(value: float) -> float:
    """The unit of the last significant digit: 9.8e9 -> 1e8, 12000 -> 1000, 34 -> 1."""
    if value == 0:
        return 1.0
    unit = 10.0 ** math.floor(math.log10(abs(value)))
    while unit > 1e-6 and abs(round(value / unit) * unit - value) > 1e-9 * abs(value):
        unit /= 10
    return unit


def _range(kind: str, low: float, high: float) -> tuple[float, float]:
    # "about" stretches as far as the stated precision suggests: "about 300" is 270-330,
    # but "about 9.8 billion" is not "8.9 billion" (the writer gave a tenth of a billion).
    slack = min(0.1, max(0.03, _precision(high) / abs(high))) if high else 0.1
    if kind == "about":
        return low - slack * abs(low), high + slack * abs(high)
    if kind == "almost":
        return low - min(0.15, 1.5 * slack) * abs(low), high
    if kind == "just over":
        return low, high + 0.15 * abs(high)
    if kind in ("over", "at least"):
        return low, INF
    if kind in ("under", "up to"):
        return min(0.0, low), high
    return low, high


def _time_quantity(text: str, m: re.Match[str]) -> Quantity | None:
    h = int(m.group("h") or m.group("h24"))
    mi = int(m.group("mi") or m.group("mi24") or 0)
    ap = (m.group("ap") or "").lower()
    if ap:
        if not 1 <= h <= 12:
            return None
        h = h % 12 + (12 if ap == "p" else 0)
    if h > 23 or mi > 59:
        return None
    start, end = m.span()
    value = float(h * 60 + mi)
    low = high = value
    approx = ""
    a = _TIME_APPROX_BEFORE.search(text, max(0, start - 20), start)
    if a:
        approx = a.group(1).lower()
        lo, hi = _TIME_APPROX[approx]
        low, high, start = max(0.0, value + lo), min(1439.0, value + hi), a.start()
    return Quantity(text[start:end], start, end, value, low, high, "min", "time_of_day", approx)


def _excluded(text: str, start: int, end: int) -> bool:
    """Numbers that are not quantities: dates, ordinals, scores, phone numbers, labels."""
    prev = text[start - 1] if start else " "
    prev2 = text[start - 2] if start >= 2 else " "
    nxt, nxt2 = text[end : end + 1], text[end + 1 : end + 2]
    if prev.isalnum() or prev in "/:+@#_" or (prev == "." and prev2.isdigit()):
        return True
    if prev in "-–" and prev2.isalnum():
        return True  # "COVID-19", "3-1", "2023-09-19"
    if nxt in "-–/:." and nxt2.isdigit():
        return True
    if re.match(r"(?:st|nd|rd|th)\b", text[end : end + 3], re.I):
        return True
    return bool(_DATE_BEFORE.search(text, max(0, start - 20), start) or _DATE_AFTER.match(text, end))


def _after_label(text: str, start: int) -> bool:
    """A capitalised word right before the number: "Boeing 737", "Flight 370", "No. 10"."""
    label = _LABEL_BEFORE.search(text, max(0, start - 25), start)
    if not label:
        return False
    word = label.group(1).lower()
    if word in ("no", "nos"):
        return label.group().rstrip().endswith(".")
    return word not in _STOP and word not in _APPROX and word not in ("aged", "age")


# More digits than any figure in news (a quadrillion has 16): an identifier, not a value.
_MAX_DIGITS = 18


def _number_quantity(text: str, m: re.Match[str]) -> Quantity | None:
    start, end = m.span()
    if _excluded(text, start, end):
        return None
    malformed, suggestion, is_words = False, None, m.group("words") is not None
    if is_words:
        parsed = _parse_words(m.group())
        if parsed is None:
            return None
        value, length = parsed
        end = start + length
        if m.group()[:length].lower() == "one" and (
            _PRONOUN_ONE_BEFORE.search(text, max(0, start - 8), start) or _PRONOUN_ONE_AFTER.match(text, end)
        ):
            return None  # "one of the", "no one": a pronoun
    else:
        if sum(ch.isdigit() for ch in m.group("num")) > _MAX_DIGITS:
            return None  # a serial number or digits run together, not a figure
        value, malformed, suggestion = _parse_digits(m.group("num"))
        if start and text[start - 1] in "-−" and (start < 2 or text[start - 2] in " (\n"):
            value, start = -value, start - 1  # "-5C"

    currency = ""
    cur = _CURRENCY_PREFIX.search(text, max(0, start - 5), start)
    if cur and not is_words:
        currency, start = _CURRENCY_CODES[cur.group(1)], cur.start()

    scale = 1.0
    s = _SCALE_AFTER.match(text, end)
    if s and not is_words:
        if s.group(1) or s.group(2):
            scale = _SCALES.get((s.group(1) or "").lower()) or _SHORT_SCALES[s.group(2).lower()]
        elif (
            currency
            or _MONEY_AFTER.match(text, s.end())
            or (s.group(3).lower() == "m" and _noun_after(text, s.end(), False))
        ):  # "$4.2m", "5m euros", "3m passengers"; otherwise "m" is metres
            scale = _SHORT_SCALES[s.group(3).lower()]
        if scale != 1.0:
            end = s.end()
    value *= scale
    suggestion = suggestion * scale if suggestion is not None else None

    dimension, unit, factor, adjectival = "count", "", 1.0, False
    if currency:
        dimension, unit = "money", currency
    else:
        for pattern, dim, canon, f in _UNIT_RES:
            u = pattern.match(text, end)
            if not u:
                continue
            dimension, unit, factor = dim, canon, f
            adjectival = u.group().startswith("-") and dim == "duration"
            end = u.end()
            break
    if unit == "F":
        value, unit = (value - 32) * 5 / 9, "C"
        suggestion = None
    value *= factor
    suggestion = suggestion * factor if suggestion is not None else None

    approx = ""
    a = _APPROX_BEFORE.search(text, max(0, start - 20), start)
    if a:
        approx, start = a.group(1).lower(), a.start()
    post = _APPROX_AFTER.match(text, end)
    if post and not approx:
        approx = _APPROX_AFTER_AS[(post.group(1) or post.group(2) or "").lower()]
        end = post.end()
    if end < len(text) and (text[end].isalpha() or (text[end] == "-" and text[end + 1 : end + 2].isalpha())):
        return None  # "5G", "1990s", "two-thirds", "5-star": not a quantity we understand

    noun = ""
    if dimension in ("count", "duration"):
        noun = _noun_after(text, end, adjectival or dimension == "count" and value == 1)
        if not noun and dimension == "count":
            c = _COLLECTIVE_BEFORE.search(text, max(0, start - 60), start)
            noun = c.group(1).lower() if c else ""
    raw = m.group("num") or ""
    if dimension == "count" and noun and "," in raw and "." not in raw and value != int(value):
        # "14,50 runners": no decimal count of runners; read as a dropped zero (14,500).
        head, _, tail = raw.partition(",")
        malformed, suggestion = True, float(head + tail.ljust(3, "0"))
    if dimension == "count" and not noun and "," not in m.group() and _after_label(text, start):
        return None  # a model or flight number; headline case ("Floods Force 12,000 People") is kept
    if dimension == "count" and not approx and 0 < value <= 125 and value == int(value):
        age = _AGE_BEFORE.search(text, max(0, start - 30), start)
        if age and (age.group().lower().startswith("age") or _AGE_AFTER.match(text, end)):
            dimension, unit, noun = "age", "year", ""
    if (
        dimension == "count"
        and not is_words
        and scale == 1
        and "," not in m.group()
        and "." not in m.group()
        and 1800 <= value <= 2100
        and (not noun or _YEAR_CUE.search(text, max(0, start - 12), start))
    ):
        dimension, noun, approx = "year", "", ""
        start = m.start()

    low_v = value if suggestion is None else min(value, suggestion)
    high_v = value if suggestion is None else max(value, suggestion)
    low, high = _range(_APPROX.get(approx, ""), low_v, high_v)
    return Quantity(
        text[start:end], start, end, value, low, high, unit, dimension, approx, noun, malformed, suggestion
    )


def extract_quantities(text: str) -> list[Quantity]:
    """Every figure in ``text``, in order.

    >>> [(q.value, q.unit, q.noun) for q in extract_quantities("Six cars plunged 40 metres.")]
    [(6.0, '', 'car'), (40.0, 'm', '')]
    """
    found: list[Quantity] = []
    for m in _CORE.finditer(text):
        q = _time_quantity(text, m) if m.group("time") else _number_quantity(text, m)
        if q is not None and not (found and q.start < found[-1].end):
            found.append(q)
    return found


def _is_round(q: Quantity) -> bool:
    """Written with three or more trailing zeros ("12,000"): the writer rounded."""
    m = re.search(r"\d[\d,]*(?:\.\d+)?", q.text)
    return bool(m) and "." not in m.group() and m.group().replace(",", "").endswith("000")


def noun_group(noun: str) -> str:
    return _NOUN_GROUPS.get(noun, noun)


_BOUNDS = {"over": "lower", "at least": "lower", "just over": "lower", "under": "upper", "up to": "upper"}


def compatible(a: Quantity, b: Quantity, *, tolerance: float = 0.02) -> bool | None:
    """True when both figures can hold, False when they cannot, None when not comparable.

    >>> four, six = extract_quantities("sending four cars into the water; Six cars plunged")
    >>> compatible(four, six)
    False
    """
    if a.dimension != b.dimension:
        return None
    scale_a = scale_b = 1.0
    if a.dimension == "duration":
        scale_a, scale_b = _DURATION_DAYS[a.unit], _DURATION_DAYS[b.unit]
        if max(scale_a, scale_b) / min(scale_a, scale_b) >= 300:
            return None  # "one day of fighting" vs "three decades": two spans, not one misreported
        days_a, days_b = a.value * scale_a, b.value * scale_b
        if a.unit != b.unit and max(days_a, days_b) >= 4 * max(1e-9, min(days_a, days_b)):
            return None  # "four months of strikes" vs "a two-year deal": not one span told two ways
    elif a.unit != b.unit:
        return None
    if a.dimension in _NOUN_DIMENSIONS and a.noun and b.noun and noun_group(a.noun) != noun_group(b.noun):
        return None

    def widened(q: Quantity, scale: float) -> tuple[float, float]:
        low, high = q.low * scale, q.high * scale
        if q.dimension in ("year", "age", "time_of_day"):
            return low, high  # exact by nature: no rounding slack
        if q.dimension == "temperature":
            return low - 0.5, high + 0.5
        if _APPROX.get(q.approximator) in ("about", "almost") and q.low != q.high:
            return low, high  # the approximator's range already allows for rounding
        t = tolerance + (0.05 if _is_round(q) else 0.0)
        return low - t * abs(low), high + t * abs(high)

    lo_a, hi_a = widened(a, scale_a)
    lo_b, hi_b = widened(b, scale_b)
    bound = _BOUNDS.get(_APPROX.get(a.approximator, ""))
    if bound and bound == _BOUNDS.get(_APPROX.get(b.approximator, "")) and not (a.malformed or b.malformed):
        # Two bounds of one kind state one figure: "gusts of up to 70 km/h" and "up to
        # 40 km/h" disagree although both ranges contain 30 km/h.
        lo_a, hi_a = widened(replace(a, low=a.value, high=a.value), scale_a)
        lo_b, hi_b = widened(replace(b, low=b.value, high=b.value), scale_b)
    return lo_a <= hi_b and lo_b <= hi_a


def _fmt(v: float) -> str:
    """12000 -> "12,000"; 4.2e9 -> "4.2 billion"; 42.6 -> "42.6"."""
    for name, scale in (("trillion", 1e12), ("billion", 1e9), ("million", 1e6)):
        x = v / scale
        if abs(x) >= 1 and abs(round(x, 3) - x) < 1e-9:
            return f"{x:g} {name}"
    if v == int(v):
        return f"{int(v):,}"
    return f"{v:,.3f}".rstrip("0").rstrip(".")


def describe(q: Quantity) -> str:
    """A short human phrase: "more than 100,000 (malformed: '100,00')", "120 km²", "$4.2 billion"."""
    v = q.suggestion if q.malformed and q.suggestion is not None else q.value
    d = q.dimension
    if d == "money":
        sym = _CURRENCY_SYMBOLS.get(q.unit)
        body = f"{sym}{_fmt(v)}" if sym else f"{_fmt(v)} {q.unit}"
    elif d == "area":
        body = f"{_fmt(v)} km²"
    elif d == "length":
        body = (
            f"{_fmt(round(v / 1000, 3))} km"
            if abs(v) >= 1000
            else f"{_fmt(round(v * 100, 2))} cm"
            if abs(v) < 1
            else f"{_fmt(round(v, 3))} m"
        )
    elif d == "mass":
        body = f"{_fmt(round(v / 1000, 3))} tonnes" if abs(v) >= 1000 else f"{_fmt(round(v, 3))} kg"
    elif d == "speed":
        body = f"{_fmt(round(v, 1))} km/h"
    elif d == "temperature":
        body = f"{_fmt(round(v, 1))}°C"
    elif d == "percent":
        body = f"{_fmt(v)}%" if q.unit == "%" else f"{_fmt(v)} percentage points"
    elif d == "duration":
        body = f"{_fmt(v)} {q.unit}{'' if v == 1 else 's'}"
    elif d == "age":
        body = f"aged {_fmt(v)}"
    elif d == "time_of_day":
        body = f"{int(v) // 60:02d}:{int(v) % 60:02d}"
    elif d == "year":
        body = str(int(v))
    else:
        body = _fmt(v)
    if q.approximator:
        body = f"{q.approximator} {body}"
    if q.malformed:
        raw = re.search(r"\d[\d,]*(?:\.\d+)?", q.text)
        body += f" (malformed: '{raw.group() if raw else q.text}')"
    return body
