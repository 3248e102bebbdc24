import pytest

from mapper.core.distances import (
    bearing_degrees,
    check_bearing,
    check_distance,
    find_distance_statements,
    haversine_km,
    initial_bearing,
)

from .helpers import article, sample

SPEC = [
    ("Amiens", "gn:amiens", "city", "FR"),
    ("Villers-Bretonneux", "gn:vb", "city", "FR"),
    ("Geneva", "gn:geneva", "city", "CH"),
    ("Lausanne", "gn:lausanne", "city", "CH"),
    ("Gaziantep", "gn:gaziantep", "city", "TR"),
    ("Nurdagi", "gn:nurdagi", "city", "TR"),
    ("Turkish", "gn:tr", "demonym", "TR"),
    ("Mombasa", "gn:mombasa", "city", "KE"),
    ("Malindi", "gn:malindi", "city", "KE"),
]


def statements(text):
    t, sents, refs = article(text, SPEC)
    return find_distance_statements(t, sents, refs)


def test_sample_sunchon_north_of_pyongyang():
    text, sents, refs = sample()
    [st] = find_distance_statements(text, sents, refs)
    assert st.subject.text == "Sunchon" and st.anchor.text == "Pyongyang"
    assert st.km == pytest.approx(28 * 1.609344, rel=1e-3)
    assert st.bearing == "north" and st.approximate
    assert st.stated_text == "some 28 miles north of Pyongyang"
    # Sunchon (39.43, 125.93) is about 48 km from Pyongyang (39.02, 125.75): consistent
    assert check_distance(st.km, haversine_km(39.43, 125.93, 39.02, 125.75), st.approximate)


def test_first_unit_wins_over_bracketed_conversion():
    [st] = statements("Villers-Bretonneux, 15 km (9 miles) east of Amiens, hosts the memorial.")
    assert (st.subject.text, st.anchor.text, st.km, st.bearing) == (
        "Villers-Bretonneux", "Amiens", 15.0, "east")
    assert not st.approximate


def test_from_without_bearing():
    [st] = statements("Lausanne is 60 kilometers from Geneva.")
    assert (st.subject.text, st.anchor.text, st.km, st.bearing) == ("Lausanne", "Geneva", 60.0, None)


def test_subject_after_anchor_when_nothing_precedes():
    [st] = statements("Located 60 km north-east of Geneva, Lausanne sits on the lake.")
    assert (st.subject.text, st.anchor.text, st.bearing) == ("Lausanne", "Geneva", "north-east")


def test_approximate_and_compass_abbreviation():
    [st] = statements("Malindi, roughly 120 km NE of Mombasa, is a resort town.")
    assert st.approximate and st.bearing == "NE" and st.km == 120.0


def test_metres_and_demonyms_ignored():
    [st] = statements("The Turkish village of Nurdagi lies 500 metres from Gaziantep.")
    assert st.subject.text == "Nurdagi" and st.km == pytest.approx(0.5)


def test_no_statement_without_two_places():
    assert statements("The convoy drove 300 km north of the border.") == []
    assert statements("Gaziantep has 2 million residents.") == []


@pytest.mark.parametrize("b, deg", [
    ("north", 0), ("N", 0), ("north-east", 45), ("northeast", 45), ("NE", 45),
    ("east", 90), ("south-east", 135), ("south", 180), ("SW", 225), ("west", 270),
    ("north-west", 315), ("NNE", 22.5), ("north-northwest", 337.5), ("South East", 135),
])
def test_bearing_degrees(b, deg):
    assert bearing_degrees(b) == deg


def test_bearing_degrees_rejects_junk():
    assert bearing_degrees("upstream") is None
    assert bearing_degrees("") is None


def test_check_distance_tolerances():
    # approximate: max(25 %, 10 km)
    assert check_distance(45, 55, True)
    assert not check_distance(45, 60, True)
    assert check_distance(20, 29, True)      # 10 km floor
    # exact: max(15 %, 5 km)
    assert check_distance(100, 114, False)
    assert not check_distance(100, 120, False)
    assert check_distance(10, 14.5, False)   # 5 km floor
    assert not check_distance(10, 16, False)


def test_bearing_check_from_anchor_to_subject():
    # Sunchon lies north (slightly east) of Pyongyang
    deg = initial_bearing(39.02, 125.75, 39.43, 125.93)
    assert check_bearing("north", deg)
    assert not check_bearing("south", deg)
    assert check_bearing("sideways", deg) is None
