"""Command line: `srclint [check] [PATHS...]`, `srclint rules`, `srclint rule CODE`,
`srclint test-rules [PACK...]`, `srclint schema [--output]`, `srclint server`. `main(argv) -> int` does the work; this
is the only module that prints to the terminal (the language server writes its protocol to standard output). Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage,
configuration, rule-pack or I/O error (one line, no traceback). With --fix, 1 also when a file was
changed; with --diff, 1 when there is a change to show (see `_run_fix`).
"""

from __future__ import annotations

import codecs
import os
import sys
import types
from functools import cache
from importlib import import_module
TYPE_CHECKING = False  # typing itself is not imported: this module is on the replay path

from . import __version__
from .errors import SrclintError

# The rest of srclint (configuration, models, engine) is imported by the functions that use it,
# after `entry` has set the collector's thresholds: those imports make many objects.
if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from typing import Any, BinaryIO, TextIO
    import argparse
    from importlib.machinery import ModuleSpec
    from pathlib import Path

    from .config import Settings
    from .engine import Linter
    from .models import Report, Severity
    from .replay import Planned

__all__ = ["main", "entry"]

SUBCOMMANDS = ("check", "rules", "rule", "test-rules", "schema", "clean", "server", "daemon")
EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _codes(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


# argparse is imported only when a parser is built: the usual check command line is read by
# `_quick_check_args` without it (see there).
@cache
def _parser_class() -> type[argparse.ArgumentParser]:
    import argparse

    class _Parser(argparse.ArgumentParser):
        _for_help = False

        def error(self, message: str) -> None:  # type: ignore[override]
            raise _UsageError(f"{self.prog}: {message}")

        # argparse also makes a formatter for every add_argument call, only to check the metavar, and
        # each asked the terminal for its width (importing shutil for it): a good part of the parser's
        # set-up on every run. Those formatters get a fixed width; help and usage text still get the
        # terminal's.
        def _get_formatter(self) -> argparse.HelpFormatter:
            if self._for_help:
                return super()._get_formatter()
            return self.formatter_class(prog=self.prog, width=80)  # type: ignore[call-arg]

        def format_usage(self) -> str:
            return self._with_terminal_width(super().format_usage)

        def format_help(self) -> str:
            return self._with_terminal_width(super().format_help)

        def _with_terminal_width(self, fmt: Callable[[], str]) -> str:
            self._for_help = True
            try:
                return fmt()
            finally:
                self._for_help = False

    return _Parser


def _Parser(**kwargs: Any) -> argparse.ArgumentParser:  # named as the class it makes a parser of
    return _parser_class()(**kwargs)


class _UsageError(Exception):
    pass


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--config", metavar="FILE", help="use this configuration file instead of searching for one")
    p.add_argument("--no-config", action="store_true", help="ignore configuration files")
    p.add_argument("--rules", metavar="PACK", action="append", default=[], help="extra rule pack (file or folder); repeatable")
    p.add_argument("--no-builtin-rules", action="store_true", help="do not load the built-in packs")


def _check_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="srclint", description="Lint news and editorial text for unreliable sourcing, speculation, tone, "
                "encoding damage and facts that disagree across articles.")
    p.add_argument("paths", nargs="*", default=None, help="files or folders (default: .); '-' reads standard input")
    from .reporters import FORMATS

    p.add_argument(
        "-f", "--format", default=os.environ.get("SRCLINT_FORMAT", "text"),
        help=f"output format (default text; also SRCLINT_FORMAT): {', '.join(sorted(FORMATS))}",
    )  # fmt: skip
    p.add_argument("-o", "--output-file", metavar="FILE", help="write the report here instead of standard output")
    p.add_argument("--select", type=_codes, metavar="CODES", help="only these codes or families (comma-separated), e.g. ATT,HDG001")
    p.add_argument("--extend-select", type=_codes, action="extend", metavar="CODES", help="add codes or families to the selection")
    p.add_argument("--ignore", type=_codes, action="extend", metavar="CODES", help="skip these codes or families")
    p.add_argument("--fail-on", choices=["error", "warning", "info"], help="lowest severity that makes the exit code 1 (default: warning)")
    p.add_argument("--exit-zero", action="store_true", help="exit 0 even when findings are reported")
    p.add_argument("-q", "--quiet", action="store_true", help="print nothing but the findings (no summary)")
    p.add_argument("--statistics", action="store_true", help="print a table of counts per rule instead of the findings")
    p.add_argument("--fix", action="store_true", help="apply safe fixes to the files (exit 1 if any file changed)")
    p.add_argument("--unsafe-fixes", action="store_true", help="with --fix or --diff, also apply unsafe fixes (guesses)")
    p.add_argument("--diff", action="store_true", help="print the fixes as a unified diff without writing (exit 1 if any)")
    p.add_argument("--stdin-filename", metavar="PATH", help="path to report (and pick the format by) when reading '-'")
    p.add_argument("-j", "--jobs", type=int, metavar="N", help="processes checking files (default: number of cores; 1 = this process only)")
    p.add_argument("--timing", action="store_true", help="print time spent per rule, per rule kind and per phase to stderr")
    p.add_argument("-w", "--watch", action="store_true",
                   help="stay running and lint again whenever a file, the configuration or a rule pack changes")
    p.add_argument("--no-cache", action="store_true", help="do not read or write the cache (.srclint_cache/): check every file afresh")
    p.add_argument("--dask", metavar="ADDRESS", help="run on a Dask cluster: a scheduler address (tcp://host:8786), or "
                   "local[:N] for a local cluster of N worker processes (needs the dask extra)")
    p.add_argument("--version", action="version", version=f"srclint {__version__}")
    _common(p)
    _integration_options(p)
    return p


def _integration_options(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("baselines and progress")
    g.add_argument("--baseline", metavar="FILE", help="report only findings not recorded in this baseline file")
    g.add_argument("--write-baseline", metavar="FILE", help="record the current findings in FILE (exit 0) and report nothing")
    g.add_argument("--fail-on-stale-baseline", action="store_true",
                   help="exit 1 when a baseline entry no longer matches anything (default: only report it)")  # fmt: skip
    g.add_argument("--no-progress", action="store_true", help="never draw the progress bar (it is drawn only on a terminal)")


# The check command line as most runs write it, read without argparse: importing argparse and
# building the parser (whose gettext look-ups import locale) took some 6 ms of every run. Only
# exact option names are read here, as `--name value`, `--name=value` or `-xVALUE`, with the paths
# in one run; anything else (abbreviations, bundled flags, a value that starts with "-", "--",
# help, a bad value) returns None and the argparse parser reads the whole line, reporting any
# error. `_check_parser` stays the reference: tests check that both give the same namespace.
_QUICK_FLAGS = {
    "--exit-zero": "exit_zero", "-q": "quiet", "--quiet": "quiet", "--statistics": "statistics", "--fix": "fix",
    "--unsafe-fixes": "unsafe_fixes", "--diff": "diff", "--timing": "timing", "-w": "watch", "--watch": "watch",
    "--no-cache": "no_cache", "--no-config": "no_config", "--no-builtin-rules": "no_builtin_rules",
    "--fail-on-stale-baseline": "fail_on_stale_baseline", "--no-progress": "no_progress",
}  # fmt: skip
_QUICK_VALUES: dict[str, tuple[str, str]] = {  # option: (destination, how its value is read and kept)
    "-f": ("format", "str"), "--format": ("format", "str"), "-o": ("output_file", "str"),
    "--output-file": ("output_file", "str"), "--select": ("select", "codes"), "--extend-select": ("extend_select", "more codes"),
    "--ignore": ("ignore", "more codes"), "--fail-on": ("fail_on", "level"), "--stdin-filename": ("stdin_filename", "str"),
    "-j": ("jobs", "int"), "--jobs": ("jobs", "int"), "--dask": ("dask", "str"), "--config": ("config", "str"),
    "--rules": ("rules", "append"), "--baseline": ("baseline", "str"), "--write-baseline": ("write_baseline", "str"),
}  # fmt: skip


def _quick_check_args(argv: list[str]) -> argparse.Namespace | None:
    """What `_check_parser().parse_args(argv)` gives, for a plain command line; else None."""
    from types import SimpleNamespace

    values: dict[str, Any] = {dest: False for dest in _QUICK_FLAGS.values()}
    values.update({dest: None for dest, _ in _QUICK_VALUES.values()})
    values.update(format=os.environ.get("SRCLINT_FORMAT", "text"), rules=[], paths=[])
    at, paths_ended = 0, False
    while at < len(argv):
        arg = argv[at]
        at += 1
        if arg == "-" or not arg.startswith("-"):
            if paths_ended:
                return None  # paths in two runs: argparse's error
            values["paths"].append(arg)
            continue
        if values["paths"]:
            paths_ended = True
        if arg in _QUICK_FLAGS:
            values[_QUICK_FLAGS[arg]] = True
            continue
        name, value = arg, None
        if arg.startswith("--") and "=" in arg:
            name, _, value = arg.partition("=")
        elif not arg.startswith("--") and arg not in _QUICK_VALUES:
            name, value = arg[:2], arg[2:]  # -j4, -fjson
            if value.startswith("="):
                return None
        spec = _QUICK_VALUES.get(name)
        if spec is None:
            return None
        if value is None:
            if at == len(argv) or argv[at].startswith("-"):
                return None
            value = argv[at]
            at += 1
        dest, how = spec
        if how == "str":
            values[dest] = value
        elif how == "int":
            try:
                values[dest] = int(value)
            except ValueError:
                return None
        elif how == "level":
            if value not in ("error", "warning", "info"):
                return None
            values[dest] = value
        elif how == "codes":
            values[dest] = _codes(value)
        elif how == "more codes":
            values[dest] = [*(values[dest] or []), *_codes(value)]
        else:
            values[dest] = [*values[dest], value]
    return SimpleNamespace(**values)  # type: ignore[return-value]


def main(argv: Sequence[str] | None = None, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    try:
        if argv and argv[0] in SUBCOMMANDS[1:]:
            return _SUB[argv[0]](argv[1:], out, err)
        if argv and argv[0] == "check":
            argv = argv[1:]
        return _run_check(argv, out, err)
    except _UsageError as exc:
        print(str(exc), file=err)
        return EXIT_ERROR
    except SrclintError as exc:
        print(f"srclint: error: {exc}", file=err)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("srclint: interrupted", file=err)
        return 130
    except BrokenPipeError:
        return EXIT_OK


# The cyclic collector runs after every 700 net allocations by default; a lint run allocates
# millions of short-lived, acyclic objects (freed by reference counting anyway) beside a few
# long-lived ones (rules, patterns), so it spent about 7% of a cold run walking them. A larger
# first threshold keeps it collecting, far less often. Set for the command-line process only: the
# Python API leaves the host program's collector alone.
GC_THRESHOLDS = (50_000, 20, 20)


# Standard modules that others import at their top and use only on a path a run seldom takes:
# dataclasses imports inspect (and with it ast, dis and tokenize: some 5 ms) only to write a
# docstring for a dataclass that has none, and srclint's dataclasses all have one; urllib.parse,
# which pathlib imports, uses ipaddress (1 ms) only to check an IPv6 host in brackets; copy
# (with weakref, some 1 ms) only to copy field values in `asdict`, `astuple` and `replace`.
_DEFERRED = ("inspect", "ipaddress", "copy")


def _defer_imports() -> None:
    """Make the `_DEFERRED` modules load on first use: until then sys.modules holds a stand-in
    that imports the module when any attribute of it is asked for, so whatever does use one gets
    it as usual. (importlib's LazyLoader would not do: importing a module asks for its
    `__spec__`, which loads it.) For the command-line process only, like the collector's
    thresholds. The stand-in's spec names the module only: finding the module's file, a search
    of the path for each, is left to its loading too (these are modules of the standard library)."""
    from importlib.machinery import ModuleSpec

    for name in _DEFERRED:
        if name not in sys.modules:
            sys.modules[name] = _ModuleOnFirstUse(name, ModuleSpec(name, None))


class _ModuleOnFirstUse(types.ModuleType):
    def __init__(self, name: str, spec: ModuleSpec) -> None:
        super().__init__(name)
        self.__spec__ = spec  # what the import statement looks at (is it being loaded?): loads nothing

    def __getattr__(self, attr: str) -> Any:  # any attribute not set: the module's own
        name = self.__name__
        if sys.modules.get(name) is self:
            del sys.modules[name]
        module = import_module(name)
        self.__dict__.update(module.__dict__)  # for those that imported the stand-in
        return getattr(module, attr)


def entry() -> None:
    """Console-script entry point."""
    import gc

    argv = sys.argv[1:]
    if os.name == "posix" and not os.environ.get("SRCLINT_NO_DAEMON"):
        from .daemon import delegate

        if (code := delegate(argv)) is not None:  # a check run done by `srclint daemon`
            sys.stderr.flush()
            os._exit(code)  # nothing to clean up: this process only waited
    gc.set_threshold(*GC_THRESHOLDS)
    _defer_imports()
    code = run_command_line(argv)
    # On the way out Python collects every reference cycle left (each class and module function
    # is in one): several milliseconds of a short run, spent only to free memory the process is
    # about to give back. Frozen objects are left alone. srclint leaves nothing in a cycle that
    # needs finalising: it closes its files and caches, and the standard streams are flushed.
    gc.freeze()
    sys.exit(code)


def run_command_line(argv: list[str]) -> int:
    """`main` as the console script runs it (here or in a run of `srclint daemon`): undecodable
    text on the standard streams never crashes the output, and an unexpected error is still one
    line and exit 2."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    try:
        return main(argv)
    except Exception as exc:  # last resort: still one line, still exit 2
        if os.environ.get("SRCLINT_DEBUG"):
            raise
        print(f"srclint: internal error: {exc!r} (set SRCLINT_DEBUG=1 for a traceback)", file=sys.stderr)
        return EXIT_ERROR


def _settings(args: argparse.Namespace) -> Settings:
    return _settings_and_path(args)[0]


def _settings_and_path(args: argparse.Namespace) -> tuple[Settings, Path | None]:
    """The run's settings (configuration file, then command-line overrides) and the
    configuration file they came from, if any."""
    from .config import load_settings

    settings, path = load_settings(args.config, use_config=not args.no_config)
    overrides: dict[str, object] = {
        "select": args.__dict__.get("select"),
        "fail_on": args.__dict__.get("fail_on"),
    }
    if args.__dict__.get("extend_select"):
        overrides["extend_select"] = [*settings.extend_select, *args.extend_select]
    if args.__dict__.get("ignore"):
        overrides["ignore"] = [*settings.ignore, *args.ignore]
    if args.rules:
        overrides["rules"] = [*settings.rules, *args.rules]
    if args.no_builtin_rules:
        overrides["builtin_rules"] = False
    return settings.merged(**overrides), path


def _run_check(argv: list[str], out: TextIO, err: TextIO) -> int:
    from .reporters import FORMATS

    args = _quick_check_args(argv) or _check_parser().parse_args(argv)
    if args.format not in FORMATS:
        raise _UsageError(f"srclint: unknown format {args.format!r} (choose from {', '.join(sorted(FORMATS))})")
    if args.jobs is not None and args.jobs < 1:
        raise _UsageError("srclint: --jobs must be at least 1")
    if args.watch:
        return _run_watch(args, out, err)
    settings = _settings(args)
    plan: list[Planned] = []
    if (code := _replayed_check(args, settings, out, err, plan)) is not None:
        return code
    from .engine import Linter, default_jobs

    linter = Linter(
        settings=settings, jobs=args.jobs or default_jobs(), timing=args.timing, cache=not args.no_cache, planned=plan[0] if plan else None
    )  # fmt: skip
    paths = args.paths or (linter.corpus_paths() if settings.corpus else ["."])
    if args.dask and (args.fix or args.diff or paths == ["-"]):
        raise _UsageError("srclint: --dask lints files; it does not read standard input or apply fixes")
    if args.fix or args.diff:
        if paths == ["-"]:
            raise _UsageError("srclint: --fix and --diff work on files, not standard input")
        return _run_fix(linter, paths, args, settings, out, err)
    if paths == ["-"]:
        name = args.stdin_filename or "<stdin>"
        data = sys.stdin.buffer.read()
        from .formats import decode_bytes

        report = linter.lint_text(decode_bytes(data)[0], name)
    elif args.dask:
        from .distributed import lint_dask

        report = lint_dask(paths, client=args.dask, linter=linter)
    elif args.baseline or args.write_baseline or args.statistics or args.timing:
        report = _lint_with_progress(linter, paths, err, enabled=not args.no_progress)
    else:
        return _check_output(linter, paths, args, settings, out, err, plan[0] if plan else None)
    return _present(report, linter, args, settings, out, err)


def _replayed_check(
    args: argparse.Namespace, settings: Settings, out: TextIO, err: TextIO, plan: list[Planned] | None = None
) -> int | None:
    """`_check_output` for a run the linter would replay (see `srclint.replay`): the kept output
    printed, and the exit code, without importing the engine. None when the run is not one the
    linter replays: then nothing was printed (and what was found on the way is appended to
    `plan`, for the linter)."""
    if (
        args.no_cache or args.dask or args.fix or args.diff or args.baseline or args.write_baseline
        or args.statistics or args.timing or settings.corpus or args.paths == ["-"]
    ):  # fmt: skip
        return None  # what `_run_check` does in other ways, or a plan that needs the rules
    from .progress import progress_for
    from .replay import replayed_output

    bar = progress_for(err, not args.no_progress)
    try:
        held = replayed_output(settings, args.paths or ["."], _variant(args), progress=bar, raw=True, plan=plan)
    finally:
        if bar is not None:
            bar.close()
    if held is None:
        return None
    text, worst = held
    _emit(text, args.output_file, out)
    return _replayed_exit(worst, settings, args)


def _variant(args: argparse.Namespace) -> str:
    """The name of the output's format and options, under which the linter keeps it."""
    return f"{args.format}:{'quiet' if args.quiet else 'all'}"


def _check_output(
    linter: Linter, paths: list[str], args: argparse.Namespace, settings: Settings, out: TextIO, err: TextIO,
    planned: Planned | None = None,
) -> int:
    """`_present` for a check run that prints the findings and nothing else: the linter keeps the
    output with the run's Report, so a run it replays prints it again without formatting it.
    `planned` is what the replay check found (`srclint.replay.Planned`), for the linter to reuse."""
    from .progress import progress_for

    made: list[Report] = []

    def render(report: Report) -> str:
        made.append(report)
        return _output_text(report, linter, args)

    from .reporters import BLOCK_FORMATS

    blocks = None
    if linter.use_cache and args.format in BLOCK_FORMATS:
        from .reporters.blocks import BlockOutput

        # The formats made of a block per file are kept in blocks: after an edit, the kept output
        # is spliced rather than made again (see srclint.reporters.blocks).
        blocks = BlockOutput(args.format, args.quiet)
    bar = progress_for(err, not args.no_progress)
    try:
        text, worst = linter.lint_paths_rendered(paths, render, _variant(args), progress=bar, raw=True, planned=planned, blocks=blocks)
    finally:
        if bar is not None:
            bar.close()
    _emit(text, args.output_file, out)
    if made:
        return exit_code(made[0], settings.fail_level, args.exit_zero)
    return _replayed_exit(worst, settings, args)


def _replayed_exit(worst: Severity | None, settings: Settings, args: argparse.Namespace) -> int:
    """The exit code of a replayed output, from the highest severity in it: its Report had no
    file or rule errors (such runs are not kept)."""
    return EXIT_FINDINGS if not args.exit_zero and worst is not None and worst >= settings.fail_level else EXIT_OK


def _present(report: Report, linter: Linter, args: argparse.Namespace, settings: Settings, out: TextIO, err: TextIO) -> int:
    """Baseline, output and exit code of a check run (shared by one-shot and watch mode)."""

    if args.write_baseline:
        return _write_baseline(report, args.write_baseline, err)
    stale_fails = False
    if args.baseline:
        from .baseline import apply_baseline, load_baseline, stale_entries

        report = apply_baseline(report, load_baseline(args.baseline))
        stale = stale_entries(report)
        if stale and args.format not in {"text", "full", "concise", "grouped"}:  # human formats list them already
            print(f"srclint: {len(stale)} stale baseline entr{'y' if len(stale) == 1 else 'ies'} in {args.baseline} "
                  "(write the baseline again to prune)", file=err)  # fmt: skip
        stale_fails = bool(stale) and args.fail_on_stale_baseline
    text = statistics_table(report, linter) if args.statistics else _output_text(report, linter, args)
    _emit(text, args.output_file, out)
    if args.timing:
        err.write(timing_table(report, linter))
    code = exit_code(report, settings.fail_level, args.exit_zero)
    return EXIT_FINDINGS if stale_fails and code == EXIT_OK else code


def _output_text(report: Report, linter: Linter, args: argparse.Namespace) -> str:
    """The report in the chosen format (with --quiet, the human formats without the summary)."""
    from .reporters import RULE_FORMATS, render

    text = render(report, args.format, linter.all_rules if args.format in RULE_FORMATS else None)
    if args.quiet and args.format in {"text", "full", "concise"}:
        from .reporters.text import quiet_text

        text = quiet_text(text)
    return text


def _run_watch(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """--watch: lint, print, then lint again whenever a file of the run, the configuration file
    or an extra rule pack changes, until interrupted (exit 0). A broken configuration or pack
    met on the way is reported and waited out, not fatal; it is fatal on the first run."""
    import time

    from .engine import Linter, default_jobs
    from .watch import Stamp, Watcher, stamps

    clashes = [flag for flag, on in (("--fix", args.fix), ("--diff", args.diff), ("--dask", args.dask),
               ("--write-baseline", args.write_baseline), ("--timing", args.timing)) if on]  # fmt: skip
    if clashes:
        raise _UsageError(f"srclint: --watch cannot be combined with {', '.join(clashes)}")
    if args.paths == ["-"]:
        raise _UsageError("srclint: --watch works on files, not standard input")

    def build() -> tuple[Linter, Settings, list[str], list[str]]:
        settings, config_path = _settings_and_path(args)
        linter = Linter(settings=settings, jobs=args.jobs or default_jobs(), cache=not args.no_cache)
        paths = args.paths or (linter.corpus_paths() if settings.corpus else ["."])
        from .pack_cache import pack_paths

        watched = [str(p) for p in pack_paths(tuple(settings.rules), builtin=False)]
        if config_path is not None:
            watched.append(str(config_path))
        return linter, settings, paths, watched

    linter, settings, paths, watched = build()  # errors here end the command, as without --watch

    def scan() -> dict[str, Stamp]:
        try:
            files, extra, _ = linter.plan(paths)
        except SrclintError:
            files, extra = [], []
        return stamps([*watched, *(f.path for f in files), *(f.path for f in extra)])

    watcher = Watcher(scan)
    clear = out.isatty() and not args.output_file
    state = scan()
    changed: list[str] = []
    first = True
    try:
        while True:
            if not first and clear:
                out.write("\x1b[2J\x1b[H")
            linter.reset_timeouts()
            t0 = time.perf_counter()
            report = _lint_with_progress(linter, paths, err, enabled=first and not args.no_progress)
            took = time.perf_counter() - t0
            _present(report, linter, args, settings, out, err)
            what = f"{len(changed)} file{'s' if len(changed) != 1 else ''} changed; " if changed else ""
            print(f"[{time.strftime('%H:%M:%S')}] {what}checked {len(report.files):,} file"
                  f"{'s' if len(report.files) != 1 else ''} in {took:.2f} s. Watching for changes (Ctrl-C to stop).",
                  file=err, flush=True)  # fmt: skip
            first = False
            try:
                _ = linter.rules  # load the rule machinery now, not when the first edit comes
            except SrclintError:
                pass
            while True:
                state, changed = watcher.wait(state)
                if not any(p in watched for p in changed):
                    break
                try:
                    linter, settings, paths, watched = build()
                    break
                except SrclintError as exc:  # reported; the next change to the file is awaited
                    print(f"srclint: error: {exc}", file=err, flush=True)
    except KeyboardInterrupt:
        print("srclint: stopped watching", file=err)
        return EXIT_OK


def _lint_with_progress(linter: object, paths: list[str], err: TextIO, *, enabled: bool) -> Report:
    from .progress import progress_for

    bar = progress_for(err, enabled)
    try:
        return linter.lint_paths(paths, progress=bar)  # type: ignore[attr-defined]
    finally:
        if bar is not None:
            bar.close()


def _write_baseline(report: Report, path: str, err: TextIO) -> int:
    from .baseline import write_baseline

    count = write_baseline(report, path)
    print(f"srclint: wrote {count} baseline entr{'y' if count == 1 else 'ies'} to {path}", file=err)
    return EXIT_ERROR if any(e.kind in {"io", "rule"} for e in report.errors) else EXIT_OK


def _run_fix(linter: object, paths: list[str], args: argparse.Namespace, settings: Settings, out: TextIO, err: TextIO) -> int:
    """--fix / --diff. Exit codes: --diff 1 when there is something to change; --fix 1 when a file was
    changed (so a pre-commit hook fails and the user re-stages, like Ruff's --exit-non-zero-on-fix)
    or when findings remain at --fail-on; 2 when a file could not be fixed or read."""
    from .fix import fix_paths
    from .reporters import render

    run = fix_paths(linter, paths, unsafe=args.unsafe_fixes, write=not args.diff)  # type: ignore[arg-type]
    machine = args.format not in {"text", "full", "concise"}
    notes = err if machine or args.diff else out
    for failure in run.failures:
        print(f"{failure.path}: error: {failure.detail}", file=err)
    if args.diff:
        _emit("".join(o.diff for o in run.outcomes if o.status == "would-fix"), args.output_file, out)
        n, files = run.fixed, len(run.changed_files)
        print(f"Would fix {n} problem{'s' if n != 1 else ''} in {files} file{'s' if files != 1 else ''}.", file=notes)
        if run.failures:
            return EXIT_ERROR
        return EXIT_FINDINGS if files else EXIT_OK
    text = render(run.report, args.format, linter.all_rules)  # type: ignore[attr-defined]
    if args.quiet and not machine:
        text = "".join(line + "\n" for line in text.splitlines() if line and not line.startswith("Found "))
    _emit(text, args.output_file, out)
    n, files = run.fixed, len(run.changed_files)
    if n or not args.quiet:
        print(f"Fixed {n} problem{'s' if n != 1 else ''} in {files} file{'s' if files != 1 else ''}"
              + (f"; {run.deferred} overlapping fix(es) left for another run" if run.deferred else "")
              + ("." if args.unsafe_fixes or not _has_unsafe(run.report) else
                 " (more with --unsafe-fixes)."), file=notes)
    if run.failures:
        return EXIT_ERROR
    code = exit_code(run.report, settings.fail_level, args.exit_zero)
    return EXIT_FINDINGS if files and code == EXIT_OK else code


def _has_unsafe(report: Report) -> bool:
    return any(f.fix is not None and str(f.fix.applicability) == "unsafe" for f in report.findings)


def timing_table(report: Report, linter: object) -> str:
    """Seconds per rule, per kind and per phase (summed over worker processes)."""
    from tabulate import tabulate

    rules = getattr(linter, "all_rules")
    total = sum(report.timings.values()) or 1.0
    by_kind: dict[str, float] = {}
    rows = []
    for key, secs in sorted(report.timings.items(), key=lambda kv: -kv[1]):
        rule = rules.get(key)
        kind = rule.kind if rule is not None else "(engine)"
        by_kind[kind] = by_kind.get(kind, 0.0) + secs
        rows.append([key, rule.name if rule is not None else "", kind, f"{secs:.3f}", f"{100 * secs / total:.1f}%"])
    kinds = [[k, f"{v:.3f}", f"{100 * v / total:.1f}%"] for k, v in sorted(by_kind.items(), key=lambda kv: -kv[1])]
    return (
        tabulate(rows, headers=["rule", "name", "kind", "seconds", "share"], tablefmt="simple")
        + "\n\n"
        + tabulate(kinds, headers=["kind", "seconds", "share"], tablefmt="simple")
        + "\n"
    )


def exit_code(report: Report, fail_level: Severity, exit_zero: bool = False) -> int:
    if any(e.kind in {"io", "rule"} for e in report.errors):
        return EXIT_ERROR
    if exit_zero:
        return EXIT_OK
    return EXIT_FINDINGS if report.at_or_above(fail_level) else EXIT_OK


def _emit(text: str | bytes, output_file: str | None, out: TextIO) -> None:
    """Write the output to the file named, else to `out`. Bytes (a replayed output, UTF-8 with any
    lone surrogate as "surrogatepass" encodes it) are copied as they are where that writes what
    their text would: with no lone surrogate in them (text writes it backslash-escaped), no
    newline translation, and to a file or a stream that encodes as UTF-8. Else they are
    decoded and written as text. (Encoding a large output again took a good part of a run
    that replays it.)"""
    if isinstance(text, bytes):
        buffer = _utf8_buffer(out) if not output_file else None
        if os.linesep == "\n" and (output_file or buffer is not None) and not _has_surrogate(text):
            if output_file:
                # Imported here: pathlib imports re, which a replayed run printing its output needs not.
                from pathlib import Path

                Path(output_file).write_bytes(text)
            else:
                out.flush()
                buffer.write(text)  # type: ignore[union-attr]
                buffer.flush()  # type: ignore[union-attr]
            return
        text = text.decode("utf-8", "surrogatepass")
    if output_file:
        from pathlib import Path

        Path(output_file).write_text(text, encoding="utf-8", errors="backslashreplace")
    else:
        out.write(text)
        out.flush()


def _utf8_buffer(out: TextIO) -> BinaryIO | None:
    """The byte stream under a text stream that writes UTF-8 (as sys.stdout does), else None."""
    buffer = getattr(out, "buffer", None)
    encoding = getattr(out, "encoding", None)
    if buffer is None or not isinstance(encoding, str):
        return None
    try:
        return buffer if codecs.lookup(encoding).name == "utf-8" else None
    except LookupError:
        return None


def _has_surrogate(data: bytes) -> bool:
    """Whether UTF-8 bytes hold an encoded lone surrogate (ED A0..ED BF: never valid UTF-8)."""
    at = data.find(b"\xed")
    while at >= 0:
        if at + 1 < len(data) and 0xA0 <= data[at + 1] <= 0xBF:
            return True
        at = data.find(b"\xed", at + 1)
    return False


def statistics_table(report: Report, linter: object) -> str:
    from .reporters.text import summary_table

    return summary_table(report) + f"\n\n{len(report.findings)} findings in {len(report.files)} files.\n"


# -- subcommands ---------------------------------------------------------------------------


def _load_for_listing(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from .packs import load_rules

    settings = _settings(args)
    return load_rules(*settings.rules, builtin=settings.builtin_rules)


def _cmd_rules(argv: list[str], out: TextIO, err: TextIO) -> int:
    from tabulate import tabulate

    p = _Parser(prog="srclint rules", description="List the rules of the built-in and configured packs.")
    p.add_argument("--format", choices=["table", "json", "markdown"], default="table")
    _common(p)
    args = p.parse_args(argv)
    rules = _load_for_listing(args)
    if args.format == "markdown":  # the rules page SARIF's helpUri links to (docs/rules.md)
        from .reporters.sarif import rule_markdown

        sections = [f'<a id="{r.code.lower()}"></a>\n\n### {r.code} {r.name}\n\n{rule_markdown(r)}\n' for r in rules]
        out.write("# srclint rules\n\nGenerated by `srclint rules --format markdown`.\n\n" + "\n".join(sections))
        return EXIT_OK
    if args.format == "json":
        import json

        data = [
            {"code": r.code, "name": r.name, "kind": r.kind, "severity": r.severity, "enabled": r.enabled, "summary": r.summary}
            for r in rules
        ]
        out.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
        return EXIT_OK
    rows = [[r.code, r.name, r.kind, r.severity, "" if r.enabled else "off", r.summary] for r in rules]
    out.write(tabulate(rows, headers=["code", "name", "kind", "severity", "default", "summary"], tablefmt="simple") + "\n")
    return EXIT_OK


def _cmd_rule(argv: list[str], out: TextIO, err: TextIO) -> int:
    p = _Parser(prog="srclint rule", description="Explain one rule: what it flags, why, and examples.")
    p.add_argument("code")
    _common(p)
    args = p.parse_args(argv)
    rules = _load_for_listing(args)
    wanted = args.code.upper()
    rule = rules.get(wanted) or next((r for r in rules if r.name == args.code), None)
    if rule is None:
        print(f"srclint: error: no rule {args.code!r} (see `srclint rules`)", file=err)
        return EXIT_ERROR
    pack = ""
    lines = [
        f"{rule.code} {rule.name}",
        "",
        f"Kind: {rule.kind}    Severity: {rule.severity}    Scope: {', '.join(rule.scope)}"
        + ("" if rule.enabled else "    (off by default: select it to run it)")
        + pack,
        "",
        "What it does",
        f"  {rule.summary}",
        "",
        "Why it matters",
        f"  {rule.rationale}",
        "",
        "Flagged",
        *(f"  - {_example_text(e)}" for e in rule.examples.fail),
        "",
        "Not flagged",
        *(f"  - {_example_text(e)}" for e in rule.examples.pass_),
    ]
    if rule.references:
        lines += ["", "References", *(f"  - {r}" for r in rule.references)]
    out.write("\n".join(lines) + "\n")
    return EXIT_OK


def _example_text(example: object) -> str:
    if isinstance(example, str):
        return example
    text = getattr(example, "text", None)
    if text is not None:
        return text
    docs = getattr(example, "docs", {})
    return " | ".join(f"{k}: {v}" for k, v in docs.items())


def _cmd_test_rules(argv: list[str], out: TextIO, err: TextIO) -> int:
    from .packs import load_rules
    from .testing import run_examples

    p = _Parser(prog="srclint test-rules", description="Run every rule's fail/pass examples and report failures.")
    p.add_argument("packs", nargs="*", help="packs to test (default: the built-in packs and configured ones)")
    p.add_argument("-v", "--verbose", action="store_true", help="list every example, not only failures")
    _common(p)
    args = p.parse_args(argv)
    if args.packs:
        rules = load_rules(*args.packs, builtin=False)
    else:
        rules = _load_for_listing(args)
    failed = total = 0
    for result in run_examples(rules):
        total += 1
        if not result.ok:
            failed += 1
        if not result.ok or args.verbose:
            status = "ok  " if result.ok else "FAIL"
            out.write(f"{status} {result.id}: {result.detail}\n       {result.text[:200]!r}\n")
    out.write(f"{total - failed} passed, {failed} failed\n")
    return EXIT_FINDINGS if failed else EXIT_OK


def _cmd_schema(argv: list[str], out: TextIO, err: TextIO) -> int:
    import json

    from .api import pack_schema
    from .reporters.json_schema import output_schema

    p = _Parser(prog="srclint schema", description="Print the JSON Schema of a rule pack (for editors), "
                "or with --output of the JSON output format.")  # fmt: skip
    p.add_argument("--output", action="store_true", help="the schema of `--format json` output instead")
    args = p.parse_args(argv)
    schema = output_schema() if args.output else pack_schema()
    out.write(json.dumps(schema, indent=2, ensure_ascii=False) + "\n")
    return EXIT_OK


def _cmd_clean(argv: list[str], out: TextIO, err: TextIO) -> int:
    from pathlib import Path

    from .cache import clear
    from .config import load_settings

    p = _Parser(prog="srclint clean", description="Remove the cache folder's srclint files (results, claims, run).")
    p.add_argument("--config", metavar="FILE")
    p.add_argument("--no-config", action="store_true")
    args = p.parse_args(argv)
    settings, _ = load_settings(args.config, use_config=not args.no_config)
    folder = Path(settings.root or ".") / settings.cache_dir
    removed = clear(folder)
    out.write(f"Removed {len(removed)} cache file{'s' if len(removed) != 1 else ''} from {folder}.\n")
    return EXIT_OK


def _cmd_server(argv: list[str], out: TextIO, err: TextIO) -> int:
    p = _Parser(prog="srclint server", description="Run a Language Server Protocol server on standard input and "
                "output, so editors show srclint's findings as you type and offer its fixes.")  # fmt: skip
    p.add_argument("--config", metavar="FILE", help="use this configuration file for every document instead of "
                   "the nearest one above each document")  # fmt: skip
    p.add_argument("--no-config", action="store_true", help="ignore configuration files")
    args = p.parse_args(argv)
    if args.config is not None:
        from .config import load_settings

        load_settings(args.config)  # a bad file is a usage error now, not a message per document
    from .server import serve_stdio

    return serve_stdio(config=args.config, use_config=not args.no_config)


def _cmd_daemon(argv: list[str], out: TextIO, err: TextIO) -> int:
    from argparse import SUPPRESS

    from . import daemon

    p = _Parser(prog="srclint daemon", description="Keep srclint loaded in a background process: while it runs, "
                "check runs of this install are done by it (same output, same exit code), without the start-up. "
                "Unix only. SRCLINT_NO_DAEMON=1 makes a run skip it.")  # fmt: skip
    p.add_argument("action", choices=["start", "stop", "status", "run"], help="start it in the background, stop it, "
                   "show whether it runs, or run it in the foreground (for a service manager)")  # fmt: skip
    p.add_argument("--idle-timeout", type=float, metavar="SECONDS", default=daemon.IDLE_TIMEOUT,
                   help=f"exit after this long without a run (default {daemon.IDLE_TIMEOUT:g})")  # fmt: skip
    p.add_argument("--socket", metavar="PATH", help="the socket to use (default: SRCLINT_DAEMON_SOCKET, else one "
                   "per install in $XDG_RUNTIME_DIR/srclint or /tmp/srclint-<uid>)")  # fmt: skip
    p.add_argument("--ready", action="store_true", help=SUPPRESS)  # `start` waits for its line
    args = p.parse_args(argv)
    if os.name != "posix":
        raise _UsageError("srclint daemon: needs a Unix system (fork and descriptor passing)")
    if args.idle_timeout <= 0:
        raise _UsageError("srclint daemon: --idle-timeout must be positive")
    path = os.path.abspath(args.socket or daemon.socket_path())
    try:
        if args.action == "start":
            if (info := daemon.status(path)) is not None:
                out.write(f"srclint daemon: already running (pid {info['pid']}, socket {path})\n")
                return EXIT_OK
            pid, _ = daemon.start(args.idle_timeout, path)
            out.write(f"srclint daemon: started (pid {pid}, socket {path}); check runs now go through it\n")
        elif args.action == "stop":
            stopped = daemon.stop(path)
            out.write("srclint daemon: not running\n" if stopped is None else f"srclint daemon: stopped (pid {stopped})\n")
        elif args.action == "status":
            if (info := daemon.status(path)) is None:
                out.write("srclint daemon: not running\n")
                return EXIT_FINDINGS
            import time

            up = time.time() - info["started"]
            out.write(
                f"srclint daemon: running (pid {info['pid']}, socket {path})\n"
                f"  up {up:.0f} s, {info['runs']} run{'s' if info['runs'] != 1 else ''} served, {info['running']} running now, "
                f"exits after {info['idle_timeout']:g} s without a run\n"
            )  # fmt: skip
        else:
            return daemon.serve(path, args.idle_timeout, ready=sys.stdout.buffer if args.ready else None)
    except daemon.DaemonError as exc:
        raise SrclintError(f"daemon: {exc}") from None
    except KeyboardInterrupt:
        return EXIT_OK
    return EXIT_OK


_SUB = {
    "rules": _cmd_rules,
    "rule": _cmd_rule,
    "test-rules": _cmd_test_rules,
    "schema": _cmd_schema,
    "clean": _cmd_clean,
    "server": _cmd_server,
    "daemon": _cmd_daemon,
}
