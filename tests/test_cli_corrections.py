"""The command line applies the corrections made in the app (the user gazetteer in the user
data folder, MAPPER_DATA_DIR here), unless --no-corrections; `mapper corrections` lists,
exports, imports and forgets them. Run as a user runs it: a subprocess. Invented articles."""
from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from mapper.core.corrections import UserGazetteer, article_key, default_path
from mapper.core.models import Candidate
from tests.conftest import ROOT

CACHE = os.environ.get("MAPPER_CACHE_DIR") or str(ROOT / ".cache" / "test-cache")
TEXT = ("The mayor of Springfield met Senator Jubilee Carter in Chicago on Monday. "
        "Jubilee said the festival in Springfield would open on 4 July 2025.\n")
OTHER = "Farmers in Springfield, Illinois, said on Tuesday that a storm had flattened barns near Peoria.\n"
ELSEWHERE = Candidate(key="user:test-elsewhere", name="Springfield", lat=10.0, lon=20.0, country="TD",
                      kind="city", source="user")


def mapper(*args: str, tmp_path: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, MAPPER_CACHE_DIR=CACHE, MAPPER_DATA_DIR=str(tmp_path / "user-data"))
    env.pop("MAPPER_SHIPPED_DATA", None)
    return subprocess.run([sys.executable, "-m", "mapper", *args], capture_output=True, text=True,
                          env=env, cwd=tmp_path, timeout=300)


@pytest.fixture
def article(tmp_path) -> Path:
    path = tmp_path / "mayor.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


@pytest.fixture
def user(tmp_path):
    """The user gazetteer at the default path the CLI reads (the autouse fixture points
    MAPPER_DATA_DIR at tmp_path / "user-data", as `mapper` above does)."""
    assert default_path() == tmp_path / "user-data" / "user-gazetteer.sqlite"
    ug = UserGazetteer()
    yield ug
    ug.close()


def places(geojson: Path) -> dict[str, tuple[float, float]]:
    features = json.loads(geojson.read_text(encoding="utf-8"))["features"]
    return {f["properties"]["name"]: tuple(f["geometry"]["coordinates"]) for f in features
            if f["properties"]["feature"] == "place"}


def stderr_lines(proc) -> list[str]:
    return [line for line in proc.stderr.splitlines() if line.strip()]


def test_export_applies_corrections_unless_told_not_to(tmp_path, article, user):
    user.put("Springfield", scope="everywhere", target=ELSEWHERE)
    user.put("Jubilee", scope="article", article=article_key(TEXT), title="Mayor", action="not_place")
    with_c, without = tmp_path / "with.geojson", tmp_path / "without.geojson"
    proc = mapper("export", str(article), "--geojson", str(with_c), tmp_path=tmp_path)
    assert proc.returncode == 0, proc.stderr
    proc = mapper("export", str(article), "--geojson", str(without), "--no-corrections", tmp_path=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert with_c.read_bytes() != without.read_bytes()
    corrected, plain = places(with_c), places(without)
    assert corrected["Springfield"] == (20.0, 10.0)  # GeoJSON is lon, lat
    assert plain["Springfield"] != (20.0, 10.0)
    assert "Jubilee" in plain and "Jubilee" not in corrected
    assert set(plain) - set(corrected) == {"Jubilee"}


def test_geoparse_and_jsonl_apply_corrections(tmp_path, article, user):
    user.put("Springfield", scope="article", article=article_key(TEXT), target=ELSEWHERE)
    proc = mapper("geoparse", str(article), tmp_path=tmp_path)
    assert proc.returncode == 0, proc.stderr
    spr = next(p for p in json.loads(proc.stdout)["places"] if p["name"] == "Springfield")
    assert (spr["lat"], spr["lon"], spr["source"]) == (10.0, 20.0, "user")
    proc = mapper("geoparse", str(article), "--no-corrections", tmp_path=tmp_path)
    spr = next(p for p in json.loads(proc.stdout)["places"] if p["name"] == "Springfield")
    assert spr["source"] != "user" and spr["lat"] != 10.0

    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    src.write_text(json.dumps({"id": "a", "text": TEXT}) + "\n" + json.dumps({"id": "b", "text": OTHER}) + "\n",
                   encoding="utf-8")
    proc = mapper("geoparse", "--jsonl", str(src), "--out", str(out), tmp_path=tmp_path)
    assert proc.returncode == 0, proc.stderr
    rows = {d["id"]: d["places"] for d in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    assert {(r["lat"], r["lon"]) for r in rows["a"] if r["text"] == "Springfield"} == {(10.0, 20.0)}
    assert (10.0, 20.0) not in {(r["lat"], r["lon"]) for r in rows["b"] if r["text"] == "Springfield"}  # its article only


def test_no_user_gazetteer_means_no_corrections_and_no_file(tmp_path, article):
    proc = mapper("geoparse", str(article), tmp_path=tmp_path)
    assert proc.returncode == 0 and stderr_lines(proc) == []
    assert not (tmp_path / "user-data").exists()  # nothing created in the user data folder


def test_damaged_user_gazetteer_is_one_warning(tmp_path, article):
    path = tmp_path / "user-data" / "user-gazetteer.sqlite"
    path.parent.mkdir(parents=True)
    path.write_bytes(b"this is not a database" * 100)
    proc = mapper("geoparse", str(article), tmp_path=tmp_path)
    assert proc.returncode == 0
    lines = stderr_lines(proc)
    assert len(lines) == 1 and lines[0].startswith("mapper: warning:") and "without your corrections" in lines[0]
    assert any(p["name"] == "Springfield" for p in json.loads(proc.stdout)["places"])


def test_locked_user_gazetteer_is_one_warning(tmp_path, article):
    # a first-version file (it needs migrating) while another program holds the write lock
    path = tmp_path / "user-data" / "user-gazetteer.sqlite"
    path.parent.mkdir(parents=True)
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE corrections(norm TEXT PRIMARY KEY, name TEXT, lat REAL, lon REAL, country TEXT, "
                "kind TEXT, key TEXT, population INTEGER, created REAL)")
    con.execute("INSERT INTO corrections VALUES ('springfield','Springfield',10,20,'TD','city','user:x',0,0)")
    con.commit()
    con.execute("BEGIN EXCLUSIVE")
    try:
        proc = mapper("export", str(article), "--geojson", str(tmp_path / "m.geojson"), tmp_path=tmp_path)
    finally:
        con.rollback()
        con.close()
    assert proc.returncode == 0
    warnings = [line for line in stderr_lines(proc) if "warning" in line]
    assert len(warnings) == 1 and "locked" in warnings[0] and "without your corrections" in warnings[0]
    assert places(tmp_path / "m.geojson")["Springfield"] != (20.0, 10.0)


def test_corrections_subcommands(tmp_path, user):
    user.put("Springfield", target=ELSEWHERE)
    user.put("Jubilee", scope="article", article=article_key(TEXT), title="Mayor meets senator", action="not_place")
    user.close()
    proc = mapper("corrections", "list", tmp_path=tmp_path)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert len(lines) == 2
    jub = next(line.split("\t") for line in lines if "Jubilee" in line)
    assert jub[2:4] == ["not a place", "this article: Mayor meets senator"]
    assert mapper("corrections", "list", "spring", tmp_path=tmp_path).stdout.count("\n") == 1

    csv_path = tmp_path / "mine.csv"
    proc = mapper("corrections", "export", str(csv_path), tmp_path=tmp_path)
    assert proc.returncode == 0 and "2 corrections" in proc.stderr

    proc = mapper("corrections", "forget", jub[0], tmp_path=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "Jubilee" not in mapper("corrections", "list", tmp_path=tmp_path).stdout
    proc = mapper("corrections", "forget", jub[0], tmp_path=tmp_path)
    assert proc.returncode == 1 and len(stderr_lines(proc)) == 1 and "no correction" in proc.stderr

    proc = mapper("corrections", "import", str(csv_path), tmp_path=tmp_path)
    assert proc.returncode == 0 and "imported 2" in proc.stderr
    assert len(mapper("corrections", "list", tmp_path=tmp_path).stdout.splitlines()) == 2

    bad = tmp_path / "bad.csv"
    bad.write_text(csv_path.read_text(encoding="utf-8").replace("10.0", "100.0"), encoding="utf-8")
    before = mapper("corrections", "list", tmp_path=tmp_path).stdout
    proc = mapper("corrections", "import", str(bad), tmp_path=tmp_path)
    assert proc.returncode == 1 and len(stderr_lines(proc)) == 1 and "out of range" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert mapper("corrections", "list", tmp_path=tmp_path).stdout == before
