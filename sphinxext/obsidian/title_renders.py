"""Each page's title rendered to HTML once per build, not once per mention.

For every page it writes, Sphinx's HTML builder renders to HTML the titles
of the pages around it: the previous and next pages and every parent up to
the root, each through a whole docutils publication (a new document, the
transforms, a new translator). A vault has no toctree of its own, so the
extension's navigation gives every note a previous page, a next page and one
parent per folder level: a note three folders deep costs seven such renders
instead of two, and rendering the same few hundred titles over and over was
the largest single cost the extension added to a build.

A document title (``env.titles``) is rendered the same wherever it is
mentioned: the title collector keeps only text and inline markup (no
references, no images), so its HTML depends on nothing but the node. Here the
builder's ``render_partial`` is wrapped (:func:`.compat.wrap_title_renders`), so
that those nodes are rendered once each and the result reused; every other
node (a page's table of contents, for instance) is rendered as before. The
cache lives for one write phase and is filled and read in each process on its
own, so ``-j N`` writes the same pages.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from .compat import title_renders, wrap_title_renders

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.builders import Builder

__all__ = ["TitleRenders", "setup_titles"]

Render = Callable[["nodes.Node | None"], dict[str, str]]


class TitleRenders:
    """Renders document titles through the builder once each, for one write phase."""

    def __init__(self, render: Render) -> None:
        self._render = render
        #: id of a title node in ``env.titles`` -> that node (kept alive, so
        #: that its id is not reused) and its rendered parts
        self._titles: dict[int, tuple[nodes.Node, dict[str, str] | None]] = {}

    def start(self, titles: dict[str, nodes.title]) -> None:
        """Forget the previous build's renders; learn which nodes are titles."""
        self._titles = {id(title): (title, None) for title in titles.values()}

    def __call__(self, node: nodes.Node | None) -> dict[str, str]:
        entry = self._titles.get(id(node))
        if entry is None:
            return self._render(node)
        title, parts = entry
        if parts is None:
            # a copy: the builder may hand out the same dictionary every call
            parts = dict(self._render(node))
            self._titles[id(node)] = (title, parts)
        return dict(parts)


def _wrap(app: Sphinx) -> None:
    if app.builder.format == "html":
        wrap_title_renders(app.builder, TitleRenders)


def _start(app: Sphinx, builder: Builder) -> None:
    renders = title_renders(builder)
    if isinstance(renders, TitleRenders):
        renders.start(app.env.titles)


def setup_titles(app: Sphinx) -> None:
    app.connect("builder-inited", _wrap)
    app.connect("write-started", _start)
