"""The pipeline: compose the stages, nothing more."""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from checker import __version__
from checker.align import AlignConfig, Embedder, align
from checker.cache import Cache, CachedEmbedder, CachedPairScorer
from checker.claims import extract_claims
from checker.compare import CompareConfig, compare
from checker.errors import InputError
from checker.facts import extract_facts
from checker.nli import PairScorer
from checker.onnx_models import make_embedder, make_nli_model
from checker.progress import ProgressBar
from checker.scoring import Scorer, load_scorer
from checker.sources import load_sources
from checker.types import Claim, Finding, Report, Source, SourceSummary

log = logging.getLogger(__name__)


@dataclass
class CheckOptions:
    """Knobs of one check; the defaults are what the CLI uses."""

    model: str | None = None  # NLI model folder or hub id; None: the shipped model
    backend: str = "onnx"  # "onnx": int8 ONNX Runtime (checker.onnx_models); "torch": the reference
    min_score: float | None = None  # None: the scorer's fitted report threshold
    use_nli: bool = True
    scorer: str | None = None  # None: the shipped fitted scorer; "rules": the hand-set baseline
    # Larger inputs are refused at once rather than left to run for many minutes: 5,000
    # claims is about 150 articles, checked in a few minutes on 2 cores.
    max_claims: int = 5000
    align: AlignConfig | None = None
    compare: CompareConfig | None = None
    # Embeddings and NLI results of the shipped models by content hash (checker.cache);
    # None: the user cache folder. Only models the pipeline builds itself are cached.
    cache: bool = True
    cache_path: Path | None = None
    # Indexes of the sources under review (``checker ci``): only claim pairs and findings
    # that involve one of them; None: every source.
    focus: frozenset[int] | None = None


def read_claims(
    sources: Sequence[Source], max_claims: int
) -> tuple[list[Claim], list[SourceSummary], dict[int, list[str]]]:
    """The claims of every article, a summary per article, and the identical copies.

    An identical article (the same text once boilerplate is gone) is checked once; the
    third value maps the first copy's index to the paths of the others.
    """
    claims: list[Claim] = []
    summaries: list[SourceSummary] = []
    first_of: dict[str, int] = {}
    copies: dict[int, list[str]] = {}
    for index, source in enumerate(sources):
        body = "\n".join(block.text for block in source.blocks)
        if body in first_of:
            copies.setdefault(first_of[body], []).append(source.path)
            summaries.append(SourceSummary(source.path, source.title, source.published, 0, 0))
            continue
        first_of[body] = index
        sentences, found = extract_claims(source, index)
        # Claim ids must be unique across sources, which extract_claims already ensures.
        claims.extend(found)
        summaries.append(
            SourceSummary(source.path, source.title, source.published, len(sentences), len(found))
        )
    if len(claims) > max_claims:
        largest = max(summaries, key=lambda s: s.claims)
        raise InputError(
            f"{largest.path}: {len(claims):,} claims in the input, over the limit of {max_claims:,} "
            "(check fewer or shorter articles at a time)"
        )
    return claims, summaries, copies


def check_sources(
    sources: Sequence[Source],
    options: CheckOptions | None = None,
    *,
    scorer: PairScorer | None = None,
    embedder: Embedder | None = None,
    finding_scorer: Scorer | None = None,
    progress: ProgressBar | None = None,
) -> Report:
    """Check already-loaded sources against each other and themselves."""
    options = options or CheckOptions()
    started = time.perf_counter()
    claims, summaries, copies = read_claims(sources, options.max_claims)
    cache = _open_cache(options) if (scorer is None or embedder is None) and len(claims) > 1 else None
    if scorer is None and options.use_nli and claims:
        scorer = make_nli_model(options.model, options.backend)
        if cache is not None:
            scorer = CachedPairScorer(scorer, cache)
    if embedder is None:
        embedder = make_embedder(options.backend)
        if cache is not None:
            embedder = CachedEmbedder(embedder, cache, getattr(embedder, "identity", type(embedder).__name__))
    factset = extract_facts(claims, sources)
    pairs = align(factset.facts, embedder, options.align) if len(claims) > 1 else []
    if options.focus is not None:
        pairs = [p for p in pairs if {claims[p.a].source_index, claims[p.b].source_index} & options.focus]
    judge = finding_scorer or load_scorer(options.scorer)
    nli = scorer if options.use_nli else None
    if nli is not None and progress is not None:
        nli = progress.scorer(nli)
    findings = compare(factset, sources, pairs, nli, judge, options.min_score, options.compare)
    if options.focus is not None:
        findings = renumber([f for f in findings if _sources_of(f) & options.focus])
    if copies:
        findings = [_name_copies(f, copies) for f in findings]
    stats: dict[str, float | int | str] = {
        "claims": len(claims),
        "candidate_pairs": len(pairs),
        "findings": len(findings),
        "seconds": round(time.perf_counter() - started, 2),
        "model": scorer.name if scorer is not None else "none",
        "scorer": judge.name,
        "identical_sources": sum(len(v) for v in copies.values()),
    }
    return Report(
        version=__version__,
        sources=tuple(summaries),
        findings=tuple(findings),
        stats=stats,
        source_texts=tuple(s.text for s in sources),
    )


def renumber(findings: Sequence[Finding]) -> list[Finding]:
    """Ids F1, F2 ... in report order, after findings were left out."""
    return [f if f.id == f"F{n}" else replace(f, id=f"F{n}") for n, f in enumerate(findings, 1)]


def _sources_of(finding: Finding) -> set[int]:
    return {c.source_index for c in (finding.claim_a, finding.claim_b) if c is not None}


def _open_cache(options: CheckOptions) -> Cache | None:
    """The cache, or None with a warning when it cannot be used (a run never fails for it)."""
    if not options.cache:
        return None
    try:
        return Cache.open(options.cache_path)
    except (InputError, OSError) as exc:
        log.warning("running without the cache: %s", exc)
        return None


def _name_copies(finding: Finding, copies: dict[int, list[str]]) -> Finding:
    also = [
        p for c in (finding.claim_a, finding.claim_b) if c is not None for p in copies.get(c.source_index, [])
    ]
    if not also:
        return finding
    return replace(finding, evidence={**finding.evidence, "identical_text_in": ", ".join(also)})


def check(
    inputs: Sequence[str],
    options: CheckOptions | None = None,
    *,
    stdin_text: str | None = None,
    scorer: PairScorer | None = None,
    embedder: Embedder | None = None,
) -> Report:
    """Read articles (paths, folders or "-") and report where they disagree.

    Example:
        >>> report = check(["examples/"])  # doctest: +SKIP
        >>> report.findings[0].explanation  # doctest: +SKIP
        "'12,00' is not a well-formed number; ..."
    """
    sources = load_sources(inputs, stdin_text=stdin_text)
    return check_sources(sources, options, scorer=scorer, embedder=embedder)
