"""Where large provinces, second-level divisions and major islands land: at the area, not at
their biggest town or a namesake elsewhere. Reference points are independent of our data:
rounded centres of each division's area as printed in atlases (within the 161 km that
geoparsing evaluations allow). Also: a common word that names a district, Congo read from its
context, Australia's whole shape. All sentences are invented for these tests."""
from __future__ import annotations

import pytest
from geopy.distance import distance

from mapper.core.articles import article_from_text


def place_of(pipeline, text: str, mention: str):
    result = pipeline.run(article_from_text(text))
    hits = [p for p in result.places if any(m.text == mention for m in p.mentions)]
    assert len(hits) == 1, [(p.name, p.country) for p in result.places]
    return hits[0]


@pytest.mark.parametrize("text, mention, centre", [
    ("Grain farmers in Manitoba expect a record canola crop.", "Manitoba", (55.0, -97.0)),
    ("Avalanche warnings were posted across British Columbia on Friday.", "British Columbia", (54.0, -125.0)),
    ("Quebec will hold a provincial election in the autumn.", "Quebec", (52.0, -72.0)),
    ("Ontario plans to build three new hospitals.", "Ontario", (50.0, -85.0)),
])
def test_a_large_province_lands_in_its_middle_not_on_its_capital(pipeline, text, mention, centre):
    p = place_of(pipeline, text, mention)
    assert p.kind == "admin1"
    assert distance((p.lat, p.lon), centre).km < 161


@pytest.mark.parametrize("text, mention, country, centre", [
    ("Lifeboat crews in Suffolk and Norfolk, England, were called out twice.", "Suffolk", "GB", (52.2, 1.0)),
    ("A surfer was rescued off the coast of Cornwall, England, on Saturday.", "Cornwall", "GB", (50.4, -4.9)),
    ("A library in Enfield, north London, reopened after repairs.", "Enfield", "GB", (51.65, -0.08)),
])
def test_an_english_county_or_borough_is_found_and_placed(pipeline, text, mention, country, centre):
    p = place_of(pipeline, text, mention)
    assert p.country == country
    assert distance((p.lat, p.lon), centre).km < 60


def test_a_common_word_that_names_a_district_is_not_a_place(pipeline):
    """"Most" opens the sentence as a word, not as the Czech town and district."""
    result = pipeline.run(article_from_text("Most voters across the United Kingdom backed the plan."))
    assert [m.text for p in result.places for m in p.mentions] == ["United Kingdom"]


def test_a_major_island_is_a_place_in_its_country(pipeline):
    """Samar, the Philippine island, not Samar, the Ukrainian town."""
    p = place_of(pipeline, "A typhoon tore the roofs off homes across the island of Samar.", "Samar")
    assert p.country == "PH"
    assert distance((p.lat, p.lon), (12.0, 125.0)).km < 161


@pytest.mark.parametrize("text, country", [
    ("Rebels seized a gold mine in Congo, a short drive from Bunia.", "CD"),
    ("Fishermen in Pointe-Noire, Congo, reported fuel shortages.", "CG"),
])
def test_congo_is_a_country_read_from_its_context(pipeline, text, country):
    p = place_of(pipeline, text, "Congo")
    assert p.kind == "country" and p.country == country


def test_australia_has_its_whole_shape(pipeline):
    """At 1:50m Natural Earth lists Australia and its Ashmore and Cartier Islands under one
    code; the country is both, not the islets alone."""
    from mapper.core.shapes import country_shapes
    shapes = country_shapes("50m")
    assert shapes.contains("AU", -33.87, 151.21)  # Sydney
    assert shapes.contains("AU", -12.43, 123.58)  # Ashmore and Cartier Islands
    p = place_of(pipeline, "Wheat farmers across Australia are hoping for rain.", "Australia")
    assert distance((p.lat, p.lon), (-25.0, 134.0)).km < 161
