"""The density kind: counts over clause, sentence, paragraph and document; shared-scan terms only."""

from __future__ import annotations

from typing import Any

import pytest

from srclint.engine import Linter
from srclint.packs import rules_from_mapping
from srclint.select import Selection


def rule(**over: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "code": "TST001", "name": "dense", "kind": "density", "summary": "s", "rationale": "r",
        "message": "{count} in {words} words ({rate}/100, {per})", "terms": ["perhaps", "reportedly"],
        "exact_terms": ["may"], "examples": {"fail": ["a"], "pass": ["b"]},
    }
    base.update(over)
    return base


def lint(text: str, **over: Any) -> list[tuple[int, int, str]]:
    rules = rules_from_mapping([rule(**over)])
    report = Linter(rules, selection=Selection(select=("TST001",))).lint_text(text)
    return [(f.start, f.end, f.message) for f in report.findings]


def test_clause_stacking_spans_first_to_last_hit() -> None:
    text = "The jets may perhaps have been armed."
    assert [(s, e) for s, e, _ in lint(text, per="clause", min_hits=2)] == [(9, 20)]


def test_clause_break_separates_hedges() -> None:
    assert lint("The jets may have been armed, but the crew perhaps was not.", per="clause", min_hits=2) == []
    assert lint("The jets may have been armed, but the crew perhaps was not.", per="sentence", min_hits=2)


def test_exact_terms_keep_their_case() -> None:
    assert lint("In May the jets perhaps flew.", per="sentence", min_hits=2) == []


def test_rate_threshold_and_minimum_words() -> None:
    dense = "The plane may have landed. It perhaps carried troops. It reportedly left."
    (hit,) = lint(dense, per="paragraph", min_hits=3, max_per_100_words=10)
    assert hit[:2] == (10, 13) and "3 in 12 words" in hit[2] and "paragraph" in hit[2]
    assert lint(dense, per="paragraph", min_hits=3, max_per_100_words=30) == []
    assert lint(dense, per="paragraph", min_hits=3, min_words=50) == []


def test_document_scope_counts_across_paragraphs() -> None:
    text = "The plane may have landed.\n\nIt perhaps carried troops.\n\nIt reportedly left."
    assert lint(text, per="paragraph", min_hits=2) == []
    assert len(lint(text, per="document", min_hits=3)) == 1


def test_quotes_are_not_counted_when_scope_excludes_them() -> None:
    text = 'The plane may have landed. "It perhaps carried troops," he said.'
    assert lint(text, per="paragraph", min_hits=2, scope=["body", "!quote"]) == []
    assert lint(text, per="paragraph", min_hits=2)


def test_terms_go_through_the_shared_scan() -> None:
    rules = rules_from_mapping([rule()])
    names = {name for name, _, _ in rules.rules[0].term_lists()}
    assert {"terms", "exact_terms"} <= names
    assert rules.scanner.size >= 3


@pytest.mark.parametrize("bad", [{"per": "page"}, {"min_hits": 0}, {"max_per_100_words": -1}])
def test_bad_settings_are_pack_errors(bad: dict[str, Any]) -> None:
    from srclint.errors import RulePackError

    with pytest.raises(RulePackError):
        rules_from_mapping([rule(**bad)])


def test_rules_share_matches_only_when_everything_that_decides_them_is_equal() -> None:
    """Rules with equal term lists and conditions reuse one document's hits; a rule that differs
    in any condition (here `exact_terms`, and a lexicon rule's `followed_by`) finds its own."""
    lexicon = {"kind": "lexicon", "summary": "s", "rationale": "r", "message": "m", "terms": ["perhaps"],
               "examples": {"fail": ["a"], "pass": ["b"]}}
    rules = rules_from_mapping([
        rule(code="TST001", per="document", min_hits=1),
        rule(code="TST002", name="dense-two", per="document", min_hits=1, exact_terms=["might"]),
        {**lexicon, "code": "TST003", "name": "plain"},
        {**lexicon, "code": "TST004", "name": "guarded", "followed_by": r"not\b"},
    ])
    text = "It may rain. It might not. Perhaps not. Perhaps so."
    report = Linter(rules, selection=Selection(select=("TST",))).lint_text(text)
    found = {(f.code, f.start) for f in report.findings}
    assert {c for c, _ in found} == {"TST001", "TST002", "TST003", "TST004"}
    assert [s for c, s in found if c == "TST001"] == [3]  # "may" opens its hits
    assert [s for c, s in found if c == "TST002"] == [16]  # "might" opens these
    assert sorted(s for c, s in found if c == "TST003") == [27, 40]
    assert sorted(s for c, s in found if c == "TST004") == [27]
