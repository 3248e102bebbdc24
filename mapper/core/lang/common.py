"""What the Russian and Korean readers share: events and figures from a language's tables of
triggers, counted nouns and qualifiers, as the English modules' own records (Event, Fact),
with the places of the sentence (PlaceRef) and the dates of the language's date reader.

The English rules (events.py, facts.py) are long and tuned on English; these are short and
general:

* one event per trigger kind in a sentence, placed at the sentence's most specific place (the
  nearest to the trigger among equals), but not at a place the text gives as an origin ("a
  delegation from Irkutsk", "이르쿠츠크에서 온 대표단") nor at one inside a quotation
  when the trigger is outside it;
* dated by the date nearest the trigger in its clause (a clause ends at ";", at ", что" and
  the like, and a quotation is a clause of its own), but not by a date that a death or burial
  participle between them gives to the dead ("the ceremony ... for soldiers killed in August
  1945"); a sentence with no date takes the last date before it that no such participle
  governs ("then"); a sentence whose dates all belong elsewhere gives none: no date is better
  than a wrong one;
* hedged by the language's hedge and future words;
* named by the place's dictionary form when the language gives one ("ceremony in Иркутск").

Figures: a number followed by a year or month word is a date, not a count; the qualifier
before the number (or after it, in Korean) is given in English ("more than", "about"); the
place is the sentence's most specific place, but not a country that names the counted
people's nationality or army ("소련 군인 1,250명", "военнослужащих США": a Soviet war grave in
North Korea stays in North Korea, as facts.py keeps a German war grave in France); "in the
region" without a name refers back to the last region named before, else to no place.

When the article has no publication date, a dateline's date ("ХАБАРОВСК, 9 мая 2024 года.",
"2024년 5월 9일 -", "입력 2024.05.09 10:00") stands for it, for "Tuesday" and "yesterday".
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..dates import DateMention
from ..errors import Cancelled
from ..models import Event, Fact, Sentence
from ..placeref import SPECIFICITY, PlaceRef

FindDates = Callable[[str, "date | None"], list[DateMention]]
NameOf = Callable[[PlaceRef], str]

_QUOTES = re.compile(r"«[^»]*»|\"[^\"]*\"|“[^”]*”|„[^“”]*[“”]|'[^']*'|‘[^’]*’|「[^」]*」|『[^』]*』")


@dataclass(frozen=True, slots=True)
class EventRules:
    triggers: tuple[tuple[re.Pattern[str], str], ...]  # (pattern, kind)
    hedges: re.Pattern[str]
    # where a clause ends (besides quotation marks)
    clause_breaks: re.Pattern[str] | None = None
    # a death or burial participle: a date it governs belongs to the dead, not to an event
    # whose trigger lies on the other side of it
    attached: re.Pattern[str] | None = None
    # a place given as an origin: matched at the end of the text before it ("из ") or right
    # after it ("에서 온")
    origin_before: re.Pattern[str] | None = None
    origin_after: re.Pattern[str] | None = None
    # joins a place to the next one in a list ("Иркутска и Благовещенска", "대구와 ...")
    list_join: re.Pattern[str] | None = None
    # whether a death participle between a place and the trigger parts them (Russian, where the
    # participle follows its noun and opens its own phrase; not Korean, where it ends a
    # relative clause before its noun: "청진에서 ... 묻힌 묘지를 참배했다")
    participle_parts_places: bool = True
    # a country naming people's nationality or army is not where an event is (as FactRules)
    nationality_after: re.Pattern[str] | None = None
    nationality_before: re.Pattern[str] | None = None


@dataclass(frozen=True, slots=True)
class FactRules:
    number: re.Pattern[str]  # group "num": the figure's digits or word
    parse: Callable[[str], int | None]
    after: tuple[tuple[re.Pattern[str], str], ...]  # matched right after the number
    before: tuple[tuple[re.Pattern[str], str], ...]  # matched (at its end) right before it
    qualifier: re.Pattern[str]  # matched (at its end) right before the number; group "q"
    qualifier_after: re.Pattern[str] | None = None  # Korean "2,000명 이상": after the counted noun
    # matched right after the number: a year, a day of a month ("1945 году", "22 июня")
    not_count: re.Pattern[str] | None = None
    # the place names the counted people's nationality or army: matched right after the
    # mention ("소련 군인") or at the end of the text before it ("военнослужащих США")
    nationality_after: re.Pattern[str] | None = None
    nationality_before: re.Pattern[str] | None = None
    # a region named by its common noun alone ("в области"): the last region named before
    region_anaphor: re.Pattern[str] | None = None
    # the qualifier's words in English, as the English figures give them
    qualifier_names: dict[str, str] = field(default_factory=dict)
    # matched right after the number, when neither `after` nor `before` gave a kind
    late_after: tuple[tuple[re.Pattern[str], str], ...] = ()


def _place_for(sent_places: list[PlaceRef], pos: int) -> PlaceRef | None:
    usable = [p for p in sent_places if p.kind != "demonym"]
    if not usable:
        return None
    return max(usable, key=lambda p: (SPECIFICITY.get(p.kind, 0), -abs(p.start - pos)))


# ---------------------------------------------------------------- publication date

_NUMERIC_DATE = re.compile(r"(?<![\d.])(?P<y>(?:19|20)\d\d)[./-](?P<m>[01]?\d)[./-](?P<d>[0-3]?\d)(?![\d])")
_STAMP = re.compile(r"(?:입력|수정|송고|기사입력|등록|опубликовано|обновлено)")
_DATELINE_HEAD = re.compile(r"^\s*(?:\([^()]{1,30}\)\s*)?(?:[^\W\d_][\w.-]*(?:\s+[^\W\d_][\w.-]*){0,3}"
                            r"\s*(?:=\s*[^\W\d_]+\)?\s*)?[,=—–-]\s*)?$")


def dateline_date(text: str, sentences: Sequence[Sentence], find_dates: FindDates) -> date | None:
    """The date of the article's dateline: a full date that opens the first body sentence
    (after at most the place's name and a comma: "ХАБАРОВСК, 9 мая 2024 года.", "2024년 5월
    9일, ..."), or a numeric date beside "입력"/"송고" (a Korean site's stamp) in the article's
    first or last lines."""
    body = [s for s in sorted(sentences, key=lambda s: s.start) if s.kind != "headline"][:2]
    for s in body:
        for dm in find_dates(s.text, None):
            if dm.precision == "day" and dm.how == "stated" and _DATELINE_HEAD.match(s.text[:dm.start]):
                return date.fromisoformat(dm.value)
    for part in (text[:400], text[-400:]):
        for m in _NUMERIC_DATE.finditer(part):
            if _STAMP.search(part, max(0, m.start() - 12), m.end() + 20):
                try:
                    return date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
                except ValueError:
                    continue
    return None


# ---------------------------------------------------------------- events

def _quoted_spans(sent: str) -> list[tuple[int, int]]:
    """Quoted speech (three words or more): a short quotation is a name ('평화공원'에서,
    «Мемориал»), whose place is the sentence's."""
    return [(m.start(), m.end()) for m in _QUOTES.finditer(sent) if len(m.group().split()) >= 3]


def _clause_of(pos: int, breaks: list[int], quotes: list[tuple[int, int]]) -> tuple[int, int]:
    """(quotation, clause) of an offset: a quotation is a clause of its own."""
    q = next((k + 1 for k, (a, b) in enumerate(quotes) if a <= pos < b), 0)
    return q, sum(1 for b in breaks if b <= pos)


def _origins(sent_places: list[PlaceRef], s: Sentence, text: str, rules: EventRules) -> set[int]:
    """The starts of the places the sentence gives as origins, with the places listed beside
    them ("из Иркутска и Благовещенска", "대구와 이르쿠츠크에서 온")."""
    out: set[int] = set()
    ps = sorted(sent_places, key=lambda p: p.start)
    for p in ps:
        if rules.origin_before is not None and rules.origin_before.search(text, max(s.start, p.start - 12), p.start):
            out.add(p.start)
        if rules.origin_after is not None and rules.origin_after.match(text, p.end):
            out.add(p.start)
    if rules.list_join is not None:
        changed = True
        while changed:
            changed = False
            for a, b in zip(ps, ps[1:]):
                if not rules.list_join.fullmatch(text, a.end, b.start):
                    continue
                for x, y in ((a, b), (b, a)):
                    if x.start in out and y.start not in out:
                        out.add(y.start)
                        changed = True
    return out


def _attached_between(sent: str, a: int, b: int, rules: EventRules) -> bool:
    return rules.attached is not None and rules.attached.search(sent, min(a, b), max(a, b)) is not None


def extract_events(text: str, sentences: Sequence[Sentence], places: Sequence[PlaceRef],
                   published: date | None, rules: EventRules, find_dates: FindDates,
                   name_of: NameOf | None = None) -> list[Event]:
    if published is None:
        published = dateline_date(text, sentences, find_dates)
    by_sentence: dict[int, list[PlaceRef]] = {}
    for p in sorted(places, key=lambda p: p.start):
        by_sentence.setdefault(p.sentence, []).append(p)
    drafts: list[tuple[Sentence, int, str, str, PlaceRef | None, DateMention | None, bool]] = []
    last_date: DateMention | None = None
    for s in sorted(sentences, key=lambda s: s.start):
        if s.kind == "headline":
            last_date = None
        sent = s.text
        dates = find_dates(sent, published)
        quotes = _quoted_spans(sent)
        breaks = [m.start() for m in rules.clause_breaks.finditer(sent)] if rules.clause_breaks else []
        sent_places = by_sentence.get(s.id, [])
        origins = _origins(sent_places, s, text, rules)
        found: dict[str, re.Match[str]] = {}
        for pattern, kind in rules.triggers:
            for m in pattern.finditer(sent):
                if kind not in found or m.start() < found[kind].start():
                    found[kind] = m
        for kind, m in sorted(found.items(), key=lambda km: km[1].start()):
            t = m.start()
            clause = _clause_of(t, breaks, quotes)
            where = [p for p in sent_places if p.start not in origins
                     and _clause_of(p.start - s.start, breaks, quotes) == clause]
            # not a place a death participle parts from the trigger ("церемония в Хабаровске
            # ... солдат, погибших в боях на Дальнем Востоке")
            if rules.participle_parts_places:
                where = [p for p in where if not _attached_between(
                    sent, m.end() if p.start - s.start > t else t, p.start - s.start if p.start - s.start > t
                    else p.end - s.start, rules)]
            where = [p for p in where if not _nationality(text, p, rules)]
            place = _place_for(where, s.start + t)
            own = [d for d in dates if _clause_of(d.start, breaks, quotes) == clause
                   and not _attached_between(sent, t, d.start if d.start > t else d.end, rules)]
            if own:
                dm: DateMention | None = min(own, key=lambda d: min(abs(d.start - t), abs(d.end - t)))
            else:
                dm = None if dates else last_date
            hedged = rules.hedges.search(sent) is not None
            drafts.append((s, t, kind, m.group(), place, dm, hedged))
        free = [d for d in dates if not _attached_before(sent, d, rules)]
        if free:
            last_date = free[-1]
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
    # an event with neither place nor date goes when its kind is anchored elsewhere (the
    # ceremony named again: "на церемонию прибыла делегация"), as in events.py
    anchored = {d[2] for d in kept if d[4] is not None or d[5] is not None}
    kept = [d for d in kept if d[4] is not None or d[5] is not None or d[2] not in anchored]
    # ... and an unplaced one goes when the same kind on the same date has a place
    placed = {(d[2], d[5].value) for d in kept if d[4] is not None and d[5] is not None}
    kept = [d for d in kept if d[4] is not None or d[5] is None or (d[2], d[5].value) not in placed]
    events: list[Event] = []
    for s, _, kind, word, place, dm, hedged in kept:
        where_text = f" in {name_of(place) if name_of else place.text}" if place else ""
        when = f", {dm.value}" if dm else ""
        events.append(Event(id=f"e{len(events) + 1}", kind=kind, date=dm.value if dm else None,
                            date_text=dm.text if dm else None, place=place.place_id if place else None,
                            sentence=s.id, hedged=hedged, trigger=word,
                            summary=f"{kind}{where_text}{when}" + (" (hedged)" if hedged else "")))
    return events


def _attached_before(sent: str, d: DateMention, rules: EventRules) -> bool:
    """A date a death or burial participle governs ("погибших в 1945 году", "1945년 ... 숨진"):
    a participle within a few words of it, in its clause."""
    if rules.attached is None:
        return False
    window = sent[max(0, d.start - 60):d.start]
    cut = max(window.rfind(","), window.rfind(";"))
    if rules.attached.search(window[cut + 1:]):
        return True
    after = sent[d.end:d.end + 25]
    stop = min((k for k in (after.find(","), after.find(";")) if k >= 0), default=len(after))
    return rules.attached.search(after[:stop]) is not None


# ---------------------------------------------------------------- figures

def extract_facts(text: str, sentences: Sequence[Sentence], places: Sequence[PlaceRef],
                  rules: FactRules) -> list[Fact]:
    by_sentence: dict[int, list[PlaceRef]] = {}
    for p in sorted(places, key=lambda p: p.start):
        by_sentence.setdefault(p.sentence, []).append(p)
    ordered = sorted(places, key=lambda p: p.start)
    facts: list[Fact] = []
    prev_place: str | None = None
    for s in sorted(sentences, key=lambda s: s.start):
        sent = s.text
        for m in rules.number.finditer(sent):
            if rules.not_count is not None and rules.not_count.match(sent, m.end()):
                continue  # "1945 году", "22 июня": a date
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
                for pattern, k in rules.late_after:
                    hit = pattern.match(sent, m.end())
                    if hit:
                        kind, b = k, hit.end()
                        break
            if kind is None:
                continue
            qualifier = None
            q = rules.qualifier.search(sent[:m.start()])
            if q:
                qualifier, a = q.group("q").lower().strip(), min(a, q.start())
            elif rules.qualifier_after is not None:
                q = rules.qualifier_after.match(sent, m.end())
                if q:
                    qualifier = q.group("q")
            if qualifier is not None:
                qualifier = rules.qualifier_names.get(qualifier, qualifier)
            own = [p for p in by_sentence.get(s.id, []) if not _nationality(text, p, rules)]
            place = _fact_place(own, s.start + m.start())
            if place is None and rules.region_anaphor is not None and rules.region_anaphor.search(sent):
                regions = [p for p in ordered if p.start < s.start and p.kind in ("admin1", "region")]
                place = regions[-1].place_id if regions else None
            elif place is None:
                # the previous sentence's place in the paragraph ("В Элязыге ... По меньшей мере
                # 1600 человек"), else the last figure's
                prev = [p for p in by_sentence.get(s.id - 1, []) if not _nationality(text, p, rules)
                        and "\n\n" not in text[p.end:s.start]]
                place = _fact_place(prev, s.start) or prev_place
            facts.append(Fact(kind=kind, value=value, qualifier=qualifier, place=place, sentence=s.id,
                              text=text[s.start + a:s.start + b], start=s.start + a, end=s.start + b))
            prev_place = place
    return facts


def _nationality(text: str, p: PlaceRef, rules: FactRules | EventRules) -> bool:
    """A country naming the counted people's nationality or army, not where they are."""
    if p.kind not in ("country", "demonym"):
        return False
    if rules.nationality_after is not None and rules.nationality_after.match(text, p.end):
        return True
    return rules.nationality_before is not None and \
        rules.nationality_before.search(text, max(0, p.start - 40), p.start) is not None


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


def index_namer(index: Any, normalise: Callable[[str], str]) -> NameOf:
    """Names places as the map shows them: the ScriptIndex's local (dictionary) name with the
    gazetteer's English name, "이르쿠츠크 (Irkutsk)"; the mention's text when the index
    does not know it."""
    def name_of(ref: PlaceRef) -> str:
        return display_name(index, normalise(ref.text), ref)
    return name_of


def display_name(index: Any, normed: str, ref: PlaceRef) -> str:
    """The local name and English name of the index's entry for the mention, of the place's
    kind and country first (the resolved place's, as far as a PlaceRef tells)."""
    cands = list(index.lookup_norm(normed))
    cands.sort(key=lambda c: (c.kind != ref.kind, c.country != ref.country))
    for c in cands:
        local = index.local_name(c.key, normed)
        if local:
            return str(local) if local == c.name else f"{local} ({c.name})"
    return ref.text
