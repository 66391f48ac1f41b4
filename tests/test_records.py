"""Record helpers: evolve is dataclasses.replace, for every record class."""

from __future__ import annotations

import dataclasses

import pytest

from wfltext.records import RECORD_CLASSES, Link, Sentence, evolve


def _sample(cls):
    return cls(doc="d", text="县妇联", start=0, end=3, norm="县妇联")


@pytest.mark.parametrize("type_", sorted(RECORD_CLASSES))
def test_evolve_is_replace(type_: str) -> None:
    cls = RECORD_CLASSES[type_]
    r = _sample(cls)
    names = [f.name for f in dataclasses.fields(cls)]
    changes = {"norm": "妇联", "section": ("一、",), "noisy": True}
    if "actor" in names:
        changes["actor"] = Link("县妇联", 0, True)
    if "sentence" in names:
        changes["sentence"] = Sentence(0, 3, "县妇联")
    new = evolve(r, **changes)
    assert new == dataclasses.replace(r, **changes) and type(new) is cls
    assert r.norm == "县妇联"  # the record itself is left as it was
    with pytest.raises(TypeError):
        evolve(r, no_such_field=1)


def test_evolve_of_a_record_class_without_slots() -> None:
    @dataclasses.dataclass(frozen=True)
    class Plain:
        a: int
        b: str = ""

    assert evolve(Plain(1, "x"), b="y") == Plain(1, "y")
