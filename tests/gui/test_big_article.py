"""A ~670 KB article in the real window (issue 11): it opens, the article pane shows all of
it down to its last line, a click on a mention near the end selects that place, and the
window keeps handling events while it works. Not timed: the figures are in
benchmarks/bench_app_bigfile.py."""
from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QTextCursor

from tests.conftest import ROOT

from .conftest import LOAD_TIMEOUT, wait_map_ready

SIZE = 670 * 1024


def big_article(size: int = SIZE) -> str:
    """The repository's articles, repeated until the size (several thousand mentions)."""
    paths = sorted((ROOT / "data" / "articles").glob("*.txt")) + sorted((ROOT / "tests" / "data" / "articles").glob("*.txt"))
    paths = [p for p in paths if len(p.suffixes) == 1]  # English: not the .ru.txt / .ko.txt translations
    texts = [p.read_text(encoding="utf-8").strip() for p in paths]
    parts, total, i = [], 0, 0
    while total < size:
        parts.append(texts[i % len(texts)])
        total += len(parts[-1].encode("utf-8")) + 2
        i += 1
    return "\n\n".join(parts) + "\n\nThe last line of the article names Vladivostok once more.\n"


def test_a_670_kb_article_opens_and_the_window_stays_responsive(qtbot, make_window, tmp_path):
    path = tmp_path / "big.txt"
    path.write_text(big_article(), encoding="utf-8")
    assert path.stat().st_size >= SIZE
    window = make_window()
    ticks = []
    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()
    try:
        with qtbot.waitSignal(window.resultShown, timeout=5 * LOAD_TIMEOUT):
            assert window.open_path(str(path))
            assert window.is_running()
        during_run = len(ticks)
        wait_map_ready(qtbot, window, timeout=2 * LOAD_TIMEOUT)
        qtbot.wait(100)
    finally:
        timer.stop()
    assert during_run >= 5, f"only {during_run} timer ticks while the article was mapped"
    assert len(ticks) > during_run, "no timer ticks after the result was shown"

    result = window.session.result
    view = window.article_view
    text = result.article.text
    assert len(text) >= SIZE - 1024
    assert view.toPlainText().replace("\u2029", "\n") == text
    assert len(result.places) > 10 and sum(len(p.mentions) for p in result.places) > 1000
    assert window.table_model.rowCount() == len(window.session.rows())

    # End (QTextBrowser scrolls to the end with it): the pane shows the article's last line
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_End)
    bar = view.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0 and bar.value() == bar.maximum(), timeout=10_000)
    end = QTextCursor(view.document())
    end.movePosition(QTextCursor.MoveOperation.End)
    assert view.viewport().rect().contains(view.cursorRect(end)), "the end of the article is not in view"

    # a click on the last mention selects its place and highlights its sentence
    last_place, last = max(((p, m) for p in result.places for m in p.mentions), key=lambda pm: pm[1].start)
    assert text[last.start:last.end] == "Vladivostok"
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.to_qt(last.start + 3))
    rect = view.cursorRect(cursor)
    pos = QPoint(rect.center().x() + 2, rect.center().y())
    assert view.viewport().rect().contains(pos)
    assert view.anchorAt(pos) == f"place:{last_place.id}"
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    qtbot.waitUntil(lambda: window.session.selected == last_place.id, timeout=10_000)
    assert view.highlighted_sentence is not None
