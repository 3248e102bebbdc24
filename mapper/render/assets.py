"""Offline web assets: Leaflet, Leaflet.markercluster and jQuery from the xstatic wheels, and
our own map.css / map.js from resources/web. Everything is read once and inlined into the
HTML, so an exported map needs no network and no files beside it.
"""
from __future__ import annotations

import base64
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..core.errors import MapperError
from ..core.paths import resources_dir


class AssetError(MapperError, FileNotFoundError):
    """A bundled web asset is missing (a broken install)."""


def web_dir() -> Path:
    """Our own web assets (resources/web; MAPPER_WEB_ASSETS overrides)."""
    override = os.environ.get("MAPPER_WEB_ASSETS")
    if override:
        return Path(override)
    return resources_dir() / "web"


def _xstatic_dir(module: str) -> Path:
    try:
        mod = __import__(f"xstatic.pkg.{module}", fromlist=["BASE_DIR"])
    except ImportError as err:
        raise AssetError(f"the offline web assets are missing: install xstatic-{module.replace('_', '-')} "
                         f"({err})") from err
    return Path(mod.BASE_DIR)


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError as err:
        raise AssetError(f"cannot read web asset {path}: {err.strerror or err}") from err


def _safe_inline(code: str, path: Path) -> str:
    """Inline JS/CSS must not close its own element, nor carry a source-map URL."""
    lines = [ln for ln in code.splitlines()
             if not ln.lstrip().startswith(("//# sourceMappingURL", "/*# sourceMappingURL"))]
    code = "\n".join(lines)
    if "</script" in code.lower() or "</style" in code.lower():
        raise AssetError(f"{path.name} cannot be inlined (it contains a closing tag)")
    return code


@dataclass(frozen=True)
class Assets:
    css: tuple[tuple[str, str], ...]  # (name, code)
    js: tuple[tuple[str, str], ...]

    def head_html(self) -> str:
        parts = [f"<style data-asset=\"{name}\">\n{code}\n</style>" for name, code in self.css]
        parts += [f"<script data-asset=\"{name}\">\n{code}\n</script>" for name, code in self.js]
        return "\n".join(parts)


@lru_cache(maxsize=1)
def load_assets() -> Assets:
    leaflet = _xstatic_dir("leaflet")
    cluster = _xstatic_dir("leaflet_markercluster")
    jquery = _xstatic_dir("jquery")
    own = web_dir()
    css_files = [("leaflet.css", leaflet / "leaflet.css"),
                 ("MarkerCluster.css", cluster / "MarkerCluster.css"),
                 ("MarkerCluster.Default.css", cluster / "MarkerCluster.Default.css"),
                 ("map.css", own / "map.css")]
    js_files = [("jquery.min.js", jquery / "jquery.min.js"),
                ("leaflet.js", leaflet / "leaflet.js"),
                ("leaflet.markercluster.js", cluster / "leaflet.markercluster.js"),
                ("pmtiles.js", own / "vendor" / "pmtiles.js"),  # npm pmtiles 4.5.0 (BSD-3-Clause)
                ("basemap.js", own / "basemap.js"),
                ("map.js", own / "map.js")]
    css = []
    for name, path in css_files:
        code = _safe_inline(_read(path), path)
        if name == "leaflet.css":
            # Leaflet's CSS points at its PNGs beside it: inline them as data: URLs.
            for img in ("layers.png", "layers-2x.png", "marker-icon.png"):
                data = base64.b64encode((leaflet / "images" / img).read_bytes()).decode("ascii")
                code = code.replace(f"url(images/{img})", f"url(data:image/png;base64,{data})")
        css.append((name, code))
    js = [(name, _safe_inline(_read(path), path)) for name, path in js_files]
    return Assets(tuple(css), tuple(js))
