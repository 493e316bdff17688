"""`checker ci` and its parts: the corpus store, fingerprints, the baseline, settings,
SARIF that validates against the official schema, and --since on a git repository."""

from __future__ import annotations

import json
import sqlite3
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from checker import cli
from checker.baseline import Baseline, fingerprint
from checker.ci import changed_since, run_ci
from checker.errors import InputError
from checker.pipeline import CheckOptions, check_sources
from checker.sources import load_text
from checker.store import CorpusStore
from tests.conftest import HashEmbedder, RuleScorer

runner = CliRunner()
SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"

STORM = (
    "The storm flooded the old mill district of Farrow on Sunday night.\n\n"
    "Six people were taken to hospital after the river burst its banks, the fire service said.\n\n"
    "The council opened the sports hall on Quay Street as a shelter for 140 residents.\n"
)
STORM_AGAIN = STORM.replace("Six people", "Nine people")
FERRY = (
    "A ferry ran aground off the island of Kessa on Tuesday morning.\n\n"
    "All 212 passengers were brought ashore by lifeboat crews, the coastguard said.\n"
)


@pytest.fixture(autouse=True)
def _fakes(monkeypatch: pytest.MonkeyPatch) -> None:
    import checker.ci as ci

    monkeypatch.setattr(ci, "make_embedder", lambda backend=None: HashEmbedder())
    monkeypatch.setattr(ci, "make_nli_model", lambda name=None, backend=None: RuleScorer())


def _corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "archive"
    (corpus / "2026").mkdir(parents=True)
    (corpus / "2026" / "storm.txt").write_text(STORM)
    (corpus / "ferry.md").write_text(FERRY)
    (corpus / "notes.json").write_text("{}")  # not an article type: never read
    return corpus


def _new(tmp_path: Path, text: str, name: str = "new.txt") -> Path:
    path = tmp_path / "incoming" / name
    path.parent.mkdir(exist_ok=True)
    path.write_text(text)
    return path


# ---------------------------------------------------------------- the store


def test_store_reads_only_what_changed_and_forgets_deleted_files(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path)
    store = CorpusStore(tmp_path / "s.sqlite")
    first = store.refresh(corpus, HashEmbedder())
    assert (first.articles, first.parsed) == (2, 2)
    again = store.refresh(corpus, HashEmbedder())
    assert (again.read, again.parsed) == (0, 0)
    (corpus / "ferry.md").write_text(FERRY.replace("212", "213"))
    changed = store.refresh(corpus, HashEmbedder())
    assert (changed.parsed, changed.articles) == (1, 2)
    assert "213" in store.source("ferry.md", corpus).text  # the row was replaced
    (corpus / "2026" / "storm.txt").unlink()
    gone = store.refresh(corpus, HashEmbedder())
    assert (gone.removed, gone.articles, store.paths()) == (1, 1, ["ferry.md"])


def test_store_keeps_sources_exactly(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path)
    store = CorpusStore(tmp_path / "s.sqlite")
    store.refresh(corpus, HashEmbedder())
    stored = store.source("2026/storm.txt", corpus)
    fresh = load_text(STORM, path=str(corpus / "2026" / "storm.txt"))
    assert stored == fresh


def test_an_empty_corpus_file_is_skipped_with_its_reason(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path)
    (corpus / "blank.txt").write_text("   \n")
    stats = CorpusStore(tmp_path / "s.sqlite").refresh(corpus, HashEmbedder())
    assert stats.articles == 2
    assert stats.skipped == ("blank.txt: empty file",)


def test_an_interrupted_refresh_leaves_whole_articles(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path)

    class Failing(HashEmbedder):
        identity = "HashEmbedder"  # the same vectors, so the store keeps what was written
        calls = 0

        def encode(self, texts):
            Failing.calls += 1
            if Failing.calls == 2:
                raise KeyboardInterrupt
            return super().encode(texts)

    store = CorpusStore(tmp_path / "s.sqlite")
    with pytest.raises(KeyboardInterrupt):
        store.refresh(corpus, Failing())
    with sqlite3.connect(tmp_path / "s.sqlite") as conn:
        rows = conn.execute("SELECT path, claims, length(vectors) FROM articles").fetchall()
    assert len(rows) == 1 and rows[0][1] > 0 and rows[0][2] == rows[0][1] * 256 * 4
    assert CorpusStore(tmp_path / "s.sqlite").refresh(corpus, HashEmbedder()).parsed == 1


def test_a_corrupt_store_is_rebuilt_with_a_warning(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "s.sqlite"
    path.write_bytes(b"\x00garbage" * 500)
    stats = CorpusStore(path).refresh(_corpus(tmp_path), HashEmbedder())
    assert stats.articles == 2
    assert "rebuilding" in caplog.text


def test_a_locked_store_is_a_one_line_error(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite"
    CorpusStore(path).close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(InputError, match="locked"):
            CorpusStore(path, timeout=0.1).refresh(_corpus(tmp_path), HashEmbedder())
    finally:
        holder.execute("ROLLBACK")


# ---------------------------------------------------------------- fingerprints and the baseline


def _findings(text_a: str, text_b: str):
    sources = [load_text(text_a, path="a.txt"), load_text(text_b, path="b.txt")]
    return check_sources(
        sources, CheckOptions(cache=False), scorer=RuleScorer(), embedder=HashEmbedder()
    ).findings


def test_fingerprints_survive_edits_elsewhere_in_the_file() -> None:
    before = _findings(STORM, STORM_AGAIN)
    edited = "An update was added at the top.\n\n" + STORM_AGAIN.replace("140 residents", "140 people")
    after = _findings(STORM, edited)
    assert before and after
    assert fingerprint(before[0]) == fingerprint(after[0])
    assert before[0].claim_b.line != after[0].claim_b.line  # the line moved, the fingerprint did not


def test_fingerprint_ignores_case_spacing_and_quote_marks() -> None:
    finding = _findings(STORM, STORM_AGAIN)[0]
    from dataclasses import replace

    reflowed = replace(finding.claim_a, text="  " + finding.claim_a.text.upper().replace(" ", "  ") + " ")
    assert fingerprint(replace(finding, claim_a=reflowed)) == fingerprint(finding)
    swapped = replace(finding, claim_a=finding.claim_b, claim_b=finding.claim_a)
    assert fingerprint(swapped) == fingerprint(finding)


def test_baseline_round_trip(tmp_path: Path) -> None:
    findings = list(_findings(STORM, STORM_AGAIN))
    path = tmp_path / "baseline.json"
    path.write_text(Baseline({}).with_findings(findings).to_json())
    loaded = Baseline.load(path)
    assert all(f in loaded for f in findings)
    assert Baseline.load(tmp_path / "none.json").entries == {}


@pytest.mark.parametrize(
    "text", ["{not json", '{"version": 99, "findings": []}', '{"version": 1, "findings": [1]}']
)
def test_a_broken_baseline_is_an_input_error(tmp_path: Path, text: str) -> None:
    path = tmp_path / "baseline.json"
    path.write_text(text)
    with pytest.raises(InputError):
        Baseline.load(path)


# ---------------------------------------------------------------- the ci run


def test_ci_reports_only_findings_that_involve_the_new_article(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path)
    (corpus / "storm-copy.txt").write_text(STORM.replace("140", "150"))  # old vs old: not ours
    new = _new(tmp_path, STORM_AGAIN)
    result = run_ci([str(new)], corpus, tmp_path / "s.sqlite", options=CheckOptions(cache=False))
    assert "2026/storm.txt" in result.related and "ferry.md" not in result.related
    assert result.report.findings
    for f in result.report.findings:
        assert f.claim_a.source_index == 0  # the new article's claim comes first
    # storm.txt and storm-copy.txt disagree (140 / 150), but neither is new: not reported.
    assert all(
        f.claim_b is None or f.claim_b.source_index != f.claim_a.source_index for f in result.report.findings
    )


def _cli(*args: str) -> object:
    return runner.invoke(cli.app, ["ci", *args])


def test_ci_cli_fails_then_passes_once_the_finding_is_accepted(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path)
    new = _new(tmp_path, STORM_AGAIN)
    store, baseline, sarif = tmp_path / "s.sqlite", tmp_path / "baseline.json", tmp_path / "out.sarif"
    common = [str(new), "--corpus", str(corpus), "--store", str(store)]
    failed = _cli(*common, "--format", "sarif", "--output", str(sarif))
    assert failed.exit_code == 1, failed.output
    results = json.loads(sarif.read_text())["runs"][0]["results"]
    location = results[0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"].endswith("incoming/new.txt")
    assert location["region"]["startLine"] == 3  # "Nine people ..." is on line 3 of the new article
    assert _cli(*common, "--baseline", str(baseline), "--update-baseline").exit_code == 0
    # Another new article that repeats the accepted contradiction passes.
    repeat = _new(tmp_path, "Editor's note: updated.\n\n" + STORM_AGAIN, name="repeat.txt")
    passed = _cli(str(repeat), "--corpus", str(corpus), "--store", str(store), "--baseline", str(baseline))
    assert passed.exit_code == 0, passed.output
    assert "accepted in the baseline" in passed.stderr
    # One that brings a new contradiction fails again.
    worse = _new(tmp_path, STORM_AGAIN.replace("140 residents", "400 residents"), name="worse.txt")
    again = _cli(str(worse), "--corpus", str(corpus), "--store", str(store), "--baseline", str(baseline))
    assert again.exit_code == 1
    assert "400" in again.stdout


def test_sarif_of_check_and_ci_validates_against_the_official_schema(tmp_path: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA.read_text())
    corpus = _corpus(tmp_path)
    new = _new(tmp_path, STORM_AGAIN)
    out = tmp_path / "ci.sarif"
    _cli(
        str(new),
        "--corpus",
        str(corpus),
        "--store",
        str(tmp_path / "s.sqlite"),
        "-f",
        "sarif",
        "-o",
        str(out),
    )
    log = json.loads(out.read_text())
    jsonschema.validate(log, schema, cls=jsonschema.Draft4Validator)
    run = log["runs"][0]
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    for result in run["results"]:
        assert result["ruleId"] in rules and rules[result["ruleId"]]["help"]["text"]
        assert len(result["partialFingerprints"]["claimPair/v2"]) == 32


@pytest.mark.parametrize(
    ("files", "args", "message"),
    [
        ({}, ["--corpus", "missing"], "corpus folder not found"),
        ({"checker.toml": "colour = 'red'\n"}, [], "unknown setting 'colour'"),
        ({"checker.toml": "fail-on = 'sometimes'\n"}, [], "fail-on must be one of"),
        ({"checker.toml": "corpus = [\n"}, [], "not valid TOML"),
        ({"baseline.json": "{oops"}, ["--baseline", "baseline.json"], "not a readable baseline"),
        ({}, ["--update-baseline"], "needs --baseline"),
    ],
)
def test_bad_settings_and_files_exit_2_with_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, files: dict, args: list, message: str
) -> None:
    corpus = _corpus(tmp_path)
    new = _new(tmp_path, STORM_AGAIN)
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    monkeypatch.chdir(tmp_path)
    given = ["--corpus", str(corpus)] if "--corpus" not in args else []
    result = _cli(str(new), *given, *args)
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_settings_come_from_pyproject_and_options_override_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _corpus(tmp_path)
    new = _new(tmp_path, STORM_AGAIN)
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.checker]\ncorpus = "archive"\nstore = ".cache/store.sqlite"\n'
        'min-score = 0.95\nignore = ["ferry.*"]\n'
    )
    monkeypatch.chdir(tmp_path / "incoming")  # the file is found in a folder above
    quiet = _cli(str(new))
    assert quiet.exit_code == 0, quiet.output  # the one finding scores under 0.95
    assert (tmp_path / ".cache" / "store.sqlite").exists()
    loud = _cli(str(new), "--min-score", "0.5")
    assert loud.exit_code == 1


# ---------------------------------------------------------------- --since


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


def _repository(tmp_path: Path, articles: dict[str, str]) -> Path:
    """A git repository with ``articles`` committed under articles/."""
    repo = tmp_path / "repo"
    (repo / "articles").mkdir(parents=True)
    _git(repo, "init", "-q")
    _git(repo, "config", "user.email", "desk@example.org")
    _git(repo, "config", "user.name", "Desk")
    for name, text in articles.items():
        (repo / "articles" / name).write_text(text)
    _git(repo, "add", ".")
    _git(repo, "commit", "-qm", "archive")
    return repo


def test_since_lists_the_articles_changed_after_a_commit(tmp_path: Path) -> None:
    repo = _repository(tmp_path, {"storm.txt": STORM, "ferry.md": FERRY})
    (repo / "articles" / "ferry.md").write_text(FERRY + "\nMore later.\n")  # changed, not committed
    (repo / "articles" / "storm-update.txt").write_text(STORM_AGAIN)  # new, untracked
    (repo / "README").write_text("not an article")
    assert changed_since("HEAD", cwd=repo) == ["articles/ferry.md", "articles/storm-update.txt"]
    assert changed_since("HEAD", cwd=repo, ignore=["ferry.*"]) == ["articles/storm-update.txt"]
    with pytest.raises(InputError, match="not a commit"):
        changed_since("no-such-ref", cwd=repo)


def test_ci_since_checks_the_changed_articles_against_the_rest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = _repository(tmp_path, {"storm.txt": STORM})
    monkeypatch.chdir(repo)
    nothing = _cli("--since", "HEAD", "--corpus", "articles", "-f", "sarif", "-o", "empty.sarif")
    assert nothing.exit_code == 0 and "no articles changed" in nothing.stderr
    assert json.loads((repo / "empty.sarif").read_text())["runs"][0]["results"] == []
    (repo / "articles" / "storm-update.txt").write_text(STORM_AGAIN)
    result = _cli("--since", "HEAD", "--corpus", "articles", "-f", "json")
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    assert {f["claim_a"]["source"] for f in data["findings"]} == {"articles/storm-update.txt"}
    # Under review, it is not set against itself, yet it is indexed for the runs to come.
    assert all(f["claim_b"]["source"] == "articles/storm.txt" for f in data["findings"])
    assert "storm-update.txt" in CorpusStore(repo / ".checker" / "store.sqlite").paths()


def test_index_command_builds_the_store(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path)
    store = tmp_path / "s.sqlite"
    result = runner.invoke(cli.app, ["index", str(corpus), "--store", str(store)])
    assert result.exit_code == 0, result.output
    assert "2 articles (2 indexed now" in result.stdout


def test_an_empty_corpus_is_said_out_loud(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run_ci(
        [str(_new(tmp_path, STORM))], empty, tmp_path / "s.sqlite", options=CheckOptions(cache=False)
    )
    assert result.report.findings == ()
    assert "no articles" in caplog.text
