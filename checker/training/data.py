"""NLI records: reading JSONL(.gz), label handling and a deterministic train/validation split."""

from __future__ import annotations

import gzip
import hashlib
import json
import random
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from checker.errors import DataError

# Label order of every model this project trains; stored in config.id2label.
LABELS: tuple[str, ...] = ("entailment", "neutral", "contradiction")
LABEL_INDEX = {name: i for i, name in enumerate(LABELS)}
# 2-way sets say only "not entailment"; training treats it as "neutral or contradiction".
NOT_ENTAILMENT = "not_entailment"


@dataclass(frozen=True)
class NLIExample:
    premise: str
    hypothesis: str
    label: str  # one of LABELS or NOT_ENTAILMENT
    source: str = ""


def normalise_label(raw: object) -> str:
    """Map the label spellings found in public NLI sets onto ours."""
    text = str(raw).strip().lower().replace("-", "_").replace(" ", "_")
    aliases = {
        "entailment": "entailment",
        "entails": "entailment",
        "neutral": "neutral",
        "contradiction": "contradiction",
        "contradicts": "contradiction",
        "not_entailment": NOT_ENTAILMENT,
        "non_entailment": NOT_ENTAILMENT,
    }
    if text not in aliases:
        raise DataError(f"unknown NLI label {raw!r}")
    return aliases[text]


def read_jsonl(path: Path) -> Iterator[NLIExample]:
    """Yield examples from a .jsonl or .jsonl.gz file with premise/hypothesis/label fields."""
    opener = gzip.open if path.suffix == ".gz" else open
    try:
        with opener(path, "rt", encoding="utf-8") as handle:  # type: ignore[operator]
            for line_no, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                    yield NLIExample(
                        premise=str(row["premise"]),
                        hypothesis=str(row["hypothesis"]),
                        label=normalise_label(row["label"]),
                        source=str(row.get("source", path.name)),
                    )
                except (json.JSONDecodeError, KeyError, TypeError) as exc:
                    raise DataError(f"{path}:{line_no}: not an NLI record ({exc})") from exc
    except OSError as exc:
        raise DataError(f"cannot read {path}: {exc.strerror or exc}") from exc


def is_validation(example: NLIExample, percent: int) -> bool:
    """Hash the premise so every hypothesis of one premise lands on the same side."""
    digest = hashlib.sha1(example.premise.encode("utf-8")).digest()
    return digest[0] * 100 // 256 < percent


def split(examples: Iterable[NLIExample], percent: int) -> tuple[list[NLIExample], list[NLIExample]]:
    """Return (train, validation) with ``percent`` of premises held out."""
    train: list[NLIExample] = []
    valid: list[NLIExample] = []
    for ex in examples:
        (valid if is_validation(ex, percent) else train).append(ex)
    return train, valid


def sample(examples: list[NLIExample], limit: int | None, seed: int) -> list[NLIExample]:
    """Deterministic subsample of at most ``limit`` examples (all of them when None)."""
    if limit is None or len(examples) <= limit:
        return list(examples)
    rng = random.Random(seed)
    return rng.sample(examples, limit)
