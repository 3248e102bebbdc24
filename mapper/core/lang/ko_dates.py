"""Korean dates and event clauses (issue 16), beside ko.py's date reader.

Days of the month without a month, as Korean news dates nearly everything ("지난 15일", "오는
9일", "15일 열린", "지난달 3일", "다음 달 9일"): resolved against the publication date. "지난"
is the last such day on or before publication, "오는" the next one after it; a bare "15일" is
this month's if that day is not past publication by more than a few days, else last month's
(the future with a future word: "열릴 예정"). "15일간", "3일 동안" are durations, not dates.

`refine_events` adds to ko.py's event rules what common.extract_events needs to date and place
an event in Korean: the death and burial participles that give a date to the dead ("1945년
... 전투에서 숨진 군인"), the origins ("대구에서 온 대표단") and the joins of a list of places
("대구와 이르쿠츠크"), and the countries that name soldiers' army ("소련 군인"), which are
not where an event is.
"""
from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from ..dates import DateMention
from . import common, ko_numbers
from .dates_common import mention, valid

_FUTURE = re.compile(r"예정|계획|할\s*것|열릴|치러질|방문할|개최할|앞두고|열린다|진행된다")
_DAY = re.compile(r"(?:(?P<rel>지난달|지난\s*달|다음\s*달|이달|지난|오는)\s*)?(?<![\d.,월])(?<!월\s)"
                  r"(?P<day>[1-9]|[12]\d|3[01])\s*일(?!\s*(?:간|동안|째|만에|부터\s*\d))")
_SLACK = 3  # days: "20일" in an article of the 18th is still this month's (a plan, a schedule)


def _month_shift(y: int, m: int, shift: int) -> tuple[int, int]:
    k = y * 12 + (m - 1) + shift
    return k // 12, k % 12 + 1


def relative_days(text: str, published: date | None) -> list[DateMention]:
    """"지난 15일", "오는 9일", "15일", "지난달 3일", "다음 달 9일" in a Korean sentence."""
    if published is None:
        return []
    future = _FUTURE.search(text) is not None
    out: list[DateMention] = []
    for m in _DAY.finditer(text):
        rel = re.sub(r"\s+", "", m.group("rel") or "")
        d = int(m.group("day"))
        y, mo = published.year, published.month
        if rel in ("지난달",):
            y, mo = _month_shift(y, mo, -1)
        elif rel == "다음달":
            y, mo = _month_shift(y, mo, 1)
        elif rel == "지난":
            if d > published.day:
                y, mo = _month_shift(y, mo, -1)
        elif rel == "오는":
            if d <= published.day:
                y, mo = _month_shift(y, mo, 1)
        elif rel != "이달":
            if future and d < published.day:
                y, mo = _month_shift(y, mo, 1)
            elif not future and d > published.day + _SLACK:
                y, mo = _month_shift(y, mo, -1)
        if not valid(y, mo, d):
            continue
        start = m.start("rel") if m.group("rel") else m.start("day")
        out.append(mention(start, m.end(), text, f"{y:04d}-{mo:02d}-{d:02d}", "day", "publication"))
    return out


def refine_events(rules: common.EventRules) -> common.EventRules:
    """ko.py's event rules with the Korean participles of death and burial, origins and list
    joins (see common.extract_events)."""
    return replace(
        rules,
        attached=re.compile(r"숨진|숨졌던|전사한|사망한|희생된|묻힌|안장된|태어난|순국한|전몰"),
        origin_after=re.compile(r"\s*(?:에서|로부터)\s*(?:온|찾아온|출발한|방문한|파견된)|\s*출신"),
        list_join=re.compile(r"\s*(?:과|와|및|,|·)\s*"),
        participle_parts_places=False,
        nationality_after=ko_numbers.FACT_RULES.nationality_after,
    )
