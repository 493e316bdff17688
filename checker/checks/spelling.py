"""Near-miss spellings of one name anywhere in the input ("Karabkah" / "Karabakh")."""

from __future__ import annotations

from checker import names as names_mod
from checker.checks.base import Candidate, Story, in_claim, mention_candidate
from checker.facts import ClaimFacts
from checker.lexicon import COUNTRIES
from checker.types import FindingKind, Severity

NAME = "spelling"


Mention = tuple[ClaimFacts, names_mod.NameMention]


def _first(mentions: list[Mention], story: Story, *, not_in: int | None = None) -> Mention:
    """The first mention by file path and position, preferring articles other than
    ``not_in``: the same findings whatever order the articles are given in."""

    def order(m: Mention) -> tuple[bool, str, int]:
        facts, mention = m
        path = story.sources[facts.source_index].path
        return (facts.source_index == not_in, path, facts.claim.start + mention.start)

    return min(mentions, key=order)


def check_story(story: Story) -> list[Candidate]:
    seen: dict[str, list[Mention]] = {}
    for facts in story.facts:
        for mention in facts.names:
            for token in mention.text.split():
                at = mention.start + mention.text.find(token)
                seen.setdefault(names_mod.fold(token), []).append(
                    (facts, names_mod.NameMention(token, at, at + len(token)))
                )
    counts = {key: len(mentions) for key, mentions in seen.items()}
    found = []
    keys = sorted(seen)
    reported: set[str] = set()
    for i, x in enumerate(keys):
        for y in keys[i + 1 :]:
            if x.startswith(y) or y.startswith(x) or not names_mod.is_misspelling(x, y):
                continue  # "Armenia"/"Armenian" is a demonym, not a typo
            if x in COUNTRIES and y in COUNTRIES:
                continue  # "Iceland"/"Ireland": two countries
            rare, common = (x, y) if counts[x] <= counts[y] else (y, x)
            if rare in reported:
                continue
            reported.add(rare)
            f_r, m_r = _first(seen[rare], story)
            # The other spelling as another article gives it, when one does.
            f_c, m_c = _first(seen[common], story, not_in=f_r.source_index)
            if counts[rare] == counts[common]:
                # A tie says nothing about which spelling is the right one.
                explanation = f"'{m_r.text}' and '{m_c.text}' look like two spellings of one name."
            else:
                uses = f"used {counts[common]} time{'s' if counts[common] > 1 else ''}"
                explanation = f"'{m_r.text}' looks like a misspelling of '{m_c.text}' ({uses})."
            found.append(
                mention_candidate(
                    NAME,
                    FindingKind.NAME_SPELLING,
                    f_r.claim,
                    f_c.claim,
                    explanation,
                    in_claim(f_r.claim, (m_r.start, m_r.end)),
                    in_claim(f_c.claim, (m_c.start, m_c.end)),
                    {
                        "rare_uses": float(counts[rare]),
                        "common_uses": float(counts[common]),
                        "tie": float(counts[rare] == counts[common]),
                        "same_article": float(f_r.source_index == f_c.source_index),
                        "rule_score": 0.7,
                    },
                    0.7,
                    # Confident that the spellings differ, but a typo is a minor matter.
                    max_severity=Severity.LOW,
                )
            )
    return found
