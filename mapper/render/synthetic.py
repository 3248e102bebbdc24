"""Synthetic results of any size, for the map's scale tests and benchmarks."""
from __future__ import annotations

import random

from ..core.models import Article, Mention, Place, Result, Sentence


def synthetic_result(n: int, seed: int = 1) -> Result:
    """n cities spread over the land masses, each mentioned once in its own sentence."""
    rnd = random.Random(seed)
    sentences, places, text_parts, pos = [], [], [], 0
    for i in range(n):
        name = f"Town {i}"
        s = f"Officials met in {name} to lay wreaths at the war memorial."
        sentences.append(Sentence(i, pos, pos + len(s), s))
        at = pos + s.index(name)
        places.append(Place(f"p{i + 1}", name, rnd.uniform(-50, 65), rnd.uniform(-170, 175), "XX", "city",
                            "gazetteer", round(rnd.random(), 3), None, mentions=[Mention(at, at + len(name), name, i)]))
        text_parts.append(s)
        pos += len(s) + 1
    return Result(article=Article(text=" ".join(text_parts), title=f"{n} places"), sentences=sentences, places=places)
