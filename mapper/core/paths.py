"""Where the app's files live: shipped data (read-only) and per-user cache/data folders.

Tests redirect the user folders with MAPPER_CACHE_DIR / MAPPER_DATA_DIR so they never touch
the real ones.
"""
from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "mapper"


def _shipped(folder: str, override_env: str) -> Path:
    """A folder the app ships (data/, resources/): inside the package when installed from a
    wheel or frozen (mapper/_data, mapper/_resources), else at the top of the source tree."""
    override = os.environ.get(override_env)
    if override:
        return Path(override)
    packaged = Path(__file__).resolve().parent.parent / f"_{folder}"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / folder


def data_dir() -> Path:
    """Sample articles, country shapes, landmarks, word lists."""
    return _shipped("data", "MAPPER_SHIPPED_DATA")


def resources_dir() -> Path:
    """Icons and our own web assets."""
    return _shipped("resources", "MAPPER_SHIPPED_RESOURCES")


def data_file(*parts: str) -> Path:
    return data_dir().joinpath(*parts)


def user_cache_dir() -> Path:
    path = Path(os.environ.get("MAPPER_CACHE_DIR") or platformdirs.user_cache_dir(APP_NAME))
    path.mkdir(parents=True, exist_ok=True)
    return path


def user_data_dir() -> Path:
    path = Path(os.environ.get("MAPPER_DATA_DIR") or platformdirs.user_data_dir(APP_NAME))
    path.mkdir(parents=True, exist_ok=True)
    return path
