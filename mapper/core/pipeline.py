"""The pipeline: article -> sentences -> mentions -> places -> events, facts, claims.

Qt-free and offline by default. Long runs report progress through a callback and stop when
`cancel()` turns true; the desktop app runs this in a worker thread.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import TYPE_CHECKING, Protocol

from geopy.distance import distance as geodesic

from .corrections import CorrectionRules, article_key, name_key
from .distances import check_distance, distance_tolerance_km, find_distance_statements
from .errors import Cancelled, GazetteerError, GeocoderUnavailable, MapperError
from .events import extract_events
from .facts import extract_facts
from .gazetteer import Gazetteer
from .geocoders import OnlineLookup
from .lang import CHOICES, detect_language, language_support, reader_language
from .models import Article, Candidate, Claim, DroppedName, Mention, Place, Result, Sentence
from .ner import PlaceRecogniser
from .placeref import PlaceRef
from .recognize import RawMention, Recogniser
from .resolve import DistanceHint, Resolver
from .sentences import split_sentences
from .shapes import country_shapes

if TYPE_CHECKING:
    from .lang.ko import Korean
    from .lang.ru import Russian

Progress = Callable[[float, str], None]
MAX_ONLINE_QUERIES = 12


def _never() -> bool:
    return False


class CorrectionSource(Protocol):
    """What Pipeline(user=...) reads: a corrections.UserGazetteer, or a collection's
    corrections (collection.CollectionCorrections)."""

    def rules(self) -> CorrectionRules: ...


class Pipeline:
    """Build once (it loads the gazetteer), run on many articles."""

    def __init__(self, gazetteer: Gazetteer | None = None, *, online: OnlineLookup | None = None,
                 user: CorrectionSource | None = None, progress: Progress | None = None,
                 recogniser: PlaceRecogniser | None = None, disabled_rules: Iterable[str] = (),
                 explain: bool = False, language: str = "auto") -> None:
        """`disabled_rules` switches recognition rules off by name (recognition_rules.RULES) in
        the default recogniser; `explain` also collects the names the rules dropped
        (Result.dropped) and puts the reasons in Result.to_dict(). `language`: "auto" detects
        each article's language (lang/__init__.py), or "en", "ru", "ko" reads every article so;
        a Russian or Korean article is read by that language's recogniser, dates, events and
        figures, unless a `recogniser` is given, which then reads every article."""
        if language not in CHOICES:
            raise MapperError(f"unknown language '{language}': use one of {', '.join(CHOICES)}")
        self.language = language
        # an optional recogniser (spaCy, natasha) reads every article; the English gazetteer
        # rules read English ones only
        self._custom_recogniser = recogniser is not None and not isinstance(recogniser, Recogniser)
        self.gazetteer = gazetteer or Gazetteer(progress=progress)
        self.user = user
        disabled = frozenset(disabled_rules)
        if recogniser is not None and disabled:
            raise ValueError("disabled_rules apply to the default recogniser: give them to Recogniser instead")
        # the offline gazetteer rules unless an optional one (ner.make_recogniser) is given
        self.recogniser = recogniser or Recogniser(self.gazetteer, disabled_rules=disabled)
        # a recogniser of one language's articles (natasha: "ru") leaves the others to their own
        self._english_rules = Recogniser(self.gazetteer) if getattr(recogniser, "language", None) else self.recogniser
        self.explain = explain
        self.resolver = Resolver(country_shapes("50m"))
        self.online = online

    def run(self, article: Article, *, progress: Progress | None = None,
            cancel: Callable[[], bool] = _never) -> Result:
        report = progress or (lambda fraction, message: None)

        def step(fraction: float, message: str) -> None:
            if cancel():
                raise Cancelled("cancelled")
            report(fraction, message)

        text = article.text
        published = date.fromisoformat(article.published) if article.published else None
        step(0.05, "Splitting sentences")
        language = detect_language(text) if self.language == "auto" else self.language
        reader = None if reader_language(language) == "en" else language_support(language, self.gazetteer)
        sentences = split_sentences(text) if reader is None else reader.sentences(text)
        own = getattr(self.recogniser, "language", None)
        if own is not None and own != language:
            recogniser = reader.recogniser if reader is not None else self._english_rules
        elif reader is None or self._custom_recogniser:
            recogniser = self.recogniser
        elif getattr(self.recogniser, "rules_only", False):  # ner "gazetteer": the rules, not natasha
            recogniser = reader.rules if hasattr(reader, "rules") else reader.recogniser
        else:
            recogniser = reader.recogniser
        step(0.15, "Finding place names")
        dropped_names: list[DroppedName] = []
        # only the default recogniser has named rules; with a user gazetteer the dropped names
        # are needed too: a name the user made a place must come back (see _promoted)
        if (self.explain or self.user is not None) and isinstance(recogniser, Recogniser):
            raw, unknown = recogniser.recognise_all(text, sentences, cancel=cancel, dropped=dropped_names)
        else:
            raw, unknown = recogniser.recognise_all(text, sentences, cancel=cancel)
        step(0.35, "Resolving places")
        overrides = None
        warnings: list[str] = []
        if self.user is not None:
            try:
                rules = self.user.rules()  # one read per run
            except GazetteerError as err:
                rules = None
                warnings.append(f"Your corrections were not applied: {err}")
            if rules:
                overrides, dropped = rules.for_article(article_key(text) if rules.by_article else None)
                if dropped:  # "not a place": the name goes, here or everywhere by its scope
                    raw = [m for m in raw if name_key(m.text) not in dropped]
                    unknown = [m for m in unknown if name_key(m.text) not in dropped]
                raw, dropped_names = self._promoted(raw, dropped_names, overrides)
        hints = self._distance_hints(text, sentences, raw) if reader is None else []  # English statements
        places = self.resolver.resolve(raw, hints=hints, overrides=overrides, cancel=cancel)
        _attach_rules(places, raw)
        if self.online is not None and unknown:
            step(0.5, "Asking the online geocoder")
            warnings += self._geocode_online(unknown, places, cancel)
        step(0.75, "Events, facts and claims")
        refs = place_refs(places)
        if reader is None:
            events = extract_events(text, sentences, refs, published)
            facts = extract_facts(text, sentences, refs)
            claims = self._claims(text, sentences, refs, places)
        else:  # the language's own readers; stated distances are read in English only
            events = reader.events(text, sentences, refs, published)
            facts = reader.facts(text, sentences, refs)
            claims = []
            _local_names(reader, places)
        step(1.0, "Done")
        return Result(article=article, sentences=sentences, places=places, events=events, facts=facts,
                      claims=claims, warnings=warnings, dropped=dropped_names, explain=self.explain,
                      language=language)

    def _promoted(self, raw: list[RawMention], dropped: list[DroppedName], overrides: dict[str, Candidate]
                  ) -> tuple[list[RawMention], list[DroppedName]]:
        """Names the rules dropped but the user made places ("Make this a place"): their
        mentions go to the resolver, where the user's correction wins."""
        back = [d for d in dropped if name_key(d.text) in overrides]
        if not back:
            return raw, dropped
        taken = {(m.start, m.end) for m in raw}
        extra = [RawMention(d.start, d.end, d.text, d.sentence,
                            self.gazetteer.lookup(d.text) or (overrides[name_key(d.text)],), rules=("user_place",))
                 for d in back if (d.start, d.end) not in taken]
        return sorted(raw + extra, key=lambda m: m.start), [d for d in dropped if d not in back]

    def _distance_hints(self, text: str, sentences: list[Sentence], raw: list[RawMention]) -> list[DistanceHint]:
        provisional = [PlaceRef(m.start, m.end, m.text, m.sentence, f"m{m.start}",
                                _ref_kind(m.candidates[0]) if m.candidates else "city",
                                m.candidates[0].country if m.candidates else None) for m in raw]
        hints = []
        for st in find_distance_statements(text, sentences, provisional):
            tolerance = distance_tolerance_km(st.km, st.approximate)
            hints.append(DistanceHint(st.subject.start, st.anchor.start, st.km, tolerance))
        return hints

    def _claims(self, text: str, sentences: list[Sentence], refs: list[PlaceRef], places: list[Place]) -> list[Claim]:
        by_id = {p.id: p for p in places}
        claims = []
        for st in find_distance_statements(text, sentences, refs):
            a, b = by_id.get(st.subject.place_id), by_id.get(st.anchor.place_id)
            if a is None or b is None or a is b:
                continue
            computed = geodesic((a.lat, a.lon), (b.lat, b.lon)).km
            claims.append(Claim("distance", a.id, b.id, st.km, computed, st.bearing,
                                check_distance(st.km, computed, st.approximate), st.sentence, st.stated_text))
        return claims

    def _geocode_online(self, unknown: list[RawMention], places: list[Place],
                        cancel: Callable[[], bool]) -> list[str]:
        focus = sorted({p.country for p in places if p.country and p.kind == "country"})
        assert self.online is not None  # run() asks only when there is an online lookup
        seen: dict[str, Place] = {}
        for m in unknown[:MAX_ONLINE_QUERIES]:
            if cancel():
                raise Cancelled("cancelled")
            try:
                loc = self.online.lookup(m.text, country_codes=focus or None)
            except GeocoderUnavailable as err:
                return [f"Online geocoding stopped: {err}. The offline result is kept."]
            if loc is None:
                continue
            place = seen.get(m.text)
            if place is None:
                raw = loc.raw if isinstance(loc.raw, dict) else {}
                code = (raw.get("address") or {}).get("country_code") if isinstance(raw.get("address"), dict) else None
                cand = Candidate(key=f"osm:{raw.get('osm_type', 'x')}{raw.get('osm_id', m.text)}", name=m.text,
                                 lat=loc.latitude, lon=loc.longitude, country=(code or "").upper() or None,
                                 kind="city" if raw.get("addresstype") in ("city", "town", "village") else "landmark",
                                 source="nominatim", score=1.0)
                place = seen[m.text] = Place(id=f"p{len(places) + 1}", name=m.text, lat=cand.lat, lon=cand.lon,
                                             country=cand.country, kind=cand.kind, source="nominatim",
                                             confidence=0.6, geonameid=None, candidates=[cand], key=cand.key)
                places.append(place)
            place.mentions.append(Mention(m.start, m.end, m.text, m.sentence))
        return []


def _local_names(reader: Russian | Korean, places: list[Place]) -> None:
    """A place of a Russian or Korean article is named as the article names it, with the
    gazetteer's English name beside it: "Иркутск (Irkutsk)"."""
    for p in places:
        if not p.mentions or p.source not in ("gazetteer", "landmarks"):
            continue
        local = next((n for m in p.mentions if (n := reader.local_name(p.key, m.text))), None)
        if local and local != p.name:
            p.local_name = local
            p.name = f"{local} ({p.name})"


def _attach_rules(places: list[Place], raw: list[RawMention]) -> None:
    """Each place carries the recognition rules that kept its mentions."""
    by_start = {m.start: m.rules for m in raw}
    for p in places:
        p.rules = tuple(dict.fromkeys(r for m in p.mentions for r in by_start.get(m.start, ())))


def _ref_kind(c: Candidate) -> str:
    return "demonym" if c.form == "demonym" else c.kind


def place_refs(places: list[Place]) -> list[PlaceRef]:
    """Every mention as a PlaceRef, in text order, for the text-analysis stages."""
    refs = [PlaceRef(m.start, m.end, m.text, m.sentence, p.id, "demonym" if m.form == "demonym" else p.kind,
                     p.country) for p in places for m in p.mentions]
    refs.sort(key=lambda r: r.start)
    return refs
