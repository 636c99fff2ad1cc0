"""The `density` kind: counts hits over a scope instead of reporting each one.

One hedge is a choice; three in a clause ("may possibly have apparently") or ten in a short
paragraph is a text that will not commit to anything. A density rule is a lexicon whose hits are
counted: its terms go through the run's shared scan like every other term list (no second pass
over the text), its exceptions and context conditions are the lexicon's, and a finding is made
when a clause, sentence, paragraph or document holds at least `min_hits` hits and, if
`max_per_100_words` is set, more hits per 100 words than that.

The rule names the terms it counts rather than the codes of other rules: a rule must give the
same answer whatever else is selected, and another rule's hits exist only when it runs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
TYPE_CHECKING = False  # typing itself is not imported: a run that lints a file imports this module

from ..text import LazyPattern
from .lexicon import LexiconRule, expand_terms
from .schema import Field, field_validator

if TYPE_CHECKING:
    from typing import ClassVar, Literal
    from ..documents import Document
    from ..engine import CheckContext
    from ..models import Finding

__all__ = ["DensityRule"]

Span = tuple[int, int]
_CLAUSE_BREAK = LazyPattern(  # compiled on first use: _CLAUSE_MARK settles most gaps
    r"[,;:()\"“”—–\n]|[.!?](?:\s|$)|\s(?:but|while|although|whereas|and|or)\s", re.IGNORECASE
)
# The first alternative of _CLAUSE_BREAK alone: a set of characters with no case, which the `re`
# module scans for at memory speed, where the whole expression is tried at every offset. Most
# gaps between hits hold one of them, which settles that a break is there.
_CLAUSE_MARK = LazyPattern(r"[,;:()\"“”—–\n]")


class DensityRule(LexiconRule):
    """Flags clauses, sentences, paragraphs or documents with too many hits of its terms."""

    kind: Literal["density"]  # type: ignore[assignment]
    exact_terms: list[str] = Field(
        default_factory=list, description="terms matched with their case as written ('may', not 'May')"
    )
    per: Literal["clause", "sentence", "paragraph", "document"] = "paragraph"
    min_hits: int = Field(default=2, ge=1, description="fewest hits in one scope unit that can be flagged")
    max_per_100_words: float | None = Field(
        default=None, gt=0, description="flag only when hits per 100 words exceed this (None: count only)"
    )
    min_words: int = Field(default=0, ge=0, description="units shorter than this are never flagged")
    max_gap_words: int | None = Field(
        default=None, ge=0,
        description="clause or sentence units: hits more than this many words apart are counted apart",
    )

    @field_validator("exact_terms")
    @classmethod
    def _expand_exact(cls, value: list[str]) -> list[str]:
        return expand_terms(value)

    placeholders: ClassVar[frozenset[str]] = frozenset({"match", "count", "words", "rate", "per"})
    match_fields: ClassVar[tuple[str, ...]] = (*LexiconRule.match_fields, "exact_terms")

    def term_lists(self) -> list[tuple[str, list[str], bool]]:
        lists = super().term_lists()
        if self.exact_terms:
            lists.append(("exact_terms", self.exact_terms, True))
        return lists

    def spans(self, doc: Document, ctx: CheckContext) -> list[Span]:
        found = super().spans(doc, ctx)
        found += ctx.hits(self.code, "exact_terms")
        return found

    def check(self, doc: Document, ctx: CheckContext) -> Iterable[Finding]:
        # The lexicon's matches never overlap (each starts at or after the end of the one
        # before): what `_no_overlaps` would keep of them is all of them. Not modified: shared.
        hits = self.matches(doc, ctx)
        if len(hits) < self.min_hits:
            return
        groups: Iterable[list[Span]]
        if self.per == "clause":
            groups = _clause_groups(doc.prose, hits, self.max_gap_words, self.min_hits)
        else:
            groups = self._groups(doc, hits)
            if self.max_gap_words is not None and self.per == "sentence":
                groups = _split_gaps(doc.prose, groups, self.max_gap_words)
        for group in groups:
            if len(group) < self.min_hits:
                continue
            words, rate = self._rate(doc, group)
            if words < self.min_words:
                continue
            if self.max_per_100_words is not None and rate <= self.max_per_100_words:
                continue
            end = group[-1][1] if self.per in ("clause", "sentence") else group[0][1]
            yield self.finding(doc, group[0][0], end, count=len(group), words=words, rate=f"{rate:.1f}", per=self.per)

    def _groups(self, doc: Document, hits: list[Span]) -> Iterator[list[Span]]:
        if self.per == "document":
            yield hits
            return
        if self.per == "clause":
            # A clause never spans a paragraph or a sentence end, so hits are split at clause marks
            # and sentence punctuation directly: no sentence segmentation is needed for stacking.
            yield from _split_clauses(doc.prose, hits)
            return
        unit = doc.paragraph_at if self.per == "paragraph" else doc.sentence_at
        groups: dict[Span, list[Span]] = {}
        for hit in hits:
            groups.setdefault(unit(hit[0]), []).append(hit)
        yield from groups.values()

    def _rate(self, doc: Document, group: list[Span]) -> tuple[int, float]:
        if self.max_per_100_words is None and not self.min_words:
            return 0, 0.0
        if self.per == "document":
            lo, hi = 0, len(doc.prose)
        elif self.per == "clause":
            lo, hi = group[0][0], group[-1][1]
        else:
            unit = doc.paragraph_at if self.per == "paragraph" else doc.sentence_at
            lo, hi = unit(group[0][0])
        words = count_words(doc.prose[lo:hi])
        return words, (100.0 * len(group) / words if words else 0.0)


# 1 for each ASCII character that is not white space to str.split, 0 for those that are.
_NOT_SPACE = bytes(0 if chr(b).isspace() else 1 for b in range(256))


def count_words(text: str) -> int:
    """`len(text.split())`, without making the list: for a long ASCII text (a whole article),
    a byte per character, 1 where it is not white space, read as one big integer; a word starts
    at each 1 byte after a 0 byte (or at the start), and those are counted with bit operations,
    all at C speed."""
    if len(text) < 256 or not text.isascii():  # short units: splitting costs less than the set-up
        return len(text.split())
    bits = int.from_bytes(text.encode("ascii").translate(_NOT_SPACE), "little")
    return (bits & ~(bits << 8)).bit_count()


def _no_overlaps(spans: Iterable[Span]) -> list[Span]:
    out: list[Span] = []
    for s, e in spans:
        if out and s < out[-1][1]:
            continue
        out.append((s, e))
    return out


def _clause_groups(text: str, hits: list[Span], max_gap: int | None, min_hits: int) -> list[list[Span]]:
    """What `_split_clauses`, then `_split_gaps` with `max_gap` (if not None) make of `hits`,
    without the groups of fewer than `min_hits`: one pass over neighbouring hits, a group ending
    where a clause break or more than `max_gap` words separate two."""
    groups: list[list[Span]] = []
    first = 0
    for i in range(1, len(hits)):
        pos, endpos = hits[i - 1][1], hits[i][0]
        if _has_clause_break(text, pos, endpos) or (max_gap is not None and len(text[pos:endpos].split()) > max_gap):
            if i - first >= min_hits:
                groups.append(hits[first:i])
            first = i
    if len(hits) - first >= min_hits:
        groups.append(hits[first:])
    return groups


def _split_clauses(text: str, group: list[Span]) -> Iterator[list[Span]]:
    cur = [group[0]]
    for prev, hit in zip(group, group[1:]):
        if _has_clause_break(text, prev[1], hit[0]):
            yield cur
            cur = []
        cur.append(hit)
    yield cur


def _has_clause_break(text: str, pos: int, endpos: int) -> bool:
    """Whether `_CLAUSE_BREAK` matches in text[pos:endpos] (see _CLAUSE_MARK)."""
    return _CLAUSE_MARK.search(text, pos, endpos) is not None or _CLAUSE_BREAK.search(text, pos, endpos) is not None


def _split_gaps(text: str, groups: Iterable[list[Span]], max_gap: int) -> Iterator[list[Span]]:
    """Each group cut where more than `max_gap` words separate two hits: "may" at the start of a
    long clause and "may" at its end are two hedges, not one stacked claim."""
    for group in groups:
        cur = [group[0]]
        for prev, hit in zip(group, group[1:]):
            if len(text[prev[1] : hit[0]].split()) > max_gap:
                yield cur
                cur = []
            cur.append(hit)
        yield cur

