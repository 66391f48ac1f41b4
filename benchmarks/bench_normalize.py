"""The normalizer: throughput against bare ``jieba.lcut``, the traditional → simplified choice,
and linear time on adversarial input.

    python benchmarks/bench_normalize.py [throughput] [--repeat 3]
    python benchmarks/bench_normalize.py t2s          # converters compared (a minute or two)
    python benchmarks/bench_normalize.py a1           # lost-A1A1 repairs: false ones, recall
    python benchmarks/bench_normalize.py adversarial  # every fix on 10× longer hostile input
    python benchmarks/bench_normalize.py all

**throughput** — for every report of ``../shared/realcorpus`` (or ``$WFLTEXT_SHARED``), in one
process: ``normalize(original)`` and bare ``jieba.lcut(original)``. jieba's dictionary and the
normalizer's lazy data (OpenCC, jieba's word frequencies for the lost-A1A1 check) are loaded
before timing; the first call's cost is printed apart. Times are CPU time of this process, per
text the best of ``--repeat`` rounds, jieba timed right beside, so that a busy machine touches
both alike. The ratio is jieba's time over the normalizer's (5.0: five times jieba's throughput).
Then the time per fix, and what a second round of the plan (which only confirms) costs.

**t2s** — candidate converters (OpenCC, opencc-pyo3, zhconv, hanziconv, snownlp, and wfltext's
OpenCC with its supplements) on: (1) the sample report, its other fixes applied, against the
reviewed normalized text; (2) the real reports turned traditional by a third converter (zhconv
zh-hant, hanziconv, OpenCC s2t) and back, against the original simplified text (character error
rate; 「」 and “” counted alike, since the converters to traditional differ there); (3) the
simplified originals themselves, where any change is an error; and speed in characters per
second. Missing converters are reported and skipped.

**a1** — the lost-A1A1 repair on the clean real reports and the sample (every repair there is
false), and on the same reports with the A1 A1 bytes of every character-punctuation pair it
covers removed one at a time (its recall, and how often it restores the wrong pair).

**adversarial** — every fix on inputs built to make a regular expression backtrack (runs of
digits, spaces, punctuation, parentheses, quotes, x, 大中小 lines), at two sizes: the time ratio
should stay near the size ratio (10).
"""

from __future__ import annotations

import argparse
import difflib
import importlib
import logging
import time
from typing import Callable

from common import ROOT, corpus, sample, timed


def norm_module():
    # ``wfltext.normalize`` the attribute is the function; the module holds the plan
    return importlib.import_module("wfltext.normalize")


# -- throughput -----------------------------------------------------------------------------------


def throughput(repeat: int) -> None:
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    N = norm_module()
    texts = corpus()
    chars = sum(map(len, texts))
    first = timed(lambda: N.normalize(texts[0]))
    print(f"realcorpus: {len(texts)} reports, {chars:,} characters")
    print(f"first call (loads OpenCC tables and jieba's word frequencies): {first:.2f} s")
    tj = tn = t1 = 0.0
    for text in texts:
        bj = bn = b1 = float("inf")
        for _ in range(repeat):
            bj = min(bj, timed(lambda: jieba.lcut(text)))
            bn = min(bn, timed(lambda: N.normalize(text)))
            rounds, N.MAX_ROUNDS = N.MAX_ROUNDS, 1
            try:
                b1 = min(b1, timed(lambda: N.normalize(text)))
            finally:
                N.MAX_ROUNDS = rounds
        tj, tn, t1 = tj + bj, tn + bn, t1 + b1
    print(f"jieba.lcut          {chars / tj:12,.0f} chars/s")
    print(f"normalize           {chars / tn:12,.0f} chars/s   ratio to jieba {tj / tn:5.1f}x")
    print(f"  one round only    {chars / t1:12,.0f} chars/s   ratio to jieba {tj / t1:5.1f}x"
          f"   (the confirming round costs {100 * (tn - t1) / tn:.0f}% of the time)")
    # per fix, on the text each fix sees in the plan's first round
    from wfltext.normalize.offsets import OffsetMap

    inputs: dict[str, list[str]] = {f.name: [] for f in N.PLAN}
    for text in texts:
        current = text
        for fix in N.PLAN:
            inputs[fix.name].append(current)
            edits = fix.find(current)
            if any(current[e.start : e.end] != e.replacement for e in edits):
                current, _ = OffsetMap.identity(len(current)).apply(current, edits)
    print("per fix (first round, CPU ms over the corpus):")
    for fix in N.PLAN:
        best = min(timed(lambda: [fix.find(x) for x in inputs[fix.name]]) for _ in range(repeat))
        print(f"  {fix.name:20s} {best * 1000:7.1f}")


# -- traditional to simplified --------------------------------------------------------------------

_QUOTES = str.maketrans("「」『』", "“”‘’")


def errors(reference: str, candidate: str) -> int:
    """Character errors of ``candidate`` against ``reference``, line by line."""
    n = 0
    ref_lines, cand_lines = reference.split("\n"), candidate.split("\n")
    if len(ref_lines) != len(cand_lines):
        ref_lines, cand_lines = [reference], [candidate]
    for a, b in zip(ref_lines, cand_lines):
        if a == b:
            continue
        if len(a) == len(b):
            n += sum(x != y for x, y in zip(a, b))
        else:
            sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
            n += sum(max(i2 - i1, j2 - j1) for op, i1, i2, j1, j2 in sm.get_opcodes() if op != "equal")
    return n


def converters() -> tuple[dict[str, Callable[[str], str]], dict[str, Callable[[str], str]], list[str]]:
    """t2s candidates, s2t converters that make the test input, and what is missing."""
    t2s: dict[str, Callable[[str], str]] = {}
    s2t: dict[str, Callable[[str], str]] = {}
    missing = []
    try:
        import opencc

        t2s["OpenCC t2s"] = opencc.OpenCC("t2s").convert
        s2t["OpenCC s2t"] = opencc.OpenCC("s2t").convert
    except ImportError:
        missing.append("opencc")
    try:
        import opencc_pyo3

        t2s["opencc-pyo3 t2s"] = opencc_pyo3.OpenCC("t2s").convert
    except ImportError:
        missing.append("opencc-pyo3")
    try:
        import zhconv

        t2s["zhconv zh-hans"] = lambda s: zhconv.convert(s, "zh-hans")
        t2s["zhconv zh-cn"] = lambda s: zhconv.convert(s, "zh-cn")
        s2t["zhconv zh-hant"] = lambda s: zhconv.convert(s, "zh-hant")
    except ImportError:
        missing.append("zhconv")
    try:
        from hanziconv import HanziConv

        t2s["hanziconv"] = HanziConv.toSimplified
        s2t["hanziconv"] = HanziConv.toTraditional
    except ImportError:
        missing.append("hanziconv")
    try:
        from snownlp import SnowNLP

        t2s["snownlp"] = lambda s: SnowNLP(s).han
    except ImportError:
        missing.append("snownlp")
    from wfltext.normalize import script
    from wfltext.normalize.offsets import OffsetMap

    t2s["wfltext (OpenCC + supplements)"] = script.convert

    def as_in_the_plan(text: str) -> str:
        # the fix as the plan runs it: a text with too few traditional characters is left alone
        return OffsetMap.identity(len(text)).apply(text, script.to_simplified(text))[0]

    t2s["wfltext fix (as in the plan)"] = as_in_the_plan
    return t2s, s2t, missing


def _library(name: str) -> str:
    return name.split()[0].lower().replace("-pyo3", "")


def t2s_comparison() -> None:
    import warnings

    warnings.filterwarnings("ignore")
    N = norm_module()
    t2s, s2t, missing = converters()
    if missing:
        print("not installed, skipped:", ", ".join(missing))
    # (1) the sample: every other fix applied, against the reviewed normalized text
    reference = (ROOT / "corpus" / "normalize" / "000_6e53a69d3eb90f18.normalized.txt").read_text(encoding="utf-8")
    without = N.normalize(sample(), tuple(f for f in N.PLAN if f.name != "simplify")).text
    print(f"\n(1) sample report, {len(reference):,} characters, {errors(reference, without)} to convert: errors after conversion")
    for name, conv in t2s.items():
        e = errors(reference, conv(without))
        print(f"  {name:32s} {e:4d}  ({e / len(reference) * 1e4:5.1f} per 10k)")
    # (2) the real reports through a third converter and back
    texts = corpus()
    original = "\n".join(texts).translate(_QUOTES)
    chars = len(original)
    print(f"\n(2) real reports ({chars:,} characters) made traditional and converted back: errors per 10k characters")
    made = {name: conv(original).translate(_QUOTES) for name, conv in s2t.items()}
    print("  " + " " * 32 + "".join(f"{n:>16s}" for n in made) + "   on simplified   chars/s")
    for name, conv in t2s.items():
        row = []
        for maker, traditional in made.items():
            e = errors(original, conv(traditional).translate(_QUOTES))
            same = _library(maker) == _library(name) or (name.startswith("wfltext") and maker.startswith("OpenCC"))
            row.append(f"{e / chars * 1e4:14.1f}{'*' if same else ' '} ")
        t0 = time.perf_counter()
        out = conv(original)
        speed = chars / (time.perf_counter() - t0)
        on_simplified = errors(original, out.translate(_QUOTES))
        print(f"  {name:32s}" + "".join(row) + f"   {on_simplified:13d}   {speed:10,.0f}")
    print("  * the same library made the traditional text: a flattering pairing, not a test")


# -- lost A1A1: false repairs and recall ----------------------------------------------------------


def lost_a1a1() -> None:
    """Clean reports must get no repair; a simulated loss of A1 A1 in them is a known answer."""
    from wfltext.normalize import garble

    texts = corpus() + [sample()]
    false = sum(len(garble.repair_lost_a1a1(t)) for t in texts)
    chars = sum(map(len, texts))
    restorable = {}
    for lead in range(0x81, 0xFF):
        try:
            restorable[bytes([lead, 0xA1]).decode("gbk")] = lead
        except UnicodeDecodeError:
            continue
    right = wrong = total = 0
    for t in texts:
        for i in range(1, len(t) - 1):
            c, p = t[i], t[i + 1]
            if c not in restorable or p not in garble.A1_PUNCTUATION:
                continue
            merged = bytes([restorable[c], p.encode("gbk")[1]]).decode("gbk", errors="replace")
            total += 1
            # the pair with A1 A1 lost, in its sentence (ten characters either side)
            window = t[max(0, i - 10) : i] + merged + t[i + 2 : i + 12]
            at = min(i, 10)
            hits = [e for e in garble.repair_lost_a1a1(window) if e.start == at]
            if hits:
                if hits[0].replacement == c + p:
                    right += 1
                else:
                    wrong += 1
    print(f"clean text ({chars:,} characters): {false} repairs (each one false)")
    print(f"simulated losses of A1 A1 before {garble.A1_PUNCTUATION}: {total}; repaired right {right} "
          f"({100 * right / max(total, 1):.0f}%), wrong {wrong}, left {total - right - wrong}")


# -- adversarial input ----------------------------------------------------------------------------

HOSTILE = {
    "digits": "1" * 997 + "。",
    "digit-stop": "1。" * 500,
    "spaces": "政 " * 500,
    "ideographic": "\u3000" * 999 + "甲",
    "ascii-punct": ",;:" * 333 + "甲",
    "cjk-punct": "，、；：。！？" * 142,
    "parens": "強(" * 500,
    "readings": "強(qiáng)" * 120,
    "bang": "慶!" * 500,
    "x": "x" * 999 + "年",
    "stars": "*" * 999,
    "lines": "大\n中\n小\n" * 166,
    "long-line": "积极" * 500,
    "quotes": "“" * 999,
    "wraps": ("一是加强学习，不断提高妇女素质和能力水平，推动各项工作落到实处并取得" + "\n") * 30,
}


def adversarial() -> None:
    N = norm_module()
    N.normalize("预热")
    print("time at 10× the size over time at 1× (linear: about 10):")
    worst = 0.0
    for name, unit in HOSTILE.items():
        small, large = unit * 2, unit * 20
        ratios = []
        for fix in N.PLAN:
            ts = min(timed(lambda: fix.find(small)) for _ in range(3))
            tl = min(timed(lambda: fix.find(large)) for _ in range(3))
            if ts > 2e-4:
                ratios.append((tl / ts, fix.name))
        whole_s = min(timed(lambda: N.normalize(small)) for _ in range(3))
        whole_l = min(timed(lambda: N.normalize(large)) for _ in range(3))
        top = max(ratios) if ratios else (0.0, "-")
        worst = max(worst, whole_l / whole_s)
        print(f"  {name:12s} {len(small):6,d} → {len(large):7,d} chars: normalize {whole_l / whole_s:5.1f}, "
              f"slowest-growing fix {top[1]} {top[0]:5.1f}")
    print(f"worst whole-plan ratio {worst:.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("what", nargs="?", default="throughput", choices=["throughput", "t2s", "a1", "adversarial", "all"])
    parser.add_argument("--repeat", type=int, default=3, help="rounds; the best of each is kept (default 3)")
    args = parser.parse_args()
    if args.what in ("throughput", "all"):
        throughput(args.repeat)
    if args.what in ("t2s", "all"):
        t2s_comparison()
    if args.what in ("a1", "all"):
        lost_a1a1()
    if args.what in ("adversarial", "all"):
        adversarial()


if __name__ == "__main__":
    main()
