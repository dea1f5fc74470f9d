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

from .myst import ObsidianParser, ObsidianRenderer, titled_page, translated_message
from .nodes import obsidian_domain
from .syntax import obsidian_plugin
from .warnings import ObsidianWarning, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

__all__ = ["setup_notebooks"]

#: notebook metadata that Jupyter, myst-nb and MyST keep for themselves, never a property
_NOT_PROPERTIES = frozenset(
    {"kernelspec", "language_info", "source_map", "widgets", "jupytext", "mystnb", "myst",
     "substitutions", "html_meta"}
)  # fmt: skip


def _metadata_as_written(value: Any) -> Any:
    """A notebook metadata value as the properties panel shows it (``None`` is no value)."""
    if isinstance(value, list):
        return [_metadata_as_written(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _metadata_as_written(item) for key, item in value.items()}
    if isinstance(value, bool):
        return "true" if value else "false"
    return None if value is None else str(value)


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
            if not tokens or tokens[0].type != "nb_initialise":
                return {}, {}
            hidden = {*_NOT_PROPERTIES, self.nb_config.metadata_key}
            properties = {
                str(key): value
                for key, value in self.nb_client.nb_metadata.items()
                if key not in hidden
            }
            return properties, {key: _metadata_as_written(v) for key, v in properties.items()}

    class ObsidianNotebookParser(ObsidianParser, NotebookParser):  # type: ignore[misc]
        """myst-nb's parser for notebooks, the extension's for notes."""

        supported = NotebookParser.supported  # type: ignore[misc]

        def parse(self, inputstring: str, document: Any) -> None:
            env = document.settings.env
            reader = None
            if not translated_message(document):
                reader = create_nb_reader(
                    str(env.doc2path(env.docname)), env.myst_config, env.mystnb_config, inputstring
                )
            if reader is None:  # a note (or a translated message of one)
                super().parse(inputstring, document)
                return
            options = {"obsidian_may_comment": "%%" in inputstring}
            with notebook_markdown_parser(
                ObsidianNotebookRenderer, obsidian_plugin, options
            ) as made:
                try:
                    NotebookParser.parse(self, inputstring, document)
                except Exception as error:
                    if made:
                        # myst-nb read the notebook and failed later (a cell that
                        # fails where the project asks for that to stop the
                        # build): myst-nb's to report, as without this extension
                        raise
                    # a notebook that cannot be read: a page that says so
                    titled_page(document, nodes.paragraph("", "This notebook could not be read."))
                    obsidian_domain(env).record_note(env.docname)  # still a page of its folder
                    warn(
                        ObsidianWarning.NOT_RENDERED,
                        f"the notebook could not be read: {type(error).__name__}: {error}",
                        (env.docname, None),
                        env.config,
                    )

    return ObsidianNotebookParser


def use_notebook_parser(app: Sphinx, config: Config) -> None:
    """Read myst-nb's sources with the extension's parser, when myst-nb is loaded."""
    if "myst_nb" in app.extensions:
        app.add_source_parser(_notebook_parser(), override=True)


def setup_notebooks(app: Sphinx) -> None:
    # after every extension's setup, whichever order ``extensions`` lists them in
    app.connect("config-inited", use_notebook_parser)
