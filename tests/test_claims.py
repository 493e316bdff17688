from checker.claims import extract_claims, split_attribution
from checker.sources import load_text


def test_claim_spans_match_the_file() -> None:
    text = (
        "---\npublished: 2025-01-02\n---\n"
        "Heavy rain lashed the coast; the river rose by two metres.\nIt peaked at noon."
    )
    source = load_text(text, path="a.txt")
    _, claims = extract_claims(source, 0)
    assert [c.text for c in claims] == [
        "Heavy rain lashed the coast",
        "the river rose by two metres.",
        "It peaked at noon.",
    ]
    for c in claims:
        assert source.text[c.start : c.end] == c.text
    assert [c.line for c in claims] == [4, 4, 5]
    assert len({c.id for c in claims}) == 3


def test_unsafe_coordination_is_not_split() -> None:
    source = load_text("Armenia and Azerbaijan, and their allies, met in Tehran on Monday.", path="a.txt")
    _, claims = extract_claims(source, 0)
    assert len(claims) == 1


def test_attribution_is_kept_apart() -> None:
    core, who = split_attribution("Two people died and six were injured, the regional health office said.")
    assert core == "Two people died and six were injured."
    assert who == "the regional health office said"
    core, who = split_attribution("Police said about 5,000 people joined the march on March 11.")
    assert core.startswith("About 5,000 people joined")
    assert who == "Police said"
    assert split_attribution("The bridge collapsed on Monday.") == ("The bridge collapsed on Monday.", None)


def test_empty_source_has_no_claims() -> None:
    source = load_text("Share this article", path="a.txt")
    assert extract_claims(source, 0)[1] == []
