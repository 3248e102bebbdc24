"""The places/events/facts table: a QAbstractTableModel over Session.rows().

The shown strings are made once per row in set_rows: sizing the columns to their contents
asks data() for every cell and several roles (a 670 KB article has over a thousand rows).
Copy and drag give whole rows (row_as_text; mimeData: tab-separated text and CSV)."""
from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from typing import cast

from PySide6.QtCore import (
    QAbstractTableModel,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QStyle, QTableView

from ..core.session import Row

COLUMNS = [("Layer", "layer"), ("Name", "name"), ("Kind", "kind"), ("Country", "country"), ("Date", "date"),
           ("Latitude", "lat"), ("Longitude", "lon"), ("Confidence", "confidence"), ("Source", "source")]
ROW_ROLE = Qt.ItemDataRole.UserRole + 1
# what a copied row holds, in this order
COPY_FIELDS = ["name", "kind", "country", "date", "lat", "lon", "confidence", "source", "sentence"]
MIME_TEXT, MIME_CSV = "text/plain", "text/csv"

_DISPLAY = Qt.ItemDataRole.DisplayRole
_EDIT = Qt.ItemDataRole.EditRole
_ALIGN = Qt.ItemDataRole.TextAlignmentRole
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

SentenceText = Callable[[int], "str | None"]


def _shown(field: str, value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.2f}" if field == "confidence" else f"{value:.4f}"
    return str(value)


def row_values(row: Row, sentence_text: SentenceText | None = None) -> list[str]:
    """The COPY_FIELDS of a row as shown (coordinates to 4 places), the sentence's text when
    a lookup is given (else empty)."""
    values = [_shown(f, getattr(row, f)) for f in COPY_FIELDS[:-1]]
    sentence = ""
    if sentence_text is not None and row.sentence is not None:
        try:
            sentence = sentence_text(row.sentence) or ""
        except (IndexError, KeyError):
            sentence = ""
    return values + [sentence]


def row_as_text(row: Row, sentence_text: SentenceText | None = None) -> str:
    """One line, tab-separated: name, kind, country, date, lat, lon, confidence, source and
    the sentence's text (tabs and line breaks inside a value become spaces)."""
    return "\t".join(" ".join(v.split()) if ("\t" in v or "\n" in v or "\r" in v) else v
                     for v in row_values(row, sentence_text))


def rows_as_csv(rows: Iterable[Row], sentence_text: SentenceText | None = None) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COPY_FIELDS)
    for row in rows:
        writer.writerow(row_values(row, sentence_text))
    return out.getvalue()


class ResultTableModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[Row] = []
        self._shown: list[tuple[str, ...]] = []
        self._ids: dict[str, int] = {}
        # the text of a sentence by id, for copies; set_rows(..., sentence_text=) sets it
        self.sentence_text: SentenceText | None = None

    def set_rows(self, rows: list[Row], *, sentence_text: SentenceText | None = None) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._shown = [tuple(_shown(f, getattr(r, f)) for _h, f in COLUMNS) for r in self._rows]
        self._ids = {}
        for i, r in enumerate(self._rows):
            self._ids.setdefault(r.id, i)
        if sentence_text is not None:
            self.sentence_text = sentence_text
        self.endResetModel()

    def row_at(self, row: int) -> Row | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, item_id: str) -> int:
        return self._ids.get(item_id, -1)

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 (Qt API)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if (role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal
                and 0 <= section < len(COLUMNS)):
            return COLUMNS[section][0]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if role == _DISPLAY:  # the common case first: sizing and painting ask for it per cell
            r, c = index.row(), index.column()
            if index.isValid() and 0 <= r < len(self._shown) and 0 <= c < len(COLUMNS):
                return self._shown[r][c]
            return None
        if role not in (_EDIT, ROW_ROLE, _ALIGN):
            return None
        if not index.isValid() or not (0 <= index.row() < len(self._rows)) or not (0 <= index.column() < len(COLUMNS)):
            return None
        row = self._rows[index.row()]
        if role == ROW_ROLE:
            return row
        value = getattr(row, COLUMNS[index.column()][1])
        if role == _EDIT:  # sorting uses the raw value
            return value if value is not None else ""
        return _RIGHT if isinstance(value, float) else None

    def column_widths(self, metrics: QFontMetrics, margin: int = 0) -> list[int]:
        """The width of each column's widest shown text (plus margin), measured once per
        distinct value: what QTableView.resizeColumnsToContents finds by asking the delegate
        for the size of every cell (of the first 1000 rows only), in a fraction of the time."""
        widths = []
        for c in range(len(COLUMNS)):
            distinct = {shown[c] for shown in self._shown}
            widths.append(max((metrics.horizontalAdvance(text) for text in distinct), default=0) + margin)
        return widths

    # ---- copy and drag ------------------------------------------------------------------
    def flags(self, index: QModelIndex | QPersistentModelIndex):
        flags = super().flags(index)
        return flags | Qt.ItemFlag.ItemIsDragEnabled if index.isValid() else flags

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [MIME_TEXT, MIME_CSV]

    def supportedDragActions(self):  # noqa: N802
        return Qt.DropAction.CopyAction

    def rows_of(self, indexes: Iterable[QModelIndex]) -> list[Row]:
        """The rows the indexes touch, each once, in the order first met."""
        seen, rows = set(), []
        for index in indexes:
            if (index.isValid() and index.model() is self and index.row() not in seen
                    and 0 <= index.row() < len(self._rows)):
                seen.add(index.row())
                rows.append(self._rows[index.row()])
        return rows

    def mimeData(self, indexes) -> QMimeData | None:  # type: ignore[override]  # noqa: N802
        """Whole rows, whatever columns are selected: tab-separated lines (text/plain) and
        CSV with a header (text/csv)."""
        rows = self.rows_of(indexes)
        if not rows:
            return None
        mime = QMimeData()
        mime.setText("\n".join(row_as_text(r, self.sentence_text) for r in rows) + "\n")
        mime.setData(MIME_CSV, rows_as_csv(rows, self.sentence_text).encode("utf-8"))
        return mime


def fit_columns(view: QTableView, model: ResultTableModel, *, limits: dict[int, int] | None = None) -> list[int]:
    """Size the view's columns to their contents and headers, from model.column_widths
    (for a table over `model` directly or through proxies). limits caps some columns."""
    style = view.style()
    # a cell's text is drawn inside the focus frame's margins (QItemDelegate / QStyledItemDelegate)
    margin = 2 * (style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1) + 1
    header = view.horizontalHeader()
    widths = []
    for c, w in enumerate(model.column_widths(view.fontMetrics(), margin)):
        w = max(w, header.sectionSizeHint(c)) if not header.isHidden() else w
        if limits and c in limits:
            w = min(w, limits[c])
        view.setColumnWidth(c, w)
        widths.append(w)
    return widths


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
        self.min_confidence = 0.0  # places below it are hidden (the calibrated chance the pin is right)

    def set_min_confidence(self, value: float) -> None:
        self.min_confidence = max(0.0, min(1.0, value))
        self.invalidateFilter()

    def set_kind(self, kind: str | None) -> None:
        self.kind = kind or None
        self.invalidateFilter()

    def set_hidden_layers(self, layers: set[str]) -> None:
        self.hidden_layers = set(layers)
        self.invalidateFilter()

    def set_date_range(self, lo: str | None, hi: str | None) -> None:
        self.date_range = (lo, hi) if lo and hi else None
        self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int,  # noqa: N802
                         source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        row = cast(ResultTableModel, self.sourceModel()).row_at(source_row)
        if row is None or row.layer in self.hidden_layers:
            return False
        if self.kind and row.kind != self.kind:
            return False
        if self.min_confidence and row.layer == "place" and row.confidence is not None \
                and row.confidence < self.min_confidence:
            return False
        if self.date_range and row.layer == "event" and row.date:
            lo, hi = self.date_range
            if not (lo[: len(row.date)] <= row.date <= hi[: len(row.date)] + "~"):
                return False
        return super().filterAcceptsRow(source_row, source_parent)
