"""Online geocoding against a REAL HTTP server on 127.0.0.1 (geopy's Nominatim, real sockets):
timeouts, 429 with Retry-After, 5xx, malformed answers, refused connections. Each gives one
clear message, the offline result is kept, the 1 request/s limit holds, and errors never
reach the cache. (tests/core/test_geocoders.py covers the same policies with fake geocoders.)"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest

from mapper.core.articles import article_from_text
from mapper.core.errors import GeocoderUnavailable
from mapper.core.geocoders import GeocodeCache, OnlineLookup, RateLimit, nominatim_endpoint
from mapper.core.pipeline import Pipeline
from tests.conftest import ROOT, SAMPLE

# Zzyzxville is in no gazetteer: the pipeline asks the online geocoder for it.
TEXT = "Officials from Pyongyang travelled to Zzyzxville in North Korea on Tuesday."


def lookup(server_domain: str, tmp_path, *, timeout=2.0, interval=0.0, scheme="http") -> OnlineLookup:
    return OnlineLookup(domain=server_domain, scheme=scheme, timeout=timeout,
                        cache=GeocodeCache(tmp_path / "cache.sqlite"), rate=RateLimit(interval))


def test_good_answer_is_used_and_cached(nominatim, tmp_path):
    look = lookup(nominatim.domain, tmp_path)
    loc = look.lookup("Zzyzxville")
    assert loc is not None and abs(loc.latitude - 39.0392) < 1e-6
    assert look.lookup("Zzyzxville") is not None
    assert len(nominatim.requests) == 1  # the second answer came from the cache
    assert nominatim.requests[0][2].startswith("mapper/")  # a named user agent


FAULTS = {
    "timeout": ([("sleep", 2.5)], "did not answer in time"),
    "429-retry-after": ([("status", 429, {"Retry-After": "1"})], "slow down"),
    "500": ([("status", 500)], "nominatim"),
    "503": ([("status", 503)], "nominatim"),
    "malformed-json": (["malformed"], "could not be read"),
    "html-captive-portal": (["html"], "could not be read"),
}


@pytest.mark.parametrize("fault", list(FAULTS))
def test_fault_is_one_clear_message_and_never_cached(nominatim, tmp_path, fault):
    script, words = FAULTS[fault]
    nominatim.script = script + ["ok"]
    look = lookup(nominatim.domain, tmp_path, timeout=0.8)
    started = time.monotonic()
    with pytest.raises(GeocoderUnavailable) as err:
        look.lookup("Zzyzxville")
    assert time.monotonic() - started < 5
    assert len(nominatim.requests) == 1, "a request was re-sent behind the rate limiter's back"
    message = str(err.value)
    assert "\n" not in message and "Traceback" not in message and len(message) < 200
    assert words in message.lower(), message
    assert look.cache.get("nominatim", "Zzyzxville|") == (False, None)  # not poisoned
    # a later good answer is used
    if fault == "429-retry-after":
        time.sleep(1.0)
    loc = look.lookup("Zzyzxville")
    assert loc is not None and abs(loc.longitude - 125.7625) < 1e-6
    assert look.cache.get("nominatim", "Zzyzxville|")[0] is True


def test_wrong_shape_answer_is_reported_not_cached(nominatim, tmp_path):
    nominatim.script = ["wrongshape", "ok"]
    look = lookup(nominatim.domain, tmp_path)
    with pytest.raises(GeocoderUnavailable):
        look.lookup("Zzyzxville")
    assert look.cache.get("nominatim", "Zzyzxville|") == (False, None)
    assert look.lookup("Zzyzxville") is not None


def test_refused_connection_is_quick_and_clear(closed_port, tmp_path, monkeypatch):
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    look = lookup(f"127.0.0.1:{closed_port}", tmp_path, timeout=2.0)
    started = time.monotonic()
    with pytest.raises(GeocoderUnavailable) as err:
        look.lookup("Zzyzxville")
    assert time.monotonic() - started < 5
    assert "unreachable" in str(err.value) and "\n" not in str(err.value)
    assert look.cache.get("nominatim", "Zzyzxville|") == (False, None)


def test_429_retry_after_holds_off_the_next_request(nominatim, tmp_path):
    nominatim.script = [("status", 429, {"Retry-After": "2"}), "ok"]
    look = lookup(nominatim.domain, tmp_path, interval=0.0)
    with pytest.raises(GeocoderUnavailable):
        look.lookup("Zzyzxville")
    look.lookup("Somewhere else")
    t = nominatim.times()
    assert len(t) == 2 and t[1] - t[0] >= 1.9, t


def test_one_request_per_second_holds_on_the_wire(nominatim, tmp_path):
    nominatim.script = ["empty"]
    look = lookup(nominatim.domain, tmp_path, interval=1.0)
    for name in ("Aaa", "Bbb", "Ccc", "Ddd"):
        assert look.lookup(name) is None
    t = nominatim.times()
    assert len(t) == 4
    gaps = [b - a for a, b in zip(t, t[1:])]
    assert min(gaps) >= 0.95, gaps


def test_rate_limit_holds_across_threads(nominatim, tmp_path):
    import threading
    nominatim.script = ["empty"]
    rate = RateLimit(0.5)
    caches = [GeocodeCache(tmp_path / f"c{i}.sqlite") for i in range(3)]
    looks = [OnlineLookup(domain=nominatim.domain, scheme="http", timeout=2, cache=c, rate=rate) for c in caches]
    threads = [threading.Thread(target=lk.lookup, args=(f"Q{i}",)) for i, lk in enumerate(looks)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    t = sorted(nominatim.times())
    assert len(t) == 3 and min(b - a for a, b in zip(t, t[1:])) >= 0.45, t


@pytest.mark.parametrize("fault", ["timeout", "500", "malformed-json", "refused"])
def test_pipeline_keeps_the_offline_result_with_one_warning(gazetteer, nominatim, closed_port, tmp_path, fault):
    domain = f"127.0.0.1:{closed_port}" if fault == "refused" else nominatim.domain
    if fault != "refused":
        nominatim.script = FAULTS[fault][0] + ["ok"]
    offline = Pipeline(gazetteer).run(article_from_text(TEXT))
    online = Pipeline(gazetteer, online=lookup(domain, tmp_path, timeout=0.8))
    started = time.monotonic()
    result = online.run(article_from_text(TEXT))
    assert time.monotonic() - started < 10
    assert [(p.name, p.lat, p.lon) for p in result.places] == [(p.name, p.lat, p.lon) for p in offline.places]
    assert len(result.warnings) == 1 and "offline result is kept" in result.warnings[0]
    assert "\n" not in result.warnings[0]
    if fault != "refused":
        assert len(nominatim.requests) == 1  # it stops asking after the first failure
        # the next run gets the good answer: nothing bad was cached
        again = online.run(article_from_text(TEXT))
        assert "Zzyzxville" in [p.name for p in again.places] and not again.warnings


def test_env_override_points_nominatim_elsewhere(monkeypatch):
    monkeypatch.setenv("MAPPER_NOMINATIM_URL", "http://127.0.0.1:9/nominatim/")
    assert nominatim_endpoint() == ("127.0.0.1:9/nominatim", "http")
    from geopy.geocoders import Nominatim
    g = OnlineLookup(cache=object()).geocoder  # the cache is not touched by the constructor
    assert isinstance(g, Nominatim) and g.domain == "127.0.0.1:9/nominatim" and g.scheme == "http"
    monkeypatch.setenv("MAPPER_NOMINATIM_URL", "")
    assert nominatim_endpoint() is None


def test_cli_online_with_no_network_finishes_fast_with_the_offline_result(closed_port, tmp_path):
    """`mapper geoparse --online` with Nominatim unreachable (a refused local port)."""
    cache = os.environ.get("MAPPER_CACHE_DIR") or str(ROOT / ".cache" / "test-cache")
    base = dict(os.environ, MAPPER_CACHE_DIR=cache, MAPPER_DATA_DIR=str(tmp_path / "data"))
    offline = subprocess.run([sys.executable, "-m", "mapper", "geoparse", str(SAMPLE)], capture_output=True,
                             text=True, env=base, cwd=tmp_path, timeout=300)
    assert offline.returncode == 0, offline.stderr
    # the geocode cache lives in the cache folder: give the online run an empty one so it asks
    env = dict(base, MAPPER_NOMINATIM_URL=f"http://127.0.0.1:{closed_port}", NO_PROXY="127.0.0.1")
    started = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "mapper", "geoparse", str(SAMPLE), "--online", "--timeout", "3"],
                          capture_output=True, text=True, env=env, cwd=tmp_path, timeout=300)
    elapsed = time.monotonic() - started
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    assert json.loads(proc.stdout)["places"] == json.loads(offline.stdout)["places"]
    warnings = [line for line in proc.stderr.splitlines() if line.startswith("mapper: warning:")]
    assert len(warnings) <= 1
    assert elapsed < 30, elapsed  # seconds, not minutes (the offline run alone takes a few)
