"""Invariants over arbitrary input (hypothesis)."""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import srclint
from srclint.packs import load_rules

RULES = load_rules()
WORDS = ["reportedly", "perhaps", "officials", "said", "“", "”", '"', "U.S.", "Oct.", "\n", "\n\n", "<!--",
         "-->", "srclint: ignore", "HDG001", "`", "---", "Ã", "\u00ad", "é", "Caracas", ".", " ", "-", "#"]  # fmt: skip
prose = st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=8)), max_size=60).map(" ".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=prose, fmt=st.sampled_from(["text", "markdown"]))
def test_any_text_lints_and_spans_are_exact(text: str, fmt: str) -> None:
    report = srclint.lint_text(text, format=fmt, rules=RULES)
    for f in report.findings:
        assert 0 <= f.start <= f.end <= len(text)
        assert text[f.start : f.end] == f.match
        assert f.line >= 1 and f.column >= 1


@settings(max_examples=25, deadline=None)
@given(texts=st.lists(prose, min_size=1, max_size=5), seed=st.integers(0, 1000))
def test_order_of_documents_does_not_matter(texts: list[str], seed: int) -> None:
    docs = {f"doc{i}.md": t for i, t in enumerate(texts)}
    items = list(docs.items())
    random.Random(seed).shuffle(items)
    a = srclint.lint_documents(docs, rules=RULES)
    b = srclint.lint_documents(dict(items), rules=RULES)
    assert a.findings == b.findings
