"""One note never costs the whole site: an unexpected fault on one note or one
embed becomes an ``obsidian.not_rendered`` warning at that note, and the rest
of the site builds as usual."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from sphinxext.obsidian.embeds import EmbedTransclusion
from sphinxext.obsidian.myst import ObsidianRenderer

from .conftest import main_content, obsidian_links, obsidian_warnings


def _fail(*args: object, **kwargs: object) -> None:
    raise RuntimeError("a fault nobody foresaw")


def test_a_note_that_makes_the_renderer_fail_is_built_by_myst_alone(
    copy_root: Callable[[str], Path], build, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(ObsidianRenderer, "render_callout", _fail)
    app = build(copy_root("callout-titles"))
    assert obsidian_warnings(app) == [
        "<src>/titles.md: WARNING: the note is built without its Obsidian syntax after an "
        "unexpected RuntimeError: a fault nobody foresaw [obsidian.not_rendered]",
    ]
    # the note is there, as MyST alone reads it: the callout is a quote
    assert "<blockquote>" in main_content(app, "titles")


def test_an_embed_that_fails_is_shown_as_written(
    copy_root: Callable[[str], Path], build, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(EmbedTransclusion, "_content", _fail)
    app = build(copy_root("embed-notes"))
    warnings = [w for w in obsidian_warnings(app) if "not_rendered" in w]
    assert warnings[0] == (
        "<src>/host.md:7: WARNING: embed ![[people/source]] shown as written after an unexpected "
        "RuntimeError: a fault nobody foresaw [obsidian.not_rendered]"
    )
    assert (None, "![[people/source]]") in obsidian_links(main_content(app, "host"))


def test_a_note_myst_alone_cannot_read_either_shows_its_text(
    copy_root: Callable[[str], Path], build, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    from myst_parser.parsers.sphinx_ import MystParser

    monkeypatch.setattr(ObsidianRenderer, "render_callout", _fail)
    monkeypatch.setattr(MystParser, "parse", _fail)
    app = build(copy_root("callout-titles"))
    assert len(obsidian_warnings(app)) == 1
    page = main_content(app, "titles")
    assert '<div class="highlight-default notranslate"><div class="highlight"><pre>' in page
    assert "&gt; [!info] A **bold** title" in page  # the note as written


def test_a_nested_embed_that_fails_is_shown_as_written(
    copy_root: Callable[[str], Path], build, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    # Bowman embeds Chronicle, which embeds a section of Diary: only that one fails
    original = EmbedTransclusion._content

    def content(self: EmbedTransclusion, docname: str, *args: object) -> object:
        if docname == "Diary":
            raise RuntimeError("a fault nobody foresaw")
        return original(self, docname, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(EmbedTransclusion, "_content", content)
    app = build(copy_root("rewrites"))
    faults = [w for w in obsidian_warnings(app) if "not_rendered" in w]
    # in Chronicle's page, and in Bowman's copy of it
    assert (
        faults
        == [
            "<src>/Chronicle.md:3: WARNING: embed ![[Diary#Spring]] shown as written after an "
            "unexpected RuntimeError: a fault nobody foresaw [obsidian.not_rendered]",
        ]
        * 2
    )
    page = main_content(app, "f/Bowman")
    assert "Chronicle" in page and (None, "![[Diary#Spring]]") in obsidian_links(page)


def test_a_copy_of_a_source_that_fails_is_left_out(
    copy_root: Callable[[str], Path], build, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    from sphinxext.obsidian import source_copies

    monkeypatch.setattr(source_copies, "without_comments", _fail)
    app = build(copy_root("source-copies"))
    assert "no copy of the source is published" in obsidian_warnings(app)[0]
    assert not (Path(app.outdir) / "_sources" / "index.md.txt").exists()
    assert (Path(app.outdir) / "index.html").is_file()
