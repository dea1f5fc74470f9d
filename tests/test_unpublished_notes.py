"""A note whose front matter says ``publish: false`` or ``draft: true`` is never published,
however its front matter is written and whatever its name."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sphinx.testing.util import SphinxTestApp

DRAFT = "---\ndraft: true\n---\n\n# A draft\n\nDraft text.\n"


def test_unusual_notes_with_publish_false_are_left_out(
    copy_root: Callable[[str], Path], build: Callable[..., SphinxTestApp]
) -> None:
    src = copy_root("exclusion")
    vault = src / "vault"
    # a byte-order mark before the front matter (Sphinx reads it as UTF-8 with BOM)
    (vault / "bom.md").write_bytes(b"\xef\xbb\xbf---\npublish: false\n---\n\n# With a BOM\n")
    # the property after 70 KB of front matter, and a long note after it
    long_value = "".join(f"  line {n} of a long property\n" for n in range(2500))
    (vault / "long.md").write_text(
        f"---\nnotes: |\n{long_value}publish: false\n---\n\n# Long\n\n" + "Text.\n" * 20000,
        encoding="utf-8",
    )
    assert len(long_value) > 64 * 1024
    # names that are patterns to Sphinx, and a note with Windows line ends
    (vault / "[draft].md").write_text(DRAFT, encoding="utf-8")
    (vault / "draft*.md").write_text(DRAFT, encoding="utf-8")
    (vault / "crlf.md").write_bytes(DRAFT.replace("\n", "\r\n").encode())
    # a name written decomposed, as macOS writes it (Sphinx compares composed names)
    (vault / "Cafe\u0301.md").write_text(DRAFT, encoding="utf-8")
    app = build(src)
    assert sorted(app.env.found_docs) == ["index", "vault/public", "vault/wiki/templates/banner"]
    written = sorted(p.name for p in (Path(app.outdir) / "vault").glob("*.html"))
    assert written == ["public.html"]
    assert app.env.domains["obsidian"].data["excluded"] == {
        "vault/Caf\u00e9": "draft: true",
        "vault/[draft]": "draft: true",
        "vault/bom": "publish: false",
        "vault/crlf": "draft: true",
        "vault/draft": "draft: true",
        "vault/draft*": "draft: true",
        "vault/long": "publish: false",
        "vault/private": "publish: false",
    }
