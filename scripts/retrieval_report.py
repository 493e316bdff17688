"""How well `checker ci` finds the earlier articles about the same event.

Every article of the story corpus is taken in turn as the new article, and every other
article of the chosen stories as the corpus; an article of the same story should be
found (it tells the same event), the others should not. For each similarity floor and
count of matching claims, prints the share of same-story articles found and the mean
number of other-story articles taken along per new article.

    python scripts/retrieval_report.py eval/corpus/train.json --stories 80
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

from checker.cache import Cache, CachedEmbedder
from checker.onnx_models import make_embedder
from checker.sources import load_text
from checker.store import claim_texts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("stories", type=Path)
    parser.add_argument("--stories", dest="count", type=int, default=80)
    args = parser.parse_args()
    stories = json.loads(args.stories.read_text())[: args.count]
    embedder = make_embedder()
    embedder = CachedEmbedder(embedder, Cache.open(), embedder.identity)
    owners, matrices = [], []
    for number, story in enumerate(stories):
        for src in story["sources"]:
            texts = claim_texts(load_text(src["text"], path=src["name"]))
            owners.append(number)
            matrices.append(embedder.encode(texts))
    owners_arr = np.array(owners)
    floors, counts = (0.5, 0.6, 0.7, 0.8), (1, 2, 3)
    found = {(f, c): [0, 0] for f in floors for c in counts}  # same-story found / total
    extra = {(f, c): 0 for f in floors for c in counts}
    for q, query in enumerate(matrices):
        for a, article in enumerate(matrices):
            if a == q or len(query) == 0 or len(article) == 0:
                continue
            best = (article @ query.T).max(axis=0)
            same = owners_arr[a] == owners_arr[q]
            for f in floors:
                matched = int((best >= f).sum())
                for c in counts:
                    hit = matched >= c
                    if same:
                        found[(f, c)][0] += hit
                        found[(f, c)][1] += 1
                    else:
                        extra[(f, c)] += hit
    print(f"{len(matrices)} articles of {len(stories)} stories")
    print("floor  claims  same-story found  other-story articles per new article")
    for f in floors:
        for c in counts:
            hit, total = found[(f, c)]
            print(f"{f:5.2f}  {c:6d}  {hit / total:16.3f}  {extra[(f, c)] / len(matrices):10.2f}")


if __name__ == "__main__":
    main()
