"""Redirect pages at the addresses of notes' aliases and permalinks.

Readers keep old addresses: a bookmark, a link from another site, a search
result. When a note is renamed, its old name goes into ``aliases`` (as
Obsidian suggests) or the note keeps a ``permalink`` (as Obsidian Publish
does), and the page at that address leads to the note.

The addresses:

* an alias is where the note would be if its file had the alias as name, in
  the same folder (``garden/Old name.md`` would be ``garden/Old name.html``);
* a permalink is an address from the top of the site, as in Obsidian Publish
  (``/x/``, ``x``, ``x.html`` and ``folder/x`` all work).

Each is written the builder's way (``x.html`` for ``html``, ``x/index.html``
for ``dirhtml``); other builders have no addresses to keep and write none.

Who gets an address: a page of the site first (a real name wins over an
alias, as in Obsidian's link resolution), then permalinks, then aliases,
each in the order of the notes' paths. A permalink that cannot have its
address is an ``obsidian.redirect`` warning at its line; an alias that cannot
is skipped without one, since an alias is first of all a name for links.

Everything is decided once every page is written (``build-finished``, in the
main process, from the domain's merged data), so ``-j N`` builds agree with
serial ones, and every build (incremental ones too) writes the whole list
again. A record in the output folder keeps what was written and its digest:
a redirect no longer wanted is removed, and a file whose content is not what
the extension wrote (a page Sphinx wrote since, a file of ``html_extra_path``)
is never replaced or removed.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import hashlib
import html
import json
import posixpath
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import quote

from sphinx.util.osutil import relative_uri

from .feeds import feed_paths
from .nodes import obsidian_domain
from .output_places import SITE_BUILDERS
from .properties import as_list, source_property_line
from .resolution import name_key
from .warnings import ObsidianWarning, setting_location, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder

__all__ = [
    "RECORD",
    "Redirect",
    "alias_names",
    "permalink_address",
    "redirect_page",
    "setup_redirects",
]


#: The record of the files the extension wrote in the output folder, with
#: their digests (JSON: ``{"files": {path: sha256}}``).
RECORD = ".obsidian-redirects.json"

#: Characters that a file name cannot hold on one of the systems a site is
#: built on (``/`` separates folders of a permalink, never of an alias).
NOT_IN_FILE_NAMES = frozenset('\\/:*?"<>|')

#: The longest name of a file or folder, in bytes, leaving room for ``.html``.
LONGEST_NAME = 250

#: The start of an address with a scheme (``https:``, ``mailto:``, ``C:``).
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")

#: Read the Docs' longest ``from_url`` and ``to_url``, and ``description``.
RTD_LONGEST = 255


@dataclasses.dataclass(frozen=True, slots=True)
class Redirect:
    """One redirect page: from ``address`` (a page name, as a docname would be)
    to the note ``docname``, for its ``alias`` or its ``permalink``."""

    docname: str
    address: str
    kind: Literal["alias", "permalink"]
    written: str


@dataclasses.dataclass(slots=True)
class _Build:
    """What one build has seen: the pages the builder rendered in this process
    (the documents' pages and the others: ``genindex``, ``search``, extra pages)."""

    pages: set[str] = dataclasses.field(default_factory=set)


# -- the addresses ------------------------------------------------------------------


def alias_names(properties: dict[str, Any]) -> list[str]:
    """A note's aliases as names for addresses: text, numbers and dates, as
    written; values of other shapes (mappings, nested lists, ``null``, yes/no)
    name nothing a reader typed and are left out."""
    value = properties.get("aliases", properties.get("alias"))
    if isinstance(value, str):
        return as_list(value)
    items = value if isinstance(value, list | tuple) else [value]
    return [str(item).strip() for item in items if _is_name(item) and str(item).strip()]


def _is_name(value: object) -> bool:
    if isinstance(value, bool):
        return False
    return isinstance(value, str | int | float | datetime.date)


def _name_problem(name: str) -> str | None:
    """Why ``name`` cannot be the name of a file or folder, if it cannot."""
    if any(unicodedata.category(char) == "Cc" for char in name):
        return "a control character cannot be in an address"
    if name == "..":
        return "'..' leads out of the site"
    if name in ("", "."):
        return "it has an empty folder name" if not name else "'.' names no file or folder"
    found = sorted(set(name) & NOT_IN_FILE_NAMES)
    if found:
        return f"{found[0]!r} cannot be in a file name"
    if len(name.encode("utf-8")) > LONGEST_NAME:
        return "it is too long for a file name"
    return None


def alias_address(docname: str, alias: str) -> str | None:
    """The page name of an alias's redirect: beside the note, named by the alias;
    ``None`` when the alias cannot be a file name."""
    if _name_problem(alias) is not None:
        return None
    folder = posixpath.dirname(docname)
    return f"{folder}/{alias}" if folder else alias


def permalink_address(value: object) -> tuple[str | None, str]:
    """The page name a permalink names, or ``None`` with why it names none.

    Leading and trailing ``/`` go, and an ending ``.html``: ``/x/``, ``x``
    and ``x.html`` are one address, from the top of the site.
    """
    if value is None:
        return None, "the permalink has no value"
    if not isinstance(value, str):
        return None, f"the permalink is {_shape(value)}, not text"
    text = value.strip()
    if not text:
        return None, "the permalink is empty"
    if any(unicodedata.category(char) == "Cc" for char in text):
        return None, f"permalink {value!r}: a control character cannot be in an address"
    if text.startswith("//") or _SCHEME.match(text):
        return None, f"permalink {value!r} is an address outside the site"
    path = text.strip("/").removesuffix(".html")
    if not path:
        return None, f"permalink {value!r} names the top of the site, the root page"
    for part in path.split("/"):
        problem = _name_problem(part)
        if problem is not None:
            return None, f"permalink {value!r} names no address of the site ({problem})"
    return path, ""


def _shape(value: object) -> str:
    """What a YAML value is, in words."""
    if isinstance(value, bool):
        return "yes or no"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, datetime.date):
        return "a date"
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return f"a {type(value).__name__}"


# -- the builder's style --------------------------------------------------------------


def page_path(builder: Builder, pagename: str) -> str:
    """A page's path from the top of the site, unescaped, the builder's way:
    ``x.html`` (``html``) or ``x/`` (``dirhtml``, ``''`` for the root)."""
    if builder.name == "dirhtml":
        if pagename == "index":
            return ""
        if pagename.endswith("/index"):
            return pagename[: -len("index")]
        return pagename + "/"
    return pagename + str(getattr(builder, "link_suffix", ".html"))


def page_uri(builder: Builder, pagename: str) -> str:
    """A page's path as a URL: every character that is not plain ASCII escaped."""
    return quote(page_path(builder, pagename))


def output_file(builder: Builder, pagename: str) -> Path:
    """The file the builder writes (or would write) a page to."""
    return Path(builder.get_outfilename(pagename))  # type: ignore[attr-defined]


# -- choosing the redirects -------------------------------------------------------------


@dataclasses.dataclass(slots=True)
class _Claims:
    """Which addresses are taken, and by what (keyed by output file)."""

    builder: Builder
    outdir: Path
    taken: dict[str, str] = dataclasses.field(default_factory=dict)
    owner: dict[str, str] = dataclasses.field(default_factory=dict)

    def key(self, pagename: str) -> str:
        return name_key(output_file(self.builder, pagename).relative_to(self.outdir).as_posix())

    def clash(self, key: str) -> str | None:
        """What takes the file ``key`` or, as a file, a folder it needs
        (``dirhtml`` writes ``x/index.html``: a file ``x`` stops it)."""
        while key:
            if key in self.taken:
                return self.taken[key]
            key = posixpath.dirname(key)
        return None


def _pages(app: Sphinx, seen: Iterable[str]) -> _Claims:
    """Every page of the site, by the file it is written to, and the files of
    the extension's own (the list of redirects and the record)."""
    claims = _Claims(app.builder, Path(app.outdir))
    for pagename in sorted({*app.env.found_docs, *seen}):
        key = claims.key(pagename)
        claims.taken.setdefault(key, f"the address of the page {pagename!r}")
        claims.owner.setdefault(key, pagename)
    config = app.config
    own = [config.obsidian_redirects_file, RECORD]
    if config.obsidian_feed:
        own += feed_paths(config)
    for name in own:
        if name and isinstance(name, str):
            claims.taken.setdefault(name_key(name), f"the address of the file {name!r}")
    return claims


def choose_redirects(app: Sphinx, seen: Iterable[str]) -> list[Redirect]:
    """The redirects to write, with a warning for each permalink that has none.

    Pages first, then permalinks, then aliases, each by the notes' paths: the
    first comer keeps an address.
    """
    env = app.env
    domain = obsidian_domain(env)
    properties: dict[str, dict[str, Any]] = domain.data["properties"]
    notes = sorted(domain.notes.keys() & env.found_docs & properties.keys())
    claims = _pages(app, seen)
    chosen: list[Redirect] = []
    for docname in notes:
        if "permalink" in properties[docname]:
            chosen.extend(_claim_permalink(app, claims, docname, properties[docname]["permalink"]))
    for docname in notes:
        for alias in alias_names(properties[docname]):
            address = alias_address(docname, alias)
            if address is None:
                continue  # no file can have that name
            key = claims.key(address)
            if claims.clash(key) is not None:
                continue  # a real name (or an earlier comer) keeps the address
            claims.taken[key] = f"the alias {alias!r} of {docname!r}"
            chosen.append(Redirect(docname, address, "alias", alias))
    return chosen


def _claim_permalink(app: Sphinx, claims: _Claims, docname: str, value: object) -> list[Redirect]:
    address, problem = permalink_address(value)
    if address is None:
        _warn_permalink(app, docname, f"{problem}; no redirect is written")
        return []
    key = claims.key(address)
    if claims.owner.get(key) == docname:
        return []  # the note's own address: nothing to lead anywhere
    taken = claims.clash(key)
    if taken is not None:
        _warn_permalink(app, docname, f"permalink {value!r} is {taken}; no redirect is written")
        return []
    claims.taken[key] = f"the permalink of {docname!r}"
    return [Redirect(docname, address, "permalink", str(value))]


def _warn_permalink(app: Sphinx, docname: str, message: str) -> None:
    warn(ObsidianWarning.REDIRECT, message, (docname, permalink_line(app, docname)), app.config)


def permalink_line(app: Sphinx, docname: str) -> int | None:
    """The line of the ``permalink:`` key in a note's front matter."""
    return source_property_line(app.env, docname, "permalink")


# -- what is written ----------------------------------------------------------------------


def redirect_page(target: str, canonical: str, title: str, language: str) -> str:
    """The HTML of a redirect page to ``target`` (a URL relative to the page).

    The refresh leads browsers, the script keeps the ``#part`` of the address
    (a link to a heading of the old address reaches that heading), the link
    serves readers whose browser does neither, and ``noindex`` with the
    canonical address keep the old address out of search engines.
    """
    href = html.escape(target, quote=True)
    text = html.escape(title)
    script = json.dumps(target).replace("<", "\\u003c")
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{html.escape(language, quote=True)}">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        '<meta name="robots" content="noindex">\n'
        f'<meta http-equiv="refresh" content="0; url={href}">\n'
        f'<link rel="canonical" href="{html.escape(canonical, quote=True)}">\n'
        f"<title>{text}</title>\n"
        f"<script>location.replace({script} + location.hash);</script>\n"
        "</head>\n"
        "<body>\n"
        f'<p>This page has moved to <a href="{href}">{text}</a>.</p>\n'
        "</body>\n"
        "</html>\n"
    )


def _page_for(app: Sphinx, redirect: Redirect) -> str:
    builder = app.builder
    target = relative_uri(page_uri(builder, redirect.address), page_uri(builder, redirect.docname))
    baseurl = str(app.config.html_baseurl or "")
    canonical = (
        baseurl.rstrip("/") + "/" + page_uri(builder, redirect.docname) if baseurl else target
    )
    title = app.env.titles.get(redirect.docname)
    text = title.astext() if title is not None else posixpath.basename(redirect.docname)
    return redirect_page(target, canonical, text, str(app.config.language or "en"))


def rtd_redirect(builder: Builder, redirect: Redirect) -> dict[str, Any]:
    """One redirect as Read the Docs' API (v3) takes it.

    A page redirect applies to every version and language, so the paths are
    from the top of a version, as readers' addresses decode them. 301: the old
    address is not coming back. Not forced: Read the Docs redirects only where
    it finds no file, and the redirect page is a file (forcing is a plan feature).
    """
    description = f'{redirect.kind} "{redirect.written}" of {redirect.docname}'
    return {
        "type": "page",
        "from_url": "/" + page_path(builder, redirect.address),
        "to_url": "/" + page_path(builder, redirect.docname),
        "http_status": 301,
        "force": False,
        "enabled": True,
        "description": description[:RTD_LONGEST],
    }


# -- writing, and only over what the extension wrote -------------------------------------


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or path.is_relative_to(folder)


@dataclasses.dataclass(slots=True)
class OutputFiles:
    """Writes files into the output folder and keeps the record of them."""

    app: Sphinx
    outdir: Path
    before: dict[str, str]
    stale: set[str]
    after: dict[str, str] = dataclasses.field(default_factory=dict)

    def allowed(self, path: Path) -> bool:
        """Inside the output folder, and in neither the source nor the doctree
        folder (either may lie inside the output folder)."""
        target = path.resolve()
        outdir = self.outdir.resolve()
        if not _inside(target, outdir):
            return False
        for folder in (Path(self.app.srcdir), Path(self.app.doctreedir)):
            theirs = folder.resolve()
            if _inside(target, theirs) and not _inside(outdir, theirs):
                return False
        return True

    def ours(self, relative: str, current: bytes) -> bool:
        return self.before.get(relative) == _digest(current) or name_key(relative) in self.stale

    def write(self, relative: str, data: bytes) -> str | None:
        """Write ``data`` at ``relative``; or why not (a file that is not ours)."""
        path = self.outdir / relative
        if not self.allowed(path):
            return "it lies outside the output folder"
        if relative in self.after:
            return f"another file of the extension is written at {relative!r}"
        if path.is_file():
            current = path.read_bytes()
            if current != data and not self.ours(relative, current):
                return f"a file the extension did not write is already at {relative!r}"
            if current == data:
                self.after[relative] = _digest(data)
                return None
        elif path.exists():
            return f"a folder is already at {relative!r}"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        self.after[relative] = _digest(data)
        return None

    def remove_unwanted(self) -> None:
        """Remove what an earlier build wrote and this one did not, if unchanged
        since (and the folders that held only that)."""
        for relative in sorted(self.before.keys() - self.after.keys()):
            path = self.outdir / relative
            if not self.allowed(path) or not path.is_file():
                continue
            if _digest(path.read_bytes()) != self.before[relative]:
                continue  # no longer ours: a page or another file took its place
            path.unlink()
            _remove_empty_folders(path.parent, self.outdir)

    def save(self) -> None:
        record = self.outdir / RECORD
        if not self.after:
            record.unlink(missing_ok=True)
            return
        text = json.dumps({"files": dict(sorted(self.after.items()))}, indent=1) + "\n"
        if not record.is_file() or record.read_text(encoding="utf-8") != text:
            record.write_text(text, encoding="utf-8")


def _remove_empty_folders(folder: Path, outdir: Path) -> None:
    while folder != outdir and _inside(folder, outdir):
        try:
            folder.rmdir()
        except OSError:
            return  # not empty
        folder = folder.parent


def _read_record(outdir: Path) -> dict[str, str]:
    """What the last build wrote (nothing, if the record is missing or damaged)."""
    try:
        data = json.loads((outdir / RECORD).read_text(encoding="utf-8"))
        files = data["files"]
    except (OSError, ValueError, KeyError, TypeError):
        return {}
    if not isinstance(files, dict):
        return {}
    return {
        str(path): str(digest)
        for path, digest in files.items()
        if isinstance(path, str) and ".." not in path.split("/") and not path.startswith("/")
    }


def _stale_pages(app: Sphinx) -> set[str]:
    """The pages of the documents removed in this build, which Sphinx leaves
    behind: a renamed note's old page may become its redirect."""
    outdir = Path(app.outdir)
    removed = obsidian_domain(app.env).removed_this_build - app.env.found_docs
    return {
        name_key(output_file(app.builder, docname).relative_to(outdir).as_posix())
        for docname in removed
    }


def _write_pages(app: Sphinx, writer: OutputFiles, redirects: list[Redirect]) -> list[Redirect]:
    """Write each redirect page; the ones written."""
    written = []
    for redirect in redirects:
        relative = output_file(app.builder, redirect.address).relative_to(writer.outdir)
        try:
            problem = writer.write(relative.as_posix(), _page_for(app, redirect).encode("utf-8"))
        except OSError as error:
            problem = f"the page could not be written ({error.strerror or error})"
        if problem is None:
            written.append(redirect)
        elif redirect.kind == "permalink":
            _warn_permalink(
                app,
                redirect.docname,
                f"permalink {redirect.written!r}: {problem}; no redirect is written",
            )
    return written


def _write_list(app: Sphinx, writer: OutputFiles, redirects: list[Redirect]) -> None:
    """Write the list of redirects for Read the Docs (``obsidian_redirects_file``)."""
    name = app.config.obsidian_redirects_file
    if not name or not redirects:
        return  # a vault without redirects has no list to upload
    if not isinstance(name, str) or _name_problem(name) is not None:
        _warn_list(app, f"{name!r}: it must be a file name, such as '_redirects.json'")
        return
    if name_key(name) == name_key(RECORD):
        _warn_list(app, f"{name!r}: it is the name of the extension's record of its files")
        return
    entries = []
    for redirect in redirects:
        entry = rtd_redirect(app.builder, redirect)
        source, target = len(entry["from_url"]), len(entry["to_url"])
        if max(source, target) <= RTD_LONGEST:
            entries.append(entry)
        elif redirect.kind == "permalink":
            # its page is written all the same; an alias is left out without a
            # word, as aliases never warn
            what = (
                f"makes an address of {source} characters"
                if source > RTD_LONGEST
                else f"leads to the note's address of {target} characters"
            )
            _warn_permalink(
                app,
                redirect.docname,
                f"permalink {redirect.written!r} {what}, longer than Read the Docs takes "
                f"({RTD_LONGEST}); its redirect page is written, and it is left out of {name!r}",
            )
    entries.sort(key=lambda entry: entry["from_url"])
    data = (json.dumps(entries, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    try:
        problem = writer.write(name, data)
    except OSError as error:
        problem = f"it could not be written ({error.strerror or error})"
    if problem is not None:
        _warn_list(app, f"{name!r}: {problem}")


def _warn_list(app: Sphinx, problem: str) -> None:
    """Warn, at the configuration, that the list of redirects is not written."""
    warn(
        ObsidianWarning.REDIRECT,
        f"obsidian_redirects_file = {problem}; the list of redirects is not written",
        setting_location(app.confdir, "obsidian_redirects_file"),
        app.config,
    )


def write_redirects(build: _Build, app: Sphinx, exception: Exception | None) -> None:
    """Write the redirect pages and their list, and remove the ones no longer wanted."""
    if exception is not None or app.builder.name not in SITE_BUILDERS:
        return
    outdir = Path(app.outdir)
    writer = OutputFiles(app, outdir, _read_record(outdir), _stale_pages(app))
    if app.config.obsidian_redirects:
        redirects = choose_redirects(app, build.pages)
        _write_list(app, writer, _write_pages(app, writer, redirects))
    writer.remove_unwanted()
    writer.save()


# -- set-up ---------------------------------------------------------------------------------


def _forget(build: _Build, app: Sphinx) -> None:
    build.pages.clear()


def _note_page(
    build: _Build, app: Sphinx, pagename: str, templatename: str, context: Any, doctree: Any
) -> None:
    build.pages.add(pagename)


def setup_redirects(app: Sphinx) -> None:
    """Connect this module's handlers, sharing what one build has seen."""
    build = _Build()
    app.connect("builder-inited", functools.partial(_forget, build))
    app.connect("html-page-context", functools.partial(_note_page, build))
    app.connect("build-finished", functools.partial(write_redirects, build))
