"""wfltext.dask on a two-worker LocalCluster gives exactly the records of a local run.

Both runs use the copy of the package that test_batch takes (``frozen``): extractors edited
while the suite runs cannot make them differ. The Dask side runs in a subprocess, so that its
workers, spawned from it, import that copy too.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from wfltext.store import Store, load

from .conftest import needs_shared
from .test_batch import BROKEN, MAX_BYTES, build_corpus, frozen, run_cli  # noqa: F401 - frozen is a fixture

pytest.importorskip("dask.bag", reason="Dask is an optional extra: pip install wfltext[dask]")
pytest.importorskip("distributed", reason="Dask is an optional extra: pip install wfltext[dask]")

pytestmark = needs_shared

_DASK_SCRIPT = """
import json, sys
from dask.distributed import Client, LocalCluster
from pathlib import Path
import wfltext.dask as wd
from wfltext.batch import Options

root, out, options = sys.argv[1], sys.argv[2], Options(max_bytes=int(sys.argv[3]))
if __name__ == "__main__":
    with LocalCluster(n_workers=2, threads_per_worker=1, host="127.0.0.1", dashboard_address=None) as cluster, Client(cluster):
        bag = wd.extract(root, options=options)
        records = bag.compute()
        written = wd.to_parquet(bag, out + "/parquet")
        documents = wd.documents(root, options=options).compute()
        listed = sorted(str(p) for p in Path(root).rglob("*.txt"))
        as_list = wd.extract(listed, root=root, options=options).count().compute()
    with open(out + "/result.json", "w", encoding="utf-8") as f:
        json.dump({"records": records, "written": written, "documents": documents, "as_list": as_list}, f, ensure_ascii=False)
"""


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory, shared: Path, frozen: dict[str, str]):  # noqa: F811
    base = tmp_path_factory.mktemp("dask")
    root = build_corpus(base / "corpus", shared)
    db = base / "local.sqlite"
    local = run_cli(root, db, frozen, workers=1)
    assert local.returncode == 10, local.stderr
    out = base / "out"
    out.mkdir()
    proc = subprocess.run(
        [sys.executable, "-c", _DASK_SCRIPT, str(root), str(out), str(MAX_BYTES)], env=frozen, cwd=frozen["PYTHONPATH"],
        capture_output=True, text=True, timeout=600,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    result = json.loads((out / "result.json").read_text(encoding="utf-8"))
    return root, db, out, result


def as_multiset(records) -> list[str]:
    return sorted(json.dumps(r, ensure_ascii=False, sort_keys=True) for r in records)


def test_dask_records_equal_the_local_run(runs) -> None:
    _, db, _, result = runs
    with Store(db, create=False) as store:
        local = list(store.records())
        analyzed = store.count("SELECT count(*) FROM documents WHERE status = 'done'")
    assert analyzed or not local
    assert as_multiset(result["records"]) == as_multiset(local)
    assert len(result["records"]) == sum(d["records"] for d in result["documents"])


def test_dask_parquet_folder_loads_like_the_store(runs) -> None:
    _, db, out, result = runs
    assert result["written"] == len(result["records"])
    assert len(list((out / "parquet" / "records").glob("part-*.parquet"))) >= 1
    from_dask, docs = load(out / "parquet")
    from_store, _ = load(db)
    key = ["doc", "start", "end", "type", "norm"]
    a = from_dask.sort_values(key, ignore_index=True)
    b = from_store.sort_values(key, ignore_index=True)
    import pandas as pd

    pd.testing.assert_frame_equal(a, b)
    counts = from_store.groupby("doc").size()
    assert dict(zip(docs["id"], docs["records"])) == counts.to_dict()


def test_dask_documents_carry_failures_with_their_reasons(runs) -> None:
    _, db, _, result = runs
    got = {d["id"]: (d["status"], d["error_code"]) for d in result["documents"]}
    for rel, code in BROKEN.items():
        assert got[rel] == ("failed", code)
    with Store(db, create=False) as store:
        assert {d["id"]: (d["status"], d["error_code"]) for d in store.documents()} == got


def test_dask_takes_a_list_of_paths_with_a_root(runs) -> None:
    root, db, _, result = runs
    with Store(db, create=False) as store:
        from_txt = sum(1 for r in store.records() if r["doc"].split("#")[0].endswith(".txt"))
    assert result["as_list"] == from_txt


def test_dask_hands_out_the_largest_files_first(tmp_path) -> None:
    """Longest processing time first: a large file met last would leave the other workers idle."""
    from wfltext.dask import _tasks

    for name, size in (("a.txt", 10), ("b.txt", 300), ("c.txt", 40)):
        (tmp_path / name).write_text("字" * size, encoding="utf-8")
    pairs, base = _tasks(tmp_path, None)
    assert [doc for _, doc in pairs] == ["b.txt", "c.txt", "a.txt"] and base == str(tmp_path)
    listed, _ = _tasks([tmp_path / "a.txt", tmp_path / "missing.txt", tmp_path / "b.txt"], tmp_path)
    assert [doc for _, doc in listed] == ["b.txt", "a.txt", "missing.txt"]
