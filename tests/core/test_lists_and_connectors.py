"""Names in a list are of one sort, and Portuguese and Arabic connectors join one name."""
from __future__ import annotations

import pytest

from mapper.core.articles import article_from_text


def places(pipeline, text: str) -> dict[str, tuple[str, str | None, str]]:
    result = pipeline.run(article_from_text(text))
    return {m.text: (p.name, p.country, p.kind) for p in result.places for m in p.mentions}


def test_a_province_listed_with_provinces_is_a_province(pipeline):
    found = places(pipeline, "Cases in the United States were reported in New Jersey, New York and Ohio. "
                             "Illnesses in Canada occurred in British Columbia, Alberta, Manitoba, Ontario "
                             "and New Brunswick.")
    assert found["New Brunswick"] == ("New Brunswick", "CA", "admin1")


def test_a_state_listed_with_states_is_a_state_not_the_country(pipeline):
    found = places(pipeline, "Bee colonies collapsed in Georgia, Oklahoma, Pennsylvania and Wisconsin.")
    assert found["Georgia"][1:] == ("US", "admin1")
    assert found["Oklahoma"][1:] == ("US", "admin1")


@pytest.mark.parametrize("name, country", [
    ("Rio Grande do Sul", "BR"), ("Mato Grosso do Sul", "BR"), ("Dar es Salaam", "TZ"),
])
def test_connectors_inside_one_name(pipeline, name, country):
    found = places(pipeline, f"Heavy rain fell on {name} on Sunday.")
    assert name in found and found[name][1] == country
