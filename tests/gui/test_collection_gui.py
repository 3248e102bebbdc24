"""Collections in the real window, with real .mapper files in tmp_path and real input: keys
for the menu shortcuts, typing into the search, mouse clicks on rows, pins, buttons and story
cells. The system's file dialogs are the only thing answered by the test (as in
test_window_exports): they return a path in tmp_path.
"""
from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog

from mapper.core.collection import ArticleFilter, Collection
from mapper.core.importers import iter_items

from .clicks_helpers import click_feature
from .conftest import LOAD_TIMEOUT, wait_map_ready

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = ROOT / "tests" / "data" / "articles"
YPRES = ROOT / "tests" / "collection" / "data" / "ypres"
#: other engineers add articles (translations) to tests/data/articles: count them, do not assume
N_ARTICLES = len(list(ARTICLES.glob("*.txt")))
N_ALL = N_ARTICLES + 3
#: long enough that a Cancel clicked after the third article lands mid-import on a fast machine
N_FEED = 800
BAYEUX = "Volunteers Restore Headstones at Bayeux War Cemetery Ahead of D-Day Anniversary"
YPRES_TITLES = {"Wreaths Laid in Ypres on Armistice Day", "Armistice Remembrance in Belgium",
                "Hundreds Gather at the Menin Gate as Names of the Missing Are Read"}


@pytest.fixture(scope="module")
def built(tmp_path_factory, pipeline) -> Path:
    """A collection of the test articles and the invented Ypres reports, made by the core;
    each test copies it (the GUI must not change the shared one)."""
    path = tmp_path_factory.mktemp("built") / "news.mapper"
    with Collection.create(path) as c:
        summary = c.add(iter_items([ARTICLES, YPRES]), pipeline=pipeline)
    assert summary.added == N_ALL and summary.failed == 0
    return path


@pytest.fixture
def news(built, tmp_path) -> Path:
    target = tmp_path / "news.mapper"
    target.write_bytes(built.read_bytes())
    return target


def activate(qtbot, window) -> None:
    window.raise_()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5_000)


def press(qtbot, window, key, modifiers=Qt.KeyboardModifier.ControlModifier, widget=None) -> None:
    activate(qtbot, window)
    QTest.keyClick(widget or window.focusWidget() or window, key, modifiers)


def collection_map(window):
    """The collection page's map, where clicks_helpers expect a window's."""
    return SimpleNamespace(map=window.collections.page.map)


def wait_shown(qtbot, window) -> None:
    """Until the collection page's map has drawn."""
    wait_map_ready(qtbot, collection_map(window))


def open_with_keys(qtbot, window, monkeypatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), "")))
    with qtbot.waitSignal(window.collections.collectionShown, timeout=LOAD_TIMEOUT):
        press(qtbot, window, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    wait_shown(qtbot, window)


def add_folder_with_keys(qtbot, window, monkeypatch, folder: Path):
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: str(folder)))
    with qtbot.waitSignal(window.collections.importFinished, timeout=LOAD_TIMEOUT) as blocker:
        press(qtbot, window, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    return blocker.args[0]


def click_row(qtbot, window, title: str) -> None:
    page = window.collections.page
    row = next(r for r in range(page.model.rowCount()) if page.model.rows[r].title == title)
    index = page.model.index(row, 0)
    page.list.scrollTo(index)
    QTest.mouseClick(page.list.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     page.list.visualRect(index).center())


def shown_titles(window) -> set[str]:
    return {r.title for r in window.collections.page.model.rows}


def test_create_a_collection_and_add_folders(qtbot, make_window, monkeypatch, tmp_path):
    """Ctrl+Shift+N makes a .mapper file; Ctrl+Alt+A adds a folder in the background; the
    counts show in the view and the summary in the status bar; adding again finds duplicates."""
    window = make_window()
    path = tmp_path / "mine"  # the suffix is added
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(path), "")))
    press(qtbot, window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: window.collections.collection is not None, timeout=10_000)
    assert (tmp_path / "mine.mapper").is_file()
    assert window.collections.in_collection_mode()
    assert not window.table_dock.isVisible()  # the article's docks make way for the collection

    summary = add_folder_with_keys(qtbot, window, monkeypatch, ARTICLES)
    assert (summary.added, summary.failed, summary.cancelled) == (N_ARTICLES, 0, False)
    summary = add_folder_with_keys(qtbot, window, monkeypatch, YPRES)
    assert summary.added == 3
    page = window.collections.page
    qtbot.waitUntil(lambda: page.model.rowCount() == N_ALL, timeout=10_000)
    assert f"{N_ALL} articles" in page.header.text() and "from 3 sources" in page.header.text()
    assert page.count_label.text() == f"{N_ALL} articles"
    assert "3 added, 0 duplicates, 0 failed" in window.statusBar().currentMessage()
    assert not page.pin_bar.isVisible() and not window.collections.import_progress.isVisible()
    # the file on disk holds them (another program may open it)
    with Collection(tmp_path / "mine.mapper") as c:
        assert len(c) == N_ALL
    # the same folder again: nothing new
    summary = add_folder_with_keys(qtbot, window, monkeypatch, YPRES)
    assert (summary.added, summary.duplicates) == (0, 3)
    assert "0 added, 3 duplicates" in window.statusBar().currentMessage()
    # the merged map: Ieper is one pin for the three reports
    wait_shown(qtbot, window)
    ieper = next(p for p in window.collections.pins if p.name == "Ieper")
    assert len(ieper.article_ids) == 3


def test_typed_search_and_place_filter_the_list(qtbot, make_window, monkeypatch, news):
    window = make_window()
    open_with_keys(qtbot, window, monkeypatch, news)
    page = window.collections.page
    assert len(shown_titles(window)) == N_ALL
    press(qtbot, window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert page.search.hasFocus()
    QTest.keyClicks(page.search, "ypres")
    qtbot.waitUntil(lambda: shown_titles(window) == YPRES_TITLES, timeout=5_000)
    assert page.count_label.text() == f"3 of {N_ALL} articles"
    QTest.keyClicks(page.search, " menin")
    qtbot.waitUntil(lambda: len(shown_titles(window)) == 1, timeout=5_000)
    assert shown_titles(window) == {"Hundreds Gather at the Menin Gate as Names of the Missing Are Read"}
    # cleared with the keyboard: all of them again; then the place filter
    page.search.selectAll()
    QTest.keyClick(page.search, Qt.Key.Key_Backspace)
    qtbot.waitUntil(lambda: len(shown_titles(window)) == N_ALL, timeout=5_000)
    page.place_filter.setFocus()
    QTest.keyClicks(page.place_filter, "Bayeux")
    with Collection(news) as c:
        naming = {r.id for r in c.articles(ArticleFilter(place="Bayeux"))}
    assert 1 <= len(naming) < N_ALL
    qtbot.waitUntil(lambda: len(shown_titles(window)) == len(naming), timeout=5_000)
    assert BAYEUX in shown_titles(window)
    # the map follows the filters (but not the pin filter): only those articles' pins
    qtbot.waitUntil(lambda: all(set(p.article_ids) <= naming for p in window.collections.pins), timeout=5_000)
    # the source filter, with the keyboard
    QTest.keyClick(page.place_filter, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(page.place_filter, Qt.Key.Key_Backspace)
    page.source_filter.setFocus()
    QTest.keyClicks(page.source_filter, "Flanders")
    assert page.source_filter.currentText() == "Flanders Herald"
    herald = {"Hundreds Gather at the Menin Gate as Names of the Missing Are Read"}
    qtbot.waitUntil(lambda: shown_titles(window) == herald, timeout=5_000)


def test_clicking_a_pin_filters_the_list_and_clear_undoes_it(qtbot, make_window, monkeypatch, news):
    window = make_window()
    open_with_keys(qtbot, window, monkeypatch, news)
    page = window.collections.page
    result = window.collections.map_result
    ieper = next(p for p in result.places if p.name == "Ieper")
    # close in on it, as a user would zoom, so no neighbour covers it
    page.map.call("flyTo", ieper.id)
    qtbot.wait(1500)
    click_feature(qtbot, collection_map(window), ieper.id)
    qtbot.waitUntil(lambda: page.pin_bar.isVisible(), timeout=10_000)
    assert page.pin_label.text() == "Filtered by pin Ieper: 3 articles"
    assert shown_titles(window) == YPRES_TITLES
    assert page.count_label.text() == f"3 of {N_ALL} articles"
    # the pin's popup lists its articles' sentences, each headed by its article
    popup = json.loads(run_popup_text(qtbot, window))
    assert any("Menin Gate" in t for t in popup) and any("Channel Gazette" in t for t in popup)
    QTest.mouseClick(page.pin_clear, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(shown_titles(window)) == N_ALL, timeout=5_000)
    assert not page.pin_bar.isVisible()


def run_popup_text(qtbot, window) -> str:
    from .conftest import run_js
    script = ("JSON.stringify(Array.prototype.map.call(document.querySelectorAll('.leaflet-popup-content "
              ".mapper-sentence'), function (a) { return a.closest('li') ? a.closest('li').textContent : "
              "a.textContent; }))")
    box: list = []

    def has_popup() -> bool:
        box[:] = [run_js(qtbot, collection_map(window), script)]
        return box[0] not in (None, "[]")
    qtbot.waitUntil(has_popup, timeout=5_000)
    return box[0]


def test_clicking_a_row_opens_the_article_from_its_stored_result(qtbot, make_window, monkeypatch, news,
                                                                  gui_pipeline):
    window = make_window()

    def no_geoparse(*a, **k):
        raise AssertionError("an article of the collection was geoparsed again")
    monkeypatch.setattr(gui_pipeline, "run", no_geoparse)
    open_with_keys(qtbot, window, monkeypatch, news)
    title = "Wreaths Laid in Ypres on Armistice Day"
    with qtbot.waitSignal(window.resultShown, timeout=LOAD_TIMEOUT):
        click_row(qtbot, window, title)
    wait_map_ready(qtbot, window)
    assert not window.collections.in_collection_mode()
    assert window.session.result.article.title == title
    assert "Cloth Hall" in window.article_view.toPlainText()
    assert {p.name for p in window.session.result.places} == {"Ieper"}
    assert window.table_dock.isVisible()  # the article's own table is back
    assert title in window.collections.back_label.text()
    # back with the button, then Enter on another row (keyboard)
    QTest.mouseClick(window.collections.back_button, Qt.MouseButton.LeftButton)
    assert window.collections.in_collection_mode()
    page = window.collections.page
    assert page.list.hasFocus()
    row = next(r for r in range(page.model.rowCount()) if page.model.rows[r].title == BAYEUX)
    page.list.setCurrentIndex(page.model.index(row, 0))
    with qtbot.waitSignal(window.resultShown, timeout=LOAD_TIMEOUT):
        QTest.keyClick(page.list, Qt.Key.Key_Return)
    assert window.session.result.article.title == BAYEUX
    with Collection(news) as c:
        stored = c.result(next(r.id for r in c.articles() if r.title == BAYEUX))
    assert [p.name for p in window.session.result.places] == [p.name for p in stored.places]
    # Ctrl+1 returns to the collection too
    press(qtbot, window, Qt.Key.Key_1)
    assert window.collections.in_collection_mode()


def test_story_view_compares_the_ypres_reports(qtbot, make_window, monkeypatch, news):
    window = make_window()
    open_with_keys(qtbot, window, monkeypatch, news)
    press(qtbot, window, Qt.Key.Key_2)
    page = window.collections.page
    stories = page.stories
    assert page.tabs.currentWidget() is stories and stories.list.hasFocus()
    ieper = next(i for i in range(stories.list.count()) if stories.list.item(i).text().startswith("ceremony in Ieper"))
    QTest.keyClick(stories.list, Qt.Key.Key_Home)
    for _ in range(ieper):
        QTest.keyClick(stories.list, Qt.Key.Key_Down)
    assert stories.current_story().title.startswith("ceremony in Ieper")
    table = stories.table
    headers = [table.horizontalHeaderItem(c).text().split("\n")[0] for c in range(table.columnCount())]
    assert headers == ["Verdict", "Daily Courier", "Flanders Herald", "Channel Gazette"]
    rows = {table.verticalHeaderItem(r).text(): r for r in range(table.rowCount())}
    assert set(rows) == {"Place", "Date", "Reported or stated", "Figure: buried"}
    fig = rows["Figure: buried"]
    cells = [stories.cell_text(fig, c) for c in range(table.columnCount())]
    assert cells[0].startswith("✗ Differ") and "overlap" in cells[0]
    assert cells[1:] == ["— not stated", "≠ at least 1,300", "≠ almost 1,400"]
    place = [stories.cell_text(rows["Place"], c) for c in range(1, 4)]
    assert place == ["= Ieper", "≠ Menin Gate", "= Ieper"]
    assert stories.cell_text(rows["Date"], 0).startswith("✓ Agree")
    # colour as well as text: a differing cell is not painted like an agreeing one
    same = table.item(rows["Place"], 1).background().color()
    differs = table.item(rows["Place"], 2).background().color()
    assert same != differs
    # the sentence in the tooltip and below the table
    assert "At least 1,300 soldiers" in table.item(fig, 2).toolTip()
    # keyboard: Tab into the table, move to Flanders Herald's figure, Enter opens it there
    QTest.keyClick(stories.list, Qt.Key.Key_Tab)
    assert table.hasFocus()
    table.setCurrentCell(rows["Place"], 2)
    for _ in range(fig - rows["Place"]):
        QTest.keyClick(table, Qt.Key.Key_Down)
    assert (table.currentRow(), table.currentColumn()) == (fig, 2)
    assert "At least 1,300 soldiers" in stories.sentence.toPlainText()
    assert "Almost 1,400 soldiers" in stories.sentence.toPlainText()  # every source's sentence for the row
    with qtbot.waitSignal(window.resultShown, timeout=LOAD_TIMEOUT):
        QTest.keyClick(table, Qt.Key.Key_Return)
    assert window.session.result.article.title.startswith("Hundreds Gather at the Menin Gate")
    assert "At least 1,300 soldiers" in window.article_view.highlighted_text()


def test_cancel_stops_an_import_and_keeps_what_was_stored(qtbot, make_window, monkeypatch, tmp_path):
    from tests.collection.helpers import write_jsonl
    feed = tmp_path / "feed.jsonl"
    write_jsonl(feed, N_FEED)
    window = make_window()
    path = tmp_path / "big.mapper"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(path), "")))
    press(qtbot, window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: window.collections.collection is not None, timeout=10_000)
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(lambda *a, **k: ([str(feed)], "")))
    press(qtbot, window, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    c = window.collections
    assert c.is_importing()
    qtbot.waitUntil(lambda: c.import_progress.maximum() == N_FEED and c.import_progress.value() >= 3, timeout=60_000)
    # the window answers while it imports: a filter typed now is applied now
    c.page.search.setFocus()
    QTest.keyClicks(c.page.search, "Report")
    qtbot.waitUntil(lambda: c.page.model.rowCount() >= 1, timeout=5_000)
    with qtbot.waitSignal(c.importFinished, timeout=60_000) as blocker:
        QTest.mouseClick(c.import_cancel, Qt.MouseButton.LeftButton)
    summary = blocker.args[0]
    assert summary.cancelled and 3 <= summary.added < N_FEED
    assert "cancelled" in window.statusBar().currentMessage()
    assert not c.import_progress.isVisible() and not c.import_cancel.isVisible()
    with Collection(path) as stored:
        assert len(stored) == summary.added  # every article stored before the cancel stays
    assert c.page.model.rowCount() == summary.added
    # a rerun goes on where it stopped: the stored ones are duplicates, nothing twice
    with qtbot.waitSignal(c.importFinished, timeout=300_000) as blocker:
        press(qtbot, window, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    again = blocker.args[0]
    assert again.duplicates == summary.added and again.added == N_FEED - summary.added
    with Collection(path) as stored:
        assert len(stored) == N_FEED


def test_errors_are_said_in_one_line(qtbot, make_window, monkeypatch, tmp_path):
    window = make_window()
    # adding with no collection open
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(lambda *a, **k: ([str(ARTICLES)], "")))
    window.collections.ask_add_files()
    assert "No collection is open" in window.statusBar().currentMessage() or "Create one" in window.last_error
    # a file that is not a collection
    bogus = tmp_path / "notes.mapper"
    bogus.write_text("just some notes\n" * 50, encoding="utf-8")
    assert not window.collections.open_collection(str(bogus))
    assert "not a mapper collection" in window.last_error or "damaged" in window.last_error
    assert "\n" not in window.last_error
    assert window.collections.collection is None
    # an unreadable item inside an import: counted as failed, the rest goes in, the message names it
    path = tmp_path / "c.mapper"
    assert window.collections.new_collection(str(path))
    feed = tmp_path / "broken.jsonl"
    feed.write_text(json.dumps({"text": (ARTICLES / "turkey-earthquake.txt").read_text(encoding="utf-8")})
                    + "\nthis is not json\n", encoding="utf-8")
    with qtbot.waitSignal(window.collections.importFinished, timeout=LOAD_TIMEOUT) as blocker:
        assert window.collections.add_paths([str(feed)])
    summary = blocker.args[0]
    assert (summary.added, summary.failed) == (1, 1)
    assert "broken.jsonl:2" in window.last_error
    assert "1 added, 0 duplicates, 1 failed" in window.statusBar().currentMessage()


def test_the_new_actions_are_in_the_shortcut_table(make_window):
    from mapper.gui.help import shortcut_rows
    rows = dict((what, keys) for keys, what in shortcut_rows(make_window()))
    assert rows["New collection"] == "Ctrl+Shift+N"
    assert rows["Open collection"] == "Ctrl+Shift+O"
    assert rows["Add articles to collection"] == "Ctrl+Shift+A"
    assert rows["Stories (sources side by side)"] == "Ctrl+2"
    assert any(keys.startswith("Enter on an article in the collection") for keys in rows.values())
    assert any(keys.startswith("Enter on a cell of a story") for keys in rows.values())


def test_the_timeline_spans_the_collection_and_filters_by_keyboard(qtbot, make_window, monkeypatch, news):
    window = make_window()
    open_with_keys(qtbot, window, monkeypatch, news)
    page = window.collections.page
    with Collection(news) as c:
        dates = c.timeline_dates()
        span = c.timeline()
    # from the first event (or publication) date of any article to the last
    assert page.timeline.dates() == dates and dates[0] == span.start and dates[-1] == span.end
    page.timeline.setFocus()
    QTest.keyClick(page.timeline, Qt.Key.Key_Home)  # the high handle to the first date
    first = dates[0]
    with Collection(news) as c:
        expected = {r.title for r in c.articles(ArticleFilter(period=(first, first)))}
    assert 1 <= len(expected) < N_ALL
    qtbot.waitUntil(lambda: shown_titles(window) == expected, timeout=5_000)
    assert page.timeline_label.text() == first
    QTest.keyClick(page.timeline, Qt.Key.Key_End)
    qtbot.waitUntil(lambda: len(shown_titles(window)) == N_ALL, timeout=5_000)
    assert page.timeline_label.text() == "All dates"
