"""The calibrated confidence: the shipped model loads, its answers are probabilities, they
rise with the winner's lead, and a missing or stale model stops the start-up."""
from __future__ import annotations

import json

import pytest

from mapper.core import scoring
from mapper.core.articles import article_from_text
from mapper.core.models import Candidate
from mapper.core.recognize import RawMention
from mapper.core.resolve import Resolver
from mapper.core.scoring import (
    CONFIDENCE_FEATURES,
    CalibrationError,
    DocumentFacts,
    confidence_features,
    load_calibration,
    shipped_calibration,
)


def ranked(top: float, runner_up: float | None, population: int = 20_000) -> list[Candidate]:
    out = [Candidate("gn:1", "Tarrowby", 1.0, 1.0, "AA", "city", population=population, score=top,
                     terms=(("population", 1.0),))]
    if runner_up is not None:
        out.append(Candidate("gn:2", "Tarrowby", 9.0, 9.0, "BB", "city", population=500, score=runner_up))
    return out


MS = [RawMention(0, 8, "Tarrowby", 0, (), preposition="in")]
DOC = DocumentFacts(places=4, countries=1)


def test_the_shipped_calibration_loads_with_the_code_features():
    model = shipped_calibration()
    assert model.features == CONFIDENCE_FEATURES
    assert len(model.coef) == len(CONFIDENCE_FEATURES)
    assert model.meta["heldout_ece"]  # the header says how it was made


@pytest.mark.parametrize("top,runner_up", [(-20.0, None), (0.0, 0.0), (3.0, 2.9), (40.0, None), (40.0, -40.0)])
def test_confidence_is_a_probability(top, runner_up):
    p = shipped_calibration().probability(confidence_features(MS, ranked(top, runner_up), 1, DOC))
    assert 0.0 <= p <= 1.0


def test_confidence_rises_with_the_margin_over_the_runner_up():
    model = shipped_calibration()
    runner_up = 2.0
    ps = [model.probability(confidence_features(MS, ranked(runner_up + m, runner_up), 1, DOC))
          for m in (0.0, 0.25, 0.5, 1.0, 2.0, 3.0, 4.0)]
    assert ps == sorted(ps)
    assert ps[-1] - ps[0] > 0.2


def test_a_missing_calibration_is_an_error_at_start_up(tmp_path, monkeypatch):
    with pytest.raises(CalibrationError, match="missing"):
        load_calibration(tmp_path / "calibration.json")
    monkeypatch.setenv("MAPPER_SHIPPED_DATA", str(tmp_path))
    shipped_calibration.cache_clear()
    try:
        with pytest.raises(CalibrationError, match="fit_calibration"):
            Resolver()
    finally:
        monkeypatch.delenv("MAPPER_SHIPPED_DATA")
        shipped_calibration.cache_clear()
    assert Resolver().calibration.features == CONFIDENCE_FEATURES


def test_a_calibration_fitted_on_other_features_is_refused(tmp_path):
    path = tmp_path / "calibration.json"
    path.write_text(json.dumps({"features": ["margin"], "coef": [1.0], "intercept": 0.0}), encoding="utf-8")
    with pytest.raises(CalibrationError, match="other features"):
        load_calibration(path)
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(CalibrationError, match="cannot be read"):
        load_calibration(path)


def test_the_calibration_path_is_in_data():
    assert scoring.calibration_path().name == "calibration.json"
    assert scoring.calibration_path().parent.name in ("data", "_data")


def test_a_name_that_is_also_a_person_name_is_less_certain():
    model = shipped_calibration()
    as_place = confidence_features(MS, ranked(3.0, 1.0), 1, DOC)
    as_person = dict(as_place, person_name=1.0)
    assert model.probability(as_person) < model.probability(as_place) - 0.1


def test_a_person_read_as_a_place_is_far_less_certain_than_the_city_beside_it(pipeline):
    text = "Kim said the talks went well.\nLater, Kim met officials in Pyongyang.\n"
    result = pipeline.run(article_from_text(text))
    by_text = {m.text: p for p in result.places for m in p.mentions}
    for p in result.places:
        assert 0.0 <= p.confidence <= 1.0
    assert by_text["Pyongyang"].confidence >= 0.8
    if "Kim" not in by_text:
        pytest.skip("the recogniser now drops the person: nothing to calibrate")
    assert by_text["Kim"].confidence < 0.3
