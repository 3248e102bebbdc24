"""Where the app's files live: shipped data (read-only) and per-user cache/data folders.

Tests redirect the user folders with MAPPER_CACHE_DIR / MAPPER_DATA_DIR so they never touch
the real ones.
"""
from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "mapper"


def data_dir() -> Path:
    """The shipped data/ folder: inside the package when installed from a wheel or frozen,
    else the source tree's top-level data/."""
    override = os.environ.get("MAPPER_SHIPPED_DATA")
    if override:
        return Path(override)
    packaged = Path(__file__).resolve().parent.parent / "_data"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "data"


def resources_dir() -> Path:
    """The shipped resources/ folder (icons, our web assets): inside the package when
    installed from a wheel or frozen, else the source tree's top-level resources/."""
    override = os.environ.get("MAPPER_SHIPPED_RESOURCES")
    if override:
        return Path(override)
    packaged = Path(__file__).resolve().parent.parent / "_resources"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "resources"


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
