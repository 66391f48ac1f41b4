"""Corpus runs beyond one machine, with Dask: the same analysis as ``wfltext run``, as a bag.

::

    import wfltext, wfltext.dask as wd
    records = wd.extract("reports/")                # a dask.bag of record objects
    wd.to_parquet(records, "corpus-parquet/")       # records/part-00000.parquet, …
    records_df, documents_df = wfltext.load("corpus-parquet/")

Each file goes through :func:`wfltext.batch.process_file`, the function ``wfltext run`` uses, so
a Dask extraction gives exactly the records of a local run. ``doc`` is the path relative to
``root`` (the folder given, or ``root=``), as in a store, else the path as given. Files that fail
give no records; :func:`documents` gives one row per document or failed file, with the reason.

Which machines run it is up to the scheduler the caller connects: a ``LocalCluster``, a
``dask-jobqueue`` cluster on Slurm or PBS, or ``Client("tcp://scheduler:8786")``
(``docs/batch.md``). Dask is an optional extra (``pip install wfltext[dask]``); only this module
imports it.
"""

from __future__ import annotations

import os
from dataclasses import asdict
from pathlib import Path
from typing import Any, Iterable

import dask
import dask.bag as db

from .batch import Options, Task, Versions, current_versions, iter_files, process_file
from .store import ROW_COLUMNS, row_record


def _tasks(paths_or_folder: str | os.PathLike | Iterable[str | os.PathLike], root: str | os.PathLike | None) -> tuple[list[tuple[str, str]], str | None]:
    """``(path, doc id)`` pairs, the largest files first; a folder expands to its report files,
    ids relative to it.

    Largest first (longest processing time first): Dask hands partitions to workers roughly in
    order, and a large file met last leaves the other workers idle while one finishes it (2
    workers / 1 on 10 copies of the development corpus: 1.39–1.87 in path order, 1.83–2.13
    largest first, docs/performance.md). The records are the same; only their order differs.
    """
    if isinstance(paths_or_folder, (str, os.PathLike)):
        folder = Path(paths_or_folder)
        if folder.is_dir():
            base = Path(root) if root is not None else folder
            return _largest_first([(str(p), p.relative_to(base).as_posix()) for p, _ in iter_files(folder)]), str(base)
        paths_or_folder = [paths_or_folder]
    base = None if root is None else os.fspath(root)
    return _largest_first([(os.fspath(p), _doc_id(os.fspath(p), base)) for p in paths_or_folder]), base


def _largest_first(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """``pairs`` by file size, largest first (a file that cannot be read last: it fails fast)."""

    def size(pair: tuple[str, str]) -> int:
        try:
            return os.path.getsize(pair[0])
        except OSError:
            return -1

    return sorted(pairs, key=lambda pair: -size(pair))


def _doc_id(path: str, root: str | None) -> str:
    if root is None:
        return path
    return Path(path).resolve().relative_to(Path(root).resolve()).as_posix()


def _process(pairs: Iterable[Any], root: str | None, options: Options, versions: Versions) -> list[dict[str, Any]]:
    """One partition: a result object per file (records as contract objects)."""
    out = []
    for item in pairs:
        path, doc_id = item if isinstance(item, tuple) else (os.fspath(item), _doc_id(os.fspath(item), root))
        result = process_file(Task(path, doc_id), options, versions)
        out.append({
            "path": doc_id,
            "documents": [{k: v for k, v in asdict(d).items() if k != "minhash"} for d in result.documents],
            "records": [row_record(row, ROW_COLUMNS) for row in result.records],
        })
    return out


def process(
    paths_or_bag: str | os.PathLike | Iterable[str | os.PathLike] | db.Bag,
    *,
    root: str | os.PathLike | None = None,
    options: Options | None = None,
    npartitions: int | None = None,
) -> db.Bag:
    """A bag of one object per file: ``{"path", "documents": [...], "records": [...]}``."""
    options = options or Options()
    versions = current_versions(options.lexicon)
    if isinstance(paths_or_bag, db.Bag):
        bag = paths_or_bag
        base = None if root is None else os.fspath(root)
    else:
        pairs, base = _tasks(paths_or_bag, root)
        bag = db.from_sequence(pairs, npartitions=npartitions or max(1, min(len(pairs), 256)))
    return bag.map_partitions(_process, base, options, versions)


def extract(
    paths_or_bag: str | os.PathLike | Iterable[str | os.PathLike] | db.Bag,
    *,
    root: str | os.PathLike | None = None,
    options: Options | None = None,
    npartitions: int | None = None,
) -> db.Bag:
    """A bag of record objects (the record contract) of every report in the files: a folder, a
    list of paths, or a bag of paths."""
    return process(paths_or_bag, root=root, options=options, npartitions=npartitions).pluck("records").flatten()


def documents(
    paths_or_bag: str | os.PathLike | Iterable[str | os.PathLike] | db.Bag,
    *,
    root: str | os.PathLike | None = None,
    options: Options | None = None,
    npartitions: int | None = None,
) -> db.Bag:
    """A bag of document rows (the store's ``documents`` columns), failed files included."""
    return process(paths_or_bag, root=root, options=options, npartitions=npartitions).pluck("documents").flatten()


def _write_part(records: list[dict[str, Any]], out_dir: str, index: int) -> int:
    from .export import write_parquet

    return write_parquet(out_dir, records, part=index, clear=False)


def to_parquet(bag: db.Bag, out_dir: str | os.PathLike, *, compute: bool = True) -> int | list:
    """Write a bag of record objects as ``out_dir/records/part-NNNNN.parquet``, one part per
    partition, each written by the worker that made it; returns the number of records (or the
    delayed writes, with ``compute=False``). Part files already in ``out_dir/records`` are
    removed first. :func:`wfltext.load` reads the folder."""
    records_dir = Path(out_dir) / "records"
    records_dir.mkdir(parents=True, exist_ok=True)
    for old in records_dir.glob("part-*.parquet"):
        old.unlink()
    writes = [dask.delayed(_write_part)(part, os.fspath(out_dir), i) for i, part in enumerate(bag.to_delayed())]
    if not compute:
        return writes
    return int(sum(dask.compute(*writes)))


__all__ = ["extract", "documents", "process", "to_parquet"]
