"""Shared fixtures: Sphinx's own test fixtures, with our test roots."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
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


def _page_body(app: SphinxTestApp, docname: str, suffix: str) -> str:
    html = (Path(app.outdir) / f"{docname}{suffix}").read_text(encoding="utf-8")
    start = html.index('role="main">') + len('role="main">')
    end = html.index('<div class="sphinxsidebar"', start)
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
    r'<a class="obsidian-link reference internal" href="(?P<href>[^"]*)">(?P<text>.*?)</a>'
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
