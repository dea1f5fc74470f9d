"""Backlinks: each note ends with "Linked mentions", the notes that link to it,
each with the sentence around its links, and, when asked for, "Unlinked
mentions", the notes that name it without linking it.

What every page links to, and the words around each link, are recorded while
it is read (the domain's ``targets`` and ``mentions`` tables). Once all pages
are read, the map from each page to the pages linking to it is built in one
pass, in the main process (so parallel builds agree), and compared with the
previous build's: a page whose mentions changed is written again even when its
own text did not change. The lists are added to each note's HTML page as it is
put together.
"""

from __future__ import annotations

import html
import posixpath
from typing import TYPE_CHECKING, Any

from .mentions import Mention, NameIndex, unlinked_mentions
from .nodes import obsidian_domain
from .previews import PREVIEW_CLASS, shows_preview

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from .domain import ObsidianDomain


__all__ = ["append_backlinks", "compute_backlinks", "setup_backlinks"]

#: page -> [(linking page, [mention, ...]), ...]
Contexts = dict[str, list[tuple[str, list[Mention]]]]


def compute_backlinks(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Build the backlinks map after reading; return the pages whose lists changed."""
    domain = obsidian_domain(env)
    found: dict[str, set[str]] = {}
    contexts: Contexts = {}
    if env.config.obsidian_backlinks:
        mentions: dict[str, list[tuple[str, str, str, str]]] = domain.data["mentions"]
        for source, resolved in domain.resolved_targets().items():
            targets = {path: target for path, target in resolved.items() if target != source}
            for target in targets.values():
                found.setdefault(target, set()).add(source)
            by_target: dict[str, list[Mention]] = {}
            for path, before, text, after in mentions.get(source, ()):
                if path in targets and text:
                    by_target.setdefault(targets[path], []).append(Mention(before, text, after))
            for target, said in by_target.items():
                # the same words linking twice in one sentence are shown once
                contexts.setdefault(target, []).append((source, list(dict.fromkeys(said))))
    new = {target: sorted(sources) for target, sources in found.items()}
    builder = app.builder.name
    changed = domain.renew("backlinks", new, builder)
    contexts = {target: sorted(said) for target, said in contexts.items()}
    changed |= domain.renew("mention_contexts", contexts, builder)
    changed |= domain.renew("unlinked", _unlinked(env, domain), builder)
    return sorted(changed & env.found_docs)


def _unlinked(env: BuildEnvironment, domain: ObsidianDomain) -> dict[str, Any]:
    """Each note's unlinked mentions (when ``obsidian_unlinked_mentions`` is on)."""
    if not (env.config.obsidian_backlinks and env.config.obsidian_unlinked_mentions):
        return {}
    names: list[tuple[str, str]] = []
    for docname in sorted(domain.notes):
        # the file's name, as Obsidian matches, and the title shown, when it differs
        names.append((posixpath.basename(docname), docname))
        title = env.titles.get(docname)
        if title is not None:
            names.append((title.astext(), docname))
        names.extend((alias, docname) for alias in domain.aliases.get(docname, ()))
    found = unlinked_mentions(domain.data["texts"], NameIndex(names))
    return {docname: found[docname] for docname in sorted(found)}


def _mention_html(mention: Mention) -> str:
    return (
        f"{html.escape(mention.before)}<mark>{html.escape(mention.text)}</mark>"
        f"{html.escape(mention.after)}"
    )


def _page_link(app: Sphinx, pagename: str, source: str) -> str:
    title = app.env.titles.get(source)
    text = html.escape(title.astext() if title is not None else source)
    uri = html.escape(app.builder.get_relative_uri(pagename, source), quote=True)
    classes = "obsidian-link reference internal"
    if shows_preview(app.env, app.builder, source):
        classes = f"obsidian-link {PREVIEW_CLASS} reference internal"
    return f'<a class="{classes}" href="{uri}">{text}</a>'


def _listing(
    app: Sphinx, pagename: str, heading: str, classes: str, entries: list[tuple[str, list[Mention]]]
) -> str:
    items = []
    for source, said in entries:
        contexts = "".join(
            f'<li class="obsidian-mention">{_mention_html(mention)}</li>' for mention in said
        )
        listed = f'\n<ul class="obsidian-mentions">{contexts}</ul>' if contexts else ""
        items.append(f"<li><p>{_page_link(app, pagename, source)}</p>{listed}</li>")
    return (
        f'<div class="{classes}">\n'
        f'<p class="rubric">{html.escape(heading)}</p>\n<ul class="simple">\n'
        + "\n".join(items)
        + "\n</ul>\n</div>\n"
    )


def append_backlinks(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Append "Linked mentions" (and "Unlinked mentions") to a note's page body
    (HTML builders).

    Written as HTML when the page is put together rather than as doctree nodes:
    a page's backlinks are as many as its links, and as nodes each would be
    pickled, resolved and collected like a link, for a list that only pages show.
    """
    env = app.env
    if doctree is None or not env.config.obsidian_backlinks or app.builder.name == "singlehtml":
        return
    domain = obsidian_domain(env)
    if pagename not in domain.notes or "body" not in context:  # only notes list them
        return
    sources = domain.data["backlinks"].get(pagename, [])
    if sources:
        said = dict(domain.data.get("mention_contexts", {}).get(pagename, []))
        entries = [(source, said.get(source, [])) for source in sources]
        context["body"] += _listing(
            app, pagename, env.config.obsidian_backlinks_heading, "obsidian-backlinks", entries
        )
    unlinked: list[tuple[str, Mention]] = domain.data["unlinked"].get(pagename, [])
    if unlinked:
        grouped: dict[str, list[Mention]] = {}
        for source, mention in unlinked:
            grouped.setdefault(source, []).append(mention)
        context["body"] += _listing(
            app,
            pagename,
            "Unlinked mentions",
            "obsidian-backlinks obsidian-unlinked-mentions",
            sorted(grouped.items()),
        )


def setup_backlinks(app: Sphinx) -> None:
    app.connect("env-updated", compute_backlinks)
    app.connect("html-page-context", append_backlinks)
