"""The doctree nodes that Obsidian syntax becomes, built in one place.

The ``[[...]]`` tokenizer rule, the ``wikilink`` role and Markdown links to
notes all call :func:`wikilink_node`, so a link is the same node whichever
way it was written, and is resolved by the same code after reading.
"""

from __future__ import annotations

from collections.abc import Sequence

from docutils import nodes
from sphinx import addnodes

from .syntax import WikiLink

__all__ = ["DOMAIN", "annotate", "block_anchor", "link_from_node", "wikilink_node"]

#: The name of the Sphinx domain that resolves the links.
DOMAIN = "obsidian"
#: The ``reftype`` of every link the extension creates.
REFTYPE = "wikilink"


def wikilink_node(
    link: WikiLink,
    docname: str,
    *,
    rawsource: str,
    content: Sequence[nodes.Node] = (),
) -> addnodes.pending_xref:
    """A pending cross-reference for ``link``, written in ``docname``.

    ``content`` is the rendered alias (or Markdown link text); without it the
    link shows :attr:`WikiLink.display_text`.
    """
    explicit = bool(content)
    node = addnodes.pending_xref(
        rawsource,
        refdomain=DOMAIN,
        reftype=REFTYPE,
        reftarget=link.target,
        refdoc=docname,
        refexplicit=explicit,
        refwarn=False,
    )
    annotate(node, link)
    inner = nodes.inline(rawsource, "", classes=["obsidian-link"])
    if explicit:
        inner.extend(content)
    else:
        inner += nodes.Text(link.display_text)
    node += inner
    return node


def annotate(node: nodes.Element, link: WikiLink) -> None:
    """Store ``link`` on ``node``, for the resolver and the link collector.

    Also used on MyST's own node for a Markdown link without ``.md``, which is
    resolved as a note when it names one and otherwise left to MyST.
    """
    node["obsidian_path"] = link.path
    node["obsidian_headings"] = list(link.headings)
    node["obsidian_block"] = link.block
    node["obsidian_embed"] = link.embed


def link_from_node(node: nodes.Element) -> WikiLink:
    """The :class:`WikiLink` that :func:`wikilink_node` stored on ``node``."""
    return WikiLink(
        node.get("obsidian_path", ""),
        tuple(node.get("obsidian_headings", ())),
        node.get("obsidian_block"),
        None,
        bool(node.get("obsidian_embed", False)),
    )


class block_anchor(nodes.Element):  # noqa: N801 (docutils node naming)
    """Where a ``^block-id`` stood; replaced by an id on its block while reading.

    ``own_line`` tells whether the id stood on a line of its own, which makes
    it name the enclosing quote, callout or list item rather than the paragraph.
    It never reaches a writer: the block id transform removes it.
    """


def make_block_anchor(block_id: str, own_line: bool) -> block_anchor:
    """The node the ``obsidian_block_id`` token becomes."""
    return block_anchor("", block_id=block_id, own_line=own_line)
