"""The documentation is a vault: it builds cleanly, its examples are test inputs.

The docs are built once, from a copy of ``docs/`` (the source folder stays
untouched), with the theme and settings that Read the Docs uses. Every
``obsidian-example`` is checked here: the text on its right-hand side must have
been recognised, so no Obsidian syntax is left over as text.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from docutils import nodes
from sphinx.testing.util import SphinxTestApp

from sphinxext.obsidian.config import CONFIG_VALUES
from sphinxext.obsidian.nodes import DOMAIN, REFTYPE, callout
from sphinxext.obsidian.warnings import ObsidianWarning

from .conftest import warning_lines

DOCS = Path(__file__).parent.parent / "docs"

#: Obsidian syntax that must not survive as text in a rendered example
LEFTOVER = re.compile(r"\[\[|\]\]|\[![\w-]+\]|==\S|%%|\^\[")

pytestmark = pytest.mark.skipif(not DOCS.is_dir(), reason="the docs/ folder is not present")


@pytest.fixture(scope="module")
def docs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SphinxTestApp]:
    src = tmp_path_factory.mktemp("docs") / "docs"
    shutil.copytree(DOCS, src, ignore=shutil.ignore_patterns("_build"))
    # the changelog page includes ../CHANGELOG.md, as it does in the repository
    shutil.copy(DOCS.parent / "CHANGELOG.md", src.parent / "CHANGELOG.md")
    shutil.copy(DOCS.parent / ".readthedocs.yaml", src.parent / ".readthedocs.yaml")
    app = SphinxTestApp("html", srcdir=src)
    app.build()
    yield app
    app.cleanup()


def _outside_examples(node: nodes.Node) -> bool:
    return not any("obsidian-example" in a.get("classes", ()) for a in _ancestors(node))


def _text_outside_code(node: nodes.Element) -> str:
    """The text of ``node`` without code, math and raw HTML, where syntax stays as written."""
    skip = (nodes.literal, nodes.literal_block, nodes.math, nodes.math_block, nodes.raw)
    return " ".join(
        text.astext()
        for text in node.findall(nodes.Text)
        if not any(isinstance(a, skip) for a in _ancestors(text))
    )


def _ancestors(node: nodes.Node) -> Iterator[nodes.Node]:
    parent = node.parent
    while parent is not None:
        yield parent
        parent = parent.parent


def test_docs_build_without_a_warning(docs: SphinxTestApp) -> None:
    assert warning_lines(docs) == []


def test_every_example_is_recognised(docs: SphinxTestApp) -> None:
    results = []
    for docname in sorted(docs.env.found_docs):
        doctree = docs.env.get_doctree(docname)
        for node in doctree.findall(nodes.container):
            if "obsidian-example-result" in node["classes"]:
                results.append((docname, node))
    assert len(results) >= 20
    for docname, node in results:
        for line in _text_outside_code(node).splitlines():
            assert not LEFTOVER.search(line), f"{docname}: unrecognised syntax in {line!r}"


def test_examples_show_their_source_verbatim(docs: SphinxTestApp) -> None:
    doctree = docs.env.get_doctree("syntax/links")
    sources = [
        node.astext()
        for node in doctree.findall(nodes.literal_block)
        if "obsidian-example-source" in node.parent["classes"]
    ]
    assert "- [[Mercator]]" in sources[0].splitlines()


def test_the_docs_use_their_own_syntax(docs: SphinxTestApp) -> None:
    links = callouts = 0
    for docname in docs.env.found_docs:
        doctree = docs.env.get_doctree(docname)
        for node in doctree.findall(nodes.Element):
            if not _outside_examples(node):
                continue
            if node.get("refdomain") == DOMAIN and node.get("reftype") == REFTYPE:
                links += 1
            elif isinstance(node, callout):
                callouts += 1
    assert links >= 30
    assert callouts >= 8


def _longest_word(text: str) -> str:
    """A word of a help text that typography (quotes, ellipses) leaves alone."""
    return max(re.findall(r"[A-Za-z]{4,}", text), key=len)


def _sections(app: SphinxTestApp, docname: str) -> dict[str, nodes.section]:
    doctree = app.env.get_doctree(docname)
    return {
        ident: section for section in doctree.findall(nodes.section) for ident in section["ids"]
    }


def test_configuration_reference_lists_every_value(docs: SphinxTestApp) -> None:
    sections = _sections(docs, "configuration")
    for value in CONFIG_VALUES:
        section = sections[nodes.make_id(value.name)]
        literals = [node.astext() for node in section.findall(nodes.literal)]
        assert literals[0] == value.name
        assert repr(value.default) in literals
        assert _longest_word(value.help) in section.astext()


def test_warnings_reference_lists_every_subtype(docs: SphinxTestApp) -> None:
    sections = _sections(docs, "warnings")
    for member in ObsidianWarning:
        name = f"obsidian.{member.subtype}"
        section = sections[nodes.make_id(name)]
        code = [node.astext() for node in section.findall(nodes.literal_block)]
        assert code == [f'suppress_warnings = ["{name}"]']
        assert _longest_word(member.doc) in section.astext()


def test_block_ids_leave_the_text(docs: SphinxTestApp) -> None:
    doctree = docs.env.get_doctree("vault/episodes/Mapping the Silk Road")
    assert "^days-not-miles" not in doctree.astext()
    assert any("block-days-not-miles" in node["ids"] for node in doctree.findall(nodes.paragraph))


def test_the_source_folder_is_left_alone(docs: SphinxTestApp) -> None:
    def files(root: Path) -> set[Path]:
        # Python's bytecode cache of the docs' own extension is Python's, not the build's
        return {
            p.relative_to(root)
            for p in root.rglob("*")
            if "_build" not in p.parts and "__pycache__" not in p.parts
        }

    # the build (in _build) added nothing beside the notes: no folder or tag pages
    assert files(Path(docs.srcdir)) == files(DOCS)
