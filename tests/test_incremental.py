"""Incremental and parallel builds stay right (state kept per document in the domain)."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from .conftest import _ESCAPES, backlinks, main_content, obsidian_links, obsidian_warnings


def read_docs(app: SphinxTestApp) -> list[str]:
    """The documents a build read (recorded by the ``build`` fixture)."""
    return sorted(app.documents_read)  # type: ignore[attr-defined]


def summary(app: SphinxTestApp) -> str:
    status = _ESCAPES.sub("", app.status.getvalue()).replace("\r", "\n")
    match = re.search(r"\d+ added, \d+ changed, \d+ removed", status)
    assert match, status
    return match.group(0)


def test_no_change_rebuild_reads_nothing(copy_root: Callable[[str], Path], build) -> None:  # type: ignore[no-untyped-def]
    src = copy_root("wikilink-forms")
    first = build(src)
    assert summary(first) == "4 added, 0 changed, 0 removed"
    second = build(src)
    assert summary(second) == "0 added, 0 changed, 0 removed"
    # the extension leaves the user's configuration as it was (its stylesheet is
    # copied, not added to html_static_path), so Sphinx sees nothing changed
    status = _ESCAPES.sub("", second.status.getvalue())
    assert "html_static_path" not in status
    assert "no targets are out of date" in status


def test_new_note_resolves_a_dangling_link(copy_root: Callable[[str], Path], build) -> None:  # type: ignore[no-untyped-def]
    src = copy_root("unresolved")
    first = build(src)
    assert obsidian_links(main_content(first, "note"))[0] == (None, "missing note")
    (src / "missing note.md").write_text("# Missing note\n\n## Heading\n", encoding="utf-8")
    second = build(src)
    # index is re-read by Sphinx because its glob toctree gained an entry
    assert read_docs(second) == ["index", "missing note"]
    # note.md itself was not re-read, but its page was re-written
    assert obsidian_links(main_content(second, "note"))[:2] == [
        ("missing%20note.html", "missing note"),
        ("missing%20note.html", "an alias"),
    ]
    (src / "missing note.md").unlink()
    third = build(src)
    assert read_docs(third) == ["index"]
    assert "0 added, 1 changed, 1 removed" in summary(third)
    assert obsidian_links(main_content(third, "note"))[0] == (None, "missing note")


def test_renamed_heading_is_seen_by_linking_pages(copy_root: Callable[[str], Path], build) -> None:  # type: ignore[no-untyped-def]
    src = copy_root("resolve-case")
    first = build(src)
    assert obsidian_links(main_content(first, "linker"))[1][0] == "My%20Plan.html#budget"
    (src / "My Plan.md").write_text("# My Plan\n\n## Costs\n\nMoney.\n", encoding="utf-8")
    second = build(src)
    assert read_docs(second) == ["My Plan"]
    assert obsidian_links(main_content(second, "linker"))[1][0] == "My%20Plan.html"


def test_new_alias_is_seen_by_linking_pages(copy_root: Callable[[str], Path], build) -> None:  # type: ignore[no-untyped-def]
    src = copy_root("unresolved")
    (src / "other.md").write_text("# Other\n", encoding="utf-8")
    build(src)
    (src / "other.md").write_text("---\naliases: [missing note]\n---\n# Other\n", encoding="utf-8")
    second = build(src)
    assert obsidian_links(main_content(second, "note"))[0] == ("other.html", "missing note")


@pytest.mark.parametrize("root", ["wikilink-forms", "headings-blocks", "resolve-alias"])
def test_parallel_build_gives_the_same_pages(
    copy_root: Callable[[str], Path],
    build,
    tmp_path: Path,
    root: str,  # type: ignore[no-untyped-def]
) -> None:
    src = copy_root(root)
    serial = build(src, freshenv=True)
    pages = {
        p.relative_to(serial.outdir): main_content(serial, str(p.relative_to(serial.outdir))[:-5])
        for p in serial.outdir.rglob("*.html")
        # the redirect pages at aliases' addresses hold no page content
        if p.name not in ("genindex.html", "search.html")
        and 'http-equiv="refresh"' not in p.read_text(encoding="utf-8")
    }
    shutil.rmtree(serial.outdir)
    parallel = build(src, freshenv=True, parallel=2)
    for path, content in pages.items():
        assert main_content(parallel, str(path)[:-5]) == content, path


# -- incremental builds equal fresh ones ----------------------------------------


def _old(path: Path) -> None:
    """Give a file an old modification time, as a copied or checked-out file has."""
    os.utime(path, (1, 1))


def test_a_note_added_over_a_generated_page_takes_its_place(
    copy_root: Callable[[str], Path], build
) -> None:  # type: ignore[no-untyped-def]
    src = copy_root("rewrites")
    build(src)
    (src / "f" / "index.md").write_text("# The F folder\n\nWhat F holds.\n", encoding="utf-8")
    (src / "tags").mkdir()
    (src / "tags" / "scouting.md").write_text("# Scouting\n\nOn scouting.\n", encoding="utf-8")
    _old(src / "f" / "index.md")
    _old(src / "tags" / "scouting.md")
    second = build(src)
    assert "What F holds." in main_content(second, "f/index")
    assert "On scouting." in main_content(second, "tags/scouting")
    assert "f/Archer.html" in main_content(second, "tags/scouting")  # and keeps its list


def test_a_change_two_embeds_away_reaches_the_outer_page(
    copy_root: Callable[[str], Path], build
) -> None:  # type: ignore[no-untyped-def]
    src = copy_root("rewrites")
    first = build(src)
    assert "The river rose." in main_content(first, "f/Bowman")
    (src / "Diary.md").write_text("# Diary\n\n## Spring\n\nThe ice broke.\n", encoding="utf-8")
    second = build(src)
    assert read_docs(second) == ["Diary"]
    # Bowman embeds Chronicle, which embeds Diary's section
    assert "The ice broke." in main_content(second, "f/Bowman")
    assert "The ice broke." in main_content(second, "Chronicle")


def test_a_retitled_note_shows_its_new_title_everywhere_it_is_listed(
    copy_root: Callable[[str], Path], build
) -> None:  # type: ignore[no-untyped-def]
    src = copy_root("rewrites")
    build(src)
    (src / "f" / "Archer.md").write_text(
        "# Master archer\n\n#scouting Reports to [[Bowman]].\n", encoding="utf-8"
    )
    second = build(src)
    assert read_docs(second) == ["f/Archer", "f/index"]  # its folder lists it by title
    assert backlinks(second, "f/Bowman") == [("Archer.html", "Master archer")]
    assert ">Master archer<" in main_content(second, "tags/scouting")
    assert ">Master archer<" in main_content(second, "f/index")


def test_read_warnings_are_given_once(copy_root: Callable[[str], Path], build) -> None:  # type: ignore[no-untyped-def]
    # the root document and folder notes are read again once the navigation is
    # known; their warnings were given the first time
    app = build(copy_root("read-warnings-once"))
    assert obsidian_warnings(app) == [
        "<src>/f/index.md:3: WARNING: ![[missing picture.png]] not shown: no file of that "
        "name in the source folder [obsidian.unresolved]",
        "<src>/index.md:3: WARNING: unresolved link [[Nowhere]]: no note, page or alias named "
        "'Nowhere' [obsidian.unresolved]",
    ]


def test_a_page_embedding_a_link_follows_where_the_link_now_goes(
    copy_root: Callable[[str], Path], build
) -> None:  # type: ignore[no-untyped-def]
    # Ledger embeds Memo, whose link to a block of Diary finds the block only later
    src = copy_root("rewrites")
    first = build(src)
    assert ("Diary.html", "Diary &gt; ^storm") in obsidian_links(main_content(first, "Ledger"))
    (src / "Diary.md").write_text(
        "# Diary\n\n## Spring\n\nThe river rose. ^flood\n\nA storm came. ^storm\n",
        encoding="utf-8",
    )
    second = build(src)
    assert read_docs(second) == ["Diary"]
    assert ("Diary.html#block-storm", "Diary &gt; ^storm") in obsidian_links(
        main_content(second, "Ledger")
    )
