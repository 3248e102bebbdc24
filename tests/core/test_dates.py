from datetime import date

import pytest

from mapper.core.dates import find_dates, normalise_date

from .helpers import SAMPLE_PUBLISHED as PUB
from .helpers import sample


@pytest.mark.parametrize("phrase, expected", [
    ("on Tuesday", "2020-05-05"),   # publication day itself (a Tuesday)
    ("on Friday", "2020-05-01"),
    ("Friday", "2020-05-01"),
    ("last Tuesday", "2020-04-28"),
    ("today", "2020-05-05"),
    ("yesterday", "2020-05-04"),
    ("three days ago", "2020-05-02"),
    ("in April 2019", "2019-04"),
    ("April of 2019", "2019-04"),
    ("April 15", "2020-04-15"),
    ("15 April", "2020-04-15"),
    ("December 25", "2019-12-25"),  # not after publication -> previous year
    ("May 2, 2020", "2020-05-02"),
    ("2 May 2020", "2020-05-02"),
    ("Sept. 11, 2001", "2001-09-11"),
    ("2020-05-02", "2020-05-02"),
    ("in 1945", "1945"),
    ("in 2019", "2019"),
    ("in April", "2020-04"),
    ("in June", "2020-06"),          # a month just ahead of publication (< 75 days): this June
    ("in August", "2019-08"),        # further ahead: the most recent August before May 2020
    ("last May", "2019-05"),
    ("1941-1945", "1941"),
    ("the 1990s", "1990"),
    ("last month", "2020-04"),
    ("last year", "2019"),
])
def test_normalise_date(phrase, expected):
    assert normalise_date(phrase, PUB) == expected


def test_last_week_is_a_week_before_publication():
    [dm] = find_dates("Until last week, speculation was rife.", PUB)
    assert (dm.text, dm.value, dm.precision) == ("last week", "2020-04-28", "week")


@pytest.mark.parametrize("phrase", [
    "345 individual graves", "1,375 Soviet troops", "more than 2000 people",
    "in 2000 homes", "a 20-day absence", "the 36-year-old dictator", "COVID-19",
    "he may be dead", "it might rain", "75 years of Victory",
])
def test_counts_and_modals_are_not_dates(phrase):
    assert find_dates(phrase, PUB) == []
    assert normalise_date(phrase, PUB) is None


def test_relative_dates_need_a_publication_date():
    assert normalise_date("on Friday", None) is None
    assert normalise_date("April 15", None) is None
    assert normalise_date("in April", None) is None
    assert normalise_date("yesterday", None) is None
    # absolute dates still work
    assert normalise_date("in April 2019", None) == "2019-04"
    assert normalise_date("1945", None) == "1945"


def test_spans_exclude_the_preposition_and_are_sentence_relative():
    s = "Kim re-appeared in public on Friday at a visit."
    [dm] = find_dates(s, PUB)
    assert s[dm.start:dm.end] == "Friday" == dm.text
    assert dm.precision == "day"


def test_year_range_keeps_start_and_text():
    s = 'the "75 years of Victory in the Great Patriotic War of 1941-1945" medal'
    [dm] = find_dates(s, PUB)
    assert dm.text == "1941-1945" and dm.value == "1941"


def test_two_digit_range_end():
    [dm] = find_dates("during the war of 1914–18", PUB)
    assert dm.value == "1914" and dm.text == "1914–18"


def test_sample_article_dates():
    text, _, _ = sample()
    values = [(d.text, d.value) for d in find_dates(text, PUB)]
    assert ("1945", "1945") in values
    assert ("Tuesday", "2020-05-05") in values
    assert ("April 2019", "2019-04") in values
    assert ("April 15", "2020-04-15") in values
    assert ("Friday", "2020-05-01") in values
    assert ("2019", "2019") in values
    assert ("May 2, 2020", "2020-05-02") in values
    # no count in the article is taken for a year
    assert not any(d.text in ("1,375", "345", "4,700", "11") for d in find_dates(text, PUB))


def test_other_publication_dates():
    pub = date(2023, 2, 7)  # a Tuesday
    assert normalise_date("on Monday", pub) == "2023-02-06"
    assert normalise_date("on Sunday", pub) == "2023-02-05"
    assert normalise_date("in December", pub) == "2022-12"
    assert normalise_date("next Friday", pub) == "2023-02-10"
    # leap day without a year: the most recent 29 February not after publication
    assert normalise_date("February 29", pub) == "2020-02-29"


def test_a_bare_year_needs_no_preposition_but_a_count_is_no_year():
    assert [d.value for d in find_dates("Its 1996 campaign failed.", PUB)] == ["1996"]
    assert [d.value for d in find_dates("Sales forecasts for 2021 rose.", PUB)] == ["2021"]
    assert find_dates("The cemetery holds 1945 Soviet soldiers.", PUB) == []
