"""Heading links by normalised key, block ids in every placement (OFM-SPEC sections 2-3)."""

from __future__ import annotations

import pytest
from docutils import nodes
from sphinx.testing.util import SphinxTestApp

from .conftest import main_content, obsidian_links, obsidian_warnings


@pytest.mark.sphinx("html", testroot="headings-blocks", freshenv=True)
def test_heading_and_block_links_reach_their_element(app: SphinxTestApp) -> None:
    app.build()
    assert [href for href, _ in obsidian_links(main_content(app, "linker"))] == [
        "source.html#how-large-can-a-vault-be",
        "source.html#hastag",
        "source.html#self-hosting",
        "source.html#block-para",
        "source.html#block-item",
        "source.html#block-whole-list",
        "source.html#block-table",
        "source.html#block-quote",
        "source.html#block-lazy-para",
        "source.html",
        "source.html",
    ]
    assert obsidian_warnings(app) == [
        "<src>/linker.md:6: WARNING: heading not found for link [[source#No such heading]]: "
        "'source' has no heading 'No such heading'; linking to the note [obsidian.heading]",
        "<src>/linker.md:6: WARNING: block not found for link [[source#^nope]]: 'source' has "
        "no block '^nope'; linking to the note [obsidian.block]",
    ]


@pytest.mark.sphinx("html", testroot="headings-blocks", freshenv=True)
def test_block_ids_name_the_right_element_and_leave_the_text(app: SphinxTestApp) -> None:
    app.build()
    doctree = app.env.get_doctree("source")
    named = {
        node_id: type(node).__name__
        for node in doctree.findall(nodes.Element)
        for node_id in node["ids"]
        if node_id.startswith("block-")
    }
    assert named == {
        "block-para": "paragraph",
        "block-item": "list_item",
        "block-whole-list": "bullet_list",
        "block-table": "table",
        "block-quote": "block_quote",
        "block-lazy-para": "paragraph",
    }
    assert "^" not in doctree.astext()
    html = main_content(app, "source")
    assert '<p id="block-para">A paragraph.</p>' in html
    assert '<p id="block-lazy-para">Lazy text</p>' in html


@pytest.mark.sphinx("html", testroot="headings-blocks", freshenv=True)
def test_block_ids_are_kept_per_document_in_the_domain(app: SphinxTestApp) -> None:
    app.build()
    domain = app.env.domains["obsidian"]
    assert domain.blocks["source"]["para"] == "block-para"  # type: ignore[attr-defined]
    assert "linker" not in domain.blocks  # type: ignore[attr-defined]


@pytest.mark.sphinx("html", testroot="block-id-alone", freshenv=True)
def test_a_block_id_alone_in_a_quote_names_the_quote(app: SphinxTestApp) -> None:
    app.build()
    html = main_content(app, "index")
    assert '<blockquote id="block-quote">' in html
    assert 'data-callout="note" id="block-callout">' in html  # the callout, not its title
    assert '<li id="block-item">' in html
    assert '<blockquote id="block-emptyquote">' in html  # an empty quote in a list item
    assert [href for href, _ in obsidian_links(html)] == [
        "#block-quote",
        "#block-callout",
        "#block-item",
    ]
    assert obsidian_warnings(app) == []
