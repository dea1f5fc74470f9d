"""A build whose output is inside the source folder never reads what a build wrote there.

``sphinx-build -M html . _build`` puts the pages in ``_build/html`` and the
doctrees (with the generated pages' sources) in ``_build/doctrees``, inside
the source folder. The test root has no ``exclude_patterns``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from .conftest import main_content, warning_lines

#: The documents of the test root: its notes, and the folder pages made for them.
DOCS = [
    "_build notes/index",
    "_build notes/kept",
    "index",
    "notes/alpha",
    "notes/beta",
    "notes/index",
]


def _files(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.mark.parametrize("folder", ["_build", "site"])
def test_building_again_reads_nothing_the_last_build_wrote(
    copy_root: Callable[[str], Path], build: Callable[..., SphinxTestApp], folder: str
) -> None:
    src = copy_root("build-inside-source")
    first = build(src, builddir=src / folder)
    assert sorted(first.env.found_docs) == DOCS
    written = _files(Path(first.outdir))
    second = build(src, builddir=src / folder)
    assert sorted(second.env.found_docs) == DOCS
    assert [doc for doc in second.documents_read if doc.startswith(folder)] == []  # type: ignore[attr-defined]
    assert _files(Path(second.outdir)) == written
    assert warning_lines(first) == warning_lines(second) == []


def test_switching_builders_reads_nothing_again(
    copy_root: Callable[[str], Path], build: Callable[..., SphinxTestApp]
) -> None:
    # ``-M``: every builder writes next to the doctrees they share
    src = copy_root("build-inside-source")
    build(src, builddir=src / "_build")
    other = build(src, "dirhtml", builddir=src / "_build")
    again = build(src, builddir=src / "_build")
    assert sorted(again.env.found_docs) == DOCS
    assert other.documents_read == again.documents_read == []  # type: ignore[attr-defined]
    assert warning_lines(other) == warning_lines(again) == []


def test_a_folder_named_like_a_build_folder_is_published(
    copy_root: Callable[[str], Path], build: Callable[..., SphinxTestApp]
) -> None:
    src = copy_root("build-inside-source")
    app = build(src, builddir=src / "site")
    # its note and its attachment are found; its draft is left out
    assert "_build notes/kept" in app.env.found_docs
    assert "_build notes/draft" not in app.env.found_docs
    assert app.env.domains["obsidian"].data["excluded"] == {"_build notes/draft": "publish: false"}
    assert '<img alt="diagram.png"' in main_content(app, "_build notes/kept")
    assert (Path(app.outdir) / "_images" / "diagram.png").is_file()
    assert warning_lines(app) == []
