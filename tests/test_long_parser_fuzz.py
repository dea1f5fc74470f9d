"""Long fuzzing of the parser and renderer: thousands of random notes, none may break them.

Each random note (see :mod:`.fuzz_support`: every Obsidian marker, inline
and block HTML, entities, MyST roles and directives, tags and markup inside
link aliases, CRLF and CR line ends, tabs, a byte order mark, scripts other
than Latin, combining characters, in every block context, embeds side by
side) goes twice through the extension:

* through the markdown-it parser with the Obsidian plugin, built as MyST
  builds it: the tokens must nest (every ``x_open`` closed by its
  ``x_close``, aliases and footnotes included) and code must come out
  verbatim;
* through Sphinx, as a note of a small vault: read by the full renderer
  into a docutils document (and pickled), resolved (links, embeds of the
  other notes, post-transforms) and written as an HTML page. Nothing may
  raise; fenced code and code spans must reach the document unchanged; no
  embed or cross-reference may be left unresolved in the written tree; no
  block element may end up inside a paragraph or title; and every warning
  must name its file, since a problem in a note is a warning at its place,
  never a crash. A fault the extension catches itself (an
  ``obsidian.not_rendered`` warning: the note is then built by MyST alone)
  is reported too: the build survives, but the note lost its syntax.

The renderer is where notes crash in practice: markdown-it tokens that MyST
renders (a token without a line map, a node where MyST expects another)
fail only there. Two configurations are fuzzed: the extension's own, and
every MyST syntax extension switched on as well.

Every distinct problem is reported once with the smallest note found for
it (shrunk by deleting lines, then words), its seed and number, and the
traceback or the difference. ``OBSIDIAN_FUZZ_SEED`` picks another seed,
``OBSIDIAN_FUZZ_NOTES`` another number of notes per configuration.
"""

from __future__ import annotations

import base64
import inspect
import os
import random
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from markdown_it.token import Token
from myst_parser.config.main import MdParserConfig
from myst_parser.mdit_to_docutils.base import DocutilsRenderer
from myst_parser.parsers.mdit import create_md_parser
from sphinx import addnodes
from sphinx.testing.util import SphinxTestApp
from sphinx.util import logging as sphinx_logging

from sphinxext.obsidian.nodes import note_embed
from sphinxext.obsidian.syntax import obsidian_plugin

from .fuzz_support import (
    PARSER_VOCABULARY,
    Failures,
    Note,
    NoteMaker,
    caught_faults,
    doctree_verbatim_problems,
    exception_key,
    invalid_nesting,
    nesting_problem,
    normalise_newlines,
    opened_fences,
    shrink_text,
    unlocated_warnings,
    verbatim_problems,
    warning_shape,
)

pytestmark = pytest.mark.long

SEED = int(os.environ.get("OBSIDIAN_FUZZ_SEED", "20260101"))
NOTES = int(os.environ.get("OBSIDIAN_FUZZ_NOTES", "2600"))
#: a note this small that takes longer than this to go through is a problem too
SLOW_SECONDS = 3.0
#: time allowed for shrinking the cases of one configuration, all problems together
SHRINK_SECONDS = 120.0

#: every MyST syntax extension there is without an extra package
ALL_MYST = [
    "alert", "amsmath", "attrs_image", "attrs_inline", "attrs_block", "colon_fence",
    "deflist", "dollarmath", "fieldlist", "gfm_autolink", "html_admonition", "html_image",
    "replacements", "smartquotes", "strikethrough", "substitution", "tasklist",
]  # fmt: skip
CONFIGURATIONS = {
    "extension-defaults": (["dollarmath"], ""),
    "all-myst-extensions": (ALL_MYST, f"myst_enable_extensions = {ALL_MYST!r}\n"),
}

_PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)
#: the vault the fuzzed note lives in: notes to link to and embed, with
#: headings, block ids, aliases, a folder note, attachments, and an embed cycle
PARSER_PROJECT = {
    "index.md": "# Index\n\n[[b]] and [[fuzz]]\n",
    "b.md": (
        "---\naliases: [Bee]\ntags: [tag]\n---\n# B\n\nIntro [[fuzz]] and [[a#One]].\n\n"
        "## One\n\ntext one ^blk\n\n### Sub\n\n- item ^id-1\n\n## Two\n\n"
        "> [!note] Callout\n> body ^x\n\n![[a#One]]\n\n```text\ncode in b\n```\n"
    ),
    "a.md": (
        "---\naliases: [Alias A, '<b>x</b>']\n---\n# A\n\n## One\n\nalpha ^A_b\n\n"
        "![[b#Two]]\n\n## Two\n\n![[fuzz]]\n"
    ),
    "folder/c.md": "# C\n\ntext ^c1\n",
    "folder/index.md": "Folder note [[c]]\n",
    "a.b.md": "# Dotted\n",
    "日本.md": "# 日本\n\n## 日本語\n\n![[b#One]]\n",
    "fuzz.md": "# Fuzz\n",
}
ATTACHMENTS = {
    "img.png": _PNG,
    "doc.pdf": b"%PDF-1.1\n%%EOF\n",
    "song.mp3": b"ID3",
    "clip.mp4": b"\x00\x00\x00\x18ftypmp42",
    "data.canvas": b"{}",
}


def _markdown_parser(extensions: list[str]) -> Callable[[str], list[Token]]:
    """The markdown-it parser with the Obsidian plugin, as ``test_fuzz`` builds it."""
    md = create_md_parser(MdParserConfig(enable_extensions=set(extensions)), DocutilsRenderer)
    md.use(obsidian_plugin)
    return lambda text: md.parse(text, {})


def _note(seed: int, configuration: str, number: int) -> Note:
    """Note ``number`` of a run: the same note for the same seed, always."""
    rng = random.Random(f"{seed}:{configuration}:{number}")
    return NoteMaker(rng, PARSER_VOCABULARY).note()


class NoteChecker:
    """Puts one note through the tokenizer and through a Sphinx application."""

    def __init__(self, app: SphinxTestApp, parse: Callable[[str], list[Token]]) -> None:
        self.app = app
        self.parse = parse
        self.path = Path(app.srcdir) / "fuzz.md"

    def problems(self, note: Note) -> list[tuple[str, str]]:
        """What went wrong with ``note``: (key, detail) pairs, keys naming the problem."""
        found: list[tuple[str, str]] = []
        started = time.monotonic()
        tokens: list[Token] = []
        try:
            tokens = self.parse(note.text)
        except Exception as exc:
            key, detail = exception_key(exc)
            found.append((f"tokenizer raised {key}", detail))
        else:
            problem = nesting_problem(tokens)
            if problem:
                found.append((f"tokens do not nest: {problem.split(': ', 1)[-1]}", problem))
            found.extend(("tokens: code not verbatim", p) for p in verbatim_problems(note, tokens))
        found.extend(self._through_sphinx(note))
        elapsed = time.monotonic() - started
        if elapsed > SLOW_SECONDS:
            found.append((f"a note took more than {SLOW_SECONDS} s", f"{elapsed:.1f} s"))
        return found

    def _through_sphinx(self, note: Note) -> list[tuple[str, str]]:
        app, env, builder = self.app, self.app.env, self.app.builder
        found: list[tuple[str, str]] = []
        # written as bytes: Sphinx reads the file as it reads any note
        self.path.write_bytes(note.text.encode("utf-8", "surrogatepass"))
        app.warning.seek(0)
        app.warning.truncate(0)
        app.events.emit("env-purge-doc", env, "fuzz")
        env.clear_doc("fuzz")
        stage = "reading"
        try:
            builder.read_doc("fuzz")
            # Sphinx keeps the bytes of each doctree it loaded for one build: a
            # new note is a new build of this document
            getattr(env, "_pickled_doctree_cache", {}).pop("fuzz", None)
            doctree = env.get_doctree("fuzz")
            read = normalise_newlines(note.text.removeprefix("\ufeff"))
            fences = opened_fences(note, self.parse(read))
            for problem in doctree_verbatim_problems(note, fences, doctree):
                found.append(("document: code not verbatim", problem))
            stage = "resolving"
            resolved = env.get_and_resolve_doctree("fuzz", builder, **_tags_argument(builder))
            left = sorted(
                {
                    node.tagname
                    for node in resolved.findall()
                    if isinstance(node, addnodes.pending_xref | note_embed)
                }
            )
            if left:
                found.append((f"left in the resolved document: {', '.join(left)}", ""))
            for problem in sorted(set(invalid_nesting(resolved))):
                found.append((f"resolved document: {problem}", ""))
            stage = "writing"
            builder.write_doc_serialized("fuzz", resolved)
            builder.write_doc("fuzz", resolved)
        except Exception as exc:
            key, detail = exception_key(exc)
            found.append((f"{stage} raised {key}", detail))
            _forget_current_document(env)
        warnings = app.warning.getvalue()
        for warning in unlocated_warnings(warnings, Path(app.srcdir)):
            found.append((f"warning without a file: {warning_shape(warning)}", warning))
        for fault in caught_faults(warnings):
            found.append((f"fault caught by the extension: {warning_shape(fault)}", fault))
        return found


def _tags_argument(builder) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """``tags=`` for ``get_and_resolve_doctree`` where Sphinx asks for it (9 and later)."""
    wanted = "tags" in inspect.signature(builder.env.get_and_resolve_doctree).parameters
    return {"tags": builder.tags} if wanted else {}


def _forget_current_document(env) -> None:  # type: ignore[no-untyped-def]
    """What Sphinx resets after reading a document, reset after a failed read."""
    if hasattr(env, "current_document"):
        env.current_document = type(env.current_document)()
    else:  # Sphinx 8.0 and 8.1
        env.temp_data.clear()
    env.ref_context.clear()


@pytest.fixture
def fuzz_app(tmp_path: Path) -> Iterator[Callable[[str], SphinxTestApp]]:
    """A built vault for a configuration, for notes to be read into one at a time."""
    apps: list[SphinxTestApp] = []

    def make(configuration: str) -> SphinxTestApp:
        src = tmp_path / configuration
        for name, text in PARSER_PROJECT.items():
            (src / name).parent.mkdir(parents=True, exist_ok=True)
            (src / name).write_text(text, encoding="utf-8")
        for name, data in ATTACHMENTS.items():
            (src / name).write_bytes(data)
        extra = CONFIGURATIONS[configuration][1]
        # mermaid fences stay code blocks here, so that their text can be checked
        # verbatim; sphinxcontrib-mermaid, when installed, owns its diagrams' text
        (src / "conf.py").write_text(
            'extensions = ["sphinxext.obsidian"]\nexclude_patterns = ["_build"]\n'
            f"obsidian_mermaid = False\n{extra}",
            encoding="utf-8",
        )
        app = SphinxTestApp(
            "html", srcdir=src, builddir=tmp_path / f"{configuration}-build", freshenv=True
        )
        apps.append(app)
        try:
            app.build()
        except Exception as exc:
            key, detail = exception_key(exc)
            pytest.fail(f"the vault the notes go into does not build: {key}\n{detail}")
        # warnings of the application made last go to its streams: point them here
        sphinx_logging.setup(app, app.status, app.warning)
        return app

    yield make
    for app in apps:
        app.cleanup()


@pytest.mark.parametrize("configuration", list(CONFIGURATIONS))
def test_random_notes_parse_render_and_write(
    configuration: str, fuzz_app: Callable[[str], SphinxTestApp]
) -> None:
    app = fuzz_app(configuration)
    checker = NoteChecker(app, _markdown_parser(CONFIGURATIONS[configuration][0]))
    failures = Failures(
        f"{NOTES} random notes (seed {SEED}, configuration {configuration}) through the "
        "tokenizer and a Sphinx build"
    )
    shrink_until = time.monotonic() + SHRINK_SECONDS
    started = time.monotonic()
    for number in range(NOTES):
        note = _note(SEED, configuration, number)
        for key, first_detail in checker.problems(note):
            case, detail = note.text, first_detail
            if not failures.known(key) and "verbatim" not in key:
                # verbatim checks need the note as made (they know its lines); others shrink
                case = shrink_text(
                    note.text,
                    lambda text, key=key: key in dict(checker.problems(Note(text))),
                    seconds=max(0.0, min(20.0, shrink_until - time.monotonic())),
                )
                detail = dict(checker.problems(Note(case))).get(key, detail)
            failures.add(key, detail, repr(case), f"seed {SEED}, note {number}")
    print(f"{configuration}: {NOTES} notes in {time.monotonic() - started:.0f} s")
    if failures:
        pytest.fail(failures.report(), pytrace=False)
