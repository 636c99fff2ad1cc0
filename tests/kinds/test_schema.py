"""`srclint.kinds.schema`: plain rule objects validated by pydantic mirrors of their classes."""

from __future__ import annotations

import pickle
from typing import Any, ClassVar, Literal

import pytest
from pydantic import BaseModel, ValidationError
from ruamel.yaml import YAML

from srclint.kinds import KINDS
from srclint.kinds.lexicon import LexiconRule
from srclint.kinds.schema import ConfigDict, Field, Model, PrivateAttr, _mirror, field_validator, model_validator
from srclint.packs import RulePack, builtin_pack_dir, load_rules


def _builtin_rule_data() -> list[dict[str, Any]]:
    return [
        rule
        for path in sorted(builtin_pack_dir().glob("*.yaml"))
        for rule in YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))["rules"]
    ]


def test_a_plain_rule_holds_what_its_pydantic_mirror_validates() -> None:
    """Every built-in rule: the same fields, in the same order, with the same values (nested
    models included) as the pydantic model of its kind gives for the same data."""
    rules = load_rules(cache=False)
    for data in _builtin_rule_data():
        rule = rules.get(data["code"])
        assert rule is not None
        mirrored = _mirror(type(rule)).model_validate(data)
        assert isinstance(mirrored, BaseModel) and not isinstance(rule, BaseModel)
        assert list(type(rule).model_fields) == list(type(rule).__srclint_fields__) == list(rule.model_dump())
        assert rule.model_dump() == mirrored.model_dump()
        assert rule.model_dump(by_alias=True) == mirrored.model_dump(by_alias=True)


def test_kinds_are_not_pydantic_models_but_have_their_schema() -> None:
    for kind in KINDS:
        assert not issubclass(kind, BaseModel)
        assert kind.model_fields["kind"].annotation.__args__[0]  # the Literal tag, as pydantic reports it
        assert kind.model_json_schema()["title"] == kind.__name__
    assert RulePack.model_json_schema(by_alias=True)["additionalProperties"] is False


def test_rules_are_frozen_and_pickle_to_equal_rules() -> None:
    rules = load_rules(cache=False)
    for rule in rules:
        with pytest.raises(ValidationError, match="frozen"):
            rule.code = "XYZ999"  # type: ignore[misc]
        copy = pickle.loads(pickle.dumps(rule))
        assert type(copy) is type(rule) and copy.model_dump() == rule.model_dump()
        assert copy.__pydantic_private__.keys() == rule.__pydantic_private__.keys()
        assert copy.parsed_scope.include == rule.parsed_scope.include
    assert pickle.loads(pickle.dumps(rules)).digest == rules.digest


def test_validator_and_post_init_errors_are_validation_errors() -> None:
    base = {
        "code": "DSK001", "name": "n", "kind": "lexicon", "summary": "s", "rationale": "r", "message": "{match}",
        "examples": {"fail": ["x"], "pass": ["y"]},
    }  # fmt: skip
    with pytest.raises(ValidationError, match="needs `terms` or `patterns`"):
        LexiconRule.model_validate(base)
    with pytest.raises(ValidationError, match="placeholder"):
        LexiconRule.model_validate({**base, "terms": ["x"], "message": "{nope}"})
    with pytest.raises(ValidationError) as exc:
        LexiconRule.model_validate({**base, "terms": ["x"], "scope": ["nowhere"]})
    assert exc.value.errors()[0]["loc"] == ("scope",)
    rule = LexiconRule.model_validate({**base, "terms": ["x"]})
    assert LexiconRule.model_validate(rule) is rule
    assert LexiconRule(**{**base, "terms": ["x"]}).model_dump() == rule.model_dump()


class _Inner(Model):
    """An inner model."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    n: int = Field(default=1, ge=0)


class _Outer(Model):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)
    tag: Literal["outer"]
    inner: _Inner
    items: list[_Inner | str] = Field(default_factory=list)
    pass_: str = Field(default="p", alias="pass")
    limit: ClassVar[int] = 3
    _seen: list[str] = PrivateAttr(default_factory=list)
    _size: int = PrivateAttr(default=0)

    @field_validator("items")
    @classmethod
    def _short(cls, value: list[Any]) -> list[Any]:
        if len(value) > cls.limit:
            raise ValueError("too many items")
        return value

    @model_validator(mode="after")
    def _checked(self) -> _Outer:
        self._seen.append(f"after:{self.size()}")  # the plain instance, with its methods
        return self

    def model_post_init(self, context: Any, /) -> None:
        self._seen.append("post")
        self._size = len(self.items)

    def size(self) -> int:
        return self._size


def test_a_model_behaves_like_its_pydantic_declaration() -> None:
    outer = _Outer.model_validate({"tag": "outer", "inner": {}, "items": [{"n": 2}, "x"], "pass": "q"})
    assert type(outer.inner) is _Inner and type(outer.items[0]) is _Inner and outer.items[1] == "x"
    assert outer.inner.n == 1 and outer.items[0].n == 2 and outer.pass_ == "q"
    assert outer._seen == ["post", "after:2"] and outer.size() == 2
    assert outer.model_dump() == {"tag": "outer", "inner": {"n": 1}, "items": [{"n": 2}, "x"], "pass_": "q"}
    assert outer.model_dump(by_alias=True)["pass"] == "q"
    assert outer == pickle.loads(pickle.dumps(outer))
    assert outer != _Outer.model_validate({"tag": "outer", "inner": {"n": 5}})
    assert hash(_Inner.model_validate({"n": 3})) == hash(_Inner.model_validate({"n": 3}))
    assert repr(outer.inner) == "_Inner(n=1)"
    with pytest.raises(AttributeError):
        _ = outer._missing
    with pytest.raises(ValidationError) as exc:
        _Outer.model_validate({"tag": "outer", "inner": {"n": -1}, "items": ["a", "b", "c", "d"], "extra": 1})
    assert {(e["type"], e["loc"]) for e in exc.value.errors()} == {
        ("greater_than_equal", ("inner", "n")), ("value_error", ("items",)), ("extra_forbidden", ("extra",)),
    }  # fmt: skip
    assert _Outer.model_json_schema(by_alias=True)["$defs"]["_Inner"]["description"] == "An inner model."
