"""The command line: parse arguments, call the library, render, set the exit code.

Exit codes: 0 no finding at or above --fail-on, 1 such findings exist, 2 usage or
input error (one line on stderr, never a traceback).
"""

from __future__ import annotations

import json
import logging
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from checker.errors import CheckerError
from checker.report import ReportFormat, default_output_path, plural, render
from checker.types import Severity

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,  # locals would dump article text; errors are handled below
    help="Find the places where news articles about one event disagree.",
)


def _show_version(value: bool) -> None:
    if value:
        from checker import __version__

        typer.echo(f"checker {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_show_version, is_eager=True, help="Print the version and exit."),
    ] = False,
) -> None:
    """Find the places where news articles about one event disagree."""


class Backend(str, Enum):
    ONNX = "onnx"
    TORCH = "torch"


BACKEND_HELP = "NLI runtime: onnx (int8, the fast default) or torch (the reference)."


class FailOn(str, Enum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


def write_atomically(path: Path, text: str) -> None:
    """Write beside the target and rename: an interrupted run never leaves half a report."""
    import os
    import tempfile

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def main() -> None:
    """The console entry point: any unexpected error is one line and exit code 2, never 1
    (which means "findings"); ``--verbose`` shows the traceback."""
    try:
        # Without standalone mode click returns the exit code instead of exiting.
        code = app(prog_name="checker", standalone_mode=False)
        sys.exit(code if isinstance(code, int) else 0)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        typer.echo("checker: aborted", err=True)
        sys.exit(2)
    except KeyboardInterrupt:
        typer.echo("checker: interrupted", err=True)
        sys.exit(2)
    except Exception as exc:  # noqa: BLE001 - the last resort: never a bare traceback
        if callable(getattr(exc, "show", None)) and hasattr(exc, "exit_code"):
            exc.show()  # a usage error from the argument parser, already worded for people
            sys.exit(2)
        if "--verbose" in sys.argv or "-v" in sys.argv:
            import traceback

            traceback.print_exc()
        typer.echo(f"checker: internal error: {type(exc).__name__}: {exc}"[:500], err=True)
        sys.exit(2)


def _fail(message: str) -> typer.Exit:
    typer.echo(f"checker: error: {message}", err=True)
    return typer.Exit(code=2)


def _setup_logging(verbose: bool) -> None:
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING, format="%(name)s: %(message)s", stream=sys.stderr
    )
    if not verbose:  # library chatter (weight loading reports) is noise in a CI log
        for name in ("transformers", "sentence_transformers", "httpx", "huggingface_hub"):
            logging.getLogger(name).setLevel(logging.ERROR)
        for name in ("trafilatura", "htmldate", "courlan", "charset_normalizer"):
            logging.getLogger(name).setLevel(logging.CRITICAL)  # "discarding data: None"


def _emit(report, format: ReportFormat, output: Path | None) -> None:
    """Render the report to ``output`` (atomically) or stdout."""
    if output is None and format is ReportFormat.HTML:
        output = default_output_path(format)
    text = render(
        report, format, color=output is None and format is ReportFormat.TEXT and sys.stdout.isatty()
    )
    if output is not None:
        try:
            write_atomically(output, text)
        except OSError as exc:
            raise _fail(f"{output}: cannot write report ({exc.strerror or exc})") from None
        typer.echo(f"report written to {output}", err=True)
    else:
        typer.echo(text)


@app.command("check")
def check_command(
    paths: Annotated[
        list[str], typer.Argument(help="Article files (.txt, .md, .html), folders, or - for stdin.")
    ],
    format: Annotated[
        ReportFormat, typer.Option("--format", "-f", help="Report format.")
    ] = ReportFormat.TEXT,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write the report here.")] = None,
    model: Annotated[
        str | None,
        typer.Option("--model", help="NLI model folder or Hugging Face id (default: shipped model)."),
    ] = None,
    fail_on: Annotated[
        FailOn, typer.Option("--fail-on", help="Lowest severity that makes the exit code 1.")
    ] = (FailOn.MEDIUM),
    min_score: Annotated[
        float | None,
        typer.Option(
            "--min-score",
            min=0.0,
            max=1.0,
            help="Hide findings scored below this (default: the fitted threshold).",
        ),
    ] = None,
    scorer: Annotated[
        str | None,
        typer.Option(
            "--scorer", help="'fitted' (default), 'rules' (the hand-set baseline) or a scorer JSON file."
        ),
    ] = None,
    no_nli: Annotated[bool, typer.Option("--no-nli", help="Structured checks only (no NLI model).")] = False,
    backend: Annotated[Backend, typer.Option("--backend", help=BACKEND_HELP)] = Backend.ONNX,
    time_budget: Annotated[
        float,
        typer.Option(
            "--time-budget", min=1.0, help="Seconds the comparison may take before it stops (exit 2)."
        ),
    ] = 600.0,
    no_cache: Annotated[
        bool,
        typer.Option(
            "--no-cache", help="Neither read nor write the embedding and NLI cache ($CHECKER_CACHE_DIR)."
        ),
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log progress to stderr.")] = False,
) -> None:
    """Check articles against each other (and each against itself) and report disagreements."""
    _setup_logging(verbose)
    from checker.sources import load_sources

    stdin_text = None
    if "-" in paths:
        try:
            stdin_text = sys.stdin.read()
        except UnicodeDecodeError:
            raise _fail("<stdin>: not valid text") from None
    try:
        # Read every input first: a missing or unreadable file fails before any model loads.
        sources = load_sources(paths, stdin_text=stdin_text)
        from checker.compare import CompareConfig
        from checker.pipeline import CheckOptions, check_sources

        options = CheckOptions(
            model=model,
            min_score=min_score,
            use_nli=not no_nli,
            scorer=scorer,
            compare=CompareConfig(time_budget=time_budget),
            cache=not no_cache,
            backend=backend.value,
        )
        from checker.progress import ProgressBar

        with ProgressBar(False if quiet or verbose else None) as bar:
            report = check_sources(sources, options, progress=bar)
    except CheckerError as exc:
        raise _fail(str(exc)) from None
    _emit(report, format, output)
    threshold = Severity(fail_on.value).rank
    raise typer.Exit(code=1 if any(f.severity.rank >= threshold for f in report.findings) else 0)


def _settings(config: Path | None):
    from checker.config import find_config, load_settings

    if config is not None and not config.is_file():
        raise CheckerError(f"{config}: settings file not found")
    return load_settings(config or find_config(Path.cwd()))


@app.command("ci")
def ci_command(
    paths: Annotated[
        list[str] | None, typer.Argument(help="New or changed articles (or use --since).", show_default=False)
    ] = None,
    corpus: Annotated[
        Path | None, typer.Option("--corpus", help="Folder of earlier articles (setting: corpus).")
    ] = None,
    store: Annotated[
        Path | None,
        typer.Option("--store", help="Corpus store file (setting: store; default .checker/store.sqlite)."),
    ] = None,
    baseline: Annotated[
        Path | None, typer.Option("--baseline", help="JSON file of accepted findings (setting: baseline).")
    ] = None,
    update_baseline: Annotated[
        bool, typer.Option("--update-baseline", help="Add this run's findings to the baseline file.")
    ] = False,
    since: Annotated[
        str | None, typer.Option("--since", help="Check the articles changed since this git commit.")
    ] = None,
    format: Annotated[
        ReportFormat, typer.Option("--format", "-f", help="Report format.")
    ] = ReportFormat.TEXT,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write the report here.")] = None,
    fail_on: Annotated[
        FailOn | None,
        typer.Option("--fail-on", help="Lowest severity that fails (setting: fail-on; medium)."),
    ] = None,
    min_score: Annotated[
        float | None,
        typer.Option(
            "--min-score", min=0.0, max=1.0, help="Hide findings scored below this (setting: min-score)."
        ),
    ] = None,
    model: Annotated[str | None, typer.Option("--model", help="NLI model (setting: model).")] = None,
    no_nli: Annotated[bool, typer.Option("--no-nli", help="Structured checks only (no NLI model).")] = False,
    backend: Annotated[Backend, typer.Option("--backend", help=BACKEND_HELP)] = Backend.ONNX,
    config: Annotated[
        Path | None,
        typer.Option(
            "--config", help="Settings file (default: checker.toml or pyproject.toml [tool.checker])."
        ),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log progress to stderr.")] = False,
) -> None:
    """Check new articles against each other and the earlier articles of a corpus (for CI)."""
    _setup_logging(verbose)
    try:
        settings = _settings(config)
        from checker.baseline import Baseline
        from checker.ci import changed_since, run_ci
        from checker.pipeline import CheckOptions

        corpus_dir = corpus or settings.corpus
        if corpus_dir is None:
            raise CheckerError("no corpus folder: pass --corpus or set corpus in checker.toml")
        new = list(paths or [])
        if since is not None:
            new += [p for p in changed_since(since, ignore=settings.ignore) if p not in new]
            if not new:  # an empty report, so that a CI step always has one to upload
                typer.echo(f"checker: no articles changed since {since}", err=True)
                from checker import __version__
                from checker.types import Report

                _emit(Report(__version__, (), (), {"changed_articles": 0}), format, output)
                raise typer.Exit(code=0)
        if not new:
            raise CheckerError("no new articles: name them or pass --since REF")
        baseline_path = baseline or settings.baseline
        accepted = Baseline.load(baseline_path) if baseline_path else Baseline({})
        if update_baseline and baseline_path is None:
            raise CheckerError("--update-baseline needs --baseline FILE (or the baseline setting)")
        from checker.progress import ProgressBar

        bar = ProgressBar(False if quiet or verbose else None)
        with bar:
            result = run_ci(
                new,
                corpus_dir,
                store or settings.store or Path(".checker/store.sqlite"),
                options=CheckOptions(
                    model=model or settings.model,
                    min_score=min_score if min_score is not None else settings.min_score,
                    use_nli=not no_nli,
                    backend=backend.value,
                ),
                baseline=accepted,
                ignore=settings.ignore,
                progress=bar,
            )
    except CheckerError as exc:
        raise _fail(str(exc)) from None
    report = result.report
    if update_baseline and baseline_path is not None:
        updated = accepted.with_findings(list(report.findings))
        try:
            write_atomically(baseline_path, updated.to_json())
        except OSError as exc:
            raise _fail(f"{baseline_path}: cannot write the baseline ({exc.strerror or exc})") from None
        typer.echo(f"baseline: {len(updated.entries)} accepted findings in {baseline_path}", err=True)
        raise typer.Exit(code=0)
    _emit(report, format, output)
    if result.accepted:
        typer.echo(f"{plural(len(result.accepted), 'finding')} accepted in the baseline left out", err=True)
    threshold = Severity((fail_on.value if fail_on else None) or settings.fail_on or "medium").rank
    raise typer.Exit(code=1 if any(f.severity.rank >= threshold for f in report.findings) else 0)


@app.command("index")
def index_command(
    corpus: Annotated[
        Path | None, typer.Argument(help="Folder of earlier articles (setting: corpus).")
    ] = None,
    store: Annotated[
        Path | None,
        typer.Option("--store", help="Corpus store file (setting: store; default .checker/store.sqlite)."),
    ] = None,
    config: Annotated[Path | None, typer.Option("--config", help="Settings file.")] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log progress to stderr.")] = False,
) -> None:
    """Build or refresh the corpus store that `checker ci` reads."""
    _setup_logging(verbose)
    try:
        settings = _settings(config)
        folder = corpus or settings.corpus
        if folder is None:
            raise CheckerError("no corpus folder: name it or set corpus in checker.toml")
        from checker.ci import index_corpus

        store_path = store or settings.store or Path(".checker/store.sqlite")
        stats = index_corpus(folder, store_path, ignore=settings.ignore)
    except CheckerError as exc:
        raise _fail(str(exc)) from None
    typer.echo(
        f"{store_path}: {stats.articles} articles ({stats.parsed} indexed now, "
        f"{stats.read - stats.parsed} unchanged after reading, {stats.removed} removed)"
    )
    for problem in stats.skipped:
        typer.echo(f"skipped {problem}", err=True)


@app.command("bench")
def bench_command(
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log progress to stderr.")] = False,
) -> None:
    """Measure speed and memory on this machine (a few minutes); prints JSON."""
    _setup_logging(verbose)
    from checker.bench import run_bench

    try:
        result = run_bench()
    except (CheckerError, RuntimeError) as exc:
        raise _fail(str(exc)) from None
    typer.echo(json.dumps(result, indent=2))


@app.command("eval-nli")
def eval_nli_command(
    file: Annotated[Path, typer.Argument(help="JSONL with premise, hypothesis, label.")],
    model: Annotated[str | None, typer.Option("--model", help="NLI model folder or hub id.")] = None,
    limit: Annotated[int | None, typer.Option("--limit", min=1, help="Score only the first N pairs.")] = None,
    backend: Annotated[Backend, typer.Option("--backend", help=BACKEND_HELP)] = Backend.TORCH,
    verbose: Annotated[bool, typer.Option("--verbose", "-v")] = False,
) -> None:
    """Measure an NLI model on labelled pairs; prints JSON metrics."""
    _setup_logging(verbose)
    from checker.onnx_models import make_nli_model
    from checker.training.evaluate import evaluate_nli

    try:
        metrics = evaluate_nli(file, make_nli_model(model, backend.value), limit)
    except CheckerError as exc:
        raise _fail(str(exc)) from None
    typer.echo(json.dumps(metrics, indent=2))


@app.command("train-nli", context_settings={"allow_extra_args": True, "ignore_unknown_options": True})
def train_nli_command(ctx: typer.Context) -> None:
    """Train the NLI model (options: see `checker train-nli --help-train`)."""
    from checker.training.cli import main as train_main

    args = ["--help" if a == "--help-train" else a for a in ctx.args]
    try:
        train_main(args)
    except CheckerError as exc:
        raise _fail(str(exc)) from None
