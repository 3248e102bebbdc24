"""Reliability and security tests (issue 6): hostile articles, broken files, dead networks.

* A real HTTP server on 127.0.0.1 (http.server in a thread) plays Nominatim, with faults.
* The desktop-window fixtures are the ones tests/gui uses (the real MainWindow, offscreen).
* Hypothesis budgets: a short one in the normal run; HYPOTHESIS_PROFILE=fuzz (`make fuzz`)
  runs a long one.
"""
from __future__ import annotations

import json
import os
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from hypothesis import HealthCheck, settings

from mapper.gui.qtenv import prepare_qt_environment

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
prepare_qt_environment()
try:  # QtWebEngine must be loaded before pytest-qt makes the QApplication
    from PySide6 import QtWebEngineWidgets  # noqa: F401
    from PySide6.QtCore import QCoreApplication, Qt
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
except ImportError:  # pragma: no cover
    pass

# The window fixtures of tests/gui, shared (not copied).
from tests.gui.conftest import gui_pipeline, make_window, window  # noqa: E402,F401

settings.register_profile("reliability", max_examples=50, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
settings.register_profile("fuzz", max_examples=2000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
FUZZ_PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "reliability")
if FUZZ_PROFILE not in ("reliability", "fuzz"):
    FUZZ_PROFILE = "reliability"


def pytest_configure(config):
    config.addinivalue_line("markers", "fuzz: hypothesis property tests (long budget: make fuzz)")


# ---------------------------------------------------------------- a fake Nominatim

PYONGYANG_JSON = [{"place_id": 1, "osm_type": "node", "osm_id": 42, "lat": "39.0392", "lon": "125.7625",
                   "display_name": "Zzyzxville, Test Land", "addresstype": "village",
                   "address": {"country_code": "kp"}}]


class FakeNominatim:
    """A scripted Nominatim on 127.0.0.1. `script` is a list of behaviours, one per request
    (the last repeats): "ok", "empty", ("sleep", s), ("status", code, headers), "malformed",
    "html"."""

    def __init__(self) -> None:
        self.script: list = ["ok"]
        self.requests: list[tuple[float, str, str]] = []  # (monotonic time, path, user agent)
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # keep test output clean
                pass

            def do_GET(self):
                outer.requests.append((time.monotonic(), self.path, self.headers.get("User-Agent", "")))
                i = len(outer.requests) - 1
                action = outer.script[min(i, len(outer.script) - 1)]
                try:
                    outer._answer(self, action)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (a timeout test)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.domain = f"127.0.0.1:{self.port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @staticmethod
    def _answer(h: BaseHTTPRequestHandler, action) -> None:
        def send(code: int, body: bytes, ctype="application/json", headers=None):
            h.send_response(code)
            h.send_header("Content-Type", ctype)
            h.send_header("Content-Length", str(len(body)))
            for k, v in (headers or {}).items():
                h.send_header(k, v)
            h.end_headers()
            h.wfile.write(body)

        if action == "ok":
            send(200, json.dumps(PYONGYANG_JSON).encode())
        elif action == "empty":
            send(200, b"[]")
        elif action == "malformed":
            send(200, b'[{"lat": "39.0", "lon": ')  # cut off mid-answer
        elif action == "html":
            send(200, b"<html><body>Captive portal: please log in</body></html>", "text/html")
        elif action == "wrongshape":
            send(200, b'[{"lat": "not a number", "lon": "x", "display_name": 5}]')
        elif action[0] == "sleep":
            time.sleep(action[1])
            send(200, json.dumps(PYONGYANG_JSON).encode())
        elif action[0] == "status":
            send(action[1], b'{"error": "fault"}', headers=action[2] if len(action) > 2 else None)

    def times(self) -> list[float]:
        return [t for t, _, _ in self.requests]

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def nominatim(monkeypatch):
    for var in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "ALL_PROXY", "all_proxy"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    server = FakeNominatim()
    yield server
    server.close()


@pytest.fixture
def closed_port():
    """A port on 127.0.0.1 that nothing listens on (bound, then closed): connections are refused."""
    import socket
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port
