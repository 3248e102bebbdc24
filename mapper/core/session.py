"""What the desktop window shows and edits, without Qt: the current result, the selection,
keyboard navigation between places, and corrections with undo.

The window's slots only forward to these methods, so the behaviour is testable in a plain
script and the GUI stays a thin adapter.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from .corrections import SCOPES, CorrectionEntry, UserGazetteer, article_key, name_key
from .models import Candidate, Claim, DroppedName, Event, Fact, Mention, Place, Result, Sentence


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
    """Undoable: the place before and after, and the user-gazetteer entries it replaced.

    A place named several ways in the article ("Springfield", "SPRINGFIELD", an alias) is
    corrected under each of its names (`names`); `previous` holds, name by name, the entry of
    the same scope each one replaced (None: there was none)."""
    place_id: str
    name: str  # the name as first written in the article (for labels: "Correct <name>")
    before: Place
    after: Place
    previous_entry: Candidate | None  # the "everywhere" place it replaced (the first API)
    scope: str = "everywhere"  # "article" or "everywhere"
    article: str = ""  # the article key (scope "article")
    title: str = ""
    names: tuple[str, ...] = ()
    previous: tuple[CorrectionEntry | None, ...] = ()


@dataclass(frozen=True, slots=True)
class NotAPlace:
    """Undoable: a name read as a place that is not one. Applying it removes the place, and
    the events and facts that pointed at it keep no place (claims about it go); reverting
    puts all of it back where it was."""
    place_id: str
    name: str
    scope: str
    article: str
    title: str
    names: tuple[str, ...]
    before: Place
    index: int  # where the place stood in result.places
    events: tuple[Event, ...]  # the result's events, facts and claims before the change
    facts: tuple[Fact, ...]
    claims: tuple[Claim, ...]
    previous: tuple[CorrectionEntry | None, ...] = ()


@dataclass(frozen=True, slots=True)
class Promotion:
    """Undoable: a name the rules dropped that the user makes a place ("Make this a place").
    Every dropped mention of the name in the article becomes one place at the chosen
    candidate; reverting puts the names back among the dropped."""
    place_id: str
    name: str
    scope: str
    article: str
    title: str
    names: tuple[str, ...]
    after: Place
    dropped: tuple[DroppedName, ...]  # the dropped mentions it took back
    previous: tuple[CorrectionEntry | None, ...] = ()


Change = Correction | NotAPlace | Promotion


def utf16_offset(text: str, index: int) -> int:
    """Qt and JavaScript count UTF-16 units; Python counts code points."""
    return index + sum(1 for ch in text[:index] if ord(ch) > 0xFFFF)


class Session:
    def __init__(self, result: Result, *, user: UserGazetteer | None = None) -> None:
        self.result = result
        self.user = user
        self.selected: str | None = None
        self.article_key = article_key(result.article)
        a = result.article
        self.article_title = (a.title or (a.path and a.path.replace("\\", "/").rsplit("/", 1)[-1])
                              or a.text.strip().split("\n", 1)[0][:80]).strip()

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
                lat: float | None = None, lon: float | None = None, scope: str = "everywhere") -> Correction:
        """Pick another candidate, or move the pin to typed/dragged coordinates. `scope` is
        "article" (only this article) or "everywhere" (every later article naming it so)."""
        p = self.place(place_id)
        if p is None:
            raise KeyError(place_id)
        if scope not in SCOPES:
            raise ValueError(f"unknown scope {scope!r}: use 'article' or 'everywhere'")
        if candidate is None:
            if lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
                raise ValueError("latitude must be within ±90 and longitude within ±180")
            candidate = Candidate(key=f"user:{p.key or p.id}", name=p.name, lat=lat, lon=lon, country=p.country,
                                  kind=p.kind if p.kind != "country" else "city", source="user")
        names = self._names(p)
        before = replace(p, mentions=list(p.mentions), candidates=list(p.candidates))
        after = replace(p, name=candidate.name, lat=candidate.lat, lon=candidate.lon, country=candidate.country,
                        kind=candidate.kind, source="user", confidence=1.0, geonameid=candidate.geonameid,
                        key=candidate.key, mentions=list(p.mentions), candidates=list(p.candidates))
        article = self.article_key if scope == "article" else ""
        previous = self._previous(names, scope, article)
        legacy = self.user.get(names[0]) if self.user is not None and scope == "everywhere" else None
        change = Correction(place_id, names[0], before, after, legacy, scope=scope, article=article,
                            title=self.article_title if scope == "article" else "", names=names, previous=previous)
        self.apply(change)
        return change

    def not_a_place(self, place_id: str, scope: str = "everywhere") -> NotAPlace:
        """The place's name is not a place (a person's name, a common word): drop the place,
        here and, by scope, in this article's later runs or every article's."""
        p = self.place(place_id)
        if p is None:
            raise KeyError(place_id)
        if scope not in SCOPES:
            raise ValueError(f"unknown scope {scope!r}: use 'article' or 'everywhere'")
        names = self._names(p)
        article = self.article_key if scope == "article" else ""
        r = self.result
        change = NotAPlace(place_id=p.id, name=names[0], scope=scope, article=article,
                           title=self.article_title if scope == "article" else "", names=names,
                           before=replace(p, mentions=list(p.mentions), candidates=list(p.candidates)),
                           index=r.places.index(p), events=tuple(r.events), facts=tuple(r.facts),
                           claims=tuple(r.claims), previous=self._previous(names, scope, article))
        self.apply(change)
        return change

    def promote(self, dropped: DroppedName, candidate: Candidate, scope: str = "everywhere") -> Promotion:
        """Make a dropped name a place at `candidate`: all its dropped mentions in this article
        become one place, and the choice is saved like any correction (by scope)."""
        if scope not in SCOPES:
            raise ValueError(f"unknown scope {scope!r}: use 'article' or 'everywhere'")
        key = name_key(dropped.text)
        same = tuple(d for d in self.result.dropped if name_key(d.text) == key) or (dropped,)
        taken = {p.id for p in self.result.places}
        pid = next(f"u{n}" for n in range(1, len(taken) + 2) if f"u{n}" not in taken)
        place = Place(id=pid, name=candidate.name, lat=candidate.lat, lon=candidate.lon, country=candidate.country,
                      kind=candidate.kind, source="user", confidence=1.0, geonameid=candidate.geonameid,
                      candidates=[candidate], population=candidate.population, key=candidate.key,
                      mentions=[Mention(d.start, d.end, d.text, d.sentence) for d in same], rules=("user_place",))
        names = tuple(dict.fromkeys(d.text for d in same))
        article = self.article_key if scope == "article" else ""
        change = Promotion(place_id=pid, name=names[0], scope=scope, article=article,
                           title=self.article_title if scope == "article" else "", names=names, after=place,
                           dropped=same, previous=self._previous(names, scope, article))
        self.apply(change)
        return change

    def apply(self, change: Change) -> None:
        """Do (or redo) a change: save it first (a correction that cannot be saved must not
        stay on screen), then show it."""
        names = change.names or (change.name,)
        if isinstance(change, NotAPlace):
            self._save(names, change, "not_place", None)
            r = self.result
            r.places[:] = [p for p in r.places if p.id != change.place_id]
            r.events[:] = [replace(e, place=None) if e.place == change.place_id else e for e in change.events]
            r.facts[:] = [replace(f, place=None) if f.place == change.place_id else f for f in change.facts]
            r.claims[:] = [c for c in change.claims if change.place_id not in (c.from_place, c.to_place)]
            if self.selected == change.place_id:
                self.selected = None
            return
        if isinstance(change, Promotion):
            a = change.after
            self._save(names, change, "place", replace(a.candidates[0], source="user"))
            self.result.places.append(replace(a, mentions=list(a.mentions), candidates=list(a.candidates)))
            self.result.dropped[:] = [d for d in self.result.dropped if d not in change.dropped]
            return
        a = change.after
        self._save(names, change, "place", Candidate(key=a.key, name=a.name, lat=a.lat, lon=a.lon,
                                                     country=a.country, kind=a.kind, population=a.population,
                                                     source="user"))
        self._put(change.after)

    def revert(self, change: Change) -> None:
        """Undo a change: the saved entries it replaced come back, and so does the place."""
        if self.user is not None:
            names = change.names or (change.name,)
            previous = change.previous or (None,) * len(names)
            with self.user.batch():
                if not change.previous and isinstance(change, Correction) and change.previous_entry is not None:
                    self.user.set(change.name, change.previous_entry)  # a Correction made by the first API
                    previous = ()
                for written, old in zip(names, previous):
                    if old is None:
                        self.user.delete(written, scope=change.scope, article=change.article)
                    else:
                        self.user.restore(old)
        if isinstance(change, Promotion):
            r = self.result
            r.places[:] = [p for p in r.places if p.id != change.place_id]
            r.dropped[:] = sorted([*r.dropped, *(d for d in change.dropped if d not in r.dropped)],
                                  key=lambda d: d.start)
            if self.selected == change.place_id:
                self.selected = None
            return
        if isinstance(change, NotAPlace):
            r = self.result
            if self.place(change.place_id) is None:
                r.places.insert(min(change.index, len(r.places)),
                                replace(change.before, mentions=list(change.before.mentions),
                                        candidates=list(change.before.candidates)))
            r.events[:] = list(change.events)
            r.facts[:] = list(change.facts)
            r.claims[:] = list(change.claims)
            return
        self._put(change.before)

    @staticmethod
    def _names(p: Place) -> tuple[str, ...]:
        """The place's names as written, one per name key, in reading order."""
        seen: dict[str, str] = {}
        for m in sorted(p.mentions, key=lambda m: m.start):
            seen.setdefault(name_key(m.text), m.text)
        return tuple(seen.values()) or (p.name,)

    def _previous(self, names: Iterable[str], scope: str, article: str) -> tuple[CorrectionEntry | None, ...]:
        if self.user is None:
            return ()
        return tuple(self.user.find(n, scope=scope, article=article) for n in names)

    def _save(self, names: Iterable[str], change: Change, action: str, target: Candidate | None) -> None:
        if self.user is None:
            return
        with self.user.batch():  # every name of the place, or none
            for written in names:
                self.user.put(written, scope=change.scope, article=change.article, title=change.title,
                              action=action, target=target)

    def _put(self, place: Place) -> None:
        places = self.result.places
        for i, p in enumerate(places):
            if p.id == place.id:
                places[i] = replace(place, mentions=list(place.mentions), candidates=list(place.candidates))
                return

    def date_reason(self, event_id: str) -> str | None:
        """How an event's date was read, in words ('"April 25" -> 2019-04-25, because of
        "April 2019" in the previous sentence'), found again with the same call the event
        extractor makes. None when the event has no date phrase."""
        from datetime import date

        from .dates import explain, find_dates
        event = next((e for e in self.result.events if e.id == event_id), None)
        if event is None or not event.date or not event.date_text:
            return None
        s = self.result.sentences[event.sentence]
        text = self.result.article.text
        try:
            published = date.fromisoformat(self.result.article.published) if self.result.article.published else None
        except ValueError:
            published = None
        found = find_dates(s.text, published, context=text[max(0, s.start - 1500): s.start])
        dm = next((d for d in found if d.text == event.date_text), None) or \
            next((d for d in found if d.value == event.date), None)
        if dm is None:
            return f"\u201c{event.date_text}\u201d \u2192 {event.date}"
        reason = explain(dm, published)
        if dm.value != event.date:  # moved by the event rules (a planned event lies ahead)
            reason += f"; the event is planned, so {event.date}"
        return reason

    def describe(self, place_id: str) -> dict[str, Any]:
        p = self.place(place_id)
        if p is None:
            return {}
        return {"place": p.to_dict(), "sentences": [s.text for s in self.sentences_of(place_id)]}
