"""The text around a mention of a note: the sentence or list item a link sits in,
and the plain-text mentions of a note's title or aliases ("unlinked mentions").

Pure functions over docutils trees and strings, used while a page is read (to
keep, per link, the words around it) and after every page is read (to find
unlinked mentions); :mod:`.backlinks` shows what they find.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from typing import NamedTuple

from docutils import nodes

from .nodes import line_break

__all__ = [
    "Mention",
    "NameIndex",
    "link_contexts",
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
_MARKS = frozenset((LINK_START, LINK_END))
_LINKED = re.compile(f"{LINK_START}[^{LINK_END}]*{LINK_END}?")


class Mention(NamedTuple):
    """A mention of a note: the text before it, the mention itself, the text after."""

    before: str
    text: str
    after: str


def _holder(node: nodes.Node) -> nodes.TextElement | None:
    """The paragraph, title or other block of text a link is written in (not
    the bold or italic words around it, which are text elements too)."""
    parent = node.parent
    while parent is not None and (
        not isinstance(parent, nodes.TextElement) or isinstance(parent, nodes.Inline)
    ):
        parent = parent.parent
    return parent if isinstance(parent, nodes.TextElement) else None


def _in_list_item(holder: nodes.Element) -> bool:
    parent = holder.parent
    return isinstance(parent, nodes.list_item) and parent.index(holder) == 0


def _squash(text: str) -> str:
    return _SPACE.sub(" ", text)


def _trim_left(text: str, *, cut: bool = False) -> str:
    if len(text) <= SIDE and not cut:
        return text
    kept = text[-SIDE:]
    space = kept.find(" ")
    return "…" + (kept[space + 1 :] if 0 <= space < SIDE // 2 else kept)


def _trim_right(text: str, *, cut: bool = False) -> str:
    if len(text) <= SIDE and not cut:
        return text
    kept = text[:SIDE]
    space = kept.rfind(" ")
    return (kept[:space] if space > SIDE // 2 else kept) + "…"


class _Sentences:
    """Where the sentences of a text end, found once for every mention in it."""

    def __init__(self, text: str, *, whole: bool) -> None:
        self.text = text
        self.ends = [] if whole else [m.end() for m in _SENTENCE_END.finditer(text)]

    def around(self, start: int, end: int) -> Mention:
        """The mention at ``text[start:end]`` with its sentence, trimmed."""
        at = bisect.bisect_right(self.ends, start)
        first = self.ends[at - 1] if at else 0
        after = bisect.bisect_left(self.ends, end + 1)
        last = self.ends[after] if after < len(self.ends) else len(self.text)
        # a few times the characters kept, so that squashed spaces still leave enough
        reach = 4 * SIDE
        before = _squash(self.text[max(first, start - reach) : start]).lstrip()
        following = _squash(self.text[end : min(last, end + reach)]).rstrip()
        return Mention(
            _trim_left(before, cut=start - reach > first),
            _squash(self.text[start:end]).strip(),
            _trim_right(following, cut=end + reach < last),
        )


def _pieces(holder: nodes.Element) -> Iterator[tuple[nodes.Node, str]]:
    """Each piece of a block's text, in order, a line break as a new line."""
    for node in holder.findall(lambda n: isinstance(n, nodes.Text | line_break)):
        yield node, "\n" if isinstance(node, line_break) else _clean(node.astext())


def link_contexts(links: Iterable[nodes.Element]) -> dict[int, Mention]:
    """The sentence (or list item) around each of ``links``, link nodes of a
    page being read, by ``id`` of the link; none for a link standing in no
    text. Each block of text is read once, however many links it holds."""
    by_holder: dict[int, tuple[nodes.TextElement, set[int]]] = {}
    for link in links:
        holder = _holder(link)
        if holder is not None:
            by_holder.setdefault(id(holder), (holder, set()))[1].add(id(link))
    found: dict[int, Mention] = {}
    for holder, wanted in by_holder.values():
        parts: list[str] = []
        spans: dict[int, list[int]] = {}
        length = 0
        for node, text in _pieces(holder):
            owner = node.parent
            while owner is not None and owner is not holder and id(owner) not in wanted:
                owner = owner.parent
            if owner is not None and id(owner) in wanted:
                span = spans.setdefault(id(owner), [length, length])
                span[1] = length + len(text)
            parts.append(text)
            length += len(text)
        sentences = _Sentences("".join(parts), whole=_in_list_item(holder))
        for link_id, (start, end) in spans.items():
            found[link_id] = sentences.around(start, end)
    return found


def _clean(text: str) -> str:
    """Text without the marks :func:`plain_texts` puts around links."""
    return text.replace(LINK_START, "").replace(LINK_END, "")


def plain_texts(document: nodes.Element, is_link: type | tuple[type, ...]) -> list[str]:
    """The text of each paragraph of a page, with the text of its links marked
    (between :data:`LINK_START` and :data:`LINK_END`), so that a name inside a
    link is not found as an unlinked mention. The properties panel is left out."""
    texts: list[str] = []
    for paragraph in document.findall(nodes.paragraph):
        if _in_panel(paragraph):
            continue
        pieces: list[str] = []
        for node, value in _pieces(paragraph):
            linked = _inside(node, paragraph, is_link)
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


def _inside(text: nodes.Node, holder: nodes.Element, kinds: type | tuple[type, ...]) -> bool:
    ancestor = text.parent
    while ancestor is not None and ancestor is not holder:
        if isinstance(ancestor, kinds):
            return True
        ancestor = ancestor.parent
    return False


def _words(text: str) -> tuple[str, ...]:
    return tuple(word.casefold() for word in _WORD.findall(text))


class NameIndex:
    """Notes' titles and aliases as sequences of words, looked up by first word
    and length, so that a page's text is read once for every name at the same
    time, and a common first word ("The ...", "2024-...") costs one look-up per
    length of name, not one per name."""

    def __init__(self, names: Iterable[tuple[str, str]]) -> None:
        #: first word -> number of words -> words -> the notes of that name
        self._names: dict[str, dict[int, dict[tuple[str, ...], list[str]]]] = {}
        for name, docname in names:
            words = _words(name)
            if not words or len("".join(words)) < 3:
                continue
            lengths = self._names.setdefault(words[0], {})
            docnames = lengths.setdefault(len(words), {}).setdefault(words, [])
            if docname not in docnames:
                docnames.append(docname)
        #: per first word, its names' lengths, longest first
        self._lengths = {word: sorted(by, reverse=True) for word, by in self._names.items()}

    def find(self, text: str) -> Iterator[tuple[int, int, str]]:
        """``(start, end, docname)`` of each name in ``text`` (its links masked).

        Where names overlap, the longest one starting first is taken ("people's
        commune", not also "commune" inside it); a name that two notes share
        is a mention of both.
        """
        masked = _LINKED.sub(lambda match: "\0" * len(match.group()), text)
        spans = [(m.start(), m.end(), m.group().casefold()) for m in _WORD.finditer(masked)]
        words = [word for _, _, word in spans]
        at = 0
        while at < len(spans):
            first = words[at]
            found = None
            for length in self._lengths.get(first, ()):
                if at + length > len(spans):
                    continue
                docnames = self._names[first][length].get(tuple(words[at : at + length]))
                end = spans[at + length - 1][1]
                if docnames and "\0" not in masked[spans[at][0] : end]:
                    found = (length, end, docnames)
                    break
            if found is None:
                at += 1
                continue
            length, end, docnames = found
            for docname in docnames:
                yield spans[at][0], end, docname
            at += length


def unlinked_mentions(
    texts: dict[str, list[str]], index: NameIndex
) -> dict[str, list[tuple[str, Mention]]]:
    """For each note, the pages naming it in plain text: ``(page, mention)``,
    at most :data:`PER_SOURCE` per page, pages in name order."""
    found: dict[str, list[tuple[str, Mention]]] = {}
    for source in sorted(texts):
        counts: dict[str, int] = {}
        for text in texts[source]:
            sentences: _Sentences | None = None
            marks: list[int] = []
            for start, end, docname in index.find(text):
                if docname == source or counts.get(docname, 0) >= PER_SOURCE:
                    continue
                counts[docname] = counts.get(docname, 0) + 1
                if sentences is None:  # the text without its link marks, read once
                    marks = [at for at, char in enumerate(text) if char in _MARKS]
                    sentences = _Sentences(_clean(text), whole=False)
                # positions in the text without marks: fewer by the marks before them
                mention = sentences.around(
                    start - bisect.bisect_left(marks, start), end - bisect.bisect_left(marks, end)
                )
                found.setdefault(docname, []).append((source, mention))
    return found
