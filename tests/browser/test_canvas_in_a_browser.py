"""A canvas board in a real browser, in furo and alabaster: cards where the
canvas puts them, arrows drawn between them, zoom and pan with the script,
the same board readable without it. Screenshots are kept."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By

from ..conftest import ROOTS
from .conftest import ARTEFACTS, THEMES, open_page

BOARD = "Boards/Project board.html"


@pytest.fixture(scope="module", params=["furo", "alabaster"])
def board(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, Path]]:
    from sphinx.testing.util import SphinxTestApp

    theme = request.param
    src = tmp_path_factory.mktemp(f"canvas-{theme}") / "src"
    shutil.copytree(ROOTS / "test-canvas", src)
    app = SphinxTestApp("html", srcdir=src, confoverrides={"html_theme": THEMES[theme]})
    app.build()
    yield theme, Path(app.outdir) / BOARD
    app.cleanup()


def _open(browser: Any, path: Path) -> None:
    open_page(browser, path)


def _box(browser: Any, card: str) -> dict[str, float]:
    return dict(
        browser.execute_script(
            "const r = document.querySelector(`[data-card='${arguments[0]}']`)"
            ".getBoundingClientRect(); return {x: r.x, y: r.y, w: r.width, h: r.height}",
            card,
        )
    )


def _scale(browser: Any) -> float:
    value = browser.find_element(By.CSS_SELECTOR, "[data-obsidian-canvas]").get_attribute(
        "data-obsidian-canvas-scale"
    )
    return float(value) if value else 1.0


def test_cards_sit_where_the_canvas_puts_them(browser: Any, board: tuple[str, Path]) -> None:
    theme, path = board
    browser.set_window_size(1400, 1200)
    _open(browser, path)
    scale = _scale(browser)
    goal, harvest, furnaces = (
        _box(browser, c) for c in ("text-goal", "file-harvest", "file-furnaces")
    )
    # the canvas: goal (0, 0, 360x180), harvest (420, 0, 400x200), furnaces (20, 240, 360x80)
    assert harvest["x"] - goal["x"] == pytest.approx(420 * scale, abs=1.5)
    assert harvest["y"] == pytest.approx(goal["y"], abs=1.5)
    assert furnaces["y"] - goal["y"] == pytest.approx(240 * scale, abs=1.5)
    assert goal["w"] == pytest.approx(360 * scale, abs=1.5)
    assert goal["h"] == pytest.approx(180 * scale, abs=1.5)
    ARTEFACTS.mkdir(exist_ok=True)
    browser.find_element(By.CSS_SELECTOR, ".obsidian-canvas").screenshot(
        str(ARTEFACTS / f"{theme}-canvas.png")
    )


def test_arrows_are_drawn_between_the_cards(browser: Any, board: tuple[str, Path]) -> None:
    _theme, path = board
    _open(browser, path)
    drawn = browser.execute_script(
        "return [...document.querySelectorAll('path.obsidian-canvas-edge')].map(p => {"
        "  const r = p.getBoundingClientRect(); const s = getComputedStyle(p);"
        "  return [r.width + r.height, s.stroke, s.display]; })"
    )
    assert len(drawn) == 4
    for size, stroke, display in drawn:
        assert size > 0
        assert stroke not in ("none", "")
        assert display != "none"
    labels = browser.execute_script(
        "return [...document.querySelectorAll('text.obsidian-canvas-edge-label')]"
        ".map(t => t.getBoundingClientRect().width > 0)"
    )
    assert labels == [True, True]


def test_the_buttons_zoom_and_dragging_pans(browser: Any, board: tuple[str, Path]) -> None:
    _theme, path = board
    browser.set_window_size(900, 1000)
    _open(browser, path)
    before = _scale(browser)
    browser.find_element(By.CSS_SELECTOR, "button[aria-label='Zoom in']").click()
    assert _scale(browser) == pytest.approx(min(before * 1.25, 2.5), abs=0.01)
    browser.find_element(By.CSS_SELECTOR, "button[aria-label='Actual size']").click()
    assert _scale(browser) == 1.0
    viewport = browser.find_element(By.CSS_SELECTOR, ".obsidian-canvas-viewport")
    left = browser.execute_script("return arguments[0].scrollLeft", viewport)
    assert left > 0  # the board is wider than the page: it scrolls
    # press on the board's empty bottom-right corner (no card there) and drag right
    width, height = viewport.size["width"], viewport.size["height"]
    ActionChains(browser).move_to_element_with_offset(
        viewport, width // 2 - 30, height // 2 - 30
    ).click_and_hold().move_by_offset(60, 0).release().perform()
    assert browser.execute_script("return arguments[0].scrollLeft", viewport) == max(left - 60, 0)


def test_without_the_script_the_board_is_laid_out_and_scrolls(
    browser: Any, board: tuple[str, Path]
) -> None:
    _theme, path = board
    browser.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
    try:
        _open(browser, path)
        assert browser.find_elements(By.CSS_SELECTOR, ".obsidian-canvas-tools") == []
        goal, harvest = _box(browser, "text-goal"), _box(browser, "file-harvest")
        assert harvest["x"] - goal["x"] == pytest.approx(420, abs=1.5)
        overflow = browser.execute_script(
            "return getComputedStyle(document.querySelector('.obsidian-canvas-viewport')).overflow"
        )
        assert overflow == "auto"
    finally:
        browser.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": False})
