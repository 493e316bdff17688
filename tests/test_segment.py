from checker.segment import split_sentences
from tests.conftest import SEEDS, needs_seeds


def test_abbreviations_do_not_end_sentences() -> None:
    text = "Mr. Li met Gen. Ortiz in the U.S. capital on Sept. 19. They spoke for an hour."
    assert [s.text for s in split_sentences(text)] == [
        "Mr. Li met Gen. Ortiz in the U.S. capital on Sept. 19.",
        "They spoke for an hour.",
    ]


def test_glued_sentences_are_split() -> None:
    text = "fled, sparking a refugee crisis.Armenian Prime Minister Nikol Pashinyan said so."
    got = [s.text for s in split_sentences(text)]
    assert got == ["fled, sparking a refugee crisis.", "Armenian Prime Minister Nikol Pashinyan said so."]


def test_spans_point_into_the_text_with_offset() -> None:
    text = "Headline\n\nFirst sentence here. Second one.\nThird line"
    for s in split_sentences(text, offset=100):
        assert text[s.start - 100 : s.end - 100] == s.text
    assert [s.text for s in split_sentences(text)][0] == "Headline"


def test_empty_input() -> None:
    assert split_sentences("") == []
    assert split_sentences("   \n\n ") == []


@needs_seeds
def test_seed_glued_sentence() -> None:
    text = (SEEDS / "000_adff77ff94f6f818.txt").read_text(encoding="utf-8")
    texts = [s.text for s in split_sentences(text)]
    assert any(t.endswith("sparking a refugee crisis.") and "some 100,000" in t for t in texts)
    assert any(t.startswith("Armenian Prime Minister Nikol Pashinyan said on Sunday") for t in texts)


def test_a_sentence_ending_in_pm_is_split_before_a_sentence_starter() -> None:
    text = "It exploded at 9:30 p.m. The 32-metre rocket was lost. He left at 5 p.m. on Monday."
    assert [s.text for s in split_sentences(text)] == [
        "It exploded at 9:30 p.m.",
        "The 32-metre rocket was lost.",
        "He left at 5 p.m. on Monday.",
    ]
