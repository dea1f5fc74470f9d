"""Callouts in a real browser, in five themes: they look exactly like the
theme's own admonitions, light and dark, and their titles read as one line.
Screenshots are kept (folding: ``test_callout_folding_in_a_browser.py``).

Headless Chromium (Debian's ``chromium`` and ``chromium-driver``) is driven
through Selenium. The tests skip, saying why, only where Chromium cannot be
found. Screenshots are written to ``tests/browser/artefacts/``.
"""

from __future__ import annotations

import itertools
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
from selenium.webdriver.common.by import By
from selenium.webdriver.support.wait import WebDriverWait

from .conftest import ARTEFACTS, open_page

#: the pictures of the documentation's themes page (``OBSIDIAN_UPDATE_DOCS_IMAGES=1``)
DOCS_IMAGES = Path(__file__).parents[2] / "docs" / "_static" / "themes"
#: what makes an admonition look like itself: its box, its title, its body
BOX = (
    "background-color",
    "border-left-color",
    "border-left-width",
    "border-radius",
    "padding-left",
)
TITLE = ("color", "background-color", "font-weight", "font-size", "padding-left")
BODY = ("margin-left", "color")


@pytest.fixture(scope="module")
def opened(browser: Any, page: tuple[str, Path]) -> tuple[str, Path]:
    """The theme's page, opened once for the tests that only read it (they may
    switch the colour scheme, and switch it back)."""
    open_page(browser, page[1].as_uri())
    return page


#: no transition or animation: a colour read mid-way would compare two moments
STILL = """
if (!document.getElementById('still')) {
  const style = document.createElement('style');
  style.id = 'still';
  style.textContent = '*, *::before, *::after { transition: none !important;'
    + ' animation: none !important; }';
  document.head.append(style);
}
"""


def _scheme(browser: Any, scheme: str) -> None:
    """Switch the colour scheme, and wait until the page has taken it (some
    themes set theirs from a script that answers the change)."""
    browser.execute_script(STILL)
    browser.execute_cdp_cmd(
        "Emulation.setEmulatedMedia",
        {"features": [{"name": "prefers-color-scheme", "value": scheme}]},
    )

    def background() -> str:
        return str(browser.execute_script("return getComputedStyle(document.body).backgroundColor"))

    # settled: the body's colour, read a tenth of a second apart, stays the same
    seen = [background()]

    def settled(_: Any) -> bool:
        seen.append(background())
        return seen[-1] == seen[-2]

    WebDriverWait(browser, 3, poll_frequency=0.1).until(settled)


#: the computed styles that make a box look like itself, read in one call
LOOKS = """
const [boxes, names] = arguments;
return boxes.map(box => {
  const title = box.querySelector(':scope > .admonition-title');
  const body = box.querySelector(':scope > p:not(.admonition-title)');
  const found = {};
  for (const [where, element, props] of [['box', box, names.box],
                                         ['title', title, names.title],
                                         ['body', body, names.body]]) {
    const style = getComputedStyle(element);
    for (const name of props) found[where + ' ' + name] = style.getPropertyValue(name);
  }
  for (const pseudo of ['::before', '::after']) {
    const style = getComputedStyle(title, pseudo);
    found['title' + pseudo] = [style.content, style.color, style.backgroundColor].join(' | ');
  }
  return found;
});
"""


def _looks(browser: Any, *boxes: Any) -> list[dict[str, str]]:
    """The looks of boxes, all read at the same moment (in one script, which
    nothing on the page can interrupt)."""
    names = {"box": list(BOX), "title": list(TITLE), "body": list(BODY)}
    found: list[dict[str, str]] = browser.execute_script(LOOKS, list(boxes), names)
    return found


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_callout_looks_like_the_themes_admonition_of_its_kind(
    browser: Any, opened: tuple[str, Path], scheme: str
) -> None:
    theme, _ = opened
    _scheme(browser, scheme)
    try:
        # each type, and the theme's admonition it is drawn as (two of them mapped)
        for kind, admonition in (
            ("warning", "warning"),
            ("note", "note"),
            ("danger", "danger"),
            ("bug", "error"),
            ("abstract", "seealso"),
        ):
            callout = browser.find_element(
                By.XPATH, f"//div[@data-callout='{kind}'][contains(., 'A {kind} callout')]"
            )
            directive = browser.find_element(
                By.XPATH,
                f"//div[contains(@class, '{admonition}') and not(@data-callout)]"
                f"[contains(., 'A {admonition} directive')]",
            )
            seen_callout, seen_directive = _looks(browser, callout, directive)
            assert (kind, seen_callout) == (kind, seen_directive)
        ARTEFACTS.mkdir(exist_ok=True)
        warning = browser.find_element(By.XPATH, "//div[contains(., 'A warning callout')]")
        browser.execute_script("arguments[0].scrollIntoView({block: 'start'})", warning)
        browser.save_screenshot(str(ARTEFACTS / f"{theme}-{scheme}.png"))
    finally:
        _scheme(browser, "light")


def test_a_folded_callout_has_its_kinds_title(browser: Any, opened: tuple[str, Path]) -> None:
    folded = browser.find_element(
        By.CSS_SELECTOR, 'div.callout[data-callout="info"][data-callout-fold]'
    )
    note = browser.find_element(
        By.XPATH, "//div[@data-callout='note'][contains(., 'A note callout')]"
    )
    titles = [
        box.find_element(By.CSS_SELECTOR, ":scope > .admonition-title") for box in (folded, note)
    ]
    for name in TITLE:
        assert titles[0].value_of_css_property(name) == titles[1].value_of_css_property(name)
    chevron = titles[0].find_element(By.CSS_SELECTOR, "span.callout-fold")
    assert chevron.value_of_css_property("background-color") == titles[0].value_of_css_property(
        "color"
    )


#: the runs of text of a title in the order they are read, each with the top of
#: its first and of its last line box
TITLE_RUNS = """
const title = arguments[0];
const inner = title.querySelector('.callout-title-inner') || title;
const runs = [];
for (const child of inner.childNodes) {
  const range = document.createRange();
  range.selectNodeContents(child);
  const rects = Array.from(range.getClientRects()).filter(r => r.width > 0);
  if (rects.length) runs.push([rects[0].top, rects[rects.length - 1].top]);
}
return [parseFloat(getComputedStyle(inner).fontSize), runs];
"""


def test_a_title_with_markup_flows_as_one_line_of_text(
    browser: Any, opened: tuple[str, Path]
) -> None:
    theme, _ = opened
    tip = browser.find_element(By.XPATH, "//div[@data-callout='tip'][contains(., 'Live Preview')]")
    title = tip.find_element(By.CLASS_NAME, "admonition-title")
    font_size, runs = browser.execute_script(TITLE_RUNS, title)
    assert len(runs) >= 5
    # each run starts on the line where the one before it ends, or below it
    # (inline code's box sits a little higher): never a line or more above,
    # beside it in a column of its own
    for (_, before_ends), (after_starts, _) in itertools.pairwise(runs):
        assert after_starts >= before_ends - font_size / 2
    assert runs[-1][1] > runs[0][0]  # the long title wraps, as a sentence does
    title.screenshot(str(ARTEFACTS / f"{theme}-callout-title.png"))


#: the callouts and directives the documentation shows, gathered in one box
GATHER = """
const picture = document.createElement('div');
picture.style.padding = '1em';
picture.style.background = getComputedStyle(document.body).backgroundColor;
const boxes = Array.from(document.querySelectorAll('div.admonition')).filter(
  box => /A (warning|note) (callout|directive)|A folded info/.test(box.textContent));
// at the top of the page's text, where the page opens (an element lower down is
// cut by some themes' scrolling containers)
const text = document.querySelector('article, div.body, div[role=main]');
text.prepend(picture);
for (const box of boxes) picture.append(box);
window.scrollTo(0, 0);
return picture;
"""


# last: it moves the page's boxes (and opens the page again)
def test_a_picture_of_the_theme(browser: Any, page: tuple[str, Path]) -> None:
    theme, path = page
    open_page(browser, path.as_uri())
    picture = browser.execute_script(GATHER)
    ARTEFACTS.mkdir(exist_ok=True)
    shot = ARTEFACTS / f"{theme}-callouts-and-admonitions.png"
    picture.screenshot(str(shot))
    assert shot.stat().st_size > 5_000
    if os.environ.get("OBSIDIAN_UPDATE_DOCS_IMAGES") == "1":
        DOCS_IMAGES.mkdir(exist_ok=True)
        shutil.copy(shot, DOCS_IMAGES / f"{theme}.png")
