"""Dates in news text: find them, resolve them against the publication date, compare them.

``extract_dates`` finds explicit dates ("September 19, 2023", "19 Sept", "2023-09-19"),
weekdays ("on Tuesday"), months ("in December"), years ("in 2020") and relative
expressions ("yesterday", "last month"). With a publication date each becomes a range
of days; without one, what the text says (month, day, weekday) is still kept so that
"September 19" and "19 September" compare equal. ``compatible`` says whether two
mentions can name the same time; ``describe`` renders one for explanations.

>>> import datetime as dt
>>> [d.date for d in extract_dates("It happened on Tuesday.", dt.date(2025, 3, 13))]
[datetime.date(2025, 3, 11)]
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from checker.lexicon import NUMBER_WORDS


@dataclass(frozen=True)
class DateMention:
    """One mention of a time; ``earliest``/``latest`` bound it when it can be resolved."""

    text: str
    start: int
    end: int
    kind: str  # "date", "weekday", "month", "year", "relative"
    date: dt.date | None = None  # the day, when one day is meant and known
    earliest: dt.date | None = None
    latest: dt.date | None = None
    weekday: int | None = None  # 0 = Monday, when the text names a weekday
    month: int | None = None  # as written, kept for comparing dates whose year is unknown
    day: int | None = None


_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
_NUMBER_WORDS = {"a": 1, "an": 1, **{w: n for w, n in NUMBER_WORDS.items() if 1 <= n <= 10}}

# Month and weekday names are capitalised in news text; that keeps "may seek" and
# "teachers march" out. Abbreviations only ever come with a day number.
_MON = (
    r"(?P<mon>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t|tember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\b\.?"
)
_MON_FULL = rf"(?P<mon>{'|'.join(calendar.month_name[1:])})\b"
_WD = r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_YEAR = r"(?P<y>\d{4})\b"
_PARTS_OF_DAY = r"(?:\s+(?:morning|afternoon|evening|night))?"

_ISO = re.compile(r"(?<![\d-])(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?![\d-])")
_SLASH = re.compile(r"(?<![\d/])(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4})(?![\d/])")
_MONTH_DAY = re.compile(
    rf"(?:\b{_WD},?\s+)?\b{_MON}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?!:\d|,\d|\.\d)(?:,?\s+{_YEAR})?"
)
_DAY_MONTH = re.compile(
    rf"(?:\b{_WD},?\s+(?:the\s+)?)?(?<![\d,.:$€£])\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MON}"
    rf"(?:,?\s+{_YEAR})?"
)
_MONTH_YEAR = re.compile(rf"\b{_MON}\s+(?:of\s+)?{_YEAR}")
_RELATIVE = re.compile(
    r"\b(?:(?P<simple>yesterday|today|tomorrow|tonight|last\s+night|this\s+(?:morning|afternoon|evening))"
    r"|(?P<earlier>earlier\s+)?(?P<which>this|last|next|past)\s+(?P<unit>week|month|year)"
    r"|(?P<n>\d{1,2}|an?|one|two|three|four|five|six|seven|eight|nine|ten)\s+"
    r"(?P<ago>days?|weeks?|months?|years?)\s+ago)\b",
    re.I,
)
_MONTH_ALONE = re.compile(
    rf"(?:\b(?P<mod>last|next|this|in|since|during|until|till|by|early|late|mid|from|through|before|after)"
    rf"[\s-]+(?:(?:early|late|mid)[\s-]+)?)?\b{_MON_FULL}",
    re.I,
)
_WEEKDAY = re.compile(rf"(?:\b(?P<mod>last|next|this)\s+)?\b{_WD}(?!s){_PARTS_OF_DAY}\b")
_YEAR_ALONE = re.compile(
    r"(?:\b(?P<cue>in|since|during|by|until|before|after|from|of|early|late|mid|the|year)[\s-]+)?"
    r"(?<![\d,.$€£/-])\b(?P<y>(?:1[89]|20)\d{2})\b(?![-/]\d|,\d|\.\d|\s*%)"
)
# A weekday after these words (same sentence) lies ahead of publication: "will vote on Tuesday".
_FUTURE_CUE = re.compile(
    r"\b(?:will|next|due|scheduled|expected|plans?|planned|set to|upcoming)\b[^.;!?]*$"
    r"|\b(?:until|till|through|starting|from)\s+(?:on\s+)?$",
    re.I,
)  # "a warning until Wednesday"
_COUNTED = re.compile(r"\s+(?:people|police|(?!(?:was|has|its|this|plus|thus|saw|sales)\b)[a-z]+[^su\W]s)\b")


def _month_range(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def _valid(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _infer_day(month: int, day: int, published: dt.date, future: bool = False) -> dt.date | None:
    """The occurrence nearest the publication date, preferring [pub - 300 d, pub + 60 d].

    ``future``: the sentence looks ahead ("will close 38 stores by May 31"), so the
    window is turned round to [pub - 60 d, pub + 300 d].
    """
    candidates = [
        d
        for y in (published.year - 1, published.year, published.year + 1)
        if (d := _valid(y, month, day)) is not None
    ]
    before, after = (60, 300) if future else (300, 60)
    in_window = [d for d in candidates if -before <= (d - published).days <= after]
    pool = in_window or [d for d in candidates if d <= published] or candidates
    return min(pool, key=lambda d: abs((d - published).days)) if pool else None


def _infer_month_year(month: int, published: dt.date, mod: str) -> int:
    if mod == "last":
        return published.year if month < published.month else published.year - 1
    if mod == "next":
        return published.year if month > published.month else published.year + 1
    if mod == "this" or month == published.month:
        return published.year
    following = published.year if month > published.month else published.year + 1
    if (dt.date(following, month, 1) - published).days <= 60:
        return following  # news mentions what is coming soon: "goes on sale in October"
    return published.year if month < published.month else published.year - 1


def _week(day: dt.date) -> tuple[dt.date, dt.date]:
    monday = day - dt.timedelta(days=day.weekday())
    return monday, monday + dt.timedelta(days=6)


def _relative(m: re.Match[str], pub: dt.date) -> tuple[dt.date, dt.date]:
    one = dt.timedelta(days=1)
    if m.group("simple"):
        word = " ".join(m.group("simple").lower().split())
        if word == "yesterday":
            return pub - one, pub - one
        if word == "tomorrow":
            return pub + one, pub + one
        if word == "last night":
            return pub - one, pub
        return pub, pub
    if m.group("ago"):
        n = int(m.group("n")) if m.group("n").isdigit() else _NUMBER_WORDS[m.group("n").lower()]
        unit = m.group("ago").lower().rstrip("s")
        days, slack = {"day": (1, 0), "week": (7, 3), "month": (30.44, 15), "year": (365.25, 182)}[unit]
        centre = pub - dt.timedelta(days=round(n * days))
        return centre - dt.timedelta(days=slack), centre + dt.timedelta(days=slack)
    which, unit = m.group("which").lower(), m.group("unit").lower()
    if which == "past":
        return pub - dt.timedelta(days={"week": 7, "month": 31, "year": 366}[unit]), pub
    shift = {"this": 0, "last": -1, "next": 1}[which]
    if unit == "week":
        first, last = _week(pub + dt.timedelta(weeks=shift))
    elif unit == "month":
        index = pub.year * 12 + pub.month - 1 + shift
        first, last = _month_range(index // 12, index % 12 + 1)
    else:
        first, last = dt.date(pub.year + shift, 1, 1), dt.date(pub.year + shift, 12, 31)
    if m.group("earlier"):
        last = pub  # "earlier this month": up to publication
    return first, last


def _resolve_weekday(wd: int, mod: str, pub: dt.date, before: str) -> dt.date:
    back = (pub.weekday() - wd) % 7
    ahead = (wd - pub.weekday()) % 7
    if mod == "last":
        return pub - dt.timedelta(days=back or 7)
    if mod == "next":
        return pub + dt.timedelta(days=ahead or 7)
    if mod == "this":
        return _week(pub)[0] + dt.timedelta(days=wd)
    if _FUTURE_CUE.search(before):
        return pub + dt.timedelta(days=ahead)  # "will vote on Tuesday"
    return pub - dt.timedelta(days=back)


def _day_mention(text: str, m: re.Match[str], published: dt.date | None) -> DateMention | None:
    month, day = _MONTHS[m.group("mon").lower().rstrip(".")], int(m.group("d"))
    if _valid(2000, month, day) is None:
        return None
    wd = _WEEKDAYS[m.group("wd").lower()] if m.group("wd") else None
    if m.group("y"):
        date = _valid(int(m.group("y")), month, day)
    else:
        future = bool(_FUTURE_CUE.search(text[max(0, m.start() - 60) : m.start()]))
        date = _infer_day(month, day, published, future) if published else None
    return DateMention(m.group(), m.start(), m.end(), "date", date, date, date, wd, month, day)


def extract_dates(text: str, published: dt.date | None = None) -> list[DateMention]:
    """Every date mention in ``text``, in order; ``published`` resolves the vague ones.

    >>> [d.month for d in extract_dates("They may seek a vote on 19 September.")]
    [9]
    """
    found: list[DateMention] = []

    def free(start: int, end: int) -> bool:
        return all(end <= d.start or start >= d.end for d in found)

    def add(mention: DateMention | None) -> None:
        if mention is not None and free(mention.start, mention.end):
            found.append(mention)

    for m in _ISO.finditer(text):
        date = _valid(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        if date:
            add(
                DateMention(
                    m.group(), m.start(), m.end(), "date", date, date, date, None, date.month, date.day
                )
            )
    for m in _SLASH.finditer(text):
        a, b = int(m.group("a")), int(m.group("b"))
        if a <= 12 and b <= 12 and a != b:
            continue  # 03/04/2025: day/month or month/day, no way to tell
        day, month = (a, b) if a > 12 or a == b else (b, a)
        date = _valid(int(m.group("y")), month, day)
        if date:
            add(DateMention(m.group(), m.start(), m.end(), "date", date, date, date, None, month, day))
    for pattern in (_MONTH_DAY, _DAY_MONTH):
        for m in pattern.finditer(text):
            add(_day_mention(text, m, published))
    for m in _MONTH_YEAR.finditer(text):
        month, year = _MONTHS[m.group("mon").lower().rstrip(".")], int(m.group("y"))
        first, last = _month_range(year, month)
        add(DateMention(m.group(), m.start(), m.end(), "month", None, first, last, None, month))
    for m in _RELATIVE.finditer(text):
        first = last = None
        if published:
            first, last = _relative(m, published)
        add(
            DateMention(
                m.group(), m.start(), m.end(), "relative", first if first == last else None, first, last
            )
        )
    for m in _MONTH_ALONE.finditer(text):
        name = m.group("mon")
        mod = (m.group("mod") or "").lower()
        if not name[0].isupper() or (name in ("May", "March") and not mod):
            continue  # the verbs "may" and "march"
        month = _MONTHS[name.lower()]
        relative = mod in ("last", "next", "this")
        start = m.start() if relative else m.start("mon")
        first = last = None
        if published:
            first, last = _month_range(_infer_month_year(month, published, mod), month)
        add(
            DateMention(
                text[start : m.end()],
                start,
                m.end(),
                "relative" if relative else "month",
                None,
                first,
                last,
                None,
                month,
            )
        )
    for m in _WEEKDAY.finditer(text):
        wd = _WEEKDAYS[m.group("wd").lower()]
        date = None
        if published:
            date = _resolve_weekday(
                wd, (m.group("mod") or "").lower(), published, text[max(0, m.start() - 60) : m.start()]
            )
        add(DateMention(m.group(), m.start(), m.end(), "weekday", date, date, date, wd))
    for m in _YEAR_ALONE.finditer(text):
        if not m.group("cue") and (
            _COUNTED.match(text, m.end())
            or text[m.end() : m.end() + 1] == ","
            and text[m.end() + 1 : m.end() + 3].strip().isdigit()
        ):
            continue  # "2000 people": a count, not a year
        year = int(m.group("y"))
        add(
            DateMention(
                m.group("y"), m.start("y"), m.end(), "year", None, dt.date(year, 1, 1), dt.date(year, 12, 31)
            )
        )
    return sorted(found, key=lambda d: d.start)


def _known_month_day(d: DateMention) -> tuple[int | None, int | None]:
    """Month and day as far as the mention fixes them, with or without a year."""
    if d.month is not None:
        return d.month, d.day
    if d.earliest and d.latest and (d.earliest.year, d.earliest.month) == (d.latest.year, d.latest.month):
        return d.earliest.month, d.earliest.day if d.earliest == d.latest else None
    return None, None


def _year_alone_against_day(a: DateMention, b: DateMention) -> bool:
    return a.kind == "year" and b.kind != "year" and not re.search(r"\b\d{4}\b", b.text)


def compatible(a: DateMention, b: DateMention) -> bool | None:
    """True when both can name the same time, False when they cannot, None when unknown.

    >>> compatible(*extract_dates("September 19 or 19 September"))
    True
    """
    if _year_alone_against_day(a, b) or _year_alone_against_day(b, a):
        return None  # "painted in 1931" vs "last night": a year is compared with written years only
    if a.earliest and a.latest and b.earliest and b.latest:
        return a.earliest <= b.latest and b.earliest <= a.latest
    (ma, da), (mb, db) = _known_month_day(a), _known_month_day(b)
    if da is not None and db is not None:
        return (ma, da) == (mb, db)
    wa = a.weekday if a.weekday is not None else (a.date.weekday() if a.date else None)
    wb = b.weekday if b.weekday is not None else (b.date.weekday() if b.date else None)
    if wa is not None and wb is not None:
        return wa == wb
    if ma is not None and mb is not None:
        return ma == mb
    return None


# Any mid-year day: two relative mentions of one article share its unknown publication
# date, so resolving both against one nominal day compares them ("last month" against
# "last year" disagree unless the article appeared in January, the rare case).
_NOMINAL_PUBLICATION = dt.date(2001, 7, 16)


def compatible_in_one_article(a: DateMention, b: DateMention) -> bool | None:
    """Like ``compatible``, for two mentions of one article whose date is unknown.

    >>> month, year = extract_dates("last month and last year")
    >>> compatible(month, year), compatible_in_one_article(month, year)
    (None, False)
    """
    verdict = compatible(a, b)
    if verdict is not None or a.kind != "relative" or b.kind != "relative" or a.earliest or b.earliest:
        return verdict
    ra, rb = nominal(a), nominal(b)
    return None if ra is None or rb is None else compatible(ra, rb)


def nominal(d: DateMention) -> DateMention | None:
    """A relative mention of an undated article resolved against the nominal day."""
    if d.kind != "relative" or d.earliest:
        return d
    resolved = extract_dates(d.text, _NOMINAL_PUBLICATION)
    return resolved[0] if len(resolved) == 1 else None


def _day_text(d: dt.date) -> str:
    return f"{d.day} {calendar.month_name[d.month]} {d.year}"


def describe(d: DateMention) -> str:
    """A short phrase: "Tuesday (11 March 2025)", "19 September 2023", "last month (October 2024)"."""
    weekday = calendar.day_name[d.weekday] if d.weekday is not None else ""
    if d.kind in ("date", "weekday"):
        if d.date:
            return f"{weekday} ({_day_text(d.date)})" if weekday else _day_text(d.date)
        if d.month and d.day:
            plain = f"{d.day} {calendar.month_name[d.month]}"
            return f"{weekday} ({plain})" if weekday else plain
        return weekday or d.text
    if d.earliest is None or d.latest is None:
        return calendar.month_name[d.month] if d.kind == "month" and d.month else d.text
    first, last = d.earliest, d.latest
    if first == last:
        span = _day_text(first)
    elif (first.month, first.day, last.month, last.day) == (1, 1, 12, 31) and first.year == last.year:
        span = str(first.year)
    elif (
        first.day == 1
        and (first.year, first.month) == (last.year, last.month)
        and last == _month_range(last.year, last.month)[1]
    ):
        span = f"{calendar.month_name[first.month]} {first.year}"
    else:
        span = f"{_day_text(first)} – {_day_text(last)}"
    if d.kind in ("year", "month"):
        return span
    return f"{d.text} ({span})"
