"""Labelled stories: load them, run the pipeline up to candidates, label candidates with
the official matching rules, and measure findings the way the story scorer does.

Used by ``scripts/fit_scorer.py`` (fit on the train split, choose thresholds on the
validation split) and ``scripts/story_report.py`` (measure any split). The matching
rules are imported from ``../shared/eval/score_stories.py`` so that what is fitted is
what is scored.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import json
import pickle
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

from checker.align import Embedder, align
from checker.checks import Candidate
from checker.compare import collect_candidates, findings_from
from checker.errors import DataError
from checker.facts import extract_facts
from checker.nli import PairScorer
from checker.pipeline import CheckOptions, read_claims
from checker.report import to_dict
from checker.scoring import Scorer
from checker.sources import load_text
from checker.types import Report, SourceSummary

ROOT = Path(__file__).resolve().parents[2]
SHARED_EVAL = ROOT.parent / "shared" / "eval"


def official_rules() -> ModuleType:
    """The story scorer's module (its ``covers`` and ``flagged`` are the matching rules)."""
    path = SHARED_EVAL / "score_stories.py"
    if not path.is_file():
        raise DataError(f"{path} not found: the story scorer lives in ../shared/eval")
    spec = importlib.util.spec_from_file_location("score_stories", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@dataclass(frozen=True)
class Story:
    id: str
    files: dict[str, str]  # name -> content, exactly as the story scorer writes them
    contradict: tuple[tuple[str, str, str], ...]
    consistent: tuple[tuple[str, str, str], ...]


def load_stories(path: Path) -> list[Story]:
    """Stories in the story scorer's JSON format, with files built as it builds them."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DataError(f"{path}: cannot read stories ({exc})") from exc
    stories = []
    for st in raw:
        files = {}
        for s in st["sources"]:
            body = (path.parent / s["file"]).read_text(encoding="utf-8") if "file" in s else s["text"] + "\n"
            front = s.get("published") and "file" not in s and not s["name"].endswith((".html", ".htm"))
            files[s["name"]] = (f"---\npublished: {s['published']}\n---\n" if front else "") + body
        stories.append(
            Story(
                st["id"],
                files,
                tuple(tuple(x) for x in st["contradict"]),  # type: ignore[misc]
                tuple(tuple(x) for x in st["consistent"]),  # type: ignore[misc]
            )
        )
    return stories


@dataclass
class StoryCandidates:
    story: Story
    candidates: list[Candidate]
    summaries: tuple[SourceSummary, ...]
    texts: tuple[str, ...]
    labels: list[int] = field(default_factory=list)  # 1: covers a planted contradiction


def candidates_for(story: Story, nli: PairScorer | None, embedder: Embedder) -> StoryCandidates:
    sources = [load_text(content, path=name) for name, content in story.files.items()]
    # The product's own first steps, so that what is fitted is what runs.
    claims, summaries, _ = read_claims(sources, CheckOptions().max_claims)
    factset = extract_facts(claims, sources)
    pairs = align(factset.facts, embedder) if len(claims) > 1 else []
    candidates = collect_candidates(factset, sources, pairs, nli)
    return StoryCandidates(story, candidates, tuple(summaries), tuple(s.text for s in sources))


def _cache_key(story: Story, model_name: str) -> str:
    blob = json.dumps([story.id, story.files, model_name, _code_version()], sort_keys=True)
    return hashlib.sha1(blob.encode()).hexdigest()[:20]


# Modules that do not shape candidates: editing them keeps the candidate cache.
_NOT_CANDIDATE_CODE = frozenset(
    {"scoring.py", "report.py", "cli.py", "__init__.py", "__main__.py", "errors.py"}
)


@functools.cache
def _code_version() -> str:
    """A hash of the code that makes candidates (read once per process): a change to it
    invalidates the cache."""
    digest = hashlib.sha1()
    for folder in ("checks", ""):
        for path in sorted((ROOT / "checker" / folder).glob("*.py")):
            if folder or path.name not in _NOT_CANDIDATE_CODE:
                digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def cached_models(model: str | None, backend: str) -> tuple[PairScorer, Embedder]:
    """The NLI model and the embedder behind the user cache, as ``checker check`` runs
    them: a refit after a change to the checks pays for no model call it has made before."""
    from checker.cache import Cache, CachedEmbedder, CachedPairScorer
    from checker.onnx_models import make_embedder, make_nli_model

    cache = Cache.open()
    embedder = make_embedder(backend)
    return (
        CachedPairScorer(make_nli_model(model, backend), cache),
        CachedEmbedder(embedder, cache, getattr(embedder, "identity", type(embedder).__name__)),
    )


def all_candidates(
    stories: Sequence[Story],
    nli: PairScorer | None,
    embedder: Embedder,
    cache: Path | None,
    clause_words: int | None = None,
) -> list[StoryCandidates]:
    """Candidates of every story, labelled; cached on disk per story, model and code version."""
    rules = official_rules()
    # The identity tells backends and retrained weights apart (the name does not).
    model_name = getattr(nli, "identity", getattr(nli, "name", "none")) if nli is not None else "none"
    out = []
    for story in stories:
        path = cache / f"{_cache_key(story, model_name)}.pkl" if cache else None
        if path is not None and path.is_file():
            with path.open("rb") as handle:
                item = pickle.load(handle)
        else:
            item = candidates_for(story, nli, embedder)
            if path is not None:
                path.parent.mkdir(parents=True, exist_ok=True)
                with path.open("wb") as handle:
                    pickle.dump(item, handle)
        item.labels = [label(c, story, rules, clause_words) for c in item.candidates]
        out.append(item)
    return out


def label(candidate: Candidate, story: Story, rules: ModuleType, clause_words: int | None = None) -> int:
    """1 when the candidate, reported as a finding, would flag a planted contradiction."""
    names = list(story.files)
    candidate = candidate.reported(clause_words)
    a = _as_dict(candidate.claim_a, names)
    b = _as_dict(candidate.claim_b, names)
    for qa, qb, _ in story.contradict:
        if (rules.covers(a, qa, story.files) and rules.covers(b, qb, story.files)) or (
            rules.covers(a, qb, story.files) and rules.covers(b, qa, story.files)
        ):
            return 1
    return 0


def _as_dict(claim, names: list[str]) -> dict | None:  # type: ignore[no-untyped-def]
    if claim is None:
        return None
    return {"source": names[claim.source_index], "text": claim.text, "start": claim.start, "end": claim.end}


@dataclass
class Score:
    caught: int = 0
    planted: int = 0
    false_alarms: int = 0
    lookalikes: int = 0
    unplanned: int = 0
    stories: int = 0
    per_kind: dict[str, list[int]] = field(default_factory=dict)  # kind -> [caught, planted]
    bands: dict[str, dict[str, int]] = field(default_factory=dict)  # band -> outcome -> count
    misses: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.caught / self.planted if self.planted else 0.0

    @property
    def false_alarm_rate(self) -> float:
        return self.false_alarms / self.lookalikes if self.lookalikes else 0.0

    @property
    def unplanned_per_story(self) -> float:
        return self.unplanned / self.stories if self.stories else 0.0

    def summary(self) -> dict[str, object]:
        return {
            "stories": self.stories,
            "recall": round(self.recall, 3),
            "caught": self.caught,
            "planted": self.planted,
            "false_alarm_rate": round(self.false_alarm_rate, 3),
            "false_alarms": self.false_alarms,
            "lookalikes": self.lookalikes,
            "unplanned_per_story": round(self.unplanned_per_story, 3),
            "unplanned": self.unplanned,
        }


BANDS = ((0.8, "high (>= 0.8)"), (0.6, "medium (0.6-0.8)"), (0.0, "low (< 0.6)"))


def measure(
    items: Iterable[StoryCandidates], scorer: Scorer, min_score: float | None = None, verbose: bool = False
) -> Score:
    """Score findings as the story scorer does: recall, false alarms, unplanned findings."""
    rules = official_rules()
    score = Score()
    for item in items:
        st = item.story
        findings = findings_from(item.candidates, scorer, min_score)
        report = Report("eval", item.summaries, tuple(findings), {}, item.texts)
        found = to_dict(report)["findings"]
        files = st.files
        score.stories += 1
        for qa, qb, kind in st.contradict:
            hit = rules.flagged(found, qa, qb, files)
            score.caught += hit
            score.planted += 1
            tally = score.per_kind.setdefault(kind, [0, 0])
            tally[0] += hit
            tally[1] += 1
            if not hit and verbose:
                score.misses.append(f"{st.id} [{kind}] {qa!r} vs {qb!r}")
        for qa, qb, _ in st.consistent:
            bad = rules.flagged(found, qa, qb, files)
            score.false_alarms += bad
            score.lookalikes += 1
            if bad and verbose:
                score.misses.append(f"{st.id} FALSE ALARM {qa!r} vs {qb!r}")
        planted = [(qa, qb, "c") for qa, qb, _ in st.contradict] + [
            (qa, qb, "l") for qa, qb, _ in st.consistent
        ]
        for f in found:
            outcome = "unplanned"
            for qa, qb, what in planted:
                a, b = f.get("claim_a"), f.get("claim_b")
                if (rules.covers(a, qa, files) and rules.covers(b, qb, files)) or (
                    rules.covers(a, qb, files) and rules.covers(b, qa, files)
                ):
                    outcome = "contradiction" if what == "c" else "look-alike"
                    break
            if outcome == "unplanned":
                score.unplanned += 1
                if verbose:
                    score.misses.append(f"{st.id} OTHER {f['kind']} {f['score']}: {f['explanation'][:150]}")
            band = next(name for low, name in BANDS if f["score"] >= low)
            counts = score.bands.setdefault(band, {"contradiction": 0, "look-alike": 0, "unplanned": 0})
            counts[outcome] += 1
    return score


def coverage(items: Iterable[StoryCandidates]) -> dict[str, list[int]]:
    """Per contradiction kind: [planted pairs some candidate covers, planted pairs].

    The ceiling of recall: a planted pair no candidate covers cannot be found by any
    scorer; it needs a better check or alignment.
    """
    rules = official_rules()
    out: dict[str, list[int]] = {}
    for item in items:
        names = list(item.story.files)
        shown = [c.reported() for c in item.candidates]
        sides = [(_as_dict(c.claim_a, names), _as_dict(c.claim_b, names)) for c in shown]
        for qa, qb, kind in item.story.contradict:
            files = item.story.files
            hit = any(
                (rules.covers(a, qa, files) and rules.covers(b, qb, files))
                or (rules.covers(a, qb, files) and rules.covers(b, qa, files))
                for a, b in sides
            )
            tally = out.setdefault(kind, [0, 0])
            tally[0] += hit
            tally[1] += 1
    return out
