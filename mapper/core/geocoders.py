"""Geocoders behind one geopy interface.

* OfflineGeocoder: the gazetteer as a geopy Geocoder returning geopy Location objects.
* OnlineLookup: an opt-in online geocoder (Nominatim by default) wrapped in the policies the
  service requires: one request per second for the whole process, a named user agent, a
  SQLite cache, a timeout. Failures raise GeocoderUnavailable with a one-line message; "not
  found" is a normal answer (None) and is cached, errors never are.
"""
from __future__ import annotations

import json
import os
import sqlite3
import threading
import time
from pathlib import Path
from typing import Any

from geopy import exc as geopy_exc
from geopy.geocoders.base import Geocoder
from geopy.location import Location

from .. import __version__
from .errors import GeocoderUnavailable
from .gazetteer import Gazetteer
from .paths import user_cache_dir
from .resolve import KIND_PRIOR

USER_AGENT = f"mapper/{__version__} (desktop news-article geoparser; offline-first)"
# Point the online geocoder at another Nominatim (a mirror, a local server for tests, or a
# closed port to prove the app copes with no network): MAPPER_NOMINATIM_URL=http://host:port/path
NOMINATIM_URL_ENV = "MAPPER_NOMINATIM_URL"


def nominatim_endpoint() -> tuple[str, str] | None:
    """(domain, scheme) from $MAPPER_NOMINATIM_URL, or None when unset or empty."""
    from urllib.parse import urlsplit
    value = os.environ.get(NOMINATIM_URL_ENV, "").strip()
    if not value:
        return None
    parts = urlsplit(value if "://" in value else f"https://{value}")
    if parts.scheme not in ("http", "https") or not parts.netloc:
        from .errors import MapperError
        raise MapperError(f"{NOMINATIM_URL_ENV}={value!r} is not an http(s) URL")
    return parts.netloc + parts.path.rstrip("/"), parts.scheme


NOMINATIM_POLICY = ("Nominatim (OpenStreetMap) usage policy: at most 1 request per second, an "
                    "identifying user agent, results cached, data © OpenStreetMap contributors (ODbL).")


class OfflineGeocoder(Geocoder):  # type: ignore[misc]  # geopy is untyped
    """The offline gazetteer, usable wherever geopy expects a geocoder."""

    def __init__(self, gazetteer: Gazetteer | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.gazetteer = gazetteer or Gazetteer()

    def geocode(self, query: str, *, exactly_one: bool = True, country_codes: list[str] | str | None = None,
                kinds: set[str] | None = None) -> Location | list[Location] | None:
        codes = {country_codes} if isinstance(country_codes, str) else set(country_codes or ())
        codes = {c.upper() for c in codes}
        cands = [c for c in self.gazetteer.lookup(query)
                 if (not codes or c.country in codes) and (not kinds or c.kind in kinds)]
        cands.sort(key=lambda c: (-(KIND_PRIOR.get(c.kind, 0) + (0.3 if c.form != "alt" else 0)), -c.population))
        locations = [Location(c.name, (c.lat, c.lon), {
            "key": c.key, "name": c.name, "country": c.country, "kind": c.kind, "population": c.population,
            "geonameid": c.geonameid, "source": c.source}) for c in cands]
        if not locations:
            return None
        return locations[0] if exactly_one else locations

    def reverse(self, query: Any, *, exactly_one: bool = True,
                radius_deg: float = 0.5) -> Location | list[Location] | None:
        lat, lon = (float(v) for v in (query if isinstance(query, (tuple, list)) else str(query).split(",")))
        rows = self.gazetteer.conn.execute(
            "SELECT name, lat, lon, country, kind, population FROM entries WHERE kind='city' AND "
            "lat BETWEEN ? AND ? AND lon BETWEEN ? AND ?",
            (lat - radius_deg, lat + radius_deg, lon - radius_deg, lon + radius_deg)).fetchall()
        rows.sort(key=lambda r: (r[1] - lat) ** 2 + (r[2] - lon) ** 2)
        locations = [Location(r[0], (r[1], r[2]), {"name": r[0], "country": r[3], "kind": r[4]}) for r in rows]
        if not locations:
            return None
        return locations[0] if exactly_one else locations


class RateLimit:
    """At most one call per `min_interval` seconds across every thread that shares it."""

    def __init__(self, min_interval: float) -> None:
        self.min_interval = min_interval
        self._lock = threading.Lock()
        self._next = 0.0

    def wait(self) -> None:
        with self._lock:
            now = time.monotonic()
            if now < self._next:
                time.sleep(self._next - now)
            self._next = time.monotonic() + self.min_interval

    def hold_off(self, seconds: float) -> None:
        with self._lock:
            self._next = max(self._next, time.monotonic() + seconds)


# One limiter for the whole process: Nominatim's limit is per application, not per object.
NOMINATIM_RATE = RateLimit(1.0)


_SCHEMA = ("CREATE TABLE IF NOT EXISTS answers(provider TEXT, query TEXT, answer TEXT, "
           "created REAL, PRIMARY KEY(provider, query))")


class GeocodeCache:
    """query -> answer (a location or "not found"), in SQLite. A corrupt file is replaced."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = Path(path or user_cache_dir() / "geocode-cache.sqlite")
        self._lock = threading.Lock()
        try:
            self._conn = self._open()
        except sqlite3.DatabaseError:
            # a damaged file (or another program's): the cache is disposable, start afresh;
            # if even that fails (read-only folder), cache in memory for this session
            try:
                self.path.unlink(missing_ok=True)
                self._conn = self._open()
            except (OSError, sqlite3.Error):
                self._conn = sqlite3.connect(":memory:", check_same_thread=False)
                self._conn.execute(_SCHEMA)
        except OSError:
            self._conn = sqlite3.connect(":memory:", check_same_thread=False)
            self._conn.execute(_SCHEMA)

    def _open(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, check_same_thread=False, timeout=5)
        conn.execute(_SCHEMA)
        conn.commit()
        return conn

    def get(self, provider: str, query: str) -> tuple[bool, dict[str, Any] | None]:
        """(hit, answer). A locked or damaged cache, or a damaged row, is a miss: the cache
        only saves requests, it must never stop a lookup."""
        try:
            with self._lock:
                row = self._conn.execute("SELECT answer FROM answers WHERE provider=? AND query=?",
                                         (provider, query)).fetchone()
            if row is None:
                return False, None
            answer = json.loads(row[0])
        except (sqlite3.Error, ValueError, TypeError):
            return False, None
        if answer is not None and not (isinstance(answer, dict) and {"address", "lat", "lon", "raw"} <= answer.keys()):
            return False, None
        return True, answer

    def put(self, provider: str, query: str, answer: dict[str, Any] | None) -> None:
        try:
            with self._lock:
                self._conn.execute("INSERT OR REPLACE INTO answers VALUES (?,?,?,?)",
                                   (provider, query, json.dumps(answer), time.time()))
                self._conn.commit()
        except sqlite3.Error:
            try:
                self._conn.rollback()
            except sqlite3.Error:
                pass  # not cached this time; the answer itself is still used

    def close(self) -> None:
        self._conn.close()


def _describe(err: Exception, provider: str) -> str:
    if isinstance(err, geopy_exc.GeocoderTimedOut):
        return f"{provider} did not answer in time"
    if isinstance(err, geopy_exc.GeocoderRateLimited):
        return f"{provider} asked us to slow down (HTTP 429)"
    if isinstance(err, geopy_exc.GeocoderParseError):
        return f"{provider} sent an answer that could not be read"
    if isinstance(err, geopy_exc.GeocoderUnavailable):
        return f"{provider} is unreachable ({str(err).splitlines()[0][:120] or 'no network'})"
    return f"{provider} failed ({type(err).__name__}: {str(err).splitlines()[0][:120] if str(err) else ''})"


def _adapter_factory() -> Any:
    """geopy's HTTP adapter WITHOUT its own retries: by default it re-sends a request after a
    timeout or a dropped connection at once, behind the rate limiter's back (two requests
    inside a second, and three timeouts' wait before the user hears anything)."""
    from functools import partial
    try:
        from geopy.adapters import RequestsAdapter
        return partial(RequestsAdapter, max_retries=0)
    except ImportError:  # pragma: no cover - requests is optional for geopy
        from geopy.adapters import URLLibAdapter
        return URLLibAdapter


class OnlineLookup:
    """An online geocoder with rate limit, cache and clear failures. The geocoder is injected
    (tests pass a fake or point Nominatim at a local server)."""

    def __init__(self, geocoder: Geocoder | None = None, *, cache: GeocodeCache | None = None,
                 rate: RateLimit = NOMINATIM_RATE, timeout: float = 5.0, user_agent: str = USER_AGENT,
                 domain: str | None = None, scheme: str | None = None) -> None:
        if geocoder is None:
            from geopy.geocoders import Nominatim
            if domain is None and (endpoint := nominatim_endpoint()) is not None:
                domain, scheme = endpoint[0], scheme or endpoint[1]
            kwargs: dict[str, Any] = {"user_agent": user_agent, "timeout": timeout,
                                      "adapter_factory": _adapter_factory()}
            if domain:
                kwargs["domain"] = domain
            if scheme:
                kwargs["scheme"] = scheme
            geocoder = Nominatim(**kwargs)
        self.geocoder = geocoder
        self.provider = type(geocoder).__name__.lower()
        self.cache = cache if cache is not None else GeocodeCache()
        self.rate = rate

    def lookup(self, query: str, *, country_codes: list[str] | None = None) -> Location | None:
        codes = sorted({c.lower() for c in country_codes or ()})
        cache_key = f"{query}|{','.join(codes)}"
        hit, answer = self.cache.get(self.provider, cache_key)
        if hit:
            if answer is None:
                return None
            return Location(answer["address"], (answer["lat"], answer["lon"]), answer["raw"])
        self.rate.wait()
        try:
            kwargs: dict[str, Any] = {"exactly_one": True}
            if codes:
                kwargs["country_codes"] = codes
            location = self.geocoder.geocode(query, **kwargs)
        except geopy_exc.GeocoderRateLimited as err:
            if err.retry_after:
                self.rate.hold_off(float(err.retry_after))
            raise GeocoderUnavailable(_describe(err, self.provider)) from err
        except (geopy_exc.GeopyError, OSError, ValueError, KeyError, TypeError) as err:
            raise GeocoderUnavailable(_describe(err, self.provider)) from err
        if location is not None:
            try:
                raw = location.raw if isinstance(location.raw, dict) else {}
                record = {"address": str(location.address), "lat": float(location.latitude),
                          "lon": float(location.longitude), "raw": json.loads(json.dumps(raw, default=str))}
            except (TypeError, ValueError) as err:
                raise GeocoderUnavailable(_describe(geopy_exc.GeocoderParseError(str(err)), self.provider)) from err
        else:
            record = None
        self.cache.put(self.provider, cache_key, record)
        return location
