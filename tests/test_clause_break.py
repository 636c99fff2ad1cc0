"""The density kind's clause-break test: its character-set fast path agrees with the full
expression on every slice."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from srclint.kinds.density import _CLAUSE_BREAK, _has_clause_break

_BREAKS = st.lists(
    st.sampled_from(["a", "but", "BUT", "and", "Or", "whereas", "whereaſ", " ", "\n", "\t", ",", ".", "!", "?", ";", "“", "—", "x", "\u00a0"]),
    max_size=20,
).map("".join)


@settings(max_examples=500, deadline=None)
@given(text=_BREAKS, data=st.data())
def test_clause_break_fast_path(text: str, data: st.DataObject) -> None:
    pos = data.draw(st.integers(0, len(text)))
    endpos = data.draw(st.integers(pos, len(text)))
    assert _has_clause_break(text, pos, endpos) == (_CLAUSE_BREAK.search(text, pos, endpos) is not None)


@settings(max_examples=500, deadline=None)
@given(
    text=st.lists(st.sampled_from(["may", "perhaps", " ", "  ", "but", ",", ".", "word", "\n"]), max_size=40).map(" ".join),
    max_gap=st.one_of(st.none(), st.integers(0, 4)),
    min_hits=st.integers(1, 3),
)
def test_clause_groups_are_the_split_clauses_split_at_gaps(text: str, max_gap: int | None, min_hits: int) -> None:
    """`_clause_groups`, one pass, makes the groups of `_split_clauses` then `_split_gaps` that
    have `min_hits` hits or more."""
    from srclint.kinds.density import _clause_groups, _split_clauses, _split_gaps

    hits: list[tuple[int, int]] = []
    for word in ("may", "perhaps"):
        start = text.find(word)
        while start != -1:
            hits.append((start, start + len(word)))
            start = text.find(word, start + 1)
    hits.sort()
    if not hits:
        assert _clause_groups(text, hits, max_gap, min_hits) == []
        return
    groups = _split_clauses(text, hits)
    if max_gap is not None:
        groups = _split_gaps(text, groups, max_gap)
    assert _clause_groups(text, hits, max_gap, min_hits) == [g for g in groups if len(g) >= min_hits]
