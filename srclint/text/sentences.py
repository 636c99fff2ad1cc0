"""Paragraph and sentence boundaries for news prose.

Hand-written because the split must keep exact offsets, run in linear time on any input, and know
newsroom abbreviations ("U.S.", "Oct.", "Gen.", "Sen.") that end in a period without ending a
sentence. A general-purpose splitter (pysbd) is superlinear on long paragraphs.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator
from itertools import chain, product

from . import LazyPattern

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
# visible character (group 1), all inside the paragraph. (What `_sentences` finds, as a plain
# search would find it: compiled only when asked for.)
_BOUNDARY = LazyPattern(r"[.!?…]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]*(\S))")
# The same, with the next sentence's start (where the white space ends) as group 1. (This one
# and `_BLANK` every linting run needs: kept for first use all the same, so that they come
# compiled from the pack cache with the rest, see `srclint.text.compiled_lazy_patterns`.)
_SENTENCE_END = LazyPattern(r"[.!?…]+[\"'”’)\]]*(?=\s+([\"'“‘(\[]*)(\S))")
_OPENERS = "\"'“‘(["  # the opening marks `_SENTENCE_END` lets through before the next sentence
_LIST_LINE = LazyPattern(r"[ \t]*(?:[-*+•]|\d{1,3}[.)])[ \t]+")  # only for paragraphs of several lines
_LIST_OPENERS = " \t-*+•0123456789"  # the characters a match of `_LIST_LINE` can open with
_BLANK = LazyPattern(r"\n[ \t]*\n")


def paragraph_spans(
    text: str, line_starts: list[int] | None = None, inner_breaks: list[int] | None = None
) -> list[tuple[int, int]]:
    """Paragraphs as [start, end) spans without surrounding white space.

    Text with blank lines is split at blank lines; text without any (one paragraph per line, as in
    many exported articles) is split at every line break. List items always start a paragraph.
    With `line_starts`, the offset after every \n is appended to it, in order (the loop visits
    them all: `Document` takes a text's line starts from here rather than another pass).
    With `inner_breaks`, the offset of the first \n inside each paragraph that holds one is
    appended to it (and perhaps a few more \n that end no paragraph): no paragraph holds a \n
    when it stays empty (then `paragraph_sentences` may be told `one_line=True`).
    """
    # One loop over the line breaks (str.find of one character runs at memory speed): each is a
    # blank-line separator, a break before a list item or heading, or a break inside a paragraph.
    # Paragraphs are stripped in place: no list of pieces, no copy of each one.
    out: list[tuple[int, int]] = []
    append = out.append
    find = text.find
    n = len(text)
    blank = _BLANK.search(text) is not None
    start = 0  # where the paragraph being read starts
    inner_at = -1  # the start of the last paragraph with a line break told to `inner_breaks`
    add_line = (line_starts if line_starts is not None else []).append
    add_inner = (inner_breaks if inner_breaks is not None else []).append
    i = find("\n")
    while i != -1:
        after = i + 1
        add_line(after)
        nxt = text[after] if after < n else ""  # (indexing, not startswith: no argument parsing per call)
        if not blank:  # one paragraph per line
            stop = i
        elif nxt == "\n":  # the usual separator: an empty line
            stop = i
            after += 1
            add_line(after)
        elif (nxt == " " or nxt == "\t") and (m := _BLANK.match(text, i)) is not None:  # a line of spaces
            stop = i
            after = m.end()
            add_line(after)  # (the pattern holds no line break but its first and last)
        elif nxt == "#" or (nxt in _LIST_OPENERS and _LIST_LINE.match(text, after)):
            stop = i  # a heading or a list item starts a paragraph (the pattern never crosses a line break)
        else:  # a line break inside the paragraph, or in white space before its first word
            if start != inner_at and after != n:  # (one break told per paragraph: one slice of its first line)
                if start == i or text[start:i].isspace():
                    start = after  # where stripping would have moved the start anyway
                else:
                    add_inner(i)
                    inner_at = start
            i = find("\n", after)
            continue
        while start < stop and text[start].isspace():
            start += 1
        while stop > start and text[stop - 1].isspace():
            stop -= 1
        if start < stop:
            append((start, stop))
        start = after
        i = find("\n", after)
    stop = len(text)
    while start < stop and text[start].isspace():
        start += 1
    while stop > start and text[stop - 1].isspace():
        stop -= 1
    if start < stop:
        append((start, stop))
    return out


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
    _sentences(text, [(start, end)], _end_marks(text, start, end), result)
    return result


def paragraph_sentences(
    text: str, paragraphs: list[tuple[int, int]], *, one_line: bool = False
) -> list[tuple[int, int]]:
    """`sentence_spans` of each paragraph in turn, with the end marks of the whole text found at
    once (four str.find runs per document, not per paragraph). With `one_line`, the caller
    promises the paragraphs are as `paragraph_spans` gives them (in order, stripped, none empty)
    and that none holds a \n (as when its `inner_breaks` stays empty)."""
    if one_line:
        return _one_line_sentences(text, paragraphs)
    marks = _end_marks(text, 0, len(text))
    result: list[tuple[int, int]] = []
    if not _sentences(text, paragraphs, marks, result):
        # Paragraphs out of order (never those of `paragraph_spans`): one at a time, each with its marks.
        result.clear()
        for start, end in paragraphs:
            lo = bisect_left(marks, start)
            _sentences(text, [(start, end)], marks[lo : bisect_left(marks, end, lo)], result)
    return result


def _sentences(text: str, paragraphs: list[tuple[int, int]], marks: list[int], result: list[tuple[int, int]]) -> bool:
    """Append the sentences of each paragraph to `result`, given the sorted end marks of the text
    (marks outside the paragraphs are passed over). False, with `result` half done, when the
    paragraphs (white space stripped, empty ones left out) are not in order without overlap."""
    # The hot loop of segmentation (tens of thousands of candidates per megabyte): one loop over
    # the marks of the whole text, moving on to the next paragraph at a mark past the current
    # one (no call, bisection or list slice per paragraph), with the cheap tests first.
    # `_SENTENCE_END` is matched at each end mark, skipping marks inside the previous match: that
    # finds what its finditer over the paragraph finds (a match cannot start at a mark right
    # after a mark where one failed: the longer run of end punctuation would have matched too),
    # without the regex search testing every character against its character set. No white
    # space is stripped in the loop: a sentence ends on end punctuation or a closing mark, and
    # the next one starts where the match's look-ahead found the white space end (group 1).
    match = _SENTENCE_END.match
    not_ending = _NOT_ENDING
    not_ending_tails = _NOT_ENDING_TAILS
    append = result.append
    paras = iter(paragraphs)
    start = end = cur = resume = last = 0  # no paragraph open: the first mark opens one
    lines = False
    for dot in marks:
        if dot < resume:
            continue
        if dot >= end:  # past the paragraph: finish it, and those without marks before this one's
            if cur < end:  # the paragraph's last sentence, without an end mark before white space
                if lines:
                    result.extend(_split_lines(text, cur, end))
                else:
                    append((cur, end))
            for start, end in paras:
                while start < end and text[start].isspace():
                    start += 1
                while end > start and text[end - 1].isspace():
                    end -= 1
                if start >= end:
                    continue
                if start < last:
                    return False
                last = end
                if end > dot:
                    break
                result.extend(_split_lines(text, start, end))
            else:  # no paragraph holds this mark or a later one
                return True
            cur = resume = start
            # Most paragraphs hold no line break (a text without blank lines is split at every
            # one): then no sentence in it does either, and none needs looking for.
            lines = text.find("\n", start, end) != -1
            if dot < start:
                continue
        after = dot + 1
        if after + 1 < end and text[after] == " " and (first := text[after + 1]) not in _OPENERS and not first.isspace():
            # The usual boundary, one mark, one space and a word: what `_SENTENCE_END` matches
            # there (ending after the mark, the next sentence at the word), without the regex.
            resume = after
            following = after + 1
        else:
            if after == end:  # the mark ends the paragraph: no white space follows it there
                continue
            m = match(text, dot, end)
            if m is None:
                continue
            resume = m.end()
            first = m.group(2)
            following = m.start(1)
        if first.islower():
            continue
        if text[dot] == ".":  # `_period_ends`, inline: not after an abbreviation or an initial
            # Most words before a period are three ASCII letters or more that no word of
            # `not_ending` ends with: then it does not hold the word before the period either.
            tail = text[dot - 3 : dot] if dot >= 3 else ""
            if tail in not_ending_tails or not (tail.isalpha() and tail.isascii()):
                window = text[dot - 12 if dot > 12 else 0 : dot]
                if window[len(window.rstrip(_WORDISH)) :].lstrip(".") in not_ending:  # `_word_before`
                    continue
        if not lines or text.find("\n", cur, resume) == -1:
            append((cur, resume))
        else:  # a line break after a short heading-like line, or before a list item, also ends one
            result.extend(_split_lines(text, cur, resume))
        cur = following
    if cur < end:
        result.extend(_split_lines(text, cur, end))
    for start, end in paras:  # the paragraphs after the last mark
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            if start < last:
                return False
            last = end
            result.extend(_split_lines(text, start, end))
    return True


def _one_line_sentences(text: str, paragraphs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """What `_sentences` appends, for paragraphs stripped, none empty and none holding a line
    break (most documents: one paragraph per line, or blank lines between one-line paragraphs)."""
    # `_sentences` without what such paragraphs never need (stripping, an order check, line
    # splits), and with the usual boundary (". " and a capital) settled by one set lookup on the
    # next character (`_PLAIN_STARTS`: not an opening mark, not white space, not lower case).
    # No `resume` either, to test at every mark: after a match of `_SENTENCE_END` the next find
    # starts at its end, which passes over the marks inside it.
    # The end marks are found one by one, a paragraph at a time, in a copy of the text with every
    # end mark a period (the same length; str.replace runs at memory speed and gives the text
    # itself back when it has no such mark, as most texts have none). A paragraph's last
    # character is left out of the search: a mark there has no white space after it in the
    # paragraph, so it ends no sentence and starts no match (most paragraphs end on a period).
    marked = text.replace("!", ".").replace("?", ".").replace("…", ".")
    find = marked.find
    periods = marked is text  # every end mark a period: none to tell apart
    ascii_text = text.isascii()  # (O(1) on a str: its tails need no isascii() call)
    match = _SENTENCE_END.match
    plain = _PLAIN_STARTS
    cannot_follow = _NOT_AFTER_MARK
    not_ending_tails = _NOT_ENDING_TAILS
    wordish = _WORDISH_SET
    result: list[tuple[int, int]] = []
    append = result.append
    for start, end in paragraphs:
        last = end - 1
        cur = start
        dot = find(".", start, last)
        while dot != -1:
            after = dot + 1  # (before `last`: inside the paragraph)
            follower = text[after]
            if follower == " ":
                nxt = after + 1
                if nxt < end and text[nxt] in plain:
                    # ". X" (X no opening mark, white space or lower case): what `_SENTENCE_END`
                    # matches there, ending after the mark. (Characters one at a time: a slice of
                    # two would be a new string to build and hash.)
                    if periods or text[dot] == ".":  # `_period_ends`, inline, as in `_sentences`
                        # (Before the fourth character the slice is empty, not a short tail: the text
                        # holds three at least, the mark, the space and X. The test below sees no letters.)
                        tail = text[dot - 3 : dot]
                        if (
                            (tail in not_ending_tails or not tail.isalpha() or not (ascii_text or tail.isascii()))
                            and text[dot - 1] in wordish  # (else no word before the period: it ends one)
                            and _not_ending(text, dot)
                        ):
                            dot = find(".", after, last)
                            continue
                    append((cur, after))
                    cur = nxt
                    dot = find(".", after, last)
                    continue
            elif follower in cannot_follow:  # (no white space or mark after it: no match)
                dot = find(".", after, last)
                continue
            m = match(text, dot, end)
            if m is not None:
                after = m.end()  # the next mark looked for is past the match
                if not m.group(2).islower() and (text[dot] != "." or not _not_ending(text, dot)):
                    append((cur, after))
                    cur = m.start(1)
            dot = find(".", after, last)
        append((cur, end))  # the paragraph's last sentence
    return result


def _not_ending(text: str, dot: int) -> bool:
    """Whether the word before the period at `dot` keeps it from ending a sentence (the opposite
    of `_period_ends`, by one set lookup)."""
    window = text[dot - 12 if dot > 12 else 0 : dot]
    return window[len(window.rstrip(_WORDISH)) :].lstrip(".") in _NOT_ENDING


def _end_marks(text: str, start: int, end: int) -> list[int]:
    """Offsets in text[start:end] of the characters that can open a `_BOUNDARY`, sorted (str.find
    of one character runs at memory speed)."""
    marks: list[int] = []
    append = marks.append
    find = text.find
    whole = start == 0 and end == len(text)
    for ch in ".!?…":  # the first character class of _BOUNDARY
        if whole:  # (the usual call: find without an end to parse, tens of thousands of times)
            i = find(ch)
            while i != -1:
                append(i)
                i = find(ch, i + 1)
        else:
            i = find(ch, start, end)
            while i != -1:
                append(i)
                i = find(ch, i + 1, end)
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
_NOT_ENDING = frozenset(chain.from_iterable(map(_spellings, ABBREVIATIONS))) | frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")

# (The character sets below are worked out by set operations over the first 0x250 code points,
# which run in C, rather than by a generator taking a Python step per character: every run that
# lints imports this module.)
_LATIN: frozenset[str] = frozenset(map(chr, range(0x250)))
_LATIN_SPACES: frozenset[str] = frozenset(filter(str.isspace, _LATIN))


# The characters that, after an end mark and one space, start a sentence without more ado in
# `_SENTENCE_END`'s and `_sentences`' eyes: no opening mark, no white space, not lower case
# (Latin letters and punctuation: any other character takes the way through the pattern).
_LATIN_LOWER: frozenset[str] = frozenset(filter(str.islower, _LATIN))
_PLAIN_STARTS = _LATIN - frozenset(_OPENERS) - _LATIN_SPACES - _LATIN_LOWER

# Characters that, right after an end mark, keep `_SENTENCE_END` from matching there: not white
# space, not another end mark, not a closing mark (Latin letters, digits and punctuation; any
# other character takes the way through the pattern).
_NOT_AFTER_MARK = _LATIN - frozenset(".!?…\"'”’)]") - _LATIN_SPACES

_WORDISH_SET = frozenset(_WORDISH)

# The last three characters of the words in `_NOT_ENDING` that have three or more.
_NOT_ENDING_TAILS = frozenset(word[-3:] for word in _NOT_ENDING if len(word) >= 3)


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
