"""The ``obsidian`` domain: what each document defines, and link resolution.

Per-document data (section headings, block ids, aliases, the names a page
links to) is kept in the domain keyed by docname, so Sphinx's incremental and
parallel builds purge and merge it correctly. Links are resolved after every
document has been read, when Sphinx resolves cross-references, against a
:class:`~.resolution.LinkIndex` built once per build.
"""

from __future__ import annotations

import dataclasses
import posixpath
from collections.abc import Iterable, Iterator, Set
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, cast

from docutils import nodes
from sphinx import addnodes
from sphinx.domains import Domain
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.nodes import make_refnode

from .compat import LOCALE_PRIORITY, was_translated
from .mentions import link_contexts, plain_texts
from .nodes import (
    DOMAIN,
    HAS_MARKDOWN_TARGETS,
    MARKDOWN_LINK,
    MARKDOWN_TARGET,
    REFTYPE,
    TAG_REFTYPE,
    iter_elements,
    link_content,
    link_from_node,
    link_target,
    needs_pass,
    note_embed,
    obsidian_domain,
    unresolved_link,
)
from .previews import PREVIEW_CLASS, shows_preview
from .resolution import (
    OWN_FORMATS,
    Heading,
    LinkIndex,
    Resolution,
    find_heading,
    heading_key,
    headings_by_key,
    name_key,
    strip_suffix,
)
from .syntax import INVALID_IN_PATH, WikiLink, parse_wikilink
from .warnings import ObsidianWarning, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

__all__ = ["Located", "ObsidianDomain"]


@dataclasses.dataclass(frozen=True, slots=True)
class Located:
    """Where a link goes: a document and an element id in it, or nowhere.

    ``problem`` and ``message`` describe what went wrong, if anything: a link
    may be located (to its note) and still warn about a missing heading.
    """

    docname: str | None
    node_id: str | None = None
    problem: ObsidianWarning | None = None
    message: str = ""


#: The per-document tables of the domain's data.
TABLES = (
    "headings", "blocks", "notes", "aliases", "targets", "embeds", "tags", "nav", "page",
    "percent", "properties", "views", "anchors", "mentions", "texts", "summaries", "recent",
)  # fmt: skip


def _link_key(path: str, suffixes: Iterable[str]) -> str:
    """The name a link path ends in: the key that names it in the index."""
    return name_key(strip_suffix(path.strip(), suffixes)).rstrip("/").rsplit("/", 1)[-1]


class ObsidianDomain(Domain):
    """Resolves ``[[wikilinks]]`` the way Obsidian does."""

    name = DOMAIN
    label = "Obsidian"
    data_version = 11
    initial_data: ClassVar[dict[str, Any]] = {
        # docname -> [Heading, ...] in document order
        "headings": {},
        # docname -> {block id: element id}
        "blocks": {},
        # docname -> [alias, ...] from front matter
        "aliases": {},
        # docname -> True for every note: a page read by the extension's parser
        # (the navigation lists notes, and only notes show "Linked mentions")
        "notes": {},
        # docname -> the link paths it contains, as written (links and embeds)
        "targets": {},
        # docname -> sorted keys (the names they end in) of the notes it embeds
        "embeds": {},
        # docname -> the tags it carries, as written (text and ``tags`` property)
        "tags": {},
        # docname -> page-level properties: {"description": str, "cssclasses": [str]}
        "page": {},
        # docname -> True for the notes whose source holds a ``%`` (a comment may be
        # in it, and so in the copy Sphinx publishes of it)
        "percent": {},
        # docname -> the navigation added to it when it was read (a PagePlan)
        "nav": {},
        # docname -> the pages linking to it; rebuilt after each read (not per document)
        "backlinks": {},
        # the navigation plan made after the last read: docname -> PagePlan
        "plan": {},
        # generated pages (folder and tag pages): docname -> title
        "generated": {},
        # the notes left out of the build: docname -> why (set when the builder starts)
        "excluded": {},
        # docname -> the note's properties, as YAML loads them (for the bases' views)
        "properties": {},
        # docname -> [(base YAML, view index, line), ...]: the views the page shows itself
        "views": {},
        # docname -> a digest of what the views the page shows (its own and those it
        # embeds) showed when it was last written; remade after each read (see .bases)
        "view_prints": {},
        # docname -> its links that name a heading or block, as written ("Note#Part"),
        # so that the previews of those parts are written (see .previews)
        "anchors": {},
        # docname -> [(link path, text before, link text, text after), ...]: the
        # sentence or list item around each link (see .backlinks)
        "mentions": {},
        # docname -> the plain text of its paragraphs and list items, for unlinked
        # mentions (only when ``obsidian_unlinked_mentions`` is on)
        "texts": {},
        # docname -> the plain text of its opening, for the feed's summaries
        "summaries": {},
        # docname -> True for the pages showing a list of recent notes (see .feeds)
        "recent": {},
        # docname -> [(source, Mention), ...]: unlinked mentions, remade after each
        # read (not per document)
        "unlinked": {},
        # docname -> [(source, [Mention, ...]), ...]: the sentences around the links
        # to it, by linking page; remade after each read (see .backlinks)
        "mention_contexts": {},
        # docname -> the ids of its sections and blocks that links name, for its
        # hover preview; remade after each read (see .previews)
        "preview_parts": {},
        # builder name -> table -> that table as the builder's pages last showed it,
        # so that a build by another builder (text, then html, sharing the doctrees)
        # does not hide a change from this one (see ``renew``)
        "shown": {},
        # {"prints": {docname: digest of its local graph}, "layout": (digest, positions)}:
        # the graphs as last drawn, remade after each read (see .graph)
        "graph": {"prints": {}, "layout": None},
    }

    def __init__(self, env: BuildEnvironment) -> None:
        super().__init__(env)
        self._index: LinkIndex | None = None
        #: the documents of one of Obsidian's own formats, by suffix (see ``_index_for``)
        self._format_indexes: dict[str, LinkIndex] = {}
        self._format_documents: dict[str, list[str]] | None = None
        self._generated_by_key: dict[str, str] | None = None
        self._excluded_index: LinkIndex | None = None
        self._heading_tables: dict[str, dict[str, list[int]]] = {}
        self._before: dict[str, tuple[Any, ...]] = {}
        self._added: set[str] = set()
        self._removed: set[str] = set()
        self._titles_before: dict[str, str | None] = {}
        #: the documents Sphinx reads in the current build (before the navigation's)
        self.read_this_build: set[str] = set()
        #: the documents the current build found removed
        self.removed_this_build: set[str] = set()
        #: whether the project has message catalogues for its language (see
        #: ``SourceHeadingKeys``), looked up once per process
        self.has_catalogues: bool | None = None
        #: the build's own output and doctree folders, never read as sources (set
        #: when the builder starts, see .exclusion)
        self.build_folders: list[Path] = []
        #: the source folder's files that are not documents, for ``![[file.ext]]``, with
        #: the folders they may lie in; made once per process and build (see
        #: ``embeds.attachment_index``), never pickled: the folder may change between builds
        self.attachments: tuple[int, LinkIndex, list[Path]] | None = None
        #: (docname, id) -> the id it has in a page that joins every page (see .single_page)
        self.single_page_ids: dict[tuple[str, str], str] = {}
        #: counts changes to the documents' data, so what is made from all of it
        #: (the facts the bases' views read) is made again after a change
        self.read_generation = 0
        #: every document's facts for the bases' views, with the state they were made
        #: from (see ``bases.vault``); never pickled
        self.base_vault: tuple[Any, Any] | None = None
        #: see ``resolved_targets``; made again after any change
        self._resolved: dict[str, dict[str, str]] | None = None

    # -- per-document data --------------------------------------------------

    @property
    def headings(self) -> dict[str, list[Heading]]:
        return cast(dict[str, list[Heading]], self.data["headings"])

    @property
    def blocks(self) -> dict[str, dict[str, str]]:
        return cast(dict[str, dict[str, str]], self.data["blocks"])

    @property
    def aliases(self) -> dict[str, list[str]]:
        return cast(dict[str, list[str]], self.data["aliases"])

    @property
    def _suffixes(self) -> tuple[str, ...]:
        return (".md", *self.env.config.source_suffix)

    def _changed(self) -> None:
        self.read_generation += 1
        self._index = None
        self._format_indexes.clear()
        self._format_documents = None
        self._generated_by_key = None
        self._heading_tables.clear()
        self._resolved = None

    def clear_doc(self, docname: str) -> None:
        for table in TABLES:
            self.data[table].pop(docname, None)
        self._changed()

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for table in TABLES:
            theirs = otherdata[table]
            for docname in docnames:
                if docname in theirs:
                    self.data[table][docname] = theirs[docname]
        self._changed()

    @property
    def notes(self) -> dict[str, bool]:
        """The documents that are notes (read by the extension's parser)."""
        return cast(dict[str, bool], self.data["notes"])

    def record_note(self, docname: str, aliases: Iterable[str] = ()) -> None:
        """Record that a document is a note, with its front matter aliases
        (called while reading it)."""
        self.data["notes"][docname] = True
        self.aliases[docname] = [alias for alias in aliases if alias]
        self._changed()

    def note_tags(self, docname: str, tags: Iterable[str]) -> None:
        """Record the tags a note carries (called while reading it)."""
        self.data["tags"][docname] = sorted(set(tags))

    def note_properties(self, docname: str, properties: dict[str, Any]) -> None:
        """Record a note's properties, for the bases' views (called while reading it)."""
        if properties:
            self.data["properties"][docname] = properties
        else:
            self.data["properties"].pop(docname, None)
        self._changed()

    def note_view(self, docname: str, source: str, index: int, line: int) -> None:
        """Record that a page shows view ``index`` of the base ``source`` (while reading)."""
        self.data["views"].setdefault(docname, []).append((source, index, line))

    def note_percent(self, docname: str, present: bool) -> None:
        """Record whether a note's source holds a ``%`` (called while reading it)."""
        if present:
            self.data["percent"][docname] = True
        else:
            self.data["percent"].pop(docname, None)

    def note_page(self, docname: str, page: dict[str, Any]) -> None:
        """Record the properties that act on the HTML page (called while reading)."""
        if page:
            self.data["page"][docname] = page
        else:
            self.data["page"].pop(docname, None)

    def note_added(self, docnames: Iterable[str]) -> None:
        """Count pages generated after reading as added, for :meth:`pages_to_rewrite`."""
        self._added.update(docnames)
        self._changed()

    def note_block(self, docname: str, block_id: str, node_id: str) -> bool:
        """Record a block id; ``False`` if the document already defines it."""
        blocks = self.blocks.setdefault(docname, {})
        if block_id in blocks:
            return False
        blocks[block_id] = node_id
        self._changed()
        return True

    def process_doc(self, env: BuildEnvironment, docname: str, document: nodes.document) -> None:
        """Record the document's headings and what its links and embeds name.

        One walk of the tree collects both.
        """
        headings: list[Heading] = []
        positions: dict[int, int] = {}
        source_keys: dict[str, str] = document.attributes.pop(SOURCE_KEYS, {})
        targets: set[str] = set()
        embeds: set[str] = set()
        anchors: set[str] = set()
        config = env.config
        mentions = config.obsidian_backlinks and config.obsidian_backlinks_context
        mentioned: list[tuple[str, nodes.Element]] = []
        suffixes = self._suffixes
        for node in iter_elements(document):
            if isinstance(node, addnodes.pending_xref | note_embed):
                if link_target(node) is not None:
                    link = link_from_node(node)
                    path = link.path
                    if path:
                        targets.add(path)
                        if mentions:
                            mentioned.append((path, node))
                    if link.headings or link.block is not None:
                        anchors.add(link.target)
                    if isinstance(node, note_embed):
                        embeds.add(_link_key(path or docname, suffixes))
                continue
            if not isinstance(node, nodes.section | nodes.rubric) or not node["ids"]:
                continue
            title = cast(nodes.Element, node if isinstance(node, nodes.rubric) else node[0])
            parent = -1
            ancestor = node.parent
            while ancestor is not None:
                if isinstance(ancestor, nodes.section) and id(ancestor) in positions:
                    parent = positions[id(ancestor)]
                    break
                ancestor = ancestor.parent
            positions[id(node)] = len(headings)
            key = heading_key(title.astext())
            # a translated title is also found by its text in the source language
            source_key = source_keys.get(node["ids"][0], "") if was_translated(title) else ""
            headings.append(
                Heading(key, node["ids"][0], parent, source_key if source_key != key else "")
            )
        self.headings[docname] = headings
        self.data["targets"][docname] = sorted(targets)
        self.data["embeds"][docname] = sorted(embeds)
        self._keep(docname, "anchors", sorted(anchors))
        self._keep(docname, "mentions", _mentions(mentioned))
        if config.obsidian_unlinked_mentions and docname in self.notes:
            self._keep(docname, "texts", plain_texts(document, _LINK_NODES))
        self._changed()
        self._check_name(docname)

    def renew(self, table: str, new: dict[str, Any], builder: str) -> set[str]:
        """Replace a table made after reading; the documents whose entry
        differs from what this builder's pages showed when last written."""
        shown: dict[str, Any] = self.data["shown"].setdefault(builder, {})
        old: dict[str, Any] = shown.get(table, {})
        shown[table] = self.data[table] = new
        return {doc for doc in old.keys() | new.keys() if old.get(doc) != new.get(doc)}

    def _keep(self, docname: str, table: str, value: Any) -> None:
        """Record a document's entry in ``table``, or none when it is empty."""
        if value:
            self.data[table][docname] = value
        else:
            self.data[table].pop(docname, None)

    def _check_name(self, docname: str) -> None:
        """Warn when no wikilink can name this document (``C# basics.md``).

        Decided by the wikilink parser itself: the document's own name, read
        as a link, must come back as that path and nothing else.
        """
        if docname in self.data["generated"]:
            return
        link = parse_wikilink(docname)
        if link is not None and link.path == docname and not link.headings and not link.block:
            return
        found = sorted({char for char in docname if char in INVALID_IN_PATH or char == "#"})
        if "%%" in docname:
            found.append("%%")
        shown = ", ".join(repr(char) for char in found)
        warn(
            ObsidianWarning.BAD_NAME,
            f"no wikilink can name {docname!r}: its path contains {shown}; rename the file",
            (docname, None),
            self.env.config,
        )

    # -- resolution -----------------------------------------------------------

    @property
    def index(self) -> LinkIndex:
        """The look-up tables over all documents, built once per build."""
        if self._index is None:
            # generated pages (folder and tag pages) are reached by their path only
            self._index = LinkIndex(
                self.env.found_docs - self.data["generated"].keys() - self._own_format_docs(),
                self.aliases if self.env.config.obsidian_resolve_aliases else None,
                self.env.config.source_suffix,
            )
        return self._index

    def _own_format_docs(self) -> set[str]:
        """The canvases and bases of the project."""
        return {docname for docs in self._format_docs().values() for docname in docs}

    def _format_docs(self) -> dict[str, list[str]]:
        if self._format_documents is None:
            self._format_documents = {suffix: [] for suffix in OWN_FORMATS}
            for docname in self.env.found_docs:
                path = str(self.env.doc2path(docname, False)).lower()
                for suffix in OWN_FORMATS:
                    if path.endswith(suffix):
                        self._format_documents[suffix].append(docname)
        return self._format_documents

    def resolved_targets(self) -> dict[str, dict[str, str]]:
        """Each document's link paths, with the document each leads to (the
        paths that lead somewhere), as links resolve with
        ``obsidian_resolve_aliases``. Resolved once per state of the documents:
        "Linked mentions" and the graph read the same links."""
        if self._resolved is None:
            use_aliases = self.env.config.obsidian_resolve_aliases
            resolved: dict[str, dict[str, str]] = {}
            for source, paths in self.data["targets"].items():
                found = resolved[source] = {}
                for path in paths:
                    target = self.resolve_path(path, source, use_aliases=use_aliases).docname
                    if target is not None:
                        found[path] = target
            self._resolved = resolved
        return self._resolved

    def resolve_path(self, path: str, refdoc: str, *, use_aliases: bool = True) -> Resolution:
        """The document a link's path names, as Obsidian finds it.

        A path ending in ``.canvas`` or ``.base`` names a canvas or a base only
        (``![[Books.base]]`` in ``Books.md`` is the base). Any other path names
        a note or page first, then a folder or tag page; a canvas of that name
        is found when none is (``[[board]]`` for ``board.canvas``).
        """
        suffix = posixpath.splitext(path.strip())[1].lower()
        if suffix in OWN_FORMATS:
            return self._format_index(suffix).resolve(path, refdoc, use_aliases=False)
        found = self.index.resolve(path, refdoc, use_aliases=use_aliases)
        if found.docname is None and self._generated_page(path) is None:
            # ``[[board]]`` reaches ``board.canvas`` when no note or folder page has
            # the name; a base is named with its suffix only, as in Obsidian
            # (a path from the root, ``/Library``, is the extension's own link to a
            # document it copied from: any document)
            kinds = OWN_FORMATS if path.startswith("/") else (".canvas",)
            for kind in kinds:
                other = self._format_index(kind).resolve(path, refdoc, use_aliases=False)
                if other.docname is not None:
                    return other
        return found

    def _format_index(self, suffix: str) -> LinkIndex:
        if suffix not in self._format_indexes:
            self._format_indexes[suffix] = LinkIndex(self._format_docs()[suffix], None, (suffix,))
        return self._format_indexes[suffix]

    def _find_heading(self, docname: str, chain: tuple[str, ...]) -> Heading | None:
        headings = self.headings.get(docname, [])
        table = self._heading_tables.get(docname)
        if table is None:
            table = self._heading_tables[docname] = headings_by_key(headings)
        return find_heading(headings, chain, table)

    def locate(self, link: WikiLink, refdoc: str, raw: str, *, markdown: bool = False) -> Located:
        """Find the document and element ``link``, written in ``refdoc``, names.

        A ``markdown`` link (``[text](Folder/Note)``) whose path leads nowhere
        is found by the note's name, as Obsidian finds it.
        """
        found = None
        if link.path:
            aliases = self.env.config.obsidian_resolve_aliases
            found = self.resolve_path(link.path, refdoc, use_aliases=aliases)
            name = posixpath.basename(link.path.rstrip("/"))
            if found.docname is None and markdown and name and name != link.path:
                found = self.index.resolve(name, refdoc, use_aliases=False)
            if found.docname is None:
                generated = self._generated_page(link.path)
                if generated is None:
                    return self._not_found(link, refdoc, raw)
                return Located(generated)
            docname = found.docname
        else:
            docname = refdoc
        problem, message = None, ""
        node_id: str | None = None
        if link.block is not None:
            blocks = self.blocks.get(docname, {})
            node_id = blocks.get(link.block)
            if node_id is None:
                folded = {key.casefold(): value for key, value in blocks.items()}
                node_id = folded.get(link.block.casefold())
            if node_id is None:
                problem = ObsidianWarning.BLOCK
                message = (
                    f"block not found for link {raw}: {docname!r} has no block "
                    f"'^{link.block}'; linking to the note"
                )
        elif link.headings:
            heading = self._find_heading(docname, link.headings)
            if heading is not None:
                node_id = heading.node_id
            else:
                problem = ObsidianWarning.HEADING
                wanted = " > ".join(link.headings)
                message = (
                    f"heading not found for link {raw}: {docname!r} has no heading "
                    f"{wanted!r}; linking to the note"
                )
        if problem is None and found is not None and found.ambiguous:
            problem = ObsidianWarning.AMBIGUOUS
            names = ", ".join(found.candidates)
            message = (
                f"ambiguous link {raw}: {len(found.candidates)} documents match "
                f"({names}); using {docname!r}"
            )
        return Located(docname, node_id, problem, message)

    def _generated_page(self, path: str) -> str | None:
        """A generated page named by its full path (``[[tags/plugin]]``), if any."""
        if self._generated_by_key is None:
            self._generated_by_key = {}
            for docname in sorted(self.data["generated"], reverse=True):
                key = name_key(docname)
                self._generated_by_key[key] = docname
                if key.endswith("/index"):  # ``[[tags/]]``, ``[[tags]]``: the folder's page
                    self._generated_by_key.setdefault(key[: -len("/index")], docname)
        wanted = name_key(strip_suffix(path.strip().strip("/"), self._suffixes))
        return self._generated_by_key.get(wanted)

    def _not_found(self, link: WikiLink, refdoc: str, raw: str) -> Located:
        """Why nothing was found: a note left out of the build, or no note at all."""
        excluded: dict[str, str] = self.data["excluded"]
        if excluded:
            if self._excluded_index is None:
                self._excluded_index = LinkIndex(excluded, source_suffixes=())
            left_out = self._excluded_index.resolve(link.path, refdoc, use_aliases=False)
            if left_out.docname is not None:
                return Located(
                    None,
                    problem=ObsidianWarning.EXCLUDED,
                    message=f"link {raw} to {left_out.docname!r}, which is left out of the "
                    f"build ({excluded[left_out.docname]})",
                )
        return Located(
            None,
            problem=ObsidianWarning.UNRESOLVED,
            message=f"unresolved link {raw}: no note, page or alias named {link.path!r}",
        )

    def resolve_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: addnodes.pending_xref,
        contnode: nodes.Element,
    ) -> nodes.reference | None:
        """The reference replacing a link, or ``None`` when it names nothing.

        An unresolved link is then offered to other extensions through
        ``missing-reference``; if none claims it, :func:`_mark_unresolved`
        keeps its text, marked with the class ``obsidian-unresolved``.
        """
        if typ == TAG_REFTYPE:
            # a tag page is made for every tag found while reading
            if target not in env.all_docs:
                return None
            return make_refnode(builder, fromdocname, target, "", contnode)
        # ``obsidian_from``: the note a link was written in, when it was embedded elsewhere
        origin = node.get("obsidian_from") or node.get("refdoc", fromdocname)
        located = self.locate(
            link_from_node(node), origin, _raw(node), markdown=bool(node.get(MARKDOWN_LINK))
        )
        if located.problem is not None and "obsidian_from" not in node:
            # a link copied by an embed is reported once, in its own note
            warn(located.problem, located.message, node, env.config)
        if located.docname is None:
            return None
        node_id = located.node_id or ""
        node_id = self.single_page_ids.get((located.docname, node_id), node_id)
        refnode = make_refnode(builder, fromdocname, located.docname, node_id, contnode)
        _one_anchor(refnode)
        refnode["classes"].append("obsidian-link")
        if shows_preview(env, builder, located.docname):
            refnode["classes"].append(PREVIEW_CLASS)
        return refnode

    def resolve_any_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: addnodes.pending_xref,
        contnode: nodes.Element,
    ) -> list[tuple[str, nodes.reference]]:
        # the ``any`` role stays with Sphinx's own object types
        return []

    def get_objects(self) -> Iterator[tuple[str, str, str, str, str, int]]:
        return iter(())

    # -- incremental builds -----------------------------------------------------

    def _signature(self, docname: str) -> tuple[Any, ...]:
        """What other pages' links depend on: headings, blocks and aliases."""
        return (
            tuple(self.headings.get(docname, ())),
            tuple(sorted(self.blocks.get(docname, {}).items())),
            tuple(self.aliases.get(docname, ())),
        )

    def _names(self, docname: str) -> set[str]:
        names = {name_key(posixpath.basename(docname))}
        # keyed as links are (the part after the last ``/``), so that an alias
        # with a slash in it meets the links that use it
        names.update(_link_key(alias, ()) for alias in self.aliases.get(docname, ()))
        return names

    def remember_before_reading(
        self, added: Set[str], changed: Set[str], removed: Set[str]
    ) -> None:
        """Note, before re-reading, what linking pages depend on in these documents."""
        self._added = set(added)
        self._removed = set(removed)
        self.removed_this_build = set(removed)
        self._before = {
            docname: (self._signature(docname), self._names(docname))
            for docname in (*changed, *removed)
        }
        self._titles_before = {docname: self._title(docname) for docname in changed}

    def _title(self, docname: str) -> str | None:
        title = self.env.titles.get(docname)
        return title.astext() if title is not None else None

    def _showing_title_of(self, docnames: set[str]) -> set[str]:
        """Pages that show these documents' titles: in their "Linked mentions"
        or "Unlinked mentions" and in the lists of folder, group and tag pages."""
        pages = {
            page
            for page, sources in self.data["backlinks"].items()
            if docnames.intersection(sources)
        }
        pages.update(
            page
            for page, mentions in self.data["unlinked"].items()
            if docnames.intersection(source for source, _ in mentions)
        )
        for page, plan in self.data["plan"].items():
            if docnames.intersection(plan.toctree) or docnames.intersection(plan.notes):
                pages.add(page)
        return pages

    def pages_to_rewrite(self) -> set[str]:
        """Pages not re-read whose links may now resolve differently.

        Those linking by name to a document that was added or removed, or whose
        headings, block ids or aliases changed.
        """
        touched: set[str] = set()
        content_changed: set[str] = set()
        removed = self._removed
        for docname in self._added:
            touched |= self._names(docname)
        for docname, (signature, names) in self._before.items():
            if docname in removed:
                touched |= names
            else:
                content_changed |= names | self._names(docname)
                if signature != self._signature(docname):
                    touched |= names | self._names(docname)
        retitled = {
            docname
            for docname, title in self._titles_before.items()
            if title != self._title(docname)
        }
        self._before, self._added, self._removed = {}, set(), set()
        self._titles_before = {}
        suffixes = self._suffixes
        targets: dict[str, list[str]] = self.data["targets"]
        pages = {
            docname
            for docname, paths in targets.items()
            if touched.intersection(_link_key(path, suffixes) for path in paths)
        }
        pages |= self._showing_title_of(retitled)
        # pages that embed a changed note, or a page whose links now go elsewhere,
        # show the new content, and so on up the chain (a page already to be
        # rewritten still passes the change upwards)
        embedded = touched | content_changed | set().union(*(self._names(d) for d in pages))
        embeds: dict[str, list[str]] = self.data["embeds"]
        seen: set[str] = set()
        while embedded:
            embedders = {d for d, keys in embeds.items() if embedded.intersection(keys)} - seen
            seen |= embedders
            pages |= embedders
            embedded = set().union(*(self._names(d) for d in embedders)) if embedders else set()
        return pages


#: the nodes whose text is a link's, not the page's own words (for unlinked mentions)
_LINK_NODES = (addnodes.pending_xref, nodes.reference, note_embed, nodes.literal)


def _mentions(mentioned: list[tuple[str, nodes.Element]]) -> list[tuple[str, str, str, str]]:
    """Each link's path with the sentence around it (nothing around an embed)."""
    contexts = link_contexts(node for _, node in mentioned if not isinstance(node, note_embed))
    return [
        (path, *contexts[id(node)]) if id(node) in contexts else (path, "", "", "")
        for path, node in mentioned
    ]


def _mark_unresolved(
    app: Sphinx, env: BuildEnvironment, node: addnodes.pending_xref, contnode: nodes.Node
) -> nodes.Element | None:
    """Keep the text of a link that names nothing, marked ``obsidian-unresolved``.

    Connected with a late priority so that other extensions' handlers of
    ``missing-reference`` are asked first.
    """
    if node.get("refdomain") != DOMAIN:
        return None
    return unresolved_link(node.rawsource, contnode)


def _claim_missing_reference_warning(
    app: Sphinx, domain: Domain | None, node: nodes.Node
) -> bool | None:
    """Sphinx's own "target not found" warning is not needed for our links:
    the domain has already given a precise ``obsidian.*`` warning."""
    return True if domain is not None and domain.name == DOMAIN else None


def _raw(node: nodes.Element) -> str:
    raw = node.rawsource or ""
    return raw if raw else f"[[{node.get('reftarget', '')}]]"


class MarkdownLinkResolver(SphinxPostTransform):
    """Claim Markdown links without ``.md`` (``[text](My Note)``) that name a note.

    Such a link may also be one of MyST's own targets (a label, a relative
    document), so MyST's node is kept while reading. Here, before MyST's
    resolver runs, a link that names a note becomes the domain's own
    cross-reference, which Sphinx's resolver then hands to
    :meth:`ObsidianDomain.resolve_xref` like any wikilink; any other link is
    left untouched for MyST.
    """

    # before MyST's ``MystReferenceResolver`` (9) and Sphinx's resolver (10)
    default_priority = 8

    def run(self, **kwargs: Any) -> None:
        if not needs_pass(self, HAS_MARKDOWN_TARGETS):
            return
        domain = obsidian_domain(self.env)
        for node in list(iter_elements(self.document)):
            if not isinstance(node, addnodes.pending_xref) or MARKDOWN_TARGET not in node:
                continue
            link = link_from_node(node)
            origin = node.get("obsidian_from") or node["refdoc"]
            located = domain.locate(link, origin, _raw(node), markdown=True)
            if located.docname is None:
                continue
            node["refdomain"], node["reftype"], node["reftarget"] = DOMAIN, REFTYPE, link.target
            node[MARKDOWN_LINK] = True
            for key in (MARKDOWN_TARGET, "reflocalid"):
                node.attributes.pop(key, None)
            content = cast(nodes.Element, node[0])
            node[0] = link_content(content.children)


def _remember_outdated(
    app: Sphinx, env: BuildEnvironment, added: Set[str], changed: Set[str], removed: Set[str]
) -> list[str]:
    domain = obsidian_domain(env)
    domain.remember_before_reading(added, changed, removed)
    return []


def _remember_read(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    obsidian_domain(env).read_this_build = set(docnames)


def _rewrite_linking_pages(app: Sphinx, env: BuildEnvironment) -> list[str]:
    domain = obsidian_domain(env)
    return sorted(domain.pages_to_rewrite() & env.found_docs)


#: a page's heading keys as its source writes them, before Sphinx translates
#: them (section id -> key); read, and dropped, when the page's headings are recorded
SOURCE_KEYS = "obsidian_source_keys"


class SourceHeadingKeys(SphinxTransform):
    """Note each heading's key in the source language before Sphinx puts the
    translations in place, so that ``[[Note#Heading]]`` written in the source
    language still reaches the translated heading.

    Only in a project that has catalogues for its language: elsewhere no
    heading is translated.
    """

    default_priority = LOCALE_PRIORITY - 1

    def apply(self, **kwargs: Any) -> None:
        if not _has_catalogues(self.env):
            return
        keys: dict[str, str] = {}
        for node in self.document.findall(nodes.Element):
            if isinstance(node, nodes.section) and node["ids"] and node.children:
                keys[node["ids"][0]] = heading_key(node[0].astext())
            elif isinstance(node, nodes.rubric) and node["ids"]:
                keys[node["ids"][0]] = heading_key(node.astext())
        self.document[SOURCE_KEYS] = keys


def _has_catalogues(env: BuildEnvironment) -> bool:
    """Whether the project has message catalogues for its language (where
    Sphinx looks for them: ``locale_dirs/<language>/LC_MESSAGES``)."""
    domain = obsidian_domain(env)
    if domain.has_catalogues is None:
        language = env.config.language or ""
        domain.has_catalogues = bool(language) and any(
            (Path(env.srcdir) / folder / language / "LC_MESSAGES").is_dir()
            for folder in env.config.locale_dirs
        )
    return domain.has_catalogues


def _one_anchor(refnode: nodes.reference) -> None:
    """Keep the last ``#`` of an address that has two.

    A builder that writes every page into one (``singlehtml``) gives each
    page the address ``#document-NAME``, to which Sphinx appends the
    element's own ``#id``; a browser reads the second ``#`` as part of the
    first anchor, which names nothing. All pages are on the one page, so the
    element's id alone is the address.
    """
    uri = refnode.get("refuri", "")
    first = uri.find("#")
    if first >= 0 and uri.find("#", first + 1) >= 0:
        refnode["refuri"] = uri[uri.rindex("#") :]


def setup_domain(app: Sphinx) -> None:
    app.add_domain(ObsidianDomain)
    app.add_post_transform(MarkdownLinkResolver)
    app.add_transform(SourceHeadingKeys)
    app.connect("env-get-outdated", _remember_outdated)
    app.connect("env-before-read-docs", _remember_read)
    app.connect("env-get-updated", _rewrite_linking_pages)
    app.connect("missing-reference", _mark_unresolved, priority=900)
    app.connect("warn-missing-reference", _claim_missing_reference_warning)
