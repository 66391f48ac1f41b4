"""Harvest the kinds and names of bodies that recur across sites, for the organization lexicons.

Sources (names only; no page text is kept or printed):
  - the body names listed per page in MINED/<n>.txt (MINED/manifest.jsonl gives each page's site);
  - the gold organizations of the studied scraped sets (corpus/scraped/study, corpus/scraped/dev),
    one site per page, and of corpus/gold (each document its own source, counted apart);
  - the extractors' organizations and the words before a body word in the studied pages' texts
    (TEXTS/study, TEXTS/dev).
A kind is a name's ending of two to four characters that ends in a body word (会, 委, 办, 局, 队,
站, 校, 院, 所, 中心, 小组, 支部 ...); kinds and names are counted by how many different sites write
them. Output, tab-separated:
  K  kind, sites, gold documents, examples: endings of the names no head of org_heads.tsv ends
  N  name, sites, gold documents, "found" when the extractors give it in a plain sentence
  W  words before a body word in the studied texts, sites

    python benchmarks/mine_org_kinds.py MINED TEXTS > kinds.tsv
"""
from __future__ import annotations

import collections
import json
import os
import sys

import regex

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
from wfltext import lexicons  # noqa: E402

ROOT = os.path.join(os.path.dirname(__file__), "..")
BODY_END = regex.compile(r"(?:会|委|办|局|队|站|校|院|所|中心|小组|支部|总支|部|科|处|组|团|社|馆|园|厂|公司|联|室|庭|连)$")
BEFORE_BODY = regex.compile(r"\p{Han}{2,8}?(?:委员会|协会|学会|小组|支部|中心|会|委|办|局|队|站|校|院|所)")


def norm(s: str) -> str:
    from wfltext import normalize
    return normalize(s).text.replace("\n", "").replace(" ", "")


def _gold_organizations(base: str):
    """(manifest entry, organization norm) of every gold organization of a gold folder."""
    for line in open(os.path.join(base, "manifest.jsonl"), encoding="utf-8"):
        m = json.loads(line)
        for g in open(os.path.join(base, m["gold"]), encoding="utf-8"):
            r = json.loads(g)
            if r["type"] == "organization":
                yield m, r["norm"]


def main(mined: str, texts: str) -> None:
    by_name: dict[str, set[str]] = collections.defaultdict(set)   # name -> sites
    gold_docs: dict[str, set[str]] = collections.defaultdict(set)  # name -> gold documents
    # 1. mined name lists
    for line in open(os.path.join(mined, "manifest.jsonl"), encoding="utf-8"):
        m = json.loads(line)
        for name in open(os.path.join(mined, f"{m['n']}.txt"), encoding="utf-8"):
            name = norm(name.strip())
            if name:
                by_name[name].add(m["site"])
    # 2. gold of the studied scraped sets (by site) and of corpus/gold (by document)
    for folder, key, into in ((("scraped", "study"), "site", by_name), (("scraped", "dev"), "site", by_name),
                              (("gold",), "id", gold_docs)):
        for m, norm_ in _gold_organizations(os.path.join(ROOT, "corpus", *folder)):
            into[norm_].add(m[key])
    # 3. the studied pages' texts: the extractors' organizations and words before a body word
    import wfltext
    candidates: dict[str, set[str]] = collections.defaultdict(set)
    for part in ("study", "dev"):
        base = os.path.join(ROOT, "corpus", "scraped", part)
        for line in open(os.path.join(base, "manifest.jsonl"), encoding="utf-8"):
            m = json.loads(line)
            path = os.path.join(texts, part, m["source"].split(":", 1)[1])
            text = open(path, encoding="utf-8", newline="").read()
            for r in wfltext.extract_organizations(text):
                by_name[r.norm].add(m["site"])
            for w in BEFORE_BODY.findall(norm(text)):
                candidates[w].add(m["site"])
    heads = sorted({row[0] for row in lexicons.table("org_heads.tsv") if row and row[0]}, key=len, reverse=True)

    def covered(name: str) -> str:
        return next((h for h in heads if name.endswith(h) and len(name) > len(h)), "")

    kinds: dict[str, set[str]] = collections.defaultdict(set)
    kind_docs: dict[str, set[str]] = collections.defaultdict(set)
    examples: dict[str, list[str]] = collections.defaultdict(list)
    for names, sink in ((by_name, kinds), (gold_docs, kind_docs)):
        for name, sites in names.items():
            if covered(name):
                continue  # a head of the lexicon ends it: the kind is known
            for k in range(2, 5):
                kind = name[-k:]
                if len(name) >= k and BODY_END.search(kind):
                    sink[kind] |= sites
                    if len(examples[kind]) < 6 and name not in examples[kind]:
                        examples[kind].append(name)
    print("#kind\tsites\tgold_docs\thead\texamples")
    for kind in sorted(set(kinds) | set(kind_docs), key=lambda k: (-len(kinds.get(k, ())), -len(kind_docs.get(k, ())))):
        s, d = len(kinds.get(kind, ())), len(kind_docs.get(kind, ()))
        if s >= 2 or d >= 3:
            print(f"K\t{kind}\t{s}\t{d}\t\t{'|'.join(examples[kind])}")
    for name in sorted(set(by_name) | set(gold_docs), key=lambda n: (-len(by_name.get(n, ())), -len(gold_docs.get(n, ())))):
        s, d = len(by_name.get(name, ())), len(gold_docs.get(name, ()))
        if s >= 2 or d >= 3:
            found = {r.norm for r in wfltext.extract_organizations(f"在{name}的领导下，")}
            print(f"N\t{name}\t{s}\t{d}\t{'found' if name in found else '-'}\t")
    for w, sites in sorted(candidates.items(), key=lambda kv: -len(kv[1])):
        if len(sites) >= 2:
            print(f"W\t{w}\t{len(sites)}\t\t\t")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
