"""Build generated vaults with plain MyST and with the extension, side by side.

Every variant reads the same notes with the same theme and settings; only the
extension, or one of its features, differs. Runs are interleaved (plain,
extension, each feature off, plain, ...) so that whatever else the machine
does weighs on all alike, and medians are compared. At each size it also
times a rebuild with no change, a rebuild after editing one embedded note,
a parallel build (``-j 2``, whose pages must equal the serial build's), and
markdown-it parsing alone with and without the extension's rules.

A benchmark, not a test: it asserts nothing, it prints a table, writes JSON
and, with ``--docs``, the table that the documentation shows.

    python benchmarks/run.py --sizes 250 1000 4000 --repeat 3
"""

from __future__ import annotations

import argparse
import filecmp
import itertools
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

from _report import machine, progress, publish  # noqa: E402
from vault import generate, note_folder, note_name  # noqa: E402

COMMON = """
project = "benchmark"
html_theme = "{theme}"
exclude_patterns = ["_build"]
suppress_warnings = ["toc.not_included", "myst.header", "myst.xref_missing", "obsidian"]
"""
OFF = {
    "navigation": "obsidian_navigation = False",
    "tags": "obsidian_tags = False",
    "properties": "obsidian_properties = False",
    "backlinks": "obsidian_backlinks = False",
}
#: name -> (conf.py lines after COMMON, which generated vault it reads)
VARIANTS: dict[str, tuple[str, str]] = {
    "myst": ('extensions = ["myst_parser"]', "src"),
    "obsidian": ('extensions = ["sphinxext.obsidian"]', "src"),
    **{
        f"without {feature}": (f'extensions = ["sphinxext.obsidian"]\n{line}', "src")
        for feature, line in OFF.items()
    },
    # links, callouts, embeds and block ids: the extension with the four
    # features above switched off
    "core": ('extensions = ["sphinxext.obsidian"]\n' + "\n".join(OFF.values()), "src"),
    # reference, not a target: plain MyST with every link written as a Markdown link
    "myst, Markdown links": ('extensions = ["myst_parser"]', "src-markdown"),
}
#: the vault dropped in as users do: the default theme (alabaster) with its
#: sidebar navigation, no toctree written, no warning suppressed
DROPPED_IN = 'project = "benchmark"\nextensions = ["sphinxext.obsidian"]\n'
#: the note whose text the one-note-edit rebuild changes; note 0 embeds its section
EDITED = 3


def make_project(root: Path, notes: int, markdown: bool = False) -> Path:
    generate(root, notes, markdown=markdown)
    (root / "index.md").write_text("# Benchmark\n", encoding="utf-8")
    return root


def build(
    tmp: Path,
    name: str,
    conf: str,
    folder: str,
    *,
    jobs: int = 1,
    fresh: bool = True,
    out: str = "",
) -> dict[str, Any]:
    """One build in a fresh process; returns its figures."""
    src = tmp / folder
    confdir = tmp / f"conf-{name.replace(' ', '-').replace(',', '')}"
    confdir.mkdir(exist_ok=True)
    (confdir / "conf.py").write_text(conf + "\n", encoding="utf-8")
    outdir = tmp / (out or f"out-{confdir.name[5:]}")
    if fresh:
        shutil.rmtree(outdir, ignore_errors=True)
    command = [
        sys.executable, str(HERE / "_build_once.py"),
        str(src), str(confdir), str(outdir), str(jobs), "1" if fresh else "0",
    ]  # fmt: skip
    proc = subprocess.run(command, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"{name} build failed:\n{proc.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    if result["status"] != 0:
        raise SystemExit(f"{name} build failed:\n{proc.stderr[-3000:]}")
    result["outdir"] = str(outdir)
    return result


def same_pages(one: Path, other: Path) -> bool:
    """Whether two HTML builds wrote the same pages with the same bytes."""
    pages = sorted(p.relative_to(one) for p in one.rglob("*.html"))
    if pages != sorted(p.relative_to(other) for p in other.rglob("*.html")):
        return False
    return all(filecmp.cmp(one / page, other / page, shallow=False) for page in pages)


def edit_note(src: Path, total: int) -> Callable[[], None]:
    """Change a sentence of one note's embedded section; return the undo."""
    path = src / "vault" / note_folder(EDITED % total) / f"{note_name(EDITED % total)}.md"
    original = path.read_text(encoding="utf-8")
    stat = path.stat()
    path.write_text(
        original.replace("## Background\n\n", "## Background\n\nAn edited sentence. ", 1),
        encoding="utf-8",
    )

    def undo() -> None:
        # the text and its time as they were, so that the other variant's
        # "no change" rebuild does not see this note as changed
        path.write_text(original, encoding="utf-8")
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))

    return undo


def parse_times(src: Path, repeat: int) -> dict[str, float]:
    """markdown-it parsing alone, of every note, with MyST's rules and with ours added."""
    from pathological import parser

    texts = [p.read_text(encoding="utf-8") for p in sorted(src.rglob("*.md"))]
    parsers = {"myst": parser(obsidian=False), "obsidian": parser()}
    best = {name: float("inf") for name in parsers}
    for _ in range(repeat):
        for name, parse in parsers.items():
            started = time.process_time()
            for text in texts:
                parse(text)
            best[name] = min(best[name], time.process_time() - started)
    return best


def measure(
    size: int, repeat: int, progress: Callable[[str], None], theme: str = "alabaster"
) -> dict[str, Any]:
    common = COMMON.format(theme=theme)
    with tempfile.TemporaryDirectory(prefix="vault-bench-") as name:
        tmp = Path(name)
        make_project(tmp / "src", size)
        make_project(tmp / "src-markdown", size, markdown=True)
        full: dict[str, list[dict[str, Any]]] = {variant: [] for variant in VARIANTS}
        full["dropped-in"] = []
        modes: dict[str, dict[str, list[dict[str, Any]]]] = {
            variant: {"no change": [], "one note edited": [], "-j 2": []}
            for variant in ("myst", "obsidian")
        }
        same = {}
        for round_ in range(repeat):
            progress(f"{size} notes, round {round_ + 1} of {repeat}: full builds")
            for variant, (conf, folder) in VARIANTS.items():
                full[variant].append(build(tmp, variant, common + conf, folder))
            full["dropped-in"].append(build(tmp, "dropped-in", DROPPED_IN, "src"))
            progress(f"{size} notes, round {round_ + 1} of {repeat}: rebuilds and -j 2")
            for variant in ("myst", "obsidian"):
                conf, folder = VARIANTS[variant]
                conf = common + conf
                serial = full[variant][-1]  # this round's fresh serial build
                parallel = build(tmp, variant, conf, folder, jobs=2, out=f"out-{variant}-j2")
                modes[variant]["-j 2"].append(parallel)
                same[variant] = same.get(variant, True) and same_pages(
                    Path(serial["outdir"]), Path(parallel["outdir"])
                )
                # then rebuild the serial build's output in place
                modes[variant]["no change"].append(build(tmp, variant, conf, folder, fresh=False))
                undo = edit_note(tmp / folder, size)
                try:
                    modes[variant]["one note edited"].append(
                        build(tmp, variant, conf, folder, fresh=False)
                    )
                finally:
                    undo()
        progress(f"{size} notes: markdown-it parsing alone")
        parsing = parse_times(tmp / "src", max(repeat, 3))
    return summarise(size, full, modes, same, parsing)


def _median(runs: list[dict[str, Any]], key: str) -> float:
    return statistics.median(run[key] for run in runs)


def summarise(
    size: int,
    full: dict[str, list[dict[str, Any]]],
    modes: dict[str, dict[str, list[dict[str, Any]]]],
    same: dict[str, bool],
    parsing: dict[str, float],
) -> dict[str, Any]:
    myst_cpu = _median(full["myst"], "cpu_seconds")
    myst_peak = max(run["peak_mib"] for run in full["myst"])
    variants = {
        variant: {
            "wall_s": _median(runs, "seconds"),
            "cpu_s": _median(runs, "cpu_seconds"),
            "cpu_ratio": _median(runs, "cpu_seconds") / myst_cpu,
            "peak_mib": max(run["peak_mib"] for run in runs),
            "memory_ratio": max(run["peak_mib"] for run in runs) / myst_peak,
        }
        for variant, runs in full.items()
    }
    rebuilds = {
        variant: {
            mode: {
                "wall_s": _median(runs, "seconds"),
                "cpu_s": _median(runs, "cpu_seconds"),
                "read": runs[-1]["read"],
                "written": runs[-1]["written"],
                "read_docs": runs[-1].get("read_docs"),
                "written_docs": runs[-1].get("written_docs"),
            }
            for mode, runs in by_mode.items()
        }
        for variant, by_mode in modes.items()
    }
    for variant, by_mode in rebuilds.items():
        by_mode["-j 2"]["same pages as -j 1"] = same[variant]
        by_mode["-j 2"]["wall_ratio_to_serial"] = (
            by_mode["-j 2"]["wall_s"] / variants[variant]["wall_s"]
        )
        by_mode["one note edited"]["share_of_full"] = (
            by_mode["one note edited"]["wall_s"] / variants[variant]["wall_s"]
        )
    return {
        "notes": size,
        "variants": variants,
        "rebuilds": rebuilds,
        "parsing": {**parsing, "ratio": parsing["obsidian"] / parsing["myst"]},
    }


def growth(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Time ratios between consecutive sizes, for the extension and the dropped-in vault."""
    found = []
    for small, large in itertools.pairwise(rows):
        found.append(
            {
                "from": small["notes"],
                "to": large["notes"],
                "notes": large["notes"] / small["notes"],
                **{
                    variant: large["variants"][variant]["cpu_s"]
                    / small["variants"][variant]["cpu_s"]
                    for variant in ("myst", "obsidian", "dropped-in")
                },
            }
        )
    return found


def markdown_table(result: dict[str, Any]) -> str:
    """The tables the documentation shows."""
    rows = result["rows"]
    machine = result["machine"]
    lines = [
        f"Measured on {machine['date']}: {machine['cpus']} cores, Python {machine['python']}, "
        f"Sphinx {machine['sphinx']}, MyST-Parser {machine['myst-parser']}, "
        f"the `{result['theme']}` theme, "
        f"median of {machine['repeat']} interleaved runs, CPU time.",
        "",
        "| notes | plain MyST | with the extension | ratio | peak memory ratio | "
        "plain MyST, Markdown links |",
        "| ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        v = row["variants"]
        lines.append(
            f"| {row['notes']:,} | {v['myst']['cpu_s']:.1f} s | {v['obsidian']['cpu_s']:.1f} s | "
            f"{v['obsidian']['cpu_ratio']:.2f} | {v['obsidian']['memory_ratio']:.2f} | "
            f"{v['myst, Markdown links']['cpu_ratio']:.2f} |"
        )
    lines += [
        "",
        "| notes | " + " | ".join(f"without {f}" for f in OFF) + " | core (all four off) |",
        "| ---: " * (2 + len(OFF)) + "|",
    ]
    for row in rows:
        v = row["variants"]
        lines.append(
            f"| {row['notes']:,} | "
            + " | ".join(f"{v[f'without {f}']['cpu_ratio']:.2f}" for f in OFF)
            + f" | {v['core']['cpu_ratio']:.2f} |"
        )
    lines += [
        "",
        "| notes | rebuild, no change: read | one note edited: read, written, share of a full "
        "build | `-j 2`: same pages, time against `-j 1` | markdown-it parsing alone |",
        "| ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        r = row["rebuilds"]["obsidian"]
        edited = r["one note edited"]
        parallel = r["-j 2"]
        lines.append(
            f"| {row['notes']:,} | {r['no change']['read']} | {edited['read']} read, "
            f"{edited['written']} written, {edited['share_of_full']:.0%} | "
            f"{'yes' if parallel['same pages as -j 1'] else 'no'}, "
            f"{parallel['wall_ratio_to_serial']:.2f} | {row['parsing']['ratio']:.2f} |"
        )
    if result["growth"]:
        lines += ["", "| notes | plain MyST | with the extension | dropped in (alabaster) |"]
        lines += ["| --- | ---: | ---: | ---: |"]
        for g in result["growth"]:
            lines.append(
                f"| {g['from']:,} to {g['to']:,} ({g['notes']:.0f}x) | {g['myst']:.2f}x | "
                f"{g['obsidian']:.2f}x | {g['dropped-in']:.2f}x |"
            )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[250, 1000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--theme", default="alabaster", help="the theme of every build")
    parser.add_argument("--json", type=Path, default=HERE / "results" / "latest.json")
    parser.add_argument(
        "--docs", action="store_true", help="also write the table the documentation shows"
    )
    args = parser.parse_args()

    rows = [measure(size, args.repeat, progress, args.theme) for size in args.sizes]
    result = {
        "machine": machine(args.repeat),
        "theme": args.theme,
        "rows": rows,
        "growth": growth(rows),
    }
    publish(result, markdown_table(result), args.json, "_benchmark-table.md" if args.docs else None)


if __name__ == "__main__":
    main()
