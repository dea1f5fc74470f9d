"""The text around a mention of a note: the sentence or list item a link sits in,
and the plain-text mentions of a note's title or aliases ("unlinked mentions").

Pure functions over docutils trees and strings, used while a page is read (to
keep, per link, the words around it) and after every page is read (to find
unlinked mentions); :mod:`.backlinks` shows what they find.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import NamedTuple

from docutils import nodes

__all__ = [
    "Mention",
    "NameIndex",
    "link_context",
    "plain_texts",
    "unlinked_mentions",
]

#: the most characters shown on each side of a mention
SIDE = 160
#: the most unlinked mentions of one note listed from one page
PER_SOURCE = 3

#: the end of a sentence: a stop followed by space (with closing quotes or
#: brackets between), or a full-width stop, which needs no space after it
_SENTENCE_END = re.compile(r"[.!?\u2026][\"'\u201d\u2019)\]]*\s+|[\u3002\uff01\uff1f]")
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"\w+")
#: marks around the text of a link inside a page's plain text (see plain_texts)
LINK_START, LINK_END = "\x01", "\x02"
_LINKED = re.compile(f"{LINK_START}[^{LINK_END}]*{LINK_END}?")


class Mention(NamedTuple):
    """A mention of a note: the text before it, the mention itself, the text after."""

    before: str
    text: str
    after: str


def _holder(node: nodes.Node) -> nodes.TextElement | None:
    """The paragraph, title or other text element a link is written in."""
    parent = node.parent
    while parent is not None and not isinstance(parent, nodes.TextElement):
        parent = parent.parent
    return parent if isinstance(parent, nodes.TextElement) else None


def _in_list_item(holder: nodes.Element) -> bool:
    parent = holder.parent
    return isinstance(parent, nodes.list_item) and parent.index(holder) == 0


def _squash(text: str) -> str:
    return _SPACE.sub(" ", text)


def _sentence_before(text: str) -> str:
    """The part of ``text`` in the same sentence as what follows it."""
    start = 0
    for match in _SENTENCE_END.finditer(text):
        if match.end() < len(text):
            start = match.end()
    return text[start:]


def _sentence_after(text: str) -> str:
    """The part of ``text`` in the same sentence as what precedes it."""
    match = _SENTENCE_END.search(text)
    return text[: match.end()].rstrip() if match else text


def _trim_left(text: str) -> str:
    if len(text) <= SIDE:
        return text
    cut = text[-SIDE:]
    space = cut.find(" ")
    return "…" + (cut[space + 1 :] if 0 <= space < SIDE // 2 else cut)


def _trim_right(text: str) -> str:
    if len(text) <= SIDE:
        return text
    cut = text[:SIDE]
    space = cut.rfind(" ")
    return (cut[:space] if space > SIDE // 2 else cut) + "…"


def around(before: str, text: str, after: str, *, whole: bool) -> Mention:
    """The mention with its sentence (or, ``whole``, its whole list item), trimmed."""
    before, after = _squash(before), _squash(after)
    if not whole:
        before, after = _sentence_before(before), _sentence_after(after)
    return Mention(_trim_left(before.lstrip()), _squash(text).strip(), _trim_right(after.rstrip()))


def link_context(link: nodes.Element) -> Mention | None:
    """The sentence (or list item) around ``link``, a link node of a page being read.

    ``None`` when the link stands in no text (an embed on a line of its own).
    """
    holder = _holder(link)
    if holder is None:
        return None
    before: list[str] = []
    inside: list[str] = []
    after: list[str] = []
    for text in holder.findall(nodes.Text):
        ancestor: nodes.Node | None = text.parent
        while ancestor is not None and ancestor is not link and ancestor is not holder:
            ancestor = ancestor.parent
        if ancestor is link:
            inside.append(text.astext())
        elif inside:
            after.append(text.astext())
        else:
            before.append(text.astext())
    return around("".join(before), "".join(inside), "".join(after), whole=_in_list_item(holder))


def plain_texts(document: nodes.Element, is_link: type | tuple[type, ...]) -> list[str]:
    """The text of each paragraph of a page, with the text of its links marked
    (between :data:`LINK_START` and :data:`LINK_END`), so that a name inside a
    link is not found as an unlinked mention. The properties panel is left out."""
    texts: list[str] = []
    for paragraph in document.findall(nodes.paragraph):
        if _in_panel(paragraph):
            continue
        pieces: list[str] = []
        for text in paragraph.findall(nodes.Text):
            linked = _inside(text, paragraph, is_link)
            value = text.astext()
            pieces.append(f"{LINK_START}{value}{LINK_END}" if linked else value)
        joined = _squash("".join(pieces)).strip()
        if joined:
            texts.append(joined)
    return texts


def _in_panel(node: nodes.Element) -> bool:
    parent = node.parent
    while parent is not None:
        if isinstance(parent, nodes.field_list) and "obsidian-properties" in parent["classes"]:
            return True
        if isinstance(parent, nodes.paragraph):  # a paragraph inside another is read with it
            return True
        parent = parent.parent
    return False


def _inside(text: nodes.Text, holder: nodes.Element, kinds: type | tuple[type, ...]) -> bool:
    ancestor = text.parent
    while ancestor is not None and ancestor is not holder:
        if isinstance(ancestor, kinds):
            return True
        ancestor = ancestor.parent
    return False


def _words(text: str) -> tuple[str, ...]:
    return tuple(word.casefold() for word in _WORD.findall(text))


class NameIndex:
    """Notes' titles and aliases as sequences of words, looked up by first word,
    so that a page's text is read once for every name at the same time."""

    def __init__(self, names: Iterable[tuple[str, str]]) -> None:
        self._by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for name, docname in names:
            words = _words(name)
            if not words or len("".join(words)) < 3:
                continue
            entries = self._by_first.setdefault(words[0], [])
            if (words, docname) not in entries:
                entries.append((words, docname))

    def find(self, text: str) -> Iterator[tuple[int, int, str]]:
        """``(start, end, docname)`` of each name in ``text`` (its links masked).

        Where names overlap, the longest one starting first is taken ("people's
        commune", not also "commune" inside it); a name that two notes share
        is a mention of both.
        """
        masked = _LINKED.sub(lambda match: "\0" * len(match.group()), text)
        spans = [(m.start(), m.end(), m.group().casefold()) for m in _WORD.finditer(masked)]
        taken = 0  # words before this one are part of a name already found
        for at, (start, _end, word) in enumerate(spans):
            if at < taken:
                continue
            found: list[tuple[int, str]] = []
            for words, docname in self._by_first.get(word, ()):
                last = at + len(words) - 1
                if last >= len(spans):
                    continue
                same = all(spans[at + i][2] == words[i] for i in range(1, len(words)))
                if same and "\0" not in masked[start : spans[last][1]]:
                    found.append((last, docname))
            if found:
                longest = max(last for last, _ in found)
                taken = longest + 1
                for last, docname in found:
                    if last == longest:
                        yield start, spans[last][1], docname


def _unmark(text: str) -> str:
    return text.replace(LINK_START, "").replace(LINK_END, "")


def unlinked_mentions(
    texts: dict[str, list[str]], index: NameIndex
) -> dict[str, list[tuple[str, Mention]]]:
    """For each note, the pages naming it in plain text: ``(page, mention)``,
    at most :data:`PER_SOURCE` per page, pages in name order."""
    found: dict[str, list[tuple[str, Mention]]] = {}
    for source in sorted(texts):
        counts: dict[str, int] = {}
        for text in texts[source]:
            for start, end, docname in index.find(text):
                if docname == source or counts.get(docname, 0) >= PER_SOURCE:
                    continue
                counts[docname] = counts.get(docname, 0) + 1
                mention = around(
                    _unmark(text[:start]),
                    _unmark(text[start:end]),
                    _unmark(text[end:]),
                    whole=False,
                )
                found.setdefault(docname, []).append((source, mention))
    return found
