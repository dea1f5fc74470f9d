"""Embeds: notes, sections and blocks transcluded; attachments; cycles; safety (OFM-SPEC 4)."""

from __future__ import annotations

import re
import shutil
import zipfile
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest
from docutils import nodes
from sphinx.testing.util import SphinxTestApp

from .conftest import main_content, obsidian_links, obsidian_warnings, warning_lines


def embed_boxes(app: SphinxTestApp, docname: str) -> list[nodes.container]:
    doctree = app.env.get_and_resolve_doctree(docname, app.builder)
    return [
        node for node in doctree.findall(nodes.container) if "obsidian-embed" in node["classes"]
    ]


@pytest.mark.sphinx("html", testroot="embed-notes", freshenv=True)
def test_whole_note_section_and_block_are_transcluded(app: SphinxTestApp) -> None:
    app.build()
    whole, section, block, inline = embed_boxes(app, "host")
    assert whole.children[0].astext() == "source"  # the header: where the content comes from
    assert whole.children[1].astext() == "Intro with a link to sibling."
    assert [n.astext() for n in section.findall(nodes.rubric)] == ["Early work", "Detail"]
    assert "A page that is not signed" not in section.astext()  # the next section is left out
    assert block.children[1].astext() == "\u201cA page that is not signed did not happen.\u201d"
    assert inline.parent.index(inline) > 0  # placed after the paragraph it stood in
    # the host keeps its own sections: embedded headings are rubrics, not sections
    titles = [s[0].astext() for s in app.env.get_doctree("host").findall(nodes.section)]
    assert titles == ["Host", "Whole note", "A section", "A block", "Inline among text", "Missing"]


@pytest.mark.sphinx("html", testroot="embed-notes", freshenv=True)
def test_links_inside_embeds_resolve_from_the_embedded_note(app: SphinxTestApp) -> None:
    app.build()
    links = obsidian_links(main_content(app, "host"))
    assert ("people/source.html", "source") in links  # the embed's source header
    assert ("people/sibling.html", "sibling") in links  # same folder as the source, not the decoy
    assert ("people/source.html#later-work", "Later work") in links
    assert ("people/source.html#early-work", "source &gt; Early work") in links
    assert (None, "![[no such note]]") in links


@pytest.mark.sphinx("html", testroot="embed-notes", freshenv=True)
def test_embedded_ids_do_not_collide_with_the_host(app: SphinxTestApp) -> None:
    app.build()
    html = main_content(app, "host")
    ids = [part.split('"')[0] for part in html.split(' id="')[1:]]
    assert len(ids) == len(set(ids))
    assert "embed1-early-work" in ids
    assert obsidian_warnings(app) == [
        "<src>/host.md:23: WARNING: unresolved link ![[no such note]]: no note, page or alias "
        "named 'no such note' [obsidian.unresolved]"
    ]


@pytest.mark.sphinx("html", testroot="embed-cycles", freshenv=True)
def test_cycles_and_deep_chains_end_with_a_warning(app: SphinxTestApp) -> None:
    app.build()
    warnings = obsidian_warnings(app)
    assert (
        "<src>/self.md:3: WARNING: embed ![[self]] not expanded: a cycle (self > self) "
        "[obsidian.embed_cycle]"
    ) in warnings
    assert (
        "<src>/b.md:5: WARNING: embed ![[a]] not expanded: a cycle (a > b > a) "
        "[obsidian.embed_cycle]"
    ) in warnings
    assert any("embeds nest deeper than 8" in w for w in warnings)
    a_page = main_content(app, "a")
    assert a_page.count("Text of B.") == 1 and a_page.count("Text of A.") == 1
    assert "Level 8." in main_content(app, "chain0") and "Level 9." not in main_content(
        app, "chain0"
    )
    assert 'class="obsidian-link obsidian-unresolved">![[a]]</span>' in a_page


@pytest.mark.sphinx("html", testroot="embed-attachments", freshenv=True)
def test_images_sizes_alt_text_and_fragments(app: SphinxTestApp) -> None:
    app.build()
    images = list(app.env.get_doctree("notes/gallery").findall(nodes.image))
    assert [(i["alt"], i.get("width"), i.get("height")) for i in images] == [
        ("Figure 1.png", None, None),
        ("Figure 1.png", "300px", None),
        ("Figure 1.png", "300px", "200px"),
        ("A red square", "120px", None),
        ("A red square", None, None),
        ("Figure 1.png", None, None),
        ("Sized alt", "100px", "145px"),
        ("Figure 1.png", "250px", None),
    ]
    assert "icon" in images[5]["classes"]
    assert (Path(app.outdir) / "_images" / "Figure 1.png").exists()
    html = main_content(app, "notes/gallery")
    assert html.count('src="../_images/Figure%201.png"') == 8


@pytest.mark.sphinx("html", testroot="embed-attachments", freshenv=True)
def test_audio_video_pdf_youtube_and_other_files(app: SphinxTestApp) -> None:
    app.build()
    html = main_content(app, "notes/gallery")
    assert '<audio class="obsidian-audio" controls src="../_downloads/' in html
    assert '<video class="obsidian-video" controls src="../_downloads/' in html
    assert 'report.pdf#page=3" title="PDF"></iframe>' in html
    assert html.count('src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"') == 2
    assert "sketch.excalidraw" in html and 'class="reference download internal"' in html
    assert re.search(r'download="" href="\.\./_downloads/[0-9a-f]+/report\.pdf">report</a>', html)
    assert obsidian_warnings(app) == [
        "<src>/notes/gallery.md:29: WARNING: embed ![[sketch.excalidraw]]: .excalidraw files "
        "cannot be "
        "shown in a page; linked instead [obsidian.embed_unsupported]",
        "<src>/notes/gallery.md:33: WARNING: ![[missing.png]] not shown: no file of that name in "
        "the source folder [obsidian.unresolved]",
        "<src>/notes/gallery.md:35: WARNING: ![[../../outside.png]] not shown: no file of that "
        "name in the source folder [obsidian.unresolved]",
    ]


def test_nothing_outside_the_source_folder_is_read(
    copy_root: Callable[[str], Path],
    build,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    src = copy_root("embed-attachments")
    secret = tmp_path / "secret.png"
    shutil.copy(src / "media" / "Figure 1.png", secret)
    (src / "media" / "linked.png").symlink_to(secret)
    (src / "notes" / "gallery.md").write_text(
        "# Gallery\n\n![[linked.png]]\n\n![[/etc/hostname.png]]\n\n![[../../secret.png]]\n",
        encoding="utf-8",
    )
    app = build(src)
    assert not (Path(app.outdir) / "_images" / "linked.png").exists()
    html = main_content(app, "notes/gallery")
    assert "<img" not in html and "_downloads" not in html  # shown only as text, as written
    assert [w.split("WARNING: ")[1] for w in obsidian_warnings(app)] == [
        "![[linked.png]] not shown: it lies outside the source folder [obsidian.outside_source]",
        "![[/etc/hostname.png]] not shown: no file of that name in the source folder "
        "[obsidian.unresolved]",
        "![[../../secret.png]] not shown: no file of that name in the source folder "
        "[obsidian.unresolved]",
    ]


def test_editing_an_embedded_note_updates_its_embedders(
    copy_root: Callable[[str], Path],
    build,  # type: ignore[no-untyped-def]
) -> None:
    src = copy_root("embed-notes")
    first = build(src)
    assert "Early text" in main_content(first, "host")
    source = src / "people" / "source.md"
    source.write_text(source.read_text().replace("Early text", "Revised text"), encoding="utf-8")
    second = build(src)
    assert second.documents_read == ["people/source"]  # type: ignore[attr-defined]
    assert "Revised text" in main_content(second, "host")
    source.unlink()
    third = build(src)
    assert "Revised text" not in main_content(third, "host")
    assert any("![[people/source]]" in w and "unresolved" in w for w in obsidian_warnings(third))


@pytest.mark.parametrize("builder", ["latex", "epub", "text", "singlehtml"])
def test_every_builder_gets_the_embedded_content(build_copy, builder: str) -> None:  # type: ignore[no-untyped-def]
    app = build_copy("embed-notes", builder)
    out = Path(app.outdir)
    if builder == "latex":
        text = next(out.glob("*.tex")).read_text()
    elif builder == "epub":
        with zipfile.ZipFile(next(out.glob("*.epub"))) as book:
            text = book.read("host.xhtml").decode()
    elif builder == "singlehtml":
        # one tree joined from every page: the embeds of pages other than the first
        text = (out / "index.html").read_text()
    else:
        text = (out / "host.txt").read_text()
    assert "Early text" in text and "A page that is not signed did not happen." in text


# -- embeds side by side (several in one paragraph) ---------------------------------


class _Flow(HTMLParser):
    """What a built section shows, block by block: an embed as ``embed: <its
    source header>``, a missing one as ``missing: <raw>``, any other paragraph
    or table cell as its text."""

    def __init__(self) -> None:
        super().__init__()
        self.flow: list[str] = []
        self.stack: list[str] = []  # the kind of each open element
        self.text: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        inside_embed = "embed" in self.stack
        kind = "other"
        if "obsidian-embed" in classes:
            kind = "embed"
        elif "obsidian-embed-source" in classes and self.stack[-1:] == ["embed"]:
            kind, self.text = "header", []
        elif "obsidian-embed-missing" in classes:
            kind, self.text = "missing", []
        elif tag in ("p", "th") and not inside_embed and self.text is None:
            kind, self.text = "text", []
        if tag not in ("br", "hr", "img", "input", "meta"):
            self.stack.append(kind)

    def handle_endtag(self, tag: str) -> None:
        kind = self.stack.pop() if self.stack else "other"
        if kind in ("header", "missing", "text") and self.text is not None:
            prefix = {"header": "embed: ", "missing": "missing: ", "text": ""}[kind]
            self.flow.append(prefix + "".join(self.text).replace("\u00b6", ""))
            self.text = None

    def handle_data(self, data: str) -> None:
        if self.text is not None:
            self.text.append(data)


def _section_flow(app: SphinxTestApp, docname: str, section_id: str) -> list[str]:
    html = main_content(app, docname)
    start = html.index(f'<section id="{section_id}">')
    body = html[html.index("</h2>", start) + 5 : html.index("</section>", start)]
    parser = _Flow()
    parser.feed(body)
    return parser.flow


BOTH = ["embed: Battle > Opening", "embed: Battle > Retreat"]


@pytest.mark.sphinx("html", testroot="embeds-side-by-side", freshenv=True)
def test_embeds_side_by_side_each_take_their_place_in_order(app: SphinxTestApp) -> None:
    app.build()
    assert _section_flow(app, "host", "lines") == BOTH
    assert _section_flow(app, "host", "one-line") == BOTH
    assert _section_flow(app, "host", "among-text") == [
        "See ", BOTH[0], " and ", BOTH[1], " for both.",
    ]  # fmt: skip
    assert _section_flow(app, "host", "quote") == BOTH
    assert _section_flow(app, "host", "list") == BOTH
    assert _section_flow(app, "host", "table") == [
        "First", "Second", *BOTH, "missing: ![[Lost#One]]", "missing: ![[Lost#Two]]",
    ]  # fmt: skip
    assert _section_flow(app, "host", "unresolved") == [
        "missing: ![[Lost#One]]", "missing: ![[Lost#Two]]",
    ]  # fmt: skip
    # an embed inside emphasis: the text stays, the section follows it
    assert _section_flow(app, "host", "emphasis") == ["Quoted: ", BOTH[1]]
    assert obsidian_warnings(app) == [
        f"<src>/host.md:{line}: WARNING: unresolved link ![[Lost#{part}]]: no note, page or "
        "alias named 'Lost' [obsidian.unresolved]"
        for line in (28, 32)
        for part in ("One", "Two")
    ]


@pytest.mark.sphinx("html", testroot="embeds-side-by-side", freshenv=True)
def test_footnotes_of_an_embedded_section_come_with_it(app: SphinxTestApp) -> None:
    app.build()
    html = main_content(app, "host")
    refs = re.findall(r'class="footnote-reference brackets" href="#([^"]+)" id="([^"]+)"', html)
    # the opening section is embedded seven times with its footnote; one more
    # footnote is written in the host, and holds one of those embeds
    assert len(refs) == 8
    for href, ref_id in refs:
        footnote = re.search(
            rf'<aside class="footnote brackets" id="{href}".*?</aside>', html, re.S
        )
        assert footnote is not None, href
        assert f'href="#{ref_id}"' in footnote.group(0)  # and the footnote links back
        assert "A cold fog lay over the river." in footnote.group(0)


@pytest.mark.sphinx("html", testroot="empty-image", freshenv=True)
def test_an_image_without_a_target_shows_its_text(app: SphinxTestApp) -> None:
    # an upload that never finished leaves ``![Uploading file...]()`` in the note
    app.build()
    assert (None, "Uploading file\N{HORIZONTAL ELLIPSIS}gxvwy") in obsidian_links(
        main_content(app, "index")
    )
    assert warning_lines(app) == [
        "<src>/index.md:3: WARNING: image ![Uploading file...gxvwy]() names no file; its "
        "text is shown [obsidian.unresolved]"
    ]


@pytest.mark.parametrize("builder", ["texinfo", "latex", "text", "man", "singlehtml", "epub"])
def test_embeds_side_by_side_build_in_every_builder(build_copy, builder: str) -> None:  # type: ignore[no-untyped-def]
    # Texinfo matches a footnote reference to its footnote by number: copied
    # footnotes are renumbered, or a footnote embedding one would find itself
    app = build_copy("embeds-side-by-side", builder)
    assert [w for w in obsidian_warnings(app) if "unresolved link ![[Lost#" not in w] == []
    out = Path(app.outdir)
    text = "\n".join(
        p.read_text(encoding="utf-8", errors="replace")
        for p in out.rglob("*")
        if p.is_file() and p.suffix in (".texi", ".tex", ".txt", ".1", ".html", ".xhtml")
    )
    assert "The left wing gave way by noon." in text
    assert "The armies met at dawn." in text


@pytest.mark.sphinx("html", testroot="embed-missing-part", freshenv=True)
def test_a_missing_heading_or_block_of_an_embed_is_reported_once_at_the_embed(
    app: SphinxTestApp,
) -> None:
    app.build()
    assert warning_lines(app) == [
        "<src>/index.md:3: WARNING: heading not found for link ![[Source#No such heading]]: "
        "'Source' has no heading 'No such heading'; linking to the note [obsidian.heading]",
        "<src>/index.md:7: WARNING: block not found for link ![[Source#^nosuchblock]]: "
        "'Source' has no block '^nosuchblock'; linking to the note [obsidian.block]",
    ]
    # the whole note is shown, and its header links to the note
    assert obsidian_links(main_content(app, "index"))[0] == (
        "Source.html",
        "Source &gt; No such heading",
    )
