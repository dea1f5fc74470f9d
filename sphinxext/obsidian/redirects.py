"""Placeholder: being written."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup_redirects(app: Sphinx) -> None:
    """Connect this module's handlers."""
