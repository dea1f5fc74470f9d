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

With ``--parallel N`` it also builds a wiki of N notes with ``-j 2`` and
``-j 1`` and shows each phase's wall time (reading is parallel in Sphinx,
resolving is serial, writing is parallel), with ``--scale`` wikis of the
sizes given (time and peak memory as the vault grows), and with ``--vault``
a real vault, copied, both ways in both themes.
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


def build(src: Path, conf: str, out: Path, jobs: int = 1) -> dict[str, Any]:
    """One fresh build in its own process; CPU, peak memory and output size."""
    confdir = out.with_name(out.name + "-conf")
    confdir.mkdir(parents=True, exist_ok=True)
    (confdir / "conf.py").write_text(conf, encoding="utf-8")
    shutil.rmtree(out, ignore_errors=True)
    command = [sys.executable, str(HERE / "_build_once.py"), str(src), str(confdir), str(out)]
    proc = subprocess.run([*command, str(jobs), "1"], capture_output=True, text=True, check=False)
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


PHASES = ("read", "consistency", "write", "finish")


def measure_parallel(notes: int, progress: Callable[[str], None]) -> dict[str, Any]:
    """Serial and ``-j 2`` builds of the wiki in alabaster, with each phase's wall time."""
    found: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="wiki-parallel-") as name:
        tmp = Path(name)
        generate_wiki(tmp / "src", notes)
        for variant, extension in EXTENSIONS.items():
            for jobs in (1, 2):
                progress(f"{notes} notes, alabaster, {variant}, -j {jobs}")
                result = build(tmp / "src", conf_for(extension, "alabaster"), tmp / "out", jobs)
                found[f"{variant} -j {jobs}"] = {
                    "wall_s": result["seconds"],
                    "phases": result["phases"],
                }
    for variant in EXTENSIONS:
        serial, parallel = found[f"{variant} -j 1"], found[f"{variant} -j 2"]
        found[f"{variant} ratio"] = parallel["wall_s"] / serial["wall_s"]
    return {"notes": notes, **found}


def measure_scale(sizes: list[int], progress: Callable[[str], None]) -> dict[str, Any]:
    """The wiki at growing sizes, alabaster: time and peak memory of both."""
    found: dict[str, Any] = {}
    for notes in sizes:
        with tempfile.TemporaryDirectory(prefix="wiki-scale-") as name:
            tmp = Path(name)
            generate_wiki(tmp / "src", notes)
            row = {}
            for variant, extension in EXTENSIONS.items():
                progress(f"{notes} notes, alabaster, {variant}")
                result = build(tmp / "src", conf_for(extension, "alabaster"), tmp / "out")
                row[variant] = {"cpu_s": result["cpu_seconds"], "peak_mib": result["peak_mib"]}
            found[str(notes)] = row
    return found


def measure_vault(vault: Path, progress: Callable[[str], None]) -> dict[str, Any]:
    """A real vault (a Sphinx project folder) built both ways in both themes."""
    found: dict[str, Any] = {"vault": vault.name}
    with tempfile.TemporaryDirectory(prefix="vault-real-") as name:
        tmp = Path(name)
        src = tmp / "src"
        shutil.copytree(vault, src, ignore=shutil.ignore_patterns("_build", ".git"))
        if not (src / "index.md").exists() and not (src / "index.rst").exists():
            (src / "index.md").write_text(f"# {vault.name}\n", encoding="utf-8")
        notes = sum(1 for _ in src.rglob("*.md"))
        found["notes"] = notes
        for theme in THEMES:
            row = {}
            for variant, extension in EXTENSIONS.items():
                progress(f"{vault.name}, {theme}, {variant}")
                result = build(src, conf_for(extension, theme), tmp / "out")
                row[variant] = {
                    "cpu_s": result["cpu_seconds"],
                    "peak_mib": result["peak_mib"],
                    "output_mib": result["output_mib"],
                }
            row["cpu_ratio"] = row["obsidian"]["cpu_s"] / row["myst"]["cpu_s"]
            row["memory_ratio"] = row["obsidian"]["peak_mib"] / row["myst"]["peak_mib"]
            row["output_ratio"] = row["obsidian"]["output_mib"] / row["myst"]["output_mib"]
            found[theme] = row
    return found


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
    parallel = result.get("parallel")
    if parallel:
        lines += [
            "",
            f"| `-j 2`, {parallel['notes']:,} notes, alabaster | wall time | "
            + " | ".join(PHASES)
            + " | against `-j 1` |",
            "| --- | ---: " + "| ---: " * len(PHASES) + "| ---: |",
        ]
        for variant, label in (("myst", "plain MyST"), ("obsidian", "with the extension")):
            for jobs in (1, 2):
                row = parallel[f"{variant} -j {jobs}"]
                ratio = f"{parallel[f'{variant} ratio']:.2f}" if jobs == 2 else ""
                lines.append(
                    f"| {label}, `-j {jobs}` | {row['wall_s']:.1f} s | "
                    + " | ".join(f"{row['phases'].get(p, 0.0):.1f} s" for p in PHASES)
                    + f" | {ratio} |"
                )
    scale = result.get("scale")
    if scale:
        sizes = list(scale)
        lines += [
            "",
            "| notes (alabaster) | plain MyST | with the extension | CPU ratio | "
            "peak memory, extension | peak memory ratio | "
            f"time against {int(sizes[0]):,} notes |",
            "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        first = scale[sizes[0]]["obsidian"]["cpu_s"]
        for size in sizes:
            row = scale[size]
            lines.append(
                f"| {int(size):,} | {row['myst']['cpu_s']:.1f} s | "
                f"{row['obsidian']['cpu_s']:.1f} s | "
                f"{row['obsidian']['cpu_s'] / row['myst']['cpu_s']:.2f} | "
                f"{row['obsidian']['peak_mib']:,.0f} MiB | "
                f"{row['obsidian']['peak_mib'] / row['myst']['peak_mib']:.2f} | "
                f"{row['obsidian']['cpu_s'] / first:.2f}x |"
            )
    vault = result.get("vault")
    if vault:
        lines += [
            "",
            f"| real vault ({vault['notes']:,} notes) | plain MyST | with the extension | "
            "CPU ratio | peak memory ratio | output ratio |",
            "| --- | ---: | ---: | ---: | ---: | ---: |",
        ]
        for theme in THEMES:
            row = vault[theme]
            lines.append(
                f"| {theme} | {row['myst']['cpu_s']:.1f} s | {row['obsidian']['cpu_s']:.1f} s | "
                f"{row['cpu_ratio']:.2f} | {row['memory_ratio']:.2f} | "
                f"{row['output_ratio']:.2f} |"
            )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=6000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", type=Path, default=HERE / "results" / "themes.json")
    parser.add_argument(
        "--parallel", type=int, default=0, metavar="NOTES",
        help="also compare -j 2 with -j 1 on a wiki of this many notes, phase by phase",
    )  # fmt: skip
    parser.add_argument(
        "--scale", type=int, nargs="*", default=[], metavar="NOTES",
        help="also build wikis of these sizes (time and peak memory)",
    )  # fmt: skip
    parser.add_argument(
        "--vault", type=Path, help="also build this real vault (a folder of notes) both ways"
    )
    parser.add_argument(
        "--docs", action="store_true", help="also write the table the documentation shows"
    )
    args = parser.parse_args()

    result: dict[str, Any] = {
        "machine": machine(args.repeat),
        "themes": measure_themes(args.notes, args.repeat, progress),
        "shapes": measure_shapes(progress),
    }
    if args.parallel:
        result["parallel"] = measure_parallel(args.parallel, progress)
    if args.scale:
        result["scale"] = measure_scale(args.scale, progress)
    if args.vault:
        result["vault"] = measure_vault(args.vault, progress)
    publish(
        result, markdown_table(result), args.json, "_benchmark-themes.md" if args.docs else None
    )


if __name__ == "__main__":
    main()
