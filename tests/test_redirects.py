"""Redirect pages at the addresses of notes' aliases and permalinks, and their
list for Read the Docs (the "garden" issue: old addresses keep working)."""

from __future__ import annotations

import datetime
import json
import shutil
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace
from typing import Any, cast
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from sphinx.testing.util import SphinxTestApp

from sphinxext.obsidian.redirects import (
    RECORD,
    OutputFiles,
    alias_names,
    permalink_address,
    redirect_page,
)

from .conftest import ROOTS, obsidian_warnings, warning_lines

#: every redirect of ``test-redirects`` in the ``html`` builder: its file, and
#: the file of the note it leads to
HTML_REDIRECTS = {
    "12.html": "Odd.html",
    "2024-05-01.html": "Odd.html",
    "Jardinage d'été.html": "Gardening.html",
    "Old gardening.html": "Gardening.html",
    "Sowing.html": "Seeds.html",
    "compost.html": "notes/Compost.html",
    "garden/start.html": "Gardening.html",
    "notes/Compost heap.html": "notes/Compost.html",
    "notes/Harvest.html": "notes/Récolte d'été.html",
    "notes/Heap.html": "notes/Compost.html",
    "notes/Shared.html": "notes/Alpha.html",
    "notes/deep/Wormery.html": "notes/deep/Worms.html",
    "庭仕事.html": "Gardening.html",
}

#: the same in the ``dirhtml`` builder
DIRHTML_REDIRECTS = {
    "12/index.html": "Odd/index.html",
    "2024-05-01/index.html": "Odd/index.html",
    "Jardinage d'été/index.html": "Gardening/index.html",
    "Old gardening/index.html": "Gardening/index.html",
    "Sowing/index.html": "Seeds/index.html",
    "compost/index.html": "notes/Compost/index.html",
    "garden/start/index.html": "Gardening/index.html",
    "notes/Compost heap/index.html": "notes/Compost/index.html",
    "notes/Harvest/index.html": "notes/Récolte d'été/index.html",
    "notes/Heap/index.html": "notes/Compost/index.html",
    "notes/Shared/index.html": "notes/Alpha/index.html",
    "notes/deep/Wormery/index.html": "notes/deep/Worms/index.html",
    "庭仕事/index.html": "Gardening/index.html",
}


class _RedirectPage(HTMLParser):
    """What a redirect page says: its refresh, canonical address, robots
    instruction, title, language, character set and visible links."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.meta: dict[str, str] = {}
        self.charset: str | None = None
        self.canonical: str | None = None
        self.lang: str | None = None
        self.links: list[str] = []
        self.title = ""
        self.paragraph = ""
        self._in: str | None = None
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {name: value or "" for name, value in attrs}
        if tag == "html":
            self.lang = found.get("lang")
        elif tag == "meta" and "charset" in found:
            self.charset = found["charset"]
        elif tag == "meta":
            self.meta[found.get("http-equiv") or found.get("name", "")] = found["content"]
        elif tag == "link" and found.get("rel") == "canonical":
            self.canonical = found["href"]
        elif tag == "a":
            self.links.append(found["href"])
        if tag in ("title", "p"):
            self._in = tag

    def handle_endtag(self, tag: str) -> None:
        if tag in ("title", "p"):
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "title":
            self.title += data
        elif self._in == "p":
            self.paragraph += data

    @property
    def refresh_url(self) -> str:
        delay, url = self.meta["refresh"].split("; url=", 1)
        assert delay == "0"
        return url


def _page(outdir: Path, relative: str) -> _RedirectPage:
    return _RedirectPage((outdir / relative).read_text(encoding="utf-8"))


def _lands_on(outdir: Path, relative: str, url: str) -> str:
    """The file a URL reaches from the page at ``relative``, as a browser resolves
    it (a folder's address reaches its ``index.html``)."""
    resolved = unquote(urlsplit(urljoin((outdir / relative).as_uri(), url)).path)
    if resolved.endswith("/"):
        resolved += "index.html"
    return Path(resolved).relative_to(outdir).as_posix()


def _redirect_files(outdir: Path) -> dict[str, str]:
    """Every redirect page of a build: its file, and the file it leads to."""
    found = {}
    for path in sorted(outdir.rglob("*.html")):
        relative = path.relative_to(outdir).as_posix()
        if 'http-equiv="refresh"' in path.read_text(encoding="utf-8"):
            found[relative] = _lands_on(outdir, relative, _page(outdir, relative).refresh_url)
    return found


def _list(app: SphinxTestApp, name: str = "_redirects.json") -> list[dict[str, Any]]:
    return cast(list[dict[str, Any]], json.loads((Path(app.outdir) / name).read_text("utf-8")))


def _from_to(app: SphinxTestApp) -> dict[str, str]:
    return {entry["from_url"]: entry["to_url"] for entry in _list(app)}


# -- the addresses -----------------------------------------------------------------------


def test_each_alias_and_permalink_leads_to_its_note(
    built_root: Callable[..., SphinxTestApp],
) -> None:
    app = built_root("redirects")
    assert _redirect_files(Path(app.outdir)) == HTML_REDIRECTS


def test_dirhtml_writes_folders_and_leads_to_folder_addresses(
    built_root: Callable[..., SphinxTestApp],
) -> None:
    app = built_root("redirects", "dirhtml")
    outdir = Path(app.outdir)
    assert _redirect_files(outdir) == DIRHTML_REDIRECTS
    assert _page(outdir, "garden/start/index.html").refresh_url == "../../Gardening/"
    assert _page(outdir, "notes/deep/Wormery/index.html").refresh_url == "../Worms/"


def test_urls_are_relative_to_the_redirect_page_and_escaped(
    built_root: Callable[..., SphinxTestApp],
) -> None:
    outdir = Path(built_root("redirects").outdir)
    assert _page(outdir, "garden/start.html").refresh_url == "../Gardening.html"
    assert _page(outdir, "notes/deep/Wormery.html").refresh_url == "Worms.html"
    assert _page(outdir, "compost.html").refresh_url == "notes/Compost.html"
    harvest = _page(outdir, "notes/Harvest.html")
    assert harvest.refresh_url == "R%C3%A9colte%20d%27%C3%A9t%C3%A9.html"
    assert harvest.links == ["R%C3%A9colte%20d%27%C3%A9t%C3%A9.html"]


def test_a_redirect_page_refreshes_at_once_and_stays_out_of_search_engines(
    built_root: Callable[..., SphinxTestApp],
) -> None:
    outdir = Path(built_root("redirects").outdir)
    page = _page(outdir, "notes/Heap.html")
    assert page.charset == "utf-8"
    assert page.lang == "en"
    assert page.meta == {"robots": "noindex", "refresh": "0; url=Compost.html"}
    assert page.canonical == "Compost.html"
    # the note's title, escaped, in the title and in the sentence for readers
    # whose browser does not follow the refresh
    assert page.title == "Compost & heaps < 2 m"
    assert page.paragraph == "This page has moved to Compost & heaps < 2 m."
    assert page.links == ["Compost.html"]
    raw = (outdir / "notes/Heap.html").read_text(encoding="utf-8")
    assert "<title>Compost &amp; heaps &lt; 2 m</title>" in raw
    assert '<script>location.replace("Compost.html" + location.hash);</script>' in raw


def test_the_canonical_address_is_absolute_with_html_baseurl(
    built_root: Callable[..., SphinxTestApp],
) -> None:
    app = built_root("redirects", html_baseurl="https://garden.example.org/en/")
    outdir = Path(app.outdir)
    assert _page(outdir, "garden/start.html").canonical == (
        "https://garden.example.org/en/Gardening.html"
    )
    assert _page(outdir, "notes/Harvest.html").canonical == (
        "https://garden.example.org/en/notes/R%C3%A9colte%20d%27%C3%A9t%C3%A9.html"
    )
    dirhtml = Path(built_root("redirects", "dirhtml", html_baseurl="https://g.example/").outdir)
    assert _page(dirhtml, "compost/index.html").canonical == "https://g.example/notes/Compost/"


def test_a_real_name_wins_over_an_alias(built_root: Callable[..., SphinxTestApp]) -> None:
    """``Seeds`` has the aliases ``Gardening`` (a note's name), ``seeds`` (its own
    name in another case) and ``compost`` (the permalink of ``notes/Compost``)."""
    app = built_root("redirects")
    outdir = Path(app.outdir)
    assert "This page has moved" not in (outdir / "Gardening.html").read_text(encoding="utf-8")
    assert not (outdir / "seeds.html").exists()
    assert _redirect_files(outdir)["compost.html"] == "notes/Compost.html"
    # the same alias in one folder: the first note by path keeps it
    assert _redirect_files(outdir)["notes/Shared.html"] == "notes/Alpha.html"
    assert obsidian_warnings(app) == []


def test_a_clean_vault_builds_with_warnings_as_errors(
    tmp_path: Path, make_app: Callable[..., SphinxTestApp]
) -> None:
    src = tmp_path / "src"
    shutil.copytree(ROOTS / "test-redirects", src)
    app = make_app("html", srcdir=src, warningiserror=True)
    app.build()
    # (Sphinx's notes about a second application in one process aside)
    assert warning_lines(app) == []


# -- the list for Read the Docs ------------------------------------------------------------


def test_the_list_holds_every_redirect_as_read_the_docs_takes_it(
    built_root: Callable[..., SphinxTestApp],
) -> None:
    app = built_root("redirects")
    entries = _list(app)
    assert entries[:2] == [
        {
            "type": "page",
            "from_url": "/12.html",
            "to_url": "/Odd.html",
            "http_status": 301,
            "force": False,
            "enabled": True,
            "description": 'alias "12" of Odd',
        },
        {
            "type": "page",
            "from_url": "/2024-05-01.html",
            "to_url": "/Odd.html",
            "http_status": 301,
            "force": False,
            "enabled": True,
            "description": 'alias "2024-05-01" of Odd',
        },
    ]
    assert _from_to(app) == {
        "/" + source: "/" + target for source, target in HTML_REDIRECTS.items()
    }
    assert [entry["from_url"] for entry in entries] == sorted(_from_to(app))
    permalink = next(entry for entry in entries if entry["from_url"] == "/garden/start.html")
    assert permalink["description"] == 'permalink "/garden/start/" of Gardening'
    text = (Path(app.outdir) / "_redirects.json").read_text(encoding="utf-8")
    assert '"from_url": "/庭仕事.html"' in text  # UTF-8, as written


def test_the_list_follows_the_builder(built_root: Callable[..., SphinxTestApp]) -> None:
    app = built_root("redirects", "dirhtml")
    assert _from_to(app) == {
        "/" + source.removesuffix("index.html"): "/" + target.removesuffix("index.html")
        for source, target in DIRHTML_REDIRECTS.items()
    }
    assert _from_to(app)["/garden/start/"] == "/Gardening/"


def test_the_list_takes_its_name_from_the_configuration(
    built_root: Callable[..., SphinxTestApp],
) -> None:
    app = built_root("redirects", obsidian_redirects_file="redirects.json")
    assert not (Path(app.outdir) / "_redirects.json").exists()
    assert len(_list(app, "redirects.json")) == len(HTML_REDIRECTS)
    none = built_root("redirects", obsidian_redirects_file="")
    assert not (Path(none.outdir) / "_redirects.json").exists()
    assert _redirect_files(Path(none.outdir)) == HTML_REDIRECTS


def test_a_vault_without_redirects_writes_no_list(
    tmp_path: Path, make_app: Callable[..., SphinxTestApp]
) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text('extensions = ["sphinxext.obsidian"]\n', encoding="utf-8")
    _note(src, "index.md", "---\naliases: [index]\n---\n\n# Home\n")
    app = make_app("html", srcdir=src)
    app.build()
    assert not (Path(app.outdir) / "_redirects.json").exists()
    assert not (Path(app.outdir) / RECORD).exists()


def test_a_list_name_that_is_not_a_file_name_warns(
    built_root: Callable[..., SphinxTestApp],
) -> None:
    app = built_root("redirects", obsidian_redirects_file="../redirects.json")
    assert obsidian_warnings(app) == [
        # set on the command line: the warning is at the top of conf.py
        "<src>/conf.py:1: WARNING: obsidian_redirects_file = '../redirects.json': it must be a "
        "file name, such as '_redirects.json'; the list of redirects is not written "
        "[obsidian.redirect]"
    ]
    assert not (Path(app.outdir).parent / "redirects.json").exists()
    assert _redirect_files(Path(app.outdir)) == HTML_REDIRECTS


# -- permalinks that cannot have their address -----------------------------------------------

#: the permalink of ``Long.md``: 255 characters, 261 as an address (``/``, ``.html``)
DEEP = "/".join(["segment"] * 32)


def test_permalinks_without_an_address_warn_at_their_line(
    built_root: Callable[..., SphinxTestApp],
) -> None:
    app = built_root("redirects-faults")
    assert obsidian_warnings(app) == [
        "<src>/B.md:4: WARNING: permalink '/shared/' is the permalink of 'A'; no redirect is "
        "written [obsidian.redirect]",
        "<src>/Blank.md:2: WARNING: the permalink has no value; no redirect is written "
        "[obsidian.redirect]",
        "<src>/Clash.md:3: WARNING: permalink 'A' is the address of the page 'A'; no redirect "
        "is written [obsidian.redirect]",
        "<src>/Dated.md:2: WARNING: the permalink is a date, not text; no redirect is written "
        "[obsidian.redirect]",
        "<src>/Elsewhere.md:2: WARNING: permalink 'https://example.com/page' is an address "
        "outside the site; no redirect is written [obsidian.redirect]",
        "<src>/Empty.md:2: WARNING: the permalink is empty; no redirect is written "
        "[obsidian.redirect]",
        "<src>/Generated.md:2: WARNING: permalink 'genindex' is the address of the page "
        "'genindex'; no redirect is written [obsidian.redirect]",
        "<src>/Listed.md:2: WARNING: the permalink is a list, not text; no redirect is written "
        "[obsidian.redirect]",
        "<src>/Nul.md:2: WARNING: permalink 'bad\\x00name': a control character cannot be in "
        "an address; no redirect is written [obsidian.redirect]",
        "<src>/Number.md:2: WARNING: the permalink is a number, not text; no redirect is "
        "written [obsidian.redirect]",
        "<src>/Question.md:2: WARNING: permalink 'what?' names no address of the site ('?' "
        "cannot be in a file name); no redirect is written [obsidian.redirect]",
        "<src>/Top.md:2: WARNING: permalink '/' names the top of the site, the root page; no "
        "redirect is written [obsidian.redirect]",
        "<src>/Up.md:2: WARNING: permalink '../outside' names no address of the site ('..' "
        "leads out of the site); no redirect is written [obsidian.redirect]",
        # found when writing: the file of ``html_extra_path`` is there
        "<src>/Keeper.md:3: WARNING: permalink 'kept': a file the extension did not write is "
        "already at 'kept.html'; no redirect is written [obsidian.redirect]",
        # found when writing the list: Read the Docs takes addresses of 255 characters
        f"<src>/Long.md:2: WARNING: permalink {DEEP!r} makes an address of 261 characters, "
        "longer than Read the Docs takes (255); its redirect page is written, and it is "
        "left out of '_redirects.json' [obsidian.redirect]",
    ]


def test_a_note_whose_own_address_is_too_long_for_read_the_docs_warns_at_its_permalink(
    copy_root: Callable[[str], Path],
    build,  # type: ignore[no-untyped-def]
) -> None:
    src = copy_root("redirects-faults")
    far = src / DEEP / "Far.md"
    far.parent.mkdir(parents=True)
    far.write_text("---\naliases: [Distant]\npermalink: far-away\n---\n# Far\n", "utf-8")
    app = build(src)
    assert [line for line in obsidian_warnings(app) if "Far.md" in line] == [
        f"<src>/{DEEP}/Far.md:3: WARNING: permalink 'far-away' leads to the note's address of "
        "265 characters, longer than Read the Docs takes (255); its redirect page is written, "
        "and it is left out of '_redirects.json' [obsidian.redirect]"
    ]
    # both redirect pages are written; the list has neither (the alias without a word)
    pages = _redirect_files(Path(app.outdir))
    assert pages["far-away.html"] == pages[f"{DEEP}/Distant.html"] == f"{DEEP}/Far.html"
    assert all("Far" not in to and "far" not in source for source, to in _from_to(app).items())


def test_only_the_first_permalink_of_an_address_is_written(
    built_root: Callable[..., SphinxTestApp],
) -> None:
    app = built_root("redirects-faults")
    outdir = Path(app.outdir)
    assert _redirect_files(outdir) == {"shared.html": "A.html", f"{DEEP}.html": "Long.html"}
    # the permalink too long for Read the Docs has its page, and no place in the list
    assert _from_to(app) == {"/shared.html": "/A.html"}
    # the project's own file, its alias skipped and its permalink refused, is untouched
    assert (outdir / "kept.html").read_text(encoding="utf-8") == (
        ROOTS / "test-redirects-faults/extra/kept.html"
    ).read_text(encoding="utf-8")
    assert "<h1>Generated" not in (outdir / "genindex.html").read_text(encoding="utf-8")


def test_the_list_is_not_written_over_a_file_of_the_project(
    built_root: Callable[..., SphinxTestApp],
) -> None:
    app = built_root("redirects-faults", obsidian_redirects_file="kept.html")
    assert [line for line in obsidian_warnings(app) if "Keeper" in line or "conf" in line] == [
        "<src>/Keeper.md:3: WARNING: permalink 'kept' is the address of the file 'kept.html'; "
        "no redirect is written [obsidian.redirect]",
        # where conf.py sets the value
        "<src>/conf.py:4: WARNING: obsidian_redirects_file = 'kept.html': a file the "
        "extension did not write is already at 'kept.html'; the list of redirects is not "
        "written [obsidian.redirect]",
    ]
    assert (Path(app.outdir) / "kept.html").read_text(encoding="utf-8") == (
        ROOTS / "test-redirects-faults/extra/kept.html"
    ).read_text(encoding="utf-8")


def test_warnings_can_be_silenced(built_root: Callable[..., SphinxTestApp]) -> None:
    app = built_root("redirects-faults", suppress_warnings=["obsidian.redirect"])
    assert obsidian_warnings(app) == []


# -- builders and switches -------------------------------------------------------------------


@pytest.mark.parametrize("builder", ["singlehtml", "epub", "text", "latex"])
def test_other_builders_write_no_redirect(
    builder: str, build_copy: Callable[..., SphinxTestApp]
) -> None:
    app = build_copy("redirects", builder)
    outdir = Path(app.outdir)
    written = {path.relative_to(outdir).as_posix() for path in outdir.rglob("*")}
    assert not any("Old gardening" in path or "Wormery" in path for path in written)
    assert "_redirects.json" not in written
    assert RECORD not in written
    assert obsidian_warnings(app) == []


def test_redirects_can_be_switched_off(built_root: Callable[..., SphinxTestApp]) -> None:
    app = built_root("redirects", obsidian_redirects=False)
    outdir = Path(app.outdir)
    assert _redirect_files(outdir) == {}
    assert not (outdir / "_redirects.json").exists()
    assert not (outdir / RECORD).exists()


def test_a_parallel_build_writes_the_same_files(
    tmp_path: Path, make_app: Callable[..., SphinxTestApp]
) -> None:
    written = {}
    for jobs in (1, 2):
        src = tmp_path / f"jobs-{jobs}"
        shutil.copytree(ROOTS / "test-redirects", src)
        app = make_app("html", srcdir=src, parallel=jobs)
        app.build()
        outdir = Path(app.outdir)
        names = [*HTML_REDIRECTS, "_redirects.json", RECORD]
        written[jobs] = {name: (outdir / name).read_bytes() for name in names}
    assert written[1] == written[2]


# -- incremental builds -------------------------------------------------------------------------


def _note(src: Path, name: str, text: str) -> None:
    (src / name).write_text(text, encoding="utf-8")


def test_a_new_alias_is_written_and_a_removed_one_goes(
    copy_root: Callable[[str], Path],
    build: Callable[..., SphinxTestApp],
) -> None:
    src = copy_root("redirects")
    build(src)
    worms = "notes/deep/Worms.md"
    _note(src, worms, "---\nalias: [Wormery, Worm bin]\n---\n\n# Worms\n")
    second = build(src)
    outdir = Path(second.outdir)
    assert second.documents_read == ["notes/deep/Worms"]  # type: ignore[attr-defined]
    assert _redirect_files(outdir) == {
        **HTML_REDIRECTS,
        "notes/deep/Worm bin.html": "notes/deep/Worms.html",
    }
    assert _from_to(second)["/notes/deep/Worm bin.html"] == "/notes/deep/Worms.html"
    _note(src, worms, "---\ntitle: Worms\n---\n\nNo other name.\n")
    third = build(src)
    without = {k: v for k, v in HTML_REDIRECTS.items() if k != "notes/deep/Wormery.html"}
    assert _redirect_files(outdir) == without
    assert not (outdir / "notes/deep/Worm bin.html").exists()
    assert "/notes/deep/Wormery.html" not in _from_to(third)
    assert sorted(json.loads((outdir / RECORD).read_text("utf-8"))["files"]) == sorted(
        [*without, "_redirects.json"]
    )


def test_a_renamed_note_s_old_page_becomes_its_redirect(
    copy_root: Callable[[str], Path],
    build: Callable[..., SphinxTestApp],
) -> None:
    src = copy_root("redirects")
    build(src)
    (src / "Seeds.md").unlink()
    _note(src, "Seedlings.md", "---\naliases: [Seeds]\n---\n\n# Seedlings\n")
    second = build(src)
    outdir = Path(second.outdir)
    assert _redirect_files(outdir)["Seeds.html"] == "Seedlings.html"
    assert "Sowing.html" not in _redirect_files(outdir)  # Seeds' own alias went with it
    assert not (outdir / "Sowing.html").exists()
    assert obsidian_warnings(second) == []


def test_a_new_page_takes_the_address_of_a_redirect(
    copy_root: Callable[[str], Path],
    build: Callable[..., SphinxTestApp],
) -> None:
    src = copy_root("redirects")
    build(src)
    _note(src, "Sowing.md", "# Sowing\n\nA note of its own now.\n")
    second = build(src)
    outdir = Path(second.outdir)
    assert "Sowing.html" not in _redirect_files(outdir)
    assert "/Sowing.html" not in _from_to(second)
    third = build(src)  # the page is never taken for an old redirect and removed
    assert "A note of its own now." in (outdir / "Sowing.html").read_text(encoding="utf-8")
    assert "/Sowing.html" not in _from_to(third)


def test_switching_redirects_off_removes_the_ones_written(
    copy_root: Callable[[str], Path],
    build: Callable[..., SphinxTestApp],
) -> None:
    src = copy_root("redirects")
    build(src)
    app = build(src, confoverrides={"obsidian_redirects": False})
    outdir = Path(app.outdir)
    assert _redirect_files(outdir) == {}
    assert not (outdir / "_redirects.json").exists()
    assert not (outdir / RECORD).exists()
    assert not (outdir / "garden").exists()  # the folder that held only a redirect
    assert (outdir / "Gardening.html").is_file()


def test_a_renamed_list_replaces_the_old_one(
    copy_root: Callable[[str], Path],
    build: Callable[..., SphinxTestApp],
) -> None:
    src = copy_root("redirects")
    build(src)
    app = build(src, confoverrides={"obsidian_redirects_file": "redirects.json"})
    assert not (Path(app.outdir) / "_redirects.json").exists()
    assert len(_list(app, "redirects.json")) == len(HTML_REDIRECTS)


# -- never outside the output folder -------------------------------------------------------


def test_a_redirect_never_leaves_the_output_folder_through_a_link(
    tmp_path: Path, make_app: Callable[..., SphinxTestApp]
) -> None:
    src = tmp_path / "src"
    shutil.copytree(ROOTS / "test-redirects", src)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    outdir = src / "_build" / "html"
    outdir.mkdir(parents=True)
    (outdir / "garden").symlink_to(elsewhere, target_is_directory=True)
    app = make_app("html", srcdir=src)
    app.build()
    assert list(elsewhere.iterdir()) == []
    assert obsidian_warnings(app) == [
        "<src>/Gardening.md:6: WARNING: permalink '/garden/start/': it lies outside the output "
        "folder; no redirect is written [obsidian.redirect]"
    ]


def test_never_into_the_source_or_doctree_folder(tmp_path: Path) -> None:
    """Either folder may lie inside the output folder; the output folder may
    lie inside the source folder (a build inside the vault)."""
    outdir = tmp_path / "out"
    app = SimpleNamespace(srcdir=outdir / "src", doctreedir=outdir / ".doctrees")
    writer = OutputFiles(cast(Any, app), outdir, {}, set())
    assert writer.allowed(outdir / "page.html")
    assert not writer.allowed(outdir / "src" / "page.html")
    assert not writer.allowed(outdir / ".doctrees" / "page.html")
    assert not writer.allowed(tmp_path / "page.html")
    inside = SimpleNamespace(srcdir=tmp_path, doctreedir=tmp_path / "doctrees")
    assert OutputFiles(cast(Any, inside), outdir, {}, set()).allowed(outdir / "page.html")


# -- reading the properties ------------------------------------------------------------------


def test_aliases_of_every_yaml_shape() -> None:
    assert alias_names({"aliases": "Compost heap, Heap"}) == ["Compost heap", "Heap"]
    assert alias_names({"alias": "Wormery"}) == ["Wormery"]
    assert alias_names({"aliases": ["A"], "alias": "B"}) == ["A"]
    assert alias_names(
        {"aliases": [12, 1.5, datetime.date(2024, 5, 1), {"k": 1}, ["x"], None, True, " "]}
    ) == ["12", "1.5", "2024-05-01"]
    assert alias_names({"aliases": 7}) == ["7"]
    assert alias_names({"aliases": None}) == []
    assert alias_names({"aliases": {"k": "v"}}) == []
    assert alias_names({}) == []


@pytest.mark.parametrize(
    ("value", "address"),
    [
        ("x", "x"),
        ("/x/", "x"),
        ("x.html", "x"),
        ("/x.html", "x"),
        ("folder/x", "folder/x"),
        ("  /folder/x/  ", "folder/x"),
        ("folder/index.html", "folder/index"),
        ("été/庭", "été/庭"),
        ("with space", "with space"),
    ],
)
def test_permalink_addresses(value: str, address: str) -> None:
    assert permalink_address(value) == (address, "")


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        (None, "the permalink has no value"),
        (3, "the permalink is a number, not text"),
        (False, "the permalink is yes or no, not text"),
        ({"a": 1}, "the permalink is a mapping, not text"),
        ("   ", "the permalink is empty"),
        ("a//b", "permalink 'a//b' names no address of the site (it has an empty folder name)"),
        ("./x", "permalink './x' names no address of the site ('.' names no file or folder)"),
        ("x/../../y", "permalink 'x/../../y' names no address of the site ('..' leads out of "
         "the site)"),
        ("C:/x", "permalink 'C:/x' is an address outside the site"),
        ("//host/x", "permalink '//host/x' is an address outside the site"),
        ("a\\b", "permalink 'a\\\\b' names no address of the site ('\\\\' cannot be in a file "
         "name)"),
        ("a\tb", "permalink 'a\\tb': a control character cannot be in an address"),
        ("x" * 251, f"permalink '{'x' * 251}' names no address of the site (it is too long for "
         "a file name)"),
    ],
)  # fmt: skip
def test_unusable_permalinks(value: object, problem: str) -> None:
    assert permalink_address(value) == (None, problem)


def test_the_page_escapes_what_it_is_given() -> None:
    page = redirect_page('a"b<c>.html', "https://x.example/a.html", "<T> & 'U'", 'fr"')
    assert '<html lang="fr&quot;">' in page
    assert '<meta http-equiv="refresh" content="0; url=a&quot;b&lt;c&gt;.html">' in page
    assert "<title>&lt;T&gt; &amp; &#x27;U&#x27;</title>" in page
    assert 'location.replace("a\\"b\\u003cc>.html" + location.hash)' in page


# -- addresses the extension's own files take ---------------------------------------------


def test_a_permalink_at_the_extension_s_own_files_warns_in_dirhtml(
    copy_root: Callable[[str], Path],
    build,  # type: ignore[no-untyped-def]
) -> None:
    src = copy_root("redirects")
    (src / "Record.md").write_text(
        "---\npermalink: .obsidian-redirects.json\n---\n# Record\n\nText.\n", encoding="utf-8"
    )
    (src / "Feed.md").write_text(
        "---\ndate: 2024-05-01\npermalink: atom.xml\n---\n# Feed\n\nText.\n", encoding="utf-8"
    )
    app = build(src, "dirhtml")
    assert [line for line in obsidian_warnings(app) if "Record" in line or "Feed" in line] == [
        "<src>/Feed.md:3: WARNING: permalink 'atom.xml' is the address of the file 'atom.xml'; "
        "no redirect is written [obsidian.redirect]",
        "<src>/Record.md:2: WARNING: permalink '.obsidian-redirects.json' is the address of "
        "the file '.obsidian-redirects.json'; no redirect is written [obsidian.redirect]",
    ]
    assert (Path(app.outdir) / RECORD).is_file()
    assert (Path(app.outdir) / "atom.xml").is_file()


def test_the_list_cannot_take_the_record_s_name(
    built_root: Callable[..., SphinxTestApp],
) -> None:
    app = built_root("redirects", obsidian_redirects_file=RECORD)
    assert obsidian_warnings(app) == [
        f"<src>/conf.py:1: WARNING: obsidian_redirects_file = {RECORD!r}: it is the name of "
        "the extension's record of its files; the list of redirects is not written "
        "[obsidian.redirect]"
    ]
