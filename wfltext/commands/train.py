"""Train the name tagger (wfltext.learn) from gold folders and write the model files.

The model that ships in wfltext/models was made by the first example; the same gold gives the
same model file. The policy says how the model's spans join the rules' records per record type
(rules: the rules alone; model: the model alone; add: the rules' records plus the model's spans
that overlap none of them). See docs/learning.md.

Scraped sets (corpus/scraped/*) are web pages whose texts are not distributed: --texts names a
folder holding one folder of pages per set, by the set's folder name (PAGES/dev, PAGES/dev2 …);
every page is checked against the sha256 its manifest holds.

examples:
  wfltext train corpus/gold corpus/scraped/dev corpus/scraped/dev2 corpus/scraped/dev3 \
      corpus/scraped/final4 --texts PAGES -o wfltext/models   # the shipped model
  wfltext train corpus/gold -o my-model                  # the written and shared texts alone
  wfltext train corpus/gold my/gold -o my-model          # with gold of your own
  WFLTEXT_MODEL_DIR=my-model wfltext extract report.txt  # use it
  wfltext train corpus/gold corpus/silver/programs-recall --texts PAGES --types program \
      --policy program=add -o prog-model                 # programs alone, with a set annotating them alone
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

NAME = "train"
HELP = "train the learned name tagger from gold folders"
ORDER = 45


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("gold", nargs="+", metavar="GOLD", help="gold folders (each with manifest.jsonl)")
    p.add_argument("-o", "--out", required=True, help="folder for names.crfsuite and names.json")
    p.add_argument("--policy", help="per type, e.g. program=add,organization=add,slogan=rules "
                   "(default: the measured policy, wfltext.learn.train.DEFAULT_POLICY)")
    p.add_argument("--threshold", type=float, help="least label marginal of a model span (default: the measured one)")
    p.add_argument("--shared", help="the shared data folder for 'shared:' sources (default ../shared)")
    p.add_argument("--texts", metavar="PAGES", help="folder holding one folder of web pages per scraped set, by the set's name")
    p.add_argument("--types", help="the record types whose names the model learns, e.g. program "
                   "(default: program, organization and slogan; a gold set annotating one type alone can then be used)")


def run(args: argparse.Namespace) -> int:
    from ..errors import InputError
    from ..evaluate import TextsMissing
    from ..learn.train import train

    policy = None
    if args.policy:
        try:
            policy = dict(item.split("=", 1) for item in args.policy.split(","))
        except ValueError:
            raise InputError(f"--policy takes type=policy pairs separated by commas, not {args.policy!r}") from None
    try:
        kw = {"threshold": args.threshold} if args.threshold is not None else {}
        types = [t.strip() for t in args.types.split(",") if t.strip()] if args.types else None
        info = train(args.gold, args.out, policy=policy, shared=args.shared, texts=args.texts, types=types, **kw)
    except TextsMissing as err:
        raise InputError(f"{err.source}: its web pages are not distributed; pass --texts PAGES, a folder holding "
                         f"one folder of pages per set by the set's name ({Path(err.source).name} → PAGES/{Path(err.source).name})") from None
    except ValueError as err:
        raise InputError(str(err)) from None
    print(json.dumps(info.to_dict(), ensure_ascii=False, indent=1, sort_keys=True))
    sys.stdout.flush()
    return 0
