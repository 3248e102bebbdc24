"""Reliability of the place confidence on held-out folds, per corpus.

    .venv/bin/python benchmarks/bench_calibration.py [--folds 5] [--limit N]

For each system mention of LGL, TR-News and GeoVirus (../shared/eval): its place's confidence
from a model fitted (tools/fit_calibration.py, same features and fit) on the other folds'
articles only, and whether it is right (a gold toponym overlaps it and the pin is within
161 km). Prints per corpus a reliability table (confidence bins against the observed share
right, with counts), the expected calibration error (ECE, 10 bins) and, for comparison, the
ECE of the shipped model (data/calibration.json, fitted on every article: not held out).
Saved output: benchmarks/results/calibration.txt.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

import fit_calibration as fc  # noqa: E402


def auroc(p: np.ndarray, y: np.ndarray) -> float:
    """How well confidence ranks right pins above wrong ones (0.5 = not at all)."""
    order = np.argsort(p, kind="stable")
    ranks = np.empty(len(p))
    ranks[order] = np.arange(1, len(p) + 1)
    n1 = y.sum()
    n0 = len(y) - n1
    return float((ranks[y == 1].sum() - n1 * (n1 + 1) / 2) / (n1 * n0)) if n1 and n0 else float("nan")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--limit", type=int, default=0, help="articles per corpus (0: all)")
    args = ap.parse_args()
    from mapper.core.scoring import shipped_calibration
    rows = fc.collect(limit=args.limit)
    held = fc.held_out(rows, args.folds)
    x, _ = fc.arrays(rows)
    model = shipped_calibration()
    shipped = fc.predict((model.intercept, np.array(model.coef)), x)
    print(f"Place confidence, {args.folds}-fold cross-validation by article; unit: one system mention;")
    print("right = overlaps a gold toponym and the pin is within 161 km of it.\n")
    for corpus, (p, y) in fc.per_corpus(rows, held).items():
        print(f"{corpus}: {len(p)} mentions, {int(y.sum())} right ({y.mean():.3f})")
        print(f"  {'confidence':<12}{'mentions':>9}{'mean conf':>11}{'observed':>10}{'gap':>8}")
        for lo, hi, n, conf, acc in fc.reliability(p, y):
            if n:
                print(f"  {lo:.1f}-{hi:.1f}{'':<5}{n:>9}{conf:>11.3f}{acc:>10.3f}{conf - acc:>+8.3f}")
            else:
                print(f"  {lo:.1f}-{hi:.1f}{'':<5}{0:>9}{'-':>11}{'-':>10}{'':>8}")
        ps, ys = fc.per_corpus(rows, shipped)[corpus]
        print(f"  held-out ECE {fc.ece(p, y):.4f}   (target <= 0.05)   AUROC {auroc(p, y):.3f}   "
              f"shipped model, not held out: ECE {fc.ece(ps, ys):.4f}\n")


if __name__ == "__main__":
    main()
