"""Block ids: ``^id`` markers become element ids on the block they name.

The tokenizer leaves a :class:`~.nodes.block_anchor` where the marker stood;
once the note's tree is complete, Obsidian's placement rules are applied,
since the enclosing blocks are then known:

* ``text ^id`` at the end of a paragraph names the paragraph, or the list
  item when the paragraph is the item's text;
* ``^id`` on its own line at the end of a quote's, callout's or list item's
  last paragraph (lazy continuation) names that quote, callout or item;
* a paragraph holding nothing but ``^id`` names the block before it (a list,
  table, quote or callout) and disappears.

Ids are registered with the domain, so ``[[note#^id]]`` finds them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from .nodes import BLOCK_ANCHORS, block_anchor, iter_elements, obsidian_domain
from .warnings import ObsidianWarning, warn

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment

__all__ = ["LaTeXBlockTargets", "place_block_ids"]

_CONTAINERS = (nodes.block_quote, nodes.Admonition, nodes.list_item)


def _strip_trailing_space(paragraph: nodes.Element) -> None:
    if paragraph.children and isinstance(paragraph[-1], nodes.Text):
        text = paragraph[-1]
        stripped = str(text).rstrip()
        if stripped:
            paragraph[-1] = nodes.Text(stripped)
        else:
            paragraph.pop()


def _previous_block(node: nodes.Element) -> nodes.Element | None:
    parent = node.parent
    index = parent.index(node)
    for sibling in reversed(parent.children[:index]):
        if isinstance(sibling, nodes.Element) and not isinstance(
            sibling, nodes.system_message | nodes.target | nodes.comment | nodes.title
        ):
            return sibling
    return None


def _is_empty(paragraph: nodes.Element) -> bool:
    return not paragraph.astext().strip() and not any(
        isinstance(child, nodes.Element) for child in paragraph.children
    )


def block_for(anchor: block_anchor) -> tuple[nodes.Element, bool]:
    """The element an anchor names, and whether its paragraph is left empty."""
    paragraph = anchor.parent
    paragraph.remove(anchor)
    _strip_trailing_space(paragraph)
    if not isinstance(paragraph, nodes.paragraph):
        return paragraph, False
    container: nodes.Element = paragraph.parent
    if _is_empty(paragraph):
        previous = _previous_block(paragraph)
        if previous is not None:
            return previous, True
        if isinstance(container, _CONTAINERS):
            return container, True
        return paragraph, True
    if (
        anchor["own_line"]
        and isinstance(container, _CONTAINERS)
        and container.children[-1] is paragraph
    ):
        return container, False
    if isinstance(container, nodes.list_item) and container.children[0] is paragraph:
        return container, False
    return paragraph, False


def place_block_ids(
    document: nodes.document, env: BuildEnvironment, *, register: bool = True
) -> None:
    """Move each ``^id`` of a just-parsed note onto the block it names.

    Called by the parser when a note's tree is complete, with the anchors it
    listed while rendering, so no pass over the tree is needed to find them;
    the ids are registered with the domain, so ``[[note#^id]]`` finds them.
    Without ``register`` (a translated message, whose text replaces that of a
    block that already has its id) the markers are only taken out of the text.
    """
    anchors: list[block_anchor] = document.attributes.pop(BLOCK_ANCHORS, [])
    if not anchors:
        return
    if not register:
        for anchor in anchors:
            if anchor.parent is not None:
                paragraph = anchor.parent
                paragraph.remove(anchor)
                _strip_trailing_space(paragraph)
        return
    domain = obsidian_domain(env)
    for anchor in anchors:
        if anchor.parent is None:
            continue
        block_id = anchor["block_id"]
        paragraph = anchor.parent
        element, emptied = block_for(anchor)
        node_id = _new_id(document, block_id)
        if emptied and element is paragraph:
            # nothing before it to name: keep an empty target in its place
            target = nodes.target("", "", ids=[node_id])
            paragraph.replace_self(target)
            element = target
        else:
            element["ids"].append(node_id)
            block_ids: list[str] = element.setdefault("obsidian_block_ids", [])
            block_ids.append(node_id)
            document.ids[node_id] = element
            if isinstance(element, nodes.block_quote) and not element.children:
                # an empty quote (``- >``) named by the id: kept, as below
                element += nodes.comment()
            if emptied and len(paragraph.parent.children) == 1:
                # ``> ^x``: the quote holds nothing else; an empty quote would be
                # dropped by later passes, id and all, so a comment keeps its place
                paragraph.replace_self(nodes.comment())
            elif emptied:
                paragraph.parent.remove(paragraph)
        if not domain.note_block(env.docname, block_id, node_id):
            warn(
                ObsidianWarning.DUPLICATE_BLOCK,
                f"block id '^{block_id}' is defined more than once; links go to the first",
                paragraph,
                env.config,
            )


def _new_id(document: nodes.document, block_id: str) -> str:
    base = nodes.make_id(f"block-{block_id}") or "block"
    node_id, suffix = base, 1
    while node_id in document.ids:
        suffix += 1
        node_id = f"{base}-{suffix}"
    return node_id


class LaTeXBlockTargets(SphinxPostTransform):
    """Give block ids a label in LaTeX.

    The LaTeX writer writes ``\\label`` for sections and targets but not for an
    id on a paragraph, list or quote, so a link to a block would point nowhere
    in the PDF. For LaTeX only, each block id moves to an empty target in front
    of its element (inside it, for a list item); HTML keeps the id on the
    element itself.
    """

    formats = ("latex",)
    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        # the LaTeX builder joins every page into one tree, so the pages' own
        # markers are not on this document: walk it (once per book)
        for element in list(iter_elements(self.document)):
            block_ids = element.get("obsidian_block_ids")
            if not block_ids:
                continue
            element["ids"] = [i for i in element["ids"] if i not in block_ids]
            target = nodes.target("", "", ids=list(block_ids))
            if isinstance(element, nodes.list_item | nodes.paragraph):
                element.insert(0, target)
            else:
                element.parent.insert(element.parent.index(element), target)
            del element["obsidian_block_ids"]
