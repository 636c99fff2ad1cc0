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
from collections.abc import Iterable
from typing import TYPE_CHECKING, ClassVar, Literal

from pydantic import Field

from ..text import compiled_on_demand
from ..text.dates import (
    DateMention,
    may_hold_weekday_or_relative,
    present_day_today,
    sentence_dates,
    sentence_tense,
    sentences_with_date_hints,
    weekday_mismatch,
)
from .base import DocumentRule

if TYPE_CHECKING:
    from ..documents import Document
    from ..engine import CheckContext
    from ..models import Finding

__all__ = ["DatesRule"]

# Only explicit dates later than the anchor are checked for a plan word before them.
_rx_plan = compiled_on_demand(
    r"\b(?:by|until|till|before|scheduled|planned|due|expected|deadline|set\s+for|as\s+of)\s+(?:\w+\s+){0,2}$", re.IGNORECASE
)


def mentions(doc: Document) -> list[tuple[int, int, DateMention]]:
    """(sentence start, sentence end, mention with absolute offsets) for the whole document, once.
    In a document without a date, sentences holding only explicit dates without a weekday are
    skipped: every check of this kind ignores those mentions there."""
    memo = doc.memo.get("dates.mentions")
    if memo is not None:
        return memo
    out: list[tuple[int, int, DateMention]] = []
    dl = doc.dateline
    anchored = doc.anchor_date is not None
    for s, e in sentences_with_date_hints(doc, years=anchored):
        if not anchored and not may_hold_weekday_or_relative(doc.prose[s:e]):
            continue  # only explicit dates without a weekday: no check here can use them
        for m in sentence_dates(doc, s, e):
            start = s + m.start
            if dl is not None and dl.start <= start < dl.end:
                continue
            out.append((s, e, DateMention(start, s + m.end, m.text, m.kind, m.value, m.weekday, m.year_explicit)))
    doc.memo["dates.mentions"] = out
    return out


class DatesRule(DocumentRule):
    """One of the single-document date checks, chosen by `check`."""

    kind: Literal["dates"]
    check_: Literal["weekday-mismatch", "unanchored-relative", "past-after-anchor"] = Field(
        alias="check", description="which date check this rule runs"
    )

    placeholders: ClassVar[frozenset[str]] = frozenset({"match", "stated", "actual", "date", "anchor"})

    def check(self, doc: Document, ctx: CheckContext) -> Iterable[Finding]:
        run = {"weekday-mismatch": self._weekday, "unanchored-relative": self._unanchored,
               "past-after-anchor": self._after_anchor}[self.check_]
        for s, e, m in mentions(doc):
            found = run(doc, s, e, m)
            if found is not None:
                yield found

    # Each check tests the mention's own fields before the scope: most mentions are of a kind
    # the check ignores, and the scope's spans are then never worked out for the document.
    def _weekday(self, doc: Document, s: int, e: int, m: DateMention) -> Finding | None:
        if m.weekday is None or m.value is None or not self.parsed_scope.contains(doc, m.start):
            return None
        wrong = weekday_mismatch(m)
        if not wrong:
            return None
        return self.finding(doc, m.start, m.end, stated=wrong[0], actual=wrong[1], date=m.value.iso(), anchor="")

    def _unanchored(self, doc: Document, s: int, e: int, m: DateMention) -> Finding | None:
        if doc.anchor_date is not None or m.kind not in ("relative", "weekday"):
            return None
        if not self.parsed_scope.contains(doc, m.start) or doc.in_region(m.start, "quote"):
            return None
        if present_day_today(doc.prose[s:e], m.start - s, m.end - s):
            return None  # "nowadays", not a day the reader needs
        return self.finding(doc, m.start, m.end, stated="", actual="", date="", anchor="")

    def _after_anchor(self, doc: Document, s: int, e: int, m: DateMention) -> Finding | None:
        anchor = doc.anchor_date
        if anchor is None or m.value is None or m.kind != "explicit" or m.value.start <= anchor:
            return None
        if not self.parsed_scope.contains(doc, m.start):
            return None
        if doc.in_region(m.start, "quote") or _rx_plan().search(doc.prose, max(s, m.start - 40), m.start):
            return None
        if sentence_tense(doc.prose[s:e]) != "past":
            return None
        return self.finding(doc, m.start, m.end, stated="", actual="", date=m.value.iso(), anchor=anchor.isoformat())
