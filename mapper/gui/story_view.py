"""The story view: the stories of a collection (events several articles report) and, for the
selected one, its sources side by side.

A thin adapter over mapper.core.stories: find_stories groups the events, story_grid makes the
table (rows = aspects, columns = articles, cells = values marked same / differs / not
stated). Agreement is said in words ("= ", "≠ ", the Verdict column) and by colour.

Keyboard: the story list and the table take the focus with Tab; arrows move; Enter on a cell
(or a double click) opens that article at the sentence the value comes from.
"""
from __future__ import annotations

import html

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ..core.stories import DIFFERS, MISSING, ONLY, SAME, Story, StoryGrid, story_grid

#: cell colours (light, readable with dark text); the text marks say the same
COLOURS = {SAME: QColor("#d9f2dd"), DIFFERS: QColor("#fde2c4"), MISSING: QColor("#eeeeee"), ONLY: QColor("#dfe9f8")}
VERDICT_COLOURS = {"agree": QColor("#d9f2dd"), "differ": QColor("#fbd0b0"), "single": QColor("#dfe9f8"),
                   "none": QColor("#eeeeee")}
VERDICT_MARKS = {"agree": "\u2713 ", "differ": "\u2717 ", "single": "\u2022 ", "none": ""}
MARK_WORDS = {SAME: "agrees with most sources", DIFFERS: "differs", MISSING: "not stated",
              ONLY: "the only source that says it"}
CELL_ROLE = Qt.ItemDataRole.UserRole + 7


class StoryView(QWidget):
    #: (article id, sentence id or -1): open this article (at this sentence)
    openArticle = Signal(int, int)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.stories: list[Story] = []
        self.grid: StoryGrid | None = None
        self.list = QListWidget(self)
        self.list.setAccessibleName("Stories")
        self.list.setToolTip("Events that several articles report; pick one to compare its sources")
        self.list.currentRowChanged.connect(self._show_story)
        self.list.setSpacing(3)
        self.title = QLabel(self)
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.table = QTableWidget(self)
        self.table.setAccessibleName("Sources side by side")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setWordWrap(True)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table (arrows move inside)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().setMinimumSectionSize(30)
        self.table.setStyleSheet("QTableWidget::item { padding: 3px 6px; }")
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.currentCellChanged.connect(lambda r, c, _r, _c: self._show_sentence(r, c))
        self.table.cellActivated.connect(self._activate)
        self.table.cellDoubleClicked.connect(self._activate)
        self.sentence = QTextBrowser(self)
        self.sentence.setAccessibleName("Sentence of the selected cell")
        self.sentence.setOpenLinks(False)
        self.sentence.setMinimumHeight(110)
        self.sentence.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        right = QWidget(self)
        lay = QVBoxLayout(right)
        lay.setContentsMargins(6, 0, 0, 0)
        lay.addWidget(self.title)
        lay.addWidget(self.table)
        hint = QLabel("“=” the value most sources give, “≠” a different one, “•” the only source that says it, "
                      "“— not stated”: nothing said. Enter on a cell opens the article at its sentence.", self)
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555")
        lay.addWidget(hint)
        lay.addWidget(self.sentence, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.list)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([300, 900])
        splitter.setChildrenCollapsible(False)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(4, 4, 4, 4)
        outer.addWidget(splitter)
        self.setTabOrder(self.list, self.table)

    # ---- data ---------------------------------------------------------------------------
    def set_stories(self, stories: list[Story]) -> None:
        current = self.current_story()
        keep = current.id if current is not None else None
        self.stories = list(stories)
        self.list.blockSignals(True)
        self.list.clear()
        for s in self.stories:
            diffs = len(s.differences)
            item = QListWidgetItem(f"{s.title}\n{len(s.article_ids)} articles · "
                                   f"{diffs} difference{'s' if diffs != 1 else ''}")
            item.setToolTip(", ".join(s.sources) or f"{len(s.article_ids)} articles")
            self.list.addItem(item)
        self.list.blockSignals(False)
        if not self.stories:
            self.grid = None
            self.table.clear()
            self.table.setRowCount(0)
            self.table.setColumnCount(0)
            self.title.setText("<b>No stories yet.</b> A story is an event (same kind, place and date, within "
                               "a tolerance) that two or more articles of the collection report.")
            self.sentence.clear()
            return
        row = next((i for i, s in enumerate(self.stories) if s.id == keep), 0)
        self.list.setCurrentRow(row)
        self._show_story(row)

    def current_story(self) -> Story | None:
        row = self.list.currentRow() if hasattr(self, "list") else -1
        return self.stories[row] if 0 <= row < len(self.stories) else None

    # ---- showing ------------------------------------------------------------------------
    def _show_story(self, row: int) -> None:
        if not 0 <= row < len(self.stories):
            return
        story = self.stories[row]
        grid = self.grid = story_grid(story)
        diffs = len(story.differences)
        self.title.setText(f"<b>{html.escape(story.title)}</b><br>{len(grid.columns)} articles from "
                           f"{html.escape(', '.join(story.sources) or 'unnamed sources')} · "
                           f"{diffs} aspect{'s' if diffs != 1 else ''} differ{'s' if diffs == 1 else ''}")
        t = self.table
        t.clear()
        t.setRowCount(len(grid.rows))
        t.setColumnCount(len(grid.columns) + 1)
        headers = ["Verdict"] + [f"{c.label}\n{c.published or 'no date'}" for c in grid.columns]
        t.setHorizontalHeaderLabels(headers)
        for i, column in enumerate(grid.columns, 1):
            header = t.horizontalHeaderItem(i)
            if header is not None:  # set just above, by setHorizontalHeaderLabels
                header.setToolTip(column.title or column.label)
        t.setVerticalHeaderLabels([r.label for r in grid.rows])
        for r, grow in enumerate(grid.rows):
            v = QTableWidgetItem(VERDICT_MARKS[grow.status] + grow.verdict)
            v.setBackground(QBrush(VERDICT_COLOURS[grow.status]))
            v.setForeground(QBrush(QColor("#111111")))
            v.setToolTip(grow.verdict)
            t.setItem(r, 0, v)
            for c, cell in enumerate(grow.cells, 1):
                item = QTableWidgetItem(cell.text)
                item.setBackground(QBrush(COLOURS[cell.mark]))
                item.setForeground(QBrush(QColor("#111111" if cell.mark != MISSING else "#555555")))
                item.setData(CELL_ROLE, (cell.article_id, cell.sentences[0] if cell.sentences else -1))
                tip = "\n\n".join(cell.sentence_texts) or "This article says nothing about it."
                item.setToolTip(f"{grid.columns[c - 1].label}: {tip}")
                item.setData(Qt.ItemDataRole.AccessibleDescriptionRole, MARK_WORDS[cell.mark])
                t.setItem(r, c, item)
        t.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        t.resizeRowsToContents()
        self._fit_height()
        QTimer.singleShot(0, self._fit_height)  # again once the columns have their widths
        if grid.rows:
            t.setCurrentCell(0, 1 if grid.columns else 0)
        self._show_sentence(t.currentRow(), t.currentColumn())

    def _fit_height(self) -> None:
        """The table as tall as its rows (the sentences below take the rest)."""
        t = self.table
        t.resizeRowsToContents()
        height = t.horizontalHeader().height() + 2 * t.frameWidth() + sum(t.rowHeight(r) for r in range(t.rowCount()))
        if t.horizontalScrollBar().isVisible():
            height += t.horizontalScrollBar().height()
        t.setFixedHeight(max(min(height + 4, 440), 80))

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        if self.grid is not None:
            QTimer.singleShot(0, self._fit_height)

    def _show_sentence(self, row: int, col: int) -> None:
        if self.grid is None or not 0 <= row < len(self.grid.rows):
            self.sentence.clear()
            return
        grow = self.grid.rows[row]
        # every source's sentence for this aspect, the selected one first
        order = ([col - 1] if col > 0 else []) + [i for i in range(len(grow.cells)) if i != col - 1]
        parts = [f"<p><b>{html.escape(grow.label)}</b> — {html.escape(grow.verdict)}</p>"]
        for i in order:
            cell, column = grow.cells[i], self.grid.columns[i]
            said = html.escape("; ".join(cell.values)) if cell.values else "<i>not stated</i>"
            body = "<br>".join(f"“{html.escape(s)}”" for s in cell.sentence_texts) or \
                "<i>This article says nothing about it.</i>"
            mark = {SAME: "=", DIFFERS: "\u2260", MISSING: "\u2014", ONLY: "\u2022"}[cell.mark]
            style = " style='background:#eef4ff'" if i == col - 1 else ""
            published = html.escape(column.published or "no date")
            parts.append(f"<p{style}>{mark} <b>{html.escape(column.label)}</b> ({published}): "
                         f"<b>{said}</b><br>{body}</p>")
        self.sentence.setHtml("".join(parts))

    def cell_text(self, row: int, col: int) -> str:
        item = self.table.item(row, col)
        return item.text() if item is not None else ""

    def _activate(self, row: int, col: int) -> None:
        item = self.table.item(row, col)
        data = item.data(CELL_ROLE) if item is not None else None
        if data:
            self.openArticle.emit(int(data[0]), int(data[1]))
