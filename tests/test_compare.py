"""Each structured check through the pipeline, with a fake NLI model that never fires."""

from collections.abc import Sequence

import pytest

from checker.nli import NLIScores
from checker.pipeline import CheckOptions, check_sources
from checker.sources import load_text
from checker.types import FindingKind, Severity


class NeutralScorer:
    name = "neutral"

    def score(self, pairs: Sequence[tuple[str, str]]) -> list[NLIScores]:
        return [NLIScores(0.2, 0.7, 0.1) for _ in pairs]


def _findings(a: str, b: str, embedder, published: str = "2025-03-13"):
    front = f"---\npublished: {published}\n---\n"
    sources = [load_text(front + a, path="a.txt"), load_text(front + b, path="b.txt")]
    return check_sources(sources, CheckOptions(), scorer=NeutralScorer(), embedder=embedder).findings


def test_different_places_in_one_role(embedder) -> None:
    found = _findings(
        "The peace talks were held in Geneva on Monday.",
        "The peace talks were held in Vienna on Monday.",
        embedder,
    )
    assert [f.kind for f in found] == [FindingKind.NAME]
    assert "Geneva" in found[0].explanation and "Vienna" in found[0].explanation


def test_swapped_roles(embedder) -> None:
    found = _findings(
        "Greenfield Energy sued the city of Oakport for $12 million.",
        "The city of Oakport has sued Greenfield Energy for $12 million.",
        embedder,
    )
    assert FindingKind.ROLES in [f.kind for f in found]


def test_misspelt_name_is_low_severity(embedder) -> None:
    found = _findings(
        "Azerbaijan retook Nagorno-Karabakh in 2023 after a short offensive.",
        "Talks began after Azerbaijan retook Nagorno-Karabkah in 2023.",
        embedder,
    )
    spelling = [f for f in found if f.kind is FindingKind.NAME_SPELLING]
    assert spelling and spelling[0].severity is Severity.LOW
    assert "Karabkah" in spelling[0].explanation


def test_relative_date_against_explicit_date(embedder) -> None:
    found = _findings(
        "Thousands of teachers marched through the capital on Tuesday.",
        "Thousands of teachers marched through the capital on March 4.",
        embedder,
    )
    assert [f.kind for f in found] == [FindingKind.DATE]
    assert "11 March 2025" in found[0].explanation


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "The fire has burned 12,000 hectares since Thursday.",
            "The fire has burned some 120 square kilometres since Thursday.",
        ),
        ("Fourteen passengers were injured in the crash.", "14 people were injured in the crash."),
        (
            "The train derailed at 7:40 a.m. on Wednesday.",
            "The train derailed shortly after 07:40 on Wednesday.",
        ),
        ("The march on Tuesday drew a large crowd.", "The march on March 11 drew a large crowd."),
        ("Turkiye and Russia praised the prisoner swap.", "Turkey and Russia praised the prisoner swap."),
        (
            "Aliyev sent troops to Karabakh on September 19.",
            "Aliyev sent troops to Karabakh on 19 September.",
        ),
    ],
)
def test_look_alikes_raise_nothing(embedder, a: str, b: str) -> None:
    assert _findings(a, b, embedder) == ()


def test_figures_about_different_things_are_not_compared(embedder) -> None:
    found = _findings(
        "Two people died in the floods on Tuesday.",
        "Rescue teams pulled 37 people from cars and rooftops on Tuesday.",
        embedder,
    )
    assert found == ()


def test_negation_idiom_is_not_a_contradiction(embedder, scorer) -> None:
    from checker.pipeline import CheckOptions, check_sources

    sources = [
        load_text("The water rose 4.5 metres, a level not seen since 1911.", path="a.txt"),
        load_text("The water rose 4.5 metres, the highest level since 1911.", path="b.txt"),
    ]
    report = check_sources(sources, CheckOptions(), scorer=scorer, embedder=embedder)
    assert report.findings == ()
