"""The doctree nodes that Obsidian syntax becomes, built in one place.

The ``[[...]]`` tokenizer rule, the ``wikilink`` role and Markdown links to
notes all call :func:`wikilink_node`, so a link is the same node whichever
way it was written, and is resolved by the same code after reading.

A link is kept small on purpose: Sphinx holds every doctree read in a build
in memory until it is written, and a vault has thousands of links. So the
link is stored as its target text alone (``reftarget``, re-parsed when it is
resolved), and plain display text sits directly in the cross-reference, with
an ``inline`` wrapper only when an alias carries markup.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, cast

from docutils import nodes
from sphinx import addnodes

from .compat import builder_class
from .syntax import WikiLink, parse_wikilink

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from .domain import ObsidianDomain

__all__ = [
    "DOMAIN",
    "REFTYPE",
    "base_view",
    "block_anchor",
    "callout",
    "callout_summary",
    "canvas_board",
    "canvas_card",
    "canvas_connections",
    "depart_nothing",
    "link_content",
    "link_from_node",
    "mark_markdown_link",
    "note_embed",
    "obsidian_domain",
    "obsidian_media",
    "skip_node",
    "unresolved_link",
    "unwrap",
    "visit_children",
    "wikilink_node",
]

#: The name of the Sphinx domain that resolves the links.
DOMAIN = "obsidian"
#: The ``reftype`` of every link the extension creates.
REFTYPE = "wikilink"
#: Set on MyST's node for a Markdown link without ``.md``: the target to try as a note.
MARKDOWN_TARGET = "obsidian_target"
#: Set on links written as Markdown links, which Obsidian also finds by name.
MARKDOWN_LINK = "obsidian_markdown"


def _is_link(node: nodes.Node) -> bool:
    return isinstance(node, addnodes.pending_xref | nodes.reference | nodes.target)


def link_content(children: Sequence[nodes.Node]) -> nodes.Node:
    """What a link shows: one text as it is, anything richer in an ``inline``.

    Links do not nest: a link, tag or role written in a link's text
    (``[[a|#tag]]``, ``[[a|{doc}`b`]]``) shows its own text, unlinked, as
    Obsidian shows it; a reference inside a reference would leave the inner
    one unresolved for every writer.
    """
    if len(children) == 1 and isinstance(children[0], nodes.Text):
        return children[0]
    holder = nodes.inline("", "", *children, classes=["obsidian-link"])
    for inner in list(holder.findall(_is_link, include_self=False)):
        unwrap(inner)
    if len(holder.children) == 1 and isinstance(holder[0], nodes.Text):
        return holder.pop()
    return holder


def wikilink_node(
    link: WikiLink,
    docname: str,
    *,
    rawsource: str,
    content: Sequence[nodes.Node] = (),
) -> addnodes.pending_xref:
    """A pending cross-reference for ``link``, written in ``docname``.

    ``content`` is the rendered alias (or Markdown link text); without it the
    link shows :attr:`WikiLink.display_text`.
    """
    return addnodes.pending_xref(
        rawsource,
        link_content(content or [nodes.Text(link.display_text)]),
        refdomain=DOMAIN,
        reftype=REFTYPE,
        reftarget=link.target,
        refdoc=docname,
        refexplicit=bool(content),
    )


def mark_markdown_link(node: nodes.Element, link: WikiLink) -> None:
    """Mark MyST's node for ``[text](Target)`` as one that may name a note.

    It is resolved as a note after reading if it names one, and otherwise left
    to MyST (it may be a label or another MyST target).
    """
    node[MARKDOWN_TARGET] = link.target


def link_from_node(node: nodes.Element) -> WikiLink:
    """The :class:`WikiLink` a node stands for (its target; no alias)."""
    target = node.get(MARKDOWN_TARGET) or node.get("reftarget", "")
    link = parse_wikilink(target)
    return link if link is not None else WikiLink(target)


#: The reference type of ``#tag`` links (to a tag's page, by docname).
TAG_REFTYPE = "tag"


def link_target(node: nodes.Element) -> str | None:
    """The target text of one of our links, or ``None`` for any other node."""
    if node.get("refdomain") == DOMAIN:
        if node.get("reftype") == TAG_REFTYPE:
            return None
        return str(node.get("reftarget", ""))
    target = node.get(MARKDOWN_TARGET)
    return str(target) if target is not None else None


#: Document attributes where the parser lists what later passes need, so that
#: they need not walk every page to find out: the block anchors it created, and
#: whether the page has Markdown links that may name notes.
BLOCK_ANCHORS = "obsidian_block_anchors"
HAS_MARKDOWN_TARGETS = "obsidian_has_markdown_targets"
HAS_EMBEDS = "obsidian_has_embeds"
HAS_FOLDS = "obsidian_has_folds"
#: Builders that write each page from its own doctree; the others (singlehtml,
#: latex, texinfo, man) join pages into one tree, which carries only the first
#: page's attributes, so passes over such a tree cannot rely on them.
PAGE_BUILDERS = frozenset(
    ("html", "dirhtml", "epub", "text", "xml", "pseudoxml", "json", "pickle", "dummy", "linkcheck")
)


def obsidian_domain(env: BuildEnvironment) -> ObsidianDomain:
    """The extension's domain, where per-document data lives (typed)."""
    return cast("ObsidianDomain", env.domains[DOMAIN])


def builder_name(transform: Any) -> str:
    """The running builder's name (``html``, ``singlehtml``, ``latex``...)."""
    return str(builder_class(transform).name)


def builder_format(transform: Any) -> str:
    """The running builder's output format (``html``, ``latex``, ``text``...)."""
    return str(builder_class(transform).format)


def unwrap(node: nodes.Node) -> None:
    """Put a node's children in its place (a link that must not be one)."""
    parent = node.parent
    if parent is not None:
        at = parent.index(node)
        parent[at : at + 1] = list(getattr(node, "children", ()))


def needs_pass(transform: Any, flag: str) -> bool:
    """Whether a post-transform has work on this tree: the parser flagged the
    page, or the tree joins several pages and has to be looked through."""
    return bool(transform.document.get(flag)) or builder_name(transform) not in PAGE_BUILDERS


def iter_elements(root: nodes.Element) -> Iterator[nodes.Element]:
    """Every element under ``root``, in document order.

    An explicit stack instead of docutils' recursive generators, whose cost
    grows with the depth of the tree at every node; this walk is on the path
    of every page of every build.
    """
    stack: list[nodes.Node] = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, nodes.Element):
            yield node
            stack.extend(reversed(node.children))


# -- nodes of callouts and embeds (their writers are in .callouts and .embeds) --


class callout(nodes.admonition):  # noqa: N801 (docutils node naming)
    """An Obsidian callout: a titled admonition, possibly foldable.

    Attributes: ``callout_type`` (canonical), ``callout_written`` (as written),
    ``fold`` (``""``, ``"open"`` or ``"closed"``) and ``metadata``.
    """


class callout_summary(nodes.title):  # noqa: N801 (docutils node naming)
    """The title of a foldable callout in HTML, written as ``<summary>``.

    Only an HTML post-transform creates it, so no other writer meets it.
    """


class note_embed(nodes.Inline, nodes.Element):  # noqa: N801 (docutils node naming)
    """Where ``![[note...]]`` stood; replaced by the note's content before writing.

    ``reftarget`` is the target as written, ``refdoc`` the note it is written
    in. Writers never see it; if one did, it would show nothing.
    """


class obsidian_media(nodes.General, nodes.Element):  # noqa: N801 (docutils node naming)
    """An embedded audio, video, PDF or YouTube player.

    Its child is a plain link (a download link, or the video's page), which is
    what every builder but HTML shows; HTML shows the player instead.
    """


class canvas_board(nodes.General, nodes.Element):  # noqa: N801 (docutils node naming)
    """A canvas: its cards (and groups) in reading order, then its connections.

    ``box`` is the rectangle holding every card (left, top, width, height, in
    the canvas's pixels); ``edges`` lists each arrow as a mapping (``source``,
    ``target``, their ``*_side`` and ``*_end``, ``colour``, ``label``). Its
    writers are in .canvas.
    """


class canvas_card(nodes.General, nodes.Element):  # noqa: N801 (docutils node naming)
    """A card of a canvas (``kind``: ``text``, ``file``, ``link``, ``group``,
    or ``missing`` for a file card whose file is not there), with its ``box``,
    ``card_id`` and ``colour``. A group holds its label (a rubric) and cards."""


class canvas_connections(nodes.General, nodes.Element):  # noqa: N801 (docutils node naming)
    """A canvas's arrows as a titled list (``A -> B: label``)."""


class base_view(nodes.General, nodes.Element):  # noqa: N801 (docutils node naming)
    """Where a view of a base is shown: ``base_source`` (the base's YAML),
    ``view`` (its index), ``base_doc`` and ``base_line`` (where the base is
    written). Replaced by the view, evaluated, before writing (see .bases)."""


class recent_notes(nodes.General, nodes.Element):  # noqa: N801 (docutils node naming)
    """Where a list of recent notes is shown (the ``obsidian-recent`` directive):
    ``limit`` (0 for every dated note) and ``folder`` (``""`` for the whole
    project). Replaced by the list before writing (see :mod:`.feeds`)."""


class highlight(nodes.Inline, nodes.TextElement):  # noqa: N801 (docutils node naming)
    """``==highlighted==`` text: ``<mark>`` in HTML, emphasis where a format has no marker."""


class strikethrough(nodes.Inline, nodes.TextElement):  # noqa: N801 (docutils node naming)
    """``~~struck~~`` text: ``<del>`` in HTML, ``\\sout`` in LaTeX, ``~~`` in plain text."""


def _visit_del_html(self: Any, node: strikethrough) -> None:
    self.body.append(self.starttag(node, "del", "", CLASS="obsidian-strikethrough"))


def _depart_del_html(self: Any, node: strikethrough) -> None:
    self.body.append("</del>")


def _plain_text_only(node: nodes.Element) -> bool:
    return all(isinstance(child, nodes.Text) for child in node.children)


def _visit_sout_latex(self: Any, node: strikethrough) -> None:
    # ``\\sout`` (ulem) takes plain text; struck links or markup keep their text
    if _plain_text_only(node):
        self.body.append(r"\sout{")


def _depart_sout_latex(self: Any, node: strikethrough) -> None:
    if _plain_text_only(node):
        self.body.append("}")


def _visit_tildes_text(self: Any, node: strikethrough) -> None:
    self.add_text("~~")


def _visit_tildes_body(self: Any, node: strikethrough) -> None:
    # man and Texinfo have no struck text either: the Markdown marks, as in plain text
    self.body.append("~~")


class block_anchor(nodes.Element):  # noqa: N801 (docutils node naming)
    """Where a ``^block-id`` stood; replaced by an id on its block while reading.

    ``own_line`` tells whether the id stood on a line of its own, which makes
    it name the enclosing quote, callout or list item rather than the paragraph.
    It never reaches a writer: the block id transform removes it.
    """


def make_block_anchor(block_id: str, own_line: bool) -> block_anchor:
    """The node the ``obsidian_block_id`` token becomes."""
    return block_anchor("", block_id=block_id, own_line=own_line)


def _visit_mark_html(self: Any, node: highlight) -> None:
    self.body.append(self.starttag(node, "mark", "", CLASS="obsidian-highlight"))


def _depart_mark_html(self: Any, node: highlight) -> None:
    self.body.append("</mark>")


def _visit_as_emphasis(self: Any, node: highlight) -> None:
    self.visit_emphasis(node)


def _depart_as_emphasis(self: Any, node: highlight) -> None:
    self.depart_emphasis(node)


def visit_children(self: Any, node: nodes.Element) -> None:
    """A visitor that writes nothing of its own: the node's children are written."""


def depart_nothing(self: Any, node: nodes.Element) -> None:
    """A departure that writes nothing."""


def skip_node(self: Any, node: nodes.Element) -> None:
    """A visitor that writes neither the node nor its children."""
    raise nodes.SkipNode


def unresolved_link(rawsource: str, *children: nodes.Node, text: str = "") -> nodes.inline:
    """A link that leads nowhere: its text kept, marked ``obsidian-unresolved``
    (dimmed by the stylesheet, as Obsidian shows it)."""
    return nodes.inline(
        rawsource, text, *children, classes=["obsidian-link", "obsidian-unresolved"]
    )


class line_break(nodes.Inline, nodes.Element):  # noqa: N801 (docutils node naming)
    """A line break inside a paragraph: a single newline of a note (Obsidian's
    default), two trailing spaces or a backslash, or ``<br>``.

    Docutils has no such node, and MyST writes breaks as raw HTML and LaTeX, so
    ``alpha<br/>omega`` lost its break in text, man and Texinfo. Each writer
    gets its own line break here; outside a paragraph (a title, a caption)
    writers that cannot break a line there get a space.
    """

    def astext(self) -> str:
        # where a line break becomes plain text (ids, tables of contents,
        # link names), the words either side stay apart
        return " "


def _paragraph_of(node: nodes.Node) -> nodes.paragraph | None:
    parent: nodes.Element | None = node.parent
    while isinstance(parent, nodes.Inline) and isinstance(parent, nodes.Element):
        parent = parent.parent
    return parent if isinstance(parent, nodes.paragraph) else None


def _in_paragraph(node: nodes.Node) -> bool:
    return _paragraph_of(node) is not None


#: Nodes that writers other than HTML leave out of a line: they do not begin it.
_INVISIBLE = (
    nodes.raw,
    nodes.target,
    nodes.comment,
    nodes.system_message,
    nodes.substitution_definition,
)


def _text_before(node: nodes.Node) -> bool:
    """Whether the line has begun: a writer cannot end a line that has no text."""
    current: nodes.Node | None = node
    while current is not None and current.parent is not None:
        parent = current.parent
        for sibling in parent.children[: parent.index(current)]:
            if not isinstance(sibling, _INVISIBLE) and sibling.astext().strip():
                return True
        if not isinstance(parent, nodes.Inline):
            return False
        current = cast(nodes.Node, parent)
    return False


def _visit_break_html(self: Any, node: line_break) -> None:
    self.body.append("<br />\n")
    raise nodes.SkipNode


def _break_or_space(node: line_break, in_paragraph: bool) -> str | None:
    """What a writer other than HTML makes of a break: ``None`` to break the
    line (inside a paragraph's text), a space where it cannot (a title, a
    caption), nothing before the line has begun."""
    if not _text_before(node):
        return ""
    return None if in_paragraph else " "


def _visit_break_latex(self: Any, node: line_break) -> None:
    # ``\\newline`` rather than ``\\``, which would end a row in a table cell;
    # never in a title, which LaTeX also writes into the contents and bookmarks
    written = _break_or_space(node, _in_paragraph(node))
    self.body.append("\\newline{}\n" if written is None else written)
    raise nodes.SkipNode


def _visit_break_text(self: Any, node: line_break) -> None:
    # Sphinx's text writer gives a paragraph its own state, except directly in
    # an admonition, whose label goes on the state the paragraph shares
    paragraph = _paragraph_of(node)
    own_state = paragraph is not None and not isinstance(paragraph.parent, nodes.Admonition)
    written = _break_or_space(node, own_state)
    if written is None:
        # the lines so far are wrapped and kept, the rest starts a new line
        self.end_state(wrap=True, end=None)
        self.new_state(0)
    elif written:
        self.add_text(written)
    raise nodes.SkipNode


def _visit_break_man(self: Any, node: line_break) -> None:
    written = _break_or_space(node, _in_paragraph(node))
    self.body.append("\n.br\n" if written is None else written)
    raise nodes.SkipNode


def _visit_break_texinfo(self: Any, node: line_break) -> None:
    written = _break_or_space(node, _in_paragraph(node))
    self.body.append("@*\n" if written is None else written)
    raise nodes.SkipNode


class rule(nodes.General, nodes.Element):  # noqa: N801 (docutils node naming)
    """A horizontal rule (``---``) where docutils allows no transition: in a
    callout, a quote or a list, first or last in a note, or next to another.

    Obsidian draws a rule wherever ``---`` is written; a docutils transition
    there is an error. Every writer draws this one as it draws a transition.
    """


def _visit_as_transition(self: Any, node: rule) -> None:
    self.visit_transition(node)


def _depart_as_transition(self: Any, node: rule) -> None:
    self.depart_transition(node)


def loose_rules(document: nodes.document) -> None:
    """Turn the transitions docutils would refuse into :class:`rule` nodes."""
    for transition in list(document.findall(nodes.transition)):
        parent = transition.parent
        if parent is None:
            continue
        at = parent.index(transition)
        before = parent[at - 1] if at > 0 else None
        after = parent[at + 1] if at + 1 < len(parent) else None
        if (
            not isinstance(parent, nodes.section | nodes.document)
            or before is None
            or isinstance(before, nodes.title | nodes.transition | rule)
            or after is None
            or isinstance(after, nodes.transition | nodes.section)
        ):
            replacement = rule()
            replacement.source, replacement.line = transition.source, transition.line
            parent[at] = replacement


class task_marker(nodes.inline):  # noqa: N801 (docutils names nodes in lower case)
    """The status box of a task list item: a checkbox in HTML, ``[x]`` elsewhere."""


def _visit_task_html(translator: Any, node: task_marker) -> None:
    status = node.get("status", " ")
    checked = ' checked="checked"' if status != " " else ""
    data = translator.attval(status)
    translator.body.append(
        f'<input class="task-list-item-checkbox" type="checkbox" disabled="disabled"'
        f'{checked} data-task="{data}" /> '
    )
    raise nodes.SkipNode


def setup_nodes(app: Sphinx) -> None:
    """Visitors for every writer, for the inline nodes of this module."""
    # other builders show the marker's text, ``[x]``, as any inline
    app.add_node(task_marker, html=(_visit_task_html, None))
    app.add_node(
        strikethrough,
        html=(_visit_del_html, _depart_del_html),
        latex=(_visit_sout_latex, _depart_sout_latex),
        text=(_visit_tildes_text, _visit_tildes_text),
        man=(_visit_tildes_body, _visit_tildes_body),
        texinfo=(_visit_tildes_body, _visit_tildes_body),
    )
    # ``normalem`` keeps ``\\emph`` italic, as Sphinx writes it
    app.add_latex_package("ulem", "normalem")
    as_transition = (_visit_as_transition, _depart_as_transition)
    app.add_node(
        rule,
        html=as_transition,
        latex=as_transition,
        text=as_transition,
        man=as_transition,
        texinfo=as_transition,
    )
    app.add_node(
        line_break,
        html=(_visit_break_html, None),
        latex=(_visit_break_latex, None),
        text=(_visit_break_text, None),
        man=(_visit_break_man, None),
        texinfo=(_visit_break_texinfo, None),
    )
    app.add_node(
        highlight,
        html=(_visit_mark_html, _depart_mark_html),
        latex=(_visit_as_emphasis, _depart_as_emphasis),
        text=(visit_children, depart_nothing),
        man=(_visit_as_emphasis, _depart_as_emphasis),
        texinfo=(_visit_as_emphasis, _depart_as_emphasis),
    )
