"""Reading coordinates as people type or paste them.

Accepts decimal pairs ("39.03, 125.75", "39.03 125.75", "39.03;125.75"), hemisphere letters
before or after ("N39.03 E125.75", "39.03N 125.75E", "39.03 S, 58.4 W") and degrees,
minutes and seconds with the usual marks or plain spaces ("55°45′N 37°37′E",
"55°45'21\\"N, 37°37'2\\"E", "55 45 N 37 37 E"). Latitude comes first unless the letters say
otherwise ("37°37′E 55°45′N" is read the right way round).
"""
from __future__ import annotations

import re

from .errors import MapperError


class CoordinateError(MapperError, ValueError):
    """Text that is not a pair of coordinates; the message says what was expected."""


# Degree, minute and second marks as typed on keyboards and as pasted from the web.
_MARKS = str.maketrans({"º": "°", "˚": "°", "′": "'", "’": "'", "‘": "'", "´": "'", "″": '"', "“": '"',
                        "”": '"', "−": "-", "–": "-"})
_NUMBER = r"[-+]?\d+(?:[.,]\d+)?"
# one coordinate: degrees [minutes [seconds]], with the hemisphere letter before it
# ("N55 45") or after it ("55 45 N"); one text uses one style, told by its first character
_DMS = rf"""(?P<deg>{_NUMBER})\s*(?:°|d|deg)?\s*
        (?:(?P<min>\d+(?:[.,]\d+)?)\s*(?:'|(?=(?:\d+(?:[.,]\d+)?\s*)?[NSEWnsew]))\s*)?
        (?:(?P<sec>\d+(?:[.,]\d+)?)\s*(?:"|(?=[NSEWnsew]))\s*)?"""
_SEP = r"\s*(?:[,;/]\s*)?"
_LETTER_FIRST = re.compile(rf"\s*(?P<pre>[NSEWnsew])\s*{_DMS}{_SEP}", re.VERBOSE)
_LETTER_AFTER = re.compile(rf"\s*{_DMS}(?P<post>[NSEWnsew])?{_SEP}", re.VERBOSE)

HELP = "Type latitude, longitude: 39.03, 125.75 or 55°45′N 37°37′E."


def _value(match: re.Match[str]) -> tuple[float, str | None]:
    deg = float(match["deg"].replace(",", "."))
    minutes = float(match["min"].replace(",", ".")) if match["min"] else 0.0
    seconds = float(match["sec"].replace(",", ".")) if match["sec"] else 0.0
    if minutes >= 60 or seconds >= 60:
        raise CoordinateError(f"minutes and seconds must be below 60. {HELP}")
    value = abs(deg) + minutes / 60 + seconds / 3600
    groups = match.groupdict()
    letter = (groups.get("pre") or groups.get("post") or "").upper() or None
    negative = deg < 0 or match["deg"].startswith("-") or letter in ("S", "W")
    return (-value if negative else value), letter


def parse_coordinates(text: str) -> tuple[float, float]:
    """(lat, lon) from typed text, or CoordinateError with a message for the user."""
    cleaned = (text or "").strip().translate(_MARKS).replace("''", '"')
    if not cleaned:
        raise CoordinateError(f"No coordinates given. {HELP}")
    # "39,03, 125,75" (decimal commas) is ambiguous with "39, 125": only a comma followed by a
    # space or a semicolon separates the two numbers, so "39,03" stays one number.
    one = _LETTER_FIRST if cleaned[0].isalpha() else _LETTER_AFTER
    pos = 0
    values: list[tuple[float, str | None]] = []
    while pos < len(cleaned) and len(values) < 3:
        m = one.match(cleaned, pos)
        if not m or m.end() == pos:
            break
        values.append(_value(m))
        pos = m.end()
    if len(values) != 2 or pos != len(cleaned):
        raise CoordinateError(f"Cannot read “{text.strip()[:60]}” as coordinates. {HELP}")
    (a, la), (b, lb) = values
    if la in ("E", "W") or lb in ("N", "S"):
        a, b, la, lb = b, a, lb, la
    if la in ("E", "W") or lb in ("N", "S"):
        raise CoordinateError(f"Both coordinates name the same axis. {HELP}")
    if not -90 <= a <= 90:
        raise CoordinateError(f"The latitude {a:g} is outside ±90. {HELP}")
    if not -180 <= b <= 180:
        raise CoordinateError(f"The longitude {b:g} is outside ±180. {HELP}")
    return a, b
