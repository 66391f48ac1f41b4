"""Analyze report files and print their records (the record contract), JSONL by default.

Reads .txt (any encoding), .html/.htm and .docx; a folder is searched recursively. Each record's
"doc" is the path as given ("path#1", "path#2"… for a file holding several reports). For a whole
corpus, resumable and on all cores, use 'wfltext run'.

examples:
  wfltext extract corpus/reports/                  # every report below the folder, JSONL to stdout
  wfltext extract a.txt b.html --format csv -o records.csv
  wfltext extract report.docx --types number,program | jq .norm

exit codes:
  0    every file was analyzed
  10   some of several files failed (one line each on stderr); the others' records are written
  2-5  the only file given failed: 2 input (missing, empty), 3 decode, 4 size, 5 format (HTML/DOCX)
  1    the only file given hit an internal error (a bug: please report it)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Iterator

NAME = "extract"
HELP = "analyze files and print their records (JSONL or CSV)"
ORDER = 10


def add_arguments(p: argparse.ArgumentParser) -> None:
    from ..reader import MAX_BYTES

    p.add_argument("paths", nargs="+", metavar="PATH", help="files or folders (searched recursively)")
    p.add_argument("--format", choices=("jsonl", "csv"), default="jsonl", help="JSONL (default) or CSV for Excel (UTF-8 with BOM)")
    p.add_argument("-o", "--output", help="write here instead of stdout")
    p.add_argument("--types", help="comma-separated record types (default: all)")
    p.add_argument("--lexicon", help="a user lexicon: one term a line, added to the tokenizer")
    p.add_argument("--year", type=int, help="the report year, when the text does not state it")
    p.add_argument(
        "--repair-mojibake",
        action="store_true",
        help="read files that are UTF-8 once decoded as GBK (or Latin-1) and saved again as the text they were, instead of refusing them",
    )
    p.add_argument("--max-bytes", type=int, default=MAX_BYTES, metavar="N", help=f"larger files are skipped (default {MAX_BYTES})")


def iter_paths(paths: list[str]) -> Iterator[str]:
    """Files given, and the report files below folders given (as the paths would be written)."""
    from ..batch import iter_files

    for p in paths:
        path = Path(p)
        if path.is_dir():
            for f, _ in iter_files(path):
                yield str(f)
        else:
            yield p


def run(args: argparse.Namespace) -> int:
    from ..batch import EXIT_SOME_FAILED
    from ..errors import InputError, WfltextError
    from ..export import RecordWriter, open_output
    from ..files import analyze_file
    from . import parse_types

    types = parse_types(args.types)
    paths = list(iter_paths(args.paths))
    if not paths:
        raise InputError(f"no report files (.txt, .html, .docx) in {', '.join(args.paths)}")
    failures: list[WfltextError] = []
    out = open_output(args.output, args.format) if args.output else sys.stdout
    try:
        if args.format == "csv" and not args.output:
            out.write("\ufeff")
        writer = RecordWriter(out, args.format)
        for path in paths:
            try:
                docs = analyze_file(
                    path, year=args.year, lexicon=args.lexicon, types=types, max_bytes=args.max_bytes, repair_mojibake=getattr(args, "repair_mojibake", False)
                )
            except WfltextError as err:
                failures.append(err)
                if len(paths) > 1:
                    print(f"wfltext: skipped [{err.code}] {err}", file=sys.stderr)
                continue
            except Exception as err:  # noqa: BLE001 - a bug on one file must not lose the others
                wrapped = WfltextError(f"internal error, please report it: {type(err).__name__}: {err}", source=path)
                wrapped.code = "internal"
                failures.append(wrapped)
                if len(paths) > 1:
                    print(f"wfltext: skipped [internal] {wrapped}", file=sys.stderr)
                continue
            for doc in docs:
                writer.write(doc.records)
            out.flush()
    finally:
        if args.output:
            out.close()
    if failures and len(paths) == 1:
        raise failures[0]
    return EXIT_SOME_FAILED if failures else 0
