"""JUnit XML, the format CI servers (Jenkins, GitLab, Azure) show as test results.

One `<testsuite>` per linted file and one `<testcase>` per finding, failing; a clean file gets one
passing test case, so the file still shows up as checked. XML 1.0 cannot carry every character a
damaged article holds (C0/C1 controls, lone surrogates from invalid bytes), so those are written
as visible `\\uXXXX` escapes instead of producing a file no parser accepts.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from typing import TYPE_CHECKING, Any

from ..models import Finding, Report

if TYPE_CHECKING:
    from ..packs import RuleSet

__all__ = ["render", "xml_safe"]

_NOT_XML = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(text: str) -> str:
    return _NOT_XML.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def render(report: Report, rules: RuleSet | None = None, **_: Any) -> str:
    by_file: dict[str, list[Finding]] = defaultdict(list)
    for f in report.findings:
        by_file[f.path].append(f)
    root = ET.Element("testsuites", name="srclint", tests="0", failures="0", errors=str(len(report.errors)))
    total = failures = 0
    for path in sorted({*report.files, *by_file}):
        findings = by_file.get(path, [])
        suite = ET.SubElement(root, "testsuite", name=xml_safe(path), tests=str(max(1, len(findings))),
                              failures=str(len(findings)), errors="0", skipped="0")  # fmt: skip
        total += max(1, len(findings))
        failures += len(findings)
        if not findings:
            ET.SubElement(suite, "testcase", name="srclint", classname=xml_safe(path))
        for f in findings:
            case = ET.SubElement(suite, "testcase", name=f"{f.code} {f.name} ({f.line}:{f.column})",
                                 classname=xml_safe(path), file=xml_safe(path), line=str(f.line))  # fmt: skip
            failure = ET.SubElement(case, "failure", message=xml_safe(f.message), type=f.code)
            detail = [f"{f.path}:{f.line}:{f.column}: {f.code} [{f.severity}] {f.message}", f"matched: {f.match}"]
            detail += [f"note: {r.path}:{r.line}:{r.column}: {r.message}" for r in f.related]
            failure.text = xml_safe("\n".join(detail))
    if report.errors:
        suite = ET.SubElement(root, "testsuite", name="srclint errors", tests=str(len(report.errors)),
                              failures="0", errors=str(len(report.errors)), skipped="0")  # fmt: skip
        total += len(report.errors)
        for e in report.errors:
            case = ET.SubElement(suite, "testcase", name=xml_safe(f"{e.kind}: {e.path}"), classname="srclint")
            ET.SubElement(case, "error", message=xml_safe(e.message), type=e.kind)
    root.set("tests", str(total))
    root.set("failures", str(failures))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
