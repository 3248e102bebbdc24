"""Russian and Korean articles in the real window, with real input only (issue 16): a click on
a pin opens its popup with the article's own sentence and highlights that sentence; a click on
a Korean mention in the article pane selects its place; the export carries the original
sentence; the language is changed through the Edit menu with the mouse and the keyboard."""
from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from mapper.gui.app import focus_marker_js

from .clicks_helpers import click_feature
from .conftest import LOAD_TIMEOUT, open_and_wait, run_js
from .test_article_clicks import click, point_of, scroll_to_show

ARTICLES = Path(__file__).resolve().parents[1] / "data" / "articles"


def _local_place(window):
    """A city the article names in its own script, shown with the English name beside it
    ("앙카라 (Ankara)")."""
    for p in window.session.result.places:
        if p.kind == "city" and p.local_name and p.name.startswith(f"{p.local_name} (") and p.mentions:
            return p
    raise AssertionError(f"no city with a local name in {[p.name for p in window.session.result.places]}")


def _popup_text(qtbot, window) -> str | None:
    return run_js(qtbot, window, "(function(){var c = document.querySelector('.leaflet-popup-content .mapper-popup');"
                                 " return c ? c.textContent : null;})()")


def test_a_pin_of_a_korean_article_opens_its_popup_and_sentence(qtbot, window):
    open_and_wait(qtbot, window, ARTICLES / "turkey-earthquake.ko.txt")
    result = window.session.result
    assert result.language == "ko"
    city = _local_place(window)
    mention = city.mentions[0]
    sentence = result.sentences[mention.sentence].text.strip()
    assert run_js(qtbot, window, focus_marker_js(city.id)) is True
    qtbot.wait(300)
    click_feature(qtbot, window, city.id)
    qtbot.waitUntil(lambda: window.article_view.highlighted_sentence is not None, timeout=10_000)
    # the pane highlights the Korean sentence the pin came from
    assert window.session.selected == city.id
    assert window.article_view.highlighted_text().strip() == sentence
    # the popup names the place in Korean and in English, and quotes the same sentence
    qtbot.waitUntil(lambda: _popup_text(qtbot, window) is not None, timeout=5_000)
    popup = _popup_text(qtbot, window)
    assert city.name in popup
    assert sentence[:20] in popup


def test_a_click_on_a_korean_mention_selects_its_place(qtbot, window):
    open_and_wait(qtbot, window, ARTICLES / "turkey-earthquake.ko.txt")
    view = window.article_view
    city = _local_place(window)
    mention = city.mentions[-1]
    # the mention is drawn at its own characters: the text there is the name the article wrote
    assert window.session.result.article.text[mention.start:mention.end] == mention.text
    scroll_to_show(qtbot, view, mention.start + 1)
    pos = point_of(view, mention.start + 1)
    assert view.anchorAt(pos) == f"place:{city.id}"
    click(qtbot, view, pos)
    qtbot.waitUntil(lambda: window.session.selected == city.id, timeout=10_000)
    assert mention.text in view.highlighted_text()


def test_a_russian_export_keeps_the_original_sentence(qtbot, window, tmp_path):
    open_and_wait(qtbot, window, ARTICLES / "turkey-earthquake.ru.txt")
    result = window.session.result
    out = tmp_path / "map.geojson"
    assert window.export("geojson", str(out)), window.last_error
    features = json.loads(out.read_text("utf-8"))["features"]
    city = _local_place(window)
    props = next(f["properties"] for f in features
                 if f["properties"]["feature"] == "place" and f["properties"]["place"] == city.id)
    assert props["name"] == city.name  # "Элязыг (Elazığ)": the article's name and the English one
    quoted = props["sentences"][0]
    assert quoted["text"] == city.mentions[0].text
    assert quoted["sentence_text"].strip() == result.sentences[city.mentions[0].sentence].text.strip()
    assert city.mentions[0].text in quoted["sentence_text"]


def _open_menu_path(qtbot, window, top: str, *keys: str) -> None:
    """Click a menu bar title with the mouse, then walk the menus with mnemonic keys: each key
    but the last opens a submenu, which must be the open popup before the next key."""
    bar = window.menuBar()
    action = next(a for a in bar.actions() if a.text().replace("&", "") == top)
    QTest.mouseClick(bar, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     bar.actionGeometry(action).center())
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not None, timeout=5_000)
    for i, key in enumerate(keys):
        popup = QApplication.activePopupWidget()
        QTest.keyClick(popup, key)
        if i < len(keys) - 1:
            qtbot.waitUntil(lambda p=popup: QApplication.activePopupWidget() not in (None, p), timeout=5_000)


def test_the_language_is_changed_from_the_edit_menu_by_mouse_and_keys(qtbot, window):
    open_and_wait(qtbot, window, ARTICLES / "turkey-earthquake.ru.txt")
    label = window.language_label
    assert label.isVisible() and label.text() == "Language: Russian (detected)"
    russian = len(window.session.result.places)
    # a place is selected (a click on its mention) and its details are shown
    view = window.article_view
    city = _local_place(window)
    scroll_to_show(qtbot, view, city.mentions[0].start + 1)
    click(qtbot, view, point_of(view, city.mentions[0].start + 1))
    qtbot.waitUntil(lambda: window.details_panel.shown is not None, timeout=10_000)
    with qtbot.waitSignal(window.resultShown, timeout=LOAD_TIMEOUT):
        _open_menu_path(qtbot, window, "Edit", "l", "e")  # Edit › Article language › English
    assert label.text() == "Language: English (your choice)"
    # the Russian reading's place is gone, and so are its details and buttons
    assert window.details_panel.shown is None and not window.details_panel.coords_button.isEnabled()
    assert window.table_model.rowCount() < russian or len(window.session.result.places) < russian
    with qtbot.waitSignal(window.resultShown, timeout=LOAD_TIMEOUT):
        _open_menu_path(qtbot, window, "Edit", "l", "d")  # › Detect automatically
    assert label.text() == "Language: Russian (detected)"
    assert len(window.session.result.places) == russian


def test_hangul_is_drawn_with_a_korean_font(window):
    """The article pane's text layout finds glyphs for Hangul (fonts-nanum on Linux): the text
    is drawn, not missing-glyph boxes (glyph 0)."""
    from PySide6.QtGui import QTextLayout
    layout = QTextLayout("평양에서 회담", window.article_view.document().defaultFont())
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    runs = layout.glyphRuns()
    glyphs = [g for run in runs for g in run.glyphIndexes()]
    assert len(glyphs) >= 6 and 0 not in glyphs, [run.rawFont().familyName() for run in runs]
