"""Noun phrases and names without a parser: enough to tell "U.S. officials" from "Jane Doe".

Attribution rules must decide who fills a source slot. A statistical parser or NER model would
be slower than the whole lint run and is not on PyPI in a usable form, so this module works on
tokens: it cuts the subject noun phrase out of the clause before a cue (or after "according to",
or after an inverted "said"), splits it into pre-modifiers, head and post-modifiers, and finds
title-case runs that look like person or organisation names. Words that are capitalised without
being names (demonyms, "U.S.", months, sentence-initial words) come from a list the rule owns.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import field

from ..records import record
from . import LazyPattern

__all__ = ["DEFAULT_GENERIC", "NounPhrase", "Token", "has_person_name", "name_runs", "noun_phrase", "tokens"]

_TOKEN = LazyPattern(r"[^\W_](?:[\w&'’.-]*[\w’'])?\.?")
_CLAUSE_MARK = LazyPattern(r"[,;:()\[\]\"“”«»—–]|\s-\s|^\s*[-*•]\s")  # first use: _MARK_CHAR does most
_MARK_CHAR = LazyPattern(r"[,;:()\[\]\"“”«»—–]")  # the one-character clause marks
_LAST_MARK_CHAR = LazyPattern(r"(?s:.*)[,;:()\[\]\"“”«»—–]")  # greedy: through the last of them
_LEADING_BULLET = LazyPattern(r"\s*[-*•]\s+")  # match() anchors it at the position given

# Capitalised words that do not name anyone: demonyms, blocs, parties, days and months, titles alone.
DEFAULT_GENERIC = frozenset(
    """u.s. us u.s u.k. uk american americans russian russians chinese iranian venezuelan european
    western eastern arab african asian latin british french german israeli palestinian ukrainian
    syrian turkish indian japanese korean mexican canadian cuban brazilian colombian iraqi afghan
    saudi egyptian federal state national foreign republican republicans democratic democrat
    democrats gop conservative liberal i monday tuesday wednesday thursday friday saturday sunday
    january february march april may june july august september october november december
    according but and the a an in on at as some many several most other others officials analysts
    experts sources critics observers diplomats insiders government intelligence leaked internal
    secret classified senior top military defense defence administration white house""".split()
)  # the attribution rules' default `generic_names`, and what reported speech counts as no name
# Words that end a subject noun phrase on its left: nothing before them belongs to the subject.
_LEFT_STOP = frozenset(
    """that which who whom whose because while although though whereas when where after before since
    if unless but so than whether once until as what""".split()
)
# Auxiliaries and adverbs that may sit between a subject and its verb: "officials have also said".
_BETWEEN = frozenset(
    """has have had having also still further separately privately publicly repeatedly previously
    recently later earlier now already long often frequently widely generally reportedly initially
    first last will would could may might did do does had been is are was were not never yet then
    again openly quickly swiftly immediately formally officially almost""".split()
)
# Verbs that cannot sit inside a subject: "McAuliffe has said [about 20 people] have indicated".
_VERBS = frozenset(
    """has have had is are was were be been will would could may might must shall should did do does
    said says told say tell added noted believe believes believed think thinks thought""".split()
)
# Words that start a post-modifier of the head: "officials familiar with", "analysts at Capital".
_POST = frozenset(
    """familiar with in at from of for who that close briefed involved knowledgeable speaking including
    such like among on to with within inside outside across based""".split()
)
_PARTITIVE = frozenset("many some most several few all both each none one two three half".split())
_DETERMINERS = frozenset("a an the this that these those one two three several some many most few his her their its".split())
_PERSON_TITLES = frozenset(
    """mr mr. mrs mrs. ms ms. dr dr. sen sen. rep rep. gov gov. gen gen. president minister secretary
    senator governor general judge prime chancellor ambassador spokesman spokeswoman spokesperson
    mayor director chief analyst economist professor prof prof. colonel col. lt. lt""".split()
)
_ORG_WORDS = frozenset(
    """ministry department agency office council bank post times news journal party army force forces
    navy institute university company corp corp. inc inc. group committee commission house service
    administration pentagon kremlin reuters bloomberg press association foundation center centre
    board bureau court congress senate parliament government embassy command fund organization
    organisation union network channel agency airlines airport police guard""".split()
)


@record(frozen=True, slots=True)
class Token:
    """A word of the text and its offsets."""
    text: str
    start: int
    end: int
    # The folded form (lower case, straight apostrophes), worked out when the token is made:
    # the attribution rules compare it with word lists ten thousand times a run, a property
    # recomputed it at each of them.
    low: str = field(init=False, repr=False, compare=False)

    def __init__(self, text: str, start: int, end: int) -> None:
        store = object.__setattr__  # a frozen class's fields are stored past its __setattr__
        store(self, "text", text)
        store(self, "start", start)
        store(self, "end", end)
        self.__post_init__()

    def __post_init__(self) -> None:
        object.__setattr__(self, "low", _fold(self.text))

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()


@record(frozen=True, slots=True)
class NounPhrase:
    """A subject noun phrase: tokens before the head, the head token, tokens after it."""

    tokens: tuple[Token, ...]
    head: int  # index into tokens
    appositive: tuple[Token, ...] = ()  # "Jane Doe" in "Jane Doe, an analyst, said"

    def __init__(self, tokens: tuple[Token, ...], head: int, appositive: tuple[Token, ...] = ()) -> None:
        store = object.__setattr__  # a frozen class's fields are stored past its __setattr__
        store(self, "tokens", tokens)
        store(self, "head", head)
        store(self, "appositive", appositive)

    @property
    def all_tokens(self) -> tuple[Token, ...]:
        return self.appositive + self.tokens

    @property
    def start(self) -> int:
        return self.tokens[0].start

    @property
    def end(self) -> int:
        return self.tokens[-1].end

    @property
    def head_token(self) -> Token:
        return self.tokens[self.head]

    @property
    def pre(self) -> tuple[Token, ...]:
        return self.tokens[: self.head]

    @property
    def post(self) -> tuple[Token, ...]:
        return self.tokens[self.head + 1 :]

    @property
    def definite(self) -> bool:
        return bool(self.pre) and self.pre[0].low in {"the", "these", "those", "that", "this"}


def tokens(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Word tokens of text[start:end] with absolute offsets; a final period is dropped unless the
    token is an abbreviation with inner periods ("U.S.")."""
    out: list[Token] = []
    for m in _TOKEN.finditer(text, start, len(text) if end is None else end):
        word = m.group()
        s, e = m.span()
        if word[-1] == "." and len(word) > 2 and "." not in word[:-1]:
            word, e = word[:-1], e - 1
        t = _new(Token)  # Token(word, s, e), through the slots (see below)
        _set_text(t, word)
        _set_start(t, s)
        _set_end(t, e)
        low = word.lower()
        _set_low(t, low.replace("’", "'") if "’" in low else low)  # _fold(word), inline
        out.append(t)
    return out


# The attribution rules cut tens of thousands of tokens a run. A frozen dataclass's __init__ sets
# each field through object.__setattr__ by name; writing the slots directly gives the same Token
# in about half the time.
_new = object.__new__
_set_text, _set_start, _set_end, _set_low = (getattr(Token, name).__set__ for name in ("text", "start", "end", "low"))


def _fold(word: str) -> str:
    """A token's `low`: lower case, straight apostrophes."""
    return word.lower().replace("’", "'")


def _one_character_marks(text: str, lo: int, hi: int) -> bool:
    """Whether every clause mark in text[lo:hi] is one character: with no hyphen in it, and away
    from the text's start (where "^" matches), only the character class can match. Then a
    pattern of that class alone finds the same marks, trying only where such a character
    stands instead of trying the alternation at every position."""
    return lo > 0 and text.find("-", lo, hi) < 0


def _first_mark(text: str, lo: int, hi: int) -> re.Match[str] | None:
    """The first clause mark in text[lo:hi]."""
    return (_MARK_CHAR if _one_character_marks(text, lo, hi) else _CLAUSE_MARK).search(text, lo, hi)


def _clause_start(text: str, lo: int, hi: int) -> int:
    """Offset just after the last clause mark in text[lo:hi] (or lo)."""
    if _one_character_marks(text, lo, hi):
        m = _LAST_MARK_CHAR.match(text, lo, hi)  # the last one, found from the end
        return lo if m is None else m.end()
    start = lo
    for m in _CLAUSE_MARK.finditer(text, lo, hi):
        start = m.end()
    return start


def noun_phrase(toks: list[Token]) -> NounPhrase | None:
    """The noun phrase made by `toks` (already cut at its clause), or None when it is empty."""
    if not toks:
        return None
    head = len(toks) - 1
    for i, t in enumerate(toks):
        if i > 0 and t.low in _POST:
            head = i - 1
            if t.low == "of" and toks[head].low in _PARTITIVE:
                # "many of his supporters": the quantifier counts them, the noun is the head
                head = _partitive_head(toks, i + 1, head)
            break
    return NounPhrase(tuple(toks), head)


def _partitive_head(toks: list[Token], first: int, fallback: int) -> int:
    """The last token of the noun group after "of" ("his close supporters"), up to the next
    post-modifier word; `fallback` when nothing follows."""
    last = fallback
    for j in range(first, len(toks)):
        if toks[j].low in _POST:
            break
        last = j
    return last


def subject_before(text: str, sentence_start: int, cue_start: int, max_tokens: int = 8) -> NounPhrase | None:
    """The subject noun phrase left of a cue within its clause, skipping auxiliaries and adverbs:
    the words after the last stop word (`_LEFT_STOP`, `_VERBS`), at most `max_tokens` (> 0)."""
    lo = _clause_start(text, sentence_start, cue_start)
    # The clause's words as matches, read from the end: only the last few are ever looked at (the
    # auxiliaries and adverbs dropped, then up to `max_tokens`: a stop word before those cuts
    # nothing more off), and only the phrase's own words become Tokens. A clause before a cue
    # runs to a dozen words and more, which `tokens` would all make into Tokens.
    words = list(_TOKEN.finditer(text, lo, cue_start))
    n = len(words)
    low = ""  # that of words[n - 1]
    while n:
        low = _low(words[n - 1])
        if not (low in _BETWEEN or _manner_adverb(words, n, low)):
            break
        n -= 1
    if not n or low in {"and", "or", "but", "to"}:
        return None
    first = n - max_tokens if n > max_tokens else 0
    for i in range(n - 1, first - 1, -1):
        if i < n - 1:
            low = _low(words[i])
        if low in _LEFT_STOP or low in _VERBS:
            first = i + 1
            break
    return noun_phrase([_token(m) for m in words[first:n]])


def _word(m: re.Match[str]) -> str:
    """The word of a `_TOKEN` match as `tokens` cuts it: a final period dropped unless the word
    is an abbreviation with inner periods."""
    word = m.group()
    return word[:-1] if word[-1] == "." and len(word) > 2 and "." not in word[:-1] else word


def _low(m: re.Match[str]) -> str:
    """The `low` of the Token that `tokens` makes of a `_TOKEN` match."""
    low = _word(m).lower()
    return low.replace("’", "'") if "’" in low else low


def _token(m: re.Match[str]) -> Token:
    """The Token that `tokens` makes of a `_TOKEN` match (made as `tokens` makes it)."""
    word = _word(m)
    t = _new(Token)
    _set_text(t, word)
    _set_start(t, m.start())
    _set_end(t, m.start() + len(word))
    low = word.lower()
    _set_low(t, low.replace("’", "'") if "’" in low else low)
    return t


def _manner_adverb(words: list[re.Match[str]], n: int, low: str) -> bool:
    """Whether the last of words[:n] (`low` its folded form) is an -ly adverb between a subject
    and its verb ("diplomats almost universally expressed"): lower case, and not a noun after a
    determiner ("the family said")."""
    return (
        n > 1 and len(low) > 4 and low.endswith("ly") and not words[n - 1].group()[:1].isupper()
        and _low(words[n - 2]) not in _DETERMINERS
    )


def phrase_after(text: str, pos: int, limit: int, max_tokens: int = 10) -> NounPhrase | None:
    """The noun phrase right of `pos` up to the next clause mark: "according to X", "said X"."""
    stop = limit
    m = _first_mark(text, pos, limit)
    if m is not None:
        stop = m.start()
    toks = tokens(text, pos, stop)[:max_tokens]
    for i, t in enumerate(toks):
        if t.low in _LEFT_STOP or t.low in {"said", "says", "told", "and"} and i > 0:
            toks = toks[:i]
            break
    return noun_phrase(toks)


def strip_bullet(text: str, start: int) -> int:
    m = _LEADING_BULLET.match(text, start)
    return m.end() if m else start


def name_runs(toks: tuple[Token, ...] | list[Token], generic: Collection[str], sentence_start: int = -1) -> list[list[Token]]:
    """Runs of capitalised tokens that are not generic words ("U.S.", "Russian", "Monday").

    A token at `sentence_start` counts only when a capitalised token follows it: a sentence-initial
    "Analysts" is not a name, "Jane Doe" is.
    """
    runs: list[list[Token]] = []
    cur: list[Token] = []
    for t in toks:
        if t.capitalised and t.low not in generic and t.low.removesuffix("'s") not in generic:
            cur.append(t)
            continue
        if cur:
            runs.append(cur)
        cur = []
    if cur:
        runs.append(cur)
    return [r for r in runs if not (len(r) == 1 and r[0].start == sentence_start)]


def is_org_run(run: list[Token]) -> bool:
    return any(t.low.strip(".") in _ORG_WORDS or t.low.removesuffix("'s") in _ORG_WORDS for t in run)


def has_person_name(toks: tuple[Token, ...] | list[Token], generic: Collection[str], sentence_start: int = -1) -> bool:
    """A person's name: two or more capitalised non-generic tokens with no organisation word, or a
    personal title followed by a capitalised token ("Mr. Lee", "Minister Velásquez")."""
    for run in name_runs(toks, generic, sentence_start):
        if is_org_run(run):
            continue
        if len(run) >= 2:
            return True
    seq = list(toks)
    for a, b in zip(seq, seq[1:]):
        if a.low in _PERSON_TITLES and b.capitalised and b.low not in generic:
            return True
    return False


def is_determiner(word: str) -> bool:
    return word.lower() in _DETERMINERS


def _marks(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    marks = _MARK_CHAR if _one_character_marks(text, lo, hi) else _CLAUSE_MARK
    return [(m.start(), m.end()) for m in marks.finditer(text, lo, hi)]


def _opens_aside(toks: list[Token]) -> bool:
    """A comma segment that describes rather than names: "who spoke...", "speaking on...", "citing"."""
    first = toks[0].low
    return first in {"who", "which", "whose", "according", "citing", "as"} or (first.endswith("ing") and len(first) > 5)


_BE = frozenset("is are was were be been being am".split())
_RX_PARTICIPLE_TAIL = LazyPattern(r"\s+(?:to|as|by)\b", re.IGNORECASE)


def _passive(text: str, begin: int, cue_start: int, cue_end: int) -> bool:
    """Whether the cue is a participle after a form of "be" (adverbs and auxiliaries between):
    the verb is passive, so the subject receives the telling, denying or believing."""
    if text[cue_start:cue_end].lower().endswith("ing"):
        return False  # "officials were saying"
    lo = max(begin, cue_start - 60)
    # The word just before the cue nearly always decides. No token holds a space, so the tokens
    # after a space are the same whether cutting starts there or at `lo`: cut a short tail first,
    # and the whole stretch only when the tail is all auxiliaries and adverbs.
    near = text.rfind(" ", lo, cue_start - 12)
    for first in (near, lo) if near > lo else (lo,):
        # The tokens' words, without making Token objects: `tokens` drops a final period the
        # same way, and neither word list holds a capital, a period or an apostrophe, so the
        # lower-cased word is in a list exactly when the token's `low` is.
        for word in reversed(_TOKEN.findall(text, first, cue_start)):
            if word[-1] == "." and len(word) > 2 and "." not in word[:-1]:
                word = word[:-1]
            word = word.lower()
            if word in _BE:
                return True
            if word not in _BETWEEN:
                return False
    return False


def find_source(text: str, sent_start: int, sent_end: int, cue_start: int, cue_end: int) -> tuple[NounPhrase | None, bool]:
    """The source noun phrase of a verb cue and whether it follows the cue ("..., said X").

    Order: the subject in the cue's own clause; else, right after a quotation or a comma, an
    inverted subject that runs to the end of its clause; else the subject before an aside
    ("Officials at the ministry, speaking on condition of anonymity, said ...").
    """
    begin = strip_bullet(text, sent_start)
    if _passive(text, begin, cue_start, cue_end):
        return None, False  # "people are told", "the request was denied": the subject is no source
    np = subject_before(text, begin, cue_start)
    if np is not None:
        return np, False
    marks = _marks(text, begin, cue_start)
    if not marks or text[marks[-1][1] : cue_start].strip():
        return None, False  # nothing between the clause mark and the cue but auxiliaries: no subject
    after = phrase_after(text, cue_end, sent_end, max_tokens=9)
    if after is not None:
        nxt = _first_mark(text, cue_end, sent_end)
        clause_end = nxt.start() if nxt else sent_end
        rest = tokens(text, cue_end, clause_end)
        if len(rest) <= 9 and (rest[0].capitalised or is_determiner(rest[0].text)) and not any(t.low in _VERBS for t in rest):
            return after, True
    if _RX_PARTICIPLE_TAIL.match(text, cue_end):
        return None, False  # "Several people, believed to be 35, were shot": a participle describing them
    # Walk back over at most two asides to the subject they describe.
    segments = []
    prev = begin
    for s, e in marks:
        segments.append((prev, s))
        prev = e
    found: NounPhrase | None = None
    for s, e in reversed(segments[-3:]):
        toks = tokens(text, s, e)
        if not toks or _opens_aside(toks):
            continue
        if found is None:
            found = noun_phrase(toks[-8:])
            continue
        if len(toks) <= 4 and toks[0].low not in _POST:
            found = NounPhrase(found.tokens, found.head, tuple(toks))
        break
    return found, False
