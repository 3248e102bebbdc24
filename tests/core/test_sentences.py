"""Sentence splitting: exact offsets, abbreviations, and headline/caption labels."""
from __future__ import annotations

import time
from pathlib import Path

import pytest

from mapper.core.sentences import split_sentences

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "articles" / "putin-awards-kim-medal.txt"


def texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


def assert_invariants(text: str) -> None:
    sentences = split_sentences(text)
    covered = [False] * len(text)
    previous_end = 0
    for i, s in enumerate(sentences):
        assert s.id == i
        assert text[s.start:s.end] == s.text
        assert s.text == s.text.strip() and s.text
        assert s.start >= previous_end, "sentences overlap or are out of order"
        previous_end = s.end
        for k in range(s.start, s.end):
            covered[k] = True
    missing = [k for k, ch in enumerate(text) if not ch.isspace() and not covered[k]]
    assert not missing, f"characters not in any sentence: {[text[k] for k in missing[:10]]}"


# ---------------------------------------------------------------- the sample article

@pytest.fixture(scope="module")
def sample() -> str:
    return SAMPLE.read_text(encoding="utf-8")


def test_sample_offsets_are_exact(sample: str) -> None:
    assert_invariants(sample)


def test_sample_headline_is_sentence_zero(sample: str) -> None:
    first = split_sentences(sample)[0]
    assert first.kind == "headline"
    assert first.text == sample.splitlines()[0].strip()


def test_sample_photo_caption_is_its_own_caption_sentences(sample: str) -> None:
    sentences = split_sentences(sample)
    caption_line = sample.rstrip().splitlines()[-1]
    assert caption_line.startswith("People watch a screen")
    captions = [s for s in sentences if s.kind == "caption"]
    assert captions and captions[0].text.startswith("People watch a screen")
    assert " ".join(s.text for s in captions) == caption_line
    assert sentences[-1].kind == "caption"
    # the keyword line before it is neither merged into the caption nor into the body
    assert sentences[-len(captions) - 1].text == "Kim Jong Un, North KOrea, Vladimir Putin"


def test_sample_yonhap_sentence_is_whole(sample: str) -> None:
    matches = [s for s in split_sentences(sample) if "Kim re-appeared in public on Friday" in s.text]
    assert len(matches) == 1
    assert matches[0].text.startswith("Kim re-appeared in public on Friday")
    assert matches[0].text.endswith("according to the Yonhap News Agency.")
    assert matches[0].kind == "body"


def test_sample_us_abbreviation_does_not_split(sample: str) -> None:
    us = [s.text for s in split_sentences(sample) if s.text.startswith("U.S. and South Korean")]
    assert len(us) == 1 and us[0].endswith("power transition or vacuum.")


def test_sample_body_has_no_captions_or_headlines(sample: str) -> None:
    kinds = [s.kind for s in split_sentences(sample)]
    assert kinds[0] == "headline"
    assert "headline" not in kinds[1:]
    first_caption = kinds.index("caption")
    assert set(kinds[1:first_caption]) == {"body"}


# ---------------------------------------------------------------- splitting rules

def test_splits_on_terminal_punctuation() -> None:
    assert texts("It rained. Then it stopped! Why? 2020 was dry.") == [
        "It rained.", "Then it stopped!", "Why?", "2020 was dry."]


def test_closing_quotes_stay_with_their_sentence() -> None:
    assert texts('He said, "Stop." Then he left. \u201cNo,\u201d she said. \u201cGo.\u201d It ended.') == [
        'He said, "Stop."', "Then he left.", "\u201cNo,\u201d she said.", "\u201cGo.\u201d", "It ended."]


def test_no_split_before_lowercase_or_inside_numbers() -> None:
    assert texts('"Why?" he asked at 5 p.m. local time, citing 3.5 million votes.') == [
        '"Why?" he asked at 5 p.m. local time, citing 3.5 million votes.']


@pytest.mark.parametrize("text", [
    "Mr. Smith met Mrs. Jones and Dr. Lee at St. Mary's church.",
    "The U.S. Army and the U.N. Security Council issued statements.",
    "John F. Kennedy spoke in Washington.",
    "He was born in Louisville, Ky., and moved away.",
    "In Lexington, Ky. residents voted.",
    "The vote is on Jan. 5 at No. 10 Downing Street.",
    "Apple Inc. Chief Executive Tim Cook said so.",
    "Big cities, e.g. Paris and Rome, were affected.",
    "Gen. Milley and Sen. Warren spoke with Gov. Newsom.",
])
def test_abbreviations_do_not_end_sentences(text: str) -> None:
    assert texts(text) == [text]


@pytest.mark.parametrize("text, expected", [
    ("She moved to the U.S. The move was hard.", ["She moved to the U.S.", "The move was hard."]),
    ("He grew up in Frankfort, Ky. He later left.", ["He grew up in Frankfort, Ky.", "He later left."]),
    ("Shares fell at Apple Inc. The company declined comment.",
     ["Shares fell at Apple Inc.", "The company declined comment."]),
    ("Exports to the U.K. rose. \"It works,\" he said.",
     ["Exports to the U.K. rose.", "\"It works,\" he said."]),
])
def test_abbreviation_at_sentence_end_still_splits(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


def test_line_break_always_ends_a_sentence() -> None:
    text = "Troops Leave Kherson\nThe army withdrew\nresidents cheered."
    assert texts(text) == ["Troops Leave Kherson", "The army withdrew", "residents cheered."]


def test_cjk_full_stops_split() -> None:
    assert texts("金正恩委员长出席了仪式。俄罗斯大使授予了奖章。") == [
        "金正恩委员长出席了仪式。", "俄罗斯大使授予了奖章。"]


def test_cyrillic_capitals_start_sentences() -> None:
    assert texts("Путин наградил Ким Чен Ына. Церемония прошла в Пхеньяне.") == [
        "Путин наградил Ким Чен Ына.", "Церемония прошла в Пхеньяне."]


def test_offsets_survive_odd_whitespace() -> None:
    text = "\n\n  Title Here  \r\n\n\tFirst one.   Second one.\u2028Third\u00a0one.  \n \n"
    assert_invariants(text)
    assert texts(text) == ["Title Here", "First one.", "Second one.", "Third\u00a0one."]


def test_empty_and_blank_text_have_no_sentences() -> None:
    assert split_sentences("") == []
    assert split_sentences(" \n\t\n ") == []


def test_invariants_on_random_text() -> None:
    hypothesis = pytest.importorskip("hypothesis")
    st = hypothesis.strategies

    pieces = list("aZ .!?\"'\u201d)(\n\t\r\u2028\u00a03") + ["Mr.", "Ky.", "U.S.", "\u3002", "The"]

    @hypothesis.settings(max_examples=300, deadline=None)
    @hypothesis.given(st.lists(st.sampled_from(pieces), max_size=60).map("".join))
    def check(text: str) -> None:
        assert_invariants(text)

    check()


# ---------------------------------------------------------------- kinds

def test_headline_needs_a_short_unpunctuated_first_line() -> None:
    assert split_sentences("Kim Re-Emerges In Sunchon\nKim visited a plant.")[0].kind == "headline"
    assert split_sentences("Kim visited a plant.\nHe smiled.")[0].kind == "body"
    long_first = "Word " * 50 + "\nBody text."
    assert split_sentences(long_first)[0].kind == "body"
    assert split_sentences("Just one line without a period")[0].kind == "body"


@pytest.mark.parametrize("caption", [
    "A man walks past rubble in Kharkiv. SERGEY BOBOK/AFP via Getty Images",
    "Photo: Jane Doe for The Times",
    "Rescuers search the site on Monday. REUTERS/Valentyn Ogirenko",
    "Police stand guard in Paris. (AP Photo/Michel Euler)",
])
def test_credit_lines_are_captions(caption: str) -> None:
    text = f"Headline Words Here\nThe first body paragraph talks about events.\n{caption}\nMore body text follows."
    kinds = {s.text: s.kind for s in split_sentences(text)}
    assert {kinds[t] for t in texts(caption)} == {"caption"}
    assert kinds["The first body paragraph talks about events."] == "body"
    assert kinds["More body text follows."] == "body"


def test_agency_named_in_body_is_not_a_caption() -> None:
    text = ("Headline Words Here\nThe minister told Reuters on Monday that talks would resume. "
            "AFP reported the same.\nOfficials in Kyiv agreed.")
    assert {s.kind for s in split_sentences(text)[1:]} == {"body"}


def test_line_after_trailing_keyword_line_is_a_caption() -> None:
    text = ("Headline Words Here\nTroops entered the city on Friday. Residents cheered.\n"
            "Ukraine, Russia, Kherson\nSoldiers rest near the front line on Monday.")
    sentences = split_sentences(text)
    assert sentences[-1].kind == "caption"
    assert [s.kind for s in sentences[1:-1]] == ["body", "body", "body"]


def test_dateline_near_the_top_does_not_turn_body_into_captions() -> None:
    text = ("Headline Words Here\nWASHINGTON, May 5\n" +
            "\n".join(f"Paragraph {i} says something about Kyiv." for i in range(6)))
    assert {s.kind for s in split_sentences(text)[1:]} == {"body"}


# ---------------------------------------------------------------- speed

def test_one_megabyte_splits_well_under_a_second(sample: str) -> None:
    body = sample.split("\n", 1)[1]
    text = (body * (1_000_000 // len(body) + 1))[:1_000_000]
    start = time.perf_counter()
    sentences = split_sentences(text)
    elapsed = time.perf_counter() - start
    assert len(sentences) > 5000
    assert elapsed < 1.0, f"took {elapsed:.2f}s"
