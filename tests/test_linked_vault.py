"""A vault linked into the source folder is published as Sphinx reads it, drafts left out.

Sphinx follows symbolic links to folders when it looks for documents. The
root holds a source folder, ``site``, and a vault kept elsewhere,
``vaults/main``; each test links the vault in as ``site/vault``.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from .conftest import main_content, obsidian_links, obsidian_warnings, warning_lines


@pytest.fixture
def linked_vault(copy_root: Callable[[str], Path]) -> Path:
    """The source folder, with the vault linked in (the vault stays outside it)."""
    root = copy_root("linked-vault")
    (root / "site" / "vault").symlink_to(Path("..", "vaults", "main"), target_is_directory=True)
    return root / "site"


def test_a_linked_vaults_drafts_and_templates_are_left_out(
    linked_vault: Path, build: Callable[..., SphinxTestApp]
) -> None:
    app = build(linked_vault)
    assert sorted(app.env.found_docs) == ["index", "vault/public"]
    out = Path(app.outdir)
    assert not (out / "vault" / "private.html").exists()
    assert not (out / "vault" / "Meta" / "Templates" / "meeting.html").exists()
    assert obsidian_links(main_content(app, "vault/public")) == [
        (None, "private"),
        (None, "meeting"),
    ]
    assert [line.split("WARNING: ")[1] for line in warning_lines(app)] == [
        "link [[private]] to 'vault/private', which is left out of the build (publish: false) "
        "[obsidian.excluded]",
        "unresolved link [[meeting]]: no note, page or alias named 'meeting' [obsidian.unresolved]",
    ]


def test_a_linked_vaults_attachments_are_shown_and_links_out_refused(
    linked_vault: Path, build: Callable[..., SphinxTestApp], tmp_path: Path
) -> None:
    vault = linked_vault.parent / "vaults" / "main"
    secret = tmp_path / "secret.png"
    shutil.copy(vault / "pic.png", secret)
    (vault / "leak.png").symlink_to(secret)
    note = vault / "public.md"
    note.write_text(note.read_text(encoding="utf-8") + "\n![[leak.png]]\n", encoding="utf-8")
    app = build(linked_vault)
    html = main_content(app, "vault/public")
    # the vault's own file is copied as any file of the source folder
    assert html.count("<img") == 1
    assert 'src="../_images/pic.png"' in html
    assert (Path(app.outdir) / "_images" / "pic.png").is_file()
    # a link inside the vault to a file outside it is still refused
    assert not (Path(app.outdir) / "_images" / "leak.png").exists()
    assert obsidian_warnings(app)[0] == (
        "<src>/vault/public.md:7: WARNING: ![[leak.png]] not shown: it lies outside the source "
        "folder [obsidian.outside_source]"
    )


@pytest.mark.parametrize(
    ("link", "target"),
    [("up", ".."), ("Meta/back", ".."), ("here", ".")],
    ids=["to-the-folder-holding-the-vault", "to-the-vault-from-inside", "to-itself"],
)
def test_folder_links_that_lead_back_are_not_followed(
    linked_vault: Path, build: Callable[..., SphinxTestApp], link: str, target: str
) -> None:
    vault = linked_vault.parent / "vaults" / "main"
    (vault / link).symlink_to(target, target_is_directory=True)
    app = build(linked_vault)
    # Sphinx alone would read the vault again below the link, once per turn
    assert sorted(app.env.found_docs) == ["index", "vault/public"]
    assert (Path(app.outdir) / "_images" / "pic.png").is_file()
    assert not any("unreadable" in line for line in warning_lines(app))
    assert f"vault/{link}" in app.config.exclude_patterns
