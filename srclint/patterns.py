"""User regular expressions: compiled once with the `regex` module, always run with a timeout.

A pattern that takes too long on a document raises RuleRuntimeError naming the rule, so a
catastrophic expression in a pack costs at most its time budget, never a hung CI job.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator
from time import monotonic
TYPE_CHECKING = False  # typing itself is not imported: a run that lints a file imports this module
if TYPE_CHECKING:
    from typing import Any

from .errors import RuleRuntimeError

__all__ = [
    "MATCH_TIMEOUT", "CompiledPattern", "ContextFilter", "EitherFilter", "compile_pattern", "context_filter", "has_ascii_folds",
    "pattern_lead_word", "pattern_prefilter", "prefilter_text",
]

MATCH_TIMEOUT = 1.0  # seconds per pattern per document


class _RegexModule:
    """The `regex` module, imported when first used: rules loaded from the compiled-pack cache
    bring their patterns compiled (see `srclint.pack_cache`), so a run that runs none of them
    never needs the module (importing it takes some 7 ms)."""

    def __getattr__(self, name: str) -> Any:
        import regex

        if not hasattr(regex, "_regex"):  # its core was loaded alone before (see `regex_core`)
            regex._regex = sys.modules["regex._regex"]
        globals()["regex"] = regex  # later uses find the module itself
        return getattr(regex, name)


regex: Any = _RegexModule()


def regex_core() -> Any:
    """The `regex` package's compiled extension (`regex._regex`), which runs compiled patterns.

    A pattern from the compiled-pack cache is rebuilt from its compiled code by the extension
    alone (`srclint.pack_format.RegexOnLoad`); the package around it is its pure-Python parser and
    compiler, needed to compile a pattern, not to run one, and importing it takes some 6 ms of
    a run against 1.5 ms for the extension. So the extension is loaded on its own, under its
    usual name: the package, imported later (to compile a pack), finds it and uses it, and the
    patterns of both are of the same types."""
    core = sys.modules.get("regex._regex")
    if core is not None:
        return core
    if "regex" not in sys.modules:
        try:
            from importlib.machinery import PathFinder
            from importlib.util import find_spec, module_from_spec

            package = find_spec("regex")  # a top-level spec: the package is not imported
            locations = None if package is None else package.submodule_search_locations
            spec = None if locations is None else PathFinder.find_spec("regex._regex", locations)
            if spec is not None and spec.loader is not None:
                core = module_from_spec(spec)
                sys.modules["regex._regex"] = core
                spec.loader.exec_module(core)
                return core
        except Exception:  # noqa: BLE001 - an unusual installation: the usual import below
            sys.modules.pop("regex._regex", None)
    from regex import _regex  # type: ignore[attr-defined,import-untyped]

    return _regex


class CompiledPattern:
    __slots__ = ("source", "_re")

    def __init__(self, source: str, ignore_case: bool) -> None:
        self.source = source
        flags = regex.V0 | (regex.IGNORECASE if ignore_case else 0)
        self._re = regex.compile(source, flags)

    def finditer(
        self, text: str, pos: int = 0, endpos: int | None = None, *, code: str = "", path: str = ""
    ) -> Iterator[regex.Match[str]]:
        try:
            yield from self._re.finditer(text, pos, len(text) if endpos is None else endpos, timeout=MATCH_TIMEOUT)
        except TimeoutError:
            raise RuleRuntimeError(
                path, code, f"pattern {self.source!r} ran longer than {MATCH_TIMEOUT:g}s and was stopped", timeout=True
            ) from None

    def finditer_at(
        self, text: str, starts: Iterable[int], *, code: str = "", path: str = ""
    ) -> Iterator[regex.Match[str]]:
        """What `finditer(text)` yields, for a pattern that cannot match the empty string, when
        `starts` (ascending) holds every offset a match can start at: the pattern is tried at
        those only (see `pattern_prefilter`). The time limit is for all of them together."""
        deadline = monotonic() + MATCH_TIMEOUT
        end = len(text)
        last = 0
        match = self._re.match
        try:
            for start in starts:
                if start < last:
                    continue  # inside the last match
                found = match(text, start, end, timeout=max(deadline - monotonic(), 1e-6))
                if found is not None:
                    last = found.end()
                    yield found
        except TimeoutError:
            raise RuleRuntimeError(
                path, code, f"pattern {self.source!r} ran longer than {MATCH_TIMEOUT:g}s and was stopped", timeout=True
            ) from None

    def match_at(self, text: str, pos: int, *, code: str = "", path: str = "") -> regex.Match[str] | None:
        try:
            return self._re.match(text, pos, timeout=MATCH_TIMEOUT)
        except TimeoutError:
            raise RuleRuntimeError(path, code, f"pattern {self.source!r} timed out", timeout=True) from None

    def search(self, text: str, pos: int, endpos: int, *, code: str = "", path: str = "") -> regex.Match[str] | None:
        try:
            return self._re.search(text, pos, endpos, timeout=MATCH_TIMEOUT)
        except TimeoutError:
            raise RuleRuntimeError(path, code, f"pattern {self.source!r} timed out", timeout=True) from None


def compile_pattern(source: str, ignore_case: bool = True) -> CompiledPattern:
    """Compile or raise ValueError with the regex module's explanation."""
    try:
        return CompiledPattern(source, ignore_case)
    except regex.error as exc:
        raise ValueError(f"invalid regular expression {source!r}: {exc}") from None


# -- Context filters: most context conditions decided without running the expression ------------
#
# A lexicon rule's context condition asks whether an expression matches right after a hit (after
# optional white space) or ends right before it. Run by the `regex` module under its timeout, one
# such question costs a few microseconds, up to twenty for a long expression, and a rule asks it
# for every hit. Most answers are "no" for a reason a glance at the text shows: no character next
# to the hit can open (or close) a match, or the stretch of text a match could lie in holds none
# of the words every match contains ("charged", "accused" for "\b(?:charged|accused)\b[^.;]{0,60}").
# A `ContextFilter` works those out from the expression's syntax tree, once, and answers "no
# match" when it can prove it. It never answers for sure that there is a match, and whatever it is
# unsure of (an expression that can match nothing, back-references, syntax read differently by the
# standard library's parser, which supplies the tree) is left to the expression.

_ASCII = frozenset(map(chr, range(128)))
_SPACE = frozenset(" \t\n\r\f\v")  # white space to the `regex` module and to `re`
_MAYBE_SPACE = frozenset("\x1c\x1d\x1e\x1f")  # white space to `re` (str.isspace), not to Unicode
_DIGIT = frozenset("0123456789")
_WORD = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")
# (every ASCII character a node may match, those it surely matches)
_CharSets = tuple[frozenset[str], frozenset[str]]
_NOTHING: _CharSets = (frozenset(), frozenset())
_ANYTHING: _CharSets = (_ASCII, frozenset())
# The non-ASCII characters the `regex` module matches to an ASCII letter when case is ignored (İ,
# the Kelvin sign, long s, dotless ı, which "I" matches): `Document.lowered` keeps İ, ſ and ı, so
# a word matched through them is not in the lowered text.
_FOLDS_TO_ASCII = "\u0130\u212a\u017f\u0131"
_WINDOW = 2000  # characters after a hit searched for a condition's words; beyond, the expression decides
# The ASCII characters the lowered text may have where the text has another character (and the
# characters those are): letters (their other case), the apostrophe ("’", "‘"), the space (white
# space, no-break space). Besides, the lowered text has "k" for the Kelvin sign, in texts with no
# lowered text for the filters (see _FOLDS_TO_ASCII).
_LOWERED_AS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ' \t\n\r")
# The stop characters an automaton looks for (see `ContextFilter._words_to_stop`): those that end
# most windows in prose, the most frequent first. (The others are looked for by the class search
# where the walk is not sure: an automaton with all of them would try each at most steps.)
_ENDS = '.";:)(?!'
_FEW_TEXTS = 8  # a filter with at most this many word texts looks for them with `in` first
_WORD_STRETCH = 512  # characters after a hit an automaton walks first for a word or a stop character
# The first entry of the automaton of words and stop characters (`ContextFilter._words_to_stop`),
# which stands for neither: a space, then a character a text seldom has. pyahocorasick tries a
# node's next characters one by one in the order they were added, and a walk through a window is
# at the root at most characters (all those inside words that start no word looked for): the
# space, the commonest character of prose and the first of no word, would be tried against every
# word's first character and every stop character (for the filters that have this automaton,
# some two dozen) before the walk stays at the root. With this entry the space is the root's
# first next character; the character after it goes back to the root and is tried there. (For
# the smaller automata of words alone, that way back costs about what it saves.)
_SPACE_FIRST = " \x00"
_STRETCH = 128  # characters after a hit looked at first for a stop character (most windows end in them)


def _cases(ch: str, ignore_case: bool) -> _CharSets:
    if ch not in _ASCII:
        return _ANYTHING if ignore_case else _NOTHING  # see _FOLDS_TO_ASCII
    return (frozenset({ch, ch.lower(), ch.upper()}) if ignore_case else frozenset(ch)), frozenset(ch)


def _category(code: object) -> _CharSets:
    from re import _constants as c  # type: ignore[attr-defined]

    table: dict[object, _CharSets] = {
        c.CATEGORY_DIGIT: (_DIGIT, _DIGIT),
        c.CATEGORY_NOT_DIGIT: (_ASCII - _DIGIT, _ASCII - _DIGIT),
        c.CATEGORY_WORD: (_WORD, _WORD),
        c.CATEGORY_NOT_WORD: (_ASCII - _WORD, _ASCII - _WORD),
        c.CATEGORY_SPACE: (_SPACE | _MAYBE_SPACE, _SPACE),
        c.CATEGORY_NOT_SPACE: (_ASCII - _SPACE, _ASCII - _SPACE - _MAYBE_SPACE),
    }
    return table.get(code, _ANYTHING)


def _char_sets(op: object, av: Any, ignore_case: bool) -> _CharSets | None:
    """The characters of a node that consumes one character; None for any other node."""
    from re import _constants as c  # type: ignore[attr-defined]

    if op is c.LITERAL:
        return _cases(chr(av), ignore_case)
    if op is c.NOT_LITERAL:
        may_be, sure_be = _cases(chr(av), ignore_case)
        return _ASCII - sure_be, _ASCII - may_be
    if op is c.ANY:
        return _ANYTHING
    if op is not c.IN:
        return None
    negate = bool(av) and av[0][0] is c.NEGATE
    may: set[str] = set()
    sure: set[str] = set()
    for item, arg in av[1:] if negate else av:
        if item is c.LITERAL:
            m, s = _cases(chr(arg), ignore_case)
        elif item is c.RANGE:
            lo, hi = arg
            s = frozenset(chr(i) for i in range(lo, min(hi, 127) + 1))
            m = _ASCII if ignore_case and hi > 127 else frozenset(x for ch in s for x in _cases(ch, ignore_case)[0])
        elif item is c.CATEGORY:
            m, s = _category(arg)
        else:
            m, s = _ANYTHING
        may |= m
        sure |= s
    if negate:
        return _ASCII - sure, _ASCII - may
    return frozenset(may), frozenset(sure)


def _scoped_case(av: Any, ignore_case: bool) -> bool | None:
    """Whether case is ignored inside a group; None when the group sets flags other than `i`."""
    from re import _constants as c  # type: ignore[attr-defined]

    _group, add, remove, _sub = av
    if (add | remove) & ~c.SRE_FLAG_IGNORECASE:
        return None
    return bool(add & c.SRE_FLAG_IGNORECASE) or (ignore_case and not remove & c.SRE_FLAG_IGNORECASE)


def _edge(data: Any, ignore_case: bool, last: bool) -> tuple[frozenset[str], bool]:
    """(The ASCII characters that may open, or with `last` close, a match of the sequence;
    whether it may match the empty string)."""
    from re import _constants as c  # type: ignore[attr-defined]

    found: set[str] = set()
    for op, av in reversed(data) if last else data:
        chars = _char_sets(op, av, ignore_case)
        if chars is not None:
            found |= chars[0]
            return frozenset(found), False
        if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            continue  # zero width: the next character consumed is still the edge
        if op is c.BRANCH:
            empty = False
            for alt in av[1]:
                alt_chars, alt_empty = _edge(alt.data, ignore_case, last)
                found |= alt_chars
                empty = empty or alt_empty
        elif op is c.SUBPATTERN and (scoped := _scoped_case(av, ignore_case)) is not None:
            sub_chars, empty = _edge(av[3].data, scoped, last)
            found |= sub_chars
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            if av[1] == 0:
                continue
            sub_chars, empty = _edge(av[2].data, ignore_case, last)
            found |= sub_chars
            empty = empty or av[0] == 0
        elif op is c.ATOMIC_GROUP:
            sub_chars, empty = _edge(av.data, ignore_case, last)
            found |= sub_chars
        else:  # back-references, conditionals, flags: anything
            return _ASCII, True
        if not empty:
            return frozenset(found), False
    return frozenset(found), True


def _space_only(op: object, av: Any, ignore_case: bool) -> bool:
    """Whether a node is an optional repeat of white space (`\\s*`)."""
    from re import _constants as c  # type: ignore[attr-defined]

    return (
        op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT)
        and av[0] == 0
        and _alphabet(av[2].data, ignore_case) <= _SPACE | _MAYBE_SPACE
    )


def _alphabet(data: Any, ignore_case: bool) -> frozenset[str]:
    """Every ASCII character a match of the sequence may consume (lookarounds consume none)."""
    from re import _constants as c  # type: ignore[attr-defined]

    found: set[str] = set()
    for op, av in data:
        chars = _char_sets(op, av, ignore_case)
        if chars is not None:
            found |= chars[0]
        elif op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            continue
        elif op is c.BRANCH:
            for alt in av[1]:
                found |= _alphabet(alt.data, ignore_case)
        elif op is c.SUBPATTERN and (scoped := _scoped_case(av, ignore_case)) is not None:
            found |= _alphabet(av[3].data, scoped)
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            found |= _alphabet(av[2].data, ignore_case)
        elif op is c.ATOMIC_GROUP:
            found |= _alphabet(av.data, ignore_case)
        else:
            return _ASCII
    return frozenset(found)


_MAX_STRINGS = 512  # spellings of a run of literal text worked out, at most


def _strings(op: object, av: Any, plain: bool = False) -> frozenset[str] | None:
    """Every string (lower case) a node of plain literal text may match: a character, a set like
    [Ii], a group or alternation of such text, an optional part; None for anything else, or for
    characters that are not ASCII or are white space other than a space (`Document.lowered`
    turns those into spaces). With `plain`, also None for a group that sets flags (the strings
    are then exactly what the node matches when case is ignored)."""
    from re import _constants as c  # type: ignore[attr-defined]

    if op is c.LITERAL or (op is c.IN and all(item is c.LITERAL for item, _ in av)):
        codes = [av] if op is c.LITERAL else [arg for _, arg in av]
        chars = {chr(code).lower() for code in codes}
        if len(chars) != 1 or max(codes) > 127:
            return None
        ch = next(iter(chars))
        return frozenset(ch) if ch == " " or ch not in _SPACE | _MAYBE_SPACE else None
    if op is c.SUBPATTERN:
        return None if plain and (av[1] or av[2]) else _sequence_strings(av[3].data, plain)
    if op is c.BRANCH:
        found: set[str] = set()
        for alt in av[1]:
            strings = _sequence_strings(alt.data, plain)
            if strings is None:
                return None
            found |= strings
        return frozenset(found) if len(found) <= _MAX_STRINGS else None
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT) and av[0] <= av[1] <= 1:
        strings = _sequence_strings(av[2].data, plain)
        return None if strings is None else strings | ({""} if av[0] == 0 else set())
    return None


def _sequence_strings(data: Any, plain: bool = False) -> frozenset[str] | None:
    found = frozenset({""})
    for op, av in data:
        strings = _strings(op, av, plain)
        if strings is None or len(found) * len(strings) > _MAX_STRINGS:
            return None
        found = frozenset(a + b for a in found for b in strings)
    return found


# What every match contains, as a formula over words: ("or", words, formulas) holds when one of
# the words or one of the formulas does, ("and", formulas) when all do. A word is (text, must
# start a word, must end a word): the expression has \b on that side of it.
Word = tuple[str, bool, bool]
if TYPE_CHECKING:
    Formula = tuple[Any, ...]


def _required(data: Any, opened: bool = False, closed: bool = False) -> Formula | None:
    """What every match of the sequence contains, or None when nothing is known. `opened`,
    `closed`: whether a \\b stands right before (after) the sequence in the expression."""
    from re import _constants as c  # type: ignore[attr-defined]

    boundary = (c.AT, c.AT_BOUNDARY)
    parts: list[Formula] = []
    n = len(data)
    i = 0
    while i < n:
        opens = data[i - 1] == boundary if i > 0 else opened
        # The longest run of literal text from here, with all its spellings.
        run = frozenset({""})
        j = i
        while j < n and (strings := _strings(*data[j])) is not None and len(run) * len(strings) <= _MAX_STRINGS:
            run = frozenset(a + b for a in run for b in strings)
            j += 1
        if j > i:
            if "" not in run:
                closes = data[j] == boundary if j < n else closed
                words = frozenset((w, opens and w[0] in _WORD, closes and w[-1] in _WORD) for w in run)
                parts.append(("or", words, ()))
            i = j
            continue
        op, av = data[i]
        i += 1
        closes = data[i] == boundary if i < n else closed
        found: Formula | None = None
        if op is c.BRANCH:
            alts = [_required(alt.data, opens, closes) for alt in av[1]]
            if all(alt is not None for alt in alts):
                words = frozenset(w for alt in alts if alt[0] == "or" and not alt[2] for w in alt[1])  # type: ignore[index]
                others = tuple(alt for alt in alts if not (alt[0] == "or" and not alt[2]))  # type: ignore[index]
                found = ("or", words, others)
        elif op is c.SUBPATTERN:
            found = _required(av[3].data, opens, closes)
        elif op is c.ATOMIC_GROUP:
            found = _required(av.data, opens, closes)
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT) and av[0] >= 1:
            found = _required(av[2].data)
        if found is not None:
            parts.append(found)
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else ("and", tuple(parts))


def _formula_words(formula: Formula) -> set[Word]:
    if formula[0] == "or":
        return set(formula[1]).union(*(_formula_words(f) for f in formula[2]))
    return set().union(*(_formula_words(f) for f in formula[1]))


def _holds(formula: Formula, found: set[Word]) -> bool:
    # Loops, not any() and all() over generators: asked for many windows that hold a word.
    if formula[0] == "or":
        if not found.isdisjoint(formula[1]):
            return True
        for part in formula[2]:
            if _holds(part, found):
                return True
        return False
    for part in formula[1]:
        if not _holds(part, found):
            return False
    return True


def _plain_empty(data: Any) -> bool:
    """Whether the sequence can match the empty string without passing an assertion."""
    from re import _constants as c  # type: ignore[attr-defined]

    for op, av in data:
        if op is c.BRANCH:
            if not any(_plain_empty(alt.data) for alt in av[1]):
                return False
        elif op is c.SUBPATTERN and av[1] == av[2] == 0:
            if not _plain_empty(av[3].data):
                return False
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT):
            if av[0] > 0 and not _plain_empty(av[2].data):
                return False
        else:  # characters, assertions, atomic and possessive groups, back-references
            return False
    return True


def _sure(data: Any, ignore_case: bool) -> frozenset[str]:
    """ASCII characters each of which, alone, is a whole match of the sequence along a path with
    no assertion (so wherever it stands in a text, a match starts there)."""
    from re import _constants as c  # type: ignore[attr-defined]

    found: set[str] = set()
    for i, (op, av) in enumerate(data):
        if not (_plain_empty(data[:i]) and _plain_empty(data[i + 1 :])):
            continue
        chars = _char_sets(op, av, ignore_case)
        if chars is not None:
            found |= chars[1]
        elif op is c.BRANCH:
            for alt in av[1]:
                found |= _sure(alt.data, ignore_case)
        elif op is c.SUBPATTERN and av[1] == av[2] == 0:
            found |= _sure(av[3].data, ignore_case)
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT) and av[0] <= 1 <= av[1]:
            found |= _sure(av[2].data, ignore_case)
    return frozenset(found)


def _sure_words(core: list[Any]) -> tuple[frozenset[str], bool, bool] | None:
    """For an expression that is literal text, maybe between word boundaries ("\\b(?:the|at)"),
    with case ignored: its spellings (lower case) and whether a \\b opens and closes it."""
    from re import _constants as c  # type: ignore[attr-defined]

    boundary = (c.AT, c.AT_BOUNDARY)
    opens = bool(core) and core[0] == boundary
    closes = len(core) > int(opens) and core[-1] == boundary
    run = core[int(opens) : len(core) - int(closes)]
    strings = _sequence_strings(run, plain=True) if run else None
    if not strings or "" in strings:
        return None
    return strings, opens, closes


class _OnFirstUse:
    """A `regex` pattern compiled when first used (by `_syntax_tree`, only when a pack is compiled)."""

    def __init__(self, source: str, flags: str) -> None:
        self.source, self.flags = source, flags

    def __getattr__(self, name: str) -> Any:
        rx = regex.compile(self.source, getattr(regex, self.flags))
        setattr(self, name, getattr(rx, name))
        return getattr(rx, name)


_BRACE = _OnFirstUse(r"\\.|\{(?:\d*(?:,\d*)?\})?", "DOTALL")


def _syntax_tree(source: str, ignore_case: bool) -> tuple[Any, bool] | None:
    """The standard library parser's tree of `source` (a SubPattern: its `data` is the sequence of
    nodes) and whether case is ignored at its top, or None when `re` may read `source`
    differently from the `regex` module (version 0)."""
    import warnings

    try:
        from re import _constants as c  # type: ignore[attr-defined]
        from re import _parser  # type: ignore[attr-defined]
    except ImportError:  # pragma: no cover - another implementation
        return None
    if any(m.group() == "{" for m in _BRACE.finditer(source)):
        return None  # a brace that opens no repeat count: fuzzy matching ("{e<=1}") to `regex`, text to `re`
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # "possible nested set": a set `regex` reads otherwise
            tree = _parser.parse(source, c.SRE_FLAG_IGNORECASE if ignore_case else 0)
    except Exception:  # noqa: BLE001 - `regex`-only syntax (\p{..}, (?r), ...): no filter, never an error
        return None
    flags = tree.state.flags
    if flags & ~(c.SRE_FLAG_IGNORECASE | c.SRE_FLAG_UNICODE):
        return None
    return tree, bool(flags & c.SRE_FLAG_IGNORECASE)


class ContextFilter:
    """Decides, for most places, whether a context condition's expression `source` matches after
    an offset (`\\s*(?:source)` matched there) or before it (`(?:source)\\s*\\Z` searched in a
    window ending there), without running it. Build with `context_filter`."""

    __slots__ = (
        "_any_word", "_edge", "_exact", "_exact_closes", "_exact_opens", "_required", "_space_edge", "_stop", "_sure",
        "_stop_bytes", "_stop_chars", "_texts", "_width", "_words", "_words_to_stop", "after", "costly", "scan_words",
    )

    def __init__(
        self,
        after: bool,
        edge: frozenset[str],
        sure: frozenset[str],
        required: Formula | None,
        alphabet: frozenset[str],
        width: int | None,
        exact: tuple[frozenset[str], bool, bool] | None = None,
    ) -> None:
        import ahocorasick  # type: ignore[import-not-found]

        self.after = after
        self._edge = edge  # ASCII characters that may open (close) a match
        self._space_edge = bool(edge & (_SPACE | _MAYBE_SPACE))
        self._sure = sure  # characters that on their own are a match
        self._required = required  # what every match contains (see _required)
        self._any_word = required is not None and required[0] == "or" and not required[2]  # one of some words
        self._width = width  # the most characters a match consumes; None: no bound
        # Whether `decide` may look for words in a long stretch of text (up to _WINDOW characters).
        self.costly = required is not None and width is None
        # For literal text with case ignored ("\\b(?:the|at)"): its spellings by length, and
        # whether \\b stands before and after them; a spelling found is a match.
        self._exact: tuple[tuple[int, frozenset[str]], ...] = ()
        self._exact_opens = self._exact_closes = False
        if exact is not None:
            by_length: dict[int, set[str]] = {}
            for spelling in exact[0]:
                by_length.setdefault(len(spelling), set()).add(spelling)
            self._exact = tuple((length, frozenset(found)) for length, found in sorted(by_length.items()))
            _, self._exact_opens, self._exact_closes = exact
        self._words: ahocorasick.Automaton | None = None  # its words, by text
        if required is not None:
            by_text: dict[str, list[Word]] = {}
            for word in sorted(_formula_words(required)):
                by_text.setdefault(word[0], []).append(word)
            self._words = ahocorasick.Automaton()
            for text in sorted(by_text, key=_by_frequency):
                self._words.add_word(text, (len(text), tuple(by_text[text])))
            self._words.make_automaton()
        # A few word texts are looked for first with `in` on the window: cheaper than stepping the
        # automaton through it (about 15 ns a character), and most windows hold none of them.
        self._texts: tuple[str, ...] = tuple(by_text) if required is not None and len(by_text) <= _FEW_TEXTS else ()
        # The words to have the shared term scan look for, when it can answer for them: a
        # document without one has no match (see `_scan_words`).
        self.scan_words = _scan_words(required)
        # ASCII characters no match consumes: a match lies between two of them.
        stops = "".join(sorted(_ASCII - alphabet - _SPACE - _MAYBE_SPACE))
        self._stop: re.Pattern[str] | None = None
        # A few (up to four) are looked for with str.rfind: cheaper than a backtracking search
        # for the last one.
        self._stop_chars = stops if 0 < len(stops) <= 4 and not after else ""
        if stops and not self._stop_chars:
            cls = "[" + "".join(re.escape(ch) for ch in stops) + "]"
            self._stop = re.compile(cls if after else rf"(?s:.*){cls}")
        # For `decide` after the hit: each byte value, 0 for a stop character.
        self._stop_bytes = bytes(int(chr(i) not in stops) for i in range(256)) if after and self._stop is not None else b""
        # For `decide` after the hit, when one of some words is looked for: the words and the stop
        # characters in one automaton, so that one walk through the window finds the first word
        # or the stop character that ends the window, whichever comes first (in place of a search
        # for the stop character, then the walk). It walks the lowered text, which has a stop
        # character where the text has one when no stop character is a letter or an apostrophe
        # (the lowered text has the lower case of a letter, and "'" for "’"; see `_LOWERED_AS`).
        self._words_to_stop: ahocorasick.Automaton | None = None
        if after and self._any_word and not self._texts and stops and not _LOWERED_AS.intersection(stops):
            self._words_to_stop = ahocorasick.Automaton()
            self._words_to_stop.add_word(_SPACE_FIRST, (len(_SPACE_FIRST), None))  # neither a word nor a stop
            for text in sorted(by_text, key=_by_frequency):
                self._words_to_stop.add_word(text, (len(text), tuple(by_text[text])))
            for ch in _ENDS:
                if ch in stops:  # no word holds one (a match consumes none)
                    self._words_to_stop.add_word(ch, (1, ()))
            self._words_to_stop.make_automaton()

    def decide(self, text: str, lowered: str | None, lo: int, offset: int) -> bool | None:
        """Whether the expression matches at `offset` of `text` (after) or in text[lo:offset]
        ending there (before): True or False when that is sure, None when only running it tells.
        `lowered` is the document's lowered text, or None if it holds a character of
        _FOLDS_TO_ASCII."""
        # Asked for nearly every hit of a rule with context conditions: comparisons in place of
        # max() and min() calls, and the word search of `_contains` written out.
        if self.after:
            n = len(text)
            pos = offset
            while pos < n and text[pos] in _SPACE:
                pos += 1
            if pos == n:
                ch = ""  # the end of the text: no character opens a match
            else:
                ch = text[pos]
                if ch in self._sure:
                    return True  # white space for `\s*`, then this character is a match
                if ch not in _ASCII or ch in _MAYBE_SPACE:
                    return None
            if not (ch in self._edge or (self._space_edge and pos > offset)):
                return False
            for length, spellings in self._exact:
                stop = pos + length
                if (
                    stop <= n
                    and text[pos:stop].lower() in spellings
                    and (not self._exact_opens or _sure_boundary(text, pos, n))
                    and (not self._exact_closes or _sure_boundary(text, stop, n))
                ):
                    return True  # white space for `\s*`, then the text itself
            words = self._words
            if words is None or lowered is None:
                return None
            # The match starts at `pos` at the latest, so ends before pos + width, and before the
            # first character it cannot consume.
            width = self._width
            hi = offset + _WINDOW if width is None else pos + width
            if hi > n:
                hi = n
            to_stop = self._words_to_stop
            if to_stop is not None:
                # The words and the stop characters, in the first stretch (most windows end in it):
                # what the stop search and `_words_in` below answer, in one walk.
                cut = offset + _WORD_STRETCH
                if cut > hi:
                    cut = hi
                # The walk knows the frequent stop characters only: before a word it finds, and
                # in a window it walks to its end, the search tells whether another ends it sooner.
                for last, (length, found_words) in to_stop.iter(lowered[offset:cut]):
                    if found_words is None:
                        continue  # _SPACE_FIRST, in a text that has it
                    if not found_words:
                        return False  # a stop character, with no word before it
                    stop = offset + last + 1
                    start = stop - length
                    for word in found_words:
                        if word[1] and start > 0 and lowered[start - 1] in _WORD:
                            continue
                        if word[2] and stop < n and lowered[stop] in _WORD:
                            continue
                        return False if self._stop.search(text, offset, start) else None  # type: ignore[union-attr]
                if cut == hi:
                    return None if width is None and hi < n and not self._stop.search(text, offset, hi) else False  # type: ignore[union-attr]
                # A window longer than the stretch: the general way below.
            stop_class = self._stop
            if stop_class is not None:
                # The first stop character. In ASCII text, the bytes of the first stretch are
                # translated into 0 for a stop character and the first 0 is found: C loops of some
                # ten instructions a character, where the class search takes some forty (it calls
                # a function per character). Beyond the stretch, and in other text, the search.
                cut = offset + _STRETCH
                chunk = text[offset : hi if hi < cut else cut]
                if chunk.isascii() and self._stop_bytes:
                    found = chunk.encode().translate(self._stop_bytes).find(0)
                    if found < 0 and hi > cut and (m := stop_class.search(text, cut, hi)) is not None:
                        found = m.start() - offset
                else:
                    found = -1 if (m := stop_class.search(text, offset, hi)) is None else m.start() - offset
                if found >= 0:
                    hi = offset + found
                elif width is None and hi < n:
                    return None  # a match might run on past the window
            elif width is None and hi < n:
                return None
            if self._texts and _none_in(self._texts, lowered[offset:hi]):
                return False  # none of the words in the window: the automaton would find none
            if self._any_word:
                return None if _words_in(words, lowered, offset, hi, n, True) else False
            held = _words_in(words, lowered, offset, hi, n, False)  # `_contains`, written out
            return None if held and _holds(self._required, set(held)) else False  # type: ignore[arg-type]
        pos = offset - 1
        while pos >= lo and text[pos] in _SPACE:
            pos -= 1
        if pos < lo:
            ch = ""
        else:
            ch = text[pos]
            if ch in self._sure:
                return True
            if ch not in _ASCII or ch in _MAYBE_SPACE:
                return None
        if not (ch in self._edge or (self._space_edge and pos < offset - 1)):
            return False
        for length, spellings in self._exact:
            first = pos + 1 - length
            if (
                first >= lo
                and text[first : pos + 1].lower() in spellings
                and (not self._exact_opens or _sure_boundary(text, first, offset))
                and (not self._exact_closes or _sure_boundary(text, pos + 1, offset))
            ):
                return True  # the text itself, then white space for `\s*` up to the end
        words = self._words
        if words is None or lowered is None:
            return None
        width = self._width
        if width is not None and pos + 1 - width > lo:
            lo = pos + 1 - width  # the match ends after `pos` at the earliest
        if self._texts and _none_in(self._texts, lowered[lo:offset]):
            return False  # as in the branch above (asked before the stop characters: the words are rarer)
        if self._stop_chars:
            for mark in self._stop_chars:
                found = text.rfind(mark, lo, offset)
                if found >= lo:
                    lo = found + 1
        elif self._stop is not None and (m := self._stop.match(text, lo, offset)) is not None:
            lo = m.end()
        if self._any_word:
            return None if _words_in(words, lowered, lo, offset, offset, True) else False
        held = _words_in(words, lowered, lo, offset, offset, False)
        return None if held and _holds(self._required, set(held)) else False  # type: ignore[arg-type]

    def _contains(self, lowered: str, lo: int, hi: int, end: int) -> bool:
        """Whether lowered[lo:hi] may hold what every match contains. `end` is where the text
        ends for the expression (its endpos): a word there ends a word, whatever follows."""
        if self._any_word:  # one of some words: the first found is enough
            return bool(_words_in(self._words, lowered, lo, hi, end, first=True))
        found = set(_words_in(self._words, lowered, lo, hi, end))
        return bool(found) and _holds(self._required, found)  # type: ignore[arg-type]


def _scan_words(required: Formula | None) -> tuple[str, ...]:
    """The texts of the words every match holds (`_required`), when each is one the run's shared
    term scan finds wherever it stands as a whole word: ASCII text that opens and closes with a
    word character, written as the scan folds it, with \\b before and after it in the expression.
    Else (). In an ASCII document (where \\b and the scan's word boundaries agree), a scan that
    finds none of them then shows that the expression matches nowhere in it (see
    `LexiconRule._matches` for the one place a window's end is read otherwise)."""
    from .matching import fold_term

    if required is None:
        return ()
    words = sorted(_formula_words(required))
    for text, opens, closes in words:
        if not (opens and closes and text.isascii() and fold_term(text) == text and text[0] in _WORD and text[-1] in _WORD):
            return ()
    return tuple(dict.fromkeys(text for text, _, _ in words))


# The characters of English prose, the most frequent first: see `_by_frequency`.
_FREQUENT = {ch: rank for rank, ch in enumerate(" etaoinshrdlcumwfgypbvkjxqz")}


def _by_frequency(text: str) -> list[int]:
    """The sort key that adds words to an automaton in an order where, at every node, the
    characters most frequent in prose come first: pyahocorasick looks up a node's next
    character by a linear scan of its children in the order they were added, and a walk
    through a window looks up a character at every step (most often at the root)."""
    return [_FREQUENT.get(ch, len(_FREQUENT)) for ch in text]


def _none_in(texts: tuple[str, ...], window: str) -> bool:
    """Whether none of `texts` occurs in `window` (see `ContextFilter._texts`)."""
    for text in texts:
        if text in window:
            return False
    return True


def _words_in(words: Any, lowered: str, lo: int, hi: int, end: int, first: bool = False) -> list[Word]:
    """The words of the automaton `words` that lowered[lo:hi] holds, each time it holds one
    (with `first`, only the first found) (a \\b next to a word is surely not there only when an
    ASCII word character is), `end` being where the text ends for the expression (its endpos):
    a word there ends a word, whatever follows. A plain function, not a generator: it is
    called for most hits of a rule with context conditions."""
    # A slice, not iter(lowered, lo, hi): the automaton copies a text that is not UCS-4 into
    # UCS-4 whole, per call, and a window is a small part of a document.
    out: list[Word] = []
    for last, (length, found_words) in words.iter(lowered[lo:hi]):
        stop = lo + last + 1
        start = stop - length
        for word in found_words:
            if word[1] and start > 0 and lowered[start - 1] in _WORD:
                continue
            if word[2] and stop < end and lowered[stop] in _WORD:
                continue
            if first:
                return [word]
            out.append(word)
    return out


def _sure_boundary(text: str, pos: int, end: int) -> bool:
    """Whether \\b surely holds at `pos` of `text` for an expression run with endpos `end`: the
    characters on either side (the text's ends count as non-word) are known and differ."""
    left = text[pos - 1] if pos > 0 else " "
    right = text[pos] if pos < end else " "
    return left in _ASCII and right in _ASCII and (left in _WORD) is not (right in _WORD)


class EitherFilter:
    """A context filter for an expression that is a choice between alternatives ("(?:A|B|C)"):
    the expression matches where one of them does, so each is asked through its own
    `ContextFilter`. Used when the expression as a whole has no words every match contains (one
    alternative is "\\d", say), so that only the characters next to the hit could be looked at,
    while the alternatives' own words or characters decide most places."""

    __slots__ = ("_alternatives", "after", "costly")
    scan_words: tuple[str, ...] = ()  # as `ContextFilter.scan_words`: none

    def __init__(self, after: bool, alternatives: tuple[ContextFilter, ...]) -> None:
        self.after = after
        self._alternatives = alternatives
        self.costly = any(f.costly for f in alternatives)

    def decide(self, text: str, lowered: str | None, lo: int, offset: int) -> bool | None:
        """As `ContextFilter.decide`: True when an alternative surely matches, False when none
        can, None otherwise."""
        result: bool | None = False
        for alternative in self._alternatives:
            found = alternative.decide(text, lowered, lo, offset)
            if found:
                return True
            if found is None:
                result = None
        return result


def context_filter(source: str, ignore_case: bool, after: bool) -> ContextFilter | EitherFilter | None:
    """A filter for the context condition `source` (after or before a hit), or None when the
    expression's syntax tree shows nothing to decide on or cannot be trusted."""
    from re import _constants as c  # type: ignore[attr-defined]

    parsed = _syntax_tree(source, ignore_case)
    if parsed is None:
        return None
    tree, case = parsed
    whole = _tree_filter(tree, case, after)
    if whole is not None and whole._required is not None:
        return whole
    data = tree.data
    if len(data) == 1 and data[0][0] is c.BRANCH:
        alternatives = [_tree_filter(alt, case, after) for alt in data[0][1][1]]
        if all(alternatives) and any(f._required is not None for f in alternatives):  # type: ignore[union-attr]
            return EitherFilter(after, tuple(alternatives))  # type: ignore[arg-type]
    return whole


def _tree_filter(tree: Any, case: bool, after: bool) -> ContextFilter | None:
    """The `ContextFilter` of a syntax tree (a SubPattern), or None (see `context_filter`)."""
    data = tree.data
    try:
        _, empty = _edge(data, case, last=not after)
        # White space the expression may take next to the hit ("\s*" opening a followed_by) is
        # skipped by `decide` like the white space of the `\s*` around it: the edge is the
        # first (last) character after it.
        core = list(data)
        while core and _space_only(*(core[-1] if not after else core[0]), case):  # type: ignore[call-arg]
            core.pop(0 if after else -1)
        edge, _ = _edge(core, case, last=not after)
        sure = _sure(data, case)
        words = _required(data)
        alphabet = _alphabet(data, case)
        width: int | None = tree.getwidth()[1]
        exact = _sure_words(core) if case else None
    except Exception:  # noqa: BLE001 - a tree this analysis does not know: no filter, never an error
        return None
    if empty:
        return None  # an expression that can match nothing matches everywhere
    if edge >= _ASCII and not sure and words is None and exact is None:
        return None
    if width is not None and width > _WINDOW:
        width = None  # unbounded (or as good as)
    return ContextFilter(after, edge, sure, words, alphabet, width, exact)


def has_ascii_folds(text: str) -> bool:
    """Whether `text` holds a non-ASCII character that matches an ASCII letter when case is ignored."""
    return not text.isascii() and any(ch in text for ch in _FOLDS_TO_ASCII)


# -- Pattern prefilters: the places a lexicon pattern can start -----------------------------------
#
# A rule's own pattern runs over a whole document. The `regex` module finds no literal to skip
# ahead to in an expression like "\bit\s+(?:is|was)\s+..." with case ignored, so it tries every
# offset: about thirty microseconds per article. A prefilter is a standard-library expression over
# the document's lowered text that matches wherever the pattern can start (and at some places
# where it cannot): the pattern's leading literal text, then a lookahead with as much of the rest
# as translates simply (characters, white space, alternatives, optional parts). It searches at
# memory speed for the literal, and the pattern itself is tried only where it matched.
#
# The lookahead must not backtrack without bound (the standard library has no timeout): a repeat
# of white space is made possessive, which changes nothing because what follows it cannot start
# with white space (checked when translating), and any other repeat ends the translation, after
# its fewest repetitions (which every match has). Whatever is not translated ends it too, which
# only lets the prefilter match more places.

# A text with a character of _FOLDS_TO_ASCII (which a pattern with case ignored matches to an
# ASCII letter, and the lowered text keeps) gets no prefilter.
# A translated piece: (its text over the lowered text; whether every match of it that is not
# empty starts with a character other than white space; whether it may match the empty string).
_Piece = tuple[str, bool, bool]


def _prefilter_char(op: object, av: Any) -> tuple[str, bool | None] | None:
    """A node that consumes one character, as a class over the lowered text and whether that
    character is never white space (True), always white space (None) or either (False); None
    for a node not translated."""
    from re import _constants as c  # type: ignore[attr-defined]

    if op is c.ANY or op is c.NOT_LITERAL:
        return "(?s:.)", False
    items = [(c.LITERAL, av)] if op is c.LITERAL else av if op is c.IN else None
    if not items or items[0][0] is c.NEGATE:
        return None
    chars: set[str] = set()
    space = False
    for item, arg in items:
        if item is c.LITERAL:
            found = [chr(arg)]
        elif item is c.RANGE and arg[1] < 128:
            found = [chr(i) for i in range(arg[0], arg[1] + 1)]
        elif item is c.CATEGORY and arg is c.CATEGORY_SPACE:
            space = True
            continue
        else:
            return None
        for ch in found:
            if ch.isspace():  # the lowered text has a space there, or the character itself
                space = True
            elif ch < "\x80":
                chars.add(ch.lower())  # the lowered text has the lower case of an ASCII character
            else:
                return None
    if not chars:
        return r"\s", None
    text = "".join(re.escape(ch) for ch in sorted(chars))
    if space:
        return rf"[\s{text}]", False
    return (text if len(chars) == 1 else f"[{text}]"), True


def _lead(pieces: list[_Piece]) -> tuple[bool, bool]:
    """(Whether every match of the pieces that is not empty starts with a character other than
    white space, whether they may match the empty string)."""
    for _text, nonspace, empty in pieces:
        if not nonspace:
            return False, empty and all(p[2] for p in pieces)
        if not empty:
            return True, False
    return True, True


def _prefilter_sequence(data: Any, follow: bool) -> tuple[list[_Piece], bool]:
    """The translated pieces of a sequence of nodes and whether the translation is complete: the
    pieces match every match of the sequence, or when incomplete, the start of every match.
    `follow`: whether what follows the sequence in the pattern always starts with a character
    other than white space. Translated from the end, so that what follows each node is known."""
    from re import _constants as c  # type: ignore[attr-defined]

    pieces: list[_Piece] = []  # in reverse order until the end
    complete = True
    for op, av in reversed(data):
        if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            continue  # zero width: leaving it out only matches more
        node, done = _prefilter_node(op, av, follow)
        if done:
            pieces.extend(reversed(node))
        else:  # the translation ends with this node's start: what follows it is left out
            pieces = list(reversed(node))
            complete = False
        nonspace, empty = _lead(node)
        follow = nonspace and (not empty or (done and follow))
    pieces.reverse()
    return pieces, complete


def _prefilter_node(op: object, av: Any, follow: bool) -> tuple[list[_Piece], bool]:
    """One node of a sequence as pieces, and whether they are complete (see _prefilter_sequence)."""
    from re import _constants as c  # type: ignore[attr-defined]

    char = _prefilter_char(op, av)
    if char is not None:
        return [(char[0], bool(char[1]), False)], True
    if op is c.BRANCH:
        alts = [_prefilter_sequence(alt.data, follow) for alt in av[1]]
        if any(not pieces and not done for pieces, done in alts):
            return [], False  # an alternative with nothing known about its start
        leads = [_lead(pieces) for pieces, _ in alts]
        text = "|".join("".join(p[0] for p in pieces) for pieces, _ in alts)
        return [(f"(?:{text})", all(n for n, _ in leads), any(e for _, e in leads))], all(done for _, done in alts)
    if op is c.SUBPATTERN or op is c.ATOMIC_GROUP:
        if op is c.SUBPATTERN and (av[1] | av[2]) & ~c.SRE_FLAG_IGNORECASE:
            return [], False  # flags other than case (the lowered text has no case)
        return _prefilter_sequence((av if op is c.ATOMIC_GROUP else av[3]).data, follow)
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
        low, high, sub = av
        char = _prefilter_char(*sub.data[0]) if len(sub.data) == 1 else None
        if char is not None and char[1] is None:  # white space
            if follow:  # possessive: what follows cannot start with white space
                return [(f"{char[0]}{_bound(low, high)}+", False, low == 0)], True
            return ([(f"{char[0]}{{{low}}}", False, False)] if low else []), False
        if low == 0 and high == 1:
            pieces, done = _prefilter_sequence(sub.data, follow)
            if done and pieces:
                text = "".join(p[0] for p in pieces)
                return [(f"(?:{text})?", _lead(pieces)[0], True)], True
            return [], False
        if follow and (words := _word_run(sub.data)) is not None:
            return [(f"(?:{words}){_bound(low, high)}", True, low == 0)], True
        if low == 0:
            return [], False
        # The fewest repetitions, which every match has; then the end.
        pieces, done = _prefilter_sequence(sub.data, False)
        return (pieces * low if done else pieces), False
    return [], False  # back-references, conditionals and the like


def _bound(low: int, high: int) -> str:
    from re import _constants as c  # type: ignore[attr-defined]

    return f"{{{low},}}" if high == c.MAXREPEAT else f"{{{low},{high}}}"


def _word_run(data: Any) -> str | None:
    """For a repeated group that is one of some words then white space ("(?:also|often)\\s+"),
    with what follows the repeat starting with a character other than white space: the group
    over the lowered text, with its white space possessive; else None. The repeat then has one
    way to read a text: each turn takes the one word that ends right before white space (of
    two such words, one would be the start of the other and end where it has a character that
    is not white space) and all that white space; so it never backtracks more than its turns."""
    from re import _constants as c  # type: ignore[attr-defined]

    if len(data) < 2:
        return None
    op, av = data[-1]
    if op not in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT) or av[0] < 1 or len(av[2].data) != 1:
        return None
    space = _prefilter_char(*av[2].data[0])
    strings = _sequence_strings(data[:-1])
    if space is None or space[1] is not None or not strings or any(not w or not w.isascii() or " " in w for w in strings):
        return None
    words = "|".join(re.escape(w) for w in sorted(strings))
    return rf"(?:{words})\s{_bound(av[0], av[1])}+"


def pattern_prefilter(source: str, ignore_case: bool) -> re.Pattern[str] | None:
    """A prefilter for the pattern `source` (see above), or None when it would not help (the
    pattern does not start with literal text) or its syntax cannot be trusted. Use it with
    `prefilter_text` and `CompiledPattern.finditer_at`."""
    parsed = _syntax_tree(source, ignore_case)
    if parsed is None:
        return None
    try:
        pieces, _ = _prefilter_sequence(parsed[0].data, False)
    except Exception:  # noqa: BLE001 - a tree this translation does not know: no prefilter
        return None
    # The leading literal characters (which every match consumes) are what the expression
    # searches for, the rest is a lookahead. A match of the prefilter ends inside that literal, so
    # no place a match of the pattern starts is passed over as long as no end of the literal is
    # also a start of it ("it" yes, "tat" no): a longer literal's rest goes to the lookahead.
    chars: list[str] = []
    for text, nonspace, empty in pieces:
        if not nonspace or empty or len(text) != 1 + (text[0] == "\\"):
            break
        chars.append(text[-1])
    literal = "".join(chars)
    while literal and any(literal.startswith(literal[-k:]) for k in range(1, len(literal))):
        literal = literal[:-1]
    if not literal:
        return None
    rest = "".join(text for text, _, _ in pieces[len(literal) :])
    return re.compile(re.escape(literal) + (f"(?={rest})" if rest else ""))


def prefilter_text(prose: str, lowered: str) -> str | None:
    """The text a prefilter runs over for `prose`: its lowered text, or None when it holds a
    character the lowered text does not fold as the pattern would (see _FOLDS_TO_ASCII)."""
    if has_ascii_folds(prose):
        return None
    return lowered


def pattern_lead_word(source: str, ignore_case: bool) -> str | None:
    """The word every match of the pattern `source` starts with, as a whole word, lower case:
    for an expression that opens with \\b, then literal ASCII word characters, then \\b or a
    character that cannot be an ASCII word character ("\\bit\\s+..." gives "it"). Else None.

    In ASCII text (where \\b and the shared term scan's word boundaries agree) a match can
    start only where the scan finds that word: a pattern prefilter need only be tried there,
    not searched for through the whole text (see `LexiconRule.spans`)."""
    from re import _constants as c  # type: ignore[attr-defined]

    parsed = _syntax_tree(source, ignore_case)
    if parsed is None:
        return None
    data = parsed[0].data
    boundary = (c.AT, c.AT_BOUNDARY)
    if not data or data[0] != boundary:
        return None
    word = ""
    i = 1
    while i < len(data) and data[i][0] in (c.LITERAL, c.IN):
        strings = _strings(*data[i])
        if strings is None or len(strings) != 1 or not (ch := next(iter(strings))) or ch not in _WORD:
            break
        word += ch
        i += 1
    if not word or i == len(data):
        return None
    op, av = data[i]
    if (op, av) == boundary:
        return word
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
        if av[0] < 1 or not av[2].data:
            return None
        op, av = av[2].data[0]
    try:
        chars = _char_sets(op, av, parsed[1])
    except Exception:  # noqa: BLE001 - a node this analysis does not know
        return None
    # (ASCII characters only: in the ASCII text the answer is used for, the next one is one.)
    return word if chars is not None and chars[0].isdisjoint(_WORD) else None
