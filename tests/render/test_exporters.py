"""GeoJSON (RFC 7946), CSV and KML carry the same rows; every write is atomic."""
from __future__ import annotations

import csv
import io
import json
import os
import xml.etree.ElementTree as ET

import pytest

from mapper.render import exporters
from mapper.render.exporters import ExportError


def _ids(result):
    return ([p.id for p in result.places] + [e.id for e in result.events]
            + [f"f{i}" for i in range(1, len(result.facts) + 1)] + [f"c{i}" for i in range(1, len(result.claims) + 1)])


def test_geojson_rfc7946(sample_result, tmp_path):
    out = tmp_path / "sample.geojson"
    exporters.write_geojson(sample_result, out)
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["type"] == "FeatureCollection"
    assert [f["id"] for f in doc["features"]] == _ids(sample_result)
    text = sample_result.article.text
    for f in doc["features"]:
        assert f["type"] == "Feature" and set(f) >= {"id", "geometry", "properties"}
        props = f["properties"]
        assert props["feature"] in ("place", "event", "fact", "claim") and props["kind"]
        assert "date" in props and "published" in props and props["sentences"]
        g = f["geometry"]
        if g is not None:
            points = [g["coordinates"]] if g["type"] == "Point" else g["coordinates"]
            for lon, lat in points:  # RFC 7946: longitude first, WGS 84
                assert -180 <= lon <= 180 and -90 <= lat <= 90
        for ref in props["sentences"]:
            if ref["start"] is not None:
                assert text[ref["start"]:ref["end"]] == ref["text"]
                assert ref["sentence_start"] <= ref["start"] <= ref["end"] <= ref["sentence_end"]
    pyongyang = next(f for f in doc["features"] if f["properties"]["name"] == "Pyongyang")
    lon, lat = pyongyang["geometry"]["coordinates"]
    assert 125 < lon < 126.5 and 38.5 < lat < 39.5  # lon, lat order
    assert pyongyang["properties"]["sentences"][0]["text"] == "Pyongyang"
    event = next(f for f in doc["features"] if f["properties"]["feature"] == "event" and f["properties"]["date"] == "2020-05-05")
    assert event["properties"]["date_text"] == "Tuesday"
    claim = next(f for f in doc["features"] if f["properties"]["feature"] == "claim")
    assert claim["geometry"]["type"] == "LineString" and claim["properties"]["stated_km"] == pytest.approx(45.1)
    died = next(f for f in doc["features"] if f["properties"]["kind"] == "died")
    assert died["properties"]["value"] == 4700 and died["properties"]["qualifier"] == "more than"


def test_csv_same_rows(sample_result, tmp_path):
    out = tmp_path / "sample.csv"
    exporters.write_csv(sample_result, out)
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert [r["id"] for r in rows] == _ids(sample_result)
    py = next(r for r in rows if r["name"] == "Pyongyang")
    assert float(py["lat"]) == pytest.approx(39.03, abs=0.1) and float(py["lon"]) == pytest.approx(125.75, abs=0.1)
    assert py["sentences"] and py["offsets"].count("-") == len(sample_result.place_by_id(py["id"]).mentions)


def test_kml_same_rows(sample_result, tmp_path):
    out = tmp_path / "sample.kml"
    exporters.write_kml(sample_result, out)
    root = ET.parse(out).getroot()
    ns = {"k": "http://www.opengis.net/kml/2.2"}
    marks = root.findall(".//k:Placemark", ns)
    assert [m.get("id") for m in marks] == _ids(sample_result)
    py = next(m for m in marks if m.findtext("k:name", namespaces=ns) == "Pyongyang")
    lon, lat = map(float, py.findtext("k:Point/k:coordinates", namespaces=ns).split(","))
    assert 125 < lon < 126.5 and 38.5 < lat < 39.5


def test_exports_escape_hostile_text(hostile, tmp_path):
    exporters.write_kml(hostile, tmp_path / "h.kml")
    raw = (tmp_path / "h.kml").read_text(encoding="utf-8")
    assert "<script>" not in raw and "<img" not in raw
    ET.parse(tmp_path / "h.kml")  # still well-formed
    exporters.write_geojson(hostile, tmp_path / "h.geojson")
    doc = json.loads((tmp_path / "h.geojson").read_text(encoding="utf-8"))
    assert doc["features"][0]["properties"]["name"].endswith("<script>alert('name')</script>")


def test_failed_write_leaves_old_file_whole(sample_result, tmp_path, monkeypatch):
    out = tmp_path / "map.geojson"
    out.write_text("OLD CONTENT", encoding="utf-8")

    def boom(fd):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(os, "fsync", boom)
    with pytest.raises(ExportError, match="No space left"):
        exporters.write_geojson(sample_result, out)
    assert out.read_text(encoding="utf-8") == "OLD CONTENT"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.geojson"]  # no temp file left


def test_interrupted_write_leaves_no_temp(sample_result, tmp_path, monkeypatch):
    def boom(fd):
        raise KeyboardInterrupt
    monkeypatch.setattr(os, "fsync", boom)
    with pytest.raises(KeyboardInterrupt):
        exporters.write_html(sample_result, tmp_path / "map.html")
    assert list(tmp_path.iterdir()) == []


def test_missing_folder_is_a_user_error(sample_result, tmp_path):
    with pytest.raises(ExportError, match="does not exist"):
        exporters.write_csv(sample_result, tmp_path / "nope" / "x.csv")


def test_html_export_atomic_and_complete(sample_result, tmp_path):
    out = tmp_path / "map.html"
    html = exporters.write_html(sample_result, out)
    assert out.read_text(encoding="utf-8") == html and html.rstrip().endswith("</html>")
    assert oct(out.stat().st_mode & 0o777) != oct(0o600)  # not mkstemp's private mode
