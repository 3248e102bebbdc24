"""The timeline: a slider with two handles over the article's event dates, laid out by time.

Each event date is a tick placed in proportion to its distance in days from the first one, so
a 1945 ceremony and a 2019 summit are far apart and two days in April 2019 are close. The
handles stop at the dates (a range between two dates hides nothing more than the dates do).
Mouse: drag either handle (the nearer one to the press). Keyboard: Left/Right (or Down/Up)
move the focused handle one date; Tab inside the widget switches handles; Home/End jump.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget


def date_day(value: str) -> int:
    """An ISO date or a prefix of one ("1945", "2019-04") as a day number (its first day)."""
    parts = [int(p) for p in value.split("-")[:3] if p.isdigit()]
    year, month, day = (parts + [1, 1])[:3] if parts else (1, 1, 1)
    try:
        day = max(1, min(day, 28 if month == 2 else 30))
        return dt.date(max(1, min(year, 9999)), max(1, min(month, 12)), day).toordinal()
    except ValueError:
        return dt.date(max(1, min(year, 9999)), 1, 1).toordinal()


class DateRangeSlider(QWidget):
    """Two handles over sorted ISO dates; `rangeChanged(lo, hi)` gives the dates chosen."""

    rangeChanged = Signal(str, str)
    MARGIN = 9  # px: room for a handle at either end

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setToolTip("Show events between these dates: drag a handle, or focus the timeline and use "
                        "Left/Right (Tab switches handles)")
        self._dates: list[str] = []
        self._days: list[int] = []
        self.lo = self.hi = 0  # indexes into the dates
        self._active = 1  # the handle the keyboard moves: 0 low, 1 high
        self._dragging: int | None = None

    # ---- data ---------------------------------------------------------------------------
    def set_dates(self, dates: list[str]) -> None:
        self._dates = sorted(set(dates), key=lambda d: (date_day(d), d))
        self._days = [date_day(d) for d in self._dates]
        self.lo, self.hi = 0, max(len(self._dates) - 1, 0)
        self.setEnabled(len(self._dates) > 1)
        self.update()

    def dates(self) -> list[str]:
        return list(self._dates)

    def value(self) -> tuple[str, str] | None:
        if not self._dates:
            return None
        return self._dates[self.lo], self._dates[self.hi]

    def is_full(self) -> bool:
        return not self._dates or (self.lo == 0 and self.hi == len(self._dates) - 1)

    def set_range(self, lo: int, hi: int) -> None:
        n = len(self._dates)
        if n == 0:
            return
        lo, hi = max(0, min(lo, n - 1)), max(0, min(hi, n - 1))
        if lo > hi:
            lo, hi = hi, lo
        if (lo, hi) != (self.lo, self.hi):
            self.lo, self.hi = lo, hi
            self.update()
            self.rangeChanged.emit(self._dates[lo], self._dates[hi])

    # ---- geometry -----------------------------------------------------------------------
    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(220, 26)

    def _x(self, index: int) -> float:
        width = self.width() - 2 * self.MARGIN
        if len(self._days) < 2:
            return self.MARGIN + width / 2
        span = self._days[-1] - self._days[0] or 1
        return self.MARGIN + width * (self._days[index] - self._days[0]) / span

    def handle_center(self, which: int) -> QPointF:
        """Where a handle is drawn (widget coordinates), for the mouse and for tests."""
        return QPointF(self._x(self.lo if which == 0 else self.hi), self.height() / 2)

    def _nearest_index(self, x: float) -> int:
        return min(range(len(self._dates)), key=lambda i: abs(self._x(i) - x))

    # ---- input --------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if not self._dates or event.button() != Qt.MouseButton.LeftButton:
            return super().mousePressEvent(event)
        x = event.position().x()
        d0, d1 = abs(self.handle_center(0).x() - x), abs(self.handle_center(1).x() - x)
        # equal distance (handles on one date): the side of the press decides
        self._dragging = 0 if d0 < d1 or (d0 == d1 and x < self.handle_center(0).x()) else 1
        self._active = self._dragging
        self._move_handle(self._dragging, x)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self._dragging is not None:
            self._move_handle(self._dragging, event.position().x())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        self._dragging = None

    def _move_handle(self, which: int, x: float) -> None:
        i = self._nearest_index(x)
        if which == 0:
            self.set_range(min(i, self.hi), self.hi)
        else:
            self.set_range(self.lo, max(i, self.lo))

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key = event.key()
        steps: dict[Any, int] = {Qt.Key.Key_Left: -1, Qt.Key.Key_Down: -1, Qt.Key.Key_Right: 1, Qt.Key.Key_Up: 1}
        step = steps.get(key)
        if step is not None and self._dates:
            if self._active == 0:
                self.set_range(min(self.lo + step, self.hi), self.hi)
            else:
                self.set_range(self.lo, max(self.hi + step, self.lo))
        elif key in (Qt.Key.Key_Home, Qt.Key.Key_End) and self._dates:
            end = 0 if key == Qt.Key.Key_Home else len(self._dates) - 1
            self.set_range(end, self.hi) if self._active == 0 else self.set_range(self.lo, end)
        else:
            return super().keyPressEvent(event)
        self.update()

    def focusNextPrevChild(self, next_: bool) -> bool:  # noqa: N802
        # Tab moves between the two handles first, then on to the next widget
        if self.hasFocus() and self._dates and ((next_ and self._active == 0) or (not next_ and self._active == 1)):
            self._active = 1 if next_ else 0
            self.update()
            return True
        return super().focusNextPrevChild(next_)

    # ---- drawing ------------------------------------------------------------------------
    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        mid = self.height() / 2
        groove = QRectF(self.MARGIN, mid - 2, self.width() - 2 * self.MARGIN, 4)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(pal.color(QPalette.ColorRole.Mid))
        p.drawRoundedRect(groove, 2, 2)
        if not self._dates:
            return
        accent = pal.color(QPalette.ColorRole.Highlight) if self.isEnabled() else pal.color(QPalette.ColorRole.Mid)
        p.setBrush(accent)
        p.drawRect(QRectF(self._x(self.lo), mid - 2, self._x(self.hi) - self._x(self.lo), 4))
        p.setPen(QPen(pal.color(QPalette.ColorRole.Text), 1))
        for i in range(len(self._dates)):
            x = self._x(i)
            p.drawLine(QPointF(x, mid + 5), QPointF(x, mid + 9))
        for which in (0, 1):
            c = self.handle_center(which)
            focus = self.hasFocus() and which == self._active
            p.setPen(QPen(QColor("#1b4f8a") if focus else pal.color(QPalette.ColorRole.Dark), 2.5 if focus else 1))
            p.setBrush(pal.color(QPalette.ColorRole.Button))
            p.drawEllipse(c, 6.5, 6.5)
