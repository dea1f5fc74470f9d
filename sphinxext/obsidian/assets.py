"""The stylesheet shipped with the extension, for HTML builders only."""

from __future__ import annotations

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

    Connected to ``builder-inited``: the static path is known to the builder
    before it copies static files, which for ePub happens before the book is
    packed, so the file is inside every HTML-format output.
    """
    if app.builder.format != "html":
        return
    static = str(STATIC_DIR)
    if static not in app.config.html_static_path:
        app.config.html_static_path.append(static)
    app.add_css_file(STYLESHEET)
