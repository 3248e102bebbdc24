"""The sample article end to end, the stable JSON form of a result, the shared sample
checker, cancelling and progress."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from geopy.distance import distance

from mapper.core.articles import article_from_text, load_article
from mapper.core.errors import Cancelled, MapperError
from mapper.core.models import Result

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "articles" / "putin-awards-kim-medal.txt"
CHECK_SAMPLE = Path(__file__).resolve().parents[3] / "shared" / "tools" / "check_sample.py"

CITIES = {"Pyongyang": (39.034, 125.754), "Sunchon": (39.432, 125.933),
          "Wonsan": (39.153, 127.444), "Vladivostok": (43.106, 131.874)}


def km(a, b) -> float:
    return distance(a, b).km


def at(place, ref) -> float:
    return km((place.lat, place.lon), ref)


def place_for(result: Result, mention: str):
    hits = [p for p in result.places if any(m.text == mention for m in p.mentions)]
    assert len(hits) == 1, f"{mention!r} -> {[(p.name, p.country) for p in hits]}"
    return hits[0]


# ---------------------------------------------------------------- places

@pytest.mark.parametrize("name", list(CITIES))
def test_sample_cities_within_10_km(sample_result, name):
    p = place_for(sample_result, name)
    assert p.kind == "city" and p.country in ("KP", "RU")
    assert at(p, CITIES[name]) <= 10


def test_sample_countries_and_region(sample_result):
    countries = {p.country for p in sample_result.places if p.kind == "country"}
    assert {"KP", "RU", "JP"} <= countries
    assert place_for(sample_result, "Soviet").country == "RU"
    assert place_for(sample_result, "Japanese").country == "JP"
    assert place_for(sample_result, "DPRK").country == "KP"
    region = place_for(sample_result, "Korean peninsula")
    assert region.kind == "region" and region.name.lower() == "korean peninsula"


@pytest.mark.parametrize("mention, city", [("Mansudae Palace of Congress", "Pyongyang"),
                                           ("Liberation Monument", "Pyongyang")])
def test_sample_landmarks_in_their_city(sample_result, mention, city):
    p = place_for(sample_result, mention)
    assert p.kind == "landmark" and p.country == "KP"
    assert at(p, CITIES[city]) <= 15


def test_sample_fertilizer_factory_is_near_sunchon(sample_result):
    hits = [p for p in sample_result.places if any("Sunchon" in m.text for m in p.mentions)]
    assert hits and all(at(p, CITIES["Sunchon"]) <= 15 for p in hits)


FALSE = ["Kim Jong Un", "Ri Yong Ho", "Kim Il Sung", "Vladimir Putin", "Putin", "Alexander Matsegora",
         "Day of the Sun", "Facebook", "Yonhap", "AFP", "Getty", "Kim was", "Kim had", "Kim visited",
         "Great Patriotic War", "Cold War", "Axis"]


@pytest.mark.parametrize("name", FALSE)
def test_sample_has_no_false_places(sample_result, name):
    text = sample_result.article.text
    spans = []
    i = text.find(name)
    assert i >= 0, name
    while i >= 0:
        spans.append((i, i + len(name)))
        i = text.find(name, i + 1)
    bad = [m.text for p in sample_result.places for m in p.mentions for s, e in spans
           if m.start < e and s < m.end]
    assert bad == []


def test_sample_mentions_reproduce_the_text(sample_result):
    text = sample_result.article.text
    sents = {s.id: s for s in sample_result.sentences}
    count = 0
    for p in sample_result.places:
        for m in p.mentions:
            count += 1
            assert text[m.start:m.end] == m.text
            s = sents[m.sentence]
            assert s.start <= m.start < m.end <= s.end
    assert count >= 40


# ---------------------------------------------------------------- events, facts, claims

def events_near(result, city, prefix, **extra):
    out = []
    for e in result.events:
        p = result.place_by_id(e.place)
        if p and at(p, CITIES[city]) <= 15 and str(e.date or "").startswith(prefix):
            if all(getattr(e, k) == v for k, v in extra.items()):
                out.append(e)
    return out


def test_sample_ceremony_in_pyongyang_on_tuesday(sample_result):
    assert events_near(sample_result, "Pyongyang", "2020-05-05", kind="ceremony")


def test_sample_reappearance_in_sunchon_on_friday(sample_result):
    evs = events_near(sample_result, "Sunchon", "2020-05-01")
    assert evs and evs[0].kind in ("appearance", "visit")
    assert not evs[0].hedged


def test_sample_vladivostok_april_2019(sample_result):
    assert events_near(sample_result, "Vladivostok", "2019-04")


def test_sample_wonsan_retreat_is_hedged(sample_result):
    evs = events_near(sample_result, "Wonsan", "")
    assert evs and all(e.hedged for e in evs)


def test_sample_1945_liberation(sample_result):
    evs = [e for e in sample_result.events if str(e.date or "").startswith("1945")]
    assert evs and evs[0].kind == "liberation"


def test_sample_no_event_is_dated_after_publication(sample_result):
    assert all(str(e.date or "") <= "2020-05-05" for e in sample_result.events)


def test_sample_facts_tied_to_north_korea(sample_result):
    by_value = {}
    for f in sample_result.facts:
        p = sample_result.place_by_id(f.place)
        if p is not None and p.country == "KP":
            by_value[f.value] = f
    assert {11, 345, 1375, 4700} <= set(by_value)
    assert by_value[11].kind == "mass_graves"
    assert by_value[345].kind == "individual_graves"
    assert by_value[1375].kind == "buried"
    assert by_value[4700].kind == "died" and by_value[4700].qualifier == "more than"
    text = sample_result.article.text
    for f in by_value.values():
        assert text[f.start:f.end] == f.text


def test_sample_distance_claim(sample_result):
    claims = [c for c in sample_result.claims if c.kind == "distance"]
    assert len(claims) == 1
    c = claims[0]
    assert sample_result.place_by_id(c.from_place).country == "KP"
    assert at(sample_result.place_by_id(c.from_place), CITIES["Sunchon"]) <= 10
    assert at(sample_result.place_by_id(c.to_place), CITIES["Pyongyang"]) <= 10
    assert 44 <= c.stated_km <= 46  # 28 miles
    assert 40 <= c.computed_km <= 52 and c.consistent
    assert c.bearing == "north"


# ---------------------------------------------------------------- JSON form

def test_result_json_keys_are_stable(sample_result):
    d = json.loads(json.dumps(sample_result.to_dict(), ensure_ascii=False))
    assert set(d) >= {"article", "places", "events", "facts", "fact_summary", "claims", "warnings"}
    assert d["article"]["published"] == "2020-05-05"
    for s in d["article"]["sentences"]:
        assert set(s) >= {"id", "start", "end", "text"}
    for p in d["places"]:
        assert set(p) >= {"id", "name", "lat", "lon", "country", "kind", "source", "confidence",
                          "geonameid", "candidates", "mentions"}
        assert 0.0 <= p["confidence"] <= 1.0
        for m in p["mentions"]:
            assert set(m) >= {"start", "end", "text", "sentence"}
        for c in p["candidates"]:
            assert set(c) >= {"name", "lat", "lon", "country", "kind", "source", "score"}
    assert d["events"] and d["facts"] and d["claims"]
    for e in d["events"]:
        assert set(e) >= {"id", "kind", "date", "place", "sentence", "actors", "hedged"}
        assert isinstance(e["actors"], list)
    for f in d["facts"]:
        assert set(f) >= {"kind", "value", "qualifier", "place", "sentence", "text"}
    for s in d["fact_summary"]:
        assert set(s) >= {"place", "figures"}
    for c in d["claims"]:
        assert set(c) >= {"kind", "from", "to", "stated_km", "computed_km", "consistent", "sentence"}
    ids = {p["id"] for p in d["places"]}
    assert all(e["place"] in ids for e in d["events"] if e["place"])
    assert all(f["place"] in ids for f in d["facts"] if f["place"])


def test_fact_summary_groups_north_korean_figures(sample_result):
    kp = next(p for p in sample_result.places if p.country == "KP" and p.kind == "country")
    entry = next(s for s in sample_result.fact_summary() if s["place"] == kp.id)
    assert entry["figures"]["mass_graves"]["value"] == 11
    assert entry["figures"]["died"] == {"value": 4700, "qualifier": "more than"}


@pytest.mark.skipif(not CHECK_SAMPLE.exists(), reason="shared/tools/check_sample.py is not here")
def test_shared_sample_checker_passes(sample_result, tmp_path):
    out = tmp_path / "sample.json"
    out.write_text(json.dumps(sample_result.to_dict(), ensure_ascii=False), encoding="utf-8")
    proc = subprocess.run([sys.executable, str(CHECK_SAMPLE), str(out)], capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr


# ---------------------------------------------------------------- cancel and progress

def test_cancel_stops_the_run(pipeline):
    article = load_article(SAMPLE)
    with pytest.raises(Cancelled) as info:
        pipeline.run(article, cancel=lambda: True)
    assert isinstance(info.value, MapperError)


def test_cancel_midway_stops_the_run(pipeline):
    calls = []

    def cancel() -> bool:
        calls.append(1)
        return len(calls) > 2

    with pytest.raises(Cancelled):
        pipeline.run(load_article(SAMPLE), cancel=cancel)


def test_progress_rises_to_one(pipeline):
    seen: list[tuple[float, str]] = []
    result = pipeline.run(load_article(SAMPLE), progress=lambda f, m: seen.append((f, m)))
    fractions = [f for f, _ in seen]
    assert len(fractions) >= 3
    assert fractions == sorted(fractions) and len(set(fractions)) == len(fractions)
    assert fractions[0] > 0.0 and fractions[-1] == 1.0
    assert all(m for _, m in seen)
    assert result.places


def test_pipeline_runs_are_independent(pipeline, sample_result):
    """Running another article in between does not change the sample's answer."""
    pipeline.run(article_from_text("A tornado struck Paris, Texas, on Sunday."))
    again = pipeline.run(load_article(SAMPLE))
    assert again.to_dict() == sample_result.to_dict()


def test_long_stages_stop_soon_after_a_cancel_request(pipeline):
    """Recognition and resolution look at the cancel request inside their loops, not only
    between stages: a long article stops within a few hundred sentences."""
    import pytest

    from mapper.core.errors import Cancelled
    from mapper.core.sentences import split_sentences
    text = "Floods hit Dayton, Ohio, and Erie, Pennsylvania, on Sunday. " * 500
    sentences = split_sentences(text)
    asked = []

    def cancel_after_first_look() -> bool:
        asked.append(1)
        return len(asked) > 1

    with pytest.raises(Cancelled):
        pipeline.recogniser.recognise_all(text, sentences, cancel=cancel_after_first_look)
    raw, _ = pipeline.recogniser.recognise_all(text, sentences)
    with pytest.raises(Cancelled):
        pipeline.resolver.resolve(raw, cancel=lambda: True)
