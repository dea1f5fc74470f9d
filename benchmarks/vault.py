"""Generate a realistic Obsidian vault of any size, deterministically.

Notes look like those of generated podcast wikis: front matter with
``title``, ``videoId``, ``aliases`` and ``tags``; no first-level heading;
``##`` and ``###`` sections; about eight wikilinks per note in every form
(aliases, headings, blocks, folder paths, dangling targets); a callout or two,
some folded and nested; a code block containing ``[[`` text; and, in every
tenth note, an embed of another note's section.
"""

from __future__ import annotations

import argparse
import posixpath
import random
from pathlib import Path

TOPICS = ["history", "science", "economics", "technology", "politics", "culture"]
_TEXT = (
    "the of and a to in is was for on that with as by at from it an be this which "
    "policy famine industry network signal research archive interview author memory "
    "village reform market engine theory evidence record council harvest"
)
WORDS = _TEXT.split()


def note_name(index: int) -> str:
    return f"note_{index:05d}"


def note_folder(index: int) -> str:
    return f"{TOPICS[index % len(TOPICS)]}/part_{index % 4}"


def sentence(rng: random.Random, words: int = 14) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def markdown_link(text: str, target: int, from_index: int) -> str:
    """The relative Markdown link plain MyST needs for the same target."""
    path = f"{note_folder(target)}/{note_name(target)}.md"
    relative = posixpath.relpath(path, note_folder(from_index))
    return f"[{text}](<{relative}>)"


def links(rng: random.Random, count: int, index: int, markdown: bool = False) -> list[str]:
    """``count`` links of every form, or (``markdown``) the same links as MyST writes them."""
    forms = []
    for _ in range(count):
        target = rng.randrange(count * 1000) % max(index + 50, 1)
        name = note_name(target)
        form = rng.randrange(8)
        if markdown:
            text = name if form != 5 else f"missing_topic_{target}"
            forms.append(
                markdown_link(text, target, index) if form != 5 else f"[{text}]({text}.md)"
            )
            continue
        if form == 0:
            forms.append(f"[[{name}]]")
        elif form == 1:
            forms.append(f"[[{name} | {sentence(rng, 3)[:-1]}]]")
        elif form == 2:
            forms.append(f"[[{name}#Background]]")
        elif form == 3:
            forms.append(f"[[{name}#^fact-{target % 3}|a fact]]")
        elif form == 4:
            forms.append(f"[[{note_folder(target)}/{name}]]")
        elif form == 5:
            forms.append(f"[[missing_topic_{target}]]")
        elif form == 6:
            forms.append(f"[[Alias {target}]]")
        else:
            forms.append(f"[[{name}#Reflection|**reflection**]]")
    return forms


def fold(index: int) -> str:
    return "-" if index % 3 == 0 else ""


def note_text(index: int, total: int, rng: random.Random, markdown: bool = False) -> str:
    ls = links(rng, 8, total, markdown)
    parts = [
        "---",
        f"title: Episode {index} on {rng.choice(WORDS)}",
        f"videoId: {rng.randrange(16**10):010x}",
        f"aliases: [Alias {index}]",
        f"tags: [{TOPICS[index % len(TOPICS)]}, podcast]",
        "---",
        "",
        f"From: {ls[0]} <br/>",
        f"{sentence(rng, 30)} {ls[1]} {sentence(rng, 20)}",
        "",
        "## Background",
        "",
        f"{sentence(rng, 25)} {ls[2]}. ^fact-0",
        "",
        f"- {sentence(rng, 8)} {ls[3]} ^fact-1",
        f"- {sentence(rng, 8)}",
        "",
        "### Details",
        "",
        f"{sentence(rng, 40)} {ls[4]} {sentence(rng, 12)}",
        "",
        "```bash",
        'if [[ -f "$HOME/.vault" ]]; then echo "[[not a link]]"; fi',
        "```",
        "",
        "## Consequences",
        "",
        f"{sentence(rng, 30)} {ls[5]}. ^fact-2",
        "",
        f"> [!{'tip' if index % 2 else 'warning'}]{fold(index)} {sentence(rng, 4)}",
        f"> {sentence(rng, 20)} {ls[6]}",
    ]
    if index % 5 == 0:
        parts += [">", "> > [!note] Nested", f"> > {sentence(rng, 10)}"]
    if index % 10 == 0 and not markdown:
        embedded = note_name((index * 7 + 3) % total)
        parts += ["", f"![[{embedded}#Background]]"]
    parts += ["", "## Reflection", "", f"{sentence(rng, 35)} {ls[7]}", ""]
    return "\n".join(parts)


def generate(target: Path, count: int, seed: int = 1, markdown: bool = False) -> Path:
    """Write ``count`` notes under ``target/vault`` and return ``target``.

    With ``markdown``, every wikilink is written as the equivalent relative
    Markdown link instead: the same notes as plain MyST would need them, to
    show what links themselves cost a Sphinx build.
    """
    rng = random.Random(seed)
    for index in range(count):
        folder = target / "vault" / note_folder(index)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{note_name(index)}.md").write_text(
            note_text(index, count, rng, markdown), encoding="utf-8"
        )
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("target", type=Path)
    parser.add_argument("--notes", type=int, default=1000)
    args = parser.parse_args()
    generate(args.target, args.notes)


if __name__ == "__main__":
    main()
