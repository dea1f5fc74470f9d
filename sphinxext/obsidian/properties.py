"""Front matter (Obsidian's "properties"), read once per note.

The YAML block is parsed a single time, with libyaml when PyYAML has it, and
the result serves MyST's file-level configuration, the page metadata MyST
renders, and the extension (title, aliases). Plain MyST parses it twice in
pure Python, and YAML is the most expensive part of reading a short note.
"""

from __future__ import annotations

import dataclasses
import io
from typing import Any

import yaml

__all__ = ["FrontMatter", "as_list", "read_front_matter", "read_yaml"]

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
    if not text.startswith("---"):
        return FrontMatter()
    # only the block is split into lines, not the note
    lines = iter(io.StringIO(text))
    next(lines)
    body: list[str] = []
    for line in lines:
        if line.startswith(("---", "...")):
            break
        body.append(line.rstrip())
    loader = _Loader("\n".join(body) + "\n")
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
