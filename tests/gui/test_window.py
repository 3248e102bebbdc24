"""The real desktop window, offscreen: the real QtWebEngine map page, the real gazetteer and
pipeline; only the network is replaced (a geocoder that is always unavailable)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from mapper.gui.app import find_place_id, focus_marker_js
from tests.conftest import ROOT, SAMPLE

from .clicks_helpers import click_feature
from .conftest import LOAD_TIMEOUT, FakeGeocoder, km_between, map_center, open_and_wait, run_js, wait_map_ready

VLADIVOSTOK = (43.106, 131.874)
MOSCOW = (55.756, 37.617)
SUNCHON_SENTENCE = "Kim re-appeared in public on Friday"


# ---- helpers ------------------------------------------------------------------------------
def place_id(window, name: str) -> str:
    pid = find_place_id(window.session.result, name)
    assert pid is not None, f"no place {name!r} in {[p.name for p in window.session.result.places]}"
    return pid


def selected_row_ids(window) -> list[str]:
    from mapper.gui.table_model import ROW_ROLE
    return [window.proxy.data(i, ROW_ROLE).id for i in window.table.selectionModel().selectedRows()]


def proxy_index_of(window, item_id: str, column: int = 1):
    row = window.table_model.row_of(item_id)
    assert row >= 0
    index = window.proxy.mapFromSource(window.table_model.index(row, column))
    assert index.isValid()
    return index


def click_row(qtbot, window, item_id: str) -> None:
    index = proxy_index_of(window, item_id)
    window.table.scrollTo(index)
    rect = window.table.visualRect(index)
    assert window.table.viewport().rect().contains(rect.center()), "the row is not visible"
    qtbot.mouseClick(window.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def wait_centre_near(qtbot, window, lat, lon, km=100.0, timeout=10_000) -> tuple[float, float]:
    seen = {}

    def near() -> bool:
        seen["c"] = map_center(qtbot, window)
        return km_between(*seen["c"], lat, lon) < km

    try:
        qtbot.waitUntil(near, timeout=timeout)
    except AssertionError:
        raise AssertionError(f"map centre {seen.get('c')} never came within {km} km of {(lat, lon)}") from None
    return seen["c"]


def pin_latlng(qtbot, window, item_id: str):
    script = ("(function(id){var M = window.mapperMap; if (!M || window.mapperReady !== true) return null;"
              " var ls = M.layersFor(id).filter(function(l){return l.getLatLng && l.mapperKind === 'place';});"
              " if (!ls.length) return null; var ll = ls[0].getLatLng(); return JSON.stringify([ll.lat, ll.lng]);})"
              f"({item_id!r})")
    value = run_js(qtbot, window, script)
    if not value:  # null, or '' while the page reloads
        return None
    import json
    return tuple(json.loads(value))


def wait_pin_at(qtbot, window, item_id, lat, lon, timeout=LOAD_TIMEOUT):
    seen = {}

    def there() -> bool:
        seen["ll"] = pin_latlng(qtbot, window, item_id)
        return seen["ll"] is not None and abs(seen["ll"][0] - lat) < 1e-4 and abs(seen["ll"][1] - lon) < 1e-4

    try:
        qtbot.waitUntil(there, timeout=timeout)
    except AssertionError:
        raise AssertionError(f"the pin of {item_id} is at {seen.get('ll')}, not {(lat, lon)}") from None


def sentence_of(window, pid: str):
    p = window.session.place(pid)
    first = min(p.mentions, key=lambda m: m.start)
    return window.session.result.sentences[first.sentence]


# ---- 1. a real mouse click on a marker highlights the right sentence -----------------------
@pytest.mark.parametrize("name, expect", [("Sunchon", "starts:" + SUNCHON_SENTENCE),
                                          ("Vladivostok", "contains:Vladivostok")])
def test_marker_click_highlights_sentence_and_selects_row(qtbot, loaded, name, expect):
    window = loaded
    pid = place_id(window, name)
    assert window.article_view.highlighted_sentence is None
    assert selected_row_ids(window) == []
    assert run_js(qtbot, window, focus_marker_js(pid)) is True
    qtbot.wait(200)
    click_feature(qtbot, window, pid)
    qtbot.waitUntil(lambda: window.article_view.highlighted_sentence is not None, timeout=10_000)
    text = window.article_view.highlighted_text()
    how, wanted = expect.split(":", 1)
    if how == "starts":
        assert text.startswith(wanted), text
    else:
        assert wanted in text, text
    assert window.session.selected == pid
    assert selected_row_ids(window) == [pid]
    # the highlight is really drawn in the article pane, on that sentence
    sels = window.article_view.extraSelections()
    assert len(sels) == 1
    assert sels[0].cursor.selectedText().replace("\u2029", "\n").startswith(text[:30])


# ---- 2. a row click moves the map -----------------------------------------------------------
def test_row_click_flies_map_to_the_place(qtbot, loaded):
    window = loaded
    moscow, vlad = place_id(window, "Moscow"), place_id(window, "Vladivostok")
    start = map_center(qtbot, window)
    click_row(qtbot, window, moscow)
    wait_centre_near(qtbot, window, *MOSCOW)
    assert selected_row_ids(window) == [moscow]
    before = map_center(qtbot, window)
    assert km_between(*before, *VLADIVOSTOK) > 1000
    click_row(qtbot, window, vlad)
    after = wait_centre_near(qtbot, window, *VLADIVOSTOK)
    assert km_between(*after, *VLADIVOSTOK) < 100, (start, before, after)
    assert window.session.selected == vlad
    assert "Vladivostok" in window.article_view.highlighted_text()


# ---- 3. a click on a mention in the article pane --------------------------------------------
def test_mouse_click_on_mention_selects_place_and_highlights(qtbot, loaded):
    window = loaded
    view = window.article_view
    pid = place_id(window, "Vladivostok")
    mention = min(window.session.place(pid).mentions, key=lambda m: m.start)
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.to_qt(mention.start + 2))
    view.setTextCursor(cursor)
    view.ensureCursorVisible()
    rect = view.cursorRect(cursor)
    pos = QPoint(rect.center().x() + 1, rect.center().y())
    assert view.anchorAt(pos) == f"place:{pid}", "the click position is not on the mention"
    clicked = []
    view.placeClicked.connect(clicked.append)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    qtbot.waitUntil(lambda: view.highlighted_sentence is not None, timeout=10_000)
    assert clicked == [pid]
    assert window.session.selected == pid
    assert view.highlighted_sentence == mention.sentence
    assert "Vladivostok" in view.highlighted_text()
    assert selected_row_ids(window) == [pid]
    wait_centre_near(qtbot, window, *VLADIVOSTOK)  # and the map flew to the pin


def test_mouse_click_on_plain_sentence_text_flies_to_its_place(qtbot, loaded):
    window = loaded
    view = window.article_view
    s = next(s for s in window.session.result.sentences if s.text.startswith(SUNCHON_SENTENCE))
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.to_qt(s.start + 5))  # inside "re-appeared": no mention there
    view.setTextCursor(cursor)
    view.ensureCursorVisible()
    rect = view.cursorRect(cursor)
    pos = QPoint(rect.center().x() + 1, rect.center().y())
    assert not view.anchorAt(pos)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    qtbot.waitUntil(lambda: view.highlighted_sentence == s.id, timeout=10_000)
    assert window.session.selected is not None
    assert window.session.place(window.session.selected).mentions  # a place of that sentence
    assert any(m.sentence == s.id for m in window.session.place(window.session.selected).mentions)


# ---- 4. keyboard: next / previous place -----------------------------------------------------
def test_keyboard_shortcuts_step_through_places_in_reading_order(qtbot, loaded):
    window = loaded
    window.activateWindow()
    qtbot.waitActive(window)
    places = window.session.result.places
    order = sorted(places, key=lambda p: min(m.start for m in p.mentions))
    assert len(order) >= 3

    def press(key):
        qtbot.keyClick(window, key, Qt.KeyboardModifier.ControlModifier)

    press(Qt.Key.Key_Period)
    qtbot.waitUntil(lambda: window.session.selected == order[0].id, timeout=5_000)
    press(Qt.Key.Key_Period)
    qtbot.waitUntil(lambda: window.session.selected == order[1].id, timeout=5_000)
    press(Qt.Key.Key_Period)
    qtbot.waitUntil(lambda: window.session.selected == order[2].id, timeout=5_000)
    assert selected_row_ids(window) == [order[2].id]
    assert window.article_view.highlighted_sentence == sentence_of(window, order[2].id).id
    press(Qt.Key.Key_Comma)
    qtbot.waitUntil(lambda: window.session.selected == order[1].id, timeout=5_000)
    assert selected_row_ids(window) == [order[1].id]
    assert window.article_view.highlighted_sentence == sentence_of(window, order[1].id).id


# ---- 5. the worker: no blocking, cancel -----------------------------------------------------
def big_text(size=1_000_000) -> str:
    base = SAMPLE.read_text(encoding="utf-8") + "\n\n"
    return base * (size // len(base) + 1)


FILLER = "The committee discussed the budget at length and then adjourned until the next session. "


def long_plain_text(size=260_000, tail="") -> str:
    """Long (slow to map) but with few place names, so the result stays small."""
    return SAMPLE.read_text(encoding="utf-8") + "\n\n" + FILLER * (size // len(FILLER)) + tail


def test_worker_does_not_block_the_event_loop(qtbot, window, tmp_path):
    path = tmp_path / "longer.txt"
    path.write_text(long_plain_text(), encoding="utf-8")
    ticks = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()
    try:
        with qtbot.waitSignal(window.resultShown, timeout=LOAD_TIMEOUT):
            assert window.open_path(str(path))
            assert window.is_running(), "open_path should return while the worker runs"
            assert window.progress.isVisible() and window.cancel_button.isVisible()
            assert not ticks
    finally:
        timer.stop()
    assert len(ticks) >= 5, f"only {len(ticks)} timer ticks while the pipeline ran"
    assert window.session is not None and len(window.session.result.article.text) > 200_000
    assert not window.progress.isVisible() and not window.cancel_button.isVisible()


def test_cancel_keeps_previous_result(qtbot, loaded):
    window = loaded
    previous = window.session.result
    shown_text = window.article_view.toPlainText()
    results = []
    window.resultShown.connect(lambda: results.append(1))
    assert window.open_text(big_text())
    assert window.is_running()
    window.cancel_run()
    qtbot.waitUntil(lambda: not window.is_running(), timeout=LOAD_TIMEOUT)
    qtbot.waitUntil(lambda: "Cancelled" in window.statusBar().currentMessage(), timeout=10_000)
    qtbot.wait(200)  # let any stray queued signal arrive
    assert results == []
    assert window.session.result is previous
    assert window.article_view.toPlainText() == shown_text
    assert not window.progress.isVisible() and not window.cancel_button.isVisible()
    assert window.last_error is None


def test_cancel_button_click_during_run(qtbot, loaded):
    window = loaded
    previous = window.session.result
    assert window.open_text(big_text())
    qtbot.waitUntil(lambda: window.cancel_button.isVisible(), timeout=5_000)
    qtbot.mouseClick(window.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.is_running(), timeout=LOAD_TIMEOUT)
    qtbot.waitUntil(lambda: "Cancelled" in window.statusBar().currentMessage(), timeout=10_000)
    assert window.session.result is previous


def test_set_published_after_cancel_remaps_the_shown_article(qtbot, loaded):
    window = loaded
    shown = window.session.result.article.text
    assert window.open_text(FILLER * 3000 + "It met in Paris.")
    window.cancel_run()
    qtbot.waitUntil(lambda: not window.is_running(), timeout=LOAD_TIMEOUT)
    qtbot.waitUntil(lambda: "Cancelled" in window.statusBar().currentMessage(), timeout=10_000)
    with qtbot.waitSignal(window.resultShown, timeout=LOAD_TIMEOUT):
        window.set_published("2024-06-21")
    assert window.session.result.article.text == shown
    assert window.session.result.article.published == "2024-06-21"


RERUN_SCRIPT = r"""
import sys, time
from mapper.gui.qtenv import prepare_qt_environment
prepare_qt_environment()
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication([])
from mapper.gui.window import MainWindow
w = MainWindow(); w.quiet = True; w.show()
big = open(sys.argv[1], encoding="utf-8").read()
w.open_text(big)
def second():
    if w.progress.value() < 15:
        QTimer.singleShot(20, second); return
    t0 = time.time()
    w.open_text(big + "\nA second, different article about Moscow.")
    print(f"BLOCKED {time.time() - t0:.2f}", flush=True)
    def check():
        print("RUNNING", w.is_running(), "VISIBLE", w.progress.isVisible() and w.cancel_button.isVisible(),
              "STATUS", w.statusBar().currentMessage(), flush=True)
        w.cancel_run()
        QTimer.singleShot(0, lambda: None)
        end = time.time() + 30
        while w.is_running() and time.time() < end:
            app.processEvents(); time.sleep(0.02)
        app.quit()
    QTimer.singleShot(300, check)
QTimer.singleShot(0, second)
app.exec()
"""


def test_opening_a_new_article_while_one_runs(tmp_path):
    # in a subprocess: in this process the abort would end the whole test run
    article = tmp_path / "big.txt"
    article.write_text(big_text(), encoding="utf-8")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run([sys.executable, "-c", RERUN_SCRIPT, str(article)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)
    assert "Destroyed while thread" not in proc.stderr
    assert proc.returncode == 0, proc.stderr[-2000:]
    blocked = float(proc.stdout.split("BLOCKED ")[1].split()[0])
    assert blocked < 1.0, f"the GUI froze {blocked} s"
    assert "RUNNING True VISIBLE True" in proc.stdout, proc.stdout
    assert "Cancelled" not in proc.stdout.split("STATUS", 1)[1], proc.stdout


# ---- 6. a failing geocoder shows a message, not a crash ------------------------------------
def test_failing_online_geocoder_shows_message_and_offline_result(qtbot, make_window):
    geocoder = FakeGeocoder()
    window = make_window(geocoder=geocoder, quiet=False)
    text = "The delegation arrived in Zzyzxville on Monday. It later visited Paris, France."
    with qtbot.waitSignal(window.resultShown, timeout=LOAD_TIMEOUT):
        assert window.open_text(text)
    wait_map_ready(qtbot, window)
    assert geocoder.calls, "the online geocoder was never asked (Zzyzxville not sent)"
    assert any("Zzyzxville" in q for q in geocoder.calls)
    names = [p.name for p in window.session.result.places]
    assert "Paris" in names and "France" in names
    assert all("Zzyzxville" not in n for n in names)
    assert window.last_error is not None
    assert "online geocoding" in window.last_error.lower()
    assert "offline result is kept" in window.last_error.lower()
    paris = place_id(window, "Paris")
    import json
    assert paris in json.loads(run_js(qtbot, window, "JSON.stringify(window.mapperMap.ids())"))
    # non-modal: the window stays usable, nothing modal blocks it
    assert QApplication.activeModalWidget() is None


# ---- 7. a correction persists across a restart ---------------------------------------------
def test_correction_undo_redo_and_persistence(qtbot, make_window):
    window = make_window()
    open_and_wait(qtbot, window)
    pid = place_id(window, "Sunchon")
    old = window.session.place(pid)
    old_lat, old_lon = old.lat, old.lon
    assert old.source != "user" and abs(old_lat - 39.5) > 0.01
    window.select_place(pid)
    window.correct(pid, lat=39.5, lon=126.0, scope="everywhere")
    p = window.session.place(pid)
    assert (p.lat, p.lon, p.source) == (39.5, 126.0, "user")
    wait_pin_at(qtbot, window, pid, 39.5, 126.0)
    assert window.user.get("Sunchon") is not None and window.user.get("Sunchon").lat == 39.5

    window.undo_stack.undo()
    p = window.session.place(pid)
    assert (p.lat, p.lon, p.source) == (old_lat, old_lon, old.source)
    wait_pin_at(qtbot, window, pid, old_lat, old_lon)
    assert window.user.get("Sunchon") is None

    window.undo_stack.redo()
    assert (window.session.place(pid).lat, window.session.place(pid).lon) == (39.5, 126.0)
    wait_pin_at(qtbot, window, pid, 39.5, 126.0)
    window.close()

    again = make_window()  # a restart: same MAPPER_DATA_DIR, new window and user gazetteer
    assert again.user is not window.user
    open_and_wait(qtbot, again)
    pid2 = place_id(again, "Sunchon")
    p2 = again.session.place(pid2)
    assert p2.source == "user"
    assert p2.lat == pytest.approx(39.5) and p2.lon == pytest.approx(126.0)
    wait_pin_at(qtbot, again, pid2, 39.5, 126.0)


def test_correction_with_bad_coordinates_shows_message(qtbot, loaded):
    window = loaded
    pid = place_id(window, "Sunchon")
    before = window.session.place(pid)
    window.correct(pid, lat=123.0, lon=500.0, scope="everywhere")
    assert window.last_error and "latitude" in window.last_error
    assert window.session.place(pid).lat == before.lat
    assert window.undo_stack.count() == 0


# ---- 8. the table model ---------------------------------------------------------------------
def test_table_model_passes_qabstractitemmodeltester(qtmodeltester, sample_result):
    from mapper.core.session import Session
    from mapper.gui.table_model import ResultTableModel
    model = ResultTableModel()
    model.set_rows(Session(sample_result).rows())
    assert model.rowCount() > 10
    qtmodeltester.check(model)


def test_filter_model_passes_qabstractitemmodeltester(qtmodeltester, sample_result):
    from mapper.core.session import Session
    from mapper.gui.table_model import ResultFilterModel, ResultTableModel
    model = ResultTableModel()
    model.set_rows(Session(sample_result).rows())
    proxy = ResultFilterModel()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy)
    proxy.setFilterFixedString("korea")
    assert 0 < proxy.rowCount() < model.rowCount()
    qtmodeltester.check(proxy)
    proxy.setFilterFixedString("")
    proxy.set_hidden_layers({"event", "fact"})
    assert proxy.rowCount() == len(sample_result.places)
    proxy.sort(5, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(proxy)


# ---- 9. bad files ---------------------------------------------------------------------------
def _png_bytes() -> bytes:
    return b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"


@pytest.mark.parametrize("kind", ["empty", "png", "missing", "folder"])
def test_bad_file_gives_message_and_keeps_previous_result(qtbot, make_window, tmp_path, kind):
    window = make_window(quiet=False)
    open_and_wait(qtbot, window)
    previous, article = window.session.result, window.article
    text = window.article_view.toPlainText()
    title = window.windowTitle()
    path = tmp_path / {"empty": "empty.txt", "png": "photo.txt", "missing": "nothing.txt", "folder": "dir"}[kind]
    if kind == "empty":
        path.write_bytes(b"")
    elif kind == "png":
        path.write_bytes(_png_bytes())
    elif kind == "folder":
        path.mkdir()
    assert window.open_path(str(path)) is False
    assert not window.is_running()
    assert window.last_error, "no message"
    box = window._last_box
    qtbot.waitUntil(box.isVisible, timeout=5_000)
    assert path.name in box.text() or path.name in window.last_error or kind == "empty"
    assert window.session.result is previous and window.article is article
    assert window.article_view.toPlainText() == text
    assert window.windowTitle() == title
    assert str(path.resolve()) not in window.recent.files()
    box.close()


def test_empty_pasted_text_gives_message(qtbot, loaded):
    window = loaded
    previous = window.session.result
    assert window.open_text("   \n\t ") is False
    assert window.last_error and "empty" in window.last_error.lower()
    assert window.session.result is previous


# ---- 10. screenshots ------------------------------------------------------------------------
@pytest.mark.skipif(os.environ.get("MAPPER_SCREENSHOTS") != "1", reason="set MAPPER_SCREENSHOTS=1 to write docs/")
@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080)])
def test_screenshots(qtbot, make_window, size):
    window = make_window(size=size)
    qtbot.waitUntil(lambda: (window.width(), window.height()) == size, timeout=5_000)
    open_and_wait(qtbot, window)
    pid = place_id(window, "Sunchon")
    window.select_place(pid)
    qtbot.waitUntil(lambda: window.article_view.highlighted_sentence is not None, timeout=10_000)
    run_js(qtbot, window, f"window.mapperMap.openPopup({pid!r}), true")
    qtbot.wait(1500)  # flyTo animation and popup
    out = Path(ROOT) / "docs" / f"screenshot-{size[0]}x{size[1]}.png"
    out.parent.mkdir(exist_ok=True)
    image = window.grab()
    assert (image.width(), image.height()) == size
    assert image.save(str(out))
    assert out.stat().st_size > 20_000


# ---- a crash found while writing these tests ------------------------------------------------
def test_void_qt_calls_do_not_drop_references_to_none():
    from PySide6.QtGui import QTextCharFormat
    fmt = QTextCharFormat()
    before = sys.getrefcount(None)
    for _ in range(50):
        fmt.setFontWeight(600)
    assert sys.getrefcount(None) >= before - 5


def test_scripted_gui_survives_a_1mb_article(tmp_path):
    article = tmp_path / "big.txt"
    article.write_text(big_text(), encoding="utf-8")
    shot = tmp_path / "big.png"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run([sys.executable, "-m", "mapper.cli", "gui", str(article), "--screenshot", str(shot),
                           "--quit"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert "none_dealloc" not in proc.stderr
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert shot.exists()
