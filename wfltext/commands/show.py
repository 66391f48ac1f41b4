"""Show a report as an HTML page: the original text with every record highlighted by type,
fields on hover and keyboard focus, the outline as navigation, and the normalizer's fixes.

The page is one self-contained file (no network, works offline). The input is a report file
(analyzed now), a JSON or JSONL file of Document.to_dict() output, or a document of a corpus
store (its stored records, over the file's text read again).

examples:
  wfltext show corpus/reports/000_6e53a69d3eb90f18.txt -o page.html
  wfltext show documents.jsonl --doc a.txt -o a.html
  wfltext show --db corpus.sqlite --doc hailaer-county-gov/001.txt -o page.html
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from ..visualize.stored import from_store

NAME = "show"
HELP = "write a document's records as a self-contained HTML page"
ORDER = 60

JSON_SUFFIXES = (".json", ".jsonl", ".ndjson")


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("path", nargs="?", metavar="FILE_OR_JSONL", help="a report file, or JSON/JSONL of Document.to_dict() output")
    p.add_argument("-o", "--output", help="the HTML file to write (default: stdout)")
    p.add_argument("--db", metavar="CORPUS.sqlite", help="show a document of this corpus store (with --doc)")
    p.add_argument("--doc", metavar="ID", help="the document to show: its id or path in the store, or its 'doc' in a JSONL file")
    p.add_argument("--root", help="with --db: the corpus folder, when it moved since the run")
    p.add_argument("--title", help="the page title (default: the report's title)")
    p.add_argument("--year", type=int, help="the report year, when the text does not state it")
    p.add_argument("--lexicon", help="a user lexicon: one term a line, added to the tokenizer")


def _read_json(path: str) -> list[dict[str, Any]]:
    from ..errors import InputError

    try:
        with open(path, encoding="utf-8-sig") as f:
            if path.endswith(".json"):
                data = json.load(f)
                items = data if isinstance(data, list) else [data]
            else:
                items = [json.loads(line) for line in f if line.strip()]
    except FileNotFoundError as err:
        raise InputError("no such file", source=path) from err
    except (json.JSONDecodeError, UnicodeDecodeError) as err:
        raise InputError(f"is not JSON/JSONL ({err})", source=path) from err
    docs = [d for d in items if isinstance(d, dict) and isinstance(d.get("text"), str) and isinstance(d.get("records"), list)]
    if not docs:
        if any(isinstance(d, dict) and "type" in d and "start" in d for d in items):
            raise InputError(
                "holds records, not documents: a page needs the document's text; write Document.to_dict() "
                "output, or show the report file itself",
                source=path,
            )
        raise InputError("holds no document (objects with 'text' and 'records', as Document.to_dict() gives)", source=path)
    return docs


def _select(docs: list[dict[str, Any]], wanted: str | None, source: str) -> list[dict[str, Any]]:
    from ..errors import InputError

    if wanted is None:
        return docs
    chosen = [d for d in docs if d.get("doc") == wanted]
    if not chosen:
        known = ", ".join(str(d.get("doc")) for d in docs[:10])
        raise InputError(f"has no document {wanted!r} (it has: {known})", source=source)
    return chosen


def documents_for(args: argparse.Namespace) -> list[dict[str, Any]]:
    from ..errors import InputError

    if args.db:
        if not args.doc:
            raise InputError("--db needs --doc ID (a document id or path of the store)", source=args.db)
        return [from_store(args.db, args.doc, args.root)]
    if not args.path:
        raise InputError("give a report file, a JSON/JSONL file of documents, or --db CORPUS.sqlite --doc ID")
    if args.path.lower().endswith(JSON_SUFFIXES):
        return _select(_read_json(args.path), args.doc, args.path)
    from ..files import analyze_file

    docs = [dict(d.to_dict(), key_sentences=[k.to_dict() for k in d.key_sentences])
            for d in analyze_file(args.path, year=args.year, lexicon=args.lexicon)]
    return _select(docs, args.doc, args.path)


def write_page(html: str, output: str | None) -> None:
    if output:
        Path(output).parent.mkdir(parents=True, exist_ok=True)
        with open(output, "w", encoding="utf-8", newline="\n") as f:
            f.write(html)
        print(f"wfltext: wrote {output} ({os.path.getsize(output) / 1024:,.0f} kB)", file=sys.stderr)
    else:
        sys.stdout.write(html)


def run(args: argparse.Namespace) -> int:
    from ..visualize import render_document

    write_page(render_document(documents_for(args), title=args.title), args.output)
    return 0
