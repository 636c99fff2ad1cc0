"""Cross-document consistency (CON) and single-document date checks (DAT), end to end."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from srclint.claims import Claim
from srclint.config import Settings
from srclint.engine import Linter, check_document
from srclint.formats import from_text
from srclint.models import Severity
from srclint.packs import load_rules
from srclint.text.events import same_name

from .conftest import SEEDS

RULES = load_rules()
CON = Linter(RULES.only(["CON001", "CON002"]))
DAT = Linter(RULES.only(["DAT001", "DAT002", "DAT003"]))


def con(docs: dict[str, str]) -> list[tuple[str, str, str]]:
    """(code, path, severity) of every CON finding."""
    return [(f.code, f.path, str(f.severity)) for f in CON.lint_mapping(docs).findings]


# -- the seeds ------------------------------------------------------------------------------------
def test_seeds_report_the_landing_conflict_in_both_files_pointing_at_each_other() -> None:
    report = Linter().lint_paths([str(SEEDS)])
    found = [f for f in report.findings if f.code.startswith("CON")]
    assert len(found) == 2, [f.message for f in found]
    by_name = {Path(f.path).name[:3]: f for f in found}
    a, b = by_name["000"], by_name["004"]
    assert a.match == "October 27, 2025" and b.match == "October 26, 2025"
    assert "2025-10-27 here conflicts with 2025-10-26" in a.message and a.message.startswith("landing date")
    assert "2025-10-26 here conflicts with 2025-10-27" in b.message
    assert a.severity == b.severity == Severity.WARNING  # both about Caracas: no time-zone excuse
    assert a.related[0].path == b.path and (a.related[0].line, a.related[0].column) == (b.line, b.column)
    assert b.related[0].path == a.path and (b.related[0].line, b.related[0].column) == (a.line, a.column)
    assert f"{b.path}:{b.line}:{b.column}" in a.message
    assert not any("30-31" in f.match or "5,000" in f.match for f in found)


# -- normalisation through claims ------------------------------------------------------------------
@pytest.mark.parametrize(
    ("a", "b", "conflict"),
    [
        ("on October 27, 2025", "on October 26, 2025", True),
        ("on Oct. 27, 2025", "on 27 October 2025", False),
        ("on October 27, 2025", "in late October 2025", False),  # 21-31 covers the 27th
        ("on October 27, 2025", "in mid-October 2025", True),  # 11-20
        ("on October 27, 2025", "on October 26-27, 2025", False),
        ("on October 30-31, 2025", "on October 27, 2025", True),
        ("on October 27, 2025", "in October 2025", False),
        ("on October 27, 2025", "on March 2, 2025", False),  # months apart: another occurrence
    ],
)
def test_date_intervals(a: str, b: str, conflict: bool) -> None:
    docs = {"a.txt": f"A Russian plane landed in Caracas {a}.", "b.txt": f"A Russian cargo plane landed in Caracas {b}."}
    assert bool(con(docs)) is conflict


def test_relative_dates_resolve_against_the_dateline() -> None:
    docs = {
        "a.txt": "CARACAS, Oct 28, 2025 (Reuters) - A Russian plane landed in Caracas on Sunday.",  # Oct 26
        "b.txt": "A Russian cargo plane landed in Caracas on October 27, 2025.",
        "c.txt": "A Russian jet landed in Caracas on October 26, 2025.",
    }
    a = [f for f in CON.lint_mapping(docs).findings if f.path == "a.txt"]
    assert len(a) == 1 and "2025-10-26 here conflicts with 2025-10-27 in b.txt" in a[0].message
    assert [r.path for r in a[0].related] == ["b.txt"]  # c.txt says Oct 26 too: agrees


def test_no_anchor_means_no_claim() -> None:
    docs = {"a.txt": "A Russian plane landed in Caracas on Sunday.", "b.txt": "A Russian jet landed in Caracas on October 27, 2025."}
    assert con(docs) == []


@pytest.mark.parametrize(
    ("a", "b", "conflict"),
    [
        ("12 people were killed", "eight people were killed", True),
        ("at least 32 people were killed", "35 people were killed", False),
        ("about 100 people were killed", "105 people were killed", False),
        ("dozens of people were killed", "30 people were killed", False),
        ("dozens of people were killed", "300 people were killed", True),
        ("more than 5,000 people died", "5,000 people died", False),
    ],
)
def test_count_intervals(a: str, b: str, conflict: bool) -> None:
    docs = {"a.txt": f"In Kabul, {a} in the blast at the Afghan ministry on May 2, 2025.",
            "b.txt": f"In Kabul, {b} in the blast at the Afghan ministry on May 2, 2025."}
    assert bool(con(docs)) is conflict


def test_igla_counts_with_and_without_over_agree() -> None:
    docs = {"a.txt": "Venezuela bought 5,000 Russian Igla-S missiles from Moscow.",
            "b.txt": "Venezuela bought over 5,000 Russian Igla-S missiles from Moscow."}
    assert con(docs) == []


def test_designators_and_years_are_not_counts() -> None:
    docs = {"a.txt": "A Russian Il-76 landed in Caracas with 20 troops in 2025.",
            "b.txt": "A Russian Il-78 landed in Caracas with 20 troops in 2024."}
    assert con(docs) == []


# -- suppressions ---------------------------------------------------------------------------------
def test_distinct_occurrence_is_not_a_conflict() -> None:
    for marker in ("A second Russian plane landed", "Another Russian plane landed", "A Russian plane landed again"):
        docs = {"a.txt": "A Russian plane landed in Caracas on October 27, 2025.", "b.txt": f"{marker} in Caracas on October 29, 2025."}
        assert con(docs) == [], marker


def test_second_vs_second_still_compared() -> None:
    docs = {"a.txt": "A second Russian plane landed in Caracas on October 27, 2025.",
            "b.txt": "A second Russian plane landed in Caracas on October 29, 2025."}
    assert len(con(docs)) == 2


def test_update_is_not_a_conflict() -> None:
    docs = {"a.txt": "Eight people were killed in the blast in Baghdad on May 2, 2025.",
            "b.txt": "The death toll from the blast in Baghdad rose to 40 people on May 2, 2025."}
    assert con(docs) == []


def test_one_day_across_time_zones_is_info() -> None:
    docs = {"a.txt": "MOSCOW, Oct 28, 2025 (Reuters) - A Russian plane landed in Venezuela on October 27, 2025.",
            "b.txt": "CARACAS, Oct 28, 2025 (Reuters) - A Russian plane landed in Venezuela on October 26, 2025."}
    assert sorted(con(docs)) == [("CON001", "a.txt", "info"), ("CON001", "b.txt", "info")]
    docs["a.txt"] = docs["a.txt"].replace("October 27", "October 24")  # three days: not a time zone
    assert {s for _, _, s in con(docs)} == {"warning"}


def test_quotes_from_different_speakers_are_info() -> None:
    docs = {"a.txt": '"The Russian plane landed in Caracas on October 27, 2025," Padrino said.',
            "b.txt": '"The Russian plane landed in Caracas on October 26, 2025," Rubio said.'}
    found = CON.lint_mapping(docs).findings
    assert len(found) == 2 and all(f.severity == Severity.INFO and "sources disagree" in f.message for f in found)


def test_near_agreement_across_units() -> None:
    docs = {"a.txt": "A Russian plane carrying 20 tons of cargo landed in Caracas on October 27, 2025.",
            "b.txt": "A Russian plane carrying 20,000 kg of cargo landed in Caracas on October 27, 2025.",
            "c.txt": "A Russian plane carrying 15 tonnes of cargo landed in Caracas on October 27, 2025."}
    assert {p for _, p, _ in con(docs)} == {"c.txt", "a.txt", "b.txt"}  # 15 t is neither ...
    del docs["c.txt"]
    assert con(docs) == []  # ... but 20 t is 20,000 kg


def test_different_places_are_different_events() -> None:
    docs = {"a.txt": "A Russian plane landed in Caracas on October 27, 2025.", "b.txt": "A Russian plane landed in Havana on October 26, 2025."}
    assert con(docs) == []


def test_different_countries_are_different_events() -> None:
    docs = {"a.txt": "A Russian plane landed in Caracas on October 27, 2025.", "b.txt": "A Chinese plane landed in Caracas on October 26, 2025."}
    assert con(docs) == []


def test_rules_survive_pickling() -> None:
    import pickle

    rules = pickle.loads(pickle.dumps(RULES.only(["CON001"])))
    docs = {"a.txt": "A Russian plane landed in Caracas on October 27, 2025.", "b.txt": "A Russian jet landed in Caracas on October 26, 2025."}
    assert len(Linter(rules).lint_mapping(docs).findings) == 2


def _claims(text: str) -> list[tuple[str, str, str, str]]:
    """(rule, event, value as written, day of the claim) of every CON001/CON002 claim of one text."""
    found = check_document(from_text(text, "a.txt"), RULES.only(["CON001", "CON002"])).claims
    return [(code, c.event, c.text, dt.date.fromordinal(int(c.when_low)).isoformat())
            for code in ("CON001", "CON002") for c in found[code]]


def test_each_trigger_takes_the_date_nearest_to_it() -> None:
    text = ("A Russian plane landed in Caracas on October 20, 2025, and weeks later the Russian jet departed "
            "on October 27, 2025 from Caracas.")
    assert _claims(text) == [("CON001", "arrival", "October 20, 2025", "2025-10-20"),
                             ("CON001", "departure", "October 27, 2025", "2025-10-27")]


def test_counts_need_a_date_in_their_sentence_or_the_document() -> None:
    """Trigger sentences without a time are skipped before any framing or counting: in an undated
    document only the sentence with a date gives a count; with a dateline every sentence does."""
    undated = ("In Kabul, 12 people were killed in the blast at the Afghan ministry on May 2, 2025. "
               "In Kabul, 30 people were injured in the blast at the Afghan ministry.")
    counts = [c for c in _claims(undated) if c[0] == "CON002"]
    assert counts == [("CON002", "casualties", "12", "2025-05-02")]
    dated = "KABUL, May 3, 2025 (Reuters) - " + undated
    counts = [c for c in _claims(dated) if c[0] == "CON002"]
    assert counts == [("CON002", "casualties", "12", "2025-05-02"), ("CON002", "injuries", "30", "2025-05-03")]


def test_one_shared_key_is_not_enough() -> None:
    docs = {"a.txt": "A plane landed in Caracas on October 27, 2025.", "b.txt": "A Cuban plane landed on October 26, 2025."}
    assert con(docs) == []


def test_within_one_document() -> None:
    docs = {"a.txt": "The Russian jet landed in Caracas on November 2, 2025.\n\nOn November 5, 2025, a Russian plane arrived in Caracas."}
    found = CON.lint_mapping(docs).findings
    assert len(found) == 2 and all(f.path == "a.txt" and f.related[0].path == "a.txt" for f in found)


# -- DAT ------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("The plane landed on Sunday, Oct. 27, 2025.", ["DAT001"]),
        ("The plane landed on Monday, Oct. 27, 2025.", []),
        ("The plane landed on Sunday.", ["DAT002"]),
        ("CARACAS, Nov 3, 2025 (Reuters) - The plane landed on Sunday.", []),
        ("CARACAS, Nov 3, 2025 (Reuters) - The jet landed on Nov. 5, 2025.", ["DAT003"]),
        ("CARACAS, Nov 3, 2025 (Reuters) - The jet will land on Nov. 5, 2025.", []),
    ],
)
def test_dates_within_one_document(text: str, codes: list[str]) -> None:
    assert [f.code for f in DAT.lint_text(text, "a.txt").findings] == codes


def test_seeds_have_no_dat_findings() -> None:
    assert [f for f in DAT.lint_paths([str(SEEDS)]).findings] == []


# -- corpus config and cache -----------------------------------------------------------------------
def _project(tmp_path: Path) -> tuple[Path, Path]:
    arts = tmp_path / "articles"
    arts.mkdir()
    named = arts / "a.md"
    named.write_text("A Russian plane landed in Caracas on October 27, 2025.\n", encoding="utf-8")
    (arts / "b.md").write_text("A Russian cargo plane touched down in Caracas on October 26, 2025.\n", encoding="utf-8")
    return tmp_path, named


def _linter(root: Path, cache: bool = True) -> Linter:
    s = Settings(corpus=["articles/**/*.md"], root=str(root), select=["CON"])
    return Linter(RULES, s, cache=cache)


def test_corpus_file_not_named_is_compared_but_not_reported(tmp_path: Path) -> None:
    root, named = _project(tmp_path)
    report = _linter(root).lint_paths([str(named)])
    assert [f.path for f in report.findings] == [str(named)]
    assert report.findings[0].related[0].path.endswith("b.md")
    assert (root / ".srclint_cache" / "claims.sqlite3").is_file()
    again = _linter(root).lint_paths([str(named)])  # now from the cache
    assert [f.message for f in again.findings] == [f.message for f in report.findings]


def test_cache_follows_content_and_survives_corruption(tmp_path: Path) -> None:
    root, named = _project(tmp_path)
    _linter(root).lint_paths([str(named)])
    (root / "articles" / "b.md").write_text("A Russian cargo plane touched down in Caracas on October 27, 2025.\n", encoding="utf-8")
    assert _linter(root).lint_paths([str(named)]).findings == ()
    (root / ".srclint_cache" / "claims.sqlite3").write_bytes(b"not a database" * 100)
    (root / "articles" / "b.md").write_text("A Russian cargo plane touched down in Caracas on October 25, 2025.\n", encoding="utf-8")
    assert len(_linter(root).lint_paths([str(named)]).findings) == 1
    with sqlite3.connect(root / ".srclint_cache" / "claims.sqlite3") as db:
        assert db.execute("SELECT count(*) FROM claims").fetchone()[0] == 1  # rebuilt


def test_no_cache_writes_nothing(tmp_path: Path) -> None:
    root, named = _project(tmp_path)
    assert len(_linter(root, cache=False).lint_paths([str(named)]).findings) == 1
    assert not (root / ".srclint_cache").exists()


# -- order and names do not matter ------------------------------------------------------------------
_SENTENCES = [
    "A Russian plane landed in Caracas on October 27, 2025.",
    "A Russian cargo plane touched down in Caracas on October 26, 2025.",
    "A Russian Il-76 landed in Caracas on October 27, 2025.",
    "A second Russian plane landed in Caracas on October 29, 2025.",
    "Twelve people were killed in the blast in Kabul on May 2, 2025.",
    "At least 20 people were killed in the blast in Kabul on May 2, 2025.",
    "A Russian plane landed in Havana on October 25, 2025.",
]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.permutations(range(len(_SENTENCES))), st.lists(st.text("abcdefgh", min_size=1, max_size=6), min_size=7, max_size=7, unique=True))
def test_renaming_or_reordering_files_keeps_the_conflicts(order: list[int], names: list[str]) -> None:
    base = {f"doc{i}.txt": s for i, s in enumerate(_SENTENCES)}
    renamed = {f"{names[k]}.txt": _SENTENCES[i] for k, i in enumerate(order)}
    back = {f"{names[k]}.txt": i for k, i in enumerate(order)}

    def conflicts(docs: dict[str, str], index: dict[str, int]) -> set[tuple[int, int, str]]:
        report = CON.lint_mapping(docs)
        return {(index[f.path], index[r.path], str(f.severity)) for f in report.findings for r in f.related}

    assert conflicts(renamed, back) == conflicts(base, {f"doc{i}.txt": i for i in range(len(_SENTENCES))})


# -- CON003: names (aircraft type, airport) -------------------------------------------------------
NAME = Linter(RULES.only(["CON003"]))
_IL76 = "A Russian Il-76 landed in Caracas on October 26, 2025."


def name_findings(docs: dict[str, str]) -> list[tuple[str, str]]:
    return [(f.path, f.message) for f in NAME.lint_mapping(docs).findings]


def name_claims(text: str) -> list[Claim]:
    return check_document(from_text(text, "a.txt"), NAME.rules).claims.get("CON003", [])


def test_name_claim_is_the_canonical_value_and_not_part_of_the_signature() -> None:
    claims = {x.role: x for x in name_claims("A Russian Ilyushin Il-76 cargo jet touched down at Maiquetía on October 26, 2025.")}
    assert (claims["aircraft"].shown, claims["aircraft"].text) == ("Il-76", "Ilyushin Il-76")
    assert claims["airport"].shown == "Maiquetía" and claims["airport"].place == "caracas"
    for claim in claims.values():
        assert claim.slot == "name" and claim.event == "arrival"
        assert not any("il-76" in k or "maiquet" in k for k in claim.keys)  # the compared value is no key
    (tu,) = name_claims("A Russian Tu-154 landed in Caracas on October 26, 2025.")
    assert "aircraft" in tu.keys and not any("tu-154" in k for k in tu.keys)  # unknown to the aliases: keyed by role


def test_generic_vehicle_words_are_no_value() -> None:
    assert name_claims("A Russian cargo plane landed in Caracas on October 26, 2025.") == []


def test_aircraft_types_conflict_on_the_same_day() -> None:
    found = name_findings({"a.txt": _IL76, "b.txt": "A Russian An-124 cargo plane touched down in Caracas on October 26, 2025."})
    assert found == [("a.txt", "landing aircraft Il-76 here conflicts with An-124 in b.txt:1:11"),
                     ("b.txt", "landing aircraft An-124 here conflicts with Il-76 in a.txt:1:11")]


def test_airports_conflict_for_one_landing() -> None:
    docs = {"a.txt": "A Russian plane landed at Simón Bolívar International Airport on October 26, 2025.",
            "b.txt": "A Russian plane landed at La Carlota in Caracas on October 26, 2025."}
    assert [p for p, _ in name_findings(docs)] == ["a.txt", "b.txt"]
    assert "airport Maiquetía here conflicts with La Carlota" in name_findings(docs)[0][1]


@pytest.mark.parametrize(
    "other",
    [
        "A Russian Ilyushin Il-76 cargo jet touched down in Caracas on October 26, 2025.",  # alias
        "A Russian IL-76MD landed in Caracas on October 26, 2025.",  # variant in the table
        "A Russian cargo plane landed in Caracas on October 26, 2025.",  # generic: fits any
        "A second Russian plane, an An-124, landed in Caracas on October 26, 2025.",  # another aircraft
        "Another Russian plane, an An-124, landed in Caracas on October 26, 2025.",
        "A Russian An-124 landed in Caracas on October 29, 2025.",  # another day: another flight
        "A Russian Il-76 and an An-124 landed in Caracas on October 26, 2025.",  # two types in one sentence
        "A Russian An-124 landed in Havana on October 26, 2025.",  # another place
        "A Chinese An-124 landed in Caracas on October 26, 2025.",  # another country
        "A Russian An-124 departed from Caracas on October 26, 2025.",  # another event class
    ],
)
def test_name_negatives(other: str) -> None:
    assert name_findings({"a.txt": _IL76, "b.txt": other}) == []


def test_airport_aliases_are_one_airport() -> None:
    docs = {"a.txt": "A Russian plane landed at Maiquetía on October 26, 2025.",
            "b.txt": "A Russian plane landed at Simon Bolivar International Airport on October 26, 2025.",
            "c.txt": "A Russian plane landed at Caracas airport on October 26, 2025."}
    assert name_findings(docs) == []


def test_two_types_in_one_article_are_two_aircraft() -> None:
    assert name_findings({"a.txt": _IL76 + "\n\nA Russian An-124 landed in Caracas on October 26, 2025."}) == []


def test_name_quotes_from_different_speakers_are_info() -> None:
    docs = {"a.txt": '"A Russian Il-76 landed in Caracas on October 26, 2025," Padrino said.',
            "b.txt": '"A Russian An-124 landed in Caracas on October 26, 2025," Rubio said.'}
    found = NAME.lint_mapping(docs).findings
    assert len(found) == 2 and all(f.severity == Severity.INFO for f in found)


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Il-76", "Ilyushin Il-76", True),  # contained at word boundaries
        ("Boeing 747", "Boeing 747-400", True),
        ("Sheremetyevo", "Sheremetevo", True),  # transliterations: letters compared by ratio
        ("Maiquetía", "Maiketia", True),
        ("Simón Bolívar International Airport", "Simon Bolivar Intl Airport", True),
        ("Il-76", "An-124", False),
        ("Il-76", "Il-78", False),  # designators are never fuzzy
        ("An-12", "An-124", False),  # nor substrings of each other
        ("Boeing 747", "Boeing 737", False),
        ("Vnukovo", "Pulkovo", False),  # two Russian airports, ratio 0.71
        ("Maiquetía", "La Carlota", False),
    ],
)
def test_same_name(a: str, b: str, same: bool) -> None:
    assert same_name(a, b) is same and same_name(b, a) is same


def test_name_rule_needs_a_value_table() -> None:
    from pydantic import ValidationError

    from srclint.kinds.consistency import ConsistencyRule

    spec = {"code": "XYZ001", "name": "x", "kind": "consistency", "slot": "name", "summary": "s", "rationale": "r",
            "message": "{value}", "events": {"arrival": {"label": "landing", "triggers": ["landed"], "names": ["aircraft"]}},
            "examples": {"fail": ["a"], "pass": ["b"]}}
    with pytest.raises(ValidationError, match="values"):
        ConsistencyRule.model_validate(spec)
    with pytest.raises(ValidationError, match="no `values` table"):
        ConsistencyRule.model_validate({**spec, "values": {"airport": {"Maiquetía": []}}})
    assert ConsistencyRule.model_validate({**spec, "values": {"aircraft": {"Il-76": []}}}).lexicon.value("IL-76") == ("aircraft", "Il-76")


def test_seeds_have_no_name_conflict() -> None:
    """The seeds name one type (Il-76) for the landing: a claim, and nothing to contradict it."""
    seed = next(SEEDS.glob("004_*.txt"))
    claims = check_document(from_text(seed.read_text(encoding="utf-8"), str(seed)), NAME.rules).claims["CON003"]
    assert {(c.role, c.shown) for c in claims} == {("aircraft", "Il-76")}
    assert not NAME.lint_paths([str(SEEDS)]).findings


def test_claims_cache_works_with_every_default_corpus_rule(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With the full default rule set (CON and ENC002 both collect claims) unnamed corpus files are
    cached, and a cached file is neither decoded nor parsed again."""
    import srclint.engine as engine_module

    root, named = _project(tmp_path)
    settings = Settings(corpus=["articles/**/*.md"], root=str(root))
    first = Linter(settings=settings, cache=True).lint_paths([str(named)])
    with sqlite3.connect(root / ".srclint_cache" / "claims.sqlite3") as db:
        assert db.execute("SELECT count(*) FROM claims").fetchone()[0] == 1  # b.md
    real = engine_module.document_from_bytes

    def only_named(data, path, display=None):  # type: ignore[no-untyped-def]
        assert str(path).endswith("a.md"), f"{path} was parsed although its claims are cached"
        return real(data, path, display)

    monkeypatch.setattr(engine_module, "document_from_bytes", only_named)
    again = Linter(settings=settings, cache=True).lint_paths([str(named)])
    assert again.findings == first.findings and any(f.code == "CON001" for f in again.findings)


@pytest.mark.parametrize(
    ("sentence", "united_states"),
    [
        ("A US plane carrying 50 troops landed in Caracas on October 27, 2025.", True),
        ("A Russian plane that flew us to Caracas landed there on October 27, 2025.", False),
    ],
)
def test_country_abbreviations_are_matched_in_their_own_spelling(sentence: str, united_states: bool) -> None:
    """"US" keys a claim to the United States; the pronoun "us" does not."""
    claims = check_document(from_text(sentence, "a.md"), RULES.only(["CON001"])).claims["CON001"]
    assert claims, "the landing should give a claim"
    assert any("united states" in k for c in claims for k in c.keys) is united_states, [c.keys for c in claims]


_CLAIM_FRAGMENTS = [
    "A Russian plane landed in Caracas", "on October 27, 2025", "on Oct. 26", "yesterday", "on Sunday",
    "12 people were killed in Kabul", "in 1999", "last week", "30 troops arrived at the Afghan ministry",
    "on Sunday, Oct. 27, 2025", "in late October 2025", "two days ago", "the 2025 deal was signed",
    "a Cuban jet departed from Moscow", "on 27 October", "in May 2024", "a 20-tonne cargo",
]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(st.sampled_from(_CLAIM_FRAGMENTS), min_size=1, max_size=4), min_size=1, max_size=4),
       st.sampled_from(["", "CARACAS, Nov 3, 2025 (Reuters) - ", "---\ndate: 2025-11-03\n---\n"]))
def test_skipping_trigger_sentences_without_a_year_changes_no_claim(sentences: list[list[str]], head: str) -> None:
    """Without a document date, a trigger sentence with no year written out gives no claim, so
    the consistency rules leave such documents and sentences early: the claims must be the same
    as when every trigger sentence is read in full."""
    from unittest import mock

    import srclint.claims as claims_module

    text = head + " ".join(" and ".join(s) + "." for s in sentences) + "\n"
    path = "a.md" if head.startswith("---") else "a.txt"
    rules = RULES.only(["CON001", "CON002", "CON003"])
    fast = check_document(from_text(text, path), rules).claims

    class _Always:
        def search(self, *args: object) -> bool:
            return True

    with mock.patch.object(claims_module, "_RX_YEAR_DIGITS", _Always()), \
            mock.patch("srclint.kinds.consistency.may_hold_claims", lambda doc, triggers: True):
        slow = check_document(from_text(text, path), rules).claims
    assert fast == slow


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(st.sampled_from(_CLAIM_FRAGMENTS), min_size=1, max_size=4), min_size=1, max_size=4),
       st.sampled_from(["", "CARACAS, Nov 3, 2025 (Reuters) - ", "---\ndate: 2025-11-03\n---\n"]))
def test_rules_sharing_a_document_give_the_claims_each_gives_alone(sentences: list[list[str]], head: str) -> None:
    """The consistency rules of a pack share per-document work (the trigger gate, each trigger
    sentence's dates and quantities) through the document's memo: each rule's claims must be
    the ones it finds when it reads the document on its own."""
    text = head + " ".join(" and ".join(s) + "." for s in sentences) + "\n"
    path = "a.md" if head.startswith("---") else "a.txt"
    codes = ["CON001", "CON002", "CON003"]
    together = check_document(from_text(text, path), RULES.only(codes)).claims
    for code in codes:
        assert check_document(from_text(text, path), RULES.only([code])).claims[code] == together[code], code


def test_rules_with_other_triggers_do_not_share_the_gate() -> None:
    """The shared trigger gate answers for the hits and the scope it is asked with: a rule whose
    triggers differ gets its own answer, not the one worked out for the first rule."""
    from srclint.kinds.base import Scope
    from srclint.kinds.consistency import _triggers_in_scope

    doc = from_text("A Russian plane landed in Caracas on October 27, 2025. Talks began.\n", "a.txt")
    body, text = Scope(["body"]), Scope(["text", "!quote"])
    landed = doc.prose.index("landed")
    began = doc.prose.index("began")
    first = _triggers_in_scope(doc, body, [("arrival", [(landed, landed + 6)])])
    assert first == {"arrival": [(landed, landed + 6)]}
    assert _triggers_in_scope(doc, body, [("talks", [(began, began + 5)])]) is None  # no year there
    assert _triggers_in_scope(doc, text, [("arrival", [(landed, landed + 6)])]) == first


def test_the_consistency_memo_is_the_checked_documents_alone() -> None:
    """The consistency rules share work through `check_memo`, which holds only the document asked
    last: another document gets an empty memo, and the memo keeps no document alive."""
    import gc
    import weakref

    from srclint.claims import check_memo

    a, b = from_text("One.\n", "a.txt"), from_text("One.\n", "b.txt")
    check_memo(a)["x"] = 1
    assert check_memo(a) == {"x": 1}
    assert check_memo(b) == {}
    assert check_memo(a) == {}  # replaced when b was asked
    ref = weakref.ref(a)
    del a
    gc.collect()
    assert ref() is None


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="0121899 x\u0660", max_size=16), st.integers(0, 18), st.integers(0, 18))
def test_year_test_agrees_with_its_pattern(text: str, start: int, end: int) -> None:
    """The claim gate's year test rules sentences out with `str.find` first: as the pattern does."""
    from srclint import claims

    assert claims._has_year(text, start, end) == (claims._RX_YEAR_DIGITS.search(text, start, end) is not None)


# -- shared trigger test ---------------------------------------------------------------------------
_TRIGGER_TEXTS = [
    "No event at all is reported in this sentence.",
    "CARACAS, Oct. 27, 2025 - The plane landed on Sunday. Twelve soldiers were killed on October 26, 2025.",
    "The Il-76 landed in Caracas on October 27, 2025, with 30 troops. Another flight departed on Oct. 28, 2025.",
    "Police said 40 people were arrested on Monday, March 3, 2025, and the minister resigned.",
    "The earthquake struck on June 2, 2024; 300 were injured and 12 killed.",
]


@pytest.mark.parametrize("order", [("CON001", "CON002", "CON003"), ("CON003", "CON001", "CON002")])
def test_rules_sharing_event_tables_give_the_claims_each_finds_alone(order: tuple[str, ...]) -> None:
    """The consistency rules of a pack tell once per document which event classes fired; each
    rule's claims are those it collects when asked first (the answer not shared)."""
    import srclint.kinds.consistency as consistency
    from srclint.engine import CheckContext

    rules = {r.code: r for r in RULES.corpus_rules}
    texts = [*_TRIGGER_TEXTS, *(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))]
    for text in texts:
        doc = from_text(text, "a.txt")
        ctx = CheckContext(RULES.scanner.scan(doc.lowered, doc.prose))
        shared = [rules[code].collect(doc, ctx) for code in order]
        alone = []
        for code in order:
            consistency._last_fired = (None, None, (), None)
            alone.append(rules[code].collect(doc, ctx))
        assert shared == alone
    assert any(alone)  # the texts do give claims


def test_dat002_finding_without_arguments_is_the_finding_with_them() -> None:
    rule = next(r for r in RULES.document_rules if r.code == "DAT002")
    doc = from_text("Officials said yesterday that the road was closed.", "a.txt")
    plain = rule.finding(doc, 15, 24)
    assert plain == rule.finding(doc, 15, 24, stated="", actual="", date="", anchor="")
    assert plain.match == "yesterday"
