"""Acknowledged findings: fingerprints that stop a known disagreement failing the build.

A fingerprint names the claims, not where they stand: the normalised text of each
claim (case, spacing, quote marks and Unicode forms folded), sorted so the pair is
the same either way round. Edits elsewhere in a file, moved paragraphs and renamed
files leave it unchanged; rewording either claim makes it a new finding, as it should.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from checker import __version__
from checker.errors import InputError
from checker.types import Finding

BASELINE_VERSION = 1
_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "“": '"', "”": '"', "„": '"', "–": "-", "—": "-"})


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold()
    return re.sub(r"\s+", " ", text).strip(" \"'.,;:")


def fingerprint(finding: Finding) -> str:
    texts = sorted(normalise(c.text) for c in (finding.claim_a, finding.claim_b) if c is not None)
    return hashlib.sha256("\x1f".join(texts).encode("utf-8")).hexdigest()[:32]


@dataclass(frozen=True)
class Baseline:
    """Fingerprints of accepted findings, with the claims they stood for (for people)."""

    entries: dict[str, dict]

    def __contains__(self, finding: Finding) -> bool:
        return fingerprint(finding) in self.entries

    @classmethod
    def load(cls, path: Path) -> Baseline:
        """The baseline at ``path``; an empty one when the file does not exist yet."""
        if not path.exists():
            return cls({})
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise InputError(f"{path}: not a readable baseline file ({exc})") from None
        if not isinstance(data, dict) or data.get("version") != BASELINE_VERSION:
            raise InputError(f"{path}: not a checker baseline (expected version {BASELINE_VERSION})")
        entries = data.get("findings")
        if not isinstance(entries, list) or not all(
            isinstance(e, dict) and isinstance(e.get("fingerprint"), str) for e in entries
        ):
            raise InputError(f"{path}: baseline findings must be a list of objects with a fingerprint")
        return cls({e["fingerprint"]: e for e in entries})

    def with_findings(self, findings: list[Finding]) -> Baseline:
        """This baseline plus ``findings`` (existing entries are kept)."""
        entries = dict(self.entries)
        for f in findings:
            entries.setdefault(
                fingerprint(f),
                {
                    "fingerprint": fingerprint(f),
                    "kind": f.kind.value,
                    "claims": [c.text for c in (f.claim_a, f.claim_b) if c is not None],
                    "explanation": f.explanation,
                },
            )
        return Baseline(entries)

    def to_json(self) -> str:
        findings = sorted(self.entries.values(), key=lambda e: e["fingerprint"])
        body = {"version": BASELINE_VERSION, "tool": f"checker {__version__}", "findings": findings}
        return json.dumps(body, indent=2, ensure_ascii=False) + "\n"
