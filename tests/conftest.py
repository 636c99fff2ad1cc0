from __future__ import annotations

import os
from pathlib import Path

import pytest

import srclint
from srclint.packs import RuleSet, load_rules

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"

# A `srclint daemon` the developer has running would take the command lines the tests run (with
# the same output, but then the tests would test it rather than the code in this tree).
# tests/test_daemon.py starts its own, on sockets of its own.
os.environ["SRCLINT_NO_DAEMON"] = "1"


@pytest.fixture(scope="session")
def builtin_rules() -> RuleSet:
    return load_rules()


def codes(report: srclint.Report) -> list[str]:
    return [f.code for f in report.findings]


def matches(report: srclint.Report, code: str | None = None) -> list[str]:
    return [f.match for f in report.findings if code is None or f.code == code]
