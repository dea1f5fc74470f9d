"""What every benchmark prints and writes: the machine, progress, and its results.

Shared by ``run.py`` and ``themes.py`` so that their tables say the same
things about where and how they were measured.
"""

from __future__ import annotations

import json
import os
import platform
import sys
import time
from importlib.metadata import version
from pathlib import Path
from typing import Any

DOCS = Path(__file__).parent.parent / "docs"


def machine(repeat: int) -> dict[str, Any]:
    """Where and with what a benchmark ran."""
    return {
        "date": time.strftime("%Y-%m-%d"),
        "python": platform.python_version(),
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "sphinx": version("sphinx"),
        "myst-parser": version("myst-parser"),
        "repeat": repeat,
    }


def progress(message: str) -> None:
    """A time-stamped line on standard error, so that long runs show where they are."""
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def publish(result: dict[str, Any], table: str, json_path: Path, docs_page: str | None) -> None:
    """Print the table, write the JSON and, if asked, the table the docs include."""
    print(table)
    json_path.parent.mkdir(parents=True, exist_ok=True)
    json_path.write_text(json.dumps(result, indent=2), encoding="utf-8")
    if docs_page is not None:
        (DOCS / docs_page).write_text(table, encoding="utf-8")
