"""The evaluate figures on corpus/gold and corpus/heldout are pinned exactly.

``tests/data/baseline.json`` holds the counts (gold, predicted and matched records per type,
strict and lenient) that ``benchmarks/records_digest.py --write`` recorded. A change meant to
leave accuracy alone (speed work, refactoring) keeps them equal; a change that improves the rules
records them again with that command, and the diff shows what moved.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from wfltext.evaluate import evaluate

from .conftest import CORPUS, needs_shared

BASELINE = json.loads((Path(__file__).parent / "data" / "baseline.json").read_text(encoding="utf-8"))


def _counts(counts) -> dict:
    return {t: {"gold": c.gold, "pred": c.pred, "matched": c.matched} for t, c in sorted(counts.items())}


@needs_shared
@pytest.mark.parametrize("folder", ["gold", "heldout"])
def test_evaluate_figures_are_pinned(folder: str) -> None:
    rep, _ = evaluate(CORPUS / folder)
    assert {"strict": _counts(rep.strict), "lenient": _counts(rep.lenient)} == BASELINE["figures"][folder]
