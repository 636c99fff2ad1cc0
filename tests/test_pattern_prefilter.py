"""Pattern prefilters (`srclint.patterns.pattern_prefilter`): a lexicon pattern tried only where
its prefilter matches finds what running it over the whole text finds. Checked against the
`regex` module on generated expressions and texts, and on the built-in rules' own patterns."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from srclint.formats import from_text
from srclint.matching import TermScanner
from srclint.patterns import (
    compile_pattern,
    pattern_lead_word,
    pattern_prefilter,
    prefilter_text,
)

_ATOMS = [
    "it", "is", "was", "said", "be", "If", "that", "in case", "a", "so", "ab", "I", "s", "K",
    r"\w", r"\W", r"\s", r"\S", r"\d", ".", "[a-z]", "[A-Z]", "[^.;]", "[Ii]", "[sz]", "[,.]", r"[\s,]", "[^a-z]",
    r"\1", "é", "’", "'", "-", r"\b", r"\B", r"(?=a)", r"(?!s)", r"(?<=e)", r"(?<!x)", r"\Z", "$", "^",
]


def _expressions() -> st.SearchStrategy[str]:
    atom = st.sampled_from(_ATOMS)

    def extend(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        quantifier = st.sampled_from(["", "?", "*", "+", "{0,3}", "{1,2}", "{2}", "*?", "+?", "{0,2}?", "*+"])
        group = st.tuples(st.sampled_from(["(?:", "(", "(?-i:", "(?i:", "(?>", "(?s:"]), inner).map(lambda t: f"{t[0]}{t[1]})")
        spaces = st.sampled_from([r"\s+", r"\s*", " ", r"\s{1,3}", r"\s+?", r"[\s]+"])
        return st.one_of(
            st.lists(inner, min_size=1, max_size=4).map("".join),
            st.lists(inner, min_size=2, max_size=3).map("|".join).map(lambda s: f"(?:{s})"),
            st.tuples(group, quantifier).map("".join),
            st.tuples(inner, spaces, inner).map("".join),
            # a repeat of words each followed by white space, then more
            st.tuples(st.lists(inner, min_size=1, max_size=3).map("|".join), spaces, quantifier, inner).map(
                lambda t: f"(?:(?:{t[0]}){t[1]}){t[2]}{t[3]}"
            ),
        )

    # A pattern gets a prefilter only when it starts with literal text.
    lead = st.sampled_from(["", r"\b", "it", r"\bit\s+", "a", "tat", "I", "s"])
    return st.tuples(lead, st.recursive(atom, extend, max_leaves=8)).map("".join)


_PIECES = [
    "it", "It", "is", "was", "said", "be", "if", "that", "in case", "a", "so", "tat", "ab", " ", "  ", "\t", "\n", ".",
    ",", "'", "’", "é", "İ", "ı", "ſ", "\u212a", "\x1c", "\u00a0", "\u2003", "7", "S", "A", "I", "x",
]
_TEXTS = st.lists(st.sampled_from(_PIECES), max_size=16).map("".join)


def _check(source: str, ignore_case: bool, text: str) -> None:
    prefilter = pattern_prefilter(source, ignore_case)
    if prefilter is None:
        return
    doc = from_text(text, "a.txt")
    prose = doc.prose
    pattern = compile_pattern(source, ignore_case)
    lowered = prefilter_text(prose, doc.lowered)
    if lowered is None:
        return  # the rule runs the pattern over the whole text
    starts = [m.start() for m in prefilter.finditer(lowered)]
    for offset in range(len(prose) + 1):
        if pattern.match_at(prose, offset) is not None:
            assert offset in starts, (source, prose, offset, prefilter.pattern)
    expected = [m.span() for m in pattern.finditer(prose)]
    assert [m.span() for m in pattern.finditer_at(prose, starts)] == expected, (source, prose, prefilter.pattern)
    word = pattern_lead_word(source, ignore_case)
    if word is not None and lowered.isascii():
        # The way `LexiconRule.spans` takes in such a text: the prefilter tried only where the
        # shared term scan finds the word every match opens with.
        hits = TermScanner([(("A", "lead"), [word], False)]).scan(doc.lowered, prose).get(("A", "lead"), [])
        lead_starts = [s for s, _ in hits if prefilter.match(lowered, s)]
        for offset in range(len(prose) + 1):
            if pattern.match_at(prose, offset) is not None:
                assert offset in lead_starts, (source, prose, offset, word)
        assert [m.span() for m in pattern.finditer_at(prose, lead_starts)] == expected, (source, prose, word)


@settings(max_examples=600, deadline=None)
@given(source=_expressions(), ignore_case=st.booleans(), text=_TEXTS)
def test_a_prefilter_passes_over_no_match(source: str, ignore_case: bool, text: str) -> None:
    try:
        compile_pattern(source, ignore_case)
    except ValueError:
        return
    _check(source, ignore_case, text)


def _builtin_patterns() -> list[tuple[str, str, bool]]:
    from srclint.kinds.lexicon import LexiconRule
    from srclint.packs import load_rules

    return [
        (rule.code, source, rule.ignore_case)
        for rule in load_rules(cache=False)
        if isinstance(rule, LexiconRule)
        for source in rule.patterns
    ]


_NEWS = [
    "it", "It", "is", "was", "has been", "had been", "can", "could", "be", "also", "widely", "long", "well",
    "said", "noted", "theorised", "rumoured", "reported", "that", "whether", "if", "the", "minister", ",", ".", " ",
    " ", " ", "\n", "’", "ı", "İ", "ſ",
]


@pytest.mark.parametrize(("code", "source", "ignore_case"), _builtin_patterns())
@settings(max_examples=200, deadline=None)
@given(text=st.lists(st.sampled_from(_NEWS), max_size=30).map(" ".join))
def test_builtin_patterns(code: str, source: str, ignore_case: bool, text: str) -> None:
    _check(source, ignore_case, text)


def test_the_builtin_pattern_has_a_prefilter_that_narrows_it_down() -> None:
    """The agentless-attribution pattern is translated far enough that its prefilter matches
    where a match is, not at every "it"."""
    (_code, source, ignore_case), *_ = _builtin_patterns()
    prefilter = pattern_prefilter(source, ignore_case)
    assert prefilter is not None
    assert prefilter.search("it was said that") and prefilter.search("it is also widely believed that")
    assert not prefilter.search("it is a city with its own ways, it was sunny")


@pytest.mark.parametrize(
    ("source", "text"),
    [
        (r"\bit\s+is", "İt is ıt is"),  # matched through characters the lowered text keeps
        (r"tat\s+x", "tatat x"),  # the literal's end is its start: only "ta" is searched for
        (r"a\s*\s*b", "a   b"),
        (r"a(?:x\s+)*\s+b", "a x  x b"),
        (r"a(?:x\s+|x\s+)*b", "a x x b"),
        (r"a(?:x|xy)\s+(?:xy\s+)*b", "a xy xy b"),
        (r"a\s+(?-i:B)", "a b a B"),
        (r"ab{2,}c", "abbbc abc"),
        (r"a(?:\s+b)?\s+c", "a b c a  c"),
        (r"a\s*+\s", "a  "),
        (r"is\s+it", "is\x1cit is\u2003it"),
    ],
)
def test_cases(source: str, text: str) -> None:
    _check(source, True, text)
    _check(source, False, text)


@pytest.mark.parametrize("source", [r"x(?:\s*\s*)+y", r"x(?:a\s+|a\s+)*y", r"x\s*\s*\s*\s*\s*\s*y", r"x(?:\s|\s)*y"])
def test_no_runaway_backtracking(source: str) -> None:
    """The standard library runs the prefilter without a time limit: whatever it translates must
    not backtrack without bound, on a text made for it."""
    prefilter = pattern_prefilter(source, True)
    if prefilter is None:
        return
    text = "x" + " a" * 3000 + " " * 3000
    started = time.perf_counter()
    list(prefilter.finditer(text))
    assert time.perf_counter() - started < 1.0


def test_no_prefilter_without_leading_literal_text() -> None:
    assert pattern_prefilter(r"(?:a|b)c", True) is None
    assert pattern_prefilter(r"\w+ing", True) is None
    assert pattern_prefilter(r"x{e<=1}", True) is None  # fuzzy matching: syntax `re` reads otherwise


@pytest.mark.parametrize(
    ("source", "word"),
    [
        (r"\bit\s+(?:is|was)", "it"),
        (r"\bIt\b", "it"),
        (r"\b[Ii]t\s", "it"),
        (r"\b(?:it)\W", "it"),
        (r"\bit[^\w]", "it"),
        (r"\bit,", "it"),
        (r"\bit", None),  # what follows the word may be a word character
        (r"it\s", None),  # no \b before it
        (r"\bit\w", None),
        (r"\bit.", None),
        (r"\bit[^a-z]", None),  # [^a-z] takes digits and "_"
        (r"\bit(?:\s|x)", None),
        (r"\bit\s*be", None),
        (r"\b\d+\s", None),
        (r"\b\xe9\s", None),  # not an ASCII word
    ],
)
def test_lead_word(source: str, word: str | None) -> None:
    assert pattern_lead_word(source, True) == word
    assert pattern_lead_word(source, False) == word


def test_the_builtin_pattern_opens_with_a_word_the_scan_finds() -> None:
    (_code, source, ignore_case), *_ = _builtin_patterns()
    assert pattern_lead_word(source, ignore_case) == "it"


@settings(max_examples=200, deadline=None)
@given(text=_TEXTS)
def test_the_prefilters_text_is_the_filters_lowered_text(text: str) -> None:
    """A lexicon rule runs its prefilters over the lowered text its context filters read (one
    look for the characters that rule both out): that is what `prefilter_text` gives."""
    from srclint.kinds.lexicon import _lowered_for_filters, _lowered_for_prefilters

    doc = from_text(text, "a.txt")
    assert _lowered_for_prefilters(doc) == prefilter_text(doc.prose, doc.lowered)
    fresh = from_text(text, "a.txt")
    assert _lowered_for_filters(fresh) == _lowered_for_prefilters(from_text(text, "a.txt")) == _lowered_for_prefilters(doc)
