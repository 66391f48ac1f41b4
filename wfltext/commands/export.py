"""Write a corpus store's records (or its documents) as JSONL, CSV or Parquet.

JSONL goes to stdout unless -o is given; CSV is UTF-8 with a byte-order mark, so Excel opens
it as Chinese text; Parquet needs -o FOLDER and writes FOLDER/records/part-00000.parquet and
FOLDER/documents/part-00000.parquet (wfltext.load(FOLDER) reads them back as DataFrames).

examples:
  wfltext export --db corpus.sqlite > records.jsonl
  wfltext export --db corpus.sqlite --format csv -o records.csv --types number,program
  wfltext export --db corpus.sqlite --format parquet -o corpus-parquet/
  wfltext export --db corpus.sqlite --what documents --format csv -o documents.csv
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
    p.add_argument("--what", choices=("records", "documents"), default="records", help="records (default), or one row per document with its status")
    p.add_argument("--types", help="comma-separated record types (default: all)")
    p.add_argument("--skip-duplicates", action="store_true", help="leave out the records of near-duplicate documents")


def run(args: argparse.Namespace) -> int:
    from ..errors import InputError
    from ..export import RecordWriter, atomic_output, write_parquet
    from ..store import DOCUMENT_COLUMNS, Store

    types = [t.strip() for t in args.types.split(",") if t.strip()] if args.types else None
    if args.format == "parquet" and not args.output:
        raise InputError("--format parquet writes a folder: give it with -o FOLDER")
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
