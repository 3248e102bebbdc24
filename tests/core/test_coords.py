"""Set coordinates: what people type or paste is read the way they meant it."""
import pytest

from mapper.core.coords import CoordinateError, parse_coordinates


@pytest.mark.parametrize("text, lat, lon", [
    ("39.03, 125.75", 39.03, 125.75),
    ("39.03 125.75", 39.03, 125.75),
    ("39.03;125.75", 39.03, 125.75),
    ("-33.9,151.2", -33.9, 151.2),
    ("55°45′N 37°37′E", 55.75, 37.6166667),
    ("55°45′ N, 37°37′ E", 55.75, 37.6166667),
    ("55°45'21\"N, 37°37'2\"E", 55.7558333, 37.6172222),
    ("55°45′21″N 37°37′2″E", 55.7558333, 37.6172222),
    ("55 45 N 37 37 E", 55.75, 37.6166667),
    ("37°37′E 55°45′N", 55.75, 37.6166667),  # the letters say which is which
    ("34.6 S, 58.4 W", -34.6, -58.4),
    ("N39.03 E125.75", 39.03, 125.75),
    ("39.03N 125.75E", 39.03, 125.75),
    ("55.75° N, 37.62° E", 55.75, 37.62),
])
def test_typed_coordinates_are_read(text, lat, lon):
    got = parse_coordinates(text)
    assert got == pytest.approx((lat, lon), abs=1e-6)


@pytest.mark.parametrize("text, says", [
    ("", "No coordinates"),
    ("Pyongyang", "Cannot read"),
    ("95, 10", "latitude 95"),
    ("10, 200", "longitude 200"),
    ("55°75′N 37°E", "below 60"),
    ("N10 N20", "same axis"),
    ("1 2 3 4", "Cannot read"),
])
def test_bad_coordinates_say_why(text, says):
    with pytest.raises(CoordinateError, match=says):
        parse_coordinates(text)
