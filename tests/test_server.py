"""`srclint server`: the language server, driven through its real framing.

Most tests run a whole session in-process (`server.run` over byte streams); two start
`python -m srclint server` to check the exit codes and that standard output holds nothing but
protocol messages."""

from __future__ import annotations

import io
import json
import os
import queue
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from srclint import __version__
from srclint.models import Applicability, Finding, Fix, Related, Severity
from srclint.server import (
    FrameReader,
    FramingError,
    Incoming,
    LineIndex,
    Server,
    fix_title,
    run,
    serve,
    uri_to_path,
    write_message,
)

from .conftest import ROOT

HEDGED = "\U0001f600 The mayor reportedly resigned."  # the emoji is two UTF-16 units
MOJIBAKE = "Sim\u00c3\u00b3n Bol\u00c3\u00advar was born in Caracas."  # "Simón Bolívar", UTF-8 read as Latin-1


# -- helpers -------------------------------------------------------------------------------------


def frame(message: dict[str, Any] | bytes) -> bytes:
    body = message if isinstance(message, bytes) else json.dumps(message).encode("utf-8")
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def request(id_: int, method: str, params: Any = None) -> dict[str, Any]:
    out: dict[str, Any] = {"jsonrpc": "2.0", "id": id_, "method": method}
    if params is not None:
        out["params"] = params
    return out


def notification(method: str, params: Any = None) -> dict[str, Any]:
    return {"jsonrpc": "2.0", "method": method, "params": params or {}}


def initialize(capabilities: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    return [request(1, "initialize", {"processId": None, "rootUri": None, "capabilities": capabilities or {}}),
            notification("initialized")]  # fmt: skip


def did_open(uri: str, text: str, language: str = "markdown", version: int = 1) -> dict[str, Any]:
    item = {"uri": uri, "languageId": language, "version": version, "text": text}
    return notification("textDocument/didOpen", {"textDocument": item})


def did_change(uri: str, text: str, version: int) -> dict[str, Any]:
    return notification("textDocument/didChange", {"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]})


def code_action(id_: int, uri: str, start: tuple[int, int] = (0, 0), end: tuple[int, int] = (99, 0)) -> dict[str, Any]:
    where = {"start": {"line": start[0], "character": start[1]}, "end": {"line": end[0], "character": end[1]}}
    return request(id_, "textDocument/codeAction", {"textDocument": {"uri": uri}, "range": where, "context": {"diagnostics": []}})


def closing() -> list[dict[str, Any]]:
    return [request(999, "shutdown"), notification("exit")]


def parse_output(data: bytes) -> list[dict[str, Any]]:
    stream = io.BytesIO(data)
    frames = FrameReader(stream.read)
    out = []
    while (body := frames.next()) is not None:
        out.append(json.loads(body))
    assert frames.next() is None and stream.read() == b"", "bytes outside a framed message"
    return out


def session(messages: list[dict[str, Any] | bytes], **options: Any) -> tuple[int, list[dict[str, Any]]]:
    """Run one in-process session over framed bytes; (exit code, messages the server sent)."""
    data = b"".join(frame(m) for m in messages)
    out = io.BytesIO()
    code = run(io.BytesIO(data).read, out, log=io.StringIO(), **options)
    return code, parse_output(out.getvalue())


def reply(messages: list[dict[str, Any]], id_: int) -> dict[str, Any]:
    found = [m for m in messages if m.get("id") == id_ and "method" not in m]
    assert len(found) == 1, messages
    return found[0]


def published(messages: list[dict[str, Any]], uri: str) -> list[dict[str, Any]]:
    return [m["params"] for m in messages if m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri]


def apply_edit(text: str, edit: dict[str, Any]) -> str:
    """Apply one TextEdit whose positions count UTF-16 units (the client's side of the protocol)."""

    def offset(pos: dict[str, int]) -> int:
        lines = text.split("\n")
        base = sum(len(line) + 1 for line in lines[: pos["line"]])
        units = 0
        for i, ch in enumerate(lines[pos["line"]] if pos["line"] < len(lines) else ""):
            if units >= pos["character"]:
                return base + i
            units += 2 if ord(ch) > 0xFFFF else 1
        return base + len(lines[pos["line"]]) if pos["line"] < len(lines) else len(text)

    start, end = offset(edit["range"]["start"]), offset(edit["range"]["end"])
    return text[:start] + edit["newText"] + text[end:]


# -- lifecycle -----------------------------------------------------------------------------------


def test_initialize_reports_capabilities_and_shutdown_exit_is_zero() -> None:
    code, out = session([*initialize(), *closing()])
    result = reply(out, 1)["result"]
    caps = result["capabilities"]
    assert caps["textDocumentSync"] == {"openClose": True, "change": 1, "save": {"includeText": False}}
    assert "quickfix" in caps["codeActionProvider"]["codeActionKinds"]
    assert caps["positionEncoding"] == "utf-16"
    assert result["serverInfo"] == {"name": "srclint", "version": __version__}
    assert reply(out, 999) == {"jsonrpc": "2.0", "id": 999, "result": None}
    assert code == 0


def test_exit_without_shutdown_is_one() -> None:
    code, _ = session([*initialize(), notification("exit")])
    assert code == 1


def test_end_of_input_without_exit() -> None:
    assert session([*initialize()])[0] == 1
    assert session([*initialize(), request(2, "shutdown")])[0] == 0


def test_malformed_json_is_a_parse_error_and_the_server_goes_on() -> None:
    code, out = session([*initialize(), b'{"jsonrpc": "2.0", "id": 5, "method": ', request(6, "shutdown"), notification("exit")])
    errors = [m for m in out if "error" in m]
    assert errors[0]["id"] is None and errors[0]["error"]["code"] == -32700
    assert reply(out, 6)["result"] is None
    assert code == 0


def test_unknown_request_and_notifications() -> None:
    code, out = session([
        *initialize(),
        request(7, "textDocument/hover", {"textDocument": {"uri": "file:///x.md"}, "position": {"line": 0, "character": 0}}),
        notification("$/cancelRequest", {"id": 7}),
        notification("workspace/didChangeConfiguration", {"settings": {}}),
        *closing(),
    ])  # fmt: skip
    assert reply(out, 7)["error"]["code"] == -32601
    assert [m.get("id") for m in out] == [1, 7, 999]  # the notifications were answered by nothing
    assert code == 0


def test_a_failing_request_is_an_internal_error_and_the_server_goes_on() -> None:
    code, out = session([*initialize(), request(3, "textDocument/codeAction", {}), *closing()])
    error = reply(out, 3)["error"]
    assert error["code"] == -32603 and "\n" not in error["message"] and "textDocument" in error["message"]
    assert reply(out, 999)["result"] is None and code == 0


def test_requests_before_initialize_and_after_shutdown_are_refused() -> None:
    _, out = session([request(0, "shutdown"), *initialize()[:1], request(2, "shutdown"), request(3, "shutdown")])
    assert reply(out, 0)["error"]["code"] == -32002
    assert reply(out, 2)["result"] is None
    assert reply(out, 3)["error"]["code"] == -32600


# -- diagnostics ---------------------------------------------------------------------------------


def test_hedge_after_emoji_has_utf16_range_and_is_cleared_by_a_change(tmp_path: Path) -> None:
    uri = (tmp_path / "story.md").as_uri()
    _, out = session([*initialize(), did_open(uri, HEDGED), did_change(uri, "\U0001f600 The mayor resigned.", 2), *closing()])
    first, second = published(out, uri)
    assert first["version"] == 1
    (diag,) = [d for d in first["diagnostics"] if d["code"] == "HDG001"]
    # "reportedly" is code points 12-22; the emoji before it is two UTF-16 units.
    assert diag["range"] == {"start": {"line": 0, "character": 13}, "end": {"line": 0, "character": 23}}
    assert diag["source"] == "srclint" and diag["severity"] == 2 and "reportedly" in diag["message"]
    assert diag["codeDescription"]["href"].endswith("#hdg001")
    assert second == {"uri": uri, "version": 2, "diagnostics": []}


def test_utf32_positions_when_the_client_offers_them(tmp_path: Path) -> None:
    uri = (tmp_path / "story.md").as_uri()
    general = {"general": {"positionEncodings": ["utf-8", "utf-32", "utf-16"]}}
    _, out = session([*initialize(general), did_open(uri, HEDGED), *closing()])
    assert reply(out, 1)["result"]["capabilities"]["positionEncoding"] == "utf-32"
    (diag,) = published(out, uri)[0]["diagnostics"]
    assert diag["range"]["start"] == {"line": 0, "character": 12}


def test_inline_suppressions_are_not_published(tmp_path: Path) -> None:
    uri = (tmp_path / "story.md").as_uri()
    text = "<!-- srclint: ignore HDG001 -->\nThe mayor reportedly resigned.\n\nThe mayor reportedly left.\n"
    _, out = session([*initialize(), did_open(uri, text), *closing()])
    (params,) = published(out, uri)
    assert [(d["code"], d["range"]["start"]["line"]) for d in params["diagnostics"]] == [("HDG001", 3)]


def test_other_languages_are_ignored_and_untitled_buffers_linted(tmp_path: Path) -> None:
    py = (tmp_path / "script.py").as_uri()
    _, out = session([
        *initialize(),
        did_open(py, "# The mayor reportedly resigned.", language="python"),
        did_open("untitled:Untitled-1", HEDGED, language="plaintext"),
        did_open((tmp_path / "notes.txt").as_uri(), HEDGED, language="something-else"),
        *closing(),
    ])  # fmt: skip
    assert published(out, py) == []
    assert [d["code"] for d in published(out, "untitled:Untitled-1")[0]["diagnostics"]] == ["HDG001"]
    assert [d["code"] for d in published(out, (tmp_path / "notes.txt").as_uri())[0]["diagnostics"]] == ["HDG001"]


def test_close_publishes_empty_diagnostics_and_forgets(tmp_path: Path) -> None:
    uri = (tmp_path / "story.md").as_uri()
    _, out = session([
        *initialize(),
        did_open(uri, MOJIBAKE),
        notification("textDocument/didClose", {"textDocument": {"uri": uri}}),
        code_action(2, uri),
        *closing(),
    ])  # fmt: skip
    assert [len(p["diagnostics"]) for p in published(out, uri)] == [2, 0]
    assert reply(out, 2)["result"] == []


def test_related_information_only_for_the_same_file() -> None:
    text = "Sunday here. Monday there."
    finding = Finding(
        "DAT001", "date", Severity.ERROR, "dates disagree", "/a.md", 13, 19, "Monday",
        related=(Related("/a.md", 0, 6, "Sunday here"), Related("/b.md", 0, 6, "elsewhere")),
    )  # fmt: skip
    diag = Server(io.BytesIO()).diagnostic(finding, LineIndex(text), "file:///a.md", documented=False)
    assert diag["severity"] == 1 and "codeDescription" not in diag
    assert diag["relatedInformation"] == [
        {"location": {"uri": "file:///a.md", "range": LineIndex(text).range(0, 6)}, "message": "Sunday here"}
    ]


# -- code actions --------------------------------------------------------------------------------


def test_mojibake_quick_fix_and_fix_all_repair_the_text(tmp_path: Path) -> None:
    uri = (tmp_path / "story.md").as_uri()
    text = "\U0001f600 " + MOJIBAKE
    _, out = session([*initialize(), did_open(uri, text), code_action(2, uri, (0, 3), (0, 4)), code_action(3, uri), *closing()])
    assert [d["code"] for d in published(out, uri)[0]["diagnostics"]] == ["ENC001", "ENC001"]
    action, fix_all = reply(out, 2)["result"]  # the cursor is on "SimÃ³n" only
    assert fix_all["kind"] == "source.fixAll.srclint"
    assert action["kind"] == "quickfix" and action["isPreferred"] is True
    assert action["title"] == "Fix ENC001: replace 'Sim\u00c3\u00b3n' with 'Sim\u00f3n'"
    assert action["diagnostics"][0]["code"] == "ENC001"
    (edit,) = action["edit"]["changes"][uri]
    assert apply_edit(text, edit) == "\U0001f600 Sim\u00f3n Bol\u00c3\u00advar was born in Caracas."
    actions = reply(out, 3)["result"]
    assert [a["kind"] for a in actions] == ["quickfix", "quickfix", "source.fixAll.srclint"]
    (whole,) = actions[-1]["edit"]["changes"][uri]
    assert apply_edit(text, whole) == "\U0001f600 Sim\u00f3n Bol\u00edvar was born in Caracas."


def test_unsafe_fixes_are_offered_but_not_preferred_nor_fixed_all(tmp_path: Path) -> None:
    uri = (tmp_path / "story.md").as_uri()
    text = "The plane landed at Sim\u00f3n Bol\u00c3var International Airport."
    _, out = session([*initialize(), did_open(uri, text), code_action(2, uri), *closing()])
    (action,) = reply(out, 2)["result"]  # no fix-all: the only fix is unsafe
    assert action["title"].startswith("Fix ENC002: ") and action["title"].endswith("(unsafe)")
    assert action["isPreferred"] is False
    assert apply_edit(text, action["edit"]["changes"][uri][0]) == "The plane landed at Sim\u00f3n Bol\u00edvar International Airport."


def test_code_action_only_filter(tmp_path: Path) -> None:
    uri = (tmp_path / "story.md").as_uri()
    ask = code_action(2, uri)
    ask["params"]["context"]["only"] = ["source.fixAll"]
    _, out = session([*initialize(), did_open(uri, MOJIBAKE), ask, *closing()])
    assert [a["kind"] for a in reply(out, 2)["result"]] == ["source.fixAll.srclint"]


def test_fix_titles() -> None:
    f = Finding("ENC005", "invisible", Severity.WARNING, "m", "a.md", 2, 3, "\u200b")
    assert fix_title(f, Fix(2, 3, ""), "ab\u200bc") == "Fix ENC005: remove '\\u200b'"
    assert fix_title(f, Fix(2, 2, "x", Applicability.UNSAFE), "abc") == "Fix ENC005: insert 'x' (unsafe)"
    assert len(fix_title(f, Fix(0, 3, "y" * 200), "abc")) < 80


# -- configuration -------------------------------------------------------------------------------


def test_folder_configuration_is_used(tmp_path: Path) -> None:
    (tmp_path / "quiet").mkdir()
    (tmp_path / "loud").mkdir()
    (tmp_path / "quiet" / ".srclint.yaml").write_text("ignore: [HDG]\n", encoding="utf-8")
    quiet, loud = (tmp_path / "quiet" / "a.md").as_uri(), (tmp_path / "loud" / "a.md").as_uri()
    _, out = session([*initialize(), did_open(quiet, HEDGED), did_open(loud, HEDGED), *closing()])
    assert published(out, quiet)[0]["diagnostics"] == []
    assert [d["code"] for d in published(out, loud)[0]["diagnostics"]] == ["HDG001"]


def test_per_file_ignores_match_the_document_path(tmp_path: Path) -> None:
    (tmp_path / ".srclint.yaml").write_text("per-file-ignores:\n  'opinion/*': [HDG]\n", encoding="utf-8")
    opinion, news = (tmp_path / "opinion" / "a.md").as_uri(), (tmp_path / "news" / "a.md").as_uri()
    _, out = session([*initialize(), did_open(opinion, HEDGED), did_open(news, HEDGED), *closing()])
    assert published(out, opinion)[0]["diagnostics"] == []
    assert [d["code"] for d in published(out, news)[0]["diagnostics"]] == ["HDG001"]


def test_excluded_files_get_no_diagnostics(tmp_path: Path) -> None:
    (tmp_path / ".srclint.yaml").write_text("exclude: ['drafts/']\n", encoding="utf-8")
    draft, story = (tmp_path / "drafts" / "a.md").as_uri(), (tmp_path / "news" / "a.md").as_uri()
    _, out = session([*initialize(), did_open(draft, HEDGED), did_open(story, HEDGED), *closing()])
    assert published(out, draft)[-1]["diagnostics"] == []
    assert [d["code"] for d in published(out, story)[-1]["diagnostics"]] == ["HDG001"]


def test_no_config_and_explicit_config_options(tmp_path: Path) -> None:
    (tmp_path / ".srclint.yaml").write_text("ignore: [HDG]\n", encoding="utf-8")
    other = tmp_path / "other.yaml"
    other.write_text("select: [ENC]\n", encoding="utf-8")
    uri = (tmp_path / "a.md").as_uri()
    _, out = session([*initialize(), did_open(uri, HEDGED), *closing()], use_config=False)
    assert [d["code"] for d in published(out, uri)[0]["diagnostics"]] == ["HDG001"]
    _, out = session([*initialize(), did_open(uri, HEDGED), *closing()], config=str(other))
    assert published(out, uri)[0]["diagnostics"] == []


def test_a_changed_configuration_is_picked_up(tmp_path: Path) -> None:
    # The Server is driven directly so the file can be edited between two messages.
    folder = tmp_path
    config = folder / ".srclint.yaml"
    config.write_text("ignore: [TON]\n", encoding="utf-8")
    uri = (folder / "a.md").as_uri()
    out = io.BytesIO()
    server = Server(out, log=io.StringIO())
    for message in [*initialize(), did_open(uri, HEDGED)]:
        server.handle(Incoming(message))
    config.write_text("ignore: [HDG, TON]\n", encoding="utf-8")  # another size: seen even within one mtime tick
    server.handle(Incoming(did_change(uri, HEDGED + " ", 2)))
    config.write_text("select: [NOPE999]\n", encoding="utf-8")  # broken: a message, no diagnostics
    server.handle(Incoming(did_change(uri, HEDGED, 3)))
    messages = parse_output(out.getvalue())
    first, second, third = published(messages, uri)
    assert [d["code"] for d in first["diagnostics"]] == ["HDG001"]
    assert second["diagnostics"] == [] and third["diagnostics"] == []
    (shown,) = [m["params"] for m in messages if m.get("method") == "window/showMessage"]
    assert shown["type"] == 1 and "NOPE999" in shown["message"] and "\n" not in shown["message"]


def test_broken_configuration_shows_a_message_once_and_the_server_goes_on(tmp_path: Path) -> None:
    (tmp_path / ".srclint.yaml").write_text("select: [ATT\n", encoding="utf-8")
    uri = (tmp_path / "a.md").as_uri()
    code, out = session([*initialize(), did_open(uri, HEDGED), did_change(uri, HEDGED + "!", 2), *closing()])
    shown = [m["params"] for m in out if m.get("method") == "window/showMessage"]
    assert len(shown) == 1 and shown[0]["type"] == 1 and ".srclint.yaml" in shown[0]["message"]
    assert all(p["diagnostics"] == [] for p in published(out, uri))
    assert code == 0


# -- changes waiting in the input ----------------------------------------------------------------


def test_only_the_last_waiting_change_is_linted(tmp_path: Path) -> None:
    uri = (tmp_path / "a.md").as_uri()
    inbox: queue.Queue[Incoming | None] = queue.Queue()
    messages = [
        *initialize(),
        did_open(uri, "The mayor resigned."),
        did_change(uri, HEDGED, 2),
        did_change(uri, "The mayor reportedly left.", 3),
        code_action(2, uri),
        did_change(uri, HEDGED, 4),
        *closing(),
    ]  # fmt: skip
    for message in messages:  # all waiting before the server starts
        inbox.put(Incoming(message))
    inbox.put(None)
    out = io.BytesIO()
    assert serve(Server(out, log=io.StringIO()), inbox) == 0
    versions = [p["version"] for p in published(parse_output(out.getvalue()), uri)]
    assert versions == [1, 3, 4]  # 2 was replaced before it was linted; 3 is read by the code action


# -- units ---------------------------------------------------------------------------------------


def test_line_index_counts_utf16_units_and_every_line_end() -> None:
    text = "a\U0001f600b\r\nc\rd\n\U0001f600"
    index = LineIndex(text)
    assert index.position(2) == {"line": 0, "character": 3}  # after the emoji
    assert index.position(5) == {"line": 1, "character": 0}  # after \r\n
    assert index.position(7) == {"line": 2, "character": 0}  # after a lone \r
    assert index.position(len(text)) == {"line": 3, "character": 2}
    assert LineIndex(text, "utf-32").position(len(text)) == {"line": 3, "character": 1}
    assert index.position(10_000) == index.position(len(text))


def test_uris_map_to_paths(tmp_path: Path) -> None:
    target = tmp_path / "a folder" / "é.md"
    assert uri_to_path(target.as_uri()) == (str(target), True)
    assert uri_to_path("untitled:Untitled-1") == ("Untitled-1", False)
    assert uri_to_path("vscode-vfs://github/org/repo/news/story%20one.md") == ("story one.md", False)


def test_frames_round_trip_in_pieces_of_any_size() -> None:
    buf = io.BytesIO()
    write_message(buf, {"text": "\U0001f600 lone \udc80"})
    write_message(buf, {"n": 2})
    data = buf.getvalue()
    pieces = iter([data[i : i + 3] for i in range(0, len(data), 3)])  # as a pipe may deliver them
    frames = FrameReader(lambda n: next(pieces, b""))
    assert [json.loads(b) for b in iter(frames.next, None)] == [{"text": "\U0001f600 lone \udc80"}, {"n": 2}]


def test_a_header_without_content_length_is_a_framing_error() -> None:
    frames = FrameReader(io.BytesIO(b"Content-Type: x\r\n\r\n{}").read)
    with pytest.raises(FramingError):
        frames.next()


# -- the real process ----------------------------------------------------------------------------


def _server_process(messages: list[dict[str, Any]], cwd: Path) -> tuple[int, bytes, bytes]:
    """Run `python -m srclint server`, send the messages and wait for it to end with its input
    still open, as an editor leaves it: the process must exit on `exit` alone."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "srclint", "server", "--no-config"], cwd=cwd, env=env,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)  # fmt: skip
    assert proc.stdin is not None and proc.stdout is not None and proc.stderr is not None
    try:
        proc.stdin.write(b"".join(frame(m) for m in messages))
        proc.stdin.flush()
        code = proc.wait(timeout=120)
        return code, proc.stdout.read(), proc.stderr.read()
    finally:
        proc.kill()
        proc.stdin.close()
        proc.stdout.close()
        proc.stderr.close()


@pytest.mark.parametrize(("shutdown", "expected"), [(True, 0), (False, 1)])
def test_process_exit_codes_and_clean_stdout(tmp_path: Path, shutdown: bool, expected: int) -> None:
    uri = (tmp_path / "a.md").as_uri()
    ending = closing() if shutdown else [notification("exit")]
    code, stdout, stderr = _server_process([*initialize(), did_open(uri, HEDGED), *ending], tmp_path)
    assert code == expected, stderr
    out = parse_output(stdout)  # nothing but framed messages
    assert [d["code"] for d in published(out, uri)[0]["diagnostics"]] == ["HDG001"]


def test_server_subcommand_help_and_bad_config(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from srclint.cli import main

    with pytest.raises(SystemExit) as exited:
        main(["server", "--help"])
    assert exited.value.code == 0 and "--no-config" in capsys.readouterr().out
    err = io.StringIO()
    assert main(["server", "--config", str(tmp_path / "missing.yaml")], stderr=err) == 2
    assert "no such configuration file" in err.getvalue()
