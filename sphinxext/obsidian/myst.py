"""The hook into MyST: a parser for ``.md`` sources that knows Obsidian syntax.

:class:`ObsidianParser` takes MyST's place for Markdown sources. It builds the
same markdown-it-py parser MyST would build and adds the rules of
:mod:`.syntax`, so directives that parse their content as Markdown (nested
parsing reuses the parser) see the same syntax. :class:`ObsidianRenderer`
turns the extra tokens into nodes, gives notes a title when they have no
``#`` heading, and reports bad front matter as an ``obsidian`` warning.
"""

from __future__ import annotations

import dataclasses
import functools
import posixpath
import re
from collections.abc import MutableMapping, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from docutils import nodes
from docutils.parsers.rst import directives
from markdown_it.token import Token
from markdown_it.tree import SyntaxTreeNode
from myst_parser.config.main import MdParserConfig, merge_file_level
from myst_parser.mdit_to_docutils.sphinx_ import SphinxRenderer
from myst_parser.parsers.mdit import create_md_parser
from myst_parser.parsers.sphinx_ import MystParser
from myst_parser.warnings_ import MystWarnings, create_warning
from pygments.lexers import get_lexer_by_name
from pygments.util import ClassNotFound
from sphinx import addnodes
from sphinx.highlighting import lexer_classes
from sphinx.util.docutils import is_directive_registered

from .blocks import place_block_ids
from .callouts import callout_node
from .compat import myst_document_settings, translated_origin
from .diagrams import FROM_NOTE
from .embeds import (
    ATTACHMENT_TYPES,
    EMBEDDABLE,
    IMAGES,
    attachment_index,
    attachment_link,
    attachment_nodes,
    safe_source_path,
    split_size,
    youtube_id,
)
from .nodes import (
    BLOCK_ANCHORS,
    DOMAIN,
    HAS_EMBEDS,
    HAS_FOLDS,
    HAS_MARKDOWN_TARGETS,
    MARKDOWN_LINK,
    highlight,
    line_break,
    loose_rules,
    make_block_anchor,
    mark_markdown_link,
    note_embed,
    obsidian_domain,
    obsidian_media,
    strikethrough,
    task_marker,
    unresolved_link,
    wikilink_node,
)
from .panel import properties_panel
from .properties import FrontMatter, as_list, read_front_matter
from .resolution import OWN_FORMATS, heading_key
from .syntax import WikiLink, obsidian_plugin, parse_wikilink
from .tags import property_tags, tag_node
from .warnings import ObsidianWarning, warn

__all__ = [
    "ObsidianParser",
    "ObsidianRenderer",
    "reset_document",
    "titled_page",
    "translated_message",
]


def _json_ready(value: Any) -> Any:
    """A property's value with the dates inside its lists and mappings written
    as text, as MyST-Parser 4 needs to write them as JSON; a date on its own
    is kept (MyST shows it as it is)."""

    def inner(item: Any) -> Any:
        if isinstance(item, list | tuple):
            return [inner(part) for part in item]
        if isinstance(item, dict):
            return {str(key): inner(part) for key, part in item.items()}
        if item is None or isinstance(item, str | int | float | bool):
            return item
        return str(item)  # dates, times, and anything else YAML makes

    return inner(value) if isinstance(value, list | tuple | dict) else value


def _alias_keywords(aliases: Sequence[str]) -> str:
    """The search keywords of a note's aliases: each alias, and each word of
    one of several words (the search looks words up one by one)."""
    words: list[str] = []
    for alias in aliases:
        for written in (alias, *alias.split()):
            word = written.replace(",", " ").strip()
            if word and word not in words:
                words.append(word)
    return ", ".join(words)


def known_language(language: str) -> bool:
    """Whether Sphinx can highlight code in ``language`` (its own names, the
    lexers that extensions added, or any Pygments knows)."""
    return (
        not language
        or language in _SPHINX_LANGUAGES
        or language in lexer_classes
        or _pygments_knows(language)
    )


#: names Sphinx's highlighter handles itself
_SPHINX_LANGUAGES = frozenset(("default", "guess", "none", "py", "py3", "python3", "pycon3"))


@functools.cache
def _pygments_knows(language: str) -> bool:
    try:
        get_lexer_by_name(language)
    except ClassNotFound:
        return False
    return True


#: sites whose addresses are posts, never pictures (Obsidian embeds them as cards)
_POST_SITES = frozenset(("twitter.com", "x.com", "mobile.twitter.com", "www.twitter.com"))


def _web_page(src: str) -> bool:
    """Whether an image's address is a web page rather than a picture: a post
    on a site of posts, or a file whose extension is not an image's. An address
    without an extension may serve a picture (badges, image hosts) and stays
    an image."""
    parsed = urlsplit(src.strip())
    if parsed.scheme not in ("http", "https"):
        return False
    if parsed.hostname in _POST_SITES:
        return True
    suffix = posixpath.splitext(parsed.path)[1].lower()
    return bool(suffix) and suffix[1:].isalnum() and suffix not in IMAGES


#: a URI scheme MyST does not know (one letter would be a Windows drive)
_APP_SCHEME = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]+:")


def _app_address(src: str) -> bool:
    """An address for an application (``obsidian://open?file=x.png``), which no
    builder can fetch a picture from."""
    found = _APP_SCHEME.match(src.strip())
    return found is not None and found.group(0)[:-1].lower() not in _PICTURE_SCHEMES


_PICTURE_SCHEMES = frozenset(("http", "https", "data", "ftp", "file"))
#: Document attribute: the links to this note's own headings and blocks, to check.
_ANCHORS = "obsidian_anchor_links"
#: the token a note's or notebook's metadata are in, before its text
_FRONT = ("front_matter", "nb_initialise")
#: the token that opens a notebook's Markdown cell
_CELL = ("nb_cell_markdown_open",)
_BREAK_TAG = re.compile(r"<br\s*/?>", re.IGNORECASE)


def _heading_text(tokens: Sequence[Token], index: int) -> str:
    inline = tokens[index + 1] if index + 1 < len(tokens) else None
    return inline.content if inline is not None and inline.type == "inline" else ""


class ObsidianRenderer(SphinxRenderer):
    """MyST's Sphinx renderer, plus Obsidian's tokens, titles and properties."""

    def render(
        self, tokens: Sequence[Token], options: Any, md_env: MutableMapping[str, Any]
    ) -> nodes.document:
        """Render a note as MyST renders a document, with the note's own steps
        around it: its properties read and its title added to the tokens
        before, its block ids, anchors and panel placed after."""
        document: nodes.document = options["document"]
        env = document.settings.env
        self._tags: set[str] = set()
        self._fragment = bool(options.get("obsidian_fragment"))
        self._line_breaks = self._keeps_line_breaks(env)
        tokens = list(tokens)
        written: dict[str, Any] = {}
        if not self._fragment:
            properties, written = self._note_front_matter(tokens, options)
            self._tags.update(property_tags(properties))
            self._note_properties(env, properties)
            tokens = self._with_title(tokens, properties, env.docname)
        super().render(tokens, options, md_env)
        if self._fragment:
            # a translated message: its own text only, the note's data untouched
            self._finish_note(None)
            _at_the_original(self.document)
            return self.document
        self._finish_note(self._properties_panel(written))
        obsidian_domain(env).note_tags(env.docname, self._tags)
        return self.document

    def _note_front_matter(
        self, tokens: list[Token], options: Any
    ) -> tuple[dict[str, Any], dict[str, Any]]:
        """The note's properties, parsed and as written (the front matter the
        parser read once, or nothing)."""
        if not tokens or tokens[0].type != "front_matter":
            return {}, {}
        read: FrontMatter = options.get("obsidian_front_matter") or read_front_matter(
            f"---\n{tokens[0].content}---\n"
        )
        return (read.data, read.written) if read.data is not None else ({}, {})

    def render_front_matter(self, token: SyntaxTreeNode) -> None:
        """The front matter as MyST renders it (the page's metadata), from the
        properties read once; invalid YAML is one ``obsidian`` warning, and the
        note builds without its properties."""
        read: FrontMatter | None = self.md_options.get("obsidian_front_matter")
        if read is not None and read.data is None:
            warn(
                ObsidianWarning.FRONT_MATTER,
                f"invalid front matter YAML: {read.problem}; "
                "the note builds without its properties",
                (self.sphinx_env.docname, read.line),
                self.sphinx_env.config,
            )
            return
        # a tree node from MyST, a bare token from myst-nb (a notebook's metadata)
        raw: Any = getattr(token, "token", None) or token
        if read is not None and isinstance(raw.content, str):
            # MyST takes the parsed properties as they are: the YAML is read once;
            # MyST 4 writes a list or mapping as JSON, which has no dates
            raw.content = {key: _json_ready(value) for key, value in (read.data or {}).items()}
        # the title is the note's own (see ``_with_title``), never a second
        # heading from MyST's ``title_to_header``
        config = self.md_config
        self.md_config = dataclasses.replace(config, title_to_header=False)
        try:
            super().render_front_matter(token)
        finally:
            self.md_config = config

    @staticmethod
    def _keeps_line_breaks(env: Any) -> bool:
        """Whether a newline inside a paragraph is a line break in this page
        (Obsidian's default, *Strict line breaks* off)."""
        config = env.config
        if config.obsidian_strict_line_breaks:
            return False
        if config.obsidian_vaults is None:
            return True
        docname = env.docname
        for folder in config.obsidian_vaults:
            prefix = posixpath.normpath(str(folder).strip("/")).lstrip(".")
            if not prefix or docname.startswith(prefix + "/"):
                return True
        return False

    def _note_properties(self, env: Any, properties: dict[str, Any]) -> None:
        aliases = as_list(properties.get("aliases", properties.get("alias")))
        domain = obsidian_domain(env)
        domain.record_note(env.docname, aliases)
        domain.note_properties(env.docname, properties)
        self._search_words = _alias_keywords(aliases)
        page: dict[str, Any] = {}
        description = properties.get("description")
        if isinstance(description, str) and description.strip():
            page["description"] = description.strip()
        classes = as_list(properties.get("cssclasses", properties.get("cssclass")))
        if classes:
            page["cssclasses"] = classes
        domain.note_page(env.docname, page)

    def _properties_panel(self, written: dict[str, Any]) -> nodes.field_list | None:
        """The properties panel (placed under the title when the note is rendered)."""
        if not written:
            return None

        def render_link(token: Token) -> nodes.Node:
            link: WikiLink = token.meta["link"]
            # a property cannot show a note, it links to it; its line is the front matter's
            token.meta = {**token.meta, "link": dataclasses.replace(link, embed=False)}
            token.meta["line_offset"] = 1
            holder = nodes.inline()
            with self.current_node_context(holder):
                self.render_wikilink(SyntaxTreeNode([token]).children[0])
            return holder.children[0] if len(holder.children) == 1 else holder

        return properties_panel(written, self.sphinx_env.config, render_link)

    @staticmethod
    def _with_title(tokens: list[Token], properties: dict[str, Any], docname: str) -> list[Token]:
        """The note's tokens with a title when its text does not start with ``#``.

        The title comes from the ``title`` property, else the first-level
        heading the note starts with (nothing before it), else the file name. When a title is
        added, the note's own headings nest under it: ``##`` sections as they
        are, and ``#`` sections one level down (every heading one level
        deeper). The title comes after the front matter.
        """
        start = 1 if tokens and tokens[0].type in _FRONT else 0
        # a notebook's first cell opens its tokens; a note's text starts at once
        first = start + 1 if len(tokens) > start and tokens[start].type in _CELL else start
        has_h1 = any(
            token.type == "heading_open" and token.tag == "h1" and token.level == 0
            for token in tokens[start:]
        )
        first_is_h1 = (
            len(tokens) > first
            and tokens[first].type == "heading_open"
            and tokens[first].tag == "h1"
        )
        raw_title = properties.get("title")
        title = str(raw_title).strip() if isinstance(raw_title, str | int | float) else ""
        if title:
            if first_is_h1 and heading_key(_heading_text(tokens, first)) == heading_key(title):
                return tokens
        elif first_is_h1:
            return tokens
        else:
            title = posixpath.basename(docname)
        if has_h1:
            for token in tokens:
                if token.type in ("heading_open", "heading_close"):
                    token.tag = f"h{int(token.tag[1:]) + 1}"
        where = tokens[start].map if len(tokens) > start else None
        line = where[0] if where else 0
        heading = Token("heading_open", "h1", 1, markup="#", block=True, map=[line, line])
        text = Token("text", "", 0, content=title)
        inline = Token(
            "inline", "", 0, content=title, block=True, map=[line, line], children=[text]
        )
        close = Token("heading_close", "h1", -1, markup="#", block=True)
        return [*tokens[:start], heading, inline, close, *tokens[start:]]

    def _finish_note(self, panel: nodes.field_list | None) -> None:
        """The note's last steps, once MyST's render is done: block ids,
        anchors, comments, search keywords and the properties panel."""
        place_block_ids(self.document, self.sphinx_env, register=not self._fragment)
        if not self._fragment:
            self._check_anchors()
        loose_rules(self.document)
        if self.md_options.get("obsidian_may_comment"):
            _forget_comments(self.document)
        words = getattr(self, "_search_words", "")
        if words:
            # the note's aliases find it in the site's search, as they find it in
            # Obsidian's quick switcher (Sphinx indexes a page's keywords)
            self.document.insert(0, nodes.meta(name="keywords", content=words))
        if panel is not None:
            section = self.document.next_node(nodes.section)
            if section is not None and section.children:
                section.insert(1, panel)
            else:
                self.document.insert(0, panel)

    def _check_anchors(self) -> None:
        """Links to a heading or block of this note that it does not have point
        at the note's top, with the warning a wikilink would give."""
        anchors: list[tuple[nodes.reference, str]] = self.document.attributes.pop(_ANCHORS, [])
        if not anchors:
            return
        top = self.document.next_node(nodes.section)
        top_id = top["ids"][0] if top is not None and top["ids"] else ""
        for link, anchor in anchors:
            if link["refid"] in self.document.ids:
                continue
            kind = "block" if anchor.startswith("^") else "heading"
            warn(
                ObsidianWarning.BLOCK if kind == "block" else ObsidianWarning.HEADING,
                f"{kind} not found for link [{link.astext()}](#{anchor}): this note has no "
                f"{kind} {anchor.lstrip('^')!r}; linking to the note",
                (self.sphinx_env.docname, link.line or 0),
                self.sphinx_env.config,
            )
            if top_id:
                link["refid"] = top_id
            else:
                del link["refid"]
                link["refuri"] = "#"

    def create_warning(
        self,
        message: str,
        subtype: MystWarnings | str,
        *,
        wtype: str | None = None,
        line: int | None = None,
        append_to: nodes.Element | None = None,
    ) -> nodes.system_message | None:
        # Obsidian notes skip heading levels freely (``##`` then ``####``); the
        # sections still nest correctly, so this is not worth a warning.
        if subtype == MystWarnings.MD_HEADING_NON_CONSECUTIVE:
            return None
        lines: Sequence[int] | None = self.md_options.get("obsidian_line_map")
        if lines is not None and line is not None:
            # a canvas's card: the line of the card in the ``.canvas`` file
            line = lines[line] if 0 <= line < len(lines) else 1
        return super().create_warning(message, subtype, wtype=wtype, line=line, append_to=append_to)

    # -- Obsidian tokens -------------------------------------------------------

    def _rendered_children(self, token: SyntaxTreeNode) -> list[nodes.Node]:
        """A token's children rendered on their own (an alias, a title, link text).

        An alias or a footnote's text is tokenised as a source of its own, so
        its tokens have no line; they get their link's, which MyST's renderers
        (raw HTML, roles) need.
        """
        line_map = list(token.map) if token.map is not None else None
        for node in token.walk(include_self=False):
            for inner in (node.token,) if node.token is not None else node.nester_tokens or ():
                if inner.map is None:
                    inner.map = line_map
        holder = nodes.inline()
        with self.current_node_context(holder):
            self.render_children(token)
        return list(holder.children)

    def _line(self, token: SyntaxTreeNode) -> int:
        """The line a link or embed is on (MyST gives inline tokens their paragraph's).

        In a canvas, whose text cards are read from Markdown the extension
        writes, it is the line of the card in the ``.canvas`` file.
        """
        line = (token.map[0] if token.map else 0) + int(token.meta.get("line_offset", 0))
        lines: Sequence[int] | None = self.md_options.get("obsidian_line_map")
        if lines is not None:
            return lines[line] if 0 <= line < len(lines) else 1
        return line

    def render_wikilink(self, token: SyntaxTreeNode) -> None:
        link: WikiLink = token.meta["link"]
        if link.embed:
            self._render_embed(token, link)
            return
        if self._is_file(link):
            self._render_file_link(token, link)
            return
        content = self._rendered_children(token) if token.children else []
        node = wikilink_node(
            link, self.sphinx_env.docname, rawsource=token.meta["raw"], content=content
        )
        node.source, node.line = self.document["source"], self._line(token)
        self.current_node.append(node)

    def _is_file(self, link: WikiLink) -> bool:
        """Whether a link names a file rather than a note.

        ``[[Figure 1.png]]`` and ``[[report.pdf]]`` name files by their
        extension. A dot alone does not make a file: ``[[Node.js]]`` and
        ``[[Release 1.2]]`` name the notes ``Node.js.md`` and ``Release 1.2.md``
        unless the vault holds a file of exactly that name, as in Obsidian.
        """
        suffix = posixpath.splitext(link.path)[1].lower()
        if (
            len(suffix) < 2
            or not suffix[1:].isalnum()
            or suffix in self.sphinx_env.config.source_suffix
        ):
            return False
        if suffix in ATTACHMENT_TYPES:
            return True
        env = self.sphinx_env
        return (
            attachment_index(env).resolve(link.path, env.docname, use_aliases=False).docname
            is not None
        )

    def _attachment(self, path: str) -> tuple[str | None, Path | None]:
        """The source-folder file ``path`` names: its relative path as found, and
        the file itself if it is really inside the source folder (then the page
        depends on it)."""
        env = self.sphinx_env
        found = attachment_index(env).resolve(path, env.docname, use_aliases=False).docname
        file = safe_source_path(env, found) if found is not None else None
        if file is not None:
            env.note_dependency(str(file))
        return found, file

    def _markdown_attachment(self, path: str) -> tuple[str | None, Path | None]:
        """:meth:`_attachment` for a Markdown link's or image's path: a path that
        leads nowhere finds the file by its name, as Obsidian finds it."""
        found, file = self._attachment(path)
        name = posixpath.basename(path)
        if file is None and name != path:
            found, file = self._attachment(name)
        return found, file

    def _find_file(self, link: WikiLink, raw: str, line: int) -> str | None:
        """The source-folder file a link names, or ``None`` after a warning."""
        env = self.sphinx_env
        found, file = self._attachment(link.path)
        if file is None:
            subtype, why = ObsidianWarning.UNRESOLVED, "no file of that name in the source folder"
            if found is not None:
                subtype, why = ObsidianWarning.OUTSIDE_SOURCE, "it lies outside the source folder"
            warn(subtype, f"{raw} not shown: {why}", (env.docname, line), env.config)
            self.current_node.append(unresolved_link(raw, text=raw))
            return None
        return found

    def _render_file_link(self, token: SyntaxTreeNode, link: WikiLink) -> None:
        """``[[report.pdf]]``: a link to a file of the vault."""
        raw, line = token.meta["raw"], self._line(token)
        found = self._find_file(link, raw, line)
        if found is None:
            return
        content = (
            self._rendered_children(token) if token.children else [nodes.Text(link.display_text)]
        )
        node = attachment_link(self.sphinx_env, found, content, raw)
        node.source, node.line = self.document["source"], line
        self.current_node.append(node)

    def _render_embed(self, token: SyntaxTreeNode, link: WikiLink) -> None:
        """``![[...]]``: an attachment now, or a note to transclude when writing."""
        env = self.sphinx_env
        raw, line = token.meta["raw"], self._line(token)
        if not self._is_file(link):
            embed = note_embed(raw, reftarget=link.target, refdoc=env.docname, refdomain=DOMAIN)
            embed.source, embed.line = self.document["source"], line
            self.current_node.append(embed)
            self.document[HAS_EMBEDS] = True
            return
        found = self._find_file(link, raw, line)
        if found is None:
            return
        suffix = posixpath.splitext(found)[1].lower()
        if suffix not in EMBEDDABLE:
            warn(
                ObsidianWarning.EMBED_UNSUPPORTED,
                f"embed {raw}: {suffix} files cannot be shown in a page; linked instead",
                (env.docname, line),
                env.config,
            )
        for node in attachment_nodes(env, link, found, raw):
            node.source, node.line = self.document["source"], line
            self.current_node.append(node)

    def render_image(self, token: SyntaxTreeNode) -> None:
        """Markdown images, with Obsidian's size in the alt text and YouTube players.

        ``![Alt|100x145](x.png)`` and ``![250](x.png)`` size the image;
        ``![](https://www.youtube.com/watch?v=ID)`` embeds the video.
        """
        src = str(token.attrGet("src") or "")
        if not src.strip() or src.strip() in (".", "./", "/"):
            # ``![Uploading file...]()``: an image that never got its file
            alt = self.renderInlineAsText(token.children or [])
            raw = f"![{alt}]({src})"
            warn(
                ObsidianWarning.UNRESOLVED,
                f"image {raw} names no file; its text is shown",
                (self.sphinx_env.docname, self._line(token)),
                self.sphinx_env.config,
            )
            self.current_node.append(unresolved_link(raw, text=alt))
            return None
        video = youtube_id(src)
        if video is not None:
            media = obsidian_media(
                src, kind="youtube", video_id=video, classes=["obsidian-youtube"]
            )
            media += nodes.paragraph("", "", nodes.reference(src, src, refuri=src))
            self.add_line_and_source_path(media, token)
            self.current_node.append(media)
            return None
        alt = self.renderInlineAsText(token.children or [])
        if _web_page(src) or _app_address(src):
            if isinstance(self.current_node, nodes.reference):
                # already inside a link: its text, links do not nest
                self.current_node.append(nodes.Text(alt.split("|", 1)[0].strip() or src))
                return None
            # a tweet, a page: Obsidian shows a preview card; a link shows where it goes
            text = alt.split("|", 1)[0].strip() or src  # without an Obsidian size
            link = nodes.reference(src, text, refuri=src, classes=["obsidian-web-embed"])
            self.add_line_and_source_path(link, token)
            self.current_node.append(link)
            return None
        text, width, height = split_size(alt if "|" in alt else f"|{alt}")
        super().render_image(token)
        image = self.current_node.children[-1] if self.current_node.children else None
        if not isinstance(image, nodes.image):
            return None
        if "://" not in src and not src.startswith(("data:", "#")):
            # a vault file: found like an attachment (``%20`` decoded, any folder);
            # otherwise MyST's own path stands
            found, file = self._markdown_attachment(unquote(src).split("#", 1)[0])
            if file is not None:
                image["uri"] = "/" + str(found)
        if width is not None:
            image["alt"] = text or unquote(posixpath.basename(src))
            image["width"] = f"{width}px"
            if height:
                image["height"] = f"{height}px"
        return None

    def render_softbreak(self, token: SyntaxTreeNode) -> None:
        if getattr(self, "_line_breaks", False):
            self.current_node.append(line_break())
        else:
            super().render_softbreak(token)

    def render_hardbreak(self, token: SyntaxTreeNode) -> None:
        self.current_node.append(line_break())

    def render_html_inline(self, token: SyntaxTreeNode) -> None:
        """``<br>`` is a line break in every output, not raw HTML that others drop."""
        if _BREAK_TAG.fullmatch(token.content.strip()):
            self.current_node.append(line_break())
        else:
            super().render_html_inline(token)

    def render_s(self, token: SyntaxTreeNode) -> None:
        """``~~text~~``, in every output (MyST's own writes raw HTML, with a warning)."""
        node = strikethrough()
        self.add_line_and_source_path(node, token)
        with self.current_node_context(node, append=True):
            self.render_children(token)

    def render_mark(self, token: SyntaxTreeNode) -> None:
        """``==text==``."""
        node = highlight()
        self.add_line_and_source_path(node, token)
        with self.current_node_context(node, append=True):
            self.render_children(token)

    def render_obsidian_tag(self, token: SyntaxTreeNode) -> None:
        """``#tag``: a link to the tag's page; the note is listed there."""
        self._tags.add(token.content)
        node = tag_node(token.content, self.sphinx_env.config)
        self.add_line_and_source_path(node, token)
        self.current_node.append(node)

    def render_obsidian_footnote(self, token: SyntaxTreeNode) -> None:
        """``^[text]``: an auto-numbered footnote, like ``[^label]`` with its text."""
        document = self.document
        count = document.get("obsidian_inline_footnotes", 0) + 1
        document["obsidian_inline_footnotes"] = count
        label = f"obsidian-inline-footnote-{count}"
        ref = nodes.footnote_reference(f"^[{token.content}]", auto=1, refname=label)
        self.add_line_and_source_path(ref, token)
        document.note_autofootnote_ref(ref)
        document.note_footnote_ref(ref)
        self.current_node.append(ref)
        footnote = nodes.footnote(auto=1, names=[label])
        self.add_line_and_source_path(footnote, token)
        document.note_autofootnote(footnote)
        document.note_explicit_target(footnote, footnote)
        paragraph = nodes.paragraph()
        paragraph.extend(self._rendered_children(token))
        footnote += paragraph
        # MyST's transforms gather every footnote at the end of the page
        document.append(footnote)

    def render_obsidian_task(self, token: SyntaxTreeNode) -> None:
        """The status box of ``- [?] item``; the item gets ``task-list-item``."""
        status = token.meta.get("status", " ")
        marker = task_marker(token.markup, token.markup + " ", status=status)
        self.current_node.append(marker)
        item = self.current_node.parent
        if isinstance(item, nodes.list_item):
            item["classes"].append("task-list-item")
            listing = item.parent
            if (
                isinstance(listing, nodes.Element)
                and "contains-task-list" not in listing["classes"]
            ):
                listing["classes"].append("contains-task-list")

    def render_fence(self, token: SyntaxTreeNode) -> None:
        """Code in a language Pygments does not know (``dataviewjs``, ``plain``) is
        shown as plain code, without a warning, as Obsidian shows any fence.
        Mermaid diagrams are drawn by ``sphinxcontrib-mermaid`` when it is loaded,
        else shown as code."""
        parts = (token.info.strip() if token.info else "").split(maxsplit=1)
        if parts and parts[0].startswith("{") and not self._is_directive(parts[0]):
            # ``{r}``, ``{python echo=FALSE}`` (Quarto, R Markdown): code, as
            # Obsidian shows it, not a directive MyST does not know
            language = parts[0].strip("{},").split(",")[0].strip() or "none"
            if token.token is not None:
                token.token.info = language
            parts = [language]
        if parts and parts[0].lower() == "base" and not self._fragment:
            from .bases import fence_views

            fence_views(self, token.content, self._line(token))
            return None
        if not parts or parts[0].lower() != "mermaid":
            super().render_fence(token)
            if parts and not parts[0].startswith("{"):
                block = self.current_node.children[-1] if self.current_node.children else None
                if isinstance(block, nodes.literal_block):
                    if not known_language(str(block.get("language", ""))):
                        block["classes"].append(f"obsidian-language-{block['language']}")
                        block["language"] = "none"
                    # code the lexer stumbles on is highlighted as far as it goes,
                    # without a warning, as Obsidian shows it
                    block["force"] = True
            return None
        if is_directive_registered("mermaid") and self.sphinx_env.config.obsidian_mermaid:
            before = len(self.current_node.children)
            self.render_directive(token, "mermaid", parts[1] if len(parts) > 1 else "")
            for node in self.current_node.children[before:]:
                if isinstance(node, nodes.Element) and node.tagname == "mermaid":
                    node[FROM_NOTE] = True
            return None
        super().render_fence(token)
        block = self.current_node.children[-1] if self.current_node.children else None
        if isinstance(block, nodes.literal_block):
            block["language"] = "none"
            block["classes"].append("mermaid")
        return None

    def _is_directive(self, info: str) -> bool:
        """Whether ``{name}`` (the start of a fence's info) names a directive."""
        name = info[1:].split("}", 1)[0].strip() if "}" in info else ""
        if not name:
            return False
        found, _ = directives.directive(name, self.language_module_rst, self.document)
        return found is not None

    def render_obsidian_comment(self, token: SyntaxTreeNode) -> None:
        """``%%`` comment blocks leave nothing in any output.

        An empty comment node stands in their place, as for MyST's own ``%``
        comments: a directive whose content is only a comment (a figure's
        caption) still gets a node, which docutils needs.
        """
        self.current_node.append(nodes.comment())

    def render_callout(self, token: SyntaxTreeNode) -> None:
        """A callout, built by the same function as the ``callout`` directive."""
        children = list(token.children or [])
        title: list[nodes.Node] = []
        title_source = ""
        if children and children[0].type == "callout_title":
            heading = children.pop(0)
            title = self._rendered_children(heading)
            title_source = "".join(inline.content for inline in heading.children)
        meta = token.meta
        node = callout_node(
            meta["type"],
            title,
            fold=meta["fold"],
            metadata=meta["metadata"],
            title_source=title_source,
        )
        if meta["fold"]:
            self.document[HAS_FOLDS] = True
        self.add_line_and_source_path(node, token)
        with self.current_node_context(node, append=True):
            for child in children:
                self.rules[f"render_{child.type}"](child)

    def render_obsidian_block_id(self, token: SyntaxTreeNode) -> None:
        anchor = make_block_anchor(token.meta["id"], token.meta["own_line"])
        self.add_line_and_source_path(anchor, token)
        self.current_node.append(anchor)
        anchors: list[nodes.Element] = self.document.setdefault(BLOCK_ANCHORS, [])
        anchors.append(anchor)

    def render_link_anchor(self, token: SyntaxTreeNode, target: str) -> None:
        """``[text](#Suffer Moves)``, ``[text](#^fact)``: a heading or block of
        the same note, written as Obsidian writes it (the heading as text, a
        block by its id), pointed at the id the page gives it. Anchors already
        written as ids (``#my-label``) are MyST's, untouched."""
        anchor = unquote(target[1:])
        node_id = None
        if self.sphinx_env.config.obsidian_markdown_links and anchor:
            if anchor.startswith("^") and len(anchor) > 1:
                node_id = "block-" + nodes.make_id(anchor[1:])
            elif anchor != anchor.lower() or any(c.isspace() for c in anchor):
                node_id = nodes.make_id(anchor)
        if not node_id:
            return super().render_link_anchor(token, target)
        # checked once the note is read (see ``_check_anchors``), whatever MyST
        # version would otherwise look for it
        link = nodes.reference(f"[]({target})", "", refid=node_id, classes=["obsidian-link"])
        self.add_line_and_source_path(link, token)
        link.extend(self._rendered_children(token))
        self.current_node.append(link)
        anchors: list[tuple[nodes.reference, str]] = self.document.setdefault(_ANCHORS, [])
        anchors.append((link, anchor))
        return None

    def _render_markdown_file_link(self, token: SyntaxTreeNode, path: str, text: str) -> None:
        """``[text](report.pdf)``: the vault's file, found as Obsidian finds it
        (the path as written, else the file's name anywhere); MyST's own
        handling when the vault has no such file."""
        found, file = self._markdown_attachment(path)
        if file is None or found is None:
            return super().render_link_unknown(token)
        raw = f"[{text}]({path})"
        node = attachment_link(self.sphinx_env, found, self._rendered_children(token), raw)
        self.add_line_and_source_path(node, token)
        self.current_node.append(node)
        return None

    def render_link_unknown(self, token: SyntaxTreeNode) -> None:
        """Markdown links to notes resolve like wikilinks.

        ``[text](My%20Note.md#Heading)`` becomes the same node as
        ``[[My Note#Heading|text]]``. A target without a suffix
        (``[text](My Note)``) may also be a MyST target, so MyST's node is kept
        and only marked; it is resolved as a note after reading if it names one.
        """
        href = self.md.normalizeLinkText(str(token.attrGet("href") or ""))
        if _APP_SCHEME.match(href):
            # ``obsidian://``, ``zotero:``: a link to an application, as in Obsidian
            return self.render_link_url(token)
        if not self.sphinx_env.config.obsidian_markdown_links:
            return super().render_link_unknown(token)
        text = self.renderInlineAsText(token.children or [])
        if not href.strip():
            # ``[CSSE]()``: a link still to be written
            warn(
                ObsidianWarning.UNRESOLVED,
                f"link [{text}]() names nothing; its text is shown",
                (self.sphinx_env.docname, self._line(token)),
                self.sphinx_env.config,
            )
            self.current_node.append(
                unresolved_link(f"[{text}]()", *self._rendered_children(token))
            )
            return None
        path, _, fragment = href.partition("#")
        suffix = posixpath.splitext(path)[1].lower()
        # a canvas or a base is a page, linked as a note is (``[plan](plan.canvas)``)
        if suffix not in ("", ".md", *OWN_FORMATS):
            return self._render_markdown_file_link(token, unquote(path), text)
        link = parse_wikilink(f"{path}#{fragment}" if fragment else path)
        if link is None:
            return super().render_link_unknown(token)
        raw = f"[{text}]({href})"
        if suffix in (".md", *OWN_FORMATS):
            node = wikilink_node(
                link, self.sphinx_env.docname, rawsource=raw, content=self._rendered_children(token)
            )
            node[MARKDOWN_LINK] = True
            self.add_line_and_source_path_r([node], token)
            self.current_node.append(node)
            return None
        super().render_link_unknown(token)
        last = self.current_node.children[-1] if self.current_node.children else None
        if isinstance(last, addnodes.pending_xref):
            mark_markdown_link(last, link)
            self.document[HAS_MARKDOWN_TARGETS] = True
            last.rawsource = raw
        return None


class ObsidianParser(MystParser):
    """MyST's Markdown parser with Obsidian's syntax added."""

    def parse(self, inputstring: str, document: nodes.document) -> None:
        config: MdParserConfig = document.settings.env.myst_config
        # read once here, for MyST's file-level configuration and for the renderer
        front_matter = read_front_matter(inputstring)
        if front_matter.data:

            def warning(wtype: MystWarnings, msg: str) -> None:
                create_warning(document, msg, wtype, line=1, append_to=document)

            config = merge_file_level(config, front_matter.data, warning)
        parser = create_md_parser(config, ObsidianRenderer)
        parser.use(obsidian_plugin)
        parser.options["document"] = document
        parser.options["obsidian_front_matter"] = front_matter
        parser.options["obsidian_may_comment"] = "%%" in inputstring
        parser.options.update(self.render_options(document))
        fragment = parser.options["obsidian_fragment"] = translated_message(document)
        try:
            parser.render(inputstring)
        except Exception as error:  # one note must not cost the site
            self._render_plainly(inputstring, document, error)
        if fragment:
            return
        # which notes' published copies may hold comments (see .source_copies)
        env = document.settings.env
        obsidian_domain(env).note_percent(env.docname, "%" in inputstring)

    def render_options(self, document: nodes.document) -> dict[str, Any]:
        """Options for the renderer beyond a note's own (see :class:`.canvas.CanvasParser`)."""
        return {}

    def _render_plainly(self, inputstring: str, document: nodes.document, error: Exception) -> None:
        """Build a note that made the extension fail as MyST alone would.

        Whatever the fault, the rest of the site builds: the note is read again
        from scratch by MyST's own parser, and a warning says what happened.
        """
        env = document.settings.env
        line = getattr(error, "line", None)
        warn(
            ObsidianWarning.NOT_RENDERED,
            f"the note is built without its Obsidian syntax after an unexpected "
            f"{type(error).__name__}: {error}",
            (env.docname, line if isinstance(line, int) else None),
            env.config,
        )
        reset_document(document)
        if not translated_message(document):
            domain = obsidian_domain(env)
            domain.clear_doc(env.docname)
            domain.record_note(env.docname, [])  # still a note: listed on its folder's page
        # MyST knows no ``%%`` comments: they go first (with any ``%%`` in code,
        # as a note read this way has already lost its Obsidian reading)
        inputstring = _COMMENT.sub("", inputstring)
        try:
            super().parse(inputstring, document)
        except Exception:  # MyST alone fails too: the note's text, as written
            titled_page(document, nodes.literal_block(inputstring, inputstring))


def titled_page(document: nodes.document, body: nodes.Element) -> None:
    """Make ``document`` a page titled by its file name that holds ``body``
    (what a source that no parser could read becomes)."""
    env = document.settings.env
    reset_document(document)
    myst_document_settings(document, env.myst_config)
    title = posixpath.basename(env.docname)
    section = nodes.section("", nodes.title(title, title), ids=[nodes.make_id(title)])
    section += body
    document += section


def translated_message(document: nodes.document) -> bool:
    """Whether ``document`` is a translated message, not a note.

    Sphinx parses each translated message of a page (a paragraph, a heading)
    as a document of its own and puts its text in place of the original's.
    It gets the Obsidian syntax, and nothing that belongs to the whole note:
    no title, no properties, no block ids or tags recorded (the note's own are
    kept), no checks of the note's anchors.
    """
    return translated_origin(document) is not None


def _at_the_original(document: nodes.document) -> None:
    """Give a translated message's nodes the note and line of the message
    they translate, so that a warning about a link in it names the note."""
    origin = translated_origin(document)
    if origin is None:
        return
    source, first = origin
    if first is None:
        return
    for node in document.findall(nodes.Element):
        if node.source == document["source"]:
            node.source = source
            node.line = first + (node.line or 1) - 1


#: ``%%comments%%`` and what may follow them, for a note MyST alone has to read
_COMMENT = re.compile(r"%%.*?(?:%%|\Z)", re.DOTALL)
#: nodes whose source text is shown as it is: comments in them are not comments
_VERBATIM = (nodes.FixedTextElement, nodes.literal, nodes.math, nodes.raw)


def _forget_comments(document: nodes.document) -> None:
    """Keep a note's comments out of its doctree too.

    The page never shows them, but MyST keeps each paragraph's source text
    (``rawsource``) and the text of its own ``%`` comment lines in the
    doctree, which Sphinx pickles next to the output and translation tools
    read. Comments are taken out of that text as well (code keeps its
    ``%%``), so a comment is in no file the build writes.
    """
    for node in document.findall(nodes.Element):
        if isinstance(node, nodes.comment):
            node.rawsource = ""
            node.children = []
        elif "%%" in node.rawsource and not isinstance(node, _VERBATIM):
            # the text as shown: a comment leaves nothing there, while a ``%%`` in
            # code or math is kept (a pattern over the source cannot tell them apart)
            node.rawsource = node.astext()


def reset_document(document: nodes.document) -> None:
    """Empty a document that a failed render left half-built."""
    document.children = []
    document.attributes = {key: [] for key in nodes.Element.basic_attributes} | {
        "source": document.get("source")
    }
    for table in (
        "ids", "nameids", "nametypes", "refnames", "refids", "footnote_refs",
        "citation_refs", "substitution_defs", "substitution_names",
    ):  # fmt: skip
        getattr(document, table).clear()
    for listing in (
        "indirect_targets", "autofootnotes", "autofootnote_refs", "symbol_footnotes",
        "symbol_footnote_refs", "footnotes", "citations", "parse_messages",
        "transform_messages",
    ):  # fmt: skip
        getattr(document, listing).clear()
    document.autofootnote_start, document.symbol_footnote_start = 1, 0
    document.id_counter.clear()
