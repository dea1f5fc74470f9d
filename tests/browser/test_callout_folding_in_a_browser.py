"""Folding callouts in a real browser, in five themes: by mouse and keyboard,
links and addresses into a fold, folded from the moment the page shows (and
open should the script never run), and Obsidian's own look, which folds
without a script. Screenshots are kept."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.wait import WebDriverWait

from .conftest import ARTEFACTS, open_page, rgb

WARNING_ORANGE = (236, 117, 0)


def test_a_folded_callout_opens_on_click_and_keyboard(browser: Any, page: tuple[str, Path]) -> None:
    theme, path = page
    open_page(browser, path.as_uri())
    folded = browser.find_element(By.CSS_SELECTOR, 'div.callout[data-callout="faq"]')
    title = folded.find_element(By.CSS_SELECTOR, ":scope > .admonition-title")
    body = folded.find_element(By.CSS_SELECTOR, ":scope > p:not(.admonition-title)")
    assert not body.is_displayed()
    assert title.get_attribute("aria-expanded") == "false"
    ARTEFACTS.mkdir(exist_ok=True)
    folded.screenshot(str(ARTEFACTS / f"{theme}-folded-closed.png"))
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", title)
    title.click()
    assert body.is_displayed()
    assert title.get_attribute("aria-expanded") == "true"
    folded.screenshot(str(ARTEFACTS / f"{theme}-folded-open.png"))
    title.send_keys(Keys.ENTER)  # the title is a button: the keyboard folds it again
    assert not body.is_displayed()
    title.send_keys(Keys.SPACE)
    assert body.is_displayed()
    expanded = browser.find_element(By.CSS_SELECTOR, 'div.callout[data-callout-fold="+"]')
    assert expanded.find_element(By.CSS_SELECTOR, ":scope > div.callout").is_displayed()


#: run as each page starts loading: what the folded callout's body looks like
#: once the page is parsed, and whether the script had prepared it then. The
#: document turns "interactive" before deferred scripts (obsidian.js) run.
_FIRST_SEEN = """
window.obsidianFirstSeen = null;
document.addEventListener('readystatechange', function () {
  if (document.readyState !== 'interactive') return;
  const box = document.querySelector('div.callout[data-callout="faq"]');
  const body = box && box.querySelector(':scope > p:not(.admonition-title)');
  window.obsidianFirstSeen = body && {
    display: getComputedStyle(body).display,
    prepared: box.classList.contains('callout-ready'),
  };
});
"""


def test_a_folded_callout_is_folded_before_the_script_has_run(
    browser: Any, page: tuple[str, Path]
) -> None:
    # a long page is shown while it loads: a fold must not show open first
    _theme, path = page
    added = browser.execute_cdp_cmd(
        "Page.addScriptToEvaluateOnNewDocument", {"source": _FIRST_SEEN}
    )
    try:
        open_page(browser, path)
        seen = browser.execute_script("return window.obsidianFirstSeen")
    finally:
        browser.execute_cdp_cmd(
            "Page.removeScriptToEvaluateOnNewDocument", {"identifier": added["identifier"]}
        )
    assert seen == {"display": "none", "prepared": False}


def test_should_the_script_never_run_folded_callouts_are_shown_open(
    browser: Any, page: tuple[str, Path], tmp_path: Path
) -> None:
    _theme, path = page
    site = tmp_path / "site"
    shutil.copytree(path.parent, site)
    (site / "_static" / "obsidian.js").unlink()
    open_page(browser, site / path.name)
    folded = browser.find_element(By.CSS_SELECTOR, 'div.callout[data-callout="faq"]')
    assert folded.find_element(By.CSS_SELECTOR, ":scope > p:not(.admonition-title)").is_displayed()
    assert "obsidian-folds" not in str(
        browser.execute_script("return document.documentElement.className")
    )


def _in_view(browser: Any, element: Any) -> bool:
    """Whether the element comes into the window (some themes scroll smoothly)."""

    def seen(_: Any) -> bool:
        top, bottom, height = browser.execute_script(
            "const r = arguments[0].getBoundingClientRect();"
            "return [r.top, r.bottom, window.innerHeight]",
            element,
        )
        return bool(top >= 0 and bottom <= height)

    try:
        WebDriverWait(browser, 3, poll_frequency=0.1).until(seen)
    except TimeoutException:
        return False
    return True


def test_an_address_into_a_folded_callout_opens_it(browser: Any, page: tuple[str, Path]) -> None:
    _, path = page
    open_page(browser, path.as_uri() + "#block-inside-the-fold")
    target = browser.find_element(By.ID, "block-inside-the-fold")
    assert target.is_displayed()
    assert _in_view(browser, target)


def test_a_link_on_the_page_into_a_folded_callout_opens_it_every_time(
    browser: Any, page: tuple[str, Path]
) -> None:
    _, path = page
    open_page(browser, path.as_uri())
    link = browser.find_element(By.LINK_TEXT, "into the fold")
    target = browser.find_element(By.ID, "block-inside-the-fold")
    assert not target.is_displayed()
    link.click()
    assert target.is_displayed()
    assert _in_view(browser, target)
    # folded again by its title, then the same link (the address does not change)
    box = browser.find_element(
        By.CSS_SELECTOR, 'div.callout[data-callout="info"][data-callout-fold]'
    )
    box.find_element(By.CSS_SELECTOR, ":scope > .admonition-title").click()
    assert not target.is_displayed()
    browser.execute_script("window.scrollTo({top: 0, behavior: 'instant'})")
    link.click()
    assert target.is_displayed()
    assert _in_view(browser, target)


def test_a_malformed_address_raises_nothing(browser: Any, page: tuple[str, Path]) -> None:
    _, path = page
    browser.get_log("browser")  # what earlier pages wrote
    open_page(browser, path.as_uri() + "#%E0%A4%A")
    browser.execute_script("window.location.hash = '%zz'")
    folded = browser.find_element(By.CSS_SELECTOR, 'div.callout[data-callout="faq"]')
    assert (
        folded.find_element(By.CSS_SELECTOR, ":scope > .admonition-title").get_attribute("role")
        == "button"
    )
    errors = [
        entry["message"]
        for entry in browser.get_log("browser")
        if "obsidian.js" in entry["message"]
    ]
    assert errors == []


# -- Obsidian's own look (obsidian_callout_style = "obsidian") ----------------------


def test_in_obsidians_style_the_title_bar_has_the_type_colour(
    browser: Any, obsidian_page: tuple[str, Path]
) -> None:
    theme, path = obsidian_page
    open_page(browser, path.as_uri())
    warning = browser.find_element(By.CSS_SELECTOR, 'div.callout[data-callout="warning"]')
    title = warning.find_element(By.CLASS_NAME, "admonition-title")
    assert rgb(title.value_of_css_property("color")) == WARNING_ORANGE
    assert rgb(warning.value_of_css_property("border-left-color")) == WARNING_ORANGE
    icon = browser.execute_script(
        "return getComputedStyle(arguments[0], '::before').backgroundColor", title
    )
    assert rgb(icon) == WARNING_ORANGE
    ARTEFACTS.mkdir(exist_ok=True)
    browser.find_element(By.CSS_SELECTOR, "article, div.body, div[role=main]").screenshot(
        str(ARTEFACTS / f"{theme}-obsidian-callouts.png")
    )


def test_in_obsidians_style_a_folded_callout_folds_without_a_script(
    browser: Any, obsidian_page: tuple[str, Path]
) -> None:
    _, path = obsidian_page
    open_page(browser, path.as_uri())
    folded = browser.find_element(By.CSS_SELECTOR, 'details.callout[data-callout-fold="-"]')
    body = folded.find_element(By.TAG_NAME, "p")
    assert folded.get_attribute("open") is None
    assert not body.is_displayed()
    summary = folded.find_element(By.TAG_NAME, "summary")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", summary)
    summary.click()
    assert folded.get_attribute("open") == "true"
    assert body.is_displayed()
    summary.send_keys(Keys.ENTER)  # summary is focusable: the keyboard folds it again
    assert folded.get_attribute("open") is None
    # the chevron takes the callout's colour, not the one a theme gives its own icon
    chevron = browser.execute_script(
        "return getComputedStyle(arguments[0], '::after').backgroundColor", summary
    )
    assert rgb(chevron) == rgb(summary.value_of_css_property("color"))


def test_in_obsidians_style_a_foldable_callouts_body_lines_up_with_any_other(
    browser: Any, obsidian_page: tuple[str, Path]
) -> None:
    _, path = obsidian_page
    open_page(browser, path.as_uri())
    left = (
        "const box = document.querySelector(arguments[0]);"
        "return box.querySelector(':scope > :not(.admonition-title)').getBoundingClientRect().left"
        " - box.getBoundingClientRect().left"
    )
    foldable = browser.execute_script(left, 'details.callout[data-callout-fold="+"]')
    plain = browser.execute_script(left, 'div.callout[data-callout="warning"]')
    assert foldable == plain
