"""Scopes as span algebra: what `Scope.contains` answers must match the definition point by point."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from srclint.formats import from_text
from srclint.kinds.base import Scope, _subtract, _union

spans = st.lists(st.tuples(st.integers(0, 60), st.integers(0, 60)).map(sorted).map(tuple), max_size=8)


def _points(ss: list[tuple[int, int]]) -> set[int]:
    return {i for s, e in ss for i in range(s, e)}


@given(spans, spans)
def test_union_and_subtract_agree_with_sets(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> None:
    u = _union(a)
    assert _points(u) == _points(a)
    assert all(u[i][1] < u[i + 1][0] for i in range(len(u) - 1))  # sorted, disjoint, not touching
    d = _subtract(u, b)
    assert _points(d) == _points(a) - _points(b)
    assert all(s < e for s, e in d)


@given(st.tuples(st.integers(0, 60), st.integers(0, 60)).map(sorted).map(tuple), spans)
def test_subtract_from_one_span_agrees_with_sets(a: tuple[int, int], b: list[tuple[int, int]]) -> None:
    """`_cut` has a shortcut for one span (the whole text)."""
    d = _subtract([a], b)
    assert _points(d) == _points([a]) - _points(b)
    assert all(s < e for s, e in d) and all(d[i][1] < d[i + 1][0] for i in range(len(d) - 1))


TEXT = """---
title: A test
---
# Heading with officials

Body text says "a quoted officials line" here.

```
code officials
```
Last line with http://example.com/officials and more.
"""


def _naive(doc, names: list[str], offset: int) -> bool:  # type: ignore[no-untyped-def]
    def inside(name: str) -> bool:
        if name == "text":
            return not any(s <= offset < e for s, e in doc.masked_spans)
        if name == "body":
            return inside("text") and not any(s <= offset < e for s, e in doc.spans_of("heading"))
        if name == "raw":
            return True
        return any(s <= offset < e for s, e in doc.spans_of(name))

    inc = [n for n in names if not n.startswith("!")] or ["text"]
    exc = [n[1:] for n in names if n.startswith("!")]
    return any(inside(n) for n in inc) and not any(inside(n) for n in exc)


@given(st.sampled_from([["text"], ["body"], ["body", "!quote"], ["quote"], ["raw"], ["raw", "!code"],
                        ["heading", "quote"], ["text", "!heading", "!quote"], ["code", "url"], ["lead"]]))
def test_scope_contains_matches_the_definition_at_every_offset(names: list[str]) -> None:
    doc = from_text(TEXT, "a.md")
    scope = Scope(names)
    for offset in range(len(doc.text) + 1):
        assert scope.contains(doc, offset) == _naive(doc, names, offset), (names, offset, doc.text[offset:offset + 10])


def _reference_spans(scope: Scope, doc) -> list[tuple[int, int]]:  # type: ignore[no-untyped-def]
    """`Scope.spans` the straightforward way (no shortcut for documents with nothing masked)."""
    everything = [(0, len(doc.text) + 1)]

    def named(name: str) -> list[tuple[int, int]]:
        if name == "text":
            return _subtract(everything, doc.masked_spans)
        if name == "body":
            return _subtract(_subtract(everything, doc.masked_spans), _union(doc.spans_of("heading")))
        return doc.spans_of(name)

    allowed = everything if scope.raw else _union(s for n in scope.include for s in named(n))
    if scope.exclude:
        allowed = _subtract(allowed, _union(s for n in scope.exclude for s in named(n)))
    return allowed


_PIECES = ["word ", "Officials said. ", '"quoted" ', "“curly” ", "\n", "\n\n", "# Heading\n", "`code` ", "```\nblock\n```\n",
           "http://x.org/a ", "www.y.com ", "<!-- c -->", "> quote line\n", "---\na: 1\n---\n", "<b>", "[l](http://z) "]


@given(
    st.lists(st.sampled_from(_PIECES), max_size=14).map("".join),
    st.sampled_from(["a.md", "a.txt"]),
    st.sampled_from([["text"], ["body"], ["body", "!quote"], ["quote"], ["raw"], ["raw", "!code"], ["raw", "!code", "!url"],
                     ["heading", "quote"], ["text", "!heading", "!quote"], ["code", "url"], ["lead"], ["body", "blockquote"]]),
)
def test_scope_spans_are_the_straightforward_spans(text: str, path: str, names: list[str]) -> None:
    doc = from_text(text, path)
    scope = Scope(names)
    assert scope.spans(doc) == _reference_spans(scope, doc)
