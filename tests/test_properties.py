"""The properties panel, URL templates, and page-level properties (issue 5)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from sphinxext.obsidian.properties import property_line

from .conftest import backlinks, main_content, obsidian_warnings


def panel(app: SphinxTestApp, docname: str) -> str:
    found = re.search(r'<dl class="obsidian-properties.*?</dl>', main_content(app, docname), re.S)
    assert found is not None
    return found.group(0)


def fields(html: str) -> list[str]:
    return re.findall(r'<dt class="[^"]*">([^<]+)<span class="colon">', html)


def test_panel_shows_the_values_as_written(built_root: Callable[..., SphinxTestApp]) -> None:
    app = built_root("properties")
    html = panel(app, "episode")
    # title, aliases, description and cssclasses do their work elsewhere
    assert fields(html) == ["videoId", "date", "rating", "guests", "related", "tags"]
    assert "<p>2021-03-04</p>" in html
    assert "<p>4.50</p>" in html
    # the panel comes right after the title
    body = main_content(app, "episode")
    assert body.index("</h1>") < body.index("obsidian-properties") < body.index("Summary")


def test_url_templates_link_values_and_hostile_values_stay_text(
    built_root: Callable[..., SphinxTestApp],
) -> None:
    app = built_root("properties")
    html = panel(app, "episode")
    assert (
        '<a class="obsidian-property-link reference external" '
        'href="https://www.youtube.com/watch?v=dQw4%26w9%3CWgXcQ%3E">dQw4&amp;w9&lt;WgXcQ&gt;</a>'
    ) in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert" not in main_content(app, "episode")


def test_wikilinks_in_properties_are_links_and_backlinks(
    built_root: Callable[..., SphinxTestApp],
) -> None:
    app = built_root("properties")
    html = panel(app, "episode")
    link = '<a class="obsidian-link obsidian-preview reference internal"'
    assert f'{link} href="ada.html">ada</a>' in html
    assert f'{link} href="ada.html#life">her life</a>' in html
    assert '<span class="obsidian-link obsidian-unresolved">Nobody Here</span>' in html
    assert obsidian_warnings(app) == [
        "<src>/episode.md:1: WARNING: unresolved link [[Nobody Here]]: no note, page or "
        "alias named 'Nobody Here' [obsidian.unresolved]"
    ]
    assert backlinks(app, "ada") == [("episode.html", "Episode 12")]


def test_description_and_cssclasses_act_on_the_page(
    built_root: Callable[..., SphinxTestApp],
) -> None:
    app = built_root("properties")
    page = (Path(app.outdir) / "episode.html").read_text()
    assert (
        '<meta name="description" content="An hour on &quot;engines&quot; &amp; &lt;looms&gt;" />'
        in page
    )
    assert '<div class="obsidian-note wide-page cards">' in page
    assert 'document.body.classList.add("wide-page", "cards")' in page
    # other pages are not touched
    assert "document.body.classList" not in (Path(app.outdir) / "ada.html").read_text()


def test_panel_keys_are_configurable(built_root: Callable[..., SphinxTestApp]) -> None:
    app = built_root("properties", obsidian_properties=["rating", "date"])
    assert fields(panel(app, "episode")) == ["rating", "date"]


def test_panel_can_be_switched_off(built_root: Callable[..., SphinxTestApp]) -> None:
    app = built_root("properties", obsidian_properties=False)
    assert "obsidian-properties" not in main_content(app, "episode")


def test_panel_in_text_output(built_root: Callable[..., SphinxTestApp]) -> None:
    app = built_root("properties", "text")
    text = (Path(app.outdir) / "episode.txt").read_text()
    assert "date:" in text and "2021-03-04" in text


def test_null_values_are_no_values(built_root: Callable[..., SphinxTestApp]) -> None:
    app = built_root("properties")
    html = panel(app, "nulls")
    # ``~``, ``null`` and nothing are shown as Obsidian shows them: not at all
    assert fields(html) == ["tags"]
    assert re.findall(r'<span class="obsidian-tag">([^<]+)</span>', html) == ["#kept"]
    assert [w for w in obsidian_warnings(app) if "nulls.md" in w] == []


# -- where a property is written (for warnings about one property) ---------------------


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("---\ntitle: A\npermalink: old\n---\nText\n", 3),
        ("\ufeff---\npermalink: old\n---\n", 2),  # a byte-order mark is not a line
        ("---\r\ntitle: A\r\n'permalink': old\r\n---\r\n", 3),  # quoted, CRLF
        ("---\nnested:\n  permalink: inner\npermalink: outer\n...\n", 4),  # top level only
        ("---\n{permalink: flow}\n---\n", 2),
        ("---\npermalink: first\npermalink: kept\n---\n", 3),  # YAML keeps the last
        ("---\ntitle: A\n---\npermalink: in the text\n", None),
        ("title: no front matter\npermalink: x\n", None),
        ("---\npermalink: [unclosed\n---\n", None),  # YAML that does not parse
        ("---\n- a list\n---\n", None),
    ],
)
def test_the_line_of_a_property(text: str, line: int | None) -> None:
    assert property_line(text, "permalink") == line
