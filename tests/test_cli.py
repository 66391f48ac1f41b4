"""The command line: run, export and extract — exit codes, one-line errors, round trips."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from wfltext.batch import EXIT_SOME_FAILED
from wfltext.cli import main
from wfltext.export import read_csv
from wfltext.store import Store, load

from .test_containers import make_docx

REPORT_A = (
    "县妇联2019年工作总结\n"
    "今年以来，县妇联在县委、县政府的坚强领导下，以“党建带妇建”为引领，组织开展“春蕾计划”活动，"
    "培训女农民200名，帮助1800余名妇女实现就业。\n"
    "一、强化思想引领\n"
    "组织开展巾帼宣讲活动50余场，覆盖妇女群众3000余人次。\n"
)
REPORT_B = (
    "县总工会2020年工作计划\n"
    "全县各级工会组织要按照“围绕中心、服务大局”的原则，深入开展劳动和技能竞赛，"
    "全年培训职工1200人次，新建职工之家15个。\n"
)


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    (root / "sub").mkdir(parents=True)
    (root / "a.txt").write_text(REPORT_A, encoding="utf-8")
    (root / "sub" / "b.txt").write_bytes(REPORT_B.encode("gb18030"))
    (root / "sub" / "c.docx").write_bytes(make_docx(REPORT_A.splitlines()))
    return root


def cli(capsys: pytest.CaptureFixture, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def one_error_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("wfltext: error: ")
    assert "Traceback" not in err
    return lines[0]


# -- run -----------------------------------------------------------------------------------------


def test_run_succeeds_and_says_where_the_records_are(corpus: Path, tmp_path: Path, capsys) -> None:
    db = tmp_path / "c.sqlite"
    code, out, err = cli(capsys, "run", str(corpus), "--db", str(db), "--workers", "1")
    assert code == 0, err
    assert out.startswith("wfltext run: 3 files: 3 analyzed, 0 unchanged, 0 failed -> 3 documents")
    assert f"records are in {db}" in out
    assert f"wfltext export --db {db} --format csv -o records.csv" in out
    assert f"wfltext report --db {db} -o report.html" in out
    assert err == ""  # no progress bar when stderr is not a terminal
    with Store(db, create=False) as store:
        docs = {d["id"]: d for d in store.documents()}
    assert docs["sub/b.txt"]["encoding"] == "gb18030" and docs["sub/c.docx"]["format"] == "docx"
    code, out, _ = cli(capsys, "run", str(corpus), "--db", str(db), "--workers", "1")
    assert code == 0 and "0 analyzed, 3 unchanged" in out


def test_run_with_failures_exits_10_and_lists_each_in_one_line(corpus: Path, tmp_path: Path, capsys) -> None:
    (corpus / "bad.txt").write_bytes(b"abc\xff\xfe\xfd" * 20)
    (corpus / "empty.txt").write_bytes(b"")
    code, out, err = cli(capsys, "run", str(corpus), "--db", str(tmp_path / "c.sqlite"), "--workers", "1")
    assert code == EXIT_SOME_FAILED == 10
    lines = err.strip().splitlines()
    assert lines == [
        "wfltext: failed [decode] bad.txt: is neither UTF-8 (invalid byte at 3) nor GB18030 nor Big5; "
        "convert it to UTF-8, or pass the right encoding to read()",
        "wfltext: failed [input] empty.txt: is empty (no text at all)",
    ]
    assert "2 failed" in out and "--what documents" in out


def test_run_progress_on_request(corpus: Path, tmp_path: Path, capsys) -> None:
    code, _, err = cli(capsys, "run", str(corpus), "--db", str(tmp_path / "c.sqlite"), "--workers", "1", "--progress")
    assert code == 0
    assert "100%" in err and "files=3" in err  # the bar counts bytes, the files are beside it


def test_run_oversize_and_glob(corpus: Path, tmp_path: Path, capsys) -> None:
    db = tmp_path / "c.sqlite"
    code, out, err = cli(capsys, "run", str(corpus), "--db", str(db), "--workers", "1", "--glob", "*.txt", "--max-bytes", "200")
    assert code == EXIT_SOME_FAILED
    assert out.startswith("wfltext run: 2 files:")
    assert "[size] a.txt: is" in err and "over the limit of 200" in err


@pytest.mark.parametrize(
    "argv, message",
    [
        (["run", "{tmp}/nope", "--db", "{tmp}/x.sqlite"], "no such folder"),
        (["run", "{tmp}", "--db", "{tmp}/x.sqlite", "--workers", "0"], "--workers must be at least 1"),
        (["run", "{tmp}", "--db", "{tmp}/x.sqlite", "--types", "numbers"], "unknown record type 'numbers'"),
        (["run", "{tmp}", "--db", "{tmp}/notes.txt/x.sqlite"], "cannot create the folder of the corpus store"),
        (["export", "--db", "{tmp}/missing.sqlite"], "no such corpus store"),
        (["export", "--db", "{tmp}/notes.txt"], "not a wfltext corpus store"),
        (["export", "--db", "{tmp}/x.sqlite", "--format", "parquet"], "give it with -o FOLDER"),
        (["extract", "{tmp}/empty-dir"], "no report files"),
    ],
)
def test_errors_are_one_line_with_exit_code_2(tmp_path: Path, capsys, argv: list[str], message: str) -> None:
    (tmp_path / "notes.txt").write_text("not a database " * 100)
    (tmp_path / "empty-dir").mkdir()
    Store(tmp_path / "x.sqlite").close()
    code, out, err = cli(capsys, *(a.format(tmp=tmp_path) for a in argv))
    assert code == 2
    assert message in one_error_line(err)
    assert out == ""


# -- export --------------------------------------------------------------------------------------


@pytest.fixture()
def store(corpus: Path, tmp_path: Path, capsys) -> Path:
    (corpus / "dup.txt").write_text(REPORT_A * 3, encoding="utf-8")
    (corpus / "sub" / "dup-copy.txt").write_text(REPORT_A * 3, encoding="utf-8")
    (corpus / "broken.txt").write_bytes(b"")
    db = tmp_path / "c.sqlite"
    assert main(["run", str(corpus), "--db", str(db), "--workers", "1"]) == EXIT_SOME_FAILED
    capsys.readouterr()
    return db


def stored(db: Path, **kw) -> list[dict]:
    with Store(db, create=False) as s:
        return list(s.records(**kw))


def test_export_jsonl_to_stdout(store: Path, capsys) -> None:
    code, out, err = cli(capsys, "export", "--db", str(store))
    assert code == 0 and err == ""
    assert [json.loads(line) for line in out.splitlines()] == stored(store)


def test_export_csv_for_excel_round_trips(store: Path, tmp_path: Path, capsys) -> None:
    path = tmp_path / "r.csv"
    code, _, err = cli(capsys, "export", "--db", str(store), "--format", "csv", "-o", str(path))
    assert code == 0 and f"written to {path}" in err
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    with open(path, encoding="utf-8-sig", newline="") as f:
        assert list(read_csv(f)) == stored(store)


def test_export_csv_to_stdout_has_the_bom_too(store: Path, capsys) -> None:
    code, out, _ = cli(capsys, "export", "--db", str(store), "--format", "csv")
    assert code == 0 and out.startswith("\ufeffdoc,type,text,start,end,norm")
    assert list(read_csv(io.StringIO(out[1:], newline=""))) == stored(store)


def test_export_parquet_round_trips(store: Path, tmp_path: Path, capsys) -> None:
    import pandas as pd

    folder = tmp_path / "pq"
    code, _, _ = cli(capsys, "export", "--db", str(store), "--format", "parquet", "-o", str(folder))
    assert code == 0
    got, want = load(folder), load(store)
    pd.testing.assert_frame_equal(got.records, want.records)
    pd.testing.assert_frame_equal(got.documents, want.documents)
    # a second export replaces the parts, it does not add to them
    cli(capsys, "export", "--db", str(store), "--format", "parquet", "-o", str(folder), "--types", "organization")
    assert set(load(folder).records["type"]) <= {"organization"}


def test_export_documents_with_failures(store: Path, capsys) -> None:
    code, out, _ = cli(capsys, "export", "--db", str(store), "--what", "documents")
    docs = {d["id"]: d for d in map(json.loads, out.splitlines())}
    assert docs["broken.txt"]["status"] == "failed" and docs["broken.txt"]["error_code"] == "input"
    assert "minhash" not in docs["a.txt"]
    assert docs["sub/dup-copy.txt"]["duplicate_of"] == "dup.txt"


def test_export_filters_types_and_duplicates(store: Path, capsys) -> None:
    everything = stored(store)
    code, out, _ = cli(capsys, "export", "--db", str(store), "--skip-duplicates", "--types", "organization,program")
    got = [json.loads(line) for line in out.splitlines()]
    assert got == [r for r in everything if r["doc"] != "sub/dup-copy.txt" and r["type"] in ("organization", "program")]


# -- extract -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "content, extra, code, kind",
    [
        (b"", [], 2, "input"),
        (b"abc\xff\xfe\xfd" * 20, [], 3, "decode"),
        (REPORT_A.encode(), ["--max-bytes", "10"], 4, "size"),
    ],
)
def test_extract_single_file_failure_has_its_errors_code(tmp_path: Path, capsys, content: bytes, extra: list[str], code: int, kind: str) -> None:
    path = tmp_path / "r.txt"
    path.write_bytes(content)
    got, out, err = cli(capsys, "extract", str(path), *extra)
    assert got == code
    assert one_error_line(err).startswith(f"wfltext: error: {path}:")
    assert out == ""


def test_extract_bad_docx_is_a_format_error(tmp_path: Path, capsys) -> None:
    path = tmp_path / "r.docx"
    path.write_bytes(b"not a zip")
    got, _, err = cli(capsys, "extract", str(path))
    assert got == 5 and "not a valid .docx" in one_error_line(err)


def test_extract_several_files_goes_on_after_a_failure(corpus: Path, tmp_path: Path, capsys) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    got, out, err = cli(capsys, "extract", str(corpus / "a.txt"), str(tmp_path / "empty.txt"), str(tmp_path / "nope.txt"))
    assert got == EXIT_SOME_FAILED
    assert err.strip().splitlines() == [
        f"wfltext: skipped [input] {tmp_path / 'empty.txt'}: is empty (no text at all)",
        f"wfltext: skipped [input] {tmp_path / 'nope.txt'}: no such file",
    ]
    assert {json.loads(line)["doc"] for line in out.splitlines()} <= {str(corpus / "a.txt")}


def test_extract_folder_csv(corpus: Path, tmp_path: Path, capsys) -> None:
    path = tmp_path / "r.csv"
    got, _, _ = cli(capsys, "extract", str(corpus), "--format", "csv", "-o", str(path))
    assert got == 0
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(read_csv(f))
    code, out, _ = cli(capsys, "extract", str(corpus))
    assert rows == [json.loads(line) for line in out.splitlines()]
    assert {r["doc"] for r in rows} <= {str(corpus / "a.txt"), str(corpus / "sub" / "b.txt"), str(corpus / "sub" / "c.docx")}


# -- help ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["run", "export", "extract"])
def test_help_shows_examples(command: str) -> None:
    proc = subprocess.run([sys.executable, "-m", "wfltext", command, "--help"], capture_output=True, text=True)
    assert proc.returncode == 0
    assert "examples:" in proc.stdout and f"wfltext {command} " in proc.stdout
    if command != "export":
        assert "exit codes:" in proc.stdout and "10 " in proc.stdout
