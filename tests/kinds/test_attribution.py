"""The attribution kind: source phrases, named vs vague, the specificity ladder, documents, anonymity."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import srclint
from srclint.models import Severity
from srclint.packs import load_rules
from srclint.text.names import find_source

RULES = load_rules()


def found(text: str, code: str) -> list[tuple[str, str]]:
    report = srclint.lint_text(text, rules=RULES, select=[code])
    return [(f.match, f.severity.name.lower()) for f in report.findings if f.code == code]


def spans(text: str, code: str) -> list[tuple[int, int]]:
    report = srclint.lint_text(text, rules=RULES, select=[code])
    return [(f.start, f.end) for f in report.findings if f.code == code]


@pytest.mark.parametrize(
    ("sentence", "cue", "source", "inverted"),
    [
        ("U.S. officials deny planning an invasion.", "deny", "U.S. officials", False),
        ("The plane landed at 3 p.m., said one official.", "said", "one official", True),
        ("Officials at the ministry, speaking on condition of anonymity, said it landed.", "said", "Officials at the ministry", False),
        ("McAuliffe has said about 20 people have indicated an interest.", "indicated", "about 20 people", False),
        ("- Analysts note Moscow's limited capacity.", "note", "Analysts", False),
    ],
)
def test_find_source(sentence: str, cue: str, source: str, inverted: bool) -> None:
    start = sentence.index(" " + cue) + 1
    np, inv = find_source(sentence, 0, len(sentence), start, start + len(cue))
    assert np is not None and sentence[np.start : np.end] == source and inv is inverted


def test_vague_collective_span_covers_source_and_cue() -> None:
    text = "Experts warn the influx could tip regional stability."
    assert spans(text, "ATT001") == [(0, len("Experts warn"))]


def test_inverted_source_span_runs_from_cue() -> None:
    text = "The flight was routine, observers said."
    (span,) = spans(text, "ATT001")
    assert text[span[0] : span[1]] == "said" or text[span[0] : span[1]].startswith("observers")


@pytest.mark.parametrize(
    ("text", "severity"),
    [
        ("Sources say the plane carried weapons.", "error"),
        ("U.S. officials said the plane carried weapons.", "warning"),
        ("A senior U.S. official said the plane carried weapons.", "info"),
    ],
)
def test_specificity_ladder_sets_severity(text: str, severity: str) -> None:
    (hit,) = found(text, "ATT002")
    assert hit[1] == severity


def test_well_described_source_is_not_flagged() -> None:
    text = (
        "A senior State Department official familiar with the talks, who spoke on condition of "
        "anonymity because the talks are private, said they stalled."
    )
    assert found(text, "ATT002") == []


@pytest.mark.parametrize(
    "text",
    [
        "Venezuelan Defense Minister Vladimir Padrino said the plane carried spare parts.",
        "Analysts at Capital Economics said the plan would fail.",
        "The ministry met officials from Iran and said the talks went well.",
        "\"Officials say the plane is safe,\" the mayor said.",
        "Foreign Ministry statements decry U.S. \"invasion attempts.\"",
    ],
)
def test_named_or_not_a_source(text: str) -> None:
    assert found(text, "ATT001") == [] and found(text, "ATT002") == []


def test_neighbouring_sentence_names_the_analyst() -> None:
    text = "Analysts said the deal was symbolic. Analyst Jane Doe called it a gesture."
    assert found(text, "ATT001") == []


@pytest.mark.parametrize("text", [
    "Jane Doe, an analyst at the bank, expects growth to slow. Analysts said the same.",
    "A source, Jane Doe, confirmed the flight. Another source said it was late.",
])
def test_neighbouring_sentence_names_the_source_in_apposition(text: str) -> None:
    assert found(text, "ATT001") == [] and found(text, "ATT002") == []


def test_a_name_merely_near_the_noun_in_the_next_sentence_names_nobody() -> None:
    text = "She was taken ill at Ground Zero, sources said. But the plan changed, a source said."
    assert [m for m, _ in found(text, "ATT002")] == ["sources said", "a source said"]


@pytest.mark.parametrize(("text", "code", "match"), [
    ("Many of his supporters believe the vote was rigged.", "ATT001", "Many of his supporters believe"),
    ("Some of the officials said the plane landed.", "ATT002", "Some of the officials said"),
    ("He was engaging in what analysts described as old tactics.", "ATT001", "analysts described"),
    ("World leaders and diplomats almost universally expressed outrage.", "ATT002",
     "World leaders and diplomats almost universally expressed"),  # adverbs between subject and verb
])
def test_partitives_and_free_relatives_find_the_real_head(text: str, code: str, match: str) -> None:
    assert [m for m, _ in found(text, code)] == [match]


def test_as_opens_a_clause_of_its_own() -> None:
    text = "The footage of a wife pleading for her husband's life came as officials praised the protests."
    assert [m for m, _ in found(text, "ATT002")] == ["officials praised"]


def test_document_provenance() -> None:
    assert found("Leaked U.S. government documents reveal letters.", "ATT003") == [
        ("Leaked U.S. government documents", "warning")
    ]
    assert found("Leaked documents obtained by The Washington Post reveal letters.", "ATT003") == []
    assert found("Internal Treasury memos show the transfers.", "ATT003") == []
    assert found("The documents show the transfers.", "ATT003") == []


def test_anonymity_reason_missing_and_boilerplate() -> None:
    missing = found("An official, who spoke on condition of anonymity, said it landed.", "ATT005")
    assert missing == [("on condition of anonymity", "warning")]
    rote = found(
        "An official spoke on condition of anonymity because he was not authorized to speak publicly.", "ATT005"
    )
    assert rote == [("on condition of anonymity", "info")]
    assert found("An official spoke on condition of anonymity because he feared reprisals.", "ATT005") == []


def test_anonymous_opinion_needs_both_anonymity_and_opinion() -> None:
    assert found("\"He is a clown,\" one official said.", "ATT006")
    assert found("\"He is a clown,\" Senator Jane Doe said.", "ATT006") == []
    assert found("One official said the plane landed at 3 p.m.", "ATT006") == []


def test_target_requires_its_lists() -> None:
    from srclint.errors import RulePackError
    from srclint.packs import rules_from_mapping

    rule = {
        "code": "TST001", "name": "x", "kind": "attribution", "target": "document", "summary": "s",
        "rationale": "r", "message": "m", "examples": {"fail": ["a"], "pass": ["b"]}, "sources": ["documents"],
    }
    with pytest.raises(RulePackError, match="modifiers"):
        rules_from_mapping([rule])


def test_severity_enum_names() -> None:
    assert {s.name.lower() for s in Severity} >= {"error", "warning", "info"}


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("Some experts say the plan fails.", "name the experts "),
        ("Russian experts say the plan fails.", "name the Russian experts "),
        ("Three economists predicted a slump.", "name the three economists "),
        ("Analysts note the limits of the plan.", "name the analysts "),
    ],
)
def test_message_names_the_source_as_a_reader_would(text: str, asked: str) -> None:
    (finding,) = srclint.lint_text(text, rules=RULES, select=["ATT001"]).findings
    assert asked in finding.message


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ("That is a fraction of the $20 million experts say a campaign costs.", "experts say"),
        ("It is well short of the number analysts expect.", "analysts expect"),
    ],
)
def test_source_of_a_relative_clause_without_that(text: str, match: str) -> None:
    assert found(text, "ATT001") == [(match, "warning")]


@pytest.mark.parametrize(
    "text",
    [
        "The committee of independent experts said the plan would fail.",
        "Twenty experts at the central bank, led by Jane Doe, predicted a slump.",
    ],
)
def test_a_noun_before_the_source_that_is_not_a_sum_keeps_the_head(text: str) -> None:
    assert found(text, "ATT001") == []


_CUE_PHRASES = ["said", "say", "says", "worry", "worry that", "weigh in", "in the view of", "in", "that x", "according to", "sa", "_x"]
_CUE_TEXT_WORDS = ["said", "say", "s", "worry", "that", "weigh", "in", "the", "view", "of", "according", "to", "x", "_", "é", "re"]


@settings(max_examples=500, deadline=None)
@given(
    words=st.lists(st.sampled_from([*_CUE_TEXT_WORDS, *_CUE_PHRASES, "weigh in the view of", "worry that x"]), max_size=14),
    seps=st.lists(st.sampled_from([" ", " ", " ", "  ", ",", "_", "-", "’", "é", "", "\n"]), min_size=15, max_size=15),
    lists=st.tuples(st.sets(st.sampled_from(_CUE_PHRASES)), st.sets(st.sampled_from(_CUE_PHRASES))),
    data=st.data(),
)
def test_cue_finder_finds_what_the_word_bounded_alternation_finds(
    words: list[str], seps: list[str], lists: tuple[set[str], set[str]], data: st.DataObject
) -> None:
    """The Aho-Corasick cue search against the regular expressions it replaced: `finditer` of
    each list's alternation between (?<!\\w) and (?!\\w) over a window."""
    import re

    from srclint.kinds.attribution import CueFinder
    from srclint.text.trie import trie_pattern

    text = "".join(sep + word for sep, word in zip(seps, words)) + seps[-1]
    lo = data.draw(st.integers(0, len(text)))
    hi = data.draw(st.integers(lo, len(text)))
    finder = CueFinder(sorted(lists[0]), sorted(lists[1]))
    for window in ([0, len(text)], [lo, hi]):
        expected: dict[tuple[int, int], bool] = {}
        for is_after, phrases in enumerate(lists):
            if phrases:
                pattern = re.compile(trie_pattern(phrases, before=r"(?<!\w)", after=r"(?!\w)"))
                for m in pattern.finditer(text, window[0], window[1]):
                    expected[m.span()] = bool(is_after)
        assert finder.find(text, [window]) == expected


def test_source_noun_glued_to_an_underscore_is_still_a_source() -> None:
    """The term scan finds no "officials" in "_officials" (an underscore is a word character),
    while the tokenizer does: the cue is still read, though no scan hit shares its sentence."""
    assert found("Officials met on Monday. _Officials said the plane landed.", "ATT002") == [("Officials said", "error")]


_SOURCE_TEXTS = [
    "Officials met on Monday. Officials said the plane landed. The minister said nothing.",
    "The plane landed, analysts said. Experts, speaking on condition of anonymity, warned it was late.",
    "Sources said the plan would fail. A day later, according to people familiar with it, it did.",
    "\"He is a clown,\" one official said. Officials at the ministry, citing documents, said more.",
    "That is the amount experts say it costs. The number analysts expect is higher, critics noted.",
]


@pytest.mark.parametrize("text", _SOURCE_TEXTS)
def test_skipping_sentences_without_a_source_noun_loses_no_finding(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from srclint.kinds.attribution import AttributionRule

    codes = ["ATT001", "ATT002", "ATT006"]
    fast = [(f.code, f.start, f.end, f.message) for f in srclint.lint_text(text, rules=RULES, select=codes).findings]
    sourced = AttributionRule._sourced
    monkeypatch.setattr(AttributionRule, "_sourced", lambda self, doc, found, heads=None: sourced(self, doc, found))
    slow = [(f.code, f.start, f.end, f.message) for f in srclint.lint_text(text, rules=RULES, select=codes).findings]
    assert fast == slow and fast


_DOCUMENT_TEXTS = [
    "Leaked U.S. documents show the shipment was approved. The report was late.",
    "Flight-tracking data reveals the route; unleaked documents and the data say little.",
    "The LEAKED memo, internal emails and classified intelligence reports note it. Data from X show it.",
    "The minister said \"leaked documents\" were fake, citing secret-service files and hacked records.",
]


@pytest.mark.parametrize("text", _DOCUMENT_TEXTS)
def test_modifier_probe_loses_no_document_finding(text: str) -> None:
    """ATT003 skips document nouns with no modifier in the folded stretch before them; without
    that test (the probe switched off) every noun's tokens are cut, with the same findings."""
    import dataclasses

    rule = next(r for r in RULES if r.code == "ATT003")
    fast = [(f.start, f.end) for f in srclint.lint_text(text, rules=RULES, select=["ATT003"]).findings]
    compiled = rule.compiled
    rule.__pydantic_private__["_compiled"] = dataclasses.replace(compiled, modifier_probe=None)  # type: ignore[index]
    try:
        slow = [(f.start, f.end) for f in srclint.lint_text(text, rules=RULES, select=["ATT003"]).findings]
    finally:
        rule.__pydantic_private__["_compiled"] = compiled  # type: ignore[index]
    assert fast == slow and fast


def test_alnum_run_is_what_isalnum_accepts() -> None:
    """Windows end after the word they would cut, found with [^\\W_]* instead of an isalnum loop."""
    import sys

    from srclint.kinds.attribution import _ALNUM_RUN

    step = 7  # every seventh code point, all planes: a quick but wide sample
    for cp in range(0, sys.maxunicode + 1, step):
        ch = chr(cp)
        assert (_ALNUM_RUN.match(ch + " ").end() == 1) == ch.isalnum(), hex(cp)  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "text",
    [
        "ECONOMIST Jane Doe expects growth to slow. Other economists said the same.",
        "Other economists said the same. Economist Jane Doe expects growth to slow.",
        "The analyst’s view: Jane Doe, an analyst, disagrees. Analysts said otherwise.",
    ],
)
def test_named_member_in_a_neighbouring_sentence_names_the_group(text: str) -> None:
    assert found(text, "ATT001") == []


@settings(max_examples=400, deadline=None)
@given(text=st.text(alphabet="ab ,;-—“*•\n\t(", max_size=40), data=st.data())
def test_clause_start_is_the_end_of_the_last_clause_mark(text: str, data: st.DataObject) -> None:
    """The one-match search from the end agrees with walking every clause mark from the start."""
    from srclint.text.names import _CLAUSE_MARK, _clause_start

    lo = data.draw(st.integers(0, len(text)))
    hi = data.draw(st.integers(lo, len(text)))
    expected = lo
    for m in _CLAUSE_MARK.finditer(text, lo, hi):
        expected = m.end()
    assert _clause_start(text, lo, hi) == expected


@settings(max_examples=400, deadline=None)
@given(text=st.text(alphabet="ab ,;-—“*•\n\t(", max_size=40), data=st.data())
def test_clause_marks_found_by_character_are_the_alternations_marks(text: str, data: st.DataObject) -> None:
    from srclint.text.names import _CLAUSE_MARK, _first_mark, _marks

    lo = data.draw(st.integers(0, len(text)))
    hi = data.draw(st.integers(lo, len(text)))
    assert _marks(text, lo, hi) == [m.span() for m in _CLAUSE_MARK.finditer(text, lo, hi)]
    first, expected = _first_mark(text, lo, hi), _CLAUSE_MARK.search(text, lo, hi)
    assert (first and first.span()) == (expected and expected.span())


@st.composite
def _cue_cases(draw: st.DrawFn) -> tuple[str, list[list[int]], list[tuple[int, int]], object]:
    """A text of cue phrases and other words, windows over it, kept spans and a CueFinder of two
    drawn cue lists."""
    import re

    from srclint.text.reported import CueFinder

    words = draw(st.lists(st.sampled_from([*_CUE_TEXT_WORDS, *_CUE_PHRASES, "weigh in the view of", "worry that x"]), max_size=14))
    seps = draw(st.lists(st.sampled_from([" ", " ", " ", "  ", ",", ". ", "_", "-", "’", "é", "", "\n"]), min_size=15, max_size=15))
    lists = draw(st.tuples(st.sets(st.sampled_from(_CUE_PHRASES)), st.sets(st.sampled_from(_CUE_PHRASES))))
    text = "".join(sep + word for sep, word in zip(seps, words)) + seps[-1]
    cuts = sorted(draw(st.sets(st.integers(0, len(text)), max_size=8)))
    windows = [[a, b] for a, b in zip(cuts[::2], cuts[1::2])]
    # Kept spans that start inside a phrase chained before them are the case the widening is for.
    starts = [m.start() for m in re.finditer(r"\b\w", text)] or [0]
    marks = sorted(draw(st.sets(st.integers(0, len(text)) | st.sampled_from(starts), max_size=10)))
    keep = [(a, b) for a, b in zip(marks[::2], marks[1::2]) if a < b]
    return text, windows, keep, CueFinder(sorted(lists[0]), sorted(lists[1]))


@settings(max_examples=1000, deadline=None)
@given(_cue_cases())
def test_cue_finder_in_kept_spans_finds_what_the_whole_window_finds_there(case: tuple) -> None:
    """Searching only the kept spans of the windows (widened to a character no phrase holds)
    finds the cues that start in a kept span exactly as searching the whole windows does, and
    nothing the whole windows do not."""
    text, windows, keep, finder = case
    whole = finder.find(text, windows)
    kept = finder.find(text, windows, keep)

    def inside(start: int) -> bool:
        return any(a <= start < b for a, b in keep)

    assert kept.items() <= whole.items()
    assert {k: v for k, v in kept.items() if inside(k[0])} == {k: v for k, v in whole.items() if inside(k[0])}


@pytest.mark.parametrize("text", [*_SOURCE_TEXTS, "", "One.\n\nTwo two.   Three!  \n- Four", "  x  "])
def test_sentences_of_spans_are_those_the_document_gives(text: str) -> None:
    from srclint.documents import Document
    from srclint.kinds.attribution import _sentences_of

    doc = Document("a.txt", text)
    for step in (1, 3, 7):
        spans = [(i, i + 2) for i in range(0, len(text) + 1, step)]
        expected = sorted({s for s in (doc.sentence_at(a) for a, _ in spans) if s[1] > s[0]})
        assert _sentences_of(doc, spans) == expected


@pytest.mark.parametrize(
    ("text", "keep"),
    [
        ("worry that x", [(6, 12)]),  # "that x" starts inside "worry that", chained before it
        ("x. worry that x", [(9, 15)]),
        ("they worry that x said", [(11, 22)]),
        ("a worry that x. b", [(0, 1), (8, 17)]),
    ],
)
def test_cue_finder_kept_span_inside_an_earlier_phrase(text: str, keep: list[tuple[int, int]]) -> None:
    from srclint.kinds.attribution import CueFinder

    finder = CueFinder(["worry that", "that x", "said"], [])
    for window in ([0, len(text)], [2, len(text)], [0, len(text) - 2]):
        whole = finder.find(text, [window])
        kept = finder.find(text, [window], keep)
        inside = {k: v for k, v in whole.items() if any(a <= k[0] < b for a, b in keep)}
        assert {k: v for k, v in kept.items() if any(a <= k[0] < b for a, b in keep)} == inside


@settings(max_examples=300, deadline=None)
@given(
    words=st.sets(st.text(alphabet="ab-c", min_size=0, max_size=3), max_size=4),
    text=st.text(alphabet="ab-c x", max_size=30),
    data=st.data(),
)
def test_modifier_probe_pattern_is_a_substring_test(words: set[str], text: str, data: st.DataObject) -> None:
    from srclint.kinds.attribution import _any_of

    lo = data.draw(st.integers(0, len(text)))
    hi = data.draw(st.integers(lo, len(text)))
    assert (_any_of(words).search(text, lo, hi) is not None) == any(w in text[lo:hi] for w in words)


_PHRASE_WORDS = [
    "officials", "Officials", "experts", "analysts", "_officials", "said", "says", "told", "according to", "the minister",
    "Jane Doe", "the", "has also", "that", "who", "and", "quickly", "one of", "at the ministry", "speaking", "believed",
    "were", "is", "said:", "“we win”",
]
_PHRASE_SEPS = [" ", " ", " ", ", ", "; ", " - ", " — ", " (", ") ", ": ", "\n- ", " “", "” ", "  ", ". "]


def _phrase_text(words: list[str], seps: list[str]) -> str:
    return "".join(sep + word for sep, word in zip(seps, words)) + "."


@settings(max_examples=1500, deadline=None)
@given(
    words=st.lists(st.sampled_from(_PHRASE_WORDS), min_size=1, max_size=16),
    seps=st.lists(st.sampled_from(_PHRASE_SEPS), min_size=16, max_size=16),
    is_after=st.booleans(),
    data=st.data(),
)
def test_a_cue_passed_over_has_no_source_noun_in_its_phrase(
    words: list[str], seps: list[str], is_after: bool, data: st.DataObject
) -> None:
    """`_may_hold_head` against the parse it spares: when it says no, the phrase `find_source`
    (or `phrase_after`, for an after cue) gives holds no token that starts where a source noun
    does, whichever word is taken for the cue."""
    import re

    from srclint.kinds.attribution import _may_hold_head
    from srclint.text.names import phrase_after

    text = _phrase_text(words, seps)
    low = text.lower()
    head_starts = [m.start() for m in re.finditer(r"(?<!\w)(?:officials|experts|analysts)(?!\w)", low)]
    # Any other offsets too (a source noun of another list, or one that opens with a mark).
    head_starts = sorted({*head_starts, *data.draw(st.sets(st.integers(0, len(text) - 1), max_size=3))})
    if not head_starts:
        return
    cues = [m.span() for m in re.finditer(r"(?<!\w)\w+(?: to)?(?!\w)", low)]
    start, end = data.draw(st.sampled_from(cues))
    s_start = data.draw(st.integers(0, min(start, head_starts[0])))
    i = 0
    while head_starts[i] < s_start:
        i += 1
    s_end = len(text)
    np = phrase_after(text, end, s_end) if is_after else find_source(text, s_start, s_end, start, end)[0]
    if not _may_hold_head(text, head_starts, i, s_start, s_end, start, end, is_after):
        assert np is None or not {t.start for t in np.all_tokens} & set(head_starts)


_SENTENCES = st.lists(
    st.tuples(
        st.lists(st.sampled_from(_PHRASE_WORDS), min_size=1, max_size=12),
        st.lists(st.sampled_from(_PHRASE_SEPS), min_size=12, max_size=12),
    ),
    min_size=1,
    max_size=4,
)


def _source_findings(sentences: list[tuple[list[str], list[str]]]) -> list[tuple[str, int, int, str]]:
    """The source rules' findings (ATT001, ATT002, ATT006) on the text the sentences make."""
    text = " ".join(_phrase_text(w, s) for w, s in sentences)
    found = srclint.lint_text(text, rules=RULES, select=["ATT001", "ATT002", "ATT006"]).findings
    return [(f.code, f.start, f.end, f.message) for f in found]


@settings(max_examples=600, deadline=None)
@given(sentences=_SENTENCES)
def test_parsing_only_cues_a_source_noun_may_fill_loses_no_finding(
    sentences: list[tuple[list[str], list[str]]],
) -> None:
    """The source rules with the cues no source noun may fill passed over (`_may_hold_head`),
    and with every cue parsed: the same findings."""
    from unittest import mock

    from srclint.kinds import attribution

    fast = _source_findings(sentences)
    with mock.patch.object(attribution, "_may_hold_head", lambda *args: True):
        slow = _source_findings(sentences)
    assert fast == slow


@settings(max_examples=600, deadline=None)
@given(sentences=_SENTENCES)
def test_searching_whole_windows_for_cues_gives_the_same_findings(sentences: list[tuple[list[str], list[str]]]) -> None:
    """The source rules search for cues only in the sentences holding a source noun, from the
    last comma before the first of them; searching the whole windows around the source nouns
    gives the same findings (and the same sources to the rules that share them)."""
    from unittest import mock

    from srclint.text.reported import CueFinder

    fast = _source_findings(sentences)
    find = CueFinder.find
    with mock.patch.object(CueFinder, "find", lambda self, low, windows, keep=None, hits=None: find(self, low, windows)):
        slow = _source_findings(sentences)
    assert fast == slow


@settings(max_examples=600, deadline=None)
@given(sentences=_SENTENCES)
def test_cues_from_the_term_scan_give_the_same_findings(sentences: list[tuple[list[str], list[str]]]) -> None:
    """The source rules take the cues from the shared term scan's hits (and stop at once when
    a document has none); searching the windows for them instead gives the same findings."""
    from unittest import mock

    from srclint.text.reported import CueFinder

    fast = _source_findings(sentences)
    with mock.patch.object(CueFinder, "scan_terms", None):  # the slot read through the class: none
        slow = _source_findings(sentences)
    assert fast == slow


@settings(max_examples=1000, deadline=None)
@given(_cue_cases())
def test_cue_finder_from_scan_hits_finds_what_its_search_finds(case: tuple) -> None:
    """`find` with the shared term scan's hits of `scan_terms` against `find` searching the
    kept parts of the windows: the same cues (an underscore at a window's end included)."""
    from srclint.matching import TermScanner

    text, windows, keep, finder = case
    if finder.scan_terms is None:
        return
    hits = TermScanner([(("R", "cues"), finder.scan_terms, False)]).scan(text, text).get(("R", "cues"), [])
    assert finder.find(text, windows, keep, hits) == finder.find(text, windows, keep)


def test_cue_finder_scan_terms_only_when_the_scan_finds_the_same_occurrences() -> None:
    from srclint.text.reported import CueFinder

    assert CueFinder(["Said", "weigh in"], ["according to"]).scan_terms == ("according to", "said", "weigh in")
    assert CueFinder(["said", "weigh  in"], []).scan_terms is None  # the scan folds the double space
    assert CueFinder(["said", "x-"], []).scan_terms is None  # no word boundary asked after "-" by the scan
    assert CueFinder(["said’"], []).scan_terms is None  # folded to "said'"
