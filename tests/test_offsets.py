"""The offset map: any normalized span maps back to a span of the original."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from wfltext.normalize import normalize
from wfltext.normalize.offsets import Edit, OffsetMap

from .conftest import real_corpus_files, read_original

# text drawn from the characters the fixes care about, so edits actually happen
ALPHABET = st.sampled_from(
    list("強基發揮婦聯縣委政府一二三、，。,;:：“”《》()（）\n\r\u3000 1234５６*x")
    + ["(qiáng)", "(fā)", "?jì)D", "友情提示:", "来源：", "201*", "20xx", "1 9 9 8 年"]
)
TEXTS = st.lists(ALPHABET, max_size=80).map("".join)


def test_identity_map_maps_every_span_to_itself() -> None:
    m = OffsetMap.identity(5)
    assert m.span(1, 4) == (1, 4)
    assert m.span(5, 5) == (5, 5)


def test_replacement_of_other_length_covers_whole_source() -> None:
    text, m = OffsetMap.identity(6).apply("ab(cd)", [Edit(1, 6, "B")])
    assert text == "aB"
    assert m.span(1, 2) == (1, 6)


@given(TEXTS, st.data())
@settings(max_examples=300, deadline=None)
def test_any_normalized_span_maps_to_an_original_span(text: str, data) -> None:
    n = normalize(text)
    a = data.draw(st.integers(0, len(n.text)))
    b = data.draw(st.integers(a, len(n.text)))
    s, e = n.to_original(a, b)
    assert 0 <= s <= e <= len(text)
    if a < b:
        # every character of the span comes from inside the mapped original span
        for i in range(a, b):
            cs, ce = n.to_original(i, i + 1)
            assert s <= cs <= ce <= e


@given(TEXTS)
@settings(max_examples=300, deadline=None)
def test_normalizing_twice_changes_nothing(text: str) -> None:
    once = normalize(text).text
    assert normalize(once).text == once


def test_real_reports_are_idempotent_and_mapped() -> None:
    for path in real_corpus_files()[::4]:
        original = read_original(path)
        n = normalize(original)
        assert normalize(n.text).text == n.text, path
        assert n.to_original(0, len(n.text))[1] <= len(original)
