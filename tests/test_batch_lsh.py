"""The near-duplicate index: the same bands and the same answers as datasketch's MinHashLSH."""

from __future__ import annotations

import random

import pytest

from wfltext.batch import NUM_PERM, find_duplicates, lsh_bands, signature

datasketch = pytest.importorskip("datasketch")


@pytest.mark.parametrize("threshold", [0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95])
def test_bands_are_datasketchs(threshold: float) -> None:
    lsh = datasketch.MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    assert lsh_bands(threshold, NUM_PERM) == (lsh.b, lsh.r)


def _datasketch_duplicates(signatures: list[tuple[str, bytes]], threshold: float) -> dict[str, str]:
    """The index as it was built with datasketch."""
    import numpy as np

    from wfltext.batch import similarity

    lsh = datasketch.MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    originals: dict[str, bytes] = {}
    out: dict[str, str] = {}
    for doc_id, sig in signatures:
        m = datasketch.MinHash(num_perm=NUM_PERM)
        m.hashvalues = np.frombuffer(sig, "<u4").copy()
        match = next((c for c in sorted(lsh.query(m)) if similarity(originals[c], sig) >= threshold), None)
        if match is None:
            lsh.insert(doc_id, m)
            originals[doc_id] = sig
        else:
            out[doc_id] = match
    return out


def test_duplicates_are_datasketchs() -> None:
    rng = random.Random(7)
    alphabet = "县妇联组织开展巾帼建功活动培训农村妇女创业就业维权服务儿童家庭建设"
    bases = ["".join(rng.choice(alphabet) for _ in range(600)) for _ in range(12)]
    texts = []
    for i in range(150):
        base = list(bases[i % len(bases)])
        # edits of every size: from near copies to different texts
        for _ in range(rng.choice([0, 5, 20, 60, 120, 300])):
            base[rng.randrange(len(base))] = rng.choice(alphabet)
        texts.append("".join(base))
    sigs = [(f"doc{i:03d}", signature(t)) for i, t in enumerate(texts)]
    for threshold in (0.5, 0.8, 0.9):
        ours = find_duplicates(sigs, threshold)
        assert ours == _datasketch_duplicates(sigs, threshold)
        assert 0 < len(ours) < len(sigs)
