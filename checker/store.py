"""The corpus store: earlier articles, read and embedded once, for ``checker ci``.

One SQLite file holds, per article of the corpus folder, its parsed source (text,
blocks, title, date), the embedding of each claim, and the file's size, time and
content hash; the cache tables of :mod:`checker.cache` (embeddings and NLI results by
content hash) live in the same file. A refresh reads only files whose size or time
changed, re-parses only those whose content changed, and drops articles whose file is
gone. Each article is written in one transaction, so an interrupted refresh leaves
every article either as it was or fully updated.

Retrieval is an exact inner-product search over the claim vectors (one BLAS matrix
product), measured against FAISS with ``scripts/vector_search_report.py``: for 30 query
claims, 1 ms over 1,500 corpus claims, 9 ms over 15,000 and 173 ms over 150,000, faster
than FAISS's exact index at every size; FAISS's HNSW graph (3.8 ms at 150,000) needed a
40 s build and found few of the true neighbours with default settings. An approximate
index pays off only far beyond the archives this is built for, and exact search leaves
no second index to keep in step with the store.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import functools
import hashlib
import json
import logging
import os
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from checker.align import Embedder
from checker.cache import _SCHEMA as CACHE_SCHEMA
from checker.cache import Cache, connect
from checker.claims import extract_claims
from checker.errors import CheckerError, InputError
from checker.sources import SUPPORTED_EXTENSIONS, source_from_bytes
from checker.types import Block, Source, SourceFormat

log = logging.getLogger(__name__)

STORE_VERSION = "1"
_SCHEMA = (
    CACHE_SCHEMA
    + """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS articles (
    path TEXT PRIMARY KEY,      -- relative to the corpus folder, with forward slashes
    hash TEXT NOT NULL,         -- SHA-256 of the file's bytes
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    source TEXT,                -- the parsed Source as JSON; NULL when the file is not an article
    problem TEXT,               -- why not (empty, binary ...), shown as a warning
    claims INTEGER NOT NULL DEFAULT 0,
    vectors BLOB                -- float32 [claims x dim], claim order
);
"""
)


@dataclass(frozen=True)
class IndexStats:
    articles: int  # in the store after the refresh
    read: int  # files whose bytes were read (size or time changed)
    parsed: int  # of those, the ones whose content changed: parsed and embedded
    removed: int  # files gone from the folder
    skipped: tuple[str, ...]  # corpus files that are not articles, with the reason


def file_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def list_articles(folder: Path, ignore: Sequence[str] = ()) -> dict[str, Path]:
    """Article files under ``folder`` (recursively, hidden folders skipped), keyed by their
    path relative to it; ``ignore`` holds glob patterns matched against that path."""
    found: dict[str, Path] = {}
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith(".") or os.path.splitext(name)[1].lower() not in SUPPORTED_EXTENSIONS:
                continue
            path = Path(root) / name
            rel = path.relative_to(folder).as_posix()
            if not is_ignored(rel, ignore):
                found[rel] = path
    return found


def is_ignored(rel: str, patterns: Sequence[str]) -> bool:
    return any(fnmatch.fnmatch(rel, p) or fnmatch.fnmatch(os.path.basename(rel), p) for p in patterns)


def source_to_json(source: Source) -> str:
    return json.dumps(
        {
            "path": source.path,
            "text": source.text,
            "format": source.format.value,
            "blocks": [[b.text, b.start, b.end, b.exact] for b in source.blocks],
            "title": source.title,
            "published": source.published.isoformat() if source.published else None,
            "url": source.url,
            "outlet": source.outlet,
        },
        ensure_ascii=False,
    )


def source_from_json(text: str, path: str) -> Source:
    data = json.loads(text)
    return Source(
        path=path,
        text=data["text"],
        format=SourceFormat(data["format"]),
        blocks=tuple(Block(t, s, e, x) for t, s, e, x in data["blocks"]),
        title=data["title"],
        published=dt.date.fromisoformat(data["published"]) if data["published"] else None,
        url=data["url"],
        outlet=data["outlet"],
    )


def claim_texts(source: Source) -> list[str]:
    """What retrieval embeds: the claims as the pipeline reads them (so the vectors are
    the ones alignment needs too, and the check reuses them from the cache)."""
    return [c.text for c in extract_claims(source, 0)[1]]


def _store_errors(method):
    """A store another run holds, or that breaks mid-run, is a one-line input error."""

    @functools.wraps(method)
    def wrapped(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except sqlite3.OperationalError as exc:
            raise InputError(
                f"{self.path}: the corpus store is locked or cannot be written ({exc})"
            ) from None
        except sqlite3.DatabaseError as exc:
            raise InputError(
                f"{self.path}: the corpus store is damaged ({exc}); delete it to rebuild"
            ) from None

    return wrapped


class CorpusStore:
    """Earlier articles of one corpus folder, kept in step with it by :meth:`refresh`."""

    def __init__(self, path: Path, *, timeout: float = 15.0) -> None:
        self.path = path
        # Another run holding the store for longer than ``timeout`` is an error, not a wait.
        self._conn = connect(path, _SCHEMA, what="corpus store", timeout=timeout)
        self.cache = Cache(self._conn)
        try:
            version = self._meta("version")
        except sqlite3.DatabaseError as exc:
            raise InputError(f"{path}: cannot read the corpus store ({exc})") from None
        if version is None:
            self._set_meta("version", STORE_VERSION)
        elif version != STORE_VERSION:
            log.warning("%s: store format %s, expected %s; rebuilding it", path, version, STORE_VERSION)
            self._conn.execute("DELETE FROM articles")
            self._set_meta("version", STORE_VERSION)

    def close(self) -> None:
        self._conn.close()

    def _meta(self, key: str) -> str | None:
        row = self._conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def _set_meta(self, key: str, value: str) -> None:
        self._conn.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    @_store_errors
    def refresh(self, folder: Path, embedder: Embedder, *, ignore: Sequence[str] = ()) -> IndexStats:
        """Bring the store in step with ``folder``."""
        if not folder.is_dir():
            raise InputError(f"{folder}: corpus folder not found")
        files = list_articles(folder, ignore)
        self._check_embedder(embedder)
        known = {
            row[0]: row[1:] for row in self._conn.execute("SELECT path, hash, size, mtime_ns FROM articles")
        }
        read = parsed = 0
        for rel, path in files.items():
            try:
                stat = path.stat()
            except OSError as exc:
                log.warning("%s: cannot read (%s); left out of the corpus", path, exc.strerror or exc)
                continue
            old = known.get(rel)
            if old is not None and old[1] == stat.st_size and old[2] == stat.st_mtime_ns:
                continue
            read += 1
            try:
                data = path.read_bytes()
            except OSError as exc:
                log.warning("%s: cannot read (%s); left out of the corpus", path, exc.strerror or exc)
                continue
            digest = file_hash(data)
            if old is not None and old[0] == digest:  # touched, not changed
                self._conn.execute(
                    "UPDATE articles SET size = ?, mtime_ns = ? WHERE path = ?",
                    (stat.st_size, stat.st_mtime_ns, rel),
                )
                continue
            parsed += 1
            self._index_one(rel, path, data, digest, stat, embedder)
        gone = [rel for rel in known if rel not in files]
        if gone:
            with self._conn:
                self._conn.execute("BEGIN IMMEDIATE")
                self._conn.executemany("DELETE FROM articles WHERE path = ?", [(g,) for g in gone])
        skipped = tuple(
            f"{rel}: {problem}"
            for rel, problem in self._conn.execute(
                "SELECT path, problem FROM articles WHERE problem IS NOT NULL ORDER BY path"
            )
        )
        count = self._conn.execute("SELECT COUNT(*) FROM articles WHERE source IS NOT NULL").fetchone()[0]
        return IndexStats(count, read, parsed, len(gone), skipped)

    def _check_embedder(self, embedder: Embedder) -> None:
        """Vectors of another embedding model cannot be compared: start over."""
        identity = getattr(embedder, "identity", type(embedder).__name__)
        if self._meta("embedder") not in (None, identity):
            log.warning("%s: built with another embedding model; re-indexing the corpus", self.path)
            self._conn.execute("DELETE FROM articles")
        self._set_meta("embedder", identity)

    def _index_one(
        self, rel: str, path: Path, data: bytes, digest: str, stat: os.stat_result, embedder: Embedder
    ) -> None:
        source_json = problem = None
        vectors = b""
        claims = 0
        try:
            source = source_from_bytes(str(path), data)
            texts = claim_texts(source)
            source_json = source_to_json(source)
            matrix = np.asarray(embedder.encode(texts), dtype=np.float32)
            vectors, claims = matrix.tobytes(), len(texts)
        except CheckerError as exc:
            problem = str(exc).removeprefix(f"{path}: ")
            log.warning("%s: not an article (%s); left out of the corpus", path, problem)
        with self._conn:  # the article's row in one transaction
            self._conn.execute("BEGIN IMMEDIATE")
            self._conn.execute(
                "INSERT OR REPLACE INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (rel, digest, stat.st_size, stat.st_mtime_ns, source_json, problem, claims, vectors),
            )

    @_store_errors
    def paths(self) -> list[str]:
        return [r[0] for r in self._conn.execute("SELECT path FROM articles WHERE source IS NOT NULL")]

    @_store_errors
    def source(self, rel: str, folder: Path) -> Source:
        row = self._conn.execute("SELECT source FROM articles WHERE path = ?", (rel,)).fetchone()
        if row is None or row[0] is None:
            raise InputError(f"{self.path}: {rel} is not in the corpus store")
        return source_from_json(row[0], str(folder / rel))

    @_store_errors
    def related(
        self,
        queries: Sequence[np.ndarray],
        *,
        min_similarity: float,
        min_claims: int,
        limit: int,
        exclude: Iterable[str] = (),
    ) -> list[list[tuple[str, int, float]]]:
        """For each matrix of query claims (one per new article), the corpus articles
        about the same event; the stored vectors are read once for all of them.

        An article counts when at least ``min_claims`` query claims have a claim in it at
        cosine ``min_similarity`` or more; the ``limit`` with the most such claims (then
        the highest similarity) are returned as (path, matched claims, best cosine).
        ``exclude`` holds paths never returned (the articles under review, which stay
        indexed: once published they are part of the corpus).
        """
        left_out = set(exclude)
        names: list[str] = []
        blocks: list[np.ndarray] = []
        for rel, claims, blob in self._conn.execute(
            "SELECT path, claims, vectors FROM articles WHERE source IS NOT NULL AND claims > 0"
        ):
            if rel in left_out:
                continue
            names.append(rel)
            blocks.append(np.frombuffer(blob, dtype=np.float32).reshape(claims, -1))
        if not names:
            return [[] for _ in queries]
        corpus = np.concatenate(blocks)
        starts = np.cumsum([0] + [len(b) for b in blocks[:-1]])
        found = []
        for query in queries:
            if len(query) == 0:
                found.append([])
                continue
            sims = corpus @ np.asarray(query, dtype=np.float32).T  # [corpus x query claims]
            best = np.maximum.reduceat(sims, starts, axis=0)  # [articles x query claims]: best in each
            matched = (best >= min_similarity).sum(axis=1)
            scored = [
                (name, int(matched[i]), float(best[i].max()))
                for i, name in enumerate(names)
                if matched[i] >= min_claims
            ]
            scored.sort(key=lambda t: (-t[1], -t[2], t[0]))
            found.append(scored[:limit])
        return found
