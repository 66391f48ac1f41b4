"""Gold records with exact offsets from an annotator's list of spans (a gold file of your own).

LIST has one record a line, in the order the report holds them, tab-separated:
type (number, program, organization, slogan, document), the span exactly as the report writes
it (a line break inside it as \\n), and the fields as a JSON object with at least "norm" (a
number also value, unit, kind, object, approx, bound, range and masked; "start": N pins a span).
The output is the JSON lines of a gold file (docs/evaluation.md, "A gold set of your own"):
every record's text is the report's text at its offsets.

examples:
  wfltext gold report.txt report.tsv > report.gold.jsonl
  wfltext gold texts/county-2023.txt county-2023.tsv -o county-2023.gold.jsonl
  wfltext evaluate county-2023.gold.jsonl --texts texts/   # then score the extractors on it

exit codes:
  0    the gold file is written
  2    the text cannot be read, or a line of the list is not well formed or its span is not found
       (the message names the line)
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

NAME = "gold"
HELP = "gold records with exact offsets from an annotator's list of spans"
ORDER = 42


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("text", metavar="TEXT", help="the report: a UTF-8 text file, as evaluate reads a gold set's texts")
    p.add_argument("records", metavar="LIST", help="the annotator's list: type <TAB> text <TAB> fields (JSON)")
    p.add_argument("--doc", help="the document id of the records (default: TEXT's file name, so that `wfltext evaluate` "
                                 "finds the text beside a gold file)")
    p.add_argument("-o", "--output", metavar="FILE", help="write the gold JSON lines here (default: standard output)")


def run(args: argparse.Namespace) -> int:
    from ..annotate import parse, place
    from ..errors import InputError
    from ..evaluate import read_gold_text

    try:
        text = read_gold_text(args.text)  # as `wfltext evaluate` reads a gold set's texts
    except OSError as err:
        raise InputError(f"cannot read the text: {err.strerror}", source=args.text) from None
    except UnicodeDecodeError:
        raise InputError("a gold set's texts are UTF-8 text files: save the report as UTF-8 "
                         "(the offsets count the characters of that text)", source=args.text) from None
    try:
        with open(args.records, encoding="utf-8-sig") as f:
            entries = parse(f, source=args.records)
    except OSError as err:
        raise InputError(f"cannot read the list: {err.strerror}", source=args.records) from None
    rows = place(text, entries, args.doc or Path(args.text).name, source=args.records)
    out = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    if args.output:
        Path(args.output).write_text(out, encoding="utf-8")
    else:
        sys.stdout.write(out)
    print(f"{len(rows)} records", file=sys.stderr)
    return 0
