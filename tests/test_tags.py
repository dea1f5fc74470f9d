"""Tags: ``#tag`` in the text and the ``tags`` property, with generated tag pages (issue 5)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from sphinx.testing.util import SphinxTestApp

from .conftest import main_content, warning_lines


def tag_links(html: str) -> list[tuple[str, str]]:
    return re.findall(
        r'<a class="reference internal" href="([^"]+)">'
        r'<span class="obsidian-tag">([^<]+)</span></a>',
        html,
    )


def tag_notes(app: SphinxTestApp, docname: str) -> list[str]:
    body = main_content(app, docname)
    found = re.search(r'<ul class="obsidian-tag-notes simple">(.*?)</ul>', body, re.S)
    return re.findall(r'<span class="doc">([^<]+)</span>', found.group(1)) if found else []


def toctree_titles(app: SphinxTestApp, docname: str) -> list[str]:
    body = main_content(app, docname)
    found = re.search(r'<ul class="obsidian-navigation simple">(.*?)</ul>', body, re.S)
    return re.findall(r'<span class="doc">([^<]+)</span>', found.group(1)) if found else []


def test_tags_in_text_become_links_to_their_pages(built_root: Callable[..., SphinxTestApp]) -> None:
    app = built_root("tags")
    assert warning_lines(app) == []
    body = main_content(app, "index")
    assert tag_links(body) == [
        ("tags/history.html", "#history"),
        ("tags/history/modern.html", "#history/modern"),
        ("tags/science.html", "#Science"),
    ]
    # none of these are tags
    assert "#1984" in body and "C#" in body and "page#anchor" in body
    assert "https://example.org/#frag" in body
    assert '<span class="pre">#code</span>' in body
    assert "#not-in-code" in body
    assert 'obsidian-tag">#not-in-code' not in body


def test_tag_pages_list_the_notes_and_child_tags(built_root: Callable[..., SphinxTestApp]) -> None:
    app = built_root("tags")
    # case-insensitive: #Science and the property "science" are one tag
    assert tag_notes(app, "tags/science") == ["Engines", "Tags"]
    assert tag_notes(app, "tags/history") == ["Tags"]
    # a tag is spelled as it is first written (here, in engines.md)
    assert toctree_titles(app, "tags/history") == ["#History/Modern"]
    assert tag_notes(app, "tags/history/modern") == ["Engines", "Tags"]
    assert toctree_titles(app, "tags/index") == ["#engines", "#History", "#science"]
    assert "Tags" in toctree_titles(app, "index")


def test_property_tags_are_tag_links_in_the_panel(built_root: Callable[..., SphinxTestApp]) -> None:
    app = built_root("tags")
    panel = re.search(r'<dl class="obsidian-properties.*?</dl>', main_content(app, "engines"), re.S)
    assert panel is not None
    assert tag_links(panel.group(0)) == [
        ("tags/science.html", "#science"),
        ("tags/engines.html", "#engines"),
        ("tags/history/modern.html", "#History/Modern"),
    ]


def test_tags_can_be_switched_off(built_root: Callable[..., SphinxTestApp]) -> None:
    app = built_root("tags", obsidian_tags=False)
    body = main_content(app, "index")
    assert '<span class="obsidian-tag">#history</span>' in body
    # no tag page is a document of the build, none is written, and no page links to one
    assert "tags/index" not in app.env.found_docs
    assert not (Path(app.outdir) / "tags").exists()
    assert 'href="tags/' not in body
