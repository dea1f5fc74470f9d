"""Obsidian syntax as markdown-it-py rules.

Everything here works on the token stream of markdown-it-py, never on the raw
source text: code spans, fenced code, math and raw HTML are tokenised by their
own rules first, so a ``[[`` inside them never reaches the rules below. This
module imports nothing from Sphinx or docutils, so it can be tested (and
fuzzed) on its own.

Token types produced:

``wikilink``
    A ``[[...]]`` link or ``![[...]]`` embed. ``meta["link"]`` holds the parsed
    :class:`WikiLink`, ``meta["raw"]`` the text as written and
    ``meta["line_offset"]`` its line within the paragraph. When the link has
    an alias, its ``children`` are the alias tokenised as inline Markdown.

``callout_open`` / ``callout_close``
    A blockquote whose first line is ``[!type|metadata]± title``. ``meta``
    holds ``type`` (as written), ``metadata`` and ``fold`` (``""``, ``"open"``,
    ``"closed"``). A title, when written, comes first, between
    ``callout_title_open`` and ``callout_title_close``, as an inline token.

``mark_open`` / ``mark_close``
    ``==highlighted==`` text.

``obsidian_comment``
    A ``%%`` comment block (inline comments leave no token at all).

``obsidian_block_id``
    A ``^block-id`` at the end of a paragraph. ``meta["id"]`` is the id and
    ``meta["own_line"]`` says whether it stood on a line of its own (which
    makes it name the enclosing block rather than the paragraph).
"""

from __future__ import annotations

import bisect
import dataclasses
from typing import TYPE_CHECKING, Any

from markdown_it.rules_inline.state_inline import Delimiter
from markdown_it.token import Token

from .compat import find_rule

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_block import StateBlock
    from markdown_it.rules_core import StateCore
    from markdown_it.rules_inline import StateInline

__all__ = [
    "CalloutMarker",
    "WikiLink",
    "is_block_id",
    "obsidian_plugin",
    "parse_callout_marker",
    "parse_wikilink",
    "scan_tag",
    "wikilink_rule",
]

#: Characters that may not appear in the path part of a link target.
#: characters a wikilink path cannot hold (``#`` starts its heading part instead)
INVALID_IN_PATH = frozenset("[]|^:")
#: Characters that may not appear in a heading part of a link target.
_INVALID_IN_HEADING = frozenset("[]|")
_BLOCK_ID_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_")


@dataclasses.dataclass(frozen=True, slots=True)
class WikiLink:
    """The parts of a ``[[path#heading#heading|alias]]`` link.

    ``path`` is the note or file as written (``""`` for the current note),
    ``headings`` the chain of headings, ``block`` a block id without its
    ``^``, ``alias`` the display text as written (Markdown, unrendered).
    """

    path: str
    headings: tuple[str, ...] = ()
    block: str | None = None
    alias: str | None = None
    embed: bool = False

    @property
    def target(self) -> str:
        """The link target without alias, as Obsidian would write it."""
        sub = "".join(f"#{h}" for h in self.headings)
        if self.block is not None:
            sub += f"#^{self.block}"
        return self.path + sub

    @property
    def display_text(self) -> str:
        """What Obsidian shows for the link when it has no alias.

        The path as written, without a ``.md`` suffix; heading and block parts
        follow it after ``" > "``, the way Obsidian's reading view shows them.
        """
        parts = []
        if self.path:
            path = self.path
            if path.lower().endswith(".md"):
                path = path[:-3]
            parts.append(path)
        parts.extend(self.headings)
        if self.block is not None:
            parts.append(f"^{self.block}")
        return " > ".join(parts)


def is_block_id(text: str) -> bool:
    """Whether ``text`` is a valid block id (letters, digits, ``-`` and ``_``)."""
    return bool(text) and all(ch in _BLOCK_ID_CHARS for ch in text)


def _split_alias(inner: str) -> tuple[str, int | None]:
    """Split the inside of ``[[...]]`` at the first ``|`` (or ``\\|``, in tables).

    Returns the target text and the offset where the alias starts, if any.
    """
    bar = inner.find("|")
    if bar < 0:
        return inner, None
    target_end = bar - 1 if bar > 0 and inner[bar - 1] == "\\" else bar
    return inner[:target_end], bar + 1


def parse_wikilink(inner: str, *, embed: bool = False) -> WikiLink | None:
    """Parse the text between ``[[`` and ``]]``; ``None`` if it is no link.

    Used by the tokenizer rule, by the ``wikilink`` role and for Markdown links
    to notes, so that all three read a target the same way.
    """
    if "\n" in inner:
        return None
    target, alias_at = _split_alias(inner)
    alias: str | None = None
    if alias_at is not None:
        alias = inner[alias_at:].strip() or None
    path, _, sub = target.partition("#")
    path = path.strip()
    if "%%" in path or any(ch in INVALID_IN_PATH for ch in path):
        return None
    headings: list[str] = []
    block: str | None = None
    if sub:
        parts = [part.strip() for part in sub.split("#")]
        parts = [part for part in parts if part]
        if parts and parts[-1].startswith("^"):
            block = parts.pop()[1:]
            if not is_block_id(block):
                return None
        for part in parts:
            if any(ch in _INVALID_IN_HEADING for ch in part) or part.startswith("^"):
                return None
        headings = parts
    if not path and not headings and block is None:
        return None
    return WikiLink(path, tuple(headings), block, alias, embed)


# -- inline rule ---------------------------------------------------------------


def _positions(src: str, needle: str) -> list[int]:
    """Every position where ``needle`` starts in ``src`` (overlapping ones too)."""
    found = []
    pos = src.find(needle)
    while pos >= 0:
        found.append(pos)
        pos = src.find(needle, pos + 1)
    return found


class _Closers:
    """Positions of ``]]`` and of line breaks in one inline source.

    Computed once per inline source so that finding the end of a link is a
    binary search rather than a scan: fifty thousand unclosed ``[[`` stay
    linear instead of quadratic.
    """

    __slots__ = ("closers", "last_bracket", "newlines", "src")

    def __init__(self, src: str) -> None:
        self.src = src
        self.closers = _positions(src, "]]")
        self.newlines = _positions(src, "\n")
        self.last_bracket = src.rfind("]")

    def line_of(self, pos: int) -> int:
        """How many line breaks precede ``pos`` in this source."""
        return bisect.bisect_left(self.newlines, pos)

    def close_after(self, start: int, limit: int) -> int:
        """The first ``]]`` at or after ``start`` on the same line, or -1."""
        i = bisect.bisect_left(self.closers, start)
        if i == len(self.closers):
            return -1
        close = self.closers[i]
        if close + 2 > limit:
            return -1
        j = bisect.bisect_left(self.newlines, start)
        if j < len(self.newlines) and self.newlines[j] < close:
            return -1
        return close


def _closers(state: StateInline) -> _Closers:
    """The closer table of the source being tokenised, cached per source.

    Keyed by the source text, because an alias is tokenised as a source of
    its own in the middle of its paragraph's, and the paragraph's table must
    survive that.
    """
    cache: dict[str, _Closers] = state.env.setdefault("obsidian_closers", {})
    table = cache.get(state.src)
    if table is None:
        if len(cache) > 64:
            cache.clear()
        table = cache[state.src] = _Closers(state.src)
    return table


def _unclosed_bracket_rule(state: StateInline, silent: bool) -> bool:
    """``[``, ``![`` or ``^[`` with no ``]`` anywhere after it: text, at once.

    markdown-it's link and image rules (and MyST's footnote references) look
    for the end of a link text from every ``[``, to the end of the paragraph
    when there is none; 50,000 unclosed brackets make that quadratic (MyST
    alone needs seconds for 10 KB of ``^[``). Without a ``]`` after it, no
    link, image, embed or footnote can start at a bracket, so saying so first
    changes nothing else and keeps every paragraph linear.
    """
    src, pos = state.src, state.pos
    char = src[pos]
    if char == "[":
        width = 1
    elif char in "!^" and src.startswith("[", pos + 1):
        width = 2
    else:
        return False
    if _closers(state).last_bracket > pos:
        return False
    # the brackets, ``!`` and ``^`` that follow cannot start anything either:
    # taken at once, so that a long run is one append to the pending text
    end = pos + width
    while end < state.posMax and src[end] in "[!^":
        end += 1
    if not silent:
        state.pending += src[pos:end]
    state.pos = end
    return True


def _wikilink_rule(state: StateInline, silent: bool) -> bool:
    src = state.src
    pos = state.pos
    embed = src.startswith("![[", pos)
    if not embed and not src.startswith("[[", pos):
        return False
    if state.linkLevel > 0 or state.env.get("obsidian_in_alias"):
        # no link inside link text or inside an alias
        return False
    start = pos + (3 if embed else 2)
    closers = _closers(state)
    close = closers.close_after(start, state.posMax)
    if close < 0:
        return False
    inner = src[start:close]
    link = parse_wikilink(inner, embed=embed)
    if link is None:
        return False
    if not silent:
        token = state.push("wikilink", "", 0)
        # renderers give every inline token its paragraph's first line; the
        # offset lets a link report the line it is really on
        token.meta = {
            "link": link,
            "raw": src[pos : close + 2],
            "line_offset": closers.line_of(pos),
        }
        token.markup = "![[" if embed else "[["
        if link.alias is not None:
            # the alias is Markdown: tokenised as a source of its own, as the
            # image rule does for alt text, with links switched off inside it
            children: list[Token] = []
            state.env["obsidian_in_alias"] = True
            try:
                state.md.inline.parse(link.alias, state.md, state.env, children)
            finally:
                state.env["obsidian_in_alias"] = False
            token.children = children
    state.pos = close + 2
    return True


# -- block ids -----------------------------------------------------------------


def _trailing_block_id(children: list[Token]) -> tuple[str, bool, int] | None:
    """Find a ``^id`` at the end of a paragraph's inline children.

    Returns the id, whether it stood on its own line, and where in the last
    text child it starts.
    """
    if not children or children[-1].type != "text":
        return None
    last = children[-1]
    content = last.content.rstrip(" \t")
    caret = content.rfind("^")
    if caret < 0 or not is_block_id(content[caret + 1 :]):
        return None
    before = content[:caret]
    previous = children[-2] if len(children) > 1 else None
    if before == "":
        if previous is None or previous.type in ("softbreak", "hardbreak"):
            return content[caret + 1 :], True, caret
        if previous.type == "wikilink" and previous.meta["link"].embed:
            # ``![[pic.png]]^fig``: tolerated without a space after an embed
            return content[caret + 1 :], False, caret
        return None
    if before[-1] in " \t":
        return content[caret + 1 :], False, caret
    return None


def _block_id_rule(state: StateCore) -> None:
    """Turn a trailing ``^id`` of a paragraph into an ``obsidian_block_id`` token."""
    tokens = state.tokens
    for index in range(1, len(tokens)):
        token = tokens[index]
        if token.type != "inline" or tokens[index - 1].type != "paragraph_open":
            continue
        children = token.children or []
        found = _trailing_block_id(children)
        if found is None:
            continue
        block_id, own_line, caret = found
        last = children[-1]
        kept = last.content[:caret].rstrip(" \t")
        if kept:
            last.content = kept
        else:
            children.pop()
            if own_line and children and children[-1].type in ("softbreak", "hardbreak"):
                children.pop()
        marker = Token("obsidian_block_id", "", 0)
        marker.meta = {"id": block_id, "own_line": own_line}
        marker.map = token.map
        children.append(marker)
        token.children = children


# -- callouts ------------------------------------------------------------------


@dataclasses.dataclass(frozen=True, slots=True)
class CalloutMarker:
    """The first line of a callout: ``[!type|metadata]± title``."""

    type: str
    metadata: str = ""
    fold: str = ""
    title: str = ""


def parse_callout_marker(line: str) -> CalloutMarker | None:
    """Read ``[!type|metadata]±`` at the start of ``line``; ``None`` if it is not one.

    The type is letters, digits, ``-`` and ``_``; ``+`` marks a callout folded
    open, ``-`` one folded closed; the rest of the line is the title.
    """
    if not line.startswith("[!"):
        return None
    close = line.find("]", 2)
    if close < 0:
        return None
    written, _, metadata = line[2:close].partition("|")
    if not written or not all(ch.isalnum() or ch in "-_" for ch in written):
        return None
    rest = line[close + 1 :]
    fold = ""
    if rest[:1] in ("+", "-"):
        fold = "open" if rest[0] == "+" else "closed"
        rest = rest[1:]
    return CalloutMarker(written, metadata.strip(), fold, rest.strip())


def _source_line(state: StateCore, line: int) -> str:
    lines: list[str] | None = state.env.get("obsidian_lines")
    if lines is None:
        lines = state.env["obsidian_lines"] = state.src.split("\n")
    return lines[line] if 0 <= line < len(lines) else ""


def _callout_open(source: Token, marker: CalloutMarker) -> list[Token]:
    """A ``callout_open`` token, and the title tokens when the callout has a title."""
    token = Token("callout_open", "div", 1, map=source.map, block=True, level=source.level)
    token.markup = ">"
    token.meta = {"type": marker.type, "metadata": marker.metadata, "fold": marker.fold}
    if not marker.title:
        return [token]
    level = source.level + 1
    title_open = Token("callout_title_open", "p", 1, map=source.map, block=True, level=level)
    title = Token(
        "inline", "", 0, content=marker.title, map=source.map, block=True,
        level=level + 1, children=[],
    )  # fmt: skip
    title_close = Token("callout_title_close", "p", -1, block=True, level=level)
    return [token, title_open, title, title_close]


def _callout_rule(state: StateCore) -> None:
    """Turn blockquotes that open with ``[!type]`` into callouts.

    Runs on block tokens, before inline parsing: a marker inside code is a
    code token, never a blockquote, and the title and body are parsed as
    Markdown afterwards like any other text. MyST's own ``alert`` tokens
    (GitHub's ``> [!NOTE]``, when MyST's ``alert`` extension is on) become
    callouts too, so both spellings give the same result.
    """
    tokens = state.tokens
    out: list[Token] = []
    closers: list[str] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.type == "blockquote_open":
            first = tokens[index + 2] if index + 2 < len(tokens) else None
            marker = None
            if tokens[index + 1].type == "paragraph_open" and first is not None:
                head, _, rest = first.content.partition("\n")
                marker = parse_callout_marker(head)
            if marker is None or first is None:
                closers.append("blockquote_close")
                out.append(token)
                index += 1
                continue
            closers.append("callout_close")
            out.extend(_callout_open(token, marker))
            if rest.strip():
                first.content = rest
                if first.map:
                    first.map = [first.map[0] + 1, first.map[1]]
                out.extend(tokens[index + 1 : index + 3])
                index += 3
            else:
                index += 4  # the paragraph held only the marker line
            continue
        if token.type == "alert_open":
            line = _source_line(state, token.map[0]) if token.map else ""
            marker = parse_callout_marker(line.lstrip(" >")) or CalloutMarker(token.info)
            closers.append("callout_close")
            out.extend(_callout_open(token, marker))
            index += 1
            while index < len(tokens) and tokens[index].type != "alert_title_close":
                index += 1  # MyST's own title: the callout names itself
            index += 1
            continue
        if token.type in ("blockquote_close", "alert_close"):
            token.type = closers.pop() if closers else token.type
            if token.type == "callout_close":
                token.tag = "div"
        out.append(token)
        index += 1
    state.tokens = out


# -- highlights and comments ------------------------------------------------------

_EQUALS = 0x3D


def _highlight_rule(state: StateInline, silent: bool) -> bool:
    """``==text==``: each ``==`` becomes a delimiter that markdown-it's own
    ``balance_pairs`` matches, so highlights nest with emphasis as Obsidian's do."""
    if silent or state.src[state.pos] != "=":
        return False
    scanned = state.scanDelims(state.pos, True)
    run = scanned.length
    if run < 2:
        return False
    if run % 2:
        state.push("text", "", 0).content = "="
        run -= 1
    for _ in range(run // 2):
        state.push("text", "", 0).content = "=="
        state.delimiters.append(
            Delimiter(
                marker=_EQUALS,
                length=0,
                token=len(state.tokens) - 1,
                end=-1,
                open=scanned.can_open,
                close=scanned.can_close,
            )
        )
    state.pos += scanned.length
    return True


def _highlight_pairs(state: StateInline, delimiters: list[Delimiter]) -> None:
    for opener in delimiters:
        if opener.marker != _EQUALS or opener.end == -1:
            continue
        closer = delimiters[opener.end]
        opening, closing = state.tokens[opener.token], state.tokens[closer.token]
        opening.type, opening.nesting = "mark_open", 1
        closing.type, closing.nesting = "mark_close", -1
        for token in (opening, closing):
            token.tag, token.markup, token.content = "mark", "==", ""


def _highlight_post(state: StateInline) -> None:
    _highlight_pairs(state, state.delimiters)
    for meta in state.tokens_meta:
        if meta and "delimiters" in meta:
            _highlight_pairs(state, meta["delimiters"])


def _comment_inline_rule(state: StateInline, silent: bool) -> bool:
    """``%%hidden%%`` inside a paragraph: consumed, nothing is output."""
    src = state.src
    if not src.startswith("%%", state.pos):
        return False
    close = src.find("%%", state.pos + 2, state.posMax)
    if close < 0:
        return False
    state.pos = close + 2
    return True


def _is_tag_char(char: str) -> bool:
    return char.isalnum() or char in "_-/"


def scan_tag(src: str, pos: int, end: int) -> str | None:
    """The tag that starts with the ``#`` at ``pos``, or ``None``.

    A tag is ``#`` followed by letters of any script, digits, ``_``, ``-`` and
    ``/`` (nesting), with at least one character that is not a digit:
    ``#1984`` is not a tag. A trailing ``/`` is not part of it.
    """
    stop = pos + 1
    while stop < end and _is_tag_char(src[stop]):
        stop += 1
    tag = src[pos + 1 : stop].rstrip("/")
    if not tag or tag.startswith("/") or tag.replace("/", "").isdigit():
        return None
    return tag


def _tag_rule(state: StateInline, silent: bool) -> bool:
    """``#tag`` and ``#parent/child`` after whitespace or at the start of a line.

    ``C#``, ``page#anchor`` and URL fragments are preceded by other characters
    and are not tags; a heading's ``#`` never reaches inline parsing; inside a
    link's text or a wikilink's alias, a tag stays text (links do not nest).
    """
    src, pos = state.src, state.pos
    if src[pos] != "#" or state.linkLevel > 0 or state.env.get("obsidian_in_alias"):
        return False
    if pos > 0 and not src[pos - 1].isspace():
        return False
    tag = scan_tag(src, pos, state.posMax)
    if tag is None:
        return False
    if not silent:
        token = state.push("obsidian_tag", "", 0)
        token.content = tag
        token.markup = "#"
    state.pos = pos + 1 + len(tag)
    return True


def _inline_footnote_rule(state: StateInline, silent: bool) -> bool:
    """``^[text]``: a footnote written where it is referenced.

    The brackets balance like a link's text; the text is inline Markdown,
    tokenised as a source of its own.
    """
    src, pos = state.src, state.pos
    if not src.startswith("^[", pos):
        return False
    close = state.md.helpers.parseLinkLabel(state, pos + 1)
    if close < 0:
        return False
    if not silent:
        token = state.push("obsidian_footnote", "", 0)
        token.content = src[pos + 2 : close]
        children: list[Token] = []
        state.md.inline.parse(token.content, state.md, state.env, children)
        token.children = children
    state.pos = close + 1
    return True


def _task_rule(state: StateCore) -> None:
    """``- [?] text``: a task list item, whatever its status character.

    Obsidian (and its themes) give meaning to any character between the
    brackets, not just ``x``; the character is kept as the item's status.
    """
    tokens = state.tokens
    for index in range(len(tokens) - 2):
        if tokens[index].type != "list_item_open":
            continue
        if tokens[index + 1].type != "paragraph_open" or tokens[index + 2].type != "inline":
            continue
        inline = tokens[index + 2]
        children = inline.children or []
        first = children[0] if children else None
        text = first.content if first is not None and first.type == "text" else ""
        if len(text) < 3 or text[0] != "[" or text[2] != "]" or text[1] in "[]":
            continue
        if len(text) > 3 and text[3] not in " \t":
            continue
        assert first is not None
        first.content = text[4:] if len(text) > 3 else ""
        marker = Token("obsidian_task", "", 0, content=text[1], markup=text[:3])
        marker.meta = {"status": text[1]}
        children.insert(0, marker)


def _comment_block_rule(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """A block that starts with ``%%`` runs to the next ``%%``, across blank lines,
    or, unclosed, to the end of the note (as in Obsidian); nothing is output."""
    begin = state.bMarks[start_line] + state.tShift[start_line]
    if state.sCount[start_line] - state.blkIndent >= 4:
        return False
    src = state.src
    if not src.startswith("%%", begin):
        return False
    if silent and _inline_comment_open(state, start_line):
        # ``text %%`` above, in the same paragraph: this ``%%`` closes that comment
        return False
    line_end = state.eMarks[start_line]
    line = start_line
    close = src.find("%%", begin + 2, line_end)
    if close >= 0 and src[close + 2 : line_end].strip():
        return False  # ``%%a%% text``: an inline comment inside a paragraph
    if close < 0:
        line += 1
        while line < end_line:
            if src.find("%%", state.bMarks[line], state.eMarks[line]) >= 0:
                break
            line += 1
    if silent:
        return True
    token = state.push("obsidian_comment", "", 0)
    token.map = [start_line, min(line + 1, end_line)]
    state.line = min(line + 1, end_line)
    return True


#: How far up a paragraph is searched for a comment left open (longer ones
#: are taken as closed, which keeps the search linear).
_OPEN_COMMENT_LINES = 200


def _inline_comment_open(state: StateBlock, line: int) -> bool:
    """Whether the paragraph that ``line`` would end has a ``%%`` left open."""
    count = 0
    first = max(line - _OPEN_COMMENT_LINES, 0)
    current = line - 1
    while current >= first and not state.isEmpty(current):
        count += state.src.count("%%", state.bMarks[current], state.eMarks[current])
        current -= 1
    return count % 2 == 1


def _line_comment_not_ours(rule: Any) -> Any:
    """MyST's ``%`` line comments, except lines that start with ``%%``: those
    are Obsidian's comments, and one may close a comment opened in the line
    above (``text %%`` / ``hidden`` / ``%% text``)."""

    def line_comment(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
        if state.src.startswith("%%", state.bMarks[start_line] + state.tShift[start_line]):
            return False
        return bool(rule(state, start_line, end_line, silent))

    return line_comment


def _final_line_break_rule(state: StateCore) -> None:
    """End the source with a line break, as nearly every note does.

    MyST's block plugins (line comments, block breaks) read one character past
    the end of an empty last line with none, inside a quoted table at the end
    of a note (``>a|b`` / ``>-|-`` / ``>``), and raise; a final line break
    changes nothing else that Markdown means.
    """
    if not state.inlineMode and state.src and not state.src.endswith("\n"):
        state.src += "\n"  # (a line of inline text, a title, is not a note)


#: the inline rule for ``[[...]]``, for parsers that know nothing else (property values)
wikilink_rule = _wikilink_rule


def obsidian_plugin(md: MarkdownIt) -> None:
    """Install the Obsidian rules into a markdown-it-py parser."""
    # ``~~struck~~`` is Obsidian syntax; MyST has it only as an opt-in extension
    md.enable("strikethrough")
    md.inline.ruler.before("link", "wikilink", _wikilink_rule)
    md.inline.ruler.before("wikilink", "obsidian_unclosed_bracket", _unclosed_bracket_rule)
    md.inline.ruler.before("emphasis", "obsidian_highlight", _highlight_rule)
    md.inline.ruler2.before("emphasis", "obsidian_highlight", _highlight_post)
    md.inline.ruler.before("text", "obsidian_comment", _comment_inline_rule)
    md.inline.ruler.before("text", "obsidian_tag", _tag_rule)
    md.inline.ruler.before("link", "obsidian_footnote", _inline_footnote_rule)
    md.core.ruler.after("inline", "obsidian_task", _task_rule)
    # before MyST's own ``%`` line comments, which would take only the first line
    myst_rule = find_rule(md.block.ruler, "myst_line_comment")
    if myst_rule is not None:
        md.block.ruler.at(
            "myst_line_comment",
            _line_comment_not_ours(myst_rule.fn),
            {"alt": list(myst_rule.alt)},
        )
    md.block.ruler.before(
        "myst_line_comment" if myst_rule is not None else "paragraph",
        "obsidian_comment",
        _comment_block_rule,
        {"alt": ["paragraph", "reference", "blockquote", "list"]},
    )
    md.core.ruler.after("normalize", "obsidian_final_line_break", _final_line_break_rule)
    md.core.ruler.after("block", "obsidian_callout", _callout_rule)
    md.core.ruler.after("inline", "obsidian_block_id", _block_id_rule)
