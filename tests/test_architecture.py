"""Qt stays out of the core and the map builder, checked mechanically (napari-style)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_core_and_map_builder_import_no_qt():
    code = ("import sys, pkgutil, importlib, mapper.core\n"
            "for m in pkgutil.iter_modules(mapper.core.__path__):\n"
            "    importlib.import_module('mapper.core.' + m.name)\n"
            "import mapper.render.mapbuild, mapper.render.exporters, mapper.cli\n"
            "bad = sorted(n for n in sys.modules if n.split('.')[0] in ('PySide6', 'shiboken6'))\n"
            "print(bad); sys.exit(1 if bad else 0)")
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_no_pyside_import_statements_outside_the_gui():
    offenders = [str(p.relative_to(ROOT)) for p in (ROOT / "mapper").rglob("*.py")
                 if p.parent.name != "gui" and p.name != "webrender.py"
                 and any(line.lstrip().startswith(("import PySide6", "from PySide6"))
                         for line in p.read_text(encoding="utf-8").splitlines())]
    assert offenders == []
