"""HTML and DOCX to text: the report kept, the page's chrome and anything unsafe refused."""

from __future__ import annotations

import html as html_lib
import io
import zipfile
from pathlib import Path

import pytest

from wfltext.containers import chrome_word, docx_paragraphs, docx_source, html_source, html_to_text
from wfltext.errors import FormatError, InputError
from wfltext.files import analyze_file, read_source

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"

JUNK = {
    "script": "脚本里的文字不是报告",
    "style": "样式里的文字",
    "comment": "注释里的文字",
    "nav": "网站首页机构概况政务公开",
    "breadcrumb": "您的位置：首页 > 工作动态",
    "share": "分享到微信朋友圈",
    "related": "相关阅读：某镇召开妇女代表大会并选举产生新一届领导班子",
    "footer": "版权所有：某某县人民政府办公室 主办单位：某某县人民政府",
    "sidebar": "热点新闻：全县开展春季植树造林活动取得丰硕成果获得广泛好评",
}


def paragraphs_of(text: str, n: int = 8) -> list[str]:
    """The first ``n`` lines of a report that are long enough to be paragraphs."""
    return [line.strip() for line in text.splitlines() if len(line.strip()) >= 30][:n]


def make_page(paragraphs: list[str], title: str = "县妇联2019年工作总结", *, charset: str = "utf-8", wrapper: str = "main") -> bytes:
    body = "".join(f"<p>\n  {html_lib.escape(p)}\n</p>" for p in paragraphs)
    page = f"""<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{title}_某某县人民政府</title>
<style>.x {{ content: "{JUNK['style']}"; }}</style>
<script>var s = "{JUNK['script']}";</script></head>
<body><div class="{wrapper}">
<div class="header"><h1 class="logo">某某县人民政府</h1></div>
<div id="nav"><ul><li><a href="/">{JUNK['nav']}</a></li></ul></div>
<div class="breadcrumb">{JUNK['breadcrumb']}</div>
<div class="article">
  <h1>{title}</h1>
  <div class="info">发布时间：2019-12-30</div>
  <div class="TRS_Editor"><!-- {JUNK['comment']} -->{body}</div>
  <div class="share-bar">{JUNK['share']}</div>
  <div class="related"><ul><li><a href="/1">{JUNK['related']}</a></li></ul></div>
</div>
<div class="sidebar"><p>{JUNK['sidebar']}</p></div>
<div class="footer"><p>{JUNK['footer']}</p></div>
</div></body></html>"""
    return page.encode(charset if charset != "gb2312" else "gb18030")


def make_docx(paragraphs: list[str], *, extra_xml: str = "", prolog: str = "") -> bytes:
    runs = "".join(f"<w:p><w:r><w:t xml:space=\"preserve\">{html_lib.escape(p)}</w:t></w:r></w:p>" for p in paragraphs)
    xml = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{prolog}'
        f'<w:document xmlns:w="{W_NS}" xmlns:mc="{MC_NS}"><w:body>{runs}{extra_xml}</w:body></w:document>'
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        z.writestr("word/document.xml", xml)
    return buf.getvalue()


@pytest.fixture(scope="module")
def report(sample_text: str) -> list[str]:
    return paragraphs_of(sample_text)


# -- HTML ----------------------------------------------------------------------------------------


def test_html_keeps_the_report_in_order_and_drops_chrome(report: list[str]) -> None:
    text = html_source(make_page(report)).text
    lines = text.split("\n")
    assert lines[0] == "县妇联2019年工作总结"
    assert [line for line in lines if line in report] == report
    for junk in JUNK.values():
        assert junk not in text
    assert "某某县人民政府" not in text.split("\n", 1)[1]


def test_html_charset_declared_in_meta_is_used(report: list[str]) -> None:
    page = make_page(report, charset="gb2312")
    src = html_source(page)
    assert src.encoding == "gb18030"
    assert report[0] in src.text
    assert src.format == "html"


def test_html_chrome_word_on_a_wrapper_of_the_whole_page_is_ignored(report: list[str]) -> None:
    # templates name their outer div "main-top" or "page-head-wrap": the report is still inside
    text = html_to_text(make_page(report, wrapper="main-top").decode())
    assert [line for line in text.split("\n") if line in report] == report


def test_html_without_report_text_is_an_input_error() -> None:
    page = b"<html><body><script>var a='\xe6\x96\x87';</script><div class='nav'><a href='/'>home</a></div></body></html>"
    with pytest.raises(InputError, match="no report text"):
        html_source(page, "x.html")


def test_html_short_page_keeps_its_text() -> None:
    assert html_to_text("<p>县妇联召开会议。</p>") == "县妇联召开会议。"


def test_html_deep_nesting_does_not_hit_the_recursion_limit() -> None:
    deep = "<div>" * 3000 + "<p>今年以来，县妇联在县委的坚强领导下，团结带领全县妇女群众，扎实推进各项工作。</p>" + "</div>" * 3000
    assert "县妇联" in html_to_text(deep)


@pytest.mark.parametrize(
    "attr, word",
    [("navbar", "navbar"), ("article-footer", "footer"), ("bdshare_t", "bdshare"), ("relatedNews", "related")],
)
def test_chrome_words(attr: str, word: str) -> None:
    assert chrome_word(attr) == word


@pytest.mark.parametrize("attr", ["TRS_Editor", "content", "article", "zoom", "pages_content", "detail-text"])
def test_content_classes_are_not_chrome(attr: str) -> None:
    assert chrome_word(attr) is None


# -- DOCX ----------------------------------------------------------------------------------------


def test_docx_paragraphs_tabs_breaks_and_revisions() -> None:
    extra = (
        "<w:p><w:r><w:t>甲</w:t><w:tab/><w:t>乙</w:t><w:br/><w:t>丙</w:t></w:r>"
        "<w:del><w:r><w:delText>删掉的字</w:delText></w:r></w:del>"
        "<w:r><w:instrText>PAGE \\* MERGEFORMAT</w:instrText></w:r></w:p>"
        "<w:p><mc:AlternateContent><mc:Choice><w:r><w:t>文本框</w:t></w:r></mc:Choice>"
        "<mc:Fallback><w:r><w:t>文本框</w:t></w:r></mc:Fallback></mc:AlternateContent></w:p>"
    )
    src = docx_source(make_docx(["县妇联工作总结", "今年以来"], extra_xml=extra))
    assert src.text == "县妇联工作总结\n今年以来\n甲\t乙\n丙\n文本框"
    assert src.format == "docx"


def test_docx_external_entity_is_refused() -> None:
    prolog = '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    data = make_docx([], extra_xml="<w:p><w:r><w:t>&xxe;</w:t></w:r></w:p>", prolog=prolog)
    with pytest.raises(FormatError, match="DTD or entities"):
        docx_source(data, "evil.docx")


def test_docx_entity_expansion_is_refused() -> None:
    prolog = '<!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    with pytest.raises(FormatError):
        docx_paragraphs(f'<?xml version="1.0"?>{prolog}<d>&b;</d>'.encode(), "laughs.docx")


def test_docx_zip_bomb_is_refused_before_it_is_unpacked() -> None:
    data = make_docx(["炸" + "a" * (8 * 1024 * 1024)])
    assert len(data) < 100_000
    with pytest.raises(FormatError, match="zip bomb"):
        docx_source(data, "bomb.docx")


def test_docx_over_the_size_limit_is_refused() -> None:
    with pytest.raises(FormatError, match="over the limit"):
        docx_source(make_docx(["县妇联" * 1000]), "big.docx", max_xml=1000)


@pytest.mark.parametrize(
    "data, message",
    [
        (b"this is not a zip file at all", "not a valid .docx"),
        (b"PK\x03\x04" + b"\x00" * 60, "not a valid .docx"),
    ],
)
def test_docx_that_is_not_a_zip_is_a_format_error(data: bytes, message: str) -> None:
    with pytest.raises(FormatError, match=message):
        docx_source(data, "bad.docx")


def test_docx_without_document_xml_is_a_format_error() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("hello.txt", "hi")
    with pytest.raises(FormatError, match="without word/document.xml"):
        docx_source(buf.getvalue(), "x.docx")


def test_docx_with_damaged_xml_is_a_format_error() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/document.xml", "<w:document><w:body><w:p>")
    with pytest.raises(FormatError, match="not well-formed"):
        docx_source(buf.getvalue(), "x.docx")


def test_docx_without_text_is_an_input_error() -> None:
    with pytest.raises(InputError, match="no text"):
        docx_source(make_docx([]), "blank.docx")


# -- through analyze_file ----------------------------------------------------------------------


def test_records_of_html_and_docx_point_into_the_extracted_text(tmp_path: Path, report: list[str]) -> None:
    (tmp_path / "page.html").write_bytes(make_page(report))
    (tmp_path / "report.docx").write_bytes(make_docx(["县妇联2019年工作总结", *report]))
    for name in ("page.html", "report.docx"):
        path = tmp_path / name
        source = read_source(path)
        docs = analyze_file(path)
        assert len(docs) == 1
        doc = docs[0]
        assert doc.original == source.text
        assert doc.id == str(path)
        for r in doc.records:
            assert doc.original[r.start : r.end] == r.text
