"""Real mouse input on the map page: the page says where a feature is (screenPoint), and
QTest presses, moves and releases the mouse there, on the widget that receives the page's
input, exactly as a user's mouse would."""
from __future__ import annotations

import json

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from .conftest import run_js


def page_input_widget(window):
    """The child widget QtWebEngine renders into: real input arrives there."""
    return window.map.focusProxy() or window.map


def screen_point(qtbot, window, item_id: str) -> QPoint | None:
    value = run_js(qtbot, window, f"JSON.stringify(window.mapperMap.screenPoint({json.dumps(item_id)}))")
    pt = json.loads(value) if value else None
    if not pt:
        return None
    zoom = window.map.zoomFactor() or 1.0
    return QPoint(round(pt["x"] * zoom), round(pt["y"] * zoom))


def click_feature(qtbot, window, item_id: str, button=Qt.MouseButton.LeftButton) -> QPoint:
    pt = screen_point(qtbot, window, item_id)
    assert pt is not None, f"{item_id} is not on screen"
    QTest.mouseClick(page_input_widget(window), button, Qt.KeyboardModifier.NoModifier, pt)
    return pt


def drag_pin(qtbot, window, item_id: str, dx: int, dy: int) -> None:
    """Press on the pin, move in steps, release dx, dy pixels away."""
    widget = page_input_widget(window)
    start = screen_point(qtbot, window, item_id)
    assert start is not None, f"{item_id} is not on screen"
    QTest.mousePress(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for i in range(1, 9):
        QTest.mouseMove(widget, start + QPoint(dx * i // 8, dy * i // 8))
        qtbot.wait(15)
    QTest.mouseRelease(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start + QPoint(dx, dy))
