"""Russian articles (issue 16): places through pymorphy3 lemmas and the Cyrillic names of the
ScriptIndex, dates, events and figures.

Recognition. Russian writes proper names with a capital and inflects them ("в Хабаровске", "во
Львове", "из Сеула"): each capitalised word (and each run of up to four: "Нижнем Новгороде",
"Южной Кореи") is looked up under its lemmas; a lower-case adjective is looked up as a demonym
only ("советских солдат" -> the Soviet Union, as "Soviet" in English). The rules that drop a
name are general:

* inside «quotes»: an organisation's or a work's title («Газпром», «Правда»);
* a person: a run whose words pymorphy3 reads as a given name or a patronymic ("Владимир
  Путин", "Ким Чен Ын"), or a word it reads as a surname or name rather than as a place,
  unless a preposition of place comes before it;
* the first word of a sentence, capitalised by position, when pymorphy3 knows it as a common
  word and not as a place name, unless the curated data name it (a country, "США");
* a small town's GeoNames alternate (below ALT_MIN_POPULATION) that pymorphy3 does not know as
  a place name, unless a preposition of place comes before it;
* a lone capitalised adjective of a longer name ("по Московскому времени", "Нового года");
* a surname alone after the person's full name in the article ("Оливер Кан" ... "Кан сказал").

And some keep one: a place that opens a run before a person's name ("президент США Джордж
Буш"), a country inside a quoted title but not opening it («Голос Америки»). A mention takes
the common noun that belongs to the name ("Свердловской области", "реки Славянки"); an unknown
foreign name loses its case ending ("в Тусоне"). lang/ru_natasha.py reads the same names with
natasha's NER, the default when it is installed.
"""
from __future__ import annotations

import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from functools import lru_cache

from ..dates import DateMention
from ..errors import RecogniserUnavailable
from ..gazetteer import Gazetteer
from ..models import Candidate, Event, Fact, Sentence
from ..placeref import PlaceRef
from ..recognize import RawMention
from ..scripts_index import ScriptIndex
from ..sentences import split_sentences
from . import common
from .dates_common import keep_longest, mention, month_day_year, month_year, valid, weekday_near
from .ru_natasha import NatashaRecogniser, natasha_available

CODE = "ru"
ALT_MIN_POPULATION = 20_000
SHADOWED = 5  # a town's GeoNames alternate is dropped beside a city of the same name this many times larger
MAX_WORDS = 4
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
# a short quoted name is a title: an organisation's, a newspaper's, a ship's («Газпром»); a long
# quotation is speech, whose places count
_QUOTED = re.compile(r"«[^»]{1,40}»|\"[^\"]{1,40}\"|“[^”]{1,40}”|„[^“”]{1,40}[“”]")
_FUNCTION_POS = frozenset({"PREP", "CONJ", "PRCL", "NPRO", "ADVB", "INTJ", "PRED", "COMP"})
LOCATIVES = frozenset("в во на из изо под подо около возле близ у от до через к ко над между вблизи "
                      "окрестностях районе пригороде".split())
_PERSON_TAGS = ("Name", "Surn", "Patr")
# the common nouns that belong to a place's name: after its adjective ("Свердловской области"),
# or before the name ("реки Славянки", "города Феникс")
# (singular case forms only: "рекорд", "областной", "городской" are other words)
_M = r"(?:а|е|у|ом)?"  # a masculine noun's singular endings
_SUFFIX = re.compile(r"област(?:ь|и|ью)|(?:округ|остров|бульвар|проспект|район|полуостров|залив|пролив)" + _M
                     + r"|республик(?:а|и|е|у|ой)|площад(?:ь|и|ью)|улиц(?:а|ы|е|у|ей)|переул(?:ок|ка|ке|ку|ком)"
                     r"|озер(?:о|а|е|у|ом)|кра(?:й|я|ю|е|ем)|мор(?:е|я|ю|ем)")
_PREFIX = re.compile(r"(?:город|штат|мыс)" + _M + r"|рек(?:а|и|е|у|ой)|пос[её]л(?:ок|ка|ке|ку|ком)"
                     r"|поселени(?:е|я|ю|ем|и)|станци(?:я|и|ю|ей)|площад(?:ь|и|ью)|деревн(?:я|и|е|ю|ей)"
                     r"|озер(?:о|а|е|у|ом)")


def _without_descriptor(mention: str) -> str:
    """The name without the common noun before it: "городе Хабаровске" -> "Хабаровске"."""
    words = mention.split()
    return " ".join(words[1:]) if len(words) > 1 and _PREFIX.fullmatch(words[0]) else mention


class Russian:
    code = CODE

    def __init__(self, gazetteer: Gazetteer) -> None:
        import pymorphy3
        self.gaz = gazetteer
        self.morph = pymorphy3.MorphAnalyzer()
        self._parse = lru_cache(maxsize=200_000)(self._parse_uncached)
        self._known = lru_cache(maxsize=200_000)(self.morph.word_is_known)
        self.index = ScriptIndex(gazetteer, CODE, self.normalise)
        self.rules = RussianRecogniser(self)
        self._default: RussianRecogniser | NatashaRecogniser | None = None
        self._default_lock = threading.Lock()

    @property
    def recogniser(self) -> RussianRecogniser | NatashaRecogniser:
        """natasha's NER with the rules' curated names when natasha is installed (factRuEval
        test F1 0.84 against the rules' 0.82, about 40% of their speed); the rules alone
        otherwise. Loaded on first use: a run that chose the rules (ner "gazetteer") never
        loads natasha's model."""
        with self._default_lock:
            if self._default is None:
                self._default = self.rules
                if natasha_available():
                    try:
                        self._default = NatashaRecogniser(self)
                    except RecogniserUnavailable:
                        pass
            return self._default

    # ---- words --------------------------------------------------------------------------------
    def _parse_uncached(self, word: str) -> tuple[tuple[str, frozenset[str], float], ...]:
        """(lemma, grammemes, score) of each reading, the best first."""
        return tuple((p.normal_form.replace("ё", "е"), frozenset(p.tag.grammemes), p.score)
                     for p in self.morph.parse(word)[:4])

    def best_lemma(self, word: str) -> str:
        """The lemma of a word as a name: a place-name reading first, then the likeliest."""
        parses = self._parse(word)
        if not parses:
            return word.lower()
        for lemma, tags, _ in parses:
            if "Geox" in tags:
                return lemma
        return parses[0][0]

    def normalise(self, name: str) -> str:
        words = _WORD.findall(name.replace("ё", "е").replace("Ё", "Е"))
        # an adjective before another word is read as one ("Великом Новгороде", "Красной
        # площади"), so the inflected name meets its dictionary form ("Великий Новгород")
        return " ".join(self._adjective_lemma(w) if i < len(words) - 1 else self.best_lemma(w)
                        for i, w in enumerate(words))

    def _adjective_lemma(self, word: str) -> str:
        for lemma, tags, _ in self._parse(word):
            if "ADJF" in tags:
                return lemma
        return self.best_lemma(word)

    def lemmas(self, word: str) -> list[str]:
        out = [self.best_lemma(word)]
        out += [lemma for lemma, _, _ in self._parse(word) if lemma not in out]
        low = word.lower().replace("ё", "е")
        if low not in out:
            out.append(low)
        if not self._known(word):  # a foreign name pymorphy3 guesses wrongly: "в Тусоне" -> "тусон"
            out += [f for f in _stems(low) if f not in out]
        return out

    def reading(self, word: str) -> tuple[bool, bool, bool]:
        """(a place name, a person's name, a common word) by pymorphy3's readings."""
        parses = self._parse(word)
        geox = any("Geox" in t for _, t, _ in parses)
        best = parses[0][1] if parses else frozenset()
        person = any(g in best for g in _PERSON_TAGS) and not geox
        common = bool(parses) and not geox and not any(g in best for g in _PERSON_TAGS) \
            and not ({"Orgn", "Abbr", "UNKN"} & best) and "LATN" not in best
        return geox, person, common

    # ---- the article --------------------------------------------------------------------------
    def sentences(self, text: str) -> list[Sentence]:
        return split_sentences(text)

    def local_name(self, key: str, mention_text: str) -> str | None:
        return self.index.local_name(key, self.normalise(_without_descriptor(mention_text)))

    def find_dates(self, sentence: str, published: date | None) -> list[DateMention]:
        return find_dates(sentence, published)

    def events(self, text: str, sentences: Sequence[Sentence], refs: Sequence[PlaceRef],
               published: date | None) -> list[Event]:
        return common.extract_events(text, sentences, refs, published, EVENT_RULES, find_dates, self.display_name)

    def display_name(self, ref: PlaceRef) -> str:
        """A place as the map shows it: its dictionary form with the gazetteer's English name,
        "Иркутск (Irkutsk)", not the inflected mention ("Иркутска")."""
        return common.display_name(self.index, self.normalise(_without_descriptor(ref.text)), ref)

    def facts(self, text: str, sentences: Sequence[Sentence], refs: Sequence[PlaceRef]) -> list[Fact]:
        return common.extract_facts(text, sentences, refs, FACT_RULES)


class RussianRecogniser:
    """A PlaceRecogniser (ner.py) for Russian text."""

    def __init__(self, lang: Russian) -> None:
        self.lang = lang
        self.index = lang.index

    def recognise_all(self, text: str, sentences: list[Sentence], *,
                      cancel: Callable[[], bool] | None = None) -> tuple[list[RawMention], list[RawMention]]:
        named = self.person_names(sentences)
        return common.recognise_sentences(sentences, cancel, lambda s: self._sentence(text, s, named))

    def person_names(self, sentences: list[Sentence]) -> frozenset[str]:
        """The surnames of the article's people (the last word of a person's full name), so
        that "Кан" alone, after "Оливер Кан", stays a person."""
        out: set[str] = set()
        for s in sentences:
            words = list(_WORD.finditer(s.text))
            found = sorted(self._person_words(s.text, words))
            for k in found:
                if k + 1 not in found and k - 1 in found:
                    out.add(self.lang.best_lemma(words[k].group()))
        return frozenset(out)

    def _sentence(self, text: str, s: Sentence, named: frozenset[str] = frozenset()) -> list[RawMention]:
        quoted = [(m.start(), m.end()) for m in _QUOTED.finditer(s.text) if m.group().count(" ") < 4]
        words = [m for m in _WORD.finditer(s.text)
                 if not any(a < m.start() < b for a, b in quoted)]
        out: list[RawMention] = []
        persons = self._person_words(s.text, words)
        i = 0
        while i < len(words):
            got = self._match_at(s, words, i, persons, named)
            if got is None:
                i += 1
                continue
            j, cands = got
            a, b = self._widen(s, words, i, j, cands)
            out.append(_mention(text, s, words, a, b, cands, "ru_lemma"))
            i = j + 1
        for a, b in quoted:  # a country inside a title, not opening it: «Голос Америки», «Единая Россия»
            inside = [w for w in _WORD.finditer(s.text) if a < w.start() < b]
            for k, w in enumerate(inside[1:], 1):
                if not w.group()[0].isupper():
                    continue
                cands = _unique(tuple(c for lemma in self.lang.lemmas(w.group())[:2]
                                      for c in self.index.lookup_norm(lemma)
                                      if c.kind == "country" and c.form in ("name", "alias", "abbrev")))
                if cands:
                    out.append(_mention(text, s, inside, k, k, cands, "ru_lemma"))
        return sorted(out, key=lambda m: m.start)

    def _widen(self, s: Sentence, words: list[re.Match[str]], i: int, j: int,
               cands: tuple[Candidate, ...]) -> tuple[int, int]:
        """The name with the common noun that belongs to it: "Свердловской области",
        "Манежной площади" (an adjective, then its noun) and "реки Славянки", "города Феникс"
        (a descriptor in the singular, then the name; not a country's: "город Германии")."""
        if j + 1 < len(words) and _joined(s.text, words[j], words[j + 1]) and _SUFFIX.fullmatch(words[j + 1].group()) \
                and any("ADJF" in t for _, t, _ in self.lang._parse(words[j].group())):
            j += 1
        if i > 0 and _joined(s.text, words[i - 1], words[i]) and _PREFIX.fullmatch(words[i - 1].group()) \
                and not any(c.kind in ("country", "continent") for c in cands):
            parses = self.lang._parse(words[i - 1].group())
            if parses and "sing" in parses[0][1]:
                i -= 1
        return i, j

    def span_mentions(self, text: str, s: Sentence,
                      spans: list[tuple[int, int]]) -> tuple[list[RawMention], list[RawMention]]:
        """Mentions inside the place spans a model found (offsets in the sentence): the longest
        names the ScriptIndex knows, left to right, with no rule deciding whether a name is a
        place (the model did). A span with no known name is `unknown` (for the online geocoder)."""
        found: list[RawMention] = []
        unknown: list[RawMention] = []
        all_words = list(_WORD.finditer(s.text))
        for a, b in spans:
            for words in self._segments(s.text, [w for w in all_words if a <= w.start() and w.end() <= b]):
                self._span_mention(text, s, all_words, words, found, unknown)
        return found, unknown

    def _segments(self, sent: str, words: list[re.Match[str]]) -> list[list[re.Match[str]]]:
        """A model's span cut where punctuation or a lower-case preposition or conjunction
        parts two names ("Палестина • Парагвай", "США по патентам")."""
        out: list[list[re.Match[str]]] = [[]]
        for w in words:
            parses = self.lang._parse(w.group())
            cut = bool(out[-1]) and not _joined(sent, out[-1][-1], w)
            if w.group()[0].islower() and parses and _FUNCTION_POS & parses[0][1]:
                out.append([])
                continue
            if cut:
                out.append([])
            out[-1].append(w)
        return [ws for ws in out if ws]

    def _span_mention(self, text: str, s: Sentence, all_words: list[re.Match[str]], words: list[re.Match[str]],
                      found: list[RawMention], unknown: list[RawMention]) -> None:
        """The whole span ("Северной Африке"), read by its first known name; a span with no
        capitalised word is not a name."""
        if not any(w.group()[0].isupper() for w in words):
            return
        if words[0].start() > 0 and s.text[words[0].start() - 1] in "./@":
            return  # ".РФ", a domain
        first = all_words.index(words[0])
        cands = self._first_name(words)
        i, j = self._widen(s, all_words, first, first + len(words) - 1, cands)
        if cands:
            found.append(_mention(text, s, all_words, i, j, cands, "ru_natasha"))
        else:
            unknown.append(_mention(text, s, all_words, i, j, (), "ru_natasha"))

    def _first_name(self, words: list[re.Match[str]]) -> tuple[Candidate, ...]:
        """The candidates of the first, longest name the ScriptIndex knows among the words (a
        Russian name chain puts its head first: "Гагаузской автономии Молдавской республики")."""
        adjectives: tuple[Candidate, ...] = ()
        for i in range(len(words)):
            for j in range(min(i + MAX_WORDS, len(words)) - 1, i - 1, -1):
                cands = self._lookup(words, i, j)
                if cands and not all(c.form == "demonym" for c in cands):
                    return cands
                if cands and not adjectives and i == j:
                    adjectives = tuple(c for c in cands if c.form == "demonym")
        if adjectives and len(words) > 1:  # "Турецкой республикой", "Палестинского государства"
            return tuple(replace(c, form="alias") for c in adjectives)
        return ()

    def _lookup(self, words: list[re.Match[str]], i: int, j: int) -> tuple[Candidate, ...]:
        if j > i:  # the name's normal form, as the index keeps it ("великий новгород")
            keys = [self.lang.normalise(" ".join(w.group() for w in words[i:j + 1]))]
        else:
            keys = self.lang.lemmas(words[i].group())
        return _unique(tuple(c for k in keys for c in self.index.lookup_norm(k)))

    def _person_words(self, sent: str, words: list[re.Match[str]]) -> set[int]:
        """Word positions inside a capitalised run that reads as a person's name."""
        out: set[int] = set()
        run: list[int] = []
        for k, w in enumerate(words + [None]):
            if w is not None and w.group()[0].isupper() and (not run or _joined(sent, words[run[-1]], w)):
                run.append(k)
                continue
            while run and self.lang.reading(words[run[0]].group())[2]:
                run = run[1:]  # a common word capitalised first: "Премьер-министр Японии Наото Кан"
            run = run[self._place_before_name([words[q].group() for q in run]):]
            if len(run) >= 2:
                readings = [self.lang.reading(words[q].group()) for q in run]
                tags = [self.lang._parse(words[q].group())[0][1] if self.lang._parse(words[q].group()) else frozenset()
                        for q in run]
                if any(("Name" in t or "Patr" in t) for t in tags) or all(r[1] for r in readings):
                    out.update(run)
            run = [k] if (w is not None and w.group()[0].isupper()) else []
        return out

    def _place_before_name(self, run: list[str]) -> int:
        """How many words of a run of capitalised words name a place before a person's name:
        "президент США Джордж Буш", "глава РФ Дмитрий Медведев", "министр Новой Зеландии
        Майкл ..." (a curated name, a GeoNames place reading or an abbreviation, with no
        person's reading of its first word). The place stays a place."""
        for n in range(min(MAX_WORDS, len(run) - 1), 0, -1):
            parses = self.lang._parse(run[0])
            if not parses or any(g in parses[0][1] for g in _PERSON_TAGS):
                return 0
            if n == 1 and (any("Geox" in t for _, t, _ in parses) or (run[0].isupper() and len(run[0]) >= 2)):
                return 1
            key = self.lang.normalise(" ".join(run[:n])) if n > 1 else self.lang.best_lemma(run[0])
            if any(c.form in ("name", "alias", "abbrev") for c in self.index.lookup_norm(key)):
                return n
        return 0

    def _match_at(self, s: Sentence, words: list[re.Match[str]], i: int,
                  persons: set[int], named: frozenset[str]) -> tuple[int, tuple[Candidate, ...]] | None:
        first = words[i].group()
        if not first[0].isupper():
            cands = tuple(c for lemma in self.lang.lemmas(first)[:2] for c in self.index.lookup_norm(lemma)
                          if c.form == "demonym")
            return (i, _unique(cands)) if cands else None
        for j in range(min(i + MAX_WORDS, len(words)) - 1, i - 1, -1):
            span = words[i:j + 1]
            if j > i and not all(w.group()[0].isupper() and _joined(s.text, a, w)
                                 for a, w in zip(span, span[1:])):
                continue
            if j > i:
                keys = [self.lang.normalise(" ".join(w.group() for w in span))]
            else:
                keys = self.lang.lemmas(first)
            cands = _unique(tuple(c for k in keys for c in self.index.lookup_norm(k)))
            if not cands:
                continue
            if self._keep(s, words, i, j, cands, persons, named):
                return j, cands
            return None
        return None

    def _keep(self, s: Sentence, words: list[re.Match[str]], i: int, j: int, cands: tuple[Candidate, ...],
              persons: set[int], named: frozenset[str]) -> bool:
        curated = any(c.form in ("alias", "abbrev", "name") for c in cands)
        demonym_only = all(c.form == "demonym" for c in cands)
        prev = words[i - 1].group().lower() if i > 0 else ""
        locative = prev in LOCATIVES
        geox, person, common_word = self.lang.reading(words[i].group()) if i == j else (True, False, False)
        if demonym_only:
            return True
        if any(k in persons for k in range(i, j + 1)) and not (geox and locative):
            return False
        if i == j and not curated and not locative and self.lang.best_lemma(words[i].group()) in named:
            return False
        if person and not locative and not curated:
            return False
        start = words[i].start()
        if start > 0 and s.text[start - 1] in "./@":
            return False  # ".РФ", a domain
        parses = self.lang._parse(words[i].group())
        if i == j and parses and _FUNCTION_POS & parses[0][1] and not geox:
            return False  # "В", "По", "Но" capitalised after a dash
        opening = i == 0 or s.text[:start].strip(" «\"“—–-(") == "" or \
            re.search(r"[.!?:—–-][»\"”]?\s+$", s.text[:start]) is not None
        if opening and common_word and not curated:
            return False
        if i == j and parses and "ADJF" in parses[0][1] and j + 1 < len(words) \
                and _joined(s.text, words[j], words[j + 1]) and words[j + 1].group()[0].islower() \
                and not _SUFFIX.fullmatch(words[j + 1].group()):
            nxt = self.lang._parse(words[j + 1].group())
            if nxt and {"NOUN", "ADJF"} & nxt[0][1]:
                return False  # an adjective of a longer name: "Белом доме", "Нового года"
        small = all(c.form == "alt" and c.kind == "city" and c.population < ALT_MIN_POPULATION for c in cands)
        if small and not geox and not locative:
            return False
        return True


def _mention(text: str, s: Sentence, words: list[re.Match[str]], i: int, j: int, cands: tuple[Candidate, ...],
             rule: str) -> RawMention:
    a, b = s.start + words[i].start(), s.start + words[j].end()
    prev = words[i - 1].group().lower() if i > 0 else None
    return RawMention(start=a, end=b, text=text[a:b], sentence=s.id, candidates=cands,
                      preposition="in" if prev in LOCATIVES else None,
                      next_text=text[b:b + 60], before_text=text[max(0, a - 30):a],
                      tokens=tuple(sorted({w.group().lower() for w in words[i:j + 1]})), rules=(rule,))


_CASE_ENDING = re.compile(r"(?<=[бвгджзклмнпрстфхцчшщ])(?:ом|ем|ой|е|а|у|ы|и|ю|я)$")


def _stems(low: str) -> list[str]:
    """Dictionary forms of an unknown inflected name: "тусоне" -> "тусон", "тусонь", "тусона"."""
    m = _CASE_ENDING.search(low)
    if m is None or m.start() < 3:
        return []
    stem = low[:m.start()]
    return [stem, stem + "ь", stem + "а", stem + "я"]


def _joined(sent: str, a: re.Match[str], b: re.Match[str]) -> bool:
    return sent[a.end():b.start()] in (" ", "\u00a0", "-")


def _unique(cands: tuple[Candidate, ...]) -> tuple[Candidate, ...]:
    """Each entry once, the largest first, without the small towns that share a famous city's
    name: a Russian text that writes "Женева" means Geneva, not one of the American towns
    GeoNames also spells so (their transliterations), whatever country the article is about."""
    seen: dict[str, Candidate] = {}
    for c in cands:
        seen.setdefault(c.key, c)
    out = sorted(seen.values(), key=lambda c: -c.population)
    top = max((c.population for c in out if c.kind == "city"), default=0)
    return tuple(c for c in out if not (c.form == "alt" and c.kind == "city" and c.population * SHADOWED < top))


# ---------------------------------------------------------------- dates

MONTHS = {"январ": 1, "феврал": 2, "март": 3, "апрел": 4, "ма": 5, "мая": 5, "май": 5, "июн": 6, "июл": 7,
          "август": 8, "сентябр": 9, "октябр": 10, "ноябр": 11, "декабр": 12}
_MONTH = r"(?P<month>январ[ьяе]|феврал[ьяе]|март[ае]?|апрел[ьяе]|ма[йяе]|июн[ьяе]|июл[ьяе]|август[ае]?|" \
         r"сентябр[ьяе]|октябр[ьяе]|ноябр[ьяе]|декабр[ьяе])"
_YEAR = r"(?P<year>1[89]\d\d|20\d\d)"
_DAY_MONTH = re.compile(rf"\b(?P<day>[0-3]?\d)\s+{_MONTH}(?:\s+{_YEAR}(?:\s*(?:года|г\.))?)?", re.I)
_MONTH_YEAR = re.compile(rf"\b{_MONTH}\s+{_YEAR}(?:\s*(?:года|г\.))?", re.I)
_MONTH_ALONE = re.compile(rf"\bв\s+{_MONTH}\b", re.I)
_YEAR_ALONE = re.compile(rf"\b(?:в\s+|с\s+|до\s+)?{_YEAR}\s*(?:году|года|год|г\.)", re.I)
_YEARS_RANGE = re.compile(rf"\b{_YEAR}\s*[-–—]\s*(?:1[89]\d\d|20\d\d)\s*(?:годах|годов|гг\.)", re.I)
WEEKDAYS = {"понедельник": 0, "вторник": 1, "сред": 2, "четверг": 3, "пятниц": 4, "суббот": 5, "воскресень": 6}
_WEEKDAY = re.compile(r"\bв[о]?\s+(?P<wd>понедельник|вторник|среду|четверг|пятницу|субботу|воскресенье)\b", re.I)
_DEICTIC = re.compile(r"\b(?P<w>сегодня|вчера|позавчера|завтра|послезавтра)\b", re.I)
_FUTURE = re.compile(r"\b(?:будет|будут|состоится|пройдет|пройдёт|планиру\w*|намерен\w*|предстоящ\w*|"
                     r"собира\w+|ожида\w+)\b", re.I)
_RELATIVE_YEAR = re.compile(r"\b(?P<w>в\s+прошлом\s+году|в\s+этом\s+году|в\s+следующем\s+году)\b", re.I)


def _month_of(word: str) -> int:
    w = word.lower()
    for stem, m in sorted(MONTHS.items(), key=lambda kv: -len(kv[0])):
        if w.startswith(stem):
            return m
    raise ValueError(word)


def find_dates(text: str, published: date | None) -> list[DateMention]:
    """Dates in a Russian sentence: "9 мая", "9 мая 1945 года", "в марте 2018 года", "в марте",
    "в 1944 году", "в 1941-1945 годах", "в четверг", "вчера", "в прошлом году"."""
    future = _FUTURE.search(text) is not None
    found: list[DateMention] = []
    # "в прошлом году, 9 мая": the day of the year the sentence names relative to publication (a
    # stated year is left alone: "9 мая почтили погибших в 1945 году" is this year's 9 May)
    rel = _RELATIVE_YEAR.search(text) if published is not None else None
    context = None if rel is None or published is None else \
        published.year + (-1 if "прошл" in rel.group("w").lower() else 1 if "следующ" in rel.group("w").lower() else 0)
    for m in _DAY_MONTH.finditer(text):
        d, mo = int(m.group("day")), _month_of(m.group("month"))
        y = int(m.group("year")) if m.group("year") else month_day_year(published, mo, d, future, context)
        if y is not None and valid(y, mo, d):
            found.append(mention(m.start(), m.end(), text, f"{y:04d}-{mo:02d}-{d:02d}", "day",
                                 "stated" if m.group("year") else "publication"))
    for m in _MONTH_YEAR.finditer(text):
        found.append(mention(m.start("month"), m.end(), text,
                             f"{int(m.group('year')):04d}-{_month_of(m.group('month')):02d}", "month"))
    for m in _MONTH_ALONE.finditer(text):
        mo = _month_of(m.group("month"))
        y = month_year(published, mo, future, None)
        if y is not None:
            found.append(mention(m.start("month"), m.end(), text, f"{y:04d}-{mo:02d}", "month", "publication"))
    for rx in (_YEARS_RANGE, _YEAR_ALONE):
        for m in rx.finditer(text):
            found.append(mention(m.start("year"), m.end(), text, m.group("year"), "year"))
    if published is not None:
        for m in _WEEKDAY.finditer(text):
            wd = next(v for k, v in WEEKDAYS.items() if m.group("wd").lower().startswith(k))
            found.append(mention(m.start("wd"), m.end(), text, weekday_near(published, wd, future).isoformat(),
                                 "day", "publication"))
        for m in _DEICTIC.finditer(text):
            shift = {"сегодня": 0, "вчера": -1, "позавчера": -2, "завтра": 1, "послезавтра": 2}[m.group("w").lower()]
            found.append(mention(m.start(), m.end(), text, date.fromordinal(published.toordinal() + shift).isoformat(),
                                 "day", "publication"))
        for m in _RELATIVE_YEAR.finditer(text):
            w = m.group("w").lower()
            y = published.year + (-1 if "прошл" in w else 1 if "следующ" in w else 0)
            found.append(mention(m.start(), m.end(), text, str(y), "year", "publication"))
    return keep_longest(found)


# ---------------------------------------------------------------- events

# "военнослужащих США", "армии Германии": the people's country, not where they are
_NATIONALITY_BEFORE = re.compile(r"(?<![\w-])(?:солдат|воин|бойц|военнослужащ|военн|граждан|пленн|военнопленн|"
                                 r"моряк|л[её]тчик|офицер|арми|войск|подданн)\w*\s+$", re.I)

def _t(pattern: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])(?:" + pattern + r")", re.I)


EVENT_RULES = common.EventRules(
    triggers=(
        (_t(r"наградил\w*|награжд\w+|вручил\w*|вручени\w+|удостоен\w*"), "award"),
        (_t(r"церемони\w+|торжественн\w+ мероприяти\w+|митинг\w*|траурн\w+"), "ceremony"),
        (_t(r"возложени\w+ вен(?:ок|к\w+)|возложил\w* вен(?:ок|к\w+)|возложил\w* цвет\w+|"
            r"возложени\w+ цвет\w+"), "ceremony"),
        (_t(r"перезахоронени\w+|перезахорон\w+|эксгумаци\w+"), "reburial"),
        (_t(r"визит\w*|посетил\w*|посещени\w+|прибыл\w*|побывал\w*"), "visit"),
        (_t(r"встреч\w+|встретил\w*|переговор\w+"), "meeting"),
        (_t(r"саммит\w*"), "summit"),
        (_t(r"соглашени\w+|договор\w*|подписал\w*|перемири\w+"), "agreement"),
        (_t(r"освобожд\w+|освободил\w*"), "liberation"),
        (_t(r"землетрясени\w+|подземн\w+ толч\w+"), "earthquake"),
        # the fight, not the fighters ("в боях", not "бойцов")
        (_t(r"(?:бо(?:й|я|ю|ем|е|и|[её]в|ях|ям|ями)|сражени\w+|боев\w+ действи\w+)(?![\w-])"), "battle"),
        (_t(r"открыл\w*|открыти\w+"), "opening"),
    ),
    hedges=re.compile(r"\b(?:возможно|якобы|предположительно|по некоторым данным|по неподтвержденным|"
                      r"как сообщается|может|могут|планиру\w+|ожида\w+|будет|будут|состоится|намерен\w*)\b", re.I),
    clause_breaks=re.compile(r"[;:]|,\s*(?:что|чтобы|но|однако)(?![\w-])|\s[—–]\s", re.I),
    # the full participles of death and burial: "солдат, погибших в 1945 году"
    attached=re.compile(r"(?<![\w-])(?:погибш|павш|умерш|скончавш|родивш|убит(?:ых|ые|ого|ым|ый)|"
                        r"(?:пере)?(?:по|за)хоронен{2}|расстрелян{2}|замучен{2})\w*", re.I),
    origin_before=re.compile(r"(?<![\w-])(?:из|изо|делегаци\w+|представител\w+|уроженц\w+|уроженк\w+)\s+$", re.I),
    list_join=re.compile(r"\s*(?:,|и)\s*|\s+и\s+", re.I),
    nationality_before=_NATIONALITY_BEFORE,
)

# ---------------------------------------------------------------- figures

_WORD_NUMBERS = {"два": 2, "две": 2, "двух": 2, "три": 3, "трех": 3, "четыре": 4, "четырех": 4, "пять": 5, "пяти": 5,
                 "шесть": 6, "шести": 6, "семь": 7, "семи": 7, "восемь": 8, "восьми": 8, "девять": 9, "девяти": 9,
                 "десять": 10, "десяти": 10, "двадцать": 20, "двадцати": 20, "тридцать": 30, "тридцати": 30,
                 "сорок": 40, "сорока": 40, "пятьдесят": 50, "пятидесяти": 50, "сто": 100, "ста": 100,
                 "двести": 200, "двухсот": 200, "триста": 300, "трехсот": 300, "четыреста": 400, "четырехсот": 400,
                 "пятьсот": 500, "пятисот": 500, "шестьсот": 600, "шестисот": 600, "семьсот": 700, "семисот": 700,
                 "восемьсот": 800, "восьмисот": 800, "девятьсот": 900, "девятисот": 900,
                 "полторы": 1, "полутора": 1, "тысяча": 1000, "тысячи": 1000}
# a number word, alone or before "тысяч" ("двух тысяч", "полутора тысяч"); "тысяча" alone
_WORDS = "|".join(sorted((w.replace("е", "[её]") for w in _WORD_NUMBERS if not w.startswith("тысяч")),
                         key=len, reverse=True))
_NUMBER = re.compile(r"(?<![\w.,])(?P<num>\d{1,3}(?:[\s\u00a0\u202f]\d{3})+|\d{1,3}(?:,\d{3})+|\d+(?:[.,]\d+)?"
                     r"(?:\s+(?:тыс\.|тысяч\w*|млн|миллион\w*))?|(?:" + _WORDS + r")(?:\s+тысяч\w*)?|тысяч[аи])"
                     r"(?![\w])",
                     re.I)


def parse_number(token: str) -> int | None:
    t = re.sub(r"\s+", " ", token.lower().strip().replace("ё", "е"))
    words = t.split(" ")
    if words[0] in _WORD_NUMBERS:
        if len(words) > 1 and words[1].startswith("тысяч"):
            return 1500 if words[0].startswith("пол") else _WORD_NUMBERS[words[0]] * 1000
        return None if words[0].startswith("пол") else _WORD_NUMBERS[words[0]]
    scale = 1
    if re.search(r"тыс", t):
        scale = 1000
    elif re.search(r"млн|миллион", t):
        scale = 1_000_000
    digits = re.match(r"[\d\s\u00a0\u202f.,]+", t)
    if not digits:
        return None
    d = re.sub(r"[\s\u00a0\u202f]", "", digits.group())
    if scale > 1:
        return int(float(d.replace(",", ".")) * scale)
    if re.fullmatch(r"\d{1,3}(,\d{3})+", d):
        d = d.replace(",", "")
    if not d.isdigit():
        return None
    value = int(d)
    return value if value < 10_000_000 else None


_PEOPLE = r"(?:\w+\s+){0,2}?(?:солдат\w*|военнослужащ\w+|военн\w+|бойц\w*|воин\w*|человек|жител\w+|граждан\w*|" \
          r"летчик\w*|лётчик\w*|моряк\w*|офицер\w*|пленн\w+|ветеран\w*)"
# the people counted, then up to three words before the verb
_PEOPLE_THEN = rf"\s+{_PEOPLE}(?:\s+\w+){{0,3}}?\s+"
_MONTH_WORDS = r"январ|феврал|март|апрел|ма[яйе]|июн|июл|август|сентябр|октябр|ноябр|декабр"
FACT_RULES = common.FactRules(
    number=_NUMBER, parse=parse_number,
    after=(
        (re.compile(r"\s+(?:братск\w+|массов\w+)\s+(?:могил\w*|захоронени\w+)", re.I), "mass_graves"),
        (re.compile(r"\s+(?:индивидуальн\w+|одиночн\w+)\s+(?:могил\w*|захоронени\w+)", re.I), "individual_graves"),
        (re.compile(r"\s+(?:\w+\s+)?(?:могил\w*|захоронени\w+)", re.I), "graves"),
        (re.compile(r"\s+(?:\w+\s+)?(?:памятник\w*|мемориал\w*|обелиск\w*)", re.I), "memorials"),
        (re.compile(r"\s+(?:\w+\s+)?кладбищ\w*", re.I), "cemeteries"),
        (re.compile(r"\s+(?:погибш\w+|убит\w+|жертв\w*|погиб\w*)", re.I), "died"),
        (re.compile(r"\s+(?:пострадавш\w+|ранен\w+|пострадал\w*)", re.I), "wounded"),
        (re.compile(r"\s+(?:пропавш\w+ без вести)", re.I), "missing"),
        (re.compile(_PEOPLE_THEN + r"(?:похоронен\w*|(?:пере)?захоронен\w*|поко[ия]тся|погребен\w*|лежат)", re.I),
         "buried"),
        (re.compile(_PEOPLE_THEN + r"(?:погиб\w*|умер\w*|скончал\w*|убит\w*)", re.I), "died"),
        (re.compile(_PEOPLE_THEN + r"(?:ранен\w*|пострадал\w*)", re.I), "wounded"),
    ),
    before=(
        (re.compile(r"(?:похоронен\w*|захоронен\w*|поко[ия]тся|погребен\w*|останки)\s+(?:\w+\s+){0,2}$", re.I),
         "buried"),
        (re.compile(r"(?:погиб\w*|унес\w* жизни|унёс\w* жизни|число погибших\s+(?:\w+\s+){0,3})"
                    r"\s*(?:\w+\s+){0,2}$", re.I), "died"),
        (re.compile(r"(?:ранен\w*|пострадал\w*|число пострадавших\s+(?:\w+\s+){0,3})\s*(?:\w+\s+){0,2}$", re.I),
         "wounded"),
        # "число погибших ... выросло до 41", "число жертв превысило 40": the death toll
        (re.compile(r"(?:число|количество)\s+(?:погибших|жертв|умерших)(?:\s+[^.;!?]{0,140}?)?\s+"
                    r"(?:вырос\w*|превысил\w*|достиг\w*|составил\w*|увеличил\w*|превыша\w+|состав\w+)"
                    r"\s+(?:до\s+|уже\s+)?(?:\w+\s+)?$", re.I), "died"),
        (re.compile(r"(?:число|количество)\s+(?:пострадавших|раненых)(?:\s+[^.;!?]{0,140}?)?\s+"
                    r"(?:вырос\w*|превысил\w*|достиг\w*|составил\w*|увеличил\w*)\s+(?:до\s+)?(?:\w+\s+)?$",
                    re.I), "wounded"),
        # "установить имена ещё 23 бойцов": the named dead
        (re.compile(r"(?:установ\w+|опознан\w+|идентифицир\w+)\s+(?:имена\s+|личност\w+\s+)?(?:е[щш]ё\s+|еще\s+)?$",
                    re.I), "identified"),
    ),
    # the dead counted, then a participle of death: "к могилам 56 моряков, погибших в ..."
    late_after=(
        (re.compile(rf"\s+{_PEOPLE},?\s+(?:погибш\w+|павш\w+|убит\w+|умерш\w+)", re.I), "died"),
    ),
    # "до" after a verb of change is "to" ("выросло до 41"), not "up to"
    qualifier=re.compile(r"(?P<q>более чем|более|свыше|около|почти|примерно|не менее|по меньшей мере|порядка|"
                         r"(?<!ло )(?<!ла )(?<!ли )(?<!лось )(?<!лся )(?<!лась )до|менее|приблизительно|как минимум|"
                         r"превысил\w*|превышает|превышают)\s+$", re.I),
    qualifier_names={"более чем": "more than", "более": "more than", "свыше": "over", "около": "about",
                     "почти": "almost", "примерно": "approximately", "не менее": "at least",
                     "по меньшей мере": "at least", "как минимум": "at least", "порядка": "about", "до": "up to",
                     "менее": "fewer than", "приблизительно": "approximately",
                     "превысило": "more than", "превысил": "more than", "превысила": "more than",
                     "превысили": "more than", "превышает": "more than", "превышают": "more than"},
    # "1945 году", "1941-1945 гг.", "22 июня": a date, not a count
    not_count=re.compile(rf"\s*(?:[-–—]\s*\d+\s*)?(?:год(?:а|у|ом|е|ы|ах|ов)?|гг?\.)(?![\w])|\s+(?:{_MONTH_WORDS})\w*",
                         re.I),
    # "военнослужащих США", "армии Германии": the people's country, not where they are
    nationality_before=_NATIONALITY_BEFORE,
    # "в области", "в крае": the region named before
    region_anaphor=re.compile(r"(?<![\w-])(?:в|по|на территории)\s+"
                              r"(?:области|крае|регионе|республике|округе)(?![\w-])"),
)
