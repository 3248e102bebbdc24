"""Find place mentions: capitalised word runs looked up in the gazetteer, then general rules
that drop person names, organisations and common words. The rules are named, described and
ordered in recognition_rules.py; this module finds the matches and runs them.

The rules work on capitalised runs ("French Foreign Minister Jean-Yves Le Drian"): a gazetteer
match inside a run is kept only when the words around it say it is a place ("North Korean"
+ a title), not part of a name ("Kim" + "Jong Un", "Ri Yong" + "Ho").
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from .errors import Cancelled
from .gazetteer import Gazetteer
from .lexicon import (
    AT_PLACE,
    CONNECTORS,
    DOTTED_TITLES,
    GEO_HEADS,
    KIN_WORDS,
    LEGAL_WORDS,
    LOCATIVES,
    METONYMY_VERBS,
    MONTHS_AND_DAYS,
    NAMED_HEADS,
    ORG_HEADS,
    PERSON_VERBS,
    ROLE_NOUNS,
    TITLES,
    common_words,
    given_names,
    surnames,
)
from .models import Candidate, DroppedName, Sentence
from .textnorm import norm

MAX_NAME_TOKENS = 7
CANCEL_EVERY = 200  # sentences (or names, in the resolver) between two looks at a cancel request
ALT_MIN_POPULATION = 1_000_000  # below it, a GeoNames alternate alone is not enough evidence
SHORT_FORM_MIN_POPULATION = 100_000  # ... unless it is the short form of a city's name ("Newcastle")
# the prepositions that place a small town's alternate name: "in Xyz", not "talking to Xyz"
ALT_LOCATIVES = AT_PLACE  # in, at, near, outside, inside
NAME_ABBREVIATIONS = {"st": "Saint", "ste": "Sainte", "mt": "Mount", "ft": "Fort", "pt": "Point"}
# A city this large is the meaning of its name, even of a common word ("Shanghai"), and a
# province named like it yields to it more readily ("New York").
METROPOLIS = 1_000_000
STRONG_KINDS = frozenset({"country", "admin1", "region", "continent", "water", "landmark"})


def _strong(c: Candidate) -> bool:
    """A reading that makes a name a place on its own. A one-word district abroad ("Trapani",
    "Kent") is not: like a town, it may be somebody's surname. ("Boone County" is.)"""
    return c.kind in STRONG_KINDS and not (c.key.startswith("a2:") and not c.key.startswith("a2:us:"))

_LETTER = r"[^\W\d_]"
_TOKEN = re.compile(rf"(?:[A-Z]\.){{2,}}|[A-Z]\.[A-Z][a-z]+(?=\.)|{_LETTER}+(?:['’]{_LETTER}+)*")
_POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)


@dataclass(slots=True)
class Token:
    start: int  # absolute offsets into the article text
    end: int
    text: str
    cap: bool
    key: str  # norm(text) without dots, for word-list checks

    @property
    def is_upper(self) -> bool:
        return len(self.text) > 1 and self.text.isupper() and "." not in self.text


@dataclass(slots=True)
class RawMention:
    start: int
    end: int
    text: str
    sentence: int
    candidates: tuple[Candidate, ...]
    preposition: str | None = None  # the lower-case word before it, when locative
    next_text: str = ""  # what follows, for "Paris, Texas"
    before_text: str = ""  # what precedes, for "downtown Quebec"
    after_address: bool = False  # "400 S. Locust St., Lebanon": a street address, then its town
    dateline: bool = False  # "WASHINGTON —" opening a story: where it was filed, a major city
    tokens: tuple[str, ...] = field(default_factory=tuple)
    # the recognition rule(s) that kept it (recognition_rules.py): a reason, not part of the mention
    rules: tuple[str, ...] = field(default=(), compare=False)


def tokenize(text: str, offset: int = 0) -> list[Token]:
    out = []
    for m in _TOKEN.finditer(text):
        word = m.group()
        end = m.end()
        poss = _POSSESSIVE.search(word)
        if poss and len(word) > 2:
            word = word[: poss.start()]
            end = m.start() + len(word)
        out.append(Token(offset + m.start(), offset + end, word, word[0].isupper(),
                         norm(word).replace(".", "")))
    return out


# A house number, a street name and its head, then a comma: what follows is the street's town.
_ADDRESS_BEFORE = re.compile(
    r"\b\d+[A-Za-z]?\s+(?:[A-Z][\w’'.-]*\s+){1,4}(?:St|Street|Ave|Avenue|Rd|Road|Dr|Drive|Blvd|Boulevard|"
    r"Ln|Lane|Way|Pike|Hwy|Highway|Pkwy|Parkway|Ct|Court|Pl|Place|Ter|Terrace|Cir|Circle)\.?,\s*$")


_JOIN_GAP = re.compile(r"(?:['’]s)?[ \-‐\u00a0]{1,2}")


def _joined(text: str, a: Token, b: Token) -> bool:
    """Two tokens belong to one name when only a space, a hyphen or a possessive stands
    between them ("People's Republic")."""
    return _JOIN_GAP.fullmatch(text, a.end, b.start) is not None


_DOT_GAP = re.compile(r"\.[ \u00a0]{1,2}")


# After a dateline's place: ", State" or ", Country" (optional), "(AP)" (optional), then a dash or colon.
_DATELINE_AFTER = re.compile(r"(?:,\s*[A-Z][A-Za-z.]*(?:\s+[A-Z][A-Za-z.]*){0,2})?\s*(?:\([A-Za-z .]{1,30}\)\s*)?"
                             r"(?:-{1,3}|[—–\x97:])")
# Before it: the start of the text or a line, the end of a sentence, or a date ("March 15, 2009 NEWARK --").
_DATELINE_BEFORE = re.compile(r"(?:^|\n|[.!?\"”]|\b(?:19|20)\d\d)[ \t\u00a0]*$")
_KIN_AFTER = re.compile(r"['’]s?[ \u00a0]+([a-z]+)")


_AGENT_BEFORE = re.compile(r"\b[a-z]+ed\s+by\s+the\s*$")  # "rebuffed by the White House"
_ORG_TAIL = re.compile(r"[ \u00a0]+(?:for|of)[ \u00a0]+(?:the[ \u00a0]+)?[A-Z]")  # "... Center for Computer Security"
_CONTAINER_AFTER = re.compile(r",[ \u00a0]*([A-Z][\w.]*\.?(?:[ \u00a0][A-Z][\w.]*\.?)?)")  # ", New York"
_SPACED_ABBREVIATION = re.compile(r"[A-Z]\.[ \u00a0]?[A-Z][a-z]{1,3}\.")  # "W. Va."
_POSSESSIVE_GAP = re.compile(r"['’]s?[ \u00a0]")
_WHO_AFTER = re.compile(r",[ \u00a0]+who\b")


def _kin_follows(text: str, t: Token) -> bool:
    kin = _KIN_AFTER.match(text, t.end)
    return kin is not None and kin.group(1) in KIN_WORDS


def _is_dateline(text: str, toks: list[Token], i: int, j: int, *, dash_lost: bool = False) -> bool:
    """An all-caps place that opens an article, a line or a sentence and is followed by a
    dash or colon, optionally after its state or country and an agency: "COLUMBUS, Ohio (AP) —",
    "CHARLESTON, W.Va. -", "BEIRUT:". With `dash_lost`, the story's first capitalised word
    follows instead of the dash ("WASHINGTON Barack Obama ...")."""
    if not all(toks[k].is_upper for k in range(i, j + 1)):
        return False
    start, end = toks[i].start, toks[j].end
    after = _BARE_DATELINE_AFTER if dash_lost else _DATELINE_AFTER
    return (_DATELINE_BEFORE.search(text, max(0, start - 40), start) is not None
            and after.match(text, end) is not None)


# A dateline whose dash the text lost ("WASHINGTON Barack Obama ...", "AUSTIN, Texas A ..."):
# an optional state, then the first capitalised word of the story.
_BARE_DATELINE_AFTER = re.compile(r"(?:,\s*[A-Z][A-Za-z.]*(?:\s+[A-Z][A-Za-z.]*){0,2})?\s+[A-Z\"“]")


def _hyphen_particle(text: str, t: Token) -> bool:
    """A lower-case word between hyphens inside a name: "Port-au-Prince", "Tilly-sur-Seulles",
    "Stratford-upon-Avon"."""
    return (not t.cap and len(t.text) <= 5 and t.start > 0 and text[t.start - 1] == "-"
            and text.startswith("-", t.end))


def _short_form(surface: str, official: str) -> bool:
    """"newcastle" of "Newcastle upon Tyne", "halle" of "Halle (Saale)": the official name's
    first words, followed by a qualifier."""
    name = norm(official)
    return name.startswith(surface) and len(name) > len(surface) and not name[len(surface)].isalnum()


def _is_initial(t: Token) -> bool:
    return len(t.text) == 1 and t.text.isupper()


def _name_joined(text: str, a: Token, b: Token) -> bool:
    """Joined within a person's name, also across the dot of an initial or an abbreviated
    title: "Matthew D. Flores", "Mrs. Lincoln", "Capt. Roy A. Nelson"."""
    if _joined(text, a, b):
        return True
    return (_is_initial(a) or a.key in DOTTED_TITLES) and _DOT_GAP.fullmatch(text, a.end, b.start) is not None


class Recogniser:
    def __init__(self, gazetteer: Gazetteer, *, disabled_rules: Iterable[str] = ()) -> None:
        """`disabled_rules`: names of recognition rules switched off (recognition_rules.RULES);
        an unknown name raises recognition_rules.UnknownRule."""
        from . import recognition_rules as rules  # it reads this module's helpers: imported here
        self.gaz = gazetteer
        self.common = common_words()
        self.given = given_names()
        self.surnames = surnames()
        self.disabled = rules.check_names(disabled_rules)
        self._chain = tuple(r for r in rules.CHAIN if r.name not in self.disabled)
        self._context = rules.mention_context
        self._decide = rules.decide

    # ---- gazetteer matching -------------------------------------------------------------
    def _lookup_span(self, text: str, toks: list[Token], i: int, j: int) -> tuple[Candidate, ...]:
        surface = text[toks[i].start:toks[j].end]
        if j > i and toks[j].key == "co" and text.startswith(".", toks[j].end):
            # "Plymouth Co.": the county
            county = tuple(c for c in self.gaz.lookup(text[toks[i].start:toks[j - 1].end] + " County")
                           if c.kind == "region")
            if county:
                return county
        if toks[j].end < len(text) and text[toks[j].end] == ".":
            # "Ky.", "Kan.", "W.Va.": an abbreviation with its dot beats a namesake without it
            dotted = tuple(c for c in self.gaz.lookup(surface + ".") if c.form == "abbrev")
            if dotted:
                return dotted
        found = self.gaz.lookup(surface)
        if j > i and toks[i].key in NAME_ABBREVIATIONS and not _POSSESSIVE_GAP.match(text, toks[j].end):
            # "St. Paul" is the town of Saint Paul by its own name, not by a GeoNames alternate
            # (not "St. Michael's Hospital": a saint's building)
            spelled = self.gaz.lookup(NAME_ABBREVIATIONS[toks[i].key] + " " + text[toks[i + 1].start:toks[j].end])
            towns = [c for c in spelled if c.form == "name" and c.kind == "city"]
            named = {c.key for c in towns}
            found = tuple(towns) + tuple(c for c in found if c.key not in named)
        if not found and toks[j].end < len(text) and text[toks[j].end] == ".":
            found = self.gaz.lookup(surface + ".")  # "Gen."
            if found:
                found = tuple(c for c in found if c.form in ("abbrev", "alias"))
        return found

    def _matches(self, text: str, toks: list[Token]) -> list[tuple[int, int, tuple[Candidate, ...]]]:
        """Longest gazetteer matches starting on a capitalised token, left to right."""
        out = []
        i = 0
        while i < len(toks):
            t = toks[i]
            if not t.cap:
                i += 1
                continue
            best = None
            # the longest span of joined tokens that may form one name
            limit = i
            dotted_from = None  # the first token after an initial's dot: "W. Va." is one name only as an abbreviation
            while limit + 1 < len(toks) and limit + 1 - i < MAX_NAME_TOKENS:
                nxt = toks[limit + 1]
                if not _joined(text, toks[limit], nxt):
                    dotted = nxt.cap and _DOT_GAP.fullmatch(text, toks[limit].end, nxt.start)
                    if dotted and toks[limit].key in NAME_ABBREVIATIONS:
                        pass  # "St. Louis", "Mt. Vernon", "Ft. Worth": one name across the dot
                    elif dotted and _is_initial(toks[limit]):
                        dotted_from = limit + 1 if dotted_from is None else dotted_from
                    else:
                        break
                if not (nxt.cap or nxt.key in CONNECTORS or nxt.key in GEO_HEADS or _hyphen_particle(text, nxt)):
                    break
                limit += 1
            for j in range(limit, i - 1, -1):
                last = toks[j]
                if not (last.cap or last.key in GEO_HEADS):
                    continue
                found = self._lookup_span(text, toks, i, j)
                if found and dotted_from is not None and j >= dotted_from:
                    found = tuple(c for c in found if c.form == "abbrev")
                # "University of Michigan Center for Computer Security": Michigan and an
                # institute's name, not the town of Michigan Center
                if found and j > i and toks[j].key in NAMED_HEADS and _ORG_TAIL.match(text, toks[j].end):
                    continue
                if found:
                    best = (i, j, found)
                    break
            if best:
                out.append(best)
                i = best[1] + 1
            else:
                i += 1
        return out

    # ---- runs and names -----------------------------------------------------------------
    def _runs(self, text: str, toks: list[Token]) -> list[list[int]]:
        """Maximal runs of capitalised tokens, joined through connectors ("Gulf of Mexico")."""
        runs: list[list[int]] = []
        cur: list[int] = []
        for k, t in enumerate(toks):
            if t.cap and cur and _name_joined(text, toks[cur[-1]], t):
                cur.append(k)
            elif t.cap:
                if cur:
                    runs.append(cur)
                cur = [k]
            elif (t.key in CONNECTORS and cur and k + 1 < len(toks) and toks[k + 1].cap
                  and _joined(text, toks[cur[-1]], t) and _joined(text, t, toks[k + 1])):
                cur.append(k)
            else:
                if cur:
                    runs.append(cur)
                cur = []
        if cur:
            runs.append(cur)
        return runs

    def _is_common(self, t: Token) -> bool:
        return t.key in self.common or t.key in MONTHS_AND_DAYS

    def _is_title(self, t: Token) -> bool:
        return t.key in TITLES

    def _strong_place_word(self, t: Token) -> bool:
        return any(_strong(c) or c.population >= 100_000 for c in self.gaz.lookup_norm(t.key))

    def _person_tokens(self, text: str, toks: list[Token], runs: list[list[int]], full_matches: set[tuple[int, int]],
                       title_case: bool) -> set[str]:
        """Tokens of runs that read as a person's name, to reject them elsewhere ("Kim")."""
        names: set[str] = set()
        if title_case:
            return names
        split: list[list[int]] = []
        for run in runs:  # "Bayeux and Caen": two names, not one person
            cur: list[int] = []
            for k in run:
                if toks[k].key == "and":
                    if cur:
                        split.append(cur)
                    cur = []
                else:
                    cur.append(k)
            if cur:
                split.append(cur)
        for run in split:
            words = [k for k in run if toks[k].key not in CONNECTORS]
            if (run[0], run[-1]) in full_matches:
                continue
            before = toks[run[0] - 1] if run[0] > 0 else None
            titled = [k for k in words if self._is_title(toks[k])]
            rest = [k for k in words if not self._is_title(toks[k]) and not self._is_common(toks[k])]
            if titled:
                # the name follows the last title word: "Foreign Minister Jean Le Drian"
                rest = [k for k in words if k > titled[-1]]
            person = False
            if rest and titled:
                person = True
            elif rest and before is not None and not before.cap and self._is_title(before):
                person = True  # "leader Angela Merkel"
            elif len(rest) >= 2 and toks[rest[0]].key in self.given and rest == words[-len(rest):]:
                person = True
            elif 2 <= len(rest) <= 4 and rest == words and not any(toks[k].key in ORG_HEADS for k in words):
                person = True  # a run of uncommon capitalised words that is not a place: "Jean Le Drian"
            if person:
                for k in rest:
                    t = toks[k]
                    if not t.is_upper and not self._strong_place_word(t):
                        names.add(t.key)
        return names

    def _metonymy(self, text: str, toks: list[Token], i: int, j: int) -> bool:
        k = i - 1
        if k >= 0 and toks[k].key == "the" and not toks[k].cap:
            k -= 1
        if k >= 0 and not toks[k].cap and toks[k].key in LOCATIVES:
            return False  # "crew based at Heathrow said": the place where they are
        after = toks[j + 1] if j + 1 < len(toks) else None
        gap = text[toks[j].end:after.start] if after is not None else ""
        if re.match(r"['’]s?\s", text[toks[j].end:toks[j].end + 3]):
            return True  # "the Kremlin's response", "the White House's decision"
        if after is not None and not after.cap:
            if gap == "-":
                return True  # "Kremlin-backed"
            if gap.strip() == "" and (after.key in METONYMY_VERBS or after.key in ROLE_NOUNS):
                return True  # "the Kremlin said", "White House spokesman"
        if after is not None and after.cap and self._is_title(after) and gap.strip() == "":
            return True  # "White House Chief of Staff"
        return _AGENT_BEFORE.search(text, max(0, toks[i].start - 40), toks[i].start) is not None

    def _said_person(self, text: str, toks: list[Token], i: int, j: int, cands: tuple[Candidate, ...]) -> bool:
        """A lone surname or given name of a small place, as the subject after a speech verb
        ("said Walsh") or before ", who": a person, and the same person everywhere in the text."""
        first = toks[i]
        if i != j or first.is_upper or not (first.key in self.surnames or first.key in self.given):
            return False
        if any(c.kind not in ("city", "landmark") or c.population >= 100_000 or c.form in ("alias", "abbrev", "demonym")
               for c in cands):
            return False
        after = toks[j + 1] if j + 1 < len(toks) else None
        if after is not None and after.cap and self._is_title(after) and _joined(text, first, after):
            return False  # "said Monroe Mayor Robert Routson": the town's mayor
        before = toks[i - 1] if i > 0 else None
        if before is not None and not before.cap and before.key in PERSON_VERBS and _joined(text, before, first):
            return True
        return _WHO_AFTER.match(text, first.end) is not None

    def _state_abbreviation_at(self, text: str, t: Token) -> bool:
        """"W. Va." starting at the initial t: a state's abbreviation, not a middle initial."""
        hit = _SPACED_ABBREVIATION.match(text, t.start)
        return hit is not None and any(c.form == "abbrev" for c in self.gaz.lookup(hit.group()))

    def _container_follows(self, text: str, t: Token) -> bool:
        """", New York", ", Turkey" right after the name: "Buffalo, New York", "Van, Turkey"."""
        hit = _CONTAINER_AFTER.match(text, t.end)
        if hit is None:
            return False
        name = hit.group(1)  # "Ky." keeps its dot; "New York." at a sentence end loses it
        return any(c.kind in ("admin1", "country") for n in {name, name.rstrip(".")} for c in self.gaz.lookup(n))

    def _legal_follows(self, text: str, t: Token, cands: tuple[Candidate, ...]) -> bool:
        """"Earle's trial", "Fairfield's lawyers": a surname's case, when the name is only a
        small town's (a state has an attorney general too: "California's attorney")."""
        kin = _KIN_AFTER.match(text, t.end)
        return (kin is not None and kin.group(1) in LEGAL_WORDS and t.key in self.surnames
                and all(c.kind == "city" and c.population < 100_000 for c in cands))

    # ---- the rules (recognition_rules.py) -------------------------------------------------
    def _judge(self, text: str, toks: list[Token], run: list[int], i: int, j: int,
               cands: tuple[Candidate, ...]) -> tuple[bool, str]:
        """Keep or drop the match i..j, and the name of the rule that decided."""
        return self._decide(self._context(self, text, toks, run, i, j, cands), self._chain)

    def _minor_alternates(self, text: str, toks: list[Token], i: int, j: int,
                          cands: tuple[Candidate, ...]) -> tuple[Candidate, ...]:
        """Rule minor_alternate: without a locative before it, a small town's GeoNames alternate
        alone ("Hamas" -> Hamm) is no reading; a name that is its own official name, or a short
        form of it ("Newcastle" for Newcastle upon Tyne), needs no locative."""
        prev = toks[i - 1] if i > 0 else None
        if "minor_alternate" in self.disabled or not (prev is None or prev.cap or prev.key not in ALT_LOCATIVES):
            return cands
        surface = norm(text[toks[i].start:toks[j].end])
        return tuple(c for c in cands if not (c.form == "alt" and c.kind == "city"
                                               and c.population < ALT_MIN_POPULATION
                                               and not (c.population >= SHORT_FORM_MIN_POPULATION
                                                        and _short_form(surface, c.name))))

    def recognise(self, text: str, sentences: list[Sentence]) -> list[RawMention]:
        return self.recognise_all(text, sentences)[0]

    def recognise_all(self, text: str, sentences: list[Sentence], *, cancel: Callable[[], bool] | None = None,
                      dropped: list[DroppedName] | None = None) -> tuple[list[RawMention], list[RawMention]]:
        """Place mentions, and unknown names after a locative preposition ("in Xyzville")
        that an online geocoder may place. `cancel` is asked every few hundred sentences, so
        that a long article stops soon after the user asks (it raises Cancelled). Each mention
        carries the rule that kept it; given a `dropped` list, the names the rules dropped are
        added to it, with the rule that dropped each."""
        staged: list[tuple[Sentence, list[Token], int, int, tuple[Candidate, ...], str]] = []
        unknown_runs: list[tuple[Sentence, list[Token], list[int]]] = []
        persons: set[str] = set()
        for n, s in enumerate(sentences):
            if cancel is not None and n % CANCEL_EVERY == 0 and cancel():
                raise Cancelled("cancelled")
            toks = tokenize(s.text, s.start)
            if toks:
                self._sentence(text, s, toks, staged, unknown_runs, persons, dropped)
        out = []
        for s, toks, i, j, cands, rule in staged:
            span_keys = {toks[k].key for k in range(i, j + 1) if toks[k].key not in CONNECTORS}
            strong = any(c.kind in ("country", "admin1", "continent") for c in cands)
            if (span_keys <= persons and not (strong and len(span_keys) > 1)
                    and "person_elsewhere" not in self.disabled):  # "Merkel" after "Angela Merkel"
                if dropped is not None:
                    dropped.append(_dropped(text, s, toks, i, j, "person_elsewhere"))
                continue
            m = raw_mention(text, s.id, toks, i, j, cands)
            m.rules = (rule,)
            out.append(m)
        if dropped:
            dropped.sort(key=lambda d: d.start)  # person_elsewhere's come last
        unknown = []
        for s, toks, run in unknown_runs:
            keys = {toks[k].key for k in run if toks[k].key not in CONNECTORS}
            if keys <= persons:
                continue
            start, end = toks[run[0]].start, toks[run[-1]].end
            unknown.append(RawMention(start=start, end=end, text=text[start:end], sentence=s.id, candidates=(),
                                      preposition=toks[run[0] - 1].key, next_text=text[end:end + 60],
                                      tokens=tuple(sorted(keys))))
        return out, unknown

    def _sentence(self, text: str, s: Sentence, toks: list[Token],
                  staged: list[tuple[Sentence, list[Token], int, int, tuple[Candidate, ...], str]],
                  unknown_runs: list[tuple[Sentence, list[Token], list[int]]],
                  persons: set[str], dropped: list[DroppedName] | None) -> None:
        """One sentence's matches, judged: kept ones to `staged`, persons to `persons`."""
        title_case = _is_title_case(toks) or s.kind == "headline"
        runs = self._runs(text, toks)
        run_of = {k: run for run in runs for k in run}
        matches = self._matches(text, toks)
        full = {(i, j) for i, j, _ in matches}
        persons |= self._person_tokens(text, toks, runs, full, title_case)
        for i, j, cands in matches:
            cands = self._minor_alternates(text, toks, i, j, cands)
            if not cands:
                if dropped is not None:
                    dropped.append(_dropped(text, s, toks, i, j, "minor_alternate"))
                continue
            keep, rule = self._judge(text, toks, run_of.get(i, [i]), i, j, cands)
            if keep:
                staged.append((s, toks, i, j, cands, rule))
                continue
            if dropped is not None:
                dropped.append(_dropped(text, s, toks, i, j, rule))
            if rule == "said_person":
                persons.add(toks[i].key)  # "said Walsh", "Walsh, who": the whole article's Walsh
            elif i == j and not toks[j].is_upper and (_kin_follows(text, toks[j])
                                                       or self._legal_follows(text, toks[j], cands)):
                persons.add(toks[j].key)  # "Reyes' stepfather": later bare "Reyes" is the same person
        matched = {k for i, j, _ in matches for k in range(i, j + 1)}
        for run in runs:
            before = toks[run[0] - 1] if run[0] > 0 else None
            if (before is not None and not before.cap and before.key in LOCATIVES and not title_case
                    and not matched & set(run) and not all(self._is_common(toks[k]) for k in run)
                    and not any(toks[k].key in ORG_HEADS or self._is_title(toks[k]) for k in run)):
                unknown_runs.append((s, toks, run))


def _dropped(text: str, s: Sentence, toks: list[Token], i: int, j: int, rule: str) -> DroppedName:
    start, end = toks[i].start, toks[j].end
    return DroppedName(text[start:end], start, end, s.id, rule)


def raw_mention(text: str, sentence: int, toks: list[Token], i: int, j: int,
                cands: tuple[Candidate, ...]) -> RawMention:
    """The mention of tokens i..j of a sentence's tokens, with the context the resolver reads
    (shared with the optional NER recognisers in ner.py)."""
    start, end = toks[i].start, toks[j].end
    if end < len(text) and text[end] == "." and (
            (any(c.form == "abbrev" for c in cands) and norm(text[start:end + 1]) != norm(text[start:end]))
            or (j > i and toks[j].key == "co")):  # "Ky.", "Plymouth Co.": the dot belongs to the name
        end += 1
    prev = toks[i - 1] if i > 0 else None
    span_keys = {toks[k].key for k in range(i, j + 1) if toks[k].key not in CONNECTORS}
    return RawMention(
        start=start, end=end, text=text[start:end], sentence=sentence, candidates=cands,
        preposition=prev.key if prev is not None and not prev.cap and prev.key in LOCATIVES else None,
        next_text=text[end:end + 60], before_text=text[max(0, start - 30):start], tokens=tuple(sorted(span_keys)),
        after_address=_ADDRESS_BEFORE.search(text, max(0, start - 80), start) is not None,
        dateline=_is_dateline(text, toks, i, j) or _is_dateline(text, toks, i, j, dash_lost=True))


def _is_title_case(toks: list[Token]) -> bool:
    """A headline in Title Case: capitals carry no information there."""
    words = [t for t in toks if len(t.text) > 3]
    return len(words) >= 4 and sum(t.cap for t in words) / len(words) > 0.8
