"""Split article text into sentences with exact character offsets.

Rules (heuristic, language-light, fast):
- every line is split on its own: a line break ends a sentence, so headlines, captions and
  keyword lines never merge with the body; except inside a hard-wrapped paragraph (text
  broken at a fixed width, as wire copy and e-mailed stories are), whose lines are joined
  again first;
- inside a line we split after . ! ? … (plus closing quotes/brackets) when whitespace and
  an uppercase letter, digit or opening quote follow, unless the period belongs to an
  abbreviation; CJK full stops split unconditionally;
- each sentence is labelled headline, caption or body.
"""
from __future__ import annotations

import re

from mapper.core.models import Sentence

HEADLINE_MAX_CHARS = 200
CAPTION_MAX_CHARS = 500

# Lines end at any line separator, not only "\n", so offsets stay right for odd input.
_LINE = re.compile(r"[^\n\r\u2028\u2029]+")
# A sentence-final punctuation run plus closing quotes/brackets, then whitespace; or a
# CJK full stop (CJK text has no space after its stops).
_TERMINATOR = re.compile(r"[.!?\u2026]+[\"'\u201d\u2019\u00bb)\]]*(?=\s)"
                         r"|[\u3002\uff01\uff1f]+[\u300d\u300f\u201d\u2019\uff09]*")
_OPENERS = "\"'\u201c\u2018\u00ab([\u00bf\u00a1\u300c"
_CLOSERS = "\"'\u201d\u2019\u00bb)]"

# Periods after these never end a sentence: they always precede a name or a number.
_NEVER_SPLIT = frozenset("""
Mr. Mrs. Ms. Messrs. Mmes. Dr. Drs. Prof. St. Ste. Mt. Ft. Fr. Gen. Col. Lt. Maj. Sgt. Capt.
Cmdr. Adm. Brig. Cpl. Pvt. Gov. Sen. Rep. Reps. Sens. Rev. Hon. Pres. Supt. Insp. Det. Amb.
e.g. i.e. vs. v. cf. viz. approx. ca. Fig. Figs. Vol. Vols. p. pp. Ch. Art. Nos. Op.
""".split())

# Periods after these usually do not end a sentence, but can ("... Apple Inc. The
# company said"): split only when a typical sentence-opening word follows.
_AMBIGUOUS = frozenset("""
Jr. Sr. Inc. Corp. Ltd. Co. Cos. Bros. Plc. etc. al. No.
Jan. Feb. Mar. Apr. Jun. Jul. Aug. Sep. Sept. Oct. Nov. Dec.
Ave. Blvd. Rd. Hwy. Sq. Dept. Univ. Assn. Intl. Natl. Govt.
Ala. Ariz. Ark. Calif. Colo. Conn. Del. Fla. Ga. Ill. Ind. Kan. Kans. Ky. La. Md. Mass.
Mich. Minn. Miss. Mo. Mont. Neb. Nebr. Nev. Okla. Ore. Pa. Penn. Tenn. Tex. Va. Vt.
Wash. Wis. Wisc. Wyo. W.Va.
""".split())

_INITIAL = re.compile(r"[A-Z]\.")  # "John F. Kennedy"
_DOTTED_ACRONYM = re.compile(r"(?:[A-Za-z]\.){2,}")  # U.S. N.Y. a.m.

# Words that typically open a sentence; after an ambiguous abbreviation they signal a split.
_SENTENCE_STARTERS = frozenset("""
the a an in on at for from with by as after before during since until when while if
once although though because he she it they we i you his her its their our my your
this that these those there here but and or so yet however meanwhile still also later
earlier now then some many most all both each no none one what why how who where which
officials according critics police authorities analysts experts residents witnesses
""".split())
_WORD = re.compile(r"[^\W\d_]+")

_AGENCY = (r"(?:AFP|AP|Reuters|REUTERS|EPA|EPA-EFE|EFE|Getty(?: Images)?|Bloomberg|Xinhua|"
           r"Yonhap|KCNA|TASS|Sputnik|Anadolu(?: Agency)?|Shutterstock|Alamy|AAP|dpa|ANSA|UPI|"
           r"PA(?: Wire)?|NurPhoto|SOPA Images|LightRocket|Pool|Handout|Corbis)")
# Photo-credit shapes, deliberately positional so that "told Reuters" in a body
# paragraph does not count.
_CREDIT = re.compile(
    r"\bGetty Images\b"
    rf"|/\s*{_AGENCY}\b"                                  # KIM WON JIN/AFP
    rf"|\b{_AGENCY}\s*/"                                  # REUTERS/Name
    r"|\bAP Photo\b"
    r"|\b(?:Photo|Photograph|Picture|Image|Photo credit|Image credit|Credit)s?\s*(?::|\bby\b)"
    r"|\u00a9"
    rf"|\(\s*{_AGENCY}[^()]{{0,20}}\)\s*$"                 # (AP Photo/...)
    rf"|[.|\u2013\u2014-]\s*{_AGENCY}\s*$"                # "... in Kyiv. Reuters"
    r"|\b[A-Z]{2,}(?:[ '\-][A-Z]{2,}){1,3}\s*/\s*[A-Z]"   # ALL-CAPS photographer/Agency
)


def looks_like_headline(line: str) -> bool:
    """A short line that does not end like a sentence (headlines carry no final period)."""
    line = line.strip()
    if not line or len(line) >= HEADLINE_MAX_CHARS or not any(c.isalpha() for c in line):
        return False
    return not line.rstrip(_CLOSERS).endswith((".", "\u3002"))


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of `text` with exact offsets: text[s.start:s.end] == s.text."""
    lines = [_trimmed(m.start(), m.end(), text) for m in _LINE.finditer(text)]
    lines = _unwrap([(a, b) for a, b in lines if a < b], text)
    kinds = _line_kinds(text, lines)
    sentences: list[Sentence] = []
    for (start, end), kind in zip(lines, kinds):
        for a, b in _split_line(text, start, end):
            sentences.append(Sentence(len(sentences), a, b, text[a:b], kind))
    return sentences


# A line that ends like a sentence (or a heading with a colon) is never joined to the next.
_LINE_END = re.compile(r"[.!?:;\u2026\u3002\"'\u201d\u2019\u00bb)\]]\s*$")
WRAPPED_LINE_MIN_CHARS = 50  # shorter lines are headings, bylines or list items, not wrapped prose


def _continues(text: str, a: int, b: int, nxt: int, wrapped: bool) -> bool:
    """Whether the line text[a:b] runs on into the line starting at `nxt`: it is long, does not
    end like a sentence, and the next line opens in lower case (in any text), or the article is
    hard-wrapped (then "... at nightfall / Sunday." is one sentence too)."""
    if b - a < WRAPPED_LINE_MIN_CHARS or _LINE_END.search(text, a, b):
        return False
    first = text[nxt]
    return first.islower() or (wrapped and (first.isalnum() or first in _OPENERS))


def _unwrap(lines: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """Join the lines of hard-wrapped paragraphs. An article counts as hard-wrapped when at
    least two of its long lines run on into a line that opens in lower case."""
    if len(lines) < 2:
        return lines
    pairs = list(zip(lines, lines[1:]))
    wrapped = sum(_continues(text, a, b, c, False) for (a, b), (c, _d) in pairs) >= 2
    out = [lines[0]]
    for (a, b), (c, d) in pairs:
        if _continues(text, a, b, c, wrapped):
            out[-1] = (out[-1][0], d)
        else:
            out.append((c, d))
    return out


def _trimmed(start: int, end: int, text: str) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _split_line(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans = []
    begin = start
    for m in _TERMINATOR.finditer(text, start, end):
        nxt = _next_non_space(text, m.end(), end)
        if nxt >= end or not _is_boundary(text, m, nxt, start):
            continue
        spans.append(_trimmed(begin, m.end(), text))
        begin = nxt
    spans.append(_trimmed(begin, end, text))
    return [s for s in spans if s[0] < s[1]]


def _next_non_space(text: str, i: int, end: int) -> int:
    while i < end and text[i].isspace():
        i += 1
    return i


def _is_boundary(text: str, m: re.Match[str], nxt: int, line_start: int) -> bool:
    punct = m.group()
    if punct[0] in "\u3002\uff01\uff1f":
        return True
    ch = text[nxt]
    if not (ch.isupper() or ch.istitle() or ch.isdigit() or ch in _OPENERS):
        return False
    if punct.rstrip(_CLOSERS) != ".":  # ! ? ... are never abbreviations
        return True
    token = _token_before(text, m.start(), line_start)
    return not _is_abbreviation(token, text[nxt:nxt + 40])


def _token_before(text: str, period: int, line_start: int) -> str:
    """The word the period is attached to, including the period ("U.S.")."""
    i = period
    while i > line_start and not text[i - 1].isspace() and text[i - 1] not in _OPENERS:
        i -= 1
    return text[i:period + 1]


def _is_abbreviation(token: str, following: str) -> bool:
    """True when the period ending `token` is an abbreviation, not a sentence end."""
    if token.isupper() and len(token) > 2 and "." not in token[:-1]:
        token = token.title()  # ALL-CAPS text: "MR." -> "Mr."
    if token in _NEVER_SPLIT:
        return True
    if not (token in _AMBIGUOUS or _INITIAL.fullmatch(token) or _DOTTED_ACRONYM.fullmatch(token)):
        return False
    return not _opens_sentence(following)


def _opens_sentence(following: str) -> bool:
    if following[:1] in _OPENERS:
        return True  # a quotation after "U.S." starts a new sentence
    m = _WORD.match(following)
    if not m or following[m.end():m.end() + 1] == ".":
        return False  # a number ("Jan. 5") or another initial ("J. A. Smith")
    return m.group().lower() in _SENTENCE_STARTERS


def _line_kinds(text: str, lines: list[tuple[int, int]]) -> list[str]:
    kinds = ["body"] * len(lines)
    for i, (a, b) in enumerate(lines):
        if len(lines) > 1 and i == 0 and looks_like_headline(text[a:b]):
            kinds[i] = "headline"
        elif i > 0 and b - a <= CAPTION_MAX_CHARS and _CREDIT.search(text, a, b):
            kinds[i] = "caption"
    # Lines after a keyword/tag line at the very end are photo captions.
    for k in range(max(1, len(lines) - 3), len(lines) - 1):
        if _is_keyword_line(text[slice(*lines[k])]):
            for j in range(k + 1, len(lines)):
                if lines[j][1] - lines[j][0] <= CAPTION_MAX_CHARS:
                    kinds[j] = "caption"
            break
    return kinds


def _is_keyword_line(line: str) -> bool:
    """'Angela Merkel, Germany, Emmanuel Macron': short capitalised items, no verb-y ending."""
    if len(line) >= HEADLINE_MAX_CHARS or line[-1:] in ".!?:;":
        return False
    items = [s.strip() for s in line.split(",")]
    if len(items) < 2:
        return False
    return all(item and len(item.split()) <= 5 and (item[0].isupper() or item[0].isdigit())
               for item in items)
