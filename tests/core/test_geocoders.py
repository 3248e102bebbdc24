"""Online geocoding with the network replaced by fake geopy geocoders: caching, clear
failures that never poison the cache, the rate limit, and the pipeline's fallback."""
from __future__ import annotations

import os
import time

import pytest
from geopy import exc as geopy_exc
from geopy.geocoders.base import Geocoder
from geopy.location import Location

from mapper.core.articles import article_from_text
from mapper.core.errors import GeocoderUnavailable, MapperError
from mapper.core.geocoders import USER_AGENT, GeocodeCache, OnlineLookup, RateLimit
from mapper.core.pipeline import Pipeline

ZZYZX = Location("Zzyzx, San Bernardino County, California, United States", (35.1433, -116.1042),
                 {"osm_type": "node", "osm_id": 150960, "addresstype": "village",
                  "address": {"country_code": "us"}, "display_name": "Zzyzx"})


class FakeGeocoder(Geocoder):
    """A geopy geocoder that answers from a dict (or raises) and records every call."""

    def __init__(self, answers: dict | None = None, error: Exception | None = None) -> None:
        super().__init__()
        self.answers = answers or {}
        self.error = error
        self.calls: list[tuple[str, dict]] = []
        self.times: list[float] = []

    def geocode(self, query, **kwargs):
        self.calls.append((query, kwargs))
        self.times.append(time.monotonic())
        if self.error is not None:
            raise self.error
        return self.answers.get(query)


def lookup_with(fake, tmp_path, interval: float = 0.0) -> OnlineLookup:
    return OnlineLookup(geocoder=fake, cache=GeocodeCache(tmp_path / "geocode.sqlite"),
                        rate=RateLimit(interval))


def test_hit_is_returned_and_cached(tmp_path):
    fake = FakeGeocoder({"Zzyzx": ZZYZX})
    online = lookup_with(fake, tmp_path)
    first = online.lookup("Zzyzx")
    second = online.lookup("Zzyzx")
    assert len(fake.calls) == 1
    for loc in (first, second):
        assert isinstance(loc, Location)
        assert (round(loc.latitude, 4), round(loc.longitude, 4)) == (35.1433, -116.1042)
    assert second.raw["addresstype"] == "village"


def test_cache_survives_a_new_session(tmp_path):
    lookup_with(FakeGeocoder({"Zzyzx": ZZYZX}), tmp_path).lookup("Zzyzx")
    fake = FakeGeocoder({})
    loc = lookup_with(fake, tmp_path).lookup("Zzyzx")
    assert fake.calls == []
    assert loc is not None and round(loc.latitude, 4) == 35.1433


def test_not_found_is_cached(tmp_path):
    fake = FakeGeocoder({})
    online = lookup_with(fake, tmp_path)
    assert online.lookup("Nowhereville") is None
    assert online.lookup("Nowhereville") is None
    assert len(fake.calls) == 1


def test_country_codes_are_passed_and_part_of_the_cache_key(tmp_path):
    fake = FakeGeocoder({"Zzyzx": ZZYZX})
    online = lookup_with(fake, tmp_path)
    online.lookup("Zzyzx", country_codes=["US"])
    online.lookup("Zzyzx", country_codes=["us"])
    online.lookup("Zzyzx")
    assert len(fake.calls) == 2
    assert fake.calls[0][1].get("country_codes") == ["us"]
    assert "country_codes" not in fake.calls[1][1]


@pytest.mark.parametrize("error, words", [
    (geopy_exc.GeocoderTimedOut("Service timed out"), "in time"),
    (geopy_exc.GeocoderUnavailable("Connection refused"), "unreachable"),
    (geopy_exc.GeocoderServiceError("HTTP 500 Internal Server Error"), "failed"),
    (geopy_exc.GeocoderRateLimited("Too many requests", retry_after=2), "slow down"),
    (OSError("Network is unreachable"), "failed"),
])
def test_failure_raises_a_readable_error_and_does_not_poison_the_cache(tmp_path, error, words):
    online = lookup_with(FakeGeocoder(error=error), tmp_path)
    with pytest.raises(GeocoderUnavailable) as info:
        online.lookup("Zzyzx")
    message = str(info.value)
    assert isinstance(info.value, MapperError) and isinstance(info.value, ConnectionError)
    assert words in message
    assert "\n" not in message and "Traceback" not in message and len(message) < 200
    assert online.cache.get(online.provider, "Zzyzx|") == (False, None)
    # the next attempt asks the service again and gets the answer
    fixed = FakeGeocoder({"Zzyzx": ZZYZX})
    online.geocoder = fixed
    online.rate = RateLimit(0.0)
    assert online.lookup("Zzyzx") is not None
    assert len(fixed.calls) == 1


def test_rate_limited_answer_holds_off_later_calls(tmp_path):
    rate = RateLimit(0.0)
    online = OnlineLookup(geocoder=FakeGeocoder(error=geopy_exc.GeocoderRateLimited("429", retry_after=1)),
                          cache=GeocodeCache(tmp_path / "g.sqlite"), rate=rate)
    with pytest.raises(GeocoderUnavailable):
        online.lookup("Zzyzx")
    started = time.monotonic()
    online.geocoder = FakeGeocoder({"Zzyzx": ZZYZX})
    online.lookup("Zzyzx")
    assert time.monotonic() - started >= 0.9


def test_rate_limit_spaces_real_calls(tmp_path):
    fake = FakeGeocoder({"Zzyzx": ZZYZX})
    online = lookup_with(fake, tmp_path, interval=1.0)
    online.lookup("Zzyzx")
    online.lookup("Zzyzx")  # cached: no wait, no call
    online.lookup("Baker")
    assert len(fake.times) == 2
    assert fake.times[1] - fake.times[0] >= 0.9


def test_corrupt_cache_file_starts_fresh(tmp_path):
    path = tmp_path / "geocode.sqlite"
    path.write_bytes(b"\x89PNG garbage" + os.urandom(2048))
    cache = GeocodeCache(path)
    assert cache.get("fake", "Zzyzx|") == (False, None)
    cache.put("fake", "Zzyzx|", None)
    assert cache.get("fake", "Zzyzx|") == (True, None)
    cache.close()


def test_default_user_agent_names_the_app(tmp_path):
    assert "mapper" in USER_AGENT
    online = OnlineLookup(cache=GeocodeCache(tmp_path / "g.sqlite"))  # built, never asked
    assert online.geocoder.headers["User-Agent"] == USER_AGENT
    assert online.provider == "nominatim"


# ---------------------------------------------------------------- the pipeline's fallback

TEXT = "Officials from Moscow said they met in Zzyzxville, a hamlet."


def test_failing_online_geocoder_keeps_offline_places_with_one_warning(gazetteer, tmp_path):
    fake = FakeGeocoder(error=geopy_exc.GeocoderUnavailable("Connection refused"))
    pipeline = Pipeline(gazetteer, online=lookup_with(fake, tmp_path))
    r = pipeline.run(article_from_text(TEXT))
    assert [p.name for p in r.places] == ["Moscow"]
    assert len(r.warnings) == 1
    assert "unreachable" in r.warnings[0] and "offline" in r.warnings[0]
    assert [q for q, _ in fake.calls] == ["Zzyzxville"]


def test_online_answer_adds_a_nominatim_place(gazetteer, tmp_path):
    fake = FakeGeocoder({"Zzyzxville": ZZYZX})
    pipeline = Pipeline(gazetteer, online=lookup_with(fake, tmp_path))
    r = pipeline.run(article_from_text(TEXT))
    assert r.warnings == []
    online = [p for p in r.places if p.source == "nominatim"]
    assert len(online) == 1
    p = online[0]
    assert (round(p.lat, 4), round(p.lon, 4)) == (35.1433, -116.1042)
    assert p.country == "US" and p.kind == "city"
    m = p.mentions[0]
    assert TEXT[m.start:m.end] == "Zzyzxville" == m.text
    assert len({q.id for q in r.places}) == len(r.places), "place ids must be unique"
    assert "nominatim" in r.to_dict()["places"][-1]["source"]


def test_offline_pipeline_never_asks_online(gazetteer):
    r = Pipeline(gazetteer).run(article_from_text(TEXT))
    assert all(p.source != "nominatim" for p in r.places)
    assert r.warnings == []
