"""Front matter (Obsidian's "properties"), read once per note.

The YAML block is parsed a single time, with libyaml when PyYAML has it, and
the result serves MyST's file-level configuration, the page metadata MyST
renders, and the extension (title, aliases). Plain MyST parses it twice in
pure Python, and YAML is the most expensive part of reading a short note.
"""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment

__all__ = [
    "FrontMatter",
    "as_list",
    "property_line",
    "read_front_matter",
    "read_yaml",
    "source_property_line",
]

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml, when PyYAML has it


@dataclasses.dataclass(frozen=True, slots=True)
class FrontMatter:
    """A note's properties, or why they could not be read.

    ``data`` is ``None`` when the note has no front matter or it is invalid;
    ``problem`` and ``line`` (1-based, in the note) then describe the error.
    """

    data: dict[str, Any] | None = None
    problem: str | None = None
    line: int = 1
    #: each top-level value as written in the YAML (scalars as strings, lists of them)
    written: dict[str, Any] = dataclasses.field(default_factory=dict)


def read_front_matter(text: str) -> FrontMatter:
    """Read the YAML between a first line ``---`` and the next ``---`` (or ``...``).

    The block is delimited exactly as MyST delimits it, so both agree on
    where the note's text starts.
    """
    block = _block(text)  # only the block is split into lines, not the note
    if block is None:
        return FrontMatter()
    loader = _Loader(block)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        return FrontMatter(None, problem, 2 + mark.line if mark is not None else 1)
    except (ValueError, TypeError, OverflowError, RecursionError) as error:
        # what PyYAML's constructors raise on a value they cannot make
        # (``2024-02-30``, ``!!int 'abc'``, a 5,000-digit number, deep nesting)
        return FrontMatter(None, _value_problem(error), 1)
    finally:
        loader.dispose()
    if data is None:
        return FrontMatter({})
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        return FrontMatter(None, f"front matter is a {type(data).__name__}, not a mapping", 1)
    written = {
        key.value: _as_written(value)
        for key, value in node.value
        if isinstance(key, yaml.ScalarNode)
    }
    return FrontMatter(data, written=written)


def _block(text: str) -> str | None:
    """The YAML of a note's front matter, delimited as :func:`read_front_matter`
    delimits it, or ``None`` when the note has none."""
    if not text.startswith("---"):
        return None
    lines = iter(io.StringIO(text))
    next(lines)
    body: list[str] = []
    for line in lines:
        if line.startswith(("---", "...")):
            break
        body.append(line.rstrip())
    return "\n".join(body) + "\n"


def property_line(text: str, name: str) -> int | None:
    """The line of the note ``text`` (1-based) whose front matter sets the
    property ``name``; ``None`` when it sets none, or the YAML does not parse.

    The properties a note is read into are values without places: warnings
    about one property look its line up here, when they are given.
    """
    block = _block(text.removeprefix("\ufeff"))
    if block is None:
        return None
    try:
        node = yaml.compose(block, Loader=yaml.SafeLoader)
    except (yaml.YAMLError, RecursionError):
        return None
    if not isinstance(node, yaml.MappingNode):
        return None
    found = None
    for key, _ in node.value:
        if isinstance(key, yaml.ScalarNode) and key.value == name:
            found = int(key.start_mark.line) + 2  # the block starts on the note's line 2
    return found  # the last of keys written twice: its value is the one YAML keeps


def source_property_line(env: BuildEnvironment, docname: str, name: str) -> int | None:
    """:func:`property_line` of a document of the project, read from its file."""
    try:
        text = Path(env.doc2path(docname)).read_text(
            encoding=env.config.source_encoding, errors="replace"
        )
    except (OSError, LookupError):
        return None
    return property_line(text, name)


def _value_problem(error: Exception) -> str:
    if isinstance(error, RecursionError):
        return "values nested too deeply"
    first = str(error).splitlines()[0][:120] if str(error) else type(error).__name__
    return f"a value that cannot be read ({first})"


#: YAML's tag of a null (``~``, ``null``, or nothing), which is no value at all
_NULL = "tag:yaml.org,2002:null"


def _as_written(node: yaml.Node) -> Any:
    """A value as the note writes it: ``2021-03-04`` and ``4.50`` stay text,
    and a null (``~``, ``null``, nothing) is ``None``, as Obsidian shows no value."""
    if isinstance(node, yaml.ScalarNode):
        return None if node.tag == _NULL else str(node.value)
    if isinstance(node, yaml.SequenceNode):
        return [_as_written(item) for item in node.value]
    if isinstance(node, yaml.MappingNode):
        return {str(getattr(k, "value", "")): _as_written(v) for k, v in node.value}
    return ""


def read_yaml(text: str) -> tuple[Any, str | None, int]:
    """Read a YAML document (a base): its data, or ``None`` with the problem
    and its line (0-based); never raises."""
    try:
        return yaml.load(text, Loader=_Loader), None, 0  # libyaml's safe loader
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        return None, f"not valid YAML: {problem}", mark.line if mark is not None else 0
    except (ValueError, TypeError, OverflowError, RecursionError) as error:
        return None, f"not valid YAML: {_value_problem(error)}", 0


def as_list(value: Any) -> list[str]:
    """A property that may be a list or a single (comma separated) string."""
    if value is None:
        return []
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    if isinstance(value, list | tuple):
        return [str(item).strip() for item in value if item is not None and str(item).strip()]
    return [str(value)]
