"""Corrections with a scope (this article / everywhere) and a "not a place" action: the user
gazetteer (SQLite files under tmp_path), the session's undoable changes and the pipeline that
applies them, over the real gazetteer. The articles are invented for these tests."""
from __future__ import annotations

import csv
import sqlite3
import time

import pytest

from mapper.core.articles import article_from_text
from mapper.core.corrections import (
    CSV_COLUMNS,
    SCHEMA_VERSION,
    CorrectionEntry,
    UserGazetteer,
    article_key,
    default_path,
)
from mapper.core.errors import GazetteerError
from mapper.core.models import Candidate
from mapper.core.pipeline import Pipeline
from mapper.core.session import Correction, NotAPlace, Session

TEXT_A = ("The mayor of Springfield met Senator Jubilee Carter in Chicago on Monday. "
          "Jubilee said the festival in Springfield would open on 4 July 2025.")
TEXT_B = ("Farmers in Springfield, Illinois, said on Tuesday that a storm had flattened barns near Peoria. "
          "The governor visited Springfield on Wednesday.")
ELSEWHERE = Candidate(key="user:test-elsewhere", name="Springfield", lat=10.0, lon=20.0, country="TD",
                      kind="city", source="user")


@pytest.fixture
def ug(tmp_path):
    user = UserGazetteer(tmp_path / "user.sqlite")
    yield user
    user.close()


@pytest.fixture
def run(gazetteer, ug):
    """Run an invented article through a pipeline that applies `ug`'s corrections."""
    pipe = Pipeline(gazetteer, user=ug)

    def go(text: str):
        return pipe.run(article_from_text(text, published="2025-07-10"))
    go.pipeline = pipe
    return go


def by_text(result, text: str):
    return next((p for p in result.places if any(m.text == text for m in p.mentions)), None)


# ---- article keys and the store -------------------------------------------------------------
def test_article_key_is_stable_and_tells_articles_apart():
    k = article_key(TEXT_A)
    assert len(k) == 16 and all(ch in "0123456789abcdef" for ch in k)
    assert article_key(article_from_text(TEXT_A)) == k
    assert article_key(TEXT_A.replace(". ", ".\r\n") + "\n\n") == k  # line endings and trailing space
    assert article_key(TEXT_B) != k
    assert article_key(TEXT_A.replace("Monday", "Tuesday")) != k


def test_default_path_is_in_the_redirected_user_data_folder(tmp_path):
    assert default_path().parent == tmp_path / "user-data"


def test_entries_list_search_and_forget(ug):
    ug.put("Springfield", scope="article", article=article_key(TEXT_A), title="Mayor meets senator",
           action="place", target=ELSEWHERE)
    ug.put("Jubilee", scope="everywhere", action="not_place")
    entries = ug.list()
    assert [e.written for e in entries] == ["Jubilee", "Springfield"]  # newest first
    assert all(isinstance(e, CorrectionEntry) for e in entries)
    jub, spr = entries
    assert (jub.action, jub.scope, jub.article, jub.lat, jub.candidate()) == ("not_place", "everywhere", "", None, None)
    assert (spr.scope, spr.article, spr.title, spr.lat, spr.lon) == ("article", article_key(TEXT_A),
                                                                     "Mayor meets senator", 10.0, 20.0)
    assert spr.describe_scope() == "this article: Mayor meets senator" and jub.describe_scope() == "everywhere"
    assert jub.describe_target() == "not a place"
    assert [e.written for e in ug.list("spring")] == ["Springfield"]
    assert [e.written for e in ug.list("MAYOR")] == ["Springfield"]  # the article's title
    assert [e.written for e in ug.list("not a place")] == ["Jubilee"]
    assert ug.list("no such thing") == []
    ug.forget(spr.id)
    assert [e.written for e in ug.list()] == ["Jubilee"]


def test_one_correction_per_name_and_scope(ug):
    key = article_key(TEXT_A)
    ug.put("Springfield", scope="everywhere", target=ELSEWHERE)
    ug.put("SPRINGFIELD", scope="everywhere", action="not_place")  # same name: replaces
    ug.put("Springfield", scope="article", article=key, target=ELSEWHERE)  # another scope: kept beside
    assert sorted((e.scope, e.action) for e in ug.list()) == [("article", "place"), ("everywhere", "not_place")]
    with pytest.raises(ValueError):
        ug.put("Springfield", scope="article", target=ELSEWHERE)  # no article key
    with pytest.raises(ValueError):
        ug.put("Springfield", scope="somewhere", target=ELSEWHERE)
    with pytest.raises(ValueError):
        ug.put("Springfield", action="place", target=None)


def test_first_api_means_everywhere_places(ug):
    ug.set("Springfield", ELSEWHERE)
    ug.put("Springfield", scope="article", article=article_key(TEXT_B), target=Candidate(
        key="user:b", name="Springfield", lat=1.0, lon=2.0, country=None, kind="city"))
    ug.put("Jubilee", action="not_place")
    assert set(ug.all()) == {"springfield"} and ug.all()["springfield"].lat == 10.0
    assert ug.get("springfield").lat == 10.0 and ug.get("Jubilee") is None
    ug.remove("Springfield")
    assert ug.get("Springfield") is None
    assert [e.scope for e in ug.list("springfield")] == ["article"]  # the article's one stays
    with pytest.raises(ValueError):
        ug.set("Springfield", Candidate(key="x", name="x", lat=91.0, lon=0.0, country=None, kind="city"))


OLD_SCHEMA = """CREATE TABLE corrections(
            norm TEXT PRIMARY KEY, name TEXT, lat REAL, lon REAL, country TEXT, kind TEXT,
            key TEXT, population INTEGER, created REAL)"""


def test_old_schema_file_is_migrated_to_everywhere_corrections(tmp_path):
    path = tmp_path / "old.sqlite"
    con = sqlite3.connect(path)
    con.execute(OLD_SCHEMA)
    con.execute("INSERT INTO corrections VALUES ('springfield', 'Springfield', 10.0, 20.0, 'TD', 'city', "
                "'user:old', 0, 1700000000.0)")
    con.execute("INSERT INTO corrections VALUES ('sunchon', 'Sunch''on', 39.5, 126.0, 'KP', 'city', "
                "'user:p4', 0, 1700000001.0)")
    con.commit()
    con.close()
    ug = UserGazetteer(path)
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    entries = {e.norm: e for e in ug.list()}
    assert set(entries) == {"springfield", "sunchon"}
    e = entries["springfield"]
    assert (e.scope, e.action, e.article, e.name, e.lat, e.lon, e.country, e.key, e.created) == \
        ("everywhere", "place", "", "Springfield", 10.0, 20.0, "TD", "user:old", 1700000000.0)
    assert ug.get("Sunchon").name == "Sunch'on"
    ug.put("Jubilee", action="not_place")  # the migrated file takes the new kinds of correction
    ug.close()
    again = UserGazetteer(path)  # a second open does not migrate again
    assert len(again.list()) == 3
    again.close()


def test_file_from_a_newer_version_is_refused_untouched(tmp_path):
    path = tmp_path / "new.sqlite"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE corrections(x)")
    con.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    con.commit()
    con.close()
    with pytest.raises(GazetteerError, match="newer"):
        UserGazetteer(path)
    assert path.is_file() and not list(tmp_path.glob("*.corrupt-*"))


# ---- CSV ------------------------------------------------------------------------------------
def test_csv_round_trip(ug, tmp_path):
    key = article_key(TEXT_A)
    ug.put("Springfield", scope="article", article=key, title='A "quoted", title', target=ELSEWHERE)
    ug.put("Jubilee", action="not_place")
    ug.put("Peoria", target=Candidate(key="gn:1", name="Peoria", lat=40.69364, lon=-89.58899, country="US",
                                      kind="city", population=113150))
    out = tmp_path / "corrections.csv"
    assert ug.export_csv(out) == 3
    other = UserGazetteer(tmp_path / "other.sqlite")
    assert other.import_csv(out) == 3

    def comparable(entries):
        return sorted((e.written, e.norm, e.scope, e.article, e.title, e.action, e.name, e.lat, e.lon, e.country,
                       e.kind, e.key, e.population, e.created) for e in entries)
    assert comparable(other.list()) == comparable(ug.list())
    assert other.import_csv(out) == 3 and len(other.list()) == 3  # importing again replaces, no duplicates
    other.close()


def _write_csv(path, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(CSV_COLUMNS)
        w.writerows(rows)


GOOD = ["Peoria", "everywhere", "", "", "place", "Peoria", "40.7", "-89.6", "US", "city", "", "0", "1700000000"]


@pytest.mark.parametrize("bad, message", [
    (["Springfield", "everywhere", "", "", "place", "Springfield", "95.0", "20", "", "city", "", "0", ""], "out of range"),
    (["Springfield", "everywhere", "", "", "place", "Springfield", "10", "-181", "", "city", "", "0", ""], "out of range"),
    (["Springfield", "everywhere", "", "", "place", "Springfield", "north", "20", "", "city", "", "0", ""], "not numbers"),
    (["Springfield", "somewhere", "", "", "place", "Springfield", "10", "20", "", "city", "", "0", ""], "unknown scope"),
    (["Springfield", "everywhere", "", "", "move", "Springfield", "10", "20", "", "city", "", "0", ""], "unknown action"),
    (["Springfield", "article", "", "", "not_place", "", "", "", "", "", "", "0", ""], "article key"),
    (["", "everywhere", "", "", "not_place", "", "", "", "", "", "", "0", ""], "name is empty"),
    (["Springfield", "everywhere"], "columns"),
    (["Springfield", "everywhere", "", "", "not_place", "", "", "", "", "", "", "0", "yesterday"], "time"),
    (["Springfield", "everywhere", "", "", "place", "Springfield", "nan", "20", "", "city", "", "0", ""], "range"),
])
def test_bad_csv_imports_nothing(ug, tmp_path, bad, message):
    ug.put("Jubilee", action="not_place")
    path = tmp_path / "bad.csv"
    _write_csv(path, [GOOD, bad])
    with pytest.raises(GazetteerError) as err:
        ug.import_csv(path)
    assert message in str(err.value) and "line 3" in str(err.value) and "\n" not in str(err.value)
    assert [e.written for e in ug.list()] == ["Jubilee"]  # the good first row was not imported either


def test_csv_time_may_be_an_iso_date(ug, tmp_path):
    path = tmp_path / "edited.csv"
    _write_csv(path, [GOOD[:-1] + ["2024-03-01T12:00:00"]])
    assert ug.import_csv(path) == 1
    (e,) = ug.list()
    assert time.strftime("%Y-%m-%d", time.localtime(e.created)) == "2024-03-01"


@pytest.mark.parametrize("content", [b"", b"name,lat,lon\nSpringfield,1,2\n", b"\xff\xfe\x00garbage\x00"])
def test_a_file_that_is_not_a_corrections_csv_is_refused(ug, tmp_path, content):
    path = tmp_path / "other.csv"
    path.write_bytes(content)
    with pytest.raises(GazetteerError):
        ug.import_csv(path)
    assert ug.list() == []


# ---- the pipeline applies them --------------------------------------------------------------
def test_article_scope_moves_the_name_in_that_article_only(run, ug):
    a0, b0 = by_text(run(TEXT_A), "Springfield"), by_text(run(TEXT_B), "Springfield")
    assert a0 is not None and b0 is not None and abs(b0.lat - 10.0) > 1
    ug.put("Springfield", scope="article", article=article_key(TEXT_A), target=ELSEWHERE)
    a1, b1 = by_text(run(TEXT_A), "Springfield"), by_text(run(TEXT_B), "Springfield")
    assert (a1.lat, a1.lon, a1.source) == (10.0, 20.0, "user")
    assert (b1.lat, b1.lon, b1.source) == (b0.lat, b0.lon, b0.source)  # article B is untouched


def test_everywhere_scope_moves_the_name_in_every_article(run, ug):
    ug.put("Springfield", scope="everywhere", target=ELSEWHERE)
    for text in (TEXT_A, TEXT_B):
        p = by_text(run(text), "Springfield")
        assert (p.lat, p.lon, p.source) == (10.0, 20.0, "user")


def test_an_article_correction_wins_over_an_everywhere_one(run, ug):
    ug.put("Springfield", scope="everywhere", action="not_place")
    ug.put("Springfield", scope="article", article=article_key(TEXT_B), target=ELSEWHERE)
    assert by_text(run(TEXT_A), "Springfield") is None
    assert by_text(run(TEXT_B), "Springfield").lat == 10.0


def test_not_a_place_drops_the_name_by_scope(run, ug):
    before = run(TEXT_A)
    assert by_text(before, "Jubilee") is not None
    ug.put("Jubilee", scope="article", article=article_key(TEXT_A), action="not_place")
    after = run(TEXT_A)
    assert by_text(after, "Jubilee") is None
    assert not any(m.text == "Jubilee" for p in after.places for m in p.mentions)
    assert {p.name for p in after.places} == {p.name for p in before.places} - {by_text(before, "Jubilee").name}
    other = "Jubilee residents gathered in Boston on Friday to mark the opening of a memorial."
    assert by_text(run(other), "Jubilee") is not None  # another article still has it
    ug.put("Jubilee", scope="everywhere", action="not_place")
    assert by_text(run(other), "Jubilee") is None


def test_not_a_place_keeps_the_events_that_pointed_at_it(run, ug):
    before = run(TEXT_B)
    spr = by_text(before, "Springfield")
    assert any(e.place == spr.id for e in before.events)
    ug.put("Springfield", action="not_place")
    after = run(TEXT_B)
    assert by_text(after, "Springfield") is None
    assert len(after.events) == len(before.events)
    ids = {p.id for p in after.places}
    assert all(e.place is None or e.place in ids for e in after.events)
    assert all(f.place is None or f.place in ids for f in after.facts)


def test_corrections_are_read_once_per_run(run, ug, monkeypatch):
    ug.put("Springfield", target=ELSEWHERE)
    calls = []
    real = ug.rules
    monkeypatch.setattr(ug, "rules", lambda: calls.append(1) or real())
    select = ug._select
    monkeypatch.setattr(ug, "_select", lambda *a: calls.append(2) or select(*a))
    run(TEXT_A)
    assert calls == [1, 2]


def test_an_unreadable_user_gazetteer_is_a_warning_not_a_failure(run, ug):
    ug.close()  # any read now fails
    result = run(TEXT_A)
    assert by_text(result, "Springfield") is not None
    assert any("corrections were not applied" in w for w in result.warnings)


# ---- the session's undoable changes ---------------------------------------------------------
def test_session_correct_with_scope_and_undo(run, ug):
    s = Session(run(TEXT_A), user=ug)
    pid = by_text(s.result, "Springfield").id
    change = s.correct(pid, lat=10.0, lon=20.0, scope="article")
    assert isinstance(change, Correction) and change.scope == "article" and change.name == "Springfield"
    assert change.place_id == pid and change.article == article_key(TEXT_A)
    (entry,) = ug.list()
    assert (entry.scope, entry.article, entry.action, entry.lat, entry.lon) == \
        ("article", article_key(TEXT_A), "place", 10.0, 20.0)
    assert entry.title == s.article_title and entry.title.startswith("The mayor of Springfield met")
    assert ug.get("Springfield") is None  # not an everywhere correction
    assert by_text(run(TEXT_B), "Springfield").lat != 10.0
    assert by_text(run(TEXT_A), "Springfield").lat == 10.0
    s.revert(change)
    assert ug.list() == [] and s.place(pid).lat != 10.0
    s.apply(change)  # redo
    assert len(ug.list()) == 1 and s.place(pid).lat == 10.0
    with pytest.raises(ValueError):
        s.correct(pid, lat=10.0, lon=20.0, scope="sometimes")


def test_session_correct_defaults_to_everywhere_and_undo_restores_the_replaced_entry(run, ug):
    ug.put("Springfield", target=ELSEWHERE)
    s = Session(run(TEXT_B), user=ug)
    pid = by_text(s.result, "Springfield").id
    change = s.correct(pid, lat=-5.0, lon=30.0)
    assert change.scope == "everywhere" and ug.get("Springfield").lat == -5.0
    s.revert(change)
    assert ug.get("Springfield").lat == 10.0  # the earlier correction comes back
    assert s.place(pid).lat == 10.0


def test_session_not_a_place_removes_the_place_and_undo_brings_it_back(run, ug):
    s = Session(run(TEXT_B), user=ug)
    spr = by_text(s.result, "Springfield")
    order = [p.id for p in s.result.places]
    events, facts, claims = list(s.result.events), list(s.result.facts), list(s.result.claims)
    assert any(e.place == spr.id for e in events)
    s.select(spr.id)
    change = s.not_a_place(spr.id, "everywhere")
    assert isinstance(change, NotAPlace) and (change.place_id, change.name, change.scope) == \
        (spr.id, "Springfield", "everywhere")
    assert s.place(spr.id) is None and spr.id not in [r.place_id for r in s.rows() if r.layer == "place"]
    assert s.selected is None
    assert len(s.result.events) == len(events)
    assert not any(e.place == spr.id for e in s.result.events) and not any(f.place == spr.id for f in s.result.facts)
    (entry,) = ug.list()
    assert (entry.written, entry.action, entry.scope) == ("Springfield", "not_place", "everywhere")
    assert by_text(run(TEXT_A), "Springfield") is None  # everywhere: later articles drop it too

    s.revert(change)
    assert [p.id for p in s.result.places] == order  # back at its place in the list
    assert s.place(spr.id).lat == spr.lat and [m.text for m in s.place(spr.id).mentions] == \
        [m.text for m in spr.mentions]
    assert s.result.events == events and s.result.facts == facts and s.result.claims == claims
    assert ug.list() == []
    assert by_text(run(TEXT_A), "Springfield") is not None

    s.apply(change)  # redo
    assert s.place(spr.id) is None and len(ug.list()) == 1


def test_session_not_a_place_in_this_article_only(run, ug):
    s = Session(run(TEXT_A), user=ug)
    jub = by_text(s.result, "Jubilee")
    change = s.not_a_place(jub.id, "article")
    assert change.scope == "article" and change.article == article_key(TEXT_A)
    assert by_text(run(TEXT_A), "Jubilee") is None
    assert by_text(run("Jubilee residents gathered in Boston on Friday."), "Jubilee") is not None


def test_a_change_that_cannot_be_saved_is_not_shown(run, tmp_path):
    path = tmp_path / "locked.sqlite"
    ug = UserGazetteer(path, timeout=0.2)
    s = Session(run(TEXT_B), user=ug)
    spr = by_text(s.result, "Springfield")
    other = sqlite3.connect(path)
    other.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(GazetteerError, match="locked"):
            s.not_a_place(spr.id, "everywhere")
        with pytest.raises(GazetteerError, match="locked"):
            s.correct(spr.id, lat=1.0, lon=2.0, scope="article")
    finally:
        other.rollback()
        other.close()
    assert s.place(spr.id).lat == spr.lat and ug.list() == []
    ug.close()


def test_csv_cells_that_look_like_formulas_are_guarded_and_round_trip(tmp_path):
    """A name such as '=HYPERLINK(...)' is written with a leading quote, so a spreadsheet shows
    it as text, and comes back unchanged on import."""
    from mapper.core.corrections import UserGazetteer
    from mapper.core.models import Candidate
    user = UserGazetteer(tmp_path / "u.sqlite")
    user.put("=HYPERLINK(\"http://x\")", target=Candidate(key="k", name="-Minus", lat=1.0, lon=2.0,
                                                          country=None, kind="city"))
    out = tmp_path / "c.csv"
    user.export_csv(out)
    text = out.read_text(encoding="utf-8")
    assert "'=HYPERLINK" in text and "'-Minus" in text
    other = UserGazetteer(tmp_path / "v.sqlite")
    assert other.import_csv(out) == 1
    [entry] = other.list()
    assert entry.written == "=HYPERLINK(\"http://x\")" and entry.name == "-Minus"


# ---- "Make this a place": a name the rules dropped ------------------------------------------
PROMOTE_TEXT = ("Flood waters reached the square on Monday. Residents of Victory said the river had "
                "never risen so fast, and officials in Victory closed the bridge.")


def test_a_dropped_name_made_a_place_stays_a_place_and_undoes(run, ug):
    from mapper.core.session import Promotion
    first = run(PROMOTE_TEXT)
    dropped = [d for d in first.dropped if d.text == "Victory"]
    assert dropped and by_text(first, "Victory") is None  # a common word: dropped by a named rule
    assert dropped[0].rule
    session = Session(first, user=ug)
    change = session.promote(dropped[0], ELSEWHERE, scope="article")
    assert isinstance(change, Promotion)
    p = by_text(first, "Victory")
    assert (p.lat, p.lon, p.source, len(p.mentions)) == (10.0, 20.0, "user", 2)
    assert not any(d.text == "Victory" for d in first.dropped)
    # the next run of the same article brings it back through the resolver, by the user's choice
    again = by_text(run(PROMOTE_TEXT), "Victory")
    assert again is not None and (again.lat, again.lon) == (10.0, 20.0) and "user_place" in again.rules
    other = "Residents of Victory gathered on Friday."
    assert by_text(run(other), "Victory") is None  # scope: this article only
    session.revert(change)
    assert by_text(first, "Victory") is None and any(d.text == "Victory" for d in first.dropped)
    assert by_text(run(PROMOTE_TEXT), "Victory") is None  # the saved choice is gone too
