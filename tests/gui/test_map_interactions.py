"""Map interactions in the real desktop window (offscreen, real QtWebEngine page): dragging a
pin is an undoable correction, a plain click on a pin stays a click, and the layer and date
filters of the window reach the map."""
from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QPoint, Qt

from mapper.gui.app import find_place_id

from .clicks_helpers import drag_pin, page_input_widget, screen_point
from .conftest import run_js, wait_map_ready

ZOOM_ON_PIN_JS = """
(function (id) {
  var M = window.mapperMap;
  var l = M.layersFor(id).filter(function (l) { return l.getLatLng && l.mapperKind === 'place'; })[0];
  if (!l) return null;
  M.map.setView(l.getLatLng(), 13, { animate: false });
  var c = M.map.getCenter();
  return JSON.stringify([c.lat, c.lng]);
})
"""


def zoom_on(qtbot, window, pid: str) -> list[float]:
    """Set-up, not input: the view zoomed in on the pin, so neighbours are well apart."""
    centre = json.loads(run_js(qtbot, window, f"{ZOOM_ON_PIN_JS}({json.dumps(pid)})"))
    qtbot.wait(150)
    return centre


def sunchon(window) -> str:
    pid = find_place_id(window.session.result, "Sunchon")
    assert pid is not None
    return pid


def test_dragging_a_pin_is_an_undoable_correction(qtbot, loaded):
    """A real mouse drag of a pin (press, moves, release) asks first, then moves the place; the
    map does not pan, the release is not a click, and undo puts it back."""
    from .test_user_paths import answer_scope
    window = loaded
    pid = sunchon(window)
    before = window.session.place(pid)
    old = (before.lat, before.lon, before.source)
    assert before.source != "user"
    clicks = []
    window.map.placeClicked.connect(clicks.append)
    centre = zoom_on(qtbot, window, pid)
    start = screen_point(qtbot, window, pid)
    to = json.loads(run_js(qtbot, window, f"JSON.stringify(window.mapperMap.latLngAt({start.x() + 80}, "
                                          f"{start.y() + 50}))"))
    answer_scope(qtbot, window, "Everywhere")
    drag_pin(qtbot, window, pid, 80, 50)
    qtbot.waitUntil(lambda: window.session.place(pid).source == "user", timeout=10_000)
    p = window.session.place(pid)
    # the pin went where the mouse let go (within a pixel at zoom 13: ~20 m)
    assert p.lat == pytest.approx(to[0], abs=5e-4) and p.lon == pytest.approx(to[1], abs=5e-4)
    assert abs(p.lat - old[0]) > 1e-3 or abs(p.lon - old[1]) > 1e-3
    assert window.undo_stack.count() == 1
    assert clicks == []  # the release after a drag is not a click
    # the map is drawn again from the corrected result, with the pin where it was dropped
    wait_map_ready(qtbot, window)
    qtbot.waitUntil(lambda: _pin_at(qtbot, window, pid, p.lat, p.lon), timeout=20_000)
    assert centre  # the view was zoomed in on the pin before the drag

    window.undo_stack.undo()
    q = window.session.place(pid)
    assert (q.lat, q.lon, q.source) == old
    qtbot.waitUntil(lambda: _pin_at(qtbot, window, pid, old[0], old[1]), timeout=20_000)


def _pin_at(qtbot, window, pid, lat, lon) -> bool:
    value = run_js(qtbot, window, "(function(id){var M = window.mapperMap; if (!M || window.mapperReady !== true)"
                                  " return null; var l = M.layersFor(id).filter(function(l){return l.getLatLng &&"
                                  " l.mapperKind === 'place';})[0]; if (!l) return null; var ll = l.getLatLng();"
                                  f" return JSON.stringify([ll.lat, ll.lng]);}})({pid!r})")
    if not value:
        return False
    got = json.loads(value)
    return abs(got[0] - lat) < 1e-4 and abs(got[1] - lon) < 1e-4


def test_a_click_without_movement_stays_a_click(qtbot, loaded):
    """A 2 px jitter between press and release is a click: the popup opens, nothing moves."""
    window = loaded
    pid = sunchon(window)
    before = window.session.place(pid)
    zoom_on(qtbot, window, pid)
    drag_pin(qtbot, window, pid, 2, 1)
    qtbot.waitUntil(lambda: window.session.selected == pid, timeout=10_000)
    qtbot.waitUntil(lambda: window.article_view.highlighted_sentence is not None, timeout=10_000)
    qtbot.wait(200)
    after = window.session.place(pid)
    assert (after.lat, after.lon, after.source) == (before.lat, before.lon, before.source)
    assert window.undo_stack.count() == 0 and window.scope_box is None
    # and the click opened the pin's popup
    assert run_js(qtbot, window, "(function(){var c = document.querySelector('.leaflet-popup-content .mapper-popup');"
                                 " return c ? c.getAttribute('data-id') : null;})()") == pid


def test_pins_show_a_move_cursor(qtbot, loaded):
    """The real mouse over a pin: the page's cursor says it can be moved."""
    from PySide6.QtTest import QTest
    window = loaded
    pid = sunchon(window)
    zoom_on(qtbot, window, pid)
    pt = screen_point(qtbot, window, pid)
    QTest.mouseMove(page_input_widget(window), pt)
    qtbot.wait(100)
    QTest.mouseMove(page_input_widget(window), pt + QPoint(1, 0))
    qtbot.waitUntil(lambda: run_js(qtbot, window, "getComputedStyle(window.mapperMap.map.getContainer()"
                                                  ".querySelector('.leaflet-interactive, canvas')).cursor") == "move"
                    or page_input_widget(window).cursor().shape() == Qt.CursorShape.SizeAllCursor, timeout=5_000)


def _visible_events(qtbot, window) -> list[str]:
    return json.loads(run_js(qtbot, window, "JSON.stringify(mapperMap.ids().filter(function(id){return mapperMap"
                                            ".layersFor(id).some(function(l){return l.mapperKind === 'event' &&"
                                            " mapperMap.map.hasLayer(l);});}).sort())"))


def _visible(qtbot, window) -> dict:
    return json.loads(run_js(qtbot, window, "JSON.stringify(mapperMap.countVisible())"))


def _in_range(date, lo, hi) -> bool:  # the rule map.js applies: ISO prefixes are periods
    return date is None or ((lo is None or date + "\uffff" >= lo) and (hi is None or date <= hi + "\uffff"))


def test_layer_checkboxes_hide_map_layers(qtbot, loaded):
    window = loaded
    result = window.session.result
    n_events = len({e.id for e in result.events if e.place})
    assert n_events > 0
    full = _visible(qtbot, window)
    assert full["events"] == n_events and full["places"] > 0 and full["memorials"] > 0

    window.layer_boxes["event"].setChecked(False)
    qtbot.waitUntil(lambda: _visible(qtbot, window)["events"] == 0, timeout=5_000)
    assert _visible(qtbot, window)["places"] == full["places"]
    window.layer_boxes["fact"].setChecked(False)
    qtbot.waitUntil(lambda: _visible(qtbot, window)["memorials"] == 0, timeout=5_000)
    window.layer_boxes["place"].setChecked(False)
    qtbot.waitUntil(lambda: _visible(qtbot, window)["places"] == 0, timeout=5_000)
    for box in window.layer_boxes.values():
        box.setChecked(True)
    qtbot.waitUntil(lambda: _visible(qtbot, window) == full, timeout=5_000)


def _drag(qtbot, widget, start, end) -> None:
    """A real mouse drag: press, move in steps, release."""
    from PySide6.QtCore import QPoint
    from PySide6.QtTest import QTest
    a, b = QPoint(round(start.x()), round(start.y())), QPoint(round(end.x()), round(end.y()))
    QTest.mousePress(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, a)
    for i in range(1, 6):
        QTest.mouseMove(widget, a + (b - a) * i / 5)
        qtbot.wait(10)
    QTest.mouseRelease(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, b)


def test_timeline_limits_the_events_on_the_map(qtbot, loaded):
    """Two handles, dragged with the mouse and moved with the keys, limit the events drawn."""
    from PySide6.QtTest import QTest
    window = loaded
    events = [e for e in window.session.result.events if e.place]
    dates = sorted({e.date for e in events if e.date})
    assert len(dates) > 1 and window.timeline.isEnabled()
    everything = sorted({e.id for e in events})
    assert _visible_events(qtbot, window) == everything
    slider = window.timeline
    # drag the upper handle onto the first date: only the earliest date's events stay
    _drag(qtbot, slider, slider.handle_center(1), slider.handle_center(0))
    lo, hi = dates[0], dates[0]
    expected = sorted({e.id for e in events if _in_range(e.date, lo, hi)})
    assert expected != everything
    qtbot.waitUntil(lambda: _visible_events(qtbot, window) == expected, timeout=5_000)
    assert window.timeline_label.text() == dates[0]
    # the keyboard: End takes the upper handle back to the last date, so everything shows
    window.activateWindow()  # keys go to the active window (a window manager would make it active)
    qtbot.waitUntil(lambda: window.isActiveWindow(), timeout=5_000)
    slider.setFocus()
    QTest.keyClick(slider, Qt.Key.Key_End)
    qtbot.waitUntil(lambda: _visible_events(qtbot, window) == everything, timeout=5_000)
    # the lower handle (Shift+Tab selects it) moved to the last date: only the latest events
    QTest.keyClick(slider, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    QTest.keyClick(slider, Qt.Key.Key_End)
    latest = sorted({e.id for e in events if _in_range(e.date, dates[-1], dates[-1])})
    qtbot.waitUntil(lambda: _visible_events(qtbot, window) == latest, timeout=5_000)
    assert latest != everything


def test_timeline_spaces_dates_by_time(qtbot, window):
    """Ticks sit in proportion to time: two dates a few days apart are close, decades far."""
    slider = window.timeline
    slider.resize(600, 26)
    slider.set_dates(["1945-08-15", "2019-04-25", "2019-04-26"])
    x = [slider._x(i) for i in range(3)]
    assert x[1] - x[0] > 50 * (x[2] - x[1])
