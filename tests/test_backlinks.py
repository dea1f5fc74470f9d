"""Backlinks: "Linked mentions" at the end of each note (OFM-SPEC section 8, issue 5)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sphinx.testing.util import SphinxTestApp

from .conftest import backlinks


def test_each_note_lists_the_pages_linking_to_it(built_root: Callable[..., SphinxTestApp]) -> None:
    app = built_root("backlinks")
    assert backlinks(app, "beta") == [
        ("alpha.html", "Alpha note"),
        ("gamma.html", "Gamma"),
        ("page.html", "Page"),
    ]
    assert backlinks(app, "alpha") == [("beta.html", "Beta")]
    assert backlinks(app, "gamma") == []
    assert backlinks(app, "page") == []  # reStructuredText pages are not notes
    html = (Path(app.outdir) / "beta.html").read_text()
    assert '<p class="rubric">Linked mentions</p>' in html


def test_heading_is_configurable(built_root: Callable[..., SphinxTestApp]) -> None:
    app = built_root("backlinks", obsidian_backlinks_heading="Backlinks")
    assert '<p class="rubric">Backlinks</p>' in (Path(app.outdir) / "beta.html").read_text()


def test_backlinks_can_be_switched_off(built_root: Callable[..., SphinxTestApp]) -> None:
    app = built_root("backlinks", obsidian_backlinks=False)
    assert "obsidian-backlinks" not in (Path(app.outdir) / "beta.html").read_text()


def test_incremental_builds_rewrite_pages_whose_backlinks_change(
    copy_root: Callable[[str], Path],
    build,  # type: ignore[no-untyped-def]
) -> None:
    src = copy_root("backlinks")
    build(src)
    gamma = src / "gamma.md"
    gamma.write_text("# Gamma\n\n![[beta#Part]] and a link to [[alpha]].\n", encoding="utf-8")
    second = build(src)
    assert second.documents_read == ["gamma"]  # type: ignore[attr-defined]
    assert backlinks(second, "alpha") == [("beta.html", "Beta"), ("gamma.html", "Gamma")]
    gamma.write_text("# Gamma\n\nNo links any more.\n", encoding="utf-8")
    third = build(src)
    assert backlinks(third, "alpha") == [("beta.html", "Beta")]
    assert backlinks(third, "beta") == [("alpha.html", "Alpha note"), ("page.html", "Page")]


def test_parallel_build_gives_the_same_backlinks(
    copy_root: Callable[[str], Path],
    build,  # type: ignore[no-untyped-def]
) -> None:
    src = copy_root("backlinks")
    serial_app = build(src, freshenv=True)
    serial = {doc: backlinks(serial_app, doc) for doc in ("alpha", "beta")}
    parallel_app = build(src, freshenv=True, parallel=2)
    assert {doc: backlinks(parallel_app, doc) for doc in ("alpha", "beta")} == serial


def test_heading_and_titles_are_escaped(built_root: Callable[..., SphinxTestApp]) -> None:
    app = built_root("backlinks", obsidian_backlinks_heading="<b>Mentions</b>")
    html = (Path(app.outdir) / "beta.html").read_text()
    assert '<p class="rubric">&lt;b&gt;Mentions&lt;/b&gt;</p>' in html
    assert "<b>Mentions</b>" not in html
