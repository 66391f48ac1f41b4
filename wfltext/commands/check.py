"""Check a corpus store: what is intact, what is damaged; rebuild a damaged one.

Reads the store without writing to it: the SQLite file and its write-ahead log (-wal), the
schema version, SQLite's integrity check, and for every file whether its documents and all
their records read back. With --rebuild CORPUS_DIR, the damaged store is moved aside (to
STORE.damaged-<time>, never deleted), its intact files are copied into a new store, and the
corpus folder is run into it: only what was lost or damaged is analyzed again.

examples:
  wfltext check --db corpus.sqlite
  wfltext check --db corpus.sqlite --rebuild reports/

exit codes:
  0    the store is intact (or was rebuilt)
  2    the store is damaged, missing, not a store or from a newer wfltext (the lines say what)
  10   rebuilt, but some files of the corpus failed (as for wfltext run)
"""

from __future__ import annotations

import argparse
import sys

NAME = "check"
HELP = "check a corpus store (what is intact, what is damaged) and rebuild a damaged one"
ORDER = 25


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", required=True, metavar="CORPUS.sqlite", help="the store to check")
    p.add_argument("--rebuild", metavar="CORPUS_DIR", help="rebuild the store from this corpus folder (keeping its intact files)")
    p.add_argument("--workers", type=int, metavar="N", help="worker processes for the rebuild (default: every core)")


def run(args: argparse.Namespace) -> int:
    from ..check import check, rebuild

    report = check(args.db)
    for line in report.lines():
        print(line)
    if not args.rebuild:
        return 0 if report.ok else 2
    aside, copied, summary = rebuild(args.db, args.rebuild, workers=args.workers, progress=sys.stderr.isatty())
    print(f"rebuilt: the old store is now {aside}; {copied} intact files copied, then wfltext run: {summary.line()}")
    return summary.exit_code
