"""The learned number filter's measurement (``benchmarks/learned_number_filter.py``, measured and
dropped: docs/learning.md): its features read a record and its page alone, its labels are the
evaluator's matching, and its training is deterministic."""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType

from wfltext.evaluate import evaluate, load_gold

from .conftest import ROOT


def _module() -> ModuleType:
    path = ROOT / "benchmarks" / "learned_number_filter.py"
    if str(path.parent) not in sys.path:
        sys.path.insert(0, str(path.parent))
    spec = importlib.util.spec_from_file_location("learned_number_filter", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # a dataclass looks its module up there
    spec.loader.exec_module(module)
    return module


nf = _module()


def _row(text: str, surface: str, **fields: object) -> dict[str, float]:
    start = text.index(surface)
    rec = {"start": start, "end": start + len(surface), "text": surface, "norm": surface, "kind": "count",
           "unit": "名", "value": 200, **fields}
    return dict(zip(nf.FEATURES, nf.features(text, [rec])[0]))


def test_features_read_the_record_and_its_page() -> None:
    text = "2021年工作总结\n县妇联走访慰问困难妇女200名。\n印发《第三批名单》。"
    row = _row(text, "200名")
    assert len(row) == len(nf.FEATURES)
    assert row["kind:count"] == 1 and row["before:han"] == 1 and row["after:punct"] == 1
    assert row["first line"] == 0 and row["clause verb"] == 1 and row["in 《》"] == 0
    title = _row(text, "2021年", kind="date", unit=None, value=None, date="2021")
    assert title["first line"] == 1 and title["year"] == 1 and title["line without sentence punctuation"] == 1
    assert title["before:edge"] == 1
    cited = _row(text, "第三批", kind="ordinal", unit="批", value=3)
    assert cited["in 《》"] == 1 and cited["last lines"] == 1


def test_labels_are_the_evaluators_matching_and_training_is_deterministic() -> None:
    docs = load_gold(ROOT / "corpus" / "heldout")
    sets = nf.candidates("heldout", docs)
    rep, _ = evaluate(ROOT / "corpus" / "heldout", types=["number"], model=False)
    c = rep.strict["number"]
    assert (len(sets.labels), int(sum(sets.labels))) == (c.pred, c.matched)
    assert nf.counts(sets, [1.0] * len(sets.rows), 0.0) == (c.gold, c.pred, c.matched)
    half = nf.Candidates("a", sets.rows[::2], sets.labels[::2], [], [])
    assert nf.fit(half.rows, half.labels) == nf.fit(half.rows, half.labels)
