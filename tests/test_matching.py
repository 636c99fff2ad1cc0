"""The shared term scan: one pass for every term list, whole words only, case where asked."""

from __future__ import annotations

import pytest

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
