"""Pluggable place recognisers: the offline gazetteer Recogniser (the default), or a spaCy
pipeline that the user has installed.

Every recogniser answers `recognise_all(text, sentences) -> (raw, unknown)`: `raw` are place
mentions with their gazetteer candidates, `unknown` are place-like names the gazetteer lacks,
which the pipeline may send to the online geocoder. spaCy is imported only when a spec asks
for it, so the default pipeline never loads it.
"""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, Protocol

from .errors import Cancelled, MapperError, RecogniserUnavailable
from .gazetteer import Gazetteer
from .models import Candidate, Sentence
from .recognize import RawMention, Recogniser, Token, raw_mention, tokenize

if TYPE_CHECKING:
    from spacy.language import Language

PLACE_LABELS = ("GPE", "LOC", "FAC")
DEMONYM_LABEL = "NORP"  # "Turkish", "Soviet": nationalities, which the gazetteer knows as demonyms
# Components a pretrained pipeline runs that named entities do not need; skipping them
# roughly halves spaCy's time. Shared embedding layers (tok2vec, transformer) stay on.
_NOT_FOR_ENTITIES = frozenset({"tagger", "parser", "senter", "attribute_ruler", "lemmatizer", "morphologizer"})
CHUNK_CHARS = 100_000  # spaCy needs about 1 GB per 100,000 characters of one doc
INSTALL_SPACY = "pip install 'spacy>=3.7,<4'"


class PlaceRecogniser(Protocol):
    """What the pipeline needs of a recogniser (recognize.Recogniser is one)."""

    def recognise_all(self, text: str, sentences: list[Sentence], *,
                      cancel: Callable[[], bool] | None = None) -> tuple[list[RawMention], list[RawMention]]:
        ...


class SpacyRecogniser:
    """Place mentions from a spaCy pipeline's entities, with candidates from the gazetteer.

    Entities labelled GPE, LOC or FAC (`labels`) are looked up with the gazetteer recogniser's
    own longest-match lookup, so "the Gulf of Mexico" loses its article, "Ky." keeps its dot
    and "Paris, Texas" becomes two mentions. A place entity the gazetteer lacks goes to
    `unknown`. NORP entities ("Turkish") become mentions only when the gazetteer knows them as
    a demonym, as the default recogniser's demonyms do.

    No merging with the gazetteer recogniser's rules: the model alone decides what is a name,
    so that a person or an organisation it recognises ("Paris Hilton", "Georgia Power") is
    never turned back into a place by a word list, and the figures measure the model. Tried
    with en_core_web_sm, adding the rules' finds outside the model's entities gained only
    0.01-0.04 end-to-end on the gold corpora, far from closing the gap to the default, for a
    second recogniser run on every article.
    """

    def __init__(self, gazetteer: Gazetteer, nlp: Language | str, *, labels: Iterable[str] = PLACE_LABELS,
                 demonyms: bool = True, batch_size: int = 16, chunk_chars: int = CHUNK_CHARS) -> None:
        self.nlp = load_spacy(nlp) if isinstance(nlp, str) else nlp
        self.labels = frozenset(labels)
        self.demonyms = demonyms
        self.batch_size = batch_size
        self.chunk_chars = chunk_chars
        self._gazetteer_matcher = Recogniser(gazetteer)  # for its lookup of a span, not its rules

    def recognise_all(self, text: str, sentences: list[Sentence], *,
                      cancel: Callable[[], bool] | None = None) -> tuple[list[RawMention], list[RawMention]]:
        raw: list[RawMention] = []
        unknown: list[RawMention] = []
        starts = [s.start for s in sentences]
        tokens: dict[int, list[Token]] = {}  # our tokens of each sentence that holds an entity
        chunks = list(_chunks(sentences, self.chunk_chars))
        docs = self.nlp.pipe((text[a:b] for a, b in chunks), batch_size=self.batch_size)
        for (offset, _), doc in zip(chunks, docs, strict=True):
            if cancel is not None and cancel():
                raise Cancelled("cancelled")  # between chunks of a long article
            for ent in doc.ents:
                place = ent.label_ in self.labels
                if not place and not (self.demonyms and ent.label_ == DEMONYM_LABEL):
                    continue
                start, end = offset + ent.start_char, offset + ent.end_char
                k = bisect_right(starts, start) - 1
                if k < 0:
                    continue
                s = sentences[k]
                toks = tokens.get(k) or tokens.setdefault(k, tokenize(s.text, s.start))
                inside = _tokens_within(toks, start, min(end, s.end))
                if inside is None:
                    continue
                first, last = inside
                found = self._gazetteer_matcher._matches(text, toks[first:last + 1])
                for i, j, cands in found:
                    if not place:
                        cands = _demonym_forms(cands)
                    if cands:
                        raw.append(raw_mention(text, s.id, toks, first + i, first + j, cands))
                if place and not found:
                    caps = [q for q in range(first, last + 1) if toks[q].cap]
                    if caps:  # "the Xyzville area": the capitalised words only
                        unknown.append(raw_mention(text, s.id, toks, caps[0], caps[-1], ()))
        return raw, unknown


def _chunks(sentences: list[Sentence], limit: int) -> Iterator[tuple[int, int]]:
    """Spans of whole sentences of at most `limit` characters: an article is one spaCy doc
    (the model reads each name in its context), and a very long one stays within memory and
    spaCy's nlp.max_length. A single longer "sentence" (a table, a list) is cut."""
    start: int | None = None
    end = 0  # set together with start
    for s in sentences:
        if start is not None and s.end - start > limit:
            yield start, end
            start = None
        if start is None:
            start = s.start
        end = s.end
        while end - start > limit:
            yield start, start + limit
            start += limit
    if start is not None and end > start:
        yield start, end


def _tokens_within(toks: list[Token], start: int, end: int) -> tuple[int, int] | None:
    """The first and last of our tokens inside the character span, if any."""
    first = bisect_right([t.start for t in toks], start - 1)
    last = first - 1
    while last + 1 < len(toks) and toks[last + 1].end <= end:
        last += 1
    return (first, last) if last >= first else None


def _demonym_forms(cands: tuple[Candidate, ...]) -> tuple[Candidate, ...]:
    return tuple(c for c in cands if c.form == "demonym")


def load_spacy(model: str) -> Language:
    """spaCy's pipeline `model` (an installed package or a folder), with only what named
    entities need switched on. A missing spaCy or model is a one-line RecogniserUnavailable."""
    try:
        import spacy
    except ImportError as err:
        raise RecogniserUnavailable(f"the spaCy recogniser needs spaCy: {INSTALL_SPACY} "
                                    f"(or pip install 'mapper[ner]'), then python -m spacy download {model}") from err
    try:
        nlp = spacy.load(model)
    except OSError as err:
        if "E050" in str(err):  # spaCy's "Can't find model"
            raise RecogniserUnavailable(f"the spaCy model '{model}' is not installed: "
                                        f"python -m spacy download {model}") from err
        raise RecogniserUnavailable(f"the spaCy model '{model}' could not be loaded: {_first_line(err)}") from err
    except (ValueError, ImportError) as err:  # a model built for another spaCy version
        raise RecogniserUnavailable(f"the spaCy model '{model}' could not be loaded: {_first_line(err)}") from err
    for name in nlp.pipe_names:
        if name in _NOT_FOR_ENTITIES:
            nlp.disable_pipe(name)
    return nlp


def _first_line(err: Any) -> str:
    return (str(err).strip().splitlines() or [type(err).__name__])[0]


class GazetteerRules(Recogniser):
    """The offline rules chosen by name ("gazetteer"): a Russian article too is read by its
    rules (lang/ru.py) rather than by natasha, its default when installed."""

    rules_only = True


def make_recogniser(spec: str | None, gazetteer: Gazetteer) -> PlaceRecogniser:
    """The recogniser a spec names: None (the default: the offline rules, and natasha for a
    Russian article when it is installed), "gazetteer" (the offline rules in every language),
    "natasha" (natasha's NER for Russian articles, with the curated names of the Russian
    rules) or "spacy:MODEL" (a spaCy pipeline the user has installed, such as en_core_web_sm)."""
    if spec is None or spec.strip() == "":
        return Recogniser(gazetteer)
    if spec.strip() == "gazetteer":
        return GazetteerRules(gazetteer)
    kind, _, model = spec.strip().partition(":")
    if kind == "natasha":
        return natasha_recogniser(gazetteer)
    if kind == "spacy":
        if not model.strip():
            raise MapperError("the spacy recogniser needs a model: spacy:MODEL, such as spacy:en_core_web_sm")
        return SpacyRecogniser(gazetteer, model.strip())
    raise MapperError(f"unknown recogniser '{spec}': use 'gazetteer', 'natasha' (Russian) "
                      "or 'spacy:MODEL' (such as spacy:en_core_web_sm)")


def natasha_recogniser(gazetteer: Gazetteer) -> PlaceRecogniser:
    """natasha's NER for Russian articles (lang/ru_natasha.py); other articles keep their own
    recogniser. A missing natasha is a one-line RecogniserUnavailable."""
    from .lang import language_support
    from .lang.ru import Russian
    from .lang.ru_natasha import NatashaRecogniser
    ru = language_support("ru", gazetteer)
    assert isinstance(ru, Russian)
    return NatashaRecogniser(ru)
