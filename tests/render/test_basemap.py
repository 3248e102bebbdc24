"""The offline vector basemap (issue 14): the archive, its tiles, and the page drawing them
offline. The archive is built by `make basemap` (make test and make run build it first)."""
from __future__ import annotations

import base64
import re

import pytest

from mapper.render import basemap
from mapper.render.mapbuild import VECTOR_BASE, WORLD_BASE_LIGHT, map_data, render_html

VLADIVOSTOK = (43.1155, 131.8855)     # the city centre, on land (Muravyov-Amursky peninsula)
AMUR_BAY = (43.13, 131.80)            # open water of Amur Bay, 7 km west of it


@pytest.fixture(scope="module", autouse=True)
def _archive():
    assert basemap.available(), f"no basemap archive at {basemap.archive_path()}: run `make basemap`"


def test_archive_opens_with_its_zooms():
    h = basemap.header()
    assert h["min_zoom"] == 0 and h["max_zoom"] == basemap.ARCHIVE_MAX_ZOOM
    size = basemap.archive_path().stat().st_size
    assert 1_000_000 < size <= 150_000_000


def _decode(z, lat, lon):
    import mapbox_vector_tile
    x, y = basemap.lonlat_to_tile(lon, lat, z)
    data = basemap.read_tile(z, x, y)
    assert data is not None, (z, x, y)
    return mapbox_vector_tile.decode(data, default_options={"y_coord_down": True}), (x, y)


@pytest.mark.parametrize("z", [5, 7, 9])
def test_vladivostoks_tile_has_land_sea_and_its_name(z):
    tile, _ = _decode(z, *VLADIVOSTOK)
    polys = [f for name in ("ocean", "earth", "water") for f in tile.get(name, {}).get("features", [])]
    assert any(f["geometry"]["type"] in ("Polygon", "MultiPolygon") for f in tile.get("ocean", {}).get("features", []))
    assert polys
    names = {f["properties"]["name"] for f in tile["place"]["features"]}
    assert "Vladivostok" in names
    pops = [f["properties"]["pop"] for f in tile["place"]["features"]]
    assert all(p >= 500 for p in pops)


def test_land_and_sea_points_fall_where_the_tile_says():
    """Point-in-polygon on the decoded z9 tile: the city is land, the bay is water."""
    from shapely.geometry import Point, shape
    from shapely.ops import unary_union
    tile, (x, y) = _decode(9, *VLADIVOSTOK)

    def tile_point(lat, lon):
        import math
        n = 1 << 9
        fx = (lon + 180) / 360 * n - x
        fy = (1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n - y
        return Point(fx * 4096, fy * 4096)

    def layer(name):
        geoms = [shape(f["geometry"]) for f in tile.get(name, {}).get("features", [])]
        return unary_union(geoms) if geoms else None

    def is_sea(pt):
        ocean, earth, water = layer("ocean"), layer("earth"), layer("water")
        sea = bool(ocean is not None and ocean.buffer(0).contains(pt))
        if earth is not None and earth.buffer(0).contains(pt):
            sea = False
        if water is not None and water.buffer(0).contains(pt):
            sea = True
        return sea
    assert not is_sea(tile_point(*VLADIVOSTOK))
    assert is_sea(tile_point(*AMUR_BAY))


def test_town_layer_grows_with_zoom():
    """Deeper tiles name more (smaller) towns round the same point."""
    counts = []
    for z in (4, 6, 9):
        tile, _ = _decode(z, *VLADIVOSTOK)
        counts.append(min(f["properties"]["pop"] for f in tile["place"]["features"]))
    assert counts[0] > counts[1] > counts[2]


def test_sub_archive_covers_the_bounds_and_is_small():
    from pmtiles.reader import Reader
    bounds = [[38.5, 125.0], [39.8, 127.8]]
    data = basemap.sub_archive(bounds)
    assert 10_000 < len(data) <= basemap.INLINE_BUDGET + 500_000
    r = Reader(lambda off, ln: data[off:off + ln])
    top = r.header()["max_zoom"]
    assert top >= 6
    x, y = basemap.lonlat_to_tile(125.93, 39.43, top)
    assert r.get(top, x, y) is not None
    x, y = basemap.lonlat_to_tile(-71.06, 42.36, top)  # Boston: far outside
    assert r.get(top, x, y) is None


def test_payload_offers_the_three_bases(sample_result):
    data = map_data(sample_result)
    assert data["vector"]["url"].startswith("file://") and data["vector"]["max_zoom"] == 9
    assert "OpenStreetMap" in data["vector"]["attribution"] and "GeoNames" in data["vector"]["attribution"]
    assert data["web_tiles"]["url"].startswith("https://")
    assert map_data(sample_result, basemap="none")["vector"] is None


def test_inline_page_carries_its_tiles(sample_result):
    page = render_html(sample_result, basemap="inline")
    m = re.search(r'"vector":\{"data":"([A-Za-z0-9+/=]+)"', page)
    assert m, "no inlined sub-archive"
    raw = base64.b64decode(m.group(1))
    assert raw[:7] == b"PMTiles"
    assert "basemap.pmtiles" not in page
    assert len(page) < 6_000_000


# ---------------------------------------------------------------- in a real page


def _load(headless, tmp_path, html, name="map.html", **kw):
    path = tmp_path / name
    path.write_text(html, encoding="utf-8")
    view = headless(width=kw.pop("width", 1000), height=kw.pop("height", 700))
    view.load(str(path))
    view.wait_for_tiles()
    view.settle()
    return view


def _pixel(view, lat, lon):
    x, y = view.eval_js(f"(function () {{ var p = map_mapper.latLngToContainerPoint([{lat}, {lon}]);"
                        f" return [p.x, p.y]; }})()")
    img = view.grab_image()
    c = img.pixelColor(round(x), round(y))
    return c.red(), c.green(), c.blue()


@pytest.mark.qt
def test_page_draws_land_and_sea_offline(sample_result, tmp_path, headless):
    html = render_html(sample_result, view=(VLADIVOSTOK[0], 131.84, 11), hidden_layers=["place", "event", "fact"])
    view = _load(headless, tmp_path, html)
    stats = view.eval_js("mapperMap.basemapStats()")
    assert stats["vector"] and stats["decoded"] > 0 and not stats["errors"]
    assert view.log.remote_requests() == []
    land, sea = _pixel(view, *VLADIVOSTOK), _pixel(view, *AMUR_BAY)
    assert sum(abs(a - b) for a, b in zip(land, sea)) > 30, (land, sea)
    assert sea[2] - sea[0] > land[2] - land[0] + 20  # the sea is the bluer one
    # and a named neighbour of the city is drawn (from the tiles, not the article)
    assert len(stats["towns"]) >= 1


@pytest.mark.qt
def test_town_labels_keep_clear_of_the_articles_labels(sample_result, tmp_path, headless):
    view = _load(headless, tmp_path, render_html(sample_result, view=(39.5, 126.5, 7)), width=1280, height=800)
    stats = view.eval_js("mapperMap.basemapStats()")
    towns, article = stats["towns"], stats["articleLabels"]
    assert len(towns) >= 5 and len(article) >= 3
    for t in towns:
        x0, y0, x1, y1 = t["box"]
        for a in article:
            assert x1 <= a[0] or x0 >= a[2] or y1 <= a[1] or y0 >= a[3], (t, a)
    # the towns' own boxes do not overlap each other either
    boxes = [t["box"] for t in towns]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert a[2] <= b[0] or a[0] >= b[2] or a[3] <= b[1] or a[1] >= b[3]


@pytest.mark.qt
def test_layer_control_and_state_carry_the_base(sample_result, tmp_path, headless):
    view = _load(headless, tmp_path, render_html(sample_result))
    names = view.eval_js("Object.keys(mapperMap.bases)")
    assert names[0] == VECTOR_BASE and WORLD_BASE_LIGHT in names and any("OpenStreetMap" in n for n in names)
    assert view.get_state()["base"] == VECTOR_BASE
    view2 = _load(headless, tmp_path, render_html(sample_result, base=WORLD_BASE_LIGHT), name="light.html")
    assert view2.get_state()["base"] == WORLD_BASE_LIGHT
    assert view2.eval_js("mapperMap.basemapStats().vector") is False


@pytest.mark.qt
def test_inline_page_draws_without_the_archive_file(sample_result, tmp_path, headless):
    html = render_html(sample_result, basemap="inline")
    view = _load(headless, tmp_path, html, name="inline.html")
    stats = view.eval_js("mapperMap.basemapStats()")
    assert stats["vector"] and stats["decoded"] > 0 and not stats["errors"]
    assert [u for u in view.log.requests if "pmtiles" in u] == []
    assert view.log.remote_requests() == []


@pytest.mark.qt
def test_regions_are_outlines_where_shapes_exist(sample_result, tmp_path, headless):
    """Countries are drawn as their outline (a polygon), never a circle."""
    view = _load(headless, tmp_path, render_html(sample_result))
    kinds = view.eval_js("(function () { var out = {}; mapperMap.data.places.forEach(function (p) {"
                         " if (p.cat !== 'area') return; var ls = mapperMap.layersFor(p.id);"
                         " out[p.id] = [p.kind, p.shape !== undefined, ls.some(function (l) { return l instanceof L.Circle; }),"
                         " ls.some(function (l) { return l.eachLayer && !(l instanceof L.Circle); })]; }); return out; })()")
    assert kinds
    for pid, (kind, has_shape, circle, outline) in kinds.items():
        if has_shape:
            assert outline and not circle, (pid, kind)
        else:
            assert circle, (pid, kind)
    assert any(v[1] for v in kinds.values())


def test_us_states_and_counties_are_outlines(gazetteer, tmp_path, headless):
    """A US state and a county are drawn as their us-atlas outline; the county's outline holds
    its town (it is not a 25 km circle round a guessed centre)."""
    from shapely.geometry import Point, shape

    from mapper.core.articles import article_from_text
    from mapper.core.pipeline import Pipeline
    from mapper.core.shapes import us_region_features
    text = ("Flood waters reached Lincoln, Nebraska, on Monday. Officials in Lancaster County closed "
            "two roads, and Lamar County in Texas opened a shelter.")
    result = Pipeline(gazetteer).run(article_from_text(text))
    keys = {p.key: p for p in result.places}
    state, county = keys.get("a1:us:nebraska"), next((p for k, p in keys.items() if k.startswith("a2:us:ne:")), None)
    assert state is not None and county is not None, sorted(keys)
    assert shape(us_region_features()[county.key]).contains(Point(-96.70, 40.81))  # Lincoln is in Lancaster
    view = _load(headless, tmp_path, render_html(result))
    drawn = view.eval_js("(function () { var out = {}; mapperMap.data.places.forEach(function (p) {"
                         " var ls = mapperMap.layersFor(p.id);"
                         " out[p.id] = [p.shape !== undefined, ls.some(function (l) { return l instanceof L.Circle; })];"
                         " }); return out; })()")
    for p in (state, county):
        assert drawn[p.id] == [True, False], (p.name, drawn[p.id])
