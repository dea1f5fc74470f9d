"""Shapes of ordinary Markdown that stop Sphinx's writers, made writable.

Notes are written for Obsidian, which renders anything. Some shapes that it
shows without complaint make Sphinx raise, with MyST alone too, and so cost
the whole site or the whole PDF.

In every builder, a download link or a player in a heading (``# [[file.pdf]]``,
``# {download}`file```): the heading's text also makes the tables of
contents, which hold links to pages only. The heading shows the link's text.

In LaTeX (and Texinfo, for the second):

* a table with a header row and no body (``| a | b |`` over ``|--|--|``):
  the writer looks for the first body row and finds none. Its header row
  becomes its body;
* a footnote that refers to itself (``[^a]: see [^a]``): the writer writes a
  footnote where it is first referenced, and finds none inside it. The inner
  reference is shown as its number. A reference to no footnote at all is
  shown as written.

The HTML and other writers are not affected and see the notes as written.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform

from .nodes import obsidian_media, unwrap


def _links_to_a_file(node: nodes.Node) -> bool:
    """What a heading cannot hold: tables of contents hold links to pages only."""
    return isinstance(node, addnodes.download_reference | obsidian_media)


__all__ = ["DownloadsOutOfTitles", "LaTeXWritableShapes"]


class DownloadsOutOfTitles(SphinxTransform):
    """A download link or a player in a heading shows its text, unlinked.

    Whichever way it was written (``# [[report.pdf]]``, ``# ![[talk.mp3]]``,
    ``# {download}`report.pdf```), one pass over the headings of the page.
    """

    # before Sphinx emits ``doctree-read`` (880), where the tables of contents are made
    default_priority = 850

    def apply(self, **kwargs: Any) -> None:
        # the headings the tables of contents are made of, found as Sphinx finds
        # them (sections in sections), without walking every node of the page;
        # a callout's or a table's title is in no table of contents
        stack: list[nodes.Element] = [self.document]
        while stack:
            for child in stack.pop().children:
                if isinstance(child, nodes.section):
                    stack.append(child)
                    if child.children and isinstance(child[0], nodes.title):
                        for node in list(child[0].findall(_links_to_a_file)):
                            unwrap(node)  # a player first, then the download link it holds
                elif isinstance(child, addnodes.only):
                    stack.append(child)


class LaTeXWritableShapes(SphinxPostTransform):
    """Rewrite, for LaTeX and Texinfo only, what their writers cannot write:
    header-only tables, footnotes without a reference or citing themselves,
    headings without text."""

    formats = ("latex", "texinfo")
    default_priority = 400

    def run(self, **kwargs: Any) -> None:
        for tgroup in list(self.document.findall(nodes.tgroup)):
            if any(isinstance(child, nodes.tbody) for child in tgroup.children):
                continue
            body = nodes.tbody()
            for thead in [c for c in tgroup.children if isinstance(c, nodes.thead)]:
                body.extend(thead.children)
                tgroup.remove(thead)
            if body.children:
                tgroup.append(body)
        for section in self.document.findall(nodes.section):
            title = section[0] if section.children else None
            if isinstance(title, nodes.title) and not title.astext().strip():
                # ``##``, ``## %%note%%``: Texinfo names its nodes by their titles
                # and cannot write a section without one; the heading shows its id
                title += nodes.Text(section["ids"][0] if section["ids"] else "section")
        # from the tree itself: the one LaTeX joins from every page keeps only
        # the root document's table of ids
        known = {i for fn in self.document.findall(nodes.footnote) for i in fn["ids"]}
        for ref in list(self.document.findall(nodes.footnote_reference)):
            parent = ref.parent
            if parent is not None and ref.get("refid") not in known:
                # a reference to no footnote (``[^missing]`` where MyST found none)
                parent[parent.index(ref)] = nodes.Text(ref.rawsource or ref.astext())
        for footnote in list(self.document.findall(nodes.footnote)):
            ids = set(footnote["ids"])
            for ref in list(footnote.findall(nodes.footnote_reference)):
                parent = ref.parent
                if ref.get("refid") in ids and parent is not None:
                    parent[parent.index(ref)] = nodes.Text(ref.astext())
