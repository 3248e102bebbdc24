"""One normal form for names, shared by the gazetteer index and the recogniser, so that
"Kraków", "Krakow" and "KRAKOW" meet at "krakow"."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_APOSTROPHES = str.maketrans("", "", "'’ʼ‘`´")
_SPACES = re.compile(r"[\s\-‐‑–—_]+")


@lru_cache(maxsize=200_000)
def norm(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    stripped = stripped.translate(_APOSTROPHES).casefold()
    return _SPACES.sub(" ", stripped).strip()


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", norm(name)).strip("-")
