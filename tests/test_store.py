"""The corpus store: exact record round trips, atomic replacement, refusing what it cannot read."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from wfltext.errors import InputError
from wfltext.records import DocumentRecord, NumberRecord, OrganizationRecord, ProgramRecord, SloganRecord
from wfltext.store import RECORD_COLUMNS, SCHEMA_VERSION, DocumentRow, FileResult, Store, load, record_row, row_record

ROW_COLUMNS = ("doc", "seq", *RECORD_COLUMNS[1:], "extra")

RECORDS = [
    NumberRecord("a.txt", "11.3万元", 10, 16, "11.3万元", ("一、工作", "(一)就业"), False, "万-scaled decimal",
                 value=113000.0, unit="元", kind="money", approx=False),
    NumberRecord("a.txt", "200名", 20, 24, "200名", (), False, "count", value=200, unit="名", kind="count",
                 object="科技女状元"),
    NumberRecord("a.txt", "10至15万人", 30, 37, "10至15万人", (), True, "range", unit="人", kind="count",
                 range=(100000, 150000)),
    NumberRecord("a.txt", "2021—2025年", 40, 50, "2021-2025年", (), False, "year span", kind="date", date="2021/2025"),
    NumberRecord("a.txt", "201*年", 50, 55, "201*年", (), True, "masked year", kind="date", masked=True),
    ProgramRecord("a.txt", "“春蕾计划”", 60, 66, "春蕾计划", (), False, "quoted name", edition=5, level="省"),
    OrganizationRecord("a.txt", "县综治办", 70, 74, "县综治办", (), False, "abbreviation",
                       canonical="县社会治安综合治理办公室", level="县"),
    SloganRecord("a.txt", "“坚强阵地”、“温暖之家”", 80, 92, "坚强阵地、温暖之家", (), False, "quoted series",
                 items=("坚强阵地", "温暖之家"), frame="为着力点"),
    DocumentRecord("a.txt", "《中国妇女发展纲要》", 100, 110, "中国妇女发展纲要", (), False, "title", doc_type="纲要"),
]


def result_for(path: str, records: list, *, parts: int = 1, status: str = "done") -> FileResult:
    ids = [path] if parts == 1 else [f"{path}#{i}" for i in range(1, parts + 1)]
    docs = [DocumentRow(id=i, path=path, part=0 if parts == 1 else n, hash="h", chars=100, status=status, records=len(records))
            for n, i in enumerate(ids, 1)]
    rows = [record_row({**r.to_dict(), "doc": ids[0]}, seq) for seq, r in enumerate(records)]
    return FileResult(path, docs, rows)


@pytest.mark.parametrize("record", RECORDS, ids=lambda r: f"{r.type}-{r.rule}")
def test_every_record_type_round_trips_exactly(record) -> None:
    d = record.to_dict()
    back = row_record(record_row(d, 7), ROW_COLUMNS)
    assert back == d
    assert type(back.get("value")) is type(d.get("value"))


def test_unknown_fields_travel_in_extra() -> None:
    d = {**RECORDS[1].to_dict(), "confidence": 0.9, "spans": [[1, 2]]}
    row = record_row(d, 0)
    assert row[-1] is not None
    back = row_record(row, ROW_COLUMNS)
    assert back["confidence"] == 0.9 and back["spans"] == [[1, 2]]


def test_store_keeps_int_and_float_values_apart(tmp_path: Path) -> None:
    with Store(tmp_path / "s.sqlite") as store:
        store.write_file(result_for("a.txt", RECORDS))
        values = [r.get("value") for r in store.records()]
    assert values[:2] == [113000.0, 200]
    assert isinstance(values[0], float) and isinstance(values[1], int)


def test_records_are_stored_by_type_with_only_their_columns_and_read_back_whole(tmp_path: Path) -> None:
    """Each type's rows are inserted with the columns that type has; what is read back, in
    (doc, seq) order, is every record as written — the contract's records of every type, a
    report's real records, and a row of a type the store does not know (all columns)."""
    import wfltext

    from .conftest import CORPUS, read_original

    sample = CORPUS / "reports" / "000_6e53a69d3eb90f18.txt"
    real = [r.to_dict() for r in wfltext.analyze(read_original(sample), "r.txt").records]
    assert {d["type"] for d in real} == {"number", "program", "organization", "slogan", "document"}
    mixed = [{**r.to_dict(), "doc": "m.txt"} for r in RECORDS] + [
        {"doc": "m.txt", "type": "award", "text": "一等奖", "start": 1, "end": 4, "norm": "一等奖", "section": [],
         "noisy": False, "value": 1, "level": "省", "rule": "x"}]
    with Store(tmp_path / "s.sqlite") as store:
        for path, dicts in (("r.txt", real), ("m.txt", mixed)):
            rows = [record_row(d, seq) for seq, d in enumerate(dicts)]
            store.write_file(FileResult(path, [DocumentRow(id=path, path=path, status="done", records=len(rows))], rows))
        for path, dicts in (("r.txt", real), ("m.txt", mixed)):
            back = [row_record(tuple(row), ROW_COLUMNS) for row in
                    store.db.execute("SELECT * FROM records WHERE doc = ? ORDER BY seq", (path,))]
            assert back == [row_record(record_row(d, seq), ROW_COLUMNS) for seq, d in enumerate(dicts)]


def test_rewriting_a_file_replaces_all_its_documents_and_records(tmp_path: Path) -> None:
    with Store(tmp_path / "s.sqlite") as store:
        store.write_file(result_for("m.txt", RECORDS, parts=2))
        store.write_file(result_for("other.txt", RECORDS[:2]))
        assert store.count("SELECT count(*) FROM documents WHERE path = 'm.txt'") == 2
        store.write_file(result_for("m.txt", RECORDS[:1]))
        assert [d["id"] for d in store.documents()] == ["m.txt", "other.txt"]
        assert [r["doc"] for r in store.records()] == ["m.txt", "other.txt", "other.txt"]


def test_a_failed_write_leaves_the_old_content(tmp_path: Path) -> None:
    with Store(tmp_path / "s.sqlite") as store:
        store.write_file(result_for("a.txt", RECORDS))

        def explode() -> None:
            raise RuntimeError("killed mid-transaction")

        with pytest.raises(RuntimeError):
            store.write_file(result_for("a.txt", RECORDS[:1]), before_commit=explode)
        assert len(list(store.records())) == len(RECORDS)
        assert not store.db.in_transaction


def test_unchanged_result_only_refreshes_size_and_mtime(tmp_path: Path) -> None:
    with Store(tmp_path / "s.sqlite") as store:
        store.write_file(result_for("a.txt", RECORDS))
        store.write_file(FileResult("a.txt", unchanged=True, size=5, mtime_ns=42))
        state = store.state("a.txt")
        assert (state.size, state.mtime_ns, state.hash) == (5, 42, "h")
        assert len(list(store.records())) == len(RECORDS)


def test_wal_mode_and_schema_version(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite"
    Store(path).close()
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0] == str(SCHEMA_VERSION)


def test_a_store_from_a_newer_wfltext_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite"
    Store(path).close()
    with sqlite3.connect(path) as db:
        db.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION + 1),))
    with pytest.raises(InputError, match="newer wfltext"):
        Store(path)


def test_files_that_are_not_stores_are_refused(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("just text, long enough to not be an empty database file" * 20)
    with pytest.raises(InputError, match="not a wfltext corpus store"):
        Store(tmp_path / "notes.txt")
    with sqlite3.connect(tmp_path / "other.sqlite") as db:
        db.execute("CREATE TABLE t (x)")
    with pytest.raises(InputError, match="not a wfltext corpus store"):
        Store(tmp_path / "other.sqlite")
    with pytest.raises(InputError, match="no such corpus store"):
        Store(tmp_path / "missing.sqlite", create=False)
    with pytest.raises(InputError, match="folder"):
        Store(tmp_path)


def test_a_reader_never_makes_the_store(tmp_path: Path) -> None:
    """An empty file (a run creating the store this moment) is refused by a reader, which writes
    nothing into it: a reader's own writes would race the run's, which then found it locked."""
    empty = tmp_path / "new.sqlite"
    empty.touch()
    with pytest.raises(InputError, match="no corpus store yet"):
        Store(empty, create=False)
    with sqlite3.connect(empty) as db:
        assert db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0
    with Store(empty) as store:  # a run makes it
        assert store.count("SELECT count(*) FROM documents") == 0
    with Store(empty, create=False) as store:
        assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_load_gives_dataframes_with_lists_and_nullable_ints(tmp_path: Path) -> None:
    with Store(tmp_path / "s.sqlite") as store:
        store.write_file(result_for("a.txt", RECORDS))
    records, documents = load(tmp_path / "s.sqlite")
    assert len(records) == len(RECORDS) and list(documents["id"]) == ["a.txt"]
    assert records.loc[0, "section"] == ["一、工作", "(一)就业"]
    assert records.loc[2, "range"] == [100000.0, 150000.0]
    assert records.loc[5, "edition"] == 5 and str(records["edition"].dtype) == "Int64"
    assert records.loc[7, "items"] == ["坚强阵地", "温暖之家"]


def test_a_new_store_gets_its_folder(tmp_path) -> None:
    """--db out/corpus.sqlite on a fresh clone: the folder is made, as users expect."""
    path = tmp_path / "out" / "deeper" / "corpus.sqlite"
    Store(path).close()
    assert path.is_file()
