"""The stored Report: how a whole run's Report is written to and read from the run cache
(`.srclint_cache/report.json`, see `srclint.cache`), and how a run after an edit makes the
stored text of its Report from the previous run's without decoding it.

A Report is stored as plain JSON (`encode_report`): its files, its errors, and its findings and
suppressed findings as columns, one list per field, with tables for the strings many findings
share and the numbers packed as hex (`srclint.cache.hex32`), so that reading it back builds the
findings with a few `map` calls (`decode_report`). A run after an edit (`Linter._spliced_output`)
replaces the rows of the files it checked again: when one file changed, it copies every other
row's packed columns as text and writes only that file's rows and the table entries they add
(`_spliced_run_text`); otherwise it renumbers the columns (`_spliced_columns_text`); either way
the result is what `encode_report` gives for the spliced Report, which tests check with
hypothesis (tests/test_output_splice.py).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from itertools import compress, repeat
from operator import attrgetter, is_not, itemgetter, lt, truth
TYPE_CHECKING = False  # typing itself is not imported: a run that lints a file imports this module

from . import LazyModule
from .cache import hex32, ints
from .models import Applicability, FileError, Finding, Fix, Related, Report, Severity, make_finding
from .replay import REPORT_FORMAT

__all__ = ["decode_report", "encode_report", "spliced_report_parts", "spliced_report_pieces", "spliced_report_text"]

if TYPE_CHECKING:
    from typing import Any
    import json
    from collections.abc import Callable, Iterable, Mapping, Sequence

if not TYPE_CHECKING:  # imported when a report is first stored or read: a run without the cache never is
    json = LazyModule("json", globals())

_PATH = attrgetter("path")
_FINGERPRINT = attrgetter("fingerprint")
_FIRST = itemgetter(0)
_SEVERITY = {s.value: s for s in Severity}
_APPLICABILITY = {a.value: a for a in Applicability}


def _finding_row(f: Finding) -> list[Any]:
    return [
        f.code, f.name, f.severity.value, f.message, f.path, f.start, f.end, f.match,
        [[r.path, r.start, r.end, r.message, r.line, r.column, r.end_line, r.end_column] for r in f.related],
        None if f.fix is None else [f.fix.start, f.fix.end, f.fix.replacement, str(f.fix.applicability)],
        f.line, f.column, f.end_line, f.end_column, f.fingerprint, f.suppressed,
    ]  # fmt: skip


_BY_SEVERITY = attrgetter("severity")


def encode_report(report: Report) -> str | None:
    """A whole Report as one cache entry (the run replay): plain JSON of its files, errors and
    findings, the findings as columns (`_finding_columns`, the numbers `_packed`). Timings are
    not kept (a timed run is never replayed). None when something in it cannot be written."""
    try:
        return _report_json(
            list(report.files), [[e.path, e.message, e.kind, e.code] for e in report.errors],
            _packed(_finding_columns(report.findings)), _packed(_finding_columns(report.suppressed)),
        )  # fmt: skip
    except (TypeError, ValueError, AttributeError):
        return None


def _report_json(files: list[str], errors: list[Any], found: list[Any], hidden: list[Any]) -> str:
    """`json.dumps([REPORT_FORMAT, files, errors, found, hidden], ensure_ascii=True, separators=(",",
    ":"))` for packed columns (`_packed`), written with each packed column (a string of hex
    digits, which JSON writes as it is) put in as it is: the encoder scanned those hundreds of
    kilobytes of digits for characters to escape, most of the work of writing a report."""
    dump = json.JSONEncoder(ensure_ascii=True, separators=(",", ":")).encode

    def columns(values: list[Any]) -> str:
        return "[" + ",".join([f'"{c}"' if type(c) is str else dump(c) for c in values]) + "]"

    return f"[{dump(REPORT_FORMAT)},{dump(files)},{dump(errors)},{columns(found)},{columns(hidden)}]"


def decode_report(text: str) -> Report:
    """The inverse of `encode_report`. Raises on anything else (a damaged entry)."""
    layout, files, errors, found, hidden = json.loads(text)
    if layout != REPORT_FORMAT or not (isinstance(files, list) and all(type(p) is str for p in files)):
        raise TypeError("not a replayable report")
    if not isinstance(errors, list) or not all(
        isinstance(e, list) and len(e) == 4 and all(type(v) is str for v in e[:3]) and (e[3] is None or type(e[3]) is str)
        for e in errors
    ):
        raise TypeError("unexpected errors in a replayable report")
    return Report(
        findings=_findings_from_columns(_unpacked(found)),
        errors=tuple([FileError(*e) for e in errors]),
        files=tuple(files),
        suppressed=_findings_from_columns(_unpacked(hidden)),
        timings={},
    )


_NUMBERS = ("start", "end", "line", "column", "end_line", "end_column")


def _finding_columns(findings: Iterable[Finding]) -> list[Any]:
    """Findings as one list per field, so that decoding builds them with one `map` and no Python
    loop over rows: the rule (code, name, severity) as an index into a table of rules; the path,
    message and matched text as indexes into one table of strings (a report repeats the same few
    hundred messages thousands of times); the offsets, lines and columns (`_NUMBERS`) and the
    fingerprints as they are; and the rare related locations, fixes and suppression marks as
    [index, related, fix, suppressed] rows for the findings that have any (`_value_columns`,
    then `_encoded_values`)."""
    return _encoded_values(_value_columns(findings))


def _value_columns(findings: Iterable[Finding]) -> list[Any]:
    """Findings as one list per field, each value as it is: the rule as a (code, name, severity
    value) key, the path, message and matched text, the numbers (`_NUMBERS`), the fingerprint,
    then the [index, related, fix, suppressed] rows. A stored Report's findings are spliced in
    this form (`_spliced_values`), without a Finding made for each. Built a column at a time,
    each by a `map`."""
    fs = list(findings)
    n = len(fs)
    levels = list(map(_BY_SEVERITY, fs))
    if set(map(type, levels)) <= {Severity}:  # `.value` is a Python property: read once per member
        values = {level: level.value for level in set(levels)}
        rule_keys = list(zip(map(_CODE, fs), map(_NAME, fs), map(values.__getitem__, levels)))
    else:
        rule_keys = list(zip(map(_CODE, fs), map(_NAME, fs), map(_LEVEL_VALUE, fs)))
    numbers = [list(map(get, fs)) for get in _NUMBER_GETTERS]
    # The few findings with related locations, a fix or a suppression mark, found by C loops.
    positions = range(n)
    rare = {*compress(positions, map(truth, map(_RELATED, fs)))}
    rare.update(compress(positions, map(is_not, map(_FIX, fs), repeat(None))))
    rare.update(compress(positions, map(is_not, map(_SUPPRESSED, fs), repeat(None))))
    extras: list[Any] = []
    for i in sorted(rare):
        row = _finding_row(fs[i])
        extras.append([i, row[8], row[9], fs[i].suppressed])
    return [
        rule_keys, list(map(_PATH, fs)), list(map(_MESSAGE, fs)), list(map(_MATCH, fs)), *numbers, list(map(_FINGERPRINT, fs)), extras,
    ]  # fmt: skip


def _encoded_values(columns: list[Any]) -> list[Any]:
    """`_value_columns` with the rules and strings as indexes into tables. The tables list values
    in order of first use, which `dict.fromkeys` gives (the strings' in the order path, message,
    match of each finding in turn, by reading them from one list that interleaves the three
    columns)."""
    rule_keys, paths, messages, matches, *rest = columns
    n = len(paths)
    rules = {key: i for i, key in enumerate(dict.fromkeys(rule_keys))}
    texts: list[str] = [""] * (3 * n)
    texts[0::3] = paths
    texts[1::3] = messages
    texts[2::3] = matches
    strings = {text: i for i, text in enumerate(dict.fromkeys(texts))}
    indexes = list(map(strings.__getitem__, texts))
    return [[list(r) for r in rules], list(strings), list(map(rules.__getitem__, rule_keys)), indexes[0::3], indexes[1::3], indexes[2::3], *rest]


def _rows(columns: list[Any]) -> int:
    """The number of findings in encoded columns (`_encoded_values`, unpacked). Raises on columns
    of unequal length or an index before the start of its table (one past the end raises
    IndexError when it is looked up)."""
    _, _, rule_col, path_col, message_col, match_col, *numbers, fingerprints, _ = columns
    n = len(rule_col)
    if len(numbers) != len(_NUMBERS) or any(len(c) != n for c in (path_col, message_col, match_col, *numbers, fingerprints)):
        raise ValueError("columns of unequal length")
    if n and min(min(rule_col), min(path_col), min(message_col), min(match_col)) < 0:
        raise ValueError("an index before the start of its table")
    return n


def _decoded_values(columns: list[Any]) -> list[Any]:
    """The inverse of `_encoded_values` (on unpacked columns). Raises on columns of unequal
    length, an index outside its table, a rule or string of another type, an unknown severity
    or applicability, or rare rows out of order (a damaged entry)."""
    rules, strings, rule_col, path_col, message_col, match_col, *numbers, fingerprints, extras = columns
    n = _rows(columns)
    keys = [(code, name, level) for code, name, level in rules]
    if not all(type(c) is str and type(m) is str and type(v) is int and v in _SEVERITY for c, m, v in keys):
        raise ValueError("unexpected rules in a replayable report")
    if not set(map(type, strings)) <= {str} or not set(map(type, fingerprints)) <= {str}:
        raise ValueError("unexpected strings in a replayable report")
    last = -1
    for i, _, fix, _ in extras:
        if not (type(i) is int and last < i < n) or (fix is not None and fix[3] not in _APPLICABILITY):
            raise ValueError("unexpected values in a replayable report")
        last = i
    text = strings.__getitem__
    return [
        list(map(keys.__getitem__, rule_col)), list(map(text, path_col)), list(map(text, message_col)), list(map(text, match_col)),
        *numbers, fingerprints, extras,
    ]  # fmt: skip


def _spliced_values(old: list[Any], fresh: list[Any], paths: Iterable[str]) -> list[Any]:
    """Value columns (`_value_columns`) of findings sorted by path: `old`'s with the rows of each
    of `paths` replaced by `fresh`'s rows of that path, as `Linter._spliced` replaces a file's
    findings in a Report. The rare rows are renumbered to their findings' new places."""
    old_paths, new_paths = old[1], fresh[1]
    segments: list[tuple[list[Any], int, int]] = []  # (columns, first row, end row), in order
    at = 0
    for path in sorted(paths):
        lo = bisect_left(old_paths, path, at)
        segments.append((old, at, lo))
        first = bisect_left(new_paths, path)
        segments.append((fresh, first, bisect_right(new_paths, path, first)))
        at = bisect_right(old_paths, path, lo)
    segments.append((old, at, len(old_paths)))
    width = len(old) - 1  # the columns of one value per row; the rare rows are last
    out: list[list[Any]] = [[] for _ in range(width)]
    extras: list[Any] = []
    n = 0
    for columns, lo, hi in segments:
        if lo == hi:
            continue
        for column, values in zip(out, columns):
            column += values[lo:hi]
        for i, *rest in columns[width]:
            if lo <= i < hi:
                extras.append([i - lo + n, *rest])
        n += hi - lo
    return [*out, extras]


_HEX_COLUMNS = 4 + len(_NUMBERS)  # the packed columns of an encoded set of findings: rule, path, message, match, numbers


def _scanned_columns(text: str, at: int) -> tuple[list[Any], int] | None:
    """The parts of one set of packed columns (`_packed(_finding_columns(...))`, as `_report_json`
    writes it) starting at `text[at]`, for `_spliced_columns_text` and `_spliced_run_text`: the
    rules (decoded) and where their JSON is; where the strings' JSON is (not decoded) and that
    JSON `_masked` (None when the end was found by decoding them); where each packed column's hex
    is (not decoded); where the fingerprints' JSON starts and ends and the width of each item;
    the rare rows (decoded) and where their JSON is; the number of rows; and where the set ends.
    None when a column is not packed or the fingerprints are not all of one length without
    escapes (the caller then decodes the set in full); raises on anything else that is not such
    a set."""
    decode = json.JSONDecoder().raw_decode
    if text[at] != "[":
        raise ValueError("not a set of columns")
    rules_at = at + 1
    rules, at = decode(text, rules_at)
    rules_end = at
    if text[at] != ",":
        raise ValueError("not a set of columns")
    strings_at = at + 1
    masked = None  # the strings' JSON, `_masked`, when their end was found without decoding them
    if text[strings_at : strings_at + 2] == "[]":
        at = strings_at + 2
    else:  # the end of the strings without decoding them: the first '"],' whose quotation mark is not escaped
        at = text.index('"],"', strings_at) + 2
        while _escaped(text, at - 2):
            at = text.index('"],"', at) + 2
        masked = _masked(text[strings_at:at])
        if masked[:2] != '["' or masked.count('"') % 2:
            at, masked = decode(text, strings_at)[1], None
    strings_end = at
    packed: list[tuple[int, int]] = []  # where each packed column's hex starts and ends
    for _ in range(_HEX_COLUMNS):
        if text[at : at + 2] != ',"':
            return None  # a column kept as a list of numbers
        end = text.index('"', at + 2)
        packed.append((at + 2, end))
        at = end + 1
    n, odd = divmod(packed[0][1] - packed[0][0], 8)
    if odd or any(end - start != 8 * n for start, end in packed) or text[at : at + 2] != ",[":
        return None
    # The fingerprints: n strings of one length without escapes are `n` items of a fixed width,
    # sliced out by their row numbers (they are not decoded and written again).
    fp_at = at + 1
    if text[fp_at + 1] == "]":
        if n:
            return None
        width, fp_end = 0, fp_at + 2
    else:
        width = text.index('"', fp_at + 2) - fp_at + 1  # a quoted item and its comma
        fp_end = fp_at + 1 + width * n
        if (
            text[fp_at + 1 : fp_end : width] != '"' * n or text[fp_at + width - 1 : fp_end : width] != '"' * n
            or text[fp_at + width : fp_end : width] != "," * (n - 1) + "]" or text.find("\\", fp_at, fp_end) >= 0
        ):  # fmt: skip
            return None
    if text[fp_end] != ",":
        raise ValueError("not a set of columns")
    extras, at = decode(text, fp_end + 1)
    if text[at] != "]" or type(rules) is not list or type(extras) is not list:
        raise ValueError("not a set of columns")
    return [rules, (rules_at, rules_end), (strings_at, strings_end, masked), packed, (fp_at, fp_end, width), extras, (fp_end + 1, at), n], at + 1


def _spliced_columns_text(
    text: str, scanned: list[Any], fresh: list[Any], paths: Iterable[str], shown: list[str] | None
) -> str | None:  # fmt: skip
    """`_report_json`'s text of the set of columns `scanned` (`_scanned_columns` of `text`) with
    the rows of each of `paths` replaced by the rows of that path in `fresh` (value columns,
    `_value_columns`, sorted by path), as `_encoded_values` and `_packed` of `_spliced_values`
    would write it, without decoding the rows' numbers and fingerprints or writing them again:
    a path's rows are one run of rows (the findings are sorted by path), the numbers and
    fingerprints of the rows kept are copied as their text, and the tables (rules and strings, in
    order of first use) are written again only when the splice changed them. `shown`: the paths
    the rows must be of, in order (None: any, sorted). None when the columns do not fit these
    shortcuts (a path's index in the strings is lower than the one before it, as when a path is
    also a message; a fresh number does not fit 32 bits): the caller takes the long way."""
    rules, _, (strings_at, strings_end, _), spans, (fp_at, _, width), extras, _, n = scanned
    packed = [text[start:end] for start, end in spans]
    strings = json.loads(text[strings_at:strings_end])
    if type(strings) is not list:
        raise ValueError("not a set of columns")
    rule_ids, path_ids, message_ids, match_ids = map(ints, packed[:4])
    if sorted(path_ids) != path_ids:
        return None
    groups = list(dict.fromkeys(path_ids))  # each path's index in the strings, in row order
    names = list(map(strings.__getitem__, groups))
    if shown is not None and names != shown or not all(map(lt, names, names[1:])):
        raise ValueError("findings out of path order")
    fresh_rules, fresh_paths, fresh_messages, fresh_matches, *fresh_numbers, fresh_fingerprints, fresh_extras = fresh
    # The runs of rows: (from the old columns, first row, end row), in order.
    runs: list[tuple[bool, int, int]] = []
    at = 0
    for path in sorted(paths):
        g = bisect_left(names, path)
        lo = bisect_left(path_ids, groups[g]) if g < len(groups) else n
        runs.append((True, at, lo))
        first = bisect_left(fresh_paths, path)
        runs.append((False, first, bisect_right(fresh_paths, path, first)))
        at = bisect_right(path_ids, groups[g]) if g < len(groups) and names[g] == path else lo
    runs.append((True, at, n))
    # The strings' indexes, in the order `_encoded_values` reads them (path, message, match of each
    # row); a fresh string not in the old table takes an index past its end.
    known = dict(zip(strings, range(len(strings))))
    if len(known) != len(strings):
        return None
    added: dict[str, int] = {}
    fresh_texts: list[str] = [""] * (3 * len(fresh_paths))
    fresh_texts[0::3], fresh_texts[1::3], fresh_texts[2::3] = fresh_paths, fresh_messages, fresh_matches
    fresh_ids = [known[s] if s in known else added.setdefault(s, len(strings) + len(added)) for s in fresh_texts]
    old_ids: list[int] = [0] * (3 * n)
    old_ids[0::3], old_ids[1::3], old_ids[2::3] = path_ids, message_ids, match_ids
    rule_index = {tuple(r): i for i, r in enumerate(rules) if type(r) is list}
    if len(rule_index) != len(rules):
        return None  # rules listed twice, or not as lists
    fresh_rule_ids = [rule_index[key] if key in rule_index else rule_index.setdefault(key, len(rule_index)) for key in fresh_rules]
    ids: list[int] = []
    rule_col: list[int] = []
    extras_out: list[Any] = []
    row_runs: list[tuple[bool, int, int]] = []
    row = 0
    last = -1
    for i, *rest in extras:
        if not (type(i) is int and last < i < n):
            raise ValueError("unexpected values in a replayable report")
        last = i
    for old, lo, hi in runs:
        if lo == hi:
            continue
        ids += (old_ids if old else fresh_ids)[3 * lo : 3 * hi]
        rule_col += (rule_ids if old else fresh_rule_ids)[lo:hi]
        for i, *rest in extras if old else fresh_extras:
            if lo <= i < hi:
                extras_out.append([i - lo + row, *rest])
        row_runs.append((old, lo, hi))
        row += hi - lo
    dump = json.JSONEncoder(ensure_ascii=True, separators=(",", ":")).encode
    order = list(dict.fromkeys(ids))
    if order == list(range(len(strings))):  # the same table: the indexes stand
        strings_text = text[strings_at:strings_end]
        texts = [ids[0::3], ids[1::3], ids[2::3]]
    else:
        strings_text = _reordered_strings(text[strings_at:strings_end], [*strings, *added], order, len(strings))
        renumber = dict(zip(order, range(len(order)))).__getitem__
        mapped = list(map(renumber, ids))
        texts = [mapped[0::3], mapped[1::3], mapped[2::3]]
    rule_order = list(dict.fromkeys(rule_col))
    if rule_order == list(range(len(rules))):
        rules_text = dump(rules)
    else:
        keys = list(rule_index)
        rules_text = dump([list(keys[i]) for i in rule_order])
        rule_col = list(map(dict(zip(rule_order, range(len(rule_order)))).__getitem__, rule_col))
    columns = [hex32(rule_col), *map(hex32, texts)]
    for k, numbers in enumerate(fresh_numbers):  # the numbers: the old rows' hex copied, the fresh rows' packed
        old_hex = packed[4 + k]
        pieces = [old_hex[8 * lo : 8 * hi] if old else hex32(numbers[lo:hi]) for old, lo, hi in row_runs]
        hexes = [p for p in pieces if type(p) is str]
        if len(hexes) != len(pieces):
            return None  # a fresh number that does not fit: the column stays a list
        columns.append("".join(hexes))
    if not all(type(c) is str for c in columns):
        return None
    items = [
        text[fp_at + 1 + width * lo : fp_at + width * hi] if old else ",".join(map(dump, fresh_fingerprints[lo:hi]))
        for old, lo, hi in row_runs
    ]  # fmt: skip
    fingerprints_text = "[" + ",".join(items) + "]"
    return "[" + ",".join([rules_text, strings_text, *[f'"{c}"' for c in columns], fingerprints_text, dump(extras_out)]) + "]"


def _escaped(text: str, at: int) -> bool:
    """Whether the character at `at` of JSON text is escaped (an odd number of backslashes before it)."""
    k = at
    while k and text[k - 1] == "\\":
        k -= 1
    return (at - k) % 2 == 1


def _masked(text: str) -> str:
    """JSON text with its escaped backslashes and quotation marks (two characters each) as two
    NULs and two SOHs, which JSON text never holds as they are: its other quotation marks are
    then those around strings. (`_unmasked` undoes it.)"""
    return text.replace("\\\\", "\0\0").replace('\\"', "\1\1")


def _unmasked(text: str) -> str:
    return text.replace("\1\1", '\\"').replace("\0\0", "\\\\")


def _hex_of(value: int) -> str:
    """The hex of one number as `hex32` packs it."""
    return value.to_bytes(4, "little").hex()


class _PackedRows:
    """The packed columns (`hex32`) of `n` rows in `text`, each decoded to its bytes when first
    searched (in hex, a number's digits are found across two rows far more often)."""

    def __init__(self, text: str, n: int) -> None:
        self.text, self.n = text, n
        self.raw: dict[int, bytes] = {}

    def holds(self, column: int, value: int, first: int, end: int) -> bool:
        """Whether the column starting at `column` in the text holds `value` in rows first to end."""
        if first >= end:
            return False
        raw = self.raw.get(column)
        if raw is None:
            raw = self.raw[column] = bytes.fromhex(self.text[column : column + 8 * self.n])
        needle = value.to_bytes(4, "little")
        at = raw.find(needle, 4 * first, 4 * end)
        while at >= 0 and at % 4:
            at = raw.find(needle, at + 1, 4 * end)
        return at >= 0


def _spliced_run_text(
    text: str, scanned: list[Any], fresh: list[Any], path: str, rows: tuple[int, int]
) -> list[tuple[int, int, str]] | None:  # fmt: skip
    """`_spliced_columns_text`, as the changes to make to `text` (start, end, new text, in order),
    for one path whose rows (`rows`, first and end) are replaced by
    the rows of `fresh` (value columns of that path's findings, at least one), when the splice
    leaves every kept row's indexes into the tables as they are: only the tables' entries first
    used in the path's rows change, each in its place (a message with other numbers, as after
    most edits). The kept rows' packed columns are then copied as their text, and no row but the
    path's is decoded. None otherwise (the caller takes the longer way).

    A table lists its entries in order of first use, so the rows before the path's use exactly
    the entries before the first one first used in them (for the strings, the path itself, unless
    it is used before its rows: checked), and those first used in the path's rows follow. The
    new rows keep the kept rows' indexes when they first use as many entries, each either the
    old one in its place, or one in the place of an entry no later row uses (that entry is then
    no longer listed), found by looking for the packed index in the later rows' columns."""
    rules, (rules_at, rules_end), (strings_at, strings_end, held), packed, (fp_at, _, width), extras, extras_span, n = scanned
    lo, hi = rows
    if not (0 <= lo < hi <= n) or held is None or held[-2:] != '"]' or "\0" in text or "\1" in text:
        return None
    dump = json.JSONEncoder(ensure_ascii=True, separators=(",", ":")).encode
    items = held[2:-2].split('","')  # each string as JSON writes it (masked), without its quotation marks
    known = dict(zip(items, range(len(items))))
    path_id = known.get(_masked(dump(path)[1:-1]))
    if path_id is None or len(known) != len(items):
        return None
    rule_col, path_col, message_col, match_col = (start for start, _ in packed[:4])  # where each starts in `text`
    mark = _hex_of(path_id)
    if text[path_col + 8 * lo : path_col + 8 * hi] != mark * (hi - lo) or text[path_col + 8 * hi : path_col + 8 * hi + 8] == mark:
        return None
    later = (path_col, message_col, match_col)
    rows_of = _PackedRows(text, n)
    if any(rows_of.holds(column, path_id, 0, lo) for column in later):
        return None  # the path is used before its rows

    def used_later(value: int) -> bool:
        return any(rows_of.holds(column, value, hi, n) for column in later)

    # The strings: old rows' indexes, path, message and match of each row in turn.
    old_ids: list[int] = [0] * (3 * (hi - lo))
    old_ids[0::3], old_ids[1::3], old_ids[2::3] = (ints(text[column + 8 * lo : column + 8 * hi]) for column in later)
    fresh_rules, fresh_paths, fresh_messages, fresh_matches, *fresh_numbers, fresh_fingerprints, fresh_extras = fresh
    m = len(fresh_paths)
    texts: list[str] = [""] * (3 * m)
    texts[0::3], texts[1::3], texts[2::3] = fresh_paths, fresh_messages, fresh_matches
    escaped = [_masked(dump(s)[1:-1]) for s in texts]
    added: dict[str, int] = {}
    fresh_ids = [known[e] if e in known else added.setdefault(e, len(items) + len(added)) for e in escaped]
    new_items = _kept_places(old_ids, fresh_ids, path_id, len(items), used_later)
    remap: list[int] | None = None  # new indexes of the old and fresh strings, when the later rows' change
    if new_items is None:
        order = _first_use_order(old_ids, fresh_ids, path_id, len(items), used_later)
        if order is None:
            return None
        table = items + list(added)
        strings_text = _unmasked('["' + '","'.join(map(table.__getitem__, order)) + '"]')
        remap = [0] * len(table)
        for new, old in enumerate(order):
            remap[old] = new
        moved: list[tuple[int, int]] = []
        places = dict(zip(order, range(len(order))))
    else:
        places, moved = new_items
        strings_text = None
    if moved:
        table = items + list(added)
        items = list(items)
        for place, value in moved:
            items[place] = table[value]
        strings_text = _unmasked('["' + '","'.join(items) + '"]')
    # The rules: the rows before the path's use the rules before the first one first used in its
    # rows; which rules they use is found by looking for each packed index.
    rule_index = {tuple(r): i for i, r in enumerate(rules) if type(r) is list}
    if len(rule_index) != len(rules):
        return None
    old_rules = ints(text[rule_col + 8 * lo : rule_col + 8 * hi])
    fresh_rule_ids = [rule_index[key] if key in rule_index else rule_index.setdefault(key, len(rule_index)) for key in fresh_rules]
    seen_before = {r: rows_of.holds(rule_col, r, 0, lo) for r in {*old_rules, *fresh_rule_ids} if r < len(rules)}
    first_rule = min([r for r in old_rules if not seen_before[r]], default=None)
    if first_rule is None:  # none first used in the path's rows: the first one the rows before do not use
        first_rule = bisect_left(range(len(rules)), True, key=lambda r: not rows_of.holds(rule_col, r, 0, lo))
    if any(seen == (r >= first_rule) for r, seen in seen_before.items()):
        return None  # not the rules in order of first use

    def rule_later(value: int) -> bool:
        return rows_of.holds(rule_col, value, hi, n)

    keys = list(rule_index)
    rule_out = _kept_places(old_rules, fresh_rule_ids, first_rule, len(rules), rule_later)
    rule_remap: list[int] | None = None  # new indexes of the rules, when the later rows' change
    if rule_out is None:
        rule_order = _first_use_order(old_rules, fresh_rule_ids, first_rule, len(rules), rule_later)
        if rule_order is None:
            return None
        rules_out = [list(keys[i]) for i in rule_order]
        rule_remap = [0] * len(keys)
        for new, old in enumerate(rule_order):
            rule_remap[old] = new
        rule_places = dict(zip(rule_order, range(len(rule_order))))
    else:
        rule_places, rule_moves = rule_out
        rules_out = list(rules)
        for place, value in rule_moves:
            rules_out[place] = list(keys[value])
    new_rule_ids = [rule_places.get(r, r) for r in fresh_rule_ids]
    new_ids = [places.get(i, i) for i in fresh_ids]
    packed_fresh = [
        hex32(new_rule_ids), hex32(new_ids[0::3]), hex32(new_ids[1::3]), hex32(new_ids[2::3]), *map(hex32, fresh_numbers),
    ]  # fmt: skip
    columns = [c for c in packed_fresh if type(c) is str]
    if len(columns) != len(packed_fresh):
        return None  # a fresh number that does not fit: the column is a list
    # What changes in `text`, in order: (start, end, new text).
    edits: list[tuple[int, int, str]] = [(rules_at, rules_end, dump(rules_out))]
    if strings_text is not None:
        edits.append((strings_at, strings_end, strings_text))
    column_edits = [(start + 8 * lo, start + 8 * hi, new) for (start, _), new in zip(packed, columns)]
    for k, renumber in ((0, rule_remap), (1, remap), (2, remap), (3, remap)):
        if renumber is not None:  # the later rows' indexes renumbered: their column written anew from the path's rows on
            start = packed[k][0]
            renumbered = hex32(list(map(renumber.__getitem__, ints(text[start + 8 * hi : start + 8 * n]))))
            column_edits[k] = (start + 8 * lo, start + 8 * n, f"{columns[k]}{renumbered}")
    edits += column_edits
    # The fingerprints' items are each `width` long with the comma after it.
    edits.append((fp_at + 1 + width * lo, fp_at + width * hi, ",".join(map(dump, fresh_fingerprints))))
    shift = m - (hi - lo)
    last = -1
    kept_extras: list[Any] = []
    for row in extras:
        i = row[0]
        if not (type(i) is int and last < i < n):
            raise ValueError("unexpected values in a replayable report")
        last = i
        if i < lo:
            kept_extras.append(row)
        elif i >= hi:
            kept_extras.append([i + shift, *row[1:]])
    for i, *rest in fresh_extras:
        kept_extras.append([i + lo, *rest])
    kept_extras.sort(key=_FIRST)
    edits.append((*extras_span, dump(kept_extras)))
    return edits


def _first_use_order(
    old: list[int], fresh: list[int], first: int, size: int, used_later: Callable[[int], bool]
) -> list[int] | None:  # fmt: skip
    """For `_spliced_run_text` when `_kept_places` finds that the kept rows' indexes change: the
    entries of the new table in order, as indexes into the old table (a fresh entry not in it
    from `size` on): those before `first`, the new rows' first used ones, then the later rows'
    (those after the old rows' first used ones: an entry first used in the old rows that the new
    rows do not use must not be used later). None when one is."""
    firsts = [i for i in dict.fromkeys(old) if i >= first]
    count = len(firsts)
    if firsts != list(range(first, first + count)):
        return None
    news = [i for i in dict.fromkeys(fresh) if i >= first]
    taken = set(news)
    if any(used_later(i) for i in range(first, first + count) if i not in taken):
        return None
    return [*range(first), *news, *[i for i in range(first + count, size) if i not in taken]]


def _kept_places(
    old: list[int], fresh: list[int], first: int, size: int, used_later: Callable[[int], bool]
) -> tuple[dict[int, int], list[tuple[int, int]]] | None:  # fmt: skip
    """For `_spliced_run_text`, one table of `size` entries: `old` and `fresh` the indexes the
    replaced rows and the new ones use, in order (a fresh entry not in the table has an index
    from `size` on), `first` the first entry first used in the old rows. Gives where each entry
    first used in the new rows goes (index: place) and the places whose entry changes (place,
    new entry); None when the kept rows' indexes would change."""
    firsts = [i for i in dict.fromkeys(old) if i >= first]
    count = len(firsts)
    if firsts != list(range(first, first + count)):
        return None
    news = [i for i in dict.fromkeys(fresh) if i >= first]
    if len(news) != count:
        return None
    places: dict[int, int] = {}
    moved: list[tuple[int, int]] = []
    for k, value in enumerate(news):
        place = first + k
        places[value] = place
        if value != place:
            if (value < size and (value >= first + count or used_later(value))) or used_later(place):
                return None
            moved.append((place, value))
    return places, moved


def _reordered_strings(held: str, table: list[str], order: list[int], kept: int) -> str:
    """The JSON of `[table[i] for i in order]`, where `held` is the JSON of the first `kept` strings
    of `table` (as `json.dumps` writes a list): each of those is copied as it is written there (a
    table of strings in a stored Report changes by a few strings at a time), the others are
    written anew."""
    masked = _masked(held)  # its escaped quotation marks hidden: each '","' is between two strings
    if kept and masked[:2] == '["' and masked[-2:] == '"]' and "\0" not in held and "\1" not in held:
        items = masked[2:-2].split('","')
        if len(items) == kept:
            dump = json.JSONEncoder(ensure_ascii=True, separators=(",", ":")).encode
            items += [_masked(dump(s)[1:-1]) for s in table[kept:]]
            return _unmasked('["' + '","'.join(map(items.__getitem__, order)) + '"]') if order else "[]"
    return _strings_json(list(map(table.__getitem__, order)))


def _strings_json(values: Any) -> str:
    """`json.dumps(values, ensure_ascii=True, separators=(",", ":"))` for a list of strings: when
    none holds a character JSON escapes (one beyond ASCII, a control character, a quotation mark
    or a backslash), each is written as it is between quotation marks, without the encoder's scan
    of each character."""
    if type(values) is not list or not set(map(type, values)) <= {str}:
        return json.dumps(values, ensure_ascii=True, separators=(",", ":"))
    joined = '","'.join(values)
    if joined.isascii():
        data = joined.encode("ascii")
        if len(data.translate(None, _ESCAPED)) == len(data) and data.count(b'"') == 2 * len(values) - 2:
            return f'["{joined}"]' if values else "[]"
    return json.dumps(values, ensure_ascii=True, separators=(",", ":"))


_ESCAPED = bytes([*range(32), 127]) + b"\\"  # what JSON escapes (ensure_ascii) besides quotation marks and what is not ASCII


_CODE, _NAME, _MESSAGE, _MATCH = map(attrgetter, ("code", "name", "message", "match"))


_PACKED = slice(2, 2 + 4 + len(_NUMBERS))  # the columns of numbers: indexes into the tables, offsets, lines, columns


def _packed(columns: list[Any]) -> list[Any]:
    """`_finding_columns` with each column of numbers as the hex of its little-endian 32-bit
    values (`hex32`): JSON writing and reading tens of thousands of numbers one by one was most
    of the work of storing a report and a good part of reading it back; `array` converts them
    in C. A column with a number that does not fit (negative or too large) stays a list."""
    out = list(columns)
    for i in range(_PACKED.start, _PACKED.stop):
        out[i] = hex32(out[i])
    return out


def _unpacked(columns: list[Any]) -> list[Any]:
    """The inverse of `_packed`. Raises ValueError on a packed column that is not whole 32-bit
    values in hex (a damaged entry)."""
    out = list(columns)
    for i in range(_PACKED.start, min(_PACKED.stop, len(out))):
        out[i] = ints(out[i])
    return out


_RELATED, _FIX, _SUPPRESSED = map(attrgetter, ("related", "fix", "suppressed"))


_LEVEL_VALUE = attrgetter("severity.value")


_NUMBER_GETTERS = tuple(map(attrgetter, _NUMBERS))


def _findings_from_columns(data: list[Any]) -> tuple[Finding, ...]:
    """The inverse of `_finding_columns`. Raises on columns of unequal length, an index outside
    its table, or an unknown severity or applicability (a damaged entry)."""
    rules, strings, rule_col, path_col, message_col, match_col, *numbers, fingerprints, extras = data
    n = _rows(data)
    codes = [r[0] for r in rules]
    names = [r[1] for r in rules]
    levels = [_SEVERITY[r[2]] for r in rules]
    related: list[tuple[Related, ...]] = [()] * n
    fixes: list[Fix | None] = [None] * n
    marks: list[str | None] = [None] * n
    for i, rel, fix, mark in extras:
        if not (type(i) is int and 0 <= i < n):
            raise ValueError("unexpected values in a replayable report")
        related[i] = tuple([Related(*r) for r in rel]) if rel else ()
        fixes[i] = None if fix is None else Fix(fix[0], fix[1], fix[2], _APPLICABILITY[fix[3]])
        marks[i] = mark
    start, end, line, column, end_line, end_column = numbers
    text = strings.__getitem__
    return tuple(
        map(
            make_finding, map(codes.__getitem__, rule_col), map(names.__getitem__, rule_col), map(levels.__getitem__, rule_col),
            map(text, message_col), map(text, path_col), start, end, map(text, match_col), related, fixes,
            line, column, end_line, end_column, fingerprints, marks,
        )  # fmt: skip
    )


class _BaseEdit:
    """The stored base's JSON (`_splice_base`), where the JSON of its joined file lines is in it
    (none of them holds a quotation mark or a backslash), and the lines that changed, by number,
    with their new text: what `_base_json` needs to write the new base without escaping every
    line again."""

    __slots__ = ("changed", "end", "lines", "start", "text")

    def __init__(self, text: str, start: int, end: int, changed: dict[int, str], lines: int) -> None:
        self.text, self.start, self.end, self.changed = text, start, end, changed
        self.lines = lines  # how many the joined lines split into at their line breaks


def _base_json(base: list[Any], edit: _BaseEdit | None) -> str:
    """`json.dumps(base, ensure_ascii=True, separators=(",", ":"))` for a base (`_splice_base`);
    with `edit`, the JSON of the joined file lines is the stored one with the changed lines'
    JSON put in (each line's JSON ends at a "\\n" escape: no line holds a backslash), and the
    claims digests (hex and dashes) are written as they are."""
    dump = json.JSONEncoder(ensure_ascii=True, separators=(",", ":")).encode
    head, joined, digest_text, *rest = base
    lines = None
    if edit is not None:
        lines = edit.text[edit.start : edit.end].split("\\n")
        if len(lines) != edit.lines:
            lines = None
    if edit is None or lines is None:
        joined_json = dump(joined)
    else:
        for i, line in edit.changed.items():
            lines[i] = dump(line)[1:-1]
        joined_json = '"' + "\\n".join(lines) + '"'
    return "[" + ",".join([dump(head), joined_json, _plain_json(digest_text), *map(dump, rest)]) + "]"


def _index_json(index: list[Any]) -> str:
    """`json.dumps(index, ensure_ascii=True, separators=(",", ":"))` for an output's index
    (`srclint.reporters.blocks.make_index`): its packed numbers (hex) and its paths (when none
    holds a character JSON escapes) are written as they are, not scanned character by character."""
    if not (type(index) is list and len(index) == 6):
        return json.dumps(index, ensure_ascii=True, separators=(",", ":"))
    paths, starts, errors, summary, others, counts = index
    dump = json.JSONEncoder(ensure_ascii=True, separators=(",", ":")).encode

    def numbers(value: Any) -> str:  # `hex32`'s hex digits (made here, by `make_index`), or the list it gave back
        return f'"{value}"' if type(value) is str else dump(value)

    parts = [_strings_json(paths), numbers(starts), dump(errors), dump(summary), _strings_json(others), numbers(counts)]
    return "[" + ",".join(parts) + "]"


def _plain_json(text: Any) -> str:
    """`json.dumps(text)` (ASCII), without the encoder's scan of each character when the text holds
    nothing JSON escapes."""
    if type(text) is str and text.isascii():
        data = text.encode("ascii")
        if len(data.translate(None, _ESCAPED)) == len(data) and b'"' not in data:
            return f'"{text}"'
    return json.dumps(text, ensure_ascii=True, separators=(",", ":"))


def _report_parts(text: str) -> tuple[list[str], list[Any], int]:
    """The files and errors of an encoded Report (`encode_report`), and where the rest (its findings
    and suppressed findings) starts: the comma before them. Raises on anything else (a damaged
    entry)."""
    decoder = json.JSONDecoder()
    if not text.startswith('["'):
        raise ValueError("not a replayable report")
    layout, at = decoder.raw_decode(text, 1)
    if layout != REPORT_FORMAT or text[at : at + 2] != ",[":
        raise ValueError("not a replayable report")
    files, at = decoder.raw_decode(text, at + 1)
    if text[at : at + 2] != ",[":
        raise ValueError("not a replayable report")
    errors, at = decoder.raw_decode(text, at + 1)
    if type(files) is not list or not set(map(type, files)) <= {str} or text[at] != ",":
        raise ValueError("not a replayable report")
    if not all(type(e) is list and len(e) == 4 and type(e[0]) is str and type(e[2]) is str for e in errors):
        raise ValueError("unexpected errors in a replayable report")
    return files, errors, at


def spliced_report_text(
    text: str, fresh: Report, subset: set[str], paths: list[str], count: int, problems: list[Any],
    counts: Mapping[str, Sequence[int]] | None = None,
) -> str | None:  # fmt: skip
    """What `encode_report` gives for the stored Report (`text`) with the part of the files in
    `subset` replaced by `fresh`'s, as `Linter._spliced` replaces it; None when it does not decode,
    or is not what its base says (`count` files, errors at `problems`), or its findings are
    not in the blocks of `paths` (the index of the output kept with it), in path order.
    `counts`: the index's counts per path (`read_index`), which say where a path's findings
    are among the Report's (`_spliced_run_text`)."""
    pieces = spliced_report_parts(text, fresh, subset, paths, count, problems, counts)
    return None if pieces is None else "".join(pieces)


def spliced_report_parts(
    text: str, fresh: Report, subset: set[str], paths: list[str], count: int, problems: list[Any],
    counts: Mapping[str, Sequence[int]] | None = None,
) -> list[str] | None:  # fmt: skip
    """`spliced_report_text` in pieces (to be joined, or written one after the other): the
    stored Report's text is not copied whole."""
    pieces = spliced_report_pieces(text, fresh, subset, paths, count, problems, counts)
    return None if pieces is None else [p if type(p) is str else text[p[0] : p[1]] for p in pieces]


def spliced_report_pieces(
    text: str, fresh: Report, subset: set[str], paths: list[str], count: int, problems: list[Any],
    counts: Mapping[str, Sequence[int]] | None = None,
) -> list[str | tuple[int, int]] | None:  # fmt: skip
    """`spliced_report_parts` with each stretch of `text` kept as it is given as where it starts
    and ends in `text` (a writer copies it from the bytes the text was read from)."""
    try:
        files, errors, at = _report_parts(text)
    except Exception:  # noqa: BLE001 - a damaged entry, whatever it raises
        return None
    if len(files) != count or [[e[0], e[2]] for e in errors] != problems:
        return None
    try:  # the short way: the kept rows copied as their text (`_spliced_columns_text`)
        found_scan = _scanned_columns(text, at + 1)
        hidden_scan = None if found_scan is None or text[found_scan[1]] != "," else _scanned_columns(text, found_scan[1] + 1)
        if found_scan is not None and hidden_scan is not None and hidden_scan[1] == len(text) - 1 and text[-1] == "]":
            found_values = _value_columns(fresh.findings)
            edits = None
            if counts is not None and len(subset) == 1 and fresh.findings:
                (path,) = subset
                lo = sum([counts[p][0] for p in paths[: bisect_left(paths, path)]])
                edits = _spliced_run_text(text, found_scan[0], found_values, path, (lo, lo + counts.get(path, (0,))[0]))
            if edits is None:
                found_text = _spliced_columns_text(text, found_scan[0], found_values, subset, paths)
                edits = None if found_text is None else [(at + 1, found_scan[1], found_text)]
            hidden_text = _spliced_columns_text(text, hidden_scan[0], _value_columns(fresh.suppressed), subset, None)
            if edits is not None and hidden_text is not None:
                edits.append((found_scan[1] + 1, hidden_scan[1], hidden_text))
                pieces: list[str | tuple[int, int]] = []  # the text between the changes as it was (the files and errors first)
                done = 0
                for start, end, new in edits:
                    pieces += [(done, start), new]
                    done = end
                pieces.append((done, len(text)))
                return pieces
    except Exception:  # noqa: BLE001, S110 - damaged, or beyond the short way: the long way decides
        pass
    try:
        found, hidden = json.loads("[" + text[at + 1 :])
        old_found, old_hidden = _decoded_values(_unpacked(found)), _decoded_values(_unpacked(hidden))
    except Exception:  # noqa: BLE001 - a damaged entry, whatever it raises
        return None
    if any(column != sorted(column) for column in (old_found[1], old_hidden[1])) or list(dict.fromkeys(old_found[1])) != paths:
        return None
    found_values = _spliced_values(old_found, _value_columns(fresh.findings), subset)
    hidden_values = _spliced_values(old_hidden, _value_columns(fresh.suppressed), subset)
    try:
        return [_report_json(files, errors, _packed(_encoded_values(found_values)), _packed(_encoded_values(hidden_values)))]
    except (TypeError, ValueError):
        return None
