"""Stories: the same event in several articles, and where their sources differ."""
from __future__ import annotations

from datetime import date

import pytest

from mapper.core.collection import Collection
from mapper.core.importers import iter_items
from mapper.core.stories import date_interval, dates_fit, figure_range, find_stories

from .helpers import ARTICLES, YPRES


@pytest.fixture(scope="module")
def stories(tmp_path_factory, pipeline):
    with Collection.create(tmp_path_factory.mktemp("stories") / "s.mapper") as c:
        c.add(iter_items([ARTICLES, YPRES]), pipeline=pipeline)
        yield find_stories(c)


def test_the_three_reports_are_one_story(stories):
    ypres = [s for s in stories if {"Flanders Herald", "Channel Gazette", "Daily Courier"} <= set(s.sources)]
    assert len(ypres) == 1
    story = ypres[0]
    assert story.kind == "ceremony" and len(story.article_ids) == 3
    assert story.date_start == story.date_end == "2024-11-11"
    # every story spans at least two articles
    assert all(len(s.article_ids) >= 2 for s in stories)


def test_sources_compared_side_by_side(stories):
    story = next(s for s in stories if "Flanders Herald" in s.sources)
    by = {c.aspect if c.aspect != "figure" else c.label: c for c in story.comparisons}
    place = by["place"]
    assert not place.agree
    assert {v.source: v.value for v in place.values}["Flanders Herald"] == "Menin Gate"
    assert by["date"].agree
    hedging = by["hedging"]
    assert not hedging.agree
    assert {v.source: v.value for v in hedging.values} == {"Daily Courier": "reported", "Flanders Herald": "stated",
                                                          "Channel Gazette": "stated"}
    buried = by["buried"]
    figures = {v.source: v.value for v in buried.values}
    assert figures == {"Flanders Herald": "at least 1,300", "Channel Gazette": "almost 1,400", "Daily Courier": None}
    assert not buried.agree and buried.consistent is True and buried.stated_by == 2
    assert buried in story.differences and by["date"] not in story.differences


def test_intervals_and_ranges():
    assert date_interval("2024") == (date(2024, 1, 1), date(2024, 12, 31))
    assert date_interval("2024-02") == (date(2024, 2, 1), date(2024, 2, 29))
    assert date_interval("2024-11-11") == (date(2024, 11, 11),) * 2
    assert dates_fit(date_interval("2024-11-11"), date_interval("2024-11-13"), 3)
    assert not dates_fit(date_interval("2024-11-11"), date_interval("2024-12-11"), 3)
    assert dates_fit(date_interval("1945"), date_interval("1945-08-15"), 0)
    lo, hi = figure_range(1300, "at least")
    assert lo == 1300 and hi == float("inf")
    lo2, hi2 = figure_range(1400, "almost")
    assert lo2 < 1400 and hi2 == 1400
    assert figure_range(50, None) == (50, 50)
