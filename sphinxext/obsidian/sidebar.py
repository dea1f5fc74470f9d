"""The vault's branch of the themes' sidebars, drawn around each page.

Themes draw their sidebar with the ``toctree()`` function Sphinx puts in each
page's template context, which resolves every toctree under the root
document, all the way down, for every page it is called on. A vault's
navigation (see :mod:`.navigation`) is a toctree of every folder and note, so
each page would carry, and Sphinx resolve, a tree that grows with the vault:
the build would grow with the square of the vault, and a theme that shows the
whole tree (furo) would write the whole vault into every page.

Here the page's ``toctree()`` resolves the project's own toctrees as before,
with the vault's toctrees set aside for the call, and the vault's branch is
drawn from the navigation plan: along the path to the current page, each
level's entry on the path and its nearest neighbours
(``obsidian_sidebar_neighbours`` on each side, then a link to the page
listing the rest), with the current page's sections. What a page carries
depends on its depth, never on the size of the vault or of a folder. The
document structure itself is untouched: previous and next links,
breadcrumbs, search, LaTeX, ePub and singlehtml still follow the vault's
toctrees. A vault of at most ``obsidian_sidebar_limit`` pages is drawn whole,
by Sphinx, as before.
"""

from __future__ import annotations

import dataclasses
import functools
import html
import posixpath
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, cast

from docutils import nodes
from sphinx import addnodes

from .nodes import obsidian_domain

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders.html import StandaloneHTMLBuilder
    from sphinx.environment import BuildEnvironment

    from .navigation import PagePlan

__all__ = ["NAVIGATION_TOCTREE", "setup_sidebar"]

#: Set on the toctrees that the navigation adds, so they can be told apart.
NAVIGATION_TOCTREE = "obsidian_navigation"


@dataclasses.dataclass(slots=True)
class Branches:
    """The vault's navigation as a forest, for one write phase."""

    #: what the root document lists: the top folders (and the tags index)
    roots: tuple[str, ...]
    #: page -> the pages it lists
    children: dict[str, tuple[str, ...]]
    #: page -> the page listing it
    parent: dict[str, str]
    #: the navigation's toctree nodes that Sphinx's resolver would walk
    toctrees: list[addnodes.toctree]
    #: every page named by a toctree that is not the navigation's
    own: frozenset[str]
    #: page -> the page including it, over all toctrees, as Sphinx reckons
    #: a page's ancestors (the last including page wins)
    included_by: dict[str, str]
    #: the project's own part of the sidebar, by what it depends on
    own_parts: dict[tuple[Any, ...], str] = dataclasses.field(default_factory=dict)

    def ancestors(self, page: str) -> tuple[str, ...]:
        """The page and the pages above it, as Sphinx finds them."""
        found: list[str] = []
        current = page
        while current in self.included_by and current not in found:
            found.append(current)
            current = self.included_by[current]
        return tuple(found)


def _branches(env: BuildEnvironment) -> Branches:
    domain = obsidian_domain(env)
    plan: dict[str, PagePlan] = domain.data["plan"]
    master = env.master_doctree
    root = env.config.root_doc
    roots = plan[root].toctree if root in plan else ()
    children: dict[str, tuple[str, ...]] = {}
    parent: dict[str, str] = {}
    todo = list(roots)
    for entry in roots:
        parent.setdefault(entry, root)
    while todo:
        page = todo.pop()
        if page in children:
            continue
        kids = plan[page].toctree if page in plan else ()
        children[page] = kids
        for kid in kids:
            if kid not in parent:
                parent[kid] = page
                todo.append(kid)
    toctrees: list[addnodes.toctree] = []
    own: set[str] = set()
    for doctree in (master, *env.tocs.values()):
        for toctree in doctree.findall(addnodes.toctree):
            if toctree.get(NAVIGATION_TOCTREE):
                toctrees.append(toctree)
            else:
                own.update(ref for _title, ref in toctree["entries"])
    included_by: dict[str, str] = {}
    for including, included in env.toctree_includes.items():
        included_by |= dict.fromkeys(included, including)
    return Branches(roots, children, parent, toctrees, frozenset(own), included_by)


@contextmanager
def _vault_set_aside(branches: Branches) -> Iterator[None]:
    """Sphinx's resolver walks every entry of every toctree it meets: for the
    length of one call, the navigation's toctrees have none."""
    saved = [(toctree, toctree["entries"]) for toctree in branches.toctrees]
    try:
        for toctree, _ in saved:
            toctree["entries"] = []
        yield
    finally:
        for toctree, entries in saved:
            toctree["entries"] = entries


class _Drawer:
    """Draws the vault's branch of one page's sidebar, as Sphinx draws a toctree."""

    def __init__(
        self, builder: StandaloneHTMLBuilder, branches: Branches, page: str, **kwargs: Any
    ) -> None:
        self.builder = builder
        self.env = builder.env
        self.branches = branches
        self.page = page
        self.maxdepth = int(kwargs.get("maxdepth") or 0)
        self.titles_only = bool(kwargs.get("titles_only", False))
        self.neighbours = int(builder.config.obsidian_sidebar_neighbours)
        path: list[str] = []
        current: str | None = page
        while current is not None and current in branches.parent and current not in path:
            path.append(current)
            current = branches.parent[current]
        self.path = set(path)

    def draw(self) -> str:
        return self._level(self.branches.roots, 1) if self.branches.roots else ""

    def _title(self, docname: str) -> str:
        title = self.env.titles.get(docname)
        if title is None:
            return html.escape(docname)
        return self.builder.render_partial(title)["title"]

    def _window(self, entries: tuple[str, ...]) -> tuple[tuple[str, ...], int]:
        """The entries of one level shown: the one on the path to the page and
        its nearest neighbours, and how many are left out."""
        keep = 2 * self.neighbours + 1
        if len(entries) <= keep:
            return entries, 0
        at = next((i for i, entry in enumerate(entries) if entry in self.path), 0)
        start = min(max(at - self.neighbours, 0), len(entries) - keep)
        return entries[start : start + keep], len(entries) - keep

    def _level(self, entries: tuple[str, ...], depth: int, parent: str | None = None) -> str:
        entries, left_out = self._window(entries)
        items = []
        on_path = False
        for entry in entries:
            current = entry in self.path
            on_path = on_path or current
            classes = f"toctree-l{depth}" + (" current" if current else "")
            if entry == self.page:
                link = f'<a class="current reference internal" href="#">{self._title(entry)}</a>'
            else:
                uri = html.escape(self.builder.get_relative_uri(self.page, entry), quote=True)
                link = f'<a class="reference internal" href="{uri}">{self._title(entry)}</a>'
            inner = ""
            if current and (self.maxdepth <= 0 or depth < self.maxdepth):
                if entry == self.page and not self.titles_only:
                    inner += self._sections(depth + 1)
                kids = self.branches.children.get(entry, ())
                if kids:
                    inner += self._level(kids, depth + 1, entry)
            items.append(f'<li class="{classes}">{link}{inner}</li>')
        if left_out:
            # the rest of the level is one click away, on the page that lists it
            where = parent if parent is not None else self.env.config.root_doc
            uri = html.escape(self.builder.get_relative_uri(self.page, where), quote=True)
            items.append(
                f'<li class="toctree-l{depth} obsidian-sidebar-more">'
                f'<a class="reference internal" href="{uri}">'
                f"\N{HORIZONTAL ELLIPSIS} {left_out} more</a></li>"
            )
        opening = '<ul class="current">' if on_path else "<ul>"
        return opening + "\n" + "\n".join(items) + "\n</ul>\n"

    def _sections(self, depth: int) -> str:
        """The current page's own headings, under its entry."""
        toc = self.env.tocs.get(self.page)
        if toc is None or not toc.children:
            return ""
        top = toc.children[0]
        lists = [c for c in top.children if isinstance(c, nodes.bullet_list)]
        return "".join(self._section_list(lst, depth) for lst in lists)

    def _section_list(self, bullet_list: nodes.bullet_list, depth: int) -> str:
        items = []
        for item in bullet_list.children:
            if not isinstance(item, nodes.list_item) or not item.children:
                continue
            reference = next(iter(item[0].findall(nodes.reference)), None)
            if reference is None:
                continue
            anchor = html.escape(str(reference.get("anchorname", "")), quote=True)
            text = html.escape(reference.astext())
            inner = ""
            if self.maxdepth <= 0 or depth < self.maxdepth:
                inner = "".join(
                    self._section_list(c, depth + 1)
                    for c in item.children[1:]
                    if isinstance(c, nodes.bullet_list)
                )
            items.append(
                f'<li class="toctree-l{depth}"><a class="reference internal" '
                f'href="{anchor or "#"}">{text}</a>{inner}</li>'
            )
        return "<ul>\n" + "\n".join(items) + "\n</ul>\n" if items else ""


@dataclasses.dataclass(slots=True)
class _Phase:
    """The navigation's forest, computed once per write phase (in each process)."""

    branches: Branches | None = None


def _toctree(
    state: _Phase,
    builder: StandaloneHTMLBuilder,
    page: str,
    original: Callable[..., str],
    **kwargs: Any,
) -> str:
    if not kwargs.get("includehidden", False):
        # as Sphinx's own default: the navigation's toctrees are hidden ones
        return original(**kwargs)
    branches = state.branches
    if branches is None:
        branches = state.branches = _branches(builder.env)
    if len(branches.parent) <= builder.config.obsidian_sidebar_limit:
        return original(**kwargs)  # small enough to draw whole, as Sphinx does
    return (
        _own_part(builder, branches, page, original, kwargs)
        + _Drawer(builder, branches, page, **kwargs).draw()
    )


def _own_part(
    builder: StandaloneHTMLBuilder,
    branches: Branches,
    page: str,
    original: Callable[..., str],
    kwargs: dict[str, Any],
) -> str:
    """The project's own toctrees as Sphinx draws them for this page.

    With the vault set aside, what Sphinx draws for a vault page depends only
    on where the page's links are relative to (its folder in the output), on
    which of the page and its ancestors the project's own toctrees name (they
    are marked current, the others collapsed) and on the arguments: the notes
    of one folder share one drawing, instead of each resolving the project's
    toctrees, and Sphinx finding the page's ancestors among all the vault's,
    again. Pages outside the vault are drawn each for itself.
    """
    if page not in branches.parent:
        with _vault_set_aside(branches):
            return original(**kwargs)
    key = (
        posixpath.dirname(builder.get_target_uri(page)),
        tuple(a for a in branches.ancestors(page) if a in branches.own),
        tuple(sorted(kwargs.items())),
    )
    drawn = branches.own_parts.get(key)
    if drawn is None:
        with _vault_set_aside(branches):
            drawn = branches.own_parts[key] = original(**kwargs)
    return drawn


def draw_vault_branch(
    state: _Phase,
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: Any,
) -> None:
    """Give the page's ``toctree()`` the vault's branch around this page."""
    original = context.get("toctree")
    builder = app.builder
    if (
        original is None
        or not app.config.obsidian_navigation
        or builder.name == "singlehtml"
        or not callable(original)
    ):
        return
    context["toctree"] = functools.partial(
        _toctree, state, cast("StandaloneHTMLBuilder", builder), pagename, original
    )


def setup_sidebar(app: Sphinx) -> None:
    state = _Phase()

    def forget(app: Sphinx, builder: object) -> None:
        state.branches = None

    app.connect("write-started", forget)
    # before themes that call ``toctree()`` in their own handler (furo: 500)
    app.connect("html-page-context", functools.partial(draw_vault_branch, state), priority=400)
