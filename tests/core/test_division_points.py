"""Where large provinces and second-level divisions land: at the area, not at their biggest
town. Reference points are independent of our data: rounded centres of each division's
area as printed in atlases (within the 161 km that geoparsing evaluations allow)."""
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
    ("Premiers from Manitoba and Saskatchewan met on Tuesday.", "Manitoba", (55.0, -97.0)),
    ("Snowfall warnings were issued for British Columbia.", "British Columbia", (54.0, -125.0)),
    ("The wildfire season in Quebec started early.", "Quebec", (52.0, -72.0)),
    ("Ontario will raise its minimum wage in January.", "Ontario", (50.0, -85.0)),
])
def test_a_large_province_lands_in_its_middle_not_on_its_capital(pipeline, text, mention, centre):
    p = place_of(pipeline, text, mention)
    assert p.kind == "admin1"
    assert distance((p.lat, p.lon), centre).km < 161


@pytest.mark.parametrize("text, mention, country, centre", [
    ("Floods hit villages across Suffolk and Norfolk in England on Sunday.", "Suffolk", "GB", (52.2, 1.0)),
    ("Firefighters in Cornwall, England, rescued two walkers from a cliff.", "Cornwall", "GB", (50.4, -4.9)),
    ("A school in Enfield, north London, closed after the storm.", "Enfield", "GB", (51.65, -0.08)),
])
def test_an_english_county_or_borough_is_found_and_placed(pipeline, text, mention, country, centre):
    p = place_of(pipeline, text, mention)
    assert p.country == country
    assert distance((p.lat, p.lon), centre).km < 60


def test_a_common_word_that_names_a_district_is_not_a_place(pipeline):
    result = pipeline.run(article_from_text("Most of the deaths occurred in the United Kingdom."))
    assert [m.text for p in result.places for m in p.mentions] == ["United Kingdom"]


def test_a_major_island_is_a_place_in_its_country(pipeline):
    p = place_of(pipeline, "A tsunami hit the Indonesian island of Java on Monday.", "Java")
    assert p.country == "ID"
    assert distance((p.lat, p.lon), (-7.5, 110.0)).km < 161


@pytest.mark.parametrize("text, country", [
    ("The deadly disease has struck in the northern part of Congo, near Kisangani.", "CD"),
    ("Health officials in Brazzaville, Congo, confirmed the outbreak.", "CG"),
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
    p = place_of(pipeline, "Drought has hit farmers across Australia this winter.", "Australia")
    assert distance((p.lat, p.lon), (-25.0, 134.0)).km < 161
