"""checker: find the places where news articles about one event disagree.

>>> import checker
>>> report = checker.check(["examples/"])  # doctest: +SKIP
>>> [f.kind.value for f in report.findings][:1]  # doctest: +SKIP
['malformed_number']
"""

from __future__ import annotations

__version__ = "0.1.0"

from checker.errors import CheckerError, InputError, ModelError  # noqa: E402
from checker.pipeline import CheckOptions, check, check_sources  # noqa: E402
from checker.types import Claim, Finding, FindingKind, Report, Severity, Source  # noqa: E402

__all__ = [
    "CheckOptions",
    "CheckerError",
    "Claim",
    "Finding",
    "FindingKind",
    "InputError",
    "ModelError",
    "Report",
    "Severity",
    "Source",
    "check",
    "check_sources",
]
