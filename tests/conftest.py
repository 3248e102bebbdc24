"""Test set-up: user folders are redirected so tests never touch the real ones, and one
real gazetteer (built from the real data) is shared by the whole session."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# A cache inside the checkout, kept between runs (the fingerprint rebuilds it when data change).
os.environ.setdefault("MAPPER_CACHE_DIR", str(ROOT / ".cache" / "test-cache"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SAMPLE = ROOT / "data" / "articles" / "putin-awards-kim-medal.txt"


@pytest.fixture(scope="session")
def gazetteer():
    from mapper.core.gazetteer import Gazetteer
    return Gazetteer()


@pytest.fixture(scope="session")
def pipeline(gazetteer):
    from mapper.core.pipeline import Pipeline
    return Pipeline(gazetteer)


@pytest.fixture(scope="session")
def sample_result(pipeline):
    from mapper.core.articles import load_article
    return pipeline.run(load_article(SAMPLE))


@pytest.fixture(autouse=True)
def _user_data_dir(tmp_path, monkeypatch):
    """Per-test user data folder (user gazetteer, settings)."""
    monkeypatch.setenv("MAPPER_DATA_DIR", str(tmp_path / "user-data"))
