"""Sentences whose content is credited to an identifiable source ("the minister said the talks
could fail", "the flights may resume, according to the ministry").

A hedge there is the source's, reported, not the writer's own speculation, so the speculation
rules can leave it alone. A source that names nobody ("analysts said the move could tip the
balance") does not count: the hedge is still unattributed in any way a reader can check, and the
attribution rules flag the source itself. The cue and source machinery is the attribution kind's
(`srclint.text.names`); only the decision "is there a named source" is made here.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
TYPE_CHECKING = False  # typing itself is not imported: a run that lints a file imports this module

import ahocorasick  # type: ignore[import-not-found]

from ..matching import fold_term
from .names import DEFAULT_GENERIC, NounPhrase, find_source, has_person_name, name_runs, phrase_after
from . import LazyPattern
from .trie import trie_pattern

if TYPE_CHECKING:
    from ..documents import Document

__all__ = ["REPORTING_CUES", "VAGUE_SOURCES", "CueFinder", "Reported", "cue_is_noun"]

# Verbs that report what someone said, wrote or thinks, in the forms that are seldom nouns ("said",
# "noted", but not "notes", "reports", "claims", "fears", "states"), and the prepositional frames
# whose source follows them.
REPORTING_CUES = tuple(
    """say says said saying tell tells told add adds added noted warn warns warned predict predicts
    predicted expect expects expected believe believes believed argue argues argued claimed
    estimated insist insists insisted contend contends contended maintains caution cautions
    cautioned write writes wrote reported announce announces announced stated acknowledge
    acknowledges acknowledged concede concedes conceded feared think thinks thought explain explains
    explained confirm confirms confirmed""".split()
)
AFTER_CUES = ("according to", "in the view of", "in the words of")
# Heads of source phrases that identify nobody: the nouns of the attribution rules ATT001 and
# ATT002 (collectives and anonymous officials), singular and plural.
VAGUE_SOURCES = frozenset(
    """official officials source sources analyst analysts expert experts observer observers critic
    critics insider insiders diplomat diplomats person people aide aides someone somebody many some
    others commentator commentators pundit pundits watchers skeptics sceptics scholar scholars
    historian historians economist economists scientist scientists researcher researchers
    specialist specialists strategist strategists supporters opponents proponents detractors
    reviewers studies study research report reports staffer staffers negotiator negotiators
    lawmaker lawmakers investigator investigators adviser advisers advisor advisors""".split()
)
_FIRST_PERSON = frozenset("i we me us my our".split())
_PERSON_PRONOUNS = frozenset("he she they".split())
_AFFILIATION = frozenset("at from with for".split())
# Lower-case heads that stand for people or bodies that speak: a phrase without a name counts as
# a source only with one of these ("the ministry said", "his lawyer said"). "Errors suggest",
# "the credit maintained" are evidence or grammar, not a source.
ROLE_NOUNS = frozenset(
    """minister ministers ministry president presidents prime spokesman spokeswoman spokesperson
    spokespeople governor mayor senator senators legislator legislators representative chairman
    chairwoman chair secretary ambassador envoy general commander admiral colonel captain officer
    officers chief director executive executives manager ceo founder government administration
    department agency embassy council committee commission parliament congress senate court judge
    judges prosecutor prosecutors lawyer lawyers attorney attorneys police army military navy
    company firm bank party campaign union newspaper paper network broadcaster statement survey poll
    doctor doctors professor author authors witness witnesses resident residents survivor survivors
    victim victims father mother wife husband son daughter brother sister friend friends neighbor
    neighbour coach player players leader leaders organizers organisers group groups organization
    organisation""".split()
)  # the vague nouns above (researchers, a report) are judged before this list is asked
_CLAUSE_END = LazyPattern(r"[,;:—–\"”]\s*\Z")  # compiled on first use: asked of named sources only


class CueFinder:
    """Finds the cue phrases in windows of a folded text: what `finditer` of an alternation of
    the phrases between `(?<!\\w)` and `(?!\\w)` finds in each window (with the window as `pos`
    and `endpos`), for the verb cues and then the after cues, each span with whether it is an
    after cue (an after cue wins a span both lists have).

    One Aho-Corasick pass over a window finds both lists' phrases wherever they occur, words or
    not; the two alternations, tried at every position, took about four times as long. The few
    occurrences are then checked for word boundaries and chained as `finditer` would: the
    longest phrase at the leftmost start, the next search from its end."""

    __slots__ = ("_auto", "_chars", "_which", "scan_terms")

    def __init__(self, cues: Iterable[str], after_cues: Iterable[str]) -> None:
        lengths: dict[str, list[tuple[int, int]]] = {}
        for which, phrases in enumerate((cues, after_cues)):
            for phrase in {p.lower() for p in phrases if p}:
                lengths.setdefault(phrase, []).append((len(phrase), which))
        self._auto: ahocorasick.Automaton | None = None
        if lengths:
            self._auto = ahocorasick.Automaton()
            for phrase, entries in lengths.items():
                self._auto.add_word(phrase, tuple(entries))
            self._auto.make_automaton()
        # A character no phrase holds (a full stop, for the usual cues) is inside no occurrence:
        # the search can stop and start again at one (see `find`).
        self._chars = frozenset("".join(lengths))
        # For `find` from the shared term scan's hits: which lists (0 the verb cues, 1 the after
        # cues) each phrase is in, by the phrase (a scan hit's text is its term folded).
        self._which = {phrase: tuple(which for _, which in entries) for phrase, entries in lengths.items()}
        # The phrases as terms for the shared term scan, when its hits are the occurrences the
        # search finds (see `_part_of_hits`): each phrase folds as it lowers, and opens and
        # closes with a word character (the scan asks for a word boundary only beside those).
        self.scan_terms: tuple[str, ...] | None = (
            tuple(sorted(lengths))
            if lengths and all(fold_term(p) == p and _is_word(p[0]) and _is_word(p[-1]) for p in lengths)
            else None
        )

    def in_no_phrase(self, char: str) -> bool:
        """Whether no phrase holds `char`: no cue found crosses it."""
        return char not in self._chars

    def find(
        self,
        low: str,
        windows: Iterable[list[int]] | Iterable[tuple[int, int]],
        keep: list[tuple[int, int]] | None = None,
        hits: list[tuple[int, int]] | None = None,
    ) -> dict[tuple[int, int], bool]:
        """With `keep` (sorted, disjoint spans), the cues that start inside a kept span are the
        same, and of the others only some are found: each window is searched only in the kept
        spans it overlaps, each widened on both sides to a character no phrase holds (or to the
        window's edge). No occurrence crosses such a character, so one that starts in such a
        stretch ends in it, and those before it all end before it: the chain (the longest at the
        leftmost start, the next from its end) starts afresh there, as it does in the window.

        For the same reason each such stretch (a part) is searched on its own, its chain started
        at its start: two parts of a window that overlap share only whole runs of phrase
        characters, in which the chain goes the same way in either.

        `hits` (with `keep` only): the hits of `scan_terms` in `low` from the shared term scan,
        sorted; the parts' occurrences are then taken from them instead of searching the parts
        (see `_part_of_hits`)."""
        found: dict[tuple[int, int], bool] = {}
        if self._auto is None:
            return found
        part = self._part
        if keep is None:
            for lo, hi in windows:
                part(low, lo, hi, hi, found)
            return found
        phrase_chars = self._chars
        spans: list[Sequence[int]] = windows if isinstance(windows, list) else list(windows)
        n_windows = len(spans)
        n_hits = 0
        if hits is not None:
            # A cue ending at a window's end before a word character may be no scan hit: with
            # such a window, the parts are searched (see `_part_of_hits`).
            for window in spans:
                hi = window[1]
                if hi < len(low) and ((ch := low[hi]).isalnum() or ch == "_"):
                    hits = None
                    break
            else:
                n_hits = len(hits)
        w = 0
        # The kept spans in order, each with the windows it overlaps (one, as a rule: a kept
        # span is a sentence holding the source noun the window is centred on).
        for a, kept_end in keep:
            while w < n_windows and spans[w][1] <= a:
                w += 1  # the windows that end before this span end before the next ones too
            if w == n_windows:
                break
            if spans[w][0] >= kept_end:
                continue  # in no window
            # Both edges are a character or two from a full stop or the like as a rule (". "
            # before a sentence, a full stop ending it): stepped over one by one.
            while a > 0 and low[a - 1] in phrase_chars:
                a -= 1
            b = kept_end - 1  # >= a: the span is not empty
            while b < len(low) and low[b] in phrase_chars:
                b += 1
            if hits is not None:
                i = bisect_left(hits, (a,))
                if i == n_hits or hits[i][0] >= b:
                    continue  # no scan hit in the stretch, so none in its parts: most kept spans
            k = w
            while k < n_windows and (window := spans[k])[0] < kept_end:
                lo, hi = window
                part_start, part_end = a if a > lo else lo, b if b < hi else hi
                if hits is None:
                    part(low, part_start, part_end, hi, found)
                else:
                    self._part_of_hits(low, hits, i, part_start, part_end, found)
                k += 1
        return found

    def find_in(self, low: str, start: int, end: int) -> dict[tuple[int, int], bool]:
        """`find` of the one window low[start:end] (a call for each sentence, for some callers:
        without the loop over windows)."""
        found: dict[tuple[int, int], bool] = {}
        if self._auto is not None:
            self._part(low, start, end, end, found)
        return found

    def _part(self, low: str, a: int, b: int, hi: int, found: dict[tuple[int, int], bool]) -> None:
        """Adds the cues of low[a:b] that a search of a window ending at `hi` finds, starting at
        `a` (see `find`)."""
        # A slice, not iter(low, a, b): the automaton copies a text that is not UCS-4 into
        # UCS-4 whole, per call.
        hits = None
        for last, entries in self._auto.iter(low[a:b]):  # type: ignore[union-attr]
            end = a + last + 1
            # (?!\w): the window's end counts as the text's end, as `endpos` makes it.
            if end < hi and ((ch := low[end]).isalnum() or ch == "_"):
                continue
            for length, which in entries:
                start = end - length
                # (?<!\w) sees the text before the window too.
                if start > 0 and ((ch := low[start - 1]).isalnum() or ch == "_"):
                    continue
                if hits is None:
                    hits = [(which, start, -end)]
                else:
                    hits.append((which, start, -end))
        if hits is None:
            return  # most parts
        _chain(hits, a, found)


    def _part_of_hits(
        self, low: str, hits: list[tuple[int, int]], i: int, a: int, b: int, found: dict[tuple[int, int], bool]
    ) -> None:
        """`_part` of low[a:b] from the scan's `hits` of `scan_terms` (hits[i:] those starting
        at or after a point no later than `a`). The hits are the phrases' occurrences in `low`
        with no word character on either side, each its phrase: those inside low[a:b] are what
        `_part`'s search finds there, but for one ending at the window's end, which `_part`
        takes whatever follows (`find` searches when a word character follows a window)."""
        n = len(hits)
        while i < n and hits[i][0] < a:
            i += 1
        chain: list[tuple[int, int, int]] = []
        which_of = self._which
        while i < n and (span := hits[i])[0] < b:
            start, end = span
            if end <= b:
                for which in which_of[low[start:end]]:
                    chain.append((which, start, -end))
            i += 1
        if chain:
            _chain(chain, a, found)


def _is_word(ch: str) -> bool:
    """Whether `ch` is a word character to `\\w` (what the cue search's boundaries ask)."""
    return ch.isalnum() or ch == "_"


def _chain(hits: list[tuple[int, int, int]], a: int, found: dict[tuple[int, int], bool]) -> None:
    """Adds to `found` the cues `finditer` finds from `a` among `hits` ((list, start, -end) of the
    phrase occurrences at word boundaries): per list (the verb cues, then the after cues, so an
    after cue wins a span both have), by start, the longest first, the next from its end."""
    if len(hits) > 1:
        hits.sort()
    which_before, pos = -1, a
    for which, start, neg_end in hits:
        if which != which_before:
            which_before, pos = which, a
        if start >= pos:
            pos = -neg_end
            found[(start, pos)] = bool(which)


class Reported:
    """Answers "is this offset inside what a named source is reported to have said?", working
    out each sentence's reported spans once.

    The reported span of "X said (that) ..." is the rest of the sentence after the cue; of a
    trailing "..., X said" or "..., said X" it is the sentence before the source; of "according
    to X, ..." the rest after the source, and of "..., according to X" the part before it. A
    modal on the cue itself ("the study may suggest") is outside every span, and so is anything
    credited to "I" or "we": that is the writer speaking."""

    __slots__ = ("_finder", "_any_cue", "_alternations", "_vague", "_key", "_which", "scan_terms")

    def __init__(self, cues: tuple[str, ...] = REPORTING_CUES, vague: frozenset[str] = VAGUE_SOURCES) -> None:
        lowered = {c.lower() for c in cues}
        if "" in lowered:  # what `trie_pattern` says of the cue list
            raise ValueError("an empty phrase would match everywhere")
        if not lowered:
            raise ValueError("no phrases")
        # One Aho-Corasick pass over a sentence finds the cues of both lists, several times
        # faster than searching it with each list's alternation (`_found`). It gives only the
        # after cue where both lists have the same phrase: with such lists, the alternations,
        # in the sentences where it finds a cue.
        self._finder: CueFinder | None = None
        self._any_cue: CueFinder | None = None
        self._alternations: tuple[re.Pattern[str], re.Pattern[str]] | None = None
        if lowered & set(AFTER_CUES):
            self._any_cue = CueFinder((*lowered, *AFTER_CUES), ())
            self._alternations = (
                re.compile(trie_pattern(AFTER_CUES, before=r"(?<!\w)", after=r"(?!\w)")),
                re.compile(trie_pattern(lowered, before=r"(?<!\w)", after=r"(?!\w)")),
            )
        else:
            self._finder = CueFinder(lowered, AFTER_CUES)
        self._vague = frozenset(v.lower() for v in vague)
        # The memo key names the cue and source lists in one string: a string caches its hash,
        # a tuple of two hundred words would be hashed again at every look-up. Interned: the
        # rules that skip attributed hedges each have a Reported with the same lists, and a
        # look-up with an equal key that is not the stored object compares over a kilobyte.
        self._key = sys.intern("reported\1" + "\0".join(sorted(cues)) + "\1" + "\0".join(sorted(self._vague)))
        # The cue phrases as terms for the shared term scan, when it finds every occurrence the
        # cue search does (see `_may_hold_cue`): when each phrase folds as it lowers.
        phrases = (*cues, *AFTER_CUES)
        self.scan_terms: tuple[str, ...] | None = (
            phrases if all(fold_term(p) == p.lower() for p in phrases if p) else None
        )
        # For `_found` from the scan's hits: which list (0 the verb cues, 1 the after cues) each
        # phrase is in, as the hit's text (a scan hit is its term, here the phrase lowered).
        self._which: dict[str, tuple[int, ...]] = {}
        for which, listed in enumerate((lowered, AFTER_CUES)):
            for phrase in listed:
                self._which[phrase] = (*self._which.get(phrase, ()), which)

    def attributed(self, doc: Document, offset: int, cue_hits: list[tuple[int, int]] | None = None) -> bool:
        """Whether `offset` is in a span credited to a named source. `cue_hits`, when given: the
        hits of `scan_terms` in the document's shared term scan (sorted by start), which rule
        out most sentences (those without a cue) without searching them."""
        # `doc.sentence_at`, inline: the sentence holding `offset`, if any.
        i = bisect_right(doc._sentence_starts, offset) - 1
        if i < 0:
            return False
        start, end = doc.sentences[i]
        if offset >= end:
            return False
        memo: dict[int, list[tuple[int, int]]] | None = doc.memo.get(self._key)
        if memo is None:
            memo = doc.memo[self._key] = {}
        spans = memo.get(start)
        if spans is None:
            if cue_hits is not None and not _may_hold_cue(cue_hits, doc.lowered, start, end):
                spans = memo[start] = []  # no cue: what `_reported_spans` finds, without the search
            else:
                spans = memo[start] = self._reported_spans(doc, start, end, cue_hits)
        for lo, hi in spans:  # most often none
            if lo <= offset < hi:
                return True
        return False

    def _reported_spans(
        self, doc: Document, start: int, end: int, cue_hits: list[tuple[int, int]] | None = None
    ) -> list[tuple[int, int]]:
        text, low = doc.prose, doc.lowered
        spans: list[tuple[int, int]] = []
        found = self._found(low, start, end, cue_hits)
        if not found:
            return spans  # most sentences with a hedge
        # The source phrase of a cue depends on the text only: shared with the attribution rules.
        sources: dict[tuple[int, int, bool], tuple[NounPhrase | None, bool]] = doc.memo.setdefault("attribution.source", {})
        for c_start, c_end, is_after in found:
            if is_after:
                key = (c_start, c_end, True)
                if key not in sources:
                    sources[key] = (phrase_after(text, c_end, end), True)
                np = sources[key][0]
                if self._named(doc, np, start):
                    assert np is not None
                    opening = not text[start:c_start].strip()
                    spans.append((np.end, end) if opening else (start, c_start))
                continue
            if cue_is_noun(text, c_start):
                continue
            key = (c_start, c_end, False)
            if key not in sources:
                sources[key] = find_source(text, start, end, c_start, c_end)
            np, inverted = sources[key]
            if not self._named(doc, np, start):
                continue
            assert np is not None
            trailing = np.start > start and _CLAUSE_END.search(text, start, np.start) and len(text[c_end:end].split()) <= 4
            if inverted or trailing:
                spans.append((start, min(np.start, c_start)))  # "..., the minister said" / "..., said X"
            else:
                spans.append((c_end, end))  # "the minister said (that) ..."
        return spans

    def _found(
        self, low: str, start: int, end: int, cue_hits: list[tuple[int, int]] | None = None
    ) -> list[tuple[int, int, bool]]:
        """(start, end, is-after-cue) of the cues in low[start:end] (the text ending at `end` for
        the search): the after cues, then the verb cues, each in text order, as `finditer` of each
        list's alternation between (?<!\\w) and (?!\\w) finds them. With `cue_hits` (see
        `attributed`), taken from those unless a word runs across `end` (see `_may_hold_cue`)."""
        if cue_hits is not None and self._finder is not None and not (end < len(low) and ((ch := low[end]).isalnum() or ch == "_")):
            # The scan's hits in the sentence are the occurrences the finder's search would
            # find there (`_may_hold_cue`), each its phrase: chained as the finder chains them.
            chain: list[tuple[int, int, int]] = []
            which_of = self._which
            n = len(cue_hits)
            i = bisect_left(cue_hits, (start,))
            while i < n and (span := cue_hits[i])[0] < end:
                c_start, c_end = span
                if c_end <= end:
                    chain.extend((which, c_start, -c_end) for which in which_of[low[c_start:c_end]])
                i += 1
            in_hits: dict[tuple[int, int], bool] = {}
            _chain(chain, start, in_hits)
            ordered = sorted(in_hits.items())
            return [(s, e, True) for (s, e), a in ordered if a] + [(s, e, False) for (s, e), a in ordered if not a]
        if self._finder is None:
            assert self._any_cue is not None and self._alternations is not None
            if not self._any_cue.find(low, ((start, end),)):
                return []
            after, verbs = self._alternations
            return [(*m.span(), True) for m in after.finditer(low, start, end)] + [
                (*m.span(), False) for m in verbs.finditer(low, start, end)
            ]
        found = self._finder.find_in(low, start, end)
        if not found:
            return []
        ordered = sorted(found.items())
        return [(s, e, True) for (s, e), a in ordered if a] + [(s, e, False) for (s, e), a in ordered if not a]

    def _named(self, doc: Document, np: NounPhrase | None, sentence_start: int) -> bool:
        """A source a reader could look up: a phrase with a name in it, or a person or body named by
        its role ("the minister", "his lawyer"), or he/she/they, who point back at someone the
        story has named. Not a vague noun without a name, not "I" or "we" (the writer)."""
        if np is None:
            return False
        head = np.head_token.low
        if head in _FIRST_PERSON or np.tokens[0].low in _FIRST_PERSON or np.tokens[-1].low in _FIRST_PERSON:
            return False
        if head in self._vague:
            # "analysts at Capital Economics", "the official, Jane Doe": named as the attribution
            # rules would have it; "opponents of the FMA" is still a crowd.
            post = np.post
            affiliated = bool(post) and post[0].low in _AFFILIATION and bool(name_runs(post, DEFAULT_GENERIC, sentence_start))
            return affiliated or has_person_name(np.all_tokens, DEFAULT_GENERIC, sentence_start)
        if name_runs(np.all_tokens, DEFAULT_GENERIC, sentence_start):
            return True  # "Padrino", "the Defense Ministry"
        if head in _PERSON_PRONOUNS or head in ROLE_NOUNS:
            return True
        # A lone capitalised word opening the sentence ("Padrino said") is a name unless the
        # story also writes it in lower case ("Errors ... errors").
        tok = np.head_token
        return tok.start == sentence_start and tok.text[:1].isupper() and _lower_elsewhere(doc, tok.text) is False


def _may_hold_cue(cue_hits: list[tuple[int, int]], low: str, start: int, end: int) -> bool:
    """Whether the sentence low[start:end] may hold a cue `Reported._found` finds, given the
    `cue_hits` of the shared term scan (sorted). The scan finds the cue phrases where they are
    whole words as `CueFinder` has it (no word character, `str.isalnum` or "_", on either
    side) in the same lowered text, with the phrases folded as `CueFinder` lowers them (see
    `Reported.scan_terms`): every cue found in the sentence is a scan hit starting in it. Only
    the sentence's end counts as a word's end for `CueFinder`, so when a word runs across it,
    a cue there may be no scan hit: such a sentence is searched."""
    i = bisect_left(cue_hits, (start,))
    if i < len(cue_hits) and cue_hits[i][0] < end:
        return True
    return end < len(low) and ((ch := low[end]).isalnum() or ch == "_")


def _lower_elsewhere(doc: Document, word: str) -> bool:
    """Whether the text holds `word` in lower case as a whole word: what a search for it between
    `(?<!\\w)` and `(?!\\w)` finds, found with `str.find` and a look at the characters on either
    side (a pattern that opens with a lookbehind is tried at every position of the document, and
    each word would be a pattern compiled for one search)."""
    low = word.lower()
    if not low:
        return re.search(r"(?<!\w)(?!\w)", doc.prose) is not None
    text = doc.prose
    n, size = len(text), len(low)
    i = text.find(low)
    while i >= 0:
        end = i + size
        if (i == 0 or not _is_word(text[i - 1])) and (end == n or not _is_word(text[end])):
            return True
        i = text.find(low, i + 1)
    return False


# Words after which a cue word is a noun: "the view", "sources of fear", "a state".
_BEFORE_NOUN = frozenset(
    """the a an of this these those their its his her our my your for in on with from at into
    about""".split()
)


def cue_is_noun(text: str, start: int) -> bool:
    """Whether the cue word at `start` is used as a noun or a name rather than a verb: written
    with a capital inside a sentence ("United States"), or after an article, a possessive or a
    preposition ("the fear", "sources of fear")."""
    k = start - 1
    while k >= 0 and text[k] in " \t\"“'‘(":
        k -= 1
    if text[start].isupper() and k >= 0 and text[k] not in ".!?:\n":
        return True
    while k >= 0 and text[k] == " ":
        k -= 1
    e = k + 1
    while k >= 0 and (text[k].isalpha() or text[k] in "'’"):
        k -= 1
    return text[k + 1 : e].lower() in _BEFORE_NOUN
