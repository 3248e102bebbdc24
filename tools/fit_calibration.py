"""Fit the calibrated place confidence and write data/calibration.json.

    .venv/bin/python tools/fit_calibration.py [--folds 5] [--check]

A place's confidence is the probability that its pin is right: the name is a place at all
(it overlaps a gold toponym) AND the pin lies within 161 km of that toponym's gold point. The
unit is one system mention, as `mapper geoparse --jsonl` writes them; a mention that overlaps
no gold toponym is wrong. Matching and distances are those of benchmarks/bench_quality.py.

The model is a logistic regression (Newton's method, a little L2, plain numpy) on the
features of mapper.core.scoring.confidence_features, fitted on the three evaluation corpora
(LGL, TR-News, GeoVirus in ../shared/eval) pooled. Cross-validation is by article: each
article falls in one of --folds folds (by a hash of corpus and id); each fold is predicted by
a model fitted on the others, and the expected calibration error (10 equal-width bins) is
reported per corpus on those held-out predictions only. The final model, fitted on every
article, is written with a header saying how it was made; `--check` fits and reports without
writing.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_quality import CORPORA, haversine_km, load_corpus  # noqa: E402

from mapper.core.scoring import CONFIDENCE_FEATURES, Calibration, calibration_path  # noqa: E402

KM = 161.0
L2 = 0.3  # ridge on the coefficients (not the intercept): 0.03 to 1 give held-out ECE within 0.003 of each other, 3 is worse
BINS = 10


@dataclass(frozen=True)
class Row:
    corpus: str
    article: str
    name: str
    features: tuple[float, ...]
    right: bool


# ---- data ----------------------------------------------------------------------------------
def recording_pipeline():
    """The shipped pipeline whose resolver records each place's features (its own fit needs
    no earlier fit: a neutral model stands in while recording)."""
    from bench_quality import make_pipeline

    from mapper.core import resolve
    from mapper.core.shapes import country_shapes

    neutral = Calibration(CONFIDENCE_FEATURES, tuple(0.0 for _ in CONFIDENCE_FEATURES), 0.0)

    class Recorder(resolve.Resolver):
        def __init__(self) -> None:
            super().__init__(country_shapes("50m"), calibration=neutral)
            self.seen: dict[int, dict[str, float]] = {}

        def _confidence(self, place, features):
            self.seen[id(place)] = features
            return super()._confidence(place, features)

    shipped = resolve.shipped_calibration
    resolve.shipped_calibration = lambda: neutral  # type: ignore[assignment]
    try:
        pipeline = make_pipeline()
    finally:
        resolve.shipped_calibration = shipped  # type: ignore[assignment]
    pipeline.resolver = Recorder()
    return pipeline


def collect(corpora=CORPORA, limit: int = 0) -> list[Row]:
    """One row per system mention of a gazetteer place: its place's features, and whether it
    is right."""
    from mapper.core.articles import article_from_text
    from mapper.core.errors import ArticleError
    pipeline = recording_pipeline()
    rows = []
    for corpus in corpora:
        for doc in load_corpus(corpus, limit):
            pipeline.resolver.seen = {}
            try:
                result = pipeline.run(article_from_text(doc["text"]))
            except ArticleError:
                continue
            for place in result.places:
                features = pipeline.resolver.seen.get(id(place))
                if features is None:
                    continue  # not from the resolver (an online answer)
                x = tuple(features[n] for n in CONFIDENCE_FEATURES)
                for m in place.mentions:
                    gold = [t for t in doc["toponyms"] if m.start < t["end"] and t["start"] < m.end]
                    right = any(haversine_km(t["lat"], t["lon"], place.lat, place.lon) <= KM for t in gold)
                    rows.append(Row(corpus, str(doc["id"]), m.text, x, right))
    return rows


def arrays(rows: list[Row]) -> tuple[np.ndarray, np.ndarray]:
    return np.array([r.features for r in rows], dtype=float), np.array([r.right for r in rows], dtype=float)


def fold_of(row: Row, folds: int) -> int:
    return int(hashlib.md5(f"{row.corpus}/{row.article}".encode()).hexdigest(), 16) % folds


# ---- model ---------------------------------------------------------------------------------
def fit(x: np.ndarray, y: np.ndarray, l2: float = L2) -> tuple[float, np.ndarray]:
    """Logistic regression by Newton's method: (intercept, coefficients)."""
    xb = np.hstack([np.ones((len(x), 1)), x])
    ridge = l2 * np.diag(np.r_[0.0, np.ones(x.shape[1])])
    w = np.zeros(xb.shape[1])
    for _ in range(100):
        p = 1.0 / (1.0 + np.exp(-xb @ w))
        grad = xb.T @ (p - y) + ridge @ w
        hess = (xb * (p * (1 - p))[:, None]).T @ xb + ridge
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-10:
            break
    return float(w[0]), w[1:]


def predict(model: tuple[float, np.ndarray], x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-(model[0] + x @ model[1])))


def held_out(rows: list[Row], folds: int = 5, l2: float = L2) -> np.ndarray:
    """Each row's confidence from a model that never saw its article."""
    x, y = arrays(rows)
    fold = np.array([fold_of(r, folds) for r in rows])
    out = np.zeros(len(rows))
    for k in range(folds):
        model = fit(x[fold != k], y[fold != k], l2)
        out[fold == k] = predict(model, x[fold == k])
    return out


# ---- calibration figures -------------------------------------------------------------------
def reliability(p: np.ndarray, y: np.ndarray, bins: int = BINS) -> list[tuple[float, float, int, float, float]]:
    """Per equal-width bin: (low, high, count, mean confidence, observed accuracy)."""
    idx = np.minimum((p * bins).astype(int), bins - 1)
    out = []
    for b in range(bins):
        m = idx == b
        n = int(m.sum())
        out.append((b / bins, (b + 1) / bins, n, float(p[m].mean()) if n else float("nan"),
                    float(y[m].mean()) if n else float("nan")))
    return out


def ece(p: np.ndarray, y: np.ndarray, bins: int = BINS) -> float:
    """Expected calibration error: the count-weighted mean |confidence - accuracy| over bins."""
    return sum(n / len(p) * abs(conf - acc) for _, _, n, conf, acc in reliability(p, y, bins) if n)


def per_corpus(rows: list[Row], p: np.ndarray) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    _, y = arrays(rows)
    corpus = np.array([r.corpus for r in rows])
    return {c: (p[corpus == c], y[corpus == c]) for c in dict.fromkeys(r.corpus for r in rows)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--check", action="store_true", help="report only; do not write data/calibration.json")
    args = ap.parse_args()
    rows = collect()
    p = held_out(rows, args.folds)
    heldout = {c: round(ece(pc, yc), 4) for c, (pc, yc) in per_corpus(rows, p).items()}
    for c, e in heldout.items():
        print(f"{c}: held-out ECE {e:.4f}")
    intercept, coef = fit(*arrays(rows))
    counts = {c: {"articles": len({r.article for r in rows if r.corpus == c}),
                  "mentions": sum(r.corpus == c for r in rows),
                  "right": sum(r.right for r in rows if r.corpus == c)} for c in heldout}
    header = {
        "about": "Calibrated place confidence: P(pin right) = 1 / (1 + exp(-(intercept + coef . features))); "
                 "right = the mention overlaps a gold toponym and the pin is within 161 km of it",
        "made_by": "tools/fit_calibration.py (logistic regression, Newton's method, L2 on the coefficients)",
        "trained_on": "../shared/eval LGL, TR-News, GeoVirus (pooled), one row per system mention",
        "counts": counts, "l2": L2, "folds": args.folds,
        "heldout_ece": heldout,
    }
    model = Calibration(CONFIDENCE_FEATURES, tuple(float(v) for v in coef), intercept, header)
    if args.check:
        print(json.dumps(model.to_json(), indent=1))
        return
    path = calibration_path()
    path.write_text(json.dumps(model.to_json(), indent=1) + "\n", encoding="utf-8")
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
