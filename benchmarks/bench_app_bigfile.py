"""A 670 KB article: `mapper geoparse` on the command line against the desktop app (from
open_path to resultShown and the map drawn), each in a fresh process, so the app's own
overhead (the article pane, the table, the map page) shows up as the difference.

    .venv/bin/python benchmarks/bench_app_bigfile.py [--kb 670] [--repeat 3] [--one-paragraph]
                                                     [--profile FILE] [--fit-columns] [--article FILE]

The article is built at run time (nothing from the corpora is stored in the repository):
the sample and test articles, then the texts of the evaluation corpora in ../shared/eval
(or $MAPPER_EVAL_DIR) until the size is reached; without the corpora the repository's
articles are repeated. --one-paragraph joins it into one paragraph (line breaks become
spaces): the article pane's worst case, one text block of 670 KB. --profile writes a cProfile of the app's GUI thread (the worker
thread is not profiled: it runs the same pipeline as the command line) and prints its top.
--fit-columns has the window size its table with table_model.fit_columns instead of
QTableView.resizeColumnsToContents (the change recommended for window.py in issue 11), to
measure it before window.py takes it.
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

ROOT = Path(__file__).resolve().parent.parent
EVAL_DIR = Path(os.environ.get("MAPPER_EVAL_DIR") or ROOT.parent / "shared" / "eval")
CORPORA = ("GeoVirus.jsonl", "TR-News.jsonl", "LGL.jsonl")


def repo_articles() -> list[str]:
    paths = sorted((ROOT / "data" / "articles").glob("*.txt")) + sorted((ROOT / "tests" / "data" / "articles").glob("*.txt"))
    paths = [p for p in paths if len(p.suffixes) == 1]  # English: not the .ru.txt / .ko.txt translations
    return [p.read_text(encoding="utf-8").strip() for p in paths]


def build_article(size_bytes: int = 670 * 1024, *, corpora: bool = True) -> str:
    """About size_bytes of UTF-8 news text, paragraphs separated by blank lines."""
    parts, total = [], 0

    def add(text: str) -> bool:
        nonlocal total
        text = text.strip()
        if not text:
            return total >= size_bytes
        parts.append(text)
        total += len(text.encode("utf-8")) + 2
        return total >= size_bytes

    for text in repo_articles():
        if add(text):
            return "\n\n".join(parts) + "\n"
    if corpora and EVAL_DIR.is_dir():
        for name in CORPORA:
            path = EVAL_DIR / name
            if not path.exists():
                continue
            with open(path, encoding="utf-8") as f:
                for line in f:
                    if add(json.loads(line).get("text") or ""):
                        return "\n\n".join(parts) + "\n"
    base = repo_articles()
    i = 0
    while not add(base[i % len(base)]):
        i += 1
    return "\n\n".join(parts) + "\n"


APP_CHILD = r"""
import cProfile, json, os, pstats, sys, time
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from mapper.gui.qtenv import prepare_qt_environment
prepare_qt_environment()
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
from mapper.gui.window import MainWindow
path, profile_out, fit = sys.argv[1], sys.argv[2], sys.argv[3] == "1"
window = MainWindow()
if fit:
    from mapper.gui.table_model import fit_columns
    window.table.resizeColumnsToContents = lambda: fit_columns(window.table, window.table_model)
window.quiet = True
window.resize(1280, 800)
window.show()
app.processEvents()
marks = {}
ticks = {"n": 0, "gap": 0.0, "last": None}

def tick():
    now = time.perf_counter()
    if ticks["last"] is not None:
        ticks["gap"] = max(ticks["gap"], now - ticks["last"])
    ticks["last"] = now
    ticks["n"] += 1

timer = QTimer()
timer.setInterval(20)
timer.timeout.connect(tick)

def ready(value):
    if value is True:
        marks["map"] = time.perf_counter()
        app.quit()
    else:
        QTimer.singleShot(20, poll)

def poll():
    window.map.page().runJavaScript("window.mapperReady === true", 0, ready)

def shown():
    marks["shown"] = time.perf_counter()
    poll()

window.resultShown.connect(shown)
window.errorShown.connect(lambda m: (print(json.dumps({"error": m})), app.exit(1)))
profiler = cProfile.Profile() if profile_out else None
QTimer.singleShot(120_000, lambda: (print(json.dumps({"error": "timeout"})), app.exit(1)))
timer.start()
if profiler:
    profiler.enable()
t0 = time.perf_counter()
window.open_path(path)
code = app.exec()
if profiler:
    profiler.disable()
    profiler.dump_stats(profile_out)
timer.stop()
if code == 0:
    r = window.session.result
    print(json.dumps({"to_result": marks["shown"] - t0, "to_map": marks["map"] - t0,
                      "places": len(r.places), "sentences": len(r.sentences), "rows": window.table_model.rowCount(),
                      "max_gap": ticks["gap"]}))
window.map.page().deleteLater()
app.processEvents()
sys.exit(code)
"""


def run_cli(path: Path, env) -> float:
    t = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "mapper.cli", "geoparse", str(path)], cwd=ROOT, env=env,
                          capture_output=True, text=True)
    elapsed = time.perf_counter() - t
    if proc.returncode:
        raise SystemExit(f"geoparse failed: {proc.stderr[-1000:]}")
    return elapsed


def run_app(path: Path, env, profile: str = "", fit: bool = False) -> tuple[float, dict]:
    t = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", APP_CHILD, str(path), profile, "1" if fit else "0"], cwd=ROOT, env=env,
                          capture_output=True, text=True)
    elapsed = time.perf_counter() - t
    lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
    if proc.returncode or not lines:
        raise SystemExit(f"the app run failed ({proc.returncode}): {proc.stdout[-500:]} {proc.stderr[-2000:]}")
    return elapsed, json.loads(lines[-1])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--kb", type=float, default=670)
    ap.add_argument("--article", help="time this article file instead of building one")
    ap.add_argument("--one-paragraph", action="store_true", help="the built article without line breaks")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--profile", default="", help="write a cProfile of the app's GUI thread here")
    ap.add_argument("--no-cli", action="store_true", help="time the app only")
    ap.add_argument("--fit-columns", action="store_true",
                    help="the window sizes its table with table_model.fit_columns (recommended window.py change)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        path = Path(args.article).resolve() if args.article else Path(d) / "big.txt"
        if not args.article:
            text = build_article(int(args.kb * 1024))
            path.write_text(" ".join(text.split("\n")) if args.one_paragraph else text, encoding="utf-8")
        env = dict(os.environ, MAPPER_DATA_DIR=str(Path(d) / "user-data"), QT_QPA_PLATFORM="offscreen")
        size = path.stat().st_size
        print(f"article: {size / 1024:.0f} KB")
        clis, apps, ratios = [], [], []
        for _ in range(args.repeat):
            cli = None if args.no_cli else run_cli(path, env)
            total, app = run_app(path, env, args.profile, args.fit_columns)
            clis.append(cli)
            apps.append(app)
            if cli is not None:
                ratios.append(app["to_map"] / cli)
            line = (f"app: open->result {app['to_result']:6.2f} s, open->map ready {app['to_map']:6.2f} s "
                    f"(process {total:6.2f} s; {app['places']} places, {app['rows']} rows, "
                    f"{app['sentences']} sentences; longest GUI stall {app['max_gap']:.2f} s)")
            if cli is not None:
                line = f"cli: {cli:6.2f} s (process) | " + line + f" | ratio {app['to_map'] / cli:.2f}"
            print(line, flush=True)
        if args.repeat > 1:
            from statistics import median
            app_med = median(a["to_map"] for a in apps)
            line = f"median of {args.repeat}: app open->map ready {app_med:.2f} s"
            if not args.no_cli:
                cli_med = median(clis)
                line += (f", cli {cli_med:.2f} s, ratio of medians {app_med / cli_med:.2f}, "
                         f"median ratio {median(ratios):.2f}")
            line += f"; longest GUI stall {median(a['max_gap'] for a in apps):.2f} s"
            print(line)
        if args.profile:
            import pstats
            pstats.Stats(args.profile).sort_stats("cumulative").print_stats(30)


if __name__ == "__main__":
    main()
