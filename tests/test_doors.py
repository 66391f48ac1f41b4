"""One reader behind every door: the same report as .txt (UTF-8, GB18030, UTF-16, Big5), .html and
.docx gives the same text and the same records through ``wfltext.read``, ``wfltext.analyze_file``,
``wfltext.analyze`` (bytes), and the CLI's ``extract``, ``normalize``, ``show`` and ``run``."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import pytest

import wfltext
from wfltext.cli import main
from wfltext.errors import DecodeError, InputWarning
from wfltext.store import Store

from .test_containers import make_docx, make_page

TITLE = "县妇联2019年工作总结"
PARAGRAPHS = [
    "今年以来，县妇联在县委、县政府的坚强领导下，以“党建带妇建”为引领，组织开展“春蕾计划”活动，培训女农民200名，帮助1800余名妇女实现就业。",
    "一、强化思想引领，凝聚巾帼力量",
    "组织开展巾帼宣讲活动50余场，覆盖妇女群众3000余人次，全县共创建“美丽庭院”示范户320户。",
    "二、发挥桥梁纽带作用，维护妇女儿童合法权益",
    "全年接待妇女来信来访86件次，办结率100%，为126名困难妇女争取救助资金25.6万元。",
]
TEXT = "\n".join([TITLE, *PARAGRAPHS])

FORMATS = {
    "utf8.txt": TEXT.encode("utf-8"),
    "gb18030.txt": TEXT.encode("gb18030"),
    "utf16.txt": TEXT.encode("utf-16"),
    "page.html": make_page(PARAGRAPHS, title=TITLE),
    "page-gbk.htm": make_page(PARAGRAPHS, title=TITLE, charset="gb2312"),
    "report.docx": make_docx([TITLE, *PARAGRAPHS]),
}


def key(records) -> list[tuple]:
    return [(r.type, r.start, r.end, r.text, r.norm) for r in records]


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("doors")
    out = {}
    for name, data in FORMATS.items():
        (root / name).write_bytes(data)
        out[name] = root / name
    return out


@pytest.fixture(scope="module")
def expected() -> list[tuple]:
    return key(wfltext.analyze(TEXT).records)


def test_the_report_has_records_of_every_kind(expected: list[tuple]) -> None:
    types = {t for t, *_ in expected}
    assert {"number", "program", "organization"} <= types
    assert len(expected) >= 10


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_read_gives_the_report_text(files: dict[str, Path], name: str) -> None:
    src = wfltext.read(files[name])
    assert src.text.lstrip("\ufeff") == TEXT
    assert src.format == {"html": "html", "htm": "html", "docx": "docx", "txt": "text"}[name.rsplit(".", 1)[1]]
    assert src.path == str(files[name])


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_read_of_bytes_recognizes_the_container(name: str) -> None:
    src = wfltext.read(FORMATS[name])
    assert src.text == TEXT
    assert src.path is None


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_analyze_file_and_analyze_of_bytes_give_the_same_records(files: dict[str, Path], name: str, expected: list[tuple]) -> None:
    doc = wfltext.analyze_file(files[name])
    assert doc.id == str(files[name])
    assert doc.source.format == wfltext.read(files[name]).format
    assert key(doc.records) == expected
    assert key(wfltext.analyze(FORMATS[name]).records) == expected
    assert key(wfltext.analyze(files[name]).records) == expected  # a Path is a file


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_cli_extract_gives_the_same_records(files: dict[str, Path], name: str, expected: list[tuple], capsys) -> None:
    assert main(["extract", str(files[name])]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(r["type"], r["start"], r["end"], r["text"], r["norm"]) for r in rows] == expected


@pytest.mark.parametrize("name", ["gb18030.txt", "page.html", "report.docx"])
def test_cli_normalize_reads_every_format(files: dict[str, Path], name: str, capsys) -> None:
    assert main(["normalize", str(files[name])]) == 0
    assert capsys.readouterr().out == wfltext.normalize(TEXT).text


@pytest.mark.parametrize("name", ["page.html", "report.docx"])
def test_cli_show_reads_every_format(files: dict[str, Path], name: str, tmp_path: Path) -> None:
    out = tmp_path / "view.html"
    assert main(["show", str(files[name]), "-o", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert "春蕾计划" in page and "美丽庭院" in page


def test_cli_run_stores_the_same_records_for_every_format(files: dict[str, Path], expected: list[tuple], tmp_path: Path, capsys) -> None:
    folder = next(iter(files.values())).parent
    db = tmp_path / "c.sqlite"
    assert main(["run", str(folder), "--db", str(db), "--workers", "1", "--no-progress"]) == 0
    capsys.readouterr()
    with Store(db, create=False) as store:
        got: dict[str, list[tuple]] = {}
        for r in store.records():
            got.setdefault(r["doc"], []).append((r["type"], r["start"], r["end"], r["text"], r["norm"]))
    assert sorted(got) == sorted(FORMATS)
    for name in FORMATS:
        assert got[name] == expected, name


def test_analyze_warns_when_given_a_path_as_text(files: dict[str, Path]) -> None:
    path = str(files["utf8.txt"])
    with pytest.warns(InputWarning, match="analyze_file"):
        doc = wfltext.analyze(path)
    assert doc.original == path  # the string itself, as documented
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        wfltext.analyze(TEXT)  # a report never warns
        wfltext.analyze("missing-file.txt")  # nor a string naming no file


MOJIBAKE = TEXT.encode("utf-8").decode("gbk", errors="replace")


def test_a_mojibake_file_is_refused_unless_repair_is_asked(tmp_path: Path, capsys) -> None:
    path = tmp_path / "garbled.txt"
    path.write_text(MOJIBAKE, encoding="utf-8")
    with pytest.raises(DecodeError, match="repair_mojibake"):
        wfltext.read(path)
    src = wfltext.read(path, repair_mojibake=True)
    assert src.encoding == "utf-8 (repaired: utf-8 read as gbk)"
    assert src.text.count("\ufffd") >= 1  # bytes the first decoder lost stay lost
    # Python's GBK decoder drops a byte at each pair it cannot read: one character in six is lost
    assert src.text.count("\ufffd") < len(TEXT) * 0.2
    assert len(src.text) == len(TEXT) and sum(a == b for a, b in zip(src.text, TEXT)) > len(TEXT) * 0.8
    doc = wfltext.analyze_file(path, repair_mojibake=True)
    assert doc.records_of("number")
    assert any(r.noisy for r in doc.records) or all("\ufffd" not in r.text for r in doc.records)
    assert main(["normalize", str(path)]) == 3
    assert main(["normalize", "--repair-mojibake", str(path)]) == 0
    assert "县妇联" in capsys.readouterr().out
