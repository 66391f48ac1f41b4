"""Does ``analyze()`` grow linearly on adversarial input? Time per input size, as a table.

For each adversarial input (long runs of one motif — digits, 《, “, 、, 一, 万, ``(``, ``(qiáng``,
``*``, spaces — and structural ones: thousands of headings, of numbers, of quoted names, a real
report repeated), ``analyze()`` runs on ``--size`` characters and on ten times as many. Linear
growth means the larger input takes about 10× the time; the verdict is ``ok`` within 15×.
Bare ``jieba.lcut`` runs on the same two texts in the same process, as the floor any pipeline
built on jieba pays: ``vs jieba`` is analyze's time over jieba's on the larger text.

Wall-clock ratios on a loaded machine scatter (7 to 20 for a linear input was seen on two shared
cores). ``--work N`` adds a deterministic measure: the lines of the package's own Python code that
run (``sys.settrace``) on N and 10 N characters — a quadratic loop shows 100×, whatever the load.
It is slow (tracing), so it uses its own, smaller size; the verdict then follows the work ratio.

A last section times the HTML reader on pages nested ``depth`` and ``10 × depth`` elements deep.

    python benchmarks/bench_scaling.py [--size 20000] [--repeat 2] [--only NAME] [--depth 5000] [--work 10000]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
#: 10× the input within this many times the time
LINEAR_FACTOR = 15.0


def runs(motif: str) -> Callable[[int], str]:
    return lambda n: (motif * (n // len(motif) + 1))[:n]


def lines(make_line: Callable[[int], str], head: str = "县妇联2019年工作总结\n") -> Callable[[int], str]:
    def build(n: int) -> str:
        out, size, i = [head], len(head), 0
        while size < n:
            line = make_line(i)
            out.append(line)
            size += len(line)
            i += 1
        return "".join(out)[:n]

    return build


def sample_report() -> str:
    with open(ROOT / "corpus" / "reports" / "000_6e53a69d3eb90f18.txt", encoding="utf-8", newline="") as f:
        return f.read()


MARKERS = "一二三四五六七八九十"
INPUTS: dict[str, Callable[[int], str]] = {
    "digits 1111": runs("1"),
    "《《《《": runs("《"),
    "““““": runs("“"),
    "、、、、": runs("、"),
    "一一一一": runs("一"),
    "万万万万": runs("万"),
    "((((": runs("("),
    "(qiáng unclosed": runs("(qiáng"),
    "****": runs("*"),
    "spaces": runs(" "),
    "ideographic spaces": runs("\u3000"),
    "blank lines": runs("\n"),
    "1、1、1、": runs("1、"),
    "《“(": runs("《“("),
    "headings 一、…": lines(lambda i: f"{MARKERS[i % 10]}、加强基层组织建设\n"),
    "headings + body": lines(lambda i: f"{i % 9 + 1}、加强组织建设\n县妇联培训妇女200名。\n"),
    "numbers 200名，": runs("培训妇女200名，"),
    "quoted programs": runs("开展“巾帼建功”活动，"),
    "titles 《…》": runs("学习《中国妇女发展纲要》，"),
    "real report repeated": lambda n: (sample_report() * (n // 1000 + 1))[:n],
}


def line_events(fn: Callable[[], object]) -> int:
    """Lines of the package's Python code run by ``fn()``: deterministic work, unlike time."""
    package = str(ROOT / "wfltext")
    count = 0

    def tracer(frame, event, arg):  # noqa: ANN001 - sys.settrace's signature
        nonlocal count
        if not frame.f_code.co_filename.startswith(package):
            return None
        if event == "line":
            count += 1
        return tracer

    sys.settrace(tracer)
    try:
        fn()
    finally:
        sys.settrace(None)
    return count


def best(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=20_000, help="characters of the smaller input (default 20000; the larger is 10×)")
    parser.add_argument("--repeat", type=int, default=2, help="rounds; the best is kept (default 2)")
    parser.add_argument("--only", action="append", help="run only inputs whose name contains this (repeatable)")
    parser.add_argument("--depth", type=int, default=5_000, help="nesting of the smaller HTML page (default 5000; 0 skips)")
    parser.add_argument("--work", type=int, default=0, metavar="N", help="also count Python line events on N and 10 N characters (slow; 0 skips)")
    args = parser.parse_args()

    import jieba

    import wfltext
    from wfltext import containers

    jieba.setLogLevel(60)
    jieba.initialize()
    wfltext.analyze(sample_report())  # dictionaries and lexicons loaded before timing

    n, big = args.size, 10 * args.size
    work_col = f" {'work ratio':>10}" if args.work else ""
    header = f"{'input':24} {'t(' + str(n) + ')':>10} {'t(' + str(big) + ')':>11} {'ratio':>7} {'jieba(' + str(big) + ')':>13} {'vs jieba':>9}{work_col}  verdict"
    print(header)
    print("-" * len(header))
    worst = 0.0
    failed = []
    for name, make in INPUTS.items():
        if args.only and not any(o in name for o in args.only):
            continue
        small_text, big_text = make(n), make(big)
        t_small = best(lambda: wfltext.analyze(small_text), args.repeat)
        t_big = best(lambda: wfltext.analyze(big_text), args.repeat)
        t_jieba = best(lambda: jieba.lcut(big_text), args.repeat)
        ratio = t_big / max(t_small, 1e-6)
        judged = ratio
        work = ""
        if args.work:
            small_work = line_events(lambda: wfltext.analyze(make(args.work)))
            big_work = line_events(lambda: wfltext.analyze(make(10 * args.work)))
            judged = big_work / max(small_work, 1)
            work = f" {judged:10.1f}"
        worst = max(worst, judged)
        verdict = "ok" if judged <= LINEAR_FACTOR else "SUPER-LINEAR"
        if verdict != "ok":
            failed.append(name)
        print(f"{name:24} {t_small:10.3f} {t_big:11.3f} {ratio:7.1f} {t_jieba:13.3f} {t_big / max(t_jieba, 1e-6):9.1f}{work}  {verdict}", flush=True)

    if args.depth:
        print()
        print(f"{'HTML nesting':24} {'t(' + str(args.depth) + ')':>10} {'t(' + str(10 * args.depth) + ')':>11} {'ratio':>7}")
        body = "<p>今年以来，县妇联组织开展巾帼建功活动五十余场，培训妇女三千余人次，反响良好。</p>"

        def page(depth: int) -> bytes:
            return ("<html><body>" + "<div>" * depth + body + "</div>" * depth + "</body></html>").encode("utf-8")

        small_page, big_page = page(args.depth), page(10 * args.depth)
        t_small = best(lambda: containers.html_source(small_page), args.repeat)
        t_big = best(lambda: containers.html_source(big_page), args.repeat)
        ratio = t_big / max(t_small, 1e-6)
        verdict = "ok" if ratio <= LINEAR_FACTOR else "SUPER-LINEAR"
        if verdict != "ok":
            failed.append("HTML nesting")
        print(f"{'<div> × depth':24} {t_small:10.3f} {t_big:11.3f} {ratio:7.1f}  {verdict}")

    print()
    measure = "work (line events)" if args.work else "time"
    print(f"worst analyze() {measure} ratio for 10× the input: {worst:.1f} (linear: 10, allowed: {LINEAR_FACTOR:.0f})")
    if failed:
        print("super-linear:", ", ".join(failed))
        sys.exit(1)


if __name__ == "__main__":
    main()
