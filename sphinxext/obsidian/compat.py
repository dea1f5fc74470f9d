"""Where the extension reaches past another project's public interface.

Each use of a name that Sphinx, MyST-Parser or myst-nb does not document as
public lives here, with the versions it was checked on and what breaks
without it, so that a new release that changes one of them breaks one
function, in one place, and its tests say which.
"""

from __future__ import annotations

import contextlib
import importlib
from collections.abc import Callable, Iterator
from typing import Any

from markdown_it import MarkdownIt

__all__ = ["notebook_markdown_parser"]


@contextlib.contextmanager
def notebook_markdown_parser(
    renderer: type[Any], plugin: Callable[[MarkdownIt], None]
) -> Iterator[None]:
    """While this is open, myst-nb builds its notebooks' Markdown parser with
    ``renderer`` and ``plugin``.

    myst-nb's Sphinx parser makes its markdown-it parser with
    ``create_md_parser(config, SphinxNbRenderer)``, a name imported into
    ``myst_nb.sphinx_``, and offers no way to add markdown-it rules or to
    choose the renderer; the name is swapped for the time of one notebook's
    parse (Sphinx reads documents one at a time in a process). Checked on
    myst-nb 1.4.0 with MyST-Parser 4.0 and 5.2. Without it, notebooks' Markdown
    cells show ``[[links]]`` and callouts as text; plain Markdown files read by
    myst-nb's parser do not depend on it.
    """
    module: Any = importlib.import_module("myst_nb.sphinx_")
    original = module.create_md_parser

    def create(config: Any, _renderer: type[Any]) -> MarkdownIt:
        md: MarkdownIt = original(config, renderer)
        md.use(plugin)
        return md

    module.create_md_parser = create
    try:
        yield
    finally:
        module.create_md_parser = original
