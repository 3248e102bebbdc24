"""File exports of a Result: GeoJSON (RFC 7946), CSV, KML and the HTML map. Qt-free.

GeoJSON, CSV and KML carry the same rows: one per place, event, memorial fact and claim,
each with its id, kind, name, dates and the sentences it comes from (with offsets).
Every write is atomic: a temp file in the same folder, then os.replace(); on error the temp
file goes and whatever was there before stays whole.
"""
from __future__ import annotations

import csv
import io
import json
import os
import re
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..core.errors import MapperError
from ..core.models import Place, Result


class ExportError(MapperError, OSError):
    """An export could not be written."""


# ---------------------------------------------------------------- atomic writes

def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise ExportError(f"{target}: the folder {folder} does not exist")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=folder)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(tmp, 0o666 & ~mask)  # mkstemp makes 0600; an export gets the usual mode
        os.replace(tmp, target)
    except BaseException as err:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        if isinstance(err, OSError):
            raise ExportError(f"{target}: {err.strerror or err}") from err
        raise


def atomic_write_text(path: str | os.PathLike[str], text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))


# ---------------------------------------------------------------- rows

def _sentence_refs(result: Result, items: list[tuple[int, int | None, int | None]]) -> list[dict[str, Any]]:
    """[(sentence, start, end)] -> [{sentence, start, end, text, sentence_start, sentence_end}]"""
    out = []
    for sid, start, end in items:
        s = result.sentences[sid] if 0 <= sid < len(result.sentences) else None
        ref: dict[str, Any] = {"sentence": sid, "start": start, "end": end,
                               "text": (result.article.text[start:end]
                                        if start is not None and end is not None else None)}
        if s is not None:
            ref.update(sentence_start=s.start, sentence_end=s.end, sentence_text=s.text)
        out.append(ref)
    return out


def feature_rows(result: Result) -> Iterator[dict[str, Any]]:
    """The rows every export shares. coordinates: [lon, lat] or [[lon, lat], [lon, lat]]."""
    published = result.article.published
    p: Place | None
    for p in result.places:
        yield {"id": p.id, "feature": "place", "kind": p.kind, "name": p.name,
               "geometry": {"type": "Point", "coordinates": [round(p.lon, 6), round(p.lat, 6)]},
               "date": None, "date_text": None, "published": published, "place": p.id,
               "country": p.country, "source": p.source, "confidence": round(p.confidence, 3),
               "value": None, "qualifier": None, "hedged": None,
               "sentences": _sentence_refs(result, [(m.sentence, m.start, m.end) for m in p.mentions])}
    for e in result.events:
        p = result.place_by_id(e.place)
        s = result.sentences[e.sentence] if 0 <= e.sentence < len(result.sentences) else None
        start = end = None
        if s is not None and e.trigger:
            at = s.text.lower().find(e.trigger.lower())
            if at >= 0:
                start, end = s.start + at, s.start + at + len(e.trigger)
        yield {"id": e.id, "feature": "event", "kind": e.kind, "name": e.summary or e.kind,
               "geometry": {"type": "Point", "coordinates": [round(p.lon, 6), round(p.lat, 6)]} if p else None,
               "date": e.date, "date_text": e.date_text, "published": published, "place": e.place,
               "country": p.country if p else None, "source": None, "confidence": None,
               "value": None, "qualifier": None, "hedged": e.hedged,
               "sentences": _sentence_refs(result, [(e.sentence, start, end)])}
    for i, f in enumerate(result.facts, 1):
        p = result.place_by_id(f.place)
        yield {"id": f"f{i}", "feature": "fact", "kind": f.kind, "name": f.text,
               "geometry": {"type": "Point", "coordinates": [round(p.lon, 6), round(p.lat, 6)]} if p else None,
               "date": None, "date_text": None, "published": published, "place": f.place,
               "country": p.country if p else None, "source": None, "confidence": None,
               "value": f.value, "qualifier": f.qualifier, "hedged": None,
               "sentences": _sentence_refs(result, [(f.sentence, f.start, f.end)])}
    for i, c in enumerate(result.claims, 1):
        a, b = result.place_by_id(c.from_place), result.place_by_id(c.to_place)
        s = result.sentences[c.sentence] if 0 <= c.sentence < len(result.sentences) else None
        start = end = None
        if s is not None and c.text and c.text in s.text:
            start = s.start + s.text.index(c.text)
            end = start + len(c.text)
        geom = ({"type": "LineString",
                 "coordinates": [[round(a.lon, 6), round(a.lat, 6)], [round(b.lon, 6), round(b.lat, 6)]]}
                if a and b else None)
        yield {"id": f"c{i}", "feature": "claim", "kind": c.kind,
               "name": f"{a.name if a else c.from_place} - {b.name if b else c.to_place}",
               "geometry": geom, "date": None, "date_text": None, "published": published, "place": c.from_place,
               "country": None, "source": None, "confidence": None,
               "value": round(c.stated_km, 1), "qualifier": None, "hedged": None,
               "stated_km": round(c.stated_km, 1), "computed_km": round(c.computed_km, 1),
               "consistent": c.consistent, "to_place": c.to_place,
               "sentences": _sentence_refs(result, [(c.sentence, start, end)])}


# ---------------------------------------------------------------- GeoJSON

def to_geojson(result: Result) -> dict[str, Any]:
    """An RFC 7946 FeatureCollection (WGS 84, [longitude, latitude])."""
    features = []
    for row in feature_rows(result):
        props = {k: v for k, v in row.items() if k not in ("id", "geometry")}
        features.append({"type": "Feature", "id": row["id"], "geometry": row["geometry"], "properties": props})
    a = result.article
    return {"type": "FeatureCollection", "features": features,
            "mapper": {"title": a.title, "published": a.published, "url": a.url,
                       "credits": "Places: GeoNames (CC BY 4.0); shapes: Natural Earth (public domain)"}}


def write_geojson(result: Result, path: str | os.PathLike[str]) -> None:
    atomic_write_text(path, json.dumps(to_geojson(result), ensure_ascii=False, indent=1) + "\n")


# ---------------------------------------------------------------- CSV

CSV_COLUMNS = ["id", "feature", "kind", "name", "lat", "lon", "lat2", "lon2", "date", "date_text", "published",
               "place", "country", "source", "confidence", "value", "qualifier", "hedged",
               "sentence_ids", "offsets", "sentences"]


def _flat(row: dict[str, Any]) -> dict[str, Any]:
    g = row["geometry"]
    lat = lon = lat2 = lon2 = None
    if g and g["type"] == "Point":
        lon, lat = g["coordinates"]
    elif g and g["type"] == "LineString":
        (lon, lat), (lon2, lat2) = g["coordinates"]
    refs = row["sentences"]
    out = {k: row.get(k) for k in CSV_COLUMNS}
    out.update(lat=lat, lon=lon, lat2=lat2, lon2=lon2,
               sentence_ids=";".join(str(r["sentence"]) for r in refs),
               offsets=";".join(f"{r['start']}-{r['end']}" if r["start"] is not None else "" for r in refs),
               sentences=" | ".join(r.get("sentence_text") or "" for r in refs))
    return {k: ("" if v is None else v) for k, v in out.items()}


def to_csv(result: Result) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    w.writeheader()
    for row in feature_rows(result):
        w.writerow(_flat(row))
    return buf.getvalue()


def write_csv(result: Result, path: str | os.PathLike[str]) -> None:
    atomic_write_bytes(path, ("\ufeff" + to_csv(result)).encode("utf-8"))  # BOM: spreadsheets read UTF-8


# ---------------------------------------------------------------- KML

KML_NS = "http://www.opengis.net/kml/2.2"


def to_kml(result: Result) -> str:
    ET.register_namespace("", KML_NS)
    k = lambda tag: f"{{{KML_NS}}}{tag}"  # noqa: E731
    root = ET.Element(k("kml"))
    doc = ET.SubElement(root, k("Document"))
    ET.SubElement(doc, k("name")).text = result.article.title or "mapper"
    folders: dict[str, ET.Element] = {}
    for row in feature_rows(result):
        folder = folders.get(row["feature"])
        if folder is None:
            folder = folders[row["feature"]] = ET.SubElement(doc, k("Folder"))
            ET.SubElement(folder, k("name")).text = {"place": "Places", "event": "Events", "fact": "Memorial facts",
                                                    "claim": "Claims"}[row["feature"]]
        pm = ET.SubElement(folder, k("Placemark"), id=row["id"])
        ET.SubElement(pm, k("name")).text = row["name"]
        ET.SubElement(pm, k("description")).text = "\n".join(r.get("sentence_text") or "" for r in row["sentences"])
        if row["date"]:
            ET.SubElement(ET.SubElement(pm, k("TimeStamp")), k("when")).text = row["date"]
        ext = ET.SubElement(pm, k("ExtendedData"))
        for key, value in _flat(row).items():
            if key in ("lat", "lon", "lat2", "lon2", "name"):
                continue
            data = ET.SubElement(ext, k("Data"), name=key)
            ET.SubElement(data, k("value")).text = str(value)
        g = row["geometry"]
        if g and g["type"] == "Point":
            ET.SubElement(ET.SubElement(pm, k("Point")), k("coordinates")).text = "{},{}".format(*g["coordinates"])
        elif g and g["type"] == "LineString":
            ET.SubElement(ET.SubElement(pm, k("LineString")), k("coordinates")).text = " ".join(
                f"{lon},{lat}" for lon, lat in g["coordinates"])
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def write_kml(result: Result, path: str | os.PathLike[str]) -> None:
    atomic_write_text(path, to_kml(result))


# ---------------------------------------------------------------- HTML

def write_html(result: Result, path: str | os.PathLike[str], *, tiles: str | None = None,
               state: dict[str, Any] | None = None) -> str:
    """Write the self-contained map page; returns the HTML. state (the live page's
    mapperMap.getState()): the page opens in that view with those layers and dates."""
    from .mapbuild import render_html, state_options
    # the vector basemap goes in as a sub-archive round the places: one file, no network
    text = render_html(result, tiles=tiles, basemap="inline", **state_options(state))
    atomic_write_text(path, text)
    return text


# ---------------------------------------------------------------- every format, one call

#: Formats export_result writes, with their file-dialog names.
EXPORT_FORMATS = {"html": "Interactive map (HTML)", "png": "Map image (PNG)", "pdf": "Report (PDF)",
                  "geojson": "GeoJSON", "csv": "CSV table", "kml": "KML (Google Earth)"}

_UNSAFE = re.compile(r'[/\\:*?"<>|\x00-\x1f\x7f-\x9f\u2028\u2029]')


def default_export_name(result: Result, fmt: str) -> str:
    """A file name for an export: the article's title made safe for a file name (Unicode
    letters kept; / \\ : * ? " < > | and control characters replaced; spaces collapsed; at
    most 80 characters; no leading dot), else the source file's stem, else "article"; then
    the format's extension."""
    fmt = fmt.lower().lstrip(".")
    if fmt not in EXPORT_FORMATS:
        raise ExportError(f"unknown export format {fmt!r}: choose from {', '.join(EXPORT_FORMATS)}")
    a = result.article
    candidates = [a.title, Path(a.path).stem if a.path else None, "article"]
    for raw in candidates:
        name = _safe_stem(raw or "")
        if name:
            return f"{name}.{fmt}"
    return f"article.{fmt}"  # pragma: no cover - "article" is always safe


def _safe_stem(text: str) -> str:
    import unicodedata
    text = unicodedata.normalize("NFC", text)
    text = _UNSAFE.sub(" ", text)
    text = "".join(" " if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") or c.isspace() else c for c in text)
    text = re.sub(r" +", " ", text).strip()
    if len(text) > 80:
        cut = text[:80]
        text = cut.rsplit(" ", 1)[0] if " " in cut[40:] else cut  # at a word end when one is near
    text = text.strip(" .")  # no leading dot (a hidden file), no trailing dot or space (Windows)
    if text.upper().split(".")[0] in _WINDOWS_RESERVED:
        text = "_" + text
    return text


_WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}


def export_result(result: Result, fmt: str, path: str | os.PathLike[str], *, tiles: str | None = None,
                  state: dict[str, Any] | None = None, scale: float | None = None) -> None:
    """Write one export, whatever its format: html, png, pdf (the report), geojson, csv, kml.

    state: the live map's mapperMap.getState(); the HTML opens in that view, and the PNG and
    the report's map are drawn as the user sees it (size, view, layers, dates, base). png and
    pdf need QtWebEngine (imported only here). scale: the PNG's pixels per CSS px (default 2)."""
    fmt = fmt.lower().lstrip(".")
    if fmt == "html":
        write_html(result, path, tiles=tiles, state=state)
    elif fmt == "geojson":
        write_geojson(result, path)
    elif fmt == "csv":
        write_csv(result, path)
    elif fmt == "kml":
        write_kml(result, path)
    elif fmt == "png":
        from .webrender import render_view
        render_view(result, state=state, png=path, tiles=tiles, scale=2.0 if scale is None else scale)
    elif fmt == "pdf":
        from .report import write_report_pdf
        write_report_pdf(result, path, state=state, tiles=tiles)
    else:
        raise ExportError(f"unknown export format {fmt!r}: choose from {', '.join(EXPORT_FORMATS)}")
