"""`LexiconRule.matches` against the straightforward computation it stands for: every raw hit
by start (the longest first), kept when it does not overlap the last one kept, is in scope, is
covered by no exception, passes each context condition's expression (run, with no filter
deciding for it) and is not in a named source's reported speech. Checked for the built-in
lexicon and density rules on generated news-like texts."""

from __future__ import annotations

import functools

from hypothesis import given, settings
from hypothesis import strategies as st

from srclint.engine import CheckContext
from srclint.formats import from_text
from srclint.kinds.lexicon import _CONTEXT_WINDOW, LexiconRule


@functools.cache
def _rules() -> tuple[object, list[LexiconRule]]:
    from srclint.packs import load_rules

    rules = load_rules(cache=False)
    return rules, [r for r in rules.document_rules if isinstance(r, LexiconRule)]


def _straightforward(rule: LexiconRule, doc: object, ctx: CheckContext) -> list[tuple[int, int]]:
    text = doc.prose  # type: ignore[attr-defined]
    exceptions = ctx.hits(rule.code, "exceptions")
    private = rule.__pydantic_private__
    assert private is not None
    out: list[tuple[int, int]] = []
    last_end = -1
    for start, end in sorted(rule.spans(doc, ctx), key=lambda s: (s[0], -s[1])):  # type: ignore[arg-type]
        if start < last_end or not rule.parsed_scope.contains(doc, start):  # type: ignore[arg-type]
            continue
        if any(s <= start and end <= e for s, e in exceptions):
            continue
        lo = max(0, start - _CONTEXT_WINDOW)
        ok = True
        for _place, after, wanted, _filter, pattern in sorted(private["_conditions"]):
            found = pattern.match_at(text, end) if after else pattern.search(text, lo, start)
            ok = ok and (found is not None) is wanted
        if not ok:
            continue
        reported = private["_reported"]
        if reported is not None and reported.attributed(doc, start):
            continue
        last_end = end
        out.append((start, end))
    return out


_WORDS = [
    "may", "might", "could", "possibly", "perhaps", "reportedly", "apparently", "allegedly", "some", "many",
    "most", "of the", "people", "say", "said", "believe", "the minister said", "analysts said", "it is believed",
    "it was said that", "is believed to", "claimed responsibility", "charged", "accused", "if", "what", "whether",
    "the", "at", "for", "in", "be", "not", "have", "also", "well", "of", "and", "or", "as", "2,000", "signals",
    "to", "very", "clearly", "visible", "slammed", "the government", "into", "regime", "so-called", "sanctions",
    "according to", "Reuters", "the ministry", "that", "widely", "seems", "appears", "suggests", "likely",
]
_PUNCT = [" ", " ", " ", " ", ", ", ". ", "; ", "\n\n", ' "', '" ', "’", "(", ")"]
_TEXTS = st.lists(st.one_of(st.sampled_from(_WORDS), st.sampled_from(_PUNCT)), max_size=60).map(
    lambda parts: " ".join(parts)
)


def _check(rules: object, lexicon_rules: list[LexiconRule], text: str) -> None:
    """Each rule's `matches` on `text` is the straightforward computation's."""
    doc = from_text(text, "a.txt")
    ctx = CheckContext(rules.scanner.scan(doc.lowered, doc.prose))  # type: ignore[attr-defined]
    for rule in lexicon_rules:
        assert rule.matches(doc, ctx) == _straightforward(rule, doc, ctx), rule.code


@settings(max_examples=300, deadline=None)
@given(text=_TEXTS)
def test_matches_are_the_straightforward_ones(text: str) -> None:
    _check(*_rules(), text)


@functools.cache
def _small_rules() -> tuple[object, list[LexiconRule]]:
    """Terms and exceptions that cover one another every way: an exception ending where a hit
    ends, starting where it starts, holding two hits, overlapping one."""
    from srclint.packs import RuleSet

    rule = LexiconRule.model_validate({
        "code": "TST901", "name": "test-lexicon", "kind": "lexicon", "severity": "warning",
        "summary": "Flags test words.", "rationale": "A test.", "message": "{match}",
        "examples": {"fail": ["b"], "pass": ["z"]},
        "terms": ["b", "a b", "b c", "c", "d e", "e"], "exceptions": ["a b", "x a b c", "b c d", "y e", "e f"],
        "not_followed_by": "(?:q|r)\\b",
    })  # fmt: skip
    rules = RuleSet((rule,))
    return rules, [rule]


@settings(max_examples=300, deadline=None)
@given(text=st.lists(st.sampled_from(["a", "b", "c", "d", "e", "f", "x", "y", "q", "r", " ", ". ", '"']), max_size=30).map(" ".join))
def test_matches_of_covering_terms_and_exceptions(text: str) -> None:
    _check(*_small_rules(), text)


@settings(max_examples=200, deadline=None)
@given(text=_TEXTS)
def test_check_reports_each_match(text: str) -> None:
    """`check` (which answers at once for a rule none of whose terms the scan found) makes one
    finding per match, for every built-in lexicon and density rule, with a fresh memo each time."""
    rules, lexicon_rules = _rules()
    doc = from_text(text, "a.txt")
    ctx = CheckContext(rules.scanner.scan(doc.lowered, doc.prose))  # type: ignore[attr-defined]
    for rule in lexicon_rules:
        if rule.kind != "lexicon":
            continue
        doc.memo.clear()
        found = list(rule.check(doc, ctx))
        doc.memo.clear()
        assert found == [rule.finding(doc, s, e) for s, e in rule._matches(doc, ctx)], rule.code


@settings(max_examples=200, deadline=None)
@given(text=_TEXTS)
def test_matches_never_overlap(text: str) -> None:
    """Density rules count a rule's matches as they are: none overlaps the one before, so
    `_no_overlaps` (which they used to go through) keeps them all."""
    from srclint.kinds.density import _no_overlaps

    rules, lexicon_rules = _rules()
    doc = from_text(text, "a.txt")
    ctx = CheckContext(rules.scanner.scan(doc.lowered, doc.prose))  # type: ignore[attr-defined]
    for rule in lexicon_rules:
        found = rule.matches(doc, ctx)
        assert _no_overlaps(found) == found, rule.code
        assert all(start < end for start, end in found)
