"""Where the extension reaches past another project's public interface.

Each use of a name that Sphinx, MyST-Parser or myst-nb does not document as
public lives here, with the versions it was checked on and what breaks
without it, so that a new release that changes one of them breaks one
function, in one place, and its tests say which. CI runs the tests on the
lowest supported versions (Sphinx 8.0, MyST-Parser 4.0, docutils 0.20) and
on the newest releases.

Not here: Sphinx's utility functions that its own extensions and many
others import (``sphinx.util.matching``, ``sphinx.util.logging``,
``sphinx.util.docutils``, ``sphinx.project.EXCLUDE_PATHS``,
``sphinx.highlighting.lexer_classes``) and the environment's documented
tables (``titles``, ``tocs``, ``toctree_includes``, ``metadata``); and the
building blocks MyST-Parser and myst-nb build their own parsers from, which
extensions of MyST use alike:
``myst_parser.parsers.mdit.create_md_parser``, ``merge_file_level``, the
``SphinxRenderer`` class (subclassed: its ``render`` wrapped, its
``render_*`` methods extended) and the parsed configuration MyST keeps on the
environment (``env.myst_config``).
"""

from __future__ import annotations

import contextlib
import importlib
from collections.abc import Callable, Iterator
from typing import Any

from markdown_it import MarkdownIt

__all__ = [
    "LOCALE_PRIORITY",
    "TRANSLATIONS_COUNTED",
    "add_document",
    "builder_class",
    "find_rule",
    "forget_document",
    "keep_document",
    "myst_document_settings",
    "notebook_markdown_parser",
    "read_again",
    "remove_document",
    "search_index_filenames",
    "title_renders",
    "translated_origin",
    "translation_count",
    "was_translated",
    "wrap_title_renders",
]


@contextlib.contextmanager
def notebook_markdown_parser(
    renderer: type[Any], plugin: Callable[[MarkdownIt], None], options: dict[str, Any]
) -> Iterator[list[MarkdownIt]]:
    """While this is open, myst-nb builds its notebooks' Markdown parser with
    ``renderer`` and ``plugin``, and the parser ``options`` given; the list it
    gives holds the parsers made (myst-nb makes one once it has read the
    notebook).

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

    made: list[MarkdownIt] = []

    def create(config: Any, _renderer: type[Any]) -> MarkdownIt:
        md: MarkdownIt = original(config, renderer)
        md.use(plugin)
        md.options.update(options)
        made.append(md)
        return md

    module.create_md_parser = create
    try:
        yield made
    finally:
        module.create_md_parser = original


# -- markdown-it-py ---------------------------------------------------------------


def find_rule(ruler: Any, name: str) -> Any | None:
    """The rule called ``name`` in a markdown-it ruler (its function and its
    ``alt`` chains), or ``None``.

    ``Ruler.get_all_rules()`` gives the names only; wrapping or reusing a rule
    of MyST's needs the rule itself, which only ``Ruler.__rules__`` holds.
    Checked on markdown-it-py 3.0 and 4.0. Without it: ``%%comments%%`` over
    several lines end at MyST's ``%`` line comments, and comments are not
    found in "show source" copies.
    """
    return next((rule for rule in ruler.__rules__ if rule.name == name), None)


# -- Sphinx ---------------------------------------------------------------------------


def add_document(env: Any, docname: str, path: Any) -> None:
    """Make a file outside the source folder a document of Sphinx's project.

    Sphinx only has documents it found as files in the source folder, and no
    public way to add one; the generated folder and tag pages live in the
    doctree folder. ``Project._docname_to_path`` and ``_path_to_docname`` are
    the tables ``Project.doc2path`` and ``path2doc`` read. Checked on Sphinx
    8.0 to 9.0. Without it: no folder or tag page is built.
    """
    project = env.project
    project.docnames.add(docname)
    project._docname_to_path[docname] = path
    project._path_to_docname[path] = docname


def remove_document(env: Any, docname: str) -> None:
    """Undo :func:`add_document` (a generated page that is no longer needed)."""
    project = env.project
    path = project._docname_to_path.pop(docname, None)
    if path is not None:
        project._path_to_docname.pop(path, None)
    project.docnames.discard(docname)


def read_again(app: Any, docname: str) -> None:
    """Read a document again after every document was read (its navigation changed).

    Sphinx decides what to read before reading and offers no public way to
    read one more document afterwards; this does what its reading loop does
    for one document: emit ``env-purge-doc``, clear the environment's data of
    it, and call ``Builder.read_doc``. Checked on Sphinx 8.0 to 9.0. Without
    it: folder and tag pages list last build's notes until the next build.
    """
    forget_document(app, docname)
    app.builder.read_doc(docname)


def forget_document(app: Any, docname: str) -> None:
    """Drop what the environment and every extension know of a document, as
    Sphinx's reading loop does before reading it (``env-purge-doc``, then
    ``BuildEnvironment.clear_doc``)."""
    env = app.env
    app.events.emit("env-purge-doc", env, docname)
    env.clear_doc(docname)


def search_index_filenames(builder: Any) -> dict[str, str] | None:
    """The search index's table of documents' source paths (``IndexBuilder._filenames``).

    Sphinx writes each document's source path into ``searchindex.js`` and
    offers no way to leave one out; a generated page's source lies outside
    the source folder and its path would publish the building machine's
    folders. Checked on Sphinx 8.0 to 9.0. Without it: those paths are
    published (the search still works).
    """
    filenames = getattr(getattr(builder, "indexer", None), "_filenames", None)
    return filenames if isinstance(filenames, dict) else None


def builder_class(transform: Any) -> Any:
    """The running builder, seen from a transform: its class on Sphinx 9, the
    builder object itself on Sphinx 8 (both have ``name`` and ``format``).

    Sphinx 9 keeps the class on the environment (``env._builder_cls``) and
    deprecates a transform's ``app`` (so it is not touched there); Sphinx 8
    has only the application's builder. Checked on Sphinx 8.0, 8.2 and 9.0.
    Without it: passes that depend on the builder run for every builder.
    """
    found = getattr(transform.env, "_builder_cls", None)
    return found if found is not None else transform.app.builder


def wrap_title_renders(builder: Any, wrapper: Any) -> bool:
    """Put ``wrapper(render)`` in place of the HTML builder's ``render_partial``.

    ``StandaloneHTMLBuilder.render_partial`` renders a node to HTML for the
    page templates (previous, next and parent titles) and has no hook or
    cache of its own; the method is replaced on this builder object only.
    Checked on Sphinx 8.0 to 9.0. Without it: every page renders the titles
    around it again, which costs time, not correctness. Returns whether it
    was wrapped (``False`` for a builder that has no ``render_partial``).
    """
    render = getattr(builder, "render_partial", None)
    if render is None or isinstance(render, wrapper):
        return False
    builder.render_partial = wrapper(render)
    return True


def title_renders(builder: Any) -> Any:
    """The builder's ``render_partial`` as it is now: what
    :func:`wrap_title_renders` put in place, the builder's own method, or
    ``None`` for a builder that has none."""
    return getattr(builder, "render_partial", None)


def keep_document(removed: set[str], docname: str) -> None:
    """Tell Sphinx that a document it counts as removed is still there.

    ``env-get-outdated`` hands handlers the sets of added, changed and
    removed documents; only the documents a handler returns are documented
    as its answer, and a document can only be taken out of ``removed`` by
    changing that set. A generated page's file is outside the source folder,
    so Sphinx counts it as removed on every build. Checked on Sphinx 8.0 to
    9.0. Without it: folder and tag pages are dropped and read again on every
    build, and incremental builds rewrite the whole navigation.
    """
    removed.discard(docname)


# -- Sphinx's translation of messages (``language``, ``locale_dirs``) ----------------

#: the priority of Sphinx's ``Locale`` transform, which puts each message's
#: translation in place (checked on Sphinx 8.0 to 9.0)
LOCALE_PRIORITY = 20
#: the priority after which Sphinx has counted a page's translated messages
#: (``TranslationProgressTotaliser``, Sphinx 7.1 and later)
TRANSLATIONS_COUNTED = 25


def translated_origin(document: Any) -> tuple[str, int | None] | None:
    """The note and line a translated message comes from, or ``None`` for a
    document that is not a translated message.

    Sphinx parses each translated message as a document of its own, which it
    names ``<source>:<line>:<translated>`` (``sphinx.transforms.i18n``); the
    name is all that tells a parser so. Checked on Sphinx 8.0 to 9.0. Without
    it: a translated paragraph is parsed as a whole note (a title added, its
    block ids registered twice), and Sphinx drops the translation.
    """
    name = str(document.get("source", ""))
    if not name.endswith(":<translated>"):
        return None
    source, _, line = name[: -len(":<translated>")].rpartition(":")
    return (source, int(line)) if line.isdigit() else (source or name, None)


def was_translated(node: Any) -> bool:
    """Whether Sphinx put a translation in place of this node's text.

    Sphinx marks such nodes with the attribute ``translated`` (and keeps the
    source's text as the node's ``rawsource``). Checked on Sphinx 8.0 to 9.0.
    Without it: links written in the source language no longer reach a
    translated heading, and translated callout titles lose their box.
    """
    return bool(node.get("translated"))


def translation_count(document: Any) -> int:
    """How many of a page's messages Sphinx translated (``translation_progress``,
    set after :data:`TRANSLATIONS_COUNTED`); 0 when it counted none."""
    progress = document.get("translation_progress") or {}
    return int(progress.get("translated") or 0)


def myst_document_settings(document: Any, config: Any) -> None:
    """Give a document the settings MyST's renderer gives every document it
    renders, which MyST's later transforms read (footnotes, heading anchors).

    A note that no parser could read is built without MyST's renderer, and
    MyST keeps these settings on ``document.settings`` under names of its own
    (``myst_footnote_transition``, ``myst_footnote_sort``, and, from
    MyST-Parser 5, ``myst_heading_anchors_html_ids``). Checked on MyST-Parser
    4.0 and 5.2. Without it: that note stops the build in MyST's transforms.
    """
    document.settings.myst_footnote_transition = config.footnote_transition
    document.settings.myst_footnote_sort = config.footnote_sort
    document.settings.myst_heading_anchors_html_ids = getattr(
        config, "heading_anchors_html_ids", False
    )
