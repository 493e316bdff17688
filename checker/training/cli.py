"""Argument parsing for the training entry point (kept apart so the trainer stays a library)."""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

from checker.training.train import (
    DEFAULT_LIMITS,
    TrainConfig,
    default_base_model,
    export_checkpoint,
    train,
    write_validation_files,
)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m checker.training", description=__doc__)
    parser.add_argument("--data", default="../shared/data/nli/train", help="folder of *.jsonl.gz")
    parser.add_argument("--output", default="models/checker-nli-minilm", help="model folder to write")
    parser.add_argument("--run-dir", default="runs/nli", help="checkpoints and logs (not in git)")
    parser.add_argument("--base-model", default=None, help="encoder folder; default: packaged MiniLM")
    parser.add_argument("--articles", default="examples", help="articles that seed synthetic pairs")
    parser.add_argument("--epochs", type=float, default=1.0)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--lr", type=float, default=6e-5)
    parser.add_argument("--max-length", type=int, default=128)
    parser.add_argument("--max-steps", type=int, default=None)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--mnli-repeats", type=int, default=2, help="times each MNLI pair is shown")
    parser.add_argument(
        "--synthetic-premises", type=int, default=16000, help="premises that seed synthetic pairs"
    )
    parser.add_argument(
        "--default-limit", type=int, default=1500, help="cap on each templated 2-way curriculum file"
    )
    parser.add_argument(
        "--extra-train",
        action="append",
        default=[],
        metavar="DIR",
        help="folder of pairs used whole for training (held out elsewhere); repeatable",
    )
    parser.add_argument(
        "--limit",
        action="append",
        default=[],
        metavar="FILE=N",
        help="cap on one data file by its stem (N or 'all'); repeatable",
    )
    parser.add_argument("--threads", type=int, default=2, help="CPU threads for torch")
    parser.add_argument("--export-only", action="store_true", help="export the last checkpoint")
    parser.add_argument(
        "--write-validation",
        metavar="DIR",
        default=None,
        help="write the held-out pairs (all, MNLI only, synthetic only) as JSONL and stop",
    )
    args = parser.parse_args(argv)
    limits = dict(DEFAULT_LIMITS)
    for item in args.limit:
        stem, _, value = item.partition("=")
        if not value or not (value == "all" or value.isdigit()):
            parser.error(f"--limit takes FILE=N or FILE=all, not {item!r}")
        limits[stem] = None if value == "all" else int(value)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    config = TrainConfig(
        base_model=args.base_model or default_base_model(),
        data_dir=args.data,
        output_dir=args.output,
        run_dir=args.run_dir,
        example_articles=args.articles,
        epochs=args.epochs,
        batch_size=args.batch_size,
        learning_rate=args.lr,
        max_length=args.max_length,
        max_steps=args.max_steps,
        seed=args.seed,
        mnli_repeats=args.mnli_repeats,
        synthetic_premises=args.synthetic_premises,
        default_limit=args.default_limit,
        limits=limits,
        extra_train_dirs=args.extra_train,
        threads=args.threads,
    )
    if args.write_validation:
        write_validation_files(config, Path(args.write_validation))
    elif args.export_only:
        export_checkpoint(config)
    else:
        train(config)
