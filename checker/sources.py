"""Reading articles: files, folders, standard input or strings into ``Source`` objects.

Text and Markdown files become one block per non-empty line (front matter, headline
and boilerplate removed); HTML goes through trafilatura. Every block keeps its span in
``Source.text``, the whole decoded file, so findings can point back into the file.
"""

from __future__ import annotations

import bisect
import datetime as dt
import html
import logging
import os
import re
import sys
from collections.abc import Sequence
from html.parser import HTMLParser

import yaml
from charset_normalizer import from_bytes

from checker.errors import InputError
from checker.types import Block, Source, SourceFormat

__all__ = ["SUPPORTED_EXTENSIONS", "load_sources", "load_text"]

SUPPORTED_EXTENSIONS = {
    ".txt": SourceFormat.TEXT,
    ".md": SourceFormat.MARKDOWN,
    ".markdown": SourceFormat.MARKDOWN,
    ".html": SourceFormat.HTML,
    ".htm": SourceFormat.HTML,
}

# Lines that sites wrap around an article: sharing, comments, navigation, newsletters,
# ads, reading time, live tickers, photo credits, copyright and tag lists. Each pattern
# must match the whole stripped line, and is written so that an ordinary sentence that
# merely starts with the same word ("Share prices fell...") does not match.
BOILERPLATE = tuple(
    re.compile(p, re.IGNORECASE)
    for p in (
        r"(?:share|tweet|email|print|save)(?: this| the)?(?: article| story| post| page| link)?"
        r"(?: (?:on|via|to) \S+(?: \S+)?)?(?:\s*[·|•/,]\s*.*)?",
        r"\d+ comments?|comments?(?: \(\d+\))?"
        r"|(?:post|leave|add|view|show|read) (?:an? |the )?(?:comments?|reply)",
        r"(?:previous|prev|next)\s*(?:post|article|story|page).*",  # also "Next PostHeadline" glued
        r"(?:skip to (?:main )?content|back to top|go to top)",
        r"(?:read more|read next|related(?: \w+)?|see also|also read|more on this story"
        r"|recommended(?: for you)?|most read|trending(?: now)?|you may also like|watch|listen)"
        r"\s*(?:[:|»›\-–—].*)?",
        r"(?:subscribe(?: now| here| today)?|subscribe to .{0,60}|sign up(?: (?:for|to) .{0,60})?"
        r"|get our .{0,40}newsletter.*)[.!]?",
        r"(?:advertisement|advert|sponsored(?: content)?|promoted|story continues below(?: advertisement)?"
        r"|continue reading(?: below)?|scroll to continue.*)",
        r"\d+\s*-?\s*min(?:ute)?s?\.? read|reading time\s*:.*",
        r"(?:live(?: story| updates| blog)?|breaking(?: news)?)",
        r"(?:updated|published|posted|last updated)\s*(?:on|at|:)\s*[\w ,:+./-]{0,40}",
        r"(?:photo|image|picture|photograph|credit|caption|file photo)s?(?: by| credit)?\s*:.*",
        r"\[[^\]]*\]|\((?:photo|image|picture|credit|file)[^)]*\)",  # a line that is only a credit
        r"[^.]{0,100}\b(?:getty images|shutterstock|alamy|ap photo)\b[^.]{0,40}",
        r"(?:©|\(c\)|copyright\b).*|.*\ball rights reserved\b.*",
        r"!\[[^\]]*\]\([^)]*\)",  # a markdown image
        r"follow (?:us|\S+) on\b.*|(?:tags?|topics?|filed under|categories)\s*:.*|click here\b.*",
    )
)
# An image credit at the end of a caption line: "... in 2023 [Photo by X/AFP via Getty Images]".
_TRAILING_CREDIT = re.compile(
    r"\s*[\[(](?:(?:photo|image|picture|credit|file|video)\b[^\])]*"
    r"|[^\])]*\b(?:getty images|afp|reuters|ap photo|epa|shutterstock|courtesy of)\b[^\])]*)[\])]\s*$",
    re.IGNORECASE,
)
log = logging.getLogger(__name__)
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(?:(.*?)\r?\n)?---[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_MD_MARKERS = re.compile(r"(?:#{1,6}(?=\s)|>|[-*+](?=\s)|\d{1,3}[.)](?=\s))[ \t]*")
_LINE = re.compile(r"[^\r\n]+")
_MD_CLOSING_HASHES = re.compile(r"\s+#+$")
_SENTENCE_END = re.compile(r"[.!?:;,][\"”’')\]]*$")
_HTML_SNIFF = re.compile(r"\A\s*(?:<!doctype\s+html|<html)|<(?:p|body)[\s>]", re.IGNORECASE)
_META_TAG = re.compile(r"<(meta|link)\s([^>]*)>", re.IGNORECASE)
_ATTR = re.compile(r"([\w:.-]+)\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+)")
_TITLE_TAG = re.compile(r"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)
_BODY_TAG = re.compile(r"<body[\s>]", re.IGNORECASE)


def load_sources(
    inputs: Sequence[str], *, stdin_text: str | None = None, max_bytes: int = 5_000_000
) -> list[Source]:
    """Load every input (file, directory of articles, or ``-`` for standard input), in order."""
    sources: list[Source] = []
    for given in inputs:
        if given == "-":
            if stdin_text is not None:
                data = stdin_text.encode("utf-8")
            else:  # bytes when possible, so a non-UTF-8 pipe is decoded like a file
                data = sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read().encode()
            sources.append(_from_bytes("<stdin>", data, None, max_bytes))
            continue
        for path in _expand(given):
            fmt = SUPPORTED_EXTENSIONS.get(os.path.splitext(path)[1].lower())
            sources.append(_from_bytes(path, _read_file(path, max_bytes), fmt, max_bytes))
    return sources


def source_from_bytes(path: str, data: bytes, *, max_bytes: int = 5_000_000) -> Source:
    """Build a ``Source`` from a file's bytes already in hand (the corpus store hashes them first)."""
    fmt = SUPPORTED_EXTENSIONS.get(os.path.splitext(path)[1].lower())
    return _from_bytes(path, data, fmt, max_bytes)


def load_text(text: str, *, path: str = "<text>", fmt: SourceFormat | None = None) -> Source:
    """Build a ``Source`` from a string, as if it had been read from ``path``."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:  # a lone surrogate: no file can hold it
        raise InputError(f"{path}: text holds a character that is not valid Unicode ({exc.reason})") from None
    if fmt is None:
        fmt = SUPPORTED_EXTENSIONS.get(os.path.splitext(path)[1].lower()) or _sniff(text)
    if not text.strip():
        raise InputError(f"{path}: empty text")
    return _parse(path, text, fmt)


# --- reading and decoding ---------------------------------------------------------------


def _expand(given: str) -> list[str]:
    if os.path.isdir(given):
        names = sorted(
            n
            for n in os.listdir(given)
            if not n.startswith(".")
            and os.path.splitext(n)[1].lower() in SUPPORTED_EXTENSIONS
            and os.path.isfile(os.path.join(given, n))
        )
        if not names:
            exts = ", ".join(SUPPORTED_EXTENSIONS)
            raise InputError(f"{given}: directory has no articles ({exts})")
        return [os.path.join(given, n) for n in names]
    if not os.path.exists(given):
        raise InputError(f"{given}: no such file")
    if not os.path.isfile(given):
        raise InputError(f"{given}: not a regular file")
    return [given]


def _read_file(path: str, max_bytes: int) -> bytes:
    try:
        size = os.path.getsize(path)
        # Checked before reading so a huge file is never loaded into memory.
        _check_size(path, size, max_bytes)
        with open(path, "rb") as f:
            return f.read()
    except OSError as e:
        raise InputError(f"{path}: cannot read ({e.strerror or e})") from e


def _check_size(path: str, size: int, max_bytes: int) -> None:
    if size > max_bytes:
        human = [f"{n / 1e6:.1f} MB" if n >= 100_000 else f"{n:,} bytes" for n in (size, max_bytes)]
        raise InputError(f"{path}: file too large ({human[0]}, limit {human[1]})")


def _from_bytes(path: str, data: bytes, fmt: SourceFormat | None, max_bytes: int) -> Source:
    _check_size(path, len(data), max_bytes)
    if not data.strip():
        raise InputError(f"{path}: empty file")
    text = _decode(path, data)
    if not text.strip():
        raise InputError(f"{path}: empty file")
    return _parse(path, text, fmt or _sniff(text))


def _decode(path: str, data: bytes) -> str:
    """UTF-8 (BOM or not), UTF-16 with a BOM, else charset-normalizer's best guess."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as e:
            raise InputError(f"{path}: cannot decode UTF-16 text ({e.reason})") from e
    binary = InputError(f"{path}: binary file, not an article")
    if b"\x00" in data:
        raise binary
    try:
        text = data.decode("utf-8-sig")
        encoding = "utf-8"
    except UnicodeDecodeError:
        text, encoding = _decode_damaged(data)
        if not text:
            raise binary from None
    log.info("%s: decoded as %s", path, encoding)
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\t\n\r\f\v")
    if controls > max(2, len(text) // 100):
        raise binary
    return text


# A valid multi-byte UTF-8 sequence: where one occurs, the file is UTF-8 with damage.
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def _decode_damaged(data: bytes) -> tuple[str, str]:
    """Bytes that are not valid UTF-8: another encoding only when it is clearly one (several
    non-ASCII bytes, no UTF-8 sequence among them, a confident detector); otherwise UTF-8
    with each bad byte shown as U+FFFD, so no character is ever invented."""
    high = sum(1 for b in data if b >= 0x80)
    if not _UTF8_MULTIBYTE.search(data) and high >= 2:
        matches = list(from_bytes(data))
        # A BOM-less UTF-16/32 guess for NUL-free bytes is almost always a misreading of a
        # short single-byte text ("caf\xe9"), so prefer any other candidate.
        plain = [m for m in matches if not m.encoding.startswith(("utf_16", "utf_32"))]
        # Short texts often fit several code pages equally well; then take windows-1252,
        # the web's default, over a Central European one ("aprčs" for "après").
        western = [m for m in plain if m.chaos <= plain[0].chaos and m.encoding in ("cp1252", "latin_1")]
        best = (western or plain or [None])[0]
        if best is not None and best.chaos <= 0.1:
            return str(best), best.encoding
    return data.decode("utf-8", errors="replace").removeprefix(
        "\ufeff"
    ), "utf-8 (bad bytes replaced by U+FFFD)"


def _sniff(text: str) -> SourceFormat:
    return SourceFormat.HTML if _HTML_SNIFF.search(text[:5000]) else SourceFormat.TEXT


# --- text and markdown ------------------------------------------------------------------


def _parse(path: str, text: str, fmt: SourceFormat) -> Source:
    if fmt is SourceFormat.HTML:
        return _parse_html(path, text)
    meta, body_start = _front_matter(text)
    title = meta.get("title")
    kept: list[tuple[int, int, bool]] = []  # (start, end, is a level-1 markdown heading)
    fenced = False
    for line in _LINE.finditer(text, body_start):  # "\r\n" and "\r" end lines too
        (start, end), h1 = line.span(), False
        if fmt is SourceFormat.MARKDOWN:
            if text[start:end].lstrip().startswith("```"):
                fenced = not fenced  # code is never a claim
                continue
            if fenced:
                continue
            start += len(text[start:end]) - len(text[start:end].lstrip())
            h1 = text.startswith("# ", start)
            while marker := _MD_MARKERS.match(text, start, end):
                start = marker.end()
            if h1 and (closing := _MD_CLOSING_HASHES.search(text, start, end)):
                end = closing.start()
        span = _clean(text, start, end)
        if span:
            kept.append((*span, h1))
    if title is None and kept:
        # The headline: a markdown "# Title", else a first line that is not a sentence.
        first = next((k for k in kept if k[2]), kept[0])
        if first[2] or _headline(text[first[0] : first[1]]):
            title = text[first[0] : first[1]]
    blocks = tuple(
        Block(text[s:e], s, e)
        for s, e, h1 in kept
        if not (title and (h1 or _headline(text[s:e])) and _same_title(text[s:e], title))
    )
    return Source(path, text, fmt, blocks, title, meta.get("published"), meta.get("url"), meta.get("outlet"))


class _NoAliasLoader(yaml.SafeLoader):
    """Safe YAML without aliases: "billion laughs" front matter expands nothing."""

    def compose_node(self, parent, index):  # type: ignore[no-untyped-def]
        if self.check_event(yaml.AliasEvent):
            raise yaml.YAMLError("aliases are not allowed in front matter")
        return super().compose_node(parent, index)


_MAX_FRONT_MATTER = 16_384  # characters; real front matter is a few lines


def _front_matter(text: str) -> tuple[dict, int]:
    """Metadata from a leading YAML block and where the body starts.

    Front matter that cannot be read (bad YAML, aliases, a date that does not exist,
    an oversized block) gives no metadata and a one-line warning; the article is still
    checked.
    """
    m = _FRONT_MATTER.match(text)
    if not m:
        return {}, 0
    block = m.group(1) or ""
    if len(block) > _MAX_FRONT_MATTER:
        log.warning("front matter of %d characters ignored (limit %d)", len(block), _MAX_FRONT_MATTER)
        return {}, m.end()
    try:
        data = yaml.load(block, Loader=_NoAliasLoader)  # noqa: S506 - a safe loader without aliases
    except (yaml.YAMLError, ValueError, OverflowError, TypeError) as exc:
        # PyYAML builds timestamps eagerly: "2024-02-30" raises ValueError.
        log.warning("front matter ignored: %s", str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
        data = None
    if not isinstance(data, dict):
        return {}, m.end()

    def get(*keys: str) -> str | None:
        value = next((data[k] for k in keys if data.get(k) is not None), None)
        return str(value).strip() or None if value is not None else None

    published = next((data[k] for k in ("published", "date") if data.get(k) is not None), None)
    meta = {"title": get("title"), "url": get("url"), "outlet": get("source", "outlet")}
    return {**meta, "published": _to_date(published)}, m.end()


def _to_date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        return None
    value = value.strip()
    try:  # Python 3.10 does not accept a "Z" suffix
        return dt.datetime.fromisoformat(re.sub(r"Z$", "+00:00", value)).date()
    except ValueError:
        pass
    m = re.match(r"(\d{4}-\d{2}-\d{2})\b", value)
    try:
        return dt.date.fromisoformat(m.group(1)) if m else None
    except ValueError:
        return None


def _clean(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The span of ``text[start:end]`` worth keeping, or None for a boilerplate line."""
    line = text[start:end]
    start, end = start + len(line) - len(line.lstrip()), start + len(line.rstrip())
    if credit := _TRAILING_CREDIT.search(text, start, end):
        end = credit.start()  # the pattern starts with the whitespace before the credit
    line = text[start:end]
    if not line or any(p.fullmatch(line) for p in BOILERPLATE):
        return None
    words = line.split()
    # Menu items and labels: "Home", "World news", "Live Story".
    if not words or (len(words) < 3 and not re.search(r"\d", line) and not _SENTENCE_END.search(line)):
        return None
    return start, end


def _headline(line: str) -> bool:
    return not _SENTENCE_END.search(line) and len(line.split()) <= 25


def _same_title(line: str, title: str) -> bool:
    a, b = (" ".join(s.casefold().split()) for s in (line, title))
    # "<title>Headline | Outlet</title>" still names the same headline.
    return a == b or (b.startswith(a) and b[len(a) :].lstrip()[:1] in ("-", "|", "–", "—", ":"))


# --- html -------------------------------------------------------------------------------


class _Projection(HTMLParser):
    """The visible text of an HTML page, whitespace collapsed, with each character's raw span.

    Also records the text ranges of <p>, <h1>-<h6> and <li> elements, for the fallback
    when trafilatura finds nothing.
    """

    _SKIP = {"script", "style", "title", "noscript", "template", "svg"}
    _TARGETS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6"}
    _BREAKS = _TARGETS | {"br", "div", "ul", "ol", "tr", "td", "th", "article", "section", "blockquote"}

    def __init__(self, raw: str) -> None:
        super().__init__(convert_charrefs=False)
        self.raw = raw
        self._lines = [0] + [m.end() for m in re.finditer("\n", raw)]
        self.chars: list[str] = []
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.elements: list[tuple[int, int]] = []
        self._open: int | None = None
        self._skip = 0
        self.feed(raw)
        self.close()
        self._end_element()
        self.text = "".join(self.chars)

    def _offset(self) -> int:
        line, col = self.getpos()
        return self._lines[line - 1] + col

    def _add(self, chars: str, start: int, end: int) -> None:
        for i, c in enumerate(chars):
            if c.isspace():
                if self.chars and self.chars[-1] == " ":
                    continue
                c = " "
            self.chars.append(c)
            self.starts.append(start + i if end < 0 else start)
            self.ends.append(start + i + 1 if end < 0 else end)

    def _end_element(self) -> None:
        if self._open is not None:
            self.elements.append((self._open, len(self.chars)))
            self._open = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in self._SKIP:
            self._skip += 1
        if tag in self._BREAKS:
            self._add(" ", self._offset(), self._offset())
        if tag in self._TARGETS:
            self._end_element()  # <p> never nests; a nested <li> starts its own block
            self._open = len(self.chars)

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP:
            self._skip = max(0, self._skip - 1)
        if tag in self._TARGETS:
            self._end_element()
        if tag in self._BREAKS:
            self._add(" ", self._offset(), self._offset())

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self._add(data, self._offset(), -1)

    def _ref(self, prefix: str, name: str) -> None:
        start = self._offset()
        end = start + len(prefix) + len(name)
        end += self.raw.startswith(";", end)
        if not self._skip:
            self._add(html.unescape(self.raw[start:end]), start, end)

    def handle_entityref(self, name: str) -> None:
        self._ref("&", name)

    def handle_charref(self, name: str) -> None:
        self._ref("&#", name)


def _parse_html(path: str, raw: str) -> Source:
    meta = _html_meta(raw)
    title = meta.get("title")
    try:
        proj: _Projection | None = _Projection(raw)
    except Exception:  # noqa: BLE001 - the parser must never stop a check
        proj = None
    paragraphs = _trafilatura_lines(raw)
    if not paragraphs and proj is not None:
        paragraphs = [proj.text[a:b].strip() for a, b in proj.elements]
    body = _BODY_TAG.search(raw)
    cursor = body.start() if body else 0  # never match <title> or <meta> content
    blocks: list[Block] = []
    for para in paragraphs:
        span = _clean(para, 0, len(para))
        if span is None:
            continue
        para = para[span[0] : span[1]]
        if title and _headline(para) and _same_title(para, title):
            continue
        block = _locate(para, raw, proj, cursor) or _locate(para, raw, proj, 0)
        if block is None:  # not in the page at all: point at where we are
            block = Block(para, cursor, min(len(raw), cursor + len(para)), exact=False)
        blocks.append(block)
        cursor = max(cursor, block.end)
    return Source(
        path,
        raw,
        SourceFormat.HTML,
        tuple(blocks),
        title,
        meta.get("published"),
        meta.get("url"),
        meta.get("outlet"),
    )


def _trafilatura_lines(raw: str) -> list[str]:
    try:
        import trafilatura  # imported late: it is slow to load and only HTML needs it

        out = trafilatura.extract(
            raw, include_comments=False, include_tables=False, favor_precision=True, output_format="txt"
        )
    except Exception:  # noqa: BLE001 - broken install or odd HTML: use the fallback
        return []
    # Lists come out as "- item"; the bullet is not in the page.
    return [re.sub(r"^- ", "", line.strip()) for line in (out or "").splitlines() if line.strip()]


def _locate(para: str, raw: str, proj: _Projection | None, cursor: int) -> Block | None:
    """Find ``para`` in the raw HTML at or after ``cursor``: verbatim, unescaped, or by its start."""
    i = raw.find(para, cursor)
    if i >= 0:
        return Block(para, i, i + len(para))
    if proj is None:
        return None
    p = bisect.bisect_left(proj.starts, cursor)
    wanted = " ".join(para.split())
    j = proj.text.find(wanted, p)
    if j >= 0:
        start, end = proj.starts[j], proj.ends[j + len(wanted) - 1]
        return Block(para, start, end, exact=raw[start:end] == para)
    for prefix in (wanted[:40], " ".join(wanted.split()[:6])):
        j = raw.find(prefix, cursor)
        start = j if j >= 0 else (proj.starts[k] if (k := proj.text.find(prefix, p)) >= 0 else -1)
        if start >= 0:
            return Block(para, start, min(len(raw), start + len(para)), exact=False)
    return None


def _html_meta(raw: str) -> dict:
    """Title, date, URL and outlet from meta tags, with trafilatura filling the gaps."""
    tags: dict[str, str] = {}
    for m in _META_TAG.finditer(raw[:200_000]):
        attrs = {k.lower(): html.unescape(v.strip("\"'")) for k, v in _ATTR.findall(m.group(2))}
        key = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").lower()
        if m.group(1).lower() == "link" and "canonical" in attrs.get("rel", "").lower():
            key, attrs["content"] = "canonical", attrs.get("href", "")
        if key and attrs.get("content", "").strip():
            tags.setdefault(key, attrs["content"].strip())
    title_tag = _TITLE_TAG.search(raw)
    title = " ".join(html.unescape(title_tag.group(1)).split()) if title_tag else None
    date_keys = (
        "article:published_time",
        "datepublished",
        "date",
        "pubdate",
        "publishdate",
        "dc.date",
        "dcterms.created",
    )
    meta = {
        "title": tags.get("og:title") or title,
        "published": next(
            (d for k in date_keys if (d := _to_date(tags.get(k))) is not None),
            None,
        ),
        "url": tags.get("og:url") or tags.get("canonical"),
        "outlet": tags.get("og:site_name"),
    }
    if any(v is None for v in meta.values()):
        try:
            import trafilatura

            doc = trafilatura.extract_metadata(raw)
        except Exception:  # noqa: BLE001
            doc = None
        if doc is not None:
            meta["title"] = meta["title"] or doc.title
            stated = [tags[k] for k in date_keys if k in tags]
            if meta["published"] is None and stated:
                # A date the page states but that does not exist ("2024-02-30") is not
                # replaced by a guess: "yesterday" would resolve against the wrong day.
                log.warning("publication date %r ignored: not a real date", stated[0])
            else:
                meta["published"] = meta["published"] or _to_date(doc.date)
            meta["url"] = meta["url"] or doc.url
            meta["outlet"] = meta["outlet"] or doc.sitename
    return {k: (v or None) for k, v in meta.items()}
