"""Read many articles at once: a folder of article files, a JSON Lines file, a CSV with a text
column, or an RSS/Atom feed saved to disk. Qt-free.

Every importer yields ImportItem records, one per article in the source, in a stable order.
A bad item (an unreadable file, a line that is not JSON, a row without text) becomes an item
with `error` set (a one-line message naming the file and line) and the import goes on; the
collection counts it as failed.

    for item in iter_items(["~/news", "feed.xml", "more.jsonl"]):
        ...

Formats (chosen by the suffix; a folder is read recursively, in sorted order):

* folder: every .txt/.text/.md/.markdown/.html/.htm file, each with its optional sidecar
  JSON (`story.json` or `story.txt.json`: title, url, published, and here also source);
* .jsonl / .ndjson: one JSON object per line with "text" (or "content"/"body"), and
  optionally "title", "url"/"link", "published"/"date", "source"/"publisher", "id";
* .csv / .tsv: a header row with a text column ("text", "content", "body" or "article"),
  and the same optional columns;
* .rss / .atom / .xml: RSS 2.0 or Atom, saved to disk; each item's full content
  (content:encoded, Atom content) or else its description/summary is the text; the item
  title, link and date are kept, the feed's title is the source.
"""
from __future__ import annotations

import csv
import email.utils
import json
import os
import re
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .articles import _extract_html, article_from_text, load_article  # one HTML reader for the app
from .errors import ArticleError, MapperError
from .models import Article

ARTICLE_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown", ".mdown", ".mkd", ".html", ".htm", ".xhtml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
CSV_SUFFIXES = frozenset({".csv", ".tsv"})
FEED_SUFFIXES = frozenset({".rss", ".atom", ".xml"})

TEXT_FIELDS = ("text", "content", "body", "article")
TITLE_FIELDS = ("title", "headline")
URL_FIELDS = ("url", "link")
DATE_FIELDS = ("published", "date", "published_at", "pubdate")
SOURCE_FIELDS = ("source", "publisher", "outlet", "site")
ID_FIELDS = ("id", "doc_id", "guid")


class ImportError_(MapperError, ValueError):  # noqa: N801 - public name; ImportError is the builtin's
    """A source that cannot be imported at all (missing, unknown format)."""


@dataclass(frozen=True, slots=True)
class ImportItem:
    """One article read from a source, or the reason it could not be read.

    origin: where it came from, for messages and the collection's `origin` column
    ("news/a.txt", "feed.jsonl:12", "feed.xml#3"); source: the outlet (publisher) when known."""
    origin: str
    article: Article | None = None
    source: str | None = None
    error: str | None = None
    warning: str | None = None  # kept, but something was dropped (an unreadable date)
    id: str | None = None  # the record's own id ("id", "doc_id" or "guid"), when it has one


# ---------------------------------------------------------------- dates and sources

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


def normalise_date(value: object) -> str | None:
    """'2024-05-20', '2024-05-20T10:00:00Z', 'Mon, 20 May 2024 10:00:00 GMT', '20 May 2024'
    -> '2024-05-20'; None when it cannot be read."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).strip()
    if not text:
        return None
    m = _ISO.match(text)
    if m:
        try:
            return date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        except ValueError:
            return None
    try:
        parsed = email.utils.parsedate_to_datetime(text)  # RSS (RFC 822)
        return parsed.date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    for fmt in ("%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%Y/%m/%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    return None


def source_of_url(url: str | None) -> str | None:
    """'https://www.newsweek.com/x' -> 'newsweek.com'."""
    if not url:
        return None
    try:
        host = urlsplit(url.strip()).hostname or ""
    except ValueError:
        return None
    host = host.lower()
    return host[4:] if host.startswith("www.") else (host or None)


def _first(record: dict[str, Any], names: Iterable[str]) -> str | None:
    for n in names:
        v = record.get(n)
        if v is None:
            continue
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            v = str(v)
        if isinstance(v, str) and v.strip():
            return v.strip()
    return None


def item_from_record(record: dict[Any, Any], origin: str, *, default_source: str | None = None) -> ImportItem:
    """A JSON/CSV record -> ImportItem (text is required, the rest optional)."""
    if not isinstance(record, dict):
        return ImportItem(origin, error=f"{origin}: not an object with a text field")
    lowered = {str(k).strip().lower(): v for k, v in record.items() if k is not None}
    text = _first(lowered, TEXT_FIELDS)
    if not text:
        return ImportItem(origin, error=f"{origin}: no text (give one of: {', '.join(TEXT_FIELDS)})")
    raw_date = _first(lowered, DATE_FIELDS)
    published = normalise_date(raw_date)
    warning = f"{origin}: the date {raw_date!r} could not be read; kept without a date" \
        if raw_date and not published else None
    url = _first(lowered, URL_FIELDS)
    if "<" in text and re.search(r"</?(p|div|br|html|body|article)\b", text[:2000], re.I):
        try:
            text, html_title = _extract_html(text, origin)
        except ArticleError as err:
            return ImportItem(origin, error=str(err))
    else:
        html_title = None
    try:
        article = article_from_text(text, title=_first(lowered, TITLE_FIELDS) or html_title, published=published,
                                    url=url)
    except ArticleError as err:
        return ImportItem(origin, error=f"{origin}: {err}")
    source = _first(lowered, SOURCE_FIELDS) or default_source or source_of_url(url)
    return ImportItem(origin, article=article, source=source, warning=warning, id=_first(lowered, ID_FIELDS))


# ---------------------------------------------------------------- the formats

def iter_folder(folder: Path) -> Iterator[ImportItem]:
    files = sorted(p for p in folder.rglob("*") if p.suffix.lower() in ARTICLE_SUFFIXES and p.is_file()
                   and not any(part.startswith(".") for part in p.relative_to(folder).parts))
    for p in files:
        yield item_from_file(p, origin=str(p))


def item_from_file(p: Path, *, origin: str | None = None) -> ImportItem:
    origin = origin or str(p)
    try:
        article = load_article(p)
    except ArticleError as err:
        return ImportItem(origin, error=str(err))
    except OSError as err:
        return ImportItem(origin, error=f"{p.name}: {err.strerror or err}")
    source = _sidecar_source(p) or source_of_url(article.url)
    return ImportItem(origin, article=article, source=source)


def _sidecar_source(p: Path) -> str | None:
    """The sidecar's "source" (or "publisher"): articles.py reads title, url and published only."""
    for side in (p.with_suffix(".json"), p.with_name(p.name + ".json")):
        try:
            if side.is_file() and side.stat().st_size < 1_000_000:
                meta = json.loads(side.read_bytes().decode("utf-8-sig"))
                if isinstance(meta, dict):
                    return _first({k.lower(): v for k, v in meta.items()}, SOURCE_FIELDS)
        except (OSError, ValueError, RecursionError):
            return None
    return None


def iter_jsonl(path: Path) -> Iterator[ImportItem]:
    with open(path, encoding="utf-8-sig", errors="replace") as f:
        for lineno, line in enumerate(f, 1):
            if not line.strip():
                continue
            origin = f"{path}:{lineno}"
            try:
                record = json.loads(line)
            except (ValueError, RecursionError):
                yield ImportItem(origin, error=f"{origin}: not a JSON object")
                continue
            yield item_from_record(record, origin)


def iter_csv(path: Path) -> Iterator[ImportItem]:
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))  # article texts are long cells
    with open(path, encoding="utf-8-sig", errors="replace", newline="") as f:
        sample = f.read(8192)
        f.seek(0)
        delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
        if path.suffix.lower() != ".tsv":
            try:
                delimiter = csv.Sniffer().sniff(sample, delimiters=",;\t").delimiter
            except csv.Error:
                pass
        reader = csv.DictReader(f, delimiter=delimiter)
        header = [h.strip().lower() for h in (reader.fieldnames or []) if h]
        if not any(h in TEXT_FIELDS for h in header):
            raise ImportError_(f"{path}: no text column (the header needs one of: {', '.join(TEXT_FIELDS)})")
        try:
            for row in reader:
                # the header line is line 1: a record's first line is reader.line_num at its end
                yield item_from_record(row, f"{path}:{reader.line_num}")
        except csv.Error as err:
            yield ImportItem(f"{path}:{reader.line_num}", error=f"{path}:{reader.line_num}: {err}")


_ATOM = "{http://www.w3.org/2005/Atom}"
_CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
_DC_DATE = "{http://purl.org/dc/elements/1.1/}date"


def iter_feed(path: Path) -> Iterator[ImportItem]:
    """RSS 2.0 (channel/item) or Atom (feed/entry), parsed with the standard library. Entity
    expansion is not a risk here: ElementTree does not expand external entities."""
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as err:
        raise ImportError_(f"{path}: not a readable RSS/Atom file ({err})") from None
    if root.tag == f"{_ATOM}feed":
        feed_title = (root.findtext(f"{_ATOM}title") or "").strip() or None
        for i, entry in enumerate(root.iter(f"{_ATOM}entry"), 1):
            link = None
            for ln in entry.findall(f"{_ATOM}link"):
                if ln.get("rel", "alternate") == "alternate" and ln.get("href"):
                    link = ln.get("href")
                    break
            body = entry.findtext(f"{_ATOM}content") or entry.findtext(f"{_ATOM}summary") or ""
            record = {"title": entry.findtext(f"{_ATOM}title"), "url": link, "text": _html_or_text(body),
                      "published": entry.findtext(f"{_ATOM}published") or entry.findtext(f"{_ATOM}updated")}
            author = entry.find(f"{_ATOM}source/{_ATOM}title")
            if author is not None and author.text:
                record["source"] = author.text
            yield item_from_record(record, f"{path}#{i}", default_source=feed_title)
        return
    channel = root.find("channel")
    if root.tag != "rss" or channel is None:
        raise ImportError_(f"{path}: neither RSS 2.0 nor Atom (the root element is <{root.tag}>)")
    feed_title = (channel.findtext("title") or "").strip() or None
    for i, item in enumerate(channel.iter("item"), 1):
        body = item.findtext(_CONTENT) or item.findtext("description") or ""
        record = {"title": item.findtext("title"), "url": item.findtext("link"), "text": _html_or_text(body),
                  "published": item.findtext("pubDate") or item.findtext(_DC_DATE),
                  "source": item.findtext("source")}
        yield item_from_record(record, f"{path}#{i}", default_source=feed_title)


def _html_or_text(body: str) -> str:
    body = (body or "").strip()
    if "<" in body and ">" in body:
        try:
            return _extract_html(f"<html><body>{body}</body></html>", "feed item")[0]
        except ArticleError:
            return ""
    return body


# ---------------------------------------------------------------- one entry point

def kind_of(path: str | os.PathLike[str]) -> str:
    """"folder", "file" (one article), "jsonl", "csv" or "feed"; ImportError_ when unknown."""
    p = Path(path).expanduser()
    if p.is_dir():
        return "folder"
    if not p.exists():
        raise ImportError_(f"{p}: no such file or folder")
    suffix = p.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in CSV_SUFFIXES:
        return "csv"
    if suffix in FEED_SUFFIXES:
        return "feed"
    if suffix in ARTICLE_SUFFIXES:
        return "file"
    raise ImportError_(f"{p}: unknown format (give a folder, .txt/.md/.html, .jsonl, .csv or an RSS/Atom .xml)")


def iter_source(path: str | os.PathLike[str]) -> Iterator[ImportItem]:
    p = Path(path).expanduser()
    kind = kind_of(p)
    if kind == "folder":
        return iter_folder(p)
    if kind == "jsonl":
        return iter_jsonl(p)
    if kind == "csv":
        return iter_csv(p)
    if kind == "feed":
        return iter_feed(p)
    return iter([item_from_file(p)])


def iter_items(sources: Iterable[str | os.PathLike[str]]) -> Iterator[ImportItem]:
    """Every item of every source, in order. A source that cannot be read at all (missing,
    unknown format, a CSV without a text column) becomes one failed item and the next source
    is read."""
    for src in sources:
        try:
            yield from iter_source(src)
        except ImportError_ as err:
            yield ImportItem(str(src), error=str(err))
        except OSError as err:
            yield ImportItem(str(src), error=f"{src}: {err.strerror or err}")


def count_items(sources: Iterable[str | os.PathLike[str]]) -> int | None:
    """A quick count for a progress bar (files in folders, lines in JSONL); None when unknown."""
    total = 0
    for src in sources:
        p = Path(src).expanduser()
        try:
            kind = kind_of(p)
            if kind == "folder":
                total += sum(1 for q in p.rglob("*") if q.suffix.lower() in ARTICLE_SUFFIXES and q.is_file())
            elif kind == "file":
                total += 1
            elif kind == "jsonl":
                with open(p, "rb") as f:
                    total += sum(1 for line in f if line.strip())
            elif kind == "csv":
                return None  # quoted newlines: only the reader knows
            else:
                root = ET.parse(p).getroot()
                total += sum(1 for _ in root.iter("item")) + sum(1 for _ in root.iter(f"{_ATOM}entry"))
        except (ImportError_, OSError, ET.ParseError):
            total += 1  # one failed item
    return total
