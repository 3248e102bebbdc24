"""Render tests. Qt tests (marked `qt`) run offscreen; QtWebEngine must be imported before
pytest-qt creates the QApplication, and needs --no-sandbox as root."""
from __future__ import annotations

import pytest

from mapper.core.models import Article, Claim, Event, Fact, Mention, Place, Result, Sentence
from mapper.render.webrender import prepare_environment

prepare_environment()
try:  # QtWebEngine must be loaded before any QApplication exists
    from PySide6 import QtWebEngineWidgets  # noqa: F401
    from PySide6.QtCore import QCoreApplication, Qt
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    HAVE_WEBENGINE = True
except ImportError:  # pragma: no cover - PySide6 is a dependency
    HAVE_WEBENGINE = False

HOSTILE = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "`${x}`", "${alert(3)}",
           '"</script><script>alert(2)</script>"', "'</script>'", "<!--", "&amp;", "\u2028",
           "{{ 7*7 }}", "{% raw %}", "{# c #}"]


def pytest_configure(config):
    config.addinivalue_line("markers", "qt: needs QtWebEngine (runs offscreen)")


def pytest_collection_modifyitems(config, items):
    if not HAVE_WEBENGINE:
        skip = pytest.mark.skip(reason="QtWebEngine is not available")
        for item in items:
            if "qt" in item.keywords:
                item.add_marker(skip)


def hostile_result() -> Result:
    """A Result whose every text field an article can control is hostile."""
    bad = " ".join(HOSTILE)
    sentences_text = [f"Kim visited {bad} Pyongyang on Tuesday.",
                      f"In <b>North Korea</b> {bad} 11 mass graves hold 1,375 soldiers.",
                      f"Sunchon lies some 28 miles north of Pyongyang {bad}."]
    text, sentences, pos = "", [], 0
    for i, s in enumerate(sentences_text):
        sentences.append(Sentence(i, pos, pos + len(s), s))
        text += s + " "
        pos += len(s) + 1

    def mention(sid: int, word: str) -> Mention:
        s = sentences[sid]
        at = s.text.index(word)
        return Mention(s.start + at, s.start + at + len(word), word, sid)
    name = "Pyongyang <script>alert('name')</script>"
    places = [
        Place("p1", name, 39.03, 125.75, "KP", "city", "gazetteer <img src=x onerror=alert(4)>", 0.9, None,
              mentions=[mention(0, "Pyongyang"), mention(2, "Pyongyang")]),
        Place("p2", "North <i>Korea</i> `${x}`", 40.0, 127.0, "KP", "country", "gazetteer", 1.0, None,
              mentions=[mention(1, "North Korea") if "North Korea" in sentences[1].text else mention(1, "Korea")]),
        Place("p3", "Sunchon</script>", 39.43, 125.93, "KP", "city", "user", 0.8, None, mentions=[mention(2, "Sunchon")]),
    ]
    g = sentences[1]
    at = g.text.index("11 mass graves")
    facts = [Fact("mass_graves", 11, "<script>alert(5)</script>", "p2", 1, "11 mass graves", g.start + at, g.start + at + 14)]
    events = [Event("e1", "ceremony<script>alert(6)</script>", "2020-05-05", "Tuesday <img src=x onerror=alert(7)>",
                    "p1", 0, ("<script>alert(8)</script>",), False, bad, "visited"),
              Event("e2", "visit", None, None, "p3", 2, (), True, "", "lies")]
    claims = [Claim("distance", "p3", "p1", 45.1, 46.8, "north", True, 2, "some 28 miles north of Pyongyang")]
    article = Article(text=text, title="Title <script>alert('title')</script> & `${x}`", published="2020-05-05")
    return Result(article=article, sentences=sentences, places=places, events=events, facts=facts, claims=claims)


@pytest.fixture()
def hostile():
    return hostile_result()


@pytest.fixture()
def headless(qtbot):
    """Make HeadlessMap views; each is closed after the test."""
    from mapper.render.webrender import HeadlessMap
    views = []

    def make(**kw):
        v = HeadlessMap(**kw)
        views.append(v)
        return v
    yield make
    for v in views:
        v.close()
