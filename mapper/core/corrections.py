"""The user gazetteer: corrections the user made (another candidate, a dragged pin, typed
coordinates, "not a place"), kept in SQLite under the user data folder and applied to later runs.

Each correction has a scope, chosen when it is made:

* "everywhere": keyed by the normalised name as the article wrote it, so "Springfield"
  corrected once is placed the same way in every later article;
* "article": only in the article whose text hashes to the same `article_key`.

and an action: "place" (put the name at this candidate / these coordinates) or "not_place"
(the name is not a place here: a surname that matches a village, a common word). For one name
an article-scoped correction wins over an everywhere one.

SQLite commits are atomic: a crash leaves either the old or the new correction, never half of
one. The schema has a version (PRAGMA user_version); files of the first version (one row per
name, no scope) are migrated in place, their rows becoming "everywhere" corrections.
"""
from __future__ import annotations

import csv
import hashlib
import math
import os
import re
import sqlite3
import threading
import time
import unicodedata
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import platformdirs

from .errors import GazetteerError
from .models import Candidate
from .paths import APP_NAME
from .textnorm import norm

SCHEMA_VERSION = 2
SCOPES = ("article", "everywhere")
ACTIONS = ("place", "not_place")
FILE_NAME = "user-gazetteer.sqlite"
CSV_COLUMNS = ("name_as_written", "scope", "article_key", "article_title", "action",
               "place_name", "lat", "lon", "country", "kind", "key", "population", "created")

_SPACE = re.compile(r"\s+")
_KEY = re.compile(r"^[0-9a-f]{16}$")


def default_path() -> Path:
    """Where the app keeps the user's corrections (honours MAPPER_DATA_DIR). Unlike
    paths.user_data_dir it creates no folder: the command line only reads an existing file."""
    override = os.environ.get("MAPPER_DATA_DIR")
    return (Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME))) / FILE_NAME


def name_key(name: str) -> str:
    """The key a correction is stored under: the resolver groups mentions the same way."""
    return norm(name).rstrip(".")


def article_key(article_or_text: Any) -> str:
    """A stable key of an article: the first 16 hex digits of the sha256 of its normalised
    text (Unicode NFC, runs of white space as one space, trimmed), so the same article read
    again, from a file or pasted, with other line endings, gets the same key. Takes an Article
    (anything with a `.text`) or the text itself."""
    text = getattr(article_or_text, "text", article_or_text)
    if not isinstance(text, str):
        raise TypeError(f"article_key needs an article or its text, not {type(article_or_text).__name__}")
    canonical = _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()
    return hashlib.sha256(canonical.encode("utf-8", "surrogatepass")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class CorrectionEntry:
    """One saved correction (a row of the corrections list)."""
    id: int
    written: str  # the name as the article wrote it
    norm: str  # name_key(written)
    scope: str  # "article" or "everywhere"
    article: str  # article_key of the article, "" for everywhere
    title: str  # the article's title (for the list), "" for everywhere
    action: str  # "place" or "not_place"
    name: str | None = None  # the target (None for not_place)
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    kind: str | None = None
    key: str | None = None
    population: int = 0
    created: float = 0.0

    def candidate(self) -> Candidate | None:
        """The place it puts the name at (None for "not a place")."""
        if self.action != "place" or self.lat is None or self.lon is None:
            return None
        return Candidate(key=self.key or f"user:{self.norm}", name=self.name or self.written, lat=self.lat,
                         lon=self.lon, country=self.country, kind=self.kind or "city",
                         population=self.population or 0, source="user", score=99.0)

    def describe_target(self) -> str:
        if self.action == "not_place":
            return "not a place"
        return f"{self.name or self.written} ({self.lat:.5f}, {self.lon:.5f})"

    def describe_scope(self) -> str:
        if self.scope == "everywhere":
            return "everywhere"
        return f"this article: {self.title or self.article}"


@dataclass(slots=True)
class CorrectionRules:
    """A snapshot of every correction, read once per run; `for_article` gives what applies to
    one article: the places by name key and the names to drop."""
    everywhere: dict[str, CorrectionEntry] = field(default_factory=dict)
    by_article: dict[str, dict[str, CorrectionEntry]] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.everywhere or self.by_article)

    def for_article(self, key: str | None) -> tuple[dict[str, Candidate], set[str]]:
        entries = self.everywhere
        own = self.by_article.get(key) if key else None
        if own:
            entries = {**entries, **own}  # this article's correction wins over an everywhere one
        places: dict[str, Candidate] = {}
        dropped: set[str] = set()
        for k, e in entries.items():
            if e.action == "not_place":
                dropped.add(k)
            else:
                c = e.candidate()
                if c is not None:
                    places[k] = c
        return places, dropped


_COLUMNS = "id, written, norm, scope, article, title, action, name, lat, lon, country, kind, key, population, created"
_CREATE = """CREATE TABLE corrections(
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    written TEXT NOT NULL,
    norm TEXT NOT NULL,
    scope TEXT NOT NULL CHECK (scope IN ('article', 'everywhere')),
    article TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL DEFAULT '',
    action TEXT NOT NULL CHECK (action IN ('place', 'not_place')),
    name TEXT, lat REAL, lon REAL, country TEXT, kind TEXT, key TEXT, population INTEGER,
    created REAL NOT NULL,
    UNIQUE (norm, scope, article))"""


def _cell(text: str) -> str:
    """A text cell a spreadsheet will not run as a formula: a leading = + - @ gets a quote
    (the usual CSV-injection guard); _uncell takes it off again on import."""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def _uncell(text: str) -> str:
    return text[1:] if text[:1] == "'" and text[1:2] in ("=", "+", "-", "@") else text


def _entry(row: Sequence[Any]) -> CorrectionEntry:
    return CorrectionEntry(id=row[0], written=row[1], norm=row[2], scope=row[3], article=row[4] or "",
                           title=row[5] or "", action=row[6], name=row[7], lat=row[8], lon=row[9],
                           country=row[10], kind=row[11], key=row[12], population=row[13] or 0,
                           created=row[14] or 0.0)


def _parse_time(text: str) -> float:
    """A CSV's time: seconds since 1970 (as exported) or an ISO date (as a spreadsheet may
    write it back); empty means now."""
    if not text:
        return time.time()
    try:
        value = float(text)
    except ValueError:
        try:
            value = datetime.fromisoformat(text).timestamp()
        except ValueError:
            raise ValueError(f"the time {text!r} is neither seconds nor an ISO date") from None
    if not math.isfinite(value):
        raise ValueError(f"the time {text!r} is not a number")
    return value


def _check_coordinates(lat: float | None, lon: float | None) -> None:
    if lat is None or lon is None or not (math.isfinite(lat) and math.isfinite(lon)) \
            or not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise ValueError(f"coordinates out of range: {lat}, {lon}")


class UserGazetteer:
    def __init__(self, path: Path | str | None = None, *, timeout: float = 5.0) -> None:
        self.path = Path(path or default_path())
        self.timeout = timeout  # seconds to wait for another program's lock before giving up
        self.set_aside: Path | None = None  # where a damaged file was moved, if it was
        self._lock = threading.Lock()
        self._pending: list[tuple[str, tuple[Any, ...]]] | None = None
        try:
            self._conn = self._open()
        except sqlite3.OperationalError as exc:  # locked, read-only, cannot open: not damage
            raise GazetteerError(f"the user gazetteer {self.path} cannot be opened: "
                                 f"{self._why(exc)}") from exc
        except sqlite3.DatabaseError as exc:
            # keep the damaged file for the user to inspect; start a fresh one beside it
            broken = self.path.with_name(self.path.name + f".corrupt-{int(time.time())}")
            try:
                self.path.replace(broken)
                self._conn = self._open()
            except (OSError, sqlite3.Error) as exc2:
                raise GazetteerError(f"the user gazetteer {self.path} is damaged and could not be replaced: "
                                     f"{exc2}") from exc
            self.set_aside = broken
        except (sqlite3.Error, OSError) as exc:
            raise GazetteerError(f"the user gazetteer {self.path} cannot be opened: {exc}") from exc

    @staticmethod
    def _why(exc: Exception) -> str:
        if "locked" in str(exc) or "busy" in str(exc):
            return "it is locked by another program (is mapper open twice?)"
        return str(exc) or type(exc).__name__

    def _fail(self, action: str, exc: Exception) -> GazetteerError:
        """A one-line message for a locked, read-only, full or damaged database. The failed
        transaction is rolled back, so the corrections saved before stay whole."""
        return GazetteerError(f"could not {action} the user gazetteer {self.path}: {self._why(exc)}")

    def _open(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.path, check_same_thread=False, timeout=self.timeout)
        try:
            # a file from a newer mapper is refused before anything (even the journal mode) changes
            if conn.execute("PRAGMA user_version").fetchone()[0] > SCHEMA_VERSION:
                self._migrate(conn)
            conn.execute("PRAGMA journal_mode=WAL")
            self._migrate(conn)
        except BaseException:
            conn.close()
            raise
        return conn

    def _migrate(self, conn: sqlite3.Connection) -> None:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version == SCHEMA_VERSION:
            return
        if version > SCHEMA_VERSION:
            raise GazetteerError(f"the user gazetteer {self.path} was written by a newer mapper "
                                 f"(schema {version}, this one reads {SCHEMA_VERSION})")
        with conn:  # one transaction: migrated whole or not at all
            conn.execute("BEGIN IMMEDIATE")
            if conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION:
                return  # another program migrated it while we waited for the lock
            cols = [r[1] for r in conn.execute("PRAGMA table_info(corrections)")]
            # version 1: norm PRIMARY KEY, name (the target), lat, lon, country, kind, key, population, created
            if cols:
                conn.execute("ALTER TABLE corrections RENAME TO corrections_v1")
            conn.execute(_CREATE)
            if cols:
                rows = conn.execute("SELECT norm, name, lat, lon, country, kind, key, population, created "
                                    "FROM corrections_v1").fetchall()
                for r in rows:
                    # the first version kept no name as written: its key stands in for it
                    conn.execute(f"INSERT OR REPLACE INTO corrections({_COLUMNS}) VALUES "
                                 "(NULL,?,?,'everywhere','','','place',?,?,?,?,?,?,?,?)",
                                 (r[0], name_key(r[0]), r[1], r[2], r[3], r[4], r[5], r[6], r[7] or 0,
                                  r[8] or time.time()))
                conn.execute("DROP TABLE corrections_v1")
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    # ---- reading ------------------------------------------------------------------------
    def _select(self, where: str = "", params: tuple[Any, ...] = ()) -> list[CorrectionEntry]:
        try:
            with self._lock:
                rows = self._conn.execute(f"SELECT {_COLUMNS} FROM corrections {where}", params).fetchall()
        except sqlite3.Error as exc:
            raise self._fail("read", exc) from exc
        return [_entry(r) for r in rows]

    def list(self, search: str = "") -> list[CorrectionEntry]:
        """Every correction, newest first; `search` keeps those whose name as written, place,
        article title, scope or action contains it (case and accents ignored)."""
        entries = self._select("ORDER BY created DESC, id DESC")
        needle = norm(search or "")
        if not needle:
            return entries
        return [e for e in entries
                if needle in norm(" | ".join((e.written, e.name or "", e.title, e.describe_scope(),
                                             e.action.replace("_", " "), e.describe_target())))]

    def entry(self, entry_id: int) -> CorrectionEntry | None:
        found = self._select("WHERE id = ?", (int(entry_id),))
        return found[0] if found else None

    def find(self, name: str, *, scope: str = "everywhere", article: str = "") -> CorrectionEntry | None:
        """The correction of this name in this scope (and article), if there is one."""
        scope, article = self._scope(scope, article)
        found = self._select("WHERE norm = ? AND scope = ? AND article = ?", (name_key(name), scope, article))
        return found[0] if found else None

    def rules(self) -> CorrectionRules:
        """All corrections at once, for one pipeline run (one query)."""
        rules = CorrectionRules()
        for e in self._select("ORDER BY id"):
            if e.scope == "everywhere":
                rules.everywhere[e.norm] = e
            else:
                rules.by_article.setdefault(e.article, {})[e.norm] = e
        return rules

    # ---- writing ------------------------------------------------------------------------
    @staticmethod
    def _scope(scope: str, article: str) -> tuple[str, str]:
        if scope not in SCOPES:
            raise ValueError(f"unknown scope {scope!r}: use 'article' or 'everywhere'")
        if scope == "article" and not article:
            raise ValueError("a correction for one article needs the article's key")
        return scope, (article if scope == "article" else "")

    def put(self, written: str, *, scope: str = "everywhere", article: str = "", title: str = "",
            action: str = "place", target: Candidate | None = None) -> CorrectionEntry:
        """Save a correction, replacing the one of the same name in the same scope (and article)."""
        scope, article = self._scope(scope, article)
        if action not in ACTIONS:
            raise ValueError(f"unknown action {action!r}: use 'place' or 'not_place'")
        if not name_key(written or ""):
            raise ValueError("a correction needs the name as written")
        if action == "place":
            if target is None:
                raise ValueError("a 'place' correction needs the place")
            _check_coordinates(target.lat, target.lon)
        else:
            target = None
        entry = CorrectionEntry(id=0, written=written, norm=name_key(written), scope=scope, article=article,
                                title=title if scope == "article" else "", action=action,
                                name=target.name if target else None, lat=target.lat if target else None,
                                lon=target.lon if target else None, country=target.country if target else None,
                                kind=target.kind if target else None, key=target.key if target else None,
                                population=target.population if target else 0, created=time.time())
        return self.restore(entry)

    def restore(self, entry: CorrectionEntry) -> CorrectionEntry:
        """Write an entry back (undo of a change that replaced or removed it), keeping its id
        and time when it had them."""
        new_id = self._write(
            "save a correction to",
            f"INSERT OR REPLACE INTO corrections({_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (entry.id or None, entry.written, entry.norm, entry.scope, entry.article, entry.title,
             entry.action, entry.name, entry.lat, entry.lon, entry.country, entry.kind, entry.key,
             entry.population, entry.created or time.time()))
        return CorrectionEntry(**{**_asdict(entry), "id": new_id or entry.id})

    def delete(self, name: str, *, scope: str = "everywhere", article: str = "") -> None:
        """Remove the correction of this name in this scope (and article), if any."""
        scope, article = self._scope(scope, article)
        self._write("remove a correction from", "DELETE FROM corrections WHERE norm = ? AND scope = ? AND article = ?",
                    (name_key(name), scope, article))

    def forget(self, entry_id: int) -> None:
        """Remove one correction by its id (from `list`); later runs place the name as before."""
        self._write("remove a correction from", "DELETE FROM corrections WHERE id = ?", (int(entry_id),))

    def _write(self, action: str, sql: str, params: tuple[Any, ...]) -> int | None:
        if self._pending is not None:  # inside batch(): written together at its end
            self._pending.append((sql, params))
            return None
        try:
            with self._lock, self._conn:
                return self._conn.execute(sql, params).lastrowid
        except sqlite3.Error as exc:
            raise self._fail(action, exc) from exc

    @contextmanager
    def batch(self) -> Iterator[UserGazetteer]:
        """The writes (put, restore, delete, forget) made inside happen in one transaction at
        the end: all of them or, on an error, none. Ids of entries put inside are not known (0)."""
        self._pending = []
        try:
            yield self
            pending = self._pending
        finally:
            self._pending = None
        try:
            with self._lock, self._conn:
                for sql, params in pending:
                    self._conn.execute(sql, params)
        except sqlite3.Error as exc:
            raise self._fail("save corrections to", exc) from exc

    # ---- CSV ----------------------------------------------------------------------------
    def export_csv(self, path: Path | str) -> int:
        """Write every correction to a CSV file (atomically); returns how many."""
        path = Path(path)
        entries = sorted(self._select(), key=lambda e: (e.created, e.id))
        tmp = path.with_name(path.name + ".part")
        try:
            with open(tmp, "w", encoding="utf-8", newline="") as f:
                w = csv.writer(f)
                w.writerow(CSV_COLUMNS)
                for e in entries:
                    w.writerow([_cell(e.written), e.scope, e.article, _cell(e.title), e.action, _cell(e.name or ""),
                                "" if e.lat is None else repr(e.lat), "" if e.lon is None else repr(e.lon),
                                e.country or "", e.kind or "", e.key or "", e.population or 0, repr(e.created)])
            tmp.replace(path)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            raise GazetteerError(f"could not write {path}: {exc.strerror or exc}") from exc
        return len(entries)

    def import_csv(self, path: Path | str) -> int:
        """Read corrections from a CSV file written by `export_csv`; returns how many. Every row
        is checked first: a bad file raises GazetteerError naming the line and imports nothing.
        A row replaces the correction of the same name in the same scope (and article)."""
        path = Path(path)
        try:
            with open(path, encoding="utf-8-sig", newline="") as f:
                rows = list(csv.reader(f))
        except UnicodeDecodeError as exc:
            raise GazetteerError(f"{path.name}: not a UTF-8 CSV file") from exc
        except (OSError, csv.Error) as exc:
            raise GazetteerError(f"could not read {path}: {getattr(exc, 'strerror', None) or exc}") from exc
        if not rows or [c.strip() for c in rows[0]][:len(CSV_COLUMNS)] != list(CSV_COLUMNS):
            raise GazetteerError(f"{path.name}: not a corrections file (the first line must be: "
                                 f"{','.join(CSV_COLUMNS)})")
        entries = []
        for lineno, row in enumerate(rows[1:], 2):
            if not any(cell.strip() for cell in row):
                continue
            try:
                entries.append(self._entry_from_row(row))
            except ValueError as exc:
                raise GazetteerError(f"{path.name}, line {lineno}: {exc}; nothing was imported") from exc
        try:
            with self._lock, self._conn:  # all or nothing
                for e in entries:
                    self._conn.execute(
                        f"INSERT OR REPLACE INTO corrections({_COLUMNS}) VALUES (NULL,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                        (e.written, e.norm, e.scope, e.article, e.title, e.action, e.name, e.lat, e.lon,
                         e.country, e.kind, e.key, e.population, e.created))
        except sqlite3.Error as exc:
            raise self._fail("import corrections into", exc) from exc
        return len(entries)

    @staticmethod
    def _entry_from_row(row: Sequence[str]) -> CorrectionEntry:
        if len(row) < len(CSV_COLUMNS):
            raise ValueError(f"{len(row)} columns, {len(CSV_COLUMNS)} expected")
        d = dict(zip(CSV_COLUMNS, (_uncell(cell.strip()) for cell in row)))
        written = d["name_as_written"]
        if not name_key(written):
            raise ValueError("the name is empty")
        scope, action = d["scope"], d["action"]
        if scope not in SCOPES:
            raise ValueError(f"unknown scope {scope!r} (article or everywhere)")
        if action not in ACTIONS:
            raise ValueError(f"unknown action {action!r} (place or not_place)")
        article = d["article_key"].lower() if scope == "article" else ""
        if scope == "article" and not _KEY.match(article):
            raise ValueError(f"the article key {d['article_key']!r} is not 16 hexadecimal digits")
        lat = lon = None
        if action == "place":
            try:
                lat, lon = float(d["lat"]), float(d["lon"])
            except ValueError:
                raise ValueError(f"the coordinates {d['lat']!r}, {d['lon']!r} are not numbers") from None
            _check_coordinates(lat, lon)
        try:
            population = int(d["population"] or 0)
        except ValueError:
            raise ValueError(f"the population {d['population']!r} is not a whole number") from None
        created = _parse_time(d["created"])
        place = action == "place"
        return CorrectionEntry(id=0, written=written, norm=name_key(written), scope=scope, article=article,
                               title=d["article_title"] if scope == "article" else "", action=action,
                               name=(d["place_name"] or written) if place else None, lat=lat, lon=lon,
                               country=(d["country"] or None) if place else None,
                               kind=(d["kind"] or "city") if place else None,
                               key=(d["key"] or None) if place else None,
                               population=population if place else 0, created=created)

    # ---- the first API (scope "everywhere", action "place"), kept for its callers -------
    def set(self, name: str, place: Candidate) -> None:
        self.put(name, scope="everywhere", action="place", target=place)

    def remove(self, name: str) -> None:
        self.delete(name, scope="everywhere")

    def get(self, name: str) -> Candidate | None:
        e = self.find(name, scope="everywhere")
        return e.candidate() if e is not None else None

    def all(self) -> dict[str, Candidate]:
        """The "everywhere" places by name key (not the article-scoped ones, not "not a place")."""
        out = {}
        for e in self._select("WHERE scope = 'everywhere' AND action = 'place' ORDER BY id"):
            c = e.candidate()
            if c is not None:
                out[e.norm] = c
        return out

    def close(self) -> None:
        self._conn.close()


def _asdict(e: CorrectionEntry) -> dict[str, Any]:
    return {f: getattr(e, f) for f in CorrectionEntry.__slots__}
