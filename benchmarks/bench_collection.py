"""Collections: import speed on one core, opening a 10,000-article collection, its merged map,
and (--crash) kill -9 during an import of 5,000 articles then a rerun.

The articles are made at run time by repeating the ../shared/eval corpora texts, each with
its own closing line (so that each is a distinct article); no corpus text is written to the
repository.

    .venv/bin/python benchmarks/bench_collection.py [--n 10000] [--crash 5000]
"""
from __future__ import annotations

import argparse
import json
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
EVAL = ROOT.parent / "shared" / "eval"
CORPORA = ("LGL.jsonl", "TR-News.jsonl", "GeoVirus.jsonl")


def corpus_texts() -> list[str]:
    texts = []
    for name in CORPORA:
        with open(EVAL / name, encoding="utf-8") as f:
            texts += [json.loads(line)["text"] for line in f if line.strip()]
    return texts


def write_corpus(path: Path, n: int) -> None:
    texts = corpus_texts()
    with open(path, "w", encoding="utf-8") as f:
        for i in range(n):
            text = texts[i % len(texts)] + f"\n\n(Copy {i}.)"
            f.write(json.dumps({"id": f"a{i}", "text": text, "title": f"Article {i}",
                                "published": f"20{10 + i % 14:02d}-{1 + i % 12:02d}-{1 + i % 28:02d}",
                                "source": f"Outlet {i % 7}"}) + "\n")


def bench_import(n: int, tmp: Path) -> None:
    from mapper.core.collection import Collection
    from mapper.core.importers import iter_items
    from mapper.core.pipeline import Pipeline
    src = tmp / "corpus.jsonl"
    write_corpus(src, n)
    path = tmp / "bench.mapper"
    pipeline = Pipeline()
    pipeline.run(__import__("mapper.core.articles", fromlist=["x"]).article_from_text("Warm up in Paris."))
    with Collection.create(path) as c:
        cpu0, t0 = time.process_time(), time.perf_counter()
        s = c.add(iter_items([src]), pipeline=pipeline)
        wall, cpu = time.perf_counter() - t0, time.process_time() - cpu0
    print(f"import: {s.line()}; {n / wall:.0f} articles/s wall, {cpu / n * 1000:.1f} ms CPU per article "
          f"(one process, geoparsing included)")
    print(f"file: {path.stat().st_size / 1e6:.0f} MB for {n} articles")
    t0 = time.perf_counter()
    c = Collection(path)
    info = c.info()
    t_open = time.perf_counter() - t0
    t0 = time.perf_counter()
    rows = c.articles()
    t_list = time.perf_counter() - t0
    t0 = time.perf_counter()
    pins = c.pins()
    t_pins = time.perf_counter() - t0
    t0 = time.perf_counter()
    events, facts, span = c.map_events(), c.map_facts(), c.timeline()
    t_rest = time.perf_counter() - t0
    from mapper.core.collection import ArticleFilter
    t0 = time.perf_counter()
    hits = c.articles(ArticleFilter(text="hospital", sources=("Outlet 3",)))
    t_search = time.perf_counter() - t0
    from mapper.core.stories import find_stories
    t0 = time.perf_counter()
    stories = find_stories(c)
    t_stories = time.perf_counter() - t0
    print(f"open + info: {t_open:.3f} s ({info.articles} articles, {info.places} place rows)")
    print(f"article list: {t_list:.3f} s ({len(rows)} rows); text+source search: {t_search:.3f} s ({len(hits)} hits)")
    print(f"merged map: {t_pins:.3f} s ({len(pins)} pins); events+facts+timeline: {t_rest:.3f} s "
          f"({len(events)} events, {len(facts)} facts, {span.start}..{span.end})")
    print(f"stories: {t_stories:.3f} s ({len(stories)} stories)")
    c.close()


def bench_crash(n: int, tmp: Path) -> None:
    src = tmp / "crash.jsonl"
    write_corpus(src, n)
    path = tmp / "crash.mapper"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    cmd = [sys.executable, "-m", "mapper", "collection", "add", str(path), str(src), "--create", "--no-corrections"]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)

    def count() -> int:
        try:
            conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            try:
                return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
            finally:
                conn.close()
        except sqlite3.Error:
            return 0
    while count() < n // 3:
        time.sleep(0.2)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    killed_at = count()
    done = subprocess.run(cmd, env=env, capture_output=True, text=True)
    conn = sqlite3.connect(path)
    total, distinct = conn.execute("SELECT count(*), count(DISTINCT title) FROM articles").fetchone()
    ok = conn.execute("PRAGMA integrity_check").fetchone()[0]
    print(f"crash: killed with {killed_at} stored; rerun: {done.stderr.strip().splitlines()[-1]}")
    print(f"crash: {total} articles, {distinct} distinct, integrity {ok}: "
          f"{'every article exactly once' if total == distinct == n else 'MISMATCH'}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--crash", type=int, default=0, help="also the kill -9 test with this many articles")
    args = ap.parse_args()
    os.environ.setdefault("MAPPER_DATA_DIR", tempfile.mkdtemp(prefix="mapper-bench-data-"))
    with tempfile.TemporaryDirectory(prefix="mapper-bench-") as tmp:
        if args.n:
            bench_import(args.n, Path(tmp))
        if args.crash:
            bench_crash(args.crash, Path(tmp))


if __name__ == "__main__":
    main()
