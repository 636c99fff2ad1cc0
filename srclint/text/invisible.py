"""Invisible format characters and HTML entity residue.

Hand-written because neither is mojibake: ftfy does not report them (it silently decodes entities and
leaves soft hyphens, ZWSP and bidi controls alone), and whether they are wrong depends on where they sit,
which is a small, stable set of rules. The principle: an invisible character is damage when it *splits
a word* (search, spell-check and copy-paste then fail on text that looks right). A run made only of
format characters, whitespace or symbols is not damaged prose (it is a character table, a test string
or deliberate typesetting), and neither is one at a word's edge, with one exception below.

* A run of invisible characters is "inside a word" when the nearest characters on both sides are
  letters (or combining marks). Only such runs are examined further.
* Soft hyphen (U+00AD) and ZWSP (U+200B) inside a word are residue of CMS hyphenation and web copy.
  ZWSP is legitimate between letters of scripts written without spaces (Thai, Lao, Khmer, Myanmar,
  Tibetan, CJK, kana), where it marks word boundaries.
* ZWJ (U+200D) builds emoji sequences and Indic conjuncts; flagged only between two Latin letters.
* ZWNJ (U+200C) is part of Persian, Arabic and Indic spelling; flagged only when no neighbour belongs
  to a script that uses it.
* LRM/RLM and the bidi embeddings/isolates (U+202A-202C, U+2066-2069) only change how neutral
  characters are placed; they are flagged inside a word with no right-to-left text nearby. RIGHT-TO-LEFT
  OVERRIDE (U+202E) is the exception: before left-to-right letters it visibly reverses them ("stray
  \u202eRLO" shows as "OLR"), so it is flagged wherever it precedes a Latin-script letter without
  right-to-left text nearby.
* A BOM (U+FEFF) at offset 0 is a byte-order mark; elsewhere it is a ZERO WIDTH NO-BREAK SPACE left by
  concatenating files, flagged inside a word or at the start of a line of text.
* WORD JOINER (U+2060) and U+202F NARROW NO-BREAK SPACE are deliberate no-break glue (like U+00A0),
  which typesetters insert on purpose; they are never flagged.

Entities are flagged only when ``html.unescape`` changes them and the text is neither markup itself
(the "a literal tag means this is HTML" test ftfy uses for ``unescape_html="auto"``) nor escaped markup
("&lt;p&gt;": a text showing HTML source, where every entity is deliberate).
"""

from __future__ import annotations

import unicodedata
TYPE_CHECKING = False  # typing itself is not imported: a run that lints a file imports this module

from srclint import LazyModule
from srclint.text import LazyPattern
from srclint.text.issue import EncodingIssue

if TYPE_CHECKING:
    import html
else:  # imported when an entity is first decoded: few documents hold one (html.entities is large)
    html = LazyModule("html", globals())

#: Word-splitting characters deleted when they sit inside a word.
_SPLITTERS = {"\u00ad", "\u200b", "\ufeff"}
_BIDI_CONTROLS = set("\u202a\u202b\u202c\u202d\u2066\u2067\u2068\u2069")
_RLO = "\u202e"
_MARKS = {"\u200e", "\u200f"}
# Compiled on first use, like ENTITY_RE: a text with none of their characters never asks.
INVISIBLE_RE = LazyPattern("[\u00ad\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]+")
_FORMAT = "\u00ad\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2066\u2067\u2068\u2069\ufeff"

#: Scripts that are written right to left (Hebrew, Arabic, Syriac, Thaana, NKo, ... presentation forms).
_RTL_RANGES = ((0x0590, 0x08FF), (0xFB1D, 0xFDFF), (0xFE70, 0xFEFF), (0x10800, 0x10FFF), (0x1E800, 0x1EFFF))
#: Scripts whose orthography uses ZWNJ/ZWJ: Arabic-script languages, Indic and other Brahmic scripts.
_JOINER_RANGES = ((0x0600, 0x08FF), (0x0900, 0x0DFF), (0x0F00, 0x109F), (0x1780, 0x17FF),
                  (0xA8E0, 0xA8FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF))
#: Scripts written without spaces, where ZWSP marks word boundaries: Thai, Lao, Tibetan, Myanmar, Khmer,
#: CJK, kana, Hangul compatibility and halfwidth forms.
_UNSPACED_RANGES = ((0x0E00, 0x0FFF), (0x1000, 0x109F), (0x1780, 0x17FF), (0x19E0, 0x19FF), (0x2E80, 0x9FFF),
                    (0xF900, 0xFAFF), (0xFF00, 0xFFEF), (0x20000, 0x3FFFF))


def _in(ranges: tuple[tuple[int, int], ...], ch: str) -> bool:
    cp = ord(ch)
    return any(lo <= cp <= hi for lo, hi in ranges)


def _is_latin_letter(ch: str) -> bool:
    return ch.isalpha() and (ch.isascii() or "LATIN" in unicodedata.name(ch, ""))


def _wordlike(ch: str) -> bool:
    return bool(ch) and (ch.isalpha() or unicodedata.category(ch).startswith("M"))


def _neighbours(text: str, i: int, skip: str) -> tuple[str, str]:
    """The nearest characters left and right of ``i`` that are not in ``skip``."""
    j = i - 1
    while j >= 0 and text[j] in skip:
        j -= 1
    k = i + 1
    while k < len(text) and text[k] in skip:
        k += 1
    return (text[j] if j >= 0 else ""), (text[k] if k < len(text) else "")


def _near_rtl(text: str, i: int, reach: int = 12) -> bool:
    """True if the nearest letter within ``reach`` characters on either side is right-to-left."""
    for step in (-1, 1):
        k = i + step
        while 0 <= k < len(text) and abs(k - i) <= reach:
            ch = text[k]
            if ch.isalpha():
                if _in(_RTL_RANGES, ch):
                    return True
                break
            k += step
    return False


def _stray(text: str, i: int) -> bool:
    ch = text[i]
    left, right = _neighbours(text, i, _FORMAT)
    if ch == _RLO:  # reverses the display of the left-to-right letters after it
        return _is_latin_letter(right) and not _near_rtl(text, i)
    inside = _wordlike(left) and _wordlike(right)
    if ch == "\ufeff":
        at_line_start = i > 0 and text[i - 1] == "\n" and _wordlike(right)
        return at_line_start or inside
    if not inside:
        return False
    if ch in _SPLITTERS:
        return ch != "\u200b" or not (_in(_UNSPACED_RANGES, left) and _in(_UNSPACED_RANGES, right))
    if ch == "\u200d":  # zero width joiner: emoji sequences, Indic conjuncts
        return _is_latin_letter(left) and _is_latin_letter(right)
    if ch == "\u200c":  # zero width non-joiner: Persian, Arabic, Indic spelling
        return not _in(_JOINER_RANGES, left) and not _in(_JOINER_RANGES, right)
    if ch in _MARKS or ch in _BIDI_CONTROLS:
        return not _near_rtl(text, i)
    return False


def find_invisible(text: str, covered: list[tuple[int, int]],
                   spans: list[tuple[int, int]] | None = None) -> list[EncodingIssue]:
    """Report invisible format characters that split a word, one issue per character. With
    `spans` (sorted, disjoint, each bounded by characters INVISIBLE_RE does not match), only
    those stretches of the text are searched; the neighbours looked at are the text's."""
    issues: list[EncodingIssue] = []
    matches = INVISIBLE_RE.finditer(text) if spans is None else \
        (m for a, b in spans for m in INVISIBLE_RE.finditer(text, a, b))
    for m in matches:
        for i in range(m.start(), m.end()):
            if any(a <= i < b for a, b in covered) or not _stray(text, i):
                continue
            ch = text[i]
            name = unicodedata.name(ch, "FORMAT CHARACTER")
            issues.append(EncodingIssue(i, i + 1, "invisible-char", f"U+{ord(ch):04X} {name}", "", True))
    return issues


# &name; / &#123; / &#x7B; optionally preceded by escaped ampersands ("&amp;#8217;", "&amp;amp;rsquo;").
ENTITY_RE = LazyPattern(r"&(?:amp;)*(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_MARKUP_RE = LazyPattern(r"<[A-Za-z/!?]|&lt;[A-Za-z/!?]")


def _unescape_fully(s: str) -> str:
    for _ in range(8):
        nxt = html.unescape(s)
        if nxt == s:
            break
        s = nxt
    return s


def entity_levels(raw: str) -> int:
    """How many times an entity was escaped: 1 for "&rsquo;", 2 for "&amp;rsquo;" ("&amp;" alone: 1)."""
    return raw.count("&amp;") + 1 if raw.startswith("&amp;") and raw != "&amp;" else 1


def find_entities(text: str, covered: list[tuple[int, int]]) -> list[EncodingIssue]:
    """Report HTML entity residue in plain text (nothing if the text itself is markup)."""
    # Markup needs a "<" or "&lt;": a text with neither (most) is settled by two substring tests,
    # not a search of the markup pattern.
    if "&" not in text or (("<" in text or "&lt;" in text) and _MARKUP_RE.search(text)):
        return []
    issues: list[EncodingIssue] = []
    for m in ENTITY_RE.finditer(text):
        raw = m.group()
        decoded = _unescape_fully(raw)
        if decoded == raw or any(a < m.end() and m.start() < b for a, b in covered):
            continue
        levels = entity_levels(raw)
        what = f"HTML entity {raw}" if levels == 1 else f"HTML entity escaped {levels} times {raw}"
        issues.append(EncodingIssue(m.start(), m.end(), "html-entity", f"{what} for {decoded!r}", decoded, True))
    return issues
