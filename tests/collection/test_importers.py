"""Importers on small invented files: a folder with sidecars, JSON Lines, CSV, RSS and Atom."""
from __future__ import annotations

import pytest

from mapper.core.importers import count_items, iter_items, normalise_date, source_of_url

from .helpers import ARTICLES, YPRES


def test_folder_with_sidecars(tmp_path):
    items = list(iter_items([YPRES]))
    assert len(items) == 3 and all(i.error is None for i in items)
    herald = next(i for i in items if "herald" in i.origin)
    assert herald.source == "Flanders Herald"
    assert herald.article.published == "2024-11-11" and herald.article.url.endswith("menin-gate")
    assert herald.article.title.startswith("Hundreds Gather")
    assert count_items([YPRES, ARTICLES]) == 3 + 5


def test_folder_reports_a_bad_file_and_goes_on(tmp_path):
    (tmp_path / "good.txt").write_text("Officials met in Lyon on Monday.", encoding="utf-8")
    (tmp_path / "empty.md").write_text("   \n", encoding="utf-8")
    (tmp_path / "image.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    (tmp_path / "notes.json").write_text("{}", encoding="utf-8")  # a sidecar alone is not an article
    items = list(iter_items([tmp_path]))
    assert [i.origin.rsplit("/", 1)[-1] for i in items] == ["empty.md", "good.txt", "image.html"]
    assert [i.error is None for i in items] == [False, True, False]
    assert "empty" in items[0].error and "PNG" in items[2].error


def test_jsonl(tmp_path):
    src = tmp_path / "a.jsonl"
    src.write_text('{"id": 7, "text": "A ceremony in Ghent.", "title": "T", "date": "2024-05-20T10:00:00Z", '
                   '"url": "https://www.example.org/x"}\n\n[1, 2]\n{"content": "<p>Officials met in <b>Lyon</b>.</p>", '
                   '"published": "yesterday"}\n', encoding="utf-8")
    items = list(iter_items([src]))
    assert len(items) == 3
    a, bad, html = items
    assert a.id == "7" and a.article.title == "T" and a.article.published == "2024-05-20"
    assert a.source == "example.org"  # from the URL when no source is given
    assert bad.error and f"{src}:3" in bad.error
    assert html.article.text == "Officials met in Lyon." and html.article.published is None
    assert "yesterday" in html.warning


def test_csv(tmp_path):
    src = tmp_path / "a.csv"
    src.write_text('Title,Text,Source,Date\n"One","A ceremony was held in Ghent,\nthen in Lyon.",Herald,20 May 2024\n'
                   'Two,,Herald,\n', encoding="utf-8")
    items = list(iter_items([src]))
    assert items[0].article.text.startswith("A ceremony") and items[0].source == "Herald"
    assert items[0].article.published == "2024-05-20"
    assert items[1].error and "no text" in items[1].error
    nocol = tmp_path / "b.csv"
    nocol.write_text("title,url\nx,y\n", encoding="utf-8")
    [item] = list(iter_items([nocol]))
    assert "no text column" in item.error


RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Channel Gazette</title>
<item><title>Wreaths in Ypres</title><link>https://gazette.example/1</link>
<pubDate>Mon, 11 Nov 2024 09:00:00 GMT</pubDate>
<description>Short</description>
<content:encoded><![CDATA[<p>The ceremony took place in <b>Ypres</b>.</p><p>Veterans came.</p>]]></content:encoded></item>
<item><title>Empty</title><description></description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Flanders Herald</title>
<entry><title>Menin Gate</title><link href="https://herald.example/2"/><published>2024-11-11T08:00:00Z</published>
<summary>A ceremony was held at the Menin Gate in Ypres.</summary></entry></feed>"""


def test_rss_and_atom(tmp_path):
    rss = tmp_path / "feed.xml"
    rss.write_text(RSS, encoding="utf-8")
    atom = tmp_path / "feed.atom"
    atom.write_text(ATOM, encoding="utf-8")
    items = list(iter_items([rss, atom]))
    assert len(items) == 3
    first, empty, entry = items
    assert first.article.text == "The ceremony took place in Ypres.\n\nVeterans came." or \
        first.article.text.startswith("The ceremony took place in Ypres.")
    assert first.source == "Channel Gazette" and first.article.published == "2024-11-11"
    assert first.article.url == "https://gazette.example/1"
    assert empty.error
    assert entry.source == "Flanders Herald" and entry.article.url == "https://herald.example/2"
    assert entry.article.published == "2024-11-11"
    broken = tmp_path / "broken.rss"
    broken.write_text("<rss><channel>", encoding="utf-8")
    [item] = list(iter_items([broken]))
    assert "RSS/Atom" in item.error


@pytest.mark.parametrize("raw, want", [("2024-05-20", "2024-05-20"), ("2024-05-20T10:00:00+02:00", "2024-05-20"),
                                       ("Mon, 20 May 2024 10:00:00 GMT", "2024-05-20"), ("May 20, 2024", "2024-05-20"),
                                       ("2024-02-30", None), ("soon", None), ("", None)])
def test_dates(raw, want):
    assert normalise_date(raw) == want


def test_source_of_url():
    assert source_of_url("https://www.newsweek.com/a/b") == "newsweek.com"
    assert source_of_url(None) is None
