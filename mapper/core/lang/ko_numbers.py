"""Korean figures (issue 16): numbers as Korean news writes them and the figure rules that read
them, for ko.py's facts.

Numbers: digits with thousands commas ("1,250"), and digits with the Korean units 십 (10),
백 (100), 천 (1,000) and 만 (10,000), alone or in a row ("3백", "1천250", "2만", "1만 2천",
"2.5만"). "여" after a number ("3백여 구", "40여 명") means "more than"; so do "이상" and "넘게";
"약", "가량" and "정도" mean "about".

A number followed by 년, 월, 일, 시, 세 ... is a date, a time or an age, not a count. The
figure's place is not a country that names the counted people's nationality or army ("소련
군인 1,250명", "미군 300명"): see common.extract_facts.
"""
from __future__ import annotations

import re

from . import common

_UNITS = {"십": 10, "백": 100, "천": 1000, "만": 10_000}
_PART = r"\d[\d,]*(?:\.\d+)?"
# "1천250", "3백", "1만 2천", "2.5만", "1,250": parts with a unit, then perhaps a bare tail
NUMBER = re.compile(r"(?<![\d.,])(?P<num>(?:" + _PART + r"\s?[십백천만](?:\s?(?=\d))?)+(?:\d[\d,]*)?|"
                    r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![\d,])")
_SEGMENT = re.compile(r"(" + _PART + r")\s?([십백천만])?")


def parse_number(token: str) -> int | None:
    """"1,250" -> 1250, "3백" -> 300, "1천250" -> 1250, "1만 2천" -> 12000, "2.5만" -> 25000."""
    total = 0.0
    found = False
    for m in _SEGMENT.finditer(token):
        digits = m.group(1).replace(",", "")
        try:
            value = float(digits)
        except ValueError:
            return None
        total += value * _UNITS.get(m.group(2) or "", 1)
        found = True
    if not found:
        return None
    value = int(round(total))
    return value if value < 100_000_000 else None


_COUNT = r"\s*(?:여\s*)?(?:명|구)"  # people, remains (구: bodies)
# the counted noun, a qualifier, a particle, then up to two words before the verb
_COUNTED = _COUNT + r"(?:\s*이상|\s*넘게|\s*가량|\s*정도)?(?:의|이|가|은|는|을|를)?\s*(?:\S+\s+){0,2}?(?:\S*)"
FACT_RULES = common.FactRules(
    number=NUMBER, parse=parse_number,
    after=(
        (re.compile(r"\s*(?:기|곳|개)?(?:의)?\s*(?:집단\s*묘|집단\s*매장지|합장묘)"), "mass_graves"),
        (re.compile(r"\s*(?:기|곳|개)(?:의)?\s*(?:개인\s*묘|개별\s*묘)"), "individual_graves"),
        (re.compile(r"\s*(?:기|곳|개)(?:의)?\s*(?:묘|무덤|묘지|묘역)"), "graves"),
        (re.compile(r"\s*(?:기|곳|개)(?:의)?\s*(?:기념비|추모비|위령탑|기념탑)"), "memorials"),
        # "전사자 85명의 이름을 확인했다": the dead named (identified)
        (re.compile(_COUNT + r"의\s*(?:신원|이름|유해)\S*\s*(?:\S+\s+){0,2}?(?:확인|밝혀내|밝혔)"),
         "identified"),
        (re.compile(_COUNTED + r"(?:안장|매장|묻혀|묻힌|묻혔|잠들어|이장|봉환)"), "buried"),
        (re.compile(_COUNTED + r"(?:사망|숨지|숨졌|숨진|목숨|희생|전사|사망자)"), "died"),
        (re.compile(_COUNTED + r"(?:부상|다쳤|다친)"), "wounded"),
        (re.compile(_COUNTED + r"(?:실종)"), "missing"),
    ),
    before=(
        (re.compile(r"(?:사망자|희생자|사망자\s*수|전사자)(?:는|가|수는)?\s*(?:\S+\s+){0,2}$"), "died"),
        (re.compile(r"(?:부상자)(?:는|가|수는)?\s*(?:\S+\s+){0,2}$"), "wounded"),
        (re.compile(r"(?:안장된|묻힌|매장된)\s*(?:\S+\s+){0,2}$"), "buried"),
        (re.compile(r"(?:숨진|전사한|사망한|희생된)\s*(?:\S+\s+){0,2}$"), "died"),
    ),
    qualifier=re.compile(r"(?P<q>약|최소|적어도|거의|무려|대략)\s*$"),
    qualifier_after=re.compile(r"\s*(?:명|기|곳|개|구)?\s*(?P<q>이상|넘게|가량|정도|여)"),
    qualifier_names={"약": "about", "대략": "about", "가량": "about", "정도": "about", "최소": "at least",
                     "적어도": "at least", "거의": "almost", "무려": "as many as", "이상": "more than",
                     "넘게": "more than", "여": "more than"},
    # "1945년", "8월", "15일", "10시", "85세": a date, a time or an age
    not_count=re.compile(r"\s*(?:년|월|일|시|분|초|세|살|주년|번째)"),
    # "소련 군인", "미군", "한국 국적": the counted people's country
    nationality_after=re.compile(r"\s*(?:군인|군|장병|병사|병력|포로|참전\s*용사|전사자|국적|출신|국민|인(?![가-힣]))"),
)
