"""Navigation for a vault that has no toctree: folder pages, tag pages, and the link in.

A vault is a tree of folders, not of toctrees. Dropped into a Sphinx project,
its notes would each warn "document isn't included in any toctree" and be
out of reach of the navigation. Here, once every document has been read and
the notes' titles, tags and the project's own toctrees are known, a *plan*
is made:

* every Markdown note that no toctree of the project reaches (or, with
  ``obsidian_vaults``, every such note in those folders) is listed on the
  page of its folder; each folder is listed on the page of its parent; the
  top folders are listed on the root document. Folders come first, then
  notes, each ordered by title, as in Obsidian's file explorer;
* every tag gets a page listing the notes that carry it and its child tags,
  under a tags index.

A folder's page is its folder note (``folder/index.md`` or
``folder/folder.md``) when it has one, else a page generated inside the
build. Generated pages are documents like any other, so every builder,
search and link resolution know them; their (tiny) sources live in the
doctree folder, never in the source folder. Sphinx only reads documents from
files, so a generated page is a file there, registered with Sphinx's project
under its docname.

The lists are toctree nodes added to a page when it is read (the
``doctree-read`` event, before Sphinx collects toctrees), so Sphinx's own
navigation, prev/next links and sidebars follow them. When the plan changes
(a note was added, renamed or re-titled), the pages whose lists changed are
read again, at once, and written again: a single build always ends with the
right lists, also with ``-j N``.
"""

from __future__ import annotations

import dataclasses
import json
import posixpath
from collections.abc import Iterable, Set
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging

from .compat import (
    add_document,
    forget_document,
    keep_document,
    read_again,
    remove_document,
    search_index_filenames,
)
from .nodes import PAGE_BUILDERS, builder_name, obsidian_domain
from .resolution import name_key
from .sidebar import NAVIGATION_TOCTREE
from .tags import tag_pages, tags_index

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


__all__ = ["PagePlan", "make_plan", "setup_navigation"]

logger = logging.getLogger(__name__)

#: The folder of the doctree directory that holds the generated pages' sources.
GENERATED = "obsidian-pages"


@dataclasses.dataclass(frozen=True, slots=True)
class PagePlan:
    """What the extension adds to one page: a toctree, and (tag pages) a list of notes."""

    toctree: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()


@dataclasses.dataclass(slots=True)
class Plan:
    """The pages to add lists to, and the generated pages with their titles."""

    pages: dict[str, PagePlan] = dataclasses.field(default_factory=dict)
    generated: dict[str, str] = dataclasses.field(default_factory=dict)


def _title(env: BuildEnvironment, docname: str, generated: dict[str, str]) -> str:
    if docname in generated:
        return generated[docname]
    title = env.titles.get(docname)
    return title.astext() if title is not None else posixpath.basename(docname)


def _folder_note(folder: str, docs: Set[str]) -> str | None:
    for candidate in (f"{folder}/index", f"{folder}/{posixpath.basename(folder)}"):
        if candidate in docs:
            return candidate
    return None


def _within(docname: str, folder: str) -> bool:
    return not folder or docname.startswith(folder + "/")


def make_plan(env: BuildEnvironment) -> Plan:
    """Decide, from what was read, which page lists what."""
    domain = obsidian_domain(env)
    config = env.config
    root = config.root_doc
    injected: dict[str, PagePlan] = domain.data["nav"]
    # the project's own documents: last build's generated pages are not among them
    docs = env.found_docs - domain.data["generated"].keys()
    plan = Plan()

    # documents reached by a toctree the project wrote (not one of ours)
    reached: set[str] = set()
    for parent, children in env.toctree_includes.items():
        ours = set(injected[parent].toctree) if parent in injected else set()
        reached.update(child for child in children if child not in ours)

    tags_folder = config.obsidian_tags_folder.strip("/")
    tag_pages = _plan_tags(env, plan, tags_folder, docs) if config.obsidian_tags else {}

    top: list[str] = []
    if config.obsidian_navigation:
        roots = [
            posixpath.normpath(folder.strip("/")).lstrip(".")
            for folder in (config.obsidian_vaults if config.obsidian_vaults is not None else [""])
        ]
        notes = [
            docname
            for docname in domain.notes  # every note read by the extension
            if docname in docs
            and docname != root
            and docname not in reached
            and docname not in tag_pages
            and "orphan" not in env.metadata.get(docname, {})
        ]
        top = _plan_folders(env, plan, docs, notes, roots, reached)
    if tag_pages:
        top.append(tags_index(tags_folder))
    if top:
        previous = plan.pages.get(root, PagePlan())
        plan.pages[root] = PagePlan(previous.toctree + tuple(top))
    return plan


def _plan_folders(
    env: BuildEnvironment,
    plan: Plan,
    docs: Set[str],
    notes: Iterable[str],
    roots: list[str],
    reached: set[str],
) -> list[str]:
    """Folder pages for ``notes``; returns the entries the root document lists.

    ``docs`` are the project's own documents, where folder notes are looked for.
    """
    root_doc = env.config.root_doc
    children: dict[str, set[str]] = {}
    folder_pages: dict[str, str] = {}
    notes = list(notes)
    # a home note is its vault's page also when a toctree of the project lists it,
    # as a folder note is
    homes = _home_notes(env, notes, [d for d in obsidian_domain(env).notes if d in docs], roots)

    def folder_note(folder: str) -> str | None:
        return _folder_note(folder, docs) or homes.get(folder)

    def page_of(folder: str) -> str:
        if folder not in folder_pages:
            note = folder_note(folder) if folder else None
            if note is None and folder:
                note = f"{folder}/index"
                plan.generated[note] = posixpath.basename(folder)
            folder_pages[folder] = note or root_doc
        return folder_pages[folder]

    for note in notes:
        vault = max((r for r in roots if _within(note, r)), key=len, default=None)
        if vault is None:
            continue
        folder = posixpath.dirname(note)
        # a folder note is not listed on its own page: it is that page
        if not folder or folder_note(folder) != note:
            children.setdefault(folder, set()).add(note)
        # walk up: each folder is listed on its parent's page, up to the vault
        while folder != vault:
            entry = page_of(folder)
            if entry in reached:  # the project's own toctree already lists the folder
                break
            folder = posixpath.dirname(folder)
            children.setdefault(folder, set()).add(entry)
        else:
            if vault:
                # a configured vault folder: its page is listed on the root document
                children.setdefault("", set()).add(page_of(vault))

    folders = set(folder_pages.values())
    top: list[str] = []
    for folder, entries in children.items():
        page = page_of(folder) if folder else root_doc
        ordered = sorted(
            entries,
            key=lambda d: (
                d not in folders,
                _title(env, d, plan.generated).casefold(),
                d,
            ),
        )
        ordered = _grouped(env, plan, folder, ordered, folders, docs)
        if not folder and homes.get("") in ordered:
            # the home of a vault that is the whole source folder comes first
            ordered.remove(homes[""])
            ordered.insert(0, homes[""])
        if page == root_doc:
            top.extend(ordered)
        else:
            # a vault folder named like the tags folder shares its index page
            before = plan.pages.get(page, PagePlan())
            merged = before.toctree + tuple(d for d in ordered if d not in before.toctree)
            plan.pages[page] = dataclasses.replace(before, toctree=merged)
    return top


def _home_notes(
    env: BuildEnvironment, notes: list[str], every_note: list[str], roots: list[str]
) -> dict[str, str]:
    """Each vault folder's home note (``Home.md``, or ``obsidian_home``): folder -> note.

    The vault folders are those of ``obsidian_vaults``; without it, the source
    folder and each of its top-level folders (where a vault is dropped in).
    A home note is its vault's page, as a folder note is; a folder note, if
    there is one too, comes first. The name is compared as Obsidian compares
    names (``home.md`` is a home note, and ``Home.md`` may be written).
    ``notes`` are the notes the navigation lists, which make a top-level
    folder a vault; the home note is looked for among ``every_note``.
    """
    wanted = home_name(env.config.obsidian_home)
    if not wanted:
        return {}
    key = name_key(wanted)
    vaults = set(roots)
    if roots == [""]:
        vaults.update(note.partition("/")[0] for note in notes if "/" in note)
    homes: dict[str, str] = {}
    for note in sorted(every_note):
        folder, _, name = note.rpartition("/")
        if folder in vaults and folder not in homes and name_key(name) == key:
            homes[folder] = note
    return homes


def home_name(value: str | None) -> str:
    """The home note's name as ``obsidian_home`` gives it, without a ``.md``
    suffix; ``""`` when there is none."""
    name = (value or "").strip()
    return name[:-3] if name.lower().endswith(".md") else name


def _free_name(base: str, docs: Set[str], plan: Plan) -> str:
    """``base``, or ``base-2``, ``base-3``...: a generated page never takes the
    name of a document of the project (``notes-1.md`` keeps its text) nor of
    another generated page."""
    name, number = base, 1
    while name in docs or name in plan.generated or name in plan.pages:
        number += 1
        name = f"{base}-{number}"
    return name


def _grouped(
    env: BuildEnvironment,
    plan: Plan,
    folder: str,
    ordered: list[str],
    folders: set[str],
    docs: Set[str],
) -> list[str]:
    """Split a folder's long run of notes into pages of consecutive titles.

    A sidebar shows every sibling of the current page, on every page: a
    folder of a thousand notes would make each of its pages list a thousand
    links, and the build grow with the square of the folder. Above
    ``obsidian_navigation_group_size`` notes, the folder lists pages of
    notes instead ("Apple talk to Mango talk"), each of at most that many.
    """
    size: int = env.config.obsidian_navigation_group_size
    notes = [d for d in ordered if d not in folders]
    if not size or size < 2 or len(notes) <= size:
        return ordered
    count = -(-len(notes) // size)
    per_group = -(-len(notes) // count)
    groups = []
    for number, start in enumerate(range(0, len(notes), per_group), 1):
        chunk = notes[start : start + per_group]
        group = _free_name(posixpath.join(folder, f"notes-{number}"), docs, plan)
        first = _title(env, chunk[0], plan.generated)
        last = _title(env, chunk[-1], plan.generated)
        plan.generated[group] = first if first == last else f"{first} \N{EN DASH} {last}"
        plan.pages[group] = PagePlan(tuple(chunk))
        groups.append(group)
    return [d for d in ordered if d in folders] + groups


def _plan_tags(env: BuildEnvironment, plan: Plan, folder: str, docs: Set[str]) -> dict[str, str]:
    """The tag pages and the tags index in the plan (see :func:`.tags.tag_pages`);
    returns {tag page docname: tag key}."""
    pages = tag_pages(
        env,
        folder,
        docs,
        plan.generated,
        lambda docname: _title(env, docname, plan.generated),
    )
    for docname, (children, notes) in pages.lists.items():
        plan.pages[docname] = PagePlan(children, notes)
    return pages.keys


# -- generated pages ------------------------------------------------------------


def _source(env: BuildEnvironment, docname: str) -> Path:
    return Path(env.doctreedir, GENERATED, f"{docname}.md")


def _provide(env: BuildEnvironment, docname: str, title: str, *, rewrite: bool) -> None:
    """Register a generated page, writing its source (just its title; the lists
    are added when it is read) when it is new, retitled or missing."""
    path = _source(env, docname)
    if rewrite or not path.is_file():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\n---\n", encoding="utf-8"
        )
    # a document of Sphinx's project, though its file is in the doctree folder
    add_document(env, docname, _source(env, docname))


def keep_generated_pages(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Keep last build's generated pages as documents of this build.

    Sphinx has just listed the source folder and counts them as removed;
    they are registered again, and only re-read if the plan says so.
    """
    generated: dict[str, str] = obsidian_domain(env).data["generated"]
    replaced = []
    for docname, title in list(generated.items()):
        if docname in env.project.docnames:
            # the project now has a file of that name (a folder note, a
            # ``tags/x.md`` note): it takes the generated page's place, and is
            # read even if the file is older than the last build
            del generated[docname]
            _source(env, docname).unlink(missing_ok=True)
            replaced.append(docname)
            continue
        _provide(env, docname, title, rewrite=False)
        keep_document(removed, docname)
    return replaced


def add_lists(app: Sphinx, document: nodes.document) -> None:
    """Add the planned toctree (and list of notes) to a page as it is read."""
    env = app.env
    docname = env.docname
    domain = obsidian_domain(env)
    page: PagePlan | None = domain.data["plan"].get(docname)
    if page is None:
        return
    domain.data["nav"][docname] = page
    section = document.next_node(nodes.section)
    parent: nodes.Element = section if section is not None else document
    # the lists shown in the page: links by title
    if page.toctree:
        parent += _doc_list(page.toctree, docname, "obsidian-navigation")
    if page.notes:
        parent += _doc_list(page.notes, docname, "obsidian-tag-notes")
    if page.toctree:
        # the navigation: a hidden toctree without a depth limit, so the themes'
        # sidebars show the branch of the current page however deep it is (a
        # visible toctree's depth would also limit the sidebar)
        toctree = addnodes.toctree(
            parent=docname,
            entries=[(None, entry) for entry in page.toctree],
            includefiles=list(page.toctree),
            maxdepth=-1,
            glob=False,
            hidden=True,
            includehidden=False,
            numbered=0,
            titlesonly=False,
            rawentries=[],
        )
        toctree[NAVIGATION_TOCTREE] = True  # the sidebar draws these around each page
        parent += toctree


def _doc_list(docnames: Iterable[str], refdoc: str, cls: str) -> nodes.bullet_list:
    """A list of links to documents, each shown by its title."""
    items = nodes.bullet_list(classes=[cls])
    for target in docnames:
        ref = addnodes.pending_xref(
            "",
            refdomain="std",
            reftype="doc",
            reftarget="/" + target,
            refexplicit=False,
            refwarn=True,
            refdoc=refdoc,
        )
        ref += nodes.inline("", target, classes=["xref", "std", "std-doc"])
        items += nodes.list_item("", nodes.paragraph("", "", ref))
    return items


def update_navigation(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Make the plan from what was read; read again the pages whose lists changed."""
    domain = obsidian_domain(env)
    plan = make_plan(env)
    old_generated: dict[str, str] = domain.data["generated"]
    injected: dict[str, PagePlan] = domain.data["nav"]

    for docname in old_generated.keys() - plan.generated.keys():
        forget_document(app, docname)
        remove_document(env, docname)
        _source(env, docname).unlink(missing_ok=True)
    fresh = set()
    for docname, title in plan.generated.items():
        retitled = old_generated.get(docname) != title
        if retitled or docname not in env.all_docs:
            fresh.add(docname)
        _provide(env, docname, title, rewrite=retitled)
    domain.data["generated"] = dict(plan.generated)
    domain.data["plan"] = plan.pages
    domain.note_added(fresh)

    outdated = {
        docname
        for docname in plan.pages.keys() | injected.keys()
        if plan.pages.get(docname) != injected.get(docname)
    }
    to_read = sorted((outdated | fresh) & env.found_docs)
    read_already: set[str] = domain.read_this_build
    for docname in to_read:
        if docname in read_already:
            # read a moment ago, from the same text: its warnings were given then
            with logging.suppress_logging():
                read_again(app, docname)
        else:
            read_again(app, docname)
    return to_read


class ListsOutOfJoinedPages(SphinxPostTransform):
    """Leave the navigation's lists of links out of a book.

    A build that joins every page into one (PDF through LaTeX, Texinfo, man,
    a single HTML page) puts each page where the toctree names it, so the
    chapters already are the navigation; a folder page's list of links would
    only repeat the headings that follow it, and the root document's would
    land after the project's own chapters, inside the last of them.
    """

    # before the references resolver (10) resolves the lists' links
    default_priority = 6

    def run(self, **kwargs: Any) -> None:
        if builder_name(self) in PAGE_BUILDERS:
            return
        for listing in list(self.document.findall(nodes.bullet_list)):
            if "obsidian-navigation" in listing["classes"] and listing.parent is not None:
                listing.parent.remove(listing)


def setup_navigation(app: Sphinx) -> None:
    app.add_post_transform(ListsOutOfJoinedPages)
    # before the domain notes what was added and removed (default priority)
    app.connect("env-get-outdated", keep_generated_pages, priority=300)
    # before Sphinx's toctree collector (500) reads the page's toctrees
    app.connect("doctree-read", add_lists, priority=400)
    # before backlinks (500) are computed, so they see the generated pages
    app.connect("env-updated", update_navigation, priority=300)
    app.connect("html-page-context", hide_generated_sources)
    app.connect("html-collect-pages", hide_generated_paths_from_search)


def hide_generated_sources(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: object
) -> None:
    """Give generated pages no "show source" link and no copy in ``_sources``.

    Their source is the extension's own Markdown, kept in the doctree folder
    outside the source folder, so the path Sphinx derives from it for
    ``_sources/`` would be meaningless (and the text is of no use to readers).
    """
    if pagename in obsidian_domain(app.env).data["generated"]:
        context["sourcename"] = ""


def hide_generated_paths_from_search(app: Sphinx) -> list[tuple[str, dict[str, Any], str]]:
    """Keep the generated pages' source paths out of the search index.

    Sphinx's search index lists, for every page, the path of its source
    relative to the source folder. A generated page's source is in the
    doctree folder, so that would be an absolute path of the machine that
    built the site, published in ``searchindex.js`` (and differing from one
    checkout to another). The search page does not use these paths; the
    generated pages get an empty one. Connected to ``html-collect-pages``,
    which Sphinx emits after every page has been indexed (also with ``-j N``,
    where pages are indexed in the main process) and before the index is
    written. Adds no page.
    """
    filenames = search_index_filenames(app.builder)
    if filenames is not None:
        for docname in obsidian_domain(app.env).data["generated"]:
            if docname in filenames:
                filenames[docname] = ""
    return []
