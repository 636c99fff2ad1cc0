"""Invisible format characters and HTML entity residue.

Hand-written because neither is mojibake: ftfy does not report them (it silently decodes entities and
leaves soft hyphens, ZWSP and bidi controls alone), and whether they are wrong depends on the script
around them, which is a small, stable set of Unicode rules:

* ZWJ (U+200D) builds emoji sequences and Indic conjuncts; it is only flagged between two Latin letters.
* ZWNJ (U+200C) is part of Persian, Arabic and Indic spelling; it is flagged only when no neighbour
  belongs to a script that uses it.
* LRM/RLM (U+200E/U+200F) and the bidi embeddings/isolates are legitimate next to right-to-left text.
* U+202F narrow no-break space is normal French typography and is never flagged.

Entities are flagged only when ``html.unescape`` changes them and the text is not markup itself (the
same "a literal tag means this is HTML" test ftfy uses for ``unescape_html="auto"``).
"""

from __future__ import annotations

import html
import re
import unicodedata

from srclint.text.issue import EncodingIssue

#: Characters always deleted when stray (soft hyphen, ZWSP, word joiner, BOM).
_ALWAYS = {"\u00ad", "\u200b", "\u2060", "\ufeff"}
_BIDI_CONTROLS = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_MARKS = {"\u200e", "\u200f"}
INVISIBLE_RE = re.compile("[\u00ad\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]")

#: Scripts that are written right to left (Hebrew, Arabic, Syriac, Thaana, NKo, ... presentation forms).
_RTL_RANGES = ((0x0590, 0x08FF), (0xFB1D, 0xFDFF), (0xFE70, 0xFEFF), (0x10800, 0x10FFF), (0x1E800, 0x1EFFF))
#: Scripts whose orthography uses ZWNJ/ZWJ: Arabic-script languages, Indic and other Brahmic scripts.
_JOINER_RANGES = ((0x0600, 0x08FF), (0x0900, 0x0DFF), (0x0F00, 0x109F), (0x1780, 0x17FF),
                  (0xA8E0, 0xA8FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF))


def _in(ranges: tuple[tuple[int, int], ...], ch: str) -> bool:
    cp = ord(ch)
    return any(lo <= cp <= hi for lo, hi in ranges)


def _is_latin_letter(ch: str) -> bool:
    return ch.isalpha() and (ch.isascii() or "LATIN" in unicodedata.name(ch, ""))


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
    if ch == "\ufeff":
        return i != 0
    if ch in _ALWAYS:
        return True
    left, right = _neighbours(text, i, "\u200c\u200d")
    if ch == "\u200d":  # zero width joiner: emoji sequences, Indic conjuncts
        return _is_latin_letter(left) and _is_latin_letter(right)
    if ch == "\u200c":  # zero width non-joiner: Persian, Arabic, Indic spelling
        return not (left and _in(_JOINER_RANGES, left)) and not (right and _in(_JOINER_RANGES, right))
    if ch in _MARKS or ch in _BIDI_CONTROLS:
        return not _near_rtl(text, i)
    return False


def find_invisible(text: str, covered: list[tuple[int, int]]) -> list[EncodingIssue]:
    """Report stray invisible format characters, one issue per character."""
    issues: list[EncodingIssue] = []
    for m in INVISIBLE_RE.finditer(text):
        i = m.start()
        if any(a <= i < b for a, b in covered) or not _stray(text, i):
            continue
        ch = text[i]
        name = unicodedata.name(ch, "FORMAT CHARACTER")
        issues.append(EncodingIssue(i, i + 1, "invisible-char", f"U+{ord(ch):04X} {name}", "", True))
    return issues


# &name; / &#123; / &#x7B; optionally preceded by escaped ampersands ("&amp;#8217;", "&amp;amp;rsquo;").
ENTITY_RE = re.compile(r"&(?:amp;)*(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_MARKUP_RE = re.compile(r"<[A-Za-z/!?]")


def _unescape_fully(s: str) -> str:
    for _ in range(8):
        nxt = html.unescape(s)
        if nxt == s:
            break
        s = nxt
    return s


def find_entities(text: str, covered: list[tuple[int, int]]) -> list[EncodingIssue]:
    """Report HTML entity residue in plain text (nothing if the text itself is markup)."""
    if "&" not in text or _MARKUP_RE.search(text):
        return []
    issues: list[EncodingIssue] = []
    for m in ENTITY_RE.finditer(text):
        raw = m.group()
        decoded = _unescape_fully(raw)
        if decoded == raw or any(a < m.end() and m.start() < b for a, b in covered):
            continue
        levels = raw.count("&amp;") + 1 if raw.startswith("&amp;") and raw != "&amp;" else 1
        what = f"HTML entity {raw}" if levels == 1 else f"HTML entity escaped {levels} times {raw}"
        issues.append(EncodingIssue(m.start(), m.end(), "html-entity", f"{what} for {decoded!r}", decoded, True))
    return issues
