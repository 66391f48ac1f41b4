"""Analyze report files and print their records (RECORDS contract), JSONL by default.

examples:
  wfltext extract corpus/reports/                  # every .txt below the folder, JSONL to stdout
  wfltext extract a.txt b.txt --format csv -o records.csv
  wfltext extract report.txt --types number,program
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

NAME = "extract"
HELP = "analyze files and print their records (JSONL or CSV)"
ORDER = 10

SUFFIXES = (".txt", ".text", ".html", ".htm", ".docx")


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="+", metavar="PATH", help="files or folders (searched recursively)")
    p.add_argument("--format", choices=("jsonl", "csv"), default="jsonl")
    p.add_argument("-o", "--output", help="write here instead of stdout")
    p.add_argument("--types", help="comma-separated record types (default: all)")
    p.add_argument("--lexicon", help="a user lexicon: one term a line, added to the tokenizer")
    p.add_argument("--year", type=int, help="the report year, when the text does not state it")


def iter_paths(paths: list[str]):
    for p in paths:
        path = Path(p)
        if path.is_dir():
            for f in sorted(path.rglob("*")):
                if f.is_file() and f.suffix.lower() in SUFFIXES:
                    yield str(f)
        else:
            yield p


def run(args: argparse.Namespace) -> int:
    from ..errors import WfltextError
    from ..export import write_records
    from ..files import analyze_file

    types = tuple(t.strip() for t in args.types.split(",")) if args.types else None
    failed = 0
    out = open(args.output, "w", encoding="utf-8-sig" if args.format == "csv" else "utf-8", newline="") if args.output else sys.stdout
    try:
        records = []
        for path in iter_paths(args.paths):
            try:
                for doc in analyze_file(path, year=args.year, lexicon=args.lexicon, types=types):
                    records.extend(doc.records)
            except WfltextError as err:
                failed += 1
                print(f"wfltext: skipped {err}", file=sys.stderr)
            if args.format == "jsonl":
                write_records(records, out, "jsonl")
                records = []
        if args.format == "csv":
            write_records(records, out, "csv")
    finally:
        if args.output:
            out.close()
    return 1 if failed else 0
