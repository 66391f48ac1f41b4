"""wfltext.rx: a pattern given to ``re`` matches exactly as its ``regex`` twin does."""

from __future__ import annotations

import random
import re
import sys
import unicodedata
from pathlib import Path

import pytest
import regex

import wfltext
from wfltext import rx
from wfltext.decoding import decode

from .conftest import CORPUS

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def _assigned() -> str:
    """Every code point Python's own Unicode data assigns (no surrogates, no private use)."""
    return "".join(chr(c) for c in range(sys.maxunicode + 1)
                   if unicodedata.category(chr(c)) not in ("Cn", "Cs", "Co"))


@pytest.mark.parametrize("escape, spelled", [(r"\p{Han}", f"[{rx.HAN}]"), (r"\s", f"[{rx.SPACE}]"),
                                             (r"\S", f"[^{rx.SPACE}]"), (r"\d", r"\d")])
def test_the_classes_are_regex_s_own(escape: str, spelled: str) -> None:
    chars = _assigned()
    theirs = {m.start() for m in regex.finditer(escape, chars)}
    ours = {m.start() for m in re.finditer(spelled, chars)}
    assert ours == theirs, [hex(ord(chars[i])) for i in sorted(ours ^ theirs)][:20]


@pytest.mark.parametrize("pattern, engine", [
    (r"[\p{Han}]{2}\d+", re.Pattern),
    (r"(?<=[，。])\s*\S", re.Pattern),
    (r"\w+", regex.Pattern),  # word characters differ
    (r"(?i)abc", regex.Pattern),  # case folding differs
    (r"(?<=第\d{1,3})届", regex.Pattern),  # a look-behind of varying width
    (r"(?r)[。！？]", regex.Pattern),  # a reverse search
    (r"[[:alpha:]]", regex.Pattern),  # a POSIX class: a nested set to re
    (r"[^\S\n]", regex.Pattern),  # \S inside a class
    (r"(?P<a>x)|(?P<a>y)", regex.Pattern),  # a repeated group name
    (r"\p{Lu}", regex.Pattern),
])
def test_each_pattern_goes_to_the_engine_that_reads_it_the_same(pattern: str, engine: type) -> None:
    assert isinstance(rx.compile(pattern), engine)


def test_translate_spells_out_han_inside_and_outside_a_class() -> None:
    assert rx.translate(r"[\p{Han}，]\p{Han}") == f"[{rx.HAN}，][{rx.HAN}]"
    assert rx.translate(r"[\]\p{Han}]") == rf"[\]{rx.HAN}]"
    assert rx.translate(r"[^]\s]") == f"[^]{rx.SPACE}]"
    assert rx.translate(r"\bx") is None


def _texts() -> list[str]:
    texts = [decode(p.read_bytes(), str(p)).text for p in sorted((ROOT / "corpus" / "reports").glob("*.txt"))]
    if SHARED.is_dir():
        files = sorted((SHARED / "realcorpus").glob("*/*.txt"))[::4]
        texts += [f.read_text(encoding="utf-8")[:30000] for f in files]
    return texts


def _noise(pattern: str, rng: random.Random) -> list[str]:
    """Random strings of the pattern's own characters, Han, digits, white space and punctuation."""
    own = [c for c in pattern if not c.isascii() or c.isalnum()] or ["x"]
    pool = own * 3 + list("妇联县委第届年月日万元名人、，。；：“”《》（）()[]【】 \t\n\u3000\u00a0\x1c0123456789xX×*＊一二十百千")
    return ["".join(rng.choice(pool) for _ in range(rng.randint(1, 60))) for _ in range(300)]


def _same(a: re.Match[str] | None, b: regex.Match[str] | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return a.span() == b.span() and a.groups() == b.groups() and a.groupdict() == b.groupdict()


def test_every_pattern_given_to_re_matches_as_regex_does() -> None:
    texts = _texts()
    for t in texts:
        wfltext.analyze(t)  # every pattern built on first use is built
    normalized = [wfltext.normalize(t).text for t in texts]
    from wfltext.extract import numbers
    assert isinstance(numbers._CORE_NUMERALS, re.Pattern) and len(rx.COMPILED) >= 20
    rng = random.Random(7)
    seen: set[tuple[str, int]] = set()
    for source, flags, compiled in rx.COMPILED:
        if (source, flags) in seen:
            continue
        seen.add((source, flags))
        twin = regex.compile(source, flags)
        for text in [*normalized, *_noise(source, rng)]:
            ours = [(m.span(), m.groups()) for m in compiled.finditer(text)]
            theirs = [(m.span(), m.groups()) for m in twin.finditer(text)]
            assert ours == theirs, (source[:80], text[:80])
            if text:
                pos = rng.randrange(len(text))
                end = rng.randrange(pos, len(text) + 1)
                assert _same(compiled.match(text, pos, end), twin.match(text, pos, end)), (source[:80], pos, end)
                assert _same(compiled.search(text, pos, end), twin.search(text, pos, end)), (source[:80], pos, end)
                assert _same(compiled.fullmatch(text, pos, end), twin.fullmatch(text, pos, end)), (source[:80], pos, end)


def test_possessive_patterns_go_to_regex_where_re_matched_them_wrongly(monkeypatch: pytest.MonkeyPatch) -> None:
    """Python's ``re`` before 3.11.5 matched possessive quantifiers wrongly where
    the part they hold can backtrack (CPython gh-106052): there rx gives such patterns to ``regex``
    (whose answers equal ``re``'s on a fixed Python: test above), elsewhere to ``re``."""
    pattern = r"(?P<num>\d{1,20}+(?:,\d{3}){0,6}+)(?:[.．]\d{1,12}+)?+年"
    assert rx.RE_POSSESSIVE_OK == (sys.version_info >= (3, 11, 5))
    monkeypatch.setattr(rx, "RE_POSSESSIVE_OK", False)
    old = rx.compile(pattern)
    assert isinstance(old, regex.Pattern)
    assert isinstance(rx.compile(r"\d{1,3}年"), re.Pattern)  # no possessive part: re as before
    assert old.search("共1,234.5年").group("num") == "1,234"
    if sys.version_info >= (3, 11, 5):
        monkeypatch.setattr(rx, "RE_POSSESSIVE_OK", True)
        assert isinstance(rx.compile(pattern), re.Pattern)


def test_no_pattern_of_the_package_gives_re_a_possessive_part_unguarded() -> None:
    """No module of the package hands ``re`` a pattern with a possessive quantifier itself: in a
    fresh process that imports wfltext and analyzes three sample reports, every ``re.compile``
    called from a wfltext module other than rx's two, which check the Python version first
    (``rx.compile``, ``rx.compile_as_written``), is of a pattern without one."""
    import subprocess

    code = """
import re, sys
calls, original = [], re.compile
def spy(pattern, flags=0):
    f = sys._getframe(1)
    where = (f.f_globals.get("__name__", ""), f.f_code.co_name)
    if isinstance(pattern, str) and where[0].startswith("wfltext") \\
            and where not in (("wfltext.rx", "compile"), ("wfltext.rx", "compile_as_written")):
        calls.append(pattern)
    return original(pattern, flags)
re.compile = spy
import wfltext
from wfltext import rx
for p in sys.argv[1:]:
    wfltext.analyze(open(p, "rb").read())
print(len(calls), [p[:60] for p in calls if rx.has_possessive(p)])
"""
    reports = [str(p) for p in sorted(CORPUS.glob("reports/*.txt"))[:3]]
    out = subprocess.run([sys.executable, "-c", code, *reports], capture_output=True, text=True, check=True).stdout.split(" ", 1)
    assert int(out[0]) > 50  # the spy sees the package's own patterns
    assert out[1].strip() == "[]"
    # rx gives the numeral scan's possessive pattern to re where re reads it right
    assert any(rx.has_possessive(c.pattern) for _, _, c in rx.COMPILED) == rx.RE_POSSESSIVE_OK or not rx.COMPILED
