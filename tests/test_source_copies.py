"""No ``%%comment%%`` reaches any output file: the "show source" copies leave them out too.

Every hidden text of the test root contains ``hidden-``; every ``%%`` that the
page shows (code, math) says ``kept``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from .conftest import main_content, warning_lines

#: The copy of ``index.md``: each comment gone as the parser removes it, the rest as written.
INDEX_COPY = [
    "# Comments everywhere",
    "",
    "Visible  text, and `%% kept in a code span %%`.",
    "",
    "",
    "After the block, $x %% kept in math$.",
    "",
    "```text",
    "%% kept in a fence %%",
    "```",
    "",
    "    %% kept in indented code %%",
    "",
    "| Column | Other |",
    "| --- | --- |",
    "| cell  | `%% kept in a cell %%` |",
    "",
    "> [!note] Callout ",
    "> Body  text.",
    "",
    "- item  end",
    "",
    "A link to [[other|the other note ]].",
    "",
    ":::{note} Admonition ",
    "Inside  a directive.",
    ":::",
    "",
    "```{code-block} text",
    "%% kept in a code-block directive %%",
    "```",
    "",
    " and the rest of the line is shown, as in Obsidian",
    "",
    "Last visible paragraph.",
    "",
    "",
]


def _files_with(outdir: Path, text: str) -> list[str]:
    """The output files that contain ``text``."""
    return sorted(
        path.relative_to(outdir).as_posix()
        for path in outdir.rglob("*")
        if path.is_file() and text.encode() in path.read_bytes()
    )


def _copy(app: SphinxTestApp, docname: str) -> str:
    return (Path(app.outdir) / "_sources" / f"{docname}.md.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("builder", ["html", "dirhtml", "singlehtml"])
def test_no_output_file_has_a_comment(
    build_copy: Callable[[str, str], SphinxTestApp], builder: str
) -> None:
    app = build_copy("source-copies", builder)
    assert warning_lines(app) == []
    assert _files_with(Path(app.outdir), "hidden-") == []
    # nor the doctrees, which keep each paragraph's source text
    assert _files_with(Path(app.doctreedir), "hidden-") == []
    assert _files_with(Path(app.doctreedir), "kept in a fence") != []
    if builder == "singlehtml":
        # one page, and no copies of the sources
        assert _files_with(Path(app.outdir), "Last visible paragraph.") == ["index.html"]
        assert not (Path(app.outdir) / "_sources").exists()
        return
    assert _copy(app, "index").split("\n") == INDEX_COPY
    assert _copy(app, "notes/first") == "# First\n\nFirst  note.\n"
    assert _copy(app, "notes/second") == "# Second\n\nSecond note.\n"
    # a comment between code spans and math that hold ``%%``, and one over three lines
    assert _copy(app, "notes/third").split("\n")[2:] == [
        "Run `a %% b` and  then `c %% d` now, with $x %% 2$ kept.",
        "",
        "x  shown after",
        "",
    ]
    page_name = "notes/third/index" if builder == "dirhtml" else "notes/third"
    assert "<p>x  shown after</p>" in main_content(app, page_name)
    # a note without comments is copied as it is
    source = Path(app.srcdir) / "other.md"
    assert _copy(app, "other") == source.read_text(encoding="utf-8")
    # the page shows what the copy keeps
    page = main_content(app, "index")
    assert "%% kept in a fence %%" in page and "Last visible paragraph." in page


def test_copies_written_in_parallel_have_no_comments(
    copy_root: Callable[[str], Path], build: Callable[..., SphinxTestApp]
) -> None:
    app = build(copy_root("source-copies"), parallel=2)
    assert _files_with(Path(app.outdir), "hidden-") == []
    assert _copy(app, "notes/first") == "# First\n\nFirst  note.\n"
    assert _copy(app, "notes/second") == "# Second\n\nSecond note.\n"
    assert _copy(app, "index").split("\n") == INDEX_COPY


def test_later_builds_copy_from_the_notes(
    copy_root: Callable[[str], Path], build: Callable[..., SphinxTestApp]
) -> None:
    src = copy_root("source-copies")
    first = build(src)
    assert _copy(first, "index").split("\n") == INDEX_COPY
    # nothing changed: nothing is written again, and the copies stay as they are
    again = build(src)
    assert again.documents_read == []  # type: ignore[attr-defined]
    assert _copy(again, "index").split("\n") == INDEX_COPY
    assert _copy(again, "notes/first") == "# First\n\nFirst  note.\n"
    # an edited note is copied again, and its comments left out again
    note = src / "notes" / "first.md"
    note.write_text("# First\n\nFirst %%hidden-edit%% edited note.\n", encoding="utf-8")
    edited = build(src)
    assert _copy(edited, "notes/first") == "# First\n\nFirst  edited note.\n"
    assert _copy(edited, "index").split("\n") == INDEX_COPY
    assert _files_with(Path(edited.outdir), "hidden-") == []
