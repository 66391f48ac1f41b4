"""The learned filter over program and organization records (wfltext.learn.name_filter), measured
and not in the pipeline: its features, its training and how it drops records."""

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
        if entry["id"] in TINY:
            (out / entry["source"]).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(CORPUS / "gold" / entry["source"], out / entry["source"])
            shutil.copy(CORPUS / "gold" / entry["gold"], out / entry["gold"])
            lines.append(line)
    assert len(lines) == len(TINY)
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
        # no set of real pages to choose on: every record is kept
        assert m["threshold"] == 0.0
    assert nf.load(tmp_path / "a.json") is not None


def test_a_file_made_for_other_features_is_not_read(tiny_gold: Path, tmp_path: Path) -> None:
    data = nft.train([tiny_gold])
    data["version"] = nf.FEATURE_VERSION + 1
    (tmp_path / "old.json").write_text(json.dumps(data), encoding="utf-8")
    assert nf.load(tmp_path / "old.json") is None and nf.load(tmp_path / "none.json") is None


def test_it_only_drops_and_keeps_offsets(tiny_gold: Path) -> None:
    data = nft.train([tiny_gold])
    models = {t: nf.prepared({**m, "threshold": 0.99}) for t, m in data["models"].items()}
    text = "青山县妇联2023年工作总结\n一年来，青山县妇联在县委的领导下，支持各类企业建厂，镇关工委组织“巾帼学堂”读书班宣讲12场。"
    doc = wfltext.Document(text)
    records = doc.extract()
    kept = nf.keep(doc, records, models)
    assert len(kept) < len(records)
    assert all(any(k is r for r in records) for k in kept)
    assert all(text[r.start:r.end] == r.text for r in kept)
    assert {r.type for r in records} - {r.type for r in kept} <= set(nf.TYPES)
    assert nf.keep(doc, records, None) is records


def test_features_read_general_properties() -> None:
    doc = wfltext.Document("县妇联工作总结\n县妇联联合“巾帼”志愿服务队开展活动。")
    recs = [r for r in doc.extract() if r.type == "organization"]
    feats = nf.record_features(doc, recs)
    first = feats[0]
    assert first["first_line"] == 1.0 and first["title_line"] == 1.0 and first["before=edge"] == 1.0
    assert first["rule=" + recs[0].rule] == 1.0 and first["head=prefix"] == 1.0
    assert first["token_start"] == 1.0 and first["level_prefix"] == 1.0
    assert feats[1]["later_mention"] == 1.0 and feats[1]["mentions"] == feats[0]["mentions"]
    assert nf.head_class("program", "春蕾计划") == "named" and nf.head_class("organization", "乱码") == "none"


def test_rare_features_get_no_weight() -> None:
    rows = [{"rule=a": 1.0, "length": 3.0}] * nf.MIN_SUPPORT + [{"rule=b": 1.0, "before=latin": 1.0, "length": 4.0}]
    names = nf.feature_names(rows, "organization")
    assert names == ["length", "rule=a", "rule=other"]
    assert nf.vector({"rule=b": 1.0, "length": 4.0}, names) == [4.0, 0.0, 1.0]
