"""The places/events/facts table: a QAbstractTableModel over Session.rows()."""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt

from ..core.session import Row

COLUMNS = [("Layer", "layer"), ("Name", "name"), ("Kind", "kind"), ("Country", "country"), ("Date", "date"),
           ("Latitude", "lat"), ("Longitude", "lon"), ("Confidence", "confidence"), ("Source", "source")]
ROW_ROLE = Qt.ItemDataRole.UserRole + 1


class ResultTableModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[Row] = []

    def set_rows(self, rows: list[Row]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> Row | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, item_id: str) -> int:
        return next((i for i, r in enumerate(self._rows) if r.id == item_id), -1)

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 (Qt API)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            return COLUMNS[section][0]
        return None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._rows)) or not (0 <= index.column() < len(COLUMNS)):
            return None
        row = self._rows[index.row()]
        value = getattr(row, COLUMNS[index.column()][1])
        if role == Qt.ItemDataRole.DisplayRole:
            if value is None:
                return ""
            if isinstance(value, float):
                return f"{value:.2f}" if COLUMNS[index.column()][1] == "confidence" else f"{value:.4f}"
            return str(value)
        if role == Qt.ItemDataRole.EditRole:  # sorting uses the raw value
            return value if value is not None else ""
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.TextAlignmentRole and isinstance(value, float):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class ResultFilterModel(QSortFilterProxyModel):
    """Search text over every column, plus layer and kind filters."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setSortRole(Qt.ItemDataRole.EditRole)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterKeyColumn(-1)
        self.hidden_layers: set[str] = set()
        self.kind: str | None = None
        self.date_range: tuple[str, str] | None = None

    def set_kind(self, kind: str | None) -> None:
        self.kind = kind or None
        self.invalidateFilter()

    def set_hidden_layers(self, layers: set[str]) -> None:
        self.hidden_layers = set(layers)
        self.invalidateFilter()

    def set_date_range(self, lo: str | None, hi: str | None) -> None:
        self.date_range = (lo, hi) if lo and hi else None
        self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex) -> bool:  # noqa: N802
        row = self.sourceModel().row_at(source_row)
        if row is None or row.layer in self.hidden_layers:
            return False
        if self.kind and row.kind != self.kind:
            return False
        if self.date_range and row.layer == "event" and row.date:
            lo, hi = self.date_range
            if not (lo[: len(row.date)] <= row.date <= hi[: len(row.date)] + "~"):
                return False
        return super().filterAcceptsRow(source_row, source_parent)
