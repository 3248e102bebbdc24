"""The Details panel's reasons for an event's date, found with the extractor's own call."""
from mapper.core.articles import article_from_text
from mapper.core.session import Session


def test_a_date_read_from_the_paragraph_says_so(pipeline):
    text = ("The two delegations first met in Oslo in March 2011.\n\n"
            "Talks resumed in April 2019 after a long pause. The ministers met again on April 25 in Bergen, "
            "where they signed a fisheries agreement.")
    result = pipeline.run(article_from_text(text, published="2020-01-10"))
    session = Session(result)
    meeting = next(e for e in result.events if e.date == "2019-04-25")
    reason = session.date_reason(meeting.id)
    assert reason is not None and "April 25" in reason and "April 2019" in reason, reason
    stated = next(e for e in result.events if e.date == "2011-03")
    assert "as stated" in session.date_reason(stated.id)
