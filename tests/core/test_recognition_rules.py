"""The recognition rule registry (mapper/core/recognition_rules.py): every rule's own example is
its test, switching a rule off changes what happens to its example, and the switch and the
reasons reach the pipeline and the command line."""
from __future__ import annotations

import json
import re

import pytest

from mapper.core import lexicon, recognition_rules, recognize
from mapper.core.models import Article
from mapper.core.pipeline import Pipeline
from mapper.core.recognition_rules import BY_NAME, CHAIN, DEFAULT_KEEP, DROP, KEEP, RULES, UnknownRule, parse_switches
from mapper.core.recognize import Recogniser
from mapper.core.sentences import split_sentences
from tests.conftest import ROOT
from tests.test_cli import assert_one_line_error, mapper

# The declared order. Changing it changes results: do it on purpose, with the benchmark.
ORDER = [
    "minor_alternate", "said_person", "month_or_holiday", "describes_next_place", "culture_adjective",
    "contraction", "dateline", "all_caps", "common_word", "language_use", "language_degree",
    "firm_of_surnames", "person_object", "first_name_initial", "person_age", "surname_after_initial",
    "person_subject", "org_prefix", "relative_follows", "legal_case", "named_after_place",
    "direction_in_name", "metonymy", "compass_street", "person_title", "saint_name", "first_name_surname",
    "whole_run", "spaced_abbreviation", "street_head", "connector_common_word", "title_before_weak",
    "title_then_name", "name_before", "possessive_owner", "media_name", "demonym_organisation",
    "connector_after", "generic_word_after", "place_in_longer_name", "name_after", "person_elsewhere",
]

# Rules whose example a later rule decides the same way when they are off: (verdict, rule).
# Every other rule's example flips between kept and dropped.
BACKED_UP = {
    "contraction": (DROP, "common_word"),  # "She'll" is also a common word
    "person_title": (DROP, "title_before_weak"),  # "Senator Shelton": the title is in the run
    "first_name_surname": (DROP, "name_after"),  # "Florence Hartley": an uncommon name follows
    "whole_run": (KEEP, DEFAULT_KEEP),  # nothing else in the chain speaks of a lone word
}


@pytest.fixture(scope="module")
def recogniser(gazetteer):
    return Recogniser(gazetteer)


def decision(rec: Recogniser, text: str, name: str) -> tuple[str, str] | None:
    """(keep or drop, rule) for the first occurrence of `name` in `text`; None if not a match."""
    start = text.index(name)
    dropped: list = []
    raw, _ = rec.recognise_all(text, split_sentences(text), dropped=dropped)
    kept = [(KEEP, m.rules[0]) for m in raw if m.start == start]
    gone = [(DROP, d.rule) for d in dropped if d.start == start]
    assert len(kept + gone) <= 1, kept + gone
    return (kept + gone or [None])[0]


# ---- the registry ---------------------------------------------------------------------------
def test_the_rules_run_in_the_declared_order():
    assert [r.name for r in RULES] == ORDER
    assert [r.name for r in CHAIN] == [n for n in ORDER if BY_NAME[n].stage == "chain"]
    assert CHAIN[0].name == "said_person"  # it used to run before the other checks


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.name)
def test_each_rule_is_named_described_and_exemplified(rule):
    assert re.fullmatch(r"[a-z]+(?:_[a-z]+)*", rule.name) and rule.name != DEFAULT_KEEP
    assert rule.verdict in (KEEP, DROP)
    assert rule.stage in recognition_rules.STAGES
    assert (rule.test is not None) == (rule.stage == "chain")
    assert rule.description and "\n" not in rule.description and len(rule.description) < 200
    assert rule.concerns in rule.example
    for data in rule.reads:  # the word lists it names exist, under those names
        assert any(hasattr(m, data) for m in (lexicon, recognize, recognition_rules)), data


def test_the_examples_are_invented_not_taken_from_a_corpus():
    texts = [p.read_text(encoding="utf-8") for p in (ROOT / "data" / "articles").glob("*.txt")]
    shared = ROOT.parent / "shared"
    for path in [*(shared / "eval").glob("*.jsonl"), *(shared / "seed").rglob("*.txt")]:
        texts.append(path.read_text(encoding="utf-8"))
    everything = "\n".join(texts)
    assert not [r.name for r in RULES if r.example in everything]


# ---- each example is its rule's test ---------------------------------------------------------
@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.name)
def test_each_rule_decides_its_own_example(recogniser, rule):
    assert decision(recogniser, rule.example, rule.concerns) == (rule.verdict, rule.name)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.name)
def test_switching_a_rule_off_changes_its_example(gazetteer, rule):
    off = decision(Recogniser(gazetteer, disabled_rules={rule.name}), rule.example, rule.concerns)
    assert off is not None and off[1] != rule.name
    if rule.name in BACKED_UP:
        assert off == BACKED_UP[rule.name]
    else:
        assert off[0] != rule.verdict, off  # kept instead of dropped, or dropped instead of kept


def test_a_mention_no_rule_decides_is_kept_by_default(recogniser):
    # "St." ends its own capitalised run (a dot), so the match "St. Agnes" is no whole run
    text = "The choir sang at St. Agnes every Sunday."
    assert decision(recogniser, text, "St. Agnes") == (KEEP, DEFAULT_KEEP)


# ---- switching rules off --------------------------------------------------------------------
def test_an_unknown_rule_is_an_error_that_lists_the_rules(gazetteer):
    with pytest.raises(UnknownRule) as err:
        Recogniser(gazetteer, disabled_rules={"person_titel"})
    assert "person_titel" in str(err.value) and all(r.name in str(err.value) for r in RULES)
    with pytest.raises(UnknownRule):
        Pipeline(gazetteer, disabled_rules={"no_such_rule"})
    with pytest.raises(ValueError):  # UnknownRule is also a ValueError
        parse_switches("-common_word,-nonsense")


def test_switches_are_parsed_by_sign():
    assert parse_switches("-person_title, -common_word") == {"person_title", "common_word"}
    assert parse_switches("-common_word,+common_word") == frozenset()
    with pytest.raises(UnknownRule, match="write -common_word"):
        parse_switches("common_word")


def test_the_pipeline_switches_a_rule_off(gazetteer, pipeline):
    article = Article("Thousands marched in a Victory parade.")
    assert "Victory" not in [p.name for p in pipeline.run(article).places]
    without = Pipeline(gazetteer, disabled_rules={"common_word"})
    assert "Victory" in [p.name for p in without.run(article).places]


# ---- the reasons in the result ----------------------------------------------------------------
def test_explain_puts_the_rules_and_the_dropped_names_in_the_result(gazetteer, pipeline):
    text = "Walsh grew up on a farm near Denver. Later, said Walsh, he moved to the Denver Post."
    plain = pipeline.run(Article(text)).to_dict()
    assert "dropped" not in plain and all("rules" not in p for p in plain["places"])
    result = Pipeline(gazetteer, explain=True).run(Article(text))
    denver = next(p for p in result.places if p.name == "Denver")
    assert denver.rules == ("whole_run",)
    d = result.to_dict()
    assert next(p for p in d["places"] if p["name"] == "Denver")["rules"] == ["whole_run"]
    dropped = {(x["text"], x["start"], x["rule"]) for x in d["dropped"]}
    assert {("Walsh", 0, "person_elsewhere"), ("Walsh", text.index("Walsh,"), "said_person"),
            ("Denver", text.rindex("Denver"), "media_name")} <= dropped
    assert all(set(x) == {"text", "start", "end", "sentence", "rule"} for x in d["dropped"])
    assert [x["start"] for x in d["dropped"]] == sorted(x["start"] for x in d["dropped"])


# ---- the command line -------------------------------------------------------------------------
def test_cli_explain_and_rules(tmp_path):
    article = tmp_path / "victory.txt"
    article.write_text("Thousands marched in a Victory parade in Denver.\n", encoding="utf-8")
    proc = mapper("geoparse", str(article), "--explain", tmp_path=tmp_path)
    assert proc.returncode == 0, proc.stderr
    d = json.loads(proc.stdout)
    assert [(p["name"], p["rules"]) for p in d["places"]] == [("Denver", ["whole_run"])]
    assert {"text": "Victory", "start": 23, "end": 30, "sentence": 0, "rule": "common_word"} in d["dropped"]
    proc = mapper("geoparse", str(article), "--rules", "-common_word,-person_title", "--explain", tmp_path=tmp_path)
    assert proc.returncode == 0, proc.stderr
    d = json.loads(proc.stdout)
    assert ("Victory", ["whole_run"]) in [(p["name"], p["rules"]) for p in d["places"]]
    assert all(x["rule"] != "common_word" for x in d["dropped"])


def test_cli_unknown_rule_is_a_one_line_error(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("We drove to Denver.\n", encoding="utf-8")
    proc = mapper("geoparse", str(article), "--rules", "-person_titel", tmp_path=tmp_path)
    assert_one_line_error(proc)
    assert "person_titel" in proc.stderr and "person_title" in proc.stderr


def test_cli_lists_the_rules(tmp_path):
    proc = mapper("rules", tmp_path=tmp_path)
    assert proc.returncode == 0, proc.stderr
    names = re.findall(r"^\s*\d+\. (\w+) \((keep|drop)", proc.stdout, re.M)
    assert [n for n, _ in names] == ORDER
    assert all(r.example in proc.stdout for r in RULES)

