"""The offline gazetteer: lookups a user relies on, building with progress, rebuilding when
the curated data change or the file is damaged, and the geopy-compatible OfflineGeocoder."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from geopy.distance import distance
from geopy.geocoders.base import Geocoder
from geopy.location import Location

from mapper.core import gazetteer as gz_mod
from mapper.core.gazetteer import Gazetteer, ensure_built, source_fingerprint
from mapper.core.geocoders import OfflineGeocoder

DATA = Path(__file__).resolve().parents[2] / "data"
PYONGYANG = (39.0392, 125.7625)


def km(a, b) -> float:
    return distance(a, b).km


# ---------------------------------------------------------------- lookups (session gazetteer)

def test_pyongyang_is_the_north_korean_capital(gazetteer):
    cities = [c for c in gazetteer.lookup("Pyongyang") if c.kind == "city"]
    assert cities, "no city called Pyongyang"
    top = max(cities, key=lambda c: c.population)
    assert top.country == "KP"
    assert km((top.lat, top.lon), (39.03, 125.75)) < 10


def test_sunchon_includes_the_north_korean_city(gazetteer):
    cands = gazetteer.lookup("Sunchon")
    kp = [c for c in cands if c.country == "KP" and c.kind == "city"]
    assert kp, [(c.name, c.country) for c in cands]
    assert any(km((c.lat, c.lon), (39.43, 125.93)) < 10 for c in kp)
    assert any("Sunch" in c.name for c in kp)


@pytest.mark.parametrize("name, code", [("U.S.", "US"), ("DPRK", "KP"), ("North Korea", "KP"),
                                        ("Russia", "RU"), ("Democratic People's Republic of Korea", "KP")])
def test_country_names_and_aliases(gazetteer, name, code):
    countries = [c for c in gazetteer.lookup(name) if c.kind == "country"]
    assert [c.country for c in countries] == [code]


@pytest.mark.parametrize("name, code", [("Soviet", "RU"), ("North Korean", "KP"), ("Turkish", "TR")])
def test_demonyms_name_their_country(gazetteer, name, code):
    hits = [c for c in gazetteer.lookup(name) if c.kind == "country"]
    assert len(hits) == 1
    assert hits[0].country == code
    assert hits[0].form == "demonym"


def test_state_abbreviation(gazetteer):
    hits = gazetteer.lookup("Ky.")
    assert [(c.name, c.kind, c.country) for c in hits] == [("Kentucky", "admin1", "US")]
    assert hits[0].form == "abbrev"


def test_korean_peninsula_is_a_region(gazetteer):
    hits = gazetteer.lookup("Korean peninsula")
    assert hits and hits[0].kind == "region"
    assert km((hits[0].lat, hits[0].lon), (38.0, 127.5)) < 300


def test_landmark_in_pyongyang(gazetteer):
    for name in ("Mansudae Assembly Hall", "Mansudae Palace of Congress"):
        hits = [c for c in gazetteer.lookup(name) if c.kind == "landmark"]
        assert len(hits) == 1, name
        assert hits[0].country == "KP" and hits[0].source == "landmarks"
        assert km((hits[0].lat, hits[0].lon), PYONGYANG) < 10


def test_lookup_is_case_and_accent_insensitive(gazetteer):
    keys = {c.key for c in gazetteer.lookup("Pyongyang")}
    assert keys == {c.key for c in gazetteer.lookup("PYONGYANG")}
    assert {c.key for c in gazetteer.lookup("Sunch'ŏn")} & {c.key for c in gazetteer.lookup("Sunchon")}


def test_unknown_name_has_no_candidates(gazetteer):
    assert gazetteer.lookup("Zzyzxville") == ()


def test_get_and_country(gazetteer):
    kp = gazetteer.country("KP")
    assert kp is not None and kp.name == "North Korea" and kp.kind == "country"
    assert gazetteer.get("no-such-key") is None


# ---------------------------------------------------------------- OfflineGeocoder

def test_offline_geocoder_is_a_geopy_geocoder(gazetteer):
    geo = OfflineGeocoder(gazetteer)
    assert isinstance(geo, Geocoder)
    loc = geo.geocode("Pyongyang")
    assert isinstance(loc, Location)
    assert loc.raw["country"] == "KP"
    assert km(loc.point[:2], PYONGYANG) < 15
    assert geo.geocode("Zzyzxville") is None


def test_offline_geocoder_respects_country_codes(gazetteer):
    geo = OfflineGeocoder(gazetteer)
    paris_us = geo.geocode("Paris", country_codes=["us"], kinds={"city"})
    assert paris_us.raw["country"] == "US"
    paris_fr = geo.geocode("Paris", country_codes="FR", kinds={"city"})
    assert km(paris_fr.point[:2], (48.8566, 2.3522)) < 10
    many = geo.geocode("Paris", exactly_one=False, country_codes=["US"])
    assert len(many) > 1 and all(isinstance(loc, Location) and loc.raw["country"] == "US" for loc in many)
    assert geo.geocode("Pyongyang", country_codes=["JP"]) is None


def test_offline_reverse_returns_nearest_city(gazetteer):
    geo = OfflineGeocoder(gazetteer)
    loc = geo.reverse((39.04, 125.76))
    assert isinstance(loc, Location)
    assert loc.raw["country"] == "KP" and "Pyongyang" in loc.address
    loc = geo.reverse("48.86, 2.34")
    assert "Paris" in loc.address and loc.raw["country"] == "FR"
    assert geo.reverse((0.0, -140.0)) is None  # the middle of the Pacific


# ---------------------------------------------------------------- building and rebuilding

NEW_LANDMARK = ("lm:test-obelisk,Testville Obelisk,,10.5000,20.5000,TD,monument,,"
                "invented for a mapper test\n")


def _append_row(path: Path, row: str) -> None:
    text = path.read_text(encoding="utf-8")
    if text and not text.endswith("\n"):
        text += "\n"
    path.write_text(text + row, encoding="utf-8")


@pytest.fixture(scope="module")
def data_copy(tmp_path_factory):
    """A copy of the shipped data/ with one curated file changed, and a gazetteer path that
    holds garbage bytes; ensure_built runs on it once (one real build, ~10 s)."""
    root = tmp_path_factory.mktemp("gaz")
    data = root / "data"
    shutil.copytree(DATA, data)
    _append_row(data / "landmarks.csv", NEW_LANDMARK)
    path = root / "gazetteer.sqlite"
    path.write_bytes(os.urandom(4096))
    progress: list[tuple[float, str]] = []
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("MAPPER_SHIPPED_DATA", str(data))
        before = source_fingerprint()
        built = ensure_built(path, progress=lambda f, m: progress.append((f, m)))
    return {"data": data, "path": path, "built": built, "progress": progress, "fingerprint": before}


def test_corrupt_gazetteer_file_is_rebuilt(data_copy):
    assert data_copy["built"] == data_copy["path"]
    g = Gazetteer(data_copy["path"], build_if_needed=False)
    try:
        assert g.lookup("Pyongyang")
    finally:
        g.close()


def test_build_reports_rising_progress_to_one(data_copy):
    fractions = [f for f, _ in data_copy["progress"]]
    assert len(fractions) >= 3
    assert fractions == sorted(fractions)
    assert all(0.0 <= f <= 1.0 for f in fractions)
    assert fractions[-1] == 1.0
    assert all(isinstance(m, str) and m for _, m in data_copy["progress"])


def test_build_uses_the_curated_files_it_was_pointed_at(data_copy):
    g = Gazetteer(data_copy["path"], build_if_needed=False)
    try:
        hits = g.lookup("Testville Obelisk")
        assert [(c.kind, c.country) for c in hits] == [("landmark", "TD")]
    finally:
        g.close()
    assert gz_mod._fingerprint_of(data_copy["path"]) == data_copy["fingerprint"]
    assert not list(data_copy["path"].parent.glob(".gazetteer-*.tmp")), "temp file left behind"


def test_fingerprint_changes_with_a_curated_file_and_ensure_built_rebuilds(data_copy, monkeypatch):
    data, path = data_copy["data"], data_copy["path"]
    monkeypatch.setenv("MAPPER_SHIPPED_DATA", str(data))
    assert source_fingerprint() == data_copy["fingerprint"]
    # unchanged sources: nothing is rebuilt
    mtime = path.stat().st_mtime_ns
    ensure_built(path)
    assert path.stat().st_mtime_ns == mtime
    # change one curated file: a new fingerprint, and ensure_built rebuilds
    _append_row(data / "admin1.csv", "a1:td:testland,Testland,Testl.,11.0,21.0,TD,,0,invented for a mapper test\n")
    assert source_fingerprint() != data_copy["fingerprint"]
    ensure_built(path)
    assert gz_mod._fingerprint_of(path) == source_fingerprint()
    g = Gazetteer(path, build_if_needed=False)
    try:
        assert [c.kind for c in g.lookup("Testland")] == ["admin1"]
    finally:
        g.close()


def test_fingerprint_differs_from_the_shipped_data(data_copy, monkeypatch):
    monkeypatch.delenv("MAPPER_SHIPPED_DATA", raising=False)
    assert source_fingerprint() != data_copy["fingerprint"]
