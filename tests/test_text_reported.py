"""Reported speech: which hedges a named source is credited with, and which stay the writer's."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from srclint.formats import from_text
from srclint.text.reported import Reported

REPORTED = Reported()


def attributed(sentence: str, word: str) -> bool:
    doc = from_text(sentence, "t.txt", "text")
    return REPORTED.attributed(doc, sentence.index(word))


@pytest.mark.parametrize("sentence", [
    "The minister said the move could trigger a crisis.",
    "Padrino said on Sunday that the plane may carry spare parts.",
    "The move could trigger a crisis, the minister said.",
    "The move could trigger a crisis, said the minister.",
    "The move could trigger a crisis, the minister said on Sunday.",
    "According to the ministry, the flights could resume on Monday.",
    "The flights could resume on Monday, according to the ministry.",
    "His lawyer said the charges could be dropped.",
    "He said the plane could be late.",
    "Economically, Martin said, the United States could help.",
    "The official, Jane Doe, said the plane could be late.",
    "Analysts at Capital Economics said growth could slow.",
])
def test_reported_to_a_named_source(sentence: str) -> None:
    assert attributed(sentence, "could" if "could" in sentence else "may")


@pytest.mark.parametrize("sentence", [
    "The move could trigger a crisis.",
    "Analysts said the move could trigger a crisis.",  # nobody a reader can check
    "Experts warn the influx could tip regional stability.",
    "U.S. officials said the cargo could include missiles.",
    "We believe the plan could work.",  # the writer
    "For this reason I would expect that the gain could be small.",
    "A difference between subspecies could explain the range.",  # the modal is on the cue itself
    "Errors in the text could mislead readers, and errors said nothing.",
    "He could tell them his fears, he could explain what had happened in the old house that night.",
    "Fifteen millions of Treasury notes could be issued.",  # "notes" is a noun
    "Opponents of the FMA argue that it could complicate efforts.",  # a crowd, whatever it opposes
    "Scientists say the virus could spread.",
])
def test_the_writers_own(sentence: str) -> None:
    assert not attributed(sentence, "could")


def test_answers_are_worked_out_once_per_sentence() -> None:
    text = "The minister said the plane could land. It could also turn back."
    doc = from_text(text, "t.txt", "text")
    assert REPORTED.attributed(doc, text.index("could"))
    assert not REPORTED.attributed(doc, text.rindex("could"))
    memo = [v for k, v in doc.memo.items() if k.startswith("reported\1")]
    assert len(memo) == 1 and len(memo[0]) == 2


@pytest.mark.parametrize("text", [
    "The minister said the plane could land.\n\nIt could also turn back, officials said.  Padrino said it may rain.",
    "  \n- Analysts said it could fail.\n- He said it could not.\n\n",
    "",
])
def test_every_offset_is_answered_from_its_sentence(text: str) -> None:
    """`attributed` looks the sentence up inline: what `Document.sentence_at` and the sentence's
    reported spans say, at every offset (between sentences and at the very end too), twice."""
    doc = from_text(text, "t.txt", "text")
    expected = []
    for offset in range(len(text) + 1):
        start, end = doc.sentence_at(offset)
        spans = REPORTED._reported_spans(doc, start, end) if end > start else []
        expected.append(any(lo <= offset < hi for lo, hi in spans))
    assert any(expected) or not text.strip()
    for _ in range(2):
        assert [REPORTED.attributed(doc, offset) for offset in range(len(text) + 1)] == expected


def test_the_memo_key_is_shared_by_equal_lists() -> None:
    assert Reported()._key is REPORTED._key


_CUE_PIECES = ["said", "says", "say", "saying", "according to", "according", "to", "told", "tells", "_", "x", "é", "2",
               " ", " ", ".", ",", "'", "un", "ed", "noted", "in the view of", "in the", "view", "thought", "\u00b2"]


@settings(max_examples=400, deadline=None)
@example(text="xsaid", cues={"said"}, data=None)
@example(text="_said 2said", cues={"said"}, data=None)
@example(text="\u00b2said saidé", cues={"said"}, data=None)
@given(
    text=st.lists(st.sampled_from(_CUE_PIECES), max_size=14).map("".join),
    cues=st.sets(st.sampled_from(["said", "say", "says", "told", "noted", "thought", "ed"]), min_size=1),
    data=st.data(),
)
def test_cue_look_up_finds_what_a_word_bounded_search_finds(text: str, cues: set[str], data: st.DataObject | None) -> None:
    """`Reported._found` against what it replaced: each list's alternation between (?<!\\w) and
    (?!\\w), searched in the sentence (the after cues first), where the two lists together find a
    cue at all. A cue in both lists takes the other path: the alternations themselves."""
    import re

    from srclint.text.reported import AFTER_CUES
    from srclint.text.trie import trie_pattern

    for cue_list in (cues, cues | {"according to"}):
        reported = Reported(tuple(cue_list))
        assert (reported._finder is None) is ("according to" in cue_list)
        lowered = {c.lower() for c in cue_list}
        plain = re.compile(trie_pattern(lowered | set(AFTER_CUES), before=r"(?<!\w)", after=r"(?!\w)"))
        after = re.compile(trie_pattern(AFTER_CUES, before=r"(?<!\w)", after=r"(?!\w)"))
        verbs = re.compile(trie_pattern(lowered, before=r"(?<!\w)", after=r"(?!\w)"))
        bounds = [(start, end) for start in range(len(text) + 1) for end in range(start, len(text) + 1)]
        if data is not None:
            bounds = [data.draw(st.sampled_from(bounds))]
        for start, end in bounds:
            expected = []
            if plain.search(text, start, end) is not None:
                expected = [(*m.span(), True) for m in after.finditer(text, start, end)]
                expected += [(*m.span(), False) for m in verbs.finditer(text, start, end)]
            assert reported._found(text, start, end) == expected, (start, end)


def test_an_empty_or_missing_cue_list_is_refused_as_before() -> None:
    for cues in ((), ("said", "")):
        with pytest.raises(ValueError):
            Reported(cues)

# Words for texts that put the cues next to sentence ends, word characters and names.
_CUE_TEXT = st.lists(
    st.sampled_from([
        "said", "Said", "says", "according to", "According to", "in the view of", "told", "the minister",
        "Padrino", "analysts", "could", "may", "x", "_", "é", "2", "²", " ", " ", " ", "\n", ".", ". ", "!", ",",
        "\u00a0", "’", "\"", "U.S.", "Mr.", "saidé", "ésaid",
    ]),
    max_size=40,
).map("".join)


@settings(max_examples=400, deadline=None)
@given(text=_CUE_TEXT)
def test_cue_hits_of_the_term_scan_rule_out_only_sentences_without_reported_spans(text: str) -> None:
    """`attributed` with the scan's cue hits answers as the search of every sentence does."""
    from srclint.matching import TermScanner

    assert REPORTED.scan_terms is not None
    scanner = TermScanner([(("R", "cues"), REPORTED.scan_terms, False)])
    doc = from_text(text, "t.txt", "text")
    hits = scanner.scan(doc.lowered, doc.prose).get(("R", "cues"), [])
    fast = from_text(text, "t.txt", "text")
    for offset in range(len(doc.prose)):
        assert REPORTED.attributed(fast, offset, hits) == REPORTED.attributed(doc, offset), offset
    for start, end in doc.sentences:
        if end > start and REPORTED._reported_spans(doc, start, end):
            assert REPORTED.attributed(fast, start, hits) is REPORTED.attributed(doc, start)


@settings(max_examples=800, deadline=None)
@given(st.text(alphabet="abAB _-1é\u00c9\u0130ı.\n", max_size=24), st.text(alphabet="abAB_1é\u00c9\u0130", max_size=3))
def test_lower_elsewhere_is_the_whole_word_search(text: str, word: str) -> None:
    """`_lower_elsewhere` finds the lower-cased word where a search between (?<!\\w) and (?!\\w) does."""
    import re

    from srclint.formats import from_text
    from srclint.text.reported import _lower_elsewhere

    doc = from_text(text, "a.txt")
    want = re.search(rf"(?<!\w){re.escape(word.lower())}(?!\w)", doc.prose) is not None
    assert _lower_elsewhere(doc, word) is want
