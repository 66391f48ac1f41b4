"""Write a corpus store's records (or its documents) as JSONL, CSV or Parquet.

JSONL goes to stdout unless -o is given; CSV is UTF-8 with a byte-order mark, so Excel opens
it as Chinese text; Parquet needs -o FOLDER and writes FOLDER/records/part-00000.parquet and
FOLDER/documents/part-00000.parquet (wfltext.load(FOLDER) reads them back as DataFrames).

--what facts writes the facts table: one row per linked number (document, place, year, actor,
program and its corpus-wide canonical name, object, value, unit, kind, masked, approx/bound,
the sentence and the offsets); Parquet goes to FOLDER/facts/part-00000.parquet, and
wfltext.load(FOLDER, what="facts") reads it. --what merges lists the program variants that were
given one canonical name, for review.

examples:
  wfltext export --db corpus.sqlite > records.jsonl
  wfltext export --db corpus.sqlite --format csv -o records.csv --types number,program
  wfltext export --db corpus.sqlite --format parquet -o corpus-parquet/
  wfltext export --db corpus.sqlite --what documents --format csv -o documents.csv
  wfltext export --db corpus.sqlite --what facts --format csv -o facts.csv   # who did what, how much
  wfltext export --db corpus.sqlite --what merges --format csv -o merges.csv # program variants merged
  wfltext export --db corpus.sqlite --skip-duplicates | jq -r .norm | sort | uniq -c
"""

from __future__ import annotations

import argparse
import sys

NAME = "export"
HELP = "write a corpus store's records or documents as JSONL, CSV or Parquet"
ORDER = 30


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", required=True, metavar="CORPUS.sqlite", help="a store written by 'wfltext run'")
    p.add_argument("--format", choices=("jsonl", "csv", "parquet"), default="jsonl")
    p.add_argument("-o", "--output", metavar="OUT", help="file (jsonl, csv) or folder (parquet); default stdout")
    p.add_argument("--what", choices=("records", "documents", "facts", "merges"), default="records",
                   help="records (default); one row per document with its status; the facts table (one row per linked "
                   "number); or the program merges")
    p.add_argument("--types", help="comma-separated record types (default: all)")
    p.add_argument("--skip-duplicates", action="store_true", help="leave out the records of near-duplicate documents")


def run(args: argparse.Namespace) -> int:
    from ..errors import InputError
    from ..export import RecordWriter, atomic_output, write_parquet
    from ..store import DOCUMENT_COLUMNS, Store
    from . import parse_types

    types = parse_types(args.types, check=False)  # a store may hold types this version lacks
    if args.format == "parquet" and not args.output:
        raise InputError("--format parquet writes a folder: give it with -o FOLDER")
    if args.what in ("facts", "merges"):
        return _facts(args)
    # one read transaction: a run writing meanwhile is neither seen half-way nor held up
    with Store(args.db, create=False) as store, store.snapshot():
        if args.what == "documents":
            rows = store.documents()
            columns = [c for c in DOCUMENT_COLUMNS if c != "minhash"]
        else:
            rows = store.records(types=types, skip_duplicates=args.skip_duplicates)
            columns = None
        if args.format == "parquet":
            if args.what == "documents":
                n = write_parquet(args.output, None, rows)
            else:
                # the documents go along, so wfltext.load(FOLDER) gives both frames
                n = write_parquet(args.output, rows, store.documents())
                n -= store.count("SELECT count(*) FROM documents")
            print(f"wfltext export: {n} {args.what} written to {args.output}", file=sys.stderr)
            return 0
        if args.output:
            # written under a temporary name and renamed when complete: never half a file
            with atomic_output(args.output, args.format) as out:
                writer = RecordWriter(out, args.format, **({"columns": columns} if columns else {}))
                writer.write(rows)
            print(f"wfltext export: {writer.count} {args.what} written to {args.output}", file=sys.stderr)
            return 0
        out = sys.stdout
        try:
            if args.format == "csv":
                out.write("\ufeff")  # Excel needs the mark to read UTF-8, wherever stdout goes
            writer = RecordWriter(out, args.format, **({"columns": columns} if columns else {}))
            writer.write(rows)
        finally:
            out.flush()
    return 0


def _facts(args: argparse.Namespace) -> int:
    from ..export import RecordWriter, open_output
    from ..facts import FACT_COLUMNS, arrow_schema, facts, merges
    from ..store import Store

    with Store(args.db, create=False) as store, store.snapshot():
        records = list(store.records(types=["number", "program", "organization"]))
        documents = list(store.documents(status="done"))
    if args.what == "facts":
        rows: list[dict] = list(facts(records, documents, skip_duplicates=args.skip_duplicates))
        columns: tuple[str, ...] = FACT_COLUMNS
    else:
        rows = merges(records)
        columns = ("variant", "canonical", "rule", "mentions", "score")
    if args.format == "parquet":
        from pathlib import Path

        import pyarrow as pa
        import pyarrow.parquet as pq

        folder = Path(args.output) / args.what
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("part-*.parquet"):
            old.unlink()
        table = pa.Table.from_pylist(rows, schema=arrow_schema()) if args.what == "facts" else pa.Table.from_pylist(rows)
        pq.write_table(table, folder / "part-00000.parquet")
        print(f"wfltext export: {len(rows)} {args.what} written to {folder}", file=sys.stderr)
        return 0
    out = open_output(args.output, args.format) if args.output else sys.stdout
    try:
        if args.format == "csv" and not args.output:
            out.write("\ufeff")
        RecordWriter(out, args.format, columns=columns).write(rows)
    finally:
        if args.output:
            out.close()
        else:
            out.flush()
    if args.output:
        print(f"wfltext export: {len(rows)} {args.what} written to {args.output}", file=sys.stderr)
    return 0
