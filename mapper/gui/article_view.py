"""The article pane: the text with mentions marked by kind, events and facts marked in their
sentences, a hover tooltip naming each mention's place, and sentence highlighting.

The document is built with QTextCursor.insertText (plain text with formats), never from HTML,
so article text can't inject markup. Qt counts UTF-16 units; offsets are converted.
"""
from __future__ import annotations

import bisect

from PySide6.QtCore import QEvent, Qt, QUrl, Signal
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor, QTextFormat
from PySide6.QtWidgets import QTextBrowser, QTextEdit, QToolTip

from ..core.models import Result

KIND_COLOURS = {"country": "#1f5fa8", "admin1": "#1f5fa8", "region": "#2a7f62", "continent": "#2a7f62",
                "water": "#1b7aa0", "city": "#b3261e", "landmark": "#7b3fa0", "demonym": "#5f6b7a"}
HIGHLIGHT = QColor("#ffe58a")


class ArticleView(QTextBrowser):
    placeClicked = Signal(str)
    sentenceClicked = Signal(int)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setReadOnly(True)
        self.setMouseTracking(True)
        self.anchorClicked.connect(self._on_anchor)
        self._astral: list[int] = []  # Python offsets of characters outside the BMP
        self._result: Result | None = None
        self.highlighted_sentence: int | None = None
        self.document().setDocumentMargin(14)
        font = self.font()
        font.setPointSizeF(max(font.pointSizeF(), 10.5))
        self.setFont(font)

    # ---- offsets ------------------------------------------------------------------------
    def to_qt(self, offset: int) -> int:
        return offset + bisect.bisect_left(self._astral, offset)

    def from_qt(self, position: int) -> int:
        offset = position
        for a in self._astral:  # few astral characters in practice
            if self.to_qt(a) < position:
                offset -= 1
        return offset

    # ---- content ------------------------------------------------------------------------
    def show_result(self, result: Result) -> None:
        self._result = result
        text = result.article.text
        self._astral = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF]
        marks: list[tuple[int, int, QTextCharFormat]] = []
        for p in result.places:
            for m in p.mentions:
                fmt = QTextCharFormat()
                kind = "demonym" if m.form == "demonym" else p.kind
                fmt.setForeground(QColor(KIND_COLOURS.get(kind, "#b3261e")))
                fmt.setFontWeight(600)
                fmt.setAnchor(True)
                fmt.setAnchorHref(f"place:{p.id}")
                fmt.setToolTip(f"{p.name} — {p.kind}, {p.country or '?'} ({p.lat:.4f}, {p.lon:.4f}), "
                               f"source {p.source}, confidence {p.confidence:.2f}")
                marks.append((m.start, m.end, fmt))
        for f in result.facts:
            if f.end > f.start:
                fmt = QTextCharFormat()
                fmt.setBackground(QColor("#dcefdc"))
                fmt.setToolTip(f"Memorial fact: {f.qualifier + ' ' if f.qualifier else ''}{f.value:,} "
                               f"{f.kind.replace('_', ' ')}")
                marks.append((f.start, f.end, fmt))
        for e in result.events:
            s = result.sentences[e.sentence]
            at = s.text.lower().find(e.trigger.lower()) if e.trigger else -1
            if at >= 0:
                fmt = QTextCharFormat()
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DashUnderline if e.hedged
                                      else QTextCharFormat.UnderlineStyle.SingleUnderline)
                fmt.setUnderlineColor(QColor("#d9730d"))
                fmt.setToolTip(f"Event: {e.summary or e.kind}{' (reported, unconfirmed)' if e.hedged else ''}")
                marks.append((s.start + at, s.start + at + len(e.trigger), fmt))
        marks.sort(key=lambda t: (t[0], -t[1]))

        self.clear()
        cursor = QTextCursor(self.document())
        plain = QTextCharFormat()
        pos = 0
        for start, end, fmt in marks:
            if start < pos:
                continue  # overlapping marks: the first (longest) wins
            cursor.insertText(text[pos:start], plain)
            cursor.insertText(text[start:end], fmt)
            pos = end
        cursor.insertText(text[pos:], plain)
        self.highlighted_sentence = None
        self.setExtraSelections([])
        self.moveCursor(QTextCursor.MoveOperation.Start)

    def highlight_sentence(self, sentence_id: int) -> None:
        if self._result is None or not (0 <= sentence_id < len(self._result.sentences)):
            return
        s = self._result.sentences[sentence_id]
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.to_qt(s.start))
        cursor.setPosition(self.to_qt(s.end), QTextCursor.MoveMode.KeepAnchor)
        sel = QTextEdit.ExtraSelection()
        sel.cursor = cursor
        sel.format.setBackground(HIGHLIGHT)
        sel.format.setProperty(QTextFormat.Property.FullWidthSelection, False)
        self.setExtraSelections([sel])
        self.highlighted_sentence = sentence_id
        # scroll so the sentence is visible, without leaving a selection behind
        view = QTextCursor(self.document())
        view.setPosition(self.to_qt(s.end))
        self.setTextCursor(view)
        self.ensureCursorVisible()
        view.setPosition(self.to_qt(s.start))
        self.setTextCursor(view)
        self.ensureCursorVisible()

    def highlighted_text(self) -> str:
        if self._result is None or self.highlighted_sentence is None:
            return ""
        return self._result.sentences[self.highlighted_sentence].text

    # ---- events -------------------------------------------------------------------------
    def _on_anchor(self, url: QUrl) -> None:
        if url.scheme() == "place":
            self.placeClicked.emit(url.path())

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802
        super().mouseReleaseEvent(event)
        if event.button() != Qt.MouseButton.LeftButton or self._result is None:
            return
        if self.anchorAt(event.position().toPoint()):
            return  # anchorClicked handles mentions
        if self.textCursor().hasSelection():
            return  # the user is selecting text to copy
        offset = self.from_qt(self.cursorForPosition(event.position().toPoint()).position())
        for s in self._result.sentences:
            if s.start <= offset <= s.end:
                self.sentenceClicked.emit(s.id)
                return

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            cursor = self.cursorForPosition(self.viewport().mapFromGlobal(event.globalPos()))
            tip = cursor.charFormat().toolTip()
            if tip:
                QToolTip.showText(event.globalPos(), tip, self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)
