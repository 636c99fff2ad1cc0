"""Paragraph and sentence boundaries for news prose.

Hand-written because the split must keep exact offsets, run in linear time on any input, and know
newsroom abbreviations ("U.S.", "Oct.", "Gen.", "Sen.") that end in a period without ending a
sentence. A general-purpose splitter (pysbd) is superlinear on long paragraphs.
"""

from __future__ import annotations

import re

__all__ = ["ABBREVIATIONS", "paragraph_spans", "sentence_spans"]

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
_LIST_LINE = re.compile(r"[ \t]*(?:[-*+•]|\d{1,3}[.)])[ \t]+")
_BLANK = re.compile(r"\n[ \t]*\n")


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Paragraphs as [start, end) spans without surrounding white space.

    Text with blank lines is split at blank lines; text without any (one paragraph per line, as in
    many exported articles) is split at every line break. List items always start a paragraph.
    """
    if _BLANK.search(text):
        pieces = _split_keep_offsets(text, _BLANK)
        out: list[tuple[int, int]] = []
        for start, end in pieces:
            out.extend(_split_list_items(text, start, end))
    else:
        out = _split_keep_offsets(text, re.compile(r"\n"))
    return [_strip(text, s, e) for s, e in out if text[s:e].strip()]


def _split_keep_offsets(text: str, sep: re.Pattern[str]) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for m in sep.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    return spans


def _split_list_items(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans, cur = [], start
    pos = start
    while True:
        nl = text.find("\n", pos, end)
        if nl == -1:
            break
        if _LIST_LINE.match(text, nl + 1, end) or text.startswith("#", nl + 1):
            spans.append((cur, nl))
            cur = nl + 1
        pos = nl + 1
    spans.append((cur, end))
    return spans


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
    cur = start
    resume = start
    match = _BOUNDARY.match
    # The hot loop of segmentation (tens of thousands of candidates per megabyte): the cheap
    # tests come first and the white space is stripped inline. `_BOUNDARY` is matched at each
    # end mark, skipping marks inside the previous match: that finds what its finditer over
    # the paragraph finds (a match cannot start at a mark right after a mark where one failed:
    # the longer run of end punctuation would have matched too), without the regex search
    # testing every character against its character set.
    for dot in _end_marks(text, start, end):
        if dot < resume:
            continue
        m = match(text, dot, end)
        if m is None:
            continue
        resume = m.end()
        if m.group(1).islower():
            continue
        if text[dot] == "." and not _period_ends(text, dot):
            continue
        stop = resume
        s, e = cur, stop
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:  # a line break after a short heading-like line, or before a list item, also ends one
            if text.find("\n", s, e) == -1:
                result.append((s, e))
            else:
                result.extend(_split_lines(text, s, e))
        cur = stop
    s, e = _strip(text, cur, end)
    if s < e:
        result.extend(_split_lines(text, s, e))
    return result


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
    """Whether the period at `dot`, before a sentence starting with a capital, ends one."""
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
