"""The command line, run as a user runs it: a subprocess, JSON on stdout, one-line errors."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SAMPLE

CACHE = os.environ.get("MAPPER_CACHE_DIR") or str(ROOT / ".cache" / "test-cache")
PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00"
       b"\x1f\xf3\xffa\x00\x00\x00\x19IDATx\x9cc\xf8\x0f\x04\x0c\x0c\x0c\x00\x00\x00\xff\xff\x03\x00"
       + bytes(range(256)) * 4 + b"\x00\x00\x00\x00IEND\xaeB`\x82")


def mapper(*args: str, tmp_path: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, MAPPER_CACHE_DIR=CACHE, MAPPER_DATA_DIR=str(tmp_path / "user-data"))
    env.pop("MAPPER_SHIPPED_DATA", None)
    return subprocess.run([sys.executable, "-m", "mapper", *args], capture_output=True, text=True,
                          env=env, cwd=tmp_path, timeout=300)


@pytest.fixture(scope="module")
def sample_json(tmp_path_factory):
    proc = mapper("geoparse", str(SAMPLE), tmp_path=tmp_path_factory.mktemp("cli"))
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_geoparse_prints_json_with_places(sample_json):
    names = {p["name"] for p in sample_json["places"]}
    assert {"Pyongyang", "Vladivostok", "North Korea", "Russia"} <= names
    assert sample_json["article"]["published"] == "2020-05-05"
    assert sample_json["article"]["title"].startswith("Putin Awards Kim")
    assert any(e["kind"] == "ceremony" and e["date"] == "2020-05-05" for e in sample_json["events"])


def test_published_overrides_the_sidecar(tmp_path, sample_json):
    proc = mapper("geoparse", str(SAMPLE), "--published", "2021-01-01", tmp_path=tmp_path)
    assert proc.returncode == 0, proc.stderr
    d = json.loads(proc.stdout)
    assert d["article"]["published"] == "2021-01-01"
    ceremony = [e for e in d["events"] if e["kind"] == "ceremony" and e.get("date_text") == "Tuesday"]
    assert ceremony and ceremony[0]["date"] == "2020-12-29"  # the Tuesday before 2021-01-01
    # the places do not depend on the date
    assert [p["name"] for p in d["places"]] == [p["name"] for p in sample_json["places"]]


def test_bad_published_date_is_a_one_line_error(tmp_path):
    proc = mapper("geoparse", str(SAMPLE), "--published", "yesterday", tmp_path=tmp_path)
    assert_one_line_error(proc)


def assert_one_line_error(proc: subprocess.CompletedProcess) -> None:
    assert proc.returncode != 0
    assert proc.stdout == ""
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("mapper: error:")
    assert "Traceback" not in proc.stderr


def _missing(tmp_path: Path) -> Path:
    return tmp_path / "no-such-article.txt"


def _empty(tmp_path: Path) -> Path:
    p = tmp_path / "empty.txt"
    p.write_text("  \n\n", encoding="utf-8")
    return p


def _binary(tmp_path: Path) -> Path:
    p = tmp_path / "picture.txt"
    p.write_bytes(PNG)
    return p


def _folder(tmp_path: Path) -> Path:
    p = tmp_path / "folder.txt"
    p.mkdir()
    return p


def _oversize(tmp_path: Path) -> Path:
    p = tmp_path / "huge.txt"
    line = b"Officials met in Pyongyang on Tuesday to discuss the ceremony.\n"
    p.write_bytes(line * (6 * 1024 * 1024 // len(line) + 1))
    return p


@pytest.mark.parametrize("make, words", [(_missing, "not found"), (_empty, "empty"), (_binary, "picture.txt"),
                                         (_folder, "folder"), (_oversize, "too large")])
def test_bad_article_is_a_one_line_error(tmp_path, make, words):
    path = make(tmp_path)
    proc = mapper("geoparse", str(path), tmp_path=tmp_path)
    assert_one_line_error(proc)
    assert words.lower() in proc.stderr.lower()


def test_no_article_is_a_one_line_error(tmp_path):
    assert_one_line_error(mapper("geoparse", tmp_path=tmp_path))


def test_jsonl_batch(tmp_path):
    docs = [
        {"id": "a", "text": "Officials met in Pyongyang and Vladivostok on Tuesday."},
        {"id": "b", "text": "A tornado struck Paris, Texas, on Sunday.", "published": "2023-04-12"},
        {"id": 3, "text": "Nothing here names a place at all."},
        {"id": "d", "text": "“We met in Sunch’ŏn,” she said, before flying to Moscow."},
    ]
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    src.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), encoding="utf-8")
    proc = mapper("geoparse", "--jsonl", str(src), "--out", str(out), tmp_path=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(docs)
    records = [json.loads(ln) for ln in lines]
    assert [r["id"] for r in records] == ["a", "b", "3", "d"]
    for doc, rec in zip(docs, records):
        for p in rec["places"]:
            assert {"start", "end", "name", "lat", "lon"} <= set(p)
            assert doc["text"][p["start"]:p["end"]] == p["text"]
    assert [p["name"] for p in records[0]["places"]] == ["Pyongyang", "Vladivostok"]
    assert records[1]["places"][0]["name"] == "Paris" and records[1]["places"][0]["lon"] < -90
    assert records[2]["places"] == []
    assert any(p["text"] == "Sunch’ŏn" for p in records[3]["places"])
    assert not (tmp_path / "out.jsonl.part").exists()


def test_jsonl_malformed_line_is_skipped_with_a_warning(tmp_path):
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    src.write_text(json.dumps({"id": "a", "text": "They met in Moscow."}) + "\n"
                   + "{this is not json\n"
                   + json.dumps({"text": "no id here, in Paris"}) + "\n"
                   + json.dumps({"id": "c", "text": "They met in Pyongyang."}) + "\n", encoding="utf-8")
    proc = mapper("geoparse", "--jsonl", str(src), "--out", str(out), tmp_path=tmp_path)
    assert proc.returncode == 0, proc.stderr
    warnings = [ln for ln in proc.stderr.splitlines() if ln.startswith("mapper: warning:")]
    assert len(warnings) == 2 and ":2:" in warnings[0] and ":3:" in warnings[1]
    assert "Traceback" not in proc.stderr
    records = [json.loads(ln) for ln in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == ["a", "c"]
    assert [p["name"] for p in records[1]["places"]] == ["Pyongyang"]


def test_jsonl_missing_input_is_a_one_line_error(tmp_path):
    proc = mapper("geoparse", "--jsonl", str(tmp_path / "none.jsonl"), "--out", str(tmp_path / "o.jsonl"),
                  tmp_path=tmp_path)
    assert_one_line_error(proc)
    assert not (tmp_path / "o.jsonl").exists()
