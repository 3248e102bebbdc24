"""Geoparsing quality on the public gold corpora in ../shared/eval (evaluation only).

    .venv/bin/python benchmarks/bench_quality.py [--corpus LGL] [--limit N] [--no-cli] [--no-baseline]
                                                 [--ner spacy:MODEL]

Per corpus it prints, for our pipeline and for the population baseline (same gazetteer and
recogniser, the largest population wins: `Resolver(baseline=True)`), precision, recall and F1
of recognition, acc@161km, AUC, median and mean error, end-to-end and articles per second
(one core, after load).

Our figures come from `mapper geoparse --jsonl` (the shipped command line); they are scored by
our scorer below and cross-checked against ../shared/tools/geoscore.py (the independent
scorer): the two must agree, and the script says so. The baseline runs in-process.

`--ner SPEC` measures an optional recogniser (`mapper geoparse --ner SPEC`, such as
spacy:en_core_web_sm) in place of the default gazetteer rules, for our pipeline and the baseline.
"""
from __future__ import annotations

import argparse
import json
import math
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPORA = ("LGL", "TR-News", "GeoVirus")
FIGURES = ("precision", "recall", "f1", "acc161", "auc", "median_km", "mean_km", "end_to_end")
sys.path.insert(0, str(ROOT))


# ---- corpora ------------------------------------------------------------------------------
def load_corpus(name: str, limit: int = 0) -> list[dict]:
    path = SHARED / "eval" / f"{name}.jsonl"
    docs = [json.loads(line) for line in path.read_text(encoding="utf-8").split("\n") if line.strip()]
    return docs[:limit] if limit else docs


# ---- scoring (independent re-implementation of the README's definitions) -----------------
def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def _overlap(a0: int, a1: int, b0: int, b1: int) -> bool:
    return a0 < b1 and b0 < a1


def match(gold_doc: dict, places: list[dict]) -> dict:
    """Per-article matching: which system spans hit gold, and each found gold span's error."""
    spans = gold_doc["toponyms"]
    places = [p for p in places if p.get("start") is not None]
    true_sys = [p for p in places if any(_overlap(p["start"], p["end"], t["start"], t["end"]) for t in spans)]
    false_sys = [p for p in places if p not in true_sys]
    found, missed = [], []
    for t in spans:
        hits = [p for p in places if _overlap(p["start"], p["end"], t["start"], t["end"]) and p.get("lat") is not None]
        if not hits:
            missed.append(t)
            continue
        best = min(hits, key=lambda p: haversine_km(t["lat"], t["lon"], p["lat"], p["lon"]))
        found.append((t, best, haversine_km(t["lat"], t["lon"], best["lat"], best["lon"])))
    return {"n_sys": len(places), "true_sys": true_sys, "false_sys": false_sys, "found": found, "missed": missed}


def score(gold: list[dict], system: dict[str, list[dict]]) -> dict:
    n_gold = n_sys = tp_sys = 0
    errors: list[float] = []
    for g in gold:
        m = match(g, system.get(g["id"], []))
        n_gold += len(g["toponyms"])
        n_sys += m["n_sys"]
        tp_sys += len(m["true_sys"])
        errors += [km for _, _, km in m["found"]]
    prec = tp_sys / n_sys if n_sys else 0.0
    rec = len(errors) / n_gold if n_gold else 0.0
    return {
        "articles": len(gold), "gold": n_gold, "system": n_sys,
        "precision": round(prec, 4), "recall": round(rec, 4),
        "f1": round(2 * prec * rec / (prec + rec), 4) if prec + rec else 0.0,
        "acc161": round(sum(x <= 161 for x in errors) / len(errors), 4) if errors else 0.0,
        "auc": round(sum(math.log(x + 1) for x in errors) / (len(errors) * math.log(20039 + 1)), 4) if errors else 1.0,
        "median_km": round(statistics.median(errors), 1) if errors else None,
        "mean_km": round(statistics.fmean(errors), 1) if errors else None,
        "end_to_end": round(sum(x <= 161 for x in errors) / n_gold, 4) if n_gold else 0.0,
    }


# ---- running ------------------------------------------------------------------------------
_RECORD_KEYS = ("start", "end", "name", "text", "lat", "lon", "kind", "country")


def places_of(result) -> list[dict]:
    """The same records `mapper geoparse --jsonl` writes."""
    out = [{"start": m.start, "end": m.end, "name": p.name, "text": m.text, "lat": p.lat, "lon": p.lon,
            "kind": p.kind, "country": p.country} for p in result.places for m in p.mentions]
    out.sort(key=lambda d: d["start"])
    return out


def make_pipeline(*, baseline: bool = False, ner: str | None = None):
    from mapper.core.gazetteer import Gazetteer
    from mapper.core.ner import make_recogniser
    from mapper.core.pipeline import Pipeline
    from mapper.core.resolve import Resolver
    from mapper.core.shapes import country_shapes
    gazetteer = Gazetteer()
    pipeline = Pipeline(gazetteer, recogniser=make_recogniser(ner, gazetteer))
    if baseline:
        pipeline.resolver = Resolver(country_shapes("50m"), baseline=True)
    return pipeline


def run_in_process(pipeline, docs: list[dict]) -> tuple[dict[str, list[dict]], float]:
    """System output per article id, and articles per second (one core, after load)."""
    from mapper.core.articles import article_from_text
    from mapper.core.errors import ArticleError
    out: dict[str, list[dict]] = {}
    t0 = time.process_time()
    for d in docs:
        try:
            out[d["id"]] = places_of(pipeline.run(article_from_text(d["text"])))
        except ArticleError:
            out[d["id"]] = []
    cpu = time.process_time() - t0
    return out, len(docs) / cpu if cpu else float("inf")


def run_cli(docs: list[dict], tmp: Path, ner: str | None = None) -> tuple[dict[str, list[dict]], Path, Path]:
    src, out, gold = tmp / "in.jsonl", tmp / "out.jsonl", tmp / "gold.jsonl"
    src.write_text("".join(json.dumps({"id": d["id"], "text": d["text"]}) + "\n" for d in docs), encoding="utf-8")
    gold.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    subprocess.run([sys.executable, "-m", "mapper", "geoparse", "--jsonl", str(src), "--out", str(out),
                    *(["--ner", ner] if ner else [])], check=True, capture_output=True, cwd=ROOT)
    system = {}
    for line in out.read_text(encoding="utf-8").split("\n"):
        if line.strip():
            rec = json.loads(line)
            # the fields places_of() gives (the CLI adds confidence, and rules with --explain)
            system[rec["id"]] = [{k: p.get(k) for k in _RECORD_KEYS} for p in rec["places"]]
    return system, gold, out


def geoscore(gold: Path, system: Path) -> dict | None:
    tool = SHARED / "tools" / "geoscore.py"
    if not tool.exists():
        return None
    done = subprocess.run([sys.executable, str(tool), str(gold), str(system)], capture_output=True, text=True)
    return json.loads(done.stdout) if done.returncode == 0 else None


def agree(ours: dict, theirs: dict) -> list[str]:
    bad = []
    for k, v in theirs.items():
        w = ours.get(k)
        if isinstance(v, float) and isinstance(w, float):
            if abs(v - w) > (0.15 if k.endswith("_km") else 2e-4):
                bad.append(f"{k}: ours {w} vs geoscore {v}")
        elif v != w:
            bad.append(f"{k}: ours {w} vs geoscore {v}")
    return bad


# ---- printing -----------------------------------------------------------------------------
def row(label: str, s: dict, speed: float | None) -> str:
    cells = [f"{s[k]:>11.4f}" if k not in ("median_km", "mean_km") else f"{(s[k] or 0):>11.1f}" for k in FIGURES]
    return f"  {label:<10}" + "".join(cells) + (f"{speed:>10.0f}" if speed else f"{'':>10}")


HEADER = "  " + f"{'':<10}" + "".join(f"{k:>11}" for k in FIGURES) + f"{'art/s':>10}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", choices=CORPORA, action="append")
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--no-cli", action="store_true", help="run our pipeline in-process instead of the CLI")
    ap.add_argument("--no-baseline", action="store_true")
    ap.add_argument("--json", action="store_true", help="also print one JSON line per corpus and system")
    ap.add_argument("--ner", metavar="SPEC", help="an optional recogniser, such as spacy:en_core_web_sm")
    args = ap.parse_args()
    from mapper.core.errors import MapperError
    try:
        ours_pipe = make_pipeline(ner=args.ner)
        base_pipe = None if args.no_baseline else make_pipeline(baseline=True, ner=args.ner)
    except MapperError as err:
        sys.exit(f"bench_quality: {err}")
    if args.ner:
        print(f"recogniser: {args.ner}")
    for name in args.corpus or CORPORA:
        docs = load_corpus(name, args.limit)
        print(f"{name} ({len(docs)} articles, {sum(len(d['toponyms']) for d in docs)} gold toponyms)")
        print(HEADER)
        # articles/s always from the in-process run: one core, after load
        system, speed = run_in_process(ours_pipe, docs)
        check = ""
        if not args.no_cli:
            with tempfile.TemporaryDirectory() as tmp:
                cli_system, gold_path, out_path = run_cli(docs, Path(tmp), args.ner)
                theirs = geoscore(gold_path, out_path)
            if cli_system != system:
                diff = sum(cli_system.get(k) != v for k, v in system.items())
                check += f"  note: CLI output differs from in-process output on {diff} articles\n"
            system = cli_system
        ours = score(docs, system)
        if not args.no_cli:
            if theirs is None:
                check += "  geoscore.py: not available\n"
            else:
                bad = agree(ours, theirs)
                check += ("  scorer check: agrees with geoscore.py\n" if not bad
                          else "  scorer check: DISAGREES with geoscore.py: " + "; ".join(bad) + "\n")
        print(row("mapper", ours, speed))
        if base_pipe is not None:
            base_system, base_speed = run_in_process(base_pipe, docs)
            base = score(docs, base_system)
            print(row("baseline", base, base_speed))
        print(check, end="")
        if args.json:
            print(json.dumps({"corpus": name, "system": "mapper", **ours, "articles_per_s": round(speed, 1)}))
            if base_pipe is not None:
                print(json.dumps({"corpus": name, "system": "baseline", **base, "articles_per_s": round(base_speed, 1)}))


if __name__ == "__main__":
    main()
