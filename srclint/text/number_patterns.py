"""The lexicon of `srclint.text.numbers` and the patterns made from it.

A module of its own so that `srclint.claims` can import it when it is imported itself, cheaply
(the patterns are `LazyPattern`s): the pack cache then stores these patterns compiled with the
rest (see `srclint.text.compiled_lazy_patterns`, which collects the patterns of the modules
imported when the cache entry is written), while `srclint.text.numbers` itself, whose dataclass
takes a while to make, is still imported only where counts are first read.
"""
from __future__ import annotations

import math
import re

from srclint.text import LazyPattern

# ------------------------------------------------------------------------------- lexicon
_UNITS_W = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
            "fifteen sixteen seventeen eighteen nineteen").split()
_TENS_W = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_SMALL = {w: i for i, w in enumerate(_UNITS_W)} | {w: 20 + 10 * i for i, w in enumerate(_TENS_W)}
_SCALES = {"hundred": 100.0, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "dozen": 12.0}
_SCALE_ABBR = {"bn": 1e9, "mn": 1e6, "mln": 1e6, "k": 1e3}
_VAGUE = {"dozens": (24.0, 99.0), "scores": (40.0, 199.0), "hundreds": (200.0, 999.0),
          "thousands": (2e3, 9999.0), "millions": (2e6, 999e6), "billions": (2e9, 999e9)}
_CURRENCY = {"US$": "usd", "$": "usd", "€": "eur", "£": "gbp"}

_APPROX: dict[str, tuple[float, float]] = {}  # name -> (low factor, high factor)
for _w in ("about", "around", "roughly", "approximately", "some", "an estimated", "estimated", "circa"):
    _APPROX[_w] = (0.9, 1.1)
for _w in ("nearly", "almost", "close to", "just under"):
    _APPROX[_w] = (0.9, 1.0)
for _w in ("at least", "more than", "over", "upwards of", "in excess of", "no fewer than", "no less than",
           "just over"):
    _APPROX[_w] = (1.0, math.inf)
for _w in ("up to", "as many as", "as much as", "at most", "fewer than", "less than", "under", "no more than"):
    _APPROX[_w] = (0.0, 1.0)
_APPROX["between"] = (1.0, 1.0)

_WORDNUM = "|".join(sorted(list(_SMALL) + list(_SCALES), key=len, reverse=True))
# The first letters of every match of _RX_WORDS and of _RX_VAGUE. Each pattern opens with a
# lookahead on them (a necessary condition, case-folded like the words): the alternations
# after it, case-insensitive, are not tried one by one at every other position of a sentence.
_WORDS_FIRST = "".join(sorted({w[0] for w in [*_SMALL, *_SCALES, "a"]}))
_VAGUE_FIRST = "abdhmst"  # tens, hundreds, several, a few, half, dozens, scores, thousands, millions, billions
_RX_DIGITS = LazyPattern(r"(?<![\w.,/:#@'’-])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")
_RX_DIGITS_AT = LazyPattern(r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")
_WORDS_SOURCE = (rf"(?=[{_WORDS_FIRST}])(?<![\w-])(?:(?:a|an)\s+(?=(?:hundred|thousand|million|billion|dozen)\b))?"
                 rf"(?:{_WORDNUM})(?:(?:\s+and\s+|[\s-]+)(?:{_WORDNUM}))*\b")
_RX_WORDS = LazyPattern(_WORDS_SOURCE, re.IGNORECASE)
_RX_WORD_TOK = LazyPattern(rf"\b(?:a|an|and|{_WORDNUM})\b", re.IGNORECASE)
_VAGUE_SOURCE = (rf"(?=[{_VAGUE_FIRST}])\b(?:(?:tens|hundreds)\s+of\s+thousands|(?:several|a\s+few)\s+(?:hundred|"
                 r"thousand|million|billion|dozen)|half\s+a\s+dozen|dozens|scores(?=\s+of\b)|hundreds|thousands|"
                 r"millions|billions)\b")
_RX_VAGUE = LazyPattern(_VAGUE_SOURCE, re.IGNORECASE)
# The same two patterns without IGNORECASE, for lower-cased ASCII text (where matching it
# case-sensitively finds what the patterns above find in the text itself, at the same offsets):
# `re` tries a case-insensitive pattern at each position at several times the cost.
_RX_WORDS_LOW = LazyPattern(_WORDS_SOURCE)
_RX_VAGUE_LOW = LazyPattern(_VAGUE_SOURCE)
_RX_APPROX_LEFT = LazyPattern(r"\b(?:" + "|".join(sorted((a.replace(" ", r"\s+") for a in _APPROX), key=len, reverse=True))
                              + r")\s+$", re.IGNORECASE)
_RX_CURRENCY_LEFT = LazyPattern(r"(?:US\$|\$|€|£)\s?$")
_RX_GLUED = LazyPattern(r"(?:km|kg|bn|mn|m|k|%)(?![\w])")
_RX_SCALE = LazyPattern(r"\s*(?:(?P<w>hundred|thousand|million|billion|trillion)|(?P<a>bn|mn|mln))\b", re.IGNORECASE)
_UNIT_PATTERNS: list[tuple[str, str]] = [
    (r"%|percent\b|per\s*cent\b|pct\b", "percent"), (r"percentage\s+points?\b", "pp"),
    (r"(?:square|sq\.?)\s+(?:kilomet(?:er|re)s?|km)\b|km2\b|km²", "km2"), (r"square\s+miles?\b", "mi2"),
    (r"kilomet(?:er|re)s?\b|km\b", "km"), (r"nautical\s+miles?\b", "nmi"), (r"miles?\b|mi\b", "mi"),
    (r"met(?:er|re)s?\b|m\b", "m"), (r"feet\b|foot\b|ft\b", "ft"), (r"kilo(?:gram)?s?\b|kg\b", "kg"),
    (r"pounds?\b|lbs?\b", "lb"), (r"(?:metric\s+)?(?:tons?|tonnes?)\b", "t"),
    (r"(?:US\s+)?dollars\b", "usd"), (r"euros?\b", "eur"), (r"r[o]?ubles?\b", "rub"),
]
_RX_UNIT = LazyPattern(r"\s*(?:" + "|".join(f"(?P<u{i}>{p})" for i, (p, _) in enumerate(_UNIT_PATTERNS)) + ")",
                       re.IGNORECASE)
_TZ = r"(?:GMT|UTC|ET|EST|EDT|PT|BST|CET|CEST|MSK)\b"
# What `srclint.text.numbers` masks before it reads counts: times, designators, models, numbered
# labels. Each pattern opens with a character or a literal to look for (rather than with `\b`),
# so that `re` skips ahead to the places where a match can start instead of trying the pattern
# at every position (4x faster): the word boundary before it is the lookbehind after that first
# character (`\b` before a word character is no word character before it).
_MASK_MAKERS = ("Boeing", "Airbus", "Antonov", "Ilyushin", "Tupolev", "Sukhoi", "MiG", "Lockheed", "Embraer",
                "Bombardier", "Cessna", "Gulfstream", "Learjet")
_MASK_LABELS = ("Article", "Resolution", "Section", "Chapter", "Route", "Highway", "Flight", "flight", "No.", "Number",
                "Room", "Gate", "Terminal", "Platform", "Building", "Annex", "Amendment", "Decree", "Law", "Item", "Page",
                "page", "Paragraph", "paragraph", "Phase", "Level", "Category", "Hurricane", "Apollo", "Windows",
                "version", "Version", "Vol.", "Volume", "Square")


def _words_at_boundary(words: tuple[str, ...]) -> str:
    """`\b(?:w1|w2|...)` for words that open with a word character, each alternative opening with
    its first character (see `_RX_MASKS`)."""
    return "(?:" + "|".join(re.escape(w[0]) + rf"(?<!\w{re.escape(w[0])})" + re.escape(w[1:]) for w in words) + ")"


_RX_MASKS = [
    # \b\d{1,2}(?:[:.]\d{2})?\s*(?:[ap]\.m\.|[ap]m\b|[AP]M\b|o['’]clock): "9 a.m.", "10:30pm"
    LazyPattern(r"\d(?<!\w\d)\d?(?:[:.]\d{2})?\s*(?:[ap]\.m\.|[ap]m\b|[AP]M\b|o['’]clock)"),
    # \b\d{1,2}:\d{2}(?::\d{2})?\b|\b\d{1,4}\s*{_TZ}|\b\d{4}\s*(?:Z|local\s+time|hours|hrs|h)\b
    LazyPattern(rf"\d(?<!\w\d)(?:\d?:\d{{2}}(?::\d{{2}})?\b|\d{{0,3}}\s*{_TZ}|\d{{3}}\s*(?:Z|local\s+time|hours|hrs|h)\b)"),
    # \b[A-Z][A-Za-z]*-\d+[A-Za-z0-9]*(?:-[A-Za-z0-9]+)*: Su-30MK2, Il-76, RA-78765, COVID-19
    LazyPattern(r"[A-Z](?<!\w[A-Z])[A-Za-z]*-\d+[A-Za-z0-9]*(?:-[A-Za-z0-9]+)*"),
    LazyPattern(_words_at_boundary(_MASK_MAKERS) + r"\s+[A-Z]{0,2}-?\d+[A-Za-z0-9-]*"),  # Boeing 747
    LazyPattern(_words_at_boundary(_MASK_LABELS) + r"\s+#?\d+\w*"),  # Article 5, Flight 17
]
_RX_WORD_AFTER = LazyPattern(r"[ \t]+([A-Za-z][\w'’-]*)")
_RX_OF = LazyPattern(r"[ \t]+of(?:[ \t]+(?:the|its|their|his|her|our|these|those))?(?=[ \t])", re.IGNORECASE)
_RX_PREV_WORD = LazyPattern(r"([A-Za-z]+)\s+$")
_RX_NEXT_WORD = LazyPattern(r"\s+([A-Za-z]+)")
# Smaller patterns of `srclint.text.numbers`, here rather than given to `re` inline so that
# they come compiled from the pack cache with the others.
_RX_ES_PLURAL = LazyPattern(r"(?:ss|x|z|ch|sh)es$")
_RX_HYPHEN_WORD = LazyPattern(r"-[A-Za-z]")
_RX_SLASH_DIGIT = LazyPattern(r"[/:]\d")
_ANY_NUMBER_WORDS = r"one|two|three|four|five|six|seven|eight|nine|ten|twelve|teen|ty\b|hundred|thousand|million|billion|dozen|scores"
_RX_ANY_NUMBER = LazyPattern(rf"\d|(?i:{_ANY_NUMBER_WORDS})")
_RX_ANY_NUMBER_LOW = LazyPattern(rf"\d|{_ANY_NUMBER_WORDS}")  # for lower-cased ASCII text, as _RX_WORDS_LOW
_RX_LEADING_ZERO = LazyPattern(r"0\d")
_RX_SPACES = LazyPattern(r"\s+")
_RX_YEAR_NUMBER = LazyPattern(r"(?:19|20)\d\d")
_RX_AND_BETWEEN = LazyPattern(r"\s+and\s+")
_RX_RANGE_SEP = LazyPattern(r"\s*[-–]\s*|\s+to\s+")
_RX_FROM_BEFORE = LazyPattern(r"\bfrom\s+\S*$", re.IGNORECASE)
