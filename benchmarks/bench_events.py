"""Events and memorial/casualty figures on real news, against our own annotations.

    .venv/bin/python benchmarks/bench_events.py [--tag before|after] [--verbose]

Reads benchmarks/annotations/events.jsonl (ids, offsets and labels only; see
benchmarks/annotations/GUIDELINES.md) and the article texts from ../shared/eval (evaluation
data, never bundled). Runs the default pipeline (no optional NER) on each annotated article
with its annotated date, and scores per split (train/test):

* events: a gold event is matched by a system event of the same kind whose sentence holds
  the gold trigger (one to one). "all" = kind, date and place all right; recall = gold events
  matched with all right / gold events; precision = system events matched with all right /
  system events. Per attribute: date, place and hedged accuracy over the kind-matched pairs.
* facts: a gold figure is matched by a system figure whose phrase overlaps the number.
  "all" = value, qualifier and place right. Per attribute: kind, value, qualifier, place.

A place is right when both are None, or the keys are equal, or the points are within 161 km.
With --tag the table is saved to benchmarks/results/events-<tag>.txt.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_quality import load_corpus, make_pipeline  # noqa: E402

from mapper.core.geo import haversine_km  # noqa: E402

ANNOTATIONS = ROOT / "benchmarks" / "annotations" / "events.jsonl"
RESULTS = ROOT / "benchmarks" / "results"


class PlaceJudge:
    def __init__(self, gazetteer):
        self.gazetteer = gazetteer
        self.missing: set[str] = set()

    def point(self, gold) -> tuple[float, float] | None:
        if gold is None:
            return None
        if isinstance(gold, list):
            return (gold[0], gold[1])
        c = self.gazetteer.get(gold)
        if c is None:
            self.missing.add(gold)
            return None
        return (c.lat, c.lon)

    def right(self, gold, sys_place) -> bool:
        """sys_place: None or (key, lat, lon)."""
        if gold is None or sys_place is None:
            return gold is None and sys_place is None
        if isinstance(gold, str) and gold == sys_place[0]:
            return True
        pt = self.point(gold)
        return pt is not None and haversine_km(*pt, sys_place[1], sys_place[2]) <= 161.0


def run(pipeline, ann: list[dict]) -> tuple[list[tuple[dict, object]], float]:
    from mapper.core.articles import article_from_text
    texts = {}
    for corpus in {a["corpus"] for a in ann}:
        for d in load_corpus(corpus):
            texts[(corpus, d["id"])] = d["text"]
    out = []
    t0 = time.process_time()
    for a in ann:
        text = texts[(a["corpus"], a["id"])]
        art = article_from_text(text, published=a.get("published"))
        assert art.text == text, "offsets would shift"
        out.append((a, pipeline.run(art)))
    return out, time.process_time() - t0


def score(pairs, judge: PlaceJudge, verbose: bool = False) -> dict:
    s = {k: 0 for k in ("ev_gold", "ev_sys", "ev_kind", "ev_all", "ev_date", "ev_place", "ev_hedged",
                        "fa_gold", "fa_sys", "fa_match", "fa_all", "fa_kind", "fa_value", "fa_qual",
                        "fa_place", "articles")}
    for a, r in pairs:
        s["articles"] += 1
        where = {p.id: (p.key, p.lat, p.lon) for p in r.places}
        sents = {x.id: (x.start, x.end) for x in r.sentences}
        sys_events = list(r.events)
        s["ev_gold"] += len(a["events"])
        s["ev_sys"] += len(sys_events)
        used: set[int] = set()
        for g in a["events"]:
            t = g["trigger"][0]
            cands = [(i, e) for i, e in enumerate(sys_events) if i not in used and e.kind == g["kind"]
                     and sents[e.sentence][0] <= t < sents[e.sentence][1]]
            if not cands:
                if verbose:
                    print(f"  MISS {a['id']} @{g['trigger']} {g['kind']} {g['date']} {g['place']}")
                continue

            def quality(ie):
                e = ie[1]
                return (e.date == g["date"]) + judge.right(g["place"], where.get(e.place))  # noqa: B023 - used at once
            i, e = max(cands, key=quality)
            used.add(i)
            s["ev_kind"] += 1
            d_ok = e.date == g["date"]
            p_ok = judge.right(g["place"], where.get(e.place))
            s["ev_date"] += d_ok
            s["ev_place"] += p_ok
            s["ev_hedged"] += e.hedged == g["hedged"]
            s["ev_all"] += d_ok and p_ok
            if verbose and not (d_ok and p_ok and e.hedged == g["hedged"]):
                print(f"  WRONG {a['id']} @{g['trigger']} {g['kind']}: date {e.date} (gold {g['date']}), "
                      f"place {where.get(e.place, (None,))[0]} (gold {g['place']}), hedged {e.hedged} "
                      f"(gold {g['hedged']})")
        if verbose:
            for i, e in enumerate(sys_events):
                if i not in used:
                    print(f"  EXTRA {a['id']} s{e.sentence}@{sents[e.sentence][0]} {e.kind} {e.trigger!r} "
                          f"{e.date} {where.get(e.place, (None,))[0]}")
        s["fa_gold"] += len(a["facts"])
        s["fa_sys"] += len(r.facts)
        fused: set[int] = set()
        for g in a["facts"]:
            cands = [(i, f) for i, f in enumerate(r.facts) if i not in fused
                     and f.start < g["end"] and g["start"] < f.end]
            if not cands:
                if verbose:
                    print(f"  MISS-FACT {a['id']} @{g['start']} {g['kind']} {g['value']} {g['qualifier']} "
                          f"{g['place']}")
                continue
            i, f = cands[0]
            fused.add(i)
            s["fa_match"] += 1
            ok = {"kind": f.kind == g["kind"], "value": f.value == g["value"],
                  "qual": f.qualifier == g["qualifier"],
                  "place": judge.right(g["place"], where.get(f.place))}
            for k, v in ok.items():
                s["fa_" + k] += v
            s["fa_all"] += ok["value"] and ok["qual"] and ok["place"]
            if verbose and not all(ok.values()):
                print(f"  WRONG-FACT {a['id']} @{g['start']}: {f.kind} {f.value} {f.qualifier} "
                      f"{where.get(f.place, (None,))[0]} (gold {g['kind']} {g['value']} {g['qualifier']} "
                      f"{g['place']})")
        if verbose:
            for i, f in enumerate(r.facts):
                if i not in fused:
                    print(f"  EXTRA-FACT {a['id']} @{f.start} {f.kind} {f.value} {f.qualifier} {f.text!r}")
    return s


def ratio(a: int, b: int) -> str:
    return f"{a / b:.3f}" if b else "  -  "


def table(by_split: dict[str, dict]) -> str:
    lines = []
    hdr = f"{'split':6} {'art':>4} | {'ev gold':>7} {'ev sys':>6} {'R all':>6} {'P all':>6} {'R kind':>6} " \
          f"{'P kind':>6} {'date':>6} {'place':>6} {'hedged':>6} | {'fa gold':>7} {'fa sys':>6} " \
          f"{'R all':>6} {'P all':>6} {'found':>6} {'kind':>6} {'value':>6} {'qual':>6} {'place':>6}"
    lines.append(hdr)
    lines.append("-" * len(hdr))
    for name, s in by_split.items():
        lines.append(
            f"{name:6} {s['articles']:>4} | {s['ev_gold']:>7} {s['ev_sys']:>6} "
            f"{ratio(s['ev_all'], s['ev_gold']):>6} {ratio(s['ev_all'], s['ev_sys']):>6} "
            f"{ratio(s['ev_kind'], s['ev_gold']):>6} {ratio(s['ev_kind'], s['ev_sys']):>6} "
            f"{ratio(s['ev_date'], s['ev_kind']):>6} {ratio(s['ev_place'], s['ev_kind']):>6} "
            f"{ratio(s['ev_hedged'], s['ev_kind']):>6} | {s['fa_gold']:>7} {s['fa_sys']:>6} "
            f"{ratio(s['fa_all'], s['fa_gold']):>6} {ratio(s['fa_all'], s['fa_sys']):>6} "
            f"{ratio(s['fa_match'], s['fa_gold']):>6} {ratio(s['fa_kind'], s['fa_match']):>6} "
            f"{ratio(s['fa_value'], s['fa_match']):>6} {ratio(s['fa_qual'], s['fa_match']):>6} "
            f"{ratio(s['fa_place'], s['fa_match']):>6}")
    lines.append("")
    lines.append("events: R/P all = kind, date and place all right; date/place/hedged = accuracy over "
                 "kind-matched pairs")
    lines.append("facts: R/P all = value, qualifier and place right; found = gold figures matched by "
                 "span; kind/value/qual/place = accuracy over found figures")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--tag", help="save the table as benchmarks/results/events-TAG.txt (before, after, round2, ...)")
    ap.add_argument("--split", choices=("train", "test"), help="verbose listing for one split only")
    ap.add_argument("--verbose", action="store_true", help="list misses and extras")
    args = ap.parse_args()
    ann = [json.loads(x) for x in ANNOTATIONS.read_text(encoding="utf-8").splitlines() if x.strip()]
    pipeline = make_pipeline()
    judge = PlaceJudge(pipeline.gazetteer)
    pairs, cpu = run(pipeline, ann)
    by_split = {}
    for split in ("train", "test"):
        sel = [p for p in pairs if p[0]["split"] == split]
        verbose = args.verbose and args.split in (None, split)
        by_split[split] = score(sel, judge, verbose)
    by_split["all"] = {k: by_split["train"][k] + by_split["test"][k] for k in by_split["train"]}
    out = table(by_split)
    out += f"\n{len(pairs)} articles, {len(pairs) / cpu:.0f} articles/s (pipeline, in process)"
    if judge.missing:
        out += f"\nWARNING: gold keys not in the gazetteer: {sorted(judge.missing)}"
    print(out)
    if args.tag:
        RESULTS.mkdir(exist_ok=True)
        (RESULTS / f"events-{args.tag}.txt").write_text(
            f"$ .venv/bin/python benchmarks/bench_events.py --tag {args.tag}\n" + out + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
