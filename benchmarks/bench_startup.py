"""Desktop start-up: from launch to the first map drawn, cold and warm, and resident memory.

    .venv/bin/python benchmarks/bench_startup.py [--runs 3]

Each run is a fresh `mapper gui SAMPLE --screenshot ... --quit` process (offscreen; --bin times
the PyInstaller bundle instead), timed from
process start until the window has the map drawn (window.mapperReady) and the screenshot is
saved. "cold" drops the page cache first (when this user may); peak RSS is the child's
ru_maxrss (the main process; Chromium's helper processes are separate and listed apart).
"""
from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import drop_page_cache

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "articles" / "putin-awards-kim-medal.txt"



def one_run(env: dict[str, str], command: list[str]) -> tuple[float, float]:
    with tempfile.TemporaryDirectory() as tmp:
        shot = Path(tmp) / "shot.png"
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        t0 = time.perf_counter()
        subprocess.run(command + ["gui", str(SAMPLE), "--screenshot", str(shot), "--quit"],
                       env=env, check=True, capture_output=True)
        elapsed = time.perf_counter() - t0
        rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        if not shot.exists():
            raise SystemExit("no screenshot: the window did not draw")
        return elapsed, max(rss, before) / 1024.0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--bin", help="time this mapper executable (e.g. the bundle dist/mapper/mapper) "
                                  "instead of the .venv's python -m mapper")
    args = ap.parse_args()
    command = [args.bin] if args.bin else [sys.executable, "-m", "mapper"]
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.setdefault("MAPPER_DATA_DIR", tempfile.mkdtemp(prefix="mapper-bench-"))
    subprocess.run(command + ["gazetteer", "ensure"], env=env, check=True, capture_output=True)
    dropped = drop_page_cache()
    cold, rss = one_run(env, command)
    warm = [one_run(env, command)[0] for _ in range(args.runs)]
    print(f"launch -> first map drawn, cold ({'page cache dropped' if dropped else 'cache not dropped'}): {cold:.2f} s")
    print(f"launch -> first map drawn, warm (best of {args.runs}): {min(warm):.2f} s, median {sorted(warm)[len(warm) // 2]:.2f} s")
    print(f"peak resident memory of the app process: {rss:.0f} MB")


if __name__ == "__main__":
    main()
