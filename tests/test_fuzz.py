"""Property-based fuzzing of the whole pipeline (with fake models, so it is fast).

Properties, for any input: no exception but the package's own ``CheckerError``; every
claim of a text or Markdown source is its file's text at its span; every finding's
claims exist in the report; the JSON report round-trips; two runs give the same JSON.

The default run tries a few hundred inputs; ``FUZZ_EXAMPLES=10000 python -m pytest
tests/test_fuzz.py`` is the long run (its result is in the README).
"""

from __future__ import annotations

import json
import os
import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.claims import extract_claims
from checker.errors import CheckerError
from checker.pipeline import CheckOptions, check_sources
from checker.report import to_dict
from checker.scoring import RuleScorer
from checker.sources import load_text
from checker.types import SourceFormat
from tests.conftest import EXAMPLES, HashEmbedder
from tests.conftest import RuleScorer as FakeNLI

EXAMPLES_TEXT = sorted(p.read_text(encoding="utf-8") for p in EXAMPLES.glob("*.txt"))
FUZZ = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=os.environ.get("FUZZ_EXAMPLES") is None,  # CI: the same inputs every run
)

words = st.sampled_from(
    "the police said 12 people were killed on Monday in Arno 100,00 some 12,000 more than four "
    "cars fell 3.5 km $4.2m 52.3% not never all none of them Tuesday 19 September 2023 last month "
    "conceded refused to concede — ( ) , . ; : \" ' 310 1e9 9999999999999999999999 ½ ٣ 🌊".split()
)
sentences = st.lists(words, min_size=1, max_size=40).map(lambda ws: " ".join(ws) + ".")
articles = st.lists(sentences, min_size=1, max_size=12).map(" ".join)
front_values = st.one_of(
    st.sampled_from(
        ["2024-02-30", "2023-09-19T25:00:00Z", "&a [1]", "*a", "{", "[1, 2", "2024-01-05", "~", "!!binary x"]
    ),
    st.text(max_size=30),
)


@st.composite
def mutated_example(draw: st.DrawFn) -> str:
    """A bundled example article with figures changed, punctuation stripped, words repeated
    or sentences glued."""
    text = draw(st.sampled_from(EXAMPLES_TEXT))
    rng = random.Random(draw(st.integers(0, 2**32)))
    for _ in range(draw(st.integers(1, 5))):
        op = rng.choice(["digits", "strip", "repeat", "glue", "long"])
        if op == "digits":
            text = "".join(str(rng.randint(0, 9)) if c.isdigit() else c for c in text)
        elif op == "strip":
            text = text.replace(rng.choice(".,;:"), "")
        elif op == "repeat":
            ws = text.split(" ")
            i = rng.randrange(len(ws))
            text = " ".join(ws[:i] + [ws[i]] * rng.randint(2, 30) + ws[i:])
        elif op == "glue":
            text = text.replace(". ", " ", rng.randint(1, 5))
        else:
            text = text.replace(".", ",", 20)
    return text


inputs = st.one_of(
    articles,
    mutated_example(),
    st.text(max_size=400),
    st.builds(
        lambda k, v, body: f"---\n{k}: {v}\n---\n{body}",
        st.sampled_from(["published", "date", "title"]),
        front_values,
        articles,
    ),
    st.builds(
        lambda depth, body: "<div>" * depth + f"<p>{body}</p>" + "</div>" * depth,
        st.integers(0, 400),
        articles,
    ),
)


def _run(texts: list[str], names: list[str]):  # type: ignore[no-untyped-def]
    sources = [load_text(t, path=n) for t, n in zip(texts, names, strict=True)]
    report = check_sources(
        sources, CheckOptions(), scorer=FakeNLI(), embedder=HashEmbedder(), finding_scorer=RuleScorer()
    )
    return sources, report


@FUZZ
@given(
    st.lists(inputs, min_size=1, max_size=3), st.lists(st.sampled_from([".txt", ".md", ".html"]), min_size=3)
)
def test_any_input_gives_an_honest_report_or_a_clean_error(texts: list[str], suffixes: list[str]) -> None:
    names = [f"a{i}{suffixes[i]}" for i in range(len(texts))]
    try:
        sources, report = _run(texts, names)
    except CheckerError:
        return
    for i, source in enumerate(sources):
        if source.format is SourceFormat.HTML:
            continue
        for claim in extract_claims(source, i)[1]:
            assert source.text[claim.start : claim.end] == claim.text
    spans = {(s, c.start, c.end) for s, src in enumerate(sources) for c in extract_claims(src, s)[1]}
    for f in report.findings:
        for claim in (f.claim_a, f.claim_b):
            if claim is None:
                continue
            text = sources[claim.source_index].text
            inside = any(s == claim.source_index and a <= claim.start and claim.end <= b for s, a, b in spans)
            assert inside, "a finding's claim lies outside every claim of its source"
            if sources[claim.source_index].format is not SourceFormat.HTML:
                assert text[claim.start : claim.end] == claim.text
    first = json.dumps(to_dict(report), sort_keys=True, default=str)
    assert json.loads(first) is not None
    again = json.dumps(to_dict(_run(texts, names)[1]), sort_keys=True, default=str)
    strip = lambda s: json.loads(s) | {"stats": {}}  # noqa: E731 - timings differ
    assert strip(first) == strip(again)


@FUZZ
@given(blob=st.binary(max_size=600))
def test_random_bytes_never_crash(blob: bytes) -> None:
    import tempfile
    from pathlib import Path

    from checker.sources import load_sources

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "a.txt"
        path.write_bytes(blob)
        try:
            sources = load_sources([str(path)])
        except CheckerError:
            return
        assert "\ufffd" in sources[0].text or sources[0].text.encode("utf-8", "surrogatepass")
