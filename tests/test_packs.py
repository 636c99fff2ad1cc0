"""Rule packs: the built-in ones are well formed; broken ones fail with file:line:col and field."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from srclint.errors import RulePackError
from srclint.kinds import KINDS
from srclint.packs import builtin_pack_dir, load_pack, load_rules, parse_pack

GOOD_RULE = """\
pack: desk
rules:
  - code: DSK001
    name: vague-timing
    kind: lexicon
    summary: Flags vague timing.
    rationale: Readers need dates.
    message: "Vague timing '{match}'."
    terms: [recently]
    examples:
      fail: ["It happened recently."]
      pass: ["It happened on May 3."]
"""


def test_builtin_packs_load_and_codes_are_unique(builtin_rules) -> None:
    codes = [r.code for r in builtin_rules]
    assert len(codes) == len(set(codes)) > 0
    for rule in builtin_rules:
        assert re.fullmatch(r"[A-Z]{3}\d{3}", rule.code)
        assert not rule.name.startswith("no-")
        assert rule.summary and rule.rationale and rule.examples.fail and rule.examples.pass_


def test_every_kind_is_used_by_a_builtin_pack(builtin_rules) -> None:
    used = {r.kind for r in builtin_rules}
    declared = {k.model_fields["kind"].annotation.__args__[0] for k in KINDS}
    assert declared <= used, f"kinds without a built-in rule: {declared - used}"


def test_good_pack_parses() -> None:
    pack, info = parse_pack(GOOD_RULE, "desk.yaml")
    assert info.name == "desk" and pack.rules[0].code == "DSK001"


def _error(source: str) -> RulePackError:
    with pytest.raises(RulePackError) as exc:
        parse_pack(source, "desk.yaml")
    return exc.value


def test_yaml_syntax_error_points_at_line() -> None:
    err = _error(GOOD_RULE.replace("terms: [recently]", "terms: [recently"))
    assert err.path == "desk.yaml" and err.line is not None and err.line >= 10
    assert str(err).startswith("desk.yaml:")


def test_unknown_key_names_rule_field_and_position() -> None:
    err = _error(GOOD_RULE.replace("    terms: [recently]", "    terms: [recently]\n    sevrity: error"))
    assert (err.line, err.column, err.code, err.field) == (10, 5, "DSK001", "sevrity")
    assert "unknown key" in str(err)
    assert str(err).startswith("desk.yaml:10:5: DSK001 sevrity:")


def test_bad_regex_is_reported_at_the_field() -> None:
    err = _error(GOOD_RULE.replace("    terms: [recently]", "    patterns: ['(unclosed']"))
    assert err.code == "DSK001" and err.field == "patterns" and err.line == 9
    assert "regular expression" in str(err)


def test_brace_groups_in_terms_are_written_out() -> None:
    src = GOOD_RULE.replace("terms: [recently]", "terms: ['{is|was} {widely|often} regarded as', recently]")
    src = src.replace('fail: ["It happened recently."]', 'fail: ["It happened recently.", "He was often regarded as wise."]')
    pack, _ = parse_pack(src, "desk.yaml")
    assert pack.rules[0].terms == [
        "is widely regarded as", "is often regarded as", "was widely regarded as", "was often regarded as", "recently",
    ]


@pytest.mark.parametrize("term, message", [
    ("{is|was regarded", "without its '}'"),
    ("is} regarded", "'}' without '{'"),
    ("{a{b}}", "do not nest"),
    ("{|}", "empty phrase"),
    ("{a|b|c|d|e|f|g|h|i|j} " * 5, "more than 5000"),
])
def test_bad_brace_groups_are_reported_at_the_field(term: str, message: str) -> None:
    err = _error(GOOD_RULE.replace("terms: [recently]", f"terms: ['{term}']"))
    assert err.code == "DSK001" and err.field == "terms" and message in str(err)


def test_unknown_placeholder_is_rejected() -> None:
    err = _error(GOOD_RULE.replace("Vague timing '{match}'.", "Vague timing '{source}'."))
    assert err.code == "DSK001" and "{source}" in str(err)


def test_wrong_type_and_missing_field() -> None:
    err = _error(GOOD_RULE.replace("terms: [recently]", "terms: recently"))
    assert err.field and err.field.startswith("terms") and err.line == 9
    err = _error(GOOD_RULE.replace("    rationale: Readers need dates.\n", ""))
    assert err.field == "rationale" and err.code == "DSK001"


def test_unknown_kind_and_bad_code() -> None:
    assert "kind" in str(_error(GOOD_RULE.replace("kind: lexicon", "kind: lexicom")))
    err = _error(GOOD_RULE.replace("DSK001", "DSK1"))
    assert err.field == "code"


def test_duplicate_codes_across_packs(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(GOOD_RULE)
    (tmp_path / "b.yaml").write_text(GOOD_RULE.replace("pack: desk", "pack: desk-two"))
    with pytest.raises(RulePackError, match="duplicate rule code"):
        load_rules(tmp_path, builtin=False)


def test_hostile_yaml_is_refused_quickly() -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(9)
    )
    assert "alias bomb" in str(_error("pack: x\n" + bomb))
    assert "not allowed" in str(_error("pack: !!python/object:os.system x\n"))
    assert "nested deeper" in str(_error("pack: x\nrules: " + "[" * 200 + "]" * 200 + "\n"))


def test_missing_pack_file(tmp_path: Path) -> None:
    with pytest.raises(RulePackError, match="no such rule pack"):
        load_pack(tmp_path / "nope.yaml")


def _python(code: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """`code` run in a fresh interpreter (nothing imported or validated yet) with this srclint."""
    from .conftest import ROOT

    env = {**os.environ, "PYTHONPATH": str(ROOT), **env}
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)


def test_importing_the_rule_kinds_imports_no_pydantic() -> None:
    """The kinds and packs are plain classes: pydantic (and its plugin lookup through
    importlib.metadata) is loaded by the first validation, not by importing them."""
    code = "import sys, srclint.packs, srclint.kinds\nprint('pydantic' in sys.modules, 'importlib.metadata' in sys.modules)\n"
    assert _python(code, {}).stdout.split() == ["False", "False"]


_RUN = (
    "import io, sys\n"
    "from srclint.cli import main\n"
    "out, err = io.StringIO(), io.StringIO()\n"
    "code = main([*sys.argv[1:], '--no-cache', '--format', 'json'], out, err)\n"
    "print(code, 'pydantic' in sys.modules, repr(err.getvalue()), len(out.getvalue()))\n"
)


def test_a_run_with_the_pack_cache_warm_never_imports_pydantic(tmp_path: Path) -> None:
    """A cold start validates the packs with pydantic and caches the rules; the next run
    unpickles them and lints without importing pydantic, and reports the same."""
    doc = tmp_path / "a.txt"
    doc.write_text("Officials said the plan may possibly fail, sources say.\n", encoding="utf-8")
    env = {"SRCLINT_CACHE_DIR": str(tmp_path / "cache")}
    cold = _python(_RUN.replace("sys.argv[1:]", repr([str(doc)])), env).stdout.split()
    assert list((tmp_path / "cache" / "packs").glob("*.pickle"))
    warm = _python(_RUN.replace("sys.argv[1:]", repr([str(doc)])), env).stdout.split()
    assert cold[1] == "True" and warm[1] == "False"
    assert cold[0] == warm[0] == "1" and cold[2:] == warm[2:]


def test_a_bad_pack_is_reported_the_same_with_the_builtin_packs_cached(tmp_path: Path) -> None:
    """Any pack the cache does not hold is validated by pydantic, with its usual messages."""
    bad = tmp_path / "desk.yaml"
    bad.write_text(GOOD_RULE.replace("terms: [recently]", "terms: [recently]\n    termz: [lately]"), encoding="utf-8")
    expected = str(_error(bad.read_text(encoding="utf-8")))
    assert expected == "desk.yaml:10:5: DSK001 termz: unknown key (not a field of this rule kind)"
    doc = tmp_path / "a.txt"
    doc.write_text("Nothing here.\n", encoding="utf-8")
    env = {"SRCLINT_CACHE_DIR": str(tmp_path / "cache")}
    _python(_RUN.replace("sys.argv[1:]", repr([str(doc)])), env)  # the built-in packs, cached
    run = _python(_RUN.replace("sys.argv[1:]", repr([str(doc), "--rules", str(bad)])), env).stdout
    assert f"{tmp_path / 'desk.yaml'}{expected.removeprefix('desk.yaml')}" in run
    assert run.split()[:2] == ["2", "True"]


def test_builtin_dir_is_found() -> None:
    assert any(builtin_pack_dir().glob("*.yaml"))


def test_folded_and_literal_strings_load_like_yaml() -> None:
    source = GOOD_RULE.replace("    rationale: Readers need dates.\n", "    rationale: >-\n      Readers need\n      dates to place\n      events.\n")
    pack, _ = parse_pack(source, "desk.yaml")
    assert pack.rules[0].rationale == "Readers need dates to place events."


@pytest.mark.parametrize("seed", range(3))
def test_brace_expansion_matches_a_cartesian_product(seed: int) -> None:
    import itertools
    import random

    from srclint.kinds.lexicon import expand_terms

    rng = random.Random(seed)
    groups = [[f"w{g}{i}" for i in range(rng.randint(1, 4))] for g in range(rng.randint(1, 4))]
    term = " ".join("{" + "|".join(choices) + "}" if len(choices) > 1 else choices[0] for choices in groups)
    assert expand_terms([term]) == [" ".join(words) for words in itertools.product(*groups)]


# Modules a one-file run without the result cache does not need for a plain document: imported
# by the uncommon paths that use them (see `srclint.LazyModule`).
_LAZY = ("regex", "html", "json", "difflib", "string")


def test_a_plain_one_file_run_does_not_import_what_it_does_not_use(tmp_path: Path) -> None:
    """Rules from the pack cache bring their `regex` patterns as compiled code loaded on first
    use: a run in which the literal prefilters rule every one of them out never imports `regex`;
    nor `html` (entities), `json` (the cache), `difflib` (name comparison, repairs) or `string`
    (message templates, parsed when a pack is compiled); and it compiles none of the patterns
    kept for first use (`LazyPattern`): those it uses (the segmenter's) come compiled from the
    pack cache."""
    doc = tmp_path / "a.txt"
    doc.write_text("Nothing here.\n", encoding="utf-8")
    env = {"SRCLINT_CACHE_DIR": str(tmp_path / "cache")}
    run = (
        "import io, sys\n"
        "from srclint.cli import main\n"
        f"code = main([{str(doc)!r}, '--no-config', '--no-cache', '--format', 'concise'], io.StringIO(), io.StringIO())\n"
        f"print(code, [m for m in {_LAZY!r} if m in sys.modules])\n"
        "from srclint.text import _MADE, _READY\n"  # (a used LazyPattern's module holds the pattern itself)
        "print(sorted(p.pattern for p in _MADE if 'search' in vars(p) and (p.pattern, p.flags) not in _READY))\n"
    )
    cold = _python(run, env).stdout.splitlines()
    warm = _python(run, env).stdout.splitlines()
    assert "'regex'" in cold[0]
    assert warm[0].split(" ", 1) == [cold[0].split(" ", 1)[0], "[]"]
    assert warm[1] == "[]"  # no pattern kept for first use was compiled from its source


def test_lazy_patterns_come_compiled_from_the_pack_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A rule set loaded from the pack cache brings the patterns kept for first use
    (`LazyPattern`, the date patterns among them) compiled, equal to compiling their sources
    (each made from its stored code when first used)."""
    import copy
    import pickle

    from srclint import pack_format, text
    from srclint.text import dates, sentences

    monkeypatch.setenv("SRCLINT_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(text, "_READY", {})
    load_rules()  # compiled and stored
    assert text._READY == {}
    load_rules()  # loaded from the cache
    ready = text._READY

    def made(value: re.Pattern[str] | text.LazyPattern) -> text.LazyPattern:  # a module's LazyPattern (once used, the module holds the compiled pattern)
        return next(p for p in text._MADE if p.pattern == value.pattern)

    for lazy in map(made, (dates._RX_MDY, dates._RX_DEICTIC_LOW, sentences._LIST_LINE)):
        assert (lazy.pattern, lazy.flags) in ready
    assert all(isinstance(rx, pack_format.ReOnLoad) and "_rx" not in rx.__dict__ for rx in ready.values())  # made when used
    for (source, flags), rx in ready.items():
        assert rx.pattern == source and rx.flags == re.compile(source, flags).flags
        compiled = rx._compiled()
        assert type(compiled) is re.Pattern and compiled == re.compile(source, flags) and compiled.groupindex == re.compile(source, flags).groupindex
    fresh = text.LazyPattern(made(dates._RX_MDY).pattern, made(dates._RX_MDY).flags)
    assert fresh.search("on Monday, Oct. 27, 2025.").group("y") == "2025"
    assert fresh.search.__self__ is ready[(fresh.pattern, fresh.flags)]._compiled()
    again = pickle.loads(pickle.dumps(ready[(fresh.pattern, fresh.flags)]))
    assert isinstance(again, pack_format.ReOnLoad) and again.search("on Oct. 27, 2025.").group("y") == "2025"
    assert copy.copy(again)._compiled() == fresh.search.__self__


def test_patterns_come_back_from_the_pack_cache_unchanged() -> None:
    """Each `re` pattern, stored as its compiled code, loads equal to the one compiled (equal
    patterns have equal code); each `regex` pattern, loaded on first use, has its pattern's
    source and flags and matches alike."""
    import io
    import pickle

    import regex

    from srclint import pack_format

    found: dict[type, list[object]] = {re.Pattern: [], regex.Pattern: []}

    def walk(obj: object, seen: set[int]) -> None:
        if id(obj) in seen or isinstance(obj, (str, bytes, int, float)):
            return
        seen.add(id(obj))
        if type(obj) in found:
            found[type(obj)].append(obj)
        elif isinstance(obj, dict):
            for v in obj.values():
                walk(v, seen)
        elif isinstance(obj, (list, tuple, set, frozenset)):
            for v in obj:
                walk(v, seen)
        else:
            for v in getattr(obj, "__dict__", {}).values():
                walk(v, seen)
            for slot in getattr(type(obj), "__slots__", ()):
                walk(getattr(obj, slot, None), seen)

    walk(list(load_rules(cache=False)), set())  # compiled now, not loaded from the cache
    assert found[re.Pattern] and found[regex.Pattern]
    patterns = [*found[re.Pattern], *found[regex.Pattern]]
    buf = io.BytesIO()
    pack_format.pickler(buf).dump(patterns)
    loaded = pickle.loads(buf.getvalue())
    text = "Officials said on Monday that analysts, sources and experts may possibly have seen 40 of them."
    for old, new in zip(patterns, loaded, strict=True):
        if isinstance(old, re.Pattern):
            assert type(new) is re.Pattern and new == old and new.groupindex == old.groupindex
        else:
            assert isinstance(new, pack_format.RegexOnLoad)
            assert [m.span() for m in new.finditer(text)] == [m.span() for m in old.finditer(text)]
            assert (new.pattern, new.flags, new.groups) == (old.pattern, old.flags, old.groups)
            assert pickle.loads(pickle.dumps(new)).pattern == old.pattern


def test_rules_come_back_from_the_pack_cache_as_stored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The pack cache restores each rule as stored, its derived tables too, without the
    `__setstate__` hooks that rebuild them (a plain pickle, which other code may have written,
    still rebuilds them); rules that share a cue finder share it once loaded."""
    import pickle

    from srclint.kinds.consistency import ConsistencyRule
    from srclint.kinds.schema import DEFERRED

    monkeypatch.setenv("SRCLINT_CACHE_DIR", str(tmp_path))
    built = load_rules()

    def rebuilt(self: ConsistencyRule) -> None:
        raise AssertionError("rebuilt")

    monkeypatch.setattr(ConsistencyRule, "_build", rebuilt)
    cached = load_rules()
    assert cached is not built and len(cached) == len(built)
    consistency = [rule for rule in cached if isinstance(rule, ConsistencyRule)]
    assert consistency
    with pytest.raises(AssertionError, match="rebuilt"):
        pickle.loads(pickle.dumps(next(rule for rule in load_rules() if isinstance(rule, ConsistencyRule))))
    for old, new in zip(built, cached, strict=True):
        assert type(new) is type(old) and new.__pydantic_private__.keys() - {DEFERRED} == old.__pydantic_private__.keys()
        assert DEFERRED in new.__pydantic_private__ and "examples" not in new.__dict__  # loaded when asked for
        assert new.examples == old.examples and DEFERRED not in new.__pydantic_private__
        assert list(new.__dict__.items()) == list(old.__dict__.items())  # every field, in its place
    for old, new in zip(built, cached, strict=True):
        if isinstance(old, ConsistencyRule):
            for name in ("_labels", "_compared", "_trigger_keys", "_trigger_set", "_trigger_names", "_event_keys", "_events_sig"):
                assert getattr(new, name) == getattr(old, name)
            assert new.lexicon == old.lexicon

    def shared(rules: object) -> dict[str, set[int]]:
        """Cue finders and reported-speech finders by what they hold: each one object."""
        found: dict[str, set[int]] = {}
        for rule in rules:  # type: ignore[attr-defined]
            reported = rule.__pydantic_private__.get("_reported")
            if reported is not None:
                found.setdefault(reported._key, set()).add(id(reported))
            compiled = rule.__pydantic_private__.get("_compiled")
            if compiled is not None:
                finder = compiled.cue_finder
                found.setdefault(repr(sorted(finder._which.items())), set()).add(id(finder))
        return found

    assert shared(built).keys() == shared(cached).keys()
    assert all(len(ids) == 1 for ids in shared(cached).values())
    assert len(shared(cached)) < sum(1 for rule in cached if "_reported" in rule.__pydantic_private__ or "_compiled" in rule.__pydantic_private__)


def test_the_rule_set_loaded_last_is_kept_in_a_cycle(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The pack cache keeps the rule set it loaded last (and only that one) in a list that holds
    itself: a run that freezes the collector before it exits never frees it."""
    from srclint import pack_cache

    monkeypatch.setenv("SRCLINT_CACHE_DIR", str(tmp_path))
    load_rules()  # built and stored
    first = load_rules()
    assert pack_cache._KEPT[0] is pack_cache._KEPT and len(pack_cache._KEPT) == 2 and pack_cache._KEPT[1] is first
    second = load_rules()
    assert second is not first and len(pack_cache._KEPT) == 2 and pack_cache._KEPT[1] is second


def test_fields_kept_pickled_by_the_pack_cache_come_back_for_every_reader(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A rule from the pack cache whose documentation and lists are still pickled answers as the
    rule built from the packs: fields, dump, repr, equality, digest and plain pickles."""
    import pickle

    from srclint.kinds.schema import DEFERRED

    monkeypatch.setenv("SRCLINT_CACHE_DIR", str(tmp_path))
    built = load_rules()
    readers = [
        lambda rule: rule.model_dump(), lambda rule: rule.model_dump(by_alias=True), repr,
        lambda rule: pickle.loads(pickle.dumps(rule)).model_dump(), lambda rule: rule.summary, lambda rule: rule.name,
        lambda rule: [getattr(rule, name) for name in type(rule).__srclint_fields__],
    ]
    for read in readers:
        cached = load_rules()
        for old, new in zip(built, cached, strict=True):
            assert DEFERRED in new.__pydantic_private__
            assert read(new) == read(old)
    cached = load_rules()
    assert cached.digest == built.digest
    assert all(DEFERRED not in rule.__pydantic_private__ for rule in cached)
    assert [rule.model_dump() for rule in cached] == [rule.model_dump() for rule in built]
    one = load_rules()
    with pytest.raises(AttributeError):
        _ = one.rules[0].no_such_field
    assert DEFERRED in one.rules[0].__pydantic_private__  # an unknown name loads nothing
    assert one.rules[0] == one.rules[0] and DEFERRED not in one.rules[0].__pydantic_private__


def test_a_lint_with_rules_from_the_pack_cache_leaves_their_kept_fields_pickled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Linting reads none of the fields the pack cache keeps pickled (else every run would load
    them: see `srclint.pack_format._DEFERRED_FIELDS`)."""
    from srclint import pack_cache
    from srclint.config import Settings
    from srclint.engine import Linter
    from srclint.kinds.schema import DEFERRED

    monkeypatch.setenv("SRCLINT_CACHE_DIR", str(tmp_path / "cache"))
    load_rules()  # built and stored
    monkeypatch.setattr(pack_cache, "_KEPT", [])
    pack_cache._KEPT.append(pack_cache._KEPT)
    (tmp_path / "a.md").write_text(
        "# Talks\n\nAnalysts say the deal may possibly collapse, officials said on Monday, Oct. 27, 2025.\n"
        "Some experts believe the plane landed in Caracas on Oct. 26, according to people familiar with the matter.\n"
    )
    (tmp_path / "b.txt").write_text("The plane landed in Caracas on Oct. 28, Venezuelan officials said. Critics say it is unclear.\n")
    report = Linter(settings=Settings(), jobs=1, cache=False).lint_paths([str(tmp_path / "a.md"), str(tmp_path / "b.txt")])
    assert report.findings
    assert len(pack_cache._KEPT) == 2  # the linter's rules came from the cache
    rules = pack_cache._KEPT[1]
    assert all(DEFERRED in rule.__pydantic_private__ for rule in rules)
