"""The normalizer's example cases (``corpus/normalize/*.jsonl``, fields in its README): each fix
on its own, negatives that must stay as they are, and known failures kept as strict xfails."""

from __future__ import annotations

import json

import pytest

from wfltext.normalize import FIXES, normalize
from wfltext.normalize.offsets import OffsetMap

from .conftest import CORPUS, ROOT, SHARED, read_original

CASES_DIR = CORPUS / "normalize"


def _load() -> list:
    params = []
    for path in sorted(CASES_DIR.glob("*.jsonl")):
        for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            case = json.loads(line)
            marks = []
            if case.get("xfail"):
                marks.append(pytest.mark.xfail(strict=True, reason=case["xfail"]))
            if str(case.get("file", "")).startswith("realcorpus/") and SHARED is None:
                marks.append(pytest.mark.skip(reason="../shared (the real corpus) is not beside this clone; set WFLTEXT_SHARED"))
            params.append(pytest.param(case, id=f"{path.stem}:{i}", marks=marks))
    return params


CASES = _load()


def _text(case: dict) -> str:
    if "input" in case:
        return case["input"]
    name = case["file"]
    root = SHARED if name.startswith("realcorpus/") else ROOT
    assert root is not None
    return read_original(root / name)[case["start"] : case["end"]]


def _run(fix: str, text: str) -> tuple[str, list[str]]:
    """The fix alone (or the whole plan): output and the texts of the spans that become noise."""
    if fix == "normalize":
        n = normalize(text)
        return n.text, [text[s:e] for s, e in n.noise]
    found = FIXES[fix]
    edits = found.find(text)
    out, _ = OffsetMap.identity(len(text)).apply(text, edits)
    noise = [text[e.start : e.end] for e in edits if found.noisy or text[e.start : e.end] == e.replacement]
    return out, noise


def test_there_are_enough_cases_with_negatives() -> None:
    cases = [p.values[0] for p in CASES]
    assert len(cases) >= 100
    negatives = [c for c in cases if c.get("same") or c.get("spans") == []]
    assert len(negatives) >= 30
    assert {c["source"] for c in cases} == {"sample", "realcorpus", "written"}
    named = {c["fix"] for c in cases}
    assert set(FIXES) - {"line-endings"} <= named


@pytest.mark.parametrize("case", CASES)
def test_case(case: dict) -> None:
    assert case["fix"] == "normalize" or case["fix"] in FIXES, case["fix"]
    text = _text(case)
    if "spans" in case:
        n = normalize(text)
        got = [[st.start, st.end] for st in n.steps if st.fix == case["fix"]]
        assert got == case["spans"], [text[s:e][:40] for s, e in got]
        return
    out, noise = _run(case["fix"], text)
    expected = text if case.get("same") else case["expect"]
    assert out == expected
    if "marks" in case:
        assert noise == case["marks"]
    if "noisy" in case:
        assert bool(noise) == case["noisy"], noise
