"""Canvases and bases that once stopped a whole build: each now builds with
one typed warning at its file and line, and the rest of the page is shown."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from sphinx.testing.util import SphinxTestApp

from .conftest import main_content, obsidian_warnings


@pytest.fixture(scope="module")
def app(built_root: Callable[..., SphinxTestApp]) -> SphinxTestApp:
    return built_root("canvas-bases-faults")


def test_each_fault_is_one_warning_at_its_line(app: SphinxTestApp) -> None:
    assert sorted(obsidian_warnings(app)) == [
        "<src>/Bomb.base:12: WARNING: base: filters: the filters hold more than 10,000 terms "
        "(YAML aliases repeat them); the rest are left out [obsidian.base]",
        "<src>/Covers.md:1: WARNING: invalid front matter YAML: a value that cannot be read "
        "(day is out of range for month); the note builds without its properties "
        "[obsidian.front_matter]",
        "<src>/Deep groups.canvas:1: WARNING: canvas: groups nest more than 16 deep; the cards "
        "deeper than that are read at the top of the board [obsidian.canvas]",
        "<src>/Impossible date.base:1: WARNING: base: not valid YAML: a value that cannot be "
        "read (day is out of range for month) [obsidian.base]",
        "<src>/Odd ids.canvas:13: WARNING: obsidian-canvas-card is written by the extension "
        "for the cards of a canvas; written in a note or a card, it is left out "
        "[obsidian.canvas]",
        "<src>/Odd ids.canvas:31: WARNING: canvas: file card 'sub' has the subpath "
        "'#x]]![[Covers.md'; left out [obsidian.canvas]",
        "<src>/Odd ids.canvas:50: WARNING: canvas: link card 'script' links to "
        "'javascript:alert(1)', which is no web or mail address; shown as text "
        "[obsidian.canvas]",
        "<src>/Pictures.base:1: WARNING: base view 'Covers': a value: it cannot be computed "
        "(InvalidOperation); shown without it [obsidian.base]",
        "<src>/Pictures.base:6: WARNING: base: view 'Covers': limit '3' is not a positive "
        "whole number; left out [obsidian.base]",
        "<src>/Pictures.base:6: WARNING: base: view 'Covers': sort 'rank' is not a list of "
        "{property, direction}; left out [obsidian.base]",
        *(
            f"<src>/Shared.{kind}:1: WARNING: left out: Shared.md in the same folder has the "
            "same name, and a Sphinx site has one page per name; rename one of them to publish "
            "both [obsidian.bad_name]"
            for kind in ("base", "canvas")
        ),
        "<src>/Shared.md:1: WARNING: link [[Shared.canvas]] to 'Shared.canvas', which is left "
        "out of the build (Shared.md has its name) [obsidian.excluded]",
    ]


def test_a_note_keeps_its_name_over_a_canvas_and_a_base(app: SphinxTestApp) -> None:
    assert "Shared" in app.env.found_docs
    assert str(app.env.doc2path("Shared", False)) == "Shared.md"


def test_cards_with_any_id_are_on_the_board_once(app: SphinxTestApp) -> None:
    page = main_content(app, "Odd ids")
    assert re.findall(r'data-card="([^"]*)"', page) == [
        "a`b",
        "line break",  # as HTML writes a line break in an attribute
        "thief",
        "sub",
        "plain",
        "script",
    ]
    assert "javascript:" not in page.replace(">javascript:alert(1)<", "")
    assert "stolen" not in page
    assert page.count('<path class="obsidian-canvas-edge') == 1


def test_the_deepest_groups_are_read_at_the_top(app: SphinxTestApp) -> None:
    page = main_content(app, "Deep groups")
    assert "The innermost card" in page
    assert page.count('data-card="g') == 40


def test_web_pictures_in_a_view_are_shown_in_html(app: SphinxTestApp) -> None:
    page = main_content(app, "Pictures")
    assert '<img alt="" class="obsidian-base-card-image" src="https://example.org/book.png" />' in (
        page
    )
    # the badge formula's picture on every card
    cards = page.count('<div class="obsidian-base-card docutils container">')
    assert cards == 9
    assert page.count('src="https://example.org/badge.png"') == cards


def test_web_pictures_in_a_view_are_links_in_latex(
    built_root: Callable[..., SphinxTestApp],
) -> None:
    latex = built_root("canvas-bases-faults", "latex")
    text = next(latex.outdir.glob("*.tex")).read_text()
    assert r"\sphinxurl{https://example.org/book.png}" in text
    assert "sphinxincludegraphics{https" not in text


def test_a_translated_canvas_shows_its_translated_cards(
    built_root: Callable[..., SphinxTestApp],
) -> None:
    app = built_root("canvas-translated")
    assert obsidian_warnings(app) == []
    page = main_content(app, "board")
    assert "Hallo Brett" in page
    assert "Hello board" not in page
