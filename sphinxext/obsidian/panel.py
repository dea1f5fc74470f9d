"""The properties panel, tag links, and the page-level properties.

A note's front matter is shown under its title as a field list (so every
builder renders it), each value as written in the YAML: ``2021-03-04``
stays ``2021-03-04`` and ``4.50`` stays ``4.50``. Values are text, never
markup: only ``[[wikilinks]]`` in them become links (they are recognised by
the same tokenizer rule as in the text, in a parser that knows nothing
else), tags become tag links, and a per-key URL template turns a value into
an external link.

``description`` and ``cssclasses`` act on the HTML page instead: the meta
description, and classes on the page body (and on a wrapper of the note's
content, for themes and readers without JavaScript).
"""

from __future__ import annotations

import functools
import html
import json
import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from docutils import nodes
from markdown_it import MarkdownIt

from .nodes import obsidian_domain
from .syntax import wikilink_rule
from .tags import PROPERTY_TAGS, property_tag, tag_node

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

__all__ = ["properties_panel", "setup_page_properties"]


@functools.cache
def links_only_parser() -> MarkdownIt:
    """A parser that recognises wikilinks and nothing else (for property values)."""
    md = MarkdownIt("zero")
    md.inline.ruler.before("text", "wikilink", wikilink_rule)
    return md


def _shown_keys(written: dict[str, Any], config: Config) -> list[str]:
    wanted = config.obsidian_properties
    if wanted is False:
        return []
    if wanted is True:
        hidden = set(config.obsidian_properties_hidden)
        return [key for key in written if key not in hidden]
    return [key for key in wanted if key in written]


def properties_panel(
    written: dict[str, Any],
    config: Config,
    render_link: Callable[[Any], nodes.Node],
) -> nodes.field_list | None:
    """The panel of a note's properties, or ``None`` when nothing is shown.

    ``render_link`` turns a wikilink token into the link node notes use, so
    that a link in a property resolves, and counts as a backlink, like any.
    """
    keys = _shown_keys(written, config)
    templates: dict[str, str] = config.obsidian_property_links
    panel = nodes.field_list(classes=["obsidian-properties"])
    for key in keys:
        value = written[key]
        items = value if isinstance(value, list) else [value]
        values = [item for item in items if item not in ("", None, [], {})]
        if not values:
            continue
        body = nodes.paragraph()
        for position, item in enumerate(values):
            if position:
                body += nodes.Text(", ")
            body.extend(_value_nodes(key, item, templates, config, render_link))
        panel += nodes.field(
            "",
            nodes.field_name(key, key),
            nodes.field_body("", body),
            classes=[f"obsidian-property-{_class_name(key)}"],
        )
    return panel if panel.children else None


#: what a property link may point to: the web, mail, or a page of the site
SAFE_SCHEMES = frozenset({"http", "https", "mailto", "ftp", ""})
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
#: what browsers skip at the start of a URL: spaces and control characters
_IGNORED_LEADING = "".join(map(chr, range(33)))


def _safe_uri(uri: str) -> bool:
    """Whether a URL made from a template is one a page may link to.

    Browsers ignore leading spaces and control characters, so they are
    ignored here too before the scheme is read: a template (or a value, if
    the template starts with it) can never make a ``javascript:`` or
    ``data:`` link.
    """
    found = _SCHEME.match(uri.lstrip(_IGNORED_LEADING))
    return (found.group(1).lower() if found else "") in SAFE_SCHEMES


def _class_name(key: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in key.lower()).strip("-") or "property"


def _value_nodes(
    key: str,
    item: Any,
    templates: dict[str, str],
    config: Config,
    render_link: Callable[[Any], nodes.Node],
) -> Iterable[nodes.Node]:
    if isinstance(item, dict | list):
        return [nodes.Text(json.dumps(item, ensure_ascii=False))]
    text = str(item)
    if key in PROPERTY_TAGS:
        tag = property_tag(text)
        if tag:
            return [tag_node(tag, config)]
        return [nodes.Text(text)] if text.strip() else []
    template = templates.get(key)
    if template:
        uri = template.replace("{value}", quote(text, safe=""))
        if _safe_uri(uri):
            return [nodes.reference(text, text, refuri=uri, classes=["obsidian-property-link"])]
        return [nodes.Text(text)]
    if "[[" not in text:
        return [nodes.Text(text)]
    found: list[nodes.Node] = []
    for token in links_only_parser().parseInline(text)[0].children or []:
        if token.type == "wikilink":
            found.append(render_link(token))
        else:
            found.append(nodes.Text(token.content))
    return found


# -- the HTML page -----------------------------------------------------------------


def page_properties(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``description`` as the meta description, ``cssclasses`` as page classes."""
    env: BuildEnvironment = app.env
    page: dict[str, Any] = obsidian_domain(env).data["page"].get(pagename, {})
    description = page.get("description")
    if description:
        meta = f'<meta name="description" content="{html.escape(description)}" />\n'
        context["metatags"] = context.get("metatags", "") + meta
    classes = [
        "".join(c for c in name if c.isalnum() or c in "-_") for name in page.get("cssclasses", [])
    ]
    classes = [name for name in classes if name]
    if not classes or "body" not in context:
        return
    joined = " ".join(classes)
    context["body"] = f'<div class="obsidian-note {joined}">\n{context["body"]}</div>\n'
    app.add_js_file(
        None,
        body=f"document.addEventListener('DOMContentLoaded',function(){{"
        f"document.body.classList.add({', '.join(json.dumps(c) for c in classes)})}});",
    )


def describe_without_panel(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """What page-context handlers after this one read as the page's opening.

    The page's HTML is written by now; handlers that summarise the page from
    its doctree (``sphinxext-opengraph``'s ``og:description`` and meta
    description) would start with the properties panel ("tags: #a, #b").
    In the doctree they are given, the panel becomes the note's
    ``description`` property, or nothing.
    """
    if doctree is None:
        return
    page: dict[str, Any] = obsidian_domain(app.env).data["page"].get(pagename, {})
    description = page.get("description")
    for panel in list(doctree.findall(nodes.field_list)):
        if "obsidian-properties" not in panel["classes"] or panel.parent is None:
            continue
        if description:
            panel.replace_self(nodes.paragraph(description, description))
            description = None
        else:
            panel.parent.remove(panel)


def setup_page_properties(app: Sphinx) -> None:
    app.connect("html-page-context", page_properties)
    # before other extensions' handlers (500) read the page's doctree
    app.connect("html-page-context", describe_without_panel, priority=450)
