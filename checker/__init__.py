"""checker: find the places where news articles about one event disagree.

>>> import checker
>>> report = checker.check(["examples/"])  # doctest: +SKIP
>>> [f.kind.value for f in report.findings][:1]  # doctest: +SKIP
['malformed_number']
"""

from __future__ import annotations

__version__ = "0.1.0"

from typing import TYPE_CHECKING, Any

from checker.errors import CheckerError, InputError, ModelError  # noqa: E402
from checker.types import Claim, Finding, FindingKind, Report, Severity, Source  # noqa: E402

if TYPE_CHECKING:
    from checker.pipeline import CheckOptions, check, check_sources

_LAZY = {"CheckOptions", "check", "check_sources"}


def __getattr__(name: str) -> Any:
    """The pipeline (NLTK, numpy, the models) loads on first use, so ``checker --help``
    and error messages stay instant."""
    if name in _LAZY:
        from checker import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'checker' has no attribute {name!r}")


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
