"""A country's name keeps its meaning in an article about another country: the US focus of a
Washington story must not turn Poland into Poland, Maine, and "in Poland, U.S. diplomats
said" is a new clause, not "a Poland inside the U.S.". A town with its state after the comma
still wins ("Peru, Indiana"). Also: the capital behind a bare "WASHINGTON" dateline and the
state behind "Washington state", a metropolis and a nation's capital before their same-named
provinces, a county seat read together with its county, a town's name before a middle
initial. All sentences are invented for these tests."""
from __future__ import annotations

from mapper.core.articles import article_from_text

US_STORY = (
    "WASHINGTON - Federal officials in Washington and Boston promised on Thursday a firm answer from "
    "the U.S. government. The U.S. Commerce Department said hearings in Vermont and Delaware would continue. "
    "She had taught for a decade in Poland, U.S. diplomats said. "
    "She later flew to Warsaw for a week. Back home in Omaha she met farmers from rural Nebraska."
)


def test_a_country_survives_a_foreign_focus(pipeline):
    result = pipeline.run(article_from_text(US_STORY))
    by_text = {m.text: p for p in result.places for m in p.mentions}
    assert by_text["Poland"].kind == "country" and by_text["Poland"].country == "PL"
    assert by_text["Nebraska"].country == "US"


def test_a_small_town_still_wins_with_its_state_after_the_comma(pipeline):
    result = pipeline.run(article_from_text("The fire department in Peru, Indiana, bought a new ladder truck."))
    peru = next(p for p in result.places if p.name == "Peru")
    assert peru.country == "US" and peru.kind == "city"


def test_washington_alone_is_the_capital_not_the_state(pipeline):
    text = "WASHINGTON — Lawmakers from Oregon and Florida pressed the budget office for answers on Thursday."
    result = pipeline.run(article_from_text(text))
    washington = next(p for p in result.places if p.name == "Washington")
    assert washington.kind == "city" and abs(washington.lat - 38.9) < 0.3


def test_washington_state_when_the_text_says_state(pipeline):
    result = pipeline.run(article_from_text("Apple growers in Washington state expect a smaller harvest this fall."))
    washington = next(p for p in result.places if p.name == "Washington")
    assert washington.kind == "admin1"


def test_new_york_is_the_city_when_flights_leave_from_it(pipeline):
    result = pipeline.run(article_from_text("The carrier will add a daily route linking New York with Tokyo."))
    new_york = next(p for p in result.places if any(m.text == "New York" for m in p.mentions))
    assert new_york.kind == "city" and abs(new_york.lat - 40.71) < 0.3


def test_a_nations_capital_is_the_usual_meaning_of_its_name(pipeline):
    """Tehran the city, not the province named after it."""
    result = pipeline.run(article_from_text("The trade envoy arrived in Tehran on Thursday."))
    tehran = next(p for p in result.places if p.name == "Tehran")
    assert tehran.country == "IR" and tehran.kind == "city"


def test_a_town_and_its_county_read_together(pipeline):
    """Gainesville, Florida is the big namesake and Hall County has namesakes in Nebraska and
    Texas, but an article that names the two together is about Gainesville, Georgia, the seat
    of Hall County: the two readings lie together."""
    text = ("Commissioners in Hall County voted Tuesday to widen the main road into Gainesville. "
            "Gainesville police will direct traffic while crews work.")
    result = pipeline.run(article_from_text(text))
    gainesville = next(p for p in result.places if p.name == "Gainesville")
    assert abs(gainesville.lat - 34.30) < 0.3 and abs(gainesville.lon + 83.82) < 0.3


def test_a_town_name_before_a_middle_initial_and_a_surname_is_a_person(pipeline):
    """"Thurston B. Kell": Thurston is a town in Ohio, here a first name."""
    result = pipeline.run(article_from_text("Thurston B. Kell has been appointed dean of the law school in Cleveland."))
    assert [p.name for p in result.places] == ["Cleveland"]
