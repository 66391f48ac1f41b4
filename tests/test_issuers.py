"""The issuing body of a report (wfltext.links.issuer): the implied actor of its links.

Each cause has a case it must read and a case it must not."""

from __future__ import annotations

import pytest

import wfltext
from wfltext.links import issuer


def _issuer(text: str):
    doc = wfltext.analyze(text, "d")
    return issuer(doc, doc.records)


def _norm(text: str) -> str | None:
    body = _issuer(text)
    return body.norm if body else None


@pytest.mark.parametrize("text, norm", [
    # a heading line over the title is no place of the body (总结⏎市科学技术协会…)
    ("2023\n科学技术协会\n年度工作\n总结\n市科学技术协会年度工作总结\n一年来，市科协在市委的领导下，举办科普讲座12场。",
     "市科学技术协会"),
    # a place at the start of the title's line is (稔田县科协)
    ("稔田县科协2019年工作总结\n一年来，县科协在县委的领导下，举办科普讲座12场。", "稔田县科协"),
])
def test_a_place_before_the_body_is_on_its_own_line(text, norm):
    assert _norm(text) == norm
