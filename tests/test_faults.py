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
