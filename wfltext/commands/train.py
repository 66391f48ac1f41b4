"""Train the name tagger (wfltext.learn) from gold folders and write the model files.

The model that ships in wfltext/models was made by the first example; the same gold gives the
same model file. The policy says how the model's spans join the rules' records per record type
(rules: the rules alone; model: the model alone; add: the rules' records plus the model's spans
that overlap none of them). See docs/learning.md.

examples:
  wfltext train corpus/gold -o wfltext/models            # the shipped model
  wfltext train corpus/gold my/gold -o my-model          # with gold of your own
  WFLTEXT_MODEL_DIR=my-model wfltext extract report.txt  # use it
"""

from __future__ import annotations

import argparse
import json
import sys

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


def run(args: argparse.Namespace) -> int:
    from ..errors import InputError
    from ..learn.train import train

    policy = None
    if args.policy:
        try:
            policy = dict(item.split("=", 1) for item in args.policy.split(","))
        except ValueError:
            raise InputError(f"--policy takes type=policy pairs separated by commas, not {args.policy!r}") from None
    try:
        kw = {"threshold": args.threshold} if args.threshold is not None else {}
        info = train(args.gold, args.out, policy=policy, shared=args.shared, **kw)
    except ValueError as err:
        raise InputError(str(err)) from None
    print(json.dumps(info.to_dict(), ensure_ascii=False, indent=1, sort_keys=True))
    sys.stdout.flush()
    return 0
