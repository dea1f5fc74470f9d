"""The stylesheets and the script shipped with the extension, for HTML builders only."""

from __future__ import annotations

import filecmp
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__all__ = ["STATIC_DIR", "add_assets", "copy_static"]

#: The folder holding ``obsidian.css`` and the rest.
STATIC_DIR = Path(__file__).parent / "static"
STYLESHEET = "obsidian.css"
#: Obsidian's own callout colours and icons (``obsidian_callout_style = "obsidian"``)
CALLOUT_STYLESHEET = "obsidian-callouts.css"
#: folds callouts written in the theme's markup (``obsidian_callout_style = "theme"``)
SCRIPT = "obsidian.js"
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
