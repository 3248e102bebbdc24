"""Memorial and casualty figures ("11 mass graves", "More than 4,700 Soviet soldiers died").

Qt-free and offline. `extract_facts` finds a number (digits with commas, "1.2 million",
number words "two".."ninety", "a dozen", vague "hundreds of") and decides the kind:

* by the counted noun: "mass graves" -> mass_graves, "individual graves" ->
  individual_graves, "graves" -> graves, "memorials"/"monuments" -> memorials,
  "cemeteries" -> cemeteries, "burial sites" -> burial_sites, "bodies"/"remains" ->
  remains, "deaths"/"fatalities" -> died, "casualties" -> casualties, "injuries" -> wounded;
* for people ("1,375 Soviet troops"), by the verb after them (buried, died/perished/dead,
  killed, missing, wounded/injured), by an adjective right after the number ("4,300 dead"),
  or by a word before the number ("killing 50 people", "remains of 27 soldiers",
  "death toll rose to 4,300").

Vague amounts give qualifier "dozens"/"hundreds"/"thousands"/"tens of thousands"/
"hundreds of thousands"/"millions" and the smallest plural value (24, 200, 2000, 20000,
200000, 2000000); otherwise the qualifier is one of "more than", "over", "some", "about",
"around", "almost", "nearly", "at least", "up to", "fewer than", "less than",
"approximately", "roughly", "an estimated", "at most", "as many as", "upwards of"
(lowercased) or None.

Place of a fact (PlaceRef kinds continent/water are never used; demonyms only as below):
 0. none for a global figure ("worldwide", "globally", "around the world");
 1. a place introduced by in/at/across/throughout/inside/near within 120 characters
    of the figure, in the same clause, the nearest after the figure first, then the
    nearest before it (";", ":", dashes, brackets and
    "including"/"while"/"whereas"/"but" end a clause);
    ("in Freedonia's capital Lakeport" gives Lakeport);
 1b. else a country by reference in the clause: "on Dutch soil/territory" (a demonym),
    "in the republic/country/kingdom", "in their country" (the last country or demonym
    named before);
 1c. else a place that "has" the figure at the start of the sentence ("Lakeport county has
    recorded nine dead"); "here" -> the place just named;
 2. else the place of the previous fact when it is in the same or the previous sentence
    (figures continue a thread);
 3. else a place elsewhere in the sentence: a country first; then a city/admin1/landmark
    promoted to the country place of the same country code if the article mentions it;
    then the nearest place;
 4. else the place of the previous fact within five sentences, else the last place of the
    sentence before, else None.
Places that only modify an actor ("Freedonian army", "Lakeport fever") and places people come
from ("tourists from X") are not used in 3. Averages ("on average"), hypothetical figures
("could kill"), percentages and animal deaths are not figures.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from .dates import find_dates
from .lexicon import AROUND_PLACE, AT_PLACE
from .models import Fact, Sentence
from .placeref import SITE_HEADS, PlaceRef, named_site_place

__all__ = ["PlaceRef", "extract_facts", "summarise_facts", "parse_number", "NUMBER_RE",
           "QUALIFIER_RE"]


# ---------------------------------------------------------------- numbers

_WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "a dozen": 12, "a hundred": 100,
    "a thousand": 1000,
}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}
_VAGUE = {"dozens": ("dozens", 24), "scores": ("scores", 40), "hundreds": ("hundreds", 200),
          "thousands": ("thousands", 2000), "tens of thousands": ("tens of thousands", 20000),
          "hundreds of thousands": ("hundreds of thousands", 200000),
          "millions": ("millions", 2_000_000)}

_WORDNUM = (r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|"
            r"four|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|"
            r"eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|"
            r"a dozen|a hundred|a thousand)")
NUMBER_RE = re.compile(
    r"(?<![\w.,$£€-])(?P<num>"
    r"(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s+(?:hundred|thousand|million|billion)\b)?"
    r"|" + _WORDNUM + r"(?:\s+(?:hundred|thousand|million|billion))?\b"
    r"|(?:tens|hundreds)\s+of\s+thousands|dozens|scores|hundreds|thousands|millions"
    r")(?![\w-]|[.,]\d)",
    re.I)
QUALIFIER_RE = re.compile(
    r"(?P<q>more than|over|some|about|around|almost|nearly|at least|up to|fewer than|"
    r"less than|approximately|roughly|an estimated|at most|as many as|upwards of|close to|"
    r"just over|just under|under|estimated)\s+$", re.I)


def parse_number(token: str) -> tuple[int, str | None] | None:
    """'1,375' -> (1375, None); '1.2 million' -> (1200000, None); 'a dozen' -> (12, None);
    'hundreds' -> (200, 'hundreds'). None when not a number."""
    t = token.strip().lower()
    if t in _VAGUE:
        return _VAGUE[t][1], _VAGUE[t][0]
    scale = 1
    m = re.match(r"^(.*?)\s+(hundred|thousand|million|billion)$", t)
    if m and m.group(1):
        t, scale = m.group(1), _SCALES[m.group(2)]
    t = t.replace(",", "")
    try:
        value = float(t)
    except ValueError:
        if t in _WORD_NUMBERS:
            value = _WORD_NUMBERS[t]
        elif "-" in t and all(p in _WORD_NUMBERS for p in t.split("-")):
            a, b = t.split("-")
            value = _WORD_NUMBERS[a] + _WORD_NUMBERS[b]
        else:
            return None
    return int(round(value * scale)), None


# ---------------------------------------------------------------- kind lexicon

_NOUN_KINDS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"(?:mass|common)\s+graves?\b", re.I), "mass_graves"),
    (re.compile(r"(?:individual|single)\s+graves?\b", re.I), "individual_graves"),
    (re.compile(r"(?:unmarked\s+|war\s+)?graves?\b", re.I), "graves"),
    (re.compile(r"burial\s+(?:sites?|grounds?|places?)\b", re.I), "burial_sites"),
    (re.compile(r"(?:memorials?|monuments?)\b", re.I), "memorials"),
    (re.compile(r"(?:cemeteries|cemetery|war cemeteries)\b", re.I), "cemeteries"),
    (re.compile(r"(?:bodies|body|sets of remains)\b", re.I), "remains"),
    (re.compile(r"(?:burials|interments)\b", re.I), "buried"),
    (re.compile(r"(?:deaths|fatalities|dead)\b", re.I), "died"),
    (re.compile(r"casualties\b", re.I), "casualties"),
    (re.compile(r"injuries\b", re.I), "wounded"),
]
_PEOPLE = (r"(?:people|persons?|person|soldiers?|troops|servicemen|servicemembers|"
           r"service members|sailors|airmen|marines|fighters|militants|rebels|civilians|"
           r"residents|villagers|prisoners|prisoners of war|pows|victims|men|women|children|"
           r"man|woman|child|citizens|warriors|officers|policemen|police officers|personnel|"
           r"workers|miners|migrants|refugees|passengers|crew|crew members|students|"
           r"protesters|demonstrators|patients|inhabitants|jews|combatants|others|"
           r"individuals|infants|babies|veterans|members|family members|agents|federal agents|guards|"
           r"journalists|reporters|tourists|pilgrims|employees|staff|firefighters|aid workers|"
           r"pupils|teenagers|adults|girls|boys|nationals|foreign nationals|foreigners|locals|"
           r"of them|of those|of whom)")
# people counted by nationality: "12 Americans", "three Britons", "two Israelis"
_NATIONALS = re.compile(r"\s+[A-Z][a-z]+(?:ans|ese|is|ons|ers|ards|ish)\b")
_VERB_KINDS = {
    "buried": "buried", "interred": "buried", "laid to rest": "buried",
    "died": "died", "dead": "died", "found dead": "died", "perished": "died", "lost their lives": "died",
    "killed": "killed", "slain": "killed", "massacred": "killed", "executed": "killed",
    "murdered": "killed", "shot dead": "killed", "beheaded": "killed", "drowned": "died",
    "burned to death": "died", "burnt to death": "died", "crushed to death": "died",
    "missing": "missing", "unaccounted for": "missing",
    "wounded": "wounded", "injured": "wounded", "hurt": "wounded",
}
_VERBS = r"(?:buried|interred|laid to rest|died|found dead|dead|perished|lost their lives|killed|slain|" \
         r"massacred|executed|murdered|shot dead|beheaded|drowned|(?:burned|burnt|crushed) to death|" \
         r"missing|unaccounted for|wounded|injured|hurt)"
_AUX = (r"(?:are|were|was|is|have|has|had|been|being|be|still|reportedly|believed|thought|"
        r"feared|confirmed|reported|now|later|also|all|who|that|which|to|have been|were later|"
        r"officially|presumed|listed|as|here|there|reportedly|so far)")
_VERB_AFTER = re.compile(rf"^\s*(?:{_AUX}\s+){{0,5}}(?P<verb>{_VERBS})\b", re.I)
# "Three hikers from the valley have died": a short phrase between the people and the verb
_VERB_AFTER_PP = re.compile(rf"^\s+(?:from|in|at|aboard|on|of|near)\s+[^,.;:()]{{1,70}}?\s+"
                            rf"(?:{_AUX}\s+){{0,5}}(?P<verb>{_VERBS})\b", re.I)
_OF_THE_DEAD = re.compile(r"^\s+of\s+(?:the|these|those)\s+(?:deaths|dead|victims|fatalities)\b", re.I)
_KILL_BEFORE = re.compile(r"\b(?:kill(?:s|ed|ing)?|claim(?:s|ed|ing)?|(?<=and\s)(?:injur|wound)(?:ed|ing))\s+$",
                          re.I)
_HYPOTHETICAL = re.compile(r"\b(?:could|would|might|may|can)\s+(?:\w+\s+){0,2}$|"
                           r"\b(?:on\s+average(?:\s+\w+){0,3}|an?\s+average\s+of)\s+$|"
                           r"\bnot\s+(?:\w+\s+){0,2}(?:clear|known|certain)\s+(?:if|whether)\b[^.;:]*$|"
                           # planning figures: "prepared to handle 48,000 deaths", "a worst case of"
                           r"\b(?:prepared\s+(?:to|for)|plan(?:s|ning)?\s+for|worst[- ]case|best[- ]case|"
                           r"projections?|scenarios?|model(?:s|led|ed)?\s+(?:predicts?|shows?|suggests?))"
                           r"(?:\s+[\w-]+){0,4}\s+$",
                           re.I)
_ADJ_AFTER = re.compile(r"^\s+(?P<verb>dead|killed|injured|wounded|missing)\b", re.I)
_BEFORE_VERB = re.compile(
    r"\b(?P<verb>killing|killed|kills|kill|buried|burying|bury|wounding|wounded|injuring|"
    r"injured|claimed the lives of|claiming the lives of|the lives of|left|leaving|"
    r"remains of|deaths of|death of|bodies of|graves of)\s+(?:the\s+)?$", re.I)
_TOLL = re.compile(r"\b(?P<what>death toll|death count|death tally|body count|toll|"
                   r"number of (?:dead|deaths|victims|fatalities)|"
                   r"total (?:number of )?(?:dead|deaths|fatalities)|number of (?:people|persons)"
                   r"(?: \w+){0,4} (?:killed|dead|died)|"
                   r"number of (?:injured|wounded)|number of missing)\b(?:[^.;:]|(?<=\d)\.(?=\d)){0,120}$", re.I)
_FILLER = re.compile(r"^\s+(?:(?!(?:and|or|of|in|at|on|to|from|with|for|by|the|a|an|who|"
                     r"that|which|are|were|was|is|have|has|had)\b)[\w'’-]+\s+){0,3}", re.I)
# ", with a further three deaths in X": an added clause about other figures
_CLAUSE_BREAK = re.compile(r"[;:()\[\]—–]|\s-\s|\b(?:including|while|whereas|but)\b|,\s*with\b", re.I)
_LOCATIVE = re.compile(r"\b(?:" + "|".join(sorted(AT_PLACE | AROUND_PLACE)) + r")\s+"
                       r"(?:the\s+)?(?:(?:north|south|east|west|northern|southern|eastern|western|"
                       r"central|north-?western|north-?eastern|south-?western|south-?eastern|far|"
                       r"upper|lower|rural|remote|neighbou?ring|nearby|coastal)\s+){0,2}(?:(?:[a-z][\w-]*\s+){0,2}(?:city|town|village|province|"
                       r"region|district|state|country|island|area|port|capital)\s+of\s+)?$",
                       re.I)
_LIVES_VERB = re.compile(r"\b(?:claimed|claiming|claims|claim|cost|costing|costs|took|taken|taking|lost|"
                         r"losing)\s+(?:the\s+)?$", re.I)
_ANIMALS = re.compile(r"^\s+(?:[\w-]+\s+){0,2}?(?:birds?|pigs?|swine|hogs?|poultry|chickens?|ducks?|geese|"
                      r"cattle|cows?|animals?|sheep|goats?|horses?|dogs?|cats?|fish|camels?|deer|"
                      r"bats?|monkeys?|turkeys|livestock|head\s+of\s+cattle)\b", re.I)
_PLACE_KINDS = {"country", "admin1", "region", "city", "landmark"}


def _classify(sent: str, nstart: int, nend: int, qstart: int) -> tuple[str, int, int] | None:
    """(kind, phrase_start, phrase_end) relative to the sentence, or None."""
    rest = sent[nend:]
    # 1) number directly followed by an adjective of state: "4,300 dead", "20 injured"
    m = _ADJ_AFTER.match(rest)
    if m and not re.match(r"\s+(?:people|soldiers|troops)", rest[m.end():]):
        before = _BEFORE_VERB.search(sent[:qstart])
        return _VERB_KINDS[m.group("verb").lower()], (before.start() if before and
                                                      before.group("verb").lower() in
                                                      ("left", "leaving") else qstart), \
            nend + m.end()
    # 2) a counted noun within a few words
    f = _FILLER.match(rest)
    positions = [0]
    if f:
        # try every word boundary the filler allows, nearest first
        words = list(re.finditer(r"[\w'’-]+", rest[: f.end()]))
        positions = [0] + [w.end() for w in words]
    if _ANIMALS.match(rest):
        return None  # "40 sheep deaths", "300 geese have died": not people
    lives = re.match(r"\s+lives\b", rest, re.I)
    if lives and (lives_verb := _LIVES_VERB.search(sent[:qstart])):
        return "died", lives_verb.start(), nend + lives.end()  # "claimed 50 lives"
    for pos in positions:
        tail = rest[pos:]
        for pattern, kind in _NOUN_KINDS:
            nm = re.match(r"\s+" + pattern.pattern, tail, re.I)
            if nm:
                if kind in ("graves", "mass_graves", "individual_graves") and \
                        re.match(r"\s+commission", tail[nm.end():], re.I):
                    continue
                return kind, qstart, nend + pos + nm.end()
        pm = re.match(r"\s+" + _PEOPLE + r"\b", tail, re.I) or _NATIONALS.match(tail)
        if pm:
            pend = nend + pos + pm.end()
            vm = _VERB_AFTER.match(sent[pend:]) or _VERB_AFTER_PP.match(sent[pend:])
            if vm:
                return _VERB_KINDS[vm.group("verb").lower()], qstart, pend + vm.end()
            res = _kind_from_before(sent, qstart, pend)
            if res is not None:
                return res
    # "20 of the deaths", "Blast kills 12 in Lakeport"
    if of_the_dead := _OF_THE_DEAD.match(rest):
        return "died", qstart, nend + of_the_dead.end()
    kb = _KILL_BEFORE.search(sent[:qstart])
    if kb and re.match(r"\s*(?:$|[,.;:]|(?:in|at|near|on|and|as|after)\b)", rest, re.I):
        if kb.group(0).lower().startswith("kill"):
            return "killed", kb.start(), nend
        if kb.group(0).lower().startswith(("injur", "wound")):
            return "wounded", kb.start(), nend  # "killed 12 and injured 40"
    # 3) a verb right after the number: "2 million were wounded", "20 died"
    vm = _VERB_AFTER.match(rest)
    if vm:
        return _VERB_KINDS[vm.group("verb").lower()], qstart, nend + vm.end()
    return None


def _kind_from_before(sent: str, qstart: int, end: int) -> tuple[str, int, int] | None:
    before = _BEFORE_VERB.search(sent[:qstart])
    if before:
        verb = before.group("verb").lower()
        if verb.startswith("kill"):
            return "killed", before.start(), end
        if verb.startswith("bur"):
            return "buried", before.start(), end
        if verb.startswith(("wound", "injur")):
            return "wounded", before.start(), end
        if "lives of" in verb or verb.startswith("death"):
            return "died", before.start(), end
        if verb.startswith(("remains", "bodies")):
            return "remains", before.start(), end
        if verb.startswith("graves"):
            return "graves", before.start(), end
        if verb in ("left", "leaving"):
            m = _ADJ_AFTER.match(sent[end:])
            if m:
                return _VERB_KINDS[m.group("verb").lower()], before.start(), end + m.end()
    return None


def _number_spans(sent: str) -> Iterable[re.Match[str]]:
    matches = list(NUMBER_RE.finditer(sent))
    if not matches:
        return
    # only a number in digits can be part of a date ("in 1945", "May 2, 2020")
    dates = [(d.start, d.end) for d in find_dates(sent, None)] \
        if any(m.group("num")[0].isdigit() for m in matches) else []
    for m in matches:
        if any(m.start() < e and s < m.end() for s, e in dates):
            continue  # "in 1945", "May 2, 2020"
        tok = m.group("num")
        prev = sent[max(0, m.start() - 1): m.start()]
        if prev == "-" or re.match(r"[-–]\s*(?:year|day|hour|month|week|mile|km)", sent[m.end():]):
            continue  # "36-year-old", "20-day"
        if re.match(r"\s*(?:%|per\s*cent|percent)", sent[m.end():], re.I):
            continue
        if re.fullmatch(r"\d+\.\d+", tok):
            continue  # "a magnitude 6.8 earthquake", "2.5 metres": people are counted in whole numbers
        if tok.lower() == "one" and re.match(r"\s+of\b", sent[m.end():]):
            continue  # "one of the ..."
        if re.search(r"\bno\s*$", sent[: m.start()], re.I):
            continue
        yield m


def _toll_owner(sent: str, tstart: int, refs: Sequence[PlaceRef], sstart: int) -> str | None:
    """"Lakeport's weekend road toll": the place whose toll it is."""
    for p in refs:
        if p.kind in _PLACE_KINDS and re.fullmatch(r"['’]s?\s+(?:[\w-]+\s+){0,3}",
                                                   sent[p.end - sstart: tstart]):
            return p.place_id
    return None


def _clause_ok(sent: str, a: int, b: int) -> bool:
    lo, hi = min(a, b), max(a, b)
    return not _CLAUSE_BREAK.search(sent[lo:hi])


class _PlaceIndex:
    def __init__(self, places: Sequence[PlaceRef]):
        self.by_sentence: dict[int, list[PlaceRef]] = {}
        for p in sorted(places, key=lambda p: p.start):
            self.by_sentence.setdefault(p.sentence, []).append(p)
        self.countries: dict[str, str] = {}
        for p in places:
            if p.kind == "country" and p.country and p.country not in self.countries:
                self.countries[p.country] = p.place_id
        # countries named or referred to by a demonym, in text order ("the republic")
        self.country_refs = [p for p in sorted(places, key=lambda p: p.start)
                             if p.kind in ("country", "demonym")]
        self.ordered = [p for p in sorted(places, key=lambda p: p.start)
                        if p.kind in _PLACE_KINDS]

    def last_before(self, pos: int, sentence: int, back: int = 2, same: bool = True) -> str | None:
        """The last place named before `pos` within `back` sentences before (and in the
        figure's own sentence when `same`)."""
        last = sentence if same else sentence - 1
        prior = [p for p in self.ordered if p.start < pos and sentence - back <= p.sentence <= last]
        return prior[-1].place_id if prior else None


def _choose_place(text: str, s: Sentence, fstart: int, fend: int, idx: _PlaceIndex,
                  prev: tuple[int, str | None] | None) -> str | None:
    """The place of the figure at text[fstart:fend]: the first step below that answers (see
    the module docstring; step 0's None is an answer, not a miss)."""
    sent_refs = idx.by_sentence.get(s.id, [])
    cands = [p for p in sent_refs if p.kind not in ("demonym", "continent", "water")]
    sent = s.text
    rel_fs, rel_fe = fstart - s.start, fend - s.start
    # 0) a global figure has no place: "around the world", "worldwide", "globally"
    if _is_global_figure(sent, rel_fs, rel_fe):
        return None
    # 1) locative place near the figure, same clause
    near = _locative_place_near(sent, s, cands, rel_fs, rel_fe)
    if near is not None:
        return near.place_id
    # 1b) a country by reference: "on Dutch soil", "in the republic", "in their country"
    ref = _country_reference(sent, rel_fs, rel_fe, sent_refs, s, idx)
    if ref is not None:
        return ref
    # 1c) the place the sentence is about: "Lakeport county has recorded nine dead"
    holder = _place_that_has_figure(sent, s, cands, rel_fs)
    if holder is not None:
        return holder.place_id
    # 1c') the place the whole sentence is about: "Lakeport has seen 15 overdoses a month, with
    # dozens more deaths under investigation"
    subject = _sentence_subject(sent, cands, s)
    if subject is not None and subject.start - s.start < rel_fs:
        return subject.place_id
    # 1e) "The cemetery holds 4,000 graves": the site named before ("Lakeport War Cemetery")
    site = _site_antecedent(text, s, idx)
    if site is not None:
        return site
    # 2) thread: previous fact in the same or previous sentence
    if prev is not None and prev[1] is not None and s.id - prev[0] <= 1:
        return prev[1]
    # 2b) "Two walkers here died", "500 soldiers are also buried there": the place just spoken of
    if re.search(r"\b(?:here|there)\b", sent[max(0, rel_fs - 30): rel_fe + 30]) and idx.last_before(fstart, s.id):
        return idx.last_before(fstart, s.id)
    # 3) elsewhere in the sentence
    others = _other_places_in_sentence(sent, s, cands)
    if others:
        return _best_elsewhere_in_sentence(sent, s, others, fstart, idx)
    # 4) thread over a short gap
    if prev is not None and prev[1] is not None and s.id - prev[0] <= 5:
        return prev[1]
    # 5) the place the text was just speaking of (the sentence before)
    return idx.last_before(fstart, s.id, back=1, same=False)


def _is_global_figure(sent: str, rel_fs: int, rel_fe: int) -> bool:
    """Step 0: "around the world", "worldwide", "globally" just before the figure (or opening
    the sentence), or after it, in the same clause."""
    for g in _GLOBAL.finditer(sent, 0, min(len(sent), rel_fe + 60)):
        if (g.end() <= rel_fs and (rel_fs - g.end() <= 40 or g.start() == 0)
                and _clause_ok(sent, g.end(), rel_fs)) or (g.start() >= rel_fe and _clause_ok(sent, rel_fe, g.start())):
            return True
    return False


def _locative_place_near(sent: str, s: Sentence, cands: list[PlaceRef], rel_fs: int,
                         rel_fe: int) -> PlaceRef | None:
    """Step 1: the place introduced by in/at/... within 120 characters of the figure, in its
    clause; the nearest after the figure first, then the nearest before it."""
    best: tuple[tuple[int, int], PlaceRef] | None = None
    for p in cands:
        if p.kind not in _PLACE_KINDS:
            continue
        ps, pe = p.start - s.start, p.end - s.start
        if not _LOCATIVE.search(sent[max(0, ps - 60): ps]) or _in_scope_of_superlative(sent, ps):
            continue
        pm = _POSSESSOR.match(sent[pe: pe + 40])
        if pm:  # "in Freedonia's capital Lakeport": the capital is meant
            nxt = [q for q in cands if pe + pm.end() <= q.start - s.start <= pe + pm.end() + 2]
            if not nxt:
                continue
            p = nxt[0]
            ps, pe = p.start - s.start, p.end - s.start
        dist = ps - rel_fe if ps >= rel_fe else rel_fs - pe
        if dist < 0 or dist > 120:
            continue
        if not _clause_ok(sent, rel_fe if ps >= rel_fe else pe, ps if ps >= rel_fe else rel_fs):
            continue
        key = (0 if ps >= rel_fe else 1, dist)  # "N graves in X": after the figure first
        if best is None or key < best[0]:
            best = (key, p)
    return best[1] if best else None


def _place_that_has_figure(sent: str, s: Sentence, cands: list[PlaceRef],
                           rel_fs: int) -> PlaceRef | None:
    """Step 1c: the place opening the sentence that "has" the figure ("Lakeport county has
    recorded nine dead")."""
    for p in cands:
        ps, pe = p.start - s.start, p.end - s.start
        if pe <= rel_fs and _SUBJECT_HAS.fullmatch(sent[pe: rel_fs]) and _clause_ok(sent, pe, rel_fs) \
                and (ps == 0 or not re.search(r"\w", sent[:ps].replace("In ", "").strip(" ,"))):
            return p
    return None


def _other_places_in_sentence(sent: str, s: Sentence, cands: list[PlaceRef]) -> list[PlaceRef]:
    """Step 3's candidates: the sentence's places, less those that only modify an actor,
    sit under a superlative, or say where people came from or went."""
    return [p for p in cands if not _ACTOR_MODIFIER.match(sent[p.end - s.start: p.end - s.start + 30])
            and not _in_scope_of_superlative(sent, p.start - s.start)
            # "a cousin visiting from abroad": where people come from is not where they died
            # "fled to neighbouring Ruritania": nor where they went
            and not re.search(r"\b(?:from|to|into|towards?)\s+(?:the\s+)?(?:neighbou?ring\s+)?$",
                              sent[max(0, p.start - s.start - 24): p.start - s.start])]


def _best_elsewhere_in_sentence(sent: str, s: Sentence, cands: list[PlaceRef], fstart: int,
                                idx: _PlaceIndex) -> str | None:
    """Step 3 (`cands` not empty): a country first; then a place's country when the article
    names that country; then the nearest place."""
    countries = [p for p in cands if p.kind == "country"]
    if countries:  # "in northern Freedonia" before "visiting from Ruritania"
        return min(countries, key=lambda p: (not _LOCATIVE.search(sent[max(0, p.start - s.start - 60):
                                                                         p.start - s.start]),
                                             abs(p.start - fstart))).place_id
    for p in sorted(cands, key=lambda p: abs(p.start - fstart)):
        if p.country and p.country in idx.countries:
            return idx.countries[p.country]
    return min(cands, key=lambda p: abs(p.start - fstart)).place_id


_GLOBAL = re.compile(r"\b(?:around|across|throughout|all\s+over)\s+the\s+(?:globe|world)\b|"
                     r"\bworld-?wide\b|\bglobally\b|"
                     r"\bin\s+(?:more\s+than\s+|over\s+|some\s+|about\s+)?\d[\d,]*\s+countries\b", re.I)
_POSSESSOR = re.compile(r"['’]s\s+(?:[a-z-]+\s+){0,2}(?:capital|city|town|province|state|region|"
                        r"district|port|county)\b")
_ACTOR_MODIFIER = re.compile(r"^(?:['’]s)?\s+(?:military|officials?|government|forces|army|navy|"
                             r"police|authorities|media|embassy|troops|flu|virus|health|ministry|"
                             r"department|president|prime)\b", re.I)
_SUBJECT_HAS = re.compile(r"(?:\s+(?:province|state|county|city|region|district))?\s+(?:has|have|had)"
                          r"\s+(?:[a-z]+\s+){0,2}", re.I)
_SOIL = re.compile(r"^\s+(?:soil|territory|ground|land|shores?|waters|battlefields?|cemeteries|"
                   r"graves?)\b", re.I)
_THE_COUNTRY = re.compile(r"\b(?:in|across|throughout|inside|on)\s+(?:the|their|its|this|that)\s+"
                          r"(?:country|republic|kingdom|nation|state)\b", re.I)


_SUBJECT_VERB = re.compile(r"(?:['’]s\s+[a-z]+)?\s+(?:has|have|had)\s+(?:seen|recorded|reported|confirmed|"
                           r"counted|registered|lost|suffered)\b|\s+(?:saw|sees|recorded|reported|"
                           r"confirmed|registered|counted|lost|suffered)\b", re.I)


_SUPERLATIVE = re.compile(r"\b(?:largest|biggest|oldest|smallest|most\s+\w+|first|only|last)\b[^,;:]{0,60}?"
                          r"\b(?:in|of)\s+(?:the\s+)?$", re.I)
_SITE_SUBJECT = re.compile(r"(?:The|This|That)\s+(" + "|".join(SITE_HEADS) + r")\b")


def _in_scope_of_superlative(sent: str, ps: int) -> bool:
    """"the largest cemetery of the war in France": the place bounds a comparison, it does not
    say where the figure is."""
    return _SUPERLATIVE.search(sent, max(0, ps - 80), ps) is not None


def _site_antecedent(text: str, s: Sentence, idx: _PlaceIndex) -> str | None:
    """The place of the named site a sentence opening "The cemetery ..." refers back to."""
    m = _SITE_SUBJECT.match(s.text)
    site = named_site_place(text, s.start, m.group(1), idx.ordered) if m else None
    return site.place_id if site else None


def _sentence_subject(sent: str, cands: Sequence[PlaceRef], s: Sentence) -> PlaceRef | None:
    """The place that opens the sentence as the subject of a verb of counting or suffering
    ("Lakeport has seen", "Freedonia reported"), or None."""
    for p in cands:
        ps, pe = p.start - s.start, p.end - s.start
        if p.kind in _PLACE_KINDS and not sent[:ps].replace("In ", "").strip(" ,\"'“") \
                and _SUBJECT_VERB.match(sent, pe):
            return p
    return None


def _country_reference(sent: str, fs: int, fe: int, sent_refs: Sequence[PlaceRef], s: Sentence,
                       idx: _PlaceIndex) -> str | None:
    """The country of "on Dutch soil" / "in the republic" / "in their country" in the
    figure's clause (within 80 characters), or None."""
    lo, hi = max(0, fs - 80), min(len(sent), fe + 80)
    for p in sent_refs:
        ps, pe = p.start - s.start, p.end - s.start
        if p.kind == "demonym" and lo <= ps < hi and _SOIL.match(sent[pe:]) and \
                re.search(r"\b(?:on|in|onto|into|across|beneath|under)\s+$", sent[max(0, ps - 12): ps]) and \
                _clause_ok(sent, min(fe, ps), max(fs, pe)):
            return p.place_id
    for m in _THE_COUNTRY.finditer(sent, lo, hi):
        if not _clause_ok(sent, min(fe, m.start()), max(fs, m.end())):
            continue
        before = [p for p in idx.country_refs if p.start < s.start + m.start()]
        if before:
            return before[-1].place_id
    return None


_LIST_GAP = re.compile(r"\s*(?:,|;|,?\s+and)\s*$")
_IN_PLACE = re.compile(r"\s+(?:in|at|on)\s+(?:the\s+)?[A-Z]")


def _elliptical(sent: str, facts: list[Fact], s: Sentence, qstart: int, nend: int
                ) -> tuple[str, int, int] | None:
    """A bare number in a list after a figure repeats its kind: "three deaths recorded in X,
    two in Y and one in Z"."""
    if not facts or facts[-1].sentence != s.id or not _IN_PLACE.match(sent, nend):
        return None
    gap = sent[facts[-1].end - s.start: qstart]
    # the previous figure's own place phrase may stand between: "in X, two in Y"
    gap = re.sub(r"^[^,;]*?\b(?:in|at|on)\s+(?:the\s+)?[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}", "", gap)
    if not _LIST_GAP.fullmatch(gap) and gap.strip():
        return None
    return facts[-1].kind, qstart, nend


def extract_facts(text: str, sentences: Sequence[Sentence],
                  places: Sequence[PlaceRef]) -> list[Fact]:
    """Figures about graves, burials, deaths and memorials, in text order."""
    idx = _PlaceIndex(places)
    facts: list[Fact] = []
    prev: tuple[int, str | None] | None = None
    for s in sorted(sentences, key=lambda s: s.start):
        sent = s.text
        used_until = -1
        for m in _number_spans(sent):
            if m.start() < used_until:
                continue
            parsed = parse_number(m.group("num"))
            if parsed is None:
                continue
            value, vague = parsed
            qual_m = QUALIFIER_RE.search(sent[: m.start()])
            qualifier = vague
            qstart = m.start()
            if qual_m and qual_m.end() == m.start():
                qstart = qual_m.start()
                if vague is None:
                    qualifier = qual_m.group("q").lower()
            nend = m.end()
            if vague and (of := re.match(r"\s+of\b", sent[nend:])):
                nend += of.end()
            # "toll ... rose to 4,300" / "4,300 deaths"
            toll_place = None
            res = _classify(sent, m.start(), nend, qstart)
            if res is None:
                toll = _TOLL.search(sent[: qstart])
                if toll and _clause_ok(sent, toll.end(), qstart):
                    what = toll.group("what").lower()
                    kind = ("wounded" if "injured" in what or "wounded" in what else
                            "missing" if "missing" in what else
                            "killed" if "killed" in what else "died")
                    res = (kind, toll.start(), m.end())
                    owner = _toll_owner(sent, toll.start(), idx.by_sentence.get(s.id, []), s.start)
                    if owner is not None:
                        toll_place = owner
            if res is None:
                res = _elliptical(sent, facts, s, qstart, nend)
            if res is None:
                continue
            kind, ps, pe = res
            if _HYPOTHETICAL.search(sent[max(0, min(ps, qstart) - 60): min(ps, qstart)]):
                continue  # "could kill millions", "not known if all three were killed"
            astart, aend = s.start + ps, s.start + pe
            place = toll_place or _choose_place(text, s, astart, aend, idx, prev)
            facts.append(Fact(kind=kind, value=value, qualifier=qualifier, place=place,
                              sentence=s.id, text=text[astart:aend], start=astart, end=aend))
            prev = (s.id, place)
            used_until = pe
    return facts


def summarise_facts(facts: Iterable[Fact]) -> dict[str | None, dict[str, tuple[int, str | None]]]:
    """{place_id: {kind: (value, qualifier)}}. The first figure of a kind for a place wins
    (later mentions usually repeat or round it). Unplaced facts are keyed by None."""
    out: dict[str | None, dict[str, tuple[int, str | None]]] = {}
    for f in facts:
        out.setdefault(f.place, {}).setdefault(f.kind, (f.value, f.qualifier))
    return out
