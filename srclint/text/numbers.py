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
from dataclasses import dataclass
from typing import Optional

from srclint.text.dates import DateMention, find_dates
from srclint.text.number_patterns import (
    _APPROX, _CURRENCY, _RX_AND_BETWEEN, _RX_ANY_NUMBER, _RX_ANY_NUMBER_LOW, _RX_APPROX_LEFT, _RX_CURRENCY_LEFT,
    _RX_DIGITS, _RX_DIGITS_AT, _RX_ES_PLURAL, _RX_FROM_BEFORE, _RX_GLUED, _RX_HYPHEN_WORD, _RX_LEADING_ZERO,
    _RX_MASKS, _RX_NEXT_WORD, _RX_OF, _RX_PREV_WORD, _RX_RANGE_SEP, _RX_SCALE, _RX_SLASH_DIGIT, _RX_SPACES, _RX_UNIT,
    _RX_VAGUE, _RX_VAGUE_LOW, _RX_WORD_AFTER, _RX_WORD_TOK, _RX_WORDS, _RX_WORDS_LOW, _RX_YEAR_NUMBER, _SCALE_ABBR,
    _SCALES, _SMALL, _TENS_W, _UNIT_PATTERNS, _VAGUE,
)

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



def _singular(w: str) -> str:
    w = w.lower().strip("'’")
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if _RX_ES_PLURAL.search(w):
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
    if _RX_HYPHEN_WORD.match(nxt) or _RX_SLASH_DIGIT.match(nxt):
        return False
    if is_digits and nxt[:1].isalpha() and not _RX_GLUED.match(text, e):
        return False
    return True


def _ascii_lowered(text: str) -> str | None:
    """`text` lower-cased when it is ASCII, else None. find_quantities searches the lower-cased
    text with the case-sensitive twins of its case-insensitive patterns then: the same matches at
    the same offsets, in a fraction of the time. (Only ASCII: "ſ" or the Kelvin sign match letters
    of the patterns case-insensitively, but lower-case to other characters.)"""
    return text.lower() if text.isascii() else None


# The letters that the patterns' IGNORECASE matches as ASCII ones but that `str.lower` leaves
# alone (or turns into two characters), each with the ASCII letter it matches: "ſix" matches the
# word pattern, and its lower case must then be the "six" of the tables. One character for one,
# so offsets stay. (tests/test_text_numbers.py checks the list against the `re` module.)
_CASE_TWINS = str.maketrans({"\u017f": "s", "\u0131": "i", "\u0130": "I", "\u212a": "K"})


def find_quantities(text: str, dates: list[DateMention] | None = None) -> list[Quantity]:
    """All quantities in ``text``, sorted by offset, non-overlapping. ``dates`` are
    ``find_dates(text)`` (against any anchor: only the mentions' spans are read) when the caller
    has them already; else they are found here."""
    if not text:
        return []
    if not text.isascii() and (twinned := text.translate(_CASE_TWINS)) != text:
        # Read as their ASCII twins; each quantity keeps the text as written.
        return [
            Quantity(q.start, q.end, text[q.start : q.end], q.low, q.high, q.unit, q.head, q.approximator, q.value)
            for q in find_quantities(twinned, dates)
        ]
    low = _ascii_lowered(text)
    if (_RX_ANY_NUMBER.search(text) if low is None else _RX_ANY_NUMBER_LOW.search(low)) is None:
        return []
    masked = bytearray(len(text) + 1)
    for ms, me in _masks(text, dates):
        masked[ms:me] = b"\x01" * (me - ms)
    cands: list[tuple[int, int, str]] = [
        (m.start(), m.end(), "d") for m in _RX_DIGITS.finditer(text) if not _RX_LEADING_ZERO.match(m.group())
    ]  # "000", "05": a split thousands group or a code, not a count
    cands += [(m.start(), m.end(), "w") for m in (_RX_WORDS.finditer(text) if low is None else _RX_WORDS_LOW.finditer(low))]
    cands += [(m.start(), m.end(), "v") for m in (_RX_VAGUE.finditer(text) if low is None else _RX_VAGUE_LOW.finditer(low))]
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
        phrase = _RX_SPACES.sub(" ", text[s:e].lower())
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
    is_year = kind == "d" and unit is None and _RX_YEAR_NUMBER.fullmatch(text[s:e]) is not None
    approx: Optional[str] = None
    am = _RX_APPROX_LEFT.search(text, max(floor, start - 24), start)
    if am:
        approx = _RX_SPACES.sub(" ", am.group().strip().lower())
    # range: "5-10", "5 to 10", "between 5 and 10" (not "from 5 to 10", a change)
    rm = (_RX_AND_BETWEEN if approx == "between" else _RX_RANGE_SEP).match(text, end)
    if rm and kind != "v" and not is_year and _RX_FROM_BEFORE.search(text[max(0, start - 8):start]) is None:
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
