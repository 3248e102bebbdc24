"""The Details panel: what the selected place, event or memorial fact is, the sentences it
comes from, and for a place the candidates and the corrections (another candidate, typed
coordinates, "Not a place").

Everything from the article is escaped (html.escape) before it reaches the rich-text view.
The panel only shows and asks; the window decides what a button does.
"""
from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QTextBrowser, \
    QVBoxLayout, QWidget

from ..core.models import Candidate, Event, Fact, Place, Result, Sentence


def marked_sentence(text: str, sentence: Sentence, spans: list[tuple[int, int]]) -> str:
    """The sentence as escaped HTML with [start, end) article offsets wrapped in <mark>."""
    out, pos = [], sentence.start
    for start, end in sorted(spans):
        if start < pos or end > sentence.end:
            continue
        out.append(html.escape(text[pos:start]))
        out.append(f"<mark>{html.escape(text[start:end])}</mark>")
        pos = end
    out.append(html.escape(text[pos:sentence.end]))
    return "".join(out)


def _row(label: str, value: str) -> str:
    return f"<tr><td style='color:#555;padding-right:8px'>{html.escape(label)}</td><td>{html.escape(value)}</td></tr>"


class DetailsPanel(QWidget):
    useCandidate = Signal(object)  # Candidate
    setCoordinatesRequested = Signal()
    notAPlaceRequested = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.view = QTextBrowser(self)
        self.view.setOpenLinks(False)
        self.candidates = QListWidget(self)
        self.candidates.setToolTip("Other places this name can be; Enter or double-click uses one")
        self.candidates.itemActivated.connect(self._activated)
        self.use_button = QPushButton("&Use this candidate", self)
        self.use_button.clicked.connect(lambda: self._activated(self.candidates.currentItem()))
        self.coords_button = QPushButton("Set &coordinates…", self)
        self.coords_button.clicked.connect(self.setCoordinatesRequested)
        self.not_place_button = QPushButton("&Not a place", self)
        self.not_place_button.setToolTip("This name is not a place here (a person, a word): drop it")
        self.not_place_button.clicked.connect(self.notAPlaceRequested)
        self.candidates_label = QLabel("Candidates:", self)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.view, 3)
        lay.addWidget(self.candidates_label)
        lay.addWidget(self.candidates, 1)
        row = QHBoxLayout()
        for b in (self.use_button, self.coords_button, self.not_place_button):
            row.addWidget(b)
        lay.addLayout(row)
        self.shown: tuple[str, str] | None = None  # ("place"|"event"|"fact", id) or None
        self.clear()

    # ---- what is shown ------------------------------------------------------------------
    def clear(self) -> None:
        self.shown = None
        self.view.setHtml("<p style='color:#666'>Click a pin, a mention, a sentence or a row to see "
                          "where it comes from.</p>")
        self._set_candidates([])
        self._place_controls(False)

    def _place_controls(self, on: bool) -> None:
        for w in (self.use_button, self.coords_button, self.not_place_button, self.candidates,
                  self.candidates_label):
            w.setEnabled(on)
        self.use_button.setEnabled(on and self.candidates.count() > 0)

    def _set_candidates(self, candidates: list[Candidate]) -> None:
        self.candidates.clear()
        for c in candidates:
            item = QListWidgetItem(f"{c.name} — {c.kind}, {c.country or '?'} ({c.lat:.3f}, {c.lon:.3f}) "
                                   f"score {c.score:.2f}")
            item.setData(Qt.ItemDataRole.UserRole, c)
            self.candidates.addItem(item)

    def show_place(self, result: Result, p: Place) -> None:
        text = result.article.text
        parts = [f"<h3>{html.escape(p.name)}</h3><table>",
                 _row("Kind", p.kind), _row("Country", p.country or "?"),
                 _row("Coordinates", f"{p.lat:.5f}, {p.lon:.5f}"), _row("Source", p.source),
                 _row("Confidence", f"{p.confidence:.2f}"), "</table><p><b>Mentioned in:</b></p><ol>"]
        for sid in sorted({m.sentence for m in p.mentions}):
            s = result.sentences[sid]
            spans = [(m.start, m.end) for m in p.mentions if m.sentence == sid]
            parts.append(f"<li>{marked_sentence(text, s, spans)}</li>")
        parts.append("</ol>")
        self.view.setHtml("".join(parts))
        self._set_candidates(p.candidates)
        self.shown = ("place", p.id)
        self._place_controls(True)

    def show_event(self, result: Result, e: Event, date_reason: str | None = None) -> None:
        place = result.place_by_id(e.place)
        s = result.sentences[e.sentence] if 0 <= e.sentence < len(result.sentences) else None
        spans = []
        if s is not None and e.trigger:
            at = s.text.lower().find(e.trigger.lower())
            if at >= 0:
                spans.append((s.start + at, s.start + at + len(e.trigger)))
        date = e.date or "not stated"
        if e.date and e.date_text and e.date_text != e.date:
            date = f"{e.date} (from “{e.date_text}”)"
        parts = [f"<h3>{html.escape((e.summary or e.kind).replace('_', ' '))}</h3><table>",
                 _row("Event", e.kind.replace("_", " ")), _row("Date", date),
                 _row("Date read as", date_reason) if date_reason else "",
                 _row("Place", f"{place.name} ({place.kind}, {place.country or '?'})" if place else "not placed"),
                 _row("Place phrase", ", ".join(sorted({m.text for m in place.mentions if m.sentence == e.sentence}))
                      or "from the article's context") if place else "",
                 _row("Actors", ", ".join(e.actors) or "—"),
                 _row("Status", "reported, not confirmed (hedged)" if e.hedged else "stated"),
                 _row("Trigger", e.trigger or "—"), "</table>"]
        if s is not None:
            parts.append(f"<p><b>Sentence:</b><br>{marked_sentence(result.article.text, s, spans)}</p>")
        self.view.setHtml("".join(parts))
        self._set_candidates([])
        self.shown = ("event", e.id)
        self._place_controls(False)

    def show_fact(self, result: Result, f: Fact, fact_id: str) -> None:
        place = result.place_by_id(f.place)
        s = result.sentences[f.sentence] if 0 <= f.sentence < len(result.sentences) else None
        figure = f"{f.qualifier + ' ' if f.qualifier else ''}{f.value:,} {f.kind.replace('_', ' ')}"
        parts = [f"<h3>{html.escape(figure)}</h3><table>",
                 _row("Figure", f"{f.value:,}"), _row("Qualifier", f.qualifier or "none (stated exactly)"),
                 _row("Kind", f.kind.replace("_", " ")),
                 _row("Place", f"{place.name} ({place.kind}, {place.country or '?'})" if place else "not placed"),
                 _row("Phrase", f.text), "</table>"]
        if s is not None:
            spans = [(f.start, f.end)] if f.end > f.start else []
            parts.append(f"<p><b>Sentence:</b><br>{marked_sentence(result.article.text, s, spans)}</p>")
        self.view.setHtml("".join(parts))
        self._set_candidates([])
        self.shown = ("fact", fact_id)
        self._place_controls(False)

    def text(self) -> str:
        return self.view.toPlainText()

    def _activated(self, item) -> None:
        if item is not None and self.shown and self.shown[0] == "place":
            self.useCandidate.emit(item.data(Qt.ItemDataRole.UserRole))
