"""The core loop as a user meets it, with real input only: mouse clicks and key presses at real
widget positions (QTest), never a slot called directly or a JavaScript click().

Each test asserts what the user sees: the details shown, the rows listed, the clipboard, the
menu that opened, the file written.
"""
from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QInputDialog, QMenu

from .conftest import LOAD_TIMEOUT, open_and_wait, run_js, wait_map_ready

ARTICLES = Path(__file__).resolve().parents[1] / "data" / "articles"


def click_row(qtbot, window, row_id: str) -> None:
    """A real click in the table on the row of this id (scrolled into view first)."""
    row = window.table_model.row_of(row_id)
    assert row >= 0, row_id
    index = window.proxy.mapFromSource(window.table_model.index(row, 1))
    assert index.isValid(), f"{row_id} is filtered out"
    window.table.scrollTo(index)
    rect = window.table.visualRect(index)
    QTest.mouseClick(window.table.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     rect.center())
    qtbot.wait(50)


def activate(qtbot, window) -> None:
    """Make the window the active one (window shortcuts need it; under Xvfb there is no
    window manager to do it)."""
    window.raise_()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5_000)


def wait_map_still(qtbot, window) -> None:
    """Until the map's view stops changing (a flight has ended)."""
    seen: list[str] = []

    def still() -> bool:
        seen.append(run_js(qtbot, window, "JSON.stringify(window.mapperMap.getState().center)"))
        qtbot.wait(150)
        return len(seen) > 2 and seen[-1] == seen[-2] == seen[-3]
    qtbot.waitUntil(still, timeout=10_000)


def visible_row_ids(window) -> list[str]:
    from mapper.gui.table_model import ROW_ROLE
    return [window.proxy.data(window.proxy.index(r, 0), ROW_ROLE).id for r in range(window.proxy.rowCount())]


def test_switching_articles_leaves_nothing_stale(qtbot, loaded):
    """After another article opens: no old place in Details, no search hiding the new rows, and
    the candidate button does nothing stale."""
    window = loaded
    city = next(p for p in window.session.result.places if p.kind == "city" and len(p.candidates) > 1)
    click_row(qtbot, window, city.id)
    assert window.session.selected == city.id
    assert city.name in window.details_panel.text()
    assert window.details_panel.use_button.isEnabled()
    window.search.setFocus()
    QTest.keyClicks(window.search, city.name[:5])
    assert window.proxy.rowCount() < window.table_model.rowCount()

    open_and_wait(qtbot, window, ARTICLES / "normandy-war-graves.txt")
    assert window.search.text() == ""
    assert window.proxy.rowCount() == window.table_model.rowCount() > 0
    assert city.name not in window.details_panel.text()
    assert not window.details_panel.use_button.isEnabled()
    assert window.candidates.count() == 0
    # a new place selected with the mouse shows its own details and candidates
    new = window.session.result.places[0]
    click_row(qtbot, window, new.id)
    assert new.name in window.details_panel.text()


def test_event_and_fact_rows_show_their_details(qtbot, loaded):
    """Events and memorial facts appear in the Details panel with their sentence."""
    window = loaded
    result = window.session.result
    event = next(e for e in result.events if e.date)
    click_row(qtbot, window, event.id)
    text = window.details_panel.text()
    assert event.date in text and result.sentences[event.sentence].text[:40] in text
    assert "Date read as" in text and event.date_text in text  # how the date phrase was read
    assert window.article_view.highlighted_sentence == event.sentence
    fact = result.facts[0]
    click_row(qtbot, window, "f1")
    text = window.details_panel.text()
    assert f"{fact.value:,}" in text and result.sentences[fact.sentence].text[:40] in text


def test_ctrl_c_on_a_row_copies_every_column(qtbot, loaded):
    window = loaded
    place = next(p for p in window.session.result.places if p.kind == "city")
    click_row(qtbot, window, place.id)
    QGuiApplication.clipboard().clear()
    QTest.keyClick(window.table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: QGuiApplication.clipboard().text() != "", timeout=3_000)
    copied = QGuiApplication.clipboard().text()
    assert place.name in copied
    assert f"{place.lat:.4f}"[:6] in copied  # the coordinates, not only the name
    assert place.kind in copied


def type_text(widget, text: str) -> None:
    """Type like a keyboard: ASCII through QTest, other characters (°, ′) as key events that
    carry their text, as a keyboard layout or an input method delivers them."""
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent
    for ch in text:
        if ch.isascii():
            QTest.keyClicks(widget, ch)
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


def _answer_next_input_dialog(qtbot, answers: list[str], seen: list[str]) -> None:
    """Type into the next QInputDialog(s) like a user: select all, type, Enter."""
    def poll():
        dialog = next((w for w in QApplication.topLevelWidgets()
                       if isinstance(w, QInputDialog) and w.isVisible()), None)
        if dialog is None:
            QTimer.singleShot(50, poll)
            return
        seen.append(dialog.labelText())
        from PySide6.QtWidgets import QLineEdit
        edit = dialog.findChild(QLineEdit)
        edit.selectAll()
        type_text(edit, answers.pop(0))
        QTest.keyClick(edit, Qt.Key.Key_Return)
        if answers:
            QTimer.singleShot(50, poll)
    QTimer.singleShot(50, poll)


def answer_scope(qtbot, window, button_text: str, asked: list[str] | None = None) -> None:
    """Click a button of the next scope question ("This article only", "Everywhere", "Cancel")
    with the mouse, once it shows."""
    from PySide6.QtWidgets import QAbstractButton

    def poll():
        box = getattr(window, "scope_box", None)
        if box is None or not box.isVisible():
            QTimer.singleShot(30, poll)
            return
        if asked is not None:
            asked.append(box.text())
        button = next(b for b in box.findChildren(QAbstractButton) if b.text().replace("&", "") == button_text)
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    QTimer.singleShot(30, poll)


def test_set_coordinates_reads_degrees_and_keeps_a_typo(qtbot, loaded):
    """Degrees and minutes are accepted; a typo asks again with the error, keeping the text."""
    window = loaded
    place = next(p for p in window.session.result.places if p.kind == "city")
    click_row(qtbot, window, place.id)
    seen: list[str] = []
    _answer_next_input_dialog(qtbot, ["55°45′N 37°X", "55°45′N 37°37′E"], seen)
    button = window.details_panel.coords_button
    answer_scope(qtbot, window, "This article only")
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: abs(window.session.place(place.id).lat - 55.75) < 1e-6, timeout=10_000)
    assert abs(window.session.place(place.id).lon - (37 + 37 / 60)) < 1e-6
    assert len(seen) == 2 and "Cannot read" in seen[1]
    # this article only: the user gazetteer holds it for this article, not everywhere
    entries = window.user.list()
    assert [e.scope for e in entries] == ["article"]


def test_not_a_place_is_remembered_undone_and_forgotten(qtbot, make_window):
    """"Not a place" drops the name (here and, by scope, when the article opens again); undo
    brings it back; the Corrections manager forgets it."""
    window = make_window()
    open_and_wait(qtbot, window, ARTICLES / "normandy-war-graves.txt")
    place = next(p for p in window.session.result.places if p.kind == "city")
    click_row(qtbot, window, place.id)
    answer_scope(qtbot, window, "Everywhere")
    QTest.mouseClick(window.details_panel.not_place_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.session.place(place.id) is None, timeout=10_000)
    assert place.id not in visible_row_ids(window)
    # opened again: still not a place
    open_and_wait(qtbot, window, ARTICLES / "normandy-war-graves.txt")
    assert all(p.name != place.name for p in window.session.result.places)
    # Undo (Ctrl+Z) forgets the correction; the next run finds the place again
    activate(qtbot, window)
    QTest.keyClick(window.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.user.list() == [], timeout=5_000)
    # made again (this article only), then forgotten in the manager: the place comes back
    qtbot.waitUntil(lambda: not window.is_running(), timeout=LOAD_TIMEOUT)
    open_and_wait(qtbot, window, ARTICLES / "normandy-war-graves.txt")
    again = next(p for p in window.session.result.places if p.name == place.name)
    click_row(qtbot, window, again.id)
    answer_scope(qtbot, window, "This article only")
    QTest.mouseClick(window.details_panel.not_place_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.session.place(again.id) is None, timeout=10_000)
    activate(qtbot, window)
    QTest.keyClick(window.table, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: getattr(window, "corrections_dialog", None) is not None
                    and window.corrections_dialog.isVisible(), timeout=5_000)
    dialog = window.corrections_dialog
    assert dialog.table.rowCount() == 1
    rect = dialog.table.visualRect(dialog.table.model().index(0, 0))
    QTest.mouseClick(dialog.table.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, rect.center())
    QTest.keyClick(dialog.table, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: dialog.confirm_box is not None and dialog.confirm_box.isVisible(), timeout=5_000)
    box = dialog.confirm_box
    from PySide6.QtWidgets import QMessageBox
    QTest.mouseClick(box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.user.list() == [], timeout=5_000)
    # the article is mapped again without the forgotten correction
    qtbot.waitUntil(lambda: window.session.result.places and any(
        p.name == place.name for p in window.session.result.places), timeout=LOAD_TIMEOUT)
    assert any(p.name == place.name for p in window.session.result.places)
    dialog.close()


def test_dragging_a_pin_asks_first(qtbot, loaded):
    """An accidental drag moves nothing: the question comes first, and Cancel puts the pin back."""
    from .clicks_helpers import drag_pin
    window = loaded
    place = next(p for p in window.session.result.places if p.kind == "city")
    asked: list[str] = []
    answer_scope(qtbot, window, "Cancel", asked)
    drag_pin(qtbot, window, place.id, 60, 40)
    qtbot.waitUntil(lambda: asked != [], timeout=10_000)
    assert place.name in asked[0]
    qtbot.wait(300)
    assert window.session.place(place.id).source != "user" and window.undo_stack.count() == 0
    wait_map_ready(qtbot, window)  # the map is drawn again with the pin where it was
    back = json.loads(run_js(qtbot, window, "JSON.stringify((function(){var l = window.mapperMap.layersFor("
                             f"{json.dumps(place.id)}).filter(function(l){{return l.getLatLng;}})[0];"
                             " var ll = l.getLatLng(); return [ll.lat, ll.lng];})())"))
    assert abs(back[0] - place.lat) < 1e-4 and abs(back[1] - place.lon) < 1e-4
    wait_map_still(qtbot, window)  # the redrawn map flies back to the selected pin first
    answer_scope(qtbot, window, "This article only")
    drag_pin(qtbot, window, place.id, 60, 40)
    qtbot.waitUntil(lambda: window.session.place(place.id).source == "user", timeout=10_000)
    assert [e.scope for e in window.user.list()] == ["article"]


def test_map_right_click_shows_the_apps_menu(qtbot, loaded):
    """A right-click on the map opens mapper's menu, not Chromium's (Back, Reload, …)."""
    window = loaded
    target = window.map.focusProxy() or window.map
    centre = QPoint(target.width() // 2, target.height() // 2)
    QTest.mouseClick(target, Qt.MouseButton.RightButton, Qt.KeyboardModifier.NoModifier, centre)
    qtbot.waitUntil(lambda: window.map.last_menu is not None and window.map.last_menu.isVisible(), timeout=10_000)
    labels = [a.text() for a in window.map.last_menu.actions()]
    assert any(t.startswith("Copy coordinates") for t in labels)
    assert "Centre the map here" in labels and "What's here?" in labels
    assert not any(t in ("Back", "Reload", "View page source") for t in labels)
    # Copy coordinates puts the point's coordinates on the clipboard
    menu: QMenu = window.map.last_menu
    copy = next(a for a in menu.actions() if a.text().startswith("Copy coordinates"))
    QTest.mouseClick(menu, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     menu.actionGeometry(copy).center())
    qtbot.waitUntil(lambda: "," in QGuiApplication.clipboard().text(), timeout=3_000)
    lat, lon = (float(v) for v in QGuiApplication.clipboard().text().split(","))
    centre_ll = json.loads(run_js(qtbot, window, "JSON.stringify((function(){var M=window.mapperMap;"
                                  f"var p=M.map.containerPointToLatLng([{centre.x()},{centre.y()}]);"
                                  "return [p.lat,p.lng];})())"))
    assert abs(lat - centre_ll[0]) < 0.5 and abs(lon - centre_ll[1]) < 0.5


def test_help_opens_the_guide_with_shortcuts(qtbot, loaded):
    window = loaded
    activate(qtbot, window)
    QTest.keyClick(window.table, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: getattr(window, "_help", None) is not None and window._help.isVisible(), timeout=5_000)
    text = window._help.browser.toPlainText()
    assert "Keyboard shortcuts" in text and "Corrections" in text
    assert "Ctrl+O" in text  # the open shortcut, read from the window's own actions
    window._help.close()


def test_reopened_article_keeps_undo(qtbot, loaded, tmp_path):
    """Undo still undoes a correction after another article was opened in between."""
    window = loaded
    assert window.undo_stack.count() == 0
    place = next(p for p in window.session.result.places if p.kind == "city")
    click_row(qtbot, window, place.id)
    other = window.candidates.count()
    assert other > 1
    window.candidates.setFocus()
    QTest.keyClick(window.candidates, Qt.Key.Key_End)
    answer_scope(qtbot, window, "Everywhere")
    QTest.keyClick(window.candidates, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.undo_stack.count() == 1, timeout=5_000)
    open_and_wait(qtbot, window, ARTICLES / "normandy-war-graves.txt")
    assert window.undo_stack.count() == 1 and window.undo_stack.canUndo()
    activate(qtbot, window)
    QTest.keyClick(window.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.undo_stack.canUndo(), timeout=5_000)
    assert window.user.get(place.mentions[0].text) is None  # the correction is gone again
    wait_map_ready(qtbot, window, LOAD_TIMEOUT)


def _image_diff(a, b, skip=()) -> tuple[float, float]:
    """(mean absolute difference per channel, fraction of pixels differing by > 24) between two
    QImages of one size, leaving out the rectangles in `skip` ([x, y, w, h])."""
    from PySide6.QtGui import QImage
    a = a.convertToFormat(QImage.Format.Format_RGB32)
    b = b.convertToFormat(QImage.Format.Format_RGB32)
    total = differing = count = 0
    for y in range(0, a.height(), 2):
        for x in range(0, a.width(), 2):
            if any(r[0] - 4 <= x <= r[0] + r[2] + 4 and r[1] - 4 <= y <= r[1] + r[3] + 4 for r in skip):
                continue
            pa, pb = a.pixel(x, y), b.pixel(x, y)
            d = max(abs(((pa >> s) & 255) - ((pb >> s) & 255)) for s in (0, 8, 16))
            total += d
            differing += d > 24
            count += 1
    return total / max(count, 1), differing / max(count, 1)


def test_png_export_shows_what_is_on_screen(qtbot, loaded, tmp_path):
    """Events switched off with the mouse are off in the PNG too; the PNG is the map view as
    shown (its size, its view), without the buttons: compared with a grab of the view."""
    from PySide6.QtGui import QImage
    window = loaded
    shown, hidden = tmp_path / "shown.png", tmp_path / "hidden.png"
    assert window.export("png", str(shown)), window.last_error
    box = window.layer_boxes["event"]
    QTest.mouseClick(box, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     QPoint(8, box.height() // 2))
    assert not box.isChecked()
    qtbot.waitUntil(lambda: json.loads(run_js(qtbot, window, "JSON.stringify(window.mapperMap.countVisible())"))
                    ["events"] == 0, timeout=5_000)
    assert window.export("png", str(hidden)), window.last_error
    a, b = QImage(str(shown)), QImage(str(hidden))
    assert shown.read_bytes() != hidden.read_bytes()
    view = window.map.size()
    assert (a.width(), a.height()) == (2 * view.width(), 2 * view.height())  # crisp: 2 px per CSS px
    _, changed = _image_diff(a, b)
    assert changed > 0.0005, "hiding the events changed nothing in the PNG"
    # The export against a grab of the view on screen: leave out the live page's controls and
    # the corner where the export draws its compact legend instead (bottom right). What is
    # left differs only where a label was placed differently around the other controls.
    qtbot.wait(300)
    grab = window.map.grab().toImage().scaled(view.width(), view.height())
    small = b.scaled(view.width(), view.height(), Qt.AspectRatioMode.IgnoreAspectRatio,
                     Qt.TransformationMode.SmoothTransformation)
    controls = json.loads(run_js(qtbot, window, """JSON.stringify(Array.prototype.map.call(
        document.querySelectorAll('.leaflet-control'), function (c) {
        var r = c.getBoundingClientRect(); return [r.left, r.top, r.width, r.height]; }))"""))
    controls.append([view.width() * 0.7, view.height() * 0.25, view.width() * 0.3, view.height() * 0.75])
    mean, differing = _image_diff(grab, small, controls)
    assert differing < 0.05, (mean, differing)
    # and the comparison can tell: the same export moved by 12 px is far off
    moved = small.copy(12, 0, view.width(), view.height())
    assert _image_diff(grab, moved, controls)[1] > 2 * differing


def test_a_user_gazetteer_from_a_newer_version_does_not_stop_the_app(qtbot, make_window):
    """The corrections file cannot be used (a newer mapper wrote it): the window opens, says so,
    and maps articles; the file is left untouched."""
    import sqlite3

    from mapper.core.corrections import default_path
    path = default_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE corrections(x)")
        conn.execute("PRAGMA user_version = 99")
    before = path.read_bytes()
    window = make_window()
    qtbot.waitUntil(lambda: window.last_error is not None, timeout=5_000)
    assert "kept until you quit" in window.last_error
    open_and_wait(qtbot, window, ARTICLES / "normandy-war-graves.txt")
    assert window.session.result.places
    assert path.read_bytes() == before
