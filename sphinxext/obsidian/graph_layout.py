"""The graph's shape: which nodes a graph shows and where they go. No Sphinx here.

Nodes are numbered ``0 .. n-1``; :class:`LinkGraph` holds who is linked to
whom and ranks the nodes, most linked first. From it:

* :func:`neighbourhood` picks a note's local graph: the nodes up to a few
  links away, the nearest first and, among equally near ones, the most
  linked, up to a limit. Each node's neighbours are kept in rank order, so
  the pick reads only as many of them as it keeps (plus those already kept),
  however linked a hub is;
* :func:`radial_layout` puts a local graph on rings around its note, one ring
  per link of distance, each node near the node it was reached from and its
  label beside it, clear of the others;
* :func:`force_layout` lays out a whole vault: nodes start clustered by
  folder, the most linked at each cluster's middle, then a fixed number of
  rounds of a force layout pull linked nodes together and push near ones
  apart. Repulsion is computed between nodes of neighbouring grid cells only,
  so a round costs about as much as the nodes and links it moves: the layout
  grows linearly with the vault, never with its square.

Everything is deterministic: no randomness, ties broken by the names given,
so the same vault gives the same drawing, byte for byte.
"""

from __future__ import annotations

import dataclasses
import heapq
import math
from collections.abc import Iterable, Iterator, Sequence

__all__ = [
    "LinkGraph",
    "Neighbourhood",
    "RadialLayout",
    "force_layout",
    "label_tiers",
    "neighbourhood",
    "radial_layout",
]

#: The angle between successive points of a sunflower: points spread evenly
#: over a disc whatever their number, with no rings or gaps.
GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))

Point = tuple[float, float]


class LinkGraph:
    """Who is linked to whom (links have no direction), and each node's rank.

    ``names`` order the nodes that have as many links as each other; they
    must differ, so that the order never depends on how the nodes were found.
    """

    def __init__(self, names: Sequence[str], links: Iterable[tuple[int, int]]) -> None:
        count = len(names)
        linked: list[set[int]] = [set() for _ in range(count)]
        for a, b in links:
            if a != b:
                linked[a].add(b)
                linked[b].add(a)
        self.degrees = [len(others) for others in linked]
        #: the nodes, most linked first
        self.order = sorted(range(count), key=lambda i: (-self.degrees[i], names[i]))
        self.rank = [0] * count
        for position, node in enumerate(self.order):
            self.rank[node] = position
        rank = self.rank
        #: each node's neighbours, most linked first
        self.adjacency = [sorted(others, key=rank.__getitem__) for others in linked]
        self.linked = linked

    def __len__(self) -> int:
        return len(self.degrees)

    def links_among(self, members: Sequence[int]) -> list[tuple[int, int]]:
        """The links between ``members``, as pairs of positions in it (``a < b``), sorted.

        Each member's neighbours are read, or, for a member with more
        neighbours than there are members, the members are looked up among
        them: a hub costs no more than the graph drawn.
        """
        position = {node: index for index, node in enumerate(members)}
        found: set[tuple[int, int]] = set()
        for a, node in enumerate(members):
            neighbours = self.adjacency[node]
            if len(neighbours) <= len(members):
                for other in neighbours:
                    b = position.get(other)
                    if b is not None and a < b:
                        found.add((a, b))
            else:
                others = self.linked[node]
                found.update((a, b) for b in range(a + 1, len(members)) if members[b] in others)
        return sorted(found)


@dataclasses.dataclass(frozen=True, slots=True)
class Neighbourhood:
    """A local graph: its nodes, how far each is and where it was reached from.

    Positions (in ``parents`` and ``links``) are indexes into ``members``.
    """

    #: the note first, then each distance's nodes, most linked first
    members: tuple[int, ...]
    distances: tuple[int, ...]
    #: the position of the node each was first reached from (``-1`` for the note)
    parents: tuple[int, ...]
    links: tuple[tuple[int, int], ...]
    #: ``False`` when the limit left out nodes within reach
    complete: bool


def _ranked(graph: LinkGraph, node: int, position: int) -> Iterator[tuple[int, int, int]]:
    """``node``'s neighbours as ``(rank, neighbour, position of node)``, in rank order."""
    rank = graph.rank
    for other in graph.adjacency[node]:
        yield rank[other], other, position


def neighbourhood(graph: LinkGraph, centre: int, depth: int, limit: int) -> Neighbourhood:
    """The nodes up to ``depth`` links from ``centre``, at most ``limit`` of them.

    Nearer nodes come first; of the nodes at the distance where the limit is
    reached, the most linked are kept. The neighbours of the nodes of one
    distance are merged in rank order and read only until the limit is met.
    """
    members, distances, parents = [centre], [0], [-1]
    seen = {centre}
    frontier = [(centre, 0)]
    complete = True
    for distance in range(1, depth + 1):
        merged = heapq.merge(*(_ranked(graph, node, at) for node, at in frontier))
        reached: list[tuple[int, int]] = []
        for _rank, node, parent in merged:
            if node in seen:
                continue
            if len(members) >= limit:
                complete = False
                break
            seen.add(node)
            reached.append((node, len(members)))
            members.append(node)
            distances.append(distance)
            parents.append(parent)
        if not reached or not complete:
            break
        frontier = reached
    return Neighbourhood(
        tuple(members),
        tuple(distances),
        tuple(parents),
        tuple(graph.links_among(members)),
        complete,
    )


# -- local graphs: rings -----------------------------------------------------------

#: the first ring's smallest radius
FIRST_RING = 110.0
#: from one ring to the next: room for the inner ring's labels (24 characters)
RING_GAP = 180.0
#: the height each label takes on its side of a ring
ROW = 20.0
#: how far up and down from the middle a ring's nodes go (from the horizontal)
MAX_ANGLE = math.radians(72)
#: nodes of a side that do not fill it are this far apart (a fraction of the radius)
LOOSE = 0.6


@dataclasses.dataclass(frozen=True, slots=True)
class RadialLayout:
    """Where a local graph's nodes go, and on which side of each its label goes."""

    points: tuple[Point, ...]
    #: ``1``: the label to the right of the node, ``-1``: to the left, ``0``: below
    sides: tuple[int, ...]


def _ring_radius(tallest: int, inner: float) -> float:
    """The radius of a ring whose fuller side holds ``tallest`` nodes, one label's
    height apart, outside a ring of radius ``inner`` (``0``: the note)."""
    wanted = FIRST_RING if inner == 0 else inner + RING_GAP
    return max(wanted, ROW * (tallest - 1) / (2 * math.sin(MAX_ANGLE)))


def _side_points(count: int, radius: float, side: int) -> list[Point]:
    """``count`` points on one side of a circle, top to bottom, evenly spaced in height."""
    if count == 1:
        return [(side * radius, 0.0)]
    reach = radius * math.sin(MAX_ANGLE)
    step = min(2 * reach / (count - 1), radius * LOOSE)
    points = []
    for place in range(count):
        y = (place - (count - 1) / 2) * step
        points.append((side * math.sqrt(radius * radius - y * y), y))
    return points


def radial_layout(
    distances: Sequence[int], parents: Sequence[int], keys: Sequence[str]
) -> RadialLayout:
    """Positions for a local graph: the note in the middle, one ring per distance.

    Each ring's nodes are on its left and right sides, never at its top or
    bottom, one label's height apart at least, each label beside its node,
    away from the middle: labels, whose text runs sideways, never meet. The
    first ring is in the order of ``keys`` (titles), clockwise from the top
    (down the right side, then up the left); a node of a further ring is on
    the side of the node it was reached from, in that node's order. Rings are
    a label's width apart.
    """
    count = len(distances)
    points: list[Point] = [(0.0, 0.0)] * count
    sides = [0] * count
    height = [0.0] * count  # the order of nodes down their side
    inner = 0.0
    for distance in range(1, max(distances, default=0) + 1):
        ring = [i for i in range(count) if distances[i] == distance]
        if distance == 1:
            ring.sort(key=lambda i: (keys[i], i))
            half = (len(ring) + 1) // 2
            right, left = ring[:half], ring[half:][::-1]
        else:
            ring.sort(key=lambda i: (height[parents[i]], keys[i], i))
            right = [i for i in ring if sides[parents[i]] >= 0]
            left = [i for i in ring if sides[parents[i]] < 0]
        radius = _ring_radius(max(len(right), len(left)), inner)
        for side, nodes in ((1, right), (-1, left)):
            for node, point in zip(nodes, _side_points(len(nodes), radius, side), strict=True):
                points[node] = point
                sides[node] = side
                height[node] = point[1]
        inner = radius
    return RadialLayout(tuple(points), tuple(sides))


# -- whole graphs: clusters, then forces ---------------------------------------------

#: the length a link settles at, in the drawing's units
SPACING = 30.0


def _sunflower(count: int, spacing: float) -> Iterator[Point]:
    """``count`` points spread evenly over a disc, the first in the middle."""
    for index in range(count):
        radius = spacing * math.sqrt(index + 0.5)
        angle = index * GOLDEN_ANGLE
        yield radius * math.cos(angle), radius * math.sin(angle)


def clustered_start(groups: Sequence[str], rank: Sequence[int]) -> list[Point]:
    """Where each node starts: with its group (folder), the most linked nearest
    the group's middle; the largest groups nearest the drawing's middle."""
    members: dict[str, list[int]] = {}
    for node in sorted(range(len(groups)), key=rank.__getitem__):
        members.setdefault(groups[node], []).append(node)
    ordered = sorted(members, key=lambda group: (-len(members[group]), group))
    points: list[Point] = [(0.0, 0.0)] * len(groups)
    placed = 0
    for index, group in enumerate(ordered):
        nodes = members[group]
        # each group's middle on a sunflower whose discs grow with what is inside
        reach = SPACING * math.sqrt(placed + len(nodes) / 2) if index else 0.0
        angle = index * GOLDEN_ANGLE
        middle = (reach * math.cos(angle), reach * math.sin(angle))
        for node, (x, y) in zip(nodes, _sunflower(len(nodes), SPACING * 0.9), strict=True):
            points[node] = (middle[0] + x, middle[1] + y)
        placed += len(nodes)
    return points


def rounds_for(count: int) -> int:
    """How many rounds of forces a graph of ``count`` nodes gets: more for a small
    graph, fewer for a large one (whose start, by folder, is most of its shape)."""
    return max(24, min(80, round(80 * math.sqrt(400 / max(count, 1)))))


def _repel(
    xs: list[float], ys: list[float], dx: list[float], dy: list[float], reach: float
) -> None:
    """Push apart the nodes closer than ``reach``, found through a grid of that size."""
    cells: dict[tuple[int, int], list[int]] = {}
    for node, (x, y) in enumerate(zip(xs, ys, strict=True)):
        cells.setdefault((math.floor(x / reach), math.floor(y / reach)), []).append(node)
    strength = 2 * SPACING * SPACING
    reach2 = reach * reach
    for (cx, cy), here in cells.items():
        # this cell's pairs, then pairs with the four neighbours that come after
        # it, so that each pair is met once
        nearby = [here]
        for key in ((cx + 1, cy), (cx - 1, cy + 1), (cx, cy + 1), (cx + 1, cy + 1)):
            other = cells.get(key)
            if other is not None:
                nearby.append(other)
        for position, a in enumerate(here):
            ax, ay = xs[a], ys[a]
            for group_index, group in enumerate(nearby):
                start = position + 1 if group_index == 0 else 0
                for b in group[start:] if start else group:
                    ex, ey = ax - xs[b], ay - ys[b]
                    d2 = ex * ex + ey * ey
                    if d2 >= reach2:
                        continue
                    if d2 < 1e-6:  # the same place: part them along a fixed direction
                        ex, ey, d2 = 0.1 * ((a - b) % 7 + 1), 0.1, 0.02
                    push = strength / d2
                    dx[a] += ex * push
                    dy[a] += ey * push
                    dx[b] -= ex * push
                    dy[b] -= ey * push


def _attract(
    xs: list[float],
    ys: list[float],
    dx: list[float],
    dy: list[float],
    links: Sequence[tuple[int, int]],
    weights: Sequence[float],
) -> None:
    """Pull linked nodes together, as springs whose pull grows with their length.

    A link pulls less the more links its ends have (``weights``): a hub's
    hundred links would otherwise drag the whole vault into one knot.
    """
    for (a, b), weight in zip(links, weights, strict=True):
        ex, ey = xs[a] - xs[b], ys[a] - ys[b]
        pull = weight
        dx[a] -= ex * pull
        dy[a] -= ey * pull
        dx[b] += ex * pull
        dy[b] += ey * pull


def force_layout(
    groups: Sequence[str],
    rank: Sequence[int],
    links: Sequence[tuple[int, int]],
    rounds: int | None = None,
) -> list[Point]:
    """Positions for a whole graph (see the module's docstring).

    ``groups`` name each node's cluster (its folder), ``rank`` orders nodes
    most linked first, ``links`` are pairs of nodes. Each round moves a node
    by at most a distance that shrinks round after round, so the drawing
    settles. A weak pull towards the middle keeps separate parts of the vault
    close by. Nodes without links take no part: they are set around the
    drawing afterwards (:func:`_around`), as Obsidian shows orphans.
    """
    count = len(groups)
    degrees = [0] * count
    for a, b in links:
        degrees[a] += 1
        degrees[b] += 1
    linked = [node for node in range(count) if degrees[node]]
    points: list[Point] = [(0.0, 0.0)] * count
    if linked:
        inside = {node: index for index, node in enumerate(linked)}
        moved = _settle(
            [groups[node] for node in linked],
            [rank[node] for node in linked],
            [(inside[a], inside[b]) for a, b in links],
            [degrees[node] for node in linked],
            rounds_for(len(linked)) if rounds is None else rounds,
        )
        for node, point in zip(linked, moved, strict=True):
            points[node] = point
    orphans = sorted((node for node in range(count) if not degrees[node]), key=rank.__getitem__)
    reach = max((math.hypot(x, y) for x, y in points), default=0.0)
    for node, point in zip(orphans, _around(len(orphans), reach + SPACING * 2), strict=True):
        points[node] = point
    return points


def _settle(
    groups: Sequence[str],
    rank: Sequence[int],
    links: Sequence[tuple[int, int]],
    degrees: Sequence[int],
    rounds: int,
) -> list[Point]:
    """The rounds of forces, from the clustered start, for nodes that all have links."""
    count = len(groups)
    start = clustered_start(groups, rank)
    xs = [x for x, _ in start]
    ys = [y for _, y in start]
    weights = [8 / (degrees[a] + degrees[b]) for a, b in links]
    hottest = SPACING * 3
    gravity = 0.6 / math.sqrt(count)
    for round_number in range(rounds):
        step = hottest * (1 - round_number / rounds) + SPACING * 0.1
        dx = [0.0] * count
        dy = [0.0] * count
        _repel(xs, ys, dx, dy, SPACING * 2)
        _attract(xs, ys, dx, dy, links, weights)
        for node in range(count):
            fx = dx[node] - xs[node] * gravity
            fy = dy[node] - ys[node] * gravity
            length = math.sqrt(fx * fx + fy * fy)
            if length > step:
                fx, fy = fx * step / length, fy * step / length
            xs[node] += fx
            ys[node] += fy
    # the middle of the drawing at (0, 0), so that the orphans ring it evenly
    middle_x, middle_y = sum(xs) / count, sum(ys) / count
    return [(x - middle_x, y - middle_y) for x, y in zip(xs, ys, strict=True)]


def _around(count: int, radius: float) -> Iterator[Point]:
    """``count`` points on rings from ``radius`` outwards, a link's length apart,
    clockwise from the top."""
    placed = 0
    while placed < count:
        fits = max(6, int(2 * math.pi * radius / SPACING))
        ring = min(fits, count - placed)
        for index in range(ring):
            angle = -math.pi / 2 + 2 * math.pi * index / ring
            yield radius * math.cos(angle), radius * math.sin(angle)
        placed += ring
        radius += SPACING


#: a graph of at most this many nodes labels every one of them from the start
ALL_LABELLED = 100


def label_tiers(count: int, bounds: Sequence[int] = (30, 150, 600)) -> list[int]:
    """The label tier of each rank: ``0`` for the most linked nodes, whose labels
    are always shown, up to ``len(bounds)`` for those labelled only when zoomed in.
    A small graph labels all its nodes."""
    if count <= ALL_LABELLED:
        return [0] * count
    tiers = []
    for position in range(count):
        tier = 0
        while tier < len(bounds) and position >= bounds[tier]:
            tier += 1
        tiers.append(tier)
    return tiers
