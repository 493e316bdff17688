from collections.abc import Sequence

import numpy as np

from checker.align import align
from checker.claims import extract_claims
from checker.facts import extract_facts
from checker.sources import load_text


class FixedEmbedder:
    """Every claim the same middling distance from every other (cosine 0.3)."""

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        n = len(texts)
        gram = np.full((n, n), 0.3) + 0.7 * np.eye(n)
        return np.linalg.cholesky(gram).astype(np.float32)


def test_figures_of_one_kind_in_one_article_are_paired_below_the_floor() -> None:
    # Worded apart (below the floor for pairs within one article) but counting the same
    # things: "47 vehicles" and "the 74 vehicles" of one crash are worth comparing.
    text = (
        "The pile-up on Monday involved 47 vehicles and left one man dead. "
        "Police closed the road for the rest of the day. "
        "Recovery crews later removed the 74 vehicles caught up in the crash."
    )
    source = load_text(text, path="a.txt")
    facts = extract_facts(extract_claims(source, 0)[1], [source]).facts
    pairs = align(facts, FixedEmbedder())
    texts = {(facts[p.a].claim.text[:20], facts[p.b].claim.text[:20]) for p in pairs}
    assert ("The pile-up on Monda", "Recovery crews later") in texts
