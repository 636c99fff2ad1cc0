"""Event frames: what a sentence is about, reduced to comparable keys.

Two reports of one event rarely share words ("A sanctioned Russian transport plane landed in
Caracas" / "a Russian Il-76 cargo plane touched down at Caracas's Simón Bolívar International
Airport"), so a sentence is reduced to a *signature* of normalised keys (domain.md §4.5): the
canonical names of alias-table hits ("cargo plane" -> aircraft, "Maiquetía" -> Caracas),
countries for demonyms ("Russian" -> Russia), other capitalised names folded (accents and
possessives dropped), and a place: the name after in/at/to nearest the trigger, else the
dateline's place. The compared value (date, number) is never part of the signature.

This module is text-level and rule-agnostic: the `consistency` kind builds a `Lexicon` from its
YAML and calls `frame()` for each sentence where one of its trigger words fired.
"""

from __future__ import annotations

import unicodedata
from dataclasses import field
from functools import lru_cache
TYPE_CHECKING = False  # typing itself is not imported: a run that lints a file imports this module

from .. import LazyModule
from ..records import FACTORY, record
from . import LazyPattern, compiled_on_demand

if TYPE_CHECKING:
    import difflib
else:  # imported when two names are first compared letter by letter: a run may compare none
    difflib = LazyModule("difflib", globals())

__all__ = ["Frame", "Lexicon", "NAME_MATCH_RATIO", "PlaceInfo", "fold_name", "frame", "quote_speaker", "same_name"]


@record(frozen=True, slots=True)
class PlaceInfo:
    """What a place table knows of a place: what it lies within and its UTC offset."""
    within: str | None = None
    utc_offset: float | None = None

    def __init__(self, within: str | None = None, utc_offset: float | None = None) -> None:
        store = object.__setattr__  # a frozen class's fields are stored past its __setattr__
        store(self, "within", within)
        store(self, "utc_offset", utc_offset)


@record(frozen=False, slots=True)
class Lexicon:
    """Normalisation tables, keyed by folded surface form (see `fold_name`)."""

    aliases: dict[str, str] = field(default_factory=dict)  # folded variant -> canonical
    demonyms: dict[str, str] = field(default_factory=dict)  # folded demonym -> country
    places: dict[str, PlaceInfo] = field(default_factory=dict)  # folded canonical place -> info
    roles: dict[str, str] = field(default_factory=dict)  # folded counted noun -> canonical role
    countries: set[str] = field(default_factory=set)  # folded demonym targets: actor keys, marked "^"
    values: dict[str, tuple[str, str]] = field(default_factory=dict)  # folded name -> (role, canonical value)

    def __init__(
        self, aliases: dict[str, str] = FACTORY, demonyms: dict[str, str] = FACTORY, places: dict[str, PlaceInfo] = FACTORY,
        roles: dict[str, str] = FACTORY, countries: set[str] = FACTORY, values: dict[str, tuple[str, str]] = FACTORY,
    ) -> None:  # fmt: skip
        self.aliases = {} if aliases is FACTORY else aliases
        self.demonyms = {} if demonyms is FACTORY else demonyms
        self.places = {} if places is FACTORY else places
        self.roles = {} if roles is FACTORY else roles
        self.countries = set() if countries is FACTORY else countries
        self.values = {} if values is FACTORY else values

    def key(self, canonical_key: str) -> str:
        """A signature key: countries are marked "^" so that two disjoint sets of actors can veto."""
        return "^" + canonical_key if canonical_key in self.countries else canonical_key

    def role(self, head: str) -> str:
        """Canonical counted noun ("soldier" -> troops); never a signature key."""
        key = fold_name(head)
        target = self.roles.get(key)
        return fold_name(target) if target else key

    def canonical(self, name: str) -> str:
        """Folded canonical form of a name: alias target, demonym's country, or itself."""
        key = fold_name(name)
        target = self.aliases.get(key) or self.demonyms.get(key)
        return fold_name(target) if target else key

    def value(self, name: str) -> tuple[str, str] | None:
        """(role, canonical value) of a name the name slot compares ("Ilyushin Il-76" -> aircraft, Il-76)."""
        return self.values.get(fold_name(name))

    def is_place(self, key: str) -> bool:
        return key in self.places

    def contains(self, outer: str, inner: str) -> bool:
        """True when place `inner` lies within `outer` (Caracas within Venezuela), transitively."""
        seen = 0
        while inner and seen < 8:
            info = self.places.get(inner)
            if info is None or info.within is None:
                return False
            inner = fold_name(info.within)
            if inner == outer:
                return True
            seen += 1
        return False

    def zone(self, key: str | None) -> float | None:
        info = self.places.get(key or "")
        if info is None:
            return None
        if info.utc_offset is not None:
            return info.utc_offset
        return self.zone(fold_name(info.within)) if info.within else None


_POSSESSIVE = LazyPattern(r"['’]s\b")


@lru_cache(maxsize=1 << 16)
def fold_name(name: str) -> str:
    """Lower case, accents removed, possessive and outer punctuation dropped, spaces collapsed."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.lower()
    if "'" in text or "’" in text:  # a possessive to drop (most names have no apostrophe: no regex)
        text = _POSSESSIVE.sub("", text)
    return " ".join(text.replace("’", "'").strip(" .,;:'\"()").split())


NAME_MATCH_RATIO = 0.8
"""Two folded names whose letters agree at least this much (difflib ratio on the sorted words) are
one name spelled two ways: "Sheremetyevo"/"Sheremetevo" 0.96, "Maiquetia"/"Maiketia" 0.82, while
"Vnukovo"/"Pulkovo" (two Russian airports) is 0.71. Measured on the pairs in tests/test_consistency.py."""
_RX_WORD = LazyPattern(r"[^\W_]+(?:-[^\W_]+)*")  # compiled on first use (or from the pack cache)


def same_name(a: str, b: str, threshold: float = NAME_MATCH_RATIO) -> bool:
    """Whether two names of one role may be one name written two ways, so that they must not be
    reported as a conflict: equal after folding, one contained in the other at word boundaries
    ("Il-76" in "Ilyushin Il-76", "Boeing 747" in "Boeing 747-400"), or a transliteration.

    Designators are compared exactly, never fuzzily: "Il-76"/"Il-78" and "An-12"/"An-124" differ
    by one character and are different aircraft. So words with a digit must be the same on both
    sides (or absent from one), and only the letter-only words are compared by similarity."""
    fa, fb = fold_name(a), fold_name(b)
    if fa == fb or _contains(fa, fb) or _contains(fb, fa):
        return True
    wa, wb = _RX_WORD.findall(fa), _RX_WORD.findall(fb)
    da = {w for w in wa if any(c.isdigit() for c in w)}
    db = {w for w in wb if any(c.isdigit() for c in w)}
    if da and db and da != db:
        return False
    la = " ".join(sorted(w for w in wa if w not in da))
    lb = " ".join(sorted(w for w in wb if w not in db))
    if not la or not lb:
        return bool(da and da == db)  # only designators, and the same ones
    return difflib.SequenceMatcher(None, la, lb, autojunk=False).ratio() >= threshold


def _contains(outer: str, inner: str) -> bool:
    """`inner` occurs in `outer` with no letter or digit glued to either end ("an-12" is not in "an-124")."""
    i = outer.find(inner)
    while i >= 0:
        end = i + len(inner)
        if (i == 0 or not outer[i - 1].isalnum()) and (end == len(outer) or not outer[end].isalnum()):
            return True
        i = outer.find(inner, i + 1)
    return False


@record(frozen=True, slots=True)
class Frame:
    """The signature of one sentence for one event class."""

    keys: frozenset[str]  # entity keys, plus "@place" and "#n" for an ordinal
    place: str | None  # folded canonical place

    def __init__(self, keys: frozenset[str], place: str | None) -> None:
        store = object.__setattr__  # a frozen class's fields are stored past its __setattr__
        store(self, "keys", keys)
        store(self, "place", place)


# Capitalised words that are not names: sentence openers, titles, calendar words.
_NOT_NAMES = frozenset(
    """a an the this that these those it its he she they we i in on at to of for from by with and or but
    as after before when while if since during following according however meanwhile also some all
    president minister prime foreign secretary general gen col officials official spokesman spokeswoman
    mr mrs ms dr sen rep gov lt capt sgt police reuters ap afp analysts sources witnesses state
    monday tuesday wednesday thursday friday saturday sunday january february march april may june july
    august september october november december jan feb mar apr jun jul aug sep sept oct nov dec
    tl dr what details timing background broader implications earlier later today yesterday tomorrow
    one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty hundred
    hundreds thousands dozens several many few""".split()
)
# Compiled on first use, with the event frame of a sentence that has a trigger word.
_RX_CAPS = LazyPattern(r"[A-Z][\w'’.-]*(?:[ \t]+(?:of[ \t]+|de[ \t]+|la[ \t]+|al-)?[A-Z][\w'’.-]*)*")
_RX_PLACE_PREP = LazyPattern(r"\b(?:in|at|to|near|outside|over)[ \t]+(?:the[ \t]+)?(?=[A-Z])")
PLACE_WINDOW = 60  # "landed in Caracas"; not "... underscores a pivot to Moscow" 80 characters on
_ORDINALS = {"second": 2, "third": 3, "fourth": 4, "fifth": 5}


@lru_cache(maxsize=2048)
def _sentence_parts(sentence: str) -> tuple[frozenset[int], tuple[tuple[int, int, str], ...]]:
    """What `frame` reads from a sentence whatever the trigger and rule: where place
    prepositions end, and the capitalised names. Each consistency rule frames the same trigger
    sentences, so they are worked out once."""
    return frozenset(m.end() for m in _RX_PLACE_PREP.finditer(sentence)), tuple(_names(sentence))


def _names(sentence: str) -> list[tuple[int, int, str]]:
    """Capitalised spans with leading non-name words trimmed: (start, end, text)."""
    out: list[tuple[int, int, str]] = []
    for m in _RX_CAPS.finditer(sentence):
        words = m.group().split()
        start = m.start()
        while words and fold_name(words[0]) in _NOT_NAMES:
            start = sentence.index(words[0], start) + len(words[0])
            words = words[1:]
        while words and fold_name(words[-1]) in _NOT_NAMES:
            words = words[:-1]
        if not words:
            continue
        start = sentence.index(words[0], start)
        end = sentence.index(words[-1], start) + len(words[-1])
        text = sentence[start:end].rstrip(".")
        if len(text) > 1:
            out.append((start, start + len(text), text))
    return out


def frame(
    sentence: str,
    trigger_at: int,
    lex: Lexicon,
    term_hits: list[tuple[int, int, str]],
    *,
    dateline_place: str | None = None,
    ordinal: str | None = None,
) -> Frame:
    """Signature of `sentence` around the trigger at offset `trigger_at` (sentence-relative).

    `term_hits` are (start, end, canonical) hits of the alias, demonym and place tables inside the
    sentence, from the run's shared term scan. Capitalised names overlapping a hit are not added
    again; month and weekday names, titles and sentence openers are not names.
    """
    keys: set[str] = set()
    covered: list[tuple[int, int]] = []
    place_candidates: list[tuple[int, str]] = []
    preps, names = _sentence_parts(sentence)
    for start, end, canonical in term_hits:
        key = fold_name(canonical)
        covered.append((start, end))
        if lex.is_place(key) and _after_prep(sentence, start, preps):
            place_candidates.append((start, key))
        else:
            keys.add(lex.key(key))
    for start, end, text in names:
        if any(s < end and start < e for s, e in covered):
            continue
        key = lex.canonical(text)
        if _after_prep(sentence, start, preps):
            place_candidates.append((start, key))
        else:
            keys.add(lex.key(key))
    place: str | None = None
    place_candidates = [c for c in place_candidates if -PLACE_WINDOW < c[0] - trigger_at < PLACE_WINDOW]
    if place_candidates:
        # nearest to the trigger, preferring names after it ("landed in Caracas")
        place = min(place_candidates, key=lambda c: (abs(c[0] - trigger_at) + (0 if c[0] > trigger_at else 40)))[1]
        keys.update(lex.key(k) for _, k in place_candidates if k != place and not lex.contains(k, place))
    elif dateline_place:
        place = lex.canonical(dateline_place)
    if place:
        keys.discard(place)
        keys.discard("^" + place)
        keys.add("@" + place)
    if ordinal:
        keys.add("#" + str(_ORDINALS.get(ordinal.split()[-1], ordinal)))
    return Frame(frozenset(keys), place)


def _after_prep(sentence: str, start: int, preps: frozenset[int]) -> bool:
    return start in preps


# Only claims inside quotations look for a speaker: compiled when the first one does.
_rx_said_after = compiled_on_demand(
    r"^[\s,]*(?:(?:said|says|told\s+\w+|added|according\s+to)\s+(?P<a>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*)"
    r"|(?P<b>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*)\s+(?:said|says|added|told))"
)
_rx_said_before = compiled_on_demand(r"(?P<c>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*)\s+(?:said|says|added|told\s+[^,:]{0,30})[,:]?\s*$")


def quote_speaker(text: str, qstart: int, qend: int) -> str:
    """Folded last name of whoever a quotation is attributed to, or "" when it cannot be told."""
    after = _rx_said_after().match(text[qend : qend + 100])
    m = after if after else _rx_said_before().search(text[max(0, qstart - 100) : qstart])
    if not m:
        return ""
    name = next(g for g in m.groups() if g)
    words = [w for w in name.split() if fold_name(w) not in _NOT_NAMES]
    return fold_name(words[-1]) if words else ""
