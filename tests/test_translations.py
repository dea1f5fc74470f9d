"""A translated build (``language``, ``locale_dirs``): translations apply to
notes as MyST applies them, and links written in the source language still
reach the translated headings and blocks."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sphinx.testing.util import SphinxTestApp

from .conftest import main_content, obsidian_links, warning_lines


@pytest.fixture(scope="module")
def french(built_root: Callable[..., SphinxTestApp]) -> SphinxTestApp:
    return built_root("translations")


def test_a_paragraph_without_obsidian_syntax_is_translated(french: SphinxTestApp) -> None:
    assert "<p>Un simple paragraphe sans syntaxe.</p>" in main_content(french, "Reader")


def test_a_paragraph_with_a_block_id_is_translated_and_keeps_its_id(
    french: SphinxTestApp,
) -> None:
    assert '<p id="block-stores">Les réserves étaient vides au printemps.</p>' in main_content(
        french, "Harvest"
    )


def test_headings_are_translated(french: SphinxTestApp) -> None:
    html = main_content(french, "Harvest")
    assert "<h1>Récolte<" in html
    assert "<h2>Réserves de grain<" in html


def test_links_in_the_source_language_reach_translated_headings(french: SphinxTestApp) -> None:
    assert obsidian_links(main_content(french, "Harvest")) == [
        ("#grain-stores", "Harvest &gt; Grain stores"),
        ("#block-stores", "les réserves"),
        ("Reader.html", "Reader"),
    ]
    links = obsidian_links(main_content(french, "Reader"))
    assert links[:3] == [
        ("Harvest.html#grain-stores", "Harvest &gt; Grain stores"),
        ("Harvest.html#grain-stores", "toute la chaîne"),
        # the embed's own link to its source
        ("Harvest.html#grain-stores", "Harvest &gt; Grain stores"),
    ]


def test_a_heading_with_links_is_reached_by_the_text_it_shows_in_the_source(
    french: SphinxTestApp,
) -> None:
    # "## Notes on [[Reader|the reader]]" reads "Notes on the reader" in the source
    page = main_content(french, "Markup")
    assert '<section id="notes-on-the-reader">' in page
    assert "le lecteur" in page
    assert ("Markup.html#notes-on-the-reader", "Markup &gt; Notes on the reader") in (
        obsidian_links(main_content(french, "Linker"))
    )


def test_a_section_embed_shows_the_translated_section_only(french: SphinxTestApp) -> None:
    html = main_content(french, "Reader")
    embed = html[html.index('<div class="obsidian-embed') :]
    assert "Réserves de grain" in embed
    assert "Les réserves étaient vides au printemps." in embed
    assert "La récolte a échoué deux fois." not in embed


def test_only_the_broken_translation_warns_at_its_note_and_line(french: SphinxTestApp) -> None:
    assert warning_lines(french) == [
        "<src>/Reader.md:7: WARNING: inconsistent term references in translated message. "
        "original: [], translated: ['[[Harvest#Nulle part]]'] [i18n.inconsistent_references]",
        "<src>/Reader.md:7: WARNING: heading not found for link [[Harvest#Nulle part]]: "
        "'Harvest' has no heading 'Nulle part'; linking to the note [obsidian.heading]",
    ]


def test_a_callout_title_is_translated_with_its_markup_in_one_box(
    french: SphinxTestApp,
) -> None:
    assert (
        '<p class="admonition-title"><span class="callout-title-inner">Attention aux '
        "<strong>réserves</strong> avant "
        '<a class="obsidian-link obsidian-preview reference internal" '
        'href="Reader.html">Reader</a></span></p>\n<p>Elles s\u2019épuisent.</p>'
    ) in main_content(french, "Harvest")


def test_a_callout_without_a_title_has_the_themes_label_in_the_language(
    french: SphinxTestApp,
) -> None:
    assert (
        '<div class="callout callout-tip tip admonition" data-callout="tip">\n'
        '<p class="admonition-title"><span class="callout-title-inner">Astuce</span></p>'
    ) in main_content(french, "Harvest")
