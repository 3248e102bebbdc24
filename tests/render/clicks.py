"""Real mouse input on a real QWebEngineView, for the map tests.

The events go to the widget Chromium reads input from (the view's focusProxy(), the render
host child), at widget pixels: with HeadlessMap's scale 1 a widget pixel is a CSS pixel, so a
page point (clientX, clientY) is the widget point (x, y). Nothing here calls a click handler
or dispatches a DOM event: Chromium turns the Qt events into DOM events itself.
"""
from __future__ import annotations

import json

#: The feature whose popup is open now (the popup a user sees), or None.
OPEN_POPUP_ID = ("(function(){var c = document.querySelector('.leaflet-popup .mapper-popup');"
                 " return c ? c.getAttribute('data-id') : null;})()")


def receiver(view):
    """The widget that receives real input for a QWebEngineView."""
    proxy = view.focusProxy()
    if proxy is not None:
        return proxy
    from PySide6.QtWidgets import QWidget
    kids = [w for w in view.findChildren(QWidget) if "RenderWidgetHost" in type(w).__name__]
    return kids[0] if kids else view


def _point(x: float, y: float):
    from PySide6.QtCore import QPoint
    return QPoint(int(round(x)), int(round(y)))


def move(hm, x: float, y: float) -> None:
    from PySide6.QtTest import QTest
    QTest.mouseMove(receiver(hm.view), _point(x, y))
    hm.sleep(0.03)


def click(hm, x: float, y: float, *, button=None, wait: float = 0.25) -> None:
    """A real press and release at page point (x, y) (CSS px), then a pause for the page."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    w = receiver(hm.view)
    QTest.mouseMove(w, _point(x, y))
    hm.sleep(0.04)
    QTest.mouseClick(w, button or Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, _point(x, y))
    hm.sleep(wait)


def right_click(hm, x: float, y: float, wait: float = 0.25) -> None:
    """A real right button press and release (Chromium raises 'contextmenu' from it)."""
    from PySide6.QtCore import Qt
    click(hm, x, y, button=Qt.MouseButton.RightButton, wait=wait)


def popup_id(hm):
    return hm.eval_js(OPEN_POPUP_ID)


def close_popups(hm) -> None:
    hm.run_js("mapperMap.map.closePopup(); true")
    hm.sleep(0.3)  # a closed popup fades out for 200 ms, and covers the map meanwhile
    hm.settle()


def reset_view(hm) -> None:
    """No popup, and the view the page opened with (fitted to the data)."""
    hm.run_js("mapperMap.map.closePopup(); mapperMap.fit(); true")
    hm.sleep(0.3)
    hm.settle()


def probe_all(hm, ids, point_of) -> dict:
    """Click every id at point_of(id) (a page point or None) and record which popup opened.
    Returns {"hit": [...], "miss": [(id, got)], "off": [...]}."""
    out = {"hit": [], "miss": [], "off": []}
    for ident in ids:
        close_popups(hm)
        pt = point_of(ident)
        if not pt:
            out["off"].append(ident)
            continue
        click(hm, pt["x"], pt["y"])
        got = popup_id(hm)
        (out["hit"].append(ident) if got == ident else out["miss"].append((ident, got, pt)))
    close_popups(hm)
    return out


# A naive point per feature, computed WITHOUT the page's own screenPoint (which the code
# before issue 11 did not have): where a user would aim at a feature. The marker's icon
# centre for an event; the label point (or the position) for a circle; the middle of a line;
# the label point, else the centre of the bounds, for a shape. Used to measure the old page.
NAIVE_POINT_JS = """(function (id) {
  var M = window.mapperMap, map = M.map, rect = map.getContainer().getBoundingClientRect();
  var ls = M.layersFor(id).filter(function (l) { return map.hasLayer(l); });
  if (!ls.length) return null;
  var l = ls[ls.length - 1], pt;
  if (l._icon) {
    var r = l._icon.getBoundingClientRect();
    return {x: r.left + r.width / 2, y: r.top + r.height / 2};
  }
  var p = M.byId && M.byId[id];
  if (l.getLatLng) pt = map.latLngToContainerPoint(l.getLatLng());
  else if (l.getLatLngs && !l.getBounds().isValid()) return null;
  else if (l instanceof L.Polyline && !(l instanceof L.Polygon)) pt = map.latLngToContainerPoint(l.getCenter());
  else if (p && p.label) pt = map.latLngToContainerPoint(p.label);
  else pt = map.latLngToContainerPoint(l.getBounds().getCenter());
  var s = map.getSize();
  if (pt.x < 0 || pt.y < 0 || pt.x > s.x || pt.y > s.y) return null;
  return {x: rect.left + pt.x, y: rect.top + pt.y};
})"""


def naive_point(hm, ident):
    return hm.eval_js(f"{NAIVE_POINT_JS}({json.dumps(ident)})")


def screen_point(hm, ident):
    return hm.eval_js(f"mapperMap.screenPoint({json.dumps(ident)})")
