"""The graph's shape without Sphinx: which nodes a local graph keeps, the rings
it is drawn on, the whole graph's layout (deterministic, spread out, linked
nodes near each other) and the label tiers."""

from __future__ import annotations

import itertools
import math
import random

import pytest

from sphinxext.obsidian.graph_layout import (
    FIRST_RING,
    MAX_ANGLE,
    RING_GAP,
    ROW,
    LinkGraph,
    clustered_start,
    force_layout,
    label_tiers,
    neighbourhood,
    radial_layout,
    rounds_for,
)


def _chain_and_star() -> LinkGraph:
    """``hub`` linked to ``a``..``e``; ``a`` - ``x`` - ``y`` a chain; ``b`` - ``c`` linked."""
    names = ["hub", "a", "b", "c", "d", "e", "x", "y"]
    index = {name: i for i, name in enumerate(names)}
    pairs = [("hub", n) for n in "abcde"] + [("a", "x"), ("x", "y"), ("b", "c")]
    return LinkGraph(names, [(index[p], index[q]) for p, q in pairs])


def _names(graph_names: list[str], members: tuple[int, ...]) -> list[str]:
    return [graph_names[m] for m in members]


NAMES = ["hub", "a", "b", "c", "d", "e", "x", "y"]


def test_nodes_are_ranked_most_linked_first_then_by_name() -> None:
    graph = _chain_and_star()
    assert _names(NAMES, tuple(graph.order)) == ["hub", "a", "b", "c", "x", "d", "e", "y"]
    assert graph.degrees == [5, 2, 2, 2, 1, 1, 2, 1]
    # a link given twice, or both ways, is one link; a link to itself is none
    twice = LinkGraph(["p", "q"], [(0, 1), (1, 0), (0, 1), (0, 0)])
    assert twice.degrees == [1, 1]


def test_depth_one_is_the_node_and_its_neighbours() -> None:
    found = neighbourhood(_chain_and_star(), NAMES.index("a"), 1, 30)
    assert _names(NAMES, found.members) == ["a", "hub", "x"]
    assert found.distances == (0, 1, 1)
    assert found.parents == (-1, 0, 0)
    assert found.links == ((0, 1), (0, 2))
    assert found.complete


def test_depth_two_reaches_the_neighbours_neighbours() -> None:
    found = neighbourhood(_chain_and_star(), NAMES.index("a"), 2, 30)
    assert _names(NAMES, found.members) == ["a", "hub", "x", "b", "c", "d", "e", "y"]
    assert found.distances == (0, 1, 1, 2, 2, 2, 2, 2)
    # each reached from the first node of the ring before that leads to it
    assert found.parents == (-1, 0, 0, 1, 1, 1, 1, 2)
    # every link among the members, not only those it was reached by: b - c too
    assert found.links == ((0, 1), (0, 2), (1, 3), (1, 4), (1, 5), (1, 6), (2, 7), (3, 4))


def test_the_limit_keeps_the_nearest_then_the_most_linked() -> None:
    found = neighbourhood(_chain_and_star(), NAMES.index("a"), 2, 5)
    # distance 1 (hub, x) first; of distance 2, b and c (two links each) before d, e, y
    assert _names(NAMES, found.members) == ["a", "hub", "x", "b", "c"]
    assert not found.complete
    exact = neighbourhood(_chain_and_star(), NAMES.index("a"), 1, 3)
    assert exact.complete  # nothing within reach was left out


def test_a_hub_is_read_only_as_far_as_the_limit() -> None:
    """A note linked to 20,000 others: its local graph costs its limit, not its links."""
    count = 20_000
    graph = LinkGraph([f"n{i:05d}" for i in range(count)], [(0, i) for i in range(1, count)])
    found = neighbourhood(graph, 0, 3, 30)
    assert len(found.members) == 30
    assert found.members[1:4] == (1, 2, 3)  # equally linked: by name
    assert len(found.links) == 29


def test_an_isolated_node_is_alone() -> None:
    found = neighbourhood(LinkGraph(["p", "q"], []), 0, 3, 30)
    assert found.members == (0,)
    assert found.links == ()
    assert found.complete


def test_rings_are_at_growing_distances_and_titles_go_clockwise() -> None:
    distances = [0, 1, 1, 1, 1, 2, 2]
    parents = [-1, 0, 0, 0, 0, 1, 3]
    keys = ["note", "d", "a", "c", "b", "x", "y"]
    layout = radial_layout(distances, parents, keys)
    points = layout.points
    assert points[0] == (0.0, 0.0)
    radii = [math.hypot(x, y) for x, y in points]
    assert radii[1:5] == pytest.approx([FIRST_RING] * 4)
    assert radii[5:] == pytest.approx([FIRST_RING + RING_GAP] * 2)
    # clockwise from the top: a, b down the right side, c, d up the left
    by_key = dict(zip(keys, points, strict=True))
    assert by_key["a"][0] > 0 and by_key["b"][0] > 0
    assert by_key["a"][1] < by_key["b"][1]
    assert by_key["c"][0] < 0 and by_key["d"][0] < 0
    assert by_key["d"][1] < by_key["c"][1]
    # labels beside their nodes, away from the middle; the note's below it
    assert layout.sides == (0, -1, 1, -1, 1, -1, -1)
    # x follows d and y follows c, on their side
    assert by_key["x"][0] < 0 and by_key["y"][0] < 0
    assert by_key["x"][1] < by_key["y"][1]


def test_a_crowded_ring_widens_so_that_labels_never_meet() -> None:
    count = 29
    keys = ["n"] + [f"{i:02d}" for i in range(count)]
    layout = radial_layout([0] + [1] * count, [-1] + [0] * count, keys)
    points = layout.points[1:]
    radii = {round(math.hypot(x, y), 6) for x, y in points}
    assert radii == {round(ROW * 14 / (2 * math.sin(MAX_ANGLE)), 6)}  # 15 on the fuller side
    for side in (1, -1):
        heights = sorted(y for (x, y), s in zip(points, layout.sides[1:], strict=True) if s == side)
        # one label's height apart at least, never above or below the ring's sides
        assert min(b - a for a, b in itertools.pairwise(heights)) >= ROW - 1e-9
        assert max(abs(y) for y in heights) <= max(radii) * math.sin(MAX_ANGLE) + 1e-6


def test_a_single_neighbour_is_to_the_right() -> None:
    layout = radial_layout([0, 1], [-1, 0], ["note", "other"])
    assert layout.points == ((0.0, 0.0), (FIRST_RING, 0.0))
    assert layout.sides == (0, 1)


def _communities(count: int, seed: int) -> tuple[list[int], list[tuple[int, int]]]:
    """Eight communities of notes, nine links in ten inside one's community."""
    rng = random.Random(seed)
    community = [rng.randrange(8) for _ in range(count)]
    members: dict[int, list[int]] = {}
    for node, which in enumerate(community):
        members.setdefault(which, []).append(node)
    links = set()
    for node in range(count):
        for _ in range(3):
            if rng.random() < 0.9:
                other = rng.choice(members[community[node]])
            else:
                other = rng.randrange(count)
            if other != node:
                links.add((min(node, other), max(node, other)))
    return community, sorted(links)


def test_the_whole_layout_is_deterministic_and_draws_communities_together() -> None:
    count = 400
    community, links = _communities(count, 4)
    # folders that have nothing to do with the communities: the forces find them
    groups = [f"folder{i % 5}" for i in range(count)]
    rank = list(range(count))
    first = force_layout(groups, rank, links)
    assert force_layout(groups, rank, links) == first
    assert len({(round(x), round(y)) for x, y in first}) == count  # no two on one spot
    rng = random.Random(1)
    pairs = [(rng.randrange(count), rng.randrange(count)) for _ in range(4000)]
    anywhere = sum(math.dist(first[a], first[b]) for a, b in pairs) / len(pairs)
    together = [(a, b) for a, b in pairs if community[a] == community[b]]
    fellows = sum(math.dist(first[a], first[b]) for a, b in together) / len(together)
    linked = sum(math.dist(first[a], first[b]) for a, b in links) / len(links)
    assert linked < anywhere * 0.4
    assert fellows < anywhere * 0.5


def test_notes_without_links_ring_the_drawing() -> None:
    groups = ["a"] * 6
    links = [(0, 1), (1, 2), (2, 0)]
    points = force_layout(groups, [0, 1, 2, 3, 4, 5], links)
    linked = max(math.hypot(*points[node]) for node in range(3))
    orphans = [math.hypot(*points[node]) for node in range(3, 6)]
    assert orphans == pytest.approx([linked + 60.0] * 3)
    # clockwise from the top, in rank order
    assert points[3] == pytest.approx((0.0, -(linked + 60.0)))


def test_nodes_start_by_folder_the_most_linked_in_the_middle() -> None:
    groups = ["big"] * 6 + ["small"] * 2
    points = clustered_start(groups, list(range(8)))
    # the largest folder in the middle, its most linked node at its centre
    assert math.hypot(*points[0]) < math.hypot(*points[5])
    assert math.dist(points[6], points[7]) < math.dist(points[6], points[0])


def test_large_graphs_get_fewer_rounds() -> None:
    assert rounds_for(10) == 80
    assert rounds_for(1500) == 41
    assert rounds_for(100_000) == 24
    assert force_layout([], [], []) == []


def test_label_tiers() -> None:
    assert label_tiers(105, (2, 3))[:5] == [0, 0, 1, 2, 2]
    assert label_tiers(100) == [0] * 100  # a small graph labels every node
    tiers = label_tiers(1000)
    assert (tiers.count(0), tiers.count(1), tiers.count(2), tiers.count(3)) == (30, 120, 450, 400)
