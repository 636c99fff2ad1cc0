"""Whole-pipeline properties over random Markdown, random front matter and random valid packs."""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import srclint
from srclint.packs import RuleSet, load_rules, rules_from_mapping

BUILTIN = load_rules()
WORDS = ["officials", "said", "reportedly", "perhaps", "the", "plane", "landed", "Caracas", "U.S.", "Oct.",
         "analysts", "note", "Bolívar", "Ã", "\u200b", "&amp;", "could", "trigger", "May", "“", "”", '"']  # fmt: skip

word = st.one_of(st.sampled_from(WORDS), st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=6))
sentence = st.lists(word, min_size=1, max_size=12).map(lambda ws: " ".join(ws) + ".")
paragraph = st.lists(sentence, min_size=1, max_size=4).map(" ".join)


@st.composite
def block(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from(["p", "h", "code", "inline", "link", "comment", "list", "quote", "html"]))
    text = draw(paragraph)
    return {
        "p": text,
        "h": "#" * draw(st.integers(1, 6)) + " " + text,
        "code": "```\n" + text + "\n```",
        "inline": f"{text} `{draw(word)}` {text}",
        "link": f"[{draw(word)}](https://example.com/{draw(word)}) {text}",
        "comment": f"<!-- {text} --> {text}",
        "list": "\n".join(f"- {s}" for s in draw(st.lists(sentence, min_size=1, max_size=3))),
        "quote": "> " + text,
        "html": f"<span>{text}</span>",
    }[kind]


@st.composite
def front_matter(draw: st.DrawFn) -> str:
    if not draw(st.booleans()):
        return ""
    keys = draw(st.lists(st.sampled_from(["title", "date", "author", "sources", "dateline", "x"]), max_size=5))
    lines = [f"{k}: {draw(st.sampled_from(['2025-11-03', '[a, b]', 'Caracas, Nov 3', draw(word)]))!s}" for k in keys]
    return "---\n" + "\n".join(lines) + "\n---\n"


markdown = st.builds(lambda fm, blocks: fm + "\n\n".join(blocks) + "\n", front_matter(), st.lists(block(), max_size=8))


@st.composite
def packs(draw: st.DrawFn) -> RuleSet:
    n = draw(st.integers(1, 4))
    rules = []
    for i in range(n):
        terms = draw(st.lists(st.sampled_from([w for w in WORDS if w.strip()]), min_size=1, max_size=4, unique=True))
        rules.append(
            {
                "code": f"RND{i:03}",
                "name": f"random-rule-{i}",
                "kind": "lexicon",
                "severity": draw(st.sampled_from(["error", "warning", "info"])),
                "scope": draw(st.sampled_from([["text"], ["body", "!quote"], ["raw"], ["heading"], ["lead"], ["quote"]])),
                "summary": "s",
                "rationale": "r",
                "message": "found {match}",
                "terms": terms,
                "ignore_case": draw(st.booleans()),
                "exceptions": draw(st.lists(st.sampled_from(["the plane", "officials said"]), max_size=1)),
                "examples": {"fail": ["x"], "pass": ["y"]},
            }
        )
    return rules_from_mapping(rules)


def _assert_exact(report: srclint.Report, texts: dict[str, str]) -> None:
    for f in report.findings:
        text = texts[f.path]
        assert 0 <= f.start <= f.end <= len(text)
        assert text[f.start : f.end] == f.match
        assert f.line >= 1 and f.column >= 1 and (f.end_line, f.end_column) >= (f.line, f.column)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(doc=markdown)
def test_random_markdown_with_builtin_rules(doc: str) -> None:
    report = srclint.lint_text(doc, path="a.md", rules=BUILTIN)
    _assert_exact(report, {"a.md": doc})


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(rules=packs(), docs=st.lists(markdown, min_size=1, max_size=4), seed=st.integers(0, 10_000))
def test_random_packs_random_documents_stable_under_reordering(rules: RuleSet, docs: list[str], seed: int) -> None:
    texts = {f"d{i}.md": d for i, d in enumerate(docs)}
    items = list(texts.items())
    random.Random(seed).shuffle(items)
    a = srclint.lint_documents(texts, rules=rules)
    b = srclint.lint_documents(dict(items), rules=rules)
    _assert_exact(a, texts)
    assert a.findings == b.findings
