"""Backlinks: each note ends with "Linked mentions", the notes that link to it.

What every page links to is recorded while it is read (the domain's
``targets`` table). Once all pages are read, the map from each page to the
pages linking to it is built in one pass, in the main process (so parallel
builds agree), and compared with the previous build's: a page whose set of
backlinks changed is written again even when its own text did not change.
The list is added to each note's HTML page as it is put together.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

from .nodes import obsidian_domain

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


__all__ = ["append_backlinks", "compute_backlinks", "setup_backlinks"]


def compute_backlinks(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Build the backlinks map after reading; return the pages whose list changed."""
    domain = obsidian_domain(env)
    found: dict[str, set[str]] = {}
    if env.config.obsidian_backlinks:
        use_aliases = env.config.obsidian_resolve_aliases
        for source, paths in domain.data["targets"].items():
            for path in paths:
                target = domain.resolve_path(path, source, use_aliases=use_aliases).docname
                if target is not None and target != source:
                    found.setdefault(target, set()).add(source)
    new = {target: sorted(sources) for target, sources in found.items()}
    old: dict[str, list[str]] = domain.data["backlinks"]
    changed = {
        docname for docname in old.keys() | new.keys() if old.get(docname) != new.get(docname)
    }
    domain.data["backlinks"] = new
    return sorted(changed & env.found_docs)


def append_backlinks(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Append "Linked mentions" to a note's page body (HTML builders).

    Written as HTML when the page is put together rather than as doctree nodes:
    a page's backlinks are as many as its links, and as nodes each would be
    pickled, resolved and collected like a link, for a list that only pages show.
    """
    env = app.env
    if doctree is None or not env.config.obsidian_backlinks or app.builder.name == "singlehtml":
        return
    domain = obsidian_domain(env)
    if pagename not in domain.notes:  # only notes (Markdown pages) list them
        return
    sources = domain.data["backlinks"].get(pagename, [])
    if not sources or "body" not in context:
        return
    items = []
    for source in sources:
        title = env.titles.get(source)
        text = html.escape(title.astext() if title is not None else source)
        uri = html.escape(app.builder.get_relative_uri(pagename, source), quote=True)
        items.append(
            f'<li><p><a class="obsidian-link reference internal" href="{uri}">{text}</a></p></li>'
        )
    heading = html.escape(env.config.obsidian_backlinks_heading)
    context["body"] += (
        '<div class="obsidian-backlinks">\n'
        f'<p class="rubric">{heading}</p>\n<ul class="simple">\n'
        + "\n".join(items)
        + "\n</ul>\n</div>\n"
    )


def setup_backlinks(app: Sphinx) -> None:
    app.connect("env-updated", compute_backlinks)
    app.connect("html-page-context", append_backlinks)
