"""What the desktop window shows and edits, without Qt: the current result, the selection,
keyboard navigation between places, and corrections with undo.

The window's slots only forward to these methods, so the behaviour is testable in a plain
script and the GUI stays a thin adapter.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from .corrections import UserGazetteer
from .models import Candidate, Place, Result, Sentence


@dataclass(frozen=True, slots=True)
class Row:
    """One row of the places/events/facts table."""
    layer: str  # place, event, fact
    id: str  # place or event id; facts use "f<n>"
    name: str
    kind: str
    country: str
    date: str
    lat: float | None
    lon: float | None
    confidence: float | None
    source: str
    sentence: int | None
    place_id: str | None  # the pin the row flies to


@dataclass(frozen=True, slots=True)
class Correction:
    """Undoable: the place before and after, and the user-gazetteer entry it replaced."""
    place_id: str
    name: str  # the name as written in the article (the user-gazetteer key)
    before: Place
    after: Place
    previous_entry: Candidate | None


def utf16_offset(text: str, index: int) -> int:
    """Qt and JavaScript count UTF-16 units; Python counts code points."""
    return index + sum(1 for ch in text[:index] if ord(ch) > 0xFFFF)


class Session:
    def __init__(self, result: Result, *, user: UserGazetteer | None = None) -> None:
        self.result = result
        self.user = user
        self.selected: str | None = None

    # ---- lookups ------------------------------------------------------------------------
    @property
    def sentences(self) -> list[Sentence]:
        return self.result.sentences

    def place(self, place_id: str | None) -> Place | None:
        return self.result.place_by_id(place_id)

    def pinned_places(self) -> list[Place]:
        """Places in reading order, the order next/previous walks through."""
        return sorted(self.result.places, key=lambda p: min((m.start for m in p.mentions), default=0))

    def sentence_of_place(self, place_id: str) -> Sentence | None:
        p = self.place(place_id)
        if p is None or not p.mentions:
            return None
        return self.sentences[p.mentions[0].sentence]

    def sentence_at(self, offset: int) -> Sentence | None:
        for s in self.sentences:
            if s.start <= offset <= s.end:
                return s
        return None

    def place_for_sentence(self, sentence_id: int) -> str | None:
        """The pin a click on a sentence flies to: its most specific place."""
        rank = {"landmark": 0, "city": 1, "admin1": 2, "region": 3, "water": 3, "country": 4, "continent": 5}
        found = [(rank.get(p.kind, 6), m.start, p.id) for p in self.result.places for m in p.mentions
                 if m.sentence == sentence_id and m.form != "demonym"]
        return min(found)[2] if found else None

    def place_at(self, offset: int) -> str | None:
        for p in self.result.places:
            for m in p.mentions:
                if m.start <= offset < m.end:
                    return p.id
        return None

    def sentences_of(self, place_id: str) -> list[Sentence]:
        p = self.place(place_id)
        ids = sorted({m.sentence for m in p.mentions}) if p else []
        return [self.sentences[i] for i in ids]

    # ---- selection and navigation -------------------------------------------------------
    def select(self, place_id: str | None) -> Place | None:
        p = self.place(place_id)
        self.selected = p.id if p else None
        return p

    def step(self, delta: int) -> Place | None:
        """Next (+1) or previous (-1) place in reading order, wrapping around."""
        order = [p.id for p in self.pinned_places()]
        if not order:
            return None
        if self.selected not in order:
            return self.select(order[0] if delta > 0 else order[-1])
        return self.select(order[(order.index(self.selected) + delta) % len(order)])

    # ---- table --------------------------------------------------------------------------
    def rows(self) -> list[Row]:
        r = self.result
        out = [Row("place", p.id, p.name, p.kind, p.country or "", "", p.lat, p.lon, p.confidence, p.source,
                   p.mentions[0].sentence if p.mentions else None, p.id) for p in r.places]
        for e in r.events:
            p = r.place_by_id(e.place)
            out.append(Row("event", e.id, e.summary or e.kind, e.kind, (p.country or "") if p else "", e.date or "",
                           p.lat if p else None, p.lon if p else None, None,
                           "reported" if e.hedged else "", e.sentence, e.place))
        for n, f in enumerate(r.facts, 1):
            p = r.place_by_id(f.place)
            label = f"{f.qualifier + ' ' if f.qualifier else ''}{f.value:,} {f.kind.replace('_', ' ')}"
            out.append(Row("fact", f"f{n}", label, f.kind, (p.country or "") if p else "", "",
                           p.lat if p else None, p.lon if p else None, None, "", f.sentence, f.place))
        return out

    # ---- corrections --------------------------------------------------------------------
    def correct(self, place_id: str, *, candidate: Candidate | None = None,
                lat: float | None = None, lon: float | None = None) -> Correction:
        """Pick another candidate, or move the pin to typed/dragged coordinates."""
        p = self.place(place_id)
        if p is None:
            raise KeyError(place_id)
        if candidate is None:
            if lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
                raise ValueError("latitude must be within ±90 and longitude within ±180")
            candidate = Candidate(key=f"user:{p.key or p.id}", name=p.name, lat=lat, lon=lon, country=p.country,
                                  kind=p.kind if p.kind != "country" else "city", source="user")
        name = p.mentions[0].text if p.mentions else p.name
        before = replace(p, mentions=list(p.mentions), candidates=list(p.candidates))
        after = replace(p, name=candidate.name, lat=candidate.lat, lon=candidate.lon, country=candidate.country,
                        kind=candidate.kind, source="user", confidence=1.0, geonameid=candidate.geonameid,
                        key=candidate.key, mentions=list(p.mentions), candidates=list(p.candidates))
        previous = self.user.get(name) if self.user else None
        change = Correction(place_id, name, before, after, previous)
        self.apply(change)
        return change

    def apply(self, change: Correction) -> None:
        # save first: a correction that cannot be saved must not stay on screen
        if self.user is not None:
            a = change.after
            self.user.set(change.name, Candidate(key=a.key, name=a.name, lat=a.lat, lon=a.lon, country=a.country,
                                                 kind=a.kind, source="user"))
        self._put(change.after)

    def revert(self, change: Correction) -> None:
        if self.user is not None:
            if change.previous_entry is None:
                self.user.remove(change.name)
            else:
                self.user.set(change.name, change.previous_entry)
        self._put(change.before)

    def _put(self, place: Place) -> None:
        places = self.result.places
        for i, p in enumerate(places):
            if p.id == place.id:
                places[i] = replace(place, mentions=list(place.mentions), candidates=list(place.candidates))
                return

    def describe(self, place_id: str) -> dict[str, Any]:
        p = self.place(place_id)
        if p is None:
            return {}
        return {"place": p.to_dict(), "sentences": [s.text for s in self.sentences_of(place_id)]}
