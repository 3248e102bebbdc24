"""Names the recogniser used to drop: a metropolis whose name is also a common word, a Chinese
province without its "Sheng", a place that owns what follows it, a dateline that lost its
dash, a state before "attorney general", the short form of a city's name, a name with
hyphenated particles, a common-word town with its state after the comma. And the names it
must still drop: shouted photo credits, a surname after its trial, a school or an institute
named after a place. All sentences are invented for these tests."""
from __future__ import annotations

import pytest

from .helpers import places_by_mention

found = places_by_mention


def test_a_metropolis_named_like_a_common_word(pipeline):
    assert found(pipeline, "Record heat closed the hiking trails around Phoenix this week.")["Phoenix"][1] == "US"


def test_a_chinese_province_without_its_sheng(pipeline):
    places = found(pipeline, "The chain will open 400 shops across Shandong and Anhui.")
    assert places["Anhui"][1:] == ("CN", "admin1")
    assert places["Shandong"][1:] == ("CN", "admin1")


def test_a_place_that_owns_what_follows(pipeline):
    places = found(pipeline, "A storm tore part of the roof off Montreal's Olympic Stadium.")
    assert places["Montreal"][1] == "CA"


@pytest.mark.parametrize("text, mention, country", [
    ("DENVER Snow closed most schools across the city on Monday.", "DENVER", "US"),
    ("MEMPHIS, Tenn. A federal judge blocked the new law.", "MEMPHIS", "US"),
])
def test_a_dateline_without_its_dash(pipeline, text, mention, country):
    assert found(pipeline, text)[mention][1] == country


def test_shouted_credits_are_still_not_places(pipeline):
    assert "HASKELL" not in found(pipeline, "Workers clear the flooded road. HASKELL WHITE/AFP")


@pytest.mark.parametrize("text, mention, kind", [
    ("Oregon's attorney general opened an inquiry into the utility's rates.", "Oregon", "admin1"),
    # a state whose name is also a surname: the legal possessive must not take it for a person
    ("Washington's attorney general opened an inquiry into the utility's rates.", "Washington", None),
])
def test_a_states_attorney_general_keeps_the_state(pipeline, text, mention, kind):
    places = found(pipeline, text)
    assert mention in places and places[mention][1] == "US"
    if kind is not None:
        assert places[mention][2] == kind


def test_a_surnames_trial_is_a_persons_everywhere_in_the_article(pipeline):
    text = "Mercer's attorneys asked for a new hearing. Mercer remains in custody."
    assert "Mercer" not in found(pipeline, text)


@pytest.mark.parametrize("text, mention, name", [
    ("Shops across Newcastle stayed open late for the derby against Sunderland.", "Newcastle", "Newcastle upon Tyne"),
    ("The insurer is moving its European head office to Frankfurt next year.", "Frankfurt", "Frankfurt am Main"),
])
def test_a_citys_short_name(pipeline, text, mention, name):
    """The short form of a city's official name, and the bigger city when two share it (its own
    earlier reading must not make its namesake look near)."""
    assert found(pipeline, text)[mention][0] == name


def test_a_school_named_after_a_town_is_not_the_town(pipeline):
    assert "Hatfield" not in found(pipeline, "Pupils from Hatfield Primary won a county science prize in Hertfordshire.")
    assert found(pipeline, "A new library opened in Hatfield, Hertfordshire, on Saturday.")["Hatfield"][1] == "GB"


def test_an_institute_named_after_a_state_keeps_the_state(pipeline):
    text = "She directs the Michigan Center for Rural Nursing in Lansing."
    places = found(pipeline, text)
    assert places["Michigan"][1:] == ("US", "admin1")
    assert "Michigan Center" not in places
    assert "Michigan Center" in found(pipeline, "Volunteers at the Michigan Center firehouse bought a new engine.")


@pytest.mark.parametrize("text, mention, country", [
    ("The ferry from Boulogne-sur-Mer was delayed by the storm.", "Boulogne-sur-Mer", "FR"),
    ("The pier at Southend-on-Sea reopened to walkers on Friday.", "Southend-on-Sea", "GB"),
])
def test_hyphenated_names_with_particles(pipeline, text, mention, country):
    assert found(pipeline, text)[mention][1] == country


def test_a_common_word_town_with_its_state_after_the_comma(pipeline):
    places = found(pipeline, "A retired carpenter from Liberty, New York, won the state lottery.")
    assert places["Liberty"][1] == "US"
    assert places["New York"][2] == "admin1"  # after a town and a comma: the state, not the city
    assert "Liberty" not in found(pipeline, "Liberty was the theme of the mayor's speech.")


def test_a_country_owns_its_broadcaster(pipeline):
    assert found(pipeline, "Japan's Broadcasting Corporation aired the speech live.")["Japan"][2] == "country"


def test_darfur_is_a_region_of_sudan(pipeline):
    assert found(pipeline, "Aid convoys reached Darfur and eastern Chad last week.")["Darfur"][1] == "SD"
