"""Screenshots of the "Why?" panel (issue 13), made with real clicks in the real window:
a kept place with its rules and score terms, a ranked namesake, and a dropped name with
the rule that dropped it.

    .venv/bin/python tools/issue13_screenshots.py OUT_DIR

The article is invented here; a throw-away user data folder is used.
"""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["MAPPER_DATA_DIR"] = tempfile.mkdtemp(prefix="mapper-shots-")

from issue11_screenshots import open_article, pause  # noqa: E402
from PySide6.QtCore import QPoint, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

TEXT = ("Flood waters reached the square in Lincoln, Nebraska, on Monday.\n\n"
        "Residents of Victory said the river had never risen so fast, and officials in Victory "
        "closed the bridge. Farmers near Omaha moved their cattle to higher ground, and the mayor "
        "of Paris, Texas, sent two trucks of sandbags.\n")


def click_row(app, window, place_id: str) -> None:
    index = window.proxy.mapFromSource(window.table_model.index(window.table_model.row_of(place_id), 1))
    window.table.scrollTo(index)
    QTest.mouseClick(window.table.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     window.table.visualRect(index).center())
    pause(app, 0.8)


def main(out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    from mapper.gui.window import MainWindow
    window = MainWindow()
    window.quiet = True
    window.resize(1400, 1000)
    window.show()
    article = Path(tempfile.mkdtemp()) / "flood.txt"
    article.write_text(TEXT, encoding="utf-8")
    open_article(app, window, article)
    window.resizeDocks([window.details_dock], [620], Qt.Orientation.Horizontal)
    window.resizeDocks([window.details_dock], [560], Qt.Orientation.Vertical)
    by_name = {p.name: p for p in window.session.result.places}
    click_row(app, window, by_name["Lincoln"].id)
    window.details.scrollToAnchor("why")
    pause(app, 0.2)
    window.grab().save(str(out / "why-kept-place.png"))
    paris = next(p for p in window.session.result.places if p.name.startswith("Paris"))
    click_row(app, window, paris.id)
    window.details.scrollToAnchor("why")
    pause(app, 0.2)
    window.grab().save(str(out / "why-ranked-namesake.png"))
    panel = window.details_panel
    # on the box itself: a QCheckBox takes clicks on its box and label, not on the empty width
    QTest.mouseClick(panel.show_dropped, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     QPoint(8, panel.show_dropped.height() // 2))
    pause(app, 0.3)
    row = next(i for i in range(panel.dropped.count()) if panel.dropped.item(i).text().startswith("Victory"))
    QTest.mouseClick(panel.dropped.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     panel.dropped.visualItemRect(panel.dropped.item(row)).center())
    pause(app, 0.5)
    window.grab().save(str(out / "why-dropped-name.png"))
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "docs" / "issue13")))
