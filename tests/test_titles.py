"""Page titles of notes (OFM-SPEC section 7): front matter, first H1, file name."""

from __future__ import annotations

import pytest
from docutils import nodes
from sphinx.testing.util import SphinxTestApp

from .conftest import warning_lines


def outline(app: SphinxTestApp, docname: str) -> list[tuple[int, str]]:
    """The section tree of a page as (depth, title) pairs."""
    doctree = app.env.get_doctree(docname)
    out = []
    for section in doctree.findall(nodes.section):
        depth = 0
        parent = section.parent
        while parent is not None:
            depth += isinstance(parent, nodes.section)
            parent = parent.parent
        out.append((depth, section[0].astext()))
    return out


@pytest.mark.sphinx("html", testroot="titles", freshenv=True)
def test_titles_and_section_nesting(app: SphinxTestApp) -> None:
    app.build()
    titles = {name: app.env.titles[name].astext() for name in app.env.found_docs}
    assert titles == {
        "index": "Test root",
        "front_matter_title": "From Front Matter",
        "h1_title": "From the H1",
        "file_name_title": "file_name_title",
        "title_and_h1": "Title and H1",
        "bad_yaml": "bad_yaml",
    }
    assert outline(app, "front_matter_title") == [
        (0, "From Front Matter"),
        (1, "First section"),
        (2, "Sub"),
        (1, "Second section"),
        (2, "Deep jump"),
    ]
    assert outline(app, "title_and_h1") == [
        (0, "Title and H1"),
        (1, "Part one"),
        (2, "Inside"),
        (1, "Part two"),
    ]
    assert outline(app, "file_name_title") == [
        (0, "file_name_title"),
        (1, "Section one"),
        (1, "Section two"),
    ]


@pytest.mark.sphinx("html", testroot="titles", freshenv=True)
def test_only_the_invalid_yaml_warns(app: SphinxTestApp) -> None:
    app.build()
    # libyaml and pure-Python PyYAML word the problem differently
    problem = ["did not find expected ',' or ']'", "expected ',' or ']', but got ':'"]
    assert warning_lines(app) in [
        [
            f"<src>/bad_yaml.md:3: WARNING: invalid front matter YAML: {text}; "
            "the note builds without its properties [obsidian.front_matter]"
        ]
        for text in problem
    ]
    assert "Still builds" in (app.outdir / "bad_yaml.html").read_text()


@pytest.mark.sphinx("html", testroot="titles", freshenv=True)
def test_front_matter_is_page_metadata(app: SphinxTestApp) -> None:
    app.build()
    assert app.env.metadata["front_matter_title"]["videoId"] == "abc123"


@pytest.mark.sphinx("html", testroot="title-to-header", freshenv=True)
def test_myst_title_to_header_gives_one_title(app: SphinxTestApp) -> None:
    # MyST's ``title_to_header`` would add a heading of its own from ``title``
    app.build()
    assert outline(app, "titled") == [(0, "A titled note")]
    page = (app.outdir / "titled.html").read_text(encoding="utf-8")
    assert page.count("<h1>") == 1
    tag_page = (app.outdir / "tags" / "history.html").read_text(encoding="utf-8")
    assert tag_page.count("<h1>") == 1 and "<h1>#history<" in tag_page
    assert warning_lines(app) == []
