"""What a vault holds but does not publish: settings, trash, templates, drafts.

Decided once, when the configuration is read and before Sphinx looks for
documents: the folders and the notes to leave out are added to
``exclude_patterns``, so Sphinx never reads them and nothing is written
anywhere. A note is left out when its front matter says so
(``publish: false``, ``draft: true``); only the front matter of each note is
read for that. Links to a left-out note get their own warning.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .properties import read_front_matter

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

__all__ = ["excluded_notes", "setup_exclusion"]

#: Folders of a vault that never hold notes to publish.
VAULT_FOLDERS = (".obsidian", ".trash")
#: How much of a note is read to find its front matter.
_HEAD = 64 * 1024


def _template_folders(srcdir: Path, configured: list[str]) -> set[str]:
    """Template folders: the configured names, and those a vault's own settings name
    (the core Templates plugin's ``.obsidian/templates.json``)."""
    names = {name.strip("/") for name in configured if name.strip("/")}
    for settings in srcdir.glob("**/.obsidian/templates.json"):
        try:
            folder = json.loads(settings.read_text(encoding="utf-8")).get("folder")
        except (OSError, ValueError, AttributeError):
            continue
        if isinstance(folder, str) and folder.strip("/"):
            vault = settings.parent.parent.relative_to(srcdir).as_posix()
            names.add(folder.strip("/") if vault == "." else f"{vault}/{folder.strip('/')}")
    return names


def _unpublished(path: Path, rules: dict[str, Any]) -> str | None:
    """The property that leaves this note out, if any (``publish: false``...)."""
    try:
        with path.open(encoding="utf-8", errors="replace") as handle:
            head = handle.read(_HEAD)
    except OSError:
        return None
    if not head.startswith("---") or not any(f"{key}:" in head for key in rules):
        return None  # most notes: no YAML to parse at all
    data = read_front_matter(head).data or {}
    for key, value in rules.items():
        if key in data and data[key] == value:
            return f"{key}: {str(value).lower()}"
    return None


def excluded_notes(srcdir: Path, config: Config) -> tuple[list[str], dict[str, str]]:
    """The exclude patterns for vault folders, and the notes left out with the reason."""
    patterns: list[str] = []
    folders = set(VAULT_FOLDERS) | _template_folders(srcdir, config.obsidian_template_folders)
    for folder in sorted(folders):
        patterns += [folder, f"{folder}/**"] if "/" in folder else [f"**/{folder}", folder]
    notes: dict[str, str] = {}
    rules = dict(config.obsidian_exclude_properties)
    if rules:
        skip = {name for name in folders if "/" not in name}
        for root, dirs, files in os.walk(srcdir):
            dirs[:] = [d for d in dirs if d not in skip and not d.startswith(("_build", "."))]
            for name in files:
                if not name.endswith(".md"):
                    continue
                path = Path(root) / name
                reason = _unpublished(path, rules)
                if reason is not None:
                    notes[path.relative_to(srcdir).as_posix()] = reason
    return patterns, notes


def _exclude(app: Sphinx, config: Config) -> None:
    patterns, notes = excluded_notes(Path(app.srcdir), config)
    config.exclude_patterns = [*config.exclude_patterns, *patterns, *sorted(notes)]
    # docname -> why it was left out, for the warning a link to it gets
    config.obsidian_excluded_notes = {path[:-3]: why for path, why in notes.items()}


def setup_exclusion(app: Sphinx) -> None:
    app.add_config_value("obsidian_excluded_notes", {}, "env", types=(dict,))
    # after the ``obsidian_*`` values are read, before Sphinx looks for documents
    app.connect("config-inited", _exclude, priority=450)
