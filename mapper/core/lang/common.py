"""What the Russian and Korean readers share: events and figures from a language's tables of
triggers, counted nouns and qualifiers, as the English modules' own records (Event, Fact),
with the places of the sentence (PlaceRef) and the dates of the language's date reader.

The English rules (events.py, facts.py) are long and tuned on English; these are short and
general: one event per trigger kind in a sentence, placed at the sentence's most specific place
(the nearest to the trigger among equals), dated by the sentence's first date (else by the
paragraph's last one, as "then"), hedged by the language's hedge and future words.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..dates import DateMention
from ..errors import Cancelled
from ..models import Event, Fact, Sentence
from ..placeref import SPECIFICITY, PlaceRef

FindDates = Callable[[str, "date | None"], list[DateMention]]


@dataclass(frozen=True, slots=True)
class EventRules:
    triggers: tuple[tuple[re.Pattern[str], str], ...]  # (pattern, kind)
    hedges: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class FactRules:
    number: re.Pattern[str]  # group "num": the figure's digits or word
    parse: Callable[[str], int | None]
    after: tuple[tuple[re.Pattern[str], str], ...]  # matched right after the number
    before: tuple[tuple[re.Pattern[str], str], ...]  # matched (at its end) right before it
    qualifier: re.Pattern[str]  # matched (at its end) right before the number; group "q"
    qualifier_after: re.Pattern[str] | None = None  # Korean "2,000명 이상": after the counted noun


def _place_for(sent_places: list[PlaceRef], pos: int) -> PlaceRef | None:
    usable = [p for p in sent_places if p.kind != "demonym"]
    if not usable:
        return None
    return max(usable, key=lambda p: (SPECIFICITY.get(p.kind, 0), -abs(p.start - pos)))


def extract_events(text: str, sentences: Sequence[Sentence], places: Sequence[PlaceRef],
                   published: date | None, rules: EventRules, find_dates: FindDates) -> list[Event]:
    by_sentence: dict[int, list[PlaceRef]] = {}
    for p in sorted(places, key=lambda p: p.start):
        by_sentence.setdefault(p.sentence, []).append(p)
    drafts: list[tuple[Sentence, int, str, str, PlaceRef | None, DateMention | None, bool]] = []
    last_date: DateMention | None = None
    for s in sorted(sentences, key=lambda s: s.start):
        dates = find_dates(s.text, published)
        found: dict[str, re.Match[str]] = {}
        for pattern, kind in rules.triggers:
            for m in pattern.finditer(s.text):
                if kind not in found or m.start() < found[kind].start():
                    found[kind] = m
        for kind, m in sorted(found.items(), key=lambda km: km[1].start()):
            place = _place_for(by_sentence.get(s.id, []), s.start + m.start())
            dm = dates[0] if dates else last_date
            hedged = rules.hedges.search(s.text) is not None
            drafts.append((s, m.start(), kind, m.group(), place, dm, hedged))
        if dates:
            last_date = dates[-1]
    # the same event told again (a headline, then the body): one event, the first telling, with
    # the first date any telling gives
    first: dict[tuple[str, str | None], int] = {}
    kept: list[list[Any]] = []
    for d in drafts:
        key = (d[2], d[4].place_id if d[4] else None)
        k = first.get(key)
        if k is None:
            first[key] = len(kept)
            kept.append(list(d))
        elif kept[k][5] is None and d[5] is not None:
            kept[k][5] = d[5]
        elif d[5] is not None and kept[k][5] is not None and d[5].value != kept[k][5].value:
            kept.append(list(d))  # another date: another event of the kind at that place
    events: list[Event] = []
    for s, _, kind, word, place, dm, hedged in kept:
        where = f" in {place.text}" if place else ""
        when = f", {dm.value}" if dm else ""
        events.append(Event(id=f"e{len(events) + 1}", kind=kind, date=dm.value if dm else None,
                            date_text=dm.text if dm else None, place=place.place_id if place else None,
                            sentence=s.id, hedged=hedged, trigger=word,
                            summary=f"{kind}{where}{when}" + (" (hedged)" if hedged else "")))
    return events


def extract_facts(text: str, sentences: Sequence[Sentence], places: Sequence[PlaceRef],
                  rules: FactRules) -> list[Fact]:
    by_sentence: dict[int, list[PlaceRef]] = {}
    for p in sorted(places, key=lambda p: p.start):
        by_sentence.setdefault(p.sentence, []).append(p)
    facts: list[Fact] = []
    prev_place: str | None = None
    for s in sorted(sentences, key=lambda s: s.start):
        sent = s.text
        for m in rules.number.finditer(sent):
            value = rules.parse(m.group("num"))
            if value is None:
                continue
            kind, a, b = None, m.start(), m.end()
            for pattern, k in rules.after:
                hit = pattern.match(sent, m.end())
                if hit:
                    kind, b = k, hit.end()
                    break
            if kind is None:
                for pattern, k in rules.before:
                    hit = pattern.search(sent[:m.start()])
                    if hit:
                        kind, a = k, hit.start()
                        break
            if kind is None:
                continue
            qualifier = None
            q = rules.qualifier.search(sent[:min(a, m.start())])
            if q:
                qualifier, a = q.group("q").lower(), min(a, q.start())
            elif rules.qualifier_after is not None:
                q = rules.qualifier_after.match(sent, m.end())
                if q:
                    qualifier = q.group("q")
            place = (_fact_place(by_sentence.get(s.id, []), s.start + m.start()) or prev_place
                     or _fact_place(by_sentence.get(s.id - 1, []), s.start))
            facts.append(Fact(kind=kind, value=value, qualifier=qualifier, place=place, sentence=s.id,
                              text=text[s.start + a:s.start + b], start=s.start + a, end=s.start + b))
            prev_place = place
    return facts


def _fact_place(sent_places: list[PlaceRef], pos: int) -> str | None:
    """The most specific place of the sentence, the nearest to the figure among equals."""
    p = _place_for(sent_places, pos)
    return p.place_id if p else None


def recognise_sentences(sentences: list[Sentence], cancel: Callable[[], bool] | None,
                        mentions_of: Callable[[Sentence], list[Any]]) -> tuple[list[Any], list[Any]]:
    """The PlaceRecogniser loop of the Russian and Korean recognisers: each sentence's
    mentions, with a look at `cancel` as often as the English recogniser takes one."""
    from ..recognize import CANCEL_EVERY
    raw: list[Any] = []
    for n, s in enumerate(sentences):
        if cancel is not None and n % CANCEL_EVERY == 0 and cancel():
            raise Cancelled("cancelled")
        raw += mentions_of(s)
    return raw, []
