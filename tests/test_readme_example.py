"""The README's pipeline example and examples/pipeline.py run as written."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from .conftest import ROOT

README = ROOT / "README.md"


def readme_blocks() -> list[str]:
    text = README.read_text(encoding="utf-8")
    section = re.search(r"<!-- readme-example:start -->(.*?)<!-- readme-example:end -->", text, re.S)
    assert section, "README lost its marked example section"
    return re.findall(r"```python\n(.*?)```", section.group(1), re.S)


def test_readme_pipeline_example_runs(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    blocks = readme_blocks()
    assert blocks
    monkeypatch.chdir(ROOT)
    namespace: dict[str, object] = {"__name__": "__readme__"}
    for block in blocks:
        exec(compile(block, str(README), "exec"), namespace)  # noqa: S102 - our own README
    out = capsys.readouterr().out
    assert "HDG001" in out and "2025-10-26" in out


def test_examples_pipeline_script_runs() -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "examples/pipeline.py"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 1, done.stderr  # the seeds have findings
    assert '"code": "HDG001"' in done.stdout and "quantities" in done.stdout
