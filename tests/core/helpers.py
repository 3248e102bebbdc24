"""Test helpers: a naive sentence splitter and PlaceRef builder (stand-ins for the
pipeline's own sentence splitter and recogniser)."""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from mapper.core.models import Sentence
from mapper.core.placeref import PlaceRef

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "articles" / "putin-awards-kim-medal.txt"
SAMPLE_PUBLISHED = date(2020, 5, 5)

_SPLIT = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“A-Z])")


def split_sentences(text: str) -> list[Sentence]:
    """One sentence per line for the first line (headline), then split each paragraph
    after . ! ? (plus a closing quote) followed by whitespace and a capital or quote."""
    out: list[Sentence] = []
    for para in re.finditer(r"[^\n]+", text):
        ptext, pstart = para.group(0), para.start()
        kind = "headline" if not out else "body"
        bounds, pos = [], 0
        for m in _SPLIT.finditer(ptext):
            cut = m.start() + len(m.group(0)) - len(m.group(0).lstrip("\"”’)"))
            bounds.append((pos, cut))
            pos = m.end()
        bounds.append((pos, len(ptext)))
        for a, b in bounds:
            seg = ptext[a:b].strip()
            if not seg:
                continue
            s0 = pstart + a + (len(ptext[a:b]) - len(ptext[a:b].lstrip()))
            s1 = s0 + len(seg)
            out.append(Sentence(len(out), s0, s1, text[s0:s1], kind))
    return out


def sentence_of(sentences: list[Sentence], offset: int) -> int:
    for s in sentences:
        if s.start <= offset < s.end:
            return s.id
    raise ValueError(offset)


def place_refs(text: str, sentences: list[Sentence],
               spec: list[tuple[str, str, str, str | None]]) -> list[PlaceRef]:
    """spec: (surface, place_id, kind, country). Longest surfaces first, no overlaps,
    whole words, case-sensitive."""
    taken: list[tuple[int, int]] = []
    refs: list[PlaceRef] = []
    for surface, pid, kind, cc in sorted(spec, key=lambda t: -len(t[0])):
        for m in re.finditer(r"(?<![\w-])" + re.escape(surface) + r"(?![\w])", text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            refs.append(PlaceRef(m.start(), m.end(), surface, sentence_of(sentences, m.start()),
                                 pid, kind, cc))
    return sorted(refs, key=lambda r: r.start)


KP, RU = "gn:1873107", "gn:2017370"
SAMPLE_PLACES = [
    ("North Korean", KP, "demonym", "KP"),
    ("North Korea", KP, "country", "KP"),
    ("Democratic People's Republic of Korea", KP, "country", "KP"),
    ("DPRK", KP, "country", "KP"),
    ("Korean peninsula", "rg:korean-peninsula", "region", None),
    ("Korea", "rg:korean-peninsula", "region", None),
    ("Russia", RU, "country", "RU"),
    ("Russian", RU, "demonym", "RU"),
    ("Soviet", RU, "demonym", "RU"),
    ("Japanese", "gn:1861060", "demonym", "JP"),
    ("South Korean", "gn:1835841", "demonym", "KR"),
    ("U.S.", "gn:6252001", "country", "US"),
    ("Mansudae Palace of Congress", "lm:mansudae-palace-of-congress", "landmark", "KP"),
    ("Liberation Monument", "lm:liberation-monument", "landmark", "KP"),
    ("Pyongyang", "gn:1871859", "city", "KP"),
    ("Vladivostok", "gn:2013348", "city", "RU"),
    ("Wonsan", "gn:1873757", "city", "KP"),
    ("Sunchon", "gn:1877449", "city", "KP"),
    ("Pacific", "gn:2363254", "water", None),
    ("Moscow", "gn:524901", "city", "RU"),
]


def sample():
    text = SAMPLE.read_text(encoding="utf-8")
    sents = split_sentences(text)
    return text, sents, place_refs(text, sents, SAMPLE_PLACES)


def article(text: str, spec):
    sents = split_sentences(text)
    return text, sents, place_refs(text, sents, spec)


def places_by_mention(pipeline, text: str) -> dict[str, tuple[str, str | None, str]]:
    """Each mention's text -> (place name, country, kind), through the whole pipeline."""
    from mapper.core.articles import article_from_text
    result = pipeline.run(article_from_text(text))
    return {m.text: (p.name, p.country, p.kind) for p in result.places for m in p.mentions}
