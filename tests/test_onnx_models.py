"""The ONNX Runtime backend: built once into the cache, same labels as the torch model."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.errors import ModelError
from checker.nli import NLIModel
from checker.onnx_models import OnnxNLIModel, make_nli_model, onnx_path

pytest.importorskip("onnxruntime")

PAIRS = [
    ("Six cars fell into the canal on Monday.", "Four cars fell into the canal on Monday."),
    ("The march ended peacefully.", "The protest turned violent and police used tear gas."),
    ("Rescuers pulled nine people from the water.", "Nine people were rescued."),
    ("a", "b"),
]


def test_onnx_scores_match_the_torch_model(tiny_model_dir: Path) -> None:
    reference = NLIModel(str(tiny_model_dir)).score(PAIRS)
    model = OnnxNLIModel(str(tiny_model_dir), batch_size=2)  # two batches, one padded
    fast = model.score(PAIRS)
    assert onnx_path(model._reference).is_file()  # built into the cache folder
    for ref, got in zip(reference, fast, strict=True):
        # int8 weights: close to the reference, not equal to it
        assert abs(ref.contradiction - got.contradiction) < 0.05
        assert abs(ref.entailment - got.entailment) < 0.05
        assert abs(got.entailment + got.neutral + got.contradiction - 1) < 1e-5
    again = OnnxNLIModel(str(tiny_model_dir)).score(PAIRS)  # the built file is reused
    assert [s.label for s in again] == [s.label for s in fast]


def test_identity_tells_backends_apart(tiny_model_dir: Path) -> None:
    assert OnnxNLIModel(str(tiny_model_dir)).identity != NLIModel(str(tiny_model_dir)).identity


def test_backend_choice(tiny_model_dir: Path) -> None:
    assert isinstance(make_nli_model(str(tiny_model_dir), "onnx"), OnnxNLIModel)
    assert isinstance(make_nli_model(str(tiny_model_dir), "torch"), NLIModel)
    with pytest.raises(ModelError, match="unknown backend"):
        make_nli_model(str(tiny_model_dir), "tpu")
    # A hub id has no local folder to export: the torch path reads it.
    assert isinstance(make_nli_model("roberta-large-mnli", "onnx"), NLIModel)


def test_onnx_embedder_gives_the_torch_vectors() -> None:
    import numpy as np

    from checker.align import MiniLMEmbedder
    from checker.onnx_models import OnnxEmbedder

    texts = [p for pair in PAIRS for p in pair] + ["A much longer sentence " * 20]
    fast, reference = OnnxEmbedder(batch_size=3).encode(texts), MiniLMEmbedder().encode(texts)
    assert fast.shape == reference.shape == (len(texts), 384)
    assert float(np.abs(fast - reference).max()) < 1e-4  # fp32 both: equal up to rounding
    assert OnnxEmbedder().identity != MiniLMEmbedder().identity


def test_identity_follows_the_weights_not_the_model_card(tiny_model_dir: Path, tmp_path: Path) -> None:
    import shutil

    copy = tmp_path / "model"
    shutil.copytree(tiny_model_dir, copy)
    before = NLIModel(str(copy)).identity
    (copy / "README.md").write_text("a new model card")
    (copy / "training_summary.json").write_text("{}")
    assert NLIModel(str(copy)).identity == before
    (copy / "config.json").write_text((copy / "config.json").read_text().replace("}", ' , "x": 1}', 1))
    assert NLIModel(str(copy)).identity != before


def test_a_model_without_a_fast_tokenizer_names_the_torch_backend(
    tiny_model_dir: Path, tmp_path: Path
) -> None:
    import shutil

    copy = tmp_path / "model"
    shutil.copytree(tiny_model_dir, copy)
    (copy / "tokenizer.json").unlink()
    with pytest.raises(ModelError, match="--backend torch"):
        OnnxNLIModel(str(copy)).score(PAIRS)
