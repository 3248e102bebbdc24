"""The map pane: a locked-down QWebEngineView showing the folium map from a file, linked to
Python through QWebChannel.

Lock-down: only file:, data:, qrc: and blob: requests pass (web tiles only when the user
turned them on); no navigation away from the map (a clicked link opens in the system
browser); no new windows; the bridge accepts only known ids.
"""
from __future__ import annotations

import json
import math
import os
import re
import tempfile
import time
from pathlib import Path
from typing import Any, cast

from PySide6.QtCore import QEvent, QFile, QIODevice, QObject, QPoint, Qt, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWebChannel import QWebChannel
from PySide6.QtWebEngineCore import (
    QWebEnginePage,
    QWebEngineProfile,
    QWebEngineScript,
    QWebEngineSettings,
    QWebEngineUrlRequestInterceptor,
)
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QMenu, QWidget

_ID = re.compile(r"^[a-z]{1,3}\d{1,7}$")
LOCAL_SCHEMES = {"file", "data", "qrc", "blob", "about"}
USER_GESTURE_SECONDS = 1.0


class RequestGuard(QWebEngineUrlRequestInterceptor):
    """Blocks every request that is not local, and remembers what it saw."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.allow_remote = False
        # file: URLs the page may load: its own file and the offline basemap archive (read in
        # byte ranges by the page); any other file: request is blocked
        self.readable_files: set[str] = set()
        self.seen: list[str] = []
        self.blocked: list[str] = []

    def interceptRequest(self, info) -> None:  # noqa: N802
        url = info.requestUrl()
        self.seen.append(url.toString())
        if url.scheme() not in LOCAL_SCHEMES and not (self.allow_remote and url.scheme() == "https"):
            self.blocked.append(url.toString())
            info.block(True)
        elif url.scheme() == "file" and os.path.realpath(url.toLocalFile()) not in self.readable_files:
            self.blocked.append(url.toString())
            info.block(True)


def _coordinates(lat, lon) -> tuple[float, float] | None:
    try:
        la, lo = float(str(lat)[:40]), float(str(lon)[:40])
    except ValueError:
        return None
    if not (math.isfinite(la) and math.isfinite(lo) and -90 <= la <= 90 and -180 <= lo <= 180):
        return None
    return la, lo


class Bridge(QObject):
    """The object JavaScript sees as `bridge`. Only well-formed, known ids get through."""
    placeClicked = Signal(str)
    pinMoved = Signal(str, float, float)
    sentenceClicked = Signal(int)
    contextRequested = Signal(float, float, float, float)  # lat, lon, page x, page y

    #: set by the view for each map: how many sentences the article has
    sentence_count = 0

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.known_ids: set[str] = set()
        self.rejected = 0

    @Slot(str)
    def clicked(self, item_id) -> None:
        if isinstance(item_id, str) and _ID.match(item_id) and item_id in self.known_ids:
            self.placeClicked.emit(item_id)
        else:
            self.rejected += 1

    @Slot(str)
    def sentence(self, sentence_id) -> None:
        """A sentence listed in a popup was clicked."""
        text = str(sentence_id)[:12]
        if text.isdigit() and int(text) < self.sentence_count:
            self.sentenceClicked.emit(int(text))
        else:
            self.rejected += 1

    @Slot(str, str, str, str)
    def context(self, lat, lon, x, y) -> None:
        """A right click on the map (the page keeps the browser's own menu away)."""
        position = _coordinates(lat, lon)
        try:
            px, py = float(str(x)[:20]), float(str(y)[:20])
        except ValueError:
            position = None
        if position and math.isfinite(px) and math.isfinite(py):
            self.contextRequested.emit(position[0], position[1], px, py)
        else:
            self.rejected += 1

    @Slot(str, str, str)
    def moved(self, item_id, lat, lon) -> None:
        """A pin dragged to a new position (a correction). Coordinates come as text: JSON
        numbers would turn the page's NaN or Infinity into 0.0 before we could see them."""
        position = _coordinates(lat, lon)
        if isinstance(item_id, str) and _ID.match(item_id) and item_id in self.known_ids and position:
            self.pinMoved.emit(item_id, *position)
        else:
            self.rejected += 1


class MapPage(QWebEnginePage):
    def __init__(self, profile, parent=None) -> None:
        super().__init__(profile, parent)
        self.home: QUrl | None = None
        self.console: list[str] = []
        self.last_user_input = float("-inf")  # monotonic time of the user's last press in the view

    def acceptNavigationRequest(self, url: QUrl, nav_type, is_main_frame: bool) -> bool:  # type: ignore[override]  # noqa: N802
        if self.home is not None and url.toString().split("#")[0] == self.home.toString():
            return True
        # QtWebEngine also reports a script's `location = url` as a link click, so a link opens
        # in the system browser only right after the user pressed a mouse button or a key here
        user_acted = time.monotonic() - self.last_user_input < USER_GESTURE_SECONDS
        if (nav_type == QWebEnginePage.NavigationType.NavigationTypeLinkClicked and url.scheme() in ("http", "https")
                and user_acted):
            QDesktopServices.openUrl(url)
        return False

    def createWindow(self, _type):  # noqa: N802 — popups and target=_blank go nowhere
        return None

    def javaScriptConsoleMessage(self, level, message, line, source) -> None:  # noqa: N802
        self.console.append(f"{source}:{line}: {message}")


def _webchannel_js() -> str:
    f = QFile(":/qtwebchannel/qwebchannel.js")
    if not f.open(QIODevice.OpenModeFlag.ReadOnly):
        return ""
    try:
        return bytes(f.readAll()).decode("utf-8")  # type: ignore[call-overload]  # QByteArray is a buffer
    finally:
        f.close()


_BRIDGE_JS = """
(function () {
  if (typeof QWebChannel === 'undefined' || !window.qt || !qt.webChannelTransport) return;
  new QWebChannel(qt.webChannelTransport, function (channel) {
    var b = channel.objects.bridge;
    var send = function (id) { b.clicked(String(id)); };
    window.mapperBridge = {
      featureClicked: send, pinClicked: send,
      sentenceClicked: function (sid) { b.sentence(String(sid)); },
      contextMenu: function (lat, lon, x, y) { b.context(String(lat), String(lon), String(x), String(y)); },
      pinMoved: function (id, lat, lon) { b.moved(String(id), String(lat), String(lon)); }
    };
  });
})();
"""


class MapView(QWebEngineView):
    placeClicked = Signal(str)
    pinMoved = Signal(str, float, float)
    sentenceClicked = Signal(int)
    mapReady = Signal()
    #: "What's here?" from the context menu: lat, lon and the ids of the features under the pointer
    whatsHere = Signal(float, float, list)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.profile = QWebEngineProfile(self)  # off the record: no disk cache, no cookies
        self.guard = RequestGuard(self)
        self.profile.setUrlRequestInterceptor(self.guard)
        page = MapPage(self.profile, self)
        self.setPage(page)
        s = page.settings()
        s.setAttribute(QWebEngineSettings.WebAttribute.LocalContentCanAccessRemoteUrls, False)
        # file: reads are allowed by Chromium and filtered by the guard (only the page itself and
        # the basemap archive: RequestGuard.readable_files)
        s.setAttribute(QWebEngineSettings.WebAttribute.LocalContentCanAccessFileUrls, True)
        s.setAttribute(QWebEngineSettings.WebAttribute.JavascriptCanOpenWindows, False)
        s.setAttribute(QWebEngineSettings.WebAttribute.PluginsEnabled, False)
        self.bridge = Bridge(self)
        self.bridge.placeClicked.connect(self.placeClicked)
        self.bridge.pinMoved.connect(self.pinMoved)
        self.bridge.sentenceClicked.connect(self.sentenceClicked)
        self.bridge.contextRequested.connect(self._page_context_menu)
        # our own menu instead of Chromium's (Back, Reload, View page source)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._context_menu)
        self.last_menu: QMenu | None = None
        self.channel = QWebChannel(self)
        self.channel.registerObject("bridge", self.bridge)
        page.setWebChannel(self.channel)
        script = QWebEngineScript()
        script.setName("mapper-bridge")
        script.setSourceCode(_webchannel_js() + _BRIDGE_JS)
        script.setInjectionPoint(QWebEngineScript.InjectionPoint.DocumentCreation)
        script.setWorldId(QWebEngineScript.ScriptWorldId.MainWorld)
        page.scripts().insert(script)
        self._dir = tempfile.TemporaryDirectory(prefix="mapper-map-")
        self.map_file = Path(self._dir.name) / "map.html"
        self.loaded = False
        self.loadFinished.connect(self._on_loaded)

    def show_html(self, html: str, known_ids: set[str], *, allow_remote: bool = False,
                  sentence_count: int = 0) -> None:
        """Write the map next to nothing else and load it from the file (setHtml fails > 2 MB)."""
        self.bridge.known_ids = set(known_ids)
        self.bridge.sentence_count = sentence_count
        self.guard.allow_remote = allow_remote
        from ..render.basemap import archive_path
        self.guard.readable_files = {os.path.realpath(self.map_file), os.path.realpath(archive_path())}
        tmp = self.map_file.with_suffix(".tmp")
        tmp.write_text(html, encoding="utf-8")
        tmp.replace(self.map_file)
        url = QUrl.fromLocalFile(str(self.map_file))
        cast(MapPage, self.page()).home = url
        self.loaded = False
        self.load(url)

    # The page's input arrives at a child widget (the render host): watch it for user gestures.
    def childEvent(self, event) -> None:  # noqa: N802
        super().childEvent(event)
        child = event.child()
        if event.added() and isinstance(child, QWidget):
            child.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        if event.type() in (QEvent.Type.MouseButtonPress, QEvent.Type.KeyPress):
            cast(MapPage, self.page()).last_user_input = time.monotonic()
        return super().eventFilter(watched, event)

    def dispose(self) -> None:
        """Delete the page before its profile (Qt aborts or warns otherwise)."""
        import shiboken6
        page = self.page()
        if page is not None and shiboken6.isValid(page):
            self.profile.setUrlRequestInterceptor(None)  # type: ignore[arg-type]  # None removes it
            shiboken6.delete(page)
        if shiboken6.isValid(self.profile):
            shiboken6.delete(self.profile)

    def _on_loaded(self, ok: bool) -> None:
        self.loaded = ok
        if ok:
            self.mapReady.emit()

    def call(self, function: str, *args, callback=None) -> None:
        """Call window.mapperMap.<function>(args...) with JSON-encoded arguments."""
        payload = ", ".join(json.dumps(a).replace("</", "<\\/") for a in args)
        js = f"window.mapperMap && window.mapperMap.{function}({payload})"
        if callback is None:
            self.page().runJavaScript(js)
        else:
            self.page().runJavaScript(js, 0, callback)

    def fly_to(self, item_id: str) -> None:
        self.call("flyTo", item_id)

    # ---- the context menu -------------------------------------------------------------
    def _context_menu(self, pos: QPoint) -> None:
        """Ask the page what is under the pointer, then show the app's menu there."""
        zoom = self.zoomFactor() or 1.0
        x, y = pos.x() / zoom, pos.y() / zoom
        js = (f"(function(){{var M = window.mapperMap; if (!M || !M.map) return null;"
              f" var ll = M.latLngAt ? M.latLngAt({x}, {y}) : null;"
              f" if (!ll) {{ var p = M.map.containerPointToLatLng([{x}, {y}]).wrap(); ll = [p.lat, p.lng]; }}"
              f" return JSON.stringify({{ll: ll, ids: M.featuresAt ? M.featuresAt({x}, {y}) : []}});}})()")
        global_pos = self.mapToGlobal(pos)
        self.page().runJavaScript(js, 0, lambda value: self._show_menu(value, global_pos))

    def _page_context_menu(self, lat: float, lon: float, x: float, y: float) -> None:
        """The page reported a right click at page point (x, y): the same menu, there."""
        zoom = self.zoomFactor() or 1.0
        pos = QPoint(round(x * zoom), round(y * zoom))
        self._context_menu(pos)

    def _show_menu(self, value, global_pos) -> None:
        try:
            info: Any = json.loads(value) if isinstance(value, str) else None  # None: TypeError below
            lat, lon = float(info["ll"][0]), float(info["ll"][1])
            ids = [str(i) for i in info.get("ids") or [] if _ID.match(str(i)) and str(i) in self.bridge.known_ids]
        except (TypeError, ValueError, KeyError, IndexError):
            return  # no map on the page yet
        menu = QMenu(self)
        text = f"{lat:.5f}, {lon:.5f}"
        menu.addAction(f"Copy coordinates ({text})", lambda: QGuiApplication.clipboard().setText(text))
        menu.addAction("Centre the map here", lambda: self.call("centerOn", lat, lon))
        menu.addAction("What's here?", lambda: self.whatsHere.emit(lat, lon, ids))
        self.last_menu = menu
        menu.popup(global_pos)
