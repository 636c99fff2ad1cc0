"""The `dates` kind: date checks that need only one article (domain.md §6.5).

* `weekday-mismatch`: a weekday attached to a full date that falls on another day
  ("Sunday, Oct. 27, 2025" was a Monday).
* `unanchored-relative`: "yesterday", "on Sunday", "last week" in a document with neither a
  dated dateline nor a front-matter date: the reader cannot tell which day is meant.
* `past-after-anchor`: a past-tense sentence dating its event after the document's own date.

Quotations are skipped by the last two checks (a speaker's "yesterday" is relative to when they
spoke). The same event given two dates or counts in one article is the `consistency` kind's job:
its comparison covers pairs within one document too.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Mapping
TYPE_CHECKING = False  # typing itself is not imported: a run that lints a file imports this module

from ..text import compiled_on_demand
from ..text.dates import (
    MONTH_NAMES,
    WEEKDAY_NAMES,
    DateMention,
    may_hold_weekday_or_relative,
    new_mention,
    present_day_today,
    relative_dates_at,
    sentence_dates,
    sentence_tense,
    sentences_with_date_hints,
    weekday_mismatch,
)
from .base import DocumentRule
from .schema import Field

if TYPE_CHECKING:
    from typing import ClassVar, Literal
    from ..documents import Document
    from ..engine import CheckContext
    from ..models import Finding

__all__ = ["DatesRule"]

# Only explicit dates later than the anchor are checked for a plan word before them.
_rx_plan = compiled_on_demand(
    r"\b(?:by|until|till|before|scheduled|planned|due|expected|deadline|set\s+for|as\s+of)\s+(?:\w+\s+){0,2}$", re.IGNORECASE
)


def mentions(doc: Document, hits: UndatedHits | None = None) -> list[tuple[int, int, DateMention]]:
    """(sentence start, sentence end, mention with absolute offsets) for the whole document, once.
    In a document without a date, only the mentions some check can report there (see
    `_reportable`); `hits` are the document's hits of the `_TERM_LISTS` from the shared term
    scan (see `undated_hits`), which pick the sentences to read then (None: find them without
    the scan)."""
    memo = doc.memo.get("dates.mentions")
    if memo is not None:
        return memo
    dl = doc.dateline
    anchored = doc.anchor_date is not None
    cores: list[int] | None = None
    if anchored or hits is None or "\u0130" in doc.prose:
        # A dotted capital I lower-cases to two characters: the relative-date pattern then runs
        # case-insensitively on the text itself, which the folded text the scan reads can miss.
        spans = _hinted_sentences(doc, anchored)
    else:
        found = _termed_hits(doc, hits)
        spans = _sentences_of(doc, found)
        # The hits are where relative dates can be: a sentence where no other kind of date can
        # be is read near them alone (see `relative_dates`), the commonest case by far.
        cores = [s for s, _ in found]
    out: list[tuple[int, int, DateMention]] = []
    prose = doc.prose
    for s, e in spans:
        if cores is not None:
            lo = bisect_left(cores, s)
            # A sentence where only relative dates can be (most): its mentions come with the
            # document's offsets, all reportable. Not kept in `sentence_dates`' memo, which
            # the consistency rules read only for sentences with a year, in an undated
            # document (`srclint.claims`), never one of these.
            rel = relative_dates_at(prose[s:e], cores, s, lo, bisect_left(cores, e, lo))
            if rel is not None:
                for m in rel:
                    if dl is None or not dl.start <= m.start < dl.end:
                        out.append((s, e, m))
                continue
        for m in sentence_dates(doc, s, e):
            start = s + m.start
            if dl is not None and dl.start <= start < dl.end:
                continue
            # `_reportable`, inline (a call per mention of every sentence read)
            if not anchored and m.kind == "explicit" and (m.weekday is None or m.value is None):
                continue
            out.append((s, e, new_mention(start, s + m.end, m.text, m.kind, m.value, m.weekday, m.year_explicit)))
    doc.memo["dates.mentions"] = out
    return out


def _reportable(m: DateMention) -> bool:
    """Whether a check can report `m` in a document without a date: a relative or weekday
    mention (`unanchored-relative`), or a date with its weekday that resolved on its own year
    (`weekday-mismatch`); `past-after-anchor` needs the document's date."""
    return m.kind != "explicit" or (m.weekday is not None and m.value is not None)


def _hinted_sentences(doc: Document, anchored: bool) -> Iterable[tuple[int, int]]:
    """The sentences find_dates can find a mention in; in a document without a date, only those
    that can hold a reportable one (skipping explicit dates without a weekday)."""
    for s, e in sentences_with_date_hints(doc, years=anchored):
        if anchored or may_hold_weekday_or_relative(doc.prose[s:e]):
            yield s, e


# Every mention `_reportable` keeps holds one of these words, whole (the patterns in
# srclint.text.dates put a word boundary or white space on both sides of each): a weekday
# name or abbreviation ("Monday", "Sun., Oct. 26, 2025"), a relative-day word, the "ago" of
# "two days ago", the unit of "last week" or "this morning", the month of "last March". In a
# document without a date, `mentions` reads only the sentences where the shared term scan
# (which runs anyway) found one of them in the form that mention needs, instead of passes
# over the text for every time word and month name: most sentences with "year" or "May" hold
# no reportable mention. (The scan's word boundaries, read in the folded text, are the
# patterns': lower-casing keeps a character a word character or not, and sentences start and
# end at white space. Text with a dotted capital I is the one exception, see `mentions`.)
_WEEKDAY_SPELLINGS = frozenset([*WEEKDAY_NAMES, "Mon", "Tue", "Tues", "Wed", "Thu", "Thur", "Thurs", "Fri", "Sat", "Sun"])
_MONTH_SPELLINGS = frozenset(MONTH_NAMES)
_DAY_WORDS = ("yesterday", "today", "tonight", "tomorrow")
_UNITS = ("week", "month", "year", "morning", "afternoon", "evening", "night")
UNDATED_TERMS = sorted({w.lower() for w in _WEEKDAY_SPELLINGS | _MONTH_SPELLINGS} | {*_DAY_WORDS, *_UNITS, "ago"})

# The scan's lists, one per test a hit must pass to count (see `_termed_hits`), so that
# no hit is looked up again to learn which test applies. Weekday and month names are asked for
# in their own spelling: the scan then drops "sun", "sat", the verb "march" and the modal "may"
# (the most frequent word of all) itself, where a test per hit compared the spelling.
# Weekday names and relative-day words count as they are; a month needs "last", "next" or
# "this" before it, a unit "this", "last", "next" or "past" ("earlier this week", "last
# night"), "ago" a day or week ("two days ago"), each after white space.
_TERM_LISTS = [
    ("undated", sorted(_WEEKDAY_SPELLINGS), True),
    ("undated", list(_DAY_WORDS), False),
    ("undated-month", list(MONTH_NAMES), True),
    ("undated-unit", list(_UNITS), False),
    ("undated-ago", ["ago"], False),
]
_BEFORE_MONTH = ("last", "next", "this")
_BEFORE_UNIT = ("this", "last", "next", "past")
_BEFORE_AGO = ("day", "days", "week", "weeks")
_SPACED = {words: tuple(w + " " for w in words) for words in (_BEFORE_MONTH, _BEFORE_UNIT, _BEFORE_AGO)}

Span = tuple[int, int]
# The scan's hits of each of `_TERM_LISTS`' names: counting as they are, months, units, "ago".
UndatedHits = tuple[list[Span], list[Span], list[Span], list[Span]]


def undated_hits(term_hits: Mapping[tuple[str, str], list[Span]], code: str) -> UndatedHits:
    """A date rule's hits of `_TERM_LISTS`, from the shared term scan's hits."""
    get = term_hits.get
    return (get((code, "undated"), []), get((code, "undated-month"), []), get((code, "undated-unit"), []),
            get((code, "undated-ago"), []))


def _termed_hits(doc: Document, hits: UndatedHits) -> list[Span]:
    """The hits of `_TERM_LISTS` in a form a reportable mention needs, sorted: a weekday name or
    a relative-day word, a month after "last", "next" or "this", a unit after "this", "last",
    "next" or "past", "ago" after a day or week. Each test only refines what the date patterns
    themselves require; the sentences holding these hits (`_sentences_of`) are the ones read."""
    plain, months, units, agos = hits
    if not (months or units or agos):  # most documents: no call for lists without a hit
        return sorted(plain)
    low = doc.lowered
    found = [*plain, *_after_word(low, months, _BEFORE_MONTH), *_after_word(low, units, _BEFORE_UNIT),
             *_after_word(low, agos, _BEFORE_AGO)]
    found.sort()
    return found


def _sentences_of(doc: Document, found: list[Span]) -> list[tuple[int, int]]:
    """The sentences that hold one of the sorted hits `found` whole."""
    if not found:
        return []
    spans = doc.sentences
    keep: list[tuple[int, int]] = []
    kept_end = -1
    for s, e in found:
        if s < kept_end:
            continue  # in the sentence kept last (hits come in order)
        k = doc.sentence_index(s)
        if k >= 0 and e <= spans[k][1]:
            keep.append(spans[k])
            kept_end = spans[k][1]
    return keep


def _after_word(low: str, hits: list[Span], words: tuple[str, ...]) -> list[Span]:
    """The hits right after white space that follows one of `words` (lower-cased text `low`)."""
    out: list[Span] = []
    if not hits:
        return out
    spaced = _SPACED.get(words) or tuple(w + " " for w in words)
    for s, e in hits:
        # One space between, the usual form, is told by one call; a hit after anything but
        # white space is dropped at once; runs and other kinds of white space take the loop.
        if low.endswith(spaced, 0, s):
            out.append((s, e))
            continue
        if s < 1 or not low[s - 1].isspace() or (low[s - 1] == " " and (s < 2 or not low[s - 2].isspace())):
            continue  # (one space after something else than `words` fails the test above)
        j = s
        while j > 0 and low[j - 1].isspace():
            j -= 1
        if low.endswith(words, 0, j):
            out.append((s, e))
    return out


class DatesRule(DocumentRule):
    """One of the single-document date checks, chosen by `check`."""

    kind: Literal["dates"]
    check_: Literal["weekday-mismatch", "unanchored-relative", "past-after-anchor"] = Field(
        alias="check", description="which date check this rule runs"
    )

    placeholders: ClassVar[frozenset[str]] = frozenset({"match", "stated", "actual", "date", "anchor"})

    def term_lists(self) -> list[tuple[str, list[str], bool]]:
        return _TERM_LISTS

    def check(self, doc: Document, ctx: CheckContext) -> Iterable[Finding]:
        which = self.check_
        # Two of the checks need the document to have a date, or not to have one: skipped
        # at once otherwise. Each check then goes through the mentions in one loop of its own
        # (three rules, most documents: a call per mention was a good part of their time).
        if which == "past-after-anchor":
            if doc.anchor_date is None:
                return ()
            run = self._after_anchor
        elif which == "unanchored-relative":
            if doc.anchor_date is not None:
                return ()
            run = self._unanchored
        else:
            run = self._weekday
        found = doc.memo.get("dates.mentions")  # worked out by the first date rule to ask
        if found is None:
            found = mentions(doc, undated_hits(ctx.term_hits, self.code))
        return run(doc, found) if found else ()

    # Each check tests the mention's own fields before the scope: most mentions are of a kind
    # the check ignores, and the scope's spans are then never worked out for the document.
    def _weekday(self, doc: Document, found: list[tuple[int, int, DateMention]]) -> list[Finding]:
        out: list[Finding] = []
        for _, _, m in found:
            if m.weekday is None or m.value is None or not self.parsed_scope.contains(doc, m.start):
                continue
            wrong = weekday_mismatch(m)
            if wrong:
                out.append(self.finding(doc, m.start, m.end, stated=wrong[0], actual=wrong[1], date=m.value.iso(), anchor=""))
        return out

    def _unanchored(self, doc: Document, found: list[tuple[int, int, DateMention]]) -> list[Finding]:
        out: list[Finding] = []
        scope_spans: list[tuple[int, int]] | None = None
        quotes: list[tuple[int, int]] = []
        n_scope = n_quotes = next_scope = next_quote = 0
        # A message whose one placeholder is {match} (the usual one) takes no other arguments:
        # `finding` then skips building them, a good part of its cost per finding.
        plain = self.__pydantic_private__["_affixes"] is not None  # type: ignore[index]
        for s, e, m in found:
            if m.kind != "relative" and m.kind != "weekday":
                continue
            start = m.start
            if scope_spans is None:
                # The scope's spans and the quotations (what `scope.contains` and
                # `doc.in_region(_, "quote")` read), looked up once: the mentions come in order,
                # so each is swept alongside them, without a call and a bisection per mention.
                scope_spans = self.parsed_scope.memo_spans(doc)
                quotes = doc.quotes
                n_scope, n_quotes = len(scope_spans), len(quotes)
            while next_scope < n_scope and scope_spans[next_scope][1] <= start:
                next_scope += 1
            if next_scope == n_scope or scope_spans[next_scope][0] > start:
                continue  # out of scope
            while next_quote < n_quotes and quotes[next_quote][1] <= start:
                next_quote += 1
            if next_quote < n_quotes and quotes[next_quote][0] <= start:
                continue  # quoted
            # (present_day_today is only ever true of "today": the sentence is cut out for it alone.)
            if m.text.lower() == "today" and present_day_today(doc.prose[s:e], start - s, m.end - s):
                continue  # "nowadays", not a day the reader needs
            if plain:
                out.append(self.finding(doc, start, m.end))
            else:
                out.append(self.finding(doc, start, m.end, stated="", actual="", date="", anchor=""))
        return out

    def _after_anchor(self, doc: Document, found: list[tuple[int, int, DateMention]]) -> list[Finding]:
        anchor = doc.anchor_date
        assert anchor is not None  # `check` runs this check only in a document with a date
        out: list[Finding] = []
        for s, e, m in found:
            if m.value is None or m.kind != "explicit" or m.value.start <= anchor:
                continue
            if not self.parsed_scope.contains(doc, m.start):
                continue
            if doc.in_region(m.start, "quote") or _rx_plan().search(doc.prose, max(s, m.start - 40), m.start):
                continue
            if sentence_tense(doc.prose[s:e]) != "past":
                continue
            out.append(self.finding(doc, m.start, m.end, stated="", actual="", date=m.value.iso(), anchor=anchor.isoformat()))
        return out
