"""The corpus store: one SQLite file that a corpus run fills and resumes, and ``load`` to read it.

Tables (``docs/batch.md`` has every column):

- ``documents``: one row per report (``path#1``, ``path#2``… for files holding several), or one
  row per file that failed, with its error code and message. Rows carry the file's content hash,
  size and mtime, the decoding, the report's metadata, timings, and the wfltext version, lexicon
  hash and data digest that produced them, so outdated rows can be redone.
- ``records``: every field of the record contract, one row per record, ``(doc, seq)`` its key.
  List fields (``section``, ``range``, ``items``) are JSON text; fields a later record type adds
  go to ``extra`` (JSON) until the schema names them.
- ``runs``: one row per ``wfltext run``; ``meta``: the schema version.

Each file is written in one transaction (all its documents and their records, the old ones
deleted first), in WAL mode: a run killed at any moment leaves every file either fully written or
not at all, and the next run redoes only what is missing.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from contextlib import contextmanager
from dataclasses import astuple, dataclass, field, fields
from functools import lru_cache
from operator import itemgetter
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, NamedTuple

from . import facts as facts_mod
from . import summary as summary_mod
from .errors import InputError, StorageError
from .records import RECORD_TYPES, columns, from_dict, kinds

SCHEMA_VERSION = 1
#: environment variable of the full-disk test hook: ``N`` caps the store at N pages
#: (``PRAGMA max_page_count``), so SQLite itself fails the write that would grow it further
#: with "database or disk is full", as on a full file system
FULL_HOOK = "WFLTEXT_TEST_MAX_PAGES"
_SQLITE_IOERR, _SQLITE_FULL, _SQLITE_READONLY = 10, 13, 8

#: record columns of the store (schema 1): the built-in record types' own fields, in the order of
#: the record contract (:func:`wfltext.records.columns`); link fields, and the fields of any other
#: registered type, go to ``extra``
RECORD_COLUMNS: tuple[str, ...] = columns(RECORD_TYPES, roles=("core", "value"))
_KINDS = kinds(RECORD_TYPES)
#: contract fields held as JSON text (the lists)
JSON_COLUMNS = frozenset(c for c in RECORD_COLUMNS if _KINDS[c] in ("strings", "numbers"))
BOOL_COLUMNS = frozenset(c for c in RECORD_COLUMNS if _KINDS[c] == "bool")
_SCALARS = (str, int, float, bool, type(None))


@dataclass(slots=True)
class DocumentRow:
    """One row of ``documents``: a report, or a file that failed."""

    id: str
    path: str
    part: int = 0
    hash: str | None = None
    size: int | None = None
    mtime_ns: int | None = None
    format: str | None = None
    encoding: str | None = None
    confidence: float | None = None
    chars: int | None = None
    title: str | None = None
    body: str | None = None
    place: str | None = None
    genre: str | None = None
    year: int | None = None
    #: "done" or "failed"
    status: str = "done"
    error_code: str | None = None
    error_message: str | None = None
    records: int = 0
    #: seconds spent reading and decoding the file (shared by its documents)
    read_seconds: float | None = None
    #: seconds spent analyzing this document
    analyze_seconds: float | None = None
    version: str | None = None
    lexicon_hash: str | None = None
    data_digest: str | None = None
    processed_at: str | None = None
    minhash: bytes | None = None
    duplicate_of: str | None = None
    run: int | None = None


DOCUMENT_COLUMNS: tuple[str, ...] = tuple(f.name for f in fields(DocumentRow))


@dataclass(slots=True)
class FileResult:
    """What a worker sends back for one file: its document rows and their record rows."""

    path: str
    documents: list[DocumentRow] = field(default_factory=list)
    #: record rows as :func:`record_row` makes them
    records: list[tuple] = field(default_factory=list)
    #: per document, its summary rows (:func:`wfltext.summary.document_summary`), when the worker made them
    summaries: dict[str, Any] = field(default_factory=dict)
    #: the content hash equals the stored one: nothing to write but the new mtime
    unchanged: bool = False
    size: int | None = None
    mtime_ns: int | None = None

    @property
    def failed(self) -> bool:
        return any(d.status == "failed" for d in self.documents)


class FileState(NamedTuple):
    """What the store knows of a file (from its first document row)."""

    hash: str | None
    size: int | None
    mtime_ns: int | None
    status: str
    version: str | None
    lexicon_hash: str | None
    data_digest: str | None


_DDL = f"""
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS documents (
    id TEXT PRIMARY KEY, path TEXT NOT NULL, part INTEGER NOT NULL DEFAULT 0, hash TEXT,
    size INTEGER, mtime_ns INTEGER, format TEXT, encoding TEXT, confidence REAL, chars INTEGER,
    title TEXT, body TEXT, place TEXT, genre TEXT, year INTEGER,
    status TEXT NOT NULL, error_code TEXT, error_message TEXT, records INTEGER NOT NULL DEFAULT 0,
    read_seconds REAL, analyze_seconds REAL, version TEXT, lexicon_hash TEXT, data_digest TEXT,
    processed_at TEXT, minhash BLOB, duplicate_of TEXT, run INTEGER
);
CREATE INDEX IF NOT EXISTS documents_path ON documents (path);
CREATE TABLE IF NOT EXISTS records (
    doc TEXT NOT NULL, seq INTEGER NOT NULL,
    {", ".join(f'"{c}"' for c in RECORD_COLUMNS[1:])},
    extra TEXT,
    PRIMARY KEY (doc, seq)
);
CREATE INDEX IF NOT EXISTS records_type_norm ON records (type, norm);
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY, started TEXT, finished TEXT, root TEXT, workers INTEGER, version TEXT,
    status TEXT, files INTEGER, processed INTEGER, skipped INTEGER, failed INTEGER,
    documents INTEGER, records INTEGER, chars INTEGER, seconds REAL
);
"""
# record value columns carry no declared type on purpose: SQLite then keeps each value as given
# (a NUMERIC column would turn the float 10000.0 into the integer 10000)


def storage_error(err: sqlite3.Error, path: str) -> StorageError | None:
    """The :class:`StorageError` a failed write means (disk full, I/O error, read-only), else None."""
    code = getattr(err, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    text = str(err)
    resume = "run the same command again to resume (nothing half-written was kept)"
    if primary == _SQLITE_FULL or "disk is full" in text:
        return StorageError(f"the disk is full ({text}): free space, then {resume}", source=path)
    if primary == _SQLITE_IOERR or "disk I/O error" in text:
        return StorageError(f"cannot be written ({text}: often a full disk or a failing device): fix it, then {resume}", source=path)
    if primary == _SQLITE_READONLY or "readonly database" in text:
        return StorageError(f"cannot be written ({text}): give a store in a writable folder", source=path)
    return None


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


_RECORD_COLUMN_SET = frozenset(RECORD_COLUMNS)


def _json_list(value: Any) -> str:
    """``json.dumps(list(value))``; a report's records share few section paths, so the text of
    each list of strings is made once (only strings: 1 and 1.0 are one key but two texts)."""
    items = tuple(value)
    if all(type(x) is str for x in items):
        return _json_of_tuple(items)
    return json.dumps(list(items), ensure_ascii=False)


@lru_cache(maxsize=4096)
def _json_of_tuple(value: tuple) -> str:
    return json.dumps(list(value), ensure_ascii=False)


#: the columns of a ``records`` row, as :func:`record_row` makes it
ROW_COLUMNS: tuple[str, ...] = ("doc", "seq", *RECORD_COLUMNS[1:], "extra")


def _insert_sql(names: Iterable[str]) -> str:
    quoted = [f'"{n}"' for n in names]
    return f"INSERT INTO records ({', '.join(quoted)}) VALUES ({', '.join('?' * len(quoted))})"


#: a row of every record type, all its columns
_INSERT_ALL = _insert_sql(ROW_COLUMNS)


@lru_cache(maxsize=None)
def _insert_of(type_: str) -> tuple[str, Callable[[tuple], tuple]] | None:
    """The insert of a built-in type's rows with the columns that type has (its own fields: the
    others are always NULL, and binding fewer values makes the insert about a quarter cheaper),
    and the getter of those values from a full row; None for any other type."""
    if type_ not in RECORD_TYPES:
        return None
    own = set(columns((type_,), roles=("core", "value"))) | {"doc", "seq", "extra"}
    keep = [i for i, name in enumerate(ROW_COLUMNS) if name in own]
    return _insert_sql(ROW_COLUMNS[i] for i in keep), itemgetter(*keep)


def insert_records(db: sqlite3.Connection, rows: Iterable[tuple]) -> None:
    """Insert record rows (as :func:`record_row` makes them), a statement per record type with
    that type's columns. A row's place in the table does not matter: records are read by
    ``(doc, seq)``, the primary key."""
    by_type: dict[Any, list[tuple]] = {}
    for row in rows:
        group = by_type.get(row[2])
        if group is None:
            group = by_type[row[2]] = []
        group.append(row)
    for type_, group in by_type.items():
        plan = _insert_of(type_) if isinstance(type_, str) else None
        if plan is None:
            db.executemany(_INSERT_ALL, group)
        else:
            db.executemany(plan[0], map(plan[1], group))


def record_row(record: dict[str, Any], seq: int) -> tuple:
    """A record's JSON object as a row of ``records`` (``doc, seq, …contract fields…, extra``).

    >>> row = record_row({"doc": "a", "type": "number", "text": "5人", "start": 0, "end": 2,
    ...                   "norm": "5人", "section": [], "noisy": False, "value": 5, "unit": "人"}, 0)
    >>> row[:4], row[-1]
    (('a', 0, 'number', '5人'), None)
    """
    out: list[Any] = [record["doc"], seq]
    extra = {k: v for k, v in record.items() if k not in _RECORD_COLUMN_SET}
    for col in RECORD_COLUMNS[1:]:
        value = record.get(col)
        if col in JSON_COLUMNS:
            value = None if value is None else _json_list(value)
        elif not isinstance(value, _SCALARS):
            extra[col] = value
            value = None
        out.append(value)
    out.append(json.dumps(extra, ensure_ascii=False) if extra else None)
    return tuple(out)


def row_record(row: sqlite3.Row | tuple, columns: Iterable[str] | None = None) -> dict[str, Any]:
    """A ``records`` row back to the record's JSON object, exactly as the record type writes it."""
    names = list(columns) if columns is not None else list(row.keys())  # type: ignore[union-attr]
    data: dict[str, Any] = {}
    extra: dict[str, Any] = {}
    for name, value in zip(names, row):
        if name == "seq" or value is None:
            continue
        if name == "extra":
            extra = json.loads(value)
        elif name in JSON_COLUMNS:
            data[name] = json.loads(value)
        elif name in BOOL_COLUMNS:
            data[name] = bool(value)
        else:
            data[name] = value
    data.update(extra)
    try:
        out = from_dict(data).to_dict()
    except (ValueError, TypeError):
        return data  # a record type this version does not know: the stored fields as they are
    for k, v in extra.items():
        out.setdefault(k, v)
    return out


class Store:
    """A corpus store (see the module docstring). Use as a context manager."""

    def __init__(self, path: str | os.PathLike, *, create: bool = True) -> None:
        self.path = os.fspath(path)
        exists = os.path.exists(self.path)
        if not exists and not create:
            raise InputError("no such corpus store; make one with 'wfltext run CORPUS_DIR --db …'", source=self.path)
        if exists and os.path.isdir(self.path):
            raise InputError("is a folder, not a corpus store (an SQLite file)", source=self.path)
        parent = os.path.dirname(self.path)
        if not exists and parent:
            try:
                # a new store in a new folder (--db out/corpus.sqlite) is what users expect
                os.makedirs(parent, exist_ok=True)
            except OSError as err:
                raise InputError(f"cannot create the folder of the corpus store ({err.strerror or err})", source=self.path) from err
        try:
            self.db = sqlite3.connect(self.path, isolation_level=None, timeout=30)
            self.db.row_factory = sqlite3.Row
            self._check_or_create(exists, create)
        except sqlite3.OperationalError as err:
            self._close_quietly()
            full = storage_error(err, self.path)
            if full is not None:
                raise full from err
            raise InputError(f"cannot open the corpus store ({err})", source=self.path) from err
        except sqlite3.DatabaseError as err:
            self._close_quietly()
            raise InputError(f"is not a wfltext corpus store ({err})", source=self.path) from err
        except BaseException:
            self._close_quietly()
            raise
        pages = os.environ.get(FULL_HOOK, "")
        if pages.isdigit():
            self.db.execute(f"PRAGMA max_page_count = {int(pages)}")

    def _close_quietly(self) -> None:
        db = getattr(self, "db", None)
        if db is not None:
            try:
                db.close()
            except sqlite3.Error:
                pass

    @contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection]:
        """One write transaction; a full disk or an I/O error becomes a :class:`StorageError`
        after the transaction is rolled back (nothing of it is kept)."""
        db = self.db
        try:
            db.execute("BEGIN IMMEDIATE")
            try:
                yield db
                db.execute("COMMIT")
            except BaseException:
                if db.in_transaction:
                    try:
                        db.execute("ROLLBACK")
                    except sqlite3.Error:
                        pass  # SQLite rolls back a transaction it could not write on its own
                raise
        except sqlite3.OperationalError as err:
            full = storage_error(err, self.path)
            if full is not None:
                raise full from err
            raise

    def _check_or_create(self, exists: bool, create: bool = True) -> None:
        tables = {r[0] for r in self.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if exists and tables and "meta" not in tables:
            raise InputError("is an SQLite file but not a wfltext corpus store (no meta table)", source=self.path)
        if not create and "meta" not in tables:
            # a reader never makes the tables: the file is empty, or a run is creating the store
            # this very moment (the reader's own writes would then race the run's)
            raise InputError("holds no corpus store yet (empty, or a run is creating it)", source=self.path)
        if create:
            # a reader leaves the journal mode alone: a store is in WAL mode from its creation,
            # and switching needs a lock that a run holding the store must not lose to a reader
            self.db.execute("PRAGMA journal_mode = WAL")
        # NORMAL in WAL mode: a committed transaction survives the process being killed; only a
        # power cut may lose the last few, never leaving a file half-written
        self.db.execute("PRAGMA synchronous = NORMAL")
        if "meta" in tables:
            row = self.db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
            version = int(row[0]) if row else 0
            if version > SCHEMA_VERSION:
                raise InputError(
                    f"was written by a newer wfltext (store schema {version}, this one reads up to {SCHEMA_VERSION}); upgrade wfltext",
                    source=self.path,
                )
            row = self.db.execute("SELECT value FROM meta WHERE key = ?", (summary_mod.META_KEY,)).fetchone()
            self.summarized = row is not None and row[0] == "1"
            return
        self.summarized = True
        with self._writing() as db:
            for statement in (_DDL + summary_mod.DDL).split(";"):
                if statement.strip():
                    db.execute(statement)
            db.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
            db.execute("INSERT OR IGNORE INTO meta VALUES ('created', ?)", (_now(),))
            # a new store keeps the summaries of its documents from the start
            db.execute("INSERT OR REPLACE INTO meta VALUES (?, '1')", (summary_mod.META_KEY,))

    # -- context -------------------------------------------------------------------------------
    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- files ---------------------------------------------------------------------------------
    def state(self, path: str) -> FileState | None:
        row = self.db.execute(
            "SELECT hash, size, mtime_ns, status, version, lexicon_hash, data_digest FROM documents WHERE path = ? ORDER BY part LIMIT 1",
            (path,),
        ).fetchone()
        return FileState(*row) if row else None

    def write_file(self, result: FileResult, run: int | None = None, before_commit: Callable[[], None] | None = None) -> None:
        """Replace everything stored for ``result.path`` by ``result``, in one transaction."""
        with self._writing() as db:
            if result.unchanged:
                db.execute("UPDATE documents SET size = ?, mtime_ns = ? WHERE path = ?", (result.size, result.mtime_ns, result.path))
            else:
                # the documents whose records change: their summaries are made again
                touched = {r[0] for r in db.execute("SELECT id FROM documents WHERE path = ?", (result.path,))} if self.summarized else set()
                db.execute("DELETE FROM records WHERE doc IN (SELECT id FROM documents WHERE path = ?)", (result.path,))
                db.execute("DELETE FROM documents WHERE path = ?", (result.path,))
                for d in result.documents:
                    d.run = run
                # a report id may have belonged to another file before (a renamed file's #1)
                ids = [(d.id,) for d in result.documents]
                db.executemany("DELETE FROM records WHERE doc = ?", ids)
                db.executemany("DELETE FROM documents WHERE id = ?", ids)
                db.executemany(
                    f"INSERT INTO documents ({', '.join(DOCUMENT_COLUMNS)}) VALUES ({', '.join('?' * len(DOCUMENT_COLUMNS))})",
                    [astuple(d) for d in result.documents],
                )
                insert_records(db, result.records)
                if self.summarized:
                    touched.update(d.id for d in result.documents)
                    touched.update(row[0] for row in result.records)
                    self.summarize(touched, result.summaries)
            if before_commit is not None:
                before_commit()

    # -- summaries -----------------------------------------------------------------------------
    def summarize(self, docs: Iterable[str], made: dict[str, Any] | None = None) -> None:
        """Make the summaries of ``docs`` (:mod:`wfltext.summary`) again from their records, inside
        the current write transaction; ``made``: the summaries of documents whose every record
        the transaction wrote, as the worker made them (the others are read back)."""
        db = self.db

        def links_of(doc: str) -> tuple[list[tuple], list[tuple]]:
            cur = db.execute("SELECT * FROM records WHERE doc = ? ORDER BY seq", (doc,))
            names = [c[0] for c in cur.description]
            records = [row_record(tuple(row), names) for row in cur]
            place = db.execute("SELECT place FROM documents WHERE id = ?", (doc,)).fetchone()
            return summary_mod.fact_groups(records, summary_mod.clean(place[0] if place else None))

        summary_mod.write(db, docs, links_of, made)

    def build_summaries(self) -> None:
        """Give a store written before summaries were kept the summary of every document, in one
        transaction (a run does it before its first file)."""
        if self.summarized:
            return
        with self._writing() as db:
            for statement in summary_mod.DDL.split(";"):
                if statement.strip():
                    db.execute(statement)
            self.summarize([r[0] for r in db.execute("SELECT DISTINCT doc FROM records")])
            db.execute("INSERT OR REPLACE INTO meta VALUES (?, '1')", (summary_mod.META_KEY,))
        self.summarized = True

    # -- runs ----------------------------------------------------------------------------------
    def begin_run(self, root: str, workers: int, version: str) -> int:
        self.build_summaries()
        with self._writing() as db:
            cur = db.execute(
                "INSERT INTO runs (started, root, workers, version, status) VALUES (?, ?, ?, ?, 'running')",
                (_now(), root, workers, version),
            )
        return int(cur.lastrowid or 0)

    def previous_run_status(self, run: int) -> str | None:
        """Status of the run before ``run``: ``running`` when it was killed."""
        row = self.db.execute("SELECT status FROM runs WHERE id < ? ORDER BY id DESC LIMIT 1", (run,)).fetchone()
        return row[0] if row else None

    def finish_run(self, run: int, status: str, **counts: Any) -> None:
        cols = ", ".join(f"{k} = ?" for k in counts)
        with self._writing() as db:
            db.execute(
                f"UPDATE runs SET finished = ?, status = ?{', ' + cols if cols else ''} WHERE id = ?",
                (_now(), status, *counts.values(), run),
            )

    # -- near-duplicates -----------------------------------------------------------------------
    def signatures(self) -> Iterator[tuple[str, bytes]]:
        """(id, MinHash signature) of every analyzed document, in id order."""
        for row in self.db.execute("SELECT id, minhash FROM documents WHERE status = 'done' AND minhash IS NOT NULL ORDER BY id"):
            yield row[0], row[1]

    def set_duplicates(self, duplicate_of: dict[str, str]) -> int:
        """Store ``duplicate_of`` for every document (those not in the mapping get NULL); returns
        how many rows changed."""
        with self._writing() as db:
            current = dict(db.execute("SELECT id, duplicate_of FROM documents"))
            changes = [(duplicate_of.get(i), i) for i, old in current.items() if duplicate_of.get(i) != old]
            db.executemany("UPDATE documents SET duplicate_of = ? WHERE id = ?", changes)
        return len(changes)

    # -- program names across the corpus ------------------------------------------------------
    def set_program_canonicals(self) -> int:
        """Give every program record the corpus-wide ``canonical`` name where the merges table
        has one (:func:`wfltext.links.program_canonicals`: ``“春蕾计划”助学行动`` → ``春蕾计划``),
        and none where its own name is the canonical one; returns how many records changed. The
        names are those of every stored program, so a run that adds documents may move them."""
        from .links import program_canonicals

        db = self.db
        rows = db.execute("SELECT norm, canonical, count(*) FROM records WHERE type = 'program' GROUP BY norm, canonical").fetchall()
        norms = [n for n, _, k in rows for _ in range(k)]
        _, merges = program_canonicals(norms)
        want = {m.variant: m.canonical for m in merges}
        changed = {norm for norm, old, _ in rows if want.get(norm) != old}
        if not changed:
            return 0
        db.execute("BEGIN IMMEDIATE")
        try:
            n = 0
            for norm in sorted(changed):
                n += db.execute("UPDATE records SET canonical = ? WHERE type = 'program' AND norm = ?", (want.get(norm), norm)).rowcount
            db.execute("COMMIT")
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise
        return n

    # -- reading -------------------------------------------------------------------------------
    @contextmanager
    def snapshot(self) -> Iterator["Store"]:
        """One read transaction: every read inside sees the store as it was at the first one,
        whatever a run commits meanwhile (no document with half its records, no records
        without their document). In WAL mode a reader never blocks the writer, nor the writer
        a reader."""
        db = self.db
        if db.in_transaction:
            yield self
            return
        try:
            db.execute("BEGIN")
            try:
                db.execute("SELECT count(*) FROM documents").fetchone()  # the snapshot starts here
                yield self
            finally:
                if db.in_transaction:
                    try:
                        db.execute("COMMIT")
                    except sqlite3.Error:
                        pass  # a read transaction: nothing to keep
        except sqlite3.DatabaseError as err:
            if isinstance(err, sqlite3.OperationalError) and storage_error(err, self.path) is None and "locked" in str(err):
                raise
            raise InputError(
                f"cannot be read whole ({err}): see what is intact with 'wfltext check --db {self.path}'", source=self.path
            ) from err

    def documents(self, *, status: str | None = None) -> Iterator[dict[str, Any]]:
        """Document rows as dicts, without the MinHash signature, in id order."""
        cols = [c for c in DOCUMENT_COLUMNS if c != "minhash"]
        sql = f"SELECT {', '.join(cols)} FROM documents"
        args: tuple = ()
        if status:
            sql += " WHERE status = ?"
            args = (status,)
        for row in self.db.execute(sql + " ORDER BY id", args):
            yield dict(zip(cols, row))

    def records(self, *, types: Iterable[str] | None = None, skip_duplicates: bool = False) -> Iterator[dict[str, Any]]:
        """Records as JSON objects of the record contract, by document then position."""
        sql = "SELECT r.* FROM records r"
        where, args = [], []
        if skip_duplicates:
            sql += " JOIN documents d ON d.id = r.doc"
            where.append("d.duplicate_of IS NULL")
        if types:
            types = list(types)
            where.append(f"r.type IN ({', '.join('?' * len(types))})")
            args.extend(types)
        if where:
            sql += " WHERE " + " AND ".join(where)
        cur = self.db.execute(sql + " ORDER BY r.doc, r.seq", args)
        columns = [c[0] for c in cur.description]
        for row in cur:
            yield row_record(tuple(row), columns)

    def count(self, sql: str, args: tuple = ()) -> int:
        return int(self.db.execute(sql, args).fetchone()[0])

    def failures(self, paths: Iterable[str] | None = None) -> list[dict[str, Any]]:
        rows = self.db.execute("SELECT path, error_code, error_message FROM documents WHERE status = 'failed' ORDER BY path")
        wanted = set(paths) if paths is not None else None
        return [dict(r) for r in rows if wanted is None or r["path"] in wanted]


# -- load --------------------------------------------------------------------------------------


class Frames(NamedTuple):
    """What :func:`load` returns: ``records, documents = wfltext.load(path)``."""

    records: Any
    documents: Any


def arrow_schemas():
    """The Arrow schemas of records (the store's record columns, typed by their contract kind,
    and ``extra``) and of documents."""
    import pyarrow as pa

    s, i, f, b = pa.string(), pa.int64(), pa.float64(), pa.bool_()
    by_kind = {"str": s, "int": i, "number": f, "bool": b, "strings": pa.list_(s), "numbers": pa.list_(f)}
    records = pa.schema([(c, by_kind[_KINDS[c]]) for c in RECORD_COLUMNS] + [("extra", s)])
    dtypes = {
        "part": i, "size": i, "mtime_ns": i, "confidence": f, "chars": i, "year": i, "records": i,
        "read_seconds": f, "analyze_seconds": f, "run": i,
    }
    documents = pa.schema([(c, dtypes.get(c, s)) for c in DOCUMENT_COLUMNS if c != "minhash"])
    return records, documents


def records_table(dicts: Iterable[dict[str, Any]]):
    """A pyarrow Table of record objects in the store's column layout (unknown fields in ``extra``)."""
    import pyarrow as pa

    schema, _ = arrow_schemas()
    cols: dict[str, list] = {c: [] for c in schema.names}
    for d in dicts:
        extra = {k: v for k, v in d.items() if k not in RECORD_COLUMNS}
        for c in RECORD_COLUMNS:
            v = d.get(c)
            cols[c].append(list(v) if isinstance(v, tuple) else v)
        cols["extra"].append(json.dumps(extra, ensure_ascii=False) if extra else None)
    return pa.table(cols, schema=schema)


def documents_table(rows: Iterable[dict[str, Any]]):
    import pyarrow as pa

    _, schema = arrow_schemas()
    cols: dict[str, list] = {c: [] for c in schema.names}
    for r in rows:
        for c in schema.names:
            cols[c].append(r.get(c))
    return pa.table(cols, schema=schema)


def _frame(table):
    import pandas as pd
    import pyarrow as pa

    # nullable integer and boolean columns: an edition of 7 stays 7, not 7.0
    mapping = {pa.int64(): pd.Int64Dtype(), pa.bool_(): pd.BooleanDtype()}
    df = table.to_pandas(types_mapper=mapping.get)
    for name, typ in zip(table.schema.names, table.schema.types):
        if str(typ).startswith("list"):
            df[name] = [None if v is None else list(v) for v in df[name]]
    return df


def load(path: str | os.PathLike) -> Frames:
    """A corpus as pandas DataFrames ``(records, documents)``, from a store (``wfltext run
    --db``) or from a Parquet folder (``wfltext export --format parquet``, or
    :func:`wfltext.dask.to_parquet`). Both give the same columns and types.

    A Parquet folder without documents (a Dask extraction writes records only) gives a
    documents frame of ``id`` and ``records`` (the count).
    """
    import pyarrow.parquet as pq

    p = Path(path)
    if p.is_dir():
        rec_dir = p / "records" if (p / "records").is_dir() else p
        parts = sorted(rec_dir.glob("*.parquet"))
        if not parts:
            raise InputError("holds no Parquet part files (records/part-*.parquet)", source=str(p))
        rec_schema, doc_schema = arrow_schemas()
        import pyarrow as pa

        records = pa.concat_tables([pq.read_table(f, schema=rec_schema) for f in parts])
        doc_parts = sorted((p / "documents").glob("*.parquet")) if (p / "documents").is_dir() else []
        if doc_parts:
            documents = _frame(pa.concat_tables([pq.read_table(f, schema=doc_schema) for f in doc_parts]))
        else:
            import pandas as pd

            counts = records.group_by("doc").aggregate([("doc", "count")]).to_pandas()
            documents = pd.DataFrame({"id": counts["doc"], "records": counts["doc_count"].astype("int64")})
            documents = documents.sort_values("id", ignore_index=True)
        return Frames(_frame(records), documents)
    with Store(p, create=False) as store, store.snapshot():
        return Frames(_frame(records_table(store.records())), _frame(documents_table(store.documents())))


def load_facts(path: str | os.PathLike, what: str = "facts"):
    """The facts table (``what="facts"``) or the program merges (``what="merges"``) of a store
    or a Parquet folder, as a pandas DataFrame; a Parquet folder written with ``--what facts``
    is read as it is."""
    import pandas as pd

    p = Path(path)
    if what == "facts" and p.is_dir() and (p / "facts").is_dir():
        import pyarrow as pa
        import pyarrow.parquet as pq

        parts = sorted((p / "facts").glob("*.parquet"))
        if parts:
            schema = facts_mod.arrow_schema()
            return facts_mod.frame(pa.concat_tables([pq.read_table(f, schema=schema) for f in parts]).to_pylist())
    if p.is_dir():
        records, documents = load(p)
        recs: Iterable[dict[str, Any]] = records.to_dict("records")
        docs = documents.to_dict("records")
    else:
        with Store(p, create=False) as store:
            recs = list(store.records(types=["number", "program", "organization"]))
            docs = list(store.documents(status="done"))
    if what == "merges":
        return pd.DataFrame(facts_mod.merges(recs), columns=["variant", "canonical", "rule", "mentions", "score"])
    return facts_mod.frame(facts_mod.facts(recs, docs))


__all__ = [
    "load_facts",
    "Store",
    "DocumentRow",
    "FileResult",
    "FileState",
    "Frames",
    "load",
    "record_row",
    "row_record",
    "records_table",
    "documents_table",
    "arrow_schemas",
    "SCHEMA_VERSION",
    "RECORD_COLUMNS",
    "ROW_COLUMNS",
    "DOCUMENT_COLUMNS",
]
