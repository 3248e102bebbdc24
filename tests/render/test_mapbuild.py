"""The map builder: layers, ids, escaping, view, offline assets, scale. Qt-free."""
from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from html.parser import HTMLParser

import pytest

from mapper.core.models import Article, Mention, Place, Result, Sentence
from mapper.render.mapbuild import MapBuildError, map_data, render_html, script_json, view_bounds
from mapper.render.synthetic import synthetic_result

from .conftest import HOSTILE


class _Refs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.refs, self.scripts, self.tags = [], 0, []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "script":
            self.scripts += 1
        for k, v in attrs:
            if k in ("src", "href", "srcset", "data", "poster", "action") and v:
                self.refs.append((tag, k, v))


def _payload(html: str) -> dict:
    m = re.search(r"window\.mapperMap\.init\(map_mapper, (\{.*\})\);", html, re.S)
    assert m, "the map payload is missing"
    return json.loads(m.group(1))


@pytest.fixture(scope="module")
def sample_html(sample_result):
    return render_html(sample_result)


def test_no_remote_references(sample_html):
    p = _Refs()
    p.feed(sample_html)
    assert p.refs == [], p.refs  # nothing is loaded by reference: every asset is inlined
    p2 = _Refs()
    p2.feed(sample_html)
    assert "link" not in p2.tags and "img" not in p2.tags and "iframe" not in p2.tags
    for url in re.findall(r"url\(([^)]*)\)", sample_html):
        assert url.strip("'\"").startswith(("data:", "#")), url
    assert "unpkg.com" not in sample_html and "cdn.jsdelivr" not in sample_html
    assert "L.map(" in sample_html and "window.mapperMap.init(map_mapper" in sample_html


def test_layers_and_ids(sample_result, sample_html):
    data = _payload(sample_html)
    assert [p["id"] for p in data["places"]] == [p.id for p in sample_result.places]
    assert [e["id"] for e in data["events"]] == [e.id for e in sample_result.events]
    assert {m["place"] for m in data["memorials"]} == {f.place for f in sample_result.facts if f.place}
    assert len(data["claims"]) == len(sample_result.claims) and data["claims"][0]["id"] == "c1"
    cats = {p["name"]: p["cat"] for p in data["places"]}
    assert cats["Pyongyang"] == "pin" and cats["Vladivostok"] == "pin"
    assert cats["North Korea"] == "area" and cats["Russia"] == "area"
    nk = next(p for p in data["places"] if p["name"] == "North Korea")
    assert nk.get("shape") is not None and data["shapes"][nk["shape"]]["type"] in ("Polygon", "MultiPolygon")
    # every sentence a mention points at is carried, with offsets that slice the article
    for p in sample_result.places:
        for m in p.mentions:
            start, text = data["sentences"][str(m.sentence)]
            assert text[m.start - start:m.end - start] == sample_result.article.text[m.start:m.end]
    # the layer names the control shows
    js = sample_html
    for name in ("Countries and regions", "Cities and landmarks", "Events", "Memorials and graves", "Stated distances"):
        assert name in js
    assert data["basemap"]["world"]["features"]
    # the 1:50m detail only when there is no vector basemap (issue 14) to draw the coast
    assert data["vector"] or data["basemap"]["detail"]["features"]


def test_memorial_summary(sample_result, sample_html):
    mem = _payload(sample_html)["memorials"][0]
    kinds = {f["kind"]: (f["value"], f["qualifier"]) for f in mem["facts"]}
    assert kinds["mass_graves"][0] == 11 and kinds["individual_graves"][0] == 345
    assert kinds["buried"][0] == 1375 and kinds["died"] == (4700, "more than")
    assert mem["total"] == 4700


def test_fit_bounds_sample(sample_result):
    (s, w), (n, e) = view_bounds(sample_result)
    assert s <= 39.03 <= n and w <= 125.75 <= e  # Pyongyang
    assert s <= 43.1 <= n and w <= 131.87 <= e  # Vladivostok
    assert w >= 100 and e <= 145 and s >= 30 and n <= 50  # Korea and Vladivostok, not the world


def test_fit_bounds_countries_only():
    art = Article(text="France.")
    r = Result(article=art, sentences=[Sentence(0, 0, 7, "France.")],
               places=[Place("p1", "France", 46.0, 2.0, "FR", "country", "gazetteer", 1.0, None,
                             mentions=[Mention(0, 6, "France", 0)])])
    (s, w), (n, e) = view_bounds(r)
    assert 40 < s < 44 and 49 < n < 52 and -6 < w < 0 and 7 < e < 10  # metropolitan France only


def test_script_json_escapes():
    out = script_json({"a": "</script><!-- & \u2028 <img>"})
    assert "<" not in out and ">" not in out and "&" not in out and "\u2028" not in out
    assert json.loads(out) == {"a": "</script><!-- & \u2028 <img>"}


def test_hostile_text_never_reaches_html_unescaped(hostile):
    html = render_html(hostile)
    data_part = html[html.index("window.mapperMap.init(map_mapper"):]
    for bad in ("<script>alert", "<img src=x", "</script><script>", "<b>North", "<i>Korea", "<!--", "\u2028"):
        assert bad not in data_part, bad
    # the whole page: our own script elements only, all closed where we closed them
    p = _Refs()
    p.feed(html)
    assert p.scripts == html.count("</script>") == 8  # jQuery, Leaflet, cluster, pmtiles, basemap.js, map.js, 2 of folium
    assert "img" not in p.tags and "b" not in p.tags and "i" not in p.tags
    # the title element is escaped with html.escape
    assert "<title>Title &lt;script&gt;alert(&#x27;title&#x27;)&lt;/script&gt; &amp; `${x}`</title>" in html
    # and the data survives intact for the page to show as text
    data = _payload(html)
    assert data["places"][0]["name"] == "Pyongyang <script>alert('name')</script>"
    assert data["sentences"]["0"][1] == hostile.sentences[0].text
    assert all(h in data["sentences"]["0"][1] for h in HOSTILE)


def test_web_tiles_are_opt_in(sample_result):
    html = render_html(sample_result, tiles="osm")
    data = _payload(html)
    assert "tile.openstreetmap.org" in data["tiles"]["url"]
    assert "OpenStreetMap" in data["tiles"]["attribution"]
    assert _payload(render_html(sample_result))["tiles"] is None
    with pytest.raises(MapBuildError, match="unknown tiles"):
        render_html(sample_result, tiles="nope")


def test_builder_is_qt_free():
    code = ("import sys, mapper.render.mapbuild, mapper.render.exporters, mapper.render.assets;"
            "bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken'))];"
            "sys.exit(1 if bad else 0)")
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0




def test_ten_thousand_places_build_fast_and_small():
    result = synthetic_result(10_000)
    render_html(synthetic_result(10))  # warm the cached basemap and assets
    started = time.perf_counter()
    html = render_html(result)
    elapsed = time.perf_counter() - started
    assert len(html.encode()) <= 3_000_000, len(html)
    assert elapsed < 2.0, elapsed  # target 1 s; margin for a busy CI machine
    data = _payload(html)
    assert len(data["places"]) == 10_000 and data["options"]["labels"] is False


def test_counties_are_drawn_county_sized_and_frame_the_view(pipeline):
    """English counties are areas the size of a county (not of "the Midwest"), and the view
    frames them with the towns: Cornwall stays on the map of a story about English floods."""
    from mapper.core.articles import article_from_text
    result = pipeline.run(article_from_text(
        "Floods hit Suffolk and Norfolk on Sunday, and warnings were issued for Cornwall. "
        "In Newcastle a school closed early."))
    items = {p["name"]: p for p in map_data(result)["places"]}
    assert items["Cornwall"]["cat"] == "area" and items["Cornwall"]["rkm"] <= 50
    (south, west), (north, east) = view_bounds(result)
    assert west <= -4.7 and south <= 50.45 and north >= 54.9
