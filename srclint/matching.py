"""One scan per text for every term list of every rule.

All literal term lists in a RuleSet go into one Aho-Corasick automaton (pyahocorasick), run once
over a word mask of the document's folded prose (`Document.lowered`, see `_masked`), in which the
automaton's terms carry their own word boundaries; each hit is handed to the lists that own the
term. Measured on news prose with 1,600 terms, this is about 50-100x faster than the `regex`
module's named lists and twice a trie-shaped `re` alternation, and unlike an alternation it
reports overlapping terms ("analysts" and "analysts note") to every rule that asks.

User *patterns* (regular expressions) do not go through here: they run with the `regex` module
and a timeout, see `srclint.patterns`.
"""

from __future__ import annotations

import codecs
from collections import defaultdict
from collections.abc import Iterable, Iterator
from itertools import compress

import ahocorasick

__all__ = ["Hits", "TermScanner", "fold_term"]

ListKey = tuple[str, str]  # (rule code, list name)
Hits = dict[ListKey, list[tuple[int, int]]]
Owners = list[tuple[ListKey, "str | None"]]
# A term's entry while the scanner is built: its length; the group of list keys that take every
# hit of it (-1 for none); (spelling, group) pairs for keys that take a hit only in that exact
# spelling; whether the term opens with a word character and whether it closes with one.
Entry = tuple[int, int, tuple[tuple[str, int], ...], bool, bool]
# The buckets (one per class of list keys, see `TermScanner`) that take a hit of a group.
Fan = tuple[int, ...]
# An entry as the scan uses it: each group as its buckets.
FanEntry = tuple[int, Fan, tuple[tuple[str, Fan], ...], bool, bool]
# A term's record in the masked automaton: how far before the hit's end index the term starts
# and its length; its buckets and spellings (as in FanEntry); the term itself when a hit of its
# mask must be compared with the text (None when the mask spells the term exactly).
Record = tuple[int, int, Fan, tuple[tuple[str, Fan], ...], "str | None"]
GroupRecord = tuple[int, int, int, tuple[tuple[str, int], ...], "str | None"]  # with groups, while building
# What the masked automaton holds for a mask: when a hit of the mask is a hit of one term (most
# hits: nine in ten), how far before the hit's end index the span starts and ends, a bucket, and
# what else the hit needs: None (nothing: the bucket takes it), the term (a str, to compare with
# the folded text, as in Record), a second bucket (an int: the term's hits go to two), or the
# one spelling the bucket takes the hit in (a `_Spelling`, compared with the original text).
# For a term taken only in some spellings, each by one bucket ("may" and the month "May"), -1
# for the bucket and a dict of the spellings' buckets. Else 0, 0, -1 and the Records of the
# terms with that mask (usually one; two for "so-called" and "so called").
Value = tuple[int, int, int, "str | int | dict[str, int] | tuple[Record, ...] | None"]


class _Spelling(str):
    """A spelling a Value's bucket takes a hit in (told from a term to compare by its class)."""

    __slots__ = ()

_FOLD = str.maketrans({"’": "'", "‘": "'", "\u00a0": " "})


def fold_term(term: str) -> str:
    """Fold a term the way `Document.lowered` folds text."""
    return " ".join(term.lower().translate(_FOLD).split())


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


class TermScanner:
    """Matches many term lists at once. Build once per RuleSet; `scan` is thread-safe."""

    def __init__(self, lists: Iterable[tuple[ListKey, Iterable[str], bool]]) -> None:
        """`lists` holds (key, terms, case_sensitive) triples."""
        table: dict[str, Owners] = defaultdict(list)
        for key, terms, case_sensitive in lists:
            for term in terms:
                folded = fold_term(term)
                if folded:
                    table[folded].append((key, term if case_sensitive else None))
        self.size = len(table)
        # Terms wanted only in a spelling with capitals ("US") are looked for as whole words in
        # the folded text, then in their spelling in the original (see below). Those whose
        # folded form is not simply their lower case are looked for in the original text: a
        # few by looking for one rare character of each (see `_find_all`), many by an automaton.
        exact: dict[str, Owners] = defaultdict(list)
        for folded, owners in list(table.items()):
            if all(term is not None and term != folded for _, term in owners):
                for key, term in table.pop(folded):
                    exact[term].append((key, None))  # type: ignore[index]
        # A term's hits go to a group of list keys (the few dozen distinct sets of lists that
        # share terms), a group to buckets (see below): not to each key, one append per hit
        # while scanning, the buckets' spans handed to their keys once per text.
        groups: list[tuple[ListKey, ...]] = []
        group_ids: dict[tuple[ListKey, ...], int] = {}

        def group(keys: Iterable[ListKey]) -> int:
            members = tuple(keys)  # a key listed twice (two spellings of a term) gets each hit twice
            if not members:
                return -1
            if members not in group_ids:
                group_ids[members] = len(groups)
                groups.append(members)
            return group_ids[members]

        def entry(term: str, owners: Owners) -> Entry:
            spellings: dict[str, list[ListKey]] = defaultdict(list)
            for key, spelling in owners:
                if spelling is not None:
                    spellings[spelling].append(key)
            return (
                len(term),
                group(key for key, spelling in owners if spelling is None),
                tuple((spelling, group(keys)) for spelling, keys in spellings.items()),
                # Whether the term opens and closes with a word character is known now: only
                # then can the text around a hit make it part of a longer word.
                _is_word(term[0]),
                _is_word(term[-1]),
            )

        # Terms are looked for in the word mask of the text (see `_masked`), each as its mask with
        # a boundary mark before and after it if it opens or closes with a word character: a hit
        # is then a whole-word one, and the automaton, whose every path starts at a boundary,
        # stays at its root inside words instead of following every term that a word contains
        # ("mon" in "common"). A term with no word character would have a mask that matches
        # almost anywhere; the few such go in a plain automaton over the folded text.
        masked: dict[str, list[GroupRecord]] = defaultdict(list)
        plain: dict[str, Entry] = {}

        def add_masked(term: str, record: GroupRecord, word_first: bool, word_last: bool) -> None:
            masked["\x01" * word_first + _mask_term(term) + "\x01" * word_last].append(record)

        for term, owners in table.items():
            length, group_id, spellings, word_first, word_last = term_entry = entry(term, owners)
            if not any(map(_is_word, term)):
                plain[term] = term_entry
                continue
            check = None if all(ch.isascii() and _is_word(ch) for ch in term) else term
            add_masked(term, (length + word_last, length, group_id, spellings, check), word_first, word_last)
        exact_entries: dict[str, Entry] = {}
        for term, owners in exact.items():
            length, group_id, _, word_first, word_last = term_entry = entry(term, owners)
            if term.isascii() and not any(ch in "\n\t\r" for ch in term) and any(map(_is_word, term)):
                # Folded, such a term is its lower case, character for character: it is looked
                # for as that, whole words only (far fewer places than its capitals), and kept
                # where the original text has its spelling.
                low = term.lower()
                check = None if all(_is_word(ch) for ch in low) else low
                add_masked(low, (length + word_last, length, -1, ((term, group_id),), check), word_first, word_last)
            else:
                exact_entries[term] = term_entry
        # The hits of a list key are those of the groups that hold it (a group once for each time
        # it holds the key). Keys held by the same groups take the same hits: they form a class,
        # and each class has a bucket. A group's hit goes to the bucket of each class the group
        # holds (most hold one), so no join of buckets is made per text; a class's sorted bucket
        # goes to each of its keys, the same list (the hits are read, never changed, by rules).
        groups_of: dict[ListKey, list[int]] = defaultdict(list)
        for group_id, keys in enumerate(groups):
            for key in keys:
                groups_of[key].append(group_id)
        class_ids: dict[tuple[int, ...], int] = {}
        classes: list[list[ListKey]] = []
        for key, ids in groups_of.items():
            if tuple(ids) not in class_ids:
                class_ids[tuple(ids)] = len(classes)
                classes.append([])
            classes[class_ids[tuple(ids)]].append(key)
        self._keys: list[tuple[ListKey, ...]] = [tuple(keys) for keys in classes]
        self._bucket_ids = range(len(classes))
        class_of = {key: class_ids[tuple(ids)] for key, ids in groups_of.items()}
        fans: list[Fan] = [tuple(class_of[key] for key in keys if classes[class_of[key]][0] == key) for keys in groups]

        def fan(group_id: int) -> Fan:
            return fans[group_id] if group_id >= 0 else ()

        def fanned(term_entry: Entry) -> FanEntry:
            length, group_id, spellings, word_first, word_last = term_entry
            return (length, fan(group_id), tuple((s, fan(g)) for s, g in spellings), word_first, word_last)

        def value(records: list[GroupRecord]) -> Value:
            if not records:
                return (0, 0, -1, ())  # `_MARK_RUN`: never found
            fanned_records = tuple(
                (back, length, fan(group_id), tuple((s, fan(g)) for s, g in spellings), check)
                for back, length, group_id, spellings, check in records
            )
            (back, length, bucket_fan, spellings, check), *others = fanned_records
            if others:
                return (0, 0, -1, fanned_records)
            if len(bucket_fan) == 1 and not spellings:
                return (back, back - length, bucket_fan[0], check)
            if check is None and len(bucket_fan) == 2 and not spellings:
                return (back, back - length, bucket_fan[0], bucket_fan[1])
            if check is None and not bucket_fan and len(spellings) == 1:
                ((spelling, spelling_fan),) = spellings
                if len(spelling_fan) == 1 and len(spelling) == length:
                    return (back, back - length, spelling_fan[0], _Spelling(spelling))
            if check is None and not bucket_fan and spellings and all(len(f) == 1 and len(s) == length for s, f in spellings):
                # Several spellings ("may" and "May"), each for one bucket: the text there picks one.
                return (back, back - length, -1, {s: f[0] for s, f in spellings})
            return (0, 0, -1, fanned_records)

        # A trie node's next characters are tried one by one in the order they were first added:
        # adding the masks in their `_search_order` ends the search early at the busy nodes. The
        # node after one boundary mark, which every word of a text passes, is also where a run of
        # marks (". ", ", ") goes on: with no next mark there, the automaton would try every
        # letter, fall back to its root and come back for each. A mask that no text has (no
        # character masks to \x00) gives that node a next mark, tried first.
        if masked:
            masked[_MARK_RUN] = []
        self._automaton = _automaton({key: value(masked[key]) for key in sorted(masked, key=_search_order)})
        self._plain = _automaton({term: fanned(term_entry) for term, term_entry in plain.items()})
        self._exact = _automaton({term: fanned(e) for term, e in exact_entries.items()}) if len(exact_entries) > _FEW_TERMS else None
        self._exact_terms: dict[str, list[tuple[str, int, FanEntry]]] = defaultdict(list)  # by anchor character
        for term, term_entry in exact_entries.items():
            at = _anchor(term)
            self._exact_terms[term[at]].append((term, at, fanned(term_entry)))

    def scan(self, lowered: str, original: str) -> Hits:
        """Hits per list key, each list sorted by start. `lowered` is the folded `original`. Keys
        that always take the same hits share one list: callers must not change it."""
        buckets: list[list[tuple[int, int]]] = [[] for _ in self._keys]
        if self._automaton is not None:
            _collect_masked(self._automaton.iter(_masked(lowered)), lowered, original, buckets)
        if self._plain is not None:
            _collect(self._plain.iter(lowered), lowered, original, buckets)
        if self._exact is not None:
            _collect(self._exact.iter(original), lowered, original, buckets)
        elif self._exact_terms:
            _collect(_find_all(self._exact_terms, original), lowered, original, buckets)
        hits: Hits = {}
        keys = self._keys
        # Only the classes hit (a dozen or so of the fifty per text) are visited, picked out at C speed.
        for bucket in compress(self._bucket_ids, buckets):
            spans = buckets[bucket]
            spans.sort()
            for key in keys[bucket]:
                hits[key] = spans
        return hits


_FEW_TERMS = 16
_MARK_RUN = "\x01\x01\x00"  # see TermScanner.__init__


def _anchor(term: str) -> int:
    """Where in `term` its first character that folding changes is (a capital, mostly): rare in
    prose, so a good character to look for; 0 when there is none."""
    for i, ch in enumerate(term):
        if ch.lower().translate(_FOLD) != ch:
            return i
    return 0


def _find_all(by_anchor: dict[str, list[tuple[str, int, FanEntry]]], text: str) -> Iterator[tuple[int, FanEntry]]:
    """What an automaton's iter() yields (end index, entry), in another order. Each place of an
    anchor character (str.find of one character runs at memory speed) is tried for the terms
    that have it at their `_anchor` offset: on news prose about four times faster than one
    str.find pass per term."""
    for anchor, terms in by_anchor.items():
        i = text.find(anchor)
        while i >= 0:
            for term, at, entry in terms:
                if i >= at and text.startswith(term, i - at):
                    yield i - at + entry[0] - 1, entry
            i = text.find(anchor, i + 1)


# English letters by how often they come first in a word, and anywhere in one; the boundary
# mark before them, other characters after.
_FIRST_RANK = str.maketrans({ch: chr(i) for i, ch in enumerate("\x01tasowicbphfmdrelngyuvjkqxz\x02")})
_RANK = str.maketrans({ch: chr(i) for i, ch in enumerate("\x01etaoinsrhldcumfpgwybvkxjqz\x02")})


def _search_order(mask: str) -> str:
    """A sort key for the masks of terms: sorted by it, masks that go on from a shared prefix
    with a more common character come first. What matters is the node after the opening mark,
    which every word of a text passes through: there it is the letter words most often start
    with (digits and "_" after all letters). Which hits a scan finds does not depend on it."""
    return mask[:2].translate(_FIRST_RANK) + mask[2:].translate(_RANK)


def _automaton(table: dict[str, FanEntry] | dict[str, Value]) -> ahocorasick.Automaton | None:
    if not table:
        return None
    auto = ahocorasick.Automaton()
    for word, entry in table.items():
        auto.add_word(word, entry)
    auto.make_automaton()
    return auto


# The word mask of a text: word characters that are ASCII stay themselves, other word characters
# become \x02, every other character \x01 (a boundary mark); \x01 is added at both ends, so
# position i of the text is position i + 1 of its mask. Built at C speed: Latin-1 encoding (an
# error handler turns the rarer wider characters into a Latin-1 word or non-word character),
# a byte table, ASCII decoding.
_MASK = bytes((b if b < 128 else 2) if _is_word(chr(b)) else 1 for b in range(256))


def _mask_wide(error: UnicodeError) -> tuple[str, int]:
    assert isinstance(error, UnicodeEncodeError)
    wide = error.object[error.start : error.end]
    return "".join("\xe9" if _is_word(ch) else "\x01" for ch in wide), error.end


codecs.register_error("srclint.word-mask", _mask_wide)


# Typographic marks beyond Latin-1 common in prose (dashes, quotes, minus, ellipsis, bullet, thin
# spaces), none a word character: see `_masked`.
_WIDE_MARKS = "–—“”−…•\u2009\u202f"


def _masked(text: str) -> str:
    if not text.isascii():
        # The encoder calls the error handler, a Python call, once per run of characters beyond
        # Latin-1: the common ones, all boundary marks, are made \x01 before (at memory speed).
        for mark in _WIDE_MARKS:
            if mark in text:
                text = text.replace(mark, "\x01")
    return ("\x01" + text + "\x01").encode("latin-1", "srclint.word-mask").translate(_MASK).decode("ascii")


def _mask_term(term: str) -> str:
    """The mask of a term, as `_masked` (without the end marks) makes it of a text."""
    return "".join((ch if ch.isascii() else "\x02") if _is_word(ch) else "\x01" for ch in term)


def _collect_masked(found: Iterable[tuple[int, Value]], lowered: str, original: str, buckets: list[list[tuple[int, int]]]) -> None:
    """Add the terms `found` in the word mask of `lowered` to their groups' buckets. A hit is at a
    whole word by construction; a term whose mask may stand for other text (it holds non-word or
    non-ASCII characters: "u.s." also masks "u-s-") is compared with the text there. (Most hits
    are of one term for one bucket and take a short way, the others the loop over records.)"""
    for end_index, (back, after, bucket, records) in found:
        if records is None:
            buckets[bucket].append((end_index - back, end_index - after))
            continue
        cls = records.__class__
        if cls is str:  # the term, to compare with the text
            start = end_index - back
            if start >= 0 and lowered.startswith(records, start):
                buckets[bucket].append((start, end_index - after))
            continue
        if cls is int:  # a second bucket
            span = (end_index - back, end_index - after)
            buckets[bucket].append(span)
            buckets[records].append(span)
            continue
        if cls is _Spelling:  # only in this spelling (start >= 0: the term needs no compare)
            start = end_index - back
            if original.startswith(records, start):
                buckets[bucket].append((start, end_index - after))
            continue
        if cls is dict:  # one of several spellings, each for one bucket
            start = end_index - back
            end = end_index - after
            bucket = records.get(original[start:end], -1)
            if bucket >= 0:
                buckets[bucket].append((start, end))
            continue
        for back, length, fan, spellings, term in records:
            start = end_index - back
            if term is not None and (start < 0 or not lowered.startswith(term, start)):
                continue  # start < 0: a leading boundary mark matched the mask's opening mark
            end = start + length
            for bucket in fan:
                buckets[bucket].append((start, end))
            for spelling, spelling_fan in spellings:
                if original[start:end] == spelling:
                    for bucket in spelling_fan:
                        buckets[bucket].append((start, end))


def _collect(found: Iterable[tuple[int, FanEntry]], lowered: str, original: str, buckets: list[list[tuple[int, int]]]) -> None:
    """Add the `found` terms (in the folded or the original text; both have the same length)
    that start and end on word boundaries to their groups' buckets."""
    n = len(lowered)
    for end_index, (length, fan, spellings, word_first, word_last) in found:
        end = end_index + 1
        start = end - length
        if word_first and start > 0:
            ch = lowered[start - 1]
            if ch.isalnum() or ch == "_":
                continue
        if word_last and end < n:
            ch = lowered[end]
            if ch.isalnum() or ch == "_":
                continue
        for bucket in fan:
            buckets[bucket].append((start, end))
        for spelling, spelling_fan in spellings:
            if original[start:end] == spelling:
                for bucket in spelling_fan:
                    buckets[bucket].append((start, end))
