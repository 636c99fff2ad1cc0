"""The shared term scan: one pass for every term list, whole words only, case where asked."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from srclint.formats import from_text
from srclint.matching import TermScanner


def _scan(lists, text: str):  # type: ignore[no-untyped-def]
    doc = from_text(text, "a.txt")
    return {k: v for k, v in TermScanner(lists).scan(doc.lowered, doc.prose).items()}


def test_whole_words_only_and_overlapping_terms_reach_every_list() -> None:
    hits = _scan([(("A", "t"), ["analysts", "analysts note"], False), (("B", "t"), ["note"], False)],
                 "Analysts note it. Footnote analystsX.")
    assert hits[("A", "t")] == [(0, 8), (0, 13)]
    assert hits[("B", "t")] == [(9, 13)]


@pytest.mark.parametrize("padding", [0, 40])  # a few capitalised terms, and enough for their own automaton
def test_capitalised_terms_match_only_their_spelling(padding: int) -> None:
    extra = [f"Zq{i}X" for i in range(padding)]
    lists = [(("C", "names"), ["US", "U.S.", *extra], True), (("C", "names"), ["united states"], False),
             (("D", "modal"), ["could"], True)]
    text = "Tell us, because the US and the U.S. and United States could; Could they? USA."
    hits = _scan(lists, text)
    found = [text[s:e] for s, e in hits[("C", "names")]]
    assert found == ["US", "U.S.", "United States"]
    assert [text[s:e] for s, e in hits[("D", "modal")]] == ["could"]


@pytest.mark.parametrize(
    ("phrases", "text"),
    [
        (["said", "says", "saying", "say", "according to", "a"], "He said; they say, saying a lot according to a"),
        (["u.s.", "u.s", "us"], "the u.s. and u.s and us and usa"),
        (["a b", "a", "ab"], "a b ab a bc abc"),
    ],
)
def test_trie_pattern_matches_like_a_longest_first_alternation(phrases: list[str], text: str) -> None:
    import re

    from srclint.text.trie import trie_pattern

    plain = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True)) + r")(?!\w)")
    trie = re.compile(trie_pattern(phrases, before=r"(?<!\w)", after=r"(?!\w)"))
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in plain.finditer(text)]
    assert trie.pattern.startswith("(?=[")


def test_trie_pattern_refuses_an_empty_phrase() -> None:
    from srclint.text.trie import trie_pattern

    with pytest.raises(ValueError):
        trie_pattern(["said", ""])


# -- the scanner against a plain reference: every place of every term, checked one by one --------

def _reference_scan(lists, lowered: str, original: str):  # type: ignore[no-untyped-def]
    from srclint.matching import fold_term

    def word(ch: str) -> bool:
        return ch.isalnum() or ch == "_"

    def places(needle: str, text: str) -> list[int]:
        return [i for i in range(len(text) - len(needle) + 1) if text.startswith(needle, i)]

    def whole(start: int, end: int, term: str) -> bool:
        return not (word(term[0]) and start > 0 and word(lowered[start - 1])) and not (
            word(term[-1]) and end < len(lowered) and word(lowered[end])
        )

    table: dict[str, list] = {}  # type: ignore[type-arg]
    for key, terms, case_sensitive in lists:
        for term in terms:
            folded = fold_term(term)
            if folded:
                table.setdefault(folded, []).append((key, term if case_sensitive else None))
    hits: dict = {}  # type: ignore[type-arg]
    for folded, owners in table.items():
        if all(spelling is not None and spelling != folded for _, spelling in owners):
            for key, spelling in owners:  # only in this spelling, looked for in the original text
                for i in places(spelling, original):
                    if whole(i, i + len(spelling), spelling):
                        hits.setdefault(key, []).append((i, i + len(spelling)))
            continue
        for i in places(folded, lowered):
            if whole(i, i + len(folded), folded):
                for key, spelling in owners:
                    if spelling is None or original[i : i + len(folded)] == spelling:
                        hits.setdefault(key, []).append((i, i + len(folded)))
    return {key: sorted(spans) for key, spans in hits.items()}


_PIECES = ["us", "US", "U.S.", "Us", "uS", "uk", "  ", "x’", "a", "A", "ab", "b", "a b", "a-b", "_", "’", "'", "é", "É", "İ", "1"]


def _term_lists(pieces: list[str]) -> st.SearchStrategy[list[tuple[tuple[str, str], list[str], bool]]]:
    """Up to five term lists of three keys (two lists may share a key), terms made of `pieces`,
    each list case-sensitive or not."""
    return st.lists(
        st.tuples(
            st.sampled_from([("A", "t"), ("B", "t"), ("B", "u")]),
            st.lists(st.lists(st.sampled_from(pieces), min_size=1, max_size=3).map("".join), min_size=1, max_size=5),
            st.booleans(),
        ),
        min_size=1,
        max_size=5,
    )


@settings(max_examples=300, deadline=None)
@given(
    lists=_term_lists(_PIECES),
    text=st.lists(st.sampled_from([*_PIECES, " ", "\n", "\t", ".", "x"]), max_size=40).map("".join),
    padding=st.sampled_from([0, 20]),  # capitalised terms found by first character, or by their own automaton
)
def test_scan_finds_what_a_plain_search_finds(lists, text: str, padding: int) -> None:  # type: ignore[no-untyped-def]
    lists = [*lists, (("Z", "pad"), [f"Zq{i}X" for i in range(padding)], True)]
    doc = from_text(text, "a.txt")
    assert _scan(lists, text) == _reference_scan(lists, doc.lowered, doc.prose)


# Terms are looked for in a word mask of the text (ASCII word characters kept, other word
# characters and non-word characters each folded to one mark): these pieces hit every way a mask
# can stand for other text, and the paths beside it (terms with no word character, capitalised
# terms that are not ASCII or hold a tab).
_WIDE_PIECES = [
    "mon", "month", "u.s", "u-s", "US", "U\tS", "é", "É", "ª", "ß", "\u212a", "𝐀", "İ", "—", "“", "\x01", "\x02",
    "'", "’", " ", "_", "a", "1",
]


@settings(max_examples=300, deadline=None)
@given(
    lists=_term_lists(_WIDE_PIECES),
    text=st.lists(st.sampled_from([*_WIDE_PIECES, "\n", "x", "."]), max_size=40).map("".join),
    padding=st.sampled_from([0, 20]),  # capitalised terms found by first character, or by their own automaton
)
def test_masked_scan_finds_what_a_plain_search_finds(lists, text: str, padding: int) -> None:  # type: ignore[no-untyped-def]
    lists = [*lists, (("Z", "pad"), [f"Zé{i}X" for i in range(padding)], True)]
    doc = from_text(text, "a.txt")
    assert _scan(lists, text) == _reference_scan(lists, doc.lowered, doc.prose)


def test_mask_keeps_offsets_and_word_boundaries() -> None:
    from srclint.matching import _WIDE_MARKS, _is_word, _masked

    assert not any(map(_is_word, _WIDE_MARKS))
    text = "mon—“é𝐀\x01\x02_ ª1x\u212aİ\ud800…–a–" + _WIDE_MARKS + "".join(map(chr, range(0, 0x250, 7)))
    mask = _masked(text)
    assert len(mask) == len(text) + 2 and mask[0] == mask[-1] == "\x01"
    for ch, mark in zip(text, mask[1:-1]):
        assert mark == ((ch if ch.isascii() else "\x02") if _is_word(ch) else "\x01")


def test_lists_with_the_same_hits_share_one_list() -> None:
    # "a" is held by A twice (two spellings) and by B once; "b" by A and C, which then take the
    # same hits and share a bucket; C and D share the one list (rules only read hits).
    lists = [(("A", "t"), ["a", "A", "b"], False), (("B", "t"), ["a"], False), (("C", "t"), ["b"], False)]
    hits = _scan(lists, "a b. a")
    assert hits == {("A", "t"): [(0, 1), (0, 1), (2, 3), (5, 6), (5, 6)], ("B", "t"): [(0, 1), (5, 6)],
                    ("C", "t"): [(2, 3)]}
    scanner = TermScanner(lists + [(("D", "t"), ["b"], False)])
    found = scanner.scan("a b", "a b")
    assert found[("C", "t")] == found[("D", "t")] == [(2, 3)]
    assert found[("C", "t")] is found[("D", "t")]


def test_each_short_way_of_a_hit_is_taken() -> None:
    # A term for one bucket ("said"), one to compare with the text ("u.s."), one for two buckets
    # ("people": A and B hold it, and they hold other terms apart), one taken in one spelling
    # only ("US"), one taken in either of two spellings, each for one list ("may"), and the
    # general way ("can": in any spelling for one list, in one for another).
    from srclint.matching import _Spelling

    lists = [(("A", "t"), ["said", "u.s.", "people"], False), (("B", "t"), ["people", "can"], False),
             (("A", "u"), ["US", "May", "Can"], True), (("B", "u"), ["may"], True)]
    scanner = TermScanner(lists)
    kinds = {type(value[3]) for key, value in scanner._automaton.items() if value[3] != ()}  # () marks runs of marks
    assert kinds == {type(None), str, int, _Spelling, dict, tuple}
    text = "People said the US, us and U.S. people may say May.  US Can can CAN"
    doc = from_text(text, "a.txt")
    assert _scan(lists, text) == _reference_scan(lists, doc.lowered, doc.prose)


def test_runs_of_boundary_marks() -> None:
    lists = [(("A", "t"), ["said", "u.s. troops", "so--called", "x"], False)]
    text = "Said. , said!!said u.s. troops, u.s.  troops so--called so-called ..x.."
    hits = _scan(lists, text)
    assert [text[s:e] for s, e in hits[("A", "t")]] == ["Said", "said", "said", "u.s. troops", "so--called", "x"]
