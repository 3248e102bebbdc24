"""Names the recogniser used to drop: a metropolis whose name is also a common word, a place
that owns what follows it, a dateline that lost its dash, a Chinese province without its
"Sheng", a state's attorney general."""
from __future__ import annotations

import pytest

from mapper.core.articles import article_from_text


def found(pipeline, text: str) -> dict[str, tuple[str, str | None, str]]:
    result = pipeline.run(article_from_text(text))
    return {m.text: (p.name, p.country, p.kind) for p in result.places for m in p.mentions}


def test_a_metropolis_named_like_a_common_word(pipeline):
    places = found(pipeline, "The company has 1,300 stores in Shanghai and the provinces of Jiangsu and Zhejiang.")
    assert places["Shanghai"][1] == "CN"
    assert places["Jiangsu"][1:] == ("CN", "admin1")
    assert places["Zhejiang"][1:] == ("CN", "admin1")


def test_a_place_that_owns_what_follows(pipeline):
    places = found(pipeline, "Storms cancelled 200 flights at Toronto's Pearson International Airport.")
    assert places["Toronto"][1] == "CA"


@pytest.mark.parametrize("text, mention, country", [
    ("WASHINGTON Barack Obama pardoned his last turkey as president.", "WASHINGTON", "US"),
    ("AUSTIN, Texas A white nationalist leader spoke at the university.", "AUSTIN", "US"),
])
def test_a_dateline_without_its_dash(pipeline, text, mention, country):
    assert found(pipeline, text)[mention][1] == country


def test_shouted_credits_are_still_not_places(pipeline):
    assert "KIM" not in found(pipeline, "Kim Jong Un waves to the crowd. KIM WON JIN/AFP")


def test_a_states_attorney_general_keeps_the_state(pipeline):
    assert found(pipeline, "California's attorney general said the state would sue.")["California"][2] == "admin1"


def test_a_surnames_trial_is_a_persons_everywhere_in_the_article(pipeline):
    text = "The appeals court concluded that Earle's trial was tainted. Earle is serving his sentence."
    assert "Earle" not in found(pipeline, text)


@pytest.mark.parametrize("text, mention, name", [
    ("Fans in Newcastle celebrated the win over Sunderland in England.", "Newcastle", "Newcastle upon Tyne"),
    ("The bank moved two hundred staff to Frankfurt.", "Frankfurt", "Frankfurt am Main"),
])
def test_a_citys_short_name(pipeline, text, mention, name):
    """The short form of a city's official name, and the bigger city when two share it (its own
    earlier reading must not make its namesake look near)."""
    assert found(pipeline, text)[mention][0] == name


def test_a_school_named_after_a_town_is_not_the_town(pipeline):
    assert "Raynham" not in found(pipeline, "A salad won the prize for Raynham Primary pupils in Edmonton, London.")


def test_an_institute_named_after_a_state_keeps_the_state(pipeline):
    text = "J Alex Halderman, director of the University of Michigan Center for Computer Security, spoke."
    assert found(pipeline, text)["Michigan"][1:] == ("US", "admin1")
    assert "Michigan Center" in found(pipeline, "He lives in Michigan Center, a village near Jackson.")


@pytest.mark.parametrize("text, mention, country", [
    ("Cholera spread to Port-au-Prince on Monday.", "Port-au-Prince", "HT"),
    ("The bus left Stratford-upon-Avon at noon.", "Stratford-upon-Avon", "GB"),
])
def test_hyphenated_names_with_particles(pipeline, text, mention, country):
    assert found(pipeline, text)[mention][1] == country


def test_a_common_word_town_with_its_state_after_the_comma(pipeline):
    places = found(pipeline, "The first case was a 9-year-old girl from Buffalo, New York.")
    assert places["Buffalo"][1] == "US"
    assert places["New York"][2] == "admin1"  # after a town and a comma: the state, not the city
    assert "Buffalo" not in found(pipeline, "Buffalo wings are popular at the game.")


def test_a_country_owns_its_broadcaster(pipeline):
    assert found(pipeline, "Canada's Broadcasting Corporation reports a new case.")["Canada"][2] == "country"


def test_darfur_is_a_region_of_sudan(pipeline):
    assert found(pipeline, "Hotspots in south Sudan and Darfur are quiet.")["Darfur"][1] == "SD"
