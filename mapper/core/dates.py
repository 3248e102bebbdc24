"""Date expressions in English news text, normalised against the publication date and the
date context of their paragraph.

Qt-free and offline. Each `DateMention` carries two renderings of its value:

* `value`: an ISO-like string at the precision the text supports, always a prefix-
  comparable calendar string: "YYYY-MM-DD" (precision "day"), "YYYY-MM" ("month"),
  "YYYY" ("year", and also for "quarter", "half" and "season" mentions), "YYYY" of the
  decade's first year ("decade"), "YYYY-MM-DD" of publication minus 7 days for "last
  week" ("week"), the Saturday of a weekend ("weekend");
* `timex`: the TimeML/TIMEX3 value as TimeBank annotates it: "1998-01-08", "1998-01",
  "1998", "1989-Q3", "1990-H1", "1998-SU", "199" (the 1990s), "19" (the 20th century),
  "1989-W43-WE" (a weekend), "1989-W43" (the ISO week of "last week"; TimeBank itself
  writes "1989-WXX" for some of these), and, only when asked for with
  `refs=True`, "PRESENT_REF" ("now", "currently"), "PAST_REF" ("recently", "the past")
  and "FUTURE_REF" ("soon", "the future").

`how` says how the value was resolved ("stated", "publication", "clause", "paragraph",
"reference"), `anchor` the phrase it was resolved against (None for "stated" and
"publication"); `explain(mention)` puts that in words.

Rules (general English, no article-specific cases):

* Absolute dates: "May 2, 2020", "2 May 2020", "May 2nd 2020", "2020-05-02",
  "Saturday, May 2, 2020" -> day; "April 2019", "April of 2019", "January nineteen
  ninety-seven" -> month; "the third quarter of 1984", "the 1988 second quarter" ->
  quarter; "the summer of 2003" -> season; a year 1000-2100 -> year. A year 1900-2029 is
  a year unless it reads as a count ("than 2000", "2000 homes", "2000 people"); other
  years need a year-ish context (after in/of/since/until/...), or a range "1941-1945".
  Spelled years "nineteen ninety-six" too.
* Year ranges "1941-1945" / "1941-45" keep the start year as value and the whole range as text.
* Decades and centuries: "the 1990s", "the '90s", "the nineties" -> "199"; "the 20th
  century" -> "19"; "the last decade" -> the decade before publication's.
* Year context (clause and paragraph): a month and day, or a month, or a season without a
  year takes its year from
    1. a date with a stated year and a month earlier in the same clause, or a year
       phrase at the head of the clause ("In 2019, the parade on 9 May" -> 2019; "Last
       year the town ... on 9 May" -> the year before publication; not "a plan approved
       in 2011 that ... on 4 March"), else
    2. the last date with a stated year and a month ("April 2019", "March 3, 2018")
       earlier in the same paragraph (a line break ends a paragraph), also from the
       `context` text given before the sentence, else
    3. the publication date and the tense of the clause. The cue nearest before the
       date decides: a future cue ("will", "is due", "expected", "scheduled", "set to",
       "plans", "payable", "effective", "expires", "by"/"until" right before) -> the
       first one on or after publication (a month and day: up to about 6 months
       ahead); a past cue ("was", "had", "ended", "ago", ..., or "was/had" right after a
       fronted date) -> the most recent one; no cue: a month and day, or a month,
       starting up to 75 days after publication is this one, else the most recent;
       a weekday -> the most recent on or before publication.
* Relative to publication: weekday names (most recent on or before publication; with a
  future cue the next; "last Friday" strictly before, "next Friday"
  strictly after, "the previous Friday"); "today", "yesterday", "tomorrow" (not "of
  tomorrow" or "in today's world"); "last week", "this week", "next week"; "last/this/
  next month", "last/this/next year", "the past year"; "N days/weeks/months/years ago";
  "the weekend" (the last one on or before publication); seasons "this summer", "last
  fall" (the most recent one that has begun); "the current quarter".
* Quarters: "the third quarter", "third-quarter", "its fourth quarter", "the fiscal
  first quarter" -> the most recent such quarter that has begun by publication. "the
  quarter", "that quarter" -> the quarter last named in the text or in `context` (else
  the last complete quarter before publication); "the latest quarter", "last quarter"
  -> the last complete quarter; "the current quarter" -> publication's; "the year-ago quarter",
  "the year-earlier period", "a year ago", "a year earlier", "year-earlier" -> one year before the
  quarter last named in the text
  (before the month or day last named in the same sentence; else the year before
  publication: reference resolution, `how="reference"`).
* Month names must be capitalised (so the modal "may" is never a month); "May",
  "March", "April", "June" and "August" alone need a preposition-like word before them
  ("in May", "early May", "for June"), other months alone need no preceding capitalised
  word (not part of a name).

Spans of `find_dates` are relative to the given text and exclude the leading preposition
("on Friday" -> "Friday"); modifiers that are part of the expression stay ("early
November", "the third quarter").
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

__all__ = ["DateMention", "find_dates", "normalise_date", "explain", "same_clause",
           "clause_bounds", "MONTHS", "WEEKDAYS"]

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
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3,
             "4th": 4}
_SEASONS = {"spring": ("SP", 3), "summer": ("SU", 6), "fall": ("FA", 9), "autumn": ("FA", 9),
            "winter": ("WI", 12)}
_TENS = {"ten": 10, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
         "seventy": 70, "eighty": 80, "ninety": 90}
_UNITS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
          "eight": 8, "nine": 9}
_TEENS = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
          "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19}
_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
                 "seventies": 7, "eighties": 8, "nineties": 9}

_MONTH_RE = (r"(?:January|February|March|April|May|June|July|August|September|October|"
             r"November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|"
             r"Oct\.?|Nov\.?|Dec\.?)")
_WEEKDAY_RE = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_YEAR = r"(?:1\d{3}|20\d{2})"
_SPELLED_YEAR = (r"(?:[Nn]ineteen[- ](?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|"
                 r"ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|"
                 r"ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|"
                 r"nineteen)|[Tt]wo[- ]thousand(?:[- ](?:and[- ])?(?:one|two|three|four|five|"
                 r"six|seven|eight|nine|ten))?)")
_ORD = r"(?:st|nd|rd|th)?"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])"
_MOD = r"(?:(?:[Ee]arly|[Mm]id|[Ll]ate)[- ]|[Mm]id-?)"
_QORD = r"(?:[Ff]irst|[Ss]econd|[Tt]hird|[Ff]ourth|1st|2nd|3rd|4th)"

# Words after which a 4-digit number reads as a year.
_YEAR_CONTEXT = {
    "in", "of", "since", "until", "till", "til", "by", "from", "during", "before", "after",
    "around", "circa", "c.", "ca.", "early", "late", "mid", "mid-", "through", "throughout",
    "spring", "summer", "autumn", "fall", "winter", "year", "between", "to", "and", "or",
    "than", "the", "that", "this", "end", "beginning", "start", "as", "back", "fiscal",
    "calendar", "for", "into", "due", "its", "his", "her", "their", "our", "both",
}
# Lowercase words that may follow a year without making it a count ("in 1945 the ...").
_AFTER_YEAR_OK = {
    "the", "a", "an", "and", "or", "but", "when", "while", "after", "before", "as", "was",
    "were", "is", "it", "he", "she", "they", "we", "to", "for", "with", "at", "in", "on",
    "by", "that", "which", "who", "during", "of", "his", "her", "its", "their", "this",
    "has", "had", "have", "amid", "until", "since", "following", "saw", "said", "says",
    "alone", "onwards", "onward", "election", "elections", "census", "season", "war",
    "olympics", "games", "summit", "budget", "report", "world", "cup", "crisis", "pandemic",
    "earnings", "results", "sales", "levels", "operations", "figures", "profits", "losses",
    "revenues", "accounts", "talks", "riots", "protests", "floods", "attacks", "bombings",
}
_COUNT_NOUNS = {"people", "men", "women", "children", "staff", "personnel", "police",
                "cattle", "troops", "soldiers", "persons", "graves", "homes", "houses",
                "feet", "ft", "metres", "meters", "miles", "km", "tons", "tonnes", "shares",
                "barrels", "acres", "units", "jobs", "workers", "employees", "students",
                "residents", "votes", "cases", "deaths", "points", "yards", "pounds",
                "dollars", "euros", "copies", "cars", "vehicles", "bodies", "remains"}
_NOT_YEAR_BEFORE = {"than", "about", "some", "nearly", "almost", "over", "under", "only",
                    "just", "least", "most", "roughly", "approximately", "exactly", "all",
                    "number", "no", "page", "pages", "route", "flight", "room", "no.",
                    "model", "version", "highway", "interstate", "vol.", "issue", "item",
                    "paragraph", "article", "section", "chapter", "rule", "resolution",
                    "code", "figure", "table", "top", "another", "additional", "extra"}

_FUTURE_CUE = re.compile(
    r"(?<!-)\b(?:will|won't|'ll|shall|is\s+to|are\s+to|going\s+to|is\s+due|are\s+due|due\s+to|"
    r"due|scheduled|set\s+to|expected|expects?|expecting|plans?|planned|planning|intends?|"
    r"payable|effective|expires?|to\s+resume|to\s+begin|to\s+start|to\s+be\s+held|upcoming|"
    r"forthcoming|supposed\s+to|would)\b", re.I)
_PAST_CUE = re.compile(r"\b(?:was|were|had|did|ago|last|ended|closed|began|started|"
                       r"opened|rose|fell|bought|sold|announced|reported|purchased)\b", re.I)
# a full stop after an initial or a common abbreviation ends no sentence
_NOT_AFTER = "".join(f"(?-i:(?<!{a}))" for a in (
    r"\b[A-Z]", "Mr", "Mrs", "Ms", "Dr", "St", "Inc", "Co", "Corp", "Ltd", "Jr", "Sr", "Gen",
    "Rep", "Sen", "Gov", "Jan", "Feb", "Aug", "Sept", "Oct", "Nov", "Dec", "No", "Mt", "Ft"))
_CLAUSE_BREAK = re.compile(
    r"[;:()\[\]—–]|\s-\s|" + _NOT_AFTER + r"[.!?][\"'’”)]*\s+(?=[\"'“(]?[A-Z0-9])|\n|"
    r",\s+(?:which|who|whom|whose|where|when|while|whereas|but|although|though|after|"
    r"before|because|since|as)\b|\s(?:but|whereas|although)\s", re.I)
_SENT_BREAK = re.compile(_NOT_AFTER + r"[.!?][\"'’”)]*\s+(?=[\"'“(]?[A-Z0-9])|\n")


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int  # relative to the text given to find_dates
    end: int
    text: str
    value: str  # YYYY-MM-DD, YYYY-MM or YYYY (see the module docstring)
    precision: str  # day, week, weekend, month, quarter, half, season, year, decade, ...
    timex: str = ""  # TIMEX3 value as TimeBank annotates it
    how: str = "stated"  # stated, publication, clause, paragraph, reference
    anchor: str | None = None  # the phrase the value was resolved against
    anchor_where: str | None = None  # "in the same clause", "in the previous sentence", ...


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


def _next_weekday(published: date, wd: int, strictly: bool = True) -> date:
    delta = (wd - published.weekday()) % 7
    if delta == 0 and strictly:
        delta = 7
    return published + timedelta(days=delta)


def _month_day_near(published: date, m: int, d: int, tense: int) -> date | None:
    """The nearest such day: up to 75 days ahead, else the most recent one; a future cue
    (tense 1): the first one on or after publication, up to about 6 months ahead; a past
    cue (tense -1): the most recent one."""
    cands = [date(y, m, d) for y in range(published.year - 5, published.year + 2)
             if _valid_day(y, m, d)]
    if not cands:
        return None
    ahead = [c for c in cands if c >= published]
    before = [c for c in cands if c <= published]
    if tense > 0 and ahead and (ahead[0] - published).days <= 190:
        return ahead[0]
    if tense == 0 and ahead and (ahead[0] - published).days <= 75:
        return ahead[0]
    return before[-1] if before else None


def _recent_month(published: date, m: int, strictly_before: bool = False,
                  future: bool = False) -> str:
    y = published.year
    if future:
        if m < published.month:
            y += 1
    elif m > published.month or (strictly_before and m == published.month):
        y -= 1
    return f"{y:04d}-{m:02d}"


def _quarter_of(d: date) -> tuple[int, int]:
    return d.year, (d.month - 1) // 3 + 1


def _shift_q(y: int, q: int, n: int) -> tuple[int, int]:
    i = y * 4 + (q - 1) + n
    return i // 4, i % 4 + 1


def _week_timex(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def _spelled_year(words: str) -> int | None:
    w = re.split(r"[- ]+", words.lower())
    w = [x for x in w if x != "and"]
    if w[0] == "nineteen":
        rest = w[1:]
        if len(rest) == 1 and rest[0] in _TEENS:
            return 1900 + _TEENS[rest[0]]
        if rest and rest[0] in _TENS:
            return 1900 + _TENS[rest[0]] + (_UNITS.get(rest[1], 0) if len(rest) > 1 else 0)
        return None
    if w[:2] == ["two", "thousand"]:
        rest = w[2:]
        if not rest:
            return 2000
        return 2000 + (_UNITS.get(rest[0]) or (10 if rest[0] == "ten" else 0))
    return None


def _year_of(text: str) -> int | None:
    return int(text) if text.isdigit() else _spelled_year(text)


# ---------------------------------------------------------------- clauses

def clause_bounds(text: str, pos: int) -> tuple[int, int]:
    """(start, end) of the clause of `text` holding offset `pos`: bounded by sentence ends,
    line breaks, ; : brackets, dashes, and ", which/who/where/when/but/..." ."""
    start, end = 0, len(text)
    lo = max(0, pos - 400)
    for m in _CLAUSE_BREAK.finditer(text, lo, min(len(text), pos + 400)):
        if m.end() <= pos:
            start = m.end()
        elif m.start() >= pos:
            end = m.start()
            break
    return start, end


def same_clause(text: str, a: int, b: int) -> bool:
    """True when offsets a and b of `text` lie in one clause (see `clause_bounds`)."""
    lo, hi = min(a, b), max(a, b)
    return _CLAUSE_BREAK.search(text, lo, hi) is None


def _where(text: str, a_end: int, pos: int) -> str:
    if same_clause(text, a_end, pos):
        return "in the same clause"
    n = len(_SENT_BREAK.findall(text, a_end, pos))
    if n == 0:
        return "in the same sentence"
    if n == 1:
        return "in the previous sentence"
    return "earlier in the paragraph"


# ---------------------------------------------------------------- pattern table

_Pattern = tuple[re.Pattern[str], str]
_PATTERNS: list[_Pattern] = [
    # Saturday, April 25 (, 1998)
    (re.compile(rf"\b(?P<wd>{_WEEKDAY_RE}),?\s+(?P<mon>{_MONTH_RE})\s+(?P<d>{_DAY}){_ORD}\b"
                rf"(?:,?\s+(?P<y>{_YEAR})\b)?(?![,.]?\s*\d)(?!-)"), "wdmd"),
    # ISO 2020-05-02
    (re.compile(rf"\b(?P<y>{_YEAR})-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])\b"), "iso"),
    # May 2, 2020 / May 2nd 2020 / Sept. 3, 1999
    (re.compile(rf"\b(?P<mon>{_MONTH_RE})\s+(?P<d>{_DAY}){_ORD},?\s+(?P<y>{_YEAR})\b"), "mdy"),
    # 2 May 2020 / 2nd of May, 2020
    (re.compile(rf"\b(?P<d>{_DAY}){_ORD}\s+(?:of\s+)?(?P<mon>{_MONTH_RE}),?\s+(?P<y>{_YEAR})\b"),
     "dmy"),
    # quarters with an ordinal: the third quarter (of 1984), third-quarter, the 1988 second
    # quarter, this year's third quarter, the year-ago third quarter, the fiscal first quarter
    (re.compile(rf"\b(?:(?P<det>[Tt]he|[Ii]ts|[Tt]his|[Tt]hat|[Tt]heir|[Ll]ast|[Nn]ext|"
                rf"(?:[Tt]his|[Ll]ast|[Nn]ext)\s+year's|[Tt]he\s+(?:comparable\s+)?"
                rf"year-(?:ago|earlier)|[Tt]he\s+(?P<qy>{_YEAR}))\s+)?"
                rf"(?:(?:fiscal|calendar)[- ]?)?(?P<ord>{_QORD})[- ](?:fiscal[- ])?quarter\b"
                rf"(?:\s+(?:of\s+)?(?:fiscal\s+)?(?P<y>{_YEAR})\b)?"), "quarter"),
    # the first half (of 1990)
    (re.compile(rf"\b(?:(?P<det>[Tt]he|[Ii]ts|[Tt]his\s+year's)\s+)?(?P<ord>[Ff]irst|[Ss]econd)"
                rf"[- ]half\b(?:\s+of\s+(?:the\s+year\s+|(?:fiscal\s+)?(?P<y>{_YEAR})\b))?"),
     "half"),
    # the quarter / the latest quarter / the year-ago quarter / the quarter a year ago /
    # the 1988 quarter / the year-ago period
    (re.compile(rf"\b(?P<det>[Tt]he|[Tt]his|[Tt]hat|[Ii]ts|[Ll]ast|[Nn]ext|[Tt]he\s+(?:latest|"
                rf"current|previous|prior|past|same|recent|most\s+recent|comparable|"
                rf"year-ago|year-earlier|comparable\s+year-ago|comparable\s+year-earlier|"
                rf"(?P<qy>{_YEAR}))|[Tt]he\s+latest|[Tt]he\s+current)\s+(?:(?:fiscal|calendar)\s+)?"
                rf"(?P<unit>quarter|period)\b(?!-)(?:\s+a\s+year\s+(?P<ago>ago|earlier))?"),
     "relquarter"),
    # seasons: this summer, last fall, the spring of 1990, summer 1990
    (re.compile(rf"\b(?:(?P<rel>[Tt]his\s+past|[Tt]his\s+coming|[Tt]his|[Ll]ast|[Nn]ext|[Tt]he|"
                rf"{_MOD})\s*)?(?P<s>[Ss]pring|[Ss]ummer|[Ff]all|[Aa]utumn|[Ww]inter)\b"
                rf"(?:\s+(?:of\s+)?(?P<y>{_YEAR})\b)?"), "season"),
    # April 2019 / April of 2019 / early April 2019 / January nineteen ninety-seven
    (re.compile(rf"(?:\b{_MOD})?\b(?P<mon>{_MONTH_RE})\s+(?:of\s+)?(?P<y>{_YEAR}|{_SPELLED_YEAR})"
                rf"\b"), "my"),
    # April 15 / April 15th (no year)
    (re.compile(rf"\b(?P<mon>{_MONTH_RE})\s+(?P<d>{_DAY}){_ORD}\b(?![,.]?\s*\d)(?!-)"), "md"),
    # 15 April / 15th of April (no year)
    (re.compile(rf"\b(?P<d>{_DAY}){_ORD}\s+(?:of\s+)?(?P<mon>{_MONTH_RE})\b"), "dm"),
    # year ranges 1941-1945, 1941–45, 1941 to 1945
    (re.compile(rf"\b(?P<y>{_YEAR})\s*(?:-|–|—|to|until)\s*(?P<y2>\d{{4}}|\d{{2}})\b(?![-,.]?\d)"),
     "range"),
    # decades: the 1990s, the 1990's, the '90s, the nineties, the 20th century
    (re.compile(r"\b(?P<y>1\d{2}0|20\d0)'?s\b"), "decade"),
    (re.compile(r"\b(?P<the>[Tt]he\s+)(?:(?:early|mid|late)[- ])?(?:'|’)?(?P<yy>\d0)'?s\b"),
     "decade2"),
    (re.compile(r"\b(?P<the>[Tt]he\s+)(?:(?:early|mid|late)[- ])?(?:nineteen[- ])?"
                r"(?P<w>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b"),
     "decade3"),
    (re.compile(r"\b(?:(?P<the>[Tt]he)\s+)?(?P<c>1\d|20|21)(?:st|nd|rd|th)[- ]century\b|"
                r"\b(?P<the2>[Tt]he)\s+(?P<cw>nineteenth|twentieth|twenty-first)\s+century\b"),
     "century"),
    (re.compile(r"\b[Tt]he\s+(?:last|past|previous)\s+decade\b"), "lastdecade"),
    # spelled years: nineteen ninety-six, the year two thousand
    (re.compile(rf"\b(?:[Tt]he\s+year\s+)?(?P<y>{_SPELLED_YEAR})\b(?![- ](?:percent|per|"
                rf"dollars|people|million|billion|thousand|hundred))"), "spelled"),
    # a bare year (context checked in code)
    (re.compile(rf"(?<![\d,.$£€-])\b(?P<y>{_YEAR})\b(?![,.]?\d)(?!-\w)(?!\s*(?:%|per\s?cent))"),
     "year"),
    # the previous Friday, weekdays, optionally "last"/"next"/"this"
    (re.compile(rf"\b(?:(?P<rel>last|next|this|Last|Next|This|the\s+previous|the\s+following|"
                rf"The\s+previous|The\s+following)\s+)?(?P<wd>{_WEEKDAY_RE})\b"), "weekday"),
    # the weekend, last weekend, this weekend
    (re.compile(r"\b(?P<rel>[Tt]he|[Tt]his|[Ll]ast|[Nn]ext|[Tt]hat)\s+weekend\b"), "weekend"),
    # today / yesterday / tomorrow
    (re.compile(r"\b(?P<w>[Tt]oday|[Yy]esterday|[Tt]omorrow)\b"), "deictic"),
    # later this year, last week / this month / next year / the past year / the year
    (re.compile(r"\b(?:(?P<mod>[Ll]ater|[Ee]arlier|[Ll]ate|[Ee]arly)\s+)?"
                r"(?P<rel>[Ll]ast|[Tt]his|[Nn]ext|[Tt]he\s+past|[Tt]he\s+previous|[Tt]he\s+prior|"
                r"[Tt]he\s+coming|[Tt]he\s+following|[Tt]he\s+current(?:\s+fiscal|\s+calendar)?|"
                r"[Tt]he\s+same|[Tt]hat|[Tt]he)\s+(?P<unit>week|month|year)\b(?!-)(?!\s+(?:old|long|"
                r"ago|earlier|before))"), "relunit"),
    # year-end / year's end / the end of the year
    (re.compile(r"\b(?:[Tt]he\s+end\s+of\s+the\s+year|year[- ]end|year's\s+end)\b"), "yearend"),
    # a year ago / a year earlier / year-earlier / year-ago (reference resolution)
    (re.compile(r"\b(?P<a>[Aa]\s+year\s+(?:ago|earlier|before)|[Tt]he\s+year\s+before|"
                r"[Yy]ear-(?:earlier|ago))\b(?!\s+(?:quarter|period))"), "yearago"),
    # N days/weeks/months/years ago
    (re.compile(r"\b(?:(?:nearly|almost|about|some|more\s+than|over|just|only|roughly)\s+)?"
                r"(?P<n>\d{1,2}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|"
                r"eleven|twelve)\s+(?P<unit>days?|weeks?|months?|years?)\s+ago\b", re.I), "ago"),
    # a month alone: in April, early May, last April (context checked in code)
    (re.compile(rf"(?:\b{_MOD})?\b(?P<mon>{_MONTH_RE})\b(?!\s*\d)"), "month"),
]

# Expressions without a calendar value (TIMEX3 PRESENT_REF / PAST_REF / FUTURE_REF);
# found only with refs=True.
_REF_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\b(?:[Rr]ecent|[Pp]ast)\s+(?:years|months|weeks|days)(?:\s+and\s+"
                r"(?:years|months|weeks|days))?\b|\b[Tt]he\s+(?:last|past)\s+(?:few|several)\s+"
                r"(?:years|months|weeks|days|quarters)\b|\b(?:[Ss]everal|[Aa]\s+few)\s+years\s+"
                r"ago\b|\b[Rr]ecently\b|\b[Tt]he\s+past\b(?!\s+\w+"
                r"\s+(?:years|months|weeks|days))|\b(?<=the\s)recent\b|\b[Rr]ecent\b(?=\s+[a-z]+)"),
     "PAST_REF"),
    (re.compile(r"\b(?:[Nn]ow|[Cc]urrently|[Tt]hese\s+days|[Nn]owadays|[Aa]t\s+present|"
                r"[Pp]resently)\b|\b(?<=the\s)current\b(?!\s+(?:account|quarter|"
                r"year|month|week|period|fiscal))"), "PRESENT_REF"),
    (re.compile(r"\b[Tt]he\s+(?:near|short|long)\s+term\b|\b[Tt]he\s+future\b|\b[Ff]uture\b(?=\s+"
                r"[a-z]+s\b)|\b[Ss]oon\b(?!\s+(?:after|afterwards|as|thereafter))|"
                r"\b(?:[Tt]he\s+)?coming\s+(?:years|months|weeks|days)\b|\b[Aa]\s+later\s+date\b"),
     "FUTURE_REF"),
]


def _prev_word(text: str, start: int) -> str:
    m = re.search(r"([A-Za-z][\w.']*-?)\s*$", text[max(0, start - 40):start])
    return m.group(1).lower() if m else ""


def _next_word(text: str, end: int) -> str:
    m = re.match(r"\s+([A-Za-z]+)", text[end:end + 40])
    return m.group(1) if m else ""


def _tense(text: str, start: int) -> int:
    """-1 for a past cue close before `start` in its clause ("was", "ended", "ago"), 1 for
    a future cue in the clause before it ("will", "is due", "by"/"until" right before),
    else 0."""
    c0, c1 = clause_bounds(text, start)
    before = text[max(c0, start - 120):start]
    past = [m.end() for m in _PAST_CUE.finditer(before, max(0, len(before) - 40))]
    if not past and re.search(r"\b(?:by|until|till|before)\s*$", before, re.I):
        return 1
    future = [m.end() for m in _FUTURE_CUE.finditer(before)]
    if past or future:  # the cue nearest the date decides ("had been set to expire")
        return -1 if (past[-1] if past else -1) > (future[-1] if future else -1) else 1
    after = text[start:min(c1, start + 60)]  # a fronted date: "In May, the firm sold ..."
    if re.search(r"\b(?:was|were|had|did)\b", after, re.I):
        return -1
    return 0


def _future(text: str, start: int) -> bool:
    return _tense(text, start) > 0


class _State:
    """What resolution of relative expressions looks at: the text, the publication date,
    explicit year anchors, the last quarter and the last mention named in the text."""

    def __init__(self, text: str, published: date | None, ctx_anchor: tuple[int, str] | None):
        self.text = text
        self.published = published
        self.ctx_anchor = ctx_anchor  # (year, phrase) from the context text
        self.anchors: list[tuple[int, int, int, str, str]] = []  # start, end, year, phrase, kind
        self.last_quarter: tuple[int, int, str] | None = None  # (y, q, phrase)
        self.mentions: list[DateMention] = []

    def year_for(self, pos: int) -> tuple[int, str, str, str] | None:
        """(year, how, anchor phrase, where) from the clause or paragraph before pos."""
        text = self.text
        para = text.rfind("\n", 0, pos) + 1
        best = None
        for s, e, y, phrase, kind in self.anchors:
            if e > pos or s < para:
                continue
            if same_clause(text, e, pos):
                if kind in ("month", "day") or _fronted(text, s):
                    best = (y, "clause", phrase, "in the same clause")
            elif kind in ("month", "day"):
                best = (y, "paragraph", phrase, _where(text, e, pos))
        if best:
            return best
        if self.ctx_anchor and para == 0:
            y, phrase = self.ctx_anchor
            return y, "paragraph", phrase, "earlier in the paragraph"
        return None


def _fronted(text: str, s: int) -> bool:
    """A year phrase at the head of its clause ("In 2019, ...", "Last year the ...")
    scopes over the clause; one inside it ("a plan approved in 2019 that ...") does not."""
    c0, _ = clause_bounds(text, s)
    return re.fullmatch(r"[\s\"'“(,]*(?:(?:[Ii]n|[Dd]uring|[Bb]y|[Ss]ince|[Tt]hroughout|[Ee]arly|"
                        r"[Ll]ate|[Aa]nd|[Bb]ut|[Tt]hen|[Ss]o)\s+)*(?:[Ii]n\s+)?",
                        text[c0:s]) is not None


def _ctx_anchor(context: str | None) -> tuple[int, str] | None:
    if not context:
        return None
    para = context[context.rfind("\n") + 1:]
    if not para.strip() or not re.search(r"\d{4}|[Nn]ineteen|[Tt]housand", para):
        return None  # every anchor holds a year
    last = None
    for pat, _kind in _PATTERNS[1:4] + [p for p in _PATTERNS if p[1] == "my"]:
        for m in pat.finditer(para):
            y = _year_of(m.group("y"))
            if y and (last is None or m.start() > last[0]):
                last = (m.start(), y, m.group(0))
    return (last[1], last[2]) if last else None


# Result of a handler: (value, precision, timex, start, how, anchor, anchor_where)
_Res = tuple[str, str, str, int, str, str | None, str | None]


def _accept(kind: str, m: re.Match[str], text: str) -> bool:
    """Context checks that decide whether a match is a date at all (no resolution); kinds
    without a check in _ACCEPT_CHECKS are always dates."""
    check = _ACCEPT_CHECKS.get(kind)
    return True if check is None else check(m, text)


def _accept_range(m: re.Match[str], text: str) -> bool:
    """A year range "1941-1945", "1941-45": a later end year, at most 150 years on."""
    g = m.groupdict()
    y1 = int(g["y"])
    y2s = g["y2"]
    y2 = int(y2s) if len(y2s) == 4 else (y1 // 100) * 100 + int(y2s)
    return y1 < y2 <= 2100 and y2 - y1 <= 150


def _accept_decade(m: re.Match[str], text: str) -> bool:
    """A decade "the 1990s", "in 1990's": only after "the", "early", "since", "in", ..."""
    return _prev_word(text, m.start()) in ("the", "early", "late", "mid", "mid-", "since",
                                           "in", "of", "during", "through", "'s")


def _accept_year(m: re.Match[str], text: str) -> bool:
    """A bare year "1945": not a count ("than 2000", "2000 homes", "1945 Soviet soldiers")."""
    g = m.groupdict()
    start = m.start()
    y = int(g["y"])
    if not 1000 <= y <= 2100:
        return False
    prev = _prev_word(text, start)
    if prev == "than" or prev in _NOT_YEAR_BEFORE:
        return False
    if text[max(0, start - 2):start].strip() in ("#", "No", "no"):
        return False
    nxt = _next_word(text, m.end())
    if nxt and nxt[0].islower() and nxt not in _AFTER_YEAR_OK:
        if nxt.lower() in _COUNT_NOUNS or nxt.endswith("s"):
            return False  # "in 2000 homes"
    if nxt.lower() in _COUNT_NOUNS:
        return False
    if 1900 <= y <= 2029:
        if prev not in _YEAR_CONTEXT and any(
                w.lower() in _COUNT_NOUNS for w in
                re.findall(r"[A-Za-z]+", text[m.end():m.end() + 40])[:3]):
            return False  # "buried 1945 Soviet soldiers" is a count
        if prev in ("and", "or", "to") and not re.search(rf"{_YEAR}\D{{1,12}}$",
                                                         text[:start]):
            return False
        return True
    if prev not in _YEAR_CONTEXT and _month_num(prev) is None and \
            not text[max(0, start - 3):start].endswith("'s "):
        return False
    if prev in ("and", "or", "to") and not re.search(rf"{_YEAR}\D{{1,12}}$", text[:start]):
        return False  # "1,000 and 2000" – only a year when a year precedes ("2019 and 2020")
    return True


def _accept_month(m: re.Match[str], text: str) -> bool:
    """A month alone "in April", "early May": capitalised, and never the modal "may"."""
    g = m.groupdict()
    mon = g["mon"]
    if _month_num(mon) is None or not mon[0].isupper():
        return False
    if mon.endswith(".") or len(mon.rstrip(".")) < 4 and mon != "May":
        return False  # bare abbreviations ("Mar", "Jan.") are too ambiguous alone
    if m.group(0) != mon:
        return True  # "early May"
    prev = _prev_word(text, m.start("mon"))
    if prev in ("in", "since", "until", "till", "by", "during", "early", "late", "mid",
                "mid-", "from", "through", "throughout", "of", "this", "before", "after",
                "for", "last", "next", "a"):
        return True
    if prev in ("and", "or", "to"):
        return mon != "May"  # "and may", "to May" – too risky for the modal
    if mon in ("May", "March", "April", "June", "August"):
        return False
    before = text[max(0, m.start() - 2):m.start()]
    if re.search(r"[A-Z][\w.]*\s$", text[max(0, m.start() - 30):m.start()]) or \
            re.match(r"\s+[A-Z]", text[m.end():m.end() + 2]):
        return False  # part of a name
    return before.strip() not in ("", "\"", "“") or m.start() > 0


def _accept_season(m: re.Match[str], text: str) -> bool:
    """A season "this summer", "the fall of 1990": not a name ("Summer Palace") nor a
    noun ("the fall of the wall", "the fall in prices", a year-less "spring of/in")."""
    g = m.groupdict()
    s = g["s"]
    if s[0].isupper() and not g["rel"] and m.start() > 0 and \
            text[max(0, m.start() - 2):m.start()].strip() not in (".", "\""):
        return False  # "Summer Palace"
    if not g["rel"] and not g["y"]:
        return _prev_word(text, m.start()) in ("in", "during", "by", "until", "over",
                                               "through", "since", "this", "last", "next")
    if s.lower() == "fall" and not g["y"]:
        if (g["rel"] or "").lower() not in ("this", "last", "next", "the", "this past",
                                            "this coming", "early", "late", "mid-"):
            return False
        if re.match(r"\s+(?:of|in|on|from|to|by)\b", text[m.end():m.end() + 6]):
            return False  # "the fall of the wall", "the fall in prices"
        if (g["rel"] or "").lower() == "the" and _prev_word(text, m.start()) not in (
                "in", "during", "by", "until", "over", "through", "since", "this",
                "for", "after", "before", "late", "early"):
            return False
    if s.lower() in ("spring",) and re.match(r"\s+(?:of|in)\b", text[m.end():m.end() + 5]) \
            and not g["y"]:
        return False
    return True


def _accept_deictic(m: re.Match[str], text: str) -> bool:
    """"today", "yesterday", "tomorrow": not "in today's world", "of tomorrow", "Radio Today"."""
    g = m.groupdict()
    start = m.start()
    w = g["w"]
    nxt = text[m.end():m.end() + 2]
    if nxt.startswith("'") or nxt.startswith("’"):
        if _prev_word(text, start) in ("of", "in"):
            return False  # "in today's world"
    if _prev_word(text, start) == "of" and w.lower() == "tomorrow":
        return False
    if w[0].isupper() and re.search(r"[A-Za-z]\s$", text[max(0, start - 2):start]):
        return False  # "Radio Today"
    return True


def _accept_relunit(m: re.Match[str], text: str) -> bool:
    """"last week", "this month", "the year": "the week/year" only as a time adverbial."""
    g = m.groupdict()
    rel = g["rel"].lower()
    if rel in ("the same", "that"):
        return True  # "the same year", "that month": always a time, wherever it stands
    if rel == "the":
        # "the week/month/year" only as a time adverbial
        return g["unit"] != "month" and _prev_word(text, m.start()) in (
            "for", "during", "in", "over", "throughout", "this", "of", "since") or \
            bool(g["mod"])
    return True


# Context checks by pattern kind; any other kind (decade2, decade3, century, ...) is a date.
_ACCEPT_CHECKS: dict[str, Callable[[re.Match[str], str], bool]] = {
    "range": _accept_range,
    "decade": _accept_decade,
    "year": _accept_year,
    "month": _accept_month,
    "season": _accept_season,
    "deictic": _accept_deictic,
    "relunit": _accept_relunit,
}


def _resolve(kind: str, m: re.Match[str], text: str, st: _State) -> _Res | None:
    """Value of an accepted match; None when it cannot be resolved (no publication)."""
    rule = _RESOLVE_RULES.get(kind)
    return None if rule is None else rule(m, text, st)


def _stated(v: str, prec: str, start: int) -> _Res:
    """A value the text states outright: its TIMEX3 value is the value itself."""
    return v, prec, v, start, "stated", None, None


def _resolve_iso(m: re.Match[str], text: str, st: _State) -> _Res | None:
    """ISO "2020-05-02"."""
    g = m.groupdict()
    y, mo, d = int(g["y"]), int(g["m"]), int(g["d"])
    return _stated(f"{y:04d}-{mo:02d}-{d:02d}", "day", m.start()) if _valid_day(y, mo, d) else None


def _resolve_full_date(m: re.Match[str], text: str, st: _State) -> _Res | None:
    """Month, day and year: "May 2, 2020", "2 May 2020", "Saturday, May 2, 2020"."""
    g = m.groupdict()
    y, mo, d = int(g["y"]), _month_num(g["mon"]), int(g["d"])
    if mo is None or not _valid_day(y, mo, d):
        return None
    return _stated(f"{y:04d}-{mo:02d}-{d:02d}", "day", m.start())


def _resolve_month_year(m: re.Match[str], text: str, st: _State) -> _Res | None:
    """A month and year: "April 2019", "April of 2019", "January nineteen ninety-seven"."""
    g = m.groupdict()
    mo, y = _month_num(g["mon"]), _year_of(g["y"])
    if mo is None or y is None:
        return None
    return _stated(f"{y:04d}-{mo:02d}", "month", m.start())


def _resolve_month_day(m: re.Match[str], text: str, st: _State) -> _Res | None:
    """A month and day without a year: "April 15", "15th of April": the year from the clause
    or paragraph, else from publication and tense."""
    g = m.groupdict()
    start = m.start()
    pub = st.published
    mo, d = _month_num(g["mon"]), int(g["d"])
    if mo is None:
        return None
    anchor = st.year_for(start)
    if anchor and _valid_day(anchor[0], mo, d):
        y, how, phrase, where = anchor
        v = f"{y:04d}-{mo:02d}-{d:02d}"
        return v, "day", v, start, how, phrase, where
    if pub is None:
        return None
    when = _month_day_near(pub, mo, d, _tense(text, start))
    return (when.isoformat(), "day", when.isoformat(), start, "publication", None, None) \
        if when else None


def _resolve_weekday_month_day(m: re.Match[str], text: str, st: _State) -> _Res | None:
    """"Saturday, April 25" with a year is a full date, without one a month and day."""
    if m.groupdict().get("y"):
        return _resolve_full_date(m, text, st)
    return _resolve_month_day(m, text, st)


def _resolve_month(m: re.Match[str], text: str, st: _State) -> _Res | None:
    """A month alone: "in April", "last April", "next May"."""
    g = m.groupdict()
    start = m.start()
    pub = st.published
    mo = _month_num(g["mon"])
    if mo is None:
        return None
    anchor = st.year_for(start)
    prev = _prev_word(text, m.start("mon"))
    if anchor and prev not in ("last", "next"):
        y, how, phrase, where = anchor
        v = f"{y:04d}-{mo:02d}"
        return v, "month", v, start, how, phrase, where
    if pub is None:
        return None
    if prev == "next":
        v = _recent_month(pub, mo, future=True)
        if v == f"{pub.year:04d}-{pub.month:02d}":
            v = f"{pub.year + 1:04d}-{mo:02d}"
    elif prev == "last":
        v = _recent_month(pub, mo, strictly_before=True)
    else:
        tense = _tense(text, start)
        v = _recent_month(pub, mo, future=tense > 0)
        ahead = date(pub.year + (mo < pub.month), mo, 1)
        if tense == 0 and mo != pub.month and (ahead - pub).days <= 75:
            v = f"{ahead.year:04d}-{mo:02d}"  # the nearest: a month just ahead
    return v, "month", v, start, "publication", None, None


def _resolve_range(m: re.Match[str], text: str, st: _State) -> _Res | None:
    """A year range "1941-1945": its start year."""
    return _stated(f"{int(m.groupdict()['y']):04d}", "year", m.start())


def _resolve_decade(m: re.Match[str], text: str, st: _State) -> _Res | None:
    """A decade in digits: "the 1990s", "1990's"."""
    y = m.groupdict()["y"]
    return y, "decade", y[:3], m.start(), "stated", None, None


def _resolve_short_decade(m: re.Match[str], text: str, st: _State) -> _Res | None:
    """A two-digit decade "the '90s", "the 20s": the century the publication makes likely."""
    pub = st.published
    yy = int(m.groupdict()["yy"])
    y = 1900 + yy if yy >= 30 or pub is None or pub.year < 2000 else 2000 + yy
    if pub is not None and y > pub.year:
        y -= 100
    return f"{y:04d}", "decade", f"{y:04d}"[:3], m.start(), "stated", None, None


def _resolve_decade_word(m: re.Match[str], text: str, st: _State) -> _Res | None:
    """A spelled decade "the nineties", "the nineteen-sixties": in the 1900s."""
    y = 1900 + 10 * _DECADE_WORDS[m.groupdict()["w"].lower()]
    return f"{y:04d}", "decade", f"{y:04d}"[:3], m.start(), "stated", None, None


def _resolve_century(m: re.Match[str], text: str, st: _State) -> _Res | None:
    """A century "the 20th century", "the twentieth century"."""
    g = m.groupdict()
    c = int(g["c"]) if g.get("c") else {"nineteenth": 19, "twentieth": 20,
                                          "twenty-first": 21}[g["cw"].lower()]
    return f"{(c - 1) * 100:04d}", "century", f"{c - 1:02d}", m.start(), "stated", None, None


def _resolve_last_decade(m: re.Match[str], text: str, st: _State) -> _Res | None:
    """"the last decade", "the past decade": the decade before publication's."""
    pub = st.published
    if pub is None:
        return None
    y = (pub.year // 10 - 1) * 10
    return f"{y:04d}", "decade", f"{y:04d}"[:3], m.start(), "publication", None, None


def _resolve_spelled_year(m: re.Match[str], text: str, st: _State) -> _Res | None:
    """A spelled year "nineteen ninety-six", "the year two thousand"."""
    y = _spelled_year(m.groupdict()["y"])
    if y is None:
        return None
    return _stated(f"{y:04d}", "year", m.start())


def _resolve_year(m: re.Match[str], text: str, st: _State) -> _Res | None:
    """A bare year "1945"."""
    return _stated(f"{int(m.groupdict()['y']):04d}", "year", m.start())


def _resolve_quarter(m: re.Match[str], text: str, st: _State) -> _Res | None:
    """A quarter with an ordinal: "the third quarter (of 1984)", "last year's fourth quarter",
    "the year-ago third quarter"; it becomes the quarter later references point to."""
    g = m.groupdict()
    start = m.start()
    pub = st.published
    q = _ORDINALS[g["ord"].lower()]
    det = re.sub(r"\s+", " ", (g["det"] or "").lower())
    y: int | None = None
    how, phrase, where = "stated", None, None
    if g.get("y"):
        y = int(g["y"])
    elif g.get("qy"):
        y = int(g["qy"])
    elif det.startswith(("last year", "next year", "this year")):
        if pub is None:
            return None
        y = pub.year + {"last": -1, "next": 1, "this": 0}[det.split()[0]]
        how = "publication"
    else:
        anchor = st.year_for(start)
        if anchor:
            y, how, phrase, where = anchor
        elif pub is not None:
            py, pq = _quarter_of(pub)
            y = py if q <= pq else py - 1
            how = "publication"
        else:
            return None
    if "year-ago" in det or "year-earlier" in det:
        y -= 1
        how = "reference" if how == "stated" else how
    st.last_quarter = (y, q, m.group(0))
    return f"{y:04d}", "quarter", f"{y:04d}-Q{q}", start, how, phrase, where


def _resolve_half(m: re.Match[str], text: str, st: _State) -> _Res | None:
    """A half year "the first half (of 1990)"."""
    g = m.groupdict()
    start = m.start()
    pub = st.published
    h = 1 if g["ord"].lower() == "first" else 2
    if g.get("y"):
        y = int(g["y"])
        return f"{y:04d}", "half", f"{y:04d}-H{h}", start, "stated", None, None
    anchor = st.year_for(start)
    if anchor:
        y = anchor[0]
        return f"{y:04d}", "half", f"{y:04d}-H{h}", start, anchor[1], anchor[2], anchor[3]
    if pub is None:
        return None
    y = pub.year if h == 1 or pub.month > 6 else pub.year - 1
    return f"{y:04d}", "half", f"{y:04d}-H{h}", start, "publication", None, None


def _resolve_relative_quarter(m: re.Match[str], text: str, st: _State) -> _Res | None:
    """A quarter without an ordinal: "the quarter", "the latest quarter", "the year-ago
    quarter", "the quarter a year ago", "the 1988 quarter", "the year-ago period"."""
    g = m.groupdict()
    start = m.start()
    pub = st.published
    det = re.sub(r"\s+", " ", g["det"].lower())
    ago = bool(g["ago"]) or "year-ago" in det or "year-earlier" in det
    if g["unit"] == "period" and not (ago or "latest" in det or g.get("qy")):
        return None
    if pub is None and st.last_quarter is None:
        return None
    if det in ("this", "the current") or "current" in det:
        if pub:
            y, q = _quarter_of(pub)
        else:
            assert st.last_quarter is not None  # checked above: one of the two is known
            y, q = st.last_quarter[:2]
        how, phrase = "publication", None
    elif det in ("last", "the previous", "the prior", "the past", "the latest",
                 "the most recent") and pub:
        y, q = _shift_q(*_quarter_of(pub), -1)
        how, phrase = "publication", None
    elif det == "next" and pub:
        y, q = _shift_q(*_quarter_of(pub), 1)
        how, phrase = "publication", None
    elif st.last_quarter is not None:
        y, q, phrase = st.last_quarter
        how = "reference"
    else:
        assert pub is not None  # checked above: one of the two is known
        y, q = _shift_q(*_quarter_of(pub), -1)
        how, phrase = "publication", None
    if g.get("qy"):
        y = int(g["qy"])
        how = "stated" if st.last_quarter is None else "reference"
    if ago:
        y -= 1
    where = _where(text, 0, start) if phrase and phrase in text[:start] else (
        "earlier in the text" if phrase else None)
    if not ago and how != "stated":
        st.last_quarter = (y, q, st.last_quarter[2] if st.last_quarter else m.group(0))
    return f"{y:04d}", "quarter", f"{y:04d}-Q{q}", start, how, phrase, where


def _resolve_season(m: re.Match[str], text: str, st: _State) -> _Res | None:
    """A season "this summer", "last fall", "the spring of 1990": without a year, the most
    recent one that has begun."""
    g = m.groupdict()
    start = m.start()
    pub = st.published
    code, first_month = _SEASONS[g["s"].lower()]
    rel = re.sub(r"\s+", " ", (g["rel"] or "").lower())
    if g.get("y"):
        y = int(g["y"])
        return f"{y:04d}", "season", f"{y:04d}-{code}", start, "stated", None, None
    anchor = st.year_for(start)
    if anchor and rel not in ("last", "next", "this past", "this coming"):
        y = anchor[0]
        return f"{y:04d}", "season", f"{y:04d}-{code}", start, anchor[1], anchor[2], \
            anchor[3]
    if pub is None:
        return None
    begun = pub.month >= first_month
    if rel in ("last", "this past"):
        y = pub.year if begun and pub.month >= first_month + 3 else pub.year - 1
    elif rel in ("next", "this coming"):
        y = pub.year + 1 if begun else pub.year
    else:
        y = pub.year
    return f"{y:04d}", "season", f"{y:04d}-{code}", start, "publication", None, None


def _resolve_weekday(m: re.Match[str], text: str, st: _State) -> _Res | None:
    """A weekday "Friday", "last Friday", "next Friday", "the previous Friday"."""
    g = m.groupdict()
    start = m.start()
    pub = st.published
    if pub is None:
        return None
    wd = WEEKDAYS[g["wd"].lower()]
    rel = re.sub(r"\s+", " ", (g["rel"] or "").lower())
    if rel in ("next", "the following"):
        when = _next_weekday(pub, wd)
    elif rel in ("last", "the previous"):
        when = _most_recent_weekday(pub, wd, strictly_before=True)
    elif rel == "this":
        when = _most_recent_weekday(pub, wd) if not _future(text, start) else \
            _next_weekday(pub, wd, strictly=False)
    elif _future(text, start):
        when = _next_weekday(pub, wd, strictly=False)
    else:
        when = _most_recent_weekday(pub, wd)
    s = m.start("wd") if not rel else start
    return when.isoformat(), "day", when.isoformat(), s, "publication", None, None


def _resolve_weekend(m: re.Match[str], text: str, st: _State) -> _Res | None:
    """"the weekend", "last weekend", "next weekend": its Saturday."""
    start = m.start()
    pub = st.published
    if pub is None:
        return None
    rel = m.groupdict()["rel"].lower()
    sat = _most_recent_weekday(pub, 5)
    if rel == "next" or rel == "this" and pub.weekday() < 5 or \
            rel == "the" and _future(text, start):
        sat = _next_weekday(pub, 5, strictly=False)
    y, w, _ = sat.isocalendar()
    return sat.isoformat(), "weekend", f"{y:04d}-W{w:02d}-WE", start, "publication", None, \
        None


def _resolve_deictic(m: re.Match[str], text: str, st: _State) -> _Res | None:
    """"today", "yesterday", "tomorrow"."""
    pub = st.published
    if pub is None:
        return None
    w = m.groupdict()["w"].lower()
    offset = {"today": 0, "yesterday": -1, "tomorrow": 1}[w]
    v = (pub + timedelta(days=offset)).isoformat()
    return v, "day", v, m.start(), "publication", None, None


def _resolve_relative_unit(m: re.Match[str], text: str, st: _State) -> _Res | None:
    """"last week", "this month", "next year", "the past year", "the following year": from
    the mention before (for "the following") or from publication."""
    g = m.groupdict()
    start = m.start()
    pub = st.published
    if pub is None:
        return None
    rel = re.sub(r"\s+", " ", g["rel"].lower())
    unit = g["unit"]
    step = {"last": -1, "this": 0, "next": 1, "the past": -1, "the previous": -1,
            "the prior": -1, "the coming": 1, "the following": 1}.get(rel, 0)
    how, phrase, where = "publication", None, None
    if rel == "the following" or rel in ("the", "the same", "that") and unit == "year":
        anchor = st.year_for(start)
        prevs = [dm for dm in st.mentions if dm.precision in ("day", "month", "year")]
        if unit == "year" and prevs and rel == "the following":
            base = int(prevs[-1].value[:4])
            y = base + 1
            return f"{y:04d}", "year", f"{y:04d}", start, "reference", prevs[-1].text, \
                _where(text, prevs[-1].end, start)
        if unit == "year" and prevs and rel in ("the same", "that"):  # "in 1944 ... that year": 1944
            y = int(prevs[-1].value[:4])
            return f"{y:04d}", "year", f"{y:04d}", start, "reference", prevs[-1].text, \
                _where(text, prevs[-1].end, start)
        if unit == "year" and anchor:  # "the year" after "in April 1944": that year
            y = anchor[0] + step
            return f"{y:04d}", "year", f"{y:04d}", start, anchor[1], anchor[2], anchor[3]
    if rel in ("the same", "that") and unit == "month":  # "in March 1944 ... that month": 1944-03
        prevs = [dm for dm in st.mentions if dm.precision in ("day", "month")]
        if prevs:
            v = prevs[-1].value[:7]
            return v, "month", v, start, "reference", prevs[-1].text, _where(text, prevs[-1].end, start)
    if rel == "the following" and unit == "month":
        prevs = [dm for dm in st.mentions if dm.precision in ("day", "month")]
        if prevs:
            i = int(prevs[-1].value[:4]) * 12 + int(prevs[-1].value[5:7])  # next month
            v = f"{i // 12:04d}-{i % 12 + 1:02d}"
            return v, "month", v, start, "reference", prevs[-1].text, \
                _where(text, prevs[-1].end, start)
    return _unit_from_publication(pub, unit, step, start, how, phrase, where)


def _unit_from_publication(pub: date, unit: str, step: int, start: int, how: str,
                           phrase: str | None, where: str | None) -> _Res:
    """The week, month or year `step` units from publication's."""
    if unit == "week":
        d = pub + timedelta(days=7 * step)
        return d.isoformat(), "week", _week_timex(d), start, how, phrase, where
    if unit == "month":
        y, mo = pub.year, pub.month + step
        if mo == 0:
            y, mo = y - 1, 12
        elif mo == 13:
            y, mo = y + 1, 1
        v = f"{y:04d}-{mo:02d}"
        return v, "month", v, start, how, phrase, where
    v = f"{pub.year + step:04d}"
    return v, "year", v, start, how, phrase, where


def _resolve_year_end(m: re.Match[str], text: str, st: _State) -> _Res | None:
    """"year-end", "year's end", "the end of the year": the anchored year, else publication's."""
    pub = st.published
    if pub is None:
        return None
    start = m.start()
    anchor = st.year_for(start)
    y = anchor[0] if anchor else pub.year
    return f"{y:04d}", "year", f"{y:04d}", start, "publication", None, None


def _resolve_year_ago(m: re.Match[str], text: str, st: _State) -> _Res | None:
    """"a year ago", "a year earlier", "year-earlier": a year before the quarter last named,
    or the day or month just named in the sentence, else before publication."""
    start = m.start()
    pub = st.published
    if pub is None:
        return None
    ref = st.mentions[-1] if st.mentions else None
    qref = next((dm for dm in reversed(st.mentions) if dm.precision == "quarter"), None)
    if st.last_quarter is not None and qref is not None and (
            ref is qref or start - qref.end < 400):
        y, q, phrase = st.last_quarter
        return f"{y - 1:04d}", "quarter", f"{y - 1:04d}-Q{q}", start, "reference", phrase, \
            "earlier in the text"
    if ref is not None and ref.precision in ("day", "month") and \
            not _SENT_BREAK.search(text, ref.end, start):
        y = int(ref.value[:4]) - 1
        v = f"{y:04d}{ref.value[4:]}"
        return v, ref.precision, v, start, "reference", ref.text, _where(text, ref.end, start)
    v = f"{pub.year - 1:04d}"
    return v, "year", v, start, "publication", None, None


def _resolve_ago(m: re.Match[str], text: str, st: _State) -> _Res | None:
    """"N days/weeks/months/years ago", counted back from publication."""
    g = m.groupdict()
    start = m.start()
    pub = st.published
    if pub is None:
        return None
    n_text = g["n"].lower()
    n = int(n_text) if n_text.isdigit() else _SMALL_NUMBERS[n_text]
    unit = g["unit"].lower()
    if unit.startswith("year"):
        v = f"{pub.year - n:04d}"
        return v, "year", v, start, "publication", None, None
    if unit.startswith("month"):
        i = pub.year * 12 + pub.month - 1 - n
        v = f"{i // 12:04d}-{i % 12 + 1:02d}"
        return v, "month", v, start, "publication", None, None
    days = n * (7 if unit.startswith("week") else 1)
    v = (pub - timedelta(days=days)).isoformat()
    return v, "day", v, start, "publication", None, None


# How each pattern kind (see _PATTERNS) is resolved; the PAST/PRESENT/FUTURE_REF kinds are
# never resolved (find_dates makes their mentions directly).
_RESOLVE_RULES: dict[str, Callable[[re.Match[str], str, _State], _Res | None]] = {
    "iso": _resolve_iso,
    "mdy": _resolve_full_date,
    "dmy": _resolve_full_date,
    "wdmd": _resolve_weekday_month_day,
    "my": _resolve_month_year,
    "md": _resolve_month_day,
    "dm": _resolve_month_day,
    "month": _resolve_month,
    "range": _resolve_range,
    "decade": _resolve_decade,
    "decade2": _resolve_short_decade,
    "decade3": _resolve_decade_word,
    "century": _resolve_century,
    "lastdecade": _resolve_last_decade,
    "spelled": _resolve_spelled_year,
    "year": _resolve_year,
    "quarter": _resolve_quarter,
    "half": _resolve_half,
    "relquarter": _resolve_relative_quarter,
    "season": _resolve_season,
    "weekday": _resolve_weekday,
    "weekend": _resolve_weekend,
    "deictic": _resolve_deictic,
    "relunit": _resolve_relative_unit,
    "yearend": _resolve_year_end,
    "yearago": _resolve_year_ago,
    "ago": _resolve_ago,
}


# A cheap look at the text before running a pattern: the pattern can only match where
# its gate matches (most sentences hold no date words at all).
_GATES = {
    "digit": re.compile(r"\d"),
    "month": re.compile(_MONTH_RE),
    "wd": re.compile(_WEEKDAY_RE),
    "quarter": re.compile(r"quarter|period"),
    "half": re.compile(r"half"),
    "season": re.compile(r"[Ss]pring|[Ss]ummer|[Ff]all|[Aa]utumn|[Ww]inter"),
    "decword": re.compile(r"ties\b|century|decade"),
    "spelled": re.compile(r"[Nn]ineteen|[Tt]housand"),
    "unit": re.compile(r"week|month|year|[Yy]ear"),
    "deictic": re.compile(r"[Tt]oday|[Yy]esterday|[Tt]omorrow"),
    "ago": re.compile(r"ago\b"),
}
_KIND_GATE = {
    "wdmd": "month", "iso": "digit", "mdy": "digit", "dmy": "digit", "quarter": "quarter",
    "half": "half", "relquarter": "quarter", "season": "season", "my": "month", "md": "digit",
    "dm": "digit", "range": "digit", "decade": "digit", "decade2": "digit",
    "decade3": "decword", "century": "decword", "lastdecade": "decword", "spelled": "spelled",
    "year": "digit", "weekday": "wd", "weekend": "unit", "deictic": "deictic",
    "relunit": "unit", "yearend": "unit", "yearago": "unit", "ago": "ago", "month": "month",
}

_EXPLICIT_KINDS = {"iso": "day", "mdy": "day", "dmy": "day", "my": "month", "year": "year",
                   "range": "year", "spelled": "year"}


def find_dates(sentence_text: str, published: date | None, *, context: str | None = None,
               refs: bool = False) -> list[DateMention]:
    """All date mentions in `sentence_text`, in text order, non-overlapping.

    Longer, more specific patterns win over shorter ones that overlap them. Relative
    expressions are dropped when `published` is None and nothing in the text anchors them.
    `context`: text that comes before `sentence_text` in the article (e.g. the article up
    to the sentence); its last paragraph gives year context ("April 2019" there puts a
    later "April 25" in 2019). `refs=True` also returns PRESENT_REF/PAST_REF/FUTURE_REF
    expressions ("now", "recently", "soon"), whose `value` is their TIMEX3 value.
    """
    text = sentence_text
    accepted = _accepted_matches(text, refs)
    st = _State(text, published, _ctx_anchor(context))
    if context and "quarter" in context[-600:]:
        _note_quarter_from_context(st, context, published)
    _add_year_anchors(st, accepted, published)
    out: list[DateMention] = []
    for _, _, kind, m in accepted:
        if kind.endswith("_REF"):
            out.append(DateMention(m.start(), m.end(), m.group(0), kind, "ref", kind,
                                   "publication"))
            continue
        res = _resolve(kind, m, text, st)
        if res is None:
            continue
        value, precision, timex, start, how, anchor, where = res
        dm = DateMention(start, m.end(), text[start:m.end()], value, precision, timex, how,
                         anchor, where)
        out.append(dm)
        st.mentions.append(dm)
    return out


def _accepted_matches(text: str, refs: bool) -> list[tuple[int, int, str, re.Match[str]]]:
    """The matches that are dates, as (start, pattern rank, kind, match) in text order:
    patterns in _PATTERNS order, each skipping text an earlier one took; then, with `refs`,
    the PAST/PRESENT/FUTURE_REF expressions in what is left."""
    accepted: list[tuple[int, int, str, re.Match[str]]] = []
    taken: list[tuple[int, int]] = []
    gates: dict[str, bool] = {}
    for rank, (pattern, kind) in enumerate(_PATTERNS):
        gate = _KIND_GATE[kind]
        open_ = gates.get(gate)
        if open_ is None:
            open_ = gates[gate] = _GATES[gate].search(text) is not None
        if not open_:
            continue
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            if not _accept(kind, m, text):
                continue
            taken.append((m.start(), m.end()))
            accepted.append((m.start(), rank, kind, m))
    if refs:
        for pattern, kind in _REF_PATTERNS:
            for m in pattern.finditer(text):
                if any(m.start() < e and s < m.end() for s, e in taken):
                    continue
                taken.append((m.start(), m.end()))
                accepted.append((m.start(), len(_PATTERNS), kind, m))
    accepted.sort(key=lambda t: (t[0], t[1]))
    return accepted


def _note_quarter_from_context(st: _State, context: str, published: date | None) -> None:
    """The last quarter named in the 600 characters of `context` before the sentence, as the
    reference of the sentence's "the quarter", "the year-ago quarter", "a year earlier"."""
    # a quarter named shortly before the sentence is the reference of "the quarter",
    # "the year-ago quarter", "a year earlier" in it
    tail = context[-600:]
    prior = [dm for dm in find_dates(tail, published) if dm.precision == "quarter"
             and dm.how != "reference" and "year-" not in dm.text]
    if prior:
        q = prior[-1]
        shift = len(tail)
        st.mentions.append(DateMention(q.start - shift, q.end - shift, q.text, q.value,
                                       q.precision, q.timex, q.how, q.anchor,
                                       "earlier in the text"))
        st.last_quarter = (int(q.timex[:4]), int(q.timex[-1]), q.text)


def _add_year_anchors(st: _State, accepted: list[tuple[int, int, str, re.Match[str]]],
                      published: date | None) -> None:
    """The year anchors month-and-day and month mentions take their year from."""
    # explicit year anchors (stated years, and "last/this/next year" when published is known)
    for _, _, kind, m in accepted:
        if kind in _EXPLICIT_KINDS:
            y = _year_of(m.group("y"))
            if y:
                st.anchors.append((m.start(), m.end(), y, m.group(0), _EXPLICIT_KINDS[kind]))
        elif kind == "relunit" and published and m.group("unit") == "year" and \
                m.group("rel").lower() in ("last", "this", "next"):
            step = {"last": -1, "this": 0, "next": 1}[m.group("rel").lower()]
            st.anchors.append((m.start(), m.end(), published.year + step, m.group(0), "year"))


def explain(dm: DateMention, published: date | None = None) -> str:
    """How a mention was resolved, in words: '"April 25" -> 2019-04-25, because of
    "April 2019" in the previous sentence'."""
    head = f"\u201c{dm.text}\u201d \u2192 {dm.timex or dm.value}"
    if dm.how == "stated":
        return f"{head}, as stated"
    if dm.how in ("clause", "paragraph", "reference") and dm.anchor:
        where = f" {dm.anchor_where}" if dm.anchor_where else ""
        return f"{head}, because of \u201c{dm.anchor}\u201d{where}"
    pub = f" ({published.isoformat()})" if published else ""
    return f"{head}, counted from the publication date{pub}"


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
