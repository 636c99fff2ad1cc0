"""The lint pipeline: discover -> read -> document pass -> corpus pass -> filters -> Report.

Pass 1 is a pure function of one document and the rule set (`check_document`), so it can run in
any order or in parallel. Pass 2 (`compare`) sees only the claims the corpus rules collected.
Filters then apply per-file ignores, severity overrides and inline suppressions, report unused
suppressions, and sort by (path, start, code), so the report never depends on input order.

With the cache on, a run whose files are all unchanged never loads a rule pack: cached results
are keyed by the pack files' bytes and the selection (see `Linter.context`), the few facts about
the rules the filters need are cached beside them (`RuleFacts`), and the corpus pass is replayed
when no file's claims changed (`Linter._memoised_compare`). The rules load on the first file that
misses the cache. A run over the very files of the previous one, none of them touched since, under
the same configuration, gets that run's Report back whole (`Linter._replay_key`); when a few of
them changed, it starts from that Report and redoes only their part (`Linter._spliced`). Heavy
modules (documents, formats, kinds, packs) are imported where used.
"""

from __future__ import annotations

import os
import stat
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import field
from functools import cached_property
from itertools import compress, pairwise
from operator import attrgetter, itemgetter, ne
from time import perf_counter
TYPE_CHECKING = False  # typing itself is not imported: a run that lints a file imports this module

from . import LazyModule, pathstr, serialize
from .cache import ClaimCache, OutputFile, ReportFile, ResultCache, RunCache, SqliteCache, settled_signature
from .errors import DocumentError, RuleRuntimeError
from .models import FileError, Finding, Fix, Related, Report, Severity, make_finding
from .pack_cache import blake2b, code_digest
from .records import FACTORY, record
from .replay import RECORD_FORMAT, held_output, pack_context, replay_key, selection_fields
from .replay import digest as _digest
from .select import Selection
from .stored_report import (
    _APPLICABILITY,
    _BY_SEVERITY,
    _SEVERITY,
    _base_json,
    _BaseEdit,
    _finding_row,
    _index_json,
    decode_report,
    encode_report,
    spliced_report_pieces,
)
from .suppress import Directive, apply_suppressions, find_directives

if TYPE_CHECKING:
    from typing import Any
    import json
    from pathlib import Path

    from .config import Settings
    from .discover import SourceFile
    from .documents import Document
    from .matching import Hits
    from .packs import RuleSet
    from .replay import Planned
    from .reporters.blocks import BlockOutput

    # A stored report's entry (`ReportFile.lines`): its key, the report, the base, the report's bytes.
    _Held = tuple[str, str, str, memoryview | None]

if not TYPE_CHECKING:  # imported when a cache file is first read or written: a run without the cache never is
    json = LazyModule("json", globals())

__all__ = ["CheckContext", "DocResult", "Linter", "Progress", "RuleFacts", "check_document", "default_jobs"]

MIN_FILES_PER_JOB = 16  # below this, starting workers costs more than it saves
RULE_TIMEOUT_LIMIT = 3  # a rule whose patterns time out this often is switched off for the run
_SORT_KEY = attrgetter("path", "start", "code", "end", "message")  # `Finding.sort_key`, without a Python call per finding
_PATH = attrgetter("path")
_FINGERPRINT = attrgetter("fingerprint")
_FIRST = itemgetter(0)


_LAZY = {"document_from_bytes": "formats", "from_text": "formats", "read_bytes": "formats", "read_document": "formats", "source_hash": "formats"}


def __getattr__(name: str) -> Any:
    """The readers are imported on first use, not with the engine: a run over cached files needs
    none of the document machinery."""
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f"{__package__}.{_LAZY[name]}"), name)
    globals()[name] = value
    return value


def _reader(name: str) -> Any:
    """A reader by name, as this module sees it (lazily imported; replaceable in tests)."""
    return globals().get(name) or __getattr__(name)


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)

Progress = Callable[[int, int], None]
"""Called as progress(done, total) after each file is checked (the CLI draws a bar with it)."""


@record(frozen=False, slots=True)
class CheckContext:
    """What a rule gets besides the document: the shared term-scan hits."""

    term_hits: Hits

    def __init__(self, term_hits: Hits) -> None:
        self.term_hits = term_hits

    def hits(self, code: str, name: str) -> list[tuple[int, int]]:
        return self.term_hits.get((code, name), [])


@record(frozen=False, slots=True)
class DocResult:
    """Everything pass 1 learns from one document (picklable; no Document inside)."""

    path: str
    findings: list[Finding] = field(default_factory=list)
    claims: dict[str, list[Any]] = field(default_factory=dict)
    errors: list[FileError] = field(default_factory=list)
    directives: list[Directive] = field(default_factory=list)
    line_starts: list[int] = field(default_factory=list)
    timed_out: list[str] = field(default_factory=list)  # rule codes whose patterns ran out of time
    source_hash: str | None = None  # hash of the file's bytes (None for in-memory documents)
    claims_text: str | None = None  # claims read from the cache and not decoded yet (see `claims_of`)
    claims_digest: str | None = None  # digest of the claims' cache JSON: keys the corpus-pass memo
    final_for: str | None = None  # findings carry their final fingerprints for this root-relative path
    cache_entry: str | None = None  # what the results cache should store for this file (see `_finalize`)
    signature: str | None = None  # the file's metadata when read, for the cache's stats (`settled_signature`)
    line_starts_text: str | None = None  # line starts read from the cache and not parsed yet (see `starts_of`)

    def __init__(
        self, path: str, findings: list[Finding] = FACTORY, claims: dict[str, list[Any]] = FACTORY,
        errors: list[FileError] = FACTORY, directives: list[Directive] = FACTORY, line_starts: list[int] = FACTORY,
        timed_out: list[str] = FACTORY, source_hash: str | None = None, claims_text: str | None = None,
        claims_digest: str | None = None, final_for: str | None = None, cache_entry: str | None = None,
        signature: str | None = None, line_starts_text: str | None = None,
    ) -> None:  # fmt: skip
        factory = FACTORY
        self.path = path
        self.findings = [] if findings is factory else findings
        self.claims = {} if claims is factory else claims
        self.errors = [] if errors is factory else errors
        self.directives = [] if directives is factory else directives
        self.line_starts = [] if line_starts is factory else line_starts
        self.timed_out = [] if timed_out is factory else timed_out
        self.source_hash = source_hash
        self.claims_text = claims_text
        self.claims_digest = claims_digest
        self.final_for = final_for
        self.cache_entry = cache_entry
        self.signature = signature
        self.line_starts_text = line_starts_text


class StaleClaims(Exception):
    """Cached claims that do not decode: the file must be checked again."""


def claims_of(result: DocResult) -> dict[str, list[Any]]:
    """A result's claims, decoding cached ones on first use (a warm run whose corpus pass is
    replayed never decodes them). Raises StaleClaims when the cached text is damaged."""
    text = result.claims_text
    if text is not None:
        try:
            claims = serialize.loads(text)
        except Exception:
            raise StaleClaims(result.path) from None
        if not isinstance(claims, dict) or not all(isinstance(k, str) and isinstance(v, list) for k, v in claims.items()):
            raise StaleClaims(result.path)
        result.claims = claims
        result.claims_text = None
    return result.claims


@record(frozen=True, slots=True)
class RuleFacts:
    """What the filters and the corpus pass need to know about the configured rules, without the
    rules themselves: small enough to cache, so a fully cached run never loads a pack."""

    codes: tuple[str, ...]  # every rule that runs
    corpus: tuple[str, ...]  # the corpus rules among them, in rule order
    suppression: tuple[str, str, int, str] | None  # code, name, severity, message of the unused-suppression rule

    def __init__(self, codes: tuple[str, ...], corpus: tuple[str, ...], suppression: tuple[str, str, int, str] | None) -> None:
        object.__setattr__(self, "codes", codes)
        object.__setattr__(self, "corpus", corpus)
        object.__setattr__(self, "suppression", suppression)

    @classmethod
    def of(cls, rules: RuleSet) -> RuleFacts:
        sup = next((r for r in rules if r.kind == "suppression"), None)
        return cls(
            tuple(r.code for r in rules),
            tuple(r.code for r in rules.corpus_rules),
            None if sup is None else (sup.code, sup.name, int(sup.level), sup.message),
        )

    def to_json(self) -> str:
        return json.dumps([list(self.codes), list(self.corpus), self.suppression], ensure_ascii=True)

    @classmethod
    def from_json(cls, text: str) -> RuleFacts | None:
        """None for anything but what `to_json` writes."""
        try:
            codes, corpus, sup = json.loads(text)
            facts = cls(tuple(codes), tuple(corpus), None if sup is None else (sup[0], sup[1], int(sup[2]), sup[3]))
        except (ValueError, TypeError, IndexError, KeyError):
            return None
        if not all(isinstance(c, str) for c in (*facts.codes, *facts.corpus)) or not set(facts.corpus) <= set(facts.codes):
            return None
        if facts.suppression is not None and not (
            all(isinstance(v, str) for v in (facts.suppression[0], facts.suppression[1], facts.suppression[3]))
            and facts.suppression[2] in Severity._value2member_map_
        ):
            return None
        return facts


def check_document(
    doc: Document,
    rules: RuleSet,
    timings: dict[str, float] | None = None,
    skip: frozenset[str] = frozenset(),
    *,
    hash_source: bool = True,
    final_for: str | None = None,
    contents: list[str] | None = None,
) -> DocResult:
    """Pass 1 for one document. With `timings`, adds seconds spent per rule code (and phase).
    Rules in `skip` (switched off after using up their time budget) are not run. Without
    `hash_source` the result's `source_hash` stays None (only the cache needs it, and hashing
    every file's bytes is a measurable part of a run without it).

    With `final_for` (the document's root-relative path), the findings come back as
    `_fingerprinted` gives them for that path, sorted, each built once, and `result.final_for`
    says so; `contents` then receives each finding's content fingerprint, in the same order (what
    the results cache keeps to redo the final ones for another path)."""
    result = DocResult(doc.path)
    if timings is not None:
        # Sentences and quotations are worked out on first use, by whichever rule asks first;
        # when timing, they are worked out here, so that rule is not charged for everyone.
        t0 = perf_counter()
        _ = doc.sentences, doc.quotes
        timings["(segment)"] = timings.get("(segment)", 0.0) + perf_counter() - t0
        t0 = perf_counter()
    ctx = CheckContext(rules.scanner.scan(doc.lowered, doc.prose))
    if timings is not None:
        timings["(scan)"] = timings.get("(scan)", 0.0) + perf_counter() - t0
    for note in doc.notes:
        result.errors.append(FileError(doc.path, note, kind="parse"))
    findings: list[Finding] = []
    if timings is None and not skip:
        # The usual run: the loop bare (a few dozen rules, a thousand documents), failures
        # recorded by `_rule_failed` as in the timed loop below.
        extend = findings.extend
        term_hits = ctx.term_hits
        for rule, terms in _check_plan(rules):
            if terms is not None and terms not in term_hits:
                continue  # nothing to find here (`RuleBase.only_with_terms`): most word-list rules
            try:
                extend(rule.check(doc, ctx))
            except Exception as exc:  # a bug in a kind must not take the run down
                _rule_failed(result, doc.path, rule.code, exc)
        claims = result.claims
        for corpus_rule in rules.corpus_rules:
            try:
                claims[corpus_rule.code] = corpus_rule.collect(doc, ctx)
            except Exception as exc:
                _rule_failed(result, doc.path, corpus_rule.code, exc)
    else:
        for rule in rules.document_rules:
            if rule.code in skip:
                continue
            t0 = perf_counter()
            try:
                findings.extend(rule.check(doc, ctx))
            except Exception as exc:
                _rule_failed(result, doc.path, rule.code, exc)
            if timings is not None:
                timings[rule.code] = timings.get(rule.code, 0.0) + perf_counter() - t0
        for corpus_rule in rules.corpus_rules:
            if corpus_rule.code in skip:
                continue
            t0 = perf_counter()
            try:
                result.claims[corpus_rule.code] = corpus_rule.collect(doc, ctx)
            except Exception as exc:
                _rule_failed(result, doc.path, corpus_rule.code, exc)
            if timings is not None:
                timings[corpus_rule.code] = timings.get(corpus_rule.code, 0.0) + perf_counter() - t0
    result.findings = _locate_all(doc, findings, final_for, contents)
    result.final_for = final_for
    result.directives = find_directives(doc)
    result.line_starts = doc.line_starts
    if hash_source:
        result.source_hash = doc.source_hash
    return result


if TYPE_CHECKING:
    from .kinds.base import DocumentRule

    _CheckPlan = tuple[tuple[DocumentRule, tuple[str, str] | None], ...]
_plan_memo: tuple[RuleSet | None, _CheckPlan] = (None, ())


def _check_plan(rules: RuleSet) -> _CheckPlan:
    """(rule, the term-scan key that must have hits in a document for the rule to run there, or
    None) of each document rule, in order: asked of each rule once per rule set (kept for the
    last one asked about) rather than once per document."""
    global _plan_memo
    known, plan = _plan_memo
    if known is not rules:
        plan = tuple(
            (rule, None if (terms := rule.only_with_terms()) is None else (rule.code, terms))
            for rule in rules.document_rules
        )
        _plan_memo = (rules, plan)
    return plan


def _rule_failed(result: DocResult, path: str, code: str, exc: Exception) -> None:
    """Record a rule that raised on a document: its own failure (a timeout also noted, so the
    rule can be switched off), or an internal error."""
    if isinstance(exc, RuleRuntimeError):
        result.errors.append(FileError(path, f"{exc.code}: {exc.detail}", kind="rule", code=exc.code))
        if exc.timeout:
            result.timed_out.append(code)
    else:
        result.errors.append(FileError(path, f"{code}: internal error: {exc!r}", kind="rule", code=code))


def cache_context(rules: RuleSet) -> str:
    """What a file's cached results depend on besides its bytes, for rules built in memory: the
    rules and srclint's code (`Linter.context` uses the pack files instead when it can)."""
    h = blake2b(digest_size=16)
    h.update(RECORD_FORMAT.encode())
    h.update(rules.digest.encode())
    h.update(code_digest())
    return h.hexdigest()


def encode_result(
    result: DocResult,
    claims_text: str,
    relative: str | None = None,
    final: list[Finding] | None = None,
    contents: list[str] | None = None,
) -> str | None:
    """A result as one cache entry, four lines: plain JSON of everything but the line starts, the
    content fingerprints and the claims; the line starts (numbers and commas); the content
    fingerprints (or null); then the claims' cache JSON (none of them ever holds a raw newline).
    A warm run parses the first line and keeps the rest as text until it is needed: the line
    starts by corpus findings and unused suppressions, the content fingerprints by a run from
    another directory, the claims by the corpus pass when it has to run again.

    Findings are short rows (`_result_rows`), rebuilt without a call per value; the rare errors
    and suppression directives go through the tagged codec. With `final` (the findings
    fingerprinted for the root-relative path `relative`, in `_fingerprinted` order), a run from
    the same place reuses those fingerprints; `contents` are their content fingerprints in that
    order, for when `result.findings` are the final ones too (by default they are read off
    `result.findings`). None when something cannot be cached."""
    rest = None
    if result.errors or result.directives:
        rest = cache_text([result.errors, result.directives])
        if rest is None:
            return None
    try:
        content = None
        if final is not None:  # final fingerprints for `relative`, and each finding's own to redo them elsewhere
            content = contents
            if content is None:
                content = [f.fingerprint for f in sorted(result.findings, key=_SORT_KEY)]  # as `final` is ordered
        rows = _result_rows(result.findings if final is None else final, result.path)
        if rows is None:
            return None
        dumps = json.dumps
        head = dumps([result.path, result.source_hash, result.timed_out, rest, relative, *rows], ensure_ascii=True, separators=(",", ":"))
        starts = ",".join(map(str, result.line_starts))
        content_text = dumps(content, ensure_ascii=True, separators=(",", ":"))
    except (TypeError, ValueError, AttributeError):
        return None
    return f"{head}\n{starts}\n{content_text}\n{claims_text}"


def decode_result(text: str) -> tuple[DocResult, list[str] | None]:
    """The inverse of `encode_result`, with its claims and line starts left as text (`claims_of`,
    `starts_of`), and the findings' own fingerprints when the findings carry final ones (as
    text too, for `contents_of`). Raises on anything else."""
    head, starts, content_text, claims_text = text.split("\n", 3)  # ValueError: not four lines
    path, source, timed_out, rest, relative, rules, rows, extras = json.loads(head)
    errors, directives = ([], []) if rest is None else serialize.loads(rest)
    if not (
        isinstance(path, str)
        and (source is None or isinstance(source, str))
        and isinstance(timed_out, list) and all(isinstance(c, str) for c in timed_out)
        and isinstance(errors, list) and all(type(e) is FileError for e in errors)
        and isinstance(directives, list) and all(type(d) is Directive for d in directives)
        and (relative is None or isinstance(relative, str))
        and _int_list(starts)  # parsed when needed (`starts_of`): checked now
    ):  # fmt: skip
        raise TypeError("unexpected values in a cached result")
    final = content_text != "null"
    if final and relative is None:
        raise TypeError("unexpected values in a cached result")
    return DocResult(
        path, _findings_of_rows(path, rules, rows, extras), {}, errors, directives, [], timed_out, source,
        claims_text=claims_text, claims_digest=text_digest(claims_text), final_for=relative if final else None,
        line_starts_text=starts,
    ), [content_text] if final else None  # fmt: skip


def contents_of(held: list[str], n: int) -> list[str]:
    """The `n` content fingerprints `decode_result` gave (as text). Raises on a damaged entry."""
    content = json.loads(held[0])
    if not (isinstance(content, list) and len(content) == n and all(isinstance(c, str) for c in content)):
        raise TypeError("unexpected values in a cached result")
    return content


def _int_list(text: str) -> bool:
    """Whether `text` is numbers separated by commas (or nothing): then every piece of it is
    ASCII digits, which int() always reads. A few C string scans, not a parse."""
    return not text or (
        text.isascii() and text.replace(",", "").isdigit() and ",," not in text and text[0] != "," and text[-1] != ","
    )


def starts_of(result: DocResult) -> list[int]:
    """A result's line starts, reading cached ones on first use (checked when the entry was
    decoded, so this does not fail)."""
    text = result.line_starts_text
    if text is not None:
        result.line_starts = list(map(int, text.split(","))) if text else []
        result.line_starts_text = None
    return result.line_starts


def _result_rows(findings: list[Finding], path: str) -> list[Any] | None:
    """One file's findings in three parts: a table of its rules (code, name, severity); a row
    per finding of its rule's index in that table, message, offsets, matched text, lines,
    columns and fingerprint; and [index, related, fix, suppressed] for the few findings with
    any of those. The path is the result's (None when a finding is elsewhere: not cached). The
    rows leave out what a finding seldom has or shares with the others (a decoded entry is
    mostly strings: fewer of them parse faster)."""
    rules: dict[tuple[str, str, int], int] = {}
    rows = []
    extras = []
    for i, f in enumerate(findings):
        if f.path != path:
            return None
        key = (f.code, f.name, f.severity.value)
        rule = rules.get(key)
        if rule is None:
            rule = rules[key] = len(rules)
        rows.append([rule, f.message, f.start, f.end, f.match, f.line, f.column, f.end_line, f.end_column, f.fingerprint])
        if f.related or f.fix is not None or f.suppressed is not None:
            row = _finding_row(f)
            extras.append([i, row[8], row[9], f.suppressed])
    return [[list(r) for r in rules], rows, extras]


def _findings_of_rows(path: str, rules: list[Any], rows: list[Any], extras: list[Any]) -> list[Finding]:
    """The inverse of `_result_rows`. Raises on a row of another shape, an index outside its
    table, or an unknown severity or applicability (a damaged entry)."""
    table = [(code, name, _SEVERITY[level]) for code, name, level in rules]
    out: list[Finding] = []
    append = out.append
    for rule, message, start, end, match, line, column, end_line, end_column, fingerprint in rows:
        code, name, level = table[rule] if rule >= 0 else table[len(table)]  # no index from the end
        append(
            make_finding(code, name, level, message, path, start, end, match, (), None, line, column, end_line, end_column, fingerprint, None)
        )
    for i, related, fix, mark in extras:
        if not (type(i) is int and 0 <= i < len(out)):
            raise ValueError("unexpected values in a cached result")
        out[i] = out[i].with_(
            related=tuple([Related(*r) for r in related]) if related else (),
            fix=None if fix is None else Fix(fix[0], fix[1], fix[2], _APPLICABILITY[fix[3]]),
            suppressed=mark,
        )
    return out


def _repeatable(report: Report) -> bool:
    """Whether another run over the same files would give this Report: not when a file could
    not be read or a rule failed."""
    return not any(e.kind in {"io", "rule"} for e in report.errors)


def text_digest(text: str) -> str:
    return blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def cache_text(value: object) -> str | None:
    """The cache's JSON for a value, or None when it holds a type the cache cannot rebuild (a
    corpus rule's own claim class that was never registered): then it is simply not cached."""
    try:
        return serialize.dumps(value)
    except TypeError:
        return None


def _locate_all(
    doc: Document, findings: list[Finding], relative: str | None = None, contents: list[str] | None = None
) -> list[Finding]:
    """Line, column and content fingerprint of each of a document's findings: the rule, the
    matched text and the sentence it starts in, white space folded (the path joins in
    `_fingerprinted`); a fingerprint a rule set itself is kept.

    With `relative`, the final fingerprints for that root-relative path instead: the findings
    sorted and numbered as `_fingerprinted` does (sorting first gives the same order, since
    locating changes no field of the sort key), with each content fingerprint appended to
    `contents` when given.

    One pass with the line starts, sentences and prose looked up once, each sentence's folded
    text worked out once however many findings start in it, and each finding built in one step
    from its field values (not `with_`): every finding of a run comes through here. The sentence
    of the previous finding is tried before a bisection (findings come in text order, sorted or
    rule by rule), and the digests are `_digest` and `_norm` written out, without their calls."""
    if not findings:
        return []
    starts = doc.line_starts
    n_starts = len(starts)
    sentences = doc.sentences
    # The sentences' starts as plain ints (the document keeps them, and the rules have mostly
    # asked for them already): a bisection on them compares ints, not (start, end) tuples.
    sentence_starts = doc._sentence_starts
    prose = doc.prose
    # In ASCII prose without the rarer white space str.split() splits at (most documents: seen
    # once here, at memory speed), a sentence is already folded when it holds no double space
    # and no line break: two tests per sentence instead of `_folded`'s call and ten.
    simple = prose.isascii() and not _holds_rare_space(prose)
    contexts: dict[int, str] = {}
    out: list[Finding] = []
    append = out.append
    if relative is not None:
        findings = sorted(findings, key=_SORT_KEY)
        seen: dict[str, int] = {}
        path = "\0" + relative + "\0"  # `_digest(content, relative, str(n))`, in one piece
    lo = hi = -1  # the sentence [lo, hi) the last content fingerprint was worked out in
    context = ""
    for f in findings:
        start = f.start
        end = f.end
        if end < start:  # noqa: PLR1730 - `max(start, f.end)` without a call per finding
            end = start
        line = bisect_right(starts, start)
        # Most findings end on the line they start on: one comparison says so (the end's
        # bisection, for the others, starts at that line).
        end_line = line if line == n_starts or end < starts[line] else bisect_right(starts, end, line)
        fingerprint = f.fingerprint
        if not fingerprint:
            if not lo <= start < hi:  # `doc.sentence_index(start)`, inline
                i = bisect_right(sentence_starts, start) - 1
                if i >= 0 and start < sentences[i][1]:
                    lo, hi = sentences[i]
                    context = contexts.get(i)  # type: ignore[assignment]
                    if context is None:
                        context = prose[lo:hi]
                        if not simple or "  " in context or "\n" in context:
                            context = _folded(context)
                        contexts[i] = context
                else:
                    lo = hi = -1
                    context = ""
            fingerprint = blake2b(  # `_digest(f.code, _norm(f.match), context)` (one join: no copy of the context per piece added)
                "\0".join((f.code, " ".join(f.match.split()).lower(), context, "")).encode("utf-8", "surrogatepass"),
                digest_size=8,
            ).hexdigest()
        if relative is not None:
            if contents is not None:
                contents.append(fingerprint)
            n = seen.get(fingerprint, 0)
            seen[fingerprint] = n + 1
            fingerprint = blake2b((fingerprint + path + str(n) + "\0").encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()
        append(
            make_finding(
                f.code, f.name, f.severity, f.message, f.path, start, f.end, f.match, f.related, f.fix,
                line, start - starts[line - 1] + 1, end_line, end - starts[end_line - 1] + 1, fingerprint, f.suppressed,
            )
        )  # fmt: skip
    return out


def _folded(sentence: str) -> str:
    """`" ".join(sentence.split())` for a sentence (which starts and ends with a non-space).
    Most are ASCII with single spaces between words, already folded: substring tests for two
    spaces and for every other ASCII character str.split splits at (memory speed) say so
    several times faster than splitting and joining."""
    if (
        sentence.isascii() and "  " not in sentence and "\n" not in sentence and "\t" not in sentence
        and "\r" not in sentence and "\x0b" not in sentence and "\x0c" not in sentence and "\x1c" not in sentence
        and "\x1d" not in sentence and "\x1e" not in sentence and "\x1f" not in sentence
    ):  # fmt: skip
        return sentence
    return " ".join(sentence.split())


def _holds_rare_space(text: str) -> bool:
    """Whether `text` holds an ASCII character str.split() splits at other than a space and a
    line break (substring tests: each runs at memory speed)."""
    return (
        "\t" in text or "\r" in text or "\x0b" in text or "\x0c" in text
        or "\x1c" in text or "\x1d" in text or "\x1e" in text or "\x1f" in text
    )  # fmt: skip


def _norm(text: str) -> str:
    return " ".join(text.split()).lower()


class Linter:
    """A configured linter: rules chosen, settings fixed. Reuse it for many runs.

    The rules (`all_rules`, and `rules` after the selection) load on first use; with the cache on
    and the facts about them cached for this configuration, a run over unchanged files never
    needs them. Configuration errors (a selector that matches no rule) are raised here, when
    the linter is made, since facts are only ever cached for a configuration that passed."""

    def __init__(
        self,
        rules: RuleSet | None = None,
        settings: Settings | None = None,
        selection: Selection | None = None,
        *,
        jobs: int = 1,
        timing: bool = False,
        cache: bool = False,
        planned: Planned | None = None,
    ) -> None:
        """`planned` is what `srclint.replay.replayed_output` found for these very settings (see
        `lint_paths_rendered`): its context, worked out from the packs a moment ago under the
        cache's stored report's, is taken as this linter's."""
        if settings is None:
            from .config import Settings

            settings = Settings()
        self.settings = settings
        self.use_cache = cache
        self.jobs = max(1, jobs)
        self.timings: dict[str, float] | None = {} if timing else None
        self._timeouts: dict[str, int] = {}
        self._disabled: set[str] = set()
        self.selection = selection or Selection(**selection_fields(self.settings))
        self._facts: RuleFacts | None = None
        self._facts_cached = False  # whether the run cache already holds `_facts` for `context`
        self._facts_later = False  # the configuration is known to be valid: facts read on first use
        self._pack_context: str | None = None
        self._pack_key: str | None = None  # the packs' key, when worked out with the context (`pack_context`)
        if rules is not None:
            self._use_rules(rules)
            return
        if cache and planned is not None and planned.settings is settings and selection is None:
            # `replayed_output` plans only under the context of the stored report (so this one).
            self._pack_context = planned.context
            self._pack_key = planned.pack_key
            self._facts_later = True
        elif cache:
            self._pack_context = self._context_from_packs()
            if self._pack_context is not None:
                if ReportFile(self._cache_dir()).context() == self._pack_context:
                    # A run under this very configuration stored its report, so the configuration
                    # passed validation then; a replayed run needs neither the facts nor SQLite.
                    self._facts_later = True
                else:
                    self._facts = self._cached_facts(self._pack_context)
                    self._facts_cached = self._facts is not None
        if self._facts is None and not self._facts_later:
            from .packs import load_rules

            self._use_rules(load_rules(*self.settings.rules, builtin=self.settings.builtin_rules, key=self._pack_key))

    def reset_timeouts(self) -> None:
        """Give rules switched off after repeated timeouts another chance: a long-lived linter (as
        in watch mode) calls this before each run, so one bad run does not mute a rule for good."""
        self._timeouts.clear()
        self._disabled.clear()

    def _use_rules(self, all_rules: RuleSet) -> None:
        self.selection.validate(all_rules)
        self.__dict__["all_rules"] = all_rules
        self.__dict__["rules"] = self.selection.apply(all_rules)

    @cached_property
    def all_rules(self) -> RuleSet:
        """Every rule of the configured packs (loaded on first use)."""
        from .packs import load_rules

        rules = load_rules(*self.settings.rules, builtin=self.settings.builtin_rules, key=self._pack_key)
        self.selection.validate(rules)
        return rules

    @cached_property
    def rules(self) -> RuleSet:
        """The rules that run: `all_rules` after the selection."""
        return self.selection.apply(self.all_rules)

    @property
    def facts(self) -> RuleFacts:
        if self._facts is None and self._facts_later:
            self._facts_later = False
            self._facts = self._cached_facts(self.context)
            self._facts_cached = self._facts is not None
        if self._facts is None:
            self._facts = RuleFacts.of(self.rules)
        return self._facts

    @cached_property
    def context(self) -> str:
        """What every cached result depends on besides the file's bytes: srclint's code, the pack
        files' bytes and the selection (`_context_from_packs`), or the rules' own digest for rules
        that were built in memory."""
        if self._pack_context is not None:
            return self._pack_context
        if "rules" not in self.__dict__ and (packed := self._context_from_packs()) is not None:
            self._pack_context = packed
            return packed
        return cache_context(self.rules)

    def _context_from_packs(self) -> str | None:
        """A digest of the pack files (places and bytes), srclint's version and code, and every
        selection setting: computed without parsing a pack. None when a pack cannot be read."""
        sel = self.selection
        keys: list[str] = []
        context = pack_context(self.settings, sel.select, sel.extend_select, sel.ignore, sel.per_file_ignores, sel.severity, keys)
        self._pack_key = keys[0] if keys else None
        return context

    def _cache_dir(self, cwd: str | os.PathLike[str] | None = None) -> str:
        """The cache folder (`str(Path(root or cwd or ".") / cache_dir)`: no pathlib on a run's path)."""
        return pathstr.joined(os.fspath(self.settings.root or (cwd or ".")), self.settings.cache_dir)

    def _cached_facts(self, context: str) -> RuleFacts | None:
        cache = RunCache(self._cache_dir(), create=False)
        text = cache.get("<rules>", "", context)
        cache.close()
        return None if text is None else RuleFacts.from_json(text)

    # -- entry points ----------------------------------------------------------------------
    def lint_paths(self, paths: Iterable[str], *, cwd: Path | None = None, progress: Progress | None = None) -> Report:
        paths = list(paths)
        files, extra, errors = self.plan(paths, cwd)
        stats: list[os.stat_result] = []
        parts: list[Any] = []
        replay = self._replay_key(paths, files, extra, errors, cwd, stats, parts)
        report = self._lint_planned(paths, files, extra, errors, replay, cwd, progress, stats, parts)
        assert report is not None  # (None only when given an output to splice)
        return report

    def lint_paths_rendered(
        self, paths: Iterable[str], render: Callable[[Report], str], variant: str, *, cwd: Path | None = None,
        progress: Progress | None = None, raw: bool = False, planned: Planned | None = None, blocks: BlockOutput | None = None,
    ) -> tuple[str | bytes, Severity | None]:  # fmt: skip
        """`render(self.lint_paths(paths))` and the highest severity of the Report's findings (None
        when it has none). `render` must depend on nothing but the Report and `variant` (a name
        for the output format and its options, without a line break). A run that would replay its
        Report replays this text instead, kept beside the Report under the same key and the
        variant (`OutputFile`), so the Report is neither rebuilt nor formatted again.

        With raw=True a replayed text comes back as the bytes it is kept in (UTF-8, lone surrogates
        encoded with "surrogatepass"; see `OutputFile.get_entry`), for a caller that copies it to a
        byte stream, as does a text made by `render` that is kept (encoded once for both); one
        that is not kept comes back as it is, a str.

        `planned` is what `srclint.replay.replayed_output` found for the same settings and paths
        before it gave None (no output kept for them): its files, key and metadata are taken
        over when this linter would have worked out the same ones.

        `blocks` is the same output in a block per file (`srclint.reporters.blocks`), when the
        format is made of them: the output is then kept with where each block starts, and a
        run after a few files changed splices it (`_spliced_output`) instead of making the
        Report and the output again. A kept output is made by `blocks`, not `render`."""
        paths = list(paths)
        stats: list[os.stat_result] = []
        parts: list[Any] | None = []
        if planned is not None and self._takes_over(planned, paths, cwd):
            from .discover import SourceFile

            files = [SourceFile(display, path) for display, path in planned.files]
            extra: list[SourceFile] = []
            errors, replay, stats, parts = list(planned.errors), planned.key, planned.stats, planned.parts
        else:
            files, extra, errors = self.plan(paths, cwd)
            replay = self._replay_key(paths, files, extra, errors, cwd, stats, parts)
            if replay is not None and (held := held_output(self._cache_dir(), self.context, replay[0], variant, raw)) is not None:
                if progress is not None and files:
                    progress(len(files), len(files))
                return held
        output = None if blocks is None else _SplicedOutput(variant, blocks)
        report = self._lint_planned(paths, files, extra, errors, replay, cwd, progress, stats, parts, output)
        if report is None:  # the kept output, spliced
            assert output is not None and output.data is not None
            return (output.data if raw else output.data.decode(OutputFile.encoding, OutputFile.errors)), output.worst
        top = max(report.findings, key=_BY_SEVERITY).severity if report.findings else None
        if replay is not None and replay[1] and _repeatable(report):
            made = None if blocks is None else blocks.parts(report)
            if made is None:
                text = render(report)
                data, index = text.encode(OutputFile.encoding, OutputFile.errors), None
            else:
                from .reporters.blocks import indexed

                data, index = indexed(report, *made)
                text = None
            self._store_output(f"{replay[0]}:{variant}", top, index, data)
            if raw:  # encoded once, for the cache and for the caller (as a replayed output is)
                return data, top
            return (text if text is not None else data.decode(OutputFile.encoding, OutputFile.errors)), top
        return render(report), top

    def _store_output(self, key: str, top: Severity | None, index: list[Any] | None, data: bytes) -> None:
        """Keep an output (`OutputFile`) under its Report's key and variant: a line naming the highest
        severity of the findings, a line with where its blocks start (empty when it has none:
        `srclint.reporters.blocks`), then the output's bytes."""
        worst = b"\n" if top is None else top.name.encode() + b"\n"
        where = b"\n" if index is None else _index_json(index).encode() + b"\n"
        OutputFile(self._cache_dir()).put_bytes(self.context, key, worst, where, data)

    def _takes_over(self, planned: Planned, paths: list[str], cwd: Path | None) -> bool:
        """Whether `planned` holds what `plan` and `_replay_key` would give this run."""
        return (
            planned.settings is self.settings and planned.paths == paths and cwd is None and not self.settings.corpus
            and self.use_cache and self.timings is None and not self._disabled and planned.context == self.context
        )  # fmt: skip

    def _lint_planned(
        self, paths: list[str], files: list[SourceFile], extra: list[SourceFile], errors: list[FileError],
        replay: tuple[str, bool] | None, cwd: Path | None, progress: Progress | None, stats: list[os.stat_result] | None = None,
        parts: list[Any] | None = None, output: _SplicedOutput | None = None,
    ) -> Report | None:  # fmt: skip
        """The run, once planned. `stats` holds the metadata `_replay_key` took of each file, in
        order (files, then extra), when it took all of them, and `parts` the parts of its key.
        With `output` (`lint_paths_rendered`), a run that starts from the stored Report splices
        the output kept with it instead, when it can (`_spliced_output`): it then returns None,
        the output being in `output`."""
        held: list[_Held] = []  # the stored report's key and entry, when it is another run's (`_spliced`)
        if replay is not None and (report := self._replayed(replay[0], files, held)) is not None:
            if progress is not None and files:
                progress(len(files), len(files))
            return report
        done: dict[str, DocResult] = {}
        if held and parts and stats and not extra and replay is not None:
            plan = self._splice_plan(held[0], parts, files, stats, progress, done)
            if plan is not None:
                if output is not None and self._spliced_output(plan, held[0][0], replay, output):
                    return None
                spliced = self._spliced(plan)
                if spliced is not None:
                    if replay[1]:
                        self._store_report(replay[0], spliced, plan.base, plan.edit)
                    return spliced
        report_paths = {f.display for f in files}
        known = dict(zip([f.display for f in files], stats)) if replay is not None and stats else None
        results = self._check_files(files, errors, progress, known, done)
        if extra:
            results.extend(self._corpus_results(extra, errors, cwd))
        corpus = None
        if self.use_cache and self.facts.corpus:
            corpus = self._memoised_compare(results, files, extra, errors, cwd)
        report = self._finish(results, errors, report_paths, corpus_findings=corpus)
        if replay is not None and replay[1]:
            base = None if extra or not parts else _splice_base(parts, files, results, corpus, report)
            self._store_report(replay[0], report, base)
        return report

    # -- the run replay --------------------------------------------------------------------
    # A run over exactly the files of an earlier run, each with the same metadata, under the same
    # configuration, code and working directory, gives the same Report: with the cache on, that
    # Report is kept in the run cache and given back whole, before any per-file entry is read
    # (srclint.replay, which the command line also asks first, without making a Linter).

    def _replay_key(
        self, paths: list[str], files: list[SourceFile], extra: list[SourceFile], errors: list[FileError], cwd: Path | None,
        stats: list[os.stat_result] | None = None, parts: list[Any] | None = None,
    ) -> tuple[str, bool] | None:
        """The key of this run's Report in the run cache, and whether it may be stored
        (`srclint.replay.replay_key`). None when the run is not replayable: no cache, timings
        asked for (they are measured, not replayed), rules switched off by an earlier run of this
        linter, or a file gone. With `stats`, each file's metadata is appended to it, and with
        `parts` the parts of the key."""
        if not self.use_cache or self.timings is not None or self._disabled:
            return None
        pairs = [[(f.display, f.path) for f in group] for group in (files, extra)]
        return replay_key(self.context, self.settings, paths, pairs, errors, cwd, stats, parts)

    def _replayed(self, key: str, files: list[SourceFile], held: list[_Held] | None = None) -> Report | None:
        """The Report stored under `key`, or None (none stored, or a damaged entry). When the
        report stored under this context has another key, that key and the entry (`_Held`) are
        appended to `held`."""
        entry = ReportFile(self._cache_dir()).lines(self.context)
        if entry is None:
            return None
        if entry[0] != key:
            if held is not None:
                held.append(entry)
            return None
        text = entry[1]  # the report; then the facts `_spliced` needs
        try:
            report = decode_report(text)
        except Exception:
            return None
        shown = {f.display for f in files}
        if not all(p in shown for p in report.files):  # not this run's files after all
            return None
        return report

    def _store_report(self, key: str, report: Report, base: list[Any] | None = None, edit: _BaseEdit | None = None) -> None:
        """Keep the Report for the next run with the same key (one per cache folder), unless a
        file could not be read or a rule failed: such runs are not repeatable. `base` is what a
        run over the same files with a few of them changed needs to start from this Report
        (`_spliced`), kept on a line after it (`edit`: see `_base_json`)."""
        if not _repeatable(report):
            return
        text = encode_report(report)
        if text is None:
            return
        self._store_report_text(key, text, base, edit)

    def _store_report_text(
        self, key: str, text: str | list[str | memoryview], base: list[Any] | None, edit: _BaseEdit | None = None
    ) -> None:  # fmt: skip
        """Store a Report's JSON (`encode_report`; or its pieces, in order: text, or bytes of the
        stored entry, `ReportFile.put`) with its base."""
        parts = [text] if type(text) is str else list(text)
        if base is not None:
            try:
                parts += ["\n", _base_json(base, edit)]
            except (TypeError, ValueError):
                pass
        ReportFile(self._cache_dir()).put(self.context, key, *parts)

    def _splice_plan(
        self, held: _Held, parts: list[Any], files: list[SourceFile], stats: list[os.stat_result], progress: Progress | None,
        done: dict[str, DocResult],
    ) -> _SplicePlan | None:  # fmt: skip
        """What this run needs to make its Report from the stored one of an earlier run (`held`)
        over the same files under the same configuration, when only a few of them changed since
        (by their metadata). A file's findings, suppressed findings and problems depend on the
        file itself, the configuration and the corpus findings in it or pointing into it. So the
        changed files are checked (`_check_files`); when none of them changed its claims and no
        corpus finding is in or points into one of them, every other file's part of the Report
        is as it was, and only the changed files are filtered (`_finish`). Otherwise the corpus
        pass is replayed or run again (`_spliced_corpus`), and the files its findings, old and
        new, are in or point into are filtered too, with their cached results. Their part of the
        Report (`_SplicePlan.fresh`) then replaces theirs in the stored one (`_spliced`,
        `_spliced_output`). None when the run must be made in full (the changed files' results,
        when checked, are then left in `done`, not checked again).

        The stored base (`_splice_base`): the head digest and the file lines of the earlier run's
        key (`replay_key`), the lines joined, each file's claims digest, in file order, the files
        a corpus finding is in or points into, and how many files the stored Report lists, the
        files it does not list and the path and kind of each of its errors."""
        _, report_text, base_text, raw = held
        try:
            head, joined, digest_text, touched, *listed = json.loads(base_text)
            count, unlisted, problems = listed
            if not (
                type(count) is int and type(unlisted) is list and set(map(type, unlisted)) <= {str} and type(problems) is list
                and all(type(p) is list and len(p) == 2 and type(p[0]) is str and type(p[1]) is str for p in problems)
            ):  # fmt: skip
                return None
        except (ValueError, TypeError):
            return None
        new_head, new_lines = parts
        n = len(files)
        if not (
            head == new_head and type(joined) is str and type(digest_text) is str and len(digest_text) == _DIGEST * n
            and type(touched) is list and len(new_lines) == n + 2 and n
        ):  # fmt: skip
            return None
        # The key's lines are "\1" (a group starts), a line per file, ending with "\n", then "\1":
        # split at the line breaks, each file's line is a piece (its first with the "\1" before it),
        # unless a name holds a line break.
        lines, now = joined.split("\n"), "".join(new_lines).split("\n")
        if len(lines) != len(now) or len(now) != n + 1:
            return None
        changed = list(compress(range(n + 1), map(ne, lines, now)))
        if not changed or 4 * len(changed) > n or changed[-1] == n:
            return None
        for i in changed:  # the same file (names), with other metadata
            if lines[i].rpartition("\0")[0] != now[i].rpartition("\0")[0]:
                return None
        sources = [files[i] for i in changed]
        shown = {s.display for s in sources}
        if len(shown) != len(sources) or len({f.display for f in files}) != n:
            return None
        before = n - len(sources)
        shifted = None if progress is None else (lambda d, total: progress(before + d, n))
        errors: list[FileError] = []
        results = self._check_files(sources, errors, shifted, {s.display: stats[i] for s, i in zip(sources, changed)})
        done.update((r.path, r) for r in results)
        if errors or len(results) != len(sources) or any(r.errors or r.claims_digest is None for r in results):
            return None
        subset = shown
        was = {files[i].display: digest_text[_DIGEST * i : _DIGEST * (i + 1)] for i in changed}
        if any(r.claims_digest != was[r.path] for r in results) or not shown.isdisjoint(touched):
            positions = {f.display: i for i, f in enumerate(files)}
            digests = {f.display: d for i, f in enumerate(files) if (d := digest_text[_DIGEST * i : _DIGEST * (i + 1)]) != _NO_DIGEST}
            corpus = self._spliced_corpus(files, stats, results, digests, set(touched), positions)
            if corpus is None:
                return None
            found, digests, touched, others = corpus
            subset = {r.path for r in others} | shown
            fresh = self._finish([*results, *others], [], subset, corpus_findings=found)
            digest_text = _digests_text(files, digests)  # type: ignore[assignment]
            if digest_text is None:
                return None
        else:
            fresh = self._finish(results, [], shown, corpus=False)
        base = [new_head, "".join(new_lines), digest_text, touched, count, unlisted, problems]  # the Report's files and errors stay
        edit = None
        if '"' not in joined and "\\" not in joined and base_text.startswith(f'["{head}","'):
            start = len(head) + 5
            edit = _BaseEdit(base_text, start, base_text.index('"', start), {i: now[i] for i in changed}, len(now))
        return _SplicePlan(report_text, shown, subset, fresh, base, edit, raw)

    def _spliced(self, plan: _SplicePlan) -> Report | None:
        """The stored Report with the blocks of the files `plan` redid replaced by theirs (the
        Report is sorted by path first). None when it does not decode or does not fit."""
        try:
            old = decode_report(plan.report)
        except Exception:  # noqa: BLE001 - a damaged entry, whatever it raises: the run is made in full
            return None
        findings = list(old.findings)
        paths = list(map(_PATH, findings))
        subset, fresh = plan.subset, plan.fresh
        if any(e.path in plan.shown for e in old.errors) or not subset <= set(old.files) or paths != sorted(paths):
            return None
        for path in sorted(subset, reverse=True):  # from the last path back: the earlier slices stay where they are
            lo = bisect_left(paths, path)
            findings[lo : bisect_right(paths, path, lo)] = [f for f in fresh.findings if f.path == path]
        suppressed = sorted([f for f in old.suppressed if f.path not in subset] + list(fresh.suppressed), key=_SORT_KEY)
        return Report(
            findings=tuple(findings), errors=old.errors, files=old.files, suppressed=tuple(suppressed), timings=dict(self.timings or {})
        )

    def _spliced_output(self, plan: _SplicePlan, held_key: str, replay: tuple[str, bool], output: _SplicedOutput) -> bool:
        """`_spliced` for `lint_paths_rendered` with an output made of blocks, when the output of
        the stored Report (key `held_key`) is kept in the same variant: the redone files' blocks
        replace theirs in it, and the summary line is made anew from the counts per file kept
        with it (`spliced_bytes`, `path_counts`), so the stored Report is not decoded and no
        other file's block is made again. Only when the run may be stored is the stored Report
        spliced too, as columns of values (`_spliced_values`: no Finding is made for each of its
        findings), and stored as `_store_report` would store the spliced Report, with the
        output. Sets `output.data` and `output.worst`; False (and nothing set) when the kept
        output or Report does not fit."""
        from .reporters.blocks import make_index, path_counts, read_index, spliced_bytes, totals_of

        kept = OutputFile(self._cache_dir()).get_entry(self.context, f"{held_key}:{output.variant}")
        if kept is None:
            return False
        _, where, data = kept
        subset, fresh = plan.subset, plan.fresh
        count, unlisted, problems = plan.base[4:]  # what the stored Report's files and errors are (`_splice_base`)
        if any(path in plan.shown or kind in {"io", "rule"} for path, kind in problems) or not subset.isdisjoint(unlisted):
            return False  # the checks of `_spliced` and `_store_report`
        try:
            index = read_index(json.loads(where), len(data))
        except ValueError:
            return False
        if index is None:
            return False
        counts: dict[str, Sequence[int]] = {path: c for path, c in index[4].items() if path not in subset}
        counts.update(path_counts(fresh))
        totals = totals_of(counts, count)
        if totals.findings != totals.errors + totals.warnings + totals.infos:
            return False  # a severity beyond the three (as no rule gives): `top` below would not tell
        top = Severity.ERROR if totals.errors else Severity.WARNING if totals.warnings else Severity.INFO if totals.infos else None
        report = None
        if replay[1]:
            pieces = spliced_report_pieces(plan.report, fresh, subset, index[0], count, problems, index[4])
            if pieces is None:
                return False
            # The stretches kept are written from the stored bytes: not copied out of the text,
            # then encoded (two copies of most of the report, each some hundred page faults).
            raw = plan.raw
            report = [p if type(p) is str else raw[p[0] : p[1]] if raw is not None else plan.report[p[0] : p[1]] for p in pieces]
        by_path: dict[str, list[Finding]] = {path: [] for path in subset}
        for f in fresh.findings:
            by_path[f.path].append(f)
        blocks = output.blocks
        made = {path: blocks.block(fs) if fs else None for path, fs in by_path.items()}
        spliced, placed = spliced_bytes(data, index[:4], made, blocks.summary(totals))
        if report is not None:  # the output is kept only with its Report
            self._store_report_text(replay[0], report, plan.base, plan.edit)
            self._store_output(f"{replay[0]}:{output.variant}", top, make_index(*placed, counts), spliced)
        output.data, output.worst = spliced, top
        return True

    def _spliced_corpus(
        self, files: list[SourceFile], stats: list[os.stat_result], results: list[DocResult], digests: dict[str, str],
        touched: set[str], positions: dict[str, int],
    ) -> tuple[dict[str, list[Finding]], dict[str, str], list[str], list[DocResult]] | None:  # fmt: skip
        """For `_spliced`, when a changed file changed its claims or has a corpus finding in or
        pointing into it: the corpus findings (the memoised pass when it ran on these claims, as
        `_memoised_compare`, else the pass run on every file's cached claims, and memoised), every
        file's claims digest, the files a corpus finding is in or points into, and the cached
        results of those of them that did not change (besides `results`, the changed files').
        None when something is not cached as expected, or a corpus rule fails."""
        digests = {**digests, **{r.path: r.claims_digest for r in results}}  # type: ignore[misc]
        if set(digests) != set(positions):  # a file with no result, or a result of no file
            return None
        codes = self.facts.corpus
        keyed = "".join([f"{path}\0{digests[path]}\0" for path in sorted(digests)])  # as `_claims_key`
        key = blake2b(keyed.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
        context = self.context
        run_cache = RunCache(self._cache_dir())
        cache = ResultCache(self._cache_dir())
        try:
            memo = run_cache.get("<corpus>", key, context)
            found = None if memo is None else _decode_memo(memo, codes)
            cwd, root = self._here()
            shown = {r.path for r in results}
            if found is None:  # the pass again, on every file's claims: the others' from their cached results
                cache.preload(list(positions), context)
                claimed = list(results)
                for path, i in positions.items():
                    if path in shown:
                        continue
                    known = self._content_hash(cache, files[i], stats[i])
                    text = None if known is None else cache.get(path, known, context)
                    if text is None or text.count("\n") < 3:
                        return None
                    claims_text = text.split("\n", 3)[3]
                    claimed.append(DocResult(path, claims_text=claims_text, claims_digest=text_digest(claims_text)))
                problems: list[FileError] = []
                found, complete = self._compare(claimed, problems, codes)
                if not complete or problems or (key := self._claims_key(claimed)) is None:
                    return None
                digests = {r.path: r.claims_digest for r in claimed}  # type: ignore[misc]
                if (text := cache_text(found)) is not None:
                    run_cache.put("<corpus>", key, context, text)
            now = {p for fs in found.values() for f in fs for p in (f.path, *[r.path for r in f.related])}
            others = []
            for path in sorted((touched | now) - shown):
                i = positions.get(path)
                if i is None:
                    return None
                hit = self._cached_result(cache, files[i], context, self._root_relative(path, root, cwd), stats[i])
                if hit is None:
                    return None
                others.append(hit)
        finally:
            cache.close()
            run_cache.close()
        return found, digests, sorted(now), others

    def plan(self, paths: Iterable[str], cwd: Path | None = None) -> tuple[list[SourceFile], list[SourceFile], list[FileError]]:
        """What a run over `paths` reads: the files to report on, the other files of the configured
        corpus (compared against, never reported), and the problems met finding them."""
        from .discover import discover

        files, errors = discover(list(paths), self.settings, cwd)
        if not (self.settings.corpus and self.facts.corpus):
            return files, [], errors
        corpus_files, corpus_errors = discover(self._corpus_paths(cwd), self.settings, cwd)
        report_paths = {f.display for f in files}
        errors.extend(e for e in corpus_errors if e.path in report_paths)
        return files, sorted({*corpus_files} - {*files}), errors

    def iter_paths(self, paths: Iterable[str], *, cwd: Path | None = None) -> Iterator[Report]:
        """One Report per file, in path order, holding only that file's findings.

        Document rules only: cross-document (corpus) rules need every document at once, so they do
        not run here. Problems found while discovering files come first, in a Report with no files.
        """
        from .discover import discover
        from .kinds import CorpusRule
        from .packs import RuleSet

        files, errors = discover(list(paths), self.settings, cwd)
        if errors:
            yield Report(findings=(), errors=tuple(sorted(set(errors), key=lambda e: (e.path, e.message))))
        document_only = RuleSet(tuple(r for r in self.rules if not isinstance(r, CorpusRule)), self.rules.packs)
        for source in files:
            file_errors: list[FileError] = []
            doc = self._read(source, file_errors)
            results = [] if doc is None else [check_document(doc, document_only)]
            yield self._finish(results, file_errors, {source.display}, corpus=False)

    def lint_documents(self, docs: Iterable[Document]) -> Report:
        docs = list(docs)
        results = self._results(iter(docs))
        return self._finish(results, [], {d.path for d in docs})

    def lint_text(self, text: str, path: str = "<text>", format: str | None = None) -> Report:
        return self.lint_documents([_reader("from_text")(text, path, format)])

    def lint_mapping(self, texts: Mapping[str, str]) -> Report:
        from_text = _reader("from_text")
        return self.lint_documents(from_text(t, p) for p, t in sorted(texts.items()))

    def corpus_paths(self, cwd: Path | None = None) -> list[str]:
        """The files the `corpus` setting names (what `srclint` with no paths lints)."""
        return self._corpus_paths(cwd)

    # -- internals -------------------------------------------------------------------------
    def _corpus_paths(self, cwd: Path | None) -> list[str]:
        import glob
        from pathlib import Path

        base = Path(self.settings.root or (cwd or Path.cwd()))
        out: list[str] = []
        for pattern in self.settings.corpus:
            out.extend(sorted(glob.glob(str(base / pattern), recursive=True)))
        return out

    def _read(self, source: SourceFile, errors: list[FileError]) -> Document | None:
        t0 = perf_counter()
        try:
            return _reader("read_document")(source.path, max_bytes=self.settings.max_file_size, display=source.display)
        except DocumentError as exc:
            kind = "skipped" if exc.detail.endswith("skipped") else "io"
            errors.append(FileError(exc.path, exc.detail, kind=kind))
            return None
        finally:
            if self.timings is not None:
                self.timings["(read+parse)"] = self.timings.get("(read+parse)", 0.0) + perf_counter() - t0

    def _check_one(self, source: SourceFile) -> tuple[DocResult | None, list[FileError]]:
        errors: list[FileError] = []
        doc = self._read(source, errors)
        if doc is None:
            return None, errors
        return self._check_doc(doc), errors

    def _check_final(self, source: SourceFile, where: tuple[str, str] | None = None) -> tuple[DocResult | None, list[FileError]]:
        """Pass 1 of a local run, in this process or a worker: `_check_one` with the findings
        given their final fingerprints (the root-relative path depends on the working directory,
        so only local runs do this here), then `_finalize`. `where` is (working directory,
        absolute root) when the caller has them (`_here`); else they are looked up."""
        errors: list[FileError] = []
        st = None
        if self.use_cache:  # the metadata the cache remembers this file's hash under, taken before reading
            try:
                st = os.stat(source.path)
            except OSError:
                pass
        doc = self._read(source, errors)
        if doc is None:
            return None, errors
        cwd, root = where or self._here()
        relative = self._root_relative(source.display, root, cwd)
        contents: list[str] | None = [] if self.use_cache else None
        result = self._check_doc(doc, relative, contents)
        if st is not None:
            result.signature = settled_signature(st)
        return self._finalize(result, contents), errors

    def _here(self) -> tuple[str, str]:
        """The working directory and the absolute project root, for `_root_relative`. A worker
        process asks once per file: the absolute root is worked out again only when the working
        directory or the configured root differs from the last time."""
        cwd = os.getcwd()
        root = self.settings.root or "."
        known = self.__dict__.get("_here_memo")
        if known is None or known[0] != cwd or known[1] != root:
            known = self.__dict__["_here_memo"] = (cwd, root, os.path.abspath(root))
        return cwd, known[2]

    def _finalize(self, result: DocResult, contents: list[str] | None = None) -> DocResult:
        """Final fingerprints (unless the findings already carry them: `final_for`) and, when
        caching, the cache entry, worked out where the file was checked: in a worker process,
        this work runs in parallel instead of in the parent. Only for local runs: the
        root-relative path depends on the working directory."""
        if result.final_for is None:
            relative = self._root_relative(result.path, os.path.abspath(self.settings.root or "."))
            final = _fingerprinted(result.findings, relative)
            contents = None
        else:
            relative, final = result.final_for, result.findings
        if self.use_cache:
            claims_text = cache_text(result.claims)
            if claims_text is None:
                return result  # left as checked: nothing of it is cached
            result.claims_digest = text_digest(claims_text)
            if result.source_hash and not any(e.kind == "rule" for e in result.errors):
                result.cache_entry = encode_result(result, claims_text, relative, final, contents)
        result.findings, result.final_for = final, relative
        return result

    def _check_doc(self, doc: Document, final_for: str | None = None, contents: list[str] | None = None) -> DocResult:
        result = check_document(
            doc, self.rules, self.timings, frozenset(self._disabled),
            hash_source=self.use_cache, final_for=final_for, contents=contents,
        )  # fmt: skip
        for code in result.timed_out:
            n = self._timeouts[code] = self._timeouts.get(code, 0) + 1
            if n >= RULE_TIMEOUT_LIMIT and code not in self._disabled:
                self._disabled.add(code)
                result.errors.append(
                    FileError(doc.path, f"{code}: switched off for the rest of the run after {n} timeouts", kind="rule", code=code)
                )
        return result

    def _check_files(
        self, files: list[SourceFile], errors: list[FileError], progress: Progress | None = None,
        stats: Mapping[str, os.stat_result] | None = None, done: Mapping[str, DocResult] | None = None,
    ) -> list[DocResult]:  # fmt: skip
        """Pass 1 over files: cached results for unchanged files, the rest checked (in a process
        pool when it pays). Results come back in file order. `stats` holds the files' metadata
        by display path when it was taken already this run (`_replay_key`); `done` results
        already made this run, by display path (`_spliced`), taken as they are."""
        cache = self._result_cache()
        if cache is None:
            return self._run_pass1(files, errors, progress)
        t0 = perf_counter()
        context = self.context
        cached: dict[str, DocResult] = dict(done) if done else {}
        misses: list[SourceFile] = []
        cwd, root = self._here()
        cache.preload([f.display for f in files], context)  # two queries per 500 files, not two per file
        for source in files:
            if source.display in cached:
                continue
            if cache.lacks(source.display, context):
                # Nothing cached for this path: a miss whatever its bytes, so they are not read and
                # hashed here, one file after another; pass 1 reads them anyway, and the hash it
                # makes is remembered when the result comes in (`store`).
                misses.append(source)
                continue
            st = stats.get(source.display) if stats is not None else None
            hit = self._cached_result(cache, source, context, self._root_relative(source.display, root, cwd), st)
            if hit is None:
                misses.append(source)
            else:
                cached[source.display] = hit
        if self.timings is not None:
            self.timings["(cache)"] = self.timings.get("(cache)", 0.0) + perf_counter() - t0
        done_before = len(cached)
        if progress is not None and done_before:
            progress(done_before, len(files))
        shifted = None if progress is None else (lambda done, total: progress(done_before + done, len(files)))

        def store(result: DocResult) -> None:
            # Entries were encoded by `_finalize`, where each file was checked; they are stored as
            # the results come in, so with several jobs this runs while the workers check files.
            if result.cache_entry is not None and result.source_hash:
                cache.put(result.path, result.source_hash, context, result.cache_entry)
                result.cache_entry = None
            if result.signature is not None and result.source_hash:
                cache.remember_signed(result.path, result.signature, result.source_hash)
                result.signature = None

        fresh = self._run_pass1(misses, errors, shifted, store)
        cache.close()
        self._store_facts()
        by_path = {**cached, **{r.path: r for r in fresh}}
        return [by_path[f.display] for f in files if f.display in by_path]

    def _store_facts(self) -> None:
        """Remember the facts about the rules for this configuration (validated by now), so the
        next run over unchanged files need not load them."""
        if self._facts_cached or "rules" not in self.__dict__ or self.context != self._pack_context:
            return
        facts = self.facts  # when they were left for later (`_facts_later`), this reads the stored ones
        if self._facts_cached:  # ... and then there is nothing to write
            return
        cache = RunCache(self._cache_dir())
        cache.put("<rules>", "", self.context, facts.to_json())
        cache.close()
        self._facts_cached = True

    def _result_cache(self) -> ResultCache | None:
        if not self.use_cache:
            return None
        return ResultCache(self._cache_dir())

    def _cached_result(
        self, cache: ResultCache, source: SourceFile, context: str, relative: str, st: os.stat_result | None = None
    ) -> DocResult | None:
        digest = self._content_hash(cache, source, st)
        if digest is None:
            return None  # unreadable, too big, not a file: the normal path reports it
        text = cache.get(source.display, digest, context)
        if text is None:
            return None
        try:
            result, content = decode_result(text)
            if result.final_for is not None and result.final_for != relative:  # another root or directory
                assert content is not None
                fingerprints = contents_of(content, len(result.findings))
                result.findings = sorted((f.with_(fingerprint=fp) for f, fp in zip(result.findings, fingerprints)), key=_SORT_KEY)
                result.final_for = None
        except Exception:
            return None  # a damaged entry: check the file again
        return result if result.path == source.display else None

    def _content_hash(self, cache: SqliteCache, source: SourceFile, st: os.stat_result | None = None) -> str | None:
        """The hash of a file's bytes: remembered by the cache while the file's metadata is
        unchanged, else read and hashed (and remembered when that is safe). `st` is the file's
        metadata when it was taken already, before anything was read this run."""
        if st is None:
            try:
                st = os.stat(source.path)
            except OSError:
                return None
        if stat.S_ISREG(st.st_mode) and st.st_size <= self.settings.max_file_size:
            known = cache.known_hash(source.display, st)
            if known is not None:
                return known
        try:
            data = _reader("read_bytes")(source.path, max_bytes=self.settings.max_file_size, display=source.display)
        except DocumentError:
            return None
        digest: str = _reader("source_hash")(data)
        cache.remember_hash(source.display, st, digest)
        return digest

    def _run_pass1(
        self, files: list[SourceFile], errors: list[FileError], progress: Progress | None = None,
        store: Callable[[DocResult], None] | None = None,
    ) -> list[DocResult]:  # fmt: skip
        """Check files, in worker processes too when there are enough of them. Results come back
        in file order; `store` is called on each as it comes."""
        results: list[DocResult] = []
        if not files:
            return results
        _ = self.rules  # loaded once here, before any worker starts
        jobs = min(self.jobs, max(1, len(files) // MIN_FILES_PER_JOB))
        if jobs <= 1:
            where = self._here()
            outcomes: Iterable[tuple[DocResult | None, list[FileError]]] = (self._check_final(f, where) for f in files)
            for done, (result, errs) in enumerate(outcomes, 1):
                errors.extend(errs)
                if result is not None:
                    results.append(result)
                    if store is not None:
                        store(result)
                if progress is not None:
                    progress(done, len(files))
            return results
        from . import parallel

        for done, (result, errs, timings) in enumerate(parallel.check_files(self, files, jobs), 1):
            errors.extend(errs)
            if result is not None:
                results.append(result)
                if store is not None:
                    store(result)
            if progress is not None:
                progress(done, len(files))
            if self.timings is not None:
                for k, v in timings.items():
                    self.timings[k] = self.timings.get(k, 0.0) + v
        return results

    def _corpus_results(
        self, files: list[SourceFile], errors: list[FileError], cwd: Path | None, *, read_cache: bool = True
    ) -> list[DocResult]:
        """Claims of corpus files not named on the command line: only the corpus rules run on them,
        and the claims cache is asked by the file's bytes before anything is decoded or parsed.
        Cached claims stay text until the corpus pass needs them. Problems in files nobody asked
        about are not reported."""
        document_from_bytes, read_bytes, source_hash = map(_reader, ("document_from_bytes", "read_bytes", "source_hash"))
        cache = None
        if self.use_cache:
            cache = ClaimCache(self._cache_dir(cwd or os.getcwd()))
        context = _digest(self.context, "claims") if cache is not None else ""
        if cache is not None and read_cache:
            cache.preload([f.display for f in files], context)
        out: list[DocResult] = []
        corpus_rules = None
        for source in files:
            if cache is not None and read_cache:
                known = self._content_hash(cache, source)
                if known is not None and (text := cache.get(source.display, known, context)) is not None:
                    out.append(DocResult(source.display, claims_text=text, claims_digest=text_digest(text)))
                    continue
            try:
                data = read_bytes(source.path, max_bytes=self.settings.max_file_size, display=source.display)
            except DocumentError:
                continue
            digest = source_hash(data)
            try:
                doc = document_from_bytes(data, source.path, source.display)
            except DocumentError:
                continue
            if corpus_rules is None:
                from .packs import RuleSet

                corpus_rules = RuleSet(tuple(self.rules.corpus_rules), self.rules.packs)
            result = check_document(doc, corpus_rules)
            failed = bool(result.errors)
            result.errors.clear()
            out.append(result)
            if (text := cache_text(result.claims)) is not None:
                result.claims_digest = text_digest(text)
                if cache is not None and not failed:
                    cache.put(source.display, digest, context, text)
        if cache is not None:
            cache.close()
        return out

    def _memoised_compare(
        self, results: list[DocResult], files: list[SourceFile], extra: list[SourceFile], errors: list[FileError], cwd: Path | None
    ) -> dict[str, list[Finding]]:
        """The corpus pass, replayed from the run cache when it has already run on exactly these
        claims: its findings depend only on the corpus rules (part of the context) and on every
        file's claims in path order, so the memo is keyed by both. Otherwise the claims are
        decoded (files whose cached claims are damaged are checked again), compared, and the
        findings remembered for the next run."""
        key = self._claims_key(results)
        cache = RunCache(self._cache_dir())
        if key is not None and (text := cache.get("<corpus>", key, self.context)) is not None:
            memo = _decode_memo(text, self.facts.corpus)
            if memo is not None:
                cache.close()
                return memo
        for i, result in enumerate(results):
            try:
                claims_of(result)
            except StaleClaims:
                results[i] = self._recheck(result, files, extra, errors, cwd)
        found, complete = self._compare(results, errors, self.facts.corpus)
        if complete and key is not None and (key := self._claims_key(results)) is not None:
            if (text := cache_text(found)) is not None:
                cache.put("<corpus>", key, self.context, text)
        cache.close()
        return found

    def _recheck(
        self, result: DocResult, files: list[SourceFile], extra: list[SourceFile], errors: list[FileError], cwd: Path | None
    ) -> DocResult:
        """A file whose cached claims would not decode, checked again (and its cache entry replaced)."""
        source = next((f for f in extra if f.display == result.path), None)
        if source is not None:  # compared against, not reported: its claims are all it gives
            fresh = self._corpus_results([source], [], cwd, read_cache=False)
            return fresh[0] if fresh else DocResult(result.path)
        source = next((f for f in files if f.display == result.path), None)
        if source is None:
            return DocResult(result.path)
        checked, errs = self._check_final(source)  # with its fingerprints and cache entry
        errors.extend(errs)
        if checked is None:
            return DocResult(result.path)
        if checked.cache_entry is not None and checked.source_hash and (cache := self._result_cache()) is not None:
            cache.put(checked.path, checked.source_hash, self.context, checked.cache_entry)
            cache.close()
        checked.cache_entry = None
        return checked

    def _claims_key(self, results: list[DocResult]) -> str | None:
        """A digest of every file's path and claims, in path order; None when some claims cannot be
        written as cache JSON (then the corpus pass is not memoised)."""
        ordered = sorted(results, key=_PATH)
        for r in ordered:
            if r.claims_digest is None:
                if r.claims_text is None and (text := cache_text(r.claims)) is not None:
                    r.claims_digest = text_digest(text)
                else:
                    return None
        # Path, NUL, claims digest (hex), NUL for each file, hashed as one piece: the same bytes
        # as an update per file, encoded in one call.
        keyed = "".join([f"{r.path}\0{r.claims_digest}\0" for r in ordered])
        return blake2b(keyed.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()

    def _compare(
        self, results: list[DocResult], errors: list[FileError], codes: Iterable[str]
    ) -> tuple[dict[str, list[Finding]], bool]:
        """Pass 2: each corpus rule in `codes` over every file's claims, in path order. Returns the
        findings by rule code, and False when a rule failed (its error is in `errors`, and the
        findings it gave before failing are kept)."""
        found: dict[str, list[Finding]] = {}
        complete = True
        ordered = sorted(results, key=lambda r: r.path)
        for code in codes:
            out = found[code] = []
            try:
                rule = self.rules.get(code)
                out.extend(rule.compare([c for r in ordered for c in claims_of(r).get(code, [])]))  # type: ignore[union-attr]
            except Exception as exc:
                errors.append(FileError("<corpus>", f"{code}: internal error: {exc!r}", kind="rule", code=code))
                complete = False
        return found, complete

    def _results(self, docs: Iterator[Document | None]) -> list[DocResult]:
        return [self._check_doc(doc) for doc in docs if doc is not None]

    def _finish(
        self,
        results: list[DocResult],
        errors: list[FileError],
        report_paths: set[str],
        *,
        corpus: bool = True,
        corpus_findings: Mapping[str, Iterable[Finding]] | None = None,
    ) -> Report:
        """Pass 2 and the filters. `corpus_findings` holds pass-2 findings computed elsewhere (a
        Dask cluster, or the memo of an earlier run), by rule code; those rules are not compared
        again here."""
        by_path: dict[str, list[Finding]] = defaultdict(list)  # corpus findings
        for r in results:
            errors.extend(r.errors)
        line_starts = _LineStarts(results)
        done = corpus_findings or {}
        facts = self.facts
        todo = [code for code in facts.corpus if code not in done] if corpus else []
        if todo:
            found, _ = self._compare(results, errors, todo)
            done = {**found, **done}
        for code in facts.corpus if corpus else ():
            for f in done.get(code, ()):
                by_path[f.path].append(_place(f, line_starts))
        # Each file's findings, as a block: most come sorted (`_fingerprinted` order), the others
        # are sorted on their own, so the report is the blocks in path order, without a sort of
        # every finding (when two results share a path, everything is sorted as one).
        blocks: list[tuple[str, list[Finding]]] = []
        suppressed: list[Finding] = []
        root = os.path.abspath(self.settings.root or ".")
        selection = self.selection
        adjust = selection.adjust
        as_checked = not selection.per_file_ignores and not selection.severity  # adjust() changes nothing
        for r in results:
            if r.path not in report_paths:
                continue
            if as_checked and r.final_for is not None and not r.directives and r.path not in by_path:
                # Most files: findings with their final fingerprints, none to drop, add or hide.
                if r.findings:
                    blocks.append((r.path, r.findings))
                continue
            rel = self._relative(r.path) if selection.per_file_ignores else r.path
            relative = r.final_for or self._root_relative(r.path, root)  # final_for: worked out this run
            if r.final_for == relative:
                # Fingerprints are numbered per content, and content includes the rule code, so
                # the document findings' numbers (fixed when cached) do not depend on the corpus
                # findings, nor on per-file ignores, which drop whole codes.
                relevant = adjust(r.findings, rel)
                if r.path in by_path:  # most files have no corpus finding
                    relevant += _fingerprinted(adjust(by_path[r.path], rel), relative)
            else:
                relevant = _fingerprinted(adjust([*r.findings, *by_path.get(r.path, [])], rel), relative)
            kept, hidden = apply_suppressions(relevant, r.directives)
            suppressed.extend(hidden)
            if facts.suppression is not None and r.directives:
                kept = [*kept, *self._unused(r, facts, root)]
            if kept:
                blocks.append((r.path, sorted(kept, key=_SORT_KEY)))
        findings = _with_occurrences(_in_order(blocks))
        return Report(
            findings=tuple(findings),
            errors=tuple(sorted(set(errors), key=lambda e: (e.path, e.message))),
            files=tuple(sorted(r.path for r in results if r.path in report_paths)),
            suppressed=tuple(sorted(suppressed, key=_SORT_KEY)),
            timings=dict(self.timings or {}),
        )

    def _relative(self, shown: str) -> str:
        """A reported path relative to the project root, for per-file-ignores globs."""
        from pathlib import Path

        p = Path(shown)
        if not p.is_absolute():
            p = Path.cwd() / p
        try:
            return p.resolve().relative_to(Path(self.settings.root).resolve()).as_posix()
        except (ValueError, OSError):
            return shown

    def _root_relative(self, shown: str, root: str | None = None, cwd: str | None = None) -> str:
        """The path fingerprints use: relative to the project root, so they do not depend on the
        working directory; string arithmetic only (no file-system call per file, and with `cwd`,
        the working directory, none for the directory either)."""
        if shown.startswith("<"):
            return shown
        root = root or os.path.abspath(self.settings.root or ".")
        if cwd is not None and os.sep == "/":
            full = _joined(cwd, shown)  # posixpath.abspath, without its getcwd
        else:
            full = os.path.abspath(shown)
        if full.startswith(root) and full[len(root) : len(root) + 1] == os.sep:
            rel = full[len(root) + 1 :]  # what relpath gives for a path under the root, without its work
        else:
            try:
                rel = os.path.relpath(full, root)
            except ValueError:  # another drive (Windows)
                return shown
        return rel.replace(os.sep, "/") if os.sep != "/" else rel

    def _unused(self, result: DocResult, facts: RuleFacts, root: str | None = None) -> Iterator[Finding]:
        assert facts.suppression is not None
        code, name, level, message = facts.suppression
        active = facts.codes
        for d in result.directives:
            if d.used:
                continue
            if d.codes and not any(c == "ALL" or rule_code.startswith(c) for c in d.codes for rule_code in active):
                continue  # about rules not run now; not evidence that it is stale
            line, col = line_col(starts_of(result), d.start)
            end_line, end_col = line_col(starts_of(result), d.end)
            codes = ", ".join(d.codes) or "all rules"
            yield Finding(
                code=code,
                name=name,
                severity=self.selection.severity.get(code, Severity(level)),
                message=message.format_map({"match": d.action, "codes": codes}),
                path=result.path,
                start=d.start,
                end=d.end,
                match=d.text,
                line=line,
                column=col,
                end_line=end_line,
                end_column=end_col,
                fingerprint=_digest(code, self._root_relative(result.path, root), d.action, codes),
            )


def _splice_base(
    parts: list[Any], files: list[SourceFile], results: list[DocResult], corpus: Mapping[str, list[Finding]] | None, report: Report
) -> list[Any] | None:  # fmt: skip
    """What a later run over the same files needs to start from this run's Report when a few of
    them change (`Linter._splice_plan`): the head digest of the run's key, its file lines joined
    (one string, and the digests in one, parse faster than a list of a thousand), each file's
    claims digest, in file order (`_digests_text`), the files a corpus finding is in or points
    into, and, of the Report, how many files it lists, the files it does not list and the path
    and kind of each of its errors (what a run after an edit checks of it: `_spliced_output`
    then need not read it). None when a claims digest is unknown."""
    digests: dict[str, str] = {}
    for r in results:
        if r.claims_digest is None:
            return None
        digests[r.path] = r.claims_digest
    digest_text = _digests_text(files, digests)
    if digest_text is None:
        return None
    touched = {p for found in (corpus or {}).values() for f in found for p in (f.path, *[r.path for r in f.related])}
    unlisted = sorted({f.display for f in files}.difference(report.files))
    return [parts[0], "".join(parts[1]), digest_text, sorted(touched), len(report.files), unlisted, [[e.path, e.kind] for e in report.errors]]


_DIGEST = 32  # the length of a claims digest (`text_digest`)
_NO_DIGEST = "-" * _DIGEST  # in the place of a file with none (not read)


def _digests_text(files: list[SourceFile], digests: Mapping[str, str]) -> str | None:
    """Each file's claims digest, in file order, in one string (`_NO_DIGEST` for a file with
    none); None when a digest is of another length, or is of no file."""
    if not all(len(d) == _DIGEST for d in digests.values()) or not set(digests) <= {f.display for f in files}:
        return None
    return "".join([digests.get(f.display, _NO_DIGEST) for f in files])


class _SplicePlan:
    """What `Linter._splice_plan` worked out: the stored report (its JSON), the changed files,
    the files whose part of the Report is made again (those and the files corpus findings, old
    and new, are in or point into), that part (a Report of those files), and the base to store
    with the spliced Report (`_splice_base`)."""

    __slots__ = ("base", "edit", "fresh", "raw", "report", "shown", "subset")

    def __init__(
        self, report: str, shown: set[str], subset: set[str], fresh: Report, base: list[Any], edit: _BaseEdit | None = None,
        raw: memoryview | None = None,
    ) -> None:  # fmt: skip
        self.report, self.shown, self.subset, self.fresh, self.base = report, shown, subset, fresh, base
        self.edit = edit  # how the base's JSON differs from the stored one's (`_base_json`)
        self.raw = raw  # the stored report's bytes, a byte per character (`ReportFile.lines`), or None


class _SplicedOutput:
    """`Linter.lint_paths_rendered`'s output variant and its blocks (`BlockOutput`), and, once
    `Linter._spliced_output` has made it, the spliced output's bytes and highest severity."""

    __slots__ = ("blocks", "data", "variant", "worst")

    def __init__(self, variant: str, blocks: BlockOutput) -> None:
        self.variant, self.blocks = variant, blocks
        self.data: bytes | None = None
        self.worst: Severity | None = None


def _joined(cwd: str, shown: str) -> str:
    """`posixpath.normpath(posixpath.join(cwd, shown))`. An absolute folder and a relative path
    joined with a slash are already normal unless the result holds "//" or "/." or ends in "/"
    (all that normpath could fold); only then is normpath run. The string tests cost a fraction
    of normpath, and this runs once per file."""
    full = cwd + "/" + shown
    if cwd[:1] != "/" or shown[:1] == "/" or "//" in full or "/." in full or full[-1] == "/":
        return os.path.normpath(os.path.join(cwd, shown))
    return full


def line_col(starts: list[int], offset: int) -> tuple[int, int]:
    """1-based line and column of an offset given a document's line starts (the same arithmetic as
    `srclint.documents.line_col`, here so that the filters need not import the documents)."""
    line = bisect_right(starts, offset)
    return line, offset - starts[line - 1] + 1


def _decode_memo(text: str, codes: tuple[str, ...]) -> dict[str, list[Finding]] | None:
    """A memoised corpus pass, or None when the entry is damaged or not for these rules."""
    try:
        memo = serialize.loads(text)
    except Exception:
        return None
    if not isinstance(memo, dict) or set(memo) != set(codes):
        return None
    for found in memo.values():
        if not isinstance(found, list) or not all(type(f) is Finding and type(f.severity) is Severity for f in found):
            return None
        if not all(type(r) is Related for f in found for r in f.related):
            return None
    return memo


def _fingerprinted(findings: list[Finding], relative_path: str) -> list[Finding]:
    """Final fingerprints of one file's findings: content (rule, matched text, sentence), the path
    relative to the project root (not the working directory), and an occurrence index that tells
    repeats of the same content apart. Counted before suppressions, so hiding one repeat does not
    renumber the others; no line numbers, so edits elsewhere in the file change nothing."""
    seen: dict[str, int] = {}
    out = []
    path = "\0" + relative_path + "\0"  # `_digest(content, relative_path, str(n))`, in one piece
    for f in sorted(findings, key=_SORT_KEY):
        content = f.fingerprint or _digest(f.code, _norm(f.match), _norm(f.message))
        n = seen.get(content, 0)
        seen[content] = n + 1
        fingerprint = blake2b((content + path + str(n) + "\0").encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()
        out.append(
            make_finding(
                f.code, f.name, f.severity, f.message, f.path, f.start, f.end, f.match, f.related, f.fix,
                f.line, f.column, f.end_line, f.end_column, fingerprint, f.suppressed,
            )
        )  # fmt: skip
    return out


class _LineStarts:
    """The line starts of each result's path, parsed when first asked for (`starts_of`): only
    the files a corpus finding points into need theirs."""

    def __init__(self, results: list[DocResult]) -> None:
        self._results = {r.path: r for r in results}  # the last result of a path wins, as a dict of them would

    def get(self, path: str) -> list[int] | None:
        result = self._results.get(path)
        return None if result is None else starts_of(result)


def _place(f: Finding, line_starts: _LineStarts | Mapping[str, list[int]]) -> Finding:
    """Line and column for a corpus finding and its related locations (they skip `_locate_all`)."""

    def where(path: str, offset: int) -> tuple[int, int]:
        starts = line_starts.get(path)
        return line_col(starts, offset) if starts else (0, 0)

    def related(r: Related) -> Related:
        if r.line:
            return r
        (line, col), (end_line, end_col) = where(r.path, r.start), where(r.path, max(r.start, r.end))
        return Related(r.path, r.start, r.end, r.message, line, col, end_line, end_col)

    if not f.line:
        (line, col), (end_line, end_col) = where(f.path, f.start), where(f.path, max(f.start, f.end))
        f = f.with_(line=line, column=col, end_line=end_line, end_column=end_col)
    if any(not r.line for r in f.related):
        f = f.with_(related=tuple(related(r) for r in f.related))
    return f


def _in_order(blocks: list[tuple[str, list[Finding]]]) -> list[Finding]:
    """`sorted(findings of every block, key=_SORT_KEY)` for blocks each holding one path's
    findings, already sorted: the blocks in path order, when no two share a path."""
    paths = [path for path, _ in blocks]
    # A sorted block whose first and last findings are at its path has all of them there.
    if len(set(paths)) != len(paths) or not all(b[0].path == p == b[-1].path for p, b in blocks):
        return sorted([f for _, block in blocks for f in block], key=_SORT_KEY)
    if any(a > b for a, b in pairwise(paths)):  # usually already in path order (files are)
        blocks = sorted(blocks, key=_FIRST)
    findings: list[Finding] = []
    for _, block in blocks:
        findings += block
    return findings


def _with_occurrences(findings: list[Finding]) -> list[Finding]:
    """Make fingerprints unique within a file by numbering repeats of the same content."""
    # Final fingerprints already number repeats, so there are usually none left: say so with one
    # set built at C speed, instead of a dictionary update per finding. They include the path,
    # so they are unique across files too: a set of the fingerprints alone (no pair per finding)
    # tells, and only when it does not are the (path, fingerprint) pairs counted.
    if len(set(map(_FINGERPRINT, findings))) == len(findings):
        return findings
    keys = list(zip(map(_PATH, findings), map(_FINGERPRINT, findings)))
    if len(set(keys)) == len(keys):
        return findings
    seen: dict[tuple[str, str], int] = {}
    out = []
    for f in findings:
        key = (f.path, f.fingerprint)
        n = seen.get(key, 0)
        seen[key] = n + 1
        out.append(f if n == 0 else f.with_(fingerprint=_digest(f.fingerprint, str(n))))
    return out


serialize.register(DocResult)
