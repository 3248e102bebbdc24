"""The recognition rules, by name: what decides whether a gazetteer match is kept as a place.

Each rule is a `Rule`: a snake_case name, a one-line description, an invented example (a
sentence and the name in it that the rule decides; tests/core/test_recognition_rules.py runs
every example through the real recogniser), the word lists it reads, and a test on the
mention's context. The context (`MentionContext`) is computed once per mention.

`KEEP_RULES` run in their declared order: the first rule whose test is true decides (keep or
drop); a mention no rule decides is kept (`default_keep`). Order matters: a later rule may
rely on an earlier one having let the mention through ("title_then_name" only sees strong
names once "title_before_weak" dropped the rest). Switching a rule off removes exactly its
line from that chain, so its worth can be measured (benchmarks/rule_report.py).

Three named rules act outside that chain, in Recogniser.recognise_all: `minor_alternate`
(on the candidates, before the chain), `said_person` (first in the chain, it also marks the
name as a person for the whole article) and `person_elsewhere` (after all sentences).
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .errors import MapperError
from .lexicon import (
    COMPASS,
    CONNECTORS,
    CULTURE_ADJECTIVES,
    DIRECTION_WORDS,
    GEO_HEADS,
    HOLIDAYS,
    LANGUAGE_DEGREE,
    LANGUAGE_HEADS,
    LAW_HEADS,
    LOCATIVES,
    MEDIA_HEADS,
    MONTHS_AND_DAYS,
    NAMED_HEADS,
    ORG_HEADS,
    PERSON_OBJECT_VERBS,
    PERSON_VERBS,
    SPEAK_VERBS,
    STREET_HEADS,
    TOWN_NOUNS,
)
from .models import Candidate
from .recognize import (
    _DOT_GAP,
    _POSSESSIVE_GAP,
    METROPOLIS,
    Recogniser,
    Token,
    _is_dateline,
    _is_initial,
    _joined,
    _kin_follows,
    _name_joined,
    _strong,
)

KEEP, DROP = "keep", "drop"
DEFAULT_KEEP = "default_keep"  # the record of a mention that no rule decided
STAGES = ("candidates", "chain", "article")

COMMON_WORD_CITY = 150_000  # a large city named like a common word, after "in", "to", "from"
ORG_PREFIXES = frozenset({"united", "union"})  # "United Russia" (a party), "Union Pacific" (a company)
_CONTRACTION = re.compile(r"['’](?:ve|ll|re|d|m|t)$", re.IGNORECASE)
_DESCRIBES_A_PLACE = re.compile(r"[ \u00a0]+(?:city|port|town|village|capital|island|nation|state|resort)"
                                r"[ \u00a0]+of[ \u00a0]+[A-Z]")  # "(Atlantic) port of Halifax"
_AMPERSAND = re.compile(r"[ \u00a0]*&[ \u00a0]*")  # "Stevens & Wilkinson": a firm
_AGE_AFTER = re.compile(r",[ \u00a0]*\d{1,3}[ \u00a0]*,[ \u00a0]*(?!and\b|or\b)[a-z]")  # "Parker, 8, has": an age
_INITIAL_THEN_NAME = re.compile(r"\.[ \u00a0]+[A-Z][a-z]")  # "M. Rosenstein": after a middle initial
_SENTENCE_END = re.compile(r"\s*(?:[.;:)!?]|$)")  # "written in French."


@dataclass(slots=True)
class MentionContext:
    """What the rules read of one gazetteer match (tokens i..j of a sentence), computed once."""
    rec: Recogniser  # its word lists and gazetteer helpers
    text: str
    toks: list[Token]
    run: list[int]  # the capitalised run holding the match
    i: int
    j: int
    cands: tuple[Candidate, ...]
    kinds: set[str]
    forms: set[str]
    strong_reading: bool  # a reading that is a place on its own (recognize._strong)
    strong: bool  # ... or a demonym
    single: bool  # one token
    first: Token
    before: Token | None
    after: Token | None
    big: bool  # a country, a state or a city of 100,000
    minor: bool  # no country, continent or place of 100,000
    demonym: bool  # a demonym, perhaps also a hamlet's name ("English, Indiana")
    person_name: bool  # its first word is a known given name or surname
    pre: list[int]  # run tokens before the match
    post: list[int]  # ... and after it


def mention_context(rec: Recogniser, text: str, toks: list[Token], run: list[int], i: int, j: int,
                    cands: tuple[Candidate, ...]) -> MentionContext:
    kinds = {c.kind for c in cands}
    forms = {c.form for c in cands}
    strong_reading = any(_strong(c) for c in cands)
    first = toks[i]
    return MentionContext(
        rec, text, toks, run, i, j, cands, kinds, forms, strong_reading, strong_reading or "demonym" in forms,
        i == j, first, toks[i - 1] if i > 0 else None, toks[j + 1] if j + 1 < len(toks) else None,
        big=any(c.kind in ("country", "admin1") or (c.kind == "city" and c.population >= 100_000) for c in cands),
        minor=all(c.kind not in ("country", "continent") and c.population < 100_000 for c in cands),
        demonym="demonym" in forms and all(c.form == "demonym" or (c.kind == "city" and c.population < 100_000)
                                           for c in cands),
        person_name=first.key in rec.surnames or first.key in rec.given,
        pre=[k for k in run if k < i], post=[k for k in run if k > j])


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    verdict: str  # KEEP or DROP: what the rule says when its test is true
    description: str
    example: str  # an invented sentence (never corpus or sample text) ...
    concerns: str  # ... and the name in it that the rule decides
    reads: tuple[str, ...] = ()  # the word lists it consults (names in lexicon.py)
    test: Callable[[MentionContext], bool] | None = None  # None: applied in recognise_all
    stage: str = "chain"

    @property
    def keeps(self) -> bool:
        return self.verdict == KEEP


class UnknownRule(MapperError, ValueError):
    """A rule name that is not in the registry."""


# ---- the tests of the chain, in its order --------------------------------------------------
def _said_person(c: MentionContext) -> bool:
    return c.rec._said_person(c.text, c.toks, c.i, c.j, c.cands)


def _month_or_holiday(c: MentionContext) -> bool:
    return c.single and (c.first.key in MONTHS_AND_DAYS or c.first.key in HOLIDAYS)


def _describes_next_place(c: MentionContext) -> bool:
    return (c.single and bool(c.kinds & {"water", "region", "continent"})
            and _DESCRIBES_A_PLACE.match(c.text, c.first.end) is not None
            and not any(x.kind in ("country", "admin1") or x.population >= 100_000 for x in c.cands))


def _culture_adjective(c: MentionContext) -> bool:
    return (c.single and c.first.key in CULTURE_ADJECTIVES and not c.strong_reading
            and not (c.before is not None and c.before.key in LOCATIVES and not c.before.cap))


def _contraction(c: MentionContext) -> bool:
    return c.single and _CONTRACTION.search(c.first.text) is not None


def _all_caps(c: MentionContext) -> bool:
    return c.single and c.first.is_upper and not c.forms & {"alias", "abbrev"}


def _dateline(c: MentionContext) -> bool:
    if not _all_caps(c):
        return False
    masthead = c.after is not None and c.after.key in MEDIA_HEADS  # "KIM WON JIN/AFP"
    return (_is_dateline(c.text, c.toks, c.i, c.j)
            or (c.big and not masthead and _is_dateline(c.text, c.toks, c.i, c.j, dash_lost=True)))


def _common_word(c: MentionContext) -> bool:
    if not (c.single and not c.strong and c.rec._is_common(c.first)):
        return False
    if any(x.kind == "city" and x.form == "name" and x.population >= METROPOLIS for x in c.cands):
        return False  # "Shanghai", "Phoenix"
    if c.i > 0 and c.rec._container_follows(c.text, c.first):
        return False  # "Buffalo, New York"
    b = c.before
    return not (b is not None and not b.cap and b.key in LOCATIVES
                and any(x.kind == "city" and x.form == "name" and x.population >= COMMON_WORD_CITY
                        for x in c.cands))  # "in Oxford"



def _language_use(c: MentionContext) -> bool:
    if not (c.single and c.demonym):
        return False
    b, a = c.before, c.after
    return ((b is not None and b.key in SPEAK_VERBS)
            or (a is not None and not a.cap and a.key in LANGUAGE_HEADS)
            or (b is not None and b.key == "in" and not b.cap
                and _SENTENCE_END.match(c.text[c.first.end:c.first.end + 3]) is not None))


def _language_degree(c: MentionContext) -> bool:
    b = c.before
    return (c.single and c.demonym and b is not None and b.key in LANGUAGE_DEGREE and c.i > 1
            and c.toks[c.i - 2].key in SPEAK_VERBS and _joined(c.text, c.toks[c.i - 2], b))


def _firm_of_surnames(c: MentionContext) -> bool:
    a, b = c.after, c.before
    return (c.single and c.minor and not c.strong and c.person_name
            and ((a is not None and _AMPERSAND.fullmatch(c.text, c.toks[c.j].end, a.start) is not None)
                 or (b is not None and _AMPERSAND.fullmatch(c.text, b.end, c.first.start) is not None)))


def _person_object(c: MentionContext) -> bool:
    b, a = c.before, c.after
    return (c.single and c.minor and c.person_name and b is not None and not b.cap
            and b.key in PERSON_OBJECT_VERBS and _joined(c.text, b, c.first)
            and not (a is not None and not a.cap and a.key in TOWN_NOUNS))


def _first_name_initial(c: MentionContext) -> bool:
    a = c.after
    return (c.single and not c.strong and a is not None and _is_initial(a) and _joined(c.text, c.first, a)
            and (c.first.key in c.rec.given or _INITIAL_THEN_NAME.match(c.text, a.end) is not None)
            and not c.rec._state_abbreviation_at(c.text, a))


def _person_age(c: MentionContext) -> bool:
    return c.single and c.minor and _AGE_AFTER.match(c.text, c.first.end) is not None


def _surname_after_initial(c: MentionContext) -> bool:
    b = c.before
    return (c.single and c.minor and b is not None and _is_initial(b) and c.i > 1 and c.toks[c.i - 2].cap
            and _name_joined(c.text, b, c.first) and _joined(c.text, c.toks[c.i - 2], b))


def _person_subject(c: MentionContext) -> bool:
    b, a = c.before, c.after
    return (c.single and c.minor and c.person_name and (b is None or b.cap or b.key not in LOCATIVES)
            and a is not None and not a.cap and a.key in PERSON_VERBS and _joined(c.text, c.first, a))


def _org_prefix(c: MentionContext) -> bool:
    b = c.before
    return c.i - 1 in c.run and b is not None and b.key in ORG_PREFIXES and b.cap


def _not_a_country(c: MentionContext) -> bool:
    return not c.kinds & {"country", "continent"} and "demonym" not in c.forms


def _relative_follows(c: MentionContext) -> bool:
    return _not_a_country(c) and _kin_follows(c.text, c.toks[c.j])


def _legal_case(c: MentionContext) -> bool:
    return _not_a_country(c) and c.single and c.rec._legal_follows(c.text, c.first, c.cands)


def _next_in_run(c: MentionContext) -> Token | None:
    return c.toks[c.j + 1] if c.j + 1 in c.run else None


def _named_after_place(c: MentionContext) -> bool:
    nxt = _next_in_run(c)
    return (not c.strong and nxt is not None and nxt.cap and nxt.key in NAMED_HEADS
            and _joined(c.text, c.toks[c.j], nxt))


def _direction_in_name(c: MentionContext) -> bool:
    nxt = _next_in_run(c)
    return (c.single and c.first.key in DIRECTION_WORDS and nxt is not None and nxt.cap
            and nxt.key not in CONNECTORS and not c.kinds & {"region", "continent", "water"})


def _metonymy(c: MentionContext) -> bool:
    return ("landmark" in c.kinds and not c.kinds & {"country", "admin1", "continent"}
            and c.rec._metonymy(c.text, c.toks, c.i, c.j))


def _compass_street(c: MentionContext) -> bool:
    return (c.single and c.first.key in COMPASS
            and any(c.toks[k].key in STREET_HEADS or c.toks[k].key == "st" for k in c.run if k > c.j))


def _person_title(c: MentionContext) -> bool:
    b = c.before
    return b is not None and c.rec._is_title(b) and _name_joined(c.text, b, c.first) and not c.strong


def _saint_name(c: MentionContext) -> bool:
    b = c.before
    return (c.single and b is not None and b.key == "st" and c.first.key in c.rec.given
            and _DOT_GAP.fullmatch(c.text, b.end, c.first.start) is not None)


def _first_name_surname(c: MentionContext) -> bool:
    if not (c.single and c.j + 1 < len(c.toks) and c.first.key in c.rec.given):
        return False
    nxt = c.toks[c.j + 1]
    return (nxt.cap and _joined(c.text, c.first, nxt) and nxt.key in c.rec.surnames
            and nxt.key not in GEO_HEADS and nxt.key not in ORG_HEADS and nxt.key not in STREET_HEADS
            and not c.rec._is_title(nxt) and not c.rec._strong_place_word(nxt))


def _whole_run(c: MentionContext) -> bool:
    return len(c.run) == c.j - c.i + 1


def _spaced_abbreviation(c: MentionContext) -> bool:
    return c.j > c.i and "abbrev" in c.forms


def _street_head(c: MentionContext) -> bool:
    return ((c.j + 1 < len(c.toks) and c.j + 1 in c.run and c.toks[c.j + 1].key in STREET_HEADS and not c.strong)
            or (c.i - 1 in c.run and c.i > 0 and c.toks[c.i - 1].key in STREET_HEADS))


def _after_connector(c: MentionContext) -> bool:
    return bool(c.pre) and c.toks[c.pre[-1]].key in CONNECTORS


def _titled_pre(c: MentionContext) -> bool:
    """Run words before the match, not ending in a connector, one of them a title."""
    return bool(c.pre) and not _after_connector(c) and any(c.rec._is_title(c.toks[k]) for k in c.pre)


def _connector_common_word(c: MentionContext) -> bool:
    return _after_connector(c) and not c.strong and c.rec._is_common(c.first)


def _title_before_weak(c: MentionContext) -> bool:
    return _titled_pre(c) and not c.strong


def _title_then_name(c: MentionContext) -> bool:
    return _titled_pre(c) and not all(c.rec._is_title(c.toks[k]) or c.rec._is_common(c.toks[k]) for k in c.pre)


def _name_before(c: MentionContext) -> bool:
    return (bool(c.pre) and not _after_connector(c) and not _titled_pre(c)
            and not all(c.rec._is_common(c.toks[k]) for k in c.pre))


def _post_words(c: MentionContext) -> list[Token]:
    return [c.toks[k] for k in c.post if c.toks[k].key not in CONNECTORS]


def _possessive_owner(c: MentionContext) -> bool:
    return (bool(c.post) and _POSSESSIVE_GAP.match(c.text, c.toks[c.j].end) is not None
            and (c.strong or any(x.population >= 500_000 for x in c.cands)))


def _media_name(c: MentionContext) -> bool:
    return bool(c.post) and any(t.key in MEDIA_HEADS for t in _post_words(c))


def _demonym_organisation(c: MentionContext) -> bool:
    return (bool(c.post) and c.forms == {"demonym"}
            and any(t.key in ORG_HEADS or t.key in LAW_HEADS for t in _post_words(c)))


def _connector_after(c: MentionContext) -> bool:
    return bool(c.post) and c.toks[c.post[0]].key in CONNECTORS


def _generic_word_after(c: MentionContext) -> bool:
    if not c.post:
        return False
    nxt = c.toks[c.post[0]]
    return c.rec._is_title(nxt) or c.rec._is_common(nxt) or nxt.key in GEO_HEADS


def _place_in_longer_name(c: MentionContext) -> bool:
    if not (c.post and c.strong and c.forms != {"demonym"}):
        return False
    nxt = c.toks[c.post[0]]
    return ((c.i < c.j or nxt.key in ORG_HEADS or nxt.key in NAMED_HEADS)
            and not any(c.rec._is_title(c.toks[k]) for k in c.pre)
            and not (c.before is not None and c.rec._is_title(c.before)))


def _name_after(c: MentionContext) -> bool:
    return bool(c.post)


# ---- the registry --------------------------------------------------------------------------
def _r(name: str, verdict: str, test: Callable[[MentionContext], bool] | None, description: str,
       example: str, concerns: str, *reads: str, stage: str = "chain") -> Rule:
    return Rule(name, verdict, description, example, concerns, reads, test, stage)


RULES: tuple[Rule, ...] = (
    _r("minor_alternate", DROP, None,
       "a small town's GeoNames alternate name needs a locative before it, unless it is a short form "
       "of the town's official name",
       "The robbers fled toward Hamas headquarters.", "Hamas", "ALT_LOCATIVES", stage="candidates"),
    _r("said_person", DROP, _said_person,
       "a lone given name or surname of a small place as the subject of a speech verb or before "
       "', who' is a person, here and everywhere in the article",
       "The report was written by Jill Ames, said Walsh on Monday.", "Walsh",
       "surnames", "given_names", "PERSON_VERBS", "TITLES"),
    _r("month_or_holiday", DROP, _month_or_holiday,
       "a lone month, weekday or holiday is the day, not the town named after it",
       "The shop stays closed over Christmas.", "Christmas", "MONTHS_AND_DAYS", "HOLIDAYS"),
    _r("describes_next_place", DROP, _describes_next_place,
       "a sea or region right before 'port of', 'city of' ... describes the place named next",
       "The ferry left the Baltic port of Klaipeda at dawn.", "Baltic"),
    _r("culture_adjective", DROP, _culture_adjective,
       "an adjective of a people, culture or game ('Olympic', 'Roman') that small towns are also named",
       "A Viking ship was found in the mud.", "Viking", "CULTURE_ADJECTIVES", "LOCATIVES"),
    _r("contraction", DROP, _contraction,
       "a contraction ('I've', 'We'll') is a pronoun, whatever a gazetteer alternate says",
       "She'll call back tomorrow, the clerk said.", "She'll"),
    _r("dateline", KEEP, _dateline,
       "an all-caps place opening a story and followed by a dash or colon is where it was filed",
       "DENVER (AP) -- The snowstorm closed two highways on Friday.", "DENVER", "MEDIA_HEADS"),
    _r("all_caps", DROP, _all_caps,
       "any other lone all-caps word (a photo credit, a shouted heading) is not a place",
       "Photo: JOHN DENVER/Reuters shows the crowd.", "DENVER"),
    _r("common_word", DROP, _common_word,
       "a lone common word ('Police', 'Victory') is not a place, unless a metropolis, a container "
       "(', Texas') or a locative with a large city says so",
       "Thousands marched in a Victory parade.", "Victory",
       "common_words", "MONTHS_AND_DAYS", "LOCATIVES"),
    _r("language_use", DROP, _language_use,
       "a demonym spoken, written in, or before 'language' is a language",
       "My grandmother spoke Portuguese at home.", "Portuguese", "SPEAK_VERBS", "LANGUAGE_HEADS"),
    _r("language_degree", DROP, _language_degree,
       "a demonym after 'spoke only', 'speaks fluent' is a language",
       "My grandmother spoke only Portuguese at home.", "Portuguese", "LANGUAGE_DEGREE", "SPEAK_VERBS"),
    _r("firm_of_surnames", DROP, _firm_of_surnames,
       "a small town's name that is a surname, next to an ampersand, is a firm's partner",
       "The accounts were audited by Shelton & Baird last year.", "Shelton", "surnames", "given_names"),
    _r("person_object", DROP, _person_object,
       "a small town's name that is a surname or given name, as the object of a verb about people",
       "The jury found the officer guilty of killing Shelton in March.", "Shelton",
       "surnames", "given_names", "PERSON_OBJECT_VERBS", "TOWN_NOUNS"),
    _r("first_name_initial", DROP, _first_name_initial,
       "a given name followed by a middle initial is a person",
       "The prize went to Lincoln J. Hartley of the lab.", "Lincoln", "given_names"),
    _r("person_age", DROP, _person_age,
       "a small place's name followed by ', 8,' is a person and their age",
       "His son Shelton, 9, was unhurt in the crash.", "Shelton"),
    _r("surname_after_initial", DROP, _surname_after_initial,
       "a small place's name after a first name and a middle initial is a surname",
       "The fire was reported by Grace A. Shelton on Tuesday.", "Shelton"),
    _r("person_subject", DROP, _person_subject,
       "a small town's name that is a surname or given name, then a verb like 'said', is a person",
       "Our neighbour Shelton walked to the shop every day.", "Shelton",
       "surnames", "given_names", "PERSON_VERBS", "LOCATIVES"),
    _r("org_prefix", DROP, _org_prefix,
       "a place after 'United' or 'Union' in one name is an organisation's name",
       "Union Pacific trains carry grain across the plains.", "Pacific", "ORG_PREFIXES"),
    _r("relative_follows", DROP, _relative_follows,
       "a place's name before a possessive and a kinship word ('Shelton's widow') is a person",
       "Shelton's widow spoke to the court for an hour.", "Shelton", "KIN_WORDS"),
    _r("legal_case", DROP, _legal_case,
       "a small town's name that is a surname, before a possessive and a legal word, is a defendant",
       "Shelton's lawyers asked for a new trial.", "Shelton", "LEGAL_WORDS", "surnames"),
    _r("named_after_place", DROP, _named_after_place,
       "a weak place name right before 'Center', 'Hall', 'Dinner' ... names a building or an event",
       "The award was handed out at the Shelton Dinner on Saturday.", "Shelton", "NAMED_HEADS"),
    _r("direction_in_name", DROP, _direction_in_name,
       "a direction word ('Central', 'Eastern') starting a longer capitalised name is part of it",
       "He was taken to Central Regional Hospital by ambulance.", "Central", "DIRECTION_WORDS"),
    _r("metonymy", DROP, _metonymy,
       "a landmark that speaks or acts ('the Kremlin said', 'a White House spokesman') is a government",
       "The Kremlin said the talks would resume next week.", "The Kremlin", "METONYMY_VERBS", "ROLE_NOUNS"),
    _r("compass_street", DROP, _compass_street,
       "a compass word starting a street name ('South Main St.') is part of the street",
       "The bakery on Southwest Oak Avenue opened at six.", "Southwest", "COMPASS", "STREET_HEADS"),
    _r("person_title", DROP, _person_title,
       "a weak place name right after a title ('President', 'Mrs.') is a person's name",
       "Senator Shelton voted against the bill.", "Shelton", "TITLES", "DOTTED_TITLES"),
    _r("saint_name", DROP, _saint_name,
       "a given name after 'St.' is a saint, when the whole was not a place",
       "The choir sang at St. Gregory every Sunday.", "Gregory", "given_names"),
    _r("first_name_surname", DROP, _first_name_surname,
       "a place's name that is a given name, followed by a surname, is a person",
       "Florence Hartley won the spelling contest.", "Florence",
       "given_names", "surnames", "GEO_HEADS", "ORG_HEADS", "STREET_HEADS", "TITLES"),
    _r("whole_run", KEEP, _whole_run,
       "the match is the whole capitalised run: nothing around it makes it part of another name",
       "We drove to Denver after lunch.", "Denver"),
    _r("spaced_abbreviation", KEEP, _spaced_abbreviation,
       "a spaced state abbreviation inside a run ('Charleston W. Va.') is a place",
       "The plant near Wheeling W. Va. closed.", "W. Va."),
    _r("street_head", DROP, _street_head,
       "a weak place name before 'Street', 'Avenue' ..., or a place after one, is part of a street name",
       "She lives on Denver Avenue with her aunt.", "Denver", "STREET_HEADS"),
    _r("connector_common_word", DROP, _connector_common_word,
       "a weak common-word place after 'of' or 'the' inside a name ('Day of the Sun') is part of it",
       "Poets call Japan the Land of Rising Sun.", "Rising Sun", "CONNECTORS", "common_words"),
    _r("title_before_weak", DROP, _title_before_weak,
       "a weak place name after a title inside a run ('Foreign Minister Paris') is a person",
       "Mayor Elect Tacoma thanked the voters.", "Tacoma", "TITLES"),
    _r("title_then_name", DROP, _title_then_name,
       "a strong place after a title and other names in a run is part of a person's name",
       "Deputy Mayor Anna Jordan resigned.", "Jordan", "TITLES", "common_words"),
    _r("name_before", DROP, _name_before,
       "a place after uncommon capitalised words in one run ('John Paris') is a surname",
       "The song was written by Hartley Denver last year.", "Denver", "common_words"),
    _r("possessive_owner", KEEP, _possessive_owner,
       "a strong or large place with a possessive, then more of the name ('Toronto's Pearson "
       "airport'), owns the thing",
       "Boston's Logan Airport reopened on Sunday.", "Boston"),
    _r("media_name", DROP, _media_name,
       "a place followed by 'Post', 'Times', 'Agency' ... in one name is a news outlet",
       "The Denver Post reported the fire first.", "Denver", "MEDIA_HEADS"),
    _r("demonym_organisation", DROP, _demonym_organisation,
       "a demonym followed by an organisation's or a law's head ('American Red Cross') is its name",
       "Volunteers from the Norwegian Refugee Council arrived.", "Norwegian", "ORG_HEADS", "LAW_HEADS"),
    _r("connector_after", KEEP, _connector_after,
       "a place followed by 'of' ... in its run ('University of Texas') is a place",
       "The Toledo de Mar hotel closed for the winter.", "Toledo", "CONNECTORS"),
    _r("generic_word_after", KEEP, _generic_word_after,
       "a place followed by a title, a common word or a geographic head in its run is a place",
       "The Denver Police arrested two men.", "Denver", "TITLES", "common_words", "GEO_HEADS"),
    _r("place_in_longer_name", KEEP, _place_in_longer_name,
       "a strong place of several words, or before an organisation's or building's head, is the "
       "place in a longer name",
       "The Boone County Fairgrounds were flooded.", "Boone County", "ORG_HEADS", "NAMED_HEADS", "TITLES"),
    _r("name_after", DROP, _name_after,
       "a place followed by other uncommon names in its run ('Paris Hilton') is part of a person's name",
       "The actress Toledo Hartley signed autographs.", "Toledo"),
    _r("person_elsewhere", DROP, None,
       "a name read as a person anywhere in the article ('Angela Merkel', 'said Walsh') is a person "
       "everywhere, unless a strong place of several words",
       "Walsh grew up on a farm. Later, said Walsh, he moved to the city.", "Walsh", stage="article"),
)

BY_NAME: dict[str, Rule] = {r.name: r for r in RULES}
CHAIN: tuple[Rule, ...] = tuple(r for r in RULES if r.stage == "chain")


def check_names(names: Iterable[str]) -> frozenset[str]:
    """The names, or UnknownRule naming the unknown ones and listing the valid ones."""
    names = frozenset(names)
    unknown = sorted(names - BY_NAME.keys())
    if unknown:
        raise UnknownRule(f"unknown recognition rule{'s' if len(unknown) > 1 else ''} {', '.join(unknown)}; "
                          f"the rules are: {', '.join(BY_NAME)}")
    return names


def parse_switches(spec: str) -> frozenset[str]:
    """'-person_title,-common_word' -> the rules switched off ('+name' switches one on: a no-op
    today, since every rule is on by default)."""
    off: set[str] = set()
    for part in (p.strip() for p in spec.split(",")):
        if not part:
            continue
        if part[0] not in "+-":
            raise UnknownRule(f"--rules {part}: write -{part} to switch the rule off (or +{part} to keep it)")
        check_names([part[1:]])
        (off.add if part[0] == "-" else off.discard)(part[1:])
    return frozenset(off)


def decide(c: MentionContext, chain: tuple[Rule, ...]) -> tuple[bool, str]:
    """Keep or drop, and the name of the rule that decided."""
    for rule in chain:
        if rule.test(c):  # type: ignore[misc]  # every chain rule has a test
            return rule.verdict == KEEP, rule.name
    return True, DEFAULT_KEEP


def describe() -> str:
    """The registry as text, for `mapper rules`."""
    lines = []
    for n, r in enumerate(RULES, 1):
        lines.append(f"{n:2}. {r.name} ({r.verdict}, {r.stage})\n    {r.description}\n"
                     f"    example: {r.example}  [{r.concerns}]")
    lines.append(f"    -- a mention no rule decides is kept: {DEFAULT_KEEP}")
    return "\n".join(lines)
