"""The corrections manager: every correction the user made (moved pins, other candidates,
"not a place"), with a search box, Forget (Delete key), and CSV export and import.

The user gazetteer comes in through the constructor; so does the file chooser (`choose_path`,
QFileDialog by default), so the buttons can be driven in tests. `changed` is emitted after a
forget or an import: the window re-runs the article to show the effect.
"""
from __future__ import annotations

import time
from collections.abc import Callable
from typing import cast

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.corrections import CorrectionEntry, UserGazetteer
from ..core.errors import MapperError

COLUMNS = ("Name", "Action", "Where placed", "Scope", "Made")
ACTION_LABELS = {"place": "placed", "not_place": "not a place"}

PathChooser = Callable[[str], "str | None"]  # mode "export" or "import" -> a path, or None (cancelled)


class CorrectionsDialog(QDialog):
    changed = Signal()  # after a forget or an import: the corrections differ
    errorShown = Signal(str)

    def __init__(self, user: UserGazetteer, parent: QWidget | None = None, *,
                 choose_path: PathChooser | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Corrections")
        self.user = user
        self.choose_path: PathChooser = choose_path or self._ask_path
        self.entries: list[CorrectionEntry] = []
        self.last_error: str | None = None
        self.quiet = False  # True: errors are recorded and signalled, no message box opens
        self.confirm_box: QMessageBox | None = None
        self.error_box: QMessageBox | None = None

        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Search names, places, articles…")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.refresh)

        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.installEventFilter(self)

        self.forget_button = QPushButton("&Forget…", self)
        self.forget_button.setToolTip("Forget the selected corrections (Delete)")
        self.forget_button.clicked.connect(self.ask_forget)
        self.export_button = QPushButton("&Export CSV…", self)
        self.export_button.clicked.connect(self._export_clicked)
        self.import_button = QPushButton("&Import CSV…", self)
        self.import_button.clicked.connect(self._import_clicked)
        self.close_button = QPushButton("Close", self)
        self.close_button.clicked.connect(self.accept)
        self.status = QLabel(self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)

        buttons = QHBoxLayout()
        for b in (self.forget_button, self.export_button, self.import_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.resize(820, 420)
        self.refresh()

    # ---- the list -----------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the corrections again, keeping those the search text matches."""
        try:
            self.entries = self.user.list(self.search.text())
        except MapperError as err:
            self.entries = []
            self.show_error("Cannot read the corrections", str(err))
        self.table.setSortingEnabled(False)
        self.table.setRowCount(len(self.entries))
        for row, e in enumerate(self.entries):
            made = time.strftime("%Y-%m-%d %H:%M", time.localtime(e.created)) if e.created else ""
            where = "not a place" if e.action == "not_place" else \
                f"{e.name or e.written}{', ' + e.country if e.country else ''} ({e.lat:.4f}, {e.lon:.4f})"
            cells = (e.written, ACTION_LABELS.get(e.action, e.action), where, e.describe_scope(), made)
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, e.id)
                item.setToolTip(text)
                self.table.setItem(row, col, item)
        self.table.resizeColumnsToContents()
        # a long article title must not push the date off the table: its full text is the tooltip
        scope_column = COLUMNS.index("Scope")
        self.table.setColumnWidth(scope_column, min(self.table.columnWidth(scope_column), 280))
        self._update_buttons()

    def selected_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.entries[r].id for r in rows if r < len(self.entries)]

    def _update_buttons(self) -> None:
        self.forget_button.setEnabled(bool(self.selected_ids()))
        self.export_button.setEnabled(True)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if obj is self.table and event.type() == QEvent.Type.KeyPress \
                and cast(QKeyEvent, event).key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.ask_forget()
            return True
        return super().eventFilter(obj, event)

    # ---- forget -------------------------------------------------------------------------
    def ask_forget(self) -> None:
        """Ask before forgetting the selected corrections (the answer comes asynchronously)."""
        ids = self.selected_ids()
        if not ids:
            return
        names = [e.written for e in self.entries if e.id in ids]
        what = f"the correction of “{names[0]}”" if len(names) == 1 else f"these {len(names)} corrections"
        box = QMessageBox(QMessageBox.Icon.Question, "Forget corrections",
                          f"Forget {what}? Later runs will place the name as the gazetteer reads it.",
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.finished.connect(lambda _result, box=box, ids=ids: self._forget_answered(box, ids))
        self.confirm_box = box
        box.open()

    def _forget_answered(self, box: QMessageBox, ids: list[int]) -> None:
        if self.confirm_box is box:
            self.confirm_box = None
        box.deleteLater()
        if box.clickedButton() is box.button(QMessageBox.StandardButton.Yes):
            self.forget(ids)

    def forget(self, ids: list[int]) -> bool:
        try:
            for entry_id in ids:
                self.user.forget(entry_id)
        except MapperError as err:
            self.show_error("Cannot forget the correction", str(err))
            self.refresh()
            return False
        self.status.setText(f"Forgot {len(ids)} correction{'s' if len(ids) != 1 else ''}.")
        self.refresh()
        self.changed.emit()
        return True

    # ---- CSV ----------------------------------------------------------------------------
    def _export_clicked(self) -> None:
        path = self.choose_path("export")
        if path:
            self.export_to(path)

    def _import_clicked(self) -> None:
        path = self.choose_path("import")
        if path:
            self.import_from(path)

    def export_to(self, path: str) -> int | None:
        """Write every correction (not only the ones the search shows) to a CSV file."""
        try:
            n = self.user.export_csv(path)
        except (MapperError, OSError) as err:
            self.show_error("Cannot export the corrections", str(err))
            return None
        self.status.setText(f"Exported {n} correction{'s' if n != 1 else ''} to {path}.")
        return n

    def import_from(self, path: str) -> int | None:
        """Read corrections from a CSV file: all of them, or none if one row is bad."""
        try:
            n = self.user.import_csv(path)
        except (MapperError, OSError) as err:
            self.show_error("Cannot import the corrections", str(err))
            return None
        self.status.setText(f"Imported {n} correction{'s' if n != 1 else ''} from {path}.")
        self.refresh()
        self.changed.emit()
        return n

    def _ask_path(self, mode: str) -> str | None:
        if mode == "export":
            path, _ = QFileDialog.getSaveFileName(self, "Export corrections", "corrections.csv", "CSV (*.csv)")
        else:
            path, _ = QFileDialog.getOpenFileName(self, "Import corrections", "", "CSV (*.csv);;All files (*)")
        return path or None

    # ---- messages -----------------------------------------------------------------------
    def show_error(self, title: str, message: str) -> None:
        self.last_error = message
        self.status.setText(message)
        self.errorShown.emit(message)
        box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, self)
        box.setTextFormat(Qt.TextFormat.PlainText)  # names and paths are never markup
        self.error_box = box
        if not self.quiet:
            box.open()
