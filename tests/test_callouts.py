"""Callouts become admonitions in every builder (OFM-SPEC section 5)."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import myst_parser
import pytest
from docutils import nodes
from sphinx.testing.util import SphinxTestApp

from sphinxext.obsidian.assets import EARLY_FOLDING
from sphinxext.obsidian.nodes import callout

from .conftest import main_content, obsidian_links, warning_lines


def callouts(app: SphinxTestApp, docname: str) -> list[callout]:
    return list(app.env.get_doctree(docname).findall(callout))


def summary(node: callout) -> tuple[str, str, list[str]]:
    """(canonical type, title text, classes) of a callout node."""
    return node["callout_type"], node[0].astext(), node["classes"]


@pytest.mark.sphinx("html", testroot="callout-types", freshenv=True)
def test_every_type_and_alias_maps_to_its_canonical_type(app: SphinxTestApp) -> None:
    app.build()
    found = [(n["callout_written"], n["callout_type"]) for n in callouts(app, "types")]
    assert found == [
        ("note", "note"), ("abstract", "abstract"), ("summary", "abstract"),
        ("tldr", "abstract"), ("info", "info"), ("todo", "todo"), ("tip", "tip"),
        ("hint", "tip"), ("important", "tip"), ("success", "success"),
        ("check", "success"), ("done", "success"), ("question", "question"),
        ("help", "question"), ("faq", "question"), ("warning", "warning"),
        ("caution", "warning"), ("attention", "warning"), ("failure", "failure"),
        ("fail", "failure"), ("missing", "failure"), ("danger", "danger"),
        ("error", "danger"), ("bug", "bug"), ("example", "example"), ("quote", "quote"),
        ("cite", "quote"), ("NOTE", "note"), ("Tip", "tip"), ("my-type", "note"),
        ("faq", "question"),
    ]  # fmt: skip
    nodes_ = callouts(app, "types")
    assert nodes_[0]["classes"] == ["callout", "callout-note", "note"]
    assert nodes_[16]["classes"] == ["callout", "callout-warning", "caution", "warning"]
    assert nodes_[22]["classes"] == ["callout", "callout-danger", "error", "danger"]
    assert nodes_[29]["classes"] == ["callout", "callout-note", "my-type", "note"]
    assert nodes_[30]["classes"] == ["callout", "callout-question", "faq", "wide", "caution"]
    assert nodes_[30]["metadata"] == "wide"
    html = main_content(app, "types")
    assert html.count('<div class="callout ') == 31
    # ``data-callout`` keeps the type as written, for users' CSS snippets
    assert (
        '<div class="callout callout-question help caution admonition" data-callout="help">'
    ) in html
    assert "[!" not in html
    assert warning_lines(app) == []


@pytest.mark.sphinx("html", testroot="callout-titles", freshenv=True)
def test_titles_render_markdown_and_default_to_the_type(app: SphinxTestApp) -> None:
    app.build()
    titles = [summary(n)[1] for n in callouts(app, "titles")]
    assert titles == [
        "A bold title with code and a link",
        "My type",
        "Title only",
        "Faq",  # the type in title case, as Obsidian titles ``[!FAQ]``
    ]
    html = main_content(app, "titles")
    assert (
        '<p class="admonition-title"><span class="callout-title-inner">A <strong>bold</strong> '
        'title with <code class="docutils literal notranslate"><span class="pre">code</span>'
        '</code> and <a class="obsidian-link obsidian-preview reference internal" '
        'href="other.html">a link</a>'
        "</span></p>"
    ) in html
    assert (
        '<div class="callout callout-question faq caution admonition" data-callout="faq">'
    ) in html
    title_only = callouts(app, "titles")[2]
    assert len(title_only.children) == 1
    assert warning_lines(app) == []


@pytest.mark.sphinx("html", testroot="callout-folding", freshenv=True)
def test_foldable_callouts_are_the_themes_admonitions_marked_for_folding(
    app: SphinxTestApp,
) -> None:
    app.build()
    assert [n["fold"] for n in callouts(app, "folding")] == ["closed", "open", ""]
    html = main_content(app, "folding")
    assert (
        '<div class="callout callout-question faq caution callout-foldable admonition" '
        'data-callout="faq" data-callout-fold="-">\n'
        '<p class="admonition-title"><span class="callout-title-inner">Collapsed by '
        "default</span></p>\n"
        "<p>Hidden until opened.</p>\n</div>"
    ) in html
    assert (
        '<div class="callout callout-tip tip callout-foldable admonition" '
        'data-callout="tip" data-callout-fold="+">'
    ) in html
    assert '<div class="callout callout-note note admonition" data-callout="note">' in html
    assert "<details" not in html
    page = (Path(app.outdir) / "folding.html").read_text(encoding="utf-8")
    assert '<script defer="defer" src="_static/obsidian.js' in page
    assert "obsidian-callouts.css" not in page
    # folded from the first moment: the head marks the page before its body is shown
    head = page[: page.index("</head>")]
    assert f"<script>{EARLY_FOLDING}</script>" in head


@pytest.mark.sphinx(
    "html",
    testroot="callout-folding",
    freshenv=True,
    confoverrides={"obsidian_callout_style": "obsidian"},
)
def test_in_obsidians_style_foldable_callouts_are_details_elements(app: SphinxTestApp) -> None:
    app.build()
    html = main_content(app, "folding")
    assert (
        '<details class="callout callout-question faq caution callout-foldable admonition" '
        'data-callout="faq" data-callout-fold="-">\n'
        '<summary class="admonition-title"><span class="callout-title-inner">Collapsed by '
        "default</span></summary>\n"
        "<p>Hidden until opened.</p>\n</details>"
    ) in html
    assert (
        '<details class="callout callout-tip tip callout-foldable admonition" '
        'data-callout="tip" data-callout-fold="+" open="open">'
    ) in html
    page = (Path(app.outdir) / "folding.html").read_text(encoding="utf-8")
    assert 'href="_static/obsidian-callouts.css' in page
    assert "obsidian.js" not in page
    assert "obsidian-folds" not in page


def test_each_type_looks_like_the_themes_admonition_of_its_kind() -> None:
    from sphinxext.obsidian.callouts import CANONICAL_TYPES, THEME_CLASSES, callout_node

    assert list(THEME_CLASSES) == list(CANONICAL_TYPES)
    for canonical, themed in THEME_CLASSES.items():
        classes = callout_node(canonical)["classes"]
        assert classes[:2] == ["callout", f"callout-{canonical}"]
        assert (themed in classes) if themed else classes == ["callout", "callout-quote", "quote"]


@pytest.mark.sphinx("html", testroot="callout-nesting", freshenv=True)
def test_nesting_lists_code_tables_and_block_ids(app: SphinxTestApp) -> None:
    app.build()
    found = callouts(app, "nesting")
    assert [summary(n)[1] for n in found] == [
        "Outer", "Inner", "Innermost", "In a list", "With Markdown inside", "Named by a block id",
    ]  # fmt: skip
    outer, inner, innermost = found[:3]
    assert inner.parent is outer and innermost.parent is inner
    assert isinstance(found[3].parent, nodes.list_item)
    body = found[4]
    assert [type(c).__name__ for c in body.children] == [
        "title",
        "literal_block",
        "table",
        "bullet_list",
    ]
    assert body.children[1].astext().rstrip() == 'print("[[not a link]]")'
    assert obsidian_links(main_content(app, "nesting")) == [("target.html", "cell link")]
    sample = list(app.env.get_doctree("nesting").findall(nodes.literal_block))[1]
    assert sample.astext().rstrip() == "> [!note] A code sample\n> stays verbatim"
    assert "block-the-callout" in found[5]["ids"]
    assert warning_lines(app) == []


@pytest.mark.sphinx("html", testroot="callout-directive", freshenv=True)
def test_directive_builds_the_same_node_in_rst_and_myst(app: SphinxTestApp) -> None:
    app.build()
    from_rst = callouts(app, "page")
    from_myst_directive, from_syntax = callouts(app, "note")

    def shape(node: callout) -> tuple[object, ...]:
        title = node[0]
        return (
            type(node), node["classes"], node["callout_type"], node["fold"],
            [type(c).__name__ for c in title.children], title.astext(),
        )  # fmt: skip

    assert shape(from_rst[0]) == shape(from_myst_directive) == shape(from_syntax)
    assert summary(from_rst[1])[:2] == ("question", "Faq")
    for page in ("page", "note"):
        assert (
            '<p class="admonition-title"><span class="callout-title-inner">Mind the '
            "<strong>gap</strong></span></p>" in (main_content(app, page))
        )
    assert warning_lines(app) == []


@pytest.mark.sphinx("html", testroot="callout-alerts", freshenv=True)
def test_github_alerts_are_callouts(app: SphinxTestApp) -> None:
    app.build()
    assert [summary(n)[:2] for n in callouts(app, "alerts")] == [
        ("note", "Note"),
        ("warning", "Warning"),
        ("tip", "Folded"),
    ]


@pytest.mark.skipif(
    int(myst_parser.__version__.split(".")[0]) < 5, reason="MyST-Parser 4 has no alert extension"
)
@pytest.mark.sphinx(
    "html",
    testroot="callout-alerts",
    freshenv=True,
    confoverrides={"myst_enable_extensions": ["alert"]},
)
def test_github_alerts_are_the_same_with_mysts_alert_extension(app: SphinxTestApp) -> None:
    app.build()
    assert [summary(n)[:2] for n in callouts(app, "alerts")] == [
        ("note", "Note"),
        ("warning", "Warning"),
        ("tip", "Folded"),
    ]
    assert "markdown-alert" not in main_content(app, "alerts")


@pytest.mark.parametrize("builder", ["latex", "epub", "text", "man"])
def test_every_builder_shows_callouts_open_with_their_title(build_copy, builder: str) -> None:  # type: ignore[no-untyped-def]
    app = build_copy("callout-folding", builder)
    assert warning_lines(app) == []
    out = Path(app.outdir)
    if builder == "latex":
        text = next(out.glob("*.tex")).read_text()
        assert r"\begin{sphinxadmonition}{note}{Collapsed by default}" in text
        assert r"\begin{sphinxadmonition}{tip}{Expanded by default}" in text
        assert "Hidden until opened." in text
    elif builder == "epub":
        with zipfile.ZipFile(next(out.glob("*.epub"))) as book:
            text = book.read("folding.xhtml").decode()
        assert "<details" not in text
        assert (
            '<p class="admonition-title"><span class="callout-title-inner">Collapsed by '
            "default</span></p>" in text
        )
        # no script in a book: nothing that would fold, early or late
        assert "obsidian-folds" not in text
    elif builder == "text":
        text = (out / "folding.txt").read_text()
        assert re.search(r"Collapsed by default:?\s+Hidden until opened\.", text)
    else:
        text = next(out.glob("*.1")).read_text()
        assert "Collapsed by default" in text and "Hidden until opened." in text
