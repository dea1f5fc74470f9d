"""Callouts: ``> [!type|metadata]± Title`` blockquotes become Sphinx admonitions.

One node class, :class:`callout`, built by :func:`callout_node` from both the
Markdown syntax (a markdown-it rule in :mod:`.syntax` marks the blockquote)
and the ``callout`` directive, so the two cannot drift apart.

A callout is a subclass of docutils' generic ``admonition``: every writer and
every theme already knows how to show it. The node carries the canonical type
(``question`` for ``[!faq]``) and the type as written as classes, plus the
class of the theme's admonition of the same kind (:data:`THEME_CLASSES`:
``warning``, ``seealso``, ``admonition-todo``...), so that by default a
``[!warning]`` looks exactly like the theme's ``{warning}``.

In HTML a callout is written as the theme's admonitions are (a ``div`` with a
``p.admonition-title``), since themes select those elements; a foldable one
folds with a small script (``obsidian.js``), and without the script it is
shown open. With ``obsidian_callout_style = "obsidian"`` callouts take
Obsidian's colours and icons from the extension's own stylesheet instead, and
a foldable one is a ``<details>`` element that folds without a script. ePub,
LaTeX, text and man show every callout open, with its title.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.locale import admonitionlabels
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective

from .compat import TRANSLATIONS_COUNTED, translation_count, was_translated
from .nodes import (
    HAS_FOLDS,
    builder_name,
    callout,
    callout_summary,
    iter_elements,
    needs_pass,
    skip_node,
)

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator
    from sphinx.writers.latex import LaTeXTranslator

__all__ = [
    "ALIASES",
    "CANONICAL_TYPES",
    "THEME_CLASSES",
    "CalloutDirective",
    "callout_node",
    "canonical_type",
    "default_title",
]

#: The thirteen types Obsidian styles, each with the aliases that mean it.
CANONICAL_TYPES: dict[str, tuple[str, ...]] = {
    "note": (),
    "abstract": ("summary", "tldr"),
    "info": (),
    "todo": (),
    "tip": ("hint", "important"),
    "success": ("check", "done"),
    "question": ("help", "faq"),
    "warning": ("caution", "attention"),
    "failure": ("fail", "missing"),
    "danger": ("error",),
    "bug": (),
    "example": (),
    "quote": ("cite",),
}
#: Every type name Obsidian knows, mapped to its canonical type.
ALIASES: dict[str, str] = {
    name: canonical
    for canonical, aliases in CANONICAL_TYPES.items()
    for name in (canonical, *aliases)
}
#: The class of the theme's admonition that each canonical type looks like:
#: the docutils type of the same meaning, Sphinx's ``seealso`` and ``todo``
#: boxes, or (a quote) the plain admonition.
THEME_CLASSES: dict[str, str] = {
    "note": "note",
    "abstract": "seealso",
    "info": "note",
    "todo": "admonition-todo",
    "tip": "tip",
    "success": "hint",
    "question": "caution",
    "warning": "warning",
    "failure": "error",
    "danger": "danger",
    "bug": "error",
    "example": "important",
    "quote": "",
}
#: The LaTeX admonition style closest to each canonical type.
_LATEX_STYLE = {"tip": "tip", "success": "tip", "warning": "warning", "failure": "error",
                "danger": "danger", "bug": "error"}  # fmt: skip


def canonical_type(written: str) -> str:
    """The canonical type of a callout type as written; unknown types look like note."""
    return ALIASES.get(written.lower(), "note")


def default_title(written: str) -> str:
    """The title of a callout without one: the type, ``-`` as a space, first
    letter capitalised and the rest in lower case, as Obsidian titles it
    (``my-type`` gives "My type", ``NOTE`` gives "Note", ``FAQ`` gives "Faq").

    A type that is also one of Sphinx's admonitions takes Sphinx's label (see
    :func:`sphinx_label`).
    """
    label = sphinx_label(written)
    if label is not None:
        return label
    text = written.replace("-", " ").replace("_", " ").strip().lower()
    return text[:1].upper() + text[1:]


#: Sphinx's admonitions whose English label is the title Obsidian gives the
#: type of that name ("See also" is not Obsidian's "Seealso")
_LABELLED = frozenset(
    ("attention", "caution", "danger", "error", "hint", "important", "note", "tip", "warning")
)


def sphinx_label(written: str) -> str | None:
    """Sphinx's label for a callout type that is also one of its admonitions:
    the title Obsidian gives it in English, and translated in the project's
    language, as the ``{warning}`` directive's title is."""
    text = written.strip().lower()
    return str(admonitionlabels[text]) if text in _LABELLED else None


def css_class(text: str) -> str:
    """A safe CSS class from text written in a note (lower case, ``[a-z0-9-]``)."""
    return nodes.make_id(text)


def callout_node(
    written_type: str,
    title: Sequence[nodes.Node] = (),
    *,
    fold: str = "",
    metadata: str = "",
    rawsource: str = "",
    title_source: str = "",
) -> callout:
    """The admonition for a callout of ``written_type``.

    ``title`` is the rendered title, ``title_source`` the title as written
    (the message a translation catalogue holds for it); without a title the
    type names it. ``fold`` is ``""`` (not foldable), ``"open"`` (``+``) or
    ``"closed"`` (``-``).
    """
    written = written_type.strip()
    canonical = canonical_type(written)
    classes = ["callout", f"callout-{canonical}"]
    for name in (css_class(written), *(css_class(part) for part in metadata.split())):
        if name and name not in classes:
            classes.append(name)
    themed = THEME_CLASSES[canonical]
    if themed and themed not in classes:
        classes.append(themed)
    if fold:
        classes.append("callout-foldable")
    node = callout(
        rawsource,
        classes=classes,
        callout_type=canonical,
        callout_written=written,
        fold=fold,
        metadata=metadata,
    )
    # markdown-it leaves empty text tokens around markup; they are not part of the title
    title = [child for child in title if not (isinstance(child, nodes.Text) and str(child) == "")]
    translatable = True
    if not title:
        title_source = default_title(written)
        title = [nodes.Text(title_source)]
        # Sphinx's own label is translated by Sphinx, not by the note's catalogue
        translatable = sphinx_label(written) is None
    heading = nodes.title(title_source, "", title_box(title))
    if not translatable:
        heading["translatable"] = False
    node += heading
    return node


def title_box(children: Sequence[nodes.Node]) -> nodes.inline:
    """One box for the whole title, as Obsidian's ``callout-title-inner``: the
    title row lays out the icon, the text and the fold chevron side by side,
    and the text, whatever markup it holds, flows as one run of words."""
    return nodes.inline("", "", *children, classes=["callout-title-inner"])


# -- the directive ----------------------------------------------------------------


def _fold_option(argument: str | None) -> str:
    return str(directives.choice(argument or "", ("open", "closed")))


class CalloutDirective(SphinxDirective):
    """``callout`` directive: the same box from reStructuredText or MyST.

    The argument is the type (with an optional ``|metadata``); ``:title:`` is
    parsed as inline markup; ``:fold: open|closed`` makes it foldable.
    """

    required_arguments = 1
    final_argument_whitespace = False
    has_content = True
    option_spec: ClassVar[dict[str, Any]] = {
        "title": directives.unchanged,
        "fold": _fold_option,
        "class": directives.class_option,
    }

    def run(self) -> list[nodes.Node]:
        written, _, metadata = self.arguments[0].partition("|")
        messages: list[nodes.system_message] = []
        title: list[nodes.Node] = []
        if self.options.get("title"):
            title, messages = self.parse_inline(self.options["title"], lineno=self.lineno)
        node = callout_node(
            written,
            title,
            fold=self.options.get("fold", ""),
            metadata=metadata,
            rawsource=self.block_text,
            title_source=self.options.get("title", ""),
        )
        node["classes"].extend(self.options.get("class", []))
        if node["fold"]:
            self.state.document[HAS_FOLDS] = True
        self.set_source_info(node)
        self.state.nested_parse(self.content, self.content_offset, node)
        return [node, *messages]


# -- writers ------------------------------------------------------------------------


def _data_attributes(node: callout) -> dict[str, Any]:
    # the type as written, lower case, as Obsidian writes it: users' CSS snippets
    # (``.callout[data-callout="faq"]``) select custom types and aliases by it
    written = str(node.get("callout_written") or node["callout_type"]).lower()
    attributes: dict[str, Any] = {"data-callout": written}
    if node.get("metadata"):
        attributes["data-callout-metadata"] = node["metadata"]
    if node.get("fold"):
        attributes["data-callout-fold"] = "+" if node["fold"] == "open" else "-"
    return attributes


def visit_callout_html(self: HTML5Translator, node: callout) -> None:
    if isinstance(node.children[0] if node.children else None, callout_summary):
        attributes = _data_attributes(node)
        if node["fold"] == "open":
            attributes["open"] = "open"
        self.body.append(self.starttag(node, "details", CLASS="admonition", **attributes))
    else:
        self.body.append(self.starttag(node, "div", CLASS="admonition", **_data_attributes(node)))


def depart_callout_html(self: HTML5Translator, node: callout) -> None:
    is_details = isinstance(node.children[0] if node.children else None, callout_summary)
    self.body.append("</details>\n" if is_details else "</div>\n")


def visit_summary_html(self: HTML5Translator, node: callout_summary) -> None:
    self.body.append(self.starttag(node, "summary", "", CLASS="admonition-title"))


def depart_summary_html(self: HTML5Translator, node: callout_summary) -> None:
    self.body.append("</summary>\n")


def visit_callout_latex(self: LaTeXTranslator, node: callout) -> None:
    style = _LATEX_STYLE.get(node["callout_type"], "note")
    self.body.append("\n\\begin{sphinxadmonition}{" + style + "}")
    self.no_latex_floats += 1


def depart_callout_latex(self: LaTeXTranslator, node: callout) -> None:
    self.body.append(r"\end{sphinxadmonition}" + "\n")
    self.no_latex_floats -= 1


def _as_admonition(self: Any, node: callout) -> None:
    self.visit_admonition(node)


def _as_admonition_end(self: Any, node: callout) -> None:
    self.depart_admonition(node)


class TranslatedTitles(SphinxTransform):
    """A translated callout title keeps its one box (``callout-title-inner``).

    Sphinx puts a title's translation in place of the title's children, so
    the box that makes the title one run of words would be lost; it is put
    back around the translated text.
    """

    # after Sphinx translated the page's messages and counted them
    default_priority = TRANSLATIONS_COUNTED + 1

    def apply(self, **kwargs: Any) -> None:
        if not translation_count(self.document):
            return
        for node in self.document.findall(callout):
            title = node.children[0] if node.children else None
            if not isinstance(title, nodes.title) or not was_translated(title):
                continue
            first = title.children[0] if title.children else None
            if isinstance(first, nodes.inline) and "callout-title-inner" in first["classes"]:
                continue
            children = list(title.children)
            title.children = []
            title += title_box(children)


class FoldableCallouts(SphinxPostTransform):
    """In Obsidian's style, make foldable callouts ``<details>`` and ``<summary>``.

    HTML only, and not for ePub, whose readers may not fold: there, as in every
    other format, a foldable callout is simply shown open with its title. The
    element folds with no script and is keyboard accessible as browsers make
    ``<summary>`` focusable.
    """

    formats = ("html",)
    default_priority = 200

    def run(self, **kwargs: Any) -> None:
        if self.config.obsidian_callout_style != "obsidian":
            return  # the theme's own markup, folded by obsidian.js
        if builder_name(self).startswith("epub") or not needs_pass(self, HAS_FOLDS):
            return
        for node in list(iter_elements(self.document)):
            if not isinstance(node, callout) or not node.get("fold") or not node.children:
                continue
            title = node.children[0]
            if isinstance(title, nodes.title) and not isinstance(title, callout_summary):
                node[0] = callout_summary(title.rawsource, "", *title.children)


def setup_callouts(app: Sphinx) -> None:
    admonition = (_as_admonition, _as_admonition_end)
    app.add_node(
        callout,
        html=(visit_callout_html, depart_callout_html),
        latex=(visit_callout_latex, depart_callout_latex),
        text=admonition,
        man=admonition,
        texinfo=admonition,
    )
    # created for HTML only: no other writer meets it
    app.add_node(
        callout_summary,
        html=(visit_summary_html, depart_summary_html),
        latex=(skip_node, None),
        text=(skip_node, None),
        man=(skip_node, None),
        texinfo=(skip_node, None),
    )
    app.add_directive("callout", CalloutDirective)
    app.add_transform(TranslatedTitles)
    app.add_post_transform(FoldableCallouts)
