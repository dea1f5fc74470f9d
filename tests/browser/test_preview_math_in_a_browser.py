"""Math in hover previews, in a real browser, in furo and alabaster: the
preview's math is typeset by the site's MathJax. A page without math of its
own loads MathJax when a preview first shows math, once, configured as Sphinx
configures it on pages with math; a page with math uses the MathJax it has.

The site's MathJax is a stand-in (``_static/stub-mathjax.js`` of the test
root: these tests have no network) that replaces each math element's TeX with
a marked element, as MathJax replaces it with its rendering.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from ..conftest import ROOTS
from .conftest import THEMES, open_page


@pytest.fixture(scope="module", params=["furo", "alabaster"])
def site(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Path]:
    from sphinx.testing.util import SphinxTestApp

    src = tmp_path_factory.mktemp(f"preview-math-{request.param}") / "src"
    shutil.copytree(ROOTS / "test-preview-math", src)
    app = SphinxTestApp("html", srcdir=src, confoverrides={"html_theme": THEMES[request.param]})
    app.build()
    yield Path(app.outdir)
    app.cleanup()


def _hover(browser: Any, text: str) -> None:
    link = browser.find_element(
        By.XPATH, f"//a[contains(@class, 'obsidian-link') and normalize-space()='{text}']"
    )
    ActionChains(browser).move_to_element(link).perform()


def _typeset_in_popover(browser: Any, title: str) -> list[str]:
    """The TeX of each math element typeset in the popover showing ``title``."""
    script = (
        "const p = document.querySelector('.obsidian-popover');"
        "if (!p || p.hidden || !p.querySelector('.obsidian-popover-title')) return null;"
        "if (p.querySelector('.obsidian-popover-title').textContent !== arguments[0]) return null;"
        "const math = [...p.querySelectorAll('span.math, div.math')];"
        "if (!math.length || math.some(m => !m.querySelector('mjx-container'))) return null;"
        "return math.map(m => m.querySelector('mjx-container').dataset.tex.trim());"
    )
    found: list[str] = WebDriverWait(browser, 3, poll_frequency=0.05).until(
        lambda b: b.execute_script(script, title)
    )
    return found


def _record(browser: Any) -> dict[str, Any] | None:
    found = browser.execute_script("return window.stubMathJax || null")
    return dict(found) if found is not None else None


def _away(browser: Any) -> None:
    """Point at the page's heading, closing the popover."""
    ActionChains(browser).move_to_element(browser.find_element(By.TAG_NAME, "h1")).perform()
    WebDriverWait(browser, 2, poll_frequency=0.05).until(
        lambda b: b.execute_script(
            "const p = document.querySelector('.obsidian-popover'); return !p || p.hidden"
        )
    )


def test_a_page_without_math_loads_mathjax_for_a_preview_with_math(
    browser: Any, site: Path
) -> None:
    open_page(browser, site / "index.html", size=(1200, 900))
    # Sphinx gives a page without math no MathJax
    assert _record(browser) is None
    _hover(browser, "Energy")
    assert _typeset_in_popover(browser, "Energy") == [
        r"\(E = mc^2\)",
        r"\(c\)",
        r"\[E_k = \frac{1}{2} m v^2\]",
    ]
    record = _record(browser)
    assert record is not None
    # loaded once, configured first, with the site's attributes on its tag
    assert record["loads"] == 1
    assert json.loads(record["configs"][0])["tex"] == {"tags": "ams"}
    assert record["referrerpolicy"] == "no-referrer"
    # a second preview with math uses the MathJax now loaded
    _away(browser)
    _hover(browser, "Waves")
    assert _typeset_in_popover(browser, "Waves") == [r"\(f\)", r"\(E = hf\)"]
    record = _record(browser)
    assert record is not None and record["loads"] == 1


def test_a_page_with_math_typesets_previews_with_its_own_mathjax(browser: Any, site: Path) -> None:
    open_page(browser, site / "Waves.html", size=(1200, 900))
    WebDriverWait(browser, 3, poll_frequency=0.05).until(lambda b: _record(b) is not None)
    # pointed at while the page's MathJax is still starting (600 ms)
    assert browser.execute_script("return typeof MathJax.typesetPromise") == "undefined"
    _hover(browser, "Energy")
    assert _typeset_in_popover(browser, "Energy")[0] == r"\(E = mc^2\)"
    record = _record(browser)
    # Sphinx's MathJax, the page's own (its address ends in "?v=..."): never a second one
    assert record is not None and record["loads"] == 1


def test_the_popover_is_placed_again_once_its_math_is_typeset(browser: Any, site: Path) -> None:
    # a low window, the link at its bottom: the popover opens above the link,
    # and the typeset display is taller than its TeX, so it must be placed again
    open_page(browser, site / "index.html", size=(1200, 560))
    link = browser.find_element(
        By.XPATH, "//a[contains(@class, 'obsidian-link') and normalize-space()='Energy, again']"
    )
    browser.execute_script("arguments[0].scrollIntoView({block: 'end', behavior: 'instant'})", link)
    ActionChains(browser).move_to_element(link).perform()
    _typeset_in_popover(browser, "Energy")
    WebDriverWait(browser, 2, poll_frequency=0.05).until(
        lambda b: b.execute_script(
            "const p = arguments[0].getBoundingClientRect();"
            "const a = document.querySelector('.obsidian-popover').getBoundingClientRect();"
            "return a.height > 160 && a.bottom <= p.top && a.top >= 0",
            link,
        )
    )
