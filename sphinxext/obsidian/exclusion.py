"""What a vault holds but does not publish: settings, trash, templates, drafts.

Decided once, when the configuration is read and before Sphinx looks for
documents: the folders and the notes to leave out are added to
``exclude_patterns``, so Sphinx never reads them and nothing is written
anywhere. A note is left out when its front matter says so
(``publish: false``, ``draft: true``); only the front matter of each note is
read for that. Links to a left-out note get their own warning.

The notes are found by walking the source folder as Sphinx will
(:mod:`.source_folder`): through links to folders, so a linked vault's drafts
and templates stay out too. The build's own output and doctree folders are
left out whatever ``exclude_patterns`` says, so that a build whose output is
inside the source folder (``sphinx-build . _build``) never reads what an
earlier build wrote there; so are folder links that lead back to a folder
they are in, which Sphinx would otherwise go round.
"""

from __future__ import annotations

import json
import os
import posixpath
import weakref
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.project import EXCLUDE_PATHS
from sphinx.util.matching import compile_matchers

from .nodes import obsidian_domain
from .properties import read_front_matter
from .resolution import OWN_FORMATS
from .source_folder import SourceWalk, glob_escape, relative_path
from .warnings import ObsidianWarning, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

__all__ = ["excluded_notes", "setup_exclusion"]

#: Folders of a vault that never hold notes to publish.
VAULT_FOLDERS = (".obsidian", ".trash")
_BOM = "\ufeff"


def _template_patterns(folder: str) -> list[str]:
    """A template folder: at the top of the source folder or of a folder in it
    (a vault dropped in as a folder), or, given as a path, that one.

    A folder of that name deeper in a vault is content (a wiki's "templates"
    section of banners that its pages embed), as Obsidian sees it: only the
    folder its Templates settings name holds templates, and the vault's
    settings are read for that wherever they are found.
    """
    if "/" in folder:
        return _folder_patterns(folder)
    return [folder, f"{folder}/**", f"*/{folder}", f"*/{folder}/**"]


def _templates_in(folders: list[str], suffixes: tuple[str, ...]) -> list[str]:
    """Patterns for the documents of ``suffixes`` in the folders that ``folders``
    (a folder's patterns, the folder and what is in it) match."""
    tops = [pattern for pattern in folders if not pattern.endswith("/**")]
    return [f"{top}/**{glob_escape(suffix)}" for top in tops for suffix in suffixes]


def _folder_patterns(folder: str) -> list[str]:
    """A folder and everything in it; a bare name wherever it is."""
    if "/" in folder:
        return [folder, f"{folder}/**"]
    return [f"**/{folder}", folder]


def _vault_templates(srcdir: Path, folder: str) -> str | None:
    """The template folder that the settings of a vault at ``folder`` name (the core
    Templates plugin's ``.obsidian/templates.json``), relative to the source folder."""
    settings = srcdir / folder / ".obsidian" / "templates.json"
    try:
        named = json.loads(settings.read_text(encoding="utf-8")).get("folder")
    except (OSError, ValueError, AttributeError):
        return None
    if not isinstance(named, str) or not named.strip("/"):
        return None
    return f"{folder}/{named.strip('/')}" if folder else named.strip("/")


def _front_matter(path: Path, encoding: str) -> str | None:
    """The note's front matter block, however long, and nothing after it.

    A byte-order mark is not part of the text: Sphinx reads ``utf-8-sig`` by
    default, so MyST sees the properties of such a note, and so does Obsidian.
    """
    try:
        with path.open(encoding=encoding, errors="replace") as handle:
            head = handle.read(4).removeprefix(_BOM)
            if not head.startswith("---"):
                return None
            lines = [head + handle.readline()]
            for line in handle:
                lines.append(line)
                if line.startswith(("---", "...")):
                    break
    except (OSError, LookupError):
        return None
    return "".join(lines)


def _unpublished(path: Path, rules: dict[str, Any], encoding: str) -> str | None:
    """The property that leaves this note out, if any (``publish: false``...)."""
    block = _front_matter(path, encoding)
    if block is None or not any(key in block for key in rules):
        return None  # most notes: no YAML to parse at all
    data = read_front_matter(block).data or {}
    for key, value in rules.items():
        if key in data and data[key] == value:
            return f"{key}: {str(value).lower()}"
    return None


def _build_patterns(srcdir: Path, folders: list[str], excluded: list[str]) -> list[str]:
    """The patterns for the build's own folders that lie inside the source folder.

    A folder the project already leaves out (``exclude_patterns = ["_build"]``,
    as ``sphinx-quickstart`` writes) gets none, so that the configuration of
    such a project, which Sphinx compares from one build to the next, stays
    as it was.
    """
    real = srcdir.resolve()
    matchers = compile_matchers(excluded)
    patterns: list[str] = []
    for folder in folders:
        try:
            parts = Path(folder).relative_to(real).parts
        except ValueError:
            continue  # outside: Sphinx never looks there
        paths = [relative_path("/".join(parts[: n + 1])) for n in range(len(parts))]
        if paths and not any(matcher(path) for path in paths for matcher in matchers):
            patterns += [glob_escape(paths[-1]), f"{glob_escape(paths[-1])}/**"]
    return patterns


def excluded_notes(
    srcdir: Path,
    config: Config,
    build: Sequence[Path] = (),
    suffixes: Sequence[str] = (".md", ".rst", ".ipynb", ".canvas"),
    shadowed: dict[str, str] | None = None,
) -> tuple[list[str], dict[str, str]]:
    """The exclude patterns for vault and ``build`` folders, and the notes left out
    with the reason."""
    patterns = _build_patterns(srcdir, [os.fspath(f) for f in build], config.exclude_patterns)
    for folder in VAULT_FOLDERS:
        patterns += _folder_patterns(folder)
    templates = sorted({n.strip("/") for n in config.obsidian_template_folders} - {""})
    # a template folder's notes are templates; the bases kept there are live (a
    # vault's notes embed them), so only its other documents are left out
    kept = tuple(sorted(set(suffixes) - {".base"}))
    for folder in templates:
        patterns += _templates_in(_template_patterns(folder), kept)
    # the walk leaves out what Sphinx will leave out, matched as Sphinx matches,
    # and the template folders that the vaults' settings name, as they are found
    matchers = compile_matchers(
        [*config.exclude_patterns, *config.templates_path, *EXCLUDE_PATHS, *patterns]
    )

    def wanted(path: str) -> bool:
        name = relative_path(path)
        return not any(matcher(name) for matcher in matchers)

    rules = dict(config.obsidian_exclude_properties)
    walk = SourceWalk(srcdir, skip=[Path(folder) for folder in build], enter=wanted)
    notes: dict[str, str] = {}
    for folder, files in walk:
        found = []
        named = _vault_templates(srcdir, folder)
        if named is not None:
            found += _templates_in(_folder_patterns(glob_escape(relative_path(named))), kept)
        if folder and (srcdir / folder / ".obsidian").is_dir():
            # the top of a vault: its template folders are the vault's own
            for name in (n for n in templates if "/" not in n):
                found += _templates_in(
                    _folder_patterns(glob_escape(relative_path(f"{folder}/{name}"))), kept
                )
        if found:
            patterns += found
            matchers += compile_matchers(found)
        hidden = _same_names(folder, files, suffixes, wanted)
        if hidden:
            patterns += [glob_escape(relative_path(path)) for path in hidden]
            matchers += compile_matchers([glob_escape(relative_path(p)) for p in hidden])
            if shadowed is not None:
                shadowed.update({relative_path(path): other for path, other in hidden.items()})
        for name in files if rules else ():
            path = f"{folder}/{name}" if folder else name
            if name.endswith(".md") and wanted(path):
                reason = _unpublished(srcdir / path, rules, config.source_encoding)
                if reason is not None:
                    notes[relative_path(path)] = reason
    # links that lead back (Sphinx would go round them) and links to the build's folders
    patterns += [glob_escape(relative_path(folder)) for folder in (*walk.loops, *walk.build)]
    return patterns, notes


def _same_names(
    folder: str, files: Sequence[str], suffixes: Sequence[str], wanted: Callable[[str], bool]
) -> dict[str, str]:
    """Canvases and bases that share their name with another document of their
    folder (``Books.md`` and ``Books.base``): Obsidian keeps both, Sphinx can
    publish one page per name. The note is published; the canvas or base is
    left out (and a canvas before a base). Path -> the file that keeps the name.
    """
    documents: dict[str, list[str]] = {}
    for name in files:
        for suffix in suffixes:
            if name.lower().endswith(suffix.lower()):
                path = f"{folder}/{name}" if folder else name
                if wanted(path):
                    documents.setdefault(name[: -len(suffix)], []).append(name)
                break
    hidden: dict[str, str] = {}
    rank = {suffix: place for place, suffix in enumerate(OWN_FORMATS)}

    def order(name: str) -> int:
        return rank.get(posixpath.splitext(name)[1].lower(), len(rank))

    for names in documents.values():
        if len(names) < 2:
            continue
        keeper = max(names, key=order)
        for name in names:
            if name != keeper and order(name) < len(rank):
                hidden[f"{folder}/{name}" if folder else name] = keeper
    return hidden


def _own_folders(srcdir: Path, outdir: Path, doctreedir: Path) -> list[Path]:
    """The build's own folders (real paths): its output and doctree folders.

    ``sphinx-build -M html . _build`` writes every builder's output next to
    the doctrees they share (``_build/html``, ``_build/latex``,
    ``_build/doctrees``): there the whole build folder is the build's, so an
    earlier build with another builder is never read either, and the pattern
    that leaves it out stays the same from one builder to the next.
    """
    outdir, doctreedir, srcdir = outdir.resolve(), doctreedir.resolve(), srcdir.resolve()
    shared = doctreedir.parent
    if (
        doctreedir.name == "doctrees"
        and outdir.parent == shared
        and shared != srcdir
        and shared not in srcdir.parents
    ):
        return [shared]
    return [outdir, doctreedir]


#: what the configuration's reading found, until the environment exists to hold it:
#: the build's own folders, and each note left out -> why
_FOUND: weakref.WeakKeyDictionary[Sphinx, tuple[list[Path], dict[str, str]]] = (
    weakref.WeakKeyDictionary()
)


def _suffixes(app: Sphinx, config: Config) -> list[str]:
    """Every suffix a document may have: the project's own (as written in
    ``conf.py``, not yet made a mapping by Sphinx) and the extensions' ones."""
    written = config.source_suffix
    own = [written] if isinstance(written, str) else list(written or [".rst"])
    return sorted({*own, *app.registry.source_suffix, ".md"})


def _exclude(app: Sphinx, config: Config) -> None:
    # the build's own folders, known before anything is read
    folders = _own_folders(Path(app.srcdir), Path(app.outdir), Path(app.doctreedir))
    shadowed: dict[str, str] = {}
    patterns, notes = excluded_notes(
        Path(app.srcdir), config, folders, _suffixes(app, config), shadowed
    )
    for path, keeper in sorted(shadowed.items()):
        warn(
            ObsidianWarning.BAD_NAME,
            f"left out: {posixpath.basename(keeper)} in the same folder has the same name, and "
            "a Sphinx site has one page per name; rename one of them to publish both",
            f"{os.fspath(Path(app.srcdir, path))}:1",
            config,
        )
    root = f"{config.root_doc}.md"
    if root in notes:
        # Sphinx cannot build without its root document: it stays, and says why
        warn(
            ObsidianWarning.EXCLUDED,
            f"the root document asks to be left out ({notes.pop(root)}), but a site cannot "
            "be built without it: it is published",
            # a file and line: no document is known yet (its front matter starts there)
            f"{os.fspath(Path(app.srcdir, root))}:1",
            config,
        )
    # exclude_patterns is compared with the last build's, so a note left out
    # (or back in) makes Sphinx read every document again, as it must
    config.exclude_patterns = [
        *config.exclude_patterns,
        *patterns,
        *(glob_escape(path) for path in sorted(notes)),
    ]
    left_out = {
        **{path[:-3]: why for path, why in notes.items()},
        # a link names the canvas or base by its file name (``[[Books.base]]``)
        **{path: f"{keeper} has its name" for path, keeper in shadowed.items()},
    }
    _FOUND[app] = ([folder.resolve() for folder in folders], left_out)


def _keep_in_domain(app: Sphinx) -> None:
    """Hand what :func:`_exclude` found to the domain, once the environment exists."""
    folders, notes = _FOUND.pop(app, ([], {}))
    domain = obsidian_domain(app.env)
    domain.build_folders = folders
    # docname -> why it was left out, for the warning a link to it gets
    domain.data["excluded"] = notes


def setup_exclusion(app: Sphinx) -> None:
    # after the ``obsidian_*`` values are read, before Sphinx looks for documents
    app.connect("config-inited", _exclude, priority=450)
    app.connect("builder-inited", _keep_in_domain, priority=100)
