"""Analyze every report under a folder into a corpus store (one SQLite file), on all cores.

Reads .txt (any encoding), .html/.htm (the report without the page's chrome) and .docx, in every
subfolder. Each file is committed on its own, so a run stopped at any moment (Ctrl-C, kill, a
reboot) resumes where it stopped when started again: finished files are skipped, changed files
are redone. Files that cannot be read are stored with the reason and the run goes on.

examples:
  wfltext run reports/ --db corpus.sqlite                  # every core; run again to resume
  wfltext run reports/ --db corpus.sqlite --workers 2 --glob '*.txt' --glob '2019/*.html'
  wfltext run reports/ --db corpus.sqlite --redo-outdated  # redo what an older wfltext made
  wfltext export --db corpus.sqlite --format csv -o records.csv
  wfltext report --db corpus.sqlite -o report.html

exit codes:
  0    every file is analyzed (in this run or an earlier one)
  10   some files failed; the others are stored (see them: wfltext export --db DB --what documents)
  2    the folder or the store cannot be used (one line on stderr says why)
  130  interrupted; run the same command again to resume
"""

from __future__ import annotations

import argparse
import sys

NAME = "run"
HELP = "analyze a folder of reports into a resumable corpus store (SQLite), on all cores"
ORDER = 20


def add_arguments(p: argparse.ArgumentParser) -> None:
    from ..batch import FILE_TIMEOUT
    from ..reader import MAX_BYTES, MAX_LINE_CHARS

    p.add_argument("corpus", metavar="CORPUS_DIR", help="folder of reports (searched recursively), or one file")
    p.add_argument("--db", required=True, metavar="CORPUS.sqlite", help="the store to create or resume")
    p.add_argument("--workers", type=int, metavar="N", help="worker processes (default: every core; 1: no subprocess)")
    p.add_argument(
        "--glob", action="append", metavar="PATTERN",
        help="files to take (repeatable): '*.txt' matches names, 'sub/*.txt' relative paths "
        "(default: .txt .text .html .htm .xhtml .shtml .docx)",
    )
    p.add_argument("--redo-outdated", action="store_true", help="redo files analyzed by another wfltext version or lexicon")
    p.add_argument("--retry-failed", action="store_true", help="try again files that failed in earlier runs")
    p.add_argument("--max-bytes", type=int, default=MAX_BYTES, metavar="N", help=f"larger files fail with code 'size' (default {MAX_BYTES})")
    p.add_argument(
        "--max-line-chars", type=int, default=MAX_LINE_CHARS, metavar="N",
        help=f"files with a longer line fail with code 'size' (default {MAX_LINE_CHARS})",
    )
    p.add_argument(
        "--file-timeout", type=float, default=FILE_TIMEOUT, metavar="SECONDS",
        help=f"a file taking longer fails with code 'timeout', its worker is replaced (default {FILE_TIMEOUT:g}; 0: no limit)",
    )
    p.add_argument("--types", help="comma-separated record types (default: all)")
    p.add_argument("--lexicon", help="a user lexicon: one term a line, added to the tokenizer")
    p.add_argument("--year", type=int, help="the report year, when the texts do not state it")
    p.add_argument("--progress", action="store_true", default=None, help="show progress even when stderr is not a terminal")
    p.add_argument("--no-progress", action="store_false", dest="progress", help="never show progress")


def run(args: argparse.Namespace) -> int:
    from ..batch import Options
    from ..batch import run as run_corpus
    from ..errors import InputError
    from . import parse_types

    if args.workers is not None and args.workers < 1:
        raise InputError(f"--workers must be at least 1, not {args.workers}")
    if args.max_bytes < 1:
        raise InputError(f"--max-bytes must be positive, not {args.max_bytes}")
    if args.max_line_chars < 1:
        raise InputError(f"--max-line-chars must be positive, not {args.max_line_chars}")
    if not args.file_timeout >= 0:
        raise InputError(f"--file-timeout must be 0 (no limit) or more, not {args.file_timeout}")
    types = parse_types(args.types)
    progress = args.progress if args.progress is not None else sys.stderr.isatty()
    summary = run_corpus(
        args.corpus,
        args.db,
        workers=args.workers,
        patterns=args.glob,
        redo_outdated=args.redo_outdated,
        retry_failed=args.retry_failed,
        options=Options(
            max_bytes=args.max_bytes, lexicon=args.lexicon, types=types, year=args.year,
            timeout=args.file_timeout or None, max_line_chars=args.max_line_chars,
        ),
        progress=progress,
    )
    for doc_id, code, message in summary.failures:
        print(f"wfltext: failed [{code}] {message}", file=sys.stderr)
    if summary.all_failed > len(summary.failures):
        print(f"wfltext: … and {summary.all_failed - len(summary.failures)} more failed files", file=sys.stderr)
    db = args.db
    out = sys.stdout
    out.write(f"wfltext run: {summary.line()}\n")
    table = corpus_table(db)
    if table:
        out.write(table)
    out.write(f"records are in {db}\n")
    out.write(f"  export:    wfltext export --db {db} --format csv -o records.csv   (or jsonl, parquet)\n")
    out.write(f"  dashboard: wfltext report --db {db} -o report.html\n")
    if summary.all_failed:
        out.write(f"  failures:  wfltext export --db {db} --what documents --format csv -o documents.csv\n")
    if summary.outdated:
        out.write(f"  outdated:  wfltext run {args.corpus} --db {db} --redo-outdated\n")
    out.flush()
    return summary.exit_code


def corpus_table(db: str, top: int = 5) -> str:
    """What the store holds, in a few lines: documents, records per type, the most frequent
    programs and organizations (by norm, with the number of documents naming each)."""
    from ..records import record_types
    from ..store import Store

    with Store(db, create=False) as store:
        con = store.db
        docs = con.execute("SELECT COUNT(*) FROM documents WHERE status != 'failed'").fetchone()[0]
        if not docs:
            return ""
        counts = dict(con.execute("SELECT type, COUNT(*) FROM records GROUP BY type").fetchall())
        tops = {}
        for type_ in ("program", "organization"):
            tops[type_] = con.execute(
                "SELECT norm, COUNT(*), COUNT(DISTINCT doc) FROM records WHERE type = ? "
                "GROUP BY norm ORDER BY COUNT(DISTINCT doc) DESC, COUNT(*) DESC, norm LIMIT ?",
                (type_, top),
            ).fetchall()
    total = sum(counts.values())
    lines = [f"the store holds {docs} document{'s' if docs != 1 else ''} and {total} record{'s' if total != 1 else ''}:"]
    lines.append("  " + "  ".join(f"{t} {counts.get(t, 0)}" for t in record_types()))
    names = {"program": "top programs", "organization": "top organizations"}
    for type_, rows in tops.items():
        if rows:
            items = ", ".join(f"{norm} ({n} in {d} doc{'s' if d != 1 else ''})" for norm, n, d in rows)
            lines.append(f"  {names[type_]}: {items}")
    return "\n".join(lines) + "\n"
