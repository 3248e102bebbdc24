"""The collection file: schema, transactional import with dedupe, filters, merged map, timeline."""
from __future__ import annotations

import sqlite3

import pytest

from mapper.core.collection import SCHEMA_VERSION, ArticleFilter, Collection, CollectionError, pipeline_version
from mapper.core.importers import iter_items

from .helpers import ARTICLES, YPRES, write_jsonl


@pytest.fixture
def filled(tmp_path, pipeline):
    c = Collection.create(tmp_path / "news.mapper")
    summary = c.add(iter_items([ARTICLES, YPRES]), pipeline=pipeline)
    assert summary.failed == 0 and summary.added == 8, summary.errors
    yield c
    c.close()


def test_new_file_has_schema_version_and_is_marked(tmp_path):
    path = tmp_path / "a.mapper"
    Collection.create(path).close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"meta", "articles", "sentences", "places", "mentions", "events", "facts", "corrections"} <= tables
    conn.close()
    with Collection(path) as c:  # opens again without migrating anything
        assert len(c) == 0 and c.info().schema_version == SCHEMA_VERSION


def test_refuses_missing_foreign_and_newer_files(tmp_path):
    with pytest.raises(CollectionError, match="no such collection"):
        Collection(tmp_path / "none.mapper")
    other = tmp_path / "other.sqlite"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t(x)")
    conn.commit()
    conn.close()
    with pytest.raises(CollectionError, match="not a mapper collection"):
        Collection(other)
    assert sqlite3.connect(other).execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 1  # untouched
    newer = tmp_path / "newer.mapper"
    Collection.create(newer).close()
    conn = sqlite3.connect(newer)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(CollectionError, match="newer mapper"):
        Collection(newer)
    junk = tmp_path / "junk.mapper"
    junk.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(CollectionError):
        Collection(junk)


def test_import_stores_rows_and_a_reimport_is_not_a_duplicate(filled, pipeline):
    info = filled.info()
    assert info.articles == 8 and info.places > 20 and info.events > 5 and info.facts > 3
    assert info.pipeline == pipeline_version() and info.outdated == 0
    again = filled.add(iter_items([ARTICLES, YPRES]), pipeline=pipeline)
    assert (again.added, again.duplicates, again.failed) == (0, 8, 0)
    assert len(filled) == 8
    # the same text with other line endings and spaces is the same article
    text = (YPRES / "courier-report.txt").read_text(encoding="utf-8").replace("\n", "\r\n  ")
    from mapper.core.articles import article_from_text
    third = filled.add([article_from_text(text)], pipeline=pipeline)
    assert third.duplicates == 1 and third.added == 0


def test_rows_keep_sentence_ids_and_offsets(filled):
    row = filled.articles(ArticleFilter(text="Menin"))[0]
    result = filled.result(row.id)
    article = filled.article(row.id)
    assert result.article.text == article.text and result.sentences
    for p in result.places:
        for m in p.mentions:
            assert article.text[m.start:m.end] == m.text
            s = result.sentences[m.sentence]
            assert s.start <= m.start < m.end <= s.end
    assert any(p.key == "lm:menin-gate" for p in result.places)
    assert result.events and result.events[0].kind == "ceremony"
    facts = filled.map_facts(ArticleFilter(article_ids=(row.id,)))
    assert [(f.kind, f.value, f.qualifier) for f in facts] == [("buried", 1300, "at least")]


def test_bad_items_are_counted_and_the_import_goes_on(tmp_path, pipeline):
    src = tmp_path / "in.jsonl"
    src.write_text('{"text": "Officials met in Lyon on Monday."}\nnot json\n{"title": "no text"}\n'
                   '{"text": "   "}\n{"text": "A ceremony was held in Ghent."}\n', encoding="utf-8")
    with Collection.create(tmp_path / "c.mapper") as c:
        s = c.add(iter_items([src, tmp_path / "missing.csv"]), pipeline=pipeline)
        assert (s.added, s.duplicates, s.failed) == (2, 0, 4)
        assert any("in.jsonl:2" in e and "not a JSON object" in e for e in s.errors)
        assert any("in.jsonl:3" in e and "no text" in e for e in s.errors)
        assert any("missing.csv" in e for e in s.errors)
        assert "2 added, 0 duplicates, 4 failed" in s.line()


def test_cancel_keeps_what_was_stored(tmp_path, pipeline):
    src = tmp_path / "in.jsonl"
    write_jsonl(src, 12)
    seen = []
    with Collection.create(tmp_path / "c.mapper") as c:
        s = c.add(iter_items([src]), pipeline=pipeline, progress=seen.append, cancel=lambda: len(seen) >= 5)
        assert s.cancelled and s.added == 5 and len(c) == 5
        assert [p.done for p in seen] == [1, 2, 3, 4, 5]
        rest = c.add(iter_items([src]), pipeline=pipeline)
        assert (rest.added, rest.duplicates) == (7, 5) and len(c) == 12


def test_parallel_import_in_two_processes(tmp_path):
    src = tmp_path / "in.jsonl"
    ids = write_jsonl(src, 10)
    with Collection.create(tmp_path / "c.mapper") as c:
        s = c.add(iter_items([src]), jobs=2)
        assert (s.added, s.failed) == (10, 0), s.errors
        assert sorted(r.title for r in c.articles()) == sorted(f"Report {i}" for i in range(len(ids)))


def test_filters(filled):
    assert {r.source for r in filled.articles(ArticleFilter(sources=("Flanders Herald", "Daily Courier")))} == \
        {"Flanders Herald", "Daily Courier"}
    assert [r.title for r in filled.articles(ArticleFilter(text="bayeux cemetery"))] == \
        ["Volunteers Restore Headstones at Bayeux War Cemetery Ahead of D-Day Anniversary"]
    nov = filled.articles(ArticleFilter(date_from="2024-11", date_to="2024-11"))
    assert len(nov) == 3 and all(r.published.startswith("2024-11") for r in nov)
    assert filled.count(ArticleFilter(date_to="2024")) == 8 - 0 - sum(
        1 for r in filled.articles() if r.published and r.published > "2024-12-31")
    ceremony = filled.articles(ArticleFilter(event_kind="ceremony"))
    assert len(ceremony) >= 3
    by_key = filled.articles(ArticleFilter(place="lm:menin-gate"))
    assert [r.source for r in by_key] == ["Flanders Herald"]
    by_name = filled.articles(ArticleFilter(place="Ieper"))
    assert len(by_name) == 3
    assert filled.articles(ArticleFilter(text="zzzz-nothing")) == []
    assert filled.articles(order="title")[0].title <= filled.articles(order="title")[-1].title


def test_merged_map_one_pin_per_place_with_its_articles_and_sentences(filled):
    pins = filled.pins()
    ieper = [p for p in pins if p.id == "gn:2795100"]
    assert len(ieper) == 1  # three articles, one pin
    pin = ieper[0]
    assert len(pin.refs) == 3 and pin.mentions >= 3
    sentences = filled.pin_sentences(pin)
    assert {s.source for s in sentences} == {"Flanders Herald", "Channel Gazette", "Daily Courier"}
    assert all("Ypres" in s.text for s in sentences)
    assert len({p.id for p in pins}) == len(pins)
    # a click on the pin filters the list to its articles
    assert {r.id for r in filled.articles(pin.filter())} == set(pin.article_ids)
    # filtered map: only the Herald's places
    herald = filled.pins(ArticleFilter(sources=("Flanders Herald",)))
    assert {p.id for p in herald} >= {"gn:2795100", "lm:menin-gate"}
    assert all(len(p.refs) == 1 for p in herald)


def test_places_without_a_stable_key_merge_by_distance(tmp_path):
    from mapper.core.models import Article, Mention, Place, Result, Sentence
    with Collection.create(tmp_path / "c.mapper") as c:
        for i, (lat, lon) in enumerate([(50.0, 3.0), (50.004, 3.002), (51.0, 3.0)]):
            text = f"The hall number {i} is here."
            place = Place("p1", "The Hall", lat, lon, "BE", "landmark", "nominatim", 0.6, None,
                          mentions=[Mention(4, 8, "hall", 0)], key=f"osm:node{i}")
            c.add_result(Result(Article(text), [Sentence(0, 0, len(text), text)], places=[place]))
        pins = c.pins()
        assert sorted(len(p.refs) for p in pins) == [1, 2]
        assert all(p.id.startswith("near:osm:") for p in pins)


def test_timeline_spans_the_collection(filled):
    span = filled.timeline()
    events = [e.date for e in filled.map_events() if e.date]
    published = [r.published for r in filled.articles() if r.published]
    assert span.start == min(events + published) and span.end == max(events + published)
    assert (span.published_start, span.published_end) == (min(published), max(published))
    assert span.dated_events > 5
    nov = filled.timeline(ArticleFilter(sources=("Flanders Herald",)))
    assert nov.start == nov.end == "2024-11-11"


def test_corrections_of_a_collection_apply_to_its_imports(tmp_path, gazetteer):
    from mapper.core.collection import CollectionCorrections
    from mapper.core.models import Candidate
    from mapper.core.pipeline import Pipeline
    path = tmp_path / "c.mapper"
    with Collection.create(path) as c:
        c.put_correction("Ypres", action="not_place")
        assert [e.action for e in c.corrections()] == ["not_place"]
        pipeline = Pipeline(gazetteer, user=CollectionCorrections(path))
        c.add(iter_items([YPRES / "courier-report.txt"]), pipeline=pipeline)
        assert not any(p.id == "gn:2795100" for p in c.pins())
        c.put_correction("Ypres", target=Candidate("user:ypres", "Ypres", 50.85, 2.88, "BE", "city"))
        assert c.regeoparse(pipeline=pipeline) == 1
        assert [p.lat for p in c.pins() if p.name == "Ypres"] == [50.85]
