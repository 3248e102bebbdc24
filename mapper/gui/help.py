"""Help › User guide: the offline guide from resources/help, with a table of keyboard
shortcuts made from the window's own actions (so it never disagrees with the menus)."""
from __future__ import annotations

import html

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from ..core.paths import resources_dir

# Keys that belong to widgets rather than menu actions.
WIDGET_KEYS = [
    ("Tab / Shift+Tab in the article", "move between place names; Enter selects one"),
    ("Enter on a table row", "fly to its pin"),
    ("Left / Right on the timeline", "move the focused handle one date (Tab switches handles)"),
    ("Home / End on the timeline", "move the focused handle to the first or last date"),
    ("Delete in Corrections", "forget the selected correction"),
    ("Escape on the map", "close the legend on a small map"),
    ("Enter on an article in the collection", "open its own map and text (a click does too)"),
    ("Escape in the collection's article list", "clear the filter of a clicked pin"),
    ("Enter on a cell of a story", "open that article at the sentence the value comes from"),
]


def shortcut_rows(window: QWidget) -> list[tuple[str, str]]:
    """(keys, what) for every menu action of the window that has a shortcut."""
    rows = []
    for action in window.findChildren(QAction):
        keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        if keys and action.text():
            text = action.text().replace("&", "").rstrip("…").rstrip(".")
            # the undo stack's actions name the last change ("Undo Correct X"): say what the key does
            for verb in ("Undo", "Redo"):
                if text.startswith(verb):
                    text = f"{verb} the last correction"
            rows.append((keys, text))
    return sorted(set(rows), key=lambda r: r[1].lower()) + WIDGET_KEYS


def guide_html(window: QWidget) -> str:
    path = resources_dir() / "help" / "guide.html"
    try:
        body = path.read_text(encoding="utf-8")
    except OSError:
        body = f"<h1>mapper</h1><p>The user guide is missing from this installation ({html.escape(str(path))}).</p>"
    rows = "".join(f"<tr><td><b>{html.escape(k)}</b></td><td>{html.escape(v)}</td></tr>"
                   for k, v in shortcut_rows(window))
    return (body + "<h2 id='keys'>Keyboard shortcuts</h2>"
            f"<table cellpadding='3'>{rows}</table>")


class HelpDialog(QDialog):
    def __init__(self, window: QWidget, anchor: str | None = None) -> None:
        super().__init__(window)
        self.setWindowTitle("mapper user guide")
        self.browser = QTextBrowser(self)
        self.browser.setOpenExternalLinks(False)
        self.browser.setHtml(guide_html(window))
        if anchor:
            self.browser.scrollToAnchor(anchor)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.browser)
        lay.addWidget(buttons)
        self.resize(720, 640)
