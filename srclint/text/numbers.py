"""Quantities in news text as intervals, with a normalised unit and the counted head noun.

Hand-written: generic unit parsers (quantulum3) read designators such as "F-16"/"Su-30" as units,
tag years and day-of-month numbers as quantities and lose the counted noun (domain.md §4.4).

Choices (documented, see also tests/test_text_numbers.py):
* Vague plurals: "dozens" [24, 99], "scores of" [40, 199], "hundreds" [200, 999], "thousands"
  [2000, 9999], "tens of thousands" [2e4, 99999], "hundreds of thousands" [2e5, 999999],
  "millions" [2e6, 999e6]; "several hundred" = [3, 9] x 100. ``value`` is the lower bound.
* A bare 1900-2099 without separator, currency, unit or approximator is a year, not a quantity.
* Numbers glued to a hyphenated word ("35-year-old", "5,000-strong") are modifiers: skipped.
* "X-Y" / "X to Y" / "between X and Y" give a range (``approximator`` "range" / "between");
  ``value`` is the first number. "from X to Y" is a change: two quantities.
* ``head``: after the expression (and an optional "of [the]"), take the run of up to 6 words up to
  the first function word, auxiliary, common past verb or (non-initial) -ed/-ing word, ending early
  at the first lower-case plural; the head is the last lower-case word of the run (noun phrases are
  head-final), else its last word ("three F-16s" -> "f-16"); lower-cased and singularised.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Optional

from srclint.text.dates import DateMention, find_dates

__all__ = ["Quantity", "find_quantities", "near_agreement"]


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number expression at text[start:end] as an interval [low, high], with its unit and
    counted head noun. (A docstring of its own: without one, `dataclass` writes one from the
    signature, importing `inspect` and with it ast, dis and tokenize, which the command line
    otherwise never loads.)"""

    start: int
    end: int
    text: str  # exact span of the whole expression ("up to 50 tons"), without the head noun
    low: float
    high: float  # math.inf allowed
    unit: Optional[str]  # "km", "m", "mi", "nmi", "ft", "km2", "mi2", "t", "kg", "lb", "usd", "eur", "gbp", "rub", "percent", "pp"
    head: Optional[str]
    approximator: Optional[str]
    value: float


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
_RX_DIGITS = re.compile(r"(?<![\w.,/:#@'’-])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")
_RX_DIGITS_AT = re.compile(r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")
_RX_WORDS = re.compile(rf"(?=[{_WORDS_FIRST}])(?<![\w-])(?:(?:a|an)\s+(?=(?:hundred|thousand|million|billion|dozen)\b))?"
                       rf"(?:{_WORDNUM})(?:(?:\s+and\s+|[\s-]+)(?:{_WORDNUM}))*\b", re.IGNORECASE)
_RX_WORD_TOK = re.compile(rf"\b(?:a|an|and|{_WORDNUM})\b", re.IGNORECASE)
_RX_VAGUE = re.compile(rf"(?=[{_VAGUE_FIRST}])\b(?:(?:tens|hundreds)\s+of\s+thousands|(?:several|a\s+few)\s+(?:hundred|"
                       r"thousand|million|billion|dozen)|half\s+a\s+dozen|dozens|scores(?=\s+of\b)|hundreds|thousands|"
                       r"millions|billions)\b", re.IGNORECASE)
_RX_APPROX_LEFT = re.compile(r"\b(?:" + "|".join(sorted((a.replace(" ", r"\s+") for a in _APPROX), key=len, reverse=True))
                             + r")\s+$", re.IGNORECASE)
_RX_CURRENCY_LEFT = re.compile(r"(?:US\$|\$|€|£)\s?$")
_RX_GLUED = re.compile(r"(?:km|kg|bn|mn|m|k|%)(?![\w])")
_RX_SCALE = re.compile(r"\s*(?:(?P<w>hundred|thousand|million|billion|trillion)|(?P<a>bn|mn|mln))\b", re.IGNORECASE)
_UNIT_PATTERNS: list[tuple[str, str]] = [
    (r"%|percent\b|per\s*cent\b|pct\b", "percent"), (r"percentage\s+points?\b", "pp"),
    (r"(?:square|sq\.?)\s+(?:kilomet(?:er|re)s?|km)\b|km2\b|km²", "km2"), (r"square\s+miles?\b", "mi2"),
    (r"kilomet(?:er|re)s?\b|km\b", "km"), (r"nautical\s+miles?\b", "nmi"), (r"miles?\b|mi\b", "mi"),
    (r"met(?:er|re)s?\b|m\b", "m"), (r"feet\b|foot\b|ft\b", "ft"), (r"kilo(?:gram)?s?\b|kg\b", "kg"),
    (r"pounds?\b|lbs?\b", "lb"), (r"(?:metric\s+)?(?:tons?|tonnes?)\b", "t"),
    (r"(?:US\s+)?dollars\b", "usd"), (r"euros?\b", "eur"), (r"r[o]?ubles?\b", "rub"),
]
_RX_UNIT = re.compile(r"\s*(?:" + "|".join(f"(?P<u{i}>{p})" for i, (p, _) in enumerate(_UNIT_PATTERNS)) + ")",
                      re.IGNORECASE)
_TZ = r"(?:GMT|UTC|ET|EST|EDT|PT|BST|CET|CEST|MSK)\b"
_RX_MASKS = [
    re.compile(r"\b\d{1,2}(?:[:.]\d{2})?\s*(?:[ap]\.m\.|[ap]m\b|[AP]M\b|o['’]clock)"),
    re.compile(rf"\b\d{{1,2}}:\d{{2}}(?::\d{{2}})?\b|\b\d{{1,4}}\s*{_TZ}|\b\d{{4}}\s*(?:Z|local\s+time|hours|hrs|h)\b"),
    re.compile(r"\b[A-Z][A-Za-z]*-\d+[A-Za-z0-9]*(?:-[A-Za-z0-9]+)*"),  # Su-30MK2, Il-76, RA-78765, COVID-19
    re.compile(r"\b(?:Boeing|Airbus|Antonov|Ilyushin|Tupolev|Sukhoi|MiG|Lockheed|Embraer|Bombardier|Cessna|"
               r"Gulfstream|Learjet)\s+[A-Z]{0,2}-?\d+[A-Za-z0-9-]*"),
    re.compile(r"\b(?:Article|Resolution|Section|Chapter|Route|Highway|Flight|flight|No\.|Number|Room|Gate|Terminal|"
               r"Platform|Building|Annex|Amendment|Decree|Law|Item|Page|page|Paragraph|paragraph|Phase|Level|"
               r"Category|Hurricane|Apollo|Windows|version|Version|Vol\.|Volume|Square)\s+#?\d+\w*"),
]
_ONE_BAD_PREV = frozenset("no the this that any every each some which another only little last first".split())
_STOP = frozenset((
    "a an the of in on at to for from by with and or but nor as than that which who whom whose were was are is be "
    "been being have has had will would could should may might must can do does did not no more less each apiece "
    "per ago later earlier away long wide high tall deep old this these those it its their they them he she his "
    "her we our you i so if when while where after before since until into onto over under about around between "
    "against during through across also said say says according there here out up down off then too very just "
    "only including among plus minus times percent all both such other another most many few what how why "
    "killed died wounded injured arrested detained flew went came took left fled fell rose met made gave sent "
    "held struck shot won lost ran got saw stood").split())
_ADJ_ED = frozenset("armed unarmed wounded unnamed unidentified trained skilled guided armoured armored masked "
                    "suspected alleged retired displaced uniformed embedded unmanned manned qualified licensed "
                    "registered unregistered detained captured kidnapped abducted undocumented".split())
_IRREGULAR = {"people": "people", "men": "man", "women": "woman", "children": "child", "feet": "foot",
              "teeth": "tooth", "mice": "mouse", "geese": "goose", "lives": "life", "wives": "wife",
              "knives": "knife", "halves": "half", "personnel": "personnel", "police": "police",
              "aircraft": "aircraft", "series": "series", "species": "species", "news": "news", "data": "data",
              "staff": "staff", "sheep": "sheep", "fish": "fish", "crises": "crisis", "analyses": "analysis"}
_RX_WORD_AFTER = re.compile(r"[ \t]+([A-Za-z][\w'’-]*)")
_RX_OF = re.compile(r"[ \t]+of(?:[ \t]+(?:the|its|their|his|her|our|these|those))?(?=[ \t])", re.IGNORECASE)
_RX_PREV_WORD = re.compile(r"([A-Za-z]+)\s+$")
_RX_NEXT_WORD = re.compile(r"\s+([A-Za-z]+)")


def _singular(w: str) -> str:
    w = w.lower().strip("'’")
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if re.search(r"(?:ss|x|z|ch|sh)es$", w):
        return w[:-2]
    if w.endswith("s") and not w.endswith(("ss", "us", "is")) and len(w) > 2:
        return w[:-1]
    return w


def _head(text: str, pos: int) -> Optional[str]:
    m = _RX_OF.match(text, pos)
    if m:
        pos = m.end()
    run: list[str] = []
    while len(run) < 6:
        t = _RX_WORD_AFTER.match(text, pos)
        if not t:
            break
        w = t.group(1)
        lw = w.lower()
        if lw in _STOP or lw in _SMALL or lw in _SCALES:
            break
        if w.islower() and (run and lw.endswith(("ed", "ing")) or not run and lw.endswith("ed") and lw not in _ADJ_ED):
            break  # "32 people killed", "5 million dollars changed hands"; but "30 armed men"
        run.append(w)
        pos = t.end()
        if w.islower() and (_singular(w) != lw or lw == "people"):
            break  # a plural common noun ends the phrase: "units remain", "people say"
    if not run:
        return None
    lower = [w for w in run if w.islower()]
    return _singular(lower[-1] if lower else run[-1])


def _words_value(text: str, s: int, e: int) -> tuple[float, int] | None:
    """Evaluate the number-word phrase text[s:e]; returns (value, end) of the longest valid prefix."""
    total, cur, end, prev = 0.0, 0.0, s, ""
    seen = False
    for t in _RX_WORD_TOK.finditer(text, s, e):
        w = t.group().lower()
        if w in ("a", "an"):
            if seen:
                break
            cur, prev = 1.0, "a"
            continue
        if w == "and":
            if prev not in ("hundred", "thousand", "million", "billion"):
                break
            prev = "and"
            continue
        if w in _SMALL:
            after_tens = prev in _TENS_W and 0 < _SMALL[w] < 10
            if prev in _SMALL and not after_tens or prev == "a":
                break
            cur += _SMALL[w]
        elif w in ("hundred", "dozen"):
            if prev in ("hundred", "dozen"):
                break
            cur = (cur or 1.0) * _SCALES[w]
        else:
            total += (cur or 1.0) * _SCALES[w]
            cur = 0.0
        prev, seen, end = w, True, t.end()
    if not seen:
        return None
    return total + cur, end


def _masks(text: str, dates: list[DateMention] | None = None) -> list[tuple[int, int]]:
    spans = [(m.start(), m.end()) for rx in _RX_MASKS for m in rx.finditer(text)]
    if dates is None:
        dates = find_dates(text)
    spans += [(d.start, d.end) for d in dates if any(c.isdigit() for c in d.text)]
    return spans


def _number_at(text: str, pos: int) -> tuple[float, int, bool] | None:
    """A digit or word number starting exactly at pos: (value, end, is_digits)."""
    m = _RX_DIGITS_AT.match(text, pos)
    if m:
        return float(m.group().replace(",", "")), m.end(), True
    m = _RX_WORDS.match(text, pos)
    if m:
        r = _words_value(text, m.start(), m.end())
        if r:
            return r[0], r[1], False
    return None


def _core_ok(text: str, s: int, e: int, is_digits: bool) -> bool:
    """Reject ordinals, decades, glued designators ("A320", "5G"), "24/7", "35-year-old"."""
    nxt = text[e:e + 2]
    if re.match(r"-[A-Za-z]", nxt) or re.match(r"[/:]\d", nxt):
        return False
    if is_digits and nxt[:1].isalpha() and not _RX_GLUED.match(text, e):
        return False
    return True


def find_quantities(text: str, dates: list[DateMention] | None = None) -> list[Quantity]:
    """All quantities in ``text``, sorted by offset, non-overlapping. ``dates`` are
    ``find_dates(text)`` (against any anchor: only the mentions' spans are read) when the caller
    has them already; else they are found here."""
    if not text or not re.search(r"\d|(?i:one|two|three|four|five|six|seven|eight|nine|ten|twelve|teen|ty\b|"
                                 r"hundred|thousand|million|billion|dozen|scores)", text):
        return []
    masked = bytearray(len(text) + 1)
    for ms, me in _masks(text, dates):
        masked[ms:me] = b"\x01" * (me - ms)
    cands: list[tuple[int, int, str]] = [
        (m.start(), m.end(), "d") for m in _RX_DIGITS.finditer(text) if not re.match(r"0\d", m.group())
    ]  # "000", "05": a split thousands group or a code, not a count
    cands += [(m.start(), m.end(), "w") for m in _RX_WORDS.finditer(text)]
    cands += [(m.start(), m.end(), "v") for m in _RX_VAGUE.finditer(text)]
    cands.sort(key=lambda c: (c[0], -c[1]))
    out: list[Quantity] = []
    last = 0
    for s, e, kind in cands:
        if s < last or any(masked[s:e]):
            continue
        q = _build(text, s, e, kind, last)
        if q is not None:
            out.append(q)
            last = q.end
    return out


def _build(text: str, s: int, e: int, kind: str, floor: int) -> Optional[Quantity]:
    lo_hi: tuple[float, float]
    if kind == "v":
        phrase = re.sub(r"\s+", " ", text[s:e].lower())
        if phrase.startswith(("several", "a few")):
            sc = _SCALES[phrase.split()[-1]]
            lo_hi = (3 * sc, 9 * sc) if phrase.startswith("several") else (2 * sc, 5 * sc)
        elif phrase == "half a dozen":
            lo_hi = (6.0, 6.0)
        elif phrase.endswith("of thousands"):
            lo_hi = (2e4, 99999.0) if phrase.startswith("tens") else (2e5, 999999.0)
        else:
            lo_hi = _VAGUE[phrase]
        value, is_digits = lo_hi[0], False
    elif kind == "w":
        r = _words_value(text, s, e)
        if r is None:
            return None
        value, e = r
        is_digits = False
        if text[s:e].lower() in ("one", "a", "an"):  # conservative "one": "no one", "one of the", "one day"
            prev = _RX_PREV_WORD.search(text, 0, s)
            nxt = _RX_NEXT_WORD.match(text, e)
            if text[s:e].lower() != "one" or (prev and prev.group(1).lower() in _ONE_BAD_PREV) or not nxt \
                    or nxt.group(1).lower() in _STOP | {"day", "time", "point", "way", "thing", "side", "hand",
                                                         "another", "person's", "must", "knows"}:
                return None
        lo_hi = (value, value)
    else:
        value, is_digits = float(text[s:e].replace(",", "")), True
        lo_hi = (value, value)
    if kind != "v" and not _core_ok(text, s, e, is_digits):
        return None
    start, end = s, e
    unit: Optional[str] = None
    cur = _RX_CURRENCY_LEFT.search(text, max(floor, s - 4), s)
    if cur and kind != "v":
        unit, start = _CURRENCY[cur.group().strip()], cur.start()
    is_year = kind == "d" and unit is None and re.fullmatch(r"(?:19|20)\d\d", text[s:e]) is not None
    approx: Optional[str] = None
    am = _RX_APPROX_LEFT.search(text, max(floor, start - 24), start)
    if am:
        approx = re.sub(r"\s+", " ", am.group().strip().lower())
    # range: "5-10", "5 to 10", "between 5 and 10" (not "from 5 to 10", a change)
    rm = re.compile(r"\s+and\s+" if approx == "between" else r"\s*[-–]\s*|\s+to\s+").match(text, end)
    if rm and kind != "v" and not is_year and not re.search(r"\bfrom\s+\S*$", text[max(0, start - 8):start], re.IGNORECASE):
        n2 = _number_at(text, rm.end())
        if n2 and n2[0] >= value and _core_ok(text, rm.end(), n2[1], n2[2]):
            lo_hi, end = (value, n2[0]), n2[1]
            approx = approx or "range"
    if approx == "between" and lo_hi[0] == lo_hi[1]:
        approx, am = None, None
    # scale ("1.2 billion", "$50 million", "$5bn", "5m" after a currency)
    scale = 1.0
    g = _RX_GLUED.match(text, end) if is_digits else None
    if g and g.group() in ("bn", "mn", "k") or (g and g.group() == "m" and unit is not None):
        scale, end = _SCALE_ABBR.get(g.group(), 1e6), g.end()  # type: ignore[union-attr]
    elif kind != "v":
        sm = _RX_SCALE.match(text, end)
        if sm and (is_digits or sm.group("a") is None):
            scale = _SCALES.get((sm.group("w") or "").lower()) or _SCALE_ABBR[sm.group("a").lower()]
            end = sm.end()
    if unit is None:
        um = _RX_UNIT.match(text, end)
        if um and not (um.group().strip() == "m" and not is_digits):
            idx = next(i for i in range(len(_UNIT_PATTERNS)) if um.group(f"u{i}") is not None)
            unit, end = _UNIT_PATTERNS[idx][1], um.end()
    value *= scale
    lo, hi = lo_hi[0] * scale, lo_hi[1] * scale
    # a bare 19xx/20xx is a year
    if is_year and scale == 1.0 and unit is None and approx is None:
        return None
    if approx is not None and am is not None:
        f_lo, f_hi = _APPROX[approx]
        lo, hi = lo * f_lo, (math.inf if math.isinf(f_hi) else hi * f_hi)
        start = am.start()
    if hi < lo:
        lo, hi = hi, lo
    return Quantity(start, end, text[start:end], lo, hi, unit, _head(text, end), approx, value)


_CONV: dict[str, tuple[str, float]] = {
    "km": ("length", 1.0), "m": ("length", 1e-3), "mi": ("length", 1.609344), "nmi": ("length", 1.852),
    "ft": ("length", 3.048e-4), "km2": ("area", 1.0), "mi2": ("area", 2.589988),
    "t": ("mass", 1.0), "kg": ("mass", 1e-3), "lb": ("mass", 4.5359237e-4),
}


def near_agreement(a: Quantity, b: Quantity, tolerance: float = 0.1) -> bool:
    """True when the two intervals overlap after unit conversion.

    ``tolerance`` (relative) widens both intervals only when a conversion between different units
    was needed ("31 miles" vs "50 km", "1,000 km" vs "600 miles"); same-unit values must overlap
    as written (approximators already carry their own slack). Heads/roles are not compared here.
    Incompatible units (km vs usd, usd vs eur, count vs km) never agree.
    """
    da, fa = _CONV.get(a.unit or "", (a.unit, 1.0))
    db, fb = _CONV.get(b.unit or "", (b.unit, 1.0))
    if da != db:
        return False
    tol = tolerance if a.unit != b.unit else 0.0
    alo, ahi = a.low * fa * (1 - tol), a.high * fa * (1 + tol)
    blo, bhi = b.low * fb * (1 - tol), b.high * fb * (1 + tol)
    return alo <= bhi and blo <= ahi
