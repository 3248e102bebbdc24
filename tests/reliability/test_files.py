"""Files: atomic exports (tests/render/test_exporters.py covers os.replace failing and an
interrupted write), the user gazetteer keeps old corrections on a failing write, corrupt or
locked databases are rebuilt or reported, and a read-only output folder gets a clear message."""
from __future__ import annotations

import sqlite3

import pytest

from mapper import cli
from mapper.core.corrections import UserGazetteer
from mapper.core.errors import GazetteerError
from mapper.core.geocoders import GeocodeCache
from mapper.core.models import Candidate
from tests.conftest import SAMPLE

PLACE = Candidate(key="user:x", name="Springfield", lat=39.8, lon=-89.6, country="US", kind="city",
                  population=0, source="user", score=99.0)


def lines(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.strip()]


def test_user_gazetteer_failing_write_keeps_old_corrections(tmp_path):
    path = tmp_path / "user.sqlite"
    ug = UserGazetteer(path)
    ug.set("Springfield", PLACE)
    ug.close()
    # a second program holds the write lock (a full disk or a crash behave the same to SQLite:
    # the transaction does not commit)
    other = sqlite3.connect(path)
    other.execute("BEGIN EXCLUSIVE")
    ug = UserGazetteer(path, timeout=0.2)
    with pytest.raises(GazetteerError) as err:
        ug.set("Shelbyville", PLACE)
    assert "locked" in str(err.value) and "\n" not in str(err.value)
    other.rollback()
    other.close()
    assert set(ug.all()) == {"springfield"}
    ug.set("Shelbyville", PLACE)  # once the lock goes, saving works again
    assert set(UserGazetteer(path).all()) == {"springfield", "shelbyville"}


def test_user_gazetteer_in_a_read_only_place_is_a_clear_error(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    with pytest.raises(GazetteerError) as err:
        UserGazetteer(blocker / "user.sqlite")  # a path under a file: as root, the honest "cannot write"
    assert "cannot be opened" in str(err.value)


def test_corrupt_user_gazetteer_is_kept_aside_and_rebuilt(tmp_path):
    path = tmp_path / "user.sqlite"
    path.write_bytes(b"this is not a database" * 100)
    ug = UserGazetteer(path)
    assert ug.all() == {}
    ug.set("Springfield", PLACE)
    kept = list(tmp_path.glob("user.sqlite.corrupt-*"))
    assert len(kept) == 1 and kept[0].read_bytes().startswith(b"this is not a database")


def _correct_while_locked(qtbot, make_window):
    from tests.gui.conftest import open_and_wait
    window = make_window()
    open_and_wait(qtbot, window)
    window.user.close()
    window.user = UserGazetteer(window.user.path, timeout=0.2)
    window.session.user = window.user
    other = sqlite3.connect(window.user.path)
    other.execute("BEGIN EXCLUSIVE")
    try:
        pid = window.session.result.places[0].id
        before = (window.session.place(pid).lat, window.session.place(pid).lon)
        window.correct(pid, lat=10.0, lon=20.0, scope="everywhere")
    finally:
        other.rollback()
        other.close()
    return window, pid, before


def test_window_correction_on_a_locked_gazetteer_shows_a_message(qtbot, make_window):
    window, _, _ = _correct_while_locked(qtbot, make_window)
    assert window.last_error and "locked" in window.last_error and "\n" not in window.last_error
    assert window.undo_stack.count() == 0


def test_failed_correction_is_not_left_applied(qtbot, make_window):
    window, pid, before = _correct_while_locked(qtbot, make_window)
    p = window.session.place(pid)
    assert (p.lat, p.lon) == before


@pytest.mark.parametrize("damage", ["garbage", "wrong-schema", "bad-row"])
def test_damaged_geocode_cache_is_a_miss_never_a_crash(tmp_path, damage):
    path = tmp_path / "cache.sqlite"
    if damage == "garbage":
        path.write_bytes(b"\x00garbage" * 500)
    elif damage == "wrong-schema":
        con = sqlite3.connect(path)
        con.execute("CREATE TABLE answers(x)")
        con.commit()
        con.close()
    else:
        con = sqlite3.connect(path)
        con.execute("CREATE TABLE answers(provider TEXT, query TEXT, answer TEXT, created REAL, "
                    "PRIMARY KEY(provider, query))")
        con.execute("INSERT INTO answers VALUES ('nominatim', 'X|', '{not json', 0)")
        con.execute("INSERT INTO answers VALUES ('nominatim', 'Y|', '[1, 2]', 0)")
        con.commit()
        con.close()
    cache = GeocodeCache(path)
    assert cache.get("nominatim", "X|") == (False, None)
    assert cache.get("nominatim", "Y|") == (False, None)
    cache.put("nominatim", "Z|", None)  # never raises; cached when it can be
    if damage != "wrong-schema":
        assert cache.get("nominatim", "Z|") == (True, None)


def test_cli_export_into_an_unwritable_folder_is_one_line(tmp_path, capsys):
    """As root, chmod 555 does not stop writes: 'a folder under a file' is the honest
    unwritable destination here."""
    blocker = tmp_path / "report.txt"
    blocker.write_text("x")
    code = cli.main(["export", str(SAMPLE), "--geojson", str(blocker / "out.geojson")])
    out = capsys.readouterr()
    assert code != 0 and len(lines(out.err)) == 1 and out.err.startswith("mapper: error:")
    assert "folder" in out.err


def test_cli_export_write_denied_is_one_line_and_leaves_the_old_file(tmp_path, capsys, monkeypatch):
    """A read-only folder, simulated (we run as root): os.replace raises PermissionError."""
    import os
    target = tmp_path / "out.geojson"
    target.write_text("OLD", encoding="utf-8")

    def deny(src, dst, *a, **kw):
        raise PermissionError(13, "Permission denied", str(dst))
    monkeypatch.setattr(os, "replace", deny)
    code = cli.main(["export", str(SAMPLE), "--geojson", str(target)])
    out = capsys.readouterr()
    err = [line for line in lines(out.err) if not line.startswith("Building")]
    assert code != 0 and len(err) == 1 and err[0].startswith("mapper: error:") and "Permission denied" in err[0]
    assert target.read_text(encoding="utf-8") == "OLD"
    assert [p.name for p in tmp_path.iterdir()] == ["out.geojson"]  # no temp file left


def test_window_export_to_an_unwritable_folder_shows_a_message(qtbot, make_window, tmp_path):
    from tests.gui.conftest import open_and_wait
    window = make_window()
    open_and_wait(qtbot, window)
    blocker = tmp_path / "report.txt"
    blocker.write_text("x")
    for fmt in ("html", "geojson"):
        assert window.export(fmt, str(blocker / f"map.{fmt}")) is False
        assert window.last_error and "\n" not in window.last_error
    assert blocker.read_text() == "x"
