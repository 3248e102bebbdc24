"""The one list of event kinds (data/event_kinds.csv): the event reader's triggers name these
kinds, and the map draws each with the symbol listed here. A kind missing from the file is an
error in the tests, not a grey default circle on the map."""
from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache

from .errors import DataFileError
from .paths import data_file

SHAPES = frozenset({"star", "square", "triangle", "diamond", "hexagon", "cross", "circle"})


@dataclass(frozen=True, slots=True)
class EventKind:
    kind: str
    label: str  # how the legend and popups name it
    shape: str
    colour: str
    family: str


@lru_cache(maxsize=1)
def event_kinds() -> dict[str, EventKind]:
    """kind -> EventKind, in the file's order (the legend's order)."""
    path = data_file("event_kinds.csv")
    try:
        with open(path, newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(line for line in f if not line.startswith("#")))
    except OSError as e:
        raise DataFileError(f"The event kinds {path} cannot be read ({e.strerror or e}): reinstall mapper") from e
    kinds = {r["kind"]: EventKind(r["kind"], r["label"], r["shape"], r["colour"], r["family"]) for r in rows}
    bad = [k.kind for k in kinds.values() if k.shape not in SHAPES]
    if not kinds or bad:
        raise DataFileError(f"The event kinds {path} are empty or name unknown shapes ({', '.join(bad)})")
    return kinds


def symbol_table() -> dict[str, list[str]]:
    """kind -> [shape, colour, label], as the map page reads it."""
    return {k.kind: [k.shape, k.colour, k.label] for k in event_kinds().values()}
