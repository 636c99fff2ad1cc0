"""Building findings and dispatching rules: the short cuts give what the plain way gives."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from srclint.engine import CheckContext, check_document
from srclint.formats import from_text
from srclint.packs import load_rules

from .conftest import SEEDS


def _texts() -> list[str]:
    """Seed articles and every text example of the built-in rules (each fail example finds something)."""
    texts = [p.read_text(encoding="utf-8", errors="surrogateescape") for p in sorted(SEEDS.iterdir())]
    for rule in load_rules():
        for example in (*rule.examples.fail, *rule.examples.pass_):
            if isinstance(example, str):
                texts.append(example)
            elif hasattr(example, "text"):
                texts.append(example.text)
    return texts


def test_a_rule_run_only_with_its_terms_finds_nothing_without_them() -> None:
    """What `only_with_terms` declares: with that list's hits taken out of the scan, the rule's
    `check` finds nothing, so the engine may leave it out on documents without them."""
    rules = load_rules()
    declared = [r for r in rules.document_rules if r.only_with_terms() is not None]
    assert declared  # the word-list rules declare it
    found = 0
    for i, text in enumerate(_texts()):
        doc = from_text(text, f"d{i}.md" if i % 2 else f"d{i}.txt")
        hits = rules.scanner.scan(doc.lowered, doc.prose)
        for rule in declared:
            key = (rule.code, rule.only_with_terms())
            found += bool(hits.get(key)) and bool(list(rule.check(doc, CheckContext(hits))))
            without = {k: v for k, v in hits.items() if k != key}
            assert list(rule.check(from_text(text, doc.path), CheckContext(without))) == [], (rule.code, text)
    assert found > 10  # the rules do find things when their terms are there


def _every_rule_run(text: str, path: str) -> list[object]:
    """`check_document`'s findings the plain way: the timed loop calls every rule on every document."""
    return check_document(from_text(text, path), load_rules(), timings={}, final_for=path).findings


def test_checking_a_document_gives_what_running_every_rule_gives() -> None:
    rules = load_rules()
    checked = 0
    for i, text in enumerate(_texts()):
        path = f"d{i}.md" if i % 2 else f"d{i}.txt"
        got = check_document(from_text(text, path), rules, final_for=path).findings
        assert got == _every_rule_run(text, path)
        checked += len(got)
    assert checked > 100


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["It is believed", "reportedly", "officials said", "very unique", " ", ".\n", "Smith"]), max_size=12))
def test_checking_made_up_text_gives_what_running_every_rule_gives(parts: list[str]) -> None:
    text = " ".join(parts)
    assert check_document(from_text(text, "t.txt"), load_rules(), final_for="t.txt").findings == _every_rule_run(text, "t.txt")
