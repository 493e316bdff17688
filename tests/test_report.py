"""Report rendering: the JSON contract, the readable formats, HTML escaping, SARIF."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from checker.report import ReportFormat, default_output_path, render, to_dict
from checker.types import Claim, Finding, FindingKind, Report, Severity, SourceSummary

TEXT_A = "Quake hits Armenia\nOfficials said 12 people died | in Gyumri.\n"
TEXT_B = (
    "Armenia quake\n\nAt least 15 people died, the ministry said.\n"
    "Damage: 100,00 dram <script>alert(1)</script> & more.\n"
)


def _claim(src: int, idx: int, text: str, source_text: str, line: int, who: str | None = None) -> Claim:
    start = source_text.index(text)
    return Claim(
        id=f"{src}:{idx}",
        source_index=src,
        text=text,
        start=start,
        end=start + len(text),
        sentence=text,
        attribution=who,
        line=line,
    )


CLAIM_A = _claim(0, 0, "Officials said 12 people died | in Gyumri.", TEXT_A, 2, "officials said")
CLAIM_B = _claim(1, 0, "At least 15 people died, the ministry said.", TEXT_B, 3, "the ministry said")
CLAIM_C = _claim(1, 1, "Damage: 100,00 dram <script>alert(1)</script> & more.", TEXT_B, 4)


def _report(findings: tuple[Finding, ...] | None = None) -> Report:
    if findings is None:
        findings = (
            Finding(
                id="F1",
                kind=FindingKind.QUANTITY,
                severity=Severity.HIGH,
                score=0.93456,
                claim_a=CLAIM_A,
                claim_b=CLAIM_B,
                explanation="Death toll differs: 12 vs 15.",
                highlight_a=((15, 17),),
                highlight_b=((9, 11),),
                evidence={"value_a": 12.0, "value_b": 15.0},
            ),
            Finding(
                id="F2",
                kind=FindingKind.MALFORMED_NUMBER,
                severity=Severity.LOW,
                score=0.5,
                claim_a=CLAIM_C,
                claim_b=None,
                explanation='"100,00" is not a well-formed number <check>.',
                highlight_a=((8, 14),),
            ),
        )
    return Report(
        version="0.1.0",
        sources=(
            SourceSummary("news/a.md", "Quake | hits", dt.date(2024, 5, 1), 2, 1),
            SourceSummary("news/b.txt", None, None, 3, 2),
        ),
        findings=findings,
        stats={"pairs": 2, "seconds": 0.1},
        source_texts=(TEXT_A, TEXT_B),
    )


def test_json_contract() -> None:
    data = json.loads(render(_report(), ReportFormat.JSON))
    assert data == to_dict(_report())
    assert set(data) == {"version", "sources", "findings", "stats"}
    assert data["sources"][0] == {
        "path": "news/a.md",
        "title": "Quake | hits",
        "published": "2024-05-01",
        "sentences": 2,
        "claims": 1,
    }
    assert data["sources"][1]["published"] is None
    f1, f2 = data["findings"]
    assert set(f1) == {"id", "kind", "severity", "score", "claim_a", "claim_b", "explanation", "evidence"}
    assert (f1["kind"], f1["severity"], f1["score"]) == ("quantity", "high", 0.935)
    assert f1["claim_a"] == {
        "source": "news/a.md",
        "text": CLAIM_A.text,
        "start": CLAIM_A.start,
        "end": CLAIM_A.end,
        "line": 2,
        "attribution": "officials said",
    }
    assert f1["claim_b"]["source"] == "news/b.txt" and f1["claim_b"]["line"] == 3
    assert TEXT_B[f1["claim_b"]["start"] : f1["claim_b"]["end"]] == CLAIM_B.text
    assert f1["evidence"] == {"value_a": 12.0, "value_b": 15.0}
    assert f2["claim_b"] is None and f2["kind"] == "malformed_number"
    assert data["stats"] == {"pairs": 2, "seconds": 0.1}
    assert "<script>" in render(_report(), "json")  # JSON keeps text raw; escaping is HTML's job


def test_text_output() -> None:
    out = render(_report(), ReportFormat.TEXT)
    assert out.splitlines()[0].startswith("checker 0.1.0: 2 sources, 3 claims, 2 findings")
    assert "[HIGH 0.93] quantity  F1" in out
    assert "news/a.md:2" in out and "news/b.txt:3" in out and "news/b.txt:4" in out
    assert "Death toll differs: 12 vs 15." in out
    assert "«12»" in out and "«15»" in out
    assert "\x1b[" not in out
    assert out.rstrip().endswith("highest severity: high.")
    colored = render(_report(), ReportFormat.TEXT, color=True)
    assert "\x1b[" in colored and "«" not in colored and "[HIGH 0.93]" in colored


def test_text_no_findings() -> None:
    out = render(_report(findings=()), ReportFormat.TEXT)
    assert "No disagreements found." in out
    assert "0 findings" in out


def test_markdown() -> None:
    out = render(_report(), ReportFormat.MARKDOWN)
    assert out.startswith("# ")
    assert "**12**" in out and "**15**" in out
    assert r"Quake \| hits" in out  # title in the sources table
    assert r"12** people died \| in Gyumri" in out  # pipe inside a claim cell
    assert "news/a.md:2" in out and "news/b.txt:3" in out
    assert r"\<script\>" in out and "<script>" not in out
    assert "No disagreements found." in render(_report(findings=()), "markdown")


def test_html_escapes_and_highlights() -> None:
    out = render(_report(), ReportFormat.HTML)
    assert out.startswith("<!DOCTYPE html>")
    assert "<script>alert" not in out and "<script" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more." in out
    assert "&lt;check&gt;" in out  # explanations are escaped too
    assert "<mark>12</mark>" in out and "<mark>15</mark>" in out and "<mark>100,00</mark>" in out
    assert "news/a.md:2" in out and "Quake | hits" in out
    assert 'class="claims single"' in out  # the one-claim finding takes one column
    assert "How to read this" in out


def test_html_highlight_after_special_chars() -> None:
    # A span after "<" and "&" must land on the raw characters, not on the escaped ones.
    claim = _claim(1, 1, "Damage: 100,00 dram <script>alert(1)</script> & more.", TEXT_B, 4)
    amp = claim.text.index("&")
    finding = Finding("F9", FindingKind.NAME, Severity.MEDIUM, 0.7, claim, None, "x", ((amp, amp + 6),))
    assert "<mark>&amp; more</mark>" in render(_report(findings=(finding,)), ReportFormat.HTML)


def test_html_self_contained() -> None:
    out = render(_report(), ReportFormat.HTML)
    assert "<style>" in out
    for needle in ('src="http', 'href="http', "<link", "@import", "<script"):
        assert needle not in out


def test_sarif() -> None:
    data = json.loads(render(_report(), ReportFormat.SARIF))
    assert data["version"] == "2.1.0"
    assert data["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    (run,) = data["runs"]
    assert run["tool"]["driver"]["name"] == "checker"
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == ["quantity", "malformed_number"]
    r1, r2 = run["results"]
    assert [r1["level"], r2["level"]] == ["error", "note"]
    assert r1["ruleId"] == "quantity" and r1["message"]["text"] == "Death toll differs: 12 vs 15."
    assert len(r1["locations"]) == 2 and len(r2["locations"]) == 1
    region_a = r1["locations"][0]["physicalLocation"]["region"]
    assert r1["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "news/a.md"
    assert (region_a["startLine"], region_a["startColumn"]) == (2, 1)
    assert (region_a["endLine"], region_a["endColumn"]) == (2, len(CLAIM_A.text) + 1)
    assert region_a["charOffset"] == CLAIM_A.start and region_a["charLength"] == len(CLAIM_A.text)
    assert region_a["snippet"]["text"] == CLAIM_A.text
    loc_b = r1["locations"][1]["physicalLocation"]
    assert loc_b["artifactLocation"]["uri"] == "news/b.txt" and loc_b["region"]["startLine"] == 3
    (related,) = r1["relatedLocations"]
    assert related["id"] == 1 and related["message"]["text"]
    assert "relatedLocations" not in r2
    assert r1["properties"] == {"findingId": "F1", "score": 0.935, "severity": "high", "kind": "quantity"}
    assert r1["partialFingerprints"] != r2["partialFingerprints"]
    assert (
        json.loads(render(_report(), "sarif"))["runs"][0]["results"][0]["partialFingerprints"]
        == (r1["partialFingerprints"])
    )


def test_sarif_column_mid_line() -> None:
    claim = _claim(0, 1, "12 people died", TEXT_A, 2)
    finding = Finding("F3", FindingKind.DATE, Severity.MEDIUM, 0.6, claim, None, "x")
    result = json.loads(render(_report(findings=(finding,)), "sarif"))["runs"][0]["results"][0]
    region = result["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"]) == (2, len("Officials said ") + 1)
    assert result["level"] == "warning"


@pytest.mark.parametrize(
    ("fmt", "name"),
    [("html", "checker-report.html"), ("json", "checker-report.json"), ("markdown", "checker-report.md")],
)
def test_default_output_path(fmt: str, name: str) -> None:
    assert default_output_path(ReportFormat(fmt)) == Path("reports") / name
    assert default_output_path(fmt, "out") == Path("out") / name


def test_every_format_renders_empty_report() -> None:
    for fmt in ReportFormat:
        assert render(_report(findings=()), fmt)
