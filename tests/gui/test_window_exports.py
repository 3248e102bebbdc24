"""Exports from the window use the same code as `mapper export` and write real files."""
from __future__ import annotations

import json

import pytest


@pytest.mark.parametrize("fmt", ["html", "geojson", "png", "pdf"])
def test_export_from_the_window_writes_the_file(loaded, tmp_path, fmt):
    folder = tmp_path / "exports"
    folder.mkdir()
    out = folder / f"map.{fmt}"
    assert loaded.export(fmt, str(out)), loaded.last_error
    data = out.read_bytes()
    if fmt == "html":
        assert b"mapperMap" in data and b"Pyongyang" in data
    elif fmt == "geojson":
        features = json.loads(data)["features"]
        assert any(f["properties"].get("name") == "Pyongyang" for f in features)
    elif fmt == "png":
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000
    else:
        assert data[:5] == b"%PDF-"
    assert [p.name for p in folder.iterdir()] == [out.name]  # no temp file left behind


def test_export_to_a_missing_folder_gives_a_message(loaded, tmp_path):
    assert not loaded.export("geojson", str(tmp_path / "no-such-folder" / "map.geojson"))
    assert loaded.last_error


def test_copy_map_image_puts_a_picture_on_the_clipboard(loaded):
    from PySide6.QtGui import QGuiApplication
    loaded.copy_map_image()
    image = QGuiApplication.clipboard().image()
    assert not image.isNull() and image.width() > 200
