import json

import pytest

from checker.pipeline import CheckOptions, check, check_sources
from checker.report import ReportFormat, render
from checker.sources import load_text
from checker.types import FindingKind
from tests.conftest import EXAMPLES, SEEDS, needs_seeds


def _check(texts: dict[str, str], embedder, scorer, **kwargs):
    sources = [load_text(text, path=name) for name, text in texts.items()]
    return check_sources(sources, CheckOptions(**kwargs), scorer=scorer, embedder=embedder)


def test_count_conflict_across_sources(embedder, scorer) -> None:
    report = _check(
        {
            "a.txt": "A road bridge collapsed on Monday, sending four cars into the water.",
            "b.txt": "Six cars plunged into the water when a road bridge collapsed on Monday.",
        },
        embedder,
        scorer,
    )
    kinds = [f.kind for f in report.findings]
    assert FindingKind.QUANTITY in kinds
    finding = report.findings[0]
    assert {finding.claim_a.source_index, finding.claim_b.source_index} == {0, 1}
    assert "4" in finding.explanation and "6" in finding.explanation


def test_agreeing_paraphrases_raise_nothing(embedder, scorer) -> None:
    report = _check(
        {
            "a.txt": "Rescuers pulled nine people from the water on Monday.",
            "b.txt": "Emergency services rescued nine people from the water on Monday.",
        },
        embedder,
        scorer,
    )
    assert report.findings == ()


@needs_seeds
def test_single_source_checked_against_itself(embedder, scorer) -> None:
    text = (SEEDS / "000_adff77ff94f6f818.txt").read_text(encoding="utf-8")
    report = _check({"000.txt": text}, embedder, scorer)
    first = report.findings[0]
    assert first.kind is FindingKind.MALFORMED_NUMBER
    assert "100,00" in first.claim_a.text and first.claim_b is not None and "100,000" in first.claim_b.text


@needs_seeds
def test_seeds_put_the_malformed_number_first_and_skip_look_alikes(embedder, scorer) -> None:
    report = check([str(p) for p in sorted(SEEDS.glob("*.txt"))], scorer=scorer, embedder=embedder)
    assert report.findings[0].kind is FindingKind.MALFORMED_NUMBER
    for f in report.findings:
        pair = (f.claim_a.text, f.claim_b.text if f.claim_b else "")
        assert not ("Turkiye and Russia" in pair[0] and "Turkey and Russia" in pair[1])
        assert not any("September 19" in t for t in pair) or not any("19 September" in t for t in pair)
        assert not any("normalizing relations" in t for t in pair) or f.kind is not FindingKind.CONTRADICTION


def test_nli_contradiction_is_reported(embedder, scorer) -> None:
    report = _check(
        {
            "a.txt": "The bridge had been inspected by engineers in March.",
            "b.txt": "The bridge had never been inspected by engineers.",
        },
        embedder,
        scorer,
    )
    assert [f.kind for f in report.findings] == [FindingKind.CONTRADICTION]
    assert scorer.calls  # both directions were scored
    assert (
        "The bridge had never been inspected by engineers.",
        "The bridge had been inspected by engineers in March.",
    ) in scorer.calls


def test_json_contract_offsets(embedder, scorer) -> None:
    report = check([str(EXAMPLES)], scorer=scorer, embedder=embedder)
    data = json.loads(render(report, ReportFormat.JSON))
    assert {s["path"] for s in data["sources"]} == {
        str(EXAMPLES / n) for n in ("lerna-daily.html", "river-post.txt", "valley-times.md")
    }
    texts = {
        str(EXAMPLES / n): (EXAMPLES / n).read_text(encoding="utf-8")
        for n in ("river-post.txt", "valley-times.md")
    }
    for f in data["findings"]:
        for side in (f["claim_a"], f["claim_b"]):
            if side and side["source"] in texts:
                assert texts[side["source"]][side["start"] : side["end"]] == side["text"]


def test_empty_article_gives_an_empty_report(embedder, scorer) -> None:
    report = _check({"a.txt": "Share this article"}, embedder, scorer)
    assert report.findings == () and report.sources[0].claims == 0


@pytest.mark.parametrize("min_score", [0.0, 0.99])
def test_min_score_filters(embedder, scorer, min_score: float) -> None:
    report = _check(
        {"a.txt": "Four cars fell into the canal.", "b.txt": "Six cars fell into the canal."},
        embedder,
        scorer,
        min_score=min_score,
    )
    assert all(f.score >= min_score for f in report.findings)


def test_identical_articles_are_checked_once(embedder, scorer) -> None:
    from checker.pipeline import check_sources
    from checker.sources import load_text

    text = "About 12,00 people fled the town on Monday. The river rose 4.5 metres."
    sources = [load_text(text, path=f"copy{i}.txt") for i in range(5)]
    report = check_sources(sources, scorer=scorer, embedder=embedder)
    assert [s.claims for s in report.sources][1:] == [0, 0, 0, 0]
    malformed = [f for f in report.findings if f.kind.value == "malformed_number"]
    assert len(malformed) == 1
    assert malformed[0].evidence["identical_text_in"] == "copy1.txt, copy2.txt, copy3.txt, copy4.txt"


@needs_seeds
def test_findings_do_not_depend_on_the_order_of_the_articles(embedder, scorer) -> None:
    paths = [str(p) for p in sorted(EXAMPLES.iterdir())] + [str(p) for p in sorted(SEEDS.glob("*.txt"))]

    def found(order: list[str]) -> list[tuple]:
        report = check(order, CheckOptions(cache=False), scorer=scorer, embedder=embedder)
        return sorted(
            (f.kind.value, round(f.score, 6), tuple(sorted(c.text for c in (f.claim_a, f.claim_b) if c)))
            for f in report.findings
        )

    forward = found(paths)
    assert forward and found(paths[::-1]) == forward
