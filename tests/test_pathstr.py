"""srclint.pathstr spells paths as pathlib does, and what is built on it (finding the
configuration, the packs and the files) gives the strings the pathlib code gave."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from srclint import pathstr
from srclint.config import Settings

pytestmark = pytest.mark.skipif(not pathstr.POSIX, reason="elsewhere pathstr is pathlib itself")

_PARTS = st.sampled_from(["", ".", "..", "a", "b.yaml", ".x", "a b", "é", "...", "c.", "\udcff"])
_SEPS = st.sampled_from(["/", "//", "///", "/./", "/../"])


@st.composite
def _odd_paths(draw: st.DrawFn) -> str:
    """Path strings with every odd spelling: leading slashes (one, two, three), repeated and
    trailing separators, "." and ".." parts, empty strings."""
    parts = draw(st.lists(_PARTS, max_size=5))
    seps = draw(st.lists(_SEPS, min_size=len(parts) + 1, max_size=len(parts) + 1))
    lead = draw(st.sampled_from(["", "/", "//", "///"]))
    text = lead + "".join(p + s for p, s in zip(parts, seps))
    return text if draw(st.booleans()) else text.rstrip("/")


@settings(max_examples=500, deadline=None)
@given(path=_odd_paths())
def test_normal_and_parents_are_purepaths(path: str) -> None:
    assert pathstr.normal(path) == str(PurePosixPath(path))
    assert pathstr.parents(path) == [str(p) for p in PurePosixPath(path).parents]


@settings(max_examples=500, deadline=None)
@given(base=_odd_paths(), other=_odd_paths())
def test_joined_is_the_slash_operator(base: str, other: str) -> None:
    assert pathstr.joined(base, other) == str(PurePosixPath(base) / other)


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Files, folders, links (to a file, to a folder, dangling, looping) and odd names."""
    root = tmp_path_factory.mktemp("pathstr")
    for rel in ("a.yaml", "b.yml", ".hidden.yaml", ".yaml", "x.YAML", "a b.yml", "sub/c.yaml", "sub/deep/d.txt", "dir.yaml/e.yaml"):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text("rules: []\n", encoding="utf-8")
    (root / "link.yaml").symlink_to(root / "a.yaml")
    (root / "sublink").symlink_to(root / "sub")
    (root / "dangling.yaml").symlink_to(root / "missing.yaml")
    (root / "loop").symlink_to(root / "loop")
    return root


_NAMES = st.sampled_from(["a.yaml", "sub", "sublink", "link.yaml", "dangling.yaml", "missing", "loop", "sub/c.yaml", "a.yaml/x", ".", "..", ""])


@settings(max_examples=200, deadline=None)
@given(name=_NAMES, tail=st.sampled_from(["", "/", "/.", "//"]))
def test_the_file_tests_and_resolve_are_pathlibs(tree: Path, name: str, tail: str) -> None:
    path = pathstr.joined(str(tree), name + tail)
    p = tree / (name + tail)
    assert path == str(p)
    assert (pathstr.is_file(path), pathstr.is_dir(path), pathstr.exists(path)) == (p.is_file(), p.is_dir(), p.exists())
    if name == "loop":
        with pytest.raises(RuntimeError):
            p.resolve()
        with pytest.raises(RuntimeError):
            pathstr.resolved(path)
    else:
        assert pathstr.resolved(path) == str(p.resolve())


def _pathlib_pack_paths(sources: tuple[str | Path, ...]) -> list[Path]:
    """`srclint.pack_cache.pack_paths` for the sources as it was written on pathlib."""
    paths: list[Path] = []
    for src in sources:
        p = Path(src)
        if p.is_dir():
            paths.extend(sorted([*p.glob("*.yaml"), *p.glob("*.yml")]))
        else:
            paths.append(p)
    return paths


@settings(max_examples=100, deadline=None)
@given(sources=st.lists(st.sampled_from(["", ".", "/", "a.yaml", "sub", "sub/", "sub/./", "dir.yaml", "sublink", "missing", "b.yml/"]), max_size=3))
def test_the_pack_files_are_the_pack_paths(tree: Path, sources: list[str]) -> None:
    from contextlib import chdir

    from srclint.pack_cache import builtin_pack_dir, pack_files, pack_key, pack_paths

    with chdir(tree):
        given_sources = tuple(s if i % 2 else Path(s) for i, s in enumerate(sources))
        want = _pathlib_pack_paths(given_sources)
        assert pack_files(given_sources, False) == [str(p) for p in want]
        assert pack_paths(given_sources, False) == want
        assert pack_key(pack_files(given_sources, False)) == pack_key(want)
    builtin = sorted(builtin_pack_dir().glob("*.yaml"))
    assert builtin and pack_files((), True) == [str(p) for p in builtin]
    here = Path(__import__("srclint.pack_cache").pack_cache.__file__).resolve().parent
    assert builtin_pack_dir() in (here / "_rules", here.parent / "rules")


def _pathlib_find_config(start: Path) -> Path | None:
    """`srclint.config.find_config` as it was written on pathlib."""
    from srclint.config import CONFIG_NAMES, _read_toml

    for directory in (start, *start.parents):
        for name in CONFIG_NAMES:
            candidate = directory / name
            if not candidate.is_file():
                continue
            if name == "pyproject.toml" and "srclint" not in _read_toml(candidate).get("tool", {}):
                continue
            return candidate
    return None


def test_the_configuration_is_found_as_before(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from srclint.config import find_config, load_settings

    deep = tmp_path / "top" / "mid" / "low"
    deep.mkdir(parents=True)
    (tmp_path / "top" / "mid" / "pyproject.toml").write_text("[tool.other]\nx = 1\n", encoding="utf-8")
    (tmp_path / "top" / "pyproject.toml").write_text('[tool.srclint]\nselect = ["HDG"]\n', encoding="utf-8")
    for start in (deep, tmp_path / "top", tmp_path / "top" / "mid", tmp_path):
        assert find_config(start) == _pathlib_find_config(start)
        assert find_config(str(start)) == _pathlib_find_config(start)
    assert find_config(deep) == tmp_path / "top" / "pyproject.toml"
    monkeypatch.chdir(deep)
    settings_, path = load_settings()
    assert path == tmp_path / "top" / "pyproject.toml" and settings_.select == ["HDG"]
    assert load_settings(search_from=tmp_path / "top" / "mid" / ".." / "mid") == (settings_, path)
    (tmp_path / "top" / "mid" / ".srclint.yaml").write_text("ignore: [ATT]\n", encoding="utf-8")
    assert find_config(deep) == _pathlib_find_config(deep) == tmp_path / "top" / "mid" / ".srclint.yaml"


@settings(max_examples=150, deadline=None)
@given(spelling=st.sampled_from(["docs", "docs/", "./docs", "docs/.", "docs//", "docs/../docs", "docs/a.md", "./docs/a.md",
                                 "docs//a.md", "docs/a.md/", ".", "", "./", "missing", "docs/sub/../b.txt"]),
       absolute=st.booleans())  # fmt: skip
def test_found_files_are_spelt_as_pathlib_joined_them(tmp_path_factory: pytest.TempPathFactory, spelling: str, absolute: bool) -> None:
    """Each given path is the working folder joined with it as a Path (an absolute one as it
    is): the files found under it, as the walk reaches them, and their display paths."""
    from srclint.discover import find_files

    root = _docs_tree(tmp_path_factory)
    given_path = str(root / spelling) if absolute else spelling
    files, errors = find_files([given_path], Settings(), root)
    want = root.resolve() / given_path
    if not want.exists():
        assert files == [] and [e.path for e in errors] == [given_path]
        return
    assert errors == []
    assert files == find_files([str(want)], Settings(), root)[0]
    assert files and all(path == str(want) or path.startswith(f"{want}/") for _, path in files)
    assert all(display == Path(path).relative_to(root.resolve()).as_posix() for display, path in files)


_DOCS: list[Path] = []


def _docs_tree(factory: pytest.TempPathFactory) -> Path:
    if not _DOCS:
        root = factory.mktemp("found")
        for rel in ("docs/a.md", "docs/b.txt", "docs/sub/c.md", "docs/skip.py", "other.md"):
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / rel).write_text("Officials said it was late.\n", encoding="utf-8")
        _DOCS.append(root)
    return _DOCS[0]


def test_the_kept_files_are_named_as_before(tmp_path: Path) -> None:
    from srclint.cache import OutputFile, ReportFile

    for folder in (tmp_path, str(tmp_path), f"{tmp_path}//x/./", ".", ""):
        for kind in (ReportFile, OutputFile):
            entry = kind(folder)
            assert entry.path == Path(folder) / kind.filename and entry.file == str(entry.path)
