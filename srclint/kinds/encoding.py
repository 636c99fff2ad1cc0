"""The `encoding` and `encoding-corpus` kinds: damaged characters as lint findings with repairs.

The detection lives in `srclint.text.mojibake` (a pure function of a string); this module turns its
issues into findings. Each YAML rule selects the categories it reports with `detect: [...]`, so the
split into codes is data, and the text is scanned once per document however many ENC rules run (the
scan is memoised per Document object).

Lossy mojibake ("BolÃvar") is the one category whose repair improves with more text: the word may be
spelled correctly in another article of the same corpus. The `encoding-corpus` kind collects the
candidates and each document's accented words in pass 1 and picks the repair in pass 2, pointing at
the other document as evidence; without corpus evidence it keeps the document's own evidence or the
wordfreq ranking the scanner found.

Markdown: a single-level entity ("&rsquo;") is valid CommonMark and renders correctly, so only entities
escaped twice or more ("&amp;rsquo;", shown literally) are residue there; entities are looked for in the
masked prose, so code spans, HTML and link targets are never searched.
"""

from __future__ import annotations

try:  # only blake2b is used: CPython's hashlib.blake2b, without hashlib loading OpenSSL (a few ms of start-up)
    import _blake2 as hashlib
except ImportError:  # pragma: no cover - another implementation
    import hashlib  # type: ignore[no-redef]
from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from functools import lru_cache
from types import ModuleType
TYPE_CHECKING = False  # typing itself is not imported: a run that lints a file imports this module

from ..models import Applicability, Finding, Fix, Related
from ..records import record
from ..text import LazyPattern
from ..text.invisible import entity_levels, find_entities
from ..text.issue import EncodingIssue
from ..text.lossy import fits
from .base import ClaimId, DocumentRule, KeyedCorpusRule, Link, RuleBase
from .schema import Field, field_validator

if TYPE_CHECKING:
    from typing import ClassVar, Literal
    from ..documents import Document
    from ..engine import CheckContext

__all__ = ["CATEGORIES", "EncodingCorpusRule", "EncodingRule", "document_issues"]

CATEGORIES: tuple[str, ...] = (
    "mojibake", "lossy-mojibake", "replacement-char", "c1-control", "html-entity", "invisible-char",
    "invalid-byte", "legacy-encoding",
)
if TYPE_CHECKING:  # the same, for type checkers; at run time `Category` is made on first use (`__getattr__`)
    Category = Literal[
        "mojibake", "lossy-mojibake", "replacement-char", "c1-control", "html-entity", "invisible-char",
        "invalid-byte", "legacy-encoding",
    ]


def __getattr__(name: str) -> object:
    """`Category`, the Literal of `CATEGORIES`, made when first asked for (by a pack's validation,
    `srclint.kinds.schema`): typing is not imported by a run whose rules come from the cache."""
    if name == "Category":
        from typing import Literal

        value = globals()[name] = Literal[CATEGORIES]
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


LEGACY_NAMES = {"windows-1252": "Windows-1252", "latin-1": "Latin-1 (ISO-8859-1)"}
_LETTER = LazyPattern(r"[^\W\d_]")
_LETTERS = LazyPattern(r"[^\W\d_]*")
_NON_ASCII = LazyPattern(r"[^\x00-\x7f]+")
_ISSUES = "encoding.issues"  # doc.memo key: the document's encoding issues (`document_issues`)
_VOCABULARY = "encoding.vocabulary"  # doc.memo key: the _Vocabulary the scan used, for the corpus rule


class _Vocabulary:
    """Accented words of one text, counted case-insensitively, built on the first lookup only.
    `runs` are the text's runs of non-ASCII characters (`mojibake.non_ascii_runs`), which the
    encoding scan has found already; None: look for them here."""

    def __init__(self, text: str, runs: list[tuple[int, str]] | None = None) -> None:
        self._text = text
        self._runs = runs
        self._counts: Counter[str] | None = None
        self.first: dict[str, int] = {}

    def _build(self) -> Counter[str]:
        # Only words holding a non-ASCII letter count, so start from the non-ASCII characters
        # (few, even in accented text) and widen each to its word, instead of visiting every word.
        counts: Counter[str] = Counter()
        text = self._text
        if text.isascii():
            return counts
        runs = self._runs
        if runs is None:
            runs = [(m.start(), m.group()) for m in _NON_ASCII.finditer(text)]
        letter, letters = _LETTER.match, _LETTERS.match
        first = self.first
        done = 0
        for at, run in runs:
            # Most runs are one punctuation mark (a dash, a curly quote): a letter is alphanumeric,
            # so one string method settles those without the pattern.
            if len(run) == 1 and not run.isalnum():
                continue
            for i in range(at, at + len(run)):
                if i < done or not letter(text, i):
                    continue
                start = i
                while start > done and letter(text, start - 1):
                    start -= 1
                end = letters(text, i + 1).end()  # type: ignore[union-attr]  # it matches, if only ""
                done = end
                key = text[start:end].lower()
                counts[key] += 1
                if key not in first:
                    first[key] = start
        return counts

    def __call__(self, word: str) -> int:
        if self._counts is None:
            self._counts = self._build()
        return self._counts.get(word.lower(), 0)

    def words(self) -> dict[str, int]:
        """Each accented word (lower case) and the offset of its first occurrence."""
        self("")
        return self.first


def _scan(doc: Document) -> list[EncodingIssue]:
    text = doc.text
    if (text.isascii() and "&" not in text and doc.legacy_encoding is None
            and (doc.format != "markdown" or "&" not in doc.prose)):
        # Most articles: every category but entities needs a non-ASCII character (entities need
        # "&"), and a file read in a legacy encoding holds some, so there is nothing to find.
        return []
    mojibake = _mojibake()
    runs = None if text.isascii() else mojibake.non_ascii_runs(text)
    vocabulary = doc.memo[_VOCABULARY] = _Vocabulary(doc.text, runs)
    issues = mojibake.scan(doc.text, vocabulary, runs)
    if doc.format == "markdown" and "&" in doc.prose:
        issues = [i for i in issues if i.category != "html-entity"]
        covered = [(i.start, i.end) for i in issues]
        issues += [i for i in find_entities(doc.prose, covered) if entity_levels(doc.text[i.start : i.end]) > 1]
    legacy = doc.legacy_encoding or _legacy_in_memory(doc, issues)
    if legacy:
        issues = [i for i in issues if i.category != "invalid-byte"]
        first = next((k for k, ch in enumerate(doc.text) if not ch.isascii()), 0)
        name = LEGACY_NAMES.get(legacy, legacy)
        issues.append(EncodingIssue(first, min(first + 1, len(doc.text)), "legacy-encoding",
                                    f"the file is encoded in {name}, not UTF-8", None, False,
                                    f"convert it, e.g. iconv -f {legacy} -t utf-8"))
    issues.sort(key=lambda i: (i.start, i.end))
    return issues


def _legacy_in_memory(doc: Document, issues: list[EncodingIssue]) -> str | None:
    """The legacy encoding of text that was decoded as UTF-8 with escaped bytes (stdin, the API)."""
    if doc.encoding != "utf-8" or not any(i.category == "invalid-byte" for i in issues):
        return None
    from ..formats import legacy_decode

    try:
        raw = doc.text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return None
    found = legacy_decode(raw, doc.text)
    return found[1] if found else None


@lru_cache(maxsize=1)
def _mojibake() -> ModuleType:
    """`srclint.text.mojibake`, imported on the first scan (a `from ... import` in `_scan` itself
    would go through the import system for every document)."""
    from ..text import mojibake

    return mojibake


def document_issues(doc: Document) -> list[EncodingIssue]:
    """All encoding issues of a document, scanned once and shared by every ENC rule."""
    memo = doc.memo
    issues = memo.get(_ISSUES)
    if issues is None:
        issues = memo[_ISSUES] = _scan(doc)
    return issues


def detail(issue: EncodingIssue) -> str:
    """What happened, the likely original and the evidence, as one clause for a message."""
    text = issue.explanation
    if issue.suggestion == "":
        text += "; delete it"
    elif issue.suggestion is not None and repr(issue.suggestion) not in text:
        text += f"; probably {issue.suggestion!r} originally"
    if issue.evidence:
        text += f" ({issue.evidence})"
    return text


class _EncodingBase(RuleBase):
    detect: list[Category] = Field(min_length=1, description="the categories of damage this rule reports")
    placeholders: ClassVar[frozenset[str]] = frozenset({"match", "what", "original", "detail"})

    def _selected(self, doc: Document) -> list[EncodingIssue]:
        """The document's issues of the categories this rule reports, inside its scope."""
        issues = document_issues(doc)
        if not issues:  # nearly every document: nothing to filter
            return issues
        wanted = self.detect
        scope = self.parsed_scope
        if scope.raw and not scope.exclude:  # the whole text: every offset of an issue is inside
            return [i for i in issues if i.category in wanted]
        return [i for i in issues if i.category in wanted and scope.contains(doc, i.start)]

    def _finding(self, doc: Document, issue: EncodingIssue) -> Finding:
        return self.finding(doc, issue.start, issue.end, fix=_fix(issue), **_args(issue))


def _fix(issue: EncodingIssue) -> Fix | None:
    if issue.suggestion is None:
        return None
    how = Applicability.SAFE if issue.safe else Applicability.UNSAFE
    return Fix(issue.start, issue.end, issue.suggestion, how)


def _args(issue: EncodingIssue) -> dict[str, str]:
    original = "unknown" if issue.suggestion is None else (issue.suggestion or "(nothing)")
    return {"what": issue.explanation, "original": original, "detail": detail(issue)}


class EncodingRule(_EncodingBase, DocumentRule):
    """Reports the selected categories of encoding damage, with the repair as a fix."""

    kind: Literal["encoding"]

    def check(self, doc: Document, ctx: CheckContext) -> Iterable[Finding]:
        # A plain function, not a generator: most documents have no issue, and then this is
        # a memo look-up and an empty tuple.
        issues = doc.memo.get(_ISSUES)
        if issues is None:
            issues = document_issues(doc)
        if not issues:
            return ()
        return [self._finding(doc, issue) for issue in self._selected(doc)]


@record(frozen=True, slots=True)
class _Damaged:
    """A lossy word in one document, its finding as the document alone sees it, and its candidates."""

    finding: Finding
    explanation: str
    candidates: tuple[str, ...]
    settled: bool  # the document itself spells one candidate correctly

    def __init__(self, finding: Finding, explanation: str, candidates: tuple[str, ...], settled: bool) -> None:
        store = object.__setattr__  # a frozen class's fields are stored past its __setattr__
        store(self, "finding", finding)
        store(self, "explanation", explanation)
        store(self, "candidates", candidates)
        store(self, "settled", settled)

    @property
    def path(self) -> str:
        return self.finding.path


@record(frozen=True, slots=True)
class _Spelling:
    """Where a document spells an accented word (lower case) for the first time."""

    word: str
    path: str
    start: int
    end: int
    line: int
    column: int

    def __init__(self, word: str, path: str, start: int, end: int, line: int, column: int) -> None:
        store = object.__setattr__  # a frozen class's fields are stored past its __setattr__
        store(self, "word", word)
        store(self, "path", path)
        store(self, "start", start)
        store(self, "end", end)
        store(self, "line", line)
        store(self, "column", column)


class EncodingCorpusRule(_EncodingBase, KeyedCorpusRule):
    """Lossy mojibake, repaired with evidence from the whole corpus (another article's spelling)."""

    kind: Literal["encoding-corpus"]

    @field_validator("detect")
    @classmethod
    def _only_lossy(cls, value: list[str]) -> list[str]:
        if set(value) - {"lossy-mojibake"}:
            raise ValueError("encoding-corpus rules detect only 'lossy-mojibake' (use kind encoding for the rest)")
        return value

    def collect(self, doc: Document, ctx: CheckContext) -> list[_Damaged | _Spelling]:
        claims: list[_Damaged | _Spelling] = []
        if doc.text.isascii():
            return claims
        selected = self._selected(doc)
        vocabulary: _Vocabulary = doc.memo.get(_VOCABULARY) or _Vocabulary(doc.text)  # the scan's, as a rule
        for issue in selected:
            f = _located(doc, self._finding(doc, issue))
            settled = any(vocabulary(c) for c in issue.candidates)
            claims.append(_Damaged(f, issue.explanation, issue.candidates, settled))
        for word, start in vocabulary.words().items():
            line, col = doc.line_col(start)
            claims.append(_Spelling(word, doc.path, start, start + len(word), line, col))
        return claims

    def group_keys(self, claim: _Damaged | _Spelling) -> Iterable[Hashable]:
        """A spelling joins the group of its word; an unsettled damaged word the groups of its
        candidates (a settled one needs no evidence from elsewhere)."""
        if isinstance(claim, _Spelling):
            return (claim.word,)
        return () if claim.settled else dict.fromkeys(c.lower() for c in claim.candidates)

    def links(self, group: Sequence[tuple[ClaimId, _Damaged | _Spelling]]) -> Iterable[Link]:
        damaged = [(i, c) for i, c in group if isinstance(c, _Damaged)]
        for i, d in damaged:
            for j, s in group:
                if isinstance(s, _Spelling) and s.path != d.path:
                    yield i, j, s.word

    def report(self, claim: _Damaged | _Spelling, partners: Sequence[tuple[_Damaged | _Spelling, str]]) -> Iterable[Finding]:
        if isinstance(claim, _Spelling):
            return
        spellings: dict[str, list[_Spelling]] = {}
        for s, word in partners:
            spellings.setdefault(word, []).append(s)  # type: ignore[arg-type]
        yield claim.finding if claim.settled else self._with_corpus(claim, spellings)

    def _with_corpus(self, damaged: _Damaged, spellings: dict[str, list[_Spelling]]) -> Finding:
        f = damaged.finding
        best: tuple[int, bool, str, _Spelling] | None = None
        for cand in damaged.candidates:
            seen = [s for s in spellings.get(cand.lower(), []) if s.path != f.path]
            if seen:
                entry = (len({s.path for s in seen}), fits(cand), cand, seen[0])
                if best is None or entry[:2] > best[:2]:
                    best = entry
        if best is None:
            return f
        n_docs, _, word, where = best
        issue = EncodingIssue(f.start, f.end, "lossy-mojibake", damaged.explanation, word, False,
                              f"{word!r} is spelled so in {where.path}" + (f" and {n_docs - 1} other document(s)" if n_docs > 1 else ""))
        related = Related(where.path, where.start, where.end, f"{word!r} spelled correctly here",
                          where.line, where.column, where.line, where.column + where.end - where.start)
        message = self.message.format_map({"match": " ".join(f.match.split()) or f.match, **_args(issue)})
        return f.with_(message=message, fix=_fix(issue), related=(related,))


def _located(doc: Document, f: Finding) -> Finding:
    """Fill in line, column and fingerprint now: corpus findings skip the engine's per-document pass."""
    line, col = doc.line_col(f.start)
    end_line, end_col = doc.line_col(max(f.start, f.end))
    h = hashlib.blake2b(digest_size=8)
    for part in (f.code, f.path, f.match, doc.line_text(line).strip()):
        h.update(part.encode("utf-8", "surrogatepass") + b"\0")
    return f.with_(line=line, column=col, end_line=end_line, end_column=end_col, fingerprint=h.hexdigest())


from .. import serialize as _serialize  # noqa: E402

_serialize.register(_Damaged, _Spelling)
