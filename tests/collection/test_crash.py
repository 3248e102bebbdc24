"""kill -9 during an import and during a batch run, then rerun: every article exactly once."""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .helpers import ROOT, write_jsonl

N = 300


def _env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["MAPPER_DATA_DIR"] = str(tmp_path / "user-data")
    env["PYTHONPATH"] = str(ROOT)
    return env


def _count(path: Path) -> int:
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
        try:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def _kill_when(proc: subprocess.Popen, ready, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while not ready():
        if proc.poll() is not None:
            pytest.fail(f"the run ended before it could be killed (exit {proc.returncode})")
        if time.monotonic() > deadline:
            os.killpg(proc.pid, signal.SIGKILL)
            pytest.fail("the run made no progress")
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)  # the run and every process it started: a crash
    proc.wait(timeout=30)


def test_kill_during_import_then_rerun(tmp_path):
    src = tmp_path / "in.jsonl"
    ids = write_jsonl(src, N)
    coll = tmp_path / "c.mapper"
    cmd = [sys.executable, "-m", "mapper", "collection", "add", str(coll), str(src), "--create", "--no-corrections"]
    proc = subprocess.Popen(cmd, env=_env(tmp_path), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    _kill_when(proc, lambda: _count(coll) >= 40)
    stored = _count(coll)
    assert 40 <= stored < N
    done = subprocess.run(cmd, env=_env(tmp_path), capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert f"{N - stored} added, {stored} duplicates, 0 failed" in done.stderr
    conn = sqlite3.connect(coll)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    titles = [r[0] for r in conn.execute("SELECT title FROM articles")]
    assert sorted(titles) == sorted(f"Report {i}" for i in range(len(ids)))  # each exactly once
    # no rows of a half-written article: every article has its rows, every row its article
    for table in ("sentences", "places", "events"):
        orphans = conn.execute(f"SELECT count(*) FROM {table} WHERE article_id NOT IN (SELECT id FROM articles)")
        assert orphans.fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM articles WHERE id NOT IN (SELECT article_id FROM sentences)"
                        ).fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM articles WHERE n_places != "
                        "(SELECT count(*) FROM places p WHERE p.article_id = articles.id)").fetchone()[0] == 0


def test_kill_during_batch_then_rerun(tmp_path):
    pytest.importorskip("distributed")
    pa = pytest.importorskip("pyarrow")
    from mapper.batch import read_output
    src = tmp_path / "in.jsonl"
    ids = write_jsonl(src, N)
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "mapper", "batch", str(src), "--out", str(out), "--workers", "2",
           "--partition-size", "25"]
    proc = subprocess.Popen(cmd, env=_env(tmp_path), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    _kill_when(proc, lambda: len(list(out.glob("part-*.parquet"))) >= 2, timeout=180)
    written = len(list(out.glob("part-*.parquet")))
    assert written < N // 25
    done = subprocess.run(cmd, env=_env(tmp_path), capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    table = read_output(out)
    articles = [r for r in table.select(["feature", "article_id"]).to_pylist() if r["feature"] == "article"]
    assert sorted(r["article_id"] for r in articles) == ids  # every article exactly once
    assert not list(out.glob(".*.part"))
    assert isinstance(table, pa.Table)
