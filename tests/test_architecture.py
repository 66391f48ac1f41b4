"""The shape of the package: no import cycle, one record contract, declared components."""

from __future__ import annotations

import ast
import dataclasses
import sys
from pathlib import Path

import pytest

import wfltext
from wfltext import components, records
from wfltext.export import CSV_COLUMNS, LINK_COLUMNS, csv_columns
from wfltext.records import RECORD_TYPES, REGISTRY, columns, contract, kinds
from wfltext.store import BOOL_COLUMNS, JSON_COLUMNS, RECORD_COLUMNS, arrow_schemas

PACKAGE = Path(wfltext.__file__).parent


# -- imports ---------------------------------------------------------------------------------------


def _modules() -> dict[str, tuple[Path, bool]]:
    out = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        is_package = parts[-1] == "__init__"
        if is_package:
            parts = parts[:-1]
        out[".".join(parts)] = (path, is_package)
    return out


def import_graph() -> dict[str, dict[str, int]]:
    """module -> {imported wfltext module: line}, every import statement counted: at the top, in
    functions, under ``if TYPE_CHECKING``. ``from X import name`` counts as importing the module
    ``X.name`` when there is one, else ``X``."""
    modules = _modules()
    graph: dict[str, dict[str, int]] = {m: {} for m in modules}
    for name, (path, is_package) in modules.items():
        package = name if is_package else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")[: len(package.split(".")) - node.level + 1]
                    module = ".".join(base + ([node.module] if node.module else []))
                else:
                    module = node.module or ""
                subs = [f"{module}.{a.name}" for a in node.names if f"{module}.{a.name}" in modules]
                targets = subs + ([module] if len(subs) < len(node.names) else [])
            for t in targets:
                if t in modules and t != name:
                    graph[name].setdefault(t, node.lineno)
    return graph


def find_cycle(graph: dict[str, dict[str, int]]) -> list[str] | None:
    """One import cycle (``[a, b, …, a]``), or None."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(m: str) -> list[str] | None:
        state[m] = 1
        stack.append(m)
        for n in sorted(graph[m]):
            if state.get(n) == 1:
                return stack[stack.index(n):] + [n]
            if n not in state:
                found = visit(n)
                if found:
                    return found
        stack.pop()
        state[m] = 2
        return None

    sys.setrecursionlimit(max(sys.getrecursionlimit(), 5000))
    for m in sorted(graph):
        if m not in state:
            found = visit(m)
            if found:
                return found
    return None


def test_no_import_cycle_among_wfltext_modules():
    graph = import_graph()
    assert "wfltext.document" in graph and graph["wfltext.extract"], "the walk found the package"
    cycle = find_cycle(graph)
    if cycle:
        steps = [f"{a} -> {b} (line {graph[a][b]})" for a, b in zip(cycle, cycle[1:])]
        pytest.fail("import cycle:\n  " + "\n  ".join(steps))


def test_the_cycle_finder_finds_a_cycle():
    assert find_cycle({"a": {"b": 1}, "b": {"c": 2}, "c": {"a": 3}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b": 1}, "b": {}}) is None


def test_the_document_knows_no_extractor():
    graph = import_graph()
    below = {"wfltext.extract", "wfltext.links", "wfltext.learn", "wfltext.analysis", "wfltext.files", "wfltext.store"}
    assert not below & set(graph["wfltext.document"]), graph["wfltext.document"]
    assert not {m for m in graph["wfltext.records"]}, "the contract imports nothing of wfltext"


def test_no_module_level_cache_keyed_by_documents():
    for path in (PACKAGE / "extract").glob("*.py"):
        assert "WeakKeyDictionary" not in path.read_text(encoding="utf-8"), path


# -- the record contract ---------------------------------------------------------------------------


def test_every_derived_list_follows_the_contract():
    fields = contract(RECORD_TYPES)
    names = [f.name for f in fields]
    assert len(names) == len(set(names))
    own = [f.name for f in fields if f.role in ("core", "value")]
    linked = [f.name for f in fields if f.role in ("link", "context")]
    # CSV and the store's SQLite columns
    assert list(CSV_COLUMNS) == own and list(RECORD_COLUMNS) == own
    assert list(LINK_COLUMNS) == linked
    assert list(csv_columns()) == names
    assert own[-1] == "rule" and own[:3] == ["doc", "type", "text"]
    # the store's JSON and boolean columns
    kind = kinds(RECORD_TYPES)
    assert JSON_COLUMNS == {c for c in own if kind[c] in ("strings", "numbers")}
    assert BOOL_COLUMNS == {c for c in own if kind[c] == "bool"}
    # Arrow / Parquet types
    import pyarrow as pa

    schema, _ = arrow_schemas()
    assert schema.names == [*own, "extra"]
    expect = {"str": pa.string(), "int": pa.int64(), "number": pa.float64(), "bool": pa.bool_(),
              "strings": pa.list_(pa.string()), "numbers": pa.list_(pa.float64())}
    for c in own:
        assert schema.field(c).type == expect[kind[c]], c
    # the views' labels and field order
    from wfltext.visualize.document import TYPE_LABELS, summary_fields

    assert TYPE_LABELS == {t: REGISTRY[t].cls.label for t in RECORD_TYPES}
    assert all(TYPE_LABELS.values())
    assert set(summary_fields()) <= set(names)
    assert list(records.view_fields()) == ["norm", *[f.name for f in fields if f.role == "value"], "noisy", "rule", "section"]


@pytest.mark.parametrize("type_", RECORD_TYPES)
def test_json_field_order_is_the_dataclass_order(type_):
    cls = REGISTRY[type_].cls
    values = {"str": "x", "int": 1, "number": 1, "bool": True, "strings": ("a",), "numbers": (1, 2),
              "link": records.Link("x", 0), "links": (records.Link("x", 0),), "sentence": records.Sentence(0, 1, "x")}
    kind = {f.name: f.kind for f in contract([type_])}
    args = {f.name: values[kind[f.name]] for f in dataclasses.fields(cls)}
    if "kind" in args:
        args["kind"] = "date"
    record = cls(**args)
    # doc, type, the other fields as the dataclass declares them, rule last
    order = [f.name for f in dataclasses.fields(cls) if f.name != "rule"]
    assert list(record.to_dict()) == [order[0], "type", *order[1:], "rule"]
    assert set(record.to_dict()) == set(columns([type_]))
    assert records.from_dict(record.to_dict()) == record


def test_a_field_declared_twice_must_agree():
    @dataclasses.dataclass(frozen=True, slots=True)
    class Clash(records.Record):
        type = "clash"
        level: int | None = None  # a string elsewhere

    with pytest.raises(TypeError, match="level"):
        records.register(Clash)
    assert "clash" not in REGISTRY


# -- components ------------------------------------------------------------------------------------


def test_every_requirement_is_provided():
    for t, entry in REGISTRY.items():
        assert entry.extractor is not None, t
        for need in entry.extractor.requires:
            assert components.known_requirement(need), (t, need)
    for stage in components.STAGES:
        for need in stage.requires:
            assert components.known_requirement(need), (stage.name, need)


def test_a_subset_of_types_runs_exactly_what_it_needs():
    text = "县妇联开展“春蕾计划”助学活动，资助女童25名，以“党建带妇建”为引领。"
    doc = wfltext.Document(text)
    records_ = doc.extract(["number"])
    assert {r.type for r in records_} == {"number"}
    assert not {"quote_text", "program_candidates", "quote_roles"} & set(doc.parts), sorted(doc.parts)
    assert set(k for k in doc.parts if k.startswith("records:")) == {"records:number"}

    doc = wfltext.Document(text)
    slogans = doc.extract(["slogan"], model=False)
    assert [r.norm for r in slogans] == ["党建带妇建"]
    # the slogans read the program analysis (which quotes name programs), not the program records
    assert "quote_roles" in doc.parts and "records:program" not in doc.parts


def test_parts_are_kept_on_the_document():
    from wfltext.extract import programs

    doc = wfltext.Document("实施“春蕾计划”。")
    first = programs.candidates(doc)
    assert programs.candidates(doc) is first and doc.part("program_candidates") is first
    with pytest.raises(KeyError, match="no document part"):
        doc.part("no-such-part")
