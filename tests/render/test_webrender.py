"""QtWebEngine, offscreen: no network requests, every marker drawn, hostile text inert,
PNG and PDF exports."""
from __future__ import annotations

import pytest

from mapper.render.mapbuild import render_html

pytestmark = pytest.mark.qt




def _expected_counts(result):
    ids = {p.id for p in result.places}
    return {"places": len(result.places),
            "events": sum(1 for e in result.events if e.place in ids),
            "memorials": len({f.place for f in result.facts if f.place in ids}),
            "claims": sum(1 for c in result.claims if c.from_place in ids and c.to_place in ids)}


def test_sample_loads_offline_with_every_marker(sample_result, tmp_path, headless):
    path = tmp_path / "map.html"
    path.write_text(render_html(sample_result), encoding="utf-8")
    view = headless()
    seconds = view.load(path)
    assert view.log.requests, "the interceptor saw nothing"
    assert view.log.remote_requests() == [], view.log.remote_requests()
    assert all(u.startswith(("file:", "data:")) for u in view.log.requests)
    counts = view.eval_js("mapperMap.countMarkers()")
    assert {k: counts[k] for k in ("places", "events", "memorials", "claims")} == _expected_counts(sample_result)
    # identity: every place and event id has a layer the app can reach
    ids = set(view.eval_js("mapperMap.ids()"))
    # (an event with no place is listed in the table, not drawn)
    assert {p.id for p in sample_result.places} | {e.id for e in sample_result.events if e.place} <= ids
    assert view.log.errors() == [] and view.log.alerts == []
    assert seconds < 10
    # the view is Korea and Vladivostok
    b = view.eval_js("(function(b){return [b.getSouth(), b.getWest(), b.getNorth(), b.getEast()]})(map_mapper.getBounds())")
    s, w, n, e = b
    assert s < 39.0 and n > 43.1 and w < 125.7 and e > 131.9 and w > 100 and e < 150
    # the API the desktop app uses
    assert view.eval_js("mapperMap.openPopup('p6')") is True
    text = view.eval_js("document.querySelector('.leaflet-popup-content').textContent")
    assert "Pyongyang" in text and "Confidence" in text and "gazetteer" in text
    assert view.eval_js("document.querySelectorAll('.leaflet-popup-content mark').length") == 6
    assert view.eval_js("mapperMap.flyTo('p7')") is True
    assert view.eval_js("mapperMap.flyTo('nope')") is False


def test_hostile_text_is_inert(hostile, tmp_path, headless):
    path = tmp_path / "hostile.html"
    path.write_text(render_html(hostile), encoding="utf-8")
    view = headless(width=1000, height=700)
    view.load(path)
    opened = []
    for ident in ["p1", "p2", "p3", "e1", "e2", "c1"]:
        assert view.eval_js(f"mapperMap.openPopup({ident!r})") is True
        view.sleep(0.05)
        opened.append(view.eval_js(
            "(function(){var c=document.querySelector('.leaflet-popup-content');"
            "return [c.textContent, c.querySelectorAll('script,img,b,i').length];})()"))
    assert view.log.alerts == []
    assert view.log.errors() == []
    assert all(n == 0 for _, n in opened)  # nothing from the article became an element
    assert "<script>alert(1)</script>" in opened[0][0]  # shown as text
    assert "<img src=x onerror=alert(1)>" in opened[0][0]
    assert view.eval_js("document.title").startswith("Title <script>")
    assert view.eval_js("typeof window.x === 'undefined' && document.querySelectorAll('img').length === 0") is True


def test_png_and_pdf(sample_result, tmp_path, headless):
    from PySide6.QtGui import QImage
    path = tmp_path / "map.html"
    path.write_text(render_html(sample_result), encoding="utf-8")
    view = headless()
    view.load(path)
    view.save_png(tmp_path / "map.png")
    view.save_pdf(tmp_path / "map.pdf")
    img = QImage(str(tmp_path / "map.png"))
    assert (img.width(), img.height()) == (1600, 1000)
    colours = {img.pixel(x, y) for x in range(0, 1600, 97) for y in range(0, 1000, 89)}
    assert len(colours) > 5  # not blank
    assert (tmp_path / "map.pdf").read_bytes().startswith(b"%PDF")


def test_scale_doubles_pixels(sample_result, tmp_path, headless):
    path = tmp_path / "map.html"
    path.write_text(render_html(sample_result), encoding="utf-8")
    view = headless(width=800, height=500, scale=2)
    view.load(path)
    img = view.grab_image()
    assert (img.width(), img.height()) == (1600, 1000)
    assert view.eval_js("[window.innerWidth, window.innerHeight]") == [800, 500]


def test_web_tiles_are_requested_only_when_asked(sample_result, tmp_path, headless):
    path = tmp_path / "tiles.html"
    path.write_text(render_html(sample_result, tiles="osm"), encoding="utf-8")
    view = headless(width=600, height=400, offline=True)
    view.load(path)
    view.sleep(0.3)
    remote = view.log.remote_requests()
    assert remote and all("tile.openstreetmap.org" in u for u in remote)
    assert view.log.blocked == remote  # offline mode blocked them
