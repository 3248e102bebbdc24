"""Shared helpers of the collection tests: invented corpora made at run time."""
from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ALL_ARTICLES = ROOT / "tests" / "data" / "articles"


def _english_articles() -> Path:
    """The English test articles with their sidecars, copied to a folder of their own (the
    folder also holds Russian and Korean versions, `*.ru.txt`, `*.ko.txt`, for tests/lang)."""
    import shutil
    import tempfile
    out = Path(tempfile.mkdtemp(prefix="mapper-collection-articles-"))
    for text in ALL_ARTICLES.glob("*.txt"):
        if len(text.suffixes) > 1:  # turkey-earthquake.ru.txt: a translation
            continue
        shutil.copy(text, out / text.name)
        sidecar = text.with_suffix(".json")
        if sidecar.exists():
            shutil.copy(sidecar, out / sidecar.name)
    return out


ARTICLES = _english_articles()
YPRES = Path(__file__).resolve().parent / "data" / "ypres"
TOWNS = ["Lyon", "Ghent", "Bruges", "Arras", "Verdun", "Caen", "Amiens", "Reims", "Lille", "Namur"]


def base_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(ARTICLES.glob("*.txt"))]


def write_jsonl(path: Path, n: int) -> list[str]:
    """n distinct invented articles (the test articles, each with its own closing line);
    returns their ids."""
    texts = base_texts()
    ids = []
    with open(path, "w", encoding="utf-8") as f:
        for i in range(n):
            doc_id = f"doc-{i:05d}"
            text = texts[i % len(texts)] + f"\n\nReport {i} was filed from {TOWNS[i % len(TOWNS)]}."
            f.write(json.dumps({"id": doc_id, "text": text, "title": f"Report {i}", "published": "2024-05-01",
                                "source": f"Outlet {i % 3}"}) + "\n")
            ids.append(doc_id)
    return ids
