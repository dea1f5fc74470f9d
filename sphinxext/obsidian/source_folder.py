"""The source folder as Sphinx finds documents in it: through folder links, never in a loop.

Sphinx follows symbolic links to folders when it looks for documents, so a
vault linked into the source folder (rather than copied) is published. Every
walk the extension makes over the source folder (for the notes to leave out,
for the attachments) goes through :class:`SourceWalk`, so that it reaches the
same files Sphinx reads, under the same paths. Two differences: a link that
leads back to a folder the walk is already in is not followed (Sphinx would go
round such a loop until the system's limit on nested links stops it, reading
every note once per turn), and the build's own output and doctree folders are
never entered.

A file reached through a linked folder lies elsewhere on disk. It counts as a
file of the source folder when its real path is inside the source folder or
inside one of the linked folders the walk went through (:attr:`SourceWalk.roots`);
a link to any other file (``/etc/passwd``) does not.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment

__all__ = ["SourceWalk", "build_folders", "glob_escape", "inside", "relative_path"]

_ESCAPED = {"*": "[*]", "?": "[?]", "[": "[\\[]"}


def glob_escape(path: str) -> str:
    """``path`` as an ``exclude_patterns`` entry that matches itself.

    Sphinx's patterns give ``*``, ``?`` and ``[`` a meaning; a note named
    ``[draft].md`` would otherwise not be matched by its own name. Each
    becomes a one-character class; ``[`` is written ``[\\[]`` (``[`` or a
    backslash), because a class that starts with ``[`` is ambiguous to
    Python's regular expressions.
    """
    return "".join(_ESCAPED.get(char, char) for char in path)


def relative_path(path: str) -> str:
    """A relative path (with ``/``) in the Unicode form Sphinx gives document names and
    compares with ``exclude_patterns`` (NFC): a name written decomposed on disk (macOS)
    would otherwise match no pattern made from it."""
    return unicodedata.normalize("NFC", path)


def build_folders(env: BuildEnvironment) -> list[Path]:
    """The build's own output and doctree folders (real paths), never read as sources.

    Found by the exclusion when the configuration is read and kept by the
    domain; the doctree folder is always known, also to code that runs
    without that record.
    """
    from .nodes import obsidian_domain

    return [*obsidian_domain(env).build_folders, Path(env.doctreedir).resolve()]


def inside(path: Path, roots: Iterable[Path]) -> bool:
    """Whether the real path ``path`` is one of ``roots`` or lies inside one."""
    return any(path == root or root in path.parents for root in roots)


class SourceWalk:
    """One walk over the source folder, folder by folder, following links to folders.

    Iterating gives each folder reached (its path relative to the source
    folder with ``/``, ``""`` for the source folder itself) and the names of
    its files, sorted, a folder before the folders inside it. ``enter`` is
    asked about each folder (by relative path) after its parent has been
    given, so a caller can decide from a folder's files which of its
    sub-folders to leave out. Once the walk is over, :attr:`roots`,
    :attr:`loops` and :attr:`build` tell where it went and where it did not.
    """

    def __init__(
        self,
        srcdir: str | os.PathLike[str],
        *,
        skip: Iterable[Path] = (),
        enter: Callable[[str], bool] | None = None,
    ) -> None:
        self.srcdir = Path(srcdir)
        self._skip = {Path(folder) for folder in skip}
        self._enter = enter
        real = Path(os.path.realpath(self.srcdir))
        #: real paths where the files reached may lie: the source folder, and
        #: each linked folder followed
        self.roots: list[Path] = [real]
        #: folder links not followed because they lead back to a folder they are in
        self.loops: list[str] = []
        #: folders left out because they are the build's own output or doctree folder
        self.build: list[str] = []

    def __iter__(self) -> Iterator[tuple[str, list[str]]]:
        # (relative path, path on disk, real paths of the folder and those it is in)
        stack: list[tuple[str, str, tuple[Path, ...]]] = [
            ("", os.fspath(self.srcdir), (self.roots[0],))
        ]
        while stack:
            relative, path, chain = stack.pop()
            try:
                with os.scandir(path) as scanned:
                    entries = sorted(scanned, key=lambda entry: entry.name)
            except OSError:
                continue
            files: list[str] = []
            folders: list[os.DirEntry[str]] = []
            for entry in entries:
                try:
                    is_folder = entry.is_dir()
                except OSError:
                    is_folder = False
                if is_folder:
                    folders.append(entry)
                else:
                    files.append(entry.name)
            yield relative, files
            below: list[tuple[str, str, tuple[Path, ...]]] = []
            for entry in folders:
                child = f"{relative}/{entry.name}" if relative else entry.name
                if self._enter is not None and not self._enter(child):
                    continue
                linked = entry.is_symlink()
                real = Path(os.path.realpath(entry.path)) if linked else chain[-1] / entry.name
                if real in self._skip:
                    self.build.append(child)
                    continue
                if linked:
                    # a link to a folder the walk is in, or to one that holds it, is a loop
                    if any(real == folder or real in folder.parents for folder in chain):
                        self.loops.append(child)
                        continue
                    if real not in self.roots:
                        self.roots.append(real)
                below.append((child, entry.path, (*chain, real)))
            stack.extend(reversed(below))
