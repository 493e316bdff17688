"""Render a :class:`~checker.types.Report` as text, JSON, Markdown, HTML or SARIF.

Every format goes through the same two helpers: :func:`_locate` (where a claim sits in
its file) and :func:`_segments` (which parts of a claim differ), so the formats agree on
line numbers and highlights and only differ in how they draw them.
"""

from __future__ import annotations

import html
import io
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any
from urllib.parse import quote

from rich.console import Console
from rich.text import Text

from checker.types import Claim, Finding, FindingKind, Report, Severity

__all__ = ["ReportFormat", "default_output_path", "plural", "render", "to_dict"]


class ReportFormat(str, Enum):
    TEXT = "text"
    JSON = "json"
    MARKDOWN = "markdown"
    HTML = "html"
    SARIF = "sarif"


_EXTENSIONS = {"text": "txt", "markdown": "md"}  # the rest use the format name
_SEVERITIES = (Severity.HIGH, Severity.MEDIUM, Severity.LOW)  # display order
_SARIF_LEVEL = {Severity.HIGH: "error", Severity.MEDIUM: "warning", Severity.LOW: "note"}
_TEXT_STYLE = {Severity.HIGH: "bold red", Severity.MEDIUM: "bold yellow", Severity.LOW: "bold blue"}
_KIND_DESCRIPTIONS = {
    FindingKind.CONTRADICTION: "Two claims contradict each other.",
    FindingKind.QUANTITY: "Two claims give numbers that cannot both be true.",
    FindingKind.MALFORMED_NUMBER: "A number is written in a way that cannot be read reliably.",
    FindingKind.DATE: "Two claims give different dates for the same event.",
    FindingKind.NAME: "Two claims name different people or bodies in the same role.",
    FindingKind.NAME_SPELLING: "One name is spelled differently in two places.",
    FindingKind.ROLES: "Two claims swap who did what to whom.",
}
# What an editor does about each kind: the "help" of each SARIF rule.
_KIND_HELP = {
    FindingKind.CONTRADICTION: "Read both sentences: they cannot both be true of the same event. "
    "Check the facts with the source and correct one, or say why both hold.",
    FindingKind.QUANTITY: "Check the figure against the source; if both are right, say what each "
    "counts (another group, another time) so readers do not see a contradiction.",
    FindingKind.MALFORMED_NUMBER: "Rewrite the number so that it reads one way only "
    "(for example 100,000 rather than 100,00).",
    FindingKind.DATE: "Check when the event happened; relative dates ('last month') are read "
    "against the article's publication date.",
    FindingKind.NAME: "Check who held the role; if both names are right, say how they relate.",
    FindingKind.NAME_SPELLING: "Use one spelling of the name throughout, as the person or body spells it.",
    FindingKind.ROLES: "Check who did what to whom; one of the sentences has the roles reversed.",
}
_TITLE = "Claim consistency report"
_HOW_TO_READ = (
    "How to read this: score is the checker's confidence (0 to 1) that an editor must act; "
    "severity says how much it matters - high: a factual conflict to fix before publishing, "
    "medium: worth checking, low: minor or likely harmless."
)


def default_output_path(fmt: ReportFormat | str, reports_dir: str | Path = "reports") -> Path:
    """Where a report goes when no --output is given, e.g. ``reports/checker-report.html``."""
    fmt = ReportFormat(fmt)
    return Path(reports_dir) / f"checker-report.{_EXTENSIONS.get(fmt.value, fmt.value)}"


def render(report: Report, fmt: ReportFormat | str, *, color: bool = False) -> str:
    """Render ``report`` in ``fmt``; ``color`` only affects the text format."""
    renderers: dict[ReportFormat, Callable[[Report], str]] = {
        ReportFormat.TEXT: lambda r: _render_text(r, color=color),
        ReportFormat.JSON: lambda r: json.dumps(to_dict(r), indent=2, ensure_ascii=False) + "\n",
        ReportFormat.MARKDOWN: _render_markdown,
        ReportFormat.HTML: _render_html,
        ReportFormat.SARIF: lambda r: json.dumps(_sarif(r), indent=2, ensure_ascii=False) + "\n",
    }
    return renderers[ReportFormat(fmt)](report)


# ---------------------------------------------------------------- shared helpers


@dataclass(frozen=True)
class _Location:
    path: str
    start_line: int
    start_column: int | None  # 1-based; None when the source text is unknown
    end_line: int | None
    end_column: int | None  # exclusive, as SARIF wants it


def _path(report: Report, claim: Claim) -> str:
    if 0 <= claim.source_index < len(report.sources):
        return report.sources[claim.source_index].path
    return f"<source {claim.source_index}>"


def _position(text: str, offset: int) -> tuple[int, int]:
    """1-based (line, column) of a character offset, columns in code points."""
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


def _locate(report: Report, claim: Claim) -> _Location:
    """Line/column of a claim, computed from the source text when we have it."""
    idx = claim.source_index
    text = report.source_texts[idx] if 0 <= idx < len(report.source_texts) else None
    if text is None or not 0 <= claim.start <= claim.end <= len(text):
        # Without the text the pipeline's own line number is the best we have.
        return _Location(_path(report, claim), claim.line, None, None, None)
    start_line, start_col = _position(text, claim.start)
    end_line, end_col = _position(text, claim.end)
    return _Location(_path(report, claim), start_line, start_col, end_line, end_col)


def _segments(text: str, spans: tuple[tuple[int, int], ...]) -> list[tuple[str, bool]]:
    """Split raw ``text`` into (piece, highlighted) runs; spans are clipped and merged."""
    clipped = sorted((max(0, s), min(len(text), e)) for s, e in spans)
    merged: list[list[int]] = []
    for s, e in clipped:
        if s >= e:
            continue
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    out: list[tuple[str, bool]] = []
    pos = 0
    for s, e in merged:
        if s > pos:
            out.append((text[pos:s], False))
        out.append((text[s:e], True))
        pos = e
    if pos < len(text):
        out.append((text[pos:], False))
    return out


def _flat(text: str) -> str:
    """Whitespace to plain spaces, one for one, so highlight spans stay aligned."""
    return re.sub(r"\s", " ", text)


def _sides(finding: Finding) -> list[tuple[Claim, tuple[tuple[int, int], ...]]]:
    sides = [(finding.claim_a, finding.highlight_a)]
    if finding.claim_b is not None:
        sides.append((finding.claim_b, finding.highlight_b))
    return sides


def _counts(report: Report) -> dict[Severity, int]:
    counts = dict.fromkeys(_SEVERITIES, 0)
    for finding in report.findings:
        counts[finding.severity] += 1
    return counts


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _headline(report: Report) -> str:
    claims = sum(s.claims for s in report.sources)
    by_severity = ", ".join(f"{n} {sev.value}" for sev, n in _counts(report).items())
    return (
        f"{plural(len(report.sources), 'source')}, {plural(claims, 'claim')}, "
        f"{plural(len(report.findings), 'finding')} ({by_severity})"
    )


# ---------------------------------------------------------------- JSON


def _claim_dict(report: Report, claim: Claim) -> dict[str, Any]:
    return {
        "source": _path(report, claim),
        "text": claim.text,
        "start": claim.start,
        "end": claim.end,
        "line": _locate(report, claim).start_line,
        "attribution": claim.attribution,
    }


def to_dict(report: Report) -> dict[str, Any]:
    """The JSON contract other tools read; keep the keys exactly as they are."""
    return {
        "version": report.version,
        "sources": [
            {
                "path": s.path,
                "title": s.title,
                "published": s.published.isoformat() if s.published else None,
                "sentences": s.sentences,
                "claims": s.claims,
            }
            for s in report.sources
        ],
        "findings": [
            {
                "id": f.id,
                "kind": f.kind.value,
                "severity": f.severity.value,
                "score": round(float(f.score), 3),
                "claim_a": _claim_dict(report, f.claim_a),
                "claim_b": _claim_dict(report, f.claim_b) if f.claim_b is not None else None,
                "explanation": f.explanation,
                "evidence": dict(f.evidence),
            }
            for f in report.findings
        ],
        "stats": dict(report.stats),
    }


# ---------------------------------------------------------------- text


def _render_text(report: Report, *, color: bool) -> str:
    # Build rich Text objects either way: with colour they carry styles, without they
    # carry «» marks, and article text is never parsed as rich markup.
    lines = [Text(f"checker {report.version}: {_headline(report)}", style="bold")]
    if not report.findings:
        lines.append(Text("No disagreements found."))
    for n, finding in enumerate(report.findings, 1):
        head = Text(f"\n{n}. ")
        sev = finding.severity
        head.append(f"[{sev.value.upper()} {finding.score:.2f}]", style=_TEXT_STYLE[sev])
        head.append(f" {finding.kind.value}  {finding.id}")
        lines += [head, Text(f"   {finding.explanation}")]
        for claim, spans in _sides(finding):
            loc = _locate(report, claim)
            line = Text("   ")
            line.append(f"{loc.path}:{loc.start_line}", style="cyan")
            line.append('  "')
            for piece, hot in _segments(_flat(claim.text), spans):
                if hot and not color:
                    line.append(f"«{piece}»")
                else:
                    line.append(piece, style="bold reverse" if hot else "")
            line.append('"')
            if claim.attribution:
                line.append(f"  ({claim.attribution})", style="dim")
            lines.append(line)
    if report.findings:
        top = next(sev for sev in _SEVERITIES if _counts(report)[sev])
        summary = f"{plural(len(report.findings), 'finding')}; highest severity: {top.value}."
        lines.append(Text(f"\n{summary}", style="bold"))
    if not color:
        return "\n".join(t.plain for t in lines) + "\n"
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=True, color_system="standard", highlight=False)
    for text in lines:
        console.print(text, soft_wrap=True)  # soft_wrap: the terminal wraps, not rich
    return buffer.getvalue()


# ---------------------------------------------------------------- Markdown

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&#])")


def _md(text: str) -> str:
    """Escape for inline Markdown and table cells (one line, no active syntax)."""
    return _MD_SPECIAL.sub(r"\\\1", _flat(text))


def _md_claim(claim: Claim, spans: tuple[tuple[int, int], ...]) -> str:
    parts = []
    for piece, hot in _segments(_flat(claim.text), spans):
        core = piece.strip()
        if hot and core:
            # "** 5**" does not render as bold, so keep the spaces outside the markers.
            lead, trail = piece[: len(piece) - len(piece.lstrip())], piece[len(piece.rstrip()) :]
            parts.append(f"{lead}**{_md(core)}**{trail}")
        else:
            parts.append(_md(piece))
    return "".join(parts)


def _render_markdown(report: Report) -> str:
    out = [f"# {_TITLE}", "", f"checker {report.version}: {_headline(report)}", "", "## Sources", ""]
    out += ["| # | Title | Published | Path | Sentences | Claims |", "|---:|---|---|---|---:|---:|"]
    for i, s in enumerate(report.sources, 1):
        published = s.published.isoformat() if s.published else ""
        cells = [str(i), _md(s.title or ""), published, _md(s.path), str(s.sentences), str(s.claims)]
        out.append(f"| {' | '.join(cells)} |")
    out += ["", "## Findings", ""]
    if not report.findings:
        out += ["No disagreements found.", ""]
    for n, f in enumerate(report.findings, 1):
        out += [f"### {n}. {f.kind.value}: {f.severity.value.upper()}, score {f.score:.2f} ({_md(f.id)})", ""]
        out += [_md(f.explanation), "", "| | Where | Claim |", "|---|---|---|"]
        for label, (claim, spans) in zip("AB", _sides(f), strict=False):
            loc = _locate(report, claim)
            who = f" ({_md(claim.attribution)})" if claim.attribution else ""
            out.append(f"| {label} | {_md(loc.path)}:{loc.start_line} | {_md_claim(claim, spans)}{who} |")
        out.append("")
    out.append(f"_{_md(_HOW_TO_READ)}_")
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------- HTML

_CSS = """
body{font:16px/1.5 Georgia,"Times New Roman",serif;color:#1d1d1f;background:#f6f6f3;margin:0}
main{max-width:62rem;margin:0 auto;padding:1.5rem}
h1,h2,.meta,.where,.badge,.howto,footer{font-family:system-ui,-apple-system,"Segoe UI",sans-serif}
h1{margin:0 0 .25rem}h2{margin-top:2rem;border-bottom:1px solid #ccc}
.summary{font-size:1.1rem;margin:.25rem 0}.howto{color:#555;font-size:.9rem}
.badge{display:inline-block;padding:.05rem .5rem;border-radius:.75rem;font-size:.8rem;font-weight:600;
 text-transform:uppercase;color:#fff;background:#6b7280}
.badge.high{background:#b91c1c}.badge.medium{background:#b45309}.badge.low{background:#1d4ed8}
.sources li{margin:.3rem 0}
.path,.where{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.85rem}
.muted{color:#666}
.finding{background:#fff;border:1px solid #ddd;border-left:6px solid #6b7280;border-radius:6px;
 padding:1rem 1.25rem;margin:1rem 0;break-inside:avoid}
.finding.high{border-left-color:#b91c1c}.finding.medium{border-left-color:#b45309}
.finding.low{border-left-color:#1d4ed8}
.meta{display:flex;gap:.75rem;align-items:center;flex-wrap:wrap;font-size:.9rem}
.kind{font-weight:600}.explanation{margin:.5rem 0 .75rem}
.claims{display:grid;grid-template-columns:1fr 1fr;gap:1rem}.claims.single{grid-template-columns:1fr}
.claim{border:1px solid #e5e5e5;border-radius:4px;padding:.5rem .75rem;background:#fcfcfa}
.claim blockquote{margin:.35rem 0;font-size:1.05rem}.context{font-size:.85rem;color:#555;margin:.25rem 0 0}
mark{background:#fde68a;padding:0 .1em;border-radius:2px}
details{font-size:.85rem;color:#555;margin-top:.5rem}
footer{color:#777;font-size:.8rem;margin-top:2rem}
@media (max-width:40rem){.claims{grid-template-columns:1fr}}
@media print{body{background:#fff}main{max-width:none;padding:0}.finding{border-color:#999}
 *{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
"""


def _esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def _html_claim(report: Report, claim: Claim, spans: tuple[tuple[int, int], ...]) -> str:
    loc = _locate(report, claim)
    # Slice the raw text first, then escape each piece: slicing escaped text would cut
    # entities apart and shift every span after a "&" or "<".
    body = "".join(f"<mark>{_esc(p)}</mark>" if hot else _esc(p) for p, hot in _segments(claim.text, spans))
    parts = [f'<div class="claim"><div class="where">{_esc(loc.path)}:{loc.start_line}</div>']
    parts.append(f"<blockquote>{body}</blockquote>")
    if claim.attribution:
        parts.append(f'<div class="muted">Attribution: {_esc(claim.attribution)}</div>')
    if claim.sentence and claim.sentence.strip() != claim.text.strip():
        parts.append(f'<p class="context">In context: {_esc(claim.sentence)}</p>')
    return "".join(parts) + "</div>"


def _html_finding(report: Report, n: int, f: Finding) -> str:
    sev = _esc(f.severity.value)
    claims = "".join(_html_claim(report, c, spans) for c, spans in _sides(f))
    layout = "claims" if f.claim_b is not None else "claims single"
    evidence = ""
    if f.evidence:
        rows = "".join(f"<li>{_esc(k)}: {_esc(v)}</li>" for k, v in f.evidence.items())
        evidence = f"<details><summary>Evidence</summary><ul>{rows}</ul></details>"
    return (
        f'<article class="finding {sev}" id="finding-{_esc(f.id)}"><div class="meta">'
        f'<span class="badge {sev}">{sev}</span>'
        f'<span class="kind">{_esc(f.kind.value.replace("_", " "))}</span>'
        f'<span>score {f.score:.2f}</span><span class="muted">#{n} &middot; {_esc(f.id)}</span></div>'
        f'<p class="explanation">{_esc(f.explanation)}</p><div class="{layout}">{claims}</div>'
        f"{evidence}</article>"
    )


def _render_html(report: Report) -> str:
    badges = " ".join(
        f'<span class="badge {sev.value}">{n} {sev.value}</span>' for sev, n in _counts(report).items()
    )
    sources = []
    for s in report.sources:
        title = _esc(s.title) if s.title else '<span class="muted">(untitled)</span>'
        published = f" &middot; {_esc(s.published.isoformat())}" if s.published else ""
        sources.append(
            f'<li><strong>{title}</strong>{published}<br><span class="path">{_esc(s.path)}</span>'
            f' <span class="muted">&middot; {plural(s.sentences, "sentence")}, '
            f"{plural(s.claims, 'claim')}</span></li>"
        )
    findings = [_html_finding(report, n, f) for n, f in enumerate(report.findings, 1)]
    if not findings:
        findings = ["<p>No disagreements found.</p>"]
    page = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_TITLE}</title><style>{_CSS}</style></head><body><main>",
        f'<header><h1>{_TITLE}</h1><p class="summary">{_esc(_headline(report))}</p>',
        f'<p>{badges}</p><p class="howto">{_esc(_HOW_TO_READ)}</p></header>',
        f'<section class="sources"><h2>Sources</h2><ol>{"".join(sources)}</ol></section>',
        "<section><h2>Findings</h2>",
        *findings,
        f"</section><footer>Generated by checker {_esc(report.version)}</footer>",
        "</main></body></html>",
    ]
    return "\n".join(page) + "\n"


# ---------------------------------------------------------------- SARIF


def _sarif_location(report: Report, claim: Claim, message: str, loc_id: int | None = None) -> dict[str, Any]:
    loc = _locate(report, claim)
    region: dict[str, Any] = {"startLine": loc.start_line}
    if loc.start_column is not None:
        region.update(startColumn=loc.start_column, endLine=loc.end_line, endColumn=loc.end_column)
    region.update(charOffset=claim.start, charLength=claim.end - claim.start, snippet={"text": claim.text})
    # A URI reference: forward slashes, and "<stdin>" or spaces percent-encoded.
    uri = quote(loc.path.replace("\\", "/"), safe="/:@!$&'()*+,;=-._~")
    location: dict[str, Any] = {
        "physicalLocation": {"artifactLocation": {"uri": uri}, "region": region},
        "message": {"text": message},
    }
    if loc_id is not None:
        location = {"id": loc_id, **location}
    return location


def _sarif(report: Report) -> dict[str, Any]:
    from checker.baseline import fingerprint

    kinds = list(dict.fromkeys(f.kind for f in report.findings))  # first use order
    rules = [
        {
            "id": k.value,
            "name": "".join(part.title() for part in k.value.split("_")),
            "shortDescription": {"text": _KIND_DESCRIPTIONS[k]},
            "fullDescription": {"text": _KIND_DESCRIPTIONS[k]},
            "help": {"text": _KIND_HELP[k]},
            "defaultConfiguration": {"level": "warning"},
        }
        for k in kinds
    ]
    results = []
    for f in report.findings:
        locations = [_sarif_location(report, f.claim_a, "Claim")]
        result: dict[str, Any] = {
            "ruleId": f.kind.value,
            "ruleIndex": kinds.index(f.kind),
            "level": _SARIF_LEVEL[f.severity],
            "message": {"text": f.explanation},
            "locations": locations,
        }
        if f.claim_b is not None:
            locations.append(_sarif_location(report, f.claim_b, "Conflicting claim"))
            result["relatedLocations"] = [_sarif_location(report, f.claim_b, "Conflicting claim", loc_id=1)]
        # The baseline's fingerprint: normalised claim texts, stable under edits elsewhere.
        result["partialFingerprints"] = {"claimPair/v2": fingerprint(f)}
        result["properties"] = {
            "findingId": f.id,
            "score": round(float(f.score), 3),
            "severity": f.severity.value,
            "kind": f.kind.value,
        }
        results.append(result)
    return {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": {"name": "checker", "version": report.version, "rules": rules}},
                # Offsets come from Python strings, so columns count code points, not UTF-16.
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
