"""Rules of mapper.core.dates beyond single phrases: year context of the clause and the
paragraph, tense cues, quarters and reference resolution, seasons, decades, weeks, and the
explanation of a resolution. All sentences are invented."""
from datetime import date

import pytest

from mapper.core.dates import explain, find_dates, same_clause

PUB = date(2020, 5, 5)  # a Tuesday


def _one(text, pub=PUB, **kw):
    found = find_dates(text, pub, **kw)
    assert len(found) >= 1, found
    return found


def _by_text(text, phrase, pub=PUB, **kw):
    [dm] = [d for d in find_dates(text, pub, **kw) if d.text == phrase]
    return dm


# ------------------------------------------------------------------ year context

def test_month_day_takes_the_year_of_the_paragraph():
    text = ("The first round of talks opened in October 2016. "
            "Negotiators met again on November 3 in a lakeside hotel.")
    dm = _by_text(text, "November 3")
    assert dm.value == "2016-11-03"
    assert dm.how == "paragraph" and dm.anchor == "October 2016"
    assert explain(dm) == ("\u201cNovember 3\u201d \u2192 2016-11-03, because of "
                           "\u201cOctober 2016\u201d in the previous sentence")


def test_a_new_paragraph_drops_the_year_context():
    text = ("The first round of talks opened in October 2016.\n"
            "Negotiators met again on November 3 in a lakeside hotel.")
    dm = _by_text(text, "November 3")
    assert dm.value == "2019-11-03" and dm.how == "publication"


def test_context_text_before_the_sentence_gives_the_year():
    before = "The orchestra toured the coast in August 2012. "
    dm = _by_text("It played its last concert on September 9.", "September 9",
                  context=before)
    assert dm.value == "2012-09-09" and dm.anchor == "August 2012"
    # without the context: counted from publication
    assert _by_text("It played its last concert on September 9.", "September 9").value == \
        "2019-09-09"


def test_a_month_alone_takes_the_paragraph_year():
    text = "Floods hit the valley on 2 March 2015. By April the roads had reopened."
    assert _by_text(text, "April").value == "2015-04"


def test_fronted_year_of_the_clause_dates_a_month_and_day():
    dm = _by_text("Last year the town asked him to open the fair on 12 June.", "12 June")
    assert dm.value == "2019-06-12" and dm.how == "clause"
    dm = _by_text("In 2011, the new bridge opened on 4 July.", "4 July")
    assert dm.value == "2011-07-04"


def test_a_year_inside_a_clause_does_not_date_a_later_day():
    text = "Under a plan approved in 2011 that named no deadline, the pact was signed on 4 March."
    assert _by_text(text, "4 March").value == "2020-03-04"


# ------------------------------------------------------------------ tense cues

def test_weekday_with_a_future_cue_is_ahead():
    assert _by_text("The minister will visit the port on Friday.", "Friday").value == \
        "2020-05-08"
    assert _by_text("The minister visited the port on Friday.", "Friday").value == "2020-05-01"


def test_month_day_with_a_future_cue_is_ahead():
    assert _by_text("The new rules will apply from September 1.", "September 1").value == \
        "2020-09-01"
    assert _by_text("The rules applied from September 1.", "September 1").value == "2019-09-01"


def test_month_day_just_ahead_of_publication_is_this_year_unless_past():
    assert _by_text("The fair opens on June 20.", "June 20").value == "2020-06-20"
    assert _by_text("The season ended on June 20.", "June 20").value == "2019-06-20"


# ------------------------------------------------------------------ relative expressions

@pytest.mark.parametrize("text, phrase, timex", [
    ("Sales slowed last week.", "last week", "2020-W18"),
    ("The vote is due next week.", "next week", "2020-W20"),
    ("Roads were closed over the weekend.", "the weekend", "2020-W18-WE"),
    ("The plant shut two years ago.", "two years ago", "2018"),
    ("The plant shut three months ago.", "three months ago", "2020-02"),
    ("Prices rose in the past year.", "the past year", "2019"),
])
def test_relative_to_publication(text, phrase, timex):
    assert _by_text(text, phrase).timex == timex


# ------------------------------------------------------------------ decades, centuries, spelled

@pytest.mark.parametrize("text, phrase, timex, value", [
    ("Rents doubled in the 1990s.", "1990s", "199", "1990"),
    ("Rents doubled in the nineties.", "the nineties", "199", "1990"),
    ("Rents doubled in the '80s.", "the '80s", "198", "1980"),
    ("It was the worst flood of the 20th century.", "the 20th century", "19", "1900"),
    ("The mill closed in nineteen eighty-four.", "nineteen eighty-four", "1984", "1984"),
])
def test_decades_centuries_and_spelled_years(text, phrase, timex, value):
    dm = _by_text(text, phrase)
    assert (dm.timex, dm.value) == (timex, value)


# ------------------------------------------------------------------ quarters

def test_ordinal_quarters_are_the_most_recent_that_has_begun():
    pub = date(2020, 11, 2)
    assert _by_text("Profit rose in the third quarter.", "the third quarter", pub).timex == \
        "2020-Q3"
    assert _by_text("The firm posted a third-quarter loss.", "third-quarter", pub).timex == \
        "2020-Q3"
    pub = date(2020, 2, 10)
    assert _by_text("Profit rose in the fourth quarter.", "the fourth quarter", pub).timex == \
        "2019-Q4"
    assert _by_text("Profit rose in the fourth quarter of 2016.",
                    "the fourth quarter of 2016", pub).timex == "2016-Q4"


def test_year_ago_and_the_quarter_refer_to_the_quarter_last_named():
    pub = date(2020, 11, 2)
    text = ("The brewer earned more in the second quarter. In the year-ago quarter it lost "
            "money. Costs in the quarter rose, against a fall a year earlier.")
    got = {d.text: d.timex for d in find_dates(text, pub)}
    assert got["the second quarter"] == "2020-Q2"
    assert got["the year-ago quarter"] == "2019-Q2"
    assert got["the quarter"] == "2020-Q2"
    assert got["a year earlier"] == "2019-Q2"
    dm = _by_text(text, "the year-ago quarter", pub)
    assert dm.how == "reference" and dm.anchor == "the second quarter"


def test_a_year_ago_without_a_quarter_is_the_year_before_publication():
    assert _by_text("Exports were lower a year ago.", "a year ago").timex == "2019"


# ------------------------------------------------------------------ seasons

@pytest.mark.parametrize("text, phrase, timex", [
    ("The bridge should open this summer.", "this summer", "2020-SU"),
    ("The bridge was closed last fall.", "last fall", "2019-FA"),
    ("Work stopped in the summer of 1996.", "the summer of 1996", "1996-SU"),
    ("Work stopped in winter.", "winter", "2020-WI"),
])
def test_seasons(text, phrase, timex):
    assert _by_text(text, phrase).timex == timex


def test_fall_as_a_noun_is_no_season():
    assert find_dates("After the fall of the old regime, prices rose.", PUB) == []
    assert find_dates("Officials expect a fall in exports.", PUB) == []


# ------------------------------------------------------------------ refs and explanations

def test_present_past_future_refs_only_when_asked():
    text = "Exports are now falling, and recently the port closed; more may shut soon."
    assert find_dates(text, PUB) == []
    got = {d.text: d.timex for d in find_dates(text, PUB, refs=True)}
    assert got == {"now": "PRESENT_REF", "recently": "PAST_REF", "soon": "FUTURE_REF"}


def test_explain_stated_and_publication():
    [dm] = find_dates("The museum opened on May 2, 2009.", PUB)
    assert explain(dm) == "\u201cMay 2, 2009\u201d \u2192 2009-05-02, as stated"
    [dm] = find_dates("The museum opened on Friday.", PUB)
    assert explain(dm, PUB) == ("\u201cFriday\u201d \u2192 2020-05-01, counted from the "
                                "publication date (2020-05-05)")


def test_same_clause_separates_a_relative_clause():
    text = "The signing took place at the old mill, where the board met last month."
    assert not same_clause(text, text.index("signing"), text.index("last month"))
    assert same_clause(text, text.index("board"), text.index("last month"))


def test_the_quarter_named_in_the_context_is_the_reference():
    pub = date(2020, 11, 2)
    before = "The brewer earned more in the second quarter. "
    dm = _by_text("In the year-ago quarter it lost money.", "the year-ago quarter", pub,
                  context=before)
    assert dm.timex == "2019-Q2" and dm.how == "reference"
    # without the context: the last complete quarter before publication, a year back
    assert _by_text("In the year-ago quarter it lost money.", "the year-ago quarter",
                    pub).timex == "2019-Q3"


def test_the_cue_nearest_the_date_decides():
    # "had" is further from the date than "set to": the offer lies ahead
    dm = _by_text("The offer had been set to expire on June 2.", "June 2")
    assert dm.value == "2020-06-02"
    dm = _by_text("A deal expected for months was finally signed on June 2.", "June 2")
    assert dm.value == "2019-06-02"


def test_an_initial_ends_no_clause():
    # the future cue before "J. Doe" still reaches the date after the initial
    dm = _by_text("Ms. Rivera will succeed Anna J. Doe on October 1.", "October 1")
    assert dm.value == "2020-10-01"
    assert same_clause("Ms. Rivera will succeed Anna J. Doe on October 1.", 4, 40)


def test_the_following_month_and_year_count_from_the_date_last_named():
    text = "The dam failed in March 2014. The following month, engineers arrived."
    dm = _by_text(text, "The following month")
    assert dm.value == "2014-04" and dm.how == "reference" and dm.anchor == "March 2014"
    text = "The dam failed in March 2014, and the following year it was rebuilt."
    assert _by_text(text, "the following year").value == "2015"


@pytest.mark.parametrize("text, phrase, value", [
    ("The camp was liberated in April 1945. The same year, the graves were moved.", "The same year", "1945"),
    ("In 1944 the town was freed; that year the cemetery opened.", "that year", "1944"),
    ("The monument was built in 1961. It was restored the same year.", "the same year", "1961"),
    ("The graves were found in March 1946, and that month the first remains were exhumed.", "that month", "1946-03"),
])
def test_the_same_year_and_that_month_refer_back(text, phrase, value):
    assert _by_text(text, phrase).value == value
