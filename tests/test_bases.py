"""Bases: ``.base`` files are pages of views, ``base`` fences are views in
place, evaluated over the project's notes when the pages are written."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from docutils import nodes
from sphinx.testing.util import SphinxTestApp

from .conftest import ROOTS, main_content, obsidian_warnings


@pytest.fixture(scope="module")
def app(built_root: Callable[..., SphinxTestApp]) -> SphinxTestApp:
    return built_root("bases")


def _view(app: SphinxTestApp, docname: str, view_id: str) -> str:
    """The HTML of the section of ``docname`` whose id is ``view_id``."""
    page = main_content(app, docname)
    found = re.search(rf'<section id="{view_id}">(.*?)</section>', page, re.DOTALL)
    assert found is not None, view_id
    return found[1]


def _rows(html: str) -> list[list[str]]:
    """The text of each body row of the tables in ``html``."""
    rows = []
    for body in re.findall(r"<tbody>(.*?)</tbody>", html, re.DOTALL):
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.DOTALL):
            cells = re.findall(r"<td[^>]*>(.*?)</td>", row, re.DOTALL)
            rows.append([re.sub(r"<[^>]+>", "", cell).strip() for cell in cells])
    return rows


def test_a_base_is_a_page_with_a_section_per_view(app: SphinxTestApp) -> None:
    doctree = app.env.get_doctree("Library")
    titles = [title.astext() for title in doctree.findall(nodes.title)]
    assert titles == [
        "Library",
        "By rating",
        "Oldest two",
        "Cards",
        "Everything",
        "Where",
        "By decade",
    ]
    assert 'href="Library.html"' in main_content(app, "index")


def test_a_table_view_filters_sorts_and_summarises(app: SphinxTestApp) -> None:
    view = _view(app, "Library", "by-rating")
    assert re.findall(r"<th[^>]*>(.*?)</th>", view) == [
        "<p>Name</p>",
        "<p>Author</p>",
        "<p>year</p>",
        "<p>Age</p>",
    ]
    assert _rows(view) == [
        ["Dune", "Frank Herbert", "1965", "60"],
        ["Foundation", "Isaac Asimov", "1951", "74"],
        ["", "", "Average: 1958", "Max: 74"],
    ]


def test_rows_link_to_their_notes(app: SphinxTestApp) -> None:
    view = _view(app, "Library", "by-rating")
    assert 'href="Books/Dune.html">Dune</a>' in view
    assert 'href="Books/Foundation.html">Foundation</a>' in view


def test_a_limit_keeps_the_first_rows_after_sorting(app: SphinxTestApp) -> None:
    assert _rows(_view(app, "Library", "oldest-two")) == [["Emma", "1815"], ["Foundation", "1951"]]


def test_a_cards_view_shows_a_card_per_note(app: SphinxTestApp) -> None:
    view = _view(app, "Library", "cards")
    titles = re.findall(r'<p class="obsidian-base-card-title"><strong><a [^>]*>([^<]*)</a>', view)
    assert titles == ["Draft", "Dune", "Emma", "Foundation"]
    assert "label: </span>Frank Herbert (1965)" in view
    assert "tags: </span>scifi/classic" in view


def test_a_list_view_lists_each_note_with_its_values(app: SphinxTestApp) -> None:
    view = _view(app, "Library", "everything")
    items = [re.sub(r"<[^>]+>", "", item).strip() for item in re.findall(r"<li>(.*?)</li>", view)]
    assert items == [
        "Draft — Nobody",
        "Dune — Frank Herbert",
        "Emma — Jane Austen",
        "Foundation — Isaac Asimov",
    ]


def test_a_map_view_is_a_table_with_a_note(app: SphinxTestApp) -> None:
    view = _view(app, "Library", "where")
    assert "A map view is shown as a table" in view
    assert _rows(view) == [["Draft"], ["Dune"], ["Emma"], ["Foundation"]]


def test_group_by_makes_a_titled_table_per_value(app: SphinxTestApp) -> None:
    view = _view(app, "Library", "by-decade")
    groups = re.findall(r'<p class="obsidian-base-group rubric">(.*?)</p>', view)
    assert groups == ["1960", "1950", "1810", "(none)"]
    assert _rows(view) == [
        ["Dune", "1965"],
        ["Foundation", "1951"],
        ["Emma", "1815"],
        ["Draft", ""],
    ]


def test_an_embedded_view_and_a_fence_render_in_the_note(app: SphinxTestApp) -> None:
    page = main_content(app, "Books")
    assert _rows(page) == [
        ["Dune", "Frank Herbert", "1965", "60"],
        ["Foundation", "Isaac Asimov", "1951", "74"],
        ["", "", "Average: 1958", "Max: 74"],
    ]
    fence = re.search(r'<ul class="obsidian-base-list[^"]*">(.*?)</ul>', page, re.DOTALL)
    assert fence is not None
    assert re.sub(r"<[^>]+>", "", fence[1]).split() == ["Emma", "—", "1815"]


def test_malformed_bases_warn_at_their_lines_and_the_rest_builds(app: SphinxTestApp) -> None:
    assert obsidian_warnings(app) == [
        "<src>/Broken/Bad yaml.base:3: WARNING: base: not valid YAML: did not find expected "
        "',' or ']' [obsidian.base]",
        "<src>/Broken/Odd.base:5: WARNING: base: filters: 'year >' is not an expression: "
        "unexpected end of expression: expected a value (column 7) [obsidian.base]",
        "<src>/Broken/Odd.base:8: WARNING: base: view 'Odd view' has the type 'timeline', "
        "which is not one of table, cards, list, map; shown as a table [obsidian.base]",
        "<src>/Broken/Odd.base:4: WARNING: base view 'Odd view': summonDragon(): not a Bases "
        "function; shown without it [obsidian.base]",
        "<src>/Broken/Odd.base:9: WARNING: base view 'Odd view': formula.missing: the base has "
        "no formula of that name; shown without it [obsidian.base]",
    ]
    # the filter that could be read (file.hasTag("scifi")) still chooses the rows
    assert _rows(main_content(app, "Broken/Odd")) == [["Dune", ""], ["Foundation", ""]]
    shown = app.env.get_doctree("Broken/Bad yaml").next_node(nodes.literal_block)
    assert shown is not None and 'file.hasTag("x"' in shown.astext()  # shown as written


@pytest.mark.parametrize("builder", ["text", "latex", "epub"])
def test_other_builders_show_the_views(
    builder: str, built_root: Callable[..., SphinxTestApp]
) -> None:
    app = built_root("bases", builder)
    if builder == "text":
        text = (app.outdir / "Library.txt").read_text()
    elif builder == "epub":
        text = (app.outdir / "Library.xhtml").read_text()
    else:
        text = next(app.outdir.glob("*.tex")).read_text()
    for words in ("Frank Herbert", "Average: 1958", "Jane Austen (1815)", "Isaac Asimov"):
        assert words in text


def _copy(tmp_path: Path) -> Path:
    src = tmp_path / "src"
    shutil.copytree(ROOTS / "test-bases", src)
    return src


def _build(make_app: Callable[..., SphinxTestApp], src: Path) -> tuple[SphinxTestApp, set[str]]:
    """Build ``src`` as a new command run would; the app and the pages it wrote."""
    app = make_app("html", srcdir=src)
    written: set[str] = set()
    app.connect("html-page-context", lambda _app, pagename, *_args: written.add(pagename))
    app.build()
    return app, written


def test_a_changed_property_rewrites_the_pages_showing_it_and_no_other(
    tmp_path: Path, make_app: Callable[..., SphinxTestApp]
) -> None:
    src = _copy(tmp_path)
    (src / "Unrelated.md").write_text("# Unrelated\n\nNo views here.\n", encoding="utf-8")
    _build(make_app, src)
    dune = src / "Books" / "Dune.md"
    dune.write_text(dune.read_text().replace("rating: 5", "rating: 2"), encoding="utf-8")
    app, written = _build(make_app, src)
    # Dune itself; the base and the note embedding its first view (Dune leaves it);
    # not Books' fence alone, which Dune never showed in
    assert {"Books/Dune", "Library", "Books"} <= written
    assert "Unrelated" not in written
    assert _rows(_view(app, "Library", "by-rating"))[0] == [
        "Foundation",
        "Isaac Asimov",
        "1951",
        "74",
    ]


def test_a_change_no_view_shows_rewrites_no_view_page(
    tmp_path: Path, make_app: Callable[..., SphinxTestApp]
) -> None:
    src = _copy(tmp_path)
    _build(make_app, src)
    dune = src / "Books" / "Dune.md"
    dune.write_text(dune.read_text() + "\nMore about the spice.\n", encoding="utf-8")
    _app, written = _build(make_app, src)
    assert "Books/Dune" in written
    assert "Library" not in written
    assert "Books" not in written


def test_a_base_kept_in_the_template_folder_is_published_its_templates_are_not(
    app: SphinxTestApp,
) -> None:
    assert "Templates/Shelf" in app.env.found_docs
    assert "Templates/Book template" not in app.env.found_docs


def test_an_embed_with_the_base_suffix_shows_the_base_not_the_note_of_that_name(
    app: SphinxTestApp,
) -> None:
    page = main_content(app, "Shelf")
    items = [re.sub(r"<[^>]+>", "", item).strip() for item in re.findall(r"<li>(.*?)</li>", page)]
    assert items[:2] == ["Foundation — 1951", "Dune — 1965"]


def test_a_base_is_reached_by_its_file_name_in_both_kinds_of_link(app: SphinxTestApp) -> None:
    index = main_content(app, "index")
    assert index.count('class="obsidian-link reference internal" href="Library.html"') == 2


def test_a_parallel_build_shows_the_same_views(
    tmp_path: Path, make_app: Callable[..., SphinxTestApp]
) -> None:
    pages = {}
    for jobs in (1, 2):
        src = tmp_path / f"jobs-{jobs}"
        shutil.copytree(ROOTS / "test-bases", src)
        app = make_app("html", srcdir=src, parallel=jobs)
        app.build()
        pages[jobs] = [main_content(app, doc) for doc in ("Library", "Books", "Shelf")]
    assert pages[1] == pages[2]


def _project(tmp_path: Path, files: dict[str, str], **conf: str) -> Path:
    src = tmp_path / "src"
    src.mkdir()
    lines = ['extensions = ["sphinxext.obsidian"]', *(f"{k} = {v}" for k, v in conf.items())]
    (src / "conf.py").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for name, text in files.items():
        (src / name).write_text(text, encoding="utf-8")
    return src


def test_file_backlinks_do_not_need_linked_mentions(
    tmp_path: Path, make_app: Callable[..., SphinxTestApp]
) -> None:
    src = _project(
        tmp_path,
        {
            "index.md": "# Start\n\nSee [[Target]].\n",
            "Target.md": "# Target\n",
            "Links.base": 'filters: file.name == "Target.md"\n'
            "views:\n  - type: table\n    name: In\n    order: [file.name, file.backlinks]\n",
        },
        obsidian_backlinks="False",
    )
    app, _written = _build(make_app, src)
    assert _rows(main_content(app, "Links")) == [["Target", "index"]]


def test_a_view_is_rewritten_when_a_link_it_shows_comes_to_lead_somewhere(
    tmp_path: Path, make_app: Callable[..., SphinxTestApp]
) -> None:
    src = _project(
        tmp_path,
        {
            "index.md": "# Start\n",
            "Dune.md": '---\nauthor: "[[Frank Herbert]]"\n---\nA book.\n',
            "Shelf.base": "filters: author\n"
            "views:\n  - type: table\n    name: Books\n    order: [file.name, author]\n",
        },
    )
    app, _written = _build(make_app, src)
    assert 'href="Frank%20Herbert.html"' not in main_content(app, "Shelf")
    (src / "Frank Herbert.md").write_text("# Frank Herbert\n", encoding="utf-8")
    app, written = _build(make_app, src)
    assert "Shelf" in written
    assert 'href="Frank%20Herbert.html"' in main_content(app, "Shelf")


# -- pictures on cards ---------------------------------------------------------------


def test_a_card_shows_the_picture_its_property_names(
    built_root: Callable[..., SphinxTestApp],
) -> None:
    app = built_root("base-card-pictures")
    pictures = re.findall(
        r'<p class="obsidian-base-card-title"><strong><a [^>]*>([^<]*)</a>|'
        r'<img alt="" class="obsidian-base-card-image" src="([^"]*)" />',
        main_content(app, "index"),
    )
    # each picture comes before its card's title
    assert [title or picture for picture, title in pictures] == [
        "Draft",  # a picture the vault does not have: none
        "_images/dune.png",  # "[[dune.png]]", found by its name
        "Dune",
        "_images/emma.png",  # a path from the top of the vault
        "Emma",
        "https://example.org/foundation.png",  # on the web
        "Foundation",
        "_images/frankenstein.png",  # [[frankenstein.png]] unquoted: a list in a list
        "Frankenstein",
    ]
    assert sorted(path.name for path in Path(app.outdir, "_images").iterdir()) == [
        "dune.png",
        "emma.png",
        "frankenstein.png",
    ]
    # the missing picture is reported by the note's properties, once
    assert obsidian_warnings(app) == [
        "<src>/Books/Draft.md:1: WARNING: [[missing.png]] not shown: no file of that name in "
        "the source folder [obsidian.unresolved]"
    ]


def test_a_card_s_vault_picture_is_in_the_pdf_and_a_web_one_a_link(
    built_root: Callable[..., SphinxTestApp],
) -> None:
    app = built_root("base-card-pictures", "latex")
    tex = next(Path(app.outdir).glob("*.tex")).read_text(encoding="utf-8")
    assert re.findall(r"\\sphinxincludegraphics(?:\[[^]]*\])?\{\{([^}]*)\}", tex) == [
        "dune",
        "emma",
        "frankenstein",
    ]
    assert r"\sphinxurl{https://example.org/foundation.png}" in tex
    assert sorted(p.name for p in Path(app.outdir).glob("*.png")) == [
        "dune.png",
        "emma.png",
        "frankenstein.png",
    ]
