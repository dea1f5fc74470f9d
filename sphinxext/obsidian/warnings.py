"""Every warning the extension emits, and the one function that emits them.

Each warning has ``type="obsidian"`` and one of the subtypes below, so
``suppress_warnings = ["obsidian.unresolved"]`` silences exactly that kind,
and a location (file and line) wherever the source gives one. The docstrings
are the reference documentation of each subtype.
"""

from __future__ import annotations

import enum
import functools
import itertools
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.util import logging
from sphinx.util.logging import is_suppressed_warning

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.config import Config

__all__ = ["ObsidianWarning", "setting_location", "warn"]

logger = logging.getLogger("sphinxext.obsidian")

WARNING_TYPE = "obsidian"


class ObsidianWarning(enum.Enum):
    """The subtypes of ``obsidian`` warnings."""

    UNRESOLVED = "unresolved"
    """A link or embed names no note, page, alias or file of the project.
    The link text is kept, marked with the class ``obsidian-unresolved``. Also
    given for the ``:folder:`` of an ``obsidian-recent`` list when no page of
    the project is in that folder: the list is empty."""

    AMBIGUOUS = "ambiguous"
    """Several notes have the linked name and neither the linking note's folder
    nor a path decides; the shortest path (then the alphabetically first) is
    used, and the message names every candidate. Write a longer path to choose."""

    HEADING = "heading"
    """A link names a heading (``[[Note#Heading]]``) that the note does not have.
    The link goes to the note itself."""

    BLOCK = "block"
    """A link names a block id (``[[Note#^id]]``) that the note does not define.
    The link goes to the note itself."""

    FRONT_MATTER = "front_matter"
    """A note's front matter is not valid YAML or not a mapping: the note builds
    without its properties (title, aliases...). Also given for a date property
    (``obsidian_feed_date_properties``) written as a date that does not exist
    (``2024-13-45``): the note is dated by its other date properties, or left
    out of the feeds and lists of recent notes."""

    BAD_LINK = "bad_link"
    """The text given to the ``wikilink`` role is not a valid link target
    (empty, or containing ``[ ] | ^ :`` in the path)."""

    DUPLICATE_BLOCK = "duplicate_block"
    """The same block id is defined twice in one note; links go to the first."""

    EXCLUDED = "excluded"
    """A link or embed names a note that is left out of the build (``publish: false``,
    ``draft: true``, or in a template folder). The link text is kept, marked as
    unresolved. Also given when the root document says it is to be left out: a
    site cannot be built without it, so it is published all the same."""

    EMBED_CYCLE = "embed_cycle"
    """An embed was not expanded: the note embeds itself (directly or through
    others), embeds nest deeper than 8 levels, or the page already expanded 500
    embeds. A placeholder shows the embed as written."""

    EMBED_UNSUPPORTED = "embed_unsupported"
    """An embedded file has a type that cannot be shown in a page (an unknown
    extension); it is linked for download instead."""

    CANVAS = "canvas"
    """A ``.canvas`` file is not what JSON Canvas 1.0 describes: not valid JSON,
    a card of an unknown type or without an id, an arrow to a card that does
    not exist, a file card naming a file the source folder does not have, a
    colour, side or end that is not one of the format's. The message names what
    was wrong; the rest of the board is shown."""

    BASE = "base"
    """A base (a ``.base`` file or a ``base`` fence) has a part that cannot be
    used: YAML that does not parse, an expression that does not parse, a view
    of an unknown type, or something that cannot be evaluated at build time
    (an unknown function or property, a function that needs Obsidian's app).
    The message names it; the view is shown without that filter term or
    value, and the rest of the base stands."""

    REDIRECT = "redirect"
    """A ``permalink`` property cannot be given a redirect page: it names the
    address of a page of the site (the first note to ask keeps an address two
    permalinks name), or no address the site can have (empty or without a
    value, not text, ``..``, a web address, a control character or a character
    a file name cannot hold: ``\\ : * ? " < > |``), or a file that the
    extension did not write is already there (a file of ``html_extra_path``).
    Given at the line of ``permalink:``; the note builds, and that redirect is
    not written. Also given for a permalink whose address is longer than the
    255 characters Read the Docs takes: its page is written, and it is left out
    of the list for Read the Docs. Also given when ``obsidian_redirects_file`` is not a file name
    or cannot be written. Aliases never warn: an alias whose address is taken
    has no redirect page, since a real name wins over an alias."""

    FEED = "feed"
    """The Atom or RSS feed cannot be written where ``obsidian_feed_filename``
    puts it: a page of the site is there, or a folder (a note named
    ``atom.xml``, which ``dirhtml`` makes a folder), or a file of the project
    that the extension did not write (from ``html_extra_path``), which is kept.
    No feed is written; rename the note or choose another file name."""

    OUTSIDE_SOURCE = "outside_source"
    """A link or embed names a file outside the Sphinx source folder (``../``, an
    absolute path, or a symbolic link pointing out). Nothing outside the source
    folder is read, copied or linked."""

    BAD_NAME = "bad_name"
    """A file or folder name has a character that a wikilink cannot name (``#``,
    ``|``, ``^``, ``:``, ``[``, ``]`` or ``%%``): ``[[C# basics]]`` means the
    heading "basics" of a note "C". The page builds; rename the file so that
    notes can link to it. A single ``%`` is fine.
    Also given for a canvas or a base that has the name of another document of
    its folder (``Books.md`` and ``Books.base``): Obsidian keeps both, a Sphinx
    site has one page per name, so the note is published and the canvas or base
    is left out (a link to it says so). Rename one of them to publish both."""

    NOT_RENDERED = "not_rendered"
    """An unexpected fault stopped the extension on one note or one embed. So
    that one note never costs the whole site, the note is built by MyST alone
    (its Obsidian syntax shown as written, its comments left out) or the embed
    is shown as written, or the note's "show source" copy is left out, and the
    build goes on. A notebook read by myst-nb that cannot be read at all (not
    valid JSON) becomes a page that says so.
    A part of a page's hover preview that cannot be written is left out of the
    preview (a link to it shows the page's opening); a preview whose place
    beside the page is another page's (``dirhtml``, a note named
    ``preview.js``) is not written, and links to the page show none.
    The message names the fault; please report it with the line of the note
    that caused it."""

    @property
    def subtype(self) -> str:
        return self.value

    @property
    def doc(self) -> str:
        """The documentation of this subtype (its docstring)."""
        return _collect_docs()[self]


@functools.cache
def _collect_docs() -> dict[ObsidianWarning, str]:
    """Read each member's docstring from this module's source.

    Enum members cannot carry ``__doc__`` of their own, so the attribute
    docstrings written under each member are read back here, the way Sphinx's
    autodoc reads them, to keep the reference pages generated from the code.
    Only the documentation and its tests ask, so a build never reads the source.
    """
    import ast
    import inspect

    tree = ast.parse(inspect.getsource(ObsidianWarning))
    body = tree.body[0].body  # type: ignore[attr-defined]
    docs: dict[ObsidianWarning, str] = {}
    for stmt, nxt in itertools.pairwise(body):
        if (
            isinstance(stmt, ast.Assign)
            and isinstance(nxt, ast.Expr)
            and isinstance(nxt.value, ast.Constant)
            and isinstance(nxt.value.value, str)
        ):
            name = stmt.targets[0].id  # type: ignore[attr-defined]
            docs[ObsidianWarning[name]] = inspect.cleandoc(nxt.value.value)
    return docs


def warn(
    subtype: ObsidianWarning,
    message: str,
    location: nodes.Node | str | tuple[str | None, int | None] | None,
    config: Config | None = None,
    **kwargs: Any,
) -> None:
    """Log an ``obsidian.<subtype>`` warning at ``location``.

    A suppressed warning is dropped before Sphinx works out its location, which
    matters when a vault with thousands of dangling links silences them.
    """
    if config is not None and is_suppressed_warning(
        WARNING_TYPE, subtype.subtype, config.suppress_warnings
    ):
        return
    logger.warning(message, type=WARNING_TYPE, subtype=subtype.subtype, location=location, **kwargs)


def setting_location(confdir: str | os.PathLike[str], name: str) -> str:
    """Where ``conf.py`` sets ``name``, as a warning's location (its first line
    when it does not: the value came from the command line), for warnings about
    what a setting asks for rather than about a note."""
    path = Path(confdir, "conf.py")
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        lines = []
    setting = re.compile(rf"\s*{re.escape(name)}\s*[:=]")
    found = next((number for number, line in enumerate(lines, 1) if setting.match(line)), 1)
    return f"{path}:{found}"
