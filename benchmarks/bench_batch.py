"""mapper batch: articles/s with 1 and with 2 local workers on the same articles, CPU time per
article, worker memory, and (--crash) kill -9 during a run then a rerun.

The articles are made at run time by repeating the ../shared/eval corpora texts (see
bench_collection.write_corpus); nothing is written to the repository.

    .venv/bin/python benchmarks/bench_batch.py [--n 20000] [--partition-size 500] [--crash]
"""
from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_collection import write_corpus  # noqa: E402


def run(src: Path, out: Path, workers: int, size: int):
    from mapper.batch import run_batch
    s = run_batch([src], out, workers=workers, partition_size=size)
    rate = s.articles / s.seconds
    print(f"{workers} worker(s): {s.articles} articles in {s.seconds:.1f} s = {rate:.1f} articles/s; "
          f"{s.cpu_seconds / s.articles * 1000:.2f} ms CPU per article; worker peak RSS {s.max_rss_mb:.0f} MB")
    return s, rate


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=20_000)
    ap.add_argument("--partition-size", type=int, default=500)
    ap.add_argument("--crash", action="store_true", help="also kill -9 a 2-worker run and rerun it")
    args = ap.parse_args()
    os.environ.setdefault("MAPPER_DATA_DIR", tempfile.mkdtemp(prefix="mapper-bench-data-"))
    with tempfile.TemporaryDirectory(prefix="mapper-batch-") as tmp:
        tmp = Path(tmp)
        src = tmp / "corpus.jsonl"
        write_corpus(src, args.n)
        print(f"{args.n} articles, partitions of {args.partition_size}, {os.cpu_count()} cores, "
              f"load average before: {os.getloadavg()[0]:.2f}")
        s1, r1 = run(src, tmp / "one", 1, args.partition_size)
        print(f"load average: {os.getloadavg()[0]:.2f}")
        s2, r2 = run(src, tmp / "two", 2, args.partition_size)
        print(f"load average: {os.getloadavg()[0]:.2f}")
        print(f"speed-up, wall: {r2 / r1:.2f}x; CPU per article 1 worker {s1.cpu_seconds / s1.articles * 1000:.2f} ms, "
              f"2 workers {s2.cpu_seconds / s2.articles * 1000:.2f} ms "
              f"(ideal 2-worker speed-up from CPU: {2 * (s1.cpu_seconds / s1.articles) / (s2.cpu_seconds / s2.articles):.2f}x)")
        if args.crash:
            out = tmp / "crash"
            env = {**os.environ, "PYTHONPATH": str(ROOT)}
            cmd = [sys.executable, "-m", "mapper", "batch", str(src), "--out", str(out), "--workers", "2",
                   "--partition-size", str(args.partition_size)]
            proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                    start_new_session=True)
            total = -(-args.n // args.partition_size)
            while len(list(out.glob("part-*.parquet"))) < total // 3:
                time.sleep(0.5)
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            killed = len(list(out.glob("part-*.parquet")))
            done = subprocess.run(cmd, env=env, capture_output=True, text=True)
            from mapper.batch import read_output
            ids = [r["article_id"] for r in read_output(out).select(["feature", "article_id"]).to_pylist()
                   if r["feature"] == "article"]
            print(f"crash: killed with {killed}/{total} partitions; rerun: {done.stderr.strip().splitlines()[-1]}")
            print(f"crash: {len(ids)} article rows, {len(set(ids))} distinct: "
                  f"{'every article exactly once' if len(ids) == len(set(ids)) == args.n else 'MISMATCH'}")


if __name__ == "__main__":
    main()
