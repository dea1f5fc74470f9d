"""The stylesheet shipped with the extension, for HTML builders only."""

from __future__ import annotations

import filecmp
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__all__ = ["STATIC_DIR", "add_assets"]

#: The folder holding ``obsidian.css``.
STATIC_DIR = Path(__file__).parent / "static"
STYLESHEET = "obsidian.css"


def add_assets(app: Sphinx) -> None:
    """Add the stylesheet when the builder writes HTML (html, dirhtml, epub...).

    Connected to ``builder-inited``. The file is copied into the output's
    ``_static`` folder here, before any page is written (and, for ePub,
    before the book is packed), rather than by adding the extension's folder
    to ``html_static_path``: changing the user's configuration would make
    Sphinx report "the configuration has changed" on every rebuild.
    """
    if app.builder.format != "html":
        return
    static = Path(app.outdir, "_static")
    static.mkdir(parents=True, exist_ok=True)
    target = static / STYLESHEET
    if not target.is_file() or not filecmp.cmp(STATIC_DIR / STYLESHEET, target, shallow=False):
        shutil.copyfile(STATIC_DIR / STYLESHEET, target)
    app.add_css_file(STYLESHEET)
