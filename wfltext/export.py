"""Writing and reading records: JSONL (one object a line, the record contract), CSV (Excel reads
it: UTF-8 with a byte-order mark, one column per contract field, lists as JSON) and Parquet
folders (``records/part-*.parquet`` and ``documents/part-*.parquet``).

Each format reads back to the same record objects (:func:`read_jsonl`, :func:`read_csv`,
:func:`wfltext.store.load` for Parquet).
"""

from __future__ import annotations

import csv
import errno
import json
import os
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, Iterable, Iterator

from .errors import StorageError
from .records import JSON_KINDS, RECORD_TYPES, Record, columns, from_dict, kinds
from .store import arrow_schemas, documents_table, records_table

#: the CSV columns of the built-in record types' own fields (:func:`wfltext.records.columns`);
#: a CSV file has a column for every field of every registered type (:func:`csv_columns`)
CSV_COLUMNS = columns(RECORD_TYPES, roles=("core", "value"))
#: the link and context fields (wfltext.links), as JSON text in CSV; the store keeps them in ``extra``
LINK_COLUMNS = columns(RECORD_TYPES, roles=("link", "context"))
FORMATS = ("jsonl", "csv")


def csv_columns() -> tuple[str, ...]:
    """The columns of a CSV file of records: every field of every registered record type, in
    contract order (lists and links as JSON text)."""
    return columns()


def record_dicts(records: Iterable[Record | dict]) -> Iterable[dict]:
    for r in records:
        yield r if isinstance(r, dict) else r.to_dict()


def _cell(value: Any) -> Any:
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, (list, tuple)):
        return json.dumps(list(value) if isinstance(value, tuple) else value, ensure_ascii=False)
    return value


class RecordWriter:
    """Streams records (or any flat dicts, with ``columns``) to ``out`` as JSONL or CSV; the CSV
    header is written once, before the first row."""

    def __init__(self, out: IO[str], fmt: str = "jsonl", columns: Iterable[str] | None = None) -> None:
        if fmt not in FORMATS:
            raise ValueError(f"unknown format {fmt!r}: {' or '.join(FORMATS)}")
        self.out = out
        self.fmt = fmt
        self.count = 0
        names = list(columns) if columns is not None else list(csv_columns())
        self._csv = csv.DictWriter(out, names, extrasaction="ignore") if fmt == "csv" else None
        if self._csv is not None:
            self._csv.writeheader()

    def write(self, records: Iterable[Record | dict]) -> int:
        n = 0
        for d in record_dicts(records):
            if self._csv is not None:
                self._csv.writerow({k: _cell(v) for k, v in d.items()})
            else:
                self.out.write(json.dumps(d, ensure_ascii=False) + "\n")
            n += 1
        self.count += n
        return n


def write_records(records: Iterable[Record | dict], out: IO[str], fmt: str = "jsonl") -> int:
    """Write records to ``out`` as JSONL or CSV (with a header); returns how many."""
    return RecordWriter(out, fmt).write(records)


def open_output(path: str | os.PathLike, fmt: str) -> IO[str]:
    """A text file for ``fmt``: CSV gets the byte-order mark Excel needs to see UTF-8."""
    return open(path, "w", encoding="utf-8-sig" if fmt == "csv" else "utf-8", newline="")


# -- writing files whole or not at all -----------------------------------------------------------

#: environment variable of the full-disk test hook of exports: ``N`` makes every output file
#: fail with ENOSPC ("No space left on device") once N more bytes would be written to it
WRITE_LIMIT_HOOK = "WFLTEXT_TEST_WRITE_LIMIT"
_FULL_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO, errno.EROFS}


class _FullAfter:
    """A binary file that fails with ENOSPC after ``limit`` bytes (the test hook)."""

    def __init__(self, f: IO[bytes], limit: int) -> None:
        self._f = f
        self._left = limit

    def write(self, data: bytes) -> int:
        if len(data) > self._left:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        self._left -= len(data)
        return self._f.write(data)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._f, name)


def _temp_name(path: Path) -> Path:
    return path.with_name(f".{path.name}.tmp-{os.getpid()}")


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def output_error(err: OSError, path: str | os.PathLike) -> Exception:
    """The error to raise for an output that could not be written: a :class:`StorageError` for a
    full disk or an I/O error, else ``err`` itself."""
    if err.errno in _FULL_ERRNOS:
        return StorageError(
            f"cannot be written ({err.strerror or err}): no half-written file was left under this name "
            "(an earlier file there is kept as it was); free space, then export again",
            source=os.fspath(path),
        )
    return err


@contextmanager
def atomic_binary(path: str | os.PathLike) -> Iterator[IO[bytes]]:
    """A binary file written under a temporary name next to ``path``, flushed to the disk and
    renamed to ``path`` only when complete: a full disk, an error or a kill leaves at most the
    temporary file (removed on errors), never a half-written file under the final name."""
    final = Path(path)
    tmp = _temp_name(final)
    raw = open(tmp, "wb")
    limit = os.environ.get(WRITE_LIMIT_HOOK, "")
    f: Any = _FullAfter(raw, int(limit)) if limit.isdigit() else raw
    try:
        yield f
        raw.flush()
        os.fsync(raw.fileno())
        raw.close()
        os.replace(tmp, final)
        _fsync_dir(final.parent)
    except BaseException as err:
        try:
            raw.close()
        except OSError:
            pass  # the buffered rest cannot be written either
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(err, OSError):
            raise output_error(err, final) from err
        raise


@contextmanager
def atomic_output(path: str | os.PathLike, fmt: str) -> Iterator[IO[str]]:
    """Like :func:`open_output`, written whole or not at all (see :func:`atomic_binary`)."""
    import io

    with atomic_binary(path) as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8-sig" if fmt == "csv" else "utf-8", newline="", write_through=False)
        try:
            yield text
            text.flush()
        finally:
            text.detach()


# -- reading back --------------------------------------------------------------------------------


def _number(text: str) -> int | float:
    """A CSV cell back to the number it was written from.

    >>> _number("10000"), _number("113000.0"), _number("1e-05")
    (10000, 113000.0, 1e-05)
    """
    try:
        return int(text)
    except ValueError:
        return float(text)


def _restore(row: dict[str, str], kind: dict[str, str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in row.items():
        if k is None or v is None or v == "":
            continue
        kk = kind.get(k, "str")
        if kk in JSON_KINDS:
            out[k] = json.loads(v)
        elif kk == "bool":
            out[k] = v.strip().lower() in ("true", "1")
        elif kk == "int":
            out[k] = int(v)
        elif kk == "number":
            out[k] = _number(v)
        else:
            out[k] = v
    return out


def read_csv(f: IO[str]) -> Iterator[dict[str, Any]]:
    """Records of a CSV written by :func:`write_records`, as contract objects. Open the file with
    ``encoding="utf-8-sig", newline=""``."""
    kind = kinds()
    for row in csv.DictReader(f):
        yield from_dict(_restore(row, kind)).to_dict()


def read_jsonl(f: IO[str]) -> Iterator[dict[str, Any]]:
    for line in f:
        if line.strip():
            yield json.loads(line)


# -- Parquet -------------------------------------------------------------------------------------

PARQUET_BATCH = 50_000


def _write_batches(path: Path, schema, rows: Iterable[dict[str, Any]], to_table) -> int:
    import pyarrow.parquet as pq

    n = 0
    with atomic_binary(path) as f, pq.ParquetWriter(f, schema) as writer:
        batch: list[dict[str, Any]] = []
        for d in rows:
            batch.append(d)
            if len(batch) >= PARQUET_BATCH:
                writer.write_table(to_table(batch))
                n += len(batch)
                batch = []
        writer.write_table(to_table(batch))
        n += len(batch)
    return n


def write_parquet(
    out_dir: str | os.PathLike,
    records: Iterable[dict[str, Any]] | None,
    documents: Iterable[dict[str, Any]] | None = None,
    *,
    part: int = 0,
    clear: bool = True,
) -> int:
    """Write record objects to ``out_dir/records/part-NNNNN.parquet`` and document rows to
    ``out_dir/documents/part-NNNNN.parquet`` (either may be None), in batches so memory stays
    flat; returns the number of rows written. With ``clear``, the other part files already in
    the folders written are removed once the new ones are complete.

    Each part file is written under a temporary name and renamed when complete: a full disk
    leaves no half-written part file (and, with ``clear``, the old parts in place)."""
    root = Path(out_dir)
    rec_schema, doc_schema = arrow_schemas()
    n = 0
    written: list[Path] = []
    for name, rows, schema, to_table in (
        ("records", records, rec_schema, records_table),
        ("documents", documents, doc_schema, documents_table),
    ):
        if rows is None:
            continue
        folder = root / name
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise output_error(err, folder) from err
        target = folder / f"part-{part:05d}.parquet"
        n += _write_batches(target, schema, rows, to_table)
        written.append(target)
    if clear:
        for target in written:
            for old in target.parent.glob("part-*.parquet"):
                if old != target:
                    old.unlink()
    return n


__all__ = [
    "write_records",
    "RecordWriter",
    "open_output",
    "atomic_output",
    "atomic_binary",
    "read_csv",
    "read_jsonl",
    "write_parquet",
    "CSV_COLUMNS",
    "LINK_COLUMNS",
    "csv_columns",
    "FORMATS",
]
