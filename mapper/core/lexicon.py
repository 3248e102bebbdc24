"""Word lists the recogniser consults. General English knowledge, never article strings.

The large lists live in data/ with their sources (common_words.txt: wordfreq; given_names.txt:
US Census 1990 first names); the short closed-class lists are here, next to their use.
"""
from __future__ import annotations

from functools import lru_cache

from .paths import data_file


@lru_cache(maxsize=None)
def word_list(name: str) -> frozenset[str]:
    path = data_file(name)
    if not path.exists():
        return frozenset()
    with open(path, encoding="utf-8") as f:
        return frozenset(line.strip().casefold() for line in f if line.strip() and not line.startswith("#"))


def common_words() -> frozenset[str]:
    return word_list("common_words.txt")


def given_names() -> frozenset[str]:
    return word_list("given_names.txt")


def surnames() -> frozenset[str]:
    return word_list("surnames.txt")


# Words that introduce a person's name: "President Vladimir Putin", "Ambassador Alexander ...".
TITLES = frozenset("""
president presidents vice prime minister ministers ambassador ambassadors secretary chancellor governor
senator sen rep representative congressman congresswoman mayor king queen prince princess pope general
gen col colonel lt lieutenant sgt sergeant capt captain cpl corporal maj major adm admiral marshal
mr mrs ms miss dr prof professor sir lord lady dame chairman chairwoman chair leader director judge
justice chief commander deputy spokesman spokeswoman spokesperson bishop archbishop cardinal rev reverend
father sister brother coach sheriff detective officer attorney councilman councilwoman councillor
commissioner superintendent principal dean emperor empress tsar czar sultan sheikh emir ayatollah imam
rabbi premier dictator chef founder ceo cfo chairperson pastor gov atty supt insp inspector trooper
foreign defense defence interior finance health education state
""".split())

# Heads that make a capitalised phrase an organisation, publication or team.
ORG_HEADS = frozenset("""
agency news party university college school institute foundation ministry department office bank company
corporation corp inc ltd llc plc group association council committee commission organization
organisation federation times post herald journal tribune gazette telegraph press network airlines
airways railways railway club team fc united church hospital center centre court authority service
services army navy forces guard administration bureau board society trust fund embassy consulate
parliament senate assembly union league conference cooperative co media broadcasting radio television tv
channel daily weekly magazine review observer chronicle monitor express mail standard
""".split())

# Publication, company and team heads: a place before them names the organisation, not a place.
MEDIA_HEADS = frozenset("""
news times post herald journal tribune gazette telegraph press agency airlines airways inc corp
corporation company ltd llc plc group club fc united daily weekly magazine review observer chronicle
monitor express mail standard broadcasting radio television tv channel network media
""".split())

# Lower-case words that join capitalised words inside one name: "Gulf of Mexico", "Day of the Sun".
CONNECTORS = frozenset("of the de du do la le del des von van der den al el es y da dos das and".split())

# Lower-case geographic heads that may end a place name: "Korean peninsula", "Han river".
GEO_HEADS = frozenset("""
peninsula sea river island islands mountains mountain range valley region coast gulf bay lake strait
desert plain plains basin delta ocean canal border
""".split())

# Heads of street names: "Wichita Street", "40th Avenue South", "Clark Drive".
STREET_HEADS = frozenset("""
street avenue ave road rd drive boulevard blvd lane ln parkway pkwy pike expressway terrace alley
""".split())

# Abbreviated titles written with a dot before a name: "Mrs. Lincoln", "Rev. Al Meredith".
DOTTED_TITLES = frozenset("""
mr mrs ms dr rev capt sgt lt col gen maj adm cpl sen sens rep reps gov atty supt insp prof det cmdr
""".split())

MONTHS_AND_DAYS = frozenset("""
january february march april may june july august september october november december
monday tuesday wednesday thursday friday saturday sunday
jan feb mar apr jun jul aug sep sept oct nov dec
""".split())

# Locative prepositions: a capitalised phrase after them is likely a place.
LOCATIVES = frozenset("in at near from to outside inside across toward towards into around between via".split())

# Holidays and festivals: namesake towns exist ("Christmas", "Easter"), but the bare word is the day.
HOLIDAYS = frozenset("""
christmas easter thanksgiving halloween hanukkah chanukah ramadan passover pentecost lent advent
epiphany diwali kwanzaa eid yom kippur purim
""".split())

# Verbs that follow a person's name as subject: "Nelson said", "Kim visited".
PERSON_VERBS = frozenset("""
said says told added explained noted asked replied wrote recalled agreed argued admitted believes
believed visited thinks thought remembered laughed smiled testified pleaded wants wanted
started lived died worked took resigned apologized apologised denied went drove walked tried
""".split())

# Words around a demonym that make it a language: "spoke French", "in English", "Spanish speakers".
SPEAK_VERBS = frozenset("""
speak speaks spoke speaking spoken fluent learn learning learned taught teach teaches teaching
translated translate translation understand understands
""".split())
LANGUAGE_HEADS = frozenset("""
language languages speaker speakers speaking lessons lesson class classes teacher teachers translation
translations version subtitles words word dictionary grammar literature immersion proficiency
""".split())

# Compass words that start street names: "South Main St.", "Northwest Eighth Avenue".
COMPASS = frozenset("north south east west northeast northwest southeast southwest".split())

# Capitalised heads of buildings and events: a town name right before one names the thing, not
# the town ("Webb Center", "Lincoln Dinner", "Webster Theatre"), unless the whole is a place.
NAMED_HEADS = frozenset("""
dinner banquet gala luncheon breakfast center centre hall house games theatre theater hospital memorial
museum library stadium arena festival fair award awards prize cup tournament classic marathon building
tower mall plaza lodge inn hotel motel restaurant cafe academy chapel cathedral temple mosque cemetery
primary bakery pub
""".split())

# Kinship and relationship words after a possessive: "Smith's stepfather" is a person's, never a place's.
KIN_WORDS = frozenset("""
father mother stepfather stepmother son daughter stepson stepdaughter wife husband brother sister
grandson granddaughter grandfather grandmother grandparents parents widow widower fiance fiancee
girlfriend boyfriend uncle aunt nephew niece cousin mom dad
""".split())

# Adjectives of peoples, cultures and games that small towns are also named: "the Arab Champions
# League", "Olympic Problems", "a Roman fort". A town only after a locative ("in Arab").
CULTURE_ADJECTIVES = frozenset("""
arab arabic olympic olympics roman aztec mayan inca saxon viking celtic gothic nordic slavic moorish
""".split())

# A person's legal affairs after a possessive: "Earle's trial". A state has an attorney general
# too ("California's attorney"), so these count only for a surname that names a small town.
LEGAL_WORDS = frozenset("""
attorney attorneys lawyer lawyers trial arrest conviction sentencing acquittal testimony
""".split())

# Words between a speech verb and a language: "spoke only French", "speaks fluent English".
LANGUAGE_DEGREE = frozenset("only fluent mostly little some good perfect broken both no".split())

# Nouns a town's name qualifies: "sued Flint residents", "killed Moore officials".
TOWN_NOUNS = frozenset("""
residents resident officials police council voters schools students county city area neighborhood
neighbourhood water homes businesses leaders
""".split())

# Verbs whose direct object is a person, not a place: "killing Marsh", "told Evans".
# (Not "visited", "hit", "left", "sued", "hired": those take places as well.)
PERSON_OBJECT_VERBS = frozenset("""
kill kills killed killing murder murders murdered murdering stab stabbed stabbing shoot shooting
arrested arresting sentenced sentencing convicted acquitted tell told telling thank thanked thanking
interview interviewed marry married accuse accused accusing
""".split())

# A building that stands for its occupants ("the White House said", "a Kremlin spokesman",
# "Kremlin-backed"): verbs after it and role nouns that it modifies.
METONYMY_VERBS = frozenset("""
said says told added announced stated condemned denied denies confirmed declined rejected responded
warned insisted urged welcomed praised criticized criticised dismissed accused called wants wanted
""".split())
ROLE_NOUNS = frozenset("""
spokesman spokeswoman spokesperson spokespeople official officials aide aides staff staffer staffers
strategist adviser advisers advisor advisors press correspondent correspondents chief counsel source sources
budget policy administration insiders
""".split())

# Direction words that open longer names ("East Central Regional Hospital", "Central Command").
DIRECTION_WORDS = frozenset("""
north south east west northeast northwest southeast southwest central northern southern eastern western
""".split())

# Heads of laws and programmes: "American Recovery and Reinvestment Act".
LAW_HEADS = frozenset("act acts law bill amendment code program programme plan".split())
