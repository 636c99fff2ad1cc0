"""Claims (an event, a slot, a value interval) and the corpus-wide search for conflicting ones.

Pass 1 (`collect_claims`) runs per document, only in sentences where an event trigger fired, and
keeps plain values: documents are gone by pass 2. Pass 2 (`index_keys` blocks, `judge_block` in
each) never compares all pairs. Two reports of one event must share the event class and at least two signature keys
(place, entities such as "russia" or "aircraft", an ordinal): one shared key ("aircraft",
"russia") is what unrelated stories have in common; two, typically the place plus an actor or
the vehicle, is the smallest overlap that names one happening (domain.md §4.5). So claims are
indexed under every *pair* of their keys (and, for dates, a time bucket); a bucket holds only
claims that already meet the bar, and its size is bounded by how often one place-and-actor
combination recurs in a window, not by the corpus size. Then, per candidate pair: places must
not contradict each other, ordinals ("a second plane") must agree, the countries involved must
overlap when both name some (a Russian and a Chinese plane are two landings), and the values must not
overlap. Date gaps wider than `max_gap_days` read as different occurrences, not errors; a
one-day gap between reports from different time zones, and quotes from different speakers, are
reported at info level; updates ("rose to 40") and unit-converted near-agreements are not
conflicts at all.

The name slot compares which aircraft, airport ... a report names for the event ("an Il-76" /
"an An-124"). The names come only from the rule's value table, so generic words ("plane",
"cargo plane") are no value and match anything; a name from the table that is not also an alias
enters the signature as its role ("Tu-154" -> aircraft), so the compared name is never part of
the key. Two names conflict only for the same time (within `max_gap_days`, 0 = overlapping days:
a different type on another day is another flight), in different documents (one article naming
two types tells of two aircraft), and when `same_name` does not take them for one name written
two ways (containment, transliteration).
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import field
from itertools import combinations
TYPE_CHECKING = False  # typing itself is not imported: a run that lints a file imports this module
try:  # what weakref.ref is, without the weakref module (its WeakSet and dictionaries are not used)
    from _weakref import ref as _weak_ref
except ImportError:  # pragma: no cover - another implementation
    from weakref import ref as _weak_ref

from .records import FACTORY, record
from .text import LazyPattern
from .text import number_patterns as _number_patterns  # noqa: F401  (see below)
from .text.dates import sentence_dates
from .text.events import Lexicon, fold_name, frame, quote_speaker, same_name

if TYPE_CHECKING:
    from typing import Any, TypeVar
    from .documents import Document
    from .text.numbers import Quantity

# `srclint.text.numbers` (quantities) is imported where counts are first read, not here: making
# its dataclass takes a millisecond a run that compares no counts need not pay. Its patterns
# (compiled on first use) are imported above, so that the pack cache stores them compiled (see
# `srclint.text.number_patterns`).

__all__ = ["Claim", "EventHits", "Verdict", "check_memo", "collect_claims", "index_keys", "judge", "judge_block", "may_hold_claims"]

MAX_KEYS = 10  # keys indexed per claim: at most 45 pairs
MAX_INDEXED_SPAN_DAYS = 62  # "in 2025" is too vague to contradict anything usefully
_NEAR_TRIGGER = 80  # a number farther than this from the trigger is about something else
# The two patterns below are compiled on first use: a document with no trigger word never asks.
_RX_NEGATION = LazyPattern(r"\b(?:not|no|never|denied|denies|deny|without|n't)\b[^.;,]{0,25}$", re.IGNORECASE)
_RX_NOT_EVENT_DATE = LazyPattern(
    r"\b(?:since|until|till|by|as\s+of|before|after|from|(?:published|posted|updated|modified)(?:\s+on)?:?)\s+$", re.IGNORECASE
)
# Without a document date, only a date with its year written out resolves (see `_event_dates`).
# (Compiled on first use, as the two above, so that it comes compiled from the pack cache.)
_RX_YEAR_DIGITS = LazyPattern(r"(?:1[89]|20)\d\d")
_DIMENSION = {"km": "length", "m": "length", "mi": "length", "nmi": "length", "ft": "length", "km2": "area",
              "mi2": "area", "t": "mass", "kg": "mass", "lb": "mass"}


@record(frozen=True, slots=True)
class Claim:
    """One value one sentence gives for one event slot. Plain data: pickles and JSON-encodes."""

    path: str
    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    event: str  # event class name ("arrival")
    label: str  # how messages name it ("landing")
    slot: str  # "date" | "count" | "name"
    role: str  # "" for dates; counted noun or unit dimension for counts ("people", "mass"); names: "aircraft"
    keys: tuple[str, ...]  # signature: "@caracas", "russia", "aircraft", "#2"
    place: str | None
    low: float  # date: proleptic ordinal of the first day; count: lower bound; name: 0
    high: float  # date: ordinal of the last day; count: upper bound (inf allowed); name: 0
    shown: str  # the normalised value for messages ("2025-10-27", "at least 12 people"); name: canonical ("Il-76")
    unit: str | None
    zone: float | None  # UTC offset where the report was written (dateline place, else event place)
    speaker: str | None  # None: the writer's own voice; "" an unattributed quote; else a folded name
    update: bool  # "rose to", "revised": a later figure, not a rival one
    text: str  # the value as written
    when_low: float  # when the event happened (ordinals): the date itself, or for counts the
    when_high: float  # sentence's date or the document's date; counts without one are not kept

    def __init__(
        self, path: str, start: int, end: int, line: int, column: int, end_line: int, end_column: int, event: str, label: str,
        slot: str, role: str, keys: tuple[str, ...], place: str | None, low: float, high: float, shown: str, unit: str | None,
        zone: float | None, speaker: str | None, update: bool, text: str, when_low: float, when_high: float,
    ) -> None:  # fmt: skip
        store = object.__setattr__  # a frozen class's fields are stored past its __setattr__
        store(self, "path", path)
        store(self, "start", start)
        store(self, "end", end)
        store(self, "line", line)
        store(self, "column", column)
        store(self, "end_line", end_line)
        store(self, "end_column", end_column)
        store(self, "event", event)
        store(self, "label", label)
        store(self, "slot", slot)
        store(self, "role", role)
        store(self, "keys", keys)
        store(self, "place", place)
        store(self, "low", low)
        store(self, "high", high)
        store(self, "shown", shown)
        store(self, "unit", unit)
        store(self, "zone", zone)
        store(self, "speaker", speaker)
        store(self, "update", update)
        store(self, "text", text)
        store(self, "when_low", when_low)
        store(self, "when_high", when_high)


@record(frozen=True, slots=True)
class EventHits:
    """The shared term scan's hits a rule gets for one document, by table."""

    triggers: dict[str, list[tuple[int, int]]]  # event class -> spans
    names: list[tuple[int, int]]  # alias, demonym and place hits
    distinct: list[tuple[int, int]]
    updates: list[tuple[int, int]]
    values: list[tuple[int, int]] = field(default_factory=list)  # value-table hits (name slot only)

    def __init__(
        self, triggers: dict[str, list[tuple[int, int]]], names: list[tuple[int, int]], distinct: list[tuple[int, int]],
        updates: list[tuple[int, int]], values: list[tuple[int, int]] = FACTORY,
    ) -> None:  # fmt: skip
        store = object.__setattr__  # a frozen class's fields are stored past its __setattr__
        store(self, "triggers", triggers)
        store(self, "names", names)
        store(self, "distinct", distinct)
        store(self, "updates", updates)
        store(self, "values", [] if values is FACTORY else values)


def collect_claims(
    doc: Document, slot: str, lex: Lexicon, labels: dict[str, str], compared: dict[str, frozenset[str]], hits: EventHits
) -> list[Claim]:
    """Claims of one slot in the sentences of `doc` where a trigger fired.

    A number or name belongs to the nearest trigger in its sentence ("12 were killed and 30
    injured"), and only to events that compare that role (`compared`: the event's `counts` for the
    count slot, its `names` for the name slot; empty = none). A count or a name needs a
    time: a date in its sentence, else the document's date; two counts with no time could be
    years apart, two aircraft types with no time two flights.
    """
    anchor = doc.anchor_date
    doc_when = (float(anchor.toordinal()),) * 2 if anchor else None
    by_sentence: dict[int, dict[str, int]] = defaultdict(dict)
    repeated: set[tuple[int, str]] = set()
    dl = doc.dateline
    for event, spans in hits.triggers.items():
        for start, _ in spans:
            if dl is not None and dl.start <= start < dl.end:
                continue
            i = doc.sentence_index(start)
            if i >= 0:
                if event in by_sentence[i]:
                    repeated.add((i, event))
                by_sentence[i].setdefault(event, start)
    if not by_sentence:
        return []
    out: list[Claim] = []
    name_starts = [s for s, _ in hits.names]
    for i in sorted(by_sentence):
        s_start, s_end = doc.sentences[i]
        sentence = doc.prose[s_start:s_end]
        # Every claim needs a time; most trigger sentences of undated documents give none, and
        # are left before the costlier framing and counting below.
        dates = _event_dates(doc, sentence, s_start)
        if not dates and (slot == "date" or doc_when is None):
            continue
        marks = [doc.lowered[s:e] for s, e in _within(hits.distinct, s_start, s_end)]
        ordinals = [m for m in marks if m.split()[-1] in ("second", "third", "fourth")]
        if len(ordinals) < len(marks):
            continue  # "another flight", "again", "the latest": a different occurrence
        update = bool(_within(hits.updates, s_start, s_end))
        terms = []
        for s, e in hits.names[bisect_right(name_starts, s_start - 1) :]:
            if s >= s_end:
                break
            terms.append((s - s_start, e - s_start, lex.canonical(doc.lowered[s:e])))
        named = _named_values(doc, hits.values, s_start, s_end, lex) if slot == "name" else []
        if named:  # a name the alias tables do not know is keyed by its role, never by itself
            terms = sorted([*terms, *((s, e, role) for s, e, role, _ in named
                                      if not any(ts < e and s < te for ts, te, _ in terms))])
        for event, trig in sorted(by_sentence[i].items(), key=lambda kv: kv[1]):
            rel = trig - s_start
            if (i, event) in repeated and slot == "date" and len(sentence_dates(doc, s_start, s_end)) > 1:
                continue  # "Wynn was signed on Tuesday and Bell on Wednesday": whose date is whose?
            if _RX_NEGATION.search(sentence, max(0, rel - 40), rel):
                continue
            fr = frame(sentence, rel, lex, terms, dateline_place=dl.place if dl else None,
                       ordinal=ordinals[0] if ordinals else None)
            if len(fr.keys) < 2:
                continue
            zone = lex.zone(lex.canonical(dl.place)) if dl else None
            zone = zone if zone is not None else lex.zone(fr.place)
            common = (event, labels[event], slot)
            date = _nearest_date(dates, s_start, rel)
            when = (date[3], date[4]) if date else doc_when
            if slot == "date":
                values = [date] if date else []
            else:
                nearest = {e: p - s_start for e, p in by_sentence[i].items()}
                found = (_count_values(doc, sentence, s_start, rel, lex) if slot == "count"
                         else _name_claims(named, s_start, rel, doc))
                values = [v for v in found
                          if v[2] in compared[event]
                          and min(nearest, key=lambda e: abs(nearest[e] - (v[0] - s_start))) == event]
            assert when is not None  # a sentence without a time was skipped above
            for start, end, role, low, high, shown, unit, text in values:
                speaker = _speaker(doc, start)
                line, col = doc.line_col(start)
                end_line, end_col = doc.line_col(end)
                out.append(Claim(doc.path, start, end, line, col, end_line, end_col, *common, role,
                                 tuple(sorted(fr.keys)), fr.place, low, high, shown, unit, zone, speaker, update, text, *when))
    return out


# What the consistency rules share while they read one document: the trigger gate (see
# `srclint.kinds.consistency`), each trigger sentence's event dates and quantities. Kept for the
# document checked last only, not in `doc.memo`: a caller that holds many documents (the API,
# the cross-document benchmark) would keep all of it, a few KB a document, for nothing once the
# document's rules have run. The rules of one document run one after the other, so they share it.
# (A weak reference: the memo never keeps a document alive, and a new document with the id of a
# dead one is not taken for it.)
_checked: tuple[Callable[[], object] | None, dict[str, Any]] = (None, {})


def check_memo(doc: Document) -> dict[str, Any]:
    """A memo for the consistency rules' work on `doc`, emptied when another document is asked."""
    global _checked
    ref, memo = _checked  # read once: threads checking other documents replace it, never change it
    if ref is not None and ref() is doc:
        return memo
    memo = {}
    _checked = (_weak_ref(doc), memo)
    return memo


def may_hold_claims(doc: Document, triggers: Iterable[int]) -> bool:
    """False when no sentence holding one of these trigger offsets can give a claim, told
    cheaply: in a document without a date of its own, every claim needs a resolved date in its
    sentence (see `collect_claims`), and without an anchor a date resolves only when a year
    is written out in the sentence. The consistency rules ask this before gathering the rest
    of the scan's hits, and most trigger sentences of undated articles give no year."""
    if doc.anchor_date is not None:
        return True
    prose, sentences = doc.prose, doc.sentences
    seen: dict[int, bool] = check_memo(doc).setdefault("claims.year", {})  # sentence index -> has a year
    for start in triggers:
        i = doc.sentence_index(start)
        if i < 0:
            continue
        found = seen.get(i)
        if found is None:
            found = seen[i] = _has_year(prose, *sentences[i])
        if found:
            return True
    return False


def _has_year(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] holds a match of `_RX_YEAR_DIGITS`. Every match opens with "18",
    "19" or "20": `str.find` rules out most sentences faster than the pattern, which is tried at
    each position where a "1" or "2" stands."""
    if text.find("20", start, end) < 0 and text.find("19", start, end) < 0 and text.find("18", start, end) < 0:
        return False
    return _RX_YEAR_DIGITS.search(text, start, end) is not None


def _within(spans: list[tuple[int, int]], start: int, end: int) -> list[tuple[int, int]]:
    return [(s, e) for s, e in spans if start <= s < end]


Value = tuple[int, int, str, float, float, str, "str | None", str]


def _event_dates(doc: Document, sentence: str, base: int) -> list[Value]:
    """The sentence's dates that can date an event: resolved, not in the dateline, at most
    `MAX_INDEXED_SPAN_DAYS` long, not after "since", "until", "published" ..., and for relative
    dates not inside a quotation. In sentence order.

    They depend on the document and the sentence alone: memoised (`check_memo`), so the
    consistency rules that read one trigger sentence (the date, count and name rules) share them.
    Callers must not change the list."""
    memo: dict[int, list[Value]] = check_memo(doc).setdefault("claims.dates", {})
    found = memo.get(base)
    if found is None:
        found = memo[base] = _event_dates_of(doc, sentence, base)
    return found


def _event_dates_of(doc: Document, sentence: str, base: int) -> list[Value]:
    """`_event_dates` worked out."""
    if doc.anchor_date is None and not _has_year(sentence, 0, len(sentence)):
        return []  # nothing resolves without an anchor or a year (see may_hold_claims)
    dl = doc.dateline
    out: list[Value] = []
    for m in sentence_dates(doc, base, base + len(sentence)):
        start = base + m.start
        if m.value is None or (dl is not None and start < dl.end):
            continue
        if (m.value.end - m.value.start).days > MAX_INDEXED_SPAN_DAYS:
            continue
        if _RX_NOT_EVENT_DATE.search(sentence, max(0, m.start - 16), m.start):
            continue
        if m.kind != "explicit" and doc.in_region(start, "quote"):
            continue  # a quoted "yesterday" is relative to the speaker, not the dateline
        v = m.value
        out.append((start, start + len(m.text), "", float(v.start.toordinal()), float(v.end.toordinal()), v.iso(), None, m.text))
    return out


def _nearest_date(dates: list[Value], base: int, trig: int) -> Value | None:
    """The date nearest the trigger (sentence-relative `trig`): the first of equally near ones."""
    best = None
    for d in dates:
        distance = min(abs(d[0] - base - trig), abs(d[1] - base - trig))
        if best is None or distance < best[0]:
            best = (distance, d)
    return None if best is None else best[1]


def _count_values(doc: Document, sentence: str, base: int, trig: int, lex: Lexicon) -> list[Value]:
    out: list[Value] = []
    roles: set[str] = set()
    for q in _quantities(doc, sentence, base):
        if min(abs(q.start - trig), abs(q.end - trig)) > _NEAR_TRIGGER:
            continue
        if q.unit is not None:
            role = _DIMENSION.get(q.unit, q.unit)
        elif q.head:
            role = lex.role(q.head)
        else:
            continue
        if role in roles:
            continue
        roles.add(role)
        out.append((base + q.start, base + q.end, role, q.low, q.high, _show_count(q, role), q.unit, q.text))
    return out


def _quantities(doc: Document, sentence: str, base: int) -> list[Quantity]:
    """find_quantities of one sentence of `doc` (starting at `base`), once (`check_memo`): each
    trigger of the sentence asks. The sentence's dates, which find_quantities must not read
    as counts, are the memoised ones (their spans do not depend on the document's date)."""
    memo: dict[int, list[Quantity]] = check_memo(doc).setdefault("claims.quantities", {})
    found = memo.get(base)
    if found is None:
        from .text.numbers import find_quantities

        found = memo[base] = find_quantities(sentence, sentence_dates(doc, base, base + len(sentence)))
    return found


def _named_values(
    doc: Document, spans: list[tuple[int, int]], s_start: int, s_end: int, lex: Lexicon
) -> list[tuple[int, int, str, str]]:
    """Value-table names in one sentence: (sentence-relative start, end, role, canonical value)."""
    out = []
    for s, e in _within(spans, s_start, s_end):
        found = lex.value(doc.lowered[s:e])
        if found is not None:
            out.append((s - s_start, e - s_start, *found))
    return out


def _name_claims(named: list[tuple[int, int, str, str]], base: int, trig: int, doc: Document) -> list[Value]:
    """The name nearest the trigger for each role. A sentence that names two different values of
    one role ("an Il-76 and an An-124 landed", "an Il-76, not an An-124") speaks of two things or
    corrects itself: no claim for that role."""
    by_role: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for s, e, role, canonical in named:
        if min(abs(s - trig), abs(e - trig)) <= _NEAR_TRIGGER:
            by_role[role].append((s, e, canonical))
    out: list[Value] = []
    for role, found in by_role.items():
        if len({fold_name(c) for _, _, c in found}) > 1:
            continue
        s, e, canonical = min(found, key=lambda f: min(abs(f[0] - trig), abs(f[1] - trig)))
        out.append((base + s, base + e, role, 0.0, 0.0, canonical, None, doc.prose[base + s : base + e]))
    return out


def _num(x: float) -> str:
    return f"{x:,.0f}" if x == int(x) else f"{x:,.2f}".rstrip("0").rstrip(".")


def _show_count(q: Quantity, role: str) -> str:
    unit = f" {q.unit}" if q.unit else f" {role}"
    if q.low == q.high:
        return f"{_num(q.low)}{unit}"
    if math.isinf(q.high):
        return f"at least {_num(q.low)}{unit}"
    if q.low == 0:
        return f"at most {_num(q.high)}{unit}"
    return f"{_num(q.low)}-{_num(q.high)}{unit}"


def _speaker(doc: Document, offset: int) -> str | None:
    for qs, qe in doc.quotes:
        if qs <= offset < qe:
            return quote_speaker(doc.prose, qs, qe)
        if qs > offset:
            break
    return None


# ------------------------------------------------------------------------------ pass 2
Verdict = str  # "conflict" | "timezone" | "sources"
if TYPE_CHECKING:
    K = TypeVar("K")  # how the caller identifies a claim


def judge(a: Claim, b: Claim, lex: Lexicon, max_gap_days: int) -> Verdict | None:
    """Whether two candidate claims (same event, slot and role; two shared keys) conflict.

    Dates conflict when their intervals do not overlap; counts when they do not overlap for one
    time; names when they are not one name (`same_name`) for one time."""
    if a.path == b.path and a.start == b.start:
        return None
    if a.place and b.place and a.place != b.place and not (lex.contains(a.place, b.place) or lex.contains(b.place, a.place)):
        return None  # two places: two events
    if {k for k in a.keys if k[0] == "#"} != {k for k in b.keys if k[0] == "#"}:
        return None  # "a second plane" is not the first one
    actors_a, actors_b = {k for k in a.keys if k[0] == "^"}, {k for k in b.keys if k[0] == "^"}
    if actors_a and actors_b and not actors_a & actors_b:
        return None  # a Russian plane and a Chinese plane: two landings
    if a.slot == "date":
        gap = max(a.low - b.high, b.low - a.high)
        if gap <= 0 or gap > max_gap_days:
            return None
    elif a.slot == "name":
        if a.path == b.path:
            return None  # one article naming two types for one landing tells of two aircraft
        if max(a.when_low - b.when_high, b.when_low - a.when_high) > max_gap_days:
            return None  # another day, another flight
        if same_name(a.shown, b.shown) or same_name(a.text, b.text):
            return None
        gap = 0
    else:
        if max(a.when_low - b.when_high, b.when_low - a.when_high) > max_gap_days:
            return None  # the same kind of event at another time
        if a.update or b.update:
            return None
        from .text.numbers import Quantity, near_agreement

        qa = Quantity(a.start, a.end, a.text, a.low, a.high, a.unit, a.role, None, a.low)
        qb = Quantity(b.start, b.end, b.text, b.low, b.high, b.unit, b.role, None, b.low)
        if near_agreement(qa, qb):
            return None
        gap = 0
    if (a.speaker is not None or b.speaker is not None) and not (a.speaker and a.speaker == b.speaker):
        return "sources"
    if gap == 1 and a.zone is not None and b.zone is not None and a.zone != b.zone:
        return "timezone"
    return "conflict"


def index_keys(c: Claim, max_gap_days: int) -> Iterable[tuple[object, ...]]:
    """The blocks a claim is matched in: (event, slot, role, key, key, time bucket) for every pair
    of its signature keys and every bucket its time (plus the allowed gap) reaches. Two claims that
    `judge` could call conflicting always share one."""
    keys = sorted(c.keys, key=lambda k: (k[0] not in "@#^", k))[:MAX_KEYS]
    head = (c.event, c.slot, c.role)
    width = max_gap_days + 1
    buckets = range(int(c.when_low) // width, int(c.when_high + max_gap_days) // width + 1)
    for k1, k2 in combinations(sorted(keys), 2):
        for b in buckets:
            yield (*head, k1, k2, b)


def judge_block(
    block: Sequence[tuple[K, Claim]], lex: Lexicon, max_gap_days: int
) -> Iterator[tuple[K, K, Verdict]]:
    """Every conflicting pair in one block, each way round. Pairs are judged in a canonical order
    (path, offset, event, role, then identity), whichever block they are found in."""
    ordered = sorted(block, key=lambda kc: (kc[1].path, kc[1].start, kc[1].event, kc[1].role, kc[0]))
    for x, (ia, a) in enumerate(ordered):
        for ib, b in ordered[x + 1 :]:
            verdict = judge(a, b, lex, max_gap_days)
            if verdict is not None:
                yield ia, ib, verdict
                yield ib, ia, verdict


from . import serialize as _serialize  # noqa: E402

_serialize.register(Claim)
