"""The graph view, drawn at build time: a local graph on each note's page, and
the whole vault's graph on a page of its own.

Once every document is read (``env-updated``, in the main process), the
notes and the links between them are made into one :class:`~.graph_layout.LinkGraph`
(tags too, with ``obsidian_graph_tags``): a link is the domain's recorded
link path resolved as "Linked mentions" resolves it, so both always agree.
From it:

* each note's local graph: the notes it links to and those linking to it,
  out to ``obsidian_graph_depth`` links, at most :data:`LOCAL_LIMIT` nodes
  (the nearest, then the most linked), on rings around the note, each
  label beside its node. A note without links gets none;
* the whole graph: the ``obsidian_graph_limit`` most linked nodes, laid out
  by folder and forces (see :mod:`.graph_layout`). The layout is kept in the
  environment with a digest of the graph it was made for, and made again
  only when that graph changed.

Both are written into the pages as inline SVG: every node a link to its page,
readable without JavaScript; ``obsidian-graph.js`` adds zoom, pan and
highlighting, and is added only to the pages that show a graph.

Each note's local graph is summed up in a digest, kept in the domain:
after an incremental build's reading, the notes whose digest changed (a link
added two notes away, a neighbour retitled) are written again although their
own text did not change. The digests and the layout are in the domain's data,
pickled with the environment; the graph itself is kept in memory for the
build, where processes forked to write pages (``-j N``) find it.

Graphs are drawn by the ``html`` and ``dirhtml`` builders only: one page
holding every page (``singlehtml``) has no "other page" to draw, and an
e-book is read page after page, without the script that makes a graph of
many notes usable.
"""

from __future__ import annotations

import dataclasses
import hashlib
import html
import math
import posixpath
import weakref
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, cast

from .assets import copy_static
from .graph_layout import LinkGraph, Neighbourhood, force_layout, label_tiers, radial_layout
from .graph_layout import neighbourhood as find_neighbourhood
from .nodes import obsidian_domain
from .output_places import SITE_BUILDERS
from .tags import tag_docname, tag_key

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

__all__ = ["LOCAL_LIMIT", "SITE_BUILDERS", "setup_graph"]

#: the most nodes a local graph shows, the note included: fifteen on each side
#: of its ring, a label's height apart, make a drawing of about 300 pixels,
#: whose labels stay readable without zooming
LOCAL_LIMIT = 30
SCRIPT = "obsidian-graph.js"
STYLESHEET = "obsidian-graph.css"
#: the title of the whole graph's page
PAGE_TITLE = "Graph view"
#: Sphinx's own pages, which the graph's page must not replace
_SPHINX_PAGES = frozenset(("genindex", "search", "py-modindex"))
#: labels longer than this are cut (the whole title shows on hover)
LABEL_LENGTH = 24
#: a local graph's labels, in pixels, and the room around its outer ring
#: (beside it, a label's width)
LOCAL_FONT = 12.0
LOCAL_MARGIN = (175.0, 24.0)


# -- settings ------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True, slots=True)
class Settings:
    """The ``obsidian_graph_*`` values, checked and in the range they work in."""

    depth: int
    tags: bool
    limit: int
    page: str


def page_name(value: object) -> str | None:
    """The page ``obsidian_graph_page`` names (``""`` for none), or ``None`` when it
    names no page the site can have."""
    if not isinstance(value, str):
        return None
    name = value.replace("\\", "/").strip().strip("/")
    name = name.removesuffix(".html")
    if not name:
        return ""
    parts = name.split("/")
    if any(part in ("", ".", "..") or part.startswith("_") for part in parts):
        return None
    return None if name in _SPHINX_PAGES else name


def settings(config: Config) -> Settings:
    """The graph's settings; a depth out of 1 to 3 is brought into it, as the
    configuration reference says (the limit and the page were checked when the
    configuration was read, see :func:`graph_problems`)."""
    depth = config.obsidian_graph_depth
    depth = depth if isinstance(depth, int) and not isinstance(depth, bool) else 1
    return Settings(
        depth=min(3, max(1, depth)),
        tags=bool(config.obsidian_graph_tags),
        limit=config.obsidian_graph_limit,
        page=page_name(config.obsidian_graph_page) or "",
    )


def graph_problems(config: Config) -> list[str]:
    """Why a graph page or limit cannot work, if it cannot (the configuration's
    check refuses them before reading, see ``config.check_values``): better
    than a graph silently missing."""
    from .config import count_problems

    problems = []
    if page_name(config.obsidian_graph_page) is None:
        problems.append(
            f"obsidian_graph_page = {config.obsidian_graph_page!r}: it must name a page of "
            "the site, such as 'graph', or be '' for none"
        )
    return problems + count_problems(config, "obsidian_graph_limit", "0 (every note)")


def draws_graphs(app: Sphinx) -> bool:
    """Whether this build's pages show graphs."""
    return bool(app.config.obsidian_graph) and app.builder.name in SITE_BUILDERS


# -- the graph -------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True, slots=True)
class Node:
    """A note or a tag of the graph."""

    #: ``note`` or ``tag``
    kind: str
    #: the note's docname, or the tag's key
    key: str
    label: str
    #: the page a click opens (``None``: a tag without a page)
    docname: str | None
    #: the folder the node is clustered with on the whole graph
    group: str


@dataclasses.dataclass(slots=True)
class VaultGraph:
    """Everything the pages of one build draw, made once after reading."""

    settings: Settings
    nodes: list[Node]
    links: LinkGraph
    #: docname -> its node
    notes: dict[str, int]
    #: docname -> its local graph (notes with links only)
    local: dict[str, Neighbourhood]
    #: the whole graph's nodes and their positions
    whole: list[int]
    positions: list[tuple[float, float]]


#: the graph of each environment's current build (see the module's docstring)
_GRAPHS: weakref.WeakKeyDictionary[BuildEnvironment, VaultGraph] = weakref.WeakKeyDictionary()


def _title(env: BuildEnvironment, docname: str) -> str:
    title = env.titles.get(docname)
    return title.astext() if title is not None and title.astext() else posixpath.basename(docname)


def _note_nodes(env: BuildEnvironment) -> list[Node]:
    domain = obsidian_domain(env)
    generated: dict[str, str] = domain.data["generated"]
    docnames = sorted(d for d in domain.notes if d in env.found_docs and d not in generated)
    return [Node("note", d, _title(env, d), d, posixpath.dirname(d)) for d in docnames]


def _tag_nodes(
    env: BuildEnvironment, notes: Sequence[Node]
) -> tuple[list[Node], list[tuple[str, str]]]:
    """The tags the notes carry, and ``(docname, tag key)`` for each note's tags."""
    tags: dict[str, list[str]] = obsidian_domain(env).data["tags"]
    spelling: dict[str, str] = {}
    carried: list[tuple[str, str]] = []
    for note in notes:
        for tag in tags.get(note.key, ()):
            key = tag_key(tag)
            if key:
                spelling.setdefault(key, tag.strip("/"))
                carried.append((note.key, key))
    config = env.config
    nodes = []
    for key in sorted(spelling):
        page = tag_docname(config.obsidian_tags_folder, key) if config.obsidian_tags else None
        docname = page if page is not None and page in env.found_docs else None
        nodes.append(Node("tag", key, f"#{spelling[key]}", docname, "#"))
    return nodes, carried


def _note_links(env: BuildEnvironment, notes: dict[str, int]) -> Iterator[tuple[int, int]]:
    """Each link between two notes: the links "Linked mentions" reads."""
    resolved = obsidian_domain(env).resolved_targets()
    for source, node in notes.items():
        for target in resolved.get(source, {}).values():
            other = notes.get(target)
            if other is not None and other != node:
                yield node, other


def make_graph(env: BuildEnvironment, chosen: Settings) -> VaultGraph:
    """The graph of the vault as read, with every note's local graph."""
    nodes = _note_nodes(env)
    notes = {node.key: index for index, node in enumerate(nodes)}
    links = list(_note_links(env, notes))
    if chosen.tags:
        tag_nodes, carried = _tag_nodes(env, nodes)
        tags = {node.key: len(nodes) + index for index, node in enumerate(tag_nodes)}
        nodes.extend(tag_nodes)
        links.extend((notes[docname], tags[key]) for docname, key in carried)
    names = [f"{node.label.casefold()}\0{node.kind}\0{node.key}" for node in nodes]
    graph = LinkGraph(names, links)
    local = {}
    for docname, index in notes.items():
        if graph.degrees[index]:
            local[docname] = find_neighbourhood(graph, index, chosen.depth, LOCAL_LIMIT)
    whole = graph.order[: chosen.limit] if chosen.limit else list(graph.order)
    return VaultGraph(chosen, nodes, graph, notes, local, whole, [])


# -- the digests and the layout, kept in the environment --------------------------------


def _state(env: BuildEnvironment) -> dict[str, Any]:
    """The digests of the notes' local graphs and the whole graph's layout, as
    last drawn (in the domain, made once per build after reading)."""
    return cast(dict[str, Any], obsidian_domain(env).data["graph"])


def local_print(graph: VaultGraph, docname: str) -> str:
    """A digest of everything a note's local graph draws: same digest, same SVG."""
    found = graph.local[docname]
    drawn = [
        (graph.nodes[node].kind, graph.nodes[node].key, graph.nodes[node].label,
         graph.nodes[node].docname)
        for node in found.members
    ]  # fmt: skip
    summary = (graph.settings, drawn, found.distances, found.parents, found.links, found.complete)
    return _digest(summary)


def _digest(value: object) -> str:
    text = repr(value).encode("utf-8", "backslashreplace")
    return hashlib.blake2b(text, digest_size=16).hexdigest()


def whole_layout(env: BuildEnvironment, graph: VaultGraph) -> list[tuple[float, float]]:
    """The whole graph's positions: last build's when the graph is the same."""
    links = graph.links.links_among(graph.whole)
    groups = [graph.nodes[node].group for node in graph.whole]
    keys = [(graph.nodes[node].kind, graph.nodes[node].key) for node in graph.whole]
    digest = _digest((keys, groups, links))
    state = _state(env)
    kept = state.get("layout")
    if isinstance(kept, tuple) and len(kept) == 2 and kept[0] == digest:
        return list(kept[1])
    positions = force_layout(groups, list(range(len(graph.whole))), links)
    rounded = [(round(x, 1), round(y, 1)) for x, y in positions]
    state["layout"] = (digest, tuple(rounded))
    return rounded


def update_graph(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Make the graph after reading; return the notes whose local graph changed.

    Connected to ``env-updated`` after the backlinks (the same links, resolved
    once every document is known).
    """
    _GRAPHS.pop(env, None)
    if app.builder.name not in SITE_BUILDERS:
        return []  # the digests stay those of the pages last drawn
    state = _state(env)
    old: dict[str, str] = state["prints"]
    if not app.config.obsidian_graph:
        state["prints"] = {}
        return sorted(old.keys() & env.found_docs)
    graph = _made(env)
    new = {docname: local_print(graph, docname) for docname in graph.local}
    state["prints"] = new
    changed = {d for d in old.keys() | new.keys() if old.get(d) != new.get(d)}
    if graph.settings.page in env.found_docs:
        # a document at the whole graph's address shows it: drawn again every build
        changed.add(graph.settings.page)
    return sorted(changed & env.found_docs)


def current_graph(app: Sphinx) -> VaultGraph:
    """This build's graph (made again if this process has none, which a build that
    read nothing in a new process may meet)."""
    return _GRAPHS.get(app.env) or _made(app.env)


def _made(env: BuildEnvironment) -> VaultGraph:
    """The graph made, with the whole graph's layout when a page shows it, and
    kept for the build."""
    graph = make_graph(env, settings(env.config))
    if graph.settings.page:
        graph.positions = whole_layout(env, graph)
    _GRAPHS[env] = graph
    return graph


# -- drawing ------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True, slots=True)
class Drawn:
    """A node as drawn: where, how large, what it says and where it leads."""

    x: float
    y: float
    radius: float
    label: str
    title: str
    href: str | None
    classes: str
    #: where the label goes: ``1`` right of the node, ``-1`` left of it, ``0`` below
    side: int = 0


def _label(text: str) -> str:
    return (
        text
        if len(text) <= LABEL_LENGTH
        else text[: LABEL_LENGTH - 1].rstrip() + "\N{HORIZONTAL ELLIPSIS}"
    )


def _number(value: float) -> str:
    """A coordinate as written: whole units (a drawing's unit is a pixel or less)."""
    return str(round(value) + 0)


def _label_place(node: Drawn, font: float) -> tuple[str, str]:
    """Where a node's label starts: beside it (its side of the ring) or below it."""
    if node.side:
        gap = node.radius + font * 0.4
        return _number(node.x + node.side * gap), _number(node.y + font * 0.35)
    return _number(node.x), _number(node.y + node.radius + font)


def _node_markup(index: int, node: Drawn, font: float) -> str:
    x, y = _number(node.x), _number(node.y)
    label_x, label_y = _label_place(node, font)
    title = html.escape(node.title)
    inner = (
        f"<title>{title}</title>"
        f'<circle cx="{x}" cy="{y}" r="{node.radius:g}"/>'
        f'<text x="{label_x}" y="{label_y}">{html.escape(node.label)}</text>'
    )
    if node.href is None:
        return f'<g class="{node.classes}" data-node="{index}">{inner}</g>'
    href = html.escape(node.href, quote=True)
    return f'<a class="{node.classes}" href="{href}" data-node="{index}">{inner}</a>'


def svg_markup(
    drawn: Sequence[Drawn],
    links: Sequence[tuple[int, int]],
    font: float,
    margin: tuple[float, float],
    label: str,
    *,
    natural_size: bool,
) -> str:
    """The graph as an inline SVG: links as lines under the nodes, each node a link.

    ``natural_size``: the drawing is in pixels and shown at its own size, as
    far as the column allows (a local graph); else it fills the box it is
    given (the whole graph).
    """
    xs = [node.x for node in drawn] or [0.0]
    ys = [node.y for node in drawn] or [0.0]
    across, down = margin
    left, top = min(xs) - across, min(ys) - down
    width = max(xs) - min(xs) + 2 * across
    height = max(ys) - min(ys) + 2 * down + font
    box = f"{_number(left)} {_number(top)} {_number(width)} {_number(height)}"
    size = f' width="{_number(width)}" height="{_number(height)}"' if natural_size else ""
    lines = "".join(
        f'<line x1="{_number(drawn[a].x)}" y1="{_number(drawn[a].y)}" '
        f'x2="{_number(drawn[b].x)}" y2="{_number(drawn[b].y)}" data-link="{a} {b}"/>'
        for a, b in links
    )
    nodes = "".join(_node_markup(index, node, font) for index, node in enumerate(drawn))
    return (
        f'<svg class="obsidian-graph-svg" viewBox="{box}"{size} font-size="{font:g}" '
        f'role="group" aria-label="{html.escape(label, quote=True)}">'
        f'<g class="obsidian-graph-links">{lines}</g>'
        f'<g class="obsidian-graph-nodes">{nodes}</g></svg>'
    )


def _href(app: Sphinx, pagename: str, docname: str | None) -> str | None:
    """The address of ``docname``'s page from ``pagename``'s (percent-encoded by
    the builder: a file name may hold ``#``, ``%`` or spaces)."""
    if docname is None:
        return None
    return app.builder.get_relative_uri(pagename, docname)


#: the class of a node whose label is beside it
_SIDES = {1: "obsidian-graph-right", -1: "obsidian-graph-left", 0: ""}


def _node_classes(node: Node, *extra: str) -> str:
    kind = " obsidian-graph-tag" if node.kind == "tag" else ""
    return " ".join(("obsidian-graph-node" + kind, *extra)).strip()


def local_graph_html(app: Sphinx, pagename: str, graph: VaultGraph) -> str:
    """A note's local graph, with its heading and the way to the whole graph."""
    found = graph.local[pagename]
    keys = [graph.nodes[node].label.casefold() for node in found.members]
    layout = radial_layout(found.distances, found.parents, keys)
    drawn = []
    for position, node_index in enumerate(found.members):
        node = graph.nodes[node_index]
        current = position == 0
        x, y = layout.points[position]
        side = layout.sides[position]
        drawn.append(
            Drawn(
                x, y, 8.0 if current else 5.0, _label(node.label), node.label,
                "#" if current else _href(app, pagename, node.docname),
                _node_classes(node, "obsidian-graph-current" if current else _SIDES[side]),
                side,
            )
        )  # fmt: skip
    title = graph.nodes[found.members[0]].label
    label = f"Local graph of {title}"
    svg = svg_markup(drawn, found.links, LOCAL_FONT, LOCAL_MARGIN, label, natural_size=True)
    more = ""
    if not found.complete:
        more = f"The {len(found.members)} nearest and most linked notes are shown. "
    return (
        '<div class="obsidian-graph obsidian-graph-local" data-obsidian-graph="">\n'
        '<p class="rubric">Local graph</p>\n'
        f'<div class="obsidian-graph-viewport" tabindex="0" role="region" '
        f'aria-label="{html.escape(label, quote=True)}">{svg}</div>\n'
        + _caption(app, pagename, graph, more)
        + "</div>\n"
    )


def _caption(app: Sphinx, pagename: str, graph: VaultGraph, text: str) -> str:
    page = graph.settings.page
    if page and page != pagename:
        uri = html.escape(_href(app, pagename, page) or "", quote=True)
        text += f'<a class="obsidian-graph-whole-link" href="{uri}">Open the whole graph</a>'
    return f'<p class="obsidian-graph-caption">{text}</p>\n' if text else ""


#: the width, in pixels, the whole graph is drawn for (a page's column)
WHOLE_WIDTH = 700.0
WHOLE_MARGIN = 70.0


def whole_graph_html(app: Sphinx, pagename: str, graph: VaultGraph) -> str:
    """The whole graph: the most linked nodes, every one labelled on hover, the
    most linked labelled always, more as one zooms in (see ``label_tiers``)."""
    whole = graph.whole
    links = graph.links.links_among(whole)
    xs = [x for x, _ in graph.positions] or [0.0]
    span = max(max(xs) - min(xs), 1.0)
    # drawing units per pixel when the drawing fits the page's width, with room
    # around it for the outer nodes' labels
    unit = max(span / (WHOLE_WIDTH - 2 * WHOLE_MARGIN), 0.2)
    margin = WHOLE_MARGIN * unit
    tiers = label_tiers(len(whole))
    drawn = []
    for rank, (node_index, (x, y)) in enumerate(zip(whole, graph.positions, strict=True)):
        node = graph.nodes[node_index]
        degree = graph.links.degrees[node_index]
        radius = round(unit * (2.0 + 0.7 * min(math.sqrt(degree), 8.0)), 1)
        drawn.append(
            Drawn(
                x, y, radius, _label(node.label), node.label,
                _href(app, pagename, node.docname),
                _node_classes(node, f"obsidian-graph-tier-{tiers[rank]}"),
            )
        )  # fmt: skip
    notes = sum(1 for node in graph.nodes if node.kind == "note")
    kinds = "notes and tags" if graph.settings.tags else "notes"
    label = f"Graph of {len(whole)} of {len(graph.nodes)} {kinds}"
    svg = svg_markup(drawn, links, round(unit * 11, 1), (margin, margin), label, natural_size=False)
    if len(whole) < len(graph.nodes):
        text = f"The {len(whole):,} most linked of {len(graph.nodes):,} {kinds}."
    elif notes:
        text = f"All {len(whole):,} {kinds}."
    else:
        text = "No notes to show."
    return (
        '<div class="obsidian-graph obsidian-graph-whole" data-obsidian-graph="">\n'
        f'<p class="obsidian-graph-caption">{html.escape(text)}</p>\n'
        f'<div class="obsidian-graph-viewport" tabindex="0" role="region" '
        f'aria-label="{html.escape(label, quote=True)}">{svg}</div>\n'
        "</div>\n"
    )


# -- Sphinx -------------------------------------------------------------------------------


def copy_files(app: Sphinx) -> None:
    """Copy the script and the stylesheet into ``_static`` (``builder-inited``)."""
    if not draws_graphs(app):
        return
    for name in (SCRIPT, STYLESHEET):
        copy_static(app, name)


def _add_files(app: Sphinx) -> None:
    app.add_css_file(STYLESHEET)
    app.add_js_file(SCRIPT, loading_method="defer")


def add_graph(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Put a graph on the page, and the files it needs (``html-page-context``).

    A note gets its local graph after its "Linked mentions". The page named by
    ``obsidian_graph_page`` gets the whole graph: it is the page this module
    writes, or a document of that name, which keeps its text and shows the
    whole graph after it.
    """
    if not draws_graphs(app) or "body" not in context:
        return
    graph = current_graph(app)
    page = graph.settings.page
    if page and pagename == page:
        if doctree is not None:
            context["body"] += whole_graph_html(app, pagename, graph)
        _add_files(app)
        return
    if doctree is None or pagename not in graph.local:
        return
    context["body"] += local_graph_html(app, pagename, graph)
    _add_files(app)


def graph_page(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    """The whole graph's page, in the theme's page template (``html-collect-pages``),
    unless a document has its name (see :func:`add_graph`)."""
    if not draws_graphs(app):
        return
    graph = current_graph(app)
    page = graph.settings.page
    if not page or page in app.env.found_docs:
        return
    body = (
        f'<section id="graph-view">\n<h1>{html.escape(PAGE_TITLE)}</h1>\n'
        + whole_graph_html(app, page, graph)
        + "</section>\n"
    )
    yield page, {"title": PAGE_TITLE, "body": body}, "page.html"


def setup_graph(app: Sphinx) -> None:
    """Connect this module's handlers (the local graph after "Linked mentions":
    the backlinks' handler is connected first, at the same priority)."""
    app.connect("builder-inited", copy_files)
    app.connect("env-updated", update_graph, priority=600)
    app.connect("html-page-context", add_graph)
    app.connect("html-collect-pages", graph_page)
