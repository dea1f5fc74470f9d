"""Page titles shown around a page (previous, next, parents) are rendered once per build."""

from __future__ import annotations

import shutil
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from docutils import nodes
from sphinx.testing.util import SphinxTestApp

from sphinxext.obsidian.title_renders import TitleRenders

from .conftest import ROOTS

ROOT = ROOTS / "test-title-renders"


def _counting(app: SphinxTestApp) -> Counter[int]:
    """Count the renders that reach the builder, by node."""
    renders = app.builder.render_partial  # type: ignore[attr-defined]
    assert isinstance(renders, TitleRenders)
    calls: Counter[int] = Counter()
    render = renders._render

    def counted(node: nodes.Node | None) -> dict[str, str]:
        calls[id(node)] += 1
        return render(node)

    renders._render = counted
    return calls


def _pages(outdir: Path) -> dict[str, str]:
    return {
        str(page.relative_to(outdir)): page.read_text(encoding="utf-8")
        for page in sorted(outdir.rglob("*.html"))
    }


def test_each_title_is_rendered_once_and_pages_are_as_without_the_cache(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path
) -> None:
    shutil.copytree(ROOT, tmp_path / "cached")
    cached = make_app("html", srcdir=tmp_path / "cached", freshenv=True)
    calls = _counting(cached)
    cached.build()
    titles = {id(title) for title in cached.env.titles.values()}
    rendered = {node: count for node, count in calls.items() if node in titles}
    # the notes and folder pages were mentioned as previous, next or parent pages ...
    assert len(rendered) >= 6
    # ... and each title went through docutils once
    assert max(rendered.values()) == 1

    shutil.copytree(ROOT, tmp_path / "uncached")
    uncached = make_app("html", srcdir=tmp_path / "uncached", freshenv=True)
    uncached.builder.render_partial = uncached.builder.render_partial._render  # type: ignore[attr-defined]
    uncached.build()
    assert _pages(cached.outdir) == _pages(uncached.outdir)
    # inline markup and escaping in titles survive the reuse
    page = _pages(cached.outdir)["atlas/coasts/Portolan.html"]
    assert "The <em>Mercator</em> projection" in page
    nile = _pages(cached.outdir)["atlas/rivers/index.html"]
    assert "Charting the Nile &amp; its delta" in nile
