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
def _phrase_texts(draw: st.DrawFn, phrases: list[str], most: int) -> str:
    """Phrases drawn from `phrases`, their words and the phrases apart by varied white space
    (inside a phrase: some white space; between phrases: also none, or a comma)."""
    chosen = draw(st.lists(st.sampled_from(phrases), min_size=1, max_size=most))
    out = [draw(st.sampled_from(_SPACES))]
    for phrase in chosen:
        words = phrase.split(" ")
        for i, word in enumerate(words):
            out.append(word)
            out.append(draw(st.sampled_from(_SPACES[:9] if i < len(words) - 1 else _SPACES)))
    return "".join(out)


def _texts() -> st.SearchStrategy[str]:
    return _phrase_texts(_PHRASES, 8)


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


def _words_back_by_hand(text: str, at: int, n: int) -> int:
    i = at
    while i > 0 and not text[i - 1].isspace():
        i -= 1
    for _ in range(n):
        while i > 0 and text[i - 1].isspace():
            i -= 1
        while i > 0 and not text[i - 1].isspace():
            i -= 1
    return i


@settings(max_examples=500, deadline=None)
@given(_texts(), st.integers(0, 4), st.data())
def test_words_back_counts_words_as_a_loop_over_the_characters_does(text: str, n: int, data: st.DataObject) -> None:
    starts = [i for i, ch in enumerate(text) if not ch.isspace()]
    if not starts:
        return
    at = data.draw(st.sampled_from(starts))
    got = dates._words_back(text, at, n)
    want = _words_back_by_hand(text, at, n)
    # With fewer words before, the fast version gives 0 where the loop may stop at the first
    # word: only white space lies between, where no match starts.
    assert got == want or (got == 0 and not text[:want].strip())


# Dates of every family, their words joined by any of `_SPACES` (which may also glue them).
_DATE_PHRASES = [
    "Monday , Oct. 27, 2025", "Sun., Oct. 26, 2025", "Sat , 3 - 4 of Oct 2025", "Thurs, 30 Oct 2025", "Wed 29 October",
    "Oct. 27", "Dec. 30 to Jan. 2", "Dec. 30 - Jan. 2, 2025", "3 - 5 of March 2024", "the end of March",
    "the start of May 2020", "the beginning of June", "the middle of July", "mid-March", "Mid August 2021",
    "early May", "Late October 2025", "in last March", "In May 2020", "since this June", "next May", "May",
    "March 2020", "Sept. 2019", "late Sunday", "last Monday", "Sunday Times", "Good Friday", "the Sunday Times",
    "a Monday Night game", "Sundays", "Monday's", "in 1999", "1920-1925", "mid-2020", "of 2019", "2020 to 2022",
    "since 1885", "Early 1899", "mid-", "in", "2019–2021", "x2020", "of-2020",
    "yesterday", "two days ago", "earlier this week", "the day before yesterday", "Mayor", "Marching", "Junior",
    "Octopus", "Augusta", "the", "of", "in", "x", "said", "3", "12th", "-", ",", "Jan.", "Sep", "Decembers",
]


def _date_texts() -> st.SearchStrategy[str]:
    return _phrase_texts(_DATE_PHRASES, 7)


@settings(max_examples=700, deadline=None)
@given(_date_texts(), st.sampled_from([None, "past", "future"]))
def test_searching_near_core_words_changes_no_date(text: str, tense: str | None) -> None:
    """Every family's pattern is searched near the words its matches need (`_finditer_near`):
    find_dates gives what it gives with plain finditer scans of the whole text."""
    import datetime as dt
    from unittest import mock

    def plain(rx: object, text: str, cores: object, n: int) -> list[re.Match[str]]:
        return list(rx.finditer(text))  # type: ignore[attr-defined]

    for anchor in (None, dt.date(2025, 11, 3)):
        fast = dates.find_dates(text, anchor, tense)
        with mock.patch.object(dates, "_finditer_near", plain):
            slow = dates.find_dates(text, anchor, tense)
        assert fast == slow


def test_searching_near_core_words_on_worked_cases() -> None:
    from unittest import mock

    def plain(rx: object, text: str, cores: object, n: int) -> list[re.Match[str]]:
        return list(rx.finditer(text))  # type: ignore[attr-defined]

    for text in ["It ended Sat ,  3 -\t4 of\u00a0Oct 2025 and on Monday ,  Oct. 27", "At the  end of\tMarch 2020.",
                 "Mayor Adams spoke in last  March and late\tSunday", "(Sun., Oct. 26, 2025)"]:
        fast = dates.find_dates(text)
        with mock.patch.object(dates, "_finditer_near", plain):
            assert fast == dates.find_dates(text), text
        assert fast, text


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["that", "but", "while", "although", "though", "whereas", "and", "because", "x", ";",
                                 ":", "—", "–", "Thatcher", "band", "-and", "athat", "Because", "the"]),
                max_size=12),
       st.lists(st.sampled_from([" ", "", "  ", "\t", ","]), min_size=12, max_size=12))
def test_clause_pattern_first_character_lookahead_changes_no_match(words: list[str], gaps: list[str]) -> None:
    text = "".join(w + g for w, g in zip(words, gaps))
    plain = re.compile(dates._CLAUSE)
    assert [m.span() for m in dates._RX_CLAUSE.finditer(text)] == [m.span() for m in plain.finditer(text)]


# --------------------------------------------------------------- tense and "today" fast paths
# Words around the tense and stative cues, with look-alikes and cased or non-ASCII spellings
# (ſ and K fold to s and k, and İ lowers to two characters, under IGNORECASE).
_CLAUSE_WORDS = [
    "will", "Will", "shall", "won't", "won’t", "I'll", "we’ll", "it'll", "'ll", "’ll", "ll", "x'llx", "is", "IS",
    "İs", "are", "Is", "still", "ſtill", "STILL", "known", "Known", "remains", "exists", "it's", "It’s", "there's",
    "recognised", "recognized", "was", "Was", "had", "said", "ago", "last", "next", "tomorrow", "scheduled",
    "expected", "to", "planned", "walked", "Bradford", "need", "today", "Today", "TODAY", "of", "today's", "the",
    "port", "and", "but", "that", ";", ",", "—", "Kelvin", "Ķ", "x",
]


def _reference_tense(sentence: str) -> str:
    """sentence_tense with the "'ll" cue as a branch of the future pattern."""
    low = sentence.lower()
    future = re.compile(dates._FUTURE_CUES + r"|\w['’]ll\b")
    fut = future.search(low) is not None
    strong = re.compile(dates._PAST_CUES).search(low) is not None
    if fut:
        return "unknown" if strong else "future"
    if strong or any(m.group().lower() not in dates._NOT_PAST_ED for m in dates._RX_ED.finditer(sentence)):
        return "past"
    return "unknown"


def _reference_present_day_today(sentence: str, start: int, end: int) -> bool:
    """present_day_today as first written: the tense first, the stative cue ignoring case."""
    if sentence[start:end].lower() != "today":
        return False
    if sentence[end:end + 2] in ("'s", "’s") or sentence[max(0, start - 3):start].lower() == "of ":
        return True
    lo, hi = 0, len(sentence)
    for b in re.finditer(dates._CLAUSE, sentence):
        if b.end() <= start:
            lo = b.end()
        elif b.start() >= end:
            hi = b.start()
            break
    clause = sentence[lo:start] + " " + sentence[end:hi]
    stative = re.compile(dates._RX_STATIVE.pattern, re.IGNORECASE)
    return _reference_tense(clause) == "unknown" and stative.search(clause) is not None


_clause_texts = st.lists(st.tuples(st.sampled_from(_CLAUSE_WORDS), st.sampled_from([" ", "  ", "", ", ", "\t"])),
                         max_size=10).map(lambda parts: "".join(w + g for w, g in parts))


@settings(max_examples=500, deadline=None)
@given(_clause_texts)
def test_split_future_cue_gives_the_same_tense(text: str) -> None:
    assert dates.sentence_tense(text) == _reference_tense(text)


@settings(max_examples=500, deadline=None)
@given(_clause_texts, _clause_texts, st.sampled_from(["today", "Today", "TODAY", "tonight"]))
def test_present_day_today_fast_path_gives_the_same_answer(head: str, tail: str, word: str) -> None:
    sentence = head + " " + word + tail
    start = len(head) + 1
    assert dates.present_day_today(sentence, start, start + len(word)) == \
        _reference_present_day_today(sentence, start, start + len(word))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["this", "last", "next", "past", "ago", " ago", "week", "month", "year", "night",
                                 "thisweek", "lastyear", "days", "x"]), max_size=8),
       st.lists(st.sampled_from([" ", "", "\t", "\u00a0", "  ", ","]), min_size=8, max_size=8))
def test_deictic_word_loop_matches_the_any_chain(words: list[str], gaps: list[str]) -> None:
    low = "".join(w + g for w, g in zip(words, gaps))
    want = dates._after_space(low, "ago") or any(dates._unit_after(low, w) for w in ("this", "last", "next", "past"))
    assert dates._may_be_deictic(low, len(low)) == want


def test_month_names_and_lengths_are_the_calendar_modules() -> None:
    import calendar

    assert dates.MONTH_NAMES == tuple(calendar.month_name[1:])
    for y in [*range(-5, 2105), 2400, 9999, 10000]:
        for m in range(1, 13):
            assert dates._month_days(y, m) == calendar.monthrange(y, m)[1], (y, m)


def _first_characters(items: list[tuple[object, object]]) -> set[str] | None:
    """The characters a match of the parsed pattern `items` can start with (None: any)."""
    from re import _constants as c  # type: ignore[attr-defined]

    for op, av in items:
        if op is c.AT:
            continue  # \b and the like match no character
        if op is c.LITERAL:
            return {chr(av)}  # type: ignore[arg-type]
        if op is c.SUBPATTERN:
            return _first_characters(list(av[3]))  # type: ignore[index]
        if op is c.BRANCH:
            out: set[str] = set()
            for alternative in av[1]:  # type: ignore[index]
                first = _first_characters(list(alternative))
                if first is None:
                    return None
                out |= first
            return out
        return None
    return None


@settings(max_examples=400, deadline=None)
@given(_clause_texts)
def test_cue_patterns_first_letter_lookaheads_change_no_match(text: str) -> None:
    """The lower-case tense and stative patterns open with a lookahead for their cues' first
    letters (`_first`): it admits every one, and the matches are those of the plain patterns."""
    from re import _parser  # type: ignore[attr-defined]

    low = text.lower()
    for plain, fast in ((dates._FUTURE_CUES, dates._RX_FUTURE_LOW), (dates._PAST_CUES, dates._RX_PAST_LOW),
                        (dates._STATIVE_CUES, dates._RX_STATIVE_LOW)):
        firsts = _first_characters(list(_parser.parse(plain)))
        assert firsts is not None and fast.pattern == dates._first("".join(sorted(firsts))) + plain
        assert [m.span() for m in fast.finditer(low)] == [m.span() for m in re.compile(plain).finditer(low)]


def _find_dates_in_full(text: str, anchor: object, tense: str | None) -> list[dates.DateMention]:
    """find_dates without its shortcut for text where only relative dates can be found: with
    the year family always tried (where the year test fails, it finds nothing)."""
    from unittest import mock

    with mock.patch.object(dates, "_may_hold_year", lambda text: True):
        return dates.find_dates(text, anchor, tense)  # type: ignore[arg-type]


@settings(max_examples=600, deadline=None)
@given(st.one_of(_texts(), _date_texts()), st.sampled_from([None, "past", "future", "unknown"]))
def test_relative_dates_only_shortcut_changes_no_date(text: str, tense: str | None) -> None:
    """Without an anchor, text that can only hold relative dates gets its mentions straight
    from the pattern's matches: what resolving the candidates gives."""
    assert dates.find_dates(text, None, tense) == _find_dates_in_full(text, None, tense)


def test_relative_dates_only_shortcut_on_worked_cases() -> None:
    for text in ["USA Today reported it today", "USA  today", "Said yesterday and two days ago, tonight.",
                 "İstanbul said today", "The day before yesterday, last week", "no date", "today's paper",
                 "today in 1999", "Sunday, today", "in May, today"]:
        for tense in (None, "past"):
            assert dates.find_dates(text, None, tense) == _find_dates_in_full(text, None, tense), text


def _after_word_by_loop(low: str, hits: list[tuple[int, int]], words: tuple[str, ...]) -> list[tuple[int, int]]:
    """`_after_word` as a plain loop over the white space before each hit."""
    out = []
    for s, e in hits:
        j = s
        while j > 0 and low[j - 1].isspace():
            j -= 1
        if j != s and low.endswith(words, 0, j):
            out.append((s, e))
    return out


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["last", "this", "next", "past", "day", "days", "weeks", "lastly", "x", "year", "March",
                                 "ago", "week", "night"]), min_size=1, max_size=8),
       st.lists(st.sampled_from(_SPACES), min_size=8, max_size=8))
def test_after_word_fast_test_matches_the_loop(words: list[str], gaps: list[str]) -> None:
    """The date rules' test for a hit right after one of some words (`_after_word`) tells one
    space apart in one call: the same hits as the loop over the white space before each."""
    from srclint.kinds import dates as kind

    text = "".join(w + g for w, g in zip(words, gaps)).lower()
    hits = [(m.start(), m.end()) for m in re.finditer(r"year|march|ago|week|night", text)]
    for before in (kind._BEFORE_MONTH, kind._BEFORE_UNIT, kind._BEFORE_AGO, ("x",)):
        assert kind._after_word(text, hits, before) == _after_word_by_loop(text, hits, before)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="-—–a \t\n\u00a0\u2009x.", max_size=30), st.integers(0, 32), st.integers(0, 32))
def test_dash_space_test_agrees_with_its_pattern(text: str, start: int, stop: int) -> None:
    """find_dateline looks for a dash before white space with `str.find`: as `_DASH_SPACE` does."""
    from srclint.text import dateline

    assert dateline._has_dash_space(text, start, stop) == (dateline._DASH_SPACE.search(text, start, stop) is not None)


@settings(max_examples=300, deadline=None)
@given(_date_texts(), st.integers(0, 60))
def test_month_abbreviation_starts_are_every_place_a_search_finds(text: str, pos: int) -> None:
    """The month families search near the starts of `_RX_MONTH_ABBR`'s matches, listed once:
    from any position, the first listed start there is where a search finds one."""
    import bisect

    starts = [m.start() for m in dates._RX_MONTH_ABBR.finditer(text)]
    k = bisect.bisect_left(starts, pos)
    found = dates._RX_MONTH_ABBR.search(text, pos)
    assert (starts[k] if k < len(starts) else None) == (found.start() if found else None)
    for rx, n in ((dates._RX_MDY, 2), (dates._RX_DMY, 6), (dates._RX_MY, 0), (dates._RX_PART, 3)):
        assert [m.span() for m in dates._finditer_near(rx, text, starts, n)] == [m.span() for m in rx.finditer(text)]


# The words relative dates are built around, where the date rules' term scan finds them: a
# relative-day word, a unit after "this", "last", "next" or "past" and white space, "ago" after
# "day(s)" or "week(s)" and white space (whole words, in the lower-cased text).
_RX_RELATIVE_CORE = re.compile(
    r"\b(?:yesterday|today|tonight|tomorrow)\b"
    r"|(?:(?<=this)|(?<=last)|(?<=next)|(?<=past))\s+\b(?=(?:week|month|year|morning|afternoon|evening|night)\b)"
    r"|(?:(?<=day)|(?<=days)|(?<=week)|(?<=weeks))\s+\b(?=ago\b)"
)


def _relative_cores(text: str) -> list[int]:
    """The offsets of the words `relative_dates` needs, found by a pattern."""
    out = []
    for m in _RX_RELATIVE_CORE.finditer(text.lower()):
        out.append(m.start() if m.group().strip() else m.end())
    return sorted(set(out))


@settings(max_examples=700, deadline=None)
@given(st.one_of(_texts(), _date_texts()), st.data())
def test_relative_dates_near_their_words_are_find_dates(text: str, data: st.DataObject) -> None:
    """`relative_dates` gives find_dates' answer without an anchor, or None when another kind
    of date can be there; extra offsets among the words change nothing."""
    cores = _relative_cores(text)
    extra = data.draw(st.lists(st.integers(0, max(0, len(text) - 1)), max_size=3))
    for given_cores in (cores, sorted(set(cores) | {i for i in extra if i < len(text) and not text[i].isspace()})):
        got = dates.relative_dates(text, given_cores)
        if got is not None:
            assert got == dates.find_dates(text)
    if not re.search(r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|18|19|20|nday|sday|iday|urday", text):
        assert dates.relative_dates(text, cores) is not None or len(text.lower()) != len(text)


@settings(max_examples=300, deadline=None)
@given(st.one_of(_texts(), _date_texts()), st.integers(0, 10_000))
def test_relative_dates_at_an_offset_are_the_shifted_relative_dates(text: str, base: int) -> None:
    """The date rules take a sentence's relative dates with the document's offsets
    (`relative_dates_at`, given the words' offsets in the document, the sentence's among
    others): the mentions `relative_dates` gives, each moved by the offset."""
    cores = _relative_cores(text)
    plain = dates.relative_dates(text, cores)
    # The document's offsets of the words: the sentence's, and some before and after it.
    in_document = [0, base // 2] + [c + base for c in cores] + [base + len(text) + 5]
    moved = dates.relative_dates_at(text, in_document, base, 2, 2 + len(cores))
    if plain is None:
        assert moved is None
    else:
        assert moved == [dates.DateMention(m.start + base, m.end + base, m.text, m.kind, m.value, m.weekday,
                                           m.year_explicit) for m in plain]


def test_relative_dates_on_worked_cases() -> None:
    for text in ["It rained the  day \t before\u2009yesterday evening and two days ago.", "USA Today said so today.",
                 "earlier this week, later this month and last night", "a\u00a0week ago, this\u2009morning",
                 "no date at all", "years ago, for weeks", "Tomorrow's talks"]:
        cores = _relative_cores(text)
        assert dates.relative_dates(text, cores) == dates.find_dates(text), text
    assert dates.relative_dates("On Monday, yesterday", [11]) is None
    assert dates.relative_dates("In 2020, yesterday", [9]) is None
    assert dates.relative_dates("Since Oct. 3, yesterday", [14]) is None


@settings(max_examples=200, deadline=None)
@given(_texts(), st.lists(st.sampled_from(['"', "“", "”", "# ", "\n\n", ". ", "said "]), max_size=4), st.randoms())
def test_unanchored_findings_are_those_of_the_plain_loop(text: str, marks: list[str], rnd: object) -> None:
    """`unanchored-relative` sweeps its scope and the quotations alongside the (ordered) mentions
    and makes each finding as `finding` does: the findings of a call per mention to the scope,
    the quotation test and `finding`."""
    from srclint.documents import in_spans
    from srclint.engine import CheckContext
    from srclint.formats import from_text
    from srclint.kinds import dates as kinds_dates
    from srclint.packs import load_rules

    words = text.split(" ")
    for mark in marks:  # quotation marks and headings at random places, to cut quotations and scope
        words.insert(rnd.randrange(len(words) + 1), mark)  # type: ignore[attr-defined]
    rules = load_rules().only(["DAT002"])
    (rule,) = rules.document_rules
    for fmt in ("a.txt", "a.md"):
        doc = from_text(" ".join(words), fmt)
        if doc.anchor_date is not None:
            continue
        got = list(rule.check(doc, CheckContext(rules.scanner.scan(doc.lowered, doc.prose))))
        want = []
        for s, e, m in kinds_dates.mentions(doc):
            if m.kind not in ("relative", "weekday") or not rule.parsed_scope.contains(doc, m.start):
                continue
            if in_spans(doc.quotes, m.start):
                continue
            if m.text.lower() == "today" and dates.present_day_today(doc.prose[s:e], m.start - s, m.end - s):
                continue
            want.append(rule.finding(doc, m.start, m.end))
        assert got == want
