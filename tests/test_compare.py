"""Each structured check through the pipeline, with a fake NLI model that never fires."""

from collections.abc import Sequence

import pytest

from checker.checks import Pair, Story, days, figures
from checker.claims import extract_claims
from checker.facts import extract_facts
from checker.nli import NLIScores
from checker.pipeline import CheckOptions, check_sources
from checker.scoring import RuleScorer
from checker.sources import load_text
from checker.types import FindingKind, Severity
from checker.wording import lexical_contrast


class NeutralScorer:
    name = "neutral"

    def score(self, pairs: Sequence[tuple[str, str]]) -> list[NLIScores]:
        return [NLIScores(0.2, 0.7, 0.1) for _ in pairs]


def _findings(a: str, b: str, embedder, published: str = "2025-03-13"):
    front = f"---\npublished: {published}\n---\n"
    sources = [load_text(front + a, path="a.txt"), load_text(front + b, path="b.txt")]
    # The hand-set rule scores: these tests pin what each check sees, not a fitted model.
    report = check_sources(
        sources, CheckOptions(), scorer=NeutralScorer(), embedder=embedder, finding_scorer=RuleScorer()
    )
    return report.findings


def _story(texts: list[str]) -> Story:
    sources = [load_text(t, path=f"{n}.txt") for n, t in zip("ab", texts, strict=True)]
    claims = [c for i, s in enumerate(sources) for c in extract_claims(s, i)[1]]
    return Story(extract_facts(claims, sources), sources)


def _pair(story: Story, a: str, b: str, similarity: float, mutual: bool = False) -> Pair:
    fa = next(f for f in story.facts if a in f.claim.text)
    fb = next(f for f in story.facts if b in f.claim.text)
    return Pair(fa, fb, similarity, similarity, mutual)


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


def test_figure_stated_elsewhere_in_the_other_article_is_accounted_for(embedder) -> None:
    # Both articles give 86 passengers; "31 people needed hospital care" is another fact.
    found = _findings(
        "The ferry was carrying 86 passengers, the harbour authority said. "
        "Thirty-one people were taken to hospital.",
        "The ferry had 86 passengers on board. According to the harbor authority, 31 people needed care.",
        embedder,
    )
    assert [f for f in found if f.kind is FindingKind.QUANTITY] == []


def test_the_one_unaccounted_figure_of_a_kind_on_each_side_conflicts() -> None:
    # Worded too differently for the text alone (similarity 0.3): what makes "5%" and
    # "3 percent" one fact is that each is the only percentage the other article lacks.
    texts = [
        "The union is demanding a 9% pay rise. The airline has offered 5%.",
        "Crew want a 9 percent increase. Management has put only 3 percent on the table.",
    ]
    story = _story(texts)
    found = figures.check_pair(_pair(story, "5%", "3 percent", 0.3), story)
    assert len(found) == 1 and "5%" in found[0].explanation
    assert found[0].features["only_unaccounted"] == 1.0 and found[0].rule_score > 0
    demanding = figures.check_pair(_pair(story, "9%", "3 percent", 0.3), story)
    assert [c.features["stated_elsewhere"] for c in demanding] == [1.0]  # 9% is stated in b
    assert demanding[0].rule_score == 0


def test_killed_and_injured_counts_are_not_compared(embedder) -> None:
    found = _findings(
        "Seven people were killed when the hostel collapsed.",
        "Around 40 people were injured, the regional hospital reported.",
        embedder,
    )
    assert found == ()


def test_a_forecast_is_not_contradicted_by_the_outcome(embedder) -> None:
    found = _findings(
        "The painting had been expected to fetch $30 million at the auction.",
        "The painting fetched $58.5 million at the auction last night.",
        embedder,
    )
    assert [f for f in found if f.kind is FindingKind.QUANTITY] == []


def test_a_finding_points_at_the_clause_that_holds_the_figure(embedder) -> None:
    lead = "With all 212 precincts in the northern district counted late on Sunday night"
    found = _findings(
        f"{lead}, 58% of ballots backed the recall of the mayor, election officials said.",
        f"{lead}, 52 percent of ballots backed the recall of the mayor, election officials said.",
        embedder,
    )
    quantity = next(f for f in found if f.kind is FindingKind.QUANTITY)
    # The figure's clause is 8 words, under the 12 a finding shows: it takes in its neighbour.
    assert quantity.claim_a.text == f"{lead}, 58% of ballots backed the recall of the mayor"
    start, end = quantity.highlight_a[0]
    assert quantity.claim_a.text[start:end] == "58%"


def test_an_age_changed_by_a_back_reference(embedder) -> None:
    found = _findings(
        "A court found Viktor Lang, 61, guilty of bribery. The 64-year-old showed no emotion.",
        "Viktor Lang was convicted of bribery on Thursday.",
        embedder,
    )
    ages = [f for f in found if "ages differ" in f.explanation]
    assert len(ages) == 1 and ages[0].claim_a.source_index == ages[0].claim_b.source_index == 0


def test_ages_of_two_people_leave_a_back_reference_alone(embedder) -> None:
    found = _findings(
        "Anna Berg, 34, and Tom Dahl, 40, were arrested. The 40-year-old was released on bail.",
        "Two people were arrested on Thursday.",
        embedder,
    )
    assert not [f for f in found if "ages differ" in f.explanation]


def test_one_role_given_to_different_names(embedder) -> None:
    found = _findings(
        "The ferry capsized on Sunday. The ferry is operated by the Kelmora Ferry Company.",
        "Investigators examined the ferry. The operator, Varn Lake Lines, has suspended all sailings.",
        embedder,
    )
    roles = [f for f in found if f.kind is FindingKind.NAME and "operator" in f.explanation]
    assert len(roles) == 1
    start, end = roles[0].highlight_b[0]
    assert roles[0].claim_b.text[start:end] == "Varn Lake Lines"


def test_a_role_holder_named_by_both_articles_is_not_a_conflict(embedder) -> None:
    found = _findings(
        "The plant is operated by Norsk Power. Its owner, Fjell Energy, bought it in 2019.",
        "Fjell Energy said its operator, Norsk Power, shut the plant.",
        embedder,
    )
    assert not [f for f in found if "role" in f.explanation]


def test_a_clock_time_outside_the_part_of_day(embedder) -> None:
    found = _findings(
        "About 6,000 litres of acid leaked into the Omsel river at around 4:10 a.m. on Monday.",
        "Some 6,000 litres of acid leaked into the Omsel river on Monday afternoon.",
        embedder,
    )
    times = [f for f in found if "afternoon" in f.explanation]
    assert len(times) == 1
    assert not _findings(
        "The acid leaked into the Omsel river at 3:30 p.m. on Monday.",
        "The acid leaked into the Omsel river on Monday afternoon.",
        embedder,
    )


def test_the_one_unaccounted_day_on_each_side_conflicts() -> None:
    front = "---\npublished: 2024-09-12\n---\n"
    texts = [
        front + "Rail workers will walk out on Monday, halting services. Talks broke down on Wednesday.",
        front + "The union has called a strike starting on 17 September. Negotiations collapsed this week.",
    ]
    story = _story(texts)
    assert story.unaccounted_days(0, 1) == story.unaccounted_days(1, 0) == 1
    found = days.check_pair(_pair(story, "Monday", "17 September", 0.5, mutual=True), story)
    assert len(found) == 1 and "16 September 2024" in found[0].explanation


def test_antonyms_with_the_same_subject_stand_in_the_same_place() -> None:
    held = lexical_contrast(
        "The Orsk dam held through the night.", "The Orsk dam gave way on Wednesday night."
    )
    assert held is not None and held.aligned
    north = lexical_contrast("homes in the north of Brazil", "households across southern Brazil")
    assert north is not None and north.aligned


def test_a_negated_word_that_stands_in_the_other_claim_is_aligned() -> None:
    injured = lexical_contrast("The captain was not injured.", "The ship's captain was injured.")
    assert injured is not None and injured.negation and injured.aligned
    denied = lexical_contrast(
        "Baku has denied having any territorial claims over Armenia.",
        "He said that Armenia must revise its security arrangements.",
    )
    assert denied is not None and denied.negation and not denied.aligned


def test_the_watchdog_stops_a_run_over_its_budget(embedder) -> None:
    from checker.compare import CompareConfig
    from checker.errors import InputError

    sources = [
        load_text("Six cars fell on Monday.", path="a.txt"),
        load_text("Four cars fell on Monday.", path="b.txt"),
    ]
    options = CheckOptions(compare=CompareConfig(time_budget=-1.0))
    with pytest.raises(InputError, match="a.txt: comparing took longer than the time budget"):
        check_sources(sources, options, scorer=NeutralScorer(), embedder=embedder)


def test_two_countries_are_not_a_misspelling(embedder) -> None:
    found = _findings(
        "Fishing boats from Iceland joined the search on Monday.",
        "Fishing boats from Ireland joined the search on Monday.",
        embedder,
    )
    assert not [f for f in found if f.kind is FindingKind.NAME_SPELLING]


def test_one_title_held_by_different_people(embedder) -> None:
    found = _findings(
        "Norvane Lines made a profit. Chief executive Henning Brask said the year was strong.",
        "Norvane Lines made a profit. Chief executive Lotte Vinding said the results were strong.",
        embedder,
    )
    roles = [f for f in found if "chief executive" in f.explanation]
    assert len(roles) == 1 and "Henning Brask" in roles[0].explanation


def test_ranks_on_one_scale_conflict() -> None:
    from checker.checks import ordinals

    story = _story(
        [
            "She is the third minister to resign this year. It is the largest insurer in the country.",
            "She is the second minister to leave the government this year. It is the largest insurer.",
        ]
    )
    found = ordinals.check_pair(_pair(story, "third minister", "second minister", 0.8, mutual=True), story)
    assert len(found) == 1 and "'third'" in found[0].explanation and "'second'" in found[0].explanation
    assert found[0].features["same_head"] == 1.0 and found[0].rule_score > 0
    same = ordinals.check_pair(_pair(story, "the largest insurer in", "the largest insurer.", 0.8), story)
    assert same == []


def test_a_rank_by_another_measure_or_a_second_half_is_no_conflict() -> None:
    from checker.ordinals import extract_ordinals

    assert extract_ordinals("They scored in the second half.") == ()
    story = _story(["It is the largest bank in the region.", "It is the third bank to open a branch there."])
    from checker.checks import ordinals

    assert ordinals.check_pair(_pair(story, "largest bank", "third bank", 0.8), story) == []
