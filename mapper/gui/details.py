"""The Details panel: what the selected place, event or memorial fact is, the sentences it
comes from, and for a place the candidates and the corrections (another candidate, typed
coordinates, "Not a place"). For a place it also says why: the recognition rules that kept its
name, each candidate's score as named terms, and what the confidence means. A toggle lists the
names the rules dropped, each with its rule, and "Make this a place…" promotes one.

Everything from the article is escaped (html.escape) before it reaches the rich-text view.
The panel only shows and asks; the window decides what a button does.
"""
from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ..core.models import Candidate, DroppedName, Event, Fact, Place, Result, Sentence
from ..core.recognition_rules import RULES

_RULE_TEXT = {r.name: r.description for r in RULES}
_RULE_TEXT["user_place"] = "You made this name a place (a correction)."
_RULE_TEXT["default_keep"] = "No rule objected: a gazetteer name in running text."


def rule_text(name: str) -> str:
    return _RULE_TEXT.get(name, name.replace("_", " "))


def _terms(terms) -> str:
    return ", ".join(f"{label} {value:+.2f}" for label, value in terms) or "no context terms"


def why_place_html(p: Place) -> str:
    """The reasons for a place: rules that kept it, the ranking with score terms, confidence."""
    out = ["<a name=\"why\"></a><h4>Why this place?</h4>"]
    if p.rules:
        out.append("<p><b>Kept as a place by:</b></p><ul>")
        out += [f"<li><code>{html.escape(r)}</code> — {html.escape(rule_text(r))}</li>" for r in p.rules]
        out.append("</ul>")
    if p.ranking:
        out.append("<p><b>How the reading was chosen</b> (score = sum of the terms):</p><table>")
        for i, c in enumerate(p.ranking):
            style = "font-weight:bold" if i == 0 else "color:#555"
            where = "-".join(x for x in (c.get("country"), c.get("admin1")) if x) or "?"
            size = f", pop. {c['population']:,}" if c.get("population") else ""
            name = f"{c['name']} ({c['kind']}, {where}{size})"
            out.append(f"<tr style='{style}'><td>{html.escape(name)}</td><td align='right'>{c['score']:.2f}</td>"
                       f"<td>{html.escape(_terms(c['terms']))}</td></tr>")
        out.append("</table>")
    elif p.source == "user":
        out.append("<p>Placed by your correction.</p>")
    out.append(f"<p><b>Confidence {p.confidence:.2f}</b>: the calibrated chance that this pin is right (a place, "
               "within 161 km), measured on three news corpora.</p>")
    return "".join(out)


def marked_sentence(text: str, sentence: Sentence, spans: list[tuple[int, int]]) -> str:
    """The sentence as escaped HTML with [start, end) article offsets highlighted (Qt rich text
    has no <mark>: a styled span)."""
    out, pos = [], sentence.start
    for start, end in sorted(spans):
        if start < pos or end > sentence.end:
            continue
        out.append(html.escape(text[pos:start]))
        out.append(f"<span style='background:#ffe08a;font-weight:bold'>{html.escape(text[start:end])}</span>")
        pos = end
    out.append(html.escape(text[pos:sentence.end]))
    return "".join(out)


def _row(label: str, value: str) -> str:
    return f"<tr><td style='color:#555;padding-right:8px'>{html.escape(label)}</td><td>{html.escape(value)}</td></tr>"


class DetailsPanel(QWidget):
    useCandidate = Signal(object)  # Candidate
    setCoordinatesRequested = Signal()
    notAPlaceRequested = Signal()
    promoteRequested = Signal(object)  # DroppedName

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
        # names the rules did not take as places, with the rule; shown on demand
        self.show_dropped = QCheckBox("Show names &dropped by the rules", self)
        self.show_dropped.setToolTip("List the gazetteer names that were not taken as places, and why")
        self.dropped = QListWidget(self)
        self.dropped.setToolTip("Names not taken as places and the rule that dropped each; "
                                "Enter or double-click makes one a place")
        self.dropped.itemActivated.connect(self._promote)
        self.dropped.currentItemChanged.connect(lambda item, _old: self._show_dropped_item(item))
        self.promote_button = QPushButton("&Make this a place…", self)
        self.promote_button.clicked.connect(lambda: self._promote(self.dropped.currentItem()))
        self.show_dropped.toggled.connect(self._dropped_visible)
        self._result: Result | None = None
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.view, 3)
        lay.addWidget(self.candidates_label)
        lay.addWidget(self.candidates, 1)
        row = QHBoxLayout()
        for b in (self.use_button, self.coords_button, self.not_place_button):
            row.addWidget(b)
        lay.addLayout(row)
        lay.addWidget(self.show_dropped)
        lay.addWidget(self.dropped, 1)
        lay.addWidget(self.promote_button)
        self._dropped_visible(False)
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
            item.setToolTip(f"Score {c.score:.2f}: {_terms(c.terms)}")
            item.setData(Qt.ItemDataRole.UserRole, c)
            self.candidates.addItem(item)

    # ---- dropped names ------------------------------------------------------------------
    def set_result(self, result: Result | None) -> None:
        """The article whose dropped names the list shows (after every run or correction)."""
        self._result = result
        self.dropped.clear()
        if result is None:
            return
        for d in result.dropped:
            item = QListWidgetItem(f"{d.text} — {d.rule.replace('_', ' ')}")
            item.setToolTip(rule_text(d.rule))
            item.setData(Qt.ItemDataRole.UserRole, d)
            self.dropped.addItem(item)
        self.show_dropped.setText(f"Show names &dropped by the rules ({len(result.dropped)})")

    def _dropped_visible(self, on: bool) -> None:
        self.dropped.setVisible(on)
        self.promote_button.setVisible(on)

    def _show_dropped_item(self, item: QListWidgetItem | None) -> None:
        d: DroppedName | None = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if d is None or self._result is None or not 0 <= d.sentence < len(self._result.sentences):
            return
        s = self._result.sentences[d.sentence]
        self.view.setHtml(f"<h3>{html.escape(d.text)}: not taken as a place</h3>"
                          f"<p><b>Dropped by</b> <code>{html.escape(d.rule)}</code> — "
                          f"{html.escape(rule_text(d.rule))}</p><p><b>Sentence:</b><br>"
                          f"{marked_sentence(self._result.article.text, s, [(d.start, d.end)])}</p>"
                          "<p style='color:#555'>If it is a place here, use “Make this a place…”.</p>")
        self.shown = ("dropped", f"{d.start}")
        self._set_candidates([])
        self._place_controls(False)

    def _promote(self, item: QListWidgetItem | None) -> None:
        if item is not None:
            self.promoteRequested.emit(item.data(Qt.ItemDataRole.UserRole))

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
        parts.append(why_place_html(p))
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
