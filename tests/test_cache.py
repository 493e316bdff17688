"""The embedding and NLI cache: hits are reused, misses computed once, damage rebuilt."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import numpy as np
import pytest

from checker.cache import Cache, CachedEmbedder, CachedPairScorer
from checker.pipeline import CheckOptions, check_sources
from checker.sources import load_sources
from tests.conftest import EXAMPLES, HashEmbedder, RuleScorer


class CountingScorer(RuleScorer):
    def __init__(self) -> None:
        super().__init__()
        self.seen = 0

    def score(self, pairs):
        self.seen += len(pairs)
        return super().score(pairs)


def test_cached_scorer_asks_the_model_only_for_new_pairs(tmp_path: Path) -> None:
    cache = Cache.open(tmp_path / "c.sqlite")
    model = CountingScorer()
    cached = CachedPairScorer(model, cache)
    pairs = [("Six cars fell.", "Four cars fell."), ("It rained.", "It was dry.")]
    first = cached.score(pairs)
    again = CachedPairScorer(model, Cache.open(tmp_path / "c.sqlite")).score([*pairs, ("A.", "B.")])
    assert model.seen == 3  # two pairs, then only the new one
    assert again[:2] == first  # bit-identical probabilities from the cache


def test_cached_embedder_gives_the_same_vectors(tmp_path: Path) -> None:
    cache = Cache.open(tmp_path / "c.sqlite")
    texts = ["Six cars fell into the canal.", "Nine people were rescued.", "Six cars fell into the canal."]
    direct = HashEmbedder().encode(texts)
    cached = CachedEmbedder(HashEmbedder(), cache, "hash")
    np.testing.assert_array_equal(cached.encode(texts), direct)
    assert cached.computed == 2  # the repeated sentence is embedded once
    warm = CachedEmbedder(HashEmbedder(), cache, "hash")
    np.testing.assert_array_equal(warm.encode(texts), direct)
    assert warm.computed == 0


def test_a_damaged_cache_is_rebuilt_with_a_warning(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "c.sqlite"
    path.write_bytes(b"this is not a database" * 100)
    cache = Cache.open(path)
    cache.put_vectors("m", ["x"], np.ones((1, 4), dtype=np.float32))
    assert list(cache.vectors("m", ["x"])) == ["x"]
    assert "rebuilding" in caplog.text
    assert (tmp_path / "c.sqlite.corrupt").exists()  # moved aside, not deleted


def test_two_connections_share_one_cache(tmp_path: Path) -> None:
    one, two = Cache.open(tmp_path / "c.sqlite"), Cache.open(tmp_path / "c.sqlite")
    one.put_nli("m", [("a", "b")], CountingScorer().score([("a", "b")]))
    assert ("a", "b") in two.nli("m", [("a", "b")])
    with sqlite3.connect(tmp_path / "c.sqlite") as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_warm_check_gives_the_same_findings_without_the_models(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import checker.pipeline as pipeline

    model = CountingScorer()
    monkeypatch.setattr(pipeline, "make_nli_model", lambda name=None, backend=None: model)
    monkeypatch.setattr(pipeline, "make_embedder", lambda backend=None: HashEmbedder())
    sources = load_sources([str(EXAMPLES)])
    options = CheckOptions(cache_path=tmp_path / "c.sqlite")
    cold = check_sources(sources, options)
    asked = model.seen
    warm = check_sources(sources, options)
    assert asked > 0 and model.seen == asked  # nothing new to score
    assert [(f.id, f.score, f.explanation) for f in warm.findings] == [
        (f.id, f.score, f.explanation) for f in cold.findings
    ]
    check_sources(sources, CheckOptions(cache=False, cache_path=tmp_path / "c.sqlite"))
    assert model.seen == 2 * asked  # --no-cache: the model is asked again


def test_the_progress_bar_scores_the_same_and_stays_off_without_a_terminal() -> None:
    from checker.progress import ProgressBar

    pairs = [("Six cars fell.", "Four cars fell."), ("It did not rain.", "It rained."), ("A.", "B.")] * 50
    plain = RuleScorer().score(pairs)
    with ProgressBar(enabled=True, delay=0.0) as bar:
        assert bar.scorer(RuleScorer()).score(pairs) == plain  # order kept across chunks
    off = ProgressBar()  # under pytest stderr is not a terminal
    assert off.enabled is False and off.scorer(RuleScorer()).__class__ is RuleScorer
