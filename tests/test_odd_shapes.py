"""Shapes found by fuzzing whole builds, each of which once stopped one builder.

A file link in a heading, a figure whose caption is only a comment, a
header-only table, a footnote that cites itself, an embed of a note holding a
table inside a table cell, and embeds of pages that carry the extension's
navigation: every builder writes them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from .conftest import warning_lines

BUILDERS = ["html", "latex", "text", "man", "texinfo", "singlehtml", "epub"]


@pytest.mark.parametrize("builder", BUILDERS)
def test_odd_shapes_build_in_every_builder(
    build_copy: Callable[[str, str], SphinxTestApp], builder: str
) -> None:
    app = build_copy("odd-shapes", builder)
    assert warning_lines(app) == []


def _text(app: SphinxTestApp, name: str) -> str:
    return " ".join((Path(app.outdir) / name).read_text(encoding="utf-8").split())


def test_what_the_text_builder_writes_for_them(
    build_copy: Callable[[str, str], SphinxTestApp],
) -> None:
    text = _text(build_copy("odd-shapes", "text"), "shapes.txt")
    assert "The report report.pdf" in text  # the file's name, not a link, in the heading
    assert 'Its summary "report.pdf"' in text  # a download role too
    # a table cannot sit in a table cell in plain text: a line says where it is
    assert "| tabled (a table of tabled, shown in the note | text |" in text
    assert "The home page lists the folder." in text  # the page's text, not its navigation
    assert "[1] See the footnote itself.[1]" in text


def test_html_keeps_nested_tables_and_links_files_outside_headings(
    build_copy: Callable[[str, str], SphinxTestApp],
) -> None:
    app = build_copy("odd-shapes", "html")
    html = (Path(app.outdir) / "shapes.html").read_text(encoding="utf-8")
    assert "<td><p>1958</p></td>" in html  # nested tables are fine in HTML
    assert html.count('class="obsidian-navigation') == 0  # embeds leave navigation behind
    assert "toctree-wrapper" not in html.split('role="main"')[1].split("sphinxsidebar")[0]
    # a callout's title is in no table of contents: the file stays a link there
    title = html.split('<p class="admonition-title">')[1].split("</p>")[0]
    assert 'class="obsidian-link reference download internal"' in title


@pytest.mark.parametrize("builder", ["latex", "texinfo"])
def test_footnotes_of_every_page_reach_the_book(
    build_copy: Callable[[str, str], SphinxTestApp], builder: str
) -> None:
    # the book joins every page into one tree; footnotes of pages other than
    # the first are footnotes there too, not text
    app = build_copy("odd-shapes", builder)
    suffix = ".tex" if builder == "latex" else ".texi"
    book = next(Path(app.outdir).glob(f"*{suffix}")).read_text(encoding="utf-8")
    assert "In bushels, at the granary." in book
    assert "[^count]" not in book


def test_a_root_document_marked_draft_is_published_with_a_warning(
    copy_root: Callable[[str], Path], build: Callable[..., SphinxTestApp]
) -> None:
    src = copy_root("odd-shapes")
    (src / "index.md").write_text("---\ndraft: true\n---\n# Odd shapes\n", encoding="utf-8")
    app = build(src)
    assert warning_lines(app) == [
        "<src>/index.md:1: WARNING: the root document asks to be left out (draft: true), but a "
        "site cannot be built without it: it is published [obsidian.excluded]"
    ]
    assert (Path(app.outdir) / "index.html").is_file()


def test_a_reference_to_no_footnote_does_not_stop_the_pdf(
    copy_root: Callable[[str], Path], build: Callable[..., SphinxTestApp]
) -> None:
    # MyST numbers ``[^missing]`` and points it at nothing a footnote; LaTeX raised
    src = copy_root("odd-shapes")
    (src / "cites.md").write_text("# Cites\n\nAs said [^missing] before.\n", encoding="utf-8")
    app = build(src, "latex")
    # docutils' own two errors (worded differently from one docutils release to another)
    warnings = warning_lines(app)
    assert len(warnings) == 2
    assert all(w.startswith("<src>/cites.md:3: ERROR: ") for w in warnings)
    assert all(w.endswith(" [docutils]") for w in warnings)
    latex = next(Path(app.outdir).glob("*.tex")).read_text(encoding="utf-8")
    assert "As said" in latex
