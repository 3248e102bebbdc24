"""The map's own layout in QtWebEngine, offscreen: small maps (the desktop pane, ~760x490 at
1280x800) get a collapsed legend, a collapsed layer control and a one-line title; big
exports keep everything expanded; popups open clear of the controls; the page re-lays
itself out when resized. Plus the filter API (setHiddenLayers / setDateRange)."""
from __future__ import annotations

import pytest

from mapper.core.models import Article, Event, Mention, Place, Result, Sentence
from mapper.render.mapbuild import MapBuildError, map_data, render_html

pytestmark = pytest.mark.qt

CONTROLS = """(function(){
  var base = document.querySelector('.leaflet-container').getBoundingClientRect();
  return Array.prototype.map.call(document.querySelectorAll('.leaflet-control'), function (c) {
    var r = c.getBoundingClientRect();
    return {cls: c.className, x0: r.left - base.left, y0: r.top - base.top, x1: r.right - base.left,
            y1: r.bottom - base.top};
  }).filter(function (r) { return r.x1 > r.x0 && r.y1 > r.y0; });
})()"""

POPUP = """(function(){
  var p = document.querySelector('.leaflet-popup');
  if (!p) return null;
  var base = document.querySelector('.leaflet-container').getBoundingClientRect();
  var r = p.getBoundingClientRect();
  return {x0: r.left - base.left, y0: r.top - base.top, x1: r.right - base.left, y1: r.bottom - base.top,
          w: base.width, h: base.height};
})()"""


def _overlap(a, b) -> bool:
    return a["x0"] < b["x1"] and a["x1"] > b["x0"] and a["y0"] < b["y1"] and a["y1"] > b["y0"]




@pytest.fixture(scope="module")
def sample_page(tmp_path_factory, request):
    result = request.getfixturevalue("sample_result")
    path = tmp_path_factory.mktemp("layout") / "map.html"
    path.write_text(render_html(result), encoding="utf-8")
    return path


def _state(view):
    return view.eval_js("""(function(){
      var c = document.querySelector('.leaflet-container');
      var legend = document.querySelector('.mapper-legend'), body = legend.querySelector('.mapper-legend-body');
      var toggle = legend.querySelector('.mapper-legend-toggle');
      var layers = document.querySelector('.leaflet-control-layers');
      var title = document.querySelector('.mapper-title');
      return {compact: c.classList.contains('mapper-compact'),
              legendBody: body.offsetHeight, toggle: toggle.offsetHeight,
              expanded: toggle.getAttribute('aria-expanded'),
              layersExpanded: layers.classList.contains('leaflet-control-layers-expanded'),
              layersToggle: layers.querySelector('.leaflet-control-layers-toggle').offsetHeight,
              layersList: layers.querySelector('.leaflet-control-layers-list').offsetHeight,
              titleH: title.offsetHeight, titleClipped: title.scrollWidth > title.clientWidth,
              titleTip: title.title, titleWhiteSpace: getComputedStyle(title).whiteSpace,
              titleOverflow: getComputedStyle(title).textOverflow,
              padTL: mapperMap.padTL, padBR: mapperMap.padBR};
    })()""")


def _controls_apart(view):
    rects = view.eval_js(CONTROLS)
    assert len(rects) >= 5  # zoom, title, layers, legend, scale, attribution
    for i, a in enumerate(rects):
        for b in rects[i + 1:]:
            assert not _overlap(a, b), (a, b)


# ---- small maps ------------------------------------------------------------------------------
def test_small_map_collapses_legend_layers_and_title(sample_result, sample_page, headless):
    view = headless(width=760, height=490)
    view.load(sample_page)
    st = _state(view)
    assert st["compact"] is True
    assert st["legendBody"] == 0 and st["toggle"] > 0 and st["expanded"] == "false"
    assert st["layersExpanded"] is False and st["layersToggle"] > 0 and st["layersList"] == 0
    # one line, cut with an ellipsis; the whole title is the tooltip
    assert st["titleH"] <= 34 and st["titleWhiteSpace"] == "nowrap" and st["titleOverflow"] == "ellipsis"
    assert st["titleClipped"] is True
    assert st["titleTip"].startswith(sample_result.article.title)
    # the padding popups keep is the controls' own size, not a guess
    assert 30 <= st["padTL"][1] <= 80 and 30 <= st["padBR"][1] <= 100
    _controls_apart(view)
    assert view.log.errors() == []


def test_legend_button_works_with_the_keyboard(sample_page, headless):
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    view = headless(width=760, height=490)
    view.load(sample_page)
    view.view.setFocus()
    assert view.eval_js("(function(){var b = document.querySelector('.mapper-legend-toggle'); b.focus();"
                        " return document.activeElement === b && b.tagName === 'BUTTON';})()") is True
    target = view.view.focusProxy() or view.view
    QTest.keyClick(target, Qt.Key.Key_Return)
    view._wait(lambda: view.eval_js("document.querySelector('.mapper-legend-toggle')"
                                    ".getAttribute('aria-expanded')") == "true", "the legend to open", 5)
    st = _state(view)
    assert st["legendBody"] > 100
    # open, it fits between the layer control and the bottom edge
    _controls_apart(view)
    QTest.keyClick(target, Qt.Key.Key_Escape)
    view._wait(lambda: _state(view)["legendBody"] == 0, "the legend to close", 5)
    assert _state(view)["expanded"] == "false"
    # a click opens it too
    view.run_js("document.querySelector('.mapper-legend-toggle').click(); true")
    assert _state(view)["legendBody"] > 100


@pytest.mark.parametrize("size", [(760, 490), (1140, 760), (1600, 1000)])
def test_popups_open_clear_of_the_controls(sample_result, sample_page, headless, size):
    view = headless(width=size[0], height=size[1])
    view.load(sample_page)
    controls = None
    ids = [p.id for p in sample_result.places if p.kind in ("city", "landmark")] + [e.id for e in sample_result.events if e.place]
    assert ids
    for ident in ids:
        # zoomed in on it, as the desktop app does (a click, or a row that flies there)
        view.run_js(f"(function(){{var l = mapperMap.layersFor({ident!r})[0]; mapperMap.map.closePopup();"
                    " if (l.getLatLng) mapperMap.map.setView(l.getLatLng(), 9, {animate: false}); return true;})()")
        assert view.eval_js(f"mapperMap.openPopup({ident!r})") is True
        view.sleep(0.35)  # the auto-pan animation
        popup = view.eval_js(POPUP)
        assert popup is not None
        controls = view.eval_js(CONTROLS)
        for c in controls:
            assert not _overlap(popup, c), (ident, popup, c)
        assert popup["x0"] >= 0 and popup["y0"] >= 0 and popup["x1"] <= popup["w"] and popup["y1"] <= popup["h"], (ident, popup)
    assert view.log.errors() == []


# ---- big maps and resizing -----------------------------------------------------------------------
def test_big_export_keeps_everything_expanded(sample_page, headless):
    view = headless()  # 1600x1000, the export size
    view.load(sample_page)
    st = _state(view)
    assert st["compact"] is False
    assert st["legendBody"] > 300 and st["toggle"] == 0
    assert st["layersExpanded"] is True and st["layersList"] > 50
    assert st["titleClipped"] is False and st["titleWhiteSpace"] != "nowrap"
    _controls_apart(view)


def test_layout_follows_the_map_size(sample_page, headless):
    view = headless()
    view.load(sample_page)
    assert _state(view)["compact"] is False
    view.view.resize(760, 490)
    view._wait(lambda: _state(view)["compact"] is True, "the compact layout", 10)
    st = _state(view)
    assert st["legendBody"] == 0 and st["layersExpanded"] is False and st["titleH"] <= 34
    _controls_apart(view)
    view.view.resize(1600, 1000)
    view._wait(lambda: _state(view)["compact"] is False, "the expanded layout", 10)
    st = _state(view)
    assert st["legendBody"] > 300 and st["layersExpanded"] is True
    _controls_apart(view)


# ---- filters -------------------------------------------------------------------------------------
def _dated_result() -> Result:
    text = "Kim visited Pyongyang. Putin met Kim in Vladivostok. Troops left Sunchon."
    sentences, pos = [], 0
    for i, s in enumerate(text.split(". ")):
        s = s.rstrip(".") + "."
        sentences.append(Sentence(i, pos, pos + len(s), s))
        pos += len(s) + 1

    def mention(sid, word):
        s = sentences[sid]
        at = s.text.index(word)
        return Mention(s.start + at, s.start + at + len(word), word, sid)
    places = [Place("p1", "Pyongyang", 39.03, 125.75, "KP", "city", "gazetteer", 1.0, None, mentions=[mention(0, "Pyongyang")]),
              Place("p2", "Vladivostok", 43.11, 131.87, "RU", "city", "gazetteer", 1.0, None, mentions=[mention(1, "Vladivostok")]),
              Place("p3", "Sunchon", 39.43, 125.93, "KP", "city", "gazetteer", 1.0, None, mentions=[mention(2, "Sunchon")])]
    events = [Event("e1", "visit", "2019-04", "April 2019", "p1", 0, (), False, "", "visited"),
              Event("e2", "meeting", "2019-04-25", "25 April 2019", "p2", 1, (), False, "", "met"),
              Event("e3", "retreat", "1945", "1945", "p3", 2, (), False, "", "left"),
              Event("e4", "visit", None, None, "p3", 2, (), False, "", "left")]
    return Result(article=Article(text=text, title="Dates", published="2020-05-05"), sentences=sentences,
                  places=places, events=events, facts=[], claims=[])


VISIBLE_EVENTS = ("(function(){return mapperMap.ids().filter(function(id){return mapperMap.layersFor(id)"
                  ".some(function(l){return l.mapperKind === 'event' && mapperMap.map.hasLayer(l);});}).sort();})()")


def test_date_range_and_hidden_layers(tmp_path, headless):
    path = tmp_path / "dates.html"
    path.write_text(render_html(_dated_result()), encoding="utf-8")
    view = headless(width=800, height=500)
    view.load(path)
    assert view.eval_js(VISIBLE_EVENTS) == ["e1", "e2", "e3", "e4"]
    assert view.eval_js("mapperMap.setDateRange('2019-04', '2019-04')") == 3
    assert view.eval_js(VISIBLE_EVENTS) == ["e1", "e2", "e4"]  # undated e4 stays
    view.eval_js("mapperMap.setDateRange('2019-04-26', '2020')")
    assert view.eval_js(VISIBLE_EVENTS) == ["e1", "e4"]  # "2019-04" overlaps the range
    view.eval_js("mapperMap.setDateRange('1900', '1950')")
    assert view.eval_js(VISIBLE_EVENTS) == ["e3", "e4"]
    view.eval_js("mapperMap.setDateRange(null, '1944-12-31')")
    assert view.eval_js(VISIBLE_EVENTS) == ["e4"]
    view.eval_js("mapperMap.setDateRange(null, null)")
    assert view.eval_js(VISIBLE_EVENTS) == ["e1", "e2", "e3", "e4"]

    assert view.eval_js("mapperMap.setHiddenLayers(['event'])") == ["event"]
    assert view.eval_js("mapperMap.countVisible()")["events"] == 0
    assert view.eval_js("mapperMap.countVisible()")["places"] == 3
    view.eval_js("mapperMap.setDateRange('1945', '1945')")  # while hidden
    view.eval_js("mapperMap.setHiddenLayers(['place'])")
    counts = view.eval_js("mapperMap.countVisible()")
    assert counts["places"] == 0 and counts["events"] == 2  # e3 and the undated e4
    view.eval_js("mapperMap.setHiddenLayers([])")
    assert view.eval_js("mapperMap.countVisible()")["places"] == 3
    # the layer control follows: a filtered-out layer is unchecked there
    view.eval_js("mapperMap.setHiddenLayers(['place'])")
    checked = view.eval_js("Array.prototype.map.call(document.querySelectorAll('.leaflet-control-layers-overlays label'),"
                           " function(l){return [l.textContent.trim(), l.querySelector('input').checked];})")
    assert ["Cities and landmarks", False] in checked and ["Events", True] in checked
    assert view.log.errors() == []


def test_filters_the_page_starts_with(tmp_path, headless):
    path = tmp_path / "filtered.html"
    path.write_text(render_html(_dated_result(), hidden_layers=["place"], date_range=("2019", "2019")),
                    encoding="utf-8")
    view = headless(width=800, height=500)
    view.load(path)
    counts = view.eval_js("mapperMap.countVisible()")
    assert counts["places"] == 0 and counts["events"] == 3
    assert view.eval_js(VISIBLE_EVENTS) == ["e1", "e2", "e4"]


def test_filter_options_in_the_payload():
    data = map_data(_dated_result(), hidden_layers={"fact", "event"}, date_range=("2019-04", None))
    opts = data["options"]
    assert opts["hidden_layers"] == ["event", "fact"] and opts["date_range"] == ["2019-04", None]
    assert opts["compact_below"] == [1000, 650] and opts["drag_pins"] is True
    assert map_data(_dated_result())["options"]["date_range"] is None
    with pytest.raises(MapBuildError):
        map_data(_dated_result(), hidden_layers=["everything"])
