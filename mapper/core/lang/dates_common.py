"""Calendar helpers for the Russian and Korean date readers: a day, month or weekday without a
year resolved against the publication date, as the English reader does (dates.py), written
here so that the languages do not lean on that module's private functions."""
from __future__ import annotations

from datetime import date, timedelta

from ..dates import DateMention


def valid(y: int, m: int, d: int) -> bool:
    try:
        date(y, m, d)
    except ValueError:
        return False
    return True


def weekday_near(published: date, wd: int, future: bool) -> date:
    """The weekday `wd` (Monday 0) before publication (or on it), or the next one in future."""
    if future:
        return published + timedelta(days=(wd - published.weekday()) % 7 or 7)
    return published - timedelta(days=(published.weekday() - wd) % 7)


def month_day_year(published: date | None, m: int, d: int, future: bool, year: int | None) -> int | None:
    """The year of "9 May" without a year: the stated context year, else the publication's,
    moved a year back (or on, for a future) when that lands more than ~2 months the wrong side."""
    if year is not None:
        return year
    if published is None:
        return None
    y = published.year
    if not valid(y, m, d):
        return y
    when = date(y, m, d)
    if not future and (when - published).days > 60:
        return y - 1
    if future and (published - when).days > 60:
        return y + 1
    return y


def month_year(published: date | None, m: int, future: bool, year: int | None) -> int | None:
    if year is not None:
        return year
    if published is None:
        return None
    if not future and m > published.month + 1:
        return published.year - 1
    if future and m < published.month - 1:
        return published.year + 1
    return published.year


def mention(start: int, end: int, text: str, value: str, precision: str, how: str = "stated",
            anchor: str | None = None) -> DateMention:
    return DateMention(start=start, end=end, text=text[start:end], value=value, precision=precision,
                       timex=value, how=how, anchor=anchor)


def keep_longest(found: list[DateMention]) -> list[DateMention]:
    """Non-overlapping, the longer first, then in text order."""
    out: list[DateMention] = []
    for dm in sorted(found, key=lambda d: (-(d.end - d.start), d.start)):
        if all(dm.end <= o.start or dm.start >= o.end for o in out):
            out.append(dm)
    return sorted(out, key=lambda d: d.start)
