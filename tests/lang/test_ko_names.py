"""Korean place names (issue 16, data/ko_names.csv and data/landmarks_kr.csv): South Korean
districts, counties and towns, landmarks, seas and foreign places written in Hangul are found
and resolved near their real place; suffix-less forms that are common words are not places."""
from __future__ import annotations

import csv

import pytest

pytest.importorskip("kiwipiepy")

from mapper.core.geo import haversine_km
from mapper.core.models import Article
from mapper.core.paths import data_file
from mapper.core.pipeline import Pipeline


@pytest.fixture(scope="module")
def pipeline(gazetteer):
    return Pipeline(gazetteer)


def _run(pipeline, text):
    r = pipeline.run(Article(text=text, published="2024-05-10"))
    assert r.language == "ko"
    return r


def _place(result, local_name):
    found = [p for p in result.places if any(m.text.startswith(local_name) for m in p.mentions)]
    assert found, (local_name, [(p.local_name, [m.text for m in p.mentions]) for p in result.places])
    return found[0]


def _within(place, lat, lon, km=161):
    return haversine_km(place.lat, place.lon, lat, lon) <= km


def test_district_and_landmark_in_seoul(pipeline):
    r = _run(pipeline, "어제 서초구 주민 수백 명이 버스를 타고 경복궁 앞에 모였다. 이들은 서울역까지 걸어갔다.")
    assert _within(_place(r, "서초구"), 37.48, 127.03, km=10)
    assert _within(_place(r, "경복궁"), 37.58, 126.98, km=5)
    assert _within(_place(r, "서울역"), 37.55, 126.97, km=5)


def test_county_and_district_without_suffix(pipeline):
    r = _run(pipeline, "지난주 산청에서 큰 산불이 났고, 해운대에는 관광객이 몰렸다. 분당의 한 병원도 붐볐다.")
    assert _within(_place(r, "산청"), 35.41, 127.87)
    assert _within(_place(r, "해운대"), 35.16, 129.16)
    assert _within(_place(r, "분당"), 37.38, 127.12)


def test_city_that_geonames_names_with_its_suffix_only(pipeline):
    # GeoNames gives Chinju (Jinju) the Hangul name "진주시" only: the short form finds it too
    r = _run(pipeline, "그는 진주에서 태어나 용인에서 자랐다.")
    assert _within(_place(r, "진주"), 35.18, 128.08, km=30)
    assert _within(_place(r, "용인"), 37.24, 127.18, km=30)


def test_islands_seas_and_foreign_places(pipeline):
    r = _run(pipeline, "연평도와 독도 인근 해역을 점검했다. 한편 광둥성 공장들은 생산을 줄였고, "
                       "헐리우드 배우들이 후쿠시마를 찾았다.")
    assert _within(_place(r, "연평도"), 37.67, 125.70, km=30)
    assert _within(_place(r, "독도"), 37.24, 131.87, km=10)
    assert _place(r, "광둥성").country == "CN"
    assert _within(_place(r, "헐리우드"), 34.10, -118.33, km=30)
    assert _within(_place(r, "후쿠시마"), 37.75, 140.47)


def test_mountain_and_a_neighbourhood_listed_by_its_numbered_parts(pipeline):
    r = _run(pipeline, "어제 한라산에 첫눈이 내렸고 지리산 등산로는 통제됐다.")
    assert _within(_place(r, "한라산"), 33.36, 126.53, km=20)
    assert _within(_place(r, "지리산"), 35.34, 127.73, km=30)
    # Seoul's 명동 is legally 명동1가 and 명동2가: the two together are one 명동
    from mapper.core.lang import language_support
    index = language_support("ko", pipeline.gazetteer).index
    assert any(haversine_km(c.lat, c.lon, 37.5636, 126.9856) < 2 for c in index.lookup("명동"))


def test_regions_made_of_provinces(pipeline):
    r = _run(pipeline, "주말 동안 호남 지역에 폭우가 쏟아졌고 경상도에는 폭염 경보가 내려졌다.")
    assert _within(_place(r, "호남"), 35.2, 127.0, km=60)
    assert _within(_place(r, "경상도"), 35.9, 128.6, km=60)


def test_common_words_among_district_names_are_not_places(pipeline):
    # 수정구, 상당구, 동안구 are districts, but "수정", "상당", "동안" are everyday words
    r = _run(pipeline, "보고서 수정 작업에 상당 기간이 걸렸고 그동안 회의가 이어졌다.")
    assert r.places == [] or all(p.country != "KR" for p in r.places)


def test_every_row_has_a_source_and_a_real_korean_point():
    with open(data_file("landmarks_kr.csv"), newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    keys = {r["key"] for r in rows}
    assert len(rows) > 1000 and len(keys) == len(rows)
    for r in rows:
        assert r["source"] and r["name"] and r["country"] == "KR"
        assert 33.0 <= float(r["lat"]) <= 38.7 and 124.5 <= float(r["lon"]) <= 132.0, r["key"]
    with open(data_file("ko_names.csv"), newline="", encoding="utf-8") as f:
        names = list(csv.DictReader(f))
    # build_lang_names.py rewrites ko_names.csv: build_ko_places.py must run after it
    assert {("서초구", "lm:kr-11650"), ("경복궁", "lm:gyeongbokgung")} <= {(n["name"], n["target"]) for n in names}
    for n in names:
        assert n["source"], n
        if n["target"].startswith("lm:kr-"):
            assert n["target"] in keys, n


def test_north_korean_provinces_and_cities_with_their_korean_names(pipeline):
    """Provinces and cities GeoNames has without a Hangul name are found, and a city named
    after its province still shows its Korean name beside the English one."""
    r = _run(pipeline, "함경북도 청진시와 평안북도 신의주에서 행사가 열렸다. 연해주 대표단도 참석했다.")
    chongjin = _place(r, "함경북도 청진")
    assert _within(chongjin, 41.79, 129.78, km=30) and chongjin.local_name == "청진"
    sinuiju = _place(r, "평안북도 신의주")
    assert _within(sinuiju, 40.10, 124.40, km=30)
    assert sinuiju.name.startswith("신의주 (")  # not the bare romanised name
    primorye = _place(r, "연해주")
    assert _within(primorye, 44.5, 134.5, km=300)
