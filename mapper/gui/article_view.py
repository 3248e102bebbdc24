"""The article pane: the text with mentions marked by kind, events and facts marked in their
sentences, a hover tooltip naming each mention's place, and sentence highlighting.

The document is built with QTextCursor.insertText (plain text with formats), never from HTML,
so article text can't inject markup. Qt counts UTF-16 units; offsets are converted.

Clicks: what was clicked is decided from the position of the mouse PRESS (a mention, or
else the sentence under the pointer), and acted on once, on the release, if the pointer
did not move further than the drag distance and no text got selected. The position is never
read again after the press: a click's handler may scroll the pane (to highlight a sentence),
and the text under the pointer then is another sentence.

Keyboard: Tab / Shift+Tab move between mentions (QTextBrowser's anchor focus), Enter or
Return activates the focused one, like a click.

Speed: a 670 KB article has thousands of marks. The document is built off-screen in one
edit block, with one shared format per kind (and place, for its link), and then shown; tooltips
are looked up when asked for instead of stored in every format.
"""
from __future__ import annotations

import bisect
import re
from typing import NamedTuple, cast

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt, QUrl, Signal
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor, QTextDocument, QTextFormat
from PySide6.QtWidgets import QApplication, QTextBrowser, QTextEdit, QToolTip

from ..core.models import Event, Fact, Mention, Place, Result

KIND_COLOURS = {"country": "#1f5fa8", "admin1": "#1f5fa8", "region": "#2a7f62", "continent": "#2a7f62",
                "water": "#1b7aa0", "city": "#b3261e", "landmark": "#7b3fa0", "demonym": "#5f6b7a"}
HIGHLIGHT = QColor("#ffe58a")
SCROLL_MODES = ("if-needed", "always", "never")
_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")  # characters that take two UTF-16 units


class Mark(NamedTuple):
    """One marked span as drawn (overlaps resolved): a mention, a fact or an event trigger."""
    start: int  # Python offsets, end exclusive
    end: int
    layer: str  # "mention", "fact", "event"
    item: tuple[Place, Mention] | Fact | Event  # by layer: mention, fact, event


class Target(NamedTuple):
    """What a press landed on: a mention (place id and its sentence) or a sentence."""
    place_id: str | None
    sentence_id: int | None


class ArticleView(QTextBrowser):
    # a click (or Enter) on a mention: the place and the sentence of THAT mention
    mentionClicked = Signal(str, int)
    # the place only; emitted just before mentionClicked, for code that only wants the place.
    # Connect one of the two: a slot on each would select the place twice.
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
        self._astral_qt: list[int] = []  # the same characters' Qt positions
        self._result: Result | None = None
        self._marks: list[Mark] = []
        self._mark_starts: list[int] = []
        self._sentence_starts: list[int] = []
        self._sentence_order: list[int] = []  # sentence indexes by start
        self._press: tuple[QPoint, Target | None] | None = None
        self._in_mouse_release = False
        self._anchor_selected = False
        self.highlighted_sentence: int | None = None
        self.document().setDocumentMargin(14)
        font = self.font()
        font.setPointSizeF(max(font.pointSizeF(), 10.5))
        self.setFont(font)

    # ---- offsets ------------------------------------------------------------------------
    def to_qt(self, offset: int) -> int:
        """Python offset -> Qt position (an astral character takes two UTF-16 units)."""
        return offset + bisect.bisect_left(self._astral, offset)

    def from_qt(self, position: int) -> int:
        """Qt position -> Python offset; a position inside a surrogate pair maps to its character."""
        return position - bisect.bisect_left(self._astral_qt, position)

    # ---- content ------------------------------------------------------------------------
    def show_result(self, result: Result) -> None:
        self._result = result
        self._press = None
        text = result.article.text
        self._astral = [m.start() for m in _ASTRAL.finditer(text)]
        self._astral_qt = [a + n for n, a in enumerate(self._astral)]
        order = sorted(range(len(result.sentences)), key=lambda i: result.sentences[i].start)
        self._sentence_order = order
        self._sentence_starts = [result.sentences[i].start for i in order]

        formats: dict[tuple, QTextCharFormat] = {}

        def mention_format(kind: str, place_id: str) -> QTextCharFormat:
            key = ("mention", kind, place_id)
            fmt = formats.get(key)
            if fmt is None:
                fmt = formats[key] = QTextCharFormat()
                fmt.setForeground(QColor(KIND_COLOURS.get(kind, "#b3261e")))
                fmt.setFontWeight(600)
                fmt.setAnchor(True)
                fmt.setAnchorHref(f"place:{place_id}")
            return fmt

        fact_format = QTextCharFormat()
        fact_format.setBackground(QColor("#dcefdc"))
        event_formats = {}
        for hedged in (False, True):
            fmt = event_formats[hedged] = QTextCharFormat()
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DashUnderline if hedged
                                  else QTextCharFormat.UnderlineStyle.SingleUnderline)
            fmt.setUnderlineColor(QColor("#d9730d"))

        marks: list[tuple[int, int, int, Mark, QTextCharFormat]] = []
        for p in result.places:
            for m in p.mentions:
                kind = "demonym" if m.form == "demonym" else p.kind
                marks.append((m.start, -m.end, len(marks), Mark(m.start, m.end, "mention", (p, m)),
                              mention_format(kind, p.id)))
        for f in result.facts:
            if f.end > f.start:
                marks.append((f.start, -f.end, len(marks), Mark(f.start, f.end, "fact", f), fact_format))
        for e in result.events:
            if not e.trigger or not (0 <= e.sentence < len(result.sentences)):
                continue
            s = result.sentences[e.sentence]
            # a case-blind search that keeps offsets (str.lower() can change a text's length)
            found = re.search(re.escape(e.trigger), s.text, re.IGNORECASE)
            if found:
                start, end = s.start + found.start(), s.start + found.end()
                marks.append((start, -end, len(marks), Mark(start, end, "event", e), event_formats[bool(e.hedged)]))
        marks.sort(key=lambda t: t[:3])  # by start, the longest first, then in the order above

        # built off-screen in one edit block, then shown: inserting into the shown document
        # re-lays it out after every insertion
        doc = QTextDocument(self)
        doc.setUndoRedoEnabled(False)
        doc.setDocumentMargin(14)
        doc.setDefaultFont(self.font())
        cursor = QTextCursor(doc)
        cursor.beginEditBlock()
        plain = QTextCharFormat()
        drawn: list[Mark] = []
        pos = 0
        for start, _neg_end, _n, mark, fmt in marks:
            if start < pos:
                continue  # overlapping marks: the first (longest) wins
            if start > pos:
                cursor.insertText(text[pos:start], plain)
            cursor.insertText(text[start:mark.end], fmt)
            drawn.append(mark)
            pos = mark.end
        if pos < len(text):
            cursor.insertText(text[pos:], plain)
        cursor.endEditBlock()
        self._marks = drawn
        self._mark_starts = [m.start for m in drawn]

        old = self.document()
        ours = old.parent() is self  # an earlier article's; Qt deletes only the document it made
        self.setExtraSelections([])
        self.setDocument(doc)
        if ours:
            old.deleteLater()
        self.highlighted_sentence = None
        self.moveCursor(QTextCursor.MoveOperation.Start)

    def highlight_sentence(self, sentence_id: int, *, scroll: str = "if-needed") -> None:
        """Mark a sentence. scroll: "if-needed" (only when it is not fully visible), "always"
        (bring it into view, as if it were not visible) or "never"."""
        if scroll not in SCROLL_MODES:
            raise ValueError(f"scroll must be one of {SCROLL_MODES}, not {scroll!r}")
        if self._result is None or not (0 <= sentence_id < len(self._result.sentences)):
            return
        s = self._result.sentences[sentence_id]
        start, end = self.to_qt(s.start), self.to_qt(s.end)
        cursor = QTextCursor(self.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        sel = QTextEdit.ExtraSelection()
        sel.cursor = cursor
        sel.format.setBackground(HIGHLIGHT)
        sel.format.setProperty(QTextFormat.Property.FullWidthSelection, False)
        self.setExtraSelections([sel])
        self.highlighted_sentence = sentence_id
        if scroll == "never" or (scroll == "if-needed" and self.is_fully_visible(start, end)):
            return
        # scroll so the sentence is visible (its start if it is taller than the pane),
        # without leaving a selection behind
        view = QTextCursor(self.document())
        view.setPosition(end)
        self.setTextCursor(view)
        self.ensureCursorVisible()
        view.setPosition(start)
        self.setTextCursor(view)
        self.ensureCursorVisible()

    def is_fully_visible(self, start: int, end: int) -> bool:
        """Whether the text between two Qt positions is all inside the viewport."""
        area = self.viewport().rect()
        for position in (start, end):
            c = QTextCursor(self.document())
            c.setPosition(position)
            if not area.contains(self.cursorRect(c)):
                return False
        return True

    def highlighted_text(self) -> str:
        if self._result is None or self.highlighted_sentence is None:
            return ""
        return self._result.sentences[self.highlighted_sentence].text

    # ---- lookups ------------------------------------------------------------------------
    def mark_at(self, offset: int) -> Mark | None:
        """The drawn mark covering a Python offset."""
        i = bisect.bisect_right(self._mark_starts, offset) - 1
        if i >= 0 and self._marks[i].start <= offset < self._marks[i].end:
            return self._marks[i]
        return None

    def sentence_at(self, offset: int) -> int | None:
        """The id of the sentence holding a Python offset (its end included), or None."""
        if self._result is None:
            return None
        i = bisect.bisect_right(self._sentence_starts, offset) - 1
        # sentences do not overlap; check the previous one too, for an offset at a sentence's end
        for j in (i, i - 1):
            if j >= 0:
                s = self._result.sentences[self._sentence_order[j]]
                if s.start <= offset <= s.end:
                    return s.id
        return None

    def _document_point(self, point: QPoint) -> QPointF:
        return QPointF(point.x() + self.horizontalScrollBar().value(), point.y() + self.verticalScrollBar().value())

    def _char_at(self, point: QPoint) -> int | None:
        """The Python offset of the character under a viewport point (None if no character is)."""
        position = self.document().documentLayout().hitTest(self._document_point(point), Qt.HitTestAccuracy.ExactHit)
        return None if position < 0 else self.from_qt(position)

    def target_at(self, point: QPoint) -> Target | None:
        """What a click at a viewport point is on: a mention, or else a sentence."""
        if self._result is None:
            return None
        offset = self._char_at(point)
        mark = self.mark_at(offset) if offset is not None else None
        if mark is not None and mark.layer == "mention":
            place, mention = cast("tuple[Place, Mention]", mark.item)
            return Target(place.id, mention.sentence)
        position = self.document().documentLayout().hitTest(self._document_point(point), Qt.HitTestAccuracy.FuzzyHit)
        sentence = self.sentence_at(self.from_qt(position)) if position >= 0 else None
        return Target(None, sentence) if sentence is not None else None

    def tooltip_at(self, offset: int) -> str:
        mark = self.mark_at(offset)
        if mark is None:
            return ""
        if mark.layer == "mention":
            p, _m = cast("tuple[Place, Mention]", mark.item)
            return (f"{p.name} — {p.kind}, {p.country or '?'} ({p.lat:.4f}, {p.lon:.4f}), "
                    f"source {p.source}, confidence {p.confidence:.2f}")
        if mark.layer == "fact":
            f = cast(Fact, mark.item)
            return f"Memorial fact: {f.qualifier + ' ' if f.qualifier else ''}{f.value:,} {f.kind.replace('_', ' ')}"
        e = cast(Event, mark.item)
        return f"Event: {e.summary or e.kind}{' (reported, unconfirmed)' if e.hedged else ''}"

    # ---- events -------------------------------------------------------------------------
    def _activate(self, target: Target) -> None:
        if target.place_id is not None:
            self.placeClicked.emit(target.place_id)
            self.mentionClicked.emit(target.place_id, target.sentence_id)
        elif target.sentence_id is not None:
            self.sentenceClicked.emit(target.sentence_id)

    def _on_anchor(self, url: QUrl) -> None:
        """QTextBrowser's link activation: from the keyboard (Enter on a focused mention).
        Mouse clicks are handled from their press, in mouseReleaseEvent."""
        if self._in_mouse_release:
            self._anchor_selected = True  # Qt selected the clicked mention: not the user's selection
            return
        if url.scheme() != "place" or self._result is None:
            return
        place_id = url.path()
        cursor = self.textCursor()  # the focused anchor is the cursor's selection
        mark = self.mark_at(self.from_qt(cursor.selectionStart())) if cursor.hasSelection() else None
        on = cast("tuple[Place, Mention]", mark.item) if mark is not None and mark.layer == "mention" else None
        if on is not None and on[0].id == place_id:
            sentence = on[1].sentence
        else:
            p = self._result.place_by_id(place_id)
            if p is None or not p.mentions:
                return
            sentence = min(p.mentions, key=lambda m: m.start).sentence
        self._activate(Target(place_id, sentence))

    def mousePressEvent(self, event) -> None:  # noqa: N802
        self._press = None
        if event.button() == Qt.MouseButton.LeftButton and self._result is not None:
            point = event.position().toPoint()
            self._press = (point, self.target_at(point))
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802
        press, self._press = self._press, None
        self._in_mouse_release = True  # QTextBrowser emits anchorClicked from inside this call
        self._anchor_selected = False
        try:
            super().mouseReleaseEvent(event)
        finally:
            self._in_mouse_release = False
        if press is None or event.button() != Qt.MouseButton.LeftButton or self._result is None:
            return
        point, target = press
        if (event.position().toPoint() - point).manhattanLength() > QApplication.startDragDistance():
            return  # a drag, not a click
        if self.textCursor().hasSelection() and not self._anchor_selected:
            return  # the user is selecting text to copy
        if target is not None:
            self._activate(target)

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            offset = self._char_at(self.viewport().mapFromGlobal(event.globalPos()))
            tip = self.tooltip_at(offset) if offset is not None else ""
            if tip:
                QToolTip.showText(event.globalPos(), tip, self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)
