"""A progress bar on stderr for long runs: shown once a run has taken two seconds, only
when stderr is a terminal, never with ``--quiet``. Reports and logs are unaffected."""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence
from types import TracebackType

from checker.nli import NLIScores, PairScorer

_CHUNK = 64  # pairs per update: small enough to move, large enough to batch well


class ProgressBar:
    def __init__(self, enabled: bool | None = None, *, delay: float = 2.0) -> None:
        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self._delay = delay
        self._started = time.perf_counter()
        self._progress = None
        self._task = None

    def __enter__(self) -> ProgressBar:
        self._started = time.perf_counter()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None

    def update(self, description: str, done: int, total: int) -> None:
        if not self.enabled or total <= 0:
            return
        if self._progress is None:
            if time.perf_counter() - self._started < self._delay:
                return
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            self._progress = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeRemainingColumn(),
                console=Console(stderr=True),
                transient=True,  # gone when the run ends: the report follows cleanly
            )
            self._progress.start()
            self._task = self._progress.add_task(description, total=total)
        self._progress.update(self._task, description=description, completed=done, total=total)

    def scorer(self, scorer: PairScorer) -> PairScorer:
        """``scorer`` scoring in chunks, each one moving the bar."""
        return _ProgressScorer(scorer, self) if self.enabled else scorer


class _ProgressScorer:
    def __init__(self, scorer: PairScorer, bar: ProgressBar) -> None:
        self._scorer = scorer
        self._bar = bar
        self.name = scorer.name

    def score(self, pairs: Sequence[tuple[str, str]]) -> list[NLIScores]:
        # Sorted by length first, so each chunk still batches pairs of similar length.
        order = sorted(range(len(pairs)), key=lambda i: len(pairs[i][0]) + len(pairs[i][1]))
        results: dict[int, NLIScores] = {}
        for start in range(0, len(order), _CHUNK):
            chunk = order[start : start + _CHUNK]
            results.update(zip(chunk, self._scorer.score([pairs[i] for i in chunk]), strict=True))
            self._bar.update("scoring claim pairs", len(results), len(pairs))
        return [results[i] for i in range(len(pairs))]
