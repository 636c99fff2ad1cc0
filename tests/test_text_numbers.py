from __future__ import annotations

import math
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from srclint.text.numbers import Quantity, find_quantities, near_agreement

INF = math.inf


def one(text: str) -> Quantity:
    qs = find_quantities(text)
    assert len(qs) == 1, qs
    q = qs[0]
    assert text[q.start:q.end] == q.text
    return q


@pytest.mark.parametrize("text, span, low, high, unit, head, approx, value", [
    ("Maduro claimed 5,000 Russian-made Igla-S portable air-defense units remain active.",
     "5,000", 5000, 5000, None, "unit", None, 5000),
    ("It carried 200 personnel.", "200", 200, 200, None, "personnel", None, 200),
    ("At least 32 people were killed.", "At least 32", 32, INF, None, "people", "at least", 32),
    ("It carried up to 50 tons of cargo.", "up to 50 tons", 0, 50, "t", "cargo", "up to", 50),
    ("It has over 5,000 missiles.", "over 5,000", 5000, INF, None, "missile", "over", 5000),
    ("More than 1,200 troops arrived.", "More than 1,200", 1200, INF, None, "troop", "more than", 1200),
    ("A $50 million bounty.", "$50 million", 5e7, 5e7, "usd", "bounty", None, 5e7),
    ("A $1.2 billion loan.", "$1.2 billion", 1.2e9, 1.2e9, "usd", "loan", None, 1.2e9),
    ("A $5bn deal.", "$5bn", 5e9, 5e9, "usd", "deal", None, 5e9),
    ("A €3m fine.", "€3m", 3e6, 3e6, "eur", "fine", None, 3e6),
    ("Five million dollars changed hands.", "Five million dollars", 5e6, 5e6, "usd", None, None, 5e6),
    ("The range is 50 km.", "50 km", 50, 50, "km", None, None, 50),
    ("The range is 9,800 kilometres.", "9,800 kilometres", 9800, 9800, "km", None, None, 9800),
    ("It flew 31 miles.", "31 miles", 31, 31, "mi", None, None, 31),
    ("It carried 20 tonnes.", "20 tonnes", 20, 20, "t", None, None, 20),
    ("It weighs 500 kg.", "500 kg", 500, 500, "kg", None, None, 500),
    ("Turnout fell 15%.", "15%", 15, 15, "percent", None, None, 15),
    ("He won 15 percent of the vote.", "15 percent", 15, 15, "percent", "vote", None, 15),
    ("It rose 3.5 percentage points.", "3.5 percentage points", 3.5, 3.5, "pp", None, None, 3.5),
    ("About 100 soldiers landed.", "About 100", 90, 110, None, "soldier", "about", 100),
    ("Some 100 people were working inside.", "some 100".capitalize(), 90, 110, None, "people", "some", 100),
    ("Nearly 100 soldiers landed.", "Nearly 100", 90, 100, None, "soldier", "nearly", 100),
    ("As many as 40 aircraft took part.", "As many as 40", 0, 40, None, "aircraft", "as many as", 40),
    ("Fewer than 10 ships docked.", "Fewer than 10", 0, 10, None, "ship", "fewer than", 10),
    ("Twenty-five soldiers were hurt.", "Twenty-five", 25, 25, None, "soldier", None, 25),
    ("Two hundred and fifty troops left.", "Two hundred and fifty", 250, 250, None, "troop", None, 250),
    ("Three F-16s flew over.", "Three", 3, 3, None, "f-16", None, 3),
    ("A dozen rockets hit the base.", "A dozen", 12, 12, None, "rocket", None, 12),
    ("Half a dozen jets took off.", "Half a dozen", 6, 6, None, "jet", None, 6),
    ("Dozens of people were hurt.", "Dozens", 24, 99, None, "people", None, 24),
    ("Hundreds of protesters gathered.", "Hundreds", 200, 999, None, "protester", None, 200),
    ("Thousands fled.", "Thousands", 2000, 9999, None, None, None, 2000),
    ("Tens of thousands of people fled.", "Tens of thousands", 2e4, 99999, None, "people", None, 2e4),
    ("Scores of homes burned.", "Scores", 40, 199, None, "home", None, 40),
    ("Several hundred troops left.", "Several hundred", 300, 900, None, "troop", None, 300),
    ("Between 5 and 10 drones were seen.", "Between 5 and 10", 5, 10, None, "drone", "between", 5),
    ("Officials counted 5-10 drones.", "5-10", 5, 10, None, "drone", "range", 5),
    ("One person died.", "One", 1, 1, None, "person", None, 1),
    ("The 2,024 votes were counted.", "2,024", 2024, 2024, None, "vote", None, 2024),
    ("About 2000 people marched.", "About 2000", 1800, 2200, None, "people", "about", 2000),
    ("The plane landed on Oct. 26 with 100 soldiers.", "100", 100, 100, None, "soldier", None, 100),
])
def test_extraction(text: str, span: str, low: float, high: float, unit: str | None, head: str | None,
                    approx: str | None, value: float) -> None:
    q = one(text)
    assert q.text == span
    assert q.low == pytest.approx(low) and q.high == pytest.approx(high)
    assert (q.unit, q.head, q.approximator) == (unit, head, approx)
    assert q.value == pytest.approx(value)


@pytest.mark.parametrize("text", [
    "The plane landed on October 26, 2025.",
    "It landed at 3 p.m. local time.",
    "It landed at 0300 GMT.",
    "It landed at 10:45.",
    "The Su-30MK2 escorted an Il-76 registered RA-78765.",
    "COVID-19 spread.",
    "A Kh-31A missile and an F-16.",
    "A Boeing 747 landed.",
    "The 2nd battalion moved.",
    "On the second day they left.",
    "One of the pilots spoke.",
    "No one knew.",
    "He is the one who left.",
    "It happened in 2024.",
    "His 2024 reelection bid failed.",
    "In the 1990s it grew.",
    "A 35-year-old man was held.",
    "A 5,000-strong force.",
    "It runs 24/7.",
    "Ten A320 jets.".replace("Ten ", ""),
    "It was held under Article 5.",
    "From 2020 to 2024 the war raged.",
])
def test_traps(text: str) -> None:
    assert find_quantities(text) == []


def test_open_interval_from_zero() -> None:
    q = one("at least 0 casualties")
    assert (q.low, q.high) == (0, INF)


def test_from_to_is_two_quantities() -> None:
    qs = find_quantities("The toll rose from 5 to 10 people.")
    assert [(q.text, q.low, q.high) for q in qs] == [("5", 5, 5), ("10", 10, 10)]


def test_several_in_one_sentence() -> None:
    text = "Amid whispers of up to 50 tons of cargo or 200 personnel, a $50 million bounty stands."
    qs = find_quantities(text)
    assert [q.text for q in qs] == ["up to 50 tons", "200", "$50 million"]
    assert all(text[q.start:q.end] == q.text for q in qs)


@pytest.mark.parametrize("a, b, expected", [
    ("31 miles", "50 km", True),
    ("1,000 km", "600 miles", True),
    ("1,000 km", "400 miles", False),
    ("20 tons", "20 tonnes", True),
    ("1,000 lb", "450 kg", True),
    ("at least 32 people", "35 people", True),
    ("about 100 soldiers", "250 troops", False),
    ("100 soldiers", "100 soldiers", True),
    ("100 soldiers", "101 soldiers", False),
    ("dozens of people", "40 people", True),
    ("up to 50 tons", "30 tons", True),
    ("$50 million", "€50 million", False),
    ("50 km", "50 kg", False),
    ("50 km", "50 soldiers", False),
])
def test_near_agreement(a: str, b: str, expected: bool) -> None:
    qa, qb = one(a), one(b)
    assert near_agreement(qa, qb) is expected
    assert near_agreement(qb, qa) is expected


_WORDS = st.sampled_from(["about", "5,000", "$", "50", "million", "km", "up", "to", "one", "of", "the",
                          "dozens", "-", "Su-30", "2025", "Oct.", "26", "%", "1.2", "billion", "twenty",
                          "five", "and", "between", "people", "tons", "0300", "GMT", "a", "dozen", "m", "bn"])


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=80), st.lists(_WORDS, max_size=14).map(" ".join),
                 st.lists(_WORDS, max_size=14).map("".join)))
def test_never_raises_and_spans_exact(text: str) -> None:
    prev_end = -1
    for q in find_quantities(text):
        assert text[q.start:q.end] == q.text
        assert q.start >= prev_end
        prev_end = q.end
        assert q.low <= q.high
        assert not math.isnan(q.low) and not math.isnan(q.high)
        near_agreement(q, q)


_NUMBER_FRAGMENTS = [
    "At least 32 people were killed", "on Sunday, Oct. 27, 2025", "at 3:30 p.m.", "in 1999", "a 20-tonne cargo",
    "the Il-76 carried 40 tons", "between 5 and 10 troops", "on 27 October", "two days ago", "Flight 17",
    "hundreds of people", "$50 million", "from 2020 to 2024", "the 12th", "May 3-4, 2025",
]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_NUMBER_FRAGMENTS), min_size=1, max_size=6), st.sampled_from([None, "2025-11-03"]))
def test_dates_given_by_the_caller_change_no_quantity(parts: list[str], anchor: str | None) -> None:
    """find_quantities with the text's dates passed in (found against any anchor, as the
    consistency rules pass the memoised ones) gives what it finds looking for them itself."""
    import datetime as dt

    from srclint.text.dates import find_dates

    text = ", ".join(parts) + "."
    dates = find_dates(text, dt.date.fromisoformat(anchor) if anchor else None)
    assert find_quantities(text, dates) == find_quantities(text)


_WORDY = ["one", "Two", "THREE", "twenty-one", "a hundred", "An", "and", "thousand", "Dozens", "scores of", "tens of",
          "several", "a few", "half a dozen", "millions", "ſix", "ſcores of", "billions", "eleven", "zero", "x", "-", " ",
          "é", "İ", "nine", "trillion", "forty", "_", "3", "hundreds of thousands"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_WORDY), min_size=1, max_size=12), st.text(max_size=12))
def test_number_word_patterns_find_what_they_find_without_their_first_letter_lookahead(parts: list[str], noise: str) -> None:
    """_RX_WORDS and _RX_VAGUE open with a lookahead on the first letters of their matches; it
    must only make them fail sooner: the same matches as the patterns without it."""
    import re

    from srclint.text import number_patterns as patterns

    text = " ".join(parts) + noise
    for rx, first in ((patterns._RX_WORDS, patterns._WORDS_FIRST), (patterns._RX_VAGUE, patterns._VAGUE_FIRST)):
        lookahead = f"(?=[{first}])"
        assert rx.pattern.startswith(lookahead)
        plain = re.compile(rx.pattern[len(lookahead):], rx.flags)
        assert [m.span() for m in rx.finditer(text)] == [m.span() for m in plain.finditer(text)]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from([*_WORDY, "ONE", "Seventy", "TEN", "twelve", "Fifteen", "ty", "Sixty-five", "x1", "a  Dozen",
                                 "SEVERAL HUNDRED", "Half A Dozen", "Scores  of", "Tens\tof thousands", "\u212a"]),
                min_size=1, max_size=12),
       st.text(alphabet=st.characters(max_codepoint=127), max_size=12))
def test_lower_cased_twins_find_what_the_case_insensitive_patterns_find(parts: list[str], noise: str) -> None:
    """find_quantities searches lower-cased ASCII text with case-sensitive twins of its
    case-insensitive patterns: the same matches at the same offsets (and only ASCII text is
    searched so: "ſ" or the Kelvin sign match letters of the patterns only case-insensitively)."""
    from srclint.text import number_patterns as patterns

    text = " ".join(parts) + noise
    for rx, low_rx in ((patterns._RX_WORDS, patterns._RX_WORDS_LOW), (patterns._RX_VAGUE, patterns._RX_VAGUE_LOW),
                       (patterns._RX_ANY_NUMBER, patterns._RX_ANY_NUMBER_LOW)):
        if text.isascii():
            assert [m.span() for m in low_rx.finditer(text.lower())] == [m.span() for m in rx.finditer(text)]
    if text.isascii():  # (other text takes the case-insensitive patterns anyway)
        assert find_quantities(text) == _find_quantities_case_insensitively(text)


def _find_quantities_case_insensitively(text: str) -> list[Quantity]:
    """find_quantities with the case-insensitive patterns on the text itself only."""
    from unittest import mock

    from srclint.text import numbers

    with mock.patch.object(numbers, "_ascii_lowered", lambda text: None):
        return numbers.find_quantities(text)


def test_case_twins_cover_every_letter_the_patterns_match_as_an_ascii_one() -> None:
    import re

    from srclint.text.numbers import _CASE_TWINS

    letter = re.compile("[a-z]", re.IGNORECASE)
    # Case-insensitive matching pairs a character with an ASCII letter only inside the BMP.
    matched = [chr(cp) for cp in range(0x80, 0x10000) if letter.fullmatch(chr(cp))]
    assert matched  # "ſ" at least
    for ch in matched:
        low = ch.translate(_CASE_TWINS).lower()
        assert len(low) == 1 and "a" <= low <= "z", (ch, low)


@pytest.mark.parametrize("written, plain", [
    ("Officials said \u017fix people were killed.", "Officials said six people were killed."),
    ("Some f\u0131ve m\u0131llion dollars were sent.", "Some five million dollars were sent."),
    ("About \u017fcores of troops and thou\u017fands of people.", "About scores of troops and thousands of people."),
    ("F\u0130VE \u212aM of road.", "FIVE KM of road."),
])
def test_letters_matched_as_ascii_ones_read_as_them(written: str, plain: str) -> None:
    got, want = find_quantities(written), find_quantities(plain)
    assert want  # the plain text has quantities to compare with
    assert [(q.start, q.end, q.low, q.high, q.unit, q.approximator, q.value) for q in got] == [
        (q.start, q.end, q.low, q.high, q.unit, q.approximator, q.value) for q in want
    ]
    assert [q.text for q in got] == [written[q.start : q.end] for q in want]  # as written


# The mask patterns as first written, each opening with `\b`: `number_patterns._RX_MASKS` opens
# each with its first character instead (and the word boundary as a lookbehind after it).
_TZ_WORDS = r"(?:GMT|UTC|ET|EST|EDT|PT|BST|CET|CEST|MSK)\b"
_MASKS_WITH_BOUNDARIES = [
    r"\b\d{1,2}(?:[:.]\d{2})?\s*(?:[ap]\.m\.|[ap]m\b|[AP]M\b|o['’]clock)",
    rf"\b\d{{1,2}}:\d{{2}}(?::\d{{2}})?\b|\b\d{{1,4}}\s*{_TZ_WORDS}|\b\d{{4}}\s*(?:Z|local\s+time|hours|hrs|h)\b",
    r"\b[A-Z][A-Za-z]*-\d+[A-Za-z0-9]*(?:-[A-Za-z0-9]+)*",
    r"\b(?:Boeing|Airbus|Antonov|Ilyushin|Tupolev|Sukhoi|MiG|Lockheed|Embraer|Bombardier|Cessna|"
    r"Gulfstream|Learjet)\s+[A-Z]{0,2}-?\d+[A-Za-z0-9-]*",
    r"\b(?:Article|Resolution|Section|Chapter|Route|Highway|Flight|flight|No\.|Number|Room|Gate|Terminal|"
    r"Platform|Building|Annex|Amendment|Decree|Law|Item|Page|page|Paragraph|paragraph|Phase|Level|"
    r"Category|Hurricane|Apollo|Windows|version|Version|Vol\.|Volume|Square)\s+#?\d+\w*",
]
_MASK_PIECES = ["1", "12", "123", "2024", "0930", "٣", "7", ":", ":30", ".", ".15", "-", " ", "  ", "\n", "a", "x", "_",
                "é", "A", "Su", "Il", "COVID", "a.m.", "pm", "PM", "o’clock", "o'clock", "GMT", "EST", "Z", "hours", "h",
                "local time", "Boeing", "MiG", "Flight", "flight", "No.", "Vol.", "page", "#", "Square", "aBoeing", "ok"]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(_MASK_PIECES), max_size=14))
def test_mask_patterns_find_what_their_word_boundary_forms_find(pieces: list[str]) -> None:
    from srclint.text.number_patterns import _RX_MASKS

    text = "".join(pieces)
    for fast, plain in zip(_RX_MASKS, _MASKS_WITH_BOUNDARIES, strict=True):
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in re.finditer(plain, text)], plain
