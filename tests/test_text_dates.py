from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from srclint.text.dates import (
    DateInterval,
    DateMention,
    find_dates,
    present_day_today,
    sentence_tense,
    weekday_mismatch,
)

A = dt.date(2025, 11, 3)  # Monday; the worked example of domain.md §4.3


def one(text: str, anchor: dt.date | None = A, tense: str | None = None) -> DateMention:
    ms = find_dates(text, anchor, tense)
    assert len(ms) == 1, ms
    m = ms[0]
    assert text[m.start:m.end] == m.text
    return m


@pytest.mark.parametrize("text, span, iso, gran, kind, year_explicit", [
    ("The plane landed in Caracas on October 26, 2025.", "October 26, 2025", "2025-10-26", "day", "explicit", True),
    ("It landed Oct. 26, 2025, officials said.", "Oct. 26, 2025", "2025-10-26", "day", "explicit", True),
    ("It landed Oct 26.", "Oct 26", "2025-10-26", "day", "explicit", False),
    ("It landed on 26 October 2025.", "26 October 2025", "2025-10-26", "day", "explicit", True),
    ("Talks were held October 30-31, 2025.", "October 30-31, 2025", "2025-10-30/2025-10-31", "days", "explicit", True),
    ("Talks were held 30–31 October.", "30–31 October", "2025-10-30/2025-10-31", "days", "explicit", False),
    ("The fair ran from Oct. 30 to Nov. 2.", "Oct. 30 to Nov. 2", "2025-10-30/2025-11-02", "days", "explicit", False),
    ("The fair ran Oct. 30 to Nov. 2, 2025.", "Oct. 30 to Nov. 2, 2025", "2025-10-30/2025-11-02", "days", "explicit", True),
    ("It arrived in mid-October.", "mid-October", "2025-10-11/2025-10-20", "part-of-month", "explicit", False),
    ("It arrived in early October.", "early October", "2025-10-01/2025-10-10", "part-of-month", "explicit", False),
    ("It arrived in late October.", "late October", "2025-10-21/2025-10-31", "part-of-month", "explicit", False),
    ("It arrived at the end of February 2024.", "the end of February 2024", "2024-02-21/2024-02-29",
     "part-of-month", "explicit", True),
    ("It arrived in October 2025.", "October 2025", "2025-10", "month", "explicit", True),
    ("It arrived in October.", "October", "2025-10", "month", "explicit", False),
    ("He has lived there since 2019.", "2019", "2019", "year", "explicit", True),
    ("The rally was held in May.", "May", "2025-05", "month", "explicit", False),
    ("The rally was held May 5.", "May 5", "2025-05-05", "day", "explicit", False),
    ("The rally was held in May 2025.", "May 2025", "2025-05", "month", "explicit", True),
    ("Prices have risen since May.", "May", "2025-05", "month", "explicit", False),
    ("The plane landed late Saturday.", "late Saturday", "2025-11-01", "day", "weekday", False),
    ("The plane landed on Monday.", "Monday", "2025-11-03", "day", "weekday", False),
    ("The plane landed on Sunday.", "Sunday", "2025-11-02", "day", "weekday", False),
    ("The ministers will meet on Monday.", "Monday", "2025-11-10", "day", "weekday", False),
    ("The ministers will meet on Friday.", "Friday", "2025-11-07", "day", "weekday", False),
    ("Meeting on Sunday.", "Sunday", "2025-11-02/2025-11-09", "days", "weekday", False),
    ("It landed last Monday.", "last Monday", "2025-10-27", "day", "weekday", False),
    ("Officials arrived yesterday.", "yesterday", "2025-11-02", "day", "relative", False),
    ("Officials arrive today.", "today", "2025-11-03", "day", "relative", False),
    ("Officials arrive tonight.", "tonight", "2025-11-03", "day", "relative", False),
    ("Officials arrive tomorrow.", "tomorrow", "2025-11-04", "day", "relative", False),
    ("Officials arrived this morning.", "this morning", "2025-11-03", "day", "relative", False),
    ("Officials arrived last night.", "last night", "2025-11-02", "day", "relative", False),
    ("Officials arrived last week.", "last week", "2025-W44", "week", "relative", False),
    ("Officials arrive this week.", "this week", "2025-W45", "week", "relative", False),
    ("Officials arrive next week.", "next week", "2025-W46", "week", "relative", False),
    ("Officials arrived earlier this month.", "earlier this month", "2025-11-01/2025-11-03", "part-of-month",
     "relative", False),
    ("Officials arrived last month.", "last month", "2025-10", "month", "relative", False),
    ("Officials arrived two days ago.", "two days ago", "2025-11-01", "day", "relative", False),
    ("Officials arrived last year.", "last year", "2024", "year", "relative", False),
])
def test_resolution(text: str, span: str, iso: str, gran: str, kind: str, year_explicit: bool) -> None:
    m = one(text)
    assert m.text == span
    assert m.value is not None
    assert m.value.iso() == iso
    assert m.value.granularity == gran
    assert m.kind == kind
    assert m.year_explicit is year_explicit


@pytest.mark.parametrize("text", [
    "The talks could may be delayed.",
    "It may rain later.",
    "Theresa May said the plan was sound.",
    "Theresa May's cabinet met.",
    "Thousands of protesters march through the capital.",
    "The Su-30 flew low over the city.",
    "It landed at 0300 GMT.",
    "A Boeing 747 was seen.",
    "COVID-19 cases rose.",
    "Music of the 1990s.",
    "Some 5,000 troops and $50 million in aid.",
    "An Il-76 with registration RA-78765.",
    "His 2024 reelection bid failed.",
    "The Sunday Times reported it.",
    "Sun Microsystems was acquired.",
    "Black Friday sales were strong.",
    "She watched Monday Night Football.",
    "He works Sundays.",
    "Oct. 45 is not a date.",
])
def test_traps(text: str) -> None:
    assert find_dates(text, A) == []


def test_no_anchor_leaves_relative_unresolved() -> None:
    for text in ("The plane landed on Sunday.", "It happened yesterday.", "It landed Oct. 26.", "in October"):
        ms = find_dates(text)
        assert len(ms) == 1 and ms[0].value is None


def test_year_borrowed_from_nearest_full_date_without_anchor() -> None:
    ms = find_dates("It left on Oct. 26 and arrived Nov. 3, 2025.")
    assert [m.value.iso() for m in ms if m.value] == ["2025-10-26", "2025-11-03"]
    assert ms[0].year_explicit is False


def test_new_year_wrap() -> None:
    jan2 = dt.date(2026, 1, 2)
    assert one("The jet landed Dec. 30.", jan2).value.iso() == "2025-12-30"  # type: ignore[union-attr]
    assert one("The summit will open Jan. 15.", A).value.iso() == "2026-01-15"  # type: ignore[union-attr]
    assert one("The summit opened Jan. 15.", A).value.iso() == "2025-01-15"  # type: ignore[union-attr]
    assert one("Dec. 30 to Jan. 2", A).value.iso() == "2025-12-30/2026-01-02"  # type: ignore[union-attr]


def test_explicit_tense_overrides_guess() -> None:
    assert one("Sunday", tense="past").value.iso() == "2025-11-02"  # type: ignore[union-attr]
    assert one("Sunday", tense="future").value.iso() == "2025-11-09"  # type: ignore[union-attr]


def test_clause_tense() -> None:
    ms = find_dates("He said on Monday that they will meet on Friday.", A)
    assert [m.value.iso() for m in ms if m.value] == ["2025-11-03", "2025-11-07"]


@pytest.mark.parametrize("text, expected", [
    ("The plane landed on Sunday, Oct. 27, 2025.", ("Sunday", "Monday")),
    ("The plane landed on Monday, Oct. 27, 2025.", None),
    ("The plane landed Sun. Oct. 26, 2025.", None),
    ("The plane landed Mon., Oct. 26, 2025.", ("Monday", "Sunday")),
    ("The plane landed on Oct. 27, 2025.", None),
])
def test_weekday_mismatch(text: str, expected: tuple[str, str] | None) -> None:
    m = one(text)
    assert m.kind == "explicit"
    assert weekday_mismatch(m) == expected


def test_multiple_mentions_sorted_and_exact() -> None:
    text = "On Sunday, Oct. 26, 2025, the Il-76 landed; a second flight came late Monday and another last week."
    ms = find_dates(text, A)
    assert [m.text for m in ms] == ["Sunday, Oct. 26, 2025", "late Monday", "last week"]
    assert all(text[m.start:m.end] == m.text for m in ms)


@pytest.mark.parametrize("text, tense", [
    ("The ministers will meet on Monday.", "future"),
    ("The ministers are scheduled to meet.", "future"),
    ("She plans to travel next week.", "future"),
    ("The plane landed in Caracas.", "past"),
    ("The plane was seen two days ago.", "past"),
    ("He said the talks will resume.", "unknown"),
    ("Officials meet on Sunday.", "unknown"),
    ("The armed men are in the city.", "unknown"),
])
def test_sentence_tense(text: str, tense: str) -> None:
    assert sentence_tense(text) == tense


def test_interval_helpers() -> None:
    a = DateInterval(dt.date(2025, 10, 26), dt.date(2025, 10, 26), "day")
    b = DateInterval(dt.date(2025, 10, 21), dt.date(2025, 10, 31), "part-of-month")
    c = DateInterval(dt.date(2025, 10, 27), dt.date(2025, 10, 27), "day")
    assert a.overlaps(b) and b.overlaps(a) and not a.overlaps(c)
    assert DateInterval(dt.date(2025, 1, 1), dt.date(2025, 12, 31), "year").iso() == "2025"


_WORDS = st.sampled_from(["on", "Sunday", "Oct.", "26", ",", "2025", "May", "may", "in", "late", "mid-",
                          "October", "30-31", "to", "Nov.", "2", "yesterday", "last", "week", "Su-30",
                          "0300", "GMT", "the", "will", "landed", "Sun.", "Dec", "31", "29", "Feb.", " ",
                          "next", "month", "year", "tomorrow", "Jan.", "2"])


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=80), st.lists(_WORDS, max_size=14).map(" ".join)),
       st.one_of(st.none(), st.dates(dt.date(1900, 1, 1), dt.date(2099, 12, 31)), st.dates()),
       st.sampled_from([None, "past", "future", "unknown"]))
def test_never_raises_and_spans_exact(text: str, anchor: dt.date | None, tense: str | None) -> None:
    prev_end = -1
    for m in find_dates(text, anchor, tense):
        assert text[m.start:m.end] == m.text
        assert m.start >= prev_end
        prev_end = m.end
        if m.value is not None:
            assert m.value.start <= m.value.end
            assert isinstance(m.value.iso(), str)
        weekday_mismatch(m)


def test_many_mentions_on_long_repetitive_text() -> None:
    # Speed is measured by bench/ scripts, never asserted here; this checks correctness at length.
    text = "Monday and Oct. 26 to Nov. 2, " * 1500
    assert len(find_dates(text, A)) == 3000


def test_extreme_anchor_does_not_raise() -> None:
    ms = find_dates("next week, yesterday, Dec. 30 to Jan. 2, next year", dt.date(9999, 12, 31))
    assert len(ms) == 4 and ms[0].value is None and ms[1].value is not None


def _first_chars(items) -> tuple[set, bool]:  # type: ignore[no-untyped-def]
    """(what a parsed pattern can start with, whether it can match empty), from re's parser:
    single characters, or ("category", name) for classes such as \\d."""
    from re import _constants as c

    out: set = set()
    for op, av in items:
        nullable = False
        if op is c.LITERAL:
            out.add(chr(av))
        elif op is c.IN:
            for iop, iav in av:
                if iop is c.LITERAL:
                    out.add(chr(iav))
                elif iop is c.RANGE:
                    out.update(chr(k) for k in range(iav[0], iav[1] + 1))
                elif iop is c.CATEGORY:
                    out.add(("category", str(iav)))
                else:
                    raise AssertionError(f"unhandled class item {iop}")
        elif op is c.BRANCH:
            nullable = False
            for alt in av[1]:
                f, n = _first_chars(alt.data)
                out |= f
                nullable = nullable or n
        elif op is c.SUBPATTERN:
            f, nullable = _first_chars(av[3].data)
            out |= f
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT):
            f, n = _first_chars(av[2].data)
            out |= f
            nullable = n or av[0] == 0
        elif op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            nullable = True  # zero width: what follows starts the match
        else:
            raise AssertionError(f"unhandled opcode {op}")
        if not nullable:
            return out, False
    return out, True


@pytest.mark.parametrize("name", ["_RX_MDY", "_RX_DMY", "_RX_PART", "_RX_MY", "_RX_MONTH", "_RX_YEAR", "_RX_WEEKDAY", "_RX_DEICTIC_LOW"])
def test_first_character_lookaheads_admit_every_match_start(name: str) -> None:
    """The `_first` lookaheads only speed the scan up: every character a pattern can start
    with must pass its lookahead, or a date would be missed."""
    import re as std_re
    from re import _parser

    import srclint.text.dates as dates

    pattern = getattr(dates, name).pattern
    head = std_re.match(r"\(\?=(\[[^\]]*\])\)", pattern)
    assert head is not None, f"{name} has no first-character lookahead"
    allowed = std_re.compile(head.group(1))
    starts, nullable = _first_chars(_parser.parse(pattern[head.end():]).data)
    assert not nullable
    samples = {"CATEGORY_DIGIT": "0٣", "CATEGORY_WORD": "a_Z9é"}
    for ch in starts:
        probes = samples[ch[1]] if isinstance(ch, tuple) else ch
        for probe in probes:
            assert allowed.fullmatch(probe), f"{name} can start with {probe!r} but its lookahead refuses it"


_FRAGMENTS = ["On Sunday, Oct. 26, 2025, it landed", "yesterday", "last March", "in 1999", "Oct. 27", "Sun., Oct. 27, 2025",
              "the 20 troops", "next week", "Mon. 3 May 2021", "this May", "in May", "two days ago", "late October 2025",
              "Sunday Times", "1920-1925", "the day before yesterday", "Wed, Dec. 3", "a 2020 report", "tonight",
              "for years", "a 30-year-old", "weeks of talks", "this month", "last night", "MONDAY", "Sunni fighters in 2019",
              "Sat, 4 Oct 2025", "on Thursday 2 Oct. 2025", "the holiday", "Mar. 3, 2020", "this morning", "later this year",
              "the Pentagon", "this is the third year", "THİS WEEK", "last\n  month", "Chicago",
              "LAST WEEK", "Wed., Dec. 3, 2025", "Sat 4 Oct 2025", "Thurs, Oct. 2, 2025", "May", "next\u2009May",
              "Last  March", "in March 2020", "this\u00a0year", "weeks ago", "two\tdays ago", "3 years ago", "a day ago",
              "Sundays", "sunday", "Yesterday evening", "yeſterday", "this weeK", "Monday's", "a Monday Night game",
              "Good Friday", "USA Today", "Tues. Oct. 28, 2025", "years ago", "the past week", "3 weeks ago", "a week ago",
              "earlier this week", "this evening", "last Monday", "Sun., Oct. 26, 2025, and Mon., Oct. 27"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_FRAGMENTS), min_size=1, max_size=4), min_size=1, max_size=4),
       st.booleans())
def test_skipping_sentences_without_weekday_or_relative_dates_changes_no_date_finding(
    sentences: list[list[str]], dated: bool
) -> None:
    """Without a document date only weekday and relative mentions matter to the date checks;
    skipping the other sentences (and not looking for bare years) must not change what they
    report: the checks give the same findings when every sentence is read."""
    from unittest import mock

    from srclint.engine import Linter
    from srclint.packs import load_rules

    text = ("---\ndate: 2025-10-28\n---\n" if dated else "") + " ".join(" and ".join(s) + "." for s in sentences) + "\n"
    linter = Linter(load_rules().only(["DAT001", "DAT002", "DAT003"]))
    fast = [(f.code, f.start, f.end) for f in linter.lint_text(text, "a.md").findings]
    # (Without the scan's hits, `mentions` reads the sentences `_hinted_sentences` gives with
    # find_dates: here every sentence.)
    with mock.patch("srclint.kinds.dates._hinted_sentences", lambda doc, anchored: doc.sentences), \
            mock.patch("srclint.kinds.dates.undated_hits", lambda term_hits, code: None):
        slow = [(f.code, f.start, f.end) for f in linter.lint_text(text, "a.md").findings]
    assert fast == slow


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_FRAGMENTS), min_size=1, max_size=4), min_size=1, max_size=4),
       st.sampled_from(["", "\n\n", "(Reuters) ", "İ "]))
def test_undated_sentence_choice_keeps_every_reportable_mention(sentences: list[list[str]], prefix: str) -> None:
    """In a document without a date, `mentions` reads only the sentences where the term scan
    found a weekday, relative-day, unit, "ago" or month word in the form a reportable mention
    needs (or, with a dotted capital I, the date-hint sentences). It must give what reading
    every sentence gives: each reportable mention, in order."""
    from srclint.formats import from_text
    from srclint.kinds import dates as kinds_dates
    from srclint.packs import load_rules

    text = prefix + " ".join(" and ".join(s) + "." for s in sentences)
    rules = load_rules().only(["DAT001", "DAT002", "DAT003"])
    doc = from_text(text, "a.txt")
    assert doc.anchor_date is None
    hits = kinds_dates.undated_hits(rules.scanner.scan(doc.lowered, doc.prose), "DAT002")
    got = [(s, e, m) for s, e, m in kinds_dates.mentions(doc, hits)]
    want = []
    dl = doc.dateline
    for s, e in doc.sentences:
        for m in find_dates(doc.prose[s:e]):
            start = s + m.start
            if (dl is None or not dl.start <= start < dl.end) and kinds_dates._reportable(m):
                want.append((s, e, DateMention(start, s + m.end, m.text, m.kind, m.value, m.weekday, m.year_explicit)))
    assert got == want


@pytest.mark.parametrize("sentence", [
    "It rained the past week.", "It rained last  week.", "It rains this\u2009month.", "It rained earlier this year.",
    "It rained last night.", "It rains this evening.", "It rained this morning.", "It rained this afternoon.",
    "It rained 3 weeks ago.", "It rained two\tdays ago.", "It rained a day ago.", "It rained YESTERDAY.",
    "It rains tonight.", "It rains Tomorrow.", "It rained the day before yesterday.", "It rained on Monday.",
    "It rained late Sunday.", "It rained last March.", "It rains next May.", "It rains This  June.",
    "It rained Sun., Oct. 26, 2025.", "It rained Tues Oct. 28, 2025.", "It rained Thurs, 30 Oct 2025.",
    "It rained Wed. 29 October 2025.", "It rained Sat, Oct. 25, 2025.", "It rained Fri, Oct. 24, 2025.",
    "It rained Thu 23 Oct 2025.", "It rained Thur. Oct. 23, 2025.", "It rained Mon, Oct. 27, 2025.",
])
def test_undated_sentence_choice_keeps_each_form(sentence: str) -> None:
    """Each form of reportable mention, alone in its sentence, keeps that sentence."""
    from srclint.formats import from_text
    from srclint.kinds import dates as kinds_dates
    from srclint.packs import load_rules

    doc = from_text("Officials met. " + sentence + " They left.", "a.txt")
    hits = kinds_dates.undated_hits(load_rules().only(["DAT001"]).scanner.scan(doc.lowered, doc.prose), "DAT001")
    found = [m for _, _, m in kinds_dates.mentions(doc, hits)]
    assert found and all(kinds_dates._reportable(m) for m in found)
    assert kinds_dates._sentences_of(doc, kinds_dates._termed_hits(doc, hits)) == [doc.sentences[1]]


def test_undated_terms_are_in_the_scan_of_every_date_rule() -> None:
    """Each date rule asks for the words itself: any one of them may run alone."""
    from srclint.kinds import dates as kinds_dates
    from srclint.kinds.dates import UNDATED_TERMS
    from srclint.packs import load_rules

    for code in ("DAT001", "DAT002", "DAT003"):
        rules = load_rules().only([code])
        assert [r.code for r in rules.rules] == [code]
        lists = rules.rules[0].term_lists()
        assert {name for name, _, _ in lists} == {"undated", "undated-month", "undated-unit", "undated-ago"}
        assert sorted(t.lower() for _, terms, _ in lists for t in terms) == UNDATED_TERMS
        # Weekday and month names only in their own spelling (the modal "may", the verb
        # "march" and the "sun" are no dates).
        spelled = sorted(t for _, terms, case_sensitive in lists if case_sensitive for t in terms)
        assert spelled == sorted([*kinds_dates._WEEKDAY_SPELLINGS, *kinds_dates._MONTH_SPELLINGS])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_FRAGMENTS + ["the sun", "Sat down", "march on", "it may", "a 30-year-old",
                                                       "ago,", "day\nago", "lastweek", "last\n\nyear"]),
                         min_size=1, max_size=4), min_size=1, max_size=4))
def test_termed_sentences_are_those_of_one_list_tested_per_hit(sentences: list[list[str]]) -> None:
    """The date rules ask the scan for one list per test a hit must pass (spelling, or the word
    before it): the sentences kept are those a single list of every word gives when each hit is
    tested for its word's spelling and the word before it."""
    from srclint.formats import from_text
    from srclint.kinds import dates as kinds_dates
    from srclint.matching import TermScanner
    from srclint.packs import load_rules

    doc = from_text(" ".join(" and ".join(s) + "." for s in sentences), "a.txt")
    hits = kinds_dates.undated_hits(load_rules().only(["DAT001"]).scanner.scan(doc.lowered, doc.prose), "DAT001")
    one_list = TermScanner([(("x", "all"), kinds_dates.UNDATED_TERMS, False)]).scan(doc.lowered, doc.prose)
    weekdays, months = kinds_dates._WEEKDAY_SPELLINGS, kinds_dates._MONTH_SPELLINGS
    want = []
    for s, e in one_list.get(("x", "all"), []):
        word, low = doc.prose[s:e], doc.lowered[s:e]
        if low in {w.lower() for w in weekdays}:
            ok = word in weekdays
        elif low in {w.lower() for w in months}:
            ok = word in months and _after(doc.lowered, s, ("last", "next", "this"))
        elif low in kinds_dates._DAY_WORDS:
            ok = True
        elif low == "ago":
            ok = _after(doc.lowered, s, ("day", "days", "week", "weeks"))
        else:
            ok = _after(doc.lowered, s, ("this", "last", "next", "past"))
        k = doc.sentence_index(s)
        if ok and k >= 0 and e <= doc.sentences[k][1] and doc.sentences[k] not in want:
            want.append(doc.sentences[k])
    assert kinds_dates._sentences_of(doc, kinds_dates._termed_hits(doc, hits)) == want


def _after(low: str, at: int, words: tuple[str, ...]) -> bool:
    """Whether low[:at] ends with white space after one of `words`."""
    before = low[:at]
    return before != before.rstrip() and before.rstrip().endswith(words)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_FRAGMENTS), min_size=1, max_size=4), min_size=1, max_size=4), st.booleans())
def test_date_hints_keep_every_sentence_with_a_date_literal(sentences: list[list[str]], years: bool) -> None:
    """sentences_with_date_hints, one pass per literal over the whole text, keeps every sentence
    that find_dates' own literal test lets through (without `years`, ignoring bare years)."""
    from srclint.formats import from_text
    from srclint.text import dates

    doc = from_text(" ".join(" and ".join(s) + "." for s in sentences), "a.txt")
    kept = set(dates.sentences_with_date_hints(doc, years))
    for s, e in doc.sentences:
        text = doc.prose[s:e]
        if (dates._RX_MONTH_ABBR.search(text) or dates._has_time_word(text.lower())
                or (years and ("19" in text or "20" in text))):
            assert (s, e) in kept, text


@pytest.mark.parametrize("sentence, nowadays", [
    ("Today, the port is the largest in the country.", True),
    ("He is best known today for his novels.", True),
    ("Several of the original buildings still stand today.", True),
    ("The rule shapes today's markets.", True),
    ("It is a problem of today.", True),
    ("Officials said today that the plane had landed.", False),  # past: a calendar day
    ("The minister will arrive in Caracas today.", False),  # future
    ("The plane lands today.", False),  # an event, not a state
    ("The vote today was delayed, and the port is closed.", False),  # its own clause is past
])
def test_present_day_today(sentence: str, nowadays: bool) -> None:
    start = sentence.lower().index("today")
    assert present_day_today(sentence, start, start + 5) is nowadays


def test_present_day_today_only_judges_today() -> None:
    sentence = "The port is closed tonight."
    start = sentence.index("tonight")
    assert present_day_today(sentence, start, start + 7) is False


def test_relative_dates_where_lower_casing_changes_the_length() -> None:
    """A dotted capital I lower-cases to two characters, so such text is scanned with the
    case-insensitive pattern instead of the lower-cased copy: same mentions, same offsets."""
    plain = "Yesterday in Izmir the ferry sank, two days ago or last week, officials said."
    dotted = plain.replace("Izmir", "İzmir")
    assert len(dotted.lower()) != len(dotted)
    found = [(m.start, m.end, m.text, m.value) for m in find_dates(dotted, A)]
    assert found == [(m.start, m.end, m.text, m.value) for m in find_dates(plain, A)]
    assert [text for _, _, text, _ in found] == ["Yesterday", "two days ago", "last week"]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="CARSVkl ,.-—–()\n\t0123456789Nov", max_size=80),
       st.sampled_from(["", "CARACAS, ", "Kabul ", "CARACAS, Nov 3 (Reuters) - ", "Caracas, November 3 - "]))
def test_dateline_precheck_agrees_with_the_pattern(tail: str, head: str) -> None:
    """find_dateline leaves a paragraph early when the pattern cannot match (no capital first,
    no dash before a space in reach): wherever the pattern matches, the early test must pass."""
    from srclint.text import dateline

    text = head + tail
    for start in range(min(len(text), 3)):
        stop = min(len(text), start + 160)
        if dateline._DATELINE.match(text, start, stop) is None:
            assert dateline.find_dateline(text, start, len(text)) is None
        else:
            assert "A" <= text[start] <= "Z" and dateline._DASH_SPACE.search(text, start, stop) is not None


_GUARDED = ["_RX_MDY", "_RX_PART", "_RX_MY", "_RX_MONTH", "_RX_YEAR", "_RX_WEEKDAY", "_RX_DEICTIC_LOW"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_FRAGMENTS + ["in March", "In May 2020", "the day before yesterday", "late Sunday",
                                              "since 2019", "mid-2020", "an  hour", "Thursday's vote", "past week",
                                              "the  day before  yesterday evening", "3 weeks ago", "a day ago"]),
                min_size=1, max_size=6), st.booleans())
def test_opening_lookaheads_change_no_match(fragments: list[str], lower: bool) -> None:
    """The `_opening` lookaheads only speed the scan up: each pattern finds the same matches
    (spans and groups) with and without its lookahead."""
    import re as std_re

    import srclint.text.dates as dates

    text = " ".join(fragments)
    if lower:
        text = text.lower()
    for name in _GUARDED:
        guarded = getattr(dates, name)
        plain = std_re.compile(std_re.sub(r"^(\(\?=\[[^\]]*\]\))\\b\(\?=[^)]*\)", r"\1", guarded.pattern))
        assert plain.pattern != guarded.pattern, name
        assert [(m.span(), m.groupdict()) for m in guarded.finditer(text)] == \
               [(m.span(), m.groupdict()) for m in plain.finditer(text)], name


def test_lazy_patterns_compile_on_first_use_and_match_like_compiled_ones() -> None:
    from srclint.text import LazyPattern

    lazy = LazyPattern(r"(?P<w>\w+)day", 0)
    assert "search" not in vars(lazy)
    assert [m.group("w") for m in lazy.finditer("Monday and Tuesday")] == ["Mon", "Tues"]
    assert "search" in vars(lazy) and lazy.groupindex == {"w": 1}
    assert lazy.search("today").span() == (0, 5) and lazy.match("x") is None


def test_a_lazy_pattern_first_used_leaves_the_compiled_pattern_in_its_module() -> None:
    """The module that made a LazyPattern holds the compiled pattern once it is first used (each
    name bound to it); what kept the LazyPattern itself (an import, a tuple) still uses it."""
    import re
    import sys
    import types

    from srclint.text import LazyPattern

    module = types.ModuleType("srclint_lazy_home")
    sys.modules[module.__name__] = module
    try:
        exec("import re\nfrom srclint.text import LazyPattern\nRX = ALIAS = LazyPattern(r'a+', re.I)\nKEPT = (RX,)\n", vars(module))
        lazy = module.KEPT[0]
        assert isinstance(module.RX, LazyPattern) and module.ALIAS is lazy
        assert lazy.search("bAa").span() == (1, 3)
        assert module.RX is module.ALIAS is lazy.search.__self__
        assert type(module.RX) is re.Pattern and module.RX == re.compile("a+", re.I)
        assert module.KEPT[0] is lazy and lazy.findall("aab") == ["aa"]
    finally:
        del sys.modules[module.__name__]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_FRAGMENTS + ["ago", "two days\tago", "past  week", "Last Night", "this\u00a0year",
                                              "nextweek", "thisyear", "3 weeks ago", "a day ago"]), min_size=1, max_size=6))
def test_deictic_word_test_admits_every_relative_date(fragments: list[str]) -> None:
    """_may_be_deictic only lets find_dates skip the relative-date pattern: wherever the
    pattern finds a match and the plain word test below (what it refines) says yes, it must
    say yes too. (The plain test misses "THİS WEEK", whose lower case is longer; so does
    _may_be_deictic, keeping what find_dates reports.)"""
    import srclint.text.dates as dates

    text = " ".join(fragments)
    low = text.lower()
    plain = ("ago" in low or "yesterday" in low or "today" in low or "tonight" in low or "tomorrow" in low
             or (any(w in low for w in ("this", "last", "next", "past"))
                 and any(w in low for w in ("week", "month", "year", "morning", "afternoon", "evening", "night"))))
    found = (dates._RX_DEICTIC_LOW.finditer(low) if len(low) == len(text) else dates._rx_deictic().finditer(text))
    if plain and any(True for _ in found):
        assert dates._may_be_deictic(low, len(text)), text
    if dates._may_be_deictic(low, len(text)):
        assert plain, text


@settings(max_examples=100, deadline=None)
@given(st.integers(), st.integers(), st.text(max_size=5), st.sampled_from(["explicit", "relative", "weekday"]),
       st.one_of(st.none(), st.dates().map(lambda d: DateInterval(d, d, "day"))), st.one_of(st.none(), st.integers(0, 6)),
       st.booleans())
def test_mentions_built_without_the_constructor_are_the_constructors(
    start: int, end: int, text: str, kind: str, value: DateInterval | None, weekday: int | None, year_explicit: bool
) -> None:
    """find_dates makes its mentions with `new_mention`, not the frozen dataclass's `__init__`:
    the mentions must be the same in every respect, frozen too."""
    import dataclasses

    from srclint.text.dates import new_mention

    fast = new_mention(start, end, text, kind, value, weekday, year_explicit)
    slow = DateMention(start, end, text, kind, value, weekday, year_explicit)
    assert type(fast) is DateMention
    assert fast == slow and hash(fast) == hash(slow) and repr(fast) == repr(slow)
    assert dataclasses.astuple(fast) == dataclasses.astuple(slow)
    with pytest.raises(dataclasses.FrozenInstanceError):
        fast.start = 0  # type: ignore[misc]
