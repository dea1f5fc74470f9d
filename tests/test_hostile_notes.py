"""Hostile notes: nothing a note writes reaches the page as markup or script.

Titles, aliases, property values and keys, tags, callout types and metadata,
image sizes, URL fragments and property links are all written to attack the
page; the built HTML must show them as text, in escaped attributes, or not
at all.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from .conftest import main_content, warning_lines

pytestmark = pytest.mark.sphinx("html", testroot="hostile-notes", freshenv=True)


class _Attributes(HTMLParser):
    """Every (tag, attribute) of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found += [(tag, name) for name, _ in attrs]


def _attributes(html: str) -> list[tuple[str, str]]:
    parser = _Attributes()
    parser.feed(html)
    return parser.found


def test_no_markup_or_script_from_the_note(app: SphinxTestApp) -> None:
    app.build()
    body = main_content(app, "index")
    assert "<script" not in body.lower()
    assert "<img src=x" not in body
    assert not [pair for pair in _attributes(body) if pair[1].startswith("on")]
    assert "<b>" not in body
    assert not re.search(r'href="\s*javascript:', body, re.I)
    assert "<iframe" not in body  # neither evil.example nor a look-alike of YouTube's host


def test_everything_is_shown_as_text(app: SphinxTestApp) -> None:
    app.build()
    body = main_content(app, "index")
    assert "&lt;script&gt;alert(“title”)&lt;/script&gt;" in body  # the title
    assert "&lt;img src=x onerror=alert(“property”)&gt;" in body  # a property value
    assert "“&gt;&lt;img src=x onerror=alert(“alias”)&gt;" in body  # a link through an alias
    # the callout's metadata is in an escaped attribute and in sanitised classes
    assert "data-callout-metadata=\"wide&quot; onclick=&quot;alert('meta') &lt;b&gt;\"" in body
    assert '<div class="callout callout-note note wide onclick-alert-meta b admonition"' in body


def test_attributes_of_the_page_are_escaped_or_sanitised(app: SphinxTestApp) -> None:
    app.build()
    page = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    assert (
        '<meta name="description" content="&quot;&gt;&lt;script&gt;alert(&quot;description'
        '&quot;)&lt;/script&gt;" />'
    ) in page
    # page classes keep letters, digits, - and _ only
    assert 'classList.add("widescriptalert1script", "scriptscriptalert2script")' in page
    assert '<div class="obsidian-note widescriptalert1script scriptscriptalert2script">' in page


def test_property_links_are_web_links_or_text(app: SphinxTestApp) -> None:
    app.build()
    body = main_content(app, "index")
    # the value is percent-encoded into the template: a relative link, never a scheme
    assert 'href="javascript%3Aalert%28%22template%22%29"' in body
    assert 'href="https://www.youtube.com/watch?v=%22%3E%3Cscript%3E' in body
    # a template that makes a javascript: link is not used: the value is text
    assert '<dd class="obsidian-property-bad field-odd"><p>1</p>' in body


def test_tags_are_only_made_from_tag_characters(app: SphinxTestApp) -> None:
    app.build()
    names = [p.name for p in Path(app.outdir).rglob("*")]
    assert not [name for name in names if set(name) & set('<>"')]
    body = main_content(app, "index")
    assert "“&gt;&lt;b&gt;tag&lt;/b&gt;" in body  # shown as text, not as a tag link


def test_media_and_images(app: SphinxTestApp) -> None:
    app.build()
    body = main_content(app, "index")
    # the size that is not a number is alternative text, escaped
    assert "alt=\"100&quot; onerror=&quot;alert('size')\"" in body
    assert '<video class="obsidian-video" controls src="_downloads/' in body
    assert warning_lines(app) == []
