"""Paragraph and sentence boundaries for news prose.

Hand-written because the split must keep exact offsets, run in linear time on any input, and know
newsroom abbreviations ("U.S.", "Oct.", "Gen.", "Sen.") that end in a period without ending a
sentence. A general-purpose splitter (pysbd) is superlinear on long paragraphs.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from itertools import product

__all__ = ["ABBREVIATIONS", "paragraph_sentences", "paragraph_spans", "sentence_spans"]

ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof sr jr st mt ft gen lt col maj capt cmdr adm sgt cpl pvt rep sen gov pres
    supt insp det rev hon amb messrs mme mlle
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
    inc corp co ltd plc llc bros dept univ assn est approx no nos vol vs etc al fig eq
    a.m p.m u.s u.k u.n e.u u.s.a d.c e.g i.e a.d b.c
    """.split()
)

# End punctuation, closing quotes or brackets, then white space and the next sentence's first
# visible character (group 1), all inside the paragraph.
_BOUNDARY = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]*(\S))")
# The same, with the next sentence's start (where the white space ends) as group 1.
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s+([\"'“‘(\[]*)(\S))")
_OPENERS = "\"'“‘(["  # the opening marks `_SENTENCE_END` lets through before the next sentence
_LIST_LINE = re.compile(r"[ \t]*(?:[-*+•]|\d{1,3}[.)])[ \t]+")
_BLANK = re.compile(r"\n[ \t]*\n")
_NEWLINE = re.compile(r"\n")


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Paragraphs as [start, end) spans without surrounding white space.

    Text with blank lines is split at blank lines; text without any (one paragraph per line, as in
    many exported articles) is split at every line break. List items always start a paragraph.
    """
    # One loop over the pieces between separators, splitting off list items and stripping in
    # place: no list of pieces, no copy of each paragraph to test it for text.
    out: list[tuple[int, int]] = []
    blank = _BLANK.search(text) is not None
    pos = 0
    for m in (_BLANK if blank else _NEWLINE).finditer(text):
        _add_paragraphs(text, pos, m.start(), blank, out)
        pos = m.end()
    _add_paragraphs(text, pos, len(text), blank, out)
    return out


def _add_paragraphs(text: str, start: int, end: int, list_items: bool, out: list[tuple[int, int]]) -> None:
    """Append the paragraphs of the piece text[start:end], stripped, if they hold anything but
    white space; with `list_items`, a line that opens a list item or a heading starts one."""
    if list_items:
        nl = text.find("\n", start, end)
        while nl != -1:
            if _LIST_LINE.match(text, nl + 1, end) or text.startswith("#", nl + 1):
                _add_paragraphs(text, start, nl, False, out)
                start = nl + 1
            nl = text.find("\n", nl + 1, end)
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        out.append((start, end))


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentences inside text[start:end] (one paragraph) as absolute [start, end) spans."""
    end = len(text) if end is None else end
    result: list[tuple[int, int]] = []
    _paragraph_sentences(text, start, end, _end_marks(text, start, end), result)
    return result


def paragraph_sentences(text: str, paragraphs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """`sentence_spans` of each paragraph in turn, with the end marks of the whole text found at
    once (four str.find runs per document, not per paragraph)."""
    marks = _end_marks(text, 0, len(text))
    result: list[tuple[int, int]] = []
    for start, end in paragraphs:
        lo = bisect_left(marks, start)
        hi = bisect_left(marks, end, lo)
        _paragraph_sentences(text, start, end, marks[lo:hi], result)
    return result


def _paragraph_sentences(text: str, start: int, end: int, marks: list[int], result: list[tuple[int, int]]) -> None:
    """Append the sentences of text[start:end] to `result`, given the end marks inside it."""
    # The hot loop of segmentation (tens of thousands of candidates per megabyte): the cheap
    # tests come first. `_SENTENCE_END` is matched at each end mark, skipping marks inside the
    # previous match: that finds what its finditer over the paragraph finds (a match cannot start
    # at a mark right after a mark where one failed: the longer run of end punctuation would have
    # matched too), without the regex search testing every character against its character set.
    # No white space is stripped in the loop: a sentence ends on end punctuation or a closing mark,
    # and the next one starts where the match's look-ahead found the white space end (group 1).
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    cur = resume = start
    match = _SENTENCE_END.match
    not_ending = _NOT_ENDING
    # Most paragraphs hold no line break (a text without blank lines is split at every one): then
    # no sentence in it does either, and none needs looking for.
    lines = text.find("\n", start, end) != -1
    for dot in marks:
        if dot < resume:
            continue
        after = dot + 1
        if after + 1 < end and text[after] == " " and (first := text[after + 1]) not in _OPENERS and not first.isspace():
            # The usual boundary, one mark, one space and a word: what `_SENTENCE_END` matches
            # there (ending after the mark, the next sentence at the word), without the regex.
            resume = after
            following = after + 1
        else:
            m = match(text, dot, end)
            if m is None:
                continue
            resume = m.end()
            first = m.group(2)
            following = m.start(1)
        if first.islower():
            continue
        if text[dot] == ".":  # `_period_ends`, inline: not after an abbreviation or an initial
            window = text[dot - 12 if dot > 12 else 0 : dot]
            if window[len(window.rstrip(_WORDISH)) :].lstrip(".") in not_ending:  # `_word_before`
                continue
        if not lines or text.find("\n", cur, resume) == -1:
            result.append((cur, resume))
        else:  # a line break after a short heading-like line, or before a list item, also ends one
            result.extend(_split_lines(text, cur, resume))
        cur = following
    if cur < end:
        result.extend(_split_lines(text, cur, end))


def _end_marks(text: str, start: int, end: int) -> list[int]:
    """Offsets in text[start:end] of the characters that can open a `_BOUNDARY`, sorted (str.find
    of one character runs at memory speed)."""
    marks: list[int] = []
    for ch in ".!?…":  # the first character class of _BOUNDARY
        i = text.find(ch, start, end)
        while i != -1:
            marks.append(i)
            i = text.find(ch, i + 1, end)
    marks.sort()
    return marks


def _period_ends(text: str, dot: int) -> bool:
    """Whether the period at `dot`, before a sentence starting with a capital, ends one (the
    test `_paragraph_sentences` makes inline)."""
    token = _word_before(text, max(0, dot - 12), dot)
    if not token:
        return True
    token = token.lower()
    if token in ABBREVIATIONS:
        # "U.S." at the very end of a sentence followed by a capitalised word is ambiguous; the
        # newsroom convention ("U.S. officials") makes "not a boundary" the better bet.
        return False
    if len(token) == 1 and token.isalpha() and text[dot - 1].isupper():
        return False  # an initial: "John F. Kennedy"
    return True


_WORDISH = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz."


def _spellings(word: str) -> Iterator[str]:
    """`word` with each ASCII letter in either case ("u.s" -> "u.s", "u.S", "U.s", "U.S")."""
    return map("".join, product(*((c.lower(), c.upper()) if c.isalpha() else (c,) for c in word)))


# The words before a period that keep it from ending a sentence, as `_period_ends` decides, in
# every spelling (an abbreviation in any case, or an initial): one set lookup, no lower() call.
_NOT_ENDING = frozenset(spelling for word in ABBREVIATIONS for spelling in _spellings(word)) | frozenset(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
)


def _word_before(text: str, lo: int, hi: int) -> str:
    """The run of ASCII letters and dots that ends at `hi` (not before `lo`), opening with a
    letter: "U.S" before the last dot of "U.S.", "" when none."""
    window = text[lo:hi]
    return window[len(window.rstrip(_WORDISH)) :].lstrip(".")


def _split_lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    nl = text.find("\n", start, end)
    if nl == -1:
        return [(start, end)]
    spans: list[tuple[int, int]] = []
    cur = start
    while nl != -1:
        line = text[cur:nl].rstrip()
        if line and (line[-1] in ".!?:;\"”" or len(line) < 50 or _LIST_LINE.match(text, nl + 1, end)):
            spans.append(_strip(text, cur, nl))
            cur = nl + 1
        nl = text.find("\n", nl + 1, end)
    spans.append(_strip(text, cur, end))
    return [s for s in spans if s[0] < s[1]]
