"""Issue 15 screenshots: the collection view (merged map, article list, a pin's popup and the
list it filters), an article opened from the collection, and the story view, made with the real
window and real clicks from a collection of tests/data/articles/ (the English articles), the
invented Ypres reports (tests/collection/data/ypres) and two invented reports of the 2020
Elazig earthquake (tools/issue15_articles).

    QT_QPA_PLATFORM=offscreen .venv/bin/python tools/issue15_screenshots.py [OUT_DIR]

The collection is made in a throw-away folder, through File › New collection and Add articles
(the import runs in the window's worker thread); a throw-away user data folder is used.
"""
from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["MAPPER_DATA_DIR"] = tempfile.mkdtemp(prefix="mapper-shots-")

from mapper.gui.qtenv import prepare_qt_environment  # noqa: E402

prepare_qt_environment()

from issue11_screenshots import pause, wait  # noqa: E402
from PySide6.QtCore import QPoint, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

ARTICLES = ROOT / "tests" / "data" / "articles"
SOURCES = ([str(p) for p in sorted(ARTICLES.glob("*.txt")) if p.name.count(".") == 1]  # not the translations
           + [str(ROOT / "tests" / "collection" / "data" / "ypres"), str(ROOT / "tools" / "issue15_articles")])


def js(app, view, script: str):
    box: dict = {}
    view.page().runJavaScript(script, 0, lambda v: box.setdefault("v", v))
    wait(app, lambda: "v" in box, 10)
    return box["v"]


def map_ready(app, view) -> None:
    wait(app, lambda: js(app, view, "window.mapperReady === true") is True, 60)
    pause(app, 1.0)


def click_on_map(app, view, item_id: str) -> None:
    pt = json.loads(js(app, view, f"JSON.stringify(window.mapperMap.screenPoint({json.dumps(item_id)}))") or "null")
    if not pt:
        raise SystemExit(f"{item_id} is not on screen")
    zoom = view.zoomFactor() or 1.0
    QTest.mouseClick(view.focusProxy() or view, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     QPoint(round(pt["x"] * zoom), round(pt["y"] * zoom)))
    pause(app, 1.0)


def save(window, out: Path, name: str) -> None:
    image = window.grab()
    image.save(str(out / name))
    print(out.relative_to(ROOT) / name if out.is_relative_to(ROOT) else out / name, image.width(), "x", image.height())


def main(out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    from mapper.gui.window import MainWindow
    window = MainWindow()
    window.quiet = True
    window.resize(1440, 900)
    window.show()
    coll = window.collections
    path = Path(tempfile.mkdtemp(prefix="mapper-collection-")) / "news.mapper"
    assert coll.new_collection(str(path))
    done: list = []
    coll.importFinished.connect(done.append)
    coll.add_paths(SOURCES)
    wait(app, lambda: done, 300)
    print("import:", done[0].line())
    page = coll.page
    map_ready(app, page.map)
    save(window, out, "collection-map.png")

    # a pin clicked: its popup lists the articles and sentences, the list shows its articles
    ieper = next(p for p in coll.map_result.places if p.name == "Ieper")
    page.map.call("flyTo", ieper.id)
    pause(app, 2.0)
    click_on_map(app, page.map, ieper.id)
    wait(app, lambda: page.pin_bar.isVisible(), 10)
    pause(app, 0.5)
    save(window, out, "collection-pin-filter.png")
    QTest.mouseClick(page.pin_clear, Qt.MouseButton.LeftButton)

    # the article list, searched by typing
    page.search.setFocus()
    QTest.keyClicks(page.search, "earthquake")
    wait(app, lambda: page.model.rowCount() < len(coll.collection), 10)
    map_ready(app, page.map)
    save(window, out, "article-list-search.png")

    # an article opened from the list (a click on its row): its own map and text
    row = next(r for r in range(page.model.rowCount()) if page.model.rows[r].source == "Gulf Observer")
    index = page.model.index(row, 0)
    QTest.mouseClick(page.list.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     page.list.visualRect(index).center())
    map_ready(app, window.map)
    save(window, out, "collection-article.png")

    # the story view: keyboard (Ctrl+2 is the menu's; the slot is the same), the figures row selected
    coll.show_stories()
    stories = page.stories
    for name, story_start in (("stories-earthquake.png", "earthquake in Sivrice"), ("stories-ypres.png", "ceremony in Ieper")):
        row = next(i for i in range(stories.list.count()) if stories.list.item(i).text().startswith(story_start))
        stories.list.setCurrentRow(row)
        pause(app, 0.3)
        fig = next(r for r in range(stories.table.rowCount())
                   if stories.table.verticalHeaderItem(r).text() in ("Figure: died", "Figure: buried"))
        stories.table.setFocus()
        stories.table.setCurrentCell(fig, 2)
        pause(app, 0.4)
        save(window, out, name)
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "issue15"))
