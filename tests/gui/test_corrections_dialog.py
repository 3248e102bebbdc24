"""The corrections manager, driven by real input: clicks on rows and buttons, typing in the
search box, the Delete key, clicks in the confirmation box. The user gazetteer is a real
SQLite file under tmp_path; the file chooser is injected (a path provider)."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox

from mapper.core.corrections import UserGazetteer, article_key
from mapper.core.models import Candidate
from mapper.gui.corrections_dialog import CorrectionsDialog

TEXT = "The mayor of Springfield met Senator Jubilee Carter in Chicago on Monday."


@pytest.fixture
def user(tmp_path):
    ug = UserGazetteer(tmp_path / "user.sqlite")
    ug.put("Springfield", target=Candidate(key="user:s", name="Springfield", lat=10.0, lon=20.0, country="TD",
                                           kind="city"))
    ug.put("Jubilee", scope="article", article=article_key(TEXT), title="Mayor meets senator", action="not_place")
    ug.put("Peoria", target=Candidate(key="gn:1", name="Peoria", lat=40.69, lon=-89.59, country="US", kind="city"))
    yield ug
    ug.close()


@pytest.fixture
def make_dialog(qtbot, user):
    def make(choose_path=None):
        dialog = CorrectionsDialog(user, None, choose_path=choose_path)
        dialog.quiet = True
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        return dialog
    return make


def names(dialog) -> list[str]:
    return [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]


def row_of(dialog, name: str) -> int:
    return names(dialog).index(name)


def click_row(dialog, name: str, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    table = dialog.table
    rect = table.visualRect(table.model().index(row_of(dialog, name), 0))
    QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())


def answer(qtbot, dialog, button) -> None:
    qtbot.waitUntil(lambda: dialog.confirm_box is not None and dialog.confirm_box.isVisible())
    box = dialog.confirm_box
    QTest.mouseClick(box.button(button), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not box.isVisible())


def test_table_shows_every_correction(make_dialog):
    dialog = make_dialog()
    assert names(dialog) == ["Peoria", "Jubilee", "Springfield"]  # newest first
    cells = [dialog.table.item(row_of(dialog, "Jubilee"), c).text() for c in range(5)]
    assert cells[:4] == ["Jubilee", "not a place", "not a place", "this article: Mayor meets senator"]
    assert cells[4][:2] == "20"  # a date
    spr = [dialog.table.item(row_of(dialog, "Springfield"), c).text() for c in range(4)]
    assert spr[1] == "placed" and "10.0000, 20.0000" in spr[2] and spr[3] == "everywhere"
    assert not dialog.forget_button.isEnabled()  # nothing selected


def test_search_box_filters_as_the_user_types(qtbot, make_dialog):
    dialog = make_dialog()
    dialog.search.setFocus()
    QTest.keyClicks(dialog.search, "spring")
    assert names(dialog) == ["Springfield"]
    for _ in range(6):
        QTest.keyClick(dialog.search, Qt.Key.Key_Backspace)
    assert len(names(dialog)) == 3
    QTest.keyClicks(dialog.search, "senator")  # the article's title
    assert names(dialog) == ["Jubilee"]
    QTest.keyClicks(dialog.search, "xyz")
    assert names(dialog) == []


def test_forget_button_asks_then_forgets(qtbot, make_dialog, user):
    dialog = make_dialog()
    click_row(dialog, "Springfield")
    assert dialog.forget_button.isEnabled()
    with qtbot.assertNotEmitted(dialog.changed):
        QTest.mouseClick(dialog.forget_button, Qt.MouseButton.LeftButton)
        answer(qtbot, dialog, QMessageBox.StandardButton.No)
    assert "Springfield" in names(dialog) and user.get("Springfield") is not None

    click_row(dialog, "Springfield")
    with qtbot.waitSignal(dialog.changed, timeout=5000):
        QTest.mouseClick(dialog.forget_button, Qt.MouseButton.LeftButton)
        answer(qtbot, dialog, QMessageBox.StandardButton.Yes)
    assert names(dialog) == ["Peoria", "Jubilee"]
    assert user.get("Springfield") is None and len(user.list()) == 2


def test_delete_key_forgets_the_selected_rows(qtbot, make_dialog, user):
    dialog = make_dialog()
    click_row(dialog, "Peoria")
    click_row(dialog, "Jubilee", Qt.KeyboardModifier.ControlModifier)
    assert len(dialog.selected_ids()) == 2
    with qtbot.waitSignal(dialog.changed, timeout=5000):
        QTest.keyClick(dialog.table, Qt.Key.Key_Delete)
        answer(qtbot, dialog, QMessageBox.StandardButton.Yes)
    assert names(dialog) == ["Springfield"]
    assert [e.written for e in user.list()] == ["Springfield"]


def test_export_then_import_through_the_buttons(qtbot, make_dialog, user, tmp_path):
    out = tmp_path / "mine.csv"
    asked = []

    def choose(mode):
        asked.append(mode)
        return str(out)
    dialog = make_dialog(choose)
    with qtbot.assertNotEmitted(dialog.changed):
        QTest.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert asked == ["export"] and out.is_file() and "Exported 3" in dialog.status.text()

    for e in user.list():
        user.forget(e.id)
    dialog.refresh()
    assert names(dialog) == []
    with qtbot.waitSignal(dialog.changed, timeout=5000):
        QTest.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert asked == ["export", "import"]
    assert sorted(names(dialog)) == ["Jubilee", "Peoria", "Springfield"]
    assert dialog.last_error is None


def test_a_bad_csv_is_a_clear_message_and_imports_nothing(qtbot, make_dialog, user, tmp_path):
    good = tmp_path / "good.csv"
    user.export_csv(good)
    bad = tmp_path / "bad.csv"
    bad.write_text(good.read_text(encoding="utf-8").replace("everywhere", "somewhere", 1), encoding="utf-8")
    for e in user.list():
        user.forget(e.id)
    dialog = make_dialog(lambda mode: str(bad))
    with qtbot.assertNotEmitted(dialog.changed), qtbot.waitSignal(dialog.errorShown, timeout=5000):
        QTest.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert "unknown scope" in dialog.last_error and "nothing was imported" in dialog.last_error
    assert dialog.error_box.textFormat() == Qt.TextFormat.PlainText
    assert names(dialog) == [] and user.list() == []


def test_cancelled_file_choice_does_nothing(qtbot, make_dialog, user):
    dialog = make_dialog(lambda mode: None)
    with qtbot.assertNotEmitted(dialog.changed):
        QTest.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
        QTest.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert len(names(dialog)) == 3 and dialog.last_error is None
