"""What bases cost: a generated vault with and without 20 ``.base`` files.

The notes are :mod:`vault`'s (front matter with a title, tags, aliases); each
note also gets a number and a date property for the bases to filter, sort and
summarise. Three builds are compared, interleaved and repeated, in fresh
processes: plain MyST (the reference of every ratio), the extension, and the
extension with 20 bases beside the notes (tables, cards and lists with
filters, formulas, sorts, limits, groups and summaries). Then two rebuilds of
the vault with bases: after editing one note's text (no view changes: only
that note is written) and after changing one note's property (the pages whose
views show it are written too).

A benchmark, not a test: it prints a table, writes JSON and, with ``--docs``,
the table that the documentation shows.

    python benchmarks/bases.py --notes 1000 --repeat 3
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

from _report import machine, progress, publish  # noqa: E402
from run import COMMON, build  # noqa: E402
from vault import TOPICS, generate, note_folder, note_name  # noqa: E402

BASES = 20
#: the twenty bases: a filter, a view type and what the view does
_VIEWS = [
    ("table", "sort:\n      - property: rank\n        direction: DESC\n    limit: 50"),
    ("table", "groupBy:\n      property: formula.band\n      direction: ASC"),
    ("cards", "sort:\n      - property: file.name\n        direction: ASC\n    limit: 40"),
    ("list", "sort:\n      - property: published\n        direction: DESC\n    limit: 30"),
    ("table", "summaries:\n      rank: Average\n      published: Latest"),
]


def base_text(number: int) -> str:
    """One base: notes of one topic (or of a tag, or recent ones), a view."""
    topic = TOPICS[number % len(TOPICS)]
    kind, extra = _VIEWS[number % len(_VIEWS)]
    filters = [
        f'file.hasTag("{topic}")',
        f'file.inFolder("vault/{topic}")',
        'published > date("2021-06-01")',
        f"rank >= {number * 5 % 100}",
    ][number % 4]
    return (
        "filters:\n"
        "  and:\n"
        f"    - '{filters}'\n"
        '    - file.hasTag("podcast")\n'
        "formulas:\n"
        "  band: (rank / 25).floor() * 25\n"
        '  heading: title.upper() + " (" + published.format("YYYY") + ")"\n'
        "properties:\n"
        "  formula.band:\n"
        "    displayName: Band\n"
        "views:\n"
        f"  - type: {kind}\n"
        f"    name: View {number}\n"
        "    order: [file.name, rank, published, formula.heading]\n"
        f"    {extra}\n"
    )


def make_vaults(root: Path, notes: int) -> None:
    """``src``: the notes; ``src-bases``: the same notes and 20 bases."""
    src = root / "src"
    generate(src, notes)
    for index in range(notes):
        path = src / "vault" / note_folder(index) / f"{note_name(index)}.md"
        text = path.read_text(encoding="utf-8")
        day = f"2021-{index % 12 + 1:02d}-{index % 28 + 1:02d}"
        extra = f"rank: {index * 37 % 100}\npublished: {day}\n"
        path.write_text(text.replace("---\n", "---\n" + extra, 1), encoding="utf-8")
    (src / "index.md").write_text("# Benchmark\n", encoding="utf-8")
    with_bases = root / "src-bases"
    shutil.copytree(src, with_bases)
    for number in range(BASES):
        (with_bases / "vault" / f"Base {number:02d}.base").write_text(
            base_text(number), encoding="utf-8"
        )


def measure(notes: int, repeat: int, theme: str) -> dict[str, Any]:
    conf = COMMON.format(theme=theme)
    variants = {
        "myst": ('extensions = ["myst_parser"]', "src"),
        "obsidian": ('extensions = ["sphinxext.obsidian"]', "src"),
        f"obsidian, {BASES} bases": ('extensions = ["sphinxext.obsidian"]', "src-bases"),
    }
    with tempfile.TemporaryDirectory(prefix="obsidian-bases-") as tmp_name:
        tmp = Path(tmp_name)
        make_vaults(tmp, notes)
        runs: dict[str, list[dict[str, Any]]] = {name: [] for name in variants}
        for round_number in range(repeat):
            for name, (lines, folder) in variants.items():
                progress(f"{notes} notes, round {round_number + 1}: {name}")
                runs[name].append(build(tmp, name, f"{conf}\n{lines}", folder))
        name = f"obsidian, {BASES} bases"
        lines, folder = variants[name]
        note = tmp / folder / "vault" / note_folder(1) / f"{note_name(1)}.md"
        original = note.read_text(encoding="utf-8")
        note.write_text(original + "\nOne more sentence.\n", encoding="utf-8")
        text_edit = build(tmp, name, f"{conf}\n{lines}", folder, fresh=False)
        note.write_text(original.replace("rank: 37", "rank: 99"), encoding="utf-8")
        property_edit = build(tmp, name, f"{conf}\n{lines}", folder, fresh=False)
    plain = statistics.median(run["cpu_seconds"] for run in runs["myst"])
    rows = []
    for name, results in runs.items():
        cpu = statistics.median(run["cpu_seconds"] for run in results)
        rows.append({"variant": name, "cpu_seconds": cpu, "ratio": cpu / plain})
    return {
        "notes": notes,
        "bases": BASES,
        "theme": theme,
        "rows": rows,
        "text_edit": {key: text_edit[key] for key in ("cpu_seconds", "written", "written_docs")},
        "property_edit": {
            key: property_edit[key] for key in ("cpu_seconds", "written", "written_docs")
        },
    }


def markdown_table(result: dict[str, Any]) -> str:
    lines = [
        f"{result['notes']:,} notes, theme {result['theme']}, CPU seconds (median of "
        f"{result['machine']['repeat']} fresh builds each), ratio to plain MyST:",
        "",
        "| Build | CPU s | Ratio |",
        "|---|---:|---:|",
    ]
    lines += [
        f"| {row['variant']} | {row['cpu_seconds']:.1f} | {row['ratio']:.2f} |"
        for row in result["rows"]
    ]
    text, prop = result["text_edit"], result["property_edit"]
    lines += [
        "",
        f"Rebuild after editing one note's text: {text['cpu_seconds']:.1f} s CPU, "
        f"{text['written']} pages written.",
        f"Rebuild after changing one note's property that views show: {prop['cpu_seconds']:.1f} s "
        f"CPU, {prop['written']} pages written.",
        "",
        f"Command: `python benchmarks/bases.py --notes {result['notes']} --repeat "
        f"{result['machine']['repeat']}`",
    ]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--theme", default="alabaster")
    parser.add_argument("--json", type=Path, default=HERE / "results" / "bases.json")
    parser.add_argument(
        "--docs", action="store_true", help="write the table the documentation includes"
    )
    args = parser.parse_args()
    result = measure(args.notes, args.repeat, args.theme)
    result["machine"] = machine(args.repeat)
    publish(result, markdown_table(result), args.json, "_benchmark-bases.md" if args.docs else None)


if __name__ == "__main__":
    main()
