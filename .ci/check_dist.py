"""Check a built wheel and sdist, then smoke-test the installed package.

``python .ci/check_dist.py contents DIST`` checks what the wheel and sdist in
DIST hold; ``python .ci/check_dist.py smoke EXAMPLE OUT`` builds a copy of the
example vault with the installed package (run it from a fresh virtual
environment, outside the repository, so the clone's sources are not imported).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path


def contents(dist: Path) -> None:
    (wheel,) = dist.glob("*.whl")
    (sdist,) = dist.glob("*.tar.gz")
    names = set(zipfile.ZipFile(wheel).namelist())
    for required in (
        "sphinxext/obsidian/__init__.py",
        "sphinxext/obsidian/py.typed",
        "sphinxext/obsidian/static/obsidian.css",
    ):
        assert required in names, f"{wheel.name} lacks {required}"
    # a PEP 420 namespace package: no sphinxext/__init__.py to clash with others
    assert "sphinxext/__init__.py" not in names, "the wheel must not own sphinxext/"
    metadata = next(n for n in names if n.endswith(".dist-info/METADATA"))
    text = zipfile.ZipFile(wheel).read(metadata).decode()
    assert "Classifier: Framework :: Sphinx :: Extension" in text
    assert "Provides-Extra: docs" in text
    members = {m.split("/", 1)[1] for m in tarfile.open(sdist).getnames() if "/" in m}
    for required in ("pyproject.toml", "CHANGELOG.md", "docs/conf.py", "tests/conftest.py"):
        assert required in members, f"{sdist.name} lacks {required}"
    print(f"{wheel.name}: {len(names)} files; {sdist.name}: {len(members)} files")


def smoke(example: Path, out: Path) -> None:
    import sphinxext.obsidian

    here = Path(sphinxext.obsidian.__file__).resolve()
    assert "site-packages" in here.parts, f"imported from {here}, not from the installed package"
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "vault"
        shutil.copytree(example, src, ignore=shutil.ignore_patterns("_build"))
        subprocess.run(
            [sys.executable, "-m", "sphinx", "-b", "html", "-q", str(src), str(out)],
            check=True,
        )
    assert (out / "_static" / "obsidian.css").is_file(), "the stylesheet was not copied"
    pages = list(out.rglob("*.html"))
    assert any('class="callout' in p.read_text(encoding="utf-8") for p in pages), "no callout"
    print(f"sphinxext-obsidian {sphinxext.obsidian.__version__} from {here.parent}: {len(pages)} pages")


if __name__ == "__main__":
    if sys.argv[1] == "contents":
        contents(Path(sys.argv[2]))
    else:
        smoke(Path(sys.argv[2]), Path(sys.argv[3]))
