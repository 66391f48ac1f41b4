"""The manifests of the unannotated samples (corpus/silver): what they claim about their pages.

A kind of error mined from pages of one site can be that site's template; a rule made from it
then lifts the untouched pages of the same site and says nothing of other sites. So each page
that shares a site with an untouched set says so (``shares_site_with``), and the figures of
docs/accuracy.md are quoted with and without those sites' pages. A site is its host without the
mobile or ``www`` prefix: ``m.kj-cy.cn`` and ``kj-cy.cn`` are one template.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from urllib.parse import urlparse

import pytest

from .conftest import CORPUS, heldout_excluded

UNTOUCHED = ("scraped/final", "scraped/final2", "scraped/final3", "scraped/final5", "scraped/final6", "scraped/final7", "scraped/final8",
             "issuers/held4", "issuers/held5", "issuers/held6", "issuers/final")


def site_of(url: str) -> str:
    host = urlparse(url).hostname or url
    return re.sub(r"^(?:www|m|wap|3g|mip)\.", "", host.lower())


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _untouched_sites() -> set[str]:
    return {site_of(e["url"]) for kind in UNTOUCHED for m in CORPUS.glob(f"{kind}/manifest.jsonl")
            for e in _lines(m) if "url" in e}


KINDS = ("count", "money", "percent", "ordinal", "duration", "date", "measure", "other")


def test_site_of_folds_mobile_and_www_hosts() -> None:
    assert site_of("http://m.kj-cy.cn/htm/1.htm") == site_of("https://www.kj-cy.cn/a") == "kj-cy.cn"
    assert site_of("https://wenku.baidu.com/view/1") == "wenku.baidu.com"
    assert site_of("https://mip.example.org/") == "example.org"


def test_silver_pages_say_which_untouched_sites_they_share() -> None:
    untouched: dict[str, set[str]] = {}
    annotated: set[str] = set()
    for manifest in sorted(CORPUS.glob("*/*/manifest.jsonl")):
        kind = f"{manifest.parent.parent.name}/{manifest.parent.name}"
        if kind in ("issuers/silver", "silver/numbers-recall", "silver/programs-recall", "silver/slogans-recall"):
            continue  # the samples' own pages, their issuing body, numbers or programs annotated
        for e in _lines(manifest):
            if "url" not in e:
                continue  # a links set names the pages of a scraped set
            annotated.add(e["url"])
            if kind in UNTOUCHED:
                untouched.setdefault(site_of(e["url"]), set()).add(kind)
    assert {k for s in untouched.values() for k in s} == set(UNTOUCHED)
    excluded = heldout_excluded()
    manifests = sorted((CORPUS / "silver").glob("*-manifest.jsonl"))
    assert len(manifests) >= 6
    for manifest in manifests:
        seen: set[str] = set()  # a page may serve two samples, not twice in one
        for e in _lines(manifest):
            assert re.fullmatch(r"[0-9a-f]{64}", e["sha256"]) and e["query"] and e["chars"] > 0, e["id"]
            assert e["url"] not in seen and e["url"] not in annotated, e["url"]
            assert hashlib.sha256(e["url"].encode()).hexdigest() not in excluded, e["url"]
            seen.add(e["url"])
            shared = sorted(untouched.get(site_of(e["url"]), ()))
            assert e.get("shares_site_with", []) == shared, (manifest.name, e["id"], shared)


@pytest.mark.parametrize(("folder", "type_", "records"), [("numbers-recall", "number", 500), ("programs-recall", "program", 171),
                                                       ("slogans-recall", "slogan", 123)])
def test_sample_pages_read_in_full_are_gold_sets_of_their_own(folder: str, type_: str, records: int) -> None:
    """``corpus/silver/numbers-recall``, ``programs-recall`` and ``slogans-recall``: every number
    (program, slogan) of 80 sample pages on 80 sites, annotated from the contract alone; the pages are those of the
    samples' manifests (same address and sha256), on no untouched set's site."""
    path = CORPUS / "silver" / folder
    entries = _lines(path / "manifest.jsonl")
    samples: dict[str, set[tuple[str, str]]] = {}  # a page may serve two samples, under two ids
    for m in (CORPUS / "silver").glob("*-manifest.jsonl"):
        for e in _lines(m):
            samples.setdefault(e["url"], set()).add((e["id"], e["sha256"]))
    untouched = _untouched_sites()
    assert len(entries) == 80 and len({site_of(e["url"]) for e in entries}) == 80
    assert all(e["site"] == site_of(e["url"]) for e in entries)
    count = 0
    for e in entries:
        assert (e["id"], e["sha256"]) in samples[e["url"]] and e["source"] == f"scraped:{e['id']}.txt"
        assert site_of(e["url"]) not in untouched, e["id"]
        gold = _lines(path / e["gold"])
        for r in gold:
            assert r["doc"] == e["id"] and r["type"] == type_ and 0 <= r["start"] < r["end"] <= e["chars"], r
            assert len(r["text"]) == r["end"] - r["start"] and r["norm"], r
            if type_ == "number":
                assert r["kind"] in KINDS and not (r["masked"] and r["value"] is not None), r
        assert [(r["start"], r["end"]) for r in gold] == sorted((r["start"], r["end"]) for r in gold)
        count += len(gold)
    assert count == records


def test_the_organizations_of_59_new_pages_are_a_gold_set_of_their_own() -> None:
    """``corpus/silver/orgs-recall``: every organization, number and program of 59 pages of kinds the template-site
    samples lack (gazetteer and encyclopedia entries, inspection and survey reports, event plans,
    news of bodies working together), found and annotated from the contract alone; no page on an
    untouched set's site or an earlier sample's, none of the held-out list."""
    folder = CORPUS / "silver" / "orgs-recall"
    entries = _lines(folder / "manifest.jsonl")
    untouched = _untouched_sites()
    earlier = {site_of(e["url"]) for m in (CORPUS / "silver").glob("*-manifest.jsonl") for e in _lines(m)}
    excluded = heldout_excluded()
    assert len(entries) == 59 and len({e["site"] for e in entries}) == 58  # two pages of one site
    count: dict[str, int] = {}
    for e in entries:
        assert e["site"] == site_of(e["url"]) and e["site"] not in untouched | earlier, e["id"]
        assert hashlib.sha256(e["url"].encode()).hexdigest() not in excluded, e["id"]
        assert re.fullmatch(r"[0-9a-f]{64}", e["sha256"]) and e["query"] and e["kind"], e["id"]
        gold = _lines(folder / e["gold"])
        for r in gold:
            assert r["doc"] == e["id"] and r["type"] in ("organization", "number", "program"), r
            assert 0 <= r["start"] < r["end"] <= e["chars"] and len(r["text"]) == r["end"] - r["start"] and r["norm"], r
            count[r["type"]] = count.get(r["type"], 0) + 1
        assert [(r["start"], r["end"]) for r in gold] == sorted((r["start"], r["end"]) for r in gold)
    assert count == {"organization": 619, "number": 518, "program": 207}  # numbers and programs by three more each
