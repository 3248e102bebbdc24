"""The one geometry module: distances, bearings and boxes agree with known values."""
import pytest

from mapper.core.geo import bbox_around, haversine_km, initial_bearing


def test_known_distances():
    # Paris - London, about 344 km; a quarter of the equator, about 10,008 km
    assert haversine_km(48.8566, 2.3522, 51.5074, -0.1278) == pytest.approx(343.5, abs=1.5)
    assert haversine_km(0, 0, 0, 90) == pytest.approx(10007.5, abs=1)
    assert haversine_km(10, 10, 10, 10) == 0


def test_bearings():
    assert initial_bearing(0, 0, 10, 0) == pytest.approx(0)
    assert initial_bearing(0, 0, 0, 10) == pytest.approx(90)
    assert initial_bearing(10, 0, 0, 0) == pytest.approx(180)


def test_box_reaches_the_distance_in_each_direction():
    south, west, north, east = bbox_around(60.0, 25.0, 50.0)
    assert haversine_km(60.0, 25.0, north, 25.0) == pytest.approx(50, rel=0.02)
    assert haversine_km(60.0, 25.0, 60.0, east) == pytest.approx(50, rel=0.02)
    assert south < 60 < north and west < 25 < east
