"""What each recognition rule is worth: switch it off, rerun, compare (evaluation only).

    .venv/bin/python benchmarks/rule_report.py [--limit N] [--corpus LGL] [--rules a,b]

For every rule of mapper/core/recognition_rules.py (or those --rules names), the pipeline
runs on the gold corpora in ../shared/eval with that rule switched off, in-process (the
loading and scoring of bench_quality.py), and the table prints the rule's gain: the figure
with the rule minus the figure without it, in points (0.01 = 1 point), for recognition
precision (P), recall (R), acc@161km (A) and end-to-end (E), per corpus. "changed" counts
the system spans that differ. A rule that gains nothing anywhere (no positive gain on any
figure in any corpus) is listed as a candidate for deletion.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_quality import CORPORA, load_corpus, make_pipeline, run_in_process, score

FIGURES = (("precision", "P"), ("recall", "R"), ("acc161", "A"), ("end_to_end", "E"))


def spans(system: dict[str, list[dict]]) -> set[tuple[str, int, int, float, float]]:
    return {(doc, p["start"], p["end"], round(p["lat"], 4), round(p["lon"], 4))
            for doc, places in system.items() for p in places}


def run_all(pipeline, corpora: dict[str, list[dict]]) -> dict[str, tuple[dict, set]]:
    out = {}
    for name, docs in corpora.items():
        system, _ = run_in_process(pipeline, docs)
        out[name] = (score(docs, system), spans(system))
    return out


def gains(base: dict, off: dict) -> dict[str, dict[str, float]]:
    """Per corpus and figure: with the rule minus without it, in points."""
    return {c: {k: round(100 * (base[c][0][k] - off[c][0][k]), 2) for k, _ in FIGURES} for c in base}


def header(names: list[str]) -> str:
    cells = "".join(f"{c:^31}" for c in names)
    sub = "".join("".join(f"{s:>7}" for _, s in FIGURES) + "   " for _ in names)
    return f"{'rule':<24}{'says':>5}  {cells}{'changed':>8}\n{'':<31}{sub}"


def line(name: str, verdict: str, g: dict, changed: int) -> str:
    cells = "".join("".join(f"{g[c][k]:>+7.2f}" for k, _ in FIGURES) + "   " for c in g)
    return f"{name:<24}{verdict:>5}  {cells}{changed:>8}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", choices=CORPORA, action="append")
    ap.add_argument("--limit", type=int, default=0, help="the first N articles of each corpus (a quick run)")
    ap.add_argument("--rules", help="only these rules, comma-separated")
    args = ap.parse_args()
    from mapper.core.recognition_rules import RULES, check_names
    from mapper.core.recognize import Recogniser
    rules = [r for r in RULES if not args.rules or r.name in check_names(args.rules.split(","))]
    corpora = {c: load_corpus(c, args.limit) for c in args.corpus or CORPORA}
    pipeline = make_pipeline()
    started = time.perf_counter()
    base = run_all(pipeline, corpora)
    print("Recognition rules: the gain of each (with it minus without it, in points) on "
          + ", ".join(f"{c} ({len(d)} articles)" for c, d in corpora.items())
          + ("" if not args.limit else f"; first {args.limit} articles only"))
    print("P precision, R recall, A acc@161km, E end-to-end; changed: system spans that differ\n")
    print("with every rule on: " + "; ".join(
        f"{c} " + " ".join(f"{s} {base[c][0][k]:.4f}" for k, s in FIGURES) for c in base) + "\n")
    print(header(list(corpora)))
    idle = []
    for rule in rules:
        pipeline.recogniser = Recogniser(pipeline.gazetteer, disabled_rules={rule.name})
        off = run_all(pipeline, corpora)
        g = gains(base, off)
        changed = sum(len(base[c][1] ^ off[c][1]) for c in base)
        print(line(rule.name, rule.verdict, g, changed), flush=True)
        if not any(v > 0 for per in g.values() for v in per.values()):
            idle.append((rule.name, changed, min(v for per in g.values() for v in per.values())))
    print("\nGain nothing anywhere (candidates for deletion):")
    for name, changed, worst in idle or [("(none)", 0, 0.0)]:
        spans_ = f"{changed} span{'s' if changed > 1 else ''} change{'' if changed > 1 else 's'}"
        what = "no effect" if not changed else (f"{spans_}, no figure moves" if worst == 0
                                                else f"{spans_}, costs up to {-worst:.2f} points")
        print(f"  {name}: {what}" if name != "(none)" else "  (none)")
    print(f"\n{len(rules)} rules in {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
