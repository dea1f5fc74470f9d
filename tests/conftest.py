"""Shared fixtures: Sphinx's own test fixtures, with our test roots."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from sphinx.testing.util import SphinxTestApp

pytest_plugins = ("sphinx.testing.fixtures",)

ROOTS = Path(__file__).parent / "roots"
_ESCAPES = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return ROOTS


def warning_lines(app: SphinxTestApp) -> list[str]:
    """The warnings of a build, one per line, with the source folder shown as ``<src>``.

    Sphinx's notes that a second application in the same process registers
    its nodes and directives again ("while setting up extension ...") are
    left out: they come from running several builds in one test.
    """
    text = _ESCAPES.sub("", app.warning.getvalue()).replace("\r", "\n")
    src = str(app.srcdir)
    return [
        line.replace(src, "<src>")
        for line in text.splitlines()
        if line.strip() and "while setting up extension" not in line
    ]


def obsidian_warnings(app: SphinxTestApp) -> list[str]:
    return [line for line in warning_lines(app) if "[obsidian." in line]


class _BodyFinder(HTMLParser):
    """Where a page's text is, whatever the theme: the inside of the element
    that holds the page's first section (``div.body`` in alabaster,
    ``article`` in furo and the PyData themes, ``articleBody`` in the Read the
    Docs theme)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.open: list[tuple[str, int]] = []  # tag, offset just after its start tag
        self.holder: tuple[str, int, int] | None = None  # tag, start, depth
        self.span: tuple[int, int] | None = None

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_offsets[line - 1] + column

    def feed_page(self, html: str) -> tuple[int, int]:
        self.line_offsets = [0]
        # the parser counts lines by "\n" only (not by the other characters
        # str.splitlines breaks at)
        for line in html.split("\n"):
            self.line_offsets.append(self.line_offsets[-1] + len(line) + 1)
        self.feed(html)
        assert self.span is not None, "no <section> in the page"
        return self.span

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            return
        end = self._offset() + len(self.get_starttag_text() or "")
        # a section of the page's text has an id (a theme's own ``<section>`` has not)
        if tag == "section" and dict(attrs).get("id") and self.holder is None and self.open:
            parent, start = self.open[-1]
            self.holder = (parent, start, len(self.open))
        self.open.append((tag, end))

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID or not self.open:
            return
        # close up to the matching tag (HTML that leaves some closing tags out)
        while self.open:
            opened, _ = self.open.pop()
            if self.holder is not None and self.span is None and len(self.open) < self.holder[2]:
                self.span = (self.holder[1], self._offset())
            if opened == tag:
                break


_VOID = frozenset(
    ("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
     "track", "wbr")
)  # fmt: skip


def _page_body(app: SphinxTestApp, docname: str, suffix: str) -> str:
    html = (Path(app.outdir) / f"{docname}{suffix}").read_text(encoding="utf-8")
    start, end = _BodyFinder().feed_page(html)
    return html[start:end]


_BACKLINKS = re.compile(r'<div class="obsidian-backlinks">.*?</ul>\n</div>\n', re.S)


def main_content(app: SphinxTestApp, docname: str, suffix: str = ".html") -> str:
    """The page's main content, without the theme's navigation around it and
    without the "Linked mentions" list (which ``backlinks`` reads)."""
    return _BACKLINKS.sub("", _page_body(app, docname, suffix))


def backlinks(app: SphinxTestApp, docname: str) -> list[tuple[str | None, str]]:
    """The links of a page's "Linked mentions" list."""
    found = _BACKLINKS.search(_page_body(app, docname, ".html"))
    return obsidian_links(found.group(0)) if found else []


@pytest.fixture
def copy_root(tmp_path: Path) -> Callable[[str], Path]:
    """A private copy of a test root, for tests that edit the sources."""

    def _copy(name: str) -> Path:
        target = tmp_path / name
        shutil.copytree(ROOTS / f"test-{name}", target)
        return target

    return _copy


@pytest.fixture
def build(make_app: Callable[..., SphinxTestApp]) -> Callable[..., SphinxTestApp]:
    """Build a source folder (fresh application each call, like a new command run)."""

    def _build(srcdir: Path, buildername: str = "html", **kwargs: Any) -> SphinxTestApp:
        app = make_app(buildername, srcdir=srcdir, **kwargs)
        read: list[str] = []
        app.connect("source-read", lambda _app, docname, _source: read.append(docname))
        app.documents_read = read  # type: ignore[attr-defined]
        app.build()
        return app

    return _build


_LINK = re.compile(
    r'<a class="obsidian-link (?:obsidian-preview )?reference internal" href="(?P<href>[^"]*)">'
    r"(?P<text>.*?)</a>"
    r'|<span class="obsidian-link obsidian-unresolved">(?P<unresolved>.*?)</span>(?!</span>)',
    re.DOTALL,
)


def obsidian_links(html: str) -> list[tuple[str | None, str]]:
    """Each obsidian link of a page: ``(href, inner HTML)``; ``href`` is ``None``
    for an unresolved link."""
    out: list[tuple[str | None, str]] = []
    for match in _LINK.finditer(html):
        if match.group("unresolved") is not None:
            out.append((None, match.group("unresolved")))
        else:
            out.append((match.group("href"), match.group("text")))
    return out


@pytest.fixture
def build_copy(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path
) -> Callable[..., SphinxTestApp]:
    """Build a private copy of test root ``name`` with ``builder`` (ePub's required
    settings given), for the tests that run one root through several builders."""

    def _build(name: str, builder: str) -> SphinxTestApp:
        src = tmp_path / "src"
        shutil.copytree(ROOTS / f"test-{name}", src)
        app = make_app(builder, srcdir=src, confoverrides={"copyright": "2026", "version": "1"})
        app.build()
        return app

    return _build


@pytest.fixture(scope="module")
def built_root(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[..., SphinxTestApp]]:
    """A test root built once per module for each builder and configuration,
    for the tests that only read what the build wrote."""
    apps: dict[str, SphinxTestApp] = {}

    def _built(name: str, builder: str = "html", **confoverrides: Any) -> SphinxTestApp:
        key = repr((name, builder, sorted(confoverrides.items())))
        if key not in apps:
            src = tmp_path_factory.mktemp(name) / "src"
            shutil.copytree(ROOTS / f"test-{name}", src)
            app = SphinxTestApp(builder, srcdir=src, confoverrides=confoverrides or None)
            app.build()
            apps[key] = app
        return apps[key]

    yield _built
    for app in apps.values():
        app.cleanup()
