"""The ``wikilink`` role: ``[[...]]`` for reStructuredText pages and MyST roles.

``:wikilink:`Note#Heading|text``` (rST) and ``{wikilink}`Note#Heading|text```
(MyST) take exactly the text that goes between ``[[`` and ``]]``, parse it
with the same function as the tokenizer and build the same node, so existing
reStructuredText pages link into the notes by Obsidian's rules.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.util.docutils import SphinxRole

from .nodes import unresolved_link, wikilink_node
from .syntax import parse_wikilink
from .warnings import ObsidianWarning, warn

__all__ = ["WikilinkRole"]


class WikilinkRole(SphinxRole):
    """Link to a note the way ``[[...]]`` does."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        link = parse_wikilink(self.text)
        if link is None:
            warn(
                ObsidianWarning.BAD_LINK,
                f"invalid wikilink target {self.text!r}",
                self.get_location(),
                self.config,
            )
            return [unresolved_link(self.rawtext, text=self.text)], []
        content: list[nodes.Node] = [nodes.Text(link.alias)] if link.alias else []
        node = wikilink_node(link, self.env.docname, rawsource=self.rawtext, content=content)
        self.set_source_info(node)
        return [node], []
