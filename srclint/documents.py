"""Document: one article's text plus everything rules ask about it.

The text is never changed. Markup, code, URLs and front matter are masked in `prose` (replaced by
spaces of equal length), so an offset into `prose` is an offset into `text` and into the file.
Segments (paragraphs, sentences, quotations, headings) are computed on first use and cached.
"""

from __future__ import annotations

try:  # the C module the datetime module takes its classes from: that module first runs its pure
    # Python version (some 2 ms of a run that lints a file), then replaces it with these
    import _datetime as dt
except ImportError:  # pragma: no cover - another implementation
    import datetime as dt  # type: ignore[no-redef]
try:  # only blake2b is used: CPython's hashlib.blake2b, without hashlib loading OpenSSL (a few ms of start-up)
    import _blake2 as hashlib
except ImportError:  # pragma: no cover - another implementation
    import hashlib  # type: ignore[no-redef]
from bisect import bisect_right
TYPE_CHECKING = False  # typing itself is not imported: a run that lints a file imports this module

from .records import record
from .text import LazyPattern
from .text.dateline import Dateline, find_dateline, metadata_date, resolve_anchor
from .text.quotes import quote_spans
from .text.sentences import paragraph_sentences, paragraph_spans

__all__ = ["Document", "Region", "Span", "in_spans", "line_col", "line_starts", "split_lines"]

if TYPE_CHECKING:
    from typing import Any
    from collections.abc import Callable
    from functools import cached_property
else:

    class cached_property:
        """`functools.cached_property` without its lock (Python 3.12 dropped it too): a rule
        run works out some ten of these per document, and taking the lock made each first
        access twice as slow. Two threads asking at once may both compute the value, which
        depends on the document alone; the one stored last stays."""

        def __init__(self, func: Callable[[Any], Any]) -> None:
            self.func = func
            self.attrname = func.__name__
            self.__doc__ = func.__doc__

        def __set_name__(self, owner: type, name: str) -> None:
            self.attrname = name

        def __get__(self, instance: Any, owner: type | None = None) -> Any:
            if instance is None:
                return self
            value = instance.__dict__[self.attrname] = self.func(instance)
            return value


Span = tuple[int, int]
MASKED_KINDS = frozenset({"frontmatter", "code", "url", "comment", "html"})


@record(frozen=True, slots=True)
class Region:
    """A masked or structural region of the file: front matter, code, a URL, a comment, a heading."""

    start: int
    end: int
    kind: str

    def __init__(self, start: int, end: int, kind: str) -> None:
        store = object.__setattr__  # a frozen class's fields are stored past its __setattr__
        store(self, "start", start)
        store(self, "end", end)
        store(self, "kind", kind)


class Document:
    """An article ready for linting. Build one with `srclint.formats.read_document` or `from_text`."""

    def __init__(
        self,
        path: str,
        text: str,
        *,
        format: str = "text",
        prose: str | None = None,
        regions: tuple[Region, ...] = (),
        metadata: dict[str, Any] | None = None,
        encoding: str = "utf-8",
        notes: tuple[str, ...] = (),
    ) -> None:
        self.path = path
        self.text = text
        self.format = format
        prose = text if prose is None else prose
        if "\r" in prose:  # old Mac line ends: segment on them like on \n (same length, offsets kept)
            prose = _LONE_CR.sub("\n", prose)
        self.prose = prose
        if len(self.prose) != len(text):
            raise ValueError("masked prose must keep the length of the text")
        self.regions = regions
        self.metadata = metadata or {}
        self.encoding = encoding
        self.notes = notes
        # Scratch space for facts derived from the text alone (a cue's source phrase, say) that
        # several rules ask for: computed by the first rule that needs one, reused by the rest.
        self.memo: dict[str, Any] = {}
        #: Set by the file reader: the legacy encoding the file was decoded with when it was not UTF-8.
        self.legacy_encoding: str | None = None
        # The file's raw bytes (set by the reader), hashed only when `source_hash` is asked for: a
        # run without the cache never needs the digest.
        self._raw: bytes | None = None
        self._source_hash: str | None = None

    @property
    def source_hash(self) -> str | None:
        """A digest of the file's raw bytes (so --fix can tell the file changed since it was read
        and the cache can key results by content); None for documents not read from bytes."""
        if self._source_hash is None and self._raw is not None:
            from .formats import source_hash

            self._source_hash = source_hash(self._raw)
            self._raw = None
        return self._source_hash

    @source_hash.setter
    def source_hash(self, value: str | None) -> None:
        self._source_hash = value
        self._raw = None

    def set_source(self, data: bytes) -> None:
        """Remember the raw bytes the document was read from; `source_hash` digests them on first use."""
        self._raw = data
        self._source_hash = None

    def __repr__(self) -> str:
        return f"Document({self.path!r}, {len(self.text)} chars, format={self.format!r})"

    # -- positions -------------------------------------------------------------------------
    @cached_property
    def line_starts(self) -> list[int]:
        """Offsets where lines start. Line breaks are \\n, \\r\\n and a lone \\r, as editors and
        LSP count them (U+2028 is not a line break there, so not here either)."""
        return line_starts(self.text)

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column (code points) of a 0-based offset."""
        return line_col(self.line_starts, offset)

    def line_text(self, line: int) -> str:
        starts = self.line_starts
        start = starts[line - 1]
        end = starts[line] if line < len(starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")

    @cached_property
    def content_hash(self) -> str:
        return hashlib.blake2b(self.text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()

    # -- structure -------------------------------------------------------------------------
    @cached_property
    def paragraphs(self) -> list[Span]:
        inner: list[int] = []  # the line breaks inside paragraphs (most texts have none)
        if self.prose is self.text and "line_starts" not in self.__dict__ and "\r" not in self.text:
            # Unmasked text with \n line ends only (most plain-text articles): the paragraph
            # split visits every line break, and gives the line starts on the way.
            starts = [0]
            spans = paragraph_spans(self.prose, starts, inner)
            self.__dict__["line_starts"] = starts
        else:
            spans = paragraph_spans(self.prose, None, inner)
        if not inner:  # (kept as the list itself: paragraphs set by hand are not vouched for)
            self.__dict__["_one_line_paragraphs"] = spans
        return spans

    @cached_property
    def sentences(self) -> list[Span]:
        paragraphs = self.paragraphs
        # Paragraphs without a line break (as `paragraph_spans` said while splitting) take the
        # splitter's shorter loop; paragraphs set by hand never do.
        one_line = self.__dict__.get("_one_line_paragraphs") is paragraphs
        return paragraph_sentences(self.prose, paragraphs, one_line=one_line)

    @cached_property
    def quotes(self) -> list[Span]:
        return quote_spans(self.prose, self.paragraphs, ordered=True)

    @cached_property
    def _region_index(self) -> dict[str, list[Span]]:
        index: dict[str, list[Span]] = {}
        for r in self.regions:
            index.setdefault(r.kind, []).append((r.start, r.end))
        for spans in index.values():
            spans.sort()
        return index

    def spans_of(self, scope: str) -> list[Span]:
        """Spans making up a named scope (see `srclint.scopes`)."""
        if scope == "quote":
            return self.quotes
        if scope == "lead":
            body = [p for p in self.paragraphs if not self.in_region(p[0], "heading")]
            return body[:1]
        if scope == "dateline":
            d = self.dateline
            return [] if d is None else [(d.start, d.end)]
        return self._region_index.get(scope, [])

    @cached_property
    def masked_spans(self) -> list[Span]:
        """Merged spans blanked out of `prose` (front matter, code, URLs, comments, HTML)."""
        if not self.regions:  # most plain-text articles
            return []
        spans = sorted((r.start, r.end) for r in self.regions if r.kind in MASKED_KINDS)
        merged: list[Span] = []
        for start, end in spans:
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], end))
            else:
                merged.append((start, end))
        return merged

    def in_masked(self, offset: int) -> bool:
        spans = self.masked_spans
        return bool(spans) and in_spans(spans, offset)

    def in_region(self, offset: int, scope: str) -> bool:
        return in_spans(self.spans_of(scope), offset)

    def sentence_at(self, offset: int) -> Span:
        """The sentence holding offset, or the empty span (offset, offset) between sentences."""
        sentences = self.sentences
        i = bisect_right(self._sentence_starts, offset) - 1
        return sentences[i] if i >= 0 and offset < sentences[i][1] else (offset, offset)

    def sentence_index(self, offset: int) -> int:
        """Index into `sentences` of the sentence holding offset, or -1."""
        i = bisect_right(self._sentence_starts, offset) - 1
        return i if i >= 0 and offset < self.sentences[i][1] else -1

    @cached_property
    def _sentence_starts(self) -> list[int]:
        # Rules look sentences up thousands of times per megabyte: a bisection on plain ints
        # rather than on (start, end) tuples (`_index_at`), where each step compares tuples.
        return [start for start, _ in self.sentences]

    def paragraph_at(self, offset: int) -> Span:
        i = _index_at(self.paragraphs, offset)
        return self.paragraphs[i] if i >= 0 else (offset, offset)

    # -- dates -----------------------------------------------------------------------------
    @cached_property
    def dateline(self) -> Dateline | None:
        paragraphs = self.paragraphs
        if not self.regions:  # no headings to pass over (plain text without URLs)
            return find_dateline(self.prose, *paragraphs[0]) if paragraphs else None
        for start, end in paragraphs:
            if self.in_region(start, "heading"):
                continue
            return find_dateline(self.prose, start, end)
        return None

    @cached_property
    def anchor_date(self) -> dt.date | None:
        """The date relative expressions are resolved against, or None when the text has none."""
        return resolve_anchor(self.dateline, metadata_date(self.metadata), self.prose)

    @cached_property
    def lowered(self) -> str:
        """`prose` folded for matching: lower case, one space per white-space character, straight
        apostrophes. Same length as `prose`, so offsets carry over."""
        low = _lower(self.prose)
        # str.replace runs at memory speed; translate with a table goes character by character.
        for old, new in _FOLD_PAIRS:
            if old in low:
                low = low.replace(old, new)
        return low


def _lower(text: str) -> str:
    """`text` in lower case, keeping the few characters that lower to two code points (İ), so
    that the length stays."""
    if text.isascii():
        return text.lower()
    # str.lower goes character by character through the Unicode tables once a text holds any
    # character beyond ASCII, several times slower than on ASCII. Lowering the UTF-8 bytes lowers
    # the ASCII letters at memory speed and leaves the rest alone; the other characters, found
    # by deleting the ASCII bytes, are then lowered one distinct character at a time.
    data = text.encode("utf-8", "surrogatepass")
    others = set(data.translate(None, _ASCII_BYTES).decode("utf-8", "surrogatepass"))
    if "\u03a3" not in others:  # Σ lowers by context (ς at the end of a word): str.lower's way
        low = data.lower().decode("utf-8", "surrogatepass")
        for c in others:
            lc = c.lower()
            if lc != c and len(lc) == 1:
                low = low.replace(c, lc)
        return low
    low = text.lower()
    if len(low) != len(text):  # a few characters (İ) lower to two code points
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    return low


_ASCII_BYTES = bytes(range(128))
# Only for texts with a carriage return: compiled on first use.
_BREAK = LazyPattern(r"\r\n?|\n")
_LONE_CR = LazyPattern(r"\r(?!\n)")


def line_starts(text: str) -> list[int]:
    starts = [0]
    if "\r" not in text:
        find = text.find
        i = find("\n")
        while i != -1:
            starts.append(i + 1)
            i = find("\n", i + 1)
        return starts
    starts.extend(m.end() for m in _BREAK.finditer(text))
    return starts


def line_col(starts: list[int], offset: int) -> tuple[int, int]:
    """1-based line and column (code points) of a 0-based offset, given `line_starts`. Shared with
    the engine, which keeps only the line starts of documents it no longer holds."""
    line = bisect_right(starts, offset)
    return line, offset - starts[line - 1] + 1


def split_lines(text: str) -> list[str]:
    """Lines without their breaks, numbered exactly as `line_starts` numbers them."""
    starts = line_starts(text)
    ends = [*starts[1:], len(text)]
    return [text[a:b].rstrip("\r\n") for a, b in zip(starts, ends)]


_FOLD_PAIRS = (("\n", " "), ("\t", " "), ("\r", " "), ("\u00a0", " "), ("’", "'"), ("‘", "'"))


def _index_at(spans: list[Span], offset: int) -> int:
    """Index of the span in sorted, non-overlapping `spans` that holds offset, or -1."""
    i = bisect_right(spans, (offset, 1 << 62)) - 1
    return i if i >= 0 and spans[i][0] <= offset < spans[i][1] else -1


def in_spans(spans: list[Span], offset: int) -> bool:
    """Whether one of the sorted, disjoint `spans` holds `offset`."""
    i = bisect_right(spans, (offset, 1 << 62)) - 1
    return i >= 0 and spans[i][0] <= offset < spans[i][1]
