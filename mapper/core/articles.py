"""Load a news article (plain text, Markdown or HTML, any common encoding) into an Article.

Every failure raises an ArticleError whose message is one line naming the file; nothing
else escapes. Offsets computed later index into Article.text, so after extraction the
only change made to the characters is newline normalisation to "\\n".
"""
from __future__ import annotations

import codecs
import json
import os
import re
import stat
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

from charset_normalizer import CharsetMatch, from_bytes

from mapper.core.errors import ArticleError, ArticleNotFound
from mapper.core.models import Article
from mapper.core.sentences import looks_like_headline

MAX_ARTICLE_BYTES = 5 * 1024 * 1024
_MAX_SIDECAR_BYTES = 1024 * 1024

_TEXT_EXT = {".txt", ".text"}
_MARKDOWN_EXT = {".md", ".markdown", ".mdown", ".mkd"}
_HTML_EXT = {".html", ".htm", ".xhtml", ".shtml"}

# Formats people drop by mistake; naming them makes the error actionable.
_MAGIC: list[tuple[bytes, str]] = [
    (b"\x89PNG\r\n\x1a\n", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"), (b"GIF89a", "a GIF image"), (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive or Office document"), (b"\x1f\x8b", "a gzip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"), (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
    (b"{\\rtf", "an RTF document (save it as plain text)"), (b"\x7fELF", "a program"),
    (b"SQLite format 3\x00", "a database"), (b"OggS", "an audio file"),
]
# UTF-32 before UTF-16: the UTF-32-LE BOM starts with the UTF-16-LE one.
_BOMS: list[tuple[bytes, str]] = [
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]
# C0/C1 control characters other than tab, newlines and form feed: never in real prose.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]{0,100}?encoding\s*=\s*["']([A-Za-z0-9._:-]+)""", re.I)
_HTML_SNIFF = re.compile(r"<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>])", re.I)
_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ][0-9:.+\-Z]*)?")


# ---------------------------------------------------------------- public API

def load_article(path: str | os.PathLike[str], *, published: str | None = None,
                 max_bytes: int = MAX_ARTICLE_BYTES) -> Article:
    """Read an article file; `published` (YYYY-MM-DD) overrides the sidecar's date."""
    p = Path(path).expanduser()
    name = p.name or str(p)
    override = _parse_published(published, name)
    data = _read_bytes(p, name, max_bytes)
    fmt = _format_of(p, data)
    text, encoding = _decode(data, name, html=(fmt == "html"))
    if fmt == "unknown":
        fmt = "html" if _HTML_SNIFF.search(text[:4096]) else "text"
    text = _normalise_newlines(text)
    if not text.strip():
        raise ArticleError(f"{name} is empty (it contains only whitespace).")
    html_title = None
    if fmt == "html":
        text, html_title = _extract_html(text, name)
    elif fmt == "markdown":
        text = strip_markdown(text)
    if not text.strip():
        raise ArticleError(f"{name} contains no readable text.")
    meta = _read_sidecar(p)
    title = meta.get("title") or html_title or _headline_title(text)
    pub = override or _sidecar_date(meta.get("published"))
    return Article(text=text, title=title, published=pub, url=meta.get("url"),
                   path=os.path.abspath(p), encoding=encoding)


def article_from_text(text: str, *, title: str | None = None, published: str | None = None,
                      url: str | None = None) -> Article:
    """An Article from pasted text (no file, no encoding). The file size limit applies too."""
    text = _normalise_newlines(text or "")
    if not text.strip():
        raise ArticleError("The pasted text is empty.")
    if len(text) > MAX_ARTICLE_BYTES // 4:  # cheap test first: 4 bytes per character at most
        _check_size(len(text.encode("utf-8", "surrogatepass")), "The pasted text", MAX_ARTICLE_BYTES)
    pub = _parse_published(published, "pasted text")
    title = (title or "").strip() or _headline_title(text)
    return Article(text=text, title=title, published=pub, url=(url or "").strip() or None)


def strip_markdown(text: str) -> str:
    """Markdown to plain text: drop the markup, keep every word the reader sees."""
    for pattern, repl in _MARKDOWN_RULES:
        text = pattern.sub(repl, text)
    text = re.sub(r"[ \t]+$", "", text, flags=re.M)
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n")


# ---------------------------------------------------------------- reading

def _read_bytes(p: Path, name: str, max_bytes: int) -> bytes:
    try:
        st = p.stat()
        if stat.S_ISDIR(st.st_mode):
            raise ArticleError(f"{name} is a folder, not an article file.")
        if not stat.S_ISREG(st.st_mode):
            raise ArticleError(f"{name} is not a regular file.")
        _check_size(st.st_size, name, max_bytes)
        with p.open("rb") as fh:
            data = fh.read(max_bytes + 1)  # +1: catches files that grew after stat()
    except FileNotFoundError:
        raise ArticleNotFound(f"Article not found: {p}") from None
    except IsADirectoryError:
        raise ArticleError(f"{name} is a folder, not an article file.") from None
    except PermissionError:
        raise ArticleError(f"Cannot read {name}: permission denied.") from None
    except OSError as exc:
        raise ArticleError(f"Cannot read {name}: {exc.strerror or exc}.") from None
    _check_size(len(data), name, max_bytes)
    if not data.strip():
        raise ArticleError(f"{name} is empty.")
    return data


def _check_size(size: int, name: str, max_bytes: int) -> None:
    if size > max_bytes:
        raise ArticleError(f"{name} is too large ({_human_size(size)}); "
                           f"the limit is {_human_size(max_bytes)}.")


def _human_size(n: int) -> str:
    if n < 1024:
        return f"{n} bytes"
    if n < 1024 * 1024:
        return f"{n / 1024:.1f} KB"
    return f"{n / (1024 * 1024):.1f} MB"


def _format_of(p: Path, data: bytes) -> str:
    ext = p.suffix.lower()
    if ext in _HTML_EXT:
        return "html"
    if ext in _MARKDOWN_EXT:
        return "markdown"
    if ext in _TEXT_EXT:
        return "text"
    # Unknown extension: sniff ASCII-compatible bytes now (so <meta charset> is honoured);
    # UTF-16 files are sniffed again after decoding.
    return "html" if _HTML_SNIFF.search(data[:4096].decode("latin-1")) else "unknown"


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


# ---------------------------------------------------------------- decoding

def _decode(data: bytes, name: str, *, html: bool) -> tuple[str, str]:
    """Bytes -> (text, encoding name). Order: magic numbers, BOM, BOM-less UTF-16,
    strict UTF-8, HTML <meta charset>, then charset_normalizer's best guess."""
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise ArticleError(f"{name} is not a text article (it looks like {what}).")
    decoded = _decode_bom(data) or _decode_utf16_without_bom(data)
    if decoded is None:
        if data.count(0) > max(2, len(data) // 1000):
            raise _binary(name)
        decoded = (_try(data, "utf-8") or (html and _decode_meta_charset(data))
                   or _decode_guess(data, name))
    text, encoding = decoded
    if _looks_binary(text):
        raise _binary(name)
    return text, encoding


def _binary(name: str) -> ArticleError:
    return ArticleError(f"{name} is not a text article (it contains binary data).")


def _try(data: bytes, encoding: str) -> tuple[str, str] | None:
    try:
        return data.decode(encoding), codecs.lookup(encoding).name
    except (UnicodeDecodeError, LookupError):
        return None


def _decode_bom(data: bytes) -> tuple[str, str] | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            result = _try(data[len(bom):], encoding.replace("-sig", ""))
            if result:
                return result[0], encoding
    return None


def _decode_utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """ASCII characters in UTF-16 put a NUL in every other byte: the NUL side gives the order."""
    sample = data[:8192]
    half = len(sample) // 2
    if len(data) % 2 or half < 2:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    # CJK code points ending in 0x00 put a few NULs on the other side too, hence 4:1.
    if odd >= 0.1 * half and even * 4 <= odd:
        return _try(data, "utf-16-le")
    if even >= 0.1 * half and odd * 4 <= even:
        return _try(data, "utf-16-be")
    return None


def _decode_meta_charset(data: bytes) -> tuple[str, str] | None:
    head = data[:4096]
    m = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    if not m:
        return None
    declared = m.group(1).decode("ascii").lower()
    if declared.startswith(("utf-16", "utf-32", "ucs")):
        return None  # impossible in ASCII-compatible bytes; browsers ignore it too
    if declared in {"iso-8859-1", "latin1", "latin-1", "us-ascii", "ascii"}:
        # Browsers read these labels as windows-1252 (curly quotes live in 0x80-0x9f).
        return _try(data, "cp1252") or _try(data, declared)
    return _try(data, declared)


def _decode_guess(data: bytes, name: str) -> tuple[str, str]:
    try:
        matches = list(from_bytes(data))
    except Exception:  # noqa: BLE001 - the detector must never turn into a traceback for the user
        matches = []
    for match in _prefer_common(matches):
        try:
            text = str(match)
        except (UnicodeDecodeError, LookupError):
            continue
        if not _looks_binary(text):
            return text, codecs.lookup(match.encoding).name
    raise ArticleError(f"{name} could not be decoded: its text encoding is not recognised. "
                       "Save it as UTF-8 text in your editor and open it again, or paste its "
                       "text into the app instead.")


def _prefer_common(matches: list[CharsetMatch]) -> list[CharsetMatch]:
    """On a tie (cp1250 vs cp1252 often score the same for Western text), prefer the
    encoding that is far more common in the wild."""
    if not matches:
        return matches
    best = (matches[0].chaos, matches[0].coherence)
    tied = [m for m in matches if (m.chaos, m.coherence) == best]
    tied.sort(key=lambda m: _COMMON.index(m.encoding) if m.encoding in _COMMON else len(_COMMON))
    return tied + [m for m in matches if m not in tied]


_COMMON = ["cp1252", "cp1251", "gb18030", "cp932", "shift_jis", "cp949", "euc_kr", "big5",
           "cp1250", "iso8859_15", "latin_1", "koi8_r"]


def _looks_binary(text: str) -> bool:
    sample = text[:65536]
    bad = len(_CONTROL.findall(sample))
    return bad > max(3, len(sample) // 200)


# ---------------------------------------------------------------- HTML

_DROP_TAGS = frozenset({"script", "style", "noscript", "nav", "header", "footer", "aside", "form",
                        "iframe", "svg", "template", "button", "select", "video", "audio",
                        "object", "canvas"})
_CODE_TAGS = frozenset({"script", "style", "noscript", "template", "svg", "iframe", "object"})
_PARAGRAPH_TAGS = frozenset({"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "figcaption",
                             "blockquote", "section", "article", "main", "figure", "ul", "ol",
                             "dl", "dd", "dt", "table", "pre", "hr", "address", "body"})
_LINE_TAGS = frozenset({"li", "tr"})
_CELL_TAGS = frozenset({"td", "th"})
_VOID_TAGS = frozenset({"br", "hr", "img", "meta", "link", "input", "wbr", "source", "area",
                        "col", "embed", "param", "track", "base"})
_CONTENT_TAGS = frozenset({"article", "main"})
_BR = 3  # break marker that adds up: <br><br> makes a paragraph break


class _TextExtractor(HTMLParser):
    """Collects readable text, once for the whole page and once for <article>/<main>."""

    def __init__(self, drop: frozenset[str] = _DROP_TAGS) -> None:
        super().__init__(convert_charrefs=True)  # entities unescaped for us
        self.drop = drop
        # Text chunks, or ints for line breaks (1 = new line, 2 = paragraph break), each
        # tagged with whether it lies inside <article>/<main>.
        self.parts: list[tuple[str | int, bool]] = []
        self.skip: list[str] = []  # open dropped elements
        self.content_depth = 0
        self.title_parts: list[str] | None = None
        self.h1_parts: list[str] | None = None
        self.title: str | None = None
        self.og_title: str | None = None
        self.h1: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "meta":
            a = dict(attrs)
            content = a.get("content")
            if (a.get("property") or a.get("name")) == "og:title" and content:
                self.og_title = self.og_title or _clean(content)
        if tag == "title" and self.title is None and not self.skip:
            self.title_parts = []
        if tag in self.drop and tag not in _VOID_TAGS and not self._keeps(tag):
            self.skip.append(tag)
        if tag in _CONTENT_TAGS:
            self.content_depth += 1
        if tag == "h1" and self.h1 is None and not self.skip:
            self.h1_parts = []
        self._break(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._break(tag)  # <br/>, <svg/>: nothing to open

    def handle_endtag(self, tag: str) -> None:
        if tag in self.skip:
            while self.skip and self.skip.pop() != tag:
                pass
        if tag in _CONTENT_TAGS and self.content_depth:
            self.content_depth -= 1
        if tag == "title" and self.title_parts is not None:
            self.title, self.title_parts = _clean("".join(self.title_parts)), None
        if tag == "h1" and self.h1_parts is not None:
            self.h1, self.h1_parts = _clean("".join(self.h1_parts)), None
        self._break(tag)

    def handle_data(self, data: str) -> None:
        if self.title_parts is not None:
            self.title_parts.append(data)
            return
        if self.skip:
            return
        if self.h1_parts is not None:
            self.h1_parts.append(data)
        self._emit(re.sub(r"\s+", " ", data))

    def _keeps(self, tag: str) -> bool:
        # An <article>'s own <header> holds its headline and byline, not site chrome.
        return tag == "header" and self.content_depth > 0

    def _break(self, tag: str) -> None:
        if tag in _PARAGRAPH_TAGS:
            self._emit(2)
        elif tag == "br":
            self._emit(_BR)
        elif tag in _LINE_TAGS:
            self._emit(1)
        elif tag in _CELL_TAGS:
            self._emit(" ")

    def _emit(self, part: str | int) -> None:
        if not self.skip or isinstance(part, int):
            self.parts.append((part, self.content_depth > 0))

    def text(self, content_only: bool) -> str:
        """Join the chunks; adjacent breaks merge (</li><li> is one new line, <br><br> two)."""
        out: list[str] = []
        pending = 0
        for part, in_content in self.parts:
            if content_only and not in_content:
                continue
            if isinstance(part, int):
                pending = min(2, pending + 1) if part == _BR else max(pending, part)
                continue
            if pending and part.strip():
                out.append("\n" * pending)
                pending = 0
            out.append(part)
        return _tidy("".join(out))


def _extract_html(html: str, name: str) -> tuple[str, str | None]:
    """(readable text, title). Prefers <article>/<main> content when it has text."""
    parser = _parse_html(html, name, _DROP_TAGS)
    text = parser.text(content_only=True) or parser.text(content_only=False)
    if not text:  # an unclosed <nav> or <header> swallowed the page: drop only code
        parser = _parse_html(html, name, _CODE_TAGS)
        text = parser.text(content_only=True) or parser.text(content_only=False)
    title = parser.title or parser.og_title or parser.h1
    return text, title or None


def _parse_html(html: str, name: str, drop: frozenset[str]) -> _TextExtractor:
    parser = _TextExtractor(drop)
    try:
        parser.feed(html)
        parser.close()
    except Exception:  # noqa: BLE001 - html.parser is lenient, but a traceback must never reach the user
        raise ArticleError(f"{name} could not be read as HTML.") from None
    return parser


def _tidy(text: str) -> str:
    lines = [re.sub(" {2,}", " ", line).strip(" ") for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")


def _clean(s: str) -> str:
    return " ".join(s.split())


# ---------------------------------------------------------------- Markdown

_MARKDOWN_RULES: list[tuple[re.Pattern[str], str]] = [(re.compile(p, f), r) for p, r, f in [
    (r"^[ \t]*(?:```|~~~)[^\n]*$", "", re.M),                         # code fence markers
    (r"^[ \t]{0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$", r"\1", re.M),  # ATX headings
    (r"^[ \t]{0,3}#{1,6}[ \t]*$", "", re.M),                          # empty heading
    (r"^[ \t]*(?:=+|-{2,})[ \t]*$", "", re.M),                         # setext underline, rule
    (r"^[ \t]*([*_])(?:[ \t]*\1){2,}[ \t]*$", "", re.M),               # *** ___ rules
    (r"^[ \t]*(?:>[ \t]?)+", "", re.M),                                # blockquote markers
    (r"^[ \t]*[-*+][ \t]+", "", re.M),                                 # bullets
    (r"^[ \t]*\d{1,3}[.)][ \t]+", "", re.M),                           # numbered list items
    (r"^[ \t]{0,3}\[[^\]\n]+\]:[ \t]*\S+[^\n]*$", "", re.M),           # link reference defs
    (r"!\[([^\]\n]*)\]\([^)\n]*\)", r"\1", 0),                         # images -> alt
    (r"\[([^\]\n]+)\]\([^)\n]*\)", r"\1", 0),                          # links -> text
    (r"\[([^\]\n]+)\]\[[^\]\n]*\]", r"\1", 0),                         # reference links
    (r"<(https?://[^>\s]+)>", r"\1", 0),                               # autolinks
    (r"`([^`\n]+)`", r"\1", 0),                                        # inline code
    (r"(\*\*|__)(?=\S)([^\n]+?)(?<=\S)\1", r"\2", 0),                  # bold
    (r"~~(?=\S)([^\n]+?)(?<=\S)~~", r"\1", 0),                         # strikethrough
    (r"(?<![\w*])\*(?=\S)([^\n*]+?)(?<=\S)\*(?![\w*])", r"\1", 0),     # *italic*
    (r"(?<![\w_])_(?=\S)([^\n_]+?)(?<=\S)_(?![\w_])", r"\1", 0),       # _italic_ (not snake_case)
    (r"\\([\\`*_{}\[\]()#+\-.!>])", r"\1", 0),                         # backslash escapes
]]


# ---------------------------------------------------------------- metadata

def _read_sidecar(p: Path) -> dict[str, str]:
    """story.json or story.txt.json beside the article; anything broken is ignored."""
    candidates = [p.with_name(p.name + ".json")]
    if p.suffix.lower() != ".json":
        candidates.insert(0, p.with_suffix(".json"))
    for side in candidates:
        try:
            if not side.is_file() or side.stat().st_size > _MAX_SIDECAR_BYTES:
                continue
            meta = json.loads(side.read_bytes().decode("utf-8-sig"))
        except (OSError, ValueError, RecursionError):
            continue  # unreadable or not JSON: the article still loads
        if isinstance(meta, dict):
            return {k: v.strip() for k in ("title", "url", "published")
                    if isinstance(v := meta.get(k), str) and v.strip()}
    return {}


def _parse_date(value: str) -> str | None:
    """'YYYY-MM-DD' (a trailing time is tolerated) -> 'YYYY-MM-DD' if it is a real date."""
    m = _DATE.fullmatch(value.strip())
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3])).isoformat()
    except ValueError:
        return None  # 2020-02-30


def _parse_published(value: str | date | None, name: str) -> str | None:
    if isinstance(value, date):
        return value.isoformat()  # a date object from the UI's date picker
    if value is None or not str(value).strip():
        return None
    value = str(value)
    parsed = _parse_date(value)
    if parsed is None:
        raise ArticleError(f"{name}: publication date {value.strip()!r} is not a valid "
                           f"YYYY-MM-DD date (for example 2020-05-05).")
    return parsed


def _sidecar_date(value: str | None) -> str | None:
    return _parse_date(value) if value else None  # a bad sidecar date is ignored


def _headline_title(text: str) -> str | None:
    """The first line, when it reads like a headline and the article goes on after it."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if len(lines) > 1 and looks_like_headline(lines[0]):
        return lines[0]
    return None
