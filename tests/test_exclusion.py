"""What a vault does not publish stays out of the build (OFM-SPEC sections 7-8)."""

from __future__ import annotations

import pytest
from sphinx.testing.util import SphinxTestApp

from .conftest import main_content, obsidian_links, warning_lines


@pytest.mark.sphinx("html", testroot="exclusion", freshenv=True)
def test_settings_trash_templates_and_unpublished_notes_are_left_out(app: SphinxTestApp) -> None:
    app.build()
    # a folder named like the template folder deeper in the vault is content
    assert sorted(app.env.found_docs) == ["index", "vault/public", "vault/wiki/templates/banner"]
    assert obsidian_links(main_content(app, "vault/public")) == [
        (None, "private"),
        (None, "the draft"),
        (None, "daily"),
        ("#", "public"),
        (None, "![[private]]"),
    ]
    prefix = "<src>/vault/public.md:7: WARNING: link "
    # embeds are expanded (and warn) before links are resolved
    assert warning_lines(app) == [
        "<src>/vault/public.md:9: WARNING: link ![[private]] to 'vault/private', which is left "
        "out of the build (publish: false) [obsidian.excluded]",
        f"{prefix}[[private]] to 'vault/private', which is left out of the build "
        "(publish: false) [obsidian.excluded]",
        f"{prefix}[[draft|the draft]] to 'vault/draft', which is left out of the build "
        "(draft: true) [obsidian.excluded]",
        "<src>/vault/public.md:7: WARNING: unresolved link [[daily]]: no note, page or alias "
        "named 'daily' [obsidian.unresolved]",
    ]


@pytest.mark.sphinx(
    "html",
    testroot="exclusion",
    freshenv=True,
    confoverrides={"obsidian_exclude_properties": {}, "obsidian_template_folders": []},
)
def test_exclusion_is_configurable(app: SphinxTestApp) -> None:
    app.build()
    # the drafts are back; the template folder named by the vault's settings stays out
    assert sorted(app.env.found_docs) == [
        "index", "vault/Templates/daily", "vault/draft", "vault/private", "vault/public",
        "vault/wiki/templates/banner",
    ]  # fmt: skip
