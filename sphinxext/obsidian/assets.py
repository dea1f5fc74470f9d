"""The stylesheets and the script shipped with the extension, for HTML builders only."""

from __future__ import annotations

import filecmp
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__all__ = ["STATIC_DIR", "add_assets", "add_early_folding", "copy_static"]

#: The folder holding ``obsidian.css`` and the rest.
STATIC_DIR = Path(__file__).parent / "static"
STYLESHEET = "obsidian.css"
#: Obsidian's own callout colours and icons (``obsidian_callout_style = "obsidian"``)
CALLOUT_STYLESHEET = "obsidian-callouts.css"
#: folds callouts written in the theme's markup (``obsidian_callout_style = "theme"``)
SCRIPT = "obsidian.js"
#: Run in the page's head, before its body is shown: folded callouts stay
#: folded from the start, not only once ``obsidian.js`` has run (a long page
#: is shown while it loads). Should that script never run, the page's
#: ``load`` takes the class away again, and they are shown open, as without
#: scripts.
EARLY_FOLDING = (
    'document.documentElement.classList.add("obsidian-folds");'
    'window.addEventListener("load",function(){if(!window.obsidianFolds)'
    'document.documentElement.classList.remove("obsidian-folds")});'
)
#: zooms and pans canvas boards (they are readable without it)
CANVAS_SCRIPT = "obsidian-canvas.js"


def _copy(static: Path, name: str) -> None:
    target = static / name
    if not target.is_file() or not filecmp.cmp(STATIC_DIR / name, target, shallow=False):
        shutil.copyfile(STATIC_DIR / name, target)


def copy_static(app: Sphinx, name: str) -> None:
    """Copy one of the extension's static files into the output's ``_static``
    folder (once: an unchanged file is left alone), for a module adding it."""
    static = Path(app.outdir, "_static")
    static.mkdir(parents=True, exist_ok=True)
    _copy(static, name)


def add_assets(app: Sphinx) -> None:
    """Add the files the builder's pages need, when it writes HTML (html, dirhtml, epub...).

    Connected to ``builder-inited``. The files are copied into the output's
    ``_static`` folder here, before any page is written (and, for ePub,
    before the book is packed), rather than by adding the extension's folder
    to ``html_static_path``: changing the user's configuration would make
    Sphinx report "the configuration has changed" on every rebuild. ePub
    gets no script: its readers show every callout open and read canvases
    in order.
    """
    if app.builder.format != "html":
        return
    static = Path(app.outdir, "_static")
    static.mkdir(parents=True, exist_ok=True)
    names = [STYLESHEET]
    if app.config.obsidian_callout_style == "obsidian":
        names.append(CALLOUT_STYLESHEET)
    for name in names:
        _copy(static, name)
        app.add_css_file(name)
    if app.builder.name.startswith("epub"):
        return
    # the canvas script is added to the pages that show a board (see .canvas)
    _copy(static, CANVAS_SCRIPT)
    if app.config.obsidian_callout_style != "obsidian":
        _copy(static, SCRIPT)
        app.add_js_file(SCRIPT, loading_method="defer")


def _folds_with_script(app: Sphinx) -> bool:
    builder = app.builder
    return (
        builder.format == "html"
        and not builder.name.startswith("epub")
        and app.config.obsidian_callout_style != "obsidian"
    )


def add_early_folding(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Put :data:`EARLY_FOLDING` in the page's head (``html-page-context``).

    Through ``metatags``, which every theme writes in the head: furo, for one,
    writes the scripts Sphinx is given at the end of the body, after the
    callouts were shown.
    """
    # an embedded page (htmlhelp, qthelp...) is written without the theme's scripts
    if _folds_with_script(app) and not context.get("embedded"):
        context["metatags"] = f"{context.get('metatags', '')}<script>{EARLY_FOLDING}</script>\n"
