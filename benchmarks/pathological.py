"""Pathological inputs: parsing time per kilobyte next to plain text of the same size.

Each input repeats one of Obsidian's markers many times (50,000 ``[[`` in a
row, an unclosed ``%%`` before 20,000 lines, 400 nested quotes...), the kind
of text that makes a careless rule scan the rest of the line for every
opening marker, which is quadratic. The extension's markdown-it rules are
run as MyST runs them for a note; the reference is prose of the same length
through the same parser. A benchmark, not a test: it prints a table and
asserts nothing (``tests/test_pathological.py`` checks that each input
finishes).

    python benchmarks/pathological.py
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from myst_parser.config.main import MdParserConfig
from myst_parser.mdit_to_docutils.base import DocutilsRenderer
from myst_parser.parsers.mdit import create_md_parser

from sphinxext.obsidian.syntax import obsidian_plugin

#: name -> the input, built from a count; each is tens to hundreds of kilobytes at full count
INPUTS: dict[str, Callable[[int], str]] = {
    "50,000 [[": lambda n: "[[" * n,
    "50,000 ![[": lambda n: "![[" * n,
    "50,000 ]]": lambda n: "]]" * n,
    "50,000 ==": lambda n: "==" * n,
    "50,000 ^": lambda n: "^" * n,
    "50,000 ^[": lambda n: "^[" * n,
    "50,000 #": lambda n: "#" * n,
    "50,000 #a tags": lambda n: " #a" * n,
    "50,000 %%": lambda n: "%% " * n,
    "50,000 [[a and a pipe": lambda n: "[[a|" * n,
    "50,000 [[ in code spans": lambda n: "`[[` " * n,
    "unclosed %% then 20,000 lines": lambda n: "%%\n" + "a line of text\n" * (n * 2 // 5),
    "unclosed %% inline, 20,000 lines": lambda n: "text %% " + "a line of text\n" * (n * 2 // 5),
    "400 nested >": lambda n: (">" * 400 + " text\n\n") * (n // 500),
    "400 nested > [!note]": lambda n: "".join("> " * i + "[!note] t\n" for i in range(1, n // 125)),
    "300 callout markers": lambda n: "> [!note]\n" * (n * 3 // 500),
    "300 callouts": lambda n: "> [!note] a\n> b\n\n" * (n * 3 // 500),
    "wikilink with 50,000 pipes": lambda n: "[[a" + "|" * n + "]]",
    "wikilink with 50,000 #": lambda n: "[[a" + "#" * n + "]]",
    "50,000 block ids": lambda n: "para ^abc\n\n" * n,
    "20,000 tasks": lambda n: "- [?] task\n" * (n * 2 // 5),
    "20,000 wikilinks": lambda n: "see [[Note#Heading|alias]] and " * (n * 2 // 5),
}
#: the count that each name above states
FULL = 50_000

PROSE = "The quick brown fox jumps over the lazy dog, and then it rests for a while. "


def plain_text(size: int) -> str:
    return (PROSE * (size // len(PROSE) + 1))[:size]


def parser(obsidian: bool = True) -> Callable[[str], object]:
    """markdown-it as MyST sets it up for a note, with or without the extension's rules."""
    md = create_md_parser(MdParserConfig(enable_extensions={"dollarmath"}), DocutilsRenderer)
    if obsidian:
        md.use(obsidian_plugin)
    return lambda text: md.parse(text, {})


def per_kilobyte(parse: Callable[[str], object], text: str, repeat: int) -> float:
    """The best of ``repeat`` CPU times to parse ``text``, in milliseconds per kilobyte."""
    best = float("inf")
    for _ in range(repeat):
        started = time.process_time()
        parse(text)
        best = min(best, time.process_time() - started)
    return best * 1000 / (len(text.encode("utf-8")) / 1024)


#: seconds MyST alone may take on one input (it is quadratic on some)
MYST_BUDGET = 30


def myst_alone(name: str, repeat: int) -> float | None:
    """MyST's own time per kilobyte on an input, in a process that may be stopped."""
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]); import pathological as p; "
        "print(p.per_kilobyte(p.parser(obsidian=False), p.INPUTS[sys.argv[2]](p.FULL), "
        "int(sys.argv[3])))"
    )
    try:
        done = subprocess.run(
            [sys.executable, "-c", code, str(Path(__file__).parent), name, str(repeat)],
            capture_output=True,
            text=True,
            timeout=MYST_BUDGET * repeat,
            check=True,
        )
    except subprocess.TimeoutExpired:
        return None
    return float(done.stdout)


def main() -> None:
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("--repeat", type=int, default=3)
    arguments.add_argument(
        "--docs", action="store_true", help="also write the table the documentation shows"
    )
    args = arguments.parse_args()
    ours = parser()
    lines = [
        "| input | size | ms per KB | MyST alone, same input | plain text | "
        "against MyST alone | half the input takes |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for line in lines:
        print(line)
    worst = 0.0
    for name, make in INPUTS.items():
        text = make(FULL)
        time_ours = per_kilobyte(ours, text, args.repeat)
        time_myst = myst_alone(name, args.repeat)
        time_plain = per_kilobyte(ours, plain_text(len(text)), args.repeat)
        # linear time: half the input, half the time (the same time per kilobyte)
        half = per_kilobyte(ours, make(FULL // 2), args.repeat) / 2 / time_ours
        if time_myst:
            worst = max(worst, time_ours / time_myst)
        size = len(text.encode("utf-8")) / 1024
        line = (
            f"| `{name}` | {size:.0f} KB | {time_ours:.3f} | "
            + (f"{time_myst:.3f}" if time_myst else f"over {MYST_BUDGET} s")
            + f" | {time_plain:.3f} | "
            + (f"{time_ours / time_myst:.2f}x" if time_myst else "-")
            + f" | {half:.0%} of the time |"
        )
        lines.append(line)
        print(line, flush=True)
    print(f"\nworst ratio to MyST alone: {worst:.2f}")
    if args.docs:
        target = Path(__file__).parent.parent / "docs" / "_pathological-table.md"
        target.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
