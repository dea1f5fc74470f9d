"""The places of the output folder that the build's own pages take.

The extension writes files beside the pages (hover previews, feeds); a note's
name can make a page at the same path (a note ``atom.xml`` is the folder
``atom.xml/`` in ``dirhtml``), and a file written there first would stop
Sphinx writing the page. A place is checked against every page's file and
the folders holding them, found once per builder and process.
"""

from __future__ import annotations

import posixpath
import weakref
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.builders import Builder

__all__ = ["SITE_BUILDERS", "taken_by_pages"]

#: The builders that write a site of one HTML page per document, beside which
#: the extension writes its own files (previews, graphs, feeds, redirects);
#: ``singlehtml`` and ePub join every page into one and get none of them.
SITE_BUILDERS = frozenset(("html", "dirhtml"))

#: per builder: the pages' files, and the folders holding them (relative paths)
_PLACES: weakref.WeakKeyDictionary[Builder, tuple[set[str], set[str]]] = weakref.WeakKeyDictionary()


def _places(builder: Builder) -> tuple[set[str], set[str]]:
    places = _PLACES.get(builder)
    if places is None:
        files: set[str] = set()
        folders: set[str] = set()
        outdir = Path(builder.outdir)
        for docname in builder.env.found_docs:
            page = Path(builder.get_outfilename(docname))  # type: ignore[attr-defined]
            relative = page.relative_to(outdir).as_posix()
            files.add(relative)
            folder = posixpath.dirname(relative)
            while folder and folder not in folders:
                folders.add(folder)
                folder = posixpath.dirname(folder)
        places = _PLACES[builder] = (files, folders)
    return places


def taken_by_pages(builder: Builder, path: Path) -> bool:
    """Whether a file at ``path`` (in the output folder) would stand where a
    page of the build is, or a folder of pages, or inside a page's file; or
    where a folder already is."""
    files, folders = _places(builder)
    relative = path.relative_to(Path(builder.outdir)).as_posix()
    if relative in files or relative in folders or path.is_dir():
        return True
    parent = posixpath.dirname(relative)
    while parent:
        if parent in files:
            return True
        parent = posixpath.dirname(parent)
    return False
