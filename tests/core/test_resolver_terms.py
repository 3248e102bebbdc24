"""The resolver's score terms, one by one, on hand-built candidates (invented places, no
gazetteer): a failure names the term that broke."""
from __future__ import annotations

from dataclasses import replace

import pytest

from mapper.core.models import Candidate
from mapper.core.recognize import RawMention
from mapper.core.resolve import Resolver
from mapper.core.scoring import CONFIDENCE_FEATURES, WEIGHTS, Calibration, total

NEUTRAL = Calibration(CONFIDENCE_FEATURES, tuple(0.0 for _ in CONFIDENCE_FEATURES), 0.0)


def city(key: str, name: str, lat: float, lon: float, country: str, population: int = 1000,
         admin1: str | None = None) -> Candidate:
    return Candidate(key, name, lat, lon, country, "city", population=population, admin1=admin1)


def mention(text: str, start: int, cands: tuple[Candidate, ...], before: str = "", after: str = "",
            preposition: str | None = None) -> RawMention:
    return RawMention(start, start + len(text), text, 0, cands, preposition=preposition,
                      next_text=after, before_text=before)


def resolve(*mentions: RawMention, **kwargs):
    places = Resolver(calibration=NEUTRAL, **kwargs).resolve(list(mentions))
    return {m.text: p for p in places for m in p.mentions}


def terms(place, rank: int = 0) -> dict[str, float]:
    return {label: value for label, value in place.candidates[rank].terms}


def test_population_prefers_the_larger_town():
    small = city("gn:1", "Brindlemoor", 10.0, 10.0, "AA", population=300)
    large = city("gn:2", "Brindlemoor", 40.0, 40.0, "BB", population=900_000)
    place = resolve(mention("Brindlemoor", 0, (small, large)))["Brindlemoor"]
    assert place.key == "gn:2"
    assert terms(place, 0)["population"] > terms(place, 1)["population"]


def test_town_state_picks_the_state_that_holds_the_town():
    town = city("gn:10", "Quillby", 30.0, -90.0, "BB", population=5000, admin1="02")
    state_elsewhere = Candidate("gn:11", "Harrowvale", 10.0, 10.0, "AA", "admin1", population=9_000_000, admin1="01")
    state_holding = Candidate("gn:12", "Harrowvale", 31.0, -91.0, "BB", "admin1", population=2_000_000, admin1="02")
    text_after_town = ", Harrowvale reported rain."
    places = resolve(mention("Quillby", 0, (town,), after=text_after_town),
                     mention("Harrowvale", 9, (state_elsewhere, state_holding), before="In Quillby, "))
    state = places["Harrowvale"]
    assert state.key == "gn:12"
    assert terms(state)['"Town, State"'] == WEIGHTS.town_state
    assert '"Town, State"' not in terms(state, 1)
    assert terms(places["Quillby"])["in Harrowvale"] == WEIGHTS.in_container


def test_focus_country_picks_the_namesake_in_the_country_the_story_names():
    country = Candidate("gn:20", "Zedonia", 5.0, 5.0, "ZZ", "country", population=5_000_000)
    home = city("gn:21", "Midhollow", 5.5, 5.5, "ZZ", population=1000)
    abroad = city("gn:22", "Midhollow", 60.0, 60.0, "QQ", population=2000)
    places = resolve(mention("Zedonia", 0, (country,)), mention("Zedonia", 20, (country,)),
                     mention("Midhollow", 40, (home, abroad)))
    town = places["Midhollow"]
    assert town.key == "gn:21"
    assert terms(town)["focus country"] > 0
    assert "focus country" not in terms(town, 1)


def test_neighbour_support_names_the_neighbour():
    anchor = city("gn:30", "Alderwick", 10.0, 10.0, "QQ", population=50_000)
    near = city("gn:31", "Fennmarsh", 10.5, 10.5, "RR", population=1000)
    far = city("gn:32", "Fennmarsh", 50.0, 50.0, "SS", population=5000)
    town = resolve(mention("Alderwick", 0, (anchor,)), mention("Fennmarsh", 20, (near, far)))["Fennmarsh"]
    assert town.key == "gn:31"
    assert terms(town)["near Alderwick"] == WEIGHTS.near


def test_the_neighbour_weight_comes_from_the_weights():
    anchor = city("gn:30", "Alderwick", 10.0, 10.0, "QQ", population=50_000)
    near = city("gn:31", "Fennmarsh", 10.5, 10.5, "RR", population=1000)
    far = city("gn:32", "Fennmarsh", 50.0, 50.0, "SS", population=5000)
    no_neighbours = replace(WEIGHTS, near=0.0, nearish=0.0)
    town = resolve(mention("Alderwick", 0, (anchor,)), mention("Fennmarsh", 20, (near, far)),
                   weights=no_neighbours)["Fennmarsh"]
    assert town.key == "gn:32"  # the larger town, once nearness counts for nothing


@pytest.mark.parametrize("build", ["population", "neighbour"])
def test_the_terms_of_a_ranked_candidate_sum_to_its_score(build):
    if build == "population":
        cands = (city("gn:1", "Brindlemoor", 10.0, 10.0, "AA", 300), city("gn:2", "Brindlemoor", 40.0, 40.0, "BB", 900_000))
        mentions = [mention("Brindlemoor", 0, cands)]
    else:
        mentions = [mention("Alderwick", 0, (city("gn:30", "Alderwick", 10.0, 10.0, "QQ", 50_000),)),
                    mention("Fennmarsh", 20, (city("gn:31", "Fennmarsh", 10.5, 10.5, "RR"),
                                              city("gn:32", "Fennmarsh", 50.0, 50.0, "SS", 5000)))]
    for place in Resolver(calibration=NEUTRAL).resolve(mentions):
        for c in place.candidates:
            assert c.terms, c.key
            assert total(c.terms) == c.score
        assert [r["key"] for r in place.ranking] == [c.key for c in place.candidates[:5]]
        assert place.ranking[0]["terms"] == [[label, round(v, 3)] for label, v in place.candidates[0].terms]


def test_weights_are_frozen():
    with pytest.raises(AttributeError):
        WEIGHTS.near = 1.0  # type: ignore[misc]
