"""Obsidian's resolution rules over the name index (OFM-SPEC section 2, "Resolution")."""

from __future__ import annotations

import pytest

from sphinxext.obsidian.resolution import (
    Heading,
    LinkIndex,
    find_heading,
    heading_key,
)

DOCS = [
    "index",
    "vault/Projects/Plan",
    "vault/Projects/Budget",
    "vault/Notes/Note",
    "vault/Other/Note",
    "vault/Note",
    "vault/a/b/c",
    "vault/Ünïcode",
    "vault/advanced/index",
    "installation",
]


@pytest.fixture
def index() -> LinkIndex:
    return LinkIndex(DOCS, {"vault/Projects/Plan": ["GLF", "Budget"]}, (".md", ".rst"))


@pytest.mark.parametrize(
    ("path", "from_doc", "expected", "rule"),
    [
        ("plan", "vault/Notes/Note", "vault/Projects/Plan", "name"),
        ("PLAN.md", "vault/Notes/Note", "vault/Projects/Plan", "name"),
        ("vault/Projects/Plan", "index", "vault/Projects/Plan", "path"),
        ("Projects/Plan", "vault/Notes/Note", "vault/Projects/Plan", "relative"),
        ("../Projects/Budget", "vault/Notes/Note", "vault/Projects/Budget", "relative"),
        ("b/c", "index", "vault/a/b/c", "suffix"),
        ("installation", "vault/Note", "installation", "name"),
        ("installation.rst", "vault/Note", "installation", "name"),
        ("GLF", "vault/Note", "vault/Projects/Plan", "alias"),
        ("Budget", "vault/Note", "vault/Projects/Budget", "name"),
        ("ünïcode", "index", "vault/Ünïcode", "name"),
        ("advanced/", "vault/Note", "vault/advanced/index", "relative"),
    ],
)
def test_rules(index: LinkIndex, path: str, from_doc: str, expected: str, rule: str) -> None:
    found = index.resolve(path, from_doc)
    assert (found.docname, found.rule) == (expected, rule)
    assert not found.ambiguous


def test_same_folder_wins_among_duplicates(index: LinkIndex) -> None:
    found = index.resolve("Note", "vault/Other/x")
    assert found.docname == "vault/Other/Note"
    assert not found.ambiguous


def test_shortest_path_then_reported_ambiguous(index: LinkIndex) -> None:
    found = index.resolve("Note", "index")
    assert found.docname == "vault/Note"
    assert found.candidates == ("vault/Note", "vault/Notes/Note", "vault/Other/Note")


def test_nfc_and_nfd_names_match(index: LinkIndex) -> None:
    composed = "\u00dcn\u00efcode"
    decomposed = "U\u0308ni\u0308code"  # the same name, spelled with combining marks
    assert index.resolve(composed, "index").docname == "vault/Ünïcode"
    assert index.resolve(decomposed, "index").docname == "vault/Ünïcode"


def test_aliases_can_be_switched_off(index: LinkIndex) -> None:
    assert index.resolve("GLF", "index", use_aliases=False).docname is None


def test_a_path_from_the_top_of_a_vault_in_a_folder(index: LinkIndex) -> None:
    # the vault is the project's ``vault`` folder: its top is one folder down
    found = index.resolve("/Projects/Plan", "vault/Notes/Note")
    assert (found.docname, found.rule) == ("vault/Projects/Plan", "rooted")


# ``/Plan`` would be a note at the top of the vault; Plan is in Projects/
@pytest.mark.parametrize("path", ["missing", "Projects/Missing", "../../outside", "/Plan"])
def test_unresolved(index: LinkIndex, path: str) -> None:
    assert index.resolve(path, "vault/Notes/Note").docname is None


@pytest.mark.parametrize(
    ("heading", "link"),
    [
        ("How large can a vault be?", "how large can a vault be"),
        ("`hasTag()`", "hasTag"),
        ("🔧 Self-hosting", "self hosting"),
        ("Don't   panic", "dont panic"),
        ("Caf\u00e9", "Cafe\u0301"),
    ],
)
def test_heading_keys_match(heading: str, link: str) -> None:
    assert heading_key(heading) == heading_key(link)


def test_heading_chain_finds_nested_section() -> None:
    headings = [
        Heading("part one", "part-one", -1),
        Heading("details", "details", 0),
        Heading("part two", "part-two", -1),
        Heading("details", "details-1", 2),
    ]
    assert find_heading(headings, ["Details"]).node_id == "details"  # type: ignore[union-attr]
    assert find_heading(headings, ["Part two", "Details"]).node_id == "details-1"  # type: ignore[union-attr]
    assert find_heading(headings, ["Part three", "Details"]) is None


def test_index_is_linear_in_documents() -> None:
    docs = [f"vault/folder{i % 50}/sub{i % 7}/note {i}" for i in range(5000)]
    index = LinkIndex(docs)
    assert sum(len(v) for v in index.by_path.values()) == 5000
    assert sum(len(v) for v in index.by_suffix.values()) == 2 * 5000
    assert index.resolve("note 4999", "vault/x").docname == docs[4999]
