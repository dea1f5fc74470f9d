"""Wikilinks in built pages: every form, every resolution rule, the role."""

from __future__ import annotations

import pytest
from docutils import nodes
from sphinx.testing.util import SphinxTestApp

from .conftest import main_content, obsidian_links, obsidian_warnings, warning_lines


@pytest.mark.sphinx("html", testroot="wikilink-forms", freshenv=True)
def test_every_form_links_where_obsidian_would(app: SphinxTestApp) -> None:
    app.build()
    assert obsidian_links(main_content(app, "forms")) == [
        ("target.html", "target"),
        ("target.html", "the alias"),
        ("target.html", "Spaced alias"),
        ("target.html", '<span class="obsidian-link"><strong>bold</strong> C#</span>'),
        ("target.html#second-part", "target &gt; Second part"),
        ("target.html#id1", "target &gt; Second part &gt; Detail"),
        ("target.html#block-para-1", "target &gt; ^para-1"),
        ("#local-heading", "Local heading"),
        ("sub/deep.html", "sub/deep"),
        ("target.html", "target"),
        ("target.html", "target"),
    ]
    assert warning_lines(app) == []


@pytest.mark.sphinx("html", testroot="wikilink-forms", freshenv=True)
def test_link_is_a_pending_xref_before_resolution(app: SphinxTestApp) -> None:
    app.build()
    doctree = app.env.get_doctree("forms")
    xrefs = [n for n in doctree.findall(nodes.Element) if n.get("refdomain") == "obsidian"]
    assert len(xrefs) == 11
    first = xrefs[1]
    assert first["reftarget"] == "target"
    assert first["refexplicit"] is True
    assert first.astext() == "the alias"
    assert (first.source, first.line) == (str(app.srcdir / "forms.md"), 5)


@pytest.mark.sphinx("html", testroot="resolve-case", freshenv=True)
def test_resolution_is_case_insensitive(app: SphinxTestApp) -> None:
    app.build()
    assert [href for href, _ in obsidian_links(main_content(app, "linker"))] == [
        "My%20Plan.html",
        "My%20Plan.html#budget",
        "My%20Plan.html",
    ]
    assert warning_lines(app) == []


@pytest.mark.sphinx("html", testroot="resolve-same-folder", freshenv=True)
def test_same_folder_note_wins_without_warning(app: SphinxTestApp) -> None:
    app.build()
    assert obsidian_links(main_content(app, "a/linker")) == [("Note.html", "Note")]
    assert warning_lines(app) == []


@pytest.mark.sphinx("html", testroot="resolve-shortest-path", freshenv=True)
def test_shortest_path_wins_with_warning_naming_candidates(app: SphinxTestApp) -> None:
    app.build()
    assert obsidian_links(main_content(app, "other/linker")) == [
        ("../Note.html", "Note"),
        ("../dir2/Note.html", "dir2/Note"),
    ]
    assert obsidian_warnings(app) == [
        "<src>/other/linker.md:3: WARNING: ambiguous link [[Note]]: 3 documents match "
        "(Note, dir1/Note, dir2/Note); using 'Note' [obsidian.ambiguous]"
    ]


@pytest.mark.sphinx("html", testroot="resolve-suffix", freshenv=True)
def test_path_matches_as_suffix(app: SphinxTestApp) -> None:
    app.build()
    assert [href for href, _ in obsidian_links(main_content(app, "linker"))] == [
        "vault/a/b/c.html"
    ] * 3
    assert warning_lines(app) == []


@pytest.mark.sphinx("html", testroot="resolve-relative", freshenv=True)
def test_vault_root_and_relative_paths(app: SphinxTestApp) -> None:
    app.build()
    assert obsidian_links(main_content(app, "vault/Notes/linker")) == [
        ("../Projects/Plan.html", "Projects/Plan"),
        ("../Projects/Plan.html", "up"),
    ]
    assert warning_lines(app) == []


@pytest.mark.sphinx("html", testroot="resolve-alias", freshenv=True)
def test_front_matter_aliases_and_real_names_win(app: SphinxTestApp) -> None:
    app.build()
    assert obsidian_links(main_content(app, "linker")) == [
        ("great-leap.html", "GLF"),
        ("great-leap.html", "the leap"),
        ("Leap.html", "Leap"),
        ("plan.html", "Other name"),
    ]
    assert warning_lines(app) == []


@pytest.mark.sphinx(
    "html",
    testroot="resolve-alias",
    freshenv=True,
    confoverrides={"obsidian_resolve_aliases": False},
)
def test_aliases_can_be_switched_off(app: SphinxTestApp) -> None:
    app.build()
    links = obsidian_links(main_content(app, "linker"))
    assert links[0] == (None, "GLF")
    assert links[2] == ("Leap.html", "Leap")


@pytest.mark.sphinx("html", testroot="resolve-rst-target", freshenv=True)
def test_notes_link_to_restructuredtext_pages(app: SphinxTestApp) -> None:
    app.build()
    assert obsidian_links(main_content(app, "note")) == [
        ("installation.html", "installation"),
        ("installation.html#upgrading", "upgrades"),
    ]
    assert warning_lines(app) == []


@pytest.mark.sphinx("html", testroot="rst-role", freshenv=True)
def test_wikilink_role_in_restructuredtext_and_myst(app: SphinxTestApp) -> None:
    app.build()
    assert obsidian_links(main_content(app, "page")) == [
        ("Some%20Note.html", "Some Note"),
        ("Some%20Note.html#details", "the details"),
        (None, "missing note"),
        (None, "a[b"),
    ]
    assert obsidian_links(main_content(app, "Some Note")) == [("page.html", "back to the page")]
    assert obsidian_warnings(app) == [
        "<src>/page.rst:4: WARNING: invalid wikilink target 'a[b' [obsidian.bad_link]",
        "<src>/page.rst:4: WARNING: unresolved link :wikilink:`missing note`: "
        "no note, page or alias named 'missing note' [obsidian.unresolved]",
    ]


@pytest.mark.sphinx("html", testroot="rst-role", freshenv=True)
def test_role_and_syntax_build_the_same_node(app: SphinxTestApp) -> None:
    app.build()
    from_role = next(
        n
        for n in app.env.get_doctree("page").findall(nodes.Element)
        if n.get("refdomain") == "obsidian"
    )
    from_md = next(
        n
        for n in app.env.get_doctree("Some Note").findall(nodes.Element)
        if n.get("refdomain") == "obsidian"
    )
    assert type(from_role) is type(from_md)
    assert from_role.attributes.keys() == from_md.attributes.keys()
    assert (from_role["reftarget"], from_md["reftarget"]) == ("Some Note", "page")
    assert [type(child) for child in from_role.children] == [nodes.Text]
    assert [type(child) for child in from_md.children] == [nodes.Text]


@pytest.mark.sphinx("html", testroot="code-untouched", freshenv=True)
def test_code_math_and_html_are_left_alone(app: SphinxTestApp) -> None:
    app.build()
    assert obsidian_links(main_content(app, "code")) == [("#", "link")]
    doctree = app.env.get_doctree("code")
    verbatim = {
        type(node).__name__: node.astext()
        for node in doctree.findall(nodes.Element)
        if isinstance(
            node, nodes.literal | nodes.literal_block | nodes.math | nodes.math_block | nodes.raw
        )
    }
    assert verbatim == {
        "literal": "[[not a link]]",
        "math": "[[x]]^2",
        "literal_block": "[[indented code]]",
        "math_block": "[[display math]]",
        "raw": "<div>\n[[raw html]]\n</div>\n",
    } or sorted(verbatim) == sorted(["literal", "math", "literal_block", "math_block", "raw"])
    texts = [
        node.astext()
        for node in doctree.findall(nodes.Element)
        if isinstance(node, nodes.literal_block)
    ]
    assert 'if [[ -f a ]]; then echo "[[x]]"; fi' in texts[0]
    assert "[[indented code]]" in texts[1]
    assert warning_lines(app) == []


@pytest.mark.sphinx("html", testroot="tables", freshenv=True)
def test_escaped_pipe_in_table_is_the_alias_separator(app: SphinxTestApp) -> None:
    app.build()
    html = main_content(app, "table")
    assert obsidian_links(html) == [("#", "Alias in a table"), (None, "Gone")]
    assert html.count("<td>") == 2


@pytest.mark.sphinx("html", testroot="unresolved", freshenv=True)
def test_unresolved_links_keep_their_text_and_warn(app: SphinxTestApp) -> None:
    app.build()
    assert obsidian_links(main_content(app, "note")) == [
        (None, "missing note"),
        (None, "an alias"),
        (None, "elsewhere &gt; Heading"),
    ]
    assert obsidian_warnings(app) == [
        "<src>/note.md:3: WARNING: unresolved link [[missing note]]: no note, page or alias "
        "named 'missing note' [obsidian.unresolved]",
        "<src>/note.md:3: WARNING: unresolved link [[Missing note|an alias]]: no note, page or "
        "alias named 'Missing note' [obsidian.unresolved]",
        "<src>/note.md:3: WARNING: unresolved link [[elsewhere#Heading]]: no note, page or alias "
        "named 'elsewhere' [obsidian.unresolved]",
    ]
    css = (app.outdir / "_static" / "obsidian.css").read_text()
    assert ".obsidian-unresolved" in css
    assert "_static/obsidian.css" in (app.outdir / "note.html").read_text()


@pytest.mark.sphinx("html", testroot="unresolved-suppressed", freshenv=True)
def test_suppress_warnings_silences_exactly_one_subtype(app: SphinxTestApp) -> None:
    app.build()
    assert obsidian_warnings(app) == [
        "<src>/note.md:3: WARNING: heading not found for link [[note#Nowhere]]: 'note' has no "
        "heading 'Nowhere'; linking to the note [obsidian.heading]"
    ]


@pytest.mark.sphinx("html", testroot="markdown-links", freshenv=True)
def test_markdown_links_to_notes_resolve_like_wikilinks(app: SphinxTestApp) -> None:
    app.build()
    html = main_content(app, "linker")
    assert obsidian_links(html) == [
        ("Some%20Note.html#my-heading", "encoded"),
        ("Some%20Note.html#my-heading", "slug"),
        ("Some%20Note.html", "no suffix"),
        (None, "missing"),
    ]
    assert 'href="#linker"' in html
    assert 'href="https://example.org/x.md"' in html
    assert obsidian_warnings(app) == [
        "<src>/linker.md:3: WARNING: unresolved link [missing](missing-note.md): no note, page "
        "or alias named 'missing-note.md' [obsidian.unresolved]"
    ]


@pytest.mark.sphinx("html", testroot="nested-directives", freshenv=True)
def test_links_inside_directives_lists_and_tables(app: SphinxTestApp) -> None:
    app.build()
    assert obsidian_links(main_content(app, "nested")) == [
        ("target.html", "inside a note"),
        ("target.html#part", "target &gt; Part"),
        ("target.html", "target"),
    ]
    assert warning_lines(app) == []


@pytest.mark.sphinx("html", testroot="wikilink-forms", freshenv=True, warningiserror=True)
def test_a_clean_vault_builds_with_warnings_as_errors(app: SphinxTestApp) -> None:
    app.build()
    assert (app.outdir / "forms.html").exists()


@pytest.mark.sphinx("html", testroot="link-text-markup", freshenv=True)
def test_link_text_may_hold_html_tags_and_roles(app: SphinxTestApp) -> None:
    app.build()
    html = main_content(app, "index")
    role_text = '<span class="xref std std-doc">Target</span>'
    assert obsidian_links(html) == [
        ("Target.html", '<span class="obsidian-link"><b>bold</b> words</span>'),
        (None, '<span class="obsidian-link"><plugin-id></span>'),
        ("Target.html", '<span class="obsidian-link"><!-- hidden -->shown</span>'),
        # links do not nest: a tag or a role in a link's text is that text, unlinked
        ("Target.html", "#not-a-tag"),
        ("Target.html", f'<span class="obsidian-link">{role_text}</span>'),
        ("Target.html", "Target"),
        ("Target.html", f'<span class="obsidian-link">{role_text}</span>'),
    ]
    assert "<p><b>loud</b> aside</p>" in html  # the inline footnote keeps its HTML
    assert "tags/" not in html  # the tag-like alias made no tag
    assert obsidian_warnings(app) == [
        "<src>/index.md:4: WARNING: unresolved link [[<plugin-id>|<plugin-id>]]: no note, page "
        "or alias named '<plugin-id>' [obsidian.unresolved]"
    ]


@pytest.mark.sphinx("html", testroot="dotted-names", freshenv=True)
def test_a_dot_in_a_note_name_is_not_a_file_extension(app: SphinxTestApp) -> None:
    app.build()
    html = main_content(app, "index")
    assert obsidian_links(html) == [
        ("Node.js.html", "Node.js"),
        ("Release%201.2.html#changes", "Release 1.2 &gt; Changes"),
        ("Node.js.html", "the runtime"),
        ("Release%201.2.html#changes", "Release 1.2 &gt; Changes"),  # the embed's header
    ]
    # a file of that exact name is a file: ``[[data.csv]]`` downloads it
    assert 'download="" href="_downloads/' in html and ">data.csv</a>" in html
    assert "<p>Faster start-up.</p>" in html  # the section of ``Release 1.2`` is embedded
    assert warning_lines(app) == []
