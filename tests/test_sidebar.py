"""The vault's branch of the theme's sidebar: drawn around each page, never
growing with the rest of the vault (issue: large vaults in real themes)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

#: Sphinx's test applications default to the ``basic`` theme, which draws no toctree
ALABASTER = {"html_theme": "alabaster"}


def sidebar(app: SphinxTestApp, docname: str) -> str:
    """The navigation part of a page's sidebar (alabaster)."""
    html = (Path(app.outdir) / f"{docname}.html").read_text(encoding="utf-8")
    start = html.index("<h3>Navigation</h3>")
    end = re.compile(r"<div|<h3").search(html, start + 5)
    assert end is not None
    return html[start : end.start()]


def entries(navigation: str) -> list[str]:
    """``depth title`` for each entry, ``*`` marking the current page."""
    found = re.findall(
        r'<li class="toctree-l(\d)[^"]*"><a class="(current )?reference internal" '
        r'href="[^"]*">([^<]*)</a>',
        navigation,
    )
    return [f"{depth} {'*' if current else ''}{title}" for depth, current, title in found]


def furo_tree(app: SphinxTestApp, docname: str) -> str:
    """furo's navigation tree, which draws every level it is given."""
    html = (Path(app.outdir) / f"{docname}.html").read_text(encoding="utf-8")
    start = html.index('<div class="sidebar-tree">')
    return html[start : html.index("</div>", start)]


def test_a_pages_sidebar_does_not_grow_with_other_folders(
    copy_root: Callable[[str], Path], build
) -> None:  # type: ignore[no-untyped-def]
    src = copy_root("sidebar")
    furo = {"html_theme": "furo"}
    small = build(src, confoverrides=furo)
    before = furo_tree(small, "a/Beech")
    assert "Bird 10" not in before  # the other folder is one entry, not its notes
    # six times the notes: a sidebar that grew with them would show it
    for number in range(11, 60):
        (src / "b" / f"Bird{number}.md").write_text(f"# Bird {number}\n", encoding="utf-8")
    large = build(src, freshenv=True, confoverrides=furo)
    assert furo_tree(large, "a/Beech") == before
    # the same notes in alabaster: the pages are written again, not read again
    assert entries(sidebar(build(src, confoverrides=ALABASTER), "a/Beech")) == [
        "1 About",  # the project's own toctree, as Sphinx draws it
        "1 a",
        "2 Ash",
        "2 *Beech",
        "3 Bark",  # the current page's sections
        "2 Cherry",
        "1 b",
    ]


def test_a_long_level_shows_the_neighbours_and_a_link_to_the_rest(
    copy_root: Callable[[str], Path], build
) -> None:  # type: ignore[no-untyped-def]
    app = build(copy_root("sidebar"), confoverrides=ALABASTER)
    navigation = sidebar(app, "b/Bird05")
    assert entries(navigation) == [
        "1 About",
        "1 a",
        "1 b",
        "2 Bird 03",
        "2 Bird 04",
        "2 *Bird 05",
        "2 Bird 06",
        "2 Bird 07",
        "2 \u2026 5 more",
    ]
    assert '<a class="reference internal" href="index.html">\u2026 5 more</a>' in navigation


@pytest.mark.sphinx(
    "html",
    testroot="sidebar",
    freshenv=True,
    confoverrides={**ALABASTER, "obsidian_sidebar_limit": 200},
)
def test_a_small_vault_is_drawn_whole_as_sphinx_draws_it(app: SphinxTestApp) -> None:
    app.build()
    listed = entries(sidebar(app, "b/Bird05"))
    assert "2 Bird 10" in listed and "2 Bird 01" in listed
    assert not any("more" in entry for entry in listed)


def test_the_projects_own_toctrees_are_drawn_for_each_page(
    copy_root: Callable[[str], Path], build
) -> None:  # type: ignore[no-untyped-def]
    src = copy_root("sidebar")
    (src / "a" / "deep").mkdir()
    (src / "a" / "deep" / "Fir.md").write_text("# Fir\n", encoding="utf-8")
    # the project's own toctree names one note of the vault
    (src / "index.md").write_text("# Home\n\n```{toctree}\nabout\na/Ash\n```\n", encoding="utf-8")
    app = build(src, confoverrides=ALABASTER)
    about = '<a class="reference internal" href="{}about.html">About</a>'
    # links relative to each page's own folder, however many pages share it
    assert about.format("../../") in sidebar(app, "a/deep/Fir")
    assert about.format("../") in sidebar(app, "a/Beech")
    # the note the project names is current in the project's part on its own page only
    own_ash = re.compile(r'<li class="toctree-l1 current"><a class="current reference internal"')
    assert own_ash.search(sidebar(app, "a/Ash").split('href="../index.html"')[0])
    assert not own_ash.search(sidebar(app, "a/Beech").split('href="../index.html"')[0])
