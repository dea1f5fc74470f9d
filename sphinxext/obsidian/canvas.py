"""Canvases: every ``.canvas`` file of the source folder is a page.

The file is read by :mod:`.canvas_format` into a board. Its text cards are
Markdown, and are read by the notes' own parser: the parser is handed a
Markdown page that the board is turned into, one ``obsidian-canvas-card``
directive per card, so links, callouts, embeds, tags and block ids work in a
card as in a note and count for backlinks. The cards the directives make are
then put together into one :class:`canvas_board`, groups holding their
cards, in reading order.

The doctree is the same for every builder: cards in reading order, groups as
titled parts, and the arrows as a list of connections. The HTML writer lays
the board out at the cards' positions and sizes, with the arrows drawn in
SVG, readable without JavaScript (the board scrolls) and zoomed and panned
with it. ePub, LaTeX, text and man pages read the board in order.
"""

from __future__ import annotations

import html
import math
import posixpath
import re
import secrets
from typing import TYPE_CHECKING, Any, ClassVar
from urllib.parse import urlsplit

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from .assets import CANVAS_SCRIPT
from .canvas_format import PRESET_COLOURS, Board, Card, Edge, read_canvas
from .embeds import IMAGES, attachment_index
from .myst import ObsidianParser, titled_page, translated_message
from .nodes import (
    canvas_board,
    canvas_card,
    canvas_connections,
    depart_nothing,
    note_embed,
    obsidian_domain,
    visit_children,
)
from .warnings import ObsidianWarning, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator

__all__ = ["CanvasParser", "setup_canvas"]

#: the file type Sphinx knows ``.canvas`` files by
FILETYPE = "obsidian_canvas"
#: where the parser hands the board to the card directives, while it reads
_BOARD = "obsidian_canvas_board"
#: links a link card may open (``javascript:`` and the like are shown as text)
_SCHEMES = {"http", "https", "mailto", "ftp"}


class CanvasParser(ObsidianParser):
    """Reads a ``.canvas`` file into a page (see the module's docstring)."""

    supported: ClassVar[tuple[str, ...]] = (FILETYPE,)  # type: ignore[misc]
    #: the ``.canvas`` line of each line of the Markdown being read (none for a
    #: translated message, which is Markdown of its own)
    _lines: list[int] | None = None

    def parse(self, inputstring: str, document: nodes.document) -> None:
        if translated_message(document):
            # a translated card's text: Markdown, read as a note's text is
            self._lines = None
            super().parse(inputstring, document)
            return
        env = document.settings.env
        try:
            board = read_canvas(inputstring)
        except Exception as error:  # one canvas must not cost the site
            warn(
                ObsidianWarning.NOT_RENDERED,
                f"the canvas is shown as written after an unexpected "
                f"{type(error).__name__}: {error}",
                (env.docname, None),
                env.config,
            )
            titled_page(document, nodes.literal_block(inputstring, inputstring))
            obsidian_domain(env).record_note(env.docname, [])  # listed on its folder's page
            return
        for problem in board.problems:
            warn(
                ObsidianWarning.CANVAS,
                f"canvas: {problem.message}",
                (env.docname, problem.line),
                env.config,
            )
        self._check_files(board, env)
        # the directives find their card by its place in the reading order, behind
        # a key no canvas can guess (a card's text cannot name another card)
        key = secrets.token_hex(8)
        markdown, self._lines = _as_markdown(board, key)
        document[_BOARD] = (key, [card for card in board.reading_order() if card.kind != "group"])
        try:
            super().parse(markdown, document)
            _assemble(document, board)
        finally:
            document.attributes.pop(_BOARD, None)

    def render_options(self, document: nodes.document) -> dict[str, Any]:
        return {} if self._lines is None else {"obsidian_line_map": self._lines}

    @staticmethod
    def _check_files(board: Board, env: Any) -> None:
        """File cards naming no file of the source folder: a warning, and the
        card shows the path as text.

        Only attachments are looked for here. A card naming a note (or a
        canvas, a base) shows it through an embed, resolved when the page is
        written as every embed is: a missing note is an ``obsidian.unresolved``
        warning then, and the page is written again once the note exists.
        A card names its file by its path from the vault's top folder, which
        may be a folder inside the Sphinx project: the path is found as a
        wikilink's path is.
        """
        suffixes = tuple(env.config.source_suffix)
        for card in board.cards.values():
            if card.kind != "file" or not card.content.strip():
                continue
            path = card.content.strip().lstrip("/")
            if path.lower().endswith(suffixes):
                continue
            found = attachment_index(env).resolve(path, env.docname, use_aliases=False)
            if found.docname is None:
                warn(
                    ObsidianWarning.CANVAS,
                    f"canvas: file card {card.id!r} shows {card.content!r}, "
                    "which is no file of the source folder; shown as text",
                    (env.docname, card.line),
                    env.config,
                )
                card.kind = "missing"


def _fence(text: str) -> str:
    """A backtick fence longer than any run of backticks in ``text``."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    return "`" * max(4, longest + 1)


def _as_markdown(board: Board, key: str) -> tuple[str, list[int]]:
    """The Markdown page a board is read from, and the line of the ``.canvas``
    file each of its lines comes from."""
    parts: list[str] = []
    lines: list[int] = []
    cards = [card for card in board.reading_order() if card.kind != "group"]
    for position, card in enumerate(cards):
        body = _card_markdown(card)
        fence = _fence(body)
        block = f"{fence}{{obsidian-canvas-card}} {key}-{position}\n\n{body}\n{fence}\n\n"
        parts.append(block)
        lines.extend([card.line] * block.count("\n"))
    lines.append(lines[-1] if lines else 1)
    return "".join(parts), lines


def _card_markdown(card: Card) -> str:
    """What a card holds, as Markdown (link cards and missing files are made
    by the directive itself)."""
    if card.kind == "text":
        return card.content.replace("\r\n", "\n")
    if card.kind != "file":
        return ""
    path = card.content.strip().lstrip("/")
    suffix = posixpath.splitext(path)[1].lower()
    target = f"{path}{card.subpath}"
    if suffix in IMAGES:
        return f"![[{target}]]\n"
    if suffix == ".md" or not suffix:
        # the note's opening (or the section it names) under its linked title
        return f"![[{target}]]\n"
    return f"[[{target}|{posixpath.basename(path)}{card.subpath}]]\n"


class CanvasCard(SphinxDirective):
    """One card of the canvas being read (written by :class:`CanvasParser`,
    not by people: in a note it is a warning)."""

    required_arguments = 1
    final_argument_whitespace = True
    has_content = True

    def run(self) -> list[nodes.Node]:
        held: tuple[str, list[Card]] | None = self.state.document.get(_BOARD)
        card = None
        if held is not None:
            key, cards = held
            mark, _, position = self.arguments[0].partition("-")
            if mark == key and position.isdigit() and int(position) < len(cards):
                card = cards[int(position)]
                cards[int(position)] = _USED  # each card is made once
        if card is None or card is _USED:
            warn(
                ObsidianWarning.CANVAS,
                "obsidian-canvas-card is written by the extension for the cards of a "
                "canvas; written in a note or a card, it is left out",
                (self.env.docname, self.lineno),
                self.config,
            )
            return []
        node = canvas_card(
            "",
            card_id=card.id,
            kind=card.kind,
            box=(card.x, card.y, card.width, card.height),
            colour=card.colour,
        )
        node.source, node.line = self.state.document["source"], card.line
        if card.kind == "link":
            node += _link_card(card, self.env.docname, self.config)
        elif card.kind == "missing":
            node += nodes.paragraph(card.content, card.content, classes=["obsidian-unresolved"])
        else:
            self.state.nested_parse(self.content, self.content_offset, node)
            if card.kind == "file" and not card.subpath:
                for embed in node.findall(note_embed):
                    embed["obsidian_opening"] = True
        for inner in node.findall(nodes.Element):
            inner.line = card.line
        return [node]


#: what a card is replaced by once its directive made it
_USED = Card("", "used", 0, 0, 1, 1)


def _link_card(card: Card, docname: str, config: Any) -> nodes.Node:
    """A link card: a link to its address, or the address as text (with a
    warning) when it is not a web or mail address."""
    url = card.content.strip()
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError:
        scheme = ""
    paragraph = nodes.paragraph()
    if scheme in _SCHEMES:
        paragraph += nodes.reference(url, url, refuri=url, classes=["obsidian-canvas-link"])
    else:
        paragraph += nodes.Text(url)
        if url:
            warn(
                ObsidianWarning.CANVAS,
                f"canvas: link card {card.id!r} links to {url!r}, which is no web or mail "
                "address; shown as text",
                (docname, card.line),
                config,
            )
    return paragraph


def _assemble(document: nodes.document, board: Board) -> None:
    """Gather the cards the directives made into one board, groups around
    their cards, and add the list of connections."""
    section = document.next_node(nodes.section)
    if section is None:
        return
    made: dict[str, canvas_card] = {}
    for node in list(section.children):
        if isinstance(node, canvas_card):
            made[node["card_id"]] = node
            section.remove(node)
    left, top, width, height = board.bounds
    root = canvas_board(
        "",
        box=(left, top, width, height),
        edges=[_edge_data(edge) for edge in board.edges],
        classes=["obsidian-canvas"],
    )
    root.source, root.line = document["source"], 1

    def place(cards: list[Card], parent: nodes.Element) -> None:
        for card in cards:
            if card.kind == "group":
                group = canvas_card(
                    "",
                    card_id=card.id,
                    kind="group",
                    box=(card.x, card.y, card.width, card.height),
                    colour=card.colour,
                )
                group.source, group.line = document["source"], card.line
                if card.content:
                    label = card.content
                    group += nodes.rubric(label, label, classes=["obsidian-canvas-label"])
                place(card.children, group)
                parent += group
            elif card.id in made:
                parent += made[card.id]

    place(board.top, root)
    if board.edges:
        root += _connections(board)
    section += root


def _edge_data(edge: Edge) -> dict[str, str]:
    return {
        "source": edge.source,
        "target": edge.target,
        "source_side": edge.source_side,
        "target_side": edge.target_side,
        "source_end": edge.source_end,
        "target_end": edge.target_end,
        "colour": edge.colour,
        "label": edge.label,
    }


#: how each pair of ends is written in the list of connections
_ARROWS = {
    ("none", "arrow"): "->",
    ("arrow", "none"): "<-",
    ("arrow", "arrow"): "<->",
    ("none", "none"): "—",
}


def _connections(board: Board) -> canvas_connections:
    """The arrows as a list: ``A -> B: label``."""
    holder = canvas_connections("", classes=["obsidian-canvas-connections"])
    holder += nodes.rubric("Connections", "Connections")
    items = nodes.bullet_list()
    for edge in board.edges:
        text = (
            f"{board.cards[edge.source].name} {_ARROWS[edge.source_end, edge.target_end]} "
            f"{board.cards[edge.target].name}"
        )
        if edge.label:
            text += f": {edge.label}"
        items += nodes.list_item("", nodes.paragraph(text, text))
    holder += items
    return holder


# -- HTML -----------------------------------------------------------------------

#: space left around the cards, in pixels
_MARGIN = 40


def _colour_attributes(colour: str) -> tuple[list[str], str]:
    """A preset colour as a class, a hex colour as a custom property."""
    if colour in PRESET_COLOURS:
        return [f"obsidian-canvas-color-{colour}"], ""
    if colour:
        return ["obsidian-canvas-colored"], f"--obsidian-canvas-color: {colour};"
    return [], ""


def _flow(translator: HTML5Translator) -> bool:
    """Whether the board is read in order (ePub), rather than laid out."""
    return translator.builder.name.startswith("epub")


def visit_board_html(self: HTML5Translator, node: canvas_board) -> None:
    left, top, width, height = node["box"]
    if _flow(self):
        self.body.append(self.starttag(node, "div", CLASS="obsidian-canvas-flow"))
        return
    count = getattr(self, "_obsidian_canvases", 0) + 1
    self._obsidian_canvases = count  # type: ignore[attr-defined]
    prefix = f"obsidian-canvas-{count}"
    node["obsidian_origin"] = (left - _MARGIN, top - _MARGIN)
    full_width, full_height = width + 2 * _MARGIN, height + 2 * _MARGIN
    attributes: dict[str, Any] = {"data-obsidian-canvas": prefix}
    self.body.append(self.starttag(node, "div", **attributes))
    self.body.append(
        f'<div class="obsidian-canvas-viewport" tabindex="0" role="region" '
        f'aria-label="Canvas board, scroll to see all of it">'
        f'<div class="obsidian-canvas-sizer" style="width: {full_width:g}px; '
        f'height: {full_height:g}px">'
        f'<div class="obsidian-canvas-plane" style="width: {full_width:g}px; '
        f'height: {full_height:g}px">'
    )
    self.body.append(_edges_svg(node, prefix, full_width, full_height))


def depart_board_html(self: HTML5Translator, node: canvas_board) -> None:
    if not _flow(self) and not any(isinstance(c, canvas_connections) for c in node.children):
        self.body.append(_END_OF_PLANE)
    self.body.append("</div>\n")


#: closes the plane, the sizer and the viewport (the connections are not on the board)
_END_OF_PLANE = "</div></div></div>\n"


def visit_card_html(self: HTML5Translator, node: canvas_card) -> None:
    classes, style = _colour_attributes(node["colour"])
    classes = ["obsidian-canvas-card", f"obsidian-canvas-{node['kind']}", *classes]
    if not _flow(self):
        x, y, width, height = node["box"]
        board, parent = _board_of(node)
        origin_x, origin_y = board["obsidian_origin"] if board is not None else (0.0, 0.0)
        if parent is not None:  # inside a group: placed in the group's box
            origin_x, origin_y = parent["box"][0], parent["box"][1]
        style += (
            f"left: {x - origin_x:g}px; top: {y - origin_y:g}px; "
            f"width: {width:g}px; height: {height:g}px;"
        )
    attributes: dict[str, Any] = {"CLASS": " ".join(classes), "data-card": node["card_id"]}
    if style:
        attributes["style"] = style
    self.body.append(self.starttag(node, "div", **attributes))
    if node["kind"] != "group":
        self.body.append('<div class="obsidian-canvas-content">')


def depart_card_html(self: HTML5Translator, node: canvas_card) -> None:
    if node["kind"] != "group":
        self.body.append("</div>")
    self.body.append("</div>\n")


def _board_of(node: nodes.Element) -> tuple[canvas_board | None, canvas_card | None]:
    """The board a card is on, and the group it is directly in."""
    parent = node.parent
    group = parent if isinstance(parent, canvas_card) else None
    while parent is not None and not isinstance(parent, canvas_board):
        parent = parent.parent
    return parent, group


def visit_connections_html(self: HTML5Translator, node: canvas_connections) -> None:
    """The list of connections, under the board: a fold that opens, in HTML."""
    if _flow(self):
        self.body.append(self.starttag(node, "div"))
        return
    items = [item.astext() for item in node.findall(nodes.list_item)]
    self.body.append(_END_OF_PLANE)
    self.body.append(self.starttag(node, "details"))
    self.body.append(f"<summary>Connections ({len(items)})</summary>\n<ul>\n")
    self.body.extend(f"<li>{html.escape(item)}</li>\n" for item in items)
    self.body.append("</ul>\n</details>\n")
    raise nodes.SkipNode


def depart_connections_html(self: HTML5Translator, node: canvas_connections) -> None:
    self.body.append("</div>\n")


def _anchor(box: tuple[float, ...], side: str) -> tuple[float, float]:
    x, y, width, height = box
    return {
        "top": (x + width / 2, y),
        "bottom": (x + width / 2, y + height),
        "left": (x, y + height / 2),
        "right": (x + width, y + height / 2),
    }[side]


def _facing(box: tuple[float, ...], other: tuple[float, ...]) -> str:
    """The side of ``box`` that faces ``other`` (for an edge without sides):
    top or bottom when one card is above the other, else left or right."""
    x, y, width, height = box
    ox, oy, owidth, oheight = other
    if oy >= y + height or oy + oheight <= y:
        return "bottom" if oy >= y + height else "top"
    if ox >= x + width or ox + owidth <= x:
        return "right" if ox >= x + width else "left"
    dx = (ox + owidth / 2) - (x + width / 2)
    dy = (oy + oheight / 2) - (y + height / 2)
    if abs(dx) > abs(dy):
        return "right" if dx >= 0 else "left"
    return "bottom" if dy >= 0 else "top"


_NORMALS = {"top": (0, -1), "bottom": (0, 1), "left": (-1, 0), "right": (1, 0)}


def _edges_svg(board: canvas_board, prefix: str, width: float, height: float) -> str:
    """The arrows of a board as one SVG image under its cards."""
    edges: list[dict[str, str]] = board["edges"]
    if not edges:
        return ""
    origin_x, origin_y = board["obsidian_origin"]
    # this board's cards only (a card may show another canvas, whose ids may be the same)
    boxes = {
        card["card_id"]: tuple(card["box"])
        for card in board.findall(canvas_card)
        if isinstance(card, canvas_card) and _board_of(card)[0] is board
    }
    markers: dict[str, str] = {}
    paths: list[str] = []
    labels: list[str] = []
    for edge in edges:
        source, target = boxes.get(edge["source"]), boxes.get(edge["target"])
        if source is None or target is None:
            continue
        from_side = edge["source_side"] or _facing(source, target)
        to_side = edge["target_side"] or _facing(target, source)
        x1, y1 = _anchor(source, from_side)
        x2, y2 = _anchor(target, to_side)
        x1, y1, x2, y2 = x1 - origin_x, y1 - origin_y, x2 - origin_x, y2 - origin_y
        reach = max(40.0, math.hypot(x2 - x1, y2 - y1) / 3)
        n1, n2 = _NORMALS[from_side], _NORMALS[to_side]
        c1 = (x1 + n1[0] * reach, y1 + n1[1] * reach)
        c2 = (x2 + n2[0] * reach, y2 + n2[1] * reach)
        classes, style = _colour_attributes(edge["colour"])
        key = edge["colour"] or "plain"
        marker = f"{prefix}-arrow-{re.sub(r'[^0-9a-zA-Z]', '', key)}"
        if marker not in markers:
            markers[marker] = (
                f'<marker id="{marker}" class="{" ".join(["obsidian-canvas-arrow", *classes])}" '
                f'style="{style}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" '
                f'markerHeight="8" orient="auto-start-reverse" markerUnits="userSpaceOnUse">'
                f'<path d="M0,0 L10,5 L0,10 z"/></marker>'
            )
        ends = ""
        if edge["source_end"] == "arrow":
            ends += f' marker-start="url(#{marker})"'
        if edge["target_end"] == "arrow":
            ends += f' marker-end="url(#{marker})"'
        d = f"M{x1:g},{y1:g} C{c1[0]:g},{c1[1]:g} {c2[0]:g},{c2[1]:g} {x2:g},{y2:g}"
        paths.append(
            f'<path class="{" ".join(["obsidian-canvas-edge", *classes])}" '
            f'style="{style}" d="{d}"{ends}/>'
        )
        if edge["label"]:
            # the middle of the curve (its point at t = 1/2)
            mx = (x1 + 3 * c1[0] + 3 * c2[0] + x2) / 8
            my = (y1 + 3 * c1[1] + 3 * c2[1] + y2) / 8
            labels.append(
                f'<text class="obsidian-canvas-edge-label" x="{mx:g}" y="{my:g}" '
                f'text-anchor="middle" dominant-baseline="middle">'
                f"{html.escape(edge['label'])}</text>"
            )
    size = (
        f'width="{width:g}" height="{height:g}" viewBox="0 0 {width:g} {height:g}" '
        'aria-hidden="true" focusable="false"'
    )
    # the labels over the cards (a label may be longer than the gap it sits in)
    over = f'<svg class="obsidian-canvas-labels" {size}>{"".join(labels)}</svg>' if labels else ""
    return (
        f'<svg class="obsidian-canvas-edges" {size}>'
        f"<defs>{''.join(markers.values())}</defs>{''.join(paths)}</svg>{over}"
    )


def _add_script(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Zoom and pan for the pages that show a board (not ePub: read in order)."""
    if (
        doctree is not None
        and not app.builder.name.startswith("epub")
        and next(doctree.findall(canvas_board), None) is not None
    ):
        app.add_js_file(CANVAS_SCRIPT, loading_method="defer")


def setup_canvas(app: Sphinx) -> None:
    """Make ``.canvas`` files pages, read by :class:`CanvasParser`."""
    app.add_source_suffix(".canvas", FILETYPE)
    app.add_source_parser(CanvasParser)
    app.add_directive("obsidian-canvas-card", CanvasCard)
    in_order = (visit_children, depart_nothing)
    others: dict[str, Any] = {
        "latex": in_order,
        "text": in_order,
        "man": in_order,
        "texinfo": in_order,
    }
    app.add_node(canvas_board, html=(visit_board_html, depart_board_html), **others)
    app.add_node(canvas_card, html=(visit_card_html, depart_card_html), **others)
    app.add_node(
        canvas_connections,
        html=(visit_connections_html, depart_connections_html),
        **others,
    )
    app.connect("html-page-context", _add_script)
