"""Print a report's normalized text, the fixes applied to it, or its noise.

examples:
  wfltext normalize corpus/reports/000_6e53a69d3eb90f18.txt
  wfltext normalize --steps report.txt | head
  wfltext normalize --noise report.txt
  wfltext normalize page.html                 # web pages and .docx files are read as everywhere
  wfltext normalize --repair-mojibake garbled.txt
"""

from __future__ import annotations

import argparse
import json
import sys

NAME = "normalize"
HELP = "print the normalized text (or the fixes applied, or the noise) of a file"
ORDER = 50


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("path", help="a report file: .txt (any encoding), .html/.htm or .docx")
    p.add_argument(
        "--repair-mojibake",
        action="store_true",
        help="read a file that is UTF-8 once decoded as GBK (or Latin-1) and saved again as the text it was, instead of refusing it",
    )
    what = p.add_mutually_exclusive_group()
    what.add_argument("--steps", action="store_true", help="print the applied fixes as JSONL (original offsets) instead of the text")
    what.add_argument("--noise", action="store_true", help="print the original spans that make records noisy (garbles, masks) as JSONL")


def run(args: argparse.Namespace) -> int:
    from ..normalize import normalize
    from ..reader import read

    n = normalize(read(args.path, repair_mojibake=getattr(args, "repair_mojibake", False)).text)
    if args.steps:
        for st in n.steps:
            sys.stdout.write(json.dumps(st.to_dict(), ensure_ascii=False) + "\n")
    elif getattr(args, "noise", False):
        for s, e in n.noise:
            sys.stdout.write(json.dumps({"start": s, "end": e, "text": n.original[s:e]}, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(n.text)
    return 0
