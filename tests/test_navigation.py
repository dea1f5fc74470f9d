"""A vault dropped into a project: folder pages, the link in, no toctree written (issue 5)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from .conftest import main_content, warning_lines


def listed(app: SphinxTestApp, docname: str) -> list[tuple[str, str]]:
    """The (link, title) pairs of the generated navigation list on a page."""
    body = main_content(app, docname)
    found = re.search(r'<ul class="obsidian-navigation simple">(.*?)</ul>', body, re.S)
    if found is None:
        return []
    return re.findall(
        r'<a class="reference internal" href="([^"]+)"><span class="doc">([^<]+)</span></a>',
        found.group(1),
    )


@pytest.mark.sphinx("html", testroot="navigation", freshenv=True)
def test_vault_builds_without_a_single_warning(app: SphinxTestApp) -> None:
    app.build()
    assert warning_lines(app) == []


@pytest.mark.sphinx("html", testroot="navigation", freshenv=True)
def test_folder_pages_list_folders_first_then_notes_by_title(app: SphinxTestApp) -> None:
    app.build()
    # the root document lists the vault; the project's own toctree is untouched
    assert listed(app, "index") == [("vault/index.html", "vault")]
    assert listed(app, "vault/index") == [
        ("episodes/index.html", "episodes"),
        ("people/index.html", "People of the show"),
        ("Welcome.html", "Welcome"),
    ]
    # a folder note keeps its text and gets the list
    people = main_content(app, "vault/people/index")
    assert "Everyone who appeared." in people
    assert listed(app, "vault/people/index") == [
        ("Lovelace.html", "Ada Lovelace"),
        ("Babbage.html", "Babbage"),
    ]
    assert listed(app, "vault/episodes/index") == [("2021/index.html", "2021")]
    assert listed(app, "vault/episodes/2021/index") == [
        ("E2.html", "Apple talk"),
        ("E1.html", "Zebra talk"),
    ]
    # hierarchical: a note's page does not list the whole vault
    sidebar = (Path(app.outdir) / "vault/people/Lovelace.html").read_text()
    assert "Apple talk" not in sidebar


@pytest.mark.sphinx("html", testroot="navigation", freshenv=True)
def test_generated_pages_are_documents_and_links_resolve_to_them(app: SphinxTestApp) -> None:
    app.build()
    assert "vault/episodes/index" in app.env.found_docs
    assert "vault/episodes/2021/index" in app.env.all_docs
    # nothing is written into the source folder
    assert not (Path(app.srcdir) / "vault/episodes/index.md").exists()
    assert not (Path(app.srcdir) / "vault/index.md").exists()


@pytest.mark.sphinx("html", testroot="navigation", freshenv=True)
def test_generated_pages_have_no_source_to_show(app: SphinxTestApp) -> None:
    app.build()
    sources = Path(app.outdir) / "_sources"
    copied = sorted(str(p.relative_to(sources)) for p in sources.rglob("*.txt"))
    # the notes' own sources are copied (the folder note too); generated pages have none
    assert copied == [
        "index.rst.txt",
        "install.rst.txt",
        "vault/Welcome.md.txt",
        "vault/episodes/2021/E1.md.txt",
        "vault/episodes/2021/E2.md.txt",
        "vault/people/Babbage.md.txt",
        "vault/people/Lovelace.md.txt",
        "vault/people/index.md.txt",
    ]
    page = (Path(app.outdir) / "vault/index.html").read_text(encoding="utf-8")
    assert "_sources/" not in page


@pytest.mark.sphinx("html", testroot="navigation", freshenv=True)
def test_search_index_does_not_publish_where_generated_pages_are_kept(
    app: SphinxTestApp,
) -> None:
    app.build()
    index = (Path(app.outdir) / "searchindex.js").read_text(encoding="utf-8")
    frozen = json.loads(index[index.index("(") + 1 : index.rindex(")")])
    filenames = dict(zip(frozen["docnames"], frozen["filenames"], strict=True))
    # generated pages are searchable, with no source path; notes keep theirs
    assert filenames["vault/episodes/index"] == ""
    assert filenames["vault/people/Lovelace"] == "vault/people/Lovelace.md"
    assert str(app.doctreedir) not in index


@pytest.mark.sphinx(
    "html", testroot="navigation", freshenv=True, confoverrides={"obsidian_navigation": False}
)
def test_navigation_can_be_switched_off(app: SphinxTestApp) -> None:
    app.build()
    not_included = [line for line in warning_lines(app) if "included in any toctree" in line]
    assert len(not_included) == 6
    assert "vault/index" not in app.env.found_docs


@pytest.mark.sphinx(
    "html",
    testroot="navigation",
    freshenv=True,
    confoverrides={"obsidian_vaults": ["vault/people"]},
)
def test_configured_vault_folders_limit_the_navigation(app: SphinxTestApp) -> None:
    app.build()
    assert listed(app, "index") == [("vault/people/index.html", "People of the show")]
    assert listed(app, "vault/people/index") == [
        ("Lovelace.html", "Ada Lovelace"),
        ("Babbage.html", "Babbage"),
    ]
    not_included = sorted(
        line.split(":")[0] for line in warning_lines(app) if "included in any toctree" in line
    )
    assert not_included == [
        "<src>/vault/Welcome.md",
        "<src>/vault/episodes/2021/E1.md",
        "<src>/vault/episodes/2021/E2.md",
    ]


def test_notes_a_toctree_already_lists_are_not_listed_again(
    copy_root: Callable[[str], Path],
    build,  # type: ignore[no-untyped-def]
) -> None:
    src = copy_root("navigation")
    index = src / "index.rst"
    index.write_text(index.read_text() + "   vault/Welcome\n", encoding="utf-8")
    app = build(src, freshenv=True)
    assert warning_lines(app) == []
    assert ("Welcome.html", "Welcome") not in listed(app, "vault/index")


def test_incremental_builds_add_and_remove_notes_from_folder_pages(
    copy_root: Callable[[str], Path],
    build,  # type: ignore[no-untyped-def]
) -> None:
    src = copy_root("navigation")
    build(src)
    note = src / "vault/episodes/2021/E3.md"
    note.write_text("---\ntitle: Mango talk\n---\nText.\n", encoding="utf-8")
    second = build(src)
    assert warning_lines(second) == []
    assert listed(second, "vault/episodes/2021/index") == [
        ("E2.html", "Apple talk"),
        ("E3.html", "Mango talk"),
        ("E1.html", "Zebra talk"),
    ]
    note.unlink()
    (src / "vault/people/Babbage.md").unlink()
    third = build(src)
    assert warning_lines(third) == []
    assert listed(third, "vault/episodes/2021/index") == [
        ("E2.html", "Apple talk"),
        ("E1.html", "Zebra talk"),
    ]
    assert listed(third, "vault/people/index") == [("Lovelace.html", "Ada Lovelace")]
    # a build with nothing changed reads nothing, the generated pages included
    fourth = build(src)
    assert fourth.documents_read == []  # type: ignore[attr-defined]
    assert warning_lines(fourth) == []


def test_parallel_build_gives_the_same_navigation(
    copy_root: Callable[[str], Path],
    build,  # type: ignore[no-untyped-def]
) -> None:
    src = copy_root("navigation")
    pages = ("index", "vault/index", "vault/people/index", "vault/episodes/2021/index")
    serial_app = build(src, freshenv=True)
    serial = {page: listed(serial_app, page) for page in pages}
    parallel_app = build(src, freshenv=True, parallel=2)
    assert warning_lines(parallel_app) == []
    assert {page: listed(parallel_app, page) for page in pages} == serial


@pytest.mark.sphinx("html", testroot="navigation-groups", freshenv=True)
def test_large_folders_list_pages_of_consecutive_notes(app: SphinxTestApp) -> None:
    app.build()
    assert warning_lines(app) == []
    # 7 notes, at most 3 a page: pages of 3, 3 and 1 notes, named by their first and last titles
    assert listed(app, "big/index") == [
        ("notes-1.html", "Apple \N{EN DASH} Cherry"),
        ("notes-2.html", "Date \N{EN DASH} Fig"),
        ("notes-3.html", "Grape"),
    ]
    assert listed(app, "big/notes-2") == [
        ("Date.html", "Date"),
        ("Elder.html", "Elder"),
        ("Fig.html", "Fig"),
    ]


@pytest.mark.sphinx("html", testroot="generated-names", freshenv=True)
def test_a_generated_page_never_takes_a_notes_name(app: SphinxTestApp) -> None:
    app.build()
    # ``big/notes-1.md`` is a note: the first group page moves aside
    assert "What was said in the first week." in main_content(app, "big/notes-1")
    assert [href for href, _ in listed(app, "big/index")] == [
        "notes-1-2.html",
        "notes-2.html",
    ]
    assert [title for _, title in listed(app, "big/notes-1-2")] == [
        "Alder",
        "Birch",
        "Cedar",
    ]
    assert warning_lines(app) == []


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("obsidian_tags_folder", "", "obsidian_tags_folder = '': it must name a folder"),
        ("obsidian_tags_folder", "../up", "obsidian_tags_folder = '../up': it must name"),
        ("obsidian_navigation_group_size", -1, "obsidian_navigation_group_size = -1: it must"),
        ("obsidian_vaults", ["../elsewhere"], "obsidian_vaults entry '../elsewhere': it must"),
        ("obsidian_property_links", None, "obsidian_property_links = None: it must be a dict"),
        ("obsidian_sidebar_neighbours", -2, "obsidian_sidebar_neighbours = -2: it must"),
        ("obsidian_home", "vault/Home", "obsidian_home = 'vault/Home': it must be a note's name"),
        ("obsidian_home", " ", "obsidian_home = ' ': it must be a note's name"),
    ],
)
def test_values_that_cannot_work_are_refused(
    make_app: Callable[..., SphinxTestApp],
    copy_root: Callable[[str], Path],
    name: str,
    value: object,
    message: str,
) -> None:
    from sphinx.errors import ConfigError

    with pytest.raises(ConfigError, match=re.escape(message)):
        make_app("html", srcdir=copy_root("generated-names"), confoverrides={name: value})


def test_a_vault_folder_may_be_written_with_a_leading_dot(
    make_app: Callable[..., SphinxTestApp], copy_root: Callable[[str], Path]
) -> None:
    app = make_app(
        "html", srcdir=copy_root("generated-names"), confoverrides={"obsidian_vaults": ["./big"]}
    )
    app.build()
    assert [title for _, title in listed(app, "big/index")][:1] == ["Alder \u2013 Cedar"]


def test_a_book_has_chapters_not_lists_of_links(build_copy) -> None:  # type: ignore[no-untyped-def]
    app = build_copy("navigation", "latex")
    tex = (Path(app.outdir) / "projectnamenotset.tex").read_text(encoding="utf-8")
    installing = tex.index(r"\chapter{Installing}")
    # the project's last chapter ends with its own text, the vault follows as chapters
    assert tex.index(r"\chapter{vault}") > installing
    between = tex[installing : tex.index(r"\chapter{vault}")]
    assert "Then read" in between and "Ada Lovelace" not in between
    assert r"\begin{itemize}" not in tex
