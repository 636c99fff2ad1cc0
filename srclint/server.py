"""`srclint server`: a Language Server Protocol (3.17) server over standard input and output.

An editor starts one process per workspace and sends it every keystroke's buffer; the process
keeps a Linter per configuration file, so rules are loaded once and an edit is re-linted in tens of
milliseconds. What it does:

* Markdown and plain-text buffers are linted on open, change and save, and the findings are
  published as diagnostics (suppressed findings are left out, as on the command line).
* Code actions: each fix of a finding under the cursor, and "fix all safe problems" as one edit.
* Settings come from the nearest configuration file above the document, as `srclint check`
  would find it from that folder; a file whose configuration changed on disk is linted with a
  fresh Linter.

Framing, JSON-RPC and position conversion are done here with the standard library. Only protocol
messages go to standard output; problems go to standard error and `window/logMessage`.
"""

from __future__ import annotations

import json
import os
import queue
import re
import sys
import threading
from bisect import bisect_right
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any
from urllib.parse import unquote, urlparse
from urllib.request import url2pathname

from . import __version__
from .errors import SrclintError
from .models import Applicability, Finding, Fix, Report, Severity
from .watch import Stamp, stamps

__all__ = ["FrameReader", "FramingError", "Incoming", "LineIndex", "Server", "run", "serve", "serve_stdio", "write_message"]

JSON = Any  # a decoded JSON value; the protocol's shapes are checked where they are used

PARSE_ERROR, INVALID_REQUEST, METHOD_NOT_FOUND, INTERNAL_ERROR = -32700, -32600, -32601, -32603
SERVER_NOT_INITIALIZED = -32002
SYNC_FULL = 1
LOG_ERROR, LOG_WARNING = 1, 2
FIX_ALL_KIND = "source.fixAll.srclint"
_SEVERITIES = {Severity.ERROR: 1, Severity.WARNING: 2, Severity.INFO: 3}
_LANGUAGES = {"markdown": "markdown", "plaintext": "text", "text": "text"}
_EXTENSIONS = {".md": "markdown", ".markdown": "markdown", ".txt": "text"}
_NEWLINE = re.compile(r"\r\n|\r|\n")  # the three line ends LSP counts
MAX_FIX_PASSES = 10


# -- framing -------------------------------------------------------------------------------------


class FramingError(Exception):
    """A header block without a usable Content-Length: the stream cannot be resynchronised."""


class FrameReader:
    """Splits a byte stream into message bodies (`Content-Length: N`, a blank line, N bytes).

    It reads through a plain `read(n)` function rather than a buffered file object: for standard
    input that is `os.read` on the descriptor, which holds no Python lock while it waits, so a
    reader thread still blocked in it cannot stop the interpreter from exiting after `exit`."""

    CHUNK = 65536

    def __init__(self, read: Callable[[int], bytes]) -> None:
        self._read = read
        self._buffer = bytearray()

    def _fill(self) -> bool:
        chunk = self._read(self.CHUNK)
        self._buffer += chunk
        return bool(chunk)

    def next(self) -> bytes | None:
        """The next message body, or None at the end of the stream."""
        while (end := self._buffer.find(b"\r\n\r\n")) < 0:
            if not self._fill():
                return None
        header = bytes(self._buffer[:end])
        del self._buffer[: end + 4]
        length = _content_length(header)
        while len(self._buffer) < length:
            if not self._fill():
                return None
        body = bytes(self._buffer[:length])
        del self._buffer[:length]
        return body


def _content_length(header: bytes) -> int:
    for line in header.split(b"\r\n"):
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            try:
                length = int(value.strip())
            except ValueError:
                break
            if length >= 0:
                return length
    raise FramingError(f"no usable Content-Length in header {header[:200]!r}")


def write_message(stream: IO[bytes], message: JSON) -> None:
    # ASCII-only JSON: a lone surrogate in a document (an undecodable byte) cannot then make
    # the output invalid UTF-8.
    body = json.dumps(message, separators=(",", ":")).encode("ascii")
    stream.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    stream.flush()


# -- positions -----------------------------------------------------------------------------------


class LineIndex:
    """Converts srclint's code-point offsets into LSP positions (line, character) where the
    character counts UTF-16 code units (the protocol's default) or code points ("utf-32")."""

    def __init__(self, text: str, encoding: str = "utf-16") -> None:
        self.text = text
        self.utf16 = encoding == "utf-16"
        self.starts = [0, *(m.end() for m in _NEWLINE.finditer(text))]

    def position(self, offset: int) -> dict[str, int]:
        offset = min(max(offset, 0), len(self.text))
        line = bisect_right(self.starts, offset) - 1
        start = self.starts[line]
        if self.utf16:
            # surrogatepass: a lone surrogate (an undecodable byte) is one unit, as in the editor
            character = len(self.text[start:offset].encode("utf-16-le", "surrogatepass")) // 2
        else:
            character = offset - start
        return {"line": line, "character": character}

    def range(self, start: int, end: int) -> dict[str, dict[str, int]]:
        return {"start": self.position(start), "end": self.position(max(start, end))}


def _key(position: JSON) -> tuple[int, int]:
    return int(position["line"]), int(position["character"])


def _overlaps(a: JSON, b: JSON) -> bool:
    """Whether two ranges touch or overlap (a cursor at either end of a finding counts)."""
    return _key(a["start"]) <= _key(b["end"]) and _key(b["start"]) <= _key(a["end"])


# -- documents and configuration -----------------------------------------------------------------


def uri_to_path(uri: str) -> tuple[str, bool]:
    """(path, is_file) for a document URI. Only file: URIs name a file; for others (untitled:,
    a remote scheme) the last segment stands in, so the format can still follow its extension."""
    parts = urlparse(uri)
    if parts.scheme == "file":
        path = url2pathname(parts.path)
        if parts.netloc and parts.netloc != "localhost":
            path = f"//{parts.netloc}{path}"  # a UNC share
        return path, True
    name = unquote(parts.path.rstrip("/").rsplit("/", 1)[-1]) or "untitled"
    return name, False


def document_format(language_id: str, path: str) -> str | None:
    """The format to lint a buffer as ("markdown" or "text"), or None to leave it alone."""
    by_language = _LANGUAGES.get(language_id.lower())
    if by_language is not None:
        return by_language
    return _EXTENSIONS.get(os.path.splitext(path)[1].lower())


@dataclass
class Linted:
    """The last lint of a document: what its code actions are built from."""

    text: str
    path: str  # as given to the linter
    format: str
    index: LineIndex
    findings: list[Finding]
    diagnostics: list[JSON]
    linter: Any  # srclint.engine.Linter, imported lazily


@dataclass
class Document:
    uri: str
    path: str
    is_file: bool
    format: str
    text: str
    version: int | None
    linted: Linted | None = None


@dataclass
class _Entry:
    linter: Any
    watched: dict[str, Stamp]  # the configuration file and extra packs, as stat'ed when loaded


class Configurations:
    """One Linter per configuration file (or one for no file), rebuilt when the file or one of
    the rule packs it names changes on disk."""

    def __init__(self, config: str | None = None, *, use_config: bool = True) -> None:
        self.config = config
        self.use_config = use_config
        self.entries: dict[Path | None, _Entry] = {}

    def config_path(self, folder: Path) -> Path | None:
        from .config import find_config

        if self.config is not None:
            return Path(self.config)
        return find_config(folder.resolve()) if self.use_config else None

    def linter_for(self, folder: Path) -> Any:
        """The Linter for a document in `folder`. Raises SrclintError for a broken configuration."""
        path = self.config_path(folder)
        entry = self.entries.get(path)
        if entry is not None and stamps(entry.watched) == entry.watched:
            return entry.linter
        self.entries.pop(path, None)
        entry = self._load(path, folder)
        self.entries[path] = entry
        return entry.linter

    def stale(self) -> bool:
        """Forget linters whose configuration changed on disk; True if there were any."""
        gone = [key for key, entry in self.entries.items() if stamps(entry.watched) != entry.watched]
        for key in gone:
            del self.entries[key]
        return bool(gone)

    def _load(self, path: Path | None, folder: Path) -> _Entry:
        from .config import load_settings
        from .engine import Linter
        from .pack_cache import pack_paths

        # Each file is stat'ed before it is read, so an edit made while loading is seen next time.
        watched = stamps([str(path)] if path is not None else [])
        settings, _ = load_settings(path, search_from=folder, use_config=path is not None)
        watched.update(stamps(str(p) for p in pack_paths(tuple(settings.rules), builtin=False)))
        linter = Linter(settings=settings, cache=False)  # a buffer is not the file on disk
        _ = linter.rules  # load now: a broken pack is a configuration error, not a lint error
        return _Entry(linter, watched)


# -- code actions --------------------------------------------------------------------------------


def _shown(text: str, limit: int = 30) -> str:
    """A short, printable rendering of a fix's text for an action title."""
    out = "".join(ch if ch.isprintable() else f"\\u{ord(ch):04x}" for ch in text)
    return out if len(out) <= limit else out[: limit - 1] + "…"


def fix_title(finding: Finding, fix: Fix, text: str) -> str:
    old = text[fix.start : fix.end]
    if not fix.replacement:
        what = f"remove '{_shown(old)}'"
    elif fix.start == fix.end:
        what = f"insert '{_shown(fix.replacement)}'"
    else:
        what = f"replace '{_shown(old)}' with '{_shown(fix.replacement)}'"
    unsafe = " (unsafe)" if fix.applicability == Applicability.UNSAFE else ""
    return f"Fix {finding.code}: {what}{unsafe}"


def _wants(only: list[str] | None, kind: str) -> bool:
    """Whether a code action kind passes the client's `only` filter (kinds are dotted prefixes)."""
    return only is None or any(kind == o or kind.startswith(o + ".") for o in only)


def fix_all(linted: Linted) -> str | None:
    """The text with every safe fix applied, or None when there is none. Overlapping fixes are
    applied in further passes over the re-linted text, as `srclint --fix` does."""
    from .fix import applicable, apply_fixes

    text, findings, changed = linted.text, linted.findings, False
    for _ in range(MAX_FIX_PASSES):
        text, applied, deferred = apply_fixes(text, applicable(findings))
        changed = changed or applied > 0
        if not deferred or not applied:
            break
        findings = list(linted.linter.lint_text(text, linted.path, linted.format).findings)
    return text if changed else None


# -- the server ----------------------------------------------------------------------------------


@dataclass
class Incoming:
    """A message taken from the input but not yet handled (or the error that parsing it gave)."""

    message: JSON = None
    error: str | None = None


@dataclass
class Server:
    """Handles decoded messages and writes replies; the transport is `serve`'s business."""

    output: IO[bytes]
    config: str | None = None
    use_config: bool = True
    log: IO[str] = field(default_factory=lambda: sys.stderr)
    encoding: str = "utf-16"
    initialized: bool = False
    shut_down: bool = False
    exit_code: int | None = None
    documents: dict[str, Document] = field(default_factory=dict)
    root: Path = field(default_factory=Path.cwd)
    _shown_errors: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.configurations = Configurations(self.config, use_config=self.use_config)
        self.requests: dict[str, Callable[[JSON], JSON]] = {
            "initialize": self.initialize,
            "shutdown": self.shutdown,
            "textDocument/codeAction": self.code_action,
        }
        self.notifications: dict[str, Callable[[JSON], None]] = {
            "initialized": self.on_initialized,
            "exit": self.on_exit,
            "textDocument/didOpen": self.did_open,
            "textDocument/didChange": self.did_change,
            "textDocument/didSave": self.did_save,
            "textDocument/didClose": self.did_close,
        }
        self.upcoming: deque[Incoming] = deque()  # messages already received, not yet handled

    # -- JSON-RPC ------------------------------------------------------------------------------

    def send(self, message: JSON) -> None:
        write_message(self.output, {"jsonrpc": "2.0", **message})

    def notify(self, method: str, params: JSON) -> None:
        self.send({"method": method, "params": params})

    def reply_error(self, id_: JSON, code: int, message: str) -> None:
        self.send({"id": id_, "error": {"code": code, "message": message}})

    def log_message(self, kind: int, message: str) -> None:
        print(f"srclint server: {message}", file=self.log, flush=True)
        self.notify("window/logMessage", {"type": kind, "message": message})

    def handle(self, pending: Incoming) -> None:
        if pending.error is not None:
            self.reply_error(None, PARSE_ERROR, pending.error)
            return
        message = pending.message
        if not isinstance(message, dict) or not isinstance(message.get("method", ""), str):
            self.reply_error(message.get("id") if isinstance(message, dict) else None, INVALID_REQUEST, "not a JSON-RPC message")
            return
        if "method" not in message:
            return  # a response to a request of ours; we send none
        if "id" in message:
            self._request(message["id"], message["method"], message.get("params"))
        else:
            self._notification(message["method"], message.get("params"))

    def _request(self, id_: JSON, method: str, params: JSON) -> None:
        handler = self.requests.get(method)
        if handler is None:
            self.reply_error(id_, METHOD_NOT_FOUND, f"unknown method {method!r}")
        elif self.shut_down:
            self.reply_error(id_, INVALID_REQUEST, "the server is shutting down")
        elif not self.initialized and method != "initialize":
            self.reply_error(id_, SERVER_NOT_INITIALIZED, "initialize first")
        else:
            try:
                result = handler(params or {})
            except Exception as exc:  # noqa: BLE001 - one bad request must not end the session
                self.reply_error(id_, INTERNAL_ERROR, _one_line(exc))
                return
            self.send({"id": id_, "result": result})

    def _notification(self, method: str, params: JSON) -> None:
        handler = self.notifications.get(method)
        if handler is None or (not self.initialized and method != "exit"):
            return  # unknown notifications ($/cancelRequest among them) are ignored
        try:
            handler(params or {})
        except Exception as exc:  # noqa: BLE001 - nor one bad notification
            self.log_message(LOG_ERROR, f"{method}: {_one_line(exc)}")

    # -- lifecycle -----------------------------------------------------------------------------

    def initialize(self, params: JSON) -> JSON:
        general = (params.get("capabilities") or {}).get("general") or {}
        offered = general.get("positionEncodings") or []
        # UTF-32 positions are srclint's own code-point offsets, so no conversion; every client
        # must accept UTF-16, the default.
        self.encoding = "utf-32" if "utf-32" in offered else "utf-16"
        self.root = _workspace_root(params) or self.root
        self.initialized = True
        return {
            "capabilities": {
                "positionEncoding": self.encoding,
                "textDocumentSync": {"openClose": True, "change": SYNC_FULL, "save": {"includeText": False}},
                "codeActionProvider": {"codeActionKinds": ["quickfix", FIX_ALL_KIND]},
            },
            "serverInfo": {"name": "srclint", "version": __version__},
        }

    def on_initialized(self, params: JSON) -> None:
        # Load the workspace's rules now rather than on the first keystroke.
        try:
            linter = self.configurations.linter_for(self.root)
        except SrclintError:
            return  # reported when a document needs it
        linter.lint_text("", "warm-up.md", "markdown")  # imports the readers and document model

    def shutdown(self, params: JSON) -> JSON:
        self.shut_down = True
        return None

    def on_exit(self, params: JSON) -> None:
        self.exit_code = 0 if self.shut_down else 1

    # -- documents -----------------------------------------------------------------------------

    def did_open(self, params: JSON) -> None:
        item = params["textDocument"]
        uri = item["uri"]
        path, is_file = uri_to_path(uri)
        fmt = document_format(item.get("languageId", ""), path)
        if fmt is None:
            return
        doc = Document(uri, path, is_file, fmt, item["text"], item.get("version"))
        self.documents[uri] = doc
        self.lint(doc)

    def did_change(self, params: JSON) -> None:
        doc = self.documents.get(params["textDocument"]["uri"])
        if doc is None:
            return
        for change in params.get("contentChanges", []):
            if "range" not in change:  # full sync: each change is the whole text
                doc.text = change["text"]
        doc.version = params["textDocument"].get("version")
        if not self._changed_again(doc.uri):
            self.lint(doc)  # else the next change's text is linted instead

    def did_save(self, params: JSON) -> None:
        if self.configurations.stale():  # a configuration or pack was saved: everything again
            for open_doc in self.documents.values():
                self.lint(open_doc)
            return
        doc = self.documents.get(params["textDocument"]["uri"])
        if doc is not None:
            self.lint(doc)

    def did_close(self, params: JSON) -> None:
        doc = self.documents.pop(params["textDocument"]["uri"], None)
        if doc is not None:
            self.notify("textDocument/publishDiagnostics", {"uri": doc.uri, "diagnostics": []})

    def _changed_again(self, uri: str) -> bool:
        """Whether another full change of this document is already waiting (and nothing that
        reads its diagnostics comes before it): linting this version would be wasted."""
        for pending in self.upcoming:
            message = pending.message
            if not isinstance(message, dict):
                continue
            params = message.get("params")
            about = isinstance(params, dict) and (params.get("textDocument") or {}).get("uri") == uri
            if not about:
                continue
            return message.get("method") == "textDocument/didChange" and "id" not in message
        return False

    # -- linting -------------------------------------------------------------------------------

    def lint(self, doc: Document) -> None:
        folder = Path(doc.path).parent if doc.is_file else self.root
        try:
            linter = self.configurations.linter_for(folder)
        except SrclintError as exc:
            doc.linted = None
            self._show_error(str(exc))
            self.publish(doc, [])
            return
        self._shown_errors.clear()
        if doc.is_file and self._excluded(linter, doc.path):
            doc.linted = None  # as `srclint check` skips it when it walks the folder
            self.publish(doc, [])
            return
        linter.reset_timeouts()  # a long-lived linter: one slow run must not mute a rule for good
        # The file's own path (when it has one) makes per-file-ignores match as they do for
        # `srclint check`; the engine makes it relative to the configuration's root.
        path = os.path.abspath(doc.path) if doc.is_file else doc.path
        report = linter.lint_text(doc.text, path, doc.format)
        self._log_report_errors(report)
        index = LineIndex(doc.text, self.encoding)
        findings = list(report.findings)
        documented = linter.settings.builtin_rules
        diagnostics = [self.diagnostic(f, index, doc.uri, documented) for f in findings]
        doc.linted = Linted(doc.text, path, doc.format, index, findings, diagnostics, linter)
        self.publish(doc, diagnostics)

    def _excluded(self, linter: Any, path: str) -> bool:
        """Whether the configuration's `exclude` patterns cover this file."""
        from .discover import exclusion

        excluded = exclusion(linter.settings, self.root)
        return excluded is not None and excluded(Path(os.path.abspath(path)))

    def publish(self, doc: Document, diagnostics: list[JSON]) -> None:
        params: dict[str, JSON] = {"uri": doc.uri, "diagnostics": diagnostics}
        if doc.version is not None:
            params["version"] = doc.version
        self.notify("textDocument/publishDiagnostics", params)

    def diagnostic(self, f: Finding, index: LineIndex, uri: str, documented: bool) -> JSON:
        """The LSP diagnostic of a finding; `documented`: built-in rules are on, so a built-in
        code has a section on the rules page (a pack cannot reuse a built-in code then)."""
        out: dict[str, JSON] = {
            "range": index.range(f.start, f.end),
            "severity": _SEVERITIES[f.severity],
            "code": f.code,
            "source": "srclint",
            "message": f.message,
        }
        href = _rule_url(f.code) if documented else None
        if href is not None:
            out["codeDescription"] = {"href": href}
        related = [
            {"location": {"uri": uri, "range": index.range(r.start, r.end)}, "message": r.message}
            for r in f.related
            if r.path == f.path
        ]
        if related:
            out["relatedInformation"] = related
        return out

    def _show_error(self, message: str) -> None:
        message = message.splitlines()[0] if message else "configuration error"
        print(f"srclint server: {message}", file=self.log, flush=True)
        if message not in self._shown_errors:  # not once per keystroke
            self._shown_errors.add(message)
            self.notify("window/showMessage", {"type": LOG_ERROR, "message": f"srclint: {message}"})

    def _log_report_errors(self, report: Report) -> None:
        for error in report.errors:
            self.log_message(LOG_WARNING, f"{error.path}: {error.message}")

    # -- code actions --------------------------------------------------------------------------

    def code_action(self, params: JSON) -> JSON:
        doc = self.documents.get(params["textDocument"]["uri"])
        if doc is None:
            return []
        if doc.linted is None or doc.linted.text != doc.text:
            self.lint(doc)  # a change whose lint was skipped, or a broken configuration
        linted = doc.linted
        if linted is None:
            return []
        only = (params.get("context") or {}).get("only")
        actions: list[JSON] = []
        if _wants(only, "quickfix"):
            actions.extend(self._quick_fixes(doc, linted, params["range"]))
        if _wants(only, FIX_ALL_KIND):
            fixed = fix_all(linted)
            if fixed is not None:
                whole = linted.index.range(0, len(linted.text))
                actions.append({
                    "title": "Fix all safe srclint problems",
                    "kind": FIX_ALL_KIND,
                    "edit": {"changes": {doc.uri: [{"range": whole, "newText": fixed}]}},
                })  # fmt: skip
        return actions

    def _quick_fixes(self, doc: Document, linted: Linted, wanted: JSON) -> Iterable[JSON]:
        for finding, diagnostic in zip(linted.findings, linted.diagnostics):
            fix = finding.fix
            if fix is None or fix.applicability not in (Applicability.SAFE, Applicability.UNSAFE):
                continue
            if not _overlaps(diagnostic["range"], wanted):
                continue
            edit = {"range": linted.index.range(fix.start, fix.end), "newText": fix.replacement}
            yield {
                "title": fix_title(finding, fix, linted.text),
                "kind": "quickfix",
                "diagnostics": [diagnostic],
                "isPreferred": fix.applicability == Applicability.SAFE,
                "edit": {"changes": {doc.uri: [edit]}},
            }


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text.splitlines()[0]}" if text else type(exc).__name__


def _workspace_root(params: JSON) -> Path | None:
    folders = params.get("workspaceFolders") or []
    uri = folders[0].get("uri") if folders else params.get("rootUri")
    if not isinstance(uri, str):
        return None
    path, is_file = uri_to_path(uri)
    return Path(path) if is_file else None


_BUILTIN_CODES: frozenset[str] | None = None


def _rule_url(code: str) -> str | None:
    """The rules page anchor of a built-in rule; a rule from a user's pack has no page."""
    global _BUILTIN_CODES
    if _BUILTIN_CODES is None:
        from .packs import load_rules

        try:
            _BUILTIN_CODES = frozenset(r.code for r in load_rules())
        except SrclintError:
            _BUILTIN_CODES = frozenset()
    if code not in _BUILTIN_CODES:
        return None
    from .reporters.sarif import help_uri

    return help_uri(code)


# -- transport -----------------------------------------------------------------------------------


def _parse(body: bytes) -> Incoming:
    try:
        return Incoming(message=json.loads(body))
    except (ValueError, UnicodeDecodeError) as exc:
        return Incoming(error=f"parse error: {_one_line(exc)}")


def _reader(read: Callable[[int], bytes], inbox: queue.Queue[Incoming | None], log: IO[str]) -> None:
    """Reads messages into `inbox` (a thread), so the server can see what is already waiting."""
    frames = FrameReader(read)
    try:
        while (body := frames.next()) is not None:
            inbox.put(_parse(body))
    except FramingError as exc:
        print(f"srclint server: {exc}; stopping", file=log, flush=True)
    except OSError as exc:
        print(f"srclint server: cannot read input: {exc}", file=log, flush=True)
    finally:
        inbox.put(None)


def serve(server: Server, inbox: queue.Queue[Incoming | None]) -> int:
    """Handle messages from `inbox` until `exit` or the end of the input; the exit code."""
    ended = False
    while server.exit_code is None:
        if not server.upcoming:
            if ended:
                break
            item = inbox.get()
            ended = item is None
            if item is not None:
                server.upcoming.append(item)
        while not ended:  # take everything already received, without waiting
            try:
                item = inbox.get_nowait()
            except queue.Empty:
                break
            ended = item is None
            if item is not None:
                server.upcoming.append(item)
        if server.upcoming:
            server.handle(server.upcoming.popleft())
    if server.exit_code is not None:
        return server.exit_code
    return 0 if server.shut_down else 1  # input closed without `exit`


def run(read: Callable[[int], bytes], output: IO[bytes], *, config: str | None = None, use_config: bool = True,
        log: IO[str] | None = None) -> int:  # fmt: skip
    """Serve one session: messages come from `read(n)`, replies go to `output`; the exit code."""
    log = log or sys.stderr
    inbox: queue.Queue[Incoming | None] = queue.Queue()
    threading.Thread(target=_reader, args=(read, inbox, log), name="srclint-lsp-reader", daemon=True).start()
    return serve(Server(output, config, use_config, log), inbox)


def serve_stdio(*, config: str | None = None, use_config: bool = True) -> int:
    """`srclint server`: serve over the process's standard streams."""
    stdin, output = sys.stdin.fileno(), sys.stdout.buffer
    if sys.platform == "win32":  # no newline translation: the headers end in \r\n
        import msvcrt

        msvcrt.setmode(stdin, os.O_BINARY)
        msvcrt.setmode(sys.stdout.fileno(), os.O_BINARY)
    # Anything printed by accident (a library's print) would corrupt the protocol stream.
    sys.stdout = sys.stderr
    return run(lambda n: os.read(stdin, n), output, config=config, use_config=use_config)
