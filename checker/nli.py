"""The NLI model wrapper: one class, loaded lazily, offline by default.

torch and transformers are imported here only, so the CLI's ``--help`` and the
stage tests never pay for them.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from checker.errors import ModelError

log = logging.getLogger(__name__)

DEFAULT_MODEL_NAME = "checker-nli-minilm"
# Label names used by public NLI checkpoints that do not spell them out in id2label.
KNOWN_LABEL_ORDERS: dict[str, tuple[str, ...]] = {
    "roberta-large-mnli": ("contradiction", "neutral", "entailment"),
    "microsoft/deberta-large-mnli": ("contradiction", "neutral", "entailment"),
    "cross-encoder/nli-deberta-v3-xsmall": ("contradiction", "entailment", "neutral"),
    "cross-encoder/nli-deberta-v3-small": ("contradiction", "entailment", "neutral"),
    "cross-encoder/nli-minilm2-l6-h768": ("contradiction", "entailment", "neutral"),
}
_ALIASES = {
    "entailment": "entailment",
    "entail": "entailment",
    "entails": "entailment",
    "neutral": "neutral",
    "contradiction": "contradiction",
    "contradict": "contradiction",
    "contradicts": "contradiction",
    "not_entailment": "not_entailment",
    "non_entailment": "not_entailment",
}


@dataclass(frozen=True)
class NLIScores:
    """Probabilities that the premise entails, is neutral to, or contradicts the hypothesis."""

    entailment: float
    neutral: float
    contradiction: float

    @staticmethod
    def mean(forward: NLIScores, backward: NLIScores) -> NLIScores:
        """The two directions of one pair, averaged."""
        return NLIScores(
            (forward.entailment + backward.entailment) / 2,
            (forward.neutral + backward.neutral) / 2,
            (forward.contradiction + backward.contradiction) / 2,
        )

    @property
    def label(self) -> str:
        best = max(("entailment", "neutral", "contradiction"), key=lambda k: getattr(self, k))
        return best


class PairScorer(Protocol):
    """Anything that scores (premise, hypothesis) pairs: the real model or a test fake."""

    name: str

    def score(self, pairs: Sequence[tuple[str, str]]) -> list[NLIScores]: ...


def default_model_path() -> Path:
    """The shipped model: $CHECKER_MODEL, else ``models/checker-nli-minilm`` beside the package."""
    env = os.environ.get("CHECKER_MODEL")
    if env:
        return Path(env)
    candidates = [
        Path(__file__).resolve().parent.parent / "models" / DEFAULT_MODEL_NAME,
        Path.cwd() / "models" / DEFAULT_MODEL_NAME,
    ]
    for candidate in candidates:
        if (candidate / "config.json").is_file():
            return candidate
    return candidates[0]


def label_indices(id2label: dict[int, str], model_name: str) -> dict[str, int]:
    """Map entailment/neutral/contradiction to output indices, failing on unknown labels."""
    names = {int(i): str(name).strip().lower().replace("-", "_") for i, name in id2label.items()}
    if all(name.startswith("label_") for name in names.values()):
        order = KNOWN_LABEL_ORDERS.get(model_name.lower().rstrip("/"))
        if order is None:
            raise ModelError(
                f"{model_name}: config.id2label has only generic names {sorted(names.values())}; "
                "cannot tell which output is contradiction"
            )
        names = dict(enumerate(order))
    mapped: dict[str, int] = {}
    for index, name in names.items():
        if name not in _ALIASES:
            raise ModelError(f"{model_name}: unknown NLI label {name!r} in config.id2label")
        mapped[_ALIASES[name]] = index
    if "entailment" not in mapped or "contradiction" not in mapped:
        raise ModelError(f"{model_name}: an NLI model needs entailment and contradiction labels")
    return mapped


class NLIModel:
    """A Hugging Face sequence-classification NLI model, scored in batches.

    Example:
        >>> model = NLIModel("models/checker-nli-minilm")  # doctest: +SKIP
        >>> model.score([("Six cars fell.", "Four cars fell.")])[0].label  # doctest: +SKIP
        'contradiction'
    """

    def __init__(
        self,
        model_name_or_path: str | Path | None = None,
        *,
        device: str | None = None,
        batch_size: int = 32,
        max_length: int = 256,
        local_files_only: bool = True,
        threads: int | None = None,
    ) -> None:
        path = Path(model_name_or_path) if model_name_or_path else default_model_path()
        if model_name_or_path is None and not (path / "config.json").is_file():
            raise ModelError(
                f"the default NLI model is missing ({path}); pass --model with a local model folder"
            )
        given = str(model_name_or_path or "")
        looks_like_path = (
            given.startswith((".", "~")) or os.sep in given.strip(os.sep) or given.startswith(os.sep)
        )
        if model_name_or_path is not None and looks_like_path and not path.expanduser().is_dir():
            raise ModelError(
                f"NLI model folder {given} does not exist "
                f"(leave out --model for the shipped model, {DEFAULT_MODEL_NAME})"
            )
        path = path.expanduser()
        self.name = str(model_name_or_path or path)
        self._path = path
        self._device_name = device
        self.batch_size = batch_size
        self.max_length = max_length
        self._local_only = local_files_only
        self._threads = threads
        self._model = None
        self._tokenizer = None
        self._labels: dict[str, int] = {}

    @property
    def model_dir(self) -> Path:
        """The local folder of the model (for a hub id, a path that may not exist)."""
        return self._path

    @property
    def identity(self) -> str:
        """The name plus a digest of the local model files: cached results of other weights
        under the same name are never reused. Content, not file times, so a fresh clone
        of the same weights keeps its cache; a large file is sampled at both ends (and
        its size), which tells any retrained model apart in a few milliseconds."""
        if not self._path.is_dir():
            return self.name
        return f"{self._path.name}|{model_digest(self._path, str(self.max_length))}"

    def _load(self) -> None:
        if self._model is not None:
            return
        import torch
        import transformers
        from transformers import AutoModelForSequenceClassification, AutoTokenizer

        transformers.utils.logging.disable_progress_bar()  # stderr is for errors and logs
        if self._threads:
            torch.set_num_threads(self._threads)
        source = str(self._path)
        try:
            tokenizer = AutoTokenizer.from_pretrained(source, local_files_only=self._local_only)
            model = AutoModelForSequenceClassification.from_pretrained(
                source, local_files_only=self._local_only, dtype=torch.float32
            )
        except (OSError, ValueError) as exc:
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise ModelError(f"cannot load NLI model {self.name}: {first}") from exc
        self._labels = label_indices(model.config.id2label, self.name)
        device = self._device_name or ("cuda" if torch.cuda.is_available() else "cpu")
        self._model = model.to(device).eval()
        self._tokenizer = tokenizer
        log.info("loaded NLI model %s on %s", self.name, device)

    def score(self, pairs: Sequence[tuple[str, str]]) -> list[NLIScores]:
        """Score (premise, hypothesis) pairs; shorter pairs are batched together."""
        if not pairs:
            return []
        self._load()
        import torch

        assert self._model is not None and self._tokenizer is not None  # set by _load
        order = sorted(range(len(pairs)), key=lambda i: len(pairs[i][0]) + len(pairs[i][1]))
        results: list[NLIScores | None] = [None] * len(pairs)
        device = next(self._model.parameters()).device
        with torch.inference_mode():
            for start in range(0, len(order), self.batch_size):
                batch = order[start : start + self.batch_size]
                enc = self._tokenizer(
                    [pairs[i][0] for i in batch],
                    [pairs[i][1] for i in batch],
                    padding=True,
                    truncation=True,
                    max_length=self.max_length,
                    return_tensors="pt",
                ).to(device)
                probs = torch.softmax(self._model(**enc).logits.float(), dim=-1).cpu()
                for row, i in enumerate(batch):
                    results[i] = self._to_scores(probs[row].tolist())
        return [r for r in results if r is not None]

    def _to_scores(self, probs: list[float]) -> NLIScores:
        return scores_from_probs(probs, self._labels)


def model_digest(folder: Path, salt: str) -> str:
    """A digest of the files of a model folder that shape its outputs, and of ``salt``
    (settings such as the maximum length). Content, not the path, so clones share it."""
    import hashlib

    digest = hashlib.sha256(salt.encode())
    for file in sorted(f for f in folder.iterdir() if f.is_file() and _is_model_file(f)):
        size = file.stat().st_size
        digest.update(f"{file.name}:{size}".encode())
        with file.open("rb") as handle:
            digest.update(handle.read(1 << 20))
            if size > 2 << 20:
                handle.seek(-(1 << 20), os.SEEK_END)
                digest.update(handle.read())
    return digest.hexdigest()[:16]


def _is_model_file(path: Path) -> bool:
    """Files that shape the model's outputs: weights, config, tokenizer (not the card,
    nor training logs, whose edits must not invalidate cached results)."""
    return path.suffix in (".safetensors", ".bin", ".txt", ".model") or path.name in (
        "config.json",
        "tokenizer.json",
        "tokenizer_config.json",
        "special_tokens_map.json",
    )


def scores_from_probs(probs: list[float], labels: dict[str, int]) -> NLIScores:
    """One output row as NLIScores, by the label indices of :func:`label_indices`."""
    entail = probs[labels["entailment"]]
    contra = probs[labels["contradiction"]]
    if "neutral" in labels:
        neutral = probs[labels["neutral"]]
    else:  # 2-way with a contradiction label: the rest is neutral
        neutral = max(0.0, 1.0 - entail - contra)
    return NLIScores(entailment=entail, neutral=neutral, contradiction=contra)
