"""Issue 14 screenshots: the sample article's map at zoom 3, 7 and 12 round Sunchon (North
Korea) and two towns on other continents, with the offline vector basemap and with web tiles
(which cannot load here: no internet, so those show what the app shows when tiles fail).

    QT_QPA_PLATFORM=offscreen .venv/bin/python tools/issue14_screenshots.py [--out docs/issue14]
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PLACES = {"sunchon": (39.43, 125.93), "lisbon": (38.7223, -9.1393), "cape-town": (-33.9249, 18.4241)}
ZOOMS = (3, 7, 12)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=str(ROOT / "docs" / "issue14"))
    args = ap.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    from mapper.core.articles import load_article
    from mapper.core.pipeline import Pipeline
    from mapper.render.mapbuild import tile_spec
    from mapper.render.webrender import RenderError, render_view
    result = Pipeline().run(load_article(str(ROOT / "data" / "articles" / "putin-awards-kim-medal.txt")))
    web = tile_spec("osm")["name"]
    for name, (lat, lon) in PLACES.items():
        for z in ZOOMS:
            for base, tag in (("Offline map", "offline"), (web, "webtiles")):
                state = {"center": [lat, lon], "zoom": z, "size": [1280, 800], "base": base}
                path = out / f"{name}-z{z}-{tag}.png"
                try:
                    ex = render_view(result, state=state, scale=1.0)
                except RenderError as err:  # web tiles that cannot load and nothing else in view
                    print(path.relative_to(ROOT), "not written:", err)
                    continue
                path.write_bytes(ex.png)
                print(path.relative_to(ROOT), "remote requests:", len(ex.log.remote_requests()),
                      "blocked:", len(ex.log.blocked))
    return 0


if __name__ == "__main__":
    sys.exit(main())
