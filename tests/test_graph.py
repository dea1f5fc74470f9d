"""The graph view drawn at build time: each note's local graph (depth, limit,
tags, links), the whole graph's page, the builders that draw them, and
incremental and parallel builds that draw the same graphs.

The test vault (``roots/test-graph``)::

    Garden (index) -> Alpha -> Beta -> Delta -> Epsilon      Lonely (no links)
                      Alpha -> Gamma                          Page (reST, -> Alpha)
                      Beta -> Alpha
    tags: Alpha #plants; Beta #plants #trees
"""

from __future__ import annotations

import re
import shutil
import zipfile
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from .conftest import ROOTS, main_content

GAMMA = "Gamma <&> \N{LEFT DOUBLE QUOTATION MARK}quoted\N{RIGHT DOUBLE QUOTATION MARK} 漢字 🌱"
SCRIPT = '<script defer="defer" src="_static/obsidian-graph.js'
STYLESHEET = 'href="_static/obsidian-graph.css'


class _Drawing(HTMLParser):
    """The nodes and links of the first graph of a piece of HTML."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        #: (title, href, classes) of each node, in order
        self.nodes: list[tuple[str, str | None, str]] = []
        self.links: list[tuple[int, int]] = []
        self.box = ""
        self._in_title = False
        self._node: dict[str, str | None] | None = None
        self._done = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if self._done:
            return
        if tag == "svg" and not self.box:
            self.box = found.get("viewbox") or ""
        elif tag in ("a", "g") and "obsidian-graph-node" in (found.get("class") or ""):
            self._node = {"href": found.get("href"), "class": found.get("class")}
        elif tag == "title" and self._node is not None:
            self._in_title = True
        elif tag == "line":
            a, b = (found.get("data-link") or "").split()
            self.links.append((int(a), int(b)))

    def handle_data(self, data: str) -> None:
        if self._in_title and self._node is not None:
            self._node["title"] = (self._node.get("title") or "") + data

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag in ("a", "g") and self._node is not None and "title" in self._node:
            node = self._node
            self.nodes.append((node["title"] or "", node["href"], node["class"] or ""))
            self._node = None
        elif tag == "svg":
            self._done = True


def _page(app: SphinxTestApp, path: str) -> str:
    return (Path(app.outdir) / path).read_text(encoding="utf-8")


def _drawing(html: str) -> _Drawing:
    reader = _Drawing()
    reader.feed(html)
    return reader


_LOCAL = re.compile(r'<div class="obsidian-graph obsidian-graph-local".*?\n</div>\n', re.S)


def local_graph(app: SphinxTestApp, path: str) -> _Drawing | None:
    """The local graph of the page written at ``path``, if it has one."""
    found = _LOCAL.search(_page(app, path))
    return _drawing(found.group(0)) if found else None


def titles(drawing: _Drawing | None) -> list[str]:
    assert drawing is not None
    return [title for title, _, _ in drawing.nodes]


def hrefs(drawing: _Drawing | None) -> dict[str, str | None]:
    assert drawing is not None
    return {title: href for title, href, _ in drawing.nodes}


def linked(drawing: _Drawing | None) -> list[tuple[str, str]]:
    """The links, as pairs of titles."""
    assert drawing is not None
    names = titles(drawing)
    return sorted(tuple(sorted((names[a], names[b]))) for a, b in drawing.links)  # type: ignore[misc]


# -- local graphs ---------------------------------------------------------------------


def test_a_notes_graph_shows_what_it_links_to_and_what_links_to_it(
    built_root: Callable[..., SphinxTestApp],
) -> None:
    app = built_root("graph")
    graph = local_graph(app, "Alpha.html")
    # the note first, then its neighbours, most linked first, then by title;
    # the reST page linking to it is no note, so not in the graph
    assert titles(graph) == ["Alpha", "Beta", GAMMA, "Garden"]
    assert hrefs(graph) == {
        "Alpha": "#", "Beta": "Beta.html", GAMMA: "Gamma.html", "Garden": "index.html",
    }  # fmt: skip
    assert linked(graph) == [("Alpha", "Beta"), ("Alpha", GAMMA), ("Alpha", "Garden")]
    assert graph is not None
    assert [classes for _, _, classes in graph.nodes] == [
        "obsidian-graph-node obsidian-graph-current",
        # by title, clockwise from the top: down the right side, up the left;
        # each label on the outer side of its node
        "obsidian-graph-node obsidian-graph-right",
        "obsidian-graph-node obsidian-graph-right",
        "obsidian-graph-node obsidian-graph-left",
    ]
    # a note linked both ways, or twice, is one neighbour with one link
    assert titles(local_graph(app, "Beta.html")) == ["Beta", "Alpha", "Delta"]


def test_depth_two_and_three_reach_further(built_root: Callable[..., SphinxTestApp]) -> None:
    two = built_root("graph", obsidian_graph_depth=2)
    graph = local_graph(two, "Alpha.html")
    assert titles(graph) == ["Alpha", "Beta", GAMMA, "Garden", "Delta"]
    assert linked(graph) == [
        ("Alpha", "Beta"), ("Alpha", GAMMA), ("Alpha", "Garden"), ("Beta", "Delta"),
    ]  # fmt: skip
    assert hrefs(graph)["Delta"] == "deep/Delta.html"
    three = built_root("graph", obsidian_graph_depth=3)
    assert titles(local_graph(three, "Alpha.html")) == [
        "Alpha", "Beta", GAMMA, "Garden", "Delta", "Epsilon",
    ]  # fmt: skip


@pytest.mark.parametrize(("depth", "drawn"), [(0, 4), (-5, 4), (9, 6)])
def test_the_depth_is_kept_between_one_and_three(
    built_root: Callable[..., SphinxTestApp], depth: int, drawn: int
) -> None:
    app = built_root("graph", obsidian_graph_depth=depth)
    assert len(titles(local_graph(app, "Alpha.html"))) == drawn


def test_hrefs_are_relative_to_the_page(built_root: Callable[..., SphinxTestApp]) -> None:
    app = built_root("graph")
    graph = local_graph(app, "deep/Delta.html")
    assert hrefs(graph) == {"Delta": "#", "Beta": "../Beta.html", "Epsilon": "Epsilon.html"}
    assert '<a class="obsidian-graph-whole-link" href="../graph.html">' in _page(
        app, "deep/Delta.html"
    )


def test_dirhtml_hrefs(built_root: Callable[..., SphinxTestApp]) -> None:
    app = built_root("graph", "dirhtml")
    graph = local_graph(app, "deep/Delta/index.html")
    assert hrefs(graph) == {"Delta": "#", "Beta": "../../Beta/", "Epsilon": "../Epsilon/"}
    page = _page(app, "deep/Delta/index.html")
    assert '<a class="obsidian-graph-whole-link" href="../../graph/">' in page
    whole = _drawing(_page(app, "graph/index.html"))
    assert hrefs(whole)["Delta"] == "../deep/Delta/"
    assert hrefs(whole)["Garden"] == "../"


def test_notes_without_links_and_other_pages_have_no_graph(
    built_root: Callable[..., SphinxTestApp],
) -> None:
    app = built_root("graph")
    assert local_graph(app, "Lonely.html") is None
    assert local_graph(app, "page.html") is None  # a reST page is no note
    assert local_graph(app, "deep/index.html") is None  # nor is a generated folder page
    for path in ("Lonely.html", "page.html", "deep/index.html", "genindex.html"):
        page = _page(app, path)
        assert SCRIPT not in page, path
        assert STYLESHEET not in page, path


def test_pages_with_a_graph_load_its_script_and_stylesheet(
    built_root: Callable[..., SphinxTestApp],
) -> None:
    app = built_root("graph")
    page = _page(app, "Alpha.html")
    assert page.count(SCRIPT) == 1
    assert page.count(STYLESHEET) == 1
    assert (Path(app.outdir) / "_static" / "obsidian-graph.js").is_file()
    assert (Path(app.outdir) / "_static" / "obsidian-graph.css").is_file()


def test_the_graph_follows_linked_mentions(built_root: Callable[..., SphinxTestApp]) -> None:
    page = _page(built_root("graph"), "Alpha.html")
    assert page.index('<div class="obsidian-backlinks">') < page.index(
        '<div class="obsidian-graph obsidian-graph-local"'
    )
    assert '<p class="rubric">Local graph</p>' in page


def test_titles_are_escaped(built_root: Callable[..., SphinxTestApp]) -> None:
    page = _page(built_root("graph"), "Alpha.html")
    escaped = GAMMA.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    assert f"<title>{escaped}</title>" in page
    assert f">{escaped}</text>" in page  # 23 characters: the label is the whole title
    assert "<&>" not in page


def test_a_long_title_is_cut_in_the_label(
    copy_root: Callable[[str], Path], build: Callable[..., SphinxTestApp]
) -> None:
    src = copy_root("graph")
    (src / "deep" / "Epsilon.md").write_text(
        "# An uncommonly long title for a note, with more words\n", encoding="utf-8"
    )
    app = build(src)
    page = _page(app, "deep/Delta.html")
    assert "<title>An uncommonly long title for a note, with more words</title>" in page
    # 24 characters at most: 23 and an ellipsis (the whole title shows on hover)
    assert ">An uncommonly long titl\N{HORIZONTAL ELLIPSIS}</text>" in page


def test_addresses_are_percent_encoded(tmp_path: Path, build: Callable[..., SphinxTestApp]) -> None:
    """File names holding spaces, ``&``, ``%`` or any script lead to their pages."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text('extensions = ["sphinxext.obsidian"]\n', encoding="utf-8")
    (src / "index.md").write_text(
        "# Home\n\n[[Zürich 🌱]], [[50%20off]] and [[Fish & chips]]\n", encoding="utf-8"
    )
    (src / "Zürich 🌱.md").write_text("# Zürich 🌱\n\nA city.\n", encoding="utf-8")
    (src / "50%20off.md").write_text("# Half price\n\nA sale.\n", encoding="utf-8")
    (src / "Fish & chips.md").write_text("# Fish & chips\n\nA meal.\n", encoding="utf-8")
    app = build(src)
    assert hrefs(local_graph(app, "index.html")) == {
        "Home": "#",
        "Fish & chips": "Fish%20%26%20chips.html",
        "Half price": "50%2520off.html",
        "Zürich 🌱": "Z%C3%BCrich%20%F0%9F%8C%B1.html",
    }
    assert '<a class="obsidian-graph-node obsidian-graph-right" href="Fish%20%26%20chips.html"' in (
        _page(app, "index.html")
    )


def test_tags_are_nodes_when_asked_for(built_root: Callable[..., SphinxTestApp]) -> None:
    app = built_root("graph", obsidian_graph_tags=True)
    graph = local_graph(app, "Beta.html")
    # Beta's neighbours by their links: Alpha (4, its tag among them), #plants
    # and Delta (2 each, "#" sorting first), #trees (1)
    assert titles(graph) == ["Beta", "Alpha", "#plants", "Delta", "#trees"]
    assert hrefs(graph) == {
        "Beta": "#",
        "Alpha": "Alpha.html",
        "#plants": "tags/plants.html",
        "Delta": "deep/Delta.html",
        "#trees": "tags/trees.html",
    }
    assert linked(graph) == [
        ("#plants", "Alpha"), ("#plants", "Beta"), ("#trees", "Beta"),
        ("Alpha", "Beta"), ("Beta", "Delta"),
    ]  # fmt: skip
    assert graph is not None
    assert graph.nodes[2][2] == "obsidian-graph-node obsidian-graph-tag obsidian-graph-right"
    # without tags, the same note has no tag nodes
    assert "#plants" not in titles(local_graph(built_root("graph"), "Beta.html"))


def test_tag_nodes_without_tag_pages_are_not_links(
    built_root: Callable[..., SphinxTestApp],
) -> None:
    app = built_root("graph", obsidian_graph_tags=True, obsidian_tags=False)
    graph = local_graph(app, "Beta.html")
    assert hrefs(graph) == {
        "Beta": "#", "Alpha": "Alpha.html", "#plants": None, "Delta": "deep/Delta.html",
        "#trees": None,
    }  # fmt: skip
    tag = '<g class="obsidian-graph-node obsidian-graph-tag obsidian-graph-right" data-node="2">'
    assert tag in _page(app, "Beta.html")


def _hub_vault(src: Path, leaves: int) -> None:
    """A hub note linking to ``leaves`` notes; leaf ``i`` also links to the next
    ``i % 3`` leaves, so that some leaves are more linked than others."""
    src.mkdir(parents=True)
    (src / "conf.py").write_text('extensions = ["sphinxext.obsidian"]\n', encoding="utf-8")
    (src / "index.md").write_text("# Home\n\n[[Hub]]\n", encoding="utf-8")
    links = " ".join(f"[[Leaf {i:02d}]]" for i in range(leaves))
    (src / "Hub.md").write_text(f"# Hub\n\n{links}\n", encoding="utf-8")
    for i in range(leaves):
        more = " ".join(f"[[Leaf {(i + k) % leaves:02d}]]" for k in range(1, i % 3 + 1))
        (src / f"Leaf {i:02d}.md").write_text(f"# Leaf {i:02d}\n\n{more}\n", encoding="utf-8")


def test_a_hubs_graph_keeps_the_most_linked_up_to_the_limit(
    tmp_path: Path, build: Callable[..., SphinxTestApp]
) -> None:
    _hub_vault(tmp_path / "src", 40)
    app = build(tmp_path / "src")
    graph = local_graph(app, "Hub.html")
    names = titles(graph)
    assert len(names) == 30  # graph.LOCAL_LIMIT
    # the hub's 41 neighbours: the 29 most linked kept. Leaf i has 1 (the hub)
    # + i % 3 links out + the links in from the two leaves before it.
    expected = sorted(
        (f"Leaf {i:02d}" for i in range(40)),
        key=lambda name: (-_leaf_degree(int(name[5:]), 40), name),
    )[:29]
    assert names == ["Hub", *expected]
    page = _page(app, "Hub.html")
    assert "The 30 nearest and most linked notes are shown." in page


def _leaf_degree(i: int, leaves: int) -> int:
    out = {(i + k) % leaves for k in range(1, i % 3 + 1)}
    into = {j for j in range(leaves) if i in {(j + k) % leaves for k in range(1, j % 3 + 1)}}
    return 1 + len((out | into) - {i})


# -- the whole graph ---------------------------------------------------------------------


def test_the_whole_graph_page(built_root: Callable[..., SphinxTestApp]) -> None:
    app = built_root("graph")
    page = _page(app, "graph.html")
    assert "<title>Graph view" in page
    assert page.count(SCRIPT) == 1
    assert page.count(STYLESHEET) == 1
    whole = _drawing(main_content(app, "graph"))
    # every note, most linked first (Lonely too: it has no links, but is a note)
    assert titles(whole) == ["Alpha", "Beta", "Delta", "Epsilon", GAMMA, "Garden", "Lonely"]
    assert hrefs(whole)["Delta"] == "deep/Delta.html"
    assert linked(whole) == [
        ("Alpha", "Beta"), ("Alpha", GAMMA), ("Alpha", "Garden"), ("Beta", "Delta"),
        ("Delta", "Epsilon"),
    ]  # fmt: skip
    assert '<p class="obsidian-graph-caption">All 7 notes.</p>' in page
    # the most linked are labelled first (tiers), with no label hidden at this size
    assert [classes for _, _, classes in whole.nodes] == [
        "obsidian-graph-node obsidian-graph-tier-0"
    ] * 7


def test_the_limit_keeps_the_most_linked_notes(built_root: Callable[..., SphinxTestApp]) -> None:
    app = built_root("graph", obsidian_graph_limit=3)
    whole = _drawing(_page(app, "graph.html"))
    assert titles(whole) == ["Alpha", "Beta", "Delta"]
    assert linked(whole) == [("Alpha", "Beta"), ("Beta", "Delta")]
    assert '<p class="obsidian-graph-caption">The 3 most linked of 7 notes.</p>' in _page(
        app, "graph.html"
    )


def test_the_whole_graph_shows_tags_when_asked_for(
    built_root: Callable[..., SphinxTestApp],
) -> None:
    app = built_root("graph", obsidian_graph_tags=True)
    whole = _drawing(_page(app, "graph.html"))
    assert titles(whole)[:3] == ["Alpha", "Beta", "#plants"]
    assert "#trees" in titles(whole)
    assert "All 9 notes and tags." in _page(app, "graph.html")


def test_the_page_can_move_or_go(built_root: Callable[..., SphinxTestApp]) -> None:
    moved = built_root("graph", obsidian_graph_page="garden/map")
    assert titles(_drawing(_page(moved, "garden/map.html")))[0] == "Alpha"
    assert hrefs(_drawing(_page(moved, "garden/map.html")))["Alpha"] == "../Alpha.html"
    assert '<a class="obsidian-graph-whole-link" href="garden/map.html">' in _page(
        moved, "Alpha.html"
    )
    assert not (Path(moved.outdir) / "graph.html").exists()
    gone = built_root("graph", obsidian_graph_page="")
    assert not (Path(gone.outdir) / "graph.html").exists()
    assert "obsidian-graph-whole-link" not in _page(gone, "Alpha.html")
    assert titles(local_graph(gone, "Alpha.html")) == ["Alpha", "Beta", GAMMA, "Garden"]


def test_a_note_at_the_pages_name_keeps_its_text_and_shows_the_graph(
    copy_root: Callable[[str], Path], build: Callable[..., SphinxTestApp]
) -> None:
    src = copy_root("graph")
    (src / "graph.md").write_text("# My map\n\nEverything, at a glance.\n", encoding="utf-8")
    app = build(src)
    content = main_content(app, "graph")
    assert "Everything, at a glance." in content
    assert titles(_drawing(content)) == [
        "Alpha", "Beta", "Delta", "Epsilon", GAMMA, "Garden", "Lonely", "My map",
    ]  # fmt: skip
    assert content.count("<svg") == 1
    assert _page(app, "graph.html").count(SCRIPT) == 1


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("../outside", "obsidian_graph_page = '../outside': it must name a page of the site"),
        ("search", "obsidian_graph_page = 'search': it must name a page of the site"),
        ("_static/graph", "obsidian_graph_page = '_static/graph': it must name a page"),
        (3, "obsidian_graph_page = 3: it must name a page of the site"),
    ],
)
def test_a_page_that_cannot_be_is_refused(
    make_app: Callable[..., SphinxTestApp],
    copy_root: Callable[[str], Path],
    value: object,
    message: str,
) -> None:
    from sphinx.errors import ConfigError

    with pytest.raises(ConfigError, match=re.escape(message)):
        make_app("html", srcdir=copy_root("graph"), confoverrides={"obsidian_graph_page": value})


def test_a_negative_limit_is_refused(
    make_app: Callable[..., SphinxTestApp], copy_root: Callable[[str], Path]
) -> None:
    from sphinx.errors import ConfigError

    message = "obsidian_graph_limit = -1: it must be a whole number, 0 (every note) or more"
    with pytest.raises(ConfigError, match=re.escape(message)):
        make_app("html", srcdir=copy_root("graph"), confoverrides={"obsidian_graph_limit": -1})


def test_graphs_can_be_switched_off(built_root: Callable[..., SphinxTestApp]) -> None:
    app = built_root("graph", obsidian_graph=False)
    assert not (Path(app.outdir) / "graph.html").exists()
    assert not (Path(app.outdir) / "_static" / "obsidian-graph.js").exists()
    page = _page(app, "Alpha.html")
    assert "obsidian-graph" not in page


@pytest.mark.parametrize("theme", ["furo", "pydata_sphinx_theme", "sphinx_book_theme",
                                   "sphinx_rtd_theme", "alabaster"])  # fmt: skip
def test_the_page_is_in_each_themes_page(
    built_root: Callable[..., SphinxTestApp], theme: str
) -> None:
    app = built_root("graph", html_theme=theme)
    content = main_content(app, "graph")
    assert content.count("<h1>Graph view</h1>") == 1
    assert len(titles(_drawing(content))) == 7


# -- builders -------------------------------------------------------------------------------


@pytest.mark.parametrize("builder", ["text", "latex"])
def test_no_graph_outside_html(built_root: Callable[..., SphinxTestApp], builder: str) -> None:
    app = built_root("graph", builder)
    out = Path(app.outdir)
    written = next(out.glob("*.tex")) if builder == "latex" else out / "Alpha.txt"
    text = written.read_text(encoding="utf-8")
    assert "Alpha links to" in text
    assert "Local graph" not in text
    assert "Graph view" not in text
    assert not list(out.glob("graph.*"))


def test_no_graph_in_singlehtml(
    build_copy: Callable[[str, str], SphinxTestApp],
) -> None:
    single = build_copy("graph", "singlehtml")
    page = (Path(single.outdir) / "index.html").read_text(encoding="utf-8")
    assert "Alpha links to" in page
    assert "obsidian-graph" not in page
    assert not (Path(single.outdir) / "graph.html").exists()


def test_no_graph_in_epub(build_copy: Callable[[str, str], SphinxTestApp]) -> None:
    book = next(Path(build_copy("graph", "epub").outdir).glob("*.epub"))
    with zipfile.ZipFile(book) as epub:
        names = epub.namelist()
        alpha = epub.read("Alpha.xhtml").decode()
    assert "Alpha links to" in alpha
    assert "obsidian-graph" not in alpha
    assert not [name for name in names if "graph" in name]


# -- the same graphs, whatever the build ---------------------------------------------------


def _graph_parts(app: SphinxTestApp) -> dict[str, str]:
    out = Path(app.outdir)
    parts = {}
    for page in sorted(out.rglob("*.html")):
        found = re.findall(
            r'<div class="obsidian-graph .*?</svg>', page.read_text(encoding="utf-8"), re.S
        )
        if found:
            parts[page.relative_to(out).as_posix()] = "".join(found)
    return parts


def test_the_same_vault_gives_the_same_bytes(
    copy_root: Callable[[str], Path], build: Callable[..., SphinxTestApp], tmp_path: Path
) -> None:
    src = copy_root("graph")
    first = _graph_parts(build(src, freshenv=True, confoverrides={"obsidian_graph_depth": 2}))
    second_src = tmp_path / "again"
    shutil.copytree(ROOTS / "test-graph", second_src)
    second = _graph_parts(
        build(second_src, freshenv=True, confoverrides={"obsidian_graph_depth": 2})
    )
    assert sorted(first) == [
        "Alpha.html", "Beta.html", "Gamma.html", "deep/Delta.html", "deep/Epsilon.html",
        "graph.html", "index.html",
    ]  # fmt: skip
    assert first == second


def test_a_parallel_build_draws_the_same_graphs(
    copy_root: Callable[[str], Path], build: Callable[..., SphinxTestApp]
) -> None:
    src = copy_root("graph")
    serial = _graph_parts(build(src, freshenv=True))
    assert _graph_parts(build(src, freshenv=True, parallel=2)) == serial


def _watched(
    make_app: Callable[..., SphinxTestApp], src: Path, **conf: object
) -> tuple[SphinxTestApp, list[str], list[str]]:
    """A build of ``src``, with the documents it read and the pages it wrote."""
    app = make_app("html", srcdir=src, confoverrides=conf)
    read: list[str] = []
    written: list[str] = []
    app.connect("source-read", lambda _app, docname, _source: read.append(docname))
    app.connect("html-page-context", lambda _app, page, *_: written.append(page))
    app.build()
    return app, read, sorted(written)


#: the pages every HTML build writes
ALWAYS = ["genindex", "graph", "search"]


def test_a_new_link_redraws_the_other_notes_graph(
    copy_root: Callable[[str], Path], make_app: Callable[..., SphinxTestApp]
) -> None:
    """Epsilon starts linking to Lonely: Lonely, not read again, is written again
    with a graph; so is Delta, whose depth-2 graph now reaches Lonely. The
    backlinks are off, so that nothing but the graph asks for it."""
    src = copy_root("graph")
    conf = {"obsidian_backlinks": False, "obsidian_graph_depth": 2}
    first, _, _ = _watched(make_app, src, **conf)
    assert local_graph(first, "Lonely.html") is None
    (src / "deep" / "Epsilon.md").write_text(
        "# Epsilon\n\nThe end of the chain, and [[Lonely]].\n", encoding="utf-8"
    )
    second, read, written = _watched(make_app, src, **conf)
    assert read == ["deep/Epsilon"]
    # Delta and Lonely: neighbours within two links; Beta, two links from Epsilon,
    # is not written (its depth-2 graph reaches Epsilon, not Lonely). Sphinx
    # writes the pages whose toctrees lead to Epsilon (deep/index, index) itself.
    assert written == [
        "Lonely", "deep/Delta", "deep/Epsilon", "deep/index", "genindex", "graph", "index",
        "search",
    ]  # fmt: skip
    assert titles(local_graph(second, "Lonely.html")) == ["Lonely", "Epsilon", "Delta"]
    assert titles(local_graph(second, "deep/Delta.html")) == [
        "Delta", "Beta", "Epsilon", "Alpha", "Lonely",
    ]  # fmt: skip
    # and back: the link removed, Lonely's graph is gone again
    (src / "deep" / "Epsilon.md").write_text("# Epsilon\n\nThe end.\n", encoding="utf-8")
    third, _, written = _watched(make_app, src, **conf)
    assert written == [
        "Lonely", "deep/Delta", "deep/Epsilon", "deep/index", "genindex", "graph", "index",
        "search",
    ]  # fmt: skip
    assert local_graph(third, "Lonely.html") is None


def test_an_unchanged_vault_rewrites_no_note(
    copy_root: Callable[[str], Path], make_app: Callable[..., SphinxTestApp]
) -> None:
    src = copy_root("graph")
    _watched(make_app, src)
    second, read, written = _watched(make_app, src)
    assert read == []
    assert written == ALWAYS
    # the whole graph's page is written by every build, from the layout kept
    assert titles(_drawing(_page(second, "graph.html")))[0] == "Alpha"
