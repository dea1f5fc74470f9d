"""Long fuzzing of whole builds: small random vaults must build, and warn only at a place.

Each case is a vault of three to six notes, in one or two folders (folder
notes among them), that link to each other and embed each other
(``[[other]]``, ``[[other#Heading]]``, ``[[other#^id]]``, ``![[other]]``,
``![[other#Heading]]``, through aliases too), with front matter (title,
aliases, tags, other properties, sometimes broken), tags, callouts, block
ids, comments, and some of the random syntax of the parser fuzz. Each vault
is built in-process with the html builder, and with the text, latex or
singlehtml builder in turn.

The rule checked is the extension's promise: a problem in a note is a
warning (an ``obsidian.*`` one or MyST's or Sphinx's) that names its file,
never a crash and never a warning nobody can place. Every HTML build must
also give every published note its page. A fault the extension catches
itself (``obsidian.not_rendered``) is reported too. When a build raises, the
smallest vault is built once more without the extension, and the report
says whether MyST and Sphinx alone fail on it as well.

Every distinct problem is reported once, with the smallest vault found for
it (shrunk by dropping notes, then lines). ``OBSIDIAN_FUZZ_SEED`` picks
another seed, ``OBSIDIAN_FUZZ_VAULTS`` another number of vaults.
"""

from __future__ import annotations

import os
import random
import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from .fuzz_support import (
    Failures,
    VaultMaker,
    caught_faults,
    exception_key,
    show_vault,
    shrink,
    unlocated_warnings,
    warning_shape,
)

pytestmark = pytest.mark.long

SEED = int(os.environ.get("OBSIDIAN_FUZZ_SEED", "20260101"))
VAULTS = int(os.environ.get("OBSIDIAN_FUZZ_VAULTS", "120"))
#: time allowed for shrinking, all problems together, and for one problem
SHRINK_SECONDS = 120.0
SHRINK_ONE = 25.0
OTHER_BUILDERS = ("text", "latex", "singlehtml")


def _vault(seed: int, number: int) -> dict[str, str]:
    """Vault ``number`` of a run, as its files: the same for the same seed, always."""
    rng = random.Random(f"{seed}:vault:{number}")
    notes = VaultMaker(rng).vault(rng.randint(3, 6))
    return {note.file: note.text() for note in notes}


def _published(files: dict[str, str]) -> list[str]:
    return [
        name[: -len(".md")]
        for name, text in files.items()
        if "publish: false" not in text and "draft: true" not in text
    ]


EXTENSION = 'extensions = ["sphinxext.obsidian"]\nexclude_patterns = ["_build"]\n'
#: the same project without the extension, to tell its faults from MyST's and Sphinx's:
#: a root document of its own lists every note, as the extension's navigation does
MYST_ALONE = (
    'extensions = ["myst_parser"]\nmyst_enable_extensions = ["dollarmath"]\n'
    'exclude_patterns = ["_build"]\nroot_doc = "myst-alone-root"\n'
)
MYST_ALONE_ROOT = "# Every note\n\n```{toctree}\n:glob:\n\n**\n```\n"


class VaultBuilder:
    """Builds vaults in a folder of their own each time, and says what went wrong."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.count = 0

    def problems(
        self, files: dict[str, str], builder: str, conf: str = EXTENSION
    ) -> list[tuple[str, str]]:
        self.count += 1
        src = self.root / f"vault{self.count}"
        src.mkdir(parents=True)
        (src / "conf.py").write_text(conf, encoding="utf-8")
        for name, text in files.items():
            (src / name).parent.mkdir(parents=True, exist_ok=True)
            (src / name).write_bytes(text.encode("utf-8"))
        found: list[tuple[str, str]] = []
        app = SphinxTestApp(builder, srcdir=src, builddir=src.parent / f"build{self.count}")
        try:
            try:
                app.build()
            except Exception as exc:
                key, detail = exception_key(exc)
                found.append((f"build raised {key}", detail))
            else:
                if builder == "html":
                    missing = [
                        docname
                        for docname in _published(files)
                        if not (Path(app.outdir) / f"{docname}.html").is_file()
                    ]
                    if missing:
                        found.append(("html build: a note has no page", ", ".join(missing)))
            warnings = app.warning.getvalue()
            for warning in unlocated_warnings(warnings, src):
                found.append((f"warning without a file: {warning_shape(warning)}", warning))
            for fault in caught_faults(warnings):
                found.append((f"fault caught by the extension: {warning_shape(fault)}", fault))
        finally:
            app.cleanup()
            shutil.rmtree(src)
            shutil.rmtree(src.parent / f"build{self.count}", ignore_errors=True)
        return found


def _smallest(
    files: dict[str, str], fails: Callable[[dict[str, str]], bool], deadline: float
) -> dict[str, str]:
    """The vault with as few notes, then as few lines, as still fail."""
    budget = 40
    names = shrink(
        [name for name in files if name != "index.md"],
        lambda kept: fails({name: files[name] for name in ["index.md", *kept]}),
        budget=budget // 2,
        deadline=deadline,
    )
    files = {name: files[name] for name in ["index.md", *names]}
    lines = [(name, line) for name, text in files.items() for line in text.splitlines(True)]

    def rebuild(kept: list[tuple[str, str]]) -> dict[str, str]:
        out = dict.fromkeys(files, "")
        for name, line in kept:
            out[name] += line
        return out

    kept = shrink(lines, lambda kept: fails(rebuild(kept)), budget=budget, deadline=deadline)
    return rebuild(kept)


def test_random_vaults_build_and_warn_at_a_place(tmp_path: Path) -> None:
    builder = VaultBuilder(tmp_path)
    failures = Failures(f"{VAULTS} random vaults (seed {SEED}) built with Sphinx")
    shrink_until = time.monotonic() + SHRINK_SECONDS
    started = time.monotonic()
    labels: dict[str, str] = {}
    for number in range(VAULTS):
        files = _vault(SEED, number)
        for name in ("html", OTHER_BUILDERS[number % len(OTHER_BUILDERS)]):
            for found, first_detail in builder.problems(files, name):
                key, detail = labels.get(found, found), first_detail
                case = files
                if not failures.known(key):
                    if time.monotonic() < shrink_until:
                        case = _smallest(
                            files,
                            lambda candidate, found=found, name=name: (
                                found in dict(builder.problems(candidate, name))
                            ),
                            min(shrink_until, time.monotonic() + SHRINK_ONE),
                        )
                        detail = dict(builder.problems(case, name)).get(found, detail)
                    if key.startswith("build raised"):
                        alone_vault = {**case, "myst-alone-root.md": MYST_ALONE_ROOT}
                        alone = [k for k, _ in builder.problems(alone_vault, name, MYST_ALONE)]
                        if any(k.startswith("build raised") for k in alone):
                            key = labels[found] = f"{key} [MyST alone fails too]"
                failures.add(
                    key, detail, show_vault(case), f"seed {SEED}, vault {number}, {name} builder"
                )
    print(f"{VAULTS} vaults in {time.monotonic() - started:.0f} s")
    if failures:
        pytest.fail(failures.report(), pytrace=False)
