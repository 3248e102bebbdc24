"""The optional spaCy recogniser, with real spaCy: a blank English pipeline and an entity ruler
stand in for a trained model (a pipeline a user may well supply), so the tests need no model
download. Also: the factory, the CLI's one-line errors and that the default never loads spaCy."""
from __future__ import annotations

import re
import subprocess
import sys

import pytest
import spacy

from mapper.core.articles import article_from_text
from mapper.core.errors import MapperError, RecogniserUnavailable
from mapper.core.models import Sentence
from mapper.core.ner import SpacyRecogniser, _chunks, make_recogniser
from mapper.core.pipeline import Pipeline
from mapper.core.recognize import Recogniser
from mapper.core.sentences import split_sentences
from tests.conftest import ROOT, SAMPLE
from tests.test_cli import assert_one_line_error, mapper

MISSING_MODEL = "mapper_test_no_such_spacy_model"
PATTERNS = [
    {"label": "GPE", "pattern": "Pyongyang"},
    {"label": "GPE", "pattern": "Paris"},
    {"label": "GPE", "pattern": "Texas"},
    {"label": "GPE", "pattern": "Lexington"},
    {"label": "GPE", "pattern": "Ky."},
    {"label": "GPE", "pattern": "Zorblaxville"},
    {"label": "LOC", "pattern": [{"LOWER": "the"}, {"TEXT": "Gulf"}, {"TEXT": "of"}, {"TEXT": "Mexico"}]},
    {"label": "PERSON", "pattern": "Paris Hilton"},
    {"label": "ORG", "pattern": "Georgia Power"},
    {"label": "NORP", "pattern": "Turkish"},
    {"label": "NORP", "pattern": "Martian"},
]


def ruler_pipeline():
    nlp = spacy.blank("en")
    nlp.add_pipe("entity_ruler").add_patterns(PATTERNS)
    return nlp


@pytest.fixture(scope="module")
def spacy_recogniser(gazetteer):
    return SpacyRecogniser(gazetteer, ruler_pipeline())


def recognise(recogniser, text: str):
    return recogniser.recognise_all(text, split_sentences(text))


def test_place_entities_become_mentions_with_offsets_and_candidates(spacy_recogniser):
    text = "Talks opened on Monday. Officials then met in Pyongyang, far from the Gulf of Mexico."
    raw, unknown = recognise(spacy_recogniser, text)
    assert [m.text for m in raw] == ["Pyongyang", "Gulf of Mexico"]  # the entity's "the" is dropped
    pyongyang, gulf = raw
    assert (pyongyang.start, pyongyang.end) == (text.index("Pyongyang"), text.index("Pyongyang") + 9)
    assert pyongyang.sentence == 1 and pyongyang.preposition == "in"
    assert pyongyang.next_text.startswith(", far from")
    assert any(c.country == "KP" and c.kind == "city" for c in pyongyang.candidates)
    assert text[gulf.start:gulf.end] == "Gulf of Mexico"
    assert any(c.kind == "water" for c in gulf.candidates)
    assert unknown == []


def test_mentions_match_the_default_recognisers_for_the_same_span(gazetteer, spacy_recogniser):
    text = "Officials met in Pyongyang on Tuesday."
    ours, = recognise(spacy_recogniser, text)[0]
    default, = recognise(Recogniser(gazetteer), text)[0]
    assert ours == default


def test_abbreviation_keeps_its_dot_and_names_its_state(spacy_recogniser):
    text = "A plant outside Lexington, Ky., will close."
    raw, _ = recognise(spacy_recogniser, text)
    ky = next(m for m in raw if m.text.startswith("Ky"))
    assert ky.text == "Ky." and text[ky.start:ky.end] == "Ky."
    assert ky.candidates[0].name == "Kentucky" and ky.candidates[0].kind == "admin1"


def test_place_entity_missing_from_the_gazetteer_is_unknown(spacy_recogniser):
    text = "Aid finally reached Zorblaxville on Sunday."
    raw, unknown = recognise(spacy_recogniser, text)
    assert raw == []
    assert [(u.text, u.start, u.candidates) for u in unknown] == [("Zorblaxville", text.index("Zorblaxville"), ())]


def test_person_and_organisation_entities_are_not_places(gazetteer, spacy_recogniser):
    text = "Paris Hilton met Georgia Power executives."
    assert gazetteer.lookup("Paris") and gazetteer.lookup("Georgia")  # both names hold a place name
    assert recognise(spacy_recogniser, text) == ([], [])


def test_nationality_entity_is_a_place_only_as_a_known_demonym(spacy_recogniser):
    text = "Turkish and Martian envoys arrived."
    raw, unknown = recognise(spacy_recogniser, text)
    assert [(m.text, m.candidates[0].country) for m in raw] == [("Turkish", "TR")]
    assert unknown == []


def test_labels_are_configurable(gazetteer):
    only_loc = SpacyRecogniser(gazetteer, ruler_pipeline(), labels=["LOC"], demonyms=False)
    raw, _ = recognise(only_loc, "Turkish ships left Pyongyang for the Gulf of Mexico.")
    assert [m.text for m in raw] == ["Gulf of Mexico"]


def test_long_articles_are_read_in_chunks_of_whole_sentences(gazetteer):
    text = " ".join(f"Talks {n} were held in Pyongyang." for n in range(6))
    chunked = SpacyRecogniser(gazetteer, ruler_pipeline(), chunk_chars=80)  # two sentences a chunk
    raw, _ = recognise(chunked, text)
    expected = [(m.start(), n) for n, m in enumerate(re.finditer("Pyongyang", text))]
    assert [(m.start, m.sentence) for m in raw] == expected
    # one sentence longer than a chunk is cut, never passed whole to spaCy
    assert list(_chunks([Sentence(0, 0, 250, "x" * 250)], 100)) == [(0, 100), (100, 200), (200, 250)]


def test_pipeline_places_paris_texas_in_the_united_states(gazetteer, spacy_recogniser):
    pipeline = Pipeline(gazetteer, recogniser=spacy_recogniser)
    result = pipeline.run(article_from_text("A tornado struck Paris, Texas, on Sunday."))
    paris = next(p for p in result.places if p.name == "Paris")
    assert paris.country == "US" and paris.lon < -90
    assert {p.name for p in result.places} == {"Paris", "Texas"}


# ---- the factory ----------------------------------------------------------------------
def test_factory_default_is_the_gazetteer_recogniser(gazetteer):
    assert type(make_recogniser(None, gazetteer)) is Recogniser
    # named, the offline rules are asked for in every language (Russian too, not natasha)
    chosen = make_recogniser("gazetteer", gazetteer)
    assert isinstance(chosen, Recogniser) and getattr(chosen, "rules_only", False)
    assert [m.text for m in recognise(chosen, "They met in Pyongyang.")[0]] == ["Pyongyang"]


def test_factory_loads_a_spacy_pipeline_from_a_folder(gazetteer, tmp_path):
    ruler_pipeline().to_disk(tmp_path / "model")
    recogniser = make_recogniser(f"spacy:{tmp_path / 'model'}", gazetteer)
    assert [m.text for m in recognise(recogniser, "They met in Pyongyang.")[0]] == ["Pyongyang"]


def test_factory_missing_model_says_what_to_install(gazetteer):
    with pytest.raises(RecogniserUnavailable, match=f"python -m spacy download {MISSING_MODEL}"):
        make_recogniser(f"spacy:{MISSING_MODEL}", gazetteer)


@pytest.mark.parametrize("spec", ["stanza:en", "spacy:", "spacy"])
def test_factory_rejects_unknown_specs(gazetteer, spec):
    with pytest.raises(MapperError, match="spacy:MODEL"):
        make_recogniser(spec, gazetteer)


# ---- the command line -------------------------------------------------------------------
def test_cli_missing_model_is_a_one_line_error(tmp_path):
    proc = mapper("geoparse", str(SAMPLE), "--ner", f"spacy:{MISSING_MODEL}", tmp_path=tmp_path)
    assert_one_line_error(proc)
    assert proc.returncode == 1 and f"python -m spacy download {MISSING_MODEL}" in proc.stderr


def test_cli_jsonl_and_export_missing_model_are_one_line_errors(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "a", "text": "They met in Pyongyang."}\n', encoding="utf-8")
    batch = mapper("geoparse", "--jsonl", str(src), "--out", str(tmp_path / "out.jsonl"),
                   "--ner", f"spacy:{MISSING_MODEL}", tmp_path=tmp_path)
    assert_one_line_error(batch)
    assert not (tmp_path / "out.jsonl").exists()
    export = mapper("export", str(SAMPLE), "--geojson", str(tmp_path / "map.geojson"),
                    "--ner", f"spacy:{MISSING_MODEL}", tmp_path=tmp_path)
    assert_one_line_error(export)
    assert not (tmp_path / "map.geojson").exists()


def test_cli_without_spacy_says_to_install_it(tmp_path):
    # spaCy made unimportable, as on a machine without it
    code = ("import sys; sys.modules['spacy'] = None\n"
            "from mapper.cli import main\n"
            f"sys.exit(main(['geoparse', {str(SAMPLE)!r}, '--ner', 'spacy:en_core_web_sm']))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert_one_line_error(proc)
    assert proc.returncode == 1 and "pip install" in proc.stderr and "spacy download en_core_web_sm" in proc.stderr


def test_default_pipeline_never_imports_spacy():
    code = ("import sys, io, contextlib\n"
            "from mapper.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            f"    assert main(['geoparse', {str(SAMPLE)!r}]) == 0\n"
            "print(sorted(n for n in sys.modules if n.split('.')[0] in ('spacy', 'thinc')))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"
