"""Screenshots of the window on a Russian and a Korean article (issue 16): pins, highlighted
mentions and a popup, through the app's own scripted mode (a real click on a pin).

    QT_QPA_PLATFORM=offscreen .venv/bin/python tools/issue16_screenshots.py
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHOTS = [("tests/data/articles/turkey-earthquake.ru.txt", "Элязыг (Elazığ)", "docs/issue16/russian.png"),
         ("tests/data/articles/african-union-summit.ko.txt", "아디스아바바 (Addis Ababa)", "docs/issue16/korean.png"),
         # the story's own kind of source: memorial ceremonies at Soviet graves (our own texts)
         ("docs/issue16/memorial.ru.txt", "Хабаровск (Khabarovsk)", "docs/issue16/memorial-ru.png"),
         ("docs/issue16/memorial.ko.txt", "원산 (Wŏnsan)", "docs/issue16/memorial-ko.png")]


def main() -> None:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    for article, pin, out in SHOTS:
        (ROOT / out).parent.mkdir(parents=True, exist_ok=True)
        done = subprocess.run([sys.executable, "-m", "mapper", "gui", str(ROOT / article), "--click-pin", pin,
                               "--screenshot", str(ROOT / out), "--quit"], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=300)
        print(out, done.returncode, done.stdout.strip()[-300:], done.stderr.strip()[-300:])


if __name__ == "__main__":
    main()
