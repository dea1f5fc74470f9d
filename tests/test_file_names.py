"""Awkward files: names no wikilink can name, case twins, empty notes, broken YAML.

Each builds, and each problem is reported once, precisely, as its own
``obsidian.<subtype>``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from .conftest import main_content, warning_lines


@pytest.mark.sphinx("html", testroot="file-names", freshenv=True)
def test_each_awkward_file_builds_with_one_clear_warning(app: SphinxTestApp) -> None:
    app.build()
    assert app.statuscode == 0
    assert sorted(warning_lines(app)) == [
        "<src>/folder/C# basics.md: WARNING: no wikilink can name 'folder/C# basics': its path "
        "contains '#'; rename the file [obsidian.bad_name]",
        "<src>/folder/[draft].md: WARNING: no wikilink can name 'folder/[draft]': its path "
        "contains '[', ']'; rename the file [obsidian.bad_name]",
        "<src>/folder/a|b.md: WARNING: no wikilink can name 'folder/a|b': its path contains "
        "'|'; rename the file [obsidian.bad_name]",
        "<src>/folder/invalid-yaml.md:3: WARNING: invalid front matter YAML: did not find "
        "expected ',' or ']'; the note builds without its properties [obsidian.front_matter]",
        "<src>/folder/ratio 1:2.md: WARNING: no wikilink can name 'folder/ratio 1:2': its path "
        "contains ':'; rename the file [obsidian.bad_name]",
        "<src>/folder/x^y.md: WARNING: no wikilink can name 'folder/x^y': its path contains "
        "'^'; rename the file [obsidian.bad_name]",
        # Note.md and note.md: the same name to Obsidian, so a link to it is ambiguous
        "<src>/index.md:3: WARNING: ambiguous link [[folder/note]]: 2 documents match "
        "(folder/Note, folder/note); using 'folder/Note' [obsidian.ambiguous]",
    ]


@pytest.mark.sphinx("html", testroot="file-names", freshenv=True)
def test_every_page_is_written_and_reachable(app: SphinxTestApp) -> None:
    app.build()
    written = sorted(p.name for p in (Path(app.outdir) / "folder").glob("*.html"))
    assert written == [
        "100%.html", "C# basics.html", "Note.html", "[draft].html", "a|b.html", "empty.html",
        "index.html", "invalid-yaml.html", "note.html", "only-front-matter.html",
        "ratio 1:2.html", "x^y.html",
    ]  # fmt: skip
    folder = main_content(app, "folder/index")
    # the folder page links to each of them, percent-encoded
    for href in ("C%23%20basics.html", "%5Bdraft%5D.html", "100%25.html", "a%7Cb.html"):
        assert f'href="{href}"' in folder
    # an empty note and a note of front matter only are pages with a title
    assert "<h1>empty" in main_content(app, "folder/empty")
    assert "<h1>Only front matter" in main_content(app, "folder/only-front-matter")
    assert "Text after invalid front matter." in main_content(app, "folder/invalid-yaml")
