"""The `lexicon` kind: term lists and patterns, with exceptions and context conditions.

Terms of every lexicon rule are matched in the run's single shared scan (`srclint.matching`);
patterns run with the `regex` module under a timeout. A hit survives when it is in scope, is not
covered by one of the rule's `exceptions`, and passes the optional context conditions
(`preceded_by`, `not_preceded_by`, `followed_by`, `not_followed_by`: regular expressions tested
against the text right before or right after the hit).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from operator import itemgetter
TYPE_CHECKING = False  # typing itself is not imported: a run that lints a file imports this module

from ..models import make_finding
from ..patterns import (
    _WORD, CompiledPattern, ContextFilter, EitherFilter, compile_pattern, context_filter, has_ascii_folds, pattern_lead_word,
    pattern_prefilter,
)
from ..text.reported import REPORTING_CUES, VAGUE_SOURCES, Reported
from .base import DocumentRule
from .schema import Field, PrivateAttr, field_validator, model_validator

if TYPE_CHECKING:
    from typing import ClassVar, Literal
    from ..documents import Document
    from ..engine import CheckContext
    from ..models import Finding

__all__ = ["LexiconRule"]

_CONTEXT_WINDOW = 120
# A context condition: (its place in `_CONDITIONS` order, after the hit?, must match?, its filter
# or None, its pattern).
Condition = tuple[int, bool, bool, "ContextFilter | EitherFilter | None", CompiledPattern]
MAX_EXPANSION = 5000  # phrases one term may expand to


def expand_terms(terms: Iterable[str]) -> list[str]:
    """Terms with `{a|b|c}` groups written out, in order, without duplicates:
    "{is|was} {widely|often} regarded as" is four phrases. The shared scan matches them all at
    once, so a family of fixed phrases costs what one phrase costs. Raises ValueError on an
    unbalanced brace or a term that would expand to more than MAX_EXPANSION phrases."""
    out: dict[str, None] = {}
    for term in terms:
        if "{" not in term and "}" not in term:
            out[term] = None
            continue
        phrases = [""]
        rest = term
        while rest:
            open_ = rest.find("{")
            close = rest.find("}")
            if open_ == -1:
                if close != -1:
                    raise ValueError(f"term {term!r}: '}}' without '{{'")
                phrases = [p + rest for p in phrases]
                break
            if -1 < close < open_:
                raise ValueError(f"term {term!r}: '}}' without '{{'")
            close = rest.find("}", open_)
            if close == -1:
                raise ValueError(f"term {term!r}: '{{' without its '}}'")
            if "{" in rest[open_ + 1 : close]:
                raise ValueError(f"term {term!r}: '{{...}}' groups do not nest")
            choices = rest[open_ + 1 : close].split("|")
            phrases = [p + rest[:open_] + c for p in phrases for c in choices]
            if len(phrases) > MAX_EXPANSION:
                raise ValueError(f"term {term!r} expands to more than {MAX_EXPANSION} phrases")
            rest = rest[close + 1 :]
        for phrase in phrases:
            phrase = " ".join(phrase.split())  # an empty choice leaves no double space
            if not phrase:
                raise ValueError(f"term {term!r} expands to an empty phrase")
            out[phrase] = None
    return list(out)


class LexiconRule(DocumentRule):
    """Flags listed words and phrases (and pattern matches) in the selected scope."""

    kind: Literal["lexicon"]
    terms: list[str] = Field(default_factory=list, description="literal words or phrases, matched as whole words")
    patterns: list[str] = Field(default_factory=list, description="regular expressions (regex module syntax)")
    ignore_case: bool = True
    exceptions: list[str] = Field(
        default_factory=list, description="phrases that, when they cover a hit, cancel it ('claimed responsibility')"
    )
    preceded_by: str | None = Field(default=None, description="regex the text just before the hit must end with")
    not_preceded_by: str | None = None
    followed_by: str | None = Field(default=None, description="regex the text just after the hit must start with")
    not_followed_by: str | None = None
    skip_attributed: bool = Field(
        default=False,
        description="skip hits in a sentence credited to a named source ('the minister said the talks could fail')",
    )
    attribution_cues: list[str] = Field(
        default_factory=lambda: list(REPORTING_CUES), description="with skip_attributed: the reporting verbs"
    )
    vague_sources: list[str] = Field(
        default_factory=lambda: sorted(VAGUE_SOURCES),
        description="with skip_attributed: source nouns that name nobody, so their sentences stay in",
    )

    _patterns: list[CompiledPattern] = PrivateAttr(default_factory=list)
    # For each pattern, the expression that finds the places it can start (or None): see
    # `srclint.patterns.pattern_prefilter`.
    _prefilters: list[re.Pattern[str] | None] = PrivateAttr(default_factory=list)
    # For each pattern with a prefilter, the name of the shared scan's list of the word all its
    # matches open with (`srclint.patterns.pattern_lead_word`), or None.
    _leads: list[str | None] = PrivateAttr(default_factory=list)
    _reported: Reported | None = PrivateAttr(default=None)
    _context: dict[str, CompiledPattern] = PrivateAttr(default_factory=dict)
    # The context conditions, each with the filter that decides most hits without running its
    # pattern (`srclint.patterns.ContextFilter`), the cheapest filters first.
    _conditions: tuple[Condition, ...] = PrivateAttr(default=())
    # The conditions whose filter's words the shared scan looks for (`ContextFilter.scan_words`):
    # (the name of that term list, the condition's; the condition; the other conditions).
    _scanned: tuple[tuple[str, Condition, tuple[Condition, ...]], ...] = PrivateAttr(default=())
    _match_key: tuple[str, ...] = PrivateAttr(default=())

    # The fields that decide `matches`: rules equal in all of them (the three hedge-density
    # rules share their lists) find the same hits, so a document works them out once.
    match_fields: ClassVar[tuple[str, ...]] = (
        "kind", "terms", "patterns", "ignore_case", "exceptions", "preceded_by", "not_preceded_by", "followed_by",
        "not_followed_by", "scope", "skip_attributed", "attribution_cues", "vague_sources",
    )

    @field_validator("terms", "exceptions")
    @classmethod
    def _expand_terms(cls, value: list[str]) -> list[str]:
        return expand_terms(value)

    @field_validator("patterns")
    @classmethod
    def _compile_patterns(cls, value: list[str]) -> list[str]:
        for source in value:
            compile_pattern(source)
        return value

    @field_validator("preceded_by", "not_preceded_by", "followed_by", "not_followed_by")
    @classmethod
    def _compile_context(cls, value: str | None) -> str | None:
        if value is not None:
            compile_pattern(value)
        return value

    @model_validator(mode="after")
    def _has_something(self) -> LexiconRule:
        if not self.terms and not self.patterns:
            raise ValueError("a lexicon rule needs `terms` or `patterns`")
        return self

    def model_post_init(self, context: object, /) -> None:
        super().model_post_init(context)
        self._match_key = ("lexicon.matches", repr([getattr(self, name) for name in self.match_fields]))
        self._patterns = [compile_pattern(p, self.ignore_case) for p in self.patterns]
        self._prefilters = [pattern_prefilter(p, self.ignore_case) for p in self.patterns]
        self._leads = [
            f"lead of pattern {i}" if prefilter is not None and pattern_lead_word(p, self.ignore_case) else None
            for i, (p, prefilter) in enumerate(zip(self.patterns, self._prefilters))
        ]
        if self.skip_attributed:
            lists = (tuple(self.attribution_cues), frozenset(self.vague_sources))
            reported = _REPORTED.get(lists)
            if reported is None:
                reported = _REPORTED[lists] = Reported(*lists)
            self._reported = reported
        for name in ("preceded_by", "not_preceded_by"):
            if (src := getattr(self, name)) is not None:
                self._context[name] = compile_pattern(rf"(?:{src})\s*\Z", self.ignore_case)
        for name in ("followed_by", "not_followed_by"):
            if (src := getattr(self, name)) is not None:
                self._context[name] = compile_pattern(rf"\s*(?:{src})", self.ignore_case)
        conditions: list[Condition] = []
        for place, name in enumerate(_CONDITIONS):
            if name in self._context:
                after = name.endswith("followed_by")
                filter_ = context_filter(getattr(self, name), self.ignore_case, after)
                conditions.append((place, after, not name.startswith("not_"), filter_, self._context[name]))
        # The order filters are asked in changes no outcome (a hit is dropped when any filter
        # rules it out; the expressions left run in `_CONDITIONS` order), only the cost: a
        # condition the hit must meet first, as it rules out most hits ("many" is seldom followed
        # by a verb of saying), then the cheap filters before the costly ones.
        self._conditions = tuple(sorted(conditions, key=lambda c: (not c[2], c[3] is not None and c[3].costly)))
        self._scanned = tuple(
            (_CONDITIONS[c[0]], c, tuple(o for o in self._conditions if o is not c))
            for c in self._conditions
            if c[3] is not None and c[3].scan_words
        )

    def term_lists(self) -> list[tuple[str, list[str], bool]]:
        lists = [("terms", self.terms, not self.ignore_case)] if self.terms else []
        for source, lead in zip(self.patterns, self.__pydantic_private__["_leads"]):  # type: ignore[index]
            if lead is not None:
                lists.append((lead, [pattern_lead_word(source, self.ignore_case)], False))  # type: ignore[list-item]
        if self.exceptions:
            lists.append(("exceptions", self.exceptions, False))
        reported = self.__pydantic_private__["_reported"]  # type: ignore[index]
        if reported is not None and reported.scan_terms is not None:
            # The reporting cues: a sentence without one credits nothing to a source.
            lists.append(("cues", list(reported.scan_terms), False))
        for name, condition, _ in self.__pydantic_private__["_scanned"]:  # type: ignore[index]
            lists.append((name, list(condition[3].scan_words), False))  # type: ignore[union-attr]
        return lists

    def spans(self, doc: Document, ctx: CheckContext) -> list[tuple[int, int]]:
        """Raw hits before filtering, as a new list: shared-scan terms, then pattern matches."""
        found = list(ctx.term_hits.get((self.code, "terms"), ()))
        patterns = self.__pydantic_private__["_patterns"]  # type: ignore[index]
        if patterns:
            raw = self.parsed_scope.raw
            source = doc.text if raw else doc.prose
            prefilters = self.__pydantic_private__["_prefilters"]  # type: ignore[index]
            leads = self.__pydantic_private__["_leads"]  # type: ignore[index]
            for pattern, prefilter, lead in zip(patterns, prefilters, leads):
                lowered = None if prefilter is None or raw else _lowered_for_prefilters(doc)
                if lowered is None:
                    matches = pattern.finditer(source, code=self.code, path=doc.path)
                    found.extend(m.span() for m in matches if m.end() > m.start())
                    continue
                if lead is not None and lowered.isascii():
                    # The prefilter tried only where the shared scan found the word every match
                    # opens with, whole, instead of searched for through the text (a search for
                    # "it" goes through every character). In an ASCII lowered text \b and the
                    # scan's word boundaries agree, and the text has a non-word character where
                    # its lowered text has one (a space for white space, ' for a curly quote).
                    prematch = prefilter.match
                    starts = (s for s, _ in ctx.term_hits.get((self.code, lead), ()) if prematch(lowered, s))
                else:  # tried only where the prefilter says a match can start
                    starts = (m.start() for m in prefilter.finditer(lowered))
                matches = pattern.finditer_at(source, starts, code=self.code, path=doc.path)
                found.extend(m.span() for m in matches if m.end() > m.start())
        return found

    def matches(self, doc: Document, ctx: CheckContext) -> list[tuple[int, int]]:
        """Hits that survive scope, exceptions and context conditions, in order."""
        key = self.__pydantic_private__["_match_key"]  # type: ignore[index]
        memo = doc.memo
        found = memo.get(key)
        if found is None:
            found = memo[key] = self._matches(doc, ctx)
        return found  # type: ignore[no-any-return]

    def _matches(self, doc: Document, ctx: CheckContext) -> list[tuple[int, int]]:
        spans = self.spans(doc, ctx)
        if not spans:
            return spans
        # By start, the longest first: two stable sorts on C-level keys (by end, descending, then
        # by start) order them as a (start, -end) key function would, without a Python call per hit.
        if len(spans) > 1:
            spans.sort(key=itemgetter(1), reverse=True)
            spans.sort(key=itemgetter(0))
        private = self.__pydantic_private__
        code, path = self.code, doc.path
        # What `ctx.hits` answers, without a call (as for the scope and the lowered text below:
        # a rule with hits asks once per document).
        term_hits = ctx.term_hits
        exceptions = term_hits.get((code, "exceptions"), ())  # sorted by start, like the hits
        n_exceptions = len(exceptions)
        next_exception = 0
        reach = -1  # the furthest end of the exceptions that start at or before the current hit
        # The scope's spans (sorted, disjoint), swept alongside the hits, which come by start:
        # what `Scope.contains` answers for each hit, without a call and a look-up per hit.
        scope = private["_scope"]  # type: ignore[index]
        memo = doc.memo
        scope_spans: list[tuple[int, int]] | None = memo.get(scope._key)
        if scope_spans is None:
            scope.contains(doc, 0)  # works the spans out into the document's memo
            scope_spans = memo[scope._key]
        n_scope = len(scope_spans)
        next_scope = 0
        reported = private["_reported"]  # type: ignore[index]
        conditions = private["_conditions"]  # type: ignore[index]
        cue_hits = term_hits.get((code, "cues"), []) if reported is not None and reported.scan_terms is not None else None
        text = doc.prose
        lowered = None
        # For hits whose start is not inside a word: the conditions left once those the term scan
        # settles for this document are taken out (None: it settles none), and whether one of
        # those fails every hit.
        settled: tuple[Condition, ...] | None = None
        settled_fail = False
        settled_before = False  # whether a condition settled is one before the hit
        if conditions:
            lowered = memo.get("lexicon.lowered", _UNSET)
            if lowered is _UNSET:
                lowered = _lowered_for_filters(doc)
            scanned = private["_scanned"]  # type: ignore[index]
            if scanned and lowered is not None and text.isascii():
                # A document in which the scan found none of a condition's words (its filter's
                # `scan_words`) has no match of the condition: in ASCII text the scan's whole words
                # are those \b marks off. A window before a hit ends at the hit, where the
                # expression's text ends, so a word there could end inside a word the scan does
                # not see: hits that start inside a word (a pattern's) are asked as usual.
                for name, condition, others in scanned:
                    if (code, name) not in term_hits:
                        settled = others if settled is None else tuple(c for c in settled if c is not condition)
                        settled_fail = settled_fail or condition[2]
                        settled_before = settled_before or not condition[1]
        out: list[tuple[int, int]] = []
        last_end = -1
        for span in spans:
            start, end = span
            if start < last_end:
                continue  # a hit inside or across one already kept ("it is believed" / "is believed to")
            while next_scope < n_scope and scope_spans[next_scope][1] <= start:
                next_scope += 1
            if next_scope == n_scope or scope_spans[next_scope][0] > start:
                continue  # out of scope
            # Covered by an exception: one that starts at or before the hit and ends at or after
            # it. Hits come by start, so a sweep over the exceptions keeps the furthest end.
            while next_exception < n_exceptions and exceptions[next_exception][0] <= start:
                if exceptions[next_exception][1] > reach:
                    reach = exceptions[next_exception][1]
                next_exception += 1
            if end <= reach:
                continue
            checks = conditions
            if settled is not None and not (
                settled_before and start > 0 and lowered[start - 1] in _WORD and lowered[start] in _WORD  # type: ignore[index]
            ):
                if settled_fail:
                    continue
                checks = settled
            if checks:
                # The context conditions, in the loop (a call less per hit): first what the
                # filters decide without running an expression (most hits: see
                # `srclint.patterns.ContextFilter`), then the expressions left, in their order.
                lo = start - _CONTEXT_WINDOW if start > _CONTEXT_WINDOW else 0
                left = None
                failed = False
                for condition in checks:
                    filter_ = condition[3]
                    found = None if filter_ is None else filter_.decide(text, lowered, lo, end if condition[1] else start)
                    if found is None:
                        if left is None:
                            left = [condition]
                        else:
                            left.append(condition)
                    elif found is not condition[2]:
                        failed = True
                        break
                if failed:
                    continue
                if left is not None:
                    if len(left) > 1:
                        left.sort(key=itemgetter(0))
                    for _place, after, wanted, _filter, pattern in left:
                        if after:
                            found = pattern.match_at(text, end, code=code, path=path) is not None
                        else:
                            found = pattern.search(text, lo, start, code=code, path=path) is not None
                        if found is not wanted:
                            failed = True
                            break
                    if failed:
                        continue
            if reported is not None and reported.attributed(doc, start, cue_hits):
                continue  # the source's hedge, reported: not the writer's voice
            last_end = end
            out.append(span)
        return out

    def only_with_terms(self) -> str | None:
        # What `check` returns at once for: a plain rule without patterns finds only its terms.
        return "terms" if type(self) is LexiconRule and not self.patterns else None

    def check(self, doc: Document, ctx: CheckContext) -> Iterable[Finding]:
        # Most rules find no term at all in most documents: then there is nothing to sweep (a
        # rule with patterns or, as a density rule, more term lists goes the whole way).
        if (self.code, "terms") not in ctx.term_hits and type(self) is LexiconRule and not self.patterns:
            return ()
        # A list, not a generator: the engine takes every finding at once. What `matches` does,
        # without the call.
        private = self.__pydantic_private__
        key = private["_match_key"]  # type: ignore[index]
        memo = doc.memo
        found = memo.get(key)
        if found is None:
            found = memo[key] = self._matches(doc, ctx)
        if not found:
            return ()
        affixes = private["_affixes"]  # type: ignore[index]
        if affixes is None:
            finding = self.finding
            return [finding(doc, start, end) for start, end in found]
        # What `finding` makes of each hit for a message whose one placeholder is {match} (the
        # lexicon rules' messages), in one loop: lexicon rules make most of a run's findings.
        before, after = affixes
        code, name, level = self.code, self.name, private["_level"]  # type: ignore[index]
        text, path = doc.text, doc.path
        out = []
        for start, end in found:
            match = text[start:end]
            message = before + (" ".join(match.split()) or match) + after
            out.append(make_finding(code, name, level, message, path, start, end, match, (), None, 0, 0, 0, 0, "", None))
        return out


_CONDITIONS = ("followed_by", "not_followed_by", "preceded_by", "not_preceded_by")  # the order they are tested in
# Rules with the same cue and source lists share one Reported (it is never changed once built):
# built once, and pickled once in the compiled-pack cache (each holds an automaton of the cues).
_REPORTED: dict[tuple[tuple[str, ...], frozenset[str]], Reported] = {}
_UNSET = object()


def _lowered_for_filters(doc: Document) -> str | None:
    """The lowered text, for a `ContextFilter` to look for words in, or None if it must not."""
    memo = doc.memo
    if "lexicon.lowered" not in memo:
        memo["lexicon.lowered"] = None if has_ascii_folds(doc.prose) else doc.lowered
    return memo["lexicon.lowered"]  # type: ignore[no-any-return]


def _lowered_for_prefilters(doc: Document) -> str | None:
    """The lowered text, for a pattern prefilter to run over, or None if it must not: what
    `prefilter_text` gives, which is what `_lowered_for_filters` gives (both are None when the
    prose holds a character of `_FOLDS_TO_ASCII`), worked out and kept once for both."""
    return _lowered_for_filters(doc)
