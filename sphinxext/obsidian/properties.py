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

__all__ = ["FrontMatter", "as_list", "read_front_matter"]

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
    try:
        data = yaml.load("\n".join(body) + "\n", Loader=_Loader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        return FrontMatter(None, problem, 2 + mark.line if mark is not None else 1)
    if data is None:
        return FrontMatter({})
    if not isinstance(data, dict):
        return FrontMatter(None, f"front matter is a {type(data).__name__}, not a mapping", 1)
    return FrontMatter(data)


def as_list(value: Any) -> list[str]:
    """A property that may be a list or a single (comma separated) string."""
    if value is None:
        return []
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    if isinstance(value, list | tuple):
        return [str(item).strip() for item in value if item is not None and str(item).strip()]
    return [str(value)]
