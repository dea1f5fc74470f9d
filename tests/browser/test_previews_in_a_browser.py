"""Hover previews in a real browser, from ``file://``:
pointing at a link shows its target's opening (or the linked section or
block) within a second, moving the keyboard focus to it does too, Escape
closes it, and a link that leads nowhere shows nothing. In the five themes."""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from ..conftest import ROOTS
from .conftest import ARTEFACTS, THEMES, keep_picture, open_page


@pytest.fixture(scope="module", params=list(THEMES))
def reading_room(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, Path]]:
    from sphinx.testing.util import SphinxTestApp

    theme = request.param
    src = tmp_path_factory.mktemp(f"previews-{theme}") / "src"
    shutil.copytree(ROOTS / "test-hover-previews", src)
    app = SphinxTestApp("html", srcdir=src, confoverrides={"html_theme": THEMES[theme]})
    app.build()
    yield theme, Path(app.outdir) / "index.html"
    app.cleanup()


def _open(browser: Any, path: Path) -> None:
    open_page(browser, path, size=(1200, 900))


def _link(browser: Any, text: str) -> Any:
    """The link of the page's text that reads ``text`` (not the theme's navigation)."""
    return browser.find_element(
        By.XPATH, f"//a[contains(@class, 'obsidian-link') and normalize-space()='{text}']"
    )


def _popover_text(browser: Any, within: float = 1.0) -> str:
    """The popover's text once it shows, waiting at most ``within`` seconds."""
    WebDriverWait(browser, within, poll_frequency=0.05).until(
        lambda b: b.execute_script(
            "const p = document.querySelector('.obsidian-popover');"
            "return p !== null && !p.hidden && p.offsetHeight > 0"
        )
    )
    return str(browser.find_element(By.CSS_SELECTOR, ".obsidian-popover").text)


def _popover_shown(browser: Any) -> bool:
    return bool(
        browser.execute_script(
            "const p = document.querySelector('.obsidian-popover');"
            "return p !== null && !p.hidden && p.offsetHeight > 0"
        )
    )


def test_hovering_a_link_shows_the_opening_of_its_note(
    browser: Any, reading_room: tuple[str, Path]
) -> None:
    theme, index = reading_room
    _open(browser, index)
    ActionChains(browser).move_to_element(_link(browser, "Great Famine")).perform()
    text = _popover_text(browser)
    assert text.startswith("Great Famine\nThe famine of 1959 to 1961 followed")
    assert "Procurement" not in text  # the opening only, not the sections
    if theme == "furo":
        ARTEFACTS.mkdir(exist_ok=True)
        shot = ARTEFACTS / "furo-hover-preview.png"
        browser.save_screenshot(str(shot))
        keep_picture(shot, "garden/hover-preview.png")


def test_a_link_to_a_heading_shows_that_section(
    browser: Any, reading_room: tuple[str, Path]
) -> None:
    _, index = reading_room
    _open(browser, index)
    ActionChains(browser).move_to_element(_link(browser, "Great Famine > Causes")).perform()
    assert _popover_text(browser).startswith(
        "Great Famine\nCauses\nProcurement took grain the villages did not have"
    )


def test_a_link_to_a_block_shows_that_block(browser: Any, reading_room: tuple[str, Path]) -> None:
    _, index = reading_room
    _open(browser, index)
    ActionChains(browser).move_to_element(_link(browser, "the toll")).perform()
    assert _popover_text(browser) == (
        "Great Famine\nEstimates of excess deaths range from fifteen to over forty million."
    )


def test_links_in_a_preview_lead_where_they_lead_from_the_note(
    browser: Any, reading_room: tuple[str, Path]
) -> None:
    _, index = reading_room
    _open(browser, index)
    ActionChains(browser).move_to_element(_link(browser, "the furnaces")).perform()
    _popover_text(browser)
    href = browser.find_element(By.CSS_SELECTOR, ".obsidian-popover a").get_attribute("href")
    assert href == (index.parent / "Great Famine.html").as_uri()


def test_keyboard_focus_shows_the_preview_and_escape_closes_it(
    browser: Any, reading_room: tuple[str, Path]
) -> None:
    _, index = reading_room
    _open(browser, index)
    target = _link(browser, "Great Famine")
    body = browser.find_element(By.TAG_NAME, "body")
    body.click()
    for _ in range(80):  # tab through the page until the link has the focus
        ActionChains(browser).send_keys(Keys.TAB).perform()
        if browser.execute_script("return document.activeElement") == target:
            break
    else:
        pytest.fail("the link never received the keyboard focus")
    assert _popover_text(browser).startswith("Great Famine\nThe famine of 1959")
    assert target.get_attribute("aria-describedby") == "obsidian-popover"
    ActionChains(browser).send_keys(Keys.ESCAPE).perform()
    assert not _popover_shown(browser)
    assert target.get_attribute("aria-describedby") is None


def test_a_link_that_leads_nowhere_shows_nothing(
    browser: Any, reading_room: tuple[str, Path]
) -> None:
    _, index = reading_room
    _open(browser, index)
    unresolved = browser.find_element(By.CSS_SELECTOR, ".obsidian-unresolved")
    ActionChains(browser).move_to_element(unresolved).perform()
    time.sleep(1.0)
    assert not _popover_shown(browser)


def test_pointing_away_closes_the_preview(browser: Any, reading_room: tuple[str, Path]) -> None:
    _, index = reading_room
    _open(browser, index)
    link = _link(browser, "Great Famine")
    ActionChains(browser).move_to_element(link).perform()
    _popover_text(browser)
    # above the link: the preview opens below it
    ActionChains(browser).move_to_element(link).move_by_offset(0, -40).perform()
    WebDriverWait(browser, 1.0).until(lambda b: not _popover_shown(b))
    # the script raised nothing (the PyData themes log errors of their own)
    logs = browser.get_log("browser")
    assert [e for e in logs if e["level"] == "SEVERE" and "obsidian" in e["message"]] == []


def test_a_folded_callout_in_a_preview_shows_open(browser: Any, tmp_path: Path) -> None:
    # the preview is not folded by the page's script, and nothing hides it
    from sphinx.testing.util import SphinxTestApp

    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text('extensions = ["sphinxext.obsidian"]\n', encoding="utf-8")
    (src / "index.md").write_text("# Home\n\nSee [[Folded]].\n", encoding="utf-8")
    (src / "Folded.md").write_text(
        "# Folded\n\n> [!faq]- A question\n> The answer, folded on its page.\n", encoding="utf-8"
    )
    app = SphinxTestApp("html", srcdir=src)
    try:
        app.build()
        _open(browser, Path(app.outdir) / "index.html")
        ActionChains(browser).move_to_element(_link(browser, "Folded")).perform()
        assert _popover_text(browser) == "Folded\nA question\nThe answer, folded on its page."
    finally:
        app.cleanup()
