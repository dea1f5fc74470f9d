"""The ``obsidian_*`` configuration values.

Each value is declared once, here, with its default, accepted types and
meaning; ``setup`` registers them from this table and the configuration
reference in the documentation is generated from it.
"""

from __future__ import annotations

import dataclasses
import posixpath
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

__all__ = ["CONFIG_VALUES", "ConfigValue", "register"]


@dataclasses.dataclass(frozen=True, slots=True)
class ConfigValue:
    """One ``conf.py`` value: its name, default, types, rebuild scope and help."""

    name: str
    default: Any
    types: tuple[type, ...]
    rebuild: str
    help: str


CONFIG_VALUES: tuple[ConfigValue, ...] = (
    ConfigValue(
        "obsidian_resolve_aliases",
        True,
        (bool,),
        "env",
        "Let a link reach a note through the note's front matter ``aliases`` "
        "(``aliases: [GLF]`` makes ``[[GLF]]`` work). A real note name always "
        "wins over an alias.",
    ),
    ConfigValue(
        "obsidian_strict_line_breaks",
        False,
        (bool,),
        "env",
        "Obsidian's *Strict line breaks* setting. Off (the default, as in Obsidian), "
        "a single line break inside a paragraph of a note is kept as a line break; "
        "on, lines of a paragraph are joined, as in standard Markdown. It applies to "
        "the notes inside ``obsidian_vaults`` when that is set, else to every Markdown "
        "page; set it to ``True`` for a project whose Markdown pages wrap their lines.",
    ),
    ConfigValue(
        "obsidian_mermaid",
        True,
        (bool,),
        "env",
        "Draw notes' ``mermaid`` fences as diagrams with ``sphinxcontrib-mermaid`` when it "
        "is installed (``pip install sphinxext-obsidian[mermaid]``), loading it if the "
        "project does not. Builders other than HTML show the diagram's code unless the "
        "Mermaid command line (``mermaid_cmd``) is there to draw it. ``False`` shows "
        "every ``mermaid`` fence as code.",
    ),
    ConfigValue(
        "obsidian_markdown_links",
        True,
        (bool,),
        "env",
        "Resolve standard Markdown links to notes (``[text](My%20Note.md#Heading)``, "
        "``.md`` optional) by the same rules as wikilinks. A link without ``.md`` "
        "that names no note is left to MyST, so MyST's own link targets keep working.",
    ),
    ConfigValue(
        "obsidian_backlinks",
        True,
        (bool,),
        "env",
        "End each note's HTML page with the list of pages that link to it (or embed "
        "it), titled by ``obsidian_backlinks_heading``. Only notes (Markdown pages) get "
        "the list; it is part of the page, not of the text, so PDF and text builds "
        "leave it out.",
    ),
    ConfigValue(
        "obsidian_backlinks_heading",
        "Linked mentions",
        (str,),
        "env",
        "The heading of the backlinks list.",
    ),
    ConfigValue(
        "obsidian_backlinks_context",
        True,
        (bool,),
        "env",
        'Under each page listed in "Linked mentions", show the sentence or list item '
        "around each of its links to the note, the link highlighted. ``False`` lists the "
        "linking pages only.",
    ),
    ConfigValue(
        "obsidian_unlinked_mentions",
        False,
        (bool,),
        "env",
        'Also list "Unlinked mentions": notes that name the note\'s title or one of its '
        "aliases in plain text without linking it, each with the sentence around the name. "
        "Off by default: it reads every note's text for every title.",
    ),
    ConfigValue(
        "obsidian_hover_previews",
        True,
        (bool,),
        "html",
        "Show a preview of a link's target when the reader hovers the link or moves the "
        "keyboard focus to it: the note's opening, the linked section or the linked "
        "block. The previews are written at build time, one small script per note "
        "beside its page, and loaded only when a link is hovered. ``False`` writes none.",
    ),
    ConfigValue(
        "obsidian_graph",
        True,
        (bool,),
        "html",
        "Draw a local graph on each note's HTML page (the notes it links to and the notes "
        "linking to it) and write the vault's whole graph on the page named by "
        "``obsidian_graph_page``. Both are drawn at build time as SVG, readable without "
        "JavaScript: every node is a link to its page. A small script adds zoom, pan and "
        "highlighting. A note without links gets no graph; the ``html`` and ``dirhtml`` "
        "builders draw them, not ``singlehtml``, ePub, PDF or text.",
    ),
    ConfigValue(
        "obsidian_graph_depth",
        1,
        (int,),
        "html",
        "How many links away from the note its local graph reaches, from 1 to 3 (other "
        "values are brought into that range). A local graph shows at most 30 nodes: the "
        "nearest, then the most linked.",
    ),
    ConfigValue(
        "obsidian_graph_tags",
        False,
        (bool,),
        "html",
        "Show tags as nodes of the graphs, linked to the notes that carry them; a tag's node "
        "opens its tag page. A tag counts as a link: at depth 2, a note's local graph reaches "
        "the notes that share its tags.",
    ),
    ConfigValue(
        "obsidian_graph_limit",
        1500,
        (int,),
        "html",
        "The most nodes the whole-vault graph draws: the most linked notes (and tags), so "
        "that the graph of a large vault still opens quickly. ``0`` draws every note.",
    ),
    ConfigValue(
        "obsidian_graph_page",
        "graph",
        (str,),
        "html",
        "The address of the page showing the whole vault's graph (``graph`` writes "
        "``graph.html``; ``garden/map`` writes ``garden/map.html``); an empty string writes "
        "none. A document of that name keeps its text and shows the graph after it.",
    ),
    ConfigValue(
        "obsidian_feed",
        True,
        (bool,),
        "html",
        "Write an Atom feed (``obsidian_feed_filename``) of the notes that carry a date "
        "property, newest first, linked from the head of every page, and an RSS feed "
        "(``rss.xml``) beside it when ``html_baseurl`` is set, as RSS needs absolute links. "
        "Without ``html_baseurl`` the feed's links are relative to it and its ids are "
        "``urn:uuid:`` names that stay the same from build to build. Only ``html`` and "
        "``dirhtml`` builds write feeds; nothing is written when no note has a date. Lists "
        "of recent notes (the ``obsidian-recent`` directive) work either way.",
    ),
    ConfigValue(
        "obsidian_feed_date_properties",
        ["date", "created", "updated"],
        (list, tuple),
        "env",
        "The properties that date a note for the feeds and the lists of recent notes, in the "
        "order they are looked for. The first that holds a date is the note's date, which "
        "orders the feed and the lists; the latest any of them holds is the feed entry's "
        "``updated`` (with the note's date as ``published`` when it is earlier). A date is "
        "a YAML date or timestamp, or a string in that form (``2024-05-01T10:00``); a time "
        "without a zone is read as UTC. Other values leave the note undated.",
    ),
    ConfigValue(
        "obsidian_feed_filename",
        "atom.xml",
        (str,),
        "html",
        "The Atom feed's file, from the top of the site; it may be in a folder "
        "(``feeds/garden.xml``). The RSS feed is ``rss.xml`` beside it.",
    ),
    ConfigValue(
        "obsidian_feed_limit",
        50,
        (int,),
        "html",
        "The most notes the feed lists (the newest ones); ``0`` lists every dated note.",
    ),
    ConfigValue(
        "obsidian_redirects",
        True,
        (bool,),
        "html",
        "Write a redirect page at the address each ``aliases`` entry and each ``permalink`` "
        "property names, leading to the note, so that old addresses keep working after a "
        "rename. An alias's address is beside the note (``notes/Old name.html``), a "
        "permalink's is from the top of the site (``/garden/start/``); ``html`` and "
        "``dirhtml`` builds write them, each in its own style. A page of the site keeps its "
        "address: an alias that names one is skipped, a permalink that names one warns.",
    ),
    ConfigValue(
        "obsidian_redirects_file",
        "_redirects.json",
        (str,),
        "html",
        "The file listing every redirect in the shape Read the Docs' redirects take, at "
        "the top of the site: a JSON list of page redirects as its API (v3) creates them "
        "(``type``, ``from_url``, ``to_url``, ``http_status``, ``force``, ``enabled``, "
        "``description``), to turn the redirect pages into server-side redirects. A file "
        "name; an empty string writes none.",
    ),
    ConfigValue(
        "obsidian_template_folders",
        ["Templates", "templates"],
        (list, tuple),
        "env",
        "Folders of note templates, left out of the build: a name is looked for at the "
        "top of the source folder, of each folder in it and of each vault (a folder "
        "holding ``.obsidian``); a path names one folder. Deeper folders of that name "
        "are content, as in Obsidian. The folder named in a vault's own "
        "``.obsidian/templates.json`` is left out too. ``.obsidian`` and ``.trash`` "
        "folders always are.",
    ),
    ConfigValue(
        "obsidian_callout_style",
        "theme",
        (str,),
        "html",
        'How callouts look in HTML. ``"theme"``: exactly as the theme\'s admonition '
        "of the same kind (a ``[!warning]`` as a ``{warning}``), each of the 13 types "
        "shown as the theme's closest admonition, folding with a small script (without "
        'it, foldable callouts are shown open). ``"obsidian"``: Obsidian\'s own '
        "colours and icons, the same in every theme, folding without a script.",
    ),
    ConfigValue(
        "obsidian_exclude_properties",
        {"publish": False, "draft": True},
        (dict,),
        "env",
        "Front matter properties that leave a note out of the build, with the value "
        "that does it. Links to a left-out note get an ``obsidian.excluded`` warning.",
    ),
    ConfigValue(
        "obsidian_navigation",
        True,
        (bool,),
        "env",
        "Give the notes that no toctree reaches a navigation of their own: a page per "
        "folder listing its notes and sub-folders by title (a folder note, ``index.md`` "
        "or ``<folder>.md`` inside the folder, supplies the page's text), linked from the "
        "root document. The pages are made inside the build; nothing is written to the "
        "source folder. Set to ``False`` to write the toctrees yourself.",
    ),
    ConfigValue(
        "obsidian_home",
        "Home",
        (str, type(None)),
        "env",
        "The name of a vault's home note (``Home`` or ``Home.md``, in any case). In each "
        "vault folder (those of ``obsidian_vaults``, else each top-level folder of the "
        "source folder) the note of that name is the vault's page: the root document links "
        "the vault by the note's title, and the note lists the vault's folders and notes "
        "after its own text, also when a toctree of the project lists it. A folder note "
        "(``index.md`` or ``<folder>.md``) comes first: it is the vault's page, and the "
        "home note is listed like any other note. "
        "At the top of the source folder, the home note is listed first on the root "
        "document. ``None`` turns it off.",
    ),
    ConfigValue(
        "obsidian_navigation_group_size",
        30,
        (int,),
        "env",
        "The most notes a folder's page lists directly. A larger folder lists pages of "
        'notes with consecutive titles instead ("Apple to Mango"), so that a sidebar, '
        "which shows every sibling of the current page, stays short and the build grows "
        "in step with the vault. ``0`` lists every note directly.",
    ),
    ConfigValue(
        "obsidian_sidebar_limit",
        200,
        (int,),
        "html",
        "How many pages the vault's navigation may hold and still be drawn whole in "
        "the theme's sidebar on every page, as Sphinx draws any toctree. A larger "
        "vault's sidebar shows its top entries and the branch down to the current page "
        "(see ``obsidian_sidebar_neighbours``), so that what a page carries does not "
        "grow with the vault. ``0`` always draws the branch only.",
    ),
    ConfigValue(
        "obsidian_sidebar_neighbours",
        3,
        (int,),
        "html",
        "In the sidebar of a vault larger than ``obsidian_sidebar_limit``: how many "
        "entries each level shows on each side of the one on the path to the current "
        "page (its folders, then its neighbours in its folder), followed by a link to "
        "the page that lists them all.",
    ),
    ConfigValue(
        "obsidian_vaults",
        None,
        (list, tuple, type(None)),
        "env",
        "The folders of the source folder that hold vaults, relative to it. ``None`` "
        "(the default) takes every Markdown note that no toctree reaches, wherever it is; "
        "a list limits the generated navigation to notes inside those folders.",
    ),
    ConfigValue(
        "obsidian_tags",
        True,
        (bool,),
        "env",
        "Turn ``#tags`` in the text and the ``tags`` property into links to generated "
        "tag pages: one page per tag (nested tags list their children) and a tags index, "
        "in the folder named by ``obsidian_tags_folder``.",
    ),
    ConfigValue(
        "obsidian_tags_folder",
        "tags",
        (str,),
        "env",
        "Where the generated tag pages live in the site (``tags/index``, "
        "``tags/<tag>``). A note already at such a name (``tags/plugin.md``) becomes "
        "that tag's page and keeps its text.",
    ),
    ConfigValue(
        "obsidian_properties",
        True,
        (bool, list, tuple),
        "env",
        "Show a note's front matter as a properties panel under its title: ``True`` "
        "for every key but those in ``obsidian_properties_hidden``, a list for just "
        "those keys (in that order), ``False`` for none.",
    ),
    ConfigValue(
        "obsidian_properties_hidden",
        [
            "title",
            "aliases",
            "alias",
            "cssclasses",
            "cssclass",
            "publish",
            "draft",
            "description",
            "permalink",
        ],
        (list, tuple),
        "env",
        "Front matter keys never shown in the properties panel; they do their work "
        "elsewhere (the title, link aliases, page classes, the meta description).",
    ),
    ConfigValue(
        "obsidian_property_links",
        {},
        (dict,),
        "env",
        "URL templates that turn a property's value into a link, per key: "
        '``{"videoId": "https://www.youtube.com/watch?v={value}"}``. The value is '
        "percent-encoded into the template.",
    ),
    ConfigValue(
        "obsidian_myst_extensions",
        ["dollarmath"],
        (list, tuple),
        "env",
        "MyST syntax extensions switched on for notes, because Obsidian has them "
        "built in (``$`` math). They are added to ``myst_enable_extensions``; "
        "set this to ``[]`` to leave MyST's configuration alone.",
    ),
)


def register(app: Sphinx) -> None:
    """Register every value of :data:`CONFIG_VALUES` with Sphinx."""
    for value in CONFIG_VALUES:
        app.add_config_value(
            value.name,
            value.default,
            value.rebuild,  # type: ignore[arg-type]
            types=value.types,
            description=value.help.split(". ")[0],
        )
    app.connect("config-inited", check_values, priority=350)
    app.connect("config-inited", _enable_myst_extensions, priority=400)
    app.connect("config-inited", _notes_in_the_books_contents, priority=400)


def _notes_in_the_books_contents(app: Sphinx, config: Config) -> None:
    """An ePub's table of contents lists the vault's notes.

    The navigation's toctrees are hidden (so that themes' sidebars are not
    limited by a depth), and Sphinx's ePub contents leave hidden toctrees out
    by default: a book of a vault would list no note. Unless the project
    chose a scope, the contents include them.
    """
    if config.obsidian_navigation and getattr(config, "epub_tocscope", None) == "default":
        config.epub_tocscope = "includehidden"


def _folder_problem(value: object) -> str | None:
    """Why ``value`` cannot name a folder inside the source folder, if it cannot."""
    if not isinstance(value, str):
        return "it is not a string"
    parts = value.replace("\\", "/").strip("/").split("/")
    if not value.strip("/ ") or any(part in ("", ".", "..") for part in parts):
        return "it must name a folder inside the source folder, such as 'tags'"
    return None


def check_values(app: Sphinx, config: Config) -> None:
    """Refuse, with a message saying why, values that cannot work.

    An empty tags folder would put the tags index in place of the home page;
    a folder outside the source folder, a negative group size or a property
    link that is not a URL template cannot be honoured at all. Better a clear
    error before reading than a site that silently lost its home page.
    """
    problems: list[str] = []
    if config.obsidian_tags:
        why = _folder_problem(config.obsidian_tags_folder)
        if why:
            problems.append(f"obsidian_tags_folder = {config.obsidian_tags_folder!r}: {why}")
    style = config.obsidian_callout_style
    if style not in ("theme", "obsidian"):
        problems.append(f"obsidian_callout_style = {style!r}: it must be 'theme' or 'obsidian'")
    home = config.obsidian_home
    if home is not None and (
        not isinstance(home, str) or not home.strip() or "/" in home or "\\" in home
    ):
        problems.append(
            f"obsidian_home = {home!r}: it must be a note's name, such as 'Home', or None"
        )
    for name, zero in (
        ("obsidian_navigation_group_size", "0 (no groups)"),
        ("obsidian_sidebar_limit", "0"),
        ("obsidian_sidebar_neighbours", "0"),
    ):
        problems += count_problems(config, name, zero)
    for folder in config.obsidian_vaults or ():
        normal = posixpath.normpath(folder.strip("/")) if isinstance(folder, str) else folder
        why = _folder_problem(normal)
        if why and normal not in ("", "."):
            problems.append(
                f"obsidian_vaults entry {folder!r}: it must name a folder inside the source "
                "folder, such as 'notes'"
            )
    links = config.obsidian_property_links
    if not isinstance(links, dict):
        problems.append(f"obsidian_property_links = {links!r}: it must be a dictionary")
    else:
        for key, template in links.items():
            if not isinstance(template, str):
                problems.append(
                    f"obsidian_property_links[{key!r}]: the URL template must be a string"
                )
    # the garden's settings, checked by the modules that know what they take
    from .feeds import feed_problems
    from .graph import graph_problems

    problems += feed_problems(config) + graph_problems(config)
    if problems:
        from sphinx.errors import ConfigError

        raise ConfigError("sphinxext-obsidian: " + "; ".join(problems))


def count_problems(config: Config, name: str, zero: str) -> list[str]:
    """Why the setting ``name`` is no count (a whole number, ``zero`` or more), if it is not."""
    value = getattr(config, name)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        return [f"{name} = {value!r}: it must be a whole number, {zero} or more"]
    return []


def _enable_myst_extensions(app: Sphinx, config: Config) -> None:
    """Add the MyST extensions that Obsidian notes rely on.

    Runs on ``config-inited`` before MyST reads its configuration (MyST does
    so at ``builder-inited``), so MyST sees the merged list.
    """
    wanted = list(config.obsidian_myst_extensions)
    current = config.myst_enable_extensions
    if isinstance(current, str):
        current = [current]
    merged = list(current) + [name for name in wanted if name not in current]
    config.myst_enable_extensions = merged
