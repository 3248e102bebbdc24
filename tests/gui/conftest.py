"""Helpers for the desktop-window tests: the real MainWindow, offscreen, with the real
QtWebEngine page and the real gazetteer. Only the network is replaced (a geocoder that is
always unavailable)."""
from __future__ import annotations

import json
import math
import os

import pytest

from mapper.gui.qtenv import prepare_qt_environment

# Before pytest-qt creates the QApplication: Chromium flags (--no-sandbox as root) and offscreen.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
prepare_qt_environment()

from tests.conftest import SAMPLE  # noqa: E402

LOAD_TIMEOUT = 60_000


def pytest_configure(config):
    prepare_qt_environment()  # idempotent; keeps the flags even if this file loads late


class FakeGeocoder:
    """A geopy-like geocoder whose service is always down."""

    def __init__(self):
        self.calls: list[str] = []

    def geocode(self, query, **kwargs):
        from geopy.exc import GeocoderUnavailable
        self.calls.append(query)
        raise GeocoderUnavailable("Service not available (fake: no network in tests)")


def km_between(lat1, lon1, lat2, lon2) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(a))


def run_js(qtbot, window, script: str, timeout: int = 10_000):
    """Run JavaScript in the map page and return its (JSON-able) value."""
    box: dict = {}
    window.map.page().runJavaScript(script, 0, lambda value: box.setdefault("v", value))
    qtbot.waitUntil(lambda: "v" in box, timeout=timeout)
    return box["v"]


def wait_map_ready(qtbot, window, timeout: int = LOAD_TIMEOUT) -> None:
    state = {"ready": False, "pending": False}

    def poll() -> bool:
        if state["ready"]:
            return True
        if not state["pending"]:
            state["pending"] = True

            def got(value):
                state["pending"] = False
                state["ready"] = value is True
            window.map.page().runJavaScript("window.mapperReady === true", 0, got)
        return False

    qtbot.waitUntil(poll, timeout=timeout)


def map_center(qtbot, window) -> tuple[float, float]:
    value = run_js(qtbot, window, "(function(){var c = window.mapperMap.map.getCenter();"
                                  " return JSON.stringify([c.lat, c.lng]);})()")
    lat, lon = json.loads(value)
    return lat, lon


def open_and_wait(qtbot, window, path=SAMPLE) -> None:
    with qtbot.waitSignal(window.resultShown, timeout=LOAD_TIMEOUT):
        assert window.open_path(str(path))
    wait_map_ready(qtbot, window)


@pytest.fixture
def gui_pipeline(gazetteer):
    """A pipeline over the shared real gazetteer, new per test: the window sets its user
    gazetteer and online geocoder on it, which must not leak into other tests."""
    from mapper.core.pipeline import Pipeline
    return Pipeline(gazetteer)


@pytest.fixture
def make_window(qtbot, gui_pipeline):
    """Build real MainWindows (offscreen, shown, quiet) that use the test pipeline and a
    geocoder that always fails; every window is closed at the end of the test."""
    from mapper.gui.window import MainWindow
    made = []

    def make(*, geocoder=None, quiet=True, size=(1280, 800)):
        window = MainWindow(pipeline_factory=lambda: gui_pipeline,
                            online_geocoder=geocoder if geocoder is not None else FakeGeocoder())
        window.quiet = quiet
        # not qtbot.addWidget: the teardown below must delete the page before the window
        window.resize(*size)
        window.show()
        qtbot.waitExposed(window)
        made.append(window)
        return window

    yield make
    import shiboken6
    for window in made:
        if not shiboken6.isValid(window):
            continue
        if window.is_running():
            window.cancel_run()
            qtbot.waitUntil(lambda: not window.is_running(), timeout=60_000)  # noqa: B023 - waited on at once
        window.close()
        # MapView parents its QWebEngineProfile before its page, so Qt would delete the
        # profile first ("Release of profile requested but WebEnginePage still not deleted")
        # and the test process would crash at exit. Delete the page first.
        window.map.page().deleteLater()
        qtbot.wait(50)
        window.deleteLater()
        qtbot.wait(50)


@pytest.fixture
def window(make_window):
    return make_window()


@pytest.fixture
def loaded(qtbot, window):
    """The window with the sample article shown and the map drawn."""
    open_and_wait(qtbot, window)
    return window
