"""Shapes of ordinary Markdown that stop Sphinx's LaTeX and Texinfo writers, made writable.

Notes are written for Obsidian, which renders anything; two shapes that it
shows without complaint make Sphinx's LaTeX writer raise (the second also
sends the Texinfo writer round in circles), with MyST alone too, and so cost
the whole PDF:

* a table with a header row and no body (``| a | b |`` over ``|--|--|``):
  the writer looks for the first body row and finds none. Its header row
  becomes its body;
* a footnote that refers to itself (``[^a]: see [^a]``): the writer writes a
  footnote where it is first referenced, and finds none inside it. The inner
  reference is shown as its number.

The HTML and other writers are not affected and see the notes as written.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

__all__ = ["LaTeXWritableShapes"]


class LaTeXWritableShapes(SphinxPostTransform):
    """Rewrite, for LaTeX and Texinfo only, what their writers cannot write."""

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
        for footnote in list(self.document.findall(nodes.footnote)):
            ids = set(footnote["ids"])
            for ref in list(footnote.findall(nodes.footnote_reference)):
                parent = ref.parent
                if ref.get("refid") in ids and parent is not None:
                    parent[parent.index(ref)] = nodes.Text(ref.astext())
