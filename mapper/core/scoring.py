"""How the resolver scores a candidate: one frozen set of weights and one small named
function per term of evidence.

A candidate's score is the sum of its terms, added in the order of `terms_of` (the order is
part of the arithmetic: floating-point sums depend on it). Every term with a non-zero value is
kept on the ranked candidate as `(label, value)`, such as ("population", 0.75),
("focus country", 0.8), ("near Omaha", 0.6) or ('"Town, State"', 2.0), so that the app's
"Why?" panel and `mapper geoparse --explain` can show them.

The term labels (a label may carry the name of the place that gave it, after its fixed start):
  kind, name form, province named after its city, population, national capital,
  dateline capital, street address, focus country, focus division, sibling divisions,
  near <name>, within 500 km of <name>, near another name's reading, "Town, State",
  list of divisions, in <container>, not in <container>, fits stated distance from <name>,
  off stated distance from <name>.

The calibrated confidence (`Calibration`) lives here too: features of a resolved name, and a
logistic model fitted by tools/fit_calibration.py and read from data/calibration.json.
"""
from __future__ import annotations

import json
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any, Protocol

from .errors import MapperError
from .models import Candidate
from .paths import data_file
from .recognize import METROPOLIS, RawMention

Term = tuple[str, float]


def _frozen(d: dict[str, float]) -> Mapping[str, float]:
    return MappingProxyType(d)


@dataclass(frozen=True, slots=True)
class Weights:
    """Every number the resolver weighs evidence with. Tuned on the development corpora:
    change one and run benchmarks/bench_quality.py."""
    # a country's name usually means the country, a city's name needs other evidence
    kind_prior: Mapping[str, float] = field(default_factory=lambda: _frozen(
        {"country": 1.5, "continent": 1.1, "admin1": 0.9, "region": 0.8, "water": 0.8,
         "landmark": 1.0, "city": 0.3}))
    kind_prior_other: float = 0.3  # a kind not listed (a county): as weak as a city
    seed_kind_other: float = 0.0  # ... but last when a lone name's obvious reading is sought
    # an official name beats a GeoNames alternate ("Mumbai" the city, not a hamlet's old name)
    form_prior: Mapping[str, float] = field(default_factory=lambda: _frozen(
        {"name": 0.3, "alias": 0.3, "abbrev": 0.3, "demonym": 0.3, "alt": 0.0}))
    form_prior_other: float = 0.0
    # a province named after its city ("Quebec"): the city when that city is the seat of the
    # nation's government, a metropolis, or simply a big city of the province
    province_seat_of_government: float = -2.0
    province_metropolis: float = -1.5
    province_city: float = -1.0
    capital_share: float = 0.25  # the city holds this share of the province's people: the city
    big_city: int = 50_000  # a city this large can give its name to a province
    big_alternate: int = 1_000_000  # ... even by an alternate name ("New York" for New York City)
    # regions, seas and continents have no population in the data but are large by nature
    size_by_kind: Mapping[str, float] = field(default_factory=lambda: _frozen(
        {"continent": 2.1, "water": 1.75, "region": 1.75, "landmark": 0.7}))
    # a step per factor of 10,000 (log10 / 4): a 10-million city outweighs a 1,000-person
    # namesake by 0.75, enough that a country's focus alone rarely flips it
    population_decades_per_point: float = 4.0
    capital: float = 0.3  # a nation's capital over its namesakes ("Moscow")
    dateline_capital: float = 1.5  # ... and over them in a dateline, whatever states follow
    address_town: float = 1.0  # the town of a street address is a town ...
    address_not_town: float = -1.0  # ... not a country, a province or a continent
    focus_country: float = 1.5  # times the country's share of the document's weighted mentions
    focus_division: float = 1.0  # the document's focus first-level divisions ("Ga.", "Ohio")
    sibling_divisions: float = 1.0  # sibling divisions named: "Alberta, Saskatchewan and Ontario"
    # a town near places already placed: stories stay in one region
    near_km: float = 150.0
    near: float = 0.6
    nearish_km: float = 500.0
    nearish: float = 0.3
    # readings of two names this close support each other ("Huntsville" and "Walker County");
    # each name offers its first colocation_candidates readings, then those within
    # colocation_margin of its best
    colocated_km: float = 30.0
    colocated: float = 0.4
    colocation_candidates: int = 30
    colocation_margin: float = 1.0
    town_state: float = 2.0  # "Buffalo, New York": the state that holds the town, whatever the metropolis
    list_of_divisions: float = 1.5  # a list names things of one sort: "Alberta, Manitoba and New Brunswick"
    in_container: float = 3.0  # "Paris, Texas": the Paris inside Texas ...
    not_in_container: float = -1.0  # ... and every other Paris pays
    admin1_reach_km: float = 450.0  # a division with no code holds what lies this close to its point
    distance_fits: float = 2.0  # "40 miles north of Denver": a reading at that distance ...
    distance_off: float = -0.5  # ... and one that is not
    # the document's focus: how much each placed name counts
    focus_country_name: float = 2.0  # a country named counts twice as much as ...
    focus_place_name: float = 1.0  # ... a place in it
    focus_division_name: float = 2.0  # a division named, towards the focus divisions ...
    focus_division_town: float = 0.5  # ... and a town or landmark inside one
    ambiguous: float = 0.5  # a reading picked among namesakes abroad steers the others half as much
    focus_prior: float = 1.0  # pseudo-mentions of "no focus": a little evidence makes a little focus
    # the calibrated confidence's features (scales only: the fitted coefficients are in data/)
    margin_cap: float = 4.0  # a lead this large over the runner-up is as good as no rival at all
    city_population_scale: float = 7.0  # log10 of a city's people, over this: 10 million -> 1
    country_population_scale: float = 9.0  # ... of a country's: 1 billion -> 1
    admin1_population_scale: float = 8.0  # ... of a province's: 100 million -> 1
    shouted_length: int = 3  # an all-capitals name longer than this ("WASHINGTON"), not "USA"


WEIGHTS = Weights()


class Nearby(Protocol):
    def first_within(self, c: Candidate, km: float, ignore: str | None = None) -> Candidate | None: ...


@dataclass(frozen=True, slots=True)
class CapitalFacts:
    """What the candidates of one name say about capitals (computed once per name)."""
    # country -> (population of the largest big city of this name, its first-level codes)
    city_pop: Mapping[str | None, tuple[int, frozenset[str | None]]]
    capital_keys: frozenset[str]  # the national capitals among them (the largest namesake)
    seat_of_government: frozenset[str | None]  # countries whose big capital bears the name


@dataclass(slots=True)
class RankContext:
    """Everything the terms may read about one name and its document, computed once per
    name per round instead of being passed as a dozen parameters."""
    weights: Weights
    capitals: CapitalFacts
    focus: Mapping[str, float]  # country -> share of the document's focus (this name left out)
    region_focus: Mapping[tuple[str | None, str | None], float] | None
    admin_focus: Mapping[str, float]
    placed: Nearby
    own_key: str | None  # this name's current reading: not a neighbour of its namesakes
    colocated: frozenset[str]
    towns: Sequence[Candidate]  # the towns right before it and a comma ("Buffalo, New York")
    listed: Sequence[Candidate]  # the names listed with it ("Alberta, Manitoba and ...")
    containers: Sequence[Sequence[Candidate]]  # readings of the name after it ("Paris, Texas")
    distances: Sequence[tuple[Candidate, float, float]]  # (anchor, stated km, tolerance km)
    inside: Callable[[Candidate, Candidate], bool]
    distance_km: Callable[[Candidate, Candidate], float]
    says_admin: bool = False  # "Moscow region", "New York state"
    says_city: bool = False  # "downtown Quebec", "the city of Quebec"
    after_address: bool = False
    dateline: bool = False


def is_county(c: Candidate) -> bool:
    return c.key.startswith("a2:")


# ---- the terms, each a small function of one candidate and its name's context --------------
def kind(c: Candidate, ctx: RankContext) -> float:
    return ctx.weights.kind_prior.get(c.kind, ctx.weights.kind_prior_other)


def name_form(c: Candidate, ctx: RankContext) -> float:
    return ctx.weights.form_prior.get(c.form, ctx.weights.form_prior_other)


def province_named_after_city(c: Candidate, ctx: RankContext) -> float:
    """A province named after its capital ("Quebec", "Moscow", "New York"): the city when it
    holds a large share of the province's people, or the text says so ("downtown Quebec"); a
    same-named city outside the province (Washington, D.C.) always wins."""
    if c.kind != "admin1" or ctx.says_admin:
        return 0.0
    w = ctx.weights
    capital, codes = ctx.capitals.city_pop.get(c.country, (0, frozenset()))
    if not capital or not (ctx.says_city or capital >= w.capital_share * c.population
                           or any(code != c.admin1 for code in codes)):
        return 0.0
    if c.country in ctx.capitals.seat_of_government:
        return w.province_seat_of_government
    return w.province_metropolis if capital >= METROPOLIS else w.province_city


def population(c: Candidate, ctx: RankContext) -> float:
    w = ctx.weights
    return w.size_by_kind.get(c.kind, math.log10(c.population + 1) / w.population_decades_per_point)


def national_capital(c: Candidate, ctx: RankContext) -> Term | None:
    """A nation's capital is the usual meaning ("Moscow"), all the more the city a story was
    filed from ("WASHINGTON —"), whatever states the story goes on to name."""
    if c.key not in ctx.capitals.capital_keys:
        return None
    if ctx.dateline:
        return ("dateline capital", ctx.weights.dateline_capital)
    return ("national capital", ctx.weights.capital)


def street_address(c: Candidate, ctx: RankContext) -> float:
    if not ctx.after_address:
        return 0.0
    if c.kind == "city":
        return ctx.weights.address_town
    return ctx.weights.address_not_town if c.kind in ("country", "admin1", "continent") else 0.0


def focus_country(c: Candidate, ctx: RankContext) -> float:
    return ctx.weights.focus_country * ctx.focus.get(c.country or "", 0.0)


def focus_division(c: Candidate, ctx: RankContext) -> float:
    if not (ctx.region_focus and c.kind != "admin1" and c.admin1):
        return 0.0
    return ctx.weights.focus_division * ctx.region_focus.get((c.country, c.admin1), 0.0)


def sibling_divisions(c: Candidate, ctx: RankContext) -> float:
    if c.kind != "admin1":
        return 0.0
    return ctx.weights.sibling_divisions * ctx.admin_focus.get(c.country or "", 0.0)


def near_other_places(c: Candidate, ctx: RankContext) -> Term | None:
    """Towns, landmarks and counties near the places already placed."""
    if not (c.kind in ("city", "landmark") or is_county(c)):
        return None
    w = ctx.weights
    near = ctx.placed.first_within(c, w.near_km, ctx.own_key)
    if near is not None:
        return (f"near {near.name}", w.near)
    near = ctx.placed.first_within(c, w.nearish_km, ctx.own_key)
    if near is not None:
        return (f"within {w.nearish_km:.0f} km of {near.name}", w.nearish)
    return None


def colocated(c: Candidate, ctx: RankContext) -> float:
    return ctx.weights.colocated if c.key in ctx.colocated else 0.0


def town_state_container(c: Candidate, ctx: RankContext) -> float:
    """After a town and a comma, a name is the state or country that holds that town."""
    if ctx.towns and c.kind in ("admin1", "country") and any(ctx.inside(t, c) for t in ctx.towns):
        return ctx.weights.town_state
    return 0.0


def list_of_divisions(c: Candidate, ctx: RankContext) -> float:
    if not (ctx.listed and c.kind == "admin1"):
        return 0.0
    same = sum(n.kind == c.kind and n.country == c.country for n in ctx.listed)
    return ctx.weights.list_of_divisions * same / len(ctx.listed)


def named_container(c: Candidate, ctx: RankContext) -> list[Term]:
    """"Paris, Texas": one term per container named after the name."""
    out = []
    for readings in ctx.containers:
        where = readings[0].name
        if any(ctx.inside(c, container) for container in readings):
            out.append((f"in {where}", ctx.weights.in_container))
        else:
            out.append((f"not in {where}", ctx.weights.not_in_container))
    return out


def stated_distance(c: Candidate, ctx: RankContext) -> list[Term]:
    """"40 miles north of Denver": one term per stated distance whose anchor is placed."""
    out = []
    for anchor, km, tolerance in ctx.distances:
        if abs(ctx.distance_km(c, anchor) - km) <= tolerance:
            out.append((f"fits stated distance from {anchor.name}", ctx.weights.distance_fits))
        else:
            out.append((f"off stated distance from {anchor.name}", ctx.weights.distance_off))
    return out


def terms_of(c: Candidate, ctx: RankContext) -> list[Term]:
    """Every term of a candidate in the order they are added (zeros included)."""
    terms: list[Term | None] = [
        ("kind", kind(c, ctx)),
        ("name form", name_form(c, ctx)),
        ("province named after its city", province_named_after_city(c, ctx)),
        ("population", population(c, ctx)),
        national_capital(c, ctx),
        ("street address", street_address(c, ctx)),
        ("focus country", focus_country(c, ctx)),
        ("focus division", focus_division(c, ctx)),
        ("sibling divisions", sibling_divisions(c, ctx)),
        near_other_places(c, ctx),
        ("near another name's reading", colocated(c, ctx)),
        ('"Town, State"', town_state_container(c, ctx)),
        ("list of divisions", list_of_divisions(c, ctx)),
    ]
    out = [t for t in terms if t is not None]
    if ctx.containers:
        out += named_container(c, ctx)
    if ctx.distances:
        out += stated_distance(c, ctx)
    return out


def total(terms: Sequence[Term]) -> float:
    """The score: the terms added one by one, in order (not math.fsum: the same sum as ever)."""
    s = 0.0
    for _, v in terms:
        s += v
    return s


def score(c: Candidate, ctx: RankContext) -> tuple[float, tuple[Term, ...]]:
    """The candidate's score and its non-zero terms: `total` of them, in one pass (adding a
    zero term changes no sum)."""
    s = 0.0
    kept = []
    for t in terms_of(c, ctx):
        if t[1] != 0.0:
            s += t[1]
            kept.append(t)
    return s, tuple(kept)


def ranking_entry(c: Candidate) -> dict[str, Any]:
    """One ranked candidate as the app and `--explain` show it (JSON-ready)."""
    return {"key": c.key, "name": c.name, "country": c.country, "admin1": c.admin1, "kind": c.kind,
            "population": c.population, "score": round(c.score, 3),
            "terms": [[label, round(v, 3)] for label, v in c.terms]}


# ---- calibrated confidence ------------------------------------------------------------------
CONFIDENCE_FEATURES = (
    "margin", "runner_up", "single", "log_candidates",
    "country", "admin1", "county", "city", "landmark", "area",
    "city_population", "country_population", "admin1_population",
    "locative", "container", "near", "focus_country", "log_mentions",
    "alternate", "demonym", "multiword", "person_name", "common_word", "dateline", "shouted",
    "log_places", "share_countries",
)


@dataclass(frozen=True, slots=True)
class DocumentFacts:
    """What the calibration reads about the whole article: how many places it names, and
    what share of them are countries (world news is judged otherwise than local news)."""
    places: int
    countries: int


@lru_cache(maxsize=1)
def _person_words() -> frozenset[str]:
    from .lexicon import given_names, surnames
    return given_names() | surnames()


@lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    from .lexicon import common_words
    return common_words()


def _has_term(c: Candidate, *starts: str) -> float:
    return 1.0 if any(label.startswith(starts) and v > 0 for label, v in c.terms) else 0.0


def confidence_features(ms: Sequence[RawMention], ranked: Sequence[Candidate], n_mentions: int,
                        doc: DocumentFacts, w: Weights = WEIGHTS) -> dict[str, float]:
    """The features of one resolved name that the calibrated confidence weighs: the lead of
    the winner over the runner-up (and the runner-up's own score), how many readings the name
    has, what kind of place won and how large it is, the context that vouched for it (a
    locative preposition, "Town, State", neighbours, the focus country), how often it is
    named, and whether the name is also a person's name or a common word."""
    top = ranked[0]
    margin = min(top.score - ranked[1].score, w.margin_cap) if len(ranked) > 1 else w.margin_cap
    text = ms[0].text
    county = is_county(top)
    pop = math.log10(top.population + 1)
    return {
        "margin": margin, "runner_up": top.score - margin, "single": float(len(ranked) == 1),
        "log_candidates": math.log(len(ranked)),
        "country": float(top.kind == "country"), "admin1": float(top.kind == "admin1"),
        "county": float(county), "city": float(top.kind == "city" and not county),
        "landmark": float(top.kind == "landmark"), "area": float(top.kind in ("region", "continent", "water")),
        "city_population": pop / w.city_population_scale if top.kind == "city" else 0.0,
        "country_population": pop / w.country_population_scale if top.kind == "country" else 0.0,
        "admin1_population": pop / w.admin1_population_scale if top.kind == "admin1" else 0.0,
        "locative": float(any(m.preposition for m in ms)),
        "container": _has_term(top, "in ", '"Town, State"'),
        "near": _has_term(top, "near ", "within "),
        "focus_country": sum(v for label, v in top.terms if label == "focus country"),
        "log_mentions": math.log(n_mentions),
        "alternate": float(top.form == "alt"), "demonym": float(top.form == "demonym"),
        "multiword": float(len(text.split()) > 1),
        "person_name": float(len(text.split()) == 1 and text.casefold() in _person_words()),
        "common_word": float(text.casefold() in _common_words()),
        "dateline": float(any(m.dateline for m in ms)),
        "shouted": float(text.isupper() and len(text) > w.shouted_length),
        "log_places": math.log(max(doc.places, 1)),
        "share_countries": doc.countries / doc.places if doc.places else 0.0,
    }


class CalibrationError(MapperError, RuntimeError):
    """The confidence calibration (data/calibration.json) is missing or does not fit the code."""


@dataclass(frozen=True, slots=True)
class Calibration:
    """A logistic model: P(pin right) = 1 / (1 + exp(-(intercept + sum coef * feature)))."""
    features: tuple[str, ...]
    coef: tuple[float, ...]
    intercept: float
    meta: Mapping[str, Any] = field(default_factory=dict)

    def probability(self, x: Mapping[str, float]) -> float:
        z = self.intercept
        for name, w in zip(self.features, self.coef):
            z += w * x[name]
        if z >= 0:
            return 1.0 / (1.0 + math.exp(-z))
        e = math.exp(z)
        return e / (1.0 + e)

    def to_json(self) -> dict[str, Any]:
        return {**self.meta, "model": "logistic", "features": list(self.features),
                "coef": [round(v, 6) for v in self.coef], "intercept": round(self.intercept, 6)}


def calibration_path() -> Path:
    return data_file("calibration.json")


@lru_cache(maxsize=1)
def shipped_calibration() -> Calibration:
    """data/calibration.json, read once (a missing file is an error, not a default)."""
    return load_calibration(calibration_path(), CONFIDENCE_FEATURES)


def load_calibration(path: Path, features: Sequence[str] = CONFIDENCE_FEATURES) -> Calibration:
    """Read a fitted calibration; an error (never a silent default) when the file is missing,
    unreadable, or fitted on other features than the code computes."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CalibrationError(f"The confidence calibration {path} is missing: run "
                               "tools/fit_calibration.py to make it") from None
    except (OSError, ValueError) as err:
        raise CalibrationError(f"The confidence calibration {path} cannot be read: {err}") from None
    try:
        names = tuple(data["features"])
        coef = tuple(float(v) for v in data["coef"])
        intercept = float(data["intercept"])
    except (KeyError, TypeError, ValueError) as err:
        raise CalibrationError(f"The confidence calibration {path} is malformed: {err!r}") from None
    if names != tuple(features) or len(coef) != len(names):
        raise CalibrationError(f"The confidence calibration {path} was fitted on other features "
                               f"({', '.join(names)}): run tools/fit_calibration.py again")
    meta = {k: v for k, v in data.items() if k not in ("features", "coef", "intercept", "model")}
    return Calibration(names, coef, intercept, meta)
