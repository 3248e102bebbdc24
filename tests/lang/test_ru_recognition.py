"""Russian place recognition (issue 16): the rules and the natasha backend, on invented
sentences: inflected names found and resolved, a place named inside an organisation's name,
the common noun that belongs to a name, and the choice of recogniser."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("pymorphy3")

from mapper.core.errors import RecogniserUnavailable
from mapper.core.geo import haversine_km
from mapper.core.models import Article
from mapper.core.ner import make_recogniser
from mapper.core.pipeline import Pipeline

ROOT = Path(__file__).resolve().parents[2]
TEXT = ("Министр прилетел из Тусона в Южную Корею. Тем временем МИД России и мэрия Москвы сообщили, что "
        "делегация побывала в городе Хабаровске, а Иван Петров остался в Нижнем Новгороде.")


def _natasha():
    from mapper.core.lang.ru_natasha import natasha_available
    if not natasha_available():
        pytest.skip("natasha (or slovnet, navec) is not installed: pip install 'mapper[langs]'")


def _read(gazetteer, spec):
    pipe = Pipeline(gazetteer, recogniser=make_recogniser(spec, gazetteer) if spec else None)
    return pipe.run(Article(text=TEXT))


def _check(r, rule):
    assert r.language == "ru"
    by = {m.text: p for p in r.places for m in p.mentions}
    # inflected names, resolved to the right places
    for text, lat, lon in (("Тусона", 32.22, -110.93), ("Южную Корею", 36.5, 127.8), ("Москвы", 55.75, 37.62),
                           ("Нижнем Новгороде", 56.33, 44.0)):
        assert text in by, f"{text} not found"
        assert haversine_km(by[text].lat, by[text].lon, lat, lon) < 300, text
    # a place inside an organisation's name ("МИД России"): the country
    assert by["России"].country == "RU"
    # the descriptor belongs to the name, which is shown in its dictionary form
    assert by["городе Хабаровске"].local_name == "Хабаровск"
    # a person's name is not a place
    assert "Петров" not in by and "Иван" not in by
    assert all(rule in p.rules for p in r.places)


def test_rules_recogniser(gazetteer):
    """ner "gazetteer": the rules alone, for Russian articles too."""
    _check(_read(gazetteer, "gazetteer"), "ru_lemma")


def test_natasha_recogniser_when_chosen(gazetteer):
    _natasha()
    _check(_read(gazetteer, "natasha"), "ru_natasha")


def test_natasha_is_the_default_when_installed(gazetteer):
    _natasha()
    _check(_read(gazetteer, None), "ru_natasha")


def test_natasha_keeps_curated_names_and_capitals(gazetteer):
    """Names the model may not tag (an abbreviation, a dateline in capitals) come from the rules."""
    _natasha()
    r = Pipeline(gazetteer, recogniser=make_recogniser("natasha", gazetteer)).run(
        Article(text="ХАБАРОВСК. Переговоры с КНДР и США продолжились в понедельник, сообщили в министерстве."))
    names = {p.local_name for p in r.places}
    assert {"КНДР", "США", "Хабаровск"} <= names


def test_natasha_leaves_english_articles_to_the_rules(gazetteer):
    _natasha()
    pipe = Pipeline(gazetteer, recogniser=make_recogniser("natasha", gazetteer))
    r = pipe.run(Article(text="The minister flew to Lyon and then to Marseille, officials said on Monday."))
    assert r.language == "en" and {p.name for p in r.places} >= {"Lyon", "Marseille"}


def test_missing_natasha_is_a_clear_error(monkeypatch):
    from mapper.core.lang import ru_natasha
    monkeypatch.setattr(ru_natasha.importlib.util, "find_spec", lambda name: None)
    monkeypatch.setattr(ru_natasha, "_MODEL", [])
    assert not ru_natasha.natasha_available()
    with pytest.raises(RecogniserUnavailable, match="pip install"):
        ru_natasha.load_ner()


def test_cli_ner_natasha(tmp_path):
    _natasha()
    path = tmp_path / "a.txt"
    path.write_text("Делегация из Сеула прибыла в Хабаровск.", encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "mapper", "geoparse", "--ner", "natasha", str(path)],
                         capture_output=True, text=True, check=True, cwd=ROOT)
    r = json.loads(out.stdout)
    assert r["language"] == "ru" and {p["local_name"] for p in r["places"]} >= {"Сеул", "Хабаровск"}


def test_place_before_a_persons_name(gazetteer):
    """A country named just before a person's name stays a place ("президент США Джордж Буш")."""
    pipe = Pipeline(gazetteer, recogniser=make_recogniser("gazetteer", gazetteer))
    r = pipe.run(Article(text="Вчера президент США Джордж Смит встретился с министром финансов Новой Зеландии "
                              "Майклом Брауном, а премьер-министр Японии Наото Сато уехал домой."))
    countries = {p.country for p in r.places if p.kind == "country"}
    assert {"US", "NZ", "JP"} <= countries
    assert not any(m.text in ("Джордж", "Смит", "Майклом", "Брауном") for p in r.places for m in p.mentions)


def test_adjective_of_a_longer_name_is_not_a_place(gazetteer):
    """"по Московскому времени", "Нового года": an adjective of another name, not Moscow."""
    pipe = Pipeline(gazetteer, recogniser=make_recogniser("gazetteer", gazetteer))
    r = pipe.run(Article(text="Встреча началась в 19 часов по Московскому времени, накануне Нового года."))
    assert r.places == []


def test_famous_city_over_small_namesakes(gazetteer):
    """A Russian text's "Женева" is Geneva, even in an article about the United States."""
    r = Pipeline(gazetteer, recogniser=make_recogniser("gazetteer", gazetteer)).run(Article(
        text="Представители США заявили, что США готовы к переговорам в Женеве. Власти США это подтвердили."))
    geneva = next(p for p in r.places if p.local_name == "Женева")
    assert geneva.country == "CH"


def test_country_inside_a_quoted_title(gazetteer):
    """A title's opening word is its own («Россия» the channel); a country further in is a place."""
    pipe = Pipeline(gazetteer, recogniser=make_recogniser("gazetteer", gazetteer))
    r = pipe.run(Article(text="Об этом сообщил корреспондент радиостанции «Голос Америки» в интервью каналу «Россия»."))
    assert [m.text for p in r.places for m in p.mentions] == ["Америки"]


def test_surname_alone_after_the_full_name(gazetteer):
    """"Кан" alone, after "Оливер Кан" in the article, is the person, not Caen."""
    pipe = Pipeline(gazetteer, recogniser=make_recogniser("gazetteer", gazetteer))
    r = pipe.run(Article(text="Вратарь Оливер Кан прилетел в Москву. Позже Кан сказал журналистам, что доволен."))
    assert [m.text for p in r.places for m in p.mentions] == ["Москву"]


def test_cli_rules_switches_keep_russian_on_the_rules(tmp_path):
    """--ner gazetteer with --rules switched off: the Russian article is still read by the
    rules the user chose, not by natasha."""
    path = tmp_path / "a.txt"
    path.write_text("Делегация из Сеула прибыла в Хабаровск.", encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "mapper", "geoparse", "--ner", "gazetteer", "--rules",
                          "-common_word", "--explain", str(path)], capture_output=True, text=True, check=True, cwd=ROOT)
    places = json.loads(out.stdout)["places"]
    assert {p["local_name"] for p in places} >= {"Сеул", "Хабаровск"}
    assert all("ru_lemma" in p["rules"] for p in places), [p["rules"] for p in places]


def test_a_word_that_begins_like_a_descriptor_is_not_one(gazetteer):
    """"реконструкции Севастополя": reconstruction is not a river (река), so the mention is the
    city's name alone."""
    r = Pipeline(gazetteer).run(Article(text="Проект реконструкции Севастополя обсудили в четверг."))
    assert [m.text for p in r.places for m in p.mentions] == ["Севастополя"]


def test_choosing_the_rules_never_loads_natasha():
    """ner "gazetteer" reads a Russian article without loading natasha's model (slovnet)."""
    _natasha()
    code = ("import sys; from mapper.core.pipeline import Pipeline; from mapper.core.models import Article;"
            "from mapper.core.ner import make_recogniser; from mapper.core.gazetteer import Gazetteer; g = Gazetteer();"
            "r = Pipeline(g, recogniser=make_recogniser('gazetteer', g)).run(Article(text='Делегация прибыла в Хабаровск.'));"
            "print(r.language, len(r.places), 'slovnet' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.split() == ["ru", "1", "False"]
