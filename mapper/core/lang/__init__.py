"""Articles in other languages than English (issue 16): detection, and each language's reader.

`detect_language(text)` is cheap for an English article: it counts scripts first and reads the
English function words, and loads no model. Only a Cyrillic article (Russian, or Ukrainian,
Belarusian, Bulgarian: lingua tells them apart) or a Latin-script one that does not read as
English asks lingua-language-detector, whose models for a handful of languages load on first
use (about 0.1 s in its low-accuracy mode, which needs a few words: whole articles). Hangul is
Korean's alone: no model is needed.

`language_support(code, gazetteer)` gives a language's reader (lang/ru.py, lang/ko.py): a
PlaceRecogniser (ner.py) over a ScriptIndex, and the dates, events and figures of its text as
the English modules' own records (DateMention, Event, Fact). Each is imported on first use, so
an English run never imports pymorphy3, kiwipiepy or lingua.
"""
from __future__ import annotations

import re
import threading
from typing import TYPE_CHECKING, Any

from ..errors import MapperError

if TYPE_CHECKING:
    from ..gazetteer import Gazetteer
    from .ko import Korean
    from .ru import Russian

SUPPORTED = ("en", "ru", "ko")
CHOICES = ("auto", *SUPPORTED)
_EN_WORDS = re.compile(r"\b(?:the|of|and|to|in|a|is|was|for|on|that|with|said|by|at|from)\b", re.I)
_LOCK = threading.Lock()
_DETECTORS: dict[str, Any] = {}
_SUPPORT: dict[tuple[str, int], Russian | Korean] = {}


class LanguageUnavailable(MapperError):
    """A language's tools are not installed."""


_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_HANGUL = re.compile(r"[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")
_NOT_LATIN = re.compile(r"[\u0400-\u04ff\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")
SAMPLE = 4000  # characters read to detect the language


def script_counts(text: str) -> tuple[int, int, int]:
    """(Latin, Cyrillic, Hangul) letters in the article's first SAMPLE characters."""
    sample = text[:SAMPLE]
    return len(_LATIN.findall(sample)), len(_CYRILLIC.findall(sample)), len(_HANGUL.findall(sample))


def detect_language(text: str) -> str:
    """An ISO 639-1 code: "en", "ru", "ko", or another language lingua names ("uk", "de"),
    which mapper reads with its English rules (see `reader_language`). An article in Latin
    script whose first words read as English costs two regular-expression scans: no model."""
    sample = text[:SAMPLE]
    if _NOT_LATIN.search(sample) is None:
        head = sample[:1000]
        words = head.count(" ") + 1
        if words < 8 or len(_EN_WORDS.findall(head)) >= 0.12 * words:
            return "en"
        return _lingua("latin", sample) or "en"
    latin, cyr, hangul = script_counts(sample)
    if hangul >= 0.3 * (latin + cyr + hangul) or hangul > max(cyr, latin):
        return "ko"
    if cyr >= latin:
        return _lingua("cyrillic", sample) or "ru"
    return _lingua("latin", sample) or "en"


def reader_language(code: str) -> str:
    """The reader mapper uses for a detected language: its own, else English."""
    return code if code in SUPPORTED else "en"


def _lingua(group: str, text: str) -> str | None:
    try:
        from lingua import Language, LanguageDetectorBuilder
    except ImportError:
        return None
    with _LOCK:
        det = _DETECTORS.get(group)
        if det is None:
            names = (("RUSSIAN", "UKRAINIAN", "BELARUSIAN", "BULGARIAN") if group == "cyrillic" else
                     ("ENGLISH", "GERMAN", "FRENCH", "SPANISH", "ITALIAN", "PORTUGUESE", "DUTCH", "POLISH",
                      "TURKISH", "INDONESIAN", "SWEDISH"))
            det = _DETECTORS[group] = (LanguageDetectorBuilder.from_languages(*(getattr(Language, n) for n in names))
                                       .with_low_accuracy_mode().build())
    found = det.detect_language_of(text[:5000])
    return found.iso_code_639_1.name.lower() if found is not None else None


def language_support(code: str, gazetteer: Gazetteer) -> Russian | Korean:
    """The reader of a supported non-English language, built once per gazetteer."""
    if code not in ("ru", "ko"):
        raise MapperError(f"unknown language '{code}': use one of {', '.join(CHOICES)}")
    with _LOCK:
        got = _SUPPORT.get((code, id(gazetteer)))
        if got is None:
            try:
                reader: Russian | Korean
                if code == "ru":
                    from .ru import Russian
                    reader = Russian(gazetteer)
                else:
                    from .ko import Korean
                    reader = Korean(gazetteer)
                got = _SUPPORT[(code, id(gazetteer))] = reader
            except ImportError as err:
                raise LanguageUnavailable(
                    f"reading {code} articles needs the 'langs' extra: pip install 'mapper[langs]' ({err})") from err
    return got
