"""Callouts in a real browser: folding works, colours show, screenshots are kept.

Headless Chromium (Debian's ``chromium`` and ``chromium-driver``) is driven
through Selenium against pages built with furo and with alabaster. The tests
skip, saying why, only where Chromium cannot be found. Screenshots are written
to ``tests/browser/artefacts/``.
"""

from __future__ import annotations

import itertools
import shutil
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from .conftest import ARTEFACTS

THEMES = ["furo", "alabaster"]
WARNING_ORANGE = (236, 117, 0)


def rgb(css_colour: str) -> tuple[int, ...]:
    """The red, green and blue of a computed CSS colour (``rgb(...)`` or ``rgba(...)``)."""
    inside = css_colour[css_colour.index("(") + 1 : css_colour.index(")")]
    return tuple(int(float(part)) for part in inside.split(",")[:3])


@pytest.fixture(scope="module", params=THEMES)
def page(
    request: pytest.FixtureRequest, make_app: Any, rootdir: Path, tmp_path_factory: Any
) -> tuple[str, Path]:
    theme = request.param
    src = tmp_path_factory.mktemp(theme) / "src"
    shutil.copytree(rootdir / "test-callout-showcase", src)
    app = make_app("html", srcdir=src, confoverrides={"html_theme": theme})
    app.build()
    return theme, Path(app.outdir) / "index.html"


def test_folded_callout_opens_on_click_and_keyboard(browser: Any, page: tuple[str, Path]) -> None:
    theme, path = page
    browser.get(path.as_uri())
    folded = browser.find_element(By.CSS_SELECTOR, 'details.callout[data-callout-fold="-"]')
    body = folded.find_element(By.TAG_NAME, "p")
    assert folded.get_attribute("open") is None
    assert not body.is_displayed()
    ARTEFACTS.mkdir(exist_ok=True)
    folded.screenshot(str(ARTEFACTS / f"{theme}-folded-closed.png"))
    summary = folded.find_element(By.TAG_NAME, "summary")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", summary)
    summary.click()
    assert folded.get_attribute("open") == "true"
    assert body.is_displayed()
    folded.screenshot(str(ARTEFACTS / f"{theme}-folded-open.png"))
    summary.send_keys(Keys.ENTER)  # summary is focusable: the keyboard folds it again
    assert folded.get_attribute("open") is None
    expanded = browser.find_element(By.CSS_SELECTOR, 'details.callout[data-callout-fold="+"]')
    assert expanded.get_attribute("open") == "true"


def test_title_bar_has_the_type_colour(browser: Any, page: tuple[str, Path]) -> None:
    theme, path = page
    browser.get(path.as_uri())
    warning = browser.find_element(By.CSS_SELECTOR, 'div.callout[data-callout="warning"]')
    title = warning.find_element(By.CLASS_NAME, "admonition-title")
    assert rgb(title.value_of_css_property("color")) == WARNING_ORANGE
    assert rgb(warning.value_of_css_property("border-left-color")) == WARNING_ORANGE
    icon = browser.execute_script(
        "return getComputedStyle(arguments[0], '::before').backgroundColor", title
    )
    assert rgb(icon) == WARNING_ORANGE
    browser.save_screenshot(str(ARTEFACTS / f"{theme}-page.png"))
    browser.find_element(By.CSS_SELECTOR, "article, div.body, div[role=main]").screenshot(
        str(ARTEFACTS / f"{theme}-callouts.png")
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
    browser: Any, page: tuple[str, Path]
) -> None:
    theme, path = page
    browser.get(path.as_uri())
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
