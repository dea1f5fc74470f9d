"""Notes and notebooks read by myst-nb's parser.

A project that loads myst-nb (as Jupyter Book projects do) hands every ``.md``
and ``.ipynb`` source to myst-nb's parser, whatever the order of
``extensions``. Once every extension is set up, the extension puts its own
parser in that place: Markdown files that are not notebooks are read as
notes, exactly as without myst-nb, and notebooks (``.ipynb`` files and MyST
Markdown notebooks) are read by myst-nb with the Obsidian syntax added to its
markdown-it parser and a renderer that knows the Obsidian tokens, so
wikilinks, callouts, embeds and tags work in Markdown cells, the notebook's
metadata is its properties and its first ``#`` heading its title.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from markdown_it.token import Token

from .myst import ObsidianParser, ObsidianRenderer, reset_document, titled_page
from .nodes import obsidian_domain
from .syntax import obsidian_plugin
from .warnings import ObsidianWarning, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

__all__ = ["setup_notebooks"]

#: notebook metadata that myst-nb keeps for itself, never a property
_NOT_PROPERTIES = frozenset(
    {"kernelspec", "language_info", "source_map", "widgets", "jupytext", "mystnb"}
)


def _as_written(value: Any) -> Any:
    """A notebook metadata value as the properties panel shows it."""
    if isinstance(value, list):
        return [_as_written(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _as_written(item) for key, item in value.items()}
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def _notebook_parser() -> type[Any]:
    """The parser for myst-nb's file type (myst-nb imported only when loaded)."""
    from myst_nb.core.read import create_nb_reader
    from myst_nb.sphinx_ import Parser as NotebookParser
    from myst_nb.sphinx_ import SphinxNbRenderer

    from .compat import notebook_markdown_parser

    class ObsidianNotebookRenderer(ObsidianRenderer, SphinxNbRenderer):  # type: ignore[misc]
        """myst-nb's renderer, plus Obsidian's tokens, titles and properties."""

        def _note_front_matter(
            self, tokens: list[Token], options: Any
        ) -> tuple[dict[str, Any], dict[str, Any]]:
            """The notebook's metadata as its properties (myst-nb renders them
            as the page's metadata, as MyST does a note's front matter)."""
            client = options.get("nb_client")
            if client is None or not tokens or tokens[0].type != "nb_initialise":
                return {}, {}
            properties = {
                str(key): value
                for key, value in client.nb_metadata.items()
                if key not in _NOT_PROPERTIES
            }
            return properties, {key: _as_written(value) for key, value in properties.items()}

    class ObsidianNotebookParser(ObsidianParser, NotebookParser):  # type: ignore[misc]
        """myst-nb's parser for notebooks, the extension's for notes."""

        supported = NotebookParser.supported  # type: ignore[misc]

        def parse(self, inputstring: str, document: Any) -> None:
            env = document.settings.env
            notebook = not document.current_source.endswith("<translated>") and (
                create_nb_reader(
                    str(env.doc2path(env.docname)), env.myst_config, env.mystnb_config, inputstring
                )
                is not None
            )
            if not notebook:
                super().parse(inputstring, document)
                return
            try:
                with notebook_markdown_parser(ObsidianNotebookRenderer, obsidian_plugin):
                    NotebookParser.parse(self, inputstring, document)
                return
            except Exception as error:  # one notebook must not cost the site
                failure = error
            _forget(document, env)
            try:  # as myst-nb alone reads it
                NotebookParser.parse(self, inputstring, document)
                why = "is built without its Obsidian syntax"
            except Exception as error:
                _forget(document, env)
                titled_page(document, nodes.paragraph("", "This notebook could not be read."))
                why, failure = "could not be read", error
            warn(
                ObsidianWarning.NOT_RENDERED,
                f"the notebook {why} after an unexpected {type(failure).__name__}: {failure}",
                (env.docname, None),
                env.config,
            )

    return ObsidianNotebookParser


def _forget(document: Any, env: Any) -> None:
    """Empty a notebook that a failed read left half-built, and forget its data
    (it stays a page of its folder)."""
    reset_document(document)
    domain = obsidian_domain(env)
    domain.clear_doc(env.docname)
    domain.record_note(env.docname, [])


def use_notebook_parser(app: Sphinx, config: Config) -> None:
    """Read myst-nb's sources with the extension's parser, when myst-nb is loaded."""
    if "myst_nb" in app.extensions:
        app.add_source_parser(_notebook_parser(), override=True)


def setup_notebooks(app: Sphinx) -> None:
    # after every extension's setup, whichever order ``extensions`` lists them in
    app.connect("config-inited", use_notebook_parser)
