"""`frozen_record` classes behave as the `@dataclass(frozen=True, slots=True)` of the same fields."""

from __future__ import annotations

import copy
import dataclasses
import inspect
import pickle
from typing import Any

import pytest

from srclint.engine import RuleFacts
from srclint.models import Applicability, FileError, Finding, Fix, Related, Severity
from srclint.packs import PackInfo
from srclint.sources import SourceFile

RELATED = Related("b.md", 1, 2, "there", 3, 4)
SAMPLES: dict[type, list[tuple[Any, ...]]] = {
    Fix: [(1, 2, "x"), (1, 2, "x", Applicability.UNSAFE), (0, 0, "")],
    Related: [("a.md", 1, 5, "m"), ("a.md", 1, 5, "m", 2, 3, 2, 7)],
    Finding: [
        ("ATT001", "name", Severity.WARNING, "msg", "a.md", 3, 9, "said"),
        ("ATT001", "name", Severity.ERROR, "msg", "a.md", 3, 9, "said", (RELATED,), Fix(3, 9, "y"), 1, 4, 1, 10, "fp", "inline"),
    ],
    FileError: [("a.md", "unreadable"), ("a.md", "bad", "rule", "ATT001")],
    SourceFile: [("a.md", "/x/a.md"), ("b.md", "/x/a.md"), ("a.md", "/x/b.md")],
    PackInfo: [("core", 1, "rules/core.yaml", "the core", "abc")],
    RuleFacts: [(("A", "B"), ("B",), None), (("A",), (), ("SUP001", "unused", 2, "m"))],
}
ORDERED = {SourceFile}


def reference(cls: type) -> type:
    """The dataclass `frozen_record` stands for: same name, fields and defaults."""
    specs = [
        (f.name, f.type, dataclasses.field(default=f.default)) if f.default is not dataclasses.MISSING else (f.name, f.type)
        for f in dataclasses.fields(cls)
    ]
    ref = dataclasses.make_dataclass(cls.__name__, specs, frozen=True, slots=True, order=cls in ORDERED)
    ref.__qualname__ = cls.__qualname__
    return ref


@pytest.mark.parametrize("cls", list(SAMPLES), ids=lambda c: c.__name__)
def test_behaves_as_the_dataclass(cls: type) -> None:
    ref = reference(cls)
    assert dataclasses.is_dataclass(cls)
    assert [(f.name, f.type, f.default) for f in dataclasses.fields(cls)] == [
        (f.name, f.type, f.default) for f in dataclasses.fields(ref)
    ]
    assert cls.__slots__ == ref.__slots__ and cls.__match_args__ == ref.__match_args__  # type: ignore[attr-defined]
    assert not hasattr(cls, "__dict__") or "__dict__" not in cls.__dict__
    ours_sig, ref_sig = inspect.signature(cls), inspect.signature(ref)
    assert [(p.name, p.kind, p.default) for p in ours_sig.parameters.values()] == [
        (p.name, p.kind, p.default) for p in ref_sig.parameters.values()
    ]
    samples = SAMPLES[cls]
    made = [cls(*args) for args in samples]
    refs = [ref(*args) for args in samples]
    names = [f.name for f in dataclasses.fields(cls)]
    for obj, r, args in zip(made, refs, samples):
        assert repr(obj) == repr(r)
        assert hash(obj) == hash(r)
        assert dataclasses.astuple(obj) == dataclasses.astuple(r)
        assert dataclasses.asdict(obj) == dataclasses.asdict(r)
        assert cls(**dict(zip(names, args))) == obj  # by keyword too
        assert obj == cls(*args) and obj == obj and obj != r and not (obj == r)
        assert obj.__eq__(r) is NotImplemented
        changed = dataclasses.replace(obj, **{names[0]: args[1]})
        assert dataclasses.astuple(changed) == dataclasses.astuple(dataclasses.replace(r, **{names[0]: args[1]}))
        assert type(changed) is cls
        for name in names:
            with pytest.raises(dataclasses.FrozenInstanceError) as ours:
                setattr(obj, name, 1)
            with pytest.raises(dataclasses.FrozenInstanceError) as theirs:
                setattr(r, name, 1)
            assert str(ours.value) == str(theirs.value)
            with pytest.raises(dataclasses.FrozenInstanceError) as ours:
                delattr(obj, name)
            with pytest.raises(dataclasses.FrozenInstanceError) as theirs:
                delattr(r, name)
            assert str(ours.value) == str(theirs.value)
        # Another name cannot be set either (the dataclass's error for it differs between Python
        # versions: a TypeError from its `super()` call where the slotted class was remade).
        with pytest.raises(dataclasses.FrozenInstanceError):
            obj.other = 1
        with pytest.raises(dataclasses.FrozenInstanceError):
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
            if cls in ORDERED:
                assert (a < b, a <= b, a > b, a >= b) == (ra < rb, ra <= rb, ra > rb, ra >= rb)
    if cls not in ORDERED:
        with pytest.raises(TypeError):
            made[0] < made[0]  # noqa: B015
    with pytest.raises(TypeError):
        cls()
    with pytest.raises(TypeError):
        cls(*range(len(names) + 1))
