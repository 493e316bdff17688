import gzip
import json
import random
from pathlib import Path

import pytest

from checker.nli import NLIModel
from checker.training import synth
from checker.training.data import NOT_ENTAILMENT, read_jsonl, split
from checker.training.evaluate import evaluate_nli
from checker.training.train import TrainConfig, nli_loss, train


def _write(path: Path, rows: list[dict]) -> None:
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row) + "\n")


def test_split_is_by_premise_and_deterministic() -> None:
    from checker.training.data import NLIExample

    rows = [NLIExample(f"premise {i % 50}", f"h {i}", "neutral") for i in range(500)]
    train_a, valid_a = split(rows, 20)
    train_b, valid_b = split(rows, 20)
    assert valid_a == valid_b and 0 < len(valid_a) < 500
    assert not {e.premise for e in train_a} & {e.premise for e in valid_a}


def test_loss_handles_two_way_labels() -> None:
    import torch

    logits = torch.tensor([[5.0, 0.0, 0.0], [0.0, 0.0, 5.0]])
    # not_entailment (3) is satisfied by either neutral or contradiction mass
    low = nli_loss(logits[1:], torch.tensor([3]))
    high = nli_loss(logits[:1], torch.tensor([3]))
    assert low < 0.05 < high
    assert nli_loss(logits, torch.tensor([0, 2])) < 0.05


@pytest.mark.parametrize(
    ("name", "premise", "label"),
    [
        ("number", "Rescuers pulled 37 people from the water.", "contradiction"),
        ("negation", "The bridge had been inspected in March.", "contradiction"),
        ("antonym", "The government raised taxes last year.", "contradiction"),
        ("date", "The talks began on Monday in Tehran.", "contradiction"),
        ("number_words", "Four people were hurt in the crash.", "entailment"),
        ("drop_clause", "The dam, which was built in 1950, held through the night.", "entailment"),
        ("roles", "Greenfield Energy sued Oakport over the contract.", "contradiction"),
    ],
)
def test_synthetic_transforms(name: str, premise: str, label: str) -> None:
    result = synth.TRANSFORMS[name](premise, random.Random(0))
    assert result is not None
    hypothesis, got = result
    assert got == label and hypothesis != premise


def test_generate_balances_transforms() -> None:
    premises = [f"The council has approved {n} new homes in Lerna on Monday." for n in range(10, 400)]
    pairs = synth.generate(premises, per_premise=2, seed=1)
    kinds = {p.source for p in pairs}
    assert {"synthetic-number", "synthetic-negation", "synthetic-antonym", "synthetic-date"} <= kinds
    assert synth.generate(premises, per_premise=2, seed=1) == pairs  # deterministic


def test_tiny_training_run_resumes_and_exports(tmp_path: Path, tiny_model_dir: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    rows = [
        {
            "premise": f"Rescuers pulled {n} people from the river on Monday.",
            "hypothesis": f"Rescuers pulled {n + 5} people from the river.",
            "label": "contradiction",
        }
        for n in range(40)
    ]
    rows += [{"premise": "The dam held.", "hypothesis": "The dam did not break.", "label": "entailment"}] * 5
    _write(data / "toy.jsonl.gz", rows)
    _write(
        data / "toy_2way.jsonl.gz",
        [{"premise": "A cat sat.", "hypothesis": "A dog sat.", "label": "not_entailment"}] * 8,
    )
    config = TrainConfig(
        base_model=str(tiny_model_dir),
        data_dir=str(data),
        output_dir=str(tmp_path / "model"),
        run_dir=str(tmp_path / "run"),
        batch_size=8,
        max_steps=3,
        checkpoint_every=2,
        synthetic_premises=20,
        threads=1,
        valid_percent=20,
    )
    out = train(config)
    assert (out / "config.json").is_file() and (out / "training_config.json").is_file()
    assert json.loads((tmp_path / "run" / "summary.json").read_text())["steps"] == 3
    # A second call resumes from the checkpoint at step 3 and has nothing left to do.
    config.max_steps = 4
    train(config)
    assert json.loads((tmp_path / "run" / "summary.json").read_text())["steps"] == 4
    valid = tmp_path / "run" / "valid.jsonl"
    assert any(e.label in {"contradiction", "entailment", NOT_ENTAILMENT} for e in read_jsonl(valid))
    metrics = evaluate_nli(valid, NLIModel(out), limit=10)
    assert set(metrics) >= {"accuracy", "per_label", "confusion", "examples", "pairs_per_second"}
    assert metrics["examples"] <= 10
