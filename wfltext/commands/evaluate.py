"""Score records against a gold set: precision, recall and F1 per record type, strict and
lenient, micro-averaged over documents (docs/evaluation.md).

GOLD is a gold folder holding manifest.jsonl (such as corpus/gold) or one gold JSONL file whose
"doc" fields name text files beside it. A links gold folder (manifest entries with "links" files,
such as corpus/links/dev) is scored for links: per field (a number's program and actor, a
program's actor and partners), F1 over the links that exist, on records found by both sides,
and how many documents' issuing body (the implied actor) is right. An issuers gold folder
(manifest entries with "issuer", such as corpus/issuers/held) is scored for the issuing body
alone. PRED is a JSONL file of predicted records; without it, the extractors run on the gold's
documents now.

examples:
  wfltext evaluate corpus/gold                          # the project's gold set
  wfltext evaluate corpus/gold --types number --errors  # what the number extractor misses
  wfltext evaluate gold.jsonl predictions.jsonl --by-doc
  wfltext evaluate corpus/scraped/dev --texts pages/dev  # web pages: their texts are not shipped
  wfltext evaluate corpus/heldout --no-model            # the rules alone, without the learned parts
  wfltext evaluate corpus/heldout --ci                  # with 95% intervals (bootstrap over documents)
  wfltext evaluate corpus/links/dev --errors            # links: who did what, how much
  wfltext evaluate corpus/issuers/held --texts pages/issuers-held  # the issuing body of web pages
"""

from __future__ import annotations

import argparse
import json
import sys

NAME = "evaluate"
HELP = "precision/recall/F1 of records against a gold set"
ORDER = 40


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("gold", metavar="GOLD", help="gold folder (with manifest.jsonl) or gold JSONL file")
    p.add_argument("pred", metavar="PRED", nargs="?", help="predicted records (JSONL); default: run the extractors")
    p.add_argument("--types", help="comma-separated record types (default: all)")
    p.add_argument("--by-doc", action="store_true", help="also show per-document figures")
    p.add_argument("--errors", action="store_true", help="list misses and false records with their context")
    p.add_argument("--texts", help="folder of the gold's text files (for a gold JSONL file, or the web pages of a "
                   "manifest whose sources are 'scraped:'; default $WFLTEXT_SCRAPED_TEXTS)")
    p.add_argument("--no-model", action="store_true", help="the rules alone: leave the learned name tagger and issuing-body ranker out")
    p.add_argument("--gold-records", action="store_true",
                   help="links: run the linker on the gold's own records (its 'names' files), not the extractors': "
                        "the linker's decisions apart from what extraction misses")
    p.add_argument("--shared", help="the shared data folder for 'shared:' sources (default ../shared)")
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
    p.add_argument("--ci", action="store_true",
                   help="also 95%% intervals: of each F1 (records, links), a bootstrap over the documents; of the "
                        "share of issuing bodies right (Wilson). How far a figure of this set may move by chance")


def run(args: argparse.Namespace) -> int:
    from ..evaluate import evaluate, format_errors, format_intervals, format_report, intervals, is_issuers_gold, is_links_gold
    from . import parse_types

    if is_links_gold(args.gold):
        return _run_links(args)
    if is_issuers_gold(args.gold):
        from ..evaluate import evaluate_issuers, format_issuer_errors, format_issuer_report, wilson

        def wilson_line(rep) -> str:
            lo, hi = wilson(rep.right, len(rep.rows))
            return f"95% interval of the share right (Wilson): [{lo:.3f}, {hi:.3f}]"

        return _score(args, lambda left: evaluate_issuers(args.gold, args.pred, texts=args.texts, shared=args.shared,
                                                          model=not args.no_model, left_out=left),
                      format_issuer_report, format_issuer_errors,
                      (wilson_line, lambda rep: {"interval": list(wilson(rep.right, len(rep.rows)))}))
    types = parse_types(args.types)
    return _score(args, lambda left: evaluate(args.gold, args.pred, types=types, texts=args.texts, shared=args.shared,
                                              model=not args.no_model, left_out=left), format_report, format_errors,
                  (format_intervals, lambda rep: {"intervals": {t: {m: list(v) for m, v in ms.items()}
                                                                for t, ms in intervals(rep).items()}}))


def _run_links(args: argparse.Namespace) -> int:
    from ..evaluate import evaluate_links, format_link_errors, format_link_intervals, format_link_report, link_intervals

    return _score(args, lambda left: evaluate_links(args.gold, args.pred, texts=args.texts, shared=args.shared,
                                                    model=not args.no_model, gold_records=args.gold_records,
                                                    left_out=left),
                  format_link_report, format_link_errors,
                  (format_link_intervals, lambda rep: {"intervals": {k: list(v) for k, v in link_intervals(rep).items()}}))


def _score(args: argparse.Namespace, scored, report, errors, intervals) -> int:
    """Print a scoring's figures (and errors; with ``--ci``, ``intervals``: the text and the JSON
    of how sure they are); a set whose web pages are not here is skipped, and a page that is not
    the one annotated is left out with a warning naming it (the set is scored without it)."""
    from ..evaluate import TextsMissing

    left: list[str] = []
    try:
        rep, docs = scored(left)
    except TextsMissing as err:
        print(f"wfltext evaluate: skipped: {err}", file=sys.stderr)
        return 0
    if left:
        print(f"wfltext evaluate: warning: left out {len(left)} document(s) whose web page is not the one annotated "
              f"(sha256 differs from the manifest's): {', '.join(left)}; the figures are of the others", file=sys.stderr)
    as_text, as_json = intervals
    if args.json:
        extra = {"left_out": left} if left else {}
        print(json.dumps({**rep.to_dict(), **extra, **(as_json(rep) if args.ci else {})}, ensure_ascii=False, indent=1))
    else:
        print(report(rep, by_doc=args.by_doc) + ("\n\n" + as_text(rep) if args.ci else ""))
    if args.errors:
        print()
        print(errors(rep, docs))
    sys.stdout.flush()
    return 0
