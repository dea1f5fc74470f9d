"""The example vault of the README builds with only the warnings it has on purpose."""

from __future__ import annotations

import shutil
from pathlib import Path

from .conftest import main_content, obsidian_links, warning_lines

EXAMPLE = Path(__file__).parent.parent / "examples" / "podcast-wiki"


def test_example_vault_builds_with_only_its_dangling_links(make_app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    src = tmp_path / "podcast-wiki"
    shutil.copytree(EXAMPLE, src, ignore=shutil.ignore_patterns("_build"))
    app = make_app("html", srcdir=src)
    app.build()
    unresolved = "no note, page or alias named"
    lines = warning_lines(app)
    assert [line for line in lines if unresolved not in line] == []
    assert [line.split("WARNING: ")[1] for line in lines] == [
        f"unresolved link [[the_vacuum_tube_era | The vacuum tube era]]: {unresolved} "
        "'the_vacuum_tube_era' [obsidian.unresolved]",
        f"unresolved link [[integrated_circuits|Integrated circuits]]: {unresolved} "
        "'integrated_circuits' [obsidian.unresolved]",
        f"unresolved link [[surface_states_in_semiconductors | surface states]]: {unresolved} "
        "'surface_states_in_semiconductors' [obsidian.unresolved]",
    ]
    links = obsidian_links(main_content(app, "notes/episodes/remembering_the_lab_notebooks"))
    assert (
        "building_the_first_transistor.html#two-gold-contacts",
        "First transistor &gt; Two gold contacts",
    ) in links
