"""The hook into MyST: a parser for ``.md`` sources that knows Obsidian syntax.

:class:`ObsidianParser` takes MyST's place for Markdown sources. It builds the
same markdown-it-py parser MyST would build and adds the rules of
:mod:`.syntax`, so directives that parse their content as Markdown (nested
parsing reuses the parser) see the same syntax. :class:`ObsidianRenderer`
turns the extra tokens into nodes, gives notes a title when they have no
``#`` heading, and reports bad front matter as an ``obsidian`` warning.
"""

from __future__ import annotations

import posixpath
from collections.abc import MutableMapping, Sequence
from typing import Any, cast

import yaml
from docutils import nodes
from markdown_it.token import Token
from markdown_it.tree import SyntaxTreeNode
from myst_parser.config.main import (
    MdParserConfig,
    TopmatterReadError,
    merge_file_level,
    read_topmatter,
)
from myst_parser.mdit_to_docutils.sphinx_ import SphinxRenderer
from myst_parser.parsers.mdit import create_md_parser
from myst_parser.parsers.sphinx_ import MystParser
from myst_parser.warnings_ import MystWarnings, create_warning
from sphinx import addnodes

from .domain import ObsidianDomain
from .nodes import DOMAIN, annotate, make_block_anchor, wikilink_node
from .resolution import heading_key
from .syntax import WikiLink, obsidian_plugin, parse_wikilink
from .warnings import ObsidianWarning, warn

__all__ = ["ObsidianParser", "ObsidianRenderer"]


def _front_matter(token: Token, docname: str) -> dict[str, Any] | None:
    """The note's properties, or ``None`` (with a warning) if they are not YAML."""
    line = 1 + (token.map[0] if token.map else 0)
    try:
        data = yaml.safe_load(token.content)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = line + 1 + mark.line if mark is not None else line
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        warn(
            ObsidianWarning.FRONT_MATTER,
            f"invalid front matter YAML: {problem}; the note builds without its properties",
            (docname, where),
        )
        return None
    if data is None:
        return {}
    if not isinstance(data, dict):
        warn(
            ObsidianWarning.FRONT_MATTER,
            f"front matter is a {type(data).__name__}, not a mapping of properties; "
            "the note builds without its properties",
            (docname, line),
        )
        return None
    return data


def _as_list(value: Any) -> list[str]:
    """A property that may be a list or a single (comma separated) string."""
    if value is None:
        return []
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    if isinstance(value, list | tuple):
        return [str(item).strip() for item in value if item is not None and str(item).strip()]
    return [str(value)]


def _heading_text(tokens: Sequence[Token], index: int) -> str:
    inline = tokens[index + 1] if index + 1 < len(tokens) else None
    return inline.content if inline is not None and inline.type == "inline" else ""


class ObsidianRenderer(SphinxRenderer):
    """MyST's Sphinx renderer, plus Obsidian's tokens, titles and properties."""

    def render(
        self, tokens: Sequence[Token], options: Any, md_env: MutableMapping[str, Any]
    ) -> nodes.document:
        self.setup_render(options, md_env)
        self._render_initialise()
        tokens = list(tokens)
        properties: dict[str, Any] = {}
        if tokens and tokens[0].type == "front_matter":
            front = tokens.pop(0)
            data = _front_matter(front, self.sphinx_env.docname)
            if data is not None:
                properties = data
                self._render_tokens([front])
        self._note_properties(properties)
        self._render_title(tokens, properties)
        self._render_tokens(tokens)
        self._render_finalise()
        return self.document

    def _note_properties(self, properties: dict[str, Any]) -> None:
        aliases = _as_list(properties.get("aliases", properties.get("alias")))
        domain = cast(ObsidianDomain, self.sphinx_env.domains[DOMAIN])
        domain.note_aliases(self.sphinx_env.docname, aliases)

    def _render_title(self, tokens: list[Token], properties: dict[str, Any]) -> None:
        """Give the note a title section when its text does not start with ``#``.

        The title comes from the ``title`` property, else the first-level
        heading the note starts with, else the file name. When a title is
        added, the note's own headings nest under it: ``##`` sections as they
        are, and ``#`` sections one level down.
        """
        top = [
            i for i, token in enumerate(tokens) if token.type == "heading_open" and token.level == 0
        ]
        has_h1 = any(tokens[i].tag == "h1" for i in top)
        first_is_h1 = bool(top) and tokens[top[0]].tag == "h1"
        raw_title = properties.get("title")
        title = str(raw_title).strip() if isinstance(raw_title, str | int | float) else ""
        if title:
            if first_is_h1 and heading_key(_heading_text(tokens, top[0])) == heading_key(title):
                return
        elif first_is_h1:
            return
        else:
            title = posixpath.basename(self.sphinx_env.docname)
        line = tokens[0].map[0] if tokens and tokens[0].map else 0
        heading = Token("heading_open", "h1", 1, markup="#", block=True, map=[line, line])
        text = Token("text", "", 0, content=title)
        inline = Token(
            "inline", "", 0, content=title, block=True, map=[line, line], children=[text]
        )
        close = Token("heading_close", "h1", -1, markup="#", block=True)
        self._render_tokens([heading, inline, close])
        self._heading_offset = 1 if has_h1 else 0

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
        return super().create_warning(message, subtype, wtype=wtype, line=line, append_to=append_to)

    # -- Obsidian tokens -------------------------------------------------------

    def render_wikilink(self, token: SyntaxTreeNode) -> None:
        link: WikiLink = token.meta["link"]
        content: list[nodes.Node] = []
        if token.children:
            holder = nodes.inline()
            with self.current_node_context(holder):
                self.render_children(token)
            content = list(holder.children)
        node = wikilink_node(
            link, self.sphinx_env.docname, rawsource=token.meta["raw"], content=content
        )
        self.add_line_and_source_path_r([node], token)
        if node.line is not None:
            node.line += token.meta.get("line_offset", 0)
        self.current_node.append(node)

    def render_obsidian_block_id(self, token: SyntaxTreeNode) -> None:
        anchor = make_block_anchor(token.meta["id"], token.meta["own_line"])
        self.add_line_and_source_path(anchor, token)
        self.current_node.append(anchor)

    def render_link_unknown(self, token: SyntaxTreeNode) -> None:
        """Markdown links to notes resolve like wikilinks.

        ``[text](My%20Note.md#Heading)`` becomes the same node as
        ``[[My Note#Heading|text]]``. A target without a suffix
        (``[text](My Note)``) may also be a MyST target, so MyST's node is kept
        and only marked; it is resolved as a note after reading if it names one.
        """
        if not self.sphinx_env.config.obsidian_markdown_links:
            return super().render_link_unknown(token)
        href = self.md.normalizeLinkText(str(token.attrGet("href") or ""))
        path, _, fragment = href.partition("#")
        suffix = posixpath.splitext(path)[1].lower()
        if suffix not in ("", ".md"):
            return super().render_link_unknown(token)
        link = parse_wikilink(f"{path}#{fragment}" if fragment else path)
        if link is None:
            return super().render_link_unknown(token)
        raw = f"[{self.renderInlineAsText(token.children or [])}]({href})"
        if suffix == ".md":
            holder = nodes.inline()
            with self.current_node_context(holder):
                self.render_children(token)
            node = wikilink_node(
                link, self.sphinx_env.docname, rawsource=raw, content=list(holder.children)
            )
            self.add_line_and_source_path_r([node], token)
            self.current_node.append(node)
            return None
        super().render_link_unknown(token)
        last = self.current_node.children[-1] if self.current_node.children else None
        if isinstance(last, addnodes.pending_xref):
            annotate(last, link)
            last.rawsource = raw
        return None


class ObsidianParser(MystParser):
    """MyST's Markdown parser with Obsidian's syntax added."""

    def parse(self, inputstring: str, document: nodes.document) -> None:
        config: MdParserConfig = document.settings.env.myst_config
        try:
            topmatter = read_topmatter(inputstring)
        except TopmatterReadError:
            pass  # reported as an ``obsidian.front_matter`` warning by the renderer
        else:
            if topmatter:

                def warning(wtype: MystWarnings, msg: str) -> None:
                    create_warning(document, msg, wtype, line=1, append_to=document)

                config = merge_file_level(config, topmatter, warning)
        parser = create_md_parser(config, ObsidianRenderer)
        parser.use(obsidian_plugin)
        parser.options["document"] = document
        parser.render(inputstring)
