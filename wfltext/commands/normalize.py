"""Print a report's normalized text, or the fixes applied to it.

examples:
  wfltext normalize corpus/reports/000_6e53a69d3eb90f18.txt
  wfltext normalize --steps report.txt | head
"""

from __future__ import annotations

import argparse
import json
import sys

NAME = "normalize"
HELP = "print the normalized text (or the fixes applied) of a file"
ORDER = 50


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("path", help="a report file (any encoding)")
    p.add_argument("--steps", action="store_true", help="print the applied fixes as JSONL instead of the text")


def run(args: argparse.Namespace) -> int:
    from ..normalize import normalize
    from ..reader import read

    n = normalize(read(args.path).text)
    if args.steps:
        for st in n.steps:
            sys.stdout.write(json.dumps(st.to_dict(), ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(n.text)
    return 0
