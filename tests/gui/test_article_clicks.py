"""Clicks and keys in the article pane, with real input only (QTest mouse and key events at
the pixel position of a character), in the real window (issue 11).

The articles are invented here: a city named in the first paragraph and again after forty
place-free sentences, with a country named in every sentence in between, so a pane that
jumps to the first mention puts that country's sentences under the pointer."""
from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor

from .conftest import open_and_wait

FILLER = "The committee discussed the budget at length and then adjourned until the next session. "
COUNTRY = ("A delegation from the United States arrived with long proposals about fishing quotas, "
           "shipping lanes, customs rules and the harbours of the whole region. ")
ARTICLE = ("Officials gathered in Vladivostok on Monday for talks on fishing.\n\n"
           + COUNTRY * 12 + "\n\n"
           + FILLER * 40 + "\n\n"
           + "Talks later moved to Osaka, where the ministers met again on Thursday evening.\n\n"
           + FILLER * 5 + "\n\n"
           + "The closing ceremony was held in Vladivostok on Friday.\n\n"
           + FILLER * 30 + "\n")
EMOJI_ARTICLE = ("🌊🚢 Harbour news 😀👍🏽.\n\n"
                 "Officials 🇯🇵 met in Osaka on Monday 🎉.\n\n"
                 "Fishing boats 🐟🐟🐟 left Busan for Nagasaki on Tuesday.\n")


# ---- helpers ------------------------------------------------------------------------------
def open_article(qtbot, make_window, tmp_path, text: str, name: str = "article.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    window = make_window()
    open_and_wait(qtbot, window, path)
    return window


def place(window, name: str):
    found = [p for p in window.session.result.places if p.name == name]
    assert found, f"no place {name!r} in {[p.name for p in window.session.result.places]}"
    return found[0]


def point_of(view, offset: int) -> QPoint:
    """The viewport pixel of the character at a Python offset (its middle)."""
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.to_qt(offset))
    rect = view.cursorRect(cursor)
    return QPoint(rect.center().x() + 2, rect.center().y())


def scroll_to_show(qtbot, view, offset: int, *, fraction: float = 0.6) -> None:
    """Scroll with the scroll bar so the character sits at `fraction` of the pane's height."""
    bar = view.verticalScrollBar()
    y = point_of(view, offset).y()
    bar.setValue(bar.value() + y - int(view.viewport().height() * fraction))
    qtbot.wait(50)
    y = point_of(view, offset).y()
    assert 0 < y < view.viewport().height(), "the character is not in view"


def click(qtbot, view, pos: QPoint) -> None:
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)


# ---- 1. a mention click after scrolling: that place, that sentence -----------------------
def test_click_on_a_later_mention_after_scrolling_selects_it_and_its_sentence(qtbot, make_window, tmp_path):
    window = open_article(qtbot, make_window, tmp_path, ARTICLE)
    view = window.article_view
    city = place(window, "Vladivostok")
    country = place(window, "United States")
    first, later = sorted(city.mentions, key=lambda m: m.start)
    assert later.sentence > first.sentence + 40
    scroll_to_show(qtbot, view, later.start + 3)
    pos = point_of(view, later.start + 3)
    assert view.anchorAt(pos) == f"place:{city.id}", "the click position is not on the mention"
    scrolled = view.verticalScrollBar().value()
    assert scrolled > 0

    click(qtbot, view, pos)
    qtbot.waitUntil(lambda: window.session.selected is not None, timeout=10_000)
    qtbot.wait(100)  # a second (wrong) selection would come right after the first
    assert window.session.selected == city.id, (
        f"selected {window.session.place(window.session.selected).name!r}, not {city.name!r}")
    assert window.session.selected != country.id

    assert view.highlighted_sentence == later.sentence, "the first mention's sentence was highlighted"
    assert "closing ceremony" in view.highlighted_text()
    assert view.verticalScrollBar().value() == scrolled, "the pane jumped though the sentence was in view"


def test_mention_click_sends_place_and_sentence_once(qtbot, make_window, tmp_path):
    window = open_article(qtbot, make_window, tmp_path, ARTICLE)
    view = window.article_view
    city = place(window, "Vladivostok")
    later = max(city.mentions, key=lambda m: m.start)
    scroll_to_show(qtbot, view, later.start + 3)
    mentions, places, sentences = [], [], []
    view.mentionClicked.connect(lambda pid, sid: mentions.append((pid, sid)))
    view.placeClicked.connect(places.append)
    view.sentenceClicked.connect(sentences.append)
    click(qtbot, view, point_of(view, later.start + 3))
    qtbot.waitUntil(lambda: bool(mentions), timeout=5_000)
    qtbot.wait(100)
    assert mentions == [(city.id, later.sentence)]
    assert places == [city.id]
    assert sentences == []  # the same release is not read again as a sentence click


# ---- 2. a sentence click after scrolling --------------------------------------------------
def test_click_on_plain_words_after_scrolling_selects_the_sentence_place(qtbot, make_window, tmp_path):
    window = open_article(qtbot, make_window, tmp_path, ARTICLE)
    view = window.article_view
    osaka = place(window, "Osaka")
    mention = osaka.mentions[0]
    sentence = window.session.result.sentences[mention.sentence]
    at = sentence.start + sentence.text.index("ministers") + 3  # a word, not a mention
    scroll_to_show(qtbot, view, at)
    pos = point_of(view, at)
    assert not view.anchorAt(pos)
    click(qtbot, view, pos)
    qtbot.waitUntil(lambda: view.highlighted_sentence == sentence.id, timeout=10_000)
    assert window.session.selected == osaka.id


def test_a_drag_is_not_a_click(qtbot, make_window, tmp_path):
    window = open_article(qtbot, make_window, tmp_path, ARTICLE)
    view = window.article_view
    osaka = place(window, "Osaka")
    sentence = window.session.result.sentences[osaka.mentions[0].sentence]
    at = sentence.start + sentence.text.index("ministers")
    scroll_to_show(qtbot, view, at)
    start, end = point_of(view, at), point_of(view, at + 12)
    clicks = []
    view.sentenceClicked.connect(clicks.append)
    view.mentionClicked.connect(lambda *a: clicks.append(a))
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(view.viewport(), pos=QPoint((start.x() + end.x()) // 2, start.y()))
    qtbot.mouseMove(view.viewport(), pos=end)
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=end)
    qtbot.wait(100)
    assert view.textCursor().hasSelection()
    assert clicks == []
    assert window.session.selected is None


# ---- 3. characters outside the BMP before a mention ---------------------------------------
def test_click_after_emoji_selects_the_right_place(qtbot, make_window, tmp_path):
    window = open_article(qtbot, make_window, tmp_path, EMOJI_ARTICLE, "emoji.txt")
    view = window.article_view
    text = window.session.result.article.text
    assert sum(ord(ch) > 0xFFFF for ch in text) >= 8
    for name in ("Osaka", "Busan", "Nagasaki"):
        p = place(window, name)
        m = p.mentions[0]
        assert text[m.start:m.end] == name
        # Qt positions count the emoji twice; the offsets convert both ways
        cursor = QTextCursor(view.document())
        cursor.setPosition(view.to_qt(m.start))
        cursor.setPosition(view.to_qt(m.end), QTextCursor.MoveMode.KeepAnchor)
        assert cursor.selectedText() == name
        assert view.from_qt(view.to_qt(m.start)) == m.start
        pos = point_of(view, m.start + 2)
        assert view.anchorAt(pos) == f"place:{p.id}"
        click(qtbot, view, pos)
        qtbot.waitUntil(lambda pid=p.id: window.session.selected == pid, timeout=10_000)
        assert view.highlighted_sentence == m.sentence
        assert name in view.highlighted_text()


def test_offsets_round_trip_with_astral_characters(qtbot, make_window, tmp_path):
    window = open_article(qtbot, make_window, tmp_path, EMOJI_ARTICLE, "emoji.txt")
    view = window.article_view
    text = window.session.result.article.text
    assert view.toPlainText().replace("\u2029", "\n") == text.replace("\u2029", "\n")
    qt = 0
    for i, ch in enumerate(text):
        assert view.to_qt(i) == qt
        assert view.from_qt(qt) == i
        if ord(ch) > 0xFFFF:
            assert view.from_qt(qt + 1) == i  # inside the surrogate pair: its character
            qt += 2
        else:
            qt += 1
    assert view.to_qt(len(text)) == qt == view.document().characterCount() - 1  # UTF-16 units


# ---- keyboard: Tab to a mention, Enter activates it ---------------------------------------
def test_tab_and_enter_activate_a_mention(qtbot, make_window, tmp_path):
    window = open_article(qtbot, make_window, tmp_path, EMOJI_ARTICLE, "emoji.txt")
    view = window.article_view
    window.activateWindow()  # keys go to the active window (a window manager would make it active)
    qtbot.waitUntil(lambda: window.isActiveWindow(), timeout=5_000)
    view.setFocus()
    drawn = sorted((m.start, m.end, p.id, m.sentence) for p in window.session.result.places for m in p.mentions)
    text = window.session.result.article.text
    got = []
    view.mentionClicked.connect(lambda pid, sid: got.append((pid, sid)))
    for _ in range(2):  # Tab, Tab: the second mention
        qtbot.keyClick(view, Qt.Key.Key_Tab)
    start, end, pid, sid = drawn[1]
    assert view.textCursor().selectedText() == text[start:end]
    qtbot.keyClick(view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.session.selected == pid, timeout=10_000)
    assert got == [(pid, sid)]
    # back to the first: Shift+Tab arrives as Backtab with Shift held, as a keyboard sends it
    qtbot.keyClick(view, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    start, end, pid, sid = drawn[0]
    assert view.textCursor().selectedText() == text[start:end]
    qtbot.keyClick(view, Qt.Key.Key_Enter)
    qtbot.waitUntil(lambda: window.session.selected == pid, timeout=10_000)
    assert got[-1] == (pid, sid)
    assert view.highlighted_sentence == sid


# ---- the highlight scrolls only when the sentence is not in view --------------------------
def test_row_click_scrolls_the_pane_only_when_needed(qtbot, make_window, tmp_path):
    window = open_article(qtbot, make_window, tmp_path, ARTICLE)
    view = window.article_view
    osaka = place(window, "Osaka")
    bar = view.verticalScrollBar()
    assert bar.value() == 0
    index = window.proxy.mapFromSource(window.table_model.index(window.table_model.row_of(osaka.id), 1))
    window.table.scrollTo(index)
    qtbot.mouseClick(window.table.viewport(), Qt.MouseButton.LeftButton, pos=window.table.visualRect(index).center())
    qtbot.waitUntil(lambda: window.session.selected == osaka.id, timeout=10_000)
    s = window.session.result.sentences[osaka.mentions[0].sentence]
    assert bar.value() > 0, "the sentence far below was not brought into view"
    assert view.is_fully_visible(view.to_qt(s.start), view.to_qt(s.end))
    # scroll a little: the sentence stays in view, and a second click leaves the pane alone
    bar.setValue(bar.value() + 20)
    qtbot.wait(50)
    assert view.is_fully_visible(view.to_qt(s.start), view.to_qt(s.end))
    kept = bar.value()
    window.table.clearSelection()
    qtbot.mouseClick(window.table.viewport(), Qt.MouseButton.LeftButton, pos=window.table.visualRect(index).center())
    qtbot.wait(200)
    assert bar.value() == kept


# ---- copying table rows (Ctrl+C and drag use the model's mimeData) ------------------------
def test_table_rows_copy_with_every_column_and_the_sentence(qtmodeltester, sample_result):
    import csv
    import io

    from mapper.core.session import Session
    from mapper.gui.table_model import COPY_FIELDS, ResultFilterModel, ResultTableModel, row_as_text

    session = Session(sample_result)
    rows = session.rows()
    model = ResultTableModel()
    model.set_rows(rows, sentence_text=lambda i: session.sentences[i].text)
    proxy = ResultFilterModel()
    proxy.setSourceModel(model)
    qtmodeltester.check(model)
    vlad = next(r for r in rows if r.layer == "place" and r.name == "Vladivostok")
    event = next(r for r in rows if r.layer == "event")
    sentence = session.sentences[vlad.sentence].text

    line = row_as_text(vlad, lambda i: session.sentences[i].text)
    assert line.split("\t") == [vlad.name, vlad.kind, vlad.country, vlad.date, f"{vlad.lat:.4f}", f"{vlad.lon:.4f}",
                                f"{vlad.confidence:.2f}", vlad.source, " ".join(sentence.split())]
    assert row_as_text(vlad).split("\t")[-1] == ""  # without a lookup: no sentence

    # a selected row is every column of it, as the table's selection gives them
    def selected(item_id):
        src = model.row_of(item_id)
        return [proxy.mapFromSource(model.index(src, c)) for c in range(model.columnCount())]

    assert model.mimeTypes() == ["text/plain", "text/csv"]
    assert proxy.flags(selected(vlad.id)[1]) & Qt.ItemFlag.ItemIsDragEnabled
    mime = proxy.mimeData(selected(vlad.id) + selected(event.id))
    lines = mime.text().splitlines()
    assert lines == [line, row_as_text(event, lambda i: session.sentences[i].text)]
    table = list(csv.reader(io.StringIO(bytes(mime.data("text/csv")).decode("utf-8"))))
    assert table[0] == COPY_FIELDS
    assert table[1][:3] == [vlad.name, vlad.kind, vlad.country]
    assert table[1][-1] == sentence  # CSV keeps the sentence as written
    assert len(table) == 3
    assert proxy.mimeData([]) is None


def test_fit_columns_is_as_wide_as_resize_to_contents(qtbot, sample_result):
    from PySide6.QtWidgets import QTableView

    from mapper.core.session import Session
    from mapper.gui.table_model import ResultFilterModel, ResultTableModel, fit_columns

    model = ResultTableModel()
    model.set_rows(Session(sample_result).rows())
    proxy = ResultFilterModel()
    proxy.setSourceModel(model)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(proxy)
    view.show()
    view.resizeColumnsToContents()
    qt = [view.columnWidth(c) for c in range(model.columnCount())]
    mine = fit_columns(view, model, limits={1: 260})
    assert [view.columnWidth(c) for c in range(model.columnCount())] == mine
    assert mine[1] <= 260
    for c, (a, b) in enumerate(zip(mine, qt)):
        assert a >= min(b, 260) - 1, (c, mine, qt)  # never narrower than Qt's fit (1 px rounding)


# ---- the hover tooltip, looked up when asked for -------------------------------------------
def test_hovering_a_mention_after_emoji_shows_its_place(qtbot, make_window, tmp_path):
    from PySide6.QtWidgets import QToolTip

    window = open_article(qtbot, make_window, tmp_path, EMOJI_ARTICLE, "emoji.txt")
    view = window.article_view
    p = place(window, "Nagasaki")
    pos = point_of(view, p.mentions[0].start + 3)
    # tooltips show in the active window only (a window manager would make it active)
    window.activateWindow()
    qtbot.waitUntil(lambda: window.isActiveWindow(), timeout=5_000)
    qtbot.mouseMove(view.viewport(), pos - QPoint(6, 0))
    qtbot.mouseMove(view.viewport(), pos)
    qtbot.waitUntil(QToolTip.isVisible, timeout=5_000)
    assert QToolTip.text().startswith(f"Nagasaki — {p.kind}, {p.country}")
    QToolTip.hideText()
