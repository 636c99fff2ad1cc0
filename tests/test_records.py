"""Classes declared with `srclint.records.record` behave as the `@dataclass` of the same fields."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import inspect
import pickle
import re
from typing import Any, ClassVar

import pytest

from srclint.claims import Claim, EventHits
from srclint.documents import Region
from srclint.engine import CheckContext, DocResult, RuleFacts
from srclint.kinds.attribution import _Compiled
from srclint.kinds.encoding import _Damaged, _Spelling
from srclint.models import Applicability, FileError, Finding, Fix, Related, Report, Severity
from srclint.packs import PackInfo, RuleSet
from srclint.records import FACTORY, record
from srclint.select import Selection
from srclint.sources import SourceFile
from srclint.suppress import Directive
from srclint.text.dateline import Dateline
from srclint.text.dates import DateInterval, DateMention
from srclint.text.events import Frame, Lexicon, PlaceInfo
from srclint.text.issue import EncodingIssue
from srclint.text.names import NounPhrase, Token

RELATED = Related("b.md", 1, 2, "there", 3, 4)
FINDING = Finding("ATT001", "name", Severity.WARNING, "msg", "a.md", 3, 9, "said")
PACK = PackInfo("core", 1, "rules/core.yaml", "the core", "abc")
DAY = DateInterval(dt.date(2025, 5, 3), dt.date(2025, 5, 3), "day")
CLAIM = ("a.md", 1, 5, 1, 2, 1, 6, "arrival", "landing", "date", "", ("@caracas",), "caracas", 1.0, 2.0, "2025-10-27", None, 0.0,
         None, False, "Oct 27", 1.0, 2.0)  # fmt: skip

# class: (its dataclass parameters: frozen, slots, order), sample arguments
SAMPLES: dict[type, tuple[tuple[bool, bool, bool], list[tuple[Any, ...]]]] = {
    Fix: ((True, True, False), [(1, 2, "x"), (1, 2, "x", Applicability.UNSAFE), (0, 0, "")]),
    Related: ((True, True, False), [("a.md", 1, 5, "m"), ("a.md", 1, 5, "m", 2, 3, 2, 7)]),
    Finding: ((True, True, False), [
        ("ATT001", "name", Severity.WARNING, "msg", "a.md", 3, 9, "said"),
        ("ATT001", "name", Severity.ERROR, "msg", "a.md", 3, 9, "said", (RELATED,), Fix(3, 9, "y"), 1, 4, 1, 10, "fp", "inline"),
    ]),
    FileError: ((True, True, False), [("a.md", "unreadable"), ("a.md", "bad", "rule", "ATT001")]),
    Report: ((True, True, False), [((),), ((FINDING,), (FileError("b", "m"),), ("a.md",), (FINDING,), {"ATT001": 0.5})]),
    SourceFile: ((True, True, True), [("a.md", "/x/a.md"), ("b.md", "/x/a.md"), ("a.md", "/x/b.md")]),
    PackInfo: ((True, True, False), [("core", 1, "rules/core.yaml", "the core", "abc")]),
    RuleSet: ((True, False, False), [((),), ((), (PACK,))]),
    Selection: ((True, False, False), [(), (("ATT",), ("HDG",), ("X",), {"*.md": ("A",)}, {"ATT001": Severity.ERROR})]),
    RuleFacts: ((True, True, False), [(("A", "B"), ("B",), None), (("A",), (), ("SUP001", "unused", 2, "m"))]),
    CheckContext: ((False, True, False), [({},), ({("ATT001", "cues"): [(1, 2)]},)]),
    DocResult: ((False, True, False), [("a.md",), ("a.md", [FINDING], {"k": [1]}, [], [], [0, 5], ["X"], "h", None, "d")]),
    Directive: ((False, True, False), [("ignore", ("A",), 1, 5), ("disable", (), 0, 3, "t", (0, 9), {"A"})]),
    Claim: ((True, True, False), [CLAIM, (*CLAIM[:-5], "Reuters", True, "27 Oct", 3.0, 4.0)]),
    EventHits: ((True, True, False), [({"arrival": [(1, 2)]}, [(3, 4)], [], []), ({}, [], [(1, 2)], [(5, 6)], [(7, 8)])]),
    Dateline: ((True, True, False), [(0, 10, "CARACAS", 10, 27, 2025, "Reuters"), (0, 5, "X", None, None, None, None)]),
    EncodingIssue: ((True, True, False), [(1, 3, "mojibake", "why", "fix", True), (1, 3, "mojibake", "why", None, False, "ev", ("a", "b"))]),
    Token: ((True, True, False), [("Said", 0, 4), ("It’s", 5, 9)]),
    NounPhrase: ((True, True, False), [((Token("Jane", 0, 4),), 0), ((Token("the", 0, 3), Token("man", 4, 7)), 1, (Token("Doe", 8, 11),))]),
    _Compiled: ((True, True, False), [
        (frozenset(), frozenset({"a"}), frozenset(), frozenset(), frozenset(), None, re.compile("x"), "cues", None, None, None),
        (frozenset({"b"}), frozenset(), frozenset({"c"}), frozenset(), frozenset({"d"}), re.compile("d"), None, "cues", None, None, None),
    ]),
    _Damaged: ((True, True, False), [(FINDING, "why", ("a",), True), (FINDING, "how", (), False)]),
    _Spelling: ((True, True, False), [("word", "a.md", 1, 5, 1, 2), ("other", "b.md", 0, 5, 1, 1)]),
    DateInterval: ((True, True, False), [(DAY.start, DAY.end, "day"), (dt.date(2025, 5, 1), dt.date(2025, 5, 31), "month")]),
    DateMention: ((True, True, False), [(0, 5, "May 3", "explicit", DAY, None, True), (0, 5, "today", "relative", None, 2, False)]),
    Frame: ((True, True, False), [(frozenset({"a"}), "caracas"), (frozenset(), None)]),
    PlaceInfo: ((True, True, False), [(), ("venezuela", -4.0)]),
    Lexicon: ((False, True, False), [(), ({"a": "b"}, {}, {"x": PlaceInfo()}, {"r": "s"}, {"c"}, {"v": ("r", "c")})]),
    Region: ((True, True, False), [(0, 5, "body"), (1, 2, "quote")]),
}


def reference(cls: type) -> type:
    """The dataclass the record stands for: same name, fields (and their options) and parameters."""
    frozen, slots, order = SAMPLES[cls][0]
    specs = []
    for f in dataclasses.fields(cls):
        options: dict[str, Any] = {"init": f.init, "repr": f.repr, "hash": f.hash, "compare": f.compare}
        if f.default is not dataclasses.MISSING:
            options["default"] = f.default
        if f.default_factory is not dataclasses.MISSING:
            options["default_factory"] = f.default_factory
        specs.append((f.name, f.type, dataclasses.field(**options)))
    namespace = {"__post_init__": cls.__post_init__} if hasattr(cls, "__post_init__") else {}
    ref = dataclasses.make_dataclass(cls.__name__, specs, namespace=namespace, frozen=frozen, slots=slots, order=order)
    ref.__qualname__ = cls.__qualname__
    return ref


def same_error(a: Any, b: Any, action: Any) -> None:
    """`action` on each raises the same exception with the same message, or on neither."""
    outcome = []
    for obj in (a, b):
        try:
            action(obj)
        except Exception as exc:  # noqa: BLE001
            outcome.append((type(exc), str(exc)))
        else:
            outcome.append(None)
    assert outcome[0] == outcome[1]


@pytest.mark.parametrize("cls", list(SAMPLES), ids=lambda c: c.__name__)
def test_behaves_as_the_dataclass(cls: type) -> None:
    ref = reference(cls)
    (frozen, slots, order), samples = SAMPLES[cls]
    assert dataclasses.is_dataclass(cls)
    assert [(f.name, f.type, f.default, f.default_factory, f.init, f.repr, f.compare, f.hash) for f in dataclasses.fields(cls)] == [
        (f.name, f.type, f.default, f.default_factory, f.init, f.repr, f.compare, f.hash) for f in dataclasses.fields(ref)
    ]
    assert cls.__match_args__ == ref.__match_args__  # type: ignore[attr-defined]
    assert ("__slots__" in cls.__dict__) == slots and getattr(cls, "__slots__", None) == getattr(ref, "__slots__", None)
    # The same parameters and defaults (a default factory's sentinel is `FACTORY` in an own
    # `__init__`, dataclasses' own in a generated one: both show as "<factory>").
    shown = [str(inspect.signature(c).replace(return_annotation=inspect.Signature.empty)) for c in (cls, ref)]
    assert shown[0] == shown[1]
    assert [(p.name, p.kind, p.default if p.default is not FACTORY else "<factory>") for p in inspect.signature(cls).parameters.values()] == [
        (p.name, p.kind, p.default if repr(p.default) != "<factory>" else "<factory>") for p in inspect.signature(ref).parameters.values()
    ]
    names = [f.name for f in dataclasses.fields(cls) if f.init]
    made = [cls(*args) for args in samples]
    refs = [ref(*args) for args in samples]
    for obj, r, args in zip(made, refs, samples):
        assert repr(obj) == repr(r)
        same_error(obj, r, hash)  # unhashable (mutable, or a dict among the fields) or ...
        if frozen and all(isinstance(v, tuple | str | int | None) for v in dataclasses.astuple(obj)):
            assert hash(obj) == hash(r)  # ... the same hash
        assert dataclasses.astuple(obj) == dataclasses.astuple(r)
        assert dataclasses.asdict(obj) == dataclasses.asdict(r)
        assert cls(**dict(zip(names, args))) == obj  # by keyword too
        assert obj == cls(*args) and obj == obj and obj != r and not (obj == r)  # noqa: PLR0124, SIM201 - __eq__ and __ne__ each
        assert obj.__eq__(r) is NotImplemented
        value = samples[-1][0]
        changed = dataclasses.replace(obj, **{names[0]: value})
        assert type(changed) is cls
        assert dataclasses.astuple(changed) == dataclasses.astuple(dataclasses.replace(r, **{names[0]: value}))
        for name in names:
            same_error(obj, r, lambda o, name=name: setattr(o, name, getattr(o, name)))
            same_error(copy.copy(obj), copy.copy(r), lambda o, name=name: delattr(o, name))
        if frozen:
            # Another name cannot be set either. (A generated `__setattr__` of a slotted class
            # raises TypeError for it on some Python versions, from a `super()` call naming the
            # class before slots were added; a record's own raises FrozenInstanceError.)
            with pytest.raises((dataclasses.FrozenInstanceError, TypeError)):
                obj.other = 1
            with pytest.raises((dataclasses.FrozenInstanceError, TypeError)):
                del obj.other
        for protocol in range(2, pickle.HIGHEST_PROTOCOL + 1):
            back = pickle.loads(pickle.dumps(obj, protocol))
            assert back == obj and type(back) is cls
            if cls is not Finding:  # Finding pickles by `__reduce__` (srclint.models)
                ours_r, refs_r = obj.__reduce_ex__(protocol), r.__reduce_ex__(protocol)
                assert ours_r[0] is refs_r[0] and ours_r[2:] == refs_r[2:]
        assert copy.copy(obj) == obj and copy.deepcopy(obj) == obj
    for a, ra in zip(made, refs):
        for b, rb in zip(made, refs):
            assert (a == b) == (ra == rb) and (a != b) == (ra != rb)
            for compare in ("__lt__", "__le__", "__gt__", "__ge__"):
                other = {id(a): b, id(ra): rb}
                same_error(a, ra, lambda o, compare=compare, other=other: getattr(o, compare)(other[id(o)]))
                if order:
                    assert getattr(a, compare)(b) == getattr(ra, compare)(rb)
    with pytest.raises(TypeError):
        cls(*range(len(names) + 1))


def test_repr_of_a_cycle() -> None:
    box = DocResult("a.md")
    box.claims["self"] = [box]
    assert repr(box).count("...") == 1


def test_refuses_what_it_does_not_do() -> None:
    with pytest.raises(TypeError):

        @record(frozen=True, slots=True)
        class OwnEq:
            """A class with its own equality."""

            a: int

            def __eq__(self, other: object) -> bool:
                return True


def test_defaults_from_factories_are_new_each_time() -> None:
    for cls in (Report, Selection, DocResult, Directive, EventHits, Lexicon):
        made = [dataclasses.asdict(cls(*SAMPLES[cls][1][0])) for _ in range(2)]
        first, second = (cls(*SAMPLES[cls][1][0]) for _ in range(2))
        for f in dataclasses.fields(cls):
            if f.default_factory is not dataclasses.MISSING:
                value = getattr(first, f.name)
                assert value == f.default_factory() and value is not getattr(second, f.name)
        assert made[0] == made[1]
    assert RuleSet((), ())._by_code == {}


def _declared() -> type:
    """A class as the records declare theirs: own `__init__`, defaults plain and from `field`."""

    class Sample:
        """A sample."""

        a: int
        b: str = "x"
        c: list[int] = dataclasses.field(default_factory=list)
        d: int = dataclasses.field(default=3, repr=False, compare=False, hash=True, metadata={"m": 1})
        e: str = dataclasses.field(init=False, repr=False, compare=False)

        def __init__(self, a: int, b: str = "x", c: list[int] = FACTORY, d: int = 3) -> None:
            pass

    return Sample


@pytest.mark.parametrize("slots", [True, False])
def test_plain_dataclass_is_what_dataclass_makes(slots: bool) -> None:
    """`_plain_dataclass`, which makes the dataclass of a plain record class without dataclasses'
    per-field checks, makes what `dataclass` makes of it (every field attribute, parameters, class
    attributes, slots); a class it does not handle is left to `dataclass`."""
    from srclint.records import _plain_dataclass

    ours = _plain_dataclass(_declared(), slots)
    ref = dataclasses.dataclass(init=False, repr=False, eq=False, slots=slots)(_declared())
    assert ours is not None
    attributes = ("name", "type", "default", "default_factory", "init", "repr", "hash", "compare", "metadata", "kw_only", "_field_type")
    assert [[getattr(f, a) for a in attributes] for f in ours.__dataclass_fields__.values()] == [
        [getattr(f, a) for a in attributes] for f in ref.__dataclass_fields__.values()
    ]
    assert repr(ours.__dataclass_params__) == repr(ref.__dataclass_params__)
    assert {k: v for k, v in vars(ours).items() if k not in ("__dataclass_fields__", "__dataclass_params__", "__init__")}.keys() == {
        k: v for k, v in vars(ref).items() if k not in ("__dataclass_fields__", "__dataclass_params__", "__init__")
    }.keys()
    for name in ("__match_args__", "__slots__", "__qualname__", "__doc__", "b", "d"):  # (b, d: the defaults, or slots)
        assert repr(getattr(ours, name, None)) == repr(getattr(ref, name, None)), name
    assert ("c" in vars(ours)) == ("c" in vars(ref)) and ("e" in vars(ours)) == ("e" in vars(ref))
    assert ours.__init__ is not ref.__init__ and ours.__init__.__qualname__ == ref.__init__.__qualname__

    class Unplain:
        """Not plain: a ClassVar (dataclass tells it from a field)."""

        a: int
        b: ClassVar[int] = 1

        def __init__(self, a: int) -> None:
            pass

    assert _plain_dataclass(Unplain, slots) is None and "__dataclass_fields__" not in vars(Unplain)
