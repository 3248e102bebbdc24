"""The offline vector basemap: one PMTiles archive (tools/build_basemap.py, `make basemap`)
drawn in the page by resources/web/basemap.js.

A page reads the archive either from its file (the app's map pane and the PNG/PDF exports:
the page's XMLHttpRequests ask for byte ranges of that one file, which the app's request
guard lets through and nothing else), or from a sub-archive inlined as base64 (the
self-contained HTML export: the tiles round the article's places, up to a zoom and a byte
budget). Qt-free.
"""
from __future__ import annotations

import base64
import io
import math
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..core.paths import data_file

#: The archive's deepest zoom; the page overzooms past it.
ARCHIVE_MAX_ZOOM = 9
#: What the map credits for the vector basemap (also in the archive's metadata).
ATTRIBUTION = "\u00a9 OpenStreetMap contributors, Natural Earth, GeoNames"
#: The inlined sub-archive of an HTML export: at most this many bytes of tiles (base64 adds a third) ...
INLINE_BUDGET = 3_000_000
#: ... and tiles this many zoom levels past the zoom that fits the places.
INLINE_EXTRA_ZOOMS = 3


def archive_path() -> Path:
    """Where the archive lives (MAPPER_BASEMAP overrides; data/basemap/basemap.pmtiles)."""
    override = os.environ.get("MAPPER_BASEMAP")
    return Path(override) if override else data_file("basemap", "basemap.pmtiles")


def available() -> bool:
    p = archive_path()
    return p.is_file() and p.stat().st_size > 127


@lru_cache(maxsize=4)
def _header(path: str, mtime: float) -> dict[str, Any]:
    from pmtiles.reader import MmapSource, Reader
    with open(path, "rb") as f:
        return Reader(MmapSource(f)).header()


def header() -> dict[str, Any]:
    p = archive_path()
    return _header(str(p), p.stat().st_mtime)


def read_tile(z: int, x: int, y: int) -> bytes | None:
    """One tile's MVT bytes (gunzipped), or None when the archive leaves it out."""
    import gzip

    from pmtiles.reader import MmapSource, Reader
    with open(archive_path(), "rb") as f:
        data = Reader(MmapSource(f)).get(z, x, y)
    if data is None:
        return None
    return gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data


def lonlat_to_tile(lon: float, lat: float, z: int) -> tuple[int, int]:
    lat = max(-85.0511, min(85.0511, lat))
    n = 1 << z
    x = int((lon + 180.0) / 360.0 * n)
    y = int((1.0 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2.0 * n)
    return min(max(x, 0), n - 1), min(max(y, 0), n - 1)


def fit_zoom(bounds, width: int = 1000, height: int = 650) -> int:
    """The whole zoom at which bounds [[s, w], [n, e]] fit a map of width x height px."""
    (s, w), (n, e) = bounds
    lon_span = max(e - w, 1e-6)
    y0, y1 = (math.asinh(math.tan(math.radians(max(-85, min(85, v))))) for v in (s, n))
    lat_span = max(abs(y1 - y0) / math.pi * 180.0, 1e-6)
    z = min(math.log2(width / 256 * 360 / lon_span), math.log2(height / 256 * 360 / lat_span))
    return max(0, min(ARCHIVE_MAX_ZOOM, int(math.floor(z))))


class _CachedReader:
    """pmtiles' Reader.get, with the header and each directory read once: the library parses
    the root directory again for every tile (a Korea-to-Moscow article asked 1,700 tiles and
    spent 60 s in it)."""

    def __init__(self, get_bytes: Any) -> None:
        from pmtiles.tile import deserialize_header
        self.get_bytes = get_bytes
        self.header = deserialize_header(get_bytes(0, 127))
        self._dirs: dict[tuple[int, int], Any] = {}

    def _directory(self, offset: int, length: int) -> Any:
        from pmtiles.tile import deserialize_directory
        key = (offset, length)
        if key not in self._dirs:
            self._dirs[key] = deserialize_directory(self.get_bytes(offset, length))
        return self._dirs[key]

    def get(self, z: int, x: int, y: int) -> bytes | None:
        from pmtiles.tile import find_tile, zxy_to_tileid
        tile_id, h = zxy_to_tileid(z, x, y), self.header
        offset, length = h["root_offset"], h["root_length"]
        for _depth in range(4):  # the format's maximum depth
            entry = find_tile(self._directory(offset, length), tile_id)
            if entry is None:
                return None
            if entry.run_length == 0:  # a leaf directory
                offset, length = h["leaf_directory_offset"] + entry.offset, entry.length
            else:
                return bytes(self.get_bytes(h["tile_data_offset"] + entry.offset, entry.length))
        return None


def sub_archive(bounds, *, view=None, budget: int = INLINE_BUDGET, extra_zooms: int = INLINE_EXTRA_ZOOMS) -> bytes:
    """A PMTiles archive of the tiles round bounds ([[s, w], [n, e]], padded by its own size
    each side), every zoom from 0 up to the fitted zoom + extra_zooms (or the view's zoom + 1),
    while the tiles stay under `budget` bytes; the world's z0-z2 always."""
    from pmtiles.reader import MmapSource
    from pmtiles.tile import Compression, TileType, zxy_to_tileid
    from pmtiles.writer import Writer
    src_header = header()
    max_zoom = src_header["max_zoom"]
    if bounds:
        (s, w), (n, e) = bounds
        ps, pw = max(n - s, 1.0), max(e - w, 1.0)
        s, n, w, e = max(s - ps, -85), min(n + ps, 85), max(w - pw, -180), min(e + pw, 180)
        top = fit_zoom(bounds) + extra_zooms
    else:
        s, w, n, e, top = -85, -180, 85, 180, 2
    if view:
        top = max(top, int(math.ceil(view[2])) + 1)
        vs, vw = 180 / (1 << max(int(view[2]), 0)), 360 / (1 << max(int(view[2]), 0))
        s, n = max(min(s, view[0] - vs), -85), min(max(n, view[0] + vs), 85)
        w, e = max(min(w, view[1] - vw), -180), min(max(e, view[1] + vw), 180)
    top = min(top, max_zoom)
    tiles: list[tuple[int, bytes]] = []
    used = 0
    with open(archive_path(), "rb") as f:
        reader = _CachedReader(MmapSource(f))
        for z in range(0, top + 1):
            if z <= 2:
                x0, y0, x1, y1 = 0, 0, (1 << z) - 1, (1 << z) - 1
            else:
                x0, y0 = lonlat_to_tile(w, n, z)
                x1, y1 = lonlat_to_tile(e, s, z)
            level = []
            for x in range(x0, x1 + 1):
                for y in range(y0, y1 + 1):
                    data = reader.get(z, x, y)
                    if data is not None:
                        level.append((zxy_to_tileid(z, x, y), data))
            size = sum(len(d) for _, d in level)
            if z > 2 and used + size > budget:
                top = z - 1
                break
            tiles.extend(level)
            used += size
    tiles.sort()
    buf = io.BytesIO()
    writer = Writer(buf)
    for tid, data in tiles:
        writer.write_tile(tid, data)
    writer.finalize({"tile_type": TileType.MVT, "tile_compression": Compression.GZIP, "min_zoom": 0, "max_zoom": top,
                     "min_lon_e7": int(w * 1e7), "min_lat_e7": int(s * 1e7), "max_lon_e7": int(e * 1e7),
                     "max_lat_e7": int(n * 1e7), "center_zoom": top, "center_lon_e7": int((w + e) / 2 * 1e7),
                     "center_lat_e7": int((s + n) / 2 * 1e7)},
                    {"name": "mapper offline basemap (part)", "attribution": ATTRIBUTION})
    return buf.getvalue()


def vector_spec(mode: str = "file", *, bounds=None, view=None) -> dict[str, Any] | None:
    """What map.js needs to draw the vector basemap, or None when there is no archive.
    mode "file": the archive's file: URL; "inline": a sub-archive as base64; "none": None."""
    if mode == "none" or not available():
        return None
    if mode == "file":
        return {"url": archive_path().resolve().as_uri(), "max_zoom": header()["max_zoom"],
                "attribution": ATTRIBUTION}
    if mode == "inline":
        data = sub_archive(bounds, view=view)
        from pmtiles.reader import Reader
        top = Reader(lambda off, ln: data[off:off + ln]).header()["max_zoom"]
        return {"data": base64.b64encode(data).decode("ascii"), "max_zoom": top, "attribution": ATTRIBUTION,
                "inline_bytes": len(data)}
    raise ValueError(f"basemap mode is 'file', 'inline' or 'none', not {mode!r}")
