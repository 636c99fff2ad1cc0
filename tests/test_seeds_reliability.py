"""The seed articles: the sourcing, speculation and tone findings issue 3 asks for, and the traps it must avoid."""

from __future__ import annotations

from pathlib import Path

import pytest

import srclint

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
FAMILIES = ["ATT", "HDG", "TON"]


@pytest.fixture(scope="module")
def findings() -> dict[str, list[srclint.Finding]]:
    report = srclint.lint([SEEDS], select=FAMILIES)
    out: dict[str, list[srclint.Finding]] = {}
    for f in report.findings:
        out.setdefault(Path(f.path).name[:3], []).append(f)
    return out


def _has(found: list[srclint.Finding], code: str, match: str) -> bool:
    return any(f.code == code and f.match == match for f in found)


@pytest.mark.parametrize(
    ("code", "match"),
    [
        ("ATT003", "U.S. intelligence reports"),
        ("ATT002", "U.S. officials deny"),
        ("ATT002", "Russian officials reaffirmed"),
        ("ATT001", "Analysts note"),
        ("HDG002", "could"),  # "could trigger"
        ("HDG001", "allegedly"),
        ("ATT003", "Leaked U.S. government documents"),
    ],
)
def test_000_flags(findings: dict[str, list[srclint.Finding]], code: str, match: str) -> None:
    assert _has(findings["000"], code, match)


@pytest.mark.parametrize(
    ("code", "match"),
    [
        ("ATT001", "Analysts speculate"),
        ("HDG001", "perhaps"),
        ("HDG001", "reportedly"),
        ("HDG003", "amid whispers of"),
        ("ATT001", "Experts warn"),
        ("HDG002", "could"),  # "could tip"
        ("HDG003", "hints at"),
        ("ATT003", "leaked U.S. documents"),
        ("TON001", "hulking"),
        ("TON002", "frantic diplomatic scramble"),
        ("TON002", "bold display"),
    ],
)
def test_004_flags(findings: dict[str, list[srclint.Finding]], code: str, match: str) -> None:
    assert _has(findings["004"], code, match)


def test_modals_are_the_ones_asked_for(findings: dict[str, list[srclint.Finding]]) -> None:
    text = {p: (SEEDS / next(n for n in (x.name for x in SEEDS.iterdir()) if n.startswith(p))).read_text() for p in ("000", "004")}
    follow = {p: [text[p][f.end : f.end + 8].split()[0] for f in fs if f.code == "HDG002"] for p, fs in findings.items()}
    assert "trigger" in follow["000"] and "tip" in follow["004"]


def test_named_and_confirmed_sources_are_not_flagged(findings: dict[str, list[srclint.Finding]]) -> None:
    att = [f for fs in findings.values() for f in fs if f.code.startswith("ATT")]
    assert not any("Foreign Ministry" in f.match or "statements" in f.match for f in att)
    assert not any(any(w in f.match for w in ("Reuters", "Al Jazeera", "Anadolu")) for f in att)
    # "leaked U.S. documents reviewed by The Washington Post" names who reviewed them
    doc000 = (SEEDS / "000_28c3a11502086edd.txt").read_text()
    reviewed = doc000.index("leaked U.S. documents reviewed by")
    assert not any(f.start == reviewed for f in findings["000"])


def test_nothing_inside_the_quoted_words(findings: dict[str, list[srclint.Finding]]) -> None:
    doc000 = (SEEDS / "000_28c3a11502086edd.txt").read_text()
    lo = doc000.index('"routine anti-drug operations."')
    hi = lo + len('"routine anti-drug operations."')
    assert not any(lo <= f.start < hi for f in findings["000"])
