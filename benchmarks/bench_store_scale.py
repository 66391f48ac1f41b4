"""The store at scale: many small files and a few 1 MB files in one corpus run.

Builds a corpus of ``--small`` files of 200–600 characters and ``--large`` files of about 1 MB
(slices and concatenations of ``../shared/realcorpus``, each made distinct by its own first
line), then:

1. runs ``wfltext run --progress`` on it, sampling the memory of the whole process tree
   (proportional set size, from /proc) and reading the progress bar's time left as it goes;
2. runs it again into a new store, SIGKILLs the run (its whole process group) when the bar
   passes 50 %, resumes it, and compares the store with the first one (records and documents,
   timings left out).

Printed: files/s and chars/s, peak memory in the first quarter of the run and in the rest,
the bar's time left against the time that was really left at 10, 25, 50, 75 and 90 %, and
whether the resumed store equals the uninterrupted one.

    python benchmarks/bench_store_scale.py --small 100000 --large 1000   # the full scale
    python benchmarks/bench_store_scale.py --small 10000 --large 30      # a shorter run
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_batch import snapshot, tree_memory  # noqa: E402
from common import ROOT, corpus  # noqa: E402

_BAR = re.compile(r"([\d.]+)([kMGT]?)B?/([\d.]+)([kMGT]?)B? \[(\d+:\d+(?::\d+)?)<(\d+:\d+(?::\d+)?|\?)")
_UNIT = {"": 1, "k": 1024, "M": 1024**2, "G": 1024**3, "T": 1024**4}


def _seconds(clock: str) -> float:
    parts = [int(p) for p in clock.split(":")]
    total = 0
    for p in parts:
        total = total * 60 + p
    return float(total)


def build(base: Path, small: int, large: int, seed: int = 7) -> Path:
    rng = random.Random(seed)
    texts = corpus()
    root = base / "corpus"
    lines = [ln for t in texts for ln in t.splitlines() if len(ln.strip()) > 20]
    for i in range(small):
        folder = root / "small" / f"{i // 1000:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        body, n = [], 0
        target = rng.randint(200, 600)
        while n < target:
            ln = rng.choice(lines)[:300]
            body.append(ln)
            n += len(ln)
        (folder / f"{i:06d}.txt").write_text(f"通知第{i}号\n" + "\n".join(body) + "\n", encoding="utf-8")
    (root / "large").mkdir(parents=True, exist_ok=True)
    for i in range(large):
        out, size = [f"第{i}卷 工作报告汇编"], 0
        while size < 1_000_000:
            t = rng.choice(texts)
            out.append(t)
            size += len(t.encode("utf-8"))
        (root / "large" / f"{i:04d}.txt").write_text("\n".join(out), encoding="utf-8")
    return root


class Watch(threading.Thread):
    """Reads the progress bar from the run's stderr and samples memory as it goes."""

    def __init__(self, proc: subprocess.Popen, kill_at: float | None) -> None:
        super().__init__(daemon=True)
        self.proc, self.kill_at = proc, kill_at
        self.t0 = time.monotonic()
        self.bar: list[tuple[float, float, float | None]] = []  # (t, fraction, time left)
        self.memory: list[tuple[float, float, int]] = []  # (t, fraction, bytes)
        self.fraction = 0.0
        self.killed_at: float | None = None
        self.tail = ""

    def run(self) -> None:
        sampler = threading.Thread(target=self._sample, daemon=True)
        sampler.start()
        buf = b""
        assert self.proc.stderr is not None
        while True:
            chunk = self.proc.stderr.read1(4096) if hasattr(self.proc.stderr, "read1") else self.proc.stderr.read(4096)
            if not chunk:
                break
            buf += chunk
            *pieces, buf = re.split(rb"[\r\n]", buf)
            for piece in pieces:
                text = piece.decode("utf-8", "replace")
                self.tail = text or self.tail
                m = _BAR.search(text)
                if not m:
                    continue
                n = float(m.group(1)) * _UNIT[m.group(2)]
                total = float(m.group(3)) * _UNIT[m.group(4)]
                if total <= 0:
                    continue
                self.fraction = min(1.0, n / total)
                left = None if m.group(6) == "?" else _seconds(m.group(6))
                self.bar.append((time.monotonic() - self.t0, self.fraction, left))
                if self.kill_at is not None and self.killed_at is None and self.fraction >= self.kill_at:
                    self.killed_at = self.fraction
                    os.killpg(self.proc.pid, signal.SIGKILL)

    def _sample(self) -> None:
        while self.proc.poll() is None:
            self.memory.append((time.monotonic() - self.t0, self.fraction, tree_memory(self.proc.pid)))
            time.sleep(0.25)


def cli_run(root: Path, db: Path, workers: int, kill_at: float | None = None) -> tuple[Watch, int, float]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    cmd = [sys.executable, "-m", "wfltext", "run", str(root), "--db", str(db), "--workers", str(workers), "--progress"]
    t0 = time.monotonic()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    watch = Watch(proc, kill_at)
    watch.start()
    code = proc.wait()
    watch.join(timeout=10)
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    return watch, code, time.monotonic() - t0


def eta_table(watch: Watch, total: float) -> list[dict]:
    rows = []
    for mark in (0.1, 0.25, 0.5, 0.75, 0.9):
        hit = next(((t, f, left) for t, f, left in watch.bar if f >= mark and left is not None), None)
        if hit is None:
            continue
        t, f, left = hit
        real = total - t
        rows.append({"at": mark, "bar_left_s": left, "real_left_s": round(real, 1), "ratio": round(left / real, 2) if real > 0 else None})
    return rows


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--small", type=int, default=100_000)
    p.add_argument("--large", type=int, default=1000)
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--keep", type=Path, help="build (or reuse) the corpus here instead of a temporary folder")
    args = p.parse_args()
    base = args.keep or Path(tempfile.mkdtemp(prefix="wfl-scale-"))
    base.mkdir(parents=True, exist_ok=True)
    t0 = time.monotonic()
    root = base / "corpus" if (base / "corpus").is_dir() else build(base, args.small, args.large)
    files = sum(1 for _ in root.rglob("*.txt"))
    size = sum(f.stat().st_size for f in root.rglob("*.txt"))
    print(f"corpus: {files} files, {size / 2**20:.1f} MiB (built in {time.monotonic() - t0:.0f} s) at {root}", flush=True)

    db1 = base / "clean.sqlite"
    for f in base.glob("*.sqlite*"):
        f.unlink()
    watch, code, wall = cli_run(root, db1, args.workers)
    with sqlite3.connect(db1) as con:
        docs, chars = con.execute("SELECT count(*), coalesce(sum(chars), 0) FROM documents WHERE status = 'done'").fetchone()
    mem = watch.memory
    early = max((m for _, f, m in mem if f <= 0.25), default=0)
    late = max((m for _, f, m in mem if f > 0.25), default=0)
    result = {
        "files": files, "mib": round(size / 2**20, 1), "workers": args.workers, "exit": code, "wall_s": round(wall, 1),
        "files_per_s": round(files / wall, 1), "chars_per_s": round(chars / wall), "documents": docs,
        "peak_mib_first_quarter": round(early / 2**20), "peak_mib_rest": round(late / 2**20),
        "eta": eta_table(watch, wall), "load": os.getloadavg()[0],
    }
    print(json.dumps(result, ensure_ascii=False), flush=True)

    db2 = base / "killed.sqlite"
    watch2, code2, wall2 = cli_run(root, db2, args.workers, kill_at=0.5)
    with sqlite3.connect(db2) as con:
        stored = con.execute("SELECT count(DISTINCT path) FROM documents").fetchone()[0]
    watch3, code3, wall3 = cli_run(root, db2, args.workers)
    same = snapshot(db1) == snapshot(db2)
    resume = {
        "killed_at_fraction": watch2.killed_at, "kill_exit": code2, "files_stored_when_killed": stored,
        "resume_exit": code3, "resume_wall_s": round(wall3, 1), "resume_eta": eta_table(watch3, wall3), "equal_to_uninterrupted": same,
    }
    print(json.dumps(resume, ensure_ascii=False), flush=True)
    if not args.keep:
        shutil.rmtree(base, ignore_errors=True)
    return 0 if same and code in (0, 10) else 1


if __name__ == "__main__":
    sys.exit(main())
