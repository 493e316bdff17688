import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from checker import cli
from tests.conftest import EXAMPLES, HashEmbedder, RuleScorer

runner = CliRunner()


@pytest.fixture(autouse=True)
def _fakes(monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI runs the real pipeline with a fake model and embedder behind it."""
    import checker.pipeline as pipeline

    monkeypatch.setattr(pipeline, "make_nli_model", lambda name=None, backend=None: RuleScorer())
    monkeypatch.setattr(pipeline, "make_embedder", lambda backend=None: HashEmbedder())


def _write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_findings_exit_1_and_json_contract(tmp_path: Path) -> None:
    a = _write(tmp_path, "a.txt", "Six cars plunged into the canal on Monday.")
    b = _write(tmp_path, "b.txt", "Four cars plunged into the canal on Monday.")
    result = runner.invoke(cli.app, ["check", a, b, "--format", "json"])
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    assert set(data) == {"version", "sources", "findings", "stats"}
    finding = data["findings"][0]
    assert set(finding) >= {"id", "kind", "severity", "score", "claim_a", "claim_b", "explanation"}
    assert finding["claim_a"]["source"] in (a, b)


def test_fail_on_high_and_clean_exit(tmp_path: Path) -> None:
    a = _write(tmp_path, "a.txt", "Rescuers pulled nine people from the water.")
    b = _write(tmp_path, "b.txt", "Emergency crews rescued nine people from the water.")
    result = runner.invoke(cli.app, ["check", a, b])
    assert result.exit_code == 0, result.output
    assert "No disagreements found." in result.stdout


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (lambda p: str(p / "missing.txt"), "no such file"),
        (lambda p: _write(p, "empty.txt", ""), "empty"),
        (lambda p: str(p), "no articles"),
    ],
)
def test_bad_input_exits_2_with_one_line(tmp_path: Path, setup, message: str) -> None:
    result = runner.invoke(cli.app, ["check", setup(tmp_path)])
    assert result.exit_code == 2
    assert message in result.stderr.lower()
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output


def test_binary_file_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\x00\x00\x01\x02" * 50)
    result = runner.invoke(cli.app, ["check", str(path)])
    assert result.exit_code == 2 and "binary" in result.stderr


def test_missing_default_model_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import checker.pipeline as pipeline
    from checker.onnx_models import make_nli_model

    monkeypatch.setattr(pipeline, "make_nli_model", make_nli_model)
    monkeypatch.setenv("CHECKER_MODEL", str(tmp_path / "nowhere"))
    a = _write(tmp_path, "a.txt", "Six cars plunged into the canal on Monday.")
    result = runner.invoke(cli.app, ["check", a])
    assert result.exit_code == 2 and "model" in result.stderr


def test_html_report_goes_to_reports_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli.app, ["check", str(EXAMPLES), "--format", "html"])
    assert result.exit_code in (0, 1), result.output
    page = (tmp_path / "reports" / "checker-report.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") or page.lower().startswith("<!doctype html>")


def test_stdin_and_output_file(tmp_path: Path) -> None:
    out = tmp_path / "r.sarif"
    result = runner.invoke(
        cli.app,
        ["check", "-", "--format", "sarif", "--output", str(out)],
        input="Four cars fell into the canal. Later, six cars fell into the canal.\n",
    )
    assert result.exit_code in (0, 1), result.output
    assert json.loads(out.read_text())["version"] == "2.1.0"


def test_eval_nli_prints_metrics(tmp_path: Path, tiny_model_dir: Path) -> None:
    data = tmp_path / "pairs.jsonl"
    data.write_text(
        "\n".join(
            json.dumps(r)
            for r in [
                {"premise": "A cat sat.", "hypothesis": "A cat sat down.", "label": "entailment"},
                {"premise": "A cat sat.", "hypothesis": "No cat sat.", "label": "contradiction"},
                {"premise": "A cat sat.", "hypothesis": "A dog ran.", "label": "not_entailment"},
            ]
        )
    )
    result = runner.invoke(cli.app, ["eval-nli", str(data), "--model", str(tiny_model_dir), "--limit", "2"])
    assert result.exit_code == 0, result.output
    metrics = json.loads(result.stdout)
    assert metrics["examples"] == 2 and 0.0 <= metrics["accuracy"] <= 1.0
    assert set(metrics["per_label"]) == {"entailment", "neutral", "contradiction"}


def test_eval_nli_missing_file(tmp_path: Path) -> None:
    result = runner.invoke(cli.app, ["eval-nli", str(tmp_path / "none.jsonl"), "--model", "x"])
    assert result.exit_code == 2


def test_an_unexpected_error_exits_2_with_one_line(monkeypatch, capsys) -> None:
    import sys

    def boom(*args, **kwargs):
        raise RuntimeError("something broke")

    monkeypatch.setattr("checker.pipeline.check_sources", boom)
    monkeypatch.setattr(sys, "argv", ["checker", "check", str(EXAMPLES)])
    with pytest.raises(SystemExit) as exit_info:
        cli.main()
    assert exit_info.value.code == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["checker: internal error: RuntimeError: something broke"]


def test_the_report_is_written_atomically(tmp_path: Path) -> None:
    target = tmp_path / "out" / "report.json"
    cli.write_atomically(target, '{"findings": []}')
    assert target.read_text(encoding="utf-8") == '{"findings": []}'
    assert [p.name for p in target.parent.iterdir()] == ["report.json"]


def test_help_and_input_errors_load_no_heavy_library() -> None:
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from checker.cli import main\n"
        "sys.argv = ['checker', 'check', '/nonexistent/file.txt']\n"
        "try:\n    main()\nexcept SystemExit as e:\n    assert e.code == 2\n"
        "heavy = {'torch', 'transformers', 'nltk', 'sklearn', 'numpy'} & set(sys.modules)\n"
        "assert not heavy, heavy\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
