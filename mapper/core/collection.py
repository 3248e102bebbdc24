"""A collection: many articles and their results in ONE SQLite file (`*.mapper`). Qt-free.

Why plain SQLite and not a GeoPackage: a GeoPackage fixes `application_id` and
`user_version` for its own version number and wants its metadata tables kept in step with
every write; this file needs `user_version` for its own schema migrations, and the GIS user
gets a real GeoPackage from `export_gpkg` (mapper.render.collection_export). The file is
marked with its own application_id, so a random SQLite file is refused instead of altered.

Layout (schema version SCHEMA_VERSION, PRAGMA user_version; migrations in _MIGRATIONS):

* meta(key, value): created, the pipeline version that last wrote, the app version;
* articles: text, title, url, published (YYYY-MM-DD), source, origin, content hash
  (corrections.article_key: a re-import of the same text is a duplicate, not a new row),
  the pipeline version that made its result, counts, and the result as JSON (without the
  sentences, which have their own table) so that `result(id)` gives back a full Result;
* sentences(article_id, sid, start, end, kind, text);
* places(article_id, pid, key, geonameid, name, kind, country, lat, lon, sentences, ...),
  mentions(article_id, pid, start, end, sentence, text, form), events(...), facts(...):
  queryable rows for the merged map, the filters and the stories (indexed by key and kind);
* corrections: corrections made for this collection (the shape of corrections.py's).

Writes: one transaction per article (WAL journal, synchronous=FULL by default), so a kill -9,
power cut or full disk loses at most the article in flight; the content hash makes a rerun of
the same import skip what is already in and go on with the rest.

Threads: one Collection may be shared (an internal lock), but an import in a worker thread
should open its own Collection on the same path: WAL lets the view read while it writes.
"""
from __future__ import annotations

import json
import math
import os
import sqlite3
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from .corrections import CorrectionEntry, CorrectionRules, article_key, name_key
from .errors import ArticleError, Cancelled, MapperError
from .models import Article, Candidate, Claim, Event, Fact, Mention, Place, Result, Sentence

if TYPE_CHECKING:
    from concurrent.futures import Future

    from .importers import ImportItem
    from .pipeline import Pipeline

SCHEMA_VERSION = 1
SUFFIX = ".mapper"
APPLICATION_ID = 0x4D415052  # "MAPR": PRAGMA application_id of a mapper collection
#: unknown places (no stable key) closer than this are one pin on the merged map
MERGE_DISTANCE_KM = 1.0
#: keys that do not name one gazetteer entry: such places are merged by distance instead
UNSTABLE_KEY_PREFIXES = ("osm:", "user:")

Never = Callable[[], bool]


class CollectionError(MapperError, RuntimeError):
    """A collection file cannot be created, opened, read or written."""


def _never() -> bool:
    return False


def pipeline_version() -> str:
    """mapper's version and the gazetteer's data fingerprint: a result made by another
    version may place things differently."""
    from .. import __version__
    try:
        from .gazetteer import source_fingerprint
        fp = source_fingerprint()
    except Exception:  # noqa: BLE001 - a missing data file must not stop a read
        fp = "?"
    return f"mapper {__version__}; gazetteer {fp}"


# ---------------------------------------------------------------- schema

_V1 = [
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID",
    """CREATE TABLE articles(
        id INTEGER PRIMARY KEY,
        hash TEXT NOT NULL UNIQUE,
        title TEXT, url TEXT, published TEXT, source TEXT, origin TEXT,
        text TEXT NOT NULL,
        added REAL NOT NULL,
        pipeline TEXT NOT NULL,
        n_places INTEGER NOT NULL DEFAULT 0,
        n_events INTEGER NOT NULL DEFAULT 0,
        n_facts INTEGER NOT NULL DEFAULT 0,
        result TEXT NOT NULL)""",
    "CREATE INDEX articles_published ON articles(published)",
    "CREATE INDEX articles_source ON articles(source)",
    """CREATE TABLE sentences(
        article_id INTEGER NOT NULL, sid INTEGER NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
        kind TEXT, text TEXT NOT NULL, PRIMARY KEY(article_id, sid)) WITHOUT ROWID""",
    """CREATE TABLE places(
        article_id INTEGER NOT NULL, pid TEXT NOT NULL, key TEXT NOT NULL, geonameid INTEGER,
        name TEXT NOT NULL, kind TEXT, country TEXT, source TEXT, confidence REAL,
        lat REAL NOT NULL, lon REAL NOT NULL,
        sentences TEXT NOT NULL,  -- the sentence ids of its mentions: "3,5,7"
        mentions INTEGER NOT NULL,
        PRIMARY KEY(article_id, pid)) WITHOUT ROWID""",
    "CREATE INDEX places_key ON places(key)",
    """CREATE TABLE mentions(
        article_id INTEGER NOT NULL, pid TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
        sentence INTEGER NOT NULL, text TEXT, form TEXT)""",
    "CREATE INDEX mentions_article ON mentions(article_id, pid)",
    """CREATE TABLE events(
        article_id INTEGER NOT NULL, eid TEXT NOT NULL, kind TEXT NOT NULL, date TEXT, date_text TEXT,
        pid TEXT, key TEXT, lat REAL, lon REAL, sentence INTEGER NOT NULL, hedged INTEGER NOT NULL,
        actors TEXT, summary TEXT, trigger TEXT, PRIMARY KEY(article_id, eid)) WITHOUT ROWID""",
    "CREATE INDEX events_kind ON events(kind, date)",
    "CREATE INDEX events_key ON events(key)",
    """CREATE TABLE facts(
        article_id INTEGER NOT NULL, fid TEXT NOT NULL, kind TEXT NOT NULL, value INTEGER NOT NULL,
        qualifier TEXT, pid TEXT, key TEXT, lat REAL, lon REAL, sentence INTEGER NOT NULL, text TEXT,
        start INTEGER, "end" INTEGER, PRIMARY KEY(article_id, fid)) WITHOUT ROWID""",
    "CREATE INDEX facts_kind ON facts(kind)",
    "CREATE INDEX facts_key ON facts(key)",
    """CREATE TABLE corrections(
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        written TEXT NOT NULL, norm TEXT NOT NULL,
        scope TEXT NOT NULL CHECK (scope IN ('article', 'everywhere')),
        article TEXT NOT NULL DEFAULT '', title TEXT NOT NULL DEFAULT '',
        action TEXT NOT NULL CHECK (action IN ('place', 'not_place')),
        name TEXT, lat REAL, lon REAL, country TEXT, kind TEXT, key TEXT, population INTEGER,
        created REAL NOT NULL,
        UNIQUE (norm, scope, article))""",
]

#: version -> the statements that bring a file from version-1 to it (each run in one transaction)
_MIGRATIONS: dict[int, list[str]] = {1: _V1}


# ---------------------------------------------------------------- records

@dataclass(frozen=True, slots=True)
class ArticleRow:
    """One row of the article list (no text: see Collection.article / result)."""
    id: int
    title: str | None
    url: str | None
    published: str | None
    source: str | None
    origin: str | None
    n_places: int
    n_events: int
    n_facts: int
    added: float
    pipeline: str


@dataclass(frozen=True, slots=True)
class ArticleFilter:
    """Filters of the article list, the merged map, the timeline and the stories; all optional
    and combined with AND.

    text: every word must occur in the title or text (case-insensitive); date_from/date_to:
    the published date, inclusive, as YYYY, YYYY-MM or YYYY-MM-DD; sources: any of these;
    place: a pin id (a gazetteer key such as "gn:1871859") or a place name (substring);
    event_kind: the article reports an event of this kind; article_ids: only these (a pin's);
    period: (first, last) the article was published in this period or reports an event dated
    in it (the collection's timeline); a date with less precision than a bound (an event in
    "2024-11") is compared at its own precision, so it is in when its month or year overlaps."""
    text: str = ""
    date_from: str | None = None
    date_to: str | None = None
    sources: tuple[str, ...] = ()
    place: str | None = None
    event_kind: str | None = None
    article_ids: tuple[int, ...] | None = None
    period: tuple[str | None, str | None] | None = None

    def where(self, alias: str = "a") -> tuple[str, list[Any]]:
        """An SQL condition on the articles table (aliased) and its parameters."""
        conds: list[str] = []
        params: list[Any] = []
        for word in (self.text or "").split():
            conds.append(f"(instr(lower(coalesce({alias}.title, '')), ?) > 0 OR instr(lower({alias}.text), ?) > 0)")
            params += [word.lower(), word.lower()]
        if self.date_from:
            conds.append(f"{alias}.published >= ?")
            params.append(self.date_from)
        if self.date_to:
            conds.append(f"{alias}.published <= ?")
            params.append(self.date_to + "~")  # "2020" takes in 2020-12-31
        if self.sources:
            conds.append(f"{alias}.source IN ({','.join('?' * len(self.sources))})")
            params += list(self.sources)
        if self.place:
            conds.append(f"{alias}.id IN (SELECT article_id FROM places WHERE key = ? OR name LIKE ?)")
            params += [self.place, f"%{self.place}%"]
        if self.event_kind:
            conds.append(f"{alias}.id IN (SELECT article_id FROM events WHERE kind = ?)")
            params.append(self.event_kind)
        if self.article_ids is not None:
            ids = [int(i) for i in self.article_ids]
            conds.append(f"{alias}.id IN ({','.join(map(str, ids)) or 'NULL'})")
        if self.period is not None:
            lo, hi = self.period[0] or "0000", (self.period[1] or "9999") + "~"

            def within(col: str) -> str:  # at the column's own precision: "2024-11" is in 2024-11-05..
                return f"({col} >= substr(?, 1, length({col})) AND {col} <= ?)"
            conds.append(f"({within(alias + '.published')} OR {alias}.id IN "
                         f"(SELECT article_id FROM events WHERE date IS NOT NULL AND {within('date')}))")
            params += [lo, hi, lo, hi]
        return (" AND ".join(conds) or "1"), params

    @property
    def empty(self) -> bool:
        return self.where()[0] == "1"


@dataclass(frozen=True, slots=True)
class PinRef:
    """An article that names a pin's place, and the sentences (ids) where it does."""
    article_id: int
    sentences: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Pin:
    """One place on the merged map: every article's place with the same gazetteer key, or
    (places without a stable key) within MERGE_DISTANCE_KM of each other."""
    id: str  # the gazetteer key, or "near:<key of its first member>"
    name: str
    kind: str
    country: str | None
    lat: float
    lon: float
    keys: tuple[str, ...]
    refs: tuple[PinRef, ...]
    mentions: int

    @property
    def article_ids(self) -> tuple[int, ...]:
        return tuple(r.article_id for r in self.refs)

    def filter(self) -> ArticleFilter:
        """The article-list filter of a click on this pin."""
        return ArticleFilter(article_ids=self.article_ids)


@dataclass(frozen=True, slots=True)
class PinSentence:
    """A sentence that names a pin's place (for its popup)."""
    article_id: int
    title: str | None
    source: str | None
    published: str | None
    sentence: int
    text: str


@dataclass(frozen=True, slots=True)
class MapEvent:
    article_id: int
    id: str
    kind: str
    date: str | None
    date_text: str | None
    hedged: bool
    place_key: str | None
    place_name: str | None
    lat: float | None
    lon: float | None
    sentence: int
    summary: str
    actors: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class MapFact:
    article_id: int
    id: str
    kind: str
    value: int
    qualifier: str | None
    place_key: str | None
    place_name: str | None
    lat: float | None
    lon: float | None
    sentence: int
    text: str


@dataclass(frozen=True, slots=True)
class TimelineSpan:
    """The dates of a collection: the first and last event date or publication date
    (ISO prefixes, as stored), and how many events carry a date."""
    start: str | None
    end: str | None
    dated_events: int
    published_start: str | None
    published_end: str | None


@dataclass(frozen=True, slots=True)
class CollectionInfo:
    path: Path
    schema_version: int
    created: str | None
    pipeline: str | None  # the version that last wrote
    articles: int
    places: int
    events: int
    facts: int
    sources: int
    outdated: int  # articles whose result an older pipeline made
    size_bytes: int

    def line(self) -> str:
        return (f"{self.path.name}: {self.articles} articles, {self.places} places, {self.events} events, "
                f"{self.facts} facts from {self.sources} sources"
                + (f"; {self.outdated} made by another pipeline version" if self.outdated else ""))


@dataclass(frozen=True, slots=True)
class ImportProgress:
    """What add() reports after each item: done of total (None when unknown)."""
    done: int
    total: int | None
    added: int
    duplicates: int
    failed: int
    origin: str


@dataclass(slots=True)
class ImportSummary:
    added: int = 0
    duplicates: int = 0
    failed: int = 0
    cancelled: bool = False
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    added_ids: list[int] = field(default_factory=list)

    def line(self) -> str:
        rate = self.added / self.seconds if self.seconds > 0 else 0.0
        return (f"{self.added} added, {self.duplicates} duplicates, {self.failed} failed "
                f"in {self.seconds:.1f} s ({rate:.0f} articles/s)" + (" - cancelled" if self.cancelled else ""))


@dataclass(frozen=True, slots=True)
class StoredArticle:
    """An article and its result as rows, ready to insert (made in a worker process: plain
    tuples pickle fast). Build with `prepare`."""
    hash: str
    # title, url, published, source, origin, text, pipeline, n_places, n_events, n_facts, result_json
    article: tuple[Any, ...]
    sentences: list[tuple[Any, ...]]
    places: list[tuple[Any, ...]]
    mentions: list[tuple[Any, ...]]
    events: list[tuple[Any, ...]]
    facts: list[tuple[Any, ...]]


# ---------------------------------------------------------------- result <-> rows

def prepare(result: Result, *, source: str | None = None, origin: str | None = None,
            pipeline: str | None = None, key: str | None = None) -> StoredArticle:
    a = result.article
    by_id: dict[str | None, Place] = {p.id: p for p in result.places}
    sentences = [(s.id, s.start, s.end, s.kind, s.text) for s in result.sentences]
    places: list[tuple[Any, ...]] = []
    mentions: list[tuple[Any, ...]] = []
    for p in result.places:
        sids = sorted({m.sentence for m in p.mentions})
        places.append((p.id, p.key or f"name:{name_key(p.name)}", p.geonameid, p.name, p.kind, p.country, p.source,
                       p.confidence, p.lat, p.lon, ",".join(map(str, sids)), len(p.mentions)))
        mentions += [(p.id, m.start, m.end, m.sentence, m.text, m.form) for m in p.mentions]
    events = []
    for e in result.events:
        ep = by_id.get(e.place)
        events.append((e.id, e.kind, e.date, e.date_text, e.place, _key(ep), ep.lat if ep else None,
                       ep.lon if ep else None, e.sentence, int(e.hedged), json.dumps(list(e.actors)), e.summary,
                       e.trigger))
    facts = []
    for i, f in enumerate(result.facts, 1):
        fp = by_id.get(f.place)
        facts.append((f"f{i}", f.kind, f.value, f.qualifier, f.place, _key(fp), fp.lat if fp else None,
                      fp.lon if fp else None, f.sentence, f.text, f.start, f.end))
    body = {"places": [{**p.to_dict(), "key": p.key, "rules": list(p.rules)} for p in result.places],
            "events": [e.to_dict() for e in result.events], "facts": [f.to_dict() for f in result.facts],
            "claims": [c.to_dict() for c in result.claims], "warnings": list(result.warnings)}
    row = (a.title, a.url, a.published, source, origin, a.text, pipeline or "", len(places), len(events), len(facts),
           json.dumps(body, ensure_ascii=False, separators=(",", ":")))
    return StoredArticle(key or article_key(a.text), row, sentences, places, mentions, events, facts)


def _key(p: Place | None) -> str | None:
    if p is None:
        return None
    return p.key or f"name:{name_key(p.name)}"


def result_from_json(article: Article, sentences: list[Sentence], body: dict[str, Any]) -> Result:
    """The Result stored for an article, rebuilt (what the article view draws, as today)."""
    places = []
    for d in body.get("places", []):
        places.append(Place(
            id=d["id"], name=d["name"], lat=d["lat"], lon=d["lon"], country=d.get("country"), kind=d["kind"],
            source=d.get("source", "gazetteer"), confidence=d.get("confidence", 0.0), geonameid=d.get("geonameid"),
            candidates=[Candidate(key=c.get("key", ""), name=c["name"], lat=c["lat"], lon=c["lon"],
                                  country=c.get("country"), kind=c.get("kind", "city"),
                                  source=c.get("source", "gazetteer"), score=c.get("score", 0.0))
                        for c in d.get("candidates", [])],
            mentions=[Mention(m["start"], m["end"], m["text"], m["sentence"], m.get("form", "name"))
                      for m in d.get("mentions", [])],
            population=d.get("population", 0), key=d.get("key") or "", rules=tuple(d.get("rules", ()))))
    events = [Event(id=e["id"], kind=e["kind"], date=e.get("date"), date_text=e.get("date_text"), place=e.get("place"),
                    sentence=e["sentence"], actors=tuple(e.get("actors", ())), hedged=bool(e.get("hedged")),
                    summary=e.get("summary", ""), trigger=e.get("trigger", "")) for e in body.get("events", [])]
    facts = [Fact(kind=f["kind"], value=f["value"], qualifier=f.get("qualifier"), place=f.get("place"),
                  sentence=f["sentence"], text=f.get("text", ""), start=f.get("start", 0), end=f.get("end", 0))
             for f in body.get("facts", [])]
    claims = [Claim(kind=c["kind"], from_place=c["from"], to_place=c["to"], stated_km=c["stated_km"],
                    computed_km=c["computed_km"], bearing=c.get("bearing"), consistent=c["consistent"],
                    sentence=c["sentence"], text=c.get("text", "")) for c in body.get("claims", [])]
    return Result(article=article, sentences=sentences, places=places, events=events, facts=facts, claims=claims,
                  warnings=list(body.get("warnings", [])))


# ---------------------------------------------------------------- the collection

class Collection:
    """A collection file. `Collection(path)` opens an existing one; `Collection.create(path)`
    (or `Collection(path, create=True)`) makes a new one (or opens it when it exists)."""

    def __init__(self, path: str | os.PathLike[str], *, create: bool = False, timeout: float = 10.0,
                 durable: bool = True) -> None:
        self.path = Path(path).expanduser()
        self.timeout = timeout
        self._lock = threading.RLock()
        if not create and not self.path.is_file():
            raise CollectionError(f"{self.path}: no such collection (create it first: mapper collection create)")
        if create and not self.path.parent.is_dir():
            raise CollectionError(f"{self.path}: the folder {self.path.parent} does not exist")
        try:
            self._conn: sqlite3.Connection | None = self._open(durable)
        except CollectionError:
            raise
        except sqlite3.DatabaseError as exc:
            raise CollectionError(f"{self.path} is not a mapper collection or is damaged: {exc}") from exc
        except (sqlite3.Error, OSError) as exc:
            raise CollectionError(f"{self.path} cannot be opened: {exc}") from exc

    @classmethod
    def create(cls, path: str | os.PathLike[str], **kw: Any) -> Collection:
        return cls(path, create=True, **kw)

    def __enter__(self) -> Collection:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                try:
                    self._conn.execute("PRAGMA optimize")
                except sqlite3.Error:
                    pass
                self._conn.close()
                self._conn = None

    # ---- opening and migrations --------------------------------------------------------
    def _open(self, durable: bool) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, timeout=self.timeout, check_same_thread=False, isolation_level=None)
        try:
            app = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            if app != APPLICATION_ID and (tables or version):
                raise CollectionError(f"{self.path} is an SQLite file but not a mapper collection")
            if version > SCHEMA_VERSION:
                raise CollectionError(f"{self.path} was written by a newer mapper (schema {version}, "
                                      f"this one reads {SCHEMA_VERSION})")
            conn.execute("PRAGMA journal_mode=WAL")
            # FULL: a commit is on disk when add() moves on (power cut safe); NORMAL is safe
            # against a killed process but may lose the last commits on a power cut
            conn.execute(f"PRAGMA synchronous={'FULL' if durable else 'NORMAL'}")
            conn.execute("PRAGMA cache_size=-65536")  # 64 MB of page cache
            conn.execute("PRAGMA temp_store=MEMORY")
            self._migrate(conn)
        except BaseException:
            conn.close()
            raise
        return conn

    def _migrate(self, conn: sqlite3.Connection) -> None:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        while version < SCHEMA_VERSION:
            target = version + 1
            conn.execute("BEGIN IMMEDIATE")  # migrated whole or not at all
            try:
                if conn.execute("PRAGMA user_version").fetchone()[0] >= target:
                    conn.execute("ROLLBACK")  # another program migrated it while we waited
                else:
                    for stmt in _MIGRATIONS[target]:
                        conn.execute(stmt)
                    if target == 1:
                        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                        conn.execute("INSERT OR REPLACE INTO meta VALUES ('created', ?)",
                                     (time.strftime("%Y-%m-%dT%H:%M:%S"),))
                    conn.execute(f"PRAGMA user_version = {target}")
                    conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
            version = conn.execute("PRAGMA user_version").fetchone()[0]

    @property
    def conn(self) -> sqlite3.Connection:
        if self._conn is None:
            raise CollectionError(f"{self.path}: the collection is closed")
        return self._conn

    def _query(self, sql: str, params: Iterable[Any] = ()) -> list[tuple[Any, ...]]:
        try:
            with self._lock:
                return self.conn.execute(sql, tuple(params)).fetchall()
        except sqlite3.Error as exc:
            raise CollectionError(f"could not read {self.path}: {exc}") from exc

    # ---- meta -------------------------------------------------------------------------
    def meta(self, key: str) -> str | None:
        row = self._query("SELECT value FROM meta WHERE key = ?", (key,))
        return row[0][0] if row else None

    def info(self) -> CollectionInfo:
        current = pipeline_version()
        n, outdated = self._query("SELECT count(*), coalesce(sum(pipeline != ?), 0) FROM articles", (current,))[0]
        sources = self._query("SELECT count(DISTINCT source) FROM articles")[0][0]
        places = self._query("SELECT count(*) FROM places")[0][0]
        events = self._query("SELECT count(*) FROM events")[0][0]
        facts = self._query("SELECT count(*) FROM facts")[0][0]
        return CollectionInfo(self.path, SCHEMA_VERSION, self.meta("created"), self.meta("pipeline"), n, places,
                              events, facts, sources, outdated, self.path.stat().st_size)

    def __len__(self) -> int:
        n: int = self._query("SELECT count(*) FROM articles")[0][0]
        return n

    # ---- writing ----------------------------------------------------------------------
    def contains(self, key: str) -> bool:
        """True when an article with this content hash (corrections.article_key) is in."""
        return bool(self._query("SELECT 1 FROM articles WHERE hash = ?", (key,)))

    def store(self, rec: StoredArticle) -> int | None:
        """Insert one article and its rows in one transaction; its id, or None when an
        article with the same text is already in."""
        with self._lock:
            conn = self.conn
            try:
                conn.execute("BEGIN IMMEDIATE")
                cur = conn.execute(
                    "INSERT OR IGNORE INTO articles(hash, title, url, published, source, origin, text, added, "
                    "pipeline, n_places, n_events, n_facts, result) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    (rec.hash, *rec.article[:6], time.time(), *rec.article[6:]))
                if cur.rowcount == 0:
                    conn.execute("ROLLBACK")
                    return None
                aid = cast(int, cur.lastrowid)  # a row was inserted: its rowid
                self._insert_rows(conn, aid, rec)
                if rec.article[6]:
                    conn.execute("INSERT OR REPLACE INTO meta VALUES ('pipeline', ?)", (rec.article[6],))
                conn.execute("COMMIT")
                return aid
            except BaseException as exc:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                if isinstance(exc, sqlite3.Error):
                    raise CollectionError(f"could not write to {self.path}: {exc}") from exc
                raise

    @staticmethod
    def _insert_rows(conn: sqlite3.Connection, aid: int, rec: StoredArticle) -> None:
        conn.executemany("INSERT INTO sentences VALUES (?,?,?,?,?,?)", [(aid, *r) for r in rec.sentences])
        conn.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", [(aid, *r) for r in rec.places])
        conn.executemany("INSERT INTO mentions VALUES (?,?,?,?,?,?,?)", [(aid, *r) for r in rec.mentions])
        conn.executemany("INSERT INTO events VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", [(aid, *r) for r in rec.events])
        conn.executemany("INSERT INTO facts VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", [(aid, *r) for r in rec.facts])

    def add_result(self, result: Result, *, source: str | None = None, origin: str | None = None) -> int | None:
        """Store one geoparsed article; its id, or None when its text is already in."""
        return self.store(prepare(result, source=source, origin=origin, pipeline=pipeline_version()))

    def replace_result(self, article_id: int, result: Result) -> None:
        """Store a new result for an article already in (after corrections or a newer
        pipeline), in one transaction; the article's text, source and id stay."""
        row = self._query("SELECT source, origin FROM articles WHERE id = ?", (article_id,))
        if not row:
            raise CollectionError(f"no article {article_id} in {self.path}")
        rec = prepare(result, source=row[0][0], origin=row[0][1], pipeline=pipeline_version())
        with self._lock:
            conn = self.conn
            try:
                conn.execute("BEGIN IMMEDIATE")
                for table in ("sentences", "places", "mentions", "events", "facts"):
                    conn.execute(f"DELETE FROM {table} WHERE article_id = ?", (article_id,))
                conn.execute("UPDATE articles SET pipeline=?, n_places=?, n_events=?, n_facts=?, result=? "
                             "WHERE id = ?", (*rec.article[6:], article_id))
                self._insert_rows(conn, article_id, rec)
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise

    def remove(self, article_ids: Iterable[int]) -> int:
        ids = [int(i) for i in article_ids]
        with self._lock:
            conn = self.conn
            conn.execute("BEGIN IMMEDIATE")
            try:
                for table in ("sentences", "places", "mentions", "events", "facts"):
                    conn.executemany(f"DELETE FROM {table} WHERE article_id = ?", [(i,) for i in ids])
                n = conn.executemany("DELETE FROM articles WHERE id = ?", [(i,) for i in ids]).rowcount
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
        return n

    def add(self, items: Iterable[Any], *, pipeline: Any = None, jobs: int = 1, total: int | None = None,
            progress: Callable[[ImportProgress], None] | None = None, cancel: Never = _never,
            make_pipeline: Callable[[], Any] | None = None) -> ImportSummary:
        """Geoparse and store articles: importers.ImportItem records (importers.iter_items) or
        plain Article objects. Each article is committed on its own; a duplicate (same text
        hash) is counted and skipped before any geoparsing; a bad item is counted as failed
        with its one-line message in summary.errors, and the import goes on.

        pipeline: a Pipeline to use in this process (jobs=1); make_pipeline: a picklable
        zero-argument factory used instead (in each worker process when jobs > 1); by default
        Pipeline() with the collection's corrections. progress is called after every item;
        cancel() is checked between items (and inside the pipeline): the articles stored so far
        stay, summary.cancelled is set. Runs in the calling thread: the GUI calls it from a
        worker thread with its own Collection on the same path."""
        started = time.perf_counter()
        if total is None and hasattr(items, "__len__"):
            total = len(items)  # type: ignore[arg-type]
        run = _Adding(self, total, progress, cancel)
        version = pipeline_version()
        try:
            if jobs <= 1:
                if pipeline is None:
                    pipeline = make_pipeline() if make_pipeline else self.default_pipeline()
                self._add_serial(run, run.todo(items), pipeline, version, cancel)
            else:
                self._add_parallel(run.todo(items), jobs, make_pipeline or default_pipeline_factory(self.path),
                                   version, run.stored, cancel, run.summary)
        finally:
            run.summary.seconds = time.perf_counter() - started
        return run.summary

    @staticmethod
    def _add_serial(run: _Adding, work: Iterator[tuple[ImportItem, str]], pipeline: Any, version: str,
                    cancel: Never) -> None:
        """Geoparse in this process, one item after the other."""
        for item, key in work:
            try:
                rec = geoparse_item(pipeline, item, key, version, cancel)
            except Cancelled:
                run.summary.cancelled = True
                break
            run.stored(item, rec)

    def _add_parallel(self, work: Iterator[tuple[ImportItem, str]], jobs: int, factory: Callable[[], Any],
                      version: str, stored: Callable[[ImportItem, StoredArticle | str], None], cancel: Never,
                      summary: ImportSummary) -> None:
        """Geoparse in `jobs` processes (spawned: safe under Qt); this process writes. At most
        4 x jobs articles are in flight, so memory stays flat on a large import."""
        import multiprocessing as mp
        from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
        ctx = mp.get_context("spawn")
        with ProcessPoolExecutor(jobs, mp_context=ctx, initializer=_init_worker, initargs=(factory,)) as pool:
            pending: dict[Future[StoredArticle | str], ImportItem] = {}
            exhausted = False
            while True:
                while not exhausted and len(pending) < 4 * jobs:
                    nxt = next(work, None)
                    if nxt is None:
                        exhausted = True
                        break
                    item, key = nxt
                    pending[pool.submit(_worker_geoparse, item, key, version)] = item
                if not pending:
                    break
                finished, _ = wait(pending, return_when=FIRST_COMPLETED)
                for fut in finished:
                    item = pending.pop(fut)
                    try:
                        rec = fut.result()
                    except Exception as err:  # noqa: BLE001 - a crash in one article is that article's failure
                        rec = f"{item.origin}: {type(err).__name__}: {err}"
                    stored(item, rec)
                if cancel():
                    summary.cancelled = True
                    for fut in pending:
                        fut.cancel()
                    break

    def default_pipeline(self) -> Pipeline:
        """Pipeline() with this collection's corrections (which apply to what is added)."""
        from .pipeline import Pipeline
        return Pipeline(user=CollectionCorrections(self.path))

    # ---- reading: articles -------------------------------------------------------------
    _ROW = ("a.id, a.title, a.url, a.published, a.source, a.origin, a.n_places, a.n_events, a.n_facts, a.added, "
            "a.pipeline")

    def articles(self, flt: ArticleFilter | None = None, *, order: str = "published",
                 limit: int | None = None, offset: int = 0) -> list[ArticleRow]:
        """The article list, filtered; order: "published" (newest first), "title", "source", "added"."""
        where, params = (flt or ArticleFilter()).where("a")
        orders = {"published": "a.published DESC, a.id", "title": "a.title COLLATE NOCASE, a.id",
                  "source": "a.source COLLATE NOCASE, a.published DESC, a.id", "added": "a.id"}
        if order not in orders:
            raise ValueError(f"unknown order {order!r}: use one of {', '.join(orders)}")
        sql = f"SELECT {self._ROW} FROM articles a WHERE {where} ORDER BY {orders[order]}"
        if limit is not None:
            sql += f" LIMIT {int(limit)} OFFSET {int(offset)}"
        return [ArticleRow(*r) for r in self._query(sql, params)]

    def count(self, flt: ArticleFilter | None = None) -> int:
        where, params = (flt or ArticleFilter()).where("a")
        n: int = self._query(f"SELECT count(*) FROM articles a WHERE {where}", params)[0][0]
        return n

    def article(self, article_id: int) -> Article:
        row = self._query("SELECT text, title, published, url, origin FROM articles WHERE id = ?", (article_id,))
        if not row:
            raise CollectionError(f"no article {article_id} in {self.path}")
        text, title, published, url, origin = row[0]
        return Article(text=text, title=title, published=published, url=url, path=origin)

    def article_row(self, article_id: int) -> ArticleRow:
        rows = self._query(f"SELECT {self._ROW} FROM articles a WHERE a.id = ?", (article_id,))
        if not rows:
            raise CollectionError(f"no article {article_id} in {self.path}")
        return ArticleRow(*rows[0])

    def result(self, article_id: int) -> Result:
        """The stored result of one article, as the pipeline returned it (for its own map)."""
        article = self.article(article_id)
        body = json.loads(self._query("SELECT result FROM articles WHERE id = ?", (article_id,))[0][0])
        sentences = [Sentence(*r) for r in self._query(
            'SELECT sid, start, "end", text, kind FROM sentences WHERE article_id = ? ORDER BY sid', (article_id,))]
        return result_from_json(article, sentences, body)

    def sources(self) -> list[tuple[str, int]]:
        """Every source with its number of articles, most first (for the source filter)."""
        return [(s or "", n) for s, n in self._query(
            "SELECT source, count(*) FROM articles GROUP BY source ORDER BY count(*) DESC, source")]

    def event_kinds(self) -> list[tuple[str, int]]:
        return self._query("SELECT kind, count(*) FROM events GROUP BY kind ORDER BY count(*) DESC, kind")

    def sentence_texts(self, pairs: Iterable[tuple[int, int]]) -> dict[tuple[int, int], str]:
        """{(article_id, sentence id): text} for these pairs."""
        pairs = list(pairs)
        out: dict[tuple[int, int], str] = {}
        for i in range(0, len(pairs), 400):
            chunk = pairs[i:i + 400]
            cond = " OR ".join("(article_id = ? AND sid = ?)" for _ in chunk)
            for aid, sid, text in self._query(f"SELECT article_id, sid, text FROM sentences WHERE {cond}",
                                              [v for p in chunk for v in p]):
                out[(aid, sid)] = text
        return out

    # ---- reading: the merged map -------------------------------------------------------
    def pins(self, flt: ArticleFilter | None = None) -> list[Pin]:
        """The merged map: one Pin per place, most-named first. Places with a stable gazetteer
        key are merged by key in SQL (one GROUP BY over the places index); the others
        (online, typed coordinates) by distance, within MERGE_DISTANCE_KM."""
        where, params = (flt or ArticleFilter()).where("a")
        join = "" if where == "1" else f"JOIN articles a ON a.id = p.article_id AND {where}"
        unstable = " OR ".join(f"p.key LIKE '{pfx}%'" for pfx in UNSTABLE_KEY_PREFIXES)
        rows = self._query(
            f"""SELECT p.key, max(p.name), max(p.kind), max(p.country), avg(p.lat), avg(p.lon), sum(p.mentions),
                       group_concat(p.article_id || ':' || p.sentences, ';')
                FROM places p {join} WHERE NOT ({unstable}) GROUP BY p.key""", params)
        pins = []
        for key, name, kind, country, lat, lon, mentions, refs in rows:
            pins.append(Pin(key, name, kind, country, lat, lon, (key,), _refs(refs), mentions))
        loose = self._query(
            f"""SELECT p.key, p.name, p.kind, p.country, p.lat, p.lon, p.mentions, p.article_id || ':' || p.sentences
                FROM places p {join} WHERE ({unstable}) ORDER BY p.article_id, p.pid""", params)
        pins += _merge_by_distance(loose)
        pins.sort(key=lambda p: (-len(p.refs), -p.mentions, p.name))
        return pins

    def pin_sentences(self, pin: Pin, *, limit: int | None = None) -> list[PinSentence]:
        """The sentences that name a pin's place, with their articles (for its popup)."""
        refs = pin.refs[:limit] if limit else pin.refs
        pairs = [(r.article_id, s) for r in refs for s in r.sentences]
        texts = self.sentence_texts(pairs)
        ids = ",".join(str(r.article_id) for r in refs) or "NULL"
        meta = {r[0]: (r[1], r[2], r[3]) for r in self._query(
            f"SELECT id, title, source, published FROM articles WHERE id IN ({ids})")}
        return [PinSentence(aid, *meta.get(aid, (None, None, None)), sid, texts.get((aid, sid), ""))
                for aid, sid in pairs]

    def map_events(self, flt: ArticleFilter | None = None) -> list[MapEvent]:
        where, params = (flt or ArticleFilter()).where("a")
        rows = self._query(
            f"""SELECT e.article_id, e.eid, e.kind, e.date, e.date_text, e.hedged, e.key, p.name, e.lat, e.lon,
                       e.sentence, e.summary, e.actors
                FROM events e JOIN articles a ON a.id = e.article_id
                LEFT JOIN places p ON p.article_id = e.article_id AND p.pid = e.pid
                WHERE {where} ORDER BY e.date, e.article_id""", params)
        return [MapEvent(article_id=r[0], id=r[1], kind=r[2], date=r[3], date_text=r[4], hedged=bool(r[5]),
                         place_key=r[6], place_name=r[7], lat=r[8], lon=r[9], sentence=r[10], summary=r[11],
                         actors=tuple(json.loads(r[12] or "[]"))) for r in rows]

    def map_facts(self, flt: ArticleFilter | None = None) -> list[MapFact]:
        where, params = (flt or ArticleFilter()).where("a")
        rows = self._query(
            f"""SELECT f.article_id, f.fid, f.kind, f.value, f.qualifier, f.key, p.name, f.lat, f.lon, f.sentence,
                       f.text
                FROM facts f JOIN articles a ON a.id = f.article_id
                LEFT JOIN places p ON p.article_id = f.article_id AND p.pid = f.pid
                WHERE {where} ORDER BY f.article_id, f.fid""", params)
        return [MapFact(*r) for r in rows]

    def timeline(self, flt: ArticleFilter | None = None) -> TimelineSpan:
        """The span of the whole (or the filtered) collection, for the timeline."""
        where, params = (flt or ArticleFilter()).where("a")
        lo, hi, n = self._query(
            f"SELECT min(e.date), max(e.date), count(e.date) FROM events e JOIN articles a ON a.id = e.article_id "
            f"WHERE {where} AND e.date IS NOT NULL", params)[0]
        plo, phi = self._query(f"SELECT min(a.published), max(a.published) FROM articles a WHERE {where}", params)[0]
        start = min((d for d in (lo, plo) if d), default=None)
        end = max((d for d in (hi, phi) if d), default=None)
        return TimelineSpan(start, end, n, plo, phi)

    def timeline_dates(self, flt: ArticleFilter | None = None) -> list[str]:
        """Every distinct event date and publication date of the (filtered) collection,
        sorted: the ticks of the desktop app's collection timeline."""
        where, params = (flt or ArticleFilter()).where("a")
        rows = self._query(
            f"SELECT DISTINCT e.date FROM events e JOIN articles a ON a.id = e.article_id "
            f"WHERE {where} AND e.date IS NOT NULL UNION "
            f"SELECT DISTINCT a.published FROM articles a WHERE {where} AND a.published IS NOT NULL",
            list(params) + list(params))
        return sorted(r[0] for r in rows if r[0])

    # ---- corrections ------------------------------------------------------------------
    def put_correction(self, written: str, *, scope: str = "everywhere", article: str = "", title: str = "",
                       action: str = "place", target: Candidate | None = None) -> None:
        """A correction for this collection (applies to later imports and to regeoparse)."""
        if scope not in ("article", "everywhere") or action not in ("place", "not_place"):
            raise ValueError("scope is 'article' or 'everywhere', action 'place' or 'not_place'")
        if action == "place" and target is None:
            raise ValueError("a 'place' correction needs a target")
        t = target
        with self._lock:
            self.conn.execute(
                "INSERT OR REPLACE INTO corrections(written, norm, scope, article, title, action, name, lat, lon, "
                "country, kind, key, population, created) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (written, name_key(written), scope, article if scope == "article" else "", title, action,
                 t.name if t else None, t.lat if t else None, t.lon if t else None, t.country if t else None,
                 t.kind if t else None, t.key if t else None, t.population if t else 0, time.time()))

    def corrections(self) -> list[CorrectionEntry]:
        rows = self._query("SELECT id, written, norm, scope, article, title, action, name, lat, lon, country, kind, "
                           "key, population, created FROM corrections ORDER BY id")
        return [_correction(r) for r in rows]

    def correction_rules(self) -> CorrectionRules:
        rules = CorrectionRules()
        for e in self.corrections():
            if e.scope == "everywhere":
                rules.everywhere[e.norm] = e
            else:
                rules.by_article.setdefault(e.article, {})[e.norm] = e
        return rules

    def regeoparse(self, article_ids: Iterable[int] | None = None, *, pipeline: Any = None,
                   progress: Callable[[ImportProgress], None] | None = None, cancel: Never = _never) -> int:
        """Geoparse stored articles again (all, or these) after corrections or a new pipeline."""
        ids = list(article_ids) if article_ids is not None else [r[0] for r in self._query("SELECT id FROM articles")]
        pipeline = pipeline or self.default_pipeline()
        n = 0
        for i, aid in enumerate(ids):
            if cancel():
                break
            self.replace_result(aid, pipeline.run(self.article(aid)))
            n += 1
            if progress:
                progress(ImportProgress(i + 1, len(ids), n, 0, 0, str(aid)))
        return n


def _correction(r: tuple[Any, ...]) -> CorrectionEntry:
    """A corrections row (id, written, norm, scope, article, title, action, name, lat, lon,
    country, kind, key, population, created) as a CorrectionEntry."""
    return CorrectionEntry(id=r[0], written=r[1], norm=r[2], scope=r[3], article=r[4], title=r[5], action=r[6],
                           name=r[7], lat=r[8], lon=r[9], country=r[10], kind=r[11], key=r[12],
                           population=r[13] or 0, created=r[14] or 0.0)


def _refs(text: str | None) -> tuple[PinRef, ...]:
    """'12:3,5;14:0' -> (PinRef(12, (3, 5)), PinRef(14, (0,)))"""
    if not text:
        return ()
    out: dict[int, set[int]] = {}
    for part in text.split(";"):
        aid, _, sids = part.partition(":")
        s = out.setdefault(int(aid), set())
        if sids:
            s.update(int(x) for x in sids.split(","))
    return tuple(PinRef(a, tuple(sorted(s))) for a, s in sorted(out.items()))


def _merge_by_distance(rows: list[tuple[Any, ...]]) -> list[Pin]:
    """Greedy clustering on a grid of MERGE_DISTANCE_KM cells: a row joins the first cluster
    whose centre is within the distance (the cell and its neighbours are searched)."""
    from .geo import haversine_km
    cell = MERGE_DISTANCE_KM / 111.0
    grid: dict[tuple[int, int], list[int]] = defaultdict(list)
    clusters: list[dict[str, Any]] = []
    for key, name, kind, country, lat, lon, mentions, ref in rows:
        gx = int(math.floor(lat / cell))
        gy = int(math.floor(lon * max(math.cos(math.radians(lat)), 0.01) / cell))
        home = None
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                for ci in grid.get((gx + dx, gy + dy), ()):
                    c = clusters[ci]
                    if haversine_km(c["lat"], c["lon"], lat, lon) <= MERGE_DISTANCE_KM:
                        home = ci
                        break
                if home is not None:
                    break
            if home is not None:
                break
        if home is None:
            clusters.append({"key": key, "name": name, "kind": kind, "country": country, "lat": lat, "lon": lon,
                             "keys": [key], "refs": [ref], "mentions": mentions})
            grid[(gx, gy)].append(len(clusters) - 1)
        else:
            c = clusters[home]
            c["refs"].append(ref)
            c["mentions"] += mentions
            if key not in c["keys"]:
                c["keys"].append(key)
    return [Pin(f"near:{c['key']}", c["name"], c["kind"], c["country"], c["lat"], c["lon"], tuple(c["keys"]),
                _refs(";".join(c["refs"])), c["mentions"]) for c in clusters]


class _Adding:
    """The bookkeeping of one Collection.add: the summary, the progress reports, the items
    that need geoparsing (failures and duplicates counted on the way) and the storing."""

    def __init__(self, collection: Collection, total: int | None,
                 progress: Callable[[ImportProgress], None] | None, cancel: Never) -> None:
        self.collection = collection
        self.total = total
        self.progress = progress
        self.cancel = cancel
        self.summary = ImportSummary()
        self.done = 0
        self.seen: set[str] = set()

    def report(self, origin: str) -> None:
        if self.progress is not None:
            s = self.summary
            self.progress(ImportProgress(self.done, self.total, s.added, s.duplicates, s.failed, origin))

    def todo(self, items: Iterable[Any]) -> Iterator[tuple[ImportItem, str]]:
        """Items that need geoparsing; failures and duplicates are counted on the way."""
        from .importers import ImportItem
        summary = self.summary
        for item in items:
            if self.cancel():
                summary.cancelled = True
                return
            if isinstance(item, Article):
                item = ImportItem(item.path or item.title or "article", article=item)
            if item.warning:
                summary.warnings.append(item.warning)
            if item.article is None:
                summary.failed += 1
                summary.errors.append(item.error or f"{item.origin}: could not be read")
                self.done += 1
                self.report(item.origin)
                continue
            key = article_key(item.article.text)
            if key in self.seen or self.collection.contains(key):
                summary.duplicates += 1
                self.done += 1
                self.report(item.origin)
                continue
            self.seen.add(key)
            yield item, key

    def stored(self, item: ImportItem, rec: StoredArticle | str) -> None:
        self.done += 1
        summary = self.summary
        if isinstance(rec, str):
            summary.failed += 1
            summary.errors.append(rec)
        else:
            aid = self.collection.store(rec)
            if aid is None:
                summary.duplicates += 1
            else:
                summary.added += 1
                summary.added_ids.append(aid)
        self.report(item.origin)


# ---------------------------------------------------------------- corrections as a pipeline source

class CollectionCorrections:
    """What Pipeline(user=...) needs (a `rules()` method): the collection's corrections,
    over the user's own ones (the app's user gazetteer) when `user` is given. Reads the small
    corrections table on every run (one query on its own read connection)."""

    def __init__(self, path: str | os.PathLike[str], user: Any = None) -> None:
        self.path = Path(path)
        self.user = user
        self._conn: sqlite3.Connection | None = None
        self._cols = "id, written, norm, scope, article, title, action, name, lat, lon, country, kind, key"

    def rules(self) -> CorrectionRules:
        base = self.user.rules() if self.user is not None else CorrectionRules()
        if self._conn is None:
            self._conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
        merged = CorrectionRules(dict(base.everywhere), {k: dict(v) for k, v in base.by_article.items()})
        for r in self._conn.execute(f"SELECT {self._cols}, population, created FROM corrections ORDER BY id"):
            e = _correction(r)
            if e.scope == "everywhere":
                merged.everywhere[e.norm] = e
            else:
                merged.by_article.setdefault(e.article, {})[e.norm] = e
        return merged

    def __getstate__(self) -> dict[str, Any]:
        return {"path": self.path, "user": self.user}

    def __setstate__(self, state: dict[str, Any]) -> None:
        CollectionCorrections.__init__(self, state["path"], state["user"])


# ---------------------------------------------------------------- geoparsing one item

def geoparse_item(pipeline: Any, item: Any, key: str, version: str, cancel: Never = _never) -> StoredArticle | str:
    """Run the pipeline on one ImportItem: its rows, or a one-line error (Cancelled passes)."""
    try:
        result = pipeline.run(item.article, cancel=cancel)
    except Cancelled:
        raise
    except ArticleError as err:
        return f"{item.origin}: {err}"
    except MapperError as err:
        return f"{item.origin}: {err}"
    return prepare(result, source=item.source, origin=item.origin, pipeline=version, key=key)


class default_pipeline_factory:  # noqa: N801 - used like a function; a class so that it pickles
    """A picklable factory of Pipeline() with the collection's corrections, over the user's
    own corrections (the app's user gazetteer at `user_path`) when given."""

    def __init__(self, path: str | os.PathLike[str], user_path: str | os.PathLike[str] | None = None) -> None:
        self.path = str(path)
        self.user_path = str(user_path) if user_path else None

    def __call__(self) -> Pipeline:
        from .pipeline import Pipeline
        user = None
        if self.user_path:
            from .corrections import UserGazetteer
            user = UserGazetteer(self.user_path, timeout=1.0)
        return Pipeline(user=CollectionCorrections(self.path, user))


_WORKER_PIPELINE: Any = None


def _init_worker(factory: Callable[[], Any]) -> None:
    global _WORKER_PIPELINE
    _WORKER_PIPELINE = factory()


def _worker_geoparse(item: Any, key: str, version: str) -> StoredArticle | str:
    return geoparse_item(_WORKER_PIPELINE, item, key, version)
