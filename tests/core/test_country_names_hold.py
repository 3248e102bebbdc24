"""A country's name keeps its meaning in an article about another country: the US focus of a
Washington story must not turn Russia into Russia, Ohio, and "in Russia, the U.S. ..." is a
list or a new clause, not "a Russia inside the U.S." ("in Russia, U.S. officials said")."""
from __future__ import annotations

from mapper.core.articles import article_from_text

US_STORY = (
    "WASHINGTON - U.S. officials in Washington and New York said on Tuesday that the United States "
    "would answer. The U.S. State Department said talks in Michigan and Pennsylvania would go on. "
    "He had worked for years in Russia, U.S. officials said. "
    "He later flew to Moscow for one day. Back in the United States, he met lawmakers in Wisconsin."
)


def test_a_country_survives_a_foreign_focus(pipeline):
    result = pipeline.run(article_from_text(US_STORY))
    by_text = {m.text: p for p in result.places for m in p.mentions}
    assert by_text["Russia"].kind == "country" and by_text["Russia"].country == "RU"
    assert by_text["Wisconsin"].country == "US"


def test_a_small_town_still_wins_with_its_state_after_the_comma(pipeline):
    result = pipeline.run(article_from_text("Residents of Moscow, Idaho, voted on the levy on Tuesday."))
    moscow = next(p for p in result.places if p.name == "Moscow")
    assert moscow.country == "US"


def test_washington_alone_is_the_capital_not_the_state(pipeline):
    text = "WASHINGTON — The House passed the bill on Tuesday, and senators from Texas and Ohio said they would vote."
    result = pipeline.run(article_from_text(text))
    washington = next(p for p in result.places if p.name == "Washington")
    assert washington.kind == "city" and abs(washington.lat - 38.9) < 0.3


def test_washington_state_when_the_text_says_state(pipeline):
    result = pipeline.run(article_from_text("Wildfires spread across Washington state and Oregon on Sunday."))
    washington = next(p for p in result.places if p.name == "Washington")
    assert washington.kind == "admin1"


def test_new_york_is_the_city_when_flights_leave_from_it(pipeline):
    result = pipeline.run(article_from_text("The airline hopes to start nonstop flights between New York and Moscow."))
    new_york = next(p for m in [None] for p in result.places if any(x.text == "New York" for x in p.mentions))
    assert new_york.kind == "city" and abs(new_york.lat - 40.71) < 0.3


def test_a_nations_capital_is_the_usual_meaning_of_its_name(pipeline):
    result = pipeline.run(article_from_text("The delegation flew on to Moscow for talks."))
    moscow = next(p for p in result.places if p.name == "Moscow")
    assert moscow.country == "RU" and moscow.kind == "city"


def test_a_town_and_its_county_read_together(pipeline):
    """Huntsville, Alabama is the big namesake, but an article that names Walker County with it
    is about Huntsville, Texas, the county seat: the two readings lie together."""
    text = ("The burn ban issued for Walker County was lifted Monday after a meeting between the "
            "Huntsville fire chief and the county judge. Huntsville firefighters had answered ten calls.")
    result = pipeline.run(article_from_text(text))
    huntsville = next(p for p in result.places if p.name == "Huntsville")
    assert abs(huntsville.lat - 30.72) < 0.3 and abs(huntsville.lon + 95.55) < 0.3


def test_maury_m_rosenstein_is_a_person(pipeline):
    result = pipeline.run(article_from_text("Maury M. Rosenstein has been named a professor in Pittsburgh."))
    assert [p.name for p in result.places] == ["Pittsburgh"]
