"""``singlehtml`` joins every page into one: links to headings and blocks of
other notes land on their element there, also when two notes use the same
heading or block id, and also in a translated build."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from sphinx.testing.util import SphinxTestApp

from .conftest import _page_body, obsidian_links, warning_lines


@pytest.fixture(scope="module")
def joined(built_root: Callable[..., SphinxTestApp]) -> SphinxTestApp:
    return built_root("single-page", "singlehtml")


@pytest.fixture(scope="module")
def joined_french(built_root: Callable[..., SphinxTestApp]) -> SphinxTestApp:
    return built_root("translations", "singlehtml")


def body(app: SphinxTestApp) -> str:
    """The joined page's text, whatever the theme."""
    return _page_body(app, "index", ".html")


def note(app: SphinxTestApp, docname: str) -> str:
    """One note's part of the joined page."""
    html = body(app)
    start = html.index(f'<span id="document-{docname}"></span>')
    end = html.find('<span id="document-', start + 1)
    return html[start : end if end >= 0 else len(html)]


def test_the_build_is_clean(joined: SphinxTestApp) -> None:
    assert warning_lines(joined) == []


def test_every_element_of_the_joined_page_has_its_own_id(joined: SphinxTestApp) -> None:
    ids = re.findall(r' id="([^"]*)"', body(joined))
    assert len(ids) == len(set(ids))


def test_links_land_on_each_notes_own_heading_and_block(joined: SphinxTestApp) -> None:
    assert [href for href, _ in obsidian_links(note(joined, "Reading list"))] == [
        "#background",
        "#rail-strike-background",
        "#block-summary",
        "#rail-strike-block-summary",
    ]
    html = body(joined)
    for href in ("background", "rail-strike-background"):
        assert f'<section id="{href}">' in html
    for href in ("block-summary", "rail-strike-block-summary"):
        assert f'<p id="{href}">' in html


def test_a_notes_links_to_itself_follow_its_new_ids(joined: SphinxTestApp) -> None:
    assert obsidian_links(note(joined, "Rail strike")) == [
        ("#rail-strike-block-summary", "this summary")
    ]
    assert obsidian_links(note(joined, "Dam collapse")) == [("#background", "Background")]


def test_footnotes_stay_with_their_note(joined: SphinxTestApp) -> None:
    second = note(joined, "Rail strike")
    reference = re.search(r'<a class="footnote-reference brackets" href="#([^"]*)"', second)
    assert reference is not None
    footnote = re.search(rf'<aside class="footnote brackets" id="{reference.group(1)}"', second)
    assert footnote is not None
    assert "A footnote of the second note." in second[footnote.end() :]


def test_a_translated_joined_page_links_to_translated_headings(
    joined_french: SphinxTestApp,
) -> None:
    links = obsidian_links(note(joined_french, "Reader"))
    assert links[:2] == [
        ("#grain-stores", "Harvest &gt; Grain stores"),
        ("#grain-stores", "toute la chaîne"),
    ]
    assert '<section id="grain-stores">\n<h3>Réserves de grain' in body(joined_french)
