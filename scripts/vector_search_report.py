"""Exact search (one numpy matrix product) against FAISS for the corpus store's retrieval.

30 query claims against 1,500, 15,000 and 150,000 random unit vectors of 384
dimensions (MiniLM's size): milliseconds per query batch for numpy, FAISS's exact
index (IndexFlatIP) and its HNSW graph (M=32, default search depth), the HNSW build
time and the share of the true 10 nearest neighbours HNSW returns.

    pip install faiss-cpu && python scripts/vector_search_report.py
"""

from __future__ import annotations

import time

import numpy as np


def _ms(fn, repeat: int = 10) -> float:
    started = time.perf_counter()
    for _ in range(repeat):
        fn()
    return (time.perf_counter() - started) / repeat * 1000


def main() -> None:
    import faiss

    rng = np.random.default_rng(0)
    for n in (1_500, 15_000, 150_000):
        corpus = rng.standard_normal((n, 384)).astype(np.float32)
        corpus /= np.linalg.norm(corpus, axis=1, keepdims=True)
        queries = corpus[:30] + 0.1 * rng.standard_normal((30, 384)).astype(np.float32)
        numpy_ms = _ms(lambda c=corpus, q=queries: np.argpartition(-(c @ q.T), 10, axis=0)[:10])
        flat = faiss.IndexFlatIP(384)
        flat.add(corpus)
        flat_ms = _ms(lambda i=flat, q=queries: i.search(q, 10))
        hnsw = faiss.IndexHNSWFlat(384, 32, faiss.METRIC_INNER_PRODUCT)
        started = time.perf_counter()
        hnsw.add(corpus)
        build = time.perf_counter() - started
        hnsw_ms = _ms(lambda i=hnsw, q=queries: i.search(q, 10))
        _, exact = flat.search(queries, 10)
        _, approx = hnsw.search(queries, 10)
        found = np.mean([len(set(exact[i]) & set(approx[i])) / 10 for i in range(len(queries))])
        print(
            f"{n:>7} claims: numpy {numpy_ms:.1f} ms, faiss exact {flat_ms:.1f} ms, "
            f"hnsw {hnsw_ms:.2f} ms (build {build:.1f} s, true neighbours found {found:.2f})"
        )


if __name__ == "__main__":
    main()
