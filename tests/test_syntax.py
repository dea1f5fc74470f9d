"""The markdown-it rules on their own, without Sphinx (OFM-SPEC sections 1-3)."""

from __future__ import annotations

import pytest
from markdown_it import MarkdownIt
from mdit_py_plugins.dollarmath import dollarmath_plugin

from sphinxext.obsidian.syntax import (
    WikiLink,
    obsidian_plugin,
    parse_callout_marker,
    parse_wikilink,
)


def inline_children(source: str) -> list[tuple[str, str]]:
    """Every inline token (alias tokens after their link), as (type, content)."""
    md = MarkdownIt("commonmark").enable("table").use(dollarmath_plugin).use(obsidian_plugin)
    out = []

    def walk(tokens: list) -> None:  # type: ignore[type-arg]
        for token in tokens:
            out.append((token.type, token.content))
            if token.type == "wikilink":
                walk(token.children or [])

    for token in md.parse(source):
        walk(token.children or [])
    return out


def links(source: str) -> list[WikiLink]:
    md = MarkdownIt("commonmark").enable("table").use(dollarmath_plugin).use(obsidian_plugin)
    found = []
    for token in md.parse(source):
        for child in token.children or []:
            if child.type == "wikilink":
                found.append(child.meta["link"])
    return found


@pytest.mark.parametrize(
    ("inner", "expected"),
    [
        ("a", WikiLink("a")),
        ("a|alias", WikiLink("a", alias="alias")),
        ("a | Alias ", WikiLink("a", alias="Alias")),
        ("a|**bold** C#", WikiLink("a", alias="**bold** C#")),
        ("a|x|y", WikiLink("a", alias="x|y")),
        ("a#Heading", WikiLink("a", ("Heading",))),
        ("a#H1#H2", WikiLink("a", ("H1", "H2"))),
        ("a#^block-1", WikiLink("a", block="block-1")),
        ("#Heading", WikiLink("", ("Heading",))),
        ("#^quote_2", WikiLink("", block="quote_2")),
        ("folder/a", WikiLink("folder/a")),
        ("a.md", WikiLink("a.md")),
        ("a\\|alias", WikiLink("a", alias="alias")),
        ("a#", WikiLink("a")),
        ("Figure 1.png", WikiLink("Figure 1.png")),
    ],
)
def test_every_wikilink_form_parses(inner: str, expected: WikiLink) -> None:
    assert parse_wikilink(inner) == expected


@pytest.mark.parametrize(
    "inner", ["", "|", "|alias", "#", "a[b", "a]b", "a:b", "a^b", "a%%b", "a#^bad id", "a\nb"]
)
def test_invalid_targets_are_no_link(inner: str) -> None:
    assert parse_wikilink(inner) is None


@pytest.mark.parametrize(
    ("link", "text"),
    [
        (WikiLink("Plan"), "Plan"),
        (WikiLink("Projects/Plan.md"), "Projects/Plan"),
        (WikiLink("Plan", ("Budget",)), "Plan > Budget"),
        (WikiLink("Plan", ("A", "B")), "Plan > A > B"),
        (WikiLink("Plan", block="abc"), "Plan > ^abc"),
        (WikiLink("", ("Budget",)), "Budget"),
        (WikiLink("", block="abc"), "^abc"),
    ],
)
def test_display_text_without_alias(link: WikiLink, text: str) -> None:
    assert link.display_text == text


def test_alias_is_tokenised_as_markdown() -> None:
    assert inline_children("[[a|**bold** `c`]]") == [
        ("wikilink", ""),
        ("text", ""),
        ("strong_open", ""),
        ("text", "bold"),
        ("strong_close", ""),
        ("text", " "),
        ("code_inline", "c"),
    ]


def test_alias_is_trimmed() -> None:
    assert inline_children("[[a | Spaced alias ]],") == [
        ("wikilink", ""),
        ("text", "Spaced alias"),
        ("text", ","),
    ]


@pytest.mark.parametrize(
    "source",
    [
        "`[[x]]`",
        "```\n[[x]]\n```",
        "    [[x]] indented code",
        "$[[x]]$",
        "$$\n[[x]]\n$$",
        "<div>\n[[x]]\n</div>",
        "\\[[x]]",
        "[[unclosed",
        "[[]] and [[|]]",
        "[[a\nb]]",
    ],
)
def test_no_link_inside_code_math_html_or_invalid(source: str) -> None:
    assert links(source) == []


def test_link_inside_table_cell_with_escaped_pipe() -> None:
    source = "| a | b |\n|---|---|\n| [[Note\\|Alias]] | x |\n"
    assert links(source) == [WikiLink("Note", alias="Alias")]
    cells = [content for kind, content in inline_children(source) if kind == "text"]
    assert "x" in cells  # the pipe inside the link did not split the row


def test_links_never_nest() -> None:
    kinds = [kind for kind, _ in inline_children("[see [[x]]](https://example.org)")]
    assert not ("link_open" in kinds and "wikilink" in kinds)
    # an alias is link text: a ``[[`` inside it is not a second link
    assert links("[[a|[[b]]]]") == [WikiLink("a", alias="[[b")]


def test_embed_is_marked() -> None:
    assert links("![[pic.png|300]]") == [WikiLink("pic.png", alias="300", embed=True)]


@pytest.mark.parametrize(
    ("source", "block_id", "own_line"),
    [
        ("Some text ^quote-1", "quote-1", False),
        ("Some text\n^own", "own", True),
        ("^alone", "alone", True),
        ("![[pic.png]]^fig", "fig", False),
        ("text [[a]] ^after-link", "after-link", False),
    ],
)
def test_block_ids_are_recognised(source: str, block_id: str, own_line: bool) -> None:
    children = inline_children(source)
    marker = [c for c in children if c[0] == "obsidian_block_id"]
    assert len(marker) == 1
    md = MarkdownIt("commonmark").use(obsidian_plugin)
    tokens = [c for t in md.parse(source) for c in (t.children or [])]
    meta = next(t.meta for t in tokens if t.type == "obsidian_block_id")
    assert meta == {"id": block_id, "own_line": own_line}
    assert "^" not in "".join(content for kind, content in children if kind == "text")


@pytest.mark.parametrize(
    "source", ["text^nospace", "`code ^x`", "text \\^escaped", "a ^bad!", "# Heading ^x"]
)
def test_not_block_ids(source: str) -> None:
    assert [c for c in inline_children(source) if c[0] == "obsidian_block_id"] == []


def test_many_unclosed_openers_stay_text() -> None:
    source = "[[" * 20_000
    assert links(source) == []


def block_types(source: str) -> list[str]:
    md = MarkdownIt("commonmark").enable("table").use(obsidian_plugin)
    return [token.type for token in md.parse(source) if token.nesting == 1]


@pytest.mark.parametrize(
    "source",
    [
        "> [!]\n> x",
        "> [!note\n> x",
        "> [!a b]\n> x",
        "> text\n> [!note] second line",
        "> \\[!note]",
    ],
)
def test_bad_callout_markers_stay_quotes(source: str) -> None:
    kinds = block_types(source)
    assert "callout_open" not in kinds
    assert kinds[0] == "blockquote_open"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("[!note]", ("note", "", "", "")),
        ("[!NOTE]", ("NOTE", "", "", "")),
        ("[!faq]- Why?", ("faq", "", "closed", "Why?")),
        ("[!tip]+ Open", ("tip", "", "open", "Open")),
        ("[!info|wide red] Title", ("info", "wide red", "", "Title")),
        ("[!my-type_2]", ("my-type_2", "", "", "")),
    ],
)
def test_callout_markers(line: str, expected: tuple[str, str, str, str]) -> None:
    marker = parse_callout_marker(line)
    assert marker is not None
    assert (marker.type, marker.metadata, marker.fold, marker.title) == expected


def test_deeply_nested_quotes_and_many_callouts_parse() -> None:
    nested = ">" * 1000 + " [!note] deep\n"
    kinds = block_types(nested)
    assert kinds.count("callout_open") <= 1  # markdown-it caps nesting; no error, no hang
    many = "\n".join(f"> [!tip] Title {i}\n> body\n" for i in range(300))
    assert block_types(many).count("callout_open") == 300


@pytest.mark.parametrize(
    "source", [">a|b\n>-|-\n>", ">`|||\n>-|-|-\n>", "text %%\nhidden\n%% shown"]
)
def test_odd_endings_and_comments_with_myst_block_rules(source: str) -> None:
    # MyST's block rules read past the end of a last line with no line break
    # inside a quoted table; a comment's closing ``%%`` at a line's start is
    # Obsidian's, not a MyST ``%`` comment line
    from myst_parser.config.main import MdParserConfig
    from myst_parser.mdit_to_docutils.base import DocutilsRenderer
    from myst_parser.parsers.mdit import create_md_parser

    md = create_md_parser(MdParserConfig(), DocutilsRenderer)
    md.use(obsidian_plugin)
    tokens = md.parse(source, {})
    if "%%" in source:
        inline = next(t for t in tokens if t.type == "inline")
        assert [c.content for c in inline.children or [] if c.type == "text"] == ["text  shown"]
    else:
        assert [t.type for t in tokens][:2] == ["blockquote_open", "table_open"]
