"""Names: aliases, near-miss spellings, different entities in one role, swapped roles.

Names are capitalised word runs. Two spellings are the same name when they match
after folding accents and case and mapping known aliases (Turkiye/Turkey). A name
that is one or two letters away from another ("Karabkah"/"Karabakh") is probably
a typo: a low-severity finding. Two claims that say the same thing around two
different names ("filed in Geneva"/"filed in Vienna") disagree on who or where.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA

# Each row lists spellings of one entity; the first is the canonical form.
ALIASES: tuple[tuple[str, ...], ...] = (
    ("turkey", "turkiye", "türkiye", "republic of turkey"),
    ("united states", "us", "u.s.", "usa", "u.s.a.", "america", "united states of america"),
    ("united kingdom", "uk", "u.k.", "britain", "great britain"),
    ("european union", "eu", "e.u."),
    ("united nations", "un", "u.n."),
    ("russia", "russian federation"),
    ("czechia", "czech republic"),
    ("myanmar", "burma"),
    ("ivory coast", "cote d'ivoire", "côte d'ivoire"),
    ("kyiv", "kiev"),
    ("beijing", "peking"),
    ("mumbai", "bombay"),
    ("north macedonia", "macedonia"),
    ("eswatini", "swaziland"),
    ("nato", "north atlantic treaty organization"),
    ("netherlands", "the netherlands", "holland"),
    ("south korea", "republic of korea"),
    ("north korea", "dprk"),
    ("mallorca", "majorca"),
    ("kolkata", "calcutta"),
    ("chennai", "madras"),
    ("cologne", "köln", "koln"),
    ("munich", "münchen", "munchen"),
    ("prague", "praha"),
    ("lisbon", "lisboa"),
    ("gothenburg", "göteborg", "goteborg"),
)
_ALIAS = {spelling: row[0] for row in ALIASES for spelling in row}
NOT_NAMES = frozenset(
    """The A An This That These Those It Its He She They We I In On At By For From With After Before
    But And Or If When While As Since Until However Meanwhile Also Some Almost About More Most
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June
    July August September October November December Photo Share Read""".split()
)
_NAME_RUN = re.compile(r"[A-Z][\w’'.-]*[\w]|[A-Z]\b")
_TOKEN = re.compile(r"\w[\w’'.-]*\w|\w")
MIN_SPELLING_RATIO = 84.0


def fold(name: str) -> str:
    """Lower-case, strip accents and map aliases: equal folds mean one entity."""
    plain = unicodedata.normalize("NFKD", name.replace("’", "'")).encode("ascii", "ignore").decode()
    plain = re.sub(r"'s?$", "", plain.lower().strip(" .,"))
    return _ALIAS.get(plain, _ALIAS.get(name.lower(), plain))


def name_tokens(name: str) -> set[str]:
    """The folded words of a name: {"nagorno", "karabakh"}."""
    return set(re.split(r"[\s-]+", fold(name))) - {""}


def same_name(a: str, b: str) -> bool:
    return fold(a) == fold(b)


def is_misspelling(a: str, b: str) -> bool:
    """Close but not equal spellings of what is probably one name."""
    fa, fb = fold(a), fold(b)
    if fa == fb or min(len(fa), len(fb)) < 5:
        return False
    if fa[0] != fb[0] or fuzz.ratio(fa, fb) < MIN_SPELLING_RATIO:
        return False
    # One slip (a swapped, missing, extra or wrong letter); two only in long names of
    # equal length. "Austria"/"Australia" differ by two inserted letters: different places.
    distance = OSA.distance(fa, fb)
    return distance <= 1 or (distance == 2 and len(fa) == len(fb) and len(fa) >= 8)


@dataclass(frozen=True)
class NameMention:
    text: str
    start: int
    end: int


def _is_name_token(token: str, position: int, known: set[str]) -> bool:
    if not token[:1].isupper() or token in NOT_NAMES:
        return False
    # A capitalised first word is a name only if it is seen capitalised mid-sentence too.
    return position > 0 or token in known


def extract_names(text: str, known: Iterable[str] = ()) -> list[NameMention]:
    """Capitalised runs ("Nikol Pashinyan", "Oakport"), skipping sentence-initial words."""
    known_set = set(known)
    tokens = list(_TOKEN.finditer(text))
    mentions: list[NameMention] = []
    run: list[re.Match[str]] = []
    for position, tok in enumerate(tokens + [None]):  # type: ignore[list-item]
        if tok is not None and _is_name_token(tok.group(0), position, known_set):
            gap = text[run[-1].end() : tok.start()] if run else " "
            if run and gap.strip():  # punctuation between tokens ends a name
                mentions.append(
                    NameMention(text[run[0].start() : run[-1].end()], run[0].start(), run[-1].end())
                )
                run = []
            run.append(tok)
            continue
        if run:
            mentions.append(NameMention(text[run[0].start() : run[-1].end()], run[0].start(), run[-1].end()))
            run = []
    return mentions


def mid_sentence_names(texts: Iterable[str]) -> set[str]:
    """Tokens seen capitalised after the first word: evidence that they are names."""
    seen: set[str] = set()
    for text in texts:
        for position, tok in enumerate(_TOKEN.findall(text)):
            if position > 0 and tok[:1].isupper() and tok not in NOT_NAMES:
                seen.add(tok)
    return seen


@dataclass(frozen=True)
class NameDifference:
    a: NameMention
    b: NameMention
    misspelling: bool  # True: one name spelled two ways; False: two different names


def _words(text: str) -> list[re.Match[str]]:
    return list(_TOKEN.finditer(text))


def name_differences(text_a: str, text_b: str, known: Iterable[str] = ()) -> list[NameDifference]:
    """Names that take each other's place in otherwise matching wording.

    >>> [(d.a.text, d.b.text) for d in name_differences("It was filed in Geneva on Monday.",
    ...                                                "It was filed in Vienna on Monday.")]
    [('Geneva', 'Vienna')]
    """
    known_set = set(known)
    names_a = extract_names(text_a, known_set)
    names_b = extract_names(text_b, known_set)
    if not names_a or not names_b:
        return []
    words_a, words_b = _words(text_a), _words(text_b)
    fold_a = [fold(w.group(0)) for w in words_a]
    fold_b = [fold(w.group(0)) for w in words_b]
    matcher = difflib.SequenceMatcher(a=fold_a, b=fold_b, autojunk=False)
    out: list[NameDifference] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op != "replace" or i2 - i1 > 4 or j2 - j1 > 4:
            continue
        span_a = (words_a[i1].start(), words_a[i2 - 1].end())
        span_b = (words_b[j1].start(), words_b[j2 - 1].end())
        in_a = [n for n in names_a if n.start < span_a[1] and n.end > span_a[0]]
        in_b = [n for n in names_b if n.start < span_b[1] and n.end > span_b[0]]
        if len(in_a) != 1 or len(in_b) != 1:
            continue
        name_a, name_b = in_a[0], in_b[0]
        if same_name(name_a.text, name_b.text) or contains_name(name_a.text, name_b.text):
            continue
        # The same name elsewhere in the other claim means it was moved, not replaced.
        if any(same_name(name_a.text, n.text) for n in names_b) or any(
            same_name(name_b.text, n.text) for n in names_a
        ):
            continue
        out.append(NameDifference(name_a, name_b, is_misspelling(name_a.text, name_b.text)))
    return out


def contains_name(a: str, b: str) -> bool:
    """ "Charles Michel" and "Michel" name one person."""
    ta, tb = name_tokens(a), name_tokens(b)
    return ta <= tb or tb <= ta


@dataclass(frozen=True)
class RoleSwap:
    first: str
    second: str
    verb: str


MAX_ROLE_GAP = 6
_VERB = re.compile(r"\w+(?:ed|es)|beat|met|won|hit|led|sold|bought|took|paid|fought|defeated|sued|fired")
NOT_VERBS = frozenset({"has", "was", "does", "uses", "times", "states", "series", "news", "united"})
_PASSIVE = re.compile(r"\b(?:was|were|is|are|been|being)\s+\w+(?:ed|en)\s+by\b|\bby\b")


def role_swap(text_a: str, text_b: str, known: Iterable[str] = ()) -> RoleSwap | None:
    """Two names on either side of one verb, in opposite order ("A sued B" / "B sued A").

    Passive voice ("B was sued by A") flips the order back, so it is not a swap.

    >>> role_swap("On Sunday Lyon beat Paris.", "On Sunday Paris beat Lyon.").verb
    'beat'
    """
    known_set = set(known)
    names_a = extract_names(text_a, known_set)
    names_b = extract_names(text_b, known_set)
    # Each name's counterparts in the other text, found once: the pair loop below stops at
    # names too far apart, so the cost stays linear in the names of a sentence.
    partners = [
        [n for n in names_b if same_name(n.text, x.text) or contains_name(n.text, x.text)] for x in names_a
    ]
    for i, x in enumerate(names_a):
        for j in range(i + 1, len(names_a)):
            y = names_a[j]
            between_a = text_a[x.end : y.start]
            if len(between_a.split()) > MAX_ROLE_GAP:
                break  # names come in order: every later one is further still
            xb, yb = partners[i], partners[j]
            if not xb or not yb or same_name(x.text, y.text):
                continue
            if yb[0].start >= xb[0].start:
                continue  # same order in both
            between_b = text_b[yb[0].end : xb[0].start]
            if len(between_b.split()) > MAX_ROLE_GAP:
                continue  # too far apart to be subject and object of one verb
            if bool(_PASSIVE.search(between_a)) != bool(_PASSIVE.search(between_b)):
                continue
            # The verb follows its subject closely ("beat", "has sued", "who narrowly beat");
            # a word shared further on is an object ("ordered four satellites from").
            verbs = {w.lower() for w in _TOKEN.findall(between_a)[:3]} & {
                w.lower() for w in _TOKEN.findall(between_b)[:3]
            }
            verbs = {v for v in verbs if _VERB.fullmatch(v) and v not in NOT_VERBS}
            if verbs:
                return RoleSwap(x.text, y.text, sorted(verbs)[0])
    return None


# --- who holds a role --------------------------------------------------------------------
# Roles that one entity holds in a story: "operated by X", "the operator, X", "appliance
# maker X", "based in X". Two articles that give the role to different names disagree.
_ROLE_OF_VERB = {
    "operated": "operator",
    "run": "operator",
    "owned": "owner",
    "made": "maker",
    "manufactured": "maker",
    "built": "builder",
    "designed": "designer",
    "founded": "founder",
    "led": "leader",
    "headed": "leader",
    "ridden": "jockey",
    "trained": "trainer",
    "coached": "coach",
    "chaired": "chair",
    "refereed": "referee",
    "advised": "adviser",
    "proposed": "proposer",
}
_ROLE_NOUNS = {
    "operator": "operator",
    "owner": "owner",
    "maker": "maker",
    "manufacturer": "maker",
    "builder": "builder",
    "designer": "designer",
    "founder": "founder",
    "leader": "leader",
}
_NAME = r"(?P<name>[A-Z][\w’'-]+(?:\s+(?:&\s+)?[A-Z][\w’'-]+)*)"
_ROLE_PATTERNS = (
    re.compile(rf"\b(?P<verb>{'|'.join(_ROLE_OF_VERB)})\s+by\s+(?:the\s+)?{_NAME}"),
    re.compile(rf"\b(?P<noun>{'|'.join(_ROLE_NOUNS)}),\s+(?:the\s+)?{_NAME}"),
    re.compile(rf"\b(?P<noun>{'|'.join(_ROLE_NOUNS)})\s+{_NAME}"),
    re.compile(rf"\b(?:based|headquartered|headquarters)\s+(?:is\s+)?in\s+{_NAME}"),
    re.compile(
        rf"{_NAME}\s+(?:will\s+(?:serve|take\s+over|act|stay\s+on)|was\s+(?:named|appointed))\s+as\s+"
        r"(?P<title>(?:acting|interim|caretaker)\s+[a-z]+)"
    ),
)


@dataclass(frozen=True)
class RoleMention:
    role: str  # "operator", "headquarters", "acting mayor"
    name: str
    start: int  # span of the name
    end: int
    title: bool = False  # a title written before the name ("trade minister X"), not a role


# Titles that one person holds at a time ("chief executive Henning Brask", "the mayor,
# Councillor Howard Prentice"): the title is the head word with the modifiers written
# just before it ("trade minister", "chief park warden"), so "deputy mayor" and
# "mayor", or "trade minister" and "health minister", stay different titles.
_TITLE_HEADS = (
    "chief executive|managing director|director general|director-general|chairman|chairwoman|"
    "chairperson|chair|president|minister|secretary|mayor|governor|commissioner|coach|manager|"
    "captain|skipper|headteacher|head teacher|principal|jockey|referee|chancellor|premier|judge|"
    "warden|medical officer|executive officer|ambassador|conductor|curator|editor|dean"
)
_HONORIFIC = (
    r"(?:(?:Professor|Prof\.|Dr\.?|Councillor|Cllr\.?|Sir|Dame|Mr\.?|Mrs\.?|Ms\.?|Judge|Justice)\s+)?"
)
_PERSON = r"(?P<name>[A-Z][a-z][\w’'-]*(?:\s+[A-Z][\w’'-]+){1,3})"
_TITLE_PATTERN = re.compile(rf"\b(?P<head>(?i:{_TITLE_HEADS})),?\s+{_HONORIFIC}{_PERSON}")
# Words that end the title when walking back from its head word.
_TITLE_STOP = frozenset(
    "the a an its his her their our this that these those said says told and or but by of to "
    "from with as for who which when while after before on in at was is were are has have had "
    "will would according added also then than into".split()
)


def _title_before(text: str, head_start: int, head: str) -> str:
    """The title ending in ``head``: at most three modifier words written just before it."""
    words = []
    for word in reversed(re.findall(r"[A-Za-z][\w-]*|[^\sA-Za-z]", text[:head_start])[-3:]):
        if not word[0].isalpha() or word.lower() in _TITLE_STOP:
            break
        words.append(word.lower())
    return " ".join([*reversed(words), " ".join(head.lower().split())])


def role_mentions(text: str) -> list[RoleMention]:
    """Names given a role that one entity holds ("operated by the Kelmora Ferry Company").

    >>> [(m.role, m.name) for m in role_mentions("The operator, Varn Lake Lines, suspended sailings.")]
    [('operator', 'Varn Lake Lines')]
    """
    found: list[RoleMention] = []
    for pattern in _ROLE_PATTERNS:
        for m in pattern.finditer(text):
            groups = m.groupdict()
            if groups.get("verb"):
                role = _ROLE_OF_VERB[groups["verb"]]
            elif groups.get("noun"):
                role = _ROLE_NOUNS[groups["noun"]]
                if role == "leader":  # "union leader X", "opposition leader Y": leaders of two groups
                    role = _title_before(text, m.start("noun"), role)
            elif groups.get("title"):
                role = groups["title"].lower()
            else:
                role = "headquarters"
            name = m.group("name")
            if name.split()[0] in NOT_NAMES or any(f.start == m.start("name") for f in found):
                continue
            found.append(RoleMention(role, name, m.start("name"), m.end("name")))
    for m in _TITLE_PATTERN.finditer(text):
        name = m.group("name")
        if name.split()[0] in NOT_NAMES or any(f.start == m.start("name") for f in found):
            continue
        title = _title_before(text, m.start("head"), m.group("head"))
        found.append(RoleMention(title, name, m.start("name"), m.end("name"), title=True))
    return found
