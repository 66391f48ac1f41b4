"""The tokenizer: the domain dictionary keeps the genre's terms whole; jieba is loaded lazily and
keeps its cache out of the user's home and working directory."""

from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest

import wfltext
from wfltext import lexicons
from wfltext.tokenize import cut, default_engine, domain_terms, lexicon_hash, read_user_entries, tokenizer, tokens

from .conftest import read_original, real_corpus_files

ROOT = Path(__file__).resolve().parents[1]


def _has_rjieba() -> bool:
    try:
        import rjieba  # noqa: F401
    except ImportError:
        return False
    return True

# Sentences of the genre each term is set in; a term must come out as one token in every one.
CONTEXTS: dict[str, tuple[str, ...]] = {
    "terms_organizations.txt": (
        "今年以来，{}认真贯彻上级精神。",
        "主动与{}紧密结合，形成工作合力。",
        "由县委、{}牵头组织实施。",
        "{}主任参加了会议。",
        "在{}的领导下，全面完成各项任务。",
    ),
    "terms_programs.txt": (
        "深入实施“{}”，惠及广大妇女。",
        "继续开展{}活动，取得明显成效。",
        "以{}为抓手推进工作。",
        "积极参与{}。",
    ),
    "terms_phrases.txt": (
        "全县上下坚持{}，推动工作再上新台阶。",
        "要把{}作为重要任务来抓。",
        "进一步强化{}意识。",
        "围绕{}开展工作。",
    ),
}
TERMS = [(name, term) for name in CONTEXTS for term in lexicons.entries(name)]


def test_the_domain_dictionary_is_large_enough():
    assert len(TERMS) >= 150
    assert len(domain_terms()) == len({t for _, t in TERMS})


def test_each_lexicon_says_where_its_entries_came_from():
    for name in CONTEXTS:
        head = resources.files(lexicons).joinpath(name).read_text(encoding="utf-8")
        assert head.startswith("#") and "from" in head.split("\n\n")[0]


@pytest.mark.parametrize("name,term", TERMS, ids=[t for _, t in TERMS])
def test_term_is_never_split(name: str, term: str):
    assert cut(term) == [term]
    for context in CONTEXTS[name]:
        sentence = context.format(term)
        assert term in cut(sentence), sentence


@pytest.mark.parametrize(
    "text,expected",
    [
        # a boosted domain term must not swallow a neighbour's character
        ("各地区政府部门", ["各", "地区", "政府部门"]),
        ("政府办事效率", ["政府", "办事效率"]),
        ("政协委员和列席人员", ["政协委员", "和", "列席", "人员"]),
        ("防范化解四风险", ["防范", "化解", "四", "风险"]),
        ("县委员会", ["县", "委员会"]),
    ],
)
def test_domain_terms_do_not_take_characters_from_their_neighbours(text: str, expected: list[str]):
    assert cut(text) == expected


_ALPHABET = "县妇联的工作总结春蕾计划一二三十abcXYZ0129 \n\t，。、；：“”《》（）()%+-_.#&·—…！？\r\u3000😀"


ENGINES = ["jieba", pytest.param("rjieba", marks=pytest.mark.skipif(not _has_rjieba(), reason="rjieba is not installed"))]


@pytest.mark.parametrize("engine", ENGINES)
def test_segmenter_gives_jiebas_tokens(sample_text: str, engine: str):
    # both engines (jieba's route reimplemented in Python, and rjieba brought to jieba's splits)
    # must give jieba's own tokens, always
    seg = tokenizer(engine=engine)
    assert seg.engine == engine
    texts = [sample_text, wfltext.normalize(sample_text).text]
    texts += [read_original(p) for p in real_corpus_files()]
    rng = random.Random(20261128)
    texts += ["".join(rng.choice(_ALPHABET) for _ in range(rng.randint(0, 80))) for _ in range(500)]
    for text in texts:
        assert seg.lcut(text) == seg.jieba.lcut(text), text[:40]
    assert list(seg.cut("县妇联实施春蕾计划")) == ["县妇联", "实施", "春蕾计划"]


@pytest.mark.skipif(not _has_rjieba(), reason="rjieba is not installed")
def test_engines_agree_token_for_token_on_the_real_corpus():
    fast, reference = tokenizer(engine="rjieba"), tokenizer(engine="jieba")
    files = real_corpus_files()
    if not files:
        pytest.skip("../shared is not beside this clone; set WFLTEXT_SHARED")
    tokens_compared = differing = 0
    for path in files:
        text = wfltext.normalize(read_original(path)).text
        a, b = reference.lcut(text), fast.lcut(text)
        tokens_compared += len(a)
        differing += sum(x != y for x, y in zip(a, b)) + abs(len(a) - len(b))
    assert tokens_compared > 250_000
    assert differing == 0


@pytest.mark.skipif(not _has_rjieba(), reason="rjieba is not installed")
@pytest.mark.parametrize(
    "text,expected",
    [
        # jieba-rs keeps letters and digits joined by -_. whole; jieba splits them
        ("休闲街区2-3家", ["休闲", "街区", "2", "-", "3", "家"]),
        ("颗粒物（PM_2.5）", ["颗粒物", "（", "PM", "_", "2.5", "）"]),
        ("1.2.3", ["1.2", ".", "3"]),
        # and where both agree, nothing is touched
        ("增长2.5%", ["增长", "2.5%"]),
        ("C++语言", ["C++", "语言"]),
        # the domain terms shift the dictionary total; rjieba's total must be jieba's
        ("和森林步道有机融合", ["和", "森林", "步道", "有机", "融合"]),
    ],
)
def test_fast_engine_splits_as_jieba(text: str, expected: list[str]):
    assert tokenizer(engine="rjieba").lcut(text) == expected == tokenizer(engine="jieba").lcut(text)


def test_token_ends_added_up_by_the_tokenizer_are_the_words_ends() -> None:
    """The tokenizer hands on the ends it added up on the way (where it did) and the Document
    keeps them: they are the ends of its words, whether jieba's splits of joined letters and
    digits were made or not."""
    from itertools import accumulate

    texts = [read_original(p) for p in real_corpus_files()[:6]]
    texts += ["COVID-19疫情", "2022.03.08妇女节", "G60科创走廊", "abc-def", "今年3.8节", "没有什么"]
    handed = 0
    for text in texts:
        words, ends = tokenizer().cut_with_ends(text)
        assert words == tokenizer().lcut(text)
        if ends is not None:
            handed += 1
            assert ends == list(accumulate(map(len, words)))
        doc = wfltext.Document(text)
        assert doc.token_ends == list(accumulate(map(len, doc.words)))
    assert handed > 0


@pytest.mark.parametrize("engine", ENGINES)
def test_lone_surrogates_are_segmented_by_both_engines(engine: str):
    # normalize() refuses them, but the tokenizer is public: the fast engine falls back to jieba's
    assert tokenizer(engine=engine).lcut("县妇联\ud800工作") == ["县妇联", "\ud800", "工作"]


def test_jieba_is_the_fallback_engine(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setitem(sys.modules, "rjieba", None)  # import rjieba raises ImportError
    monkeypatch.delenv("WFLTEXT_TOKENIZER", raising=False)
    assert default_engine() == "jieba"
    assert tokenizer().engine == "jieba"
    assert cut("县妇联实施春蕾计划") == ["县妇联", "实施", "春蕾计划"]
    monkeypatch.setenv("WFLTEXT_TOKENIZER", "rjieba")
    with pytest.raises(wfltext.WfltextError, match="rjieba is not installed"):
        default_engine()


@pytest.mark.skipif(not _has_rjieba(), reason="rjieba is not installed")
def test_engine_is_chosen_by_the_environment(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("WFLTEXT_TOKENIZER", raising=False)
    assert default_engine() == "rjieba"
    monkeypatch.setenv("WFLTEXT_TOKENIZER", "jieba")
    assert tokenizer().engine == "jieba"
    with pytest.raises(ValueError):
        tokenizer(engine="pkuseg")


@pytest.mark.parametrize("engine", ENGINES)
def test_user_lexicon_reaches_both_engines(tmp_path: Path, engine: str):
    lexicon = tmp_path / "mine.txt"
    lexicon.write_text("巾帼暖心驿站\n县妇联 5\n", encoding="utf-8")
    seg = tokenizer(str(lexicon), engine=engine)
    text = "县妇联实施巾帼暖心驿站建设"
    assert seg.lcut(text) == seg.jieba.lcut(text)
    assert "巾帼暖心驿站" in seg.lcut(text)


def test_tokenizer_is_built_once_per_process():
    assert tokenizer() is tokenizer()
    assert tokenizer(None) is tokenizer("")


def test_user_lexicon_adds_terms(tmp_path: Path):
    text = "实施巾帼暖心驿站建设"
    assert "巾帼暖心驿站" not in cut(text)
    lexicon = tmp_path / "mine.txt"
    lexicon.write_text("# my own terms\n巾帼暖心驿站\n家政服务员 n\n", encoding="utf-8")
    assert read_user_entries(lexicon) == [("巾帼暖心驿站", None), ("家政服务员", None)]
    assert "巾帼暖心驿站" in tokenizer(str(lexicon)).lcut(text)
    assert tokenizer(str(lexicon)) is tokenizer(str(lexicon))
    # the domain tokenizer is not changed by a user's terms
    assert "巾帼暖心驿站" not in cut(text)
    assert lexicon_hash(str(lexicon)) != lexicon_hash()
    doc = wfltext.analyze(text, lexicon=str(lexicon), types=())
    assert "巾帼暖心驿站" in [t.text for t in doc.tokens]


def test_user_lexicon_is_reloaded_when_the_file_changes(tmp_path: Path):
    lexicon = tmp_path / "mine.txt"
    lexicon.write_text("暖心驿站\n", encoding="utf-8")
    first = tokenizer(str(lexicon))
    lexicon.write_text("暖心驿站\n巾帼暖心驿站\n", encoding="utf-8")
    os.utime(lexicon, ns=(os.stat(lexicon).st_atime_ns, os.stat(lexicon).st_mtime_ns + 10**9))
    assert tokenizer(str(lexicon)) is not first
    assert "巾帼暖心驿站" in tokenizer(str(lexicon)).lcut("建设巾帼暖心驿站")


def test_unreadable_lexicon_is_an_input_error(tmp_path: Path):
    with pytest.raises(wfltext.InputError):
        tokenizer(str(tmp_path / "missing.txt"))


def test_tokens_carry_original_offsets():
    original = "縣婦聯實施春蕾計劃。"
    normalized = wfltext.normalize(original)
    toks = tokens(normalized)
    assert [t.text for t in toks] == ["县妇联", "实施", "春蕾计划", "。"]
    assert [original[t.start : t.end] for t in toks] == ["縣婦聯", "實施", "春蕾計劃", "。"]
    assert "".join(normalized.text[t.nstart : t.nend] for t in toks) == normalized.text


_CHILD = r"""
import json, os, sys
import wfltext
lazy = "jieba" not in sys.modules
from wfltext.tokenize import cut, cache_dir
words = cut("县妇联实施春蕾计划")
print(json.dumps({"lazy": lazy, "words": words, "cache": str(cache_dir())}))
"""


def test_jieba_is_lazy_and_caches_outside_home_and_working_directory(tmp_path: Path):
    home, work, cache = tmp_path / "home", tmp_path / "work", tmp_path / "cache"
    home.mkdir()
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("XDG_CACHE_HOME",)}
    env.update(HOME=str(home), WFLTEXT_CACHE_DIR=str(cache), PYTHONPATH=str(ROOT))
    out = subprocess.run(
        [sys.executable, "-c", _CHILD], cwd=work, env=env, capture_output=True, text=True, check=True
    )
    result = json.loads(out.stdout)
    assert result["lazy"], "importing wfltext imported jieba"
    assert result["words"] == ["县妇联", "实施", "春蕾计划"]
    assert result["cache"] == str(cache)
    assert (cache / "jieba.cache").is_file()
    assert list(home.rglob("*")) == []
    assert list(work.rglob("*")) == []
    assert "Building prefix dict" not in out.stderr


def test_default_cache_is_under_the_temporary_directory(tmp_path: Path):
    env = {k: v for k, v in os.environ.items() if k != "WFLTEXT_CACHE_DIR"}
    env.update(TMPDIR=str(tmp_path), HOME=str(tmp_path / "home"), PYTHONPATH=str(ROOT))
    out = subprocess.run(
        [sys.executable, "-c", "from wfltext.tokenize import cache_dir; print(cache_dir())"],
        cwd=tmp_path, env=env, capture_output=True, text=True, check=True,
    )
    assert Path(out.stdout.strip()) == tmp_path / "wfltext-cache"


def test_pipeline_never_uses_posseg():
    # posseg tags parts of speech at about fifty times the cost of lcut; nothing here needs them
    use = re.compile(r"import\s+jieba\.posseg|from\s+jieba\s+import\s+posseg|posseg\.(?:l?cut|dt)")
    for path in (ROOT / "wfltext").rglob("*.py"):
        assert not use.search(path.read_text(encoding="utf-8")), path


def test_dictionary_tables_are_kept_and_rebuilt_when_broken(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from wfltext.tokenize import dictionary_table

    monkeypatch.setenv("WFLTEXT_CACHE_DIR", str(tmp_path))
    calls: list[int] = []

    def build() -> dict[str, int]:
        calls.append(1)
        return {"县妇联": len(calls)}

    assert dictionary_table("test-table", build, "a") == {"县妇联": 1}
    assert dictionary_table("test-table", build, "a") == {"县妇联": 1} and len(calls) == 1  # read back
    assert dictionary_table("test-table", build, "b") == {"县妇联": 2}  # another key: built again
    files = sorted(tmp_path.glob("test-table.*.marshal"))
    assert len(files) == 2
    for f in files:
        f.write_bytes(b"\x00broken")
    assert dictionary_table("test-table", build, "a") == {"县妇联": 3}  # unreadable: built again


def test_a_table_is_built_where_the_cache_folder_cannot_be_made(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from wfltext.tokenize import cached_table

    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("WFLTEXT_CACHE_DIR", str(blocker / "cache"))
    assert cached_table("test-table", lambda: {"县妇联": 1}, "k") == {"县妇联": 1}


def test_old_versions_of_a_dictionary_table_are_pruned(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    # a table's file name changes with each version of wfltext and of its source: without pruning
    # the cache folder would grow by a table with every upgrade
    from wfltext import tokenize

    monkeypatch.setenv("WFLTEXT_CACHE_DIR", str(tmp_path))
    for k in range(6):
        old = tmp_path / f"test-table.{k:020x}.marshal"
        old.write_bytes(b"old")
        os.utime(old, (1_000_000 + k, 1_000_000 + k))
    other = tmp_path / "test-table-by-first.00000000000000000000.marshal"
    other.write_bytes(b"another table")
    assert tokenize.dictionary_table("test-table", lambda: {"县妇联": 1}, "new") == {"县妇联": 1}
    kept = sorted(p.name for p in tmp_path.glob("test-table.*.marshal"))
    assert len(kept) == tokenize.KEEP_TABLES
    # the one just written, and the most recently used of the others
    assert f"test-table.{5:020x}.marshal" in kept and f"test-table.{4:020x}.marshal" in kept
    assert other.exists()
    # a table read back is marked as used, so it outlives tables not read since
    assert tokenize.dictionary_table("test-table", lambda: {"县妇联": 2}, "new") == {"县妇联": 1}


def test_document_words_and_tokens_agree():
    doc = wfltext.analyze("縣婦聯實施春蕾計劃。全县培训200名妇女。", types=())
    assert "".join(doc.words) == doc.text
    assert doc.token_ends[-1] == len(doc.text) and len(doc.token_ends) == len(doc.words)
    for word, end, tok in zip(doc.words, doc.token_ends, doc.tokens):
        assert (tok.text, tok.nstart, tok.nend) == (word, end - len(word), end)
        assert (tok.start, tok.end) == doc.to_original(tok.nstart, tok.nend)


@pytest.mark.skipif(not _has_rjieba(), reason="rjieba is not installed")
def test_the_fast_engine_leaves_rjieba_importable_as_usual():
    # wfltext loads rjieba's compiled module without the package's own tokenizer; a later
    # import of the package by a user must work as always, with the same class
    code = (
        "import sys\n"
        "from wfltext.tokenize import tokenizer\n"
        "tk = tokenizer(engine='rjieba')\n"
        "assert 'rjieba' not in sys.modules\n"
        "import rjieba\n"
        "assert type(tk.fast) is rjieba.Jieba is rjieba.rjieba.Jieba\n"
        "assert rjieba.cut('我们在学习') == ['我们', '在', '学习']\n"
        "assert tk.lcut('县妇联实施春蕾计划') == ['县妇联', '实施', '春蕾计划']\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
