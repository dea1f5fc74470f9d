"""``==highlights==`` and ``%%comments%%`` (OFM-SPEC section 6)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from .conftest import main_content, warning_lines


@pytest.mark.sphinx("html", testroot="highlights-comments", freshenv=True)
def test_highlights_are_mark_elements_and_comments_vanish(app: SphinxTestApp) -> None:
    app.build()
    html = main_content(app, "index")
    assert '<mark class="obsidian-highlight">highlighted <strong>and bold</strong></mark>' in html
    assert "==not" in html and "in" in html  # code spans keep their ``==``
    assert "a visible word" in html
    for hidden in ("hidden", "A comment block", "never exists", "Hidden paragraph", "unclosed"):
        assert hidden not in html
    assert "After the comment." in html
    assert "%% kept in code %% and ==kept==" in html
    assert warning_lines(app) == []  # the link inside the comment was never a link


@pytest.mark.parametrize(("builder", "suffix"), [("latex", ".tex"), ("text", ".txt")])
def test_other_builders(build_copy, builder: str, suffix: str) -> None:  # type: ignore[no-untyped-def]
    app = build_copy("highlights-comments", builder)
    text = next(Path(app.outdir).glob(f"*{suffix}")).read_text()
    assert "Hidden paragraph" not in text and "A comment block" not in text
    if builder == "latex":
        assert r"\sphinxstyleemphasis{highlighted \sphinxstylestrong{and bold}}" in text
    else:
        assert "highlighted **and bold**" in text
