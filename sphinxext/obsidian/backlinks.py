"""Backlinks: each note ends with "Linked mentions", the notes that link to it.

What every page links to is recorded while it is read (the domain's
``targets`` table). Once all pages are read, the map from each page to the
pages linking to it is built in one pass, in the main process (so parallel
builds agree), and compared with the previous build's: a page whose set of
backlinks changed is written again even when its own text did not change.
When pages are written, a post-transform appends the list as ordinary links.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from .nodes import DOMAIN, PAGE_BUILDERS, builder_name, wikilink_node
from .syntax import WikiLink

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from .domain import ObsidianDomain

__all__ = ["BacklinksList", "compute_backlinks", "setup_backlinks"]


def compute_backlinks(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Build the backlinks map after reading; return the pages whose list changed."""
    domain = cast("ObsidianDomain", env.domains[DOMAIN])
    found: dict[str, set[str]] = {}
    if env.config.obsidian_backlinks:
        index = domain.index
        use_aliases = env.config.obsidian_resolve_aliases
        for source, paths in domain.data["targets"].items():
            for path in paths:
                target = index.resolve(path, source, use_aliases=use_aliases).docname
                if target is not None and target != source:
                    found.setdefault(target, set()).add(source)
    new = {target: sorted(sources) for target, sources in found.items()}
    old: dict[str, list[str]] = domain.data["backlinks"]
    changed = {
        docname for docname in old.keys() | new.keys() if old.get(docname) != new.get(docname)
    }
    domain.data["backlinks"] = new
    return sorted(changed & env.found_docs)


class BacklinksList(SphinxPostTransform):
    """Append "Linked mentions" to a note that other pages link to."""

    # before the references resolver (10): the list is made of ordinary links
    default_priority = 6

    def run(self, **kwargs: Any) -> None:
        if not self.config.obsidian_backlinks or builder_name(self) not in PAGE_BUILDERS:
            return
        docname = self.env.docname
        domain = cast("ObsidianDomain", self.env.domains[DOMAIN])
        if docname not in domain.aliases:  # only notes (Markdown pages) list them
            return
        sources = domain.data["backlinks"].get(docname, [])
        if not sources:
            return
        items = nodes.bullet_list()
        for source in sources:
            title = self.env.titles.get(source)
            text = title.astext() if title is not None else source
            link = wikilink_node(
                WikiLink("/" + source), docname, rawsource="", content=[nodes.Text(text)]
            )
            items += nodes.list_item("", nodes.paragraph("", "", link))
        box = nodes.container("", classes=["obsidian-backlinks"])
        box += nodes.rubric("", self.config.obsidian_backlinks_heading)
        box += items
        sections = [c for c in self.document.children if isinstance(c, nodes.section)]
        (sections[-1] if len(sections) == 1 else self.document).append(box)


def setup_backlinks(app: Sphinx) -> None:
    app.connect("env-updated", compute_backlinks)
    app.add_post_transform(BacklinksList)
