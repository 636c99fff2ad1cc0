"""Context filters (`srclint.patterns.ContextFilter`): whatever they decide, match or no match,
is what the expression itself would find. Checked against the `regex` module on generated
expressions and texts, and on the built-in rules' own conditions."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from srclint.formats import from_text
from srclint.patterns import compile_pattern, context_filter, has_ascii_folds

_WORDS = ["the", "of", "said", "may", "be", "If", "that", "in case", "a", "so"]
_ATOMS = [
    *_WORDS, r"\w", r"\W", r"\s", r"\S", r"\d", r"\D", ".", "[a-z]", "[A-Z]", "[^.;]", "[Ii]", "[,.]", r"[\d,.]",
    "[^a-z]", r"\1", "é", "K", "\u212a", "’", "'", "-", r"\b", r"\B", r"(?=a)", r"(?!s)", r"(?<=e)", r"(?<!x)", r"\Z", "$",
]


def _expressions() -> st.SearchStrategy[str]:
    atom = st.sampled_from(_ATOMS)

    def extend(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        quantifier = st.sampled_from(["", "?", "*", "+", "{0,3}", "{1,2}", "{2}", "*?", "+?", "{0,2}?"])
        group = st.tuples(st.sampled_from(["(?:", "(", "(?-i:", "(?i:", "(?>"]), inner).map(lambda t: f"{t[0]}{t[1]})")
        return st.one_of(
            st.lists(inner, min_size=1, max_size=4).map("".join),
            st.lists(inner, min_size=2, max_size=3).map("|".join).map(lambda s: f"(?:{s})"),
            st.tuples(group, quantifier).map("".join),
            st.tuples(inner, st.sampled_from([r"\s+", r"\s*", " "]), inner).map("".join),
        )

    return st.recursive(atom, extend, max_leaves=8)


_PIECES = [*_WORDS, " ", "  ", "\t", "\n", ".", ",", ";", "'", "’", "é", "İ", "ſ", "\u212a", "\u0131", "\x1c", "\u00a0", "7", "S", "A"]
_TEXTS = st.lists(st.sampled_from(_PIECES), max_size=14).map("".join)


def _check(source: str, ignore_case: bool, text: str) -> None:
    doc = from_text(text, "a.txt")
    prose = doc.prose
    lowered = None if has_ascii_folds(prose) else doc.lowered
    after = context_filter(source, ignore_case, after=True)
    before = context_filter(source, ignore_case, after=False)
    follow = compile_pattern(rf"\s*(?:{source})", ignore_case)
    precede = compile_pattern(rf"(?:{source})\s*\Z", ignore_case)
    for offset in range(len(prose) + 1):
        if after is not None and (found := after.decide(prose, lowered, 0, offset)) is not None:
            assert found is (follow.match_at(prose, offset) is not None), (source, prose, offset)
        for lo in {0, max(0, offset - 5)}:
            if before is not None and (found := before.decide(prose, lowered, lo, offset)) is not None:
                assert found is (precede.search(prose, lo, offset) is not None), (source, prose, lo, offset)


@settings(max_examples=400, deadline=None)
@given(source=_expressions(), ignore_case=st.booleans(), text=_TEXTS)
def test_a_filter_never_rules_out_a_match(source: str, ignore_case: bool, text: str) -> None:
    try:
        compile_pattern(source, ignore_case)
    except ValueError:
        return
    _check(source, ignore_case, text)


def _builtin_conditions() -> list[tuple[str, str, bool]]:
    from srclint.kinds.lexicon import LexiconRule
    from srclint.packs import load_rules

    found = []
    for rule in load_rules(cache=False):
        if isinstance(rule, LexiconRule):
            for name in ("followed_by", "not_followed_by", "preceded_by", "not_preceded_by"):
                if (source := getattr(rule, name)) is not None:
                    found.append((rule.code, source, rule.ignore_case))
    return found


_NEWS = [
    "some", "Many", "people", "said", "say", "believe", "of the", "analysts", "the", "at", "for", "in", "may", "be",
    "could", "not", "if", "that", "what", "charged", "accused", "with", "2,000", "Democrats", "have", "long",
    "however", ",", ".", ";", " ", " ", " ", "\n", "’", "é", "ſ", "signals", "to", "very", "clearly", "visible",
]


@pytest.mark.parametrize(("code", "source", "ignore_case"), _builtin_conditions())
@settings(max_examples=150, deadline=None)
@given(text=st.lists(st.sampled_from(_NEWS), max_size=30).map("".join))
def test_builtin_conditions_filter_only_non_matches(code: str, source: str, ignore_case: bool, text: str) -> None:
    _check(source, ignore_case, text)


def test_filters_decide_the_common_cases() -> None:
    """The filters have something to say about the conditions of the built-in rules' costliest
    checks: this is what makes them worth having."""
    conjunction = context_filter(r"(?:of|and|or)\b", True, after=True)
    assert conjunction is not None
    assert conjunction.decide("may be", "may be", 0, 3) is False
    assert conjunction.decide("may or", "may or", 0, 3) is True  # the word itself, whole
    assert conjunction.decide("may order", "may order", 0, 3) is False  # "or" is no word there: \b fails
    charged = context_filter(r"\b(?:charged|accused)\b[^.;]{0,60}", True, after=False)
    assert charged is not None
    text = "He was charged. The deal perhaps"
    assert charged.decide(text, text.lower(), 0, len(text)) is False  # the word is before the full stop
    text = "He was charged with perhaps"
    assert charged.decide(text, text.lower(), 0, len(text)) is None
    quantity = context_filter(r"\b(?:the|at|for|in)", True, after=False)
    assert quantity is not None
    assert quantity.decide("for some", "for some", 0, 4) is True
    assert quantity.decide("afor some", "afor some", 0, 5) is False
    verb = context_filter(r"(?:(?:well|also)\s+)*(?:not\s+)?[a-z]", False, after=True)
    assert verb is not None
    assert verb.decide("may be", "may be", 0, 3) is True  # "b" alone is a match
    assert verb.decide("may Be", "may be", 0, 3) is False


@pytest.mark.parametrize("source", [r"x{e<=1}", r"[[:alpha:]]", r"\p{L}", r"(?x) a", "a*", r"(?=a)"])
def test_syntax_the_analysis_does_not_trust_gets_no_filter(source: str) -> None:
    try:
        compile_pattern(source)
    except ValueError:
        pytest.skip("not an expression the regex module takes")
    assert context_filter(source, True, after=True) is None


@pytest.mark.parametrize(
    ("source", "text"),
    [
        (r"\S", "\x1c"),  # white space to `re`, not to `regex`
        (r"\s*\S", " \x1c"),
        (r"\bso\b", "ſo"),  # long s matches "s" when case is ignored
        (r"said\b", "\u212aſaid"),
        (r"is\b", "İs"),
    ],
)
def test_characters_the_two_modules_read_differently(source: str, text: str) -> None:
    _check(source, True, text)


@pytest.mark.parametrize(
    ("source", "text"),
    [
        (r"a(?:b){0,2}c", "x abbc"),  # a repeat of literal text is not one spelling
        (r"a(?:b|bb)?c", "x abbc"),
        (r"\Bab", "xab xab"),  # \B is no word boundary
        (r"(?:^|\s)said\b", "x said"),
        (r"said$", "said so"),
        (r"\b(?:the|at)\s*", "bathe at"),
        (r"\b(?:x|the)\b\w*", "others the"),
        (r"\b(?:the|at)", "The x \u212aat"),  # spelled with capitals, or with the Kelvin sign
        (r"(?:of|or)\b", "OF xor_ or\u00e9 or\u212a"),
        (r"(?-i:the)\b", "The the"),
        (r"\b(?: at|in )\b", " at x in y"),
    ],
)
def test_words_and_boundaries(source: str, text: str) -> None:
    _check(source, True, text)


@pytest.mark.parametrize(
    ("source", "text"),
    [
        (r"\s*(?:\d|of)", "x  of \x1c 7"),  # white space the expression takes itself, next to the hit
        (r"[\s\x1c]*\d", "x \x1c 7"),
        (r"\s*+of", "x  of"),
        (r"(?:the|at)\s*", "at  \x1c x"),
        (r"\s*(?:\s|x)", "a  b"),
    ],
)
def test_white_space_at_the_edge(source: str, text: str) -> None:
    _check(source, True, text)
    _check(source, False, text)


@pytest.mark.parametrize(
    ("source", "text"),
    [
        (r"(?:[\w-]+\s+){0,2}?by\s+the|[\d,.]*\d|(?:in|at)\s+(?:the\s+)?court\b", "was said by the court, 12 in the court"),
        (r"to\b|[,.;:)]|of\s+(?:life|distress)", "signals of life, signals to x) of death"),
        (r"\d|x", "a 1 x y"),
    ],
)
def test_a_choice_between_alternatives(source: str, text: str) -> None:
    """An expression that is a choice, with no words every match contains but alternatives that
    have some, is decided alternative by alternative."""
    from srclint.patterns import EitherFilter

    after = context_filter(source, True, after=True)
    if "by" in source:
        assert isinstance(after, EitherFilter)
        assert after.decide("it was noted and so", "it was noted and so", 0, 12) is False
    _check(source, True, text)
    _check(source, False, text)


_ONE_OF_WORDS = [
    r"\b(?:charged|accused)\b[^.;]{0,20}", r"(?:[\w'-]+\s+){0,2}?(?:said|say)\b", r"\s*(?:of|the)\s+\w",
    r"(?:in|at)\b", r"\bthe\s*", r"so\b.*", r"(?:say|said)",
]


@settings(max_examples=300, deadline=None)
@given(source=st.sampled_from(_ONE_OF_WORDS), ignore_case=st.booleans(), text=_TEXTS)
def test_one_of_some_words_is_looked_for_as_the_general_formula(source: str, ignore_case: bool, text: str) -> None:
    """`decide` looks for a formula that is one of some words itself, stopping at the first word
    found; the same filter asked through `_contains` and the general formula answers the same."""
    import copy

    doc = from_text(text, "a.txt")
    prose = doc.prose
    lowered = None if has_ascii_folds(prose) else doc.lowered
    for after in (True, False):
        fast = context_filter(source, ignore_case, after=after)
        assert fast is not None and fast._any_word, source  # type: ignore[union-attr]
        general = copy.copy(fast)
        general._any_word = False  # type: ignore[union-attr]
        for offset in range(len(prose) + 1):
            for lo in {0, max(0, offset - 5)}:
                assert fast.decide(prose, lowered, lo, offset) is general.decide(prose, lowered, lo, offset), (source, offset)


def _without_word_texts(filter_: object) -> object:
    """A copy of a filter that looks for its words with the automaton alone (no `in` first)."""
    import copy

    general = copy.copy(filter_)
    if hasattr(general, "_alternatives"):
        general._alternatives = tuple(_without_word_texts(f) for f in general._alternatives)  # type: ignore[attr-defined]
    elif hasattr(general, "_texts"):
        general._texts = ()  # type: ignore[attr-defined]
    return general


@pytest.mark.parametrize("source", [*_ONE_OF_WORDS, *sorted({s for _c, s, _i in _builtin_conditions()})])
@settings(max_examples=100, deadline=None)
@given(ignore_case=st.booleans(), text=st.lists(st.sampled_from([*_NEWS, *_PIECES, "indicted", "Convicted"]), max_size=30).map("".join))
def test_a_few_words_looked_for_first_answer_as_the_automaton(source: str, ignore_case: bool, text: str) -> None:
    """A filter with a few word texts rules a window out when none of them is in it, before the
    automaton is stepped through it: the answers are those of the automaton alone."""
    doc = from_text(text, "a.txt")
    prose = doc.prose
    lowered = None if has_ascii_folds(prose) else doc.lowered
    for after in (True, False):
        fast = context_filter(source, ignore_case, after=after)
        if fast is None:
            continue
        general = _without_word_texts(fast)
        for offset in range(len(prose) + 1):
            for lo in {0, max(0, offset - 5)}:
                assert fast.decide(prose, lowered, lo, offset) is general.decide(prose, lowered, lo, offset), (source, offset)


def test_a_few_words_are_looked_for_first() -> None:
    found = context_filter(r"\b(?:charged|accused|indicted|convicted)\b[^.;]{0,60}", True, after=False)
    assert found is not None and sorted(found._texts) == ["accused", "charged", "convicted", "indicted"]  # type: ignore[union-attr]
    many = context_filter("(?:" + "|".join(f"w{i}x" for i in range(20)) + ")", True, after=True)
    assert many is not None and many._texts == ()  # type: ignore[union-attr]


def _answers_as(source: str, ignore_case: bool, text: str, slower: Callable[[Any], Any]) -> None:
    """The after-hit filter of `source` answers at every offset of `text` as `slower` of it does."""
    doc = from_text(text, "a.txt")
    prose = doc.prose
    lowered = None if has_ascii_folds(prose) else doc.lowered
    fast = context_filter(source, ignore_case, after=True)
    if fast is None:
        return
    general = slower(fast)
    for offset in range(len(prose) + 1):
        assert fast.decide(prose, lowered, 0, offset) is general.decide(prose, lowered, 0, offset), (source, offset)


def _with_class_search(filter_: object) -> object:
    """A copy of a filter that finds the stop character after a hit with its class search alone."""
    import copy

    general = copy.copy(filter_)
    if hasattr(general, "_alternatives"):
        general._alternatives = tuple(_with_class_search(f) for f in general._alternatives)  # type: ignore[attr-defined]
    elif hasattr(general, "_stop_bytes"):
        general._stop_bytes = b""  # type: ignore[attr-defined]
    return general


# Long runs without a stop character, so that windows reach past the first stretch (`_STRETCH`).
_LONG = ["some people in the city and many others who have long said ", "x" * 130, " ", "é", ".", ";", ")", '"', "-", ","]


@pytest.mark.parametrize("source", [*_ONE_OF_WORDS, *sorted({s for _c, s, _i in _builtin_conditions()})])
@settings(max_examples=60, deadline=None)
@given(
    ignore_case=st.booleans(),
    text=st.lists(st.sampled_from([*_NEWS, *_PIECES, *_LONG]), max_size=40).map("".join),
)
def test_the_stop_character_found_in_bytes_answers_as_the_class_search(source: str, ignore_case: bool, text: str) -> None:
    """After a hit, the first stop character of an ASCII stretch is found in its bytes: the
    answers are those of the class search over the text."""
    _answers_as(source, ignore_case, text, _with_class_search)


def test_the_stop_characters_in_bytes() -> None:
    from srclint.patterns import _STRETCH

    found = context_filter(r"(?:[\w'-]+\s+){0,3}?(?:said|say)\b", True, after=True)
    assert found is not None and found._stop_bytes  # type: ignore[union-attr]
    assert found._stop_bytes[ord(".")] == 0 and found._stop_bytes[ord("a")] == 1  # type: ignore[union-attr]
    for gap in (10, _STRETCH - 5, _STRETCH + 5, 3 * _STRETCH):
        for tail in (" said", ". said"):
            text = "many " + "x " * (gap // 2) + tail
            expected = found.decide(text, text.lower(), 0, 4)
            assert _with_class_search(found).decide(text, text.lower(), 0, 4) is expected  # type: ignore[attr-defined]
            assert expected is (None if tail == " said" else False)


def test_a_dotless_i_the_expression_matches_is_not_ruled_out() -> None:
    """With case ignored, "I" matches dotless "ı"; the lowered text keeps "ı", so a filter that
    read it would miss the word. A text holding one is left to the expression."""
    _check(r"If\b", True, "We would go ıf they asked.")
    _check(r"\bIf", True, "Iı ıf")
    _check(r"(?:said|If)\b", True, "ıf")


def _scan_check(source: str, ignore_case: bool, text: str) -> None:
    """In an ASCII text where the shared term scan finds none of a filter's `scan_words`, the
    expression matches after no offset, and before none that does not stand inside a word (what
    `LexiconRule._matches` takes from it)."""
    from srclint.matching import TermScanner

    doc = from_text(text, "a.txt")
    prose = doc.prose
    if not prose.isascii():
        return
    word = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")
    follow = compile_pattern(rf"\s*(?:{source})", ignore_case)
    precede = compile_pattern(rf"(?:{source})\s*\Z", ignore_case)
    for after in (True, False):
        filter_ = context_filter(source, ignore_case, after=after)
        if filter_ is None or not filter_.scan_words:
            continue
        if TermScanner([(("X", "words"), filter_.scan_words, False)]).scan(doc.lowered, prose):
            continue
        for offset in range(len(prose) + 1):
            if after:
                assert follow.match_at(prose, offset) is None, (source, prose, offset)
            elif not (0 < offset < len(prose) and prose[offset - 1] in word and prose[offset] in word):
                for lo in {0, max(0, offset - 5)}:
                    assert precede.search(prose, lo, offset) is None, (source, prose, lo, offset)


_SCANNED = [
    r"\b(?:charged|accused|indicted|convicted)\b[^.;]{0,60}", r"\b(?:in case|so that)\b", r"\bthe\b\s*\w",
    r"(?:\bcharged\b|\bof\b\s+\bthe\b)", r"\b(?:said|say)\b(?!\s+of\b)", r"\b[Ii]f\b[^.;!?]{0,10}",
]


@pytest.mark.parametrize("source", _SCANNED)
@settings(max_examples=150, deadline=None)
@given(
    ignore_case=st.booleans(),
    text=st.lists(
        st.sampled_from([*_NEWS, "in case", "so that", "uncharged", "saidx", "If", "_the", "the2", "\t", "  "]), max_size=20
    ).map("".join),
)
def test_a_document_without_the_scanned_words_has_no_match(source: str, ignore_case: bool, text: str) -> None:
    _scan_check(source, ignore_case, text)


@settings(max_examples=300, deadline=None)
@given(source=_expressions(), ignore_case=st.booleans(), text=_TEXTS)
def test_scanned_words_are_sound_for_generated_expressions(source: str, ignore_case: bool, text: str) -> None:
    try:
        compile_pattern(source, ignore_case)
    except ValueError:
        return
    _scan_check(source, ignore_case, text)


def test_the_words_the_scan_looks_for() -> None:
    found = context_filter(r"\b(?:charged|accused|indicted|convicted)\b[^.;]{0,60}", True, after=False)
    assert found is not None and sorted(found.scan_words) == ["accused", "charged", "convicted", "indicted"]
    for source in _SCANNED:
        assert any(context_filter(source, True, after).scan_words for after in (True, False)), source  # type: ignore[union-attr]
    for source in [r"(?:charged|accused)\b", r"\bthe", r"\b(?:the|a-)\b", r"\bé\b", r"\bsaid\b|\d"]:
        filter_ = context_filter(source, True, after=False)
        assert filter_ is None or filter_.scan_words == (), source


def _with_stop_search(filter_: object) -> object:
    """A copy of a filter that finds the stop character after a hit by its search, then the words
    in the window (no one walk for the words and the stop characters)."""
    import copy

    general = copy.copy(filter_)
    if hasattr(general, "_alternatives"):
        general._alternatives = tuple(_with_stop_search(f) for f in general._alternatives)  # type: ignore[attr-defined]
    elif hasattr(general, "_words_to_stop"):
        general._words_to_stop = None  # type: ignore[attr-defined]
    return general


_VERBS = "(?:said|say|believe|believed|argue|argued|claim|claimed|think|thought)"  # more than a few words
_MANY_WORDS = [rf"(?:[\w'-]+\s+){{0,3}}?{_VERBS}\b", rf"[^.;]*{_VERBS}", rf"(?:[\w']+,? )?{_VERBS}\b(?!\s+of\b)"]
# Long runs without the stop characters the walk looks for, so that windows reach past its stretch.
_LONG_WALK = [*_LONG, "x" * 300, "’", "‘", "\u00a0", "'", "#", "=", "[", "A", "Said", "SAY", " \x00", "\x00"]


@pytest.mark.parametrize("source", [*_MANY_WORDS, *_ONE_OF_WORDS, *sorted({s for _c, s, _i in _builtin_conditions()})])
@settings(max_examples=60, deadline=None)
@given(
    ignore_case=st.booleans(),
    text=st.lists(st.sampled_from([*_NEWS, *_PIECES, *_LONG_WALK]), max_size=40).map("".join),
)
def test_one_walk_for_the_words_and_the_stop_answers_as_the_search_then_the_walk(
    source: str, ignore_case: bool, text: str
) -> None:
    _answers_as(source, ignore_case, text, _with_stop_search)


def test_the_words_and_the_stop_characters_in_one_walk() -> None:
    from srclint.patterns import _WORD_STRETCH

    for source in _MANY_WORDS:
        assert context_filter(source, True, after=True)._words_to_stop is not None, source  # type: ignore[union-attr]
    found = context_filter(_MANY_WORDS[0], True, after=True)
    assert found is not None
    # A stop character that is a letter (for an expression with case) or an apostrophe: no walk.
    assert context_filter(rf"[a-z ]*{_VERBS}\b", False, after=True)._words_to_stop is None  # type: ignore[union-attr]
    assert context_filter(rf"[a-z ]*{_VERBS}\b", True, after=True)._words_to_stop is None  # type: ignore[union-attr]
    for gap in (10, _WORD_STRETCH - 5, _WORD_STRETCH + 5, 3 * _WORD_STRETCH):
        for tail in (" said", ". said", "# said", "’ said", " \x00 said", " \x00. said"):
            text = "many " + "x " * (gap // 2) + tail
            expected = found.decide(text, text.lower(), 0, 4)
            assert _with_stop_search(found).decide(text, text.lower(), 0, 4) is expected  # type: ignore[attr-defined]


def test_the_walk_tries_the_space_first_at_its_root() -> None:
    """The walk's automaton opens with an entry that makes the space the root's first next
    character (`_SPACE_FIRST`); a text that holds that entry's text is walked as one without it."""
    from srclint.patterns import _SPACE_FIRST

    found = context_filter(_MANY_WORDS[0], True, after=True)
    assert found is not None and found._words_to_stop is not None  # type: ignore[union-attr]
    assert found._words_to_stop.get(_SPACE_FIRST) == (len(_SPACE_FIRST), None)  # type: ignore[union-attr]
    for text in ("many \x00 x said", "many x \x00. said", "many \x00", "many  \x00\x00 said"):
        for offset in range(len(text) + 1):
            expected = _with_stop_search(found).decide(text, text.lower(), 0, offset)  # type: ignore[attr-defined]
            assert found.decide(text, text.lower(), 0, offset) is expected, (text, offset)


def _holds_reference(formula: tuple, found: set) -> bool:  # type: ignore[type-arg]
    if formula[0] == "or":
        return not found.isdisjoint(formula[1]) or any(_holds_reference(f, found) for f in formula[2])
    return all(_holds_reference(f, found) for f in formula[1])


_FORMULA_WORDS = [("a", True, True), ("b", False, True), ("c", True, False), ("d", False, False)]


def _formulas() -> st.SearchStrategy[tuple]:  # type: ignore[type-arg]
    words = st.frozensets(st.sampled_from(_FORMULA_WORDS), max_size=3)
    leaf = st.tuples(st.just("or"), words, st.just(()))

    def extend(inner: st.SearchStrategy[tuple]) -> st.SearchStrategy[tuple]:  # type: ignore[type-arg]
        return st.one_of(
            st.tuples(st.just("or"), words, st.lists(inner, max_size=3).map(tuple)),
            st.tuples(st.just("and"), st.lists(inner, min_size=1, max_size=3).map(tuple)),
        )

    return st.recursive(leaf, extend, max_leaves=8)


@settings(max_examples=300, deadline=None)
@given(formula=_formulas(), found=st.sets(st.sampled_from(_FORMULA_WORDS)))
def test_holds_answers_as_any_and_all(formula: tuple, found: set) -> None:  # type: ignore[type-arg]
    from srclint.patterns import _holds

    assert _holds(formula, found) is _holds_reference(formula, found)
