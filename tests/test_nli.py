import pytest

from checker.errors import ModelError
from checker.nli import NLIModel, label_indices


def test_label_indices_from_config() -> None:
    assert label_indices({0: "ENTAILMENT", 1: "neutral", 2: "Contradiction"}, "m") == {
        "entailment": 0,
        "neutral": 1,
        "contradiction": 2,
    }


def test_known_checkpoint_with_generic_labels() -> None:
    got = label_indices({0: "LABEL_0", 1: "LABEL_1", 2: "LABEL_2"}, "roberta-large-mnli")
    assert got == {"contradiction": 0, "neutral": 1, "entailment": 2}


def test_unknown_labels_fail_clearly() -> None:
    with pytest.raises(ModelError, match="generic names"):
        label_indices({0: "LABEL_0", 1: "LABEL_1"}, "some/model")
    with pytest.raises(ModelError, match="unknown NLI label"):
        label_indices({0: "positive", 1: "negative"}, "sentiment")


def test_missing_model_is_a_model_error(tmp_path) -> None:
    with pytest.raises(ModelError, match="does not exist"):
        NLIModel(tmp_path / "nope").score([("a", "b")])


def test_tiny_model_scores_in_both_orders(tiny_model_dir) -> None:
    model = NLIModel(tiny_model_dir, batch_size=2)
    pairs = [("Six cars fell.", "Four cars fell."), ("A long premise " * 10, "short"), ("x", "y")]
    scores = model.score(pairs)
    assert len(scores) == 3
    for s in scores:
        assert s.entailment + s.neutral + s.contradiction == pytest.approx(1.0, abs=1e-4)
    # Batching and sorting by length must not reorder results.
    assert model.score(pairs[:1])[0].contradiction == pytest.approx(scores[0].contradiction, abs=1e-5)
    assert model.score([]) == []
