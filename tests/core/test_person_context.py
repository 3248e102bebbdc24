"""A surname that is also a small town's name, read from its context: the firm ("X & Y"),
the age ("Name, 7, loves"), the middle initial, the possessive of a legal word, the verb that
takes a person as its object or subject. Each rule has a control where the same sort of name
is a place (a big city in a firm-like pair, a town after "sued", a list of towns with counts),
so a rule that dropped every small town would fail. Also: languages after a speech verb, a
demonym, a first name before a middle initial, a spaced state abbreviation, a culture
adjective and an abbreviated county. All sentences are invented for these tests."""
from __future__ import annotations

import pytest

from .helpers import places_by_mention


def mentions(pipeline, text: str) -> dict[str, tuple[str, str | None]]:
    return {mention: reading[:2] for mention, reading in places_by_mention(pipeline, text).items()}


@pytest.mark.parametrize("text, surname", [
    # a firm's name: a small town's name next to "&"
    ("Engineers from Haskell & Lowe inspected the dam on Thursday.", "Haskell"),
    ("The tenants are represented by Brandt Keough & Pratt, a firm in the capital.", "Pratt"),
    # a name, then an age, then a lower-case word
    ("Her youngest son, Hayden, 7, loves trains and dinosaurs.", "Hayden"),
    # a first name, a middle initial, then the surname
    ("Mark T. Crockett retired from the water board after 30 years.", "Crockett"),
    # the object of a verb that takes a person
    ("A jury convicted the man of stabbing Colby outside a bar in 2019.", "Colby"),
    ("The mayor thanked Ashby for twenty years on the planning board.", "Ashby"),
    # a person's legal affairs after a possessive
    ("Kirby's lawyers say the search broke the rules.", "Kirby"),
    # the subject of a verb that takes a person
    ("Neighbours say Lamar drove the truck home that night.", "Lamar"),
])
def test_a_surname_in_a_persons_context_is_not_a_place(pipeline, text, surname):
    assert surname not in mentions(pipeline, text)


@pytest.mark.parametrize("text, town, country", [
    ("Hail flattened wheat fields near Colby on Friday.", "Colby", "US"),
    ("The county fair in Crockett opened on Saturday.", "Crockett", "US"),
    ("Flooding closed the main road in Pratt, Kansas, on Sunday.", "Pratt", "US"),
    # "sued" takes a town as well as a person
    ("Two landlords sued Benton after the council raised water rates.", "Benton", "US"),
])
def test_the_same_names_stay_places_where_they_are_places(pipeline, text, town, country):
    found = mentions(pipeline, text)
    assert town in found and found[town][1] == country


def test_two_big_cities_joined_by_an_ampersand_are_not_a_firm(pipeline):
    found = mentions(pipeline, "Traffic in the Dallas & Fort Worth area slowed to a crawl.")
    assert found.get("Dallas", (None, None))[1] == "US"
    assert found.get("Fort Worth", (None, None))[1] == "US"


def test_towns_listed_with_counts_are_not_ages(pipeline):
    """"Town, 14, Town, 9, and Town, 3": after the second comma comes another name or "and",
    not the lower-case word that follows a person's age."""
    found = mentions(pipeline, "New flu cases this week: Sturgis, 14, Hayden, 9, and Eldridge, 3.")
    for town in ("Sturgis", "Hayden", "Eldridge"):
        assert found.get(town, (None, None))[1] == "US", town


@pytest.mark.parametrize("text, word", [
    ("The nurse speaks mostly Spanish with her patients.", "Spanish"),
    ("The driver spoke broken Italian to the border guards.", "Italian"),
])
def test_a_language_after_a_speech_verb_is_not_a_country(pipeline, text, word):
    assert word not in mentions(pipeline, text)


def test_a_demonym_after_spoke_with_is_still_the_country(pipeline):
    found = mentions(pipeline, "The premier spoke with French President Emmanuel Macron about fishing rights.")
    assert found.get("French", (None, None))[1] == "FR"


def test_a_demonym_that_names_people_from_a_country_is_still_that_country(pipeline):
    found = mentions(pipeline, "Dutch farmers blocked the roads near Utrecht with tractors.")
    assert found.get("Dutch", (None, None))[1] == "NL"


def test_a_first_name_before_a_middle_initial_is_a_person(pipeline):
    assert "Marion" not in mentions(pipeline, "Marion K. Doyle opened a bakery on Main Street.")
    assert mentions(pipeline, "A new plant in Marion, Ohio, will hire 300 workers.")["Marion"][1] == "US"


def test_a_spaced_state_abbreviation_is_the_state_not_its_neighbour(pipeline):
    found = mentions(pipeline, "She grew up in Morgantown, W. Va., and studied nursing.")
    assert found.get("W. Va.") == ("West Virginia", "US")
    assert "Va." not in found


def test_an_adjective_of_a_people_is_not_its_namesake_town(pipeline):
    assert "Viking" not in mentions(pipeline, "A Viking longship was dug up from a farm in Norway.")
    assert mentions(pipeline, "Wheat farmers near Viking, Alberta, finished the harvest early.")["Viking"][1] == "CA"


def test_a_county_abbreviated_co(pipeline):
    """"Keokuk Co." is Keokuk County, and the mention keeps its dot."""
    found = mentions(pipeline, "A barn fire near Sigourney in Keokuk Co. drew crews from three towns.")
    assert found.get("Keokuk Co.") == ("Keokuk County", "US")


def test_a_surname_that_names_a_district_abroad_is_the_person(pipeline):
    """A one-word district abroad is no stronger than a town: after "Rosa Lucca", the bare
    "Lucca" of the next sentence is the same woman, not the Italian province."""
    text = "The gallery signed Rosa Lucca in March. Lucca's paintings sold out within a week."
    assert "Lucca" not in mentions(pipeline, text)
