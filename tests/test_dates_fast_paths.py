"""The date finder's fast paths give what the straightforward computations give."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from srclint.text import dates

# Phrases around relative dates (their words joined by any of `_SPACES`), and the white space
# between them: the windowed search counts words by white space, so runs of it and its rarer
# kinds matter.
_PHRASES = [
    "yesterday", "today", "tonight", "tomorrow", "the day before yesterday", "the day before", "the", "day", "last",
    "this", "next", "past", "earlier this week", "later this month", "earlier this", "this year", "last night",
    "next week", "past month", "this morning", "last evening", "this afternoon", "yesterday morning",
    "tonight night", "two days ago", "a week ago", "an day ago", "3 weeks ago", "12 days ago", "ten days",
    "days ago", "ago", "years ago", "weeks", "year", "month", "morning", "Today", "USA Today", "holiday",
    "Sunday", "Monday", "Friday", "Saturday", "Tuesday", "Wednesday", "Thursday", "sunday", "the Sunday Times",
    "Good Friday", "late Sunday", "last Monday", "yearly", "weekday", "midnight", "tomorrow's", "(today)", "-",
    "today-", "daytime", "agony", "x", "said", "the day before the day before yesterday",
]
_SPACES = [" ", " ", " ", "  ", "\t", "\n", "\u00a0", "\u2009", " \n ", "", ",", ", "]


@st.composite
def _texts(draw: st.DrawFn) -> str:
    phrases = draw(st.lists(st.sampled_from(_PHRASES), min_size=1, max_size=8))
    out = [draw(st.sampled_from(_SPACES))]
    for phrase in phrases:
        words = phrase.split(" ")
        for i, word in enumerate(words):
            out.append(word)
            out.append(draw(st.sampled_from(_SPACES[:9] if i < len(words) - 1 else _SPACES)))
    return "".join(out)


@settings(max_examples=600, deadline=None)
@given(_texts())
def test_windowed_deictic_search_finds_what_finditer_finds(text: str) -> None:
    low = text.lower()
    want = [(m.span(), m.groupdict()) for m in dates._RX_DEICTIC_LOW.finditer(low)]
    got = [(m.span(), m.groupdict()) for m in dates._finditer_near(dates._RX_DEICTIC_LOW, low, dates._DEICTIC_CORES, 3)]
    assert got == want


def test_windowed_deictic_search_on_worked_cases() -> None:
    for text in ["it rained the  day \t before\u2009yesterday evening and two days ago",
                 "the day before the day before yesterday", "x" * 40 + " last week " + "y" * 40 + " this year",
                 "no date at all", "years ago, earlier this month", "a\u00a0week ago", "(earlier  this\tweek)"]:
        low = text.lower()
        assert [m.span() for m in dates._finditer_near(dates._RX_DEICTIC_LOW, low, dates._DEICTIC_CORES, 3)] == \
               [m.span() for m in dates._RX_DEICTIC_LOW.finditer(low)], text


def test_every_deictic_alternative_holds_a_core_word() -> None:
    """What `_finditer_near` relies on: each way of matching `_DEICTIC` holds a core word."""
    cores = re.compile("|".join(dates._DEICTIC_CORES))
    for text in ["yesterday", "today", "tonight", "tomorrow", "the day before yesterday", "this morning",
                 "last night", "earlier this week", "later this month", "past year", "next week", "a day ago",
                 "3 weeks ago", "ten days ago"]:
        for m in dates._RX_DEICTIC_LOW.finditer(text):
            assert cores.search(m.group()), text


@settings(max_examples=400, deadline=None)
@given(_texts())
def test_weekday_literal_test_admits_every_weekday_match(text: str) -> None:
    """find_dates runs the weekday pattern only when one of the name endings is in the text."""
    if any(True for _ in dates._RX_WEEKDAY.finditer(text)):
        assert "nday" in text or "sday" in text or "iday" in text or "urday" in text


@settings(max_examples=300, deadline=None)
@given(_texts(), st.sampled_from([None, "past", "future"]))
def test_find_dates_with_one_candidate_is_unchanged(text: str, tense: str | None) -> None:
    """A sentence with a single candidate skips the overlap resolution; with an anchor the
    deictic resolver reads its groups late. Both give what the full resolution gives."""
    import datetime as dt

    for anchor in (None, dt.date(2025, 11, 3)):
        low = text.lower()
        cands = dates._candidates(text, low, dates._RX_MONTH_ABBR.search(text) is not None, dates._has_time_word(low))
        got = dates.find_dates(text, anchor, tense)
        assert [(m.start, m.end) for m in got] == sorted(_resolved_spans(cands))


def _resolved_spans(cands: list[tuple[int, int, str, object]]) -> list[tuple[int, int]]:
    taken: set[int] = set()
    out = []
    for s, e, _, _ in sorted(cands, key=lambda c: (c[0] - c[1], c[0])):
        if not taken.intersection(range(s, e)):
            taken.update(range(s, e))
            out.append((s, e))
    return out
