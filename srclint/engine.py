"""The lint pipeline: discover -> read -> document pass -> corpus pass -> filters -> Report.

Pass 1 is a pure function of one document and the rule set (`check_document`), so it can run in
any order or in parallel. Pass 2 (`compare`) sees only the claims the corpus rules collected.
Filters then apply per-file ignores, severity overrides and inline suppressions, report unused
suppressions, and sort by (path, start, code), so the report never depends on input order.
"""

from __future__ import annotations

import hashlib
import os
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from time import perf_counter
from typing import Any

from . import serialize
from .cache import ClaimCache, ResultCache
from .config import Settings
from .discover import SourceFile, discover
from .documents import Document, line_col
from .errors import DocumentError, RuleRuntimeError
from .formats import document_from_bytes, from_text, read_bytes, read_document, source_hash
from .kinds import CorpusRule
from .matching import Hits
from .models import FileError, Finding, Related, Report, Severity
from .packs import RuleSet, code_digest, load_rules
from .select import Selection
from .suppress import Directive, apply_suppressions, find_directives

__all__ = ["CheckContext", "DocResult", "Linter", "Progress", "check_document", "default_jobs"]

MIN_FILES_PER_JOB = 16  # below this, starting workers costs more than it saves
RULE_TIMEOUT_LIMIT = 3  # a rule whose patterns time out this often is switched off for the run


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)

Progress = Callable[[int, int], None]
"""Called as progress(done, total) after each file is checked (the CLI draws a bar with it)."""


@dataclass(slots=True)
class CheckContext:
    """What a rule gets besides the document: the shared term-scan hits."""

    term_hits: Hits

    def hits(self, code: str, name: str) -> list[tuple[int, int]]:
        return self.term_hits.get((code, name), [])


@dataclass(slots=True)
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


def check_document(
    doc: Document, rules: RuleSet, timings: dict[str, float] | None = None, skip: frozenset[str] = frozenset()
) -> DocResult:
    """Pass 1 for one document. With `timings`, adds seconds spent per rule code (and phase).
    Rules in `skip` (switched off after using up their time budget) are not run."""
    result = DocResult(doc.path)
    clock = perf_counter if timings is not None else None
    t0 = clock() if clock else 0.0
    ctx = CheckContext(rules.scanner.scan(doc.lowered, doc.prose))
    if clock and timings is not None:
        timings["(segment+scan)"] = timings.get("(segment+scan)", 0.0) + clock() - t0
    for note in doc.notes:
        result.errors.append(FileError(doc.path, note, kind="parse"))
    for rule in rules.document_rules:
        if rule.code in skip:
            continue
        t0 = clock() if clock else 0.0
        try:
            result.findings.extend(rule.check(doc, ctx))
        except RuleRuntimeError as exc:
            result.errors.append(FileError(doc.path, f"{exc.code}: {exc.detail}", kind="rule", code=exc.code))
            if exc.timeout:
                result.timed_out.append(rule.code)
        except Exception as exc:  # a bug in a kind must not take the run down
            result.errors.append(FileError(doc.path, f"{rule.code}: internal error: {exc!r}", kind="rule", code=rule.code))
        if clock and timings is not None:
            timings[rule.code] = timings.get(rule.code, 0.0) + clock() - t0
    for corpus_rule in rules.corpus_rules:
        if corpus_rule.code in skip:
            continue
        t0 = clock() if clock else 0.0
        try:
            result.claims[corpus_rule.code] = corpus_rule.collect(doc, ctx)
        except RuleRuntimeError as exc:
            result.errors.append(FileError(doc.path, f"{exc.code}: {exc.detail}", kind="rule", code=exc.code))
            if exc.timeout:
                result.timed_out.append(corpus_rule.code)
        except Exception as exc:
            result.errors.append(
                FileError(doc.path, f"{corpus_rule.code}: internal error: {exc!r}", kind="rule", code=corpus_rule.code)
            )
        if clock and timings is not None:
            timings[corpus_rule.code] = timings.get(corpus_rule.code, 0.0) + clock() - t0
    result.findings = [_locate(doc, f) for f in result.findings]
    result.directives = find_directives(doc)
    result.line_starts = doc.line_starts
    result.source_hash = doc.source_hash
    return result


def cache_context(rules: RuleSet) -> str:
    """What a file's cached results depend on besides its bytes: the rules and srclint's code."""
    h = hashlib.blake2b(digest_size=16)
    h.update(rules.digest.encode())
    h.update(code_digest())
    return h.hexdigest()


def cache_text(value: object) -> str | None:
    """The cache's JSON for a value, or None when it holds a type the cache cannot rebuild (a
    corpus rule's own claim class that was never registered): then it is simply not cached."""
    try:
        return serialize.dumps(value)
    except TypeError:
        return None


def _locate(doc: Document, f: Finding) -> Finding:
    line, col = doc.line_col(f.start)
    end_line, end_col = doc.line_col(max(f.start, f.end))
    sent = doc.sentence_at(f.start)
    context = " ".join(doc.prose[sent[0] : sent[1]].split()) if sent[1] > sent[0] else ""
    return f.with_(
        line=line,
        column=col,
        end_line=end_line,
        end_column=end_col,
        fingerprint=f.fingerprint or _digest(f.code, _norm(f.match), context),  # the path joins in _fingerprinted
    )


def _norm(text: str) -> str:
    return " ".join(text.split()).lower()


def _digest(*parts: str) -> str:
    h = hashlib.blake2b(digest_size=8)
    for p in parts:
        h.update(p.encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.hexdigest()


class Linter:
    """A configured linter: rules chosen, settings fixed. Reuse it for many runs."""

    def __init__(
        self,
        rules: RuleSet | None = None,
        settings: Settings | None = None,
        selection: Selection | None = None,
        *,
        jobs: int = 1,
        timing: bool = False,
        cache: bool = False,
    ) -> None:
        self.settings = settings or Settings()
        self.use_cache = cache
        self.jobs = max(1, jobs)
        self.timings: dict[str, float] | None = {} if timing else None
        self._timeouts: dict[str, int] = {}
        self._disabled: set[str] = set()
        all_rules = rules if rules is not None else load_rules(*self.settings.rules, builtin=self.settings.builtin_rules)
        self.selection = selection or Selection(
            select=tuple(self.settings.select) if self.settings.select is not None else None,
            extend_select=tuple(self.settings.extend_select),
            ignore=tuple(self.settings.ignore),
            per_file_ignores={k: tuple(v) for k, v in self.settings.per_file_ignores.items()},
            severity={k: Severity.parse(v) for k, v in self.settings.severity.items()},
        )
        self.selection.validate(all_rules)
        self.all_rules = all_rules
        self.rules = self.selection.apply(all_rules)

    # -- entry points ----------------------------------------------------------------------
    def lint_paths(self, paths: Iterable[str], *, cwd: Path | None = None, progress: Progress | None = None) -> Report:
        files, extra, errors = self.plan(paths, cwd)
        report_paths = {f.display for f in files}
        results = self._check_files(files, errors, progress)
        if extra:
            results.extend(self._corpus_results(extra, errors, cwd))
        return self._finish(results, errors, report_paths)

    def plan(self, paths: Iterable[str], cwd: Path | None = None) -> tuple[list[SourceFile], list[SourceFile], list[FileError]]:
        """What a run over `paths` reads: the files to report on, the other files of the configured
        corpus (compared against, never reported), and the problems met finding them."""
        files, errors = discover(list(paths), self.settings, cwd)
        if not (self.settings.corpus and self.rules.corpus_rules):
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
        return self.lint_documents([from_text(text, path, format)])

    def lint_mapping(self, texts: Mapping[str, str]) -> Report:
        return self.lint_documents(from_text(t, p) for p, t in sorted(texts.items()))

    def corpus_paths(self, cwd: Path | None = None) -> list[str]:
        """The files the `corpus` setting names (what `srclint` with no paths lints)."""
        return self._corpus_paths(cwd)

    # -- internals -------------------------------------------------------------------------
    def _corpus_paths(self, cwd: Path | None) -> list[str]:
        import glob

        base = Path(self.settings.root or (cwd or Path.cwd()))
        out: list[str] = []
        for pattern in self.settings.corpus:
            out.extend(sorted(glob.glob(str(base / pattern), recursive=True)))
        return out

    def _read(self, source: SourceFile, errors: list[FileError]) -> Document | None:
        t0 = perf_counter()
        try:
            return read_document(source.path, max_bytes=self.settings.max_file_size, display=source.display)
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

    def _check_doc(self, doc: Document) -> DocResult:
        result = check_document(doc, self.rules, self.timings, frozenset(self._disabled))
        for code in result.timed_out:
            n = self._timeouts[code] = self._timeouts.get(code, 0) + 1
            if n >= RULE_TIMEOUT_LIMIT and code not in self._disabled:
                self._disabled.add(code)
                result.errors.append(
                    FileError(doc.path, f"{code}: switched off for the rest of the run after {n} timeouts", kind="rule", code=code)
                )
        return result

    def _check_files(self, files: list[SourceFile], errors: list[FileError], progress: Progress | None = None) -> list[DocResult]:
        """Pass 1 over files: cached results for unchanged files, the rest checked (in a process
        pool when it pays). Results come back in file order."""
        cache = self._result_cache()
        if cache is None:
            return self._run_pass1(files, errors, progress)
        t0 = perf_counter()
        context = cache_context(self.rules)
        cached: dict[str, DocResult] = {}
        misses: list[SourceFile] = []
        for source in files:
            hit = self._cached_result(cache, source, context)
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
        fresh = self._run_pass1(misses, errors, shifted)
        for result in fresh:
            if result.source_hash and not any(e.kind == "rule" for e in result.errors):
                if (text := cache_text(result)) is not None:
                    cache.put(result.path, result.source_hash, context, text)
        cache.close()
        by_path = {**cached, **{r.path: r for r in fresh}}
        return [by_path[f.display] for f in files if f.display in by_path]

    def _result_cache(self) -> ResultCache | None:
        if not self.use_cache:
            return None
        base = Path(self.settings.root or ".")
        return ResultCache(base / self.settings.cache_dir)

    def _cached_result(self, cache: ResultCache, source: SourceFile, context: str) -> DocResult | None:
        try:
            data = read_bytes(source.path, max_bytes=self.settings.max_file_size, display=source.display)
        except DocumentError:
            return None  # the normal path reports it
        text = cache.get(source.display, source_hash(data), context)
        if text is None:
            return None
        try:
            result = serialize.loads(text)
        except (ValueError, KeyError, TypeError, IndexError):
            return None  # a damaged entry: check the file again
        return result if isinstance(result, DocResult) and result.path == source.display else None

    def _run_pass1(self, files: list[SourceFile], errors: list[FileError], progress: Progress | None = None) -> list[DocResult]:
        results: list[DocResult] = []
        jobs = min(self.jobs, max(1, len(files) // MIN_FILES_PER_JOB))
        if jobs <= 1:
            outcomes: Iterable[tuple[DocResult | None, list[FileError]]] = map(self._check_one, files)
            for done, (result, errs) in enumerate(outcomes, 1):
                errors.extend(errs)
                if result is not None:
                    results.append(result)
                if progress is not None:
                    progress(done, len(files))
            return results
        from . import parallel

        for done, (result, errs, timings) in enumerate(parallel.check_files(self, files, jobs), 1):
            errors.extend(errs)
            if result is not None:
                results.append(result)
            if progress is not None:
                progress(done, len(files))
            if self.timings is not None:
                for k, v in timings.items():
                    self.timings[k] = self.timings.get(k, 0.0) + v
        return results

    def _corpus_results(self, files: list[SourceFile], errors: list[FileError], cwd: Path | None) -> list[DocResult]:
        """Claims of corpus files not named on the command line: only the corpus rules run on them,
        and the claims cache is asked by the file's bytes before anything is decoded or parsed.
        Problems in files nobody asked about are not reported."""
        corpus_rules = RuleSet(tuple(self.rules.corpus_rules), self.rules.packs)
        cache = None
        if self.use_cache:
            cache = ClaimCache(Path(self.settings.root or (cwd or Path.cwd())) / self.settings.cache_dir)
        context = cache_context(corpus_rules) if cache is not None else ""
        out: list[DocResult] = []
        for source in files:
            try:
                data = read_bytes(source.path, max_bytes=self.settings.max_file_size, display=source.display)
            except DocumentError:
                continue
            digest = source_hash(data)
            if cache is not None and (text := cache.get(source.display, digest, context)) is not None:
                try:
                    claims = serialize.loads(text)
                except (ValueError, KeyError, TypeError, IndexError):
                    claims = None  # a damaged entry: extract again
                if isinstance(claims, dict):
                    out.append(DocResult(source.display, claims=claims))
                    continue
            try:
                doc = document_from_bytes(data, source.path, source.display)
            except DocumentError:
                continue
            result = check_document(doc, corpus_rules)
            failed = bool(result.errors)
            result.errors.clear()
            out.append(result)
            if cache is not None and not failed and (text := cache_text(result.claims)) is not None:
                cache.put(source.display, digest, context, text)
        if cache is not None:
            cache.close()
        return out

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
        Dask cluster), by rule code; those rules are not compared again here."""
        by_path: dict[str, list[Finding]] = defaultdict(list)
        for r in results:
            by_path[r.path].extend(r.findings)
            errors.extend(r.errors)
        line_starts = {r.path: r.line_starts for r in results}
        done = corpus_findings or {}
        for rule in self.rules.corpus_rules if corpus else ():
            try:
                if rule.code in done:
                    found = done[rule.code]
                else:
                    found = rule.compare([c for r in sorted(results, key=lambda r: r.path) for c in r.claims.get(rule.code, [])])
                for f in found:
                    by_path[f.path].append(_place(f, line_starts))
            except Exception as exc:
                errors.append(FileError("<corpus>", f"{rule.code}: internal error: {exc!r}", kind="rule", code=rule.code))
        sup_rule = next((r for r in self.rules if r.kind == "suppression"), None)
        findings: list[Finding] = []
        suppressed: list[Finding] = []
        for r in results:
            if r.path not in report_paths:
                continue
            rel = self._relative(r.path) if self.selection.per_file_ignores else r.path
            relevant = _fingerprinted(self.selection.adjust(by_path.get(r.path, []), rel), self._root_relative(r.path))
            kept, hidden = apply_suppressions(relevant, r.directives)
            findings.extend(kept)
            suppressed.extend(hidden)
            if sup_rule is not None:
                findings.extend(self._unused(r, sup_rule))
        findings = _with_occurrences(sorted(findings, key=Finding.sort_key))
        return Report(
            findings=tuple(findings),
            errors=tuple(sorted(set(errors), key=lambda e: (e.path, e.message))),
            files=tuple(sorted(r.path for r in results if r.path in report_paths)),
            suppressed=tuple(sorted(suppressed, key=Finding.sort_key)),
            timings=dict(self.timings or {}),
        )

    def _relative(self, shown: str) -> str:
        """A reported path relative to the project root, for per-file-ignores globs."""
        p = Path(shown)
        if not p.is_absolute():
            p = Path.cwd() / p
        try:
            return p.resolve().relative_to(Path(self.settings.root).resolve()).as_posix()
        except (ValueError, OSError):
            return shown

    def _root_relative(self, shown: str) -> str:
        """The path fingerprints use: relative to the project root, so they do not depend on the
        working directory; string arithmetic only (no file-system call per file)."""
        if shown.startswith("<"):
            return shown
        try:
            return Path(os.path.relpath(os.path.abspath(shown), os.path.abspath(self.settings.root or "."))).as_posix()
        except ValueError:  # another drive (Windows)
            return shown

    def _unused(self, result: DocResult, rule: Any) -> Iterator[Finding]:
        active = [r.code for r in self.rules]
        for d in result.directives:
            if d.used:
                continue
            if d.codes and not any(c == "ALL" or code.startswith(c) for c in d.codes for code in active):
                continue  # about rules not run now; not evidence that it is stale
            line, col = line_col(result.line_starts, d.start)
            end_line, end_col = line_col(result.line_starts, d.end)
            codes = ", ".join(d.codes) or "all rules"
            yield Finding(
                code=rule.code,
                name=rule.name,
                severity=self.selection.severity.get(rule.code, rule.level),
                message=rule.message.format_map({"match": d.action, "codes": codes}),
                path=result.path,
                start=d.start,
                end=d.end,
                match=d.text,
                line=line,
                column=col,
                end_line=end_line,
                end_column=end_col,
                fingerprint=_digest(rule.code, self._root_relative(result.path), d.action, codes),
            )


def _fingerprinted(findings: list[Finding], relative_path: str) -> list[Finding]:
    """Final fingerprints of one file's findings: content (rule, matched text, sentence), the path
    relative to the project root (not the working directory), and an occurrence index that tells
    repeats of the same content apart. Counted before suppressions, so hiding one repeat does not
    renumber the others; no line numbers, so edits elsewhere in the file change nothing."""
    seen: dict[str, int] = {}
    out = []
    for f in sorted(findings, key=Finding.sort_key):
        content = f.fingerprint or _digest(f.code, _norm(f.match), _norm(f.message))
        n = seen.get(content, 0)
        seen[content] = n + 1
        out.append(f.with_(fingerprint=_digest(content, relative_path, str(n))))
    return out


def _place(f: Finding, line_starts: Mapping[str, list[int]]) -> Finding:
    """Line and column for a corpus finding and its related locations (they skip `_locate`)."""

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


def _with_occurrences(findings: list[Finding]) -> list[Finding]:
    """Make fingerprints unique within a file by numbering repeats of the same content."""
    seen: dict[tuple[str, str], int] = {}
    out = []
    for f in findings:
        key = (f.path, f.fingerprint)
        n = seen.get(key, 0)
        seen[key] = n + 1
        out.append(f if n == 0 else f.with_(fingerprint=_digest(f.fingerprint, str(n))))
    return out


serialize.register(DocResult)
