"""Documents: masking keeps offsets, sentences respect abbreviations, quotes, datelines, decoding."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from srclint.formats import decode_bytes, from_text


def _sentences(text: str) -> list[str]:
    doc = from_text(text)
    return [text[s:e] for s, e in doc.sentences]


def test_abbreviations_do_not_end_sentences() -> None:
    text = "U.S. officials met Gen. Padrino on Oct. 27 in Caracas. Sen. Rubio left. John F. Kennedy Airport closed."
    assert _sentences(text) == [
        "U.S. officials met Gen. Padrino on Oct. 27 in Caracas.",
        "Sen. Rubio left.",
        "John F. Kennedy Airport closed.",
    ]


def test_sentence_ends_at_question_and_quote() -> None:
    assert _sentences('He asked, "Why now?" Nobody answered. Then it rained!') == [
        'He asked, "Why now?"',
        "Nobody answered.",
        "Then it rained!",
    ]
    assert _sentences('"Why now?" he asked. Nobody answered.') == ['"Why now?" he asked.', "Nobody answered."]


def _reference_sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence splitting as a plain finditer over the paragraph (what sentence_spans must equal)."""
    from srclint.text.sentences import _BOUNDARY, _period_ends, _split_lines, _strip

    result: list[tuple[int, int]] = []
    cur = start
    for m in _BOUNDARY.finditer(text, start, end):
        dot = m.start()
        if m.group(1).islower() or (text[dot] == "." and not _period_ends(text, dot)):
            continue
        s, e = _strip(text, cur, m.end())
        if s < e:
            result.extend(_split_lines(text, s, e))
        cur = m.end()
    s, e = _strip(text, cur, end)
    if s < e:
        result.extend(_split_lines(text, s, e))
    return result


_SENTENCE_PIECES = [".", "..", "!", "?", "…", "?!", '"', "”", "’", ")", "“", "(", " ", "  ", "\n", "\n\n", "- ", "1. ",
                    "U.S.", "Gen.", "F.", "said", "He", "the", "x" * 50, "a", "B", "3.5"]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(text=st.lists(st.sampled_from(_SENTENCE_PIECES), max_size=40).map("".join))
def test_sentences_are_what_a_plain_regex_search_finds(text: str) -> None:
    from srclint.text.sentences import paragraph_spans, sentence_spans

    for start, end in [(0, len(text)), *paragraph_spans(text)]:
        assert sentence_spans(text, start, end) == _reference_sentence_spans(text, start, end)


@settings(max_examples=400, deadline=None)
@given(text=st.lists(st.sampled_from([*_SENTENCE_PIECES, "\u2028", "\u00a0", "\t", "\x1c", "J.", "mr.", "u.s.a."]), max_size=60).map("".join))
def test_sentences_of_a_document_are_those_of_its_paragraphs(text: str) -> None:
    from srclint.text.sentences import (
        paragraph_sentences,
        paragraph_spans,
        sentence_spans,
    )

    paragraphs = paragraph_spans(text)
    assert paragraph_sentences(text, paragraphs) == [s for p in paragraphs for s in sentence_spans(text, *p)]
    for start, end in [(0, len(text)), *paragraphs]:
        assert sentence_spans(text, start, end) == _reference_sentence_spans(text, start, end)


def test_sentence_boundaries_around_one_mark_are_the_patterns() -> None:
    """Every mix of word, end mark, closing mark, white space, opening marks and next character
    around one boundary, where the split skips the regex for ". X": it must find what the plain
    finditer finds."""
    import itertools

    from srclint.text.sentences import sentence_spans

    checked = 0
    for word, mark, closer, space, opener, first in itertools.product(
        ["a", "B", "Gen", "said", "1"], [".", "?", "!.", "…", ".."], ["", "”", ")"],
        ["", " ", "  ", "\n", "\u00a0", " \u2009"], ["", "(", "“", "‘", '"', "'", "[", "(("], ["a", "B", "(", " ", "é", "1", ""],
    ):  # fmt: skip
        text = f"{word}{mark}{closer}{space}{opener}{first} y."
        for start, end in [(0, len(text)), (0, len(text) - 3)]:
            assert sentence_spans(text, start, end) == _reference_sentence_spans(text, start, end), text
            checked += 1
    assert checked > 10_000


def test_regex_white_space_is_str_white_space() -> None:
    """Sentence splitting starts the next sentence where its pattern's \\s+ stops, which is where
    stripping with str.isspace stops only because the two agree on every code point."""
    import re
    import sys

    space = re.compile(r"\s")
    assert [c for c in range(sys.maxunicode + 1) if bool(space.match(chr(c))) != chr(c).isspace()] == []


def _reference_paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Paragraphs the plain way: pieces between separators, list items split off, then each piece
    stripped and dropped when only white space (what paragraph_spans must equal)."""
    import re

    from srclint.text.sentences import _BLANK, _LIST_LINE, _strip

    def pieces(sep: re.Pattern[str]) -> list[tuple[int, int]]:
        spans, pos = [], 0
        for m in sep.finditer(text):
            spans.append((pos, m.start()))
            pos = m.end()
        return [*spans, (pos, len(text))]

    def list_items(start: int, end: int) -> list[tuple[int, int]]:
        spans, cur, pos = [], start, start
        while (nl := text.find("\n", pos, end)) != -1:
            if _LIST_LINE.match(text, nl + 1, end) or text.startswith("#", nl + 1):
                spans.append((cur, nl))
                cur = nl + 1
            pos = nl + 1
        return [*spans, (cur, end)]

    if _BLANK.search(text):
        out = [span for piece in pieces(_BLANK) for span in list_items(*piece)]
    else:
        out = pieces(re.compile(r"\n"))
    return [_strip(text, s, e) for s, e in out if text[s:e].strip()]


@settings(max_examples=400, deadline=None)
@given(text=st.lists(st.sampled_from(["a", "B.", " ", "\t", "\n", "\n\n", " \n", "\t\n", "\n#", "#", "\n- x", "- ", "\n2) y", "1.", "\u2028",
                                      "\n \t\n", "\n\t", "\n •", "•", "\n12.", "*", "\r"]), max_size=30).map("".join))
def test_paragraphs_are_what_the_plain_split_finds(text: str) -> None:
    from srclint.text.sentences import paragraph_spans

    assert paragraph_spans(text) == _reference_paragraph_spans(text)


@settings(max_examples=400, deadline=None)
@given(text=st.lists(st.sampled_from(["a", "B.", " ", "\t", "\n", "\n\n", " \n", "\t\n", "\n#", "\n- x", "\n2) y", "\n \t\n",
                                      "\r", "\r\n", "\u2028", "https://x.org/a "]), max_size=30).map("".join))
def test_the_line_starts_the_paragraph_split_gives_are_the_line_starts(text: str) -> None:
    """`paragraph_spans` hands back every \\n's next offset on the way; a document takes its line
    starts from there (when its prose is its text) and they must be what `line_starts` finds."""
    from srclint.documents import line_starts
    from srclint.text.sentences import paragraph_spans

    starts = [0]
    assert paragraph_spans(text, starts) == paragraph_spans(text)
    assert starts == [0, *(i + 1 for i, ch in enumerate(text) if ch == "\n")]
    doc = from_text(text)
    _ = doc.paragraphs
    assert doc.line_starts == line_starts(text)


def test_paragraphs_by_blank_line_or_by_line() -> None:
    assert len(from_text("One para\nstill one.\n\nTwo.").paragraphs) == 2
    assert len(from_text("Line one.\nLine two.\nLine three.").paragraphs) == 3


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ('He said "routine anti-drug operations." Then left.', ['"routine anti-drug operations."']),
        ("Maduro’s plane, “a routine flight,” landed.", ["“a routine flight,”"]),
        ("It was ‘routine’, he said of Maduro’s flight.", ["‘routine’"]),
        ("Maduro’s and Putin’s planes.", []),
        ("« Non », dit-il.", ["« Non »"]),
    ],
)
def test_quotes(text: str, quoted: list[str]) -> None:
    doc = from_text(text)
    assert [text[s:e] for s, e in doc.quotes] == quoted


def _reference_quote_spans(text: str, paragraphs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Quotations found with a regex search for the next opening mark (what quote_spans must equal)."""
    import re

    from srclint.text.quotes import _OPEN_CLOSE, _find_close, _opens_word

    spans = []
    for start, end in paragraphs:
        pos = start
        while (m := re.compile('["“«„‘]').search(text, pos, end)) is not None:
            i, ch = m.start(), m.group()
            if ch == "‘" and not _opens_word(text, i, start):
                pos = i + 1
                continue
            close = text.find('"', i + 1, end) if ch == '"' else _find_close(text, ch, _OPEN_CLOSE[ch], i + 1, end)
            pos = end if close == -1 else close + 1
            spans.append((i, pos))
    return sorted(spans)


@settings(max_examples=400, deadline=None)
@given(text=st.lists(st.sampled_from(['"', "“", "”", "«", "»", "„", "‘", "’", "’s", " ", "\n", "\n\n", "a", "B", "\n\n- "]), max_size=40).map("".join))
def test_quotes_are_what_a_plain_regex_search_finds(text: str) -> None:
    from srclint.text.quotes import quote_spans
    from srclint.text.sentences import paragraph_spans

    paragraphs = paragraph_spans(text)
    assert quote_spans(text, paragraphs) == _reference_quote_spans(text, paragraphs)
    # Visiting only the paragraphs that hold a mark (found by bisection) finds the same, also
    # with marks outside the paragraphs given.
    for some in (paragraphs, paragraphs[::2], paragraphs[1::2]):
        assert quote_spans(text, some, ordered=True) == _reference_quote_spans(text, some)


def test_unclosed_quote_runs_to_paragraph_end() -> None:
    text = "“We will not yield, he said.\n\nNext paragraph."
    doc = from_text(text)
    assert [text[s:e] for s, e in doc.quotes] == ["“We will not yield, he said."]


@pytest.mark.parametrize(
    ("text", "place", "anchor"),
    [
        ("Caracas, November 3 - In a bold display. A plane landed on October 26, 2025.", "Caracas", dt.date(2025, 11, 3)),
        ("CARACAS, Nov 3 (Reuters) - Officials said. Dated October 1, 2025.", "CARACAS", dt.date(2025, 11, 3)),
        ("CARACAS, Venezuela (AP) — Officials said.", "CARACAS, Venezuela", None),
        ("SÃO PAULO, Nov. 3, 2024 — Text.", "SÃO PAULO", dt.date(2024, 11, 3)),
    ],
)
def test_datelines(text: str, place: str, anchor: dt.date | None) -> None:
    doc = from_text(text)
    assert doc.dateline is not None and doc.dateline.place == place
    assert doc.anchor_date == anchor


def test_no_dateline_in_ordinary_prose() -> None:
    for text in ("What Happened\nThe plane landed.", "Analysts say - no.", "TL;DR: Venezuela asked."):
        assert from_text(text).dateline is None


MARKDOWN = """---
title: "Plane lands"
date: 2025-11-03
sources: [Reuters]
---
# Officials say

Officials said `code here` and [a link](https://example.com/reportedly) <!-- reportedly -->

```
reportedly in code
```

<span class="x">Text</span> after www.example.com/perhaps.
"""


def test_markdown_front_matter_and_masking_keep_offsets() -> None:
    doc = from_text(MARKDOWN, "a.md")
    assert doc.metadata["title"] == "Plane lands" and doc.metadata["sources"] == ["Reuters"]
    assert doc.anchor_date == dt.date(2025, 11, 3)
    assert len(doc.prose) == len(doc.text)
    assert "reportedly" not in doc.prose and "code here" not in doc.prose and "perhaps" not in doc.prose
    assert "title" not in doc.prose and "class" not in doc.prose
    # Every unmasked character is the file's own character at the same offset.
    assert all(p == t or p == " " for p, t in zip(doc.prose, doc.text))
    assert doc.prose.count("\n") == doc.text.count("\n")
    i = doc.text.index("Officials said")
    assert doc.prose[i : i + 14] == "Officials said"
    assert doc.in_region(doc.text.index("# Officials"), "heading")


def test_broken_front_matter_is_a_note_not_a_crash() -> None:
    doc = from_text("---\ntitle: [unclosed\n---\nBody text.\n", "a.md")
    assert doc.metadata == {} and doc.notes and "Body text." in doc.prose


def test_front_matter_with_an_anchor_defined_twice_is_read_without_a_warning() -> None:
    # YAML lets an anchor be defined again (an alias takes the latest); ruamel.yaml warns of it,
    # and the test run turns warnings into errors, so a warning leaking out fails here.
    doc = from_text("---\ntitle: &a Plane lands\nsubtitle: &a Late\nsame: *a\n---\nBody text.\n", "a.md")
    assert doc.metadata == {"title": "Plane lands", "subtitle": "Late", "same": "Late"} and not doc.notes


def test_line_col_are_one_based_code_points() -> None:
    doc = from_text("é\nab Bolívar cd")
    off = doc.text.index("Bolívar")
    assert doc.line_col(off) == (2, 4)
    assert doc.line_col(0) == (1, 1)


def test_decoding_keeps_every_byte() -> None:
    data = "Caf".encode() + b"\xe9 ok \xff".replace(b"\xff", b"\xc3\x28")
    text, enc = decode_bytes(data)
    assert enc == "utf-8"
    assert text.encode("utf-8", "surrogateescape") == data
    text16, enc16 = decode_bytes("Plane landed.".encode("utf-16"))
    assert text16 == "Plane landed." and enc16 == "utf-16"
    text16le, _ = decode_bytes("Plane landed on Sunday.".encode("utf-16-le"))
    assert text16le == "Plane landed on Sunday."
    assert decode_bytes(b"\xef\xbb\xbfHello")[0] == "Hello"


def test_reading_gives_the_files_bytes_and_bounds_a_file_that_grew(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import os

    from srclint import formats
    from srclint.errors import DocumentError

    for size in (0, 1, 4096, 100_003):
        path = tmp_path / f"f{size}.txt"
        data = bytes(range(256)) * (size // 256) + b"x" * (size % 256)
        path.write_bytes(data)
        assert formats.read_bytes(path) == data and formats.read_bytes(str(path), max_bytes=size) == data
    path = tmp_path / "grew.txt"
    path.write_bytes(b"a" * 5000)
    real_fstat = os.fstat

    def stale_stat(fd, *args, **kwargs):  # type: ignore[no-untyped-def]
        st = real_fstat(fd, *args, **kwargs)
        return os.stat_result((st.st_mode, st.st_ino, st.st_dev, st.st_nlink, st.st_uid, st.st_gid, 100, *st[7:10]))

    monkeypatch.setattr(formats.os, "fstat", stale_stat)  # the file grew after its size was taken
    assert formats.read_bytes(path) == b"a" * 5000
    with pytest.raises(DocumentError, match="grew past"):
        formats.read_bytes(path, max_bytes=4000)


def test_reading_a_file_reads_on_after_a_short_read_and_once_when_whole(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A read that stops short of what stat promised is followed by more; one that gives all of
    it is the whole file (a file that grew would have given the byte asked for beyond it)."""
    import os

    from srclint import formats

    data = bytes(range(256)) * 40
    path = tmp_path / "f.txt"
    path.write_bytes(data)
    real_read = os.read
    calls: list[int] = []

    def counted(fd: int, n: int) -> bytes:
        calls.append(n)
        return real_read(fd, n)

    monkeypatch.setattr(formats.os, "read", counted)
    assert formats.read_bytes(path) == data and calls == [len(data) + 1]
    calls.clear()

    def short(fd: int, n: int) -> bytes:  # at most 1,000 bytes a call
        calls.append(n)
        return real_read(fd, min(n, 1000))

    monkeypatch.setattr(formats.os, "read", short)
    assert formats.read_bytes(path) == data and len(calls) > len(data) // 1000


def test_reading_a_descriptor_continues_after_short_reads() -> None:
    import os
    import threading

    from srclint.formats import _read_up_to

    r, w = os.pipe()  # a pipe hands out what has been written so far: short reads

    def write() -> None:
        for _ in range(10):
            os.write(w, b"x" * 1000)
        os.close(w)

    t = threading.Thread(target=write)
    t.start()
    try:
        assert _read_up_to(r, 6000) == b"x" * 6000
        assert _read_up_to(r, 6000) == b"x" * 4000  # then the end
    finally:
        t.join()
        os.close(r)



def test_reading_refuses_what_stat_refuses_with_the_same_reasons(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The file is opened before its size is known: a path that is missing, not a regular file
    (a directory, a FIFO, a socket: none blocks the read) or too big is refused for the reason
    `os.stat` gives, as when stat came first, and an unreadable file is reported as such."""
    import os
    import socket
    import sys

    from srclint import formats
    from srclint.errors import DocumentError

    def refusal(path, **kwargs) -> str:  # type: ignore[no-untyped-def]
        with pytest.raises(DocumentError) as info:
            formats.read_bytes(path, **kwargs)
        return info.value.detail

    assert refusal(tmp_path / "missing.txt") == "cannot read: No such file or directory"
    assert refusal(tmp_path) == "not a regular file (skipped)"
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 5000)
    assert refusal(big, max_bytes=4000) == "file is 5,000 bytes, over the 4,000-byte limit (max-file-size); skipped"
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "fifo")
        assert refusal(tmp_path / "fifo") == "not a regular file (skipped)"
    if hasattr(socket, "AF_UNIX") and len(str(tmp_path)) < 90:
        with socket.socket(socket.AF_UNIX) as server:
            server.bind(str(tmp_path / "sock"))
            assert refusal(tmp_path / "sock") == "not a regular file (skipped)"
    if sys.platform != "win32" and os.geteuid() != 0:
        big.chmod(0)
        assert refusal(big, max_bytes=4000).startswith("file is 5,000 bytes")  # stat's reason first
        assert refusal(big) == "cannot read: Permission denied"

@settings(max_examples=300, deadline=None)
@given(data=st.lists(st.sampled_from([b"a", b" ", b"\xe9", b"\xc3\xa9", b"\xe2\x80\x99", b"\x80", b"\xff\xfe", b"\x93", b"\xed\xa0\x80"]), max_size=30).map(b"".join))
def test_decoding_a_file_checks_for_a_legacy_encoding_as_before(data: bytes) -> None:
    from srclint.formats import decode_file, legacy_decode

    text, encoding = decode_bytes(data)
    legacy = legacy_decode(data, text) if encoding == "utf-8" and not text.isascii() else None
    expected = (legacy[0], legacy[1], legacy[1]) if legacy is not None else (text, encoding, None)
    assert decode_file(data) == expected


@settings(max_examples=500, deadline=None)
@given(token=st.one_of(
    st.sampled_from(sorted(__import__("srclint.text.sentences", fromlist=["ABBREVIATIONS"]).ABBREVIATIONS)).flatmap(
        lambda w: st.tuples(*[st.sampled_from([c.lower(), c.upper()]) for c in w]).map("".join)
    ),
    st.text(alphabet="abmrsuSMRUAX.", max_size=7),
))
def test_the_words_that_keep_a_period_from_ending_a_sentence(token: str) -> None:
    from srclint.text.sentences import _NOT_ENDING, ABBREVIATIONS

    token = token.lstrip(".")  # as `_word_before` gives it
    assert (token in _NOT_ENDING) == bool(token and (token.lower() in ABBREVIATIONS or (len(token) == 1 and token.isupper())))


def _reference_paragraph_sentences(text: str, paragraphs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The splitter as it was before the one loop over a whole text's end marks: a call per
    paragraph with that paragraph's marks, and the word before each period always looked up
    (what paragraph_sentences must equal)."""
    from bisect import bisect_left

    from srclint.text.sentences import _NOT_ENDING, _OPENERS, _SENTENCE_END, _WORDISH, _end_marks, _split_lines

    marks = _end_marks(text, 0, len(text))
    result: list[tuple[int, int]] = []
    for start, end in paragraphs:
        lo = bisect_left(marks, start)
        hi = bisect_left(marks, end, lo)
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        cur = resume = start
        lines = text.find("\n", start, end) != -1
        for dot in marks[lo:hi]:
            if dot < resume:
                continue
            after = dot + 1
            if after + 1 < end and text[after] == " " and (first := text[after + 1]) not in _OPENERS and not first.isspace():
                resume = after
                following = after + 1
            else:
                m = _SENTENCE_END.match(text, dot, end)
                if m is None:
                    continue
                resume = m.end()
                first = m.group(2)
                following = m.start(1)
            if first.islower():
                continue
            if text[dot] == ".":
                window = text[dot - 12 if dot > 12 else 0 : dot]
                if window[len(window.rstrip(_WORDISH)) :].lstrip(".") in _NOT_ENDING:
                    continue
            if not lines or text.find("\n", cur, resume) == -1:
                result.append((cur, resume))
            else:
                result.extend(_split_lines(text, cur, resume))
            cur = following
        if cur < end:
            result.extend(_split_lines(text, cur, end))
    return result


# Words that end like a word that keeps a period from ending a sentence ("first" and "st"), such
# words in odd spellings or after other letters, and non-ASCII letters next to them.
_WORD_PIECES = ["first", "Thurs", "MESSRS", "approx", "insist", "aMr", "éMr", "Dept", "u.s.a", "x.Gen", "éé", "ab",
                "......", "Jr", "Q", "said", "Corp", "Mme", "1Mr", "Inc", "é"]  # fmt: skip


@settings(max_examples=600, deadline=None)
@given(text=st.lists(st.sampled_from([*_SENTENCE_PIECES, *_WORD_PIECES, ". ", "? ", "\t", "\u00a0", "J."]), max_size=60).map("".join))
def test_sentences_are_what_the_per_paragraph_splitter_finds(text: str) -> None:
    from srclint.text.sentences import paragraph_sentences, paragraph_spans

    paragraphs = paragraph_spans(text)
    assert paragraph_sentences(text, paragraphs) == _reference_paragraph_sentences(text, paragraphs)


@settings(max_examples=400, deadline=None)
@given(
    text=st.lists(st.sampled_from([*_SENTENCE_PIECES, *_WORD_PIECES]), max_size=40).map("".join),
    cuts=st.lists(st.tuples(st.integers(0, 200), st.integers(0, 200)), max_size=6),
)
def test_sentences_of_any_paragraphs_are_those_of_each(text: str, cuts: list[tuple[int, int]]) -> None:
    """Paragraphs in any order, overlapping or empty (not what paragraph_spans gives, but what
    the function takes) are each split as on their own."""
    from srclint.text.sentences import paragraph_sentences

    cuts = [(min(a, len(text)), min(b, len(text))) for a, b in cuts]
    assert paragraph_sentences(text, cuts) == _reference_paragraph_sentences(text, cuts)


def _reference_lowered(prose: str) -> str:
    """Document.lowered the straightforward way (what the lowering through UTF-8 bytes must equal)."""
    low = prose.lower()
    if len(low) != len(prose):
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in prose)
    for old, new in (("\n", " "), ("\t", " "), ("\r", " "), ("\u00a0", " "), ("’", "'"), ("‘", "'")):
        low = low.replace(old, new)
    return low


@settings(max_examples=500, deadline=None)
@given(text=st.lists(st.sampled_from(["a", "Q", "Z", " ", "\n", "\t", "\r", ".", "é", "É", "İ", "Σ", "σ", "ẞ", "\u212a", "Ω",
                                      "\u00a0", "’", "‘", "\udc80", "\udcff", "\ud83d", "\ude00", "😀", "Ǆ", "ǅ"]),
                     max_size=30).map("".join) | st.text(max_size=30))  # fmt: skip
def test_lowered_is_the_lower_case_text_of_the_same_length(text: str) -> None:
    assert from_text(text).lowered == _reference_lowered(text)


def test_lowering_a_character_twice_changes_nothing() -> None:
    """The lowering replaces each distinct character in turn, in no set order: right because no
    character lowers (to one code point) to one that lowers again."""
    import sys

    for c in map(chr, range(sys.maxunicode + 1)):
        low = c.lower()
        assert len(low) != 1 or low.lower() == low, c


def _reference_decode_bytes(data: bytes) -> tuple[str, str]:
    """decode_bytes as first written: surrogateescape at once, every head counted for UTF-16."""
    import codecs

    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", "surrogateescape"), "utf-8-sig"
    head = data[:512]
    even, odd, half = head[0::2].count(0), head[1::2].count(0), len(head) // 2
    looks16 = len(head) >= 4 and not len(head) % 2 and ((odd > 0.4 * half and even == 0) or (even > 0.4 * half and odd == 0))
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            pass
    elif looks16:
        enc = "utf-16-le" if data[1:2] == b"\0" else "utf-16-be"
        try:
            return data.decode(enc), enc
        except UnicodeDecodeError:
            pass
    return data.decode("utf-8", "surrogateescape"), "utf-8"


@settings(max_examples=500, deadline=None)
@given(data=st.lists(st.sampled_from([b"a", b"\0", b"a\0", b"\0a", b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf", b"\xc3\xa9",
                                      b"\x80", b"\xd8\x00", b"\xdc\x00", b"\xed\xa0\x80"]), max_size=40).map(b"".join))  # fmt: skip
def test_decoding_is_as_first_written(data: bytes) -> None:
    assert decode_bytes(data) == _reference_decode_bytes(data)


@settings(max_examples=300, deadline=None)
@given(text=st.lists(st.sampled_from([*_SENTENCE_PIECES, *_WORD_PIECES]), max_size=30).map("".join), data=st.data())
def test_sentence_lookup_is_the_bisection_on_spans(text: str, data: st.DataObject) -> None:
    from srclint.documents import _index_at

    doc = from_text(text)
    for offset in [*range(-1, len(text) + 2), *data.draw(st.lists(st.integers(-5, len(text) + 5), max_size=5))]:
        i = _index_at(doc.sentences, offset)
        assert doc.sentence_index(offset) == i
        assert doc.sentence_at(offset) == (doc.sentences[i] if i >= 0 else (offset, offset))


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet="a.!?…\n ", max_size=40), cut=st.tuples(st.integers(0, 45), st.integers(0, 45)))
def test_end_marks_are_every_end_punctuation_mark(text: str, cut: tuple[int, int]) -> None:
    """The end marks of a whole text (found without an end bound) and of a stretch of it."""
    from srclint.text.sentences import _end_marks

    assert _end_marks(text, 0, len(text)) == [i for i, ch in enumerate(text) if ch in ".!?…"]
    start, end = min(cut[0], len(text)), min(cut[1], len(text))
    assert _end_marks(text, start, end) == [i for i in range(start, end) if text[i] in ".!?…"]


_LINE_PIECES = ["\n", "\n\n", "\n\n\n", " \n", "\n ", "\n\t\n", "\n- x", "\n#", "\u2028", "\x0b\n", "\n\x0b"]


@settings(max_examples=600, deadline=None)
@given(text=st.lists(st.sampled_from([*_SENTENCE_PIECES, *_WORD_PIECES, *_LINE_PIECES, ". ", "? ", "\u00a0", "J.", "Ж", "é",
                                      "a.B", ".,", "A.", "x.", ".'", "…”", "!)", "\u2009", "\r\n", "Mr",
                                      ".\n", "?\n", '."\n', "?. ", ". .", ". (", ". a"]),
                     max_size=60).map("".join))  # fmt: skip
def test_one_line_paragraphs_are_split_as_any_paragraphs(text: str) -> None:
    """`paragraph_spans` tells of a line break in every paragraph that holds one; when it tells
    of none, the shorter loop for one-line paragraphs finds the sentences the general one finds."""
    from srclint.text.sentences import paragraph_sentences, paragraph_spans

    inner: list[int] = []
    paragraphs = paragraph_spans(text, None, inner)
    assert paragraphs == paragraph_spans(text)
    for start, end in paragraphs:
        if "\n" in text[start:end]:
            assert any(start <= i < end for i in inner)
    if not inner:
        assert paragraph_sentences(text, paragraphs, one_line=True) == _reference_paragraph_sentences(text, paragraphs)
    one_line = [(s, e) for s, e in paragraphs if "\n" not in text[s:e]]
    assert paragraph_sentences(text, one_line, one_line=True) == _reference_paragraph_sentences(text, one_line)
    doc = from_text(text)
    assert doc.sentences == _reference_paragraph_sentences(text, doc.paragraphs)


def test_the_plain_sentence_starts_are_what_the_pattern_lets_start_a_sentence() -> None:
    """After an end mark and one space, a character of `_PLAIN_STARTS` is the next sentence's
    first visible character to `_SENTENCE_END`, and not a lower-case one."""
    from srclint.text.sentences import _PLAIN_STARTS, _SENTENCE_END

    assert len(_PLAIN_STARTS) > 200
    for c in _PLAIN_STARTS:
        m = _SENTENCE_END.match(f". {c}")
        assert m is not None and m.end() == 1 and m.start(1) == 2 and m.group(2) == c and not c.islower(), repr(c)


def test_the_character_sets_are_those_the_character_tests_give() -> None:
    """The segmenter's character sets, made by set operations, hold the characters below U+0250
    that their definitions name, character by character."""
    from srclint.text.sentences import _NOT_AFTER_MARK, _OPENERS, _PLAIN_STARTS

    chars = [chr(cp) for cp in range(0x250)]
    assert _PLAIN_STARTS == {c for c in chars if c not in _OPENERS and not c.isspace() and not c.islower()}
    assert _NOT_AFTER_MARK == {c for c in chars if c not in ".!?…\"'”’)]" and not c.isspace()}


def test_the_characters_after_which_a_mark_ends_no_sentence_are_those_the_pattern_refuses() -> None:
    """Right after an end mark, a character of `_NOT_AFTER_MARK` keeps `_SENTENCE_END` from
    matching there, whatever follows (the one-line splitter skips the pattern on it)."""
    from srclint.text.sentences import _NOT_AFTER_MARK, _SENTENCE_END

    assert len(_NOT_AFTER_MARK) > 400
    for c in _NOT_AFTER_MARK:
        for rest in ("", " X", "  (X", "\nX"):
            for mark in ".!?…":
                assert _SENTENCE_END.match(f"{mark}{c}{rest}") is None, repr(c)


@settings(max_examples=500, deadline=None)
@given(before=st.lists(st.sampled_from([*_WORD_PIECES, "U.S", "F", "1", " ", "(", '"', ".", "a.m", "x" * 13, "Gen", "mr"]),
                       max_size=6).map("".join))  # fmt: skip
def test_the_word_lookup_before_a_period_is_the_opposite_of_period_ends(before: str) -> None:
    """`_not_ending` (with or without the one-line splitter's test of the character before the
    period) says the opposite of `_period_ends`, the test as first written."""
    from srclint.text.sentences import _WORDISH_SET, _not_ending, _period_ends

    text = before + ". X"
    dot = len(before)
    assert _not_ending(text, dot) == (not _period_ends(text, dot))
    if dot and text[dot - 1] not in _WORDISH_SET:
        assert not _not_ending(text, dot)


@settings(max_examples=300, deadline=None)
@given(text=st.lists(st.sampled_from(["www", "www.", "ww", "w.", ".", ":", "//", "://", "a", "n", " ", "é", "\u2028", "w"]),
                     max_size=20).map("".join))  # fmt: skip
def test_the_url_pretest_is_the_two_substring_tests(text: str) -> None:
    from srclint.formats.plaintext import _may_hold_url

    assert _may_hold_url(text) == ("://" in text or "www." in text)


@settings(max_examples=400, deadline=None)
@given(path=st.lists(st.sampled_from(["a", ".", "..", "/", "md", ".md", ".MD", ".txt", ".markdown", ".mdown", "x.y", "é", "İ"]),
                     max_size=8).map("".join))  # fmt: skip
def test_the_format_of_a_path_is_the_one_of_its_splitext_extension(path: str) -> None:
    import os

    from srclint.formats import FORMATS, format_for

    assert format_for(path) == FORMATS.get(os.path.splitext(path)[1].lower(), "text")


@settings(max_examples=400, deadline=None)
@given(text=st.lists(st.sampled_from(['"', '""', "”", "»", "’", " ", "\n", "\n\n", "\n\n\n", "a", "B", "\n\n- ", "é"]),
                     max_size=40).map("".join))  # fmt: skip
def test_straight_quotes_alone_are_what_a_plain_regex_search_finds(text: str) -> None:
    """Texts whose only opening marks are straight double quotes take a way of their own."""
    from srclint.text.quotes import quote_spans
    from srclint.text.sentences import paragraph_spans

    paragraphs = paragraph_spans(text)
    for some in (paragraphs, paragraphs[::2], paragraphs[1::2], paragraphs[1:]):
        assert quote_spans(text, some, ordered=True) == _reference_quote_spans(text, some)


def test_derived_views_are_worked_out_once_and_kept_like_cached_property() -> None:
    """Document's own lock-free `cached_property` behaves as functools' does: the first access
    computes and stores the value in the instance, later ones read it back, values set by hand
    win, and the class attribute is the descriptor (with the function's docstring)."""
    from srclint.documents import Document

    doc = from_text("WASHINGTON, May 3 (Reuters) - Officials met. They spoke.\n\nA second paragraph.", "d.txt")
    calls = []
    original = Document.__dict__["sentences"].func

    def counted(self: Document) -> list[tuple[int, int]]:
        calls.append(1)
        return original(self)  # type: ignore[no-any-return]

    descriptor = type(Document.__dict__["sentences"])(counted)
    descriptor.__set_name__(Document, "sentences")
    first = descriptor.__get__(doc, Document)
    assert doc.__dict__["sentences"] is first and doc.sentences is first and calls == [1]
    assert first == original(from_text(doc.text, "e.txt"))
    assert isinstance(Document.__dict__["dateline"].__get__(None, Document), type(Document.__dict__["dateline"]))
    assert Document.__dict__["lowered"].__doc__ == Document.__dict__["lowered"].func.__doc__
    fresh = from_text("Plain text.", "f.txt")
    fresh.__dict__["paragraphs"] = [(0, 5)]
    assert fresh.paragraphs == [(0, 5)]
