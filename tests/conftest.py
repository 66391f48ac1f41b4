"""Shared fixtures. ``shared`` is the development data folder beside the project (``../shared``,
or ``$WFLTEXT_SHARED``); tests that need it skip with the reason where it is absent."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"


def shared_dir() -> Path | None:
    path = Path(os.environ.get("WFLTEXT_SHARED") or ROOT.parent / "shared")
    return path if (path / "RECORDS.md").is_file() else None


SHARED = shared_dir()
needs_shared = pytest.mark.skipif(
    SHARED is None,
    reason="../shared (sample gold, real corpus, peer suites) is not beside this clone; set WFLTEXT_SHARED",
)


def heldout_excluded() -> set[str]:
    """The sha256 of every address kept for measuring the project elsewhere (empty without ../shared)."""
    if SHARED is None or not (SHARED / "heldout-exclude.txt").is_file():
        return set()
    return {line.strip() for line in (SHARED / "heldout-exclude.txt").read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")}


def read_original(path: Path) -> str:
    with open(path, encoding="utf-8", newline="") as f:
        return f.read()


def real_corpus_files() -> list[Path]:
    if SHARED is None:
        return []
    return sorted((SHARED / "realcorpus").glob("*/*.txt"))


@pytest.fixture(scope="session")
def shared() -> Path:
    if SHARED is None:
        pytest.skip("../shared is not beside this clone; set WFLTEXT_SHARED")
    return SHARED


@pytest.fixture(scope="session")
def sample_text() -> str:
    return read_original(CORPUS / "reports" / "000_6e53a69d3eb90f18.txt")
