"""Screenshots of the core loop as a user meets it (issue 11), made with real input: QTest
mouse clicks and key presses at real widget positions, in the real window.

    .venv/bin/python tools/issue11_screenshots.py OUT_DIR

Writes one PNG per behaviour (named after it) and the first two pages of the sample's PDF
report (with pdftoppm, when it is installed). Uses a throw-away user data folder.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["MAPPER_DATA_DIR"] = tempfile.mkdtemp(prefix="mapper-shots-")

from mapper.gui.qtenv import prepare_qt_environment  # noqa: E402

prepare_qt_environment()

from PySide6.QtCore import QPoint, Qt, QTimer  # noqa: E402
from PySide6.QtGui import QTextCursor  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QAbstractButton, QApplication  # noqa: E402

SAMPLE = ROOT / "data" / "articles" / "putin-awards-kim-medal.txt"
OTHER = ROOT / "tests" / "data" / "articles" / "normandy-war-graves.txt"


def wait(app, cond, seconds=60.0) -> None:
    end = time.time() + seconds
    while not cond():
        if time.time() > end:
            raise TimeoutError("gave up waiting")
        app.processEvents()
        time.sleep(0.02)


def pause(app, seconds: float) -> None:
    end = time.time() + seconds
    while time.time() < end:
        app.processEvents()
        time.sleep(0.02)


def js(app, window, script: str):
    box: dict = {}
    window.map.page().runJavaScript(script, 0, lambda v: box.setdefault("v", v))
    wait(app, lambda: "v" in box, 10)
    return box["v"]


def ready(app, window) -> None:
    wait(app, lambda: js(app, window, "window.mapperReady === true") is True)
    pause(app, 0.6)


def open_article(app, window, path: Path) -> None:
    done = []
    window.resultShown.connect(lambda: done.append(1))
    window.open_path(str(path))
    wait(app, lambda: done)
    ready(app, window)


def click_feature(app, window, item_id: str) -> None:
    pt = json.loads(js(app, window, f"JSON.stringify(window.mapperMap.screenPoint({json.dumps(item_id)}))"))
    target = window.map.focusProxy() or window.map
    QTest.mouseClick(target, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(round(pt["x"]), round(pt["y"])))
    pause(app, 0.8)


def main(out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    from mapper.gui.window import MainWindow
    window = MainWindow()
    window.quiet = True
    window.resize(1280, 800)
    window.show()
    shot = lambda name: window.grab().save(str(out / f"{name}.png"))  # noqa: E731
    open_article(app, window, SAMPLE)
    result = window.session.result

    # 1. a mention click after scrolling: the later mention's place and sentence
    view = window.article_view
    vlad = next(p for p in result.places if p.name.startswith("Vladivostok"))
    mention = max(vlad.mentions, key=lambda m: m.start)
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
    pause(app, 0.3)
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.to_qt(mention.start) + 1)
    rect = view.cursorRect(cursor)
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, rect.center())
    pause(app, 1.5)
    shot("01-mention-click-after-scroll")

    # 2. the memorial symbol opens its popup on a real click
    memorial = next((f"m{f.place}" for f in result.facts if f.place), None)
    if memorial:
        js(app, window, "window.mapperMap.fit(); true")
        pause(app, 0.5)
        click_feature(app, window, memorial)
        shot("02-memorial-popup-real-click")

    # 3. a pin among stacked pins (fanned out), highlighted, with its popup
    pyongyang = next(p for p in result.places if p.name == "Pyongyang")
    window.select_place(pyongyang.id)
    pause(app, 2.0)
    click_feature(app, window, pyongyang.id)
    shot("03-fanned-pins-highlight-popup")

    # 4. an event row: its details in the Details panel
    event = next(e for e in result.events if e.date)
    row = window.proxy.mapFromSource(window.table_model.index(window.table_model.row_of(event.id), 1))
    window.table.scrollTo(row)
    QTest.mouseClick(window.table.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     window.table.visualRect(row).center())
    pause(app, 1.5)
    shot("04-event-details")

    # 5. the world view: no bands across the date line
    js(app, window, "window.mapperMap.map.setView([30, 150], 2, {animate: false}); true")
    pause(app, 0.8)
    window.map.grab().save(str(out / "05-world-view-date-line.png"))

    # 6. the scope question of a correction
    def answer_later():
        box = window.scope_box
        if box is None or not box.isVisible():
            QTimer.singleShot(50, answer_later)
            return
        pause(app, 0.3)
        window.grab().save(str(out / "06-correction-asks-its-scope.png"))
        box.grab().save(str(out / "06b-scope-question.png"))
        button = next(b for b in box.findChildren(QAbstractButton) if "article" in b.text())
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    QTimer.singleShot(50, answer_later)
    sunchon = next(p for p in result.places if p.name.startswith("Sunch"))
    window.select_place(sunchon.id)
    window.correct(sunchon.id, lat=39.43, lon=125.95)
    pause(app, 1.5)

    # 7. the corrections manager
    window.show_corrections()
    pause(app, 0.5)
    window.corrections_dialog.grab().save(str(out / "07-corrections-manager.png"))
    window.corrections_dialog.close()

    # 8. switching articles: nothing stale
    QTest.keyClicks(window.search, "pyong")
    open_article(app, window, OTHER)
    shot("08-after-switching-articles")

    # 9. the timeline with two handles, the upper one dragged
    open_article(app, window, SAMPLE)
    slider = window.timeline
    a = slider.handle_center(1).toPoint()
    b = QPoint(round(slider.width() * 0.5), a.y())
    QTest.mousePress(slider, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, a)
    QTest.mouseMove(slider, b)
    QTest.mouseRelease(slider, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, b)
    pause(app, 1.0)
    shot("09-timeline-range")

    # 10. the export against the screen (events hidden with a real click on the box)
    box = window.layer_boxes["event"]
    QTest.mouseClick(box, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(8, box.height() // 2))
    pause(app, 0.8)
    window.map.grab().save(str(out / "10a-map-on-screen-events-hidden.png"))
    window.export("png", str(out / "10b-png-export-events-hidden.png"))
    report = out / "report.pdf"
    window.export("report", str(report))

    # 11. the user guide
    window.show_help("keys")
    pause(app, 0.5)
    window._help.grab().save(str(out / "11-user-guide-shortcuts.png"))
    window._help.close()

    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-r", "60", "-f", "1", "-l", "2", "-png", str(report), str(out / "12-report-page")],
                       check=False)
    window.close()  # closeEvent disposes of the map page
    print(f"screenshots in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "screenshots")))
