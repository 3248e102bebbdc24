"""A surname that is also a small town's name, read from its context: the firm, the age, the
middle initial, the verb that takes a person as its object. Each case has a control where
the same town is a place, so a rule that dropped every small town would fail."""
from __future__ import annotations

import pytest

from mapper.core.articles import article_from_text


def mentions(pipeline, text: str) -> dict[str, tuple[str, str | None]]:
    result = pipeline.run(article_from_text(text))
    return {m.text: (p.name, p.country) for p in result.places for m in p.mentions}


@pytest.mark.parametrize("text, surname", [
    ("The council said taxpayers owe the design firm Stevens & Wilkinson money for the hotel.", "Stevens"),
    ("An attorney with Callison Tighe & Robinson, which represents the city, spoke on Monday.", "Robinson"),
    ("Mindy Miller says her son, Parker, 8, has Fragile X syndrome.", "Parker"),
    ("Police made an arrest in the hit-and-run death of Terry A. Corbin on Friday.", "Corbin"),
    ("The jury found him guilty of killing Welch and another teen last spring.", "Welch"),
    ("The purpose of the hearing was to advise Evans of the charge against her.", "Evans"),
    ("The appeals court concluded that Earle's trial was tainted by the judge.", "Earle"),
    ("Warden told officers that Williams started the fight in the yard.", "Williams"),
])
def test_a_surname_in_a_persons_context_is_not_a_place(pipeline, text, surname):
    assert surname not in mentions(pipeline, text)


@pytest.mark.parametrize("text, town, country", [
    ("The storm damaged three barns near Corbin on Friday.", "Corbin", "US"),
    ("The jury in Evans heard the case on Monday.", "Evans", "US"),
    ("Flooding closed the main road in Welch, West Virginia, on Sunday.", "Welch", "US"),
])
def test_the_same_names_stay_places_where_they_are_places(pipeline, text, town, country):
    found = mentions(pipeline, text)
    assert town in found and found[town][1] == country


@pytest.mark.parametrize("text, word", [
    ("When she moved to Arlington, Nadia spoke only French and Farsi.", "French"),
    ("The twins speak fluent English at school.", "English"),
])
def test_a_language_after_a_speech_verb_is_not_a_country(pipeline, text, word):
    assert word not in mentions(pipeline, text)


def test_a_demonym_that_names_people_from_a_country_is_still_that_country(pipeline):
    found = mentions(pipeline, "French troops crossed the border near Strasbourg.")
    assert found.get("French", (None, None))[1] == "FR"


def test_a_first_name_before_a_middle_initial_is_a_person(pipeline):
    assert "George" not in mentions(pipeline, "George W. Bush visited Crawford on Friday.")
    assert mentions(pipeline, "The plant in George, South Africa, closed.")["George"][1] == "ZA"


def test_a_spaced_state_abbreviation_is_the_state_not_its_neighbour(pipeline):
    found = mentions(pipeline, "He lives in Charleston, W. Va., with his wife.")
    assert found.get("W. Va.") == ("West Virginia", "US")
    assert "Va." not in found


def test_an_adjective_of_a_people_is_not_its_namesake_town(pipeline):
    assert "Arab" not in mentions(pipeline, "Esperance lost in the Arab Champions League quarter-final.")
    assert mentions(pipeline, "Officials in Arab, Alabama, met on Monday.")["Arab"][1] == "US"


def test_a_county_abbreviated_co(pipeline):
    found = mentions(pipeline, "A crash near Le Mars in Plymouth Co. closed the road.")
    assert any(name == "Plymouth County" for name, _ in found.values())
