"""Whole-collection exports read back: GeoPackage with pyogrio, GeoParquet with pyarrow."""
from __future__ import annotations

import csv
import json

import pytest

from mapper.core.collection import ArticleFilter, Collection
from mapper.core.importers import iter_items
from mapper.render import collection_export as ce

from .helpers import ARTICLES, YPRES


@pytest.fixture(scope="module")
def coll(tmp_path_factory, pipeline):
    path = tmp_path_factory.mktemp("exports") / "news.mapper"
    c = Collection.create(path)
    c.add(iter_items([ARTICLES, YPRES]), pipeline=pipeline)
    yield c
    c.close()


def _counts(c):
    return {k: c._query(f"SELECT count(*) FROM {k}")[0][0] for k in ("places", "events", "facts")}


def test_geopackage_reads_back_with_layers_geometries_and_counts(coll, tmp_path):
    pyogrio = pytest.importorskip("pyogrio")
    out = tmp_path / "news.gpkg"
    counts = ce.write_gpkg(coll, out)
    layers = {name: geom for name, geom in pyogrio.list_layers(out)}
    assert layers == {"places": "Point", "events": "Point", "facts": "Point", "merged_places": "Point"}
    want = _counts(coll)
    for layer in ("places", "events", "facts"):
        info = pyogrio.read_info(out, layer=layer)
        assert info["features"] == want[layer] == counts[layer]
        assert info["crs"] == "EPSG:4326"
        assert {"article_id", "article_title", "article_url", "published", "source", "sentence_id",
                "sentence_text"} <= set(info["fields"])
    assert pyogrio.read_info(out, layer="merged_places")["features"] == len(coll.pins())
    meta, _, geometry, fields = pyogrio.raw.read(out, layer="places")
    names = list(meta["fields"])
    rows = [dict(zip(names, (f[i] for f in fields))) for i in range(len(geometry))]
    shapely = pytest.importorskip("shapely")
    menin = [(r, shapely.from_wkb(g)) for r, g in zip(rows, geometry) if r["place_key"] == "lm:menin-gate"]
    assert len(menin) == 1
    row, point = menin[0]
    assert (round(point.x, 4), round(point.y, 4)) == (2.8913, 50.8522)
    assert row["source"] == "Flanders Herald" and "Menin Gate" in row["sentence_text"]
    meta, _, geometry, fields = pyogrio.raw.read(out, layer="facts")
    names = list(meta["fields"])
    facts = [dict(zip(names, (f[i] for f in fields))) for i in range(len(geometry))]
    assert {"value", "qualifier", "kind", "text"} <= set(names)
    assert any(f["value"] == 1400 and f["qualifier"] == "almost" for f in facts)
    unplaced = [g for f, g in zip(facts, geometry) if f["value"] == 1300]
    assert unplaced == [None]  # a fact without a place has no geometry, and is still exported


def test_geoparquet_has_wkb_geometry_and_geo_metadata(coll, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    shapely = pytest.importorskip("shapely")
    out = tmp_path / "news.parquet"
    n = ce.write_geoparquet(coll, out)
    table = pq.read_table(out)
    assert table.num_rows == n == sum(_counts(coll).values())
    geo = json.loads(table.schema.metadata[b"geo"])
    assert geo["version"] == "1.0.0" and geo["primary_column"] == "geometry"
    assert geo["columns"]["geometry"]["encoding"] == "WKB"
    assert geo["columns"]["geometry"]["geometry_types"] == ["Point"]
    west, south, east, north = geo["columns"]["geometry"]["bbox"]
    rows = table.to_pylist()
    pts = [shapely.from_wkb(r["geometry"]) for r in rows if r["geometry"] is not None]
    assert all(west <= p.x <= east and south <= p.y <= north for p in pts)
    assert {r["feature"] for r in rows} == {"place", "event", "fact"}
    r = next(r for r in rows if r["place_key"] == "lm:menin-gate" and r["feature"] == "place")
    assert round(shapely.from_wkb(r["geometry"]).y, 4) == 50.8522


def test_geojson_csv_and_filtered_export(coll, tmp_path):
    gj = tmp_path / "a.geojson"
    n = ce.write_geojson(coll, gj)
    doc = json.loads(gj.read_text(encoding="utf-8"))
    assert doc["type"] == "FeatureCollection" and len(doc["features"]) == n
    f = next(f for f in doc["features"] if f["properties"]["place_key"] == "lm:menin-gate")
    assert f["geometry"]["coordinates"] == [2.8913, 50.8522]
    path = tmp_path / "a.csv"
    m = ce.write_csv(coll, path, ArticleFilter(sources=("Channel Gazette",)))
    with open(path, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == m > 0 and {r["source"] for r in rows} == {"Channel Gazette"}
    assert list(rows[0]) == ce.ROW_COLUMNS


def test_html_map_of_the_collection(coll, tmp_path):
    out = tmp_path / "map.html"
    # a filtered map (a small area: the basemap's detail for a world-wide view takes long to cut)
    flt = ArticleFilter(date_from="2024-11")
    pins = ce.write_html(coll, out, flt)
    html = out.read_text(encoding="utf-8")
    assert pins == len(coll.pins(flt)) > 2
    assert "Menin Gate" in html and "Flanders Herald" in html and "Bayeux" not in html
    assert "https://unpkg.com" not in html and "cdn.jsdelivr" not in html  # offline
    result = ce.collection_result(coll)
    for p in result.places:  # every mention points into its synthetic sentence
        for m in p.mentions:
            s = result.sentences[m.sentence]
            assert s.start <= m.start < m.end <= s.end
            assert result.article.text[m.start:m.end] == m.text
