"""Canvases: every ``.canvas`` file is a page, its cards read as notes are,
laid out as a board in HTML and read in order by every other builder."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from docutils import nodes
from sphinx.testing.util import SphinxTestApp

from sphinxext.obsidian.canvas_format import read_canvas
from sphinxext.obsidian.nodes import canvas_board, canvas_card, canvas_connections, note_embed

from .conftest import ROOTS, backlinks, main_content, obsidian_warnings

BOARD = "Boards/Project board"


@pytest.fixture(scope="module")
def app(built_root: Callable[..., SphinxTestApp]) -> SphinxTestApp:
    return built_root("canvas")


def _cards(app: SphinxTestApp, docname: str = BOARD) -> dict[str, canvas_card]:
    doctree = app.env.get_doctree(docname)
    return {card["card_id"]: card for card in doctree.findall(canvas_card)}


def _card_html(app: SphinxTestApp, card_id: str) -> str:
    """The HTML of one card (not a group) of the board."""
    page = main_content(app, BOARD)
    found = re.search(rf'data-card="{card_id}"[^>]*>(.*?)</div></div>', page, re.DOTALL)
    assert found is not None, card_id
    return found[1]


def test_a_canvas_is_a_page_titled_by_its_file_name(app: SphinxTestApp) -> None:
    doctree = app.env.get_doctree(BOARD)
    assert doctree.next_node(nodes.title).astext() == "Project board"
    assert (app.outdir / "Boards" / "Project board.html").is_file()


def test_a_canvas_is_listed_on_its_folder_page(app: SphinxTestApp) -> None:
    folder = main_content(app, "Boards/index")
    assert 'href="Project%20board.html"' in folder


def test_links_by_name_and_with_the_extension_reach_the_canvas(app: SphinxTestApp) -> None:
    assert backlinks(app, BOARD) == [("../Notes/Linker.html", "Linker")]
    linker = main_content(app, "Notes/Linker")
    assert linker.count('href="../Boards/Project%20board.html"') >= 2
    assert ">the board file<" in linker


def test_an_embedded_canvas_shows_its_board(app: SphinxTestApp) -> None:
    linker = main_content(app, "Notes/Linker")
    assert linker.count('class="obsidian-canvas-card obsidian-canvas-text') == 1
    assert "Overtake Britain in steel" in linker


def test_cards_are_in_reading_order_inside_their_groups(app: SphinxTestApp) -> None:
    doctree = app.env.get_doctree(BOARD)
    board = doctree.next_node(canvas_board)
    assert board is not None

    def outline(node: nodes.Element) -> list[object]:
        return [
            (child["card_id"], outline(child)) if child["kind"] == "group" else child["card_id"]
            for child in node.children
            if isinstance(child, canvas_card)
        ]

    assert outline(board) == [
        (
            "group-outer",
            [
                "text-goal",
                "file-harvest",
                ("group-inner", ["file-furnaces", "file-image"]),
                "file-section",
            ],
        ),
        "link-archive",
    ]


def test_a_text_card_is_read_as_a_note(app: SphinxTestApp) -> None:
    goal = _cards(app)["text-goal"]
    assert [link["reftarget"] for link in goal.findall(nodes.Element) if "reftarget" in link] == [
        "Harvest",
        "tags/campaign",
    ]
    assert goal.next_node(nodes.admonition) is not None  # the callout
    page = main_content(app, BOARD)
    assert 'href="../tags/campaign.html"' in page
    assert 'id="block-goal"' in page


def test_links_in_a_card_count_as_the_canvas_linking(app: SphinxTestApp) -> None:
    assert ("../Boards/Project%20board.html", "Project board") in backlinks(app, "Notes/Harvest")


def test_a_file_card_shows_the_notes_opening_linked(app: SphinxTestApp) -> None:
    text = _card_html(app, "file-harvest")
    assert text.startswith(
        '\n<div class="obsidian-canvas-content"><div class="obsidian-embed docutils container">\n'
        '<p class="obsidian-embed-source">'
        '<a class="obsidian-link obsidian-preview reference internal" '
        'href="../Notes/Harvest.html">Harvest</a></p>'
    )
    assert "A third paragraph of the opening." in text
    assert "A fourth paragraph" not in text
    assert "Famine" not in text


def test_a_file_card_with_a_heading_shows_that_section(app: SphinxTestApp) -> None:
    text = _card_html(app, "file-section")
    assert 'href="../Notes/Harvest.html#consequences">Harvest &gt; Consequences</a>' in text
    assert "Famine followed in the countryside." in text
    assert "The harvest of 1958" not in text


def test_an_image_file_card_shows_the_image(app: SphinxTestApp) -> None:
    image = _cards(app)["file-image"].next_node(nodes.image)
    assert image is not None
    assert (app.outdir / "_images" / "diagram.png").is_file()


def test_a_link_card_is_an_external_link(app: SphinxTestApp) -> None:
    link = _cards(app)["link-archive"].next_node(nodes.reference)
    assert link is not None and link["refuri"] == "https://example.org/archive"


def test_groups_keep_their_labels_and_colours(app: SphinxTestApp) -> None:
    page = main_content(app, BOARD)
    assert re.search(
        r'class="obsidian-canvas-card obsidian-canvas-group obsidian-canvas-color-4"[^>]*>'
        r'\s*<p class="obsidian-canvas-label rubric">Campaign</p>',
        page,
    )
    assert re.search(
        r'class="obsidian-canvas-card obsidian-canvas-group obsidian-canvas-colored" '
        r'data-card="group-inner" style="--obsidian-canvas-color: #3366ff;[^>]*>'
        r'\s*<p class="obsidian-canvas-label rubric">Industry</p>',
        page,
    )


def test_cards_are_placed_at_their_positions_relative_to_their_group(app: SphinxTestApp) -> None:
    page = main_content(app, BOARD)
    # the board starts 40 px before its leftmost and topmost card (-40, -60)
    assert 'style="left: 40px; top: 40px; width: 900px; height: 520px;"' in page
    # the furnaces card (20, 240) inside the Industry group (0, 200)
    assert 'style="left: 20px; top: 40px; width: 360px; height: 80px;"' in page
    assert 'style="--obsidian-canvas-color: #3366ff;left: 40px; top: 260px;' in page


def test_edges_are_drawn_with_their_sides_ends_colours_and_labels(app: SphinxTestApp) -> None:
    page = main_content(app, BOARD)
    svg = re.search(r"<svg class=\"obsidian-canvas-edges\".*?</svg>", page, re.DOTALL)
    assert svg is not None
    edge = r'<path class="(obsidian-canvas-edge[^"]*)"[^>]* d="([^"]+)"([^>]*)/>'
    paths = re.findall(edge, svg[0])
    assert len(paths) == 4
    # right side of the goal card (0+360, 0+90) to the left side of the harvest card
    assert paths[0][1].startswith("M440,190 ") and paths[0][1].endswith(" 500,200")
    assert "marker-end" in paths[0][2] and "marker-start" not in paths[0][2]
    # arrows at both ends, preset colour 2
    assert paths[1][0] == "obsidian-canvas-edge obsidian-canvas-color-2"
    assert "marker-start" in paths[1][2] and "marker-end" in paths[1][2]
    # no arrow at all
    assert "marker" not in paths[2][2]
    # a hex colour
    assert 'style="--obsidian-canvas-color: #aa00aa;"' in svg[0]
    over = re.search(r"<svg class=\"obsidian-canvas-labels\".*?</svg>", page, re.DOTALL)
    assert over is not None  # the labels are drawn over the cards
    labels = re.findall(r'<text class="obsidian-canvas-edge-label"[^>]*>([^<]*)</text>', over[0])
    assert labels == ["reported as", "source"]


def test_connections_are_listed_under_the_board(app: SphinxTestApp) -> None:
    doctree = app.env.get_doctree(BOARD)
    connections = doctree.next_node(canvas_connections)
    assert connections is not None
    assert [item.astext() for item in connections.findall(nodes.list_item)] == [
        "Goal -> Harvest: reported as",
        "Harvest <-> Harvest#Consequences",
        "Backyard furnaces — diagram.png",
        "https://example.org/archive -> Goal: source",
    ]


def test_the_board_script_is_only_on_pages_with_a_board(app: SphinxTestApp) -> None:
    assert "obsidian-canvas.js" in (app.outdir / "Boards" / "Project board.html").read_text()
    assert "obsidian-canvas.js" in (app.outdir / "Notes" / "Linker.html").read_text()
    assert "obsidian-canvas.js" not in (app.outdir / "index.html").read_text()
    assert (app.outdir / "_static" / "obsidian-canvas.js").is_file()


def test_malformed_canvases_build_with_one_warning_each(app: SphinxTestApp) -> None:
    assert obsidian_warnings(app) == [
        "<src>/Broken/Bad json.canvas:3: WARNING: canvas: not valid JSON: "
        "Expecting ',' delimiter [obsidian.canvas]",
        "<src>/Broken/Odd cards.canvas:4: WARNING: canvas: card 'shape' has the unknown type "
        "'sticker' (not text, file, link or group); left out [obsidian.canvas]",
        "<src>/Broken/Odd cards.canvas:6: WARNING: canvas: card 'odd-colour' has the colour "
        "'red; background: url(x)', neither 1-6 nor #rrggbb; not coloured [obsidian.canvas]",
        "<src>/Broken/Odd cards.canvas:9: WARNING: canvas: edge 'dangling' goes to 'ghost', "
        "which is no card of this canvas; left out [obsidian.canvas]",
        "<src>/Broken/Odd cards.canvas:10: WARNING: canvas: edge 'sideways' has the fromSide "
        "'middle'; the nearest side is used [obsidian.canvas]",
        "<src>/Broken/Odd cards.canvas:5: WARNING: unresolved link ![[Notes/Gone.md]]: no note, "
        "page or alias named 'Notes/Gone.md' [obsidian.unresolved]",
        "<src>/Broken/Odd cards.canvas:3: WARNING: unresolved link [[Nowhere]]: no note, page "
        "or alias named 'Nowhere' [obsidian.unresolved]",
    ]


def test_what_a_malformed_canvas_still_shows(app: SphinxTestApp) -> None:
    cards = _cards(app, "Broken/Odd cards")
    assert sorted(cards) == ["kept", "lost-file", "odd-colour"]
    # the note is looked for when the page is written (and found once it exists)
    assert cards["lost-file"].next_node(note_embed)["reftarget"] == "Notes/Gone.md"
    assert cards["odd-colour"]["colour"] == ""
    assert app.env.get_doctree("Broken/Bad json").next_node(canvas_card) is None


@pytest.mark.parametrize("builder", ["text", "latex", "epub"])
def test_other_builders_read_the_board_in_order(
    builder: str, built_root: Callable[..., SphinxTestApp]
) -> None:
    app = built_root("canvas", builder)
    if builder == "text":
        text = (app.outdir / "Boards" / "Project board.txt").read_text()
    elif builder == "latex":
        text = next(app.outdir.glob("*.tex")).read_text()
    else:
        text = (app.outdir / "Boards" / "Project board.xhtml").read_text()
        assert "obsidian-canvas-plane" not in text  # read in order, not laid out
        assert "<svg" not in text
    order = [
        "Campaign",
        "Overtake Britain in steel",
        "The harvest of 1958",
        "Industry",
        "Backyard furnaces made pig iron",
        "Famine followed",
        "https://example.org/archive",
        {
            "text": "Goal -> Harvest: reported as",
            "latex": r"Goal \sphinxhyphen{}\textgreater{} Harvest: reported as",
            "epub": "Goal -&gt; Harvest: reported as",
        }[builder],
    ]
    found = [text.find(words) for words in order]
    assert -1 not in found, dict(zip(order, found, strict=True))
    assert found == sorted(found)


def test_an_empty_canvas_file_is_an_empty_board() -> None:
    board = read_canvas("")
    assert (board.cards, board.edges, board.problems) == ({}, [], [])


def test_two_groups_of_the_same_size_nest_by_file_order() -> None:
    board = read_canvas(
        '{"nodes": ['
        '{"id": "a", "type": "group", "x": 0, "y": 0, "width": 100, "height": 100},'
        '{"id": "b", "type": "group", "x": 0, "y": 0, "width": 100, "height": 100},'
        '{"id": "c", "type": "text", "text": "c", "x": 10, "y": 10, "width": 10, "height": 10}'
        "]}"
    )
    assert [card.id for card in board.top] == ["a"]
    assert [card.id for card in board.cards["a"].children] == ["b"]
    assert [card.id for card in board.cards["b"].children] == ["c"]


def test_the_json_canvas_specifications_sample_builds(
    built_root: Callable[..., SphinxTestApp],
) -> None:
    app = built_root("canvas-spec-sample")
    assert sorted(_cards(app, "sample")) == [
        "0ba565e7f30e0652",
        "59e896bc8da20699",
        "7efdbbe0c4742315",
        "8132d4d894c80022",
    ]
    assert len(app.env.get_doctree("sample").next_node(canvas_board)["edges"]) == 1
    # the sample names files of the specification's own repository
    assert obsidian_warnings(app) == [
        "<src>/sample.canvas:4: WARNING: canvas: file card '7efdbbe0c4742315' shows "
        "'_site/logo.svg', which is no file of the source folder; shown as text "
        "[obsidian.canvas]",
        "<src>/sample.canvas:6: WARNING: unresolved link ![[spec/1.0.md]]: no note, page or "
        "alias named 'spec/1.0.md' [obsidian.unresolved]",
        "<src>/sample.canvas:3: WARNING: unresolved link ![[readme.md]]: no note, page or alias "
        "named 'readme.md' [obsidian.unresolved]",
        "<src>/sample.canvas:5: WARNING: unresolved link [Apps](/docs/apps.md): no note, page "
        "or alias named '/docs/apps.md' [obsidian.unresolved]",
        "<src>/sample.canvas:5: WARNING: unresolved link [Spec](spec/1.0.md): no note, page "
        "or alias named 'spec/1.0.md' [obsidian.unresolved]",
    ]


def test_a_parallel_build_draws_the_same_boards(
    tmp_path: Path, make_app: Callable[..., SphinxTestApp]
) -> None:
    pages = {}
    for jobs in (1, 2):
        src = tmp_path / f"jobs-{jobs}"
        shutil.copytree(ROOTS / "test-canvas", src)
        app = make_app("html", srcdir=src, parallel=jobs)
        app.build()
        pages[jobs] = [main_content(app, doc) for doc in (BOARD, "Notes/Linker", "Notes/Harvest")]
    assert pages[1] == pages[2]


def test_a_file_card_shows_its_note_once_the_note_exists(
    tmp_path: Path, make_app: Callable[..., SphinxTestApp]
) -> None:
    src = tmp_path / "src"
    shutil.copytree(ROOTS / "test-canvas", src)
    make_app("html", srcdir=src).build()
    (src / "Notes" / "Gone.md").write_text("Gone no more.\n", encoding="utf-8")
    app = make_app("html", srcdir=src)
    app.build()
    assert "Gone no more." in main_content(app, "Broken/Odd cards")
