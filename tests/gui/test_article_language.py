"""The article's language shows in the status bar, and the user can override it (Edit ›
Article language): the same Russian article read as English finds no Russian places."""
from __future__ import annotations

from pathlib import Path

from .conftest import LOAD_TIMEOUT, open_and_wait

ARTICLES = Path(__file__).resolve().parents[1] / "data" / "articles"


def test_language_is_shown_and_can_be_overridden(qtbot, window):
    open_and_wait(qtbot, window, ARTICLES / "turkey-earthquake.ru.txt")
    assert window.session.result.language == "ru"
    assert window.language_label.text() == "Language: Russian (detected)"
    russian_places = {p.name for p in window.session.result.places}
    assert russian_places
    with qtbot.waitSignal(window.resultShown, timeout=LOAD_TIMEOUT):
        window.language_actions["en"].trigger()
    assert window.session.result.language == "en"
    assert window.language_label.text() == "Language: English (your choice)"
    assert len(window.session.result.places) < len(russian_places)
    with qtbot.waitSignal(window.resultShown, timeout=LOAD_TIMEOUT):
        window.language_actions["auto"].trigger()
    assert window.session.result.language == "ru" and window.language_actions["auto"].isChecked()
