"""Render resources/icons/mapper.svg to PNGs at the sizes desktops ask for (16-512 px).

    QT_QPA_PLATFORM=offscreen .venv/bin/python tools/render_icons.py
"""
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"
SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)

app = QGuiApplication(sys.argv[:1])
renderer = QSvgRenderer(str(ICONS / "mapper.svg"))
for size in SIZES:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    image.save(str(ICONS / f"mapper-{size}.png"))
print("wrote", ", ".join(f"mapper-{s}.png" for s in SIZES))
