"""The command line: exit codes, formats, subcommands, and one-line errors."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest

from srclint.cli import main

from .conftest import SEEDS


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


def test_seeds_report_and_exit_one() -> None:
    code, out, _ = run("--no-config", str(SEEDS))
    assert code == 1
    assert "004_c853e54e6a554b4a.txt" in out and "^" in out and out.rstrip().splitlines()[-1].startswith("Found ")


def test_json_fields_point_at_the_text() -> None:
    code, out, _ = run("--no-config", "--format", "json", str(SEEDS))
    assert code == 1
    data = json.loads(out)
    assert data["version"] == 1 and data["findings"]
    required = {"code", "name", "severity", "message", "path", "line", "column", "end_line", "end_column",
                "start", "end", "match", "related", "fix", "fingerprint"}  # fmt: skip
    texts = {p.name: p.read_bytes().decode("utf-8", "surrogateescape") for p in SEEDS.iterdir()}
    for f in data["findings"]:
        assert required <= f.keys()
        text = texts[Path(f["path"]).name]
        assert text[f["start"] : f["end"]] == f["match"]
        lines = text.split("\n")
        line = lines[f["line"] - 1]
        if f["line"] == f["end_line"]:
            assert line[f["column"] - 1 : f["end_column"] - 1] == f["match"]
    assert len({f["fingerprint"] for f in data["findings"]}) == len(data["findings"])


def test_concise_and_quiet_and_statistics() -> None:
    _, out, _ = run("--no-config", "--format", "concise", str(SEEDS))
    first = out.splitlines()[0]
    assert first.count(":") >= 3 and "[warning]" in first
    _, quiet, _ = run("--no-config", "-q", "--format", "concise", str(SEEDS))
    assert "Found" not in quiet and quiet.strip()
    _, stats, _ = run("--no-config", "--statistics", str(SEEDS))
    assert "count" in stats and "HDG001" in stats


def test_fail_on_and_exit_zero() -> None:
    # seeds/004 has one error (ENC002 lossy mojibake); without it only warnings remain
    assert run("--no-config", "--fail-on", "error", "--ignore", "ENC", str(SEEDS))[0] == 0
    assert run("--no-config", "--fail-on", "error", str(SEEDS))[0] == 1
    assert run("--no-config", "--exit-zero", str(SEEDS))[0] == 0
    assert run("--no-config", "--select", "SUP", str(SEEDS))[0] == 0


def test_usage_and_config_errors_exit_two_with_one_line(tmp_path: Path) -> None:
    for argv in (["--format", "nope", str(SEEDS)], ["--select", "XYZ", str(SEEDS)], ["--bogus"],
                 ["--config", str(tmp_path / "missing.toml")], ["--rules", str(tmp_path / "none.yaml")]):  # fmt: skip
        code, out, err = run("--no-config", *argv)
        assert code == 2, argv
        assert err.strip() and "Traceback" not in err and len(err.strip().splitlines()) <= 2


def test_broken_pack_exits_two_with_location(tmp_path: Path) -> None:
    pack = tmp_path / "desk.yaml"
    pack.write_text("pack: desk\nrules:\n  - code: DSK001\n    name: x\n    kind: lexicon\n    bogus: 1\n")
    code, _, err = run("--no-config", "--rules", str(pack), str(SEEDS))
    assert code == 2
    assert f"{pack}:6:5: DSK001 bogus:" in err


def test_io_error_exits_two_but_reports_the_rest(tmp_path: Path) -> None:
    shutil.copy(SEEDS / "004_c853e54e6a554b4a.txt", tmp_path / "a.txt")
    code, out, _ = run("--no-config", str(tmp_path), str(tmp_path / "missing.txt"))
    assert code == 2
    assert "a.txt" in out and "missing.txt" in out


def test_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    class FakeStdin:
        buffer = io.BytesIO(b"The plane was reportedly late.")

    monkeypatch.setattr("sys.stdin", FakeStdin)
    code, out, _ = run("--no-config", "--stdin-filename", "story.md", "--format", "concise", "-")
    assert code == 1 and out.startswith("story.md:1:15: HDG001")


def test_rules_rule_and_test_rules() -> None:
    code, out, _ = run("rules", "--no-config")
    assert code == 0 and "HDG001" in out and "SUP001" in out
    code, out, _ = run("rules", "--no-config", "--format", "json")
    assert code == 0 and any(r["code"] == "HDG001" for r in json.loads(out))
    code, out, _ = run("rule", "--no-config", "HDG001")
    assert code == 0 and "Why it matters" in out and "Not flagged" in out
    code, out, err = run("rule", "--no-config", "ZZZ999")
    assert code == 2 and "no rule" in err
    code, out, _ = run("test-rules", "--no-config")
    assert code == 0 and out.rstrip().endswith("0 failed")


def test_test_rules_reports_a_failing_example(tmp_path: Path) -> None:
    pack = tmp_path / "desk.yaml"
    pack.write_text(
        "pack: desk\nrules:\n  - code: DSK001\n    name: vague-timing\n    kind: lexicon\n    summary: s\n"
        "    rationale: r\n    message: m\n    terms: [recently]\n"
        "    examples: {fail: [It happened lately.], pass: [It happened recently.]}\n"
    )
    code, out, _ = run("test-rules", str(pack))
    assert code == 1
    assert "FAIL DSK001-fail-0" in out and "FAIL DSK001-pass-0" in out and "0 passed, 2 failed" in out


def test_rules_page_in_docs_is_current() -> None:
    """docs/rules.md (the page SARIF's helpUri points at) is what `srclint rules --format markdown`
    prints for the built-in packs: regenerate it when a rule changes."""
    from .conftest import ROOT

    code, out, _ = run("rules", "--format", "markdown")
    assert code == 0
    # An example of the invalid-bytes rule holds a lone surrogate (an undecodable byte): the
    # command line writes it as a backslash escape.
    assert (ROOT / "docs" / "rules.md").read_bytes() == out.encode("utf-8", "backslashreplace"), (
        "docs/rules.md is stale: srclint rules --format markdown > docs/rules.md"
    )


def test_help_is_wrapped_to_the_terminal_width(monkeypatch: pytest.MonkeyPatch) -> None:
    """The parser checks its arguments with fixed-width formatters (no terminal query per
    argument); help and usage text still follow the terminal's width."""
    from srclint.cli import _check_parser

    widths = {}
    for columns in (50, 200):
        monkeypatch.setenv("COLUMNS", str(columns))
        text = _check_parser().format_help()
        widths[columns] = max(len(line) for line in text.splitlines())
        assert len(_check_parser().format_usage().splitlines()[0]) <= columns
    assert widths[50] <= 50 < widths[200] <= 200


_TOKENS = [
    "a.txt", "dir", "-", "--", "-q", "--quiet", "--quiet=1", "-w", "--no-cache", "--no-config", "--fix", "--diff",
    "--exit-zero", "--statistics", "--timing", "--no-progress", "--fail-on-stale-baseline", "--no-builtin-rules",
    "--unsafe-fixes", "-f", "--format", "--format=json", "-fjson", "-f=json", "json", "-o", "--output-file", "out.txt",
    "--select", "--select=ATT,HDG001", "ATT, HDG", "", "--extend-select", "--ignore", "TON", "--fail-on", "info",
    "bad", "--fail-on=error", "-j", "-j4", "-j=2", "--jobs", "2", " 3 ", "x", "-1", "--rules", "--rules=r.yaml",
    "--config", "c.toml", "--baseline", "--write-baseline", "--stdin-filename", "--dask", "--form", "-qj1", "-foo bar",
]  # fmt: skip


@pytest.mark.parametrize(
    "argv",
    [
        [], ["a.txt"], ["-q", "a", "b"], ["--format", "json", "-j1", "x"], ["a", "-q", "b"], ["--", "a"],
        ["-", "--stdin-filename", "f.md"], ["--select", "ATT", "--extend-select", "A,B", "--extend-select", "C", "."],
    ],
)  # fmt: skip
def test_quick_check_args_read_what_argparse_reads(argv: list[str]) -> None:
    _same_check_args(argv)


def _same_check_args(argv: list[str]) -> None:
    """`_quick_check_args` gives argparse's namespace, or leaves the line to argparse."""
    from srclint.cli import _check_parser, _quick_check_args, _UsageError

    quick = _quick_check_args(list(argv))
    if quick is None:
        return
    try:
        expected = vars(_check_parser().parse_args(list(argv)))
    except (_UsageError, SystemExit) as exc:
        raise AssertionError(f"{argv}: read as {vars(quick)}, but argparse refuses it") from exc
    assert vars(quick) == expected, argv


def test_quick_check_args_agree_with_argparse_on_any_line() -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    @settings(max_examples=400, deadline=None)
    @given(st.lists(st.sampled_from(_TOKENS), max_size=8))
    def check(argv: list[str]) -> None:
        _same_check_args(argv)

    check()


def test_a_plain_check_run_does_not_import_argparse() -> None:
    import subprocess
    import sys

    from .conftest import ROOT

    code = (
        "import io, sys\n"
        "from srclint.cli import main\n"
        "main(['--no-config', '--no-cache', '-q', '--format', 'concise', '-j1', 'nothing-here.txt'], io.StringIO(), io.StringIO())\n"
        "print('argparse' in sys.modules)\n"
    )
    run = subprocess.run([sys.executable, "-c", code], env={**__import__("os").environ, "PYTHONPATH": str(ROOT)},
                         capture_output=True, text=True, check=True)  # fmt: skip
    assert run.stdout.split() == ["False"]


def test_a_check_run_from_the_command_line_never_loads_inspect(tmp_path: Path) -> None:
    """`entry` leaves inspect (ast, dis, tokenize) and ipaddress to be loaded on first use: the
    dataclasses module imports inspect only to write a docstring for a dataclass without one,
    and none of srclint's lacks one; urllib.parse uses ipaddress for IPv6 hosts only."""
    import os
    import subprocess
    import sys

    from .conftest import ROOT

    doc = tmp_path / "a.txt"
    doc.write_text("Officials said the vote slipped, sources say.\n", encoding="utf-8")
    code = (
        "import sys\n"
        "from srclint.cli import entry\n"
        f"sys.argv = ['srclint', '--no-config', '--no-cache', '-q', '--format', 'concise', {str(doc)!r}]\n"
        "try:\n"
        "    entry()\n"
        "finally:\n"
        "    print([m for m in ('ast', 'dis', 'tokenize') if m in sys.modules], type(sys.modules['inspect']).__name__,\n"
        "          type(sys.modules['ipaddress']).__name__)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SRCLINT_CACHE_DIR": str(tmp_path / "cache")}
    cold = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False)
    assert cold.returncode == 1, cold.stderr  # findings; pydantic, validating the packs, loaded inspect
    warm = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False)  # packs cached
    assert warm.stdout.splitlines()[-1] == "[] _ModuleOnFirstUse _ModuleOnFirstUse", warm.stderr
    assert warm.stdout.splitlines()[:-1] == cold.stdout.splitlines()[:-1]


def test_the_stand_in_for_a_module_loads_it_on_first_use() -> None:
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from srclint.cli import _defer_imports\n"
        "_defer_imports()\n"
        "import inspect\n"
        "assert 'dis' not in sys.modules and type(inspect).__name__ == '_ModuleOnFirstUse'\n"
        "def f(a, b=2): pass\n"
        "print(inspect.signature(f), sys.modules['inspect'] is not inspect, 'dis' in sys.modules)\n"
        "import inspect as again\n"
        "print(again.getsource is inspect.getsource, again.isfunction(f))\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.splitlines() == ["(a, b=2) True True", "True True"]


def test_an_ipv6_url_is_split_with_ipaddress_deferred() -> None:
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from srclint.cli import _defer_imports\n"
        "_defer_imports()\n"
        "from urllib.parse import urlsplit\n"
        "print(urlsplit('http://[::1]:80/x').hostname, type(sys.modules['ipaddress']).__name__)\n"
        "try:\n"
        "    urlsplit('http://[not-an-ip]/')\n"
        "except ValueError as exc:\n"
        "    print('ValueError')\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.splitlines() == ["::1 module", "ValueError"]
