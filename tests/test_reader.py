"""Decoding: every encoding reports itself and a confidence, line endings stay as they are, and
anything that is not text in a known encoding is refused with the reason — never mojibake."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from wfltext.errors import DecodeError, InputError, SizeLimitError
from wfltext.reader import Source, decode, read

from .conftest import needs_shared, read_original, real_corpus_files

TEXT = "今年以来，县妇联认真贯彻“党建带妇建”工作推进会精神。\r\n一是抓好组织建设。\n二是强化服务。\r"
TRADITIONAL = "今年以來，縣婦聯認真貫徹「黨建帶婦建」工作推進會精神。\r\n一是抓好組織建設。\n"


@pytest.mark.parametrize(
    "data, encoding",
    [
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16-le"),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16-be"),
        (codecs.BOM_UTF32_LE + TEXT.encode("utf-32-le"), "utf-32-le"),
        (TEXT.encode("utf-8"), "utf-8"),
    ],
    ids=["utf-8-bom", "utf-16-le-bom", "utf-16-be-bom", "utf-32-le-bom", "utf-8"],
)
def test_marked_and_utf8_text_is_certain(data: bytes, encoding: str) -> None:
    src = decode(data)
    assert (src.text, src.encoding, src.confidence) == (TEXT, encoding, 1.0)


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_mark_is_recognised(encoding: str) -> None:
    src = decode(TEXT.encode(encoding))
    assert src.text == TEXT and src.encoding == encoding
    assert 0.9 <= src.confidence <= 1.0


def test_ascii_utf16_without_a_mark_is_recognised() -> None:
    src = decode("Women's Federation annual report 2019\n".encode("utf-16-le"))
    assert src.encoding == "utf-16-le" and src.text.startswith("Women's")


def test_gbk_and_gb18030_decode_as_gb18030() -> None:
    for enc in ("gbk", "gb2312", "gb18030"):
        src = decode(TEXT.encode(enc))
        assert (src.text, src.encoding) == (TEXT, "gb18030")
        assert src.confidence >= 0.9


def test_big5_decodes_as_big5() -> None:
    src = decode(TRADITIONAL.encode("big5"))
    assert (src.text, src.encoding) == (TRADITIONAL, "big5")


def test_gbk_page_with_traditional_characters_stays_gbk(sample_text: str) -> None:
    # the sample report is a GBK page printing traditional characters: GB18030, not Big5
    src = decode(sample_text.encode("gb18030"))
    assert src.encoding == "gb18030" and src.text == sample_text


def test_line_endings_are_kept_exactly() -> None:
    for enc in ("utf-8", "gb18030", "utf-16-le"):
        text = decode(TEXT.encode(enc)).text
        assert text.count("\r\n") == 1 and text.count("\r") == 2 and text.count("\n") == 2


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, "binary"),
        (b"%PDF-1.7\n" + bytes(range(256)) * 8, "binary"),
        (b"PK\x03\x04" + bytes(range(256)) * 8, "binary"),
        (bytes((i * 7919) % 256 for i in range(5000)), "binary"),
        (TEXT.encode("utf-8").decode("gbk", errors="replace").encode("utf-8"), "UTF-8 read as GBK"),
        (TEXT.encode("utf-8").decode("latin-1").encode("utf-8"), "read as latin-1"),
        (TEXT.encode("gbk").decode("latin-1").encode("utf-8"), "gb18030 read as latin-1"),
        (TEXT.encode("utf-8") * 3 + "妇联".encode("gbk") + TEXT.encode("utf-8"), "mixed encodings"),
        (codecs.BOM_UTF8 + b"\xff\xfe\xfd" + TEXT.encode("utf-8"), "byte-order mark"),
    ],
    ids=["png", "pdf", "zip", "noise", "utf8-as-gbk", "utf8-as-latin1", "gbk-as-latin1", "mixed", "bad-bom"],
)
def test_what_is_not_text_is_refused_with_the_reason(data: bytes, reason: str) -> None:
    with pytest.raises(DecodeError) as err:
        decode(data, "report.txt")
    assert reason in str(err.value)
    assert str(err.value).startswith("report.txt: ")
    assert err.value.code == "decode"


def test_a_refused_file_is_named(tmp_path: Path) -> None:
    path = tmp_path / "scan.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    with pytest.raises(DecodeError, match=str(path)):
        read(path)


def test_read_reports_path_encoding_and_confidence(tmp_path: Path) -> None:
    path = tmp_path / "gbk.txt"
    path.write_bytes(TEXT.encode("gbk"))
    src = read(path)
    assert isinstance(src, Source)
    assert (src.path, src.encoding, src.text, src.format) == (str(path), "gb18030", TEXT, "text")
    assert 0.9 <= src.confidence <= 1.0


def test_explicit_encoding_is_obeyed_and_checked() -> None:
    assert read(TEXT.encode("gbk"), encoding="gbk").text == TEXT
    with pytest.raises(DecodeError, match="cannot be decoded as utf-8"):
        read(TEXT.encode("gbk"), encoding="utf-8")


def test_limits_and_empty_input(tmp_path: Path) -> None:
    with pytest.raises(SizeLimitError):
        read(TEXT.encode("utf-8"), max_bytes=10)
    big = tmp_path / "big.txt"
    big.write_bytes(TEXT.encode("utf-8") * 10)
    with pytest.raises(SizeLimitError, match="max_bytes"):
        read(big, max_bytes=100)
    assert read(big, max_bytes=10_000).text == TEXT * 10
    with pytest.raises(InputError, match="empty"):
        read(b"  \r\n ")
    with pytest.raises(InputError, match="white space"):
        read("\u3000\u3000\n".encode("utf-8"))
    with pytest.raises(InputError, match="no such file"):
        read(tmp_path / "missing.txt")
    with pytest.raises(InputError, match="folder"):
        read(tmp_path)
    with pytest.raises(InputError):
        read(12)  # type: ignore[arg-type]


@needs_shared
@pytest.mark.parametrize("path", real_corpus_files(), ids=lambda p: f"{Path(p).parent.name}/{Path(p).name}")
def test_real_reports_decode_exactly_in_utf8_and_gb18030(path: Path) -> None:
    original = read_original(path)
    assert read(path).text == original
    src = decode(original.encode("gb18030"))
    assert (src.text, src.encoding) == (original, "gb18030")
    src = decode(original.encode("utf-16-le"))
    assert src.text == original and src.encoding == "utf-16-le"
