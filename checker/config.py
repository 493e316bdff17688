"""Project settings for ``checker ci``: ``checker.toml`` or ``[tool.checker]`` in
``pyproject.toml``, found in the working folder or the nearest folder above it.

Command-line options override the file. Paths in the file are relative to the file's
folder, so a setting means the same from any working folder.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from checker.errors import InputError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - the 3.10 backport
    import tomli as tomllib

_SEVERITIES = ("low", "medium", "high")


@dataclass(frozen=True)
class Settings:
    path: Path | None = None  # the file the settings came from
    model: str | None = None
    fail_on: str | None = None
    min_score: float | None = None
    corpus: Path | None = None
    store: Path | None = None
    baseline: Path | None = None
    ignore: tuple[str, ...] = field(default=())


def find_config(start: Path) -> Path | None:
    """The first ``checker.toml``, or ``pyproject.toml`` with a ``[tool.checker]`` table,
    in ``start`` or a folder above it."""
    for folder in (start.resolve(), *start.resolve().parents):
        own = folder / "checker.toml"
        if own.is_file():
            return own
        project = folder / "pyproject.toml"
        if project.is_file() and "[tool.checker]" in project.read_text(encoding="utf-8", errors="replace"):
            return project
    return None


def load_settings(path: Path | None) -> Settings:
    """Read and check the settings at ``path`` (None: no file, every setting unset)."""
    if path is None:
        return Settings()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read the settings ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"{path}: not valid TOML ({exc})") from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("checker", {})
    if not isinstance(data, dict):
        raise InputError(f"{path}: [tool.checker] must be a table")
    known = {"model", "fail-on", "min-score", "corpus", "store", "baseline", "ignore"}
    unknown = sorted(set(data) - known)
    if unknown:
        raise InputError(f"{path}: unknown setting {unknown[0]!r} (known: {', '.join(sorted(known))})")

    def text(key: str) -> str | None:
        value = data.get(key)
        if value is not None and not isinstance(value, str):
            raise InputError(f"{path}: {key} must be a string")
        return value

    def relative(key: str) -> Path | None:
        value = text(key)
        return (path.parent / value) if value else None

    fail_on = text("fail-on")
    if fail_on is not None and fail_on not in _SEVERITIES:
        raise InputError(f"{path}: fail-on must be one of {', '.join(_SEVERITIES)}")
    min_score = data.get("min-score")
    if min_score is not None and (
        isinstance(min_score, bool) or not isinstance(min_score, (int, float)) or not 0 <= min_score <= 1
    ):
        raise InputError(f"{path}: min-score must be a number from 0 to 1")
    ignore = data.get("ignore", [])
    if not isinstance(ignore, list) or not all(isinstance(p, str) for p in ignore):
        raise InputError(f"{path}: ignore must be a list of glob patterns")
    model = text("model")
    if model and (model.startswith((".", "/", "~")) or "/" in model and (path.parent / model).exists()):
        model = str(path.parent / model)
    return Settings(
        path=path,
        model=model,
        fail_on=fail_on,
        min_score=float(min_score) if min_score is not None else None,
        corpus=relative("corpus"),
        store=relative("store"),
        baseline=relative("baseline"),
        ignore=tuple(ignore),
    )
