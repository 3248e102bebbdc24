"""Geometry on the sphere: the one home of distance, bearing and bounding boxes.

Every module that measures between two points (the resolver, stated distances, the map's label
spread, the benchmarks) calls these, so that there is one Earth radius and one formula.
"""
from __future__ import annotations

import math

EARTH_RADIUS_KM = 6371.0088  # mean radius (IUGG)
KM_PER_DEGREE_LAT = 111.0  # close enough for box sizes; distances use haversine_km


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def initial_bearing(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Initial great-circle bearing from point 1 to point 2, degrees in [0, 360)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dl = math.radians(lon2 - lon1)
    x = math.sin(dl) * math.cos(p2)
    y = math.cos(p1) * math.sin(p2) - math.sin(p1) * math.cos(p2) * math.cos(dl)
    return (math.degrees(math.atan2(x, y)) + 360.0) % 360.0


def bbox_around(lat: float, lon: float, km: float) -> tuple[float, float, float, float]:
    """(south, west, north, east) of a box reaching `km` from the point in each direction
    (longitudes are not wrapped: callers near the date line compare with a margin)."""
    dlat = km / KM_PER_DEGREE_LAT
    dlon = km / max(1.0, KM_PER_DEGREE_LAT * math.cos(math.radians(min(abs(lat), 89.0))))
    return lat - dlat, lon - dlon, lat + dlat, lon + dlon
