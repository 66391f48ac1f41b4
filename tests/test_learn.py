"""The learned name tagger: features, training, the shipped model and how it joins the rules."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

import wfltext
from wfltext.learn import tagger as tagger_mod
from wfltext.learn.features import LineState, own, sequence_features, trigger_pattern, window_context, window_features, windows
from wfltext.learn.tagger import ModelInfo, bio_spans, combine, load, model_dir
from wfltext.learn.train import FEATURES_VERSION, data_digest, gold_labels, train

from .conftest import CORPUS, ROOT, SHARED, needs_shared

pycrfsuite = pytest.importorskip("pycrfsuite")

TINY = ("county-fl-summary", "league-summary", "branch-exchange")


@pytest.fixture(scope="module")
def tiny_gold(tmp_path_factory) -> Path:
    """Three written documents of the gold set, as a gold folder of their own."""
    out = tmp_path_factory.mktemp("tiny-gold")
    (out / "texts").mkdir()
    lines_ = []
    for line in open(CORPUS / "gold" / "manifest.jsonl", encoding="utf-8"):
        entry = json.loads(line)
        if entry["id"] in TINY:
            shutil.copy(CORPUS / "gold" / entry["source"], out / entry["source"])
            shutil.copy(CORPUS / "gold" / entry["gold"], out / entry["gold"])
            lines_.append(line)
    (out / "manifest.jsonl").write_text("".join(lines_), encoding="utf-8")
    return out


def test_bio_spans_read_runs_and_stray_inside_labels() -> None:
    labels = ["O", "B-ORG", "I-ORG", "O", "I-PRG", "I-PRG", "B-PRG", "B-SLO"]
    assert bio_spans(labels) == [("ORG", 1, 3), ("PRG", 4, 6), ("PRG", 6, 7), ("SLO", 7, 8)]


def test_own_features_carry_the_word_end_and_the_lexicons() -> None:
    feats = own("读书班")
    assert "w=读书班" in feats and "l=班" in feats
    assert any(f.startswith("x=ph") for f in feats)  # a program head (班)
    assert "s=M" in own("***")


def _arrays(words: list[str]) -> tuple[str, list[int], list[int]]:
    starts, ends, pos = [], [], 0
    for w in words:
        starts.append(pos)
        pos += len(w)
        ends.append(pos)
    return "".join(words), starts, ends


def test_windows_end_at_triggers_and_stay_in_their_line() -> None:
    words = ["今年", "县", "妇联", "开展", "“", "春蕾", "计划", "”", "\n", "举办", "读书", "班"]
    text, starts, ends = _arrays(words)
    pat = trigger_pattern("联班")
    got = windows(text, starts, ends, pat, before=2, after=1)
    assert got == [(0, 4, 0, 8), (5, 8, 0, 8), (9, 12, 9, 12)]
    skip = [False] * len(words)
    skip[2] = True  # the rules found 县妇联
    assert windows(text, starts, ends, pat, skip, before=2, after=1)[0] == (5, 8, 0, 8)
    assert windows("联合", [0], [2], pat) == []  # 联 inside a token triggers nothing


def test_context_marks_quotes_titles_and_line_starts() -> None:
    words = ["开展", "“", "春蕾", "计划", "”", "，", "学习", "《", "纲要", "》"]
    text, starts, _ = _arrays(words)
    state = LineState(text)
    ctx = window_context(words, 2, 9, 0, state.at(0, starts[2]))  # a window that opens inside the quote
    assert "inq" in ctx[0] and "inq" not in ctx[3]
    assert "inb" in ctx[6] and "bol" not in ctx[0]
    assert "bol" in window_context(words, 0, 2, 0, LineState(text).at(0, 0))[0]
    feats = sequence_features(words, 2, 9, 0, len(words), ctx)
    assert "-1:w=“" in feats[0] and "+1:w=计划" in feats[0] and "inq" in feats[0]


def test_training_is_deterministic_and_records_its_data(tiny_gold: Path, tmp_path: Path) -> None:
    a = train([tiny_gold], tmp_path / "a", params={"c1": 0.1, "c2": 0.01, "max_iterations": 30})
    b = train([tiny_gold], tmp_path / "b", params={"c1": 0.1, "c2": 0.01, "max_iterations": 30})
    assert (tmp_path / "a" / "names.crfsuite").read_bytes() == (tmp_path / "b" / "names.crfsuite").read_bytes()
    assert a.digest == b.digest == data_digest([tiny_gold])
    assert a.training_docs == 3 and a.training_tokens > 1000
    info = ModelInfo.read(tmp_path / "a" / "names.json")
    assert info.version == FEATURES_VERSION and info.policy == a.policy and "联" in info.triggers
    assert (tmp_path / "a" / "names.features").read_bytes() == (tmp_path / "b" / "names.features").read_bytes()


def test_a_model_of_some_types_learns_their_names_alone(tiny_gold: Path, tmp_path: Path) -> None:
    """--types program: the model's labels are the programs' alone, its triggers the programs'
    ends, and its data digest says so (the same gold, another model)."""
    import pycrfsuite

    params = {"c1": 0.1, "c2": 0.01, "max_iterations": 30}
    full = train([tiny_gold], tmp_path / "all", params=params)
    prog = train([tiny_gold], tmp_path / "program", params=params, types=["program"])
    tagger = pycrfsuite.Tagger()
    tagger.open(str(tmp_path / "program" / "names.crfsuite"))
    assert set(tagger.labels()) == {"O", "B-PRG", "I-PRG"}
    assert prog.digest == data_digest([tiny_gold], types=["program"]) != full.digest
    assert set(prog.triggers) <= set(full.triggers) and "联" not in prog.triggers
    with pytest.raises(ValueError):
        train([tiny_gold], tmp_path / "bad", params=params, types=["person"])


def test_scraped_sets_are_trained_on_from_a_folder_of_pages(tiny_gold: Path, tmp_path: Path, capsys) -> None:
    """A set of web pages (``scraped:`` sources) trains from PAGES/<set>, each page checked
    against its manifest; without the pages, a clear error; the same digest either way."""
    from wfltext.cli import main

    web = tmp_path / "web"
    pages = tmp_path / "pages" / "web"
    web.mkdir()
    pages.mkdir(parents=True)
    entries = []
    for line in (tiny_gold / "manifest.jsonl").read_text(encoding="utf-8").splitlines():
        entry = json.loads(line)
        raw = (tiny_gold / entry["source"]).read_bytes()
        (pages / f"{entry['id']}.txt").write_bytes(raw)
        shutil.copy(tiny_gold / entry["gold"], web / entry["gold"])
        entries.append({**entry, "source": f"scraped:{entry['id']}.txt", "sha256": hashlib.sha256(raw).hexdigest()})
    (web / "manifest.jsonl").write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in entries), encoding="utf-8")
    params = {"c1": 0.1, "c2": 0.01, "max_iterations": 30}
    a = train([tiny_gold], tmp_path / "a", params=params)
    b = train([web], tmp_path / "b", params=params, texts=tmp_path / "pages")
    assert (tmp_path / "a" / "names.crfsuite").read_bytes() == (tmp_path / "b" / "names.crfsuite").read_bytes()
    assert a.digest == b.digest == data_digest([web])  # the pages named by their sha256
    assert b.sets == [str(web)]
    # without the pages: exit 2, and the message says how to give them
    assert main(["train", str(web), "-o", str(tmp_path / "c")]) == 2
    assert "--texts PAGES" in capsys.readouterr().err
    # a page that is not the one annotated
    (pages / f"{entries[0]['id']}.txt").write_bytes(b"changed")
    assert main(["train", str(web), "--texts", str(tmp_path / "pages"), "-o", str(tmp_path / "d")]) == 2
    assert "sha256" in capsys.readouterr().err


def test_a_trained_model_finds_the_names_it_was_taught(tiny_gold: Path, tmp_path: Path) -> None:
    train([tiny_gold], tmp_path, params={"c1": 0.05, "c2": 0.01, "max_iterations": 100}, policy={"organization": "model"})
    tg = load(str(tmp_path))
    assert tg is not None
    doc = wfltext.Document((tiny_gold / "texts" / "county-fl-summary.txt").read_text(encoding="utf-8"), "d")
    found = {doc.text[s:e] for t, s, e in tg.spans(doc) if t == "organization"}
    assert "县妇联" in found
    load.cache_clear()


def test_gold_labels_follow_the_gold_spans(tiny_gold: Path) -> None:
    from wfltext.evaluate import load_gold

    gd = next(g for g in load_gold(tiny_gold) if g.id == "league-summary")
    doc = wfltext.Document(gd.text, gd.id)
    words = [t.text for t in doc.tokens]
    starts = [t.nstart for t in doc.tokens]
    ends = [t.nend for t in doc.tokens]
    labels = gold_labels(doc, gd.records, starts, ends)
    spans = {"".join(words[i:j]) for stem, i, j in bio_spans(labels) if stem == "ORG"}
    gold_orgs = {r["norm"] for r in gd.records if r["type"] == "organization"}
    # a name whose edge falls inside a jieba token (和县团委 for 县团委) is labelled by whole tokens
    assert len(spans & gold_orgs) >= 0.8 * len(gold_orgs)


def test_the_shipped_model_is_there_and_matches_the_features() -> None:
    meta = model_dir() / "names.json"
    assert (model_dir() / "names.crfsuite").is_file() and meta.is_file()
    info = ModelInfo.read(meta)
    assert info.version == FEATURES_VERSION
    assert len(info.digest) == 64 and info.training_docs >= 50
    assert set(info.policy) <= set(tagger_mod.LABELS)
    # the features list shipped beside the model is the model's own (the tagger sends only these)
    import pycrfsuite

    crf = pycrfsuite.Tagger()
    crf.open(str(model_dir() / "names.crfsuite"))
    listed = tagger_mod.known_features(crf, model_dir() / "names.features")
    assert listed == frozenset(crf.info().attributes) and len(listed) > 1000


def test_sending_only_known_features_changes_no_label(tiny_gold: Path) -> None:
    tg = load()
    assert tg is not None
    doc = wfltext.Document((tiny_gold / "texts" / "county-fl-summary.txt").read_text(encoding="utf-8"), "d")
    words, starts, ends = tagger_mod.token_arrays(doc)
    full = list(window_features(doc.text, words, starts, ends, tg.pattern))
    known = list(window_features(doc.text, words, starts, ends, tg.pattern, None, tg.known))
    assert [a for a, _ in full] == [a for a, _ in known] and full
    for (_, f), (_, k) in zip(full, known):
        assert tg._tagger.tag(f) == tg._tagger.tag(k)
        assert all(set(kt) <= set(ft) for ft, kt in zip(f, k))
    # the one-pass build is sequence_features with window_context, window by window
    state = LineState(doc.text)
    for (a, f), (wa, b, lo, hi) in zip(full, windows(doc.text, starts, ends, tg.pattern)):
        assert a == wa
        ctx = window_context(words, a, b, lo, state.at(starts[lo], starts[a]))
        assert f == sequence_features(words, a, b, lo, hi, ctx)


def _reference_shape(word: str) -> str:
    """The shape as it was read before one alternation did it: pattern after pattern."""
    from wfltext.learn import features as F

    special = {"\n": "NL", "\r\n": "NL", "《": "B", "》": "b"}
    if word in special:
        return special[word]
    if word.isspace():
        return "SP"
    if len(word) == 1 and word in F._OPEN_QUOTES:
        return "Q"
    if len(word) == 1 and word in F._CLOSE_QUOTES:
        return "q"
    for name, rx in (("M", F._MASK), ("D", F._DIGITS), ("N", F._NUMERAL), ("H", F._HAN), ("L", F._LATIN)):
        if rx.match(word):
            return name
    return "P" if len(word) == 1 else "X"


def _reference_flags(word: str) -> tuple[str, ...]:
    """The flags as they were read before the table of ends: each end-matched lexicon in turn."""
    from wfltext.learn import features as F

    sets = F._lexicon_sets()
    whole = {name for name, (entries, _) in sets.items() if word in entries}
    ends = {name for name, (entries, at_end) in sets.items() if at_end and name not in whole
            and any(word[-k:] in entries for k in range(1, min(len(word), 6)))}
    return tuple(name if name in whole else name + "$" for name in sets if name in whole or name in ends)


def test_known_features_are_the_features_filtered(tiny_gold: Path) -> None:
    """The tagger's tables build only the known features: the same as building them all and
    keeping the known ones, on every word of a document, the lexicons' entries and odd strings."""
    import random

    from wfltext.learn import features as F

    tg = load()
    assert tg is not None
    doc = wfltext.Document((tiny_gold / "texts" / "county-fl-summary.txt").read_text(encoding="utf-8"), "d")
    words = set(doc.words)
    for entries, _ in F._lexicon_sets().values():
        words |= set(sorted(entries)[:300])
    words |= {w + "会" for w in list(words)[:500]}
    rng = random.Random(7)
    alphabet = "会委一二十百0１.%％*xX×_（(）)、．①⒈ aZ中国“”《》\n\t\r"
    words |= {"".join(rng.choice(alphabet) for _ in range(rng.randint(1, 5))) for _ in range(3000)}
    known = F.KnownFeatures(tg.known.known)
    tables = {rel: known.near_table(rel) for rel in ("-1:", "-2:", "+1:", "+2:")}
    for w in words:
        assert F._shape(w) == _reference_shape(w), w
        assert F._flags(w) == _reference_flags(w), w
        assert known.own_table[w] == tuple(f for f in own(w) if f in known.known), w
        for rel, table in tables.items():
            assert table[w] == tuple(f for f in F.near(w, rel) if f in known.known), (w, rel)


@needs_shared
def test_the_shipped_model_was_trained_on_the_committed_gold() -> None:
    """Its training sets as committed: the written and shared texts, and the scraped sets whose
    pages are named by their manifests' sha256 (so this holds where the pages are not)."""
    from wfltext.learn.features import lexicons_digest

    info = ModelInfo.read(model_dir() / "names.json")
    retrain = "retrain: wfltext train " + " ".join(info.sets) + " --texts PAGES -o wfltext/models"
    assert info.sets and all((ROOT / s / "manifest.jsonl").is_file() for s in info.sets)
    assert info.digest == data_digest([ROOT / s for s in info.sets], SHARED), retrain
    # the features read the package lexicons too: a model trained before they changed is stale
    assert info.lexicons == lexicons_digest(), retrain


@needs_shared
def test_the_shipped_model_is_what_the_training_command_makes_now(tmp_path: Path) -> None:
    """The shipped model file is the documented command's output on the current code. The
    digests above cover the gold and the lexicons the features read, not the normalizer and the
    tokenizer that make the training windows: a change there would leave a model no command
    makes. The scraped sets' pages are someone else's and not distributed: name the folder
    holding ``dev/``, ``dev2/``, ``dev3/`` and ``final4/`` in ``WFLTEXT_PAGES`` to run it (7 s)."""
    import os

    pages = os.environ.get("WFLTEXT_PAGES")
    if not pages:
        pytest.skip("WFLTEXT_PAGES (the folder of the scraped sets' page texts) is not set")
    info = ModelInfo.read(model_dir() / "names.json")
    train([ROOT / s for s in info.sets], tmp_path, texts=Path(pages))
    assert (tmp_path / "names.crfsuite").read_bytes() == (model_dir() / "names.crfsuite").read_bytes()
    assert (tmp_path / "names.features").read_bytes() == (model_dir() / "names.features").read_bytes()


def test_the_digest_names_a_web_page_by_its_manifests_sha256(tmp_path: Path) -> None:
    page = "县妇联举办“巾帼学堂”读书班3期。".encode()
    gold = tmp_path / "web"
    gold.mkdir()
    (gold / "p.gold.jsonl").write_text("", encoding="utf-8")
    entry = {"id": "p", "source": "scraped:p.txt", "gold": "p.gold.jsonl", "sha256": hashlib.sha256(page).hexdigest()}
    (gold / "manifest.jsonl").write_text(json.dumps(entry) + "\n", encoding="utf-8")
    local = tmp_path / "local"
    local.mkdir()
    (local / "p.txt").write_bytes(page)
    (local / "p.gold.jsonl").write_text("", encoding="utf-8")
    (local / "manifest.jsonl").write_text(json.dumps({"id": "p", "source": "p.txt", "gold": "p.gold.jsonl"}) + "\n", encoding="utf-8")
    # the page unread (no texts anywhere) and the same page as a local text give one digest
    assert data_digest([gold]) == data_digest([local])


def test_model_off_gives_the_rules_alone_and_types_are_respected() -> None:
    text = "县妇联联合县教育局举办“巾帼学堂”读书班3期。"
    doc = wfltext.analyze(text, types=["number"])
    assert {r.type for r in doc.records} == {"number"}
    rules = wfltext.Document(text).extract(model=False)
    assert all(r.rule != "model" for r in rules)


def test_without_a_model_the_records_are_the_rules(monkeypatch) -> None:
    doc = wfltext.Document("县妇联开展培训。")
    recs = doc.extract(model=False)
    monkeypatch.setattr(tagger_mod, "load", lambda path=None: None)
    assert combine(doc, recs) is recs


def test_a_corpus_store_says_which_model_made_its_records() -> None:
    from wfltext.batch import current_versions
    from wfltext.links import load_ranker

    info = ModelInfo.read(model_dir() / "names.json")
    ranker = load_ranker()
    assert ranker is not None
    assert current_versions().data_digest.endswith(f"+model:{info.digest[:16]}+issuer:{ranker['digest'][:16]}")


def _screened_texts() -> list[str]:
    import random

    texts = [p.read_bytes().decode("utf-8", "replace") for p in sorted(CORPUS.glob("**/*.txt"))]
    if SHARED is not None and (SHARED / "realcorpus").is_dir():
        texts += [p.read_bytes().decode("utf-8", "replace") for p in sorted((SHARED / "realcorpus").glob("*/*.txt"))]
    # lines dense with what moves the position features: quotes (balanced or not), titles,
    # markers, white space at a line's start, and the characters names end in
    rng = random.Random(11)
    alphabet = ["“", "”", "‘", "’", "《", "》", "「", "」", "\n", "  ", "一、", "（二）", "1.", "一是", "县妇联", "团委",
                "举办", "培训班", "活动", "春蕾计划", "工会", "学校", "，", "。", "和", "开展", "读书会", "巾帼", "志愿服务队"]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(5, 200))) for _ in range(300)]
    return texts


def test_the_screen_passes_over_only_windows_crfsuite_labels_all_o() -> None:
    """The all-O screen (learn.screen) decides, per window, that crfsuite would label it all O:
    on every text of the project, the development corpus and random lines dense with quotes,
    titles and markers, each window it passes over is labelled all O by crfsuite, and the
    tagger's spans are the same with and without it."""
    tg = load()
    assert tg is not None
    passed = tagged = 0
    for text in _screened_texts():
        doc = wfltext.analyze(text)
        records = [r for r in doc.records if r.type in tagger_mod.LABELS]
        words, starts, ends = tagger_mod.token_arrays(doc)
        if not words:
            continue
        skip = tagger_mod.covered(len(words), starts, tagger_mod.rule_spans(doc, records)) if records else None
        found = windows(doc.text, starts, ends, tg.pattern, skip)
        tg.screening = True
        with_screen = tg.spans(doc, records)
        kept = {w[:4]: w[4:] for w in tg._screen.to_tag(doc.text, words, starts, found)}
        state = LineState(doc.text)
        for (a, feats), window in zip(window_features(doc.text, words, starts, ends, tg.pattern, skip, tg.known), found):
            assert a == window[0]
            depths = state.at(starts[window[2]], starts[a])
            if window not in kept:
                passed += 1
                assert set(tg._tagger.tag(feats)) == {"O"}, (text[:60], window)
            else:
                tagged += 1
                # the depths it hands on are those a visit of every window reads
                assert kept[window] == depths, (text[:60], window)
        tg.screening = False
        try:
            assert tg.spans(doc, records) == with_screen, text[:60]
        finally:
            tg.screening = True
    # the screen does its work: most windows hold no name (on the reports alone, about seven in eight)
    assert passed > tagged > 0


def test_the_screen_for_one_type_passes_over_only_windows_without_its_names() -> None:
    """Asked for organizations alone (the types whose policy reads the model), the screen passes
    over the windows in which crfsuite labels no organization: the tagger's organization spans
    are those it finds when it tags every window, on every text of the project, the development
    corpus and random lines dense with quotes, titles and markers."""
    tg = load()
    assert tg is not None
    fewer = 0
    for text in _screened_texts():
        doc = wfltext.analyze(text)
        records = [r for r in doc.records if r.type in tagger_mod.LABELS]
        tg.screening = True
        alone = tg.spans(doc, records, types=("organization",))
        tg.screening = False
        try:
            every = tg.spans(doc, records)
        finally:
            tg.screening = True
        assert alone == [s for s in every if s[0] == "organization"], text[:60]
        fewer += len(every) - len(alone)
    assert fewer > 0  # the texts hold names of other types, left out


def test_the_screen_reads_position_features_in_their_table_order() -> None:
    """The screen indexes the position features' rows as 8q + 4b + 2s + m (inside “…”, inside
    《…》, at the line's start, after a marker): the order in which features._CONTEXT holds them."""
    from wfltext.learn import screen

    keys = screen._CONTEXT_KEYS
    assert len(keys) == 16
    assert all(i == 8 * q + 4 * b + 2 * s + m for i, (q, b, s, m) in enumerate(keys))


def test_without_numpy_every_window_is_tagged(monkeypatch) -> None:
    """Without numpy the screen is left out (asked for once) and the tagger tags every window:
    the same spans."""
    tg = load()
    assert tg is not None
    doc = wfltext.analyze((CORPUS / "gold" / "texts" / "county-fl-summary.txt").read_text(encoding="utf-8"))
    records = [r for r in doc.records if r.type in tagger_mod.LABELS]
    expected = tg.spans(doc, records)
    calls = []

    def no_numpy(crf, known, model_path=None):
        calls.append(1)
        return None

    monkeypatch.setattr(tagger_mod, "_make_screen", no_numpy)
    monkeypatch.setattr(tg, "_screen", None)
    monkeypatch.setattr(tg, "screening", True)
    assert tg.spans(doc, records) == expected
    assert tg.spans(doc, records) == expected
    assert len(calls) == 1 and tg.screening is False


def test_the_screen_reads_the_weights_crfsuite_gives(tiny_gold: Path, tmp_path: Path) -> None:
    """The screen reads a model's labels and weights from crfsuite's dump in one pass per
    section: the same as pycrfsuite's ``info()`` on the shipped model and on a freshly trained one."""
    import pycrfsuite

    from wfltext.learn.screen import model_weights

    train([tiny_gold], tmp_path / "m", params={"c1": 0.05, "c2": 0.01, "max_iterations": 50})
    for path in (model_dir() / "names.crfsuite", tmp_path / "m" / "names.crfsuite"):
        crf = pycrfsuite.Tagger()
        crf.open(str(path))
        info = crf.info()
        labels, state, trans = model_weights(crf)
        assert labels == list(info.labels) and "O" in labels
        assert state == info.state_features and len(state) > 10
        assert trans == info.transitions


def test_the_screen_reads_a_words_rows_as_its_feature_strings_give_them() -> None:
    """The screen reads a word's weight rows by the parts of its features (the word, its shape,
    its first and last characters, its flags): the rows of the feature strings the tagger
    sends, in their order, those without weights left out, at each of the five places."""
    import random

    tg = load()
    assert tg is not None
    wfltext.analyze("县妇联举办培训班3期。")
    screen = tg._screen
    words: set[str] = set()
    for path in sorted((ROOT / "corpus").rglob("*.txt"))[:60]:
        words.update(wfltext.analyze(path.read_text(encoding="utf-8"), types=()).words)
    rnd = random.Random(7)
    chars = "县妇联委会班赛一二三十（）、.．120①⒈“”《》 \nabX*×巾帼春蕾计划党支部团"
    words.update("".join(rnd.choice(chars) for _ in range(rnd.randint(1, 6))) for _ in range(3000))
    zero = len(screen._attr_row)
    for place in screen._places:
        rel = place.reader.rel
        table = tg.known.own_table if rel == "" else tg.known.near_table(rel)
        for w in words:
            want = [r for r in (screen._attr_row.get(f, zero) for f in table[w]) if r != zero]
            assert place.reader.row_ids(w) == want, (rel, w)


def test_the_screen_kept_in_the_cache_is_the_screen_crfsuite_gives(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The screen's weights are kept in the cache folder by the model file's digest: read back,
    they are the arrays read from crfsuite's dump; another model file makes its own."""
    import numpy as np
    import pycrfsuite

    from wfltext.learn.features import KnownFeatures
    from wfltext.learn.screen import Screen

    monkeypatch.setenv("WFLTEXT_CACHE_DIR", str(tmp_path / "cache"))
    path = model_dir() / "names.crfsuite"
    crf = pycrfsuite.Tagger()
    crf.open(str(path))
    known = KnownFeatures(frozenset(crf.info().attributes))
    direct = Screen(crf, known)
    made, read = Screen(crf, known, path), Screen(crf, known, path)
    assert len(list((tmp_path / "cache").glob("screen-weights.*.marshal"))) == 1
    for s in (made, read):
        assert s.labels == direct.labels and s.o == direct.o and s._attr_row == direct._attr_row
        assert np.array_equal(s._weight_rows, direct._weight_rows) and np.array_equal(s.trans, direct.trans)
        assert np.array_equal(s.context, direct.context)
    copy = tmp_path / "names.crfsuite"
    copy.write_bytes(path.read_bytes() + b"\0")  # another file: another digest
    Screen(crf, known, copy)
    assert len(list((tmp_path / "cache").glob("screen-weights.*.marshal"))) == 2
