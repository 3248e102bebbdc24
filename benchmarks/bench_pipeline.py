"""Pipeline speed: articles per second on one core after load, and time to first result.

    .venv/bin/python benchmarks/bench_pipeline.py [--articles N] [--build]

* throughput: articles from ../shared/eval/LGL.jsonl when present (evaluation data, read
  here, never bundled), else the bundled sample; one process pinned to one core, gazetteer
  already loaded.
* first result: a fresh process (imports + gazetteer open + one article); "cold" after the
  page cache was dropped (when this user may), "warm" right after.
* --build also times a gazetteer build from scratch.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import drop_page_cache

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "articles" / "putin-awards-kim-medal.txt"
EVAL = ROOT.parent / "shared" / "eval" / "LGL.jsonl"

FIRST_RESULT = """
import time, sys
t0 = time.perf_counter()
from mapper.core.articles import load_article
from mapper.core.pipeline import Pipeline
r = Pipeline().run(load_article(sys.argv[1]))
print(time.perf_counter() - t0, len(r.places))
"""


def pin_one_core() -> None:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})



def first_result(env: dict[str, str]) -> float:
    out = subprocess.run(["taskset", "-c", "0", sys.executable, "-c", FIRST_RESULT, str(SAMPLE)],
                         capture_output=True, text=True, env=env, check=True)
    return float(out.stdout.split()[0])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=300)
    ap.add_argument("--build", action="store_true")
    args = ap.parse_args()
    env = dict(os.environ)

    if args.build:
        from mapper.core import gazetteer
        with tempfile.TemporaryDirectory() as tmp:
            t0 = time.perf_counter()
            gazetteer.build(Path(tmp) / "g.sqlite")
            print(f"gazetteer build from scratch: {time.perf_counter() - t0:.1f} s")

    subprocess.run([sys.executable, "-m", "mapper", "gazetteer", "ensure"], env=env, check=True,
                   capture_output=True)
    dropped = drop_page_cache()
    cold = first_result(env)
    warm = min(first_result(env) for _ in range(3))
    print(f"first result, fresh process ({'page cache dropped' if dropped else 'page cache NOT dropped'}): {cold:.2f} s")
    print(f"first result, fresh process, warm disk cache (best of 3): {warm:.2f} s")

    pin_one_core()
    from mapper.core.articles import article_from_text
    from mapper.core.pipeline import Pipeline
    pipeline = Pipeline()
    if EVAL.exists():
        texts = [json.loads(line)["text"] for line in EVAL.open(encoding="utf-8")][: args.articles]
        source = f"{len(texts)} LGL articles"
    else:
        texts = [SAMPLE.read_text(encoding="utf-8")] * 20
        source = "the sample x20"
    articles = [article_from_text(t) for t in texts if t.strip()]
    pipeline.run(articles[0])  # load shapes and word lists once
    t0 = time.perf_counter()
    for a in articles:
        pipeline.run(a)
    elapsed = time.perf_counter() - t0
    chars = sum(len(a.text) for a in articles)
    print(f"throughput on one core after load ({source}, {chars / len(articles):.0f} chars avg): "
          f"{len(articles) / elapsed:.0f} articles/s")


if __name__ == "__main__":
    main()
