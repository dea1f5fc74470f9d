"""Backlinks: "Linked mentions" at the end of each note (OFM-SPEC section 8, issue 5)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from sphinx.testing.util import SphinxTestApp

from .conftest import backlinks, obsidian_warnings


def test_each_note_lists_the_pages_linking_to_it(built_root: Callable[..., SphinxTestApp]) -> None:
    app = built_root("backlinks")
    assert backlinks(app, "beta") == [
        ("alpha.html", "Alpha note"),
        ("gamma.html", "Gamma"),
        ("page.html", "Page"),
    ]
    assert backlinks(app, "alpha") == [("beta.html", "Beta")]
    assert backlinks(app, "gamma") == []
    assert backlinks(app, "page") == []  # reStructuredText pages are not notes
    html = (Path(app.outdir) / "beta.html").read_text()
    assert '<p class="rubric">Linked mentions</p>' in html


def test_heading_is_configurable(built_root: Callable[..., SphinxTestApp]) -> None:
    app = built_root("backlinks", obsidian_backlinks_heading="Backlinks")
    assert '<p class="rubric">Backlinks</p>' in (Path(app.outdir) / "beta.html").read_text()


def test_backlinks_can_be_switched_off(built_root: Callable[..., SphinxTestApp]) -> None:
    app = built_root("backlinks", obsidian_backlinks=False)
    assert "obsidian-backlinks" not in (Path(app.outdir) / "beta.html").read_text()


def test_incremental_builds_rewrite_pages_whose_backlinks_change(
    copy_root: Callable[[str], Path],
    build,  # type: ignore[no-untyped-def]
) -> None:
    src = copy_root("backlinks")
    build(src)
    gamma = src / "gamma.md"
    gamma.write_text("# Gamma\n\n![[beta#Part]] and a link to [[alpha]].\n", encoding="utf-8")
    second = build(src)
    assert second.documents_read == ["gamma"]  # type: ignore[attr-defined]
    assert backlinks(second, "alpha") == [("beta.html", "Beta"), ("gamma.html", "Gamma")]
    gamma.write_text("# Gamma\n\nNo links any more.\n", encoding="utf-8")
    third = build(src)
    assert backlinks(third, "alpha") == [("beta.html", "Beta")]
    assert backlinks(third, "beta") == [("alpha.html", "Alpha note"), ("page.html", "Page")]


def test_parallel_build_gives_the_same_backlinks(
    copy_root: Callable[[str], Path],
    build,  # type: ignore[no-untyped-def]
) -> None:
    src = copy_root("backlinks")
    serial_app = build(src, freshenv=True)
    serial = {doc: backlinks(serial_app, doc) for doc in ("alpha", "beta")}
    parallel_app = build(src, freshenv=True, parallel=2)
    assert {doc: backlinks(parallel_app, doc) for doc in ("alpha", "beta")} == serial


def test_heading_and_titles_are_escaped(built_root: Callable[..., SphinxTestApp]) -> None:
    app = built_root("backlinks", obsidian_backlinks_heading="<b>Mentions</b>")
    html = (Path(app.outdir) / "beta.html").read_text()
    assert '<p class="rubric">&lt;b&gt;Mentions&lt;/b&gt;</p>' in html
    assert "<b>Mentions</b>" not in html


# -- the words around each mention ---------------------------------------------------


def _mentions(app: SphinxTestApp, docname: str, kind: str) -> list[tuple[str, list[str]]]:
    """``(linking page, [mention as HTML, ...])`` of a list of mentions."""
    html = (Path(app.outdir) / f"{docname}.html").read_text(encoding="utf-8")
    block = re.search(rf'<div class="{kind}">.*?</div>', html, re.DOTALL)
    if block is None:
        return []
    found = []
    for item in re.finditer(
        r'<li><p><a [^>]*>([^<]*)</a></p>(?:\n<ul class="obsidian-mentions">(.*?)</ul>)?</li>',
        block.group(0),
    ):
        said = re.findall(r'<li class="obsidian-mention">(.*?)</li>', item.group(2) or "")
        found.append((item.group(1), said))
    return found


def test_each_linked_mention_shows_its_sentence_with_the_link_marked(
    built_root: Callable[..., SphinxTestApp],
) -> None:
    app = built_root("mentions")
    assert _mentions(app, "Commune", "obsidian-backlinks") == [
        (
            "Canteens",
            [
                # the sentence around the link, not the paragraph
                "Each <mark>Commune</mark> ran its own kitchen, and meals were free!",
                # a list item is shown whole
                "The kitchens of a <mark>commune</mark> fed a whole village. The item goes on.",
            ],
        ),
        (
            "Harvest",
            [
                # a long sentence is cut at a word, 160 characters each side at most;
                # the embed of the note below it has no words around it
                "…their neighbours were punished and those who reported more were praised "
                "and copied across the whole country, so that the quotas rose with every "
                "report and the <mark>Commune</mark> had to deliver grain it had never grown",
            ],
        ),
        # the words around a link in bold are the whole sentence's
        ("Rations", ["Grain for each <mark>Commune</mark> was weighed at the gate."]),
    ]


def test_two_links_in_one_sentence_are_two_mentions_and_lines_join(
    built_root: Callable[..., SphinxTestApp],
) -> None:
    app = built_root("mentions")
    sentence = "The word commune inside code commune or a {} is not a mention of the {}."
    assert _mentions(app, "Canteens", "obsidian-backlinks") == [
        (
            "Harvest",
            [
                sentence.format("<mark>link to the canteens</mark>", "Canteens"),
                sentence.format("link to the canteens", "<mark>Canteens</mark>"),
            ],
        ),
        # a line break inside a sentence is a space, and ends no sentence
        ("Rations", ["Ration books listed the <mark>Canteens</mark> by the week."]),
    ]


def test_unlinked_mentions_are_off_by_default(built_root: Callable[..., SphinxTestApp]) -> None:
    app = built_root("mentions")
    html = (Path(app.outdir) / "Commune.html").read_text(encoding="utf-8")
    assert "obsidian-unlinked-mentions" not in html


def test_unlinked_mentions_find_the_title_and_aliases_in_plain_text(
    built_root: Callable[..., SphinxTestApp],
) -> None:
    app = built_root("mentions", obsidian_unlinked_mentions=True)
    sentence = "By 1961 the {} kitchens had closed; the {} remained on paper."
    assert _mentions(app, "Commune", "obsidian-backlinks obsidian-unlinked-mentions") == [
        (
            "Canteens",
            [
                sentence.format("<mark>commune</mark>", "people\u2019s commune"),
                # an alias, the longest name where names overlap
                sentence.format("commune", "<mark>people\u2019s commune</mark>"),
            ],
        ),
        (
            "Harvest",
            # not inside code, nor inside links
            [
                "The word <mark>commune</mark> inside code commune or a link to the canteens "
                "is not a mention of the Canteens."
            ],
        ),
    ]
    # a note's own text never mentions it; text inside links is no unlinked mention
    assert _mentions(app, "Canteens", "obsidian-backlinks obsidian-unlinked-mentions") == []
    assert obsidian_warnings(app) == []


def test_the_words_around_links_can_be_switched_off(
    built_root: Callable[..., SphinxTestApp],
) -> None:
    app = built_root("mentions", obsidian_backlinks_context=False)
    assert _mentions(app, "Commune", "obsidian-backlinks") == [
        ("Canteens", []),
        ("Harvest", []),
        ("Rations", []),
    ]


def test_a_changed_sentence_rewrites_the_page_it_mentions(
    copy_root: Callable[[str], Path],
    build,  # type: ignore[no-untyped-def]
) -> None:
    src = copy_root("mentions")
    build(src)
    canteens = src / "Canteens.md"
    canteens.write_text("# Canteens\n\nEvery [[Commune]] closed its kitchen.\n", encoding="utf-8")
    second = build(src)
    assert second.documents_read == ["Canteens"]  # type: ignore[attr-defined]
    assert _mentions(second, "Commune", "obsidian-backlinks")[0] == (
        "Canteens",
        ["Every <mark>Commune</mark> closed its kitchen."],
    )


def test_a_build_by_another_builder_in_between_hides_no_change(
    copy_root: Callable[[str], Path],
    build,  # type: ignore[no-untyped-def]
) -> None:
    src = copy_root("mentions")
    build(src)
    canteens = src / "Canteens.md"
    canteens.write_text("# Canteens\n\nEvery [[Commune]] closed its kitchen.\n", encoding="utf-8")
    build(src, "text")  # the same doctrees: the text build reads the change first
    html = build(src)
    assert _mentions(html, "Commune", "obsidian-backlinks")[0] == (
        "Canteens",
        ["Every <mark>Commune</mark> closed its kitchen."],
    )


def test_a_retitled_page_is_retitled_in_unlinked_mentions(
    copy_root: Callable[[str], Path],
    build,  # type: ignore[no-untyped-def]
) -> None:
    src = copy_root("mentions")
    conf = {"obsidian_unlinked_mentions": True}
    build(src, confoverrides=conf)
    harvest = src / "Harvest.md"
    harvest.write_text(
        harvest.read_text(encoding="utf-8").replace("# Harvest", "# The harvest"), encoding="utf-8"
    )
    again = build(src, confoverrides=conf)
    assert "Commune" not in again.documents_read  # type: ignore[attr-defined]
    assert [
        page
        for page, _ in _mentions(again, "Commune", "obsidian-backlinks obsidian-unlinked-mentions")
    ] == [
        "Canteens",
        "The harvest",
    ]
