"""PlaceRef: a resolved place mention as handed to the text-analysis modules
(events, facts, distances). Re-exported by each of them."""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["PlaceRef", "PLACE_KINDS", "SPECIFICITY", "SITE_HEADS", "named_site_place"]

PLACE_KINDS = ("country", "admin1", "region", "continent", "city", "landmark", "water",
               "demonym")
# Higher is more specific; demonyms are never a location.
SPECIFICITY = {"landmark": 6, "city": 5, "admin1": 4, "region": 3, "water": 3, "country": 2,
               "continent": 1, "demonym": 0}


@dataclass(frozen=True, slots=True)
class PlaceRef:
    """One place mention. Offsets index into the article text (end exclusive).

    kind: country, admin1, region, continent, city, landmark, water or demonym (an
    adjective such as "Soviet" or "North Korean" referring to the country `place_id`).
    country: ISO 3166-1 alpha-2 code of the place (or of the demonym's country).
    """
    start: int
    end: int
    text: str
    sentence: int
    place_id: str
    kind: str
    country: str | None = None


# Heads of named memorial sites that a later "the cemetery" refers back to.
SITE_HEADS = ("cemetery", "memorial", "monument", "ossuary", "mausoleum", "churchyard", "camp")
SITE_LOOKBACK = 3000  # characters: a few paragraphs


def named_site_place(text: str, before: int, head: str, places: Sequence[PlaceRef]) -> PlaceRef | None:
    """The place of the last named site with this head before `before` ("the cemetery" after
    "the Lakeport War Cemetery in Ruritania"): the place in its name, or right after it."""
    base = max(0, before - SITE_LOOKBACK)
    pattern = r"(?:[A-Z][\w'’-]*\s+){1,4}" + re.escape(head.capitalize()) + r"\b"
    last = None
    for last in re.finditer(pattern, text[base:before]):  # noqa: B007 - keeps the last match
        pass
    if last is None:
        return None
    a, b = base + last.start(), base + last.end()
    inside = [p for p in places if a <= p.start < b + 40 and p.kind != "demonym"]
    return min(inside, key=lambda p: p.start) if inside else None
