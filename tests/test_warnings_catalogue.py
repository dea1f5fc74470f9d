"""Every warning the code can emit is typed, documented and located.

The modules are read as syntax trees: each warning goes through
:func:`sphinxext.obsidian.warnings.warn` with a member of
:class:`~sphinxext.obsidian.warnings.ObsidianWarning` and a location, every
member is emitted somewhere and documented, and nothing logs a warning
around that function.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

import sphinxext.obsidian
from sphinxext.obsidian.warnings import ObsidianWarning

PACKAGE = Path(sphinxext.obsidian.__file__).parent
MODULES = sorted(PACKAGE.glob("*.py"))


def _calls(name: str) -> list[tuple[str, ast.Call]]:
    found = []
    for module in MODULES:
        tree = ast.parse(module.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            called = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            if called == name:
                found.append((module.name, node))
    return found


def _emitted() -> set[str]:
    """Every ``ObsidianWarning.<NAME>`` the modules use.

    A ``warn`` call names its subtype there, or takes it from a value that
    was set to such a member where the problem was found (``located.problem``).
    """
    subtypes = set()
    for module in MODULES:
        if module.name == "warnings.py":
            continue
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id == "ObsidianWarning"
            ):
                subtypes.add(node.attr)
    return subtypes


def test_every_emitted_subtype_is_a_documented_member() -> None:
    emitted = _emitted()
    members = {member.name for member in ObsidianWarning}
    assert emitted == members  # nothing undocumented is emitted, nothing documented is unused
    for member in ObsidianWarning:
        assert len(member.doc) > 40, member


def test_every_warning_has_a_location() -> None:
    for module, call in _calls("warn"):
        location = call.args[2] if len(call.args) > 2 else None
        keyword = {k.arg: k.value for k in call.keywords}.get("location")
        given = location if location is not None else keyword
        assert given is not None, f"{module}: {ast.unparse(call)}"
        assert not (isinstance(given, ast.Constant) and given.value is None), module


def test_nothing_logs_a_warning_around_warn() -> None:
    direct = [
        f"{module}: {ast.unparse(call)}"
        for module, call in _calls("warning")
        if module != "warnings.py"
    ]
    assert direct == []


@pytest.mark.sphinx("html", testroot="navigation", freshenv=True, warningiserror=True)
def test_a_vault_without_problems_builds_with_warnings_as_errors(app: SphinxTestApp) -> None:
    app.build()
    assert app.statuscode == 0
