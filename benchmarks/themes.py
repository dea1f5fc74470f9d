"""Large vaults in the themes people use, and whole builds of pathological shapes.

A vault shaped like a large community wiki (two folders of thousands of notes
four levels down, a few hundred notes in small folders, five headings a note)
is built with plain MyST and with the extension, in alabaster (Sphinx's
default theme) and in furo (which draws the whole navigation tree into every
page), interleaved, and compared on CPU time, peak memory and the size of the
HTML output (without the doctree cache). Then three shapes that once made a
build grow with the square of their size are built at N and 2N: one note
with N tags, N sibling folders, N unresolved embeds in one paragraph.

A benchmark, not a test: it prints tables, writes JSON and, with ``--docs``,
the table that the documentation shows.

    python benchmarks/themes.py --notes 6000 --repeat 3
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

from _report import machine, progress, publish  # noqa: E402
from vault import note_text  # noqa: E402

THEMES = ("alabaster", "furo")
EXTENSIONS = {"myst": "myst_parser", "obsidian": "sphinxext.obsidian"}
QUIET = 'suppress_warnings = ["toc.not_included", "myst", "obsidian", "misc"]'
#: the two large folders, four levels down, and the small ones beside them
LARGE = ("wiki/content/mods", "wiki/content/guides")
SMALL = tuple(f"wiki/meta/area-{a}/topic-{b}" for a in range(4) for b in range(5))


def wiki_folder(index: int) -> str:
    """Where note ``index`` lives: one in twenty in a small folder."""
    if index % 20 == 0:
        return SMALL[(index // 20) % len(SMALL)]
    return LARGE[index % 2]


def generate_wiki(root: Path, count: int) -> None:
    """A wiki-shaped vault of ``count`` notes under ``root/vault``."""
    rng = random.Random(7)
    for index in range(count):
        folder = root / "vault" / wiki_folder(index)
        folder.mkdir(parents=True, exist_ok=True)
        text = note_text(index, count, rng) + "\n## Notes\n\nMore text.\n"
        (folder / f"note_{index:05d}.md").write_text(text, encoding="utf-8")
    (root / "index.md").write_text("# Wiki\n", encoding="utf-8")


def build(src: Path, conf: str, out: Path) -> dict[str, Any]:
    """One fresh build in its own process; CPU, peak memory and output size."""
    confdir = out.with_name(out.name + "-conf")
    confdir.mkdir(parents=True, exist_ok=True)
    (confdir / "conf.py").write_text(conf, encoding="utf-8")
    shutil.rmtree(out, ignore_errors=True)
    command = [sys.executable, str(HERE / "_build_once.py"), str(src), str(confdir), str(out)]
    proc = subprocess.run([*command, "1", "1"], capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"build of {src} failed:\n{proc.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    result["output_mib"] = (
        sum(
            p.stat().st_size
            for p in out.rglob("*")
            if p.is_file() and ".doctrees" not in p.relative_to(out).parts
        )
        / 2**20
    )
    return result


def conf_for(extension: str, theme: str) -> str:
    return f'project = "wiki"\nextensions = ["{extension}"]\nhtml_theme = "{theme}"\n{QUIET}\n'


def measure_themes(notes: int, repeat: int, progress: Callable[[str], None]) -> dict[str, Any]:
    runs: dict[str, list[dict[str, Any]]] = {}
    with tempfile.TemporaryDirectory(prefix="wiki-bench-") as name:
        tmp = Path(name)
        generate_wiki(tmp / "src", notes)
        for round_ in range(repeat):
            for theme in THEMES:
                for variant, extension in EXTENSIONS.items():
                    progress(f"{notes} notes, {theme}, {variant}, round {round_ + 1}")
                    result = build(tmp / "src", conf_for(extension, theme), tmp / "out")
                    runs.setdefault(f"{theme} {variant}", []).append(result)
    table: dict[str, Any] = {}
    for theme in THEMES:
        plain, ours = runs[f"{theme} myst"], runs[f"{theme} obsidian"]
        cpu = {
            v: statistics.median(r["cpu_seconds"] for r in rs)
            for v, rs in (("myst", plain), ("obsidian", ours))
        }
        peak = {
            v: max(r["peak_mib"] for r in rs) for v, rs in (("myst", plain), ("obsidian", ours))
        }
        size = {v: rs[-1]["output_mib"] for v, rs in (("myst", plain), ("obsidian", ours))}
        table[theme] = {
            "cpu_s": cpu,
            "cpu_ratio": cpu["obsidian"] / cpu["myst"],
            "peak_mib": peak,
            "memory_ratio": peak["obsidian"] / peak["myst"],
            "output_mib": size,
            "output_ratio": size["obsidian"] / size["myst"],
        }
    return {"notes": notes, "themes": table}


#: name -> the files of a project built from a count
SHAPES: dict[str, Callable[[int], dict[str, str]]] = {
    "one note with N tags": lambda n: {
        "note.md": "# Note\n\n" + " ".join(f"#tag{i}" for i in range(n)) + "\n"
    },
    "N sibling folders": lambda n: {f"v/folder{i:05d}/note.md": f"# Note {i}\n" for i in range(n)},
    "N unresolved embeds in one paragraph": lambda n: {
        "note.md": "# Note\n\n" + " ".join(f"![[missing {i}]]" for i in range(n)) + "\n"
    },
}
SHAPE_SIZES = {
    "one note with N tags": 400,
    "N sibling folders": 400,
    "N unresolved embeds in one paragraph": 4000,
}


def measure_shapes(progress: Callable[[str], None]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="shape-bench-") as name:
        tmp = Path(name)
        for shape, files in SHAPES.items():
            row: dict[str, Any] = {}
            for n in (SHAPE_SIZES[shape], 2 * SHAPE_SIZES[shape]):
                src = tmp / f"src-{n}"
                shutil.rmtree(src, ignore_errors=True)
                src.mkdir()
                (src / "index.md").write_text("# Home\n", encoding="utf-8")
                for path, text in files(n).items():
                    (src / path).parent.mkdir(parents=True, exist_ok=True)
                    (src / path).write_text(text, encoding="utf-8")
                for variant, extension in EXTENSIONS.items():
                    progress(f"{shape}, N = {n}, {variant}")
                    result = build(src, conf_for(extension, "alabaster"), tmp / "out")
                    row[f"{variant} {n}"] = result["cpu_seconds"]
            small, large = SHAPE_SIZES[shape], 2 * SHAPE_SIZES[shape]
            found[shape] = {
                **row,
                "doubling": row[f"obsidian {large}"] / row[f"obsidian {small}"],
                "ratio_to_myst": row[f"obsidian {large}"] / row[f"myst {large}"],
                "sizes": (small, large),
            }
    return found


def markdown_table(result: dict[str, Any]) -> str:
    machine = result["machine"]
    rows = result["themes"]
    lines = [
        f"Measured on {machine['date']}: {machine['cpus']} cores, Python {machine['python']}, "
        f"Sphinx {machine['sphinx']}, MyST-Parser {machine['myst-parser']}, "
        f"{rows['notes']:,} notes shaped like a community wiki, "
        + (
            "a single run"
            if machine["repeat"] == 1
            else f"median of {machine['repeat']} interleaved runs"
        )
        + ", CPU time; output without the doctree cache.",
        "",
        "| theme | plain MyST | with the extension | CPU ratio | peak memory ratio | "
        "output ratio |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for theme, row in rows["themes"].items():
        lines.append(
            f"| {theme} | {row['cpu_s']['myst']:.1f} s | {row['cpu_s']['obsidian']:.1f} s | "
            f"{row['cpu_ratio']:.2f} | {row['memory_ratio']:.2f} | {row['output_ratio']:.2f} |"
        )
    lines += [
        "",
        "| shape (alabaster) | N | extension, N | extension, 2N | doubling N costs | "
        "against plain MyST at 2N |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for shape, row in result["shapes"].items():
        small, large = row["sizes"]
        lines.append(
            f"| {shape} | {small:,} | {row[f'obsidian {small}']:.1f} s | "
            f"{row[f'obsidian {large}']:.1f} s | {row['doubling']:.2f}x | "
            f"{row['ratio_to_myst']:.2f}x |"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=6000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", type=Path, default=HERE / "results" / "themes.json")
    parser.add_argument(
        "--docs", action="store_true", help="also write the table the documentation shows"
    )
    args = parser.parse_args()

    result = {
        "machine": machine(args.repeat),
        "themes": measure_themes(args.notes, args.repeat, progress),
        "shapes": measure_shapes(progress),
    }
    publish(
        result, markdown_table(result), args.json, "_benchmark-themes.md" if args.docs else None
    )


if __name__ == "__main__":
    main()
