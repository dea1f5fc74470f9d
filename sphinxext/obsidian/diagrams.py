"""Mermaid diagrams in notes, drawn by ``sphinxcontrib-mermaid`` when it is there.

Obsidian draws a ```` ```mermaid ```` fence as a diagram. Sphinx has no
diagram of its own; ``sphinxcontrib-mermaid`` (the ``mermaid`` extra of this
package) draws them in HTML. When it is installed and
``obsidian_mermaid`` is on, it is loaded like any extension the project
lists, and the parser hands notes' mermaid fences to its directive (see
:meth:`.ObsidianRenderer.render_fence`); without it, they are code.

Outside HTML, sphinxcontrib-mermaid runs the Mermaid command line
(``mmdc``) to make a picture; where that command is missing, a PDF or text
build would fail on every diagram, so there the diagrams that came from
notes are shown as their code, as in a build without the extension. The
project's own ``mermaid`` directives are left to sphinxcontrib-mermaid.
"""

from __future__ import annotations

import functools
import importlib.util
import shlex
import shutil
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from .nodes import builder_format

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

__all__ = ["FROM_NOTE", "setup_diagrams"]

#: Set on the diagram nodes made from a note's fence.
FROM_NOTE = "obsidian_fence"
_EXTENSION = "sphinxcontrib.mermaid"


def _load_mermaid(app: Sphinx, config: Config) -> None:
    if config.obsidian_mermaid and importlib.util.find_spec(_EXTENSION) is not None:
        app.setup_extension(_EXTENSION)


def _command_found(command: Any) -> bool:
    parts = shlex.split(command) if isinstance(command, str) else list(command or ())
    return bool(parts) and _on_path(str(parts[0]))


@functools.cache
def _on_path(program: str) -> bool:
    """Looked up once a process, not once a page."""
    return shutil.which(program) is not None


class DiagramsAsCode(SphinxPostTransform):
    """Outside HTML, without the Mermaid command line, a note's diagram is its code."""

    default_priority = 20

    def run(self, **kwargs: Any) -> None:
        command = getattr(self.config, "mermaid_cmd", None)  # set when the extension is loaded
        if builder_format(self) == "html" or command is None or _command_found(command):
            return
        found = [
            node
            for node in self.document.findall(nodes.Element)
            if node.tagname == "mermaid" and node.get(FROM_NOTE)
        ]
        for node in found:
            code = str(node.get("code", ""))
            block = nodes.literal_block(code, code, language="none", classes=["mermaid"])
            block.source, block.line = node.source, node.line
            node.replace_self(block)


def setup_diagrams(app: Sphinx) -> None:
    # after the configuration is read (``obsidian_mermaid``) and before the
    # builder is made, as if the project listed the extension itself
    app.connect("config-inited", _load_mermaid, priority=600)
    app.add_post_transform(DiagramsAsCode)
