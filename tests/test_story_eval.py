"""Labelling candidates and measuring findings with the story scorer's matching rules."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checker.scoring import RuleScorer
from checker.training.stories import SHARED_EVAL, all_candidates, coverage, load_stories, measure
from tests.conftest import HashEmbedder
from tests.conftest import RuleScorer as FakeNLI

pytestmark = pytest.mark.skipif(
    not (SHARED_EVAL / "score_stories.py").is_file(), reason="../shared/eval is not beside the checkout"
)


def test_a_planted_figure_is_labelled_caught_and_counted(tmp_path: Path) -> None:
    story = {
        "id": "canal",
        "sources": [
            {
                "name": "a.txt",
                "published": "2025-04-15",
                "text": "Six cars plunged into the canal on Monday.",
            },
            {
                "name": "b.txt",
                "published": "2025-04-15",
                "text": "Four cars plunged into the canal on Monday.",
            },
        ],
        "contradict": [["Six cars plunged", "Four cars plunged", "count"]],
        "consistent": [["into the canal on Monday", "into the canal on Monday.", "paraphrase"]],
    }
    path = tmp_path / "stories.json"
    path.write_text(json.dumps([story]), encoding="utf-8")
    items = all_candidates(load_stories(path), FakeNLI(), HashEmbedder(), cache=tmp_path / "cache")
    assert any(items[0].labels), "the figure candidate covers the planted pair"
    assert coverage(items) == {"count": [1, 1]}
    score = measure(items, RuleScorer())
    assert (score.caught, score.planted, score.per_kind["count"]) == (1, 1, [1, 1])
    # Cached: a second pass reads the same candidates back.
    again = all_candidates(load_stories(path), FakeNLI(), HashEmbedder(), cache=tmp_path / "cache")
    assert len(again[0].candidates) == len(items[0].candidates)
