"""What an entry of the compiled-pack cache (`srclint.pack_cache`) holds, and how it is made
again: the rule set pickled with its patterns kept compiled and its rules restored as stored,
the fields a lint does not read pickled apart. Imported when an entry is written or read (the
unpickler imports it for the functions and classes an entry names), not by a run answered from
its stored report, which only works out the cache's keys.
"""

from __future__ import annotations

import re
import sys
TYPE_CHECKING = False  # typing itself is not imported: a run that lints a file imports this module
if TYPE_CHECKING:
    from typing import Any

__all__ = ["ReOnLoad", "RegexOnLoad", "dumps", "pickler"]


# -- Pickling the compiled patterns -------------------------------------------------------------
#
# Pickle keeps a `re` pattern as its source and compiles it again on load: some 35 patterns, a
# few milliseconds of every run that loads the rules. The entry keeps what the compiler made
# (the code `_sre.compile` takes, checked to give an equal pattern when stored) and loading
# hands it back to `_sre.compile`, by the same Python only (another one compiles the source).
#
# A `regex` pattern pickles as its compiled code already, but loading one imports the `regex`
# package (some 7 ms); about half of one-file runs never run a rule's own expression (the
# literal prefilters rule them out). The entry keeps each as a `RegexOnLoad`, which loads
# `regex`'s compiled extension (alone: `srclint.patterns.regex_core`) when the pattern is first used.


def _sre_tag() -> tuple[str | None, int]:
    import _sre  # type: ignore[import-not-found]

    return sys.implementation.cache_tag, _sre.MAGIC


def _compiled_re(pattern: str | bytes, flags: int, code: bytes, groups: int, groupindex: dict[str, int],
                 indexgroup: tuple[str | None, ...], tag: tuple[str | None, int]) -> re.Pattern[Any]:  # fmt: skip
    """A pickled `re` pattern: made from its stored code by the Python that stored it, else
    compiled from its source. The code is kept as its words' bytes (one string in the pickle,
    not an opcode per word) and made a list again at C speed."""
    if tag == _sre_tag():
        import _sre

        return _sre.compile(pattern, flags, memoryview(code).cast("I").tolist(), groups, groupindex, indexgroup)  # type: ignore[no-any-return]
    return re.compile(pattern, flags)


def _pack_code(code: list[int]) -> bytes:
    """`code` as `_compiled_re` takes it: the words' native 32-bit unsigned bytes."""
    from array import array

    return array("I", code).tobytes()


def _reduce_re(rx: re.Pattern[Any]) -> tuple[Any, ...] | None:
    """`_compiled_re`'s arguments for `rx`, or None when its code cannot be had again (another
    implementation, another word size) or would not give an equal pattern (equal patterns have
    equal code)."""
    try:
        import _sre
        from re import _compiler, _parser  # type: ignore[attr-defined]

        if _sre.CODESIZE != 4:
            return None
        code = [int(op) for op in _compiler._code(_parser.parse(rx.pattern, rx.flags), rx.flags)]  # opcodes are named ints
        indexgroup: list[str | None] = [None] * (rx.groups + 1)
        for name, index in rx.groupindex.items():
            indexgroup[index] = name
        args = (rx.pattern, rx.flags, _pack_code(code), rx.groups, dict(rx.groupindex), tuple(indexgroup))
        if _compiled_re(*args, _sre_tag()) != rx:
            return None
    except Exception:  # noqa: BLE001 - pickled the usual way instead
        return None
    return (*args, _sre_tag())


class ReOnLoad:
    """A `re` pattern from the pack cache, made from its stored code (`_compiled_re`) when its
    first attribute is asked for: the form of the patterns kept for first use
    (`srclint.text.LazyPattern`, which takes its pattern's methods from it), of which a run that
    lints a few documents uses only a handful. Anything else asks the pattern itself."""

    def __init__(self, args: tuple[Any, ...]) -> None:
        self._args = args

    @classmethod
    def of(cls, rx: re.Pattern[Any]) -> ReOnLoad | re.Pattern[Any]:
        """`rx` to be stored as made when first used (or as itself, when its code cannot be had)."""
        args = _reduce_re(rx)
        return rx if args is None else cls(args)

    def _compiled(self) -> re.Pattern[Any]:
        rx: re.Pattern[Any] | None = self.__dict__.get("_rx")
        if rx is None:
            rx = self._rx = _compiled_re(*self._args)
        return rx

    def __getattr__(self, name: str) -> Any:  # only for attributes not set
        if name.startswith("__") or name in ("_args", "_rx"):
            raise AttributeError(name)  # copy and pickle probing for hooks: not the pattern's
        return getattr(self._compiled(), name)

    def __reduce__(self) -> tuple[Any, ...]:
        return ReOnLoad, (self._args,)


class RegexOnLoad:
    """A `regex` pattern from the pack cache, rebuilt from its pickled form (its compiled code)
    when first used. Its matching methods are then kept on the instance, so later calls cost
    what calls on the pattern cost; a method taken before that (`match = rx.match`) is one of
    the forwarders below, so taking it imports nothing yet."""

    def __init__(self, pickled: tuple[Any, ...]) -> None:
        self._pickled = pickled

    def _pattern(self) -> Any:
        rx = self.__dict__.get("_rx")
        if rx is None:
            from .patterns import regex_core  # the `regex` extension alone: see there

            rx = self._rx = regex_core().compile(*self._pickled)
            for method in ("match", "search", "finditer", "fullmatch"):
                setattr(self, method, getattr(rx, method))  # found before the class's forwarders
        return rx

    def __getattr__(self, name: str) -> Any:  # only for attributes not set yet
        if name.startswith("__") or name == "_rx":
            raise AttributeError(name)  # copy and pickle probing for hooks: not the pattern's
        return getattr(self._pattern(), name)

    def match(self, *args: Any, **kwargs: Any) -> Any:
        return self._pattern().match(*args, **kwargs)

    def search(self, *args: Any, **kwargs: Any) -> Any:
        return self._pattern().search(*args, **kwargs)

    def finditer(self, *args: Any, **kwargs: Any) -> Any:
        return self._pattern().finditer(*args, **kwargs)

    def fullmatch(self, *args: Any, **kwargs: Any) -> Any:
        return self._pattern().fullmatch(*args, **kwargs)

    def __reduce__(self) -> tuple[Any, ...]:
        return RegexOnLoad, (self._pickled,)


# Fields of the rule kinds that a lint does not read once the rules are built (documentation,
# and the lists compiled into the term scan and the rules' private tables): kept in a rule's
# cache entry as one pickle, loaded when one of them is first asked for (`schema.restored`). A
# lint that read one would still get it, loading them then.
_DEFERRED_FIELDS = frozenset({
    "examples", "rationale", "summary", "references",  # every kind
    "terms", "exceptions", "attribution_cues", "vague_sources", "exact_terms",  # lexicon, density
    "cues", "after_cues", "sources", "generic_names", "rank_words", "institution_words", "knowledge_phrases", "modifiers",
    "provenance", "markers", "reasons", "boilerplate", "opinion_terms",  # attribution
    "events", "aliases", "roles", "demonyms", "places", "distinct_markers", "update_markers", "values",  # consistency
})  # fmt: skip


def _model_state(obj: Any) -> tuple[Any, ...]:
    """`schema.restored`'s arguments for `obj`, its fields of `_DEFERRED_FIELDS` pickled apart."""
    from .kinds.schema import DEFERRED

    obj._undefer()
    kind = type(obj)
    fields: dict[str, Any] = obj.__dict__
    deferred = {name: value for name, value in fields.items() if name in _DEFERRED_FIELDS}
    if not deferred or tuple(fields) != kind.__srclint_fields__:  # (put back in the class's order)
        return kind, fields, obj.__pydantic_private__
    import io

    buf = io.BytesIO()
    pickler(buf).dump(deferred)
    kept = {name: value for name, value in fields.items() if name not in deferred}
    return kind, kept, {**obj.__pydantic_private__, DEFERRED: buf.getvalue()}


def pickler(fh: Any) -> Any:
    import copyreg
    import pickle

    from .kinds.schema import Model, restored

    regex = sys.modules.get("regex")  # a pack's patterns were compiled by it if it is loaded
    regex_type = regex.Pattern if regex is not None else None

    class Pickler(pickle.Pickler):
        def reducer_override(self, obj: Any) -> Any:
            kind = type(obj)
            if kind is re.Pattern:
                args = _reduce_re(obj)
                return NotImplemented if args is None else (_compiled_re, args)
            if kind is regex_type:
                return RegexOnLoad, (copyreg.dispatch_table[kind](obj)[1],)
            if isinstance(obj, Model):  # restored as stored: read by this same code only
                return restored, _model_state(obj)
            return NotImplemented

    return Pickler(fh, protocol=pickle.HIGHEST_PROTOCOL)


def dumps(value: Any) -> bytes:
    """`value` pickled for the cache, without the memo entries no later part of it refers to:
    the pickler makes one for every object it may meet again, some fifteen thousand, of which
    loading would fill and keep one in ten (pickletools.optimize drops the others)."""
    import io
    import pickletools

    buf = io.BytesIO()
    pickler(buf).dump(value)
    return pickletools.optimize(buf.getvalue())
