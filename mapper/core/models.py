"""Domain records: small frozen value objects with a stable JSON form.

Offsets are Python string indices (code points) into Article.text, end exclusive.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Sentence:
    id: int
    start: int
    end: int
    text: str
    kind: str = "body"  # body, headline, caption

    def __post_init__(self) -> None:
        if not (0 <= self.start <= self.end):
            raise ValueError(f"bad sentence span {self.start}..{self.end}")


@dataclass(frozen=True, slots=True)
class Article:
    text: str
    title: str | None = None
    published: str | None = None  # YYYY-MM-DD
    url: str | None = None
    path: str | None = None
    encoding: str | None = None


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    text: str
    sentence: int
    form: str = "name"  # name, alias, abbrev, alt, demonym ("Soviet" names the country by adjective)


@dataclass(frozen=True, slots=True)
class Candidate:
    """One gazetteer entry that a mention may refer to."""
    key: str  # stable id: "gn:<geonameid>", "lm:<slug>", "rg:<slug>", "user:<n>"
    name: str
    lat: float
    lon: float
    country: str | None  # ISO 3166-1 alpha-2
    kind: str  # city, country, admin1, region, continent, landmark, water, ...
    population: int = 0
    source: str = "gazetteer"  # gazetteer, landmarks, nominatim, user
    geonameid: int | None = None
    admin1: str | None = None
    score: float = 0.0
    form: str = "name"  # how the text named it: name, alt, alias, abbrev, demonym
    # the named terms its score is the sum of, in order: (("population", 0.75), ("near Omaha", 0.6))
    terms: tuple[tuple[str, float], ...] = ()


@dataclass(slots=True)
class Place:
    id: str
    name: str
    lat: float
    lon: float
    country: str | None
    kind: str
    source: str
    confidence: float
    geonameid: int | None
    candidates: list[Candidate] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    population: int = 0
    key: str = ""
    rules: tuple[str, ...] = ()  # the recognition rules that kept its mentions (recognition_rules.py)
    # the top candidates of its name with their score terms (scoring.ranking_entry), best first:
    # ({"key", "name", "country", "kind", "score", "terms": [[label, value], ...]}, ...)
    ranking: tuple[dict[str, Any], ...] = ()
    local_name: str = ""  # the article's own name of it, in its language ("Иркутск"), when not English

    def to_dict(self) -> dict[str, Any]:
        out = {
            "id": self.id, "name": self.name, "lat": round(self.lat, 6), "lon": round(self.lon, 6),
            "country": self.country, "kind": self.kind, "source": self.source,
            "confidence": round(self.confidence, 3), "geonameid": self.geonameid,
            "population": self.population,
            "candidates": [{"name": c.name, "lat": round(c.lat, 6), "lon": round(c.lon, 6),
                            "country": c.country, "kind": c.kind, "source": c.source,
                            "score": round(c.score, 3), "key": c.key} for c in self.candidates],
            "mentions": [asdict(m) for m in self.mentions],
        }
        if self.local_name:
            out["local_name"] = self.local_name
        return out


@dataclass(frozen=True, slots=True)
class DroppedName:
    """A gazetteer name the recogniser did not keep, and the rule that dropped it."""
    text: str
    start: int
    end: int
    sentence: int
    rule: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    kind: str  # ceremony, visit, meeting, summit, agreement, award, liberation, retreat, ...
    date: str | None  # YYYY, YYYY-MM or YYYY-MM-DD
    date_text: str | None
    place: str | None  # place id
    sentence: int
    actors: tuple[str, ...] = ()
    hedged: bool = False
    summary: str = ""
    trigger: str = ""

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["actors"] = list(self.actors)
        return d


@dataclass(frozen=True, slots=True)
class Fact:
    kind: str  # mass_graves, individual_graves, graves, buried, died, memorials, ...
    value: int
    qualifier: str | None  # "more than", "some", "almost", ...
    place: str | None  # place id
    sentence: int
    text: str  # the phrase the figure came from
    start: int = 0
    end: int = 0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Claim:
    kind: str  # "distance"
    from_place: str
    to_place: str
    stated_km: float
    computed_km: float
    bearing: str | None
    consistent: bool
    sentence: int
    text: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "from": self.from_place, "to": self.to_place,
                "stated_km": round(self.stated_km, 1), "computed_km": round(self.computed_km, 1),
                "bearing": self.bearing, "consistent": self.consistent,
                "sentence": self.sentence, "text": self.text}


@dataclass(slots=True)
class Result:
    article: Article
    sentences: list[Sentence]
    places: list[Place] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    dropped: list[DroppedName] = field(default_factory=list)  # collected when explain is on
    explain: bool = False  # to_dict() adds the reasons: each place's rules, the dropped names
    language: str = "en"  # ISO 639-1: detected, or the user's choice (lang/__init__.py)

    def place_by_id(self, pid: str | None) -> Place | None:
        return next((p for p in self.places if p.id == pid), None)

    def fact_summary(self) -> list[dict[str, Any]]:
        """Memorial facts summarised per place: {place, figures: {kind: (value, qualifier)}}."""
        by_place: dict[str | None, dict[str, Any]] = {}
        for f in self.facts:
            entry = by_place.setdefault(f.place, {"place": f.place, "figures": {}, "sentences": []})
            entry["figures"].setdefault(f.kind, {"value": f.value, "qualifier": f.qualifier})
            if f.sentence not in entry["sentences"]:
                entry["sentences"].append(f.sentence)
        return list(by_place.values())

    def to_dict(self) -> dict[str, Any]:
        a = self.article
        out: dict[str, Any] = {
            "article": {"title": a.title, "published": a.published, "url": a.url, "path": a.path,
                        "encoding": a.encoding, "length": len(a.text),
                        "sentences": [asdict(s) for s in self.sentences]},
            "places": [p.to_dict() for p in self.places],
            "events": [e.to_dict() for e in self.events],
            "facts": [f.to_dict() for f in self.facts],
            "fact_summary": self.fact_summary(),
            "claims": [c.to_dict() for c in self.claims],
            "warnings": list(self.warnings),
            "language": self.language,
        }
        if self.explain:  # mapper geoparse --explain: why each name was kept, or dropped
            for d, p in zip(out["places"], self.places):
                d["rules"] = list(p.rules)
                d["ranking"] = list(p.ranking)  # each candidate's score as named terms
            out["dropped"] = [n.to_dict() for n in self.dropped]
        return out
