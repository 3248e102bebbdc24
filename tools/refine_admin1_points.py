"""Refine the points of data/admin1.csv outside the US (run after `build_data.py admin1`).

`build_data.py admin1` places a first-level division at the median of its towns, which pulls
a large province towards its cities: Manitoba lands on Winnipeg, Ontario on its southern
towns, hundreds of km from where gazetteers and encyclopaedias put the province. The PyPI
package **iso3166-2 1.8.4** (MIT) gives each ISO 3166-2 subdivision a point for the whole
area (the package's `latLng`, derived from OpenStreetMap / Google Maps). A row takes that
point when an ISO top-level subdivision of the same country has the row's name or one of its
aliases (compared without accents, case or punctuation) and the point lies within
MAX_SHIFT_KM of the town median (a guard against a namesake). US states keep their us-atlas
shape centroids.

    .venv/bin/python tools/refine_admin1_points.py [--cache /tmp/mapper-data-src]
"""
from __future__ import annotations

import argparse
import csv
import glob
import json
import os
import re
import subprocess
import sys
import unicodedata
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_data import write_csv

from mapper.core.distances import haversine_km

SPEC = "iso3166-2==1.8.4"
MAX_SHIFT_KM = 1000
PATH = Path(__file__).resolve().parents[1] / "data" / "admin1.csv"
SOURCE = "; point: iso3166-2 1.8.4 latLng (MIT; OpenStreetMap / Google Maps area centre)"


def plain(name: str) -> str:
    s = unicodedata.normalize("NFKD", name)
    return re.sub(r"[^a-z]", "", "".join(c for c in s if not unicodedata.combining(c)).lower())


def iso_subdivisions(cache: str) -> dict:
    wheels = glob.glob(os.path.join(cache, "iso3166_2-*.whl"))
    if not wheels:
        subprocess.run([sys.executable, "-m", "pip", "download", SPEC, "--no-deps", "-d", cache], check=True)
        wheels = glob.glob(os.path.join(cache, "iso3166_2-*.whl"))
    with zipfile.ZipFile(sorted(wheels)[-1]) as z:
        return json.loads(z.read("iso3166_2/iso3166-2.json"))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cache", default=os.environ.get("MAPPER_DATA_CACHE", "/tmp/mapper-data-src"))
    args = ap.parse_args()
    os.makedirs(args.cache, exist_ok=True)
    iso = iso_subdivisions(args.cache)
    with open(PATH, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        fields, rows = reader.fieldnames, list(reader)
    moved = 0
    for r in rows:
        if r["country"] == "US" or SOURCE in r["source"]:
            continue
        names = {plain(n) for n in [r["name"], *r["aliases"].split("|")] if n}
        top = [v for v in iso.get(r["country"], {}).values() if not v.get("parentCode") and v.get("latLng")]
        hits = [v for v in top if plain(v["name"]) in names]
        if len(hits) != 1:
            continue  # no match, or an ambiguous one: keep the town median
        lat, lon = hits[0]["latLng"]
        if haversine_km(float(r["lat"]), float(r["lon"]), lat, lon) > MAX_SHIFT_KM:
            continue
        r.update(lat=f"{lat:.4f}", lon=f"{lon:.4f}", source=r["source"] + SOURCE)
        moved += 1
    write_csv(str(PATH), fields, [[r[k] for k in fields] for r in rows])
    print(f"{moved} of {sum(r['country'] != 'US' for r in rows)} divisions outside the US take the iso3166-2 point")
    return 0


if __name__ == "__main__":
    sys.exit(main())
