"""Error analysis on the gold corpora in ../shared/eval (evaluation only: nothing here feeds
the pipeline's data or rules).

    .venv/bin/python benchmarks/error_report.py [--corpus LGL] [--top 25] [--baseline] [--kind false|missed|far]

Per corpus, the most frequent
  * false places: system spans that overlap no gold span;
  * missed places: gold spans that no system span overlaps;
  * far-off placements: found gold spans placed more than 161 km away,
each with its count, the kind/country we gave it and one short context snippet.
"""
from __future__ import annotations

import argparse
from collections import Counter, defaultdict

from bench_quality import CORPORA, HEADER, load_corpus, make_pipeline, match, row, run_in_process, score


def snippet(text: str, start: int, end: int, width: int = 45) -> str:
    a, b = max(0, start - width), min(len(text), end + width)
    s = text[a:start] + "[" + text[start:end] + "]" + text[end:b]
    return " ".join(s.split())


def report(name: str, docs: list[dict], system: dict[str, list[dict]], top: int, kinds: set[str]) -> None:
    false: Counter[str] = Counter()
    missed: Counter[str] = Counter()
    far: Counter[tuple] = Counter()
    far_km: dict[tuple, list[float]] = defaultdict(list)
    example: dict = {}
    for d in docs:
        m = match(d, system.get(d["id"], []))
        for p in m["false_sys"]:
            k = (p["text"], p.get("kind"), p.get("country"), p.get("name"))
            false[k] += 1
            example.setdefault(("f", k), snippet(d["text"], p["start"], p["end"]))
        for t in m["missed"]:
            missed[t["name"]] += 1
            example.setdefault(("m", t["name"]), snippet(d["text"], t["start"], t["end"]))
        for t, p, km in m["found"]:
            if km > 161:
                k = (t["name"], p.get("name"), p.get("kind"), p.get("country"))
                far[k] += 1
                far_km[k].append(km)
                example.setdefault(("x", k), snippet(d["text"], t["start"], t["end"])
                                   + f"  gold=({t['lat']:.2f},{t['lon']:.2f}) ours=({p['lat']:.2f},{p['lon']:.2f})")
    nf, nm, nx = sum(false.values()), sum(missed.values()), sum(far.values())
    print(f"== {name}: {nf} false places, {nm} missed, {nx} placed > 161 km")
    if "false" in kinds:
        print(f"-- false places (top {top} of {len(false)} distinct)")
        for (text, kind, cc, pname), n in false.most_common(top):
            print(f"{n:5}  {text!r} -> {pname} [{kind} {cc}]   | {example[('f', (text, kind, cc, pname))]}")
    if "missed" in kinds:
        print(f"-- missed places (top {top} of {len(missed)} distinct)")
        for text, n in missed.most_common(top):
            print(f"{n:5}  {text!r}   | {example[('m', text)]}")
    if "far" in kinds:
        print(f"-- far-off placements (top {top} of {len(far)} distinct)")
        for k, n in far.most_common(top):
            text, pname, kind, cc = k
            med = sorted(far_km[k])[len(far_km[k]) // 2]
            print(f"{n:5}  {text!r} -> {pname} [{kind} {cc}] ~{med:.0f} km   | {example[('x', k)]}")
    print()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", choices=CORPORA, action="append")
    ap.add_argument("--top", type=int, default=25)
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--baseline", action="store_true", help="report on the population baseline instead")
    ap.add_argument("--kind", choices=("false", "missed", "far"), action="append")
    args = ap.parse_args()
    pipeline = make_pipeline(baseline=args.baseline)
    for name in args.corpus or CORPORA:
        docs = load_corpus(name, args.limit)
        system, speed = run_in_process(pipeline, docs)
        print(HEADER)
        print(row(name[:10], score(docs, system), speed))
        report(name, docs, system, args.top, set(args.kind or ("false", "missed", "far")))


if __name__ == "__main__":
    main()
