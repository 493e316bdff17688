"""Date extraction, resolution against the publication date, and comparison."""

from __future__ import annotations

import datetime as dt

import pytest

from checker.dates import DateMention, compatible, describe, extract_dates

THU = dt.date(2025, 3, 13)  # a Thursday


def one(text: str, published: dt.date | None = None) -> DateMention:
    found = extract_dates(text, published)
    assert len(found) == 1, (text, found)
    return found[0]


def test_day_month_orders_agree() -> None:
    a, b = one("on September 19"), one("on 19 September")
    assert (a.month, a.day) == (b.month, b.day) == (9, 19)
    assert compatible(a, b) is True
    assert a.date is None  # no year, no publication date


def test_abbreviated_month() -> None:
    d = one("Sept. 19")
    assert (d.month, d.day, d.kind) == (9, 19, "date")
    assert one("Sep 19").month == 9


def test_weekday_resolves_against_publication() -> None:
    tuesday = one("The bridge fell on Tuesday.", THU)
    assert tuesday.date == dt.date(2025, 3, 11) and tuesday.weekday == 1
    march = one("The bridge fell on March 11.", dt.date(2025, 3, 15))
    assert march.date == dt.date(2025, 3, 11)
    assert compatible(tuesday, march) is True
    assert describe(tuesday) == "Tuesday (11 March 2025)"


def test_last_month() -> None:
    d = one("Prices rose last month.", dt.date(2024, 11, 10))
    assert (d.earliest, d.latest) == (dt.date(2024, 10, 1), dt.date(2024, 10, 31))
    assert describe(d) == "last month (October 2024)"


def test_modal_may_and_verb_march_are_not_dates() -> None:
    assert extract_dates("Ministers may seek a new vote.", THU) == []
    found = extract_dates("Teachers march on March 11.", THU)
    assert [d.text for d in found] == ["March 11"]


def test_weekdays_disagree() -> None:
    assert compatible(one("on Monday"), one("on Tuesday")) is False
    assert compatible(one("on Monday", THU), one("on Tuesday", THU)) is False
    assert compatible(one("on Monday"), one("on September 19")) is None


def test_full_dates() -> None:
    a, b = one("September 19, 2023"), one("September 20, 2023")
    assert a.date == dt.date(2023, 9, 19)
    assert compatible(a, b) is False
    assert describe(a) == "19 September 2023"
    assert one("19 September 2023").date == a.date
    assert one("2023-09-19").date == a.date
    assert one("19/09/2023").date == a.date
    assert extract_dates("03/04/2025") == []  # day/month or month/day: unknown


def test_year_inferred_near_publication() -> None:
    # A date a little after publication is an upcoming one.
    assert one("goes on sale on September 19", dt.date(2025, 9, 9)).date == dt.date(2025, 9, 19)
    assert one("opened on 20 December", dt.date(2025, 3, 13)).date == dt.date(2024, 12, 20)


def test_months_years_and_relative() -> None:
    dec = one("in December", THU)
    assert (dec.kind, dec.earliest, dec.latest) == ("month", dt.date(2024, 12, 1), dt.date(2024, 12, 31))
    year = one("built in 2020")
    assert (year.kind, year.earliest, year.latest) == ("year", dt.date(2020, 1, 1), dt.date(2020, 12, 31))
    assert one("yesterday", THU).date == dt.date(2025, 3, 12)
    last_year = one("last year", THU)
    assert (last_year.earliest, last_year.latest) == (dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    week = one("this week", THU)
    assert (week.earliest, week.latest) == (dt.date(2025, 3, 10), dt.date(2025, 3, 16))
    assert compatible(one("yesterday", THU), one("on Wednesday", THU)) is True
    assert compatible(one("in 2023"), one("September 19, 2023")) is True
    assert compatible(one("in 2020"), one("September 19, 2023")) is False


def test_unresolved_relative_is_not_comparable() -> None:
    assert compatible(one("yesterday"), one("today")) is None
    assert one("Monday afternoon").weekday == 0


@pytest.mark.parametrize("text", ["at 07:40", "at 19:40", "2,000 people", "the 1990s", "mayday"])
def test_not_dates(text: str) -> None:
    assert extract_dates(text, THU) == []


def test_a_forward_looking_date_resolves_ahead() -> None:
    published = dt.date(2026, 3, 5)
    (ahead,) = extract_dates("The chain will shut 38 stores by May 31.", published)
    assert ahead.date == dt.date(2026, 5, 31)
    (past,) = extract_dates("The deal was signed on 3 December.", published)
    assert past.date == dt.date(2025, 12, 3)


def test_a_year_alone_is_compared_with_written_years_only() -> None:
    published = dt.date(2025, 11, 14)
    (painted,) = extract_dates("painted in 1931", published)
    (night,) = extract_dates("fetched a record last night", published)
    assert compatible(painted, night) is None
    (other,) = extract_dates("first cup title since 1998", published)
    (again,) = extract_dates("last lifted the cup in 1989", published)
    assert compatible(other, again) is False
