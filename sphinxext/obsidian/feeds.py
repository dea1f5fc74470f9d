"""The Atom and RSS feeds of the dated notes, and lists of recent notes.

A note is dated by the first of ``obsidian_feed_date_properties`` (by default
``date``, then ``created``, then ``updated``) that holds a date: a YAML date
or timestamp, or a string in the ISO form YAML would have read as one
(``2024-05-01``, ``2024-05-01T10:00``, ``2024-05-01 10:00:00+02:00``). A date
or time without a zone is read as UTC. Anything else (``soon``, a list) leaves
the note undated, silently: a free-text ``date`` property is a note's own
business. A string shaped like a date that is none (``"2024-13-45"``) is a
typo, and warns (``obsidian.front_matter``, the warning YAML's own invalid
dates give).

The note's date orders the feed and the lists, newest first (then by path).
An Atom entry's ``updated`` is the latest date any of the listed properties
gives, and ``published`` is the note's date when a later one exists (a note
with ``date`` and a later ``updated``); with a single date, the entry has
``updated`` alone, as it cannot tell publication from revision.

Links are absolute when ``html_baseurl`` is set, and entries are identified
by their address then. Without it, links are relative to the feed (RFC 4287
resolves them against the feed's own address), and ids, which must be
absolute, are ``urn:uuid:`` names derived from the project's name and the
note's path: the same from build to build. RSS 2.0 has no relative links, so
its feed is written only when ``html_baseurl`` is set.

The feeds are written after the build, from every note the environment
holds, so an incremental build writes the same bytes as a full one; the
feed's own ``updated`` is its newest entry's, never the time of the build.
A list of recent notes is a placeholder while reading, filled when the page
is written, and the pages showing one are written again whenever a note is
read or removed.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import html
import posixpath
import re
import uuid
import weakref
import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime, timedelta, timezone
from email.utils import format_datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar
from urllib.parse import quote

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.config import Config
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective
from sphinx.util.osutil import relative_uri

from . import __version__
from .characters import whole_characters
from .nodes import line_break, obsidian_domain, recent_notes, skip_node, task_marker
from .output_places import SITE_BUILDERS, taken_by_pages
from .properties import source_property_line
from .resolution import name_key
from .warnings import ObsidianWarning, setting_location, warn

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Sequence, Set

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from .domain import ObsidianDomain

__all__ = [
    "DatedNote",
    "dated_notes",
    "opening_text",
    "read_date",
    "setup_feeds",
]

ATOM_NAMESPACE = "http://www.w3.org/2005/Atom"
#: the RSS feed's name, in the folder of the Atom feed
RSS_FILENAME = "rss.xml"
#: how long a summary made from a note's opening may be, in characters
SUMMARY_LENGTH = 300
#: what marks a feed file as this extension's (and so ours to remove)
GENERATOR = "sphinxext-obsidian"
#: how deep a list of recent notes is followed through the embeds that show it
EMBED_DEPTH = 8
#: the namespace of the feeds' ``urn:uuid:`` ids
_ID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://pypi.org/project/sphinxext-obsidian/")


# -- dates -------------------------------------------------------------------------------

#: a date, and a time with an optional zone, in the forms YAML reads as timestamps
_DATE_SHAPE = re.compile(
    r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})"
    r"(?:(?:[Tt]|[ \t]+)(?P<hour>\d{1,2}):(?P<minute>\d{2})"
    r"(?::(?P<second>\d{2})(?:[.,](?P<fraction>\d+))?)?"
    r"[ \t]*(?:(?P<utc>[Zz])|(?P<sign>[+-])(?P<zone_hours>\d{1,2})"
    r"(?::?(?P<zone_minutes>\d{2}))?)?)?",
    re.ASCII,  # the digits YAML reads: a date in other scripts' digits is text
)
#: naive on purpose: :func:`instant` applies each time's offset itself
_EPOCH = datetime(1970, 1, 1)


def read_date(value: object) -> tuple[datetime | None, str | None]:
    """A property's value as an aware date and time, or why it looks like one
    and is none.

    ``(None, None)`` for a value that is no date and does not pretend to be
    one (free text, a number, a list): only a string shaped like a date that
    does not exist (``2024-13-45``, ``2024-02-30``) has a problem to tell.
    """
    if isinstance(value, datetime):
        return _aware(value), None
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=UTC), None
    if not isinstance(value, str):
        return None, None
    found = _DATE_SHAPE.fullmatch(value.strip())
    if found is None:
        return None, None
    try:
        return _from_parts(found), None
    except ValueError as error:
        return None, str(error)


def _aware(moment: datetime) -> datetime:
    """A time with its zone; one written without a zone is read as UTC."""
    return moment if moment.utcoffset() is not None else moment.replace(tzinfo=UTC)


def _from_parts(found: re.Match[str]) -> datetime:
    """The date and time a string of :data:`_DATE_SHAPE` names (``ValueError``
    when there is no such day, hour or zone)."""
    year, month, day = int(found["year"]), int(found["month"]), int(found["day"])
    if found["hour"] is None:
        return datetime(year, month, day, tzinfo=UTC)
    microsecond = int((found["fraction"] or "")[:6].ljust(6, "0"))
    return datetime(
        year,
        month,
        day,
        int(found["hour"]),
        int(found["minute"]),
        int(found["second"] or 0),
        microsecond,
        tzinfo=_zone(found),
    )


def _zone(found: re.Match[str]) -> timezone:
    if found["sign"] is None:
        return UTC
    hours, minutes = int(found["zone_hours"]), int(found["zone_minutes"] or 0)
    if hours > 23 or minutes > 59:
        raise ValueError("a zone's offset must be at most 23:59")
    offset = timedelta(hours=hours, minutes=minutes)
    return timezone(-offset if found["sign"] == "-" else offset)


def instant(moment: datetime) -> timedelta:
    """Where an aware time lies on one line, to order times of any zones.

    Converting to UTC would overflow on the first and last days Python has
    (``0001-01-01T00:00+02:00``); a difference from the epoch cannot.
    """
    return (moment.replace(tzinfo=None) - _EPOCH) - (moment.utcoffset() or timedelta(0))


def rfc3339(moment: datetime) -> str:
    """A time as Atom writes it: ``2024-05-01T10:00:00+02:00``, ``Z`` for UTC."""
    written = moment.replace(tzinfo=None).isoformat(
        timespec="microseconds" if moment.microsecond else "seconds"
    )
    minutes = int((moment.utcoffset() or timedelta(0)).total_seconds()) // 60
    if minutes == 0:
        return written + "Z"
    sign = "-" if minutes < 0 else "+"
    hours, minutes = divmod(abs(minutes), 60)
    return f"{written}{sign}{hours:02d}:{minutes:02d}"


@dataclasses.dataclass(frozen=True, slots=True)
class DatedNote:
    """A note with a date: the first listed property that holds one (``date``),
    and the latest date any listed property holds (``updated``)."""

    docname: str
    date: datetime
    updated: datetime

    @property
    def published(self) -> datetime | None:
        """The note's date when a later one says it was changed since."""
        return self.date if instant(self.date) < instant(self.updated) else None


def note_dates(
    properties: dict[str, Any], names: Iterable[str]
) -> tuple[list[datetime], list[tuple[str, str, str]]]:
    """The dates the listed properties hold, in the list's order, and each
    value that looks like a date and is none: ``(property, value, why)``."""
    dates: list[datetime] = []
    problems: list[tuple[str, str, str]] = []
    for name in names:
        value = properties.get(name)
        found, problem = read_date(value)
        if found is not None:
            dates.append(found)
        elif problem is not None:
            problems.append((name, str(value), problem))
    return dates, problems


def _dated(docname: str, properties: object, names: Sequence[str]) -> DatedNote | None:
    if not isinstance(properties, dict):
        return None
    dates, _problems = note_dates(properties, names)
    if not dates:
        return None
    return DatedNote(docname, dates[0], max(dates, key=instant))


#: the dated notes of each environment's domain, with what they were made from
_DATED: weakref.WeakKeyDictionary[ObsidianDomain, tuple[tuple[Any, ...], list[DatedNote]]] = (
    weakref.WeakKeyDictionary()
)


def dated_notes(env: BuildEnvironment) -> list[DatedNote]:
    """Every dated note, newest first (then by path).

    Made once per state of the notes' properties: every page's head asks
    whether there is a feed, and every list of recent notes asks for them.
    """
    domain = obsidian_domain(env)
    names = tuple(str(name) for name in env.config.obsidian_feed_date_properties)
    stamp = (domain.read_generation, names)
    cached = _DATED.get(domain)
    if cached is not None and cached[0] == stamp:
        return cached[1]
    properties: dict[str, Any] = domain.data["properties"]
    found = [
        note
        for docname, written in properties.items()
        if docname in env.all_docs and (note := _dated(docname, written, names)) is not None
    ]
    found.sort(key=lambda note: (-instant(note.date), note.docname))
    _DATED[domain] = (stamp, found)
    return found


# -- text --------------------------------------------------------------------------------

#: what XML 1.0 does not allow in a document, even escaped
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    """``text`` as XML 1.0 can hold it: surrogate pairs joined, a lone half of
    one as U+FFFD, control characters left out."""
    return _NOT_XML.sub("", whole_characters(text))


def one_line(text: str) -> str:
    """``text`` on one line, each run of white space a single space."""
    return " ".join(text.split())


def clean(text: str) -> str:
    """``text`` as a feed holds a title or a summary: XML's characters, one line."""
    return one_line(xml_text(text))


def cut_at_word(text: str, limit: int = SUMMARY_LENGTH) -> str:
    """At most ``limit`` characters of ``text``, cut after a word and ended with "…"
    (a single word longer than half the limit is cut where the limit falls)."""
    if len(text) <= limit:
        return text
    budget = limit - 1  # the room left beside the "…"
    head = text[: budget + 1]
    space = head.rfind(" ")
    head = head[:space] if space > budget // 2 else text[:budget]
    return head.rstrip(" ,;:") + "…"


#: blocks whose text is not the note's prose: headings, the properties panel,
#: tables, code, footnotes, captions, contents and comments
_NOT_PROSE = (
    nodes.title, nodes.subtitle, nodes.rubric, nodes.field_list, nodes.docinfo, nodes.table,
    nodes.literal_block, nodes.doctest_block, nodes.math_block, nodes.footnote, nodes.citation,
    nodes.figure, nodes.caption, nodes.topic, nodes.sidebar, nodes.comment, nodes.raw,
    nodes.system_message, nodes.substitution_definition, addnodes.toctree,
)  # fmt: skip
#: inline nodes whose text is markup rather than words
_NOT_WORDS = (
    nodes.footnote_reference, nodes.citation_reference, nodes.raw, nodes.comment,
    nodes.system_message, nodes.substitution_definition, nodes.image, nodes.problematic,
    task_marker,
)  # fmt: skip
#: the extension's own lists and panels, which are no part of the note's text
_NOT_THE_NOTE = frozenset(("obsidian-properties", "obsidian-navigation", "obsidian-tag-notes"))


def _paragraphs(root: nodes.Element) -> Iterator[nodes.paragraph]:
    """The paragraphs of a page in reading order, outside what is not prose."""
    stack: list[nodes.Node] = [root]
    while stack:
        node = stack.pop()
        if not isinstance(node, nodes.Element) or isinstance(node, _NOT_PROSE):
            continue
        if _NOT_THE_NOTE.intersection(node.get("classes", ())):
            continue
        if isinstance(node, nodes.paragraph):
            yield node
        else:
            stack.extend(reversed(node.children))


def _words(paragraph: nodes.paragraph) -> str:
    """A paragraph's text as a reader reads it (links by their text, no
    footnote numbers, a line break as a space)."""
    out: list[str] = []
    stack: list[nodes.Node] = [paragraph]
    while stack:
        node = stack.pop()
        if isinstance(node, nodes.Text):
            out.append(str(node))
        elif isinstance(node, line_break):
            out.append(" ")
        elif isinstance(node, nodes.Element) and not isinstance(node, _NOT_WORDS):
            stack.extend(reversed(node.children))
    return "".join(out)


def opening_text(doctree: nodes.Element, limit: int = SUMMARY_LENGTH) -> str:
    """The note's opening as plain text: its first paragraphs after the title,
    without the properties panel, at most ``limit`` characters cut at a word.

    The paragraphs may be under a heading: a note whose text starts with a
    section (``title`` in front matter, then ``## Overview``) has an opening too.
    """
    collected: list[str] = []
    size = 0
    for paragraph in _paragraphs(doctree):
        text = one_line(_words(paragraph))
        if text:
            collected.append(text)
            size += len(text) + 1
        if size > limit:
            break
    return cut_at_word(" ".join(collected), limit)


# -- while reading -----------------------------------------------------------------------


def record_dates_and_opening(app: Sphinx, doctree: nodes.document) -> None:
    """Warn about date properties that are typos, and keep the opening of a
    dated note that has no ``description``, for its feed entry's summary.

    Done while reading, so each warning is given once per change of the note
    (in parallel builds too), and the feed needs no doctree when written.
    """
    env = app.env
    docname = env.docname
    domain = obsidian_domain(env)
    properties = domain.data["properties"].get(docname)
    if not isinstance(properties, dict):
        return
    names = [str(name) for name in env.config.obsidian_feed_date_properties]
    dates, problems = note_dates(properties, names)
    outcome = (
        "the note is dated by its other properties"
        if dates
        else "the note is left out of the feeds and of the lists of recent notes"
    )
    for name, value, problem in problems:
        warn(
            ObsidianWarning.FRONT_MATTER,
            f"the {name!r} property {value!r} is not a date ({problem}); {outcome}",
            (docname, _property_line(env, docname, name)),
            env.config,
        )
    if dates and not domain.data["page"].get(docname, {}).get("description"):
        opening = opening_text(doctree)
        if opening:
            domain.data["summaries"][docname] = opening


def _property_line(env: BuildEnvironment, docname: str, name: str) -> int:
    """The line of the note's front matter that sets ``name`` (1 if not found)."""
    return source_property_line(env, docname, name) or 1


# -- lists of recent notes ---------------------------------------------------------------


def _folder_option(argument: str | None) -> str:
    """A folder of the project as docnames begin with it (``journal/2024``)."""
    folder = posixpath.normpath((argument or "").replace("\\", "/").strip().strip("/"))
    return "" if folder == "." else folder


class RecentNotesDirective(SphinxDirective):
    """``obsidian-recent``: a list of the newest dated notes, with their dates.

    ``:limit:`` is how many (10 unless given; 0 lists every dated note) and
    ``:folder:`` keeps the notes under one folder of the project.
    """

    has_content = False
    option_spec: ClassVar[dict[str, Any]] = {
        "limit": directives.nonnegative_int,
        "folder": _folder_option,
    }

    def run(self) -> list[nodes.Node]:
        folder: str = self.options.get("folder", "")
        node = recent_notes("", limit=self.options.get("limit", 10), folder=folder)
        self.set_source_info(node)
        if folder and not any(_under(docname, folder) for docname in self.env.found_docs):
            # most likely a typo: a folder that exists but has no dated note is quiet
            warn(
                ObsidianWarning.UNRESOLVED,
                f"obsidian-recent: the project has no page in the folder {folder!r}; "
                "the list is empty",
                (self.env.docname, self.lineno),
                self.config,
            )
        obsidian_domain(self.env).data["recent"][self.env.docname] = True
        return [node]


def _under(docname: str, folder: str) -> bool:
    return not folder or docname.startswith(folder + "/")


def page_title(env: BuildEnvironment, docname: str) -> str:
    """A page's title as plain text, on one line (its path when it has none)."""
    title = env.titles.get(docname)
    text = one_line(whole_characters(title.astext())) if title is not None else ""
    return text or docname


def recent_list(env: BuildEnvironment, host: str, notes: Iterable[DatedNote]) -> nodes.bullet_list:
    """The list: each note's title, linked, and its date (as ``2024-05-01``).

    The links are Sphinx's own links to documents, so that every builder
    gives them the address it gives pages (``#document-...`` in one page,
    ``\\hyperref`` in LaTeX).
    """
    listing = nodes.bullet_list(classes=["obsidian-recent"])
    for note in notes:
        title = page_title(env, note.docname)
        link = addnodes.pending_xref(
            "",
            nodes.inline(title, title),
            refdomain="std",
            reftype="doc",
            reftarget="/" + note.docname,
            refexplicit=True,
            refwarn=True,
            refdoc=host,
        )
        day = note.date.date().isoformat()
        dated = nodes.inline(day, day, classes=["obsidian-recent-date"])
        listing += nodes.list_item("", nodes.paragraph("", "", link, nodes.Text(" — "), dated))
    return listing


class RecentNotes(SphinxPostTransform):
    """Each list of recent notes, made from the notes as they are when the
    page is written."""

    # after embeds (5), so that an embedded list is filled too; before the
    # references resolver (10), which resolves its links
    default_priority = 6

    def run(self, **kwargs: Any) -> None:
        placeholders = list(self.document.findall(recent_notes))
        if not placeholders:
            return
        notes = dated_notes(self.env)
        for placeholder in placeholders:
            folder: str = placeholder.get("folder", "")
            limit: int = placeholder.get("limit", 10)
            chosen = [note for note in notes if _under(note.docname, folder)]
            chosen = chosen[:limit] if limit else chosen
            if chosen:
                placeholder.replace_self(recent_list(self.env, self.env.docname, chosen))
            else:
                # an empty list is no list: LaTeX refuses one, HTML shows nothing
                placeholder.parent.remove(placeholder)


def pages_showing_lists(domain: ObsidianDomain) -> set[str]:
    """The pages with a list of recent notes, and those embedding one of them
    (however deep embeds nest)."""
    pages = set(domain.data["recent"])
    if not pages:
        return pages
    embeds: dict[str, list[str]] = domain.data["embeds"]
    found = set(pages)
    for _ in range(EMBED_DEPTH):
        keys = {name_key(posixpath.basename(docname)) for docname in found}
        found = {d for d, embedded in embeds.items() if keys.intersection(embedded)} - pages
        if not found:
            break
        pages |= found
    return pages


# -- incremental builds ------------------------------------------------------------------


@dataclasses.dataclass(slots=True)
class _Before:
    """Whether the site had a feed before this build read anything."""

    had_feed: bool = False


def _remember_feed(
    state: _Before,
    app: Sphinx,
    env: BuildEnvironment,
    added: Set[str],
    changed: Set[str],
    removed: Set[str],
) -> list[str]:
    state.had_feed = bool(dated_notes(env))
    return []


def _pages_to_rewrite(state: _Before, app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Pages not read again that show something else now.

    Lists of recent notes, when any note was read or removed; and every page
    of an HTML site whose feed appeared or went away, as each page's head
    links the feed.
    """
    domain = obsidian_domain(env)
    pages: set[str] = set()
    if domain.read_this_build or domain.removed_this_build:
        pages = pages_showing_lists(domain)
    if writes_feeds(app) and state.had_feed != bool(dated_notes(env)):
        pages |= env.found_docs
    return sorted((pages - domain.read_this_build) & env.found_docs)


# -- the feeds ---------------------------------------------------------------------------


def writes_feeds(app: Sphinx) -> bool:
    """Whether this build writes feeds: an HTML builder of one page per
    document, with ``obsidian_feed`` on."""
    return bool(app.config.obsidian_feed) and app.builder.name in SITE_BUILDERS


@dataclasses.dataclass(frozen=True, slots=True)
class Site:
    """What every entry and link of the feeds is made with."""

    title: str
    author: str
    language: str
    #: ``html_baseurl`` ending in ``/``, or ``""``
    baseurl: str
    #: the Atom feed's path from the top of the site, as a URL path
    atom_path: str
    #: the address of the root document from the top of the site
    home: str

    @property
    def rss_path(self) -> str:
        return posixpath.join(posixpath.dirname(self.atom_path), RSS_FILENAME)

    def href(self, path: str) -> str:
        """The address of ``path`` (from the top of the site) in the feeds:
        absolute with a base URL, else relative to the feed's folder."""
        if self.baseurl:
            return self.baseurl + path
        return relative_uri(self.atom_path, path)

    def name_id(self, name: str) -> str:
        """A ``urn:uuid:`` that ``name`` always gets in this project."""
        digest = hashlib.sha1(  # the name-based UUID of RFC 9562, version 5
            _ID_NAMESPACE.bytes + f"{self.title}\n{name}".encode("utf-8", "surrogatepass"),
            usedforsecurity=False,
        ).digest()
        return uuid.UUID(bytes=digest[:16], version=5).urn


#: what a URL may hold as it is (its reserved characters, and ``%`` of escapes)
_URL_CHARACTERS = ":/?#[]@!$&'()*+,;=%~"


def _url_path(path: str) -> str:
    return quote(path, errors="surrogatepass")


def page_path(app: Sphinx, docname: str) -> str:
    """A page's address from the top of the site, percent-encoded (the HTML
    builder encodes its addresses, the directory builder does not)."""
    uri = app.builder.get_target_uri(docname)
    return uri if app.builder.name == "html" else _url_path(uri)


@functools.cache
def _default_author() -> str:
    """What Sphinx calls the author of a project that names none."""
    return str(Config().author)


def make_site(app: Sphinx) -> Site:
    """The project's side of the feeds, from its configuration."""
    config = app.config
    author = str(config.author or "")
    if not author.strip() or author == _default_author():
        author = str(config.project)
    # percent-encoded where it is not already (a space, a letter outside ASCII)
    baseurl = quote(xml_text(str(config.html_baseurl or "").strip()), safe=_URL_CHARACTERS)
    return Site(
        title=clean(str(config.project)),
        author=clean(author),
        language=str(config.language or "").replace("_", "-"),
        baseurl=baseurl.rstrip("/") + "/" if baseurl else "",
        atom_path=_url_path(feed_path(config)),
        home=page_path(app, config.root_doc),
    )


@dataclasses.dataclass(frozen=True, slots=True)
class Entry:
    """One note as both feeds list it."""

    id: str
    title: str
    link: str
    date: datetime
    updated: datetime
    published: datetime | None
    summary: str


def make_entry(app: Sphinx, site: Site, note: DatedNote) -> Entry:
    """A dated note's entry: its title, address, dates and summary (the
    ``description`` property, else the note's opening kept while reading)."""
    env = app.env
    domain = obsidian_domain(env)
    link = site.href(page_path(app, note.docname))
    description = domain.data["page"].get(note.docname, {}).get("description")
    summary = description if description else domain.data["summaries"].get(note.docname, "")
    return Entry(
        id=link if site.baseurl else site.name_id(note.docname),
        title=clean(page_title(env, note.docname)),
        link=link,
        date=note.date,
        updated=note.updated,
        published=note.published,
        summary=clean(str(summary)),
    )


def _add(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attributes)
    element.text = text
    return element


def _serialised(root: ET.Element) -> bytes:
    ET.indent(root, space="  ")
    written: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return written + b"\n"


def atom_feed(site: Site, entries: Sequence[Entry]) -> bytes:
    """The Atom feed (RFC 4287) of the entries, in their order."""
    root = ET.Element("feed", {"xmlns": ATOM_NAMESPACE})
    if site.language:
        root.set("xml:lang", site.language)
    _add(root, "id", site.href(site.atom_path) if site.baseurl else site.name_id(site.atom_path))
    _add(root, "title", site.title)
    _add(root, "updated", rfc3339(max((e.updated for e in entries), key=instant)))
    self_href = site.href(site.atom_path) if site.baseurl else posixpath.basename(site.atom_path)
    _add(root, "link", rel="self", type="application/atom+xml", href=self_href)
    _add(root, "link", rel="alternate", type="text/html", href=site.href(site.home))
    _add(_add(root, "author"), "name", site.author)
    _add(root, "generator", GENERATOR, version=__version__)
    for entry in entries:
        item = _add(root, "entry")
        _add(item, "id", entry.id)
        _add(item, "title", entry.title)
        _add(item, "link", rel="alternate", type="text/html", href=entry.link)
        if entry.published is not None:
            _add(item, "published", rfc3339(entry.published))
        _add(item, "updated", rfc3339(entry.updated))
        if entry.summary:
            _add(item, "summary", entry.summary)
    return _serialised(root)


def rss_feed(site: Site, entries: Sequence[Entry]) -> bytes:
    """The RSS 2.0 feed of the entries (absolute links only: ``html_baseurl``)."""
    root = ET.Element("rss", {"version": "2.0", "xmlns:atom": ATOM_NAMESPACE})
    channel = _add(root, "channel")
    _add(channel, "title", site.title)
    _add(channel, "link", site.href(site.home))
    _add(channel, "description", f"The newest notes of {site.title}")
    if site.language:
        _add(channel, "language", site.language.lower())
    newest = max((e.updated for e in entries), key=instant)
    _add(channel, "lastBuildDate", format_datetime(newest))
    _add(channel, "generator", GENERATOR)
    _add(
        channel,
        "atom:link",
        href=site.href(site.rss_path),
        rel="self",
        type="application/rss+xml",
    )
    for entry in entries:
        item = _add(channel, "item")
        _add(item, "title", entry.title)
        _add(item, "link", entry.link)
        _add(item, "guid", entry.link, isPermaLink="true")
        _add(item, "pubDate", format_datetime(entry.date))
        if entry.summary:
            _add(item, "description", entry.summary)
    return _serialised(root)


def feed_path(config: Config) -> str:
    """The Atom feed's path in the output folder, with ``/`` between folders."""
    return str(config.obsidian_feed_filename).replace("\\", "/").strip("/")


def feed_paths(config: Config) -> list[str]:
    """The paths the feeds may take in the output folder: Atom's, and RSS's beside it."""
    atom = feed_path(config)
    return [atom, posixpath.join(posixpath.dirname(atom), RSS_FILENAME)]


def write_feeds(app: Sphinx, exception: BaseException | None) -> None:
    """Write the feeds once the pages are (an HTML build that succeeded).

    When no note is dated any more, or the feed was switched off, feeds an
    earlier build wrote are removed; a file of the same name that this
    extension did not write (the project's own, from ``html_extra_path``) is
    left alone.
    """
    if exception is not None or app.builder.name not in SITE_BUILDERS:
        return
    outdir = Path(app.outdir)
    atom_file, rss_file = (outdir / path for path in feed_paths(app.config))
    notes = dated_notes(app.env) if app.config.obsidian_feed else []
    if not notes:
        _remove_own(atom_file)
        _remove_own(rss_file)
        return
    limit = app.config.obsidian_feed_limit
    site = make_site(app)
    entries = [make_entry(app, site, note) for note in (notes[:limit] if limit else notes)]
    _write(app, atom_file, atom_feed(site, entries))
    if site.baseurl:
        _write(app, rss_file, rss_feed(site, entries))
    else:
        _remove_own(rss_file)


def _write(app: Sphinx, path: Path, content: bytes) -> None:
    """Write a file unless it already holds exactly this (its date then stays),
    or a page of the site is there."""
    if path.is_file() and path.read_bytes() == content:
        return
    taken = taken_by_pages(app.builder, path)
    if taken or (path.is_file() and not _ours(path)):
        name = path.relative_to(app.outdir).as_posix()
        what = "a page of the site, or a folder," if taken else "a file of the project"
        warn(
            ObsidianWarning.FEED,
            f"the feed {name!r} is not written: {what} is there",
            setting_location(app.confdir, "obsidian_feed_filename"),
            app.config,
        )
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)


def _ours(path: Path) -> bool:
    """Whether a file is a feed this extension wrote (its generator says so)."""
    return f">{GENERATOR}</generator>".encode() in path.read_bytes()


def _remove_own(path: Path) -> None:
    """Remove a feed this extension wrote."""
    if path.is_file() and _ours(path):
        path.unlink()


# -- the pages' heads --------------------------------------------------------------------


def link_feeds(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Point feed readers and browsers to the feeds from every page's head.

    The address is absolute with ``html_baseurl``, else relative to the page,
    wherever the page lies.
    """
    if not writes_feeds(app) or not dated_notes(app.env):
        return
    site = make_site(app)
    feeds = [("application/atom+xml", site.atom_path, "Atom")]
    if site.baseurl:
        feeds.append(("application/rss+xml", site.rss_path, "RSS"))
    here = app.builder.get_target_uri(pagename)
    tags = []
    for kind, path, name in feeds:
        href = site.baseurl + path if site.baseurl else relative_uri(here, path)
        title = html.escape(f"{site.title} ({name})", quote=True)
        tags.append(
            f'<link rel="alternate" type="{kind}" title="{title}" '
            f'href="{html.escape(href, quote=True)}" />\n'
        )
    context["metatags"] = context.get("metatags", "") + "".join(tags)


# -- configuration -----------------------------------------------------------------------


def _feed_name_problem(value: object) -> str | None:
    """Why ``value`` cannot name the Atom feed's file, if it cannot."""
    if not isinstance(value, str):
        return "it is not a string"
    parts = value.replace("\\", "/").strip("/").split("/")
    if not value.strip("/ ") or any(part in ("", ".", "..") for part in parts):
        return "it must name a file inside the output folder, such as 'atom.xml'"
    if parts[-1] == RSS_FILENAME:
        return f"{RSS_FILENAME!r} is the name of the RSS feed beside it"
    if parts[-1].lower().endswith((".html", ".htm")):
        return "a name ending in '.html' is a page's; the feed is XML, such as 'atom.xml'"
    return None


def feed_problems(config: Config) -> list[str]:
    """Why feed settings cannot work, if they cannot (the configuration's
    check refuses them before reading, see ``config.check_values``)."""
    from .config import count_problems

    problems: list[str] = []
    why = _feed_name_problem(config.obsidian_feed_filename)
    if why:
        problems.append(f"obsidian_feed_filename = {config.obsidian_feed_filename!r}: {why}")
    problems += count_problems(config, "obsidian_feed_limit", "0")
    names = config.obsidian_feed_date_properties
    if not isinstance(names, list | tuple) or not all(
        isinstance(name, str) and name for name in names
    ):
        problems.append(
            f"obsidian_feed_date_properties = {names!r}: it must be a list of property "
            "names, such as ['date', 'created', 'updated']"
        )
    return problems


def setup_feeds(app: Sphinx) -> None:
    """Connect this module's handlers."""
    state = _Before()
    app.add_directive("obsidian-recent", RecentNotesDirective)
    # replaced before any writer sees it; shown as nothing if one ever did
    skip = (skip_node, None)
    app.add_node(recent_notes, html=skip, latex=skip, text=skip, man=skip, texinfo=skip)
    app.add_post_transform(RecentNotes)
    app.connect("doctree-read", record_dates_and_opening)
    app.connect("env-get-outdated", functools.partial(_remember_feed, state))
    app.connect("env-get-updated", functools.partial(_pages_to_rewrite, state))
    app.connect("html-page-context", link_feeds)
    app.connect("build-finished", write_feeds)
