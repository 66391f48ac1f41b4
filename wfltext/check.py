"""Checking a corpus store and rebuilding a damaged one.

``check(db)`` says what is intact: the SQLite file and its write-ahead log, the schema version,
SQLite's own integrity check, and for every file whether its documents and all their records
can be read back. ``rebuild(db, corpus)`` moves a damaged store aside (never deletes it), makes a
new one with every intact file copied over, and runs the corpus folder into it: the files that
were lost or damaged are analyzed again, the intact ones are skipped as unchanged.
"""

from __future__ import annotations

import os
import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import InputError
from .store import DOCUMENT_COLUMNS, RECORD_COLUMNS, SCHEMA_VERSION, Store

_MAGIC = b"SQLite format 3\x00"


@dataclass
class Report:
    """What :func:`check` found."""

    path: str
    exists: bool = False
    sqlite: bool = False
    schema: int | None = None
    wal_bytes: int | None = None
    integrity: list[str] = field(default_factory=list)
    #: files (paths) whose documents and records all read back, with their document count
    intact_files: dict[str, int] = field(default_factory=dict)
    intact_documents: int = 0
    intact_records: int = 0
    #: files with a document or record that cannot be read, or records that do not match
    damaged_files: list[str] = field(default_factory=list)
    #: rows that could not be read at all (their file is unknown)
    unreadable_rows: int = 0
    last_run: str | None = None
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def lines(self) -> list[str]:
        out = [f"store: {self.path}"]
        if not self.exists:
            return out + ["  missing"]
        if not self.sqlite:
            return out + [f"  {p}" for p in self.problems]
        out.append(f"  schema version: {self.schema} (this wfltext reads up to {SCHEMA_VERSION})")
        out.append("  write-ahead log: " + ("none (everything is in the main file)" if self.wal_bytes is None else f"{self.wal_bytes} bytes"))
        problems = f"{len(self.integrity)} problems, first: {self.integrity[0] if self.integrity else '?'}"
        out.append("  SQLite integrity check: " + ("ok" if self.integrity == ["ok"] else problems))
        out.append(f"  intact: {len(self.intact_files)} files, {self.intact_documents} documents, {self.intact_records} records")
        if self.damaged_files or self.unreadable_rows:
            out.append(f"  damaged: {len(self.damaged_files)} files" + (f", {self.unreadable_rows} unreadable rows" if self.unreadable_rows else ""))
            out.extend(f"    {p}" for p in self.damaged_files[:10])
        if self.last_run:
            out.append(f"  last run: {self.last_run}")
        out.extend(f"  note: {n}" for n in self.notes)
        out.extend(f"  problem: {p}" for p in self.problems)
        out.append("  verdict: " + ("intact" if self.ok else "damaged: rebuild it with 'wfltext check --db STORE --rebuild CORPUS_DIR'"))
        return out


def _connect(path: str) -> sqlite3.Connection:
    # read only: checking never writes (a lost -wal is not recreated, nothing is recovered)
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)
    con.execute("PRAGMA query_only = 1")
    return con


def check(db: str | os.PathLike) -> Report:
    path = os.fspath(db)
    rep = Report(path)
    rep.exists = os.path.isfile(path)
    if not rep.exists:
        rep.problems.append("no such file")
        return rep
    with open(path, "rb") as f:
        head = f.read(100)
    if not head.startswith(_MAGIC):
        rep.problems.append("not an SQLite file (its first bytes are not an SQLite header): nothing can be read from it")
        return rep
    rep.sqlite = True
    if os.path.exists(path + "-wal"):
        rep.wal_bytes = os.path.getsize(path + "-wal")
    try:
        con = _connect(path)
    except sqlite3.Error as err:
        rep.problems.append(f"cannot be opened: {err}")
        return rep
    try:
        try:
            rep.integrity = [r[0] for r in con.execute("PRAGMA integrity_check(20)")]
        except sqlite3.DatabaseError as err:
            rep.integrity = [str(err)]
        if rep.integrity != ["ok"]:
            rep.problems.append("SQLite's integrity check failed: " + "; ".join(rep.integrity[:3]))
        try:
            tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        except sqlite3.DatabaseError as err:
            rep.problems.append(f"its table list cannot be read ({err})")
            return rep
        if not tables:
            rep.notes.append("an empty SQLite file: nothing is stored (a new store, or its write-ahead log was lost before "
                             "anything reached the main file); wfltext run fills it")
            return rep
        try:
            row = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
            rep.schema = int(row[0]) if row else None
        except (sqlite3.DatabaseError, ValueError) as err:
            rep.problems.append(f"no readable schema version ({err})")
            return rep
        if rep.schema is None:
            rep.problems.append("no schema version: not a wfltext store")
            return rep
        if rep.schema > SCHEMA_VERSION:
            rep.problems.append(f"written by a newer wfltext (schema {rep.schema}): upgrade wfltext, or rebuild it with this one")
            return rep
        _files(con, rep)
        try:
            last = con.execute("SELECT id, status, started FROM runs ORDER BY id DESC LIMIT 1").fetchone()
            if last:
                rep.last_run = f"#{last[0]} {last[1]} (started {last[2]})" + (" — it was killed; run it again to finish" if last[1] == "running" else "")
        except sqlite3.DatabaseError:
            rep.problems.append("the runs table cannot be read")
    finally:
        con.close()
    return rep


def _files(con: sqlite3.Connection, rep: Report) -> None:
    """Which files read back whole: each document row, then its records by the primary key."""
    try:
        top = con.execute("SELECT max(rowid) FROM documents").fetchone()[0] or 0
    except sqlite3.DatabaseError as err:
        rep.problems.append(f"the documents table cannot be read ({err})")
        return
    docs: dict[str, list[tuple[str, int]]] = {}
    damaged: set[str] = set()
    for rowid in range(1, top + 1):
        try:
            row = con.execute("SELECT id, path, records FROM documents WHERE rowid = ?", (rowid,)).fetchone()
        except sqlite3.DatabaseError:
            rep.unreadable_rows += 1
            continue
        if row is not None:
            docs.setdefault(row[1], []).append((row[0], int(row[2] or 0)))
    for path, items in docs.items():
        n = 0
        try:
            for doc_id, expected in items:
                got = con.execute("SELECT count(*) FROM records WHERE doc = ?", (doc_id,)).fetchone()[0]
                # read every record row, not just the index: a damaged table page shows here
                rows = con.execute("SELECT * FROM records WHERE doc = ?", (doc_id,)).fetchall()
                if got != expected or len(rows) != expected:
                    raise ValueError("records missing")
                n += expected
        except (sqlite3.DatabaseError, ValueError):
            damaged.add(path)
            continue
        rep.intact_files[path] = len(items)
        rep.intact_documents += len(items)
        rep.intact_records += n
    rep.damaged_files = sorted(damaged)
    if damaged or rep.unreadable_rows:
        rep.problems.append(f"{len(damaged)} files and {rep.unreadable_rows} document rows cannot be read back whole")


def rebuild(db: str | os.PathLike, corpus: str | os.PathLike, *, workers: int | None = None, progress: bool = False) -> tuple[str, int, Any]:
    """Move the store aside, copy its intact files into a new one, and run ``corpus`` into it.
    Returns (where the old store went, files copied, the run's summary)."""
    from .batch import run

    path = os.fspath(db)
    if not Path(corpus).is_dir():
        raise InputError("no such corpus folder: give the folder the store was made from", source=os.fspath(corpus))
    rep = check(path)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    aside = f"{path}.damaged-{stamp}"
    salvage = rep.intact_files if rep.sqlite and rep.schema is not None and rep.schema <= SCHEMA_VERSION else {}
    tmp = f"{path}.rebuild-{os.getpid()}"
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(tmp + suffix):
            os.unlink(tmp + suffix)
    copied = 0
    if salvage:
        copied = _copy_files(path, tmp, salvage)
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.replace(path + suffix, aside + suffix)
    if os.path.exists(tmp):
        os.replace(tmp, path)
    summary = run(corpus, path, workers=workers, progress=progress)
    return aside, copied, summary


def _copy_files(src: str, dest: str, files: dict[str, int]) -> int:
    con = _connect(src)
    copied = 0
    try:
        with Store(dest) as out:
            db = out.db
            doc_cols = ", ".join(DOCUMENT_COLUMNS)
            n = len(RECORD_COLUMNS) + 2
            for path in files:
                try:
                    docs = con.execute(f"SELECT {doc_cols} FROM documents WHERE path = ?", (path,)).fetchall()
                    recs = [r for d in docs for r in con.execute("SELECT * FROM records WHERE doc = ? ORDER BY seq", (d[0],))]
                except sqlite3.DatabaseError:
                    continue
                db.execute("BEGIN IMMEDIATE")
                db.executemany(f"INSERT INTO documents ({doc_cols}) VALUES ({', '.join('?' * len(DOCUMENT_COLUMNS))})", docs)
                db.executemany(f"INSERT INTO records VALUES ({', '.join('?' * n)})", recs)
                out.summarize({d[0] for d in docs} | {r[0] for r in recs})
                db.execute("COMMIT")
                copied += 1
    finally:
        con.close()
    return copied


__all__ = ["check", "rebuild", "Report"]
