"""Build generated vaults with plain MyST and with the extension, side by side.

Both builds read the same notes with the same theme and settings; only the
extension differs. Runs are interleaved (plain, extension, plain, ...) so
that whatever else the machine does weighs on both alike, and the ratio of
medians is reported. A benchmark, not a test: it asserts nothing.

    python benchmarks/run.py --sizes 250 1000 --repeat 3
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

from vault import generate  # noqa: E402

COMMON = """
project = "benchmark"
html_theme = "basic"
exclude_patterns = ["_build"]
suppress_warnings = ["toc.not_included", "myst.header", "myst.xref_missing", "obsidian"]
"""
#: name -> (extensions line, which generated vault it reads)
VARIANTS = {
    "myst": ('extensions = ["myst_parser"]\n', "src"),
    "obsidian": ('extensions = ["sphinxext.obsidian"]\n', "src"),
    # reference, not a target: plain MyST with every link written as a Markdown link
    "myst-links": ('extensions = ["myst_parser"]\n', "src-markdown"),
    # the vault dropped in as users do: the default theme (alabaster) and its
    # sidebar navigation, no toctree written, no warning suppressed
    "dropped-in": ('extensions = ["sphinxext.obsidian"]\n', "src"),
}
#: configuration of a variant that replaces ``COMMON``
STANDALONE = {"dropped-in": 'project = "benchmark"\n'}


def make_project(root: Path, notes: int, markdown: bool = False) -> Path:
    generate(root, notes, markdown=markdown)
    (root / "index.md").write_text("# Benchmark\n", encoding="utf-8")
    return root


def build(tmp: Path, variant: str, jobs: int = 1) -> dict[str, float]:
    extensions, folder = VARIANTS[variant]
    src = tmp / folder
    confdir = src.parent / f"conf-{variant}"
    confdir.mkdir(exist_ok=True)
    common = STANDALONE.get(variant, COMMON)
    (confdir / "conf.py").write_text(common + extensions, encoding="utf-8")
    out = src.parent / f"out-{variant}"
    shutil.rmtree(out, ignore_errors=True)
    command = [
        sys.executable, str(HERE / "_build_once.py"), "-b", "html", "-q", "-E",
        "-c", str(confdir), "-d", str(out / ".doctrees"), "-j", str(jobs), str(src), str(out),
    ]  # fmt: skip
    proc = subprocess.run(command, capture_output=True, text=True, check=False)
    result: dict[str, float] = json.loads(proc.stdout.strip().splitlines()[-1])
    if result["status"] != 0:
        raise SystemExit(f"{variant} build failed:\n{proc.stderr[-2000:]}")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", type=Path, default=HERE / "results" / "latest.json")
    args = parser.parse_args()

    rows = []
    for size in args.sizes:
        with tempfile.TemporaryDirectory(prefix="vault-bench-") as tmp:
            make_project(Path(tmp) / "src", size)
            make_project(Path(tmp) / "src-markdown", size, markdown=True)
            samples: dict[str, list[dict[str, float]]] = {name: [] for name in VARIANTS}
            for _ in range(args.repeat):
                for name in VARIANTS:
                    samples[name].append(build(Path(tmp), name))
            medians = {
                name: statistics.median(s["seconds"] for s in runs)
                for name, runs in samples.items()
            }
            cpu = {
                name: statistics.median(s["cpu_seconds"] for s in runs)
                for name, runs in samples.items()
            }
            peaks = {name: max(s["peak_mib"] for s in runs) for name, runs in samples.items()}
            rows.append(
                {
                    "notes": size,
                    "myst_s": medians["myst"],
                    "obsidian_s": medians["obsidian"],
                    "time_ratio": medians["obsidian"] / medians["myst"],
                    "myst_cpu_s": cpu["myst"],
                    "obsidian_cpu_s": cpu["obsidian"],
                    "cpu_ratio": cpu["obsidian"] / cpu["myst"],
                    "myst_peak_mib": peaks["myst"],
                    "obsidian_peak_mib": peaks["obsidian"],
                    "memory_ratio": peaks["obsidian"] / peaks["myst"],
                    "myst_links_s": medians["myst-links"],
                    "myst_links_ratio": medians["myst-links"] / medians["myst"],
                    "myst_links_cpu_ratio": cpu["myst-links"] / cpu["myst"],
                    "dropped_in_cpu_s": cpu["dropped-in"],
                }
            )
            row = rows[-1]
            print(
                f"{size:>6} notes  wall: myst {medians['myst']:6.2f} s, obsidian "
                f"{medians['obsidian']:6.2f} s, ratio {row['time_ratio']:.3f}  |  CPU: myst "
                f"{cpu['myst']:6.2f} s, obsidian {cpu['obsidian']:6.2f} s, ratio "
                f"{row['cpu_ratio']:.3f}  |  peak memory ratio {row['memory_ratio']:.3f}  |  "
                f"reference, myst with Markdown links: ratio {row['myst_links_ratio']:.3f} "
                f"(CPU {row['myst_links_cpu_ratio']:.3f})",
                flush=True,
            )
    if len(rows) > 1:
        first, last = rows[0], rows[-1]
        print(
            f"dropped-in vault (default theme, no toctree written), CPU growth from "
            f"{first['notes']} to {last['notes']} notes: "
            f"{last['dropped_in_cpu_s'] / first['dropped_in_cpu_s']:.2f} times "
            f"(notes: {last['notes'] / first['notes']:.2f} times)",
            flush=True,
        )
    machine = {
        "python": platform.python_version(),
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "repeat": args.repeat,
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps({"machine": machine, "rows": rows}, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
