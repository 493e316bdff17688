"""One exception family for the whole library; the CLI maps it to exit code 2."""

from __future__ import annotations


class CheckerError(Exception):
    """Base class for every error the library raises on purpose."""


class InputError(CheckerError):
    """A source cannot be read or is not an article (missing, binary, empty, too large)."""


class ModelError(CheckerError):
    """An NLI model cannot be found, loaded or understood."""


class DataError(CheckerError):
    """Training or evaluation data is missing or malformed."""
