"""The expression language of Obsidian Bases, read into a tree (``base_expressions``).

Trees are shown with :func:`unparse`, which puts every operation in
parentheses, so that a test of precedence reads as the grouping it expects.
"""

from __future__ import annotations

import time

import pytest

from sphinxext.obsidian.base_expressions import (
    MAX_DEPTH,
    BasesSyntaxError,
    Call,
    Index,
    ListLiteral,
    Literal,
    Member,
    MethodCall,
    Name,
    ObjectLiteral,
    Operation,
    RegexLiteral,
    Unary,
    parse,
    tokenize,
    unparse,
    walk,
)


def shape(source: str) -> str:
    return unparse(parse(source))


# -- literals --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "value"),
    [
        ("42", 42),
        ("3.25", 3.25),
        ("1e3", 1000.0),
        ("2.5e-1", 0.25),
        (".5", 0.5),
        ('"double"', "double"),
        ("'single'", "single"),
        ('""', ""),
        ("true", True),
        ("false", False),
        ("null", None),
    ],
)
def test_a_literal_reads_as_its_value(source: str, value: object) -> None:
    assert parse(source) == Literal(value)  # type: ignore[arg-type]


def test_an_integer_stays_an_int_and_a_decimal_is_a_float() -> None:
    assert type(parse("7")).__name__ == "Literal"
    assert isinstance(parse("7").value, int)  # type: ignore[union-attr]
    assert isinstance(parse("7.0").value, float)  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("source", "value"),
    [
        (r'"a\nb"', "a\nb"),
        (r'"tab\there"', "tab\there"),
        (r'"say \"hi\""', 'say "hi"'),
        (r"'it\'s'", "it's"),
        (r'"back\\slash"', "back\\slash"),
        (r'"\u0041"', "A"),
        (r'"\x41"', "A"),
        (r'"\u{1F332}"', "\U0001f332"),
        (r'"\q"', "q"),
        ("'a \"quoted\" word'", 'a "quoted" word'),
        ('"0🌲"', "0🌲"),
    ],
)
def test_string_escapes_are_javascripts(source: str, value: str) -> None:
    assert parse(source) == Literal(value)


def test_a_list_literal_holds_its_items() -> None:
    assert parse("[1, 'a', [true]]") == ListLiteral(
        (Literal(1), Literal("a"), ListLiteral((Literal(True),)))
    )


def test_an_empty_list_and_a_trailing_comma_are_allowed() -> None:
    assert parse("[]") == ListLiteral(())
    assert parse("[1, 2,]") == ListLiteral((Literal(1), Literal(2)))


def test_an_object_literal_takes_string_name_and_number_keys() -> None:
    assert parse('{"a b": 1, c: 2, 3: 4}') == ObjectLiteral(
        (("a b", Literal(1)), ("c", Literal(2)), ("3", Literal(4)))
    )


def test_an_empty_object_is_an_object() -> None:
    assert parse("{}") == ObjectLiteral(())


def test_a_regular_expression_keeps_its_pattern_and_flags() -> None:
    assert parse("/ab+c/gi") == RegexLiteral("ab+c", "gi")


def test_a_slash_inside_a_regex_class_does_not_end_it() -> None:
    assert parse("/[/]x/") == RegexLiteral("[/]x", "")


def test_a_slash_after_a_value_divides() -> None:
    assert shape("a / b / 2") == "((a / b) / 2)"


# -- names, properties, calls ----------------------------------------------------------


def test_a_bare_name_is_a_name() -> None:
    assert parse("status") == Name("status")


def test_dotted_access_is_a_member_of_its_target() -> None:
    assert parse("note.status") == Member(Name("note"), "status")


def test_this_file_name_nests_two_members() -> None:
    assert parse("this.file.name") == Member(Member(Name("this"), "file"), "name")


def test_bracketed_property_names_may_hold_spaces() -> None:
    assert parse('note["my prop"]') == Index(Name("note"), Literal("my prop"))


def test_indexing_takes_any_expression() -> None:
    assert parse("x[i + 1]") == Index(Name("x"), Operation((Name("i"), Literal(1)), ("+",)))


def test_a_function_call_names_its_function() -> None:
    assert parse('link("Books")') == Call("link", (Literal("Books"),))


def test_a_method_call_has_a_target_a_name_and_arguments() -> None:
    assert parse("x.f(1, 2)") == MethodCall(Name("x"), "f", (Literal(1), Literal(2)))


def test_postfix_steps_chain_left_to_right() -> None:
    assert shape("list(type)[0].asFile().properties.icon") == (
        "list(type)[0].asFile().properties.icon"
    )
    tree = parse("a.b().c")
    assert tree == Member(MethodCall(Name("a"), "b", ()), "c")


def test_a_method_may_be_called_on_a_number_literal() -> None:
    assert parse("1.isTruthy()") == MethodCall(Literal(1), "isTruthy", ())
    assert parse("(2.1).ceil()") == MethodCall(Literal(2.1), "ceil", ())


def test_keywords_are_case_sensitive_names_otherwise() -> None:
    assert parse("True") == Name("True")


# -- operators and precedence ----------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "grouping"),
    [
        ("1 + 2 * 3", "(1 + (2 * 3))"),
        ("(1 + 2) * 3", "((1 + 2) * 3)"),
        ("a - b - c", "((a - b) - c)"),
        ("a / b * c", "((a / b) * c)"),
        ("a % b + c", "((a % b) + c)"),
        ("a + b > c * d", "((a + b) > (c * d))"),
        ("a < b == c >= d", "((a < b) == (c >= d))"),
        ("a == b != c", "((a == b) != c)"),
        ("a && b || c", "((a && b) || c)"),
        ("a || b && c", "(a || (b && c))"),
        ("x > 1 && y <= 2 || z", "(((x > 1) && (y <= 2)) || z)"),
        ("!a && b", "((!a) && b)"),
        ("!!a", "(!(!a))"),
        ("-a * b", "((-a) * b)"),
        ("a - -b", "(a - (-b))"),
        ("-x.y", "(-x.y)"),
        ('!file.name.contains("Template")', '(!file.name.contains("Template"))'),
        ("a == b && c != d", "((a == b) && (c != d))"),
    ],
)
def test_operators_group_by_javascript_precedence(source: str, grouping: str) -> None:
    assert shape(source) == grouping


def test_a_run_of_one_precedence_is_one_operation() -> None:
    assert parse("a + b - c") == Operation((Name("a"), Name("b"), Name("c")), ("+", "-"))


def test_parentheses_do_not_add_a_level() -> None:
    assert parse("((a))") == Name("a")


def test_unary_minus_is_an_operation_not_a_negative_literal() -> None:
    assert parse("-5") == Unary("-", Literal(5))


def test_date_arithmetic_with_a_duration_string_is_an_ordinary_operation() -> None:
    assert shape('now() - "1 week"') == '(now() - "1 week")'
    assert shape('file.mtime > now() - "1 week"') == '(file.mtime > (now() - "1 week"))'
    assert shape('date + "3d"') == '(date + "3d")'


def test_whitespace_and_newlines_between_tokens_are_ignored() -> None:
    assert shape("a\n  &&\tb") == "(a && b)"


# -- columns and tokens ----------------------------------------------------------------


def test_each_node_knows_the_column_it_starts_at() -> None:
    tree = parse('x + note.status.contains("a")')
    assert isinstance(tree, Operation)
    assert [node.column for node in tree.operands] == [1, 5]


def test_columns_are_not_part_of_equality() -> None:
    assert parse("a") == parse("  a")


def test_tokens_have_kinds_texts_and_columns() -> None:
    tokens = tokenize('file.size >= 10 && "x"')
    assert [(t.kind, t.text, t.column) for t in tokens] == [
        ("name", "file", 1),
        ("op", ".", 5),
        ("name", "size", 6),
        ("op", ">=", 11),
        ("number", "10", 14),
        ("op", "&&", 17),
        ("string", '"x"', 20),
        ("end", "", 23),
    ]


def test_walk_visits_the_root_first_then_left_to_right() -> None:
    names = [node.name for node in walk(parse("f(a, g(b), c)")) if isinstance(node, Name)]
    assert names == ["a", "b", "c"]


def test_unparse_gives_text_that_parses_to_the_same_tree() -> None:
    source = '{"k": [1, -2.5, "q\\"uote"], n: null}.keys().map(value + /x/g.matches("y"))'
    assert parse(unparse(parse(source))) == parse(source)


# -- syntax errors ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "message", "column"),
    [
        ("", "empty expression", 1),
        ("   ", "empty expression", 1),
        ("a # b", "unexpected character '#'", 3),
        ("a = b", "unexpected character '=': '=' compares nothing: use '=='", 3),
        ("a & b", "unexpected character '&': use '&&'", 3),
        ("a | b", "unexpected character '|': use '||'", 3),
        ('x == "abc', 'string opened with " is never closed', 6),
        ("'abc", "string opened with ' is never closed", 1),
        (r'"a\u00zz"', "invalid \\u escape", 3),
        (r'"a\x4"', "invalid \\x escape", 3),
        (r'"\u{110000}"', "invalid \\u{...} escape", 2),
        ("x.matches(/abc", "regular expression opened with / is never closed", 11),
        ("/a/q", "invalid regular expression flags 'q'", 4),
        ("//", "empty regular expression", 1),
        ("1 +", "unexpected end of expression: expected a value", 4),
        ("(1 + 2", "expected ')' to close '(' at column 1, found the end of the expression", 7),
        ("[1, 2", "expected ']' to close '[' at column 1, found the end of the expression", 6),
        ("{a: 1", "expected '}' to close '{' at column 1, found the end of the expression", 6),
        ('{"a" 1}', "expected ':', found number 1", 6),
        ("{[a]: 1}", "expected an object key, found '['", 2),
        ("f(1, 2", "expected ')' to close '(' at column 2, found the end of the expression", 7),
        ("x[1", "expected ']' to close '[' at column 2, found the end of the expression", 4),
        ("a b", "unexpected name 'b' after a complete expression", 3),
        ("1 2", "unexpected number 2 after a complete expression", 3),
        (")", "expected a value, found ')'", 1),
        ("a.", "expected a property name after '.', found the end of the expression", 3),
        ("a.1", "expected a property name after '.', found number 1", 3),
        ("x[0](1)", "only a function name can be called: use name(...) or value.method(...)", 5),
        ("f()()", "only a function name can be called: use name(...) or value.method(...)", 4),
        ("f(,)", "expected a value, found ','", 3),
        ("* 2", "expected a value, found '*'", 1),
    ],
)
def test_a_syntax_error_says_what_and_where(source: str, message: str, column: int) -> None:
    with pytest.raises(BasesSyntaxError) as raised:
        parse(source)
    assert (raised.value.message, raised.value.column) == (message, column)


def test_a_syntax_error_shows_its_column_in_its_text() -> None:
    with pytest.raises(BasesSyntaxError, match=r"^unexpected character '#' \(column 3\)$"):
        parse("a # b")


def test_a_syntax_error_is_a_value_error() -> None:
    assert issubclass(BasesSyntaxError, ValueError)


def test_columns_count_characters_not_bytes() -> None:
    with pytest.raises(BasesSyntaxError) as raised:
        parse('"🌲é" #')
    assert raised.value.column == 6


# -- depth and length ------------------------------------------------------------------

NESTED_TOO_DEEP = f"expression nested too deeply (more than {MAX_DEPTH} levels)"


@pytest.mark.parametrize(
    "source",
    [
        "(" * 5000 + "1" + ")" * 5000,
        "[" * 5000 + "]" * 5000,
        "f(" * 5000 + ")" * 5000,
        "!" * 50_000 + "x",
        "-" * 50_000 + "x",
        "a" + ".b" * 50_000,
        "a" + "[0]" * 50_000,
        "a" + ".f()" * 50_000,
        "[" * 100_000,
    ],
    ids=["parens", "lists", "calls", "nots", "minuses", "members", "indexes", "methods", "open"],
)
def test_deep_nesting_is_a_syntax_error_not_a_recursion_error(source: str) -> None:
    with pytest.raises(BasesSyntaxError) as raised:
        parse(source)
    assert raised.value.message == NESTED_TOO_DEEP


def test_nesting_up_to_the_cap_parses() -> None:
    depth = MAX_DEPTH - 1
    tree = parse("[" * depth + "]" * depth)
    assert tree.height == depth


def test_a_long_run_of_operators_is_flat() -> None:
    tree = parse(" || ".join(f"tags.contains('t{n}')" for n in range(5000)))
    assert isinstance(tree, Operation)
    assert len(tree.operands) == 5000
    assert tree.height == 3  # the operation, a method call, its argument


@pytest.mark.long
@pytest.mark.parametrize(
    "source",
    [
        "+".join(["1"] * 50_001),
        " && ".join(["a"] * 25_000),
        "[" + ",".join(["1"] * 50_000) + "]",
        '"' + "\\n" * 50_000 + '"',
        '"' + "x" * 100_000 + '"',
        "f(" + ",".join(["a.b"] * 25_000) + ")",
        "1 + 2 * 3 - " * 10_000 + "4",
    ],
    ids=["sum", "and", "list", "escapes", "string", "arguments", "mixed"],
)
def test_a_100_kb_expression_parses_in_well_under_a_second(source: str) -> None:
    assert len(source) >= 100_000
    started = time.process_time()  # CPU time: other processes' load does not count
    parse(source)
    assert time.process_time() - started < 1.0


# -- the example vault's expressions ---------------------------------------------------

#: Expressions from kepano's example vault (Templates/Bases/*.base), copied here.
KEPANO_EXPRESSIONS = [
    'note.categories.contains(link("Albums"))',
    '!file.name.contains("Template")',
    "list(artist).contains(this)",
    '!file.ext.containsAny("base", "md", "pdf", "canvas")',
    'if(file.embeds[0].containsAny("jpg","gif","webp","jpeg","avif"), file.embeds[0])',
    "if(created,created,if(start,start))",
    "this.file.hasLink(file)",
    "formula.links.isEmpty()",
    "file.hasLink(this)",
    "created.toString().contains(this.file.name)",
    "file.links.contains(this.file)",
    "file.name != this.file.name",
    'tags.contains("0🌲")',
    "list(type)[0].asFile().properties.icon",
    "list(loc).containsAny(this.related)",
    "(now() - birthday).years.floor()",
    "((now() - acquired).months).round()",
    "monthlyUses * formula.Owned.round()",
    "(price / formula.totalUses).toFixed(2)",
    "note.rating > 6",
    'last > now() - "60d"',
    "list(this.file.links).filter(list(file.links).containsAny(value)).unique()",
    "list(this.file.tags).filter(list(file.tags).containsAny(value)).unique().length",
    "not(empty(note.last))",
    'file.path.contains("/Templates")',
    "formula.Related.length",
]


@pytest.mark.parametrize("source", KEPANO_EXPRESSIONS)
def test_every_expression_of_the_example_vault_parses(source: str) -> None:
    assert parse(unparse(parse(source))) == parse(source)


def test_the_example_vaults_age_formula_reads_as_intended() -> None:
    assert shape("(now() - birthday).years.floor()") == "(now() - birthday).years.floor()"
    tree = parse("(now() - birthday).years.floor()")
    assert isinstance(tree, MethodCall)
    assert tree.name == "floor"
    assert tree.target == Member(Operation((Call("now", ()), Name("birthday")), ("-",)), "years")


@pytest.mark.parametrize(
    "source",
    [
        'file.hasTag("tag")',
        'file.inFolder("Required Reading")',
        'if(price, price.toFixed(2) + " dollars")',
        'status != "done"',
        "price > 2.1",
        "values.mean().round(3)",
        "now() + (duration('1d') * 2)",
        'date("2024-12-01") + "1M" + "4h" + "3m"',
        "[1,2,3].reduce(acc + value, 0)",
        'values.filter(value.isType("number"))'
        ".reduce(if(acc == null || value > acc, value, acc), null)",
        '"a:b:c:d".replace(/:/g, "-")',
        "/^\\d{4}-\\d{2}-\\d{2}$/.matches(file.basename)",
        "{}.isEmpty()",
    ],
)
def test_the_help_pages_examples_parse(source: str) -> None:
    parse(source)


def test_escaped_surrogate_pairs_join_and_a_lone_half_is_replaced() -> None:
    assert parse(r'"\ud83d\ude00 \ud800"') == Literal("\U0001f600 \ufffd")
