"""The store under faults: a full disk (a small tmpfs where the machine allows mounting one, and
always a fault-injecting hook), a file that takes too long, readers during a run, damaged
stores. For every fault, the records afterwards equal those of a clean run, compared through
``wfltext export``. The table of cases and outcomes is in docs/errors.md ("Faults").
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from wfltext.cli import main
from wfltext.store import FULL_HOOK

from .conftest import needs_shared

pytestmark = needs_shared

#: small real reports: 8 files, about 100 000 characters, 1 952 records
FOLDER = "hailaer-county-gov"
#: document columns that differ between two runs of the same corpus
VOLATILE = {"read_seconds", "analyze_seconds", "processed_at", "run"}


def cli(*args: str, capsys: pytest.CaptureFixture[str] | None = None) -> tuple[int, str, str]:
    code = main(list(args))
    if capsys is None:
        return code, "", ""
    out = capsys.readouterr()
    return code, out.out, out.err


def exported(db: Path, tmp: Path) -> tuple[list[str], list[str]]:
    """Records and documents of a store as sorted JSON lines, through ``wfltext export``."""
    rec, docs = tmp / f"{db.name}.records.jsonl", tmp / f"{db.name}.documents.jsonl"
    assert main(["export", "--db", str(db), "-o", str(rec)]) == 0
    assert main(["export", "--db", str(db), "--what", "documents", "-o", str(docs)]) == 0
    records = sorted(rec.read_text(encoding="utf-8").splitlines())
    documents = sorted(
        json.dumps({k: v for k, v in json.loads(line).items() if k not in VOLATILE}, sort_keys=True, ensure_ascii=False)
        for line in docs.read_text(encoding="utf-8").splitlines()
    )
    rec.unlink()
    docs.unlink()
    return records, documents


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory, shared: Path) -> Path:
    root = tmp_path_factory.mktemp("faults") / "corpus"
    shutil.copytree(shared / "realcorpus" / FOLDER, root / FOLDER)
    return root


@pytest.fixture(scope="module")
def clean(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[list[str], list[str]]:
    """The exports of an uninterrupted run."""
    tmp = tmp_path_factory.mktemp("clean")
    db = tmp / "clean.sqlite"
    assert main(["run", str(corpus), "--db", str(db), "--workers", "1", "--no-progress"]) == 0
    out = exported(db, tmp)
    assert len(out[0]) > 1000 and len(out[1]) == 8
    return out


def pages_of(db: Path) -> int:
    con = sqlite3.connect(db)
    try:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return int(con.execute("PRAGMA page_count").fetchone()[0])
    finally:
        con.close()


# -- a full disk ---------------------------------------------------------------------------------


def test_full_store_stops_the_run_with_one_line_and_resumes(
    corpus: Path, clean, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """SQLite itself refuses to grow the store past a page cap (the fault hook): exit 2, one
    line; without the cap the same command resumes to exactly the clean run's records."""
    db = tmp_path / "s.sqlite"
    monkeypatch.setenv(FULL_HOOK, "80")  # the clean store has about 155 pages
    code, out, err = cli("run", str(corpus), "--db", str(db), "--workers", "1", "--no-progress", capsys=capsys)
    assert code == 2
    assert err.count("\n") == 1 and err.startswith(f"wfltext: error: {db}: the disk is full")
    assert "run the same command again" in err and "Traceback" not in err
    con = sqlite3.connect(db)
    stored = con.execute("SELECT count(*) FROM documents").fetchone()[0]
    con.close()
    assert 0 < stored < 8  # stopped half-way, each stored file whole
    monkeypatch.delenv(FULL_HOOK)
    code, out, err = cli("run", str(corpus), "--db", str(db), "--workers", "2", "--no-progress", capsys=capsys)
    assert code == 0
    assert f"{stored} unchanged" in out
    assert exported(db, tmp_path) == clean


def test_full_store_before_the_first_file(corpus: Path, clean, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    db = tmp_path / "s.sqlite"
    monkeypatch.setenv(FULL_HOOK, "5")  # not even the first file's records fit
    code, _, err = cli("run", str(corpus), "--db", str(db), "--workers", "1", "--no-progress", capsys=capsys)
    assert code == 2 and err.count("\n") == 1 and "the disk is full" in err
    monkeypatch.delenv(FULL_HOOK)
    assert cli("run", str(corpus), "--db", str(db), "--workers", "1", "--no-progress", capsys=capsys)[0] == 0
    assert exported(db, tmp_path) == clean


@pytest.fixture()
def tmpfs(tmp_path: Path):
    """A 400 KiB tmpfs (root only; skipped where mounting is not allowed)."""
    mnt = tmp_path / "mnt"
    mnt.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a tmpfs needs root")
    proc = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=400k", "tmpfs", str(mnt)], capture_output=True)
    if proc.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {proc.stderr.decode(errors='replace').strip()}")
    try:
        yield mnt
    finally:
        subprocess.run(["umount", "-l", str(mnt)], capture_output=True)


def grow(mnt: Path) -> None:
    subprocess.run(["mount", "-o", "remount,size=64m", str(mnt)], check=True, capture_output=True)


def test_store_on_a_full_file_system(corpus: Path, clean, tmp_path: Path, tmpfs: Path, capsys) -> None:
    """A real ENOSPC: the store on a 400 KiB tmpfs (the clean store takes about 600 KiB)."""
    db = tmpfs / "s.sqlite"
    code, _, err = cli("run", str(corpus), "--db", str(db), "--workers", "2", "--no-progress", capsys=capsys)
    assert code == 2
    assert err.count("\n") == 1 and err.startswith(f"wfltext: error: {db}: the disk is full") and "Traceback" not in err
    grow(tmpfs)  # space returns
    code, out, _ = cli("run", str(corpus), "--db", str(db), "--workers", "2", "--no-progress", capsys=capsys)
    assert code == 0
    assert exported(db, tmp_path) == clean


@pytest.fixture(scope="module")
def store(corpus: Path, tmp_path_factory: pytest.TempPathFactory, clean) -> Path:
    db = tmp_path_factory.mktemp("store") / "s.sqlite"
    assert main(["run", str(corpus), "--db", str(db), "--workers", "1", "--no-progress"]) == 0
    return db


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_export_on_a_full_disk_leaves_no_half_file(store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys, fmt: str) -> None:
    """ENOSPC after 50 000 bytes (the fault hook): exit 2, one line, nothing under the final
    name (or the earlier export there intact), no temporary file left."""
    out = tmp_path / ("out" if fmt == "parquet" else f"out.{fmt}")
    monkeypatch.setenv("WFLTEXT_TEST_WRITE_LIMIT", "50000")
    code, _, err = cli("export", "--db", str(store), "--format", fmt, "-o", str(out), capsys=capsys)
    assert code == 2 and err.count("\n") == 1 and "No space left on device" in err and "Traceback" not in err
    leftovers = sorted(p.name for p in tmp_path.rglob("*") if p.is_file())
    assert leftovers == []
    monkeypatch.delenv("WFLTEXT_TEST_WRITE_LIMIT")
    assert cli("export", "--db", str(store), "--format", fmt, "-o", str(out), capsys=capsys)[0] == 0
    before = {p: p.read_bytes() for p in sorted(tmp_path.rglob("*")) if p.is_file()}
    monkeypatch.setenv("WFLTEXT_TEST_WRITE_LIMIT", "50000")
    assert cli("export", "--db", str(store), "--format", fmt, "-o", str(out), capsys=capsys)[0] == 2
    after = {p: p.read_bytes() for p in sorted(tmp_path.rglob("*")) if p.is_file()}
    assert after == before  # the earlier export is untouched, no temporary file is left


def test_export_to_a_full_file_system(store: Path, clean, tmpfs: Path, tmp_path: Path, capsys) -> None:
    """A real ENOSPC: the 730 KB JSONL export does not fit on a 400 KiB tmpfs."""
    out = tmpfs / "records.jsonl"
    code, _, err = cli("export", "--db", str(store), "-o", str(out), capsys=capsys)
    assert code == 2 and err.count("\n") == 1 and "No space left on device" in err
    assert list(tmpfs.iterdir()) == []
    grow(tmpfs)
    assert cli("export", "--db", str(store), "-o", str(out), capsys=capsys)[0] == 0
    assert sorted(out.read_text(encoding="utf-8").splitlines()) == clean[0]


# -- a file that takes too long ------------------------------------------------------------------

SLOW = f"{FOLDER}/002.txt"


@pytest.mark.parametrize(
    "workers, mode, limit",
    [
        # the limits leave room for a loaded machine: a fresh worker's first file loads the
        # lexicons, and no good file may reach the limit
        (2, "", 15),  # the alarm interrupts the analysis; the worker is replaced
        (2, ":hang", 15),  # the alarm cannot (signal blocked, as in native code): the watchdog ends the worker
        (1, "", 10),  # in the command's own process
    ],
)
def test_a_slow_file_times_out_and_the_run_goes_on(
    corpus: Path, clean, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys, workers: int, mode: str, limit: int
) -> None:
    db = tmp_path / "s.sqlite"
    monkeypatch.setenv("WFLTEXT_TEST_SLOW", SLOW + mode)
    args = ["run", str(corpus), "--db", str(db), "--no-progress", "--file-timeout", str(limit), "--workers", str(workers)]
    code, out, err = cli(*args, capsys=capsys)
    assert code == 10, err
    assert f"wfltext: failed [timeout] {SLOW}: took longer than {limit} s" in err
    assert "8 analyzed" in out and "1 failed" in out
    con = sqlite3.connect(db)
    assert con.execute("SELECT error_code FROM documents WHERE path = ?", (SLOW,)).fetchone() == ("timeout",)
    con.close()
    records, documents = exported(db, tmp_path)
    assert records == [r for r in clean[0] if json.loads(r)["doc"] != SLOW]  # every other file whole
    # the file is failed like any other: skipped while unchanged, tried again on request
    monkeypatch.delenv("WFLTEXT_TEST_SLOW")
    assert cli("run", str(corpus), "--db", str(db), "--no-progress", "--workers", "1", capsys=capsys)[0] == 10
    assert cli("run", str(corpus), "--db", str(db), "--no-progress", "--workers", "1", "--retry-failed", capsys=capsys)[0] == 0
    assert exported(db, tmp_path) == clean


def test_run_options_of_limits(corpus: Path, tmp_path: Path, capsys) -> None:
    db = tmp_path / "s.sqlite"
    code, _, err = cli("run", str(corpus), "--db", str(db), "--file-timeout", "-1", capsys=capsys)
    assert code == 2 and "--file-timeout" in err
    code, out, err = cli("run", str(corpus), "--db", str(db), "--workers", "1", "--no-progress", "--max-line-chars", "100", capsys=capsys)
    assert code == 10 and "[size]" in err and "--max-line-chars" in err


# -- readers during a run ------------------------------------------------------------------------


def consistent(records, documents) -> None:
    """Every document with exactly its records: none half-written, none without its row."""
    counts = records.groupby("doc").size().to_dict() if len(records) else {}
    stored = {d: int(n) for d, n in zip(documents["id"], documents["records"])}
    assert set(counts) <= set(stored)
    assert all(counts.get(d, 0) == n for d, n in stored.items())


def test_a_reader_sees_one_snapshot_and_never_holds_the_run_up(corpus: Path, clean, tmp_path: Path, capsys) -> None:
    """A reader in the middle of its read (a snapshot held open) while a whole run writes: the
    run finishes at once (a blocked writer would wait 30 s, then fail), and the reader goes on
    seeing the store as it was when its read began."""
    from wfltext.store import Store

    db = tmp_path / "s.sqlite"
    shutil.copytree(corpus, tmp_path / "first")
    for extra in sorted((tmp_path / "first" / FOLDER).iterdir())[4:]:
        extra.unlink()
    assert cli("run", str(tmp_path / "first"), "--db", str(db), "--workers", "1", "--no-progress", capsys=capsys)[0] == 0
    with Store(db, create=False) as reader, reader.snapshot():
        records = reader.records()
        first = next(records)  # a reader half-way through its export
        code, out, _ = cli("run", str(corpus), "--db", str(db), "--workers", "1", "--no-progress", capsys=capsys)
        assert code == 0 and "4 analyzed" in out
        seen = [first, *records]
        docs = list(reader.documents())
    assert len(docs) == 4 and {r["doc"] for r in seen} == {d["id"] for d in docs}
    assert sum(d["records"] for d in docs) == len(seen)
    assert exported(db, tmp_path) == clean


def test_exports_and_load_during_a_run_are_consistent(corpus: Path, clean, tmp_path: Path) -> None:
    """A run in another process; exports, wfltext.load and the dashboard's reading in this one,
    again and again while it writes: each sees whole documents only."""
    import wfltext

    db = tmp_path / "s.sqlite"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    proc = subprocess.Popen(
        [sys.executable, "-m", "wfltext", "run", str(corpus), "--db", str(db), "--workers", "1", "--no-progress"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    reads = 0
    try:
        while proc.poll() is None or reads == 0:
            if not db.exists():
                continue
            try:
                records, documents = wfltext.load(db)
            except wfltext.InputError:
                continue  # the store is being created
            consistent(records, documents)
            pq = tmp_path / f"pq{reads % 2}"
            assert main(["export", "--db", str(db), "--format", "parquet", "-o", str(pq)]) == 0
            consistent(*wfltext.load(pq))
            reads += 1
    finally:
        out, err = proc.communicate(timeout=240)
    assert proc.returncode == 0, err
    assert reads >= 1
    assert exported(db, tmp_path) == clean


# -- damaged stores ------------------------------------------------------------------------------


def checkpointed_copy(store: Path, dest: Path) -> Path:
    con = sqlite3.connect(store)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    shutil.copyfile(store, dest)
    return dest


def corrupt_page(db: Path, which: float = 0.5) -> None:
    """Overwrite one page in the middle of the file with bytes that are no B-tree page."""
    size = db.stat().st_size
    page = 4096
    with open(db, "r+b") as f:
        f.seek(page * int(size // page * which))
        f.write(bytes(range(256)) * (page // 256))


def rebuild_and_compare(db: Path, corpus: Path, clean, tmp_path: Path, capsys) -> str:
    code, out, _ = cli("check", "--db", str(db), "--rebuild", str(corpus), "--workers", "1", capsys=capsys)
    assert code == 0, out
    assert "rebuilt: the old store is now" in out
    assert exported(db, tmp_path) == clean
    assert cli("check", "--db", str(db), capsys=capsys)[0] == 0
    return out


def test_check_an_intact_store(store: Path, tmp_path: Path, capsys) -> None:
    db = checkpointed_copy(store, tmp_path / "s.sqlite")
    code, out, _ = cli("check", "--db", str(db), capsys=capsys)
    assert code == 0
    assert "intact: 8 files, 8 documents" in out and "verdict: intact" in out


def test_a_corrupted_page_is_found_and_rebuilt(store: Path, corpus: Path, clean, tmp_path: Path, capsys) -> None:
    db = checkpointed_copy(store, tmp_path / "s.sqlite")
    pristine = db.read_bytes()
    # a page of the records: where the tables' pages lie depends on what the records hold, so
    # a few places in the file are tried until one page that matters is hit
    for which in (0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8, 0.35, 0.45, 0.55, 0.65):
        db.write_bytes(pristine)
        corrupt_page(db, which)
        code, out, _ = cli("check", "--db", str(db), capsys=capsys)
        # readers refuse it with one line instead of a traceback
        ecode, _, err = cli("export", "--db", str(db), "-o", str(tmp_path / "x.jsonl"), capsys=capsys)
        if code == 2 and ecode == 2:
            break
    assert code == 2 and "verdict: damaged" in out and "integrity check: " in out
    intact = int(out.split("intact: ")[1].split(" files")[0])
    assert 0 < intact < 8  # the files on other pages are intact, and said so
    assert ecode == 2 and err.count("\n") == 1 and "wfltext check --db" in err
    out = rebuild_and_compare(db, corpus, clean, tmp_path, capsys)
    assert f"{intact} intact files copied" in out and f"{8 - intact} analyzed" in out
    assert len(list(tmp_path.glob("s.sqlite.damaged-*"))) >= 1  # kept, never deleted


def test_a_truncated_store_is_found_and_rebuilt(store: Path, corpus: Path, clean, tmp_path: Path, capsys) -> None:
    db = checkpointed_copy(store, tmp_path / "s.sqlite")
    with open(db, "r+b") as f:
        f.truncate(db.stat().st_size // 2)
    assert cli("run", str(corpus), "--db", str(db), "--workers", "1", "--no-progress", capsys=capsys)[0] == 2
    code, out, _ = cli("check", "--db", str(db), capsys=capsys)
    assert code == 2 and "verdict: damaged" in out
    rebuild_and_compare(db, corpus, clean, tmp_path, capsys)


def test_a_store_from_a_newer_wfltext(store: Path, corpus: Path, clean, tmp_path: Path, capsys) -> None:
    db = checkpointed_copy(store, tmp_path / "s.sqlite")
    con = sqlite3.connect(db)
    con.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    con.commit()
    con.close()
    code, _, err = cli("run", str(corpus), "--db", str(db), "--workers", "1", "--no-progress", capsys=capsys)
    assert code == 2 and "newer wfltext" in err
    code, out, _ = cli("check", "--db", str(db), capsys=capsys)
    assert code == 2 and "written by a newer wfltext (schema 99)" in out
    out = rebuild_and_compare(db, corpus, clean, tmp_path, capsys)
    assert "0 intact files copied" in out  # a newer layout is not read, only moved aside


def test_a_lost_write_ahead_log(corpus: Path, clean, tmp_path: Path, capsys) -> None:
    """A run killed after 2 commits, then its -wal (and -shm) lost: the store is what the last
    checkpoint held (here: an earlier run over half the corpus), consistent; check says so,
    and a run redoes what the log held."""
    db = tmp_path / "s.sqlite"
    half = tmp_path / "half"
    shutil.copytree(corpus, half)
    for extra in sorted((half / FOLDER).iterdir())[4:]:
        extra.unlink()
    assert cli("run", str(half), "--db", str(db), "--workers", "1", "--no-progress", capsys=capsys)[0] == 0  # checkpointed on close
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1]), "WFLTEXT_TEST_KILL_AFTER": "2"}
    proc = subprocess.run(
        [sys.executable, "-m", "wfltext", "run", str(corpus), "--db", str(db), "--workers", "1", "--no-progress"],
        env=env, capture_output=True, text=True, timeout=240,
    )
    assert proc.returncode == -9
    wal = Path(f"{db}-wal")
    assert wal.exists() and wal.stat().st_size > 0
    wal.unlink()
    Path(f"{db}-shm").unlink(missing_ok=True)
    code, out, _ = cli("check", "--db", str(db), capsys=capsys)
    assert code == 0 and "intact: 4 files, 4 documents" in out and "verdict: intact" in out
    code, out, _ = cli("run", str(corpus), "--db", str(db), "--workers", "1", "--no-progress", capsys=capsys)
    assert code == 0 and "4 analyzed, 4 unchanged" in out
    assert exported(db, tmp_path) == clean


def test_a_lost_write_ahead_log_of_a_new_store(corpus: Path, clean, tmp_path: Path, capsys) -> None:
    """Killed before any checkpoint, then the -wal lost: an empty SQLite file, which check
    says and a run fills."""
    db = tmp_path / "s.sqlite"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1]), "WFLTEXT_TEST_KILL_AFTER": "3"}
    proc = subprocess.run(
        [sys.executable, "-m", "wfltext", "run", str(corpus), "--db", str(db), "--workers", "1", "--no-progress"],
        env=env, capture_output=True, text=True, timeout=240,
    )
    assert proc.returncode == -9
    Path(f"{db}-wal").unlink()
    Path(f"{db}-shm").unlink(missing_ok=True)
    code, out, _ = cli("check", "--db", str(db), capsys=capsys)
    assert code == 0 and "an empty SQLite file" in out
    assert cli("run", str(corpus), "--db", str(db), "--workers", "1", "--no-progress", capsys=capsys)[0] == 0
    assert exported(db, tmp_path) == clean


def test_check_what_is_not_a_store(tmp_path: Path, capsys) -> None:
    (tmp_path / "x.sqlite").write_bytes(b"not a database at all" * 100)
    code, out, _ = cli("check", "--db", str(tmp_path / "x.sqlite"), capsys=capsys)
    assert code == 2 and "not an SQLite file" in out
    assert cli("check", "--db", str(tmp_path / "none.sqlite"), capsys=capsys)[0] == 2
