"""Links to headings and blocks in a build that writes every page into one.

The ``singlehtml`` builder joins the pages into one HTML page, where each page
is reached at ``#document-NAME`` and its elements keep the ids they had in
their own page. Two notes with a ``## Background`` section, or a ``^summary``
block each, then have elements with the same id, and a link could only reach
the first. Before links are resolved, an element whose id an earlier page
already used gets an id of its own (the page's name before it); the
extension's links to that page's element are given the new id, and the
page's own references to the element (footnotes, ``#anchor`` links) follow
it. Sphinx's own cross-references to a renamed element (labels, index
entries) are Sphinx's, and still reach the first element of that id.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.builders.singlehtml import SingleFileHTMLBuilder
from sphinx.transforms.post_transforms import SphinxPostTransform

from .compat import builder_class
from .nodes import obsidian_domain

__all__ = ["OneIdPerElement", "setup_single_page"]


class OneIdPerElement(SphinxPostTransform):
    """Give every element of the joined page an id no other page's element has."""

    formats = ("html",)
    # after embeds are copied in (5) and before links are resolved (8, 10)
    default_priority = 7

    def is_supported(self) -> bool:
        """Builders that join every page into one: ``singlehtml`` and any builder
        made from it."""
        if not super().is_supported():
            return False
        running = builder_class(self)
        builder = running if isinstance(running, type) else type(running)
        return issubclass(builder, SingleFileHTMLBuilder)

    def run(self, **kwargs: Any) -> None:
        taken: set[str] = set()
        renamed: dict[tuple[str, str], str] = {}
        # the pages in document order, each with the elements that are its own
        pages: list[tuple[str, list[nodes.Element]]] = []
        self._collect(self.document, self.env.docname, pages)
        for docname, elements in pages:
            for element in elements:
                ids = element["ids"]
                for position, old in enumerate(ids):
                    new = old
                    if old in taken:
                        base = nodes.make_id(f"{docname}-{old}") or old
                        new, suffix = base, 1
                        while new in taken:
                            suffix += 1
                            new = f"{base}-{suffix}"
                        renamed[docname, old] = new
                        ids[position] = new
                    taken.add(new)
        # what the domain resolves links to
        obsidian_domain(self.env).single_page_ids = renamed
        if not renamed:
            return
        for docname, elements in pages:
            for element in elements:
                refid = element.get("refid")
                if refid is not None and (docname, refid) in renamed:
                    element["refid"] = renamed[docname, refid]
                backrefs = element.get("backrefs")
                if backrefs:
                    element["backrefs"] = [renamed.get((docname, ref), ref) for ref in backrefs]

    def _collect(
        self, root: nodes.Element, docname: str, pages: list[tuple[str, list[nodes.Element]]]
    ) -> None:
        """Each page's own elements, a joined page's inside ``start_of_file``."""
        own: list[nodes.Element] = []
        pages.append((docname, own))
        stack: list[nodes.Element] = [root]
        while stack:
            element = stack.pop()
            if isinstance(element, addnodes.start_of_file) and element is not root:
                self._collect(element, element["docname"], pages)
                continue
            own.append(element)
            stack.extend(
                child for child in reversed(element.children) if isinstance(child, nodes.Element)
            )


def setup_single_page(app: Sphinx) -> None:
    app.add_post_transform(OneIdPerElement)
