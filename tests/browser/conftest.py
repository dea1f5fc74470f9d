"""Fixtures of the browser tests: headless Chromium, and Sphinx builds that live
as long as a test module (each module builds its pages once).

They are marked ``browser`` and left out of the README's test command, which
must stay fast on two cores: ``python -m pytest -m browser`` runs them, and so
does CI (``tox -e browser``). They skip, saying why, only where Chromium cannot
be found. Screenshots go to ``ARTEFACTS``.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from ..conftest import ROOTS

ARTEFACTS = Path(__file__).parent / "artefacts"
#: where the documentation keeps its pictures of pages
DOCS_PICTURES = Path(__file__).parents[2] / "docs" / "_static"


def keep_picture(shot: Path, docs_name: str) -> None:
    """Check that a screenshot holds a picture; with ``OBSIDIAN_UPDATE_DOCS_IMAGES=1``,
    make it the documentation's picture ``docs/_static/<docs_name>``."""
    assert shot.stat().st_size > 10_000
    if os.environ.get("OBSIDIAN_UPDATE_DOCS_IMAGES") == "1":
        target = DOCS_PICTURES / docs_name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, target)


#: the five themes, by the name ``html_theme`` takes
THEMES = {
    "furo": "furo",
    "pydata": "pydata_sphinx_theme",
    "book": "sphinx_book_theme",
    "rtd": "sphinx_rtd_theme",
    "alabaster": "alabaster",
}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test of this folder ``browser``."""
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.browser)


def _binary(*names: str) -> str | None:
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
    chromium = _binary("chromium", "chromium-browser", "google-chrome")
    driver_path = _binary("chromedriver")
    if chromium is None or driver_path is None:
        pytest.skip(
            "Chromium and ChromeDriver are not installed (apt-get install chromium chromium-driver)"
        )
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in (
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run", "--window-size=1000,1400",
    ):  # fmt: skip
        options.add_argument(flag)
    # what pages write to the console, for tests that check scripts raise nothing
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = webdriver.ChromeService(executable_path=driver_path)
    driver = webdriver.Chrome(options=options, service=service)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture(scope="module")
def make_app(request: pytest.FixtureRequest) -> Any:
    from sphinx.testing.util import SphinxTestApp

    apps: list[SphinxTestApp] = []

    def _make(*args: Any, **kwargs: Any) -> SphinxTestApp:
        app = SphinxTestApp(*args, **kwargs)
        apps.append(app)
        return app

    yield _make
    for app in apps:
        app.cleanup()


def open_page(browser: Any, address: str | Path, size: tuple[int, int] | None = None) -> None:
    """Load a page afresh, in a window of ``size`` when given, and wait until
    the browser shows it.

    The page is loaded from ``about:blank``, so that opening the page already
    shown is a new load and never a reload keeping its state. ChromeDriver can
    return from the second load before the page has replaced ``about:blank``
    (seen on a busy machine: a test then found an empty page), so the load
    is waited for.
    """
    from selenium.webdriver.support.wait import WebDriverWait

    browser.get("about:blank")
    if size is not None:
        browser.set_window_size(*size)
    browser.get(address.as_uri() if isinstance(address, Path) else address)
    WebDriverWait(browser, 20, poll_frequency=0.05).until(
        lambda driver: (
            driver.current_url != "about:blank"
            and driver.execute_script("return document.readyState") == "complete"
        )
    )


def rgb(css_colour: str) -> tuple[int, ...]:
    """The red, green and blue of a computed CSS colour (``rgb(...)`` or ``rgba(...)``)."""
    inside = css_colour[css_colour.index("(") + 1 : css_colour.index(")")]
    return tuple(int(float(part)) for part in inside.split(",")[:3])


# -- the callout showcase built in each theme, once per test module ----------------


@pytest.fixture(scope="session")
def showcase(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[..., Path]]:
    """The callout showcase built in a theme, once per test session (the
    browser modules share the builds)."""
    from sphinx.testing.util import SphinxTestApp

    apps: dict[str, tuple[SphinxTestApp, Path]] = {}

    def _build(theme: str, **conf: Any) -> Path:
        key = repr((theme, sorted(conf.items())))
        if key not in apps:
            src = tmp_path_factory.mktemp(theme) / "src"
            shutil.copytree(ROOTS / "test-callout-showcase", src)
            app = SphinxTestApp(
                "html", srcdir=src, confoverrides={"html_theme": THEMES[theme], **conf}
            )
            app.build()
            apps[key] = (app, Path(app.outdir) / "index.html")
        return apps[key][1]

    yield _build
    for app, _ in apps.values():
        app.cleanup()


@pytest.fixture(scope="session", params=list(THEMES))
def page(request: pytest.FixtureRequest, showcase: Callable[..., Path]) -> tuple[str, Path]:
    return request.param, showcase(request.param)


@pytest.fixture(scope="session", params=["furo", "pydata", "alabaster"])
def obsidian_page(
    request: pytest.FixtureRequest, showcase: Callable[..., Path]
) -> tuple[str, Path]:
    theme = request.param
    return theme, showcase(theme, obsidian_callout_style="obsidian")
