"""Exports from the window use the same code as `mapper export` and write real files."""
from __future__ import annotations

import json

import pytest


@pytest.mark.parametrize("fmt", ["html", "geojson", "csv", "kml", "png", "pdf", "report"])
def test_export_from_the_window_writes_the_file(loaded, tmp_path, fmt):
    folder = tmp_path / "exports"
    folder.mkdir()
    out = folder / f"map.{'pdf' if fmt == 'report' else fmt}"
    assert loaded.export(fmt, str(out)), loaded.last_error
    data = out.read_bytes()
    if fmt == "html":
        assert b"mapperMap" in data and b"Pyongyang" in data
    elif fmt == "geojson":
        features = json.loads(data)["features"]
        assert any(f["properties"].get("name") == "Pyongyang" for f in features)
    elif fmt in ("csv", "kml"):
        assert b"Pyongyang" in data
    elif fmt == "png":
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000
    else:
        assert data[:5] == b"%PDF-"
        pages = data.count(b"/Type /Page") - data.count(b"/Type /Pages")
        assert pages >= 2 if fmt == "report" else pages == 1
    assert [p.name for p in folder.iterdir()] == [out.name]  # no temp file left behind


def test_export_to_a_missing_folder_gives_a_message(loaded, tmp_path):
    assert not loaded.export("geojson", str(tmp_path / "no-such-folder" / "map.geojson"))
    assert loaded.last_error


def test_copy_map_image_puts_a_picture_on_the_clipboard(loaded):
    from PySide6.QtGui import QGuiApplication
    loaded.copy_map_image()
    image = QGuiApplication.clipboard().image()
    assert not image.isNull() and image.width() > 200


def test_export_menu_offers_every_format_and_names_the_file_after_the_article(qtbot, loaded, monkeypatch):
    """File › Export lists every format of the command line; the suggested name is the title."""
    from PySide6.QtWidgets import QFileDialog
    window = loaded
    export_menu = next(a.menu() for a in window.menuBar().actions()[0].menu().actions()
                       if a.menu() is not None and a.text().replace("&", "") == "Export")
    labels = " ".join(a.text().replace("&", "") for a in export_menu.actions())
    for word in ("HTML", "PNG", "PDF", "Report", "GeoJSON", "CSV", "KML"):
        assert word in labels
    offered = []
    # the save dialog is the system's: record what it is offered and cancel it
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: offered.append(a[2]) or ("", "")))
    window.ask_export("geojson")
    qtbot.waitUntil(lambda: offered != [], timeout=5_000)
    title = window.session.result.article.title
    assert title and offered[0].endswith(".geojson") and "map." not in offered[0]
    assert title.split()[0] in offered[0]
