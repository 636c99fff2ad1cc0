"""Rule packs: YAML files read with ruamel.yaml (keeping line and column of every node),
validated with the models of the rule kinds (pydantic validates them: see `srclint.kinds.schema`),
and gathered into a RuleSet.

Every problem becomes a RulePackError pointing at the YAML: `rules/x.yaml:14:7: ATT001 terms: ...`.
Packs are data and nothing else: only plain YAML types are accepted (no tags that build objects),
aliases and nesting are bounded, and no pack can name a file to read or code to run.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import field
from functools import cached_property
TYPE_CHECKING = False  # typing itself is not imported: a run that lints a file imports this module

from .errors import RulePackError
from .kinds import CorpusRule, DocumentRule, RuleBase
from .kinds.schema import ConfigDict, Field, Model
from . import pack_cache
from .pack_cache import blake2b, builtin_pack_dir, pack_files, pack_key
from .matching import TermScanner
from .records import record
from .text import adopt_compiled, compiled_lazy_patterns

if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any
    from pydantic import ValidationError

    from .kinds import RuleSpec

__all__ = ["PackInfo", "RulePack", "RuleSet", "builtin_pack_dir", "load_pack", "load_rules"]


def __getattr__(name: str) -> object:
    """`RuleSpec`, which `RulePack`'s annotation names, for a pack's validation: made on first
    use (`srclint.kinds`), as a run whose rules come from the cache needs it not."""
    if name == "RuleSpec":
        from . import kinds

        return kinds.RuleSpec
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

MAX_NODES = 200_000
MAX_DEPTH = 64
_PLAIN_TAGS = {
    "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:str", "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null",
}  # fmt: skip


class RulePack(Model):
    """The top level of a pack file."""

    model_config = ConfigDict(extra="forbid", defer_build=True)
    pack: str = Field(pattern=r"^[a-z][a-z0-9-]*$", description="the pack's name")
    version: int = 1
    description: str = ""
    rules: list[RuleSpec] = Field(default_factory=list)


@record(frozen=True, slots=True)
class PackInfo:
    """A loaded pack: its name, version, file, description and the digest of its rules."""
    name: str
    version: int
    path: str
    description: str
    digest: str

    def __init__(self, name: str, version: int, path: str, description: str, digest: str) -> None:
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "version", version)
        object.__setattr__(self, "path", path)
        object.__setattr__(self, "description", description)
        object.__setattr__(self, "digest", digest)


@record(frozen=True, slots=False)
class RuleSet:
    """An immutable set of rules; pass it around, never register into it."""

    rules: tuple[RuleBase, ...]
    packs: tuple[PackInfo, ...] = ()
    _by_code: dict[str, RuleBase] = field(init=False, repr=False, compare=False)

    def __init__(self, rules: tuple[RuleBase, ...], packs: tuple[PackInfo, ...] = ()) -> None:
        object.__setattr__(self, "rules", rules)
        object.__setattr__(self, "packs", packs)
        self.__post_init__()

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_code", {r.code: r for r in self.rules})

    def __len__(self) -> int:
        return len(self.rules)

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self.rules)

    def get(self, code: str) -> RuleBase | None:
        return self._by_code.get(code)

    def only(self, codes: Iterable[str]) -> RuleSet:
        wanted = set(codes)
        kept = tuple(r for r in self.rules if r.code in wanted)
        if len(kept) == len(self.rules):
            return self  # all of them: keep what is compiled (the scanner comes with a cached set)
        return RuleSet(kept, self.packs)

    @cached_property
    def document_rules(self) -> tuple[DocumentRule, ...]:
        return tuple(r for r in self.rules if isinstance(r, DocumentRule))

    @cached_property
    def corpus_rules(self) -> tuple[CorpusRule, ...]:
        return tuple(r for r in self.rules if isinstance(r, CorpusRule))

    @cached_property
    def scanner(self) -> TermScanner:
        return TermScanner(
            ((rule.code, name), terms, case_sensitive)
            for rule in self.rules
            for name, terms, case_sensitive in rule.term_lists()
        )

    @cached_property
    def digest(self) -> str:
        """Changes whenever any rule changes: part of every cache key."""
        h = blake2b(digest_size=16)
        for rule in self.rules:
            h.update(rule_fingerprint(rule))
        return h.hexdigest()


def rule_fingerprint(rule: RuleBase) -> bytes:
    """A rule's settings as bytes. Not JSON: example texts may hold lone surrogates (invalid
    bytes kept from a file), which JSON encoders refuse."""
    return repr(rule.model_dump()).encode("utf-8", "surrogatepass")


def load_rules(*sources: str | Path, builtin: bool = True, cache: bool = True, key: str | None = None) -> RuleSet:
    """Load the built-in packs (unless builtin=False) plus packs or folders of packs given.

    Compiled rule sets are cached on disk keyed by the packs' bytes and srclint's version, so a
    warm start skips YAML parsing and validation; a corrupt or unreadable cache is ignored.
    `key` is that key (`pack_key` of these packs) when the caller has worked it out already.
    """
    paths = pack_files(sources, builtin)  # (the strings of `pack_paths`: no pathlib on a run's path)
    key = (key or pack_key(paths)) if cache else None
    if key is not None and (cached := pack_cache.load(key)) is not None:
        adopt_compiled(cached.__dict__.pop("lazy_patterns", []))
        return cached
    rules: list[RuleBase] = []
    packs: list[PackInfo] = []
    seen: dict[str, str] = {}
    for path in paths:
        pack, info = load_pack(path)
        for rule in pack.rules:
            if rule.code in seen:
                raise RulePackError(f"duplicate rule code (already defined in {seen[rule.code]})", path=str(path), code=rule.code)
            seen[rule.code] = str(path)
            rules.append(rule)
        packs.append(info)
    ruleset = RuleSet(tuple(rules), tuple(packs))
    if key is not None:
        _ = ruleset.scanner  # compile before caching
        # The patterns the kinds, the documents and the readers compile on first use go into the
        # cache entry too, compiled (see `srclint.text.compiled_lazy_patterns`); taken out of the
        # rule set again once stored. (Every run that lints imports `documents`, with its
        # segmenter's patterns, and nearly every one reads plain text.)
        from .formats import plaintext  # noqa: F401  (and with it `documents`)
        from .pack_format import ReOnLoad

        # Made from their code when first used: a run that lints a few documents needs a few.
        ruleset.__dict__["lazy_patterns"] = [(src, flags, ReOnLoad.of(rx)) for src, flags, rx in compiled_lazy_patterns()]
        pack_cache.store(key, ruleset)
        del ruleset.__dict__["lazy_patterns"]
    return ruleset


def load_pack(path: str | Path) -> tuple[RulePack, PackInfo]:
    from pathlib import Path

    shown = str(path)
    try:
        source = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise RulePackError("no such rule pack", path=shown) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise RulePackError(f"cannot read rule pack: {exc}", path=shown) from None
    return parse_pack(source, shown)


def parse_pack(source: str, path: str = "<pack>") -> tuple[RulePack, PackInfo]:
    data, positions = _load_yaml(source, path)
    if not isinstance(data, dict):
        raise RulePackError("a rule pack must be a mapping with `pack` and `rules`", path=path, line=1, column=1)
    # Imported here: a run whose rules come from the pack cache validates nothing.
    from pydantic import ValidationError

    try:
        pack = RulePack.model_validate(data)
    except ValidationError as exc:
        raise _pack_error(exc, data, positions, path) from None
    digest = blake2b(source.encode(), digest_size=16).hexdigest()
    return pack, PackInfo(pack.pack, pack.version, path, pack.description, digest)


# -- YAML with positions ---------------------------------------------------------------------

if TYPE_CHECKING:
    Positions = dict[tuple[Any, ...], tuple[int, int]]


def _load_yaml(source: str, path: str) -> tuple[Any, Positions]:
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    yaml = YAML(typ="rt")
    try:
        node = yaml.compose(source)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (None, None)
        raise RulePackError(f"YAML syntax error: {exc.problem or exc.context}", path=path, line=line, column=col) from None
    except YAMLError as exc:
        raise RulePackError(f"YAML error: {exc}", path=path) from None
    except RecursionError:
        raise RulePackError("YAML nested too deeply", path=path) from None
    if node is None:
        return None, {}
    positions: Positions = {}
    data = _to_plain(node, (), positions, path, [0])
    return data, positions


def _to_plain(node: Any, loc: tuple[Any, ...], positions: Positions, path: str, counter: list[int]) -> Any:
    """Convert composed YAML nodes to plain data, refusing tags, alias bombs and deep nesting."""
    from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

    counter[0] += 1
    line, col = node.start_mark.line + 1, node.start_mark.column + 1
    if counter[0] > MAX_NODES:
        raise RulePackError(f"pack too large (over {MAX_NODES:,} YAML nodes, or an alias bomb)", path=path, line=line, column=col)
    if len(loc) > MAX_DEPTH:
        raise RulePackError(f"pack nested deeper than {MAX_DEPTH} levels", path=path, line=line, column=col)
    if node.tag not in _PLAIN_TAGS and not node.tag.startswith("tag:yaml.org,2002:timestamp"):
        raise RulePackError(f"YAML tag {node.tag!r} is not allowed in rule packs (plain data only)", path=path, line=line, column=col)
    positions[loc] = (line, col)
    if isinstance(node, MappingNode):
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise RulePackError("YAML merge keys (<<) are not allowed in rule packs", path=path, line=line, column=col)
            key = _to_plain(key_node, (*loc, "<key>"), positions, path, counter)
            if not isinstance(key, (str, int, float, bool)) and key is not None:
                raise RulePackError("mapping keys must be plain scalars", path=path, line=line, column=col)
            if key in out:
                kl = key_node.start_mark
                raise RulePackError(f"duplicate key {key!r}", path=path, line=kl.line + 1, column=kl.column + 1)
            positions[(*loc, key)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            out[key] = _to_plain(value_node, (*loc, key), positions, path, counter)
            positions[(*loc, key)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
        return out
    if isinstance(node, SequenceNode):
        return [_to_plain(item, (*loc, i), positions, path, counter) for i, item in enumerate(node.value)]
    assert isinstance(node, ScalarNode)
    return _scalar(node)


def _scalar(node: Any) -> Any:
    tag = node.tag.rsplit(":", 1)[-1]
    value: str = node.value
    if tag == "bool":
        return value.lower() in {"true", "yes", "on"}
    if tag == "null":
        return None
    if tag == "int":
        try:
            return int(value.replace("_", ""), 0)
        except ValueError:
            return value
    if tag == "float":
        try:
            return float(value.replace("_", ""))
        except ValueError:
            return value
    if node.style == ">":
        # The round-trip composer marks fold points of folded scalars with BEL; the loaded
        # string has none (it already holds the folding space).
        value = value.replace("\a", "")
    return value  # str, and timestamps kept as written


def _pack_error(exc: ValidationError, data: dict[str, Any], positions: Positions, path: str) -> RulePackError:
    # A typo'd key also makes the real key "missing": report the typo first.
    priority = {"extra_forbidden": 0, "union_tag_invalid": 1, "missing": 3}
    err = min(exc.errors(include_url=False), key=lambda e: priority.get(e["type"], 2))
    loc = list(err["loc"])
    yaml_loc: list[Any] = []
    node: Any = data
    field_parts: list[str] = []
    for part in loc:
        if isinstance(node, dict) and part in node:
            node = node[part]
            yaml_loc.append(part)
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
            yaml_loc.append(part)
        else:
            continue  # a union tag ("lexicon") or a model name, not a place in the YAML
        if len(yaml_loc) > 2 or yaml_loc[:1] != ["rules"]:
            field_parts.append(f"[{part}]" if isinstance(part, int) else f".{part}")
    code = None
    if len(yaml_loc) >= 2 and yaml_loc[0] == "rules":
        rule = data["rules"][yaml_loc[1]]
        if isinstance(rule, dict) and isinstance(rule.get("code"), str):
            code = rule["code"]
    if err["type"] == "missing":
        field_parts.append(f".{loc[-1]}")
    pos = positions.get(tuple(yaml_loc)) or positions.get(()) or (1, 1)
    field_name = "".join(field_parts).lstrip(".") or None
    msg = err["msg"]
    if err["type"] == "extra_forbidden":
        msg = "unknown key (not a field of this rule kind)"
    elif err["type"] == "union_tag_invalid":
        msg = f"unknown rule kind {err.get('input')!r}" if "input" in err else msg
    msg = msg.removeprefix("Value error, ")
    more = len(exc.errors()) - 1
    if more:
        msg += f" (and {more} more problem{'s' if more > 1 else ''})"
    return RulePackError(msg, path=path, line=pos[0], column=pos[1], code=code, field=field_name)


def rules_from_mapping(mapping: Sequence[dict[str, Any]], path: str = "<inline>") -> RuleSet:
    """Build a RuleSet from already-parsed rule mappings (used by tests and the API)."""
    from pydantic import ValidationError

    try:
        pack = RulePack.model_validate({"pack": "inline", "rules": list(mapping)})
    except ValidationError as exc:
        raise _pack_error(exc, {"pack": "inline", "rules": list(mapping)}, {}, path) from None
    return RuleSet(tuple(pack.rules))
