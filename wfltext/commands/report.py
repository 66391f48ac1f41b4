"""Write a corpus dashboard as one self-contained HTML page: documents and records by type,
genre and year, the most frequent programs, organizations and slogans, numbers by kind and unit,
a timeline of programs, the organization network and the files that failed.

Reads a corpus store made by 'wfltext run CORPUS --db CORPUS.sqlite' (or a Parquet folder of
'wfltext export'). Near-duplicate documents are left out of the record figures.

examples:
  wfltext report --db corpus.sqlite -o report.html
"""

from __future__ import annotations

import argparse

NAME = "report"
HELP = "write a corpus dashboard (HTML) from a corpus store"
ORDER = 61


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", required=True, metavar="CORPUS.sqlite", help="the corpus store (or a Parquet folder)")
    p.add_argument("-o", "--output", help="the HTML file to write (default: stdout)")
    p.add_argument("--title", help="the page title")
    p.add_argument("--key-sentences", type=int, default=10, metavar="N",
                   help="show the key sentences of the N documents with the most records, read again from their files (default 10; 0: none)")
    p.add_argument("--root", help="the corpus folder, when it moved since the run (for the key sentences)")


def run(args: argparse.Namespace) -> int:
    import os

    from ..errors import InputError, WfltextError
    from ..visualize import render_dashboard
    from .show import write_page

    if not os.path.exists(args.db):
        raise InputError("no such corpus store; make one with 'wfltext run CORPUS_DIR --db …'", source=args.db)
    try:
        html = render_dashboard(args.db, title=args.title, key_docs=args.key_sentences, root=args.root)
    except ImportError as err:
        # pandas and pyarrow come with the batch extra, which corpus runs need anyway
        raise WfltextError(f"the dashboard needs {err.name or 'pandas and pyarrow'}: pip install 'wfltext[batch]'") from err
    write_page(html, args.output)
    return 0
