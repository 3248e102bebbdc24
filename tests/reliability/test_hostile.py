"""A hostile article run through the REAL pipeline and shown in the REAL window: markup,
script, template syntax, bidi and zero-width characters and emoji stay text everywhere, no
script runs, and offsets stay right for characters outside the BMP. (tests/render covers a
hand-made hostile Result in the headless renderer and the exporters; this is end to end.)"""
from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from mapper.core.articles import article_from_text
from mapper.gui.mapview import MapPage
from mapper.render import exporters
from tests.gui.conftest import LOAD_TIMEOUT, run_js, wait_map_ready

HOSTILE_ARTICLE = (
    "🇫🇷 Paris, France 😀 and Berlin signed the pact on Tuesday.\n"
    "Officials in Pyongyang said <script>alert(1)</script> was found in Moscow.\n"
    "A report from Vladivostok: <img src=x onerror=alert(1)> \"</script><script>alert(2)</script>\" "
    "`whoami` ${alert(3)} C:\\temp\\x \\u0022 &amp; &lt;b&gt; {{7*7}} in Russia.\n"
    "Kim\u200b visited \u202eevil\u202c Tokyo \u200d with 👨‍👩‍👧 and 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 in Japan 🙂.\n"
)
NEEDLES = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "</script><script>alert(2)</script>",
           "`whoami`", "${alert(3)}", "C:\\temp\\x", "&amp; &lt;b&gt;", "\u202eevil\u202c", "🙂"]


@pytest.fixture(scope="module")
def hostile_run(gazetteer):
    from mapper.core.pipeline import Pipeline
    return Pipeline(gazetteer).run(article_from_text(HOSTILE_ARTICLE))


def test_pipeline_offsets_survive_emoji_and_invisible_characters(hostile_run):
    text = hostile_run.article.text
    assert text == HOSTILE_ARTICLE
    names = {p.name for p in hostile_run.places}
    assert {"Paris", "Berlin", "Pyongyang", "Moscow", "Vladivostok", "Tokyo"} <= names, names
    for p in hostile_run.places:
        for m in p.mentions:
            assert text[m.start:m.end] == m.text
            s = hostile_run.sentences[m.sentence]
            assert s.start <= m.start < m.end <= s.end
    for s in hostile_run.sentences:
        assert text[s.start:s.end] == s.text


# ---------------------------------------------------------------- exports round-trip

def test_every_export_round_trips_the_hostile_text(hostile_run, tmp_path):
    text = hostile_run.article.text
    exporters.write_geojson(hostile_run, tmp_path / "a.geojson")
    exporters.write_csv(hostile_run, tmp_path / "a.csv")
    exporters.write_kml(hostile_run, tmp_path / "a.kml")
    exporters.write_html(hostile_run, tmp_path / "a.html")
    gj = json.loads((tmp_path / "a.geojson").read_text(encoding="utf-8"))
    sentences = {s.text for s in hostile_run.sentences}
    seen = set()
    for f in gj["features"]:
        for ref in f["properties"]["sentences"]:
            if ref["start"] is not None:
                assert text[ref["start"]:ref["end"]] == ref["text"]
            assert ref["sentence_text"] in sentences
            seen.add(ref["sentence_text"])
    assert any(n in s for s in seen for n in NEEDLES[:3])
    rows = list(csv.DictReader(io.StringIO((tmp_path / "a.csv").read_text(encoding="utf-8-sig"))))
    csv_text = " | ".join(r["sentences"] for r in rows)
    kml = ET.parse(tmp_path / "a.kml").getroot()
    ns = {"k": exporters.KML_NS}
    kml_text = "\n".join(d.text or "" for d in kml.iterfind(".//k:Placemark/k:description", ns))
    for needle in NEEDLES:
        if any(needle in s for s in seen):
            assert needle in csv_text and needle in kml_text, needle
    for r in rows:  # offsets in the CSV reproduce the mention text too
        for span in filter(None, r["offsets"].split(";")):
            a, b = map(int, span.split("-"))
            assert 0 <= a < b <= len(text)
    html = (tmp_path / "a.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in html and "onerror=alert(1)>" not in html


@pytest.mark.qt
def test_exported_html_runs_no_script_and_shows_text(hostile_run, tmp_path, qtbot):
    from mapper.render.webrender import HeadlessMap
    path = tmp_path / "a.html"
    exporters.write_html(hostile_run, path)
    with HeadlessMap(width=900, height=600) as view:
        view.load(path)
        pid = next(p.id for p in hostile_run.places if p.name == "Pyongyang")
        assert view.eval_js(f"mapperMap.openPopup({pid!r})") is True
        content = view.eval_js("(function(){var c=document.querySelector('.leaflet-popup-content');"
                               "return [c.textContent, c.querySelectorAll('script,img').length];})()")
        assert "<script>alert(1)</script>" in content[0] and content[1] == 0
        assert view.log.alerts == [] and view.log.errors() == []
        assert view.log.remote_requests() == []


# ---------------------------------------------------------------- the window

@pytest.fixture
def hostile_window(qtbot, make_window, monkeypatch):
    alerts: list[str] = []
    # any alert()/confirm()/prompt() the page runs is recorded (and no dialog blocks the test)
    monkeypatch.setattr(MapPage, "javaScriptAlert", lambda self, origin, msg: alerts.append(msg), raising=False)
    monkeypatch.setattr(MapPage, "javaScriptConfirm", lambda self, origin, msg: alerts.append(msg) or False,
                        raising=False)
    window = make_window()
    with qtbot.waitSignal(window.resultShown, timeout=LOAD_TIMEOUT):
        assert window.open_text(HOSTILE_ARTICLE)
    wait_map_ready(qtbot, window)
    window.alerts = alerts
    return window


def test_article_pane_is_the_plain_article_and_highlights_exact_sentences(qtbot, hostile_window):
    w = hostile_window
    view = w.article_view
    assert view.document().toPlainText() == HOSTILE_ARTICLE.rstrip("\n") or \
        view.document().toPlainText() == HOSTILE_ARTICLE
    result = w.session.result
    for s in result.sentences:
        c = QTextCursor(view.document())
        c.setPosition(view.to_qt(s.start))
        c.setPosition(view.to_qt(s.end), QTextCursor.MoveMode.KeepAnchor)
        assert c.selectedText() == s.text
        view.highlight_sentence(s.id)
        selections = view.extraSelections()
        assert len(selections) == 1 and selections[0].cursor.selectedText() == s.text
    for p in result.places:  # mentions, as the pane marks them (anchors point at the place)
        for m in p.mentions:
            c = QTextCursor(view.document())
            c.setPosition(view.to_qt(m.start))
            c.setPosition(view.to_qt(m.end), QTextCursor.MoveMode.KeepAnchor)
            assert c.selectedText() == m.text
            c.setPosition(view.to_qt(m.start) + 1)
            assert c.charFormat().anchorHref() == f"place:{p.id}"


def test_table_and_details_show_text_not_markup(qtbot, hostile_window):
    w = hostile_window
    model = w.table_model
    for row in range(model.rowCount()):
        r = model.row_at(row)
        assert model.data(model.index(row, 1), Qt.ItemDataRole.DisplayRole) == r.name
    pid = next(p.id for p in w.session.result.places if p.name == "Pyongyang")
    w.select_place(pid)
    assert "<script>alert(1)</script>" in w.details.toPlainText()


def test_map_popups_keep_hostile_text_as_text_and_run_nothing(qtbot, hostile_window):
    w = hostile_window
    result = w.session.result
    texts = []
    probe = ("JSON.stringify((function(){var c=document.querySelector('.leaflet-popup-content');"
             " var box = c && c.querySelector('.mapper-popup');"
             " return c ? [c.textContent, c.querySelectorAll('script,img,b').length,"
             " box ? box.getAttribute('data-id') : null] : ['', 0, null];})())")
    for p in result.places:
        assert run_js(qtbot, w, f"mapperMap.openPopup({p.id!r})") is True
        got: list = []

        def shown(p=p) -> bool:  # popups open after the fly-to: wait for this place's own
            got[:] = [json.loads(run_js(qtbot, w, probe))]  # noqa: B023 - waited on at once
            return got[0][2] == p.id  # noqa: B023 - the popup of this place (no internal id text)
        qtbot.waitUntil(shown, timeout=10_000)
        texts.append(got[0])
    joined = " ".join(t for t, _, _ in texts)
    for needle in NEEDLES[:5]:
        assert needle in joined, needle
    assert all(n == 0 for _, n, _ in texts)
    qtbot.wait(200)
    assert w.alerts == []
    assert run_js(qtbot, w, "typeof window.alert === 'function' && document.querySelectorAll('img[src=x]').length") == 0
    assert not [m for m in w.map.page().console if "alert" in m.lower() or "Uncaught" in m]


def test_popup_mark_is_the_mention_after_non_bmp_characters(qtbot, hostile_window):
    w = hostile_window
    for name in ("Paris", "Berlin"):
        pid = next(p.id for p in w.session.result.places if p.name == name)
        assert run_js(qtbot, w, f"mapperMap.openPopup({pid!r})") is True
        qtbot.waitUntil(lambda: run_js(qtbot, w, "(function(){var b = document.querySelector("
                        "'.leaflet-popup-content .mapper-popup'); return b ? b.getAttribute('data-id') : null;})()")
                        == pid, timeout=10_000)  # noqa: B023 - waited on at once
        marks = json.loads(run_js(qtbot, w, "JSON.stringify(Array.from(document.querySelectorAll("
                                            "'.leaflet-popup-content mark')).map(function(m){return m.textContent;}))"))
        assert marks and set(marks) == {name}, marks
