"""Markdown: YAML front matter becomes metadata; code, comments, HTML and link targets are masked.

Hand-written rather than a full CommonMark parser because srclint needs exact source offsets for
every character it keeps, and only a handful of constructs matter for prose: everything that is
not prose is blanked out with spaces, so offsets into the prose are offsets into the file.
"""

from __future__ import annotations

import re
import warnings
from typing import Any

from ..documents import Document, Region
from .plaintext import mask, url_regions

_FRONT = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n(.*?\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
_FENCE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})[^\n]*\n.*?(?:^[ \t]{0,3}\1[`~]*[ \t]*$|\Z)", re.S | re.M)
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
_INLINE_CODE = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.S)
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_LINK_TARGET = re.compile(r"(?<=\])\([^()\s]*(?:\([^()\s]*\)[^()\s]*)*(?:\s+\"[^\"]*\")?\)")
_AUTOLINK = re.compile(r"<(?:https?|mailto|ftp):[^<>\s]+>")
_REF_DEF = re.compile(r"^[ \t]{0,3}\[[^\]]+\]:[ \t]*\S+.*$", re.M)
_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}(?:[ \t]+[^\n]*)?$", re.M)
_BLOCKQUOTE = re.compile(r"^[ \t]{0,3}>[^\n]*$", re.M)
_MAX_FRONT_NODES = 10_000


def parse(path: str, text: str) -> Document:
    regions: list[Region] = []
    metadata: dict[str, Any] = {}
    notes: list[str] = []
    fm = _FRONT.match(text)
    if fm:
        regions.append(Region(fm.start(), fm.end(), "frontmatter"))
        metadata, problem = _load_front_matter(fm.group(1) or "")
        if problem:
            notes.append(f"front matter ignored: {problem}")
    body_from = fm.end() if fm else 0
    code: list[Region] = []
    for m in _FENCE.finditer(text, body_from):
        code.append(Region(m.start(), m.end(), "code"))
    for m in _COMMENT.finditer(text, body_from):
        if not _inside(code, m.start()):
            regions.append(Region(m.start(), m.end(), "comment"))
    regions.extend(code)
    blocked = sorted(regions, key=lambda r: r.start)
    for pattern, kind in (
        (_INLINE_CODE, "code"),
        (_AUTOLINK, "url"),
        (_LINK_TARGET, "url"),
        (_HTML_TAG, "html"),
        (_REF_DEF, "url"),
    ):
        for m in pattern.finditer(text, body_from):
            if not _inside(blocked, m.start()):
                regions.append(Region(m.start(), m.end(), kind))
    for r in url_regions(text):
        if r.start >= body_from and not _inside(regions, r.start):
            regions.append(r)
    for pattern, kind in ((_HEADING, "heading"), (_BLOCKQUOTE, "blockquote")):
        for m in pattern.finditer(text, body_from):
            if not _inside(blocked, m.start()):
                regions.append(Region(m.start(), m.end(), kind))
    regions.sort(key=lambda r: (r.start, r.end))
    prose = mask(text, regions)
    return Document(
        path, text, format="markdown", prose=prose, regions=tuple(regions), metadata=metadata, notes=tuple(notes)
    )


def _inside(regions: list[Region], offset: int) -> bool:
    return any(r.start <= offset < r.end for r in regions)


def _load_front_matter(source: str) -> tuple[dict[str, Any], str | None]:
    """Safe-load the front matter; anything odd leaves metadata empty and says why."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    yaml = YAML(typ="safe", pure=True)
    try:
        # ruamel.yaml warns of an anchor defined twice, which YAML allows (an alias takes the
        # latest): the front matter is read as YAML reads it, and no Python warning reaches
        # the user's terminal.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            data = yaml.load(source)
    except YAMLError as exc:
        return {}, str(exc).splitlines()[0] if str(exc) else "invalid YAML"
    except (RecursionError, ValueError, TypeError) as exc:
        return {}, f"unreadable YAML ({type(exc).__name__})"
    if data is None:
        return {}, None
    if not isinstance(data, dict):
        return {}, "not a mapping"
    if _count_nodes(data) > _MAX_FRONT_NODES:
        return {}, "too large or too deeply aliased"
    return {str(k): v for k, v in data.items()}, None


def _count_nodes(value: Any, budget: int = _MAX_FRONT_NODES + 1) -> int:
    seen = 0
    stack = [value]
    while stack and seen < budget:
        item = stack.pop()
        seen += 1
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return seen
