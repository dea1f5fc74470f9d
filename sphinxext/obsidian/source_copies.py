"""The "show source" copies of notes, without their comments.

Sphinx's HTML builders copy each page's source to ``_sources/`` for the
"show source" link that themes (furo, the Read the Docs theme) put on every
page. A note's ``%%comments%%`` are left out of its page, so they are left
out of that copy too: once every page is written (``build-finished``, so
also with ``-j N``, where pages are written in other processes), each copy of
a note with comments, as Sphinx has just written it, is written again without
them. The copy is made from the note itself, never from an earlier copy.

The comments are found by the note's own parser: the markdown-it-py parser
MyST builds for the note, with the rules of :mod:`.syntax`, whose two comment
rules here also record where each comment they consume starts and ends. So
``%%`` in code, math and raw HTML stays, as on the page. The body of a MyST
directive is Markdown for most directives and is searched too (only the
bodies of directives that show code are not), and MyST's own ``%`` comment
lines go as well. Where a comment cannot be placed exactly, the lines holding
it go: no comment is left in a copy.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markdown_it.renderer import RendererHTML
from myst_parser.config.main import MdParserConfig, merge_file_level
from myst_parser.parsers.mdit import create_md_parser

from .compat import find_rule
from .myst import ObsidianParser
from .nodes import obsidian_domain
from .properties import read_front_matter
from .syntax import obsidian_plugin
from .warnings import ObsidianWarning, warn

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.ruler import Rule, Ruler
    from markdown_it.rules_block import StateBlock
    from markdown_it.rules_core import StateCore
    from markdown_it.rules_inline import StateInline
    from markdown_it.token import Token
    from sphinx.application import Sphinx

__all__ = ["setup_source_copies", "without_comments"]

#: Directives whose body is shown as written (code, math, diagrams, other markup),
#: where ``%%`` is text; every other directive's body is searched as Markdown.
LITERAL_DIRECTIVES = frozenset((
    "code", "code-block", "code-cell", "sourcecode", "literalinclude", "math",
    "mermaid", "graphviz", "raw", "eval-rst", "csv-table",
))  # fmt: skip
_DIRECTIVE = re.compile(r"\{([^{}\s]+)\}\s*(.*)")

Span = tuple[int, int]


@dataclasses.dataclass(frozen=True, slots=True)
class _Comment:
    """What a comment rule consumed.

    A block comment has no ``token`` and its offsets are in the parsed text;
    an inline comment's offsets are in its inline token's content, or ``None``
    when its place there is unknown.
    """

    token: Token | None
    start: int | None
    end: int | None
    text: str


class _Text:
    """A text cut into lines, and where the lines of a token's content lie in it."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0, *(match.end() for match in re.finditer("\n", text))]
        self._cursor: dict[int, int] = {}

    def line(self, number: int) -> Span:
        """Where line ``number`` starts and ends (before its line break)."""
        start = self.starts[number]
        end = self.starts[number + 1] - 1 if number + 1 < len(self.starts) else len(self.text)
        return start, end

    def place(self, content: str, first: int, stop: int) -> list[int | None]:
        """Where each line of ``content`` (text cut from lines ``first`` to ``stop``,
        without their indentation or markers) would start in the text.

        Lines are placed left to right, so that the cells of a table row are
        found in turn; a line that is not found is ``None``.
        """
        places: list[int | None] = []
        for number, piece in enumerate(content.split("\n"), start=first):
            if number >= min(stop, len(self.starts)):
                places.append(None)
                continue
            start, end = self.line(number)
            lead = len(piece) - len(piece.lstrip(" \t"))
            body = piece[lead:]
            if not body:  # a blank line: its end is the line's end
                places.append(max(start, end - len(piece)))
                continue
            at = self.text.find(body, self._cursor.get(number, start), end)
            if at < 0:
                places.append(None)
                continue
            self._cursor[number] = at + len(body)
            places.append(at - lead)
        return places

    def offset(self, places: list[int | None], content: str, position: int) -> int | None:
        """Where ``position`` of the placed ``content`` is in the text."""
        line = content.count("\n", 0, position)
        start = places[line] if line < len(places) else None
        if start is None:
            return None
        return start + position - (content.rfind("\n", 0, position) + 1)

    def occurrences(self, comment: str, region: Span) -> list[Span] | None:
        """Every place in ``region`` where a line of ``comment`` is written, or ``None``
        when one of its lines is nowhere there."""
        spans: list[Span] = []
        for part in comment.split("\n"):
            piece = part.strip()
            if not piece:
                continue
            at = self.text.find(piece, *region)
            if at < 0 and "|" in piece:
                # in a table cell, the parser reads ``\|`` as ``|``
                piece = piece.replace("|", "\\|")
                at = self.text.find(piece, *region)
            if at < 0:
                return None
            while at >= 0:
                spans.append((at, at + len(piece)))
                at = self.text.find(piece, at + len(piece), region[1])
        return spans

    def region(self, token: Token | None, first: int | None = None) -> Span:
        """The lines of ``token`` (from ``first``, else its map), or the whole text."""
        if token is None or not token.map:
            return 0, len(self.text)
        start = token.map[0] if first is None else first
        last = min(token.map[1], len(self.starts)) - 1
        return self.starts[min(start, len(self.starts) - 1)], self.line(max(last, start))[1]


def _rule(ruler: Ruler[Any], name: str) -> Rule[Any]:
    found: Rule[Any] | None = find_rule(ruler, name)
    if found is None:
        raise LookupError(f"no markdown-it rule {name!r}")
    return found


class _CommentFinder:
    """A note's parser whose comment rules record what they consume."""

    def __init__(self, config: MdParserConfig) -> None:
        md = create_md_parser(config, RendererHTML)
        md.use(obsidian_plugin)
        self.md: MarkdownIt = md
        self._found: list[_Comment] = []
        # the inline token being parsed, and the inline sources being tokenised
        # with where each starts in that token's content (``None``: unknown)
        self._token: Token | None = None
        self._sources: list[tuple[StateInline, int | None]] = []
        block = _rule(md.block.ruler, "obsidian_comment")
        inline = _rule(md.inline.ruler, "obsidian_comment")
        md.block.ruler.at("obsidian_comment", self._block_rule(block.fn), {"alt": block.alt})
        md.inline.ruler.at("obsidian_comment", self._inline_rule(inline.fn))
        md.core.ruler.at("inline", self._core_inline)
        self._tokenize = md.inline.tokenize
        md.inline.tokenize = self._tokenize_source  # type: ignore[method-assign]

    # -- recording ------------------------------------------------------------------

    def _block_rule(self, rule: Callable[..., bool]) -> Callable[..., bool]:
        def recorded(state: StateBlock, start: int, end: int, silent: bool) -> bool:
            if not rule(state, start, end, silent):
                return False
            if not silent:
                first = state.bMarks[start] + state.tShift[start]
                stop = state.eMarks[state.line - 1]  # the rule ends on a whole line
                self._found.append(_Comment(None, first, stop, state.src[first:stop]))
            return True

        return recorded

    def _inline_rule(self, rule: Callable[..., bool]) -> Callable[..., bool]:
        def recorded(state: StateInline, silent: bool) -> bool:
            start = state.pos
            if not rule(state, silent):
                return False
            if not silent:
                top = self._sources[-1] if self._sources else None
                base = top[1] if top is not None and top[0] is state else None
                text = state.src[start : state.pos]
                if base is None:
                    self._found.append(_Comment(self._token, None, None, text))
                else:
                    self._found.append(_Comment(self._token, base + start, base + state.pos, text))
            return True

        return recorded

    def _core_inline(self, state: StateCore) -> None:
        """markdown-it's own ``inline`` core rule, noting which token is parsed."""
        for token in state.tokens:
            if token.type == "inline":
                if token.children is None:
                    token.children = []
                self._token = token
                state.md.inline.parse(token.content, state.md, state.env, token.children)
        self._token = None

    def _tokenize_source(self, state: StateInline) -> None:
        """Tokenise, knowing where the source lies in the inline token's content.

        A source tokenised inside another (an alias, an image's alt text, an
        inline footnote) is a part of it starting at or after its position.
        """
        if self._sources and self._sources[-1][0] is state:
            self._tokenize(state)  # a link's text: the same source, again
            return
        base: int | None = None
        if not self._sources:
            if self._token is not None and state.src is self._token.content:
                base = 0
        else:
            outer, outer_base = self._sources[-1]
            at = outer.src.find(state.src, outer.pos)
            if outer_base is not None and at >= 0:
                base = outer_base + at
        self._sources.append((state, base))
        try:
            self._tokenize(state)
        finally:
            self._sources.pop()

    # -- finding ----------------------------------------------------------------------

    def spans(self, text: str, *, inline: bool = False) -> list[Span]:
        """Where the comments of ``text`` are, as ``(start, end)`` offsets."""
        self._found = []
        tokens = self.md.parseInline(text) if inline else self.md.parse(text)
        found, self._found = self._found, []
        where = _Text(text)
        places = {
            id(token): where.place(token.content, token.map[0], token.map[1])
            for token in tokens
            if token.type == "inline" and token.map
        }
        spans: list[Span] = []
        for comment in found:
            spans += self._place(comment, where, places)
        for token in tokens:
            if token.type == "myst_line_comment" and token.map:
                # MyST's own ``%`` comment lines (``%%a%% b`` at the start of a
                # line is one): not on the page either
                spans.append(where.region(token))
            else:
                spans += self._in_directive(token, where)
        return spans

    @staticmethod
    def _place(comment: _Comment, where: _Text, places: dict[int, list[int | None]]) -> list[Span]:
        """Where a comment is in the text: exactly, else wherever its text is
        written in its token's lines, else those whole lines."""
        token = comment.token
        if token is None and comment.start is not None and comment.end is not None:
            return [(comment.start, comment.end)]  # a block: offsets in the text itself
        if token is not None and comment.start is not None and comment.end is not None:
            placed = places.get(id(token))
            if placed is not None:
                start = where.offset(placed, token.content, comment.start)
                end = where.offset(placed, token.content, comment.end)
                if (
                    start is not None
                    and end is not None
                    and where.text.startswith("%%", start)
                    and where.text.startswith("%%", end - 2)
                ):
                    return [(start, end)]
        region = where.region(token)
        found = where.occurrences(comment.text, region)
        return found if found is not None else [region]

    def _in_directive(self, token: Token, where: _Text) -> list[Span]:
        """The comments in a MyST directive's argument and body, parsed as Markdown."""
        if token.type not in ("fence", "colon_fence") or not token.map:
            return []
        match = _DIRECTIVE.fullmatch(token.info.strip())
        if match is None or match.group(1).lower() in LITERAL_DIRECTIVES:
            return []
        spans: list[Span] = []
        argument = match.group(2)
        if "%%" in argument:
            start, end = where.line(token.map[0])
            brace = where.text.find("}", start, end)
            at = where.text.find(argument, brace + 1 if brace >= 0 else start, end)
            if at < 0:
                spans.append((start, end))
            else:
                spans += [(at + s, at + e) for s, e in self.spans(argument, inline=True)]
        if "%" in token.content:
            body = token.content
            placed = where.place(body, token.map[0] + 1, token.map[1])
            for s, e in self.spans(body):
                start_at = where.offset(placed, body, s)
                end_at = where.offset(placed, body, e)
                if start_at is not None and end_at is not None:
                    spans.append((start_at, end_at))
                else:
                    first = token.map[0] + 1 + body.count("\n", 0, s)
                    spans.append(where.region(token, first))
        return spans


def _whole_lines(text: str, span: Span) -> Span:
    """A comment that fills its lines takes them, line break and indentation too."""
    start, end = span
    line_start = text.rfind("\n", 0, start) + 1
    if not text[line_start:start].strip() and text.startswith("\n", end):
        return line_start, end + 1
    return span


def without_comments(text: str, config: MdParserConfig) -> str:
    """``text`` (a note) without its comments, as its page is without them."""
    if "%" not in text:
        return text
    front_matter = read_front_matter(text)
    if front_matter.data:
        config = merge_file_level(config, front_matter.data, lambda *_: None)
    spans = sorted(_whole_lines(text, span) for span in _CommentFinder(config).spans(text))
    out: list[str] = []
    position = 0
    for start, end in spans:
        if end > position:
            out.append(text[position : max(start, position)])
            position = end
    out.append(text[position:])
    return "".join(out)


def _copy_of(app: Sphinx, docname: str, notes: set[str]) -> Path | None:
    """The copy Sphinx writes of a note for "show source" (as
    ``StandaloneHTMLBuilder.get_doc_context`` names it); ``notes`` are the file
    types read as notes."""
    source_suffix = str(app.env.doc2path(docname, False))[len(docname) :]
    if app.config.source_suffix.get(source_suffix) not in notes:
        return None
    name = docname + source_suffix
    if source_suffix != app.config.html_sourcelink_suffix:
        name += app.config.html_sourcelink_suffix
    return Path(app.outdir, "_sources", name)


def strip_copies(app: Sphinx, exception: BaseException | None) -> None:
    """Write the copies made in this build again, without comments.

    A copy that differs from its note was written without comments by an
    earlier build (Sphinx copies a note again whenever it writes its page);
    a copy identical to a note with ``%`` in it is new, also after a build
    that stopped half-way.
    """
    if not getattr(app.builder, "copysource", False) or not app.config.html_copy_source:
        return
    env = app.env
    config: MdParserConfig = getattr(env, "myst_config", None) or MdParserConfig()
    encoding = app.config.source_encoding
    # the file types the extension's parsers read (myst-nb's, when it is loaded)
    notes = {*ObsidianParser.supported, "myst-nb"}
    # only the notes that held a ``%`` when they were read: no other note is opened
    maybe: dict[str, bool] = obsidian_domain(env).data["percent"]
    for docname in sorted(maybe.keys() & env.found_docs):
        copy = _copy_of(app, docname, notes)
        if copy is None or not copy.is_file():
            continue
        try:
            raw = Path(env.doc2path(docname)).read_bytes()
            text = raw.decode(encoding, errors="replace")
            if "%" not in text or copy.read_bytes() != raw:
                continue
        except OSError:
            continue
        # markdown-it reads line breaks as one ``\n``, as Python does
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        try:
            stripped = without_comments(text, config)
        except Exception as error:  # one note must not cost the site: no copy of it
            copy.unlink(missing_ok=True)
            warn(
                ObsidianWarning.NOT_RENDERED,
                f"no copy of the source is published: its comments could not be found "
                f"after an unexpected {type(error).__name__}: {error}",
                (docname, None),
                app.config,
            )
            continue
        if stripped != text:
            copy.write_text(stripped, encoding="utf-8")


def setup_source_copies(app: Sphinx) -> None:
    app.connect("build-finished", strip_copies)
