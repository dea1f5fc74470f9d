"""Directives of this documentation only: examples and generated references.

``obsidian-example``
    Shows the Markdown of its content beside the result of the same text,
    parsed by the extension in the page it sits in. Source and result cannot
    disagree, and the test suite builds every example.

``obsidian-reference``
    With the argument ``config``, one section per ``obsidian_*`` value of
    :data:`sphinxext.obsidian.config.CONFIG_VALUES`; with ``warnings``, one
    section per member of :class:`sphinxext.obsidian.warnings.ObsidianWarning`;
    with ``bases``, the functions of the Bases expression language that are
    evaluated at build time, and those that are not.
    The reference pages are generated from the code, so they cannot drift
    from it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from sphinxext.obsidian.base_functions import SUMMARIES, SUPPORTED, UNSUPPORTED
from sphinxext.obsidian.config import CONFIG_VALUES, ConfigValue
from sphinxext.obsidian.warnings import WARNING_TYPE, ObsidianWarning

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata


def _label(text: str) -> nodes.paragraph:
    return nodes.paragraph(text, text, classes=["obsidian-example-label"])


class ObsidianExample(SphinxDirective):
    """Markdown source on the left, what the extension makes of it on the right."""

    has_content = True
    option_spec: ClassVar[dict[str, object]] = {  # type: ignore[misc]
        "label": directives.unchanged,
    }

    def run(self) -> list[nodes.Node]:
        text = "\n".join(self.content)
        source = nodes.container(classes=["obsidian-example-source"])
        source += _label(self.options.get("label", "Markdown"))
        literal = nodes.literal_block(text, text, language="markdown")
        self.set_source_info(literal)
        source += literal
        result = nodes.container(classes=["obsidian-example-result"])
        result += _label("Result")
        self.state.nested_parse(self.content, self.content_offset, result)
        return [nodes.container("", source, result, classes=["obsidian-example"])]


class ObsidianReference(SphinxDirective):
    """One section per configuration value or per warning subtype."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        kind = self.arguments[0]
        if kind == "config":
            return [self._config_section(value) for value in CONFIG_VALUES]
        if kind == "warnings":
            return [self._warning_section(member) for member in ObsidianWarning]
        if kind == "bases":
            return self._bases_reference()
        raise self.error(f"unknown reference {kind!r}: use 'config', 'warnings' or 'bases'")

    def _definitions(self, entries: dict[str, str]) -> nodes.definition_list:
        listing = nodes.definition_list(classes=["obsidian-reference-functions"])
        for name, text in entries.items():
            term = nodes.term("", "", nodes.literal(name, name))
            listing += nodes.definition_list_item(
                "", term, nodes.definition("", nodes.paragraph(text, text))
            )
        return listing

    def _bases_reference(self) -> list[nodes.Node]:
        """The Bases functions evaluated at build time, by type, those that are
        not (and why), and the built-in summaries."""
        groups: dict[str, dict[str, str]] = {}
        for name, text in SUPPORTED.items():
            kind = name.split(".", 1)[0] if "." in name else "Global"
            groups.setdefault(kind, {})[name] = text
        out: list[nodes.Node] = []
        for kind, entries in groups.items():
            out.append(nodes.rubric(kind, kind))
            out.append(self._definitions(entries))
        out.append(nodes.rubric("Summaries", "Summaries"))
        out.append(self._definitions(SUMMARIES))
        out.append(nodes.rubric("Not evaluated", "Not evaluated"))
        out.append(self._definitions(UNSUPPORTED))
        return out

    def _section(self, name: str) -> nodes.section:
        section = nodes.section(ids=[nodes.make_id(name)], names=[nodes.fully_normalize_name(name)])
        title = nodes.title(name, "")
        title += nodes.literal(name, name)
        section += title
        self.set_source_info(section)
        return section

    def _paragraph(self, markdown: str) -> nodes.paragraph:
        """Inline Markdown of a help text (````code```` spans, links) as a paragraph."""
        inline, messages = self.state.inline_text(" ".join(markdown.split()), self.lineno)
        paragraph = nodes.paragraph("", "", *inline)
        paragraph += messages
        return paragraph

    def _config_section(self, value: ConfigValue) -> nodes.section:
        section = self._section(value.name)
        fields = nodes.field_list(classes=["obsidian-reference-fields"])
        types = " or ".join("None" if t is type(None) else t.__name__ for t in value.types)
        for name, body in (
            ("Type", types),
            ("Default", repr(value.default)),
            ("Changing it rebuilds", "every page" if value.rebuild == "env" else value.rebuild),
        ):
            field_body = nodes.field_body()
            field_body += nodes.paragraph("", "", nodes.literal(body, body))
            fields += nodes.field("", nodes.field_name(name, name), field_body)
        section += fields
        section += self._paragraph(value.help)
        return section

    def _warning_section(self, member: ObsidianWarning) -> nodes.section:
        name = f"{WARNING_TYPE}.{member.subtype}"
        section = self._section(name)
        for paragraph in member.doc.split("\n\n"):
            section += self._paragraph(paragraph)
        section += self._paragraph("To silence only this kind of warning, in `conf.py`:")
        code = f'suppress_warnings = ["{name}"]'
        section += nodes.literal_block(code, code, language="python")
        return section


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_directive("obsidian-example", ObsidianExample)
    app.add_directive("obsidian-reference", ObsidianReference)
    return {"parallel_read_safe": True, "parallel_write_safe": True}


__all__ = ["ObsidianExample", "ObsidianReference", "setup"]
