"""Hypothesis on the loader and the pipeline: random bytes and random text never raise
anything but ArticleError; every mention's offsets reproduce its text; sentences lie inside
the article, in order, without overlap, and cover every non-whitespace character.
Short budget here; `make fuzz` (HYPOTHESIS_PROFILE=fuzz) runs the long one."""
from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mapper.core.articles import article_from_text, load_article
from mapper.core.errors import ArticleError

from .conftest import FUZZ_PROFILE

pytestmark = pytest.mark.fuzz
PROFILE = settings.get_profile(FUZZ_PROFILE)

PIECES = ["Paris", "France", "Berlin", "Pyongyang", "North Korea", "Moscow", "St. Petersburg", "Mr. Kim",
          "Springfield", "Georgia", "the", "said", "on Tuesday", "in", "near", " ", " ", ", ", ". ", "! ", "? ",
          "\n", "\n\n", "\r\n", "\t", "\u00a0", "\u2028", "\u200b", "\u202e", "😀", "🇫🇷", "𝔘", "\u3002",
          "“", "”", "'", "\"", "(", ")", "<script>", "&amp;", "${x}", "`", "\\", "1,375", "28 miles",
          "km", "U.S.", "e.g.", "...", "…", "-", "—", "ß", "İ", "ﬁ", "Ⅻ", "\x00", "\x0b", "\x1f"]

texts = st.one_of(
    st.lists(st.sampled_from(PIECES), max_size=80).map("".join),
    st.text(max_size=400),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=200),
)


def check(result) -> None:
    text = result.article.text
    prev_end = 0
    for i, s in enumerate(result.sentences):
        assert s.id == i
        assert prev_end <= s.start < s.end <= len(text), (s, prev_end)
        assert text[s.start:s.end] == s.text
        assert not text[prev_end:s.start].strip(), ("uncovered text", text[prev_end:s.start])
        prev_end = s.end
    assert not text[prev_end:].strip(), ("uncovered tail", text[prev_end:])
    for p in result.places:
        for m in p.mentions:
            assert 0 <= m.start < m.end <= len(text)
            assert text[m.start:m.end] == m.text, (m, text[m.start:m.end])
            s = result.sentences[m.sentence]
            assert s.start <= m.start and m.end <= s.end
    for f in result.facts:
        if f.end > f.start:
            assert 0 <= f.start < f.end <= len(text)


@PROFILE
@given(text=texts)
def test_pipeline_on_random_text(pipeline, text):
    try:
        article = article_from_text(text)
    except ArticleError:
        assert not text.strip() or len(text) > 1_000_000
        return
    check(pipeline.run(article))


@PROFILE
@given(data=st.one_of(st.binary(max_size=3000),
                      texts.map(lambda t: t.encode("utf-8")),
                      st.tuples(texts, st.sampled_from(["cp1251", "shift_jis", "euc_kr", "utf-16", "latin-1",
                                                        "gb18030", "utf-32"]))
                      .map(lambda te: te[0].encode(te[1], "replace"))),
       suffix=st.sampled_from([".txt", ".md", ".html", ".dat", ""]))
def test_loader_on_random_bytes(data, suffix):
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / f"article{suffix}"
        path.write_bytes(data)
        try:
            article = load_article(path)
        except ArticleError as err:
            message = str(err)
            assert message and "\n" not in message and "Traceback" not in message
            return
    assert article.text.strip()
    assert "\r" not in article.text


@PROFILE
@given(data=st.one_of(st.binary(max_size=2000), texts.map(lambda t: t.encode("utf-8"))))
def test_loader_then_pipeline_on_random_bytes(pipeline, data):
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "article.txt"
        path.write_bytes(data)
        try:
            article = load_article(path)
        except ArticleError:
            return
    check(pipeline.run(article))
