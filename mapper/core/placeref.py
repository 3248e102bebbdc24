"""PlaceRef: a resolved place mention as handed to the text-analysis modules
(events, facts, distances). Re-exported by each of them."""
from __future__ import annotations

from dataclasses import dataclass

__all__ = ["PlaceRef", "PLACE_KINDS", "SPECIFICITY"]

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
