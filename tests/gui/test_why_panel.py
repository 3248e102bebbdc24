"""Issue 13, "Why?" in the app: the Details panel says why a place is a place (its rules, its
ranked readings with their score terms, what the confidence means); a toggle lists the names
the rules dropped, and one of them is made a place with real clicks and keys, saved like any
correction and undone with Ctrl+Z. The article is invented and written to tmp_path."""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QInputDialog

from .conftest import open_and_wait
from .test_user_paths import activate, answer_scope, click_row, visible_row_ids

TEXT = ("Flood waters reached the square in Lincoln, Nebraska, on Monday.\n\n"
        "Residents of Victory said the river had never risen so fast, and officials in Victory "
        "closed the bridge. Farmers near Omaha moved their cattle to higher ground.\n")


def _choose_first_reading(seen: list[str]) -> None:
    """Accept the first item of the next item dialog with the keyboard (Enter)."""
    def poll():
        dialog = next((w for w in QApplication.topLevelWidgets()
                       if isinstance(w, QInputDialog) and w.isVisible()), None)
        if dialog is None:
            QTimer.singleShot(50, poll)
            return
        seen.append(dialog.labelText())
        seen.extend(dialog.comboBoxItems())
        QTest.keyClick(dialog, Qt.Key.Key_Return)
    QTimer.singleShot(50, poll)


def test_details_say_why_a_place_is_a_place(qtbot, window, tmp_path):
    path = tmp_path / "flood.txt"
    path.write_text(TEXT, encoding="utf-8")
    open_and_wait(qtbot, window, path)
    place = next(p for p in window.session.result.places if p.name == "Lincoln")
    click_row(qtbot, window, place.id)
    shown = window.details.toPlainText()
    assert "Why this place?" in shown and "Kept as a place by" in shown
    assert place.rules and place.rules[0] in shown
    assert place.ranking and place.ranking[0]["name"] in shown
    assert any(label in shown for label, _ in place.ranking[0]["terms"])  # the named score terms
    assert f"Confidence {place.confidence:.2f}" in shown and "161 km" in shown


def test_a_dropped_name_is_made_a_place_and_undone(qtbot, window, tmp_path):
    path = tmp_path / "flood.txt"
    path.write_text(TEXT, encoding="utf-8")
    open_and_wait(qtbot, window, path)
    panel = window.details_panel
    assert not panel.dropped.isVisible()
    activate(qtbot, window)
    QTest.keyClick(window.table, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(panel.dropped.isVisible, timeout=5_000)
    row = next(i for i in range(panel.dropped.count()) if panel.dropped.item(i).text().startswith("Victory"))
    item = panel.dropped.item(row)
    panel.dropped.scrollToItem(item)
    QTest.mouseClick(panel.dropped.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     panel.dropped.visualItemRect(item).center())
    qtbot.waitUntil(lambda: "not taken as a place" in window.details.toPlainText(), timeout=5_000)
    assert "Dropped by" in window.details.toPlainText()
    # Enter on the item: pick the first reading, then "This article only"
    seen: list[str] = []
    _choose_first_reading(seen)
    answer_scope(qtbot, window, "This article only")
    QTest.keyClick(panel.dropped, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: any(p.source == "user" and p.mentions[0].text == "Victory"
                                for p in window.session.result.places), timeout=10_000)
    assert "Victory" in seen[0]
    made = next(p for p in window.session.result.places if p.source == "user")
    assert len(made.mentions) == 2 and made.id in visible_row_ids(window)
    assert not any(panel.dropped.item(i).text().startswith("Victory") for i in range(panel.dropped.count()))
    assert [e.written for e in window.user.list()] == ["Victory"]
    # Ctrl+Z: the place goes, the name is dropped again, the saved choice is forgotten
    activate(qtbot, window)
    QTest.keyClick(window.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.user.list() == [], timeout=5_000)
    assert made.id not in visible_row_ids(window)
    assert any(panel.dropped.item(i).text().startswith("Victory") for i in range(panel.dropped.count()))


def test_a_confidence_threshold_hides_the_doubtful_places(qtbot, window, tmp_path):
    path = tmp_path / "flood.txt"
    path.write_text(TEXT, encoding="utf-8")
    open_and_wait(qtbot, window, path)
    places = window.session.result.places
    low = [p.id for p in places if p.confidence < 0.9]
    high = [p.id for p in places if p.confidence >= 0.9]
    assert low and high, [(p.name, p.confidence) for p in places]
    spin = window.confidence_filter
    QTest.mouseClick(spin, Qt.MouseButton.LeftButton)
    QTest.keyClick(spin, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(spin, "0.90")
    QTest.keyClick(spin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not set(low) & set(visible_row_ids(window)), timeout=5_000)
    shown = set(visible_row_ids(window))
    assert set(high) <= shown
    assert any(r.startswith("e") for r in shown) or not window.session.result.events  # events stay
