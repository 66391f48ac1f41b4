"""The scorer itself: each kind of error moves the figures as the contract's Scoring says."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from wfltext.evaluate import Counts, load_gold, match, names_match, score

from .conftest import CORPUS, needs_shared


def rec(doc="d", type_="organization", norm="县妇联", start=0, **kw):
    r = {"doc": doc, "type": type_, "norm": norm, "start": start, "end": start + len(norm), "text": norm}
    r.update(kw)
    return r


def num(value, unit="人", start=0, norm=None, **kw):
    base = {"value": value, "unit": unit, "range": None, "masked": False, "kind": "count"}
    base.update(kw)
    return rec(type_="number", norm=norm or f"{value}{unit}", start=start, **base)


GOLD = [
    rec(norm="县妇联", start=0),
    rec(norm="县委", start=10),
    rec(type_="program", norm="春蕾计划", start=20),
    num(200, "名", start=30),
    num(10000, "元", start=40),
]


def figures(gold, pred, type_, mode="strict"):
    rep = score(gold, pred, types=[type_])
    c = (rep.strict if mode == "strict" else rep.lenient)[type_]
    return round(c.precision, 4), round(c.recall, 4), round(c.f1, 4)


def test_perfect_prediction_scores_one() -> None:
    rep = score(GOLD, [dict(r) for r in GOLD])
    for t in ("organization", "program", "number"):
        assert rep.strict[t].f1 == 1.0 and rep.lenient[t].f1 == 1.0


def test_missing_record_lowers_recall_only() -> None:
    pred = [r for r in GOLD if r["norm"] != "县委"]
    assert figures(GOLD, pred, "organization") == (1.0, 0.5, 0.6667)


def test_extra_record_lowers_precision_only() -> None:
    pred = GOLD + [rec(norm="县政府", start=50)]
    assert figures(GOLD, pred, "organization") == (0.6667, 1.0, 0.8)


def test_wrong_value_is_a_miss_and_a_false_record() -> None:
    pred = [r for r in GOLD if r.get("value") != 10000] + [num(1, "元", start=40)]
    assert figures(GOLD, pred, "number") == (0.5, 0.5, 0.5)
    errors = score(GOLD, pred, types=["number"]).errors
    assert sorted(e.kind for e in errors) == ["false", "miss"]


def test_values_are_compared_at_four_decimals() -> None:
    assert figures([num(0.12345, "%")], [num(0.12346, "%")], "number") == (1.0, 1.0, 1.0)
    assert figures([num(0.1234, "%")], [num(0.1236, "%")], "number") == (0.0, 0.0, 0.0)


def test_masked_numbers_also_match_on_their_text() -> None:
    g = [num(None, "个", masked=True, norm="201*0个")]
    assert figures(g, [num(None, "个", masked=True, norm="201*0个")], "number") == (1.0, 1.0, 1.0)
    assert figures(g, [num(None, "个", masked=True, norm="20*0个")], "number") == (0.0, 0.0, 0.0)


def test_lenient_only_match() -> None:
    g = [rec(type_="program", norm="阳光救助行动")]
    p = [rec(type_="program", norm="贫困女大学生阳光救助行动")]  # 6 of 12 characters: half
    assert figures(g, p, "program", "strict") == (0.0, 0.0, 0.0)
    assert figures(g, p, "program", "lenient") == (1.0, 1.0, 1.0)
    too_long = [rec(type_="program", norm="开展贫困女大学生阳光救助行动")]
    assert figures(g, too_long, "program", "lenient") == (0.0, 0.0, 0.0)


def test_numbers_have_no_lenient_mode() -> None:
    g = [num(200, "名")]
    p = [num(200, "人")]
    assert figures(g, p, "number", "lenient") == (0.0, 0.0, 0.0)


def test_matching_is_one_to_one() -> None:
    g = [rec(norm="县妇联", start=0), rec(norm="县妇联", start=20)]
    p = [rec(norm="县妇联", start=0)]
    assert figures(g, p, "organization") == (1.0, 0.5, 0.6667)
    assert len(match(g, p * 3, "organization")) == 2


def test_micro_average_over_documents() -> None:
    g = [rec(doc="a"), rec(doc="b"), rec(doc="b", norm="县委", start=9)]
    p = [rec(doc="a"), rec(doc="b", norm="县政府")]
    rep = score(g, p, types=["organization"])
    assert (rep.strict["organization"].matched, rep.strict["organization"].gold, rep.strict["organization"].pred) == (1, 3, 2)
    assert rep.by_doc["a"]["organization"][0].f1 == 1.0


def _many_docs(n_right: int, n_wrong: int) -> tuple[list[dict], list[dict]]:
    """Gold and predictions over documents each holding one organization: right in the first
    ``n_right``, another name in the rest."""
    gold = [rec(doc=f"d{i}") for i in range(n_right + n_wrong)]
    pred = [rec(doc=f"d{i}", norm="县妇联" if i < n_right else "县政府") for i in range(n_right + n_wrong)]
    return gold, pred


def test_intervals_hold_the_figure_and_narrow_with_more_documents() -> None:
    """The bootstrap interval of an F1 (over documents) holds the figure itself, is the same at
    every run (a fixed seed), is a point where every document scores alike, and narrows as the
    same rate is measured on more documents."""
    from wfltext.evaluate import intervals

    rep = score(*_many_docs(15, 10), types=["organization"])
    lo, hi = intervals(rep)["organization"]["strict"]
    assert lo <= rep.strict["organization"].f1 == 0.6 <= hi
    assert intervals(rep) == intervals(rep)
    big = score(*_many_docs(60, 40), types=["organization"])
    lo4, hi4 = intervals(big)["organization"]["strict"]
    assert hi4 - lo4 < (hi - lo) * 0.75
    same = score(*_many_docs(20, 0), types=["organization"])
    assert intervals(same)["organization"]["strict"] == (1.0, 1.0)


def test_pooled_reports_add_up_their_counts() -> None:
    """Sets scored apart and pooled count as one set of all their documents."""
    from wfltext.evaluate import pool

    g1, p1 = _many_docs(3, 1)
    g2 = [dict(r, doc="e" + r["doc"]) for r in _many_docs(1, 3)[0]]
    p2 = [dict(r, doc="e" + r["doc"]) for r in _many_docs(1, 3)[1]]
    pooled = pool([score(g1, p1, types=["organization"]), score(g2, p2, types=["organization"])])
    whole = score(g1 + g2, p1 + p2, types=["organization"])
    assert pooled.strict["organization"] == whole.strict["organization"]
    assert len(pooled.by_doc) == len(whole.by_doc) == 8


def test_differences_are_paired_over_the_same_documents() -> None:
    """Two versions scored on the same documents: the difference of their F1 and its paired
    interval; one that is right on six more documents of forty is better beyond chance, a
    version against itself differs by nothing; figures read back from --json are the same."""
    from wfltext.evaluate import differences, report_from_dict

    before = score(*_many_docs(20, 20), types=["organization"])
    after = score(*_many_docs(26, 14), types=["organization"])
    d, lo, hi = differences(after, before)["organization"]["strict"]
    assert round(d, 3) == round(after.strict["organization"].f1 - before.strict["organization"].f1, 3) == 0.15
    assert 0 < lo <= d <= hi
    assert differences(before, before)["organization"]["strict"] == (0.0, 0.0, 0.0)
    back = report_from_dict(json.loads(json.dumps(after.to_dict())))
    assert back.strict["organization"] == after.strict["organization"]
    assert back.by_doc == after.by_doc
    assert differences(after, back)["organization"]["lenient"] == (0.0, 0.0, 0.0)


def test_cli_evaluate_prints_intervals(tmp_path) -> None:
    (tmp_path / "a.txt").write_text("县妇联联合县委开展活动。", encoding="utf-8")
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps(rec(doc="a.txt", norm="县妇联"), ensure_ascii=False) + "\n", encoding="utf-8")
    cmd = [sys.executable, "-m", "wfltext", "evaluate", str(gold), "--types", "organization", "--ci"]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    assert "95% intervals of F1, bootstrap over the 1 document (2,000 resamples)" in out
    as_json = json.loads(subprocess.run([*cmd, "--json"], capture_output=True, text=True, check=True).stdout)
    assert len(as_json["intervals"]["organization"]["strict"]) == 2


def test_predictions_for_other_documents_are_ignored() -> None:
    assert figures([rec(doc="a")], [rec(doc="a"), rec(doc="zzz")], "organization") == (1.0, 1.0, 1.0)


def test_names_match_rule() -> None:
    assert names_match("ab", "ab", False)
    assert not names_match("ab", "abc", False)
    assert names_match("ab", "abcd", True)
    assert not names_match("ab", "abcde", True)


def test_empty_counts_are_perfect() -> None:
    assert Counts().f1 == 1.0


@needs_shared
def test_gold_set_loads_with_valid_offsets() -> None:
    docs = load_gold(CORPUS / "gold")
    assert docs, "corpus/gold/manifest.jsonl lists no document"
    from wfltext.split import split_reports

    for d in docs:
        texts = {d.id: d.text}
        if d.split:
            texts = {f"{d.id}#{i}": d.text[s:e] for i, (s, e) in enumerate(split_reports(d.text), 1)}
        for r in d.records:
            assert r["doc"] in texts, (d.id, r["doc"])
            assert texts[r["doc"]][r["start"] : r["end"]] == r["text"], (r["doc"], r)


@needs_shared
def test_seed_gold_is_kept_in_step(shared) -> None:
    seeds = sorted((shared / "seeds").glob("*.gold.jsonl"))
    ours = CORPUS / "gold" / seeds[0].name
    assert ours.read_text(encoding="utf-8") == seeds[0].read_text(encoding="utf-8")


def test_cli_evaluate_json(tmp_path) -> None:
    text = "县妇联联合县委开展活动。"
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps(rec(doc="a.txt", norm="县妇联"), ensure_ascii=False) + "\n", encoding="utf-8")
    pred = tmp_path / "pred.jsonl"
    pred.write_text(json.dumps(rec(doc="a.txt", norm="县妇联"), ensure_ascii=False) + "\n", encoding="utf-8")
    out = subprocess.run(
        [sys.executable, "-m", "wfltext", "evaluate", str(gold), str(pred), "--types", "organization", "--json"],
        capture_output=True, text=True, check=True,
    )
    assert json.loads(out.stdout)["strict"]["organization"]["f1"] == 1.0


@pytest.mark.parametrize("bad", ["{not json\n"])
def test_bad_gold_file_is_a_clear_error(tmp_path, bad) -> None:
    p = tmp_path / "g.jsonl"
    p.write_text(bad, encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "wfltext", "evaluate", str(p)], capture_output=True, text=True)
    assert out.returncode == 2
    assert "line 1 is not JSON" in out.stderr and out.stderr.count("\n") == 1


def test_a_set_of_web_pages_is_skipped_without_its_texts_and_checked_with_them(tmp_path, capsys, monkeypatch) -> None:
    import json as _json

    from wfltext.cli import main
    from wfltext.errors import InputError
    from wfltext.evaluate import TextsMissing, load_gold

    monkeypatch.delenv("WFLTEXT_SCRAPED_TEXTS", raising=False)
    gold = tmp_path / "set"
    gold.mkdir()
    text = "县妇联举办培训班3期。"
    import hashlib

    entry = {"id": "p1", "source": "scraped:p1.txt", "gold": "p1.gold.jsonl", "url": "https://example.invalid/1",
             "sha256": hashlib.sha256(text.encode()).hexdigest()}
    (gold / "manifest.jsonl").write_text(_json.dumps(entry) + "\n", encoding="utf-8")
    (gold / "p1.gold.jsonl").write_text(_json.dumps({"doc": "p1", "type": "organization", "text": "县妇联", "start": 0,
                                                     "end": 3, "norm": "县妇联"}, ensure_ascii=False) + "\n", encoding="utf-8")
    with pytest.raises(TextsMissing):
        load_gold(gold)
    assert main(["evaluate", str(gold)]) == 0
    assert "skipped" in capsys.readouterr().err
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "p1.txt").write_text("另一段文字。", encoding="utf-8")
    with pytest.raises(InputError, match="sha256"):
        load_gold(gold, texts=pages)
    (pages / "p1.txt").write_text(text, encoding="utf-8")
    assert load_gold(gold, texts=pages)[0].text == text
    assert main(["evaluate", str(gold), "--texts", str(pages), "--types", "organization"]) == 0
    assert "organization" in capsys.readouterr().out
    # a second page that is not the one annotated: the library refuses the set, the command
    # leaves that page out with a warning naming it and scores the other
    entry2 = {**entry, "id": "p2", "source": "scraped:p2.txt", "gold": "p2.gold.jsonl"}
    (gold / "manifest.jsonl").write_text(_json.dumps(entry) + "\n" + _json.dumps(entry2) + "\n", encoding="utf-8")
    (gold / "p2.gold.jsonl").write_text("", encoding="utf-8")
    (pages / "p2.txt").write_text("另一段文字。", encoding="utf-8")
    with pytest.raises(InputError, match="p2: .*sha256"):
        load_gold(gold, texts=pages)
    left: list[str] = []
    assert [d.id for d in load_gold(gold, texts=pages, left_out=left)] == ["p1"] and left == ["p2"]
    assert main(["evaluate", str(gold), "--texts", str(pages), "--types", "organization", "--json"]) == 0
    captured = capsys.readouterr()
    assert "left out 1 document(s)" in captured.err and "p2" in captured.err
    report = _json.loads(captured.out)
    assert report["left_out"] == ["p2"] and report["strict"]["organization"]["gold"] == 1


def test_issuing_bodies_are_scored_against_an_issuers_gold(tmp_path, capsys) -> None:
    """An issuers gold folder (manifest entries with ``issuer``) is scored for the issuing body the
    linker reads; the same figure appears, per document with implied links, in a links report."""
    from wfltext.evaluate import evaluate_issuers, is_issuers_gold, is_links_gold

    texts = {"a": "青石镇妇联2023年工作总结\n一年来，我会组织培训妇女200名。\n",
             "b": "工作总结\n一年来，我村党支部带领党员开展“三会一课”12次。\n"}
    entries = []
    for doc, text in texts.items():
        (tmp_path / f"{doc}.txt").write_text(text, encoding="utf-8")
        entries.append({"id": doc, "source": f"{doc}.txt", "issuer": {"norm": "青石镇妇联" if doc == "a" else "镇党委",
                                                                       "start": 0, "end": 5, "text": text[:5]}})
    (tmp_path / "manifest.jsonl").write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in entries), encoding="utf-8")
    assert is_issuers_gold(tmp_path) and not is_links_gold(tmp_path)
    rep, _ = evaluate_issuers(tmp_path)
    assert [(d, g, p) for d, g, p, _, _ in rep.rows] == [("a", "青石镇妇联", "青石镇妇联"), ("b", "镇党委", "村党支部")]
    assert (rep.right, rep.right_start) == (1, 1)
    out = subprocess.run([sys.executable, "-m", "wfltext", "evaluate", str(tmp_path), "--errors"],
                         capture_output=True, text=True, check=True).stdout
    assert "issuing body right in 1 of 2 documents" in out and "b: gold 镇党委@0, read 村党支部@" in out
    out = subprocess.run([sys.executable, "-m", "wfltext", "evaluate", str(tmp_path), "--ci"],
                         capture_output=True, text=True, check=True).stdout
    assert "95% interval of the share right (Wilson): [0.095, 0.905]" in out


def test_the_issuers_gold_sets_are_well_formed() -> None:
    """Every issuers set: an issuer per page (a norm; a first mention's start, end and text, all
    three or none), the page's address and sha256 kept (its text is not distributed), no page in
    two sets; the second annotation covers pages of its set."""
    folders = sorted(p.parent for p in (CORPUS / "issuers").rglob("manifest.jsonl"))
    assert {f.name for f in folders} >= {"study", "held", "final", "second"}
    seen: dict[str, str] = {}
    for folder in folders:
        entries = [json.loads(line) for line in (folder / "manifest.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
        assert entries, folder
        for e in entries:
            issuer = e["issuer"]
            assert issuer["norm"] and e["source"].startswith("scraped:") and len(e["sha256"]) == 64
            span = (issuer["start"], issuer["end"], issuer["text"])
            assert all(v is None for v in span) or (issuer["end"] - issuer["start"] == len(issuer["text"]))
            if folder.name != "second":
                assert e["url"] not in seen, (e["url"], seen.get(e["url"]), folder)
                seen[e["url"]] = folder.name
    held = {json.loads(line)["id"] for line in (CORPUS / "issuers" / "held" / "manifest.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()}
    second = [json.loads(line)["id"] for line in (CORPUS / "issuers" / "held" / "second" / "manifest.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    assert set(second) <= held


def test_the_scraped_sets_are_well_formed() -> None:
    """Every set of real scraped pages: per page its address, site, query and the sha256 of the
    exact text (the text is not distributed), a gold file whose records are in order with the
    fields of their type; no page in two sets, no site twice in an untouched set."""
    import hashlib

    from .conftest import heldout_excluded

    number_fields = {"value", "unit", "kind", "object", "approx", "bound", "range", "masked"}  # date: dates only
    excluded = heldout_excluded()
    seen: dict[str, str] = {}
    folders = sorted(p.parent for p in (CORPUS / "scraped").glob("*/manifest.jsonl"))
    assert {f.name for f in folders} >= {"study", "dev", "dev2", "final", "final2", "final3"}
    for folder in folders:
        entries = [json.loads(line) for line in (folder / "manifest.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
        assert len(entries) >= 23, folder  # 24 a set; final7 and final8 23 (an annotator's time ran out at five)
        if folder.name.startswith("final"):
            assert len({e["site"] for e in entries}) >= len(entries) - 1, folder
        for e in entries:
            assert e["source"] == f"scraped:{e['id']}.txt" and len(e["sha256"]) == 64 and e["url"] and e["query"], e["id"]
            assert e["url"] not in seen, (e["url"], seen.get(e["url"]), folder.name)
            assert hashlib.sha256(e["url"].encode()).hexdigest() not in excluded, e["url"]
            seen[e["url"]] = folder.name
            records = [json.loads(line) for line in (folder / e["gold"]).read_text(encoding="utf-8").splitlines() if line.strip()]
            assert [r["start"] for r in records] == sorted(r["start"] for r in records), e["id"]
            for r in records:
                assert r["doc"] == e["id"] and r["end"] - r["start"] == len(r["text"]) and r["norm"], r
                assert r["type"] in ("number", "program", "organization", "slogan", "document"), r
                if r["type"] == "number":
                    assert number_fields <= r.keys(), r
