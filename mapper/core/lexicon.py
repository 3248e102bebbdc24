"""Word lists the recogniser and the event and figure readers consult. General English
knowledge, never article strings.

Every list lives in data/ as one word per line with a comment saying what it is for: the large
ones with their sources (common_words.txt: wordfreq; given_names.txt: US Census 1990 first
names), the short closed-class ones in data/lexicon/. This module is their one owner: a list is
loaded here once, and a missing or empty file is an error at start-up (DataFileError), never a
silent empty set that would switch a rule off.
"""
from __future__ import annotations

from functools import cache

from .errors import DataFileError
from .paths import data_file


@cache
def word_list(name: str) -> frozenset[str]:
    """The words of data/<name>, case-folded; lines starting with # are comments."""
    path = data_file(name)
    try:
        with open(path, encoding="utf-8") as f:
            words = frozenset(line.strip().casefold() for line in f if line.strip() and not line.startswith("#"))
    except OSError as e:
        raise DataFileError(f"The word list {path} cannot be read ({e.strerror or e}): reinstall mapper") from e
    if not words:
        raise DataFileError(f"The word list {path} is empty: reinstall mapper")
    return words


def common_words() -> frozenset[str]:
    return word_list("common_words.txt")


def given_names() -> frozenset[str]:
    return word_list("given_names.txt")


def surnames() -> frozenset[str]:
    return word_list("surnames.txt")


# Words that introduce a person's name: "President Vladimir Putin", "Ambassador Alexander ...".
TITLES = word_list("lexicon/titles.txt")

# Words that stand in a title but do not introduce a name alone ("former", "Crown"): the event
# reader strips them from actors' names together with TITLES.
TITLE_MODIFIERS = word_list("lexicon/title_modifiers.txt")

# Heads that make a capitalised phrase an organisation, publication or team.
ORG_HEADS = word_list("lexicon/org_heads.txt")

# Publication, company and team heads: a place before them names the organisation, not a place.
MEDIA_HEADS = word_list("lexicon/media_heads.txt")

# Lower-case words that join capitalised words inside one name: "Gulf of Mexico", "Day of the Sun".
CONNECTORS = word_list("lexicon/connectors.txt")

# Lower-case geographic heads that may end a place name: "Korean peninsula", "Han river".
GEO_HEADS = word_list("lexicon/geo_heads.txt")

# Heads of street names: "Wichita Street", "40th Avenue South", "Clark Drive".
STREET_HEADS = word_list("lexicon/street_heads.txt")

# Abbreviated titles written with a dot before a name: "Mrs. Lincoln", "Rev. Al Meredith".
DOTTED_TITLES = word_list("lexicon/dotted_titles.txt")

MONTHS_AND_DAYS = word_list("lexicon/months_and_days.txt")

# Prepositions before places, by what they say of the place: one set of lists, read by the
# recogniser, the event reader and the figure reader alike.
AT_PLACE = word_list("lexicon/at_place.txt")  # in, at, near, outside, inside
AROUND_PLACE = word_list("lexicon/around_place.txt")  # across, throughout, within, around, off
TOWARD_PLACE = word_list("lexicon/toward_place.txt")  # to, towards, into
FROM_PLACE = word_list("lexicon/from_place.txt")  # from, via, between
# Locative prepositions: a capitalised phrase after them is likely a place.
LOCATIVES = AT_PLACE | AROUND_PLACE | TOWARD_PLACE | FROM_PLACE

# Holidays and festivals: namesake towns exist ("Christmas", "Easter"), but the bare word is the day.
HOLIDAYS = word_list("lexicon/holidays.txt")

# Verbs that follow a person's name as subject: "Nelson said", "Kim visited".
PERSON_VERBS = word_list("lexicon/person_verbs.txt")

# Words around a demonym that make it a language: "spoke French", "in English", "Spanish speakers".
SPEAK_VERBS = word_list("lexicon/speak_verbs.txt")
LANGUAGE_HEADS = word_list("lexicon/language_heads.txt")

# Compass words that start street names: "South Main St.", "Northwest Eighth Avenue".
COMPASS = word_list("lexicon/compass.txt")

# Capitalised heads of buildings and events: a town name right before one names the thing, not
# the town ("Webb Center", "Lincoln Dinner", "Webster Theatre"), unless the whole is a place.
NAMED_HEADS = word_list("lexicon/named_heads.txt")

# Kinship and relationship words after a possessive: "Smith's stepfather" is a person's, never a place's.
KIN_WORDS = word_list("lexicon/kin_words.txt")

# Adjectives of peoples, cultures and games that small towns are also named: "the Arab Champions
# League", "Olympic Problems", "a Roman fort". A town only after a locative ("in Arab").
CULTURE_ADJECTIVES = word_list("lexicon/culture_adjectives.txt")

# A person's legal affairs after a possessive: "Earle's trial". A state has an attorney general
# too ("California's attorney"), so these count only for a surname that names a small town.
LEGAL_WORDS = word_list("lexicon/legal_words.txt")

# Words between a speech verb and a language: "spoke only French", "speaks fluent English".
LANGUAGE_DEGREE = word_list("lexicon/language_degree.txt")

# Nouns a town's name qualifies: "sued Flint residents", "killed Moore officials".
TOWN_NOUNS = word_list("lexicon/town_nouns.txt")

# Verbs whose direct object is a person, not a place: "killing Marsh", "told Evans".
# (Not "visited", "hit", "left", "sued", "hired": those take places as well.)
PERSON_OBJECT_VERBS = word_list("lexicon/person_object_verbs.txt")

# A building that stands for its occupants ("the White House said", "a Kremlin spokesman",
# "Kremlin-backed"): verbs after it and role nouns that it modifies.
METONYMY_VERBS = word_list("lexicon/metonymy_verbs.txt")
ROLE_NOUNS = word_list("lexicon/role_nouns.txt")

# Direction words that open longer names ("East Central Regional Hospital", "Central Command").
DIRECTION_WORDS = word_list("lexicon/direction_words.txt")

# Heads of laws and programmes: "American Recovery and Reinvestment Act".
LAW_HEADS = word_list("lexicon/law_heads.txt")
