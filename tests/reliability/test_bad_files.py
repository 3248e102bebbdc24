"""Bad article files from the command line and from the window: one clear message, no
traceback, the previous result kept; legacy encodings decode correctly end to end.
(tests/core/test_articles.py checks the loader's messages; tests/test_cli.py and
tests/gui/test_window.py check empty/binary/missing/folder/oversize: here the rest.)"""
from __future__ import annotations

import codecs
import os
import subprocess
import sys
from pathlib import Path

import pytest

from mapper import cli
from tests.conftest import ROOT, SAMPLE
from tests.gui.conftest import LOAD_TIMEOUT, open_and_wait

CACHE = os.environ.get("MAPPER_CACHE_DIR") or str(ROOT / ".cache" / "test-cache")

LEGACY = {
    "cp1251": ("Президент России Владимир Путин прибыл во Владивосток.\n", "cp1251"),
    "euc-kr": ("김정은 위원장이 평양에서 블라디보스토크로 출발했다고 조선중앙통신이 보도했다.\n", "euc-kr"),
    "shift-jis": ("金正恩委員長は平壌からウラジオストクへ向かったと朝鮮中央通信が伝えた。\n", "shift_jis"),
    "utf-16": ("Kim Jong Un travelled from Pyongyang to Vladivostok by train.\n", "utf-16"),
    "utf-16-le-no-bom": ("Kim Jong Un travelled from Pyongyang to Vladivostok by train.\n", "utf-16-le"),
}


def make_bad(kind: str, tmp_path: Path) -> Path:
    p = tmp_path / f"{kind}.txt"
    if kind == "empty":
        p.write_bytes(b"")
    elif kind == "binary":
        p.write_bytes(bytes(range(256)) * 16)
    elif kind == "png":
        p.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    elif kind == "directory":
        p.mkdir()
    elif kind == "fifo":  # a named pipe: opening it would block forever; it must be refused
        os.mkfifo(p)
    elif kind == "oversize":
        p.write_bytes(b"Paris is nice. " * (6 * 1024 * 1024 // 15))
    elif kind == "undecodable":
        # a UTF-16 BOM followed by a lone surrogate and control bytes: no encoding reads it
        p.write_bytes(codecs.BOM_UTF16_LE + b"\x00\xd8\x01\x00\x02\x00" * 400)
    elif kind == "control-soup":
        p.write_bytes(bytes([1, 2, 3, 4, 5, 6, 7, 8, 14, 15, 16]) * 500)
    return p  # "missing": never created


BAD = ["empty", "binary", "png", "missing", "directory", "fifo", "oversize", "undecodable", "control-soup"]
WORDS = {"empty": "empty", "binary": "binary", "png": "png", "missing": "not found", "directory": "folder",
         "fifo": "not a regular file", "oversize": "too large", "undecodable": "", "control-soup": ""}


def run_cli(*args: str, tmp_path: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    e = dict(os.environ, MAPPER_CACHE_DIR=CACHE, MAPPER_DATA_DIR=str(tmp_path / "user-data"), **(env or {}))
    return subprocess.run([sys.executable, "-m", "mapper", *args], capture_output=True, text=True,
                          env=e, cwd=tmp_path, timeout=300)


def assert_one_line_error(returncode: int, stdout: str, stderr: str) -> str:
    assert returncode != 0
    assert stdout == ""
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    assert lines[0].startswith("mapper: error:")
    assert "Traceback" not in stderr
    return lines[0]


@pytest.mark.parametrize("kind", BAD)
@pytest.mark.parametrize("command", ["geoparse", "export"])
def test_cli_bad_file_is_one_line_error(tmp_path, kind, command):
    path = make_bad(kind, tmp_path)
    extra = ["--geojson", str(tmp_path / "out.geojson")] if command == "export" else []
    proc = run_cli(command, str(path), *extra, tmp_path=tmp_path)
    line = assert_one_line_error(proc.returncode, proc.stdout, proc.stderr)
    assert WORDS[kind] in line.lower()
    assert kind in line  # the file is named
    assert not (tmp_path / "out.geojson").exists()


@pytest.mark.parametrize("where", ["stat", "open"])
def test_cli_permission_denied_simulated_in_process(tmp_path, monkeypatch, capsys, where):
    """We run as root, so chmod 000 does not stop reads: the PermissionError the OS would raise
    is injected (into stat() or open()), and cli.main runs in this process."""
    story = tmp_path / "locked.txt"
    story.write_text("Kim went to Pyongyang.\n", encoding="utf-8")
    real_stat, real_open = Path.stat, Path.open

    def deny_stat(self, *a, **kw):
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real_stat(self, *a, **kw)

    def deny_open(self, *a, **kw):
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *a, **kw)
    monkeypatch.setattr(Path, where, deny_stat if where == "stat" else deny_open)
    code = cli.main(["geoparse", str(story)])
    out = capsys.readouterr()
    line = assert_one_line_error(code, out.out, out.err)
    assert "permission denied" in line.lower() and "locked.txt" in line


@pytest.mark.parametrize("name", list(LEGACY))
def test_cli_decodes_legacy_encodings(tmp_path, name):
    text, encoding = LEGACY[name]
    path = tmp_path / f"{name}.txt"
    path.write_bytes(text.encode(encoding))
    proc = run_cli("geoparse", str(path), tmp_path=tmp_path)
    assert proc.returncode == 0, proc.stderr
    import json
    got = json.loads(proc.stdout)["article"]
    assert got["length"] == len(text)
    assert [x["text"] for x in got["sentences"]] == [text.strip()]
    assert got["encoding"].replace("_", "-").startswith(encoding.replace("_", "-")[:5].lower()) \
        or name in ("shift-jis", "euc-kr")  # cp932/cp949 are supersets and fine


# ---------------------------------------------------------------- the window

@pytest.mark.parametrize("kind", ["binary", "fifo", "oversize", "undecodable", "control-soup", "permission"])
def test_window_bad_file_shows_a_box_and_keeps_the_previous_result(qtbot, make_window, tmp_path, monkeypatch, kind):
    """Complements tests/gui/test_window.py::test_bad_file_gives_message_and_keeps_previous_result
    (empty, png, missing, folder). `permission` is simulated (we run as root)."""
    window = make_window(quiet=False)
    open_and_wait(qtbot, window)
    previous, text, title = window.session.result, window.article_view.toPlainText(), window.windowTitle()
    if kind == "permission":
        path = tmp_path / "locked.txt"
        path.write_text("Kim went to Pyongyang.\n", encoding="utf-8")
        real_open = Path.open

        def deny(self, *a, **kw):
            if self.name == "locked.txt":
                raise PermissionError(13, "Permission denied", str(self))
            return real_open(self, *a, **kw)
        monkeypatch.setattr(Path, "open", deny)
    else:
        path = make_bad(kind, tmp_path)
    assert window.open_path(str(path)) is False
    assert not window.is_running()
    box = window._last_box
    qtbot.waitUntil(box.isVisible, timeout=5_000)
    assert window.last_error and "\n" not in window.last_error and "Traceback" not in window.last_error
    assert path.name in window.last_error
    assert box.text() == window.last_error
    assert window.session.result is previous
    assert window.article_view.toPlainText() == text and window.windowTitle() == title
    box.close()


@pytest.mark.parametrize("name", ["cp1251", "euc-kr", "shift-jis", "utf-16"])
def test_window_shows_legacy_encodings_correctly(qtbot, window, tmp_path, name):
    text, encoding = LEGACY[name]
    path = tmp_path / f"{name}.txt"
    path.write_bytes(text.encode(encoding))
    with qtbot.waitSignal(window.resultShown, timeout=LOAD_TIMEOUT):
        assert window.open_path(str(path))
    assert window.article_view.toPlainText() == text
    assert window.last_error is None


def test_window_pasted_25mb_text_is_refused_up_front(qtbot, window):
    previous = window.session
    assert window.open_text("Paris is in France. " * (25 * 1024 * 1024 // 20)) is False
    assert not window.is_running()
    assert "too large" in window.last_error and "5.0 MB" in window.last_error
    assert window.session is previous


def test_sample_still_opens(qtbot, window):  # the fixtures above really map articles
    open_and_wait(qtbot, window, SAMPLE)
    assert window.session.result.places
