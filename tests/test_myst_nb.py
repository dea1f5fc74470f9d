"""A project that loads myst-nb, in either order: notes are notes, and
notebooks' Markdown cells and MyST notebooks have the Obsidian syntax."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from docutils import nodes
from sphinx.testing.util import SphinxTestApp

from .conftest import ROOTS, warning_lines

pytest.importorskip("myst_nb", reason="myst-nb is not installed")

ORDERS = {
    "myst-nb first": ["myst_nb", "sphinxext.obsidian"],
    "the extension first": ["sphinxext.obsidian", "myst_nb"],
}


@pytest.fixture(scope="module", params=list(ORDERS))
def built(
    request: pytest.FixtureRequest, built_root: Callable[..., SphinxTestApp]
) -> SphinxTestApp:
    return built_root("myst-nb", extensions=ORDERS[request.param])


def page(app: SphinxTestApp, name: str) -> str:
    return (Path(app.outdir) / "notes" / f"{name}.html").read_text(encoding="utf-8")


def links(html: str) -> dict[str, str]:
    """The extension's links in a page's text (not its linked mentions): text -> address."""
    text = html.split('<div class="obsidian-backlinks">', maxsplit=1)[0]
    return {
        text: href
        for href, text in re.findall(
            r'<a class="obsidian-link (?:obsidian-preview )?reference internal" '
            r'href="([^"]*)">([^<]*)</a>',
            text,
        )
    }


def test_the_build_is_clean(built: SphinxTestApp) -> None:
    assert built.statuscode == 0
    assert warning_lines(built) == []


def test_a_note_is_read_as_a_note(built: SphinxTestApp) -> None:
    html = page(built, "Harvest records")
    assert links(html) == {
        "Yield analysis": "Yield%20analysis.html",
        "Yield walkthrough &gt; Method": "Yield%20walkthrough.html#method",
    }
    assert '<div class="callout callout-warning warning admonition" data-callout="warning">' in html
    assert '<p id="block-ledgers">' in html


def test_a_notebooks_markdown_cells_have_the_obsidian_syntax(built: SphinxTestApp) -> None:
    html = page(built, "Yield analysis")
    assert links(html) == {
        "Grain ledgers": "Harvest%20records.html",
        "the ledgers": "Harvest%20records.html#block-ledgers",
    }
    assert '<mark class="obsidian-highlight">the gaps</mark>' in html
    assert '<div class="callout callout-tip tip admonition" data-callout="tip">' in html
    assert 'tagged <a class="reference internal" href="../tags/statistics.html">' in html
    # the code cell and its saved output, as myst-nb renders them
    assert '<div class="output stream highlight-myst-ansi notranslate">' in html


def test_a_notebooks_first_heading_is_its_only_title(built: SphinxTestApp) -> None:
    assert re.findall(r"<h1>([^<]*)<", page(built, "Yield analysis")) == ["Yield analysis"]


def test_a_notebooks_metadata_are_its_properties(built: SphinxTestApp) -> None:
    html = page(built, "Yield analysis")
    panel = html[html.index('<dl class="obsidian-properties') : html.index("</dl>")]
    assert re.findall(r'<dt class="obsidian-property-([a-z]+)', panel) == ["tags", "source"]
    assert "<p>county ledgers</p>" in panel
    # its alias names it: [[Yield figures]] in the text notebook
    assert links(page(built, "Yield walkthrough"))["Yield figures"] == "Yield%20analysis.html"


def test_a_text_notebook_has_the_obsidian_syntax(built: SphinxTestApp) -> None:
    html = page(built, "Yield walkthrough")
    assert re.findall(r"<h1>([^<]*)<", html) == ["Yield walkthrough"]
    assert links(html)["recorded"] == "Harvest%20records.html#sources"
    assert (
        '<div class="callout callout-note note callout-foldable admonition" '
        'data-callout="note" data-callout-fold="-">'
    ) in html
    assert '<div class="cell_input docutils container">' in html


def test_notebooks_are_listed_and_linked_back(built: SphinxTestApp) -> None:
    html = page(built, "Yield analysis")
    mentions = html[html.index('<div class="obsidian-backlinks">') :]
    assert re.findall(r'href="([^"]*)"', mentions.split("</div>")[0]) == [
        "Harvest%20records.html",
        "Yield%20walkthrough.html",
    ]


def test_a_notebook_that_cannot_be_read_is_a_page_and_a_warning(tmp_path: Path) -> None:
    src = tmp_path / "src"
    shutil.copytree(ROOTS / "test-myst-nb", src)
    (src / "notes" / "Half saved.ipynb").write_text('{"cells": [\n', encoding="utf-8")
    app = SphinxTestApp("html", srcdir=src)
    try:
        app.build()
        warnings = warning_lines(app)
        html = page(app, "Half saved")
    finally:
        app.cleanup()
    assert warnings == [
        "<src>/notes/Half saved.ipynb: WARNING: the notebook could not be read: "
        "NotJSONError: Notebook does not appear to be JSON: "
        "'{\"cells\": [\\n' [obsidian.not_rendered]"
    ]
    assert re.findall(r"<h1>([^<]*)<", html) == ["Half saved"]
    assert "<p>This notebook could not be read.</p>" in html
    # the rest of the site builds
    assert links(page(app, "Harvest records"))["Yield analysis"] == "Yield%20analysis.html"


def test_a_notebooks_comments_are_in_no_doctree(built: SphinxTestApp) -> None:
    doctree = built.env.get_doctree("notes/Yield walkthrough")
    assert "kept private" not in doctree.astext()
    assert all("kept private" not in node.rawsource for node in doctree.findall(nodes.Element))


@pytest.mark.long  # a Jupyter kernel starts
def test_a_failing_cell_stops_the_build_when_the_project_asks(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(
        'extensions = ["myst_nb", "sphinxext.obsidian"]\n'
        'nb_execution_mode = "force"\nnb_execution_raise_on_error = True\n',
        encoding="utf-8",
    )
    (src / "index.md").write_text("# Home\n", encoding="utf-8")
    cell = 'open("ran", "a").write("x"); raise ValueError("the cell fails")'
    notebook = {
        "cells": [
            {"cell_type": "code", "execution_count": None, "id": "a", "metadata": {},
             "outputs": [], "source": [cell]}
        ],
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }  # fmt: skip
    (src / "failing.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
    from myst_nb.core.execute.base import ExecutionError

    app = SphinxTestApp("html", srcdir=src)
    try:
        # as myst-nb alone stops it: the extension does not turn the failure into a page
        with pytest.raises(ExecutionError) as raised:
            app.build()
    finally:
        app.cleanup()
    assert "the cell fails" in str(raised.value.__cause__)
    assert (src / "ran").read_text(encoding="utf-8") == "x"  # run once, not again
