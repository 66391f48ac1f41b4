"""The example corpora of the name extractors (corpus/programs, organizations, slogans,
documents), one loader and one set of checks for all four.

Each folder holds ``positives.jsonl`` (a sentence and the records it gives, in order, with the
fields to check), ``negatives.jsonl`` (a sentence that gives no record of the type, and why) and
``known_failures.jsonl`` (positives the extractor gets wrong today, run as strict xfails so a
fix shows).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable

import pytest

import wfltext


class NameExamples:
    """The example corpus of one record type."""

    def __init__(self, type_: str, folder: Path, fields: tuple[str, ...]) -> None:
        self.type = type_
        self.folder = folder
        self.fields = fields

    def load(self, name: str) -> list[dict[str, Any]]:
        with open(self.folder / name, encoding="utf-8") as f:
            return [json.loads(line) for line in f if line.strip()]

    def extract(self, text: str) -> list[dict[str, Any]]:
        """The records of this type in ``text``, as dicts; offsets checked on the way."""
        doc = wfltext.analyze(text, "example", types=(self.type,))
        for r in doc.records:
            assert text[r.start : r.end] == r.text
        return [r.to_dict() for r in doc.records]

    def check(self, text: str, expected: list[dict[str, Any]]) -> None:
        got = self.extract(text)
        assert [g["norm"] for g in got] == [e["norm"] for e in expected], got
        for g, e in zip(got, expected):
            for key in self.fields:
                if key in e:
                    assert g.get(key) == e[key], (key, g)

    def tests(self) -> tuple[Callable[..., None], Callable[..., None], Callable[..., None]]:
        """The three parametrized tests of the corpus: positives, negatives, known failures.
        Assign them to ``test_*`` names in a test module for pytest to collect."""
        ident = lambda e: e["text"][:24]  # noqa: E731

        @pytest.mark.parametrize("example", self.load("positives.jsonl"), ids=ident)
        def positive(example: dict[str, Any]) -> None:
            self.check(example["text"], example["records"])

        @pytest.mark.parametrize("example", self.load("negatives.jsonl"), ids=ident)
        def negative(example: dict[str, Any]) -> None:
            assert self.extract(example["text"]) == [], example["why"]

        known = [
            pytest.param(e, marks=pytest.mark.xfail(strict=True, reason=e["reason"]))
            for e in self.load("known_failures.jsonl")
        ]

        @pytest.mark.parametrize("example", known, ids=ident)
        def known_failure(example: dict[str, Any]) -> None:
            self.check(example["text"], example["records"])

        return positive, negative, known_failure
