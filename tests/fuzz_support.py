"""Shared machinery of the long fuzz tests: random notes, checks, failure reports.

Random notes are made from every piece of syntax a vault may hold (Obsidian's
own, CommonMark's, MyST's, inline and block HTML, entities, scripts other
than Latin, combining characters, odd line ends) placed in every block
context (paragraphs, headings, lists, tables, quotes, callouts, nested
callouts, footnotes, code). Every note comes from a ``random.Random`` seeded
with its seed and number, so each one can be made again on its own.

A fuzz test runs many cases, gathers what goes wrong in :class:`Failures`
(one entry per distinct problem, with the smallest case found for it, shrunk
by :func:`shrink`), and fails once at the end with the whole list, so that a
single run shows every distinct problem rather than the first one.
"""

from __future__ import annotations

import dataclasses
import difflib
import random
import re
import time
import traceback
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from docutils import nodes
from markdown_it.token import Token

ESCAPES = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")

# -- the pieces notes are made of ----------------------------------------------------

WORDS = [
    "word", "Note", "a b", "text", "x", "日本語", "中文字", "한국어", "العربية", "مرحبا",
    "עברית", "русский", "ελληνικά", "😀", "👩‍💻", "🇫🇷", "e\u0301", "\u0301", "a\u0308\u0323",
    "Ω", "ß", "İ", "ﬁ", "\u200b", "\u200d", "\u00a0", "\ufeff", "1984", "C#", "x_y", "--",
    "...", "'quote'", '"dq"', "don't", "\t", "  ", "\u2028", "\x0c", "\x0b", "\x85", "\x00",
    "\u202e", "\U0001d400",
]  # fmt: skip
HTML_INLINE = [
    "<b>", "</b>", "<br>", "<br/>", "<i>x</i>", '<span class="s">', "</span>", "<plugin-id>",
    "</plugin-id>", "<plugin-id data-x=1/>", "<!-- comment -->", "<!--", "-->", "<div>",
    "</div>", '<img src="img.png">', '<a href="b.md">a</a>', "<kbd>K</kbd>", "<sup>1</sup>",
    "<u>", "</u>", "<mark>m</mark>", "<?php x ?>", "<![CDATA[x]]>", "<!DOCTYPE html>",
]  # fmt: skip
ENTITIES = [
    "&amp;", "&#x27;", "&nbsp;", "&lt;", "&gt;", "&#128512;", "&copy;", "&bogus;", "&",
    "&#0;", "&#xD800;", "&#x5B;&#x5B;", "&#91;&#91;b&#93;&#93;", "&quot;",
]  # fmt: skip
ROLES = [
    "{doc}`index`", "{doc}`missing`", "{ref}`nowhere`", "{math}`x^2`", "{abbr}`HTML (markup)`",
    "{sub}`2`", "{sup}`n`", "{wikilink}`b#One`", "{wikilink}`b#One|shown`", "{wikilink}`[[bad`",
    "{wikilink}`|`", "{kbd}`Ctrl`", "{nosuchrole}`x`", "{code}`x`", "{term}`t`",
    "{download}`img.png`", "{doc}`b`", "{eq}`x`", "{index}`entry`",
]  # fmt: skip
MARKERS = [
    "[[", "]]", "|", "\\|", "#", "#^", "^", "![[", "^[", "[", "]", "(", ")", "==", "===",
    "%%", "`", "$", "*", "**", "_", "~~", "\\", ">", "!", ":", "{", "}", "<", "&", "-", "+",
    "[!note]", "[^1]", "]]]]", "[[[[", " ", "\t", "  ", "[[]]", "![[]]", "[[|]]", "[[#]]",
    "[[#^]]", "#^x", "{#anchor .cls}", "{{ sub }}", "www.example.com", "[ ]", "[x]",
]  # fmt: skip
TAGS = [
    "#tag", "#nested/tag", "#日本", "#1984", "#a-b_c", "#tag/", "#Tag", "#t😀", "#index",
    "#tags", "#x/y/z", "#e\u0301",
]  # fmt: skip
CALLOUT_TYPES = [
    "note", "info", "warning", "tip", "abstract", "todo", "success", "question", "failure",
    "danger", "bug", "example", "quote", "NOTE", "Custom-Type", "faq", "cite", "x_y", "日本",
    "IMPORTANT", "caution",
]  # fmt: skip
CODE_PIECES = [
    "[[b]]", "![[b#One]]", "==x==", "%%c%%", "#tag", "^blk", "$x$", "<b>", "&amp;", "{doc}",
    "\\", "*a*", "^[f]", "日本", "😀", "e\u0301", "\t", "  ", ">", "[!note]", "[[a#b]]", "x",
    "#", "^", "[", "]", "{", "}", "%", "=", "~", "$$",
]  # fmt: skip
FENCE = "`````"
LANGUAGES = ["", "text", "python", "mermaid", "md", "日本", "none", "json", "c++"]
EMBED_FILES = [
    "img.png", "img.png|100", "img.png|100x50", "img.png|alt|20", "missing.png", "doc.pdf",
    "song.mp3", "clip.mp4", "doc.pdf#page=2", "data.canvas", "img.png|<b>x</b>",
]  # fmt: skip
EXTERNAL = [
    "[t](https://example.com/a_b)", "<https://example.com>", "[t](#One)", "[t](missing.md)",
    "![alt](img.png)", "![alt|100](img.png)", "![](missing.png)",
    "![a](data:image/png;base64,AA==)", "[t](mailto:a@b.c)", "[t](javascript:alert(1))",
    "[t]()", "[t](<>)",
]  # fmt: skip


@dataclasses.dataclass
class Vocabulary:
    """What links in a note may name: notes, their headings, block ids, aliases."""

    targets: list[str]
    headings: list[str]
    blocks: list[str]
    aliases: list[str] = dataclasses.field(default_factory=list)


#: The notes the parser fuzz links to (they exist in its project, see PARSER_PROJECT).
PARSER_TARGETS = [
    "b", "a", "B", "b.md", "folder/c", "c", "missing", "fuzz", "index", "folder", "tags",
    "tags/tag", "../outside", "/abs", "folder/", "a.b", "Alias A", "日本",
]  # fmt: skip
PARSER_VOCABULARY = Vocabulary(
    targets=PARSER_TARGETS,
    headings=["One", "Two", "One#Sub", "Missing", "日本語", "x y", "B", "Sub"],
    blocks=["blk", "id-1", "x", "nope", "A_b"],
    aliases=["Alias A", "<b>x</b>"],
)


@dataclasses.dataclass
class Note:
    """A generated note: its text, and what must come out of it unchanged.

    ``fences`` holds, for each fenced code block written at the top level,
    the line its opening fence is on and its content; ``spans`` maps each
    code span's marker (a text found nowhere else) to the span's content.
    """

    text: str
    fences: list[tuple[int, str]] = dataclasses.field(default_factory=list)
    spans: dict[str, str] = dataclasses.field(default_factory=dict)


class NoteMaker:
    """Makes random notes. ``chaos`` (0 to 1) is how often raw markers and
    odd characters are mixed in; a vault-like note uses less of it and more
    links between the notes of ``vocabulary``; at 0, notes hold only everyday
    syntax (words, links, embeds, tags, light markup) in every block context."""

    def __init__(self, rng: random.Random, vocabulary: Vocabulary, *, chaos: float = 1.0) -> None:
        self.rng = rng
        self.vocabulary = vocabulary
        self.chaos = chaos
        self._spans: dict[str, str] = {}

    # -- inline ---------------------------------------------------------------------

    def target(self) -> str:
        rng, vocabulary = self.rng, self.vocabulary
        path = rng.choice(vocabulary.targets + vocabulary.aliases + [""])
        sub = rng.choice(
            [
                "",
                "",
                "#" + rng.choice(vocabulary.headings),
                "#^" + rng.choice(vocabulary.blocks),
                "#" + rng.choice(vocabulary.headings) + "#" + rng.choice(vocabulary.headings),
                "#",
                "#^",
                " # " + rng.choice(vocabulary.headings) + " ",
            ]
        )
        if not path and not sub:
            sub = "#" + rng.choice(vocabulary.headings)
        return path + sub

    def wikilink(self, depth: int, *, embed: bool | None = None) -> str:
        rng = self.rng
        if embed is None:
            embed = rng.random() < 0.3
        text = ("![[" if embed else "[[") + self.target()
        if rng.random() < 0.45:
            bar = "\\|" if rng.random() < 0.15 else "|"
            alias = self.alias(depth)
            text += bar + alias
        return text + "]]"

    def side_by_side(self) -> str:
        """Two note embeds side by side in one paragraph."""
        if self.chaos == 1 and self.rng.random() < 0.5:
            return "![[b#One]] ![[b#Two]]"
        return " ".join(self.wikilink(2, embed=True) for _ in range(2))

    def alias(self, depth: int) -> str:
        rng = self.rng
        choice = rng.random()
        if choice < 0.25 and self.chaos > 0:
            return rng.choice(
                [
                    "#tag", "<b>x</b>", "{doc}`index`", "`code`", "*em*", "==hi==", "^[fn]",
                    "$x$", "&amp;", "<br>", "100", "100x50", "[[x]]", "![[b]]", "%%c%%",
                    "[t](b.md)", "#tag <b>x</b> {doc}`index`", "x|y", "日本 😀", " ", "<plugin-id>",
                    "a\\|b", "**", "[", "]",
                ]
            )  # fmt: skip
        return self.inline(depth + 1, rng.randint(1, 4))

    def code_span(self) -> str:
        rng = self.rng
        marker = f"c0de{len(self._spans)}q"
        payload = "".join(rng.choice(CODE_PIECES) for _ in range(rng.randint(0, 6)))
        content = f"{marker} {payload}~"
        self._spans[marker] = content
        return f" ``{content}`` "

    def tame_piece(self, depth: int) -> str:
        """A piece of an everyday note: words, links, embeds, tags, light markup."""
        rng = self.rng
        roll = rng.random()
        if roll < 0.40:
            return rng.choice(["word ", "Note ", "text ", "a b ", "日本語 ", "don't ", "x "])
        if roll < 0.65 and depth < 2:
            return self.wikilink(depth) + " "
        if roll < 0.73:
            return rng.choice(TAGS[:4]) + " "
        if roll < 0.78 and depth < 2:
            return "==" + self.inline(depth + 1, rng.randint(1, 2)).strip() + "== "
        if roll < 0.83 and depth < 2:
            return "*" + self.inline(depth + 1, rng.randint(1, 2)).strip() + "* "
        if roll < 0.87 and depth < 2:
            return "^[" + self.inline(depth + 1, rng.randint(1, 2)).strip() + "] "
        if roll < 0.91:
            return self.code_span()
        if roll < 0.95:
            target = rng.choice(self.vocabulary.targets).replace(" ", "%20")
            return f"[md link]({target}.md) "
        if roll < 0.97:
            return "![[" + rng.choice(EMBED_FILES[:3]) + "]] "
        return "$x^2$ "

    def piece(self, depth: int) -> str:
        rng = self.rng
        vocabulary = self.vocabulary
        if self.chaos == 0:
            return self.tame_piece(depth)
        roll = rng.random()
        if roll < 0.22 * self.chaos:
            return rng.choice(MARKERS)
        roll = rng.random()
        if roll < 0.30:
            return rng.choice(WORDS[:6]) + " " if self.chaos < 0.5 else rng.choice(WORDS) + " "
        if roll < 0.45:
            return self.wikilink(depth) + " " if depth < 3 else "[[b]]"
        if roll < 0.50:
            return rng.choice(TAGS) + " "
        if roll < 0.55:
            return rng.choice(HTML_INLINE)
        if roll < 0.58:
            return rng.choice(ENTITIES)
        if roll < 0.62:
            return rng.choice(ROLES) + " "
        if roll < 0.66:
            return self.code_span()
        if roll < 0.70 and depth < 3:
            return "==" + self.inline(depth + 1, rng.randint(1, 3)) + "== "
        if roll < 0.73 and depth < 3:
            return "%%" + self.inline(depth + 1, rng.randint(0, 3)) + "%%"
        if roll < 0.76 and depth < 3:
            return "^[" + self.inline(depth + 1, rng.randint(1, 3)) + "] "
        if roll < 0.79 and depth < 3:
            mark = rng.choice(["*", "**", "_", "~~", "***"])
            return mark + self.inline(depth + 1, rng.randint(1, 3)).strip() + mark + " "
        if roll < 0.82:
            return rng.choice(["$x^2$", "$a$b$", "$$x$$", "$ x $", "\\$5", "$\\alpha$"])
        if roll < 0.86:
            return rng.choice(EXTERNAL)
        if roll < 0.90:
            target = rng.choice(vocabulary.targets)
            heading = rng.choice(vocabulary.headings).replace(" ", "%20")
            return rng.choice(
                [
                    f"[md link]({target.replace(' ', '%20')}.md#{heading})",
                    f"[md link]({target.replace(' ', '%20')})",
                    f"[md link](<{target}.md>)",
                ]
            )
        if roll < 0.93:
            return "![[" + rng.choice(EMBED_FILES) + "]] "
        if roll < 0.95:
            return rng.choice(["[^1]", "[^note]", "[^missing]"]) + " "
        return rng.choice(WORDS) + " "

    def inline(self, depth: int = 0, size: int | None = None) -> str:
        rng = self.rng
        if size is None:
            size = rng.randint(1, 9)
        return "".join(self.piece(depth) for _ in range(size))

    def line(self) -> str:
        """A line of inline text, maybe ending with a block id."""
        text = self.inline().replace("\n", " ")
        if self.rng.random() < 0.15:
            text = text.rstrip() + " ^" + self.rng.choice(self.vocabulary.blocks)
        return text

    # -- blocks -----------------------------------------------------------------------

    def paragraph(self) -> list[str]:
        lines = [self.line() for _ in range(self.rng.randint(1, 3))]
        if self.rng.random() < 0.1:
            lines.append("^" + self.rng.choice(self.vocabulary.blocks))
        return lines

    def heading(self) -> list[str]:
        rng = self.rng
        if rng.random() < 0.1:
            return [self.line(), rng.choice(["===", "---", "= = ="])]
        level = rng.choice([1, 1, 2, 2, 2, 3, 4, 6, 7])
        text = rng.choice(
            [
                self.inline(0, rng.randint(1, 4)),
                rng.choice(self.vocabulary.headings),
                self.side_by_side(),
                "",
            ]
        )
        tail = rng.choice(["", "", " #", " ^" + rng.choice(self.vocabulary.blocks), " ##"])
        return [("#" * level + " " + text + tail).rstrip(" ") if text or tail else "#" * level]

    def list_items(self, indent: str = "", depth: int = 0) -> list[str]:
        rng = self.rng
        ordered = rng.random() < 0.3
        lines = []
        for number in range(1, rng.randint(1, 4) + 1):
            if ordered:
                marker = f"{number}{rng.choice(['.', ')'])} "
            else:
                marker = rng.choice(["- ", "* ", "+ "])
            box = rng.choice(["", "", "", "[ ] ", "[x] ", "[?] ", "[/] ", "[-] "])
            item = rng.choice([self.line(), self.line(), self.side_by_side(), self.wikilink(0), ""])
            lines.append(f"{indent}{marker}{box}{item}".rstrip(" ") or f"{indent}-")
            pad = indent + " " * len(marker)
            roll = rng.random()
            if roll < 0.15 and depth < 2:
                lines.extend(self.list_items(rng.choice([pad, indent + "\t"]), depth + 1))
            elif roll < 0.22:
                lines.append(pad + self.line())
            elif roll < 0.27:
                lines.append(pad + "^" + rng.choice(self.vocabulary.blocks))
            elif roll < 0.30:
                lines.extend(["", pad + self.line()])
            elif roll < 0.33:
                lines.extend(pad + line for line in self.callout(0))
        if rng.random() < 0.15:
            lines.extend(["", "^" + rng.choice(self.vocabulary.blocks)])
        return lines

    def cell(self) -> str:
        text = self.inline(0, self.rng.randint(0, 3)).replace("\n", " ")
        # a bar inside a cell is written ``\|`` (as Obsidian writes it in tables)
        return re.sub(r"(?<!\\)\|", r"\\|", text).strip() or " "

    def table(self) -> list[str]:
        rng = self.rng
        width = rng.randint(1, 3)
        header = "| " + " | ".join(self.cell() for _ in range(width)) + " |"
        rule = "|" + "|".join(rng.choice(["---", ":--", "--:", ":-:"]) for _ in range(width)) + "|"
        rows = []
        for _ in range(rng.randint(0, 3)):
            cells = [self.cell() for _ in range(rng.choice([width, width, width + 1, 1]))]
            if rng.random() < 0.2:
                cells[0] = rng.choice([self.side_by_side(), "[[b\\|alias]]", "![[img.png\\|50]]"])
            row = "| " + " | ".join(cells) + " |"
            rows.append(row if rng.random() < 0.9 else row.strip("| "))
        lines = [header, rule, *rows]
        if rng.random() < 0.15:
            lines.append("^" + rng.choice(self.vocabulary.blocks))
        return lines

    def quote(self, depth: int = 0) -> list[str]:
        rng = self.rng
        lines: list[str] = []
        for _ in range(rng.randint(1, 3)):
            roll = rng.random()
            if roll < 0.6:
                lines.append(self.line())
            elif roll < 0.7:
                lines.extend(self.list_items())
            elif roll < 0.8 and depth < 2:
                lines.extend("> " + line if line else ">" for line in self.quote(depth + 1))
            elif roll < 0.9:
                lines.append("^" + rng.choice(self.vocabulary.blocks))
            else:
                lines.append("")
        return ["> " + line if line else ">" for line in lines]

    def callout(self, depth: int = 0) -> list[str]:
        rng = self.rng
        kind = rng.choice(CALLOUT_TYPES)
        meta = rng.choice(["", "", "", "|wide", "|a b", "|<b>", "|"])
        fold = rng.choice(["", "", "+", "-"])
        title = rng.choice(["", "", self.inline(0, rng.randint(1, 3)), "Title", "![[b#One]]"])
        first = f"[!{kind}{meta}]{fold} {title}".rstrip(" ")
        body: list[str] = [first]
        for _ in range(rng.randint(0, 4)):
            roll = rng.random()
            if roll < 0.4:
                body.append(self.line())
            elif roll < 0.5:
                body.extend(self.list_items())
            elif roll < 0.58:
                body.extend(self.table())
            elif roll < 0.7 and depth < 2:
                body.extend("> " + line if line else ">" for line in self.callout(depth + 1))
            elif roll < 0.78:
                body.append("^" + rng.choice(self.vocabulary.blocks))
            elif roll < 0.84:
                body.append("")
            elif roll < 0.9:
                body.extend([FENCE, "code [[b]] in a callout", FENCE])
            elif roll < 0.95:
                body.append(self.side_by_side())
            else:
                body.extend(self.heading())
        return ["> " + line if line else ">" for line in body]

    def footnote(self) -> list[str]:
        rng = self.rng
        label = rng.choice(["1", "note", "2", "日本", "x y"])
        lines = [f"[^{label}]: {self.line()}".rstrip(" ")]
        if rng.random() < 0.4:
            lines.append("    " + self.line())
        return lines

    def html_block(self) -> list[str]:
        rng = self.rng
        body = self.line()
        return rng.choice(
            [
                ["<div>", body, "</div>"],
                ["<div>", "", body, "", "</div>"],
                ["<details>", "<summary>S</summary>", "", body, "", "</details>"],
                [f"<!-- {body} -->"],
                ["<plugin-id>"],
                ["<br>"],
                [f"<plugin-id>{body}</plugin-id>"],
                [
                    '<div class="admonition note">',
                    '<p class="admonition-title">T</p>',
                    body,
                    "</div>",
                ],
                ["<!--", body, "-->"],
            ]
        )

    def directive(self) -> list[str]:
        rng = self.rng
        body = self.line()
        return rng.choice(
            [
                ["```{note}", body, "```"],
                [f"```{{admonition}} {self.inline(0, 2)}".rstrip(), body, "```"],
                ["```{callout} warning", ":title: T", "", body, "```"],
                ["```{code-block} python", "x = [[b]]", "```"],
                ["```{math}", "x", "```"],
                ["```{figure} img.png", ":width: 10", "", body, "```"],
                ["```{nosuchdirective}", body, "```"],
                [":::{note}", body, ":::"],
                ["::::{tip}", ":::{note}", body, ":::", "::::"],
                ["Term", ": " + body],
                [":field: " + body],
                ["{#blockattr .cls}", body],
                ["\\begin{equation}", "x", "\\end{equation}"],
                ["(a-label)=", "## Labelled"],
                ["% a MyST comment " + body],
                ["+++", body],
                ["$$", "x [[b]]", "$$"],
                ["$$ x $$"],
                ["    indented code [[b]]"],
                ["%%", body, "%%"],
                [f"%% {body} %%"],
                ["---"],
                ["***"],
            ]
        )

    def embeds(self) -> list[str]:
        rng = self.rng
        parts = [self.wikilink(0, embed=True) for _ in range(rng.randint(2, 3))]
        joiner = rng.choice([" ", "", " text ", "\t", " ^x "])
        line = joiner.join(parts)
        return [rng.choice(["", "", "- ", "> ", "1. ", "## ", "text "]) + line]

    def block(self) -> list[str]:
        rng = self.rng
        if self.chaos == 0:
            return rng.choice(
                [
                    self.paragraph, self.paragraph, self.heading, self.list_items, self.table,
                    self.quote, self.callout, self.footnote, self.embeds,
                ]
            )()  # fmt: skip
        return rng.choice(
            [
                self.paragraph, self.paragraph, self.heading, self.list_items, self.table,
                self.quote, self.callout, self.callout, self.footnote, self.html_block,
                self.directive, self.embeds, self.embeds,
            ]
        )()  # fmt: skip

    def code_fence(self) -> tuple[list[str], str]:
        rng = self.rng
        lines = []
        for _ in range(rng.randint(0, 4)):
            line = "".join(rng.choice(CODE_PIECES + WORDS[:20]) for _ in range(rng.randint(0, 6)))
            lines.append(line.replace("`", "'"))
        body = "".join(line + "\n" for line in lines)
        info = rng.choice(LANGUAGES)
        return [FENCE + info, *lines, FENCE], body

    # -- notes ---------------------------------------------------------------------

    def front_matter(self) -> list[str]:
        rng = self.rng
        lines: list[str] = []
        for _ in range(rng.randint(1, 4)):
            lines.extend(
                rng.choice(
                    [
                        ["title: " + rng.choice(["A title", "'[[b]]'", "é", "<b>x</b>", "'#tag'",
                                                 "'{doc}`index`'", "''", "日本", "1984", "null",
                                                 "'==hi=='", "'`code`'"])],
                        ["aliases: [" + ", ".join(rng.sample(
                            ["Alias A", "'<b>x</b>'", "'#tag'", "'{doc}`index`'", "日本", "b",
                             "''", "'[[b]]'", "x|y"], rng.randint(0, 3))) + "]"],
                        ["aliases:", "  - " + rng.choice(["z", "'<i>y</i>'", "'a#b'"])],
                        ["alias: single"],
                        ["tags: [" + ", ".join(rng.sample(
                            ["tag", "nested/tag", "日本", "'#x'", "1984", "'a b'", "''", "index"],
                            rng.randint(0, 3))) + "]"],
                        ["tags: " + rng.choice(["tag", "'#tag'", "[[b]]", "null"])],
                        ["cssclasses: [wide, '<x>']"],
                        ["description: " + rng.choice(["d", "'<script>'", "''"])],
                        ["related: '[[b#One]]'"],
                        ["related:", "  - '[[a|<b>x</b>]]'", "  - '![[b]]'"],
                        ["date: 2024-01-02"],
                        ["count: 3"],
                        ["nested: {a: [1, {b: c}]}"],
                        ["empty:"],
                        ["{bad yaml"],
                        ["- a list"],
                        ["key: 'value with [[b|alias]] #tag'"],
                    ]
                )
            )  # fmt: skip
        return ["---", *lines, "---"]

    def note(self, *, blocks: int | None = None) -> Note:
        rng = self.rng
        self._spans = {}
        lines: list[str] = []
        fences: list[tuple[int, str]] = []
        if rng.random() < 0.5:
            lines.extend(self.front_matter())
        if rng.random() < 0.4:
            lines.append("# " + rng.choice([self.inline(0, 2), "Title", "B", ""]).strip())
            lines.append("")
        for _ in range(blocks if blocks is not None else rng.randint(1, 7)):
            if rng.random() < 0.15:
                block, body = self.code_fence()
                if lines and lines[-1] != "":
                    lines.append("")
                fences.append((len(lines), body))
                lines.extend(block)
            else:
                lines.extend(self.block())
            lines.extend([""] * rng.choice([1, 1, 1, 0, 2]))
        return Note(line_ends(rng, lines), fences, dict(self._spans))


def line_ends(rng: random.Random, lines: list[str]) -> str:
    """Join lines with LF, CRLF, CR or a mix; sometimes start with a byte order mark."""
    mode = rng.random()
    if mode < 0.6:
        text = "\n".join(lines) + "\n"
    elif mode < 0.75:
        text = "\r\n".join(lines) + "\r\n"
    elif mode < 0.85:
        text = "\r".join(lines) + "\r"
    else:
        parts, end = [], ""
        for line in lines:
            # a CR then an empty line's LF would read as one CRLF: one line fewer
            end = rng.choice(["\r", "\r\n"] if end == "\r" and not line else ["\n", "\r\n", "\r"])
            parts.append(line + end)
        text = "".join(parts)
    if rng.random() < 0.1:
        text = "\ufeff" + text
    if rng.random() < 0.05:
        text = text.rstrip("\r\n")
    return text


def normalise_newlines(text: str) -> str:
    """The text as markdown-it and Sphinx see it: CRLF and CR are LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


# -- checks ---------------------------------------------------------------------------


def nesting_problem(tokens: Sequence[Token], where: str = "block") -> str | None:
    """Why a token stream does not nest, or ``None``: every ``x_open`` must be
    closed by an ``x_close`` at the same depth, in order; inline tokens and
    tokens with children (links' aliases, footnotes) are checked too."""
    stack: list[str] = []
    for token in tokens:
        if token.nesting == 1:
            stack.append(token.type.removesuffix("_open"))
        elif token.nesting == -1:
            kind = token.type.removesuffix("_close")
            if not stack:
                return f"{where}: {token.type} closes nothing"
            opened = stack.pop()
            if opened != kind:
                return f"{where}: {opened}_open closed by {token.type}"
        if token.children:
            found = nesting_problem(token.children, f"{where} > {token.type}")
            if found:
                return found
    if stack:
        return f"{where}: {stack[-1]}_open never closed"
    return None


def all_tokens(tokens: Iterable[Token]) -> Iterable[Token]:
    for token in tokens:
        yield token
        if token.children:
            yield from all_tokens(token.children)


def verbatim_problems(note: Note, tokens: Sequence[Token]) -> list[str]:
    """Code that did not come out of the tokenizer exactly as written.

    A fence is checked when markdown-it opened a fence at its line (an
    unclosed comment or HTML block above may rightly swallow it); a span
    when a code span starts with its marker (a text found nowhere else: only
    the span's own opening backticks can start a code span there, whereas a
    span opened earlier by other backticks may rightly hold it whole).
    """
    problems = []
    for line, body in note.fences:
        for token in tokens:
            opened_here = token.type == "fence" and token.map and token.map[0] == line
            if opened_here and token.markup == FENCE and token.content != body:
                problems.append(f"fence at line {line + 1}: {token.content!r} != {body!r}")
    for token in all_tokens(tokens):
        if token.type != "code_inline":
            continue
        for marker, content in note.spans.items():
            if token.content.startswith(marker) and token.content != content:
                problems.append(f"code span {token.content!r} != {content!r}")
    return problems


def opened_fences(note: Note, tokens: Sequence[Token]) -> list[tuple[int, str]]:
    """The note's fences that markdown-it opened where they were written."""
    lines = {token.map[0] for token in tokens if token.type == "fence" and token.map}
    return [(line, body) for line, body in note.fences if line in lines]


def doctree_verbatim_problems(
    note: Note, fences: list[tuple[int, str]], doctree: nodes.document
) -> list[str]:
    """Code that changed between the tokens and the document.

    Each fence markdown-it opened must be a literal block at its line with
    its content; each literal starting with a span's marker must be that span.
    """
    problems = []
    blocks = {}
    for block in doctree.findall(nodes.literal_block):
        blocks.setdefault(block.line, []).append(block.astext())
    for line, body in fences:
        found = blocks.get(line + 1, [])
        if body not in found and body.rstrip("\n") not in found:
            problems.append(f"literal block at line {line + 1}: {found!r} != {body!r}")
    for literal in doctree.findall(nodes.literal):
        text = literal.astext()
        for marker, content in note.spans.items():
            if text.startswith(marker) and text != content:
                problems.append(f"literal {text!r} != {content!r}")
    return problems


_WARNING_START = re.compile(
    r"^(?:(?P<location>\S.*?): )?(?P<level>WARNING|ERROR|CRITICAL|SEVERE):", re.MULTILINE
)


def warning_entries(text: str) -> list[tuple[str | None, str]]:
    """The warnings printed by a build: (location, message) for each.

    A warning may run over several lines (a line that does not start a
    warning continues the one before). Sphinx's notes that a second
    application in one process registers its nodes again are left out.
    """
    text = ESCAPES.sub("", text)
    entries: list[tuple[str | None, str]] = []
    for line in text.split("\n"):
        if not line.strip() or "while setting up extension" in line:
            continue
        match = _WARNING_START.match(line)
        if match:
            entries.append((match.group("location"), line[match.end() :].strip()))
        elif entries:
            location, message = entries[-1]
            entries[-1] = (location, message + "\n" + line)
        else:
            entries.append((None, line))
    return entries


def unlocated_warnings(text: str, srcdir: Path) -> list[str]:
    """The warnings that do not say which file of the source folder they are about."""
    root = str(srcdir)
    return [
        message if location is None else f"{location}: {message}"
        for location, message in warning_entries(text)
        if location is None or not location.startswith(root)
    ]


def caught_faults(text: str) -> list[str]:
    """The ``obsidian.not_rendered`` warnings of a build: faults of the extension
    that it caught so that the build goes on. Each is a bug to report (the
    warning's documentation asks for it), so the fuzz tests count them."""
    return [message for _, message in warning_entries(text) if "[obsidian.not_rendered]" in message]


def without_paths(text: str) -> str:
    """``text`` with absolute paths (of temporary folders) shown as ``<path>``."""
    return re.sub(r"(?:/[^\s/'\"()]+){2,}/?", "<path>", text)


def warning_shape(message: str) -> str:
    """A warning's message with its particulars taken out, for grouping."""
    first = message.split("\n", 1)[0]
    first = re.sub(r"'[^']*'|\"[^\"]*\"|“[^”]*”|!?\[\[.*?\]\]", "…", first)
    first = re.sub(r"\b\d+\b", "N", without_paths(first))
    return first[:140]


#: elements that are blocks in every writer: none belongs inside a paragraph or a title
BLOCKS = (
    nodes.Structural, nodes.Sequential, nodes.Admonition, nodes.paragraph, nodes.container,
    nodes.table, nodes.block_quote, nodes.literal_block, nodes.math_block, nodes.rubric,
    nodes.footnote, nodes.citation, nodes.figure, nodes.compound, nodes.transition,
)  # fmt: skip


def invalid_nesting(doctree: nodes.Node) -> list[str]:
    """Block elements placed inside text elements (a list in a paragraph, a
    paragraph in a title): writers expect those to hold inline content only."""
    problems = []
    for node in doctree.findall(nodes.TextElement):
        if isinstance(node, nodes.FixedTextElement):
            continue
        for child in node.findall(lambda n: isinstance(n, BLOCKS), include_self=False):
            problems.append(f"{child.tagname} inside {node.tagname}")
            break
    return problems


# -- failures ------------------------------------------------------------------------


def root_cause(exc: BaseException) -> BaseException:
    """The exception that started it all (Sphinx wraps handlers' exceptions)."""
    seen = set()
    while id(exc) not in seen:
        seen.add(id(exc))
        inner = getattr(exc, "orig_exc", None) or exc.__cause__
        if not isinstance(inner, BaseException):
            break
        exc = inner
    return exc


def exception_key(exc: BaseException) -> tuple[str, str]:
    """A key naming where an exception comes from (type, innermost frame, and the
    innermost frame of the extension), and its traceback for the report."""
    root = root_cause(exc)
    frames = traceback.extract_tb(root.__traceback__)
    parts = [type(root).__name__]
    if frames:
        inner = frames[-1]
        parts.append(f"{Path(inner.filename).name}:{inner.name}")
        ours = [frame for frame in frames if "sphinxext/obsidian" in frame.filename]
        if ours and ours[-1] is not inner:
            parts.append(f"via {Path(ours[-1].filename).name}:{ours[-1].name}")
    message = re.sub(r"0x[0-9a-f]+", "0x…", without_paths(str(root))).split("\n", 1)[0]
    # docutils nodes and lists in a message vary with the note, not with the fault
    message = re.sub(r"<(?!class\b)([a-z_]+)[: ].*>", r"<\1 …>", message)
    message = re.sub(r"\[[^\]]*\]", "[…]", message)
    message = re.sub(r"\b\d+\b", "N", message)[:120]
    key = " ".join(parts) + f": {message}"
    detail = "".join(traceback.format_exception(root)[-12:])
    return key, detail


@dataclasses.dataclass
class Failure:
    key: str
    detail: str
    case: str
    origin: str
    count: int = 1


class Failures:
    """Distinct problems found by a fuzz test, each with its smallest case."""

    def __init__(self, title: str) -> None:
        self.title = title
        self.found: dict[str, Failure] = {}
        self.shrink_seconds = 0.0

    def __bool__(self) -> bool:
        return bool(self.found)

    def known(self, key: str) -> bool:
        return key in self.found

    def add(self, key: str, detail: str, case: str, origin: str) -> None:
        failure = self.found.get(key)
        if failure is None:
            self.found[key] = Failure(key, detail, case, origin)
            return
        failure.count += 1
        if len(case) < len(failure.case):
            failure.case, failure.origin, failure.detail = case, origin, detail

    def report(self) -> str:
        out = [f"{self.title}: {len(self.found)} distinct problem(s)"]
        for number, failure in enumerate(sorted(self.found.values(), key=lambda f: f.key), start=1):
            out.append("")
            out.append(f"[{number}] {failure.key}")
            out.append(f"    seen {failure.count} time(s); smallest case from {failure.origin}")
            out.append("    case:")
            out.extend("      " + line for line in failure.case.split("\n"))
            out.append("    detail:")
            out.extend("      " + line for line in failure.detail.rstrip().split("\n"))
        return "\n".join(out)


def shrink(
    units: list[str],
    still_fails: Callable[[list[str]], bool],
    *,
    budget: int,
    deadline: float,
) -> list[str]:
    """Remove as many units as possible while ``still_fails`` (delta debugging,
    chunks halving down to single units), within ``budget`` calls and before
    ``deadline`` (a ``time.monotonic()`` value)."""
    calls = 0
    size = max(1, len(units) // 2)
    while True:
        index = 0
        while index < len(units):
            if calls >= budget or time.monotonic() > deadline:
                return units
            candidate = units[:index] + units[index + size :]
            calls += 1
            if candidate != units and still_fails(candidate):
                units = candidate
            else:
                index += size
        if size == 1:
            return units
        size = max(1, size // 2)


_TEXT_UNITS = re.compile(r"\s+|\w+|[^\w\s]", re.UNICODE)


def shrink_text(
    text: str, still_fails: Callable[[str], bool], *, budget: int = 250, seconds: float = 20.0
) -> str:
    """The smallest text found that still fails: lines first, then words and marks."""
    deadline = time.monotonic() + seconds
    lines = shrink(
        text.splitlines(keepends=True),
        lambda units: still_fails("".join(units)),
        budget=budget // 2,
        deadline=deadline,
    )
    pieces = shrink(
        _TEXT_UNITS.findall("".join(lines)),
        lambda units: still_fails("".join(units)),
        budget=budget // 2,
        deadline=deadline,
    )
    return "".join(pieces)


def unified_diff(expected: str, actual: str, *, limit: int = 60) -> str:
    lines = list(
        difflib.unified_diff(
            expected.splitlines(),
            actual.splitlines(),
            "fresh build",
            "incremental build",
            lineterm="",
            n=2,
        )
    )
    if len(lines) > limit:
        lines = [*lines[:limit], f"... ({len(lines) - limit} more diff lines)"]
    return "\n".join(lines)


def main_area(html: str) -> str:
    """The HTML inside the theme's main area (the ``basic`` theme of Sphinx's
    test applications), the "Linked mentions" list included."""
    start = html.find('role="main">')
    if start < 0:
        return html
    start += len('role="main">')
    end = html.find('<div class="sphinxsidebar"', start)
    return html[start : end if end >= 0 else len(html)]


# -- small vaults -----------------------------------------------------------------------

NAMES = [
    "alpha", "Beta note", "gamma", "Δelta", "日本", "\u00e9clair", "Note", "note", "a.b",
    "x y z", "index", "Ünïcode", "100%", "it's", "C sharp", "zeta", "f1", "sub",
]  # fmt: skip
FOLDERS = ["", "f1", "Folder Two", "f1/sub", "日本"]
HEADINGS = ["One", "Two", "Intro", "日本語", "Same", "A b", "Sub", "e\u0301t\u00e9", "`x`"]
BLOCK_IDS = ["blk", "id-1", "x", "A_b", "quote", "Q"]
ALIASES = ["Alias A", "alias b", "<b>x</b>", "#tag", "Beta note", "{doc}`index`", "日本 alias"]
TITLES = ["A title", "Same title", "<b>T</b>", "`code`", "[[alpha]]", "日本", "==hi==", "#tag"]
TAG_NAMES = ["tag", "nested/tag", "日本", "Tag", "other", "index", "a-b"]
EXTRA_FRONT = [
    "cssclasses: [wide]", "description: A note", "related: '[[alpha#One]]'", "publish: false",
    "draft: true", "count: 3", "{bad yaml", "empty:", "date: 2024-01-02",
]  # fmt: skip
EXCLUDING = ("publish: false", "draft: true")


def yaml_text(value: str) -> str:
    """A YAML scalar for ``value`` (a JSON string is one)."""
    import json

    return json.dumps(value, ensure_ascii=False)


@dataclasses.dataclass
class VaultNote:
    """A note of a generated vault, kept as parts so that edits can change one."""

    path: str
    title: str | None = None
    aliases: list[str] = dataclasses.field(default_factory=list)
    tags: list[str] = dataclasses.field(default_factory=list)
    front: list[str] = dataclasses.field(default_factory=list)
    h1: str | None = None
    blocks: list[str] = dataclasses.field(default_factory=list)
    crlf: bool = False

    @property
    def file(self) -> str:
        return self.path + ".md"

    @property
    def name(self) -> str:
        return self.path.rsplit("/", 1)[-1]

    @property
    def folder(self) -> str:
        return self.path.rsplit("/", 1)[0] if "/" in self.path else ""

    def text(self) -> str:
        front = []
        if self.title is not None:
            front.append("title: " + yaml_text(self.title))
        if self.aliases:
            front.append("aliases: [" + ", ".join(map(yaml_text, self.aliases)) + "]")
        if self.tags:
            front.append("tags: [" + ", ".join(map(yaml_text, self.tags)) + "]")
        front.extend(self.front)
        parts = []
        if front:
            parts.append("---\n" + "\n".join(front) + "\n---")
        if self.h1 is not None:
            parts.append(f"# {self.h1}".rstrip())
        parts.extend(self.blocks)
        text = "\n\n".join(parts) + "\n"
        return text.replace("\n", "\r\n") if self.crlf else text

    def headings(self) -> list[str]:
        return [
            match.group(1).strip()
            for block in self.blocks
            for match in re.finditer(r"^#{2,6} +(.+)$", block, re.MULTILINE)
        ]

    def block_ids(self) -> list[str]:
        return [
            match.group(1)
            for block in self.blocks
            for match in re.finditer(r"\^([A-Za-z0-9_-]+)[ \t]*$", block, re.MULTILINE)
        ]


def vocabulary_of(notes: Iterable[VaultNote]) -> Vocabulary:
    """What links may name in a vault: names and paths of its notes (and one that
    is missing), all headings and block ids (so that some are missing), aliases."""
    notes = list(notes)
    targets = ["missing"]
    for note in notes:
        targets += [note.name, note.path, note.file]
        if unicodedata.normalize("NFD", note.name) != note.name:
            targets.append(unicodedata.normalize("NFD", note.name))
    return Vocabulary(
        targets=targets,
        headings=sorted({h for note in notes for h in note.headings()} | {"Missing"}),
        blocks=sorted({b for note in notes for b in note.block_ids()} | {"nope"}),
        aliases=sorted({a for note in notes for a in note.aliases}),
    )


class VaultMaker:
    """Makes small vaults of notes that link to and embed each other."""

    def __init__(
        self, rng: random.Random, *, chaos: float = 0.25, root_excluded: bool = True
    ) -> None:
        self.rng = rng
        self.chaos = chaos
        #: whether the root document may say ``publish: false`` (Sphinx then has none)
        self.root_excluded = root_excluded

    def new_path(self, taken: Iterable[str], folders: Sequence[str]) -> str:
        rng = self.rng
        taken = set(taken)
        for _ in range(50):
            folder = rng.choice(folders)
            name = rng.choice(NAMES)
            if rng.random() < 0.3 and folder:
                name = rng.choice(["index", folder.rsplit("/", 1)[-1]])  # a folder note
            path = f"{folder}/{name}" if folder else name
            if path not in taken and path != "index":
                return path
        return f"note {len(taken)}"

    def note(self, path: str, others: Sequence[VaultNote]) -> VaultNote:
        rng = self.rng
        note = VaultNote(path)
        if rng.random() < 0.3:
            note.title = rng.choice(TITLES)
        if rng.random() < 0.3:
            note.aliases = rng.sample(ALIASES, rng.randint(1, 2))
        if rng.random() < 0.3:
            note.tags = rng.sample(TAG_NAMES, rng.randint(1, 2))
        if rng.random() < 0.15:
            note.front = [rng.choice(EXTRA_FRONT)]
            if path == "index" and not self.root_excluded:
                note.front = [line for line in note.front if line not in EXCLUDING]
        if rng.random() < 0.5:
            note.h1 = rng.choice([note.name, "Heading one", *TITLES[:3]])
        note.crlf = rng.random() < 0.1
        for heading in rng.sample(HEADINGS, rng.randint(0, 3)):
            note.blocks.append("#" * rng.choice([2, 2, 3]) + " " + heading)
            note.blocks.extend(self.body_block(note, others) for _ in range(rng.randint(1, 2)))
        if not note.blocks or rng.random() < 0.5:
            note.blocks.append(self.body_block(note, others))
        return note

    def body_block(self, note: VaultNote, others: Sequence[VaultNote]) -> str:
        rng = self.rng
        maker = NoteMaker(rng, vocabulary_of([*others, note]), chaos=self.chaos)
        roll = rng.random()
        if roll < 0.25:
            return maker.line().rstrip() + " ^" + rng.choice(BLOCK_IDS)
        if roll < 0.45:
            return self.link_line(maker)
        lines = maker.block()
        return "\n".join(lines).strip("\n") or "text"

    def link_line(self, maker: NoteMaker) -> str:
        rng = self.rng
        parts = [maker.wikilink(0, embed=rng.random() < 0.4) for _ in range(rng.randint(1, 3))]
        if rng.random() < 0.2:
            parts.append("#" + rng.choice(TAG_NAMES))
        return rng.choice(["", "See ", "- ", "> ", "> [!note] Links\n> "]) + " ".join(parts)

    def vault(self, size: int) -> list[VaultNote]:
        rng = self.rng
        folders = rng.choice([[""], ["", "f1"], ["f1"], ["f1", "Folder Two"], ["", "f1/sub"],
                              ["日本"], ["f1", "f1/sub"]])  # fmt: skip
        paths = ["index"]
        while len(paths) < size:
            paths.append(self.new_path(paths, folders))
        # made in two passes, so that the first notes can link to the later ones too
        notes = [VaultNote(path) for path in paths]
        for index, path in enumerate(paths):
            notes[index] = self.note(path, notes)
        return notes


def show_vault(files: dict[str, str]) -> str:
    """A vault's files for a report, each text shown as a Python string."""
    return "\n".join(f"{name}: {text!r}" for name, text in sorted(files.items()))
