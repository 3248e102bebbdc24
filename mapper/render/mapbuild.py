"""The map: a pipeline Result -> a self-contained, offline folium map.

folium gives the page skeleton (the Leaflet map, the scale bar, optional web tiles); every
data layer is built client-side by resources/web/map.js from ONE JSON payload. That keeps
10,000 places at a couple of MB and well under a second, where one folium element per place
costs seconds and ~10 MB (see benchmarks/bench_map.py).

Escaping: article text only ever reaches the page inside that JSON payload, serialised with
json.dumps and with <, >, & and the JS line separators written as \\u escapes, so the HTML
source never holds a raw "<" from an article; map.js puts text into the DOM only through
textContent. Strings we put into HTML ourselves (the page title) go through html.escape.

Qt-free: this module must import without PySide6.
"""
from __future__ import annotations

import html
import json
import math
from collections import defaultdict
from functools import lru_cache
from typing import Any, overload

import folium
from branca.element import Element, MacroElement

from ..core.errors import MapperError
from ..core.event_kinds import symbol_table
from ..core.models import Place, Result
from .assets import load_assets

#: Place kinds drawn as pins; everything else is an outline (country polygon or a circle).
PIN_KINDS = frozenset({"city", "landmark", "town", "village", "airport", "building", "site", "island"})
AREA_KINDS = frozenset({"country", "admin1", "region", "continent", "water"})
COUNTY_RADIUS_KM = 25  # second-level divisions (counties, provinces): their circle on the map
#: More pins than this: no permanent labels (they would be noise).
MAX_LABELLED_PINS = 300
#: More pins than this: cluster them with Leaflet.markercluster. None: never. Measured here
#: with 10,000 pins, clustering added ~0.3 s to the load and canvas alone stays usable, so the
#: default is canvas only; the desktop app may switch clustering on.
CLUSTER_ABOVE: int | None = None

TILE_PROVIDERS = {"osm": "OpenStreetMap.Mapnik", "cartodb": "CartoDB.Positron",
                  "cartodb-dark": "CartoDB.DarkMatter"}


class MapBuildError(MapperError, ValueError):
    pass


# ---------------------------------------------------------------- JSON into a <script>

def script_json(value: Any) -> str:
    """JSON that is safe inside an HTML <script> element: no "<", ">" or "&" survives
    (so no "</script>", "<!--" or entity can appear), nor U+2028/U+2029."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


# ---------------------------------------------------------------- geometry helpers

def _round_coords(coords: Any, nd: int) -> Any:
    if isinstance(coords, (int, float)):
        return round(coords, nd)
    if coords and isinstance(coords[0], (int, float)):
        return [round(coords[0], nd), round(coords[1], nd)]
    return [_round_coords(c, nd) for c in coords]


def _geom_json(geom, *, simplify: float = 0.0, nd: int = 3) -> dict[str, Any] | None:
    from shapely.geometry import mapping
    if geom is None or geom.is_empty:
        return None
    if simplify:
        geom = geom.simplify(simplify, preserve_topology=True)
    m = mapping(geom)
    if m["type"] not in ("Polygon", "MultiPolygon"):
        polys = [g for g in getattr(geom, "geoms", []) if g.geom_type in ("Polygon", "MultiPolygon")]
        if not polys:
            return None
        from shapely.ops import unary_union
        m = mapping(unary_union(polys))
    return {"type": m["type"], "coordinates": _round_coords(m["coordinates"], nd)}


@lru_cache(maxsize=512)
def _country_shape_json(code: str) -> dict[str, Any] | None:
    """A country's 1:50m outline as simplified GeoJSON, made once per country (re-rounding the
    same shapes on every redraw cost 0.3-0.5 s of the window's time on a long article).
    Callers only serialise it: never change the returned dict."""
    from ..core.shapes import country_shapes
    geom = country_shapes("50m").geometry(code)
    return _geom_json(geom, simplify=0.01, nd=3) if geom is not None else None


@lru_cache(maxsize=512)
def _us_region_shape_json(key: str) -> tuple[dict[str, Any] | None, list[float] | None]:
    """A US state's or county's outline (us-atlas 1:10m) as simplified GeoJSON, and a point
    inside it for its label; (None, None) when the key has no shape."""
    from shapely.geometry import shape as to_shape

    from ..core.shapes import us_region_features
    gj = us_region_features().get(key)
    if gj is None:
        return None, None
    geom = to_shape(gj)
    main = max(geom.geoms, key=lambda g: g.area) if geom.geom_type == "MultiPolygon" else geom
    rp = main.representative_point()
    simplify = 0.01 if key.startswith("a1:") else 0.002
    return _geom_json(geom, simplify=simplify, nd=4), [round(rp.y, 4), round(rp.x, 4)]


@lru_cache(maxsize=1)
def _world_basemap_json() -> str:
    """Natural Earth 1:110m countries (land + borders in one layer), serialised once."""
    from ..core.shapes import country_features
    feats = []
    for feat in country_features("110m").values():
        g = feat["geometry"]
        feats.append({"type": "Feature", "properties": {},
                      "geometry": {"type": g["type"], "coordinates": _round_coords(g["coordinates"], 2)}})
    return script_json({"type": "FeatureCollection", "features": feats})


def _detail_basemap(bounds: list[list[float]] | None) -> dict[str, Any] | None:
    """1:50m countries around a regional view (the 110m coastline is too coarse there)."""
    if not bounds:
        return None
    (s, w), (n, e) = bounds
    span = max(n - s, e - w)
    if span > 45:
        return None
    margin = max(span * 1.5, 6.0)
    from shapely import box

    from ..core.shapes import country_shapes
    clip = box(w - margin * 1.6, max(s - margin, -85), e + margin * 1.6, min(n + margin, 85))
    shapes = country_shapes("50m")
    feats = []
    for code in list(shapes._shapes):  # read-only use of the cached shapes
        geom = shapes.geometry(code)
        if geom is None or not geom.intersects(clip):
            continue
        try:
            geom = geom.intersection(clip)
        except Exception:  # noqa: BLE001 - shapely.errors.GEOSException on an invalid input ring
            from shapely.validation import make_valid
            geom = make_valid(geom).intersection(clip)
        geom = geom.simplify(0.005, preserve_topology=True)
        gj = _geom_json(geom, nd=3)
        if gj:
            feats.append({"type": "Feature", "properties": {"fill": True}, "geometry": gj})
        # Borders and coasts as lines, so the clip rectangle's own edges are never stroked.
        lines = geom.boundary.intersection(clip.buffer(-1e-6))
        if not lines.is_empty:
            from shapely.geometry import mapping
            m = mapping(lines)
            if m["type"] in ("LineString", "MultiLineString"):
                feats.append({"type": "Feature", "properties": {"fill": False},
                              "geometry": {"type": m["type"], "coordinates": _round_coords(m["coordinates"], 3)}})
    return {"type": "FeatureCollection", "features": feats}


def _haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    (la1, lo1), (la2, lo2) = a, b
    p1, p2 = math.radians(la1), math.radians(la2)
    dp, dl = p2 - p1, math.radians(lo2 - lo1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


# ---------------------------------------------------------------- the view

def place_category(p: Place) -> str:
    if p.kind in PIN_KINDS:
        return "pin"
    if p.kind in AREA_KINDS:
        return "area"
    return "pin"


def view_bounds(result: Result) -> list[list[float]] | None:
    """[[south, west], [north, east]] of the places that matter.

    Cities, landmarks and counties (weighted by mentions, twice for each event there) drive
    the view; a lone point far from where the article is set (one mention of "Moscow" in a
    story about Korea) does not, unless it weighs as much as the rest. Countries and larger
    regions only count when there is no point at all.
    """
    events_at: dict[str, int] = defaultdict(int)
    for ev in result.events:
        if ev.place:
            events_at[ev.place] += 1
    pts = [((p.lat, p.lon), len(p.mentions) + 2 * events_at[p.id])
           for p in result.places if place_category(p) == "pin" or (p.key or "").startswith("a2:")]
    if not pts:
        return _area_bounds(result)
    if 3 <= len(pts) <= 3000:
        import numpy as np
        lat = np.radians([p[0] for p, _ in pts])
        lon = np.radians([p[1] for p, _ in pts])
        weight = np.array([w for _, w in pts], dtype=float)
        # pairwise great-circle distances (n <= 3000: at most 9M cells, a few tens of ms)
        h = (np.sin((lat[:, None] - lat[None, :]) / 2) ** 2
             + np.cos(lat[:, None]) * np.cos(lat[None, :]) * np.sin((lon[:, None] - lon[None, :]) / 2) ** 2)
        dist = 2 * 6371.0 * np.arcsin(np.sqrt(np.clip(h, 0, 1)))
        center = int(np.argmax((dist <= 1500) @ weight))  # the densest neighbourhood, by weight
        heavy = max(3.0, 0.25 * float(weight.max()))
        keep = (dist[center] <= 3000) | (weight >= heavy)
        pts = [pt for pt, k in zip(pts, keep) if k] or pts
    lats = [p[0] for p, _ in pts]
    lons = [p[1] for p, _ in pts]
    s, n, w, e = min(lats), max(lats), min(lons), max(lons)
    pad = 0.25  # degrees: a single point (or a tight cluster) still gets a town-sized view
    if n - s < 2 * pad:
        s, n = s - pad, n + pad
    if e - w < 2 * pad:
        w, e = w - pad, e + pad
    return [[round(s, 4), round(w, 4)], [round(n, 4), round(e, 4)]]


def _area_bounds(result: Result) -> list[list[float]] | None:
    from ..core.shapes import country_shapes
    shapes = country_shapes("50m")
    boxes = []
    for p in result.places:
        geom = shapes.geometry(p.country) if p.kind == "country" and p.country else None
        if geom is not None:
            if geom.geom_type == "MultiPolygon":  # the main landmass, not far-flung islands
                geom = max(geom.geoms, key=lambda g: g.area)
            w, s, e, n = geom.bounds
            boxes.append((s, w, n, e))
        else:
            boxes.append((p.lat - 1, p.lon - 1, p.lat + 1, p.lon + 1))
    if not boxes:
        return None
    return [[min(b[0] for b in boxes), min(b[1] for b in boxes)], [max(b[2] for b in boxes), max(b[3] for b in boxes)]]


# ---------------------------------------------------------------- the payload

def _sentence_of(result: Result, sid: int) -> tuple[int, str] | None:
    if 0 <= sid < len(result.sentences):
        s = result.sentences[sid]
        return s.start, s.text
    return None


#: Below this container size (CSS px) the map is "compact": the legend becomes a button, the
#: layer control its icon and the title one line (the desktop pane is ~760x490 at 1280x800).
COMPACT_BELOW = (1000, 650)
MAP_LAYERS = ("place", "event", "fact")
MIN_ZOOM, MAX_ZOOM = 0, 18


def _filter_options(hidden_layers, date_range, min_confidence: float = 0.0) -> dict[str, Any]:
    hidden = sorted({str(x) for x in (hidden_layers or ())})
    bad = [x for x in hidden if x not in MAP_LAYERS]
    if bad:
        raise MapBuildError(f"unknown map layer {bad[0]!r}: choose from {', '.join(MAP_LAYERS)}")
    rng = None
    if date_range is not None:
        lo, hi = date_range
        rng = [lo or None, hi or None] if (lo or hi) else None
    if not 0.0 <= float(min_confidence) <= 1.0:
        raise MapBuildError(f"a confidence threshold is between 0 and 1, not {min_confidence!r}")
    return {"hidden_layers": hidden, "date_range": rng, "min_confidence": float(min_confidence)}


@overload
def check_view(view: None) -> None: ...
@overload
def check_view(view: Any) -> list[float]: ...
def check_view(view: Any) -> list[float] | None:
    """(lat, lon, zoom) -> [lat, lon, zoom] as floats, or None; MapBuildError when out of range."""
    if view is None:
        return None
    try:
        lat, lon, zoom = (float(x) for x in view)
    except (TypeError, ValueError):
        raise MapBuildError(f"a map view is (latitude, longitude, zoom), not {view!r}") from None
    if not all(math.isfinite(x) for x in (lat, lon, zoom)):
        raise MapBuildError("a map view needs finite numbers")
    if not -90 <= lat <= 90:
        raise MapBuildError(f"the view's latitude {lat:g} is outside -90..90")
    if not -180 <= lon <= 180:
        raise MapBuildError(f"the view's longitude {lon:g} is outside -180..180")
    if not MIN_ZOOM <= zoom <= MAX_ZOOM:
        raise MapBuildError(f"the view's zoom {zoom:g} is outside {MIN_ZOOM}..{MAX_ZOOM}")
    return [lat, lon, zoom]


def parse_view(text: str) -> tuple[float, float, float]:
    """"LAT,LON,ZOOM" (the CLI's --view) -> (lat, lon, zoom); MapBuildError if malformed."""
    parts = [x.strip() for x in str(text).split(",")]
    if len(parts) != 3 or not all(parts):
        raise MapBuildError(f"--view wants LAT,LON,ZOOM (e.g. 48.85,2.35,6), not {text!r}")
    try:
        values = [float(x) for x in parts]
    except ValueError:
        raise MapBuildError(f"--view wants three numbers LAT,LON,ZOOM, not {text!r}") from None
    lat, lon, zoom = check_view(values)
    return lat, lon, zoom


def _view_options(view, export, base, overlays_off) -> dict[str, Any]:
    if base is not None and not isinstance(base, str):
        raise MapBuildError(f"the base layer is a name, not {base!r}")
    if isinstance(overlays_off, str):
        overlays_off = [overlays_off]
    return {"view": check_view(view), "export": bool(export), "base": base or None,
            "overlays_off": sorted({str(x) for x in (overlays_off or ())})}


def state_options(state: dict[str, Any] | None) -> dict[str, Any]:
    """The live page's window.mapperMap.getState() -> the keyword arguments of map_data /
    render_html that start a page in the same view with the same layers: view, hidden_layers,
    date_range, base, overlays_off. None or {} -> {} (the default, fitted view)."""
    if not state:
        return {}
    if not isinstance(state, dict):
        raise MapBuildError(f"a map state is a dict from mapperMap.getState(), not {type(state).__name__}")
    out: dict[str, Any] = {}
    center, zoom = state.get("center"), state.get("zoom")
    if center is not None or zoom is not None:
        if not isinstance(center, (list, tuple)) or len(center) != 2 or zoom is None:
            raise MapBuildError(f"the map state's center and zoom are incomplete: {center!r}, {zoom!r}")
        lat, lon = center
        try:
            lon = ((float(lon) + 180.0) % 360.0) - 180.0 if abs(float(lon)) > 180 else float(lon)
        except (TypeError, ValueError):
            raise MapBuildError(f"the map state's center is not two numbers: {center!r}") from None
        out["view"] = tuple(check_view((lat, lon, zoom)))
    if state.get("hidden"):
        out["hidden_layers"] = list(state["hidden"])
    rng = state.get("dateRange")
    if rng:
        if not isinstance(rng, (list, tuple)) or len(rng) != 2:
            raise MapBuildError(f"the map state's date range is [from, to], not {rng!r}")
        out["date_range"] = (rng[0] or None, rng[1] or None)
    if state.get("base"):
        out["base"] = str(state["base"])
    if state.get("overlaysOff"):
        out["overlays_off"] = [str(x) for x in state["overlaysOff"]]
    if state.get("minConfidence"):
        out["min_confidence"] = float(state["minConfidence"])
    return out


def state_size(state: dict[str, Any] | None) -> tuple[int, int] | None:
    """The live map's size (CSS px) from getState(), or None."""
    size = (state or {}).get("size")
    if not size:
        return None
    try:
        w, h = (round(float(x)) for x in size)
    except (TypeError, ValueError):
        raise MapBuildError(f"the map state's size is [width, height], not {size!r}") from None
    return w, h


#: The web tiles the layer control offers (opt-in, online) when the app has no choice of its own.
WEB_TILES_OFFERED = "osm"
#: Base layer names in the page (map.js): the offline vector map (default), the 1:110m world.
VECTOR_BASE, WORLD_BASE_LIGHT = "Offline map", "World 1:110m (lightest)"


def web_tiles_for_base(base: str | None) -> str | None:
    """The TILE_PROVIDERS key whose layer-control name is `base` (a state showing web tiles:
    its export needs them, and the network), else None."""
    for key in TILE_PROVIDERS:
        if base and tile_spec(key)["name"] == base:
            return key
    return None


def map_data(result: Result, *, tiles: str | None = None, hidden_layers=None,
             date_range: tuple[str | None, str | None] | None = None, view=None, export: bool = False,
             base: str | None = None, overlays_off=None, basemap: str = "file",
             min_confidence: float = 0.0) -> dict[str, Any]:
    """Everything map.js draws, as plain JSON-able data (no basemap).

    hidden_layers ("place", "event", "fact") and date_range ((lo, hi) ISO date prefixes) are
    the filters the page starts with; window.mapperMap.setHiddenLayers / setDateRange change
    them later. view: (lat, lon, zoom) to start at instead of fitting the places; export: the
    page shows no zoom buttons, layer control or interactive legend, only a compact legend of
    the visible kinds (for images); base: the base layer's name in the layer control;
    overlays_off: names of overlays switched off in the layer control. basemap: how the page
    reads the offline vector basemap ("file": the archive's file; "inline": a sub-archive round
    the places, for a self-contained page; "none": no vector basemap), see basemap.py."""
    view_opts = _view_options(view, export, base, overlays_off)
    from ..core.shapes import country_shapes
    shapes_50m = country_shapes("50m")
    bounds = view_bounds(result)
    pins = sum(1 for p in result.places if place_category(p) == "pin")
    used_sentences: set[int] = set()
    shapes: list[dict[str, Any]] = []
    places = []
    for p in result.places:
        cat = place_category(p)
        shape_idx = label = None
        if cat == "area" and p.kind == "country" and p.country:
            gj = _country_shape_json(p.country)
            if gj:
                shapes.append(gj)
                shape_idx = len(shapes) - 1
                rp = shapes_50m.representative_point(p.country)
                label = [round(rp[0], 4), round(rp[1], 4)] if rp else None
        elif cat == "area" and (p.key or "").startswith(("a1:us:", "a2:us:")):
            gj, label = _us_region_shape_json(p.key)  # a state or county: its outline
            if gj:
                shapes.append(gj)
                shape_idx = len(shapes) - 1
        mentions = [[m.sentence, m.start, m.end] for m in p.mentions]
        used_sentences.update(m.sentence for m in p.mentions)
        # Compact on purpose (10,000 of these must stay well under 3 MB): 5 decimals is ~1 m.
        item = {"id": p.id, "name": p.name, "kind": p.kind, "cat": cat, "lat": round(p.lat, 5),
                "lon": round(p.lon, 5), "cc": p.country, "src": p.source, "conf": round(p.confidence, 3),
                "m": mentions}
        if shape_idx is not None:
            item["shape"] = shape_idx
        if label is not None:
            item["label"] = label
        if cat == "area" and shape_idx is None and (p.key or "").startswith("a2:"):
            item["rkm"] = COUNTY_RADIUS_KM  # a county is drawn county-sized, not like "the Midwest"
        places.append(item)
    events = []
    for e in result.events:
        used_sentences.add(e.sentence)
        events.append({"id": e.id, "kind": e.kind, "date": e.date, "date_text": e.date_text, "place": e.place,
                       "sentence": e.sentence, "hedged": e.hedged, "actors": list(e.actors),
                       "summary": e.summary, "trigger": e.trigger})
    memorials = []
    by_place: dict[str, list] = defaultdict(list)
    for f in result.facts:
        if f.place:
            by_place[f.place].append(f)
    for entry in result.fact_summary():
        pid = entry["place"]
        if not pid or pid not in by_place:
            continue
        facts = by_place[pid]
        top = max(facts, key=lambda f: f.value)
        for f in facts:
            used_sentences.add(f.sentence)
        memorials.append({"place": pid, "total": top.value, "total_kind": top.kind, "total_qualifier": top.qualifier,
                          "facts": [{"kind": f.kind, "value": f.value, "qualifier": f.qualifier,
                                     "sentence": f.sentence, "start": f.start, "end": f.end, "text": f.text}
                                    for f in facts]})
    claims = []
    for i, c in enumerate(result.claims, 1):
        used_sentences.add(c.sentence)
        start = end = None
        s = _sentence_of(result, c.sentence)
        if s and c.text:
            at = s[1].find(c.text)
            if at >= 0:
                start, end = s[0] + at, s[0] + at + len(c.text)
        claims.append({"id": f"c{i}", "from": c.from_place, "to": c.to_place, "stated_km": c.stated_km,
                       "computed_km": c.computed_km, "bearing": c.bearing, "consistent": c.consistent,
                       "sentence": c.sentence, "start": start, "end": end, "text": c.text})
    # Only the sentences something points at are carried (index -> [start, text]).
    sentences = {}
    for sid in sorted(used_sentences):
        s = _sentence_of(result, sid)
        if s:
            sentences[str(sid)] = [s[0], s[1]]
    a = result.article
    return {
        "title": a.title or "Untitled article", "published": a.published,
        "bounds": bounds, "places": places, "shapes": shapes, "events": events,
        # the symbols of the kinds shown, from the one list of event kinds (data/event_kinds.csv)
        "eventSymbols": {k: v for k, v in symbol_table().items() if k in {e["kind"] for e in events}},
        "memorials": memorials, "claims": claims, "sentences": sentences,
        "tiles": tile_spec(tiles) if tiles else None,
        "web_tiles": None if tiles else tile_spec(WEB_TILES_OFFERED),
        "vector": _vector_spec(basemap, bounds, view_opts["view"]),
        "options": {"labels": pins <= MAX_LABELLED_PINS, "cluster": CLUSTER_ABOVE, "max_zoom": 9,
                    "collapse_layers": False, "compact_below": list(COMPACT_BELOW), "drag_pins": True,
                    **_filter_options(hidden_layers, date_range, min_confidence), **view_opts},
    }


def _vector_spec(mode: str, bounds, view) -> dict[str, Any] | None:
    from . import basemap as vector_basemap
    return vector_basemap.vector_spec(mode, bounds=bounds, view=view)


def tile_spec(name: str) -> dict[str, Any]:
    """An opt-in web tile layer, with its attribution, from xyzservices."""
    key = TILE_PROVIDERS.get(name.lower())
    if key is None:
        raise MapBuildError(f"unknown tiles {name!r}: choose one of {', '.join(sorted(TILE_PROVIDERS))}")
    import xyzservices.providers as xyz
    provider = xyz
    for part in key.split("."):
        provider = provider[part]
    return {"name": provider.name.replace(".", " "), "url": provider.build_url(scale_factor="{r}"),
            "attribution": provider.html_attribution, "max_zoom": provider.get("max_zoom", 19)}


class _Raw(Element):
    """Text that goes into the page as is. branca's Element(text) would compile the text as
    a Jinja template: slow for 3 MB, and article text with "{{" in it would be evaluated."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self._text = text

    def render(self, **kwargs) -> str:
        return self._text


class _MapperLayers(MacroElement):
    """Inlines the assets into the head and hands the payload to map.js after the map exists."""

    def __init__(self, payload_json: str, assets_html: str) -> None:
        super().__init__()
        self._name = "MapperLayers"
        self.payload = payload_json
        self.assets_html = assets_html

    def render(self, **kwargs) -> None:  # type: ignore[override]
        figure: Any = self.get_root()  # a branca Figure
        parent: Any = self._parent  # the folium Map
        figure.header.add_child(_Raw(self.assets_html), name="mapper_assets")
        figure.script.add_child(_Raw(f"window.mapperMap.init({parent.get_name()}, {self.payload});"),
                                name="mapper_init")


def _payload_json(data: dict[str, Any], detail: dict[str, Any] | None) -> str:
    # The 110m world basemap is serialised once per process and spliced in.
    body = script_json({**data, "basemap": None})
    basemap = '{"world":' + _world_basemap_json() + ',"detail":' + script_json(detail) + "}"
    assert body.endswith('"basemap":null}')
    return body[: -len("null}")] + basemap + "}"


def build_map(result: Result, *, tiles: str | None = None, width: int | str | None = None,
              height: int | str | None = None, hidden_layers=None,
              date_range: tuple[str | None, str | None] | None = None, view=None, export: bool = False,
              base: str | None = None, overlays_off=None, basemap: str = "file",
              min_confidence: float = 0.0) -> folium.Map:
    """The folium map for a result. Offline unless `tiles` ("osm", "cartodb") is given.
    view, export, base, overlays_off, basemap: see map_data."""
    data = map_data(result, tiles=tiles, hidden_layers=hidden_layers, date_range=date_range, view=view,
                    export=export, base=base, overlays_off=overlays_off, basemap=basemap,
                    min_confidence=min_confidence)
    # the 1:50m detail only serves the Natural Earth basemap of a page without the vector one
    detail = _detail_basemap(data["bounds"]) if data["vector"] is None else None
    b = data["bounds"]
    center = [(b[0][0] + b[1][0]) / 2, (b[0][1] + b[1][1]) / 2] if b else [20.0, 0.0]
    zoom = 4 if b else 2
    if data["options"]["view"]:
        center, zoom = data["options"]["view"][:2], data["options"]["view"][2]
    m = folium.Map(location=center, zoom_start=zoom, tiles=None, control_scale=True,
                   prefer_canvas=True, width=width or "100%", height=height or "100%",
                   world_copy_jump=False, min_zoom=2)
    m.options["maxZoom"] = 18  # MarkerCluster needs it, and no tile layer sets it offline
    m.options["zoomSnap"] = 0.25  # fit the view tightly, not to the next whole zoom level
    m.options["zoomDelta"] = 0.5
    m._id = "mapper"  # a stable JS name: map_mapper (the desktop app calls into it)
    m.default_js = []  # no CDN: everything is inlined by _MapperLayers
    m.default_css = []
    root: Any = m.get_root()  # a branca Figure
    root.title = html.escape(data["title"])
    m.add_child(_MapperLayers(_payload_json(data, detail), load_assets().head_html()))
    return m


def render_html(result: Result, *, tiles: str | None = None, width: int | str | None = None,
                height: int | str | None = None, hidden_layers=None,
                date_range: tuple[str | None, str | None] | None = None, view=None, export: bool = False,
                base: str | None = None, overlays_off=None, basemap: str = "file",
                min_confidence: float = 0.0) -> str:
    """One HTML page (assets inlined, data included). Options: see map_data. With
    basemap="file" (the default) the page reads the vector basemap from the archive's file;
    basemap="inline" makes it self-contained (a sub-archive inlined)."""
    return build_map(result, tiles=tiles, width=width, height=height, hidden_layers=hidden_layers,
                     date_range=date_range, view=view, export=export, base=base,
                     overlays_off=overlays_off, basemap=basemap, min_confidence=min_confidence).get_root().render()
