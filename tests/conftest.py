"""Shared fixtures: offline mode, a cache folder per session, fakes and a tiny NLI model."""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from checker.nli import NLIScores

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
EXAMPLES = ROOT / "examples"
# The seed articles live in ../shared beside the checkout (as in CI); a clone elsewhere skips.
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside the checkout")

os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"


@pytest.fixture(autouse=True)
def _isolated_caches(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path_factory.getbasetemp() / "cache"
    monkeypatch.setenv("HF_HOME", str(cache / "hf"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    # The fast tests run fake models, whose probabilities mean nothing to the fitted
    # scorer: they pin the checks with the hand-set rule scores (tests/test_scorer.py and
    # the slow tests use the fitted one).
    monkeypatch.setenv("CHECKER_SCORER", "rules")


class HashEmbedder:
    """Bag-of-words vectors: similar wording gives similar vectors, no model needed."""

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), 256), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in re.findall(r"\w+", text.lower()):
                out[row, int(hashlib.md5(word.encode()).hexdigest(), 16) % 256] += 1.0
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.maximum(norms, 1e-9)


class RuleScorer:
    """A stand-in NLI model: contradiction when one side has a negation the other lacks."""

    name = "rule-scorer"

    def __init__(self) -> None:
        self.calls: list[tuple[str, str]] = []

    def score(self, pairs: Sequence[tuple[str, str]]) -> list[NLIScores]:
        self.calls.extend(pairs)
        out = []
        for premise, hypothesis in pairs:
            neg_p = bool(re.search(r"\b(not|never|no)\b", premise))
            neg_h = bool(re.search(r"\b(not|never|no)\b", hypothesis))
            if neg_p != neg_h:
                out.append(NLIScores(0.05, 0.05, 0.9))
            else:
                out.append(NLIScores(0.6, 0.35, 0.05))
        return out


@pytest.fixture
def embedder() -> HashEmbedder:
    return HashEmbedder()


@pytest.fixture
def scorer() -> RuleScorer:
    return RuleScorer()


@pytest.fixture(scope="session")
def tiny_model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 2-layer BERT NLI classifier with random weights and the MiniLM tokenizer."""
    import torch
    from transformers import AutoTokenizer, BertConfig, BertForSequenceClassification

    from checker.training.train import default_base_model

    torch.manual_seed(0)
    out = tmp_path_factory.mktemp("tiny-nli")
    tokenizer = AutoTokenizer.from_pretrained(default_base_model())
    config = BertConfig(
        vocab_size=tokenizer.vocab_size,
        hidden_size=32,
        num_hidden_layers=2,
        num_attention_heads=2,
        intermediate_size=64,
        max_position_embeddings=256,
        num_labels=3,
        id2label={0: "entailment", 1: "neutral", 2: "contradiction"},
        label2id={"entailment": 0, "neutral": 1, "contradiction": 2},
    )
    BertForSequenceClassification(config).save_pretrained(out)
    tokenizer.save_pretrained(out)
    return out
