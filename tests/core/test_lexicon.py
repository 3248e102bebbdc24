"""The word lists have one owner (lexicon.py) and fail loudly when their data is missing."""
import pytest

from mapper.core import lexicon
from mapper.core.errors import DataFileError
from mapper.core.events import find_actors


def test_a_missing_word_list_is_an_error_not_an_empty_set(tmp_path, monkeypatch):
    monkeypatch.setenv("MAPPER_SHIPPED_DATA", str(tmp_path))
    lexicon.word_list.cache_clear()
    try:
        with pytest.raises(DataFileError, match="cannot be read"):
            lexicon.word_list("given_names.txt")
        (tmp_path / "empty.txt").write_text("# only a comment\n\n", encoding="utf-8")
        with pytest.raises(DataFileError, match="is empty"):
            lexicon.word_list("empty.txt")
    finally:
        lexicon.word_list.cache_clear()


def test_every_shipped_list_loads_and_is_lower_case():
    for name in dir(lexicon):
        value = getattr(lexicon, name)
        if name.isupper() and isinstance(value, frozenset):
            assert value, name
            assert all(w == w.casefold() for w in value), name


@pytest.mark.parametrize("title", ["President", "Sheriff", "Ambassador", "Former President", "Gen."])
def test_recogniser_and_event_reader_strip_the_same_titles(title):
    # one title list: a title is never taken as part of the actor's name
    sentence = f"{title} Jonas Berg visited the harbour."
    names = [n for _, _, n in find_actors(sentence, 0, [], [])]
    assert names == ["Jonas Berg"], names
    assert title.split()[-1].lower().rstrip(".") in lexicon.TITLES
