"""Tests for checker.sources: decoding, front matter, boilerplate, HTML spans, errors."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from checker.errors import InputError
from checker.sources import load_sources, load_text
from checker.types import Source, SourceFormat

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def assert_spans(src: Source) -> None:
    for b in src.blocks:
        assert 0 <= b.start <= b.end <= len(src.text)
        if b.exact:
            assert src.text[b.start : b.end] == b.text


def texts(src: Source) -> list[str]:
    return [b.text for b in src.blocks]


def test_text_with_front_matter(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text(
        "---\ntitle: Dam breaks\npublished: 2026-03-12T08:00:00Z\nsource: River Post\n"
        "url: https://example.org/a\n---\n\nDam breaks\n3 min read\n\n"
        "The dam broke on Tuesday.\r\n  Two people died, officials said.  \n",
        encoding="utf-8",
        newline="",
    )
    (src,) = load_sources([str(f)])
    assert src.path == str(f) and src.format is SourceFormat.TEXT
    assert (src.title, src.published) == ("Dam breaks", dt.date(2026, 3, 12))
    assert (src.url, src.outlet) == ("https://example.org/a", "River Post")
    assert texts(src) == ["The dam broke on Tuesday.", "Two people died, officials said."]
    assert all(b.exact for b in src.blocks)
    assert_spans(src)


def test_bad_front_matter_is_ignored_but_excluded() -> None:
    src = load_text("---\ntitle: [unclosed\npublished: someday\n---\nThe river rose by four metres.\n")
    assert src.title is None and src.published is None
    assert texts(src) == ["The river rose by four metres."]


def test_unparseable_published_is_none() -> None:
    src = load_text("---\ntitle: T\npublished: next Tuesday\n---\nIt rained all day long.\n")
    assert src.published is None and src.title == "T"


def test_markdown_markers_stripped_and_title_from_heading() -> None:
    md = (
        "# Floods hit valley\n\n## What happened next\n\n"
        "> The river rose 4 metres.\n- Schools stay closed.\n1. Two died.\n"
    )
    src = load_text(md, path="x.md")
    assert src.format is SourceFormat.MARKDOWN and src.title == "Floods hit valley"
    expected = ["What happened next", "The river rose 4 metres.", "Schools stay closed.", "Two died."]
    assert texts(src) == expected
    assert_spans(src)


def test_markdown_example() -> None:
    (src,) = load_sources([str(EXAMPLES / "valley-times.md")])
    assert src.title == "Floods force thousands from homes in the Lerna valley"
    assert src.url == "https://example.org/valley-times/lerna-floods"
    assert not any("Floods force" in t or "Share this" in t for t in texts(src))
    assert len(src.blocks) == 9
    assert_spans(src)


def test_html_example() -> None:
    (src,) = load_sources([str(EXAMPLES / "lerna-daily.html")])
    assert src.format is SourceFormat.HTML
    assert src.title == "Emergency declared as Lerna floods villages"
    assert src.published == dt.date(2026, 3, 12)
    first = "About 12,000 residents of the Lerna valley have been evacuated"
    assert first in src.blocks[0].text
    assert not any(src.title == t or "Share on" in t or "Home" in t for t in texts(src))
    assert len(src.blocks) == 8
    assert_spans(src)


def test_html_entities_and_inline_tags_map_to_raw_spans() -> None:
    raw = (
        "<html><body><article><p>A &amp; B said <a href='x'>this</a> was bad on Monday, officials said.</p>"
        "<p>Plain paragraph that is long enough to be kept by the extractor.</p></article></body></html>"
    )
    src = load_text(raw, path="<html>")
    assert src.format is SourceFormat.HTML
    by_text = {b.text: b for b in src.blocks}
    entity = by_text["A & B said this was bad on Monday, officials said."]
    assert not entity.exact and raw[entity.start : entity.end].startswith("A &amp; B")
    assert raw[entity.start : entity.end].endswith("officials said.")
    assert by_text["Plain paragraph that is long enough to be kept by the extractor."].exact
    assert_spans(src)


def test_html_odd_markup_does_not_crash() -> None:
    raw = "<p>Odd <b>markup <p>Another paragraph without end. <li>x &bogus; &#9999999; y</li></div>"
    src = load_text(raw)
    assert src.format is SourceFormat.HTML
    assert_spans(src)
    assert load_text("<html><body></body></html>").blocks == ()


@pytest.mark.skipif(not SEEDS.is_dir(), reason="shared seeds not present")
def test_seed_boilerplate_dropped() -> None:
    for path in sorted(SEEDS.glob("*.txt")):
        (src,) = load_sources([str(path)])
        assert_spans(src)
        for t in texts(src):
            for junk in ("Live Story", "min read", "Post a Comment", "Previous Post", "Share this", "Getty"):
                assert junk not in t, (path.name, t)
            assert t != "Armenia PM proposes non-aggression pact to Azerbaijan"
    (src,) = load_sources([str(SEEDS / "001_bdceb49b39f68e3b.txt")])
    assert src.title == "Armenia PM proposes non-aggression pact to Azerbaijan"
    assert any("more than 100,00 people" in t for t in texts(src))


def test_caption_credit_cut() -> None:
    line = "Nikol Pashinyan and Ilham Aliyev met in 2023 [Photo by JOHN DOE/POOL/AFP via Getty Images]"
    src = load_text(f"Peace talks stall\n\n{line}\n[Photo by Someone/Reuters]\nThe talks failed.\n")
    assert texts(src) == ["Nikol Pashinyan and Ilham Aliyev met in 2023", "The talks failed."]
    assert src.blocks[0].exact and src.title == "Peace talks stall"
    assert_spans(src)


def test_general_boilerplate_lines() -> None:
    junk = [
        "Share this article",
        "Share on Facebook · Share on X · 12 comments",
        "12 comments",
        "Read more",
        "Related: Floods hit the north",
        "Subscribe",
        "Sign up for our newsletter",
        "Advertisement",
        "5 min read",
        "Live Story",
        "Photo: River Post staff",
        "© 2026 River Post. All rights reserved.",
        "Home",
        "World news",
        "Previous Post Next PostFloods hit the north",
    ]
    keep = ["Share prices fell 5% on Monday.", "Related incidents were seen in 3 towns.", "Schools reopen."]
    src = load_text("\n".join(["It rained.", *junk, *keep]))
    assert texts(src) == ["It rained.", *keep]


def test_folder_input(tmp_path: Path) -> None:
    (tmp_path / "b.md").write_text("The second article says 2 died.\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("The first article says 3 died.\n", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("Hidden.\n", encoding="utf-8")
    (tmp_path / "notes.csv").write_text("a,b\n", encoding="utf-8")
    sources = load_sources([str(tmp_path)])
    assert [s.path for s in sources] == [str(tmp_path / "a.txt"), str(tmp_path / "b.md")]
    assert [s.format for s in sources] == [SourceFormat.TEXT, SourceFormat.MARKDOWN]


def test_stdin() -> None:
    (src,) = load_sources(["-"], stdin_text="The river rose 4 metres.\n")
    assert src.path == "<stdin>" and texts(src) == ["The river rose 4 metres."]
    page = "<html><body><p>The river rose 4 metres overnight.</p></body></html>"
    (html_src,) = load_sources(["-"], stdin_text=page)
    assert html_src.format is SourceFormat.HTML


def test_latin1_and_bom_decoding(tmp_path: Path) -> None:
    f = tmp_path / "latin.txt"
    f.write_bytes("Le caf\xe9 a ferm\xe9 ses portes apr\xe8s 40 ans.\n".encode("latin-1"))
    (src,) = load_sources([str(f)])
    assert "café" in src.text and "après" in src.blocks[0].text
    g = tmp_path / "bom.txt"
    g.write_bytes(b"\xef\xbb\xbfThe dam held.\n")
    (src,) = load_sources([str(g)])
    assert src.text.startswith("The dam held.") and src.blocks[0].start == 0


def _error(tmp_path: Path, name: str, data: bytes | None, **kw: int) -> str:
    path = tmp_path / name
    if data is not None:
        path.write_bytes(data)
    with pytest.raises(InputError) as info:
        load_sources([str(path)], **kw)
    message = str(info.value)
    assert message.startswith(str(path)) and "\n" not in message
    return message


def test_errors(tmp_path: Path) -> None:
    assert "no such file" in _error(tmp_path, "missing.txt", None)
    assert "empty file" in _error(tmp_path, "empty.txt", b"")
    assert "empty file" in _error(tmp_path, "blank.txt", b"  \n\t\r\n ")
    assert "binary" in _error(tmp_path, "bin.txt", b"GIF89a\x00\x01\x02 some text")
    assert "too large" in _error(tmp_path, "big.txt", b"The dam held. " * 100, max_bytes=100)
    (tmp_path / "nothing").mkdir()
    (tmp_path / "nothing" / "data.csv").write_text("a,b\n", encoding="utf-8")
    assert "no articles" in _error(tmp_path, "nothing", None)
    with pytest.raises(InputError, match=r"^<stdin>: empty file$"):
        load_sources(["-"], stdin_text=" \n")
    with pytest.raises(InputError, match="empty"):
        load_text("   ")


def test_html_fallback_without_trafilatura(monkeypatch: pytest.MonkeyPatch) -> None:
    import checker.sources as sources

    monkeypatch.setattr(sources, "_trafilatura_lines", lambda raw: [])
    (src,) = load_sources([str(EXAMPLES / "lerna-daily.html")])
    assert len(src.blocks) == 8 and all(b.exact for b in src.blocks)
    assert src.blocks[0].text.startswith("About 12,000 residents")
    assert_spans(src)


@pytest.mark.parametrize("published", ["2024-02-30", "2023-09-19T25:00:00Z", "99999-01-01", "[1, 2"])
def test_front_matter_that_cannot_be_read_is_ignored(published: str) -> None:
    source = load_text(f"---\npublished: {published}\n---\nFour cars fell into the canal.\n", path="a.md")
    assert source.published is None
    assert "Four cars" in source.text


def test_front_matter_aliases_are_refused_quickly() -> None:
    # The "billion laughs" pattern: nine levels of nine aliases each.
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 9):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 9) + "]")
    lines.append("title: *i")
    text = "---\n" + "\n".join(lines) + "\n---\nThe body.\n"
    source = load_text(text, path="bomb.md")
    assert source.title is None and source.published is None


def test_a_very_long_number_is_not_a_figure() -> None:
    from checker.quantities import extract_quantities

    assert extract_quantities("The code was " + "9" * 310 + " long.") == []


def test_invalid_utf8_is_replaced_visibly_not_guessed(tmp_path: Path) -> None:
    f = tmp_path / "bad.txt"
    f.write_bytes(b"Police said on Tues\xc4 that 12 people died.\n")
    assert "Tues\ufffd that" in load_sources([str(f)])[0].text


def test_a_lone_surrogate_is_an_input_error() -> None:
    with pytest.raises(InputError, match="not valid Unicode"):
        load_text("Six cars \ud800 fell.", path="a.txt")


def test_an_impossible_html_date_is_not_replaced_by_a_guess() -> None:
    page = (
        '<html><head><meta property="article:published_time" content="2024-02-30"></head>'
        "<body><article><h1>Flood</h1><p>Four cars fell into the canal yesterday, police said on Monday.</p>"
        "</article></body></html>"
    )
    assert load_text(page, path="a.html").published is None
