"""Headless PNG and PDF of a map through QtWebEngine. The only module in mapper.render that
imports Qt, and only when used (call `prepare_environment()` before anything creates the
QApplication).

The page is loaded from a FILE (setHtml() turns it into a data: URL and fails past 2 MB),
and we wait for loadFinished AND for map.js's `window.mapperReady` flag (set once the basemap
and every layer have drawn) before grabbing. Every request the page makes is recorded by a
QWebEngineUrlRequestInterceptor; `offline=True` blocks anything but file:, data: and qrc:.
"""
from __future__ import annotations

import os
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..core.errors import MapperError
from .exporters import atomic_write_bytes

DEFAULT_WIDTH = 1600
DEFAULT_HEIGHT = 1000
LOCAL_SCHEMES = frozenset({"file", "data", "qrc", "blob", "about"})


_NONE_RESERVE: list[None] = []


def _guard_none_refcount() -> None:
    """Work around PySide6/shiboken 6.12 on CPython 3.11: every call of a void Qt method drops
    one reference to None, and when None's count reaches zero the process aborts
    ("Fatal Python error: none_dealloc", seen here in a processEvents() loop). Rendering makes
    many such calls, so keep None's count far from zero with a reserve of references."""
    if sys.version_info < (3, 12) and sys.getrefcount(None) < 200_000:
        _NONE_RESERVE.extend([None] * 1_000_000)


class RenderError(MapperError, RuntimeError):
    """The headless browser could not render the map."""


def prepare_environment() -> None:
    """Headless defaults, only where the user has not chosen: the offscreen platform, and
    Chromium's --no-sandbox when running as root (it refuses to start otherwise)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    flags = os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", "")
    if hasattr(os, "geteuid") and os.geteuid() == 0 and "--no-sandbox" not in flags:
        os.environ["QTWEBENGINE_CHROMIUM_FLAGS"] = (flags + " --no-sandbox").strip()
    os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1" if hasattr(os, "geteuid") and os.geteuid() == 0 else "0")


def application():
    """The running QApplication, or a new one (QtWebEngine must be imported first)."""
    prepare_environment()
    from PySide6 import QtWebEngineWidgets  # noqa: F401 - must precede the QApplication
    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtWidgets import QApplication
    app = QApplication.instance()
    if app is None:
        QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
        app = QApplication(sys.argv[:1] or ["mapper"])
    return app


@dataclass
class PageLog:
    requests: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    console: list[tuple[int, str, int, str]] = field(default_factory=list)  # level, message, line, source
    alerts: list[str] = field(default_factory=list)

    def remote_requests(self) -> list[str]:
        return [u for u in self.requests if u.split(":", 1)[0].lower() not in LOCAL_SCHEMES]

    def errors(self) -> list[str]:
        return [m for level, m, _, _ in self.console if level >= 2]


def _classes():
    """Qt subclasses, defined on first use so importing this module needs no Qt."""
    from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineUrlRequestInterceptor

    class Interceptor(QWebEngineUrlRequestInterceptor):
        def __init__(self, log: PageLog, offline: bool) -> None:
            super().__init__()
            self.log, self.offline = log, offline

        def interceptRequest(self, info) -> None:  # noqa: N802 - Qt name
            url = info.requestUrl().toString()
            self.log.requests.append(url)
            if self.offline and info.requestUrl().scheme().lower() not in LOCAL_SCHEMES:
                self.log.blocked.append(url)
                info.block(True)

    class Page(QWebEnginePage):
        def __init__(self, profile, log: PageLog, parent=None) -> None:
            super().__init__(profile, parent)
            self.log = log

        def javaScriptConsoleMessage(self, level, message, line, source):  # noqa: N802
            level = int(level.value) if hasattr(level, "value") else int(level)
            self.log.console.append((level, message, line, source))

        def javaScriptAlert(self, origin, message):  # noqa: N802
            self.log.alerts.append(message)

        def javaScriptConfirm(self, origin, message):  # noqa: N802
            self.log.alerts.append(message)
            return False

        def javaScriptPrompt(self, origin, message, default):  # noqa: N802
            self.log.alerts.append(message)
            return False, ""

    return Interceptor, Page


class HeadlessMap:
    """One offscreen browser view showing one map file.

        with HeadlessMap(width=1600, height=1000) as view:
            view.load("map.html")
            view.run_js("mapperMap.countMarkers()")
            view.save_png("map.png"); view.save_pdf("map.pdf")
            view.log.remote_requests()  # -> []
    """

    def __init__(self, *, width: int = DEFAULT_WIDTH, height: int = DEFAULT_HEIGHT, scale: float = 1.0,
                 offline: bool = True, timeout: float = 30.0) -> None:
        if width < 200 or height < 150 or not (0.5 <= scale <= 4):
            raise RenderError("the size must be at least 200x150 and the scale between 0.5 and 4")
        self.width, self.height, self.scale, self.timeout = int(width), int(height), float(scale), timeout
        self.log = PageLog()
        _guard_none_refcount()
        self.app = application()
        from PySide6.QtWebEngineCore import QWebEngineProfile, QWebEngineSettings
        from PySide6.QtWebEngineWidgets import QWebEngineView
        Interceptor, Page = _classes()  # noqa: N806 - two classes
        # An off-the-record profile: no cache or cookies on disk, nothing shared with the app.
        self.profile = QWebEngineProfile()
        self.interceptor = Interceptor(self.log, offline)
        self.profile.setUrlRequestInterceptor(self.interceptor)
        self.view = QWebEngineView()
        self.page = Page(self.profile, self.log, self.view)
        self.view.setPage(self.page)
        s = self.page.settings()
        # Let remote requests reach the interceptor (which records them, and blocks them when
        # offline) rather than have Chromium drop them unseen: the no-request test must see all.
        s.setAttribute(QWebEngineSettings.WebAttribute.LocalContentCanAccessRemoteUrls, True)
        s.setAttribute(QWebEngineSettings.WebAttribute.ShowScrollBars, False)
        self.view.resize(round(self.width * self.scale), round(self.height * self.scale))
        self.page.setZoomFactor(self.scale)  # CSS size stays width x height; pixels scale
        self.view.show()
        self.load_seconds = 0.0

    # -- waiting: a local event loop that a timer checks every few ms (see _guard_none_refcount
    #    for the PySide6 6.12 crash a bare processEvents() loop ran into)
    def _wait(self, done, what: str, timeout: float | None = None) -> None:
        from PySide6.QtCore import QEventLoop, QTimer
        if done():
            return
        deadline = time.monotonic() + (timeout or self.timeout)
        loop = QEventLoop()
        timer = QTimer()
        timer.setInterval(5)
        timed_out = []

        def check() -> None:
            _guard_none_refcount()
            if done():
                loop.quit()
            elif time.monotonic() > deadline:
                timed_out.append(True)
                loop.quit()
        timer.timeout.connect(check)
        timer.start()
        loop.exec()
        timer.stop()
        if timed_out and not done():
            raise RenderError(f"timed out waiting for {what}")

    def run_js(self, script: str, timeout: float | None = None):
        box: list = []
        self.page.runJavaScript(script, 0, lambda value: box.append(value))
        self._wait(lambda: bool(box), "JavaScript", timeout)
        return box[0]

    def eval_js(self, expression: str, timeout: float | None = None):
        """The value of a JS expression, through JSON (arrays and objects come back whole)."""
        import json
        raw = self.run_js(f"JSON.stringify(({expression}))", timeout)
        return None if raw in (None, "") else json.loads(raw)

    def load(self, path: str | os.PathLike[str], *, ready: str = "window.mapperReady === true",
             fit: bool | None = None) -> float:
        """Load a map file; returns seconds until loaded and drawn (`ready` turns true).

        fit: fit the view to the places once more at the final size. None: only when the page
        has no view of its own (options.view); False for pages that are not maps."""
        from PySide6.QtCore import QUrl
        started = time.perf_counter()
        state: list[bool] = []
        self.page.loadFinished.connect(lambda ok: state.append(ok))
        self.view.load(QUrl.fromLocalFile(str(Path(path).resolve())))
        self._wait(lambda: bool(state), "the page to load")
        if not state[0]:
            raise RenderError(f"the map page failed to load: {path}")
        flag: list = []

        def poll() -> bool:
            if not flag or flag[-1] is not None:
                if flag and flag[-1] is True:
                    return True
                flag.append(None)
                self.page.runJavaScript(ready, 0,
                                        lambda v: flag.__setitem__(len(flag) - 1, bool(v)))
            return False
        try:
            self._wait(poll, "the map to draw")
        except RenderError:
            errors = "; ".join(self.log.errors()[:3])
            raise RenderError("the map did not finish drawing" + (f" ({errors})" if errors else "")) from None
        self.load_seconds = time.perf_counter() - started
        # The final size is known now: fit once more (map.js also refits on resize), unless the
        # page was given a view to start at.
        if fit is None:
            self.run_js("(function (M) { if (M && M.fit && !(M.data && M.data.options && M.data.options.view))"
                        " M.fit(); })(window.mapperMap); true")
        elif fit:
            self.run_js("window.mapperMap && window.mapperMap.fit && window.mapperMap.fit(); true")
        self.settle()
        return self.load_seconds

    def sleep(self, seconds: float) -> None:
        from PySide6.QtCore import QTimer
        waited: list = []
        QTimer.singleShot(int(seconds * 1000), lambda: waited.append(1))
        self._wait(lambda: bool(waited), "a pause")

    _TILES_DONE = ("(function () { var m = window.map_mapper, done = true; if (!m || !window.L) return true;"
                   " m.eachLayer(function (l) { if (l instanceof L.GridLayer && l._noTilesToLoad"
                   " && !l._noTilesToLoad()) done = false; }); return done; })()")

    def settle(self, tiles_timeout: float = 10.0) -> None:
        """The tile layers' tiles in view (the offline basemap's, web tiles') have loaded or
        failed, then two animation frames and a short pause: the compositor has the final frame."""
        try:
            self._wait(lambda: self.run_js(self._TILES_DONE) is True, "the map tiles", tiles_timeout)
        except RenderError:
            pass  # web tiles still coming: wait_for_tiles() reports that
        self.run_js("window.__mapperSettled = false; requestAnimationFrame(function () {"
                    " requestAnimationFrame(function () { window.__mapperSettled = true; }); }); true")
        self._wait(lambda: self.run_js("window.__mapperSettled === true") is True, "a frame")
        self.sleep(0.1)

    @staticmethod
    def _blank(image) -> bool:
        w, h = image.width(), image.height()
        colours = {image.pixel(int(w * x / 8), int(h * y / 8)) for x in range(1, 8) for y in range(1, 8)}
        return len(colours) <= 1

    def grab_image(self):
        """The view as an image, after the map has drawn. An all-one-colour grab means the
        compositor had no frame yet: wait and grab again."""
        image = self.view.grab().toImage()
        for _ in range(20):
            if not self._blank(image):
                return image
            self.sleep(0.25)
            image = self.view.grab().toImage()
        raise RenderError("the map view stayed blank")

    def wait_for_tiles(self, timeout: float = 15.0) -> bool:
        """Wait until every web tile in view has loaded or failed (map.js is ready before the
        tiles arrive); False if some are still coming after `timeout` seconds."""
        check = ("(function () { var m = window.map_mapper, done = true; if (!m) return true;"
                 " m.eachLayer(function (l) { if (l instanceof L.GridLayer && l._noTilesToLoad"
                 " && !l._noTilesToLoad()) done = false; }); return done; })()")
        try:
            self._wait(lambda: self.run_js(check) is True, "the map tiles", timeout)
        except RenderError:
            return False
        self.settle()
        return True

    def control_rects(self) -> list[list[float]]:
        """[left, top, width, height] (CSS px) of every map control drawn now (zoom buttons,
        layer control, legend, title, scale bar, attribution)."""
        return self.eval_js(
            "Array.prototype.map.call(document.querySelectorAll('.leaflet-control'), function (c) {"
            " var r = c.getBoundingClientRect(), s = getComputedStyle(c);"
            " return r.width && r.height && s.display !== 'none' && s.visibility !== 'hidden'"
            " ? [r.left, r.top, r.width, r.height] : null; }).filter(Boolean)") or []

    def get_state(self) -> dict:
        """The page's window.mapperMap.getState(): center, zoom, size, hidden, dateRange, base,
        overlaysOff (what an export needs to draw the same view)."""
        state = self.eval_js("window.mapperMap && window.mapperMap.getState ? window.mapperMap.getState() : null")
        if not isinstance(state, dict):
            raise RenderError("the map page has no getState()")
        return state

    def png_bytes(self) -> bytes:
        from PySide6.QtCore import QBuffer, QByteArray, QIODevice
        image = self.grab_image()
        if image.isNull():
            raise RenderError("the map view gave an empty image")
        data = QByteArray()
        buf = QBuffer(data)
        buf.open(QIODevice.OpenModeFlag.WriteOnly)
        if not image.save(buf, "PNG"):
            raise RenderError("could not encode the PNG")
        buf.close()
        return bytes(data.data())

    def save_png(self, out: str | os.PathLike[str]) -> None:
        atomic_write_bytes(out, self.png_bytes())

    def print_pdf(self, layout) -> bytes:
        """The page printed to PDF with a QPageLayout."""
        box: list = []
        self.page.printToPdf(lambda data: box.append(bytes(data.data())), layout)
        self._wait(lambda: bool(box), "the PDF", max(self.timeout, 60.0))
        if not box[0]:
            raise RenderError("printing to PDF failed")
        return box[0]

    def pdf_bytes(self) -> bytes:
        from PySide6.QtCore import QMarginsF, QSizeF
        from PySide6.QtGui import QPageLayout, QPageSize
        # One page the size of the view (CSS px -> points at 96 dpi), no margins.
        size = QPageSize(QSizeF(self.width * 0.75, self.height * 0.75), QPageSize.Unit.Point, "map")
        layout = QPageLayout(size, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0))
        return self.print_pdf(layout)

    def save_pdf(self, out: str | os.PathLike[str]) -> None:
        atomic_write_bytes(out, self.pdf_bytes())

    def close(self) -> None:
        import shiboken6
        self.view.close()
        # The page must go before its profile, or Qt warns "Release of profile requested but
        # WebEnginePage still not deleted".
        for obj in (self.page, self.view):
            if shiboken6.isValid(obj):
                shiboken6.delete(obj)
        self.profile.setUrlRequestInterceptor(None)  # type: ignore[arg-type]  # None removes it
        shiboken6.delete(self.profile)

    def __enter__(self) -> HeadlessMap:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def render_files(html: str, *, png: str | None = None, pdf: str | None = None, width: int = DEFAULT_WIDTH,
                 height: int = DEFAULT_HEIGHT, scale: float = 1.0, offline: bool = True,
                 html_path: str | None = None) -> PageLog:
    """Render map HTML to PNG and/or PDF. `html_path`: an already written copy to load."""
    tmpdir = None
    try:
        if html_path is None:
            tmpdir = tempfile.TemporaryDirectory(prefix="mapper-render-")
            html_path = os.path.join(tmpdir.name, "map.html")
            with open(html_path, "w", encoding="utf-8") as f:
                f.write(html)
        with HeadlessMap(width=width, height=height, scale=scale, offline=offline) as view:
            view.load(html_path)
            if png:
                view.save_png(png)
            if pdf:
                view.save_pdf(pdf)
            return view.log
    finally:
        if tmpdir is not None:
            tmpdir.cleanup()


# ---------------------------------------------------------------- what you see is what you get

@dataclass
class ViewExport:
    """What render_view made: the PNG and/or PDF bytes, the page log, the rendered page's own
    getState() (to check it matches the state asked for) and where its controls are
    ([left, top, width, height] in CSS px: the legend, the scale bar, the attribution)."""
    png: bytes | None
    pdf: bytes | None
    log: PageLog
    state: dict | None
    controls: list = field(default_factory=list)


def render_view(result, *, state: dict | None = None, view=None, png: str | os.PathLike[str] | None = None,
                pdf: str | os.PathLike[str] | None = None, scale: float = 2.0, tiles: str | None = None,
                offline: bool | None = None, width: int | None = None, height: int | None = None,
                export: bool = True) -> ViewExport:
    """The map as the user sees it, for an image or a one-page PDF.

    state: the live page's window.mapperMap.getState() ({center, zoom, size, hidden, dateRange,
    base, overlaysOff}); the export is drawn at its size (CSS px) and view, with its hidden
    layers, date range, base layer and overlays. None: the default fitted view at width x
    height (default 1600x1000). export: the page in export mode (no zoom buttons, layer
    control or interactive legend; a compact legend of the visible kinds). scale: device
    pixels per CSS px of the PNG (2: crisp; 1: the same pixels as the screen). offline:
    default is offline unless web tiles are asked for. png/pdf: paths to write (atomic); the
    bytes are returned either way (PNG always, PDF only when a path is given). view: (lat, lon,
    zoom), e.g. from mapbuild.parse_view (the CLI's --view); it overrides the state's view."""
    from .mapbuild import check_view, render_html, state_options, state_size
    if view is not None:
        lat, lon, zoom = check_view(view)
        state = {**(state or {}), "center": [lat, lon], "zoom": zoom}
    opts = state_options(state)
    size = state_size(state)
    if tiles is None:
        # the live map showed web tiles: the export shows them too (and goes online for them)
        from .mapbuild import web_tiles_for_base
        tiles = web_tiles_for_base(opts.get("base"))
    w, h = size if size else (width or DEFAULT_WIDTH, height or DEFAULT_HEIGHT)
    if w < 200 or h < 150:
        raise RenderError(f"the map is too small to export ({w}x{h} px; at least 200x150)")
    html = render_html(result, tiles=tiles, export=export, **opts)
    with tempfile.TemporaryDirectory(prefix="mapper-render-") as tmp:
        html_path = os.path.join(tmp, "map.html")
        with open(html_path, "w", encoding="utf-8") as f:
            f.write(html)
        with HeadlessMap(width=w, height=h, scale=scale, offline=tiles is None if offline is None else offline) as page:
            page.load(html_path)
            if "view" in opts:
                _ensure_view(page, opts["view"])
            # web tiles, and the offline basemap's tiles after a late change of view
            page.wait_for_tiles()
            png_data = page.png_bytes()
            pdf_data = page.pdf_bytes() if pdf else None
            try:
                rendered = page.get_state()
            except RenderError:
                rendered = None
            controls = page.control_rects()
            log = page.log
    if png:
        atomic_write_bytes(png, png_data)
    if pdf:
        assert pdf_data is not None  # made when pdf is given
        atomic_write_bytes(pdf, pdf_data)
    return ViewExport(png=png_data, pdf=pdf_data, log=log, state=rendered, controls=controls)


def _ensure_view(view: HeadlessMap, wanted) -> None:
    """The page starts at options.view (map.js); should it not be there (a resize refit, an
    older page), put it there: the export must show what the user saw."""
    lat, lon, zoom = wanted
    now = view.eval_js("(function (m) { var c = m.getCenter(); return [c.lat, c.lng, m.getZoom()]; })(map_mapper)")
    if now and abs(now[0] - lat) < 1e-6 and abs(now[1] - lon) < 1e-6 and abs(now[2] - zoom) < 1e-9:
        return
    view.run_js(f"map_mapper.setView([{lat!r}, {lon!r}], {zoom!r}, {{animate: false}}); true")
    view.settle()


def print_html_pdf(html: str, *, margins_mm: tuple[float, float, float, float] = (16, 14, 16, 14),
                   offline: bool = True, timeout: float = 60.0) -> bytes:
    """An HTML document printed to an A4 portrait PDF (margins: top, right, bottom, left in mm).
    Loaded from a file, offline (images must be data: URIs); the page's CSS does the rest
    (break-inside, repeated table headers)."""
    from PySide6.QtCore import QMarginsF
    from PySide6.QtGui import QPageLayout, QPageSize
    with tempfile.TemporaryDirectory(prefix="mapper-print-") as tmp:
        path = os.path.join(tmp, "report.html")
        with open(path, "w", encoding="utf-8") as f:
            f.write(html)
        with HeadlessMap(width=794, height=1123, offline=offline, timeout=timeout) as view:
            view.load(path, ready="document.readyState === 'complete' && Array.prototype.every.call("
                                  "document.images, function (i) { return i.complete; })", fit=False)
            top, right, bottom, left = margins_mm
            layout = QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                 QMarginsF(left, top, right, bottom), QPageLayout.Unit.Millimeter)
            return view.print_pdf(layout)
