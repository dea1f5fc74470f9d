"""Hover previews: what a link to a note shows when the reader points at it or
moves the keyboard focus to it.

Each page that a link can lead to gets, beside its HTML page, a small script
(``note.html`` -> ``note.preview.js``) holding its preview, rendered at build
time by the builder's own HTML translator: the page's opening, and the
section or block that links elsewhere in the vault name. The page's script
(``obsidian-previews.js``) loads a preview only when a link is hovered, as a
``<script>`` element rather than a request for data, so that it also works
from ``file://``, where browsers refuse to fetch files; it never fetches a
whole page, however large. Resolved links that lead to such a page carry the
class ``obsidian-preview``; unresolved links are no links and get nothing.

Which sections and blocks are linked is known once every page is read (the
domain's ``anchors`` table, resolved here in the main process); a page whose
linked parts changed is written again, so that its preview holds them.

Math in a preview is written as the page writes it (for MathJax, its TeX
between delimiters), and typeset in the popover by the MathJax the site
uses. Sphinx loads MathJax only on pages with math of their own; on the
others the script loads it when a preview first shows math, as Sphinx would
have loaded it there (``mathjax_path``, ``mathjax_options`` and the MathJax
configuration values, handed to the script on its tag).
"""

from __future__ import annotations

import contextlib
import html
import json
import weakref
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from docutils.utils import new_document

from .embeds import OPENING_BLOCKS, opening
from .nodes import iter_elements, obsidian_domain
from .output_places import SITE_BUILDERS, taken_by_pages
from .resolution import OWN_FORMATS
from .syntax import parse_wikilink
from .warnings import ObsidianWarning, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

__all__ = ["PREVIEW_CLASS", "SCRIPT", "preview_path", "setup_previews", "shows_preview"]

#: the class of a link whose target has a preview
PREVIEW_CLASS = "obsidian-preview"
SCRIPT = "obsidian-previews.js"
#: a rendered part larger than this is shown as the start of its text instead
MOST_HTML = 20_000
#: the most characters of text shown for such a part
MOST_TEXT = 600


def previews_on(builder: Builder) -> bool:
    """Whether this build writes previews."""
    return bool(builder.config.obsidian_hover_previews) and builder.name in SITE_BUILDERS


def shows_preview(env: BuildEnvironment, builder: Builder, docname: str) -> bool:
    """Whether links to ``docname`` show a preview in this build: pages of the
    project's own (not the generated folder and tag pages, nor canvases and
    bases, whose opening is a board or a table), and none where another page
    is (dirhtml: a note named ``preview.js``). Asked for every link resolved,
    so answered once per page and build."""
    known = _SHOWN.setdefault(builder, {})
    if docname not in known:
        known[docname] = _previewable(env, builder, docname) and not taken_by_pages(
            builder, preview_path(builder, docname)
        )
    return known[docname]


#: per builder: whether each page asked about has a preview (see ``shows_preview``)
_SHOWN: weakref.WeakKeyDictionary[Builder, dict[str, bool]] = weakref.WeakKeyDictionary()


def _previewable(env: BuildEnvironment, builder: Builder, docname: str) -> bool:
    if not previews_on(builder) or docname in obsidian_domain(env).data["generated"]:
        return False
    return env.doc2path(docname, False).suffix.lower() not in OWN_FORMATS


def preview_path(builder: Builder, docname: str) -> Path:
    """Where a page's preview is written: beside the page (``a/b.html`` ->
    ``a/b.preview.js``; in ``dirhtml``, ``a/b/index.html`` -> ``a/b/preview.js``),
    where the script looks for it from the link's address."""
    page = Path(builder.get_outfilename(docname))  # type: ignore[attr-defined]
    if builder.name == "dirhtml":
        return page.with_name("preview.js")
    suffix = builder.out_suffix  # type: ignore[attr-defined]
    name = page.name[: -len(suffix)] if suffix and page.name.endswith(suffix) else page.name
    return page.with_name(name + ".preview.js")


# -- which parts are linked -------------------------------------------------


def find_linked_parts(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """After reading: the sections and blocks each page is linked at; returns
    the pages whose set changed, to be written again with those parts."""
    domain = obsidian_domain(env)
    parts: dict[str, set[str]] = {}
    if env.config.obsidian_hover_previews:
        for source, anchors in domain.data["anchors"].items():
            for anchor in anchors:
                link = parse_wikilink(anchor)
                if link is None:
                    continue
                located = domain.locate(link, source, anchor)
                if located.docname is not None and located.node_id:
                    parts.setdefault(located.docname, set()).add(located.node_id)
    new = {docname: sorted(ids) for docname, ids in parts.items()}
    changed = domain.renew("preview_parts", new, app.builder.name)
    return sorted(changed & env.found_docs)


# -- what a preview shows ------------------------------------------------------


def _heading(title: nodes.Element) -> nodes.paragraph:
    children = [child.deepcopy() for child in title.children]
    return nodes.paragraph("", "", *children, classes=["obsidian-preview-heading"])


def _section_parts(section: nodes.section) -> list[nodes.Node]:
    """A section's heading and first blocks (its first subsection's, when it
    starts with one)."""
    children = list(section.children)
    if not children or not isinstance(children[0], nodes.title):
        return opening(children)
    body = opening(children[1:])
    if not body:
        inner = next((c for c in children[1:] if isinstance(c, nodes.section)), None)
        if inner is not None:
            body = _section_parts(inner)
    return [_heading(children[0]), *body]


def _page_opening(doctree: nodes.document) -> list[nodes.Node]:
    """A page's opening: the text under its title, else the first section's
    that has text (a note may start at ``##``, or have two ``#`` headings)."""
    top = next((c for c in doctree.children if isinstance(c, nodes.section)), None)
    if top is None:
        return opening(list(doctree.children))
    children = list(top.children)
    body = opening(children[1:] if children and isinstance(children[0], nodes.title) else children)
    if body:
        return body
    for section in doctree.findall(nodes.section):
        if section is not top:
            parts = _section_parts(section)
            if len(parts) > 1:  # more than its heading
                return parts
    return []


def _block_parts(element: nodes.Element) -> list[nodes.Node]:
    if isinstance(element, nodes.section):
        return _section_parts(element)
    if isinstance(element, nodes.list_item):
        return [nodes.bullet_list("", element.deepcopy())]
    return [element]


def _without_ids(root: nodes.Element) -> None:
    """Ids in a preview would repeat the hosting page's, or the target's own."""
    for element in iter_elements(root):
        if "ids" in element:
            element["ids"] = []
        if "backrefs" in element:
            element["backrefs"] = []


def _render(builder: Builder, doctree: nodes.document, parts: list[nodes.Node]) -> str:
    """Parts of a page as HTML, written by the builder's translator, relative to the page."""
    if not parts:
        return ""
    document = new_document(str(doctree.get("source", "")), doctree.settings)
    holder = nodes.container("", *(part.deepcopy() for part in parts[: OPENING_BLOCKS + 1]))
    _without_ids(holder)
    document.append(holder)
    translator: Any = builder.create_translator(document, builder)
    holder.walkabout(translator)
    rendered = "".join(translator.body)
    if len(rendered) <= MOST_HTML:
        return rendered
    text = holder.astext()
    short = text[:MOST_TEXT].rsplit(" ", 1)[0] + "…" if len(text) > MOST_TEXT else text
    return f"<p>{html.escape(short, quote=False)}</p>"


def _linked_elements(doctree: nodes.document, ids: set[str]) -> dict[str, nodes.Element]:
    found: dict[str, nodes.Element] = {}
    for element in iter_elements(doctree):
        node_id: str
        for node_id in element.get("ids", ()):
            if node_id in ids and node_id not in found:
                found[node_id] = element
    return found


def preview_of(app: Sphinx, pagename: str, doctree: nodes.document) -> dict[str, Any]:
    """The preview of a page: its title and, by element id, what each linked
    part shows (``""`` for the opening)."""
    env = app.env
    title = env.titles.get(pagename)
    parts = {"": _page_opening(doctree)}
    wanted = set(obsidian_domain(env).data.get("preview_parts", {}).get(pagename, ()))
    if wanted:
        for node_id, element in sorted(_linked_elements(doctree, wanted).items()):
            parts[node_id] = _block_parts(element)
    shown: dict[str, str] = {}
    for node_id, part in parts.items():
        try:
            shown[node_id] = _render(app.builder, doctree, part)
        except Exception as error:  # one odd node must not stop the build
            # e.g. a node of another extension whose writer needs its own page around it
            what, fallback = (
                (f"part {node_id!r}", "the page's opening") if node_id else ("opening", "nothing")
            )
            warn(
                ObsidianWarning.NOT_RENDERED,
                f"the {what} of this page's hover preview could not be written "
                f"({type(error).__name__}: {error}); links to it show {fallback}",
                (pagename, None),
                env.config,
            )
    return {"title": title.astext() if title is not None else pagename, "parts": shown}


def write_preview(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Write a page's preview beside it, as the page is written (in the process
    writing it, so ``-j N`` writes previews in parallel too)."""
    if doctree is None or not _previewable(app.env, app.builder, pagename):
        return
    path = preview_path(app.builder, pagename)
    if not shows_preview(app.env, app.builder, pagename):
        # in dirhtml, a page named ``preview.js`` in the page's folder is a folder there
        warn(
            ObsidianWarning.NOT_RENDERED,
            f"the hover preview of this page is not written: {path.name!r} beside it is "
            "another page's place; links to it show no preview",
            (pagename, None),
            app.config,
        )
        return
    preview = preview_of(app, pagename, doctree)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = json.dumps(preview, ensure_ascii=True, sort_keys=True, separators=(",", ":"))
    # the script hands its data to the page's previews script, which knows the
    # script by its address (``document.currentScript``)
    path.write_text(
        f"window.obsidianPreviews&&window.obsidianPreviews.add(document.currentScript,{data});\n",
        encoding="utf-8",
    )


def _as_json(value: object) -> str | None:
    try:
        return json.dumps(value)
    except (TypeError, ValueError, RecursionError):
        return None


def mathjax_attributes(app: Sphinx) -> dict[str, str]:
    """What the script needs to load MathJax as ``sphinx.ext.mathjax`` loads it
    on a page with math: the address (``data-mathjax``, from the top of
    ``_static`` when not absolute, as Sphinx takes it), the attributes of its
    tag (``data-mathjax-options``) and the scripts that configure it first
    (``data-mathjax-setup``: ``[type, text]`` pairs). Nothing when the site's
    math is not MathJax (``imgmath`` writes pictures, which need nothing).

    A setting that Sphinx could not use either (options that are not a
    mapping, a configuration that is not JSON, a configuration file that is
    not a readable ``.js`` file) is left out here, never an error: Sphinx
    reports it on the first page with math, and a vault without math builds.
    """
    config = app.config
    path = getattr(config, "mathjax_path", "")
    renderer = getattr(app.builder, "math_renderer_name", None)
    if renderer != "mathjax" or not isinstance(path, str) or not path:
        return {}
    setup: list[list[str]] = []
    mathjax2 = getattr(config, "mathjax2_config", None) or getattr(config, "mathjax_config", None)
    if mathjax2 and (written := _as_json(mathjax2)) is not None:
        setup.append(["text/x-mathjax-config", f"MathJax.Hub.Config({written})"])
    for name in ("mathjax3_config", "mathjax4_config"):  # the second from Sphinx 9
        value = getattr(config, name, None)
        if value and (written := _as_json(value)) is not None:
            setup.append(["", f"window.MathJax = {written}"])
    config_path = getattr(config, "mathjax_config_path", "")  # from Sphinx 9
    if config_path and isinstance(config_path, str) and config_path.endswith(".js"):
        with contextlib.suppress(OSError, ValueError):
            setup.append(["", (Path(app.confdir) / config_path).read_text(encoding="utf-8")])
    given = getattr(config, "mathjax_options", None)
    options = {
        str(name): str(value)
        for name, value in (given.items() if isinstance(given, Mapping) else ())
        # the script adds the tag when it is needed; None is no attribute, as in Sphinx
        if name not in {"async", "defer"} and value is not None
    }
    attributes = {"data-mathjax": path}
    if options:
        attributes["data-mathjax-options"] = json.dumps(options, ensure_ascii=True, sort_keys=True)
    if setup:
        attributes["data-mathjax-setup"] = json.dumps(setup, ensure_ascii=True)
    return attributes


def add_script(app: Sphinx) -> None:
    """Add the previews script to every page of a build that writes previews."""
    if not previews_on(app.builder):
        return
    from .assets import copy_static

    copy_static(app, SCRIPT)
    # the script finds a page's preview from the link's address, by how pages'
    # addresses end: the link suffix, or "/" for dirhtml's folders
    suffix = "/" if app.builder.name == "dirhtml" else getattr(app.builder, "link_suffix", "")
    attributes: dict[str, Any] = {"loading_method": "defer", "data-link-suffix": str(suffix)}
    attributes.update(mathjax_attributes(app))
    app.add_js_file(SCRIPT, **attributes)


def setup_previews(app: Sphinx) -> None:
    app.connect("env-updated", find_linked_parts)
    # after MyST's own handler, which sets the MathJax configuration
    app.connect("builder-inited", add_script, priority=800)
    app.connect("html-page-context", write_preview)
