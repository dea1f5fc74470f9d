"""Redirect pages in a real browser, from ``file://``: opening an alias's or a
permalink's address lands on the note, with the ``#part`` of the address kept,
and the refresh alone leads there when scripts are off. In furo and alabaster."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
from selenium.webdriver.support.ui import WebDriverWait

from ..conftest import ROOTS
from .conftest import ARTEFACTS, THEMES, keep_picture, open_page


@pytest.fixture(scope="module", params=["furo", "alabaster"])
def garden(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, Path]]:
    from sphinx.testing.util import SphinxTestApp

    theme = request.param
    src = tmp_path_factory.mktemp(f"redirects-{theme}") / "src"
    shutil.copytree(ROOTS / "test-redirects", src)
    app = SphinxTestApp("html", srcdir=src, confoverrides={"html_theme": THEMES[theme]})
    app.build()
    yield theme, Path(app.outdir)
    app.cleanup()


def _lands_on(browser: Any, address: str, within: float = 2.0) -> str:
    """Open ``address`` and wait for the browser to leave it; where it went."""
    open_page(browser, address, size=(1000, 800))
    WebDriverWait(browser, within, poll_frequency=0.05).until(
        lambda b: (
            b.current_url != address
            and b.execute_script("return document.readyState") == "complete"
        )
    )
    return str(browser.current_url)


def test_an_alias_address_lands_on_the_note(browser: Any, garden: tuple[str, Path]) -> None:
    _, outdir = garden
    landed = _lands_on(browser, (outdir / "Old gardening.html").as_uri())
    assert landed == (outdir / "Gardening.html").as_uri()
    assert browser.find_element("css selector", "h1").text.startswith("Gardening")


def test_a_permalink_in_a_folder_lands_on_the_note(browser: Any, garden: tuple[str, Path]) -> None:
    _, outdir = garden
    landed = _lands_on(browser, (outdir / "garden" / "start.html").as_uri())
    assert landed == (outdir / "Gardening.html").as_uri()


def test_the_part_of_the_address_is_kept(browser: Any, garden: tuple[str, Path]) -> None:
    theme, outdir = garden
    landed = _lands_on(browser, (outdir / "notes" / "Harvest.html").as_uri() + "#picking")
    assert landed == (outdir / "notes" / "Récolte d'été.html").as_uri() + "#picking"
    # the title as Sphinx typesets it (a typographic apostrophe)
    assert browser.find_element("css selector", "h1").text.startswith("Récolte d\u2019été")
    assert browser.execute_script("return document.querySelector(':target').id") == "picking"
    if theme == "furo":
        ARTEFACTS.mkdir(exist_ok=True)
        shot = ARTEFACTS / "furo-redirect.png"
        browser.save_screenshot(str(shot))
        keep_picture(shot, "garden/redirects.png")


def test_the_refresh_alone_leads_there_without_scripts(
    browser: Any, garden: tuple[str, Path]
) -> None:
    _, outdir = garden
    browser.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
    try:
        landed = _lands_on(browser, (outdir / "notes" / "deep" / "Wormery.html").as_uri())
    finally:
        browser.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": False})
    assert landed == (outdir / "notes" / "deep" / "Worms.html").as_uri()
