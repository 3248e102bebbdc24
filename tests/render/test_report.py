"""The PDF report: the article, the map as seen, tables of places, events, memorial facts and
stated distances with their sentences, and the sources and credits; article text escaped."""
from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser

import pytest

from mapper.core.models import Place
from mapper.render.report import credits, report_html

from .conftest import HOSTILE
from .test_export_view import invented_result

# a 1x1 PNG (the map image is any PNG the caller hands over)
PNG_1x1 = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                        "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082")
OUR_TAGS = {"html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "table", "tr", "th", "td",
            "colgroup", "col", "thead", "tbody", "figure", "figcaption", "img", "div", "section", "span", "b",
            "p", "mark", "ul", "li", "a", "br"}


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.srcs, self.hrefs, self.text = set(), [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        for k, v in attrs:
            if k == "src":
                self.srcs.append(v)
            if k == "href":
                self.hrefs.append(v)
            assert not k.startswith("on"), (tag, k)

    def handle_data(self, data):
        self.text.append(data)


def _words(text: str) -> str:
    return " ".join(text.split())


def _squash(text: str) -> str:
    """Text without spaces or hyphens: pdftotext breaks lines and joins "Re-" + "Emerges"."""
    return re.sub(r"[\s\-\u00ad]+", "", text)


def test_report_html_escapes_the_article(hostile):
    page = report_html(hostile, map_png=PNG_1x1)
    parsed = _Tags()
    parsed.feed(page)
    assert parsed.tags <= OUR_TAGS, parsed.tags - OUR_TAGS  # nothing from the article became an element
    assert all(s.startswith("data:image/png;base64,") for s in parsed.srcs)  # no request to print it
    text = "".join(parsed.text)
    for bad in HOSTILE[:3]:
        assert bad in text  # shown as text
    assert hostile.article.title in text
    assert "<script" not in page.lower() and "<img src=x" not in page


def test_report_html_has_every_table(sample_result):
    page = report_html(sample_result, map_png=PNG_1x1)
    parsed = _Tags()
    parsed.feed(page)
    text = _words("".join(parsed.text))
    a = sample_result.article
    assert a.title in text and a.url in text and a.published in text and "putin-awards-kim-medal.txt" in text
    for heading in ("Places", "Events", "Memorial facts", "Stated distances", "Sources and credits"):
        assert f"{heading} (" in text or heading == "Sources and credits" and heading in text
    for p in sample_result.places:
        assert p.name in text
    for e in sample_result.events:
        assert _words(sample_result.sentences[e.sentence].text) in text
    # the mention is marked in its sentence, the figure with its qualifier
    assert re.search(r"<mark>[^<]+</mark>", page)
    f = max(sample_result.facts, key=lambda f: f.value)
    assert f"{f.qualifier} {f.value:,}" in text if f.qualifier else f"{f.value:,}" in text
    # page breaks: table headers repeat, rows are not cut
    assert "display: table-header-group" in page and "break-inside: avoid" in page
    assert "mapper" in text and "GeoNames" in text and "Natural Earth" in text and "Leaflet" in text


def test_osm_credit_only_when_used():
    result = invented_result()
    offline = " ".join(credits(result))
    assert "GeoNames" in offline and "CC BY 4.0" in offline and "public domain" in offline and "Leaflet" in offline
    assert "OpenStreetMap" not in offline and "ODbL" not in offline
    with_tiles = " ".join(credits(result, tiles="osm"))
    assert "OpenStreetMap" in with_tiles and "ODbL" in with_tiles and "web map tiles" in with_tiles
    result.places.append(Place("p9", "Elsewhere", 1.0, 2.0, "XX", "city", "nominatim", 0.5, None))
    geocoded = " ".join(credits(result))
    assert "ODbL" in geocoded and "Nominatim" in geocoded and "web map tiles" not in geocoded


def _page_count(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))


@pytest.mark.qt
def test_report_pdf_of_the_sample(sample_result, tmp_path, qtbot):
    from mapper.render.exporters import default_export_name, export_result
    from mapper.render.report import write_report_pdf
    from mapper.render.webrender import render_view
    shot = render_view(sample_result, state={"size": [1000, 680]}, scale=2.0)
    out = tmp_path / default_export_name(sample_result, "pdf")
    data = write_report_pdf(sample_result, out, map_png=shot.png)
    assert out.read_bytes() == data and data.startswith(b"%PDF")
    assert _page_count(data) >= 2
    # the same through the all-formats call (it draws the map itself)
    export_result(sample_result, "pdf", tmp_path / "again.pdf", state={"size": [900, 600], "hidden": ["fact"]})
    assert _page_count((tmp_path / "again.pdf").read_bytes()) >= 2
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed: the PDF's text is not checked")
    text = _words(subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True,
                                 check=True).stdout)
    raw = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    flowing = _squash(raw)
    a = sample_result.article
    assert _squash(a.title) in flowing
    assert a.url[:40] in text
    assert sample_result.places[0].name in text
    event = sample_result.events[0]
    assert _squash(sample_result.sentences[event.sentence].text) in flowing
    assert "Sources and credits" in text and "GeoNames" in text and "CC BY 4.0" in text and "Natural Earth" in text
    assert "OpenStreetMap" not in text  # offline: no tiles, no Nominatim
    # page 1 opens with the title, the map follows and then the places; the places table goes
    # on to page 2 under the same header row
    first = subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(out), "-"], capture_output=True, text=True,
                           check=True).stdout
    assert _squash(first).startswith(_squash(a.title)) and f"Places ({len(sample_result.places)})" in first
    second = subprocess.run(["pdftotext", "-f", "2", "-l", "2", str(out), "-"], capture_output=True, text=True,
                            check=True).stdout
    assert "Places (" not in second and "Coordinates" in second and "mention marked" in second


@pytest.mark.qt
def test_report_pdf_of_an_invented_article(tmp_path, qtbot):
    from mapper.render.report import write_report_pdf
    result = invented_result()
    data = write_report_pdf(result, tmp_path / "r.pdf", tiles="osm", render_map=False)
    assert data.startswith(b"%PDF") and _page_count(data) == 1  # three places: one page
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed")
    text = _words(subprocess.run(["pdftotext", str(tmp_path / "r.pdf"), "-"], capture_output=True, text=True,
                                 check=True).stdout)
    assert "Envoys: accord / visit? <draft>" in text  # the title as written, not markup
    assert "Varnholt" in text and "Quillmere" in text and "laid a wreath" in text
    assert "OpenStreetMap" in text and "ODbL" in text  # web tiles were on
    assert "No memorial facts were found." in text


def test_the_caption_says_what_the_map_leaves_out():
    from mapper.render.report import map_caption
    assert "framed" in map_caption(None)
    text = map_caption({"center": [50, 10], "zoom": 6, "size": [900, 600], "hidden": ["event", "fact"],
                        "dateRange": ["2021-03", None], "overlaysOff": ["Country labels"]})
    assert "same view" in text and "Not shown: events, memorial facts, Country labels." in text
    assert "Events dated 2021-03 to \u2026 only." in text and "tables list everything" in text
    page = report_html(invented_result(), map_png=PNG_1x1, caption="<b>" + text)
    assert "&lt;b&gt;The map as shown" in page
