"""The map web view in the real window is locked down: no navigation away, links open only on
a user's click, no file access, and the bridge drops every malformed message."""
from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtWebEngineCore import QWebEnginePage

from tests.gui.conftest import open_and_wait, run_js


@pytest.fixture
def opened(qtbot, make_window, monkeypatch):
    from PySide6.QtGui import QDesktopServices

    from mapper.gui.mapview import MapPage
    alerts: list[str] = []
    # an alert() must not open a modal dialog that blocks the test: record it instead
    monkeypatch.setattr(MapPage, "javaScriptAlert", lambda self, o, m: alerts.append(m), raising=False)
    window = make_window()
    window.alerts = alerts
    window.browser_opens = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: window.browser_opens.append(url.toString()) or True)
    open_and_wait(qtbot, window)
    return window


@pytest.mark.parametrize("target", ["https://example.com/", "file:///etc/passwd", "http://127.0.0.1:9/"])
def test_script_cannot_navigate_away(qtbot, opened, target):
    home = opened.map.page().home.toString()
    run_js(qtbot, opened, f"window.location = {json.dumps(target)}; true")
    qtbot.wait(500)
    assert opened.map.url().toString().split("#")[0] == home
    assert run_js(qtbot, opened, "window.mapperReady === true") is True  # the map is still there
    assert opened.alerts == []  # javascript: URLs do not run either
    if not target.startswith("http"):
        assert opened.browser_opens == []


def test_script_navigation_does_not_open_the_system_browser(qtbot, opened):
    run_js(qtbot, opened, "window.location = 'https://example.com/'; true")
    qtbot.wait(500)
    assert opened.browser_opens == []


def test_links_open_in_the_browser_only_on_a_user_click(qtbot, opened):
    page = opened.map.page()
    url = QUrl("https://example.com/article")
    nav = QWebEnginePage.NavigationType
    for kind in (nav.NavigationTypeTyped, nav.NavigationTypeRedirect, nav.NavigationTypeFormSubmitted,
                 nav.NavigationTypeOther, nav.NavigationTypeBackForward, nav.NavigationTypeReload):
        assert page.acceptNavigationRequest(url, kind, True) is False
    assert opened.browser_opens == []
    # a "link click" with no user input (a script's location = url) opens nothing
    assert page.acceptNavigationRequest(url, nav.NavigationTypeLinkClicked, True) is False
    assert opened.browser_opens == []
    # right after the user pressed the mouse in the map, a link opens in the browser, never in the view
    qtbot.mouseClick(opened.map.focusProxy(), Qt.MouseButton.LeftButton, pos=QPoint(400, 300))
    assert page.acceptNavigationRequest(url, nav.NavigationTypeLinkClicked, True) is False
    assert opened.browser_opens == ["https://example.com/article"]
    assert page.acceptNavigationRequest(QUrl("file:///etc/passwd"), nav.NavigationTypeLinkClicked, True) is False
    assert opened.browser_opens == ["https://example.com/article"]  # only http(s) links go to the browser
    assert page.createWindow(QWebEnginePage.WebWindowType.WebBrowserTab) is None


@pytest.mark.parametrize("url", ["file:///etc/passwd", "file:///etc/hostname", "https://example.com/"])
def test_page_cannot_read_files_or_the_network(qtbot, opened, url):
    run_js(qtbot, opened, "window.__r = null; fetch(%s).then(function (r) { return r.text(); })"
                          ".then(function (t) { window.__r = 'read ' + t.length; },"
                          " function (e) { window.__r = 'failed: ' + e; }); true" % json.dumps(url))
    qtbot.waitUntil(lambda: run_js(qtbot, opened, "window.__r") is not None, timeout=10_000)
    assert run_js(qtbot, opened, "window.__r").startswith("failed"), run_js(qtbot, opened, "window.__r")
    # and an <iframe>/XHR the old way
    run_js(qtbot, opened, "window.__x = null; var x = new XMLHttpRequest(); x.onload = function () {"
                          " window.__x = 'read'; }; x.onerror = function () { window.__x = 'failed'; };"
                          " try { x.open('GET', %s); x.send(); } catch (e) { window.__x = 'failed'; } true"
                          % json.dumps(url))
    qtbot.waitUntil(lambda: run_js(qtbot, opened, "window.__x") is not None, timeout=10_000)
    assert run_js(qtbot, opened, "window.__x") == "failed"


def test_bridge_ignores_malformed_messages_from_the_page(qtbot, opened):
    bridge = opened.map.bridge
    clicked, moved = [], []
    bridge.placeClicked.connect(clicked.append)
    bridge.pinMoved.connect(lambda *a: moved.append(a))
    before = bridge.rejected
    pid = sorted(bridge.known_ids)[0]
    # raw QWebChannel calls, bypassing the page's own wrapper (which coerces types)
    run_js(qtbot, opened, """
      new QWebChannel(qt.webChannelTransport, function (ch) {
        var b = ch.objects.bridge;
        b.clicked(123); b.clicked('zz9999'); b.clicked('p1<script>'); b.clicked(null);
        b.clicked('x'.repeat(1000000)); b.clicked({id: 'p1'}); b.clicked('../../etc');
        b.moved(%(pid)s, 999, 0); b.moved(%(pid)s, 0, -181); b.moved('nope1', 1, 1);
        window.__sent = true;
      }); true""" % {"pid": json.dumps(pid)})
    qtbot.waitUntil(lambda: run_js(qtbot, opened, "window.__sent === true"), timeout=10_000)
    qtbot.wait(1000)  # the channel delivers asynchronously
    # QWebChannel may drop a call whose arguments it cannot convert before the slot sees it
    # (also a rejection); every one that arrived was counted
    assert bridge.rejected - before >= 8, bridge.rejected - before
    assert clicked == [] and moved == []
    assert opened.session.result.places
    # a well-formed message still works
    run_js(qtbot, opened, "window.mapperBridge.pinClicked(%s); true" % json.dumps(pid))
    qtbot.waitUntil(lambda: clicked == [pid], timeout=5_000)


def test_bridge_rejects_bad_python_side_calls(opened):
    bridge = opened.map.bridge
    before = bridge.rejected
    pid = sorted(bridge.known_ids)[0]
    got = []
    bridge.placeClicked.connect(got.append)
    bridge.pinMoved.connect(lambda *a: got.append(a))
    for bad in (123, "zz9999", "p" + "1" * 100_000, None, pid + "\n"):
        bridge.clicked(bad)
    # coordinates travel as text (so the page's NaN cannot turn into 0.0): unreadable text is bad too
    for args in ((pid, 999, 0), (pid, float("nan"), 0), ("nope1", 1, 1), (pid, "north", "2")):
        bridge.moved(*args)
    assert bridge.rejected - before == 9 and got == []


def test_bridge_rejects_non_finite_coordinates_from_the_page(qtbot, opened):
    bridge = opened.map.bridge
    moved = []
    bridge.pinMoved.connect(lambda *a: moved.append(a))
    pid = next(p.id for p in opened.session.result.places)
    run_js(qtbot, opened, "new QWebChannel(qt.webChannelTransport, function (ch) {"
                          " ch.objects.bridge.moved(%s, NaN, Infinity); window.__nan = true; }); true" % json.dumps(pid))
    qtbot.waitUntil(lambda: run_js(qtbot, opened, "window.__nan === true"), timeout=10_000)
    qtbot.wait(1000)
    assert moved == []
