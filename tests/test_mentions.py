"""The words around a mention, and names found in plain text (the functions
behind "Linked mentions" and "Unlinked mentions"; whole builds are in
``test_backlinks.py``)."""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes

from sphinxext.obsidian.mentions import (
    SIDE,
    Mention,
    NameIndex,
    link_contexts,
    plain_texts,
    unlinked_mentions,
)


def _paragraph(*parts: str | tuple[str]) -> tuple[nodes.paragraph, list[nodes.Element]]:
    """A paragraph of text and links (a one-element tuple is a link's text)."""
    paragraph = nodes.paragraph()
    links = []
    for part in parts:
        if isinstance(part, tuple):
            link = addnodes.pending_xref("", nodes.inline("", part[0]))
            links.append(link)
            paragraph += link
        else:
            paragraph += nodes.Text(part)
    return paragraph, links


def test_a_mention_is_shown_with_its_sentence() -> None:
    _, links = _paragraph("One. Two ", ("link",), " three! Four.")
    assert list(link_contexts(links).values()) == [Mention("Two ", "link", " three!")]


def test_every_link_of_a_long_paragraph_gets_its_own_words() -> None:
    parts: list[str | tuple[str]] = []
    for number in range(2000):
        parts += [f"Word {number} ", (f"T{number}",), " the. "]
    _, links = _paragraph(*parts)
    found = link_contexts(links)
    assert len(found) == 2000
    assert found[id(links[1234])] == Mention("Word 1234 ", "T1234", " the.")


def test_a_sentence_longer_than_kept_is_cut_at_a_word() -> None:
    _, links = _paragraph("word " * 100, ("link",), " tail")
    (mention,) = link_contexts(links).values()
    assert mention.before.startswith("…word ")
    assert len(mention.before) <= SIDE + 1


def test_names_sharing_a_first_word_are_found_by_their_whole_words() -> None:
    index = NameIndex((f"The thing {number}", f"thing-{number}") for number in range(500))
    assert list(index.find("Of the things, the thing 42 and the end.")) == [(15, 27, "thing-42")]


def test_the_longest_of_overlapping_names_wins_and_shared_names_mention_both() -> None:
    index = NameIndex([("Commune", "a"), ("People's commune", "b"), ("Commune", "c")])
    text = "A people's commune and a commune."
    assert [(text[s:e], doc) for s, e, doc in index.find(text)] == [
        ("people's commune", "b"),
        ("commune", "a"),
        ("commune", "c"),
    ]


def test_names_inside_links_are_not_found() -> None:
    paragraph, _ = _paragraph("The ", ("commune",), " and the commune.")
    document = nodes.document(None, None)  # type: ignore[arg-type]
    document += paragraph
    texts = plain_texts(document, addnodes.pending_xref)
    found = unlinked_mentions({"page": texts}, NameIndex([("Commune", "note")]))
    assert found == {"note": [("page", Mention("The commune and the ", "commune", "."))]}


def test_the_marks_of_links_in_a_note_s_own_text_are_not_read_as_marks() -> None:
    paragraph, _ = _paragraph("A \x01hidden\x02 commune.")
    document = nodes.document(None, None)  # type: ignore[arg-type]
    document += paragraph
    texts = plain_texts(document, addnodes.pending_xref)
    assert texts == ["A hidden commune."]
    assert list(NameIndex([("Hidden", "note")]).find(texts[0])) == [(2, 8, "note")]
