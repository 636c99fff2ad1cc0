"""Quoted speech: where the writer's voice stops and somebody else's words begin.

Pairs curly double quotes, guillemets and straight double quotes (alternating within a
paragraph), and curly single quotes only where the opening mark starts a word, so apostrophes
("Maduro’s") are never taken for quotation marks. An unclosed quotation runs to the end of its
paragraph, as multi-paragraph quotes do in news copy.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

__all__ = ["quote_spans"]

_OPEN_CLOSE = {"“": "”", "«": "»", "„": "“", "‘": "’"}


def quote_spans(text: str, paragraphs: list[tuple[int, int]], *, ordered: bool = False) -> list[tuple[int, int]]:
    """[start, end) spans of quotations, including the marks themselves, sorted. With `ordered`,
    the caller promises the paragraphs are sorted and do not overlap (as `paragraph_spans` gives
    them)."""
    if ordered and "“" not in text and "‘" not in text and "«" not in text and "„" not in text:
        return _straight_quotes(text, paragraphs)  # most texts: straight quotes, if any
    # Every opening mark's place, found once for the whole text with str.find (one character:
    # memory speed, several times faster than a regex search for the class of marks).
    marks: list[int] = []
    for ch in _OPENERS:
        i = text.find(ch)
        while i != -1:
            marks.append(i)
            i = text.find(ch, i + 1)
    if not marks:
        return []
    marks.sort()
    spans: list[tuple[int, int]] = []
    if ordered:
        # Most paragraphs quote nobody: only those holding an opening mark are visited, each
        # found by bisection on the paragraphs (no loop over all of them).
        i, n = 0, len(marks)
        while i < n:
            k = bisect_right(paragraphs, (marks[i], _PAST)) - 1  # the last paragraph starting at or before the mark
            if k >= 0 and marks[i] < paragraphs[k][1]:
                p_start, p_end = paragraphs[k]
                hi = bisect_left(marks, p_end, i + 1)
                spans.extend(_in_paragraph(text, p_start, p_end, marks[i:hi]))
                i = hi
            elif k + 1 < len(paragraphs):  # between paragraphs: on to the next one's marks
                i = bisect_left(marks, paragraphs[k + 1][0], i + 1)
            else:
                break
        return spans
    for p_start, p_end in paragraphs:
        lo = bisect_left(marks, p_start)
        hi = bisect_left(marks, p_end, lo)
        if lo < hi:  # most paragraphs quote nobody
            spans.extend(_in_paragraph(text, p_start, p_end, marks[lo:hi]))
    spans.sort()
    return spans


_OPENERS = '"“«„‘'
_PAST = 1 << 62  # an end after any offset


def _straight_quotes(text: str, paragraphs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """`quote_spans` of a text whose only quotation marks are straight double quotes, for
    paragraphs in order without overlap: what `_in_paragraph` finds in each, without a list of
    every mark's place (each quotation is found from the end of the last one)."""
    spans: list[tuple[int, int]] = []
    find = text.find
    k = 0
    i = find('"')
    start = end = -1  # the paragraph of the last quotation
    while i != -1:
        if start <= i < end:
            pass  # in the paragraph of the last quotation, as most are: no bisection
        elif (k := bisect_right(paragraphs, (i, _PAST), k) - 1) >= 0 and i < paragraphs[k][1]:
            start, end = paragraphs[k]  # the last paragraph starting at or before the mark holds it
        else:  # outside every paragraph
            k = max(k, 0)
            i = find('"', i + 1)
            continue
        close = find('"', i + 1, end)
        stop = end if close == -1 else close + 1
        spans.append((i, stop))
        i = find('"', stop)
    return spans


def _in_paragraph(text: str, start: int, end: int, marks: list[int]) -> list[tuple[int, int]]:
    """Quotations opening at `marks` (the places of opening marks in the paragraph), in order."""
    out: list[tuple[int, int]] = []
    pos = start
    for i in marks:
        if i < pos:  # inside the quotation just found
            continue
        ch = text[i]
        if ch == '"':
            close = text.find('"', i + 1, end)
        elif ch == "‘" and not _opens_word(text, i, start):
            pos = i + 1
            continue
        else:
            close = _find_close(text, ch, _OPEN_CLOSE[ch], i + 1, end)
        stop = end if close == -1 else close + 1
        out.append((i, stop))
        pos = stop
    return out


def _opens_word(text: str, i: int, para_start: int) -> bool:
    before_ok = i == para_start or not text[i - 1].isalnum()
    after_ok = i + 1 < len(text) and not text[i + 1].isspace()
    return before_ok and after_ok


def _find_close(text: str, opener: str, closer: str, pos: int, end: int) -> int:
    if opener != "‘":
        return text.find(closer, pos, end)
    # A closing single quote is a ’ not followed by a letter (so not an apostrophe).
    j = text.find("’", pos, end)
    while j != -1:
        if j + 1 >= end or not text[j + 1].isalpha():
            return j
        j = text.find("’", j + 1, end)
    return -1
