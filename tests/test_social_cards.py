"""Social cards and meta descriptions (sphinxext-opengraph) describe a note by
its ``description`` property, else by its opening, never by its properties panel."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

pytest.importorskip("sphinxext.opengraph", reason="sphinxext-opengraph is not installed")


@pytest.fixture(scope="module")
def cards(built_root: Callable[..., SphinxTestApp]) -> SphinxTestApp:
    return built_root("social-cards")


def og_description(app: SphinxTestApp, page: str) -> str:
    html = (Path(app.outdir) / f"{page}.html").read_text(encoding="utf-8")
    found = re.search(r'<meta property="og:description" content="([^"]*)"', html)
    assert found is not None
    return found.group(1)


def test_the_description_property_describes_the_note(cards: SphinxTestApp) -> None:
    assert og_description(cards, "Described").startswith("The famine years, in one page.")


def test_without_one_the_opening_describes_it(cards: SphinxTestApp) -> None:
    assert og_description(cards, "Plain") == "The opening sentence of this note."


def test_the_page_still_shows_its_properties(cards: SphinxTestApp) -> None:
    html = (Path(cards.outdir) / "Plain.html").read_text(encoding="utf-8")
    assert '<dl class="obsidian-properties' in html
