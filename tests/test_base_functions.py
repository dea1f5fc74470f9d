"""Evaluating Bases expressions over notes (``base_functions``): values, operators, functions.

Each test builds the few notes it needs. ``ev(source, **properties)``
evaluates an expression for a note ``Notes/Note.md`` with those front
matter properties, in a small vault where ``this`` is ``People/Frank
Herbert.md`` and links resolve by note name or path.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, timedelta, timezone

import pytest

from sphinxext.obsidian.base_expressions import parse
from sphinxext.obsidian.base_functions import (
    MAX_FORMULA_DEPTH,
    SUMMARIES,
    SUPPORTED,
    UNSUPPORTED,
    Context,
    Duration,
    FileValue,
    FormulaCycle,
    Link,
    NoteFacts,
    Regex,
    Unsupported,
    Value,
    Widget,
    column_value,
    display,
    evaluate,
    evaluate_formula,
    is_truthy,
    matches,
    sort_key,
    summarise,
)

NOW = datetime(2025, 6, 1, 12, 30, 15)


def note(
    path: str,
    *,
    props: Mapping[str, object] | None = None,
    tags: tuple[str, ...] = (),
    links: tuple[str, ...] = (),
    embeds: tuple[str, ...] = (),
    backlinks: tuple[str, ...] = (),
    size: int = 0,
    ctime: datetime = NOW,
    mtime: datetime = NOW,
) -> NoteFacts:
    return NoteFacts.from_path(
        path,
        ctime=ctime,
        mtime=mtime,
        size=size,
        tags=tags,
        links=links,
        embeds=embeds,
        backlinks=backlinks,
        properties=props,
    )


BOOKS = note("Categories/Books.md")
FRANK = note("People/Frank Herbert.md", props={"related": ["[[Dune]]"]}, links=("Books/Dune.md",))
DUNE = note(
    "Books/Dune.md",
    props={"categories": ["[[Books]]"], "author": "[[Frank Herbert]]"},
    links=("Categories/Books.md", "People/Frank Herbert.md"),
)
COVER = note("Attachments/cover.jpg", size=2048)
VAULT = (BOOKS, FRANK, DUNE, COVER)


def resolver(notes: tuple[NoteFacts, ...]) -> dict[str, str]:
    """Link names to paths: a note's name (without ``.md``), its path with and without ``.md``."""
    names: dict[str, str] = {}
    for facts in notes:
        stem = facts.basename if facts.ext == "md" else facts.name
        for key in (stem, facts.path, facts.path.removesuffix(".md")):
            names[key.casefold()] = facts.path
    return names


def context(
    file: NoteFacts | None,
    *others: NoteFacts,
    this: NoteFacts | None = FRANK,
    formulas: Mapping[str, object] | None = None,
) -> Context:
    notes = tuple({n.path: n for n in (*VAULT, *others, *([file] if file else []))}.values())
    names = resolver(notes)

    def resolve(text: str) -> str | None:
        return names.get(text.partition("#")[0].strip().casefold())

    return Context(
        now=NOW,
        file=file,
        this=this,
        formulas=dict(formulas or {}),  # type: ignore[arg-type]
        resolve=resolve,
        notes_by_path={n.path: n for n in notes},
    )


def ev(source: str, **props: object) -> Value:
    return evaluate(source, context(note("Notes/Note.md", props=props)))


def ev_file(source: str, file: NoteFacts, *others: NoteFacts, **kwargs: object) -> Value:
    return evaluate(source, context(file, *others, **kwargs))  # type: ignore[arg-type]


def unsupported(source: str, **props: object) -> Unsupported:
    with pytest.raises(Unsupported) as raised:
        ev(source, **props)
    return raised.value


# -- note properties -------------------------------------------------------------------


def test_a_bare_name_reads_the_note_property() -> None:
    assert ev("status", status="done") == "done"


def test_note_dot_name_reads_the_same_property() -> None:
    assert ev("note.status", status="done") == "done"


def test_bracketed_names_read_properties_with_spaces() -> None:
    assert ev('note["my prop"]', **{"my prop": 3}) == 3


def test_a_missing_property_is_null_not_an_error() -> None:
    assert ev("nothing") is None
    assert ev("note.nothing") is None


def test_a_property_name_matches_case_insensitively_when_no_exact_match() -> None:
    assert ev("status", Status="open") == "open"


def test_an_exact_property_name_wins_over_a_case_insensitive_one() -> None:
    assert ev("status", Status="upper", status="lower") == "lower"


def test_a_wikilink_property_is_a_link() -> None:
    assert ev("up", up="[[Books]]") == Link("Books", "Categories/Books.md")


def test_a_wikilink_with_display_text_keeps_it() -> None:
    assert ev("up", up="[[Books|My books]]") == Link("Books", "Categories/Books.md", "My books")


def test_a_wikilink_to_no_note_is_an_unresolved_link() -> None:
    assert ev("up", up="[[Nowhere]]") == Link("Nowhere", None)


def test_text_around_a_wikilink_keeps_it_text() -> None:
    assert ev("up", up="see [[Books]]") == "see [[Books]]"


def test_yaml_dates_stay_dates() -> None:
    assert ev("day", day=date(2024, 1, 15)) == date(2024, 1, 15)


def test_a_datetime_with_a_zone_is_moved_to_utc() -> None:
    aware = datetime(2024, 1, 15, 12, 0, tzinfo=timezone(timedelta(hours=2)))
    assert ev("at", at=aware) == datetime(2024, 1, 15, 10, 0)


def test_nested_mappings_are_objects() -> None:
    assert ev("meta.inner.deep", meta={"inner": {"deep": 1}}) == 1


# -- links compared with links, files and text -----------------------------------------


def test_a_wikilink_list_contains_the_link_to_its_note() -> None:
    assert ev('categories.contains(link("Books"))', categories=["[[Books]]"]) is True


def test_a_wikilink_list_does_not_contain_a_link_to_another_note() -> None:
    assert ev('categories.contains(link("Dune"))', categories=["[[Books]]"]) is False


def test_links_written_differently_to_one_note_are_equal() -> None:
    assert ev('link("Books") == link("Categories/Books.md")') is True


def test_unresolved_links_are_equal_when_their_text_is() -> None:
    assert ev('link("Nowhere") == link("nowhere")') is True
    assert ev('link("Nowhere") == link("Elsewhere")') is False


def test_a_link_equals_the_file_it_resolves_to() -> None:
    assert ev("author == this", author="[[Frank Herbert]]") is True


def test_a_link_list_contains_this_note() -> None:
    assert ev("list(author).contains(this)", author="[[Frank Herbert]]") is True


def test_a_link_list_does_not_contain_another_note() -> None:
    assert ev("list(author).contains(this)", author="[[Dune]]") is False


def test_a_link_equals_a_string_naming_the_same_note() -> None:
    assert ev('up == "Books"', up="[[Books]]") is True
    assert ev('up == "[[Books]]"', up="[[Books]]") is True


def test_a_plain_string_property_equals_a_link_to_the_note_it_names() -> None:
    assert ev('up == link("Books")', up="Books") is True


def test_file_links_contain_this_file() -> None:
    assert ev_file("file.links.contains(this.file)", DUNE) is True


def test_link_display_text_does_not_change_equality() -> None:
    assert ev('link("Books", "shelf") == link("Books")') is True


# -- file properties -------------------------------------------------------------------

REPORT = note(
    "Work/Reports/Q1 report.md",
    props={"status": "draft"},
    tags=("work", "topic/sub"),
    links=("Categories/Books.md",),
    embeds=("Attachments/cover.jpg",),
    backlinks=("Books/Dune.md",),
    size=1234,
    ctime=datetime(2024, 1, 2, 3, 4, 5),
    mtime=datetime(2024, 2, 3, 4, 5, 6),
)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("name", "Q1 report.md"),
        ("basename", "Q1 report"),
        ("path", "Work/Reports/Q1 report.md"),
        ("folder", "Work/Reports"),
        ("ext", "md"),
        ("size", 1234),
        ("ctime", datetime(2024, 1, 2, 3, 4, 5)),
        ("mtime", datetime(2024, 2, 3, 4, 5, 6)),
        ("tags", ["work", "topic/sub"]),
        ("links", [Link("Categories/Books.md", "Categories/Books.md")]),
        ("embeds", [Link("Attachments/cover.jpg", "Attachments/cover.jpg")]),
        ("backlinks", [Link("Books/Dune.md", "Books/Dune.md")]),
        ("properties", {"status": "draft"}),
    ],
)
def test_file_fields_describe_the_file(field: str, value: object) -> None:
    assert ev_file(f"file.{field}", REPORT) == value


def test_file_file_is_the_file_itself() -> None:
    found = ev_file("file.file", REPORT)
    assert isinstance(found, FileValue)
    assert found.facts is REPORT


def test_a_file_at_the_root_has_an_empty_folder() -> None:
    assert ev_file("file.folder", note("Top.md")) == ""


def test_an_unknown_file_field_is_unsupported() -> None:
    with pytest.raises(Unsupported) as raised:
        ev_file("file.created", REPORT)
    assert (raised.value.name, raised.value.reason) == ("file.created", "not a file property")


def test_file_fields_can_be_read_with_brackets() -> None:
    assert ev_file('file["basename"]', REPORT) == "Q1 report"


# -- tags ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ('"work"', True),
        ('"Work"', True),
        ('"#work"', True),
        ('"topic"', True),
        ('"topic/sub"', True),
        ('"TOPIC/SUB"', True),
        ('"sub"', False),
        ('"top"', False),
        ('"topic/sub/deeper"', False),
        ('"play"', False),
        ('"play", "work"', True),
        ('["play", "topic"]', True),
    ],
)
def test_has_tag_finds_a_tag_or_its_nested_children_case_insensitively(
    query: str, found: bool
) -> None:
    assert ev_file(f"file.hasTag({query})", REPORT) is found


def test_file_tags_is_the_tags_as_written() -> None:
    assert ev_file('file.tags.contains("topic")', REPORT) is False
    assert ev_file('file.tags.contains("topic/sub")', REPORT) is True


# -- folders ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("folder", "inside"),
    [
        ("Work", True),
        ("Work/Reports", True),
        ("/Work/", True),
        ("", True),
        ("Wor", False),
        ("Reports", False),
        ("work", False),
        ("Work/Reports/Q1 report.md", False),
    ],
)
def test_in_folder_includes_sub_folders(folder: str, inside: bool) -> None:
    assert ev_file(f'file.inFolder("{folder}")', REPORT) is inside


# -- links of a file -------------------------------------------------------------------


def test_has_link_takes_a_file() -> None:
    assert ev_file("file.hasLink(this)", DUNE) is True


def test_has_link_takes_a_note_name() -> None:
    assert ev_file('file.hasLink("Books")', DUNE) is True


def test_has_link_takes_a_path() -> None:
    assert ev_file('file.hasLink("Categories/Books.md")', DUNE) is True


def test_has_link_takes_a_link() -> None:
    assert ev_file('file.hasLink(link("Books"))', DUNE) is True


def test_has_link_is_false_for_a_file_not_linked() -> None:
    assert ev_file('file.hasLink("Nowhere")', DUNE) is False


def test_has_link_counts_embeds() -> None:
    assert ev_file("this.file.hasLink(file)", COVER, this=REPORT) is True


def test_has_property_is_true_for_a_property_present_even_if_empty() -> None:
    assert ev("file.hasProperty('status')", status=None) is True
    assert ev("file.hasProperty('other')", status=None) is False


def test_as_link_links_to_the_file() -> None:
    assert ev_file('file.asLink("see")', DUNE) == Link("Books/Dune.md", "Books/Dune.md", "see")


def test_link_as_file_gives_the_note() -> None:
    assert ev('link("Dune").asFile().basename') == "Dune"


def test_link_as_file_of_an_unresolved_link_is_null() -> None:
    assert ev('link("Nowhere").asFile()') is None


def test_properties_of_a_linked_note_are_reachable() -> None:
    assert ev('link("Dune").asFile().properties.categories') == [
        Link("Books", "Categories/Books.md")
    ]


def test_links_to_asks_whether_the_linked_note_links_to_a_file() -> None:
    assert ev('link("Dune").linksTo(link("Books"))') is True
    assert ev('link("Books").linksTo(link("Dune"))') is False


def test_file_of_a_path_gives_the_file() -> None:
    assert ev('file("Books/Dune.md").name') == "Dune.md"


def test_file_of_a_link_gives_the_file() -> None:
    assert ev('file(link("[[Dune]]")).name') == "Dune.md"


def test_file_of_an_unknown_path_is_null() -> None:
    assert ev('file("No/such.md")') is None


# -- this ------------------------------------------------------------------------------


def test_this_file_name_is_the_viewing_notes_name() -> None:
    assert ev("this.file.name") == "Frank Herbert.md"


def test_this_reads_the_viewing_notes_properties() -> None:
    assert ev("this.related") == [Link("Dune", "Books/Dune.md")]


def test_without_a_viewing_note_this_is_null() -> None:
    ctx = context(note("Notes/Note.md"), this=None)
    assert evaluate("this", ctx) is None
    assert evaluate("this.file.name", ctx) is None


def test_a_list_contains_any_of_a_list_argument() -> None:
    assert ev("list(loc).containsAny(this.related)", loc=["[[Dune]]"]) is True


# -- formulas --------------------------------------------------------------------------


def test_a_formula_is_read_through_formula_dot_name() -> None:
    ctx = context(note("N.md", props={"price": 3}), formulas={"double": parse("price * 2")})
    assert evaluate("formula.double", ctx) == 6


def test_a_formula_may_be_given_as_text() -> None:
    ctx = context(note("N.md", props={"price": 3}), formulas={"double": "price * 2"})
    assert evaluate_formula("double", ctx) == 6


def test_formulas_may_use_other_formulas() -> None:
    formulas = {"a": "price * 2", "b": "formula.a + 1", "c": 'formula["b"] * 10'}
    ctx = context(note("N.md", props={"price": 3}), formulas=formulas)
    assert evaluate("formula.c", ctx) == 70


def test_a_circular_formula_is_a_formula_cycle() -> None:
    ctx = context(note("N.md"), formulas={"a": "formula.b + 1", "b": "formula.a"})
    with pytest.raises(FormulaCycle) as raised:
        evaluate("formula.a", ctx)
    assert raised.value.reason == "circular reference: a -> b -> a"


def test_a_formula_that_refers_to_itself_is_a_cycle() -> None:
    ctx = context(note("N.md"), formulas={"a": "formula.a"})
    with pytest.raises(FormulaCycle):
        evaluate_formula("a", ctx)


def test_a_formula_cycle_is_unsupported() -> None:
    assert issubclass(FormulaCycle, Unsupported)


def test_a_missing_formula_is_unsupported() -> None:
    ctx = context(note("N.md"), formulas={})
    with pytest.raises(Unsupported) as raised:
        evaluate("formula.nothing", ctx)
    assert raised.value.name == "formula.nothing"


def test_a_formula_that_does_not_parse_is_unsupported() -> None:
    ctx = context(note("N.md"), formulas={"bad": "1 +"})
    with pytest.raises(Unsupported) as raised:
        evaluate_formula("bad", ctx)
    assert raised.value.reason.startswith("syntax error: unexpected end of expression")


def test_formulas_chained_too_deeply_are_unsupported() -> None:
    formulas = {f"f{n}": f"formula.f{n + 1}" for n in range(MAX_FORMULA_DEPTH + 5)}
    formulas[f"f{MAX_FORMULA_DEPTH + 5}"] = "1"
    ctx = context(note("N.md"), formulas=formulas)
    with pytest.raises(Unsupported) as raised:
        evaluate_formula("f0", ctx)
    assert raised.value.reason == "formulas refer to one another too deeply"


def test_a_formula_is_evaluated_for_each_note_on_its_own() -> None:
    ctx = context(note("A.md", props={"n": 1}), formulas={"twice": "n * 2"})
    assert evaluate_formula("twice", ctx) == 2
    assert evaluate_formula("twice", ctx.for_file(note("B.md", props={"n": 5}))) == 10


def test_bare_formula_is_unsupported() -> None:
    assert unsupported("formula").name == "formula"


# -- arithmetic and comparison ---------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "value"),
    [
        ("1 + 2 * 3", 7),
        ("(1 + 2) * 3", 9),
        ("10 - 4 - 3", 3),
        ("7 / 2", 3.5),
        ("6 / 3", 2),
        ("7 % 3", 1),
        ("-7 % 3", -1),
        ("2.5 * 2", 5.0),
        ("-(3)", -3),
        ('"a" + 1', "a1"),
        ('1 + "a"', "1a"),
        ('"n: " + true', "n: true"),
        ('"x" + null', "x"),
    ],
)
def test_arithmetic_follows_javascript(source: str, value: object) -> None:
    assert ev(source) == value


def test_division_by_zero_is_null() -> None:
    assert ev("1 / 0") is None
    assert ev("1 % 0") is None


def test_arithmetic_with_null_is_null() -> None:
    assert ev("missing + 1") is None
    assert ev("missing * 2") is None


def test_arithmetic_on_a_list_is_null() -> None:
    assert ev("[1] * 2") is None


@pytest.mark.parametrize(
    ("source", "value"),
    [
        ("2 > 1", True),
        ("2 < 1", False),
        ("2 >= 2", True),
        ("2 <= 1", False),
        ("1 == 1.0", True),
        ('"abc" < "abd"', True),
        ('"7" == 7', True),
        ('"10" > 9', True),
        ('"abc" > 1', False),
        ("true == 1", False),
        ("true == true", True),
        ("[1, [2]] == [1, [2]]", True),
        ('{"a": 1} == {"a": 1}', True),
        ('{"a": 1} == {"a": 2}', False),
        ("null == null", True),
        ("null != 1", True),
    ],
)
def test_comparisons(source: str, value: bool) -> None:
    assert ev(source) is value


@pytest.mark.parametrize("op", ["<", ">", "<=", ">=", "=="])
def test_comparing_with_null_is_false(op: str) -> None:
    assert ev(f"missing {op} 1") is False


def test_dates_compare_with_datetimes() -> None:
    assert ev("day < at", day=date(2024, 1, 1), at=datetime(2024, 1, 1, 0, 0, 1)) is True
    assert ev("day == at", day=date(2024, 1, 1), at=datetime(2024, 1, 1)) is True


def test_dates_compare_with_date_strings() -> None:
    assert ev('day > "2023-12-31"', day=date(2024, 1, 1)) is True
    assert ev('day == "2024-01-01"', day=date(2024, 1, 1)) is True


def test_a_number_property_compares_with_a_number() -> None:
    assert ev("rating > 6", rating=7) is True
    assert ev("rating > 6", rating=5) is False


# -- logic and truthiness --------------------------------------------------------------


def test_and_and_or_give_booleans() -> None:
    assert ev('1 && "x"') is True
    assert ev("0 || null") is False


def test_or_stops_at_the_first_true_term() -> None:
    assert ev("true || bogus()") is True


def test_and_stops_at_the_first_false_term() -> None:
    assert ev("false && bogus()") is False


def test_not_of_null_is_true() -> None:
    assert ev("!missing") is True


@pytest.mark.parametrize(
    ("value", "truthy"),
    [
        (None, False),
        (False, False),
        (True, True),
        (0, False),
        (0.0, False),
        (float("nan"), False),
        (-1, True),
        ("", False),
        ("0", True),
        ([], False),
        ([0], True),
        ({}, False),
        ({"a": 1}, True),
        (date(2024, 1, 1), True),
        (Duration(0, 0), False),
        (Duration(0, 1), True),
        (Link("x"), True),
    ],
)
def test_truthiness(value: Value, truthy: bool) -> None:
    assert is_truthy(value) is truthy


# -- dates and durations ---------------------------------------------------------------


def test_now_is_the_contexts_moment() -> None:
    assert ev("now()") == NOW


def test_today_is_the_contexts_day() -> None:
    assert ev("today()") == date(2025, 6, 1)


def test_subtracting_a_duration_string_from_now_gives_a_datetime() -> None:
    assert ev('now() - "1 week"') == NOW - timedelta(days=7)


def test_adding_days_to_a_date_keeps_a_date() -> None:
    assert ev('day + "3d"', day=date(2024, 2, 27)) == date(2024, 3, 1)


def test_adding_hours_to_a_date_gives_a_datetime() -> None:
    assert ev('day + "2h"', day=date(2024, 2, 27)) == datetime(2024, 2, 27, 2, 0)


def test_months_are_calendar_months_kept_inside_the_month() -> None:
    assert ev('day + "1M"', day=date(2024, 1, 31)) == date(2024, 2, 29)
    assert ev('day - "1 year"', day=date(2024, 2, 29)) == date(2023, 2, 28)


def test_the_help_pages_date_sum() -> None:
    assert ev('date("2024-12-01") + "1M" + "4h" + "3m"') == datetime(2025, 1, 1, 4, 3)


@pytest.mark.parametrize(
    ("text", "delta"),
    [
        ("1s", timedelta(seconds=1)),
        ("2 seconds", timedelta(seconds=2)),
        ("5m", timedelta(minutes=5)),
        ("1 minute", timedelta(minutes=1)),
        ("3h", timedelta(hours=3)),
        ("2 hours", timedelta(hours=2)),
        ("1d", timedelta(days=1)),
        ("10 days", timedelta(days=10)),
        ("2w", timedelta(weeks=2)),
        ("1 week", timedelta(weeks=1)),
        ("1d 12h", timedelta(days=1, hours=12)),
        ("1 Day", timedelta(days=1)),
    ],
)
def test_duration_units(text: str, delta: timedelta) -> None:
    assert ev(f'now() + "{text}"') == NOW + delta


def test_a_capital_m_is_months_and_a_small_m_minutes() -> None:
    assert ev('day + "1M"', day=date(2024, 1, 15)) == date(2024, 2, 15)
    assert ev('day + "1m"', day=date(2024, 1, 15)) == datetime(2024, 1, 15, 0, 1)


def test_a_date_plus_text_that_is_no_duration_is_null() -> None:
    assert ev('today() + "soon"') is None


def test_subtracting_dates_gives_a_duration_in_milliseconds() -> None:
    assert ev('(now() + "1d") - now()') == Duration(0, 86_400_000)
    assert ev('((now() + "1d") - now()) == 86400000') is True


def test_a_durations_fields_measure_the_whole_span() -> None:
    assert ev("(b - a).days", a=date(2024, 1, 1), b=date(2024, 1, 11)) == 10
    assert ev("(b - a).hours", a=date(2024, 1, 1), b=date(2024, 1, 2)) == 24
    assert ev("(b - a).weeks", a=date(2024, 1, 1), b=date(2024, 1, 15)) == 2


def test_an_age_in_years_floors_a_fractional_span() -> None:
    assert ev("(now() - birthday).years.floor()", birthday=date(1990, 6, 2)) == 34
    assert ev("(now() - birthday).years.floor()", birthday=date(1990, 6, 1)) == 35


def test_months_owned_round_a_fractional_span() -> None:
    assert ev("((now() - acquired).months).round()", acquired=date(2024, 1, 1)) == 17


def test_a_duration_times_a_number_is_a_duration() -> None:
    assert ev("now() + (duration('1d') * 2)") == NOW + timedelta(days=2)


def test_a_number_times_a_duration_is_unsupported() -> None:
    error = unsupported("2 * duration('1d')")
    assert error.reason == "a duration must be on the left of a number: duration('1d') * 2"


def test_durations_add_and_compare() -> None:
    assert ev("duration('1d') + duration('12h') > duration('1d')") is True


def test_duration_of_text_that_is_no_duration_is_null() -> None:
    assert ev("duration('soon')") is None


@pytest.mark.parametrize(
    ("source", "value"),
    [
        ('date("2025-05-27")', date(2025, 5, 27)),
        ('date("2025-05-27 13:45")', datetime(2025, 5, 27, 13, 45)),
        ('date("2025-05-27 13:45:10")', datetime(2025, 5, 27, 13, 45, 10)),
        ('date("2025-05-27T13:45:10Z")', datetime(2025, 5, 27, 13, 45, 10)),
        ('date("2025-05-27T13:45:10+02:00")', datetime(2025, 5, 27, 11, 45, 10)),
        ('date("next week")', None),
    ],
)
def test_date_parses_text(source: str, value: object) -> None:
    assert ev(source) == value


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("year", 2025),
        ("month", 6),
        ("day", 1),
        ("hour", 12),
        ("minute", 30),
        ("second", 15),
        ("millisecond", 0),
    ],
)
def test_date_fields(field: str, value: int) -> None:
    assert ev(f"now().{field}") == value


def test_a_plain_dates_time_fields_are_zero() -> None:
    assert ev("today().hour") == 0


def test_date_date_drops_the_time() -> None:
    assert ev("now().date()") == date(2025, 6, 1)


def test_date_time_gives_the_time() -> None:
    assert ev("now().time()") == "12:30:15"


@pytest.mark.parametrize(
    ("pattern", "text"),
    [
        ("YYYY-MM-DD", "2025-06-01"),
        ("YYYY-MM-DD HH:mm:ss", "2025-06-01 12:30:15"),
        ("D/M/YY", "1/6/25"),
        ("dddd, MMMM Do YYYY", "Sunday, June 1st 2025"),
        ("ddd MMM D", "Sun Jun 1"),
        ("h:mm A", "12:30 PM"),
        ("[Week] W, GGGG", "Week 22, 2025"),
        ("[week] w", "week 23"),
        ("Q", "2"),
        ("DDDD", "152"),
        ("X", "1748781015"),
    ],
)
def test_format_takes_moment_patterns(pattern: str, text: str) -> None:
    assert ev(f'now().format("{pattern}")') == text


@pytest.mark.parametrize(
    ("moment", "text"),
    [
        (NOW - timedelta(seconds=10), "a few seconds ago"),
        (NOW - timedelta(minutes=1), "a minute ago"),
        (NOW - timedelta(minutes=5), "5 minutes ago"),
        (NOW - timedelta(hours=1), "an hour ago"),
        (NOW - timedelta(hours=3), "3 hours ago"),
        (NOW - timedelta(days=1), "a day ago"),
        (NOW - timedelta(days=3), "3 days ago"),
        (NOW - timedelta(days=30), "a month ago"),
        (NOW - timedelta(days=100), "3 months ago"),
        (NOW - timedelta(days=365), "a year ago"),
        (NOW - timedelta(days=365 * 3), "3 years ago"),
        (NOW + timedelta(days=3), "in 3 days"),
    ],
)
def test_relative_says_how_long_ago_from_the_build(moment: datetime, text: str) -> None:
    assert ev("at.relative()", at=moment) == text


def test_a_date_is_never_empty() -> None:
    assert ev("today().isEmpty()") is False


# -- strings ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "value"),
    [
        ('"hello".contains("ell")', True),
        ('"hello".contains("xyz")', False),
        ('"hello".containsAll("h", "e")', True),
        ('"hello".containsAll("h", "x")', False),
        ('"hello".containsAny("x", "y", "e")', True),
        ('"hello".containsAny("x", "y")', False),
        ('"hello".startsWith("he")', True),
        ('"hello".endsWith("lo")', True),
        ('"".isEmpty()', True),
        ('"Hello world".isEmpty()', False),
        ('"HeLLo".lower()', "hello"),
        ('"a-b-a".replace("a", "x")', "x-b-x"),
        ('"a:b:c:d".replace(/:/, "-")', "a-b:c:d"),
        ('"a:b:c:d".replace(/:/g, "-")', "a-b-c-d"),
        ('"John Smith".replace(/(\\w+) (\\w+)/, "$2, $1")', "Smith, John"),
        ('"abc".replace(/b/, "[$&]")', "a[b]c"),
        ('"ABC".replace(/b/i, "x")', "AxC"),
        ('"123".repeat(2)', "123123"),
        ('"hello".reverse()', "olleh"),
        ('"hello".slice(1, 4)', "ell"),
        ('"hello".slice(1)', "ello"),
        ('"hello".slice(-3)', "llo"),
        ('"a,b,c,d".split(",")', ["a", "b", "c", "d"]),
        ('"a,b,c,d".split(",", 3)', ["a", "b", "c"]),
        ('"a,b,,c".split(/,+/)', ["a", "b", "c"]),
        ('"abc".split("")', ["a", "b", "c"]),
        ('"hello world".title()', "Hello World"),
        ('"  hi  ".trim()', "hi"),
        ('"hello".length', 5),
        ('"hello"[1]', "e"),
    ],
)
def test_string_functions(source: str, value: object) -> None:
    assert ev(source) == value


def test_string_contains_takes_a_number_as_its_text() -> None:
    assert ev('"a1".contains(1)') is True


def test_string_functions_apply_to_a_links_path() -> None:
    assert ev('file.embeds[0].containsAny("jpg", "png")') is None
    assert ev_file('file.embeds[0].containsAny("jpg", "png")', REPORT) is True


def test_a_string_function_with_a_null_argument_is_null() -> None:
    assert ev('"abc".contains(missing)') is None


def test_a_string_function_with_a_list_argument_is_unsupported() -> None:
    error = unsupported('"abc".startsWith([1])')
    assert (error.name, error.reason) == ("String.startsWith", "expects text, not a list")


def test_a_huge_repeat_is_unsupported() -> None:
    assert unsupported('"x".repeat(10000000)').name == "String.repeat"


# -- numbers ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "value"),
    [
        ("(-5).abs()", 5),
        ("(2.1).ceil()", 3),
        ("(2.9).floor()", 2),
        ("(2.5).round()", 3),
        ("(-2.5).round()", -2),
        ("(2.3333).round(2)", 2.33),
        ("(3.14159).toFixed(2)", "3.14"),
        ("(2.5).toFixed(0)", "3"),
        ("(1).toFixed(2)", "1.00"),
        ("(-1.005).toFixed(1)", "-1.0"),
        ("5.isEmpty()", False),
    ],
)
def test_number_functions(source: str, value: object) -> None:
    assert ev(source) == value


def test_round_without_digits_gives_a_whole_number() -> None:
    assert isinstance(ev("(2.4).round()"), int)


# -- lists -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "value"),
    [
        ("[1,2,3].contains(2)", True),
        ("[1,2,3].contains(5)", False),
        ("[1,2,3].containsAll(2,3)", True),
        ("[1,2,3].containsAll(2,4)", False),
        ("[1,2,3].containsAny(3,4)", True),
        ("[1,2,3].containsAny(4,5)", False),
        ("[1,2,3,4].filter(value > 2)", [3, 4]),
        ("[5,6,7].filter(index != 1)", [5, 7]),
        ("[1,2,3,4].map(value + 1)", [2, 3, 4, 5]),
        ("[5,6].map(index)", [0, 1]),
        ("[1,2,3].reduce(acc + value, 0)", 6),
        ("[3,9,4].reduce(if(acc == null || value > acc, value, acc), null)", 9),
        ("[1,[2,3]].flat()", [1, 2, 3]),
        ("[1,[2,[3]]].flat()", [1, 2, [3]]),
        ("[].isEmpty()", True),
        ("[1].isEmpty()", False),
        ('[1,2,3].join(",")', "1,2,3"),
        ('["a", null, "b"].join("-")', "a--b"),
        ("[1,2,3].reverse()", [3, 2, 1]),
        ("[1,2,3,4].slice(1,3)", [2, 3]),
        ("[1,2,3,4].slice(2)", [3, 4]),
        ("[3, 1, 2].sort()", [1, 2, 3]),
        ('["c", "a", "B"].sort()', ["a", "B", "c"]),
        ("[1,2,2,3,1].unique()", [1, 2, 3]),
        ("[1,2,3].length", 3),
        ("[1,2,3][0]", 1),
        ("[1,2,3][5]", None),
        ("[1,2,3][-1]", None),
        ("[1, 2, 6].mean()", 3),
    ],
)
def test_list_functions(source: str, value: object) -> None:
    assert ev(source) == value


def test_sort_puts_nulls_last() -> None:
    assert ev("[null, 2, 1].sort()") == [1, 2, None]


def test_unique_keeps_one_link_per_note() -> None:
    assert ev('[link("Books"), link("Categories/Books"), link("Dune")].unique().length') == 2


def test_filter_can_see_the_note_being_evaluated() -> None:
    source = "list(this.file.links).filter(list(file.links).containsAny(value)).unique()"
    assert ev_file(source, note("N.md", links=("Books/Dune.md",))) == [
        Link("Books/Dune.md", "Books/Dune.md")
    ]


def test_value_inside_filter_shadows_a_property_named_value() -> None:
    assert ev("[1, 2].filter(value > 1)", value=0) == [2]


def test_value_outside_filter_is_the_property() -> None:
    assert ev("value", value=4) == 4


# -- objects, any, regex ---------------------------------------------------------------


def test_object_functions() -> None:
    assert ev('{"a": 1, "b": 2}.keys()') == ["a", "b"]
    assert ev('{"a": 1, "b": 2}.values()') == [1, 2]
    assert ev("{}.isEmpty()") is True
    assert ev('{"a": 1}.isEmpty()') is False


def test_object_fields_read_by_dot_and_bracket() -> None:
    assert ev('{"a": 1}.a') == 1
    assert ev('{"a b": 2}["a b"]') == 2
    assert ev('{"a": 1}.missing') is None


@pytest.mark.parametrize(
    ("source", "value"),
    [
        ("1.isTruthy()", True),
        ('"".isTruthy()', False),
        ('"example".isType("string")', True),
        ('true.isType("boolean")', True),
        ('1.isType("number")', True),
        ('today().isType("date")', True),
        ('[1].isType("list")', True),
        ('{}.isType("object")', True),
        ('link("Books").isType("link")', True),
        ('file.isType("file")', True),
        ('duration("1d").isType("duration")', True),
        ('1.isType("string")', False),
        ("123.toString()", "123"),
        ("(1.5).toString()", "1.5"),
        ("today().toString()", "2025-06-01"),
        ("[1, 2].toString()", "1, 2"),
    ],
)
def test_functions_of_any_value(source: str, value: object) -> None:
    assert ev(source) == value


def test_a_regex_matches_somewhere_in_text() -> None:
    assert ev('/abc/.matches("xabcx")') is True
    assert ev('/^abc$/.matches("xabcx")') is False
    assert ev('/ABC/i.matches("abc")') is True


def test_a_regex_literal_is_a_regex_value() -> None:
    assert ev("/a+/g") == Regex("a+", "g")


def test_a_daily_note_name_matches_a_date_pattern() -> None:
    source = "/^\\d{4}-\\d{2}-\\d{2}$/.matches(file.basename)"
    assert ev_file(source, note("Daily/2024-01-15.md")) is True


def test_a_pattern_python_cannot_run_is_unsupported() -> None:
    assert unsupported('/(?<=a+)b/.matches("ab")').name == "/(?<=a+)b/"


# -- null receivers --------------------------------------------------------------------


def test_is_empty_of_a_missing_property_is_true() -> None:
    assert ev("last.isEmpty()") is True
    assert ev("!last.isEmpty()", last=date(2024, 1, 1)) is True


def test_other_methods_of_null_are_null() -> None:
    assert ev('missing.contains("x")') is None
    assert ev("missing.toString()") is None


def test_is_truthy_and_is_type_of_null() -> None:
    assert ev("missing.isTruthy()") is False
    assert ev('missing.isType("null")') is True


def test_a_method_of_no_type_on_null_is_unsupported() -> None:
    assert unsupported("missing.bogus()").name == "bogus()"


def test_fields_of_null_are_null() -> None:
    assert ev("missing.length") is None
    assert ev("missing[0]") is None


# -- global functions ------------------------------------------------------------------


def test_if_gives_the_second_argument_when_true() -> None:
    assert ev('if(price, price.toFixed(2) + " dollars")', price=3) == "3.00 dollars"


def test_if_without_a_third_argument_gives_null_when_false() -> None:
    assert ev('if(price, "x")') is None


def test_if_evaluates_only_the_branch_taken() -> None:
    assert ev('if(true, "yes", bogus())') == "yes"


@pytest.mark.parametrize(
    ("source", "value"),
    [
        ("list(x)", ["a"]),
        ("list(xs)", ["a", "b"]),
        ("list(missing)", []),
    ],
)
def test_list_wraps_a_value_that_is_not_a_list(source: str, value: object) -> None:
    assert ev(source, x="a", xs=["a", "b"]) == value


@pytest.mark.parametrize(
    ("source", "value"),
    [
        ('number("3.4")', 3.4),
        ('number("12")', 12),
        ("number(true)", 1),
        ("number(false)", 0),
        ("number(5)", 5),
        ('number(date("1970-01-02"))', 86_400_000),
        ('number(duration("1s"))', 1000),
        ("number(missing)", None),
    ],
)
def test_number_converts_values(source: str, value: object) -> None:
    assert ev(source) == value


def test_number_of_text_that_is_no_number_is_unsupported() -> None:
    error = unsupported('number("abc")')
    assert (error.name, error.reason) == ("number()", "cannot read 'abc' as a number")


def test_max_and_min_of_numbers() -> None:
    assert ev("max(1, 5, 3)") == 5
    assert ev("min(4, 2, 8)") == 2


def test_max_skips_nulls() -> None:
    assert ev("max(missing, 2)") == 2


def test_max_of_dates_is_the_latest() -> None:
    assert ev("max(a, b)", a=date(2024, 1, 1), b=date(2025, 1, 1)) == date(2025, 1, 1)


def test_max_of_text_is_unsupported() -> None:
    assert unsupported('max(1, "a")').reason == "expects numbers (or dates)"


def test_escape_html_escapes_markup() -> None:
    assert ev("escapeHTML('<a href=\"x\">&</a>')") == "&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;"


def test_link_with_display_text() -> None:
    assert ev('link("Books", "shelf")') == Link("Books", "Categories/Books.md", "shelf")


def test_link_of_a_url_stays_unresolved() -> None:
    assert ev('link("https://obsidian.md")') == Link("https://obsidian.md", None)


def test_link_of_a_file() -> None:
    assert ev_file("link(file)", DUNE) == Link("Books/Dune.md", "Books/Dune.md")


def test_image_icon_and_html_are_widgets_for_the_renderer() -> None:
    assert ev('image("https://example.org/a.png")') == Widget("image", "https://example.org/a.png")
    assert ev('image("cover.jpg")') == Widget("image", "Attachments/cover.jpg")
    assert ev('icon("arrow-right")') == Widget("icon", "arrow-right")
    assert ev('html("<b>x</b>")') == Widget("html", "<b>x</b>")


# -- what cannot be evaluated ----------------------------------------------------------


def test_an_unknown_function_is_unsupported() -> None:
    error = unsupported("bogus(1)")
    assert (error.name, error.reason) == ("bogus()", "not a Bases function")


def test_an_unknown_method_is_unsupported() -> None:
    error = unsupported('"x".floor()')
    assert (error.name, error.reason) == ("String.floor", "there is no floor() for a string")


def test_a_wrong_number_of_arguments_is_unsupported() -> None:
    error = unsupported('"x".contains()')
    assert (error.name, error.reason) == ("String.contains", "takes 1 argument, not 0")
    assert unsupported("now(1)").reason == "takes 0 arguments, not 1"
    assert unsupported("if(1)").reason == "takes 2 to 3 arguments, not 1"


@pytest.mark.parametrize("name", sorted(UNSUPPORTED))
def test_each_unsupported_function_says_why(name: str) -> None:
    error = unsupported(f"{name[:-2]}(1)")
    assert (error.name, error.reason) == (name, UNSUPPORTED[name])


def test_the_beta_syntax_of_the_example_vault_is_unsupported() -> None:
    assert unsupported("not(empty(note.last))").name == "not()"


def test_an_expression_nested_to_the_parsers_cap_evaluates() -> None:
    expected: list[Value] = []
    for _ in range(59):
        expected = [expected]
    assert ev("[" * 60 + "]" * 60) == expected


def test_formulas_too_deep_for_pythons_stack_are_unsupported() -> None:
    nested = {f"f{n}": "[" * 60 + f"formula.f{n + 1}" + "]" * 60 for n in range(15)}
    ctx = context(note("N.md"), formulas={**nested, "f15": "1"})
    with pytest.raises(Unsupported) as raised:
        evaluate_formula("f0", ctx)
    assert raised.value.reason == "nested too deeply to evaluate"


# -- filters ---------------------------------------------------------------------------

DUNE_CTX = context(DUNE)


def test_a_string_filter_is_an_expression() -> None:
    assert matches('categories.contains(link("Books"))', DUNE_CTX) is True
    assert matches('categories.contains(link("Dune"))', DUNE_CTX) is False


def test_and_needs_every_term() -> None:
    assert matches({"and": ["true", "1 > 0"]}, DUNE_CTX) is True
    assert matches({"and": ["true", "1 < 0"]}, DUNE_CTX) is False


def test_or_needs_one_term() -> None:
    assert matches({"or": ["false", "1 > 0"]}, DUNE_CTX) is True
    assert matches({"or": ["false", "1 < 0"]}, DUNE_CTX) is False


def test_not_needs_no_term_true() -> None:
    assert matches({"not": ["false", "1 < 0"]}, DUNE_CTX) is True
    assert matches({"not": ["false", "1 > 0"]}, DUNE_CTX) is False


def test_filters_nest() -> None:
    nested = {
        "or": [
            'file.hasTag("missing")',
            {"and": ['file.inFolder("Books")', {"not": ['file.name.contains("Template")']}]},
        ]
    }
    assert matches(nested, DUNE_CTX) is True


def test_no_filter_lets_every_note_through() -> None:
    assert matches(None, DUNE_CTX) is True
    assert matches({"and": []}, DUNE_CTX) is True


def test_a_yaml_boolean_filter_is_its_value() -> None:
    assert matches(False, DUNE_CTX) is False


def collect(filter: object) -> tuple[bool, list[str]]:
    reported: list[Unsupported] = []
    verdict = matches(filter, DUNE_CTX, reported.append)
    return verdict, [error.name for error in reported]


def test_an_unsupported_term_of_and_is_reported_and_ignored() -> None:
    assert collect({"and": ["bogus()", "1 < 0"]}) == (False, ["bogus()"])
    assert collect({"and": ["bogus()", "1 > 0"]}) == (True, ["bogus()"])


def test_an_unsupported_term_of_or_is_reported_and_ignored() -> None:
    assert collect({"or": ["bogus()", "1 < 0"]}) == (False, ["bogus()"])
    assert collect({"or": ["bogus()", "1 > 0"]}) == (True, ["bogus()"])


def test_an_unsupported_term_of_not_is_reported_and_ignored() -> None:
    assert collect({"not": ["bogus()", "1 > 0"]}) == (False, ["bogus()"])
    assert collect({"not": ["bogus()", "1 < 0"]}) == (True, ["bogus()"])


def test_a_group_of_only_unsupported_terms_is_absent() -> None:
    assert collect({"and": ["1 > 0", {"or": ["bogus()", "random()"]}]}) == (
        True,
        ["bogus()", "random()"],
    )
    assert collect({"not": ["bogus()"]}) == (True, ["bogus()"])


def test_a_term_that_does_not_parse_is_reported_as_unsupported() -> None:
    verdict, names = collect({"and": ["1 +", "true"]})
    assert (verdict, names) == (True, ["1 +"])


def test_a_malformed_filter_mapping_is_reported() -> None:
    verdict, names = collect({"any": ["true"]})
    assert (verdict, names) == (True, ["{'any': ['true']}"])


def test_every_term_is_evaluated_so_that_every_unsupported_one_is_reported() -> None:
    assert collect({"and": ["false", "bogus()"]}) == (False, ["bogus()"])


def test_a_single_filter_under_a_group_need_not_be_a_list() -> None:
    assert matches({"not": "1 > 0"}, DUNE_CTX) is False


@pytest.mark.parametrize(
    ("filter", "passes"),
    [
        ('!file.name.contains("Template")', True),
        ("list(author).contains(this)", True),
        ("file.hasLink(this)", True),
        ("file.name != this.file.name", True),
        ('file.path.contains("/Templates")', False),
        ('!file.ext.containsAny("base", "md", "pdf", "canvas")', False),
    ],
)
def test_the_example_vaults_filters_on_a_book(filter: str, passes: bool) -> None:
    assert matches(filter, DUNE_CTX) is passes


# -- sorting ---------------------------------------------------------------------------


def test_numbers_sort_ascending_with_nulls_last() -> None:
    assert sorted([3, None, 1, 2], key=sort_key) == [1, 2, 3, None]


def test_descending_keeps_nulls_last() -> None:
    values: list[Value] = [3, None, 1, "", 2]
    assert sorted(values, key=lambda v: sort_key(v, descending=True)) == [3, 2, 1, None, ""]


def test_text_sorts_case_insensitively() -> None:
    assert sorted(["b", "A", "c", "a"], key=sort_key) == ["A", "a", "b", "c"]


def test_dates_and_datetimes_sort_together() -> None:
    values: list[Value] = [datetime(2024, 1, 2, 8), date(2024, 1, 2), date(2024, 1, 1)]
    assert sorted(values, key=sort_key) == [
        date(2024, 1, 1),
        date(2024, 1, 2),
        datetime(2024, 1, 2, 8),
    ]


def test_mixed_types_sort_booleans_numbers_dates_text_lists() -> None:
    values: list[Value] = [[1], "x", date(2024, 1, 1), 5, True, None]
    assert sorted(values, key=sort_key) == [True, 5, date(2024, 1, 1), "x", [1], None]


def test_links_sort_by_their_text_among_strings() -> None:
    values: list[Value] = ["Cats", Link("Books", "Categories/Books.md"), "apples"]
    assert sorted(values, key=sort_key) == ["apples", Link("Books", "Categories/Books.md"), "Cats"]


def test_keys_of_several_columns_sort_as_tuples() -> None:
    rows = [("b", 1), ("a", 2), ("a", 1)]
    ordered = sorted(rows, key=lambda r: (sort_key(r[0]), sort_key(r[1], descending=True)))
    assert ordered == [("a", 2), ("a", 1), ("b", 1)]


def test_equal_values_have_equal_keys() -> None:
    assert sort_key(1) == sort_key(1.0)
    assert sort_key(None) == sort_key("")


# -- summaries -------------------------------------------------------------------------

NUMBERS: list[Value] = [4, None, 1, "text", 7, 4]


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("Average", 4),
        ("Min", 1),
        ("Max", 7),
        ("Sum", 16),
        ("Range", 6),
        ("Median", 4),
        ("Stddev", 2.1213203435596424),
        ("Empty", 1),
        ("Filled", 5),
        ("Unique", 4),
    ],
)
def test_numeric_summaries_skip_what_is_not_a_number(name: str, value: object) -> None:
    assert summarise(name, NUMBERS) == value


DATES: list[Value] = [date(2024, 3, 1), None, date(2024, 1, 1), datetime(2024, 2, 1, 12)]


def test_earliest_and_latest_dates() -> None:
    assert summarise("Earliest", DATES) == date(2024, 1, 1)
    assert summarise("Latest", DATES) == date(2024, 3, 1)


def test_the_range_of_dates_is_a_duration() -> None:
    assert summarise("Range", DATES) == Duration(0, 60 * 86_400_000)


def test_checked_and_unchecked_count_booleans() -> None:
    checks: list[Value] = [True, False, True, None]
    assert summarise("Checked", checks) == 2
    assert summarise("Unchecked", checks) == 1


def test_summaries_of_no_numbers_are_null() -> None:
    assert summarise("Average", ["a", None]) is None
    assert summarise("Sum", []) is None


def test_unique_counts_links_to_one_note_once() -> None:
    links: list[Value] = [Link("Books", "Categories/Books.md"), Link("b", "Categories/Books.md")]
    assert summarise("Unique", links) == 1


def test_summary_names_are_case_insensitive() -> None:
    assert summarise("average", [1, 3]) == 2


def test_a_custom_summary_sees_the_column_as_values() -> None:
    ctx = context(None)
    custom = {"mean3": "values.mean().round(3)", "count": "values.filter(value > 1).length"}
    assert summarise("mean3", [1, 2, 2], ctx, custom) == 1.667
    assert summarise("count", [1, 2, 3], ctx, custom) == 2


def test_a_custom_summary_overrides_a_built_in_name() -> None:
    assert summarise("Sum", [1, 2], context(None), {"Sum": "values.length"}) == 2


def test_an_unknown_summary_is_unsupported() -> None:
    with pytest.raises(Unsupported) as raised:
        summarise("Mode", [1])
    assert raised.value.name == "Mode"


def test_a_custom_summary_needs_a_context() -> None:
    with pytest.raises(ValueError, match="pass ctx"):
        summarise("x", [1], None, {"x": "values.length"})


# -- display ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, ""),
        (True, "true"),
        (False, "false"),
        (3, "3"),
        (3.0, "3"),
        (2.5, "2.5"),
        (1e-7, "1e-7"),
        (float("nan"), "NaN"),
        ("text", "text"),
        (date(2024, 1, 5), "2024-01-05"),
        (datetime(2024, 1, 5, 9, 7, 30), "2024-01-05 09:07"),
        ([1, "a", None, date(2024, 1, 5)], "1, a, , 2024-01-05"),
        ({"a": 1, "b": [2, 3]}, "a: 1, b: 2, 3"),
        (Link("Books", "Categories/Books.md"), "Books"),
        (Link("Books", "Categories/Books.md", "My shelf"), "My shelf"),
        (Link("Attachments/cover.jpg", "Attachments/cover.jpg"), "cover.jpg"),
        (Link("https://obsidian.md"), "https://obsidian.md"),
        (FileValue(DUNE), "Dune"),
        (Duration(0, 86_400_000), "86400000"),
        (Widget("icon", "plus"), "plus"),
        (Regex("a+", "g"), "/a+/g"),
    ],
)
def test_display_gives_a_cells_text(value: Value, text: str) -> None:
    assert display(value) == text


# -- columns ---------------------------------------------------------------------------


def test_column_value_reads_file_formula_and_note_columns() -> None:
    ctx = context(
        note("Books/Dune.md", props={"year": 1965, "my prop": "x"}),
        formulas={"age": "2025 - year"},
    )
    assert column_value("file.name", ctx) == "Dune.md"
    assert column_value("formula.age", ctx) == 60
    assert column_value("note.year", ctx) == 1965
    assert column_value("year", ctx) == 1965
    assert column_value("note.my prop", ctx) == "x"


def test_column_value_of_a_missing_property_is_null() -> None:
    assert column_value("note.nothing", context(note("N.md"))) is None


# -- what the documentation lists ------------------------------------------------------

#: Every function and field on Obsidian's "Functions" help page.
DOCUMENTED = [
    "escapeHTML()",
    "date()",
    "duration()",
    "file()",
    "html()",
    "if()",
    "image()",
    "icon()",
    "link()",
    "list()",
    "max()",
    "min()",
    "now()",
    "number()",
    "today()",
    "Any.isTruthy",
    "Any.isType",
    "Any.toString",
    "Date.year",
    "Date.month",
    "Date.day",
    "Date.hour",
    "Date.minute",
    "Date.second",
    "Date.millisecond",
    "Date.date",
    "Date.format",
    "Date.time",
    "Date.relative",
    "Date.isEmpty",
    "String.length",
    "String.contains",
    "String.containsAll",
    "String.containsAny",
    "String.endsWith",
    "String.isEmpty",
    "String.lower",
    "String.replace",
    "String.repeat",
    "String.reverse",
    "String.slice",
    "String.split",
    "String.startsWith",
    "String.title",
    "String.trim",
    "Number.abs",
    "Number.ceil",
    "Number.floor",
    "Number.isEmpty",
    "Number.round",
    "Number.toFixed",
    "List.length",
    "List.contains",
    "List.containsAll",
    "List.containsAny",
    "List.filter",
    "List.flat",
    "List.isEmpty",
    "List.join",
    "List.map",
    "List.reduce",
    "List.reverse",
    "List.slice",
    "List.sort",
    "List.unique",
    "Link.asFile",
    "Link.linksTo",
    "File.name",
    "File.basename",
    "File.path",
    "File.folder",
    "File.ext",
    "File.size",
    "File.properties",
    "File.tags",
    "File.links",
    "File.asLink",
    "File.hasLink",
    "File.hasProperty",
    "File.hasTag",
    "File.inFolder",
    "Object.isEmpty",
    "Object.keys",
    "Object.values",
    "RegExp.matches",
]


@pytest.mark.parametrize("name", DOCUMENTED)
def test_every_documented_function_is_supported(name: str) -> None:
    assert name in SUPPORTED


def test_supported_and_unsupported_do_not_overlap() -> None:
    assert set(SUPPORTED).isdisjoint(UNSUPPORTED)


def test_every_supported_entry_has_a_description() -> None:
    assert all(description.strip() for description in SUPPORTED.values())


def test_the_built_in_summaries_are_obsidians() -> None:
    assert list(SUMMARIES) == [
        "Average",
        "Min",
        "Max",
        "Sum",
        "Range",
        "Median",
        "Stddev",
        "Earliest",
        "Latest",
        "Checked",
        "Unchecked",
        "Empty",
        "Filled",
        "Unique",
    ]


def test_summaries_are_listed_as_supported() -> None:
    assert all(f"Summary.{name}" in SUPPORTED for name in SUMMARIES)
