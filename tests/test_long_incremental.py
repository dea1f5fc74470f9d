"""Long fuzzing of incremental builds: after any edits, the site equals a fresh build.

A random vault of everyday notes (see :mod:`.fuzz_support`: links, embeds,
tags, headings, block ids, callouts, lists, tables, front matter) is edited
at random, one edit at a time: a note added, deleted or renamed (moved to another folder too),
re-titled through the ``title`` property or its ``# H1``, re-tagged, its
aliases changed, its headings and block ids renamed, added or removed, a
folder note added, links and embeds (to notes, headings and blocks) added
or removed, a paragraph rewritten, a file touched without a change. After
each edit the vault is built again into the same folders by a new Sphinx
application (as a new ``sphinx-build`` run would), and separately from
scratch; the two sites must be the same:

* the same documents;
* the same pages written (an incremental build leaves the pages of deleted
  documents behind, as Sphinx always does: those files alone are ignored);
* every page's main content (the HTML inside the theme's main area, the
  "Linked mentions" list included) identical, without any normalisation.

A difference is reported with the vault, the edits made (each with the
files it wrote), the page and a unified diff; the sequence is first
shortened to the fewest earlier edits, then to the fewest lines of the
vault, that still show it. Each distinct kind of difference (the edit that
revealed it, and what differs) is reported once. Should two fresh builds of
the same vault differ, that is reported instead, as the build is then not
reproducible at all. ``OBSIDIAN_FUZZ_SEED`` picks another seed, ``OBSIDIAN_FUZZ_SEQUENCES``
another number of sequences.
"""

from __future__ import annotations

import copy
import dataclasses
import os
import random
import re
import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from .fuzz_support import (
    ALIASES,
    BLOCK_IDS,
    HEADINGS,
    TAG_NAMES,
    TITLES,
    Failures,
    VaultMaker,
    VaultNote,
    exception_key,
    main_area,
    show_vault,
    shrink,
    unified_diff,
)

pytestmark = pytest.mark.long

SEED = int(os.environ.get("OBSIDIAN_FUZZ_SEED", "20260101"))
SEQUENCES = int(os.environ.get("OBSIDIAN_FUZZ_SEQUENCES", "50"))
#: time allowed for shortening the sequences, all differences together
SHRINK_SECONDS = 90.0


@dataclasses.dataclass
class Edit:
    """One edit: what it does, and the files it writes (``None``: deletes)."""

    kind: str
    description: str
    files: dict[str, str | None]

    def show(self) -> str:
        lines = [f"{self.kind}: {self.description}"]
        for name, text in sorted(self.files.items()):
            lines.append(f"    {name}: " + ("(deleted)" if text is None else repr(text)))
        return "\n".join(lines)


class Editor:
    """Makes random edits to a vault kept as :class:`VaultNote` objects."""

    def __init__(self, rng: random.Random, notes: list[VaultNote]) -> None:
        self.rng = rng
        self.maker = VaultMaker(rng, chaos=0)
        self.notes = {note.path: note for note in notes}

    def files(self) -> dict[str, str]:
        return {note.file: note.text() for note in self.notes.values()}

    def edit(self) -> Edit:
        """A random edit, applied to the vault; its files are those that changed."""
        rng = self.rng
        before = self.files()
        for _ in range(20):
            kind = rng.choice(list(EDITS))
            description = EDITS[kind](self)
            if description is not None:
                break
        else:  # every vault has a note to touch
            kind, description = "touch", self.touch()
        after = self.files()
        changed: dict[str, str | None] = {
            name: text for name, text in after.items() if before.get(name) != text
        }
        changed.update(dict.fromkeys(before.keys() - after.keys()))
        if kind == "touch":
            changed = {f"{self.touched}.md": after[f"{self.touched}.md"]}
        return Edit(kind, description, changed)

    # -- the edits (each returns a description, or None when it cannot be made) ----

    def _pick(self, *, index: bool = True) -> VaultNote | None:
        notes = [n for n in self.notes.values() if index or n.path != "index"]
        return self.rng.choice(sorted(notes, key=lambda n: n.path)) if notes else None

    def _folders(self) -> list[str]:
        return sorted({n.folder for n in self.notes.values()} | {""})

    def add_note(self) -> str:
        folders = [*self._folders(), "f1", "Folder Two/deeper"]
        path = self.maker.new_path(self.notes, folders)
        self.notes[path] = self.maker.note(path, list(self.notes.values()))
        return f"add {path!r}"

    def delete_note(self) -> str | None:
        note = self._pick(index=False)
        if note is None:
            return None
        del self.notes[note.path]
        return f"delete {note.path!r}"

    def rename_note(self) -> str | None:
        note = self._pick(index=False)
        if note is None:
            return None
        old = note.path
        new = self.maker.new_path(self.notes, [*self._folders(), "f1", "moved"])
        del self.notes[old]
        note.path = new
        self.notes[new] = note
        return f"rename {old!r} to {new!r}"

    def retitle_property(self) -> str | None:
        note = self._pick()
        assert note is not None
        old, note.title = note.title, self.rng.choice([None, *TITLES, note.name])
        return None if old == note.title else f"{note.path!r}: title {old!r} -> {note.title!r}"

    def retitle_h1(self) -> str | None:
        note = self._pick()
        assert note is not None
        old, note.h1 = note.h1, self.rng.choice([None, "New heading", note.name, *TITLES[:3]])
        return None if old == note.h1 else f"{note.path!r}: # H1 {old!r} -> {note.h1!r}"

    def retag(self) -> str | None:
        note = self._pick()
        assert note is not None
        rng = self.rng
        if rng.random() < 0.5:
            old = note.tags
            note.tags = rng.sample(TAG_NAMES, rng.randint(0, 2))
            return None if old == note.tags else f"{note.path!r}: tags {old} -> {note.tags}"
        tagged = [i for i, block in enumerate(note.blocks) if block.startswith("#tagged ")]
        if tagged:
            removed = note.blocks.pop(tagged[0])
            return f"{note.path!r}: remove the line {removed!r}"
        line = "#tagged " + " ".join("#" + tag for tag in rng.sample(TAG_NAMES, 2))
        note.blocks.append(line)
        return f"{note.path!r}: add the line {line!r}"

    def change_aliases(self) -> str | None:
        note = self._pick()
        assert note is not None
        old = note.aliases
        note.aliases = self.rng.sample(ALIASES, self.rng.randint(0, 2))
        return None if old == note.aliases else f"{note.path!r}: aliases {old} -> {note.aliases}"

    def change_heading(self) -> str | None:
        note = self._pick()
        assert note is not None
        rng = self.rng
        headings = [i for i, block in enumerate(note.blocks) if re.match(r"#{2,6} ", block)]
        roll = rng.random()
        if headings and roll < 0.5:
            at = rng.choice(headings)
            old = note.blocks[at]
            note.blocks[at] = old.split(" ", 1)[0] + " " + rng.choice(HEADINGS)
            return (
                None if old == note.blocks[at] else f"{note.path!r}: {old!r} -> {note.blocks[at]!r}"
            )
        if headings and roll < 0.75:
            old = note.blocks.pop(rng.choice(headings))
            return f"{note.path!r}: remove heading {old!r}"
        heading = "## " + rng.choice(HEADINGS)
        note.blocks.insert(rng.randint(0, len(note.blocks)), heading)
        return f"{note.path!r}: add heading {heading!r}"

    def change_block_id(self) -> str | None:
        note = self._pick()
        assert note is not None
        rng = self.rng
        marked = [i for i, b in enumerate(note.blocks) if re.search(r"\^[\w-]+[ \t]*$", b)]
        roll = rng.random()
        if marked and roll < 0.6:
            at = rng.choice(marked)
            old = note.blocks[at]
            new_id = rng.choice([*BLOCK_IDS, ""])
            note.blocks[at] = re.sub(r"\s*\^[\w-]+[ \t]*$", f" ^{new_id}" if new_id else "", old)
            if not note.blocks[at].strip():
                note.blocks[at] = "text"
            return (
                None if old == note.blocks[at] else f"{note.path!r}: {old!r} -> {note.blocks[at]!r}"
            )
        line = f"A new paragraph ^{rng.choice(BLOCK_IDS)}"
        note.blocks.append(line)
        return f"{note.path!r}: add {line!r}"

    def add_folder_note(self) -> str | None:
        folders = [f for f in self._folders() if f] or ["f1"]
        folder = self.rng.choice(folders)
        name = self.rng.choice(["index", folder.rsplit("/", 1)[-1]])
        path = f"{folder}/{name}"
        if path in self.notes:
            return None
        self.notes[path] = self.maker.note(path, list(self.notes.values()))
        return f"add folder note {path!r}"

    def add_link(self) -> str:
        note = self._pick()
        assert note is not None
        from .fuzz_support import NoteMaker, vocabulary_of

        maker = NoteMaker(self.rng, vocabulary_of(self.notes.values()), chaos=0)
        line = self.maker.link_line(maker)
        note.blocks.insert(self.rng.randint(0, len(note.blocks)), line)
        return f"{note.path!r}: add {line!r}"

    def remove_link(self) -> str | None:
        note = self._pick()
        assert note is not None
        linking = [i for i, block in enumerate(note.blocks) if "[[" in block]
        if not linking:
            return None
        old = note.blocks.pop(self.rng.choice(linking))
        return f"{note.path!r}: remove {old!r}"

    def rewrite_text(self) -> str | None:
        note = self._pick()
        assert note is not None
        plain = [i for i, block in enumerate(note.blocks) if not re.match(r"#{1,6} ", block)]
        if not plain:
            return None
        at = self.rng.choice(plain)
        old = note.blocks[at]
        note.blocks[at] = self.maker.body_block(note, list(self.notes.values()))
        return f"{note.path!r}: {old!r} -> {note.blocks[at]!r}"

    def touch(self) -> str:
        note = self._pick()
        assert note is not None
        self.touched = note.path
        return f"{note.file!r} written again unchanged"


EDITS: dict[str, Callable[[Editor], str | None]] = {
    "add note": Editor.add_note,
    "delete note": Editor.delete_note,
    "rename note": Editor.rename_note,
    "retitle (title property)": Editor.retitle_property,
    "retitle (# H1)": Editor.retitle_h1,
    "re-tag": Editor.retag,
    "change aliases": Editor.change_aliases,
    "change heading": Editor.change_heading,
    "change block id": Editor.change_block_id,
    "add folder note": Editor.add_folder_note,
    "add link or embed": Editor.add_link,
    "remove link or embed": Editor.remove_link,
    "rewrite a paragraph": Editor.rewrite_text,
    "touch": Editor.touch,
}


def apply(src: Path, edit: Edit) -> None:
    """Write an edit's files, each with a modification time of now, as an editor would."""
    for name, text in edit.files.items():
        path = src / name
        if text is None:
            path.unlink(missing_ok=True)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
        now = time.time_ns()
        os.utime(path, ns=(now, now))


@dataclasses.dataclass
class Site:
    """What a build made: its documents, and each HTML page's main content."""

    documents: list[str]
    pages: dict[str, str]


def build(src: Path, builddir: Path, *, fresh: bool) -> Site:
    if fresh:
        shutil.rmtree(builddir, ignore_errors=True)
    app = SphinxTestApp("html", srcdir=src, builddir=builddir, freshenv=fresh)
    try:
        app.build()
        outdir = Path(app.outdir)
        pages = {
            path.relative_to(outdir).as_posix()[: -len(".html")]: main_area(
                path.read_text(encoding="utf-8")
            )
            for path in sorted(outdir.rglob("*.html"))
            if "_static" not in path.parts
        }
        return Site(sorted(app.env.found_docs), pages)
    finally:
        app.cleanup()


def _by_tag(page: str) -> str:
    """A page with a line break between adjacent tags, for a readable diff."""
    return re.sub(r">\s*<", ">\n<", page)


def _region(page: str) -> tuple[str, str]:
    """A page's main content split into its text and its "Linked mentions" list."""
    at = page.find('<div class="obsidian-backlinks">')
    return (page, "") if at < 0 else (page[:at], page[at:])


def _what_differs(fresh: str, incremental: str) -> str:
    """Which parts of a page differ, in words, for grouping differences."""
    parts = []
    text, links = _region(fresh)
    text2, links2 = _region(incremental)
    if links != links2:
        parts.append("linked mentions")
    if text != text2:
        changed = [
            line[1:]
            for line in unified_diff(_by_tag(text), _by_tag(text2), limit=10_000).splitlines()
            if line[:1] in "+-" and not line.startswith(("+++", "---"))
        ]
        kinds = set()
        for line in changed:
            if "obsidian-navigation" in line or "toctree" in line:
                kinds.add("navigation list")
            elif "obsidian-embed" in line or "embed" in line:
                kinds.add("embed")
            elif "<h1" in line or "<title" in line:
                kinds.add("title")
            elif "obsidian-tag" in line:
                kinds.add("tag")
            elif "href=" in line or "obsidian-link" in line:
                kinds.add("link")
            else:
                kinds.add("text")
        parts.append("page " + "/".join(sorted(kinds)))
    return " and ".join(parts)


def differences(src: Path, fresh: Site, incremental: Site) -> list[tuple[str, str]]:
    """How an incremental site differs from a fresh one: (what, detail) pairs."""
    found = []
    if fresh.documents != incremental.documents:
        found.append(
            (
                "documents differ",
                f"fresh: {fresh.documents}\nincremental: {incremental.documents}",
            )
        )
    left_behind = set(incremental.pages) - set(fresh.pages) - set(incremental.documents)
    extra = set(incremental.pages) - set(fresh.pages) - left_behind
    missing = set(fresh.pages) - set(incremental.pages)
    if extra or missing:
        found.append(
            (
                "pages written differ",
                f"only fresh: {sorted(missing)}; only incremental: {sorted(extra)}",
            )
        )
    for page in sorted(set(fresh.pages) & set(incremental.pages)):
        if fresh.pages[page] != incremental.pages[page]:
            kind = "note" if (src / f"{page}.md").is_file() else "generated page"
            if page in ("genindex", "search"):
                kind = page
            what = _what_differs(fresh.pages[page], incremental.pages[page])
            diff = unified_diff(_by_tag(fresh.pages[page]), _by_tag(incremental.pages[page]))
            found.append((f"{kind}: {what}", f"page {page!r}:\n{diff}"))
    return found


class Harness:
    """Runs edit sequences, building incrementally and fresh after each edit."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.runs = 0

    def _dirs(self) -> tuple[Path, Path, Path]:
        self.runs += 1
        base = self.root / f"run{self.runs}"
        return base / "src", base / "incremental", base / "fresh"

    def run(
        self, initial: dict[str, str], edits: list[Edit], *, every_step: bool
    ) -> tuple[int, list[tuple[str, str]]]:
        """Build ``initial``, then apply ``edits``; compare with a fresh build after each
        edit (``every_step``) or after the last. Returns the number of edits applied
        when a difference (or an exception) was found, and what was found."""
        src, incremental, fresh = self._dirs()
        for name, text in initial.items():
            (src / name).parent.mkdir(parents=True, exist_ok=True)
            (src / name).write_bytes(text.encode("utf-8"))
        (src / "conf.py").write_text(
            'extensions = ["sphinxext.obsidian"]\nexclude_patterns = ["_build"]\n',
            encoding="utf-8",
        )
        try:
            try:
                build(src, incremental, fresh=True)
            except Exception as exc:
                key, detail = exception_key(exc)
                return 0, [(f"first build raised {key}", detail)]
            for step, edit in enumerate(edits, start=1):
                apply(src, edit)
                try:
                    after = build(src, incremental, fresh=False)
                except Exception as exc:
                    key, detail = exception_key(exc)
                    return step, [(f"incremental build raised {key}", detail)]
                if not every_step and step < len(edits):
                    continue
                try:
                    scratch = build(src, fresh, fresh=True)
                except Exception as exc:
                    key, detail = exception_key(exc)
                    return step, [(f"fresh build raised {key}", detail)]
                found = differences(src, scratch, after)
                if found:
                    again = build(src, fresh.with_name("fresh-again"), fresh=True)
                    if differences(src, scratch, again):
                        return step, [
                            ("two fresh builds differ", str(differences(src, scratch, again)))
                        ]
                    return step, found
            return len(edits), []
        finally:
            shutil.rmtree(src.parent, ignore_errors=True)


def _sequence(seed: int, number: int) -> tuple[dict[str, str], list[Edit]]:
    """Sequence ``number`` of a run: a vault and its edits, the same for the same seed."""
    rng = random.Random(f"{seed}:sequence:{number}")
    notes = VaultMaker(rng, chaos=0, root_excluded=False).vault(rng.randint(3, 5))
    editor = Editor(rng, copy.deepcopy(notes))
    initial = editor.files()
    edits = [editor.edit() for _ in range(rng.randint(3, 5))]
    return initial, edits


def _shortest(
    harness: Harness,
    vault: dict[str, str],
    edits: list[Edit],
    what: str,
    detail: str,
    deadline: float,
) -> tuple[dict[str, str], list[Edit], str]:
    """The fewest earlier edits, then the fewest lines of the vault, that still
    show the same difference after the last edit."""

    def shows(vault: dict[str, str], edits: list[Edit]) -> str | None:
        _, found = harness.run(vault, edits, every_step=False)
        return next((d for w, d in found if w == what), None)

    index = 0
    while index < len(edits) - 1 and time.monotonic() < deadline:
        fewer = edits[:index] + edits[index + 1 :]
        again = shows(vault, fewer)
        if again is not None:
            edits, detail = fewer, again
        else:
            index += 1
    lines = [(name, line) for name, text in vault.items() for line in text.splitlines(True)]

    def rebuild(kept: list[tuple[str, str]]) -> dict[str, str]:
        out = dict.fromkeys(vault, "")
        for name, line in kept:
            out[name] += line
        return out

    kept = shrink(
        lines,
        lambda kept: shows(rebuild(kept), edits) is not None,
        budget=20,
        deadline=min(deadline, time.monotonic() + 40),
    )
    smaller = rebuild(kept)
    if smaller != vault:
        detail = shows(smaller, edits) or detail
    return smaller, edits, detail


def _report(initial: dict[str, str], edits: list[Edit]) -> str:
    steps = "\n".join(f"  {i}. {edit.show()}" for i, edit in enumerate(edits, start=1))
    return f"vault:\n{show_vault(initial)}\nedits, each followed by an incremental build:\n{steps}"


def test_incremental_builds_equal_fresh_builds(tmp_path: Path) -> None:
    harness = Harness(tmp_path)
    failures = Failures(
        f"{SEQUENCES} random edit sequences (seed {SEED}): incremental build != fresh build"
    )
    shrink_until = time.monotonic() + SHRINK_SECONDS
    started = time.monotonic()
    for number in range(SEQUENCES):
        initial, edits = _sequence(SEED, number)
        step, found = harness.run(initial, edits, every_step=True)
        for what, first_detail in found:
            detail = first_detail
            edits_run = edits[:step]
            key = f"{what}, after '{edits_run[-1].kind}'" if edits_run else what
            vault = initial
            if not failures.known(key) and time.monotonic() < shrink_until:
                vault, edits_run, detail = _shortest(
                    harness, initial, edits_run, what, detail, shrink_until
                )
            failures.add(
                key,
                detail,
                _report(vault, edits_run),
                f"seed {SEED}, sequence {number}, edit {step}",
            )
    print(f"{SEQUENCES} sequences in {time.monotonic() - started:.0f} s")
    if failures:
        pytest.fail(failures.report(), pytrace=False)
