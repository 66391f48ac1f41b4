"""What the benchmark scripts share: the development corpus, the sample report, and a clock.

Scripts run as ``python benchmarks/bench_x.py``, so this module is imported as ``common``.
Times are CPU time of this process: the machine may be shared, and waiting for a core is not
wfltext's cost. Every figure is printed as a ratio against bare ``jieba.lcut`` on the same text
in the same run, never as an absolute speed claim.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def shared_dir() -> Path:
    return Path(os.environ.get("WFLTEXT_SHARED") or ROOT.parent / "shared")


def corpus() -> list[str]:
    """The texts of every report of the development corpus (``../shared/realcorpus``)."""
    shared = shared_dir()
    files = sorted((shared / "realcorpus").glob("*/*.txt"))
    if not files:
        sys.exit(f"no reports under {shared / 'realcorpus'}: put ../shared beside the project or set WFLTEXT_SHARED")
    texts = []
    for path in files:
        with open(path, encoding="utf-8", newline="") as f:
            texts.append(f.read())
    return texts


def sample() -> str:
    """The bundled sample report."""
    with open(ROOT / "corpus" / "reports" / "000_6e53a69d3eb90f18.txt", encoding="utf-8", newline="") as f:
        return f.read()


def clock() -> float:
    return time.process_time()


def timed(fn: Callable[[], object]) -> float:
    """CPU time of ``fn()``. What wfltext remembers of the lines and the quoted texts of texts it
    has met is forgotten first (untimed), so that repeating a text never times it on what its own
    earlier run left."""
    from wfltext.extract.quotes import clear_cache as clear_quotes
    from wfltext.normalize import clear_caches

    clear_caches()
    clear_quotes()
    t0 = clock()
    fn()
    return clock() - t0


def best(fn: Callable[[], object], repeat: int) -> float:
    """The least CPU time of ``repeat`` runs."""
    return min(timed(fn) for _ in range(repeat))
