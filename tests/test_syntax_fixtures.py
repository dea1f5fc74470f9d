"""Obsidian syntax in, doctree out: the cases of ``fixtures/syntax.txt``.

Each case is a note; the project is built once with Sphinx's pseudo-XML
builder, so the doctree is the one every writer gets (links resolved, embeds
transcluded). A change to the syntax layer shows as a change of these files:
run with ``OBSIDIAN_UPDATE_FIXTURES=1`` to write the new doctrees into the
file, and review the diff.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

FIXTURES = Path(__file__).parent / "fixtures" / "syntax.txt"
#: the note that the cases link to and embed
TARGET = """\
# Target

The target's opening.

## Second part
A fact about it. ^fact
"""


def _cases() -> list[tuple[str, str, str]]:
    """(name, note, doctree) of each case, read line by line."""
    cases: list[tuple[str, str, str]] = []
    name, parts, part = None, [], []
    for line in FIXTURES.read_text(encoding="utf-8").split("\n"):
        if line.startswith("=== "):
            name, parts, part = line[4:], [], []
        elif name is not None and line == ".":
            parts.append("\n".join(part))
            part = []
            if len(parts) == 2:
                cases.append((name, parts[0], parts[1] + "\n" if parts[1] else ""))
                name = None
        elif name is not None:
            part.append(line)
    return cases


def _docname(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


CASES = _cases()
assert CASES, f"no case in {FIXTURES}"


@pytest.fixture(scope="module")
def trees(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    src = tmp_path_factory.mktemp("syntax-fixtures") / "src"
    src.mkdir()
    (src / "conf.py").write_text(
        'extensions = ["sphinxext.obsidian"]\nobsidian_navigation = False\n'
        "suppress_warnings = ['toc.not_included', 'obsidian']\n",
        encoding="utf-8",
    )
    (src / "index.md").write_text("# Fixtures\n", encoding="utf-8")
    (src / "Target.md").write_text(TARGET, encoding="utf-8")
    for name, note, _ in CASES:
        (src / f"{_docname(name)}.md").write_text(note + "\n", encoding="utf-8")
    app = SphinxTestApp("pseudoxml", srcdir=src)
    try:
        app.build()
        found = {}
        for name, _, _ in CASES:
            tree = (Path(app.outdir) / f"{_docname(name)}.pseudoxml").read_text(encoding="utf-8")
            # the note's content, without the document's own line (its attributes are
            # Sphinx's bookkeeping and differ between Sphinx versions)
            found[name] = _normalised(tree.split("\n", 1)[1].replace(str(src), "<src>"))
        if os.environ.get("OBSIDIAN_UPDATE_FIXTURES") == "1":
            _update(found)
        yield found
    finally:
        app.cleanup()


def _normalised(tree: str) -> str:
    """The doctree as every supported docutils writes it: older ones write
    booleans as ``True`` and ``False`` and leave out empty attributes."""
    lines = []
    for line in tree.split("\n"):
        if line.lstrip().startswith("<"):  # an element's line, not text
            booleans = line.replace('="True"', '="1"').replace('="False"', '="0"')
            lines.append(re.sub(r' [\w:]+=""', "", booleans))
        else:
            lines.append(line)
    return "\n".join(lines)


def _update(found: dict[str, str]) -> None:
    """Write the doctrees found into the fixture file, keeping its notes."""
    text = FIXTURES.read_text(encoding="utf-8")
    head = text[: text.index("\n=== ") + 1]
    body = "\n".join(f"=== {name}\n{note}\n.\n{found[name]}." for name, note, _ in CASES)
    FIXTURES.write_text(head + body + "\n", encoding="utf-8")


@pytest.mark.parametrize(("name", "note", "tree"), CASES, ids=[case[0] for case in CASES])
def test_the_note_becomes_its_doctree(
    trees: dict[str, str], name: str, note: str, tree: str
) -> None:
    assert trees[name] == tree
