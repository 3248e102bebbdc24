"""The wheel carries everything the app reads at run time, and the desktop files are valid."""
from __future__ import annotations

import configparser
import subprocess
import sys
import zipfile
from pathlib import Path

import mapper

ROOT = Path(__file__).resolve().parents[1]


def test_wheel_carries_data_resources_and_one_version(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                    "-w", str(tmp_path), str(ROOT)], check=True, capture_output=True)
    wheel = next(tmp_path.glob("mapper-*.whl"))
    assert wheel.name.startswith(f"mapper-{mapper.__version__}-")
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in ("mapper/_data/landmarks.csv", "mapper/_data/naturalearth/countries-50m.json",
                   "mapper/_data/articles/putin-awards-kim-medal.txt", "mapper/_data/common_words.txt",
                   "mapper/_resources/web/map.js", "mapper/_resources/web/map.css",
                   "mapper/_resources/icons/mapper.svg", "mapper/cli.py", "mapper/gui/window.py"):
        assert needed in names, needed


def test_desktop_entry_starts_the_gui_with_the_icon():
    entry = configparser.ConfigParser(interpolation=None)
    entry.read(ROOT / "packaging" / "mapper.desktop")
    section = entry["Desktop Entry"]
    assert section["Exec"].split()[:2] == ["mapper", "gui"]
    assert section["Icon"] == "mapper" and (ROOT / "resources" / "icons" / "mapper.svg").exists()
    for size in (16, 32, 48, 128, 256, 512):
        assert (ROOT / "resources" / "icons" / f"mapper-{size}.png").exists()


def test_metainfo_names_the_licence_and_the_data_credits():
    text = (ROOT / "packaging" / "io.github.mapper.metainfo.xml").read_text(encoding="utf-8")
    assert "<project_license>" in text and "GeoNames (CC BY 4.0)" in text and "Natural Earth" in text
