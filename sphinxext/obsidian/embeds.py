"""Embeds: ``![[note]]``, ``![[note#Heading]]``, ``![[note#^id]]`` and attachments.

Notes are transcluded when pages are written, from the embedded note's own
doctree (already read, nothing is parsed again): a post-transform, running
before cross-references are resolved, replaces each :class:`note_embed` with a
copy of the note, the section or the block. In the copy, headings become
rubrics (the host page keeps its own sections), ids get a prefix of their own
(nothing collides with the host's), and links keep resolving as they would in
the embedded note. Cycles and runaway nesting end at a placeholder with an
``obsidian.embed_cycle`` warning.

Attachments (images, audio, video, PDF, anything else) are resolved while
reading, by the same rules as notes, against the files of the source folder,
and handed to Sphinx's own image and download machinery, which copies them.
A target outside the source folder is never read, copied or linked.
"""

from __future__ import annotations

import html
import os
import posixpath
import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from .nodes import (
    HAS_EMBEDS,
    HAS_FOLDS,
    HAS_MARKDOWN_TARGETS,
    MARKDOWN_TARGET,
    builder_format,
    callout,
    depart_nothing,
    iter_elements,
    line_break,
    link_from_node,
    needs_pass,
    note_embed,
    obsidian_domain,
    obsidian_media,
    skip_node,
    unresolved_link,
    visit_children,
    wikilink_node,
)
from .resolution import LinkIndex
from .syntax import WikiLink
from .warnings import ObsidianWarning, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment
    from sphinx.writers.html5 import HTML5Translator


__all__ = [
    "ATTACHMENT_TYPES",
    "AUDIO",
    "IMAGES",
    "OPENING_BLOCKS",
    "VIDEO",
    "EmbedTransclusion",
    "attachment_index",
    "opening",
]

IMAGES = frozenset((".avif", ".bmp", ".gif", ".jpeg", ".jpg", ".png", ".svg", ".webp"))
AUDIO = frozenset((".flac", ".m4a", ".mp3", ".ogg", ".wav", ".3gp"))
VIDEO = frozenset((".mkv", ".mov", ".mp4", ".ogv", ".webm"))
#: Files an embed can show in a page (the others are linked, with a warning).
EMBEDDABLE = IMAGES | AUDIO | VIDEO | {".pdf"}
#: Extensions that always name a file, found or not; any other extension
#: (``[[Node.js]]``) names a file only when the vault holds one of that name.
ATTACHMENT_TYPES = EMBEDDABLE | {".excalidraw"}
#: How deep embeds may nest, and how many one page may expand in all, so that
#: a chain or a fan of embeds cannot make a page grow without bound.
MAX_DEPTH = 8
MAX_EMBEDS_PER_PAGE = 500
#: Parts of a document that may hold blocks (an embed's content may go there).
_HOLDS_BLOCKS = (
    nodes.list_item,
    nodes.entry,
    nodes.definition,
    nodes.field_body,
    nodes.description,
)
_SIZE = re.compile(r"(\d{1,5})(?:x(\d{1,5}))?")
_YOUTUBE_ID = re.compile(r"[A-Za-z0-9_-]{11}")


# -- attachments (read time) -------------------------------------------------------


def attachment_index(env: BuildEnvironment) -> LinkIndex:
    """The files of the source folder that are not documents, for ``![[file.ext]]``.

    Built once per process and build: the folder is walked as Sphinx walks it,
    through links to folders (a linked vault's attachments are found) but never
    round a loop, leaving out hidden folders and the build's own folders.
    """
    from .source_folder import SourceWalk, build_folders

    domain = obsidian_domain(env)
    cached = domain.attachments
    if cached is not None and cached[0] == id(env.found_docs):
        return cached[1]
    suffixes = tuple(env.config.source_suffix)
    walk = SourceWalk(
        env.srcdir,
        skip=build_folders(env),
        enter=lambda folder: not posixpath.basename(folder).startswith("."),
    )
    paths = [
        f"{folder}/{name}" if folder else name
        for folder, files in walk
        for name in files
        if not name.startswith(".") and not name.endswith(suffixes)
    ]
    index = LinkIndex(paths, source_suffixes=())
    domain.attachments = (id(env.found_docs), index, walk.roots)
    return index


def safe_source_path(env: BuildEnvironment, relpath: str) -> Path | None:
    """The file for ``relpath`` if it really lies inside the source folder, or inside a
    folder linked into it (a linked vault); a link to any other file is refused."""
    from .source_folder import inside

    attachment_index(env)  # the folders the files may lie in are found with the files
    found = obsidian_domain(env).attachments
    roots: list[Path] = found[2] if found is not None else []
    path = Path(os.path.realpath(Path(env.srcdir, relpath)))
    if not inside(path, roots):
        return None
    return path if path.is_file() else None


def split_size(alias: str | None) -> tuple[str, str | None, str | None]:
    """``Alt|300x200`` into the alt text, width and height (Obsidian's size syntax)."""
    if not alias:
        return "", None, None
    text, _, last = alias.rpartition("|")
    match = _SIZE.fullmatch(last.strip())
    if match is None:
        return alias, None, None
    return text.strip(), match.group(1), match.group(2)


def attachment_nodes(
    env: BuildEnvironment, link: WikiLink, relpath: str, rawsource: str
) -> list[nodes.Node]:
    """The nodes for an embedded attachment found at ``relpath`` in the source folder."""
    suffix = posixpath.splitext(relpath)[1].lower()
    uri = "/" + relpath
    alt, width, height = split_size(link.alias)
    name = posixpath.basename(relpath)
    if suffix in IMAGES:
        image = nodes.image(rawsource, uri=uri, alt=alt or name, candidates={"*": relpath})
        if width:
            image["width"] = f"{width}px"
        if height:
            image["height"] = f"{height}px"
        image["classes"].extend(
            nodes.make_id(part) for part in link.headings if nodes.make_id(part)
        )
        image["classes"].append("obsidian-embed-image")
        return [image]
    download = addnodes.download_reference(
        rawsource, "", nodes.literal(name, alt or name), reftarget=uri, refdoc=env.docname
    )
    if suffix in AUDIO or suffix in VIDEO or suffix == ".pdf":
        kind = "audio" if suffix in AUDIO else "video" if suffix in VIDEO else "pdf"
        media = obsidian_media(rawsource, kind=kind, classes=[f"obsidian-{kind}"])
        for part in link.headings:  # ``#page=3``, ``#height=400``
            key, _, value = part.partition("=")
            if key in ("page", "height") and value.isdigit():
                media[key] = value
        media += download
        return [media]
    return [download]


def attachment_link(
    env: BuildEnvironment, relpath: str, content: Sequence[nodes.Node], rawsource: str
) -> addnodes.download_reference:
    """``[[report.pdf]]``: a link to a file of the vault, copied with the site."""
    return addnodes.download_reference(
        rawsource, "", *content, reftarget="/" + relpath, refdoc=env.docname, refexplicit=True,
        classes=["obsidian-link"],
    )  # fmt: skip


def youtube_id(url: str) -> str | None:
    """The video id of a YouTube watch, short or embed URL, if it is one."""
    for prefix in (
        "https://www.youtube.com/watch?v=", "https://youtube.com/watch?v=",
        "https://m.youtube.com/watch?v=", "https://youtu.be/",
        "https://www.youtube.com/embed/", "https://www.youtube-nocookie.com/embed/",
    ):  # fmt: skip
        if url.startswith(prefix):
            candidate = url[len(prefix) :][:11]
            return candidate if _YOUTUBE_ID.fullmatch(candidate) else None
    return None


# -- notes (write time) -------------------------------------------------------------


def _source_link(
    docname: str, link: WikiLink, host: str, found: bool, embed: nodes.Element
) -> addnodes.pending_xref:
    """The embed's header: a link to where the content comes from.

    It names the heading or block only when the embed found it: a missing one
    has been reported once, at the embed, and the header links to the note.
    """
    headings, block = (link.headings, link.block) if found else ((), None)
    target = WikiLink("/" + docname, headings, block)
    # a block is shown by its text, not its id: the header names the note
    shown = WikiLink(posixpath.basename(docname), link.headings)
    header = wikilink_node(target, host, rawsource="", content=[nodes.Text(shown.display_text)])
    header.source, header.line = embed.source, embed.line
    return header


#: Output formats whose writers cannot put a table in a table cell.
_NO_NESTED_TABLES = frozenset(("latex", "text", "man", "texinfo"))

#: What a copy leaves behind: the navigation a page gets from the extension
#: (lists of a folder's or a tag's pages, and their toctrees) belongs to that
#: page, not to its text, and a toctree cannot be written inside another page.
_NAVIGATION_LISTS = ("obsidian-navigation", "obsidian-tag-notes")


#: The parts shown around an embed: a note, and the section or block of it (or the whole).
Stack = tuple[tuple[str, str | None], ...]


def _region(docname: str, node_id: str | None) -> str:
    return f"{docname}#{node_id}" if node_id else docname


def _without_navigation(content: nodes.Element) -> None:
    for node in list(content.findall(nodes.Element)):
        if node.parent is None:
            continue
        if isinstance(node, addnodes.toctree) or (
            isinstance(node, nodes.bullet_list)
            and any(cls in node["classes"] for cls in _NAVIGATION_LISTS)
        ):
            node.parent.remove(node)


def _as_rubrics(content: Sequence[nodes.Node]) -> list[nodes.Node]:
    """Copied content with each section's title as a rubric and its body in its
    place, so the host page keeps its own section structure."""
    out: list[nodes.Node] = []
    for child in content:
        if not isinstance(child, nodes.section):
            out.append(child)
            continue
        body = child.children
        if body and isinstance(body[0], nodes.title):
            title = body[0]
            rubric = nodes.rubric(title.rawsource, "", *title.children, ids=child["ids"])
            rubric["classes"].append("obsidian-embed-heading")
            out.append(rubric)
            body = body[1:]
        out.extend(_as_rubrics(body))
    return out


class EmbedTransclusion(SphinxPostTransform):
    """Replace every ``![[note...]]`` with the content it names."""

    # before the Markdown link resolver (8) and the references resolver (10), so
    # the links inside the embedded content are resolved like any other
    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        if not needs_pass(self, HAS_EMBEDS):
            return
        embeds = [n for n in iter_elements(self.document) if isinstance(n, note_embed)]
        if not embeds:
            return
        self.domain = obsidian_domain(self.env)
        self.expanded = 0
        self.footnote_labels: set[str] | None = None
        host = self.env.docname
        _isolate(embeds)
        for embed in embeds:
            self._expand_guarded(embed, host, ((embed.get("refdoc", host), None),), 0)

    def _expand_guarded(self, embed: note_embed, host: str, stack: Stack, depth: int) -> None:
        """:meth:`_expand`, with any fault turned into a warning at this embed
        (nested ones included), shown as written."""
        try:
            self._expand(embed, host, stack, depth)
        except Exception as error:  # one embed must not cost the site
            warn(
                ObsidianWarning.NOT_RENDERED,
                f"embed {embed.rawsource} shown as written after an unexpected "
                f"{type(error).__name__}: {error}",
                embed,
                self.config,
            )
            if _in_tree(embed):
                _place(embed, [self._placeholder(embed.rawsource)])

    def _expand(self, embed: note_embed, host: str, stack: Stack, depth: int) -> None:
        link = link_from_node(embed)
        origin = embed.get("obsidian_from") or embed.get("refdoc", host)
        raw = embed.rawsource or f"![[{link.target}]]"
        located = self.domain.locate(link, origin, raw)
        # an embed copied from another note was reported, if at all, in that note
        own = "obsidian_from" not in embed
        if located.docname is None:
            if own:
                warn(
                    located.problem or ObsidianWarning.UNRESOLVED,
                    located.message,
                    embed,
                    self.config,
                )
            _place(embed, [self._placeholder(raw)])
            return
        if located.problem is not None and own:
            warn(located.problem, located.message, embed, self.config)
        docname, node_id = located.docname, located.node_id
        cycle = self._is_cycle(embed, host, docname, node_id, stack)
        if cycle or depth >= MAX_DEPTH or self.expanded >= MAX_EMBEDS_PER_PAGE:
            why = "a cycle" if cycle else f"embeds nest deeper than {MAX_DEPTH}"
            if not cycle and self.expanded >= MAX_EMBEDS_PER_PAGE:
                why = f"the page already has {MAX_EMBEDS_PER_PAGE} embeds"
            chain = " > ".join(_region(*entry) for entry in (*stack, (docname, node_id)))
            warn(
                ObsidianWarning.EMBED_CYCLE,
                f"embed {raw} not expanded: {why} ({chain})",
                embed,
                self.config,
            )
            _place(embed, [self._placeholder(raw)])
            return
        self.expanded += 1
        content = self._content(docname, node_id, link, embed)
        _prefix_ids(content, f"embed{self.expanded}-")
        self._renumber_footnotes(content)
        nested: list[note_embed] = []
        for element in iter_elements(content):
            if isinstance(element, addnodes.pending_xref | note_embed):
                element.setdefault("obsidian_from", element.get("refdoc", docname))
                element["refdoc"] = host
            # the later passes over this page also have the copied content's work:
            # callouts to fold, Markdown links that may name notes, embeds
            if isinstance(element, callout) and element.get("fold"):
                self.document[HAS_FOLDS] = True
            elif isinstance(element, addnodes.pending_xref) and MARKDOWN_TARGET in element:
                self.document[HAS_MARKDOWN_TARGETS] = True
            elif isinstance(element, note_embed):
                nested.append(element)
        header = nodes.paragraph("", "", classes=["obsidian-embed-source"])
        header += _source_link(docname, link, host, located.problem is None, embed)
        content.insert(0, header)
        _place(embed, [content])
        _isolate(nested)
        for inner in nested:
            self._expand_guarded(inner, host, (*stack, (docname, node_id)), depth + 1)

    def _is_cycle(
        self, embed: note_embed, host: str, docname: str, node_id: str | None, stack: Stack
    ) -> bool:
        """Whether the part an embed names holds the embed itself.

        A note, section or block already being shown around the embed is a
        cycle, and so is a whole note embedded in itself. A section of the page
        embedded elsewhere in the page is not (Obsidian shows it): on the page
        itself it is a cycle only when that section contains the embed.
        """
        for shown, region in stack:
            if shown != docname:
                continue
            if node_id is None or node_id == region:
                return True
            if shown == host and region is None:
                target = self.document.ids.get(node_id)
                parent = embed.parent
                while parent is not None:
                    if parent is target:
                        return True
                    parent = parent.parent
        return False

    def _content(
        self, docname: str, node_id: str | None, link: WikiLink, embed: nodes.Element
    ) -> nodes.container:
        """A copy of the note, section or block that ``link`` names."""
        doctree = self.env.get_doctree(docname)
        target: nodes.Element | None = None
        if node_id is not None:
            target = doctree.ids.get(node_id)
        box = nodes.container("", classes=["obsidian-embed"])
        if target is None:
            # the whole note: everything but its front matter and its title
            parts = [c for c in doctree.children if not isinstance(c, nodes.docinfo)]
            if parts and isinstance(parts[0], nodes.section):
                # the title stays behind; footnotes gathered after it come along
                parts = [*parts[0].children[1:], *parts[1:]]
            if embed.get("obsidian_opening"):
                parts = opening(parts)
            box.extend(_as_rubrics([c.deepcopy() for c in parts]))
        else:
            copy = target.deepcopy()
            if isinstance(target, nodes.list_item) and isinstance(
                target.parent, nodes.bullet_list | nodes.enumerated_list
            ):
                # a list item (``- text ^id``) is shown in a list of its own kind
                holder = target.parent.copy()
                holder.append(copy)
                copy = holder
            box.extend(_as_rubrics([copy]))
            # footnotes referenced in the section or block but defined outside it
            own = {node_id for element in iter_elements(box) for node_id in _ids(element)}
            for ref in list(box.findall(nodes.footnote_reference)):
                footnote = doctree.ids.get(ref.get("refid", ""))
                if isinstance(footnote, nodes.footnote) and ref["refid"] not in own:
                    own.update(footnote["ids"])
                    box += footnote.deepcopy()
        _without_navigation(box)
        for meta in list(box.findall(nodes.meta)):
            meta.parent.remove(meta)  # the embedded note's search keywords are its own
        for panel in list(box.findall(nodes.field_list)):
            # an embedded note shows its text, not its properties (as in Obsidian)
            if "obsidian-properties" in panel["classes"] and panel.parent is not None:
                panel.parent.remove(panel)
        if self._in_table(embed) and builder_format(self) in _NO_NESTED_TABLES:
            _without_tables(box, docname)
        return box

    @staticmethod
    def _in_table(embed: nodes.Element) -> bool:
        parent = embed.parent
        while parent is not None:
            if isinstance(parent, nodes.table):
                return True
            parent = parent.parent
        return False

    def _renumber_footnotes(self, content: nodes.Element) -> None:
        """Give copied footnotes numbers the page does not use yet.

        A copy keeps the numbers of its own note, which the page may already
        show (its own footnote 1, or the same section embedded twice); writers
        that match a reference to its footnote by number (Texinfo) would then
        find the wrong one, or the footnote itself.
        """
        copied = [fn for fn in content.findall(nodes.footnote) if fn.children]
        if not copied:
            return
        if self.footnote_labels is None:
            self.footnote_labels = {
                fn[0].astext()
                for fn in self.document.findall(nodes.footnote)
                if fn.children and isinstance(fn[0], nodes.label)
            }
        used = self.footnote_labels
        for footnote in copied:
            label = footnote[0]
            if not isinstance(label, nodes.label):
                continue
            if label.astext() in used:
                number = 1
                while str(number) in used:
                    number += 1
                label.children = []
                label.append(nodes.Text(str(number)))
                for ref in content.findall(nodes.footnote_reference):
                    if ref.get("refid") in footnote["ids"]:
                        ref.children = []
                        ref.append(nodes.Text(str(number)))
            used.add(label.astext())

    @staticmethod
    def _placeholder(raw: str) -> nodes.Element:
        return nodes.paragraph(
            raw, "", unresolved_link(raw, text=raw), classes=["obsidian-embed-missing"]
        )


#: how much of a note a canvas's file card shows: its first blocks of text
OPENING_BLOCKS = 3


def opening(parts: Sequence[nodes.Node]) -> list[nodes.Node]:
    """A note's opening, as a canvas's file card shows it: the text before its
    first heading, at most :data:`OPENING_BLOCKS` blocks, without its
    properties panel or navigation."""
    opening: list[nodes.Node] = []
    for part in parts:
        if isinstance(part, nodes.section | nodes.rubric) or len(opening) >= OPENING_BLOCKS:
            break
        if isinstance(part, nodes.field_list | nodes.meta | nodes.target | nodes.comment):
            continue
        if isinstance(part, nodes.Element) and "obsidian-navigation" in part.get("classes", ()):
            continue
        opening.append(part)
    return opening


def _without_tables(content: nodes.Element, docname: str) -> None:
    """Tables of an embed placed in a table cell, for writers that cannot nest
    tables (text, LaTeX, man): each becomes a line saying where it is."""
    for table in list(content.findall(nodes.table)):
        if table.parent is None:
            continue
        note = posixpath.basename(docname)
        table.replace_self(
            nodes.paragraph(
                "", f"(a table of {note}, shown in the note itself)",
                classes=["obsidian-embed-omitted"],
            )
        )  # fmt: skip


def _ids(element: nodes.Element, attribute: str = "ids") -> list[str]:
    """An element's ids (or back-references); a few node classes have none."""
    return [str(value) for value in element.get(attribute) or ()]


def _prefix_ids(content: nodes.Element, prefix: str) -> None:
    """Give every id in copied content a prefix of its own, and every reference
    to one of those ids (footnotes, citations, back-references) the same prefix,
    so the copy neither collides with its host nor points into it."""
    elements = list(iter_elements(content))
    own = {node_id for element in elements for node_id in _ids(element)}
    for element in elements:
        element["ids"] = [prefix + node_id for node_id in _ids(element)]
        element["backrefs"] = [prefix + ref for ref in _ids(element, "backrefs") if ref in own]
        for attribute in ("names", "dupnames"):
            element[attribute] = []
        refid = element.get("refid")
        if isinstance(refid, str) and refid in own:
            element["refid"] = prefix + refid


def _in_tree(node: nodes.Node) -> bool:
    """Whether ``node`` is still where its parent says (not left in a replaced paragraph)."""
    parent = node.parent
    while parent is not None:
        if not any(child is node for child in parent.children):
            return False
        node, parent = parent, parent.parent
    return True


def _isolate(embeds: Sequence[note_embed]) -> None:
    """Give each embed written in a paragraph a paragraph of its own.

    An embed shows block content where inline text stood. A paragraph holding
    embeds is cut, in one pass, into the runs of text between them and one
    paragraph per embed, in their order, so that side-by-side embeds
    (``![[a#One]] ![[a#Two]]``) and embeds among text each take their place.
    """
    done: set[int] = set()
    for embed in embeds:
        paragraph = embed.parent
        if not isinstance(paragraph, nodes.paragraph) or id(paragraph) in done:
            continue
        done.add(id(paragraph))
        container = paragraph.parent
        if container is None:
            continue
        pieces = _split_at_embeds(paragraph)
        if not pieces:
            continue
        pieces[0].update_all_atts(paragraph, replace=True, and_source=True)
        for piece in pieces:
            piece.source, piece.line = paragraph.source, paragraph.line
            piece["classes"] = list(paragraph["classes"])
        index = container.index(paragraph)
        container[index : index + 1] = pieces


def _split_at_embeds(paragraph: nodes.paragraph) -> list[nodes.paragraph]:
    """A paragraph's children as paragraphs: each embed alone, the text between
    them together (runs of white space only are dropped, and the line breaks
    that stood next to an embed: the embed is a block of its own)."""
    pieces: list[nodes.paragraph] = []
    run: list[nodes.Node] = []
    for child in [*paragraph.children, None]:
        if child is None or isinstance(child, note_embed):
            while run and _blank(run[0]):
                run.pop(0)
            while run and _blank(run[-1]):
                run.pop()
            if run:
                pieces.append(nodes.paragraph("", "", *run))
            run = []
            if child is not None:
                pieces.append(nodes.paragraph("", "", child))
        else:
            run.append(child)
    paragraph.children = []
    return pieces


def _blank(node: nodes.Node) -> bool:
    return isinstance(node, line_break) or (isinstance(node, nodes.Text) and not node.strip())


def _place(embed: nodes.Element, blocks: list[nodes.Element]) -> None:
    """Put block content where an inline embed stood.

    An embed alone in its paragraph (see :func:`_isolate`) replaces the
    paragraph, keeping its ids on the first block. One inside other inline
    markup (emphasis, a heading, a term) cannot hold blocks: its blocks go
    right after the nearest element that can be followed by a block.
    """
    parent = embed.parent
    if isinstance(parent, nodes.paragraph) and len(parent.children) == 1 and parent.parent:
        ids = parent["ids"]
        if ids and blocks:
            blocks[0]["ids"] = [*ids, *blocks[0]["ids"]]
            parent["ids"] = []
        parent.replace_self(blocks)
        return
    if not isinstance(parent, nodes.TextElement | nodes.Inline):
        embed.replace_self(blocks)  # directly in a container of blocks (a table cell)
        return
    anchor: Any = parent  # an element; docutils' mixins (Inline) are not Node types
    while isinstance(anchor.parent, nodes.TextElement | nodes.Inline):
        anchor = anchor.parent
    # a term or a field name sits in a part that holds no blocks: go up past it
    while isinstance(anchor.parent, nodes.Part) and not isinstance(anchor.parent, _HOLDS_BLOCKS):
        anchor = anchor.parent
    cast(nodes.Element, parent).remove(embed)
    container = anchor.parent
    if container is None:
        return
    index = container.index(anchor) + 1
    container[index:index] = blocks


# -- writers ----------------------------------------------------------------------


def visit_media_html(self: HTML5Translator, node: obsidian_media) -> None:
    kind = node["kind"]
    classes = self.attval(" ".join(node["classes"]))
    if kind == "youtube":
        video = html.escape(node["video_id"])
        self.body.append(
            f'<iframe class="{classes}" src="https://www.youtube-nocookie.com/embed/{video}" '
            'title="YouTube video" loading="lazy" allowfullscreen '
            'referrerpolicy="strict-origin-when-cross-origin" '
            'allow="encrypted-media; picture-in-picture"></iframe>'
        )
        raise nodes.SkipNode
    download = next(iter(node.findall(addnodes.download_reference)), None)
    if download is None or "filename" not in download:
        return  # nothing was copied: the child link (or its text) is shown instead
    src = html.escape(posixpath.join(self.builder.dlpath, download["filename"]))
    if kind == "pdf":
        page = f"#page={node['page']}" if node.get("page") else ""
        height = f' style="height: {int(node["height"])}px"' if node.get("height") else ""
        self.body.append(
            f'<iframe class="{classes}" src="{src}{page}" title="PDF"{height}></iframe>\n'
        )
    else:
        self.body.append(f'<{kind} class="{classes}" controls src="{src}"></{kind}>\n')
    raise nodes.SkipNode


def setup_embeds(app: Sphinx) -> None:
    # other writers show the media's link (a paragraph, so it stands on its own)
    media = (visit_children, depart_nothing)
    app.add_node(
        obsidian_media,
        html=(visit_media_html, depart_nothing),
        latex=media,
        text=media,
        man=media,
        texinfo=media,
    )
    skip = (skip_node, None)
    app.add_node(note_embed, html=skip, latex=skip, text=skip, man=skip, texinfo=skip)
    app.add_post_transform(EmbedTransclusion)
