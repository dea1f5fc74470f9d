"""Tags: ``#tag`` in a note's text and the ``tags`` property, their links and their pages.

A tag is recognised by the markdown-it rule in :mod:`.syntax` (``scan_tag``)
and, in front matter, by :func:`property_tag`; either way it becomes
:func:`tag_node`, a link to the tag's page. Tags are case-insensitive
(:func:`tag_key`). The notes' tags are recorded by the domain while notes are
read; once every note is read, :func:`tag_pages` decides the tag pages (one
per tag, nested tags listed under their parents) and the tags index, which
the navigation (:mod:`.navigation`) then makes as pages of the site.
"""

from __future__ import annotations

import dataclasses
import posixpath
from collections.abc import Callable, Set
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes

from .nodes import DOMAIN, TAG_REFTYPE, obsidian_domain
from .properties import as_list
from .resolution import name_key
from .syntax import scan_tag

if TYPE_CHECKING:
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

__all__ = [
    "PROPERTY_TAGS",
    "TagPages",
    "property_tag",
    "property_tags",
    "tag_docname",
    "tag_key",
    "tag_node",
    "tag_pages",
    "tags_index",
]

#: The front matter keys that hold tags.
PROPERTY_TAGS = ("tags", "tag")


def tag_key(tag: str) -> str:
    """Tags are case-insensitive: ``#Plan`` and ``#plan`` are one tag."""
    return name_key(tag.strip("/"))


def tag_docname(folder: str, key: str) -> str:
    """The document of a tag's page (``tags/parent/child``)."""
    # ``tags/index`` is the tags index; a tag named "index" moves aside
    parts = [part if part != "index" else "index-tag" for part in key.split("/")]
    return posixpath.join(folder.strip("/"), *parts)


def tags_index(folder: str) -> str:
    """The document of the tags index."""
    return posixpath.join(folder.strip("/"), "index")


def tag_node(tag: str, config: Config) -> nodes.Element:
    """``#tag``: a link to the tag's page (or marked text, with tags off)."""
    text = nodes.inline(f"#{tag}", f"#{tag}", classes=["obsidian-tag"])
    if not config.obsidian_tags:
        return text
    ref = addnodes.pending_xref(
        f"#{tag}",
        refdomain=DOMAIN,
        reftype=TAG_REFTYPE,
        reftarget=tag_docname(config.obsidian_tags_folder, tag_key(tag)),
        refexplicit=True,
    )
    ref += text
    return ref


def property_tag(written: str) -> str | None:
    """A ``tags`` value as a tag, if it is one (``#`` optional).

    The value must be a tag as the text writes it (letters, digits, ``_``,
    ``-``, ``/``): anything else is shown as text, never turned into a tag
    page whose name would come from arbitrary text.
    """
    tag = written.strip().lstrip("#").strip()
    return tag if tag and scan_tag(f"#{tag}", 0, len(tag) + 1) == tag else None


def property_tags(properties: dict[str, Any]) -> list[str]:
    """The tags of the ``tags`` property (a list or a comma string)."""
    found: list[str] = []
    for key in PROPERTY_TAGS:
        for written in as_list(properties.get(key)):
            tag = property_tag(written)
            if tag:
                found.append(tag)
    return found


@dataclasses.dataclass(frozen=True, slots=True)
class TagPages:
    """The tag pages of a site: what each lists, and which tag each is."""

    #: docname -> (its child tags' pages, the notes carrying the tag)
    lists: dict[str, tuple[tuple[str, ...], tuple[str, ...]]]
    #: tag page docname -> tag key (the index is not in it)
    keys: dict[str, str]


def tag_pages(
    env: BuildEnvironment,
    folder: str,
    docs: Set[str],
    generated: dict[str, str],
    title: Callable[[str], str],
) -> TagPages:
    """The tag pages and the tags index, from the tags the domain recorded.

    A tag's page is generated (its title put in ``generated``) unless
    ``docs``, the project's own documents, has a note at its name; notes are
    listed by ``title``.
    """
    domain = obsidian_domain(env)
    carriers: dict[str, set[str]] = {}
    spelling: dict[str, str] = {}
    for docname, tags in sorted(domain.data["tags"].items()):
        if docname not in env.found_docs:
            continue
        for tag in tags:
            key = tag_key(tag)
            if not key:
                continue
            carriers.setdefault(key, set()).add(docname)
            spelling.setdefault(key, tag.strip("/"))
            # a nested tag makes its parents tags too (``#a/b`` is listed under ``#a``)
            parts = key.split("/")
            written = tag.strip("/").split("/")
            for depth in range(1, len(parts)):
                parent = "/".join(parts[:depth])
                carriers.setdefault(parent, set())
                spelling.setdefault(parent, "/".join(written[:depth]))
    if not carriers:
        return TagPages({}, {})
    pages = {tag_docname(folder, key): key for key in carriers}
    kids: dict[str, list[str]] = {}
    for key in sorted(carriers):
        parent = key.rpartition("/")[0]
        kids.setdefault(parent, []).append(tag_docname(folder, key))
    lists: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}
    for docname, key in pages.items():
        if docname not in docs:
            generated[docname] = f"#{spelling[key]}"
        listed = sorted(carriers[key], key=lambda d: (title(d).casefold(), d))
        lists[docname] = (tuple(kids.get(key, ())), tuple(listed))
    index = tags_index(folder)
    if index not in docs:  # a note at ``tags/index.md`` is the index, and keeps its text
        generated[index] = "Tags"
    lists[index] = (tuple(kids.get("", ())), ())
    return TagPages(lists, pages)
