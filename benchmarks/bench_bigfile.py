"""Big input: time and peak RSS for (1) a 25 MB article, which mapper refuses up front
(MAX_ARTICLE_BYTES = 5 MB), from a file and as pasted text, and (2) a run at the limit
(a ~5 MB article, loaded and mapped). Each case runs in a fresh process so peak RSS is its own.

    .venv/bin/python benchmarks/bench_bigfile.py [--limit-mb 5]
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "articles" / "putin-awards-kim-medal.txt"

CHILD = r"""
import json, resource, sys, time
from mapper.core.articles import article_from_text, load_article
from mapper.core.errors import ArticleError
case, path = sys.argv[1], sys.argv[2]
t = time.perf_counter()
outcome = ""
try:
    if case == "file":
        article = load_article(path)
    else:
        article = article_from_text(open(path, encoding="utf-8").read())
    if case.endswith("run"):
        from mapper.core.pipeline import Pipeline
        result = Pipeline().run(article)
        outcome = f"{len(result.places)} places, {len(result.sentences)} sentences"
    else:
        outcome = f"loaded {len(article.text)} characters"
except ArticleError as err:
    outcome = f"refused: {err}"
print(json.dumps({"seconds": time.perf_counter() - t, "outcome": outcome,
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def make(path: Path, size: int) -> None:
    base = SAMPLE.read_text(encoding="utf-8") + "\n\n"
    with open(path, "w", encoding="utf-8") as f:
        written = 0
        while written + len(base.encode()) <= size:
            f.write(base)
            written += len(base.encode())


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit-mb", type=float, default=4.9, help="size of the at-the-limit run")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        big, limit = Path(d) / "big25.txt", Path(d) / "limit.txt"
        make(big, 25 * 1024 * 1024)
        make(limit, int(args.limit_mb * 1024 * 1024))
        cases = [("25 MB file", "file", big), ("25 MB pasted", "paste", big),
                 (f"{args.limit_mb} MB file, mapped", "file-run", limit)]
        print(f"{'case':28} {'seconds':>8} {'peak RSS MB':>12}  outcome")
        for label, case, path in cases:
            kind = "file" if case.startswith("file") else "paste"
            proc = subprocess.run([sys.executable, "-c", CHILD.replace('case == "file"', f'{kind!r} == "file"'),
                                   case, str(path)], capture_output=True, text=True, cwd=ROOT, env=dict(os.environ))
            if proc.returncode:
                print(f"{label:28} failed: {proc.stderr.strip().splitlines()[-1:]}")
                continue
            r = json.loads(proc.stdout.strip().splitlines()[-1])
            print(f"{label:28} {r['seconds']:8.2f} {r['peak_rss_mb']:12.0f}  {r['outcome'][:90]}")


if __name__ == "__main__":
    main()
