"""Hover previews: each page a link can lead to gets its preview written beside
it at build time (its opening, and the sections and blocks that links name),
and links that lead to such a page say so with a class. What a reader sees is
tested in a browser (``tests/browser/test_previews_in_a_browser.py``)."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import sphinx
from sphinx.testing.util import SphinxTestApp

from .conftest import main_content, obsidian_warnings

ROOT = "hover-previews"
#: how Sphinx 9's default ``mathjax_path`` starts (Sphinx 8 has MathJax 3)
MATHJAX_4 = "https://cdn.jsdelivr.net/npm/mathjax@4/"
PREFIX = "window.obsidianPreviews&&window.obsidianPreviews.add(document.currentScript,"
UNRESOLVED = (
    "<src>/index.md:7: WARNING: unresolved link [[Lushan letters]]: no note, page or alias "
    "named 'Lushan letters' [obsidian.unresolved]"
)


def preview(path: Path) -> dict[str, Any]:
    """The data a preview script hands to the page's script."""
    text = path.read_text(encoding="utf-8")
    assert text.startswith(PREFIX) and text.endswith(");\n")
    return dict(json.loads(text[len(PREFIX) : -3]))


def test_a_note_s_preview_holds_its_opening_and_its_linked_parts(
    built_root: Callable[..., SphinxTestApp],
) -> None:
    app = built_root(ROOT)
    famine = preview(Path(app.outdir, "Great Famine.preview.js"))
    assert famine["title"] == "Great Famine"
    # the opening, the section [[Great Famine#Causes]] names and the block ^toll;
    # not the sections no link names
    assert sorted(famine["parts"]) == ["", "block-toll", "causes"]
    assert famine["parts"][""] == (
        '<div class="docutils container">\n<p>The famine of 1959 to 1961 followed the '
        "collectivisation drive, when grain<br />\nquotas were set from inflated harvest "
        "reports.</p>\n</div>\n"
    )
    assert famine["parts"]["block-toll"] == (
        '<div class="docutils container">\n<p>Estimates of excess deaths range from fifteen '
        "to over forty million.</p>\n</div>\n"
    )
    assert famine["parts"]["causes"].startswith(
        '<div class="docutils container">\n<p class="obsidian-preview-heading">Causes</p>\n'
        "<p>Procurement took grain the villages did not have, while "
        '<a class="obsidian-link obsidian-preview reference internal" '
        'href="history/Backyard%20furnaces.html">the furnaces</a>'
    )
    assert obsidian_warnings(app) == [UNRESOLVED]


def test_a_note_without_text_before_its_first_heading_previews_its_first_section(
    built_root: Callable[..., SphinxTestApp],
) -> None:
    app = built_root(ROOT)
    furnaces = preview(Path(app.outdir, "history", "Backyard furnaces.preview.js"))
    assert furnaces["title"] == "Backyard furnaces"
    assert furnaces["parts"][""].startswith(
        '<div class="docutils container">\n'
        '<p class="obsidian-preview-heading">Steel in every village</p>\n'
        "<p>Small furnaces were built in courtyards"
    )
    # addresses stay relative to the note; the script makes them absolute
    assert 'href="../Great%20Famine.html"' in furnaces["parts"][""]


def test_resolved_links_carry_the_class_and_others_do_not(
    built_root: Callable[..., SphinxTestApp],
) -> None:
    app = built_root(ROOT)
    page = main_content(app, "index")
    previewed = re.findall(r'<a class="[^"]*obsidian-preview[^"]*" href="([^"]*)"', page)
    assert previewed == [
        "Great%20Famine.html",
        "Great%20Famine.html#causes",
        "Great%20Famine.html#block-toll",
        "history/Backyard%20furnaces.html",
    ]
    assert '<span class="obsidian-link obsidian-unresolved">Lushan letters</span>' in page
    assert '<a class="reference external" href="https://example.org/archive">' in page


def script_tag(page: Path) -> dict[str, str]:
    """The attributes of the page's tag of the previews script."""
    found = re.findall(r"<script ([^>]*obsidian-previews\.js[^>]*)>", page.read_text("utf-8"))
    assert len(found) == 1
    return {
        name: html.unescape(value) for name, value in re.findall(r'([\w-]+)="([^"]*)"', found[0])
    }


#: MyST's configuration of MathJax (its classes), which Sphinx writes on pages with math
MYST_MATHJAX = {"options": {"processHtmlClass": "tex2jax_process|mathjax_process|math|output_area"}}


def test_the_script_is_given_the_link_suffix_and_the_site_s_mathjax(
    built_root: Callable[..., SphinxTestApp],
) -> None:
    app = built_root(ROOT)
    tag = script_tag(Path(app.outdir, "index.html"))
    assert re.fullmatch(r"_static/obsidian-previews\.js\?v=[0-9a-f]+", tag.pop("src"))
    setup = json.loads(tag.pop("data-mathjax-setup"))
    assert tag == {
        "data-link-suffix": ".html",
        "defer": "defer",
        # Sphinx's default MathJax, for previews with math on pages without
        "data-mathjax": app.config.mathjax_path,
    }
    name = "mathjax4_config" if app.config.mathjax_path.startswith(MATHJAX_4) else "mathjax3_config"
    assert getattr(app.config, name) == MYST_MATHJAX
    assert setup == [["", f"window.MathJax = {json.dumps(MYST_MATHJAX)}"]]
    assert Path(app.outdir, "_static", "obsidian-previews.js").is_file()


def test_the_script_loads_mathjax_as_the_site_configures_it(
    built_root: Callable[..., SphinxTestApp],
) -> None:
    app = built_root("preview-math")
    tag = script_tag(Path(app.outdir, "index.html"))
    config = {"tex": {"tags": "ams"}, "stubDelay": 600, **MYST_MATHJAX}
    assert tag["data-mathjax"] == "stub-mathjax.js"  # from ``_static``, as Sphinx takes it
    assert json.loads(tag["data-mathjax-options"]) == {"referrerpolicy": "no-referrer"}
    assert json.loads(tag["data-mathjax-setup"]) == [["", f"window.MathJax = {json.dumps(config)}"]]
    # the page with math has Sphinx's own tag too, the one without has only the script's
    waves = Path(app.outdir, "Waves.html").read_text("utf-8")
    assert 'referrerpolicy="no-referrer" src="_static/stub-mathjax.js' in waves
    assert 'src="_static/stub-mathjax.js' not in Path(app.outdir, "index.html").read_text("utf-8")


def test_generated_pages_have_no_preview(built_root: Callable[..., SphinxTestApp]) -> None:
    app = built_root(ROOT)
    assert not Path(app.outdir, "history", "index.preview.js").exists()
    assert Path(app.outdir, "index.preview.js").is_file()  # the project's own root page


def test_previews_can_be_switched_off(built_root: Callable[..., SphinxTestApp]) -> None:
    app = built_root(ROOT, obsidian_hover_previews=False)
    assert sorted(Path(app.outdir).rglob("*preview.js")) == []
    assert "obsidian-preview" not in main_content(app, "index")
    html = Path(app.outdir, "index.html").read_text(encoding="utf-8")
    assert "obsidian-previews.js" not in html


def test_dirhtml_writes_each_preview_where_the_script_looks_for_it(
    built_root: Callable[..., SphinxTestApp],
) -> None:
    app = built_root(ROOT, "dirhtml")
    outdir = Path(app.outdir)
    page = (outdir / "index.html").read_text(encoding="utf-8")
    hrefs = re.findall(r'<a class="[^"]*obsidian-preview[^"]*" href="([^"#]*)[^"]*"', page)
    famine, furnaces = "Great Famine/", "history/Backyard furnaces/"
    assert hrefs == [famine, famine, famine, furnaces]
    # the script's rule: an address ending in "/" has its preview at "preview.js" in it
    for href in hrefs:
        target = outdir / href / "preview.js"
        assert preview(target)["parts"][""]
    assert preview(outdir / "preview.js")["title"] == "Reading room"


def test_builders_without_pages_of_their_own_write_no_previews(
    built_root: Callable[..., SphinxTestApp],
) -> None:
    for builder in ("singlehtml", "text"):
        app = built_root(ROOT, builder)
        assert sorted(Path(app.outdir).rglob("*preview.js")) == [], builder


def test_a_newly_linked_section_is_added_to_the_preview_without_reading_the_note(
    copy_root: Callable[[str], Path],
    build,  # type: ignore[no-untyped-def]
) -> None:
    src = copy_root(ROOT)
    build(src)
    index = src / "index.md"
    index.write_text(
        index.read_text(encoding="utf-8") + "\nLater: [[Great Famine#Later sections]].\n",
        encoding="utf-8",
    )
    second = build(src)
    assert second.documents_read == ["index"]  # type: ignore[attr-defined]
    parts = preview(Path(second.outdir, "Great Famine.preview.js"))["parts"]
    assert sorted(parts) == ["", "block-toll", "causes", "later-sections"]
    assert "Only reached by scrolling." in parts["later-sections"]


def test_parallel_builds_write_the_same_previews(
    copy_root: Callable[[str], Path],
    build,  # type: ignore[no-untyped-def]
) -> None:
    src = copy_root(ROOT)
    serial = build(src, freshenv=True)
    written = {
        p.relative_to(serial.outdir): p.read_bytes()
        for p in Path(serial.outdir).rglob("*preview.js")
    }
    parallel = build(src, freshenv=True, parallel=2)
    again = {
        p.relative_to(parallel.outdir): p.read_bytes()
        for p in Path(parallel.outdir).rglob("*preview.js")
    }
    assert len(written) == 3
    assert again == written


def test_a_part_that_cannot_be_written_is_a_warning_and_the_rest_is_written(
    copy_root: Callable[[str], Path],
    build,  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from sphinxext.obsidian import previews

    render = previews._render

    def failing(builder: Any, doctree: Any, parts: list[Any]) -> str:
        if parts and parts[0].astext().startswith("Causes"):
            raise NotImplementedError("no visitor for this node")
        return render(builder, doctree, parts)

    monkeypatch.setattr(previews, "_render", failing)
    app = build(copy_root(ROOT))
    assert obsidian_warnings(app) == [
        "<src>/Great Famine.md: WARNING: the part 'causes' of this page's hover preview could "
        "not be written (NotImplementedError: no visitor for this node); links to it show the "
        "page's opening [obsidian.not_rendered]",
        UNRESOLVED,
    ]
    assert sorted(preview(Path(app.outdir, "Great Famine.preview.js"))["parts"]) == [
        "",
        "block-toll",
    ]


@pytest.mark.parametrize(
    ("settings", "options", "setup"),
    [
        # what Sphinx could not use either is left out, and the vault builds
        ({"mathjax_options": "defer"}, None, [MYST_MATHJAX]),
        ({"mathjax_options": {"crossorigin": None, "id": 7}}, {"id": "7"}, [MYST_MATHJAX]),
        ({"mathjax3_config": {"tex": {"tags": {1, 2}}}}, None, None),
    ],
)
def test_mathjax_settings_sphinx_cannot_use_are_left_out(
    built_root: Callable[..., SphinxTestApp],
    settings: dict[str, Any],
    options: dict[str, str] | None,
    setup: list[dict[str, Any]] | None,
) -> None:
    app = built_root(ROOT, **settings)
    tag = script_tag(Path(app.outdir, "index.html"))
    assert tag["data-mathjax"] == app.config.mathjax_path
    written_options = tag.get("data-mathjax-options")
    assert (json.loads(written_options) if written_options else None) == options
    written = json.loads(tag.get("data-mathjax-setup", "null"))
    configs = [json.loads(text.removeprefix("window.MathJax = ")) for _, text in written or ()]
    assert (configs or None) == setup


@pytest.mark.skipif(sphinx.version_info < (9,), reason="mathjax_config_path is new in Sphinx 9")
@pytest.mark.parametrize(
    ("content", "read"),
    [
        (b"window.MathJax = {tex: {tags: 'ams'}};\n", True),
        (b"window.MathJax = {\xff\xfe};\n", False),  # not UTF-8: left out
    ],
)
def test_a_mathjax_configuration_file_is_run_first_when_it_can_be_read(
    copy_root: Callable[[str], Path],
    build,  # type: ignore[no-untyped-def]
    content: bytes,
    read: bool,
) -> None:
    src = copy_root(ROOT)
    (src / "mathjax-setup.js").write_bytes(content)
    app = build(src, confoverrides={"mathjax_config_path": "mathjax-setup.js"})
    setup = json.loads(script_tag(Path(app.outdir, "index.html"))["data-mathjax-setup"])
    myst = ["", f"window.MathJax = {json.dumps(MYST_MATHJAX)}"]
    assert setup == ([myst, ["", content.decode()]] if read else [myst])


def test_dirhtml_tells_the_script_that_addresses_end_in_a_slash(
    built_root: Callable[..., SphinxTestApp],
) -> None:
    app = built_root(ROOT, "dirhtml")
    assert script_tag(Path(app.outdir, "index.html"))["data-link-suffix"] == "/"


def test_a_note_opening_with_two_top_headings_previews_the_first_with_text(
    copy_root: Callable[[str], Path],
    build,  # type: ignore[no-untyped-def]
) -> None:
    src = copy_root(ROOT)
    (src / "Twin.md").write_text(
        "# First heading\n\n# Second heading\n\nThe words under it.\n", encoding="utf-8"
    )
    app = build(src)
    assert preview(Path(app.outdir, "Twin.preview.js"))["parts"][""] == (
        '<div class="docutils container">\n'
        '<p class="obsidian-preview-heading">Second heading</p>\n'
        "<p>The words under it.</p>\n</div>\n"
    )


def test_a_page_whose_preview_place_is_another_page_s_folder_warns(
    copy_root: Callable[[str], Path],
    build,  # type: ignore[no-untyped-def]
) -> None:
    src = copy_root(ROOT)
    (src / "Great Famine").mkdir()
    (src / "Great Famine" / "preview.js.md").write_text("# Odd name\n\nText.\n", encoding="utf-8")
    app = build(src, "dirhtml")
    assert obsidian_warnings(app) == [
        "<src>/Great Famine.md: WARNING: the hover preview of this page is not written: "
        "'preview.js' beside it is another page's place; links to it show no preview "
        "[obsidian.not_rendered]",
        UNRESOLVED,
    ]
    assert Path(app.outdir, "Great Famine", "preview.js", "index.html").is_file()
    # and links to the note ask for no preview
    page = Path(app.outdir, "index.html").read_text(encoding="utf-8")
    assert 'href="Great Famine/' in page
    assert not re.search(r'class="[^"]*obsidian-preview[^"]*" href="Great Famine/', page)
