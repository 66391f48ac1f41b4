"""Hostile and broken input: each gives its documented result (docs/errors.md) — a clear error
naming the file, or a successful analysis — never an undocumented exception and never a hang.

Inputs are generated at test time in a temporary folder; nothing binary is committed. The
batch test runs ``wfltext run`` over all of them next to good reports and checks that every good
report is analyzed completely.
"""

from __future__ import annotations

import io
import os
import random
import shutil
import sqlite3
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest

import wfltext
from wfltext import containers, reader
from wfltext.errors import DecodeError, FormatError, InputError, SizeLimitError, WfltextError
from wfltext.files import analyze_file, read_source

from .conftest import CORPUS, real_corpus_files

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
REPORT = "县妇联2019年工作总结\n一、加强思想引领\n今年以来，县妇联组织开展“巾帼建功”活动50余场，培训妇女3000余人次。\n"


# -- generators ----------------------------------------------------------------------------------


def png_bytes() -> bytes:
    """A real (tiny) PNG: signature, IHDR, IDAT, IEND."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rng = random.Random(7)
    raw = b"".join(b"\0" + rng.randbytes(3 * 16) for _ in range(16))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 16, 16, 8, 2, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def zip_bomb(uncompressed: int = 80 * 1024 * 1024) -> bytes:
    """A .docx-shaped zip whose document.xml inflates to ``uncompressed`` bytes (about 1000×)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        with z.open("word/document.xml", "w", force_zip64=True) as f:
            block = b" " * (1 << 20)
            for _ in range(uncompressed // len(block)):
                f.write(block)
    return buf.getvalue()


def docx(xml: str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        z.writestr("word/document.xml", xml)
    return buf.getvalue()


def laughs_docx() -> bytes:
    """Entity expansion (billion laughs) inside word/document.xml."""
    entities = '<!ENTITY a "哈哈哈哈哈哈哈哈哈哈">' + "".join(f'<!ENTITY {c} "{("&" + p + ";") * 10}">' for p, c in zip("abcdefgh", "bcdefghi"))
    return docx(f'<?xml version="1.0"?><!DOCTYPE w:document [{entities}]><w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>&i;</w:t></w:r></w:p></w:body></w:document>')


def mixed_lines() -> bytes:
    lines = [("县妇联2019年工作总结\n", "utf-8"), ("今年以来，县妇联组织培训妇女三千余人次。\n", "gbk"), ("一、加强思想引领\n", "utf-8"), ("二、服务妇女群众，建设温暖之家。\n", "gbk")]
    return b"".join(text.encode(enc) for text, enc in lines)


def repeated_headings(n: int = 10_000) -> bytes:
    """A report of ``n`` headings, each over one line of body text."""
    return ("县妇联2019年工作总结\n" + "".join(f"{i % 9 + 1}、加强基层组织建设\n全年培训妇女200名。\n" for i in range(n))).encode("utf-8")


def deep_html(depth: int = 20_000) -> bytes:
    body = "<p>今年以来，县妇联组织开展巾帼建功活动五十余场，培训妇女三千余人次，反响良好。</p>"
    return ("<html><body>" + "<div>" * depth + body + "</div>" * depth + "</body></html>").encode("utf-8")


def many_entries_docx(n: int = 5001) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as z:
        z.writestr("word/document.xml", f'<w:document xmlns:w="{W_NS}"/>')
        for i in range(n):
            z.writestr(f"word/media/{i}.bin", b"")
    return buf.getvalue()


@dataclass(frozen=True)
class Case:
    name: str
    make: Callable[[], bytes]
    #: the documented error class, or None for a successful analysis
    error: type[WfltextError] | None
    #: words the message must hold (it says what is wrong)
    says: tuple[str, ...] = ()


CASES = [
    Case("empty.txt", lambda: b"", InputError, ("empty",)),
    Case("whitespace.txt", lambda: " \t\r\n\n　\u3000 ".encode("utf-8") * 200, InputError, ("white space",)),
    Case("nul.txt", lambda: b"\0" * 65536, DecodeError, ("binary",)),
    Case("random.txt", lambda: random.Random(1).randbytes(20000), DecodeError, ()),
    Case("image.txt", png_bytes, DecodeError, ("binary",)),
    Case("mixed.txt", mixed_lines, DecodeError, ()),
    Case("surrogate.txt", lambda: REPORT.encode("utf-8") + b"\xed\xa0\x80" + REPORT.encode("utf-8"), DecodeError, ()),
    Case("bomb.docx", zip_bomb, FormatError, ("zip bomb",)),
    Case("laughs.docx", laughs_docx, FormatError, ("DTD",)),
    Case("notazip.docx", lambda: REPORT.encode("utf-8"), FormatError, ("zip",)),
    Case("bad-bom.txt", lambda: b"\xef\xbb\xbf" + REPORT.encode("utf-8") + b"\xff\xfe\xfd", DecodeError, ("byte-order mark",)),
    Case("entries.docx", many_entries_docx, FormatError, ("entries",)),
    Case("broken.docx", lambda: docx(f'<w:document xmlns:w="{W_NS}"><w:body><w:p>县妇联'), FormatError, ("well-formed",)),
    Case("empty-page.html", lambda: b"<html><head><script>var a = '\xe5\xa6\x87\xe8\x81\x94';</script></head><body><nav>\xe9\xa6\x96\xe9\xa1\xb5</nav></body></html>", InputError, ("no report text",)),
    Case("utf16-no-bom.txt", lambda: REPORT.encode("utf-16-le"), None),
    Case("guillemets.txt", lambda: "《".encode("utf-8") * (1024 * 1024 // 3), None),
    Case("headings.txt", repeated_headings, None),
    Case("deep.html", deep_html, None),
]
CASE_IDS = [c.name for c in CASES]


@pytest.fixture(scope="module")
def hostile_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    for case in CASES:
        (folder / case.name).write_bytes(case.make())
    return folder


def check_offsets(doc: wfltext.Document) -> None:
    for r in doc.records:
        assert doc.original[r.start : r.end] == r.text, r


# -- each input alone ----------------------------------------------------------------------------


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_documented_result(case: Case, hostile_dir: Path) -> None:
    path = hostile_dir / case.name
    if case.error is None:
        docs = analyze_file(path)
        assert docs
        for doc in docs:
            check_offsets(doc)
        return
    with pytest.raises(case.error) as info:
        analyze_file(path)
    err = info.value
    assert type(err) is case.error  # the documented class itself, not a sibling
    assert err.source == str(path)
    assert str(err).startswith(f"{path}: ")
    for word in case.says:
        assert word in err.message, err.message


@pytest.mark.parametrize("case", [c for c in CASES if c.error is not None], ids=[c.name for c in CASES if c.error is not None])
def test_command_line_exit_code(case: Case, hostile_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``wfltext extract FILE`` ends with the error's exit code and one line naming the file."""
    from wfltext.cli import main

    path = hostile_dir / case.name
    assert main(["extract", str(path)]) == case.error.exit_code
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and str(path) in err[0] and err[0].startswith("wfltext: error: ")


def test_guillemets_give_no_records(hostile_dir: Path) -> None:
    (doc,) = analyze_file(hostile_dir / "guillemets.txt")
    assert len(doc.original) == 1024 * 1024 // 3
    assert doc.records == []


def test_repeated_headings(hostile_dir: Path) -> None:
    """Nothing is lost silently: every ``200名`` of the body is a number record, unless the
    normalizer removed its line as page chrome (a step saying so); the outline holds only
    heading lines (how many of the restarting 1、…9、 runs it accepts is the outline's business)."""
    (doc,) = analyze_file(hostile_dir / "headings.txt")
    check_offsets(doc)
    found = {r.start for r in doc.records if r.type == "number" and r.text == "200名"}
    removed = [(st.start, st.end) for st in doc.normalized.steps if not st.after]
    at = doc.original.find("200名")
    while at >= 0:
        assert at in found or any(s <= at < e for s, e in removed), doc.original[max(0, at - 30) : at + 10]
        at = doc.original.find("200名", at + 1)
    assert len(found) >= 9_000
    sections = [s for root in doc.outline for s in root.walk()]
    assert 1 <= len(sections) <= 10_001
    for s in sections:
        line = doc.original[s.ostart : doc.original.find("\n", s.ostart)]
        assert line.endswith("加强基层组织建设") or line == "县妇联2019年工作总结", line
    numbers = [r for r in doc.records if r.start in found]
    assert any(r.section for r in numbers)
    assert all(r.section[-1].endswith("加强基层组织建设") for r in numbers if r.section)


def test_deep_html_keeps_its_text(hostile_dir: Path) -> None:
    (doc,) = analyze_file(hostile_dir / "deep.html")
    assert "巾帼建功活动五十余场" in doc.original


def test_zip_bomb_is_refused_before_unpacking(hostile_dir: Path) -> None:
    """The refusal comes from the entry's header, not from inflating 80 MB."""
    import tracemalloc

    data = (hostile_dir / "bomb.docx").read_bytes()
    tracemalloc.start()
    try:
        with pytest.raises(FormatError):
            containers.docx_source(data, "bomb.docx")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 16 * 1024 * 1024


def test_highly_compressed_entry_is_refused() -> None:
    """Under the size limit but expanding 1000×: refused by its ratio."""
    with pytest.raises(FormatError, match="expands"):
        containers.docx_source(zip_bomb(10 * 1024 * 1024), "ratio.docx")


def test_zip_with_a_lying_size_header_is_refused() -> None:
    """A header that understates the entry's size: the data does not match it, the file is
    refused as damaged instead of being unpacked past the limit."""
    xml = f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>{"妇" * 5000}</w:t></w:r></w:p></w:body></w:document>'.encode()
    data = bytearray(docx(xml.decode()))
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = data.find(signature)
        while at >= 0:
            name_at = at + (30 if signature == b"PK\x03\x04" else 46)
            if data[name_at : name_at + 17] == b"word/document.xml":
                data[at + offset : at + offset + 4] = (100).to_bytes(4, "little")
            at = data.find(signature, at + 4)
    with pytest.raises(FormatError):
        containers.docx_source(bytes(data), "lying.docx")


# -- encodings -----------------------------------------------------------------------------------


def test_truncated_gb18030_is_read() -> None:
    text = "县妇联2019年工作总结\n" + "今年以来，县妇联组织培训妇女三千余人次。" * 20
    src = wfltext.read(text.encode("gb18030")[:-1])
    assert src.encoding == "gb18030"
    assert src.text == text[:-1] + "\ufffd"


def test_mixed_encodings_are_refused_with_the_place() -> None:
    with pytest.raises(DecodeError) as info:
        wfltext.read(mixed_lines())
    assert "UTF-8" in info.value.message


def test_encoded_surrogate_bytes() -> None:
    with pytest.raises(DecodeError):
        wfltext.analyze(REPORT.encode("utf-8") + b"\xed\xa0\x80")


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("县妇联\ud800培训妇女200名。", id="simplified"),
        pytest.param("縣婦聯工作總結\ud83d\n今年培訓婦女200名。", id="traditional"),
        pytest.param("\udc80" * 10, id="only-surrogates"),
    ],
)
def test_lone_surrogates_in_text_are_an_input_error(text: str) -> None:
    with pytest.raises(InputError, match="surrogate"):
        wfltext.analyze(text)


@pytest.mark.parametrize("value", [None, 42, 3.5, ["县妇联"], bytearray(b"")], ids=["None", "int", "float", "list", "empty-bytearray"])
def test_wrong_types_are_input_errors(value: object) -> None:
    with pytest.raises(InputError):
        wfltext.analyze(value)  # type: ignore[arg-type]


@pytest.mark.parametrize("value", ["", "   \n\t　"], ids=["empty", "whitespace"])
def test_empty_text_gives_an_empty_document(value: str) -> None:
    """A str is the caller's text, not a file: empty text is analyzed (no records), not refused."""
    doc = wfltext.analyze(value)
    assert doc.records == []
    assert doc.original == value


# -- size ----------------------------------------------------------------------------------------

LINE_BYTES = 50 * 1024 * 1024


@pytest.fixture(scope="module")
def single_line(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 50 MB file of one line of Chinese text."""
    path = tmp_path_factory.mktemp("line") / "line.txt"
    unit = "县妇联组织开展巾帼建功活动培训妇女".encode("utf-8")
    with open(path, "wb") as f:
        f.write(unit * (LINE_BYTES // len(unit) + 1))
    return path


def test_single_line_over_the_default_limit(single_line: Path) -> None:
    assert single_line.stat().st_size > reader.MAX_BYTES
    for call in (lambda: wfltext.read(single_line), lambda: analyze_file(single_line), lambda: read_source(single_line)):
        with pytest.raises(SizeLimitError) as info:
            call()
        assert str(single_line) in str(info.value)
        assert "limit" in info.value.message


def test_bytes_over_the_limit() -> None:
    with pytest.raises(SizeLimitError):
        wfltext.read(b"a" * 101, max_bytes=100)


def test_single_line_under_a_raised_byte_limit(single_line: Path) -> None:
    raised = 2 * LINE_BYTES
    # read() and read_source() only decode; the line limit must refuse the file before analysis
    for call in (lambda: wfltext.read(single_line, max_bytes=raised), lambda: read_source(single_line, max_bytes=raised)):
        with pytest.raises(SizeLimitError, match="line"):
            call()


# -- a batch over all of them next to good files -------------------------------------------------


def good_reports() -> list[Path]:
    files = [CORPUS / "reports" / "000_6e53a69d3eb90f18.txt", *sorted((CORPUS / "gold" / "texts").glob("*.txt"))[:2]]
    files += real_corpus_files()[:2]
    return files


def test_batch_processes_every_good_file(hostile_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from wfltext.cli import main

    corpus = tmp_path / "corpus"
    shutil.copytree(hostile_dir, corpus / "hostile")
    good = {}
    for i, src in enumerate(good_reports()):
        dst = corpus / "good" / f"{i:02d}-{src.name}"
        dst.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, dst)
        good[f"good/{dst.name}"] = dst
    db = tmp_path / "corpus.sqlite"
    code = main(["run", str(corpus), "--db", str(db), "--workers", "1", "--no-progress"])
    capsys.readouterr()
    assert code == 10  # some files failed, the rest are stored

    con = sqlite3.connect(db)
    con.row_factory = sqlite3.Row
    rows = {r["path"]: dict(r) for r in con.execute("SELECT * FROM documents")}
    # every good report completely: the same records as analyzing it alone
    for doc_id, path in good.items():
        expected = {(d.id.replace(str(path), doc_id, 1), r.type, r.start, r.end, r.text) for d in analyze_file(path) for r in d.records}
        stored = {(r["doc"], r["type"], r["start"], r["end"], r["text"]) for r in con.execute("SELECT * FROM records WHERE doc = ? OR doc LIKE ?", (doc_id, doc_id + "#%"))}
        assert rows[doc_id]["status"] != "failed", rows[doc_id]
        assert stored == expected, doc_id
    # every hostile file with its documented result, and never an internal error or a crash
    for case in CASES:
        row = rows[f"hostile/{case.name}"]
        if case.error is None:
            assert row["status"] != "failed", row
        else:
            assert row["status"] == "failed" and row["error_code"] == case.error.code, row
            assert row["error_message"].startswith(f"hostile/{case.name}: ")
    assert not [r for r in rows.values() if r["error_code"] in ("internal", "crash")]
    con.close()


def test_batch_size_limit_is_per_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A file over ``--max-bytes`` fails alone with code ``size``; the others are analyzed."""
    from wfltext.cli import main

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "big.txt").write_bytes(REPORT.encode("utf-8") * 100)
    (corpus / "small.txt").write_bytes(REPORT.encode("utf-8"))
    db = tmp_path / "c.sqlite"
    assert main(["run", str(corpus), "--db", str(db), "--workers", "1", "--no-progress", "--max-bytes", "1000"]) == 10
    capsys.readouterr()
    con = sqlite3.connect(db)
    status = dict(con.execute("SELECT path, COALESCE(error_code, status) FROM documents"))
    assert status["big.txt"] == "size"
    assert status["small.txt"] != "size" and con.execute("SELECT COUNT(*) FROM records WHERE doc = 'small.txt'").fetchone()[0] > 0
    con.close()
    assert os.path.getsize(corpus / "big.txt") > 1000


# -- work that grows faster than the input (deterministic: Python line events, not time) ---------


def line_events(fn: Callable[[], object], files: tuple[str, ...]) -> int:
    """How many lines of the package files ``files`` run during ``fn()``: a measure of Python-level
    work that does not depend on the machine's load."""
    import sys

    count = 0

    def tracer(frame, event, arg):  # noqa: ANN001 - sys.settrace's signature
        nonlocal count
        if not frame.f_code.co_filename.endswith(files):
            return None
        if event == "line":
            count += 1
        return tracer

    sys.settrace(tracer)
    try:
        fn()
    finally:
        sys.settrace(None)
    return count


def _headings_text(n: int) -> str:
    return "县妇联2019年工作总结\n" + "".join(f"{i % 9 + 1}、加强基层组织建设\n全年培训妇女200名。\n" for i in range(n))


def test_section_lookup_grows_linearly_with_the_headings() -> None:
    def work(n: int) -> int:
        doc = wfltext.Document(_headings_text(n))
        _ = doc.outline  # built outside the measure: only the lookup is measured
        return line_events(lambda: doc._section_index, ("wfltext/outline.py", "wfltext/document.py"))

    small, large = work(300), work(1200)
    assert large <= 6 * small, f"4× the headings, {large / small:.1f}× the work"


def test_overlap_filter_grows_linearly_with_the_records() -> None:
    from wfltext.extract.spans import filter_spans
    from wfltext.records import NumberRecord

    def work(n: int) -> int:
        records = [NumberRecord(doc="d", text="200名", start=10 * i, end=10 * i + 4, norm="200名") for i in range(n)]
        records += [NumberRecord(doc="d", text="00", start=10 * i + 1, end=10 * i + 3, norm="00") for i in range(n)]
        return line_events(lambda: filter_spans(records), ("wfltext/extract/spans.py",))

    small, large = work(1000), work(4000)
    assert large <= 6 * small, f"4× the records, {large / small:.1f}× the work"


# -- files that are not regular files ------------------------------------------------------------


class Blocked(Exception):
    """A read did not return: it would have hung a corpus run."""


def within(seconds: int, fn: Callable[[], object]) -> object:
    """``fn()``, or :class:`Blocked` when it has not returned after ``seconds`` (a guard against
    a hang of the suite, not a speed assertion)."""
    import signal

    def alarm(signum, frame):  # noqa: ANN001 - signal handler signature
        raise Blocked()

    old = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(seconds)
    try:
        return fn()
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


@pytest.fixture()
def special_files(tmp_path: Path) -> Path:
    folder = tmp_path / "special"
    folder.mkdir()
    os.mkfifo(folder / "pipe.txt")
    (folder / "zero.txt").symlink_to("/dev/zero")
    (folder / "dangling.txt").symlink_to(folder / "nowhere.txt")
    (folder / "folder.txt").mkdir()
    (folder / "good.txt").write_bytes(REPORT.encode("utf-8"))
    return folder


@pytest.mark.parametrize("name", ["pipe.txt", "zero.txt", "dangling.txt", "folder.txt"])
def test_special_files_are_input_errors(name: str, special_files: Path) -> None:
    """A named pipe would block the read forever, a device never ends: refused before reading."""
    with pytest.raises(InputError) as info:
        within(20, lambda: analyze_file(special_files / name))
    assert str(special_files / name) in str(info.value)


def test_read_refuses_a_named_pipe(special_files: Path) -> None:
    with pytest.raises(InputError):
        within(5, lambda: wfltext.read(special_files / "pipe.txt"))


def test_batch_goes_past_special_files(special_files: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from wfltext.cli import main

    db = tmp_path / "s.sqlite"
    code = within(120, lambda: main(["run", str(special_files), "--db", str(db), "--workers", "1", "--no-progress"]))
    capsys.readouterr()
    assert code == 10
    con = sqlite3.connect(db)
    rows = dict(con.execute("SELECT path, COALESCE(error_code, status) FROM documents"))
    assert rows["pipe.txt"] == rows["zero.txt"] == "input"
    assert rows["good.txt"] not in ("input", "decode", "size", "format", "internal", "crash")
    assert con.execute("SELECT COUNT(*) FROM records WHERE doc = 'good.txt'").fetchone()[0] > 0
    con.close()
