"""A page with a list of recent notes in a real browser, in furo and alabaster:
a bulleted list of linked titles, each with its date, the links leading to
the notes. The furo picture is the one the documentation shows (kept in
``tests/browser/artefacts/``; with ``OBSIDIAN_UPDATE_DOCS_IMAGES=1`` it also
replaces ``docs/_static/garden/recent-notes.png``)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
from selenium.webdriver.common.by import By

from ..conftest import ROOTS
from .conftest import ARTEFACTS, THEMES, keep_picture, open_page


@pytest.fixture(scope="module", params=["furo", "alabaster"])
def site(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, Path]]:
    from sphinx.testing.util import SphinxTestApp

    theme = request.param
    src = tmp_path_factory.mktemp(f"recent-{theme}") / "src"
    shutil.copytree(ROOTS / "test-recent", src)
    app = SphinxTestApp("html", srcdir=src, confoverrides={"html_theme": THEMES[theme]})
    app.build()
    yield theme, Path(app.outdir)
    app.cleanup()


def _open(browser: Any, path: Path) -> None:
    open_page(browser, path)


def _items(browser: Any) -> list[dict[str, Any]]:
    """What the reader sees of each entry of the page's list."""
    return list(
        browser.execute_script(
            "return [...document.querySelectorAll('ul.obsidian-recent > li')].map(li => {"
            "  const a = li.querySelector('a'), d = li.querySelector('.obsidian-recent-date');"
            "  const r = li.getBoundingClientRect();"
            "  return {text: li.innerText.trim(), link: a.innerText, date: d.innerText,"
            "          display: getComputedStyle(li).display, height: r.height,"
            "          bullet: getComputedStyle(li.parentElement).listStyleType}; })"
        )
    )


def test_the_list_shows_titles_and_dates(browser: Any, site: tuple[str, Path]) -> None:
    _theme, out = site
    page = out / "journal.html"
    # the built page holds the list (so a failure below is the browser's, not the build's)
    assert page.read_text(encoding="utf-8").count('<span class="obsidian-recent-date">') == 3
    _open(browser, page)
    items = _items(browser)
    assert [item["text"] for item in items] == [
        "June — 2024-06-21",
        "March — 2024-03-14",
        "January — 2024-01-05",
    ]
    assert [(item["link"], item["date"]) for item in items] == [
        ("June", "2024-06-21"),
        ("March", "2024-03-14"),
        ("January", "2024-01-05"),
    ]
    for item in items:
        # a bulleted list, one line per note
        assert item["display"] == "list-item"
        assert item["bullet"] != "none"
        assert 0 < item["height"] < 60


def test_a_title_leads_to_its_note(browser: Any, site: tuple[str, Path]) -> None:
    _theme, out = site
    _open(browser, out / "index.html")
    browser.find_element(By.LINK_TEXT, "An essay").click()
    assert browser.current_url == (out / "notes" / "essay.html").as_uri()
    assert browser.find_element(By.TAG_NAME, "h1").text.rstrip("¶#").strip() == "An essay"


def test_the_page_has_a_feed_for_readers(browser: Any, site: tuple[str, Path]) -> None:
    _theme, out = site
    _open(browser, out / "journal" / "2024" / "june.html")
    href = browser.execute_script(
        "return document.querySelector('link[type=\"application/atom+xml\"]').href"
    )
    assert href == (out / "atom.xml").as_uri()


def test_picture_of_the_list(browser: Any, site: tuple[str, Path]) -> None:
    theme, out = site
    browser.set_window_size(1300, 480)
    try:
        _open(browser, out / "index.html")
        ARTEFACTS.mkdir(exist_ok=True)
        picture = ARTEFACTS / f"{theme}-recent-notes.png"
        # the page as a reader sees it, the theme's navigation beside the list
        browser.save_screenshot(str(picture))
    finally:
        browser.set_window_size(1000, 1400)
    if theme == "furo":
        keep_picture(picture, "garden/recent-notes.png")
    else:
        assert picture.stat().st_size > 10_000
