"""Inline footnotes, task lists with any status, Mermaid blocks (OFM-SPEC section 6, issue 5)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from .conftest import main_content, warning_lines


def test_inline_footnotes_become_numbered_footnotes(
    built_root: Callable[..., SphinxTestApp],
) -> None:
    app = built_root("inline-syntax")
    assert warning_lines(app) == []
    page = (Path(app.outdir) / "index.html").read_text()
    refs = re.findall(r'role="doc-noteref"><span class="fn-bracket">\[</span>(\d)', page)
    assert refs == ["1", "2"]
    notes = re.findall(r'<aside class="footnote brackets".*?<p>(.*?)</p>', page, re.S)
    assert notes == [
        "Source: <em>the archive</em>, see "
        '<a class="obsidian-link obsidian-preview reference internal" href="other.html">other</a>.',
        "Second.",
    ]


def test_task_lists_keep_any_status_character(built_root: Callable[..., SphinxTestApp]) -> None:
    app = built_root("inline-syntax")
    body = main_content(app, "index")
    boxes = re.findall(r'<input class="task-list-item-checkbox"[^>]*data-task="([^"]*)"', body)
    assert boxes == [" ", "x", "?", "&gt;"]
    assert body.count('<li class="task-list-item">') == 4
    assert 'checked="checked" data-task="?"' in body
    assert 'disabled="disabled" data-task=" "' in body  # open: not checked
    assert '<span class="pre">-</span> <span class="pre">[?]' in body  # untouched in code


def test_task_status_in_text_output(built_root: Callable[..., SphinxTestApp]) -> None:
    app = built_root("inline-syntax", "text")
    text = (Path(app.outdir) / "index.txt").read_text()
    assert "* [?] question" in text
    assert "* [ ] open" in text


def test_mermaid_without_diagrams_is_shown_as_code(
    built_root: Callable[..., SphinxTestApp],
) -> None:
    app = built_root("inline-syntax", obsidian_mermaid=False)
    body = main_content(app, "index")
    assert '<div class="mermaid highlight-none notranslate">' in body
    assert "graph TD; A--&gt;B" in body
    assert "highlighting_failure" not in "\n".join(warning_lines(app))


def test_mermaid_is_a_diagram_when_sphinxcontrib_mermaid_is_installed(
    built_root: Callable[..., SphinxTestApp],
) -> None:
    pytest.importorskip("sphinxcontrib.mermaid", reason="the mermaid extra is not installed")
    app = built_root("inline-syntax")
    assert "sphinxcontrib.mermaid" in app.extensions  # loaded without being listed
    body = main_content(app, "index")
    assert re.search(r'<pre +class="mermaid">\s*graph TD; A--&gt;B\s*</pre>', body)


def test_a_mermaid_diagram_outside_html_is_its_code(
    built_root: Callable[..., SphinxTestApp],
) -> None:
    pytest.importorskip("sphinxcontrib.mermaid", reason="the mermaid extra is not installed")
    app = built_root("inline-syntax", "text")
    assert "graph TD; A-->B" in (Path(app.outdir) / "index.txt").read_text(encoding="utf-8")
    assert warning_lines(app) == []


def test_footnote_syntax_in_code_is_untouched(built_root: Callable[..., SphinxTestApp]) -> None:
    app = built_root("inline-syntax")
    body = main_content(app, "index")
    assert '<span class="pre">^[not</span>' in body
