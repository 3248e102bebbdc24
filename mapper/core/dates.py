"""Date expressions in English news text, normalised against the publication date.

Qt-free and offline. Values are ISO-like strings at the precision the text supports:

    "YYYY-MM-DD" (precision "day"), "YYYY-MM" ("month"), "YYYY" ("year"),
    "YYYY" for a decade such as "the 1990s" ("decade"),
    "YYYY-MM-DD" of publication minus 7 days for "last week" ("week").

Rules (general English, no article-specific cases):

* Absolute dates: "May 2, 2020", "2 May 2020", "May 2nd 2020", "2020-05-02" -> day;
  "April 2019", "April of 2019" -> month; a year 1000-2100 -> year, but only in a
  year-ish context (after in/of/since/until/by/from/during/..., after a month name, or as
  a range "1941-1945"), never a bare count such as "345 graves" or "1,375".
* Year ranges "1941-1945" / "1941-45" keep the start year as value and the whole range as text.
* Relative dates need the publication date (otherwise they are dropped / return None):
  weekday names -> the most recent such day on or before publication ("last Friday" is
  strictly before, "next Friday" strictly after); "today", "yesterday", "tomorrow";
  "last week" -> published - 7 days with precision "week"; "last month"/"last year"/
  "this year"; "N days ago"; a month and day without year -> the most recent such day not
  after publication; a month alone ("in April") -> the most recent such month on or
  before publication ("last April" -> strictly before the publication month).
* Month names must be capitalised (so the modal "may" is never a month); a month
  without day or year needs a preposition-like word before it ("in May", "early May").

Spans of `find_dates` are relative to the given text and exclude the leading preposition
("on Friday" -> "Friday").
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

__all__ = ["DateMention", "find_dates", "normalise_date", "MONTHS", "WEEKDAYS"]

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
            "saturday": 5, "sunday": 6}
_SMALL_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
                  "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
                  "twelve": 12}

_MONTH_RE = (r"(?:January|February|March|April|May|June|July|August|September|October|"
             r"November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|"
             r"Oct\.?|Nov\.?|Dec\.?)")
_WEEKDAY_RE = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_YEAR = r"(?:1\d{3}|20\d{2})"
_ORD = r"(?:st|nd|rd|th)?"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])"

# Words after which a 4-digit number reads as a year.
_YEAR_CONTEXT = {
    "in", "of", "since", "until", "till", "til", "by", "from", "during", "before", "after",
    "around", "circa", "c.", "ca.", "early", "late", "mid", "mid-", "through", "throughout",
    "spring", "summer", "autumn", "fall", "winter", "year", "between", "to", "and", "or",
    "than", "the", "that", "this", "end", "beginning", "start", "as", "back",
}
# Lowercase words that may follow a year without making it a count ("in 1945 the ...").
_AFTER_YEAR_OK = {
    "the", "a", "an", "and", "or", "but", "when", "while", "after", "before", "as", "was",
    "were", "is", "it", "he", "she", "they", "we", "to", "for", "with", "at", "in", "on",
    "by", "that", "which", "who", "during", "of", "his", "her", "its", "their", "this",
    "has", "had", "have", "amid", "until", "since", "following", "saw", "said", "says",
    "alone", "onwards", "onward", "election", "elections", "census", "season", "war",
    "olympics", "games", "summit", "budget", "report", "world", "cup", "crisis", "pandemic",
}
_COUNT_NOUNS = {"people", "men", "women", "children", "staff", "personnel", "police",
                "cattle", "troops", "soldiers", "persons", "graves", "homes", "houses"}


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int  # relative to the text given to find_dates
    end: int
    text: str
    value: str  # YYYY-MM-DD, YYYY-MM or YYYY
    precision: str  # day, week, month, year, decade


# ---------------------------------------------------------------- calendar helpers

def _valid_day(y: int, m: int, d: int) -> bool:
    try:
        date(y, m, d)
    except ValueError:
        return False
    return True


def _month_num(word: str) -> int | None:
    return MONTHS.get(word.lower().rstrip("."))


def _most_recent_weekday(published: date, wd: int, strictly_before: bool = False) -> date:
    delta = (published.weekday() - wd) % 7
    if delta == 0 and strictly_before:
        delta = 7
    return published - timedelta(days=delta)


def _next_weekday(published: date, wd: int) -> date:
    delta = (wd - published.weekday()) % 7 or 7
    return published + timedelta(days=delta)


def _recent_month_day(published: date, m: int, d: int) -> date | None:
    for y in (published.year, published.year - 1, published.year - 2, published.year - 3,
              published.year - 4):
        if _valid_day(y, m, d) and date(y, m, d) <= published:
            return date(y, m, d)
    return None


def _recent_month(published: date, m: int, strictly_before: bool = False) -> str:
    y = published.year
    if m > published.month or (strictly_before and m == published.month):
        y -= 1
    return f"{y:04d}-{m:02d}"


# ---------------------------------------------------------------- pattern table

_Pattern = tuple[re.Pattern[str], str]
_PATTERNS: list[_Pattern] = [
    # ISO 2020-05-02
    (re.compile(rf"\b(?P<y>{_YEAR})-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])\b"), "iso"),
    # May 2, 2020 / May 2nd 2020 / Sept. 3, 1999
    (re.compile(rf"\b(?P<mon>{_MONTH_RE})\s+(?P<d>{_DAY}){_ORD},?\s+(?P<y>{_YEAR})\b"), "mdy"),
    # 2 May 2020 / 2nd of May, 2020
    (re.compile(rf"\b(?P<d>{_DAY}){_ORD}\s+(?:of\s+)?(?P<mon>{_MONTH_RE}),?\s+(?P<y>{_YEAR})\b"),
     "dmy"),
    # April 2019 / April of 2019
    (re.compile(rf"\b(?P<mon>{_MONTH_RE})\s+(?:of\s+)?(?P<y>{_YEAR})\b"), "my"),
    # April 15 / April 15th (no year)
    (re.compile(rf"\b(?P<mon>{_MONTH_RE})\s+(?P<d>{_DAY}){_ORD}\b(?![,.]?\s*\d)(?!-)"), "md"),
    # 15 April / 15th of April (no year)
    (re.compile(rf"\b(?P<d>{_DAY}){_ORD}\s+(?:of\s+)?(?P<mon>{_MONTH_RE})\b"), "dm"),
    # year ranges 1941-1945, 1941–45, 1941 to 1945
    (re.compile(rf"\b(?P<y>{_YEAR})\s*(?:-|–|—|to|until)\s*(?P<y2>\d{{4}}|\d{{2}})\b(?![-,.]?\d)"),
     "range"),
    # decades: the 1990s, the 1990's
    (re.compile(r"\b(?P<y>1\d{2}0|20\d0)'?s\b"), "decade"),
    # a bare year (context checked in code)
    (re.compile(rf"(?<![\d,.$£€-])\b(?P<y>{_YEAR})\b(?![,.]?\d)(?!-\w)(?!\s*(?:%|per\s?cent))"),
     "year"),
    # weekdays, optionally "last"/"next"/"this"
    (re.compile(rf"\b(?:(?P<rel>last|next|this|Last|Next|This)\s+)?(?P<wd>{_WEEKDAY_RE})\b"),
     "weekday"),
    # today / yesterday / tomorrow
    (re.compile(r"\b(?P<w>[Tt]oday|[Yy]esterday|[Tt]omorrow)\b"), "deictic"),
    # last week / last month / last year / this year / this month
    (re.compile(r"\b(?P<rel>[Ll]ast|[Tt]his|[Nn]ext)\s+(?P<unit>week|month|year)\b"), "relunit"),
    # N days/weeks ago
    (re.compile(r"\b(?P<n>\d{1,2}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|"
                r"eleven|twelve)\s+(?P<unit>days?|weeks?)\s+ago\b", re.I), "ago"),
    # a month alone: in April, early May, last April (context checked in code)
    (re.compile(rf"\b(?P<mon>{_MONTH_RE})\b(?!\s*\d)"), "month"),
]


def _prev_word(text: str, start: int) -> str:
    m = re.search(r"([A-Za-z][\w.]*-?)\s*$", text[:start])
    return m.group(1).lower() if m else ""


def _next_word(text: str, end: int) -> str:
    m = re.match(r"\s+([A-Za-z]+)", text[end:])
    return m.group(1) if m else ""


def _interpret(kind: str, m: re.Match[str], text: str,
               published: date | None) -> tuple[str, str, int] | None:
    """Return (value, precision, start_override) or None when the match is not a date."""
    g = m.groupdict()
    start = m.start()
    if kind == "iso":
        y, mo, d = int(g["y"]), int(g["m"]), int(g["d"])
        return (f"{y:04d}-{mo:02d}-{d:02d}", "day", start) if _valid_day(y, mo, d) else None
    if kind in ("mdy", "dmy"):
        y, mo, d = int(g["y"]), _month_num(g["mon"]), int(g["d"])
        if mo is None or not _valid_day(y, mo, d):
            return None
        return f"{y:04d}-{mo:02d}-{d:02d}", "day", start
    if kind == "my":
        mo = _month_num(g["mon"])
        if mo is None:
            return None
        return f"{int(g['y']):04d}-{mo:02d}", "month", start
    if kind in ("md", "dm"):
        mo, d = _month_num(g["mon"]), int(g["d"])
        if mo is None or published is None:
            return None
        when = _recent_month_day(published, mo, d)
        return (when.isoformat(), "day", start) if when else None
    if kind == "range":
        y1 = int(g["y"])
        y2s = g["y2"]
        y2 = int(y2s) if len(y2s) == 4 else (y1 // 100) * 100 + int(y2s)
        if not (y1 < y2 <= 2100 and y2 - y1 <= 150):
            return None
        return f"{y1:04d}", "year", start
    if kind == "decade":
        if _prev_word(text, start) not in ("the", "early", "late", "mid", "mid-", "since",
                                           "in", "of", "during", "through"):
            return None
        return g["y"], "decade", start
    if kind == "year":
        y = int(g["y"])
        if not 1000 <= y <= 2100:
            return None
        prev = _prev_word(text, start)
        if prev not in _YEAR_CONTEXT and _month_num(prev) is None:
            return None
        if prev == "than":
            return None  # "more than 2000" is a count
        if prev in ("and", "or", "to") and not re.search(rf"{_YEAR}\D{{1,12}}$", text[:start]):
            return None  # "1,000 and 2000" – only a year when a year precedes ("2019 and 2020")
        nxt = _next_word(text, m.end())
        if nxt and nxt[0].islower() and nxt not in _AFTER_YEAR_OK:
            if nxt in _COUNT_NOUNS or nxt.endswith("s"):
                return None  # "in 2000 homes"
        return f"{y:04d}", "year", start
    if published is None:
        return None
    if kind == "weekday":
        wd = WEEKDAYS[g["wd"].lower()]
        rel = (g["rel"] or "").lower()
        if rel == "next":
            return _next_weekday(published, wd).isoformat(), "day", start
        when = _most_recent_weekday(published, wd, strictly_before=(rel == "last"))
        if not rel:
            return when.isoformat(), "day", m.start("wd")
        return when.isoformat(), "day", start
    if kind == "deictic":
        w = g["w"].lower()
        offset = {"today": 0, "yesterday": -1, "tomorrow": 1}[w]
        return (published + timedelta(days=offset)).isoformat(), "day", start
    if kind == "relunit":
        rel, unit = g["rel"].lower(), g["unit"]
        step = {"last": -1, "this": 0, "next": 1}[rel]
        if unit == "week":
            return (published + timedelta(days=7 * step)).isoformat(), "week", start
        if unit == "month":
            y, mo = published.year, published.month + step
            if mo == 0:
                y, mo = y - 1, 12
            elif mo == 13:
                y, mo = y + 1, 1
            return f"{y:04d}-{mo:02d}", "month", start
        return f"{published.year + step:04d}", "year", start
    if kind == "ago":
        n_text = g["n"].lower()
        n = int(n_text) if n_text.isdigit() else _SMALL_NUMBERS[n_text]
        days = n * (7 if g["unit"].lower().startswith("week") else 1)
        return (published - timedelta(days=days)).isoformat(), "day", start
    if kind == "month":
        mo = _month_num(g["mon"])
        if mo is None or not g["mon"][0].isupper():
            return None
        prev = _prev_word(text, start)
        if g["mon"].endswith(".") or len(g["mon"].rstrip(".")) < 4 and g["mon"] != "May":
            return None  # bare abbreviations ("Mar", "Jan.") are too ambiguous alone
        if prev in ("last",):
            return _recent_month(published, mo, strictly_before=True), "month", start
        if prev in ("in", "since", "until", "till", "by", "during", "early", "late", "mid",
                    "mid-", "from", "through", "throughout", "of", "this", "before", "after",
                    "and", "or", "to"):
            if g["mon"] == "May" and prev in ("and", "or", "to"):
                return None  # "and may", "to May" – too risky for the modal
            return _recent_month(published, mo), "month", m.start("mon")
        return None
    return None


def find_dates(sentence_text: str, published: date | None) -> list[DateMention]:
    """All date mentions in `sentence_text`, in text order, non-overlapping.

    Longer, more specific patterns win over shorter ones that overlap them. Relative
    expressions are dropped when `published` is None.
    """
    found: list[tuple[int, int, DateMention]] = []
    taken: list[tuple[int, int]] = []
    for rank, (pattern, kind) in enumerate(_PATTERNS):
        for m in pattern.finditer(sentence_text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            res = _interpret(kind, m, sentence_text, published)
            if res is None:
                continue
            value, precision, start = res
            end = m.end()
            taken.append((m.start(), end))
            found.append((start, rank, DateMention(start, end, sentence_text[start:end],
                                                   value, precision)))
    found.sort(key=lambda t: (t[0], t[1]))
    return [dm for _, _, dm in found]


def normalise_date(phrase: str, published: date | None) -> str | None:
    """Normalise one date phrase ("on Tuesday", "April 2019", "1945") to YYYY[-MM[-DD]].

    A phrase that is only a 4-digit year 1000-2100 is accepted without context.
    Returns None when the phrase holds no recognisable date, or when it is relative and
    there is no publication date.
    """
    p = phrase.strip()
    if re.fullmatch(_YEAR, p):
        return p
    mentions = find_dates(p, published)
    if not mentions and p[:1].islower():
        # "april 2019" typed in lowercase by a user: retry capitalised (not for "may").
        mentions = find_dates(p[:1].upper() + p[1:], published)
    if not mentions:
        # A bare month ("April") given on its own: read it as "in April".
        if re.fullmatch(_MONTH_RE, p):
            mentions = find_dates("in " + p, published)
    return mentions[0].value if mentions else None
