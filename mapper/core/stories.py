"""Stories: the articles of a collection that report the same event, and where their sources
agree or differ. Qt-free; the desktop app's story view shows `Story.comparisons` side by side.

Grouping (general rules, nothing about any one story):

* two events are the same when they are of the same kind, in different articles, at the same
  place, and their dates fit (`same_place`, `dates_fit`):
  - place: the same gazetteer key, or, for points (cities, towns, landmarks, buildings),
    within `distance_km` of each other; areas (countries, regions, states) only by key;
  - date: each event's date (YYYY, YYYY-MM or YYYY-MM-DD, an interval) or, when it has none,
    its article's publication date; they fit when the intervals come within
    `date_tolerance_days` of each other;
* the groups are the connected components of that relation (union-find); a story is a group
  that spans at least `min_articles` articles.

Comparison, per aspect, one value per article (StoryValue), then `agree` when all articles
that state something state the same, and `consistent` for figures (could all be true at once):

* place: the names of the event's place in each article (a ceremony in one hall or another);
* date: the event's date as each article gives it;
* hedging: "reported" (hedged: "reportedly", "according to") or "stated";
* figures: per fact kind (buried, died, graves, ...), the figures each article gives at the
  story's place, at a place within distance, in the country that contains it, or with no
  place at all (the article reports the story, so it is taken to be about it), with
  their qualifiers ("at least 1,300" against "almost 1,400").
"""
from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, cast

from .geo import haversine_km

if TYPE_CHECKING:
    from .collection import ArticleFilter, Collection

#: the same event: places this close (km) are one place (a hall and the city it stands in)
STORY_DISTANCE_KM = 30.0
#: the same event: dates this many days apart still fit (a report a day or two late)
DATE_TOLERANCE_DAYS = 3
#: place kinds that are areas: matched by gazetteer key only, never by distance
AREA_KINDS = frozenset({"country", "admin1", "admin2", "region", "continent", "water", "county", "state"})
#: how a qualifier bounds a figure v: (low factor, high factor); None = unbounded
_BOUNDS: dict[str | None, tuple[float, float | None]] = {
    None: (1.0, 1.0),
    "more than": (1.0, None), "over": (1.0, None), "just over": (1.0, 1.1), "upwards of": (1.0, None),
    "at least": (1.0, None), "as many as": (0.0, 1.0), "up to": (0.0, 1.0), "at most": (0.0, 1.0),
    "fewer than": (0.0, 1.0), "less than": (0.0, 1.0), "under": (0.0, 1.0), "just under": (0.9, 1.0),
    "almost": (0.9, 1.0), "nearly": (0.9, 1.0), "close to": (0.9, 1.0),
    "some": (0.85, 1.15), "about": (0.85, 1.15), "around": (0.85, 1.15), "approximately": (0.85, 1.15),
    "roughly": (0.85, 1.15), "an estimated": (0.85, 1.15), "estimated": (0.85, 1.15),
    "dozens": (1.0, 8.0), "hundreds": (1.0, 8.0), "thousands": (1.0, 8.0), "tens of thousands": (1.0, 8.0),
    "hundreds of thousands": (1.0, 8.0), "millions": (1.0, 8.0),
}
#: article id -> (source, title), for the StoryValues of a story's articles
_Meta = dict[int, tuple[str | None, str | None]]


@dataclass(frozen=True, slots=True)
class StoryEvent:
    """One article's report of the story's event."""
    article_id: int
    title: str | None
    source: str | None
    published: str | None
    event_id: str
    kind: str
    date: str | None
    date_text: str | None
    hedged: bool
    place_key: str | None
    place_name: str | None
    place_kind: str | None
    country: str | None
    lat: float | None
    lon: float | None
    sentence: int
    sentence_text: str
    summary: str


@dataclass(frozen=True, slots=True)
class StoryValue:
    """What one article says about one aspect (value None: it says nothing about it)."""
    article_id: int
    source: str | None
    title: str | None
    value: str | None  # as shown: "at least 1,300", "Menin Gate", "2024-05-20", "reported"
    number: int | None = None  # figures: the value
    qualifier: str | None = None  # figures: "at least", "almost", ...
    sentence: int | None = None
    sentence_text: str | None = None


@dataclass(frozen=True, slots=True)
class Comparison:
    aspect: str  # "place", "date", "hedging", "figure"
    label: str  # "Place", "Date", "Reported or stated", "buried", ...
    values: tuple[StoryValue, ...]  # one or more per article, in the story's article order
    agree: bool  # every article that states it states the same
    consistent: bool | None = None  # figures: could all be true at once (their ranges overlap)
    stated_by: int = 0  # how many articles state it

    @property
    def differs(self) -> bool:
        return not self.agree


@dataclass(frozen=True, slots=True)
class Story:
    id: str  # stable for the same events: "<kind>@<place key>@<first date>"
    kind: str
    place_name: str | None
    lat: float | None
    lon: float | None
    date_start: str | None
    date_end: str | None
    events: tuple[StoryEvent, ...]
    article_ids: tuple[int, ...]
    sources: tuple[str, ...]
    comparisons: tuple[Comparison, ...]

    @property
    def title(self) -> str:
        when = self.date_start if self.date_start == self.date_end else f"{self.date_start} to {self.date_end}"
        return f"{self.kind} in {self.place_name or 'an unknown place'}" + (f", {when}" if self.date_start else "")

    @property
    def differences(self) -> tuple[Comparison, ...]:
        return tuple(c for c in self.comparisons if not c.agree)


# ---------------------------------------------------------------- dates

def date_interval(value: str | None) -> tuple[date, date] | None:
    """'2024' -> (2024-01-01, 2024-12-31); '2024-05' -> the month; '2024-05-20' -> that day."""
    if not value:
        return None
    try:
        parts = [int(x) for x in value[:10].split("-")]
        if len(parts) == 1:
            return date(parts[0], 1, 1), date(parts[0], 12, 31)
        if len(parts) == 2:
            start = date(parts[0], parts[1], 1)
            nxt = date(parts[0] + (parts[1] == 12), parts[1] % 12 + 1, 1)
            return start, nxt - timedelta(days=1)
        d = date(parts[0], parts[1], parts[2])
        return d, d
    except (ValueError, IndexError):
        return None


def dates_fit(a: tuple[date, date] | None, b: tuple[date, date] | None, tolerance_days: int) -> bool:
    """Two date intervals come within the tolerance of each other (no date: they fit)."""
    if a is None or b is None:
        return True
    gap = max((b[0] - a[1]).days, (a[0] - b[1]).days, 0)
    return gap <= tolerance_days


def same_place(a: StoryEvent, b: StoryEvent, distance_km: float) -> bool:
    if a.place_key and a.place_key == b.place_key:
        return True
    if (a.place_kind in AREA_KINDS or b.place_kind in AREA_KINDS or a.lat is None or b.lat is None):
        return False
    # an event's lon is set whenever its lat is
    return haversine_km(a.lat, cast(float, a.lon), b.lat, cast(float, b.lon)) <= distance_km


# ---------------------------------------------------------------- figures

def figure_range(value: int, qualifier: str | None) -> tuple[float, float]:
    lo, hi = _BOUNDS.get(qualifier, (0.85, 1.15))
    return value * lo, (math.inf if hi is None else value * hi)


def figure_text(value: int, qualifier: str | None) -> str:
    number = f"{value:,}"
    if qualifier in ("dozens", "hundreds", "thousands", "tens of thousands", "hundreds of thousands", "millions"):
        return qualifier
    return f"{qualifier} {number}" if qualifier else number


# ---------------------------------------------------------------- finding stories

def story_events(c: Collection, flt: ArticleFilter | None = None) -> list[StoryEvent]:
    """Every event of the (filtered) collection that has a place, with its article."""
    from .collection import ArticleFilter
    where, params = (flt or ArticleFilter()).where("a")
    rows = c._query(
        f"""SELECT e.article_id, a.title, a.source, a.published, e.eid, e.kind, e.date, e.date_text, e.hedged,
                   e.key, p.name, p.kind, p.country, e.lat, e.lon, e.sentence, coalesce(s.text, ''), e.summary
            FROM events e JOIN articles a ON a.id = e.article_id
            LEFT JOIN places p ON p.article_id = e.article_id AND p.pid = e.pid
            LEFT JOIN sentences s ON s.article_id = e.article_id AND s.sid = e.sentence
            WHERE {where} AND e.key IS NOT NULL ORDER BY a.published, e.article_id, e.eid""", params)
    return [StoryEvent(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], bool(r[8]), *r[9:]) for r in rows]


def find_stories(c: Collection, flt: ArticleFilter | None = None, *, distance_km: float = STORY_DISTANCE_KM,
                 date_tolerance_days: int = DATE_TOLERANCE_DAYS, min_articles: int = 2) -> list[Story]:
    """The stories of a collection, the most-reported first."""
    events = story_events(c, flt)
    parent = list(range(len(events)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    intervals = [date_interval(e.date) or date_interval(e.published) for e in events]
    by_kind: dict[str, list[int]] = defaultdict(list)
    for i, e in enumerate(events):
        by_kind[e.kind].append(i)
    for idx in by_kind.values():
        # candidates share a key or a grid cell of distance_km (areas: the key only)
        buckets: dict[tuple[Any, ...], list[int]] = defaultdict(list)
        cell = max(distance_km, 1.0) / 111.0
        for i in idx:
            e = events[i]
            buckets[("key", e.place_key)].append(i)
            if e.place_kind not in AREA_KINDS and e.lat is not None:
                lon = cast(float, e.lon)  # set whenever lat is
                buckets[("cell", int(e.lat // cell), int(lon * math.cos(math.radians(e.lat)) // cell))].append(i)
        seen_pairs: set[tuple[int, int]] = set()
        for key, members in list(buckets.items()):
            near = list(members)
            if key[0] == "cell":
                for dx in (-1, 0, 1):
                    for dy in (-1, 0, 1):
                        if (dx, dy) != (0, 0):
                            near += buckets.get(("cell", key[1] + dx, key[2] + dy), [])
            for i in members:
                for j in near:
                    if i >= j and key[0] == "key" or i == j:
                        continue
                    pair = (min(i, j), max(i, j))
                    if pair in seen_pairs:
                        continue
                    seen_pairs.add(pair)
                    a, b = events[i], events[j]
                    if a.article_id == b.article_id and find(i) != find(j) and a.place_key != b.place_key:
                        continue  # one article's two events at two places are two events
                    if same_place(a, b, distance_km) and dates_fit(intervals[i], intervals[j], date_tolerance_days):
                        parent[find(i)] = find(j)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(events)):
        groups[find(i)].append(i)
    stories = []
    for members in groups.values():
        evs = [events[i] for i in members]
        articles = list(dict.fromkeys(e.article_id for e in evs))
        if len(articles) < min_articles:
            continue
        stories.append(_story(c, evs, articles, distance_km))
    stories.sort(key=lambda s: (-len(s.article_ids), s.date_start or "", s.id))
    return stories


def _story(c: Collection, evs: list[StoryEvent], articles: list[int], distance_km: float) -> Story:
    # the story's place: the most specific one named (a point before an area), most reported first
    counts: dict[str, int] = defaultdict(int)
    for e in evs:
        counts[e.place_key or ""] += 1
    main = max(evs, key=lambda e: (e.place_kind not in AREA_KINDS, counts[e.place_key or ""], -e.article_id))
    dates = sorted(d for d in (e.date for e in evs) if d)
    meta = {e.article_id: (e.source, e.title) for e in evs}
    comparisons = [_compare_places(evs, articles, meta), _compare_dates(evs, articles, meta),
                   _compare_hedging(evs, articles, meta)]
    comparisons += _compare_figures(c, evs, articles, meta, main, distance_km)
    sources = tuple(dict.fromkeys(s for s, _ in meta.values() if s))
    sid = f"{main.kind}@{main.place_key}@{dates[0] if dates else min(e.published or '' for e in evs)}"
    return Story(sid, main.kind, main.place_name, main.lat, main.lon, dates[0] if dates else None,
                 dates[-1] if dates else None, tuple(evs), tuple(articles), sources, tuple(comparisons))


def _per_article(evs: list[StoryEvent], articles: list[int], meta: _Meta,
                 value_of: Callable[[StoryEvent], str | None]) -> list[StoryValue]:
    out = []
    for aid in articles:
        mine = [e for e in evs if e.article_id == aid]
        values = list(dict.fromkeys(value_of(e) for e in mine))
        first = mine[0]
        for v in values:
            src = next(e for e in mine if value_of(e) == v)
            out.append(StoryValue(aid, meta[aid][0], meta[aid][1], v, sentence=src.sentence,
                                  sentence_text=src.sentence_text))
        if not values:
            out.append(StoryValue(aid, meta[aid][0], meta[aid][1], None, sentence=first.sentence))
    return out


def _agree(values: list[StoryValue], key: Callable[[StoryValue], object] = lambda v: v.value) -> tuple[bool, int]:
    by_article: dict[int, set[object]] = defaultdict(set)
    for v in values:
        if v.value is not None:
            by_article[v.article_id].add(key(v))
    distinct = {frozenset(s) for s in by_article.values()}
    return len(distinct) <= 1, len(by_article)


def _compare_places(evs: list[StoryEvent], articles: list[int], meta: _Meta) -> Comparison:
    values = _per_article(evs, articles, meta, lambda e: e.place_name)
    agree, n = _agree(values)
    return Comparison("place", "Place", tuple(values), agree, stated_by=n)


def _compare_dates(evs: list[StoryEvent], articles: list[int], meta: _Meta) -> Comparison:
    values = _per_article(evs, articles, meta, lambda e: e.date)
    agree, n = _agree(values)
    return Comparison("date", "Date", tuple(values), agree, stated_by=n)


def _compare_hedging(evs: list[StoryEvent], articles: list[int], meta: _Meta) -> Comparison:
    values = _per_article(evs, articles, meta, lambda e: "reported" if e.hedged else "stated")
    agree, n = _agree(values)
    return Comparison("hedging", "Reported or stated", tuple(values), agree, stated_by=n)


def _compare_figures(c: Collection, evs: list[StoryEvent], articles: list[int], meta: _Meta, main: StoryEvent,
                     distance_km: float) -> list[Comparison]:
    """Per fact kind, the figures each article gives at the story's place (or near it, or in
    the country containing it)."""
    keys = {e.place_key for e in evs if e.place_key}
    countries = {e.country for e in evs if e.country}
    points = [(e.lat, cast(float, e.lon)) for e in evs if e.lat is not None and e.place_kind not in AREA_KINDS]
    ids = ",".join(str(a) for a in articles)
    rows = c._query(
        f"""SELECT f.article_id, f.kind, f.value, f.qualifier, f.key, p.kind, p.country, f.lat, f.lon, f.sentence,
                   coalesce(s.text, '')
            FROM facts f LEFT JOIN places p ON p.article_id = f.article_id AND p.pid = f.pid
            LEFT JOIN sentences s ON s.article_id = f.article_id AND s.sid = f.sentence
            WHERE f.article_id IN ({ids}) ORDER BY f.article_id, f.fid""")
    by_kind: dict[str, list[StoryValue]] = defaultdict(list)
    for aid, kind, value, qual, key, pkind, country, lat, lon, sid, stext in rows:
        here = (key is None  # a figure without a place, in an article that reports the story
                or key in keys
                or (pkind == "country" and country in countries)
                or (lat is not None and pkind not in AREA_KINDS
                    and any(haversine_km(lat, lon, a, b) <= distance_km for a, b in points)))
        if not here:
            continue
        if any(v.article_id == aid and v.number == value and v.qualifier == qual for v in by_kind[kind]):
            continue  # the same figure said twice in one article
        by_kind[kind].append(StoryValue(aid, meta[aid][0], meta[aid][1], figure_text(value, qual), value, qual, sid,
                                        stext))
    out = []
    for kind, values in sorted(by_kind.items()):
        stated = {v.article_id for v in values}
        full = list(values) + [StoryValue(a, meta[a][0], meta[a][1], None) for a in articles if a not in stated]
        full.sort(key=lambda v: articles.index(v.article_id))
        agree, n = _agree(full)
        ranges = [figure_range(cast(int, v.number), v.qualifier) for v in values]  # a figure's number is set
        consistent = max(r[0] for r in ranges) <= min(r[1] for r in ranges) if ranges else None
        out.append(Comparison("figure", kind.replace("_", " "), tuple(full), agree, consistent, n))
    return out


# ---------------------------------------------------------------- the side-by-side table

#: how a cell of the side-by-side table relates to the row: the same as every other source,
#: different from another source, or nothing said (the text says it too: not colour alone)
SAME, DIFFERS, MISSING, ONLY = "same", "differs", "missing", "only"
MARK_PREFIX = {SAME: "= ", DIFFERS: "\u2260 ", MISSING: "", ONLY: "\u2022 "}
NOT_STATED = "\u2014 not stated"


@dataclass(frozen=True, slots=True)
class GridColumn:
    """One article of a story (a column of the side-by-side table)."""
    article_id: int
    source: str | None
    title: str | None
    published: str | None

    @property
    def label(self) -> str:
        """The source, else the title (shortened: it heads a column)."""
        if self.source:
            return self.source
        if self.title:
            return self.title if len(self.title) <= 24 else self.title[:22].rstrip() + "\u2026"
        return f"Article {self.article_id}"


@dataclass(frozen=True, slots=True)
class GridCell:
    """What one article says about one aspect: its values (joined), how it relates to the
    others (SAME, DIFFERS, MISSING) and the sentences it comes from."""
    article_id: int
    values: tuple[str, ...]
    mark: str
    sentences: tuple[int, ...]
    sentence_texts: tuple[str, ...]

    @property
    def text(self) -> str:
        return MARK_PREFIX[self.mark] + "; ".join(self.values) if self.values else NOT_STATED


@dataclass(frozen=True, slots=True)
class GridRow:
    aspect: str  # place, date, hedging, figure
    label: str  # "Place", "Date", "Reported or stated", "Figure: buried"
    agree: bool
    verdict: str  # "Agree (all 3)", "Differ: ranges overlap (could all be true)", ...
    cells: tuple[GridCell, ...]  # in column order
    status: str = "agree"  # "agree", "differ", "single" (one source only says it), "none"


@dataclass(frozen=True, slots=True)
class StoryGrid:
    columns: tuple[GridColumn, ...]
    rows: tuple[GridRow, ...]


def verdict(c: Comparison, n_articles: int) -> str:
    """In words (the table never says it by colour alone)."""
    if c.stated_by == 0:
        return "Not stated"
    if c.agree:
        if c.stated_by == 1 and n_articles > 1:
            return f"Only 1 of {n_articles} states it"
        return f"Agree (all {n_articles})" if c.stated_by == n_articles else \
            f"Agree ({c.stated_by} of {n_articles} state it)"
    if c.aspect == "figure" and c.consistent is True:
        return "Differ: the ranges overlap (could all be true)"
    if c.aspect == "figure" and c.consistent is False:
        return "Differ: the figures contradict"
    return "Differ"


def story_grid(story: Story) -> StoryGrid:
    """The story's comparisons as a table: rows = aspects (places, dates, hedging, each kind
    of figure), columns = the story's articles, cells = each article's values and sentences."""
    first: dict[int, StoryEvent] = {}
    for e in story.events:
        first.setdefault(e.article_id, e)
    columns = tuple(GridColumn(a, first[a].source if a in first else None, first[a].title if a in first else None,
                               first[a].published if a in first else None) for a in story.article_ids)
    rows = []
    for comp in story.comparisons:
        said: dict[int, list[StoryValue]] = {}
        for col in columns:
            mine = [v for v in comp.values if v.article_id == col.article_id and v.value is not None]
            said[col.article_id] = mine
        # where they differ, the values most articles give (when two or more do) are marked
        # SAME and the others DIFFERS: "= Ieper, = Ieper, ≠ Menin Gate"
        groups: dict[frozenset[str | None], int] = defaultdict(int)
        for mine in said.values():
            if mine:
                groups[frozenset(v.value for v in mine)] += 1
        top = max(groups.values(), default=0)
        majority = [g for g, n in groups.items() if n == top]
        common = majority[0] if majority and (comp.agree or (top >= 2 and len(majority) == 1)) else None
        single = comp.stated_by == 1 and len(columns) > 1
        status = "none" if comp.stated_by == 0 else "single" if single else "agree" if comp.agree else "differ"
        cells = []
        for col in columns:
            mine = said[col.article_id]
            values = tuple(dict.fromkeys(cast(str, v.value) for v in mine))  # mine: the values stated
            sentences = tuple(dict.fromkeys(v.sentence for v in mine if v.sentence is not None))
            texts = tuple(dict.fromkeys(v.sentence_text for v in mine if v.sentence_text))
            mark = MISSING if not values else ONLY if single else SAME if frozenset(values) == common else DIFFERS
            cells.append(GridCell(col.article_id, values, mark, sentences, texts))
        label = f"Figure: {comp.label}" if comp.aspect == "figure" else comp.label
        rows.append(GridRow(comp.aspect, label, comp.agree, verdict(comp, len(columns)), tuple(cells), status))
    return StoryGrid(columns, tuple(rows))
