#!/usr/bin/env python3
"""Validate a file of labelled multi-source stories.

Usage: python3 validate_stories.py FILE.json [FILE.json ...]
Exits 1 and lists every problem found; prints a one-line summary per file.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys

CONTRADICTION_KINDS = {
    "count",
    "money",
    "percentage",
    "measurement",
    "date",
    "weekday",
    "relative_date",
    "time",
    "place",
    "who",
    "outcome",
    "polarity",
    "antonym",
    "quantifier",
    "ordinal",
    "sequence",
    "status",
    "cause",
    "age",
    "title",
    "object_type",
    "malformed_number",
}
LOOKALIKE_KINDS = {
    "unit_conversion",
    "number_words",
    "approximation",
    "rounding",
    "same_day",
    "alias",
    "spelling",
    "different_fact",
    "attributed",
    "update",
    "paraphrase",
}
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
UNITS = {  # to a base unit
    "km": ("m", 1000),
    "m": ("m", 1),
    "cm": ("m", 0.01),
    "mi": ("m", 1609.344),
    "ft": ("m", 0.3048),
    "kg": ("g", 1000),
    "g": ("g", 1),
    "t": ("g", 1e6),
    "lb": ("g", 453.59237),
    "l": ("l", 1),
    "gal": ("l", 3.785411784),
    "ha": ("m2", 10000),
    "acre": ("m2", 4046.8564224),
    "km2": ("m2", 1e6),
    "sqmi": ("m2", 2589988.110336),
    "kmh": ("kmh", 1),
    "mph": ("kmh", 1.609344),
    "c": ("c", None),
    "f": ("c", None),
    "nmi": ("m", 1852),
    "in": ("m", 0.0254),
}


def body_text(src: dict) -> str:
    return src.get("text", "")


def check_conversion(a: float, ua: str, b: float, ub: str, tol: float) -> bool:
    ua, ub = ua.lower(), ub.lower()
    if {ua, ub} <= {"c", "f"}:
        ca = a if ua == "c" else (a - 32) * 5 / 9
        cb = b if ub == "c" else (b - 32) * 5 / 9
        return abs(ca - cb) <= tol * max(1.0, abs(ca))
    if ua not in UNITS or ub not in UNITS or UNITS[ua][0] != UNITS[ub][0]:
        raise ValueError(f"unknown or incompatible units {ua!r}/{ub!r}")
    va, vb = a * UNITS[ua][1], b * UNITS[ub][1]
    return abs(va - vb) <= tol * max(abs(va), abs(vb))


def validate_story(st: dict, problems: list[str]) -> None:
    sid = st.get("id", "?")
    p = lambda msg: problems.append(f"{sid}: {msg}")  # noqa: E731
    for key in ("id", "sources", "contradict", "consistent", "checks"):
        if key not in st:
            p(f"missing key {key!r}")
            return
    srcs = st["sources"]
    if not 2 <= len(srcs) <= 4:
        p(f"{len(srcs)} sources (need 2-4)")
    names = [s.get("name", "") for s in srcs]
    if len(set(names)) != len(names):
        p("duplicate source names")
    for s in srcs:
        n = s.get("name", "")
        if not re.fullmatch(r"[a-z0-9][a-z0-9_-]*\.(txt|md|html)", n):
            p(f"bad source name {n!r}")
        if "text" not in s or not isinstance(s["text"], str):
            p(f"source {n} has no text")
            continue
        t = s["text"]
        if n.endswith(".html"):
            if "<html" not in t.lower() or "<article" not in t.lower():
                p(f"{n}: HTML source needs <html> and an <article> element")
            if "published" in s:
                p(f"{n}: HTML sources carry their date in a meta tag, not a 'published' key")
            if "article:published_time" not in t:
                p(f'{n}: HTML source needs <meta property="article:published_time" content="YYYY-MM-DD">')
        elif n.endswith(".md") and t.startswith("---"):
            if "published" in s:
                p(f"{n}: Markdown with its own front matter must not also have a 'published' key")
            if not re.match(r"---\n(.*\n)*?published: \d{4}-\d{2}-\d{2}\n(.*\n)*?---\n", t):
                p(f"{n}: front matter needs a 'published: YYYY-MM-DD' line")
        else:
            pub = s.get("published")
            if not pub or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", pub):
                p(f"{n}: needs 'published': 'YYYY-MM-DD'")
        plain = re.sub(r"<[^>]+>", " ", t) if n.endswith(".html") else t
        sentences = len(re.findall(r"[.!?][\"'\u201d]?(\s|$)", plain))
        if sentences < 10 and not n.endswith(".html"):
            p(f"{n}: only about {sentences} sentences (need 10-30)")
        if sentences > 45:
            p(f"{n}: about {sentences} sentences (need 10-30)")
    pairs = [("contradict", x) for x in st["contradict"]] + [("consistent", x) for x in st["consistent"]]
    if not 2 <= len(st["contradict"]) <= 4:
        p(f"{len(st['contradict'])} contradictions (need 2-4)")
    if not 3 <= len(st["consistent"]) <= 5:
        p(f"{len(st['consistent'])} look-alikes (need 3-5)")
    used: list[tuple[str, str]] = []
    for group, item in pairs:
        if not (isinstance(item, list) and len(item) == 3 and all(isinstance(x, str) for x in item)):
            p(f"{group} entry must be [quote_a, quote_b, kind]: {item!r}")
            continue
        qa, qb, kind = item
        kinds = CONTRADICTION_KINDS if group == "contradict" else LOOKALIKE_KINDS
        if kind not in kinds:
            p(f"{group} kind {kind!r} not in {sorted(kinds)}")
        for q in (qa, qb):
            if len(q) < 8 or len(q) > 120:
                p(f"quote {q!r}: 8-120 characters please")
            if "\n" in q:
                p(f"quote {q!r} spans a line break")
            where = [s["name"] for s in srcs if q in s.get("text", "")]
            if not where:
                p(f"quote not found verbatim in any source: {q!r}")
            for s in srcs:
                c = s.get("text", "").count(q)
                if c > 1:
                    p(f"quote occurs {c} times in {s['name']}: {q!r}")
        sa = {s["name"] for s in srcs if qa in s.get("text", "")}
        sb = {s["name"] for s in srcs if qb in s.get("text", "")}
        if qa in qb or qb in qa:
            p(f"one quote contains the other: {qa!r} / {qb!r}")
        if sa and sb and sa == sb and len(sa) > 1:
            p(f"both quotes appear in the same several sources {sorted(sa)}: ambiguous pair")
        for q in (qa, qb):
            for _group, other in pairs:
                if other is not item and isinstance(other, list) and len(other) == 3 and q in other[:2]:
                    p(f"quote used in two planted pairs: {q!r}")
        used.append((qa, qb))
    for chk in st["checks"]:
        try:
            kind = chk[0]
            if kind == "weekday":
                _, date, day = chk
                real = WEEKDAYS[dt.date.fromisoformat(date).weekday()]
                if real != day.lower():
                    p(f"check weekday: {date} is a {real}, not {day}")
            elif kind == "convert":
                _, a, ua, b, ub, tol = chk
                if not check_conversion(float(a), ua, float(b), ub, float(tol)):
                    p(f"check convert: {a} {ua} is not {b} {ub} within {tol}")
            elif kind == "sum":
                _, parts, total = chk
                if abs(sum(parts) - total) > 1e-9:
                    p(f"check sum: {parts} add up to {sum(parts)}, not {total}")
            elif kind == "days_between":
                _, d1, d2, n = chk
                real = (dt.date.fromisoformat(d2) - dt.date.fromisoformat(d1)).days
                if real != n:
                    p(f"check days_between: {d1}..{d2} is {real} days, not {n}")
            else:
                p(f"unknown check {chk!r}")
        except Exception as exc:  # noqa: BLE001
            p(f"check {chk!r} failed: {exc}")
    # Any explicit 'Weekday, D Month YYYY' or 'Weekday, Month D, YYYY' must be a real weekday.
    for s in srcs:
        t = s.get("text", "")
        for m in re.finditer(
            r"\b(" + "|".join(WEEKDAYS) + r"),? (\d{1,2}) (" + "|".join(MONTHS) + r"),? (\d{4})", t, re.I
        ):
            d = dt.date(int(m[4]), MONTHS.index(m[3].lower()) + 1, int(m[2]))
            if WEEKDAYS[d.weekday()] != m[1].lower():
                p(f"{s['name']}: '{m[0]}' but {d} is a {WEEKDAYS[d.weekday()]}")
        for m in re.finditer(
            r"\b(" + "|".join(WEEKDAYS) + r"),? (" + "|".join(MONTHS) + r") (\d{1,2}),? (\d{4})", t, re.I
        ):
            d = dt.date(int(m[4]), MONTHS.index(m[2].lower()) + 1, int(m[3]))
            if WEEKDAYS[d.weekday()] != m[1].lower():
                p(f"{s['name']}: '{m[0]}' but {d} is a {WEEKDAYS[d.weekday()]}")


def main(paths: list[str]) -> int:
    bad = 0
    ids: set[str] = set()
    for path in paths:
        problems: list[str] = []
        try:
            stories = json.load(open(path, encoding="utf-8"))
        except Exception as exc:  # noqa: BLE001
            print(f"{path}: not valid JSON: {exc}")
            bad += 1
            continue
        if not isinstance(stories, list):
            print(f"{path}: top level must be a list of stories")
            bad += 1
            continue
        for st in stories:
            if st.get("id") in ids:
                problems.append(f"{st.get('id')}: duplicate id")
            ids.add(st.get("id"))
            validate_story(st, problems)
        for line in problems:
            print(f"{path}: {line}")
        print(f"{path}: {len(stories)} stories, {len(problems)} problems")
        bad += bool(problems)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
