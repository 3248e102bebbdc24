"""Russian names of regions, seas and landmarks (issue 16, data/ru_names.csv and
data/landmarks_ru.csv): an inflected region name resolves to its region, a landmark is found by
its Russian name, and a generic phrase is not a place."""
from __future__ import annotations

import pytest

pytest.importorskip("pymorphy3")

from mapper.core.geo import haversine_km
from mapper.core.models import Article
from mapper.core.pipeline import Pipeline


@pytest.fixture(scope="module")
def pipeline(gazetteer):
    return Pipeline(gazetteer)


def _near(result, lat, lon, km=161):
    return [p for p in result.places if haversine_km(p.lat, p.lon, lat, lon) <= km]


def _run(pipeline, text):
    r = pipeline.run(Article(text=text, published="2024-05-10"))
    assert r.language == "ru"
    return r


def test_inflected_region_resolves_to_the_region(pipeline):
    r = _run(pipeline, "Пожарные потушили лесной пожар в Новгородской области, сообщили спасатели во вторник.")
    assert _near(r, 58.3, 32.5), [(p.name, p.lat, p.lon) for p in r.places]  # Novgorod Oblast, not a town elsewhere
    r = _run(pipeline, "Губернатор Приморского края провёл совещание. В Татарстане открыли новый завод.")
    regions = {p.country for p in r.places if p.kind == "admin1"}
    assert regions == {"RU"} and len([p for p in r.places if p.kind == "admin1"]) == 2
    assert _near(r, 44.5, 133.5)  # Primorsky Krai, not a village called Primorsky
    assert _near(r, 55.5, 50.5)  # Tatarstan


def test_foreign_region_and_historical_region(pipeline):
    r = _run(pipeline, "Обстрел в Донецкой области продолжался всю ночь. Жители Донбасса остались без света.")
    assert _near(r, 48.0, 37.8)
    r = _run(pipeline, "Переговоры о Нагорном Карабахе прошли в столице. Экономика Средней Азии растёт.")
    assert _near(r, 39.8, 46.75)  # Nagorno-Karabakh, not the Russian village Nagorny
    assert _near(r, 41.0, 64.0, km=1000)  # Central Asia


def test_water_and_landmark_in_russian(pipeline):
    r = _run(pipeline, "Учёные изучают Байкал. Вечером у храма Христа Спасителя собрались верующие.")
    assert _near(r, 53.5, 108.0)  # Lake Baikal
    assert _near(r, 55.7446, 37.6055, km=5)  # the cathedral in Moscow
    r = _run(pipeline, "Президент провёл встречу в Ново-Огарёво, а потом побывал на Красной площади.")
    assert _near(r, 55.75, 37.62, km=30)


def test_region_name_that_is_a_city_stays_the_city(pipeline):
    r = _run(pipeline, "Делегация прибыла в Москву, а затем отправилась в Киев.")
    names = {p.local_name: p for p in r.places}
    assert names["Москва"].kind == "city" and names["Киев"].kind == "city"


def test_generic_direction_is_not_a_place(pipeline):
    r = _run(pipeline, "Центр города закрыли для машин. Север страны остался без света.")
    assert not any(p.kind == "admin1" for p in r.places)


def test_journalistic_region_name_and_no_demonym_region(pipeline):
    r = _run(pipeline, "Шахтёры Кузбасса добыли рекордный объём угля.")
    assert _near(r, 55.35, 86.09, km=250)  # Kemerovo Oblast
    r = _run(pipeline, "Ливанский премьер прибыл в Бейрут на переговоры.")
    assert not any(p.country == "LV" for p in r.places)  # "Ливанский" is Lebanese, not Latvia's Līvāni


def test_a_city_is_shown_by_its_dictionary_form(pipeline):
    """"в Праге" is shown as Прага (Prague), not by a GeoNames alternate that is an inflected
    form of it ("Праг" is Прага's genitive plural)."""
    r = pipeline.run(Article(text="Делегация побывала в Праге и вернулась домой."))
    assert [p.name for p in r.places if p.country == "CZ"] == ["Прага (Prague)"]


def test_a_name_with_an_adjective_is_read_whole_when_inflected(pipeline):
    """"в Великом Новгороде" is Veliky Novgorod, not the Ukrainian village Velyke, and "по
    Красной площади" is Red Square: the inflected adjective meets the name's dictionary form."""
    r = pipeline.run(Article(text="Делегация побывала в Великом Новгороде. Вечером все гуляли по Красной площади."))
    names = {p.name for p in r.places}
    assert "Великий Новгород (Velikiy Novgorod)" in names
    assert any(p.name.startswith("Красная площадь") and p.kind == "landmark" for p in r.places)
    assert not any(p.country == "UA" for p in r.places)
