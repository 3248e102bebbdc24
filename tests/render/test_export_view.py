"""Exports match the screen: the view, the hidden layers and the date range of the live map go
into the PNG; export mode drops the zoom buttons, the layer panel and the interactive legend;
every format through one call, with a default file name from the article's title."""
from __future__ import annotations

import csv
import io
import json
import re

import pytest

from mapper.core.models import Article, Event, Mention, Place, Result, Sentence
from mapper.render import exporters
from mapper.render.exporters import ExportError, default_export_name, export_result
from mapper.render.mapbuild import (
    MapBuildError,
    check_view,
    map_data,
    parse_view,
    render_html,
    state_options,
    state_size,
)


def _payload(text: str) -> dict:
    m = re.search(r"window\.mapperMap\.init\(map_mapper, (\{.*\})\);", text, re.DOTALL)
    assert m, "the map payload is missing"
    return json.loads(m.group(1))


def invented_result() -> Result:
    """An article about invented places (no gazetteer names), with events at two of them."""
    lines = ["Delegates gathered in Varnholt on 3 March 2021 for the signing of the accord.",
             "A week later the envoy visited Quillmere and laid a wreath at the old harbour.",
             "The river port of Saltreach lies downstream of both towns."]
    sentences, pos = [], 0
    for i, s in enumerate(lines):
        sentences.append(Sentence(i, pos, pos + len(s), s))
        pos += len(s) + 1
    text = " ".join(lines)

    def mention(sid: int, word: str) -> Mention:
        s = sentences[sid]
        at = s.start + s.text.index(word)
        return Mention(at, at + len(word), word, sid)
    places = [Place("p1", "Varnholt", 51.2, 9.6, "XX", "city", "user", 0.9, None, mentions=[mention(0, "Varnholt")]),
              Place("p2", "Quillmere", 50.1, 11.9, "XX", "city", "user", 0.8, None, mentions=[mention(1, "Quillmere")]),
              Place("p3", "Saltreach", 52.4, 12.8, "XX", "town", "user", 0.7, None, mentions=[mention(2, "Saltreach")])]
    events = [Event("e1", "agreement", "2021-03-03", "3 March 2021", "p1", 0, (), False, "accord signed", "signing"),
              Event("e2", "visit", "2021-03", "A week later", "p2", 1, (), False, "envoy visit", "visited"),
              Event("e3", "commemoration", "2021-03", "A week later", "p2", 1, (), True, "wreath", "laid a wreath")]
    return Result(article=Article(text=text, title="Envoys: accord / visit? <draft>", published="2021-03-10",
                                  path="/tmp/news/varnholt-accord.txt"),
                  sentences=sentences, places=places, events=events)


# ---------------------------------------------------------------- the options (Qt-free)

def test_view_is_validated_and_parsed():
    assert check_view((40, 127.5, 6)) == [40.0, 127.5, 6.0]
    assert check_view(None) is None
    assert parse_view("48.85, 2.35, 6") == (48.85, 2.35, 6.0)
    assert parse_view("-33.9,151.2,4.5") == (-33.9, 151.2, 4.5)
    for bad, message in [("91,0,4", "latitude"), ("0,-181,4", "longitude"), ("0,0,19", "zoom"),
                         ("0,0,-1", "zoom"), ("1,2", "LAT,LON,ZOOM"), ("a,b,c", "three numbers"),
                         ("1,2,3,4", "LAT,LON,ZOOM"), ("nan,0,3", "finite")]:
        with pytest.raises(MapBuildError, match=message):
            parse_view(bad)
    with pytest.raises(MapBuildError, match="latitude"):
        map_data(invented_result(), view=(95, 0, 3))


def test_options_reach_the_payload():
    result = invented_result()
    opts = map_data(result)["options"]
    assert opts["view"] is None and opts["export"] is False and opts["base"] is None and opts["overlays_off"] == []
    page = render_html(result, view=(50.5, 10.5, 7), export=True, base="Natural Earth (offline)",
                       overlays_off=["Events", "Country labels"], hidden_layers=["fact"], date_range=("2021-03", None))
    opts = _payload(page)["options"]
    assert opts["view"] == [50.5, 10.5, 7.0] and opts["export"] is True
    assert opts["base"] == "Natural Earth (offline)" and opts["overlays_off"] == ["Country labels", "Events"]
    assert opts["hidden_layers"] == ["fact"] and opts["date_range"] == ["2021-03", None]
    # an overlay name is data like any other: it stays inside the escaped JSON
    page = render_html(result, overlays_off=["</script><script>alert(1)</script>"], base="<b>x</b>")
    assert "</script><script>alert(1)" not in page and "<b>x</b>" not in page


def test_live_state_becomes_options():
    state = {"center": [50.25, 370.5], "zoom": 6.5, "size": [812.4, 503], "hidden": ["event"],
             "dateRange": ["2021-03-01", None], "base": "Natural Earth (offline)", "overlaysOff": ["Country labels"]}
    opts = state_options(state)
    assert opts == {"view": (50.25, 10.5, 6.5), "hidden_layers": ["event"], "date_range": ("2021-03-01", None),
                    "base": "Natural Earth (offline)", "overlays_off": ["Country labels"]}
    assert state_size(state) == (812, 503)
    assert state_options(None) == {} and state_size({}) is None
    assert state_options({"center": [1, 2], "zoom": 3, "dateRange": None, "hidden": []}) == {"view": (1.0, 2.0, 3.0)}
    for bad in [{"center": [1, 2]}, {"center": "x", "zoom": 3}, {"center": [1, 2], "zoom": 30},
                {"dateRange": ["2020"]}, {"size": ["a", 3]}]:
        with pytest.raises(MapBuildError):
            state_options(bad) if "size" not in bad else state_size(bad)


def test_default_export_name():
    def named(title=None, path=None):
        return Result(article=Article(text="", title=title, path=path), sentences=[])
    assert default_export_name(named("Putting: a \"map\" / of <places>?"), "pdf") == "Putting a map of places.pdf"
    assert default_export_name(named("Émile à Zürich — 北京"), "png") == "Émile à Zürich — 北京.png"
    assert default_export_name(named(" .hidden\tname\x07\u2028end. "), "csv") == "hidden name end.csv"
    assert default_export_name(named("a\\b|c*d"), "kml") == "a b c d.kml"
    long = default_export_name(named("word " * 40), "html")
    assert long.endswith(".html") and len(long) - len(".html") <= 80 and not long[:-5].endswith(" ")
    assert default_export_name(named(None, "/news/2020/some story.txt"), "geojson") == "some story.geojson"
    assert default_export_name(named("???"), "png") == "article.png"  # nothing left: "article"
    assert default_export_name(named(), "HTML") == "article.html"
    assert default_export_name(named("CON"), "csv") == "_CON.csv"
    with pytest.raises(ExportError, match="unknown export format"):
        default_export_name(named("x"), "docx")


def test_export_result_data_formats(tmp_path):
    result = invented_result()
    for fmt in ("html", "geojson", "csv", "kml"):
        path = tmp_path / default_export_name(result, fmt)
        export_result(result, fmt, path)
        assert path.stat().st_size > 0, fmt
    assert json.loads((tmp_path / "Envoys accord visit draft.geojson").read_text("utf-8"))["type"] == "FeatureCollection"
    rows = list(csv.DictReader(io.StringIO((tmp_path / "Envoys accord visit draft.csv").read_text("utf-8-sig"))))
    assert {r["name"] for r in rows} >= {"Varnholt", "Quillmere", "Saltreach"}
    # the HTML opens where the user was, with their filters
    state = {"center": [50.7, 11.0], "zoom": 7, "size": [900, 600], "hidden": ["event"], "dateRange": None}
    export_result(result, "html", tmp_path / "v.html", state=state)
    opts = _payload((tmp_path / "v.html").read_text("utf-8"))["options"]
    assert opts["view"] == [50.7, 11.0, 7.0] and opts["hidden_layers"] == ["event"] and opts["export"] is False
    with pytest.raises(ExportError, match="unknown export format"):
        export_result(result, "docx", tmp_path / "x.docx")
    assert set(exporters.EXPORT_FORMATS) == {"html", "png", "pdf", "geojson", "csv", "kml"}


# ---------------------------------------------------------------- images (QtWebEngine)

def _array(image):
    """A QImage (or PNG bytes) -> an H x W x 3 uint8 array."""
    import numpy as np
    from PySide6.QtGui import QImage
    if isinstance(image, (bytes, bytearray)):
        image = QImage.fromData(bytes(image), "PNG")
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    w, h = image.width(), image.height()
    raw = np.frombuffer(image.constBits(), dtype=np.uint8, count=image.sizeInBytes())
    return raw.reshape(h, image.bytesPerLine())[:, : w * 4].reshape(h, w, 4)[..., :3].copy()


def _mask(shape, rects, *, scale: float = 1.0, grow: int = 4):
    """True over the map, False over the given control rectangles (CSS px, grown a little)."""
    import numpy as np
    mask = np.ones(shape[:2], dtype=bool)
    for x, y, w, h in rects:
        x0, y0 = max(0, int((x - grow) * scale)), max(0, int((y - grow) * scale))
        x1, y1 = int((x + w + grow) * scale) + 1, int((y + h + grow) * scale) + 1
        mask[y0:y1, x0:x1] = False
    return mask


def _differing(a, b, mask, *, tol: int = 24) -> int:
    return int(((abs(a.astype(int) - b.astype(int)).max(axis=2) > tol) & mask).sum())


def _differing_beyond_a_pixel(a, b, mask, *, tol: int = 24) -> int:
    """Pixels of `a` that match no pixel of `b` within one pixel (a 3x3 neighbourhood). The
    vector basemap is drawn as tiles that Leaflet scales at a fractional zoom; where that
    scaling samples depends on the pan history, so a coastline's anti-aliased edge may fall one
    pixel apart in two pages showing the same view. Content that is there or not (a layer, an
    overlay, a moved view) still differs over whole areas."""
    import numpy as np
    ai, bi = a.astype(int), b.astype(int)
    h, w = ai.shape[:2]
    pad = np.pad(bi, ((1, 1), (1, 1), (0, 0)), mode="edge")
    best = np.full((h, w), 10**6)
    for dy in (0, 1, 2):
        for dx in (0, 1, 2):
            best = np.minimum(best, np.abs(ai - pad[dy:dy + h, dx:dx + w]).max(axis=2))
    return int(((best > tol) & mask).sum())


@pytest.mark.qt
@pytest.mark.parametrize("which", ["sample", "invented"])
def test_hidden_events_change_the_png(which, sample_result, tmp_path, qtbot):
    from mapper.render.webrender import render_view
    result = sample_result if which == "sample" else invented_result()
    size = [900, 600]
    shown = render_view(result, state={"size": size}, png=tmp_path / "shown.png", scale=1.0)
    # the same view (the legend's size must not move the fitted view), events hidden
    view = {"center": shown.state["center"], "zoom": shown.state["zoom"]}
    hidden = render_view(result, state={"size": size, **view, "hidden": ["event"]}, png=tmp_path / "hidden.png",
                         scale=1.0)
    assert hidden.state["center"] == pytest.approx(view["center"]) and hidden.state["zoom"] == view["zoom"]
    assert (tmp_path / "shown.png").read_bytes() != (tmp_path / "hidden.png").read_bytes()
    a, b = _array(shown.png), _array(hidden.png)
    assert a.shape == b.shape == (600, 900, 3)
    # over the map itself, away from the legend and the other controls of either image
    mask = _mask(a.shape, shown.controls + hidden.controls)
    changed = _differing(a, b, mask)
    print(f"hiding the events of the {which} article changed {changed} map pixels")
    assert changed > 150, f"hiding {len(result.events)} events changed only {changed} map pixels"
    assert shown.log.remote_requests() == [] and hidden.log.errors() == []


_SHOWN = ("(function (sel) { return Array.prototype.filter.call(document.querySelectorAll(sel), function (e) {"
          " var r = e.getBoundingClientRect(), s = getComputedStyle(e);"
          " return r.width > 0 && r.height > 0 && s.display !== 'none' && s.visibility !== 'hidden'; }).length; })")
# the text of the visible controls other than the attribution, the scale bar and the title card
_LEGEND_TEXT = ("Array.prototype.filter.call(document.querySelectorAll('.leaflet-control'), function (c) {"
                " var s = getComputedStyle(c); return c.getBoundingClientRect().width > 0 && s.display !== 'none'"
                " && s.visibility !== 'hidden' && !c.matches('.leaflet-control-attribution, .leaflet-control-scale')"
                " && !c.querySelector('.mapper-title') && !c.matches('.mapper-title'); })"
                ".map(function (c) { return c.innerText; }).join('\\n')")


@pytest.mark.qt
def test_export_mode_drops_the_interactive_controls(sample_result, tmp_path, headless):
    kinds = sorted({e.kind.replace("_", " ") for e in sample_result.events})
    legends = {}
    for hidden in ([], ["event"]):
        path = tmp_path / f"export-{len(hidden)}.html"
        path.write_text(render_html(sample_result, export=True, hidden_layers=hidden), encoding="utf-8")
        view = headless(width=1100, height=700)
        view.load(path)
        assert view.eval_js(f"{_SHOWN}('.leaflet-control-zoom')") == 0
        assert view.eval_js(f"{_SHOWN}('.leaflet-control-layers')") == 0
        assert view.eval_js(f"{_SHOWN}('.leaflet-control-container button')") == 0  # no "Legend" button
        assert view.eval_js(f"{_SHOWN}('.leaflet-control-scale')") == 1
        assert view.eval_js(f"{_SHOWN}('.leaflet-control-attribution')") == 1
        assert view.log.errors() == [] and view.log.alerts == []
        legends[len(hidden)] = view.eval_js(_LEGEND_TEXT)
    # a compact legend of what is visible: the places' kinds always, the events only when shown
    for text in legends.values():
        assert "City" in text, text
    assert [k for k in kinds if re.search(rf"(?i)\b{re.escape(k)}\b", legends[0])], legends[0]
    assert not [k for k in kinds if re.search(rf"(?i)\b{re.escape(k)}\b", legends[1])], legends[1]
    assert not re.search(r"(?i)\bevents?\b", legends[1]), legends[1]


@pytest.mark.qt
def test_export_of_hostile_text_is_inert(hostile, tmp_path, qtbot):
    from mapper.render.webrender import render_view
    state = {"center": [39.5, 126.5], "zoom": 6, "size": [700, 450], "hidden": [], "dateRange": ["2020", None],
             "base": "<img src=x onerror=alert(1)>", "overlaysOff": ["</script><script>alert(2)</script>"]}
    shot = render_view(hostile, state=state, scale=1.0)
    assert shot.log.alerts == [] and shot.log.errors() == [] and shot.log.remote_requests() == []
    assert shot.png.startswith(b"\x89PNG")


@pytest.mark.qt
def test_view_option_centres_the_map(sample_result, tmp_path, headless):
    from mapper.render.webrender import render_view
    path = tmp_path / "view.html"
    path.write_text(render_html(sample_result, view=(40.5, 128.0, 6)), encoding="utf-8")
    view = headless(width=900, height=600)
    view.load(path)  # no refit: the page has a view of its own
    lat, lon, zoom = view.eval_js("(function (m) { var c = m.getCenter(); return [c.lat, c.lng, m.getZoom()]; })(map_mapper)")
    assert (round(lat, 4), round(lon, 4), zoom) == (40.5, 128.0, 6)
    # a different view is a different image
    size = [800, 500]
    one = render_view(sample_result, state={"center": [40.5, 128.0], "zoom": 6, "size": size}, scale=1.0)
    two = render_view(sample_result, state={"center": [43.0, 131.5], "zoom": 6, "size": size}, scale=1.0)
    a, b = _array(one.png), _array(two.png)
    mask = _mask(a.shape, one.controls + two.controls)
    assert _differing(a, b, mask) > 0.2 * mask.sum()
    assert one.state["center"] == pytest.approx([40.5, 128.0], abs=1e-6) and one.state["zoom"] == 6
    # the CLI's way: --view LAT,LON,ZOOM and --width/--height
    three = render_view(sample_result, view=parse_view("43.0,131.5,6"), width=800, height=500, scale=1.0)
    assert three.state["center"] == pytest.approx([43.0, 131.5], abs=1e-6) and three.state["size"] == size
    assert _differing(_array(three.png), b, mask) < 0.0005 * mask.sum()


@pytest.mark.qt
def test_export_matches_the_live_view(sample_result, tmp_path, headless):
    """WYSIWYG: a live map, moved and filtered by "the user", then exported from its getState()
    at scale 1, gives the same pixels as a grab of the live view, away from the controls."""
    import numpy as np

    from mapper.render.webrender import render_view
    path = tmp_path / "live.html"
    path.write_text(render_html(sample_result), encoding="utf-8")
    live = headless(width=900, height=600)
    live.load(path)
    # the user zooms in a step, drags the map, switches the events off and, in the layer
    # control, one more overlay
    off = live.eval_js("Object.keys(mapperMap.overlays).filter(function (n) { return n !== 'Events'; }).pop()")
    live.run_js("mapperMap.userMoved = true; map_mapper.setZoom(map_mapper.getZoom() + 0.5, {animate: false});"
                " map_mapper.panBy([60, -40], {animate: false}); mapperMap.setHiddenLayers(['event']);"
                f" map_mapper.removeLayer(mapperMap.overlays[{json.dumps(off)}]); true")
    live.settle()
    state = live.get_state()
    assert state["size"] == [900, 600] and state["hidden"] == ["event"] and state["overlaysOff"] == [off]
    live_controls = live.control_rects()
    live.run_js("var s = document.createElement('style');"
                " s.textContent = '.leaflet-control-container { display: none !important; }';"
                " document.head.appendChild(s); true")
    live.settle()
    screen = _array(live.grab_image())
    exported = render_view(sample_result, state=state, scale=1.0)
    image = _array(exported.png)
    assert image.shape == screen.shape == (600, 900, 3)
    mask = _mask(screen.shape, live_controls + exported.controls)
    assert mask.mean() > 0.6  # most of the map is compared
    diff = np.abs(screen.astype(int) - image.astype(int))
    mad = float(diff[mask].mean())  # mean absolute difference per channel, 0..255
    frac = _differing_beyond_a_pixel(screen, image, mask) / float(mask.sum())
    print(f"WYSIWYG: mean abs diff {mad:.3f}/255 per channel, {frac:.4%} of {int(mask.sum())} map pixels differ by >24"
          f" from every pixel within one pixel ({_differing(screen, image, mask) / float(mask.sum()):.4%} in place)")
    limit = 0.0002  # 0.02% of the map
    assert mad < 0.5 and frac < limit
    # the comparison is sharp enough to see each part of the state go missing
    for missing in ({"center": None, "zoom": None}, {"hidden": []}, {"overlaysOff": []}):
        other = render_view(sample_result, state={**state, **missing}, scale=1.0)
        changed = _differing_beyond_a_pixel(screen, _array(other.png), mask) / float(mask.sum())
        print("without", missing, f"{changed:.4%}")
        assert changed > 1.5 * limit, (missing, changed)  # a thin overlay off: about 0.05%


@pytest.mark.qt
def test_export_result_png_is_the_state_size(sample_result, tmp_path, qtbot):
    from PySide6.QtGui import QImage
    state = {"center": [40.0, 127.5], "zoom": 6, "size": [640, 400], "hidden": [], "dateRange": None}
    out = tmp_path / default_export_name(sample_result, "png")
    export_result(sample_result, "png", out, state=state)  # default scale 2: crisp
    img = QImage(str(out))
    assert (img.width(), img.height()) == (1280, 800)
    one = tmp_path / "one.png"
    export_result(sample_result, "png", one, state=state, scale=1.0)
    assert (QImage(str(one)).width(), QImage(str(one)).height()) == (640, 400)


@pytest.mark.qt
def test_export_with_web_tiles_waits_for_them_and_keeps_offline_if_asked(sample_result, qtbot):
    from mapper.render.webrender import render_view
    # offline: the tile requests are blocked, and the export neither hangs nor fails on them
    shot = render_view(sample_result, state={"size": [500, 350]}, tiles="osm", offline=True, scale=1.0)
    assert shot.log.blocked and all("tile.openstreetmap.org" in u for u in shot.log.blocked)
    assert shot.log.remote_requests() == shot.log.blocked
