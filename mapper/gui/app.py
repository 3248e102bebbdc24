"""Starting the desktop app, and its scripted mode for automation and documentation:

    mapper gui ARTICLE [--published D] --click-pin NAME --screenshot FILE --quit
"""
from __future__ import annotations

import json
import sys
from typing import cast

from .qtenv import prepare_qt_environment

# Zoom in on the pin until no other pin lies within 24 px (a factory 4 km from its town), then
# ask the page where a real click opens its popup (mapperMap.screenPoint). The click itself is
# a Qt mouse press and release on the widget that receives the page's input: Chromium and
# Leaflet's hit-testing decide what was clicked, exactly as for a user's mouse.
FOCUS_JS = """
(function (id) {
  var M = window.mapperMap;
  if (!M || !M.map) return null;
  var ls = M.layersFor(id);
  var pins = ls.filter(function (l) { return l.getLatLng && l.mapperKind === 'place'; });
  var l = (pins.length ? pins : ls)[0];
  if (!l) return null;
  var ll = l.getLatLng ? l.getLatLng() : l.getBounds().getCenter();
  var others = [];
  M.ids().forEach(function (k) {
    if (k === id) return;
    M.layersFor(k).forEach(function (o) { if (o.getLatLng && o.mapperKind === 'place') others.push(o.getLatLng()); });
  });
  var zoom = pins.length ? 8 : Math.max(M.map.getZoom(), 5);
  for (; pins.length && zoom < 17; zoom++) {
    var p0 = M.map.project(ll, zoom);
    var near = others.some(function (o) { return p0.distanceTo(M.map.project(o, zoom)) < 24; });
    if (!near) break;
  }
  M.map.setView(ll, zoom, { animate: false });
  return true;
})
"""


def focus_marker_js(place_id: str) -> str:
    return f"{FOCUS_JS}({json.dumps(place_id)})"


def screen_point_js(item_id: str) -> str:
    return f"JSON.stringify(window.mapperMap.screenPoint({json.dumps(item_id)}))"


def real_click(widget, x: float, y: float) -> None:
    """A left-button press and release at (x, y) of the widget, through Qt's event path."""
    from PySide6.QtCore import QEvent, QPointF, Qt
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtWidgets import QApplication
    local = QPointF(x, y)
    global_pos = QPointF(widget.mapToGlobal(local.toPoint()))
    for kind, buttons in ((QEvent.Type.MouseButtonPress, Qt.MouseButton.LeftButton),
                          (QEvent.Type.MouseButtonRelease, Qt.MouseButton.NoButton)):
        QApplication.sendEvent(widget, QMouseEvent(kind, local, global_pos, Qt.MouseButton.LeftButton, buttons,
                                                   Qt.KeyboardModifier.NoModifier))


def find_place_id(result, name: str) -> str | None:
    from ..core.textnorm import norm
    wanted = norm(name)
    for p in result.places:
        if norm(p.name) == wanted or any(norm(m.text) == wanted for m in p.mentions):
            return p.id
    for p in result.places:  # "Sao Paulo" also finds "São Paulo" and names that contain it
        if wanted and (wanted in norm(p.name)) and p.kind in ("city", "landmark"):
            return p.id
    return None


def run(argv_article: str | None = None, *, published: str | None = None, click_pin: str | None = None,
        screenshot: str | None = None, quit_after: bool = False, size: tuple[int, int] = (1280, 800)) -> int:
    scripted = bool(click_pin or screenshot or quit_after)
    if scripted and not argv_article:
        print("mapper: error: scripted mode needs an ARTICLE", file=sys.stderr)
        return 2
    prepare_qt_environment()
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from .window import MainWindow

    app = cast(QApplication, QApplication.instance() or QApplication(sys.argv[:1]))
    app.setApplicationName("mapper")
    app.setOrganizationName("mapper")
    app.setDesktopFileName("mapper")
    from PySide6.QtGui import QIcon

    from ..core.paths import resources_dir
    app.setWindowIcon(QIcon(str(resources_dir() / "icons" / "mapper.svg")))
    window = MainWindow()
    window.quiet = scripted  # type: ignore[attr-defined]  # MainWindow reads it with getattr
    if scripted:
        window.resize(*size)
    window.show()
    status = {"code": 0}

    def fail(message: str) -> None:
        print(f"mapper: error: {message}", file=sys.stderr)
        status["code"] = 1
        app.quit()

    def finish() -> None:
        # let the map finish its fly-to and popup animation before the grab
        QTimer.singleShot(1200 if screenshot and click_pin else 0, grab_and_quit)

    def grab_and_quit() -> None:
        if screenshot:
            if not window.grab().save(screenshot):
                fail(f"could not save the screenshot to {screenshot}")
                return
        if quit_after:
            app.quit()

    def wait_ready(then, tries=[0]) -> None:  # noqa: B006 — a counter shared by the retries
        def check(ready) -> None:
            tries[0] += 1
            if ready:
                then()
            elif tries[0] > 300:
                fail("the map did not finish drawing in 30 s")
            else:
                QTimer.singleShot(100, lambda: window.map.page().runJavaScript("window.mapperReady === true", 0, check))
        window.map.page().runJavaScript("window.mapperReady === true", 0, check)

    def after_result() -> None:
        if not click_pin:
            wait_ready(finish)
            return
        assert window.session is not None  # a result is shown
        place_id = find_place_id(window.session.result, click_pin)
        if place_id is None:
            fail(f"no pin named {click_pin!r}")
            return

        def clicked(_tag) -> None:
            waited = [0]

            def poll() -> None:
                if window.article_view.highlighted_sentence is not None:
                    print(window.article_view.highlighted_text(), flush=True)
                    finish()
                elif waited[0] > 100:
                    fail(f"clicking {click_pin!r} highlighted no sentence")
                else:
                    waited[0] += 1
                    QTimer.singleShot(50, poll)
            poll()

        def click_at(value) -> None:
            try:
                point = json.loads(value) if isinstance(value, str) else None
            except ValueError:
                point = None
            if not point:
                fail(f"the pin {click_pin!r} is not on screen")
                return
            zoom = window.map.zoomFactor() or 1.0
            real_click(window.map.focusProxy() or window.map, point["x"] * zoom, point["y"] * zoom)
            clicked(None)

        def focus_then_click() -> None:
            page = window.map.page()
            # two frames after the view moved, the page knows where the pin is drawn
            page.runJavaScript(focus_marker_js(place_id), 0, lambda _ok: QTimer.singleShot(
                200, lambda: page.runJavaScript(screen_point_js(place_id), 0, click_at)))

        wait_ready(focus_then_click)

    if scripted:
        window.resultShown.connect(lambda: QTimer.singleShot(0, after_result))
    if argv_article:
        if not window.open_path(argv_article, published=published):
            if scripted:
                print(f"mapper: error: {window.last_error}", file=sys.stderr)
                return 1
    if scripted:
        window.errorShown.connect(fail)
        QTimer.singleShot(120_000, lambda: fail("timed out after 120 s"))
    app.exec()
    return status["code"]
