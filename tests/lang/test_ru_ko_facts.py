"""Figures, dates and events of Russian and Korean articles (issue 16): what a reader of the
map sees in a figure's value, qualifier and place, and in an event's date and place. The
sentences are invented."""
from __future__ import annotations

from datetime import date

import pytest

pytest.importorskip("pymorphy3")
pytest.importorskip("kiwipiepy")

from mapper.core.lang import common, ko, ko_dates, ko_numbers
from mapper.core.models import Article
from mapper.core.pipeline import Pipeline


@pytest.fixture(scope="module")
def pipeline(gazetteer):
    return Pipeline(gazetteer)


def _run(pipeline, text, published=None):
    r = pipeline.run(Article(text=text, published=published))
    names = {p.id: p.name for p in r.places}
    return r, names


def _facts(r, names):
    return [(f.kind, f.value, f.qualifier, names.get(f.place) if f.place else None) for f in r.facts]


# ---------------------------------------------------------------- Russian figures

def test_ru_a_year_or_a_day_is_not_a_count(pipeline):
    r, names = _run(pipeline, "В Туле возложили цветы к могилам 48 лётчиков, погибших в 1942 году. "
                              "Ещё около трёхсот солдат перезахоронены в Калуге 12 июля.")
    got = _facts(r, names)
    values = {f[1] for f in got}
    assert 1942 not in values and 12 not in values
    assert ("died", 48, None) == got[0][:3] and got[0][3].startswith("Тула")
    assert ("buried", 300, "about") == got[1][:3] and got[1][3].startswith("Калуга")


def test_ru_qualifier_before_the_number_after_the_verb(pipeline):
    r, names = _run(pipeline, "В Брянске похоронены останки более 2,5 тыс. красноармейцев. "
                              "В Орле покоятся свыше 12 тысяч воинов.")
    got = _facts(r, names)
    assert [(k, v, q) for k, v, q, _ in got] == [("buried", 2500, "more than"), ("buried", 12000, "over")]


def test_ru_the_region_by_its_noun_alone_is_the_region_named_before(pipeline):
    r, names = _run(pipeline, "В Смоленске прошла церемония. Всего в области покоятся свыше 40 тысяч воинов.")
    assert _facts(r, names) == [("buried", 40000, "over", None)]  # the city is not the oblast
    r, names = _run(pipeline, "В Смоленской области открыли мемориал. В Ярцеве перезахоронили бойцов. "
                              "Всего в области покоятся свыше 40 тысяч воинов.")
    (kind, value, _, place), = _facts(r, names)
    assert (kind, value) == ("buried", 40000) and place.startswith("Смоленская область")


def test_ru_the_counted_peoples_country_is_not_the_figures_place(pipeline):
    r, names = _run(pipeline, "В Пусане похоронены 300 военнослужащих Турции.")
    (kind, value, _, place), = _facts(r, names)
    assert (kind, value) == ("buried", 300) and place.startswith("Пусан")


def test_ru_number_words_and_the_named_dead(pipeline):
    from mapper.core.lang import ru
    assert ru.parse_number("двухсот") == 200 and ru.parse_number("полутора тысяч") == 1500
    assert ru.parse_number("трёхсот") == 300
    r, names = _run(pipeline, "В архиве Твери удалось установить имена ещё 17 бойцов.")
    assert [(k, v) for k, v, _, _ in _facts(r, names)] == [("identified", 17)]


# ---------------------------------------------------------------- Russian events

def _events(r, names):
    return [(e.kind, e.date, names.get(e.place) if e.place else None, e.summary) for e in r.events]


def test_ru_the_dateline_dates_tuesday_and_the_deaths_date_is_not_the_ceremonys(pipeline):
    text = ("Память\n\nТверь, 14 мая 2024 года. В среду в Твери прошла церемония у могил воинов, "
            "погибших в октябре 1941 года.")
    r, names = _run(pipeline, text)
    ceremony = next(e for e in _events(r, names) if e[0] == "ceremony")
    assert ceremony[1] == "2024-05-08"  # the Wednesday before the dateline's Tuesday
    assert ceremony[2].startswith("Тверь") and "in Тверь (Tver)" in ceremony[3]  # the dictionary form
    # no dateline, no publication date: no date rather than the soldiers' 1941
    r, names = _run(pipeline, "В среду в Твери прошла церемония у могил воинов, погибших в октябре 1941 года.")
    assert next(e for e in _events(r, names) if e[0] == "ceremony")[1] is None


def test_ru_a_date_in_another_clause_is_not_the_events(pipeline):
    r, names = _run(pipeline, "В Курске губернатор возложил венок и напомнил, что в 1943 году войска освободили город.")
    ceremony = next(e for e in _events(r, names) if e[0] == "ceremony")
    assert ceremony[1] is None and ceremony[2].startswith("Курск")
    # nor its place: the wreath was laid in Kursk, not in the city the clause after "что" names
    r, names = _run(pipeline, "Губернатор возложил венок к обелиску и напомнил, что в 1945 году армия "
                              "освободила Харбин.")
    assert all(e[2] is None for e in _events(r, names) if e[0] == "ceremony")
    assert ("liberation", "1945") in {(e[0], e[1]) for e in _events(r, names)}


def test_ru_the_delegations_origin_is_not_where_the_event_is(pipeline):
    r, names = _run(pipeline, "В Томске прошёл митинг. На митинг прибыла делегация из Омска и Тюмени.")
    places = {e[2] for e in _events(r, names) if e[2]}
    assert places and all(p.startswith("Томск") for p in places)


def test_ru_fighters_are_not_a_battle(pipeline):
    r, names = _run(pipeline, "В Орле перезахоронили 15 бойцов. Бои за Орёл шли в 1943 году.")
    battles = [e for e in _events(r, names) if e[0] == "battle"]
    assert len(battles) == 1 and battles[0][1] == "1943"


# ---------------------------------------------------------------- Korean (ko_numbers, ko_dates)

def test_ko_numbers():
    p = ko_numbers.parse_number
    assert [p("3백"), p("1천250"), p("2만"), p("1만 2천"), p("1,250"), p("2.5만")] == \
        [300, 1250, 20000, 12000, 1250, 25000]


def _ko_facts(pipeline, text):
    """The figures the app shows: the pipeline's own Korean reader."""
    r = pipeline.run(Article(text=text))
    assert r.language == "ko"
    names = {p.id: p.name for p in r.places}
    return [(f.kind, f.value, f.qualifier, names.get(f.place) if f.place else None) for f in r.facts]


def test_ko_figures_with_units_and_qualifiers(pipeline):
    got = _ko_facts(pipeline, "부산에서 유해 4백여 구가 안장됐다. 목포에서는 약 3만 명이 숨졌다.")
    assert [(k, v, q) for k, v, q, _ in got] == [("buried", 400, "more than"), ("died", 30000, "about")]
    assert got[0][3].startswith("부산") and got[1][3].startswith("목포")


def test_ko_the_counted_soldiers_country_is_not_the_figures_place(pipeline):
    got = _ko_facts(pipeline, "함흥에서 추모식이 열렸다. 이 묘지에는 1950년 12월 전투에서 숨진 미국 군인 2천 명이 "
                              "안장되어 있다.")
    (kind, value, _, place), = got
    assert (kind, value) == ("buried", 2000) and place.startswith("함흥")


def test_ko_relative_days():
    pub = date(2024, 5, 20)
    got = {d.text: d.value for d in ko_dates.relative_days("지난 15일과 지난 25일, 오는 9일과 오는 27일", pub)}
    assert got == {"지난 15일": "2024-05-15", "지난 25일": "2024-04-25", "오는 9일": "2024-06-09",
                   "오는 27일": "2024-05-27"}
    assert ko_dates.relative_days("행사는 3일간 열렸다", pub) == []
    assert ko_dates.relative_days("5월 15일", pub) == []  # ko.find_dates reads it with its month


def _ko_events(pipeline, text, published=None):
    """The events the app shows: the pipeline's own Korean reader."""
    r = pipeline.run(Article(text=text, published=published))
    assert r.language == "ko"
    names = {p.id: p.name for p in r.places}
    return [(e.kind, e.date, names.get(e.place) if e.place else None, e.summary) for e in r.events]


def test_ko_quoted_past_and_origins_do_not_date_or_place_the_ceremony(pipeline):
    text = ("추모식에는 평양과 개성에서 온 대표단이 참석했다. "
            "대사는 헌화한 뒤 \"1950년 국군이 원산을 해방했다\"고 말했다.")
    got = _ko_events(pipeline, text)
    ceremonies = [e for e in got if e[0] == "ceremony"]
    assert ceremonies and all(e[1] is None and e[2] is None for e in ceremonies)
    liberation = next(e for e in got if e[0] == "liberation")
    assert liberation[1] == "1950" and liberation[2].startswith("원산")


def test_ko_relative_day_dates_the_event(pipeline):
    got = _ko_events(pipeline, "오는 9일 부산에서 추모식이 열린다.", "2024-05-20")
    assert [(e[0], e[1]) for e in got] == [("ceremony", "2024-06-09")] and "부산 (Busan)" in got[0][3]


def test_datelines_stand_for_the_publication_date():
    from mapper.core.lang import ru
    from mapper.core.sentences import split_sentences

    def dateline(text, find_dates):
        return common.dateline_date(text, split_sentences(text), find_dates)
    assert dateline("Память\n\nОМСК, 9 мая 2024 года. Вчера прошёл митинг.", ru.find_dates) == date(2024, 5, 9)
    assert dateline("Память\n\nВчера в Омске прошёл митинг 9 мая 2024 года.", ru.find_dates) is None
    assert dateline("추모\n\n(부산=연합뉴스) 홍길동 기자 = 어제 추모식이 열렸다.\n\n2024/05/09 10:00 송고",
                    ko.find_dates) == date(2024, 5, 9)
    assert dateline("추모\n\n입력 2024.05.09 10:00\n\n어제 추모식이 열렸다.", ko.find_dates) == date(2024, 5, 9)


def test_ko_the_stamp_dates_yesterday(pipeline):
    got = _ko_events(pipeline, "추모\n\n어제 부산에서 추모식이 열렸다.\n\n2024/05/09 10:00 송고")
    assert ("ceremony", "2024-05-08") in {(e[0], e[1]) for e in got}


def test_ko_a_relative_clause_does_not_part_the_place_from_the_event(pipeline):
    # "in Busan [where 20,000 are buried] they visited the cemetery": the visit is in Busan
    got = _ko_events(pipeline, "대표단은 부산에서 약 2만 명이 묻힌 묘지를 참배했다.")
    assert [(e[0], e[2][:2]) for e in got if e[0] == "ceremony"] == [("ceremony", "부산")]


def test_ko_the_soldiers_country_is_not_where_the_battle_was(pipeline):
    got = _ko_events(pipeline, "1950년 12월 전투에서 숨진 미국 군인들을 기렸다.")
    assert all(e[2] is None for e in got if e[0] == "battle")


def test_ru_the_death_toll_rose_to(pipeline):
    r, names = _run(pipeline, "Число жертв наводнения в Крымске выросло до 57. Позже число погибших превысило 60.")
    assert [(k, v, q) for k, v, q, _ in _facts(r, names)] == [("died", 57, None), ("died", 60, "more than")]


def test_a_short_quoted_name_is_not_quoted_speech(pipeline):
    got = _ko_events(pipeline, "추모식은 '부산'에서 열렸다.")
    assert [(e[0], e[2][:2]) for e in got] == [("ceremony", "부산")]


def test_ru_last_year_dates_the_day(pipeline):
    r, names = _run(pipeline, "В прошлом году, 9 мая, в Ельце открыли памятник.", "2024-06-01")
    assert [(e[0], e[1]) for e in _events(r, names)] == [("opening", "2023-05-09")]
