"""Natural Earth country shapes (public domain), read from the TopoJSON in data/naturalearth.

Used for containment ("is this candidate inside the country the article names?") and, by the
map, for outlines and the offline basemap. Loaded lazily, once per scale.
"""
from __future__ import annotations

import csv
import json
from functools import lru_cache
from typing import Any

from shapely.geometry import MultiPolygon, Point, Polygon, shape
from shapely.prepared import prep

from .paths import data_file


def _decode_arcs(topo: dict[str, Any]) -> list[list[tuple[float, float]]]:
    """Delta-decode and dequantise TopoJSON arcs into lon/lat lists."""
    transform = topo.get("transform")
    arcs = []
    for arc in topo["arcs"]:
        if transform:
            (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
            x = y = 0
            points = []
            for dx, dy in arc:
                x += dx
                y += dy
                points.append((x * sx + tx, y * sy + ty))
        else:
            points = [tuple(p) for p in arc]
        arcs.append(points)
    return arcs


def _ring(arcs: list[list[tuple[float, float]]], indexes: list[int]) -> list[tuple[float, float]]:
    coords: list[tuple[float, float]] = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        coords.extend(arc if not coords else arc[1:])
    return coords


def topojson_to_geojson(topo: dict[str, Any], object_name: str) -> dict[str, Any]:
    arcs = _decode_arcs(topo)
    features = []

    def geometry(g: dict[str, Any]) -> dict[str, Any] | None:
        if g["type"] == "Polygon":
            return {"type": "Polygon", "coordinates": [_ring(arcs, r) for r in g["arcs"]]}
        if g["type"] == "MultiPolygon":
            return {"type": "MultiPolygon",
                    "coordinates": [[_ring(arcs, r) for r in poly] for poly in g["arcs"]]}
        return None

    obj = topo["objects"][object_name]
    members = obj["geometries"] if obj["type"] == "GeometryCollection" else [obj]
    for g in members:
        geom = geometry(g)
        if geom is None:
            continue
        features.append({"type": "Feature", "id": g.get("id"), "properties": dict(g.get("properties") or {}),
                         "geometry": geom})
    return {"type": "FeatureCollection", "features": features}


@lru_cache(maxsize=4)
def _numeric_to_alpha2() -> dict[str, str]:
    with open(data_file("naturalearth", "iso_numeric.csv"), newline="", encoding="utf-8") as f:
        return {row["numeric"].zfill(3): row["alpha2"] for row in csv.DictReader(f) if row.get("alpha2")}


@lru_cache(maxsize=4)
def country_features(scale: str = "50m") -> dict[str, dict[str, Any]]:
    """ISO alpha-2 -> GeoJSON feature (properties: name, iso2)."""
    with open(data_file("naturalearth", f"countries-{scale}.json"), encoding="utf-8") as f:
        topo = json.load(f)
    to_alpha2 = _numeric_to_alpha2()
    out: dict[str, dict[str, Any]] = {}
    for feat in topojson_to_geojson(topo, "countries")["features"]:
        code = to_alpha2.get(str(feat.get("id") or "").zfill(3))
        if not code:
            continue
        feat["properties"]["iso2"] = code
        if code in out:  # one code, two features (Australia and its Ashmore and Cartier Islands at 1:50m)
            feat = _merged(out[code], feat)
        out[code] = feat
    return out


def _polygons(geometry: dict[str, Any]) -> list[Any]:
    return [geometry["coordinates"]] if geometry["type"] == "Polygon" else list(geometry["coordinates"])


def _merged(first: dict[str, Any], second: dict[str, Any]) -> dict[str, Any]:
    """The two features as one MultiPolygon, named after the larger (the first listed is the country)."""
    geometry = {"type": "MultiPolygon", "coordinates": _polygons(first["geometry"]) + _polygons(second["geometry"])}
    return {**first, "geometry": geometry}


@lru_cache(maxsize=2)
def land_geojson(scale: str = "110m") -> dict[str, Any]:
    with open(data_file("naturalearth", f"land-{scale}.json"), encoding="utf-8") as f:
        return topojson_to_geojson(json.load(f), "land")


class CountryShapes:
    """Point-in-country tests with prepared shapely geometries."""

    def __init__(self, scale: str = "50m") -> None:
        self._shapes = {code: shape(f["geometry"]) for code, f in country_features(scale).items()}
        self._prepared: dict[str, Any] = {}

    def geometry(self, code: str) -> Polygon | MultiPolygon | None:
        return self._shapes.get(code)

    def contains(self, code: str | None, lat: float, lon: float, *, tolerance_deg: float = 0.1) -> bool | None:
        """True/False when the country has a shape, None when unknown. A small tolerance
        keeps coastal towns whose point falls just offshore at 1:50m."""
        key = code or ""
        geom = self._shapes.get(key)
        if geom is None:
            return None
        prepared = self._prepared.get(key)
        if prepared is None:
            prepared = self._prepared[key] = prep(geom.buffer(tolerance_deg) if tolerance_deg else geom)
        return bool(prepared.contains(Point(lon, lat)))

    def representative_point(self, code: str) -> tuple[float, float] | None:
        geom = self._shapes.get(code)
        if geom is None:
            return None
        if isinstance(geom, MultiPolygon):  # the main landmass, not the centroid of scattered islands
            geom = max(geom.geoms, key=lambda g: g.area)
        p = geom.representative_point()
        return (p.y, p.x)


@lru_cache(maxsize=2)
def country_shapes(scale: str = "50m") -> CountryShapes:
    return CountryShapes(scale)


# ---- US states and counties (us-atlas 3.0.1, US Census cartographic boundaries, 1:10m) ----------
_COUNTY_SUFFIXES = ("county", "parish", "borough", "census area", "city and borough", "municipality", "city", "")


@lru_cache(maxsize=1)
def us_region_features() -> dict[str, dict[str, Any]]:
    """Our gazetteer keys of US states ("a1:us:texas") and counties ("a2:us:ar:pope-county")
    -> GeoJSON geometry. States match by name, counties by state and name (with or without
    "County", "Parish", ...); entries without a match keep their circle on the map."""
    with open(data_file("us-atlas", "counties-10m.json"), encoding="utf-8") as f:
        topo = json.load(f)
    states: dict[str, tuple[str, str]] = {}  # lower-case name -> (key, postal code)
    with open(data_file("admin1.csv"), newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["key"].startswith("a1:us:"):
                states[row["name"].lower()] = (row["key"], row["admin1code"])
    counties: dict[tuple[str, str], str] = {}
    with open(data_file("us_counties.csv"), newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            counties[(row["admin1code"], row["name"].lower())] = row["key"]
    out: dict[str, dict[str, Any]] = {}
    postal: dict[str, str] = {}  # state FIPS -> postal code
    for feat in topojson_to_geojson(topo, "states")["features"]:
        hit = states.get(feat["properties"]["name"].lower())
        if hit:
            out[hit[0]] = feat["geometry"]
            postal[str(feat["id"])] = hit[1]
    for feat in topojson_to_geojson(topo, "counties")["features"]:
        code, name = postal.get(str(feat["id"])[:2]), feat["properties"]["name"].lower()
        key = next((counties[(code, f"{name} {s}".strip())] for s in _COUNTY_SUFFIXES
                    if (code, f"{name} {s}".strip()) in counties), None) if code else None
        if key:
            out[key] = feat["geometry"]
    return out
