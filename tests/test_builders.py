"""Every builder gets valid output with links resolved (or plain text where it has none)."""

from __future__ import annotations

import zipfile

import pytest
from sphinx.testing.util import SphinxTestApp

from .conftest import obsidian_warnings

ROOT = "wikilink-forms"


@pytest.mark.parametrize("builder", ["html", "dirhtml", "singlehtml", "epub"])
def test_html_family_builders(make_app, rootdir, tmp_path, builder: str) -> None:  # type: ignore[no-untyped-def]
    import shutil

    src = tmp_path / "src"
    shutil.copytree(rootdir / f"test-{ROOT}", src)
    app: SphinxTestApp = make_app(builder, srcdir=src)
    app.build()
    assert obsidian_warnings(app) == []
    out = app.outdir
    if builder == "html":
        page = (out / "forms.html").read_text()
        assert 'href="target.html#second-part"' in page
    elif builder == "dirhtml":
        page = (out / "forms" / "index.html").read_text()
        assert 'href="../target/#second-part"' in page
    elif builder == "singlehtml":
        page = (out / "index.html").read_text()
        assert 'href="#second-part"' in page
        assert 'href="#document-target"' in page
    else:
        book = next(out.glob("*.epub"))
        with zipfile.ZipFile(book) as epub:
            page = epub.read("forms.xhtml").decode()
            assert "_static/obsidian.css" in epub.namelist()
        assert 'href="target.xhtml#second-part"' in page
    assert "obsidian-link" in page


@pytest.mark.sphinx("latex", testroot=ROOT, freshenv=True)
def test_latex_has_internal_references(app: SphinxTestApp) -> None:
    app.build()
    tex = next(app.outdir.glob("*.tex")).read_text()
    assert r"\hyperref[\detokenize{target:second-part}]" in tex
    assert r"\hyperref[\detokenize{target:block-para-1}]" in tex
    assert r"\hyperref[\detokenize{sub/deep::doc}]" in tex
    assert r"\label{\detokenize{target:block-para-1}}" in tex
    assert obsidian_warnings(app) == []


@pytest.mark.parametrize(("builder", "suffix"), [("text", ".txt"), ("man", ".1")])
def test_plain_text_builders(make_app, rootdir, tmp_path, builder: str, suffix: str) -> None:  # type: ignore[no-untyped-def]
    import shutil

    src = tmp_path / "src"
    shutil.copytree(rootdir / f"test-{ROOT}", src)
    app: SphinxTestApp = make_app(builder, srcdir=src)
    app.build()
    assert obsidian_warnings(app) == []
    if builder == "text":
        text = (app.outdir / "forms.txt").read_text()
    else:
        text = next(app.outdir.glob(f"*{suffix}")).read_text()
    assert "the alias" in text
    assert "target > Second part" in text
    assert "[[" not in text
