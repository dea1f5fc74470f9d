"""Fuzzed syntax: text made of the constructs' pieces never breaks the parser or a build.

Hypothesis assembles notes from the pieces that open and close Obsidian's
constructs (``[[``, ``]]``, ``|``, ``> [!``, ``%%``, fences, ``$``, emoji,
combining characters, CRLF...). Whatever it finds, tokenising must not
raise, must end, and must keep its invariants. The number of examples is
bounded so that the suite stays fast and the same on every run.
"""

from __future__ import annotations

import random
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it.token import Token
from myst_parser.config.main import MdParserConfig
from myst_parser.mdit_to_docutils.base import DocutilsRenderer
from myst_parser.parsers.mdit import create_md_parser
from sphinx.testing.util import SphinxTestApp

from sphinxext.obsidian.syntax import obsidian_plugin

from .conftest import warning_lines

PIECES = [
    "[[", "]]", "|", "\\|", "#", "#^", "^", "^id", "![[", "> [!", "> [!note]", "]-", "]+",
    "%%", "==", "`", "```", "~~~", "$", "$$", "---", "\n", "\r\n", "\n\n", "> ", ">> ",
    "- [ ] ", "- [?] ", "^[", "[", "]", "(", ")", "!", "*", "_", "<b>", "</b>", "\\",
    "note", "Note", "a b", "folder/", ".md", "#Heading", "#tag", "C#", "1984",
    "😀", "e\u0301", "\u00e9", "\t", " ", "{", "}", ":", "%",
]  # fmt: skip
settings.register_profile(
    "obsidian", max_examples=150, deadline=None, derandomize=True, database=None
)
settings.load_profile("obsidian")


def _parser() -> Callable[[str], list[Token]]:
    md = create_md_parser(MdParserConfig(enable_extensions={"dollarmath"}), DocutilsRenderer)
    md.use(obsidian_plugin)
    return lambda text: md.parse(text, {})


PARSE = _parser()
texts = st.lists(st.sampled_from(PIECES), max_size=60).map("".join)


def _balanced(tokens: list[Token]) -> bool:
    depth = 0
    for token in tokens:
        depth += token.nesting
        if depth < 0:
            return False
    return depth == 0


@given(texts)
def test_any_text_tokenises_with_balanced_nesting(text: str) -> None:
    tokens = PARSE(text)
    assert _balanced(tokens)
    for token in tokens:
        if token.type == "inline":
            assert _balanced(token.children or [])


@given(texts.filter(lambda t: "```" not in t and "~~~" not in t))
def test_code_blocks_are_verbatim(text: str) -> None:
    body = text.replace("\r", "") + "\n"
    tokens = PARSE(f"before\n\n````\n{body}````\n\nafter\n")
    fences = [token for token in tokens if token.type == "fence"]
    assert [fence.content for fence in fences] == [body]


@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=20).map("".join))
def test_inline_code_is_verbatim(text: str) -> None:
    inside = " ".join(text.replace("`", "").split())
    if not inside:
        return
    tokens = PARSE(f"text ``{inside}`` text\n")
    inline = next(token for token in tokens if token.type == "inline")
    codes = [child.content for child in inline.children or [] if child.type == "code_inline"]
    assert codes == [inside]


words = st.text(alphabet="abcdefghij klmnop", min_size=1, max_size=30).map(str.strip).filter(bool)


@given(words, words)
def test_text_around_a_link_survives(before: str, after: str) -> None:
    tokens = PARSE(f"{before} [[Some note#Part|shown]] {after}\n")
    inline = next(token for token in tokens if token.type == "inline")
    kinds = [child.type for child in inline.children or []]
    texts_ = [child.content for child in inline.children or [] if child.type == "text"]
    assert kinds == ["text", "wikilink", "text"]
    assert texts_ == [f"{before} ", f" {after}"]


# -- a whole build over a vault of random notes ---------------------------------------


def _random_note(rng: random.Random, names: list[str]) -> str:
    front = ""
    if rng.random() < 0.7:
        title = rng.choice(["A title", "'[[x]]'", "é", "{bad: yaml", ""])
        front = f"---\ntitle: {title}\naliases: [{rng.choice(names)}]\n---\n"
    parts = []
    for _ in range(rng.randrange(1, 25)):
        piece = rng.choice(PIECES)
        if rng.random() < 0.3:
            target = rng.choice(names)
            piece = rng.choice(
                [f"[[{target}]]", f"![[{target}]]", f"[[{target}#^id|x]]", f"![[{target}#H]]"]
            )
        parts.append(piece)
    return front + "".join(parts) + "\n"


@pytest.mark.parametrize(
    "seed", [1, pytest.param(2, marks=pytest.mark.long), pytest.param(3, marks=pytest.mark.long)]
)
def test_a_vault_of_random_notes_builds(seed: int, tmp_path: Path, rootdir: Path) -> None:
    rng = random.Random(seed)
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(rootdir / "test-navigation" / "conf.py", src / "conf.py")
    (src / "index.md").write_text("# Random vault\n", encoding="utf-8")
    names = [f"folder{i % 3}/note {i}" for i in range(25)]
    for name in names:
        path = src / f"{name}.md"
        path.parent.mkdir(exist_ok=True)
        path.write_text(_random_note(rng, [n.split("/")[-1] for n in names]), encoding="utf-8")
    for builder in ("html", "text"):
        app = SphinxTestApp(builder, srcdir=src, freshenv=True)
        try:
            app.build()
            assert app.statuscode == 0
            lines = warning_lines(app)
            assert not [line for line in lines if "Traceback" in line or "exception" in line]
        finally:
            app.cleanup()
