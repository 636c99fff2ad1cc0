"""Date mentions in news text, resolved to intervals against a dateline/publication anchor.

Hand-written on purpose: off-the-shelf parsers resolve weekdays forward (travel-booking
semantics) and read modal "may", "Su-30" or "0300 GMT" as dates (domain.md §4.2, §4.3).
Prepositions ("on", "in", "since") are not part of a mention's span; modifiers that change
the meaning ("late", "mid-", "last", "next", "this") are.
"""
from __future__ import annotations

import bisect
try:  # the C module itself, without the datetime module's pure Python version (see srclint.documents)
    import _datetime as dt
except ImportError:  # pragma: no cover - another implementation
    import datetime as dt  # type: ignore[no-redef]
import re
TYPE_CHECKING = False  # typing itself is not imported: a run that lints a file imports this module

from ..records import record
from . import LazyPattern, compiled_on_demand

if TYPE_CHECKING:
    from typing import Any, Callable, Optional
    from ..documents import Document

__all__ = [
    "MONTH_NAMES", "DateInterval", "DateMention", "find_dates", "may_hold_weekday_or_relative", "relative_dates",
    "relative_dates_at", "sentence_dates",
    "sentence_tense",
    "sentences_with_date_hints", "weekday_mismatch",
]

_D = dt.date
_DAY = dt.timedelta(days=1)
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# Spelled out rather than taken from `calendar` (whose names follow the locale, English unless a
# program sets one): importing it, and `locale` with it, took a share of every run's start-up.
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
               "November", "December")
_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


@record(frozen=True, slots=True)
class DateInterval:
    """The days a date may mean, from `start` to `end` (both included), and how precise it is."""
    start: dt.date  # inclusive
    end: dt.date  # inclusive
    granularity: str  # "day" | "days" | "week" | "month" | "part-of-month" | "year"

    def __init__(self, start: dt.date, end: dt.date, granularity: str) -> None:
        store = object.__setattr__  # a frozen class's fields are stored past its __setattr__
        store(self, "start", start)
        store(self, "end", end)
        store(self, "granularity", granularity)

    def overlaps(self, other: "DateInterval") -> bool:
        return self.start <= other.end and other.start <= self.end

    def iso(self) -> str:
        s, e, g = self.start, self.end, self.granularity
        if s == e:
            return s.isoformat()
        if g == "week" and s.weekday() == 0 and e == s + 6 * _DAY:
            y, w, _ = s.isocalendar()
            return f"{y}-W{w:02d}"
        if g == "month" and s.day == 1 and (s.year, s.month) == (e.year, e.month) and e == _month_end(s.year, s.month):
            return f"{s.year:04d}-{s.month:02d}"
        if g == "year" and (s.month, s.day, e.month, e.day) == (1, 1, 12, 31):
            return f"{s.year:04d}" if s.year == e.year else f"{s.year:04d}/{e.year:04d}"
        return f"{s.isoformat()}/{e.isoformat()}"


@record(frozen=True, slots=True)
class DateMention:
    """A date written in the text, with the interval it resolves to (None when it cannot be)."""
    start: int
    end: int
    text: str
    kind: str  # "explicit" | "relative" | "weekday"
    value: Optional[DateInterval]  # None when unresolvable (no anchor / no year source / invalid day)
    weekday: Optional[int]  # 0=Monday; stated weekday attached to an explicit date
    year_explicit: bool

    def __init__(
        self, start: int, end: int, text: str, kind: str, value: Optional[DateInterval], weekday: Optional[int],
        year_explicit: bool,
    ) -> None:  # fmt: skip
        store = object.__setattr__  # a frozen class's fields are stored past its __setattr__
        store(self, "start", start)
        store(self, "end", end)
        store(self, "text", text)
        store(self, "kind", kind)
        store(self, "value", value)
        store(self, "weekday", weekday)
        store(self, "year_explicit", year_explicit)


def _mention_builder() -> Callable[[int, int, str, str, Optional[DateInterval], Optional[int], bool], DateMention]:
    """`DateMention(*values)`, faster: the date rules make a mention for every date of every
    sentence they read, and the frozen dataclass's `__init__` stores each field through
    `object.__setattr__` by name. The fields go into an instance of a class with DateMention's
    very slots and plain attribute stores, which then becomes a DateMention (the two have the
    same layout, so Python allows the change of class). The constructor is used instead when
    the fields change or another interpreter will not convert (as `srclint.models.make_finding`)."""
    names = ("start", "end", "text", "kind", "value", "weekday", "year_explicit")
    if DateMention.__slots__ != names:
        return DateMention

    class _Unfrozen:
        __slots__ = names

    new = object.__new__

    def build(start: int, end: int, text: str, kind: str, value: Optional[DateInterval], weekday: Optional[int],
              year_explicit: bool) -> DateMention:
        m: Any = new(_Unfrozen)
        m.start = start
        m.end = end
        m.text = text
        m.kind = kind
        m.value = value
        m.weekday = weekday
        m.year_explicit = year_explicit
        m.__class__ = DateMention
        return m  # type: ignore[no-any-return]

    try:
        probe = build(1, 2, "x", "explicit", None, 3, True)
    except TypeError:
        return DateMention
    if type(probe) is not DateMention or probe != DateMention(1, 2, "x", "explicit", None, 3, True):
        return DateMention
    return build


new_mention = _mention_builder()


# --------------------------------------------------------------------------- lexicon
_MONTHS = {m.lower(): i for i, m in enumerate(MONTH_NAMES, 1)}
_MONTHS.update({"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
                "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12})
_WDAYS = {n.lower(): i for i, n in enumerate(WEEKDAY_NAMES)}
_WDAYS.update({"mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3,
               "fri": 4, "sat": 5, "sun": 6})
# Month names that double as ordinary words or given names: need a day, year or preposition.
_AMBIGUOUS_MONTHS = {"march", "may", "april", "june", "august"}
_NUMWORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
             "seven": 7, "eight": 8, "nine": 9, "ten": 10}


def _mon(n: str) -> str:
    full = "January|February|March|April|May|June|July|August|September|October|November|December"
    return rf"(?P<{n}>\b(?:{full}|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?))"


def _day(n: str, guard: bool = True) -> str:
    lb = r"(?<![\w.,:/$-])" if guard else ""
    return rf"(?P<{n}>{lb}(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?)(?![\w:%]|[.,]\d)"


def _first(chars: str) -> str:
    """A lookahead for the characters a pattern can start with. `re` skips ahead over text that
    cannot start a match when a pattern opens with a character class, but not when it opens
    with an optional group or a word boundary, as most patterns below do: 3-4x faster scans."""
    return f"(?=[{chars}])"


_YEAR = r"(?P<y>(?<![\w.,$-])(?:1[89]|20)\d{2})(?![\w%]|[.,:]\d|['’]s)"
_WDPFX = (r"(?:(?P<wd>\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
          r"(?:Mon|Tues?|Wed|Thu(?:rs?)?|Fri|Sat|Sun)\b\.?))\s*,?\s+)?")
_RANGE = r"(?:\s*[-–—]\s*|\s+(?:to|through|thru|until|till)\s+)"
_PREP_WORDS = "in|In|since|Since|by|By|until|Until|till|during|During|through|from|From|before|Before|after|After"
_PREP = rf"\b(?:{_PREP_WORDS})\s+"


def _opening(words: str) -> str:
    r"""\b and a lookahead for the words (or word beginnings) every match opens with. The
    patterns that use it open with optional named groups, which `re` enters and leaves at each
    word start it tries; a lookahead of plain literals rejects most word starts at once instead
    (2-3x faster scans on news text). Like `_first`, it must admit every match start."""
    return rf"\b(?={words})"


_MONTH_ABBR_ALT = "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec"  # every month name opens with one
_WEEKDAY_ABBR_ALT = "Mon|Tue|Wed|Thu|Fri|Sat|Sun"  # and every weekday name with one of these
_RX_MDY = LazyPattern(_first("JFMASONDTW") + _opening(f"{_WEEKDAY_ABBR_ALT}|{_MONTH_ABBR_ALT}") + _WDPFX + _mon("m")
                      + r"\s+" + _day("d") + rf"(?:{_RANGE}(?:{_mon('m2')}\s+)?{_day('d2', False)})?(?:(?:,\s*|\s+){_YEAR})?")
_RX_DMY = LazyPattern(_first("0-9MTWFS") + _WDPFX + _day("d") + r"(?:\s*[-–]\s*" + _day("d2", False) + r")?\s+(?:of\s+)?"
                      + _mon("m") + rf"(?:,?\s+{_YEAR})?")
_RX_PART = LazyPattern(_first("EeMmLlTt") + _opening("early|Early|mid|Mid|late|Late|the|The")
                       + r"(?P<part>\b(?:[Ee]arly|[Mm]id|[Ll]ate|[Tt]he\s+(?:start|beginning|middle|end)\s+of))"
                       r"(?:-|\s+)" + _mon("m") + rf"(?:,?\s+{_YEAR})?")
_RX_MY = LazyPattern(_first("JFMASOND") + _opening(_MONTH_ABBR_ALT) + _mon("m") + rf"(?:,\s*|\s+){_YEAR}")

_MONTH_WORDS = "January|February|March|April|May|June|July|August|September|October|November|December"
_WEEKDAY_WORDS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_RX_MONTH = LazyPattern(_first("iIsSbBuUtTdDfFaAlLnNJMO") + _opening(f"{_PREP_WORDS}|last|Last|next|Next|this|This|{_MONTH_WORDS}")
                        + rf"(?P<prep>{_PREP})?(?P<mod>\b(?:[Ll]ast|[Nn]ext|[Tt]his)\s+)?"
                        rf"(?P<m>\b(?:{_MONTH_WORDS}))\b(?!['’]s|-)")
_RX_YEAR = LazyPattern(_first("iIsSbBuUtdDfFaAEeLlMmOo") + _opening(f"{_PREP_WORDS}|early|Early|late|Late|mid|Mid|of|Of")
                       + rf"(?:{_PREP}|\b(?:[Ee]arly|[Ll]ate|[Mm]id-?|[Oo]f)\s*)"
                       rf"{_YEAR}(?:\s*(?:[-–]|to)\s*(?P<y2>(?:19|20)\d{{2}})(?![\w.,]\d|\w))?")
_RX_WEEKDAY = LazyPattern(
    _first("LlEeNnTtPpMWFS") + _opening(f"late|Late|early|Early|last|Last|next|Next|this|This|past|Past|{_WEEKDAY_WORDS}")
    + r"(?:(?P<mod>\b(?:[Ll]ate|[Ee]arly|[Ll]ast|[Nn]ext|[Tt]his|[Pp]ast)\s+))?"
    rf"(?P<wd>\b(?:{_WEEKDAY_WORDS}))\b"
    r"(?!s\b|\s+(?:Times|Telegraph|Mirror|Express|Post|Herald|Mail|Independent|Observer|Sport|"
    r"Night\s+Football|Night\s+Live|Morning\s+Herald)\b)")
_RX_HOLIDAY_BEFORE = LazyPattern(r"\b(?:Black|Good|Super|Cyber|Bloody|Ash|Easter|Palm|Holy|Maundy|"
                                 r"Shrove|Giving|Trinity|Whit)\s+$")
_RX_ARTICLE_BEFORE = LazyPattern(r"\b(?:the|The|a|A)\s+$")  # with `_RX_CAPITAL_AFTER`: "the Sunday Times"
_RX_CAPITAL_AFTER = LazyPattern(r"\s+[A-Z]")
_RX_NON_DIGIT = LazyPattern(r"\D")  # the ordinal suffix of a day ("3rd")
_DEICTIC = (
    r"\b(?:(?P<dd>(?:the\s+day\s+before\s+)?yesterday|today|tonight|tomorrow)(?:\s+(?:morning|afternoon|evening|night))?"
    r"|(?P<part>this|last)\s+(?:morning|afternoon|evening|night)"
    r"|(?P<el>earlier|later)\s+this\s+(?P<elu>week|month|year)"
    r"|(?P<rel>this|last|next|past)\s+(?P<relu>week|month|year)"
    r"|(?P<n>\d{1,2}|an?|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?P<nu>days?|weeks?)\s+ago)\b"
)
_RX_DEICTIC_LOW = LazyPattern(  # matched against lower-cased text
    _first(r"tylenpaofs\d")
    + _opening(r"the\s|yesterday|to[dnm]|this|last|earlier|later|next|past|\d|an?\s|one|two|three|four|five|six|seven|eight|nine|ten")
    + _DEICTIC)
_rx_deictic = compiled_on_demand(_DEICTIC, re.IGNORECASE)  # for text whose lower-casing changes its length
_RX_YEAR4 = LazyPattern(r"(?:19|20)\d\d")
_RX_YEAR_CORE = LazyPattern(r"(?:1[89]|20)\d\d")  # what every match of _RX_YEAR holds: its year's digits

_MONTH_ABBRS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
# Capital first letters are rare in prose, so `re` skips ahead quickly on this literal alternation.
_RX_MONTH_ABBR = LazyPattern("|".join(_MONTH_ABBRS))
_RX_MONTH_FULL = LazyPattern("|".join(MONTH_NAMES))
_RX_WEEKDAY_NAME = LazyPattern(_WEEKDAY_WORDS)
_RX_ASCII_DIGIT = LazyPattern("[0-9]")


# A time word every relative date and weekday contains ("yesterday", "tonight", "last week").
_TIME_WORDS = ("day", "night", "morrow", "morning", "afternoon", "evening", "week", "month", "year")


def _has_time_word(low: str) -> bool:
    """Whether lower-cased text holds one of `_TIME_WORDS`."""
    # Spelled out: a chain of `in` tests costs a third of any() over a generator.
    return ("day" in low or "night" in low or "morrow" in low or "morning" in low or "afternoon" in low
            or "evening" in low or "week" in low or "month" in low or "year" in low)


# ---------------------------------------------------------------------------- tense
# Matched against lower-cased text (see sentence_tense), so compiled without IGNORECASE.
_FUTURE_CUES = (
    r"\b(?:will|shall|won['’]t|(?:is|are|was|were)\s+(?:scheduled|expected|set|due|slated|going|poised|"
    r"planning)\s+to|plans?\s+to|intends?\s+to|next|upcoming|later\s+this|tomorrow)\b"
)
# With a lookahead for the cues' first letters (see `_first`; the \b opening defeats the skip
# by first letter otherwise): the tense patterns and the stative one below scan 1.5x faster.
_RX_FUTURE_LOW = LazyPattern(_first("ailnpstuw") + _FUTURE_CUES)
# The other future cue, "'ll", is searched apart and only when the text holds it: as a branch
# of the pattern above, its leading \w kept `re` from skipping ahead by first letter (2x slower).
_RX_FUTURE_LL = LazyPattern(r"\w['’]ll\b")
_PAST_CUES = (
    r"\b(?:was|were|had|did|didn['’]t|wasn['’]t|weren['’]t|hadn['’]t|has\s+been|have\s+been|ago|last|"
    r"yesterday|earlier|said|told|went|came|took|flew|flown|met|began|left|found|made|gave|saw|sent|held|"
    r"struck|fell|rose|shot|won|lost|spoke|wrote|brought|bought|fought|thought|ran|got|paid|sought|led|"
    r"knew|became|kept|built|drove|broke|chose|fled|hit|withdrew|stood|sat|threw|wore|overtook|drew|sank|spent|"
    r"felt|heard|laid|meant|sold|caught|taught|shook|stole|blew|grew|sought|dealt|swept|slid|spun|fought)\b"
)
_RX_PAST_LOW = LazyPattern(_first("abcdefghklmoprstwy") + _PAST_CUES)
_RX_ED = LazyPattern(r"(?<![\w-])[a-z]{2,}ed\b")
_NOT_PAST_ED = frozenset(
    "need feed seed speed bed shed red bleed breed proceed succeed exceed hundred indeed embed steed weed "
    "greed deed creed shred sled wed armed unarmed unnamed alleged based related limited advanced "
    "experienced supposed used concerned interested required scheduled expected planned proposed detailed "
    "unidentified unspecified undisclosed classified guided manned unmanned named aged beloved skilled "
    "talented tired married armored armoured sophisticated coordinated united designated intended".split())
_CLAUSE = r"[;:—–]|\b(?:that|but|while|although|though|whereas|and|because)\b"
_RX_CLAUSE = LazyPattern(_first(";:—–tbwa") + f"(?:{_CLAUSE})")  # see `_first`: the \b branch alone defeats it


def sentence_tense(sentence: str) -> str:
    """Cheap tense guess: "future", "past" or "unknown".

    Future cues (will, shall, 'll, is scheduled/expected/set/due to, plans to, next, tomorrow) beat
    weak past cues (regular -ed verbs); together with strong past cues (was, were, had, did, said,
    irregular past forms, last, ago) they give "unknown".
    """
    return _tense(sentence, sentence.lower())


def _tense(sentence: str, low: str) -> str:
    """sentence_tense for `sentence` and its lower-cased form `low`."""
    # The cue lists are lower case: matching lowered text case-sensitively lets `re` skip ahead
    # by first letter (3x faster than IGNORECASE).
    fut = _RX_FUTURE_LOW.search(low) is not None or (
        ("'ll" in low or "’ll" in low) and _RX_FUTURE_LL.search(low) is not None)
    strong = _RX_PAST_LOW.search(low) is not None
    if fut:
        return "unknown" if strong else "future"
    # -ed verbs only in lower case: a capitalised "Bradford" or "Reed" is a name, not a verb.
    if strong or any(m.group().lower() not in _NOT_PAST_ED for m in _RX_ED.finditer(sentence)):
        return "past"
    return "unknown"


# Words of a clause that describes a state rather than an event: with "today" and no past or
# future cue, they give the "nowadays" sense ("the city is today a port", "still exist today").
_STATIVE_CUES = (
    r"\b(?:is|are|isn['’]t|aren['’]t|remains?|still|exists?|known|considered|regarded|recogni[sz]ed|"
    r"used|called|lives?|stands?|belongs?|holds?|seems?|appears?|means?|owns?|(?:it|that|there|he|she)['’]s)\b"
)
_RX_STATIVE = LazyPattern(_STATIVE_CUES, re.IGNORECASE)
# The same pattern without IGNORECASE, for lower-cased ASCII text (where the two agree): 3x
# faster, and faster again with the lookahead for first letters (see `_first`).
_RX_STATIVE_LOW = LazyPattern(_first("abcehiklmorstu") + _STATIVE_CUES)


def present_day_today(sentence: str, start: int, end: int) -> bool:
    """Whether the "today" at sentence[start:end] means "nowadays" rather than a calendar day:
    "today's" and "of today", or a clause with no past or future cue that describes a state
    ("Today, the port is the country's largest"). "Said today", "arrives today at noon" with a
    future cue, or "the vote today was delayed" keep the calendar sense."""
    if sentence[start:end].lower() != "today":
        return False
    after = sentence[end:end + 2]
    if after in ("'s", "’s") or sentence[max(0, start - 3):start].lower() == "of ":
        return True
    lo = 0
    hi = len(sentence)
    for b in _RX_CLAUSE.finditer(sentence):
        if b.end() <= start:
            lo = b.end()
        elif b.start() >= end:
            hi = b.start()
            break
    clause = sentence[lo:start] + " " + sentence[end:hi]
    low = clause.lower()
    # The stative test first: it is the cheaper, and fails for half the clauses.
    stative = _RX_STATIVE_LOW.search(low) if clause.isascii() else _RX_STATIVE.search(clause)
    return stative is not None and _tense(clause, low) == "unknown"


def _clause_tenses(text: str, spans: list[tuple[int, int]], fallback: Callable[[], str]) -> list[str]:
    """Tense of the clause around each (sorted) span; "unknown" clauses take ``fallback()``
    (the whole sentence's tense, computed only when some clause needs it)."""
    bounds = [(b.start(), b.end()) for b in _RX_CLAUSE.finditer(text)]
    cache: dict[tuple[int, int], str] = {}
    whole: list[str] = []
    out: list[str] = []
    i = 0
    for start, end in spans:
        while i < len(bounds) and bounds[i][1] <= start:
            i += 1
        lo = bounds[i - 1][1] if i else 0
        j = i
        while j < len(bounds) and bounds[j][0] < end:
            j += 1
        hi = bounds[j][0] if j < len(bounds) else len(text)
        if (lo, hi) not in cache:
            t = sentence_tense(text[lo:hi])
            if t == "unknown":
                if not whole:
                    whole.append(fallback())
                t = whole[0]
            cache[(lo, hi)] = t
        out.append(cache[(lo, hi)])
    return out


# ----------------------------------------------------------------------- resolution helpers
def _month_days(y: int, m: int) -> int:
    """Days in month `m` of year `y` (proleptic Gregorian, what calendar.monthrange gives)."""
    if m == 2 and y % 4 == 0 and (y % 100 != 0 or y % 400 == 0):
        return 29
    return _MONTH_DAYS[m - 1]


def _month_end(y: int, m: int) -> dt.date:
    return _D(y, m, _month_days(y, m))


def _month_num(tok: str) -> int:
    return _MONTHS[tok.rstrip(".").lower()]


def _pick_year(mk: Callable[[int], dt.date], anchor: dt.date, tense: str) -> int:
    """Anchor's year, wrapped across New Year when the tense demands it (domain.md §4.3)."""
    y = anchor.year
    d = mk(y)
    if tense == "past" and (d - anchor).days > 62:
        return y - 1
    if tense == "future" and (anchor - d).days > 62:
        return y + 1
    if tense == "unknown":
        if (d - anchor).days > 300:
            return y - 1
        if (anchor - d).days > 300:
            return y + 1
    return y


def _week_of(d: dt.date) -> DateInterval:
    mon = d - d.weekday() * _DAY
    return DateInterval(mon, mon + 6 * _DAY, "week")


def _month_of(y: int, m: int) -> DateInterval:
    return DateInterval(_D(y, m, 1), _month_end(y, m), "month")


def _add_months(d: dt.date, n: int) -> tuple[int, int]:
    k = d.year * 12 + d.month - 1 + n
    return k // 12, k % 12 + 1


def _weekday_interval(wd: int, anchor: dt.date, tense: str, mod: str) -> DateInterval:
    back = (anchor.weekday() - wd) % 7
    fwd = (wd - anchor.weekday()) % 7
    if mod in ("last", "past"):
        d = anchor - (back or 7) * _DAY
        return DateInterval(d, d, "day")
    if mod == "next":
        d = anchor + (fwd or 7) * _DAY
        return DateInterval(d, d, "day")
    if tense == "past":
        d = anchor - back * _DAY
    elif mod == "this":
        d = anchor + fwd * _DAY
    elif tense == "future":  # "will meet on Monday" datelined Monday = a week later (domain.md §4.3)
        d = anchor + (fwd or 7) * _DAY
    else:
        s, e = anchor - back * _DAY, anchor + (fwd or 7) * _DAY
        return DateInterval(s, e, "day" if s == e else "days")
    return DateInterval(d, d, "day")


# A raw candidate: (start, end, kind, resolver(anchor, tense) -> (value, weekday, year_explicit)).
if TYPE_CHECKING:
    _Resolver = Callable[[Optional[dt.date], str], tuple[Optional[DateInterval], Optional[int], bool]]


def _explicit(m: re.Match[str], dmy: bool) -> _Resolver:
    m1 = _month_num(m.group("m"))
    m2 = _month_num(m.group("m2")) if not dmy and m.group("m2") else m1
    d1 = int(_RX_NON_DIGIT.sub("", m.group("d")))
    d2s = m.group("d2")
    d2 = int(_RX_NON_DIGIT.sub("", d2s)) if d2s else None
    y = int(m.group("y")) if m.group("y") else None
    wd = _WDAYS[m.group("wd").rstrip(".").lower()] if m.group("wd") else None

    def resolve(anchor: Optional[dt.date], tense: str) -> tuple[Optional[DateInterval], Optional[int], bool]:
        try:
            if d2 is None:
                if y is not None:
                    s = _D(y, m1, d1)
                elif anchor is None:
                    return None, wd, False
                else:
                    s = _D(_pick_year(lambda yy: _D(yy, m1, min(d1, 28)), anchor, tense), m1, d1)
                return DateInterval(s, s, "day"), wd, y is not None
            wrap = (m2, d2) < (m1, d1)  # "Dec. 30 to Jan. 2"
            if y is not None:
                ey, sy = y, y - 1 if wrap else y
            elif anchor is None:
                return None, wd, False
            else:
                sy = _pick_year(lambda yy: _D(yy, m1, min(d1, 28)), anchor, tense)
                ey = sy + 1 if wrap else sy
            s, e = _D(sy, m1, d1), _D(ey, m2, d2)
            if e < s:
                return None, wd, y is not None
            return DateInterval(s, e, "day" if s == e else "days"), wd, y is not None
        except ValueError:
            return None, wd, y is not None
    return resolve


def _part_of_month(m: re.Match[str]) -> _Resolver:
    part = m.group("part").lower()
    mo = _month_num(m.group("m"))
    y = int(m.group("y")) if m.group("y") else None
    lo, hi = ((1, 10) if part in ("early",) or "start" in part or "beginning" in part else
              (11, 20) if part == "mid" or "middle" in part else (21, 31))

    def resolve(anchor: Optional[dt.date], tense: str) -> tuple[Optional[DateInterval], Optional[int], bool]:
        if y is None and anchor is None:
            return None, None, False
        yy = y if y is not None else _pick_year(lambda k: _D(k, mo, lo), anchor, tense)  # type: ignore[arg-type]
        end = min(hi, _month_days(yy, mo))
        return DateInterval(_D(yy, mo, lo), _D(yy, mo, end), "part-of-month"), None, y is not None
    return resolve


def _month_only(mo: int, y: Optional[int], mod: str) -> _Resolver:
    def resolve(anchor: Optional[dt.date], tense: str) -> tuple[Optional[DateInterval], Optional[int], bool]:
        if y is not None:
            return _month_of(y, mo), None, True
        if anchor is None:
            return None, None, False
        if mod == "last":
            yy = anchor.year if mo < anchor.month else anchor.year - 1
        elif mod == "next":
            yy = anchor.year if mo > anchor.month else anchor.year + 1
        elif mod == "this":
            yy = anchor.year
        else:
            yy = _pick_year(lambda k: _D(k, mo, 1), anchor, tense)
        return _month_of(yy, mo), None, False
    return resolve


def _deictic(m: re.Match[str]) -> _Resolver:
    def resolve(a: Optional[dt.date], tense: str) -> tuple[Optional[DateInterval], Optional[int], bool]:
        if a is None:
            return None, None, False
        # The groups are read here, not when the candidate is made: without an anchor (most
        # documents) there is nothing to resolve.
        g = {k: (v.lower() if v else None) for k, v in m.groupdict().items()}
        if g["dd"]:
            dd = g["dd"]
            off = -2 if dd.startswith("the") else -1 if dd == "yesterday" else 1 if dd == "tomorrow" else 0
            d = a + off * _DAY
            return DateInterval(d, d, "day"), None, False
        if g["part"]:
            off = -1 if g["part"] == "last" else 0
            d = a + off * _DAY
            return DateInterval(d, d, "day"), None, False
        if g["el"]:
            unit, earlier = g["elu"], g["el"] == "earlier"
            if unit == "week":
                full = _week_of(a)
            elif unit == "month":
                full = _month_of(a.year, a.month)
            else:
                full = DateInterval(_D(a.year, 1, 1), _D(a.year, 12, 31), "year")
            s, e = (full.start, a) if earlier else (a, full.end)
            return DateInterval(s, e, "part-of-month" if unit == "month" else "days"), None, False
        if g["rel"]:
            rel, unit = g["rel"], g["relu"]
            if rel == "past":  # "the past week" = the trailing window ending at the anchor
                span = {"week": 7, "month": 30, "year": 365}[unit]
                return DateInterval(a - span * _DAY, a, "days"), None, False
            step = {"this": 0, "last": -1, "next": 1}[rel]
            if unit == "week":
                return _week_of(a + 7 * step * _DAY), None, False
            if unit == "month":
                return _month_of(*_add_months(a, step)), None, False
            yy = a.year + step
            return DateInterval(_D(yy, 1, 1), _D(yy, 12, 31), "year"), None, False
        n = int(g["n"]) if g["n"].isdigit() else _NUMWORDS[g["n"]]
        if g["nu"].startswith("week"):
            return _week_of(a - 7 * n * _DAY), None, False
        d = a - n * _DAY
        return DateInterval(d, d, "day"), None, False
    return resolve


def _candidates(text: str, low: str, has_month: bool, has_time: bool) -> list[tuple[int, int, str, _Resolver]]:
    """Raw candidates of every family; `low` is text.lower(), `has_month` and `has_time` the
    results of the month-abbreviation and time-word tests on it."""
    out: list[tuple[int, int, str, _Resolver]] = []
    # Each family below needs a literal to match at all; test it at memory speed first.
    if has_month:
        _month_candidates(text, low, out)
    if _may_hold_year(text):
        _year_candidates(text, out)
    if _may_hold_weekday(text):
        _weekday_candidates(text, out)
    if has_time and _may_be_deictic(low, len(text)):
        _deictic_candidates(text, low, out)
    return out


def _may_hold_year(text: str) -> bool:
    """Whether `text` holds the first two digits of a year of the year family (18xx to 20xx)."""
    return "18" in text or "19" in text or "20" in text


def _may_hold_weekday(text: str) -> bool:
    """Whether `text` can hold a weekday name: Monday and Sunday end in "nday", Tuesday to
    Thursday in "sday", Friday in "iday", Saturday in "urday" (not "today" or "yesterday",
    far more common)."""
    return "nday" in text or "sday" in text or "iday" in text or "urday" in text


def _month_candidates(text: str, low: str, out: list[tuple[int, int, str, _Resolver]]) -> None:
    # The patterns open with optional groups, so `re` tries them at every position; most
    # sentences that name a month have no digit or no part-of-month word, and skip them.
    # Each pattern is searched near the month names (see `_finditer_near`; `n` counts the words
    # a match can have before its month: "Mon , Oct.", "Sat , 3 - 4 of Oct", "the end of March").
    # The month abbreviations are found once for the four families that search near them. (No
    # two can overlap, each being a capital and two small letters: the list holds every place a
    # search for one from any position would find.)
    abbrs: list[int] | None = None
    if _RX_ASCII_DIGIT.search(text) is not None:
        abbrs = [m.start() for m in _RX_MONTH_ABBR.finditer(text)]
        for rx, dmy, n in ((_RX_MDY, False, 2), (_RX_DMY, True, 6)):
            for m in _finditer_near(rx, text, abbrs, n):
                out.append((m.start(), m.end(), "explicit", _explicit(m, dmy)))
        for m in _finditer_near(_RX_MY, text, abbrs, 0):
            out.append((m.start(), m.end(), "explicit", _month_only(_month_num(m.group("m")), int(m.group("y")), "")))
    if "arly" in low or "mid" in low or "late" in low or (
        " of" in low and ("start" in low or "beginning" in low or "middle" in low or "end" in low)
    ):
        if abbrs is None:
            abbrs = [m.start() for m in _RX_MONTH_ABBR.finditer(text)]
        for m in _finditer_near(_RX_PART, text, abbrs, 3):
            out.append((m.start(), m.end(), "explicit", _part_of_month(m)))
    if _RX_MONTH_FULL.search(text) is None:
        return
    for m in _finditer_near(_RX_MONTH, text, _RX_MONTH_FULL, 2):
        name, mod = m.group("m"), (m.group("mod") or "").strip().lower()
        if name.lower() in _AMBIGUOUS_MONTHS and not (m.group("prep") or mod):
            continue
        s = m.start("mod") if mod else m.start("m")
        out.append((s, m.end(), "relative" if mod else "explicit", _month_only(_month_num(name), None, mod)))


def _year_candidates(text: str, out: list[tuple[int, int, str, _Resolver]]) -> None:
    # Searched near the years (see `_finditer_near`): a match puts its preposition or modifier
    # in the word before the year's, or in the same ("mid-2020"). Most of the text is prose
    # the pattern's opening lookahead lets through at almost every word.
    for m in _finditer_near(_RX_YEAR, text, _RX_YEAR_CORE, 1):
        y1, y2 = int(m.group("y")), int(m.group("y2") or m.group("y"))
        if y2 < y1:
            continue
        iv = DateInterval(_D(y1, 1, 1), _D(y2, 12, 31), "year")
        out.append((m.start("y"), m.end(), "explicit", lambda a, t, iv=iv: (iv, None, True)))


def _weekday_candidates(text: str, out: list[tuple[int, int, str, _Resolver]]) -> None:
    for m in _finditer_near(_RX_WEEKDAY, text, _RX_WEEKDAY_NAME, 1):  # "late Sunday"
        pre = text[max(0, m.start() - 12):m.start()]
        if _RX_HOLIDAY_BEFORE.search(pre):
            continue
        if _RX_ARTICLE_BEFORE.search(pre) and _RX_CAPITAL_AFTER.match(text, m.end()):
            continue  # "the Sunday Times", "a Monday Night ..."
        wd, mod = _WDAYS[m.group("wd").lower()], (m.group("mod") or "").strip().lower()
        out.append((m.start(), m.end(), "weekday",
                    lambda a, t, wd=wd, mod=mod: (None if a is None else _weekday_interval(wd, a, t, mod), None, False)))


def _may_be_deictic(low: str, length: int) -> bool:
    """Words every alternative of _DEICTIC needs ("yesterday", "last week", "two days ago"):
    most sentences with a time word ("Monday", "days") have none of them. `low` is the
    lower-cased text and `length` the text's own length."""
    if "yesterday" in low or "today" in low or "tonight" in low or "tomorrow" in low:
        return True
    if len(low) != length:  # the pattern then runs on the text, ignoring case: the loose test
        return "ago" in low or (
            ("this" in low or "last" in low or "next" in low or "past" in low)
            and ("week" in low or "month" in low or "year" in low or "morning" in low or "afternoon" in low
                 or "evening" in low or "night" in low))
    # "ago" and "this ... year" in one sentence are common ("the Pentagon", "this is the
    # third year"); the pattern needs "ago" after white space, and the modifier right before
    # its unit.
    if _after_space(low, "ago"):
        return True
    for word in ("this", "last", "next", "past"):  # a loop with `in` first: most lack the word
        if word in low and _unit_after(low, word):
            return True
    return False


_DEICTIC_UNITS = ("week", "month", "year", "morning", "afternoon", "evening", "night")


def _after_space(low: str, word: str) -> bool:
    """Whether `word` occurs in `low` right after a white-space character."""
    i = low.find(word, 1)
    while i >= 0:
        if low[i - 1].isspace():
            return True
        i = low.find(word, i + 1)
    return False


def _unit_after(low: str, word: str) -> bool:
    """Whether `word` occurs in `low` followed by white space and one of `_DEICTIC_UNITS`."""
    i = low.find(word)
    while i >= 0:
        j = i + len(word)
        k = j
        while k < len(low) and low[k].isspace():
            k += 1
        if k > j and low.startswith(_DEICTIC_UNITS, k):
            return True
        i = low.find(word, i + 1)
    return False


def _words_back(text: str, at: int, n: int) -> int:
    """Where the `n`-th white-space-separated word before the word holding `at` starts (0 when
    there are fewer); `text[at]` is not white space. No match of a pattern that puts at most `n`
    words, separated by white space, before a word it needs can start before that."""
    # rsplit counts the words from the right in C (its white space is the `\s` of `re`):
    # the parts are the text before the n-th word, that word, ..., the word holding `at`.
    head = text[:at + 1]
    parts = head.rsplit(None, n + 1)
    if len(parts) < n + 2:
        return 0
    return head.find(parts[1], len(parts[0]))  # the white space after parts[0] cannot match


def _finditer_near(
    rx: re.Pattern[str] | LazyPattern,
    text: str,
    cores: tuple[str, ...] | list[int] | re.Pattern[str] | LazyPattern,
    n: int,
) -> list[re.Match[str]]:
    """`list(rx.finditer(text))` for a pattern every match of which holds a core (one of the
    literals `cores`, or a match of the pattern `cores`, or one at each of the sorted offsets
    `cores`: every place a search for a core would find one) with at most `n` words before the word
    the first one is in. Each search starts `n` words before the first core at or after the last
    match's end instead of at that end: no match can start in the text skipped (it would hold a
    core that starts earlier). So these are the searches finditer makes, from later starts, and
    give the same matches; but `re` does not try the pattern at each position of the stretches
    without a core (before the first and after the last match, mostly), which `str.find` or a
    pattern of literals skips much faster."""
    starts: list[int] | None = None
    core_search = None
    if isinstance(cores, tuple):
        present = [c for c in cores if c in text]
        if not present:
            return []
        one = present[0] if len(present) == 1 else None
    elif isinstance(cores, list):
        if not cores:
            return []
        starts = cores
    else:
        core_search = cores.search
    find = text.find
    out: list[re.Match[str]] = []
    pos = 0
    while True:
        if starts is not None:
            k = bisect.bisect_left(starts, pos)
            at = starts[k] if k < len(starts) else -1
        elif core_search is not None:
            c = core_search(text, pos)
            at = -1 if c is None else c.start()
        elif one is not None:
            at = find(one, pos)
        else:
            at = min([i for c in present if (i := find(c, pos)) >= 0], default=-1)
        if at < 0:
            return out
        m = rx.search(text, max(pos, _words_back(text, at, n)))
        if m is None:
            return out
        out.append(m)
        pos = m.end()


# Every match of _DEICTIC holds one of these, with at most two words before the first ("earlier
# this week", "the day before yesterday", "two days ago"); the search allows three.
_DEICTIC_CORES = _TIME_WORDS


def _deictic_candidates(text: str, low: str, out: list[tuple[int, int, str, _Resolver]]) -> None:
    for m in _deictic_matches(text, low):
        out.append((m.start(), m.end(), "relative", _deictic(m)))


def _deictic_matches(text: str, low: str, cores: list[int] | None = None) -> list[re.Match[str]]:
    """The relative-date pattern's matches in `text` (`low` is text.lower()), but "USA Today".
    `cores`, when given, are the sorted offsets of every word relative dates are built around
    (see `relative_dates`), which the search then starts from instead of the time words."""
    # The lower-cased text with a case-sensitive pattern scans about a third faster than
    # IGNORECASE; offsets agree unless lowering changed the length (a dotted capital I).
    if len(low) == len(text):
        matches = _finditer_near(_RX_DEICTIC_LOW, low, _DEICTIC_CORES if cores is None else cores, 3)
    else:
        matches = list(_rx_deictic().finditer(text))
    # (The text before a match is compared first: most matches are not after "USA ", and the
    # group lookup costs more. `s >= 4`: startswith counts a negative start from the end.)
    return [m for m in matches if not ((s := m.start()) >= 4 and text.startswith("USA ", s - 4) and m.group("dd"))]


_HINT_DIGITS = ("19", "20")


def sentences_with_date_hints(doc: Document, years: bool = True) -> list[tuple[int, int]]:
    """The document's sentences that can pass find_dates' literal test, found with one pass
    per literal over the whole text instead of several tests per sentence (most sentences
    hold no date). A sentence is kept exactly when one of the literals lies inside it.

    With `years` False, a 19xx/20xx number alone does not keep a sentence: for the checks
    of an undated document, which a bare year never concerns (see may_hold_weekday_or_relative)."""
    prose, low, spans = doc.prose, doc.lowered, doc.sentences
    if not spans:
        return []
    hits = [m.start() for m in _RX_MONTH_ABBR.finditer(prose)]
    for haystack, needles in ((prose, _HINT_DIGITS if years else ()), (low, _TIME_WORDS)):
        for needle in needles:
            i = haystack.find(needle)
            while i >= 0:
                hits.append(i)
                i = haystack.find(needle, i + 1)
    if not hits:
        return []
    hits.sort()
    keep: list[tuple[int, int]] = []
    last, kept_end = -1, -1
    for h in hits:
        if h < kept_end:
            continue  # in the sentence kept last (hits come in order)
        k = bisect.bisect_right(spans, (h, _FAR)) - 1
        if k > last and k >= 0 and h + 2 <= spans[k][1]:  # the shortest literal has two characters
            keep.append(spans[k])
            last, kept_end = k, spans[k][1]
    return keep


_FAR = 1 << 62  # sorts after any sentence end: bisecting (offset, _FAR) finds the sentence starting at or before offset


_RX_WEEKDAY_ABBR = LazyPattern(r"Mon|Tue|Wed|Thu|Fri|Sat|Sun")


def may_hold_weekday_or_relative(text: str) -> bool:
    """Whether `text` can hold a weekday, a relative date ("yesterday", "last March") or a full
    date with its weekday: the only mentions the single-document checks use when the document
    has no date of its own to resolve the others against. Each test is a literal that kind of
    mention cannot do without, so sentences that only speak of years, months or weeks in
    general ("for years", "a 30-year-old") are left out."""
    low = text.lower()
    return (
        _may_be_deictic(low, len(text))  # yesterday, tonight, last week, two days ago, ...
        or _RX_WEEKDAY_ABBR.search(text) is not None  # "Sun., Oct. 26", and every (capitalised) weekday name
        or (("last" in low or "next" in low or "this" in low) and _RX_MONTH_FULL.search(text) is not None)
    )


def relative_dates(text: str, cores: list[int]) -> list[DateMention] | None:
    """`find_dates(text)` without an anchor when only the relative-date family can match in
    `text` (no month abbreviation, no year digits, no weekday name), else None. `cores` are the
    sorted offsets in `text` of every word that relative dates are built around: each
    "yesterday", "today", "tonight" and "tomorrow", each unit ("week", "night", ...) after "this",
    "last", "next" or "past" and white space, each "ago" after "day(s)" or "week(s)" and white
    space (more offsets do no harm). Every match of the relative-date pattern holds one, with at
    most three words before it ("the day before yesterday"), so the matches are searched for
    near them alone. The date rules know these words from the shared term scan; find_dates'
    own tests for time words (`_has_time_word`, `_may_be_deictic`, the time words present) are
    then work done twice, a good part of its time in the sentences most undated articles hold."""
    return relative_dates_at(text, cores, 0)


_BARE_DAY_WORDS = ("today", "tonight", "tomorrow")


def relative_dates_at(text: str, cores: list[int], base: int, first: int = 0, last: int | None = None) -> list[DateMention] | None:
    """`relative_dates(text, cores)` with `base` added to each mention's offsets: the date rules
    read a sentence of a document at `base` and keep its mentions with the document's offsets,
    made here once instead of once per sentence and again per document. The offsets of the
    words are cores[first:last] less `base` (the rules pass the document's offsets and the
    sentence's part of them, rather than a list of its own for each sentence)."""
    if _RX_MONTH_ABBR.search(text) is not None or _may_hold_year(text) or _may_hold_weekday(text):
        return None
    low = text.lower()
    if len(low) != len(text):  # (see `_deictic_matches`)
        return None
    # `_deictic_matches(text, low, cores)` in one loop (what `_finditer_near` does with a list
    # of offsets), each match made a mention as it is found: most sentences read here hold one.
    out: list[DateMention] = []
    search = _RX_DEICTIC_LOW.search
    n = len(cores) if last is None else last
    k, pos = first, 0
    while True:
        k = bisect.bisect_left(cores, pos + base, k, n)
        if k == n:
            return out
        at = cores[k] - base
        # No match puts a word before "today", "tonight" or "tomorrow": from one of those, the
        # search starts at the word itself (`at` >= `pos`), without counting words back.
        m = search(low, at if low.startswith(_BARE_DAY_WORDS, at) else max(pos, _words_back(low, at, 3)))
        if m is None:
            return out
        s, pos = m.span()
        if not (s >= 4 and text.startswith("USA ", s - 4) and m.group("dd")):
            out.append(new_mention(base + s, base + pos, text[s:pos], "relative", None, None, False))


def sentence_dates(doc: Document, start: int, end: int) -> list[DateMention]:
    """find_dates for one sentence of a document (offsets relative to `start`), against the
    document's anchor; memoised on the document, so the date and the consistency rules share it."""
    memo: dict[int, list[DateMention]] = doc.memo.setdefault("dates.sentence", {})
    found = memo.get(start)
    if found is None:
        found = memo[start] = find_dates(doc.prose[start:end], doc.anchor_date)
    return found


def find_dates(text: str, anchor: Optional[dt.date] = None, tense: Optional[str] = None) -> list[DateMention]:
    """All date mentions in ``text`` (sorted by offset), resolved against ``anchor``.

    ``tense`` ("past" | "future" | "unknown") steers weekday and New-Year resolution; when None
    it is guessed per clause, falling back to ``sentence_tense(text)``. A month-day without a
    year and without an anchor borrows the nearest full date in the same text as its anchor.
    """
    if not text:
        return []
    # Most sentences hold no date. A date needs a month abbreviation, a 19xx/20xx number or a
    # time word; substring tests decide that at memory speed before any pattern runs.
    has_month = _RX_MONTH_ABBR.search(text) is not None
    low = text.lower()
    has_time = _has_time_word(low)
    if not (has_month or has_time or (("19" in text or "20" in text) and _RX_YEAR4.search(text) is not None)):
        return []
    if anchor is None and not has_month and not _may_hold_year(text) and not _may_hold_weekday(text):
        # Only the relative-date family can match (the others need a month name, a year or a
        # weekday name), and without a date to count from none of its mentions resolves, whatever
        # the tense: the mentions are its matches as they are, in order and apart, which is what
        # the general steps below make of them (`_resolved`), with less work per sentence. The
        # common case of the date rules in an article without a date of its own.
        if not (has_time and _may_be_deictic(low, len(text))):
            return []
        out = []
        for m in _deictic_matches(text, low):
            s, e = m.span()
            out.append(new_mention(s, e, text[s:e], "relative", None, None, False))
        return out
    return _resolved(text, anchor, tense, _candidates(text, low, has_month, has_time))


def _resolved(
    text: str, anchor: dt.date | None, tense: str | None, cands: list[tuple[int, int, str, _Resolver]]
) -> list[DateMention]:
    """find_dates' mentions from the candidates of `text`: overlaps dropped (longest first),
    each resolved against `anchor`, years borrowed from full dates when there is no anchor."""
    if len(cands) < 2:  # most sentences with a date: nothing can overlap
        if not cands:
            return []
        chosen = cands
    else:
        cands.sort(key=lambda c: (c[0] - c[1], c[0]))
        chosen = []
        taken = bytearray(len(text) + 1)
        for c in cands:  # longest first, then leftmost; drop overlaps
            if not any(taken[c[0]:c[1]]):
                taken[c[0]:c[1]] = b"\x01" * (c[1] - c[0])
                chosen.append(c)
        chosen.sort(key=lambda c: c[0])
    # Tense only steers resolution against a date; without an anchor every resolver ignores it,
    # so the clause tenses are worked out only when a mention borrows a year below.
    if tense is not None:
        tenses = [tense] * len(chosen)
    elif anchor is not None:
        tenses = _clause_tenses(text, [(c[0], c[1]) for c in chosen], lambda: sentence_tense(text))
    else:
        tenses = ["unknown"] * len(chosen)
    out: list[DateMention] = []
    for (s, e, kind, res), t in zip(chosen, tenses):
        try:
            val, wd, yx = res(anchor, t)
        except (ValueError, OverflowError):  # invalid calendar day, or an anchor near year 1 / 9999
            val, wd, yx = None, None, False
        out.append(new_mention(s, e, text[s:e], kind, val, wd, yx))
    if anchor is None:  # borrow a year from the nearest explicit full date (domain.md §4.3)
        full = [m for m in out if m.year_explicit and m.value is not None]
        if full and any(m.value is None and m.kind == "explicit" for m in out):
            if tense is None:
                tenses = _clause_tenses(text, [(c[0], c[1]) for c in chosen], lambda: sentence_tense(text))
            starts = [f.start for f in full]
            for i, (m, c, t) in enumerate(zip(out, chosen, tenses)):
                if m.value is None and m.kind == "explicit":
                    k = bisect.bisect_left(starts, m.start)
                    near = min(full[max(0, k - 1):k + 1], key=lambda f: abs(f.start - m.start))
                    try:
                        val, wd, _ = c[3](near.value.start, t)  # type: ignore[union-attr]
                    except (ValueError, OverflowError):
                        continue
                    out[i] = new_mention(m.start, m.end, m.text, m.kind, val, wd, False)
    return out


def weekday_mismatch(m: DateMention) -> Optional[tuple[str, str]]:
    """("Sunday", "Monday") when the stated weekday differs from the calendar day, else None."""
    if m.weekday is None or m.value is None or m.value.start != m.value.end:
        return None
    actual = m.value.start.weekday()
    return None if actual == m.weekday else (WEEKDAY_NAMES[m.weekday], WEEKDAY_NAMES[actual])
