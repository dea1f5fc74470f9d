"""Notes read as in Obsidian's reading view: embeds, line breaks, strikethrough,
app links, code fences, callout titles and types, link previews (OFM-SPEC).

Each root is built once per module, from a copy, and the tests read it."""

from __future__ import annotations

import json
import re
from collections.abc import Callable

import pytest
from docutils import nodes
from sphinx.testing.util import SphinxTestApp

from sphinxext.obsidian.nodes import rule

from .conftest import main_content, obsidian_warnings, warning_lines


@pytest.fixture(scope="module")
def embeds(built_root: Callable[..., SphinxTestApp]) -> SphinxTestApp:
    return built_root("embed-reading-view")


def test_a_section_of_the_same_note_is_embedded(embeds: SphinxTestApp) -> None:
    page = main_content(embeds, "Harvest")
    # once as written, then once for each of the two embeds of it
    assert page.count("Grain output fell in the second year.") == 3


def test_only_a_section_holding_its_own_embed_is_a_cycle(embeds: SphinxTestApp) -> None:
    cycles = [w for w in obsidian_warnings(embeds) if "embed_cycle" in w]
    assert cycles == [
        "<src>/Harvest.md:15: WARNING: embed ![[#Loop]] not expanded: a cycle "
        "(Harvest > Harvest#loop) [obsidian.embed_cycle]"
    ]


def test_a_folded_callout_stays_folded_in_an_embed(embeds: SphinxTestApp) -> None:
    page = main_content(embeds, "Reader")
    assert re.search(
        r'<div class="callout callout-question[^"]*" [^>]*data-callout-fold="-">', page
    )


def test_an_embedded_note_shows_no_properties(embeds: SphinxTestApp) -> None:
    assert "draft-free" in main_content(embeds, "Commune")
    assert "draft-free" not in main_content(embeds, "Reader")


def test_a_block_embed_is_headed_by_its_note(embeds: SphinxTestApp) -> None:
    headers = re.findall(
        r'<p class="obsidian-embed-source">(.*?)</p>', main_content(embeds, "Reader")
    )
    assert headers == [
        '<a class="obsidian-link obsidian-preview reference internal" '
        'href="Commune.html">Commune</a>',
        '<a class="obsidian-link obsidian-preview reference internal" '
        'href="Commune.html#block-kitchens">Commune</a>',
    ]


def test_a_broken_link_in_an_embedded_note_is_reported_once(embeds: SphinxTestApp) -> None:
    broken = [w for w in obsidian_warnings(embeds) if "Nowhere at all" in w]
    assert broken == [
        "<src>/Commune.md:12: WARNING: unresolved link [[Nowhere at all]]: no note, page "
        "or alias named 'Nowhere at all' [obsidian.unresolved]"
    ]


@pytest.fixture(scope="module")
def breaks(built_root: Callable[..., SphinxTestApp]) -> SphinxTestApp:
    return built_root("every-writer")


def test_a_rule_anywhere_is_drawn_without_a_warning(breaks: SphinxTestApp) -> None:
    page = main_content(breaks, "Interview")
    # in a callout, and at the end of the note, as Obsidian draws them
    assert '<p>First part.</p>\n<hr class="docutils" />\n<p>Second part.</p>' in page
    last = list(breaks.env.get_doctree("Interview").findall(nodes.section))[-1]
    assert isinstance(last[-1], rule)
    assert not [w for w in warning_lines(breaks) if "transition" in w.lower()]


def test_a_newline_in_a_paragraph_is_a_line_break(breaks: SphinxTestApp) -> None:
    page = main_content(breaks, "Interview")
    assert "<p>What fell in the second year?<br />\nGrain output, by a third.</p>" in page
    assert "<p>alpha<br />\nomega</p>" in page
    assert "The brigade<br />\nand the commune" in page


@pytest.mark.parametrize(
    ("builder", "output", "expected"),
    [
        (
            "text",
            "Interview.txt",
            [
                "second year?\nGrain output, by a third.\n",
                "\nalpha\nomega\n",
                "was ~~doubled~~",
                # nothing before the line has begun; the note's label stays first
                "\nText after an anchor.\n",
                "Note:\n\n  First line of the note. Second line of the note.",
            ],
        ),
        (
            "man",
            "python.1",
            ["second year?\n.br\nGrain output", "alpha\n.br\nomega", "was ~~doubled~~ revised"],
        ),
        (
            "latex",
            "python.tex",
            [
                "second year?\\newline{}\nGrain output",
                "alpha\\newline{}\nomega",
                "was \\sout{doubled} revised",
                "\\usepackage[normalem]{ulem}",
                # a break in a heading is a space (LaTeX copies titles into bookmarks)
                "\\section{Before after}",
                # no line to end after an anchor that LaTeX does not write
                "\nText after an anchor.",
            ],
        ),
        (
            "texinfo",
            "python.texi",
            [
                "second year?@*\nGrain output",
                "alpha@*\nomega",
                "was ~~doubled~~ revised",
                # a heading without text still makes a node
                "@section id1",
                "@section Before after",
            ],
        ),
    ],
)
def test_line_breaks_and_strikethrough_in_every_writer(
    built_root: Callable[..., SphinxTestApp], builder: str, output: str, expected: list[str]
) -> None:
    app = built_root("every-writer", builder, project="python")
    written = (app.outdir / output).read_text(encoding="utf-8")
    assert [text for text in expected if text not in written] == []


def test_a_line_break_in_a_heading_keeps_its_words_apart(breaks: SphinxTestApp) -> None:
    assert '<section id="before-after">' in main_content(breaks, "Interview")


def test_an_epubs_contents_list_the_notes(built_root: Callable[..., SphinxTestApp]) -> None:
    app = built_root("every-writer", "epub", version="1", copyright="2026")
    contents = (app.outdir / "toc.ncx").read_text(encoding="utf-8")
    assert "<text>Interview</text>" in contents


def test_strict_line_breaks_join_the_lines(built_root: Callable[..., SphinxTestApp]) -> None:
    app = built_root("every-writer", obsidian_strict_line_breaks=True)
    page = main_content(app, "Interview")
    assert "<p>What fell in the second year?\nGrain output, by a third.</p>" in page
    assert "<p>alpha<br />\nomega</p>" in page  # ``<br>`` is a break either way


@pytest.fixture(scope="module")
def reading(built_root: Callable[..., SphinxTestApp]) -> SphinxTestApp:
    return built_root("reading-view")


def test_strikethrough_is_struck(reading: SphinxTestApp) -> None:
    page = main_content(reading, "Ledger")
    assert 'was <del class="obsidian-strikethrough">doubled</del> revised' in page


def test_links_to_applications_are_external(reading: SphinxTestApp) -> None:
    page = main_content(reading, "Ledger")
    assert (
        '<a class="reference external" href="obsidian://show-plugin?id=obsidian-importer">'
        "Importer</a>" in page
    )
    assert '<a class="reference external" href="zotero://select/items/ABC123">' in page
    assert not [w for w in warning_lines(reading) if "xref_missing" in w and "zotero" in w]
    assert not [w for w in warning_lines(reading) if "obsidian://" in w]


def test_fences_in_unknown_languages_are_plain_code(reading: SphinxTestApp) -> None:
    page = main_content(reading, "Ledger")
    assert '<div class="obsidian-language-dataviewjs highlight-none notranslate">' in page
    assert '<div class="highlight-python notranslate">' in page
    # Quarto's and R Markdown's ``{r}`` fences are code, not unknown directives
    assert '<div class="highlight-r notranslate">' in page
    assert not [w for w in warning_lines(reading) if "directive" in w]
    # code its lexer stumbles on (JSON with bare keys) is highlighted as far as it goes
    assert '<div class="highlight-json notranslate">' in page
    assert not [w for w in warning_lines(reading) if "highlighting_failure" in w]


def test_an_image_of_a_web_page_is_a_link(reading: SphinxTestApp) -> None:
    page = main_content(reading, "Ledger")
    # an address for an application: no builder could fetch a picture there
    assert (
        '<a class="obsidian-web-embed reference external" '
        'href="obsidian://open?file=map.png">vault file</a>'
    ) in page
    tweet = "https://twitter.com/obsdmd/status/1580548874246443010"
    assert f'<a class="obsidian-web-embed reference external" href="{tweet}">{tweet}</a>' in page
    assert (
        '<a class="obsidian-web-embed reference external" href="https://example.org/minutes.html">'
        "Minutes of the meeting</a>"
    ) in page
    # an address without an extension may well be a picture
    assert '<img alt="badge" src="https://img.shields.io/badge/vault-ok-green" />' in page


def test_markdown_links_of_an_embedded_note_resolve_in_the_page(embeds: SphinxTestApp) -> None:
    # the page itself has no Markdown link; the note it embeds does
    assert 'href="moves/Strike.html">strike</a>' in main_content(embeds, "Second")
    assert not [w for w in warning_lines(embeds) if "xref_missing" in w]


def test_an_image_whose_path_leads_nowhere_is_found_by_its_name(reading: SphinxTestApp) -> None:
    assert '<img alt="A map" src="_images/Map%20of%20the%20province.png" />' in main_content(
        reading, "Ledger"
    )
    assert not [w for w in warning_lines(reading) if "not_readable" in w]


def test_a_markdown_link_to_a_file_finds_it_by_name(reading: SphinxTestApp) -> None:
    page = main_content(reading, "Ledger")
    assert re.search(
        r'<a class="obsidian-link reference download internal" download="" '
        r'href="_downloads/\w+/minutes.pdf">the minutes</a>',
        page,
    )


def test_an_empty_markdown_link_shows_its_text(reading: SphinxTestApp) -> None:
    assert '<span class="obsidian-link obsidian-unresolved">CSSE</span>' in main_content(
        reading, "Ledger"
    )
    assert [w for w in warning_lines(reading) if "CSSE" in w] == [
        "<src>/Ledger.md:29: WARNING: link [CSSE]() names nothing; its text is shown "
        "[obsidian.unresolved]"
    ]


def test_a_link_from_the_top_of_the_vault_finds_the_vault_in_a_folder(
    reading: SphinxTestApp,
) -> None:
    # the vault is the ``garden`` folder of the project: ``/reference/Config`` is in it
    assert (
        '<a class="obsidian-link obsidian-preview reference internal" '
        'href="garden/reference/Config.html">'
        "the settings</a>" in main_content(reading, "Ledger")
    )


def test_a_markdown_link_whose_path_leads_nowhere_finds_the_note_by_name(
    reading: SphinxTestApp,
) -> None:
    page = main_content(reading, "Ledger")
    for text in ("Combat Bot", "bot"):
        assert (
            '<a class="obsidian-link obsidian-preview reference internal" '
            f'href="garden/companions/Combat_Bot.html">{text}</a>'
        ) in page


def test_an_anchor_written_as_obsidian_writes_it_finds_its_heading_or_block(
    reading: SphinxTestApp,
) -> None:
    page = main_content(reading, "Ledger")
    assert page.count('<a class="obsidian-link reference internal" href="#suffer-moves">') == 2
    assert '<a class="obsidian-link reference internal" href="#block-links">' in page
    assert not [w for w in warning_lines(reading) if "xref_missing" in w]
    # one the note does not have links to the note, with a wikilink's warning
    assert '<a class="obsidian-link reference internal" href="#ledger">nowhere</a>' in page
    assert [w for w in warning_lines(reading) if "Nowhere-Here" in w] == [
        "<src>/Ledger.md:41: WARNING: heading not found for link [nowhere](#Nowhere-Here): "
        "this note has no heading 'Nowhere-Here'; linking to the note [obsidian.heading]"
    ]


def test_a_notes_aliases_find_it_in_the_search(reading: SphinxTestApp) -> None:
    index = (reading.outdir / "searchindex.js").read_text(encoding="utf-8")
    terms = json.loads(index[index.index("(") + 1 : index.rindex(")")])["terms"]
    docnames = json.loads(index[index.index("(") + 1 : index.rindex(")")])["docnames"]
    commune = docnames.index("Commune")
    for word in ("xiafang", "sent"):
        found = terms[word]
        assert (word, found) == (word, commune)
    # the page that embeds the note is not found by the note's aliases
    found = terms["xiafang"]
    assert found == commune
