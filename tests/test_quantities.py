"""Quantity extraction, normalisation and comparison."""

from __future__ import annotations

import math

import pytest

from checker.quantities import Quantity, compatible, describe, extract_quantities


def one(text: str) -> Quantity:
    found = extract_quantities(text)
    assert len(found) == 1, (text, found)
    return found[0]


def check(a: str, b: str) -> bool | None:
    return compatible(one(a), one(b))


# --- pairs from real disagreements --------------------------------------------------------
@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("some 100,000 people", "more than 100,00 people", True),
        ("sending four cars into the water", "Six cars plunged", False),
        ("rescued nine people", "pulled nine people", True),
        ("reached 44 degrees Celsius", "recorded 41 degrees Celsius", False),
        ("previous record of 42.6C", "record of 42.6C", True),
        ("opened 120 cooling centres", "About 120 cooling centres", True),
        ("Karl Dunn, 58, said", "Karl Dunn, 61, said", False),
        ("carried 24 million passengers", "two dozen million passengers", True),
        ("burned 12,000 hectares", "some 120 square kilometres", True),
        ("40% contained", "contained 14% of the blaze", False),
        ("About 3,500 people", "Roughly 3,500 residents", True),
        ("$799", "$899", False),
        ("6.1-inch screen", "6.1 inches", True),
        ("80 km/h", "120 km/h", False),
        ("7:40 a.m.", "shortly after 07:40", True),
        ("Fourteen passengers were injured", "14 people were hurt", True),
        ("three-year renovation", "renovation that lasted five years", False),
        ("500,000 visitors", "half a million visitors", True),
        ("45 million euros", "45 million euros", True),
        ("Police estimated the crowd at 15,000", "about 5,000 people joined", False),
        ("$4.2bn", "$4.2 billion", True),
        ("8 per cent", "8%", True),
        ("about 12,000", "12,400", True),
        ("three years", "36 months", True),
        ("100F", "37.8C", True),
    ],
)
def test_pairs(a: str, b: str, expected: bool) -> None:
    assert check(a, b) is expected


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("checks on 300 similar bridges", "inspections of 300 similar structures"),
        ("launched in 30 countries", "launched in 30 markets"),
    ],
)
def test_different_things_never_conflict(a: str, b: str) -> None:
    assert check(a, b) is not False


def test_not_comparable() -> None:
    assert check("3 percentage points", "3%") is None  # points are not percent
    assert check("in 2020", "2020 people") is None  # a year is never a count
    assert check("12 km", "12 kg") is None


# --- parsing ------------------------------------------------------------------------------
def test_malformed_number() -> None:
    q = one("more than 100,00 people")
    assert q.malformed and q.suggestion == 100000
    assert (q.value, q.low, q.high) == (10000, 10000, math.inf)
    assert q.approximator == "more than" and q.noun == "people"
    assert q.text == "more than 100,00"
    assert describe(q) == "more than 100,000 (malformed: '100,00')"
    assert one("there were 1,0000").malformed
    assert one("More than 12,00 people").suggestion == 12000


def test_well_formed_groupings() -> None:
    assert not one("12,000 people").malformed
    assert one("1,00,000 people").value == 100000  # Indian grouping
    assert one("4,5 metres").value == 4.5  # decimal comma
    assert one("1,000.5 tonnes").value == 1_000_500


def test_spans_cover_approximator_and_unit() -> None:
    text = "The fire burned about 12,000 hectares."
    q = one(text)
    assert text[q.start : q.end] == q.text == "about 12,000 hectares"
    assert (q.value, q.unit, q.dimension) == (120.0, "km2", "area")


def test_money_and_percent() -> None:
    pct, money = extract_quantities("raised defence spending by 8% to 31 billion euros")
    assert (pct.value, pct.unit, pct.dimension) == (8, "%", "percent")
    assert (money.value, money.unit, money.dimension) == (31e9, "EUR", "money")
    assert one("$4.2bn").value == one("$4.2 billion").value == 4.2e9
    assert one("£3m deal").unit == "GBP"
    assert describe(one("$4.2bn")) == "$4.2 billion"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Fourteen", 14),
        ("forty-two people", 42),
        ("two dozen eggs", 24),
        ("half a million", 5e5),
        ("three hundred homes", 300),
        ("1.5 million", 1.5e6),
        ("24 million", 24e6),
        ("two dozen million", 24e6),
        ("a million", 1e6),
        ("a dozen cars", 12),
        ("three hundred and fifty homes", 350),
        ("two and a half million", 2.5e6),
    ],
)
def test_number_words(text: str, value: float) -> None:
    assert one(text).value == value


def test_nouns() -> None:
    assert one("sending four cars into the water").noun == "car"
    assert one("14 people were hurt").noun == "people"
    assert one("Fourteen passengers").noun == "passenger"
    assert one("checks on 300 similar bridges").noun == "bridge"
    assert one("opened 120 cooling centres").noun == "centre"
    assert one("three-year renovation").noun == "renovation"
    assert one("$799").noun == ""
    assert one("Police estimated the crowd at 15,000").noun == "crowd"


def test_ranges() -> None:
    troops = one("up to 3,000 troops")
    assert (troops.low, troops.high, troops.noun) == (0, 3000, "troop")
    assert one("at least 40 people").high == math.inf
    almost = one("almost 200 homes")
    assert almost.low == pytest.approx(170) and almost.high == 200
    assert one("100-plus people").high == math.inf


def test_units_and_kinds() -> None:
    assert one("80 km/h").unit == "km/h"
    assert one("50 mph").value == pytest.approx(80.47, abs=0.01)
    assert one("reached 44 degrees Celsius").dimension == "temperature"
    assert one("a 58-year-old man").dimension == "age"
    assert one("Karl Dunn, 58, said").dimension == "age"
    assert one("aged 58").dimension == "age"
    assert one("in 2020").dimension == "year"
    assert one("a 24-hour strike").unit == "hour"
    time = one("at 19:40")
    assert (time.dimension, time.value) == ("time_of_day", 19 * 60 + 40)
    assert one("7:40 a.m.").value == one("07:40").value == 460


@pytest.mark.parametrize(
    "text",
    [
        "September 19",
        "19 September",
        "on March 11",
        "Sept. 19, 2023",
        "the 19th",
        "won 3-1",
        "COVID-19",
        "2023-09-19",
        "a Boeing 737",
        "the 1990s",
        "a 5G network",
        "one of the best",
        "call 555-1234",
        "No. 10 Downing Street",
        "the first time",
    ],
)
def test_not_quantities(text: str) -> None:
    assert extract_quantities(text) == []


def first(text: str) -> Quantity:
    return extract_quantities(text)[0]


def test_bounds_of_one_kind_compare_their_figures() -> None:
    assert compatible(first("gusts of up to 70 km/h"), first("up to 40 km/h")) is False
    assert compatible(first("more than 100,000 people"), first("more than 120,000 people")) is False
    assert compatible(first("in under 24 hours"), first("in less than 24 hours")) is True


def test_about_stretches_with_the_stated_precision() -> None:
    assert compatible(first("about 9.8 billion euros"), first("roughly €8.9bn")) is False
    assert compatible(first("about 12,000 people"), first("12,500 people")) is True
    assert compatible(first("about 300 people"), first("250 people")) is False


def test_day_ranges_are_dates_not_counts() -> None:
    assert extract_quantities("clinics held on 21 and 22 February") == []


def test_nautical_miles_and_adjectival_heads() -> None:
    (miles,) = extract_quantities("about 12 nautical miles offshore")
    assert miles.unit == "m" and round(miles.value) == 22224
    (deal,) = extract_quantities("a two-year pay deal for teachers")
    assert deal.noun == "deal"


def test_durations_far_apart_in_other_units_are_not_compared() -> None:
    assert compatible(first("four months of strikes"), first("a two-year deal")) is None
    assert compatible(first("for 48 hours"), first("for three days")) is False


def test_a_decimal_comma_count_of_things_is_malformed() -> None:
    (runners,) = extract_quantities("a record field of 14,50 runners")
    assert runners.malformed and runners.suggestion == 14500
    (rise,) = extract_quantities("a rise of 4,5 percent")
    assert not rise.malformed and rise.value == 4.5
