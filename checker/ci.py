"""``checker ci``: new articles against the corpus of earlier ones, for a build gate.

1. The corpus store is brought in step with the corpus folder (only changed files are
   read, parsed and embedded; see :mod:`checker.store`).
2. Each new article's claims are embedded and the earlier articles about the same
   event are retrieved: those where at least ``min_claims`` of its claims have a close
   match (cosine ``min_similarity``), the closest ``max_related`` at most.
3. The new articles and those earlier ones go through the usual check, with only the
   claim pairs that involve a new article scored (``CheckOptions.focus``) and the
   store's cache for embeddings and NLI results, so a warm store scores only new pairs.
4. Findings that involve a new article are reported, less those whose fingerprint is
   in the baseline.

The retrieval defaults were chosen on the story corpus (``scripts/retrieval_report.py``
on 80 train stories, 202 articles): an earlier article of the same story is found 93%
of the time, with 2.9 articles of other stories taken along per new article before
the cap (at 0.6 / 2 claims: 73% and 0.2).
"""

from __future__ import annotations

import logging
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from checker.baseline import Baseline
from checker.cache import CachedEmbedder, CachedPairScorer
from checker.errors import InputError
from checker.onnx_models import make_embedder, make_nli_model
from checker.pipeline import CheckOptions, check_sources, renumber
from checker.progress import ProgressBar
from checker.sources import SUPPORTED_EXTENSIONS, load_sources
from checker.store import CorpusStore, IndexStats, claim_texts, is_ignored
from checker.types import Finding, Report

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RetrievalConfig:
    min_similarity: float = 0.5
    min_claims: int = 2
    max_related: int = 10  # earlier articles checked per new article, the closest first


@dataclass(frozen=True)
class CIResult:
    report: Report  # findings that involve a new article and are not in the baseline
    accepted: tuple[Finding, ...]  # findings left out because the baseline holds them
    related: tuple[str, ...]  # earlier articles checked against the new ones
    index: IndexStats


def open_store(path: Path) -> CorpusStore:
    return CorpusStore(path)


def index_corpus(
    folder: Path, store_path: Path, *, ignore: Sequence[str] = (), backend: str = "onnx"
) -> IndexStats:
    """Build or refresh the store of ``folder`` (``checker index``)."""
    store = open_store(store_path)
    try:
        embedder = make_embedder(backend)
        cached = CachedEmbedder(embedder, store.cache, getattr(embedder, "identity", type(embedder).__name__))
        return store.refresh(folder, cached, ignore=ignore)
    finally:
        store.close()


def run_ci(
    new: Sequence[str],
    corpus: Path,
    store_path: Path,
    *,
    options: CheckOptions | None = None,
    baseline: Baseline | None = None,
    ignore: Sequence[str] = (),
    retrieval: RetrievalConfig | None = None,
    embedder=None,
    scorer=None,
    progress: ProgressBar | None = None,
) -> CIResult:
    """Check ``new`` articles against each other and the related articles of ``corpus``.

    ``embedder`` and ``scorer`` replace the shipped models (tests pass fakes); either
    way their results are cached in the store.
    """
    options = options or CheckOptions()
    retrieval = retrieval or RetrievalConfig()
    baseline = baseline or Baseline({})
    new_sources = load_sources(list(new))  # a missing new article fails before any work
    store = open_store(store_path)
    try:
        base = embedder or make_embedder(options.backend)
        cached = CachedEmbedder(base, store.cache, getattr(base, "identity", type(base).__name__))
        stats = store.refresh(corpus, cached, ignore=ignore)
        if stats.articles == 0:  # not silent: an empty corpus checks nothing against the past
            log.warning(
                "%s: the corpus has no articles; the new ones are checked against each other only", corpus
            )
        under_review = _relative_to(corpus, [Path(p) for p in new])
        per_article = store.related(
            [cached.encode(claim_texts(source)) for source in new_sources],
            min_similarity=retrieval.min_similarity,
            min_claims=retrieval.min_claims,
            limit=retrieval.max_related,
            exclude=under_review,
        )
        # Each new article brings its closest earlier ones (at most max_related each).
        related = list(dict.fromkeys(rel for found in per_article for rel, _, _ in found))
        earlier = [store.source(rel, corpus) for rel in related]
        log.info("checking %d new against %d earlier articles: %s", len(new_sources), len(earlier), related)
        nli = None
        if options.use_nli:
            nli = CachedPairScorer(scorer or make_nli_model(options.model, options.backend), store.cache)
        options = replace(options, focus=frozenset(range(len(new_sources))), cache=False)
        report = check_sources(
            [*new_sources, *earlier], options, scorer=nli, embedder=cached, progress=progress
        )
    finally:
        store.close()
    findings = [_new_side_first(f, len(new_sources)) for f in report.findings]
    kept = [f for f in findings if f not in baseline]
    accepted = tuple(f for f in findings if f in baseline)
    stats_out = {
        **report.stats,
        "corpus_articles": stats.articles,
        "corpus_articles_reindexed": stats.parsed,
        "earlier_articles_checked": len(earlier),
        "baselined": len(accepted),
    }
    report = replace(report, findings=tuple(renumber(kept)), stats=stats_out)
    return CIResult(report, accepted, tuple(related), stats)


def _relative_to(folder: Path, paths: Sequence[Path]) -> set[str]:
    """The store's keys of those ``paths`` that lie inside ``folder``."""
    root = folder.resolve()
    keys = set()
    for path in paths:
        try:
            keys.add(path.resolve().relative_to(root).as_posix())
        except ValueError:
            continue
    return keys


def _new_side_first(finding: Finding, new_count: int) -> Finding:
    """Put the new article's claim first: SARIF places a result on its first location,
    which must be the line of the new article, not of the archive."""
    b = finding.claim_b
    if b is None or finding.claim_a.source_index < new_count or b.source_index >= new_count:
        return finding
    return replace(
        finding,
        claim_a=b,
        claim_b=finding.claim_a,
        highlight_a=finding.highlight_b,
        highlight_b=finding.highlight_a,
    )


def changed_since(ref: str, *, ignore: Sequence[str] = (), cwd: Path | None = None) -> list[str]:
    """Article files added, changed or renamed since ``ref`` in the git repository at
    ``cwd`` (committed, staged or not, and untracked ones), as paths from ``cwd``."""
    cwd = cwd or Path.cwd()

    def git(*args: str) -> list[str]:
        try:
            done = subprocess.run(
                ["git", *args], cwd=cwd, capture_output=True, text=True, check=False, timeout=60
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise InputError(f"cannot run git ({exc})") from None
        if done.returncode != 0:
            first = (done.stderr.strip().splitlines() or ["failed"])[0]
            raise InputError(f"git {' '.join(args[:2])}: {first}")
        return [line for line in done.stdout.splitlines() if line]

    git("rev-parse", "--is-inside-work-tree")
    try:
        git("rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    except InputError:
        raise InputError(f"--since {ref}: not a commit of this repository") from None
    names = git("diff", "--name-only", "--relative", "--diff-filter=ACMR", ref, "--")
    names += git("ls-files", "--others", "--exclude-standard")
    out = []
    for name in dict.fromkeys(names):
        path = cwd / name
        if (
            Path(name).suffix.lower() in SUPPORTED_EXTENSIONS
            and path.is_file()
            and not is_ignored(name, ignore)
        ):
            out.append(name)
    return out
