"""The user gazetteer: corrections the user made (another candidate, a dragged pin, typed
coordinates), kept in SQLite under the user data folder and applied to later articles.

A correction is keyed by the normalised name as the article wrote it, so "Springfield" corrected
once is placed the same way in every later article. SQLite commits are atomic: a crash
leaves either the old or the new correction, never half of one.
"""
from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

from .errors import GazetteerError
from .models import Candidate
from .paths import user_data_dir
from .textnorm import norm


class UserGazetteer:
    def __init__(self, path: Path | str | None = None, *, timeout: float = 5.0) -> None:
        self.path = Path(path or user_data_dir() / "user-gazetteer.sqlite")
        self.timeout = timeout  # seconds to wait for another program's lock before giving up
        self._lock = threading.Lock()
        try:
            self._conn = self._open()
        except sqlite3.DatabaseError as exc:
            # keep the damaged file for the user to inspect; start a fresh one beside it
            broken = self.path.with_name(self.path.name + f".corrupt-{int(time.time())}")
            try:
                self.path.replace(broken)
                self._conn = self._open()
            except (OSError, sqlite3.Error) as exc2:
                raise GazetteerError(f"the user gazetteer {self.path} is damaged and could not be replaced: {exc2}") from exc
        except (sqlite3.Error, OSError) as exc:
            raise GazetteerError(f"the user gazetteer {self.path} cannot be opened: {exc}") from exc

    def _fail(self, action: str, exc: Exception) -> GazetteerError:
        """A one-line message for a locked, read-only, full or damaged database. The failed
        transaction is rolled back, so the corrections saved before stay whole."""
        if "locked" in str(exc) or "busy" in str(exc):
            why = "it is locked by another program (is mapper open twice?)"
        else:
            why = str(exc) or type(exc).__name__
        return GazetteerError(f"could not {action} the user gazetteer {self.path}: {why}")
    def _open(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.path, check_same_thread=False, timeout=self.timeout)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("""CREATE TABLE IF NOT EXISTS corrections(
            norm TEXT PRIMARY KEY, name TEXT, lat REAL, lon REAL, country TEXT, kind TEXT,
            key TEXT, population INTEGER, created REAL)""")
        conn.commit()
        return conn

    def set(self, name: str, place: Candidate) -> None:
        if not (-90 <= place.lat <= 90 and -180 <= place.lon <= 180):
            raise ValueError(f"coordinates out of range: {place.lat}, {place.lon}")
        try:
            with self._lock, self._conn:
                self._conn.execute("INSERT OR REPLACE INTO corrections VALUES (?,?,?,?,?,?,?,?,?)",
                                   (norm(name), place.name, place.lat, place.lon, place.country, place.kind,
                                    place.key, place.population, time.time()))
        except sqlite3.Error as exc:
            raise self._fail("save a correction to", exc) from exc

    def remove(self, name: str) -> None:
        try:
            with self._lock, self._conn:
                self._conn.execute("DELETE FROM corrections WHERE norm = ?", (norm(name),))
        except sqlite3.Error as exc:
            raise self._fail("remove a correction from", exc) from exc

    def get(self, name: str) -> Candidate | None:
        return self.all().get(norm(name))

    def all(self) -> dict[str, Candidate]:
        try:
            with self._lock:
                rows = self._conn.execute(
                    "SELECT norm, name, lat, lon, country, kind, key, population FROM corrections").fetchall()
        except sqlite3.Error as exc:
            raise self._fail("read", exc) from exc
        return {r[0]: Candidate(key=r[6] or f"user:{r[0]}", name=r[1], lat=r[2], lon=r[3], country=r[4],
                                kind=r[5] or "city", population=r[7] or 0, source="user", score=99.0)
                for r in rows}

    def close(self) -> None:
        self._conn.close()
