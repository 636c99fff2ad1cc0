"""A lint on a Dask cluster returns exactly the report of the local run: the same findings, related
locations, fingerprints and order. One small LocalCluster (two worker processes, so the linter and
the claims really are pickled and shuffled between processes) serves the whole module."""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("dask.bag")
distributed = pytest.importorskip("distributed")

from srclint.cli import main  # noqa: E402
from srclint.config import Settings  # noqa: E402
from srclint.distributed import lint_dask, lint_dask_texts  # noqa: E402
from srclint.engine import Linter  # noqa: E402
from srclint.packs import load_rules  # noqa: E402

from .corpus_rule import plane_rules  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))
from crossdoc_scale import generate  # noqa: E402


@pytest.fixture(scope="module")
def client() -> Iterator[distributed.Client]:
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        with distributed.Client(cluster) as c:
            yield c


def _assert_same(local: object, remote: object) -> None:
    assert remote.findings == local.findings  # type: ignore[attr-defined]
    assert remote == local


def test_seeds_identical(client: distributed.Client) -> None:
    linter = Linter()
    local = linter.lint_paths([str(REPO / "seeds")])
    assert {f.code for f in local.findings} >= {"CON001", "ENC002"}
    _assert_same(local, lint_dask([REPO / "seeds"], client=client, linter=linter))


@pytest.mark.parametrize("npartitions", [1, 7])
def test_generated_corpus_with_planted_conflicts(client: distributed.Client, npartitions: int) -> None:
    docs, planted = generate(600)
    linter = Linter()
    local = linter.lint_mapping(docs)
    con = [f for f in local.findings if f.code.startswith("CON")]
    assert {(f.path, r.path) for f in con for r in f.related} >= planted  # the corpus has something to find
    _assert_same(local, lint_dask_texts(docs, client=client, linter=linter, npartitions=npartitions))


def test_encoding_evidence_from_another_document(client: distributed.Client) -> None:
    docs = {
        "a.txt": "The plane landed at BolÃvar airport.\n",
        "b.txt": "Simón Bolívar International Airport is near Caracas.\n",
        "c.txt": "Bolívar and Simón again, and CafÃ© Tortoni.\n",
        "d.txt": "Nothing accented here.\n",
    }
    linter = Linter(load_rules().only(["ENC001", "ENC002"]))
    local = linter.lint_mapping(docs)
    enc2 = [f for f in local.findings if f.code == "ENC002"]
    assert enc2 and enc2[0].related and enc2[0].related[0].path == "b.txt"
    _assert_same(local, lint_dask_texts(docs, client=client, linter=linter, npartitions=3))


def test_corpus_rule_without_keys_is_compared_as_one_group(client: distributed.Client) -> None:
    docs = {f"{i}.txt": f"There were {2 + i % 3} planes.\n" for i in range(9)}
    linter = Linter(plane_rules())
    local = linter.lint_mapping(docs)
    assert local.findings
    _assert_same(local, lint_dask_texts(docs, client=client, linter=linter, npartitions=4))


def test_configured_corpus_compared_not_reported(client: distributed.Client, tmp_path: Path) -> None:
    arts = tmp_path / "articles"
    arts.mkdir()
    named = arts / "a.md"
    named.write_text("A Russian plane landed in Caracas on October 27, 2025.\n", encoding="utf-8")
    (arts / "b.md").write_text("A Russian cargo plane touched down in Caracas on October 26, 2025.\n", encoding="utf-8")
    settings = Settings(corpus=["articles/**/*.md"], root=str(tmp_path), select=["CON"])
    local = Linter(settings=settings, cache=False).lint_paths([str(named)])
    assert [f.path for f in local.findings] == [str(named)]
    _assert_same(local, lint_dask([named], client=client, linter=Linter(settings=settings, cache=False)))


def test_cli_dask_option_matches_local(client: distributed.Client) -> None:
    local_out, dask_out = io.StringIO(), io.StringIO()
    seeds = str(REPO / "seeds")
    code_local = main(["--no-config", "-f", "json", seeds], local_out, io.StringIO())
    code_dask = main(["--no-config", "-f", "json", "--dask", client.scheduler.address, seeds], dask_out, io.StringIO())
    assert (code_dask, dask_out.getvalue()) == (code_local, local_out.getvalue())


def test_cli_without_dask_installed_is_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed now fails
    err = io.StringIO()
    assert main(["--no-config", "--dask", "local", str(REPO / "seeds")], io.StringIO(), err) == 2
    assert err.getvalue().count("\n") == 1 and "pip install 'srclint[dask]'" in err.getvalue()


def test_name_conflicts_identical(client: distributed.Client) -> None:
    """CON003 through the keyed shuffle: planted type and airport conflicts, and the negatives
    (aliases, generic words, another day, a second plane) spread over partitions."""
    day = "on October 26, 2025"
    docs = {
        "a.txt": f"A Russian Il-76 landed in Caracas {day}.\n",
        "b.txt": f"A Russian An-124 cargo plane touched down in Caracas {day}.\n",
        "c.txt": f"A Russian Ilyushin Il-76 landed at Maiquetía {day}.\n",
        "d.txt": f"A Russian cargo plane landed at La Carlota in Caracas {day}.\n",
        "e.txt": "A Russian An-124 landed in Caracas on October 29, 2025.\n",
        "f.txt": f"A second Russian plane, an An-124, landed in Caracas {day}.\n",
        "g.txt": f"A Russian plane landed at Simón Bolívar International Airport {day}.\n",
    }
    docs.update(generate(200)[0])
    linter = Linter(load_rules().only(["CON003"]))
    local = linter.lint_mapping(docs)
    assert {f.path for f in local.findings} == {"a.txt", "b.txt", "c.txt", "d.txt", "g.txt"}
    _assert_same(local, lint_dask_texts(docs, client=client, linter=linter, npartitions=3))
