"""Every regular expression of the package runs in linear time on adversarial input.

The patterns are found, not listed: every module of ``wfltext`` is imported and searched for
compiled ``regex``/``re`` patterns — module attributes, class attributes, and whatever the
module's argument-less ``lru_cache`` loaders return (lexicon objects, tuples of filters), walked
a few levels deep. Patterns compiled inline (``regex.search(r"…", s)``) land in the ``regex``
and ``re`` caches; those are collected after analyzing a few reports.

Each pattern scans (``finditer``, every match) adversarial strings of ``SIZE`` characters: long
runs of one motif (digits, 《, “, 、, 一, 万, pinyin-like parentheses, ``*``, spaces …) and of the
literal characters of the pattern itself. A linear pattern scans 100k characters in
milliseconds, a few seconds for the heaviest alternations on a loaded machine; a quadratic one
needs minutes to hours. So the test is a cap per call (``CAP_SECONDS``, raised to
``BASELINE_FACTOR`` times the pattern's own time on as much ordinary report text for the few slow
alternations; enforced by a ``SIGALRM`` deadline and regex's own ``timeout=``), not a fine ratio
of timings: growth ratios are in ``benchmarks/bench_scaling.py``.

Known super-linear patterns are listed in ``KNOWN_SUPERLINEAR`` with the motif that shows it;
each is an ``xfail(strict=True)`` test of its own, and the module's test checks every other
pattern.
"""

from __future__ import annotations

import dataclasses
import functools
import importlib
import inspect
import pkgutil
import re
import signal
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

import pytest
import regex

import wfltext

from .conftest import CORPUS

#: characters per adversarial string
SIZE = 100_000
#: most seconds one ``finditer`` over ``SIZE`` characters may take …
CAP_SECONDS = 15.0
#: … or this many times what the same pattern takes on as much ordinary report text, for the
#: few huge alternations that are linear but slow (tens of µs a character) when the machine is
#: loaded; a quadratic pattern is thousands of times slower on its motif than on text
BASELINE_FACTOR = 20
#: never wait longer than this for one scan
CEILING_SECONDS = 120.0
#: ordinary text for the baseline
ORDINARY = "今年以来，县妇联组织开展“巾帼建功”活动50余场，培训妇女3000余人次。\n一、加强思想引领\n"

#: runs that drive typical Chinese-report patterns into their worst cases
MOTIFS: tuple[str, ...] = (
    "1",          # long digit runs: \d+ / {1,30} numerals, masks, phone numbers
    "《",         # unclosed titles
    "“",          # unclosed quotes
    "、",         # enumeration separators
    "一",         # Chinese numerals, 一是, 一、
    "万",         # multipliers
    "(",          # unclosed parentheses
    "(qiáng",     # inline pinyin never closed
    "*",          # masked digits
    " ",          # spaces: \s* on both sides
    "\u3000",     # ideographic space
    "\n",         # empty lines: ^…$ in MULTILINE
    "1.",         # outline markers, decimals
    "第",         # ordinals
    "县",         # place and level suffixes
    "的",         # frame words
)


class Overrun(Exception):
    """One scan went over ``CAP_SECONDS``."""


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Raise :class:`Overrun` in the main thread after ``seconds`` (``re`` and ``regex`` both
    check for signals while matching)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def alarm(signum: int, frame: Any) -> None:
        raise Overrun()

    old = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


# -- finding the patterns ------------------------------------------------------------------------

PATTERN_TYPES = (re.Pattern, regex.Pattern)
_ATOMS = (str, bytes, int, float, bool, complex, type(None))
#: bytes of the pattern source that are syntax, not literal text
_SYNTAX = set("\\()[]{}?*+|^$.-:!<>=,PpNn")


def _walk(obj: Any, path: str, out: dict[str, Any], seen: set[int], depth: int = 0) -> None:
    if isinstance(obj, PATTERN_TYPES):
        out.setdefault(path, obj)
        return
    if depth > 4 or isinstance(obj, _ATOMS) or id(obj) in seen:
        return
    seen.add(id(obj))
    if isinstance(obj, dict):
        for k, v in list(obj.items())[:20000]:
            _walk(v, f"{path}[{k!r}]", out, seen, depth + 1)
    elif isinstance(obj, (list, tuple, set, frozenset)):
        items = sorted(obj, key=repr) if isinstance(obj, (set, frozenset)) else obj
        for i, v in enumerate(list(items)[:20000]):
            _walk(v, f"{path}[{i}]", out, seen, depth + 1)
    elif dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        for f in dataclasses.fields(obj):
            _walk(getattr(obj, f.name, None), f"{path}.{f.name}", out, seen, depth + 1)
        # patterns a dataclass compiles on first use (boilerplate's whole-line alternations)
        for name, attr in vars(type(obj)).items():
            if isinstance(attr, functools.cached_property):
                _walk(getattr(obj, name), f"{path}.{name}", out, seen, depth + 1)
    elif type(obj).__module__.startswith("wfltext") and not callable(obj) and not inspect.ismodule(obj):
        names = list(getattr(obj, "__dict__", {}))
        for cls in type(obj).__mro__:
            names += [s for s in getattr(cls, "__slots__", ()) if isinstance(s, str)]
        for name in dict.fromkeys(names):
            _walk(getattr(obj, name, None), f"{path}.{name}", out, seen, depth + 1)


def _no_required_args(fn: Any) -> bool:
    try:
        params = inspect.signature(fn).parameters.values()
    except (TypeError, ValueError):
        return False
    return all(p.default is not p.empty or p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD) for p in params)


def module_names() -> list[str]:
    """Every module of the package (``__main__`` runs the command line, so not that one)."""
    names = ["wfltext"]
    for info in pkgutil.walk_packages(wfltext.__path__, "wfltext."):
        if not info.name.endswith("__main__"):
            names.append(info.name)
    return sorted(names)


def module_patterns(name: str) -> dict[str, Any]:
    """``{path: compiled pattern}`` of one module: attributes, class attributes and what its
    argument-less lru-cached loaders return."""
    mod = importlib.import_module(name)
    out: dict[str, Any] = {}
    seen: set[int] = set()
    for attr, value in sorted(vars(mod).items()):
        if attr.startswith("__"):
            continue
        path = f"{name}.{attr}"
        if isinstance(value, functools._lru_cache_wrapper):
            if getattr(value, "__module__", None) == name and _no_required_args(value):
                _walk(value(), f"{path}()", out, seen)
        elif inspect.isclass(value):
            if value.__module__ == name:
                for k, v in vars(value).items():
                    if isinstance(v, functools._lru_cache_wrapper) and _no_required_args(v):
                        _walk(v(), f"{path}.{k}()", out, seen, 1)
                    elif not k.startswith("__"):
                        _walk(v, f"{path}.{k}", out, seen, 1)
        elif not inspect.ismodule(value) and not inspect.isroutine(value):
            _walk(value, path, out, seen, 1)
    return out


def _literal_motifs(pattern: Any, limit: int = 3) -> list[str]:
    """The first few literal characters of a pattern's source that no generic motif covers
    (``来源`` in a boilerplate rule): runs of them reach the pattern's inner loops."""
    src = pattern.pattern.decode("latin-1") if isinstance(pattern.pattern, bytes) else pattern.pattern
    found: list[str] = []
    for ch in src:
        if ch in _SYNTAX or ch.isascii() and ch.isalnum() or ch in MOTIFS or ch in found:
            continue
        found.append(ch)
        if len(found) == limit:
            break
    return found


def adversarial(motif: str, pattern: Any) -> str | bytes:
    text = (motif * (SIZE // len(motif) + 1))[:SIZE]
    return text.encode("utf-8")[:SIZE] if isinstance(pattern.pattern, bytes) else text


def scan_seconds(pattern: Any, subject: str | bytes, cap: float = CAP_SECONDS) -> float | None:
    """Seconds one full ``finditer`` takes, or None when it ran over ``cap``."""
    import time

    kwargs = {"timeout": cap + 1} if isinstance(pattern, regex.Pattern) else {}
    t0 = time.perf_counter()
    try:
        with deadline(cap):
            for _ in pattern.finditer(subject, **kwargs):
                pass
    except (Overrun, TimeoutError):
        return None
    return time.perf_counter() - t0


def cap_for(pattern: Any) -> float:
    """The cap of one scan by ``pattern``: ``CAP_SECONDS``, or ``BASELINE_FACTOR`` times its time
    on ordinary text when that is more, never more than ``CEILING_SECONDS``."""
    baseline = scan_seconds(pattern, adversarial(ORDINARY, pattern), CEILING_SECONDS)
    if baseline is None:
        return CEILING_SECONDS
    return min(CEILING_SECONDS, max(CAP_SECONDS, BASELINE_FACTOR * baseline))


def overruns(pattern: Any, motifs: tuple[str, ...] | list[str] | None = None, cap: float | None = None) -> list[str]:
    """Motifs on which ``pattern`` runs over the cap (empty: linear enough)."""
    if cap is None:
        cap = cap_for(pattern)
    bad = []
    for motif in motifs if motifs is not None else [*MOTIFS, *_literal_motifs(pattern)]:
        if scan_seconds(pattern, adversarial(motif, pattern), cap) is None:
            bad.append(motif)
    return bad


def anchored_overruns(pattern: Any, motifs: tuple[str, ...] | list[str] | None = None, cap: float = CAP_SECONDS) -> list[str]:
    """Motifs on which one ``match`` or one ``fullmatch`` at the start runs over the cap."""
    bad = []
    for motif in motifs if motifs is not None else [*MOTIFS, *_literal_motifs(pattern)]:
        subject = adversarial(motif, pattern)
        if scan_seconds(_Anchored(pattern.match), subject, cap) is None or scan_seconds(_Anchored(pattern.fullmatch), subject, cap) is None:
            bad.append(motif)
    return bad


class _Anchored:
    """One call of ``match``/``fullmatch`` in the shape :func:`scan_seconds` drives."""

    def __init__(self, method: Any) -> None:
        self.method = method

    def finditer(self, subject: str | bytes, **kwargs: Any) -> list[Any]:
        m = self.method(subject, **kwargs)
        return [m] if m else []


# -- patterns checked the way they are used, and known super-linear ones -------------------------

#: patterns the package only ever applies at one position (``match``/``fullmatch``), never scans
#: a text with: a scan would try them at every position of a run, a use never does. Each is
#: checked with one ``match`` and one ``fullmatch`` on the adversarial strings. A path ending
#: in ``*`` covers every path it starts. Path → where and how it is used.
ANCHORED_USE: dict[str, str] = {
    "wfltext.normalize.boilerplate._rules().strong": "boilerplate.find_chrome: fullmatch of one line of at most CHROME_MAX characters",
    "wfltext.normalize.boilerplate._rules().long": "boilerplate._line_rule: fullmatch of one line of at most LONG_CHROME_MAX characters",
    "wfltext.normalize.boilerplate._rules().line_rules*": "boilerplate._line_rule: the rules of strong one by one, the same fullmatch",
    "wfltext.normalize.fixes._HEADING_START": "fixes: match at the start of the next line",
}

#: path → (motif that shows it, why): bugs in their modules, each an xfail of its own
KNOWN_SUPERLINEAR: dict[str, tuple[str, str]] = {}


def _anchored(path: str) -> bool:
    return any(path == k or k.endswith("*") and path.startswith(k[:-1]) for k in ANCHORED_USE)


#: patterns already checked (pattern source and flags) by an earlier module's test
_checked: set[tuple[Any, int]] = set()


@pytest.mark.parametrize("name", module_names())
def test_module_patterns_are_linear(name: str) -> None:
    try:
        patterns = module_patterns(name)
    except ImportError as err:
        pytest.skip(f"{name} needs an optional dependency that is not installed: {err}")
    slow: list[str] = []
    for path, pattern in patterns.items():
        key = (pattern.pattern, pattern.flags)
        if path in KNOWN_SUPERLINEAR or key in _checked:
            continue
        bad = anchored_overruns(pattern) if _anchored(path) else overruns(pattern)
        if bad:
            slow.append(f"{path} = {pattern.pattern[:80]!r}… over its cap (cap_for) on {SIZE} × {bad}")
        elif not _anchored(path):
            _checked.add(key)
    assert not slow, "super-linear patterns:\n" + "\n".join(slow)


def test_anchored_use_names_real_patterns() -> None:
    """Every entry of ``ANCHORED_USE`` still names a pattern: a renamed one must not keep an
    exemption from the scan it no longer needs."""
    found = [path for name in module_names() if _importable(name) for path in module_patterns(name)]
    for key in ANCHORED_USE:
        assert any(p == key or key.endswith("*") and p.startswith(key[:-1]) for p in found), key


# an xfail of its own for each known super-linear pattern (none today: add one to
# KNOWN_SUPERLINEAR when a module's test finds it, and report the bug to the module's owner)
if KNOWN_SUPERLINEAR:

    @pytest.mark.parametrize(
        "path",
        [
            pytest.param(path, marks=pytest.mark.xfail(strict=True, reason=why))
            for path, (_, why) in sorted(KNOWN_SUPERLINEAR.items())
        ],
    )
    def test_known_superlinear(path: str) -> None:
        module = next(n for n in sorted(module_names(), key=len, reverse=True) if path.startswith(n + "."))
        pattern = module_patterns(module)[path]
        motif, _ = KNOWN_SUPERLINEAR[path]
        assert not overruns(pattern, [motif])


def test_the_walk_finds_the_patterns() -> None:
    """The collector sees module attributes, loader results and lexicon objects: a walk that
    found nothing would make every test above pass for nothing."""
    document = module_patterns("wfltext.document")
    assert "wfltext.document._SENTENCE" in document
    numbers = module_patterns("wfltext.extract.numbers")
    assert any(p.startswith("wfltext.extract.numbers.filters()[") for p in numbers)
    organizations = module_patterns("wfltext.extract.organizations")
    assert any(p.startswith("wfltext.extract.organizations.lexicon().") for p in organizations)
    total = sum(len(module_patterns(n)) for n in module_names() if _importable(n))
    assert total >= 100


def _importable(name: str) -> bool:
    try:
        importlib.import_module(name)
    except ImportError:
        return False
    return True


def test_the_cap_catches_a_quadratic_pattern() -> None:
    """The harness itself: a pattern known to backtrack catastrophically runs over the cap,
    and a plain one does not."""
    assert overruns(regex.compile(r" +(?=\d)"), [" "], cap=1.0) == [" "]  # rescans the run from each space
    assert overruns(regex.compile(r"\d{1,12}[万亿]?"), ["1"], cap=1.0) == []


def _inline_patterns(texts: list[str], monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """``{"file.py:line": pattern}`` of the patterns the package compiles where it uses them
    (``regex.search(r"…", s)``), seen while analyzing ``texts``: both modules' ``_compile`` is
    wrapped to note the calls that come straight from a module of the package."""
    import sys

    package = str(Path(wfltext.__file__).parent)
    found: dict[str, Any] = {}

    def watch(module: Any) -> None:
        original = module._compile

        def _compile(*args: Any, **kwargs: Any) -> Any:
            compiled = original(*args, **kwargs)
            frame = sys._getframe(2)  # the caller of regex.search / re.sub / …
            if frame.f_code.co_filename.startswith(package) and isinstance(compiled, PATTERN_TYPES):
                where = f"{Path(frame.f_code.co_filename).relative_to(package).as_posix()}:{frame.f_lineno}"
                found.setdefault(f"{where} {compiled.pattern[:60]!r}", compiled)
            return compiled

        monkeypatch.setattr(module, "_compile", _compile)

    watch(re)
    watch(regex._main)
    for text in texts:
        wfltext.analyze(text, "inline").to_dict()
    return found


def test_inline_patterns_are_linear(sample_text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    texts = [sample_text, *(p.read_text(encoding="utf-8") for p in sorted((CORPUS / "gold" / "texts").glob("*.txt")))]
    texts.append("关于印发《县妇联2019年工作要点》的通知\n一、（一）1.1 第一 20xx年 3*5人 “《(qiáng)》”")
    inline = _inline_patterns(texts, monkeypatch)
    monkeypatch.undo()
    assert inline, "no inline pattern seen: metadata.py compiles some where it uses them"
    # patterns a module holds are its test's business (some only ever anchored)
    held = {(p.pattern, p.flags) for name in module_names() if _importable(name) for p in module_patterns(name).values()}
    slow = []
    for where, pattern in inline.items():
        if (pattern.pattern, pattern.flags) in held:
            continue
        bad = overruns(pattern)
        if bad:
            slow.append(f"{where} over its cap (cap_for) on {SIZE} × {bad}")
    assert not slow, "super-linear inline patterns:\n" + "\n".join(slow)
