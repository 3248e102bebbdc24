"""Geoparsing quality on the public gold corpora in ../shared/eval (evaluation only).

    .venv/bin/python benchmarks/bench_quality.py [--corpus LGL] [--limit N]

Runs `mapper geoparse --jsonl` on each corpus, scores it with our scorer, and cross-checks
with ../shared/tools/geoscore.py (the independent scorer) when present.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPORA = ("LGL", "TR-News", "GeoVirus")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", choices=CORPORA, action="append")
    ap.add_argument("--limit", type=int, default=0)
    args = ap.parse_args()
    for name in args.corpus or CORPORA:
        gold = SHARED / "eval" / f"{name}.jsonl"
        if not gold.exists():
            print(f"{name}: missing {gold}")
            continue
        with tempfile.TemporaryDirectory() as tmp:
            src = Path(tmp) / "in.jsonl"
            lines = [l for l in gold.read_text(encoding="utf-8").split("\n") if l.strip()]
            if args.limit:
                lines = lines[: args.limit]
            src.write_text("\n".join(json.dumps({"id": json.loads(l)["id"], "text": json.loads(l)["text"]})
                                     for l in lines) + "\n", encoding="utf-8")
            sub_gold = Path(tmp) / "gold.jsonl"
            sub_gold.write_text("\n".join(lines) + "\n", encoding="utf-8")
            out = Path(tmp) / "out.jsonl"
            t0 = time.perf_counter()
            subprocess.run([sys.executable, "-m", "mapper", "geoparse", "--jsonl", str(src), "--out", str(out)],
                           check=True, capture_output=True)
            wall = time.perf_counter() - t0
            score = subprocess.run([sys.executable, str(SHARED / "tools" / "geoscore.py"), str(sub_gold), str(out)],
                                   capture_output=True, text=True)
            print(f"{name} ({len(lines)} articles, {wall:.1f} s wall incl. load): {score.stdout.strip() or score.stderr.strip()}")


if __name__ == "__main__":
    main()
