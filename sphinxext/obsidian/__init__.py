"""Publish Obsidian vaults with Sphinx.

Add ``"sphinxext.obsidian"`` to ``extensions`` in ``conf.py`` and the
project's Markdown files are read as Obsidian notes: ``[[wikilinks]]``
resolve the way Obsidian resolves them, callouts become admonitions, block ids
become link targets, notes without a ``#`` heading get a title, and
reStructuredText pages use the same links and boxes through the ``wikilink``
role and the ``callout`` directive. MyST-Parser is set up automatically.

Where things live: :mod:`.syntax` (markdown-it rules), :mod:`.myst` (the
parser hook), :mod:`.domain` and :mod:`.resolution` (link resolution),
:mod:`.callouts`, :mod:`.blocks` (block ids), :mod:`.roles`,
:mod:`.properties` (front matter), :mod:`.navigation` (folder and tag pages),
:mod:`.titles` (page titles rendered once), :mod:`.notebooks` (myst-nb's
sources), :mod:`.single_page` (ids in ``singlehtml``), :mod:`.compat` (every
use of another project's private names), :mod:`.config`, :mod:`.warnings`
and :mod:`.assets`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

#: Bumped whenever the data the extension stores in the environment changes,
#: so Sphinx re-reads everything instead of mixing old and new data.
ENV_VERSION = 8


def setup(app: Sphinx) -> ExtensionMetadata:
    """Register the extension with Sphinx (and MyST-Parser, which it builds on)."""
    from . import assets, config
    from .backlinks import setup_backlinks
    from .blocks import LaTeXBlockTargets
    from .callouts import setup_callouts
    from .diagrams import setup_diagrams
    from .domain import setup_domain
    from .embeds import setup_embeds
    from .exclusion import setup_exclusion
    from .myst import ObsidianParser
    from .navigation import setup_navigation
    from .nodes import setup_nodes
    from .notebooks import setup_notebooks
    from .panel import setup_page_properties
    from .roles import WikilinkRole
    from .sidebar import setup_sidebar
    from .single_page import setup_single_page
    from .source_copies import setup_source_copies
    from .titles import setup_titles
    from .writer_guards import DownloadsOutOfTitles, LaTeXWritableShapes

    if "myst_nb" not in app.extensions:
        # myst-nb sets MyST-Parser up itself, without loading it as an extension
        # (loading it again would register ``.md`` twice)
        app.setup_extension("myst_parser")
    config.register(app)
    setup_exclusion(app)
    # replaces MyST's parser for Markdown sources: same parser, Obsidian rules added
    app.add_source_parser(ObsidianParser, override=True)
    app.add_role("wikilink", WikilinkRole())
    setup_domain(app)
    app.add_post_transform(LaTeXBlockTargets)
    app.add_post_transform(LaTeXWritableShapes)
    app.add_transform(DownloadsOutOfTitles)
    setup_callouts(app)
    setup_embeds(app)
    setup_nodes(app)
    setup_backlinks(app)
    setup_navigation(app)
    setup_page_properties(app)
    setup_titles(app)
    setup_sidebar(app)
    setup_single_page(app)
    setup_source_copies(app)
    setup_diagrams(app)
    setup_notebooks(app)
    app.connect("builder-inited", assets.add_assets)
    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
