"""Sphinx configuration of the example podcast wiki."""

project = "Podcast wiki"
extensions = ["sphinxext.obsidian"]
exclude_patterns = ["_build"]
html_theme = "alabaster"
