"""Loading articles: encodings, HTML/Markdown extraction, sidecar metadata, errors."""
from __future__ import annotations

import codecs
import json
import os
import random
from pathlib import Path

import pytest

from mapper.core.articles import MAX_ARTICLE_BYTES, article_from_text, load_article
from mapper.core.errors import ArticleError, ArticleNotFound, MapperError
from mapper.core.sentences import split_sentences

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "articles" / "putin-awards-kim-medal.txt"

ENGLISH = ("Putin Awards Kim Jong Un a Medal\n\n"
           "Russia has awarded North Korean leader Kim Jong Un a World War Two anniversary medal. "
           "The Russian ambassador presented it at a ceremony in Pyongyang on Tuesday, "
           "according to the embassy's Facebook page.\n")
FRENCH_CP1252 = ("Le café de la rue de Rivoli était bondé mardi soir. "
                 "“Nous ne nous attendions pas à ça,” a déclaré la propriétaire, Hélène Dupré, "
                 "qui tient l’établissement depuis 1998. Les habitués — étudiants, touristes et "
                 "retraités — ont salué la crème brûlée et le décor naïf. "
                 "‘C’est une chose rare,’ a dit un client venu de Lyon.\n")
ENGLISH_CP1252 = ("The café on the Rue de Rivoli was crowded. “We didn’t expect this,” said the "
                  "owner, Hélène Dupré, who has run the place since 1998. Her regulars — students, "
                  "tourists and retirees — praised the crème brûlée and the naïve charm of the "
                  "décor. ‘It’s a rare thing,’ one said.\n") * 2
RUSSIAN = ("Президент России Владимир Путин наградил лидера Северной Кореи Ким Чен Ына "
           "памятной медалью. Медаль была вручена министру иностранных дел КНДР на церемонии "
           "в Пхеньяне, сообщило посольство России.\n") * 2
KOREAN = ("북한 김정은 국무위원장이 평안남도 순천 인산비료공장 준공식에 참석했다고 조선중앙통신이 보도했다. "
          "김 위원장이 공개 활동에 나선 것은 20일 만이다. "
          "러시아 대사관은 김 위원장에게 제2차 세계대전 승리 75주년 기념 메달을 수여했다고 밝혔다.\n") * 2
JAPANESE = ("ロシアのプーチン大統領は、北朝鮮の金正恩委員長に第二次世界大戦の記念メダルを授与した。"
            "メダルは平壌で行われた式典で、北朝鮮の外相に手渡されたと、ロシア大使館が発表した。"
            "金委員長は約二十日ぶりに公の場に姿を現した。\n") * 2
CHINESE = ("俄罗斯总统普京向朝鲜领导人金正恩授予了纪念第二次世界大战胜利七十五周年的奖章。"
           "俄罗斯驻朝鲜大使在平壤举行的仪式上将奖章交给了朝鲜外务相。\n") * 2


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


# ---------------------------------------------------------------- encodings

@pytest.mark.parametrize("text, raw, accepted", [
    (ENGLISH, ENGLISH.encode("utf-8"), {"utf-8"}),
    (RUSSIAN, codecs.BOM_UTF8 + RUSSIAN.encode("utf-8"), {"utf-8-sig"}),
    (RUSSIAN, codecs.BOM_UTF16_LE + RUSSIAN.encode("utf-16-le"), {"utf-16-le"}),
    (KOREAN, codecs.BOM_UTF16_BE + KOREAN.encode("utf-16-be"), {"utf-16-be"}),
    (ENGLISH, ENGLISH.encode("utf-16-le"), {"utf-16-le"}),
    (ENGLISH, ENGLISH.encode("utf-16-be"), {"utf-16-be"}),
    (RUSSIAN, RUSSIAN.encode("utf-16-le"), {"utf-16-le"}),
    (KOREAN, KOREAN.encode("utf-16-be"), {"utf-16-be"}),
    (JAPANESE, codecs.BOM_UTF32_LE + JAPANESE.encode("utf-32-le"), {"utf-32-le"}),
    (FRENCH_CP1252, FRENCH_CP1252.encode("cp1252"), {"cp1252"}),
    (ENGLISH_CP1252, ENGLISH_CP1252.encode("cp1252"), {"cp1252"}),
    (RUSSIAN, RUSSIAN.encode("cp1251"), {"cp1251"}),
    (KOREAN, KOREAN.encode("euc_kr"), {"euc_kr", "cp949"}),
    (JAPANESE, JAPANESE.encode("shift_jis"), {"shift_jis", "cp932"}),
    (CHINESE, CHINESE.encode("gb18030"), {"gb18030", "gb2312", "gbk"}),
], ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "utf16le-latin-nobom",
        "utf16be-latin-nobom", "utf16le-cyrillic-nobom", "utf16be-hangul-nobom", "utf32-bom",
        "cp1252-french", "cp1252-english", "cp1251", "euc-kr", "shift-jis", "gb18030"])
def test_decodes_common_encodings(tmp_path: Path, text: str, raw: bytes, accepted: set[str]) -> None:
    article = load_article(write(tmp_path, "story.txt", raw))
    assert article.text == text
    assert "\ufeff" not in article.text
    assert article.encoding in accepted


def test_newlines_are_normalised_but_nothing_else_changes(tmp_path: Path) -> None:
    raw = "Title Line\r\n\r\nFirst  line\twith  spaces.\rSecond line.\r\n"
    article = load_article(write(tmp_path, "story.txt", raw))
    assert article.text == "Title Line\n\nFirst  line\twith  spaces.\nSecond line.\n"


def test_html_meta_charset_is_honoured(tmp_path: Path) -> None:
    # Short Cyrillic text: too little for statistics, but the page declares its charset.
    html = ('<html><head><meta charset="windows-1251"><title>Мир</title></head>'
            '<body><p>Пхеньян</p></body></html>')
    article = load_article(write(tmp_path, "page.html", html.encode("cp1251")))
    assert article.encoding == "cp1251"
    assert (article.title, article.text) == ("Мир", "Пхеньян")


def test_html_latin1_label_reads_curly_quotes_like_a_browser(tmp_path: Path) -> None:
    html = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">'
            '</head><body><p>\u201cCaf\u00e9,\u201d he said.</p></body></html>')
    article = load_article(write(tmp_path, "page.htm", html.encode("cp1252")))
    assert article.text == "\u201cCaf\u00e9,\u201d he said."


def test_html_wrong_meta_charset_falls_back(tmp_path: Path) -> None:
    html = '<html><head><meta charset="utf-8"></head><body><p>' + FRENCH_CP1252 + "</p></body></html>"
    article = load_article(write(tmp_path, "page.html", html.encode("cp1252")))
    assert "Hélène Dupré" in article.text


# ---------------------------------------------------------------- HTML

PAGE = """<!DOCTYPE html>
<html><head>
<title>Troops Enter Kherson &amp; Residents Celebrate</title>
<meta property="og:title" content="OG title">
<style>body { color: red } .secret { }</style>
<script>var tracking = "TRACKER";</script>
</head>
<body>
<header class="site"><a href="/">SiteLogo</a> Subscribe now</header>
<nav><ul><li>Home</li><li>World</li></ul></nav>
<div class="promo">Most read today</div>
<article>
  <header><h1>Troops   Enter Kherson</h1><p>By Jane Doe</p></header>
  <p>Ukrainian troops entered <b>Kherson</b> on Friday,&nbsp;officials said.
     Residents &ldquo;wept with joy&rdquo; &mdash; caf&eacute;s reopened &#38; flags flew.</p>
  <script>alert(1)</script>
  <p>Mines remain a danger.<br>Officials urged caution.</p>
  <figure><img src="x.jpg" alt="ALT TEXT" onerror="alert(2)">
    <figcaption>A soldier in Kherson. GENYA SAVILOV/AFP via Getty Images</figcaption></figure>
  <ul><li>First point</li><li>Second point</li></ul>
  <aside>Related: ASIDE STORY</aside>
  <form><label>Email FORMFIELD</label></form>
  <noscript>NOSCRIPT TEXT</noscript>
  <iframe src="ad.html">IFRAME TEXT</iframe>
  <svg><text>SVG TEXT</text></svg>
  <template>TEMPLATE TEXT</template>
</article>
<footer>Copyright FOOTER</footer>
</body></html>"""


@pytest.fixture
def page(tmp_path: Path):
    return load_article(write(tmp_path, "kherson.html", PAGE))


def test_html_title_comes_from_title_tag(page) -> None:
    assert page.title == "Troops Enter Kherson & Residents Celebrate"


def test_html_keeps_article_text_with_entities_unescaped(page) -> None:
    assert "Ukrainian troops entered Kherson on Friday, officials said. Residents " \
           "\u201cwept with joy\u201d \u2014 caf\u00e9s reopened & flags flew." in page.text
    assert "Troops Enter Kherson" in page.text  # the article's own headline
    assert "&amp;" not in page.text and "&eacute;" not in page.text


def test_html_drops_scripts_styles_and_page_chrome(page) -> None:
    for junk in ["alert", "TRACKER", "color: red", "SiteLogo", "Subscribe", "Home", "Most read",
                 "ASIDE STORY", "FORMFIELD", "NOSCRIPT", "IFRAME", "SVG TEXT", "TEMPLATE",
                 "FOOTER", "ALT TEXT", "OG title", "<", ">"]:
        assert junk not in page.text, junk


def test_html_keeps_photo_captions_as_caption_sentences(page) -> None:
    assert "A soldier in Kherson. GENYA SAVILOV/AFP via Getty Images" in page.text
    kinds = {s.text: s.kind for s in split_sentences(page.text)}
    assert kinds["A soldier in Kherson."] == "caption"
    assert kinds["Mines remain a danger."] == "body"


def test_html_blocks_become_lines_and_paragraphs(page) -> None:
    lines = page.text.split("\n")
    assert "Mines remain a danger." in lines and "Officials urged caution." in lines  # <br>
    assert "\nFirst point\nSecond point" in page.text  # one <li> per line, no gaps
    assert "\n\nMines remain a danger." in page.text  # paragraphs separated by a blank line
    assert "\n\n\n" not in page.text
    assert all(line == line.strip() and "  " not in line for line in lines)


def test_html_double_br_makes_a_paragraph_break(tmp_path: Path) -> None:
    html = "<body>Line one<br>Line two<br><br>New paragraph<table><tr><td>A</td><td>B</td></tr></table></body>"
    article = load_article(write(tmp_path, "old.html", html))
    assert article.text == "Line one\nLine two\n\nNew paragraph\n\nA B"


def test_html_without_article_uses_the_body(tmp_path: Path) -> None:
    html = ("<html><body><nav>Menu</nav><div><p>First paragraph here.</p>"
            "<p>Second &quot;quoted&quot; paragraph.</p></div></body></html>")
    article = load_article(write(tmp_path, "plain.htm", html))
    assert article.text == 'First paragraph here.\n\nSecond "quoted" paragraph.'
    assert article.title is None


@pytest.mark.parametrize("head, expected", [
    ('<meta property="og:title" content="From &amp; OG">', "From & OG"),
    ("", "First Heading"),
])
def test_html_title_falls_back_to_og_title_then_h1(tmp_path: Path, head: str, expected: str) -> None:
    html = f"<html><head>{head}</head><body><h1>First  Heading</h1><p>Body text.</p></body></html>"
    assert load_article(write(tmp_path, "t.html", html)).title == expected


def test_html_is_sniffed_when_extension_is_unknown(tmp_path: Path) -> None:
    html = "<!doctype html><html><head><title>Sniffed</title></head><body><p>Hello there.</p></body></html>"
    article = load_article(write(tmp_path, "download.aspx", html))
    assert (article.title, article.text) == ("Sniffed", "Hello there.")
    utf16 = load_article(write(tmp_path, "download2", codecs.BOM_UTF16_LE + html.encode("utf-16-le")))
    assert utf16.text == "Hello there."


def test_unknown_extension_plain_text_stays_plain(tmp_path: Path) -> None:
    article = load_article(write(tmp_path, "notes", "Use <b> tags for bold, said the editor.\n"))
    assert article.text == "Use <b> tags for bold, said the editor.\n"


def test_html_with_unclosed_nav_still_yields_the_story(tmp_path: Path) -> None:
    html = "<html><body><nav>Menu<script>alert(1)</script><p>The story is here.</p></body></html>"
    article = load_article(write(tmp_path, "sloppy.html", html))
    assert "The story is here." in article.text and "alert" not in article.text


def test_html_with_only_scripts_has_no_readable_text(tmp_path: Path) -> None:
    with pytest.raises(ArticleError, match="no readable text"):
        load_article(write(tmp_path, "empty.html", "<html><script>alert(1)</script></html>"))


# ---------------------------------------------------------------- Markdown

def test_markdown_markup_is_stripped(tmp_path: Path) -> None:
    md = ("# Troops Enter *Kherson*\n\n"
          "Ukrainian **troops** entered _Kherson_ on Friday, [officials said](https://x.org/a).\n\n"
          "![Residents celebrate in Kherson](photo.jpg)\n\n"
          "```\nmines_remaining = 40\n```\n\n"
          "> Quoted `code` and snake_case_name stay.\n\n"
          "- First point\n- Second point\n")
    article = load_article(write(tmp_path, "story.md", md))
    assert article.text == ("Troops Enter Kherson\n\n"
                            "Ukrainian troops entered Kherson on Friday, officials said.\n\n"
                            "Residents celebrate in Kherson\n\n"
                            "mines_remaining = 40\n\n"
                            "Quoted code and snake_case_name stay.\n\n"
                            "First point\nSecond point")
    assert article.title == "Troops Enter Kherson"


# ---------------------------------------------------------------- sidecar and titles

def test_sidecar_supplies_title_url_and_date(tmp_path: Path) -> None:
    story = write(tmp_path, "story.txt", "Kim visited a plant. He smiled.\n")
    write(tmp_path, "story.json", json.dumps(
        {"title": "Kim Visits Plant", "url": "https://example.org/kim", "published": "2020-05-02"}))
    article = load_article(story)
    assert (article.title, article.url, article.published) == (
        "Kim Visits Plant", "https://example.org/kim", "2020-05-02")
    assert article.path == os.path.abspath(story)


def test_sidecar_with_full_name_is_accepted(tmp_path: Path) -> None:
    story = write(tmp_path, "story.txt", "Kim visited a plant.\n")
    write(tmp_path, "story.txt.json", '{"published": "2020-05-02"}')
    assert load_article(story).published == "2020-05-02"


def test_published_argument_overrides_sidecar(tmp_path: Path) -> None:
    story = write(tmp_path, "story.txt", "Kim visited a plant.\n")
    write(tmp_path, "story.json", '{"published": "2020-05-02"}')
    assert load_article(story, published="2021-01-31").published == "2021-01-31"


@pytest.mark.parametrize("sidecar", ["{not json", "[1, 2]", '{"title": 5, "published": "May 2"}',
                                     b"\xff\xfe\x00garbage"])
def test_broken_sidecar_is_ignored(tmp_path: Path, sidecar: str | bytes) -> None:
    story = write(tmp_path, "story.txt", "Kim Visits Plant\nKim visited a plant.\n")
    write(tmp_path, "story.json", sidecar)
    article = load_article(story)
    assert article.text == "Kim Visits Plant\nKim visited a plant.\n"
    assert (article.title, article.published, article.url) == ("Kim Visits Plant", None, None)


@pytest.mark.parametrize("bad", ["05/02/2020", "2020-5-2", "2020-02-30", "yesterday"])
def test_malformed_published_argument_is_rejected(tmp_path: Path, bad: str) -> None:
    story = write(tmp_path, "story.txt", "Kim visited a plant.\n")
    with pytest.raises(ArticleError, match="YYYY-MM-DD") as err:
        load_article(story, published=bad)
    assert "story.txt" in str(err.value) and bad in str(err.value)


@pytest.mark.parametrize("text, title", [
    ("Kim Visits Fertilizer Plant\n\nKim visited a plant on Friday.", "Kim Visits Fertilizer Plant"),
    ("Kim visited a plant on Friday.\nHe smiled.", None),
    ("Kim visited a plant on Friday without a final period", None),
    ("Word " * 60 + "\nSecond line.", None),
])
def test_title_from_first_line_only_when_it_reads_like_a_headline(tmp_path: Path, text: str,
                                                                   title: str | None) -> None:
    assert load_article(write(tmp_path, "s.txt", text)).title == title


def test_sample_article_loads_with_its_sidecar() -> None:
    article = load_article(SAMPLE)
    assert article.title.startswith("Putin Awards Kim Jong Un")
    assert article.published == "2020-05-05"
    assert article.url.startswith("https://www.newsweek.com/")
    assert article.encoding in {"utf-8", "ascii"}
    assert article.text == SAMPLE.read_text(encoding="utf-8")


# ---------------------------------------------------------------- errors

def _one_line_error(exc_info: pytest.ExceptionInfo, name: str) -> str:
    message = str(exc_info.value)
    assert isinstance(exc_info.value, MapperError)
    assert "\n" not in message and "Traceback" not in message
    assert name in message
    return message


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ArticleNotFound) as err:
        load_article(tmp_path / "nowhere.txt")
    assert isinstance(err.value, FileNotFoundError)
    assert "not found" in _one_line_error(err, "nowhere.txt")


def test_directory(tmp_path: Path) -> None:
    (tmp_path / "folder.txt").mkdir()
    with pytest.raises(ArticleError) as err:
        load_article(tmp_path / "folder.txt")
    assert "folder" in _one_line_error(err, "folder.txt")


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="root can read any file")
def test_unreadable_file(tmp_path: Path) -> None:
    story = write(tmp_path, "locked.txt", "Secret text.\n")
    story.chmod(0)
    try:
        with pytest.raises(ArticleError) as err:
            load_article(story)
    finally:
        story.chmod(0o644)
    assert "permission" in _one_line_error(err, "locked.txt")


def test_permission_error_while_opening(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    story = write(tmp_path, "locked.txt", "Secret text.\n")

    def deny(self, *args, **kwargs):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "open", deny)
    with pytest.raises(ArticleError) as err:
        load_article(story)
    assert "permission" in _one_line_error(err, "locked.txt")


@pytest.mark.parametrize("raw", [b"", b"  \n\t\r\n  ", codecs.BOM_UTF16_LE + " \n \n".encode("utf-16-le")],
                         ids=["empty", "whitespace", "utf16-whitespace"])
def test_empty_file(tmp_path: Path, raw: bytes) -> None:
    with pytest.raises(ArticleError) as err:
        load_article(write(tmp_path, "blank.txt", raw))
    assert "empty" in _one_line_error(err, "blank.txt")


@pytest.mark.parametrize("raw, what", [
    (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "PNG"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "PDF"),
    (b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(200), "ZIP"),
    (bytes(range(256)) * 20, "binary"),
], ids=["png", "pdf", "zip", "nul-bytes"])
def test_binary_file(tmp_path: Path, raw: bytes, what: str) -> None:
    with pytest.raises(ArticleError) as err:
        load_article(write(tmp_path, "photo.txt", raw))
    assert what in _one_line_error(err, "photo.txt")


def test_control_character_soup_is_not_text(tmp_path: Path) -> None:
    rng = random.Random(7)
    raw = bytes(rng.choice(list(range(1, 9)) + list(range(14, 32)) + list(range(0x80, 0x100)))
                for _ in range(4000))
    with pytest.raises(ArticleError) as err:
        load_article(write(tmp_path, "noise.txt", raw))
    message = _one_line_error(err, "noise.txt")
    assert "binary" in message or "decoded" in message


def test_oversize_file_names_size_and_limit(tmp_path: Path) -> None:
    story = write(tmp_path, "huge.txt", "A long story. " * 20)  # 280 bytes
    with pytest.raises(ArticleError) as err:
        load_article(story, max_bytes=100)
    message = _one_line_error(err, "huge.txt")
    assert "280 bytes" in message and "100 bytes" in message


def test_default_size_limit_is_five_megabytes(tmp_path: Path) -> None:
    assert MAX_ARTICLE_BYTES == 5 * 1024 * 1024
    story = write(tmp_path, "big.txt", b"word " * (MAX_ARTICLE_BYTES // 5 + 1))
    with pytest.raises(ArticleError, match=r"5\.0 MB"):
        load_article(story)


# ---------------------------------------------------------------- pasted text

def test_article_from_text() -> None:
    article = article_from_text("Kim Visits Plant\r\nKim visited a plant.\r\n", published="2020-05-02",
                                url="https://example.org/x")
    assert article.text == "Kim Visits Plant\nKim visited a plant.\n"
    assert (article.title, article.published, article.url) == (
        "Kim Visits Plant", "2020-05-02", "https://example.org/x")
    assert article.path is None and article.encoding is None
    assert article_from_text("Body only.", title="Given").title == "Given"


@pytest.mark.parametrize("text", ["", "   \n\t "])
def test_article_from_empty_text_is_rejected(text: str) -> None:
    with pytest.raises(ArticleError, match="empty"):
        article_from_text(text)


def test_article_from_text_rejects_bad_date() -> None:
    with pytest.raises(ArticleError, match="YYYY-MM-DD"):
        article_from_text("Some text.", published="2020-13-01")
