"""The NLI model on ONNX Runtime: the fast CPU path (``--backend onnx``, the default).

The torch model (:class:`checker.nli.NLIModel`) stays the reference. On first use the
model folder is exported to ONNX and its weights quantised to int8 per output channel
(ONNX Runtime's dynamic quantisation); the file is written once into the user cache
folder, keyed by the model's content digest, and reused by every later run. Built
rather than shipped: the int8 file is derived from the weights in git, would double
what every retrained model adds to the repository's history, and takes a few seconds
to build. Why per channel: with one scale per weight matrix the news held-out accuracy
fell 1.4 points, with one per output channel 0.3 (``checker eval-nli --backend``).

Tokenisation uses the ``tokenizers`` library on the model's ``tokenizer.json``
directly (the same tokenizer transformers wraps, without importing transformers).
"""

from __future__ import annotations

import json
import logging
import os
import warnings
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from checker.cache import default_cache_path
from checker.errors import ModelError
from checker.nli import NLIModel, NLIScores, label_indices, scores_from_probs

log = logging.getLogger(__name__)


def onnx_path(model: NLIModel) -> Path:
    digest = model.identity.rsplit("|", 1)[-1]
    return default_cache_path().parent / "onnx" / f"{model.model_dir.name}-{digest}-int8.onnx"


def build_onnx(model_dir: Path, target: Path) -> Path:
    """Export ``model_dir`` to ONNX, quantise it to int8 per channel, write ``target``."""
    import tempfile

    import torch
    import transformers
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from transformers import AutoModelForSequenceClassification

    transformers.utils.logging.disable_progress_bar()
    model = AutoModelForSequenceClassification.from_pretrained(
        str(model_dir), local_files_only=True, dtype=torch.float32
    ).eval()
    names = ["input_ids", "attention_mask", "token_type_ids"]
    ids = torch.full((2, 8), 1000, dtype=torch.long)
    mask = torch.ones((2, 8), dtype=torch.long)
    mask[1, 5:] = 0  # a padded row, so the traced graph is the general one
    example = (ids, mask, torch.zeros((2, 8), dtype=torch.long))
    target.parent.mkdir(parents=True, exist_ok=True)
    root = logging.getLogger()
    level = root.level
    root.setLevel(logging.ERROR)  # the quantiser's advice goes to the root logger
    try:
        with tempfile.TemporaryDirectory(dir=target.parent) as tmp, warnings.catch_warnings():
            warnings.simplefilter("ignore")  # tracer notes about shapes that are constant here
            plain = Path(tmp) / "model.onnx"
            torch.onnx.export(
                model,
                example,
                str(plain),
                input_names=names,
                output_names=["logits"],
                dynamic_axes={**{n: {0: "batch", 1: "tokens"} for n in names}, "logits": {0: "batch"}},
                opset_version=17,
                dynamo=False,
            )
            quantised = Path(tmp) / "model-int8.onnx"
            quantize_dynamic(str(plain), str(quantised), weight_type=QuantType.QInt8, per_channel=True)
            os.replace(quantised, target)  # atomic: another process sees the whole file or none
    finally:
        root.setLevel(level)
    log.info("built %s", target)
    return target


class OnnxNLIModel:
    """The same model as :class:`NLIModel`, scored by ONNX Runtime with int8 weights."""

    def __init__(
        self,
        model_name_or_path: str | Path | None = None,
        *,
        batch_size: int = 32,
        max_length: int = 256,
        threads: int | None = None,
    ) -> None:
        self._reference = NLIModel(model_name_or_path, batch_size=batch_size, max_length=max_length)
        if not (self._reference.model_dir / "config.json").is_file():
            raise ModelError(
                f"{self._reference.name}: the onnx backend needs a local model folder (use --backend torch)"
            )
        self.name = self._reference.name
        self.batch_size = batch_size
        self.max_length = max_length
        self._threads = threads or min(4, os.cpu_count() or 1)
        self._session = None
        self._tokenizer = None
        self._labels: dict[str, int] = {}

    @property
    def identity(self) -> str:
        return self._reference.identity + "|onnx-int8"

    def _load(self) -> None:
        if self._session is not None:
            return
        import onnxruntime as ort
        from tokenizers import Tokenizer

        folder = self._reference.model_dir
        target = onnx_path(self._reference)
        if not target.is_file():
            log.warning("building the int8 ONNX model once (a few seconds): %s", target)
            try:
                build_onnx(folder, target)
            except (OSError, ValueError, RuntimeError) as exc:
                raise ModelError(f"cannot build the ONNX model from {folder}: {exc}") from exc
        options = ort.SessionOptions()
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.intra_op_num_threads = self._threads
        options.log_severity_level = 3
        try:
            self._session = ort.InferenceSession(str(target), options, providers=["CPUExecutionProvider"])
            tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
            config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
        except Exception as exc:  # noqa: BLE001 - onnxruntime raises its own exception types
            raise ModelError(f"cannot load the ONNX model {target}: {exc}") from exc
        tokenizer.enable_truncation(self.max_length)
        tokenizer.enable_padding()
        self._tokenizer = tokenizer
        self._labels = label_indices({int(k): v for k, v in config["id2label"].items()}, self.name)
        self._inputs = {i.name for i in self._session.get_inputs()}

    def score(self, pairs: Sequence[tuple[str, str]]) -> list[NLIScores]:
        """Score (premise, hypothesis) pairs; shorter pairs are batched together."""
        if not pairs:
            return []
        self._load()
        assert self._session is not None and self._tokenizer is not None
        order = sorted(range(len(pairs)), key=lambda i: len(pairs[i][0]) + len(pairs[i][1]))
        results: list[NLIScores | None] = [None] * len(pairs)
        for start in range(0, len(order), self.batch_size):
            batch = order[start : start + self.batch_size]
            encoded = self._tokenizer.encode_batch([pairs[i] for i in batch])
            feed = {
                "input_ids": np.array([e.ids for e in encoded], dtype=np.int64),
                "attention_mask": np.array([e.attention_mask for e in encoded], dtype=np.int64),
                "token_type_ids": np.array([e.type_ids for e in encoded], dtype=np.int64),
            }
            logits = self._session.run(None, {k: v for k, v in feed.items() if k in self._inputs})[0]
            logits = logits - logits.max(axis=1, keepdims=True)
            probs = np.exp(logits)
            probs /= probs.sum(axis=1, keepdims=True)
            for row, i in enumerate(batch):
                results[i] = scores_from_probs(probs[row].tolist(), self._labels)
        return [r for r in results if r is not None]


def make_nli_model(model: str | None = None, backend: str = "onnx") -> NLIModel | OnnxNLIModel:
    """The NLI model for ``backend``: "onnx" (int8, the default) or "torch" (the reference)."""
    if backend == "torch":
        return NLIModel(model)
    if backend == "onnx":
        reference = NLIModel(model)
        if not (reference.model_dir / "config.json").is_file():  # a hub id: torch reads the hub cache
            log.info("%s is not a local folder; scoring it with torch", reference.name)
            return reference
        return OnnxNLIModel(model)
    raise ModelError(f"unknown backend {backend!r} (onnx or torch)")
