"""The learned filter over program and organization records (wfltext.learn.name_filter)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import wfltext
from wfltext.learn import name_filter as nf
from wfltext.learn import name_filter_train as nft

from .conftest import CORPUS

pytest.importorskip("numpy")

TINY = ("county-fl-summary", "league-summary", "branch-exchange")


@pytest.fixture(scope="module")
def tiny_gold(tmp_path_factory) -> Path:
    """Three written documents of the gold set, as a gold folder of their own."""
    out = tmp_path_factory.mktemp("tiny-filter-gold")
    lines = []
    for line in open(CORPUS / "gold" / "manifest.jsonl", encoding="utf-8"):
        entry = json.loads(line)
        if entry["id"] in TINY and not str(entry["source"]).startswith(("shared:", "scraped:")):
            (out / entry["source"]).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(CORPUS / "gold" / entry["source"], out / entry["source"])
            shutil.copy(CORPUS / "gold" / entry["gold"], out / entry["gold"])
            lines.append(line)
    assert lines
    (out / "manifest.jsonl").write_text("".join(lines), encoding="utf-8")
    return out


def test_training_is_deterministic_and_records_its_data(tiny_gold: Path, tmp_path: Path) -> None:
    a = nft.train([tiny_gold], tmp_path / "a.json")
    b = nft.train([tiny_gold], tmp_path / "b.json")
    assert (tmp_path / "a.json").read_bytes() == (tmp_path / "b.json").read_bytes() and a == b
    assert a["version"] == nf.FEATURE_VERSION and len(a["digest"]) == 64
    assert a["types"] == list(nf.TYPES) and set(a["models"]) == set(nf.TYPES)
    for m in a["models"].values():
        assert len(m["weights"]) == len(m["mean"]) == len(m["scale"]) == len(m["features"])
        # no scraped set to choose on: every record is kept
        assert m["threshold"] == 0.0


def _orgs(text: str) -> tuple[list, list]:
    with nf.off():
        before = [r for r in wfltext.Document(text).extract() if r.type == "organization"]
    after = [r for r in wfltext.Document(text).extract() if r.type == "organization"]
    return before, after


def test_without_the_file_the_records_are_as_before(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    text = "今年，我们积极引导各类企业建厂，县妇联带动就业500人。"
    with nf.off():
        before = [r.to_dict() for r in wfltext.Document(text).extract()]
    monkeypatch.setattr(nf, "model_path", lambda: tmp_path / nf.FILE_NAME)
    assert nf.load() is None and nf.digest() == "none"
    assert [r.to_dict() for r in wfltext.Document(text).extract()] == before
    # and without the learned parts at all, as --no-model asks
    assert all(r.rule != "model" for r in wfltext.Document(text).extract(model=False))


def test_features_read_general_properties() -> None:
    doc = wfltext.Document("县妇联工作总结\n县妇联联合“巾帼”志愿服务队开展活动。")
    with nf.off():
        recs = [r for r in doc.extract() if r.type == "organization"]
    feats = nf.record_features(doc, recs)
    first = feats[0]
    assert first["first_line"] == 1.0 and first["title_line"] == 1.0 and first["before=edge"] == 1.0
    assert first["rule=" + recs[0].rule] == 1.0 and first["head=prefix"] == 1.0
    assert feats[1]["later_mention"] == 1.0 and feats[1]["mentions"] == feats[0]["mentions"]
    assert nf.head_class("program", "春蕾计划") == "named" and nf.head_class("organization", "乱码") == "none"
