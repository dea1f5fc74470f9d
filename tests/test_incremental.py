"""Incremental and parallel builds stay right (state kept per document in the domain)."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from .conftest import _ESCAPES, main_content, obsidian_links


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
    assert "writing output" not in second.status.getvalue() or "no targets are out of date" in (
        second.status.getvalue()
    )


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
        if p.name not in ("genindex.html", "search.html")
    }
    shutil.rmtree(serial.outdir)
    parallel = build(src, freshenv=True, parallel=2)
    for path, content in pages.items():
        assert main_content(parallel, str(path)[:-5]) == content, path
