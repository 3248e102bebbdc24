"""Events in English news text: what happened, where, when, who, and whether it is only
reported. Qt-free, offline, rule-based (general English, no article-specific cases).

`extract_events(text, sentences, places, published)` returns `Event`s in text order with
ids "e1", "e2", ...

Triggers
    A lexicon of lemmas and inflections (see `LEXICON`), e.g. ceremony, award/awarded/
    presented (a medal/award/prize...), visit/visited, met/meeting/talks, summit,
    agreement/treaty/accord, reappeared/re-emerged/appearance, retreat/fled/withdrew,
    liberation/liberated, attack, battle, bombing, protest, election, funeral,
    burial/buried, memorial service, commemoration, parade, launch, missile test, speech,
    conference, earthquake, flood, ... In body text triggers must be lowercase (so
    "Palace of Congress" or "Liberation Monument" are names, not events); headlines are
    matched case-insensitively. A base-form verb after "to" ("efforts to commemorate",
    "vowed to improve") is an intention, not an event, and is skipped, except after
    "plans/is due/is set/is scheduled/is expected/agreed to", which gives a hedged event.

One sentence, one happening
    Triggers of related kinds in one sentence (ceremony/award/commemoration/burial/...,
    visit/appearance, meeting/summit/talks/agreement/conference, attack/bombing/battle/
    explosion) are merged into one event whose kind is the most specific trigger
    (`LEXICON` priority); place and date are then searched around all merged triggers.

Coreference
    A definite noun trigger ("Following the ceremony", "During the two-hour meeting") whose
    kind already occurred earlier, and which has no place or date of its own, refers back
    to that event and adds no event. Other events in its sentence that lack a place take
    the referenced event's place ("during the X" also passes on the date). An event with
    neither place nor date is dropped when another event of the same or a related kind
    (same merge group, e.g. "met" after a summit) has one; a
    headline event is dropped when the body has an event of the same kind; an undated
    event repeating the kind and place of an earlier dated event is dropped.

Clauses
    A sentence is cut into clauses at ; : dashes and brackets, and at a comma that opens a
    subordinate, relative or reporting clause (", which", ", where", ", officials said",
    ", according to"); a relative clause ends at its closing comma.

Memorial kinds
    exhumation (exhumed, disinterred), repatriation (only with remains/bodies/ashes/coffins
    near), wreath_laying (laid a wreath, wreath-laying), unveiling (of a monument, memorial,
    plaque, statue, bust, stone), cemetery_restoration (restoration/renovation of a cemetery
    or war graves).

Place (never a demonym, never invented; only places of the same sentence)
    0. also attached: a place naming the trigger noun ("the Lakeport mayoral election",
       "Kobe's earthquake"; a country only with 's), the place before ", where ..." for an
       event in the where-clause; then places in the trigger's own clause (rules 2 and 3
       below); then the object of "struck/hit/rocked X" for disasters and attacks; then a
       country or city that "has seen/suffered" a disaster at the start of the sentence;
       then rules 2 and 3 over the sentence without its reporting clauses;
    1. attached: "liberation/battle/bombing/invasion/siege/... of X", "attack on X", or
       the direct object of "visited/toured/attacked/bombed/invaded/liberated/fled X";
    2. else a place introduced by a locative preposition (in, at, near, outside, inside,
       into, across, throughout, off, around, within; "to" for visits, retreats,
       appearances and invasions) after the trigger and before the next event in the
       sentence: nearest first (by 60-character bands), then the most specific kind
       (landmark > city > admin1 > region > country);
    3. else such a place (without "to") before the trigger, nearest first.
    A landmark immediately followed by ", <city or admin1>" ("the Xyz Palace, Madrid")
    yields the city: the city is the stable place/date pair on a map and in a timeline.
    Places that are the reference point of a stated distance ("28 miles north of X") are
    never an event place.

Date
    Date mentions of the sentence (`dates.find_dates`, with the text before the sentence as
    year context) go to an event of their own clause; a date in a clause without an event
    goes to the nearest event before it in the sentence ("visited Russia in 2019 and met
    ..."), or to the first event when none precedes, unless that clause is a subordinate or
    reporting one ("..., where the council was dissolved last month", "..., officials said
    on Monday"). An event takes the nearest date it was given; a bare weekday next to a full
    date ("Friday, 3 March 2017") is not a date of its own. A planned event's year-less
    date that would lie before the article moves ahead (next year / next such weekday). No
    date in the sentence -> None (never the publication date by default).

Hedged
    Planned, invited, scheduled, postponed or cancelled events are hedged: a cue in the
    clause just before the trigger (upcoming, planned, proposed, next, invited, "is to",
    will, ...) unless the trigger sits in "during/after the ..." (presupposed), or just
    after it ("will be held", "is scheduled", "was postponed", "takes place this evening");
    an event dated after the article is hedged too. Otherwise:
    True when a cue occurs before the trigger in the same clause (within 90 characters,
    no . ; : dash or bracket between): a modal (may/might/could/would/must + have/be, or
    may/might/could/would/will + verb), reportedly, allegedly, "reports claimed/said/
    suggested", speculation, rumoured/rumored, "is said to", "believed/thought to",
    "suggested that", unconfirmed, possibly, apparently, purportedly, supposedly; or
    after the trigger in the same clause: reportedly, allegedly, "according to
    (unconfirmed) reports", ", reports said". Planned events ("is due to visit") too.

Actors
    Runs of capitalised words in the sentence that overlap no PlaceRef (particles such as
    bin/al/de/van/von may connect them), with titles (President, Foreign Minister, ...)
    and possessive 's removed, without function words, months, weekdays, numbers or
    demonym-like adjectives; the 4 nearest to the trigger, in text order. Headline
    sentences (title case) give no actors.
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from .dates import MONTHS, WEEKDAYS, DateMention, find_dates
from .lexicon import AROUND_PLACE, AT_PLACE, TITLE_MODIFIERS, TITLES, TOWARD_PLACE
from .models import Event, Sentence
from .placeref import SITE_HEADS, SPECIFICITY, PlaceRef, named_site_place
from .sentences import looks_like_headline

__all__ = ["PlaceRef", "extract_events", "LEXICON", "find_triggers", "find_actors"]

# after "meet": a goal met, not people meeting ("meet the needs", "met the deadline")
_NOT_A_GOAL = (r"(?!\s+(?:the\s+|its\s+|their\s+|our\s+|his\s+|her\s+|all\s+|a\s+)?(?:[\w-]+\s+)?(?:needs?|demands?|"
               r"requirements?|criteria|standards?|goals?|targets?|deadlines?|expectations?|obligations?|"
               r"conditions?|definition|thresholds?|quotas?|costs?)\b)")
# (kind, pattern, priority). Higher priority = more specific happening.
LEXICON: list[tuple[str, str, int]] = [
    ("exhumation", r"exhum(?:ation|ations|ed|ing|e)|disinterr(?:ed|ing)|disinterment", 11),
    ("repatriation", r"repatriat(?:ion|ed|ing)", 11),  # of remains only: see find_triggers
    ("wreath_laying", r"wreath-?\s?laying|(?:laid|lay|lays|laying)\s+(?:a\s+|the\s+)?(?:\w+\s+){0,2}"
                      r"wreaths?", 11),
    ("unveiling", r"unveil(?:ed|ing|s)?(?=\s+(?:\w+\s+){0,5}?(?:monuments?|memorials?|plaques?|"
                  r"statues?|busts?|stones?|obelisks?|steles?|stelae|headstones?|memorial\s+stones?)"
                  r"\b)|unveiling(?=\s+(?:ceremony\s+)?of\s+(?:the\s+|a\s+)?(?:\w+\s+){0,3}?"
                  r"(?:monuments?|memorials?|plaques?|statues?|busts?))", 11),
    ("cemetery_restoration", r"(?:restor(?:ation|ed|ing|e)|renovat(?:ion|ed|ing|e)|refurbish(?:ment|ed|"
                             r"ing))(?=\s+(?:work\s+)?(?:of|on|at)?\s*(?:the\s+|a\s+)?(?:\w+\s+){0,3}?"
                             r"(?:cemetery|cemeteries|graveyards?|war\s+graves|graves|burial\s+grounds?)"
                             r"\b)|(?<=cemetery\swas\s)restored|(?<=cemetery\shas\sbeen\s)restored|"
                             r"(?<=graves\swere\s)restored", 11),
    ("memorial_service", r"(?:memorial|remembrance|commemorative)\s+(?:services?|ceremon(?:y|ies))",
     10),
    ("funeral", r"funerals?(?!\s+(?:directors?|homes?|business(?:es)?|parlou?rs?|industry|"
                r"chapels?|insurance|costs?|expenses)\b)|(?<![\w-]\s)services?(?=\s+(?:will|are|were|was|is)\s+(?:be\s+)?"
                r"(?:held|scheduled|planned)\b)", 10),
    ("ceremony", r"ceremon(?:y|ies)", 9),
    ("summit", r"summits?(?!\s+of\s+(?:Mount|Mt\b|the\s+(?:mountain|peak|hill|volcano)))", 9),
    ("parade", r"(?<!hit\s)parades?(?!\s+of\b)", 9),
    ("election", r"(?:(?<!for\s)(?<!re-)elections?|referendums?|referenda)(?!\s+(?:process|"
                 r"commission|commissions|officials?|campaigns?|law|laws|board|code|observers?|fraud|"
                 r"system|monitors?|rules?|spending|promises?|pledges?|authorit(?:y|ies)|calendar|"
                 r"posters?|workers?)\b)|(?<=\bwas\s)elected|(?<=\bwere\s)elected|(?<=\bbeen\s)elected|"
                 r"(?:(?<=presidential\s)|(?<=parliamentary\s)|(?<=legislative\s)|(?<=general\s))votes?", 9),
    ("earthquake", r"earthquakes?|quakes?", 9),
    ("tsunami", r"tsunamis?(?!\s+of\b)", 9),
    ("flood", r"floods?(?!\s+of\b)|flooding", 8),  # not "a flood of calls"
    ("storm", r"hurricanes?|typhoons?|cyclones?|tornado(?:e?s)?|twisters?|(?:snow|ice|wind|tropical\s+)?storms?"
              r"(?!\s+(?:of|over|drain|clouds?|troopers?)\b)", 8),
    ("wildfire", r"wildfires?|bushfires?|forest fires?", 8),
    ("eruption", r"eruptions?|(?<=volcano\s)erupted|(?<=volcano\shas\s)erupted", 8),
    ("conference", r"(?:press\s+)?conferences?(?!\s+(?:room|rooms|centre|center|hall|calls?|table)\b)", 8),
    # not a legal, political or medical "battle", nor "fighting fires" or "fighting cancer"
    ("battle", r"(?<!legal\s)(?<!court\s)(?<!custody\s)(?<!political\s)(?<!uphill\s)(?<!budget\s)"
               r"battles?(?!\s+(?:against|over|with)\s+(?:cancer|illness|addiction|the\s+(?:disease|virus|"
               r"bulge|odds))\b)|fighting(?!\s+(?:for|against|back|off|cancer|crime|fires?|corruption|"
               r"poverty|the\s+(?:virus|disease|fire|fires|flu|epidemic|outbreak|pandemic|spread|charges?|"
               r"proposal|plan|bill))\b)|clashes|clashed|shoot-?outs?|gunfights?|firefights?", 8),
    ("bombing", r"bombings?|bombed|airstrikes?|air\s+strikes?|air\s+raids?|shelling|shelled|"
                r"(?:car|truck|suicide|roadside)\s+bombs?|drone\s+strikes?|missile\s+strikes?", 8),
    ("liberation", r"liberation|liberated|liberate", 8),
    ("invasion", r"invasions?(?!\s+of\s+privacy)|invaded|invade", 8),
    ("siege", r"sieges?(?!\s+mentality)|besieged", 8),
    ("explosion", r"(?<!population\s)explosions?|blasts?|exploded", 7),
    ("burial", r"burials?(?!\s+(?:sites?|grounds?|places?|mounds?|chambers?))|reburial|"
               r"(?<!are\s)(?<!is\s)(?<!homes\swere\s)(?<!houses\swere\s)(?<!homes\swere\spartly\s)"
               r"(?<!buildings\swere\s)(?<!villages\swere\s)(?<!cars\swere\s)buried(?!\s+(?:by|under|beneath|alive|in\s+(?:the\s+)?"
               r"(?:rubble|debris|mud|snow|sand|landslides?|avalanches?))\b)|reburied|interments?|"
               r"interred|entombed|entombment", 7),
    ("commemoration", r"commemorations?|commemorated|commemorate|commemorates|commemorating",
     7),
    ("celebration", r"celebrations?", 7),
    ("agreement", r"agreements?|treaty|treaties|accords?|pacts?|ceasefire|cease-fire|truce|"
                  r"signed(?=\s+(?:\w+\s+){0,4}(?:agreements?|deals?|treaty|treaties|accords?|"
                  r"pacts?|memorandums?|declarations?|contracts?|ceasefire)\b)", 7),
    ("protest", r"protests?|protested|demonstrations?|rall(?:y|ies)", 7),
    ("crash", r"(?<!market\s)(?<!stock\s)(?<!financial\s)crash(?:es|ed|ing)?(?!\s+(?:course|diet)s?\b)", 7),
    ("test", r"(?:missile|nuclear|weapons?|rocket|bomb)\s+tests?|test-fired|test-launched", 7),
    ("attack", r"(?<!heart\s)(?<!panic\s)(?:attacks?|attacked|assaults?|raids?|raided|"
               r"ambush(?:ed)?|stabbings?|stabbed|shootings|(?:(?<=\ba\s)|(?<=\bthe\s)|(?<=\bmass\s)|(?<=\bschool\s)|"
               r"(?<=\bfatal\s)|(?<=\bdeadly\s)|(?<=\bpolice\s)|(?<=\bdrive-by\s)|(?<=\blatest\s)|"
               r"(?<=\banother\s)|(?<=\bthis\s)|(?<=\bthat\s)|(?<=\bCounty\s)|(?<=\bcounty\s)|"
               r"(?<=\bhomicide\s)|(?<=\bgang\s)|(?<=\bstreet\s))shooting|opened\s+fire|gunned\s+down|"
               r"(?<=were\s)shot(?!\s+(?:down|dead\s+by\s+police))|(?<=was\s)shot(?!\s+down)|"
               # "shot her in the leg", "fired the gun", "shots fired", "a beating death"
               r"shot(?=\s+(?:and\s+(?:killed|wounded)\s+)?(?:him|her|them|me|us)\b)|"
               r"fired(?=\s+(?:(?:the|a|his|her|their)\s+)?(?:guns?|shots?|rifles?|pistols?|weapons?|"
               r"rounds)\b)|shots\s+(?:were\s+)?fired|beating\s+deaths?|"
               r"massacres?|massacred)", 6),
    ("launch", r"launch(?:es|ed|ing)?(?=\s+(?:\w+\s+){0,3}(?:missiles?|rockets?|satellites?|"
               r"spacecraft|probes?|projectiles?)\b)|launch(?=\s+of\b)", 6),
    ("appearance", r"re-?appear(?:ed|s|ance)?|re-?emerg(?:ed|es|ence)|resurfaced|"
                   r"(?:public\s+)?appearances?(?!\s+of\s+(?!\w+\s+(?:in|at)\b))|"
                   r"appeared(?=\s+(?:in\s+public|publicly))", 6),
    ("retreat", r"retreat(?:s|ed|ing)?|fled|flee(?:s|ing)?|withdrawal|withdrew(?!\s+(?:(?:his|her|their|"
                r"its|the|a|an)\s+)?(?:\w+\s+)?(?:requests?|bids?|applications?|candidacy|support|offers?|"
                r"names?|claims?|complaints?|lawsuits?|motions?|resignation|nominations?|proposals?|"
                r"comments?|remarks?|statements?|from\s+(?:the\s+)?(?:race|election|contest))\b)", 6),
    ("arrest", r"(?<!cardiac\s)(?<!respiratory\s)(?<!resisting\s)arrests?(?!\s+(?:warrants?|records?)\b)|arrested",
     6),
    ("speech", r"(?<!free\s)speech(?:es)?(?!\s+(?:therapy|therapists?|impediments?|patterns?|recognition|"
               r"pathologists?|delay)\b)|addressed(?=\s+the\s+(?:nation|crowd|assembly|parliament|"
               r"congress|rally|conference|summit|audience)\b)", 5),
    # not a contract, a grant or damages "awarded"
    ("award", r"awards?|(?:awarded|awarding)(?!\s+(?:\w+\s+){0,3}?(?:contracts?|grants?|damages|custody|"
              r"compensation|settlements?|funding|funds|bids?|tenders?|franchises?)\b)|conferred|bestowed|presented(?=\s+(?:\w+\s+){0,8}?"
              r"(?:medals?|awards?|prizes?|honou?rs?|orders?|decorations?|titles?|trophy|"
              r"trophies|certificates?|credentials)\b)|won(?=\s+(?:\w+\s+){0,5}?(?:prizes?|awards?|medals?|"
              r"trophy|Oscars?|Emmys?|Grammys?)\b)|presents(?=\s+(?:\w+\s+){0,8}?"
              r"(?:medals?|awards?|prizes?))", 5),
    ("visit", r"visit(?:s|ed)?(?!\s+(?:our\s+|the\s+|their\s+|its\s+)?(?:website|web\s+site|site|page|"
              r"www\.|online|\w+\.(?:com|org|gov|net))\b)|(?:(?<=\bis\s)|(?<=\bare\s)|(?<=\bwas\s)|(?<=\bwere\s)|(?<=\bbeen\s)|(?<=\bbe\s)|"
              r"(?<=\bwhile\s)|(?<=\bwhen\s)|(?<=\bafter\s)|(?<=\bbefore\s)|(?<=\bduring\s)|(?<=\bby\s)|"
              r"(?<=\bof\s)|(?<=\bfor\s)|(?<=\bon\s)|(?<=\bin\s)|(?<=\bthe\s)|(?<=\ba\s)|(?<=\band\s)|(?<=\balso\s)|"
              r"(?<=\bcurrently\s)|(?<=^))visiting(?!\s+(?:hours|professor|scholar|team|teams|fellow|nurse|"
              r"room|rights)\b)|toured|trip", 5),  # see _lead
    # not "meet the needs", "met the deadline", "meeting room"
    ("meeting", r"met(?!\s+with\s+(?:criticism|resistance|scepticism|skepticism|opposition|"
                r"silence|outrage|anger))" + _NOT_A_GOAL + r"|meetings?(?!\s+(?:rooms?|places?|points?|halls?|"
                r"house)\b)|meets" + _NOT_A_GOAL + r"|meet" + _NOT_A_GOAL + r"|"
                r"(?<=held\s)talks|(?<=holding\s)talks|(?<=hold\s)talks|(?<=peace\s)talks|"
                r"talks(?=\s+(?:with|between|on|in)\b)", 4),
]
def _lead(pat: str) -> str:
    r"""Lookbehinds that open an alternative are tried at every position of a sentence; a
    lookahead for the word they guard first makes them cheap ("(?<=is\s)visiting")."""
    def guard(m: re.Match[str]) -> str:
        word = m.group(2)
        # "elections?": the last letter is optional, so the lookahead must not demand it
        head = word[:-1] if m.group(3) in ("?", "*", "{") else word
        return f"(?={head}){m.group(1)}{word}{m.group(3)}"
    return re.sub(r"((?:\(\?(?:<=|<!)[^()]*\)|\(\?:(?:\(\?<=[^()]*\)\|?)+\))+)([a-z][a-z-]*)(.?)",
                  guard, pat)


_TRIGGER_RES = [(kind, re.compile(r"(?<![\w-])(?:" + _lead(pat) + r")(?![\w-])", re.I), prio)
                for kind, pat, prio in LEXICON]
# One pass over a sentence tells whether any trigger is there at all (most sentences hold none),
# before each kind's own pattern runs.
_ANY_TRIGGER = re.compile(r"(?<![\w-])(?:" + "|".join(f"(?:{_lead(pat)})" for _, pat, _ in LEXICON) +
                          r")(?![\w-])", re.I)

# Kinds that describe one happening when they co-occur in a sentence.
_GROUPS = [
    {"ceremony", "award", "commemoration", "celebration", "parade", "memorial_service",
     "funeral", "burial", "speech", "wreath_laying", "unveiling"},
    {"exhumation", "repatriation", "burial"},
    {"visit", "appearance", "speech"},
    {"meeting", "summit", "agreement", "conference", "speech"},
    {"attack", "bombing", "battle", "explosion", "siege", "invasion"},
    {"earthquake", "tsunami"},
]
_OF_KINDS = {"liberation", "battle", "bombing", "invasion", "siege", "attack", "explosion",
             "exhumation", "cemetery_restoration", "unveiling",
             "flood", "earthquake", "retreat", "visit", "election", "launch"}
_ON_KINDS = {"attack", "bombing", "invasion"}
_TO_KINDS = {"visit", "retreat", "appearance", "invasion", "launch", "repatriation"}
_OBJECT_VERBS = {"visited", "visits", "visiting", "visit", "toured", "attacked", "bombed",
                 "invaded", "liberated", "shelled", "fled", "raided", "besieged", "left"}
_BASE_VERBS = {"visit", "meet", "attack", "launch", "flee", "liberate", "award", "retreat",
               "unveil", "exhume", "repatriate", "restore", "renovate", "refurbish",
               "protest", "commemorate", "bomb", "raid", "rally", "crash", "arrest", "bury",
               "reappear", "re-appear", "re-emerge", "reemerge", "invade", "test", "assault",
               "ambush", "present", "celebrate", "parade", "sign"}
_REMAINS = re.compile(r"\b(?:remains|bodies|body|ashes|coffins?|caskets?)\b", re.I)
_PLANNED = re.compile(r"\b(?:plans?|planned|planning|due|set|scheduled|expected|agreed|is|are|"
                      r"intends?|intended|hopes?|going)\s+to\s+(?:\w+ly\s+)?$", re.I)

_LOCATIVE_PREPS = AT_PLACE | AROUND_PLACE | TOWARD_PLACE
_BEFORE_PREPS = AT_PLACE | AROUND_PLACE  # "in Lakeport, the ceremony ...": not "to Lakeport"
_ALL_PREPS = _LOCATIVE_PREPS | {"of", "from", "on", "by", "with", "for", "between", "over",
                                "via", "through", "under"}
_PLACE_NOUNS = {"city", "town", "village", "province", "region", "district", "state",
                "country", "island", "islands", "area", "port", "capital", "county",
                "municipality", "suburb", "suburbs", "outskirts", "centre", "center", "heart",
                "north", "south", "east", "west", "northeast", "northwest", "southeast",
                "southwest", "north-east", "north-west", "south-east", "south-west", "part",
                "parts", "coast", "shores", "banks", "streets", "republic"}
_ARTICLES = {"the", "a", "an", "this", "that", "its", "their", "his", "her"}
_DISTANCE_ANCHOR = re.compile(
    r"\d[\d,.]*\s*(?:-\s*)?(?:km|kilomet(?:re|er)s?|miles?|mi|met(?:re|er)s?|m|nautical\s+miles)"
    r"\b(?:\s*\([^)]*\))?\s+(?:(?:to\s+the\s+)?[a-z-]+\s+)?(?:of|from)\s+(?:the\s+)?$", re.I)
_MODIFIER_OF_PLACE = re.compile(
    r"(?:['’]s)?\s+(?:[A-Za-z][\w-]*\s+){0,2}(?:city|town|village|port|capital|province|"
    r"region|district|island|state)\s+of\s+(?:the\s+)?[A-Z]")
_CLAUSE_BREAK = re.compile(r"[.;:()\[\]—–]|\s-\s")
_HEDGE_BEFORE = re.compile(
    r"\b(?:(?:may|might|could|would|must)\s+(?:not\s+)?(?:have|be|been)|"
    r"reportedly|allegedly|purportedly|supposedly|possibly|apparently|unconfirmed|unverified|"
    r"speculat\w*|rumou?r(?:s|ed)?|(?:is|are|was|were)\s+said\s+to|(?:believed|thought|"
    r"rumou?red|alleged|reported)\s+to|suggest(?:s|ed)?\s+that|"
    r"(?:reports?|sources?|media|rumou?rs?|claims?)\s+(?:that\s+)?(?:claimed|claim|claims|"
    r"suggested|suggest|suggests|said|say|says|indicated|indicate|alleged|allege)|"
    r"claimed\s+that)\b", re.I)
_MODAL_JUST_BEFORE = re.compile(r"\b(?:may|might|could|would|will|shall)\s+(?:\w+\s+)?$", re.I)
_HEDGE_AFTER = re.compile(
    r"^[^.;:—–()]{0,80}?\b(?:reportedly|allegedly|according\s+to\s+(?:unconfirmed\s+|"
    r"unverified\s+)?(?:reports|rumou?rs|speculation|sources)|,\s+(?:reports|sources|rumou?rs)\s+"
    r"(?:said|say|claimed|suggest(?:ed)?))\b", re.I)
_DETERMINER = re.compile(
    r"\b(?:the|this|that|these|those|his|her|their|its)\s+(?:(?:\d[\w-]*|[a-z]+-[a-z-]+|recent|same|first|"
    r"two|three|four|five|both|"
    r"latest|last|previous|earlier|brief|short|long|closed-door|private|official|"
    r"aforementioned|above)\s+){0,2}$"
    # "Mr Lakeman's arrest": a possessor makes it as definite as "the"
    r"|\b(?!(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tomorrow|"
    r"week|month|year|weekend|night)['’])[A-Z][\w.-]*['’]s?\s+$", re.I)
# between two triggers, a conjunction that sets two happenings apart: "were hurt on Friday,
# the worst day since two guards died during a raid in 1990"
_APART = re.compile(r"\b(?:since|although|though|whereas|because|unlike)\b", re.I)
_PREDICATE = re.compile(r"\b(?:it|this|that)\s+(?:is|was|were|had\s+been|has\s+been)\s+(?:an?|the)\s+"
                        r"(?:[a-z-]+\s+){0,2}$", re.I)
_REF_RELATION = re.compile(r"\b(?P<rel>after|following|during|before|since|at|throughout|"
                           r"amid|ahead\s+of)\s+(?:the|this|that)\b[^,;]*$", re.I)

# planned, invited, postponed: a cue before the trigger in its clause ("the upcoming
# election", "invited him to attend the parade", "is to make an official visit") ...
_PLAN_BEFORE = re.compile(
    r"\b(?:upcoming|forthcoming|planned|proposed|scheduled|postponed|delayed|cancell?ed|"
    r"next(?!\s+(?:day|morning|evening|night|afternoon|week|month|year)\b)|"
    r"invit(?:ed|es|e|ing|ations?)|plans?\s+(?:for|to)|planning\s+to|slated|due\s+to|"
    r"intends?\s+to|(?:is|are|was|were)\s+to\s+\w+|will|shall|won['’]t)\b"
    r"(?![^,;:]*\b(?:during|after|following|since|before|at)\s+(?:the|this|that|his|her|their|its)\b)",
    re.I)
# ... or right after it ("the meeting will be held", "the parade was postponed").
_PLAN_AFTER = re.compile(
    r"^[^.;:,()\[\]—–]{0,45}?\b(?:(?:will|shall)\s+(?:\w+ly\s+)?(?:be|take|begin|start|follow|"
    r"open|run|go|resume)|(?:is|are|was|were|has\s+been|have\s+been|had\s+been)\s+"
    r"(?:\w+ly\s+|now\s+|also\s+|still\s+)?(?:scheduled|planned|slated|due|set\s+(?:for|to)|"
    r"expected\s+to|postponed|delayed|cancell?ed|called\s+off|put\s+off|pushed\s+back|"
    r"deferred|rescheduled)|takes?\s+place\s+(?:[\w.:]+\s+){0,4}?(?:tonight|tomorrow|this\s+(?:evening|"
    r"afternoon|weekend)|next\s+\w+))\b", re.I)
# where a sentence splits into clauses: hard punctuation, and a comma opening a subordinate,
# relative or reporting clause ("..., where the council was dissolved last month",
# "..., officials said on Monday")
_CLAUSE_SPLIT = re.compile(
    r"[;:()\[\]—–]|\s-\s|,\s+(?=(?:which|who|whom|whose|where|when|while|whereas|although|though|"
    r"but|because|since|after|before|until|(?:and\s+)?according\s+to|as\s+(?!well|many|much|of)|"
    r"(?:[\w.'’-]+\s+){0,4}(?:said|says|say|told|reported|reports|announced|added|stated)\b))",
    re.I)
_SUBORDINATE = re.compile(r"[,\s]*(?:which|who|whom|whose|where|when|while|whereas|although|though|"
                          r"because|since|until|(?:and\s+)?according\s+to|as|(?:[\w.'’-]+\s+){0,4}(?:said|says|"
                          r"say|told|reported|reports|announced|added|stated))\b", re.I)
_REPORTING = re.compile(r"[,\s]*(?:(?:and\s+)?according\s+to|(?:[\w.'’-]+\s+){0,4}(?:said|says|say|told|reported|"
                        r"reports|announced|added|stated))\b", re.I)
_SUBJECT_PLACE = re.compile(r"^(?:The\s+)?([A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})\s+(?:has|have|had|is|was|"
                            r"saw|sees|suffered|suffers|experienced|faced|faces)\b")
_STRUCK = re.compile(r"^\s+(?:(?:has|have|had)\s+)?(?:struck|hit|hits|rocked|shook|jolted|battered|"
                     r"ravaged|devastated|(?:swept|tore|ripped|cut|roared|barrelled|barreled)\s+(?:through|across)|"
                     r"lashed|pounded|flooded|slammed\s+into|made\s+landfall\s+(?:in|on|near))\s+"
                     r"(?:the\s+)?(?:[a-z][\w-]*\s+){0,2}$")
_WEEKDAY_ONLY = re.compile(r"^(?:on\s+|last\s+|this\s+|next\s+)?(?:monday|tuesday|wednesday|thursday|"
                           r"friday|saturday|sunday)$", re.I)


def _clauses(sentence: str) -> list[tuple[int, int, bool]]:
    """(start, end, subordinate) spans of the clauses of a sentence. A relative clause
    ("..., which hosted the games in 1952, was held ...") ends at its closing comma."""
    out, a = [], 0
    for m in _CLAUSE_SPLIT.finditer(sentence):
        if m.start() < a:
            continue
        out.append((a, m.start()))
        a = m.end()
        if re.match(r"(?:which|who|whom|whose|(?:and\s+)?according\s+to)\b", sentence[a: a + 16]):
            close = sentence.find(", ", a)
            nxt = _CLAUSE_SPLIT.search(sentence, a)
            if close != -1 and (nxt is None or close <= nxt.start()):
                out.append((a, close))
                a = close + 2
    out.append((a, len(sentence)))
    res = []
    for i, (x, y) in enumerate(out):
        sub = i > 0 and bool(_SUBORDINATE.match(sentence[x:y])) and sentence[x - 1: x] in (" ", ",")
        res.append((x, y, sub))
    return res


def _clause_of(clauses: list[tuple[int, int, bool]], pos: int) -> int:
    for i, (a, b, _) in enumerate(clauses):
        if a <= pos < b:
            return i
    return len(clauses) - 1


# ---------------------------------------------------------------- actors
# Titles before a name, with or without their dot ("Gen.", "Sgt."): one list with the recogniser's
_TITLES = TITLES | TITLE_MODIFIERS | {w + "." for w in TITLES | TITLE_MODIFIERS}
_STOP = {
    "the", "a", "an", "in", "on", "at", "of", "for", "to", "from", "by", "with", "and", "or",
    "but", "as", "after", "before", "during", "following", "until", "since", "when", "while",
    "this", "that", "these", "those", "it", "its", "he", "she", "they", "we", "i", "you",
    "his", "her", "their", "our", "my", "there", "here", "then", "later", "earlier",
    "however", "meanwhile", "also", "yet", "still", "despite", "although", "though",
    "because", "if", "so", "some", "many", "most", "more", "all", "both", "each", "other",
    "another", "such", "no", "not", "one", "two", "people", "officials", "according",
    "last", "next", "what", "who", "whom", "which", "where", "why", "how", "over",
    "under", "about", "around", "amid", "among", "between", "into", "through", "without",
    "within", "upon", "multiple", "several", "few", "only", "even", "just", "now", "today",
    "yesterday", "tomorrow", "instead", "once", "again", "thus", "hence", "first", "new",
    "dozens", "hundreds", "thousands", "millions", "tens", "scores", "police", "troops",
}
_NON_ACTOR_HEADS = {"war", "day", "medal", "prize", "award", "cup", "games", "olympics",
                    "festival", "celebrations", "victory", "revolution", "street", "road",
                    "avenue", "square", "page", "images", "pandemic", "virus", "coronavirus",
                    "calendar", "sun", "era", "age", "period", "week", "month", "year"}
_PARTICLES = {"bin", "bint", "ibn", "al", "el", "de", "da", "del", "della", "di", "du",
              "van", "von", "der", "den", "ter", "la", "le", "dos", "das", "y"}
_DEMONYM_LIKE = re.compile(r"^[A-Z][a-z]+(?:ian|ean|an|ese|ish|ic|i)(?:-[A-Z][a-z]+)*$|"
                           r"^[A-Z][\w.]*-[A-Z][a-z]+(?:ian|ean|an|ese|ish|ic|i)$")


@dataclass
class _Trigger:
    start: int  # relative to the sentence
    end: int
    word: str
    kind: str
    priority: int
    hedged: bool = False
    definite: bool = False


@dataclass
class _Draft:
    sentence: Sentence
    members: list[_Trigger]
    main: _Trigger
    place: PlaceRef | None = None
    date: DateMention | None = None
    hedged: bool = False
    actors: tuple[str, ...] = ()
    dates_given: list[DateMention] = field(default_factory=list)

    @property
    def span(self) -> tuple[int, int]:
        return min(t.start for t in self.members), max(t.end for t in self.members)


# ---------------------------------------------------------------- triggers

_COUNTED = re.compile(r"\b\d[\d,.]*\s+(?:[A-Z][\w-]*\s+){0,2}$")


def find_triggers(sentence: str, headline: bool = False) -> list[_Trigger]:
    """Event triggers of one sentence (offsets relative to it), overlaps resolved in
    favour of the longer, then the higher-priority match."""
    raw: list[_Trigger] = []
    if not _ANY_TRIGGER.search(sentence):
        return []
    for kind, rx, prio in _TRIGGER_RES:
        for m in rx.finditer(sentence):
            word = m.group(0)
            if not headline and word[0].isupper() and m.start() != 0:
                continue  # a name ("Liberation Monument"), not an event
            if not headline and word[0].isupper() and len(word) > 1 and word[1:2].isupper():
                continue
            if kind == "burial" and _COUNTED.search(sentence, max(0, m.start() - 40), m.start()):
                continue  # "holds 4,144 Commonwealth burials": a count of graves, a figure
            if kind == "repatriation" and not _REMAINS.search(
                    sentence[max(0, m.start() - 80): m.end() + 80]):
                continue  # repatriated gold reserves, citizens: not remains
            raw.append(_Trigger(m.start(), m.end(), word, kind, prio))
    raw.sort(key=lambda t: (-(t.end - t.start), -t.priority, t.start))
    kept: list[_Trigger] = []
    for t in raw:
        if any(t.start < k.end and k.start < t.end for k in kept):
            continue
        kept.append(t)
    out = []
    for t in sorted(kept, key=lambda t: t.start):
        before = sentence[: t.start]
        low = t.word.lower()
        if low in _BASE_VERBS and re.search(r"\bto\s+(?:\w+ly\s+)?$", before, re.I):
            if _PLANNED.search(before):
                t.hedged = True
            else:
                continue  # "efforts to commemorate", "offered to help": an intention
        # "It was an ambush": a predicate names an earlier happening again
        t.definite = bool(_DETERMINER.search(before) or _PREDICATE.search(before))
        out.append(t)
    return out


_PRESUPPOSED = re.compile(r"\b(?:during|after|following|since|before|throughout)\s+(?:the|this|that|"
                          r"his|her|their|its|a|an)\s+(?:[\w-]+\s+){0,3}$", re.I)


def _is_planned(sentence: str, t: _Trigger) -> bool:
    """Planned, invited, scheduled, postponed or cancelled: not (yet) happened as told."""
    if t.hedged:
        return True
    before = sentence[max(0, t.start - 50): t.start]
    cut = max((m.end() for m in _CLAUSE_BREAK.finditer(before)), default=0)
    cut = max([cut] + [m.end() for m in re.finditer(r",", before)])
    if _PLAN_BEFORE.search(before[cut:]):
        return True
    return bool(_PLAN_AFTER.match(sentence[t.end:]))


def _is_hedged(sentence: str, t: _Trigger) -> bool:
    if t.hedged:
        return True
    before = sentence[max(0, t.start - 90): t.start]
    cut = max((m.end() for m in _CLAUSE_BREAK.finditer(before)), default=0)
    # "fell ill during their holiday trip": the trip itself is presupposed, not hedged
    presupposed = bool(_PRESUPPOSED.search(before[cut:]))
    if not presupposed and _HEDGE_BEFORE.search(before[cut:]):
        return True
    if not presupposed and _MODAL_JUST_BEFORE.search(before[cut:]):
        return True
    if _is_planned(sentence, t):
        return True
    return bool(_HEDGE_AFTER.match(sentence[t.end:]))


# ---------------------------------------------------------------- places

_SITE_HEADS = {"cemetery", "church", "hall", "center", "centre", "home", "hospital", "school", "park",
               "station", "square", "museum", "memorial", "chapel", "cathedral", "stadium",
               "building", "hotel", "university", "college", "arena", "theatre", "theater", "mosque",
               "temple", "synagogue", "library", "inc", "gardens"}


def _intro_prep(sentence: str, start: int) -> str | None:
    """The preposition introducing a place at `start`, skipping articles, up to three
    lowercase modifiers and "city of"-like heads: "near the eastern city of |Kobe"."""
    tokens: list[str] = re.findall(r"[A-Za-z][\w'’-]*\.?|[^\w\s]", sentence[max(0, start - 90): start])
    i, skipped = len(tokens) - 1, 0
    while i >= 0:
        tok = tokens[i]
        low = tok.lower()
        if low in _ALL_PREPS:
            if low == "of" and i > 0 and tokens[i - 1].lower() in _PLACE_NOUNS:
                # "the Pacific city of", "Russia's Far East city of": skip the head and up
                # to three modifiers of any case
                i -= 2
                j = i
                while j >= 0 and i - j < 4 and tokens[j].lower() not in _ALL_PREPS:
                    j -= 1
                if j >= 0 and tokens[j].lower() in _ALL_PREPS:
                    i = j
                continue
            return low
        if low in _ARTICLES or (tok.islower() and tok[0].isalpha() and skipped < 3):
            skipped += low not in _ARTICLES
            i -= 1
            continue
        if tok[:1].isupper() and tok.endswith(("'s", "’s")) and skipped < 3:
            i -= 1  # "in northern Freedonia's |Lakeport": the possessor only qualifies the place
            skipped += 1
            continue
        if tok == "," and i == len(tokens) - 1:
            # "in the Old Mill Cemetery, |Eastbrook": a named site, then its town
            j = i - 1
            while j >= 0 and i - j <= 6 and (tokens[j][:1].isupper() or tokens[j] in ("'s", "’s", "'", "’")):
                j -= 1
            if j < i - 1 and any(tokens[k].lower().rstrip(".") in _SITE_HEADS for k in range(j + 1, i)):
                while j >= 0 and tokens[j].lower() in _ARTICLES:
                    j -= 1
                if j >= 0 and tokens[j].lower() in _LOCATIVE_PREPS:
                    return tokens[j].lower()
        return None
    return None


def _attached(sentence: str, t: _Trigger, p: PlaceRef, rel_start: int) -> bool:
    between = sentence[t.end: rel_start]
    if len(between) > 60:
        return False
    chain = r"(?:(?:[a-z-]+\s+){0,2}(?:" + "|".join(sorted(_PLACE_NOUNS)) + r")\s+of\s+)?"
    if t.kind in _OF_KINDS and t.word.lower() not in _OBJECT_VERBS and \
            re.fullmatch(r"\s+of\s+(?:the\s+)?" + chain, between, re.I):
        return True
    if t.kind in _ON_KINDS and re.fullmatch(r"\s+on\s+(?:the\s+)?" + chain, between, re.I):
        return True
    if t.word.lower() in _OBJECT_VERBS and re.fullmatch(r"\s+(?:the\s+)?" + chain, between, re.I):
        return True
    return False


_STRUCK_KINDS = {"earthquake", "tsunami", "flood", "storm", "wildfire", "explosion", "bombing",
                 "attack", "eruption"}
_NOT_MODIFIER = {"is", "was", "were", "are", "has", "have", "had", "be", "been", "will", "would",
                 "said", "says", "and", "or", "but"}


def _premodifier(sentence: str, p: PlaceRef, pe: int, t: _Trigger) -> bool:
    """"the Lakeport mayoral election", "Kobe's earthquake": a place naming the trigger noun."""
    gap = sentence[pe: t.start]
    m = re.fullmatch(r"((?:['’]s?)?)\s+((?:[a-z][\w-]*\s+){0,2})", gap)
    if not m:
        return False
    if p.kind == "country" and not m.group(1):
        return False  # "Freedonian air strike", "national election news": often the agent, or a name
    if p.kind not in ("country", "city", "admin1", "landmark", "region"):
        return False
    words = m.group(2).split()
    return all(w not in _STOP and w not in _ALL_PREPS and w not in _NOT_MODIFIER
               and not w.endswith(("ed", "ing")) for w in words)


def _choose_place(d: _Draft, cands: list[tuple[PlaceRef, int, int]], lo: int, hi: int,
                  sentence: str, clauses: list[tuple[int, int, bool]] | None = None
                  ) -> PlaceRef | None:
    members = sorted(d.members, key=lambda t: (t is not d.main, t.start))
    for t in members:
        for p, ps, _pe in cands:
            if ps >= t.end and _attached(sentence, t, p, ps):
                return p
    for t in members:
        for p, ps, pe in cands:
            if pe <= t.start and lo <= ps and _premodifier(sentence, p, pe, t):
                return p
    if clauses is not None and d.main.kind in _STRUCK_KINDS:
        # "Freedonia has had a month of storms that caused flooding": the subject
        m = _SUBJECT_PLACE.match(sentence)
        if m:
            first = [c for c in cands if c[1] <= m.start(1) < c[2] or c[1] == m.start(1)]
            if first and first[0][1] < d.main.start:
                subject = first[0][0]
            else:
                subject = None
        else:
            subject = None
    else:
        subject = None
    if clauses is not None:
        ci = _clause_of(clauses, d.main.start)
        a, b, _sub = clauses[ci]
        if ci > 0 and re.match(r"where\b", sentence[a:b]):
            # "a trip to Lakeport on Friday, where she will meet ...": the place before
            prev = [c for c in cands if clauses[ci - 1][0] <= c[1] < clauses[ci - 1][1]]
            if prev:
                return max(prev, key=lambda c: c[1])[0]
        # the trigger's own clause first, then the old search around the event
        own = {_clause_of(clauses, t.start) for t in d.members}
        inside = [c for c in cands if _clause_of(clauses, c[1]) in own]
        found = _search_place(d, inside, lo, hi, sentence)
        if found is not None:
            return found
    for t in members:
        if t.kind in _STRUCK_KINDS:  # "two earthquakes struck north-western Iran"
            for p, ps, _pe in cands:
                if t.end <= ps <= t.end + 60 and _STRUCK.match(sentence[t.end: ps]):
                    return p
    if clauses is not None:
        if subject is not None:
            return subject
        # never from a reporting clause ("according to scientists at X", "..., officials in X said")
        reporting = [i for i, (x, y, sub) in enumerate(clauses) if sub and _REPORTING.match(sentence[x:y])]
        cands = [c for c in cands if _clause_of(clauses, c[1]) not in reporting]
    return _search_place(d, cands, lo, hi, sentence)


def _search_place(d: _Draft, cands: list[tuple[PlaceRef, int, int]], lo: int, hi: int,
                  sentence: str) -> PlaceRef | None:
    s0, s1 = d.span
    kinds = {t.kind for t in d.members}
    after: list[tuple[int, int, int, PlaceRef]] = []
    for p, ps, _pe in cands:
        if s1 <= ps < hi:
            prep = _intro_prep(sentence, ps)
            if prep is None or prep not in _LOCATIVE_PREPS:
                continue
            if prep in ("to", "towards", "toward") and not kinds & _TO_KINDS:
                continue
            dist = ps - s1
            after.append((dist // 60, -SPECIFICITY.get(p.kind, 0), dist, p))
    if after:
        return min(after, key=lambda x: x[:3])[3]
    before = []
    for p, ps, pe in cands:
        if lo <= pe <= s0:
            prep = _intro_prep(sentence, ps)
            if prep in _BEFORE_PREPS:
                before.append((s0 - pe, p))
    if before:
        return min(before, key=lambda x: x[0])[1]
    return None


_AT_THE_SITE = re.compile(r"^[^,;]{0,40}?\b(?:at|in|near|outside|inside)\s+the\s+(" + "|".join(SITE_HEADS) + r")\b")


def _site_referred_to(text: str, s: Sentence, d: _Draft, places: Sequence[PlaceRef]) -> PlaceRef | None:
    """"A ceremony will be held at the cemetery": the named cemetery spoken of before."""
    m = _AT_THE_SITE.match(s.text[d.span[1]:])
    return named_site_place(text, s.start, m.group(1), places) if m else None


def _prefer_city(p: PlaceRef | None, sent_places: list[PlaceRef], text: str) -> PlaceRef | None:
    if p is None or p.kind != "landmark":
        return p
    for q in sent_places:
        if q.start > p.end and q.kind in ("city", "admin1") and \
                re.fullmatch(r",\s*", text[p.end:q.start]):
            return q
    return p


# ---------------------------------------------------------------- actors

def find_actors(sentence: str, sent_start: int, places: Sequence[PlaceRef],
                exclude: Sequence[tuple[int, int]] = ()) -> list[tuple[int, int, str]]:
    """Person and organisation names in a sentence: (start, end, name), relative offsets."""
    spans = [(p.start - sent_start, p.end - sent_start) for p in places] + list(exclude)
    out: list[tuple[int, int, str]] = []
    for run in _capitalised_runs(sentence, spans):
        name = _actor_name(run)
        if name is not None:
            out.append(name)
    return out


def _capitalised_runs(sentence: str, spans: list[tuple[int, int]]) -> list[list[re.Match[str]]]:
    """Runs of capitalised words (with particles such as "bin", "de" inside them) separated by
    single spaces, outside the place (and excluded) spans."""
    tokens = list(re.finditer(r"[A-Za-z][\w'’.-]*", sentence))
    runs: list[list[re.Match[str]]] = []
    cur: list[re.Match[str]] = []

    def flush() -> None:
        nonlocal cur
        while cur and cur[-1].group(0).lower() in _PARTICLES:
            cur.pop()
        if cur:
            runs.append(cur)
        cur = []

    for tok in tokens:
        w = tok.group(0)
        in_place = any(tok.start() < e and s < tok.end() for s, e in spans)
        gap = sentence[cur[-1].end(): tok.start()] if cur else " "
        if cur and gap != " ":
            flush()
        if in_place:
            flush()
            continue
        if w[0].isupper():
            cur.append(tok)
        elif cur and w.lower() in _PARTICLES:
            cur.append(tok)
        else:
            flush()
    flush()
    return runs


def _actor_name(run: list[re.Match[str]]) -> tuple[int, int, str] | None:
    """A run of capitalised words trimmed to the name it holds, or None when it names no
    actor (digits, a title or non-actor head last, a lone demonym)."""
    words = [t.group(0) for t in run]
    # strip possessive and trailing punctuation on the last word
    starts = [t.start() for t in run]
    ends = [t.end() for t in run]
    last = re.sub(r"(?:['’]s?|[.,])$", "", words[-1]) if len(words[-1]) > 2 else words[-1]
    if last.endswith(".") and len(last) > 3 and not re.search(r"\.\w", last):
        last = last[:-1]
    ends[-1] = starts[-1] + len(last)
    words[-1] = last
    # drop leading titles / function words / sentence-initial adverbs
    while words and (words[0].lower() in _TITLES or words[0].lower() in _STOP
                     or (starts[0] == 0 and re.search(r"(?:ly|ing|ed)$", words[0]))
                     or words[0].lower().rstrip(".") in MONTHS
                     or words[0].lower() in WEEKDAYS):
        words.pop(0), starts.pop(0), ends.pop(0)
    while words and (words[-1].lower() in _STOP or words[-1].lower() in MONTHS
                     or words[-1].lower() in WEEKDAYS):
        words.pop(), starts.pop(), ends.pop()
    if not words:
        return None
    if any(ch.isdigit() for w in words for ch in w):
        return None
    if words[-1].lower() in _NON_ACTOR_HEADS or words[-1].lower() in _TITLES:
        return None
    if len(words) == 1 and (_DEMONYM_LIKE.match(words[0]) or len(words[0]) < 2):
        return None
    return (starts[0], ends[-1], " ".join(words))


# ---------------------------------------------------------------- main

def _group_of(kind: str) -> list[set[str]]:
    return [g for g in _GROUPS if kind in g]


def _summary(kind: str, place: PlaceRef | None, dm: DateMention | None, hedged: bool) -> str:
    parts = [kind.replace("_", " ")]
    if place is not None:
        parts.append(f"in {place.text}")
    if dm is not None:
        parts.append(f"on {dm.value}" if dm.precision == "day" else f"in {dm.value}")
    s = " ".join(parts)
    return s + " (reported)" if hedged else s


def extract_events(text: str, sentences: Sequence[Sentence], places: Sequence[PlaceRef],
                   published: date | None) -> list[Event]:
    """Events of an article in text order; see the module docstring for the rules."""
    by_sentence: dict[int, list[PlaceRef]] = {}
    for p in sorted(places, key=lambda p: p.start):
        by_sentence.setdefault(p.sentence, []).append(p)
    places_in_order = sorted(places, key=lambda p: p.start)
    drafts: list[_Draft] = []
    # drafts by the kinds of their triggers, for the "following the ceremony" look-back
    # (a dict keeps long articles linear)
    drafts_with_kind: dict[str, list[_Draft]] = defaultdict(list)
    for s in sorted(sentences, key=lambda s: s.start):
        local = _sentence_events(text, s, by_sentence.get(s.id, []), places_in_order, published,
                                 drafts_with_kind)
        drafts.extend(local)
        for d in local:
            for kind in {d.main.kind} | {m.kind for m in d.members}:
                drafts_with_kind[kind].append(d)

    drafts = _dedupe(drafts, _title_like(text, sentences))
    events: list[Event] = []
    for i, d in enumerate(sorted(drafts, key=lambda d: (d.sentence.start, d.span[0])), 1):
        events.append(Event(
            id=f"e{i}", kind=d.main.kind, date=d.date.value if d.date else None,
            date_text=d.date.text if d.date else None,
            place=d.place.place_id if d.place else None, sentence=d.sentence.id,
            actors=d.actors, hedged=d.hedged,
            summary=_summary(d.main.kind, d.place, d.date, d.hedged), trigger=d.main.word))
    return events


def _sentence_events(text: str, s: Sentence, sent_places: list[PlaceRef],
                     places_in_order: list[PlaceRef], published: date | None,
                     drafts_with_kind: dict[str, list[_Draft]]) -> list[_Draft]:
    """The event drafts of one sentence, with their places, dates, hedging and actors."""
    sent = s.text
    headline = s.kind == "headline"
    cands = _event_place_candidates(s, sent_places)
    triggers = find_triggers(sent, headline=headline)
    if not triggers:
        return []
    # the paragraph before gives year context ("April 2019" ... "on April 25")
    dates = find_dates(sent, published, context=text[max(0, s.start - 1500): s.start])
    kept, ref = _drop_back_references(s, triggers, dates, cands, drafts_with_kind)
    local = _merge_triggers(s, kept)
    clauses = _clauses(sent)
    _settle_places_and_hedging(text, s, local, cands, sent_places, places_in_order, clauses)
    _give_dates(sent, local, dates, clauses)
    _choose_dates(sent, local, published)
    if ref is not None:
        _inherit_from_reference(local, *ref)
    if not headline:
        _settle_actors(s, local, sent_places)
    return local


def _event_place_candidates(s: Sentence, sent_places: list[PlaceRef]) -> list[tuple[PlaceRef, int, int]]:
    """The sentence's places that may be where an event happened, with their offsets in the
    sentence: no demonyms, no distance anchors, no mere modifiers."""
    sent = s.text
    cands = []
    for p in sent_places:
        ps, pe = p.start - s.start, p.end - s.start
        if p.kind == "demonym" or _DISTANCE_ANCHOR.search(sent[max(0, ps - 70): ps]):
            continue
        if _MODIFIER_OF_PLACE.match(sent[pe: pe + 60]):
            continue  # "the Pacific city of Lima": Pacific only modifies
        cands.append((p, ps, pe))
    return cands


def _drop_back_references(s: Sentence, triggers: list[_Trigger], dates: list[DateMention],
                          cands: list[tuple[PlaceRef, int, int]],
                          drafts_with_kind: dict[str, list[_Draft]]
                          ) -> tuple[list[_Trigger], tuple[_Draft, str] | None]:
    """The triggers that are new events, and the earlier event a dropped one refers to with
    its relation word (the last one wins)."""
    sent = s.text
    # coreference: "Following the ceremony, ..." refers back to an earlier event
    ref: tuple[_Draft, str] | None = None
    kept: list[_Trigger] = []
    for t in triggers:
        if t.definite and drafts_with_kind.get(t.kind):
            own_date = any(0 <= dm.start - t.end <= 40 for dm in dates)
            probe = _Draft(s, [t], t)
            tcl = _clauses(sent)
            clause_end = tcl[_clause_of(tcl, t.start)][1]
            own_place = _choose_place(probe, cands, t.start, max(clause_end, min(len(sent), t.end + 60)),
                                      sent) is not None
            if not own_date and not own_place:
                earlier = drafts_with_kind[t.kind]
                rel = _REF_RELATION.search(sent[: t.start])
                if rel and earlier:
                    ref = (earlier[-1], rel.group("rel").lower())
                continue
        kept.append(t)
    return kept, ref


def _merge_triggers(s: Sentence, kept: list[_Trigger]) -> list[_Draft]:
    """One draft per event of the sentence, in text order: related triggers merged, most
    specific first."""
    sent = s.text
    # merge related triggers: most specific first
    local: list[_Draft] = []
    for t in sorted(kept, key=lambda t: (-t.priority, t.start)):
        home = next((d for d in local
                     if not _APART.search(sent[min(t.end, d.main.end): max(t.start, d.main.start)])
                     and (any(t.kind in g and d.main.kind in g for g in _group_of(t.kind))
                         # "the 9 June vote ... the town council election": the same one
                         or (t.kind == d.main.kind and t.start > d.main.start and
                             re.search(r"\b(?:the|this|that)\s+(?:[a-z-]+\s+){0,3}$", sent[: t.start])))
                     and abs(t.start - d.main.start) <= 160), None)
        if home is not None:
            home.members.append(t)
        else:
            local.append(_Draft(s, [t], t))
    local.sort(key=lambda d: d.span[0])
    return local


def _settle_places_and_hedging(text: str, s: Sentence, local: list[_Draft],
                               cands: list[tuple[PlaceRef, int, int]], sent_places: list[PlaceRef],
                               places_in_order: list[PlaceRef],
                               clauses: list[tuple[int, int, bool]]) -> None:
    """Each draft's place and whether it is hedged."""
    sent = s.text
    # places, bounded by neighbouring events of the sentence
    for i, d in enumerate(local):
        lo = local[i - 1].span[1] if i > 0 else 0
        hi = local[i + 1].span[0] if i + 1 < len(local) else len(sent)
        p = _choose_place(d, cands, lo, hi, sent, clauses)
        d.place = _prefer_city(p, sent_places, text)
        if d.place is None:
            d.place = _site_referred_to(text, s, d, places_in_order)
        d.hedged = any(_is_hedged(sent, t) for t in d.members)


def _give_dates(sent: str, local: list[_Draft], dates: list[DateMention],
                clauses: list[tuple[int, int, bool]]) -> None:
    """Each date of the sentence to the draft it belongs to (its `dates_given`)."""
    # dates: a date goes to an event of its own clause ("The signing took place at the
    # hall, where the council was dissolved last month": not the signing's date); a date
    # in a clause without an event goes to the nearest event before it ("visited Russia
    # in 2019 and met ..."), or, when no event precedes it, to the nearest event after it,
    # unless its clause is a subordinate or reporting one ("..., officials said Monday")
    for dm in _merge_adjacent(dates, sent):
        ci = _clause_of(clauses, dm.start)
        same = [d for d in local if any(_clause_of(clauses, t.start) == ci for t in d.members)]
        if not same and clauses[ci][2]:
            continue
        pool = same or local
        if pool:
            preceding = [d for d in pool if d.span[0] <= dm.start]
            if preceding:
                owner = max(preceding, key=lambda d: d.span[1])
            else:
                owner = min(pool, key=lambda d: d.span[0])
        else:
            continue
        owner.dates_given.append(dm)


def _choose_dates(sent: str, local: list[_Draft], published: date | None) -> None:
    """Each draft's date: of the dates given to it, the nearest to its triggers; a planned
    event's date moves ahead of the article."""
    for d in local:
        if d.dates_given:
            a, b = d.span
            d.date = min(d.dates_given, key=lambda dm: min(abs(dm.start - b), abs(a - dm.end)))
            if published is not None:
                if any(_is_planned(sent, t) for t in d.members):
                    d.date = _to_future(d.date, published)
                if d.date.value > published.isoformat()[: len(d.date.value)]:
                    d.hedged = True  # dated after the article: not happened yet


def _inherit_from_reference(local: list[_Draft], other: _Draft, rel: str) -> None:
    """"Following the ceremony, ...": the drafts take the earlier event's place, and its date
    when the relation says they happened at the same time."""
    for d in local:
        if d.place is None and other.place is not None:
            d.place = other.place
        if d.date is None and other.date is not None and rel in ("during", "at",
                                                                 "throughout", "amid"):
            d.date = other.date


def _settle_actors(s: Sentence, local: list[_Draft], sent_places: list[PlaceRef]) -> None:
    """Each draft's actors: up to four names nearest its triggers, in text order, once each."""
    sent = s.text
    for d in local:
        exclude = [(t.start, t.end) for t in d.members]
        names = find_actors(sent, s.start, sent_places, exclude)
        a, b = d.span
        nearest = sorted(names, key=lambda n: min(abs(n[0] - b), abs(a - n[1])))[:4]
        seen: list[str] = []
        for n in sorted(nearest):
            if n[2] not in seen:
                seen.append(n[2])
        d.actors = tuple(seen)


def _merge_adjacent(dates: list[DateMention], sentence: str) -> list[DateMention]:
    """"Friday, 3 March 2017" is one date: a bare weekday next to a fuller date goes."""
    out = []
    for i, dm in enumerate(dates):
        if _WEEKDAY_ONLY.match(dm.text.strip()):
            nxt = dates[i + 1] if i + 1 < len(dates) else None
            prv = dates[i - 1] if i > 0 else None
            if (nxt is not None and re.fullmatch(r"[\s,]*", sentence[dm.end: nxt.start])) or \
                    (prv is not None and re.fullmatch(r"[\s,]*", sentence[prv.end: dm.start])):
                continue
        out.append(dm)
    return out


def _to_future(dm: DateMention, published: date) -> DateMention:
    """A planned event's year-less date lies ahead of the article, not behind it: "the
    meeting will be held on May 14" in an article of 20 March 2009 is 2009-05-14."""
    if re.search(r"\b\d{4}\b|\b(?:last|ago|previous|yesterday|earlier)\b", dm.text, re.I):
        return dm
    if getattr(dm, "how", "publication") != "publication":
        return dm  # its year came from the clause or the paragraph, not from the article's date
    if dm.value >= published.isoformat()[: len(dm.value)]:
        return dm
    try:
        if dm.precision == "day":
            dt = date.fromisoformat(dm.value)
            if _WEEKDAY_ONLY.match(dm.text.strip()):
                while dt < published:
                    dt += timedelta(days=7)
            else:
                dt = dt.replace(year=dt.year + 1)
            value = dt.isoformat()
        elif dm.precision == "month":
            y, m = dm.value.split("-")
            value = f"{int(y) + 1:04d}-{m}"
        else:
            return dm
    except ValueError:
        return dm
    return replace(dm, value=value, timex=value)


def _plural(word: str) -> bool:
    w = word.lower()
    if w in ("talks", "peace talks", "news"):
        return False  # one round of talks
    return w.endswith("s") and not w.endswith(("ss", "us", "is")) and not re.search(
        r"(?:ed|es)$", w) or w.endswith(("ies", "ches", "shes")) \
        or (len(w) > 4 and w.endswith("es") and w[-3] not in "sxz")  # "parades", "crusades"


TITLE_MAX_WORDS = 12  # news ledes run 20-40 words; a title rarely more than 12
_LEDE_OPENER = re.compile(r"(?:the|a|an|this|that|these|those|he|she|it|they|we|i|you|there|here|when|"
                          r"after|before|as|if|in|on|at|for|by|with|from)\b", re.I)


def _title_like(text: str, sentences: Sequence[Sentence]) -> set[int]:
    """A first line that is one short sentence, with more text below, is the title even when
    it ends with a period ("Funeral held for two firefighters.")."""
    if not sentences:
        return set()
    out = set()
    s0 = min(sentences, key=lambda s: s.start)
    rest = text[s0.end:]
    if s0.kind == "body" and len(s0.text) <= 90 and len(s0.text.split()) <= 14 and \
            not text[:s0.start].strip() and re.match(r"[ \t]*\n", rest) and rest.strip():
        out.add(s0.id)
    # a title run into its story on one line ("Water board meets in Lakeport. The board met
    # on ..."): short, headline-worded (no article or pronoun first), with a long story after
    elif s0.kind == "body" and len(s0.text.split()) <= TITLE_MAX_WORDS and \
            not _LEDE_OPENER.match(s0.text) and len(rest.strip()) >= 5 * len(s0.text):
        out.add(s0.id)
    # a short line of its own that does not end like a sentence, inside the body: a
    # sub-heading or a link ("Results in brief")
    for s in sentences:
        if s.kind == "body" and len(s.text) <= 60 and len(s.text.split()) <= 8 and s.text[:1].isupper() \
                and looks_like_headline(s.text) and not s.text.rstrip().endswith(("?", "!")) \
                and re.search(r"(?:^|\n)[ \t]*$", text[max(0, s.start - 20): s.start]) and \
                re.match(r"[ \t]*(?:\n|$)", text[s.end: s.end + 20]):
            out.add(s.id)
    return out


_INDEFINITE = re.compile(r"\b(?:a|an)\s+(?:[\w-]+\s+){0,2}$", re.I)


def _dedupe(drafts: list[_Draft], titles: set[int] | frozenset[int] = frozenset()) -> list[_Draft]:
    def is_title(d: _Draft) -> bool:
        return d.sentence.kind == "headline" or d.sentence.id in titles
    body_kinds = {d.main.kind for d in drafts if not is_title(d)}
    out = [d for d in drafts if not (is_title(d) and d.main.kind in body_kinds)]
    anchored = {d.main.kind for d in out if d.place is not None or d.date is not None}
    related = set(anchored)
    for kind in anchored:
        for g in _group_of(kind):
            related |= g
    # an unanchored event goes when an anchored one of its kind or a related kind exists, unless
    # it is an indefinite, singular mention of that very kind ("a crash", "was arrested"), or a
    # noun of a related kind after "a" ("died in a shootout" after an attack): another happening,
    # not a repetition ("the two leaders met" after a summit) or a generic plural ("attacks")
    out = [d for d in out if d.place is not None or d.date is not None
           or d.main.kind not in related
           or (not d.main.definite and not _plural(d.main.word)
               and (d.main.kind in anchored or _INDEFINITE.search(d.sentence.text, 0, d.main.start)))]
    # a bare plural with neither place nor date is generic ("at committee meetings")
    out = [d for d in out if d.place is not None or d.date is not None
           or not all(_plural(t.word) for t in d.members) or d.main.definite]
    result: list[_Draft] = []
    dated_at: set[tuple[str, str]] = set()  # (kind, place) of events kept with a date
    for d in out:
        if d.date is None and d.place is not None and (d.main.kind, d.place.place_id) in dated_at:
            continue
        result.append(d)
        if d.date is not None and d.place is not None:
            dated_at.add((d.main.kind, d.place.place_id))
    return result
