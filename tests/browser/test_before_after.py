"""The README's picture: one note built by MyST-Parser alone and by the extension.

Both builds use furo. The test checks what a reader sees in each (text left
as ``[[...]]`` and ``[!info]`` before; links and callouts after) and saves
the two side by side as ``tests/browser/artefacts/before-after.png``. With
``OBSIDIAN_UPDATE_DOCS_IMAGES=1`` it also replaces the copy in
``docs/_static/`` that the README shows.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
from selenium.webdriver.common.by import By

from .conftest import ARTEFACTS, open_page

DOCS_IMAGE = Path(__file__).parents[2] / "docs" / "_static" / "before-after.png"

FRAME = """<!doctype html><meta charset="utf-8"><title>before and after</title>
<style>
body {{ margin: 0; font: 15px/1.4 system-ui, sans-serif; background: #e9ecef; }}
main {{ display: grid; grid-template-columns: 1fr 1fr; gap: 12px; padding: 12px; }}
h2 {{ margin: 0 0 6px; font-size: 15px; color: #333; }}
iframe {{ width: 100%; height: 700px; border: 1px solid #bbb; background: white; }}
</style>
<main>
<section><h2>MyST-Parser alone</h2><iframe src="{before}"></iframe></section>
<section><h2>with sphinxext-obsidian</h2><iframe src="{after}"></iframe></section>
</main>"""


@pytest.fixture(scope="module")
def builds(make_app: Any, rootdir: Path, tmp_path_factory: Any) -> dict[str, Path]:
    pages = {}
    for name, extensions in (("before", ["myst_parser"]), ("after", ["sphinxext.obsidian"])):
        src = tmp_path_factory.mktemp(name) / "src"
        shutil.copytree(rootdir / "test-before-after", src)
        app = make_app("html", srcdir=src, confoverrides={"extensions": extensions})
        app.build()
        pages[name] = Path(app.outdir) / "index.html"
    return pages


def _article_text(browser: Any, page: Path) -> str:
    open_page(browser, page.as_uri())
    return str(browser.find_element(By.CSS_SELECTOR, "article").text)


def test_myst_alone_leaves_obsidian_syntax_as_text(
    browser: Any,
    builds: dict[str, Path],
) -> None:
    text = _article_text(browser, builds["before"])
    assert "[[John Harrison]]" in text
    assert "[!info]- How a clock gives longitude" in text
    assert "==time at home==" in text


def test_the_extension_makes_links_and_callouts(
    browser: Any,
    builds: dict[str, Path],
) -> None:
    text = _article_text(browser, builds["after"])
    assert "[[" not in text
    assert "[!" not in text
    links = browser.find_elements(By.CSS_SELECTOR, "article a.reference.internal")
    assert {link.text for link in links} >= {
        "the previous episode",
        "John Harrison",
        "his four designs",
    }
    folded = browser.find_element(By.CSS_SELECTOR, 'div.callout[data-callout="info"]')
    assert folded.get_attribute("data-callout-fold") == "-"
    assert not folded.find_element(
        By.CSS_SELECTOR, ":scope > p:not(.admonition-title)"
    ).is_displayed()
    assert browser.find_element(By.CSS_SELECTOR, "article mark").text == "time at home"


def test_side_by_side_picture(
    browser: Any,
    builds: dict[str, Path],
    tmp_path: Path,
) -> None:
    frame = tmp_path / "before-after.html"
    frame.write_text(
        FRAME.format(before=builds["before"].as_uri(), after=builds["after"].as_uri()),
        encoding="utf-8",
    )
    browser.set_window_size(1280, 800)
    try:
        open_page(browser, frame.as_uri())
        ARTEFACTS.mkdir(exist_ok=True)
        picture = ARTEFACTS / "before-after.png"
        browser.find_element(By.TAG_NAME, "main").screenshot(str(picture))
    finally:
        browser.set_window_size(1000, 1400)
    assert picture.stat().st_size > 10_000
    if os.environ.get("OBSIDIAN_UPDATE_DOCS_IMAGES") == "1":
        shutil.copy(picture, DOCS_IMAGE)
