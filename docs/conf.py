"""Sphinx configuration of the sphinxext-obsidian documentation.

The pages are Obsidian notes: front matter, ``[[wikilinks]]``, callouts and
embeds, built by the extension they document.
"""

from __future__ import annotations

import sys
from pathlib import Path

from sphinxext.obsidian import __version__

sys.path.insert(0, str(Path(__file__).parent / "_ext"))

project = "sphinxext-obsidian"
author = "sphinxext-obsidian developers"
copyright = "2026, sphinxext-obsidian developers"
version = release = __version__

extensions = [
    "sphinxext.obsidian",
    "obsidian_docs",
]

root_doc = "index"
# the tables that the benchmarks write, included by the pages that show them
exclude_patterns = [
    "_build",
    "Thumbs.db",
    ".DS_Store",
    # the tables pages include, not pages of their own
    "_*.md",
]

# these pages wrap their lines at 100 characters, as Markdown allows; notes
# written in Obsidian keep one paragraph on one line and break where they mean to
obsidian_strict_line_breaks = True

html_theme = "furo"
html_title = "sphinxext-obsidian"
html_static_path = ["_static"]
html_css_files = ["docs.css"]

# every link of these pages must resolve: Read the Docs builds them with
# ``fail_on_warning: true`` and the continuous integration with ``-W``
nitpicky = True
