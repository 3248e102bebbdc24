"""Russian place recognition with natasha's named-entity model (issue 16, the optional NER
backend): the LOC spans of natasha's news NER (slovnet with navec embeddings), each looked up
in its dictionary form through the same ScriptIndex the rule recogniser uses, so its mentions
carry the gazetteer's candidates exactly as the rules' do.

Only the model files and the two small libraries that run them (slovnet, navec) are used: the
`natasha` package's own top-level import needs pymorphy2, which does not import on current
Pythons, and its span normalisation needs it too; the dictionary form of each word comes from
pymorphy3 (Russian.best_lemma), as in the rules. The model (about 30 MB, inside the natasha
package, so it works offline) loads on the first Russian article, once per process.
"""
from __future__ import annotations

import importlib.util
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import Cancelled, RecogniserUnavailable
from ..models import Sentence
from ..recognize import RawMention

if TYPE_CHECKING:
    from .ru import Russian

INSTALL = "pip install 'mapper[langs]' (or pip install natasha)"
_EMBEDDING = "emb/navec_news_v1_1B_250K_300d_100q.tar"
_NER_MODEL = "model/slovnet_ner_news_v1.tar"
_LOCK = threading.Lock()
_MODEL: list[Any] = []  # the loaded tagger, once
BATCH = 8  # sentences per call of the model (slovnet's default: larger batches pad more)


def natasha_available() -> bool:
    """Whether natasha's model files and the libraries that run them are installed."""
    try:
        _model_dir()
    except RecogniserUnavailable:
        return False
    return all(importlib.util.find_spec(m) is not None for m in ("slovnet", "navec"))


def _model_dir() -> Path:
    spec = importlib.util.find_spec("natasha")
    if spec is None or not spec.submodule_search_locations:
        raise RecogniserUnavailable(f"the natasha recogniser needs natasha: {INSTALL}")
    data = Path(next(iter(spec.submodule_search_locations))) / "data"
    if not (data / _EMBEDDING).exists() or not (data / _NER_MODEL).exists():
        raise RecogniserUnavailable(f"natasha's NER model files are missing from {data}: reinstall it ({INSTALL})")
    return data


def load_ner() -> Any:
    """natasha's news NER tagger (slovnet.NER with navec embeddings), loaded once."""
    with _LOCK:
        if _MODEL:
            return _MODEL[0]
        data = _model_dir()
        try:
            from navec import Navec
            from slovnet import NER
        except ImportError as err:
            raise RecogniserUnavailable(f"the natasha recogniser needs slovnet and navec ({err}): {INSTALL}") from err
        try:
            tagger = NER.load(str(data / _NER_MODEL), batch_size=BATCH).navec(Navec.load(str(data / _EMBEDDING)))
        except Exception as err:  # a damaged or incompatible model file
            raise RecogniserUnavailable(f"natasha's NER model could not be loaded: {err}") from err
        _MODEL.append(tagger)
        return tagger


def _curated(m: RawMention) -> bool:
    """A curated name (a country, an abbreviation), or a name in capitals, which the model,
    trained on ordinary case, does not read ("АНКАРА." opening a story)."""
    return any(c.form in ("abbrev", "alias", "name") for c in m.candidates) or (len(m.text) > 3 and m.text.isupper())


class NatashaRecogniser:
    """A PlaceRecogniser (ner.py) for Russian articles: natasha's LOC spans resolved through the
    ScriptIndex, together with the rule recogniser's mentions outside them (`rules`), which
    add the curated abbreviations and the demonyms the model does not tag as places.

    `language` tells the pipeline that it reads Russian articles only: an English or Korean
    article chosen with it is read by that language's own recogniser.
    """

    language = "ru"

    def __init__(self, lang: Russian, *, rules: bool = True) -> None:
        self.lang = lang
        self.rules = rules
        self.tagger = load_ner()

    def recognise_all(self, text: str, sentences: list[Sentence], *,
                      cancel: Callable[[], bool] | None = None) -> tuple[list[RawMention], list[RawMention]]:
        raw: list[RawMention] = []
        unknown: list[RawMention] = []
        rec = self.lang.rules
        for n in range(0, len(sentences), BATCH):
            if cancel is not None and cancel():
                raise Cancelled("cancelled")
            batch = sentences[n:n + BATCH]
            for s, markup in zip(batch, self.tagger.map([s.text for s in batch]), strict=True):
                spans = [(sp.start, sp.stop, sp.type) for sp in markup.spans]
                found, missing = rec.span_mentions(text, s, [(a, b) for a, b, t in spans if t == "LOC"])
                raw += found
                unknown += missing
                if self.rules:  # the curated names (КНДР, США) and names in capitals
                    taken = [(m.start, m.end) for m in found] + \
                        [(s.start + a, s.start + b) for a, b, t in spans if t == "PER"]
                    raw += [m for m in rec._sentence(text, s)
                            if _curated(m) and not any(a < m.end and m.start < b for a, b in taken)]
        raw.sort(key=lambda m: m.start)
        return raw, unknown
