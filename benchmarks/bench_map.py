"""Map scale benchmark: build time, HTML size and QtWebEngine load time for 100, 1,000 and
10,000 synthetic places, for mapper's map (one JSON data layer drawn on canvas by map.js)
beside naive folium (one CircleMarker + Popup element per place), in the same run.

Both pages get the same inlined offline assets, so both really draw with no network.
"Load" is from QWebEngineView.load() of the file until the map has drawn (mapper: the
window.mapperReady flag; naive: the page's load finished and two animation frames).

    .venv/bin/python benchmarks/bench_map.py [--sizes 100,1000,10000] [--no-naive]
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mapper.core.models import Result
from mapper.render.assets import load_assets
from mapper.render.mapbuild import render_html
from mapper.render.synthetic import synthetic_result


def naive_folium(result: Result) -> str:
    import html

    import folium
    from branca.element import Element
    m = folium.Map(location=[20, 0], zoom_start=2, tiles=None)
    m.default_js, m.default_css = [], []
    assets = load_assets()
    m.get_root().header.add_child(Element("\n".join(
        f"<script>{code}</script>" for name, code in assets.js if name != "map.js")
        + "\n".join(f"<style>{code}</style>" for _, code in assets.css)))
    for p in result.places:
        s = result.sentences[p.mentions[0].sentence].text
        folium.CircleMarker([p.lat, p.lon], radius=5, fill=True,
                            popup=folium.Popup(f"<b>{html.escape(p.name)}</b><br>{html.escape(s)}", max_width=300)
                            ).add_to(m)
    return m.get_root().render()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="100,1000,10000")
    ap.add_argument("--no-naive", action="store_true")
    ap.add_argument("--no-load", action="store_true", help="skip QtWebEngine (build and size only)")
    args = ap.parse_args()
    sizes = [int(x) for x in args.sizes.split(",")]
    view = None
    if not args.no_load:
        from mapper.render.webrender import HeadlessMap
        view = HeadlessMap(width=1600, height=1000)
    render_html(synthetic_result(10))  # warm: cached basemap and assets, as in a running app
    if view:  # warm Chromium once, so the first row does not pay its start-up
        with tempfile.TemporaryDirectory() as d:
            warm = os.path.join(d, "w.html")
            Path(warm).write_text(render_html(synthetic_result(10)), encoding="utf-8")
            view.load(warm)
    rows = []
    with tempfile.TemporaryDirectory() as d:
        for n in sizes:
            result = synthetic_result(n)
            variants = [("mapper", lambda r: render_html(r), "window.mapperReady === true")]
            if not args.no_naive:
                variants.append(("naive folium", naive_folium, "document.readyState === 'complete'"))
            for label, build, ready in variants:
                path = os.path.join(d, f"{label.replace(' ', '_')}-{n}.html")
                t0 = time.perf_counter()
                text = build(result)
                Path(path).write_text(text, encoding="utf-8")
                built = time.perf_counter() - t0
                size = os.path.getsize(path)
                load = None
                if view:
                    view.load(path, ready=ready)
                    load = view.load_seconds
                rows.append((n, label, built, size, load))
                print(f"  {label:<13} {n:>6}: build+save {built:6.2f} s  {size / 1e6:6.2f} MB"
                      + (f"  load {load:5.2f} s" if load is not None else ""), file=sys.stderr, flush=True)
    if view:
        view.close()
    print("\n| places | map | build + save | HTML size | QtWebEngine load |")
    print("|---:|---|---:|---:|---:|")
    for n, label, built, size, load in rows:
        print(f"| {n:,} | {label} | {built:.2f} s | {size / 1e6:.2f} MB | "
              + (f"{load:.2f} s |" if load is not None else "- |"))
    print("\nTarget for 10,000 places: built <= 1 s, HTML <= 3 MB, loaded <= 1 s.")
    return 0


if __name__ == "__main__":
    from mapper.render.webrender import prepare_environment
    prepare_environment()
    sys.exit(main())
