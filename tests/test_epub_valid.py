"""The example vault's ePub passes epubcheck (the Debian package ``epubcheck``).

Skips, saying why, where epubcheck or Java cannot be found."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

EXAMPLE = Path(__file__).parent.parent / "examples" / "podcast-wiki"


def _epubcheck() -> list[str] | None:
    jar = Path("/usr/share/java/epubcheck.jar")
    if shutil.which("java") and jar.is_file():
        return ["java", "-jar", str(jar)]
    found = shutil.which("epubcheck")
    return [found] if found else None


# Java and epubcheck take seconds to start: with the long tests, which CI runs too
@pytest.mark.long
@pytest.mark.skipif(not EXAMPLE.is_dir(), reason="the example vault is not present")
def test_the_example_vaults_epub_passes_epubcheck(tmp_path: Path) -> None:
    command = _epubcheck()
    if command is None:
        pytest.skip("epubcheck is not installed (apt-get install epubcheck)")
    src = tmp_path / "src"
    shutil.copytree(EXAMPLE, src, ignore=shutil.ignore_patterns("_build"))
    # the doctrees outside the output folder: Sphinx would pack them into the book
    app = SphinxTestApp(
        "epub",
        srcdir=src,
        builddir=tmp_path / "build",
        confoverrides={"version": "1", "copyright": "2026"},
    )
    try:
        app.build()
        book = next(Path(app.outdir).glob("*.epub"))
        checked = subprocess.run([*command, str(book)], check=False, capture_output=True, text=True)
    finally:
        app.cleanup()
    report = checked.stdout + checked.stderr
    assert "Messages: 0 fatals / 0 errors / 0 warnings" in report, report
