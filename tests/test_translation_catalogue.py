"""The message catalogue of a vault (``-b gettext``): the notes' text as written,
Obsidian syntax included, for translators. (Its own module: Sphinx keeps its
translations for the process while a French build of the same project lives.)"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sphinx.testing.util import SphinxTestApp


def test_the_message_catalogue_holds_the_notes_text(
    built_root: Callable[..., SphinxTestApp],
) -> None:
    # messages are extracted in the language the notes are written in
    app = built_root("translations", "gettext", language="en")
    catalogue = (Path(app.outdir) / "Harvest.pot").read_text(encoding="utf-8")
    messages = [line for line in catalogue.splitlines() if line.startswith("msgid ")]
    assert messages == [
        'msgid ""',
        'msgid "Harvest"',
        'msgid "The harvest failed twice."',
        'msgid "Grain stores"',
        'msgid "The stores were empty by spring. ^stores"',
        'msgid "See [[Harvest#Grain stores]] and [[Harvest#^stores|the stores]]."',
        # a callout's title as written, Obsidian syntax included
        'msgid "Mind the **stores** before [[Reader]]"',
        'msgid "They run out."',
        # a callout without a title has Sphinx's label, which Sphinx translates
        'msgid "Count twice."',
    ]
