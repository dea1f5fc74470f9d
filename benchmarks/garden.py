"""What the garden costs: each of hover previews, graphs, mentions in context,
unlinked mentions, feeds and redirects, switched on alone and all together.

The notes are :mod:`vault`'s (front matter with a title, tags and aliases, and
links between notes); each note also gets a ``date`` property (for the feed)
and every tenth a ``permalink`` (for the redirects). The builds, interleaved
and repeated in fresh processes: plain MyST (the reference of every ratio), the
extension with every garden feature off, with each one switched on alone, and
with the defaults (everything on but unlinked mentions).

A benchmark, not a test: it prints a table, writes JSON and, with ``--docs``,
the table that the documentation shows.

    python benchmarks/garden.py --notes 1000 --repeat 2
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

from _report import machine, progress, publish  # noqa: E402
from run import COMMON, build  # noqa: E402
from vault import generate, note_folder, note_name  # noqa: E402

#: each feature's configuration value(s), switched on alone over "all off"
FEATURES = {
    "hover previews": {"obsidian_hover_previews": True},
    "graphs": {"obsidian_graph": True},
    "mentions in context": {"obsidian_backlinks_context": True},
    "unlinked mentions": {"obsidian_backlinks_context": True, "obsidian_unlinked_mentions": True},
    "feeds": {"obsidian_feed": True},
    "redirects": {"obsidian_redirects": True},
}
ALL_OFF = {
    "obsidian_hover_previews": False,
    "obsidian_graph": False,
    "obsidian_backlinks_context": False,
    "obsidian_unlinked_mentions": False,
    "obsidian_feed": False,
    "obsidian_redirects": False,
}


def _lines(values: dict[str, bool]) -> str:
    return "\n".join(f"{key} = {value!r}" for key, value in values.items())


def variants() -> dict[str, str]:
    """Name -> the ``conf.py`` lines after the common ones."""
    found = {
        "myst": 'extensions = ["myst_parser"]',
        "obsidian, garden off": f'extensions = ["sphinxext.obsidian"]\n{_lines(ALL_OFF)}',
    }
    for name, values in FEATURES.items():
        found[f"+ {name}"] = f'extensions = ["sphinxext.obsidian"]\n{_lines({**ALL_OFF, **values})}'
    found["obsidian, defaults"] = 'extensions = ["sphinxext.obsidian"]'
    return found


def make_vault(root: Path, notes: int) -> None:
    src = root / "src"
    generate(src, notes)
    for index in range(notes):
        path = src / "vault" / note_folder(index) / f"{note_name(index)}.md"
        text = path.read_text(encoding="utf-8")
        extra = f"date: 2021-{index % 12 + 1:02d}-{index % 28 + 1:02d}\n"
        if index % 10 == 0:
            extra += f"permalink: p/{index}\n"
        path.write_text(text.replace("---\n", "---\n" + extra, 1), encoding="utf-8")
    (src / "index.md").write_text("# Benchmark\n", encoding="utf-8")


def measure(notes: int, repeat: int, theme: str) -> dict[str, Any]:
    conf = COMMON.format(theme=theme)
    with tempfile.TemporaryDirectory(prefix="obsidian-garden-") as tmp_name:
        tmp = Path(tmp_name)
        make_vault(tmp, notes)
        runs: dict[str, list[dict[str, Any]]] = {name: [] for name in variants()}
        for round_number in range(repeat):
            for name, lines in variants().items():
                progress(f"{notes} notes, round {round_number + 1}: {name}")
                runs[name].append(build(tmp, name, f"{conf}\n{lines}", "src"))
    plain = statistics.median(run["cpu_seconds"] for run in runs["myst"])
    off = statistics.median(run["cpu_seconds"] for run in runs["obsidian, garden off"])
    rows = []
    for name, results in runs.items():
        cpu = statistics.median(run["cpu_seconds"] for run in results)
        rows.append({"variant": name, "cpu_seconds": cpu, "ratio": cpu / plain, "added": cpu - off})
    return {"notes": notes, "theme": theme, "rows": rows}


def markdown_table(result: dict[str, Any]) -> str:
    lines = [
        f"{result['notes']:,} notes, theme {result['theme']}, CPU seconds (median of "
        f"{result['machine']['repeat']} fresh builds each), ratio to plain MyST, and what "
        "each feature adds to the extension with every garden feature off:",
        "",
        "| Build | CPU s | Ratio | Added s |",
        "|---|---:|---:|---:|",
    ]
    for row in result["rows"]:
        added = "" if row["variant"] == "myst" else f"{row['added']:+.1f}"
        lines.append(
            f"| {row['variant']} | {row['cpu_seconds']:.1f} | {row['ratio']:.2f} | {added} |"
        )
    lines += [
        "",
        f"Command: `python benchmarks/garden.py --notes {result['notes']} --repeat "
        f"{result['machine']['repeat']}`",
    ]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--theme", default="alabaster")
    parser.add_argument("--json", type=Path, default=HERE / "results" / "garden.json")
    parser.add_argument(
        "--docs", action="store_true", help="write the table the documentation includes"
    )
    args = parser.parse_args()
    result = measure(args.notes, args.repeat, args.theme)
    result["machine"] = machine(args.repeat)
    publish(
        result, markdown_table(result), args.json, "_benchmark-garden.md" if args.docs else None
    )


if __name__ == "__main__":
    main()
