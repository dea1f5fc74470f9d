"""Publish Obsidian vaults with Sphinx.

Add ``"sphinxext.obsidian"`` to ``extensions`` in ``conf.py`` and the
project's Markdown files are read as Obsidian notes: ``[[wikilinks]]``
resolve the way Obsidian resolves them, callouts become admonitions, block ids
become link targets, notes without a ``#`` heading get a title, and
reStructuredText pages use the same links and boxes through the ``wikilink``
role and the ``callout`` directive. MyST-Parser is set up automatically.

Where things live, in the order a build meets them:

* reading the configuration: :mod:`.config` (every ``obsidian_*`` value),
  :mod:`.exclusion` and :mod:`.source_folder` (drafts, templates and the
  build's own folders left out);
* reading a note: :mod:`.syntax` (the markdown-it rules), :mod:`.myst` (the
  parser and renderer that join MyST), :mod:`.notebooks` (myst-nb's sources),
  :mod:`.canvas_format` and :mod:`.canvas` (``.canvas`` files as pages),
  :mod:`.bases` with :mod:`.base_expressions` and :mod:`.base_functions`
  (``.base`` files and ``base`` fences: views evaluated when writing),
  :mod:`.properties` (front matter), :mod:`.panel` (the properties panel),
  :mod:`.tags` (tags, their links and their pages), :mod:`.callouts`,
  :mod:`.embeds` (attachments, and notes transcluded when written),
  :mod:`.blocks` (block ids), :mod:`.diagrams` (Mermaid), :mod:`.roles`
  (the ``wikilink`` role), and :mod:`.nodes`, every node class they make;
* after every note is read: :mod:`.domain` (per-document data, links
  resolved) with :mod:`.resolution` (Obsidian's rules), :mod:`.navigation`
  (folder and tag pages), :mod:`.backlinks` (linked and unlinked mentions, with
  the sentence around each);
* writing: :mod:`.previews` (what a link shows when hovered), :mod:`.graph`
  (the local and whole-vault graphs), :mod:`.feeds` (the Atom and RSS feeds and
  lists of recent notes), :mod:`.redirects` (pages at aliases' and permalinks'
  addresses), :mod:`.sidebar` (the vault's part of a theme's sidebar),
  :mod:`.single_page` (ids in ``singlehtml``), :mod:`.writer_guards`
  (shapes writers cannot take), :mod:`.title_renders` (the HTML builder's
  title renders, once each), :mod:`.source_copies` (comments out of
  "show source"), :mod:`.assets` (stylesheets and script);
* throughout: :mod:`.warnings` (the typed warnings) and :mod:`.compat`
  (every use of another project's private names).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

#: Bumped whenever the data the extension stores in the environment changes,
#: so Sphinx re-reads everything instead of mixing old and new data.
ENV_VERSION = 12


def setup(app: Sphinx) -> ExtensionMetadata:
    """Register the extension with Sphinx (and MyST-Parser, which it builds on)."""
    from . import assets, config
    from .backlinks import setup_backlinks
    from .bases import setup_bases
    from .blocks import LaTeXBlockTargets
    from .callouts import setup_callouts
    from .canvas import setup_canvas
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
    from .title_renders import setup_titles
    from .writer_guards import DownloadsOutOfTitles, LaTeXWritableShapes

    if "myst_nb" not in app.extensions and "myst_nb" not in app.config.extensions:
        # myst-nb sets MyST-Parser up itself, before or after this extension,
        # without loading it as an extension: loading it too would register
        # ``.md`` twice (and, with MyST-Parser 4, set its transforms up twice)
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
    setup_canvas(app)
    setup_bases(app)
    setup_nodes(app)
    setup_backlinks(app)
    _setup_garden(app)
    setup_navigation(app)
    setup_page_properties(app)
    setup_titles(app)
    setup_sidebar(app)
    setup_single_page(app)
    setup_source_copies(app)
    setup_diagrams(app)
    setup_notebooks(app)
    app.connect("builder-inited", assets.add_assets)
    app.connect("html-page-context", assets.add_early_folding)
    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }


def _setup_garden(app: Sphinx) -> None:
    """What readers of a published vault expect around the notes: previews of
    links, graphs, feeds and redirects."""
    from .feeds import setup_feeds
    from .graph import setup_graph
    from .previews import setup_previews
    from .redirects import setup_redirects

    setup_previews(app)
    setup_graph(app)
    setup_feeds(app)
    setup_redirects(app)
