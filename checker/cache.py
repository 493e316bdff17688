"""Work that does not repeat: sentence embeddings and NLI results keyed by content hash.

One SQLite file (WAL mode, so two processes can share it; every write is one
transaction, so an interrupted run leaves the last complete state). It is a cache:
safe to delete, rebuilt with a warning when unreadable, and never the only copy of
anything. ``checker check`` uses the user cache folder; ``checker ci`` keeps the same
tables inside its corpus store, so a warm store also means warm models.

Keys are the SHA-256 of the text (and of the model's identity), so a changed sentence
is a new key and an unchanged one is found wherever it appears.
"""

from __future__ import annotations

import hashlib
import logging
import os
import sqlite3
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from checker.errors import InputError
from checker.nli import NLIScores, PairScorer

log = logging.getLogger(__name__)

CACHE_ENV = "CHECKER_CACHE_DIR"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS embeddings (model TEXT, key BLOB, vector BLOB, PRIMARY KEY (model, key));
CREATE TABLE IF NOT EXISTS nli (model TEXT, key BLOB, probs BLOB, PRIMARY KEY (model, key));
"""
_CHUNK = 500  # keys per SELECT: under SQLite's bound-parameter limit


def default_cache_path() -> Path:
    """``$CHECKER_CACHE_DIR/cache.sqlite``, else the platform's user cache folder."""
    base = os.environ.get(CACHE_ENV) or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "checker"
    )
    return Path(base) / "cache.sqlite"


def text_key(*parts: str) -> bytes:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\x1f")
    return digest.digest()[:16]


def connect(
    path: Path, schema: str = _SCHEMA, *, what: str = "cache", timeout: float = 15.0
) -> sqlite3.Connection:
    """Open (or create) a SQLite file with ``schema``.

    An unreadable file is moved aside and rebuilt with a warning: both the cache and the
    corpus store are derived data. A file locked by another process for longer than
    the busy timeout is an input error.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    for attempt in (1, 2):
        try:
            conn = sqlite3.connect(path, timeout=timeout, isolation_level=None)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.executescript(schema)
            return conn
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise InputError(f"{path}: the {what} is locked by another process ({exc})") from None
            error: sqlite3.Error = exc
        except sqlite3.DatabaseError as exc:
            error = exc
        if attempt == 2:
            raise InputError(f"{path}: cannot open the {what} ({error})") from None
        log.warning("%s: unreadable %s (%s); rebuilding it", path, what, error)
        _move_aside(path)
    raise AssertionError("unreachable")


def _move_aside(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        part = Path(f"{path}{suffix}")
        if part.exists():
            part.replace(Path(f"{path}.corrupt{suffix}"))


class Cache:
    """Embeddings and NLI probabilities by content hash, in one SQLite file."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    @classmethod
    def open(cls, path: Path | None = None) -> Cache:
        return cls(connect(path or default_cache_path()))

    def _get(self, table: str, column: str, model: str, keys: Sequence[bytes]) -> dict[bytes, bytes]:
        found: dict[bytes, bytes] = {}
        unique = list(dict.fromkeys(keys))
        for start in range(0, len(unique), _CHUNK):
            chunk = unique[start : start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            rows = self._conn.execute(
                f"SELECT key, {column} FROM {table} WHERE model = ? AND key IN ({marks})", (model, *chunk)
            )
            found.update(rows)
        return found

    def _put(self, table: str, model: str, rows: Sequence[tuple[bytes, bytes]]) -> None:
        if not rows:
            return
        try:
            with self._conn:  # one transaction: all rows or none
                self._conn.execute("BEGIN IMMEDIATE")
                self._conn.executemany(
                    f"INSERT OR REPLACE INTO {table} VALUES (?, ?, ?)", [(model, k, v) for k, v in rows]
                )
        except sqlite3.OperationalError as exc:  # locked or full disk: the cache is optional
            log.warning("cache not updated: %s", exc)

    def vectors(self, model: str, texts: Sequence[str]) -> dict[str, np.ndarray]:
        keys = {text_key(t): t for t in texts}
        rows = self._get("embeddings", "vector", model, list(keys))
        return {keys[k]: np.frombuffer(v, dtype=np.float32) for k, v in rows.items()}

    def put_vectors(self, model: str, texts: Sequence[str], vectors: np.ndarray) -> None:
        rows = [
            (text_key(t), np.asarray(v, dtype=np.float32).tobytes())
            for t, v in zip(texts, vectors, strict=True)
        ]
        self._put("embeddings", model, rows)

    def nli(self, model: str, pairs: Sequence[tuple[str, str]]) -> dict[tuple[str, str], NLIScores]:
        keys = {text_key(p, h): (p, h) for p, h in pairs}
        rows = self._get("nli", "probs", model, list(keys))
        return {keys[k]: NLIScores(*np.frombuffer(v, dtype=np.float64).tolist()) for k, v in rows.items()}

    def put_nli(self, model: str, pairs: Sequence[tuple[str, str]], scores: Sequence[NLIScores]) -> None:
        rows = [
            (text_key(p, h), np.array([s.entailment, s.neutral, s.contradiction], dtype=np.float64).tobytes())
            for (p, h), s in zip(pairs, scores, strict=True)
        ]
        self._put("nli", model, rows)


class CachedEmbedder:
    """An embedder that asks the cache first and embeds only the texts it has not seen."""

    def __init__(self, embedder, cache: Cache, model: str) -> None:
        self._embedder = embedder
        self._cache = cache
        self._model = model
        self.computed = 0  # texts embedded by the model in this run (the rest came from the cache)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        known = self._cache.vectors(self._model, texts)
        missing = list(dict.fromkeys(t for t in texts if t not in known))
        if missing:
            fresh = self._embedder.encode(missing)
            self._cache.put_vectors(self._model, missing, fresh)
            known.update(zip(missing, np.asarray(fresh, dtype=np.float32), strict=True))
            self.computed += len(missing)
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        return np.stack([known[t] for t in texts]).astype(np.float32)


class CachedPairScorer:
    """An NLI scorer that asks the cache first; the model loads only when a pair is new."""

    def __init__(self, scorer: PairScorer, cache: Cache) -> None:
        self._scorer = scorer
        self._cache = cache
        self.name = scorer.name
        self._identity = getattr(scorer, "identity", scorer.name)
        self.computed = 0

    @property
    def identity(self) -> str:
        return self._identity

    def score(self, pairs: Sequence[tuple[str, str]]) -> list[NLIScores]:
        known = self._cache.nli(self._identity, pairs)
        missing = list(dict.fromkeys(p for p in pairs if p not in known))
        if missing:
            fresh = self._scorer.score(missing)
            self._cache.put_nli(self._identity, missing, fresh)
            known.update(zip(missing, fresh, strict=True))
            self.computed += len(missing)
        return [known[p] for p in pairs]
