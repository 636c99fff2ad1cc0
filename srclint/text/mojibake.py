"""Encoding errors in news text: mojibake, lost bytes, C1 controls, U+FFFD, invalid bytes, entities.

What comes from ftfy and what is hand-written, and why:

* Mojibake detection and repair is ftfy's (``fix_and_explain``): its badness heuristic and its search
  over re-encodings are far better tested than anything we would write. We only restrict it to the
  encoding repair (no quote uncurling, normalisation, width/ligature or line-break changes) and run it
  on small windows, because ftfy answers "fix this string", not "where is the problem".
* The pre-filter is hand-written for speed: a character pair can only be UTF-8 mojibake if a UTF-8
  lead byte (0xC2-0xF4) is followed by a continuation byte (0x80-0xBF) in one of the single-byte
  encodings ftfy knows, so we build that character class from the codecs themselves and call ftfy
  only on windows around such pairs. Clean ASCII/Latin prose never reaches ftfy.
* Lossy mojibake (``lossy.py``), invisible characters and entities (``invisible.py``), C1 controls,
  U+FFFD and invalid bytes are outside what ftfy reports, so they are small hand-written rules.

Two principles keep correct text quiet (BLNS, multi-script test strings):

* A repair from ftfy's partial heuristic (``decode_inconsistent_utf8``, no whole-window re-encoding)
  must yield letters in the script of their neighbours (``script_consistent``): real mojibake of a word
  repairs to one word in one script, while two genuine letters that happen to form a UTF-8 byte pair
  ("ßª" in a list of characters from ten scripts) decode to a letter of an unrelated script.
* A C1 control is damage in a line of prose; a line without any letter is a character table or
  binary data.
"""

from __future__ import annotations

import importlib.util
import os
import re
import sys
import unicodedata
from bisect import bisect_right
from collections.abc import Callable
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

from srclint.text import lossy
from srclint.text.invisible import find_entities, find_invisible
from srclint.text.issue import EncodingIssue, Vocabulary, apply_suggestions

if TYPE_CHECKING:
    from difflib import SequenceMatcher
else:

    def SequenceMatcher(*args: Any, **kwargs: Any) -> Any:  # stands for the class
        """difflib's SequenceMatcher, imported when a repair is first aligned with its original:
        most documents need no repair."""
        from difflib import SequenceMatcher as matcher

        globals()["SequenceMatcher"] = matcher  # later calls make one directly
        return matcher(*args, **kwargs)


__all__ = ["EncodingIssue", "Vocabulary", "apply_suggestions", "looks_legacy", "scan"]


@lru_cache(maxsize=1)
def _ftfy() -> Any:
    """ftfy, imported when a document first shows a suspicious byte pair: most never do, and the
    import is a good part of srclint's start-up."""
    import ftfy  # noqa: PLC0415
    import ftfy.bad_codecs  # noqa: F401, PLC0415  (registers the "sloppy-windows-125x" codecs)

    return ftfy


@lru_cache(maxsize=1)
def _is_bad() -> Callable[[str], bool]:
    """ftfy's badness test (``ftfy.badness.is_bad``), taken from ftfy if it is imported already and
    otherwise from ftfy's ``badness.py`` alone: that module needs nothing but ``re``, while importing
    ftfy takes far longer (its ``__init__`` brings in wcwidth, its codecs and its character tables),
    and most windows around a suspicious byte pair are settled by this test (see ``_find_mojibake``)."""
    if "ftfy" not in sys.modules:
        try:
            return _badness_module().is_bad  # type: ignore[no-any-return]
        except (ImportError, OSError, AttributeError):  # ftfy laid out differently: take it from the package
            return _ftfy().badness.is_bad  # type: ignore[no-any-return]
    return _ftfy().badness.is_bad  # type: ignore[no-any-return]


def _badness_module() -> Any:
    """ftfy's ``badness.py``, executed on its own (not put in sys.modules: ftfy's own stays ftfy's)."""
    package = importlib.util.find_spec("ftfy")
    if package is None or not package.submodule_search_locations:
        raise ImportError("ftfy")
    path = os.path.join(package.submodule_search_locations[0], "badness.py")
    spec = importlib.util.spec_from_file_location("ftfy.badness", path)
    if spec is None or spec.loader is None:
        raise ImportError(path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@lru_cache(maxsize=1)
def fix_config() -> Any:
    """The ftfy settings srclint repairs with: encoding fixes only, each step explained."""
    return _ftfy().TextFixerConfig(
        unescape_html=False, remove_terminal_escapes=False, fix_encoding=True, restore_byte_a0=True,
        replace_lossy_sequences=True, decode_inconsistent_utf8=True, fix_c1_controls=False,
        fix_latin_ligatures=False, fix_character_width=False, uncurl_quotes=False, fix_line_breaks=False,
        fix_surrogates=False, remove_control_chars=False, normalization=None, explain=True,
    )


def __getattr__(name: str) -> Any:  # FIX_CONFIG, built (and ftfy imported) on first use; the patterns
    if name == "FIX_CONFIG":
        return fix_config()
    if name in _PATTERNS:
        return _pattern(name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# The single-byte encodings ftfy tries when it undoes mojibake (ftfy.chardata.CHARMAP_ENCODINGS, in
# its order; a test checks they agree). A "sloppy" codec is the Windows one with the bytes Windows
# leaves undefined decoded as Latin-1, which is how ftfy defines it.
CHARMAP_ENCODINGS = (
    "latin-1", "sloppy-windows-1252", "sloppy-windows-1251", "sloppy-windows-1250", "sloppy-windows-1253",
    "sloppy-windows-1254", "sloppy-windows-1257", "iso-8859-2", "macroman", "cp437",
)

ENCODING_NAMES: dict[str, str] = {
    "latin-1": "Latin-1", "sloppy-windows-1252": "Windows-1252", "windows-1252": "Windows-1252",
    "sloppy-windows-1251": "Windows-1251 (Cyrillic)", "sloppy-windows-1250": "Windows-1250 (Central European)",
    "sloppy-windows-1253": "Windows-1253 (Greek)", "sloppy-windows-1254": "Windows-1254 (Turkish)",
    "sloppy-windows-1257": "Windows-1257 (Baltic)", "iso-8859-2": "ISO-8859-2", "macroman": "MacRoman",
    "cp437": "IBM code page 437", "utf-8": "UTF-8", "utf-8-variants": "UTF-8",
}


def _decoded(byte: int, encoding: str) -> str:
    if encoding.startswith("sloppy-"):
        try:
            return bytes([byte]).decode(encoding.removeprefix("sloppy-"))
        except UnicodeDecodeError:
            return chr(byte)
    return bytes([byte]).decode(encoding)


def charset(lo: int, hi: int) -> set[str]:
    """The non-ASCII characters the bytes lo..hi become in any of CHARMAP_ENCODINGS."""
    return {c for enc in CHARMAP_ENCODINGS for b in range(lo, hi + 1) if not (c := _decoded(b, enc)).isascii()}


# `charset(0xC2, 0xF4)` and `charset(0x80, 0xBF)`, sorted, written out: working them out at import
# loads nine codec modules and decodes a thousand bytes (a test checks they agree). None of them
# needs escaping in a character class.
_LEAD_CHARS = (
    "\xa0\xab\xac\xb1\xb5\xb7\xbb\xc0\xc1\xc2\xc3\xc4\xc5\xc6\xc7\xc8\xc9\xca\xcb\xcc\xcd\xce\xcf\xd0"
    "\xd1\xd2\xd3\xd4\xd5\xd6\xd7\xd8\xd9\xda\xdb\xdc\xdd\xde\xdf\xe0\xe1\xe2\xe3\xe4\xe5\xe6\xe7\xe8"
    "\xe9\xea\xeb\xec\xed\xee\xef\xf0\xf1\xf2\xf3\xf4\xf7\xff\u0100\u0101\u0102\u0103\u0105\u0106"
    "\u0107\u010c\u010d\u010e\u010f\u0110\u0111\u0112\u0113\u0116\u0117\u0118\u0119\u011a\u011b\u011e"
    "\u011f\u0122\u0123\u012a\u012b\u012f\u0130\u0136\u0137\u0139\u013a\u013b\u013c\u0141\u0143\u0144"
    "\u0145\u0146\u0147\u0148\u014c\u014d\u0150\u0152\u0153\u0155\u0158\u015a\u015e\u0160\u0161\u0162"
    "\u016a\u016e\u0170\u0172\u0178\u0179\u017a\u017b\u017d\u0192\u0392\u0393\u0394\u0395\u0396\u0397"
    "\u0398\u0399\u039a\u039b\u039c\u039d\u039e\u039f\u03a0\u03a1\u03a3\u03a4\u03a5\u03a6\u03a7\u03a8"
    "\u03a9\u03aa\u03ab\u03ac\u03ad\u03ae\u03af\u03b0\u03b1\u03b2\u03b3\u03b4\u03b5\u03b6\u03b7\u03b8"
    "\u03b9\u03ba\u03bb\u03bc\u03bd\u03be\u03bf\u03c0\u03c1\u03c2\u03c3\u03c4\u03c6\u0412\u0413\u0414"
    "\u0415\u0416\u0417\u0418\u0419\u041a\u041b\u041c\u041d\u041e\u041f\u0420\u0421\u0422\u0423\u0424"
    "\u0425\u0426\u0427\u0428\u0429\u042a\u042b\u042c\u042d\u042e\u042f\u0430\u0431\u0432\u0433\u0434"
    "\u0435\u0436\u0437\u0438\u0439\u043a\u043b\u043c\u043d\u043e\u043f\u0440\u0441\u0442\u0443\u0444"
    "\u2013\u2014\u2018\u2019\u201a\u201c\u201d\u201e\u2021\u2026\u2030\u2039\u203a\u2044\u20ac\u2206"
    "\u221a\u221e\u2229\u2248\u2261\u2264\u2265\u2320\u2500\u250c\u2518\u251c\u252c\u253c\u2550\u2552"
    "\u2553\u2554\u2558\u2559\u255a\u255e\u255f\u2560\u2564\u2565\u2566\u2567\u2568\u2569\u256a\u256b"
    "\u256c\u2580\u2584\u2588\u258c\u2590\u25ca\uf8ff\ufb01\ufb02"
)
_CONTINUATION_CHARS = (
    "\x80\x81\x82\x83\x84\x85\x86\x87\x88\x89\x8a\x8b\x8c\x8d\x8e\x8f\x90\x91\x92\x93\x94\x95\x96\x97"
    "\x98\x99\x9a\x9b\x9c\x9d\x9e\x9f\xa0\xa1\xa2\xa3\xa4\xa5\xa6\xa7\xa8\xa9\xaa\xab\xac\xad\xae\xaf"
    "\xb0\xb1\xb2\xb3\xb4\xb5\xb6\xb7\xb8\xb9\xba\xbb\xbc\xbd\xbe\xbf\xc4\xc5\xc6\xc7\xc9\xd1\xd6\xd8"
    "\xdc\xdf\xe0\xe1\xe2\xe3\xe4\xe5\xe6\xe7\xe8\xe9\xea\xeb\xec\xed\xee\xef\xf1\xf2\xf3\xf4\xf5\xf6"
    "\xf8\xf9\xfa\xfb\xfc\xff\u0104\u0105\u013d\u013e\u0141\u0142\u0152\u0153\u0156\u0157\u015a\u015b"
    "\u015e\u015f\u0160\u0161\u0164\u0165\u0178\u0179\u017a\u017b\u017c\u017d\u017e\u0192\u02c6\u02c7"
    "\u02d8\u02db\u02dc\u02dd\u0384\u0385\u0386\u0388\u0389\u038a\u038c\u038e\u038f\u03a9\u03c0\u0401"
    "\u0402\u0403\u0404\u0405\u0406\u0407\u0408\u0409\u040a\u040b\u040c\u040e\u040f\u0451\u0452\u0453"
    "\u0454\u0455\u0456\u0457\u0458\u0459\u045a\u045b\u045c\u045e\u045f\u0490\u0491\u2013\u2014\u2015"
    "\u2018\u2019\u201a\u201c\u201d\u201e\u2020\u2021\u2022\u2026\u2030\u2039\u203a\u20a7\u20ac\u2116"
    "\u2122\u2202\u220f\u2211\u221e\u222b\u2260\u2264\u2265\u2310\u2502\u2510\u2524\u2551\u2555\u2556"
    "\u2557\u255b\u255c\u255d\u2561\u2562\u2563\u2591\u2592\u2593"
)

# A UTF-8 lead byte followed by a continuation byte (or a lost one), as rendered by any legacy codec;
# plus "Ã " (Ã + a no-break space that became a space, ftfy's restore_byte_a0 / "voilÃ le").
_PAIR = f"[{_LEAD_CHARS}][{_CONTINUATION_CHARS}\ufffd]|Ã "
_PAIR_FIRST = frozenset(_LEAD_CHARS)
_PAIR_SECOND = frozenset(_CONTINUATION_CHARS + "\ufffd")
_SPACE = " \t\u00a0"
_C1_RE = re.compile("[\x80-\x9f]+")
_FFFD_RE = re.compile("\ufffd+")
# Every character `_other_issues` looks for (C1 controls, U+FFFD, surrogates, `INVISIBLE_RE`), all
# non-ASCII; a test checks it. (U+2060 WORD JOINER is never flagged, so it is not here.)
_OTHER = "[\x80-\x9f\u00ad\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\ufffd\ud800-\udfff]"
# Its characters but the surrogates, which `_other` finds as the ones UTF-8 cannot encode.
_OTHER_CHARS = frozenset(map(chr, [*range(0x80, 0xA0), 0xAD, *range(0x200B, 0x2010), *range(0x202A, 0x202F),
                                   *range(0x2066, 0x206A), 0xFEFF, 0xFFFD]))
# PAIR_RE, _OTHER_RE and _SURROGATE_RE, compiled on first use: the scan tests the characters of
# the first two with the sets above, and the third is needed only for the rare text with a
# surrogate (compiling the three would be about a millisecond of every run's start-up).
_PATTERNS = {"PAIR_RE": _PAIR, "_OTHER_RE": _OTHER, "_SURROGATE_RE": "[\ud800-\udfff]+"}


def _other(text: str) -> bool:
    """Whether ``_OTHER_RE`` finds anything in `text` (a run, or the runs of a text joined)."""
    if len(text) > 64:  # iterating a long string in Python makes a string of each character
        return _pattern("_OTHER_RE").search(text) is not None
    if not _OTHER_CHARS.isdisjoint(text):
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate
        return True
    return False


@cache
def _pattern(name: str) -> re.Pattern[str]:
    return re.compile(_PATTERNS[name])


_CLITIC_RE = re.compile(r"(?:s|t|d|m|ll|re|ve)\b")


MAX_LINE = 4000


def _line(text: str, a: int, b: int) -> tuple[int, int]:
    """[start, end) of the line holding [a, b) (which holds no line break)."""
    lb = text.find("\n", b)
    return text.rfind("\n", 0, a) + 1, len(text) if lb < 0 else lb


def _window(text: str, a: int, b: int, line: tuple[int, int] | None = None) -> tuple[int, int]:
    """The line around [a, b): ftfy needs context (one encoding plan per line, as ftfy itself uses).
    `line` is `_line(text, a, b)` when the caller has it.

    Very long lines fall back to whole tokens plus one neighbouring token on each side.
    """
    la, lb = _line(text, a, b) if line is None else line
    if lb - la <= MAX_LINE:
        return la, lb
    while a > 0 and not text[a - 1].isspace():
        a -= 1
    while b < len(text) and not text[b].isspace():
        b += 1
    k = a
    while k > 0 and text[k - 1] in _SPACE:
        k -= 1
    if k < a:
        while k > 0 and not text[k - 1].isspace():
            k -= 1
        a = k
    k = b
    while k < len(text) and text[k] in _SPACE:
        k += 1
    if k > b:
        while k < len(text) and not text[k].isspace():
            k += 1
        b = k
    return a, b


def describe_plan(plan: list[tuple[str, str]]) -> str:
    """Human wording for an ftfy plan, e.g. "UTF-8 bytes read as Windows-1252"."""
    parts: list[str] = []
    pending: str | None = None
    notes: list[str] = []
    for action, param in plan:
        if action == "encode":
            pending = param
        elif action == "decode" and pending is not None:
            if param.startswith("utf-8"):
                parts.append(f"UTF-8 bytes read as {ENCODING_NAMES.get(pending, pending)}")
            else:
                parts.append(f"{ENCODING_NAMES.get(param, param)} bytes read as {ENCODING_NAMES.get(pending, pending)}")
            pending = None
        elif param == "restore_byte_a0":
            notes.append("a no-break space byte 0xA0 had become a plain space")
        elif param == "replace_lossy_sequences":
            notes.append("a byte was lost; ftfy marks it with U+FFFD")
        elif param == "decode_inconsistent_utf8":
            parts.append("UTF-8 sequences read as a single-byte encoding, mixed with correct text")
        else:
            notes.append(param.replace("_", " "))
    if len(parts) > 1 and len(set(parts)) == 1:
        text = f"{parts[0]}, {len(parts)} times (double mojibake)"
    else:
        text = "; then ".join(parts) or "mojibake"
    return text + (f" ({'; '.join(notes)})" if notes else "")


def _clean(plan: list[tuple[str, str]]) -> bool:
    return bool(plan) and all(a in ("encode", "decode") or p == "restore_byte_a0" for a, p in plan)


def _regions(orig: str, fixed: str) -> list[tuple[int, int, int, int]]:
    """Changed regions of ``orig`` widened to whole whitespace-delimited tokens, mapped into ``fixed``."""
    ops = SequenceMatcher(None, orig, fixed, autojunk=False).get_opcodes()
    changed = [(i1, i2) for tag, i1, i2, _, _ in ops if tag != "equal"]

    def widen(a: int, b: int) -> tuple[int, int]:
        while True:
            while a > 0 and not orig[a - 1].isspace():
                a -= 1
            while b < len(orig) and not orig[b].isspace():
                b += 1
            moved = False
            for i1, i2 in changed:
                if i1 < a < i2:
                    a, moved = i1, True
                if i1 < b < i2:
                    b, moved = i2, True
            if not moved:
                return a, b

    spans: list[tuple[int, int]] = []
    for i1, i2 in changed:
        a, b = widen(i1, i2)
        if spans and a <= spans[-1][1]:
            a, b = widen(spans[-1][0], max(b, spans[-1][1]))
            spans[-1] = (a, b)
        else:
            spans.append((a, b))

    def to_fixed(p: int) -> int:
        for tag, i1, i2, j1, j2 in ops:
            if tag == "equal" and i1 <= p <= i2:
                return j1 + (p - i1)
            if p == i1:
                return j1
            if p == i2:
                return j2
        return len(fixed)

    return [(a, b, to_fixed(a), to_fixed(b)) for a, b in spans]


def non_ascii_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line of ``text`` (lines end at "\n") holding a non-ASCII character."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        end = pos + len(line)
        if not line.isascii():
            spans.append((pos, end))
        pos = end + 1
    return spans


Runs = list[tuple[int, str]]
_QUESTION = ord("?")
_NON_ASCII = re.compile("[^\x00-\x7f]")
_NON_ASCII_RUN = re.compile("[^\x00-\x7f]+")


def _runs_in_lines(text: str) -> Runs:
    """`non_ascii_runs`, searched for in `non_ascii_lines`: a one-character pattern is searched for
    (`re` then skips ahead by its first character) and only a character followed by another
    non-ASCII one is widened to its run."""
    out: Runs = []
    search, run_at = _NON_ASCII.search, _NON_ASCII_RUN.match
    for a, b in non_ascii_lines(text):
        pos = a
        while (m := search(text, pos, b)) is not None:
            start = m.start()
            pos = start + 1
            if pos < b and not text[pos].isascii():
                pos = run_at(text, start, b).end()  # type: ignore[union-attr]
            out.append((start, text[start:pos]))
    return out


def non_ascii_runs(text: str) -> Runs:
    """Each maximal run of non-ASCII characters of ``text`` as (offset, run), in order. News text
    holds few such characters, mostly alone (a dash, an accented letter), so the pair search, the
    `_OTHER_RE` test and the document's vocabulary look at these instead of at the text again.

    Found without a regular expression over the text: encoding to ASCII with "replace" turns each
    non-ASCII character (lone surrogates too) into one b"?" at the same offset, in one C loop, and
    `bytes.find` then jumps from "?" to "?" at memory speed; a "?" that is one in the text too is
    passed over (a text with many is searched line by line instead)."""
    run_at = _NON_ASCII_RUN.match
    out: Runs = []
    data = text.encode("ascii", "replace")
    find = data.find
    n = len(data)
    questions = 0
    i = find(_QUESTION)
    while i >= 0:
        if text[i] == "?":
            questions += 1
            if questions > 64:  # each is a step of this loop: search a text with many line by line
                return _runs_in_lines(text)
            i = find(_QUESTION, i + 1)
            continue
        j = i + 1
        if j < n and data[j] == _QUESTION and text[j] != "?":  # a longer run (a word in Cyrillic)
            j = run_at(text, i).end()  # type: ignore[union-attr]
        out.append((i, text[i:j]))
        i = find(_QUESTION, j)
    return out


def pair_spans(text: str, runs: Runs) -> list[tuple[int, int]]:
    """The spans ``PAIR_RE.finditer(text)`` finds, given `non_ascii_runs(text)`. A match is two
    characters starting at a non-ASCII one, the second non-ASCII too or the space of "Ã ", so it
    lies in one run (plus the ASCII character after it), and a lone non-ASCII character can only
    start "Ã ". In a short run (most) the two characters are looked up in sets, leftmost first and
    without overlap, as `finditer` does."""
    out: list[tuple[int, int]] = []
    first, second = _PAIR_FIRST, _PAIR_SECOND
    for start, run in runs:
        last = len(run) - 1
        if not last:  # one character (most runs): only "Ã " can start there
            if run == "Ã" and text.startswith(" ", start + 1):
                out.append((start, start + 2))
            continue
        if last > 8:  # a long run (a word in another script): the pattern, at C speed
            out += [m.span() for m in _pattern("PAIR_RE").finditer(text, start, start + last + 2)]
            continue
        k = 0
        while k < last:
            if run[k] in first and run[k + 1] in second:
                out.append((start + k, start + k + 2))
                k += 2
            else:
                k += 1
        # The last character of a run is followed by an ASCII one: only "Ã " can start there.
        if k == last and run[k] == "Ã" and text.startswith(" ", start + k + 1):
            out.append((start + k, start + k + 2))
    return out


def has_other(runs: Runs) -> bool:
    """Whether ``_OTHER_RE`` finds anything in the text of `runs`: its characters are all non-ASCII."""
    return _other("".join([run for _, run in runs]))


# What ftfy 6.3's badness regex (``BADNESS_RE``) is known to be, checked by a test from the regex
# itself: each of its matches holds a non-ASCII character and is at most _BADNESS_WIDTH characters
# long, and it has no look-around and no anchor but "^" (IGNORECASE off). Then a window holds a
# match exactly when the stretches of it within _BADNESS_WIDTH - 1 characters of its non-ASCII
# characters do. The regex is recognised by its BLAKE2b digest: another ftfy's is searched in
# whole windows.
_BADNESS_DIGEST = "9214d08eddfb3d5e"
_BADNESS_WIDTH = 7


@lru_cache(maxsize=1)
def _badness_re() -> re.Pattern[str] | None:
    """ftfy's badness regex if it is the one described above, else None."""
    try:  # CPython's blake2b without hashlib loading OpenSSL (srclint.kinds.encoding has it loaded)
        from _blake2 import blake2b
    except ImportError:  # pragma: no cover - another implementation
        from hashlib import blake2b

    regex = getattr(_is_bad(), "__globals__", {}).get("BADNESS_RE")
    if not isinstance(regex, re.Pattern) or regex.flags & re.IGNORECASE:
        return None
    digest = blake2b(regex.pattern.encode("utf-8"), digest_size=8).hexdigest()
    return regex if digest == _BADNESS_DIGEST else None


# A pair of characters in a row that every match of each of the badness regex's 37 alternatives
# holds (one alternative each, in the regex's order): (characters, characters after them), both
# written as the regex writes its classes ("{bad}" is a category of ftfy's MOJIBAKE_CATEGORIES, "a-b"
# a range); None after them: any character. The first characters are all non-ASCII. A window with
# none of these pairs cannot match, and most windows (a no-break space before a dash or a degree
# sign, accented letters) have none: they are settled without compiling the regex (about 10 ms).
# A test checks each pair against the regex itself.
_BADNESS_PAIRS: tuple[tuple[str, str | None], ...] = (
    ("{c1}", None),
    ("{bad}{lower_accented}{upper_accented}{box}{start_punctuation}{end_punctuation}{currency}{numeric}{law}", "{bad}"),
    ("{lower_common}{upper_common}", "{bad}"),
    ("{bad}", "{lower_accented}{upper_accented}{box}{start_punctuation}{end_punctuation}{currency}{numeric}{law}"),
    ("{lower_accented}{lower_common}{box}{end_punctuation}{currency}{numeric}", "{upper_accented}"),
    ("{box}{end_punctuation}{currency}{numeric}", "{lower_accented}"),
    ("{lower_accented}{box}{end_punctuation}", "{currency}"),
    ("{upper_accented}", "{currency}"),
    ("{upper_accented}{box}", "{numeric}{law}"),
    ("{start_punctuation}", "{numeric}"),
    ("{end_punctuation}", "{start_punctuation}"),
    ("{currency}{numeric}{box}", "{start_punctuation}"),
    ("{upper_accented}", "{start_punctuation}{currency}"),
    ("{box}", "{kaomoji}"),
    ("{lower_accented}{upper_accented}{currency}{numeric}{start_punctuation}{end_punctuation}{law}", "{box}"),
    ("{box}", "{end_punctuation}"),
    ("{lower_accented}{upper_accented}", "{start_punctuation}{end_punctuation}"),
    ("Œœ", None),
    ("{upper_accented}", "°"),
    ("ÂÃÎÐ", "€œŠš¢£Ÿž\xa0\xad®©°·»{start_punctuation}{end_punctuation}–—´"),
    ("×", "²³"),
    ("ØÙ", "{common}{currency}{bad}{numeric}{start_punctuation}ŸŠ®°µ»"),
    ("à", "²µ¹¼½¾"),
    ("√", "±∂†≠®™´≤≥¥µø"),
    ("≈", "°¢"),
    ("‚", "Ä"),
    ("‚", "âó"),
    ("в", "Ђ"),
    ("ВГРС", "{c1}{bad}{start_punctuation}{end_punctuation}{currency}°µ"),
    ("Г", "ў"),
    ("Ã", "\xa0¡"),
    ("ÃÂ", " "),
    ("ÃÂ", " "),
    ("Â", " {start_punctuation}{end_punctuation}"),
    ("β", "€"),
    ("ΒΓΞΟ", "{c1}{bad}{start_punctuation}{end_punctuation}{currency}°"),
    ("ā", "€"),
)


def _class_chars(spec: str) -> frozenset[str]:
    """The characters of a class body as the badness regex writes them (no escapes, "a-b" a range)."""
    out: set[str] = set()
    i, n = 0, len(spec)
    while i < n:
        if i + 2 < n and spec[i + 1] == "-":
            out.update(map(chr, range(ord(spec[i]), ord(spec[i + 2]) + 1)))
            i += 3
        else:
            out.add(spec[i])
            i += 1
    return frozenset(out)


class _PatternText:
    """What `_badness_source` gives ftfy's badness.py for `re`: `compile` returns the pattern text."""

    VERBOSE = re.VERBOSE

    @staticmethod
    def compile(pattern: str, flags: int = 0) -> tuple[str, int]:
        return pattern, flags


@lru_cache(maxsize=1)
def _badness_source() -> tuple[str, int, dict[str, str]] | None:
    """ftfy's badness regex as text, its flags and MOJIBAKE_CATEGORIES, without compiling it:
    badness.py is run (from its cached bytecode) with a stand-in for `re` whose `compile` keeps the
    pattern text. None when that does not work (ftfy laid out differently)."""
    try:
        import builtins
        from importlib.machinery import SourceFileLoader

        package = importlib.util.find_spec("ftfy")
        if package is None or not package.submodule_search_locations:
            return None
        path = os.path.join(package.submodule_search_locations[0], "badness.py")
        code = SourceFileLoader("ftfy.badness", path).get_code("ftfy.badness")
        if code is None:
            return None
        real_import = __import__

        def stand_in_import(name: str, *args: Any, **kwargs: Any) -> Any:
            return _PatternText if name == "re" else real_import(name, *args, **kwargs)

        namespace: dict[str, Any] = {
            "__name__": "ftfy.badness", "__file__": path,
            "__builtins__": {**vars(builtins), "__import__": stand_in_import},
        }  # fmt: skip
        exec(code, namespace)  # noqa: S102 - ftfy's own module code, as `_badness_module` runs it
        pattern, flags = namespace["BADNESS_RE"]
        categories = namespace["MOJIBAKE_CATEGORIES"]
    except Exception:  # noqa: BLE001 - anything unexpected: the regex is compiled as before
        return None
    if not (isinstance(pattern, str) and isinstance(flags, int) and isinstance(categories, dict)):
        return None
    return pattern, flags, categories


@lru_cache(maxsize=1)
def _badness_pairs() -> dict[str, tuple[frozenset[str] | None, ...]] | None:
    """`_BADNESS_PAIRS` as character -> the sets of characters that may follow it (None: any),
    when ftfy's badness regex is the one they were written for (see `_BADNESS_DIGEST`); else None."""
    try:  # CPython's blake2b without hashlib loading OpenSSL (srclint.kinds.encoding has it loaded)
        from _blake2 import blake2b
    except ImportError:  # pragma: no cover - another implementation
        from hashlib import blake2b

    source = _badness_source()
    if source is None:
        return None
    pattern, flags, categories = source
    if flags & re.IGNORECASE or blake2b(pattern.encode("utf-8"), digest_size=8).hexdigest() != _BADNESS_DIGEST:
        return None
    expanded = {name: _class_chars(chars) for name, chars in categories.items() if isinstance(chars, str)}

    def chars_of(spec: str) -> frozenset[str]:  # `_class_chars(spec.format(**categories))`, each category expanded once
        head, *rest = spec.split("{")
        out = set(_class_chars(head))
        for part in rest:
            name, _, tail = part.partition("}")
            out |= expanded[name]
            out |= _class_chars(tail)
        return frozenset(out)

    try:
        table: dict[str, list[frozenset[str] | None]] = {}
        for first, then in _BADNESS_PAIRS:
            follows = None if then is None else chars_of(then)
            for ch in chars_of(first):
                table.setdefault(ch, []).append(follows)
    except KeyError:
        return None
    return {ch: tuple(follows) for ch, follows in table.items()}


def may_be_bad(chunk: str, spans: list[tuple[int, int]], pairs: dict[str, tuple[frozenset[str] | None, ...]]) -> bool:
    """False when the badness regex cannot match in `chunk` (a window), given the spans of its
    non-ASCII characters and `_badness_pairs()`: no character of a span starts a pair there."""
    get = pairs.get
    end = len(chunk) - 1
    for a, b in spans:
        for k in range(a, b):
            follows = get(chunk[k])
            if follows is None:
                continue
            after = chunk[k + 1] if k < end else ""
            for chars in follows:
                if chars is None or after in chars:
                    return True
    return False


def bad_near(chunk: str, spans: list[tuple[int, int]], regex: re.Pattern[str]) -> bool:
    """``regex.search(chunk)`` for ftfy's badness regex (see `_badness_re`), given the sorted spans
    of `chunk`'s non-ASCII characters: only the stretches around them are searched (the regex
    costs well over 100 ns per character, and a window is a whole paragraph). Searching `chunk`
    from `pos` keeps "^" matching at its start only, as in the whole search."""
    reach = _BADNESS_WIDTH - 1
    n = len(chunk)
    search = regex.search
    lo = hi = 0
    for a, b in spans:
        a, b = max(a - reach, 0), min(b + reach, n)
        if a <= hi and hi > lo:
            hi = max(hi, b)
            continue
        if hi > lo and search(chunk, lo, hi) is not None:
            return True
        lo, hi = a, b
    return hi > lo and search(chunk, lo, hi) is not None


def _runs_within(runs: Runs, starts: list[int], a: int, b: int) -> list[tuple[int, int]]:
    """The parts of `runs` (with their `starts`) inside [a, b), as spans relative to a."""
    i = bisect_right(starts, a)
    if i and starts[i - 1] + len(runs[i - 1][1]) > a:  # the run before a reaches into [a, b)
        i -= 1
    out: list[tuple[int, int]] = []
    while i < len(runs) and runs[i][0] < b:
        start, run = runs[i]
        out.append((max(start, a) - a, min(start + len(run), b) - a))
        i += 1
    return out


def _windows(text: str, runs: Runs, lines: bool = True) -> list[list[int]]:
    """The windows ftfy looks at: `_window` around each suspicious pair, merged. With `lines`,
    pairs of one line share its bounds: a long line is not searched for its ends again for each
    of its pairs (a pair holds no line break, so it is in the line when it starts there)."""
    windows: list[list[int]] = []
    line = (0, -1)
    for ms, me in pair_spans(text, runs):
        if windows and ms < windows[-1][1]:
            continue
        if not lines:
            a, b = _window(text, ms, me)
        else:
            if not line[0] <= ms < line[1]:
                line = _line(text, ms, me)
            a, b = _window(text, ms, me, line)
        if windows and a <= windows[-1][1]:
            windows[-1][1] = max(b, windows[-1][1])
        else:
            windows.append([a, b])
    return windows


def _find_mojibake(text: str, vocabulary: Vocabulary | None, runs: Runs | None = None) -> list[EncodingIssue]:
    if runs is None:
        runs = non_ascii_runs(text)
    windows = _windows(text, runs)
    issues: list[EncodingIssue] = []
    if not windows:
        return issues
    # The badness test (below) is ftfy's regex; a window without any pair of characters its
    # matches need (`_badness_pairs`, None if not known for this ftfy) is settled before it, and
    # the regex is compiled only for a window that has one.
    pairs = _badness_pairs()
    starts = [start for start, _ in runs]
    is_bad: Callable[[str], bool] | None = None
    regex: re.Pattern[str] | None = None
    for wa, wb in windows:
        chunk = text[wa:wb]
        if pairs is not None and not may_be_bad(chunk, _runs_within(runs, starts, wa, wb), pairs):
            continue
        if is_bad is None:
            is_bad = _is_bad()
            regex = _badness_re()
        # With fix_config() ftfy's only fix is the encoding repair, and its first step returns text
        # that ftfy's badness test passes unchanged, with an empty plan: such a window (a no-break
        # space before a degree sign or a dash, two Greek letters) is settled without importing ftfy.
        if regex is not None:
            # In a short window (a few words of a long line) the stretches would be all of it.
            if len(chunk) <= 256:
                if regex.search(chunk) is None:
                    continue
            elif not bad_near(chunk, _runs_within(runs, starts, wa, wb), regex):
                continue
        elif not is_bad(chunk):
            continue
        fixed, plan = _ftfy().fix_and_explain(chunk, fix_config())
        if fixed == chunk or not plan:
            continue
        for a, b, fa, fb in _regions(chunk, fixed):
            orig_span, fixed_span = chunk[a:b], fixed[fa:fb]
            # ftfy's partial heuristic (decode_inconsistent_utf8) decodes lone byte pairs inside correct
            # text, where coincidences happen; a whole window that re-decodes consistently needs no check.
            if not any(act == "encode" for act, _ in plan) and not script_consistent(orig_span, fixed_span):
                continue
            span_plan = plan
            if not _clean(plan):  # a smaller piece may have a consistent plan of its own
                alone, alone_plan = _ftfy().fix_and_explain(orig_span, fix_config())
                if alone == fixed_span and alone_plan:
                    span_plan = alone_plan
            lossy_fix = any(p == "replace_lossy_sequences" for _, p in span_plan)
            category, evidence, suggestion = "mojibake", None, fixed_span
            if lossy_fix:
                category = "lossy-mojibake"
                encs = [p for act, p in span_plan if act == "encode"]
                better = lossy.repair_placeholders(orig_span, fixed_span, encs[0], vocabulary) \
                    if len(encs) == 1 else None
                if better is not None:
                    suggestion, evidence = better
                else:
                    evidence = "the lost character is unknown; U+FFFD marks its place"
            explanation = describe_plan(span_plan)
            if span_plan == [("encode", "latin-1"), ("decode", "windows-1252")]:
                category = "c1-control"  # ftfy's C1 repair: cp1252 bytes read as Latin-1, not mojibake
            if _C1_RE.search(suggestion):  # stray cp1252 bytes read as Latin-1 next to the mojibake
                suggestion = _C1_RE.sub(lambda m: _cp1252(m.group()), suggestion)
                explanation += "; Windows-1252 bytes decoded as Latin-1"
            issues.append(EncodingIssue(wa + a, wa + b, category, explanation, suggestion,
                                        _clean(span_plan) and not lossy_fix, evidence))
    return issues


_EAST_ASIAN = frozenset({"CJK", "HIRAGANA", "KATAKANA", "HALFWIDTH", "FULLWIDTH", "HANGUL", "IDEOGRAPHIC"})


def _script(ch: str) -> str:
    """A letter's script, from its Unicode name; Han, kana and Hangul count as one (they mix in words)."""
    word = unicodedata.name(ch, "?").split(" ", 1)[0]
    return "EAST-ASIAN" if word in _EAST_ASIAN else word


def script_consistent(original: str, repaired: str) -> bool:
    """A repair must join the word it sits in: every letter it creates is in the script of its neighbours.

    Mojibake turns one character into two or three from the Latin-1/Windows-125x repertoire, so its
    repair yields letters of one script per word ("CafÃ©" -> "Café", "РџСѓС‚РёРЅ" -> "Путин"). A "repair"
    that puts an NKo letter between Latin ones ("Üßª" -> "Üߪ" in a multi-script test string) decoded
    two real letters that only happen to form a UTF-8 byte pair.
    """
    new = set(repaired) - set(original)
    for x, y in zip(repaired, repaired[1:]):
        if (x in new or y in new) and x.isalpha() and y.isalpha() and _script(x) != _script(y):
            return False
    return True


def _line_has_letter(text: str, i: int) -> bool:
    a = text.rfind("\n", 0, i) + 1
    b = text.find("\n", i)
    return any(ch.isalpha() for ch in text[a:(len(text) if b < 0 else b)])


def _cp1252(run: str) -> str:
    """C1 controls mapped to the Windows-1252 characters of the same bytes (undefined bytes kept)."""
    return "".join(ch.encode("latin-1").decode("windows-1252", errors="ignore") or ch for ch in run)


def _c1_issue(text: str, a: int, b: int) -> EncodingIssue:
    run = text[a:b]
    hexes = " ".join(f"0x{ord(c):02X}" for c in run)
    try:
        repl: str | None = run.encode("latin-1").decode("windows-1252")
    except UnicodeDecodeError:
        return EncodingIssue(a, b, "c1-control", f"C1 control character(s) {hexes} (byte undefined in "
                             "Windows-1252)", None, False)
    assert repl is not None
    punct = all(not ch.isalnum() for ch in repl)
    safe = punct
    if run in ("\x91", "\x92") and a > 0 and text[a - 1].isalpha() and b < len(text) and text[b].isalpha():
        safe = bool(_CLITIC_RE.match(text, b))  # "Maduro\x92s" but not "tur\x92stico" (MacRoman í)
    return EncodingIssue(a, b, "c1-control", f"Windows-1252 byte(s) {hexes} decoded as Latin-1", repl, safe)


_FFFD_GUESSES = "".join(chr(c) for c in range(0xC0, 0x180) if chr(c).isalpha()) + "’'"


def _fffd_issue(text: str, a: int, b: int, vocabulary: Vocabulary | None) -> EncodingIssue:
    expl = "U+FFFD REPLACEMENT CHARACTER: a character was lost when the text was decoded"
    if vocabulary is not None and b - a == 1:
        ws, we = a, b
        while ws > 0 and text[ws - 1].isalpha():
            ws -= 1
        while we < len(text) and text[we].isalpha():
            we += 1
        if ws < a or we > b:
            found = [(vocabulary(text[ws:a] + g + text[b:we]), g) for g in _FFFD_GUESSES]
            hits = [f for f in found if f[0] > 0]
            words = {(text[ws:a] + g + text[b:we]).lower() for _, g in hits}
            if len(words) == 1:  # one word (case-insensitively); keep the capitalisation that fits
                n, g = max(hits, key=lambda h: lossy.fits(text[ws:a] + h[1] + text[b:we]))
                return EncodingIssue(a, b, "replacement-char", expl, g, False,
                                     f"'{text[ws:a]}{g}{text[b:we]}' seen elsewhere in the document {n} time(s)")
    return EncodingIssue(a, b, "replacement-char", expl, None, False)


def _surrogate_issue(text: str, a: int, b: int) -> EncodingIssue:
    run = text[a:b]
    if all(0xDC80 <= ord(c) <= 0xDCFF for c in run):
        raw = bytes(ord(c) - 0xDC00 for c in run)
        hexes = " ".join(f"0x{x:02X}" for x in raw)
        try:
            guess = raw.decode("windows-1252")
        except UnicodeDecodeError:
            guess = ""
        if guess and all(ch.isalpha() or not ch.isalnum() and ch.isprintable() for ch in guess):
            return EncodingIssue(a, b, "invalid-byte", f"invalid UTF-8 byte(s) {hexes}", guess, False,
                                 "the bytes decode as Windows-1252")
        return EncodingIssue(a, b, "invalid-byte", f"invalid UTF-8 byte(s) {hexes}", None, False)
    names = " ".join(f"U+{ord(c):04X}" for c in run)
    return EncodingIssue(a, b, "invalid-byte", f"lone surrogate code point(s) {names}", None, False)


def _free_runs(text: str, pattern: re.Pattern[str], covered: list[tuple[int, int]],
               spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Runs matched by ``pattern`` in `spans` of the text minus the parts already covered by a
    mojibake finding."""
    runs: list[tuple[int, int]] = []
    for a, b in spans:
        for m in pattern.finditer(text, a, b):
            start = None
            for k in range(m.start(), m.end() + 1):
                inside = k < m.end() and not any(x <= k < y for x, y in covered)
                if inside and start is None:
                    start = k
                elif not inside and start is not None:
                    runs.append((start, k))
                    start = None
    return runs


def _other_issues(text: str, covered: list[tuple[int, int]], vocabulary: Vocabulary | None,
                  spans: list[tuple[int, int]]) -> list[EncodingIssue]:
    """C1 controls, U+FFFD, invalid bytes and invisible characters outside `covered`, looked for
    in `spans` of the text (sorted and disjoint; `[(0, len(text))]`: everywhere)."""
    # A C1 control in a line without letters is a character table or binary data, not damaged prose.
    issues = [_c1_issue(text, a, b) for a, b in _free_runs(text, _C1_RE, covered, spans) if _line_has_letter(text, a)]
    issues += [_fffd_issue(text, a, b, vocabulary) for a, b in _free_runs(text, _FFFD_RE, covered, spans)]
    issues += [_surrogate_issue(text, a, b) for a, b in _free_runs(text, _pattern("_SURROGATE_RE"), covered, spans)]
    issues += find_invisible(text, covered, spans)
    return issues


def scan(text: str, vocabulary: Vocabulary | None = None, runs: Runs | None = None) -> list[EncodingIssue]:
    """Find encoding problems in ``text``; offsets are code points, issues sorted by position.
    `runs` is `non_ascii_runs(text)` when the caller has it already."""
    if text.isascii():
        return find_entities(text, []) if "&" in text else []
    if runs is None:
        runs = non_ascii_runs(text)
    issues = _find_mojibake(text, vocabulary, runs)
    covered = [(i.start, i.end) for i in issues]
    # The non-ASCII characters of the text, for the tests below (their characters are all non-ASCII).
    present = "".join([run for _, run in runs])
    if any(lead in present for lead in lossy._LEADS):  # find_lossy finds nothing without one of its letters
        issues += lossy.find_lossy(text, covered, vocabulary)
        covered = [(i.start, i.end) for i in issues]
    if _other(present):
        # Only the runs holding such a character are searched: the characters of every pattern
        # `_other_issues` looks for are in `_OTHER_RE`, and a run is bounded by ASCII characters.
        spans = [(start, start + len(run)) for start, run in runs if _other(run)]
        issues += _other_issues(text, covered, vocabulary, spans)
    if "&" in text:
        issues += find_entities(text, covered)
    issues.sort(key=lambda i: (i.start, i.end))
    return issues


def _looks_like_prose(s: str) -> bool:
    if not s:
        return False
    bad = sum(1 for c in s if (ord(c) < 32 and c not in "\t\n\r\f") or 0x7F <= ord(c) <= 0x9F)
    non_ascii = [c for c in s if not c.isascii()]
    letters = sum(1 for c in non_ascii if c.isalpha())
    return bad == 0 and (not non_ascii or letters / len(non_ascii) >= 0.5)


_HIGH_RUN_RE = re.compile(rb"[\x80-\xff]+")


def _word_evidence(data: bytes) -> bool:
    """Legacy text shows its encoding repeatedly, inside words: accented letters and curly quotes
    touch a letter ("caf\xe9", "Maduro\x92s", "\x93quoted"). One stray byte is not that evidence (it
    is reported as an invalid byte), nor are runs that mostly float between spaces."""
    runs = list(_HIGH_RUN_RE.finditer(data))
    if len(runs) < 2:
        return False
    touching = sum(1 for m in runs if data[m.start() - 1 : m.start()].isalpha() or data[m.end() : m.end() + 1].isalpha())
    return 2 * touching >= len(runs)


def looks_legacy(data: bytes) -> str | None:
    """"windows-1252" or "latin-1" if ``data`` is not UTF-8 but reads as prose in that encoding."""
    try:
        data.decode("utf-8")
        return None
    except UnicodeDecodeError:
        pass
    if not _word_evidence(data):
        return None
    try:
        text = data.decode("windows-1252")
    except UnicodeDecodeError:
        return None
    if not _looks_like_prose(text):
        return None
    return "windows-1252" if any(0x80 <= x <= 0x9F for x in data) else "latin-1"
