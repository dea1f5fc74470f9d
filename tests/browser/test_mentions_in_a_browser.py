"""Linked and unlinked mentions as readers see them, in furo and alabaster:
each linking page with the sentences around its links, the link's words
marked, and the unlinked mentions below. The screenshot is the one the
documentation shows."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
from selenium.webdriver.common.by import By

from ..conftest import ROOTS
from .conftest import ARTEFACTS, THEMES, keep_picture, open_page, rgb


def _picture_of(browser: Any, elements: list[Any], path: Path) -> None:
    """A picture of ``elements`` alone: the rest of the part of the page that
    holds them is hidden first (the page is loaded afresh by the next test)."""
    holder = elements[0].find_element(By.XPATH, "..")
    browser.execute_script(
        "for (const child of arguments[0].children) {"
        "  if (!arguments[1].includes(child)) child.style.display = 'none'; }",
        holder,
        elements,
    )
    holder.screenshot(str(path))


@pytest.fixture(scope="module", params=["furo", "alabaster"])
def commune(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, Path]]:
    from sphinx.testing.util import SphinxTestApp

    theme = request.param
    src = tmp_path_factory.mktemp(f"mentions-{theme}") / "src"
    shutil.copytree(ROOTS / "test-mentions", src)
    app = SphinxTestApp(
        "html",
        srcdir=src,
        confoverrides={
            "html_theme": THEMES[theme],
            "obsidian_unlinked_mentions": True,
            "obsidian_graph": False,  # the screenshot shows the mentions alone
        },
    )
    app.build()
    yield theme, Path(app.outdir) / "Commune.html"
    app.cleanup()


def test_mentions_show_their_sentences_with_the_link_marked(
    browser: Any, commune: tuple[str, Path]
) -> None:
    theme, page = commune
    open_page(browser, page, size=(1000, 1100))
    lists = browser.find_elements(By.CSS_SELECTOR, ".obsidian-backlinks")
    assert [element.find_element(By.CSS_SELECTOR, ".rubric").text for element in lists] == [
        "Linked mentions",
        "Unlinked mentions",
    ]
    first = lists[0].find_element(By.CSS_SELECTOR, ".obsidian-mention")
    assert first.text == "Each Commune ran its own kitchen, and meals were free!"
    mark = first.find_element(By.TAG_NAME, "mark")
    assert mark.text == "Commune"
    # the marked words stand out from the sentence
    assert rgb(mark.value_of_css_property("background-color")) != rgb(
        first.value_of_css_property("background-color")
    )
    if theme == "furo":
        browser.execute_script("arguments[0].scrollIntoView()", lists[0])
        ARTEFACTS.mkdir(exist_ok=True)
        shot = ARTEFACTS / "furo-mentions.png"
        _picture_of(browser, lists, shot)
        keep_picture(shot, "garden/mentions.png")
