"""The lint rules of pyproject.toml ([tool.ruff]) hold for the package, the tests and the benchmarks."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _ruff() -> list[str] | None:
    exe = shutil.which("ruff") or str(Path(sys.executable).with_name("ruff"))
    return [exe] if Path(exe).is_file() else None


@pytest.mark.skipif(_ruff() is None, reason="ruff is not installed (pip install ruff)")
def test_ruff_check_passes():
    done = subprocess.run([*_ruff(), "check", "--no-cache", "wfltext", "tests", "benchmarks"], cwd=ROOT,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
