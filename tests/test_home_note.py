"""A vault's home note (``Home.md``) is its landing page: the root document
links the vault by the note's title, and the note lists the vault."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from .conftest import main_content, warning_lines
from .test_navigation import listed


@pytest.fixture(scope="module")
def built(built_root: Callable[..., SphinxTestApp]) -> SphinxTestApp:
    return built_root("home-note")


def test_the_build_is_clean(built: SphinxTestApp) -> None:
    assert warning_lines(built) == []


def test_the_root_document_links_the_vault_by_its_home_notes_title(built: SphinxTestApp) -> None:
    assert listed(built, "index") == [("vault/Home.html", "Field notes")]


def test_the_home_note_keeps_its_text_and_lists_the_vault(built: SphinxTestApp) -> None:
    assert "Where the survey\u2019s notes start" in main_content(built, "vault/Home")
    assert listed(built, "vault/Home") == [
        ("Ideas/index.html", "Ideas"),
        ("Alpha.html", "Alpha"),
        ("Zeta.html", "Zeta"),
    ]


def test_no_page_is_made_for_the_vault_folder(built: SphinxTestApp) -> None:
    assert not (Path(built.outdir) / "vault" / "index.html").exists()


def test_the_vaults_notes_have_the_home_note_as_their_parent(built: SphinxTestApp) -> None:
    # (parent, previous, next), as themes show them
    relations = built.env.collect_relations()
    assert relations["vault/Alpha"][0] == "vault/Home"
    assert relations["vault/Home"][0] == "index"


def _build(make_app: Callable[..., SphinxTestApp], src: Path, **overrides: object) -> SphinxTestApp:
    app = make_app("html", srcdir=src, confoverrides=overrides)
    app.build()
    return app


def test_without_a_home_note_the_vault_folder_has_a_page(
    make_app: Callable[..., SphinxTestApp], copy_root: Callable[[str], Path]
) -> None:
    app = _build(make_app, copy_root("home-note"), obsidian_home=None)
    assert listed(app, "index") == [("vault/index.html", "vault")]
    assert listed(app, "vault/index") == [
        ("Ideas/index.html", "Ideas"),
        ("Alpha.html", "Alpha"),
        ("Home.html", "Field notes"),
        ("Zeta.html", "Zeta"),
    ]


def test_another_name_can_be_the_home_note(
    make_app: Callable[..., SphinxTestApp], copy_root: Callable[[str], Path]
) -> None:
    app = _build(make_app, copy_root("home-note"), obsidian_home="zeta")
    assert listed(app, "index") == [("vault/Zeta.html", "Zeta")]


def test_a_folder_note_comes_before_the_home_note(
    make_app: Callable[..., SphinxTestApp], copy_root: Callable[[str], Path]
) -> None:
    src = copy_root("home-note")
    (src / "vault" / "index.md").write_text("# The vault\nIts folder note.\n", encoding="utf-8")
    app = _build(make_app, src)
    assert listed(app, "index") == [("vault/index.html", "The vault")]
    assert ("Home.html", "Field notes") in listed(app, "vault/index")


def test_a_home_note_at_the_top_of_the_source_is_listed_first(
    make_app: Callable[..., SphinxTestApp], copy_root: Callable[[str], Path]
) -> None:
    src = copy_root("home-note")
    (src / "vault" / "Home.md").rename(src / "Home.md")
    (src / "Aardvark.md").write_text("# Aardvark\nListed after the home note.\n", encoding="utf-8")
    app = _build(make_app, src)
    assert listed(app, "index") == [
        ("Home.html", "Field notes"),
        ("vault/index.html", "vault"),
        ("Aardvark.html", "Aardvark"),
    ]


def test_a_home_note_added_later_takes_its_place_in_an_incremental_build(
    make_app: Callable[..., SphinxTestApp], copy_root: Callable[[str], Path]
) -> None:
    src = copy_root("home-note")
    home = (src / "vault" / "Home.md").read_text(encoding="utf-8")
    (src / "vault" / "Home.md").unlink()
    assert listed(_build(make_app, src), "index") == [("vault/index.html", "vault")]
    (src / "vault" / "Home.md").write_text(home, encoding="utf-8")
    app = _build(make_app, src)
    assert listed(app, "index") == [("vault/Home.html", "Field notes")]
    assert [title for _, title in listed(app, "vault/Home")] == ["Ideas", "Alpha", "Zeta"]


def test_a_home_note_a_toctree_lists_is_still_the_vaults_page(
    make_app: Callable[..., SphinxTestApp], copy_root: Callable[[str], Path]
) -> None:
    src = copy_root("home-note")
    index = src / "index.rst"
    index.write_text(
        index.read_text(encoding="utf-8") + "\n.. toctree::\n\n   vault/Home\n", encoding="utf-8"
    )
    app = _build(make_app, src)
    assert warning_lines(app) == []
    assert [title for _, title in listed(app, "vault/Home")] == ["Ideas", "Alpha", "Zeta"]
    assert not (Path(app.outdir) / "vault" / "index.html").exists()


def test_the_home_note_may_be_named_with_its_suffix(
    make_app: Callable[..., SphinxTestApp], copy_root: Callable[[str], Path]
) -> None:
    app = _build(make_app, copy_root("home-note"), obsidian_home="zeta.md")
    assert listed(app, "index") == [("vault/Zeta.html", "Zeta")]
