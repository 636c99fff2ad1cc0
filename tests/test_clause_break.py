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
