"""The PDF report of an article: what it is, the map as the user sees it, and tables of its
places, events, memorial facts and stated distances, each with the sentence it came from;
then the sources and credits.

The report is an HTML document built here (Qt-free) and printed to an A4 PDF by QtWebEngine
(webrender.print_html_pdf). Every string from the article goes through html.escape; the map
image is embedded as a data: URI, so printing makes no request.
"""
from __future__ import annotations

import base64
import datetime as _dt
import html
import os
from collections import defaultdict
from pathlib import Path

from ..core.models import Result
from .exporters import atomic_write_bytes

#: The map image's size (CSS px) when the caller has no live view to copy.
REPORT_MAP_SIZE = (1000, 680)
#: At most this many sentences are quoted for one place (the rest are counted).
MAX_SENTENCES_PER_PLACE = 2

_CSS = """
* { -webkit-print-color-adjust: exact; print-color-adjust: exact; box-sizing: border-box; }
html, body { margin: 0; padding: 0; }
body { font-family: "DejaVu Sans", "Noto Sans", "Liberation Sans", Arial, sans-serif; font-size: 9.5pt;
       line-height: 1.35; color: #1f2329; }
h1 { font-size: 17pt; line-height: 1.2; margin: 0 0 6pt; font-weight: 700; }
h2 { font-size: 12.5pt; margin: 16pt 0 5pt; padding-bottom: 2pt; border-bottom: 1.2pt solid #2c5d8a;
     color: #2c5d8a; break-after: avoid; page-break-after: avoid; }
h2 .count { font-weight: normal; color: #667; font-size: 10pt; }
.meta { border-collapse: collapse; margin: 0 0 10pt; font-size: 9.5pt; width: 100%; }
.meta th { text-align: left; color: #556; font-weight: 600; padding: 1.5pt 10pt 1.5pt 0; width: 26mm;
           vertical-align: top; white-space: nowrap; }
.meta td { padding: 1.5pt 0; overflow-wrap: anywhere; word-break: break-word; }
.meta a { color: #1f4e79; text-decoration: none; }
figure.map { margin: 0; break-inside: avoid; page-break-inside: avoid; }
figure.map img { display: block; width: 100%; max-height: 165mm; object-fit: contain;
                 border: 0.6pt solid #9aa4ae; }
figure.map figcaption { font-size: 8pt; color: #556; margin-top: 3pt; }
.nomap { border: 0.6pt dashed #9aa4ae; padding: 20pt; text-align: center; color: #667; }
section { break-before: auto; }
table.data { width: 100%; border-collapse: collapse; font-size: 8pt; margin-bottom: 4pt; }
table.data thead { display: table-header-group; }
table.data tr { break-inside: avoid; page-break-inside: avoid; }
table.data th { background: #e9eef3; text-align: left; font-weight: 600; padding: 3pt 4pt;
                border-bottom: 0.8pt solid #8a96a3; vertical-align: bottom; }
table.data { table-layout: fixed; }
table.data td { padding: 3pt 4pt; border-bottom: 0.5pt solid #d3d9df; vertical-align: top;
                overflow-wrap: break-word; }
table.data td.num, table.data th.num { text-align: right; white-space: nowrap; }
table.data td.nowrap { white-space: nowrap; }
td.quote { color: #2b2f33; }
td.quote p { margin: 0 0 2pt; }
td.quote p:last-child { margin-bottom: 0; }
mark { background: #ffe28a; color: inherit; padding: 0 1pt; border-radius: 1.5pt; }
.more { color: #667; font-style: italic; }
.small { color: #556; font-size: 7.6pt; }
.none { color: #667; font-style: italic; margin: 2pt 0 0; }
.credits { break-inside: avoid; page-break-inside: avoid; }
.credits ul { margin: 3pt 0 0; padding-left: 14pt; }
.credits li { margin: 0 0 2.5pt; }
.footer { margin-top: 10pt; color: #778; font-size: 7.6pt; }
"""


DASH, DOTS = "\u2014", "\u2026"


def _e(value) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _human(kind: str | None) -> str:
    return (kind or "").replace("_", " ")


def _coords(lat: float, lon: float) -> str:
    """Escaped HTML: latitude over longitude."""
    return (f"{abs(lat):.4f}\u00b0\u00a0{'N' if lat >= 0 else 'S'}<br>"
            f"{abs(lon):.4f}\u00b0\u00a0{'E' if lon >= 0 else 'W'}")


def _quote(result: Result, sid: int, spans) -> str:
    """The sentence `sid`, escaped, with the [start, end) article offsets in spans marked."""
    if not 0 <= sid < len(result.sentences):
        return ""
    s = result.sentences[sid]
    text, base = s.text, s.start
    cuts = sorted({(max(0, a - base), min(len(text), b - base)) for a, b in spans
                   if a is not None and b is not None and a - base < len(text) and b - base > 0 and b > a})
    out, pos = [], 0
    for a, b in cuts:
        a = max(a, pos)  # overlapping spans: mark the rest only
        if a >= b:
            continue
        out.append(_e(text[pos:a]))
        out.append(f"<mark>{_e(text[a:b])}</mark>")
        pos = b
    out.append(_e(text[pos:]))
    return "".join(out)


def _find_span(result: Result, sid: int, needle: str | None, *, case: bool = True):
    if not needle or not 0 <= sid < len(result.sentences):
        return None
    s = result.sentences[sid]
    at = s.text.find(needle) if case else s.text.lower().find(needle.lower())
    return (s.start + at, s.start + at + len(needle)) if at >= 0 else None


def _used_nominatim(result: Result) -> bool:
    return any(p.source == "nominatim" for p in result.places)


def _table(headers: list[tuple[str, str, int | None]], rows: list[str]) -> str:
    """headers: (name, class, width in %; None: the rest)."""
    cols = "".join(f'<col style="width:{w}%">' if w else "<col>" for _, _, w in headers)
    head = "".join(f'<th class="{cls}">{_e(name)}</th>' if cls else f"<th>{_e(name)}</th>" for name, cls, _ in headers)
    return (f'<table class="data"><colgroup>{cols}</colgroup><thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table>')


def _section(title: str, count: int, body: str, empty: str) -> str:
    n = f' <span class="count">({count})</span>' if count else ""
    return f"<section><h2>{_e(title)}{n}</h2>{body if count else f'<p class=none>{_e(empty)}</p>'}</section>"


def _places(result: Result) -> str:
    rows = []
    for p in result.places:
        by_sentence: dict[int, list] = defaultdict(list)
        for m in p.mentions:
            by_sentence[m.sentence].append((m.start, m.end))
        sids = sorted(by_sentence)
        quotes = "".join(f"<p>{_quote(result, sid, by_sentence[sid])}</p>" for sid in sids[:MAX_SENTENCES_PER_PLACE])
        extra = len(sids) - MAX_SENTENCES_PER_PLACE
        if extra > 0:
            quotes += f'<p class="more">and {extra} more sentence{"s" if extra > 1 else ""}</p>'
        rows.append(f"<tr><td><b>{_e(p.name)}</b></td><td>{_e(_human(p.kind))}</td><td>{_e(p.country or '')}</td>"
                    f'<td class="nowrap">{_coords(p.lat, p.lon)}</td><td class="num">{p.confidence:.2f}</td>'
                    f'<td>{_e(p.source)}</td><td class="quote">{quotes}</td></tr>')
    table = _table([("Place", "", 14), ("Kind", "", 10), ("Country", "", 8), ("Coordinates", "", 12),
                    ("Conf.", "num", 6), ("Source", "", 11), ("Sentence(s), mention marked", "", None)], rows)
    return _section("Places", len(rows), table, "No places were found.")


def _events(result: Result) -> str:
    rows = []
    for e in result.events:
        place = result.place_by_id(e.place)
        date = _e(e.date or "")
        if e.date_text:
            date += f'<div class="small">\u201c{_e(e.date_text)}\u201d</div>'
        span = _find_span(result, e.sentence, e.trigger, case=False)
        rows.append(f'<tr><td><b>{_e(_human(e.kind))}</b></td><td class="nowrap">{date or DASH}</td>'
                    f"<td>{_e(place.name) if place else DASH}</td><td>{'yes' if e.hedged else 'no'}</td>"
                    '<td class="quote"><p>' f"{_quote(result, e.sentence, [span] if span else [])}</p></td></tr>")
    table = _table([("Event", "", 16), ("Date", "", 13), ("Place", "", 15), ("Hedged", "", 8),
                    ("Sentence, trigger marked", "", None)], rows)
    return _section("Events", len(rows), table, "No events were found.")


def _facts(result: Result) -> str:
    rows = []
    for f in result.facts:
        place = result.place_by_id(f.place)
        figure = f"{f.qualifier} {f.value:,}" if f.qualifier else f"{f.value:,}"
        spans = ([(f.start, f.end)] if f.end > f.start
                 else ([s] if (s := _find_span(result, f.sentence, f.text)) else []))
        rows.append(f'<tr><td class="nowrap"><b>{_e(figure)}</b></td><td>{_e(_human(f.kind))}</td>'
                    f"<td>{_e(place.name) if place else DASH}</td>"
                    '<td class="quote"><p>' f"{_quote(result, f.sentence, spans)}</p></td></tr>")
    table = _table([("Figure", "", 18), ("Kind", "", 13), ("Place", "", 15), ("Sentence, figure marked", "", None)],
                   rows)
    return _section("Memorial facts", len(rows), table, "No memorial facts were found.")


def _claims(result: Result) -> str:
    rows = []
    for c in result.claims:
        a, b = result.place_by_id(c.from_place), result.place_by_id(c.to_place)
        span = _find_span(result, c.sentence, c.text)
        rows.append(f"<tr><td>{_e(a.name if a else c.from_place)} \u2192 {_e(b.name if b else c.to_place)}</td>"
                    f'<td class="num">{c.stated_km:,.1f}</td><td class="num">{c.computed_km:,.1f}</td>'
                    f"<td>{_e(c.bearing or DASH)}</td><td>{'yes' if c.consistent else 'no'}</td>"
                    '<td class="quote"><p>' f"{_quote(result, c.sentence, [span] if span else [])}</p></td></tr>")
    table = _table([("From \u2192 to", "", 20), ("Stated km", "num", 10), ("Map km", "num", 10), ("Bearing", "", 9),
                    ("Consistent", "", 10), ("Sentence, claim marked", "", None)], rows)
    return _section("Stated distances", len(rows), table, "The article states no distances between places.")


def credits(result: Result, *, tiles: str | None = None, nominatim: bool | None = None) -> list[str]:
    """The sources and credits of this report, as plain text lines."""
    lines = ["Place names and coordinates: GeoNames (geonames.org), CC BY 4.0.",
             "Country shapes and the offline basemap: Natural Earth (naturalearthdata.com), public domain."]
    if nominatim is None:
        nominatim = _used_nominatim(result)
    if tiles or nominatim:
        used = " and ".join(x for x in ("web map tiles" if tiles else "", "Nominatim geocoding" if nominatim else "")
                            if x)
        lines.append(f"\u00a9 OpenStreetMap contributors, ODbL 1.0 (openstreetmap.org/copyright): {used}.")
    if tiles:
        from .mapbuild import tile_spec
        try:
            spec = tile_spec(tiles)
        except Exception:  # noqa: BLE001 - an unknown provider still gets the generic credit above
            spec = None
        if spec:
            import re
            plain = html.unescape(re.sub(r"<[^>]+>", "", spec["attribution"]))
            lines.append(f"Map tiles: {spec['name']} ({plain}).")
    if any(p.source == "landmarks" for p in result.places):
        lines.append("Landmarks, regions and aliases: mapper's curated lists (see data/SOURCES.md).")
    lines.append("Map drawn with Leaflet (leafletjs.com, BSD 2-Clause) through folium (MIT).")
    return lines


_LAYER_NAMES = {"place": "places", "event": "events", "fact": "memorial facts"}


def map_caption(state: dict | None) -> str:
    """What the map image shows, in words: the live view or the default one, and what the user
    filtered out (the tables below list everything)."""
    if not state:
        return "The map, framed on the places the article is about."
    parts = ["The map as shown in mapper: the same view and layers."]
    hidden = [_LAYER_NAMES.get(str(h), str(h)) for h in state.get("hidden") or ()]
    off = [str(x) for x in state.get("overlaysOff") or ()]
    if hidden or off:
        parts.append("Not shown: " + ", ".join(hidden + off) + ".")
    rng = state.get("dateRange")
    if rng and (rng[0] or rng[1]):
        parts.append(f"Events dated {rng[0] or DOTS} to {rng[1] or DOTS} only.")
    parts.append("The tables list everything found.")
    return " ".join(parts)


def report_html(result: Result, *, map_png: bytes | None = None, tiles: str | None = None,
                nominatim: bool | None = None, today: _dt.date | None = None,
                caption: str | None = None) -> str:
    """The report as one self-contained HTML document (the map as a data: URI). caption: the
    line under the map (see map_caption)."""
    from .. import __version__
    a = result.article
    title = a.title or (Path(a.path).stem if a.path else "Untitled article")
    meta = []
    if a.url:
        link = a.url if a.url.lower().startswith(("http://", "https://")) else None
        meta.append(("URL", f'<a href="{_e(link)}">{_e(a.url)}</a>' if link else _e(a.url)))
    meta.append(("Published", _e(a.published) if a.published else '<span class="more">unknown</span>'))
    if a.path:
        meta.append(("Source file", _e(os.path.basename(a.path))))
    counts = [_count(len(result.places), "place"), _count(len(result.events), "event"),
              _count(len(result.facts), "memorial fact"), _count(len(result.claims), "stated distance")]
    meta.append(("Found", _e(" \u00b7 ".join(counts))))
    meta_html = "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in meta)
    if map_png:
        uri = "data:image/png;base64," + base64.b64encode(map_png).decode("ascii")
        figure = (f'<figure class="map"><img src="{uri}" alt="Map of the places in the article">'
                  f"<figcaption>{_e(caption or 'The map as shown in mapper.')}</figcaption></figure>")
    else:
        figure = '<div class="nomap">No map image.</div>'
    credit_items = "".join(f"<li>{_e(line)}</li>" for line in credits(result, tiles=tiles, nominatim=nominatim))
    made = (today or _dt.date.today()).isoformat()
    return ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>{_e(title)}</title><style>{_CSS}</style></head><body>"
            f"<header><h1>{_e(title)}</h1><table class=\"meta\">{meta_html}</table></header>{figure}"
            f'<div class="tables">{_places(result)}{_events(result)}{_facts(result)}{_claims(result)}'
            f'<section class="credits"><h2>Sources and credits</h2><ul>{credit_items}</ul></section>'
            f'<p class="footer">Report made by mapper {_e(__version__)} on {made}. Places, events and figures '
            "were read from the article automatically; check them against the sentences quoted.</p>"
            "</div></body></html>")


def render_report_pdf(result: Result, *, map_png: bytes | None = None, state: dict | None = None,
                      tiles: str | None = None, nominatim: bool | None = None, render_map: bool = True) -> bytes:
    """The report's PDF bytes. map_png: the map image to show (e.g. from
    webrender.render_view); None and render_map: drawn here from `state` (the live map's
    getState(); None: the default view at REPORT_MAP_SIZE) at scale 2."""
    from .webrender import print_html_pdf, render_view
    given = map_png is not None
    if map_png is None and render_map:
        w, h = REPORT_MAP_SIZE
        map_png = render_view(result, state=state, tiles=tiles, scale=2.0, width=w, height=h).png
    return print_html_pdf(report_html(result, map_png=map_png, tiles=tiles, nominatim=nominatim,
                                      caption=map_caption(state) if state or not given else None))


def write_report_pdf(result: Result, path: str | os.PathLike[str], *, map_png: bytes | None = None,
                     state: dict | None = None, tiles: str | None = None, nominatim: bool | None = None,
                     render_map: bool = True) -> bytes:
    """Write the report to `path` (atomic); returns the PDF bytes. See render_report_pdf."""
    data = render_report_pdf(result, map_png=map_png, state=state, tiles=tiles, nominatim=nominatim,
                             render_map=render_map)
    atomic_write_bytes(path, data)
    return data
