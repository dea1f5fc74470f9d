"""The expression language of Obsidian Bases, read into a tree.

A ``.base`` file's filters, formulas and summaries are small expressions
(``file.hasTag("book") && rating > 3``, ``(now() - birthday).years.floor()``).
To filter, sort and compute columns when the site is built, they are read
here into a tree of frozen dataclasses, which :mod:`.base_functions`
evaluates. Nothing here knows of Sphinx, docutils or a vault: the module is
the grammar alone, so that it can be tested, and fuzzed, on strings.

The grammar follows Obsidian's help pages ("Bases syntax", "Functions"):
numbers, quoted strings, ``true``/``false``/``null``, ``[lists]``,
``{"objects": 1}``, ``/regular expressions/``, names (``status``,
``file``), property access (``note.status``, ``note["my prop"]``),
indexing, calls (``link("Books")``), method calls (``x.contains(y)``), the
prefix operators ``!`` and ``-``, and the binary operators with JavaScript's
precedence: ``* / %`` above ``+ -`` above ``< > <= >=`` above ``== !=``
above ``&&`` above ``||``.

Reading is linear in the length of the text, whatever it holds: the
tokenizer looks at each character once (a regular expression matches one
token at a time, never the whole text), and binary operators are read with
an explicit operator stack, a run of operators of one precedence becoming
one :class:`Operation` with many operands rather than a tower of nodes.
What still nests (brackets, calls, prefix operators, chains of ``.x``) is
capped at :data:`MAX_DEPTH` levels of the tree, so that neither reading nor
evaluating can exhaust Python's stack: deeper input is a
:class:`BasesSyntaxError`, like any other text that is not an expression.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterator
from typing import ClassVar, NamedTuple, TypeAlias, TypeVar
from typing import Literal as TypingLiteral

from .characters import whole_characters

__all__ = [
    "MAX_DEPTH",
    "BasesSyntaxError",
    "Call",
    "Expr",
    "Index",
    "ListLiteral",
    "Literal",
    "Member",
    "MethodCall",
    "Name",
    "ObjectLiteral",
    "Operation",
    "RegexLiteral",
    "Token",
    "Unary",
    "children",
    "parse",
    "tokenize",
    "unparse",
    "walk",
]

#: The deepest tree an expression may make (brackets, calls, prefix
#: operators and ``.x`` steps each add a level). Real expressions stay under
#: twenty; the cap keeps reading and evaluation well inside Python's stack.
MAX_DEPTH = 64

#: Binary operators and their precedence (higher binds tighter), as in JavaScript.
PRECEDENCE: dict[str, int] = {
    "||": 1,
    "&&": 2,
    "==": 3,
    "!=": 3,
    "<": 4,
    ">": 4,
    "<=": 4,
    ">=": 4,
    "+": 5,
    "-": 5,
    "*": 6,
    "/": 6,
    "%": 6,
}

_KEYWORDS: dict[str, bool | None] = {"true": True, "false": False, "null": None}

_T = TypeVar("_T")


class BasesSyntaxError(ValueError):
    """Text that is not an expression; ``column`` counts characters from 1."""

    def __init__(self, message: str, column: int) -> None:
        super().__init__(f"{message} (column {column})")
        self.message = message
        self.column = column


# -- the tree --------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class _Node:
    """What every node has: where it starts, and how tall its tree is."""

    #: 1-based column of the node's first character (not part of equality).
    column: int = dataclasses.field(default=0, kw_only=True, compare=False)
    #: Levels of the tree from this node down: 1 for a leaf, set on branches.
    height: ClassVar[int] = 1


@dataclasses.dataclass(frozen=True)
class _Branch(_Node):
    """A node with nodes below it: its height is theirs plus one."""

    def __post_init__(self) -> None:
        below = children(self)
        height = 1 + max(child.height for child in below) if below else 1
        object.__setattr__(self, "height", height)


@dataclasses.dataclass(frozen=True)
class Literal(_Node):
    """A number, a string, ``true``, ``false`` or ``null``."""

    value: bool | int | float | str | None


@dataclasses.dataclass(frozen=True)
class RegexLiteral(_Node):
    """``/pattern/flags``, kept as JavaScript wrote it."""

    pattern: str
    flags: str = ""


@dataclasses.dataclass(frozen=True)
class ListLiteral(_Branch):
    """``[a, b]``."""

    items: tuple[Expr, ...]


@dataclasses.dataclass(frozen=True)
class ObjectLiteral(_Branch):
    """``{"key": value}``; a later duplicate key wins when evaluated."""

    entries: tuple[tuple[str, Expr], ...]


@dataclasses.dataclass(frozen=True)
class Name(_Node):
    """A bare name: ``file``, ``note``, ``formula``, ``this``, or a note property."""

    name: str


@dataclasses.dataclass(frozen=True)
class Member(_Branch):
    """``target.name``."""

    target: Expr
    name: str


@dataclasses.dataclass(frozen=True)
class Index(_Branch):
    """``target[index]``."""

    target: Expr
    index: Expr


@dataclasses.dataclass(frozen=True)
class Call(_Branch):
    """A global function call, ``name(args)``."""

    name: str
    args: tuple[Expr, ...]


@dataclasses.dataclass(frozen=True)
class MethodCall(_Branch):
    """``target.name(args)``."""

    target: Expr
    name: str
    args: tuple[Expr, ...]


@dataclasses.dataclass(frozen=True)
class Unary(_Branch):
    """``!operand`` or ``-operand``."""

    op: TypingLiteral["!", "-"]
    operand: Expr


@dataclasses.dataclass(frozen=True)
class Operation(_Branch):
    """Operands joined by binary operators of one precedence, applied left to right.

    ``a - b + c`` is ``Operation((a, b, c), ("-", "+"))``, meaning
    ``(a - b) + c``; a tighter operator inside is a nested operand.
    """

    operands: tuple[Expr, ...]
    operators: tuple[str, ...]


Expr: TypeAlias = (
    Literal
    | RegexLiteral
    | ListLiteral
    | ObjectLiteral
    | Name
    | Member
    | Index
    | Call
    | MethodCall
    | Unary
    | Operation
)


def children(node: Expr | _Node) -> tuple[Expr, ...]:
    """The nodes directly below ``node``, left to right."""
    if isinstance(node, ListLiteral):
        return node.items
    if isinstance(node, ObjectLiteral):
        return tuple(value for _, value in node.entries)
    if isinstance(node, Member):
        return (node.target,)
    if isinstance(node, Index):
        return (node.target, node.index)
    if isinstance(node, Call):
        return node.args
    if isinstance(node, MethodCall):
        return (node.target, *node.args)
    if isinstance(node, Unary):
        return (node.operand,)
    if isinstance(node, Operation):
        return node.operands
    return ()


def walk(expr: Expr) -> Iterator[Expr]:
    """Every node of the tree, the root first (depth-first, left to right)."""
    stack = [expr]
    while stack:
        node = stack.pop()
        yield node
        stack.extend(reversed(children(node)))


# -- tokens ----------------------------------------------------------------------------

TokenKind: TypeAlias = TypingLiteral["number", "string", "regex", "name", "op", "end"]


class Token(NamedTuple):
    """One token: its kind, its text as written, its column (from 1), and its value."""

    kind: TokenKind
    text: str
    column: int
    value: bool | int | float | str | tuple[str, str] | None = None


#: A number written with a leading dot (``.5``), where an operand is expected.
_NUMBER = re.compile(r"\.\d+(?:[eE][+-]?\d+)?")
#: The next token after any whitespace, matched where it starts: a number, a
#: name or an operator; any other character (a quote, a slash) for the code
#: to read; or nothing at the end of the text.
_TOKEN = re.compile(
    r"[ \t\r\n]*(?:"
    r"(?P<number>\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)"
    r"|(?P<name>(?:[^\W\d]|\$)(?:\w|\$)*)"
    r"|(?P<op>==|!=|<=|>=|&&|\|\||[!<>+\-*%()\[\]{},.:])"
    r"|(?P<other>.)"
    r"|$)",
    re.DOTALL,
)
_HEX = re.compile(r"[0-9A-Fa-f]+")
#: The run of plain characters inside a string opened by each quote.
_PLAIN = {'"': re.compile(r'[^"\\]*'), "'": re.compile(r"[^'\\]*")}
_LONE = {"=": "'=' compares nothing: use '=='", "&": "use '&&'", "|": "use '||'"}
_SIMPLE_ESCAPES = {
    "n": "\n",
    "r": "\r",
    "t": "\t",
    "b": "\b",
    "f": "\f",
    "v": "\v",
    "0": "\0",
    "\n": "",
}
_OPERAND_ENDS = frozenset({")", "]", "}"})
_PREFIX_OPS = frozenset({"!", "-"})
_POSTFIX_OPS = frozenset({".", "[", "("})


def tokenize(source: str) -> list[Token]:
    """The tokens of ``source``, ending with one of kind ``"end"``."""
    return _Tokenizer(source).run()


class _Tokenizer:
    """Reads tokens left to right; each character is looked at once."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.pos = 0
        self.tokens: list[Token] = []

    def run(self) -> list[Token]:
        source = self.source
        tokens = self.tokens
        match = _TOKEN.match
        operand_expected = True  # whether a "/" here opens a regex, a "." a number
        while True:
            found = match(source, self.pos)
            assert found is not None  # the pattern can match the empty end
            kind = found.lastgroup
            if kind is None:
                tokens.append(Token("end", "", len(source) + 1))
                return tokens
            text = found.group(kind)
            column = found.start(kind) + 1
            self.pos = found.end()
            if kind == "name":
                tokens.append(Token("name", text, column, text))
            elif kind == "number":
                tokens.append(Token("number", text, column, _number_value(text)))
            elif kind == "op" and not (text == "." and operand_expected):
                tokens.append(Token("op", text, column, text))
            else:
                self.pos = column - 1
                tokens.append(self._other(operand_expected))
            operand_expected = tokens[-1].kind == "op" and text not in _OPERAND_ENDS

    def _other(self, operand_expected: bool) -> Token:
        """A token the pattern leaves to code: a string, a regex, ``/``, ``.5``, or an error."""
        source = self.source
        pos = self.pos
        char = source[pos]
        if char in "\"'":
            return self._string(char)
        if char == "/":
            if operand_expected:
                return self._regex()
            self.pos += 1
            return Token("op", "/", pos + 1, "/")
        found = _NUMBER.match(source, pos) if char == "." else None
        if found is not None:
            self.pos = found.end()
            return Token("number", found.group(), pos + 1, _number_value(found.group()))
        if char == ".":
            self.pos += 1
            return Token("op", ".", pos + 1, ".")
        hint = _LONE.get(char)
        message = f"unexpected character {char!r}" + (f": {hint}" if hint else "")
        raise BasesSyntaxError(message, pos + 1)

    def _string(self, quote: str) -> Token:
        start = self.pos
        source = self.source
        parts: list[str] = []
        pos = start + 1
        plain = _PLAIN[quote]
        while True:
            found = plain.match(source, pos)
            assert found is not None  # the pattern matches the empty string
            end = found.end()
            if end >= len(source):
                raise BasesSyntaxError(f"string opened with {quote} is never closed", start + 1)
            parts.append(source[pos:end])
            if source[end] == quote:
                self.pos = end + 1
                text = whole_characters("".join(parts))  # ``"\\ud83d\\ude00"``, ``"\\ud800"``
                return Token("string", source[start : end + 1], start + 1, text)
            text, pos = _escape(source, end)
            parts.append(text)

    def _regex(self) -> Token:
        start = self.pos
        source = self.source
        pos = start + 1
        in_class = False
        while pos < len(source) and source[pos] != "\n":
            char = source[pos]
            if char == "\\":
                pos += 2
                continue
            if char == "[":
                in_class = True
            elif char == "]":
                in_class = False
            elif char == "/" and not in_class:
                break
            pos += 1
        else:
            raise BasesSyntaxError("regular expression opened with / is never closed", start + 1)
        pattern = source[start + 1 : pos]
        if not pattern:
            raise BasesSyntaxError("empty regular expression", start + 1)
        flags_end = pos + 1
        while flags_end < len(source) and source[flags_end].isalpha():
            flags_end += 1
        flags = source[pos + 1 : flags_end]
        bad = [flag for flag in flags if flag not in "dgimsuyv"]
        if bad or len(set(flags)) != len(flags):
            raise BasesSyntaxError(f"invalid regular expression flags {flags!r}", pos + 2)
        self.pos = flags_end
        return Token("regex", source[start:flags_end], start + 1, (pattern, flags))


def _number_value(text: str) -> int | float:
    return float(text) if "." in text or "e" in text or "E" in text else int(text)


def _escape(source: str, at: int) -> tuple[str, int]:
    """The character a backslash escape at ``at`` stands for, and where reading goes on."""
    if at + 1 >= len(source):
        raise BasesSyntaxError("a backslash ends the text", at + 1)
    char = source[at + 1]
    if char in _SIMPLE_ESCAPES:
        return _SIMPLE_ESCAPES[char], at + 2
    if char == "x":
        return _hex_escape(source, at, at + 2, 2)
    if char == "u" and source[at + 2 : at + 3] == "{":
        close = source.find("}", at + 3)
        digits = source[at + 3 : close] if close > 0 else ""
        if not digits or not _HEX.fullmatch(digits) or int(digits, 16) > 0x10FFFF:
            raise BasesSyntaxError("invalid \\u{...} escape", at + 1)
        return chr(int(digits, 16)), close + 1
    if char == "u":
        return _hex_escape(source, at, at + 2, 4)
    # JavaScript: any other escaped character stands for itself (\" \' \\ \/)
    return char, at + 2


def _hex_escape(source: str, at: int, start: int, count: int) -> tuple[str, int]:
    digits = source[start : start + count]
    if len(digits) != count or not _HEX.fullmatch(digits):
        raise BasesSyntaxError(f"invalid \\{source[at + 1]} escape", at + 1)
    return chr(int(digits, 16)), start + count


# -- the parser ------------------------------------------------------------------------


def parse(source: str) -> Expr:
    """The tree of one expression; raises :class:`BasesSyntaxError` where there is none."""
    if not isinstance(source, str):
        raise BasesSyntaxError(f"an expression is text, not {type(source).__name__}", 1)
    tokens = tokenize(source)
    if tokens[0].kind == "end":
        raise BasesSyntaxError("empty expression", 1)
    return _Parser(tokens).run()


@dataclasses.dataclass
class _Pending:
    """A run of binary operators of one precedence, still growing."""

    precedence: int
    operands: list[Expr]
    operators: list[str]
    column: int

    def finish(self) -> Expr:
        return Operation(tuple(self.operands), tuple(self.operators), column=self.column)


def _finish(item: Expr | _Pending) -> Expr:
    return item.finish() if isinstance(item, _Pending) else item


class _Parser:
    """Recursive descent for what nests; an operator stack for binary operators."""

    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.pos = 0
        self.nesting = 0
        #: The token being looked at (the last one is of kind "end" and stays).
        self.token = tokens[0]

    # token helpers

    def advance(self) -> Token:
        token = self.token
        if token.kind != "end":
            self.pos += 1
            self.token = self.tokens[self.pos]
        return token

    def at_op(self, *texts: str) -> bool:
        token = self.token
        return token.kind == "op" and token.text in texts

    def expect(self, text: str, opener: Token | None = None) -> Token:
        if self.at_op(text):
            return self.advance()
        found = _describe(self.token)
        if opener is not None:
            message = f"expected {text!r} to close {opener.text!r} at column {opener.column}"
            raise BasesSyntaxError(f"{message}, found {found}", self.token.column)
        raise BasesSyntaxError(f"expected {text!r}, found {found}", self.token.column)

    def checked(self, node: Expr) -> Expr:
        if node.height > MAX_DEPTH:
            raise BasesSyntaxError(
                f"expression nested too deeply (more than {MAX_DEPTH} levels)", node.column
            )
        return node

    # grammar

    def run(self) -> Expr:
        expr = self.expression()
        if self.token.kind != "end":
            raise BasesSyntaxError(
                f"unexpected {_describe(self.token)} after a complete expression",
                self.token.column,
            )
        return expr

    def expression(self) -> Expr:
        """A nested expression: counted, so that brackets cannot overflow the stack."""
        self.nesting += 1
        if self.nesting > MAX_DEPTH:
            raise BasesSyntaxError(
                f"expression nested too deeply (more than {MAX_DEPTH} levels)", self.token.column
            )
        try:
            return self.binary()
        finally:
            self.nesting -= 1

    def binary(self) -> Expr:
        operands: list[Expr | _Pending] = [self.unary()]
        operators: list[tuple[str, int]] = []
        while self.token.kind == "op" and self.token.text in PRECEDENCE:
            op = self.token.text
            precedence = PRECEDENCE[op]
            while operators and operators[-1][1] >= precedence:
                self.reduce(operands, operators)
            self.advance()
            operators.append((op, precedence))
            operands.append(self.unary())
        while operators:
            self.reduce(operands, operators)
        return self.checked(_finish(operands[0]))

    def reduce(self, operands: list[Expr | _Pending], operators: list[tuple[str, int]]) -> None:
        op, precedence = operators.pop()
        right = self.checked(_finish(operands.pop()))
        left = operands.pop()
        if isinstance(left, _Pending) and left.precedence == precedence:
            left.operands.append(right)
            left.operators.append(op)
            operands.append(left)
            return
        first = self.checked(_finish(left))
        operands.append(_Pending(precedence, [first, right], [op], first.column))

    def unary(self) -> Expr:
        prefixes: list[Token] = []
        while self.token.kind == "op" and self.token.text in _PREFIX_OPS:
            prefixes.append(self.advance())
        node = self.postfix()
        for token in reversed(prefixes):
            op: TypingLiteral["!", "-"] = "!" if token.text == "!" else "-"
            node = self.checked(Unary(op, node, column=token.column))
        return node

    def postfix(self) -> Expr:
        node = self.primary()
        while True:
            token = self.token
            if token.kind != "op" or token.text not in _POSTFIX_OPS:
                return node
            if token.text == ".":
                node = self.member(node)
            elif token.text == "[":
                opener = self.advance()
                index = self.expression()
                self.expect("]", opener)
                node = Index(node, index, column=node.column)
            else:
                node = self.call(node)
            self.checked(node)

    def member(self, target: Expr) -> Expr:
        self.advance()
        if self.token.kind != "name":
            raise BasesSyntaxError(
                f"expected a property name after '.', found {_describe(self.token)}",
                self.token.column,
            )
        name = self.advance().text
        if self.at_op("("):
            args = self.arguments()
            return MethodCall(target, name, args, column=target.column)
        return Member(target, name, column=target.column)

    def call(self, callee: Expr) -> Expr:
        if not isinstance(callee, Name):
            raise BasesSyntaxError(
                "only a function name can be called: use name(...) or value.method(...)",
                self.token.column,
            )
        return Call(callee.name, self.arguments(), column=callee.column)

    def arguments(self) -> tuple[Expr, ...]:
        opener = self.expect("(")
        return tuple(self.sequence(")", opener, self.expression))

    def sequence(self, close: str, opener: Token, item: Callable[[], _T]) -> list[_T]:
        """Items separated by commas up to ``close`` (a trailing comma is allowed)."""
        items: list[_T] = []
        while not self.at_op(close):
            if self.token.kind == "end":
                self.expect(close, opener)
            items.append(item())
            if not self.at_op(","):
                break
            self.advance()
        self.expect(close, opener)
        return items

    def primary(self) -> Expr:
        token = self.token
        if token.kind in ("number", "string"):
            self.advance()
            assert not isinstance(token.value, tuple)
            return Literal(token.value, column=token.column)
        if token.kind == "regex":
            self.advance()
            assert isinstance(token.value, tuple)
            return RegexLiteral(*token.value, column=token.column)
        if token.kind == "name":
            self.advance()
            if token.text in _KEYWORDS:
                return Literal(_KEYWORDS[token.text], column=token.column)
            return Name(token.text, column=token.column)
        if self.at_op("("):
            self.advance()
            inner = self.expression()
            self.expect(")", token)
            return inner
        if self.at_op("["):
            self.advance()
            items = self.sequence("]", token, self.expression)
            return ListLiteral(tuple(items), column=token.column)
        if self.at_op("{"):
            self.advance()
            entries = self.sequence("}", token, self.entry)
            return ObjectLiteral(tuple(entries), column=token.column)
        if token.kind == "end":
            raise BasesSyntaxError("unexpected end of expression: expected a value", token.column)
        raise BasesSyntaxError(f"expected a value, found {_describe(token)}", token.column)

    def entry(self) -> tuple[str, Expr]:
        """``key: value`` in an object: the key a string, a name or a number."""
        token = self.token
        if token.kind not in ("string", "name", "number"):
            raise BasesSyntaxError(
                f"expected an object key, found {_describe(token)}", token.column
            )
        self.advance()
        key = token.value if token.kind == "string" else token.text
        self.expect(":")
        return str(key), self.expression()


def _describe(token: Token) -> str:
    if token.kind == "end":
        return "the end of the expression"
    if token.kind == "op":
        return repr(token.text)
    if token.kind == "name":
        return f"name {token.text!r}"
    return f"{token.kind} {token.text}"


# -- back to text ----------------------------------------------------------------------


def unparse(expr: Expr) -> str:
    """The expression as text, every operation in parentheses (``(1 + (2 * 3))``)."""
    if isinstance(expr, Literal):
        return _literal_text(expr.value)
    if isinstance(expr, RegexLiteral):
        return f"/{expr.pattern}/{expr.flags}"
    if isinstance(expr, Name):
        return expr.name
    if isinstance(expr, ListLiteral):
        return "[" + ", ".join(unparse(item) for item in expr.items) + "]"
    if isinstance(expr, ObjectLiteral):
        entries = (f"{_literal_text(key)}: {unparse(value)}" for key, value in expr.entries)
        return "{" + ", ".join(entries) + "}"
    if isinstance(expr, Member):
        return f"{unparse(expr.target)}.{expr.name}"
    if isinstance(expr, Index):
        return f"{unparse(expr.target)}[{unparse(expr.index)}]"
    if isinstance(expr, Call):
        return f"{expr.name}({', '.join(unparse(arg) for arg in expr.args)})"
    if isinstance(expr, MethodCall):
        args = ", ".join(unparse(arg) for arg in expr.args)
        return f"{unparse(expr.target)}.{expr.name}({args})"
    if isinstance(expr, Unary):
        return f"({expr.op}{unparse(expr.operand)})"
    rest = (
        f" {op} {unparse(operand)})"
        for op, operand in zip(expr.operators, expr.operands[1:], strict=True)
    )
    return "(" * len(expr.operators) + unparse(expr.operands[0]) + "".join(rest)


def _literal_text(value: bool | int | float | str | None) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
        return f'"{escaped}"'
    return repr(value)
