"""Callouts in a real browser, in five themes: they look exactly like the
theme's own admonitions, folding works by mouse and keyboard, and Obsidian's
colours are one setting away. Screenshots are kept.

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
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.wait import WebDriverWait

from .conftest import ARTEFACTS

#: the five themes, by the name ``html_theme`` takes
THEMES = {
    "furo": "furo",
    "pydata": "pydata_sphinx_theme",
    "book": "sphinx_book_theme",
    "rtd": "sphinx_rtd_theme",
    "alabaster": "alabaster",
}
WARNING_ORANGE = (236, 117, 0)
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


def rgb(css_colour: str) -> tuple[int, ...]:
    """The red, green and blue of a computed CSS colour (``rgb(...)`` or ``rgba(...)``)."""
    inside = css_colour[css_colour.index("(") + 1 : css_colour.index(")")]
    return tuple(int(float(part)) for part in inside.split(",")[:3])


def _build(make_app: Any, rootdir: Path, tmp_path_factory: Any, theme: str, **conf: Any) -> Path:
    src = tmp_path_factory.mktemp(theme) / "src"
    shutil.copytree(rootdir / "test-callout-showcase", src)
    app = make_app("html", srcdir=src, confoverrides={"html_theme": THEMES[theme], **conf})
    app.build()
    return Path(app.outdir) / "index.html"


@pytest.fixture(scope="module", params=list(THEMES))
def page(
    request: pytest.FixtureRequest, make_app: Any, rootdir: Path, tmp_path_factory: Any
) -> tuple[str, Path]:
    return request.param, _build(make_app, rootdir, tmp_path_factory, request.param)


@pytest.fixture(scope="module", params=["furo", "alabaster"])
def obsidian_page(
    request: pytest.FixtureRequest, make_app: Any, rootdir: Path, tmp_path_factory: Any
) -> tuple[str, Path]:
    theme = request.param
    path = _build(make_app, rootdir, tmp_path_factory, theme, obsidian_callout_style="obsidian")
    return theme, path


def _scheme(browser: Any, scheme: str) -> None:
    browser.execute_cdp_cmd(
        "Emulation.setEmulatedMedia",
        {"features": [{"name": "prefers-color-scheme", "value": scheme}]},
    )


def _looks(browser: Any, box: Any) -> dict[str, str]:
    title = box.find_element(By.CSS_SELECTOR, ":scope > .admonition-title")
    body = box.find_element(By.CSS_SELECTOR, ":scope > p:not(.admonition-title)")
    found = {f"box {name}": box.value_of_css_property(name) for name in BOX}
    found |= {f"title {name}": title.value_of_css_property(name) for name in TITLE}
    found |= {f"body {name}": body.value_of_css_property(name) for name in BODY}
    for where in ("::before", "::after"):
        found[f"title{where}"] = browser.execute_script(
            "const s = getComputedStyle(arguments[0], arguments[1]);"
            "return [s.content, s.color, s.backgroundColor].join(' | ')",
            title,
            where,
        )
    return found


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", ["warning", "note", "danger"])
def test_a_callout_looks_like_the_themes_admonition_of_its_kind(
    browser: Any, page: tuple[str, Path], kind: str, scheme: str
) -> None:
    theme, path = page
    _scheme(browser, scheme)
    try:
        browser.get(path.as_uri())
        callout = browser.find_element(
            By.XPATH, f"//div[@data-callout='{kind}'][contains(., 'A {kind} callout')]"
        )
        directive = browser.find_element(
            By.XPATH,
            f"//div[contains(@class, 'admonition') and contains(@class, '{kind}') and "
            f"not(@data-callout)][contains(., 'A {kind} directive')]",
        )
        assert _looks(browser, callout) == _looks(browser, directive)
        ARTEFACTS.mkdir(exist_ok=True)
        browser.execute_script("arguments[0].scrollIntoView({block: 'start'})", callout)
        browser.save_screenshot(str(ARTEFACTS / f"{theme}-{scheme}-{kind}.png"))
    finally:
        _scheme(browser, "light")


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


def test_a_picture_of_the_theme(browser: Any, page: tuple[str, Path]) -> None:
    theme, path = page
    browser.get(path.as_uri())
    picture = browser.execute_script(GATHER)
    ARTEFACTS.mkdir(exist_ok=True)
    shot = ARTEFACTS / f"{theme}-callouts-and-admonitions.png"
    picture.screenshot(str(shot))
    assert shot.stat().st_size > 5_000
    if os.environ.get("OBSIDIAN_UPDATE_DOCS_IMAGES") == "1":
        DOCS_IMAGES.mkdir(exist_ok=True)
        shutil.copy(shot, DOCS_IMAGES / f"{theme}.png")


def test_a_folded_callout_opens_on_click_and_keyboard(browser: Any, page: tuple[str, Path]) -> None:
    theme, path = page
    browser.get(path.as_uri())
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


def test_a_folded_callout_has_its_kinds_title(browser: Any, page: tuple[str, Path]) -> None:
    _, path = page
    browser.get(path.as_uri())
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
    browser.get(path.as_uri() + "#block-inside-the-fold")
    target = browser.find_element(By.ID, "block-inside-the-fold")
    assert target.is_displayed()
    assert _in_view(browser, target)


def test_a_link_on_the_page_into_a_folded_callout_opens_it_every_time(
    browser: Any, page: tuple[str, Path]
) -> None:
    _, path = page
    browser.get(path.as_uri())
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
    browser.get(path.as_uri() + "#%E0%A4%A")
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


# -- Obsidian's own look (obsidian_callout_style = "obsidian") ----------------------


def test_in_obsidians_style_the_title_bar_has_the_type_colour(
    browser: Any, obsidian_page: tuple[str, Path]
) -> None:
    theme, path = obsidian_page
    browser.get(path.as_uri())
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
    browser.get(path.as_uri())
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
