"""Stated distances between places ("Tilburg, a town some 50 km south of Utrecht").

Qt-free and offline. `find_distance_statements` reads patterns of the form

    <number> <unit> [(<converted>)] [<bearing>] of|from <anchor place>
    <number> <unit> [(...)] to the <bearing> of <anchor>
    <number> <unit> away from | outside <anchor>

with units km/kilometres/kilometers, miles/mi, metres/meters/m, nautical miles/nm (the
first unit wins when a conversion follows in brackets), bearings north, north-east,
northeast, NE, north-northeast, NNE, ... and "some"/"about"/"around"/"roughly"/
"approximately"/"nearly"/"almost"/"just over"/"an estimated"/"c." marking the figure as
approximate (so do round figures with "more than"/"less than"/"over"/"under").

The subject is the nearest non-demonym place before the figure in the same sentence
(typically the appositive head: "X, a town ..."; "X is 10 km from Y"); when there is
none, the first place after the anchor ("Located 30 km west of Y, X ..."). Subject and
anchor must be different places.

`check_distance(stated_km, computed_km, approximate)`: consistent when the computed
distance is within max(25 % of the stated value, 10 km) for approximate statements, and
within max(15 %, 5 km) otherwise.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .facts import parse_number
from .geo import haversine_km, initial_bearing  # re-exported (see __all__): callers measure claims with them
from .models import Sentence
from .placeref import PlaceRef

__all__ = ["PlaceRef", "DistanceStatement", "find_distance_statements", "bearing_degrees",
           "check_distance", "haversine_km", "initial_bearing", "check_bearing", "UNIT_KM"]

UNIT_KM = {"km": 1.0, "kilometre": 1.0, "kilometer": 1.0, "kilometres": 1.0,
           "kilometers": 1.0, "kms": 1.0, "mile": 1.609344, "miles": 1.609344, "mi": 1.609344,
           "metre": 0.001, "meter": 0.001, "metres": 0.001, "meters": 0.001, "m": 0.001,
           "nautical mile": 1.852, "nautical miles": 1.852, "nm": 1.852}

_POINTS = ["n", "nne", "ne", "ene", "e", "ese", "se", "sse", "s", "ssw", "sw", "wsw", "w",
           "wnw", "nw", "nnw"]
_WORD = {"north": "n", "south": "s", "east": "e", "west": "w"}

_NUM = (r"(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|"
        r"ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|"
        r"a hundred|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-\w+)"
        r"(?:\s+(?:hundred|thousand))?")
_UNIT = (r"(?:nautical\s+miles?|kilomet(?:re|er)s?|kms?|miles?|mi|met(?:re|er)s?|m|nm)")
_DIR = r"(?:north|south|east|west)"
_BEARING = (rf"(?:{_DIR}(?:-{_DIR}){{0,2}}|(?:north|south)(?:east|west)|"
            r"\b(?:N|NNE|NE|ENE|E|ESE|SE|SSE|S|SSW|SW|WSW|W|WNW|NW|NNW)\b)")
_APPROX = (r"some|about|around|roughly|approximately|approx\.|nearly|almost|just over|"
           r"just under|an estimated|estimated|c\.|circa|more than|less than|over|under|"
           r"close to|up to")
_STATEMENT = re.compile(
    rf"(?:(?P<q>{_APPROX})\s+)?(?P<num>{_NUM})\s*(?:-\s*)?(?P<unit>{_UNIT})\b\.?"
    rf"(?:\s*\((?P<conv>[^)]{{0,40}})\))?"
    rf"(?:\s+(?:to\s+the\s+)?(?P<bearing>{_BEARING})(?:\s+of)?|\s+(?:away\s+)?from|"
    rf"\s+outside(?:\s+of)?|\s+away\s+from)\s+(?:the\s+)?",
    re.I)


@dataclass(frozen=True, slots=True)
class DistanceStatement:
    subject: PlaceRef
    anchor: PlaceRef
    km: float
    stated_text: str  # the figure phrase, e.g. "some 40 miles north of Denver"
    bearing: str | None  # as written: "north", "south-east", "NE"
    sentence: int
    approximate: bool


def bearing_degrees(bearing: str) -> float | None:
    """Compass bearing in degrees clockwise from north: 'north' 0, 'south-east' 135,
    'NNE' 22.5, 'north-northwest' 337.5. None when not a bearing."""
    b = bearing.strip().lower().replace(" ", "-")
    if not b:
        return None
    if b in _POINTS:
        return _POINTS.index(b) * 22.5
    parts = [p for p in b.split("-") if p]
    code = ""
    for p in parts:
        if p in _WORD:
            code += _WORD[p]
            continue
        m = re.fullmatch(r"(north|south)(east|west)", p)
        if m:
            code += _WORD[m.group(1)] + _WORD[m.group(2)]
            continue
        return None
    return _POINTS.index(code) * 22.5 if code in _POINTS else None


def distance_tolerance_km(stated_km: float, approximate: bool) -> float:
    """How far a computed distance may stray from a stated one and still agree: max(25 %, 10 km)
    for approximate statements, max(15 %, 5 km) otherwise. The one tolerance: the checker below
    and the resolver's distance hints both use it."""
    return max(0.25 * stated_km, 10.0) if approximate else max(0.15 * stated_km, 5.0)


def check_distance(stated_km: float, computed_km: float, approximate: bool) -> bool:
    """True when the computed distance agrees with the stated one (distance_tolerance_km)."""
    return abs(computed_km - stated_km) <= distance_tolerance_km(stated_km, approximate)


def check_bearing(stated: str, computed_deg: float, tolerance_deg: float = 45.0) -> bool | None:
    """True when the computed bearing (anchor -> subject) is within tolerance of the stated
    one; None when the stated bearing is not understood."""
    want = bearing_degrees(stated)
    if want is None:
        return None
    diff = abs((computed_deg - want + 180.0) % 360.0 - 180.0)
    return diff <= tolerance_deg


def _unit_km(unit: str) -> float | None:
    u = re.sub(r"\s+", " ", unit.lower()).rstrip(".")
    if u in UNIT_KM:
        return UNIT_KM[u]
    if u.startswith("nautical"):
        return UNIT_KM["nautical miles"]
    return None


def find_distance_statements(text: str, sentences: Sequence[Sentence],
                             places: Sequence[PlaceRef]) -> list[DistanceStatement]:
    """Stated distances between two places of the same sentence, in text order."""
    by_sentence: dict[int, list[PlaceRef]] = {}
    for p in sorted(places, key=lambda p: p.start):
        if p.kind != "demonym":
            by_sentence.setdefault(p.sentence, []).append(p)
    out: list[DistanceStatement] = []
    for s in sorted(sentences, key=lambda s: s.start):
        sent_places = by_sentence.get(s.id, [])
        if len(sent_places) < 2:
            continue
        for m in _STATEMENT.finditer(s.text):
            abs_end = s.start + m.end()
            anchor = next((p for p in sent_places if p.start == abs_end), None)
            if anchor is None:
                # allow "the city of Y" / "downtown Y" between the preposition and Y
                anchor = next((p for p in sent_places if abs_end < p.start <= abs_end + 25
                               and re.fullmatch(r"(?:(?:city|town|village|port|capital|"
                                                r"centre|center|downtown|heart)\s+(?:of\s+)?)",
                                                text[abs_end:p.start], re.I)), None)
            if anchor is None:
                continue
            unit = m.group("unit")
            if unit.lower() == "m" and not re.match(r"\d", m.group("num")):
                continue
            factor = _unit_km(unit)
            parsed = parse_number(m.group("num"))
            if factor is None or parsed is None:
                continue
            km = parsed[0] * factor
            if unit.lower() == "m" and km > 100:
                continue  # "5m" next to a place name is more likely "5 million"
            abs_start = s.start + m.start()
            before = [p for p in sent_places if p.end <= abs_start and p.place_id != anchor.place_id]
            subject = before[-1] if before else next(
                (p for p in sent_places if p.start > anchor.end and p.place_id != anchor.place_id),
                None)
            if subject is None:
                continue
            q = (m.group("q") or "").lower()
            out.append(DistanceStatement(
                subject=subject, anchor=anchor, km=round(km, 3),
                stated_text=text[abs_start:anchor.end], bearing=m.group("bearing"),
                sentence=s.id, approximate=bool(q)))
    return out
