"""Big input: a 25 MB article is REFUSED up front (MAX_ARTICLE_BYTES = 5 MB in articles.py),
from a file by size before reading, and as pasted text, quickly and in little memory.
benchmarks/bench_bigfile.py prints time and peak RSS for the refusal and for a run at the
limit. Cancelling a long run in the window: tests/gui/test_window.py::test_cancel_keeps_previous_result
and ::test_cancel_button_click_during_run."""
from __future__ import annotations

import time

import pytest

from mapper import cli
from mapper.core.articles import MAX_ARTICLE_BYTES, article_from_text, load_article
from mapper.core.errors import ArticleError

SIZE = 25 * 1024 * 1024


@pytest.fixture(scope="module")
def big_file(tmp_path_factory):
    p = tmp_path_factory.mktemp("big") / "big.txt"
    with open(p, "wb") as f:
        f.truncate(SIZE)  # sparse: the loader must refuse it by size, before reading it
    return p


def test_25mb_file_is_refused_before_reading(big_file, monkeypatch):
    from pathlib import Path
    opened = []
    real_open = Path.open
    monkeypatch.setattr(Path, "open", lambda self, *a, **k: opened.append(self) or real_open(self, *a, **k))
    started = time.perf_counter()
    with pytest.raises(ArticleError) as err:
        load_article(big_file)
    assert time.perf_counter() - started < 0.5
    assert opened == []
    assert str(err.value) == "big.txt is too large (25.0 MB); the limit is 5.0 MB."


def test_25mb_file_from_the_cli_is_one_line(big_file, capsys):
    assert cli.main(["geoparse", str(big_file)]) == 1
    err = capsys.readouterr().err
    assert err.strip() == "mapper: error: big.txt is too large (25.0 MB); the limit is 5.0 MB."


def test_25mb_pasted_text_is_refused():
    with pytest.raises(ArticleError, match=r"too large \(25\.0 MB\).*5\.0 MB"):
        article_from_text("Paris. " * (SIZE // 7 + 1))


def test_text_just_under_the_limit_is_accepted():
    text = "Paris. " * ((MAX_ARTICLE_BYTES - 7) // 7)
    assert len(article_from_text(text).text) == len(text)


def test_multibyte_text_is_measured_in_bytes():
    # 2 M Cyrillic characters are 4 MB of UTF-8 (accepted); 3 M are 6 MB (refused)
    assert article_from_text("д" * 2_000_000)
    with pytest.raises(ArticleError):
        article_from_text("д" * 3_000_000)
