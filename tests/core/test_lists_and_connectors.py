"""Names in a list are of one sort: a province listed with provinces is the province (not a
namesake town in the states the text named first), a state listed with states is the state
(not the country, and not a town in the next state of the list), while a list of countries
keeps the country. Portuguese and Arabic connectors ("do", "dos", "de", "al") join one name.
All sentences are invented for these tests."""
from __future__ import annotations

import pytest

from .helpers import places_by_mention

places = places_by_mention


def test_a_province_listed_with_provinces_is_a_province(pipeline):
    """New Brunswick is also a city in New Jersey, which the text names first."""
    found = places(pipeline, "Our plants in New Jersey, Pennsylvania and New York stay open. "
                             "Two mills in Quebec and New Brunswick will close.")
    assert found["New Brunswick"] == ("New Brunswick", "CA", "admin1")
    assert found["Quebec"][1:] == ("CA", "admin1")


@pytest.mark.parametrize("text, trap", [
    # "Wyoming, Michigan" and "Delaware, Ohio" are towns, but not inside a list of states
    ("Hunters in Georgia, Wyoming, Michigan and Maine bought fewer licences this year.", "Wyoming"),
    ("Late frost hurt peach growers in Georgia, Delaware, Ohio and Michigan.", "Delaware"),
])
def test_a_state_listed_with_states_is_a_state_not_the_country(pipeline, text, trap):
    found = places(pipeline, text)
    assert found["Georgia"][1:] == ("US", "admin1")
    assert found[trap][1:] == ("US", "admin1")


def test_a_country_listed_with_countries_is_the_country(pipeline):
    found = places(pipeline, "Voters in Georgia, Armenia and Azerbaijan went to the polls.")
    assert found["Georgia"][1:] == ("GE", "country")


@pytest.mark.parametrize("name, country", [
    ("Rio Grande do Norte", "BR"), ("São José dos Campos", "BR"), ("Vila Nova de Gaia", "PT"),
    ("Ras al Khaimah", "AE"),
])
def test_connectors_inside_one_name(pipeline, name, country):
    found = places(pipeline, f"A trade fair in {name} drew buyers from abroad.")
    assert name in found and found[name][1] == country
