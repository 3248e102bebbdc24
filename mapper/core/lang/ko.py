"""Korean articles (issue 16): places through kiwipiepy's morphemes and the Hangul names of the
ScriptIndex, dates, events and figures.

Recognition. Korean writes a particle onto the name ("서울에서", "대구의"): kiwipiepy splits each
word into morphemes, and a run of nouns inside one word (a proper noun, or common nouns the
curated data name: "미국", "소련군") is looked up without its particles and endings, the longest
first ("대구시" before "대구"). Korean has no capitals, so a common noun (NNG) that only a
GeoNames alternate names is taken only when it is a city of at least COMMON_MIN_POPULATION
and a particle of place follows ("동경하였다" is longing, not Tokyo); a proper noun (NNP) of a
small town's alternate needs a particle of place after it (에서, 에, 로), and so does a foreign
town's alternate smaller than FOREIGN_ALT_POPULATION ("잭슨", "첼시": people and clubs).

A proper noun with a place suffix is a place even when the gazetteer lacks it ("상계동",
"청량리역", "묘향산", "나리타공항"), known as the name before the suffix when that is a place
("서울역": Seoul), else unresolved (the pipeline's unknown mentions); endings that people's and
firms' names share (리, 만, 시, 군, 도, ...) count only inside an address. Places one after
another, a space between ("서울 서초구 서초동", "중국 베이징", "일본 나리타공항"), with a region's
part ("경북 북동 산간"), the word of the place's kind ("타흐리르 광장") or the building where
something happens ("대전 시민 아트홀에서") are one mention, KLUE's LC span, known as its most
specific place; for the map a leading country is a place of its own too; so is a named
building after its place, whatever particle follows ("상암동 OO 스퀘어", "뉴욕 링컨센터"), and a
proper noun with a building's kind alone ("OO백화점") unless it acts as the subject (the firm).
A state as an actor is not a place: its government or institution ("미국 정부", "일본
기상청은"), its action in the genitive ("이스라엘의 폭격"), its team in a match ("독일은
전반에"); nor a club in brackets ("김민지(첼시)"), a team ("피츠버그 파이어리츠", "대만-홍콩"),
an institution written on the place's name ("서울가정법원", "부산 동래경찰서는", "OO여고"). A
state as the plain subject ("북한이 발사했다") stays a place: KLUE tags it about as often as not.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any, NamedTuple

from ..dates import DateMention
from ..gazetteer import Gazetteer
from ..models import Candidate, Event, Fact, Sentence
from ..placeref import PlaceRef
from ..recognize import RawMention
from ..scripts_index import ScriptIndex
from ..sentences import split_sentences
from . import common
from .dates_common import keep_longest, mention, month_day_year, month_year, valid, weekday_near
from .ko_dates import refine_events, relative_days
from .ko_numbers import FACT_RULES

CODE = "ko"
MAX_MORPHEMES = 4
COMMON_MIN_POPULATION = 1_000_000
ALT_MIN_POPULATION = 20_000
# a foreign town known only by a GeoNames alternate, smaller than this, is taken alone only
# before a particle of place: its name is as often a person's ("잭슨", "조지") or a club's
FOREIGN_ALT_POPULATION = 250_000
_NOUNS = frozenset({"NNP", "NNG", "SL"})
_TAIL_TAGS = _NOUNS | {"XSN"}
_WORD_NOUNS = _NOUNS | {"XSN", "NNB", "SN"}
_ADMIN_SUFFIXES = frozenset({"시", "도", "군", "구", "주", "성", "현", "읍", "면", "리", "특별시", "광역시"})
_ORG_HEADS = frozenset("중앙 지법 지검 지방법원 고법 고검 경찰서 경찰청 시청 구청 도청 교육청 소방서 대 대학 대학교 "
                       "은행 병원 미술관 박물관 공항 시립 도립 신문 방송 일보 지사 본부 청 세관".split())
_NEXT_WORD = re.compile(r"\s+([\uac00-\ud7a3]+?)(?:은|는|이|가|을|를|의|에|과|와|도)?(?=[\s,.]|$)")
_PERSON_AFTER = frozenset("대통령 장관 국무장관 총리 의원 감독 선수 씨 대표 위원장 회장 대사 후보 전 국왕 여왕".split())
# (not "매체", "언론": "영국 매체" says where the paper is, a place for KLUE)
_ACTOR_AFTER = frozenset("정부 당국 외교부 국방부 대표팀 의회 대통령 총리 경찰 수사 측 군 정상 대사관 법원 "
                         "대사 외무성 국무부 상무부 연방 정권 대표".split())
_ACRONYM_AFTER = re.compile(r"\s?[가-힣]+(?:\s[가-힣]+)?\([A-Z][A-Za-z&]+\)")
_INSTITUTION_ENDS = tuple("청 국 원 부 처 법원 재판소 통신 방송 신문 일보 위원회 당 군 경".split())
# a match: the countries in it are their teams ("독일은 전반에 골을 넣었다")
_SPORT = re.compile(r"조별리그|조별 리그|전반|후반|평가전|친선경기|[0-9]+강|결승전|준결승|승점|골을|골로|득점|"
                    r"선제골|동점골|결승골|무승부|킥오프|예선")
_TEAM_PARTICLES = frozenset("은 는 이 가 와 과 을 를".split())
_SUBJECT_AFTER = re.compile(r"(?:은|는|이|가)(?=\s)")
# "대만-홍콩", "우즈베키스탄(승점 4": teams in a match or a table
_MATCH_BEFORE = re.compile(r"[가-힣]+\s?[-–]\s?$")
_MATCH_AFTER = re.compile(r"\s?[-–]\s?[가-힣]|\((?:승점|골득실|\d+승)")
_ADDRESS_PARTS = ("구", "동", "읍", "면", "리", "군", "로", "길", "가")
_PLACE_PARTICLES = frozenset({"에서", "에", "로", "으로", "에서는", "에는", "까지", "부터"})
# Korean sentences end "다." with no capital after: split there too (sentences.py splits lines
# and Latin-style stops)
_KO_STOP = re.compile(r"(?<=[다요까죠음임함됨])[.!?][\"'”’」)]*\s+")


class Korean:
    code = CODE

    def __init__(self, gazetteer: Gazetteer) -> None:
        from kiwipiepy import Kiwi
        self.gaz = gazetteer
        self.kiwi = Kiwi()
        self.index = ScriptIndex(gazetteer, CODE, normalise)
        self.recogniser = KoreanRecogniser(self)

    def sentences(self, text: str) -> list[Sentence]:
        out: list[tuple[Sentence, int, int]] = []
        for s in split_sentences(text):
            start = 0
            for m in _KO_STOP.finditer(s.text):
                if s.text[start:m.end()].strip():
                    out.append((s, start, m.end()))
                start = m.end()
            out.append((s, start, len(s.text)))
        sentences: list[Sentence] = []
        for s, a, b in out:
            piece = s.text[a:b].rstrip()
            lead = len(piece) - len(piece.lstrip())
            piece = piece.strip()
            if piece:
                sentences.append(Sentence(len(sentences), s.start + a + lead, s.start + a + lead + len(piece), piece,
                                          s.kind))
        return sentences

    def local_name(self, key: str, mention_text: str) -> str | None:
        return self.index.local_name(key, normalise(mention_text))

    def find_dates(self, sentence: str, published: date | None) -> list[DateMention]:
        return find_dates(sentence, published)

    def events(self, text: str, sentences: Sequence[Sentence], refs: Sequence[PlaceRef],
               published: date | None) -> list[Event]:
        return common.extract_events(text, sentences, refs, published, EVENT_RULES, find_dates,
                                     common.index_namer(self.index, normalise))

    def facts(self, text: str, sentences: Sequence[Sentence], refs: Sequence[PlaceRef]) -> list[Fact]:
        return common.extract_facts(text, sentences, refs, FACT_RULES)


def normalise(name: str) -> str:
    return re.sub(r"[\s\u00a0·-]+", "", name)


class KoreanRecogniser:
    """A PlaceRecogniser (ner.py) for Korean text."""

    def __init__(self, lang: Korean) -> None:
        self.lang = lang
        self.index = lang.index

    def recognise_all(self, text: str, sentences: list[Sentence], *,
                      cancel: Callable[[], bool] | None = None) -> tuple[list[RawMention], list[RawMention]]:
        raw, _ = common.recognise_sentences(
            sentences, cancel, lambda s: self.sentence_mentions(text, s.text, s.start, s.id, for_map=True))
        # a name with a place suffix the gazetteer lacks ("상계동"): unknown, for the online geocoder
        return [m for m in raw if m.candidates], [m for m in raw if not m.candidates]

    def sentence_mentions(self, text: str, sent: str, offset: int, sid: int, *,
                          for_map: bool = False) -> list[RawMention]:
        """The places of one sentence, an address as one mention ("서울 서초구 서초동", "중국
        베이징": KLUE's spans), known as its most specific place. `for_map`: a country that
        opens an address is a place of its own too ("사우디아라비아 제다": Saudi Arabia and
        Jeddah, as the English "Jeddah, Saudi Arabia" gives both)."""
        toks = self.lang.kiwi.tokenize(sent)
        units = self._units(sent, toks)
        out: list[RawMention] = []
        k = 0
        while k < len(units):
            first = units[k]
            chain = [first]
            while k + 1 < len(units) and _joins(sent, toks, chain[-1], units[k + 1]):
                k += 1
                chain.append(units[k])
            k += 1
            last = chain[-1]
            a, b, j = first.a, last.b, last.j
            if not last.country:
                b, j = _address_end(sent, toks, j, b)
            b, j = _direction_end(sent, toks, j, b, last.country)  # "경북 북동 산간", "도네츠크주 북부"
            named_for = None  # "링컨센터": a building named after a town, not in it
            if not last.country:  # (not "한국교회": the country's churches)
                b0 = b
                b, j = _glued_building_end(sent, toks, j, b)  # "중국 항저우 서호극장에서", "뉴욕 링컨센터"
                named_for = last if b != b0 and b0 == last.b else None
            word = _next_word(sent, toks, b)
            if word is not None and word.nouns in _PLACE_WORDS and not (last.country and len(chain) == 1):
                b, j = word.end, word.last  # "샌프란시스코 공항", "텍사스 주": the place named by its kind
                word = _next_word(sent, toks, b)
            lone_country = first.country and len(chain) == 1
            if word is not None and word.nouns.endswith(_ORG_WORD_ENDS) and not lone_country:
                if not word.locative or word.nouns.endswith("병원"):
                    continue  # "부산 동래경찰서는", "서울 중부소방서": an institution of the place
                b, j = word.end, word.last  # "서울 서초동 대검찰청에서": the building, a place
            elif word is not None and not lone_country:
                b, j = _building_end(sent, toks, j, b)  # "대전 시민 아트홀에서", "수원 화성 행궁에"
            if _team_after(sent, toks, chain[-1].j, chain[-1].b):
                continue  # "피츠버그 파이어리츠", "휴스턴 애스트로스": a team named after its city
            known = [u for u in chain if u.cands and u is not named_for]
            cands = known[-1].cands if known else ()  # the most specific: "중국 베이징" is Beijing
            country = len(chain) == 1 and first.country
            after = _NEXT_WORD.match(sent, b)
            nxt = toks[j + 1] if j + 1 < len(toks) else None
            glued = nxt is not None and nxt.start == b
            if after and after.group(1) in _PERSON_AFTER and not last.country:
                continue  # "클린턴 대통령", "케리 장관": a person
            if country and after and after.group(1) in _ACTOR_AFTER:
                continue  # "미국 정부", "한국 대표팀": the state or its team as an actor (metonymy)
            if country and glued and nxt is not None and nxt.form == "의" and _ACTION_AFTER.match(sent, nxt.start + 1):
                continue  # "북한의 도발", "이스라엘의 폭격": the state as an actor
            if country and _ACRONYM_AFTER.match(sent, b):
                continue  # "미국 항공우주국(NASA)": the country begins an organisation's name
            if country and word is not None and word.nouns.endswith(_INSTITUTION_ENDS) and _SUBJECT_AFTER.match(
                    sent, word.end):
                continue  # "일본 기상청은", "중국 신화통신은": the state's institution acting
            if country and glued and nxt is not None and nxt.form in _TEAM_PARTICLES and _SPORT.search(sent):
                continue  # "러시아와의 조별리그", "독일은 전반 추가시간에": the country's team in a match
            if country and (_MATCH_AFTER.match(sent, b) or _MATCH_BEFORE.search(sent, 0, a)):
                continue  # "대만-홍콩", "멕시코(승점 3": teams
            if not known and not _suffix_ok(sent, toks, chain, j, b):
                continue
            place_particle = glued and nxt is not None and nxt.form in _PLACE_PARTICLES
            if not known and _QUOTED.match(sent, b) and a > 0 and sent[a - 1] in _OPEN_QUOTES \
                    and not _QUOTED_PLACE.match(sent, b):
                continue  # "'귀천'에 대해": a title in quotes, not an unknown place
            if len(chain) == 1 and first.foreign_alt and not place_particle:
                continue  # "잭슨", "조지", "첼시": a person's or a club's name as often as a town's
            if _team_in_brackets(sent, a, b) and not any(c.kind == "country" for c in cands):
                continue  # "김민지(첼시)", "이현수(부산)": a player's club
            if for_map and first.country and len(chain) > 1:
                start, end = offset + first.a, offset + first.b
                out.append(RawMention(start=start, end=end, text=text[start:end], sentence=sid,
                                      candidates=first.cands, next_text=text[end:end + 60],
                                      before_text=text[max(0, start - 30):start],
                                      tokens=(normalise(sent[first.a:first.b]),), rules=("ko_morpheme",)))
                a = chain[1].a
            start, end = offset + a, offset + b
            rule = "ko_morpheme" if all(u.cands for u in chain) else "ko_place_suffix"
            out.append(RawMention(start=start, end=end, text=text[start:end], sentence=sid, candidates=cands,
                                  preposition="in" if place_particle else None, next_text=text[end:end + 60],
                                  before_text=text[max(0, start - 30):start], tokens=(normalise(sent[a:b]),),
                                  rules=(rule,)))
            hanja = _HANJA.match(sent, b)
            if hanja and cands:  # "베이징(北京)": the name in Chinese characters, the same place
                start, end = offset + hanja.start(1), offset + hanja.end(1)
                out.append(RawMention(start=start, end=end, text=text[start:end], sentence=sid, candidates=cands,
                                      next_text=text[end:end + 60], before_text=text[max(0, start - 30):start],
                                      tokens=(sent[hanja.start(1):hanja.end(1)],), rules=("ko_morpheme",)))
        return out

    def _units(self, sent: str, toks: Sequence[Any]) -> list[_Unit]:
        """The places of a sentence one word at a time: a known name (its particles and endings
        left out, a place suffix kept: "나리타공항", "수지구"), or a proper noun with a place
        suffix the gazetteer lacks ("상계동", "청량리역", "묘향산"): known by the name before the
        suffix when that is a place ("서울역": Seoul), else unresolved."""
        units: list[_Unit] = []
        i = 0
        while i < len(toks):
            if toks[i].tag not in _NOUNS:
                i += 1
                continue
            got = None
            weak: _Unit | None = None  # a known name the rules above leave out, alone
            for j in range(min(i + MAX_MORPHEMES, len(toks)) - 1, i - 1, -1):
                span = toks[i:j + 1]
                if any(t.tag not in _NOUNS for t in span):
                    continue
                if any(b.start != a.start + a.len for a, b in zip(span, span[1:])):
                    continue  # one word: no space inside
                a, b = span[0].start, span[-1].start + span[-1].len
                cands = self.index.lookup_norm(normalise(sent[a:b]))
                if cands and self._keep(sent, span, toks, j, cands):
                    got = (j, a, b, cands)
                    break
                if cands and weak is None and not any(
                        c.form == "demonym" for c in cands):
                    weak = _Unit(i, j, a, b, cands, False, False)
            if got is None and weak is not None and _in_list(sent, units, weak):
                units.append(weak)  # "충북 증평·진천·괴산·음성에서": a small town among places
                i = weak.j + 1
                continue
            if got is None:
                unit = (self._split_unit(sent, toks, i) or self._province_unit(sent, toks, i)
                        or self._suffix_unit(sent, toks, i) or _named_place(sent, toks, i))
                if unit is not None:
                    units.append(unit)
                    i = unit.j + 1
                else:
                    i += 1
                continue
            j, a, b, cands = got
            tail = _suffix_tail(sent, toks, j)
            if tail is not None:  # "뉴욕주", "나리타공항", "해운대해수욕장": the name with its suffix
                j, b = tail
            else:
                rest = _glued_nouns(toks, j)
                if (rest and (rest[0].form in _ORG_HEADS or _text(sent, rest).endswith(_ORG_WORD_ENDS + _MEDIA))
                        and not any(c.form == "demonym" for c in cands)):
                    i = j + 1  # "서울중앙지법", "서울가정법원", "대전지방경찰청": an institution named after it
                    continue
            foreign = all(c.form == "alt" and c.country not in ("KR", "KP") for c in cands) \
                and max(c.population for c in cands) < FOREIGN_ALT_POPULATION and tail is None
            units.append(_Unit(i, j, a, b, cands, any(c.kind == "country" for c in cands), tail is not None, foreign))
            i = j + 1
        return units

    def _split_unit(self, sent: str, toks: Sequence[Any], i: int) -> _Unit | None:
        """One proper noun that kiwipiepy did not split: a known name, then a part of it
        ("제주시내", "부산앞바다"): the name alone."""
        t = toks[i]
        if t.tag != "NNP":
            return None
        if len(t.form) >= 3 and t.form[0] in "동서남북":  # "동일본", "서아프리카": a part of the place
            cands = self.index.lookup_norm(normalise(t.form[1:]))
            if cands and any(c.form != "alt" for c in cands):
                return _Unit(i, i, t.start, t.start + len(t.form), cands, False, False)
        for cut in range(len(t.form) - 1, 1, -1):
            if t.form[cut:] in _PART_NOUNS:
                cands = self.index.lookup_norm(normalise(t.form[:cut]))
                if cands and any(c.form != "alt" or c.population >= ALT_MIN_POPULATION for c in cands):
                    return _Unit(i, i, t.start, t.start + cut, cands, any(c.kind == "country" for c in cands), False)
        return None

    def _province_unit(self, sent: str, toks: Sequence[Any], i: int) -> _Unit | None:
        """A province written without its 도 ("경기", also a match) at the head of an address, a
        known Korean town after it ("경기 용인시 수지구"): the province."""
        t = toks[i]
        b = t.start + t.len
        if t.tag != "NNP" or i + 1 >= len(toks) or toks[i + 1].start != b + 1 or toks[i + 1].tag != "NNP":
            return None
        cands = tuple(c for c in self.index.lookup_norm(t.form + "도") if c.kind == "admin1" and c.country == "KR")
        if not cands or not any(c.country == "KR" for c in self.index.lookup_norm(toks[i + 1].form)):
            return None
        return _Unit(i, i, t.start, b, cands, False, False)

    def _suffix_unit(self, sent: str, toks: Sequence[Any], i: int) -> _Unit | None:
        if toks[i].start > 0 and not _word_break(sent[toks[i].start - 1]):
            return None  # inside a word: "대구지하철", not a place of its own
        run = [i]
        while (len(run) < MAX_MORPHEMES and run[-1] + 1 < len(toks) and toks[run[-1] + 1].tag in _NOUNS
               and toks[run[-1] + 1].start == toks[run[-1]].start + toks[run[-1]].len):
            run.append(run[-1] + 1)
        for j in reversed(run):
            span = toks[i:j + 1]
            a, b = span[0].start, span[-1].start + span[-1].len
            word = sent[a:b]
            suffix = _place_suffix(word)
            if suffix is None:
                continue
            if not any(t.tag == "NNP" for t in span) and not _split_suffix(sent, toks, span, j, suffix):
                continue
            stem = word[:-len(suffix)]
            cands = self.index.lookup_norm(normalise(stem))
            cands = tuple(c for c in cands if c.form != "demonym" and (c.population >= ALT_MIN_POPULATION
                                                                        or c.form != "alt"))
            if suffix in _BUILDING_SUFFIXES and _SUBJECT_PARTICLE.match(sent, b):
                continue  # "롯데백화점은 할인한다": the firm acting
            if len(suffix) == 1:
                if suffix in _WEAK_ONE and not cands and (len(stem) < 2 or suffix == "시") \
                        and not (suffix in _FOREIGN_UNITS and len(stem) >= 3):
                    continue  # "삼성", "민주", "조시": a name, not "광둥성", "캘리포니아주"
                if suffix == "산" and (any(c.kind == "country" for c in cands) or len(stem) < 2):
                    continue  # "일본산": made in Japan; "두산": a firm
                if suffix == "역" and _ROLE.match(sent, b):
                    continue  # "예진역을 맡은": a part in a film
            return _Unit(i, j, a, b, cands, False, True)
        return None

    def _keep(self, sent: str, span: Sequence[Any], toks: Sequence[Any], j: int,
              cands: tuple[Candidate, ...]) -> bool:
        nxt = toks[j + 1] if j + 1 < len(toks) else None
        if nxt is not None and nxt.tag in ("XSV", "XSA") and nxt.start == span[-1].start + span[-1].len:
            return False  # "동경하였던": a verb (longing), not Tokyo
        if any(c.form in ("alias", "abbrev", "name", "demonym") for c in cands):
            return True
        # "심천(深圳)": a name with its Chinese characters is a proper noun whatever kiwipiepy says
        proper = any(t.tag in ("NNP", "SL") for t in span) or bool(_HANJA.match(sent, span[-1].start + span[-1].len))
        particle = nxt is not None and nxt.form in _PLACE_PARTICLES
        biggest = max(c.population for c in cands)
        if not proper:  # "동경", "상해": also common words (longing, injury) unless a particle of place follows
            return biggest >= COMMON_MIN_POPULATION and particle
        return biggest >= ALT_MIN_POPULATION or particle


class _Unit(NamedTuple):
    i: int  # first token
    j: int  # last token
    a: int  # start in the sentence
    b: int  # end
    cands: tuple[Candidate, ...]
    country: bool
    suffixed: bool  # ends with a place suffix ("역", "구", "공항")
    foreign_alt: bool = False  # only a GeoNames alternate of a foreign town ("잭슨", "조지", "첼시")


# buildings people go to ("한빛백화점", "누리스타디움"); acting as the subject, the firm that runs them
_BUILDING_SUFFIXES = frozenset("백화점 면세점 미술관 박물관 기념관 극장 스타디움 리조트 호텔 아트홀 공연장 "
                               "체육관 전시장 시장 썰매장 스키장 골프장 수목원 동물원 식물원".split())
_SUBJECT_PARTICLE = re.compile(r"(?:은|는|이|가)(?![가-힣])")
# a place suffix after a name: the longest first. One syllable: administrative units, stations,
# islands, mountains, rivers, palaces, ports, streams, bridges, states and provinces
_SUFFIXES_LONG = tuple(sorted(
    "특별시 광역시 자치구 자치주 자치구역 공항 광장 대교 철교 터널 해수욕장 나들목 분기점 휴게소 공원 경기장 구장 "
    "야구장 터미널 항구 공단 단지 마을 계곡 열도 반도 고원 산맥 평야 호수 폭포 운하 해안 신도시 지구 사거리 고속도로 "
    "해협 궁궐 구역 해변 기지 비행장 헬기장 댐 저수지 고개".split() + sorted(_BUILDING_SUFFIXES),
    key=len, reverse=True))
_SUFFIXES_ONE = frozenset("역 동 구 군 읍 면 리 도 산 강 궁 항 천 성 현 주 시 봉 령 섬 만".split())
# also endings of people's and firms' names ("짐캐리", "말론브랜도", "곽시양군"): taken after an
# unknown name only inside an address ("순창군 순창읍 장덕리", "중국 광둥성")
_FOREIGN_UNITS = frozenset("시 주 성 현".split())
_HANJA = re.compile(r"\(([\u4e00-\u9fff]{1,8})\)")
_WEAK_ONE = frozenset("리 현 성 만 주 시 군 도 면".split())  # 면: "신라면", "냉면" are noodles
_ROLE = re.compile(r"(?:을|를|으로|로|이|은|할|의)?\s*(?:맡|출연|나오|나온|분|역할|연기|배우)")
_NAME_ENDINGS = frozenset("동 구 천 봉 령".split())  # endings of given names as of places
_SURNAMES = frozenset("김 이 박 최 정 강 조 윤 장 임 한 오 서 신 권 황 안 송 류 유 전 홍 고 문 양 손 배 백 허 남 심 "
                      "노 하 곽 성 차 주 우 민 진 나 지 엄 채 원 천 방 공 현 함 변 염 여 추 석 선 설 마 길 연 위 표 "
                      "명 기 반 왕 금 옥 육 인 맹 제 모 탁 국 어 은 편 용 예 경 구".split())


def _place_suffix(word: str) -> str | None:
    for s in _SUFFIXES_LONG:
        if word.endswith(s) and len(word) > len(s):
            return s
    if len(word) >= 2 and word[-1] in _SUFFIXES_ONE:
        return word[-1]
    return None


def _suffix_tail(sent: str, toks: Sequence[Any], j: int) -> tuple[int, int] | None:
    """The nouns glued after a known name that end with a place suffix: (last token, end)."""
    best = None
    k = j
    while k + 1 < len(toks) and k - j < 3 and toks[k + 1].tag in _TAIL_TAGS \
            and toks[k + 1].start == toks[k].start + toks[k].len:
        k += 1
        tail = sent[toks[j + 1].start:toks[k].start + toks[k].len]
        if (tail in _ADMIN_SUFFIXES or any(tail.endswith(s) for s in _SUFFIXES_LONG)
                or (tail[-1] in _SUFFIXES_ONE and tail[-1] not in _WEAK_ONE and toks[k].len == 1)):
            best = (k, toks[k].start + toks[k].len)
    return best


# a word naming the kind of place after its name: "타흐리르 광장", "바타클랑 극장", "라가디아 공항"
_PLACE_WORDS = frozenset("공항 광장 극장 신사 화산 섬 거리 병원 스타디움 타워 공원 해수욕장 주 성 대교 터널 항 "
                         "궁 사원 성당 경기장 구장 야구장 빌딩 대사관 영사관 청사 기지 호수 해협 산맥 고원 반도 "
                         "강 폭포 사막 운하 대륙".split())


# a part of a place glued to its name: "제주시내", "부산앞바다", "서울근교"
_PART_NOUNS = frozenset("시내 일대 인근 부근 외곽 근교 앞바다 해역 상공 전역 현지 시민 주민 도심 북부 남부 동부 서부 "
                        "중부".split())


def _named_place(sent: str, toks: Sequence[Any], i: int) -> _Unit | None:
    """A proper noun alone in its word, then a word of place: "타흐리르 광장", "야스쿠니 신사"."""
    if toks[i].tag != "NNP" or (toks[i].start > 0 and not sent[toks[i].start - 1].isspace()):
        return None
    b = toks[i].start + toks[i].len
    if i + 1 < len(toks) and toks[i + 1].start == b:
        return None  # a particle or more nouns in the word
    word = _next_word(sent, toks, b)
    if word is None or word.nouns not in _PLACE_WORDS:
        return None
    return _Unit(i, word.last, toks[i].start, word.end, (), False, True)


_OPEN_QUOTES = "'\"‘“「『<《"
_QUOTED = re.compile(r"['\"’”」』>》]")
_QUOTED_PLACE = re.compile(r".(?:에서|에|으로|로|까지)(?!\s*(?:대해|대한|따르|관한|관해|의하))")
_LIST_SEP = re.compile(r"\s?[·,]\s?$")


def _in_list(sent: str, units: Sequence[_Unit], u: _Unit) -> bool:
    """The name comes after a place, a middle dot or a comma between: one of a list of places."""
    if not units or not _LIST_SEP.search(sent, 0, u.a) or not units[-1].cands:
        return False
    gap = sent[units[-1].b:u.a]
    return _LIST_SEP.fullmatch(gap) is not None and (u.b >= len(sent) or not sent[u.b].isalnum()
                                                     or sent[u.b] in "에의와과로은는이가도")


def _split_suffix(sent: str, toks: Sequence[Any], span: Sequence[Any], j: int, suffix: str) -> bool:
    """Common nouns, then a place suffix kiwipiepy split off as a morpheme of its own, then a
    particle of place: a name it does not know ("별빛/NNG 동/NNG 에": 별빛동에)."""
    nxt = toks[j + 1] if j + 1 < len(toks) else None
    return (len(span) >= 2 and span[-1].form == suffix and suffix in _SPLIT_SUFFIXES
            and nxt is not None and nxt.start == span[-1].start + span[-1].len and nxt.form in _PLACE_PARTICLES
            and sum(t.len for t in span) >= 3)


_SPLIT_SUFFIXES = frozenset("역 동 읍 면 구 산 강".split())


_MEDIA = ("타임스", "신문", "일보", "방송", "통신", "뉴스")


def _glued_nouns(toks: Sequence[Any], j: int) -> list[Any]:
    """The nouns written on after token j in the same word."""
    out: list[Any] = []
    k = j
    while k + 1 < len(toks) and toks[k + 1].tag in _NOUNS and toks[k + 1].start == toks[k].start + toks[k].len:
        k += 1
        out.append(toks[k])
    return out


def _text(sent: str, run: Sequence[Any]) -> str:
    return sent[run[0].start:run[-1].start + run[-1].len] if run else ""


def _word_break(ch: str) -> bool:
    return ch.isspace() or not ch.isalnum()


def _joins(sent: str, toks: Sequence[Any], u: _Unit, v: _Unit) -> bool:
    """"중국 베이징", "서울 서초구 서초동", "일본 나리타공항": places one after another, a space
    between, the first without a particle: one address, one span."""
    if v.a != u.b + 1 or sent[u.b] != " ":
        return False
    if u.j + 1 < len(toks) and toks[u.j + 1].start == u.b:
        return False  # "서울에서 부산": a particle ends the first
    if v.country:
        return False  # "한국 일본": two countries; "서울 중구 한국외식업중앙회": a country is not in a city
    return True


def _suffix_ok(sent: str, toks: Sequence[Any], chain: list[_Unit], j: int, b: int) -> bool:
    """An unknown name with a place suffix, alone: not a person ("홍길동이": a surname, two
    syllables and 동) unless a particle of place follows."""
    if len(chain) > 1:
        return True
    u = chain[0]
    word = sent[u.a:u.b]
    nxt = toks[j + 1] if j + 1 < len(toks) else None
    place_particle = nxt is not None and nxt.start == b and nxt.form in _PLACE_PARTICLES
    genitive = nxt is not None and nxt.start == b and nxt.form in ("의", "(")
    if word[-1] in _WEAK_ONE and _place_suffix(word) == word[-1] \
            and not (word[-1] in _FOREIGN_UNITS and len(word) >= 4 and (place_particle or genitive)):
        return False  # but "텅저우시", "발루치스탄주": a long name, then the unit
    if len(word) == 2 and word[0] in _SURNAMES and word[-1] == "동" and not place_particle:
        return False  # "김동": a person
    if len(word) == 3 and word[0] in _SURNAMES and word[-1] in _NAME_ENDINGS and not place_particle:
        return False
    return True


_ORG_WORD_ENDS = tuple("경찰서 소방서 경찰청 지검 지법 법원 검찰청 선관위 교육청 구청 시청 도청 병원 대학교 대학 "
                       "세무서 우체국 지청 지원 학교 여고 남고 고교 외대 여대 교대 위원회 협회 재단 연구원 의회 "
                       "연맹 조합 진흥원".split())
_ACTION_AFTER = re.compile(r"\s*(?:\S+\s)?\S*?(?:포격|폭격|공격|침공|침략|도발|지배|반발|승리|패배|조치|비핵화|"
                           r"입장|요구|제재|위협|발표|결정|주장|대응|압박|개입|지원|반대|거부|승인|관계|대립|정책|외교|핵|미사일|"
                           r"정부|통치|점령|식민)(?=[을를이가은는의에과와도로으]|\s|$)")
_DIRECTIONS = frozenset("북부 남부 동부 서부 중부 북동부 북서부 남동부 남서부 북동 북서 남동 남서 산간 내륙 이남 이북 "
                        "해안 연안 앞바다 동남부 서남부 동북부 서북부".split())
_NOT_PLACE_PARTICLE_AFTER = re.compile(r"\s*(?:따르|대해|대한|대하|의하|관해|관한|비해|비하)")


class _Word(NamedTuple):
    last: int  # its last noun token
    end: int  # the end of its nouns
    nouns: str
    locative: bool  # a particle of place after its nouns ("에서", not "에 따르면")
    proper: bool  # a proper noun among them


def _next_word(sent: str, toks: Sequence[Any], b: int) -> _Word | None:
    """The word after a space at b: its nouns and whether a particle of place follows them."""
    if b >= len(sent) or sent[b] != " ":
        return None
    k = next((n for n, t in enumerate(toks) if t.start == b + 1), None)
    if k is None or toks[k].tag not in _WORD_NOUNS:
        return None
    last = k
    while last + 1 < len(toks) and toks[last + 1].tag in _WORD_NOUNS and \
            toks[last + 1].start == toks[last].start + toks[last].len:
        last += 1
    end = toks[last].start + toks[last].len
    nxt = toks[last + 1] if last + 1 < len(toks) else None
    locative = (nxt is not None and nxt.start == end and nxt.form in _PLACE_PARTICLES
                and not _NOT_PLACE_PARTICLE_AFTER.match(sent, nxt.start + nxt.len))
    return _Word(last, end, sent[b + 1:end], locative, any(t.tag in ("NNP", "SL") for t in toks[k:last + 1]))


def _direction_end(sent: str, toks: Sequence[Any], j: int, b: int, country: bool) -> tuple[int, int]:
    """"경북 북동 산간", "도네츠크주 북부", "경북북부내륙": the part of a region, one span with it
    (not a country's: "이탈리아 남부" is Italy, said of its south)."""
    if country:
        return b, j
    rest = _glued_nouns(toks, j)
    if rest and all(t.form in _DIRECTIONS or t.form == "지방" for t in rest):
        j, b = j + len(rest), rest[-1].start + rest[-1].len  # "경북북부내륙", "전남동부내륙"
    while True:
        word = _next_word(sent, toks, b)
        if word is None or not all(t.form in _DIRECTIONS or t.form == "지방"
                                   for t in toks[j + 1:word.last + 1] if t.start > b):
            return b, j
        j, b = word.last, word.end


# where a building is said to be: "근처", "인근" name a place around it, not the building
_AROUND = frozenset("인근 근처 주변 일대 앞 뒤 옆 내 안 밖 시내 현지 지역 곳곳 전역 도심 한복판 일부 방면 방향 쪽 "
                    "전체 외곽 부근 상공 해상 시민 주민 사람 경찰 당국 소재".split())


_FACILITIES = tuple("관 홀 센터 청사 공원 전 궁 극장 시네마 스타디움 파크 리조트 경기장 체육관 회관 법원 검찰청 "
                    "대교 성당 사원 타워 빌딩 광장 기념비 묘역 현충원".split())


def _building_end(sent: str, toks: Sequence[Any], j: int, b: int) -> tuple[int, int]:
    """A place, then up to three words of nouns, the last with a particle of place: the building
    or site where something happens, one span with its place ("대전 시민 아트홀에서")."""
    words: list[_Word] = []
    end = b
    while len(words) < 3:
        word = _next_word(sent, toks, end)
        if word is None or word.nouns in _AROUND or word.nouns.isdigit():
            return b, j
        first_tok = next(n for n, t in enumerate(toks) if t.start == end + 1)
        if any(t.tag == "NNB" for t in toks[first_tok:word.last + 1]):
            return b, j  # "서울 등", "서울 외"
        words.append(word)
        if len(words) == 1 and word.proper and word.nouns.endswith(_BUILDINGS) and first_tok < word.last:
            return word.end, word.last  # "속초 바다리조트 내", "중국 항저우 서호극장의": a named building
        if words[0].proper and word.nouns.endswith(_SITE_ENDS) and not word.locative:
            return word.end, word.last  # "일본 도쿄 긴자 호텔의", "대만 타이베이 시먼 거리의": the site named
        if word.locative:
            single = first_tok == word.last and toks[first_tok].tag == "NNP"
            if word.nouns.endswith(_FACILITIES) or single:
                return word.end, word.last
            return b, j
        if word.last + 1 < len(toks) and toks[word.last + 1].start == word.end:
            return b, j  # another particle: "서울 시민의"
        end = word.end
    return b, j


# the kind of a building or site where people go, the last noun of its name: "서호극장", "링컨센터"
_BUILDINGS = tuple("극장 센터 호텔 리조트 백화점 면세점 미술관 박물관 기념관 전시관 전시장 체육관 경기장 스타디움 "
                   "아트홀 콘서트홀 공연장 영화관 시네마 스퀘어 플라자 타워 빌딩 아파트 시장 터미널 공원 랜드 "
                   "해수욕장 성당 교회 사원 사찰 식당 카페".split())


_SITE_ENDS = _BUILDINGS + _FACILITIES + tuple(_PLACE_WORDS) + ("신도시", "이민국", "응급실")


def _glued_building_end(sent: str, toks: Sequence[Any], j: int, b: int) -> tuple[int, int]:
    """A place whose word goes on with nouns that end with the kind of a building ("항저우
    서호극장", "뉴욕 링컨센터"): the building, one span with its place."""
    rest = _glued_nouns(toks, j)
    if rest and _text(sent, rest).endswith(_BUILDINGS):
        return rest[-1].start + rest[-1].len, j + len(rest)
    return b, j


def _team_after(sent: str, toks: Sequence[Any], j: int, b: int) -> bool:
    """A proper noun in the English plural after a city: "파이어리츠", "다저스" (a team)."""
    word = _next_word(sent, toks, b)
    return word is not None and word.proper and word.nouns.endswith(("스", "츠")) and len(word.nouns) >= 3


def _address_end(sent: str, toks: Sequence[Any], j: int, b: int) -> tuple[int, int]:
    """"서울 강남", "서울 서초구 서초동": a place, then the proper nouns of its districts, one word
    each: one address, and one mention to its end (resolved as its most specific known place)."""
    k = j + 1
    while k < len(toks) and toks[k].tag == "NNP" and toks[k].start == b + 1 and sent[b] == " ":
        end = toks[k].start + toks[k].len
        if k + 1 < len(toks) and toks[k + 1].start == end and toks[k + 1].tag in _NOUNS:
            break  # the word goes on: "세브란스병원", not a district
        if toks[k].form[-1] not in _ADDRESS_PARTS and not (k + 1 < len(toks) and toks[k + 1].start == end):
            break  # a bare proper noun without a particle: maybe the next name of a list
        if toks[k].form.endswith(_ORG_WORD_ENDS) and not (
                k + 1 < len(toks) and toks[k + 1].start == end and toks[k + 1].form in _PLACE_PARTICLES
                and not _NOT_PLACE_PARTICLE_AFTER.match(sent, end + toks[k + 1].len)):
            break  # "서울 서대문경찰서는": an institution, not a district ("면목동 녹색병원으로": a place)
        j, b, k = k, end, k + 1
    lot = _LOT.match(sent, b)
    if lot and j > 0 and toks[j].form[-1] in _ADDRESS_PARTS:  # "서초동 1628-1번지": the lot, one span
        end = lot.end()
        while j + 1 < len(toks) and toks[j + 1].start < end:
            j += 1
        b = end
    return b, j


_LOT = re.compile(r" \d+(?:-\d+)?(?:번지|번길)")


_BRACKETED = re.compile(r"\((?:\d+\s*[·,]\s*)?$")


def _team_in_brackets(sent: str, a: int, b: int) -> bool:
    """"김민지(첼시)", "이현수(23·토트넘)": a name in brackets after a person, a club."""
    return b < len(sent) and sent[b] == ")" and _BRACKETED.search(sent, 0, a) is not None \
        and a > 0 and sent[a - 1] in "(·" and _before_bracket_is_word(sent, a)


def _before_bracket_is_word(sent: str, a: int) -> bool:
    k = sent.rfind("(", 0, a)
    return k > 0 and not sent[k - 1].isspace()


# ---------------------------------------------------------------- dates

_FUTURE = re.compile(r"예정|계획|할\s*것|열릴|치러질|방문할|개최할|앞두고")
_YMD = re.compile(r"(?:(?P<year>1[89]\d\d|20\d\d)\s*년\s*)?(?P<month>1[0-2]|0?[1-9])\s*월\s*(?P<day>[0-3]?\d)\s*일")
_YM = re.compile(r"(?:(?P<year>1[89]\d\d|20\d\d)\s*년\s*|(?P<rel>작년|지난해|올해|금년|내년)\s*)"
                 r"(?P<month>1[0-2]|0?[1-9])\s*월(?!\s*\d)")
_REL_MONTH = re.compile(r"(?P<rel>작년|지난해|올해|금년|내년)\s*(?P<month>1[0-2]|0?[1-9])\s*월(?!\s*\d)")
_MONTH_ONLY = re.compile(r"(?<![\d년])\s(?P<month>1[0-2]|0?[1-9])\s*월(?!\s*\d)")
_YEAR = re.compile(r"(?P<year>1[89]\d\d|20\d\d)\s*년(?!\s*\d+\s*월)")
_REL_YEAR = re.compile(r"(?P<rel>작년|지난해|올해|금년|내년)(?!\s*\d+\s*월)")
_DEICTIC = re.compile(r"(?P<w>그제|그저께|어제|오늘|내일|모레)")
_WEEKDAY = re.compile(r"(?P<last>지난\s*)?(?P<wd>[월화수목금토일])요일")
_WEEKDAYS = "월화수목금토일"
_REL = {"작년": -1, "지난해": -1, "올해": 0, "금년": 0, "내년": 1}


def find_dates(text: str, published: date | None) -> list[DateMention]:
    """Dates in a Korean sentence: "2024년 6월 25일", "6월 25일", "작년 3월", "1950년", "어제",
    "지난 목요일"."""
    future = _FUTURE.search(text) is not None
    found: list[DateMention] = []
    for m in _YMD.finditer(text):
        mo, d = int(m.group("month")), int(m.group("day"))
        y = int(m.group("year")) if m.group("year") else month_day_year(published, mo, d, future, None)
        if y is not None and valid(y, mo, d):
            found.append(mention(m.start(), m.end(), text, f"{y:04d}-{mo:02d}-{d:02d}", "day",
                                 "stated" if m.group("year") else "publication"))
    for m in _YM.finditer(text):
        mo = int(m.group("month"))
        if m.group("year"):
            y = int(m.group("year"))
        elif published is not None:
            y = published.year + _REL[m.group("rel")]
        else:
            continue
        found.append(mention(m.start(), m.end(), text, f"{y:04d}-{mo:02d}", "month",
                             "stated" if m.group("year") else "publication"))
    for m in _MONTH_ONLY.finditer(text):
        mo = int(m.group("month"))
        y = month_year(published, mo, future, None)
        if y is not None:
            found.append(mention(m.start("month"), m.end(), text, f"{y:04d}-{mo:02d}", "month", "publication"))
    for m in _YEAR.finditer(text):
        found.append(mention(m.start(), m.end(), text, m.group("year"), "year"))
    if published is not None:
        for m in _REL_YEAR.finditer(text):
            found.append(mention(m.start(), m.end(), text, str(published.year + _REL[m.group("rel")]), "year",
                                 "publication"))
        for m in _DEICTIC.finditer(text):
            shift = {"그제": -2, "그저께": -2, "어제": -1, "오늘": 0, "내일": 1, "모레": 2}[m.group("w")]
            found.append(mention(m.start(), m.end(), text, date.fromordinal(published.toordinal() + shift).isoformat(),
                                 "day", "publication"))
        for m in _WEEKDAY.finditer(text):
            wd = _WEEKDAYS.index(m.group("wd"))
            found.append(mention(m.start(), m.end(), text,
                                 weekday_near(published, wd, future and not m.group("last")).isoformat(),
                                 "day", "publication"))
    found += relative_days(text, published)  # "지난 15일", "오는 9일", "15일"
    return keep_longest(found)


# ---------------------------------------------------------------- events

EVENT_RULES = refine_events(common.EventRules(
    triggers=(
        (re.compile(r"훈장을?\s*수여|수여했|수여식|서훈|포상"), "award"),
        (re.compile(r"추모식|기념식|추도식|참배|헌화|화환을?\s*바치|헌화식|행사"), "ceremony"),
        (re.compile(r"이장|재매장|유해\s*봉환|안장식|유해를?\s*옮"), "reburial"),
        (re.compile(r"방문|방북|방한|방러|訪"), "visit"),
        (re.compile(r"회담|회동|만났|만나|면담"), "meeting"),
        (re.compile(r"정상회의|정상\s*회의|총회"), "summit"),
        (re.compile(r"협정|합의|조약|서명|휴전"), "agreement"),
        (re.compile(r"해방|광복"), "liberation"),
        (re.compile(r"지진|강진|여진"), "earthquake"),
        (re.compile(r"전투|교전|격전|충돌"), "battle"),
    ),
    hedges=re.compile(r"것으로\s*알려|전해졌|추정|가능성|예정|계획|할\s*것|열릴|보인다|보도에\s*따르면|것으로\s*보"),
))

# ---------------------------------------------------------------- figures
# ko_numbers.FACT_RULES: "3백여 구", "1천250명", "약 2만 명"; the counted soldiers' country is not
# the figure's place ("소련 군인 1,250명")
