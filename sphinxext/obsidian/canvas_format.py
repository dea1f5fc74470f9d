"""JSON Canvas 1.0 (Obsidian's ``.canvas`` files), read into a board.

The format is published at jsoncanvas.org: a JSON object with ``nodes``
(cards: ``text``, ``file``, ``link`` and ``group``, each with a position and
a size) and ``edges`` (arrows between two cards). This module reads it
without Sphinx, so it can be tested alone, and it never fails: whatever is
wrong with a file (not JSON, an unknown card type, an arrow to a card that
does not exist) becomes a :class:`Problem` with its line, and the rest of the
board is kept.

It also decides the board's reading order, which every builder without a
two-dimensional page uses: cards top to bottom, then left to right, each card
inside the smallest group that encloses it, groups read as sections.
"""

from __future__ import annotations

import dataclasses
import json
import math
import re
from collections.abc import Iterator
from typing import Any

from .characters import whole_characters

__all__ = [
    "PRESET_COLOURS",
    "Board",
    "Card",
    "Edge",
    "Problem",
    "read_canvas",
]

#: the colours ``"1"`` to ``"6"`` stand for in Obsidian's canvas
PRESET_COLOURS = {
    "1": "red",
    "2": "orange",
    "3": "yellow",
    "4": "green",
    "5": "cyan",
    "6": "purple",
}
_HEX = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})")
CARD_TYPES = ("text", "file", "link", "group")
#: what a file card's path or subpath cannot hold: it is written into a wikilink
_NOT_IN_LINKS = ("[[", "]]", "|", "\n", "\r")
#: groups inside groups deeper than this are read at the top of the board
#: (a doctree nested hundreds deep cannot be saved)
MAX_GROUP_DEPTH = 16
SIDES = ("top", "right", "bottom", "left")
ENDS = ("none", "arrow")
#: a card without a usable size gets Obsidian's size of a new card
DEFAULT_SIZE = (250.0, 60.0)
#: coordinates beyond this are not a drawing anyone made (and would make pages huge)
LIMIT = 1e6


@dataclasses.dataclass(frozen=True, slots=True)
class Problem:
    """What was wrong with a canvas, and the line of the file it was found at."""

    message: str
    line: int


@dataclasses.dataclass(slots=True)
class Card:
    """One card (JSON Canvas calls them nodes). ``kind`` is ``text``, ``file``,
    ``link`` or ``group``; ``content`` is the text, file path, address or label."""

    id: str
    kind: str
    x: float
    y: float
    width: float
    height: float
    content: str = ""
    #: ``#Heading`` or ``#^block`` of a file card
    subpath: str = ""
    #: a preset (``"1"``-``"6"``) or a hex colour, already checked; ``""`` for none
    colour: str = ""
    line: int = 1
    #: the groups' cards, in reading order (filled by :func:`read_canvas`)
    children: list[Card] = dataclasses.field(default_factory=list)
    #: the group this card lies in, if any
    group: str | None = None

    @property
    def right(self) -> float:
        return self.x + self.width

    @property
    def bottom(self) -> float:
        return self.y + self.height

    def encloses(self, other: Card) -> bool:
        return (
            other is not self
            and self.x <= other.x
            and self.y <= other.y
            and other.right <= self.right
            and other.bottom <= self.bottom
        )

    @property
    def name(self) -> str:
        """A short name for the card, for the list of connections."""
        if self.kind == "text":
            for line in self.content.splitlines():
                words = line.strip().lstrip("#>*-+ ").strip()
                if words:
                    return words if len(words) <= 60 else words[:59].rstrip() + "…"
            return f"card {self.id}"
        if self.kind == "file":
            base = self.content.rsplit("/", 1)[-1]
            if base.lower().endswith(".md"):
                base = base[:-3]
            return base + self.subpath if base else f"card {self.id}"
        if self.kind == "group":
            return self.content or f"group {self.id}"
        return self.content or f"card {self.id}"


@dataclasses.dataclass(frozen=True, slots=True)
class Edge:
    """An arrow (or a plain line) from one card to another."""

    id: str
    source: str
    target: str
    source_side: str = ""
    target_side: str = ""
    #: ``"none"`` or ``"arrow"``: JSON Canvas draws no arrow at the start by default
    source_end: str = "none"
    #: and an arrow at the end
    target_end: str = "arrow"
    colour: str = ""
    label: str = ""
    line: int = 1


@dataclasses.dataclass(slots=True)
class Board:
    """A canvas: its cards by id (in the file's order, which is their stacking
    order), the top-level cards in reading order, and the edges."""

    cards: dict[str, Card] = dataclasses.field(default_factory=dict)
    top: list[Card] = dataclasses.field(default_factory=list)
    edges: list[Edge] = dataclasses.field(default_factory=list)
    problems: list[Problem] = dataclasses.field(default_factory=list)

    @property
    def bounds(self) -> tuple[float, float, float, float]:
        """The smallest rectangle holding every card: left, top, width, height."""
        if not self.cards:
            return 0.0, 0.0, 0.0, 0.0
        left = min(card.x for card in self.cards.values())
        top = min(card.y for card in self.cards.values())
        right = max(card.right for card in self.cards.values())
        bottom = max(card.bottom for card in self.cards.values())
        return left, top, right - left, bottom - top

    def reading_order(self) -> Iterator[Card]:
        """Every card, groups before the cards they hold, in reading order."""

        def walk(cards: list[Card]) -> Iterator[Card]:
            for card in cards:
                yield card
                yield from walk(card.children)

        return walk(self.top)


def read_canvas(text: str) -> Board:
    """Read a ``.canvas`` file; never raises (see :class:`Problem`)."""
    board = Board()
    if not text.strip():
        return board  # Obsidian writes an empty file for a new, empty canvas
    try:
        data = json.loads(text, object_hook=_clean_object)
    except json.JSONDecodeError as error:
        board.problems.append(Problem(f"not valid JSON: {error.msg}", error.lineno))
        return board
    except RecursionError:
        board.problems.append(Problem("not valid JSON: nested too deeply", 1))
        return board
    if not isinstance(data, dict):
        board.problems.append(Problem(f"a {_kind(data)}, not a JSON object", 1))
        return board
    lines = _IdLines(text)
    for position, raw in enumerate(_array(data, "nodes", board)):
        card = _card(raw, position, lines, board)
        if card is None:
            continue
        if card.id in board.cards:
            board.problems.append(
                Problem(f"two cards have the id {card.id!r}; the second is left out", card.line)
            )
            continue
        board.cards[card.id] = card
    seen: set[str] = set()
    for position, raw in enumerate(_array(data, "edges", board)):
        edge = _edge(raw, position, lines, board)
        if edge is None:
            continue
        if edge.id in seen:
            board.problems.append(
                Problem(f"two edges have the id {edge.id!r}; the second is left out", edge.line)
            )
            continue
        seen.add(edge.id)
        board.edges.append(edge)
    _arrange(board)
    return board


class _IdLines:
    """The line each id is written on (the JSON parser keeps no positions),
    found in one pass over the file."""

    _ID = re.compile(r'"id"\s*:\s*"((?:[^"\\\n]|\\.)*)"')

    def __init__(self, text: str) -> None:
        self.found: dict[str, int] = {}
        line, last = 1, 0
        for match in self._ID.finditer(text):
            line += text.count("\n", last, match.start())
            last = match.start()
            try:
                identifier = json.loads(f'"{match[1]}"')
            except ValueError:
                continue
            self.found.setdefault(identifier, line)

    def __call__(self, identifier: str) -> int:
        return self.found.get(identifier, 1)

    def __contains__(self, identifier: str) -> bool:
        return identifier in self.found


def _clean_object(pairs: dict[str, Any]) -> dict[str, Any]:
    return {
        key: whole_characters(value) if isinstance(value, str) else value
        for key, value in pairs.items()
    }


def _kind(value: Any) -> str:
    return {
        dict: "JSON object",
        list: "JSON array",
        str: "string",
        bool: "boolean",
        type(None): "null",
    }.get(type(value), "number")


def _array(data: dict[str, Any], key: str, board: Board) -> list[Any]:
    value = data.get(key, [])
    if isinstance(value, list):
        return value
    board.problems.append(Problem(f'"{key}" is a {_kind(value)}, not an array; left out', 1))
    return []


def _number(raw: dict[str, Any], key: str, default: float) -> float | None:
    value = raw.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    try:
        value = float(value)
    except OverflowError:  # an integer of hundreds of digits
        return None
    if not math.isfinite(value) or abs(value) > LIMIT:
        return None
    return value


def _colour(raw: dict[str, Any], what: str, line: int, board: Board) -> str:
    value = raw.get("color")
    if value is None or value == "":
        return ""
    if isinstance(value, str) and (value in PRESET_COLOURS or _HEX.fullmatch(value)):
        return value
    board.problems.append(
        Problem(f"{what} has the colour {value!r}, neither 1-6 nor #rrggbb; not coloured", line)
    )
    return ""


def _card(raw: Any, position: int, lines: _IdLines, board: Board) -> Card | None:
    if not isinstance(raw, dict):
        board.problems.append(Problem(f"card {position + 1} is a {_kind(raw)}; left out", 1))
        return None
    identifier = raw.get("id")
    if not isinstance(identifier, str) or not identifier:
        board.problems.append(Problem(f"card {position + 1} has no id; left out", 1))
        return None
    line = lines(identifier)
    kind = raw.get("type")
    if kind not in CARD_TYPES:
        board.problems.append(
            Problem(
                f"card {identifier!r} has the unknown type {kind!r} "
                "(not text, file, link or group); left out",
                line,
            )
        )
        return None
    where = [_number(raw, key, 0.0) for key in ("x", "y")]
    size = [
        _number(raw, key, default)
        for key, default in zip(("width", "height"), DEFAULT_SIZE, strict=True)
    ]
    if None in where or None in size or any(value is not None and value <= 0 for value in size):
        board.problems.append(
            Problem(
                f"card {identifier!r} has no usable position or size "
                "(x, y, width, height must be numbers, the size positive); placed at 0, 0",
                line,
            )
        )
    x, y = (value if value is not None else 0.0 for value in where)
    width, height = (
        value if value is not None and value > 0 else default
        for value, default in zip(size, DEFAULT_SIZE, strict=True)
    )
    field = {"text": "text", "file": "file", "link": "url", "group": "label"}[kind]
    content = raw.get(field, "")
    if not isinstance(content, str):
        board.problems.append(
            Problem(f"card {identifier!r} has a {_kind(content)} as its {field}; shown empty", line)
        )
        content = ""
    if kind in ("file", "link") and not content.strip():
        board.problems.append(
            Problem(f"{kind} card {identifier!r} names no {field}; shown empty", line)
        )
    if kind == "file" and any(mark in content for mark in _NOT_IN_LINKS):
        board.problems.append(
            Problem(
                f"file card {identifier!r} names {content!r}, which no link can name "
                "(it holds [[, ]], | or a line break); shown as text",
                line,
            )
        )
        kind = "missing"
    subpath = raw.get("subpath", "") if kind == "file" else ""
    if not isinstance(subpath, str) or (
        subpath and (not subpath.startswith("#") or any(m in subpath for m in _NOT_IN_LINKS))
    ):
        board.problems.append(
            Problem(f"file card {identifier!r} has the subpath {subpath!r}; left out", line)
        )
        subpath = ""
    colour = _colour(raw, f"card {identifier!r}", line, board)
    return Card(identifier, kind, x, y, width, height, content, subpath, colour, line)


def _edge(raw: Any, position: int, lines: _IdLines, board: Board) -> Edge | None:
    if not isinstance(raw, dict):
        board.problems.append(Problem(f"edge {position + 1} is a {_kind(raw)}; left out", 1))
        return None
    identifier = raw.get("id")
    if not isinstance(identifier, str) or not identifier:
        identifier = f"edge {position + 1}"
    line = lines(identifier)
    ends = []
    for key in ("fromNode", "toNode"):
        value = raw.get(key)
        if not isinstance(value, str) or value not in board.cards:
            board.problems.append(
                Problem(
                    f"edge {identifier!r} goes {'from' if key == 'fromNode' else 'to'} "
                    f"{value!r}, which is no card of this canvas; left out",
                    line,
                )
            )
            return None
        ends.append(value)
    sides = []
    for key in ("fromSide", "toSide"):
        value = raw.get(key, "")
        if value not in ("", *SIDES):
            board.problems.append(
                Problem(
                    f"edge {identifier!r} has the {key} {value!r}; the nearest side is used", line
                )
            )
            value = ""
        sides.append(value)
    tips = []
    for key, default in (("fromEnd", "none"), ("toEnd", "arrow")):
        value = raw.get(key, default)
        if value not in ENDS:
            board.problems.append(
                Problem(f"edge {identifier!r} has the {key} {value!r}; {default!r} is used", line)
            )
            value = default
        tips.append(value)
    label = raw.get("label", "")
    if not isinstance(label, str):
        board.problems.append(Problem(f"edge {identifier!r} has a {_kind(label)} as label", line))
        label = ""
    colour = _colour(raw, f"edge {identifier!r}", line, board)
    return Edge(
        identifier, ends[0], ends[1], sides[0], sides[1], tips[0], tips[1], colour, label, line
    )


def _arrange(board: Board) -> None:
    """Put each card in the smallest group enclosing it, and every list in
    reading order (top to bottom, then left to right).

    A group holds a card when the card lies inside it and is smaller, or as
    large and later in the file (drawn above it): never both ways round.
    """
    rank = {identifier: position for position, identifier in enumerate(board.cards)}
    groups = [card for card in board.cards.values() if card.kind == "group"]

    def holds(group: Card, card: Card) -> bool:
        if not group.encloses(card):
            return False
        area, other = group.width * group.height, card.width * card.height
        return area > other or (area == other and rank[group.id] < rank[card.id])

    parents: dict[str, Card] = {}
    for card in board.cards.values():
        around = [group for group in groups if holds(group, card)]
        if around:
            parents[card.id] = min(
                around, key=lambda group: (group.width * group.height, -rank[group.id])
            )
    too_deep = False
    for card in board.cards.values():
        parent = parents.get(card.id)
        depth, above = 0, parent
        while above is not None and depth <= MAX_GROUP_DEPTH:
            depth, above = depth + 1, parents.get(above.id)
        if parent is not None and depth <= MAX_GROUP_DEPTH:
            card.group = parent.id
            parent.children.append(card)
        else:
            too_deep = too_deep or parent is not None
            board.top.append(card)
    if too_deep:
        board.problems.append(
            Problem(
                f"groups nest more than {MAX_GROUP_DEPTH} deep; the cards deeper than that "
                "are read at the top of the board",
                1,
            )
        )

    def order(cards: list[Card]) -> None:
        cards.sort(key=lambda card: (card.y, card.x))
        for card in cards:
            order(card.children)

    order(board.top)
