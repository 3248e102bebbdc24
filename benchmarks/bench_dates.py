"""Date normalisation on real news: TimeBank (TBAQ-cleaned, as distributed for TempEval-3).

    .venv/bin/python benchmarks/bench_dates.py [--save before|after] [--only mapper]

Data: ../shared/eval/timebank.jsonl (183 news documents, creation date + gold TIMEX3;
evaluation data, read here and never bundled or copied into code).

What is scored (the TempEval-3 way, restricted to DATE):
* Gold set: TIMEX3 of type DATE (1,016). TIME (22), DURATION (189) and SET (16) are left
  out because mapper's dates answer "when did it happen" (a calendar day, week, month,
  quarter, season, year, decade, or PRESENT/PAST/FUTURE_REF), never "how long" or "how
  often". A system span that overlaps a gold TIME/DURATION/SET expression is set aside
  (counted neither right nor wrong), so a system is not punished for finding those.
* Recognition: strict F1 (exact span) and relaxed F1 (any overlap), one-to-one matching.
* value acc: gold DATE expressions with a calendar value (starts with a digit; 886):
  share whose overlapping system span carries exactly the gold value (missed = wrong).
* "mapper" runs find_dates on the whole document; "mapper/sent" one sentence at a time
  (mapper's own sentence splitter) with the 1,500 characters before it as `context`, the
  way events.py calls it.
* value F1 (as TempEval-3 reports it): correct values / system spans (P) and correct
  values / all gold DATE expressions (R), over relaxed matches.

Libraries from the same run (installed by hand into the venv only for this benchmark,
never project dependencies; a missing one is skipped and said so):
* dateparser.search.search_dates with RELATIVE_BASE = the creation date;
* ctparse, one sentence at a time (it returns the single best expression of a string),
  with the creation date as reference time;
* timexy (spaCy component, blank English pipeline, TIMEX3 output).
dateparser and timexy return a full datetime; it is cut to the granularity the matched
words carry (day number or weekday/today/yesterday/tomorrow -> day; month name -> month;
a 4-digit year only -> year), which only helps them.

Split: documents are split deterministically by the SHA-1 of their id: test when the
hash is 0 mod 3 (about 1/3), dev otherwise. Rules are tuned on dev only; every table
reports both.

Published anchor (TempEval-3 test set, all types): HeidelTime relaxed F1 0.90,
strict F1 0.81, value F1 0.78.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import time
from datetime import date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DATA = ROOT.parent / "shared" / "eval" / "timebank.jsonl"
RESULTS = ROOT / "benchmarks" / "results"

Span = tuple[int, int, str]  # start, end, TIMEX3 value ("" when unknown)


def split_of(doc_id: str) -> str:
    return "test" if int(hashlib.sha1(doc_id.encode()).hexdigest(), 16) % 3 == 0 else "dev"


def load() -> list[dict]:
    return [json.loads(line) for line in DATA.open(encoding="utf-8")]


# ------------------------------------------------------------------ systems

def mapper_system():
    from mapper.core import dates as D  # noqa: N812 - D.find_dates reads as the module

    try:
        import inspect
        has_refs = "refs" in inspect.signature(D.find_dates).parameters
    except (TypeError, ValueError):
        has_refs = False

    def timex_of(dm) -> str:
        t = getattr(dm, "timex", None)
        if t:
            return t
        if dm.precision == "week":
            y, w, _ = date.fromisoformat(dm.value).isocalendar()
            return f"{y:04d}-W{w:02d}"
        if dm.precision == "decade":
            return dm.value[:3]
        return dm.value

    def run(doc: dict) -> list[Span]:
        pub = date.fromisoformat(doc["dct"])
        kw = {"refs": True} if has_refs else {}
        return [(dm.start, dm.end, timex_of(dm)) for dm in D.find_dates(doc["text"], pub, **kw)]
    return run


_DAYISH = re.compile(r"\b(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\b|day\b|today|tomorrow|"
                     r"yesterday|tonight", re.I)
_MONTHISH = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|month",
                       re.I)
_YEARISH = re.compile(r"\b\d{4}\b|year", re.I)


def _cut(text: str, dt: datetime) -> str:
    """A full datetime cut to the granularity the words carry (helps the libraries)."""
    if _DAYISH.search(re.sub(r"\b\d{4}\b", "", text)):
        return dt.strftime("%Y-%m-%d")
    if _MONTHISH.search(text):
        return dt.strftime("%Y-%m")
    if _YEARISH.search(text):
        return dt.strftime("%Y")
    return dt.strftime("%Y-%m-%d")


def _locate(text: str, found: list[tuple[str, str]]) -> list[Span]:
    """Offsets of substrings returned in text order (libraries that give no offsets)."""
    out, pos = [], 0
    for sub, value in found:
        i = text.find(sub, pos)
        if i < 0:
            i = text.find(sub)
            if i < 0:
                continue
        else:
            pos = i + len(sub)
        out.append((i, i + len(sub), value))
    return out


def dateparser_system():
    from dateparser.search import search_dates

    def run(doc: dict) -> list[Span]:
        base = datetime.fromisoformat(doc["dct"])
        res = search_dates(doc["text"], languages=["en"],
                           settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"}) or []
        return _locate(doc["text"], [(s, _cut(s, dt)) for s, dt in res])
    return run


_SENT = re.compile(r"[^.!?\n]+(?:[.!?]+|$)")


def ctparse_system():
    import logging

    from ctparse import ctparse
    from ctparse.types import Interval, Time

    logging.getLogger("ctparse").setLevel(logging.ERROR)

    def value(r) -> str:
        if isinstance(r, Interval):
            r = r.t_from or r.t_to
        if not isinstance(r, Time) or r.year is None and r.month is None and r.day is None:
            return ""
        if r.year and r.month and r.day:
            return f"{r.year:04d}-{r.month:02d}-{r.day:02d}"
        if r.year and r.month:
            return f"{r.year:04d}-{r.month:02d}"
        if r.year:
            return f"{r.year:04d}"
        return ""

    def run(doc: dict) -> list[Span]:
        ts = datetime.fromisoformat(doc["dct"])
        out = []
        for m in _SENT.finditer(doc["text"]):
            s = m.group(0)
            if not s.strip():
                continue
            try:
                r = ctparse(s, ts=ts, timeout=0.3)
            except Exception:  # noqa: BLE001 - a library failure is a miss
                r = None
            if r is None or r.resolution is None:
                continue
            res = r.resolution
            out.append((m.start() + res.mstart, m.start() + res.mend, value(res)))
        return out
    return run


def timexy_system():
    import spacy
    import timexy  # noqa: F401 - registers the component

    nlp = spacy.blank("en")
    nlp.add_pipe("timexy", config={"kb_id_type": "timex3", "label": "timex3",
                                   "overwrite": False})

    def run(doc: dict) -> list[Span]:
        out = []
        for e in nlp(doc["text"]).ents:
            m = re.search(r'type="(\w+)" value="([^"]*)"', e.kb_id_)
            if not m:
                continue
            kind, val = m.groups()
            if kind == "DATE":
                try:
                    val = _cut(e.text, datetime.fromisoformat(val))
                except ValueError:
                    pass
            out.append((e.start_char, e.end_char, val))
        return out
    return run


def mapper_by_sentence_system():
    """find_dates one sentence at a time, as events.py calls it: the article before the
    sentence (up to 1,500 characters) given as `context`."""
    from mapper.core import dates as D  # noqa: N812 - D.find_dates reads as the module
    from mapper.core.sentences import split_sentences

    whole = mapper_system()

    def run(doc: dict) -> list[Span]:
        try:
            D.find_dates("", None, context="")
        except TypeError:
            return whole(doc)  # before: no context parameter, same as whole-text
        pub = date.fromisoformat(doc["dct"])
        text = doc["text"]
        out = []
        for sent in split_sentences(text):
            s0 = sent.start
            for dm in D.find_dates(sent.text, pub, context=text[max(0, s0 - 1500):s0],
                                   refs=True):
                out.append((s0 + dm.start, s0 + dm.end, dm.timex or dm.value))
        return out
    return run


SYSTEMS = {"mapper": mapper_system, "mapper/sent": mapper_by_sentence_system, "dateparser": dateparser_system,
           "ctparse": ctparse_system, "timexy": timexy_system}


# ------------------------------------------------------------------ scoring

def score(docs: list[dict], outputs: dict[str, list[Span]]) -> dict[str, float]:
    tp_strict = tp_relaxed = n_sys = n_gold = 0
    cal_gold = cal_right = val_right = 0
    for doc in docs:
        gold = [t for t in doc["timexes"] if t["type"] == "DATE"]
        other = [t for t in doc["timexes"] if t["type"] != "DATE"]
        sys_spans = [s for s in outputs[doc["id"]]
                     if not any(s[0] < o["end"] and o["start"] < s[1] for o in other)
                     or any(s[0] < g["end"] and g["start"] < s[1] for g in gold)]
        n_sys += len(sys_spans)
        n_gold += len(gold)
        used: set[int] = set()
        for g in gold:
            # one-to-one: the first unused system span overlapping this gold span
            best = None
            for i, s in enumerate(sys_spans):
                if i in used or not (s[0] < g["end"] and g["start"] < s[1]):
                    continue
                if best is None or (s[0], s[1]) == (g["start"], g["end"]):
                    best = i
            cal = g["value"][:1].isdigit()
            cal_gold += cal
            if best is None:
                continue
            used.add(best)
            s = sys_spans[best]
            tp_relaxed += 1
            tp_strict += (s[0], s[1]) == (g["start"], g["end"])
            if s[2] == g["value"]:
                val_right += 1
                cal_right += cal

    def f1(tp: int) -> float:
        p = tp / n_sys if n_sys else 0.0
        r = tp / n_gold if n_gold else 0.0
        return 2 * p * r / (p + r) if p + r else 0.0
    p_rel = tp_relaxed / n_sys if n_sys else 0.0
    r_rel = tp_relaxed / n_gold if n_gold else 0.0
    return {"strict_f1": f1(tp_strict), "relaxed_p": p_rel, "relaxed_r": r_rel,
            "relaxed_f1": f1(tp_relaxed), "value_acc": cal_right / cal_gold if cal_gold else 0.0,
            "value_f1": f1(val_right), "gold": n_gold, "cal_gold": cal_gold, "sys": n_sys}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--save", choices=["before", "after"])
    ap.add_argument("--only", choices=sorted(SYSTEMS))
    ap.add_argument("--errors", type=int, default=0,
                    help="print N mapper value errors on the DEV split (never test)")
    args = ap.parse_args()
    docs = load()
    split = {d["id"]: split_of(d["id"]) for d in docs}
    parts = {"dev": [d for d in docs if split[d["id"]] == "dev"],
             "test": [d for d in docs if split[d["id"]] == "test"]}
    lines = [f"TimeBank (TBAQ-cleaned) DATE expressions; split by SHA-1 of doc id: "
             f"dev {len(parts['dev'])} docs / "
             f"{sum(t['type'] == 'DATE' for d in parts['dev'] for t in d['timexes'])} DATE, "
             f"test {len(parts['test'])} docs / "
             f"{sum(t['type'] == 'DATE' for d in parts['test'] for t in d['timexes'])} DATE",
             "",
             f"{'system':<11} {'split':<5} {'strict F1':>9} {'relaxed P':>9} {'relaxed R':>9} "
             f"{'relaxed F1':>10} {'value acc':>9} {'value F1':>8} {'docs/s':>7}"]
    skipped = []
    names = [args.only] if args.only else list(SYSTEMS)
    for name in names:
        try:
            run = SYSTEMS[name]()
        except ImportError as exc:
            skipped.append(f"{name}: not installed ({exc.name}), skipped")
            continue
        t0 = time.perf_counter()
        outputs = {d["id"]: run(d) for d in docs}
        rate = len(docs) / (time.perf_counter() - t0)
        for part in ("dev", "test"):
            s = score(parts[part], outputs)
            lines.append(f"{name:<11} {part:<5} {s['strict_f1']:>9.3f} {s['relaxed_p']:>9.3f} "
                         f"{s['relaxed_r']:>9.3f} {s['relaxed_f1']:>10.3f} {s['value_acc']:>9.3f} "
                         f"{s['value_f1']:>8.3f} {rate:>7.0f}")
        if name == "mapper" and args.errors:
            n = 0
            for d in parts["dev"]:
                out = outputs[d["id"]]
                for g in d["timexes"]:
                    if g["type"] != "DATE":
                        continue
                    hit = [s for s in out if s[0] < g["end"] and g["start"] < s[1]]
                    if hit and hit[0][2] == g["value"]:
                        continue
                    ctx = d["text"][max(0, g["start"] - 60): g["end"] + 30].replace("\n", " ")
                    print(f"{d['dct']} gold {g['text']!r}={g['value']} sys "
                          f"{[(d['text'][s[0]:s[1]], s[2]) for s in hit]} | {ctx}")
                    n += 1
                    if n >= args.errors:
                        break
                if n >= args.errors:
                    break
            fp = 0
            for d in parts["dev"]:
                for s in outputs[d["id"]]:
                    if not any(s[0] < g["end"] and g["start"] < s[1] for g in d["timexes"]):
                        fp += 1
                        if fp <= args.errors // 2:
                            print(f"FP {d['text'][s[0]:s[1]]!r}={s[2]} | "
                                  f"{d['text'][max(0, s[0] - 50): s[1] + 30]!r}")
    lines += ["", *skipped,
              "Published anchor, TempEval-3 test set (all TIMEX3 types): HeidelTime relaxed F1 "
              "0.90, strict F1 0.81, value F1 0.78.",
              "value acc = gold DATE with a calendar value whose value is exactly right / their "
              "count; value F1 = TempEval-3 attribute F1 over all gold DATE."]
    table = "\n".join(lines)
    print(table)
    if args.save:
        RESULTS.mkdir(exist_ok=True)
        (RESULTS / f"dates-{args.save}.txt").write_text(table + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
