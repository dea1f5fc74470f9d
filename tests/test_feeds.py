"""The Atom and RSS feeds of the dated notes, and lists of recent notes."""

from __future__ import annotations

import re
import subprocess
import sys
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
from sphinx.errors import ConfigError
from sphinx.testing.util import SphinxTestApp

from sphinxext.obsidian import __version__
from sphinxext.obsidian.feeds import cut_at_word, read_date, rfc3339, xml_text

from .conftest import ROOTS, main_content, obsidian_warnings, warning_lines

ATOM = "{http://www.w3.org/2005/Atom}"
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://pypi.org/project/sphinxext-obsidian/")
BASEURL = "https://garden.example/site"

#: the dated notes of the ``feed`` root, newest first
FEED_ORDER = [
    "journal/second",
    "journal/third",
    "journal/first",
    "notes/evening",
    "notes/naive",
    "notes/Only updated",
    "notes/revised",
    "notes/heading",
    "notes/odd",
]


def _urn(name: str, project: str = "Garden") -> str:
    return uuid.uuid5(NAMESPACE, f"{project}\n{name}").urn


def _feed(app: SphinxTestApp, name: str = "atom.xml") -> ET.Element:
    return ET.parse(Path(app.outdir) / name).getroot()


def _text(element: ET.Element, tag: str) -> str | None:
    found = element.find(tag)
    return None if found is None else found.text


def _entries(feed: ET.Element) -> list[dict[str, Any]]:
    """Each entry as a mapping: id, title, link, published, updated, summary."""
    out = []
    for entry in feed.findall(f"{ATOM}entry"):
        link = entry.find(f"{ATOM}link")
        assert link is not None
        assert (link.get("rel"), link.get("type")) == ("alternate", "text/html")
        out.append({
            "id": _text(entry, f"{ATOM}id"),
            "title": _text(entry, f"{ATOM}title"),
            "link": link.get("href"),
            "published": _text(entry, f"{ATOM}published"),
            "updated": _text(entry, f"{ATOM}updated"),
            "summary": _text(entry, f"{ATOM}summary"),
        })  # fmt: skip
    return out


def _feed_links(app: SphinxTestApp, page: str) -> list[str]:
    """The feed links of a page's head, as written."""
    head = (Path(app.outdir) / page).read_text(encoding="utf-8").split("</head>")[0]
    return re.findall(r'<link rel="alternate" type="application/(?:atom|rss)\+xml"[^>]*/>', head)


# -- dates -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (date(2024, 5, 1), "2024-05-01T00:00:00Z"),
        (datetime(2024, 5, 1, 10, 0), "2024-05-01T10:00:00Z"),  # naive: read as UTC
        (
            datetime(2024, 5, 1, 10, 0, tzinfo=timezone(timedelta(hours=2))),
            "2024-05-01T10:00:00+02:00",
        ),
        ("2024-05-01", "2024-05-01T00:00:00Z"),
        ("2024-05-01T10:00", "2024-05-01T10:00:00Z"),
        ("2024-05-01 10:00:00+02:00", "2024-05-01T10:00:00+02:00"),
        ("2024-05-01t10:00:00.25Z", "2024-05-01T10:00:00.250000Z"),
        ("2024-5-1 9:05:00 -0530", "2024-05-01T09:05:00-05:30"),
        (" 2024-05-01 ", "2024-05-01T00:00:00Z"),
    ],
)
def test_dates_are_read_as_yaml_gives_them(value: object, expected: str) -> None:
    found, problem = read_date(value)
    assert problem is None
    assert found is not None
    assert rfc3339(found) == expected


@pytest.mark.parametrize(
    "value",
    [
        "soon",
        "someday, 2024-05-01",
        "2024-05-01 (about)",
        [1, 2],
        2024,
        True,
        None,
        {"y": 2024},
        "01/05/2024",
        # digits of other scripts: YAML reads no date there either
        "\u0662\u0660\u0662\u0664-\u0660\u0665-\u0660\u0661",
    ],
)
def test_values_that_are_no_dates_date_nothing_silently(value: object) -> None:
    assert read_date(value) == (None, None)


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("2024-13-45", "month must be in 1..12"),
        ("2024-02-30", "day is out of range for month"),
        ("2024-05-01T25:00", "hour must be in 0..23"),
        ("0000-01-01", "year 0 is out of range"),
        ("2024-05-01T10:00+24:00", "a zone's offset must be at most 23:59"),
        ("2024-05-01T10:00+02:75", "a zone's offset must be at most 23:59"),
    ],
)
def test_a_date_that_does_not_exist_says_why(value: str, problem: str) -> None:
    assert read_date(value) == (None, problem)


def test_the_first_and_last_days_python_has_are_still_ordered() -> None:
    first, _ = read_date("0001-01-01T00:00+02:00")
    assert first is not None
    assert rfc3339(first) == "0001-01-01T00:00:00+02:00"


def test_text_is_made_writable_as_xml() -> None:
    # control characters out, pairs of surrogate halves joined, a lone half replaced
    assert xml_text("a\x00b\x07c\x1bd\té\n") == "abcd\té\n"
    assert xml_text("\ud83c\udf31 and \udfff") == "\U0001f331 and \ufffd"
    assert xml_text("\ufffe\uffff") == ""


def test_summaries_are_cut_after_a_word() -> None:
    assert cut_at_word("one two three", 100) == "one two three"
    assert cut_at_word("one two three four", 10) == "one two…"
    assert cut_at_word("one, two three", 6) == "one…"
    # a single long word is cut where the limit falls
    assert cut_at_word("x" * 20, 8) == "xxxxxxx…"


# -- the Atom feed -----------------------------------------------------------------------


def test_the_feed_lists_the_dated_notes_newest_first(
    built_root: Callable[..., SphinxTestApp],
) -> None:
    app = built_root("feed")
    feed = _feed(app)
    assert feed.tag == f"{ATOM}feed"
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    assert _text(feed, f"{ATOM}id") == _urn("atom.xml")
    assert _text(feed, f"{ATOM}title") == "Garden"
    # the newest date of any entry (revised's ``updated``), not the time of the build
    assert _text(feed, f"{ATOM}updated") == "2024-06-10T00:00:00Z"
    links = [
        (link.get("rel"), link.get("type"), link.get("href"))
        for link in feed.findall(f"{ATOM}link")
    ]
    assert links == [
        ("self", "application/atom+xml", "atom.xml"),
        ("alternate", "text/html", "index.html"),
    ]
    assert _text(feed, f"{ATOM}author/{ATOM}name") == "Ada Lovelace"
    generator = feed.find(f"{ATOM}generator")
    assert generator is not None
    assert (generator.text, generator.get("version")) == ("sphinxext-obsidian", __version__)
    entries = _entries(feed)
    assert [entry["title"] for entry in entries] == [
        "Second light",
        "Third light",
        "First light",
        "evening",
        "Naive time",
        "Only updated",
        "Revised",
        "Heading note",
        "Odd title tabbed \U0001f331",
    ]
    assert [entry["id"] for entry in entries] == [_urn(docname) for docname in FEED_ORDER]


def test_entries_link_to_the_notes_pages(built_root: Callable[..., SphinxTestApp]) -> None:
    app = built_root("feed")
    links = [entry["link"] for entry in _entries(_feed(app))]
    assert links == [
        "journal/second.html",
        "journal/third.html",
        "journal/first.html",
        "notes/evening.html",
        "notes/naive.html",
        "notes/Only%20updated.html",
        "notes/revised.html",
        "notes/heading.html",
        "notes/odd.html",
    ]
    for link in links:
        assert (Path(app.outdir) / unquote(link)).is_file()


def test_entries_carry_their_dates_with_their_zones(
    built_root: Callable[..., SphinxTestApp],
) -> None:
    dates = {
        entry["title"]: (entry["published"], entry["updated"])
        for entry in _entries(_feed(built_root("feed")))
    }
    assert dates == {
        # a string with a time and no zone, read as UTC
        "Second light": (None, "2024-05-01T10:00:00Z"),
        # a YAML timestamp with a zone keeps it
        "Third light": (None, "2024-05-01T10:00:00+02:00"),
        # a YAML date: midnight UTC
        "First light": (None, "2024-05-01T00:00:00Z"),
        # a quoted string with a zone
        "evening": (None, "2024-04-20T18:00:00-05:00"),
        # a YAML timestamp without a zone, from ``created``
        "Naive time": (None, "2024-04-15T09:30:00Z"),
        # dated by ``updated`` alone: no publication date to tell
        "Only updated": (None, "2024-04-01T00:00:00Z"),
        # ``date`` then a later ``updated``: published, then updated
        "Revised": ("2024-03-01T00:00:00Z", "2024-06-10T00:00:00Z"),
        "Heading note": (None, "2024-02-01T00:00:00Z"),
        "Odd title tabbed \U0001f331": (None, "2024-01-01T00:00:00Z"),
    }


def test_summaries_come_from_the_description_or_the_opening(
    built_root: Callable[..., SphinxTestApp],
) -> None:
    summaries = {entry["title"]: entry["summary"] for entry in _entries(_feed(built_root("feed")))}
    assert summaries == {
        "Second light": (
            "Morning notes with a link home, emphasis, code and a footnote. The garden wakes "
            "slowly in spring, and every bed is checked in turn before the sun is high: the "
            "onions, the leeks, the broad beans that survived the frost, and the row of lettuces "
            "that did not. Each one is written down here so that next…"
        ),
        # a callout's title and a task's box are not words of the note
        "Third light": "Its title is not part of the summary, its text is. a task in the opening",
        "First light": "The first entry, described.",
        "evening": "An evening note without a heading.",
        "Naive time": "A time without a zone.",
        "Only updated": "Dated by its last change only.",
        "Revised": "Written in March, revised in June.",
        # the opening is found under the note's first heading
        "Heading note": "Text under a heading.",
        # control characters left out
        "Odd title tabbed \U0001f331": "Bell and form feed, vertical tab and escape characters.",
    }
    assert len(summaries["Second light"]) == 300


def test_undated_and_junk_dated_notes_are_left_out(
    built_root: Callable[..., SphinxTestApp],
) -> None:
    ids = {entry["id"] for entry in _entries(_feed(built_root("feed")))}
    for docname in ("index", "notes/undated", "notes/free", "notes/listed", "notes/typo"):
        assert _urn(docname) not in ids


def test_only_a_date_shaped_typo_warns(built_root: Callable[..., SphinxTestApp]) -> None:
    # ``date: soon`` and ``date: [1, 2]`` are the note's own business
    assert obsidian_warnings(built_root("feed")) == [
        "<src>/notes/heading.md:4: WARNING: the 'updated' property '2024-02-30' is not a date "
        "(day is out of range for month); the note is dated by its other properties "
        "[obsidian.front_matter]",
        "<src>/notes/typo.md:3: WARNING: the 'date' property '2024-13-45' is not a date "
        "(month must be in 1..12); the note is left out of the feeds and of the lists of "
        "recent notes [obsidian.front_matter]",
    ]


def test_the_feed_lists_at_most_the_limit(built_root: Callable[..., SphinxTestApp]) -> None:
    feed = _feed(built_root("feed", obsidian_feed_limit=3))
    assert [entry["id"] for entry in _entries(feed)] == [_urn(d) for d in FEED_ORDER[:3]]
    # the newest of the entries listed
    assert _text(feed, f"{ATOM}updated") == "2024-05-01T10:00:00Z"


def test_every_dated_note_with_a_limit_of_zero(built_root: Callable[..., SphinxTestApp]) -> None:
    feed = _feed(built_root("feed", obsidian_feed_limit=0))
    assert [entry["id"] for entry in _entries(feed)] == [_urn(d) for d in FEED_ORDER]


def test_a_feed_in_a_folder_links_from_there(built_root: Callable[..., SphinxTestApp]) -> None:
    app = built_root("feed", obsidian_feed_filename="feeds/garden.xml")
    assert not (Path(app.outdir) / "atom.xml").exists()
    feed = _feed(app, "feeds/garden.xml")
    assert _text(feed, f"{ATOM}id") == _urn("feeds/garden.xml")
    links = [link.get("href") for link in feed.findall(f"{ATOM}link")]
    assert links == ["garden.xml", "../index.html"]
    assert _entries(feed)[0]["link"] == "../journal/second.html"
    assert _feed_links(app, "journal/first.html") == [
        '<link rel="alternate" type="application/atom+xml" title="Garden (Atom)" '
        'href="../feeds/garden.xml" />'
    ]


# -- autodiscovery -----------------------------------------------------------------------


def test_every_page_links_the_feed_from_its_head(built_root: Callable[..., SphinxTestApp]) -> None:
    app = built_root("feed")
    link = '<link rel="alternate" type="application/atom+xml" title="Garden (Atom)" href="{}" />'
    assert _feed_links(app, "index.html") == [link.format("atom.xml")]
    assert _feed_links(app, "journal/first.html") == [link.format("../atom.xml")]
    assert _feed_links(app, "notes/undated.html") == [link.format("../atom.xml")]
    assert _feed_links(app, "genindex.html") == [link.format("atom.xml")]
    assert _feed_links(app, "search.html") == [link.format("atom.xml")]


def test_directory_pages_link_the_feed_and_are_linked(
    built_root: Callable[..., SphinxTestApp],
) -> None:
    app = built_root("feed", "dirhtml")
    feed = _feed(app)
    assert [link.get("href") for link in feed.findall(f"{ATOM}link")] == ["atom.xml", "./"]
    links = [entry["link"] for entry in _entries(feed)]
    assert links[:3] == ["journal/second/", "journal/third/", "journal/first/"]
    assert "notes/Only%20updated/" in links
    for link in links:
        assert (Path(app.outdir) / unquote(link) / "index.html").is_file()
    link = '<link rel="alternate" type="application/atom+xml" title="Garden (Atom)" href="{}" />'
    assert _feed_links(app, "index.html") == [link.format("atom.xml")]
    assert _feed_links(app, "journal/first/index.html") == [link.format("../../atom.xml")]


# -- with a base URL: absolute links, and RSS --------------------------------------------


def test_with_a_base_url_the_feed_links_absolutely(
    built_root: Callable[..., SphinxTestApp],
) -> None:
    feed = _feed(built_root("feed", html_baseurl=BASEURL))
    assert _text(feed, f"{ATOM}id") == f"{BASEURL}/atom.xml"
    assert [link.get("href") for link in feed.findall(f"{ATOM}link")] == [
        f"{BASEURL}/atom.xml",
        f"{BASEURL}/index.html",
    ]
    first = _entries(feed)[0]
    assert (first["id"], first["link"]) == (
        f"{BASEURL}/journal/second.html",
        f"{BASEURL}/journal/second.html",
    )
    assert _entries(feed)[5]["link"] == f"{BASEURL}/notes/Only%20updated.html"


def test_with_a_base_url_an_rss_feed_is_written_beside(
    built_root: Callable[..., SphinxTestApp],
) -> None:
    app = built_root("feed", html_baseurl=BASEURL)
    rss = _feed(app, "rss.xml")
    assert (rss.tag, rss.get("version")) == ("rss", "2.0")
    channel = rss.find("channel")
    assert channel is not None
    assert _text(channel, "title") == "Garden"
    assert _text(channel, "link") == f"{BASEURL}/index.html"
    assert _text(channel, "description") == "The newest notes of Garden"
    assert _text(channel, "language") == "en"
    assert _text(channel, "lastBuildDate") == "Mon, 10 Jun 2024 00:00:00 +0000"
    own = channel.find(f"{ATOM}link")
    assert own is not None
    assert (own.get("href"), own.get("rel"), own.get("type")) == (
        f"{BASEURL}/rss.xml",
        "self",
        "application/rss+xml",
    )
    items = channel.findall("item")
    assert len(items) == len(FEED_ORDER)
    first = items[0]
    guid = first.find("guid")
    assert guid is not None
    assert (guid.text, guid.get("isPermaLink")) == (f"{BASEURL}/journal/second.html", "true")
    assert [
        (_text(item, "title"), _text(item, "link"), _text(item, "pubDate")) for item in items[:4]
    ] == [
        ("Second light", f"{BASEURL}/journal/second.html", "Wed, 01 May 2024 10:00:00 +0000"),
        ("Third light", f"{BASEURL}/journal/third.html", "Wed, 01 May 2024 10:00:00 +0200"),
        ("First light", f"{BASEURL}/journal/first.html", "Wed, 01 May 2024 00:00:00 +0000"),
        ("evening", f"{BASEURL}/notes/evening.html", "Sat, 20 Apr 2024 18:00:00 -0500"),
    ]
    # RSS dates an item by the note's date: revised was published in March
    assert _text(items[6], "pubDate") == "Fri, 01 Mar 2024 00:00:00 +0000"
    assert _text(items[2], "description") == "The first entry, described."


def test_a_base_url_is_percent_encoded_once(built_root: Callable[..., SphinxTestApp]) -> None:
    feed = _feed(built_root("feed", html_baseurl="https://garden.example/my garden/caf%C3%A9/"))
    assert _text(feed, f"{ATOM}id") == "https://garden.example/my%20garden/caf%C3%A9/atom.xml"


def test_with_a_base_url_pages_link_both_feeds(built_root: Callable[..., SphinxTestApp]) -> None:
    app = built_root("feed", html_baseurl=BASEURL)
    assert _feed_links(app, "journal/first.html") == [
        '<link rel="alternate" type="application/atom+xml" title="Garden (Atom)" '
        f'href="{BASEURL}/atom.xml" />',
        '<link rel="alternate" type="application/rss+xml" title="Garden (RSS)" '
        f'href="{BASEURL}/rss.xml" />',
    ]


def test_without_a_base_url_there_is_no_rss(built_root: Callable[..., SphinxTestApp]) -> None:
    assert not (Path(built_root("feed").outdir) / "rss.xml").exists()


# -- when nothing is written -------------------------------------------------------------


def test_no_feed_when_switched_off(built_root: Callable[..., SphinxTestApp]) -> None:
    app = built_root("feed", obsidian_feed=False, html_baseurl=BASEURL)
    assert not (Path(app.outdir) / "atom.xml").exists()
    assert not (Path(app.outdir) / "rss.xml").exists()
    assert _feed_links(app, "index.html") == []


def test_no_feed_when_no_note_is_dated(built_root: Callable[..., SphinxTestApp]) -> None:
    app = built_root("feed-none")
    assert not (Path(app.outdir) / "atom.xml").exists()
    assert _feed_links(app, "index.html") == []


@pytest.mark.parametrize("builder", ["singlehtml", "epub"])
def test_no_feed_from_builders_that_join_pages(
    built_root: Callable[..., SphinxTestApp], builder: str
) -> None:
    app = built_root("feed", builder, html_baseurl=BASEURL, copyright="2026", version="1")
    assert not (Path(app.outdir) / "atom.xml").exists()
    assert not (Path(app.outdir) / "rss.xml").exists()
    if builder == "singlehtml":
        assert _feed_links(app, "index.html") == []


def test_a_file_of_the_project_with_the_feeds_name_is_kept(
    copy_root: Callable[[str], Path],
    build,  # type: ignore[no-untyped-def]
) -> None:
    src = copy_root("feed-none")
    (src / "extra").mkdir()
    (src / "extra" / "atom.xml").write_text("<feed>the project's own</feed>\n", encoding="utf-8")
    app = build(src, confoverrides={"html_extra_path": ["extra"]})
    assert (Path(app.outdir) / "atom.xml").read_text(encoding="utf-8") == (
        "<feed>the project's own</feed>\n"
    )


def test_a_file_of_the_project_is_kept_even_when_notes_are_dated(
    copy_root: Callable[[str], Path],
    build,  # type: ignore[no-untyped-def]
) -> None:
    src = copy_root("feed")
    (src / "extra").mkdir()
    (src / "extra" / "atom.xml").write_text("<feed>the project's own</feed>\n", encoding="utf-8")
    app = build(src, confoverrides={"html_extra_path": ["extra"]})
    assert (Path(app.outdir) / "atom.xml").read_text(encoding="utf-8") == (
        "<feed>the project's own</feed>\n"
    )
    assert [line for line in obsidian_warnings(app) if "obsidian.feed" in line] == [
        "<src>/conf.py:1: WARNING: the feed 'atom.xml' is not written: a file of the project "
        "is there [obsidian.feed]"
    ]


# -- determinism -------------------------------------------------------------------------


def test_a_parallel_build_writes_the_same_bytes(
    copy_root: Callable[[str], Path],
    build,  # type: ignore[no-untyped-def]
) -> None:
    src = copy_root("feed")
    conf = {"html_baseurl": BASEURL}
    serial = build(src, freshenv=True, confoverrides=conf)
    atom, rss = ((Path(serial.outdir) / name).read_bytes() for name in ("atom.xml", "rss.xml"))
    again = build(src, freshenv=True, confoverrides=conf)
    assert (Path(again.outdir) / "atom.xml").read_bytes() == atom
    parallel = build(src, freshenv=True, parallel=2, confoverrides=conf)
    assert (Path(parallel.outdir) / "atom.xml").read_bytes() == atom
    assert (Path(parallel.outdir) / "rss.xml").read_bytes() == rss


# -- configuration -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (
            {"obsidian_feed_filename": "../atom.xml"},
            "obsidian_feed_filename = '../atom.xml': it must name a file inside the output "
            "folder, such as 'atom.xml'",
        ),
        (
            {"obsidian_feed_filename": "feeds/rss.xml"},
            "obsidian_feed_filename = 'feeds/rss.xml': 'rss.xml' is the name of the RSS feed "
            "beside it",
        ),
        (
            {"obsidian_feed_limit": -1},
            "obsidian_feed_limit = -1: it must be a whole number, 0 or more",
        ),
        (
            {"obsidian_feed_date_properties": ["date", 3]},
            "obsidian_feed_date_properties = ['date', 3]: it must be a list of property names, "
            "such as ['date', 'created', 'updated']",
        ),
    ],
)
def test_settings_that_cannot_work_are_refused(
    make_app: Callable[..., SphinxTestApp],
    tmp_path: Path,
    overrides: dict[str, Any],
    message: str,
) -> None:
    with pytest.raises(ConfigError) as raised:
        make_app("html", srcdir=ROOTS / "test-feed-none", confoverrides=overrides)
    assert str(raised.value) == f"sphinxext-obsidian: {message}"


def test_other_date_properties_can_be_named(built_root: Callable[..., SphinxTestApp]) -> None:
    app = built_root("feed", obsidian_feed_date_properties=["updated", "date"])
    entries = _entries(_feed(app))
    # ``updated`` first: revised is dated by its revision, and its date is earlier
    assert [entry["title"] for entry in entries[:2]] == ["Revised", "Second light"]
    assert (entries[0]["published"], entries[0]["updated"]) == (None, "2024-06-10T00:00:00Z")


# -- lists of recent notes ---------------------------------------------------------------

_ITEM = re.compile(
    r'<li><p><a class="reference internal" href="([^"]*)"><span class="doc">([^<]*)</span></a>'
    r' — <span class="obsidian-recent-date">([^<]*)</span></p></li>'
)


def _recent_lists(html: str) -> list[list[tuple[str, str, str]]]:
    """Each list of recent notes of a page: (href, title, date) per note."""
    lists = re.findall(r'<ul class="obsidian-recent simple">(.*?)</ul>', html, re.S)
    return [_ITEM.findall(listing) for listing in lists]


def test_a_list_shows_the_newest_notes(built_root: Callable[..., SphinxTestApp]) -> None:
    app = built_root("recent")
    assert _recent_lists(main_content(app, "index")) == [
        [
            # the date as written (01:30 at +02:00 is the evening before in UTC)
            ("journal/2024/june.html", "June", "2024-06-21"),
            ("notes/essay.html", "An essay", "2024-05-30"),
            ("journal/2024/march.html", "March", "2024-03-14"),
        ]
    ]


def test_a_list_of_a_folder_in_restructuredtext(built_root: Callable[..., SphinxTestApp]) -> None:
    app = built_root("recent")
    # ten by default; the notes of the folder and of its folders
    assert _recent_lists(main_content(app, "journal")) == [
        [
            ("journal/2024/june.html", "June", "2024-06-21"),
            ("journal/2024/march.html", "March", "2024-03-14"),
            ("journal/january.html", "January", "2024-01-05"),
        ]
    ]


def test_a_limit_of_zero_lists_every_dated_note(built_root: Callable[..., SphinxTestApp]) -> None:
    app = built_root("recent")
    every = [
        ("journal/2024/june.html", "June", "2024-06-21"),
        ("notes/essay.html", "An essay", "2024-05-30"),
        ("journal/2024/march.html", "March", "2024-03-14"),
        ("journal/january.html", "January", "2024-01-05"),
        ("notes/older.html", "Older", "2023-11-02"),
    ]
    # the list of a folder without dated notes is left out, not shown empty
    assert _recent_lists(main_content(app, "all")) == [every]
    assert "A folder without dated notes lists nothing:</p>\n</section>" in main_content(app, "all")
    # an embedded list is filled in the embedding page
    assert _recent_lists(main_content(app, "digest")) == [every]


def test_a_list_in_plain_text(built_root: Callable[..., SphinxTestApp]) -> None:
    app = built_root("recent", "text")
    text = (Path(app.outdir) / "index.txt").read_text(encoding="utf-8")
    assert text.startswith(
        "Home\n****\n\nThe three newest notes:\n\n"
        "* June — 2024-06-21\n\n* An essay — 2024-05-30\n\n* March — 2024-03-14\n\n"
    )


@pytest.mark.parametrize(
    ("builder", "page", "expected"),
    [
        ("dirhtml", "index.html", '<a class="reference internal" href="journal/2024/june/">'),
        (
            "singlehtml",
            "index.html",
            '<a class="reference internal" href="#document-journal/2024/june">',
        ),
        (
            "latex",
            "recent.tex",
            r"{\hyperref[\detokenize{journal/2024/june::doc}]{\sphinxcrossref{\DUrole{doc}{June}}}}"
            r" — \DUrole{obsidian-recent-date}{2024\sphinxhyphen{}06\sphinxhyphen{}21}",
        ),
        ("epub", "index.xhtml", '<a class="reference internal" href="journal/2024/june.xhtml">'),
    ],
)
def test_lists_are_filled_in_every_builder(
    built_root: Callable[..., SphinxTestApp], builder: str, page: str, expected: str
) -> None:
    app = built_root("recent", builder, copyright="2026", version="1")
    written = (Path(app.outdir) / page).read_text(encoding="utf-8")
    assert expected in written


def test_a_vault_with_free_text_dates_builds_with_warnings_as_errors(tmp_path: Path) -> None:
    # a command of its own: the builds of this module share the process's node registry
    out = tmp_path / "html"
    done = subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "-q", "-b", "html", ROOTS / "test-recent", out],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert (out / "atom.xml").is_file()


def test_a_limit_that_is_no_number_is_an_error_of_the_directive(
    copy_root: Callable[[str], Path],
    build,  # type: ignore[no-untyped-def]
) -> None:
    src = copy_root("recent")
    (src / "index.md").write_text(
        "# Home\n\n```{obsidian-recent}\n:limit: many\n```\n", encoding="utf-8"
    )
    app = build(src)
    (problem,) = [line for line in warning_lines(app) if "obsidian-recent" in line]
    # MyST's own warning, at the note (MyST 4 names the file ``index.md.rst``)
    assert problem.startswith("<src>/index.md")
    assert "Invalid option value for 'limit'" in problem
    assert problem.endswith("[myst.directive_option]")
    # MyST runs the directive without the option: ten notes, here the five there are
    assert len(_recent_lists(main_content(app, "index"))[0]) == 5


def test_a_folder_with_no_page_warns_at_the_directive(
    copy_root: Callable[[str], Path],
    build,  # type: ignore[no-untyped-def]
) -> None:
    src = copy_root("recent")
    (src / "index.md").write_text(
        "# Home\n\nThe journal:\n\n```{obsidian-recent}\n:folder: jornal\n```\n",
        encoding="utf-8",
    )
    app = build(src)
    assert obsidian_warnings(app) == [
        "<src>/index.md:5: WARNING: obsidian-recent: the project has no page in the folder "
        "'jornal'; the list is empty [obsidian.unresolved]"
    ]
    assert _recent_lists(main_content(app, "index")) == []


# -- incremental builds ------------------------------------------------------------------


def test_a_new_dated_note_reaches_the_feed_and_unchanged_lists(
    copy_root: Callable[[str], Path],
    build,  # type: ignore[no-untyped-def]
) -> None:
    src = copy_root("recent")
    build(src)
    (src / "notes" / "new.md").write_text(
        "---\ndate: 2024-07-01\n---\n# Newest\n\nJust planted.\n", encoding="utf-8"
    )
    second = build(src)
    # index, all and digest are not read again, but written again
    assert "index" not in second.documents_read
    assert "digest" not in second.documents_read
    assert "notes/new" in second.documents_read
    assert _recent_lists(main_content(second, "index")) == [
        [
            ("notes/new.html", "Newest", "2024-07-01"),
            ("journal/2024/june.html", "June", "2024-06-21"),
            ("notes/essay.html", "An essay", "2024-05-30"),
        ]
    ]
    assert _recent_lists(main_content(second, "digest"))[0][0] == (
        "notes/new.html",
        "Newest",
        "2024-07-01",
    )
    entries = _entries(_feed(second))
    assert (entries[0]["title"], entries[0]["id"]) == ("Newest", _urn("notes/new", "Recent"))
    (src / "notes" / "new.md").unlink()
    third = build(src)
    assert _recent_lists(main_content(third, "index"))[0][0] == (
        "journal/2024/june.html",
        "June",
        "2024-06-21",
    )
    assert _entries(_feed(third))[0]["title"] == "June"


def test_the_first_dated_note_links_the_feed_from_unchanged_pages(
    copy_root: Callable[[str], Path],
    build,  # type: ignore[no-untyped-def]
) -> None:
    src = copy_root("feed-none")
    first = build(src)
    assert _feed_links(first, "index.html") == []
    draft = src / "draft.md"
    draft.write_text(
        draft.read_text(encoding="utf-8").replace("status:", "date: 2024-05-01\nstatus:")
    )
    second = build(src)
    assert second.documents_read == ["draft"]
    assert _feed_links(second, "index.html") == [
        '<link rel="alternate" type="application/atom+xml" title="Quiet (Atom)" href="atom.xml" />'
    ]
    assert [entry["title"] for entry in _entries(_feed(second))] == ["Draft"]
    # and when no note is dated any more, the feed and the links go
    draft.write_text("# Draft\n\nUndated again.\n", encoding="utf-8")
    third = build(src)
    assert not (Path(third.outdir) / "atom.xml").exists()
    assert _feed_links(third, "index.html") == []


def test_a_page_where_the_feed_would_be_keeps_its_place(
    copy_root: Callable[[str], Path],
    build,  # type: ignore[no-untyped-def]
) -> None:
    src = copy_root("feed")
    # in dirhtml, the note ``atom.xml`` is the folder ``atom.xml/``
    (src / "atom.xml.md").write_text("# Feed notes\n\nText.\n", encoding="utf-8")
    app = build(src, "dirhtml")
    assert [line for line in obsidian_warnings(app) if "obsidian.feed" in line] == [
        "<src>/conf.py:1: WARNING: the feed 'atom.xml' is not written: a page of the site, "
        "or a folder, is there [obsidian.feed]"
    ]
    assert (Path(app.outdir) / "atom.xml" / "index.html").is_file()


def test_a_feed_cannot_be_named_like_a_page(make_app: Callable[..., SphinxTestApp]) -> None:
    with pytest.raises(ConfigError) as raised:
        make_app(
            "html",
            srcdir=ROOTS / "test-feed-none",
            confoverrides={"obsidian_feed_filename": "index.html"},
        )
    assert str(raised.value) == (
        "sphinxext-obsidian: obsidian_feed_filename = 'index.html': a name ending in '.html' "
        "is a page's; the feed is XML, such as 'atom.xml'"
    )
