"""Exports of a whole collection: GeoPackage, GeoParquet, GeoJSON, CSV and one offline HTML
map. Qt-free.

* GeoPackage (OGC 12-128r18, written with sqlite3: no GDAL needed at run time): layers
  `places` (one row per place per article), `events`, `facts` and `merged_places` (one row
  per pin of the merged map), WGS 84 points, each row with its article (id, title, url,
  published, source) and its sentence (id and text). QGIS, GDAL/pyogrio and fiona read it.
* GeoParquet 1.0: one table of the same rows with a `feature` column (place, event, fact), a
  WKB `geometry` column and the `geo` metadata key (needs pyarrow: `pip install 'mapper[batch]'`).
* GeoJSON (RFC 7946) and CSV: the same rows, as the one-article exports.
* HTML: the merged map drawn by mapper.render.mapbuild (through its public render_html) from
  `collection_result`, a Result whose places are the merged pins and whose sentences are
  the articles' sentences, each headed by its article's title.

Every file is written atomically (temp file in the same folder, then os.replace).
"""
from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
import struct
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..core.collection import ArticleFilter, Collection
from ..core.errors import MapperError
from ..core.models import Article, Event, Fact, Mention, Place, Result, Sentence
from .exporters import ExportError, atomic_write_bytes, atomic_write_text

CREDITS = "Places: GeoNames (CC BY 4.0); shapes: Natural Earth (public domain)"

#: the columns of every row (GeoParquet, CSV, GeoJSON properties), in order; lat/lon as well
ROW_COLUMNS = ["feature", "article_id", "article_title", "article_url", "published", "source", "id", "kind",
               "name", "place_key", "place_name", "country", "value", "qualifier", "date", "date_text", "hedged",
               "confidence", "sentence_id", "sentence_text", "text", "lat", "lon"]


# ---------------------------------------------------------------- rows

def collection_rows(c: Collection, flt: ArticleFilter | None = None) -> Iterator[dict[str, Any]]:
    """Every place (per article), event and fact of the (filtered) collection as flat rows."""
    where, params = (flt or ArticleFilter()).where("a")
    art = "a.id, a.title, a.url, a.published, a.source"
    for r in c._query(
            f"""SELECT {art}, p.pid, p.kind, p.name, p.key, p.country, p.confidence, p.sentences, p.lat, p.lon,
                       s.text
                FROM places p JOIN articles a ON a.id = p.article_id
                LEFT JOIN sentences s ON s.article_id = p.article_id
                     AND s.sid = CAST(substr(p.sentences, 1, instr(p.sentences || ',', ',') - 1) AS INTEGER)
                WHERE {where} ORDER BY a.id, p.pid""", params):
        yield {"feature": "place", "article_id": r[0], "article_title": r[1], "article_url": r[2],
               "published": r[3], "source": r[4], "id": r[5], "kind": r[6], "name": r[7], "place_key": r[8],
               "place_name": r[7], "country": r[9], "value": None, "qualifier": None, "date": None,
               "date_text": None, "hedged": None, "confidence": r[10], "sentence_id": _first_int(r[11]),
               "sentence_text": r[14], "text": r[7], "lat": r[12], "lon": r[13], "sentence_ids": r[11]}
    for r in c._query(
            f"""SELECT {art}, e.eid, e.kind, e.summary, e.key, p.name, p.country, e.date, e.date_text, e.hedged,
                       e.sentence, s.text, e.trigger, e.lat, e.lon
                FROM events e JOIN articles a ON a.id = e.article_id
                LEFT JOIN places p ON p.article_id = e.article_id AND p.pid = e.pid
                LEFT JOIN sentences s ON s.article_id = e.article_id AND s.sid = e.sentence
                WHERE {where} ORDER BY a.id, e.eid""", params):
        yield {"feature": "event", "article_id": r[0], "article_title": r[1], "article_url": r[2],
               "published": r[3], "source": r[4], "id": r[5], "kind": r[6], "name": r[7] or r[6], "place_key": r[8],
               "place_name": r[9], "country": r[10], "value": None, "qualifier": None, "date": r[11],
               "date_text": r[12], "hedged": bool(r[13]), "confidence": None, "sentence_id": r[14],
               "sentence_text": r[15], "text": r[16], "lat": r[17], "lon": r[18], "sentence_ids": str(r[14])}
    for r in c._query(
            f"""SELECT {art}, f.fid, f.kind, f.text, f.key, p.name, p.country, f.value, f.qualifier, f.sentence,
                       s.text, f.lat, f.lon
                FROM facts f JOIN articles a ON a.id = f.article_id
                LEFT JOIN places p ON p.article_id = f.article_id AND p.pid = f.pid
                LEFT JOIN sentences s ON s.article_id = f.article_id AND s.sid = f.sentence
                WHERE {where} ORDER BY a.id, f.fid""", params):
        yield {"feature": "fact", "article_id": r[0], "article_title": r[1], "article_url": r[2],
               "published": r[3], "source": r[4], "id": r[5], "kind": r[6], "name": r[7], "place_key": r[8],
               "place_name": r[9], "country": r[10], "value": r[11], "qualifier": r[12], "date": None,
               "date_text": None, "hedged": None, "confidence": None, "sentence_id": r[13],
               "sentence_text": r[14], "text": r[7], "lat": r[15], "lon": r[16], "sentence_ids": str(r[13])}


def _first_int(text: str | None) -> int | None:
    if not text:
        return None
    return int(text.split(",", 1)[0])


def result_rows(result: Result, article_id: str | int, *, source: str | None = None) -> Iterator[dict[str, Any]]:
    """The rows of one Result (the shape of collection_rows), for the batch output: one
    "article" row (no geometry) and then its places, events and facts."""
    a = result.article
    base = {"article_id": article_id, "article_title": a.title, "article_url": a.url, "published": a.published,
            "source": source}
    text_of = {s.id: s.text for s in result.sentences}
    empty = {k: None for k in ROW_COLUMNS}
    yield {**empty, **base, "feature": "article", "id": str(article_id), "name": a.title,
           "value": len(result.places)}
    by_id: dict[str | None, Place] = {p.id: p for p in result.places}
    p: Place | None
    for p in result.places:
        sids = sorted({m.sentence for m in p.mentions})
        yield {**empty, **base, "feature": "place", "id": p.id, "kind": p.kind, "name": p.name, "place_key": p.key,
               "place_name": p.name, "country": p.country, "confidence": round(p.confidence, 3),
               "sentence_id": sids[0] if sids else None, "sentence_text": text_of.get(sids[0]) if sids else None,
               "text": p.mentions[0].text if p.mentions else p.name, "lat": p.lat, "lon": p.lon}
    for e in result.events:
        p = by_id.get(e.place)
        yield {**empty, **base, "feature": "event", "id": e.id, "kind": e.kind, "name": e.summary or e.kind,
               "place_key": p.key if p else None, "place_name": p.name if p else None,
               "country": p.country if p else None, "date": e.date, "date_text": e.date_text, "hedged": e.hedged,
               "sentence_id": e.sentence, "sentence_text": text_of.get(e.sentence), "text": e.trigger,
               "lat": p.lat if p else None, "lon": p.lon if p else None}
    for i, f in enumerate(result.facts, 1):
        p = by_id.get(f.place)
        yield {**empty, **base, "feature": "fact", "id": f"f{i}", "kind": f.kind, "name": f.text,
               "place_key": p.key if p else None, "place_name": p.name if p else None,
               "country": p.country if p else None, "value": f.value, "qualifier": f.qualifier,
               "sentence_id": f.sentence, "sentence_text": text_of.get(f.sentence), "text": f.text,
               "lat": p.lat if p else None, "lon": p.lon if p else None}


# ---------------------------------------------------------------- GeoPackage

GPKG_APPLICATION_ID = 0x47504B47  # "GPKG"
GPKG_USER_VERSION = 10200  # GeoPackage 1.2
_GPKG_BASE = [
    """CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER NOT NULL PRIMARY KEY,
        organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL,
        description TEXT)""",
    """CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL,
        identifier TEXT UNIQUE, description TEXT DEFAULT '',
        last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
        min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER,
        CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id))""",
    """CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL,
        geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL,
        CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
        CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
        CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id))""",
]
_WGS84_WKT = ('GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],'
              'AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],'
              'UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4326"]]')
_SRS = [("Undefined cartesian SRS", -1, "NONE", -1, "undefined", "undefined cartesian coordinate reference system"),
        ("Undefined geographic SRS", 0, "NONE", 0, "undefined", "undefined geographic coordinate reference system"),
        ("WGS 84 geodetic", 4326, "EPSG", 4326, _WGS84_WKT, "longitude/latitude coordinates in decimal degrees")]

#: layer -> (feature kind of collection_rows, [(column, SQL type, row key)])
_ART = [("article_id", "INTEGER", "article_id"), ("article_title", "TEXT", "article_title"),
        ("article_url", "TEXT", "article_url"), ("published", "TEXT", "published"), ("source", "TEXT", "source")]
GPKG_LAYERS: dict[str, tuple[str, list[tuple[str, str, str]]]] = {
    "places": ("place", _ART + [("place_id", "TEXT", "id"), ("kind", "TEXT", "kind"), ("name", "TEXT", "name"),
                                ("place_key", "TEXT", "place_key"), ("country", "TEXT", "country"),
                                ("confidence", "REAL", "confidence"), ("sentence_ids", "TEXT", "sentence_ids"),
                                ("sentence_id", "INTEGER", "sentence_id"), ("sentence_text", "TEXT", "sentence_text")]),
    "events": ("event", _ART + [("event_id", "TEXT", "id"), ("kind", "TEXT", "kind"), ("summary", "TEXT", "name"),
                                ("date", "TEXT", "date"), ("date_text", "TEXT", "date_text"),
                                ("hedged", "BOOLEAN", "hedged"), ("place_key", "TEXT", "place_key"),
                                ("place_name", "TEXT", "place_name"), ("sentence_id", "INTEGER", "sentence_id"),
                                ("sentence_text", "TEXT", "sentence_text"), ("trigger", "TEXT", "text")]),
    "facts": ("fact", _ART + [("fact_id", "TEXT", "id"), ("kind", "TEXT", "kind"), ("value", "INTEGER", "value"),
                              ("qualifier", "TEXT", "qualifier"), ("text", "TEXT", "text"),
                              ("place_key", "TEXT", "place_key"), ("place_name", "TEXT", "place_name"),
                              ("sentence_id", "INTEGER", "sentence_id"), ("sentence_text", "TEXT", "sentence_text")]),
}


def wkb_point(lon: float, lat: float) -> bytes:
    """An ISO WKB point, little-endian."""
    return struct.pack("<BIdd", 1, 1, float(lon), float(lat))


def gpkg_point(lon: float, lat: float, srs_id: int = 4326) -> bytes:
    """A GeoPackage binary geometry: 'GP', version 0, flags (little-endian, no envelope), srs_id, WKB."""
    return b"GP" + struct.pack("<BBi", 0, 0b00000001, srs_id) + wkb_point(lon, lat)


def write_gpkg(c: Collection, path: str | os.PathLike[str], flt: ArticleFilter | None = None) -> dict[str, int]:
    """Write the GeoPackage; returns {layer: rows}."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise ExportError(f"{target}: the folder {folder} does not exist")
    by_feature: dict[str, list[dict[str, Any]]] = {"place": [], "event": [], "fact": []}
    for row in collection_rows(c, flt):
        by_feature[row["feature"]].append(row)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=folder)
    os.close(fd)
    os.unlink(tmp)  # sqlite makes the file
    counts: dict[str, int] = {}
    try:
        g = sqlite3.connect(tmp, isolation_level=None)
        try:
            g.execute(f"PRAGMA application_id = {GPKG_APPLICATION_ID}")
            g.execute(f"PRAGMA user_version = {GPKG_USER_VERSION}")
            g.execute("BEGIN")
            for stmt in _GPKG_BASE:
                g.execute(stmt)
            g.executemany("INSERT INTO gpkg_spatial_ref_sys VALUES (?,?,?,?,?,?)", _SRS)
            for layer, (feature, cols) in GPKG_LAYERS.items():
                counts[layer] = _gpkg_layer(g, layer, cols, by_feature[feature])
            counts["merged_places"] = _gpkg_pins(g, c, flt)
            g.execute("COMMIT")
        finally:
            g.close()
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(tmp, 0o666 & ~mask)
        os.replace(tmp, target)
    except BaseException as err:
        for leftover in (tmp, tmp + "-journal"):
            try:
                os.unlink(leftover)
            except FileNotFoundError:
                pass
        if isinstance(err, (OSError, sqlite3.Error)):
            raise ExportError(f"{target}: {err}") from err
        raise
    return counts


def _gpkg_table(g: sqlite3.Connection, layer: str, cols: list[tuple[str, str]], description: str,
                points: list[tuple[float, float]]) -> None:
    defs = ", ".join(f'"{name}" {typ}' for name, typ in cols)
    g.execute(f'CREATE TABLE "{layer}" (fid INTEGER PRIMARY KEY AUTOINCREMENT, geom POINT, {defs})')
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    bbox = (min(xs), min(ys), max(xs), max(ys)) if points else (None, None, None, None)
    g.execute("INSERT INTO gpkg_contents(table_name, data_type, identifier, description, last_change, min_x, min_y, "
              "max_x, max_y, srs_id) VALUES (?, 'features', ?, ?, ?, ?, ?, ?, ?, 4326)",
              (layer, layer, description, time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime()), *bbox))
    g.execute("INSERT INTO gpkg_geometry_columns VALUES (?, 'geom', 'POINT', 4326, 0, 0)", (layer,))


def _gpkg_layer(g: sqlite3.Connection, layer: str, cols: list[tuple[str, str, str]], rows: list[dict]) -> int:
    points = [(r["lon"], r["lat"]) for r in rows if r["lat"] is not None]
    _gpkg_table(g, layer, [(n, t) for n, t, _ in cols], f"mapper: {layer} of the collection's articles", points)
    names = ", ".join(f'"{n}"' for n, _, _ in cols)
    g.executemany(
        f'INSERT INTO "{layer}" (geom, {names}) VALUES (?{", ?" * len(cols)})',
        [(gpkg_point(r["lon"], r["lat"]) if r["lat"] is not None else None,
          *(_cell(r.get(key)) for _, _, key in cols)) for r in rows])
    return len(rows)


def _cell(v: Any) -> Any:
    return int(v) if isinstance(v, bool) else v


def _gpkg_pins(g: sqlite3.Connection, c: Collection, flt: ArticleFilter | None) -> int:
    pins = c.pins(flt)
    cols = [("pin_id", "TEXT"), ("name", "TEXT"), ("kind", "TEXT"), ("country", "TEXT"), ("articles", "INTEGER"),
            ("mentions", "INTEGER"), ("article_ids", "TEXT")]
    _gpkg_table(g, "merged_places", cols, "mapper: one point per place of the merged map",
                [(p.lon, p.lat) for p in pins])
    g.executemany('INSERT INTO "merged_places" (geom, pin_id, name, kind, country, articles, mentions, article_ids) '
                  "VALUES (?,?,?,?,?,?,?,?)",
                  [(gpkg_point(p.lon, p.lat), p.id, p.name, p.kind, p.country, len(p.refs), p.mentions,
                    ",".join(str(a) for a in p.article_ids)) for p in pins])
    return len(pins)


# ---------------------------------------------------------------- GeoParquet

def geoparquet_table(rows: list[dict[str, Any]], extra_metadata: dict[str, str] | None = None):
    """A pyarrow Table of rows (ROW_COLUMNS) with a WKB `geometry` column and the GeoParquet
    1.0 `geo` metadata (CRS omitted = OGC:CRS84, longitude/latitude)."""
    pa = _pyarrow()
    schema = [("feature", pa.string()), ("article_id", pa.string()), ("article_title", pa.string()),
              ("article_url", pa.string()), ("published", pa.string()), ("source", pa.string()),
              ("id", pa.string()), ("kind", pa.string()), ("name", pa.string()), ("place_key", pa.string()),
              ("place_name", pa.string()), ("country", pa.string()), ("value", pa.int64()),
              ("qualifier", pa.string()), ("date", pa.string()), ("date_text", pa.string()),
              ("hedged", pa.bool_()), ("confidence", pa.float64()), ("sentence_id", pa.int64()),
              ("sentence_text", pa.string()), ("text", pa.string()), ("lat", pa.float64()), ("lon", pa.float64())]
    arrays = []
    for name, typ in schema:
        values = [r.get(name) for r in rows]
        if name == "article_id":
            values = [None if v is None else str(v) for v in values]
        arrays.append(pa.array(values, type=typ))
    geoms = [wkb_point(r["lon"], r["lat"]) if r.get("lat") is not None else None for r in rows]
    arrays.append(pa.array(geoms, type=pa.binary()))
    names = [n for n, _ in schema] + ["geometry"]
    located = [r for r in rows if r.get("lat") is not None]
    bbox = ([min(r["lon"] for r in located), min(r["lat"] for r in located),
             max(r["lon"] for r in located), max(r["lat"] for r in located)] if located else [])
    geo = {"version": "1.0.0", "primary_column": "geometry",
           "columns": {"geometry": {"encoding": "WKB", "geometry_types": ["Point"],
                                    **({"bbox": bbox} if bbox else {})}}}
    meta = {b"geo": json.dumps(geo).encode()}
    for k, v in (extra_metadata or {}).items():
        meta[k.encode()] = v.encode()
    return pa.Table.from_arrays(arrays, names=names).replace_schema_metadata(meta)


def _pyarrow():
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError:
        raise MapperError("GeoParquet needs pyarrow: pip install 'mapper[batch]'") from None
    return pyarrow


def write_parquet_table(table, path: str | os.PathLike[str]) -> None:
    """Write a table atomically (temp file in the same folder, then os.replace)."""
    import pyarrow.parquet as pq
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise ExportError(f"{target}: the folder {folder} does not exist")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=folder)
    os.close(fd)
    try:
        pq.write_table(table, tmp, compression="zstd")
        with open(tmp, "rb") as f:
            os.fsync(f.fileno())
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(tmp, 0o666 & ~mask)  # mkstemp makes 0600; an export gets the usual mode
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def write_geoparquet(c: Collection, path: str | os.PathLike[str], flt: ArticleFilter | None = None) -> int:
    rows = list(collection_rows(c, flt))
    write_parquet_table(geoparquet_table(rows, {"mapper": json.dumps({"collection": c.path.name,
                                                                      "credits": CREDITS})}), path)
    return len(rows)


# ---------------------------------------------------------------- GeoJSON and CSV

def write_geojson(c: Collection, path: str | os.PathLike[str], flt: ArticleFilter | None = None) -> int:
    features = []
    for row in collection_rows(c, flt):
        geom = {"type": "Point", "coordinates": [round(row["lon"], 6), round(row["lat"], 6)]} \
            if row["lat"] is not None else None
        props = {k: row.get(k) for k in ROW_COLUMNS if k not in ("lat", "lon")}
        features.append({"type": "Feature", "id": f"{row['article_id']}/{row['id']}", "geometry": geom,
                         "properties": props})
    doc = {"type": "FeatureCollection", "features": features,
           "mapper": {"collection": c.path.name, "credits": CREDITS}}
    atomic_write_text(path, json.dumps(doc, ensure_ascii=False, indent=1) + "\n")
    return len(features)


def _csv_cell(v: Any) -> Any:
    if v is None:
        return ""
    if isinstance(v, str) and v[:1] in ("=", "+", "-", "@"):
        return "'" + v  # a spreadsheet must not run a cell as a formula
    return v


def write_csv(c: Collection, path: str | os.PathLike[str], flt: ArticleFilter | None = None) -> int:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(ROW_COLUMNS)
    n = 0
    for row in collection_rows(c, flt):
        w.writerow([_csv_cell(row.get(k)) for k in ROW_COLUMNS])
        n += 1
    atomic_write_bytes(path, ("\ufeff" + buf.getvalue()).encode("utf-8"))
    return n


# ---------------------------------------------------------------- the merged map as a Result

def collection_result(c: Collection, flt: ArticleFilter | None = None, *, title: str | None = None,
                      max_refs_per_pin: int = 200, origins: dict[int, tuple[int, int]] | None = None) -> Result:
    """The merged map as one Result that mapbuild draws as it draws an article: each pin a
    Place (id "p1", "p2"... in pin order, key = the pin id), each sentence that names it a
    Sentence headed by its article ("Title (source, date): sentence"), events and facts on
    their pins. For the collection's HTML export, and for the desktop app's collection map.
    origins, when given, is filled with {sentence id of the Result: (article id, its sentence
    id)} (the desktop app opens the article of a sentence clicked in a popup)."""
    pins = c.pins(flt)
    key_to_pid: dict[str, str] = {}
    for i, pin in enumerate(pins, 1):
        for k in pin.keys:
            key_to_pid.setdefault(k, f"p{i}")
    articles = {r.id: r for r in c.articles(flt)}
    parts: list[str] = []
    sentences: list[Sentence] = []
    index: dict[tuple[int, int], int] = {}
    pos = 0

    def sentence_of(aid: int, sid: int, text: str) -> tuple[int, int]:
        """(synthetic sentence id, offset of the original sentence's first character)"""
        nonlocal pos
        if (aid, sid) in index:
            k = index[(aid, sid)]
            return k, sentences[k].start + len(_heading(articles.get(aid)))
        head = _heading(articles.get(aid))
        s = head + (text or "")
        sentences.append(Sentence(len(sentences), pos, pos + len(s), s))
        parts.append(s)
        index[(aid, sid)] = len(sentences) - 1
        if origins is not None:
            origins[len(sentences) - 1] = (aid, sid)
        pos += len(s) + 1
        return len(sentences) - 1, sentences[-1].start + len(head)

    wanted = [(r.article_id, s) for pin in pins for r in pin.refs[:max_refs_per_pin] for s in r.sentences]
    ev_rows = c.map_events(flt)
    fact_rows = c.map_facts(flt)
    wanted += [(e.article_id, e.sentence) for e in ev_rows] + [(f.article_id, f.sentence) for f in fact_rows]
    texts = c.sentence_texts(dict.fromkeys(wanted))
    sent_start = {(a, s): st for a, s, st in c._query(
        "SELECT article_id, sid, start FROM sentences WHERE article_id IN "
        f"({','.join(str(a) for a in {a for a, _ in wanted}) or 'NULL'})")}
    mention_rows: dict[tuple[int, str], list[tuple]] = {}
    for aid, key, start, end, sid, text in c._query(
            'SELECT m.article_id, p.key, m.start, m."end", m.sentence, m.text FROM mentions m '
            "JOIN places p ON p.article_id = m.article_id AND p.pid = m.pid"):
        mention_rows.setdefault((aid, key), []).append((start, end, sid, text))
    # a merged pin is as sure as the surest article that placed it (its calibrated confidence)
    confidence: dict[str, float] = {key: float(conf) for key, conf in c._query(
        "SELECT key, MAX(COALESCE(confidence, 0)) FROM places GROUP BY key")}
    places: list[Place] = []
    for i, pin in enumerate(pins, 1):
        mentions = []
        for ref in pin.refs[:max_refs_per_pin]:
            for k in pin.keys:
                for start, end, sid, text in mention_rows.get((ref.article_id, k), ()):
                    new_sid, base = sentence_of(ref.article_id, sid, texts.get((ref.article_id, sid), ""))
                    off = start - sent_start.get((ref.article_id, sid), start)
                    mentions.append(Mention(base + off, base + off + (end - start), text, new_sid))
        places.append(Place(id=f"p{i}", name=pin.name, lat=pin.lat, lon=pin.lon, country=pin.country,
                            kind=pin.kind or "city", source=f"{len(pin.refs)} article(s)",
                            confidence=max((confidence.get(k, 0.0) for k in pin.keys), default=0.0), geonameid=None,
                            mentions=mentions, key=pin.id))
    events = []
    for n, e in enumerate(ev_rows, 1):
        sid, _ = sentence_of(e.article_id, e.sentence, texts.get((e.article_id, e.sentence), ""))
        events.append(Event(id=f"e{n}", kind=e.kind, date=e.date, date_text=e.date_text,
                            place=key_to_pid.get(e.place_key or ""), sentence=sid, actors=e.actors, hedged=e.hedged,
                            summary=e.summary))
    facts = []
    for f in fact_rows:
        original = texts.get((f.article_id, f.sentence), "")
        sid, base = sentence_of(f.article_id, f.sentence, original)
        at = max(original.find(f.text), 0) if f.text else 0
        facts.append(Fact(kind=f.kind, value=f.value, qualifier=f.qualifier, place=key_to_pid.get(f.place_key or ""),
                          sentence=sid, text=f.text, start=base + at, end=base + at + len(f.text or "")))
    text = "\n".join(parts)
    span = c.timeline(flt)
    article = Article(text=text, title=title or f"{c.path.stem}: {len(articles)} articles",
                      published=span.published_end if span.published_end and len(span.published_end) == 10 else None)
    return Result(article=article, sentences=sentences, places=places, events=events, facts=facts)


def _heading(row) -> str:
    if row is None:
        return ""
    bits = ", ".join(b for b in (row.source, row.published) if b)
    return f"{row.title or 'Untitled'}{f' ({bits})' if bits else ''}: "


def write_html(c: Collection, path: str | os.PathLike[str], flt: ArticleFilter | None = None, *,
               tiles: str | None = None) -> int:
    """The offline HTML map of the collection (mapbuild's page, as for one article)."""
    from .exporters import write_html as write_result_html
    result = collection_result(c, flt)
    write_result_html(result, path, tiles=tiles)
    return len(result.places)


EXPORTERS = {"gpkg": write_gpkg, "parquet": write_geoparquet, "geojson": write_geojson, "csv": write_csv,
             "html": write_html}
