"""How a link target finds its note: Obsidian's rules over an index of names.

The index is built once per build from the project's document names (and the
notes' aliases), so that resolving a link costs a few dictionary look-ups
however large the project: there is no scan of the project per link. Like
the syntax module, this one imports nothing from Sphinx.

The rules, in order (``OFM-SPEC`` section 2):

1. an exact path from the project root (``.md`` optional);
2. a path relative to the linking note's folder, then to each folder above
   it (so a vault that sits in a sub-folder of the project keeps its
   vault-root paths);
3. a unique file name anywhere;
4. among several notes of that name: the one in the linking note's folder,
   then the shortest path, then the alphabetically first (reported as
   ambiguous);
5. a path containing ``/`` as the end of a longer path (``b/c`` finds
   ``a/b/c``);
6. a front matter alias, if no note matched.

A path ending in ``/`` names a folder, and reaches its folder note
(``index`` or a note named like the folder) by the same path rules.

Names are compared case-insensitively after Unicode NFC normalisation.
"""

from __future__ import annotations

import dataclasses
import posixpath
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple

__all__ = [
    "Heading",
    "LinkIndex",
    "Resolution",
    "find_heading",
    "heading_key",
    "headings_by_key",
    "name_key",
]


#: the suffixes of Obsidian's own file formats, which a link names explicitly
#: (``[[Books.base]]``), in the order they give way to one another when they
#: share a name
OWN_FORMATS = (".canvas", ".base")


def name_key(text: str) -> str:
    """The comparison key of a note name or path: NFC and case-folded."""
    return unicodedata.normalize("NFC", text).casefold()


def heading_key(text: str) -> str:
    """The comparison key of a heading.

    Case-folded, with punctuation, symbols and emoji dropped, ``-`` and ``_``
    read as spaces, and runs of spaces collapsed; so
    ``[[FAQ#how large can a vault be]]`` reaches ``How large can a vault be?``
    and ``[[Functions#hasTag]]`` reaches ```hasTag()```.
    """
    out: list[str] = []
    for ch in unicodedata.normalize("NFC", text).casefold():
        if ch.isalnum():
            out.append(ch)
        elif ch.isspace() or ch in "-_":
            out.append(" ")
        else:
            category = unicodedata.category(ch)
            if category.startswith("M") and out and out[-1] != " ":
                out.append(ch)  # combining marks belong to their letter
    return " ".join("".join(out).split())


def strip_suffix(path: str, suffixes: Iterable[str]) -> str:
    """Remove a source-file suffix (``.md``, ``.rst``...) from a link path."""
    lowered = path.lower()
    for suffix in suffixes:
        if suffix and lowered.endswith(suffix.lower()):
            return path[: -len(suffix)]
    return path


@dataclasses.dataclass(frozen=True, slots=True)
class Resolution:
    """The outcome of resolving one link path.

    ``docname`` is ``None`` when nothing matched. ``candidates`` lists every
    document the rule that decided could have chosen, when there were several
    and the choice fell back to shortest path or alphabetical order.
    ``rule`` names the rule that decided, for messages and tests.
    """

    docname: str | None
    rule: str = ""
    candidates: tuple[str, ...] = ()

    @property
    def ambiguous(self) -> bool:
        return len(self.candidates) > 1


_NOT_FOUND = Resolution(None)


def _depth_then_name(docname: str) -> tuple[int, int, str]:
    return (docname.count("/"), len(docname), docname)


class LinkIndex:
    """Name, path, suffix and alias look-up tables over the project's documents."""

    def __init__(
        self,
        docnames: Iterable[str],
        aliases: Mapping[str, Sequence[str]] | None = None,
        source_suffixes: Iterable[str] = (".md",),
    ) -> None:
        self.suffixes = tuple(sorted(set(source_suffixes) | {".md"}, key=len, reverse=True))
        self.by_path: dict[str, list[str]] = {}
        self.by_name: dict[str, list[str]] = {}
        self.by_suffix: dict[str, list[str]] = {}
        self.by_alias: dict[str, list[str]] = {}
        for docname in sorted(docnames):
            key = name_key(docname)
            self.by_path.setdefault(key, []).append(docname)
            parts = key.split("/")
            self.by_name.setdefault(parts[-1], []).append(docname)
            for start in range(1, len(parts) - 1):
                self.by_suffix.setdefault("/".join(parts[start:]), []).append(docname)
        for docname, names in sorted((aliases or {}).items()):
            for alias in names:
                self.by_alias.setdefault(name_key(alias), []).append(docname)

    def normalise(self, path: str) -> str:
        """The key of a link path: suffix removed, ``./`` and ``\\`` folded."""
        path = strip_suffix(path.strip().replace("\\", "/"), self.suffixes)
        return name_key(path)

    @staticmethod
    def _choose(candidates: Sequence[str], from_dir: str, rule: str) -> Resolution:
        if len(candidates) == 1:
            return Resolution(candidates[0], rule)
        same_folder = [c for c in candidates if name_key(posixpath.dirname(c)) == from_dir]
        if len(same_folder) == 1:
            return Resolution(same_folder[0], rule + "+same-folder")
        pool = same_folder or list(candidates)
        chosen = min(pool, key=_depth_then_name)
        return Resolution(chosen, rule + "+shortest-path", tuple(sorted(candidates)))

    def resolve(self, path: str, from_docname: str, *, use_aliases: bool = True) -> Resolution:
        """Find the document that ``path``, written in ``from_docname``, names."""
        key = self.normalise(path)
        if not key:
            return Resolution(from_docname, "self")
        from_dir = posixpath.dirname(name_key(from_docname))
        rooted = key.startswith("/")
        folder = key.endswith("/") or key in (".", "..")
        key = key.strip("/")
        if not key:
            return _NOT_FOUND
        if folder:
            # ``[[advanced/]]``: the folder's note, ``index`` or named like the folder
            for note in ("index", posixpath.basename(posixpath.normpath(key))):
                found = self._resolve_path(f"{key}/{note}", from_dir, rooted)
                if found.docname is not None:
                    return found
            return _NOT_FOUND
        if "/" in key or rooted or key.startswith("."):
            found = self._resolve_path(key, from_dir, rooted)
            if found.docname is not None:
                return found
        elif key in self.by_name:
            return self._choose(self.by_name[key], from_dir, "name")
        if use_aliases and key in self.by_alias:
            return self._choose(self.by_alias[key], from_dir, "alias")
        return _NOT_FOUND

    def _resolve_path(self, key: str, from_dir: str, rooted: bool) -> Resolution:
        exact = posixpath.normpath(key)
        if not exact.startswith("../") and exact in self.by_path:
            return self._choose(self.by_path[exact], from_dir, "path")
        if rooted:
            # from the top of the vault, which may be a folder at the top of the
            # project (``vault/``): the path under one such folder
            if ".." in exact.split("/"):
                return _NOT_FOUND
            pool = self.by_suffix.get(exact) if "/" in exact else self.by_name.get(exact)
            depth = exact.count("/") + 1
            found = [d for d in pool or () if name_key(d).count("/") == depth]
            return self._choose(found, "", "rooted") if found else _NOT_FOUND
        folder = from_dir
        while True:
            candidate = posixpath.normpath(posixpath.join(folder, key)) if folder else exact
            inside = candidate != ".." and not candidate.startswith("../")
            if inside and candidate in self.by_path:
                return self._choose(self.by_path[candidate], from_dir, "relative")
            if not folder:
                break
            folder = posixpath.dirname(folder)
        if ".." in key.split("/"):
            return _NOT_FOUND
        if key in self.by_suffix:
            return self._choose(self.by_suffix[key], from_dir, "suffix")
        return _NOT_FOUND


class Heading(NamedTuple):
    """One section of a document: its key, its element id and its parent's index
    (``-1`` for a top-level section). A tuple, so the domain's data pickles small.

    ``source_key`` is the key of the heading as the source writes it, when a
    translation shows it in other words: links written in the source language
    still reach it.
    """

    key: str
    node_id: str
    parent: int
    source_key: str = ""


def headings_by_key(headings: Sequence[Heading]) -> dict[str, list[int]]:
    """Map each heading key to the indices of the sections that carry it."""
    table: dict[str, list[int]] = {}
    for index, heading in enumerate(headings):
        table.setdefault(heading.key, []).append(index)
        if heading.source_key:
            table.setdefault(heading.source_key, []).append(index)
    return table


def find_heading(
    headings: Sequence[Heading],
    chain: Sequence[str],
    by_key: Mapping[str, Sequence[int]] | None = None,
) -> Heading | None:
    """The first section matching the last heading of ``chain`` whose enclosing
    sections include the earlier headings of the chain, in order."""
    if not chain:
        return None
    keys = [heading_key(part) for part in chain]
    if by_key is None:
        by_key = headings_by_key(headings)
    for index in by_key.get(keys[-1], ()):
        heading = headings[index]
        wanted = len(keys) - 2
        parent = heading.parent
        while wanted >= 0 and parent >= 0:
            if keys[wanted] in (headings[parent].key, headings[parent].source_key or None):
                wanted -= 1
            parent = headings[parent].parent
        if wanted < 0:
            return heading
    return None
