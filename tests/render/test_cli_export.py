"""`mapper export`: every format from the command line; errors as one line."""
from __future__ import annotations

import json

import pytest

from mapper.cli import main
from tests.conftest import SAMPLE


def test_export_data_formats(tmp_path, capsys):
    out = {k: tmp_path / f"s.{k}" for k in ("html", "geojson", "csv", "kml")}
    code = main(["export", str(SAMPLE)] + [a for k, p in out.items() for a in (f"--{k}", str(p))])
    assert code == 0
    for p in out.values():
        assert p.stat().st_size > 0
    assert json.loads(out["geojson"].read_text(encoding="utf-8"))["type"] == "FeatureCollection"
    assert "mapper: wrote" in capsys.readouterr().err


@pytest.mark.qt
def test_export_png_pdf(tmp_path, qtbot):
    png, pdf = tmp_path / "m.png", tmp_path / "m.pdf"
    assert main(["export", str(SAMPLE), "--png", str(png), "--pdf", str(pdf), "--width", "900", "--height", "600"]) == 0
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and pdf.read_bytes()[:4] == b"%PDF"


@pytest.mark.parametrize("args, message", [
    ([], "nothing to export"),
    (["--csv", "/nonexistent-dir/x.csv"], "folder does not exist"),
    (["--html", "x.html", "--tiles", "bogus"], "unknown tiles"),
    (["--png", "x.png", "--width", "10"], "--width"),
    (["--png", "x.png", "--scale", "9"], "--scale"),
])
def test_export_errors_are_one_line(args, message, capsys):
    assert main(["export", str(SAMPLE)] + args) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("mapper: error: ") and message in err[0]


def test_export_missing_article(tmp_path, capsys):
    assert main(["export", str(tmp_path / "nope.txt"), "--csv", str(tmp_path / "x.csv")]) == 1
    assert capsys.readouterr().err.startswith("mapper: error: ")


@pytest.mark.qt
def test_export_view_and_report(tmp_path, qtbot):
    """--view draws that view (a different view, a different image); --report writes the PDF
    report, several pages with the article's title."""
    from PySide6.QtGui import QImage
    near, far, report = tmp_path / "near.png", tmp_path / "far.png", tmp_path / "r.pdf"
    assert main(["export", str(SAMPLE), "--png", str(near), "--view", "39.03,125.75,9", "--width", "600",
                 "--height", "400", "--report", str(report)]) == 0
    assert main(["export", str(SAMPLE), "--png", str(far), "--view", "43.1,131.9,9", "--width", "600",
                 "--height", "400"]) == 0
    a, b = QImage(str(near)), QImage(str(far))
    assert (a.width(), a.height()) == (600, 400)
    differing = sum(a.pixel(x, y) != b.pixel(x, y) for x in range(0, 600, 4) for y in range(0, 400, 4))
    assert differing > 0.2 * (150 * 100)
    data = report.read_bytes()
    assert data[:4] == b"%PDF" and data.count(b"/Type /Page") - data.count(b"/Type /Pages") >= 2


def test_export_bad_view_is_one_line(tmp_path, capsys):
    assert main(["export", str(SAMPLE), "--png", str(tmp_path / "x.png"), "--view", "95,10,5"]) != 0
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "latitude" in err[0]
