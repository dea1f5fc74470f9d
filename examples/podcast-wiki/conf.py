"""Sphinx configuration of the example podcast wiki."""

project = "Podcast wiki"
extensions = ["sphinxext.obsidian"]
exclude_patterns = ["_build"]
html_theme = "alabaster"
# each episode's ``videoId`` property links to the video
obsidian_property_links = {"videoId": "https://www.youtube.com/watch?v={value}"}
